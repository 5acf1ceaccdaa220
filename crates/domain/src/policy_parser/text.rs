//! Text helpers: width normalisation with an offset map back to the source,
//! Chinese numerals, dates and document numbers.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// A source line normalised for matching: full-width ASCII folded to
/// half-width (`（`→`(`, `：`→`:`, `，`→`,`, `１`→`1` …), every kind of
/// whitespace folded to a plain space, invisible characters dropped, then
/// trimmed. `map[i]` is the byte offset in the original line of the character
/// that produced normalised byte `i`; `map[text.len()]` is the end.
#[derive(Debug, Clone)]
pub(crate) struct Norm {
    pub text: String,
    map: Vec<usize>,
}

impl Norm {
    pub fn new(orig: &str) -> Self {
        let mut text = String::with_capacity(orig.len());
        let mut map = Vec::with_capacity(orig.len() + 1);
        for (i, c) in orig.char_indices() {
            let n = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
                '\u{FE5D}' => Some('〔'),
                '\u{FE5E}' => Some('〕'),
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
                c if c.is_whitespace() => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            };
            if let Some(n) = n {
                let before = text.len();
                text.push(n);
                map.extend(std::iter::repeat_n(i, text.len() - before));
            }
        }
        map.push(orig.len());
        let start = text.len() - text.trim_start_matches(' ').len();
        let end = text.trim_end_matches(' ').len();
        if start >= end {
            let at = map.get(start).copied().unwrap_or(orig.len());
            return Norm {
                text: String::new(),
                map: vec![at],
            };
        }
        Norm {
            text: text[start..end].to_string(),
            map: map[start..=end].to_vec(),
        }
    }

    /// Byte range in the original line for a normalised byte range.
    pub fn orig_range(&self, r: Range<usize>) -> Range<usize> {
        let last = self.map.last().copied().unwrap_or(0);
        let a = self.map.get(r.start).copied().unwrap_or(last);
        let b = self.map.get(r.end).copied().unwrap_or(last);
        a..b.max(a)
    }

    /// The original text for a normalised byte range, trimmed.
    pub fn orig_slice<'a>(&self, orig: &'a str, r: Range<usize>) -> &'a str {
        let o = self.orig_range(r);
        orig.get(o).unwrap_or("").trim()
    }
}

pub(crate) const OPENERS: &[char] = &['(', '[', '【', '〔', '「', '《', '“'];
pub(crate) const CLOSERS: &[char] = &[')', ']', '】', '〕', '」', '》', '”'];

/// Index and byte length of the bracket closing the one opened at `open`.
pub(crate) fn match_close(t: &str, open: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (i, c) in t.get(open..)?.char_indices() {
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some((open + i, c.len_utf8()));
            }
        }
    }
    None
}

/// Index of the bracket opening the one closed at `close` (searching backwards).
pub(crate) fn match_open(t: &str, close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in t.get(..=close)?.char_indices().rev() {
        if CLOSERS.contains(&c) {
            depth += 1;
        } else if OPENERS.contains(&c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Split `t[r]` on any of `seps` outside brackets; returns trimmed, non-empty ranges.
pub(crate) fn split_top(t: &str, r: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(s) = t.get(r.clone()) else {
        return out;
    };
    let mut depth = 0usize;
    let mut start = r.start;
    for (i, c) in s.char_indices() {
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && seps.contains(&c) {
            push_trimmed(t, start..r.start + i, &mut out);
            start = r.start + i + c.len_utf8();
        }
    }
    push_trimmed(t, start..r.end, &mut out);
    out
}

fn push_trimmed(t: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let r = trim_range(t, r);
    if !r.is_empty() {
        out.push(r);
    }
}

/// Shrink a range so that it has no leading/trailing spaces.
pub(crate) fn trim_range(t: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = t.get(r.clone()) else {
        return r.start..r.start;
    };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// Value of a Chinese (一…九十九, 百) or Arabic numeral.
pub(crate) fn cn_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    for c in s.chars() {
        match c {
            '十' => {
                total = total.checked_add(digit.unwrap_or(1).checked_mul(10)?)?;
                digit = None;
            }
            '百' => {
                total = total.checked_add(digit.unwrap_or(1).checked_mul(100)?)?;
                digit = None;
            }
            _ => digit = Some(cn_digit(c)?),
        }
    }
    total.checked_add(digit.unwrap_or(0))
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' | 'O' | '0' => 0,
        '一' | '1' => 1,
        '二' | '两' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        '五' | '5' => 5,
        '六' | '6' => 6,
        '七' | '7' => 7,
        '八' | '8' => 8,
        '九' | '9' => 9,
        _ => return None,
    })
}

/// Outcome of reading a standalone date line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateGuess {
    Exact(NaiveDate),
    /// Digits lost their 年/月/日 and more than one reading is a valid date.
    Ambiguous(Vec<NaiveDate>),
    /// Looks like a date but no reading is valid.
    Invalid,
}

static RE_YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$").unwrap());
static RE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$").unwrap());
static RE_CN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([〇零○O0一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
        .unwrap()
});
static RE_DIGITS_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:19|20)\d{4,6}$").unwrap());

