//! Responsible-unit clauses: `(责任单位：A、B)`, `（牵头单位：A；配合单位：B）`,
//! `A（牵头）、B`, `A牵头，B、C配合`, `责任单位：A（牵头），B` on its own line.
//! All offsets are byte offsets in a normalised line (see [`super::text::Norm`]).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{CLOSERS, OPENERS, match_close, match_open, split_top, trim_range};

/// How a unit is marked in the clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Marked as lead: 牵头单位：, （牵头）, "A牵头".
    Lead,
    /// Marked as cooperating: 配合单位：, "B配合".
    Co,
    /// Listed without a mark (责任单位： …).
    Listed,
}

#[derive(Debug, Clone)]
pub(crate) struct RawUnit {
    pub range: Range<usize>,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub(crate) struct Clause {
    /// Whole clause including brackets and trailing 。, to be cut from the text.
    pub range: Range<usize>,
    pub units: Vec<RawUnit>,
    /// The clause said "黑体为牵头部门" (lead marked by bold type).
    pub bold_note: bool,
    /// The opening bracket had no closing one.
    pub unbalanced: bool,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(责任单位|责任部门|责任主体|牵头单位|牵头部门|主责单位|主责部门|配合单位|配合部门|参与单位|参与部门|协同单位|协办单位|协助单位|落实单位|实施单位)\s*:",
    )
    .unwrap()
});

/// Start of an explanatory note inside the clause ("，黑体为牵头部门，下同").
static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"黑体|加粗|粗体|标黑|加黑|排(?:在)?(?:第一位|首位)|列(?:于|在)?(?:第一位|首位)|排名第一|第一个为|下同").unwrap()
});
static BOLD_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"黑体|加粗|粗体|标黑|加黑").unwrap());

const SUFFIX_ROLES: &[(&str, Role)] = &[
    ("牵头负责", Role::Lead),
    ("负责牵头", Role::Lead),
    ("按职责分工负责", Role::Co),
    ("配合落实", Role::Co),
    ("协同配合", Role::Co),
    ("共同参与", Role::Co),
    ("牵头", Role::Lead),
    ("配合", Role::Co),
    ("参与", Role::Co),
    ("协助", Role::Co),
    ("协同", Role::Co),
    ("负责", Role::Lead),
];

const UNIT_SUFFIXES: &[&str] = &[
    "局", "中心", "部", "委", "办", "室", "院", "校", "会", "厅", "处", "科", "所", "站", "队",
    "组", "司", "街道", "镇", "乡", "馆", "社", "团", "署", "府", "部门", "单位", "企业", "集团",
    "银行", "区",
];

/// 30 characters of up to 4 bytes.
const MAX_UNIT_BYTES: usize = 120;

fn label_role(label: &str) -> Role {
    if label.starts_with("牵头") || label.starts_with("主责") {
        Role::Lead
    } else if ["配合", "参与", "协同", "协办", "协助"]
        .iter()
        .any(|p| label.starts_with(p))
    {
        Role::Co
    } else {
        Role::Listed
    }
}

/// Does the text look like the name of a unit (ends with 局/中心/部 …)?
pub(crate) fn looks_like_unit(name: &str) -> bool {
    let n = strip_mark(name).0.trim();
    let chars = n.chars().count();
    (2..=30).contains(&chars) && !n.contains('。') && UNIT_SUFFIXES.iter().any(|s| n.ends_with(s))
}

/// Strip a trailing "(牵头)"/"(配合)" mark: returns the rest and the mark's role.
fn strip_mark(name: &str) -> (&str, Option<Role>) {
    let trimmed = name.trim_end();
    let Some(last) = trimmed.chars().last() else {
        return (name, None);
    };
    if !CLOSERS.contains(&last) {
        return (name, None);
    }
    let close = trimmed.len() - last.len_utf8();
    let Some(open) = match_open(trimmed, close) else {
        return (name, None);
    };
    let inner =
        trimmed[open + trimmed[open..].chars().next().map_or(1, char::len_utf8)..close].trim();
    let role = match inner {
        "牵头" | "牵头单位" | "牵头部门" | "主责" | "牵头负责" | "负责" => {
            Role::Lead
        }
        "配合" | "参与" | "协助" | "配合单位" | "配合部门" => Role::Co,
        _ => return (name, None),
    };
    (&trimmed[..open], Some(role))
}

/// Bytes to cut from the end of `s` for a role suffix ("牵头", "配合" …).
fn suffix_role(s: &str) -> Option<(usize, Role)> {
    SUFFIX_ROLES
        .iter()
        .find(|(suf, _)| s.ends_with(suf) && s.len() > suf.len())
        .map(|(suf, role)| (suf.len(), *role))
}

