//! Majors (issue 10): the warnings command line, the district's map showing every warning
//! kind on the demo zone, the 专业调整申报备案 workflow (good input, bad input changing
//! nothing, another school's filing refused), the public 备案 list and its export, the
//! forecast with its back-test error, and the dashboard's indicators.

mod common;

use calamine::{Reader, Xlsx};
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::process::Command;
use zhijiao::entity::{major_filing, school_major};

const RHEIN: &str = "中德莱茵智能科技学校";

fn location(resp: &reqwest::Response) -> String {
    resp.headers().get("location").unwrap_or_else(|| panic!("redirect expected, got {}", resp.status())).to_str().unwrap().to_string()
}

#[test]
fn command_line_prints_the_warnings_of_a_district_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("district.json");
    let school = |name: &str, on_roll: u32| {
        serde_json::json!({"name": name, "majors": [{"code": "660301", "status": "enrolling",
            "enrolment": {"2024": 120, "2025": 110, "2026": 100}, "on_roll": on_roll, "destination_rate": {"2025": 0.93, "2026": 0.95}}]})
    };
    let district = serde_json::json!({
        "year": 2026, "level": "secondary",
        "schools": [school("甲校", 330), school("乙校", 150), {"name": "丙校", "majors": []}],
        "demand": [{"major_code": "710103", "postings": 120}],
        "chains": [{"name": "新材料", "served_by_groups": false}, {"name": "智能制造", "served_by_groups": true}]
    });
    std::fs::write(&file, district.to_string()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zhijiao"))
        .args(["majors", "warnings", file.to_str().unwrap(), "--format", "json"])
        .env("ZHIJIAO_DATABASE_URL", format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, serde_json::Value, serde_json::Value)> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            assert!(!w["evidence"].as_str().unwrap().is_empty());
            (w["rule"].as_str().unwrap().to_string(), w["school"].clone(), w["major_code"].clone())
        })
        .collect();
    let j = serde_json::Value::from;
    assert_eq!(
        got,
        vec![
            ("saturation".into(), serde_json::Value::Null, j("660301")),
            ("size_cap".into(), j("乙校"), j("660301")),
            ("shortage".into(), serde_json::Value::Null, j("710103")),
            ("chain_gap".into(), serde_json::Value::Null, serde_json::Value::Null),
        ]
    );
    // A file that is not a district description is refused with a message.
    std::fs::write(&file, "{\"year\": \"x\"}").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zhijiao")).args(["majors", "warnings", file.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("JSON"));
}

