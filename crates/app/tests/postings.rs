//! Employment (issue 3, first part): vetted employers, the review workflow with the
//! equal-treatment check, search with facets, duplicate counts, applications with the
//! employer pipeline and notifications, masking and isolation between enterprises.

mod common;

use common::TestApp;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use zhijiao::config::PasswordCost;
use zhijiao::entity::{application, audit_log, notification, posting, user};

const HR_ORG: &str = "淄博华瓷新材料科技有限公司（示例）";

async fn add_hr(app: &TestApp, username: &str, org: &str) {
    let org_id = app.org_id(org).await;
    zhijiao::areas::account::add_user(
        &app.db,
        &zhijiao::auth::Ctx::system(),
        PasswordCost::Test,
        zhijiao::areas::account::NewUser {
            username,
            display_name: username,
            password: zhijiao::demo::DEMO_PASSWORD,
            org_id,
            roles: &[zhijiao::roles::Role::EnterpriseHr],
        },
    )
    .await
    .unwrap();
}

async fn user_id(app: &TestApp, username: &str) -> i64 {
    user::Entity::find().filter(user::Column::Username.eq(username)).one(&app.db).await.unwrap().unwrap().id
}

fn location_id(resp: &reqwest::Response) -> i64 {
    let loc = resp.headers().get("location").expect("redirect").to_str().unwrap();
    loc.trim_start_matches("/postings/").parse().unwrap_or_else(|_| panic!("posting id in {loc}"))
}

/// HR creates a posting through the form; returns its id.
async fn create_posting(app: &TestApp, client: &reqwest::Client, token: &str, title: &str, description: &str) -> i64 {
    let resp = app
        .post_form(
            client,
            token,
            "/postings",
            &[
                ("kind", "fulltime"),
                ("title", title),
                ("description", description),
                ("occupation_code", "6-18-01-01"),
                ("majors", "660103,660301"),
                ("skills", "数控车床,G代码编程"),
                ("pay_min", "5000"),
                ("pay_max", "7000"),
                ("county_code", "370303"),
            ],
        )
        .await;
    if resp.status() != 303 {
        panic!("create {title}: {} {}", resp.status(), resp.text().await.unwrap_or_default());
    }
    location_id(&resp)
}

async fn status_of(app: &TestApp, id: i64) -> String {
    posting::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().status
}

