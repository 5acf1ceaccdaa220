//! Equal-treatment checker for job postings (招聘信息平等就业检查).
//!
//! A pure rule engine: it reads the Chinese text of a job posting (title,
//! description, requirements) and its structured fields, and returns
//! [`Finding`]s. Each finding names a rule key, a severity, the exact matched
//! text with byte offsets, the legal basis and a bilingual message. `block`
//! findings should stop publication until a reviewer edits the posting or
//! overrides (the caller logs overrides with the reviewer's id); `warn`
//! findings are shown to the reviewer.
//!
//! # Legal sources (see each rule's `basis` in [`rules`])
//! - 《中华人民共和国就业促进法》第三条（不因民族、种族、性别、宗教信仰等不同而受歧视）、
//!   第二十六条（平等就业机会、公平就业条件，不得实施就业歧视）、第二十七条（性别；
//!   不得限制女职工结婚、生育）、第二十八条（民族）、第三十条（传染病病原携带者）、
//!   第三十一条（农村劳动者）。
//! - 《中华人民共和国劳动法》第十二条（民族、种族、性别、宗教信仰）；第十五条（禁止招用
//!   未满十六周岁的未成年人 — used to keep "年满16/18周岁" from firing the age rule）。
//! - 《中华人民共和国妇女权益保障法》（2022年修订）第四十三条：不得限定为男性或者规定男性
//!   优先；不得询问或者调查女性求职者的婚育情况；不得将妊娠测试作为入职体检项目；不得将
//!   限制结婚、生育或者婚姻、生育状况作为录（聘）用条件。
//! - 人力资源社会保障部、教育部等九部门《关于进一步规范招聘行为促进妇女就业的通知》
//!   （人社部发〔2019〕17号，2019年2月）。
//! - 《人力资源市场暂行条例》（2018年10月1日施行）第二十四条：招聘信息不得含有民族、种族、
//!   性别、宗教信仰等方面的歧视性内容。
//! - 《就业服务与就业管理规定》第十九条（乙肝病毒血清学指标不得作为体检标准）、
//!   第二十条（招用人员简章或招聘广告不得包含歧视性内容）。
//! - 人力资源社会保障部、教育部、卫生部《关于进一步规范入学和就业体检项目维护乙肝表面抗原
//!   携带者入学和就业权利的通知》（人社部发〔2010〕12号）。
//! - 《中华人民共和国职业教育法》（2022年修订）第五十三条：职业学校学历教育毕业生在升学、
//!   就业、职业发展等方面与同层次、同类别普通学校学历教育毕业生享有平等机会；用人单位不得
//!   设置妨碍职业学校毕业生平等就业、公平竞争的报考、录用、聘用条件。
//! - 教育部《关于做好2025届全国普通高校毕业生就业创业工作的通知》（2024年11月）等历年通知
//!   中的校园招聘“三严禁”：严禁发布含有限定985高校、211高校等字样的招聘信息；严禁发布违反
//!   国家规定的有关性别、户籍、学历等歧视性条款的需求信息；严禁发布虚假和欺诈等非法就业信息。
//!   **To verify:** the document number of each yearly notice (not retrieved).
//! - “全日制/统招” and 第一学历 restrictions: the study-mode clause is believed to be in
//!   国务院办公厅《关于进一步做好高校毕业生等青年就业创业工作的通知》（国办发〔2022〕13号）
//!   （“不得将毕业院校、国（境）外学习经历、学习方式作为限制性条件”, for state-owned
//!   employers）. **To verify** — the text was not retrieved, so these rules only `warn`.
//!   Age and appearance have no specific prohibition in national statute; they `warn` under
//!   the general 就业促进法第二十六条 duty (fair conditions) and 就业服务与就业管理规定第二十条.
//!
//! # Negations and benefits
//! Patterns are written to need a restricting context (限/仅限/要求/勿扰/优先/…), so a bare
//! "985" or "211" (a room, a model, a road) does not fire. In addition a match is suppressed
//! when, inside the same clause (clauses end at ，。；！？ , ; ! ? and whitespace):
//! - the few characters before it contain 不限/不论/无论/不问/不看/是否/不含/严禁/欢迎/… or
//!   end with 不/无/没有 ("不限男女", "入职体检不含妊娠检查", "欢迎乙肝携带者");
//! - the few characters after it contain 不限/均可/皆可/也可/可报名/不作要求/… ("性别：男女不限",
//!   "已婚未婚均可", "第一学历不作要求");
//! - rule-specific benefit contexts apply ("公司提供全日制学历提升机会", "已婚员工可申请夫妻房",
//!   "可协助办理淄博户口", "乙肝疫苗接种", "提升企业形象").
//!
//! Known limit: jobs women are legally barred from (女职工禁忌劳动范围, e.g. 井下作业) may lawfully
//! be limited to men; the checker still blocks and the reviewer overrides.

