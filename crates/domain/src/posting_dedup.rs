//! Job-posting deduplication, after Lightcast's method (research-notes A2.3).
//!
//! # Source
//! Lightcast Job Posting Analytics methodology (kb.lightcast.io articles 6957446 "JPA
//! methodology" and 6957661 "How does Lightcast handle duplicate postings"): after
//! source-level dedup, postings with the same **normalised title + company + location**
//! seen within a **60-day window** are duplicates; *total postings* are counted before
//! dedup and *unique postings* after (kb article 7934193: 12 total / 2 unique = 10
//! duplicates). Lightcast later moved to expiry dates instead of a fixed 60-day check
//! (kb 8317645); the fixed window is kept here because our postings carry a publish date
//! but often no reliable expiry.
//!
//! # Window semantics (design choices, documented because the source does not fix them)
//! - **Half-open:** posting B (same key) is a duplicate of A when `0 ≤ B − A < window_days`
//!   days. With the default 60 days, a re-post 59 days later is a duplicate, 60 or 61
//!   days later is a new unique posting (a posting "lives" 60 days: its day 0 … day 59).
//! - **Not chained** by default ([`WindowMode::Anchored`]): each unique posting opens a
//!   window; re-posts inside it are duplicates and do **not** extend it. An employer
//!   re-posting every 30 days therefore counts once per 60 days (days 0, 60, 120, …), which
//!   keeps "unique postings per period" comparable. [`WindowMode::Chained`] measures the
//!   gap to the previous posting of the same key instead, so a continuously re-posted job
//!   counts once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Default dedup window in days (Lightcast).
pub const DEFAULT_WINDOW_DAYS: i64 = 60;

/// Full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their half-width forms,
/// then lower case. The NFKC subset that matters for titles and skills.
pub fn fold_width_case(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words that advertise rather than name the job, removed from either end of a title.
/// Longer forms first so that "高薪诚聘" goes before "诚聘".
const AFFIXES: &[&str] = &[
    "长期招聘", "高薪招聘", "高薪诚聘", "高薪急聘", "高薪急招", "紧急招聘", "火热招聘", "诚聘", "急聘", "急招",
    "招聘", "直招", "热招", "高薪", "招募", "诚招", "若干名", "若干", "数名", "多名",
];

fn is_open(c: char) -> Option<char> {
    match c {
        '(' => Some(')'),
        '[' => Some(']'),
        '{' => Some('}'),
        '【' => Some('】'),
        '〔' => Some('〕'),
        '〖' => Some('〗'),
        '「' => Some('」'),
        _ => None,
    }
}

/// Removes bracketed asides such as （急招）, (2025届), 【高薪】. Nested brackets are handled;
/// an unclosed bracket keeps its content (only the bracket is dropped).
fn strip_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut stack: Vec<char> = Vec::new();
    let mut pending = String::new();
    for c in s.chars() {
        if let Some(close) = is_open(c) {
            stack.push(close);
            continue;
        }
        if stack.last() == Some(&c) {
            stack.pop();
            if stack.is_empty() {
                pending.clear();
            }
            continue;
        }
        if stack.is_empty() {
            out.push(c);
        } else {
            pending.push(c);
        }
    }
    out.push_str(&pending);
    out
}

/// Strips a trailing head count: "2名", "10人".
fn strip_count_suffix(s: &str) -> &str {
    for unit in ["名", "人"] {
        if let Some(rest) = s.strip_suffix(unit) {
            let trimmed = rest.trim_end_matches(|c: char| c.is_ascii_digit());
            if trimmed.len() < rest.len() && !trimmed.is_empty() {
                return trimmed;
            }
        }
    }
    s
}

/// Normalised job title for the dedup key.
///
/// Steps: full-width → half-width and lower case; drop bracketed asides （急招）/(2025届)/
/// 【…】; drop whitespace and punctuation (keeps letters, digits, CJK, and `+`/`#` so that
/// "C++" ≠ "C"); then repeatedly strip advertising affixes at either end (招聘/急聘/诚聘/急招/
/// 高薪/若干名/…) and a trailing head count ("2名"). Never strips a title down to nothing.
pub fn normalise_title(raw: &str) -> String {
    let folded = fold_width_case(raw);
    let no_brackets = strip_brackets(&folded);
    let mut s: String = no_brackets.chars().filter(|c| c.is_alphanumeric() || *c == '+' || *c == '#').collect();
    loop {
        let before = s.len();
        for a in AFFIXES {
            if let Some(rest) = s.strip_prefix(a).filter(|r| !r.is_empty()) {
                s = rest.to_string();
            }
            if let Some(rest) = s.strip_suffix(a).filter(|r| !r.is_empty()) {
                s = rest.to_string();
            }
        }
        s = strip_count_suffix(&s).to_string();
        if s.len() == before {
            break;
        }
    }
    s
}

