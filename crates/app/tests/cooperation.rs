//! 校企合作 (issue 12): an enterprise drafts an order-class agreement, the school confirms it
//! and the school's effectiveness score rises; each party sees only its own agreements; bad
//! input and bad imports change nothing; the 产教融合型企业 checker explains each condition
//! and revocation locks the enterprise out for five years.

mod common;

use chrono::Datelike;
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use zhijiao::entity::{coop_agreement as ca, coop_fusion};

const HR_ORG: &str = "淄博华瓷新材料科技有限公司（示例）";
const SCHOOL: &str = "中德莱茵智能科技学校";
const OTHER_SCHOOL: &str = "淄博信息工程学校（示例）";

fn location(resp: &reqwest::Response) -> String {
    resp.headers().get("location").unwrap_or_else(|| panic!("redirect expected, got {}", resp.status())).to_str().unwrap().to_string()
}

fn year() -> i32 {
    chrono::Utc::now().year()
}

async fn effectiveness(app: &TestApp, school: i64) -> f64 {
    zhijiao::areas::cooperation::school_effectiveness(&app.db, school, year()).await.unwrap().expect("a school has a score")
}

async fn agreements(app: &TestApp) -> i64 {
    app.count("coop_agreements").await
}

async fn audit_rows(app: &TestApp, action: &str) -> i64 {
    app.count(&format!("audit_log WHERE entity = 'coop_agreement' AND action = '{action}'")).await
}

/// The HR's order-class draft with the school, through the form (majors picked from the
/// catalogue, as the multi-select sends them).
async fn draft_order_class(app: &TestApp, hr: &(reqwest::Client, String), school: i64, students: &str) -> reqwest::Response {
    let partner = school.to_string();
    let start = format!("{}-01-01", year());
    app.post_form(
        &hr.0,
        &hr.1,
        "/cooperation",
        &[
            ("kind", "order_class"),
            ("title", "新材料检测订单班"),
            ("partner_org_id", &partner),
            ("majors", "660301"),
            ("majors", "660303"),
            ("start_date", &start),
            ("end_date", ""),
            ("students", students),
            ("graduates_hired", "50"),
        ],
    )
    .await
}

