//! Majors, second part (issue 10): 纵向贯通 pathways with their alignment view and the
//! student's ladder, specialty groups edited by name, teachers and training rooms per
//! major on the map, the district's versioned warning thresholds, attachments of the
//! 第九条 checklist (uploaded by the school, downloaded by the school and the district
//! only), and the map's demand not rebuilt from stale data.

mod common;

use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use zhijiao::entity::{major_pathway, major_resource, school_major, specialty_group};

const RHEIN: &str = "中德莱茵智能科技学校";
const INFO: &str = "淄博信息工程学校（示例）";

/// A school administrator of 淄博信息工程学校, signed in.
async fn other_school_admin(app: &TestApp, username: &str) -> (reqwest::Client, String) {
    let org_id = app.org_id(INFO).await;
    zhijiao::areas::account::add_user(
        &app.db,
        &zhijiao::auth::Ctx::system(),
        zhijiao::config::PasswordCost::Test,
        zhijiao::areas::account::NewUser {
            username,
            display_name: username,
            password: zhijiao::demo::DEMO_PASSWORD,
            org_id,
            roles: &[zhijiao::roles::Role::SchoolAdmin],
        },
    )
    .await
    .unwrap();
    app.login_as(username).await
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers().get("location").unwrap_or_else(|| panic!("redirect expected, got {}", resp.status())).to_str().unwrap().to_string()
}

dual_db_test!(pathways_of_each_kind_show_their_alignment_and_the_ladder, |app: TestApp| async move {
    app.load_demo().await;
    // Public: anyone reads the pathways, their courses and the ladder.
    let list: serde_json::Value = app.get("/api/v1/majors/pathways").await.json().await.unwrap();
    let kinds: std::collections::BTreeSet<&str> = list.as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["five_year", "three_four", "three_two"].into_iter().collect());
    let three_two = list.as_array().unwrap().iter().find(|p| p["kind"] == "three_two").unwrap().clone();
    assert_eq!(three_two["school"], RHEIN);
    assert_eq!(three_two["classes"], "自动化类 → 自动化类");
    let d: serde_json::Value = app.get(&format!("/api/v1/majors/pathways/{}", three_two["id"])).await.json().await.unwrap();
    let repeated: Vec<&str> = d["alignment"]["repeated"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(repeated, vec!["PLC 应用技术"]);
    let unprepared: Vec<(&str, &str)> =
        d["alignment"]["unprepared"].as_array().unwrap().iter().map(|u| (u["course"].as_str().unwrap(), u["topic"].as_str().unwrap())).collect();
    assert_eq!(unprepared, vec![("工业网络与组态技术", "工业以太网基础")]);
    let lower_hours: i64 = d["lower_courses"].as_array().unwrap().iter().map(|c| c["hours"].as_i64().unwrap()).sum();
    assert_eq!(d["alignment"]["lower_hours"].as_i64().unwrap(), lower_hours);
    let page = app.text(&format!("/majors/pathways/{}", three_two["id"])).await;
    assert!(page.contains("重复开设") && page.contains("缺少前置课程") && page.contains("工业以太网基础"));
    let page = app.text("/majors/pathways").await;
    for zh in ["3+2 中高职贯通", "五年一贯制", "3+4 中职与本科贯通"] {
        assert!(page.contains(zh), "{zh}");
    }
    // The ladder: 660301 → occupations of the crosswalk → upper-level majors; the zone's pathway.
    let l: serde_json::Value = app.get("/api/v1/majors/ladder?major=660301").await.json().await.unwrap();
    let steps = l["steps"].as_array().unwrap();
    assert!(!steps.is_empty());
    assert!(steps.iter().any(|s| s["upper_majors"].as_array().unwrap().iter().any(|m| m.as_str().unwrap().contains("专科"))), "{steps:?}");
    assert!(l["pathways"].as_array().unwrap().iter().any(|p| p["id"] == three_two["id"]));
    let resp = app.get("/api/v1/majors/ladder?major=999999").await;
    assert_eq!(resp.status(), 422);
    assert!(app.text("/majors/ladder?major=660301").await.contains("成长阶梯"));
});

