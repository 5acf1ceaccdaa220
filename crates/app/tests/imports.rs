//! Excel imports: all or nothing, errors by row and column, on both databases.

mod common;

use common::TestApp;
use serde_json::Value;
use zhijiao_domain::validate::resident_id_check_char;

fn id_number(n: u32) -> String {
    let first17 = format!("37030320080315{n:03}");
    format!("{first17}{}", resident_id_check_char(&first17))
}


const HEADERS: [&str; 9] = ["学号", "姓名", "性别", "身份证件号", "民族", "政治面貌", "专业层次", "专业代码", "入学年月"];

fn student(n: u32) -> Vec<String> {
    let gender = if n % 2 == 1 { "男" } else { "女" };
    vec![format!("T2024{n:03}"), format!("测试{n}"), gender.into(), id_number(n), "汉族".into(), "共青团员".into(), "中职".into(), "660301".into(), "2024-09".into()]
}

async fn upload(app: &TestApp, client: &reqwest::Client, token: &str, org_id: Option<i64>, bytes: Vec<u8>) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name("students.xlsx"));
    if let Some(o) = org_id {
        form = form.text("org_id", o.to_string());
    }
    client.post(app.url("/api/v1/imports/students")).header("X-CSRF-Token", token).multipart(form).send().await.unwrap()
}

dual_db_test!(a_good_file_is_written_whole, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("school").await;
    let before = app.count("students").await;
    let rows: Vec<Vec<String>> = (1..=40).map(student).collect();
    let r = upload(&app, &client, &token, None, common::workbook(&HEADERS, &rows)).await;
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["rows"], 40);
    assert_eq!(v["written"], 40);
    assert_eq!(app.count("students").await, before + 40);
    // The import itself is audited.
    let (admin, _) = app.login_as("admin").await;
    let log: Value = admin.get(app.url("/api/v1/audit?action=import")).send().await.unwrap().json().await.unwrap();
    assert_eq!(log["total"], 1);
    assert!(log["items"][0]["summary"].as_str().unwrap().contains("40"));
    // Importing the same file again: every row is a duplicate, nothing is written.
    let r = upload(&app, &client, &token, None, common::workbook(&HEADERS, &rows)).await;
    assert_eq!(r.status(), 422);
    assert_eq!(app.count("students").await, before + 40);
});

dual_db_test!(a_bad_file_writes_nothing_and_names_row_column_and_reason, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("school").await;
    let before = app.count("students").await;
    let mut rows: Vec<Vec<String>> = (1..=10).map(student).collect();
    rows[1][3] = "370303200803150010".into(); // row 3: wrong check digit
    rows[4][7] = "999999".into(); // row 6: not a major
    rows[6][4] = "火星族".into(); // row 8: not in GB/T 3304
    rows[8][0] = rows[7][0].clone(); // row 10: duplicate 学号 of row 9
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
    assert!(at(3, "身份证件号").unwrap().contains("校验码"), "{errors:?}");
    assert!(at(6, "专业代码").unwrap().contains("999999"));
    assert!(at(8, "民族").unwrap().contains("GB/T 3304"));
    assert!(at(10, "学号").unwrap().contains("重复"));
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert_eq!(app.count("students").await, before, "nothing written");
});

dual_db_test!(a_file_of_valid_rows_with_duplicates_is_refused_with_each_duplicate_named, |app: TestApp| async move {
    // Every row passes its own checks, so the import writes until a unique index refuses
    // a row; then it must roll back and name each duplicate by row and column.
    app.load_demo().await;
    let (client, token) = app.login_as("school").await;
    let r = upload(&app, &client, &token, None, common::workbook(&HEADERS, &(1..=5).map(student).collect::<Vec<_>>())).await;
    assert_eq!(r.status(), 200);
    let before = app.count("students").await;
    let mut rows: Vec<Vec<String>> = (6..=10).map(student).collect();
    rows[1][3] = id_number(1); // row 3: 身份证件号 of a student already in the school
    rows[4][0] = rows[3][0].clone(); // row 6: 学号 of row 5 of the same file
    let r = upload(&app, &client, &token, None, common::workbook(&HEADERS, &rows)).await;
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    let errors: Vec<(u64, String)> =
        v["error"]["fields"].as_array().unwrap().iter().map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap().to_string())).collect();
    assert_eq!(errors, vec![(3, "身份证件号".to_string()), (6, "学号".to_string())]);
    assert_eq!(app.count("students").await, before, "nothing written");
});

dual_db_test!(a_missing_required_column_is_reported, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("school").await;
    let r = upload(&app, &client, &token, None, common::workbook(&["姓名", "性别"], &[vec!["张三".into(), "男".into()]])).await;
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    let fields: Vec<&str> = v["error"]["fields"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"学号") && fields.contains(&"身份证件号") && fields.contains(&"专业代码"));
    // Not an Excel file at all.
    let r = upload(&app, &client, &token, None, b"name,gender\n".to_vec()).await;
    assert_eq!(r.status(), 422);
});

