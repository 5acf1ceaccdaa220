//! 职业启蒙和劳动教育 (issue 13): a primary school books a session at a base, the host
//! records attendance and the district's coverage rises; overlapping and over-capacity
//! bookings are refused with the conflict named; bad input changes nothing; other
//! organisations cannot record or read another's bookings.

mod common;

use calamine::{Reader, Xlsx};
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use zhijiao::entity::{enl_base, enl_booking, enl_programme};

const PRIMARY_SCHOOL: &str = "高新区实验小学（示例）";

async fn programme_of(app: &TestApp, level: &str) -> (enl_base::Model, enl_programme::Model) {
    let base = enl_base::Entity::find().filter(enl_base::Column::Level.eq(level)).one(&app.db).await.unwrap().expect("demo base");
    let p = enl_programme::Entity::find().filter(enl_programme::Column::BaseId.eq(base.id)).one(&app.db).await.unwrap().expect("programme");
    (base, p)
}

async fn coverage(app: &TestApp, client: &reqwest::Client) -> serde_json::Value {
    let resp = client.get(app.url("/api/v1/enlightenment/coverage")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

fn today() -> String {
    zhijiao::areas::enlightenment::today().to_string()
}

dual_db_test!(booking_attendance_and_coverage, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, _) = app.login_as("admin").await;
    let before = coverage(&app, &admin).await;
    let schools = before["schools"].as_u64().unwrap();
    let covered = before["covered"].as_u64().unwrap();
    assert_eq!(schools, 8);
    assert!(covered >= 1 && covered < schools, "demo coverage is partial: {before}");
    let primary_org = app.org_id(PRIMARY_SCHOOL).await;
    let row = before["rows"].as_array().unwrap().iter().find(|r| r["school_org_id"] == primary_org).unwrap().clone();
    assert_eq!(row["covered"], false);
    let kpi_before = zhijiao::areas::policy::kpi::value(&app.db, "career_enlightenment_coverage").await.unwrap().unwrap();
    assert_eq!(Some(kpi_before), before["percent"].as_f64());

    // The primary school books the school base's session through the form.
    let (primary, token) = app.login_as("primary").await;
    let (school_base, cooking) = programme_of(&app, "school").await;
    let page = primary.get(app.url(&format!("/enlightenment/bases/{}", school_base.id))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-testid=\"booking-form\""), "a primary school sees the booking form");
    let n0 = app.count("enl_bookings").await;
    let resp = app
        .post_form(&primary, &token, "/enlightenment/bookings", &[("base_id", &school_base.id.to_string()), ("programme_id", &cooking.id.to_string()), ("session_date", &today()), ("start", "14:00"), ("pupils", "30")])
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(app.count("enl_bookings").await, n0 + 1);
    let booking = enl_booking::Entity::find().filter(enl_booking::Column::SchoolOrgId.eq(primary_org)).one(&app.db).await.unwrap().unwrap();
    assert_eq!((booking.start_minute, booking.end_minute, booking.status.as_str()), (14 * 60, 14 * 60 + cooking.duration_minutes, "booked"));

    // The same school cannot be in two places at once: the clash is named.
    let resp = app
        .post_form(&primary, &token, "/enlightenment/bookings", &[("base_id", &school_base.id.to_string()), ("programme_id", &cooking.id.to_string()), ("session_date", &today()), ("start", "15:00"), ("pupils", "10")])
        .await;
    assert_eq!(resp.status(), 409);
    let text = resp.text().await.unwrap();
    assert!(text.contains("时间冲突") && text.contains(&school_base.name), "{text}");
    // Over the municipal base's capacity at one time.
    let (municipal, robots) = programme_of(&app, "municipal").await;
    let resp = app
        .post_form(&primary, &token, "/enlightenment/bookings", &[("base_id", &municipal.id.to_string()), ("programme_id", &robots.id.to_string()), ("session_date", &today()), ("start", "08:00"), ("pupils", &(municipal.capacity + 1).to_string())])
        .await;
    assert_eq!(resp.status(), 409);
    assert!(resp.text().await.unwrap().contains("名额不足"));
    // Bad input: each field named, nothing written.
    for (field, value, label) in [("pupils", "abc", "学生人数"), ("session_date", "2026-13-01", "日期"), ("start", "25:00", "开始时间"), ("session_date", "2020-01-01", "日期")] {
        let mut form = vec![("base_id", municipal.id.to_string()), ("programme_id", robots.id.to_string()), ("session_date", today()), ("start", "08:00".to_string()), ("pupils", "5".to_string())];
        form.iter_mut().find(|(k, _)| *k == field).unwrap().1 = value.to_string();
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let resp = app.post_form(&primary, &token, "/enlightenment/bookings", &fields).await;
        assert_eq!(resp.status(), 422, "{field}={value}");
        assert!(resp.text().await.unwrap().contains(label));
    }
    assert_eq!(app.count("enl_bookings").await, n0 + 1);

    // Only the host (or the district) records attendance; others learn nothing.
    let path = format!("/enlightenment/bookings/{}/attendance", booking.id);
    let form = [("base_id", school_base.id.to_string()), ("attended_pupils", "28".into()), ("class_hours", "2".into())];
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post_form(&primary, &token, &path, &fields).await.status(), 403, "the booking school may not record its own attendance");
    let (hr, hr_token) = app.login_as("hr").await;
    assert_eq!(app.post_form(&hr, &hr_token, &path, &fields).await.status(), 404);
    let (host, host_token) = app.login_as("teacher").await;
    let bad: Vec<(&str, &str)> = vec![("base_id", fields[0].1), ("attended_pupils", "31"), ("class_hours", "2")];
    assert_eq!(app.post_form(&host, &host_token, &path, &bad).await.status(), 422, "more pupils than booked");
    assert_eq!(enl_booking::Entity::find_by_id(booking.id).one(&app.db).await.unwrap().unwrap().status, "booked");
    assert_eq!(app.post_form(&host, &host_token, &path, &fields).await.status(), 303);
    let recorded = enl_booking::Entity::find_by_id(booking.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((recorded.status.as_str(), recorded.attended_pupils, recorded.class_hours), ("attended", Some(28), Some(2)));

    // The coverage figure rises by one school, on the page, the API and the dashboard.
    let after = coverage(&app, &admin).await;
    assert_eq!(after["covered"].as_u64().unwrap(), covered + 1);
    let row = after["rows"].as_array().unwrap().iter().find(|r| r["school_org_id"] == primary_org).unwrap().clone();
    assert_eq!((row["covered"].as_bool(), row["class_hours"].as_u64()), (Some(true), Some(2)));
    let kpi_after = zhijiao::areas::policy::kpi::value(&app.db, "career_enlightenment_coverage").await.unwrap().unwrap();
    assert!(kpi_after > kpi_before);
    assert_eq!(Some(kpi_after), after["percent"].as_f64());
    let html = admin.get(app.url("/enlightenment/coverage")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("{:.1}%", kpi_after)), "coverage page shows the figure");
    assert!(html.contains("未覆盖"), "schools not yet covered are listed");
    assert_eq!(zhijiao::areas::policy::kpi::value(&app.db, "career_enlightenment_bases").await.unwrap(), Some(1.0));

    // The school sees its own bookings only (API and export), and only its own coverage line.
    let mine: Vec<serde_json::Value> = primary.get(app.url("/api/v1/enlightenment/bookings")).send().await.unwrap().json().await.unwrap();
    assert!(!mine.is_empty() && mine.iter().all(|b| b["school_org_id"] == primary_org));
    let own = coverage(&app, &primary).await;
    assert_eq!(own["rows"].as_array().unwrap().len(), 1);
    let bytes = primary.get(app.url("/enlightenment/bookings.xlsx")).send().await.unwrap().bytes().await.unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(sheet.rows().count(), 1 + mine.len());
    assert!(sheet.rows().skip(1).all(|r| r[5].to_string() == PRIMARY_SCHOOL));
    // Students and enterprises see no bookings nor coverage.
    let (student, _) = app.login_as("student").await;
    assert_eq!(student.get(app.url("/api/v1/enlightenment/bookings")).send().await.unwrap().status(), 403);
    assert_eq!(hr.get(app.url("/enlightenment/coverage")).send().await.unwrap().status(), 403);
});

