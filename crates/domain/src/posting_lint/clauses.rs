//! The clause reader: the second pass of the checker, for restrictions phrased in ways the
//! rule patterns of [`super::rules`] do not foresee.
//!
//! A posting is split into clauses (at ，。；！？, brackets, line breaks and spaces; 、 keeps a
//! list together). A clause is a *requirement clause* when it lies in a requirements section
//! (after a header such as 招聘条件：/任职要求：/岗位要求：, until a header of another kind such as
//! 福利待遇：/岗位职责：, or a blank line), when it carries a field label (性别：, 民族：, 户籍：…), or
//! when its sentence opens with 要求/需/须/限/招聘/急招… .
//!
//! Each clause is searched for *mentions* of a protected attribute (性别, 民族 — the 56 names of
//! GB/T 3304 from [`crate::codes`], 宗教信仰, 婚育, 户籍, 学校层次, 职业院校/普通学校). A mention is a
//! restriction when
//! - the clause excludes (勿扰, 不招收, 不接受, 谢绝, 除外, 不适合 … anywhere in the clause);
//! - the clause prefers (优先, 适合, 为宜, 最好, 首选 … anywhere in the clause, any words between);
//! - a limiting word stands just before it (限, 仅限, 只招, 要求, 需, 须, 招聘 … at most a few
//!   characters earlier, and not "与/向/为…服务" an object); or
//! - it stands bare in a requirement clause (招聘条件：高中以上学历、汉族、身体健康).
//!
//! and the clause is not neutral: a negation (不限, 均可, 不论, 无…要求 …), a legal statement
//! (平等, 歧视, 尊重, 依法, 不得 …) or a welfare statement (宿舍, 提供, 享受, 产假, 清真 …) makes
//! the whole clause neutral. Attribute-specific readings: preferring 少数民族 is the lawful
//! preference of 《就业促进法》第二十八条 (only its exclusion is flagged); preferring or requiring
//! vocational graduates is lawful (only their exclusion is flagged); a limit to or preference for
//! 普通高校/普通高中 graduates excludes vocational graduates (《职业教育法》第五十三条).
//!
//! Findings carry the rules (keys, severities, legal bases) of [`super::rules`]; a clause that
//! a rule pattern already flagged for the same rule adds nothing.

use regex::Regex;
use std::sync::LazyLock;

/// Which rule a mention belongs to, by its index in [`super::rules::RULES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Gender,
    Marriage,
    SchoolTier,
    Hukou,
    Ethnicity,
    Religion,
    /// A vocational school type (中职, 技校, 职业院校 …): only its exclusion is a restriction.
    Vocational,
    /// A "general school" type (普通高校, 普通高中 …): limiting to it excludes vocational graduates.
    GeneralSchool,
}

impl Attr {
    fn rule_key(self) -> &'static str {
        match self {
            Attr::Gender => "gender",
            Attr::Marriage => "marriage_childbearing",
            Attr::SchoolTier => "school_tier",
            Attr::Hukou => "hukou",
            Attr::Ethnicity => "ethnicity",
            Attr::Religion => "religion",
            Attr::Vocational | Attr::GeneralSchool => "vocational_exclusion",
        }
    }
}

struct Lexicon {
    attr: Attr,
    re: Regex,
}

fn ethnic_names() -> String {
    // GB/T 3304 names ending in 族 (the 56 groups), plus the short forms registers use.
    let mut names: Vec<String> = crate::codes::tables()
        .ethnicity
        .codes
        .iter()
        .map(|c| c.name.clone())
        .filter(|n| n.ends_with('族'))
        .collect();
    names.extend(["少数民族", "维族", "汉人", "新疆人", "新疆籍", "藏区人"].map(String::from));
    // Longest first, so 土家族 wins over 土族 where both could start.
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.join("|")
}

