//! Table tests for `zhijiao_domain::policy_parser` over the seed policy and
//! differently formatted fixtures in `tests/fixtures/policy/`.

// Bold ranges are built by hand here, including deliberately odd ones.
#![allow(clippy::single_range_in_vec_init, clippy::reversed_empty_ranges)]

use zhijiao_domain::policy_parser::{
    DiagLevel, Measure, ParsedPolicy, PolicySource, SourceLine, identity_resolver, parse_policy,
    report_lines,
};

const SEED: &str =
    include_str!("../../../data/policy/zibo-hitech-vocational-education-measures-2023.txt");
const LEAD_CO: &str = include_str!("fixtures/policy/lead-co-labels.txt");
const FREE_FORM: &str = include_str!("fixtures/policy/free-form.txt");
const ARABIC: &str = include_str!("fixtures/policy/arabic-restart.txt");
const GARBAGE: &str = include_str!("fixtures/policy/garbage.txt");

fn parse(text: &str) -> ParsedPolicy {
    parse_policy(&PolicySource::from_plain_text(text), &identity_resolver)
}

fn all_measures(p: &ParsedPolicy) -> Vec<&Measure> {
    p.measures().collect()
}

/// (measure number, title, lead, co)
type Row<'a> = (u32, &'a str, Option<&'a str>, &'a [&'a str]);

fn check_rows(p: &ParsedPolicy, rows: &[Row]) {
    let ms = all_measures(p);
    assert_eq!(ms.len(), rows.len(), "measure count");
    for (m, (no, title, lead, co)) in ms.iter().zip(rows) {
        assert_eq!(m.number, *no, "number of {}", m.title);
        assert_eq!(m.title, *title, "title of measure {no}");
        assert_eq!(m.lead.as_deref(), *lead, "lead of measure {no}");
        assert_eq!(m.co, *co, "co of measure {no}");
    }
}

fn statuses(p: &ParsedPolicy, level: DiagLevel) -> Vec<(usize, String)> {
    p.diagnostics
        .iter()
        .filter(|d| d.level == level)
        .map(|d| (d.line, d.text.clone()))
        .collect()
}

fn has_warning(p: &ParsedPolicy, needle: &str) -> bool {
    p.warnings().any(|d| d.message_zh.contains(needle))
}

// --- seed ---------------------------------------------------------------

#[test]
fn seed_structure() {
    let p = parse(SEED);
    assert_eq!(p.sections.len(), 4);
    assert_eq!(
        p.sections
            .iter()
            .map(|s| (s.number, s.title.as_str(), s.measures.len()))
            .collect::<Vec<_>>(),
        [
            (1, "完善职业教育管理机制", 4),
            (2, "改善职业院校办学条件", 2),
            (3, "大力提升职业教育水平", 4),
            (4, "优化职业教育社会服务", 4),
        ]
    );
    let ms = all_measures(&p);
    assert_eq!(ms.len(), 14);
    assert_eq!(
        ms.iter().map(|m| m.number).collect::<Vec<_>>(),
        (1..=14).collect::<Vec<_>>()
    );
    assert_eq!(p.doc_number.as_deref(), Some("淄高新管字〔2023〕100号"));
    assert!(
        p.title
            .as_deref()
            .unwrap()
            .contains("关于推动淄博高新区现代职业教育高质量发展的若干措施")
    );
    assert_eq!(
        p.issuer.as_deref(),
        Some("淄博高新技术产业开发区管理委员会")
    );
    assert_eq!(p.date.as_deref(), Some("2023-09-01"));
    assert!(has_warning(&p, "日期缺少"));
    assert!(has_warning(&p, "〔2021〕43号"));
    assert!(has_warning(&p, "黑体"));
    assert!(
        statuses(&p, DiagLevel::Unparsed).is_empty(),
        "{:?}",
        statuses(&p, DiagLevel::Unparsed)
    );
}

#[test]
fn seed_measures_table() {
    let p = parse(SEED);
    let ms = all_measures(&p);
    let rows: &[(usize, &str, &str, &[&str])] = &[
        (
            1,
            "加强党的全面领导",
            "教育和体育事业中心",
            &["组织人事部", "宣传新闻中心", "人社中心"],
        ),
        (
            2,
            "强化职业教育区级统筹",
            "教育和体育事业中心",
            &["工业信息化和商务局", "人社中心", "高新区自然资源和规划分局"],
        ),
        (4, "深化职业教育纵向贯通", "教育和体育事业中心", &[]),
        (
            5,
            "开展职业院校标准化建设",
            "教育和体育事业中心",
            &[
                "发展和改革局",
                "人社中心",
                "高新区自然资源和规划分局",
                "城投公司",
            ],
        ),
        (
            11,
            "协同推进产教深度融合",
            "发展改革局",
            &[
                "教育和体育事业中心",
                "科学技术发展中心",
                "工业信息化和商务局",
            ],
        ),
        (
            14,
            "大力开展职业技能培训",
            "人社中心",
            &["教育和体育事业中心"],
        ),
    ];
    for (no, title, lead, co) in rows {
        let m = ms[no - 1];
        assert_eq!(m.title, *title);
        assert_eq!(m.lead.as_deref(), Some(*lead), "measure {no}");
        assert_eq!(m.co, *co, "measure {no}");
    }
    let m1 = ms[0];
    assert!(m1.text.starts_with(
        "加强党的全面领导。加强各级各类职业院校(含技工、技师院校和职业培训学校)党的建设"
    ));
    assert!(m1.text.ends_with("培育和传承好工匠精神。"), "{}", m1.text);
    assert!(!m1.text.contains("责任单位"));
    assert!(
        ms.iter()
            .all(|m| !m.text.contains("责任单位") && !m.text.contains("黑体"))
    );
    // Line numbers are 1-based source lines.
    let lines: Vec<&str> = SEED.lines().collect();
    assert!(lines[m1.line - 1].starts_with("(一)加强党的全面领导"));
    assert!(lines[ms[13].line - 1].starts_with("(十四)"));
}

#[test]
fn seed_with_alias_resolver() {
    let resolve = |name: &str| -> Option<String> {
        match name {
            "发展改革局" => Some("发展和改革局".to_string()),
            "组织人事部"
            | "宣传新闻中心"
            | "人社中心"
            | "教育和体育事业中心"
            | "工业信息化和商务局"
            | "发展和改革局"
            | "城投公司"
            | "高新区自然资源和规划分局" => Some(name.to_string()),
            _ => None,
        }
    };
    let p = parse_policy(&PolicySource::from_plain_text(SEED), &resolve);
    let ms = all_measures(&p);
    assert_eq!(ms[10].lead.as_deref(), Some("发展和改革局"));
    assert_eq!(ms[0].lead.as_deref(), Some("教育和体育事业中心"));
    // Only 科学技术发展中心 is unknown to this resolver; reported once.
    assert_eq!(p.unknown_units(), ["科学技术发展中心"]);
    let w: Vec<_> = p
        .warnings()
        .filter(|d| d.message_zh == "未识别的单位：科学技术发展中心")
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].line, ms[10].line);
    assert!(
        ms[10].co.contains(&"科学技术发展中心".to_string()),
        "kept as written"
    );
}