dual_db_test!(the_national_xueji_layout_is_accepted, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("school").await;
    let headers = ["姓名", "性别", "出生日期", "身份证件类型", "身份证件号", "姓名拼音", "班级名称", "学号", "入学年月", "专业简称", "学制", "民族", "政治面貌", "联系电话"];
    let rows: Vec<Vec<String>> = (1..=3)
        .map(|n| {
            vec![format!("学籍{n}"), if n % 2 == 1 { "男" } else { "女" }.into(), "2008-03-15".into(), "居民身份证".into(), id_number(n), "XUEJI".into(), "2024级机电1班".into(), format!("X{n}"), "202409".into(), "机电技术应用".into(), "3".into(), "汉族".into(), "中国共产主义青年团团员".into(), "13805331234".into()]
        })
        .collect();
    let r = upload(&app, &client, &token, None, common::workbook(&headers, &rows)).await;
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["written"], 3);
    let list: Value = client.get(app.url("/api/v1/students?q=X2")).send().await.unwrap().json().await.unwrap();
    assert_eq!(list["items"][0]["major_code"], "660301");
    assert_eq!(list["items"][0]["political"], "中国共产主义青年团团员");
    assert_eq!(list["items"][0]["enrollment_ym"], "2024-09");
});

dual_db_test!(schools_import_only_into_themselves, |app: TestApp| async move {
    app.load_demo().await;
    let other = app.org_id("淄博信息工程学校（示例）").await;
    let (client, token) = app.login_as("school").await;
    let r = upload(&app, &client, &token, Some(other), common::workbook(&HEADERS, &[student(1)])).await;
    assert_eq!(r.status(), 403);
    let (teacher, token) = app.login_as("teacher").await;
    let r = upload(&app, &teacher, &token, None, common::workbook(&HEADERS, &[student(1)])).await;
    assert_eq!(r.status(), 403);
    // The district imports into a school it names.
    let (admin, token) = app.login_as("admin").await;
    let r = upload(&app, &admin, &token, Some(other), common::workbook(&HEADERS, &[student(1)])).await;
    assert_eq!(r.status(), 200);
});

dual_db_test!(the_import_page_runs_in_the_background_and_offers_an_error_workbook, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("school").await;
    let mut rows: Vec<Vec<String>> = (1..=5).map(student).collect();
    rows[2][2] = "未知".into();
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(common::workbook(&HEADERS, &rows)).file_name("名册.xlsx"));
    let r = client.post(app.url(&format!("/import/students?_csrf={token}"))).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let mut html = String::new();
    for _ in 0..100 {
        html = client.get(app.url(&format!("{location}?fragment=true"))).send().await.unwrap().text().await.unwrap();
        if !html.contains("data-status=\"running\"") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(html.contains("data-status=\"failed\""), "{html}");
    assert!(html.contains("性别") && html.contains("未知"));
    let wb = client.get(app.url(&format!("{location}/errors.xlsx"))).send().await.unwrap();
    assert_eq!(wb.status(), 200);
    let bytes = wb.bytes().await.unwrap();
    let mut cells = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, row| cells.push(row)).unwrap();
    assert_eq!(cells.len(), 2, "header + the one bad row");
    assert_eq!(cells[1][0], "4", "row number of the bad row");
    assert!(cells[1].last().unwrap().contains("性别"));
    // Another user cannot read this import.
    let (teacher, _) = app.login_as("teacher").await;
    assert_eq!(teacher.get(app.url(&location)).send().await.unwrap().status(), 404);
});

dual_db_test!(organisations_import_and_export, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("admin").await;
    let headers = ["机构类型", "名称", "统一社会信用代码", "行业代码", "街道代码"];
    let rows = vec![
        vec!["企业".to_string(), "淄博导入测试一有限公司".into(), "91370300164102778D".into(), "3491".into(), "370303008".into()],
        vec!["enterprise".to_string(), "淄博导入测试二有限公司".into(), "91350100M000100Y43".into(), "6513".into(), "370303105".into()],
    ];
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(common::workbook(&headers, &rows)).file_name("orgs.xlsx"));
    let r = client.post(app.url("/api/v1/imports/orgs")).header("X-CSRF-Token", &token).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    app.org_id("淄博导入测试二有限公司").await;
    let xlsx = client.get(app.url("/orgs/export.xlsx?kind=enterprise")).send().await.unwrap();
    assert_eq!(xlsx.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = xlsx.bytes().await.unwrap();
    let mut rows = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, r| rows.push(r)).unwrap();
    assert_eq!(rows.len(), 1 + 40 + 2, "header, the demo's 40 enterprises and the two imported");
    // Templates download for everyone, with the explanation sheet.
    let t = app.get("/templates/students.xlsx").await;
    assert_eq!(t.status(), 200);
});
