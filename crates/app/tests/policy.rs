//! Policy tracking (督查督办, issue 5): the seed becomes fourteen measures and one
//! task per (measure, unit) only once accepted; unknown units stop acceptance until
//! resolved; liaisons see and report on their own department's tasks; progress moves
//! the status; the exports read back; indicators without a module show no data.

mod common;

use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use zhijiao::entity::{policy_measure, task};

/// Import the seed as the administrator; returns the draft's id.
async fn import_seed(app: &TestApp, admin: &(reqwest::Client, String)) -> i64 {
    let resp = app.post_form(&admin.0, &admin.1, "/policy/seed", &[]).await;
    assert_eq!(resp.status(), 303);
    let loc = resp.headers()["location"].to_str().unwrap().to_string();
    loc.trim_start_matches("/policy/").parse().unwrap()
}

async fn accept(app: &TestApp, admin: &(reqwest::Client, String), id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    app.post_form(&admin.0, &admin.1, &format!("/policy/{id}/accept"), fields).await
}

async fn measure(app: &TestApp, policy_id: i64, number: i32) -> policy_measure::Model {
    policy_measure::Entity::find()
        .filter(policy_measure::Column::PolicyId.eq(policy_id))
        .filter(policy_measure::Column::Number.eq(number))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn task_of(app: &TestApp, policy_id: i64, number: i32, org: &str) -> task::Model {
    let m = measure(app, policy_id, number).await;
    let org_id = app.org_id(org).await;
    task::Entity::find()
        .filter(task::Column::MeasureId.eq(m.id))
        .filter(task::Column::OrgId.eq(org_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("task of ({number}) for {org}"))
}

dual_db_test!(accepting_the_seed_creates_fourteen_measures_and_their_tasks, |app: TestApp| async move {
    app.load_demo().await;
    let admin = app.login_as("admin").await;
    let id = import_seed(&app, &admin).await;
    // Reviewing creates nothing.
    let review = admin.0.get(app.url(&format!("/policy/{id}"))).send().await.unwrap();
    assert_eq!(review.status(), 200);
    let html = review.text().await.unwrap();
    assert!(html.contains("data-testid=\"source-lines\"") && html.contains("data-testid=\"measure-14\""), "side by side review");
    assert!(html.contains("lvl-understood"));
    assert_eq!(app.count("policy_measures").await, 0);
    assert_eq!(app.count("tasks").await, 0);

    let resp = accept(&app, &admin, id, &[]).await;
    assert_eq!(resp.status(), 303, "{}", resp.text().await.unwrap());
    assert_eq!(app.count("policy_measures").await, 14);
    // Units per measure in the seed: 4 4 2 1 5 3 2 1 2 3 4 3 3 2.
    assert_eq!(app.count("tasks").await, 39);
    assert_eq!(app.count("measure_units").await, 39);
    // Measure 14 is led by 人社中心; measure 11's 发展改革局 is 发展和改革局 by alias.
    let renshe = app.org_id("人社中心").await;
    assert_eq!(measure(&app, id, 14).await.lead_org_id, Some(renshe));
    assert_eq!(measure(&app, id, 11).await.lead_org_id, Some(app.org_id("发展和改革局").await));
    assert_eq!(measure(&app, id, 1).await.lead_org_id, Some(app.org_id("教育和体育事业中心").await));
    let lead14 = task_of(&app, id, 14, "人社中心").await;
    assert_eq!(lead14.role, "lead");
    assert_eq!(task_of(&app, id, 14, "教育和体育事业中心").await.role, "co");
    let renshe_tasks = task::Entity::find().filter(task::Column::OrgId.eq(renshe)).all(&app.db).await.unwrap();
    assert_eq!(renshe_tasks.len(), 11, "人社中心 is named in eleven measures");
    assert_eq!(task::Entity::find().filter(task::Column::OrgId.eq(app.org_id("发展和改革局").await)).all(&app.db).await.unwrap().len(), 2);
    // Audited, and a second acceptance is refused.
    let audit: i64 = {
        use sea_orm::PaginatorTrait;
        zhijiao::entity::audit_log::Entity::find()
            .filter(zhijiao::entity::audit_log::Column::Entity.eq("policy"))
            .filter(zhijiao::entity::audit_log::Column::Action.eq("accept"))
            .count(&app.db)
            .await
            .unwrap() as i64
    };
    assert_eq!(audit, 1);
    assert_eq!(accept(&app, &admin, id, &[]).await.status(), 409);
    assert_eq!(app.count("tasks").await, 39);
});

dual_db_test!(an_unknown_unit_is_reported_and_nothing_is_created_until_accepted, |app: TestApp| async move {
    app.load_demo().await;
    let admin = app.login_as("admin").await;
    let text = "关于测试的若干措施\n一、总体要求\n（一）建设示范基地。建成一个基地。（责任单位：未来产业局、人社中心）\n\
                （二）开展培训。每年培训一次。（牵头单位：工信局；配合单位：发展改革局）\n";
    let form = reqwest::multipart::Form::new().text("text", text).text("format", "text");
    let resp = admin.0.post(app.url(&format!("/policy/import?_csrf={}", admin.1))).multipart(form).send().await.unwrap();
    assert_eq!(resp.status(), 303);
    let id: i64 = resp.headers()["location"].to_str().unwrap().trim_start_matches("/policy/").parse().unwrap();
    let html = admin.0.get(app.url(&format!("/policy/{id}"))).send().await.unwrap().text().await.unwrap();
    let unknown = html.split("data-testid=\"unknown-units\"").nth(1).expect("unknown units are offered");
    assert!(unknown.contains("未来产业局") && unknown.contains("工信局"), "{unknown}");
    // Accepting with unknown units is refused, naming them; nothing is written.
    let resp = accept(&app, &admin, id, &[]).await;
    assert_eq!(resp.status(), 422);
    let body = resp.text().await.unwrap();
    assert!(body.contains("未来产业局"), "{body}");
    assert_eq!(app.count("policy_measures").await, 0);
    assert_eq!(app.count("tasks").await, 0);
    // One becomes a department, the other an alias of 工业信息化和商务局.
    let gx = app.org_id("工业信息化和商务局").await.to_string();
    assert_eq!(app.post_form(&admin.0, &admin.1, &format!("/policy/{id}/units"), &[("name", "未来产业局"), ("alias_of", "")]).await.status(), 303);
    assert_eq!(app.post_form(&admin.0, &admin.1, &format!("/policy/{id}/units"), &[("name", "工信局"), ("alias_of", &gx)]).await.status(), 303);
    let html = admin.0.get(app.url(&format!("/policy/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("data-testid=\"unknown-units\""));
    // The person corrects measure 2 (index 1): 人社中心 joins as a co-unit.
    let resp = accept(&app, &admin, id, &[("m1_co", "发展改革局、人社中心"), ("deadline", "2030-06-30")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(app.count("policy_measures").await, 2);
    assert_eq!(app.count("tasks").await, 5);
    let t = task_of(&app, id, 1, "未来产业局").await;
    assert_eq!((t.role.as_str(), t.deadline.to_string().as_str()), ("lead", "2030-06-30"));
    assert_eq!(task_of(&app, id, 2, "工业信息化和商务局").await.role, "lead");
    assert_eq!(task_of(&app, id, 2, "人社中心").await.role, "co");
});

dual_db_test!(a_liaison_sees_and_reports_only_on_its_own_tasks, |app: TestApp| async move {
    app.load_demo().await;
    let admin = app.login_as("admin").await;
    let id = import_seed(&app, &admin).await;
    assert_eq!(accept(&app, &admin, id, &[]).await.status(), 303);
    let renshe = app.login_as("renshe").await;
    let other = task_of(&app, id, 1, "组织人事部").await;
    let own = task_of(&app, id, 1, "人社中心").await;
    assert_eq!(renshe.0.get(app.url(&format!("/policy/tasks/{}", other.id))).send().await.unwrap().status(), 403);
    assert_eq!(app.post_form(&renshe.0, &renshe.1, &format!("/policy/tasks/{}/reports", other.id), &[("text", "越权")]).await.status(), 403);
    let api = renshe
        .0
        .post(app.url(&format!("/api/v1/policy/tasks/{}/reports", other.id)))
        .header("X-CSRF-Token", &renshe.1)
        .json(&serde_json::json!({"text": "越权"}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 403);
    assert_eq!(app.count("progress_reports").await, 0);
    // The list holds its own tasks and those of the measure it leads (14), nothing else.
    let list: Vec<Value> = renshe.0.get(app.url("/api/v1/policy/tasks")).send().await.unwrap().json().await.unwrap();
    let renshe_id = app.org_id("人社中心").await;
    let m14 = measure(&app, id, 14).await.id;
    assert_eq!(list.len(), 12);
    assert!(list.iter().all(|t| t["org_id"] == renshe_id || t["measure_id"] == m14));
    assert!(!list.iter().any(|t| t["id"] == other.id));
    // Its own task: visible, and it reports.
    assert_eq!(renshe.0.get(app.url(&format!("/policy/tasks/{}", own.id))).send().await.unwrap().status(), 200);
    assert_eq!(app.post_form(&renshe.0, &renshe.1, &format!("/policy/tasks/{}/reports", own.id), &[("text", "已召开专题会")]).await.status(), 303);
    assert_eq!(app.count("progress_reports").await, 1);
    // The administrator's organisation files for its own tasks only, too.
    assert_eq!(app.post_form(&admin.0, &admin.1, &format!("/policy/tasks/{}/reports", own.id), &[("text", "代报")]).await.status(), 403);
});

dual_db_test!(progress_changes_the_status_and_the_lead_consolidates, |app: TestApp| async move {
    app.load_demo().await;
    let admin = app.login_as("admin").await;
    let id = import_seed(&app, &admin).await;
    let soon = (zhijiao::areas::policy::today() + chrono::Duration::days(7)).to_string();
    assert_eq!(accept(&app, &admin, id, &[("deadline", &soon)]).await.status(), 303);
    let renshe = app.login_as("renshe").await;
    let t = task_of(&app, id, 14, "人社中心").await;
    let state = |list: &Vec<Value>, id: i64| list.iter().find(|x| x["id"] == id).unwrap()["state"].as_str().unwrap().to_string();
    let tasks = || async { renshe.0.get(app.url("/api/v1/policy/tasks")).send().await.unwrap().json::<Vec<Value>>().await.unwrap() };
    assert_eq!(state(&tasks().await, t.id), "at_risk", "due in 7 days, no report this period");
    // The reminder is on the liaison's home page.
    let home = renshe.0.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("data-testid=\"reminders\"") && home.contains(&format!("/policy/tasks/{}", t.id)));
    // A report this period puts it on track; the API takes KPI values.
    let resp = renshe
        .0
        .post(app.url(&format!("/api/v1/policy/tasks/{}/reports", t.id)))
        .header("X-CSRF-Token", &renshe.1)
        .json(&serde_json::json!({"text": "培训企业职工200人次", "kpi_values": {"trainees": 200}}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(state(&tasks().await, t.id), "on_track");
    // Bad input is refused field by field.
    let resp = app.post_form(&renshe.0, &renshe.1, &format!("/policy/tasks/{}/reports", t.id), &[("text", " "), ("period", "2026-13")]).await;
    assert_eq!(resp.status(), 422);
    // Done closes it.
    let resp = app.post_form(&renshe.0, &renshe.1, &format!("/policy/tasks/{}/reports", t.id), &[("text", "全面完成"), ("done", "on")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(state(&tasks().await, t.id), "done");
    // A deadline passed without completion is overdue; the measure takes its worst task's state.
    let co = task_of(&app, id, 14, "教育和体育事业中心").await;
    {
        use sea_orm::{ActiveModelTrait, Set};
        let mut am: task::ActiveModel = co.clone().into();
        am.deadline = Set(zhijiao::areas::policy::today() - chrono::Duration::days(1));
        am.update(&app.db).await.unwrap();
    }
    let dash: Value = renshe.0.get(app.url("/api/v1/policy/dashboard")).send().await.unwrap().json().await.unwrap();
    let m14 = dash["measures"].as_array().unwrap().iter().find(|m| m["number"] == 14).unwrap();
    assert_eq!((m14["state"].as_str(), m14["done"].as_u64(), m14["overdue"].as_u64()), (Some("overdue"), Some(1), Some(1)));
    // 人社中心 leads measure 14: it consolidates the period's reports.
    let period = zhijiao::areas::policy::period_of(zhijiao::areas::policy::today());
    let m = measure(&app, id, 14).await;
    let resp = app.post_form(&renshe.0, &renshe.1, &format!("/policy/measures/{}/consolidate", m.id), &[("period", &period)]).await;
    assert_eq!(resp.status(), 303);
    let reports = zhijiao::entity::progress_report::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(reports.len(), 2);
    assert!(reports.iter().all(|r| r.consolidated));
    // It does not lead measure 1.
    let m1 = measure(&app, id, 1).await;
    assert_eq!(app.post_form(&renshe.0, &renshe.1, &format!("/policy/measures/{}/consolidate", m1.id), &[("period", &period)]).await.status(), 403);
});

fn read_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    zhijiao::xlsx::stream_rows(bytes, |_, r| rows.push(r)).unwrap();
    rows
}

dual_db_test!(the_task_breakdown_and_the_ledger_export_as_xlsx, |app: TestApp| async move {
    app.load_demo().await;
    let admin = app.login_as("admin").await;
    let id = import_seed(&app, &admin).await;
    assert_eq!(accept(&app, &admin, id, &[("deadline", "2030-12-31")]).await.status(), 303);
    let bytes = admin.0.get(app.url(&format!("/policy/{id}/tasks.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let rows = read_rows(&bytes);
    assert_eq!(rows[0], ["序号", "措施", "牵头单位", "配合单位", "任务", "完成时限", "状态"]);
    assert_eq!(rows.len(), 40);
    let last = rows.iter().find(|r| r[1].starts_with("（14）") && r[4].starts_with("人社中心")).unwrap();
    assert_eq!((last[2].as_str(), last[3].as_str(), last[5].as_str(), last[6].as_str()), ("人社中心", "教育和体育事业中心", "2030-12-31", "正常推进"));
    // The ledger: one row per progress report.
    let renshe = app.login_as("renshe").await;
    let t = task_of(&app, id, 14, "人社中心").await;
    app.post_form(&renshe.0, &renshe.1, &format!("/policy/tasks/{}/reports", t.id), &[("text", "开展职工培训"), ("kpi_trainees", "120")]).await;
    let bytes = renshe.0.get(app.url(&format!("/policy/{id}/ledger.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let rows = read_rows(&bytes);
    assert_eq!(rows[0], ["序号", "措施", "责任单位", "任务", "报告期", "进展情况", "指标值", "报送人", "报送时间"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][2], "人社中心");
    assert_eq!(rows[1][5], "开展职工培训");
    assert!(rows[1][6].contains("职业技能培训人次=120"), "{:?}", rows[1]);
    // A liaison's breakdown holds only the tasks in its reach.
    let bytes = renshe.0.get(app.url(&format!("/policy/{id}/tasks.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    assert_eq!(read_rows(&bytes).len(), 13);
});

dual_db_test!(every_indicator_reads_live_data, |app: TestApp| async move {
    app.load_demo().await;
    let admin = app.login_as("admin").await;
    // Before any policy is accepted the dashboard says so.
    let html = admin.0.get(app.url("/policy/dashboard")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"no-policy\""));
    let id = import_seed(&app, &admin).await;
    assert_eq!(accept(&app, &admin, id, &[]).await.status(), 303);
    let dash: Value = admin.0.get(app.url("/api/v1/policy/dashboard")).send().await.unwrap().json().await.unwrap();
    assert_eq!(dash["measures"].as_array().unwrap().len(), 14);
    // Per department: 人社中心 is named in eleven measures and leads one.
    let renshe_row = dash["departments"].as_array().unwrap().iter().find(|d| d["org_name"] == "人社中心").unwrap().clone();
    assert_eq!((renshe_row["lead"].as_u64(), renshe_row["on_track"].as_u64()), (Some(1), Some(11)));
    assert_eq!(dash["departments"].as_array().unwrap().len(), 9);
    let kpi = |key: &str| dash["kpis"].as_array().unwrap().iter().find(|k| k["key"] == key).unwrap_or_else(|| panic!("{key}")).clone();
    assert_eq!(kpi("vocational_schools")["value"], 3.0);
    assert_eq!(kpi("vocational_schools")["measure_number"], 2);
    assert_eq!(kpi("school_majors")["value"], 16.0);
    // 13 of the demo's 16 majors are in the lead chains' classes.
    assert_eq!(kpi("aligned_major_share")["value"], 81.3);
    assert_eq!(kpi("aligned_major_share")["measure_number"], 8);
    // Fairs held and months with a published report: live, from their modules' one place.
    let year = chrono::Datelike::year(&(chrono::Utc::now() + chrono::Duration::hours(8)));
    let fairs = zhijiao::areas::fairs::held_in_year(&app.db, year).await.unwrap();
    assert_eq!(kpi("job_fairs")["value"].as_f64(), Some(fairs as f64));
    let months = zhijiao::areas::report::published_months_in_year(&app.db, year).await.unwrap();
    assert_eq!(kpi("talent_report_months")["value"].as_f64(), Some(months as f64));
    // The demo's four confirmed agreements in force (measure 12), two approved bookings of
    // the public base this month (measure 6), one enterprise in the reserve library (11).
    assert_eq!((kpi("cooperation_agreements")["value"].as_f64(), kpi("cooperation_agreements")["measure_number"].as_u64()), (Some(4.0), Some(12)));
    assert_eq!((kpi("base_bookings")["value"].as_f64(), kpi("base_bookings")["measure_number"].as_u64()), (Some(2.0), Some(6)));
    assert_eq!((kpi("fusion_reserve")["value"].as_f64(), kpi("fusion_reserve")["measure_number"].as_u64()), (Some(1.0), Some(11)));
    // Measures 三 and 十四 read the enlightenment, 职普融通 and training data (issue 13).
    let coverage = zhijiao::areas::enlightenment::coverage_on(&app.db, zhijiao::areas::enlightenment::today()).await.unwrap();
    assert!(coverage.covered > 0 && coverage.covered < coverage.schools, "the demo covers some schools");
    assert_eq!(kpi("career_enlightenment_coverage")["value"].as_f64(), coverage.percent);
    assert_eq!(kpi("career_enlightenment_bases")["value"], 1.0);
    assert_eq!(kpi("vocational_general_classes")["value"], 1.0);
    assert_eq!(kpi("trainees")["value"].as_f64(), Some(zhijiao::areas::training::figures_for(&app.db, None).await.unwrap().enrolled as f64));
    assert_eq!(kpi("career_enlightenment_coverage")["target"], 100.0);
    assert_eq!(kpi("career_enlightenment_coverage")["measure_number"], 3);
    // Every module is built: every bound indicator reads live data (issue 14).
    for k in dash["kpis"].as_array().unwrap() {
        assert!(!k["value"].is_null(), "{} has no value", k["key"]);
    }
    let html = admin.0.get(app.url("/policy/dashboard")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-chart=\"measure-states\"") && html.contains("<script type=\"application/json\" id=\"measure-states\">"));
    // A liaison sees the same dashboard; a school does not.
    let renshe = app.login_as("renshe").await;
    assert_eq!(renshe.0.get(app.url("/policy/dashboard")).send().await.unwrap().status(), 200);
    let school = app.login_as("school").await;
    assert_eq!(school.0.get(app.url("/policy/dashboard")).send().await.unwrap().status(), 403);
    // The administrator changes a target.
    let m3 = measure(&app, id, 3).await;
    let resp = app.post_form(&admin.0, &admin.1, &format!("/policy/measures/{}/kpis", m3.id), &[("key", "career_enlightenment_bases"), ("target", "2")]).await;
    assert_eq!(resp.status(), 303);
    let dash: Value = admin.0.get(app.url("/api/v1/policy/dashboard")).send().await.unwrap().json().await.unwrap();
    let b = dash["kpis"].as_array().unwrap().iter().find(|k| k["key"] == "career_enlightenment_bases").unwrap().clone();
    assert_eq!(b["target"], 2.0);
});

dual_db_test!(a_docx_policy_with_bold_leads_imports, |app: TestApp| async move {
    app.load_demo().await;
    let admin = app.login_as("admin").await;
    let bytes = zhijiao::areas::policy::convert::minimal_docx(&[
        &[("关于开展试点的通知", false)],
        &[("一、主要任务", false)],
        &[("（一）开展技能培训。面向企业职工开展培训。（责任单位：教育和体育事业中心、", false), ("人社中心", true), ("）", false)],
    ]);
    let part = reqwest::multipart::Part::bytes(bytes).file_name("试点.docx");
    let form = reqwest::multipart::Form::new().part("file", part);
    let resp = admin.0.post(app.url(&format!("/policy/import?_csrf={}", admin.1))).multipart(form).send().await.unwrap();
    assert_eq!(resp.status(), 303);
    let id: i64 = resp.headers()["location"].to_str().unwrap().trim_start_matches("/policy/").parse().unwrap();
    assert_eq!(accept(&app, &admin, id, &[]).await.status(), 303);
    assert_eq!(measure(&app, id, 1).await.lead_org_id, Some(app.org_id("人社中心").await), "the bold unit leads");
});

dual_db_test!(evidence_files_attach_to_ones_own_reports_and_download_in_reach, |app: TestApp| async move {
    app.load_demo().await;
    let admin = app.login_as("admin").await;
    let id = import_seed(&app, &admin).await;
    assert_eq!(accept(&app, &admin, id, &[]).await.status(), 303);
    let renshe = app.login_as("renshe").await;
    let t = task_of(&app, id, 14, "人社中心").await;
    assert_eq!(app.post_form(&renshe.0, &renshe.1, &format!("/policy/tasks/{}/reports", t.id), &[("text", "培训签到表见附件")]).await.status(), 303);
    let r = zhijiao::entity::progress_report::Entity::find().one(&app.db).await.unwrap().unwrap();
    let upload = |who: &(reqwest::Client, String), name: &'static str, bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
        who.0
            .post(app.url(&format!("/policy/reports/{}/evidence?_csrf={}", r.id, who.1)))
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
    };
    assert_eq!(upload(&renshe, "a.exe", b"MZ".to_vec()).await.unwrap().status(), 422, "kinds are limited");
    assert_eq!(upload(&admin, "a.pdf", b"%PDF-1.4".to_vec()).await.unwrap().status(), 403, "only the reporting department attaches");
    assert_eq!(upload(&renshe, "签到表.pdf", b"%PDF-1.4 demo".to_vec()).await.unwrap().status(), 303);
    let got = renshe.0.get(app.url(&format!("/policy/reports/{}/evidence", r.id))).send().await.unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(got.headers()["content-type"], "application/pdf");
    assert_eq!(got.bytes().await.unwrap().as_ref(), b"%PDF-1.4 demo");
    assert_eq!(admin.0.get(app.url(&format!("/policy/reports/{}/evidence", r.id))).send().await.unwrap().status(), 200);
    let school = app.login_as("school").await;
    assert_eq!(school.0.get(app.url(&format!("/policy/reports/{}/evidence", r.id))).send().await.unwrap().status(), 403);
    let page = renshe.0.get(app.url(&format!("/policy/tasks/{}", t.id))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("data-testid=\"evidence-{}\"", r.id)));
});
