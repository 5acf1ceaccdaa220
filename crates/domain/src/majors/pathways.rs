//! 纵向贯通 (seed measure 四, 一体化设计 of majors, goals and courses across 中职 → 高职 →
//! 本科): the kinds of pathway, whether the majors at the two levels belong to related
//! 专业类, and the alignment of the two levels' course lists.
//!
//! Sources:
//! - 《职业教育专业目录（2021年）》(教职成〔2021〕2号): "统一采用专业大类、专业类、专业三级分类，
//!   一体化设计中等职业教育、高等职业教育专科、高等职业教育本科不同层次专业" — the three levels
//!   share the 专业类 structure: 中职 大类 61–79, 专科 41–59, 本科 21–39, the same class number
//!   inside (6603 自动化类 ↔ 4603 自动化类 ↔ 2603 自动化类).
//! - 山东省 中高职贯通 (3+2, 五年一贯制) and 中职与本科贯通 (3+4) 培养: the lower major must be
//!   "相同或相近专业" of the upper one (research-notes A4 row 4: 3+2 / 3+4 cohorts).

use crate::catalog::MajorLevel;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum PathwayKind {
    /// 3+2 中高职贯通: three years 中职, two years 高职专科.
    ThreeTwo,
    /// 五年一贯制: five years to a 高职专科 diploma.
    FiveYear,
    /// 3+4 中职与本科贯通.
    ThreeFour,
}

impl PathwayKind {
    pub const ALL: [PathwayKind; 3] = [PathwayKind::ThreeTwo, PathwayKind::FiveYear, PathwayKind::ThreeFour];
    pub fn key(self) -> &'static str {
        match self {
            PathwayKind::ThreeTwo => "three_two",
            PathwayKind::FiveYear => "five_year",
            PathwayKind::ThreeFour => "three_four",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == s)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            PathwayKind::ThreeTwo => "3+2 中高职贯通",
            PathwayKind::FiveYear => "五年一贯制",
            PathwayKind::ThreeFour => "3+4 中职与本科贯通",
        }
    }
    /// The upper level of the pathway (the lower is always 中职).
    pub fn upper_level(self) -> MajorLevel {
        match self {
            PathwayKind::ThreeTwo | PathwayKind::FiveYear => MajorLevel::Associate,
            PathwayKind::ThreeFour => MajorLevel::Bachelor,
        }
    }
    /// Years at the lower and the upper level.
    pub fn years(self) -> (u32, u32) {
        match self {
            PathwayKind::ThreeTwo => (3, 2),
            PathwayKind::FiveYear => (3, 2),
            PathwayKind::ThreeFour => (3, 4),
        }
    }
}

/// A 专业类 as the catalogue gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRef<'a> {
    pub level: MajorLevel,
    /// Four digits: 6603.
    pub code: &'a str,
    pub name: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassRelation {
    /// The same class number in the corresponding 大类 (6603 ↔ 4603 ↔ 2603).
    Corresponding,
    /// Different numbers, same class name (the catalogue renumbered it at one level).
    SameName,
    Unrelated,
}

fn category_base(level: MajorLevel) -> u32 {
    match level {
        MajorLevel::Secondary => 60,
        MajorLevel::Associate => 40,
        MajorLevel::Bachelor => 20,
    }
}

/// Whether two classes of different levels are related 专业类 (see the module's sources).
pub fn class_relation(lower: &ClassRef, upper: &ClassRef) -> ClassRelation {
    let num = |c: &ClassRef| -> Option<(u32, u32)> {
        if c.code.len() != 4 || !c.code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let cat: u32 = c.code[..2].parse().ok()?;
        let class: u32 = c.code[2..].parse().ok()?;
        let base = category_base(c.level);
        (cat > base && cat < base + 20).then(|| (cat - base, class))
    };
    match (num(lower), num(upper)) {
        (Some(a), Some(b)) if a == b => ClassRelation::Corresponding,
        _ if !lower.name.is_empty() && lower.name == upper.name => ClassRelation::SameName,
        _ => ClassRelation::Unrelated,
    }
}