dual_db_test!(pathways_are_created_with_related_classes_only, |app: TestApp| async move {
    app.load_demo().await;
    let rhein = app.org_id(RHEIN).await;
    let info = app.org_id(INFO).await;
    let (admin, at) = app.login_as("admin").await;
    let (school, st) = app.login_as("school").await;
    let before = app.count("major_pathways").await;
    let audit_before = app.count("audit_log").await;
    let rhein_s = rhein.to_string();
    let form = |kind: &'static str, upper: &'static str, org: &str| -> Vec<(&'static str, String)> {
        vec![
            ("kind", kind.into()),
            ("org_id", org.into()),
            ("partner_school", "淄博职业学院（示例）".into()),
            ("lower_major_code", "660301".into()),
            ("upper_major_code", upper.into()),
            ("start_year", "2027".into()),
            ("cohort_size", "40".into()),
        ]
    };
    let post = |c: &reqwest::Client, t: &str, f: Vec<(&'static str, String)>| {
        let mut f = f;
        f.push(("_csrf", t.to_string()));
        c.post(app.url("/majors/pathways")).form(&f).send()
    };
    // Unrelated class (自动化类 → 计算机类), wrong level for 3+4, a major the school does not offer: refused, nothing written.
    let resp = post(&admin, &at, form("three_two", "510201", &rhein_s)).await.unwrap();
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("不是相同或相近的专业类"));
    let resp = post(&admin, &at, form("three_four", "460303", &rhein_s)).await.unwrap();
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("本科"));
    let resp = post(&admin, &at, form("three_two", "460303", &info.to_string())).await.unwrap();
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("该学校未开设所选中职专业"));
    let mut bad = form("three_two", "460303", &rhein_s);
    bad[6] = ("cohort_size", "0".into());
    assert_eq!(post(&admin, &at, bad).await.unwrap().status(), 422);
    assert_eq!(app.count("major_pathways").await, before);
    assert_eq!(app.count("audit_log").await, audit_before);
    // Good: the district for a school; a school for itself (the org it names is ignored).
    let resp = post(&admin, &at, form("three_two", "460303", &rhein_s)).await.unwrap();
    assert_eq!(resp.status(), 303);
    let resp = post(&school, &st, form("three_four", "260301", &info.to_string())).await.unwrap();
    assert_eq!(resp.status(), 303);
    let id: i64 = location(&resp).trim_start_matches("/majors/pathways/").parse().unwrap();
    let p = major_pathway::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((p.org_id, p.upper_level.as_str(), p.upper_major_code.as_str(), p.cohort_size), (rhein, "bachelor", "260301", 40));
    assert_eq!(app.count(&format!("audit_log WHERE entity = 'major_pathway' AND entity_id = '{id}'")).await, 1);

    // Courses: an upper course whose prerequisite nothing below teaches is flagged.
    let course = |stage: &str, name: &str, hours: &str, outcomes: &str, pre: &str| {
        vec![("stage", stage.to_string()), ("name", name.into()), ("hours", hours.into()), ("outcomes", outcomes.into()), ("prerequisites", pre.into()), ("_csrf", st.clone())]
    };
    let url = app.url(&format!("/majors/pathways/{id}/courses"));
    assert_eq!(school.post(&url).form(&course("lower", "电工基础", "96", "交流电路", "")).send().await.unwrap().status(), 303);
    assert_eq!(school.post(&url).form(&course("upper", "电机控制", "64", "", "交流电路；电力电子")).send().await.unwrap().status(), 303);
    let resp = school.post(&url).form(&course("upper", "x", "99999", "", "")).send().await.unwrap();
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("学时"));
    let d: serde_json::Value = app.get(&format!("/api/v1/majors/pathways/{id}")).await.json().await.unwrap();
    let topics: Vec<&str> = d["alignment"]["unprepared"].as_array().unwrap().iter().map(|u| u["topic"].as_str().unwrap()).collect();
    assert_eq!(topics, vec!["电力电子"]);
    // Another school's administrator may not write this school's pathway.
    let (oc, ot) = other_school_admin(&app, "info_admin").await;
    let mut f = course("lower", "y", "10", "", "");
    f.pop();
    f.push(("_csrf", ot));
    assert_eq!(oc.post(&url).form(&f).send().await.unwrap().status(), 403);
});

