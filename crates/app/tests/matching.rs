//! Profiles, matching both ways, school-level vetting of enterprises, internship
//! placements under 职业学校学生实习管理规定, and destinations recorded from hires.

mod common;

use common::TestApp;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use zhijiao::config::PasswordCost;
use zhijiao::entity::{
    application, audit_log, graduate_destination as gd, internship_placement as ip, posting, student, student_profile, user,
};

const HR_ORG: &str = "淄博华瓷新材料科技有限公司（示例）";
const SCHOOL: &str = "中德莱茵智能科技学校";

async fn add_user(app: &TestApp, username: &str, org: &str, role: zhijiao::roles::Role) -> i64 {
    let org_id = app.org_id(org).await;
    zhijiao::areas::account::add_user(
        &app.db,
        &zhijiao::auth::Ctx::system(),
        PasswordCost::Test,
        zhijiao::areas::account::NewUser { username, display_name: username, password: zhijiao::demo::DEMO_PASSWORD, org_id, roles: &[role] },
    )
    .await
    .unwrap()
}

async fn user_id(app: &TestApp, username: &str) -> i64 {
    user::Entity::find().filter(user::Column::Username.eq(username)).one(&app.db).await.unwrap().unwrap().id
}

async fn audits(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find().filter(audit_log::Column::Action.eq(action)).count(&app.db).await.unwrap()
}

async fn json(client: &reqwest::Client, url: String) -> (u16, serde_json::Value) {
    let r = client.get(url).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}