#[test]
fn seed_line_statuses() {
    let src = PolicySource::from_plain_text(SEED);
    let p = parse_policy(&src, &identity_resolver);
    let rows = report_lines(&src, &p);
    assert_eq!(rows.len(), src.lines.len());
    for r in &rows {
        assert_eq!(
            r.level.is_none(),
            r.text.trim().trim_matches('\u{a0}').trim().is_empty(),
            "line {}: {:?}",
            r.line,
            r
        );
    }
    let by_text = |needle: &str| rows.iter().find(|r| r.text.contains(needle)).unwrap();
    assert_eq!(
        by_text("淄高新管字").message_zh,
        "文号：淄高新管字〔2023〕100号"
    );
    assert_eq!(
        by_text("扫码使用手机浏览本页内容").level,
        Some(DiagLevel::Understood)
    );
    assert_eq!(by_text("(十一)").message_zh, "措施11：协同推进产教深度融合");
    assert_eq!(by_text("本措施自发布之日起实施").message_zh, "施行条款");
    assert_eq!(by_text("202391").level, Some(DiagLevel::Understood));
    assert!(!by_text("202391").warnings.is_empty());
}

#[test]
fn seed_json() {
    let p = parse(SEED);
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["sections"][0]["measures"][0]["number"], 1);
    assert_eq!(v["sections"][0]["number"], 1);
    assert_eq!(v["sections"][0]["title"], "完善职业教育管理机制");
    assert_eq!(v["sections"][0]["measures"][0]["title"], "加强党的全面领导");
    assert_eq!(
        v["sections"][0]["measures"][0]["lead"],
        "教育和体育事业中心"
    );
    assert_eq!(v["sections"][0]["measures"][0]["co"][2], "人社中心");
    assert_eq!(v["sections"][3]["measures"][0]["number"], 11);
    assert!(v["sections"][0]["measures"][0]["line"].as_u64().unwrap() > 0);
    assert!(v["sections"][0]["measures"][0]["text"].is_string());
    assert_eq!(v["doc_number"], "淄高新管字〔2023〕100号");
    assert_eq!(v["date"], "2023-09-01");
    assert!(v["issuer"].is_string());
    assert!(v["title"].is_string());
    let d = &v["diagnostics"][0];
    for key in ["line", "text", "level", "message_zh"] {
        assert!(d.get(key).is_some(), "diagnostic field {key}");
    }
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["level"] == "Warning")
    );
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["level"] == "Understood")
    );
    // Round trip.
    let back: ParsedPolicy = serde_json::from_value(v).unwrap();
    assert_eq!(back, p);
}