dual_db_test!(an_enterprise_drafts_an_order_class_the_school_confirms_and_the_school_score_rises, |app: TestApp| async move {
    app.load_demo().await;
    let school = app.org_id(SCHOOL).await;
    let hr = app.login_as("hr").await;
    let before = effectiveness(&app, school).await;
    assert!(before > 0.0 && before < 100.0, "the demo's confirmed agreements score {before}");

    let resp = draft_order_class(&app, &hr, school, "100").await;
    let href = location(&resp);
    let id: i64 = href.trim_start_matches("/cooperation/").parse().unwrap();
    let m = ca::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((m.status.as_str(), m.drafted_by.as_str(), m.major_codes.as_str()), ("draft", "enterprise", "660301,660303"));
    assert_eq!(m.enterprise_org_id, app.org_id(HR_ORG).await);
    // A draft does not count.
    assert_eq!(effectiveness(&app, school).await, before);
    // The drafting side cannot confirm its own draft; the page offers it only to the school.
    let own = hr.0.get(app.url(&href)).send().await.unwrap().text().await.unwrap();
    assert!(own.contains("等待学校确认") && !own.contains("agreement-confirm"), "{own}");
    assert_eq!(app.post_form(&hr.0, &hr.1, &format!("{href}/confirm"), &[]).await.status(), 409);

    let sch = app.login_as("school").await;
    let page = sch.0.get(app.url(&href)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-testid=\"agreement-confirm\"") && page.contains("机电技术应用（660301）"), "majors by name");
    assert_eq!(location(&app.post_form(&sch.0, &sch.1, &format!("{href}/confirm"), &[]).await), href);
    let m = ca::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(m.status, "confirmed");
    assert!(m.school_confirmed_at.is_some() && m.enterprise_confirmed_at.is_some());
    let after = effectiveness(&app, school).await;
    assert!(after > before, "{before} → {after}");
    // Confirming twice is refused.
    assert_eq!(app.post_form(&sch.0, &sch.1, &format!("{href}/confirm"), &[]).await.status(), 409);
    assert_eq!((audit_rows(&app, "create").await, audit_rows(&app, "confirm").await), (1, 1));

    // The same figure on the scores page (with the formula's version) and in the API.
    let scores = sch.0.get(app.url("/cooperation/scores")).send().await.unwrap().text().await.unwrap();
    assert!(scores.contains(&format!("<strong data-testid=\"score-value\">{after}</strong>")) && scores.contains("2026.1"), "{scores}");
    let api: serde_json::Value =
        sch.0.get(app.url(&format!("/api/v1/cooperation/effectiveness/{school}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(api["score"].as_f64(), Some(after));
    // The enterprise now appears in the participation ranking the district exports.
    let admin = app.login_as("admin").await;
    let ranking: serde_json::Value = admin.0.get(app.url("/api/v1/cooperation/participation")).send().await.unwrap().json().await.unwrap();
    let hr_org = app.org_id(HR_ORG).await;
    let row = ranking["rows"].as_array().unwrap().iter().find(|r| r["org_id"] == hr_org).expect("the HR's enterprise is ranked");
    assert!(row["score"].as_f64().unwrap() > 0.0);
    let x = admin.0.get(app.url("/cooperation/scores.xlsx")).send().await.unwrap();
    assert_eq!(x.status(), 200);
    let bytes = x.bytes().await.unwrap();
    let mut rows = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, cells| rows.push(cells)).unwrap();
    assert!(rows.iter().any(|r| r.get(1).is_some_and(|n| n == HR_ORG)), "{rows:?}");
});

dual_db_test!(each_party_sees_its_own_agreements_and_the_district_reads_all, |app: TestApp| async move {
    app.load_demo().await;
    let other = app.org_id(OTHER_SCHOOL).await;
    let foreign = ca::Entity::find().filter(ca::Column::SchoolOrgId.eq(other)).one(&app.db).await.unwrap().expect("the other school's demo agreement");
    let school = app.org_id(SCHOOL).await;
    let own = ca::Entity::find().filter(ca::Column::SchoolOrgId.eq(school)).order_by_asc(ca::Column::Id).one(&app.db).await.unwrap().unwrap();
    let path = |id: i64| format!("/cooperation/{id}");
    let sch = app.login_as("school").await;
    assert_eq!(sch.0.get(app.url(&path(foreign.id))).send().await.unwrap().status(), 404);
    assert_eq!(sch.0.get(app.url(&path(own.id))).send().await.unwrap().status(), 200);
    let listed: serde_json::Value = sch.0.get(app.url("/api/v1/cooperation/agreements")).send().await.unwrap().json().await.unwrap();
    assert!(listed["items"].as_array().unwrap().iter().all(|a| a["school_org_id"] == school));
    assert!(listed["total"].as_u64().unwrap() >= 3);
    // The other school's score is not the school's to read.
    assert_eq!(sch.0.get(app.url(&format!("/api/v1/cooperation/effectiveness/{other}"))).send().await.unwrap().status(), 404);
    // A teacher reads the school's agreements but cannot draft or confirm.
    let teacher = app.login_as("teacher").await;
    assert_eq!(teacher.0.get(app.url(&path(own.id))).send().await.unwrap().status(), 200);
    assert_eq!(app.post_form(&teacher.0, &teacher.1, "/cooperation", &[("kind", "order_class")]).await.status(), 403);
    // The HR is not a party to either.
    let hr = app.login_as("hr").await;
    let hr_org = app.org_id(HR_ORG).await;
    for a in [&foreign, &own].into_iter().filter(|a| a.enterprise_org_id != hr_org) {
        assert_eq!(hr.0.get(app.url(&path(a.id))).send().await.unwrap().status(), 404);
        assert_eq!(app.post_form(&hr.0, &hr.1, &format!("{}/confirm", path(a.id)), &[]).await.status(), 404);
    }
    // Students see nothing; the district and the departments read all.
    let student = app.login_as("student").await;
    assert_eq!(student.0.get(app.url("/cooperation")).send().await.unwrap().status(), 403);
    let renshe = app.login_as("renshe").await;
    assert_eq!(renshe.0.get(app.url(&path(foreign.id))).send().await.unwrap().status(), 200);
    let all: serde_json::Value = renshe.0.get(app.url("/api/v1/cooperation/agreements")).send().await.unwrap().json().await.unwrap();
    assert_eq!(all["total"].as_i64(), Some(agreements(&app).await));
    // A department reads but does not write.
    assert_eq!(app.post_form(&renshe.0, &renshe.1, &format!("{}/confirm", path(own.id)), &[]).await.status(), 403);
});

dual_db_test!(bad_input_and_bad_imports_change_nothing, |app: TestApp| async move {
    app.load_demo().await;
    let school = app.org_id(SCHOOL).await;
    let hr = app.login_as("hr").await;
    let (n0, audits0) = (agreements(&app).await, app.count("audit_log").await);
    let partner = school.to_string();
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[("kind", "友好合作"), ("title", "x"), ("partner_org_id", &partner), ("start_date", "2026-09-01")], "合作形式"),
        (&[("kind", "order_class"), ("title", ""), ("partner_org_id", &partner), ("start_date", "2026-09-01")], "协议名称"),
        (&[("kind", "order_class"), ("title", "x"), ("partner_org_id", &partner), ("start_date", "2026-09-01"), ("students", "-5")], "参与学生人数"),
        (&[("kind", "order_class"), ("title", "x"), ("partner_org_id", &partner), ("start_date", "2026-09-01"), ("majors", "999999")], "涉及专业"),
        (&[("kind", "order_class"), ("title", "x"), ("partner_org_id", &partner), ("start_date", "2026-09-01"), ("end_date", "2026-01-01")], "结束日期"),
    ];
    for (fields, field) in cases {
        let resp = app.post_form(&hr.0, &hr.1, "/cooperation", fields).await;
        assert_eq!(resp.status(), 422, "{field}");
        let html = resp.text().await.unwrap();
        assert!(html.contains(&format!("<li>{field}：")), "{field}: the form names the field");
    }
    // The partner must be a vocational school, a linked posting the enterprise's own of the kind.
    let hr_org = app.org_id(HR_ORG).await.to_string();
    let resp = app.post_form(&hr.0, &hr.1, "/cooperation", &[("kind", "order_class"), ("title", "x"), ("partner_org_id", &hr_org), ("start_date", "2026-09-01")]).await;
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("合作方须是职业院校"));
    let foreign_posting = zhijiao::entity::posting::Entity::find()
        .filter(zhijiao::entity::posting::Column::OrgId.ne(app.org_id(HR_ORG).await))
        .filter(zhijiao::entity::posting::Column::Kind.eq("order_class"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("another enterprise's order-class posting")
        .id
        .to_string();
    let resp = app
        .post_form(&hr.0, &hr.1, "/cooperation", &[("kind", "order_class"), ("title", "x"), ("partner_org_id", &partner), ("start_date", "2026-09-01"), ("posting_id", &foreign_posting)])
        .await;
    assert_eq!(resp.status(), 422);
    // The API refuses the same with JSON naming the field.
    let resp = hr
        .0
        .post(app.url("/api/v1/cooperation/agreements"))
        .header("X-CSRF-Token", &hr.1)
        .json(&serde_json::json!({"kind": "order_class", "title": "x", "partner_org_id": partner, "start_date": "2026-09-01", "students": "1e9"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["fields"][0]["field"], "参与学生人数");
    assert_eq!((agreements(&app).await, app.count("audit_log").await), (n0, audits0), "nothing written");

    // An import with one bad row writes nothing and names the row; fixed, it writes both.
    let headers = ["合作形式", "协议名称", "合作方", "涉及专业", "开始日期", "参与学生人数"];
    let good = vec!["订单班/冠名班".to_string(), "导入订单班".into(), SCHOOL.into(), "电气设备运行与控制、工业机器人技术应用".into(), "2026-09-01".into(), "30".into()];
    let bad = vec!["现代学徒制".to_string(), "导入学徒制".into(), "不存在的学校".into(), "".into(), "2026-09-01".into(), "abc".into()];
    let upload = |rows: Vec<Vec<String>>| {
        let bytes = common::workbook(&headers, &rows);
        let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name("协议.xlsx"));
        hr.0.post(app.url("/cooperation/import")).header("X-CSRF-Token", &hr.1).multipart(form).send()
    };
    let resp = upload(vec![good.clone(), bad.clone()]).await.unwrap();
    assert_eq!(resp.status(), 422);
    let html = resp.text().await.unwrap();
    assert!(html.contains("第3行 合作方：平台上没有“不存在的学校”") && html.contains("第3行 参与学生人数"), "{html}");
    assert_eq!(agreements(&app).await, n0);
    let mut fixed = bad.clone();
    fixed[2] = SCHOOL.into();
    fixed[5] = "12".into();
    let resp = upload(vec![good, fixed]).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.text().await.unwrap().contains("已导入 2 份协议"));
    assert_eq!(agreements(&app).await, n0 + 2);
    let imported = ca::Entity::find().filter(ca::Column::Title.eq("导入订单班")).one(&app.db).await.unwrap().unwrap();
    assert_eq!((imported.major_codes.as_str(), imported.status.as_str(), imported.students), ("660302,660303", "draft", 30));

    // The export carries the HR's agreements, names not codes.
    let x = hr.0.get(app.url("/cooperation/export.xlsx")).send().await.unwrap();
    assert_eq!(x.status(), 200);
    let bytes = x.bytes().await.unwrap();
    let mut rows = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, cells| rows.push(cells)).unwrap();
    assert!(rows.iter().any(|r| r.get(2).is_some_and(|t| t == "导入学徒制") && r.get(1).is_some_and(|k| k == "现代学徒制")), "{rows:?}");
});