dual_db_test!(the_district_adds_a_base_and_bad_input_changes_nothing, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, token) = app.login_as("admin").await;
    let host = app.org_id("中德莱茵智能科技学校").await;
    let n = app.count("enl_bases").await;
    let resp = app
        .post_form(&admin, &token, "/enlightenment/bases", &[("name", "新基地"), ("level", "nowhere"), ("host_org_id", &host.to_string()), ("capacity", "0"), ("address", "x"), ("programme_title", "t"), ("min_age", "12"), ("max_age", "9"), ("duration_minutes", "60")])
        .await;
    assert_eq!(resp.status(), 422);
    let text = resp.text().await.unwrap();
    for label in ["基地级别", "同时接待人数", "最大年龄"] {
        assert!(text.contains(label), "{label}");
    }
    assert_eq!(app.count("enl_bases").await, n);
    let resp = app
        .post_form(&admin, &token, "/enlightenment/bases", &[("name", "高新区劳动教育实践基地"), ("level", "district"), ("host_org_id", &host.to_string()), ("capacity", "80"), ("address", "高新区"), ("programme_title", "农耕体验"), ("min_age", "8"), ("max_age", "12"), ("duration_minutes", "90")])
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(app.count("enl_bases").await, n + 1);
    assert!(app.count("audit_log WHERE entity = 'enl_base'").await >= 1);
    // A school may not add bases.
    let (school, school_token) = app.login_as("school").await;
    let resp = app.post_form(&school, &school_token, "/enlightenment/bases", &[("name", "x")]).await;
    assert_eq!(resp.status(), 403);
    assert_eq!(app.count("enl_bases").await, n + 1);
});

