//! 产业人才需求信息报告 (issue 4): rollups kept in step with every write, the report page,
//! publication (immutable, public, downloadable), empty periods, the district's chains and
//! crosswalk, and the monthly schedule — on SQLite and PostgreSQL.

mod common;

use common::TestApp;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use zhijiao::areas::report::{self, rollup};
use zhijiao::auth::Ctx;
use zhijiao::entity::{posting, report_version, student, user};

async fn ctx_of(app: &TestApp, username: &str) -> Ctx {
    let u = user::Entity::find().filter(user::Column::Username.eq(username)).one(&app.db).await.unwrap().unwrap();
    let auth = zhijiao::auth::load_auth_user(&app.db, u.id).await.unwrap().unwrap();
    Ctx { user: Some(auth), locale: Default::default(), request_id: "test".into(), csrf_token: String::new() }
}

/// The rows that differ (a few), rather than two whole tables.
fn assert_same<K: Ord + std::fmt::Debug, V: PartialEq + std::fmt::Debug>(
    kept: &std::collections::BTreeMap<K, V>,
    fresh: &std::collections::BTreeMap<K, V>,
    when: &str,
    table: &str,
) {
    let keys: std::collections::BTreeSet<&K> = kept.keys().chain(fresh.keys()).collect();
    let diff: Vec<String> =
        keys.into_iter().filter(|k| kept.get(k) != fresh.get(k)).take(5).map(|k| format!("{k:?}: kept {:?}, recomputed {:?}", kept.get(k), fresh.get(k))).collect();
    assert!(diff.is_empty(), "{when}: {table} rollup differs from a recomputation:\n{}", diff.join("\n"));
}

/// Facts and rollups as maintained equal the ones recomputed from the raw rows.
async fn assert_rollups_consistent(app: &TestApp, when: &str) {
    let kept = rollup::load(&app.db).await.unwrap().without_zeros();
    let (facts, fresh) = rollup::recompute(&app.db).await.unwrap();
    let fresh = fresh.without_zeros();
    assert!(!fresh.is_empty(), "{when}: the data should give rollups");
    assert_same(&kept.demand, &fresh.demand, when, "demand");
    assert_same(&kept.skills, &fresh.skills, when, "skills");
    assert_same(&kept.applications, &fresh.applications, when, "applications");
    assert_same(&kept.supply, &fresh.supply, when, "supply");
    let mut stored = zhijiao::entity::report_posting_fact::Entity::find().all(&app.db).await.unwrap();
    stored.sort_by_key(|f| f.posting_id);
    let mut facts = facts;
    facts.sort_by_key(|f| f.posting_id);
    assert_eq!(stored, facts, "{when}: posting facts");
}