dual_db_test!(a_school_keeps_its_groups_and_resources_by_name, |app: TestApp| async move {
    app.load_demo().await;
    let rhein = app.org_id(RHEIN).await;
    let (school, st) = app.login_as("school").await;
    let before = app.count("specialty_groups").await;
    let post = |path: &str, f: &[(&str, &str)]| {
        let mut f = f.to_vec();
        f.push(("_csrf", &st));
        school.post(app.url(path)).form(&f).send()
    };
    // No chain, a core major the school does not offer: refused.
    let resp = post("/majors/groups", &[("name", "工业互联网专业群"), ("core_major_code", "660303")]).await.unwrap();
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("请选择专业群对接的产业链"));
    let resp = post("/majors/groups", &[("name", "x"), ("chain", "智能制造"), ("core_major_code", "710103")]).await.unwrap();
    assert_eq!(resp.status(), 422);
    assert_eq!(app.count("specialty_groups").await, before);
    // The form offers the school's majors and the chains by name.
    let page = school.get(app.url("/majors/groups")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("660303 工业机器人技术应用") && page.contains("智能制造"));
    // Good: core + a related major (picked twice: once).
    let resp = post("/majors/groups", &[("name", "工业机器人专业群"), ("chain", "智能制造"), ("core_major_code", "660303"), ("members", "710201"), ("members", "710201")]).await.unwrap();
    assert_eq!(resp.status(), 303);
    let id: i64 = location(&resp).trim_start_matches("/majors/groups/").parse().unwrap();
    let in_group = |code: &'static str| {
        let db = app.db.clone();
        async move {
            school_major::Entity::find().filter(school_major::Column::OrgId.eq(rhein)).filter(school_major::Column::MajorCode.eq(code)).one(&db).await.unwrap().unwrap().group_id
        }
    };
    assert_eq!(in_group("660303").await, Some(id));
    assert_eq!(in_group("710201").await, Some(id));
    // Edit: 710201 leaves, the name changes.
    let resp = post(&format!("/majors/groups/{id}"), &[("name", "工业机器人应用专业群"), ("chain", "智能制造"), ("core_major_code", "660303")]).await.unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(in_group("710201").await, None);
    assert_eq!(specialty_group::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().name, "工业机器人应用专业群");
    let (admin, _) = app.login_as("admin").await;
    let map: serde_json::Value = admin.get(app.url("/api/v1/majors/map")).send().await.unwrap().json().await.unwrap();
    assert!(map["groups"].as_array().unwrap().iter().any(|g| g["name"] == "工业机器人应用专业群" && g["school"] == RHEIN));
    // Another school's group is not there for this school.
    let info = app.org_id(INFO).await;
    let other = specialty_group::Entity::find().filter(specialty_group::Column::OrgId.eq(info)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(school.get(app.url(&format!("/majors/groups/{}", other.id))).send().await.unwrap().status(), 404);
    assert_eq!(post(&format!("/majors/groups/{}", other.id), &[("name", "x")]).await.unwrap().status(), 404);

    // Teachers and rooms per major, shown on the map's cell.
    let before = app.count("major_resources").await;
    let resp = post("/majors/resources", &[("major_code", "660303"), ("kind", "room"), ("name", "协作机器人实训室"), ("amount", "0")]).await.unwrap();
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("工位数"));
    assert_eq!(post("/majors/resources", &[("major_code", "710103"), ("kind", "teacher"), ("name", "赵敏")]).await.unwrap().status(), 422);
    assert_eq!(app.count("major_resources").await, before);
    assert_eq!(post("/majors/resources", &[("major_code", "660303"), ("kind", "teacher"), ("name", "赵敏"), ("detail", "双师型")]).await.unwrap().status(), 303);
    let map: serde_json::Value = admin.get(app.url("/api/v1/majors/map")).send().await.unwrap().json().await.unwrap();
    let col = map["schools"].as_array().unwrap().iter().position(|s| s["name"] == RHEIN).unwrap();
    let row = map["rows"].as_array().unwrap().iter().find(|r| r["major_code"] == "660303").unwrap();
    let cell = &row["cells"][col];
    assert!(cell["teachers"].as_array().unwrap().iter().any(|t| t == "赵敏（双师型）"), "{cell}");
    assert!(cell["rooms"].as_array().unwrap().iter().any(|t| t.as_str().unwrap().contains("工业机器人实训室")));
    // Deleting another school's resource: not found; its own: gone.
    let other_res = major_resource::Entity::find().filter(major_resource::Column::OrgId.eq(info)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(post(&format!("/majors/resources/{}/delete", other_res.id), &[]).await.unwrap().status(), 404);
    let mine = major_resource::Entity::find().filter(major_resource::Column::Name.eq("赵敏")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(post(&format!("/majors/resources/{}/delete", mine.id), &[]).await.unwrap().status(), 303);
    assert!(major_resource::Entity::find_by_id(mine.id).one(&app.db).await.unwrap().is_none());
});

