//! Internal unit tests; the table tests over fixtures live in
//! `crates/domain/tests/policy_parser.rs`.

use super::*;

#[test]
fn headings() {
    let h = |t: &str| detect_heading(t).map(|h| (h.style, h.number, t[h.rest..].to_string()));
    assert_eq!(
        h("一、完善机制"),
        Some((Style::CnEnum, 1, "完善机制".into()))
    );
    assert_eq!(h("十四、其他"), Some((Style::CnEnum, 14, "其他".into())));
    assert_eq!(
        h("(十一)协同推进"),
        Some((Style::ParenCn, 11, "协同推进".into()))
    );
    assert_eq!(h("1.加强领导"), Some((Style::Arabic, 1, "加强领导".into())));
    assert_eq!(
        h("2、加强领导"),
        Some((Style::Arabic, 2, "加强领导".into()))
    );
    assert_eq!(h("(3)细化"), Some((Style::ParenArabic, 3, "细化".into())));
    assert_eq!(
        h("第二章 保障措施"),
        Some((Style::Chapter, 2, "保障措施".into()))
    );
    assert_eq!(
        h("第一部分 总体要求"),
        Some((Style::Chapter, 1, "总体要求".into()))
    );
    assert_eq!(
        h("第十条 本办法自发布之日起施行"),
        Some((Style::Article, 10, "本办法自发布之日起施行".into()))
    );
    assert_eq!(h("②完善"), Some((Style::Circled, 2, "完善".into())));
    assert_eq!(h("1.5亿元用于建设"), None);
    assert_eq!(h("一体化设计"), None);
    assert_eq!(h("2023年9月1日"), None);
}

#[test]
fn sentences() {
    assert_eq!(
        first_sentence("加强党的全面领导。加强各级…"),
        "加强党的全面领导"
    );
    assert_eq!(
        first_sentence("加强领导(含技工。)学校。其他"),
        "加强领导(含技工。)学校"
    );
    assert_eq!(first_sentence("加强组织领导：成立专班。"), "加强组织领导");
    assert_eq!(first_sentence("加强组织领导\n正文。"), "加强组织领导");
    assert_eq!(first_sentence(""), "");
}

#[test]
fn plain_text_line_endings() {
    let s = PolicySource::from_plain_text("\u{feff}a\r\nb\rc\n");
    let lines: Vec<&str> = s.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lines, ["a", "b", "c", ""]);
}

#[test]
fn bold_words_helper() {
    let l = SourceLine::with_bold_words("甲局、乙中心", &["乙中心", "不存在"]);
    assert_eq!(l.bold, vec!["甲局、".len().."甲局、乙中心".len()]);
}