dual_db_test!(rollups_equal_a_recomputation_after_random_writes, |app: TestApp| async move {
    use zhijiao::areas::destinations::{self, DestinationInput};
    use zhijiao::areas::postings::{self, PostingInput, ReviewInput, applications};
    app.load_demo().await;
    assert_rollups_consistent(&app, "after the demo").await;
    let mut rng = StdRng::seed_from_u64(4);
    let admin = ctx_of(&app, "admin").await;
    let hr = ctx_of(&app, "hr").await;
    let school_ctx = ctx_of(&app, "school").await;
    let school = app.org_id("中德莱茵智能科技学校").await;

    // Applicants: students of the school with job-seeking profiles.
    let mut students: Vec<Ctx> = vec![ctx_of(&app, "student").await];
    for i in 0..4 {
        let name = format!("seeker{i}");
        zhijiao::areas::account::add_user(&app.db, &Ctx::system(), zhijiao::config::PasswordCost::Test, zhijiao::areas::account::NewUser {
            username: &name,
            display_name: &name,
            password: zhijiao::demo::DEMO_PASSWORD,
            org_id: school,
            roles: &[zhijiao::roles::Role::Student],
        })
        .await
        .unwrap();
        let c = ctx_of(&app, &name).await;
        applications::save_profile(&app.db, &c, &applications::ProfileInput { major_code: "660301".into(), graduation_year: Some("2027".into()), skills: Some("PLC编程".into()), opt_in_visible: None, ..Default::default() })
            .await
            .unwrap();
        students.push(c);
    }

    let titles = ["数控车工", "电工", "质检员", "注塑工"];
    let occupations = ["6-18-01-01", "6-31-01-03", "6-31-03-01", "6-14-02-00"];
    let kinds = ["fulltime", "order_class", "apprenticeship", "internship"];
    let exps = ["", "none", "lt1", "1_3", "3_5", "ge5"];
    let today = postings::today();
    let mut published: Vec<i64> = Vec::new();
    let mut apps: Vec<(i64, usize)> = Vec::new();
    let registered: Vec<String> = student::Entity::find()
        .filter(student::Column::OrgId.eq(school))
        .order_by_asc(student::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.student_no)
        .collect();
    for step in 0..60 {
        match rng.random_range(0..10) {
            // Publish a posting (titles repeat, so some are duplicates within the window).
            0..=3 => {
                let i = rng.random_range(0..titles.len());
                let input = PostingInput {
                    kind: kinds[rng.random_range(0..kinds.len())].into(),
                    title: titles[i].into(),
                    description: "负责生产现场工作，职业院校毕业生可报名。".into(),
                    occupation_code: Some(occupations[i].into()),
                    education_level: Some(["", "secondary", "associate"][rng.random_range(0..3)].into()),
                    experience: Some(exps[rng.random_range(0..exps.len())].into()),
                    headcount: if rng.random_bool(0.7) { Some(rng.random_range(1..9).to_string()) } else { None },
                    pay_min: if rng.random_bool(0.8) { Some(rng.random_range(2500..9000).to_string()) } else { None },
                    skills: Some(["PLC编程,电工证", "质量检验", "", "注塑成型,模具调试,质量检验"][rng.random_range(0..4)].into()),
                    majors: if rng.random_bool(0.5) { Some("660301".into()) } else { None },
                    deadline: if rng.random_bool(0.7) { Some((today + chrono::Duration::days(rng.random_range(1..200))).to_string()) } else { None },
                    ..Default::default()
                };
                let v = postings::create(&app.db, &hr, &input).await.unwrap();
                postings::submit(&app.db, &hr, v.id).await.unwrap();
                postings::review(&app.db, app.state.search_index.changes(), &admin, v.id, &ReviewInput { decision: "approve".into(), comment: None, override_reason: None }).await.unwrap();
                published.push(v.id);
            }
            // Close a published posting.
            4 if !published.is_empty() => {
                let id = published.swap_remove(rng.random_range(0..published.len()));
                postings::close(&app.db, app.state.search_index.changes(), if rng.random_bool(0.5) { &hr } else { &admin }, id).await.unwrap();
            }
            // Apply.
            5 | 6 if !published.is_empty() => {
                let id = published[rng.random_range(0..published.len())];
                let who = rng.random_range(0..students.len());
                if let Ok(aid) = applications::apply(&app.db, &students[who], id).await {
                    apps.push((aid, who));
                }
            }
            // Move an application along, or withdraw it.
            7 if !apps.is_empty() => {
                let (aid, who) = apps[rng.random_range(0..apps.len())];
                let _ = if rng.random_bool(0.2) {
                    applications::withdraw(&app.db, &students[who], aid).await
                } else {
                    applications::set_status(&app.db, &hr, aid, ["interview", "offer", "hired", "rejected"][rng.random_range(0..4)]).await
                };
            }
            // Record or replace a graduate's destination.
            _ => {
                let no = &registered[rng.random_range(0..registered.len().min(12))];
                let code = ["11", "11", "80", "70", "46"][rng.random_range(0..5)];
                let employed = code == "11";
                let input = DestinationInput {
                    student_no: no.clone(),
                    graduation_year: "2026".into(),
                    snapshot: ["initial", "year_end"][rng.random_range(0..2)].into(),
                    destination: code.into(),
                    employer_name: employed.then(|| "淄博示例企业".into()),
                    street: (employed && rng.random_bool(0.5)).then(|| "370303008".into()),
                    ..Default::default()
                };
                destinations::save(&app.db, &school_ctx, None, &input).await.unwrap();
            }
        }
        if step % 20 == 19 {
            assert_rollups_consistent(&app, &format!("after step {step}")).await;
        }
    }
    // The walk reached every kind of row: duplicates, 订单班/学徒制 applicants and admissions, graduates.
    let (_, fresh) = rollup::recompute(&app.db).await.unwrap();
    assert!(fresh.demand.values().any(|v| v[0] > v[2]), "some postings were duplicates");
    assert!(fresh.applications.values().any(|v| v[1] > 0), "applicants counted");
    assert!(fresh.supply.values().any(|v| v[1] > 0 && v[4] > 0), "local employment counted");
    // Rebuilding from scratch changes nothing.
    let before = rollup::load(&app.db).await.unwrap().without_zeros();
    report::rebuild_rollups(&app.db, &Ctx::system()).await.unwrap();
    assert_eq!(rollup::load(&app.db).await.unwrap().without_zeros(), before, "rebuild equals the maintained rollups");
});