/// Index just after the last character of `t[..end]` that is not a space or
/// sentence-closing punctuation.
fn content_end(t: &str, end: usize) -> usize {
    let s = t.get(..end).unwrap_or("");
    s.trim_end_matches([' ', '。', '.', ';', ',', '、']).len()
}

/// Extend `end` over trailing spaces and sentence punctuation.
fn swallow_trailing(t: &str, end: usize) -> usize {
    let rest = t.get(end..).unwrap_or("");
    end + (rest.len() - rest.trim_start_matches([' ', '。', '.', ';', ',']).len())
}

/// Find the responsible-units clause in a normalised line.
pub(crate) fn find_clause(t: &str) -> Option<Clause> {
    // 1. A labelled clause: "(责任单位:…)", "(牵头单位:A;配合单位:B)", "责任单位:A(牵头),B".
    if let Some(m) = LABEL.find(t) {
        let before = t[..m.start()].trim_end();
        let opener = before.chars().last().filter(|c| OPENERS.contains(c));
        if let Some(o) = opener {
            let open = before.len() - o.len_utf8();
            let (close, unbalanced) = match match_close(t, open) {
                Some((c, len)) => ((c, c + len), false),
                None => ((t.len(), t.len()), true),
            };
            let (units, bold_note) = parse_units(t, m.start()..content_end(t, close.0));
            return Some(Clause {
                range: open..swallow_trailing(t, close.1),
                units,
                bold_note,
                unbalanced,
            });
        }
        let (units, bold_note) = parse_units(t, m.start()..content_end(t, t.len()));
        return Some(Clause {
            range: m.start()..t.len(),
            units,
            bold_note,
            unbalanced: false,
        });
    }
    let end = content_end(t, t.len());
    // 2. A trailing bracket group with marks: "(A牵头,B、C配合)", "(A(牵头)、B)".
    if let Some(last) = t[..end].chars().last().filter(|c| CLOSERS.contains(c)) {
        let close = end - last.len_utf8();
        if let Some(open) = match_open(t, close) {
            let inner = open + t[open..].chars().next().map_or(1, char::len_utf8)..close;
            let s = &t[inner.clone()];
            if (s.contains("牵头") || s.contains("配合")) && !s.contains('。') {
                let (units, bold_note) = parse_units(t, inner);
                if plausible(t, &units) {
                    return Some(Clause {
                        range: open..t.len(),
                        units,
                        bold_note,
                        unbalanced: false,
                    });
                }
            }
        }
    }
    // 3. A closing sentence without brackets: "由A牵头，B、C配合。"
    let start = t[..end].rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let seg = trim_range(t, start..end);
    let s = &t[seg.clone()];
    if s.contains("牵头") && suffix_role(s).is_some() {
        let (units, bold_note) = parse_units(t, seg.clone());
        if plausible(t, &units) {
            return Some(Clause {
                range: seg.start..t.len(),
                units,
                bold_note,
                unbalanced: false,
            });
        }
    }
    None
}

/// Free-form clauses (without a 责任单位 label) are accepted only when every
/// name looks like a unit and at least one is marked.
fn plausible(t: &str, units: &[RawUnit]) -> bool {
    !units.is_empty()
        && units.iter().any(|u| u.role != Role::Listed)
        && units.iter().all(|u| looks_like_unit(&t[u.range.clone()]))
}

/// Parse the unit list in `t[r]` (after removing the explanatory note).
pub(crate) fn parse_units(t: &str, r: Range<usize>) -> (Vec<RawUnit>, bool) {
    let (a, mut b) = (r.start, r.end);
    let mut bold_note = false;
    if let Some(m) = t.get(a..b).and_then(|s| NOTE.find(s)) {
        let ms = a + m.start();
        bold_note = BOLD_WORD.is_match(&t[ms..b]);
        b = t[a..ms].rfind([',', ';', '。']).map_or(ms, |i| a + i);
    }
    // Segments between labels; text before the first label is "listed".
    let mut segs: Vec<(Role, Range<usize>)> = Vec::new();
    let mut pos = a;
    let mut role = Role::Listed;
    for m in LABEL.find_iter(&t[a..b]) {
        if a + m.start() > pos {
            segs.push((role, pos..a + m.start()));
        }
        role = label_role(m.as_str());
        pos = a + m.end();
    }
    segs.push((role, pos..b));

    let mut out = Vec::new();
    for (seg_role, seg) in segs {
        for sub in split_top(t, seg, &[',', ';', '。']) {
            let mut sub = sub;
            let mut sub_role = None;
            if let Some((cut, rl)) = suffix_role(&t[sub.clone()]) {
                sub.end -= cut;
                sub_role = Some(rl);
                if t[sub.clone()].starts_with('由') {
                    sub.start += '由'.len_utf8();
                }
            }
            for name in split_top(t, sub, &['、', '/']) {
                for part in split_conj(t, name) {
                    if let Some(u) = make_unit(t, part, sub_role.unwrap_or(seg_role), seg_role) {
                        out.push(u);
                    }
                }
            }
        }
    }
    (out, bold_note)
}