// --- other fixtures -----------------------------------------------------

#[test]
fn lead_co_labels_fixture() {
    let p = parse(LEAD_CO);
    assert_eq!(
        p.title.as_deref(),
        Some("淄博高新区管委会关于加快技能人才培养的实施意见")
    );
    assert_eq!(p.doc_number.as_deref(), Some("淄高新管发〔2024〕12号"));
    assert_eq!(
        p.issuer.as_deref(),
        Some("淄博高新技术产业开发区管理委员会")
    );
    assert_eq!(p.date.as_deref(), Some("2024-03-15"));
    assert_eq!(
        p.sections
            .iter()
            .map(|s| s.measures.len())
            .collect::<Vec<_>>(),
        [2, 2]
    );
    check_rows(
        &p,
        &[
            (
                1,
                "建立工作专班",
                Some("人社中心"),
                &["财政金融局", "教育和体育事业中心"],
            ),
            (
                2,
                "完善考核机制",
                Some("组织人事部"),
                &["人社中心", "财政金融局"],
            ),
            (
                3,
                "扩大培训规模",
                Some("人社中心"),
                &["发展和改革局", "工业信息化和商务局"],
            ),
            (4, "落实培训补贴", Some("财政金融局"), &[]),
        ],
    );
    let m3 = all_measures(&p)[2];
    assert_eq!(
        m3.text,
        "扩大培训规模。每年开展职业技能培训不少于5000人次。\n对新就业形态劳动者开展专项培训。"
    );
    assert!(
        statuses(&p, DiagLevel::Unparsed).is_empty(),
        "{:?}",
        statuses(&p, DiagLevel::Unparsed)
    );
    assert_eq!(
        p.warnings().count(),
        0,
        "{:?}",
        p.warnings().collect::<Vec<_>>()
    );
}

