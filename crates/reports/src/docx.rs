//! The report as a .docx a department can forward as is: A4, official-document fonts by name
//! (方正小标宋简体 title, 黑体 headings, 仿宋_GB2312 body, 宋体 tables — GB/T 9704-2012 党政机关
//! 公文格式 uses 小标宋 for titles, 黑体 for first-level headings and 仿宋 for body text), a
//! 文号-style line, the seven sections, tables, and bar charts.
//!
//! Charts: each bar is a solid-colour PNG ([`crate::chart::BAR_PNG`]) stretched to its
//! length in a table row with the label and value as text, because docx-rs embeds PNG only
//! and rasterising Chinese text would need a font stack (see `chart.rs`).

use crate::chart::{BAR_PNG, Bar, fmt_value};
use crate::tables::{Cell, Table, evidence_zh, group_thousands, tables};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Pic, Run, RunFonts, Shading, Table as DTable, TableCell, TableRow,
    WidthType,
};
use zhijiao_domain::talent_report::{NO_DATA_ZH, ReportOutput, Section};

pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_HEADING: &str = "黑体";
pub const FONT_BODY: &str = "仿宋_GB2312";
pub const FONT_TABLE: &str = "宋体";
const LATIN: &str = "Times New Roman";

/// Optional lines of the document head.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocMeta {
    /// Issuing office, e.g. "淄博高新区教育和体育局" (printed at the end with the date).
    pub issuer_zh: Option<String>,
    /// Serial, e.g. "2026年第3期" (printed in the 文号-style line).
    pub number_zh: Option<String>,
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii(LATIN).hi_ansi(LATIN).cs(LATIN)
}

/// Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 五号 10.5pt.
const SIZE_TITLE: usize = 44;
const SIZE_H1: usize = 32;
const SIZE_H2: usize = 30;
const SIZE_BODY: usize = 32;
const SIZE_TABLE: usize = 21;

fn run(text: impl Into<String>, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, FONT_TITLE, SIZE_TITLE))
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(200))
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text, FONT_HEADING, SIZE_H1)).line_spacing(LineSpacing::new().before(240).after(120))
}

fn subheading(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text, "楷体_GB2312", SIZE_H2).bold()).line_spacing(LineSpacing::new().before(120).after(60))
}

fn body(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text, FONT_BODY, SIZE_BODY)).first_line_chars(200).line_spacing(LineSpacing::new().line(560))
}

fn small(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text, FONT_TABLE, SIZE_TABLE))
}

fn cell(text: &str, bold: bool) -> TableCell {
    let mut r = run(text, FONT_TABLE, SIZE_TABLE);
    if bold {
        r = r.bold();
    }
    TableCell::new().add_paragraph(Paragraph::new().add_run(r))
}

fn table(headers: &[&str], rows: &[Vec<String>]) -> DTable {
    let head = TableRow::new(
        headers.iter().map(|h| cell(h, true).shading(Shading::new().fill("DDEBF7"))).collect(),
    );
    let mut all = vec![head];
    all.extend(rows.iter().map(|r| TableRow::new(r.iter().map(|c| cell(c, false)).collect())));
    DTable::new(all).width(5000, WidthType::Pct)
}

/// A document table from a report table, the first `max_rows` rows (all if 0) and chosen
/// columns (all if empty).
fn from_table(t: &Table, cols: &[usize], max_rows: usize) -> DTable {
    let cols: Vec<usize> = if cols.is_empty() { (0..t.headers.len()).collect() } else { cols.to_vec() };
    let headers: Vec<&str> = cols.iter().filter_map(|&c| t.headers.get(c).copied()).collect();
    let take = if max_rows == 0 { t.rows.len() } else { max_rows };
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .take(take)
        .map(|r| cols.iter().map(|&c| r.get(c).map_or_else(String::new, Cell::display)).collect())
        .collect();
    table(&headers, &rows)
}

/// Bar length of the longest bar: 8 cm in EMU (360,000 EMU per cm).
const BAR_MAX_EMU: u32 = 2_880_000;
const BAR_H_EMU: u32 = 126_000;