dual_db_test!(the_fusion_checker_explains_each_condition_and_revocation_locks_out_for_five_years, |app: TestApp| async move {
    app.load_demo().await;
    let reserve = coop_fusion::Entity::find().one(&app.db).await.unwrap().expect("a demo enterprise in the reserve library");
    let org = reserve.org_id;
    let admin = app.login_as("admin").await;
    let page = admin.0.get(app.url(&format!("/cooperation/fusion/{org}"))).send().await.unwrap().text().await.unwrap();
    for key in ["gate-registered", "gate-tax", "gate-years", "gate-not_education", "gate-no_accident", "gate-credit", "condition-order_classes", "condition-runs_school", "condition-cooperation_years"] {
        assert!(page.contains(&format!("data-testid=\"{key}\"")), "{key}");
    }
    // The order-class condition links to its evidence in the registry.
    let order = ca::Entity::find().filter(ca::Column::EnterpriseOrgId.eq(org)).filter(ca::Column::Kind.eq("order_class")).one(&app.db).await.unwrap().unwrap();
    assert!(page.contains(&format!("<a href=\"/cooperation/{}\">{}</a>", order.id, order.title)), "evidence link");
    assert!(page.contains("30%") && page.contains("培育库"));
    // Another enterprise's HR cannot read it (unless it is the HR's own).
    let hr = app.login_as("hr").await;
    let expect = if org == app.org_id(HR_ORG).await { 200 } else { 404 };
    assert_eq!(hr.0.get(app.url(&format!("/cooperation/fusion/{org}"))).send().await.unwrap().status(), expect);
    // Revocation needs a reason, then bars a new entry into the library for five years.
    assert_eq!(app.post_form(&admin.0, &admin.1, &format!("/cooperation/fusion/{org}/step"), &[("action", "revoke"), ("reason", "")]).await.status(), 422);
    assert_eq!(app.post_form(&admin.0, &admin.1, &format!("/cooperation/fusion/{org}/step"), &[("action", "revoke"), ("reason", "年度报告弄虚作假")]).await.status(), 303);
    let resp = app.post_form(&admin.0, &admin.1, &format!("/cooperation/fusion/{org}/step"), &[("action", "reserve")]).await;
    assert_eq!(resp.status(), 409);
    assert!(resp.text().await.unwrap().contains("不得再次申报"));
    let row = coop_fusion::Entity::find_by_id(reserve.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.stage, "revoked");
    assert_eq!(app.count("audit_log WHERE entity = 'coop_fusion' AND action = 'revoke'").await, 1);
    // Only the district manages the library.
    assert_eq!(app.post_form(&hr.0, &hr.1, &format!("/cooperation/fusion/{org}/step"), &[("action", "certify")]).await.status(), 403);
});