dual_db_test!(the_district_versions_its_warning_thresholds, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, at) = app.login_as("admin").await;
    let map = || async {
        let v: serde_json::Value = admin.get(app.url("/api/v1/majors/map")).send().await.unwrap().json().await.unwrap();
        v
    };
    let m0 = map().await;
    assert!(m0["rules_version"].as_str().unwrap().contains("默认阈值"));
    let small = |m: &serde_json::Value| m["warnings"].as_array().unwrap().iter().filter(|w| w["rule"] == "size_cap").count();
    let small0 = small(&m0);
    assert!(small0 > 0);
    let form = |cap: &str| {
        vec![
            ("bottom_share_pct", "10".to_string()),
            ("consecutive_cohorts", "2".into()),
            ("saturation_pct", "50".into()),
            ("size_cap_secondary", cap.into()),
            ("size_cap_higher", "300".into()),
            ("dormant_years", "3".into()),
            ("shortage_min_stars", "4".into()),
            ("note", "按本区学校规模调整".into()),
            ("_csrf", at.clone()),
        ]
    };
    // Out of range: refused, nothing saved.
    let resp = admin.post(app.url("/majors/rules")).form(&form("-5")).send().await.unwrap();
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("中职专业在校生规模下限"));
    assert_eq!(app.count("major_rule_settings").await, 0);
    // A lower cap: a new version, fewer size warnings, the map names the version.
    assert_eq!(admin.post(app.url("/majors/rules")).form(&form("60")).send().await.unwrap().status(), 303);
    let m1 = map().await;
    assert!(m1["rules_version"].as_str().unwrap().contains("第1版"), "{}", m1["rules_version"]);
    assert!(small(&m1) < small0, "{} !< {small0}", small(&m1));
    assert_eq!(admin.post(app.url("/majors/rules")).form(&form("200")).send().await.unwrap().status(), 303);
    let m2 = map().await;
    assert!(m2["rules_version"].as_str().unwrap().contains("第2版"));
    assert_eq!(small(&m2), small0);
    assert_eq!(app.count("major_rule_settings").await, 2);
    assert_eq!(app.count("audit_log WHERE entity = 'major_rules'").await, 2);
    let page = admin.get(app.url("/majors/rules")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("按本区学校规模调整") && page.contains("第2版"));
    let (school, st) = app.login_as("school").await;
    let mut f = form("10");
    f.pop();
    f.push(("_csrf", st));
    assert_eq!(school.post(app.url("/majors/rules")).form(&f).send().await.unwrap().status(), 403);
});

