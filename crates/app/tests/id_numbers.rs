//! 身份证号 in a students import: a birth date after today or before 1900 and an address code
//! outside GB/T 2260 are refused, each naming row, column and reason, on both databases.

mod common;

use common::TestApp;
use serde_json::Value;
use zhijiao_domain::validate::resident_id_check_char;

fn id_number(first17: &str) -> String {
    format!("{first17}{}", resident_id_check_char(first17))
}

const HEADERS: [&str; 9] = ["学号", "姓名", "性别", "身份证件号", "民族", "政治面貌", "专业层次", "专业代码", "入学年月"];

fn student(n: u32, id: String) -> Vec<String> {
    vec![format!("I2024{n:03}"), format!("证号{n}"), "男".into(), id, "汉族".into(), "共青团员".into(), "中职".into(), "660301".into(), "2024-09".into()]
}

async fn upload(app: &TestApp, rows: &[Vec<String>]) -> reqwest::Response {
    let (client, token) = app.login_as("school").await;
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(common::workbook(&HEADERS, rows)).file_name("students.xlsx"));
    client.post(app.url("/api/v1/imports/students")).header("X-CSRF-Token", token).multipart(form).send().await.unwrap()
}

dual_db_test!(impossible_birth_dates_and_region_codes_are_refused, |app: TestApp| async move {
    app.load_demo().await;
    let before = app.count("students").await;
    // Far from today on purpose: the server reads its own clock, the test must not race it.
    let rows = vec![
        student(1, id_number("37030320080315001")),  // row 2: good
        student(2, id_number("37030320990101001")),  // row 3: born in 2099
        student(3, id_number("37030318991231001")),  // row 4: born before 1900
        student(4, id_number("00000020080315001")),  // row 5: address code 000000
        student(5, id_number("37000020080315001")),  // row 6: a province, not a county
        student(6, id_number("10010120080315001")),  // row 7: 10 is no province
        student(7, id_number("37030319000101001")),  // row 8: 1900-01-01 is accepted
    ];
    let r = upload(&app, &rows).await;
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    let errors: Vec<(u64, String, String)> = v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap().to_string(), e["message"].as_str().unwrap().to_string()))
        .collect();
    let at = |row: u64| errors.iter().find(|(r, f, _)| *r == row && f == "身份证件号").map(|x| x.2.clone()).unwrap_or_default();
    assert!(at(3).contains("晚于今天"), "{errors:?}");
    assert!(at(4).contains("早于1900年"), "{errors:?}");
    assert!(at(5).contains("000000") && at(5).contains("GB/T 2260"), "{errors:?}");
    assert!(at(6).contains("370000"), "{errors:?}");
    assert!(at(7).contains("100101"), "{errors:?}");
    assert_eq!(errors.len(), 5, "rows 2 and 8 pass: {errors:?}");
    assert_eq!(app.count("students").await, before, "nothing written");

    // The same file without the bad rows is written whole.
    let good = vec![rows[0].clone(), rows[6].clone()];
    let r = upload(&app, &good).await;
    assert_eq!(r.status(), 200);
    assert_eq!(app.count("students").await, before + 2);
});
