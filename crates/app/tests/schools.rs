//! Schools (issue 11): the standards check from the command line, the form, the import,
//! the district overview, the scorecard workflow and the 党建/思政 log.

mod common;

use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use zhijiao::entity::{school_year_data as syd, scorecard_result as sr};

const EXAMPLE: &str = r#"{"students":1500,"fulltime_teachers":70,"senior_title_teachers":15,"specialty_teachers":40,
"dual_qualified_teachers":14,"part_time_teachers":12,"land_m2":52000,"building_m2":31000,
"equipment_yuan":4200000,"books":48000,"ring_track_m":300}"#;

fn cli(args: &[&str]) -> (bool, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhijiao"))
        .args(args)
        .env("ZHIJIAO_DATABASE_URL", format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display()))
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn cli_school_standards_evaluates_the_issue_example() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("year.json");
    std::fs::write(&f, EXAMPLE).unwrap();
    let (ok, out, err) = cli(&["school", "standards", f.to_str().unwrap(), "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["class"], "基本达标");
    let ind = v["indicators"].as_array().unwrap();
    let keys: Vec<&str> = ind.iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "students", "fulltime_teachers", "student_teacher_ratio", "senior_title_share", "specialty_teacher_share", "dual_qualified_share", "land_m2",
            "land_per_student", "building_m2", "building_per_student", "equipment_yuan", "equipment_per_student", "books_per_student"
        ]
    );
    let ratio = &ind[2];
    assert_eq!(ratio["value"], 21.4);
    assert_eq!(ratio["threshold"], 20.0);
    assert_eq!(ratio["met"], false);
    assert!(ratio["basis"].as_str().unwrap().contains("教职成〔2010〕12号"));

    // A field left out is not assessed (null), and the class is not decided.
    std::fs::write(&f, r#"{"students":1500,"fulltime_teachers":70}"#).unwrap();
    let (ok, out, _) = cli(&["school", "standards", f.to_str().unwrap(), "--format", "json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["class"].is_null());
    assert!(v["indicators"][12]["value"].is_null() && v["indicators"][12]["met"].is_null());

    // Unknown keys and impossible figures are refused.
    std::fs::write(&f, r#"{"studnets":1500}"#).unwrap();
    let (ok, _, err) = cli(&["school", "standards", f.to_str().unwrap()]);
    assert!(!ok && err.contains("studnets"), "{err}");
    std::fs::write(&f, r#"{"fulltime_teachers":10,"specialty_teachers":11}"#).unwrap();
    let (ok, _, err) = cli(&["school", "standards", f.to_str().unwrap()]);
    assert!(!ok && err.contains("专业教师数不能多于专任教师数"), "{err}");
}

fn example_form(year: &str) -> Vec<(&'static str, String)> {
    vec![
        ("year", year.into()),
        ("students", "1500".into()),
        ("fulltime_teachers", "70".into()),
        ("senior_title_teachers", "15".into()),
        ("specialty_teachers", "40".into()),
        ("dual_qualified_teachers", "14".into()),
        ("part_time_teachers", "12".into()),
        ("land_m2", "52000".into()),
        ("building_m2", "31000".into()),
        ("equipment_yuan", "4200000".into()),
        ("books", "48000".into()),
        ("ring_track_m", "300".into()),
        ("evidence", "2023年教育事业统计报表".into()),
    ]
}

async fn post(app: &TestApp, c: &reqwest::Client, token: &str, path: &str, fields: &[(&str, String)]) -> reqwest::Response {
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(c, token, path, &f).await
}

dual_db_test!(a_school_enters_its_year_and_sees_its_standards_result, |app: TestApp| async move {
    app.load_demo().await;
    let school = app.org_id("中德莱茵智能科技学校").await;
    let (c, token) = app.login_as("school").await;
    assert_eq!(c.get(app.url("/schools/standards/new?year=2023")).send().await.unwrap().status(), 200);
    let before = app.count("school_year_data").await;

    // Bad input: named field, 422, nothing written.
    let mut bad = example_form("2023");
    bad[1].1 = "一千五".into();
    bad[4].1 = "80".into();
    let resp = post(&app, &c, &token, "/schools/standards", &bad).await;
    assert_eq!(resp.status(), 422);
    let html = resp.text().await.unwrap();
    assert!(html.contains("学历教育在校生数") && html.contains("专业教师数不能多于专任教师数"), "{html}");
    assert_eq!(app.count("school_year_data").await, before);

    let resp = post(&app, &c, &token, "/schools/standards", &example_form("2023")).await;
    assert_eq!(resp.status(), 303);
    let loc = resp.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(app.count("school_year_data").await, before + 1);
    let html = c.get(app.url(&loc)).send().await.unwrap().text().await.unwrap();
    for s in ["基本达标", "生师比", "21.4", "≤ 20", "未达标", "教职成〔2010〕12号", "2023年教育事业统计报表"] {
        assert!(html.contains(s), "{s} missing");
    }
    let m = syd::Entity::find().filter(syd::Column::SchoolOrgId.eq(school)).filter(syd::Column::Year.eq(2023)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(m.result_class.as_deref(), Some("基本达标"));
    assert!(!m.all_key_met);

    // A left-out figure stays unassessed, never zero.
    let mut partial = example_form("2022");
    partial[10].1 = String::new();
    assert_eq!(post(&app, &c, &token, "/schools/standards", &partial).await.status(), 303);
    let m = syd::Entity::find().filter(syd::Column::SchoolOrgId.eq(school)).filter(syd::Column::Year.eq(2022)).one(&app.db).await.unwrap().unwrap();
    assert_eq!((m.books, m.result_class), (None, None));

    // Another school's year is out of reach; the enterprise HR sees nothing.
    let other = app.org_id("淄博信息工程学校（示例）").await;
    let theirs = syd::Entity::find().filter(syd::Column::SchoolOrgId.eq(other)).one(&app.db).await.unwrap().expect("demo data of the other school");
    assert_eq!(c.get(app.url(&format!("/schools/standards/{}", theirs.id))).send().await.unwrap().status(), 404);
    let (hr, _) = app.login_as("hr").await;
    assert_eq!(hr.get(app.url(&loc)).send().await.unwrap().status(), 403);
    // The school's own list shows only its years.
    let own: serde_json::Value = c.get(app.url("/api/v1/schools/standards")).send().await.unwrap().json().await.unwrap();
    assert!(own.as_array().unwrap().iter().all(|y| y["school_org_id"] == school));
    // The district may read but not write a school's data.
    let (admin, at) = app.login_as("admin").await;
    assert_eq!(admin.get(app.url(&loc)).send().await.unwrap().status(), 200);
    assert_eq!(post(&app, &admin, &at, "/schools/standards", &example_form("2021")).await.status(), 403);
});

dual_db_test!(yearly_data_imports_all_or_nothing, |app: TestApp| async move {
    app.load_demo().await;
    let (c, token) = app.login_as("school").await;
    let headers: Vec<&str> = zhijiao::areas::schools::COLUMNS.iter().map(|c| c.header).collect();
    let row = |year: &str, teachers: &str| {
        vec![year.into(), "1500".into(), teachers.into(), "15".into(), "40".into(), "14".into(), "12".into(), "52000".into(), "31000".into(), "4200000".into(), "48000".into(), "300".into(), "统计报表".into()]
    };
    let upload = |bytes: Vec<u8>| {
        let c = c.clone();
        let url = app.url(&format!("/schools/standards/import?_csrf={token}"));
        async move {
            let part = reqwest::multipart::Part::bytes(bytes).file_name("data.xlsx");
            c.post(url).multipart(reqwest::multipart::Form::new().part("file", part)).send().await.unwrap()
        }
    };
    let before = app.count("school_year_data").await;
    let bad = common::workbook(&headers, &[row("2020", "70"), row("2021", "七十")]);
    let resp = upload(bad).await;
    assert_eq!(resp.status(), 422);
    let html = resp.text().await.unwrap();
    assert!(html.contains("第3行") && html.contains("专任教师数"), "{html}");
    assert_eq!(app.count("school_year_data").await, before);
    let dup = common::workbook(&headers, &[row("2020", "70"), row("2020", "75")]);
    assert_eq!(upload(dup).await.status(), 422);
    assert_eq!(app.count("school_year_data").await, before);

    let good = common::workbook(&headers, &[row("2020", "70"), row("2021", "75")]);
    let resp = upload(good).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.text().await.unwrap().contains("已导入 2 个年度"));
    assert_eq!(app.count("school_year_data").await, before + 2);
    // The teacher cannot import.
    let (t, tt) = app.login_as("teacher").await;
    let part = reqwest::multipart::Part::bytes(common::workbook(&headers, &[row("2019", "70")])).file_name("d.xlsx");
    let resp = t.post(app.url(&format!("/schools/standards/import?_csrf={tt}"))).multipart(reqwest::multipart::Form::new().part("file", part)).send().await.unwrap();
    assert_eq!(resp.status(), 403);
    // Export: the rows behind the results.
    let bytes = c.get(app.url("/schools/standards/export.xlsx")).send().await.unwrap().bytes().await.unwrap();
    let mut cells = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, r| cells.push(r)).unwrap();
    assert!(cells.iter().any(|r| r[1] == "2021" && r[2] == "生师比" && r[5] == "达标"));
});

dual_db_test!(the_district_overview_counts_schools_meeting_all_key_indicators, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, _) = app.login_as("admin").await;
    let o: serde_json::Value = admin.get(app.url("/api/v1/schools/standards/overview")).send().await.unwrap().json().await.unwrap();
    let y2026 = o["years"].as_array().unwrap().iter().find(|y| y["year"] == 2026).expect("demo 2026").clone();
    assert_eq!(y2026["target"], 90.0);
    // The share is of all vocational schools, and counts the years classed 达标.
    let all: serde_json::Value = admin.get(app.url("/api/v1/schools/standards")).send().await.unwrap().json().await.unwrap();
    let met = all.as_array().unwrap().iter().filter(|y| y["year"] == 2026 && y["class"] == "达标").count() as f64;
    let n = y2026["vocational_schools"].as_f64().unwrap();
    assert!(met >= 1.0);
    assert_eq!(y2026["share_met"].as_f64().unwrap(), (met * 1000.0 / n).round() / 10.0);
    let html = admin.get(app.url("/schools")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("达标占比") && html.contains("中德莱茵智能科技学校") && html.contains("≥90%"));
    // A school does not get the district overview.
    let (school, _) = app.login_as("school").await;
    assert_eq!(school.get(app.url("/api/v1/schools/standards/overview")).send().await.unwrap().status(), 403);
    // The policy dashboard reads the same figure.
    let v = zhijiao::areas::policy::kpi::value(&app.db, "schools_meeting_standards_share").await.unwrap();
    let this_year = zhijiao::areas::schools::this_year();
    let expected = o["years"].as_array().unwrap().iter().find(|y| y["year"].as_i64().unwrap() <= this_year as i64).and_then(|y| y["share_met"].as_f64());
    assert_eq!(v, expected);
    assert!(zhijiao::areas::policy::kpi::value(&app.db, "dual_qualified_share").await.unwrap().is_some());
});

dual_db_test!(the_district_reviews_and_publishes_a_scorecard, |app: TestApp| async move {
    app.load_demo().await;
    let year = zhijiao::areas::schools::this_year();
    let school = app.org_id("中德莱茵智能科技学校").await;
    let (c, token) = app.login_as("school").await;
    let html = c.get(app.url("/schools/scorecards/self")).send().await.unwrap().text().await.unwrap();
    // The 校企合作成效 item reads the cooperation registry (the demo's confirmed agreements).
    let cooperation = zhijiao::areas::cooperation::school_effectiveness(&app.db, school, year).await.unwrap();
    assert!(cooperation.is_some(), "the demo school has confirmed agreements");
    assert!(html.contains("校企合作") && !html.contains("暂无数据（校企合作登记尚无数据）"), "the cooperation item reads the registry");
    let method = zhijiao_domain::scorecard::preset_2012();
    let mut form: Vec<(String, String)> = Vec::new();
    for (i, it) in method.items.iter().enumerate() {
        if it.source == zhijiao_domain::scorecard::Source::Entered {
            form.push((format!("points_{i}"), "25".into()));
            form.push((format!("evidence_{i}"), "自评报告第3页".into()));
        }
    }
    // Missing evidence: refused, the demo self-assessment unchanged.
    let before = sr::Entity::find().filter(sr::Column::SchoolOrgId.eq(school)).one(&app.db).await.unwrap().unwrap();
    let mut bad = form.clone();
    bad[1].1 = String::new();
    let f: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(app.post_form(&c, &token, "/schools/scorecards/self", &f).await.status(), 422);
    assert_eq!(sr::Entity::find_by_id(before.id).one(&app.db).await.unwrap().unwrap(), before);
    let f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let resp = app.post_form(&c, &token, "/schools/scorecards/self", &f).await;
    assert_eq!(resp.status(), 303);
    let r = sr::Entity::find_by_id(before.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(r.status, "self_assessed");
    let self_total = r.total.unwrap();

    let (admin, at) = app.login_as("admin").await;
    // An adjustment without a reason is refused and changes nothing.
    let path = format!("/schools/scorecards/{}/review", r.id);
    assert_eq!(app.post_form(&admin, &at, &path, &[("points_0", "20")]).await.status(), 422);
    assert_eq!(sr::Entity::find_by_id(r.id).one(&app.db).await.unwrap().unwrap().status, "self_assessed");
    // Publishing before review is refused.
    assert_eq!(app.post_form(&admin, &at, &format!("/schools/scorecards/{}/publish", r.id), &[]).await.status(), 409);
    assert_eq!(app.post_form(&admin, &at, &path, &[("points_0", "20"), ("reason_0", "战略规划未经教代会审议")]).await.status(), 303);
    let reviewed = sr::Entity::find_by_id(r.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(reviewed.status, "reviewed");
    assert_eq!(reviewed.total.unwrap(), self_total - 5.0);
    // The school cannot review or publish.
    assert_eq!(app.post_form(&c, &token, &path, &[]).await.status(), 403);
    assert_eq!(app.post_form(&admin, &at, &format!("/schools/scorecards/{}/publish", r.id), &[]).await.status(), 303);
    let html = c.get(app.url(&format!("/schools/scorecards?year={year}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("已公布") && html.contains("战略规划未经教代会审议") == false);
    let detail = c.get(app.url(&format!("/schools/scorecards/{}", r.id))).send().await.unwrap().text().await.unwrap();
    assert!(detail.contains("战略规划未经教代会审议"));
    // A published result keeps its method when the district changes the year's method.
    let mut changed = method.clone();
    changed.name = "新办法".into();
    changed.items.truncate(10);
    changed.bands = vec![zhijiao_domain::scorecard::Band { name: "合格".into(), min_points: 200 }];
    let ctx = admin_ctx(&app).await;
    zhijiao::areas::schools::scorecard::save_method(&app.db, &ctx, year, &changed).await.unwrap();
    let v = zhijiao::areas::schools::scorecard::get(&app.db, &ctx, r.id).await.unwrap();
    assert_eq!(v.items.len(), 16);
    // Another school's scorecard is out of the school's reach.
    let other = app.org_id("淄博信息工程学校（示例）").await;
    let theirs = sr::Entity::find().filter(sr::Column::SchoolOrgId.eq(other)).one(&app.db).await.unwrap().expect("demo result");
    assert_eq!(c.get(app.url(&format!("/schools/scorecards/{}", theirs.id))).send().await.unwrap().status(), 404);
});

async fn admin_ctx(app: &TestApp) -> zhijiao::auth::Ctx {
    let u = zhijiao::entity::user::Entity::find().filter(zhijiao::entity::user::Column::Username.eq("admin")).one(&app.db).await.unwrap().unwrap();
    let auth = zhijiao::auth::load_auth_user(&app.db, u.id).await.unwrap().unwrap();
    zhijiao::auth::Ctx { user: Some(auth), locale: Default::default(), request_id: "test".into(), csrf_token: String::new() }
}

dual_db_test!(the_district_defines_the_method_in_the_browser, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, at) = app.login_as("admin").await;
    let before = app.count("scorecard_methods").await;
    let bad = [("name", "区考核办法"), ("item_name_0", "办学条件"), ("item_max_0", "60"), ("band_name_0", "合格"), ("band_min_0", "70")];
    assert_eq!(app.post_form(&admin, &at, "/schools/scorecards/method?year=2025", &bad).await.status(), 422);
    assert_eq!(app.count("scorecard_methods").await, before);
    let good = [("name", "区考核办法"), ("item_name_0", "办学条件"), ("item_max_0", "60"), ("item_source_0", "standards"), ("item_name_1", "党建"), ("item_max_1", "40"), ("band_name_0", "合格"), ("band_min_0", "60")];
    assert_eq!(app.post_form(&admin, &at, "/schools/scorecards/method?year=2025", &good).await.status(), 303);
    let (_, m) = zhijiao::areas::schools::scorecard::current_method(&app.db, 2025).await.unwrap().unwrap();
    assert_eq!((m.items.len(), m.total_points(), m.items[0].source), (2, 100, zhijiao_domain::scorecard::Source::Standards));
    let (school, st) = app.login_as("school").await;
    assert_eq!(app.post_form(&school, &st, "/schools/scorecards/method?year=2025", &good).await.status(), 403);
});

dual_db_test!(party_activities_are_logged_and_reviewed, |app: TestApp| async move {
    app.load_demo().await;
    let year = zhijiao::areas::schools::this_year();
    let (c, token) = app.login_as("school").await;
    let before = app.count("party_activities").await;
    assert_eq!(app.post_form(&c, &token, "/schools/activities", &[("held_on", "2026-13-01"), ("kind", "party"), ("title", "x"), ("participants", "30"), ("evidence", "记录")]).await.status(), 422);
    assert_eq!(app.count("party_activities").await, before);
    let kpi_before = zhijiao::areas::policy::kpi::value(&app.db, "party_activities").await.unwrap().unwrap();
    let day = format!("{year}-01-02");
    let ok = [("held_on", day.as_str()), ("kind", "party"), ("title", "主题党日活动"), ("participants", "45"), ("evidence", "会议记录第12号")];
    assert_eq!(app.post_form(&c, &token, "/schools/activities", &ok).await.status(), 303);
    assert_eq!(zhijiao::areas::policy::kpi::value(&app.db, "party_activities").await.unwrap().unwrap(), kpi_before + 1.0);
    let a = zhijiao::entity::party_activity::Entity::find().one(&app.db).await.unwrap().unwrap();
    // The school cannot review; the district must give a reason to return.
    let path = format!("/schools/activities/{}/review", a.id);
    assert_eq!(app.post_form(&c, &token, &path, &[("decision", "accepted")]).await.status(), 403);
    let (admin, at) = app.login_as("admin").await;
    assert_eq!(app.post_form(&admin, &at, &path, &[("decision", "returned")]).await.status(), 422);
    assert_eq!(app.post_form(&admin, &at, &path, &[("decision", "returned"), ("note", "佐证不足")]).await.status(), 303);
    assert_eq!(zhijiao::areas::policy::kpi::value(&app.db, "party_activities").await.unwrap().unwrap(), kpi_before);
    let (hr, _) = app.login_as("hr").await;
    assert_eq!(hr.get(app.url("/schools/activities")).send().await.unwrap().status(), 403);
});

dual_db_test!(the_teacher_register_imports_checks_practice_and_prefills_the_standards_form, |app: TestApp| async move {
    app.load_demo().await;
    let school = app.org_id("中德莱茵智能科技学校").await;
    let (c, token) = app.login_as("school").await;
    let headers: Vec<&str> = zhijiao::areas::schools::teachers::COLUMNS.iter().map(|c| c.header).collect();
    let row = |name: &str, title: &str, spec: &str, dual: &str, ev: &str| vec![name.to_string(), title.into(), spec.into(), dual.into(), ev.into(), "2012-09-01".into(), "".into()];
    let upload = |bytes: Vec<u8>| {
        let c = c.clone();
        let url = app.url(&format!("/schools/teachers/import?_csrf={token}"));
        async move {
            let part = reqwest::multipart::Part::bytes(bytes).file_name("t.xlsx");
            c.post(url).multipart(reqwest::multipart::Form::new().part("file", part)).send().await.unwrap()
        }
    };
    let before = app.count("teachers").await;
    // 双师型 without evidence, and a 双师型 who is not a specialty teacher: nothing imported.
    let bad = common::workbook(&headers, &[row("甲", "副高级", "是", "是", "技师证"), row("乙", "中级", "是", "是", ""), row("丙", "中级", "否", "是", "证书")]);
    let resp = upload(bad).await;
    assert_eq!(resp.status(), 422);
    let html = resp.text().await.unwrap();
    assert!(html.contains("第3行") && html.contains("双师型佐证") && html.contains("第4行"), "{html}");
    assert_eq!(app.count("teachers").await, before);
    let good = common::workbook(&headers, &[row("甲", "副高级", "是", "是", "技师证"), row("乙", "中级", "是", "否", "")]);
    assert_eq!(upload(good).await.status(), 303);
    assert_eq!(app.count("teachers").await, before + 2);

    // Practice: 180 days in the last five years meets the rule.
    let t = zhijiao::entity::teacher::Entity::find()
        .filter(zhijiao::entity::teacher::Column::SchoolOrgId.eq(school))
        .filter(zhijiao::entity::teacher::Column::Name.eq("乙"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let path = format!("/schools/teachers/{}/practice", t.id);
    assert_eq!(app.post_form(&c, &token, &path, &[("start", "2025-06-30"), ("end", "2025-01-01")]).await.status(), 422);
    assert_eq!(app.post_form(&c, &token, &path, &[("start", "2025-01-01"), ("end", "2025-06-29")]).await.status(), 303);
    let html = c.get(app.url("/schools/teachers")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("已满足（近五年累计不少于6个月）：180天"), "{html}");
    // Another school's administrator would not reach this teacher; the teacher role cannot write.
    let (teacher, tt) = app.login_as("teacher").await;
    assert_eq!(app.post_form(&teacher, &tt, &path, &[("start", "2024-01-01"), ("end", "2024-02-01")]).await.status(), 403);

    // The register's counts prefill the yearly form: 3 demo teachers + 2 imported.
    let (fulltime, senior, specialty, dual) = zhijiao::areas::schools::teachers::register_counts(&app.db, school).await.unwrap().unwrap();
    assert_eq!((fulltime, senior, specialty, dual), (5, 2, 4, 2));
    let html = c.get(app.url("/schools/standards/new?year=2020&prefill=register")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("name=\"fulltime_teachers\" value=\"5\"") && html.contains("name=\"dual_qualified_teachers\" value=\"2\""), "prefilled");
});