dual_db_test!(checklist_attachments_reach_the_school_and_the_district_only, |app: TestApp| async move {
    app.load_demo().await;
    let (school, st) = app.login_as("school").await;
    let (admin, at) = app.login_as("admin").await;
    let fields = [
        ("kind", "new"),
        ("major_code", "660306"),
        ("length_years", "3"),
        ("reason", "区内智能产线企业用人需求大"),
        ("teaching_plan", "三年制"),
        ("teachers", "专任教师6人"),
        ("facilities", "实训中心1200平方米"),
        ("partners", "淄博莱茵智能制造有限公司（示例）"),
        ("_csrf", &st),
    ];
    let resp = school.post(app.url("/majors/filings")).form(&fields).send().await.unwrap();
    assert_eq!(resp.status(), 303);
    let id: i64 = location(&resp).trim_start_matches("/majors/filings/").parse().unwrap();
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let upload = |c: &reqwest::Client, t: &str, item: &str, name: &str, bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new().text("item", item.to_string()).part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
        c.post(app.url(&format!("/majors/filings/{id}/files?_csrf={t}"))).header("X-CSRF-Token", t).multipart(form).send()
    };
    let before = app.count("major_filing_files").await;
    // A type that is not evidence, an unknown item: refused, nothing stored.
    let resp = upload(&school, &st, "teachers", "list.exe", pdf.clone()).await.unwrap();
    assert_eq!(resp.status(), 422);
    assert!(resp.text().await.unwrap().contains("请上传"));
    assert_eq!(upload(&school, &st, "bogus", "a.pdf", pdf.clone()).await.unwrap().status(), 422);
    assert_eq!(app.count("major_filing_files").await, before);
    // The district does not upload for a school.
    assert_eq!(upload(&admin, &at, "teachers", "a.pdf", pdf.clone()).await.unwrap().status(), 403);
    // Good.
    assert_eq!(upload(&school, &st, "teachers", "师资名单.pdf", pdf.clone()).await.unwrap().status(), 303);
    let f = zhijiao::entity::major_filing_file::Entity::find().filter(zhijiao::entity::major_filing_file::Column::FilingId.eq(id)).one(&app.db).await.unwrap().unwrap();
    assert_eq!((f.item.as_str(), f.file_name.as_str(), f.size_bytes), ("teachers", "师资名单.pdf", pdf.len() as i64));
    assert_eq!(app.count(&format!("audit_log WHERE entity = 'major_filing' AND entity_id = '{id}' AND action = 'attach'")).await, 1);
    let page = admin.get(app.url(&format!("/majors/filings/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("师资名单.pdf"));
    // Downloads: the school and the district get the bytes; others not.
    for c in [&school, &admin] {
        let resp = c.get(app.url(&format!("/majors/files/{}", f.id))).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.bytes().await.unwrap().to_vec(), pdf);
    }
    for user in ["hr", "student", "teacher"] {
        let (c, _) = app.login_as(user).await;
        assert_eq!(c.get(app.url(&format!("/majors/files/{}", f.id))).send().await.unwrap().status(), 403, "{user}");
    }
    let (oc, _) = other_school_admin(&app, "info_admin").await;
    assert_eq!(oc.get(app.url(&format!("/majors/files/{}", f.id))).send().await.unwrap().status(), 404);
    assert_eq!(common::new_client().get(app.url(&format!("/majors/files/{}", f.id))).send().await.unwrap().status(), 303);
    // Once filed (备案), no more attachments.
    assert_eq!(admin.post(app.url(&format!("/majors/filings/{id}/review"))).form(&[("action", "approve"), ("_csrf", &at)]).send().await.unwrap().status(), 303);
    assert_eq!(upload(&school, &st, "partners", "协议.pdf", pdf.clone()).await.unwrap().status(), 409);
});

dual_db_test!(the_map_reads_fresh_demand_after_the_rollups_change, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, _) = app.login_as("admin").await;
    let postings = |m: &serde_json::Value| m["rows"].as_array().unwrap().iter().map(|r| r["postings"].as_u64().unwrap()).sum::<u64>();
    let m1: serde_json::Value = admin.get(app.url("/api/v1/majors/map")).send().await.unwrap().json().await.unwrap();
    assert!(postings(&m1) > 0, "the demo's postings name majors");
    assert!(zhijiao::areas::majors::demand_cache_len() > 0);
    let m2: serde_json::Value = admin.get(app.url("/api/v1/majors/map")).send().await.unwrap().json().await.unwrap();
    assert_eq!(m1["rows"], m2["rows"]);
    // The rollups emptied (as a rebuild would begin): the next map does not serve the old demand.
    use sea_orm::ConnectionTrait;
    app.db.execute_unprepared("DELETE FROM report_demand_rollup").await.unwrap();
    let m3: serde_json::Value = admin.get(app.url("/api/v1/majors/map")).send().await.unwrap().json().await.unwrap();
    assert_eq!(postings(&m3), 0);
});