dual_db_test!(the_map_shows_every_warning_kind_on_the_demo, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, _) = app.login_as("admin").await;
    let map: serde_json::Value = admin.get(app.url("/api/v1/majors/map")).send().await.unwrap().json().await.unwrap();
    let rules: std::collections::BTreeSet<&str> = map["warnings"].as_array().unwrap().iter().map(|w| w["rule"].as_str().unwrap()).collect();
    for rule in ["low_destination", "saturation", "size_cap", "dormant", "shortage", "chain_gap"] {
        assert!(rules.contains(rule), "{rule} missing: {rules:?}");
    }
    let find = |rule: &str| map["warnings"].as_array().unwrap().iter().filter(|w| w["rule"] == rule).cloned().collect::<Vec<_>>();
    assert!(find("low_destination").iter().any(|w| w["major_code"] == "690207"), "{:?}", find("low_destination"));
    assert!(find("dormant").iter().any(|w| w["major_code"] == "660702"));
    // 660702 is suspended at the only school that had it while the report's ★4–★5 occupations lead to it.
    assert!(find("shortage").iter().any(|w| w["major_code"] == "660702"), "{:?}", find("shortage"));
    assert!(find("saturation").iter().any(|w| w["major_code"] == "710201"));
    assert!(find("chain_gap").iter().any(|w| w["evidence"].as_str().unwrap().contains("新材料")));
    // Every warning names its precedent.
    assert!(map["warnings"].as_array().unwrap().iter().all(|w| !w["precedent_zh"].as_str().unwrap().is_empty()));
    // The seed's group of 中德莱茵 serves 智能制造.
    let group = map["groups"].as_array().unwrap().iter().find(|g| g["name"] == "智能设备运行与维护专业群").expect("the seed's group").clone();
    assert_eq!(group["school"], RHEIN);
    assert_eq!(group["chain"], "智能制造");
    // Destination rates per cohort come from the destinations' formulas: 690207 has 2025 and 2026.
    let row = map["rows"].as_array().unwrap().iter().find(|r| r["major_code"] == "690207").unwrap().clone();
    let years: Vec<i64> = row["cohorts"].as_array().unwrap().iter().map(|c| c["year"].as_i64().unwrap()).collect();
    assert_eq!(years, vec![2025, 2026]);

    let html = admin.get(app.url("/majors")).send().await.unwrap().text().await.unwrap();
    for zh in ["去向落实率连续偏低", "专业布点饱和", "专业规模偏小", "连续三年未招生", "紧缺专业无学校开设", "主导产业链无专业群支撑", "智能设备运行与维护专业群"] {
        assert!(html.contains(zh), "{zh} not on the map page");
    }
    assert!(!html.contains(">low_destination") && !html.contains("chain_gap<"), "no internal keys in the page's text");
    // A school does not read the district's map.
    let (school, _) = app.login_as("school").await;
    assert_eq!(school.get(app.url("/majors")).send().await.unwrap().status(), 403);
    assert_eq!(school.get(app.url("/api/v1/majors/map")).send().await.unwrap().status(), 403);

    // The dashboard's indicators of measures (二), (七), (八) read these tables.
    let kpi = |k: &'static str| zhijiao::areas::policy::kpi::value(&app.db, k);
    assert_eq!(kpi("major_warnings").await.unwrap(), Some(map["warnings"].as_array().unwrap().len() as f64));
    assert_eq!(kpi("specialty_groups_lead_chains").await.unwrap(), Some(3.0));
    assert_eq!(kpi("major_filings_approved").await.unwrap(), Some(1.0));
});

const NEW_MAJOR: &str = "660306";

fn filing_fields<'a>(reason: &'a str, plan: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "new"),
        ("major_code", NEW_MAJOR),
        ("length_years", "3"),
        ("reason", reason),
        ("teaching_plan", plan),
        ("teachers", "专任教师6人，其中双师型4人；企业兼职教师2人"),
        ("facilities", "智能产线实训中心1200平方米，设备总值860万元"),
        ("partners", "淄博莱茵智能制造有限公司（示例）"),
    ]
}