/// Recognise a line that is only a date. `None` when the line is not a date.
pub(crate) fn parse_date_line(t: &str) -> Option<DateGuess> {
    let s: String = t.chars().filter(|c| *c != ' ').collect();
    if s.len() > 40 {
        return None;
    }
    let ymd = |y: &str, m: &str, d: &str| -> DateGuess {
        match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => {
                NaiveDate::from_ymd_opt(y, m, d).map_or(DateGuess::Invalid, DateGuess::Exact)
            }
            _ => DateGuess::Invalid,
        }
    };
    if let Some(c) = RE_YMD.captures(&s).or_else(|| RE_SEP.captures(&s)) {
        return Some(ymd(&c[1], &c[2], &c[3]));
    }
    if let Some(c) = RE_CN_DATE.captures(&s) {
        let year: Option<String> = c[1]
            .chars()
            .map(|ch| cn_digit(ch).and_then(|d| char::from_digit(d, 10)))
            .collect();
        let (Some(y), Some(m), Some(d)) = (year, cn_number(&c[2]), cn_number(&c[3])) else {
            return Some(DateGuess::Invalid);
        };
        return Some(ymd(&y, &m.to_string(), &d.to_string()));
    }
    if RE_DIGITS_DATE.is_match(&s) {
        // 年/月/日 lost: "202391" → 2023 + "91"; enumerate month/day splits.
        let (y, rest) = s.split_at(4);
        let mut found: Vec<NaiveDate> = Vec::new();
        for k in 1..rest.len() {
            let (m, d) = rest.split_at(k);
            if m.len() > 2 || d.len() > 2 {
                continue;
            }
            if let DateGuess::Exact(date) = ymd(y, m, d)
                && !found.contains(&date)
            {
                found.push(date);
            }
        }
        return Some(match found.len() {
            0 => DateGuess::Invalid,
            1 => DateGuess::Exact(found[0]),
            _ => DateGuess::Ambiguous(found),
        });
    }
    None
}

static RE_DOCNO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([\p{Han}]{1,20})\s*[〔\[【(]\s*((?:19|20)\d{2})\s*[〕\]】)]\s*第?\s*(\d{1,5})\s*号",
    )
    .unwrap()
});
static RE_DOCNO_BROKEN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([\p{Han}]{1,20})\s*[〔\[【(]?\s*((?:19|20)\d{2})\s*(\d{1,5})\s*号$").unwrap()
});
static RE_DOCNO_BROKEN_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[〔\[【]\s*((?:19|20)\d{2})(\d{1,5})\s*号").unwrap());

/// Result of looking for a 文号 on a line that consists of it.
pub(crate) enum DocNo {
    Clean(String),
    /// A character was lost (e.g. "〔202143号"); recovered canonical form.
    Recovered(String),
}

/// A line that is a document number (文号) only, e.g. "淄高新管字〔2023〕100号".
/// The result uses the canonical 〔〕 brackets.
pub(crate) fn doc_number_line(t: &str) -> Option<DocNo> {
    if t.chars().count() > 40 {
        return None;
    }
    if let Some(c) = RE_DOCNO.captures(t) {
        let m = c.get(0)?;
        let rest_len = t.len() - m.len();
        if rest_len <= 6 {
            return Some(DocNo::Clean(format!("{}〔{}〕{}号", &c[1], &c[2], &c[3])));
        }
        return None;
    }
    let c = RE_DOCNO_BROKEN_LINE.captures(t)?;
    Some(DocNo::Recovered(format!(
        "{}〔{}〕{}号",
        &c[1], &c[2], &c[3]
    )))
}

/// Document-number references inside running text that lost a bracket,
/// as (text as found, probable reading).
pub(crate) fn broken_doc_refs(t: &str) -> Vec<(String, String)> {
    RE_DOCNO_BROKEN_REF
        .captures_iter(t)
        .map(|c| (c[0].to_string(), format!("〔{}〕{}号", &c[1], &c[2])))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十三", 23),
            ("一百零五", 105),
            ("14", 14),
        ] {
            assert_eq!(cn_number(s), Some(n), "{s}");
        }
        assert_eq!(cn_number(""), None);
        assert_eq!(cn_number("甲"), None);
    }

    #[test]
    fn dates() {
        let d = |y, m, dd| DateGuess::Exact(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        assert_eq!(parse_date_line("202391"), Some(d(2023, 9, 1)));
        assert_eq!(parse_date_line("20230901"), Some(d(2023, 9, 1)));
        assert_eq!(parse_date_line("2023年9月1日"), Some(d(2023, 9, 1)));
        assert_eq!(parse_date_line("2023 年 09 月 01 日"), Some(d(2023, 9, 1)));
        assert_eq!(parse_date_line("2023-9-1"), Some(d(2023, 9, 1)));
        assert_eq!(parse_date_line("二〇二三年九月一日"), Some(d(2023, 9, 1)));
        assert!(
            matches!(parse_date_line("2023111"), Some(DateGuess::Ambiguous(v)) if v.len() == 2)
        );
        assert_eq!(parse_date_line("202300"), Some(DateGuess::Invalid));
        assert_eq!(parse_date_line("100号"), None);
        assert_eq!(parse_date_line("12345"), None);
    }

    #[test]
    fn norm_maps_back() {
        let orig = "\u{a0}（一）加强：领导 ";
        let n = Norm::new(orig);
        assert_eq!(n.text, "(一)加强:领导");
        assert_eq!(n.orig_slice(orig, 0..n.text.len()), "（一）加强：领导");
        let p = n.text.find("加强").unwrap();
        assert_eq!(n.orig_slice(orig, p..p + "加强".len()), "加强");
    }

    #[test]
    fn doc_numbers() {
        assert!(
            matches!(doc_number_line("淄高新管字〔2023〕100号"), Some(DocNo::Clean(s)) if s == "淄高新管字〔2023〕100号")
        );
        assert!(
            matches!(doc_number_line("淄高新管字[2023]100号"), Some(DocNo::Clean(s)) if s == "淄高新管字〔2023〕100号")
        );
        assert!(
            matches!(doc_number_line("淄高新管字〔2023100号"), Some(DocNo::Recovered(s)) if s == "淄高新管字〔2023〕100号")
        );
        assert_eq!(
            broken_doc_refs("意见》(中办发〔202143号)和")[0].1,
            "〔2021〕43号"
        );
    }
}
