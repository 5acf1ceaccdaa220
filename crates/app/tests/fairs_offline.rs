//! The door without a network (issue 16): the bundle a phone verifies codes with (public
//! key only), the sync of scans queued offline — each scan accepted once, a second phone's
//! scan of the same ticket recorded as a duplicate, a double sync harmless, a late one
//! counted on the figures — and the service worker and manifest that make the page
//! installable.

mod common;

use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use zhijiao::entity::{fair, fair_scan};

async fn demo_fair(app: &TestApp) -> i64 {
    fair::Entity::find().filter(fair::Column::IsDemo.eq(true)).one(&app.db).await.unwrap().expect("the demo fair").id
}

/// The demo attendee's code, read off their ticket page.
async fn code_of(app: &TestApp, username: &str, fair_id: i64) -> String {
    let (student, _) = app.login_as(username).await;
    let html = student.get(app.url(&format!("/fairs/{fair_id}/code"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("fairs-offline."), "the ticket page registers the offline worker");
    let marker = "data-testid=\"my-code-text\">";
    let start = html.find(marker).expect("code text") + marker.len();
    html[start..].split('<').next().unwrap().to_string()
}

async fn sync(app: &TestApp, client: &reqwest::Client, token: &str, fair_id: i64, scans: Value) -> (u16, Value) {
    let resp = client
        .post(app.url(&format!("/api/v1/fairs/{fair_id}/scans")))
        .header("X-CSRF-Token", token)
        .json(&json!({ "scans": scans }))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn scan(id: &str, device: &str, code: &str, at: chrono::DateTime<chrono::Utc>) -> Value {
    json!({"scan_id": id, "device_id": device, "code": code, "scanned_at": at.to_rfc3339()})
}

dual_db_test!(the_bundle_holds_the_public_key_only_and_verifies_the_codes_students_are_shown, |app: TestApp| async move {
    app.load_demo().await;
    let fair_id = demo_fair(&app).await;
    let code = code_of(&app, "fairstu1", fair_id).await;
    assert!(code.starts_with(&format!("ZJF2.{fair_id}.")), "{code}");
    let (renshe, _) = app.login_as("renshe").await;
    let resp = renshe.get(app.url(&format!("/api/v1/fairs/{fair_id}/offline"))).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let text = resp.text().await.unwrap();
    let b: Value = serde_json::from_str(&text).unwrap();
    let key = zhijiao::entity::fair_signing_key::Entity::find().one(&app.db).await.unwrap().expect("the key pair was made");
    assert_eq!(b["public_key"], json!(key.public_key));
    assert!(!text.contains(&key.secret_key), "the secret never leaves the server");
    let public: [u8; 32] = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, key.public_key.as_bytes()).unwrap().try_into().unwrap();
    let v = zhijiao_domain::fair_offline::verify_code(&public, &code).expect("the shown code verifies with the public key");
    assert_eq!(v.fair_id, fair_id);
    let listed: Vec<i64> = b["signups"].as_array().unwrap().iter().map(|s| s["signup_id"].as_i64().unwrap()).collect();
    assert!(listed.contains(&v.signup_id));
    assert_eq!(listed.len() as i64, app.count(&format!("fair_signups WHERE fair_id = {fair_id}")).await);
    assert!(b["signups"].as_array().unwrap().iter().all(|s| s["id_number"].as_str().unwrap().contains("****")), "masked");
    assert_eq!(b["messages"]["forged"], json!("签到码校验失败（签名不符），可能是伪造或被改动的签到码，已拒绝"));
    assert_eq!(b["fairs"][fair_id.to_string()], json!("高新区2026年秋季生物医药专场供需见面会"));
    // Students, schools and HR get no bundle; nobody signed out either.
    for who in ["student", "school", "hr"] {
        let (c, _) = app.login_as(who).await;
        assert_eq!(c.get(app.url(&format!("/api/v1/fairs/{fair_id}/offline"))).send().await.unwrap().status(), 403, "{who}");
    }
    // The key pair is made once.
    assert_eq!(app.count("fair_signing_keys").await, 1);
    assert_eq!(code_of(&app, "fairstu1", fair_id).await, code, "the same code on every view");
});

dual_db_test!(two_phones_syncing_the_same_ticket_count_one_attendance_and_report_the_duplicate, |app: TestApp| async move {
    app.load_demo().await;
    let fair_id = demo_fair(&app).await;
    let (c1, c2, c3) = (code_of(&app, "fairstu1", fair_id).await, code_of(&app, "fairstu2", fair_id).await, code_of(&app, "fairstu3", fair_id).await);
    let (renshe, rt) = app.login_as("renshe").await;
    let (admin, at) = app.login_as("admin").await;
    let now = chrono::Utc::now();
    let ago = |m: i64| now - chrono::Duration::minutes(m);
    // Phone A scanned tickets 1 and 2 ten minutes ago; phone B scanned 1 and 3.
    let phone_a = json!([scan("scan-a-0001", "device-a-01", &c1, ago(10)), scan("scan-a-0002", "device-a-01", &c2, ago(9))]);
    let phone_b = json!([scan("scan-b-0001", "device-b-01", &c1, ago(8)), scan("scan-b-0002", "device-b-01", &c3, now)]);
    let (status, a) = sync(&app, &renshe, &rt, fair_id, phone_a.clone()).await;
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["results"].as_array().unwrap().iter().map(|r| r["outcome"].as_str().unwrap()).collect::<Vec<_>>(), ["accepted", "accepted"]);
    let (_, b) = sync(&app, &admin, &at, fair_id, phone_b).await;
    let outcomes: Vec<&str> = b["results"].as_array().unwrap().iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["duplicate", "accepted"]);
    let dup = &b["results"][0];
    assert!(dup["message"].as_str().unwrap().contains("使用过，不能重复签到"), "{dup}");
    assert!(!dup["name"].as_str().unwrap().is_empty(), "the duplicate names the student");
    assert_eq!(b["checked_in"], json!(3));
    // Phone A syncs again (it missed the answer): the same answers, nothing added.
    let (_, again) = sync(&app, &renshe, &rt, fair_id, phone_a).await;
    assert_eq!(again["results"], a["results"]);
    assert_eq!(app.count(&format!("fair_checkins WHERE fair_id = {fair_id}")).await, 3, "one attendance per ticket");
    assert_eq!(app.count("fair_scans").await, 4);
    assert_eq!(app.count("audit_log WHERE action = 'check_in'").await, 3);
    assert_eq!(app.count("audit_log WHERE action = 'duplicate_scan'").await, 1);
    // The check-in keeps the time of the scan, not of the sync.
    let first = fair_scan::Entity::find().filter(fair_scan::Column::ScanId.eq("scan-a-0001")).one(&app.db).await.unwrap().unwrap();
    assert!((first.scanned_at - ago(10)).num_seconds().abs() <= 1);
    // Online, the door refuses ticket 1 as used.
    let resp = app.post_form(&renshe, &rt, &format!("/fairs/{fair_id}/checkin"), &[("code", &c1)]).await;
    assert_eq!(resp.status(), 409);
    // The figures: three synced check-ins, two of them late (scanned 10 and 9 minutes
    // before they arrived), one duplicate.
    let html = renshe.get(app.url(&format!("/fairs/{fair_id}/stats"))).send().await.unwrap().text().await.unwrap();
    for (id, n) in [("stats-synced", 3), ("stats-late", 2), ("stats-duplicates", 1)] {
        assert!(html.contains(&format!("data-testid=\"{id}\">{n}<")), "{id} = {n}");
    }
});