/// Split "A和B" / "A及B" only where A already looks like a complete unit
/// ("人社中心和财政局"), so "教育和体育事业中心" stays whole.
fn split_conj(t: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut r = r;
    'outer: loop {
        let s = &t[r.clone()];
        // A unit name has at most 30 characters: look for a conjunction only
        // near the start, so long text stays linear.
        let window = s
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i > MAX_UNIT_BYTES + 6)
            .unwrap_or(s.len());
        for conj in ["以及", "和", "及", "与"] {
            for (p, _) in s[..window].match_indices(conj) {
                let left = trim_range(t, r.start..r.start + p);
                let right = trim_range(t, r.start + p + conj.len()..r.end);
                if looks_like_unit(&t[left.clone()]) && t[right.clone()].chars().nth(1).is_some() {
                    out.push(left);
                    r = right;
                    continue 'outer;
                }
            }
        }
        out.push(r);
        return out;
    }
}

fn make_unit(t: &str, r: Range<usize>, role: Role, seg_role: Role) -> Option<RawUnit> {
    let mut r = trim_range(t, r);
    let mut role = role;
    let (rest, mark) = strip_mark(&t[r.clone()]);
    if let Some(m) = mark {
        r.end = r.start + rest.len();
        role = m;
    } else if seg_role == Role::Listed
        && let Some((cut, rl)) = suffix_role(&t[r.clone()])
    {
        // "A牵头" inside a 、-list.
        r.end -= cut;
        role = rl;
    }
    for suf in ["等有关部门", "等有关单位", "等部门", "等单位", "等"] {
        if t[r.clone()].ends_with(suf) && t[r.clone()].len() > suf.len() {
            r.end -= suf.len();
            break;
        }
    }
    let r = trim_range(t, r);
    let r = r.start..content_end(t, r.end).max(r.start);
    if r.is_empty() {
        return None;
    }
    Some(RawUnit { range: r, role })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<(String, Role)> {
        let c = find_clause(t).expect("clause");
        c.units
            .iter()
            .map(|u| (t[u.range.clone()].to_string(), u.role))
            .collect()
    }

    #[test]
    fn labelled_list_with_note() {
        let t = "培育工匠精神。(责任单位:教育和体育事业中心、组织人事部、宣传新闻中心、人社中心,黑体为牵头部门,下同)";
        let c = find_clause(t).unwrap();
        assert!(c.bold_note);
        assert_eq!(&t[..c.range.start], "培育工匠精神。");
        let n = names(t);
        assert_eq!(n.len(), 4);
        assert_eq!(n[0].0, "教育和体育事业中心");
        assert_eq!(n[3].0, "人社中心");
        assert!(n.iter().all(|(_, r)| *r == Role::Listed));
    }

    #[test]
    fn lead_and_co_labels() {
        let n = names("做好工作。(牵头单位:人社中心;配合单位:财政金融局、教育和体育事业中心)。");
        assert_eq!(n[0], ("人社中心".into(), Role::Lead));
        assert_eq!(n[1], ("财政金融局".into(), Role::Co));
        assert_eq!(n[2], ("教育和体育事业中心".into(), Role::Co));
    }

    #[test]
    fn free_form_lead_co() {
        let n = names("开展培训。由人社中心牵头,教育和体育事业中心、财政金融局配合。");
        assert_eq!(n[0], ("人社中心".into(), Role::Lead));
        assert_eq!(n[2], ("财政金融局".into(), Role::Co));
        assert!(find_clause("成立由区领导牵头、各部门配合的工作专班。").is_none());
    }

    #[test]
    fn paren_marks_and_conjunctions() {
        let n = names("责任单位:组织人事部(牵头),人社中心和财政金融局及城投公司");
        assert_eq!(n[0], ("组织人事部".into(), Role::Lead));
        assert_eq!(
            n.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["组织人事部", "人社中心", "财政金融局", "城投公司"]
        );
        let n = names("推进工作(发展和改革局(牵头)、工业信息化和商务局)");
        assert_eq!(n[0], ("发展和改革局".into(), Role::Lead));
        assert_eq!(n[1].0, "工业信息化和商务局");
    }

    #[test]
    fn non_unit_brackets_are_not_clauses() {
        assert!(
            find_clause("加强各级各类职业院校(含技工、技师院校和职业培训学校)党的建设。").is_none()
        );
        assert!(find_clause("(一)加强党的全面领导。").is_none());
    }
}