static LEXICON: LazyLock<Vec<Lexicon>> = LazyLock::new(|| {
    let lex = |attr, pattern: &str| Lexicon {
        attr,
        re: Regex::new(pattern).unwrap_or_else(|e| panic!("bad clause lexicon {attr:?}: {e}")),
    };
    vec![
        lex(
            Attr::Gender,
            "(?:男|女)(?:性|士|生|孩子|孩|同志|职工|员工|青年|工|的)?",
        ),
        lex(
            Attr::Marriage,
            "已婚已育|已婚未育|未婚未育|已婚|未婚|单身|婚育|婚否|婚姻状况|已育|未育|生育|怀孕|孕期|孕妇|备孕|哺乳期|二胎|二孩|三孩",
        ),
        lex(
            Attr::SchoolTier,
            r"985|211|双一流|一流大学|一流高校|名校|名牌大学|名牌高校|重点大学|重点高校|重点院校|重点本科|一本|C9|QS前?\d{2,3}",
        ),
        lex(
            Attr::Hukou,
            "户口|户籍|本地人|外地人|当地人|本市人|外省人|外地籍",
        ),
        lex(Attr::Ethnicity, &ethnic_names()),
        lex(
            Attr::Religion,
            "宗教信仰|宗教|信仰|信教|教徒|信徒|穆斯林|基督徒|伊斯兰教|基督教|天主教|佛教|道教",
        ),
        lex(
            Attr::Vocational,
            "中等职业学校|中职|职业中专|中专|技工学校|技工院校|技师学院|技校|职业高中|职高|职业院校|职业学校|职校|高职院校|高职高专|高职|职业技术学院|职业技术学校|职业大学|职业本科",
        ),
        lex(
            Attr::GeneralSchool,
            "普通高中|普高|普通高等院校|普通高等学校|普通高校|普通本科|普通大学|统招本科",
        ),
    ]
});

/// Words after a mention that make it the object of something else, not a person's attribute.
fn object_after(attr: Attr, rest: &str) -> bool {
    const GENDER: &[&str] = &[
        "宿舍",
        "寝室",
        "休息室",
        "卫生间",
        "厕",
        "更衣室",
        "浴室",
        "澡堂",
        "用品",
        "专用",
        "装",
        "鞋",
        "款",
        "式",
        "客户",
        "顾客",
        "消费者",
        "用户",
        "患者",
        "病人",
        "产品",
        "服",
        "市场",
        "群体",
        "健康",
        "内衣",
        "护理",
        "化妆",
        "科",
        "排",
        "篮",
        "足",
        "子",
        "儿",
        "包",
        "表",
        "厕所",
        "性别",
        "生活",
        "权益",
        "节",
    ];
    const MARRIAGE: &[&str] = &["保险", "险", "假", "津贴", "补贴", "登记", "证明", "费"];
    const SCHOOL_NUMBER: &str = "号室路街道栋楼层弄巷线次型款米元年国名个人家位件台";
    const HUKOU: &[&str] = &[
        "本",
        "簿",
        "所在地",
        "迁",
        "信息",
        "性质",
        "登记",
        "地址",
        "证明",
        "复印",
        "页",
        "档案",
    ];
    const ETHNICITY: &[&str] = &[
        "地区",
        "聚居",
        "政策",
        "团结",
        "自治",
        "馆",
        "箱",
        "文化",
        "风情",
        "特色",
        "舞",
        "服饰",
        "语",
        "客户",
        "顾客",
        "群众",
        "消费者",
        "市场",
        "饮食",
        "禁忌",
        "风俗",
        "习俗",
        "节日",
        "用品",
        "餐",
    ];
    const RELIGION: &[&str] = &[
        "极端",
        "政策",
        "事务",
        "文化",
        "客户",
        "顾客",
        "群众",
        "消费者",
        "市场",
        "饮食",
        "禁忌",
        "风俗",
        "习俗",
        "节日",
        "用品",
        "餐",
        "场所",
        "活动",
    ];
    let words: &[&str] = match attr {
        Attr::Gender => GENDER,
        Attr::Marriage => MARRIAGE,
        Attr::Hukou => HUKOU,
        Attr::Ethnicity => ETHNICITY,
        Attr::Religion => RELIGION,
        Attr::SchoolTier => {
            return rest.starts_with(|c: char| c.is_ascii_digit() || SCHOOL_NUMBER.contains(c));
        }
        _ => &[],
    };
    words.iter().any(|w| rest.starts_with(w))
}