/// A bar chart as a table: label | bar (a stretched PNG) | value. `None` without bars.
fn bar_chart(bars: &[Bar], unit: &str) -> Option<DTable> {
    if bars.is_empty() {
        return None;
    }
    let max = bars.iter().map(|b| if b.value.is_finite() { b.value.max(0.0) } else { 0.0 }).fold(0.0, f64::max);
    let png = BAR_PNG.to_vec();
    let rows = bars
        .iter()
        .map(|b| {
            let v = if b.value.is_finite() { b.value.max(0.0) } else { 0.0 };
            let len = if max > 0.0 { ((v / max) * BAR_MAX_EMU as f64).round() as u32 } else { 0 };
            let bar = if len > 0 {
                let pic = Pic::new_with_dimensions(png.clone(), 4, 4).size(len, BAR_H_EMU);
                TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_image(pic)))
            } else {
                TableCell::new().add_paragraph(Paragraph::new())
            };
            TableRow::new(vec![
                cell(&b.label, false).width(2600, WidthType::Dxa),
                bar.width(4800, WidthType::Dxa),
                cell(&format!("{}{unit}", fmt_value(v)), false).width(1400, WidthType::Dxa),
            ])
        })
        .collect();
    Some(DTable::without_borders(rows).width(8800, WidthType::Dxa))
}

fn caption(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text, FONT_HEADING, SIZE_TABLE)).align(AlignmentType::Center).line_spacing(LineSpacing::new().before(120).after(60))
}

fn no_data<T>(d: Docx, s: &Section<T>) -> Docx {
    let note = if s.note_zh.is_empty() { NO_DATA_ZH.to_string() } else { s.note_zh.clone() };
    d.add_paragraph(body(&note))
}

/// The document with the default head (no issuer, no serial).
pub fn docx(r: &ReportOutput) -> Vec<u8> {
    docx_with(r, &DocMeta::default())
}

