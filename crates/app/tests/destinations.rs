//! 毕业去向: imports (all or nothing), hand-computed rates, scoping, the rates export and
//! the platform-hire hook, on both databases.

mod common;

use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use zhijiao::areas::destinations::{Hire, record_from_hire};
use zhijiao::entity::{graduate_destination as gd, student};
use zhijiao_domain::catalog::{MajorLevel, catalogs};

const HEADERS: [&str; 10] = ["学号", "姓名", "毕业年份", "统计时点", "毕业去向", "就业单位", "统一社会信用代码", "职业代码", "单位所在区县", "单位所在街道"];


async fn upload(app: &TestApp, client: &reqwest::Client, token: &str, org_id: Option<i64>, bytes: Vec<u8>) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name("去向.xlsx"));
    if let Some(o) = org_id {
        form = form.text("org_id", o.to_string());
    }
    client.post(app.url("/api/v1/imports/destinations")).header("X-CSRF-Token", token).multipart(form).send().await.unwrap()
}

/// The demo's 2027 graduates of a school (not yet with destinations), in id order.
async fn cohort_2027(app: &TestApp, school: &str) -> Vec<student::Model> {
    let org = app.org_id(school).await;
    student::Entity::find()
        .filter(student::Column::OrgId.eq(org))
        .filter(student::Column::GraduationYear.eq(2027))
        .order_by_asc(student::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

fn aligned_occupation(s: &student::Model) -> String {
    catalogs().occupations_for_major(MajorLevel::Secondary, &s.major_code).first().expect("crosswalk").code.clone()
}

fn row(s: &student::Model, snapshot: &str, dest: &str, employer: &str, occ: &str, county: &str, street: &str) -> Vec<String> {
    [s.student_no.as_str(), s.name.as_str(), "2027", snapshot, dest, employer, "", occ, county, street].iter().map(|x| x.to_string()).collect()
}

/// Ten graduates whose rates are computed by hand below.
fn fixture(st: &[student::Model]) -> Vec<Vec<String>> {
    vec![
        row(&st[0], "初次", "11", "淄博甲公司", &aligned_occupation(&st[0]), "", "370303008"), // employed, aligned, zone, city
        row(&st[1], "初次", "签劳动合同形式就业", "淄博乙公司", "4-01-02-01", "370302", ""), // employed, city
        row(&st[2], "初次", "12", "济南丙公司", &aligned_occupation(&st[2]), "370102", ""), // employed, aligned
        row(&st[3], "初次", "75", "", "", "", "中埠镇"),                                    // employed, zone, city
        row(&st[4], "初次", "80", "", "", "", ""),
        row(&st[5], "初次", "境内升学", "", "", "", ""),
        row(&st[6], "初次", "85", "", "", "", ""),
        row(&st[7], "初次", "70", "", "", "", ""),
        row(&st[8], "初次", "71", "", "", "", ""),
        row(&st[9], "初次", "46", "", "", "", ""), // 应征义务兵: employed, no occupation
        // Year-end: nobody directly employed → 对口率 and retention have no denominator.
        row(&st[4], "年终", "80", "", "", "", ""),
        row(&st[7], "年终", "70", "", "", "", ""),
    ]
}

fn rate(v: &Value) -> Option<f64> {
    v.as_f64()
}

dual_db_test!(a_good_destination_file_is_written_and_rates_match_hand_computed_values, |app: TestApp| async move {
    app.load_demo().await;
    let st = cohort_2027(&app, "中德莱茵智能科技学校").await;
    assert!(st.len() >= 10);
    let (client, token) = app.login_as("school").await;
    let before = app.count("graduate_destinations").await;
    let r = upload(&app, &client, &token, None, common::workbook(&HEADERS, &fixture(&st))).await;
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["written"], 12);
    assert_eq!(app.count("graduate_destinations").await, before + 12);

    // Initial snapshot: 10 graduates, 5 directly employed (11, 11, 12, 75, 46), 3 further study.
    let r: Value = client.get(app.url("/api/v1/destinations/rates?year=2027&snapshot=initial")).send().await.unwrap().json().await.unwrap();
    let t = &r["total"];
    assert_eq!((t["graduates"].as_u64(), t["employed"].as_u64(), t["further_study"].as_u64()), (Some(10), Some(5), Some(3)), "{r}");
    assert_eq!(rate(&t["employment_rate"]), Some(0.8));
    assert_eq!(rate(&t["placement_rate"]), Some(0.8));
    assert_eq!(t["aligned"], 2);
    assert_eq!(rate(&t["alignment_rate"]), Some(0.4));
    assert_eq!(rate(&t["zone_retention"]), Some(0.4));
    assert_eq!(rate(&t["city_retention"]), Some(0.6));
    // Year-end: 50% employed (升学 counts), the rest has no denominator.
    let r: Value = client.get(app.url("/api/v1/destinations/rates?year=2027&snapshot=year_end")).send().await.unwrap().json().await.unwrap();
    assert_eq!(rate(&r["total"]["employment_rate"]), Some(0.5));
    assert!(r["total"]["alignment_rate"].is_null() && r["total"]["zone_retention"].is_null());

    // The page shows figures, formulas, "no data" and links to the rows behind them.
    let html = client.get(app.url("/destinations/rates?year=2027&snapshot=year_end")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("—（无数据）"), "zero denominators are shown as no data");
    assert!(html.contains("教学厅函〔2021〕19号"), "sources are cited");
    let html = client.get(app.url("/destinations/rates?year=2027&snapshot=initial")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"rate-employment_rate\">80.0%"), "{html}");
    assert!(html.contains("data-testid=\"rate-alignment_rate\">40.0%"));
    assert!(html.contains("data-chart=\"rates-by-major\"") && html.contains("<script type=\"application/json\" id=\"rates-by-major\">"));
    let unescaped = html.replace("&amp;", "&").replace("&#38;", "&");
    assert!(unescaped.contains("snapshot=initial&org_id=") && unescaped.contains("&class=aligned\""), "links to the rows behind 对口率");
    // The rows behind 对口: exactly the two aligned graduates.
    let list: Value = client.get(app.url("/api/v1/destinations?year=2027&snapshot=initial&class=aligned")).send().await.unwrap().json().await.unwrap();
    assert_eq!(list["total"], 2);
    let list: Value = client.get(app.url("/api/v1/destinations?year=2027&snapshot=initial&class=in_city")).send().await.unwrap().json().await.unwrap();
    assert_eq!(list["total"], 3);

    // The rates table exports and reads back.
    let x = client.get(app.url("/destinations/rates.xlsx?year=2027&snapshot=initial")).send().await.unwrap();
    assert_eq!(x.status(), 200);
    let bytes = x.bytes().await.unwrap();
    let mut rows = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, r| rows.push(r)).unwrap();
    let header = &rows[0];
    let col = |h: &str| header.iter().position(|x| x == h).unwrap_or_else(|| panic!("{h} in {header:?}"));
    let total = &rows[1];
    assert_eq!(total[col("名称")], "全部");
    assert_eq!(total[col("毕业生")], "10");
    assert_eq!(total[col("直接就业")], "5");
    assert_eq!(total[col("就业率（中职口径）")], "80.0%");
    assert_eq!(total[col("专业对口率")], "40.0%");
    assert_eq!(total[col("市内就业占比")], "60.0%");
    assert!(rows.iter().any(|r| r[0] == "专业"), "rows per major");

    // The list exports too.
    let x = client.get(app.url("/destinations/export.xlsx?year=2027")).send().await.unwrap();
    let bytes = x.bytes().await.unwrap();
    let mut rows = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, r| rows.push(r)).unwrap();
    assert_eq!(rows.len(), 1 + 12);

    // Importing again replaces the same graduates' records rather than duplicating them.
    let r = upload(&app, &client, &token, None, common::workbook(&HEADERS, &fixture(&st))).await;
    assert_eq!(r.status(), 200);
    assert_eq!(app.count("graduate_destinations").await, before + 12);
});

