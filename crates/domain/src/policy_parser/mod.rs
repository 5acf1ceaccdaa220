//! Parse a Chinese government policy document (通知/若干措施/实施意见 …) into
//! sections, measures and responsible units.
//!
//! The caller turns HTML or .docx into a [`PolicySource`] (one entry per
//! paragraph, with bold byte ranges where the source marked bold) and passes
//! a resolver that maps unit names as written to canonical department names.
//! Parsing never fails and never panics: whatever is not understood is
//! reported line by line in [`ParsedPolicy::diagnostics`].
//!
//! Line numbers (`Measure::line`, `Diagnostic::line`) are 1-based indices
//! into `PolicySource::lines`; `0` means "the whole document".
//!
//! Every non-blank line gets exactly one status diagnostic
//! ([`DiagLevel::Understood`] or [`DiagLevel::Unparsed`]); [`DiagLevel::Warning`]
//! diagnostics come on top (unknown unit, numbering gap, lost characters …).
//! [`report_lines`] folds them into one row per source line for the UI.

mod text;
mod units;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use text::{DateGuess, DocNo, Norm, broken_doc_refs, cn_number, doc_number_line, parse_date_line};
use units::{Clause, Role, find_clause, looks_like_unit};

/// One line/paragraph of source text with bold spans (byte ranges into
/// `text`) where the source marked bold (HTML `<strong>`/`<b>`, docx bold
/// runs); plain text has none.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourceLine {
    pub text: String,
    pub bold: Vec<Range<usize>>,
}

impl SourceLine {
    pub fn plain(text: impl Into<String>) -> Self {
        SourceLine {
            text: text.into(),
            bold: Vec::new(),
        }
    }