/// The check a pathway's majors must pass: levels as the kind says and related classes.
/// `Err` is the message naming what is wrong.
pub fn check_majors(kind: PathwayKind, lower: &ClassRef, upper: &ClassRef) -> Result<ClassRelation, String> {
    if lower.level != MajorLevel::Secondary {
        return Err("贯通培养的起点应为中职专业".into());
    }
    if upper.level != kind.upper_level() {
        return Err(format!("{}的升入专业应为{}专业", kind.name_zh(), kind.upper_level().name_zh()));
    }
    match class_relation(lower, upper) {
        ClassRelation::Unrelated => Err(format!("中职专业所属“{}”与升入专业所属“{}”不是相同或相近的专业类", lower.name, upper.name)),
        r => Ok(r),
    }
}

/// One course of a level's list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub name: String,
    pub hours: u32,
    /// What the course teaches (learning outcomes, one topic each).
    pub outcomes: Vec<String>,
    /// For upper-level courses: the topics it builds on from the level below.
    pub prerequisites: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repeated {
    /// The course name (normalised) taught at both levels.
    pub name: String,
    pub lower_hours: u32,
    pub upper_hours: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unprepared {
    pub course: String,
    /// The prerequisite topic no lower course teaches.
    pub topic: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Alignment {
    pub lower_hours: u32,
    pub upper_hours: u32,
    /// Courses of the same name at both levels (重复开设).
    pub repeated: Vec<Repeated>,
    /// Upper-level prerequisites no lower-level course prepares (衔接断层).
    pub unprepared: Vec<Unprepared>,
}

/// Names and topics compare without spaces, full-width brackets and case: "PLC 编程（一）"
/// and "plc编程(一)" are the same course.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Compare the two levels' course lists: repeated courses, and upper-level prerequisites
/// with no preparatory course below (a topic is prepared when a lower course lists it among
/// its outcomes or is named after it).
pub fn align(lower: &[Course], upper: &[Course]) -> Alignment {
    let lower_names: Vec<String> = lower.iter().map(|c| normalise(&c.name)).collect();
    let taught: BTreeSet<String> = lower.iter().flat_map(|c| c.outcomes.iter().map(|o| normalise(o))).chain(lower_names.iter().cloned()).collect();
    let mut repeated = Vec::new();
    let mut unprepared = Vec::new();
    for u in upper {
        let n = normalise(&u.name);
        if n.is_empty() {
            continue;
        }
        if let Some(i) = lower_names.iter().position(|l| *l == n) {
            if !repeated.iter().any(|r: &Repeated| normalise(&r.name) == n) {
                repeated.push(Repeated { name: u.name.trim().to_string(), lower_hours: lower[i].hours, upper_hours: u.hours });
            }
        }
        for p in &u.prerequisites {
            let t = normalise(p);
            if !t.is_empty() && !taught.contains(&t) && !unprepared.iter().any(|x: &Unprepared| x.course == u.name && normalise(&x.topic) == t) {
                unprepared.push(Unprepared { course: u.name.trim().to_string(), topic: p.trim().to_string() });
            }
        }
    }
    Alignment { lower_hours: lower.iter().map(|c| c.hours).sum(), upper_hours: upper.iter().map(|c| c.hours).sum(), repeated, unprepared }
}

/// Split a "；"/";"/"、"/","/newline separated list of topics.
pub fn topics(s: &str) -> Vec<String> {
    s.split(['；', ';', '、', ',', '，', '\n']).map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c<'a>(level: MajorLevel, code: &'a str, name: &'a str) -> ClassRef<'a> {
        ClassRef { level, code, name }
    }

    #[test]
    fn related_classes_follow_the_2021_catalogue_structure() {
        use ClassRelation::*;
        use MajorLevel::*;
        // (lower, upper, expected) — 教职成〔2021〕2号: one class structure across the levels.
        let table = [
            (c(Secondary, "6603", "自动化类"), c(Associate, "4603", "自动化类"), Corresponding),
            (c(Secondary, "6603", "自动化类"), c(Bachelor, "2603", "自动化类"), Corresponding),
            (c(Secondary, "7102", "计算机类"), c(Associate, "5102", "计算机类"), Corresponding),
            // Same name under another number still counts.
            (c(Secondary, "6601", "机械设计制造类"), c(Associate, "4699", "机械设计制造类"), SameName),
            // Neighbouring class of the same 大类 is not related.
            (c(Secondary, "6603", "自动化类"), c(Associate, "4601", "机械设计制造类"), Unrelated),
            // Same number in an unrelated 大类 (4703 is not 66's counterpart).
            (c(Secondary, "6603", "自动化类"), c(Associate, "4703", "化工技术类"), Unrelated),
            // Codes out of the level's 大类 range are not read as numbers.
            (c(Secondary, "4603", "x"), c(Associate, "4603", "y"), Unrelated),
            (c(Secondary, "66", ""), c(Associate, "46", ""), Unrelated),
        ];
        for (lower, upper, want) in table {
            assert_eq!(class_relation(&lower, &upper), want, "{lower:?} {upper:?}");
        }
    }

    #[test]
    fn a_pathway_checks_its_levels_and_classes() {
        use MajorLevel::*;
        let sec = c(Secondary, "6603", "自动化类");
        assert!(check_majors(PathwayKind::ThreeTwo, &sec, &c(Associate, "4603", "自动化类")).is_ok());
        assert!(check_majors(PathwayKind::FiveYear, &sec, &c(Associate, "4603", "自动化类")).is_ok());
        assert!(check_majors(PathwayKind::ThreeFour, &sec, &c(Bachelor, "2603", "自动化类")).is_ok());
        // 3+4 leads to 本科, not 专科; 3+2 not to 本科.
        assert!(check_majors(PathwayKind::ThreeFour, &sec, &c(Associate, "4603", "自动化类")).unwrap_err().contains("本科"));
        assert!(check_majors(PathwayKind::ThreeTwo, &sec, &c(Bachelor, "2603", "自动化类")).unwrap_err().contains("专科"));
        // The lower major must be 中职.
        assert!(check_majors(PathwayKind::ThreeTwo, &c(Associate, "4603", "自动化类"), &c(Associate, "4603", "自动化类")).is_err());
        let e = check_majors(PathwayKind::ThreeTwo, &sec, &c(Associate, "5102", "计算机类")).unwrap_err();
        assert!(e.contains("自动化类") && e.contains("计算机类"), "{e}");
    }

    fn course(name: &str, hours: u32, outcomes: &str, prerequisites: &str) -> Course {
        Course { name: name.into(), hours, outcomes: topics(outcomes), prerequisites: topics(prerequisites) }
    }

    #[test]
    fn alignment_flags_repeats_and_unprepared_outcomes() {
        let lower = vec![
            course("电工基础", 128, "直流电路；交流电路", ""),
            course("PLC 编程（一）", 96, "梯形图编程", ""),
            course("机械制图", 96, "识图", ""),
        ];
        let upper = vec![
            // Repeated under a different spelling.
            course("plc编程(一)", 64, "", "梯形图编程"),
            // Prepared by an outcome and by a course name; one topic missing.
            course("运动控制技术", 96, "", "交流电路；机械制图；传感器原理"),
            course("工业网络", 64, "", ""),
        ];
        let a = align(&lower, &upper);
        assert_eq!(a.lower_hours, 320);
        assert_eq!(a.upper_hours, 224);
        assert_eq!(a.repeated, vec![Repeated { name: "plc编程(一)".into(), lower_hours: 96, upper_hours: 64 }]);
        assert_eq!(a.unprepared, vec![Unprepared { course: "运动控制技术".into(), topic: "传感器原理".into() }]);
    }

    #[test]
    fn alignment_edge_cases() {
        // Empty lists: nothing flagged.
        assert_eq!(align(&[], &[]), Alignment::default());
        // No lower courses: every prerequisite is unprepared, once each.
        let upper = vec![course("单片机应用", 64, "", "C语言；C 语言；数字电路")];
        let a = align(&[], &upper);
        assert_eq!(a.unprepared.len(), 2, "{a:?}");
        // Blank names never match.
        let a = align(&[course(" ", 10, "", "")], &[course("", 10, "", "")]);
        assert!(a.repeated.is_empty());
        assert_eq!(topics("a；b;c、 d\n\n"), vec!["a", "b", "c", "d"]);
    }

    #[test]
    fn kinds_round_trip() {
        for k in PathwayKind::ALL {
            assert_eq!(PathwayKind::parse(k.key()), Some(k));
        }
        assert_eq!(PathwayKind::parse("x"), None);
        assert_eq!(PathwayKind::ThreeFour.years(), (3, 4));
    }
}
