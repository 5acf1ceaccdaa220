//! Integration tests of the foundation, each run on SQLite and on PostgreSQL.

mod common;

use common::TestApp;
use serde_json::Value;
use zhijiao::roles::Role;

dual_db_test!(healthz_reports_the_backend, |app: TestApp| async move {
    let v: Value = app.get("/healthz").await.json().await.unwrap();
    assert_eq!(v["status"], "ok");
    let expected = match app.backend {
        common::Backend::Sqlite => "sqlite",
        common::Backend::Postgres => "postgres",
    };
    assert_eq!(v["database"], expected);
});

dual_db_test!(catalogue_api_has_the_official_counts, |app: TestApp| async move {
    for (path, total) in [
        ("/api/v1/catalog/majors?level=secondary", 358),
        ("/api/v1/catalog/majors?level=associate", 744 + 54),
        ("/api/v1/catalog/majors?level=bachelor", 247 + 48),
        ("/api/v1/catalog/industries?level=section", 20),
        ("/api/v1/catalog/industries?level=class", 1381),
        ("/api/v1/catalog/occupations?level=detail", 1639 + 35),
        ("/api/v1/catalog/divisions?level=street", 88),
    ] {
        let v: Value = app.get(path).await.json().await.unwrap();
        assert_eq!(v["total"], total, "{path}");
    }
    // Search by Chinese name and by code prefix.
    let v: Value = app.get("/api/v1/catalog/majors?q=%E6%9C%BA%E7%94%B5%E6%8A%80%E6%9C%AF%E5%BA%94%E7%94%A8").await.json().await.unwrap();
    assert!(v["items"].as_array().unwrap().iter().any(|i| i["code"] == "660301"));
    let v: Value = app.get("/api/v1/catalog/occupations?q=6-31-01").await.json().await.unwrap();
    assert!(v["items"].as_array().unwrap().iter().any(|i| i["name"] == "电工"));
    let v: Value = app.get("/api/v1/catalog/majors/secondary/660301").await.json().await.unwrap();
    assert_eq!(v["name"], "机电技术应用");
    assert!(v["related"].as_array().unwrap().iter().any(|o| o["code"] == "6-31-01-03"));
    assert_eq!(app.get("/api/v1/catalog/majors/secondary/999999").await.status(), 404);
    assert_eq!(app.get("/api/v1/catalog/majors?level=nope").await.status(), 400);
    // Every entry has a page.
    let html = app.text("/catalog/industries/3491").await;
    assert!(html.contains("工业机器人制造"));
    let html = app.text("/catalog/occupations/6-31-01-03").await;
    assert!(html.contains("电工") && html.contains("机电技术应用"), "occupation page lists majors leading to it");
    // Lists export to Excel with the same filter.
    let bytes = app.get("/catalog/occupations/export.xlsx?level=major").await.bytes().await.unwrap();
    let mut rows = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, r| rows.push(r)).unwrap();
    assert_eq!(rows.len(), 1 + 8);
    assert_eq!(rows[1][0], "1");
});

dual_db_test!(each_role_gets_its_own_home_page, |app: TestApp| async move {
    app.load_demo().await;
    let public = app.text("/").await;
    assert!(public.contains("data-testid=\"home-public\""));
    assert!(public.contains("加强党的全面领导"), "the portal lists the seed's measures");
    assert!(public.contains("<svg"), "every page carries a QR code of its URL");
    for (username, _, role, _) in zhijiao::demo::DEMO_USERS {
        let (client, _) = app.login_as(username).await;
        let html = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(&format!("data-testid=\"home-{}\"", role.key())), "{username}: {html}");
    }
    // The liaison of 人社中心 sees the measures the department is responsible for.
    let (client, _) = app.login_as("renshe").await;
    let html = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("大力开展职业技能培训"), "measure 14 is led by 人社中心");
    assert!(!html.contains("开展职业院校标准化建设") || html.contains("人社中心"), "measure 5 lists 人社中心 as co-department");
});