    /// A line with the given substrings marked bold (each first occurrence).
    /// Convenience for callers and tests that know the bold words, not offsets.
    pub fn with_bold_words(text: impl Into<String>, words: &[&str]) -> Self {
        let text = text.into();
        let bold = words
            .iter()
            .filter(|w| !w.is_empty())
            .filter_map(|w| text.find(w).map(|i| i..i + w.len()))
            .collect();
        SourceLine { text, bold }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PolicySource {
    pub lines: Vec<SourceLine>,
}

impl PolicySource {
    /// Split plain text into lines (`\n`, `\r\n` or a lone `\r`), no bold.
    pub fn from_plain_text(s: &str) -> Self {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        PolicySource {
            lines: s.split('\n').map(SourceLine::plain).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParsedPolicy {
    pub title: Option<String>,
    /// 文号 in canonical form with 〔〕, e.g. 淄高新管字〔2023〕100号.
    pub doc_number: Option<String>,
    /// 发文机关, e.g. 淄博高新技术产业开发区管理委员会.
    pub issuer: Option<String>,
    /// ISO yyyy-mm-dd when recoverable without ambiguity.
    pub date: Option<String>,
    pub sections: Vec<Section>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Section {
    /// As numbered in the source (一 → 1). 0 for measures found before the
    /// first section heading; a document without headings gets one section 1
    /// with an empty title.
    pub number: u32,
    pub title: String,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Measure {
    /// As numbered in the source ((十一) → 11); may restart per section.
    pub number: u32,
    /// First sentence of the measure, without number and final 。.
    pub title: String,
    /// Lead unit (canonical name via the resolver, else as written).
    pub lead: Option<String>,
    /// Cooperating units in source order, without the lead.
    pub co: Vec<String>,
    /// The measure's text (title sentence included, number and units clause
    /// removed); paragraphs joined with `\n`.
    pub text: String,
    /// 1-based line of the measure heading.
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DiagLevel {
    /// The line was recognised (title, 文号, section, measure, units …).
    Understood,
    /// The line fits nothing and is neither blank nor page boilerplate.
    Unparsed,
    /// Something needs a human look (unknown unit, lost characters …).
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// 1-based source line; 0 for the whole document.
    pub line: usize,
    /// The source line (trimmed), empty for document-level diagnostics.
    pub text: String,
    pub level: DiagLevel,
    pub message_zh: String,
}

/// One row per source line, for a line-by-line view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineReport {
    /// 1-based.
    pub line: usize,
    pub text: String,
    /// `None` for blank lines.
    pub level: Option<DiagLevel>,
    pub message_zh: String,
    pub warnings: Vec<String>,
}

impl ParsedPolicy {
    /// All measures in document order.
    pub fn measures(&self) -> impl Iterator<Item = &Measure> {
        self.sections.iter().flat_map(|s| s.measures.iter())
    }

    /// Warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.level == DiagLevel::Warning)
    }

    /// Unit names the resolver did not know (as written), in order of appearance.
    pub fn unknown_units(&self) -> Vec<String> {
        self.warnings()
            .filter_map(|d| d.message_zh.strip_prefix(UNKNOWN_UNIT).map(str::to_string))
            .collect()
    }
}

const UNKNOWN_UNIT: &str = "未识别的单位：";

/// Resolver that accepts every name as canonical (for tests and previews).
pub fn identity_resolver(name: &str) -> Option<String> {
    Some(name.to_string())
}

/// One row per source line: status, message and warnings.
pub fn report_lines(src: &PolicySource, parsed: &ParsedPolicy) -> Vec<LineReport> {
    let mut rows: Vec<LineReport> = src
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| LineReport {
            line: i + 1,
            text: l.text.trim().to_string(),
            level: None,
            message_zh: String::new(),
            warnings: Vec::new(),
        })
        .collect();
    for d in &parsed.diagnostics {
        let Some(row) = d.line.checked_sub(1).and_then(|i| rows.get_mut(i)) else {
            continue;
        };
        match d.level {
            DiagLevel::Warning => row.warnings.push(d.message_zh.clone()),
            level if row.level.is_none() => {
                row.level = Some(level);
                row.message_zh = d.message_zh.clone();
            }
            _ => {}
        }
    }
    rows
}

/// Parse a policy. Never panics; see the module docs for diagnostics.
pub fn parse_policy(src: &PolicySource, resolve: &dyn Fn(&str) -> Option<String>) -> ParsedPolicy {
    let mut p = Parser::new(src, resolve);
    p.run();
    // Status first, then warnings, per line (stable).
    p.out
        .diagnostics
        .sort_by_key(|d| (d.line, d.level == DiagLevel::Warning));
    p.out
}

// ---------------------------------------------------------------------------
// Headings

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Style {
    /// 第一章 / 第一部分 / 第一篇 / 第一节
    Chapter,
    /// 一、
    CnEnum,
    /// 第一条
    Article,
    /// (一)
    ParenCn,
    /// 1. / 1、
    Arabic,
    /// (1) / 1)
    ParenArabic,
    /// ①
    Circled,
}

#[derive(Clone, Copy, Debug)]
struct Heading {
    style: Style,
    number: u32,
    /// Byte offset (normalised) where the heading's text starts.
    rest: usize,
}

const CN_NUM: &str = "[一二三四五六七八九十百零〇两]{1,6}";

static RE_CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^第\s*({CN_NUM}|\d{{1,3}})\s*(?:章|部分|篇|节)\s*[、:.]?\s*"
    ))
    .unwrap()
});
static RE_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^第\s*({CN_NUM}|\d{{1,3}})\s*条\s*[、:.]?\s*")).unwrap()
});
static RE_CN_ENUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({CN_NUM})\s*[、.]\s*")).unwrap());
static RE_PAREN_CN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[(〔]\s*({CN_NUM})\s*[)〕]\s*[、.]?\s*")).unwrap());
static RE_ARABIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\s*(?:、|\.)\s*").unwrap());
static RE_PAREN_AR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\(\s*(\d{1,3})\s*\)|(\d{1,3})\))\s*[、.]?\s*").unwrap());