fn section(html: &str, key: &str) -> String {
    let start = html.find(&format!("data-testid=\"section-{key}\"")).unwrap_or_else(|| panic!("section {key}"));
    let rest = &html[start..];
    let end = rest.find("</section>").unwrap();
    rest[..end].to_string()
}

const SECTIONS: [&str; 7] = ["summary", "demand", "supply", "gap", "skills", "recommendations", "method"];

dual_db_test!(report_page_publication_and_public_version, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, token) = app.login_as("admin").await;
    let html = admin.get(app.url("/reports/talent?period=2026")).send().await.unwrap().text().await.unwrap();
    for key in SECTIONS {
        assert!(html.contains(&format!("data-testid=\"section-{key}\"")), "section {key}");
    }
    for key in ["summary", "demand", "supply", "gap", "skills"] {
        assert!(!section(&html, key).contains("data-testid=\"no-data-"), "the demo gives data for {key}");
    }
    assert!(section(&html, "demand").contains("data-chart=\"chart-demand-chain\""), "the demand section has its ECharts chart");
    assert!(html.contains("智能制造"), "postings fall into chains");
    assert!(!html.contains("<script>"), "no inline script (CSP)");

    // Regenerate, then publish: an immutable version at a public address.
    let r = app.post_form(&admin, &token, "/reports/talent/draft", &[("period", "2026")]).await;
    assert_eq!(r.status(), 303);
    let r = app.post_form(&admin, &token, "/reports/talent/publish", &[("period", "2026")]).await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/reports/talent/v/"), "{location}");
    let id: i64 = location.rsplit('/').next().unwrap().parse().unwrap();
    let anonymous = common::new_client();
    let public = anonymous.get(app.url(&location)).send().await.unwrap();
    assert_eq!(public.status(), 200, "published versions need no login");
    let public = public.text().await.unwrap();
    assert!(public.contains("data-testid=\"report-qr\"") && public.contains("<svg"), "a QR code of its own address");
    assert!(public.contains("淄博高新区2026年产业人才需求信息报告（全区）"));
    let body = |h: &str| h[h.find("data-testid=\"report-title\"").unwrap()..h.find("site-footer").unwrap()].to_string();
    let frozen = body(&public);

    // New data after publication: the draft moves, the version does not.
    {
        use zhijiao::areas::postings::{self, PostingInput, ReviewInput};
        let hr = ctx_of(&app, "hr").await;
        let admin_ctx = ctx_of(&app, "admin").await;
        for _ in 0..3 {
            let v = postings::create(&app.db, &hr, &PostingInput {
                kind: "fulltime".into(),
                title: format!("发布后新增岗位{}", rand::random::<u32>()),
                description: "职业院校毕业生可报名。".into(),
                occupation_code: Some("6-31-01-03".into()),
                ..Default::default()
            })
            .await
            .unwrap();
            postings::submit(&app.db, &hr, v.id).await.unwrap();
            postings::review(&app.db, app.state.search_index.changes(), &admin_ctx, v.id, &ReviewInput { decision: "approve".into(), comment: None, override_reason: None }).await.unwrap();
        }
    }
    assert_eq!(app.post_form(&admin, &token, "/reports/talent/draft", &[("period", "2026")]).await.status(), 303);
    let again = anonymous.get(app.url(&location)).send().await.unwrap().text().await.unwrap();
    assert_eq!(body(&again), frozen, "a published version never changes");
    let v = report_version::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(v.version, 1);
    // Publishing again makes version 2, listed publicly.
    let r = app.post_form(&admin, &token, "/reports/talent/publish", &[("period", "2026")]).await;
    assert_eq!(r.status(), 303);
    let home = anonymous.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("href=\"/reports/talent/published\""), "the public navigation leads to the published reports");
    let list = anonymous.get(app.url("/reports/talent/published")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains(&location), "the list links version 1");
    assert_eq!(app.count("report_versions").await, 2);
    let versions: serde_json::Value = anonymous.get(app.url("/api/v1/reports/talent/versions")).send().await.unwrap().json().await.unwrap();
    assert_eq!(versions.as_array().unwrap().len(), 2);

    // Downloads of the version: the workbook has one sheet per table, the document the headings.
    let xlsx = anonymous.get(app.url(&format!("{location}/report.xlsx"))).send().await.unwrap();
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.unwrap().to_vec();
    {
        use calamine::{DataType, Reader, Xlsx};
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(wb.sheet_names(), zhijiao_reports::tables::SHEETS.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let summary = wb.worksheet_range("概要").unwrap();
        assert_eq!(summary.get_value((0, 0)).unwrap().to_string(), "一、总体情况");
        let total = (0..summary.height()).find(|r| summary.get_value((*r as u32, 0)).map(|c| c.to_string()) == Some("总岗位数".into())).unwrap();
        let n: f64 = summary.get_value((total as u32, 1)).unwrap().as_f64().unwrap();
        assert!(n > 0.0, "total postings in the workbook");
        let chains = wb.worksheet_range("需求-按产业链").unwrap();
        assert!(chains.height() > 2, "rows by chain");
    }
    let docx = anonymous.get(app.url(&format!("{location}/report.docx"))).send().await.unwrap();
    assert_eq!(docx.status(), 200);
    let bytes = docx.bytes().await.unwrap().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    for h in ["一、总体情况", "二、岗位需求", "三、人才供给", "四、供需缺口与紧缺指数", "五、岗位技能需求", "六、专业设置建议", "七、方法说明"] {
        assert!(xml.contains(h), "docx heading {h}");
    }
    // The draft's own downloads.
    let r = admin.get(app.url("/reports/talent/draft.xlsx?period=2026-Q4")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    // A chain's report only counts that chain.
    let chain = admin.get(app.url("/reports/talent?period=2026&chain=%E6%99%BA%E8%83%BD%E5%88%B6%E9%80%A0")).send().await.unwrap().text().await.unwrap();
    assert!(chain.contains("（智能制造产业链）"));
});

