//! The command line, run as operators run it.

use std::process::Command;

fn zhijiao(args: &[&str]) -> (bool, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zhijiao"))
        .args(args)
        .env("ZHIJIAO_DATABASE_URL", format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display()))
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn catalog_majors_secondary_prints_the_358_majors() {
    let (ok, out, err) = zhijiao(&["catalog", "majors", "--level", "secondary", "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 358);
    assert!(items.iter().all(|i| i["code"].as_str().unwrap().len() == 6 && !i["name"].as_str().unwrap().is_empty()));
}

#[test]
fn catalog_levels_have_their_counts() {
    for (kind, level, n) in [("industries", "division", 97), ("industries", "group", 473), ("occupations", "major", 8), ("occupations", "minor", 450)] {
        let (ok, out, err) = zhijiao(&["catalog", kind, "--level", level, "--format", "csv"]);
        assert!(ok, "{err}");
        assert_eq!(out.lines().count(), n + 1, "{kind} {level}");
    }
    let (ok, _, err) = zhijiao(&["catalog", "majors", "--level", "division"]);
    assert!(!ok && err.contains("level"), "a wrong level is refused: {err}");
}

#[test]
fn policy_parse_reads_the_seed() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/policy/zibo-hitech-vocational-education-measures-2023.txt");
    let (ok, out, err) = zhijiao(&["policy", "parse", seed, "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["doc_number"], "淄高新管字〔2023〕100号");
    let m1 = &v["sections"][0]["measures"][0];
    assert_eq!(m1["number"], 1);
    assert_eq!(m1["title"], "加强党的全面领导");
    assert_eq!(m1["lead"], "教育和体育事业中心");
}

#[test]
fn policy_parse_reads_html_and_docx_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("policy.html");
    std::fs::write(
        &html,
        "<html><body><h1>关于试点的若干措施</h1><p>一、主要任务</p>\
         <p>（一）开展培训。面向职工。（责任单位：教育和体育事业中心、<strong>人社中心</strong>）</p></body></html>",
    )
    .unwrap();
    let docx = dir.path().join("policy.docx");
    std::fs::write(
        &docx,
        zhijiao::areas::policy::convert::minimal_docx(&[
            &[("一、主要任务", false)],
            &[("（一）开展培训。面向职工。（责任单位：", false), ("人社中心", true), ("、教育和体育事业中心）", false)],
        ]),
    )
    .unwrap();
    for f in [&html, &docx] {
        let (ok, out, err) = zhijiao(&["policy", "parse", f.to_str().unwrap(), "--format", "json"]);
        assert!(ok, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let m = &v["sections"][0]["measures"][0];
        assert_eq!(m["lead"], "人社中心", "{f:?}: the bold unit leads");
        assert_eq!(m["co"][0], "教育和体育事业中心");
    }
}

#[test]
fn posting_lint_flags_a_gender_restriction() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("posting.txt");
    std::fs::write(&f, "招聘数控操作工，限男性，35岁以下。").unwrap();
    let (ok, out, _) = zhijiao(&["posting", "lint", f.to_str().unwrap(), "--format", "json"]);
    assert!(!ok, "a blocked posting exits non-zero");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"gender") && rules.contains(&"age"), "{rules:?}");
}

#[test]
fn demo_then_user_list_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_zhijiao")).args(args).env("ZHIJIAO_DATABASE_URL", &url).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = run(&["demo", "--students-per-school", "20"]);
    assert!(out.contains("学生 60"), "{out}");
    let users = run(&["user", "list"]);
    // One account per role, the demo student's classmates with visible profiles, six
    // students (two per vocational school) signed up for the demo fair, and the primary
    // school's account (career enlightenment).
    assert_eq!(users.lines().count(), zhijiao::demo::DEMO_USERS.len() + zhijiao::demo::CLASSMATES.len() + 6 + 1, "{users}");
    assert_eq!(users.lines().filter(|l| l.contains("fairstu")).count(), 6, "{users}");
    let file = dir.path().join("students.xlsx");
    run(&["export", "students", file.to_str().unwrap()]);
    // The export re-imports as it is into another school... as duplicates of the same school it fails whole.
    let out = Command::new(env!("CARGO_BIN_EXE_zhijiao"))
        .args(["import", "students", file.to_str().unwrap(), "--school", "中德莱茵智能科技学校"])
        .env("ZHIJIAO_DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("未写入任何数据"));
}