dual_db_test!(general_vocational_community_class_and_transfer, |app: TestApp| async move {
    use zhijiao::entity::{gv_class, gv_community};
    app.load_demo().await;
    let (admin, token) = app.login_as("admin").await;
    let rhein = app.org_id("中德莱茵智能科技学校").await;
    let high1 = app.org_id("淄博高新区第一中学（示例）").await;
    let high2 = app.org_id("淄博高新区实验高级中学（示例）").await;
    let kpi = zhijiao::areas::policy::kpi::value(&app.db, "vocational_general_classes").await.unwrap().unwrap();
    // A community needs at least one high school; nothing is written otherwise.
    let n = app.count("gv_communities").await;
    let resp = app.post_form(&admin, &token, "/general-vocational", &[("name", "测试共同体"), ("vocational_org_id", &rhein.to_string()), ("agreement_no", "A-1"), ("signed_on", "2026-09-01")]).await;
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("普通高中"));
    assert_eq!(app.count("gv_communities").await, n);
    let resp = app
        .post_form(&admin, &token, "/general-vocational", &[("name", "测试共同体"), ("vocational_org_id", &rhein.to_string()), ("high_school_ids", &high1.to_string()), ("high_school_ids", &high2.to_string()), ("agreement_no", "A-1"), ("signed_on", "2026-09-01")])
        .await;
    assert_eq!(resp.status(), 303);
    let c = gv_community::Entity::find().filter(gv_community::Column::Name.eq("测试共同体")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(app.count(&format!("gv_members WHERE community_id = {}", c.id)).await, 2);
    assert_eq!(app.post_form(&admin, &token, &format!("/general-vocational/{}/classes", c.id), &[("name", "2026级职普融通班"), ("school_year", "2026")]).await.status(), 303);
    let k = gv_class::Entity::find().filter(gv_class::Column::CommunityId.eq(c.id)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(zhijiao::areas::policy::kpi::value(&app.db, "vocational_general_classes").await.unwrap(), Some(kpi + 1.0));
    let student = [("student_name", "林晓"), ("student_no", "G1"), ("school_org_id", &high1.to_string())];
    assert_eq!(app.post_form(&admin, &token, &format!("/general-vocational/classes/{}/students", k.id), &student).await.status(), 303);
    assert_eq!(app.post_form(&admin, &token, &format!("/general-vocational/classes/{}/students", k.id), &student).await.status(), 409);
    // A transfer must cross the tracks.
    let t = |to: i64, credits: &'static str| {
        vec![("student_name", "林晓".to_string()), ("student_no", "G1".to_string()), ("school_org_id", high1.to_string()), ("to_org_id", to.to_string()), ("credits", credits.to_string()), ("decided_on", "2026-10-08".to_string())]
    };
    for (form, label) in [(t(high2, "10"), "轨道"), (t(rhein, "900"), "认定学分")] {
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let resp = app.post_form(&admin, &token, &format!("/general-vocational/{}/transfers", c.id), &fields).await;
        assert_eq!(resp.status(), 422);
        assert!(resp.text().await.unwrap().contains(label), "{label}");
    }
    assert_eq!(app.count(&format!("gv_transfers WHERE community_id = {}", c.id)).await, 0);
    let form = t(rhein, "18");
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post_form(&admin, &token, &format!("/general-vocational/{}/transfers", c.id), &fields).await.status(), 303);
    let html = admin.get(app.url("/general-vocational")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("普转职 1 人") && html.contains("认定学分 18"), "figures per community");
    // Schools read their own communities only; enterprises nothing; only the district writes.
    let (teacher, tt) = app.login_as("teacher").await;
    let seen = teacher.get(app.url("/general-vocational")).send().await.unwrap().text().await.unwrap();
    assert!(seen.contains("测试共同体"));
    assert_eq!(app.post_form(&teacher, &tt, &format!("/general-vocational/{}/classes", c.id), &[("name", "x"), ("school_year", "2026")]).await.status(), 403);
    let (primary, _) = app.login_as("primary").await;
    let seen = primary.get(app.url("/general-vocational")).send().await.unwrap().text().await.unwrap();
    assert!(!seen.contains("测试共同体"));
    let (hr, _) = app.login_as("hr").await;
    assert_eq!(hr.get(app.url("/general-vocational")).send().await.unwrap().status(), 403);
});