fn detect_heading(t: &str) -> Option<Heading> {
    let table: [(&Regex, Style); 6] = [
        (&RE_CHAPTER, Style::Chapter),
        (&RE_ARTICLE, Style::Article),
        (&RE_CN_ENUM, Style::CnEnum),
        (&RE_PAREN_CN, Style::ParenCn),
        (&RE_ARABIC, Style::Arabic),
        (&RE_PAREN_AR, Style::ParenArabic),
    ];
    for (re, style) in table {
        if let Some(c) = re.captures(t) {
            let num = c.get(1).or_else(|| c.get(2))?.as_str();
            let rest = c.get(0)?.end();
            // "1.5亿元" is not a heading.
            if style == Style::Arabic && t[rest..].starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            let number = cn_number(num)?;
            return Some(Heading {
                style,
                number,
                rest,
            });
        }
    }
    let first = t.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        let number = first as u32 - '①' as u32 + 1;
        let rest = first.len_utf8()
            + (t[first.len_utf8()..].len() - t[first.len_utf8()..].trim_start().len());
        return Some(Heading {
            style: Style::Circled,
            number,
            rest,
        });
    }
    None
}

// ---------------------------------------------------------------------------
// Line classes outside measures

static RE_BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:扫码使用手机浏览本页内容|扫一扫在手机(?:上)?打开当前页|【?打印(?:本页)?】?|【?关闭(?:窗口)?】?|返回顶部|分享到.*|字号[:].*|来源[:].*|发布(?:时间|日期)[:].*|浏览(?:次数)?[:].*|\(此件[^)]{0,10}\)|.*(?:版权所有|ICP备).*|上一篇.*|下一篇.*|附件[:]?)$",
    )
    .unwrap()
});
static RE_TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:通知|措施|意见|办法|方案|规定|细则|决定|规划|计划|通告|公告|指引|指南|条例|纲要|要点|批复|函)(?:\s*\((?:试行|暂行|修订|修订稿|征求意见稿)\))?$").unwrap()
});
static RE_ORG_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:委员会|管委会|人民政府|政府|办公室|办公厅|党工委|局|厅|中心|部|委|办|院|公司|集团|街道|镇)$").unwrap()
});
static RE_ORG_STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:委员会|管委会|人民政府|政府|办公室|办公厅|党工委)$").unwrap());
static RE_CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^本(?:措施|办法|意见|方案|规定|通知|细则|决定|政策|文件|实施意见|若干措施).{0,30}(?:施行|实施|执行|生效|负责解释)|自(?:发布|印发|公布)之日起").unwrap()
});

fn is_boilerplate(t: &str) -> bool {
    RE_BOILERPLATE.is_match(t)
}

fn is_title_candidate(t: &str) -> bool {
    let n = t.chars().count();
    (4..=100).contains(&n) && !t.contains('。') && !t.ends_with(':') && (RE_TITLE_END.is_match(t))
}

fn is_org_line(t: &str) -> bool {
    let n = t.chars().count();
    (3..=40).contains(&n) && !t.contains([',', '。', ':', ';', '、']) && RE_ORG_END.is_match(t)
}

fn has_han(t: &str) -> bool {
    t.chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c))
}

/// First sentence of a measure's text, without final punctuation.
fn first_sentence(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let mut depth = 0usize;
    let mut cut = first.len();
    for (i, c) in first.char_indices() {
        match c {
            '(' | '（' | '【' | '[' => depth += 1,
            ')' | '）' | '】' | ']' => depth = depth.saturating_sub(1),
            '。' | '！' | '？' if depth == 0 => {
                cut = i;
                break;
            }
            ':' | '：' if depth == 0 && first[..i].chars().count() <= 30 => {
                cut = i;
                break;
            }
            _ => {}
        }
    }
    first[..cut]
        .trim()
        .trim_end_matches([',', '，', ';', '；', ':', '：', '.', '、'])
        .trim()
        .to_string()
}