dual_db_test!(a_bad_destination_file_writes_nothing_and_names_row_and_column, |app: TestApp| async move {
    app.load_demo().await;
    let st = cohort_2027(&app, "中德莱茵智能科技学校").await;
    let (client, token) = app.login_as("school").await;
    let before = app.count("graduate_destinations").await;
    let mut rows = vec![
        row(&st[0], "初次", "99", "", "", "", ""),                               // row 2: unknown destination code
        row(&st[1], "初次", "11", "淄博乙公司", "9-99-99-99", "", ""),           // row 3: not in the 大典
        row(&st[2], "初次", "80", "", "", "", ""),                               // row 4: fine
        row(&st[3], "初次", "80", "", "", "", ""),                               // row 5: not in the register
    ];
    rows[3][0] = "NOPE0001".into();
    let r = upload(&app, &client, &token, None, common::workbook(&HEADERS, &rows)).await;
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    let errors: Vec<(u64, String, String)> = v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap().to_string(), e["message"].as_str().unwrap().to_string()))
        .collect();
    let at = |row: u64, field: &str| errors.iter().find(|(r, f, _)| *r == row && f == field).map(|x| x.2.clone());
    assert!(at(2, "毕业去向").unwrap().contains("99"), "{errors:?}");
    assert!(at(3, "职业代码").unwrap().contains("大典"), "{errors:?}");
    assert!(at(5, "学号").unwrap().contains("名册"), "{errors:?}");
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(app.count("graduate_destinations").await, before, "nothing written");
    // A teacher may not import; a school may not import into another school.
    let other = app.org_id("淄博信息工程学校（示例）").await;
    let r = upload(&app, &client, &token, Some(other), common::workbook(&HEADERS, &rows[2..3])).await;
    assert_eq!(r.status(), 403);
    let (teacher, t) = app.login_as("teacher").await;
    assert_eq!(upload(&app, &teacher, &t, None, common::workbook(&HEADERS, &rows[2..3])).await.status(), 403);
});

