//! Skills competitions (issue 11): an event, registrations by schools, results by hand and
//! from Excel, the medal table and the public results page with its QR code.

mod common;

use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use zhijiao::entity::{competition, competition_entry as ce};

dual_db_test!(results_produce_the_medal_table, |app: TestApp| async move {
    app.load_demo().await;
    let school = app.org_id("中德莱茵智能科技学校").await;
    let (admin, at) = app.login_as("admin").await;
    let before = app.count("competitions").await;
    let bad = [("name", "区赛"), ("level", "galaxy"), ("organiser", "区教体中心"), ("held_on", "2026-04-01"), ("categories", "数控车削")];
    assert_eq!(app.post_form(&admin, &at, "/competitions", &bad).await.status(), 422);
    assert_eq!(app.count("competitions").await, before);
    let host = school.to_string();
    let good = [("name", "2030年区职业院校技能大赛"), ("level", "district"), ("organiser", "区教体中心"), ("host_org_id", host.as_str()), ("held_on", "2030-04-01"), ("categories", "数控车削、教学能力比赛")];
    // 2030 is outside every other competition's year, so the year's medal table is this event's alone.
    let resp = app.post_form(&admin, &at, "/competitions", &good).await;
    assert_eq!(resp.status(), 303, "{}", resp.text().await.unwrap());
    let c = competition::Entity::find().filter(competition::Column::Name.eq("2030年区职业院校技能大赛")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(c.host_org_id, Some(school));

    // The school registers a student and its teachers; a 赛项 not in the event is refused.
    let (sc, st) = app.login_as("school").await;
    let path = format!("/competitions/{}/entries", c.id);
    let entries_before = app.count("competition_entries").await;
    assert_eq!(app.post_form(&sc, &st, &path, &[("category", "焊接"), ("kind", "student"), ("participants", "张三")]).await.status(), 422);
    assert_eq!(app.count("competition_entries").await, entries_before);
    // A school cannot register for another school: the field is ignored, its own is used.
    let other = app.org_id("淄博信息工程学校（示例）").await.to_string();
    let e = [("school_org_id", other.as_str()), ("category", "数控车削"), ("kind", "student"), ("participants", "张三"), ("major_name", "数控技术应用")];
    assert_eq!(app.post_form(&sc, &st, &path, &e).await.status(), 303);
    assert_eq!(app.post_form(&sc, &st, &path, &[("category", "教学能力比赛"), ("kind", "teaching_ability"), ("participants", "赵老师、钱老师"), ("major_name", "机电技术应用")]).await.status(), 303);
    let rows = ce::Entity::find().filter(ce::Column::CompetitionId.eq(c.id)).all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.school_org_id == school && r.award == "none"));

    // Only the district records results.
    let award_path = format!("/competitions/entries/{}/award", rows[0].id);
    assert_eq!(app.post_form(&sc, &st, &award_path, &[("award", "first")]).await.status(), 403);
    assert_eq!(app.post_form(&admin, &at, &award_path, &[("award", "first")]).await.status(), 303);
    assert_eq!(app.post_form(&admin, &at, &format!("/competitions/entries/{}/award", rows[1].id), &[("award", "bronze")]).await.status(), 303);

    let t: serde_json::Value = reqwest::get(app.url("/api/v1/competitions/medals?year=2030")).await.unwrap().json().await.unwrap();
    let by_school = t["by_school"].as_array().unwrap();
    assert_eq!(by_school.len(), 1);
    assert_eq!((by_school[0]["name"].as_str().unwrap(), by_school[0]["gold"].as_u64(), by_school[0]["bronze"].as_u64(), by_school[0]["total"].as_u64()), ("中德莱茵智能科技学校", Some(1), Some(1), Some(2)));
    let majors: Vec<&str> = t["by_major"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(majors, ["数控技术应用", "机电技术应用"]);
    assert!(t["by_year"].as_array().unwrap().iter().any(|r| r["name"] == "2030年" && r["total"] == 2));

    // The public results page needs no login and carries its QR code.
    let html = reqwest::get(app.url(&format!("/competitions/{}/results", c.id))).await.unwrap().text().await.unwrap();
    assert!(html.contains("一等奖") && html.contains("张三") && html.contains("data-testid=\"results-qr\"") && html.contains("<svg"));
    let html = reqwest::get(app.url("/competitions/medals?year=2030")).await.unwrap().text().await.unwrap();
    assert!(html.contains("中德莱茵智能科技学校"));
    // Export.
    let bytes = reqwest::get(app.url(&format!("/competitions/{}/results.xlsx", c.id))).await.unwrap().bytes().await.unwrap();
    let mut cells = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, r| cells.push(r)).unwrap();
    assert_eq!(cells.len(), 3);
    assert_eq!(cells[1][5], "一等奖");
    // The dashboard's indicator counts awards of this year's competitions only.
    let this_year = zhijiao::areas::schools::this_year();
    let awards = zhijiao::areas::competitions::awards_in_year(&app.db, this_year).await.unwrap() as f64;
    assert_eq!(zhijiao::areas::policy::kpi::value(&app.db, "competition_awards").await.unwrap(), Some(awards));
});

dual_db_test!(results_import_all_or_nothing_and_schools_see_their_own_entries, |app: TestApp| async move {
    app.load_demo().await;
    let (admin, at) = app.login_as("admin").await;
    let c = competition::Entity::find().filter(competition::Column::Level.eq("district")).filter(competition::Column::IsDemo.eq(true)).one(&app.db).await.unwrap().expect("demo competition");
    let headers: Vec<&str> = zhijiao::areas::competitions::RESULT_COLUMNS.iter().map(|c| c.header).collect();
    let row = |school: &str, award: &str| vec![school.to_string(), "工业机器人技术应用".into(), "学生团体赛".into(), "甲、乙".into(), "工业机器人技术应用".into(), award.to_string()];
    let upload = |bytes: Vec<u8>, client: reqwest::Client, token: String| {
        let url = app.url(&format!("/competitions/{}/results/import?_csrf={token}", c.id));
        async move {
            let part = reqwest::multipart::Part::bytes(bytes).file_name("r.xlsx");
            client.post(url).multipart(reqwest::multipart::Form::new().part("file", part)).send().await.unwrap()
        }
    };
    let before = app.count("competition_entries").await;
    let bad = common::workbook(&headers, &[row("中德莱茵智能科技学校", "金牌"), row("不存在的学校", "银牌"), row("中德莱茵智能科技学校", "特等奖")]);
    let resp = upload(bad, admin.clone(), at.clone()).await;
    assert_eq!(resp.status(), 422);
    let html = resp.text().await.unwrap();
    assert!(html.contains("第3行") && html.contains("不存在的学校") && html.contains("第4行") && html.contains("特等奖"), "{html}");
    assert_eq!(app.count("competition_entries").await, before);
    let good = common::workbook(&headers, &[row("中德莱茵智能科技学校", "金牌"), row("淄博信息工程学校（示例）", "银牌")]);
    assert_eq!(upload(good.clone(), admin.clone(), at.clone()).await.status(), 303);
    assert_eq!(app.count("competition_entries").await, before + 2);
    let (sc, st) = app.login_as("school").await;
    assert_eq!(upload(good, sc.clone(), st).await.status(), 403);
    assert_eq!(app.count("competition_entries").await, before + 2);
    // The school sees its own registrations only (the other school's demo entry is hidden).
    let html = sc.get(app.url(&format!("/competitions/{}", c.id))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("张明") && !html.contains("王磊"));
    let html = admin.get(app.url(&format!("/competitions/{}", c.id))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("王磊"));
});