// ---------------------------------------------------------------------------
// Parser

struct UnitEntry {
    name: String,
    role: Role,
    bold: bool,
    line: usize,
}

struct MeasureBuilder {
    number: u32,
    line: usize,
    parts: Vec<String>,
    units: Vec<UnitEntry>,
    has_clause: bool,
    bold_note: bool,
}

struct Parser<'a> {
    src: &'a PolicySource,
    resolve: &'a dyn Fn(&str) -> Option<String>,
    norms: Vec<Norm>,
    headings: Vec<Option<Heading>>,
    section_style: Option<Style>,
    measure_style: Option<Style>,
    out: ParsedPolicy,
    measure: Option<MeasureBuilder>,
    /// The current measure is closed (units seen or a closing clause met).
    measure_closed: bool,
    prev_measure_no: Option<u32>,
    first_in_section: bool,
    unknown_seen: HashSet<String>,
    bold_note_warned: bool,
    measures_without_units: Vec<(usize, u32)>,
    measures_with_units: usize,
    signature_issuer: Option<String>,
    header_orgs: Vec<usize>,
}

impl<'a> Parser<'a> {
    fn new(src: &'a PolicySource, resolve: &'a dyn Fn(&str) -> Option<String>) -> Self {
        let norms: Vec<Norm> = src.lines.iter().map(|l| Norm::new(&l.text)).collect();
        let headings = norms.iter().map(|n| detect_heading(&n.text)).collect();
        Parser {
            src,
            resolve,
            norms,
            headings,
            section_style: None,
            measure_style: None,
            out: ParsedPolicy::default(),
            measure: None,
            measure_closed: false,
            prev_measure_no: None,
            first_in_section: true,
            unknown_seen: HashSet::new(),
            bold_note_warned: false,
            measures_without_units: Vec::new(),
            measures_with_units: 0,
            signature_issuer: None,
            header_orgs: Vec::new(),
        }
    }

    fn t(&self, i: usize) -> &str {
        &self.norms[i].text
    }