mod clauses;
mod rules;
#[cfg(test)]
mod tests;

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

pub use rules::RuleInfo;

/// How serious a finding is. `Block` stops publication; `Warn` is shown to the reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warn,
    Block,
}

/// One rule hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule key, e.g. `"gender"` (see [`rules`]).
    pub rule: &'static str,
    pub severity: Severity,
    /// The matched text; always equals `&input[start..end]` where `input` is the string named by
    /// [`Finding::source`].
    pub span: String,
    /// Byte offset of the match in its source string.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// Legal basis in Chinese.
    pub basis: &'static str,
    pub message_zh: &'static str,
    pub message_en: &'static str,
    /// Which input the offsets refer to: `"text"` for [`lint_text`]; for [`lint_posting`] the
    /// field name (`"title"`, `"description"`, `"education_requirement"`,
    /// `"gender_requirement"`, `"min_age"`, `"max_age"`). For the numeric age fields the span is
    /// the number in decimal.
    pub source: &'static str,
}

impl Finding {
    /// The rule's name in Chinese, for pages (e.g. “性别限制” for `gender`).
    pub fn label_zh(&self) -> &'static str {
        rules::RULES[rules::idx(self.rule)].label_zh
    }
    /// The rule's name in English.
    pub fn label_en(&self) -> &'static str {
        rules::RULES[rules::idx(self.rule)].label_en
    }
}

/// The catalogue entry of a rule key (as stored with a posting's findings), `None` for a
/// key this version does not know.
pub fn rule_info(key: &str) -> Option<&'static RuleInfo> {
    rules::RULES.iter().find(|r| r.key == key)
}

/// The Chinese name of a rule key, for pages that hold only the key; an unknown key is
/// returned as “其他”.
pub fn rule_label_zh(key: &str) -> &'static str {
    rule_info(key).map_or("其他", |r| r.label_zh)
}

/// The English name of a rule key; an unknown key is returned as "Other".
pub fn rule_label_en(key: &str) -> &'static str {
    rule_info(key).map_or("Other", |r| r.label_en)
}

/// Result of linting one text or posting.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LintReport {
    pub findings: Vec<Finding>,
}

impl LintReport {
    /// True if any finding has severity [`Severity::Block`].
    pub fn blocked(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Block)
    }

    /// The highest severity found, `None` for a clean posting.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// Sorted, de-duplicated rule keys of the findings.
    pub fn rule_keys(&self) -> Vec<&'static str> {
        let mut keys: Vec<_> = self.findings.iter().map(|f| f.rule).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

/// Structured fields a posting also has; they are linted too.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PostingFields {
    pub title: String,
    pub description: String,
    pub gender_requirement: Option<String>,
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
    pub education_requirement: Option<String>,
}

/// The rule catalogue (key, severity, basis, descriptions, messages), for a help page.
pub fn rules() -> &'static [RuleInfo] {
    &rules::RULES
}

/// Lint free text. Offsets in the findings are byte offsets into `text`.
pub fn lint_text(text: &str) -> LintReport {
    LintReport {
        findings: lint_source(text, "text"),
    }
}

/// Lint a posting: its title, description and education requirement as text, plus the
/// structured gender and age fields.
///
/// - `gender_requirement` naming a gender (男/女/男性/女性/male/female …) → `gender` block;
///   neutral values (不限, 男女不限, 均可, 无, any, none, empty) pass.
/// - `max_age` set, or `min_age` above 18 → `age` warn. A `min_age` of 18 or less alone is the
///   statutory working age (《劳动法》第十五条) and passes.
pub fn lint_posting(p: &PostingFields) -> LintReport {
    let mut findings = Vec::new();
    findings.extend(lint_source(&p.title, "title"));
    findings.extend(lint_source(&p.description, "description"));
    if let Some(edu) = &p.education_requirement {
        findings.extend(lint_source(edu, "education_requirement"));
    }
    if let Some(g) = &p.gender_requirement {
        let mut own = lint_source(g, "gender_requirement");
        if !own.iter().any(|f| f.rule == "gender")
            && let Some((s, e)) = bare_gender(g)
        {
            own.push(make_finding(
                rules::idx("gender"),
                g,
                s,
                e,
                "gender_requirement",
            ));
        }
        findings.extend(own);
    }
    let age = rules::idx("age");
    if let Some(min) = p.min_age
        && min > 18
    {
        let n = min.to_string();
        findings.push(make_finding(age, &n, 0, n.len(), "min_age"));
    }
    if let Some(max) = p.max_age {
        let n = max.to_string();
        findings.push(make_finding(age, &n, 0, n.len(), "max_age"));
    }
    LintReport { findings }
}