#[test]
fn free_form_fixture() {
    let p = parse(FREE_FORM);
    assert_eq!(
        p.title.as_deref(),
        Some("关于推进产教融合型企业建设的工作方案")
    );
    assert_eq!(p.date.as_deref(), Some("2024-05-08"));
    assert_eq!(
        p.issuer.as_deref(),
        Some("淄博高新技术产业开发区管理委员会")
    );
    assert_eq!(
        p.sections
            .iter()
            .map(|s| (s.number, s.title.as_str(), s.measures.len()))
            .collect::<Vec<_>>(),
        [(1, "总体要求", 1), (2, "重点任务", 3)]
    );
    check_rows(
        &p,
        &[
            (
                1,
                "目标任务",
                Some("发展和改革局"),
                &["教育和体育事业中心", "人社中心"],
            ),
            (
                2,
                "遴选培育企业",
                Some("教育和体育事业中心"),
                &["发展和改革局", "工业信息化和商务局"],
            ),
            (3, "落实激励政策", Some("财政金融局"), &["税务局"]),
            (4, "加强宣传引导", None, &[]),
        ],
    );
    let ms = all_measures(&p);
    assert!(
        ms[0].text.ends_with("培育产教融合型企业10家以上。"),
        "{}",
        ms[0].text
    );
    assert!(
        ms[2]
            .text
            .contains("成立由区领导牵头、各部门配合的工作专班。"),
        "{}",
        ms[2].text
    );
    assert!(has_warning(&p, "措施4未找到责任单位"));
}

#[test]
fn arabic_restart_fixture() {
    let p = parse(ARABIC);
    assert_eq!(
        p.title.as_deref(),
        Some("关于支持职业院校技能大赛的若干措施(试行)")
    );
    assert_eq!(p.doc_number, None);
    assert_eq!(p.date, None);
    assert_eq!(
        p.sections
            .iter()
            .map(|s| (s.number, s.title.as_str(), s.measures.len()))
            .collect::<Vec<_>>(),
        [(1, "办赛保障", 2), (2, "激励措施", 2), (3, "附则", 1)]
    );
    check_rows(
        &p,
        &[
            (
                1,
                "完善办赛机制",
                Some("教育和体育事业中心"),
                &["人社中心", "财政金融局"],
            ),
            (
                2,
                "加强经费保障",
                Some("财政金融局"),
                &["教育和体育事业中心", "人社中心"],
            ),
            (1, "奖励获奖选手", Some("人社中心"), &["教育和体育事业中心"]),
            (2, "奖励指导教师", Some("教育和体育事业中心"), &[]),
            (1, "本措施由教育和体育事业中心负责解释", None, &[]),
        ],
    );
    let m2 = all_measures(&p)[1];
    assert_eq!(
        m2.text,
        "加强经费保障。大赛经费纳入年度预算。\n(1)赛事组织经费按实列支；\n(2)获奖奖励经费单独列支。"
    );
    // Restarting numbering is not a gap.
    assert!(!has_warning(&p, "不连续"));
    assert!(statuses(&p, DiagLevel::Unparsed).is_empty());
}

