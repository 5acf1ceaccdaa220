//! Issue 13, second slice: in-house training that an enterprise requests at a training
//! base (filed, declined or accepted into a cohort, or recorded and counted in the
//! figures); the Excel import of career-enlightenment bookings (template with drop-downs,
//! all or nothing, each row's reason in Chinese); the JSON API of 职普融通.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::io::Read;
use zhijiao::entity::{enl_booking, trn_cohort, trn_inhouse_request as req, trn_programme};

async fn figures(app: &TestApp, client: &reqwest::Client) -> serde_json::Value {
    let resp = client.get(app.url("/api/v1/training/figures")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

fn employee_row(f: &serde_json::Value) -> (u64, u64) {
    f["by_audience"].as_array().unwrap().iter().find(|r| r["label"] == "企业职工").map(|r| (r["enrolled"].as_u64().unwrap(), r["completed"].as_u64().unwrap())).unwrap_or((0, 0))
}

dual_db_test!(an_enterprise_requests_in_house_training_and_the_district_decides, |app: TestApp| async move {
    app.load_demo().await;
    let day = |d: i64| (zhijiao::areas::enlightenment::today() + chrono::Duration::days(d)).to_string();
    let programme = trn_programme::Entity::find().order_by_asc(trn_programme::Column::Id).one(&app.db).await.unwrap().unwrap();
    let pid = programme.id.to_string();
    let hr_org = app.org_id("淄博华瓷新材料科技有限公司（示例）").await;

    // The enterprise's HR sees the form with the bases' programmes by name.
    let (hr, hr_token) = app.login_as("hr").await;
    let html = hr.get(app.url("/training/inhouse")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"inhouse-form\"") && html.contains(&programme.title), "{html}");
    let n = app.count("trn_inhouse_requests").await;
    for (fields, label) in [
        (vec![("programme_id", pid.as_str()), ("employees", "0"), ("preferred_start", &day(10))], "参训职工人数"),
        (vec![("programme_id", "999999"), ("employees", "10"), ("preferred_start", &day(10))], "培训项目"),
        (vec![("programme_id", pid.as_str()), ("employees", "10"), ("preferred_start", "2020-01-01")], "期望开班日期"),
    ] {
        let resp = app.post_form(&hr, &hr_token, "/training/inhouse", &fields).await;
        assert_eq!(resp.status(), 422, "{label}");
        assert!(resp.text().await.unwrap().contains(label), "{label}");
    }
    assert_eq!(app.count("trn_inhouse_requests").await, n, "a refused request writes nothing");
    let start = day(14);
    for _ in 0..3 {
        let resp = app.post_form(&hr, &hr_token, "/training/inhouse", &[("programme_id", &pid), ("employees", "15"), ("preferred_start", &start), ("note", "数控设备操作岗前培训")]).await;
        assert_eq!(resp.status(), 303);
    }
    let mine: Vec<req::Model> = req::Entity::find().filter(req::Column::EnterpriseOrgId.eq(hr_org)).filter(req::Column::IsDemo.eq(false)).order_by_asc(req::Column::Id).all(&app.db).await.unwrap();
    assert_eq!(mine.len(), 3);
    assert!(mine.iter().all(|r| r.status == "requested" && r.provider_org_id == programme.provider_org_id));

    // The enterprise cannot decide its own request; a school that is not the base learns nothing.
    let path = |id: i64| format!("/training/inhouse/{id}/decision");
    assert_eq!(app.post_form(&hr, &hr_token, &path(mine[0].id), &[("decision", "decline"), ("decision_note", "x")]).await.status(), 403);
    let (school, school_token) = app.login_as("school").await;
    assert_eq!(app.post_form(&school, &school_token, &path(mine[0].id), &[("decision", "decline"), ("decision_note", "x")]).await.status(), 404);
    let seen: Vec<serde_json::Value> = school.get(app.url("/api/v1/training/inhouse")).send().await.unwrap().json().await.unwrap();
    assert!(seen.iter().all(|r| r["provider_org_id"] != programme.provider_org_id), "another provider does not see the base's requests");

    let (admin, admin_token) = app.login_as("admin").await;
    let before = figures(&app, &admin).await;
    // Declining needs a reason; accepting needs a valid last day; nothing changes otherwise.
    let resp = app.post_form(&admin, &admin_token, &path(mine[0].id), &[("decision", "decline")]).await;
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("处理意见"));
    let cohorts = app.count("trn_cohorts").await;
    let resp = app.post_form(&admin, &admin_token, &path(mine[0].id), &[("decision", "accept"), ("end_date", "2020-01-01")]).await;
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("结业日期"));
    assert_eq!(app.count("trn_cohorts").await, cohorts);
    assert_eq!(req::Entity::find_by_id(mine[0].id).one(&app.db).await.unwrap().unwrap().status, "requested");

    // Accepted: a cohort for the enterprise's employees, as many places as employees.
    let resp = app.post_form(&admin, &admin_token, &path(mine[0].id), &[("decision", "accept"), ("end_date", &day(30))]).await;
    assert_eq!(resp.status(), 303);
    let accepted = req::Entity::find_by_id(mine[0].id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(accepted.status, "accepted");
    let cohort = trn_cohort::Entity::find_by_id(accepted.cohort_id.expect("a cohort")).one(&app.db).await.unwrap().unwrap();
    assert_eq!((cohort.audience.as_str(), cohort.capacity, cohort.programme_id, cohort.start_date.to_string()), ("employee", 15, programme.id, start.clone()));
    assert!(cohort.title.contains("淄博华瓷"), "{}", cohort.title);
    assert_eq!(resp.headers()["location"], format!("/training/cohorts/{}", cohort.id));
    // Decided once only.
    assert_eq!(app.post_form(&admin, &admin_token, &path(mine[0].id), &[("decision", "decline"), ("decision_note", "重复")]).await.status(), 409);

    // Recorded: the employees trained count in the figures (audience 企业职工).
    let resp = app.post_form(&admin, &admin_token, &path(mine[1].id), &[("decision", "record"), ("trained_employees", "16")]).await;
    assert_eq!(resp.status(), 422, "more than requested");
    assert_eq!(app.post_form(&admin, &admin_token, &path(mine[1].id), &[("decision", "record"), ("trained_employees", "12")]).await.status(), 303);
    let after = figures(&app, &admin).await;
    assert_eq!(after["enrolled"].as_u64().unwrap(), before["enrolled"].as_u64().unwrap() + 12);
    assert_eq!(after["completed"].as_u64().unwrap(), before["completed"].as_u64().unwrap() + 12);
    let (e0, c0) = employee_row(&before);
    assert_eq!(employee_row(&after), (e0 + 12, c0 + 12));
    assert_eq!(after["inhouse_requests"].as_u64().unwrap(), before["inhouse_requests"].as_u64().unwrap());
    assert_eq!(after["inhouse_accepted"].as_u64().unwrap(), before["inhouse_accepted"].as_u64().unwrap() + 1);
    assert_eq!(after["inhouse_recorded_employees"].as_u64().unwrap(), 12);

    // Declined with the reason, which the enterprise reads.
    assert_eq!(app.post_form(&admin, &admin_token, &path(mine[2].id), &[("decision", "decline"), ("decision_note", "本期名额已满，请下季度再申请")]).await.status(), 303);
    let seen: Vec<serde_json::Value> = hr.get(app.url("/api/v1/training/inhouse")).send().await.unwrap().json().await.unwrap();
    assert!(seen.iter().any(|r| r["status"] == "declined" && r["decision_note"] == "本期名额已满，请下季度再申请"));
    assert!(seen.iter().all(|r| r["enterprise"] == "淄博华瓷新材料科技有限公司（示例）"), "an enterprise sees its own requests only");
    let html = hr.get(app.url("/training/inhouse")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("未受理") && html.contains("已受理并开班") && html.contains("已完成培训并登记"));
    // Through the API as well, and audited.
    let resp = hr.post(app.url("/api/v1/training/inhouse")).header("X-CSRF-Token", &hr_token).json(&serde_json::json!({"programme_id": pid, "employees": "8", "preferred_start": day(20)})).send().await.unwrap();
    assert_eq!(resp.status(), 201);
    assert!(app.count("audit_log WHERE entity = 'trn_inhouse_request'").await >= 7);
    // The English page shows English.
    assert_eq!(app.post_form(&hr, &hr_token, "/lang", &[("lang", "en"), ("next", "/training/inhouse")]).await.status(), 303);
    let html = hr.get(app.url("/training/inhouse")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("In-house training requests") && html.contains("Declined"), "English texts");
});