dual_db_test!(bad_scans_are_refused_and_change_nothing, |app: TestApp| async move {
    app.load_demo().await;
    let fair_id = demo_fair(&app).await;
    let code = code_of(&app, "fairstu1", fair_id).await;
    let (renshe, rt) = app.login_as("renshe").await;
    let now = chrono::Utc::now();
    let sig = code.rsplit('.').next().unwrap();
    let forged = format!("ZJF2.{fair_id}.999999.{sig}");
    let (status, r) = sync(&app, &renshe, &rt, fair_id, json!([scan("scan-x-0001", "device-x-01", &forged, now), scan("scan-x-0002", "device-x-01", "hello", now)])).await;
    assert_eq!(status, 200);
    assert_eq!(r["results"][0]["outcome"], json!("refused"));
    assert!(r["results"][0]["message"].as_str().unwrap().contains("签名不符"));
    assert!(r["results"][1]["message"].as_str().unwrap().contains("签到码格式不正确"));
    // Bad ids, a control character, too many scans: the whole sync is refused.
    for bad in [
        json!([scan("short", "device-x-01", &code, now)]),
        json!([scan("scan-x-0003", "device x 01", &code, now)]),
        json!([scan("scan-x-0004", "device-x-01", &format!("{code}\u{0007}"), now)]),
        Value::Array((0..501).map(|i| scan(&format!("scan-many-{i:04}"), "device-x-01", &code, now)).collect()),
    ] {
        let (status, body) = sync(&app, &renshe, &rt, fair_id, bad).await;
        assert_eq!(status, 400, "{body}");
    }
    // A phone clock in the future: the server's time is kept.
    let (_, r) = sync(&app, &renshe, &rt, fair_id, json!([scan("scan-x-0005", "device-x-01", &code, now + chrono::Duration::hours(3))])).await;
    assert_eq!(r["results"][0]["outcome"], json!("accepted"));
    let m = fair_scan::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert!(m.scanned_at <= chrono::Utc::now());
    assert_eq!((app.count("fair_scans").await, app.count("fair_checkins").await), (1, 1));
    // Not staff: refused.
    for who in ["student", "school", "hr"] {
        let (c, t) = app.login_as(who).await;
        let (status, _) = sync(&app, &c, &t, fair_id, json!([scan("scan-y-0001", "device-y-01", &code, now)])).await;
        assert_eq!(status, 403, "{who}");
    }
    assert_eq!(app.count("fair_scans").await, 1);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_worker_and_the_manifest_are_served_as_an_installable_app_needs() {
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let fair_id = demo_fair(&app).await;
    let resp = app.get("/fairs/sw.js").await;
    assert_eq!(resp.status(), 200);
    let h = resp.headers().clone();
    assert_eq!(h["content-type"], "text/javascript; charset=utf-8");
    assert_eq!(h["cache-control"], "no-cache");
    assert_eq!(h["service-worker-allowed"], "/fairs/");
    let js = resp.text().await.unwrap();
    assert!(js.starts_with("var PRECACHE = [\"/static/"), "{}", &js[..80]);
    for asset in ["fairs-offline.js", "vendor/nacl.min.js", "app.css"] {
        let url = zhijiao::assets::url(asset);
        assert!(js.contains(&format!("\"{url}\"")), "{asset}");
        assert_eq!(app.get(&url).await.status(), 200, "{url}");
    }
    // The manifest: staff only, with its own content type, a start page in scope and icons.
    assert_eq!(app.get(&format!("/fairs/{fair_id}/checkin.webmanifest")).await.status(), 303, "sign in first");
    let (renshe, _) = app.login_as("renshe").await;
    let resp = renshe.get(app.url(&format!("/fairs/{fair_id}/checkin.webmanifest"))).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/manifest+json; charset=utf-8");
    let m: Value = resp.json().await.unwrap();
    assert_eq!(m["start_url"], json!(format!("/fairs/{fair_id}/checkin")));
    assert_eq!(m["scope"], json!("/fairs/"));
    assert_eq!(m["display"], json!("standalone"));
    for icon in m["icons"].as_array().unwrap() {
        let resp = app.get(icon["src"].as_str().unwrap()).await;
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["content-type"], icon["type"].as_str().unwrap());
    }
    let html = renshe.get(app.url(&format!("/fairs/{fair_id}/checkin"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("<link rel=\"manifest\" href=\"/fairs/{fair_id}/checkin.webmanifest\">")));
    assert!(html.contains("data-testid=\"offline-door\""));
}
