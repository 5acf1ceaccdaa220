//! 公共实训基地 (issue 12): booking a room of the seed's base; a second booking of the same
//! room for an overlapping time is refused naming the first, also when two requests race;
//! approval, billing and utilisation; bad input changes nothing.

mod common;

use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use zhijiao::entity::{base_booking as bb, base_resource as br};

const BASE: &str = "中德莱茵科斯特智能制造产教融合基地（示例）";

async fn first_room(app: &TestApp) -> br::Model {
    let base = app.org_id(BASE).await;
    br::Entity::find().filter(br::Column::OwnerOrgId.eq(base)).order_by_asc(br::Column::Id).one(&app.db).await.unwrap().expect("the demo base has rooms")
}

async fn book(app: &TestApp, who: &(reqwest::Client, String), room: i64, from: &str, to: &str, purpose: &str) -> reqwest::Response {
    let room = room.to_string();
    app.post_form(&who.0, &who.1, "/bases/bookings", &[("resource_id", &room), ("starts_at", from), ("ends_at", to), ("purpose", purpose), ("people", "30")]).await
}

dual_db_test!(an_overlapping_booking_of_the_same_room_is_refused_naming_the_first, |app: TestApp| async move {
    app.load_demo().await;
    let room = first_room(&app).await;
    let school = app.login_as("school").await;
    let hr = app.login_as("hr").await;
    let n0 = app.count("base_bookings").await;
    let resp = book(&app, &school, room.id, "2030-03-04T09:00", "2030-03-04T11:00", "数控车工考证集训").await;
    assert_eq!(resp.status(), 303);
    let first = bb::Entity::find().order_by_desc(bb::Column::Id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((first.status.as_str(), first.fee_yuan), ("pending", 2 * i64::from(room.hourly_fee)));

    let resp = book(&app, &hr, room.id, "2030-03-04T10:00", "2030-03-04T12:00", "新员工培训").await;
    assert_eq!(resp.status(), 409);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains(&format!("第{}号", first.id)) && html.contains("中德莱茵智能科技学校") && html.contains("数控车工考证集训") && html.contains("2030年3月4日 09:00"),
        "the message names the first booking: {html}"
    );
    assert_eq!(app.count("base_bookings").await, n0 + 1, "nothing written");
    // Back to back is fine; another room at the same time too.
    assert_eq!(book(&app, &hr, room.id, "2030-03-04T11:00", "2030-03-04T12:00", "新员工培训").await.status(), 303);
    let other = br::Entity::find().filter(br::Column::OwnerOrgId.eq(room.owner_org_id)).filter(br::Column::Id.ne(room.id)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(book(&app, &hr, other.id, "2030-03-04T10:00", "2030-03-04T12:00", "新员工培训").await.status(), 303);
    // A refused booking frees its time.
    let admin = app.login_as("admin").await;
    assert_eq!(app.post_form(&admin.0, &admin.1, &format!("/bases/bookings/{}/decide", first.id), &[("action", "refuse")]).await.status(), 303);
    assert_eq!(book(&app, &hr, room.id, "2030-03-04T09:00", "2030-03-04T10:30", "设备调试").await.status(), 303);
    assert_eq!(app.count("audit_log WHERE entity = 'base_booking' AND action = 'refuse'").await, 1);
});

dual_db_test!(two_concurrent_bookings_of_the_same_time_cannot_both_pass, |app: TestApp| async move {
    app.load_demo().await;
    let room = first_room(&app).await;
    let mut tasks = Vec::new();
    for (i, user) in ["school", "hr", "teacher", "school", "hr", "teacher"].into_iter().enumerate() {
        let (client, token) = app.login_as(user).await;
        let url = app.url("/api/v1/bases/bookings");
        let body = serde_json::json!({"resource_id": room.id.to_string(), "starts_at": "2030-05-06 14:00", "ends_at": "2030-05-06 16:00", "purpose": format!("并发预约{i}")});
        tasks.push(tokio::spawn(async move { client.post(url).header("X-CSRF-Token", token).json(&body).send().await.unwrap().status().as_u16() }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, vec![200, 409, 409, 409, 409, 409]);
    let start = chrono::NaiveDate::from_ymd_opt(2030, 5, 6).unwrap().and_hms_opt(14, 0, 0).unwrap();
    assert_eq!(bb::Entity::find().filter(bb::Column::StartsAt.eq(start)).all(&app.db).await.unwrap().len(), 1);
});

dual_db_test!(approval_billing_and_utilisation_and_bad_input_changes_nothing, |app: TestApp| async move {
    app.load_demo().await;
    let room = first_room(&app).await;
    let school = app.login_as("school").await;
    let n0 = app.count("base_bookings").await;
    let audits0 = app.count("audit_log").await;
    for (from, to, purpose, field) in [
        ("2030-03-04T11:00", "2030-03-04T10:00", "实训", "结束时间"),
        ("2030-13-04T11:00", "2030-03-04T12:00", "实训", "开始时间"),
        ("2030-03-04T09:00", "2030-03-12T09:00", "实训", "结束时间"),
        ("2030-03-04T09:00", "2030-03-04T10:00", "", "用途"),
    ] {
        let resp = book(&app, &school, room.id, from, to, purpose).await;
        assert_eq!(resp.status(), 422, "{field}");
        assert!(resp.text().await.unwrap().contains(&format!("{field}：")), "{field} named");
    }
    assert_eq!((app.count("base_bookings").await, app.count("audit_log").await), (n0, audits0));
    // The district approves for the public base, bills it and records the payment.
    assert_eq!(book(&app, &school, room.id, "2030-03-05T08:00", "2030-03-05T09:40", "电工实训").await.status(), 303);
    let b = bb::Entity::find().order_by_desc(bb::Column::Id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(b.fee_yuan, 2 * i64::from(room.hourly_fee), "an hour and forty minutes bill as two hours");
    // The booker cannot approve its own booking of another's room.
    assert_eq!(app.post_form(&school.0, &school.1, &format!("/bases/bookings/{}/decide", b.id), &[("action", "approve")]).await.status(), 403);
    let admin = app.login_as("admin").await;
    assert_eq!(app.post_form(&admin.0, &admin.1, &format!("/bases/bookings/{}/paid", b.id), &[]).await.status(), 409, "not yet approved");
    assert_eq!(app.post_form(&admin.0, &admin.1, &format!("/bases/bookings/{}/decide", b.id), &[("action", "approve")]).await.status(), 303);
    assert_eq!(app.post_form(&admin.0, &admin.1, &format!("/bases/bookings/{}/paid", b.id), &[]).await.status(), 303);
    let b = bb::Entity::find_by_id(b.id).one(&app.db).await.unwrap().unwrap();
    assert!(b.status == "approved" && b.paid_at.is_some());
    let billing = school.0.get(app.url("/bases/billing")).send().await.unwrap().text().await.unwrap();
    assert!(billing.contains("电工实训") && billing.contains("已收"));
    let x = school.0.get(app.url("/bases/billing.xlsx")).send().await.unwrap();
    assert_eq!(x.status(), 200);
    // Utilisation of March 2030: 100 minutes of 31 days × 8 hours in that room.
    let page = admin.0.get(app.url("/bases?month=2030-03")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("2030年3月") && page.contains("<td>1.7</td><td>0.7%</td>"), "{page}");
    // Students do not book; a school offers its own lab.
    let student = app.login_as("student").await;
    assert_eq!(student.0.get(app.url("/bases")).send().await.unwrap().status(), 403);
    let resp = app.post_form(&school.0, &school.1, "/bases/resources", &[("kind", "room"), ("name", "钳工实训室"), ("capacity", "30"), ("hourly_fee", "60")]).await;
    assert_eq!(resp.status(), 303);
    let lab = br::Entity::find().filter(br::Column::Name.eq("钳工实训室")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(lab.owner_org_id, app.org_id("中德莱茵智能科技学校").await);
    assert_eq!(app.post_form(&school.0, &school.1, "/bases/resources", &[("kind", "room"), ("name", ""), ("hourly_fee", "-1")]).await.status(), 422);
});
