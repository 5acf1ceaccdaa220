//! 面对面 (issue 3): supply-demand meetings — creating a fair, booths registered,
//! approved and given postings, students' sign-ups and QR codes, the door refusing used,
//! foreign and forged codes with nothing recorded, the figures afterwards and their
//! workbook — and visits of a school to an enterprise, each seen only by those concerned.

mod common;

use calamine::{Reader, Xlsx};
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use zhijiao::entity::{fair, fair_booth, posting, user};

const HR_ORG: &str = "淄博华瓷新材料科技有限公司（示例）";

fn location(resp: &reqwest::Response) -> String {
    resp.headers().get("location").unwrap_or_else(|| panic!("redirect expected, got {}", resp.status())).to_str().unwrap().to_string()
}

async fn count_where(app: &TestApp, table: &str, condition: &str) -> i64 {
    app.count(&format!("{table} WHERE {condition}")).await
}

/// Staff create a fair through the form and open it; returns its id.
async fn open_fair(app: &TestApp, staff: &reqwest::Client, token: &str, title: &str) -> i64 {
    let resp = app
        .post_form(
            staff,
            token,
            "/fairs",
            &[
                ("title", title),
                ("theme", "生物医药专场"),
                ("fair_date", "2026-12-12"),
                ("time_text", "09:00–12:00"),
                ("venue", "高新区人力资源市场"),
                ("categories", "生物医药、新材料，智能制造"),
                ("booth_capacity", "2"),
                ("capacity", "100"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303, "create fair");
    let id: i64 = location(&resp).trim_start_matches("/fairs/").parse().unwrap();
    let m = fair::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(m.status, "draft");
    assert_eq!(m.categories, "生物医药,新材料,智能制造");
    assert_eq!(app.post_form(staff, token, &format!("/fairs/{id}/status"), &[("status", "open")]).await.status(), 303);
    id
}

async fn booth_of(app: &TestApp, fair_id: i64, org: &str) -> fair_booth::Model {
    let org_id = app.org_id(org).await;
    fair_booth::Entity::find()
        .filter(fair_booth::Column::FairId.eq(fair_id))
        .filter(fair_booth::Column::OrgId.eq(org_id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("booth")
}

async fn postings_of(app: &TestApp, org: &str, status: &str) -> Vec<i64> {
    let org_id = app.org_id(org).await;
    posting::Entity::find()
        .filter(posting::Column::OrgId.eq(org_id))
        .filter(posting::Column::Status.eq(status))
        .order_by_asc(posting::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect()
}

/// The student signs up and reads their code off the code page.
async fn sign_up_and_read_code(app: &TestApp, username: &str, fair_id: i64) -> String {
    let (student, token) = app.login_as(username).await;
    let resp = app.post_form(&student, &token, &format!("/fairs/{fair_id}/signup"), &[]).await;
    assert_eq!(location(&resp), format!("/fairs/{fair_id}/code"));
    let html = student.get(app.url(&format!("/fairs/{fair_id}/code"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"my-code-qr\"><svg"), "a QR code as inline SVG");
    let marker = "data-testid=\"my-code-text\">";
    let start = html.find(marker).expect("code text") + marker.len();
    html[start..].split('<').next().unwrap().to_string()
}

/// A fair with the demo HR's approved booth carrying one published posting; returns
/// (fair, booth, posting).
async fn fair_with_booth(app: &TestApp) -> (i64, i64, i64) {
    let (admin, at) = app.login_as("admin").await;
    let fair_id = open_fair(app, &admin, &at, "测试见面会").await;
    let (hr, ht) = app.login_as("hr").await;
    let resp = app.post_form(&hr, &ht, &format!("/fairs/{fair_id}/booths"), &[("category", "新材料"), ("note", "需要电源")]).await;
    assert_eq!(resp.status(), 303);
    let booth = booth_of(app, fair_id, HR_ORG).await;
    assert_eq!(booth.status, "pending");
    let resp = app.post_form(&admin, &at, &format!("/fairs/{fair_id}/booths/{}/review", booth.id), &[("decision", "approve")]).await;
    assert_eq!(resp.status(), 303);
    let posting = postings_of(app, HR_ORG, "published").await[0];
    let resp = app.post_form(&hr, &ht, &format!("/fairs/{fair_id}/booths/{}/postings", booth.id), &[("posting_id", &posting.to_string())]).await;
    assert_eq!(resp.status(), 303);
    (fair_id, booth.id, posting)
}

dual_db_test!(staff_create_a_fair_and_approve_a_booth_that_brings_only_its_own_published_postings, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, at) = app.login_as("admin").await;
    // A bad form names each field.
    let resp = app.post_form(&admin, &at, "/fairs", &[("title", ""), ("theme", "x"), ("fair_date", "2026-13-01"), ("venue", "v"), ("categories", ""), ("booth_capacity", "0"), ("capacity", "10")]).await;
    assert_eq!(resp.status(), 422);
    let html = resp.text().await.unwrap();
    for msg in ["名称不能为空", "日期“2026-13-01”无效", "至少填写一个展位类别", "展位数须为1到1000之间的整数"] {
        assert!(html.contains(msg), "{msg}");
    }
    // The renshe liaison (人社中心) may run fairs too.
    let (renshe, rt) = app.login_as("renshe").await;
    let fair_id = open_fair(&app, &renshe, &rt, "人社中心春季见面会").await;
    let page = app.text(&format!("/fairs/{fair_id}")).await;
    assert!(page.contains("人社中心春季见面会") && page.contains("data-testid=\"fair-qr\"><svg"), "public page with its QR code");
    assert_eq!(count_where(&app, "audit_log", &format!("entity = 'fair' AND entity_id = '{fair_id}'")).await, 2, "created and opened, audited");

    let (hr, ht) = app.login_as("hr").await;
    // A category the fair does not have is refused.
    let resp = app.post_form(&hr, &ht, &format!("/fairs/{fair_id}/booths"), &[("category", "金融")]).await;
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("展位类别“金融”不在本场的类别中"));
    assert_eq!(app.post_form(&hr, &ht, &format!("/fairs/{fair_id}/booths"), &[("category", "新材料")]).await.status(), 303);
    // Once per enterprise.
    let resp = app.post_form(&hr, &ht, &format!("/fairs/{fair_id}/booths"), &[("category", "生物医药")]).await;
    assert_eq!(resp.status(), 409);
    assert!(resp.text().await.unwrap().contains("本企业已报名该见面会的展位"));
    let booth = booth_of(&app, fair_id, HR_ORG).await;

    // HR cannot approve booths (not even its own); nothing changes.
    let resp = app.post_form(&hr, &ht, &format!("/fairs/{fair_id}/booths/{}/review", booth.id), &[("decision", "approve")]).await;
    assert_eq!(resp.status(), 403);
    assert_eq!(booth_of(&app, fair_id, HR_ORG).await.status, "pending");
    // Attaching before approval is refused.
    let own = postings_of(&app, HR_ORG, "published").await;
    let resp = app.post_form(&hr, &ht, &format!("/fairs/{fair_id}/booths/{}/postings", booth.id), &[("posting_id", &own[0].to_string())]).await;
    assert_eq!(resp.status(), 409);
    // Refusing needs a reason.
    let resp = app.post_form(&renshe, &rt, &format!("/fairs/{fair_id}/booths/{}/review", booth.id), &[("decision", "refuse")]).await;
    assert_eq!(resp.status(), 422);
    let resp = app.post_form(&renshe, &rt, &format!("/fairs/{fair_id}/booths/{}/review", booth.id), &[("decision", "approve")]).await;
    assert_eq!(resp.status(), 303);
    let approved = booth_of(&app, fair_id, HR_ORG).await;
    assert_eq!((approved.status.as_str(), approved.booth_no), ("approved", Some(1)));
    assert_eq!(count_where(&app, "audit_log", &format!("action = 'approve_booth' AND entity_id = '{}'", booth.id)).await, 1);

    // Own published posting: attached. Another enterprise's, or an own draft: refused, nothing added.
    let path = format!("/fairs/{fair_id}/booths/{}/postings", booth.id);
    assert_eq!(app.post_form(&hr, &ht, &path, &[("posting_id", &own[0].to_string())]).await.status(), 303);
    assert_eq!(count_where(&app, "fair_booth_postings", &format!("booth_id = {}", booth.id)).await, 1);
    let others = postings_of(&app, "淄博康华制药有限公司（示例）", "published").await;
    let resp = app.post_form(&hr, &ht, &path, &[("posting_id", &others[0].to_string())]).await;
    assert_eq!(resp.status(), 400);
    assert!(resp.text().await.unwrap().contains("只能关联本企业的岗位"));
    let draft = postings_of(&app, HR_ORG, "draft").await[0];
    let resp = app.post_form(&hr, &ht, &path, &[("posting_id", &draft.to_string())]).await;
    assert_eq!(resp.status(), 400);
    assert!(resp.text().await.unwrap().contains("只能关联已发布的岗位"));
    let resp = app.post_form(&hr, &ht, &path, &[("posting_id", &own[0].to_string())]).await;
    assert_eq!(resp.status(), 409, "the same posting twice");
    assert_eq!(count_where(&app, "fair_booth_postings", &format!("booth_id = {}", booth.id)).await, 1);
    // Everyone sees the approved booth and its posting on the public page.
    let page = app.text(&format!("/fairs/{fair_id}")).await;
    assert!(page.contains(HR_ORG));
});

dual_db_test!(the_door_checks_a_good_code_in_once_and_refuses_used_foreign_and_forged_codes, |app: TestApp| async move {
    app.load_demo().await;
    let (fair_id, _, _) = fair_with_booth(&app).await;
    let code = sign_up_and_read_code(&app, "student", fair_id).await;
    assert!(code.starts_with(&format!("ZJF2.{fair_id}.")), "{code}");
    // A second sign-up is refused.
    let (student, st) = app.login_as("student").await;
    assert_eq!(app.post_form(&student, &st, &format!("/fairs/{fair_id}/signup"), &[]).await.status(), 409);
    // A code for another fair, signed by this server.
    let (admin, at) = app.login_as("admin").await;
    let other_fair = open_fair(&app, &admin, &at, "另一场见面会").await;
    let other_code = sign_up_and_read_code(&app, "student", other_fair).await;

    let checkin = format!("/fairs/{fair_id}/checkin");
    let checkins = || app.count("fair_checkins");
    let audits = || count_where(&app, "audit_log", "action = 'check_in'");
    let parts: Vec<&str> = code.split('.').collect();
    let refusals: Vec<(String, u16, &str)> = vec![
        (String::new(), 400, "请扫描或输入签到码"),
        ("hello".into(), 400, "签到码格式不正确"),
        (format!("ZJF2.{fair_id}"), 400, "签到码格式不正确"),
        // The signature of one sign-up moved onto another.
        (format!("ZJF2.{fair_id}.{}.{}", parts[2].parse::<i64>().unwrap() + 1, parts[3]), 400, "签名不符"),
        // Signed with another key.
        (zhijiao_domain::fair_offline::sign_code(&[9; 32], fair_id, parts[2].parse().unwrap()), 400, "签名不符"),
        // The code of the HMAC scheme before Ed25519 is no longer taken.
        (zhijiao_domain::fairs::sign_code(b"not-the-server-key-0123456789abc", fair_id, parts[2].parse().unwrap()), 400, "签到码格式不正确"),
        (other_code.clone(), 409, "该签到码属于“另一场见面会”"),
    ];
    for (presented, status, message) in &refusals {
        let resp = app.post_form(&admin, &at, &checkin, &[("code", presented)]).await;
        assert_eq!(resp.status(), *status, "{presented:?}");
        let html = resp.text().await.unwrap();
        assert!(html.contains(message), "{presented:?} → {message}");
        assert!(html.contains("data-testid=\"checkin-refused\""));
        assert_eq!((checkins().await, audits().await), (0, 0), "nothing recorded for {presented:?}");
    }
    // A student, a school or an HR cannot check people in.
    for who in ["student", "school", "hr"] {
        let (c, t) = app.login_as(who).await;
        assert_eq!(app.post_form(&c, &t, &checkin, &[("code", &code)]).await.status(), 403, "{who}");
    }
    assert_eq!(checkins().await, 0);

    // The good code, with the blanks a scanner may add.
    let resp = app.post_form(&admin, &at, &checkin, &[("code", &format!(" {code}\n"))]).await;
    assert_eq!(resp.status(), 200);
    let html = resp.text().await.unwrap();
    assert!(html.contains("data-testid=\"checkin-ok\""), "{html}");
    assert!(html.contains("中德莱茵智能科技学校"));
    let reg = {
        let u = user::Entity::find().filter(user::Column::Username.eq("student")).one(&app.db).await.unwrap().unwrap();
        let p = zhijiao::entity::student_profile::Entity::find_by_id(u.id).one(&app.db).await.unwrap().unwrap();
        zhijiao::entity::student::Entity::find_by_id(p.student_id.unwrap()).one(&app.db).await.unwrap().unwrap()
    };
    assert!(html.contains(&reg.name), "the student's name");
    assert!(!html.contains(&reg.id_number), "the 身份证号 is masked");
    assert!(html.contains(&format!("{}********{}", &reg.id_number[..6], &reg.id_number[14..])));
    assert!(!html.contains(reg.phone.as_deref().unwrap()), "the phone is masked");
    assert_eq!((checkins().await, audits().await), (1, 1));

    // Used: refused, still one row.
    let resp = app.post_form(&admin, &at, &checkin, &[("code", &code)]).await;
    assert_eq!(resp.status(), 409);
    let html = resp.text().await.unwrap();
    assert!(html.contains("已于") && html.contains("使用过，不能重复签到"), "{html}");
    assert_eq!((checkins().await, audits().await), (1, 1));
    // The student's page shows the code as used.
    let html = student.get(app.url(&format!("/fairs/{fair_id}/code"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"my-code-used\""));
    // A closed fair accepts no check-ins, even of good codes.
    for to in ["held", "closed"] {
        assert_eq!(app.post_form(&admin, &at, &format!("/fairs/{other_fair}/status"), &[("status", to)]).await.status(), 303);
    }
    let resp = app.post_form(&admin, &at, &format!("/fairs/{other_fair}/checkin"), &[("code", &other_code)]).await;
    assert_eq!(resp.status(), 409);
    assert_eq!(checkins().await, 1);
});

dual_db_test!(the_figures_count_attendance_and_the_funnel_per_enterprise_and_school_and_export_them, |app: TestApp| async move {
    app.load_demo().await;
    let (fair_id, _, posting) = fair_with_booth(&app).await;
    // 中德莱茵's demo student signs up and is checked in; a student of another school
    // signs up and stays away.
    let code = sign_up_and_read_code(&app, "student", fair_id).await;
    sign_up_and_read_code(&app, "fairstu3", fair_id).await;
    let (admin, at) = app.login_as("admin").await;
    assert_eq!(app.post_form(&admin, &at, &format!("/fairs/{fair_id}/checkin"), &[("code", &code)]).await.status(), 200);
    // After signing up, both apply to the booth's posting and the demo student to another
    // posting not at the fair (not counted); HR takes the demo student to an offer.
    let mut app_ids = Vec::new();
    for who in ["student", "fairstu3"] {
        let (c, t) = app.login_as(who).await;
        assert_eq!(app.post_form(&c, &t, &format!("/postings/{posting}/apply"), &[]).await.status(), 303);
        let u = user::Entity::find().filter(user::Column::Username.eq(who)).one(&app.db).await.unwrap().unwrap();
        let a = zhijiao::entity::application::Entity::find()
            .filter(zhijiao::entity::application::Column::StudentUserId.eq(u.id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        app_ids.push(a.id);
    }
    let elsewhere = postings_of(&app, "淄博康华制药有限公司（示例）", "published").await[0];
    let (student, st) = app.login_as("student").await;
    assert_eq!(app.post_form(&student, &st, &format!("/postings/{elsewhere}/apply"), &[]).await.status(), 303);
    let (hr, ht) = app.login_as("hr").await;
    for to in ["interview", "offer"] {
        assert_eq!(app.post_form(&hr, &ht, &format!("/applications/{}/status", app_ids[0]), &[("status", to)]).await.status(), 303);
    }
    assert_eq!(app.post_form(&hr, &ht, &format!("/applications/{}/status", app_ids[1]), &[("status", "rejected")]).await.status(), 303);

    let html = admin.get(app.url(&format!("/fairs/{fair_id}/stats"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"total-signed-up\">2<"), "signed up");
    assert!(html.contains("data-testid=\"total-checked-in\">1<"), "checked in");
    assert!(html.contains("data-testid=\"total-resumes\">2<"), "résumés");

    let bytes = admin.get(app.url(&format!("/fairs/{fair_id}/stats.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(wb.sheet_names(), vec!["按企业".to_string(), "按学校".to_string()]);
    let rows = |wb: &mut Xlsx<std::io::Cursor<Vec<u8>>>, sheet: &str| -> Vec<Vec<String>> {
        wb.worksheet_range(sheet).unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    };
    let enterprises = rows(&mut wb, "按企业");
    assert_eq!(enterprises[0], ["展位号", "企业", "类别", "关联岗位数", "收到简历", "面试", "录用意向", "已录用"]);
    assert_eq!(enterprises[1..], [vec!["1", HR_ORG, "新材料", "1", "2", "1", "1", "0"]]);
    let schools = rows(&mut wb, "按学校");
    assert_eq!(schools[0], ["学校", "报名人数", "签到人数", "到场率", "投递简历", "面试", "录用意向", "已录用"]);
    let second_school = {
        let u = user::Entity::find().filter(user::Column::Username.eq("fairstu3")).one(&app.db).await.unwrap().unwrap();
        zhijiao::entity::organization::Entity::find_by_id(u.org_id).one(&app.db).await.unwrap().unwrap().name
    };
    let mut body = schools[1..].to_vec();
    body.sort();
    let mut expected = vec![
        vec!["中德莱茵智能科技学校".to_string(), "1".into(), "1".into(), "100.0%".into(), "1".into(), "1".into(), "1".into(), "0".into()],
        vec![second_school.clone(), "1".into(), "0".into(), "0.0%".into(), "1".into(), "0".into(), "0".into(), "0".into()],
        vec!["合计".into(), "2".into(), "1".into(), "50.0%".into(), "2".into(), "1".into(), "1".into(), "0".into()],
    ];
    expected.sort();
    assert_eq!(body, expected);

    // The school sees its own row only; HR its own enterprise; the sign-up list is masked.
    let (school, _) = app.login_as("school").await;
    let html = school.get(app.url(&format!("/fairs/{fair_id}/stats"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("中德莱茵智能科技学校") && !html.contains(&second_school));
    let html = school.get(app.url(&format!("/fairs/{fair_id}/signups"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"total\">") && !html.contains(&second_school));
    let html = hr.get(app.url(&format!("/fairs/{fair_id}/stats"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(HR_ORG) && !html.contains("data-testid=\"fair-totals\""));
    // Every list exports: the sign-up list, the booths and the fairs.
    let bytes = admin.get(app.url(&format!("/fairs/{fair_id}/signups.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let mut seen = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, cells| seen.push(cells)).unwrap();
    assert_eq!(seen[0], ["姓名", "学校", "身份证号", "手机号", "报名时间", "签到时间"]);
    assert_eq!(seen.len(), 3);
    assert!(seen[1..].iter().all(|r| r[2].contains("********")), "masked in the export too");
    assert_eq!(seen.iter().filter(|r| r.len() > 5 && !r[5].is_empty()).count(), 2, "header + one checked in");
    let bytes = admin.get(app.url(&format!("/fairs/{fair_id}/booths.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let mut seen = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, cells| seen.push(cells)).unwrap();
    assert_eq!(seen[1][..4], ["1".to_string(), HR_ORG.to_string(), "新材料".into(), "已通过".into()]);
    let bytes = app.get("/fairs/export.xlsx").await.bytes().await.unwrap();
    let mut seen = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, cells| seen.push(cells)).unwrap();
    assert!(seen.iter().any(|r| r[0] == "高新区2026年秋季生物医药专场供需见面会"), "the demo fair is listed");
    assert!(seen.iter().any(|r| r[0] == "测试见面会"));
});

dual_db_test!(the_demo_holds_an_open_biomedicine_fair_and_a_visit, |app: TestApp| async move {
    app.load_demo().await;
    let f = fair::Entity::find().filter(fair::Column::IsDemo.eq(true)).one(&app.db).await.unwrap().expect("demo fair");
    assert_eq!((f.title.as_str(), f.status.as_str()), ("高新区2026年秋季生物医药专场供需见面会", "open"));
    assert!(count_where(&app, "fair_booths", &format!("fair_id = {} AND status = 'approved'", f.id)).await >= 5);
    assert!(app.count("fair_booth_postings").await >= 5);
    assert_eq!(count_where(&app, "fair_signups", &format!("fair_id = {}", f.id)).await, 6);
    assert_eq!(app.count("visits").await, 1);
    // Each role's home links to the fairs.
    for who in ["admin", "renshe", "school", "teacher", "hr", "student"] {
        let (c, _) = app.login_as(who).await;
        let home = c.get(app.url("/")).send().await.unwrap().text().await.unwrap();
        assert!(home.contains("href=\"/fairs\""), "{who}");
    }
    assert!(app.text("/").await.contains("href=\"/fairs\""), "the public portal");
});

dual_db_test!(a_school_organises_a_visit_that_only_it_the_enterprise_and_the_district_see, |app: TestApp| async move {
    app.load_demo().await;
    let (school, sc) = app.login_as("school").await;
    let hr_org = app.org_id(HR_ORG).await;
    let resp = app.post_form(&school, &sc, "/visits", &[("enterprise_org_id", ""), ("visit_date", "x"), ("theme", ""), ("capacity", "0")]).await;
    assert_eq!(resp.status(), 422);
    let html = resp.text().await.unwrap();
    assert!(html.contains("请选择一家已通过审核的企业") && html.contains("主题不能为空") && html.contains("名额须为1到1000之间的整数"));
    let resp = app
        .post_form(&school, &sc, "/visits", &[("enterprise_org_id", &hr_org.to_string()), ("visit_date", "2026-12-20"), ("theme", "走进先进陶瓷车间"), ("capacity", "2")])
        .await;
    assert_eq!(resp.status(), 303);
    let visit: i64 = location(&resp).trim_start_matches("/visits/").parse().unwrap();
    let path = format!("/visits/{visit}");
    // The school's student and teacher sign up; the places are then taken.
    for who in ["student", "teacher"] {
        let (c, t) = app.login_as(who).await;
        assert_eq!(app.post_form(&c, &t, &format!("{path}/signup"), &[]).await.status(), 303, "{who}");
    }
    let resp = app.post_form(&school, &sc, &format!("{path}/signup"), &[]).await;
    assert_eq!(resp.status(), 409);
    assert!(resp.text().await.unwrap().contains("名额已满"));
    // Who sees it: the school, the enterprise visited, the district; not another school's
    // student, not another enterprise.
    let (hr, _) = app.login_as("hr").await;
    assert_eq!(hr.get(app.url(&path)).send().await.unwrap().status(), 200);
    let (renshe, _) = app.login_as("renshe").await;
    assert_eq!(renshe.get(app.url(&path)).send().await.unwrap().status(), 200);
    let (elsewhere, et) = app.login_as("fairstu3").await;
    assert_eq!(elsewhere.get(app.url(&path)).send().await.unwrap().status(), 404);
    assert_eq!(elsewhere.get(app.url(&format!("{path}/signups.xlsx"))).send().await.unwrap().status(), 404);
    assert!(!elsewhere.get(app.url("/visits")).send().await.unwrap().text().await.unwrap().contains("走进先进陶瓷车间"));
    assert_eq!(app.post_form(&elsewhere, &et, &format!("{path}/signup"), &[]).await.status(), 404);
    // The demo visit goes to another enterprise: the demo HR does not see it.
    let demo_visit = zhijiao::entity::visit::Entity::find().filter(zhijiao::entity::visit::Column::IsDemo.eq(true)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(hr.get(app.url(&format!("/visits/{}", demo_visit.id))).send().await.unwrap().status(), 404);
    let hr_list = hr.get(app.url("/visits")).send().await.unwrap().text().await.unwrap();
    assert!(hr_list.contains("走进先进陶瓷车间") && !hr_list.contains(&demo_visit.theme));

    // The record: the student was there, the teacher not; 3 came in all.
    let signups = zhijiao::entity::visit_signup::Entity::find()
        .filter(zhijiao::entity::visit_signup::Column::VisitId.eq(visit))
        .order_by_asc(zhijiao::entity::visit_signup::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let (hr_c, hr_t) = app.login_as("hr").await;
    assert_eq!(app.post_form(&hr_c, &hr_t, &format!("{path}/record"), &[("summary", "x")]).await.status(), 403, "only the school records");
    let too_few = app.post_form(&school, &sc, &format!("{path}/record"), &[("summary", "参观了烧成车间"), ("attended_count", "0"), ("present", &signups[0].id.to_string())]).await;
    assert_eq!(too_few.status(), 422);
    let resp = app
        .post_form(&school, &sc, &format!("{path}/record"), &[("summary", "参观了烧成车间和检测中心"), ("attended_count", "3"), ("present", &signups[0].id.to_string())])
        .await;
    assert_eq!(resp.status(), 303);
    let v = zhijiao::entity::visit::Entity::find_by_id(visit).one(&app.db).await.unwrap().unwrap();
    assert_eq!((v.status.as_str(), v.attended_count), ("recorded", Some(3)));
    assert_eq!(count_where(&app, "audit_log", &format!("entity = 'visit' AND entity_id = '{visit}' AND action = 'record'")).await, 1);

    let bytes = school.get(app.url(&format!("{path}/signups.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let mut seen = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, cells| seen.push(cells)).unwrap();
    assert_eq!(seen[0], ["姓名", "身份", "班级", "报名时间", "是否到场"]);
    assert_eq!((seen[1][1].as_str(), seen[1][4].as_str()), ("学生", "到场"));
    assert_eq!((seen[2][1].as_str(), seen[2][4].as_str()), ("教师", "未到"));
    let bytes = school.get(app.url("/visits/export.xlsx")).send().await.unwrap().bytes().await.unwrap();
    let mut seen = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, cells| seen.push(cells)).unwrap();
    let row = seen.iter().find(|r| r[3] == "走进先进陶瓷车间").expect("the visit in the export");
    assert_eq!((row[1].as_str(), row[2].as_str(), row[6].as_str(), row[7].as_str()), ("中德莱茵智能科技学校", HR_ORG, "已记录", "3"));
    assert!(row[8].contains("检测中心"));
});