dual_db_test!(an_empty_period_says_no_data_in_every_section, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, _) = app.login_as("admin").await;
    for period in ["2019", "2019-Q2", "2019-03"] {
        let resp = admin.get(app.url(&format!("/reports/talent?period={period}"))).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{period}");
        let html = resp.text().await.unwrap();
        for key in ["summary", "demand", "supply", "gap", "skills", "recommendations"] {
            let s = section(&html, key);
            assert!(s.contains(&format!("data-testid=\"no-data-{key}\"")) && s.contains("暂无数据"), "{period} {key}: {s}");
        }
        assert!(section(&html, "method").contains("去重"), "the method appendix is always there");
    }
    // A brand-new zone (no demo) too, and its documents build.
    let fresh = common::spawn_app(app.backend).await;
    let b = report::build_now(&fresh.db, report::parse_period("2026").unwrap(), zhijiao_domain::talent_report::Scope::Zone).await.unwrap();
    assert!(b.output.demand.data.is_none() && b.output.demand.note_zh.contains("暂无数据"));
    assert!(!report::xlsx_bytes(&b).is_empty() && !report::docx_bytes(&b).is_empty());
    assert!(report::pages::standalone_html(&b).matches("暂无数据").count() >= 6);
    // A bad period is a named error.
    let r = admin.get(app.url("/reports/talent?period=2026-13")).send().await.unwrap();
    assert_eq!(r.status(), 422);
});