/// What makes two postings "the same job" (title + company + location).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DedupKey {
    pub enterprise_id: i64,
    /// Normalised title ([`normalise_title`]).
    pub title: String,
    /// Location code (county or street 统计用区划代码).
    pub location_code: String,
}

impl DedupKey {
    /// A key from a raw title (normalised here) and a location code (trimmed).
    pub fn new(enterprise_id: i64, raw_title: &str, location_code: &str) -> Self {
        DedupKey { enterprise_id, title: normalise_title(raw_title), location_code: location_code.trim().to_string() }
    }
}

/// Whether two postings are duplicates of each other: same key and published less than
/// `window_days` apart (in either order). Pairwise and symmetric; for counting over a set
/// use [`count_unique`], which applies the anchored window.
pub fn is_duplicate(a: (&DedupKey, NaiveDate), b: (&DedupKey, NaiveDate), window_days: i64) -> bool {
    a.0 == b.0 && (b.1 - a.1).num_days().abs() < window_days
}

/// How a window is measured when counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum WindowMode {
    /// Windows start at each unique posting; duplicates do not extend them (default).
    #[default]
    Anchored,
    /// A posting is a duplicate when the previous posting of the key (unique or not) is
    /// less than `window_days` before it.
    Chained,
}

/// For each posting, whether it is unique (`true`) or a duplicate of an earlier posting
/// with the same key. Order of the input does not matter (postings are compared by date;
/// among same-day postings of a key the first in input order is the unique one).
pub fn unique_flags_with(postings: &[(DedupKey, NaiveDate)], window_days: i64, mode: WindowMode) -> Vec<bool> {
    let mut by_key: HashMap<&DedupKey, Vec<usize>> = HashMap::new();
    for (i, (k, _)) in postings.iter().enumerate() {
        by_key.entry(k).or_default().push(i);
    }
    let mut flags = vec![false; postings.len()];
    for mut idx in by_key.into_values() {
        idx.sort_by_key(|&i| (postings[i].1, i));
        let mut reference: Option<NaiveDate> = None;
        for i in idx {
            let d = postings[i].1;
            let dup = reference.is_some_and(|r| (d - r).num_days() < window_days);
            flags[i] = !dup;
            if !dup || mode == WindowMode::Chained {
                reference = Some(d);
            }
        }
    }
    flags
}

/// [`unique_flags_with`] in the default anchored mode.
pub fn unique_flags(postings: &[(DedupKey, NaiveDate)], window_days: i64) -> Vec<bool> {
    unique_flags_with(postings, window_days, WindowMode::Anchored)
}

/// Number of unique postings (anchored window; see the module docs).
pub fn count_unique(postings: &[(DedupKey, NaiveDate)], window_days: i64) -> usize {
    unique_flags(postings, window_days).into_iter().filter(|u| *u).count()
}

/// Total vs unique postings (Lightcast's two counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PostingCounts {
    pub total: usize,
    pub unique: usize,
    pub duplicates: usize,
}