fn template_sheet(bytes: &[u8], name: &str) -> Vec<String> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().skip(1).map(|r| match &r[0] {
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }).collect()
}

dual_db_test!(bookings_import_all_or_nothing_with_each_rows_reason, |app: TestApp| async move {
    app.load_demo().await;
    let primary_org = app.org_id("高新区实验小学（示例）").await;
    let (primary, token) = app.login_as("primary").await;
    let html = primary.get(app.url("/enlightenment")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("/enlightenment/bookings/import"), "the school finds the import");
    // The template: the booking sheet with drop-downs fed by the list sheets.
    let tpl = primary.get(app.url("/enlightenment/bookings/template.xlsx")).send().await.unwrap();
    assert_eq!(tpl.status(), 200);
    let bytes = tpl.bytes().await.unwrap().to_vec();
    let programmes = template_sheet(&bytes, "基地课程");
    assert!(programmes.len() >= 2 && programmes.iter().all(|p| p.contains('｜')), "{programmes:?}");
    assert!(template_sheet(&bytes, "学校").contains(&"高新区实验小学（示例）".to_string()));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut xml).unwrap();
    assert!(xml.contains("<dataValidation") && xml.contains("基地课程"), "drop-down lists in the template");

    let headers: Vec<&str> = zhijiao::areas::enlightenment::import::COLUMNS.iter().map(|c| c.header).collect();
    let d = |n: i64| (zhijiao::areas::enlightenment::today() + chrono::Duration::days(n)).to_string();
    let row = |p: &str, day: String, start: &str, pupils: &str| vec![p.to_string(), day, start.to_string(), pupils.to_string(), String::new()];
    let upload = |client: reqwest::Client, token: String, bytes: Vec<u8>| {
        let url = app.url(&format!("/enlightenment/bookings/import?_csrf={token}"));
        async move {
            let part = reqwest::multipart::Part::bytes(bytes).file_name("bookings.xlsx");
            client.post(url).multipart(reqwest::multipart::Form::new().part("file", part)).send().await.unwrap()
        }
    };
    let n0 = app.count("enl_bookings").await;
    // Bad cells: each row and column named, nothing written.
    let bad = common::workbook(&headers, &[row(&programmes[0], d(100), "09:00", "20"), row(&programmes[0], d(101), "09:00", "二十"), row("不存在的基地｜课程", d(102), "9点", "20")]);
    let resp = upload(primary.clone(), token.clone(), bad).await;
    assert_eq!(resp.status(), 422);
    let text = resp.text().await.unwrap();
    assert!(text.contains("第3行 学生人数") && text.contains("第4行 基地课程") && text.contains("第4行 开始时间"), "{text}");
    assert_eq!(app.count("enl_bookings").await, n0);
    // A clash inside the file (the same school twice at once) refuses the whole file.
    let clash = common::workbook(&headers, &[row(&programmes[0], d(100), "09:00", "20"), row(&programmes[1], d(100), "09:30", "20")]);
    let resp = upload(primary.clone(), token.clone(), clash).await;
    assert_eq!(resp.status(), 422);
    let text = resp.text().await.unwrap();
    assert!(text.contains("第3行") && text.contains("时间冲突"), "{text}");
    assert_eq!(app.count("enl_bookings").await, n0, "all or nothing");
    // Another school's name is refused for a school's own import.
    let mut other = row(&programmes[0], d(100), "09:00", "20");
    other[4] = "淄博高新区第一中学（示例）".into();
    assert_eq!(upload(primary.clone(), token.clone(), common::workbook(&headers, &[other])).await.status(), 422);
    // A good file: every row booked for the school.
    let good = common::workbook(&headers, &[row(&programmes[0], d(100), "09:00", "20"), row(&programmes[1], d(101), "13:30", "25")]);
    let resp = upload(primary.clone(), token.clone(), good).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.text().await.unwrap().contains("data-testid=\"import-done\""));
    assert_eq!(app.count("enl_bookings").await, n0 + 2);
    let made = enl_booking::Entity::find().filter(enl_booking::Column::SchoolOrgId.eq(primary_org)).filter(enl_booking::Column::Pupils.eq(25)).one(&app.db).await.unwrap().expect("imported booking");
    assert_eq!((made.start_minute, made.status.as_str()), (13 * 60 + 30, "booked"));
    // The district imports for a named school; without the school the row is refused.
    let (admin, admin_token) = app.login_as("admin").await;
    let resp = upload(admin.clone(), admin_token.clone(), common::workbook(&headers, &[row(&programmes[0], d(110), "09:00", "5")])).await;
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("学校"));
    let mut named = row(&programmes[0], d(110), "09:00", "5");
    named[4] = "四宝山街道中心小学（示例）".into();
    let resp = upload(admin.clone(), admin_token.clone(), common::workbook(&headers, &[named])).await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    assert_eq!(app.count("enl_bookings").await, n0 + 3);
    // Other roles cannot import.
    let (hr, hr_token) = app.login_as("hr").await;
    assert_eq!(upload(hr, hr_token, common::workbook(&headers, &[row(&programmes[0], d(100), "09:00", "20")])).await.status(), 403);
});