dual_db_test!(only_the_district_edits_chains_and_crosswalk_and_publishes, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, token) = app.login_as("admin").await;
    let (renshe, rtoken) = app.login_as("renshe").await;
    // Department liaisons read but do not change.
    assert_eq!(renshe.get(app.url("/reports/talent?period=2026")).send().await.unwrap().status(), 200);
    for (path, fields) in [
        ("/reports/talent/publish", vec![("period", "2026")]),
        ("/reports/talent/draft", vec![("period", "2026")]),
        ("/reports/talent/chains", vec![("name", "氢能"), ("industry_codes", "4430")]),
        ("/reports/talent/crosswalk", vec![("level", "secondary"), ("major_code", "660301"), ("occupation_codes", "6-31-01-03")]),
    ] {
        assert_eq!(app.post_form(&renshe, &rtoken, path, &fields).await.status(), 403, "{path}");
    }
    assert_eq!(app.count("report_versions").await, 0);
    // The district adds a chain (audited); bad codes are named.
    let audits = app.count("audit_log").await;
    let r = app.post_form(&admin, &token, "/reports/talent/chains", &[("name", "氢能"), ("industry_codes", "4430, 2614")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.count("report_chains").await, 5);
    assert_eq!(app.count("audit_log").await, audits + 1);
    let r = app.post_form(&admin, &token, "/reports/talent/chains", &[("name", "坏链"), ("industry_codes", "9999")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("9999"));
    // Moving 3491 (the demo's 智能制造 enterprise) into a new chain moves its postings at the next draft.
    let r = app.post_form(&admin, &token, "/reports/talent/chains", &[("name", "智能装备"), ("industry_codes", "3491")]).await;
    assert_eq!(r.status(), 303);
    let b = report::build_now(&app.db, report::parse_period("2026").unwrap(), zhijiao_domain::talent_report::Scope::Chain("智能装备".into())).await.unwrap();
    assert!(b.output.demand.data.is_some(), "the new chain has the postings of its industry");
    assert_rollups_consistent(&app, "after a chain edit (the chain is a rollup key)").await;
    // The crosswalk: an edit is kept and audited.
    let r = app.post_form(&admin, &token, "/reports/talent/crosswalk", &[("level", "secondary"), ("major_code", "660301"), ("occupation_codes", "6-31-01-03, 6-30-99")]).await;
    assert_eq!(r.status(), 303);
    let row = zhijiao::entity::report_crosswalk::Entity::find()
        .filter(zhijiao::entity::report_crosswalk::Column::MajorCode.eq("660301"))
        .filter(zhijiao::entity::report_crosswalk::Column::Level.eq("secondary"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.occupation_codes, "6-31-01-03,6-30-99");
    assert!(row.edited);
    let r = app.post_form(&admin, &token, "/reports/talent/crosswalk", &[("level", "secondary"), ("major_code", "660301"), ("occupation_codes", "9-99-99")]).await;
    assert_eq!(r.status(), 422);
    // The seed holds every major of the catalogue's crosswalk.
    assert!(app.count("report_crosswalk").await > 1000);
});

dual_db_test!(the_schedule_generates_last_months_draft_once, |app: TestApp| async move {
    app.load_demo().await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert!(report::ensure_monthly_draft(&app.db, today).await.unwrap());
    assert!(!report::ensure_monthly_draft(&app.db, today).await.unwrap(), "only once a month");
    let d = zhijiao::entity::report_draft::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!((d.period.as_str(), d.scope.as_str()), ("2026-11", ""));
    // January's run makes December of the year before.
    assert!(report::ensure_monthly_draft(&app.db, chrono::NaiveDate::from_ymd_opt(2027, 1, 2).unwrap()).await.unwrap());
    assert_eq!(app.count("report_drafts").await, 2);
    // The draft page shows the stored draft.
    let (admin, _) = app.login_as("admin").await;
    let html = admin.get(app.url("/reports/talent?period=2026-11")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("草稿生成于"), "the stored draft is shown");
    let published_ids: Vec<i64> = posting::Entity::find().filter(posting::Column::Status.eq("published")).all(&app.db).await.unwrap().iter().map(|p| p.id).collect();
    assert!(!published_ids.is_empty());
});