pub fn posting_counts(postings: &[(DedupKey, NaiveDate)], window_days: i64) -> PostingCounts {
    let unique = count_unique(postings, window_days);
    PostingCounts { total: postings.len(), unique, duplicates: postings.len() - unique }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn title_normalisation_table() {
        let table = [
            ("电工（急招）", "电工"),
            ("电工(2025届)", "电工"),
            ("【高薪】电工", "电工"),
            ("急招电工", "电工"),
            ("电工招聘", "电工"),
            ("高薪诚聘 电工", "电工"),
            ("诚聘电工2名", "电工"),
            ("电工 若干名", "电工"),
            ("电工10人", "电工"),
            ("  电 工  ", "电工"),
            ("电工、", "电工"),
            ("ＰＬＣ工程师", "plc工程师"),
            ("PLC 工程师（五险一金）", "plc工程师"),
            ("plc工程师", "plc工程师"),
            ("C++开发工程师", "c++开发工程师"),
            ("C#开发", "c#开发"),
            ("Ｃ＋＋开发", "c++开发"),
            ("数控车工（数控车床(CNC)操作）", "数控车工"),
            ("质检员（", "质检员"),
            ("质检员(白班", "质检员白班"),
            ("招聘", "招聘"),
            ("（急招）", ""),
            ("", ""),
            ("招聘招聘电工急聘", "电工"),
            ("3D打印技术员", "3d打印技术员"),
            ("电工\u{3000}中级", "电工中级"),
        ];
        for (raw, want) in table {
            assert_eq!(normalise_title(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn keys_from_raw_titles_match() {
        let a = DedupKey::new(7, "电工（急招）", "370303");
        let b = DedupKey::new(7, " 诚聘电工 ", " 370303 ");
        assert_eq!(a, b);
        assert_ne!(a, DedupKey::new(8, "电工", "370303"));
        assert_ne!(a, DedupKey::new(7, "电工", "370302"));
        assert_ne!(a, DedupKey::new(7, "焊工", "370303"));
    }

    #[test]
    fn window_boundaries() {
        let k = DedupKey::new(1, "电工", "370303");
        let other = DedupKey::new(2, "电工", "370303");
        let start = d(2025, 3, 1);
        // (days apart, duplicate?)
        let table = [(0, true), (1, true), (59, true), (60, false), (61, false), (-59, true), (-60, false)];
        for (days, want) in table {
            let later = start + chrono::Duration::days(days);
            assert_eq!(is_duplicate((&k, start), (&k, later), 60), want, "{days} days");
            assert_eq!(is_duplicate((&k, later), (&k, start), 60), want, "{days} days, swapped");
            assert!(!is_duplicate((&k, start), (&other, later), 60));
            let set = vec![(k.clone(), start), (k.clone(), later)];
            assert_eq!(count_unique(&set, 60), if want { 1 } else { 2 }, "{days} days");
        }
        // A different window.
        assert!(is_duplicate((&k, start), (&k, start + chrono::Duration::days(29)), 30));
        assert!(!is_duplicate((&k, start), (&k, start + chrono::Duration::days(30)), 30));
        // Window 0: nothing is a duplicate, not even the same day.
        assert!(!is_duplicate((&k, start), (&k, start), 0));
    }

    #[test]
    fn anchored_vs_chained() {
        let k = DedupKey::new(1, "电工", "370303");
        let start = d(2025, 1, 1);
        let every_30: Vec<_> = (0..7).map(|i| (k.clone(), start + chrono::Duration::days(30 * i))).collect();
        // days 0,30,60,90,120,150,180 → anchored uniques at 0, 60, 120, 180
        assert_eq!(unique_flags(&every_30, 60), vec![true, false, true, false, true, false, true]);
        assert_eq!(count_unique(&every_30, 60), 4);
        assert_eq!(
            unique_flags_with(&every_30, 60, WindowMode::Chained).iter().filter(|u| **u).count(),
            1
        );
        // Gaps of 59/60/61 days, chained
        let gaps = [
            (k.clone(), start),
            (k.clone(), start + chrono::Duration::days(59)),
            (k.clone(), start + chrono::Duration::days(119)),
            (k.clone(), start + chrono::Duration::days(180)),
        ];
        assert_eq!(unique_flags_with(&gaps, 60, WindowMode::Chained), vec![true, false, true, true]);
        assert_eq!(unique_flags(&gaps, 60), vec![true, false, true, true]);
    }

    #[test]
    fn counting_is_order_independent_and_counts_total_vs_unique() {
        let a = DedupKey::new(1, "电工（急招）", "370303");
        let b = DedupKey::new(1, "焊工", "370303");
        let c = DedupKey::new(2, "电工", "370303");
        let t = d(2025, 5, 1);
        let mut postings = vec![
            (a.clone(), t + chrono::Duration::days(10)),
            (DedupKey::new(1, "电工招聘", "370303"), t),
            (a.clone(), t + chrono::Duration::days(70)),
            (b.clone(), t),
            (b.clone(), t),
            (c.clone(), t + chrono::Duration::days(3)),
        ];
        let counts = posting_counts(&postings, DEFAULT_WINDOW_DAYS);
        assert_eq!(counts, PostingCounts { total: 6, unique: 4, duplicates: 2 });
        // the earliest of a key is the unique one, whatever the input order
        assert_eq!(unique_flags(&postings, 60), vec![false, true, true, true, false, true]);
        postings.reverse();
        assert_eq!(count_unique(&postings, 60), 4);
        assert_eq!(count_unique(&[], 60), 0);
        // Lightcast's example: 12 total, 2 unique
        let twelve: Vec<_> =
            (0..12).map(|i| (if i < 6 { a.clone() } else { b.clone() }, t + chrono::Duration::days(i % 6))).collect();
        assert_eq!(posting_counts(&twelve, 60), PostingCounts { total: 12, unique: 2, duplicates: 10 });
    }

    #[test]
    fn width_folding() {
        assert_eq!(fold_width_case("ＡＢＣ１２３　ｘ"), "abc123 x");
        assert_eq!(fold_width_case("（）"), "()");
        assert_eq!(fold_width_case("电工"), "电工");
    }
}