dual_db_test!(a_student_edits_certificates_places_and_types, |app: TestApp| async move {
    app.load_demo().await;
    let sid = user_id(&app, "student").await;
    let (student, st) = app.login_as("student").await;
    let html = student.get(app.url("/profile")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("电工 | 四级"), "the demo certificates are in the form");
    let before = student_profile::Entity::find_by_id(sid).one(&app.db).await.unwrap().unwrap();
    // A bad certificate line and an unknown place: 422, each named, nothing changed.
    let r = app
        .post_form(&student, &st, "/profile", &[("major_code", "660301"), ("certificates", "电工 | 特级\n焊工 | 中级 | 鉴定中心 | 2099"), ("locations", "110101")])
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("等级“特级”无效") && body.contains("年份“2099”") && body.contains("110101"), "{body}");
    assert_eq!(student_profile::Entity::find_by_id(sid).one(&app.db).await.unwrap().unwrap(), before);
    // Several places and types (repeated form keys), certificates one per line.
    let r = app
        .post_form(
            &student,
            &st,
            "/profile",
            &[
                ("major_code", "660301"),
                ("skills", "PLC编程, 电气图纸识读"),
                ("certificates", "电工 | 中级工 | 淄博市职业技能鉴定中心 | 2025\n工业机器人操作与运维 | 初级 | 北京新奥时代科技有限责任公司 | 2026"),
                ("locations", "370303008"),
                ("locations", "370302"),
                ("kinds", "fulltime"),
                ("kinds", "apprenticeship"),
                ("opt_in_visible", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let p = student_profile::Entity::find_by_id(sid).one(&app.db).await.unwrap().unwrap();
    assert_eq!(p.preferred_locations, "370303008,370302");
    assert_eq!(p.preferred_kinds, "fulltime,apprenticeship");
    let certs: serde_json::Value = serde_json::from_str(&p.certificates).unwrap();
    assert_eq!(certs[0]["name"], "电工");
    assert_eq!(certs[0]["level"], "四级", "中级工 is 四级");
    assert_eq!(certs[1]["issuer"], "北京新奥时代科技有限责任公司");
    assert!(audits(&app, "save_profile").await >= 1);
    // The employer sees certificates and places, masked.
    let (hr, _) = app.login_as("hr").await;
    let html = hr.get(app.url(&format!("/profiles/{sid}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("工业机器人操作与运维 | 初级") && html.contains("四宝山街道") && html.contains("淄川区"), "{html}");
    assert!(html.contains("已隐藏"));
    // Not another role's page.
    assert_eq!(hr.get(app.url("/profile")).send().await.unwrap().status(), 403);
});

dual_db_test!(a_student_gets_ranked_postings_with_reasons, |app: TestApp| async move {
    app.load_demo().await;
    let (student, st) = app.login_as("student").await;
    let html = student.get(app.url("/recommendations")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("专业对口：机电技术应用 → 电工（6-31-01-03）"), "the crosswalk is explained");
    let (status, v) = json(&student, app.url("/api/v1/recommendations?limit=50")).await;
    assert_eq!(status, 200);
    let items = v["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let scores: Vec<f64> = items.iter().map(|i| i["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
    // Only the preferred types (the demo student chose 全职, 岗位实习, 学徒制).
    assert!(items.iter().all(|i| ["fulltime", "internship", "apprenticeship"].contains(&i["posting"]["kind"].as_str().unwrap())));
    // Every item explains its four parts.
    for i in items {
        let keys: Vec<&str> = i["parts"].as_array().unwrap().iter().map(|p| p["key"].as_str().unwrap()).collect();
        assert_eq!(keys, vec!["major", "skills", "location", "level"]);
    }
    // The posting aimed at the student's own school is among them; the top one is aligned.
    assert!(items.iter().any(|i| i["posting"]["target_school_name"] == SCHOOL), "the school's aimed posting is recommended");
    assert!(items[0]["parts"][0]["points"].as_f64().unwrap() >= 40.0 - 1e-9);
    // Choosing only 订单班招生 narrows the list to that type.
    let sid = user_id(&app, "student").await;
    let p = student_profile::Entity::find_by_id(sid).one(&app.db).await.unwrap().unwrap();
    let mut am: student_profile::ActiveModel = p.into();
    am.preferred_kinds = Set("order_class".into());
    am.update(&app.db).await.unwrap();
    let (_, v) = json(&student, app.url("/api/v1/recommendations")).await;
    let items = v["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.iter().all(|i| i["posting"]["kind"] == "order_class"));
    // The export.
    let x = student.get(app.url("/recommendations/export.xlsx")).send().await.unwrap();
    assert_eq!(x.status(), 200);
    let bytes = x.bytes().await.unwrap();
    let mut rows = 0;
    zhijiao::xlsx::stream_rows(&bytes, |_, _| rows += 1).unwrap();
    assert_eq!(rows, items.len() + 1);
    // Others are refused.
    let (hr, _) = app.login_as("hr").await;
    assert_eq!(hr.get(app.url("/recommendations")).send().await.unwrap().status(), 403);
    assert_eq!(app.get("/api/v1/recommendations").await.status(), 401);
    let _ = st;
});

dual_db_test!(hr_sees_ranked_opted_in_candidates_masked, |app: TestApp| async move {
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
    let (hr, _) = app.login_as("hr").await;
    let (status, v) = json(&hr, app.url(&format!("/api/v1/postings/{}/candidates", p.id))).await;
    assert_eq!(status, 200, "{v}");
    let items = v["items"].as_array().unwrap().clone();
    assert!(items.len() >= 3, "the demo has opted-in classmates: {v}");
    let scores: Vec<f64> = items.iter().map(|i| i["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    // Only opted-in students, and nobody's 身份证号 or phone in the clear.
    let visible: Vec<i64> = student_profile::Entity::find()
        .filter(student_profile::Column::OptInVisible.eq(true))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.user_id)
        .collect();
    for i in &items {
        assert!(visible.contains(&i["candidate"]["user_id"].as_i64().unwrap()));
        assert_eq!(i["candidate"]["unmasked"], false);
        if let Some(id) = i["candidate"]["id_number"].as_str() {
            assert!(id.contains('*'), "{id}");
        }
    }
    // A student who opts out disappears from the list.
    let sid = user_id(&app, "student").await;
    let gone = items.iter().map(|i| i["candidate"]["user_id"].as_i64().unwrap()).find(|u| *u != sid).unwrap();
    let sp = student_profile::Entity::find_by_id(gone).one(&app.db).await.unwrap().unwrap();
    let mut am: student_profile::ActiveModel = sp.into();
    am.opt_in_visible = Set(false);
    am.update(&app.db).await.unwrap();
    let (_, v) = json(&hr, app.url(&format!("/api/v1/postings/{}/candidates", p.id))).await;
    assert!(v["items"].as_array().unwrap().iter().all(|i| i["candidate"]["user_id"].as_i64() != Some(gone)));
    // One who applies to the enterprise is shown unmasked to it.
    let (student, st) = app.login_as("student").await;
    assert_eq!(app.post_form(&student, &st, &format!("/postings/{}/apply", p.id), &[]).await.status(), 303);
    let (_, v) = json(&hr, app.url(&format!("/api/v1/postings/{}/candidates?limit=200", p.id))).await;
    let me = v["items"].as_array().unwrap().iter().find(|i| i["candidate"]["user_id"].as_i64() == Some(sid)).expect("the applicant");
    assert_eq!(me["candidate"]["unmasked"], true);
    assert!(!me["candidate"]["id_number"].as_str().unwrap().contains('*'));
    // The page and its export.
    let html = hr.get(app.url(&format!("/postings/{}/candidates", p.id))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"score-parts\""));
    let x = hr.get(app.url(&format!("/postings/{}/candidates/export.xlsx", p.id))).send().await.unwrap();
    assert_eq!(x.status(), 200);
    // Another enterprise's HR, a student and the district cannot ask for these candidates.
    add_user(&app, "hr2", "淄博晶澜玻璃有限公司（示例）", zhijiao::roles::Role::EnterpriseHr).await;
    let (hr2, _) = app.login_as("hr2").await;
    assert_eq!(hr2.get(app.url(&format!("/postings/{}/candidates", p.id))).send().await.unwrap().status(), 404);
    assert_eq!(student.get(app.url(&format!("/api/v1/postings/{}/candidates", p.id))).send().await.unwrap().status(), 403);
    let (admin, _) = app.login_as("admin").await;
    assert_eq!(admin.get(app.url(&format!("/postings/{}/candidates", p.id))).send().await.unwrap().status(), 403);
});

dual_db_test!(a_school_approves_an_enterprise_for_its_own_students, |app: TestApp| async move {
    app.load_demo().await;
    let school = app.org_id(SCHOOL).await;
    let other_school = app.org_id("淄博信息工程学校（示例）").await;
    let org = "淄博电气控制设备有限公司（示例）";
    let ent = app.org_id(org).await;
    add_user(&app, "hr_pending", org, zhijiao::roles::Role::EnterpriseHr).await;
    let (hr, ht) = app.login_as("hr_pending").await;
    let fields = |target: String| {
        vec![
            ("kind".to_string(), "fulltime".to_string()),
            ("title".into(), "电气装配工".into()),
            ("description".into(), "装配低压开关柜，性别不限，职业院校毕业生可报名".into()),
            ("occupation_code".into(), "6-31-01-03".into()),
            ("majors".into(), "660301".into()),
            ("target_school_id".into(), target),
        ]
    };
    let create = |target: String| {
        let (hr, ht, app_url) = (hr.clone(), ht.clone(), app.url("/postings"));
        let mut f = fields(target);
        f.push(("_csrf".into(), ht));
        async move {
            let r = hr.post(app_url).form(&f).send().await.unwrap();
            assert_eq!(r.status(), 303, "create");
            r.headers()["location"].to_str().unwrap().trim_start_matches("/postings/").parse::<i64>().unwrap()
        }
    };
    let aimed = create(school.to_string()).await;
    let open = create(String::new()).await;
    // Not approved by anyone: neither goes to review.
    for id in [aimed, open] {
        let r = app.post_form(&hr, &ht, &format!("/postings/{id}/submit"), &[]).await;
        assert_eq!(r.status(), 409);
    }
    // The school's administrator approves the enterprise (audited; HR told); revoking needs a reason.
    let (sa, sat) = app.login_as("school").await;
    let page = sa.get(app.url("/school/enterprises")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("data-testid=\"enterprise-{ent}\"")));
    let before = audits(&app, "school_approve").await;
    assert_eq!(app.post_form(&sa, &sat, &format!("/school/enterprises/{ent}/decision"), &[("decision", "approve")]).await.status(), 303);
    assert_eq!(audits(&app, "school_approve").await, before + 1);
    assert_eq!(app.post_form(&sa, &sat, &format!("/school/enterprises/{ent}/decision"), &[("decision", "revoke")]).await.status(), 422);
    // The aimed posting now goes through review; the open one still does not.
    assert_eq!(app.post_form(&hr, &ht, &format!("/postings/{aimed}/submit"), &[]).await.status(), 303);
    assert_eq!(app.post_form(&hr, &ht, &format!("/postings/{open}/submit"), &[]).await.status(), 409);
    let (admin, at) = app.login_as("admin").await;
    assert_eq!(app.post_form(&admin, &at, &format!("/postings/{aimed}/review"), &[("decision", "approve")]).await.status(), 303);
    assert_eq!(posting::Entity::find_by_id(aimed).one(&app.db).await.unwrap().unwrap().status, "published");
    // Only the school's people see it: its student finds it; others do not.
    let (student, st) = app.login_as("student").await;
    assert_eq!(student.get(app.url(&format!("/postings/{aimed}"))).send().await.unwrap().status(), 200);
    let (_, found) = json(&student, app.url("/api/v1/postings?q=%E7%94%B5%E6%B0%94%E8%A3%85%E9%85%8D")).await;
    assert!(found["items"].as_array().unwrap().iter().any(|i| i["id"].as_i64() == Some(aimed)), "{found}");
    let (_, anon) = json(&common::new_client(), app.url("/api/v1/postings?q=%E7%94%B5%E6%B0%94%E8%A3%85%E9%85%8D")).await;
    assert!(anon["items"].as_array().unwrap().iter().all(|i| i["id"].as_i64() != Some(aimed)));
    assert_eq!(app.get(&format!("/postings/{aimed}")).await.status(), 404);
    add_user(&app, "student_other", "淄博信息工程学校（示例）", zhijiao::roles::Role::Student).await;
    let (other, ot) = app.login_as("student_other").await;
    assert_eq!(other.get(app.url(&format!("/postings/{aimed}"))).send().await.unwrap().status(), 404);
    assert_eq!(app.post_form(&other, &ot, "/profile", &[("major_code", "710201")]).await.status(), 303);
    assert_eq!(app.post_form(&other, &ot, &format!("/postings/{aimed}/apply"), &[]).await.status(), 404);
    assert_eq!(app.post_form(&student, &st, &format!("/postings/{aimed}/apply"), &[]).await.status(), 303);
    // The other school has not approved: aiming there does not help.
    let elsewhere = create(other_school.to_string()).await;
    assert_eq!(app.post_form(&hr, &ht, &format!("/postings/{elsewhere}/submit"), &[]).await.status(), 409);
    // Revoked (with a reason): submitting aimed postings stops again; the district's suspension wins anyway.
    assert_eq!(
        app.post_form(&sa, &sat, &format!("/school/enterprises/{ent}/decision"), &[("decision", "revoke"), ("note", "实地核查未通过")]).await.status(),
        303
    );
    let again = create(school.to_string()).await;
    assert_eq!(app.post_form(&hr, &ht, &format!("/postings/{again}/submit"), &[]).await.status(), 409);
    assert_eq!(audits(&app, "school_revoke").await, 1);
    // Only school administrators decide.
    assert_eq!(app.post_form(&hr, &ht, &format!("/school/enterprises/{ent}/decision"), &[("decision", "approve")]).await.status(), 403);
    assert_eq!(app.post_form(&admin, &at, &format!("/school/enterprises/{ent}/decision"), &[("decision", "approve")]).await.status(), 403);
    let x = sa.get(app.url("/school/enterprises/export.xlsx")).send().await.unwrap();
    assert_eq!(x.status(), 200);
});

/// A 中德莱茵 student in their second year or later (enrolled 2024-09 in the demo).
async fn second_year_student(app: &TestApp) -> student::Model {
    let school = app.org_id(SCHOOL).await;
    student::Entity::find()
        .filter(student::Column::OrgId.eq(school))
        .filter(student::Column::GraduationYear.eq(2027))
        .order_by_asc(student::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a 2027 graduate")
}

dual_db_test!(internship_violations_block_confirmation, |app: TestApp| async move {
    app.load_demo().await;
    let st = second_year_student(&app).await;
    let host = app.org_id(HR_ORG).await.to_string();
    let category: String = st.major_code.chars().take(2).collect();
    let (sa, sat) = app.login_as("school").await;
    let base = |pay: &'static str, agreement: bool| {
        let mut f: Vec<(&str, String)> = vec![
            ("student_no", st.student_no.clone()),
            ("host_org_id", host.clone()),
            ("kind", "post".into()),
            ("position_title", "窑炉巡检".into()),
            ("host_staff", "100".into()),
            ("host_interns_other", "4".into()),
            ("position_staff", "20".into()),
            ("position_interns_other", "1".into()),
            ("monthly_pay", pay.into()),
            ("same_post_wage", "4000".into()),
            ("post_categories", category.clone()),
            ("start_date", "2026-12-01".into()),
        ];
        if agreement {
            f.push(("agreement_signed", "on".into()));
            f.push(("agreement_no", "SF-2026-118".into()));
        }
        f
    };
    let post = |path: String, fields: Vec<(&'static str, String)>| {
        let (sa, sat) = (sa.clone(), sat.clone());
        let url = app.url(&path);
        async move {
            let mut f = fields;
            f.push(("_csrf", sat));
            sa.post(url).form(&f).send().await.unwrap()
        }
    };
    // Bad input: named, nothing stored.
    let n = app.count("internship_placements").await;
    let mut bad = base("3000", false);
    bad[0].1 = "NOPE".into();
    let r = post("/internships".into(), bad).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("不在本校学生名册中"));
    assert_eq!(app.count("internship_placements").await, n);
    // Pay under 80% and no agreement: recorded with both violations, shown with the rule.
    let r = post("/internships".into(), base("3000", false)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let id: i64 = r.headers()["location"].to_str().unwrap().trim_start_matches("/internships/").parse().unwrap();
    let html = sa.get(app.url(&format!("/internships/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"violation-pay\"") && html.contains("data-testid=\"violation-agreement\""));
    assert!(html.contains("第十八条") && html.contains("无协议不实习"));
    // Confirmation is refused with the messages; nothing changes.
    let audited = app.count("audit_log").await;
    let r = app.post_form(&sa, &sat, &format!("/internships/{id}/confirm"), &[]).await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    assert!(body.contains("低于本单位相同岗位工资4000元的80%") && body.contains("第十八条"), "{body}");
    assert_eq!(ip::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().status, "recorded");
    assert_eq!(app.count("audit_log").await, audited);
    // The district's list of violating placements shows it (and the demo's); HR cannot see it.
    let (admin, _) = app.login_as("admin").await;
    let list = admin.get(app.url("/internships?violating=1")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains(&format!("data-testid=\"placement-{id}\"")));
    let (hr, _) = app.login_as("hr").await;
    assert_eq!(hr.get(app.url("/internships")).send().await.unwrap().status(), 403);
    assert_eq!(hr.get(app.url(&format!("/internships/{id}"))).send().await.unwrap().status(), 403);
    // Corrected: confirmed, audited.
    let r = post(format!("/internships/{id}"), base("3200", true)).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.post_form(&sa, &sat, &format!("/internships/{id}/confirm"), &[]).await.status(), 303);
    let m = ip::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((m.status.as_str(), m.violations.as_str()), ("confirmed", "[]"));
    assert_eq!(audits(&app, "confirm").await, 1);
    let clean = admin.get(app.url("/internships?violating=1")).send().await.unwrap().text().await.unwrap();
    assert!(!clean.contains(&format!("data-testid=\"placement-{id}\"")));
    // Platform-known interns count: with the host's 20% position cap reached by confirmed
    // placements, a school stating "0 others" is still refused.
    let others = student::Entity::find()
        .filter(student::Column::OrgId.eq(st.org_id))
        .filter(student::Column::GraduationYear.eq(2027))
        .filter(student::Column::Id.ne(st.id))
        .order_by_asc(student::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let mut f = base("3200", true);
    f[0].1 = others[0].student_no.clone();
    f[6].1 = "5".into(); // position staff 5: one intern (the confirmed one) + this = 40%
    f[7].1 = "0".into();
    let cat: String = others[0].major_code.chars().take(2).collect();
    f[10].1 = cat;
    let r = post("/internships".into(), f).await;
    assert_eq!(r.status(), 303);
    let id2: i64 = r.headers()["location"].to_str().unwrap().trim_start_matches("/internships/").parse().unwrap();
    let m2 = ip::Entity::find_by_id(id2).one(&app.db).await.unwrap().unwrap();
    assert!(m2.violations.contains("position_share"), "{}", m2.violations);
    // Another school's administrator does not see this school's placements; the export answers.
    add_user(&app, "school2", "淄博信息工程学校（示例）", zhijiao::roles::Role::SchoolAdmin).await;
    let (s2, s2t) = app.login_as("school2").await;
    assert_eq!(s2.get(app.url(&format!("/internships/{id}"))).send().await.unwrap().status(), 404);
    assert_eq!(app.post_form(&s2, &s2t, &format!("/internships/{id2}/confirm"), &[]).await.status(), 404);
    let x = admin.get(app.url("/internships/export.xlsx?violating=1")).send().await.unwrap();
    assert_eq!(x.status(), 200);
});

dual_db_test!(a_hire_records_the_graduate_destination, |app: TestApp| async move {
    app.load_demo().await;
    let school = app.org_id(SCHOOL).await;
    let hr_org = app.org_id(HR_ORG).await;
    // A 2027 graduate of 机电技术应用 with a platform account and profile linked to the register.
    let reg = student::Entity::find()
        .filter(student::Column::OrgId.eq(school))
        .filter(student::Column::GraduationYear.eq(2027))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut am: student::ActiveModel = reg.clone().into();
    am.major_code = Set("660301".into());
    let reg = am.update(&app.db).await.unwrap();
    let uid = add_user(&app, "grad", SCHOOL, zhijiao::roles::Role::Student).await;
    student_profile::ActiveModel {
        user_id: Set(uid),
        org_id: Set(school),
        student_id: Set(Some(reg.id)),
        major_level: Set("secondary".into()),
        major_code: Set("660301".into()),
        graduation_year: Set(Some(2027)),
        skills: Set("PLC编程".into()),
        opt_in_visible: Set(false),
        updated_at: Set(chrono::Utc::now()),
        certificates: Set("[]".into()),
        preferred_locations: Set(String::new()),
        preferred_kinds: Set(String::new()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    // HR's 电工 job (6-31-01-03), published through review.
    let (hr, ht) = app.login_as("hr").await;
    let mk = |kind: &'static str, title: &'static str| {
        let (hr, ht, url) = (hr.clone(), ht.clone(), app.url("/postings"));
        async move {
            let f = [
                ("kind", kind),
                ("title", title),
                ("description", "负责车间供配电维护，性别不限"),
                ("occupation_code", "6-31-01-03"),
                ("majors", "660301"),
                ("_csrf", ht.as_str()),
            ];
            let r = hr.post(url).form(&f).send().await.unwrap();
            r.headers()["location"].to_str().unwrap().trim_start_matches("/postings/").parse::<i64>().unwrap()
        }
    };
    let (admin, at) = app.login_as("admin").await;
    let (grad, gt) = app.login_as("grad").await;
    let mut apps = Vec::new();
    for (kind, title) in [("fulltime", "车间电工"), ("internship", "电工（岗位实习）")] {
        let id = mk(kind, title).await;
        assert_eq!(app.post_form(&hr, &ht, &format!("/postings/{id}/submit"), &[]).await.status(), 303);
        assert_eq!(app.post_form(&admin, &at, &format!("/postings/{id}/review"), &[("decision", "approve")]).await.status(), 303);
        assert_eq!(app.post_form(&grad, &gt, &format!("/postings/{id}/apply"), &[]).await.status(), 303);
        apps.push(application::Entity::find().filter(application::Column::PostingId.eq(id)).one(&app.db).await.unwrap().unwrap().id);
    }
    // An internship hire is no employment: no destination.
    assert_eq!(app.post_form(&hr, &ht, &format!("/applications/{}/status", apps[1]), &[("status", "hired")]).await.status(), 303);
    assert_eq!(gd::Entity::find().filter(gd::Column::StudentId.eq(reg.id)).count(&app.db).await.unwrap(), 0);
    // The job hire records both 2027 snapshots: 11 签劳动合同, the enterprise, the post's
    // occupation, 专业对口 (机电技术应用 → 电工) and 区内 (the enterprise is on a zone street).
    assert_eq!(app.post_form(&hr, &ht, &format!("/applications/{}/status", apps[0]), &[("status", "hired")]).await.status(), 303);
    let rows = gd::Entity::find().filter(gd::Column::StudentId.eq(reg.id)).order_by_asc(gd::Column::Snapshot).all(&app.db).await.unwrap();
    assert_eq!(rows.iter().map(|r| r.snapshot.as_str()).collect::<Vec<_>>(), vec!["initial", "year_end"]);
    for r in &rows {
        assert_eq!(r.destination_code, "11");
        assert_eq!(r.employer_org_id, Some(hr_org));
        assert_eq!(r.employer_name.as_deref(), Some(HR_ORG));
        assert_eq!(r.occupation_code.as_deref(), Some("6-31-01-03"));
        assert_eq!(r.graduation_year, 2027);
        assert_eq!(r.source, "platform_hire");
        assert!(r.major_aligned, "机电技术应用 → 电工 is aligned");
        assert!(r.in_zone, "the demo enterprise is in the zone");
    }
    assert_eq!(audits(&app, "hire").await, 2);
});