#[test]
fn bold_marks_the_lead() {
    let text1 = "（一）推进校企合作。支持企业参与办学。（责任单位：教育和体育事业中心、工业信息化和商务局、人社中心，黑体为牵头部门，下同）";
    let text2 = "（二）完善评价。健全评价体系。（责任单位：组织人事部、人社中心（牵头））";
    let text3 = "（三）加强督导。开展专项督导。（责任单位：人社中心、教育和体育事业中心）";
    let src = PolicySource {
        lines: vec![
            SourceLine::plain("关于深化产教融合的若干措施"),
            SourceLine::plain("一、主要措施"),
            // Bold beats position: the second unit is bold.
            SourceLine::with_bold_words(text1, &["工业信息化和商务局"]),
            // Bold beats the 牵头 mark.
            SourceLine::with_bold_words(text2, &["组织人事部"]),
            // Whole line bold (e.g. a bold paragraph) carries no information.
            SourceLine {
                text: text3.to_string(),
                bold: vec![0..text3.len()],
            },
        ],
    };
    let p = parse_policy(&src, &identity_resolver);
    check_rows(
        &p,
        &[
            (
                1,
                "推进校企合作",
                Some("工业信息化和商务局"),
                &["教育和体育事业中心", "人社中心"],
            ),
            (2, "完善评价", Some("组织人事部"), &["人社中心"]),
            (3, "加强督导", Some("人社中心"), &["教育和体育事业中心"]),
        ],
    );
    assert!(!has_warning(&p, "黑体"), "bold information was present");
    // Bold ranges that are out of bounds or inverted must not panic.
    let weird = PolicySource {
        lines: vec![SourceLine {
            text: text1.to_string(),
            bold: vec![5000..6000, 30..2, 3..4],
        }],
    };
    let p = parse_policy(&weird, &identity_resolver);
    assert_eq!(
        all_measures(&p)[0].lead.as_deref(),
        Some("教育和体育事业中心")
    );
}

#[test]
fn garbage_fixture() {
    let known = ["教育和体育事业中心", "人社中心"];
    let resolve = |n: &str| known.contains(&n).then(|| n.to_string());
    let src = PolicySource::from_plain_text(GARBAGE);
    let p = parse_policy(&src, &resolve);
    assert_eq!(
        p.title.as_deref(),
        Some("关于进一步加强职业院校实习管理的通知")
    );
    assert_eq!(p.doc_number.as_deref(), Some("淄高新教体字〔2022〕7号"));
    check_rows(
        &p,
        &[
            (1, "规范实习岗位", Some("教育和体育事业中心"), &["人社中心"]),
            (2, "保障实习权益", Some("人社中心"), &["教育和体育事业中心"]),
            (
                5,
                "加强实习监管",
                Some("综合执法局"),
                &["教育和体育事业中心"],
            ),
        ],
    );
    let unparsed: Vec<String> = statuses(&p, DiagLevel::Unparsed)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        unparsed,
        [
            "<div class=\"article\">",
            "&nbsp;&nbsp;",
            "责任单位：人社中心",
            "#### ??? ####",
            "@@@@@@",
            "ÿþ",
            "</div>"
        ]
    );
    assert!(has_warning(&p, "括号不完整"));
    assert!(has_warning(&p, "措施编号不连续：应为3，实际为5"));
    assert_eq!(p.unknown_units(), ["综合执法局"]);
    // Every non-blank line has exactly one status.
    for r in report_lines(&src, &p) {
        assert_eq!(r.level.is_some(), !r.text.is_empty(), "{r:?}");
    }
}

#[test]
fn chapters_and_articles() {
    let text = "淄博高新区职业技能培训补贴管理办法\n\n第一章　总则\n第一条　为规范培训补贴管理，制定本办法。（责任单位：人社中心）\n第二条　本办法适用于全区。（牵头单位：人社中心；配合单位：财政金融局）\n第二章 附则\n第三条 本办法自2024年1月1日起施行。\n";
    let p = parse(text);
    assert_eq!(
        p.title.as_deref(),
        Some("淄博高新区职业技能培训补贴管理办法")
    );
    assert_eq!(
        p.sections
            .iter()
            .map(|s| (s.number, s.title.as_str(), s.measures.len()))
            .collect::<Vec<_>>(),
        [(1, "总则", 2), (2, "附则", 1)]
    );
    let ms = all_measures(&p);
    assert_eq!(ms[0].title, "为规范培训补贴管理，制定本办法");
    assert_eq!(ms[1].co, ["财政金融局"]);
    assert_eq!(ms[2].number, 3);
}