/// Submit as HR and approve as admin.
async fn publish(app: &TestApp, hr: &(reqwest::Client, String), id: i64) {
    let r = app.post_form(&hr.0, &hr.1, &format!("/postings/{id}/submit"), &[]).await;
    assert_eq!(r.status(), 303);
    let (admin, at) = app.login_as("admin").await;
    let r = app.post_form(&admin, &at, &format!("/postings/{id}/review"), &[("decision", "approve")]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(status_of(app, id).await, "published");
}

dual_db_test!(a_pending_enterprise_cannot_publish, |app: TestApp| async move {
    app.load_demo().await;
    let org = "淄博电气控制设备有限公司（示例）";
    add_hr(&app, "hr_pending", org).await;
    let (hr, t) = app.login_as("hr_pending").await;
    // Drafts are allowed while the district has not approved the enterprise …
    let id = create_posting(&app, &hr, &t, "电气装配工", "装配低压开关柜，性别不限").await;
    // … submitting is not,
    let r = app.post_form(&hr, &t, &format!("/postings/{id}/submit"), &[]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("尚未通过审核"));
    assert_eq!(status_of(&app, id).await, "draft");
    // and nothing of the enterprise is public.
    let org_id = app.org_id(org).await;
    let published = posting::Entity::find().filter(posting::Column::OrgId.eq(org_id)).filter(posting::Column::Status.eq("published")).count(&app.db).await.unwrap();
    assert_eq!(published, 0);
    // Once the district approves the enterprise, the same posting goes through.
    let (admin, at) = app.login_as("admin").await;
    assert_eq!(app.post_form(&admin, &at, &format!("/orgs/{org_id}/status"), &[("status", "active")]).await.status(), 303);
    publish(&app, &(hr.clone(), t.clone()), id).await;
    // Suspending it again stops further submissions.
    assert_eq!(app.post_form(&admin, &at, &format!("/orgs/{org_id}/status"), &[("status", "suspended")]).await.status(), 303);
    let id2 = create_posting(&app, &hr, &t, "电气调试员", "调试开关柜").await;
    assert_eq!(app.post_form(&hr, &t, &format!("/postings/{id2}/submit"), &[]).await.status(), 409);
});

dual_db_test!(the_check_blocks_approval_without_an_override_reason, |app: TestApp| async move {
    app.load_demo().await;
    let (hr, t) = app.login_as("hr").await;
    let id = create_posting(&app, &hr, &t, "窑炉操作工（限男性）", "要求本地户口。负责窑炉巡检。").await;
    // HR sees the findings next to the text on save.
    let html = hr.get(app.url(&format!("/postings/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"finding-gender\""), "gender finding shown");
    assert!(html.contains("data-testid=\"finding-hukou\""), "hukou finding shown");
    assert!(html.contains("限男性"));
    let p = posting::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert!(p.lint_blocked);
    assert_eq!(app.post_form(&hr, &t, &format!("/postings/{id}/submit"), &[]).await.status(), 303);
    // The reviewer sees them again and cannot approve without a reason.
    let (admin, at) = app.login_as("admin").await;
    let html = admin.get(app.url(&format!("/postings/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"finding-gender\"") && html.contains("override-input"));
    let r = app.post_form(&admin, &at, &format!("/postings/{id}/review"), &[("decision", "approve"), ("override_reason", "  ")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("放行理由"));
    assert_eq!(status_of(&app, id).await, "submitted");
    // The API agrees with the page.
    let lint: serde_json::Value = admin
        .post(app.url("/api/v1/postings/lint"))
        .header("X-CSRF-Token", &at)
        .json(&serde_json::json!({"text": "窑炉操作工（限男性）"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(lint["findings"][0]["rule"], "gender");
    assert_eq!(lint["findings"][0]["severity"], "block");
    assert_eq!(lint["findings"][0]["span"], "限男性");
    // With a reason the posting is published, and the override is audited.
    let reason = "井下高温作业属女职工禁忌劳动范围";
    let r = app.post_form(&admin, &at, &format!("/postings/{id}/review"), &[("decision", "approve"), ("override_reason", reason)]).await;
    assert_eq!(r.status(), 303);
    let p = posting::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(p.status, "published");
    assert_eq!(p.override_reason.as_deref(), Some(reason));
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("posting"))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .filter(audit_log::Column::Action.eq("lint_override"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("override audited");
    assert!(audited.summary.contains(reason));
    assert_eq!(audited.username.as_deref(), Some("admin"));
    // A returned posting needs a comment, and HR is told.
    let id2 = create_posting(&app, &hr, &t, "检验员", "负责来料检验，性别不限").await;
    assert_eq!(app.post_form(&hr, &t, &format!("/postings/{id2}/submit"), &[]).await.status(), 303);
    assert_eq!(app.post_form(&admin, &at, &format!("/postings/{id2}/review"), &[("decision", "return")]).await.status(), 422);
    assert_eq!(app.post_form(&admin, &at, &format!("/postings/{id2}/review"), &[("decision", "return"), ("comment", "请补充薪酬")]).await.status(), 303);
    assert_eq!(status_of(&app, id2).await, "returned");
    let hr_id = user_id(&app, "hr").await;
    let n = notification::Entity::find().filter(notification::Column::UserId.eq(hr_id)).filter(notification::Column::Text.contains("请补充薪酬")).count(&app.db).await.unwrap();
    assert_eq!(n, 1);
});

dual_db_test!(search_finds_chinese_words_and_counts_facets, |app: TestApp| async move {
    app.load_demo().await;
    let today = zhijiao::areas::postings::today();
    let open: Vec<posting::Model> = posting::Entity::find()
        .filter(posting::Column::Status.eq("published"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.deadline.is_none_or(|d| d >= today))
        .collect();
    assert!(open.len() >= 60, "demo publishes about sixty postings, got {}", open.len());
    assert!(open.iter().all(|p| !p.lint_blocked), "no published demo posting is blocked");
    for q in ["数控", "机电"] {
        let want: Vec<&posting::Model> = open.iter().filter(|p| p.search_text.split(' ').any(|w| w == q)).collect();
        assert!(!want.is_empty(), "demo has postings with {q}");
        let r: serde_json::Value = app.get(&format!("/api/v1/postings?q={}&per_page=100", urlencoding::encode(q))).await.json().await.unwrap();
        assert_eq!(r["total"].as_i64().unwrap(), want.len() as i64, "{q}");
        assert_eq!(r["items"].as_array().unwrap().len(), want.len());
        // Facet counts: each facet's values add up to the filtered total (single-valued facets),
        // and filtering by a value returns exactly its count.
        for facet in r["facets"].as_array().unwrap() {
            let key = facet["key"].as_str().unwrap();
            let values = facet["values"].as_array().unwrap();
            if key == "kind" || key == "pay" {
                let sum: i64 = values.iter().map(|v| v["count"].as_i64().unwrap()).sum();
                assert_eq!(sum, want.len() as i64, "{q}: {key} facet sums to the total");
            }
            let first = &values[0];
            let f: serde_json::Value = app
                .get(&format!("/api/v1/postings?q={}&{key}={}", urlencoding::encode(q), first["value"].as_str().unwrap()))
                .await
                .json()
                .await
                .unwrap();
            assert_eq!(f["total"], first["count"], "{q}: {key}={}", first["value"]);
        }
    }
    // 机电 finds postings that want 机电技术应用 (660301) though the word is not in their title.
    let r: serde_json::Value = app.get("/api/v1/postings?q=%E6%9C%BA%E7%94%B5&major=660301").await.json().await.unwrap();
    assert!(r["total"].as_i64().unwrap() > 0);
    // The page works anonymously, with facet links.
    let html = app.text("/postings?q=%E6%95%B0%E6%8E%A7").await;
    assert!(html.contains("data-testid=\"facets\"") && html.contains("posting-card"));
    let none: serde_json::Value = app.get("/api/v1/postings?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E5%B2%97%E4%BD%8Dxyz").await.json().await.unwrap();
    assert_eq!(none["total"], 0);
    // Drafts are never found.
    let r: serde_json::Value = app.get("/api/v1/postings?q=%E4%BB%93%E5%BA%93%E6%90%AC%E8%BF%90%E5%B7%A5").await.json().await.unwrap();
    assert_eq!(r["total"], 0, "the blocked draft 仓库搬运工 is not public");
});

fn stat(html: &str, id: &str) -> i64 {
    let marker = format!("data-testid=\"{id}\">");
    let start = html.find(&marker).unwrap_or_else(|| panic!("{id} on the page")) + marker.len();
    html[start..].split('<').next().unwrap().trim().parse().unwrap()
}

dual_db_test!(duplicates_within_sixty_days_count_once, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, _) = app.login_as("admin").await;
    let before = admin.get(app.url("/postings/manage")).send().await.unwrap().text().await.unwrap();
    let (total0, unique0) = (stat(&before, "stats-total"), stat(&before, "stats-unique"));
    let hr = app.login_as("hr").await;
    let mut ids = Vec::new();
    for title in ["热处理工", "热处理工（急招）", "诚聘热处理工"] {
        let id = create_posting(&app, &hr.0, &hr.1, title, "操作热处理炉，性别不限").await;
        publish(&app, &hr, id).await;
        ids.push(id);
    }
    // Published 80, 70 (10 days later: a duplicate) and 10 days ago (70 days after the first: unique).
    let now = chrono::Utc::now();
    for (id, days) in ids.iter().zip([80, 70, 10]) {
        posting::ActiveModel { id: Set(*id), published_at: Set(Some(now - chrono::Duration::days(days))), ..Default::default() }
            .update(&app.db)
            .await
            .unwrap();
    }
    let keys: Vec<String> = posting::Entity::find().filter(posting::Column::Id.is_in(ids.clone())).all(&app.db).await.unwrap().into_iter().map(|p| p.dedup_key).collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "normalised titles share a key: {keys:?}");
    let after = admin.get(app.url("/postings/manage")).send().await.unwrap().text().await.unwrap();
    assert_eq!(stat(&after, "stats-total") - total0, 3);
    assert_eq!(stat(&after, "stats-unique") - unique0, 2);
    assert!(after.contains("data-testid=\"stats-months\""));
});

dual_db_test!(apply_notifies_both_sides_and_hr_hires, |app: TestApp| async move {
    app.load_demo().await;
    let hr_org = app.org_id(HR_ORG).await;
    let p = posting::Entity::find()
        .filter(posting::Column::OrgId.eq(hr_org))
        .filter(posting::Column::Status.eq("published"))
        .order_by_asc(posting::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (student, st) = app.login_as("student").await;
    let r = app.post_form(&student, &st, &format!("/postings/{}/apply", p.id), &[]).await;
    assert_eq!(r.status(), 303);
    // Twice is refused.
    assert_eq!(app.post_form(&student, &st, &format!("/postings/{}/apply", p.id), &[]).await.status(), 409);
    let a = application::Entity::find().filter(application::Column::PostingId.eq(p.id)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(a.status, "received");
    // HR's bell rings.
    let (hr, ht) = app.login_as("hr").await;
    let home = hr.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("data-testid=\"bell-count\""), "HR sees unread notifications");
    let list = hr.get(app.url("/applications")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains(&format!("data-testid=\"application-{}\"", a.id)));
    for to in ["interview", "offer", "hired"] {
        let r = app.post_form(&hr, &ht, &format!("/applications/{}/status", a.id), &[("status", to)]).await;
        assert_eq!(r.status(), 303, "{to}");
    }
    // Backwards is refused.
    assert_eq!(app.post_form(&hr, &ht, &format!("/applications/{}/status", a.id), &[("status", "interview")]).await.status(), 409);
    let a = application::Entity::find_by_id(a.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(a.status, "hired");
    let sid = user_id(&app, "student").await;
    let texts: Vec<String> = notification::Entity::find().filter(notification::Column::UserId.eq(sid)).all(&app.db).await.unwrap().into_iter().map(|n| n.text).collect();
    assert!(texts.iter().any(|t| t.contains("已录用")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("面试")), "{texts:?}");
    let page = student.get(app.url("/notifications")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("已录用"));
    assert_eq!(app.post_form(&student, &st, "/notifications/read", &[]).await.status(), 303);
    let unread = notification::Entity::find().filter(notification::Column::UserId.eq(sid)).filter(notification::Column::ReadAt.is_null()).count(&app.db).await.unwrap();
    assert_eq!(unread, 0);
    // A hired application cannot be withdrawn; an open one can.
    assert_eq!(app.post_form(&student, &st, &format!("/applications/{}/withdraw", a.id), &[]).await.status(), 409);
    let other = posting::Entity::find()
        .filter(posting::Column::Status.eq("published"))
        .filter(posting::Column::Id.ne(p.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(app.post_form(&student, &st, &format!("/postings/{}/apply", other.id), &[]).await.status(), 303);
    let b = application::Entity::find().filter(application::Column::PostingId.eq(other.id)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(app.post_form(&student, &st, &format!("/applications/{}/withdraw", b.id), &[]).await.status(), 303);
    assert_eq!(application::Entity::find_by_id(b.id).one(&app.db).await.unwrap().unwrap().status, "withdrawn");
    // HR's export lists the application.
    let x = hr.get(app.url("/applications/export.xlsx")).send().await.unwrap();
    assert_eq!(x.status(), 200);
    assert!(x.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
});

dual_db_test!(hr_sees_personal_data_only_of_applicants, |app: TestApp| async move {
    app.load_demo().await;
    let sid = user_id(&app, "student").await;
    let profile = zhijiao::entity::student_profile::Entity::find_by_id(sid).one(&app.db).await.unwrap().expect("demo student profile");
    let reg = zhijiao::entity::student::Entity::find_by_id(profile.student_id.unwrap()).one(&app.db).await.unwrap().unwrap();
    let phone = reg.phone.clone().unwrap();
    let (hr, _) = app.login_as("hr").await;
    // Visible (the student opted in) but masked: not applied yet.
    let html = hr.get(app.url(&format!("/profiles/{sid}"))).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains(&phone), "phone must be masked");
    assert!(!html.contains(&reg.id_number), "身份证号 must be masked");
    assert!(html.contains(&zhijiao_domain::validate::mask_mobile(&phone)));
    // Without opt-in a non-applicant is not visible at all.
    let mut am: zhijiao::entity::student_profile::ActiveModel = profile.clone().into();
    am.opt_in_visible = Set(false);
    am.update(&app.db).await.unwrap();
    assert_eq!(hr.get(app.url(&format!("/profiles/{sid}"))).send().await.unwrap().status(), 404);
    // After the student applies to HR's enterprise, HR sees the full data.
    let hr_org = app.org_id(HR_ORG).await;
    let p = posting::Entity::find().filter(posting::Column::OrgId.eq(hr_org)).filter(posting::Column::Status.eq("published")).one(&app.db).await.unwrap().unwrap();
    let (student, st) = app.login_as("student").await;
    assert_eq!(app.post_form(&student, &st, &format!("/postings/{}/apply", p.id), &[]).await.status(), 303);
    let html = hr.get(app.url(&format!("/profiles/{sid}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&phone) && html.contains(&reg.id_number));
    let list = hr.get(app.url("/applications")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains(&phone));
    // The district sees applications masked.
    let (admin, _) = app.login_as("admin").await;
    let list = admin.get(app.url("/applications")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains(&zhijiao_domain::validate::mask_mobile(&phone)) && !list.contains(&phone));
});

dual_db_test!(another_enterprise_cannot_touch_drafts_or_applications, |app: TestApp| async move {
    app.load_demo().await;
    let other_org = "淄博晶澜玻璃有限公司（示例）";
    add_hr(&app, "hr2", other_org).await;
    let (hr, ht) = app.login_as("hr").await;
    let draft = create_posting(&app, &hr, &ht, "窑炉技师", "负责窑炉维护，性别不限").await;
    let (hr2, h2t) = app.login_as("hr2").await;
    assert_eq!(hr2.get(app.url(&format!("/postings/{draft}"))).send().await.unwrap().status(), 404);
    assert_eq!(hr2.get(app.url(&format!("/api/v1/postings/{draft}"))).send().await.unwrap().status(), 404);
    assert_eq!(hr2.get(app.url(&format!("/postings/{draft}/edit"))).send().await.unwrap().status(), 404);
    let r = app.post_form(&hr2, &h2t, &format!("/postings/{draft}"), &[("kind", "fulltime"), ("title", "改掉"), ("description", "x")]).await;
    assert_eq!(r.status(), 404);
    assert_eq!(app.post_form(&hr2, &h2t, &format!("/postings/{draft}/submit"), &[]).await.status(), 404);
    let manage = hr2.get(app.url("/postings/manage")).send().await.unwrap().text().await.unwrap();
    assert!(!manage.contains("窑炉技师"));
    assert_eq!(posting::Entity::find_by_id(draft).one(&app.db).await.unwrap().unwrap().title, "窑炉技师");
    // Applications to the first enterprise stay with it.
    let hr_org = app.org_id(HR_ORG).await;
    let p = posting::Entity::find().filter(posting::Column::OrgId.eq(hr_org)).filter(posting::Column::Status.eq("published")).one(&app.db).await.unwrap().unwrap();
    let (student, st) = app.login_as("student").await;
    assert_eq!(app.post_form(&student, &st, &format!("/postings/{}/apply", p.id), &[]).await.status(), 303);
    let a = application::Entity::find().filter(application::Column::PostingId.eq(p.id)).one(&app.db).await.unwrap().unwrap();
    let list = hr2.get(app.url("/applications")).send().await.unwrap().text().await.unwrap();
    assert!(!list.contains(&format!("application-{}", a.id)));
    assert_eq!(app.post_form(&hr2, &h2t, &format!("/applications/{}/status", a.id), &[("status", "rejected")]).await.status(), 404);
    // And the other HR sees the student masked (opted in, not applied to them).
    let sid = user_id(&app, "student").await;
    let html = hr2.get(app.url(&format!("/profiles/{sid}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("已隐藏"));
    // The published posting of another enterprise cannot be closed by hr2.
    assert_eq!(app.post_form(&hr2, &h2t, &format!("/postings/{}/close", p.id), &[]).await.status(), 403);
});

dual_db_test!(the_live_check_and_exports_answer, |app: TestApp| async move {
    app.load_demo().await;
    let (hr, ht) = app.login_as("hr").await;
    let frag = app.post_form(&hr, &ht, "/postings/lint", &[("title", "操作工"), ("description", "仅限男性，985院校优先")]).await.text().await.unwrap();
    assert!(frag.contains("finding-gender") && !frag.contains("<html"));
    let clean = app.post_form(&hr, &ht, "/postings/lint", &[("title", "操作工"), ("description", "性别不限，职业院校毕业生可报名")]).await.text().await.unwrap();
    assert!(clean.contains("lint-clean"), "{clean}");
    let x = hr.get(app.url("/postings/manage/export.xlsx")).send().await.unwrap();
    assert_eq!(x.status(), 200);
    let bytes = x.bytes().await.unwrap();
    let mut rows = 0;
    zhijiao::xlsx::stream_rows(&bytes, |_, _| rows += 1).unwrap();
    let hr_org = app.org_id(HR_ORG).await;
    let own = posting::Entity::find().filter(posting::Column::OrgId.eq(hr_org)).count(&app.db).await.unwrap();
    assert_eq!(rows as u64, own + 1, "header + the enterprise's own postings only");
    // A deadline in the past reads as closed and leaves search.
    let p = posting::Entity::find().filter(posting::Column::OrgId.eq(hr_org)).filter(posting::Column::Status.eq("published")).one(&app.db).await.unwrap().unwrap();
    posting::ActiveModel { id: Set(p.id), deadline: Set(Some(zhijiao::areas::postings::today() - chrono::Duration::days(1))), ..Default::default() }
        .update(&app.db)
        .await
        .unwrap();
    let v: serde_json::Value = app.get(&format!("/api/v1/postings/{}", p.id)).await.json().await.unwrap();
    assert_eq!(v["status"], "closed");
    let (student, st) = app.login_as("student").await;
    assert_eq!(app.post_form(&student, &st, &format!("/postings/{}/apply", p.id), &[]).await.status(), 409);
});

dual_db_test!(a_student_keeps_a_profile_and_chooses_visibility, |app: TestApp| async move {
    app.load_demo().await;
    let (student, st) = app.login_as("student").await;
    let html = student.get(app.url("/profile")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("660301"));
    assert_eq!(app.post_form(&student, &st, "/profile", &[("major_code", "宇宙航行")]).await.status(), 422);
    let r = app.post_form(&student, &st, "/profile", &[("major_code", "460301"), ("graduation_year", "2027"), ("skills", "PLC编程，电工证")]).await;
    assert_eq!(r.status(), 303);
    let sid = user_id(&app, "student").await;
    let p = zhijiao::entity::student_profile::Entity::find_by_id(sid).one(&app.db).await.unwrap().unwrap();
    assert_eq!((p.major_level.as_str(), p.major_code.as_str(), p.graduation_year, p.opt_in_visible), ("associate", "460301", Some(2027), false));
    assert_eq!(p.skills, "PLC编程,电工证");
    // Not opted in and not applied: employers do not find the profile.
    let (hr, _) = app.login_as("hr").await;
    assert_eq!(hr.get(app.url(&format!("/profiles/{sid}"))).send().await.unwrap().status(), 404);
    let audited = audit_log::Entity::find().filter(audit_log::Column::Action.eq("save_profile")).count(&app.db).await.unwrap();
    assert_eq!(audited, 1);
});