dual_db_test!(another_school_can_neither_see_nor_edit_a_graduates_destination, |app: TestApp| async move {
    app.load_demo().await;
    let other = app.org_id("淄博信息工程学校（示例）").await;
    let st = cohort_2027(&app, "淄博信息工程学校（示例）").await;
    let (admin, token) = app.login_as("admin").await;
    let body = serde_json::json!({"org_id": other, "student_no": st[0].student_no, "graduation_year": "2027", "snapshot": "初次", "destination": "11", "employer_name": "淄博某公司", "occupation_code": "4-01-02-01", "street": "370303008"});
    let r = admin.post(app.url("/api/v1/destinations")).header("X-CSRF-Token", &token).json(&body).send().await.unwrap();
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{v}");
    let id = v["id"].as_i64().unwrap();
    assert_eq!(v["in_zone"], true);
    assert_eq!(v["major_aligned"], false);

    // The school of 中德莱茵 does not see it, and cannot open or change it.
    let (school, stoken) = app.login_as("school").await;
    let list: Value = school.get(app.url(&format!("/api/v1/destinations?org_id={other}&year=2027"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(list["total"], 0, "scoped to the reader's own school whatever the filter says");
    assert_eq!(school.get(app.url(&format!("/destinations/{id}/edit"))).send().await.unwrap().status(), 404);
    let r = app.post_form(&school, &stoken, &format!("/destinations/{id}"), &[("student_no", &st[0].student_no), ("graduation_year", "2027"), ("destination", "70")]).await;
    assert_eq!(r.status(), 404);
    let r = school.post(app.url("/api/v1/destinations")).header("X-CSRF-Token", &stoken).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let rates: Value = school.get(app.url(&format!("/api/v1/destinations/rates?org_id={other}&year=2027"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(rates["total"]["graduates"], 0);
    assert_eq!(gd::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().destination_code, "11", "unchanged");

    // A district department sees it, with the 身份证件号 masked.
    let (renshe, _) = app.login_as("renshe").await;
    let list: Value = renshe.get(app.url(&format!("/api/v1/destinations?org_id={other}&year=2027"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(list["total"], 1);
    assert!(list["items"][0]["id_number"].as_str().unwrap().contains('*'));

    // The district edits it through the form.
    let r = app
        .post_form(&admin, &token, &format!("/destinations/{id}"), &[("student_no", &st[0].student_no), ("graduation_year", "2027"), ("snapshot", "initial"), ("destination", "80")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(gd::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().destination_code, "80");
    // The school records one of its own graduates through the form; errors name the field.
    let own = cohort_2027(&app, "中德莱茵智能科技学校").await;
    let r = app.post_form(&school, &stoken, "/destinations", &[("student_no", &own[0].student_no), ("graduation_year", "2027"), ("snapshot", "initial"), ("destination", "11")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("就业单位"));
    let r = app
        .post_form(&school, &stoken, "/destinations", &[("student_no", &own[0].student_no), ("graduation_year", "2027"), ("snapshot", "initial"), ("destination", "80")])
        .await;
    assert_eq!(r.status(), 303);
});

dual_db_test!(a_hire_on_the_platform_records_the_destination, |app: TestApp| async move {
    app.load_demo().await;
    let st = cohort_2027(&app, "中德莱茵智能科技学校").await;
    let employer = zhijiao::areas::orgs::resolve(&app.db, "淄博智造机器人有限公司（示例）").await.unwrap().unwrap();
    let ctx = zhijiao::auth::Ctx::system();
    let occ = aligned_occupation(&st[0]);
    // Hired before 8/31: both snapshots.
    let hire = Hire { student_id: st[0].id, employer_org_id: employer.id, occupation_code: Some(occ), hired_on: chrono::NaiveDate::from_ymd_opt(2027, 6, 15).unwrap(), destination_code: None };
    let written = record_from_hire(&app.db, &ctx, &hire).await.unwrap();
    assert_eq!(written.len(), 2);
    assert!(written.iter().all(|m| m.source == "platform_hire" && m.destination_code == "11" && m.major_aligned && m.employer_org_id == Some(employer.id)));
    assert_eq!(written[0].in_zone, employer.street_code.as_deref().is_some_and(|s| ["370303008", "370303105"].contains(&s)));
    // Hired in October: the year-end snapshot only.
    let hire = Hire { student_id: st[1].id, hired_on: chrono::NaiveDate::from_ymd_opt(2027, 10, 1).unwrap(), ..hire.clone() };
    let written = record_from_hire(&app.db, &ctx, &hire).await.unwrap();
    assert_eq!(written.iter().map(|m| m.snapshot.as_str()).collect::<Vec<_>>(), ["year_end"]);
    // A school's recorded placement is not overwritten.
    let (school, token) = app.login_as("school").await;
    let r = upload(&app, &school, &token, None, common::workbook(&HEADERS, &[row(&st[2], "年终", "80", "", "", "", "")])).await;
    assert_eq!(r.status(), 200);
    let hire = Hire { student_id: st[2].id, ..hire };
    assert!(record_from_hire(&app.db, &ctx, &hire).await.unwrap().is_empty());
    // After the year: nothing to record.
    let hire = Hire { student_id: st[3].id, hired_on: chrono::NaiveDate::from_ymd_opt(2028, 1, 2).unwrap(), ..hire };
    assert!(record_from_hire(&app.db, &ctx, &hire).await.unwrap().is_empty());
});

dual_db_test!(the_demo_cohort_has_destinations, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, _) = app.login_as("admin").await;
    let r: Value = admin.get(app.url("/api/v1/destinations/rates?year=2026&snapshot=initial")).send().await.unwrap().json().await.unwrap();
    assert_eq!(r["graduation_year"], 2026);
    let t = &r["total"];
    assert!(t["graduates"].as_u64().unwrap() > 0);
    assert!(t["further_study"].as_u64().unwrap() > t["employed"].as_u64().unwrap(), "most go on to study");
    // (The majors demo adds a cohort of 690207 that few found work: the low_destination warning.)
    assert!(t["employment_rate"].as_f64().unwrap() > 0.7, "{t}");
    assert!(t["unemployed"].as_u64().unwrap() > 0);
    let ye: Value = admin.get(app.url("/api/v1/destinations/rates?year=2026&snapshot=year_end")).send().await.unwrap().json().await.unwrap();
    assert_eq!(ye["total"]["unemployed"], 0, "the job-seekers have found work by 12/31");
    assert_eq!(r["by_school"].as_array().unwrap().len(), 3);
    let html = admin.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("/destinations/rates"), "home shortcut");
});