dual_db_test!(general_vocational_through_the_api, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, token) = app.login_as("admin").await;
    let rhein = app.org_id("中德莱茵智能科技学校").await;
    let high1 = app.org_id("淄博高新区第一中学（示例）").await;
    let high2 = app.org_id("淄博高新区实验高级中学（示例）").await;
    let post = |path: &str, body: serde_json::Value| {
        let req = admin.post(app.url(path)).header("X-CSRF-Token", &token).json(&body);
        async move { req.send().await.unwrap() }
    };
    let list: Vec<serde_json::Value> = admin.get(app.url("/api/v1/general-vocational/communities")).send().await.unwrap().json().await.unwrap();
    assert!(!list.is_empty() && list[0]["classes"].is_array() && list[0]["members"].is_array());
    let n = app.count("gv_communities").await;
    let resp = post("/api/v1/general-vocational/communities", serde_json::json!({"name": "接口共同体", "vocational_org_id": rhein.to_string(), "high_school_ids": [], "agreement_no": "API-1", "signed_on": "2026-09-01"})).await;
    assert_eq!(resp.status(), 422);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body.to_string().contains("high_school_ids"), "{body}");
    assert_eq!(app.count("gv_communities").await, n);
    let resp = post("/api/v1/general-vocational/communities", serde_json::json!({"name": "接口共同体", "vocational_org_id": rhein.to_string(), "high_school_ids": [high1, high2], "agreement_no": "API-1", "signed_on": "2026-09-01"})).await;
    assert_eq!(resp.status(), 201);
    let id: i64 = resp.json().await.unwrap();
    assert_eq!(post(&format!("/api/v1/general-vocational/communities/{id}/classes"), serde_json::json!({"name": "接口班", "school_year": "2026"})).await.status(), 204);
    let class = zhijiao::entity::gv_class::Entity::find().filter(zhijiao::entity::gv_class::Column::CommunityId.eq(id)).one(&app.db).await.unwrap().unwrap();
    let student = serde_json::json!({"student_name": "周宁", "student_no": "API-S1", "school_org_id": high1.to_string()});
    assert_eq!(post(&format!("/api/v1/general-vocational/classes/{}/students", class.id), student.clone()).await.status(), 201);
    assert_eq!(post(&format!("/api/v1/general-vocational/classes/{}/students", class.id), student).await.status(), 409);
    let transfer = |to: i64| serde_json::json!({"student_name": "周宁", "student_no": "API-S1", "school_org_id": high1.to_string(), "to_org_id": to.to_string(), "credits": "12", "decided_on": "2026-10-08"});
    assert_eq!(post(&format!("/api/v1/general-vocational/communities/{id}/transfers"), transfer(high2)).await.status(), 422, "same track");
    assert_eq!(post(&format!("/api/v1/general-vocational/communities/{id}/transfers"), transfer(rhein)).await.status(), 204);
    let list: Vec<serde_json::Value> = admin.get(app.url("/api/v1/general-vocational/communities")).send().await.unwrap().json().await.unwrap();
    let c = list.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!((c["to_vocational"].as_u64(), c["credits"].as_i64(), c["students_in_classes"].as_u64()), (Some(1), Some(12), Some(1)));
    assert_eq!(c["transfers"][0]["direction"], "普转职");
    // A school reads its own communities; only the district writes; enterprises read nothing.
    let (teacher, tt) = app.login_as("teacher").await;
    let seen: Vec<serde_json::Value> = teacher.get(app.url("/api/v1/general-vocational/communities")).send().await.unwrap().json().await.unwrap();
    assert!(seen.iter().any(|c| c["id"] == id));
    let resp = teacher.post(app.url(&format!("/api/v1/general-vocational/communities/{id}/classes"))).header("X-CSRF-Token", &tt).json(&serde_json::json!({"name": "x", "school_year": "2026"})).send().await.unwrap();
    assert_eq!(resp.status(), 403);
    let (hr, _) = app.login_as("hr").await;
    assert_eq!(hr.get(app.url("/api/v1/general-vocational/communities")).send().await.unwrap().status(), 403);
});