    fn orig_line(&self, i: usize) -> &'a str {
        self.src.lines.get(i).map_or("", |l| l.text.as_str())
    }

    /// Original text for a normalised range of line `i`, trimmed.
    fn orig(&self, i: usize, r: Range<usize>) -> String {
        self.norms[i].orig_slice(self.orig_line(i), r).to_string()
    }

    fn diag(&mut self, line: usize, level: DiagLevel, msg: impl Into<String>) {
        let text = self.orig_line(line).trim().to_string();
        self.out.diagnostics.push(Diagnostic {
            line: line + 1,
            text,
            level,
            message_zh: msg.into(),
        });
    }

    fn doc_diag(&mut self, level: DiagLevel, msg: impl Into<String>) {
        self.out.diagnostics.push(Diagnostic {
            line: 0,
            text: String::new(),
            level,
            message_zh: msg.into(),
        });
    }

    fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i + 1..self.norms.len()).find(|&j| !self.norms[j].text.is_empty())
    }

    fn is_date_line(&self, i: usize) -> bool {
        parse_date_line(self.t(i)).is_some()
    }

    fn choose_styles(&mut self) {
        let present: HashSet<Style> = self.headings.iter().flatten().map(|h| h.style).collect();
        let section = [Style::Chapter, Style::CnEnum]
            .into_iter()
            .find(|s| present.contains(s));
        let lower = [
            Style::CnEnum,
            Style::Article,
            Style::ParenCn,
            Style::Arabic,
            Style::ParenArabic,
            Style::Circled,
        ];
        let measure = lower
            .into_iter()
            .find(|s| present.contains(s) && section.is_none_or(|sec| *s > sec));
        match (section, measure) {
            (Some(s), None) => {
                // Only one numbering level: those are the measures.
                self.section_style = None;
                self.measure_style = Some(s);
            }
            (s, m) => {
                self.section_style = s;
                self.measure_style = m;
            }
        }
    }

    fn heading_kind(&self, i: usize) -> Option<(bool, Heading)> {
        let h = self.headings[i]?;
        if Some(h.style) == self.section_style {
            Some((true, h))
        } else if Some(h.style) == self.measure_style {
            Some((false, h))
        } else {
            None
        }
    }

    fn run(&mut self) {
        self.choose_styles();
        let n = self.norms.len();
        let body_start = (0..n)
            .find(|&i| self.heading_kind(i).is_some())
            .unwrap_or(n);
        self.header(body_start);
        for i in body_start..n {
            self.body_line(i);
        }
        self.finish_measure();
        self.finish();
    }

    // --- header ----------------------------------------------------------

    fn header(&mut self, end: usize) {
        let mut titles = Vec::new();
        for i in 0..end {
            let t = self.t(i).to_string();
            if t.is_empty() {
                continue;
            }
            self.check_broken_refs(i);
            if self.common_line(i) {
                continue;
            }
            if is_title_candidate(&t) {
                titles.push(i);
            } else if is_org_line(&t) {
                self.header_orgs.push(i);
            } else if t.ends_with(':') {
                self.diag(i, DiagLevel::Understood, "主送单位");
            } else if t.contains("印发给你们") || t.starts_with("现将") {
                self.diag(i, DiagLevel::Understood, "印发说明");
            } else if t.contains('。') && t.chars().count() > 15 && has_han(&t) {
                self.diag(i, DiagLevel::Understood, "导语");
            } else {
                self.diag(i, DiagLevel::Unparsed, "无法识别的行");
            }
        }
        // The policy's own title is the last title line before the body (an
        // earlier "印发……的通知" is the cover letter's title).
        if let Some(&last) = titles.last() {
            self.out.title = Some(self.orig(last, 0..self.t(last).len()));
        }
        for &i in &titles {
            let msg = if Some(&i) == titles.last() {
                "标题"
            } else {
                "印发通知标题"
            };
            self.diag(i, DiagLevel::Understood, msg);
        }
        for k in 0..self.header_orgs.len() {
            let i = self.header_orgs[k];
            self.diag(i, DiagLevel::Understood, "机关名称");
        }
    }

    /// Lines recognised anywhere: boilerplate, 文号, dates, signatures.
    /// Returns true when the line got its status.
    fn common_line(&mut self, i: usize) -> bool {
        let t = self.t(i).to_string();
        if is_boilerplate(&t) {
            self.diag(i, DiagLevel::Understood, "页面附加文字，已忽略");
            return true;
        }
        if let Some(dn) = doc_number_line(&t) {
            match dn {
                DocNo::Clean(s) => {
                    self.diag(i, DiagLevel::Understood, format!("文号：{s}"));
                    self.out.doc_number.get_or_insert(s);
                }
                DocNo::Recovered(s) => {
                    self.diag(i, DiagLevel::Understood, format!("文号：{s}"));
                    self.diag(i, DiagLevel::Warning, format!("文号缺字，推断为：{s}"));
                    self.out.doc_number.get_or_insert(s);
                }
            }
            return true;
        }
        if let Some(g) = parse_date_line(&t) {
            match g {
                DateGuess::Exact(d) => {
                    let iso = d.format("%Y-%m-%d").to_string();
                    let compact: String = t.chars().filter(char::is_ascii_digit).collect();
                    if t.chars().all(|c| c.is_ascii_digit() || c == ' ') {
                        self.diag(
                            i,
                            DiagLevel::Warning,
                            format!("日期缺少“年月日”，推断为：{iso}（原文：{compact}）"),
                        );
                    }
                    self.diag(i, DiagLevel::Understood, format!("成文日期：{iso}"));
                    self.out.date.get_or_insert(iso);
                }
                DateGuess::Ambiguous(v) => {
                    let alts: Vec<String> =
                        v.iter().map(|d| d.format("%Y-%m-%d").to_string()).collect();
                    self.diag(i, DiagLevel::Understood, "成文日期（无法确定）");
                    self.diag(
                        i,
                        DiagLevel::Warning,
                        format!("日期有歧义，可能为：{}", alts.join("、")),
                    );
                }
                DateGuess::Invalid => {
                    self.diag(i, DiagLevel::Understood, "成文日期（无效）");
                    self.diag(i, DiagLevel::Warning, "日期无效");
                }
            }
            return true;
        }
        if is_org_line(&t) && self.next_nonblank(i).is_some_and(|j| self.is_date_line(j)) {
            self.diag(i, DiagLevel::Understood, "落款发文机关");
            if self.signature_issuer.is_none() {
                self.signature_issuer = Some(self.orig(i, 0..t.len()));
            }
            return true;
        }
        false
    }

    fn check_broken_refs(&mut self, i: usize) {
        if doc_number_line(self.t(i)).is_some() {
            return;
        }
        for (found, guess) in broken_doc_refs(self.t(i)) {
            self.diag(
                i,
                DiagLevel::Warning,
                format!("文号疑似缺字：{found}（可能为{guess}）"),
            );
        }
    }

    // --- body ------------------------------------------------------------

    fn body_line(&mut self, i: usize) {
        let t = self.t(i).to_string();
        if t.is_empty() {
            return;
        }
        self.check_broken_refs(i);
        if let Some((is_section, h)) = self.heading_kind(i) {
            self.finish_measure();
            if is_section {
                self.start_section(i, h);
            } else {
                self.start_measure(i, h);
            }
            return;
        }
        if let Some(c) = find_clause(&t)
            && c.range.start == 0
        {
            // A units line on its own ("责任单位：A（牵头），B").
            if self.measure.is_some() {
                self.add_clause(i, &c);
                self.diag(i, DiagLevel::Understood, "责任单位");
            } else {
                self.diag(i, DiagLevel::Unparsed, "责任单位行前没有措施");
            }
            return;
        }
        if self.common_line(i) {
            return;
        }
        if RE_CLOSING.is_match(&t) {
            self.finish_measure();
            self.diag(i, DiagLevel::Understood, "施行条款");
            return;
        }
        let open = self.measure.is_some() && !self.measure_closed;
        if open && has_han(&t) {
            let clause = find_clause(&t);
            let end = clause.as_ref().map_or(t.len(), |c| c.range.start);
            let mut piece = self.orig(i, 0..end);
            if let Some(c) = &clause {
                let after = self.orig(i, c.range.end..t.len());
                piece.push_str(&after);
                self.add_clause(i, c);
            }
            let no = self.measure.as_ref().map_or(0, |m| m.number);
            if let Some(m) = self.measure.as_mut()
                && !piece.is_empty()
            {
                m.parts.push(piece);
            }
            let msg = if clause.is_some() {
                format!("措施{no}正文及责任单位")
            } else {
                format!("措施{no}正文")
            };
            self.diag(i, DiagLevel::Understood, msg);
            return;
        }
        self.diag(i, DiagLevel::Unparsed, "无法识别的行");
    }

    fn start_section(&mut self, i: usize, h: Heading) {
        let t = self.t(i).to_string();
        let rest = &t[h.rest..];
        let end = rest.find('。').map_or(t.len(), |p| h.rest + p);
        let title = self
            .orig(i, h.rest..end)
            .trim_end_matches([':', '：', ',', '，', '；', ';'])
            .trim()
            .to_string();
        let expected = self.out.sections.last().map_or(1, |s| s.number + 1);
        if h.number != expected
            && !(self.out.sections.len() == 1 && self.out.sections[0].number == 0)
        {
            self.diag(
                i,
                DiagLevel::Warning,
                format!("章节编号不连续：应为{expected}，实际为{}", h.number),
            );
        }
        self.diag(
            i,
            DiagLevel::Understood,
            format!("章节{}：{title}", h.number),
        );
        self.out.sections.push(Section {
            number: h.number,
            title,
            measures: Vec::new(),
        });
        self.first_in_section = true;
    }

    fn start_measure(&mut self, i: usize, h: Heading) {
        if self.out.sections.is_empty() {
            let number = if self.section_style.is_some() {
                self.diag(i, DiagLevel::Warning, "措施出现在第一个章节标题之前");
                0
            } else {
                1
            };
            self.out.sections.push(Section {
                number,
                title: String::new(),
                measures: Vec::new(),
            });
        }
        let continuing = self.prev_measure_no.map_or(1, |p| p + 1);
        let ok = h.number == continuing || (self.first_in_section && h.number == 1);
        if !ok {
            self.diag(
                i,
                DiagLevel::Warning,
                format!("措施编号不连续：应为{continuing}，实际为{}", h.number),
            );
        }
        self.prev_measure_no = Some(h.number);
        self.first_in_section = false;

        let t = self.t(i).to_string();
        let clause = find_clause(&t[h.rest..]).map(|mut c| {
            shift_clause(&mut c, h.rest);
            c
        });
        let end = clause.as_ref().map_or(t.len(), |c| c.range.start);
        let mut piece = self.orig(i, h.rest..end);
        if let Some(c) = &clause {
            piece.push_str(&self.orig(i, c.range.end..t.len()));
        }
        self.measure = Some(MeasureBuilder {
            number: h.number,
            line: i,
            parts: if piece.is_empty() {
                Vec::new()
            } else {
                vec![piece]
            },
            units: Vec::new(),
            has_clause: false,
            bold_note: false,
        });
        self.measure_closed = false;
        if let Some(c) = clause {
            self.add_clause(i, &c);
        }
    }

    fn add_clause(&mut self, i: usize, c: &Clause) {
        if c.unbalanced {
            self.diag(i, DiagLevel::Warning, "责任单位括号不完整");
        }
        let src = self.src;
        let bold = src.lines.get(i).map_or(&[][..], |l| l.bold.as_slice());
        let mut entries = Vec::new();
        for u in &c.units {
            let o = self.norms[i].orig_range(u.range.clone());
            let name = self.orig(i, u.range.clone());
            if name.is_empty() {
                continue;
            }
            let len = o.end - o.start;
            let covered: usize = bold
                .iter()
                .map(|b| b.end.min(o.end).saturating_sub(b.start.max(o.start)))
                .sum();
            entries.push(UnitEntry {
                name,
                role: u.role,
                bold: len > 0 && covered * 2 >= len,
                line: i,
            });
        }
        if let Some(m) = self.measure.as_mut() {
            m.has_clause = true;
            m.bold_note |= c.bold_note;
            m.units.extend(entries);
        }
        self.measure_closed = true;
    }

    fn finish_measure(&mut self) {
        let Some(m) = self.measure.take() else { return };
        self.measure_closed = true;
        let text = m.parts.join("\n").trim().to_string();
        let title = first_sentence(&text);

        // Lead: bold > marked 牵头 > first listed.
        let n_bold = m.units.iter().filter(|u| u.bold).count();
        let lead_idx = if n_bold > 0 && (n_bold < m.units.len() || m.units.len() == 1) {
            if n_bold > 1 {
                self.diag(
                    m.line,
                    DiagLevel::Warning,
                    "多个单位加粗，取第一个为牵头单位",
                );
            }
            m.units.iter().position(|u| u.bold)
        } else if let Some(p) = m.units.iter().position(|u| u.role == Role::Lead) {
            if m.units.iter().filter(|u| u.role == Role::Lead).count() > 1 {
                self.diag(
                    m.line,
                    DiagLevel::Warning,
                    "多个牵头单位，取第一个为牵头单位",
                );
            }
            Some(p)
        } else {
            m.units.iter().position(|u| u.role != Role::Co)
        };
        if m.bold_note && n_bold == 0 && !self.bold_note_warned {
            self.bold_note_warned = true;
            self.diag(
                m.line,
                DiagLevel::Warning,
                "原文以黑体标示牵头部门，但输入没有加粗信息，按排在首位的单位作为牵头单位",
            );
        }
        if m.has_clause && lead_idx.is_none() && !m.units.is_empty() {
            self.diag(m.line, DiagLevel::Warning, "未标明牵头单位");
        }
        if m.has_clause && m.units.is_empty() {
            self.diag(m.line, DiagLevel::Warning, "责任单位为空");
        }

        let mut lead = None;
        let mut co: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for (k, u) in m.units.iter().enumerate() {
            let canon = self.resolve_unit(u);
            if Some(k) == lead_idx {
                lead = Some(canon);
            } else if seen.insert(canon.clone()) {
                co.push(canon);
            }
        }
        if let Some(l) = &lead {
            co.retain(|c| c != l);
        }
        if m.has_clause {
            self.measures_with_units += 1;
        } else {
            self.measures_without_units.push((m.line, m.number));
        }
        self.diag(
            m.line,
            DiagLevel::Understood,
            format!("措施{}：{title}", m.number),
        );
        let measure = Measure {
            number: m.number,
            title,
            lead,
            co,
            text,
            line: m.line + 1,
        };
        if let Some(s) = self.out.sections.last_mut() {
            s.measures.push(measure);
        }
    }

    fn resolve_unit(&mut self, u: &UnitEntry) -> String {
        match (self.resolve)(&u.name) {
            Some(c) => c,
            None => {
                if self.unknown_seen.insert(u.name.clone()) {
                    self.diag(
                        u.line,
                        DiagLevel::Warning,
                        format!("{UNKNOWN_UNIT}{}", u.name),
                    );
                }
                u.name.clone()
            }
        }
    }

    fn finish(&mut self) {
        // Issuer: signature before the date > strong organ name > first organ line.
        self.out.issuer = self.signature_issuer.clone().or_else(|| {
            let pick = self
                .header_orgs
                .iter()
                .find(|&&i| RE_ORG_STRONG.is_match(self.t(i)))
                .or(self.header_orgs.first())
                .copied();
            pick.map(|i| self.orig(i, 0..self.t(i).len()))
        });
        if self.measures_with_units == 0 {
            if !self.measures_without_units.is_empty() {
                self.doc_diag(DiagLevel::Warning, "全文未找到责任单位");
            }
        } else {
            for (line, no) in std::mem::take(&mut self.measures_without_units) {
                self.diag(line, DiagLevel::Warning, format!("措施{no}未找到责任单位"));
            }
        }
        if self.out.sections.iter().all(|s| s.measures.is_empty()) {
            self.doc_diag(DiagLevel::Warning, "未识别到任何措施");
        }
        if self.out.title.is_none() {
            self.doc_diag(DiagLevel::Warning, "未识别到标题");
        }
        // A unit name that looks odd deserves a look even when the resolver accepted it.
        let odd: Vec<(usize, String)> = self
            .out
            .measures()
            .flat_map(|m| {
                m.lead
                    .iter()
                    .chain(m.co.iter())
                    .map(move |u| (m.line, u.clone()))
            })
            .filter(|(_, u)| !looks_like_unit(u) && u.chars().count() > 30)
            .collect();
        for (line, u) in odd {
            self.diag(
                line - 1,
                DiagLevel::Warning,
                format!("单位名称过长，可能解析有误：{u}"),
            );
        }
    }
}

fn shift_clause(c: &mut Clause, by: usize) {
    c.range = c.range.start + by..c.range.end + by;
    for u in &mut c.units {
        u.range = u.range.start + by..u.range.end + by;
    }
}

#[cfg(test)]
mod tests;