/// Is the mention at `s..e` of `clause` a real one?
fn genuine(attr: Attr, clause: &str, s: usize, e: usize) -> bool {
    let token = &clause[s..e];
    let prev = clause[..s].chars().next_back();
    let rest = &clause[e..];
    let next = rest.chars().next();
    if object_after(attr, rest) {
        return false;
    }
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    match attr {
        Attr::Gender => {
            // 男女 / 女男 is the neutral pair; 妇女, 子女, 儿女, 长女 … are no gender condition.
            if prev.is_some_and(|c| "男女妇子儿孙侄甥长次幼处修美少".contains(c))
                || next.is_some_and(|c| c == '男' || c == '女')
            {
                return false;
            }
            if token.chars().count() == 1 {
                // A single 男/女 must stand alone ("限男", "要求：女，", "男优先"), not be part
                // of a word (男身高, 女装 …).
                let prev_ok =
                    prev.is_none_or(|c| !is_han(c) || "限招聘要求需须为是只仅收".contains(c));
                let next_ok = next.is_none_or(|c| !is_han(c) || "优者".contains(c));
                return prev_ok && next_ok;
            }
            true
        }
        Attr::Religion => {
            // 政治信仰, 信仰马克思主义: not a religious belief.
            !(token.starts_with("信仰")
                && (["政治", "理想", "共产主义", "马克思主义"]
                    .iter()
                    .any(|w| clause[..s].ends_with(w))
                    || ["马克思", "共产主义", "社会主义", "党"]
                        .iter()
                        .any(|w| rest.starts_with(w))))
        }
        Attr::SchoolTier => {
            if token.starts_with(|c: char| c.is_ascii_digit())
                && prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            {
                return false;
            }
            if token == "一本" {
                // 一本书, 一本证: only 一本院校/一本学历/一本及以上 … is a tier.
                return next.is_none_or(|c| !is_han(c) || "院高大学毕及以优或线".contains(c));
            }
            true
        }
        _ => true,
    }
}

/// Exclusion words: a mention anywhere in a clause with one of these is a restriction.
static EXCLUDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "勿扰|免谈|不招收|不招聘|不招录|不招|不收|不要|不考虑|不予考虑|谢绝|拒绝|除外|不予录用|不录用|不录取|不聘用|不聘|不接受|不接收|请绕道|绕道|莫扰|请勿投递|勿投|慎投|不适合|不宜|一律不|排除|不能报名|不可报名|不得报名|不能应聘|不得应聘|不予录取|不予聘用|恕不|不在考虑",
    )
    .expect("exclusion words")
});

/// Preference words: a mention anywhere in a clause with one of these is a restriction.
static PREFER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("优先|更适合|适合|合适|适宜|为宜|为佳|更佳|最好|最佳|首选|偏好|倾向|青睐|为主")
        .expect("preference words")
});

/// Limiting words: a mention right after one of these is a restriction.
static LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "仅限于|仅限|只限|限于|限定|限|只招|仅招|只要|只收|只录用|仅录用|仅面向|只面向|要求|需要|需|须|必须|应为|应是|希望|招聘|招收|招录|急招|急聘|诚聘|招",
    )
    .expect("limit words")
});

/// Characters that, right before 限, make it part of another word (有限公司, 期限 …).
const LIMIT_WORD_PREFIX: &str = "有期权上下无界极局时年额门宽受设不";

