//! 职业技能培训 (issue 13): a resident signs up for an open cohort on the public page, the
//! provider records hours and completes them, the certificate verifies through the URL
//! its QR code carries, and a forged or revoked certificate is refused; bad sign-ups
//! change nothing; other organisations cannot reach the roster.

mod common;

use calamine::{Reader, Xlsx};
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use zhijiao::entity::{trn_certificate, trn_enrolment};

/// A valid 身份证号 built from 17 digits.
fn resident_id(first17: &str) -> String {
    format!("{first17}{}", zhijiao_domain::validate::resident_id_check_char(first17))
}

fn verify_href(html: &str) -> String {
    let marker = "data-testid=\"verify-link\"";
    let at = html.find(marker).expect("verify link");
    let start = html[..at].rfind("href=\"").unwrap() + 6;
    html[start..].split('"').next().unwrap().replace("&amp;", "&")
}

dual_db_test!(resident_enrols_completes_and_the_certificate_verifies, |app: TestApp| async move {
    app.load_demo().await;
    // The public directory, faceted by audience.
    let d: serde_json::Value = app.get("/api/v1/training/courses?audience=resident").await.json().await.unwrap();
    let cohort = d["cohorts"].as_array().unwrap().first().expect("an open resident cohort").clone();
    assert!(d["cohorts"].as_array().unwrap().iter().all(|c| c["audience"] == "resident"));
    assert!(d["audiences"].as_array().unwrap().len() >= 2, "the audience facet counts the other audiences too");
    let cohort_id = cohort["id"].as_i64().unwrap();
    let html = app.text("/training/courses?q=%E5%85%BB%E8%80%81").await;
    assert!(html.contains(&format!("/training/courses/{cohort_id}")));

    // A resident signs up without an account.
    let resident = common::new_client();
    let token = app.csrf(&resident).await;
    let page = resident.get(app.url(&format!("/training/courses/{cohort_id}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("signup-form"));
    let n = app.count("trn_enrolments").await;
    let good_id = resident_id("37030319900305123");
    let mut bad_id = good_id.clone();
    bad_id.replace_range(17..18, if good_id.ends_with('0') { "1" } else { "0" });
    for (field, fields, label) in [
        ("id_number", [("name", "孙立华"), ("phone", "13953312345"), ("id_number", bad_id.as_str())], "身份证号"),
        ("phone", [("name", "孙立华"), ("phone", "1234"), ("id_number", good_id.as_str())], "手机号码"),
        ("name", [("name", "  "), ("phone", "13953312345"), ("id_number", good_id.as_str())], "姓名"),
    ] {
        let resp = app.post_form(&resident, &token, &format!("/training/courses/{cohort_id}/signup"), &fields).await;
        assert_eq!(resp.status(), 422, "{field}");
        assert!(resp.text().await.unwrap().contains(label), "{field}");
    }
    assert_eq!(app.count("trn_enrolments").await, n);
    let fields = [("name", "孙立华"), ("phone", "13953312345"), ("id_number", good_id.as_str())];
    let resp = app.post_form(&resident, &token, &format!("/training/courses/{cohort_id}/signup"), &fields).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(app.count("trn_enrolments").await, n + 1);
    let again = app.post_form(&resident, &token, &format!("/training/courses/{cohort_id}/signup"), &fields).await;
    assert_eq!(again.status(), 409);
    assert!(again.text().await.unwrap().contains("已报名"));
    let e = trn_enrolment::Entity::find().filter(trn_enrolment::Column::IdNumber.eq(good_id.clone())).one(&app.db).await.unwrap().unwrap();

    // Other organisations cannot reach the roster; the provider's keeper (人社中心) can,
    // with the numbers masked on the page.
    for (user, status) in [("school", 404), ("hr", 403), ("student", 403), ("primary", 403)] {
        let (c, _) = app.login_as(user).await;
        assert_eq!(c.get(app.url(&format!("/training/cohorts/{cohort_id}"))).send().await.unwrap().status(), status, "{user}");
    }
    let (keeper, kt) = app.login_as("renshe").await;
    let roster = keeper.get(app.url(&format!("/training/cohorts/{cohort_id}"))).send().await.unwrap().text().await.unwrap();
    assert!(roster.contains("孙立华") && !roster.contains(&good_id) && roster.contains("139****2345"));
    let (school, st) = app.login_as("school").await;
    assert_eq!(app.post_form(&school, &st, &format!("/training/enrolments/{}/hours", e.id), &[("hours", "8")]).await.status(), 404);

    // Completion needs the programme's hours.
    let resp = app.post_form(&keeper, &kt, &format!("/training/enrolments/{}/complete", e.id), &[("kind", "training")]).await;
    assert_eq!(resp.status(), 409);
    assert!(resp.text().await.unwrap().contains("未达到"));
    assert_eq!(app.post_form(&keeper, &kt, &format!("/training/enrolments/{}/hours", e.id), &[("hours", "99")]).await.status(), 422);
    for _ in 0..3 {
        assert_eq!(app.post_form(&keeper, &kt, &format!("/training/enrolments/{}/hours", e.id), &[("hours", "8")]).await.status(), 303);
    }
    let resp = app.post_form(&keeper, &kt, &format!("/training/enrolments/{}/complete", e.id), &[("kind", "training")]).await;
    assert_eq!(resp.status(), 303);
    let cert = trn_certificate::Entity::find().filter(trn_certificate::Column::EnrolmentId.eq(e.id)).one(&app.db).await.unwrap().unwrap();

    // The certificate's QR code carries the verification URL; anyone can open it.
    let printed = keeper.get(app.url(&format!("/training/certificates/{}", cert.id))).send().await.unwrap().text().await.unwrap();
    assert!(printed.contains("certificate-qr") && printed.contains("<svg"));
    let href = verify_href(&printed);
    let path = &href[href.find("/training/verify").unwrap()..];
    let public = app.text(path).await;
    assert!(public.contains("证书真实有效") && public.contains("data-outcome=\"valid\""), "{public}");
    assert!(public.contains("孙**") && !public.contains("孙立华"), "the public page masks the holder");
    let code = path.split("code=").nth(1).unwrap().to_string();
    assert!(code.starts_with(&format!("ZJC1.{}.", cert.id)), "{code}");
    let v: serde_json::Value = app.get(&format!("/api/v1/training/certificates/verify?code={code}")).await.json().await.unwrap();
    assert_eq!(v["outcome"], "valid");
    // A forged code (this certificate's tag on another number) and junk are refused and say so.
    let forged = format!("ZJC1.{}.{}", cert.id + 1, code.rsplit('.').next().unwrap());
    let page = app.text(&format!("/training/verify?code={forged}")).await;
    assert!(page.contains("data-outcome=\"forged\"") && page.contains("伪造"));
    let v: serde_json::Value = app.get("/api/v1/training/certificates/verify?code=hello").await.json().await.unwrap();
    assert_eq!(v["outcome"], "malformed");

    // Revoked: the same QR code now says so.
    assert_eq!(app.post_form(&keeper, &kt, &format!("/training/certificates/{}/revoke", cert.id), &[("reason", "")]).await.status(), 422);
    assert_eq!(app.post_form(&keeper, &kt, &format!("/training/certificates/{}/revoke", cert.id), &[("reason", "培训记录不实")]).await.status(), 303);
    let page = app.text(path).await;
    assert!(page.contains("data-outcome=\"revoked\"") && page.contains("撤销") && page.contains("培训记录不实"));

    // Excel out: the roster (full numbers, for subsidy claims) and the certificates.
    let bytes = keeper.get(app.url(&format!("/training/cohorts/{cohort_id}/roster.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    assert!(sheet.rows().any(|r| r[2].to_string() == good_id));
    let bytes = keeper.get(app.url("/training/certificates.xlsx")).send().await.unwrap().bytes().await.unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    assert!(sheet.rows().any(|r| r[0].to_string() == cert.number && r[10].to_string().contains("撤销")));

    // Figures: the dashboard's trainees count the enrolments.
    let f: serde_json::Value = keeper.get(app.url("/api/v1/training/figures")).send().await.unwrap().json().await.unwrap();
    let enrolled = f["enrolled"].as_f64().unwrap();
    assert_eq!(zhijiao::areas::policy::kpi::value(&app.db, "trainees").await.unwrap(), Some(enrolled));
    assert!(f["by_audience"].as_array().unwrap().iter().any(|r| r["label"] == "社区居民"));
});

dual_db_test!(a_programme_needs_a_catalogue_occupation, |app: TestApp| async move {
    app.load_demo().await;
    let (keeper, kt) = app.login_as("renshe").await;
    let provider = app.org_id("淄博高新区职业技能培训学校（示例）").await.to_string();
    let n = app.count("trn_programmes").await;
    let resp = app
        .post_form(&keeper, &kt, "/training/programmes", &[("provider_org_id", &provider), ("title", "焊工培训"), ("occupation", "会飞的焊工"), ("skill_level", "9"), ("hours", "40")])
        .await;
    assert_eq!(resp.status(), 422);
    let text = resp.text().await.unwrap();
    assert!(text.contains("职业分类大典") && text.contains("技能等级"));
    assert_eq!(app.count("trn_programmes").await, n);
    let resp = app
        .post_form(&keeper, &kt, "/training/programmes", &[("provider_org_id", &provider), ("title", "工业机器人系统操作员培训"), ("occupation", "工业机器人系统操作员"), ("skill_level", "4"), ("hours", "80"), ("subsidy", "1")])
        .await;
    assert_eq!(resp.status(), 303);
    let d: serde_json::Value = app.get("/api/v1/training/courses?subsidy=1").await.json().await.unwrap();
    assert!(d["cohorts"].as_array().unwrap().iter().all(|c| c["subsidy"] == true));
    // A vocational school's admin keeps only its own programmes.
    let (school, st) = app.login_as("school").await;
    let resp = app.post_form(&school, &st, "/training/programmes", &[("provider_org_id", &provider), ("title", "x"), ("occupation", "电工"), ("skill_level", "5"), ("hours", "8")]).await;
    assert_eq!(resp.status(), 403);
    assert_eq!(app.count("trn_programmes").await, n + 1);
});

async fn upload(app: &TestApp, client: &reqwest::Client, token: &str, cohort: i64, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("花名册.xlsx");
    client
        .post(app.url(&format!("/training/cohorts/{cohort}/roster")))
        .header("X-CSRF-Token", token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap()
}

dual_db_test!(a_roster_imports_all_or_nothing, |app: TestApp| async move {
    use sea_orm::{EntityTrait, QueryFilter};
    app.load_demo().await;
    let cohort = zhijiao::entity::trn_cohort::Entity::find()
        .filter(zhijiao::entity::trn_cohort::Column::Audience.eq("employee"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo employees' cohort");
    let (keeper, kt) = app.login_as("renshe").await;
    let headers = ["姓名", "手机号码", "身份证号"];
    let a = resident_id("37030319850101111");
    let b = resident_id("37030319860202222");
    let n = app.count("trn_enrolments").await;
    // Row 3 has a bad check digit, row 4 repeats row 2: nothing is imported, each row named.
    let mut bad_b = b.clone();
    bad_b.replace_range(17..18, if b.ends_with('0') { "1" } else { "0" });
    let rows = vec![
        vec!["王建国".to_string(), "13953300011".to_string(), a.clone()],
        vec!["李红".to_string(), "13953300012".to_string(), bad_b],
        vec!["王建国".to_string(), "13953300011".to_string(), a.clone()],
    ];
    let resp = upload(&app, &keeper, &kt, cohort.id, common::workbook(&headers, &rows)).await;
    assert_eq!(resp.status(), 422);
    let text = resp.text().await.unwrap();
    assert!(text.contains("第3行") && text.contains("第4行") && text.contains("与第2行重复"), "{text}");
    assert_eq!(app.count("trn_enrolments").await, n);
    // Another organisation cannot import into the cohort.
    let (school, st) = app.login_as("school").await;
    let good = vec![vec!["王建国".to_string(), "13953300011".to_string(), a.clone()], vec!["李红".to_string(), "13953300012".to_string(), b.clone()]];
    assert_eq!(upload(&app, &school, &st, cohort.id, common::workbook(&headers, &good)).await.status(), 404);
    assert_eq!(app.count("trn_enrolments").await, n);
    let resp = upload(&app, &keeper, &kt, cohort.id, common::workbook(&headers, &good)).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(app.count("trn_enrolments").await, n + 2);
    // The same file again: both already enrolled, nothing more written.
    assert_eq!(upload(&app, &keeper, &kt, cohort.id, common::workbook(&headers, &good)).await.status(), 422);
    assert_eq!(app.count("trn_enrolments").await, n + 2);
    // The template downloads.
    let t = app.get("/templates/training-roster.xlsx").await;
    assert_eq!(t.status(), 200);
});