#[test]
fn flat_list_without_sections() {
    let text = "关于做好技能培训工作的通知\n一、摸清底数。开展培训需求调查。（责任单位：人社中心）\n二、组织培训。分批组织培训。（责任单位：人社中心、教育和体育事业中心）\n";
    let p = parse(text);
    assert_eq!(p.sections.len(), 1);
    assert_eq!(p.sections[0].number, 1);
    assert_eq!(p.sections[0].title, "");
    assert_eq!(
        all_measures(&p)
            .iter()
            .map(|m| m.title.as_str())
            .collect::<Vec<_>>(),
        ["摸清底数", "组织培训"]
    );
}

#[test]
fn ambiguous_date_is_not_guessed() {
    let p = parse("关于某事的通知\n一、做事。（责任单位：人社中心）\n淄博高新区管委会\n2023111\n");
    assert_eq!(p.date, None);
    assert!(has_warning(&p, "日期有歧义"));
    assert_eq!(p.issuer.as_deref(), Some("淄博高新区管委会"));
}

// --- robustness ---------------------------------------------------------

#[test]
fn odd_inputs_never_panic() {
    let long_line =
        "（一）很长的措施。".to_string() + &"测试内容、".repeat(20_000) + "（责任单位：人社中心";
    let many_conj = "（一）甲。（责任单位：".to_string() + &"人社中心和".repeat(20_000) + "）";
    let many_conj2 = "（一）甲。（责任单位：".to_string() + &"教育和".repeat(50_000) + "）";
    let many_lines = "（一）措施。（责任单位：人社中心）\n".repeat(5_000);
    let many_parens = "(".repeat(5000) + &")".repeat(3000);
    let inputs: Vec<String> = vec![
        String::new(),
        " \t\u{3000}\u{a0}\n\n\r\n  ".into(),
        "\n".repeat(100),
        "（（（（责任单位：".into(),
        "）））责任单位：）（".into(),
        "(一)".into(),
        "一、".into(),
        "1.".into(),
        "第一章".into(),
        "责任单位：".into(),
        "（牵头单位：；配合单位：）".into(),
        "(一)加强领导。(责任单位:、,;和及)".into(),
        "(一)加强领导。(牵头)".into(),
        "(一)。。。(责任单位:A(牵头(配合)))".into(),
        "一、标题\r\n（一）措施一。（责任单位：人社中心）\r\n（二）措施二。\r\n责任单位：教育和体育事业中心（牵头），人社中心\r\n".into(),
        "\u{feff}\u{200b}（一）\u{200d}零宽字符。（责任单位：人社中心）".into(),
        long_line,
        many_conj,
        many_conj2,
        many_lines,
        many_parens,
        "2023年13月45日\n20231\n2099999999\n〔2023〕号\n〔\n".into(),
        "①②③\n⑳\n(999)\n第九百九十九章\n十十十十十十、\n".into(),
        "由牵头，配合。\n牵头\n配合\n".into(),
        String::from_utf8_lossy(&[0xff, 0xfe, 0x00, 0x41, 0xe4, 0xb8]).into_owned(),
    ];
    for s in &inputs {
        let src = PolicySource::from_plain_text(s);
        let p = parse_policy(&src, &identity_resolver);
        let p2 = parse_policy(&src, &|_| None);
        serde_json::to_string(&p).unwrap();
        report_lines(&src, &p2);
    }
    let p = parse("");
    assert!(p.sections.is_empty() && p.title.is_none());
    // CRLF input parses like LF input.
    let crlf = SEED.replace('\n', "\r\n");
    let p = parse(&crlf);
    assert_eq!(all_measures(&p).len(), 14);
    assert_eq!(all_measures(&p)[13].lead.as_deref(), Some("人社中心"));
    // Bold ranges on odd inputs.
    let src = PolicySource {
        lines: vec![SourceLine {
            text: "（一）甲。（责任单位：人社中心、财政局）".into(),
            bold: vec![0..usize::MAX, usize::MAX..0, 7..8],
        }],
    };
    parse_policy(&src, &identity_resolver);
}