/// Words between a limiting word and a mention that show the mention is an object of an
/// action ("需与女性客户沟通", "须为少数民族群众服务"), not the person sought.
const OBJECT_GAP: &[&str] = &[
    "与", "和", "跟", "对", "向", "给", "帮", "替", "服务", "提供", "照顾", "协助", "针对", "管理",
    "培训", "接待", "负责", "了解", "熟悉", "掌握", "尊重",
];
/// How many characters may stand between a limiting word and its mention.
const LIMIT_GAP_CHARS: usize = 6;

/// Words that make a whole clause neutral: negations, legal and welfare statements.
const NEUTRAL: &[&str] = &[
    // negation
    "不限",
    "不论",
    "无论",
    "不问",
    "不分",
    "不看",
    "不唯",
    "均可",
    "皆可",
    "都可",
    "亦可",
    "也可",
    "可报名",
    "可以报名",
    "可应聘",
    "可投递",
    "不作要求",
    "不做要求",
    "无要求",
    "没有要求",
    "无限制",
    "不限制",
    "不受限",
    "不作限制",
    "不要求",
    "无需",
    "不需",
    "不设",
    "不以",
    "不将",
    "不把",
    "是否",
    "无关",
    // legal statement
    "平等",
    "一视同仁",
    "同等对待",
    "歧视",
    "尊重",
    "自由",
    "依法",
    "法律",
    "法规",
    "权益",
    "保护",
    "保障",
    "禁止",
    "严禁",
    "不得",
    "杜绝",
    "反对",
    "消除",
    "欢迎",
    "接纳",
    "照顾",
    // welfare statement
    "宿舍",
    "寝室",
    "公寓",
    "休息室",
    "卫生间",
    "更衣室",
    "浴室",
    "提供",
    "享受",
    "享有",
    "福利",
    "补贴",
    "津贴",
    "产假",
    "婚假",
    "哺乳假",
    "探亲假",
    "陪产假",
    "育儿假",
    "清真",
    "食堂",
    "餐",
    "夫妻房",
    "可申请",
    "员工可",
    "职工可",
    "节日",
    "风俗",
    "习惯",
    "保险",
    "关爱",
    "办理",
    "协助",
    "落户",
    "不安排",
    "调岗",
    "分男女",
    "男女分",
];
/// "无宗教信仰要求", "没有户籍限制": a negated requirement.
static NEUTRAL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:无|没有|不设|不作|不做|不提)[^，。；]{0,8}?(?:要求|限制)").expect("neutral")
});

/// Words after which an exclusion match is not one: 不要求, 不收费, 拒绝歧视 …
const EXCLUDE_NOT_BEFORE: &[&str] = &["求", "费", "取", "歧视", "任何"];

fn exclusions(clause: &str) -> Vec<(usize, usize)> {
    EXCLUDE
        .find_iter(clause)
        .filter(|m| {
            !EXCLUDE_NOT_BEFORE
                .iter()
                .any(|w| clause[m.end()..].starts_with(w))
        })
        .map(|m| (m.start(), m.end()))
        .collect()
}

fn neutral(clause: &str, excl: &[(usize, usize)]) -> bool {
    // Exclusion words are taken out first, so that 不得报名 does not read as the legal 不得.
    let mut masked = String::with_capacity(clause.len());
    let mut at = 0;
    for &(s, e) in excl {
        masked.push_str(&clause[at..s]);
        masked.push('；');
        at = e;
    }
    masked.push_str(&clause[at..]);
    NEUTRAL.iter().any(|w| masked.contains(w)) || NEUTRAL_RE.is_match(&masked)
}

/// A limiting word that ends at most [`LIMIT_GAP_CHARS`] characters before `s`, with no
/// object words between: its byte start.
fn limit_before(clause: &str, s: usize) -> Option<usize> {
    LIMIT
        .find_iter(&clause[..s])
        .filter(|m| {
            let gap = &clause[m.end()..s];
            if gap.chars().count() > LIMIT_GAP_CHARS || OBJECT_GAP.iter().any(|w| gap.contains(w)) {
                return false;
            }
            if m.as_str() == "限" {
                let prev = clause[..m.start()].chars().next_back();
                if prev.is_some_and(|c| LIMIT_WORD_PREFIX.contains(c)) {
                    return false;
                }
            }
            true
        })
        .last()
        .map(|m| m.start())
}