dual_db_test!(wrong_passwords_lock_the_account, |app: TestApp| async move {
    app.load_demo().await;
    let client = common::new_client();
    let token = app.csrf(&client).await;
    for _ in 0..5 {
        let r = app.post_form(&client, &token, "/login", &[("username", "teacher"), ("password", "wrong-password1")]).await;
        assert!(r.status() == 401 || r.status() == 429);
    }
    // Locked now, even with the right password.
    let r = app.post_form(&client, &token, "/login", &[("username", "teacher"), ("password", zhijiao::demo::DEMO_PASSWORD)]).await;
    assert_eq!(r.status(), 429);
    let html = r.text().await.unwrap();
    assert!(html.contains("锁定"));
});

dual_db_test!(forms_without_the_csrf_token_are_refused, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("admin").await;
    let before = app.count("organizations").await;
    let form = [("kind", "department"), ("name", "测试部门")];
    let r = client.post(app.url("/orgs")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 403, "no token");
    let r = client.post(app.url("/orgs")).form(&[("kind", "department"), ("name", "测试部门"), ("_csrf", "forged")]).send().await.unwrap();
    assert_eq!(r.status(), 403, "wrong token");
    let r = client
        .post(app.url("/orgs"))
        .header("Origin", "https://evil.example")
        .form(&[("kind", "department"), ("name", "测试部门"), ("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "cross-origin");
    let r = client
        .post(app.url("/orgs"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("kind", "department"), ("name", "测试部门"), ("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "fetch metadata says cross-site");
    assert_eq!(app.count("organizations").await, before, "nothing was written");
    let r = app.post_form(&client, &token, "/orgs", &form).await;
    assert_eq!(r.status(), 303, "with the token it works");
    assert_eq!(app.count("organizations").await, before + 1);
});

dual_db_test!(organisations_are_validated_and_audited, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("admin").await;
    let audit_before = app.count("audit_log").await;
    // A wrong check character: the form comes back with the message next to the field.
    let bad = [("kind", "enterprise"), ("name", "淄博测试材料有限公司"), ("credit_code", "91370300164102778A"), ("industry_code", "3089"), ("street_code", "370303008")];
    let r = app.post_form(&client, &token, "/orgs", &bad).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("校验码错误"), "{html}");
    assert!(html.contains("淄博测试材料有限公司"), "nothing typed is lost");
    assert_eq!(app.count("audit_log").await, audit_before, "a refused write leaves no trace");
    let good = [("kind", "enterprise"), ("name", "淄博测试材料有限公司"), ("credit_code", "91370300164102778D"), ("industry_code", "3089"), ("street_code", "370303008")];
    let r = app.post_form(&client, &token, "/orgs", &good).await;
    assert_eq!(r.status(), 303);
    let id = app.org_id("淄博测试材料有限公司").await;
    let org: Value = client.get(app.url(&format!("/api/v1/orgs/{id}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(org["county_code"], "370303", "the street's county is filled in");
    assert_eq!(org["industry_name"], "耐火陶瓷制品及其他耐火材料制造");
    // Approve/suspend is audited with before and after.
    let r = app.post_form(&client, &token, &format!("/orgs/{id}/status"), &[("status", "suspended")]).await;
    assert_eq!(r.status(), 303);
    let log: Value = client.get(app.url(&format!("/api/v1/audit?entity=organization&entity_id={id}"))).send().await.unwrap().json().await.unwrap();
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|i| i["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["set_status", "create"]);
    assert_eq!(log["items"][0]["before"]["status"], "active");
    assert_eq!(log["items"][0]["after"]["status"], "suspended");
    assert_eq!(log["items"][0]["username"], "admin");
    // The detail page shows the trail.
    let html = client.get(app.url(&format!("/orgs/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"audit-trail\""));
});

dual_db_test!(department_aliases_resolve_to_one_department, |app: TestApp| async move {
    app.load_demo().await;
    let a = app.org_id("发展改革局").await;
    let b = app.org_id("发展和改革局").await;
    assert_eq!(a, b);
    assert_eq!(app.org_id("人力资源和社会保障中心").await, app.org_id("人社中心").await);
    // A new alias added by the district resolves too.
    let (client, token) = app.login_as("admin").await;
    let r = app.post_form(&client, &token, &format!("/orgs/{a}/aliases"), &[("alias", "区发改局")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.org_id("区发改局").await, a);
    // Taken aliases are refused.
    let r = app.post_form(&client, &token, &format!("/orgs/{a}/aliases"), &[("alias", "区发改局")]).await;
    assert_eq!(r.status(), 409);
});

dual_db_test!(the_audit_log_cannot_be_changed, |app: TestApp| async move {
    app.load_demo().await;
    use sea_orm::ConnectionTrait;
    let n = app.count("audit_log").await;
    assert!(n > 0);
    assert!(app.db.execute_unprepared("UPDATE audit_log SET summary = 'x'").await.is_err());
    assert!(app.db.execute_unprepared("DELETE FROM audit_log").await.is_err());
    assert_eq!(app.count("audit_log").await, n);
});

dual_db_test!(personal_data_is_masked_for_those_who_do_not_need_it, |app: TestApp| async move {
    app.load_demo().await;
    let school = app.org_id("中德莱茵智能科技学校").await;
    let first = |v: Value| v["items"][0].clone();
    let (admin_client, _) = app.login_as("school").await;
    let own: Value = first(admin_client.get(app.url("/api/v1/students?per_page=1")).send().await.unwrap().json().await.unwrap());
    assert_eq!(own["org_id"], school);
    assert_eq!(own["id_number"].as_str().unwrap().len(), 18);
    assert!(!own["id_number"].as_str().unwrap().contains('*'), "the school's administrator sees the full number");
    let (teacher, _) = app.login_as("teacher").await;
    let t: Value = first(teacher.get(app.url("/api/v1/students?per_page=1")).send().await.unwrap().json().await.unwrap());
    assert!(t["id_number"].as_str().unwrap().contains("********"), "teachers see it masked");
    assert!(t["phone"].as_str().unwrap().contains("****"));
    let (district, _) = app.login_as("admin").await;
    let all: Value = district.get(app.url("/api/v1/students?per_page=500")).send().await.unwrap().json().await.unwrap();
    assert_eq!(all["total"], app.count("students").await, "the district sees every school's students");
    assert!(all["items"].as_array().unwrap().iter().all(|s| s["id_number"].as_str().unwrap().contains('*')));
    // A teacher cannot reach another school's student, not even by id.
    let other = all["items"].as_array().unwrap().iter().find(|s| s["org_id"] != school).unwrap()["id"].as_i64().unwrap();
    assert_eq!(teacher.get(app.url(&format!("/api/v1/students/{other}"))).send().await.unwrap().status(), 404);
    let visible: Value = teacher.get(app.url("/api/v1/students?per_page=500")).send().await.unwrap().json().await.unwrap();
    assert_eq!(visible["total"], app.count(&format!("students WHERE org_id = {school}")).await);
    assert!(visible["items"].as_array().unwrap().iter().all(|s| s["org_id"] == school));
});

dual_db_test!(the_language_switch_persists, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("teacher").await;
    let html = client.get(app.url("/catalog")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("lang=\"zh-CN\""));
    let r = app.post_form(&client, &token, "/lang", &[("lang", "en"), ("next", "/catalog")]).await;
    assert_eq!(r.status(), 303);
    let html = client.get(app.url("/catalog")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("lang=\"en\"") && html.contains("Catalogues"));
    // Stored on the user: a new session in a new browser gets English too.
    let (client2, _) = app.login_as("teacher").await;
    let html = client2.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("lang=\"en\""));
});

dual_db_test!(api_tokens_authenticate_without_cookies, |app: TestApp| async move {
    app.load_demo().await;
    let token = zhijiao::areas::account::create_api_token(&app.db, &zhijiao::auth::Ctx::system(), "renshe", "test").await.unwrap();
    let client = reqwest::Client::new();
    let me: Value = client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["username"], "renshe");
    assert_eq!(me["roles"][0], Role::DeptLiaison.key());
    assert_eq!(client.get(app.url("/api/v1/me")).bearer_auth("nope").send().await.unwrap().status(), 401);
    assert_eq!(client.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
});

dual_db_test!(security_headers_are_set, |app: TestApp| async move {
    let r = app.get("/").await;
    let h = r.headers();
    assert!(h["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let cookie = h.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>().join(";");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
});

#[tokio::test]
async fn login_attempts_are_throttled_per_address() {
    let app = common::spawn_app_with(common::Backend::Sqlite, |s| s.login_attempts_per_minute = 3).await;
    app.load_demo().await;
    let client = common::new_client();
    let token = app.csrf(&client).await;
    let mut statuses = Vec::new();
    for user in ["a", "b", "c", "d"] {
        let r = app.post_form(&client, &token, "/login", &[("username", user), ("password", "x")]).await;
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, vec![401, 401, 401, 429]);
}

dual_db_test!(the_district_adds_resets_and_disables_users, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, token) = app.login_as("admin").await;
    let org = app.org_id("淄博信息工程学校（示例）").await.to_string();
    // Weak password: refused with the rule, nothing written.
    let users = app.count("users").await;
    let r = app
        .post_form(&admin, &token, "/users", &[("username", "xinxi"), ("display_name", "信息学校管理员"), ("org_id", &org), ("roles", "school_admin"), ("roles", "teacher"), ("password", "short")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("密码至少8位"));
    assert_eq!(app.count("users").await, users);
    let r = app
        .post_form(&admin, &token, "/users", &[("username", "xinxi"), ("display_name", "信息学校管理员"), ("org_id", &org), ("roles", "school_admin"), ("roles", "teacher"), ("password", "Xinxi2026ok")])
        .await;
    assert_eq!(r.status(), 303);
    // The new user signs in and has both roles.
    let client = common::new_client();
    let t = app.csrf(&client).await;
    let r = app.post_form(&client, &t, "/login", &[("username", "xinxi"), ("password", "Xinxi2026ok")]).await;
    assert_eq!(r.status(), 303);
    let me: Value = client.get(app.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["roles"], serde_json::json!(["school_admin", "teacher"]));
    // Disabling ends the session at once.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let id = zhijiao::entity::user::Entity::find().filter(zhijiao::entity::user::Column::Username.eq("xinxi")).one(&app.db).await.unwrap().unwrap().id;
    let r = app.post_form(&admin, &token, &format!("/users/{id}/active"), &[("active", "false")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(client.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
    let r = app.post_form(&client, &t, "/login", &[("username", "xinxi"), ("password", "Xinxi2026ok")]).await;
    assert_eq!(r.status(), 401);
    // Both actions are in the audit log.
    let log: Value = admin.get(app.url(&format!("/api/v1/audit?entity=user&entity_id={id}"))).send().await.unwrap().json().await.unwrap();
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|i| i["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"create") && actions.contains(&"disable") && actions.contains(&"login"), "{actions:?}");
});

dual_db_test!(migrations_are_idempotent_and_safe_to_run_concurrently, |app: TestApp| async move {
    let (a, b) = tokio::join!(zhijiao::db::migrate(&app.db), zhijiao::db::migrate(&app.db));
    a.unwrap();
    b.unwrap();
    assert_eq!(app.get("/healthz").await.status(), 200);
});

dual_db_test!(the_showcase_accepts_the_seed_policy_once, |app: TestApp| async move {
    app.load_demo().await;
    assert!(zhijiao::demo::accept_seed_policy(&app.db).await.unwrap());
    assert!(!zhijiao::demo::accept_seed_policy(&app.db).await.unwrap(), "idempotent");
    assert_eq!(app.count("policy_measures").await, 14);
    let (client, _) = app.login_as("renshe").await;
    let html = client.get(app.url("/policy/dashboard")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("大力开展职业技能培训"), "the dashboard lists the measures");
});

dual_db_test!(the_dashboard_shows_indicator_trends_from_reported_values, |app: TestApp| async move {
    app.load_demo().await;
    assert!(zhijiao::demo::accept_seed_policy(&app.db).await.unwrap());
    let (client, token) = app.login_as("renshe").await;
    let dash: Value = client.get(app.url("/api/v1/policy/dashboard")).send().await.unwrap().json().await.unwrap();
    let tasks: Value = client.get(app.url("/api/v1/policy/tasks")).send().await.unwrap().json().await.unwrap();
    // An indicator bound to a measure on which 人社中心 holds a task.
    let (task_id, key) = tasks
        .as_array()
        .unwrap()
        .iter()
        .find_map(|t| {
            dash["kpis"].as_array().unwrap().iter().find(|k| k["measure_id"] == t["measure_id"] && t["org_name"] == "人社中心").map(|k| (t["id"].as_i64().unwrap(), k["key"].as_str().unwrap().to_string()))
        })
        .expect("a task of 人社中心 on a measure with an indicator");
    let r = client
        .post(app.url(&format!("/api/v1/policy/tasks/{task_id}/reports")))
        .header("X-CSRF-Token", &token)
        .json(&serde_json::json!({"text": "本月进展", "period": "2026-10", "kpi_values": {key.clone(): 42.0}}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let dash: Value = client.get(app.url("/api/v1/policy/dashboard")).send().await.unwrap().json().await.unwrap();
    let trend = dash["trends"].as_array().unwrap().iter().find(|t| t["key"] == key.as_str()).expect("the reported indicator has a trend");
    assert!(trend["points"].as_array().unwrap().iter().any(|p| p[0] == "2026-10" && p[1] == 42.0), "{trend}");
    let html = client.get(app.url("/policy/dashboard")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"kpi-trend\""));
});

dual_db_test!(milestones_are_planned_by_the_holder_and_a_missed_one_puts_the_task_at_risk, |app: TestApp| async move {
    app.load_demo().await;
    assert!(zhijiao::demo::accept_seed_policy(&app.db).await.unwrap());
    let (client, token) = app.login_as("renshe").await;
    let tasks: Value = client.get(app.url("/api/v1/policy/tasks")).send().await.unwrap().json().await.unwrap();
    let own = tasks.as_array().unwrap().iter().find(|t| t["org_name"] == "人社中心").unwrap().clone();
    let other = tasks.as_array().unwrap().iter().find(|t| t["org_name"] != "人社中心");
    let id = own["id"].as_i64().unwrap();
    let state_of = |v: &Value| v.as_array().unwrap().iter().find(|t| t["id"] == id).unwrap()["state"].as_str().unwrap().to_string();
    let before = state_of(&tasks);
    assert_ne!(before, "at_risk", "deadline is the end of the year: {own}");
    // A date after the task's deadline is refused with the reason.
    let r = app.post_form(&client, &token, &format!("/policy/tasks/{id}/milestones"), &[("title", "完成调研"), ("due_on", "2099-01-01")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("不能晚于任务完成时限"));
    // A milestone already past: the task is at risk until it is reached.
    let r = app.post_form(&client, &token, &format!("/policy/tasks/{id}/milestones"), &[("title", "完成调研"), ("due_on", "2020-01-01")]).await;
    assert_eq!(r.status(), 303);
    let tasks: Value = client.get(app.url("/api/v1/policy/tasks")).send().await.unwrap().json().await.unwrap();
    assert_eq!(state_of(&tasks), "at_risk");
    use sea_orm::EntityTrait;
    let m = zhijiao::entity::milestone::Entity::find().one(&app.db).await.unwrap().unwrap();
    let html = client.get(app.url(&format!("/policy/tasks/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("完成调研") && html.contains(&format!("milestone-done-{}", m.id)));
    let r = app.post_form(&client, &token, &format!("/policy/milestones/{}/done", m.id), &[]).await;
    assert_eq!(r.status(), 303);
    let tasks: Value = client.get(app.url("/api/v1/policy/tasks")).send().await.unwrap().json().await.unwrap();
    assert_eq!(state_of(&tasks), before);
    // Another department's task is not ours to plan (when one is in sight at all).
    if let Some(o) = other {
        let r = app.post_form(&client, &token, &format!("/policy/tasks/{}/milestones", o["id"]), &[("title", "x"), ("due_on", "2020-01-01")]).await;
        assert_eq!(r.status(), 403);
    }
    let (admin, _) = app.login_as("admin").await;
    let log: Value = admin.get(app.url("/api/v1/audit?entity=milestone")).send().await.unwrap().json().await.unwrap();
    assert_eq!(log["total"], 2, "created and completed are audited");
});