#[test]
fn destinations_export_and_import_for_a_school() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_zhijiao")).args(args).env("ZHIJIAO_DATABASE_URL", &url).output().unwrap()
    };
    assert!(run(&["demo", "--students-per-school", "20"]).status.success());
    let all = dir.path().join("destinations.xlsx");
    assert!(run(&["export", "destinations", all.to_str().unwrap()]).status.success());
    let bytes = std::fs::read(&all).unwrap();
    let mut rows = Vec::new();
    zhijiao::xlsx::stream_rows(&bytes, |_, r| rows.push(r)).unwrap();
    // 7 graduates of 2026 per school, two snapshots each (the first school's come first),
    // and the majors demo's extra cohorts of 2025 and 2026 after them.
    assert!(rows.len() > 1 + 3 * 7 * 2, "{}", rows.len());
    assert_eq!(rows[0][0], "学号");
    // The whole district's file does not fit one school's register: nothing is written.
    let out = run(&["import", "destinations", all.to_str().unwrap(), "--school", "中德莱茵智能科技学校"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("未写入任何数据"));
    // The school's own rows re-import (replacing its records).
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().take(1 + 14).enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    let own = dir.path().join("own.xlsx");
    std::fs::write(&own, wb.save_to_buffer().unwrap()).unwrap();
    let out = run(&["import", "destinations", own.to_str().unwrap(), "--school", "中德莱茵智能科技学校"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("写入 14 条"));
    // Without a school the command refuses.
    assert!(!run(&["import", "destinations", own.to_str().unwrap()]).status.success());
}

/// `zhijiao report …` on one database: rebuild the rollups, then the report in each format.
#[test]
fn report_talent_demand_writes_html_xlsx_and_docx() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("report.db").display());
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_zhijiao")).args(args).env("ZHIJIAO_DATABASE_URL", &db).output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (ok, out, err) = run(&["report", "rebuild-rollups"]);
    assert!(ok && out.contains("已重建报告汇总表"), "{out}{err}");
    // An empty zone: every section says so.
    let html = dir.path().join("empty.html");
    let (ok, _, err) = run(&["report", "talent-demand", "--period", "2026-Q3", "--format", "html", "--out", html.to_str().unwrap()]);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("淄博高新区2026年第3季度产业人才需求信息报告（全区）"));
    assert!(text.matches("暂无数据").count() >= 6, "each empty section says 暂无数据");
    assert!(!text.contains("<script"), "a self-contained file without script");
    // A chain's report as .xlsx and .docx.
    let xlsx = dir.path().join("r.xlsx");
    let (ok, _, err) = run(&["report", "talent-demand", "--period", "2026", "--chain", "新材料", "--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    assert!(ok, "{err}");
    {
        use calamine::Reader;
        let wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
        assert_eq!(wb.sheet_names().len(), 17);
        assert_eq!(wb.sheet_names()[0], "概要");
    }
    let docx = dir.path().join("r.docx");
    let (ok, _, err) = run(&["report", "talent-demand", "--period", "2026-09", "--format", "docx", "--out", docx.to_str().unwrap()]);
    assert!(ok, "{err}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("一、总体情况") && xml.contains("七、方法说明"));
    // Bad input is named.
    let (ok, _, err) = run(&["report", "talent-demand", "--period", "2026-13", "--format", "html", "--out", html.to_str().unwrap()]);
    assert!(!ok && err.contains("2026-13"), "{err}");
    let (ok, _, err) = run(&["report", "talent-demand", "--period", "2026", "--chain", "氢能", "--format", "html", "--out", html.to_str().unwrap()]);
    assert!(!ok && err.contains("氢能"), "{err}");
}