/// One clause: its byte range in the text and whether it is a requirement clause.
#[derive(Debug)]
struct Clause {
    start: usize,
    end: usize,
    requirement: bool,
}

fn is_clause_break(c: char) -> bool {
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
            | '【'
            | '】'
            | '《'
            | '》'
    ) || c.is_whitespace()
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '！' | '!' | '？' | '?' | '\n' | '\r')
}

/// A header at the start of a clause ("任职要求：", "2、性别：") with its numbering: the header
/// text and the byte length to skip.
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9０-９]{1,2}\s*[、.．)）]|[一二三四五六七八九十]{1,2}\s*[、.．])?\s*(\p{Han}{1,8})\s*[：:]")
        .expect("header")
});
static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9０-９]{1,2}\s*[、.．)）]|[一二三四五六七八九十]{1,2}\s*[、.．])\s*")
        .expect("numbering")
});

enum Header {
    /// Opens a requirements section.
    Requirements,
    /// Opens a section of another kind (duties, pay, welfare, contact …).
    Other,
    /// Names one attribute ("性别：", "民族："): this clause is a requirement.
    Field,
    Unknown,
}

fn classify_header(h: &str) -> Header {
    const FIELD: &[&str] = &[
        "性别",
        "民族",
        "宗教",
        "信仰",
        "户籍",
        "户口",
        "婚否",
        "婚姻",
        "婚育",
        "学历",
        "毕业院校",
        "院校",
        "年龄",
        "身高",
        "生源",
    ];
    const REQ: &[&str] = &[
        "要求", "条件", "资格", "资质", "对象", "应聘", "任职", "限制", "硬性", "门槛",
    ];
    const OTHER: &[&str] = &[
        "福利", "待遇", "薪", "职责", "内容", "地点", "地址", "时间", "联系", "简介", "介绍",
        "描述", "公司", "单位", "电话", "邮箱", "方式", "保险", "工资", "收入", "食宿", "住宿",
        "说明",
    ];
    if REQ.iter().any(|w| h.contains(w)) {
        Header::Requirements
    } else if OTHER.iter().any(|w| h.contains(w)) {
        Header::Other
    } else if FIELD.iter().any(|w| h.starts_with(w)) {
        Header::Field
    } else {
        Header::Unknown
    }
}

/// Openings of a sentence that make all its clauses requirements ("要求女性，汉族，…",
/// "招聘文员，女，…").
const REQUIREMENT_OPENINGS: &[&str] = &[
    "要求", "需", "须", "必须", "限", "仅限", "只招", "招聘", "招收", "急招", "急聘", "诚聘",
    "现招", "聘",
];

fn split_clauses(text: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut in_section = false;
    let mut in_sentence = false;
    let mut sentence_start = true;
    let mut newlines = 0;
    let mut start = 0;
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
        .collect();
    for &(i, c) in &chars {
        if !is_clause_break(c) {
            continue;
        }
        if i > start {
            let mut s = start;
            let raw = &text[s..i];
            let mut field = false;
            let header = if raw.contains('：') || raw.contains(':') {
                HEADER.captures(raw)
            } else {
                None
            };
            if let Some(caps) = header {
                match classify_header(&caps[1]) {
                    Header::Requirements => in_section = true,
                    Header::Other => {
                        in_section = false;
                        in_sentence = false;
                    }
                    Header::Field => field = true,
                    Header::Unknown => {}
                }
                s += caps.get(0).map_or(0, |m| m.end());
            } else if raw.starts_with(|c: char| {
                c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十".contains(c)
            }) && let Some(m) = NUMBERING.find(raw)
            {
                s += m.end();
            }
            let body = &text[s..i];
            if sentence_start && REQUIREMENT_OPENINGS.iter().any(|w| body.starts_with(w)) {
                in_sentence = true;
            }
            if s < i {
                out.push(Clause {
                    start: s,
                    end: i,
                    requirement: in_section || in_sentence || field,
                });
            }
            sentence_start = false;
            newlines = 0;
        }
        if c == '\n' {
            newlines += 1;
            // A blank line ends a section.
            if newlines >= 2 {
                in_section = false;
            }
        }
        if is_sentence_break(c) {
            in_sentence = false;
            sentence_start = true;
        }
        start = i + c.len_utf8();
    }
    out
}