pub fn docx_with(r: &ReportOutput, meta: &DocMeta) -> Vec<u8> {
    let t = tables(r);
    let by = |sheet: &str| t.iter().find(|x| x.sheet == sheet).expect("every sheet is built");
    let snapshot = r.method.data.as_ref().map(|m| m.snapshot_date_zh.clone()).unwrap_or_default();

    let mut d = Docx::new()
        .page_size(11_906, 16_838) // A4 in twips
        .page_margin(PageMargin::new().top(2_098).bottom(1_984).left(1_587).right(1_474))
        .default_fonts(fonts(FONT_BODY))
        .default_size(SIZE_BODY);

    d = d.add_paragraph(title(&r.title_zh));
    let mut line = String::new();
    if let Some(n) = &meta.number_zh {
        line.push_str(n);
        line.push_str("　");
    }
    line.push_str(&format!("{}　{}　数据截至{}", r.period.label_zh(), r.scope.label_zh(), snapshot));
    d = d.add_paragraph(
        Paragraph::new().add_run(run(line, FONT_BODY, SIZE_BODY)).align(AlignmentType::Center).line_spacing(LineSpacing::new().after(240)),
    );

    // 一、总体情况
    d = d.add_paragraph(heading(&r.summary.title_zh));
    match &r.summary.data {
        Some(s) => {
            for h in &s.headlines_zh {
                d = d.add_paragraph(body(h));
            }
            let top = by("紧缺职业TOP10");
            d = d.add_paragraph(caption("表1　紧缺职业前十位"));
            if top.rows.is_empty() {
                d = d.add_paragraph(body(&top.note_zh));
            } else {
                d = d.add_table(from_table(top, &[0, 1, 3, 4, 5, 6, 7, 9], 0));
                let bars: Vec<Bar> = s
                    .top_short
                    .iter()
                    .map(|g| Bar::new(&g.occupation_name, g.shortage.as_ref().map_or(0.0, |x| x.index)))
                    .collect();
                if let Some(c) = bar_chart(&bars, "") {
                    d = d.add_paragraph(caption("图1　紧缺职业紧缺指数（1–5）")).add_table(c);
                }
            }
        }
        None => d = no_data(d, &r.summary),
    }

    // 二、岗位需求
    d = d.add_paragraph(heading(&r.demand.title_zh));
    match &r.demand.data {
        Some(dm) => {
            let t = &dm.totals;
            d = d.add_paragraph(body(&format!(
                "本期共发布岗位{}个，按同一企业、同一岗位名称、同一工作地点在去重窗口内合并后为{}个去重岗位（剔除重复{}个），其中新增{}个，需求人数{}人。",
                group_thousands(t.total_postings),
                group_thousands(t.unique_postings),
                group_thousands(t.duplicates),
                group_thousands(t.new_postings),
                group_thousands(t.headcount)
            )));
            if !r.demand.note_zh.is_empty() {
                d = d.add_paragraph(body(&r.demand.note_zh));
            }
            let mut fig = 2;
            let mut tab = 2;
            // Charts of the chain (table 0) and occupation (table 2) distributions.
            for k in [0usize, 2] {
                if let Some(tb) = dm.tables.get(k) {
                    let bars: Vec<Bar> = tb.rows.iter().take(10).map(|r| Bar::new(&r.label_zh, r.unique_postings as f64)).collect();
                    if let Some(c) = bar_chart(&bars, "个") {
                        d = d.add_paragraph(caption(&format!("图{fig}　去重岗位{}", tb.title_zh))).add_table(c);
                        fig += 1;
                    }
                }
            }
            for sheet in ["需求-按行业", "需求-按需求专业", "需求-按学历要求", "需求-按经验要求", "需求-按薪酬区间"] {
                let tb = by(sheet);
                d = d.add_paragraph(caption(&format!("表{tab}　{}", tb.title_zh)));
                d = d.add_table(from_table(tb, &[0, 2, 3, 4, 5, 6], 10));
                tab += 1;
            }
            let bars: Vec<Bar> = dm.monthly.iter().map(|m| Bar::new(&m.label_zh, m.unique_postings as f64)).collect();
            if let Some(c) = bar_chart(&bars, "个") {
                d = d.add_paragraph(caption(&format!("图{fig}　月度去重岗位数"))).add_table(c);
            }
        }
        None => d = no_data(d, &r.demand),
    }

    // 三、人才供给
    d = d.add_paragraph(heading(&r.supply.title_zh));
    match &r.supply.data {
        Some(s) => {
            let t = &s.totals;
            let pct = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{:.1}%", v * 100.0));
            d = d.add_paragraph(body(&format!(
                "{}届对口专业毕业生{}人，就业{}人、升学{}人、待就业{}人，毕业去向落实率{}，升学率{}；本地就业{}人，本地就业率{}。",
                t.cohort,
                group_thousands(t.graduates),
                group_thousands(t.employed),
                group_thousands(t.further_study),
                group_thousands(t.seeking),
                pct(t.placement_rate),
                pct(t.further_study_rate),
                group_thousands(t.employed_local),
                pct(t.local_retention_rate)
            )));
            if !r.supply.note_zh.is_empty() {
                d = d.add_paragraph(body(&r.supply.note_zh));
            }
            d = d.add_paragraph(caption("表　毕业生供给（按专业）")).add_table(from_table(by("供给-按专业"), &[0, 2, 4, 5, 6, 9, 11, 12], 0));
        }
        None => d = no_data(d, &r.supply),
    }

    // 四、供需缺口与紧缺指数
    d = d.add_paragraph(heading(&r.gap.title_zh));
    match &r.gap.data {
        Some(g) => {
            if !r.gap.note_zh.is_empty() {
                d = d.add_paragraph(body(&r.gap.note_zh));
            }
            let sc = g.star_counts;
            d = d.add_paragraph(body(&format!(
                "按五个维度评定紧缺指数的职业共{}个：★5 {}个、★4 {}个、★3 {}个、★2 {}个、★1 {}个。",
                sc.iter().sum::<u64>(),
                sc[4],
                sc[3],
                sc[2],
                sc[1],
                sc[0]
            )));
            d = d.add_paragraph(subheading("（一）按职业"));
            let occ = by("缺口-按职业");
            if occ.rows.is_empty() {
                d = d.add_paragraph(body(&occ.note_zh));
            } else {
                d = d.add_table(from_table(occ, &[0, 2, 3, 4, 5, 6, 7, 9], 20));
                d = d.add_paragraph(subheading("（二）紧缺指数评分明细"));
                d = d.add_table(from_table(occ, &[0, 10, 11, 12, 13, 14, 8, 9], 10));
            }
            d = d.add_paragraph(subheading("（三）按专业"));
            let mj = by("缺口-按专业");
            if mj.rows.is_empty() {
                d = d.add_paragraph(body(&format!("{NO_DATA_ZH}：没有本区院校专业的供给数据。")));
            } else {
                d = d.add_table(from_table(mj, &[0, 2, 5, 6, 7, 8], 0));
            }
            d = d.add_paragraph(subheading("（四）订单班、学徒制供求比"));
            let anr = by("订单班学徒制供求比");
            if anr.rows.is_empty() {
                d = d.add_paragraph(body(&anr.note_zh));
            } else {
                d = d.add_table(from_table(anr, &[0, 2, 3, 4, 5, 6, 7], 0));
            }
        }
        None => d = no_data(d, &r.gap),
    }

    // 五、岗位技能需求
    d = d.add_paragraph(heading(&r.skills.title_zh));
    match &r.skills.data {
        Some(v) => {
            let rows: Vec<Vec<String>> = v
                .iter()
                .take(15)
                .map(|o| {
                    vec![
                        o.occupation_name.clone(),
                        group_thousands(o.unique_postings),
                        o.skills
                            .iter()
                            .take(5)
                            .map(|s| format!("{}（{}）", s.skill, s.share.map_or("—".into(), |x| format!("{:.0}%", x * 100.0))))
                            .collect::<Vec<_>>()
                            .join("、"),
                    ]
                })
                .collect();
            d = d.add_table(table(&["职业", "去重岗位数", "最常要求的技能（提及率）"], &rows));
        }
        None => d = no_data(d, &r.skills),
    }

    // 六、专业设置建议
    d = d.add_paragraph(heading(&r.recommendations.title_zh));
    match &r.recommendations.data {
        Some(v) => {
            d = d.add_paragraph(body(&r.recommendations.note_zh));
            for (i, x) in v.iter().enumerate() {
                let subject = match (&x.major, &x.occupation_name) {
                    (Some(m), _) => format!("{}（{}，{}）", m.name, m.level_zh, m.code),
                    (None, Some(o)) => format!("面向“{o}”岗位"),
                    (None, None) => String::new(),
                };
                d = d.add_paragraph(subheading(&format!("{}. {}：{}", i + 1, x.action_zh, subject)));
                if !x.candidates.is_empty() {
                    let c = x.candidates.iter().map(|m| format!("{}（{}）", m.name, m.level_zh)).collect::<Vec<_>>().join("、");
                    let label = if x.action == zhijiao_domain::talent_report::Action::Merge { "建议并入" } else { "可设专业" };
                    d = d.add_paragraph(body(&format!("{label}：{c}。")));
                }
                d = d.add_paragraph(body(&format!("依据：{}。{}", x.rule_zh, x.source_zh)));
                d = d.add_paragraph(body(&format!("数据：{}。", evidence_zh(x))));
            }
        }
        None => d = no_data(d, &r.recommendations),
    }

    // 七、方法说明
    d = d.add_paragraph(heading(&r.method.title_zh));
    match &r.method.data {
        Some(m) => {
            d = d.add_paragraph(body(&format!(
                "报告期：{}；范围：{}；数据截至{}；岗位去重窗口{}天。",
                m.period_zh, m.scope_zh, m.snapshot_date_zh, m.dedup_window_days
            )));
            d = d.add_paragraph(body(&format!("数据来源：{}。", m.sources_zh.join("；"))));
            for c in &m.chains {
                d = d.add_paragraph(body(&format!("{}产业链：国民经济行业分类（GB/T 4754-2017）{}。", c.name, c.industry_codes.join("、"))));
            }
            d = d.add_paragraph(body(&m.crosswalk_zh));
            for f in &m.formulas_zh {
                d = d.add_paragraph(body(f));
            }
        }
        None => d = no_data(d, &r.method),
    }

    if let Some(issuer) = &meta.issuer_zh {
        d = d
            .add_paragraph(Paragraph::new().add_run(run(issuer, FONT_BODY, SIZE_BODY)).align(AlignmentType::Right).line_spacing(LineSpacing::new().before(480)))
            .add_paragraph(Paragraph::new().add_run(run(&snapshot, FONT_BODY, SIZE_BODY)).align(AlignmentType::Right));
    }
    d = d.add_paragraph(small(""));

    let mut buf = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut buf).expect("writing a zip into memory cannot fail");
    buf.into_inner()
}