/// If a structured gender value names a gender (and is not a neutral "不限"), the byte range of
/// the trimmed value.
fn bare_gender(value: &str) -> Option<(usize, usize)> {
    let t = value.trim();
    if t.is_empty() {
        return None;
    }
    const NEUTRAL: &[&str] = &["不限", "均可", "皆可", "都可", "无要求", "不要求", "无限制"];
    if NEUTRAL.iter().any(|w| t.contains(w)) {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let named = t.contains('男')
        || t.contains('女')
        || matches!(
            lower.as_str(),
            "m" | "f" | "male" | "female" | "man" | "woman" | "men" | "women"
        );
    if !named {
        return None;
    }
    let s = value.len() - value.trim_start().len();
    Some((s, s + t.len()))
}

fn make_finding(
    rule_idx: usize,
    src: &str,
    start: usize,
    end: usize,
    source: &'static str,
) -> Finding {
    let info = &rules::RULES[rule_idx];
    Finding {
        rule: info.key,
        severity: info.severity,
        span: src[start..end].to_string(),
        start,
        end,
        basis: info.basis,
        message_zh: info.message_zh,
        message_en: info.message_en,
        source,
    }
}

struct Compiled {
    rule: usize,
    re: Regex,
    /// Index of the capture group named `s`, if the pattern has one: it is the span.
    group: Option<usize>,
}

static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for (rule, m) in rules::MATCHERS.iter().enumerate() {
        debug_assert_eq!(m.key, rules::RULES[rule].key);
        for p in m.patterns {
            let re = Regex::new(&rules::expand(p))
                .unwrap_or_else(|e| panic!("bad posting_lint pattern for {}: {e}", m.key));
            let group = re.capture_names().position(|n| n == Some("s"));
            out.push(Compiled { rule, re, group });
        }
    }
    out
});

/// Characters that end a clause for the negation windows.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '！'
            | '!'
            | '？'
            | '?'
            | '\n'
            | '\r'
            | '|'
            | '（'
            | '）'
            | '('
            | ')'
    ) || c.is_whitespace()
}

const BEFORE_CHARS: usize = 6;
const AFTER_CHARS: usize = 8;

/// Up to `max` characters before `start`, stopping at a clause break.
fn before_window(text: &str, start: usize, max: usize) -> &str {
    let mut begin = start;
    for (i, c) in text[..start].char_indices().rev().take(max) {
        if is_break(c) {
            break;
        }
        begin = i;
    }
    &text[begin..start]
}

/// Up to `max` characters after `end`, stopping at a clause break.
fn after_window(text: &str, end: usize, max: usize) -> &str {
    let mut stop = end;
    for (i, c) in text[end..].char_indices().take(max) {
        if is_break(c) {
            break;
        }
        stop = end + i + c.len_utf8();
    }
    &text[end..stop]
}