dual_db_test!(a_school_files_a_new_major_and_the_district_approves_it, |app: TestApp| async move {
    app.load_demo().await;
    let rhein = app.org_id(RHEIN).await;
    let (school, st) = app.login_as("school").await;
    let (admin, at) = app.login_as("admin").await;
    let filings_before = app.count("major_filings").await;
    let audit_before = app.count("audit_log").await;

    // Bad input changes nothing: a new major without the 第九条 teaching plan, a code outside the catalogue,
    // a major the school already offers, control characters.
    let resp = app.post_form(&school, &st, "/majors/filings", &filing_fields("区内智能产线企业用人需求大", "")).await;
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("请填写实施性教学计划"));
    let mut bad = filing_fields("理由", "计划");
    bad[1] = ("major_code", "999999");
    assert_eq!(app.post_form(&school, &st, "/majors/filings", &bad).await.status(), 422);
    bad[1] = ("major_code", "660301");
    let resp = app.post_form(&school, &st, "/majors/filings", &bad).await;
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("本校已开设该专业"));
    let resp = app.post_form(&school, &st, "/majors/filings", &filing_fields("理由\u{7}", "计划")).await;
    assert_eq!(resp.status(), 422);
    assert_eq!(app.count("major_filings").await, filings_before);
    assert_eq!(app.count("audit_log").await, audit_before);
    // The district does not file for a school.
    assert_eq!(app.post_form(&admin, &at, "/majors/filings", &filing_fields("理由", "计划")).await.status(), 403);

    // Good input.
    let resp = app.post_form(&school, &st, "/majors/filings", &filing_fields("区内智能产线企业用人需求大", "三年制，理实一体化课程12门")).await;
    assert_eq!(resp.status(), 303);
    let id: i64 = location(&resp).trim_start_matches("/majors/filings/").parse().unwrap();
    let f = major_filing::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((f.org_id, f.status.as_str(), f.major_name.as_str()), (rhein, "submitted", "智能化生产线安装与运维"));
    assert_eq!(app.count(&format!("audit_log WHERE entity = 'major_filing' AND entity_id = '{id}'")).await, 1);
    let page = school.get(app.url(&format!("/majors/filings/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("平台数据参考") && page.contains("待审核"));

    // Returning needs a comment; then the school revises and submits again.
    assert_eq!(app.post_form(&admin, &at, &format!("/majors/filings/{id}/review"), &[("action", "return"), ("comment", "")]).await.status(), 422);
    assert_eq!(major_filing::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().status, "submitted");
    let resp = app.post_form(&admin, &at, &format!("/majors/filings/{id}/review"), &[("action", "return"), ("comment", "请补充合作企业协议")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(major_filing::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().status, "returned");
    let mut revised = filing_fields("区内智能产线企业用人需求大", "三年制，理实一体化课程12门");
    revised[7] = ("partners", "淄博莱茵智能制造有限公司（示例），已签订合作协议");
    assert_eq!(app.post_form(&school, &st, &format!("/majors/filings/{id}"), &revised).await.status(), 303);
    assert_eq!(major_filing::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().status, "submitted");

    // The school may not review; the district approves: 备案 number and date, the offering exists.
    assert_eq!(app.post_form(&school, &st, &format!("/majors/filings/{id}/review"), &[("action", "approve")]).await.status(), 403);
    assert_eq!(app.post_form(&admin, &at, &format!("/majors/filings/{id}/review"), &[("action", "approve"), ("comment", "同意")]).await.status(), 303);
    let f = major_filing::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(f.status, "approved");
    let no = f.record_no.clone().expect("a record number");
    assert!(f.record_date.is_some());
    let offering = school_major::Entity::find()
        .filter(school_major::Column::OrgId.eq(rhein))
        .filter(school_major::Column::MajorCode.eq(NEW_MAJOR))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the approved major is offered");
    assert_eq!((offering.status.as_str(), offering.start_year), ("active", Some(2027)));
    // Approved once only.
    assert_eq!(app.post_form(&admin, &at, &format!("/majors/filings/{id}/review"), &[("action", "approve")]).await.status(), 409);

    // The public list and its export show it.
    let public = app.text("/majors/records").await;
    assert!(public.contains(&no) && public.contains("智能化生产线安装与运维"));
    let bytes = app.get("/majors/records.xlsx").await.bytes().await.unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = wb.worksheet_range("专业备案").unwrap();
    assert!(sheet.rows().any(|r| r.iter().any(|c| *c == NEW_MAJOR)));

    // A school sees only its own filings: the demo's filing of 淄博信息工程学校 is not there.
    let other = major_filing::Entity::find().filter(major_filing::Column::OrgId.ne(rhein)).one(&app.db).await.unwrap().unwrap();
    let mine: serde_json::Value = school.get(app.url("/api/v1/majors/filings")).send().await.unwrap().json().await.unwrap();
    assert!(mine.as_array().unwrap().iter().all(|f| f["org_id"] == rhein));
    assert_eq!(school.get(app.url(&format!("/majors/filings/{}", other.id))).send().await.unwrap().status(), 404);
    let all: serde_json::Value = admin.get(app.url("/api/v1/majors/filings")).send().await.unwrap().json().await.unwrap();
    assert!(all.as_array().unwrap().iter().any(|f| f["id"] == other.id));
});

dual_db_test!(the_district_opens_a_batch_and_bad_input_changes_nothing, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, at) = app.login_as("admin").await;
    let before = app.count("major_batches").await;
    assert_eq!(app.post_form(&admin, &at, "/majors/batches", &[("year", "99999"), ("title", "x")]).await.status(), 422);
    // 2027 is already open in the demo.
    assert_eq!(app.post_form(&admin, &at, "/majors/batches", &[("year", "2027"), ("title", "重复")]).await.status(), 409);
    assert_eq!(app.count("major_batches").await, before);
    assert_eq!(app.post_form(&admin, &at, "/majors/batches", &[("year", "2028"), ("title", "2028年度专业设置调整申报备案")]).await.status(), 303);
    assert_eq!(app.count("major_batches WHERE status = 'open'").await, 1);
    assert_eq!(app.count("major_batches WHERE status = 'open' AND year = 2028").await, 1);
    let (school, st) = app.login_as("school").await;
    assert_eq!(app.post_form(&school, &st, "/majors/batches", &[("year", "2029"), ("title", "x")]).await.status(), 403);
});

dual_db_test!(the_forecast_shows_history_forecast_and_back_test_error, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, _) = app.login_as("admin").await;
    let r: serde_json::Value = admin.get(app.url("/api/v1/majors/forecast?major=660301&seats=40")).send().await.unwrap().json().await.unwrap();
    let chains = r["chains"].as_array().unwrap();
    assert!(!chains.is_empty(), "the demo's postings give chain histories");
    for c in chains {
        assert!(!c["history"].as_array().unwrap().is_empty());
        assert_eq!(c["forecast"].as_array().unwrap().len(), 36, "three years of months");
        assert!(c["forecast"].as_array().unwrap().iter().all(|p| p[1].as_f64().unwrap() >= 0.0));
        assert!(!c["model_zh"].as_str().unwrap().is_empty());
    }
    let w = &r["what_if"];
    let grads: Vec<i64> = w["years"].as_array().unwrap().iter().map(|y| y[1].as_i64().unwrap()).collect();
    assert_eq!(grads, vec![0, 0, 40], "the first cohort graduates after three years");
    let page = admin.get(app.url("/majors/forecast?major=660301&seats=40")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("MAPE") && page.contains("MASE") && page.contains("data-chart"));
    let resp = admin.get(app.url("/majors/forecast?major=660301&seats=abc")).send().await.unwrap();
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("招生人数应为 1—2000 的整数"));
});