/// Restrictions found by reading clauses: `(rule index, start, end)` in `text`.
pub(super) fn restrictions(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    // Each lexicon runs once over the whole text (a mention never spans a clause break);
    // mentions are then read in their clause. (lexicon index, start, end), in text order.
    let mut mentions: Vec<(usize, usize, usize)> = LEXICON
        .iter()
        .enumerate()
        .flat_map(|(i, lex)| lex.re.find_iter(text).map(move |m| (i, m.start(), m.end())))
        .collect();
    if mentions.is_empty() {
        return out;
    }
    mentions.sort_unstable_by_key(|&(i, s, _)| (s, i));
    let clauses = split_clauses(text);
    let mut next = 0;
    for cl in &clauses {
        let first = next;
        while next < mentions.len() && mentions[next].1 < cl.end {
            next += 1;
        }
        let here: Vec<_> = mentions[first..next]
            .iter()
            .filter(|m| m.1 >= cl.start)
            .collect();
        if here.is_empty() {
            continue;
        }
        let clause = &text[cl.start..cl.end];
        let excl = exclusions(clause);
        if neutral(clause, &excl) {
            continue;
        }
        let prefer: Vec<(usize, usize)> = PREFER
            .find_iter(clause)
            .map(|m| (m.start(), m.end()))
            .collect();
        let mut seen: Vec<&'static str> = Vec::new();
        for &&(i, ms, me) in &here {
            let attr = LEXICON[i].attr;
            let (s, e) = (ms - cl.start, me - cl.start);
            if !genuine(attr, clause, s, e) {
                continue;
            }
            let Some((fs, fe)) = restriction(attr, clause, s, e, &excl, &prefer, cl.requirement)
            else {
                continue;
            };
            let key = attr.rule_key();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.push((super::rules::idx(key), cl.start + fs, cl.start + fe));
        }
    }
    out
}

/// Whether the mention `s..e` of `attr` restricts, and the span to report (within the clause).
fn restriction(
    attr: Attr,
    clause: &str,
    s: usize,
    e: usize,
    excl: &[(usize, usize)],
    prefer: &[(usize, usize)],
    requirement: bool,
) -> Option<(usize, usize)> {
    let around = |(ms, me): (usize, usize)| (ms.min(s), me.max(e));
    if let Some(&x) = excl.first() {
        // Excluding anyone by a protected attribute is a restriction, vocational graduates
        // included; excluding 普通高校 graduates is not what the law addresses.
        if attr != Attr::GeneralSchool {
            return Some(around(x));
        }
    }
    let lawful_preference = match attr {
        // 《就业促进法》第二十八条: appropriate consideration for minority workers.
        Attr::Ethnicity => clause[s..e].contains("少数民族"),
        // Preferring vocational graduates is no exclusion of anyone the law protects.
        Attr::Vocational => true,
        _ => false,
    };
    if let Some(&p) = prefer.first() {
        return (!lawful_preference).then(|| around(p));
    }
    if attr == Attr::Vocational {
        return None;
    }
    if let Some(ls) = limit_before(clause, s) {
        return Some((ls, e));
    }
    // Bare in a requirement clause, unless it is the object of a duty ("需了解伊斯兰教饮食",
    // "能与少数民族客户沟通").
    if requirement
        && attr != Attr::GeneralSchool
        && !OBJECT_GAP.iter().any(|w| clause[..s].contains(w))
    {
        return Some((s, e));
    }
    None
}