/// Negations that suppress a match when they appear in the span itself.
const SPAN_NEG: &[&str] = &[
    "不限",
    "均可",
    "皆可",
    "不作要求",
    "不做要求",
    "不要求",
    "无要求",
];
/// Negations that suppress a match when they appear shortly before it (same clause).
const BEFORE_NEG: &[&str] = &[
    "不限",
    "不论",
    "无论",
    "不问",
    "不看",
    "不唯",
    "不分",
    "是否",
    "不含",
    "不包括",
    "不包含",
    "不查",
    "不检",
    "不做",
    "不进行",
    "无需",
    "不需",
    "不要求",
    "不作",
    "不设",
    "不将",
    "不把",
    "不以",
    "禁止",
    "严禁",
    "不得",
    "取消",
    "杜绝",
    "反对",
    "消除",
    "欢迎",
    "接纳",
];
/// Negations that suppress a match when the text right before it ends with them.
const BEFORE_NEG_END: &[&str] = &["不", "无", "没有"];
/// Negations that suppress a match when they appear shortly after it (same clause).
const AFTER_NEG: &[&str] = &[
    "不限",
    "均可",
    "皆可",
    "亦可",
    "也可",
    "都可",
    "可报名",
    "可以报名",
    "可应聘",
    "可投递",
    "不作要求",
    "不做要求",
    "无要求",
    "不要求",
    "无限制",
    "不限制",
    "不受限",
    "不作限制",
    "没有要求",
    "享有平等",
    "平等",
];
/// Characters that, right before a span beginning with 限, make 限 part of another word
/// (有限公司, 期限, 权限, 上限 …).
const LIMIT_WORD_PREFIX: &[char] = &[
    '有', '期', '权', '上', '下', '无', '界', '极', '局', '时', '年', '额', '门', '宽', '受', '设',
];

fn suppressed(m: &rules::Matcher, text: &str, s: usize, e: usize) -> bool {
    let span = &text[s..e];
    if SPAN_NEG.iter().chain(m.span_neg).any(|w| span.contains(w)) {
        return true;
    }
    let before = before_window(text, s, BEFORE_CHARS);
    if BEFORE_NEG
        .iter()
        .chain(m.before_neg)
        .any(|w| before.contains(w))
        || BEFORE_NEG_END
            .iter()
            .chain(m.before_neg_end)
            .any(|w| before.ends_with(w))
    {
        return true;
    }
    let prev = text[..s].chars().next_back();
    if span.starts_with('限') && prev.is_some_and(|c| LIMIT_WORD_PREFIX.contains(&c)) {
        return true;
    }
    let after = after_window(text, e, AFTER_CHARS);
    if AFTER_NEG
        .iter()
        .chain(m.after_neg)
        .any(|w| after.contains(w))
    {
        return true;
    }
    let rest = &text[e..];
    if m.after_start_neg.iter().any(|w| rest.starts_with(w)) {
        return true;
    }
    // A number must stand on its own: not part of "G211", "0533-2110", "19850".
    if span.starts_with(|c: char| c.is_ascii_digit())
        && prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return true;
    }
    let next = rest.chars().next();
    if span.ends_with(|c: char| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    if let Some(keep) = m.keep
        && !keep(text, s, e)
    {
        return true;
    }
    false
}

/// The clause around `s..e`: from the previous clause break to the next.
fn clause_bounds(text: &str, s: usize, e: usize) -> (usize, usize) {
    let begin = text[..s]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_break(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[e..]
        .char_indices()
        .find(|&(_, c)| is_break(c))
        .map_or(text.len(), |(i, _)| e + i);
    (begin, end)
}

fn lint_source(text: &str, source: &'static str) -> Vec<Finding> {
    if text.is_empty() {
        return Vec::new();
    }
    // (rule, start, end)
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    for c in COMPILED.iter() {
        let m = &rules::MATCHERS[c.rule];
        let mut consider = |s: usize, e: usize| {
            if s < e && !suppressed(m, text, s, e) {
                hits.push((c.rule, s, e));
            }
        };
        match c.group {
            None => {
                c.re.find_iter(text)
                    .for_each(|mt| consider(mt.start(), mt.end()))
            }
            Some(g) => {
                c.re.captures_iter(text)
                    .filter_map(|caps| caps.get(g))
                    .for_each(|mt| consider(mt.start(), mt.end()))
            }
        }
    }
    // The clause reader adds what the patterns missed: a clause already flagged for a rule
    // by a pattern adds nothing more for that rule.
    let pattern_hits = hits.clone();
    for (rule, s, e) in clauses::restrictions(text) {
        let (cs, ce) = clause_bounds(text, s, e);
        if !pattern_hits
            .iter()
            .any(|&(r, hs, he)| r == rule && hs < ce && he > cs)
        {
            hits.push((rule, s, e));
        }
    }
    // Per rule keep the earliest, then longest, non-overlapping matches.
    hits.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
    let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(last) = kept.last()
            && last.0 == h.0
            && h.1 < last.2
        {
            continue;
        }
        kept.push(h);
    }
    kept.sort_unstable_by_key(|&(rule, s, e)| (s, e, rule));
    kept.into_iter()
        .map(|(rule, s, e)| make_finding(rule, text, s, e, source))
        .collect()
}