dual_db_test!(a_school_imports_its_yearly_figures_all_or_nothing, |app: TestApp| async move {
    app.load_demo().await;
    let rhein = app.org_id(RHEIN).await;
    let (school, st) = app.login_as("school").await;
    let headers = ["专业代码", "专业名称", "状态", "学制（年）", "年度", "招生人数", "在校生人数", "毕业生人数"];
    let row = |code: &str, year: &str, enrolment: &str| vec![code.into(), String::new(), "在招".into(), "3".into(), year.into(), enrolment.into(), "300".into(), "90".into()];
    let upload = |bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name("majors.xlsx");
        school.post(app.url(&format!("/majors/offerings?_csrf={st}"))).header("X-CSRF-Token", &st).multipart(reqwest::multipart::Form::new().part("file", part)).send()
    };
    let figures_where = format!("major_year_figures WHERE org_id = {rhein}");
    let figures = || app.count(&figures_where);
    let before = figures().await;
    let audit_before = app.count("audit_log").await;
    // One good row and rows that are wrong (another school's major, a number out of range): nothing is written.
    let bad = common::workbook(&headers, &[row("660301", "2027", "120"), row("690207", "2027", "50"), row("660201", "2027", "-1")]);
    let resp = upload(bad).await.unwrap();
    assert_eq!(resp.status(), 422);
    let text = resp.text().await.unwrap();
    assert!(text.contains("第3行“专业代码”") && text.contains("第4行“招生人数”"), "errors name row and column");
    assert_eq!(figures().await, before);
    assert_eq!(app.count("audit_log").await, audit_before);
    // Good rows: a new year added, an existing year corrected.
    let good = common::workbook(&headers, &[row("660301", "2027", "120"), row("660301", "2026", "99")]);
    assert_eq!(upload(good).await.unwrap().status(), 303);
    assert_eq!(figures().await, before + 1);
    let f = zhijiao::entity::major_year_figure::Entity::find()
        .filter(zhijiao::entity::major_year_figure::Column::OrgId.eq(rhein))
        .filter(zhijiao::entity::major_year_figure::Column::MajorCode.eq("660301"))
        .filter(zhijiao::entity::major_year_figure::Column::Year.eq(2026))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((f.enrolment, f.on_roll), (99, 300));
    // The export has the template's columns and the school's rows only.
    let bytes = school.get(app.url("/majors/offerings.xlsx")).send().await.unwrap().bytes().await.unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = wb.worksheet_range("专业开设情况").unwrap();
    let codes: std::collections::BTreeSet<String> = sheet.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert!(codes.contains("660301") && !codes.contains("690207"), "{codes:?}");
});