dual_db_test!(an_enterprise_need_is_answered_by_a_school_and_tracked_to_its_outcome, |app: TestApp| async move {
    use zhijiao::entity::{coop_need, coop_offer};
    app.load_demo().await;
    let hr = app.login_as("hr").await;
    let audits0 = app.count("audit_log").await;
    let resp = app.post_form(&hr.0, &hr.1, "/cooperation/lists", &[("list", "tech"), ("title", ""), ("detail", "x")]).await;
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("标题"));
    assert_eq!((app.count("coop_needs").await, app.count("audit_log").await), (0, audits0));
    assert_eq!(app.post_form(&hr.0, &hr.1, "/cooperation/lists", &[("list", "tech"), ("title", "陶瓷烧成曲线优化"), ("detail", "降低能耗10%")]).await.status(), 303);
    let need = coop_need::Entity::find().one(&app.db).await.unwrap().unwrap();
    // The enterprise cannot answer its own need; a school does.
    assert_eq!(app.post_form(&hr.0, &hr.1, &format!("/cooperation/lists/{}/offers", need.id), &[("kind", "tech_service"), ("detail", "x")]).await.status(), 403);
    let school = app.login_as("school").await;
    assert_eq!(app.post_form(&school.0, &school.1, &format!("/cooperation/lists/{}/offers", need.id), &[("kind", "tech_service"), ("detail", "派教师团队驻厂三个月")]).await.status(), 303);
    let offer = coop_offer::Entity::find().one(&app.db).await.unwrap().unwrap();
    // Only the enterprise accepts; then either side records the outcome.
    assert_eq!(app.post_form(&school.0, &school.1, &format!("/cooperation/offers/{}", offer.id), &[("action", "accept")]).await.status(), 403);
    assert_eq!(app.post_form(&hr.0, &hr.1, &format!("/cooperation/offers/{}", offer.id), &[("action", "accept")]).await.status(), 303);
    assert_eq!(coop_need::Entity::find_by_id(need.id).one(&app.db).await.unwrap().unwrap().status, "matched");
    assert_eq!(app.post_form(&school.0, &school.1, &format!("/cooperation/offers/{}", offer.id), &[("action", "done"), ("outcome", "")]).await.status(), 422);
    assert_eq!(app.post_form(&school.0, &school.1, &format!("/cooperation/offers/{}", offer.id), &[("action", "done"), ("outcome", "能耗降低12%")]).await.status(), 303);
    let offer = coop_offer::Entity::find_by_id(offer.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((offer.status.as_str(), offer.outcome.as_deref()), ("done", Some("能耗降低12%")));
    let page = hr.0.get(app.url("/cooperation/lists")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("陶瓷烧成曲线优化") && page.contains("能耗降低12%") && page.contains("已完成"));
    let student = app.login_as("student").await;
    assert_eq!(student.0.get(app.url("/cooperation/lists")).send().await.unwrap().status(), 403);
});
