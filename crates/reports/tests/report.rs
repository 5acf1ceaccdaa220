//! The documents of the talent-demand report: the workbook reads back, the Word file is a
//! valid package with the sections and fonts, and an empty report renders and says 暂无数据.

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use std::io::{Cursor, Read};
use zhijiao_domain::talent_report::{Action, Period, ReportInput, ReportOutput, ReportRules, Scope, build_report};
use zhijiao_reports::tables::{SHEETS, tables};
use zhijiao_reports::{DocMeta, demo_input, docx, docx_with, report_charts, xlsx};

fn demo() -> ReportOutput {
    build_report(&demo_input(), &ReportRules::default())
}

fn empty() -> ReportOutput {
    let i = ReportInput::empty(Period::Month(2026, 2), Scope::Chain("新材料".into()), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
    build_report(&i, &ReportRules::default())
}

fn document_xml(bytes: &[u8]) -> (String, Vec<String>) {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let names: Vec<String> = z.file_names().map(|n| n.expect("entry name").into_owned()).collect();
    let mut s = String::new();
    z.by_name("word/document.xml").expect("word/document.xml").read_to_string(&mut s).unwrap();
    (s, names)
}

fn check_xlsx(r: &ReportOutput) {
    let bytes = xlsx(r);
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("reads back");
    assert_eq!(wb.sheet_names(), SHEETS.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    for t in tables(r) {
        assert!(t.sheet.chars().count() <= 31, "{}", t.sheet);
        let range = wb.worksheet_range(t.sheet).unwrap();
        let want = 2 + t.rows.len() + usize::from(!t.note_zh.is_empty());
        assert_eq!(range.height(), want, "rows of {}", t.sheet);
        assert_eq!(range.get((1, 0)).map(|c| c.to_string()), Some(t.headers[0].to_string()), "header of {}", t.sheet);
    }
}

#[test]
fn demo_workbook_reads_back_with_numbers() {
    let r = demo();
    check_xlsx(&r);
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx(&r))).unwrap();
    let chain = wb.worksheet_range("需求-按产业链").unwrap();
    // Row 2 = first data row; column 3 = 去重岗位数, a number.
    assert!(matches!(chain.get((2, 3)), Some(calamine::Data::Float(_))), "{:?}", chain.get((2, 3)));
    let top = tables(&r).into_iter().find(|t| t.sheet == "紧缺职业TOP10").unwrap();
    assert_eq!(top.rows.len(), 10, "the demo fills the top-10");
}

#[test]
fn demo_document_has_sections_fonts_and_charts() {
    let r = demo();
    let meta = DocMeta { issuer_zh: Some("淄博高新区教育和体育局".into()), number_zh: Some("2025年第12期".into()) };
    let bytes = docx_with(&r, &meta);
    let (xml, names) = document_xml(&bytes);
    for s in ["一、总体情况", "二、岗位需求", "三、人才供给", "四、供需缺口与紧缺指数", "五、岗位技能需求", "六、专业设置建议", "七、方法说明"] {
        assert!(xml.contains(s), "section {s}");
    }
    for f in ["方正小标宋简体", "黑体", "仿宋_GB2312", "宋体"] {
        assert!(xml.contains(&format!("w:eastAsia=\"{f}\"")), "font {f}");
    }
    assert!(xml.contains("2025年第12期") && xml.contains("淄博高新区教育和体育局"));
    assert!(xml.contains("紧缺职业前十位") && xml.contains("★"));
    assert!(names.iter().any(|n| n.starts_with("word/media/") && n.ends_with(".png")), "charts as PNG: {names:?}");
    assert!(!xml.contains(">NaN<") && !xml.contains("inf<"));
    assert!(!docx(&r).is_empty());
}

#[test]
fn empty_report_renders_and_says_no_data() {
    let r = empty();
    check_xlsx(&r);
    let (xml, _) = document_xml(&docx(&r));
    assert!(xml.contains("暂无数据"));
    assert!(xml.contains("七、方法说明"));
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx(&r))).unwrap();
    let sheet = wb.worksheet_range("缺口-按职业").unwrap();
    assert!(sheet.get((2, 0)).is_some_and(|c| c.to_string().contains("暂无数据")));
    assert!(report_charts(&r).is_empty());
}

#[test]
fn demo_exercises_every_section() {
    let r = demo();
    assert!(r.summary.data.is_some() && r.demand.data.is_some() && r.supply.data.is_some());
    let gap = r.gap.data.as_ref().unwrap();
    assert!(gap.star_counts.iter().sum::<u64>() >= 10);
    assert_eq!(gap.anr.len(), 4);
    let recs = r.recommendations.data.as_ref().unwrap();
    for a in [Action::Open, Action::Expand, Action::Shrink, Action::Hold] {
        assert!(recs.iter().any(|x| x.action == a), "{a:?}: {:#?}", recs.iter().map(|x| (x.action, x.major.as_ref().map(|m| m.name.clone()), x.occupation_name.clone())).collect::<Vec<_>>());
    }
    assert!(recs.iter().any(|x| x.rule == "bottom_share_consecutive" && !x.suggestion), "the sourced Fujian rule fires");
    // Every chain's codes exist in GB/T 4754-2017, and every demo cell's chain is its code's chain.
    let input = demo_input();
    let c = zhijiao_domain::catalog::catalogs();
    for ch in &input.chains {
        for code in &ch.industry_codes {
            assert!(c.industry(code).is_some(), "{code}");
        }
    }
    for d in &input.demand.by_industry {
        assert_eq!(zhijiao_domain::talent_report::chain_of(&input.chains, &d.industry_code), Some(d.chain.as_str()), "{}", d.industry_code);
    }
    for d in &input.demand.by_education {
        assert!(c.occupation(&d.occupation_code).is_some(), "{}", d.occupation_code);
    }
    let charts = report_charts(&r);
    assert_eq!(charts.len(), 4);
    assert!(charts.iter().all(|(_, _, svg)| svg.contains("Noto Sans CJK SC")));
}

#[test]
fn chain_scope_of_the_demo() {
    let mut i = demo_input();
    i.scope = Scope::Chain("生物医药与医疗器械".into());
    let r = build_report(&i, &ReportRules::default());
    let d = r.demand.data.as_ref().unwrap();
    assert_eq!(d.tables[0].rows.len(), 1, "one chain");
    check_xlsx(&r);
    let (xml, _) = document_xml(&docx(&r));
    assert!(xml.contains("生物医药与医疗器械产业链"));
}

#[test]
#[ignore = "writes the demo documents to $ZHIJIAO_DEMO_OUT for a look"]
fn write_demo_documents() {
    let dir = std::env::var("ZHIJIAO_DEMO_OUT").unwrap_or_else(|_| std::env::temp_dir().display().to_string());
    let r = demo();
    std::fs::write(format!("{dir}/talent-report-demo.xlsx"), xlsx(&r)).unwrap();
    std::fs::write(format!("{dir}/talent-report-demo.docx"), docx(&r)).unwrap();
    std::fs::write(format!("{dir}/talent-report-demo.json"), zhijiao_reports::json(&r)).unwrap();
}
