//! The district's warnings on its majors: six rules, each naming its precedent, shown as
//! advice to the 教体中心, never as a decision (research-notes B4: "Show these as warnings
//! for the district, not automatic decisions").
//!
//! The rules read a district described by [`District`] (what `zhijiao majors warnings FILE`
//! reads as JSON, and what the map page fills from the database), and are versioned and
//! configurable through [`WarningRules`].

use super::MajorStatus;
use crate::talent_report::bottom_share;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Changes whenever a rule or a default changes, so that a warning can be traced to the
/// rules that produced it.
pub const RULES_VERSION: &str = "majors-warnings/2026-12-04.1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    LowDestination,
    Saturation,
    SizeCap,
    Dormant,
    Shortage,
    ChainGap,
}

impl Rule {
    pub const ALL: [Rule; 6] = [Rule::LowDestination, Rule::Saturation, Rule::SizeCap, Rule::Dormant, Rule::Shortage, Rule::ChainGap];

    pub fn key(self) -> &'static str {
        match self {
            Rule::LowDestination => "low_destination",
            Rule::Saturation => "saturation",
            Rule::SizeCap => "size_cap",
            Rule::Dormant => "dormant",
            Rule::Shortage => "shortage",
            Rule::ChainGap => "chain_gap",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Rule::LowDestination => "去向落实率连续偏低",
            Rule::Saturation => "专业布点饱和",
            Rule::SizeCap => "专业规模偏小",
            Rule::Dormant => "连续三年未招生",
            Rule::Shortage => "紧缺专业无学校开设",
            Rule::ChainGap => "主导产业链无专业群支撑",
        }
    }

    /// The precedent in its official wording, with the document it comes from.
    pub fn precedent_zh(self) -> &'static str {
        match self {
            Rule::LowDestination => {
                "福建省教育厅2023年专业动态调整规定：“初次毕业去向落实率连续2年处于后10%的专业，须减少招生或停止招生”（research-notes B4）"
            }
            Rule::Saturation => "福建省教育厅2023年专业动态调整规定：“设区市内已有50%以上中职学校开设的专业，原则上不再新增布点”（research-notes B4）",
            Rule::SizeCap => {
                "福建省教育厅2023年专业动态调整规定：专业总量控制，“中职学校专业平均在校生规模200人、高职院校300人”，低于此规模只减不增（research-notes B4）"
            }
            Rule::Dormant => {
                "教职成司函〔2018〕129号、鲁教职函〔2017〕5号：“连续3年未招生的国控专业，须重新申报”；“年度未招生”计数见全国职业院校专业设置管理与公共信息服务平台（research-notes A1.1）"
            }
            Rule::Shortage => {
                "《关于推动淄博高新区现代职业教育高质量发展的若干措施》（二）：“开设区域经济社会发展急需的新兴专业和紧缺专业”；紧缺指数见产业人才需求信息报告（research-notes B8）"
            }
            Rule::ChainGap => "《关于推动淄博高新区现代职业教育高质量发展的若干措施》（七）：“围绕支柱产业、主导产业和新兴产业，打造专业群”",
        }
    }
}

/// Thresholds of the rules; the defaults are the precedents' figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarningRules {
    pub version: String,
    /// Bottom share of a cohort's 去向落实率 among the district's majors of the level.
    pub bottom_share: f64,
    /// Consecutive latest cohorts that must all be in the bottom share.
    pub consecutive_cohorts: usize,
    /// Below this many majors with a rate in a cohort, no major of that cohort is ranked.
    pub min_peers: usize,
    /// A major is saturated when offered by more than this share of the level's schools.
    pub saturation_share: f64,
    /// With fewer schools than this, saturation is not judged (one school offers all its majors).
    pub saturation_min_schools: usize,
    /// Students on roll per major below which a major is small: 中职, 高职 (专科 and 本科).
    pub size_cap_secondary: u32,
    pub size_cap_higher: u32,
    /// Consecutive years without enrolment.
    pub dormant_years: usize,
    /// ★ of the report's shortage index from which an occupation counts as short.
    pub shortage_min_stars: u8,
}

impl Default for WarningRules {
    fn default() -> Self {
        WarningRules {
            version: RULES_VERSION.into(),
            bottom_share: 0.10,
            consecutive_cohorts: 2,
            min_peers: 5,
            saturation_share: 0.5,
            saturation_min_schools: 2,
            size_cap_secondary: 200,
            size_cap_higher: 300,
            dormant_years: 3,
            shortage_min_stars: 4,
        }
    }
}

/// A district as the rules see it (the command line's input).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct District {
    pub year: i32,
    /// `secondary` (中职) or `associate` / `bachelor` (高职).
    pub level: String,
    #[serde(default)]
    pub schools: Vec<School>,
    #[serde(default)]
    pub demand: Vec<Demand>,
    #[serde(default)]
    pub chains: Vec<Chain>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct School {
    pub name: String,
    #[serde(default)]
    pub majors: Vec<Offering>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offering {
    pub code: String,
    pub status: MajorStatus,
    /// New students per year ("2024": 120). A year left out is unknown, not zero.
    #[serde(default)]
    pub enrolment: BTreeMap<i32, u32>,
    /// Students on roll now; unknown when absent.
    #[serde(default)]
    pub on_roll: Option<u32>,
    /// 初次毕业去向落实率 per graduating cohort, 0–1.
    #[serde(default)]
    pub destination_rate: BTreeMap<i32, f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Demand {
    pub major_code: String,
    /// Postings in the zone that name the major.
    #[serde(default)]
    pub postings: u64,
    /// Highest ★ of the report's shortage index among the occupations the crosswalk maps to it.
    #[serde(default)]
    pub stars: Option<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Chain {
    pub name: String,
    pub served_by_groups: bool,
}

/// One warning: `school` is `None` for district-wide rules, `major_code` for chain gaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub rule: Rule,
    pub school: Option<String>,
    pub major_code: Option<String>,
    pub evidence: String,
}

fn pct(r: f64) -> String {
    format!("{:.1}%", r * 100.0)
}

fn is_secondary(level: &str) -> bool {
    level == "secondary"
}

/// Every rule on the district, in rule order, then school, then major.
pub fn evaluate(d: &District, r: &WarningRules) -> Vec<Warning> {
    let mut out = Vec::new();
    out.extend(low_destination(d, r));
    out.extend(saturation(d, r));
    out.extend(size_cap(d, r));
    out.extend(dormant(d, r));
    out.extend(shortage(d, r));
    out.extend(chain_gap(d));
    out
}

fn live(o: &Offering) -> bool {
    o.status != MajorStatus::Withdrawn
}

/// `low_destination`: in the bottom share of the level's majors for each of the latest
/// consecutive cohorts (ties with the cut-off count as inside, [`bottom_share`]). The
/// latest cohort is the newest with any rate up to the district's year; a major without a
/// rate for one of those cohorts is not warned (nothing says it was low).
pub fn low_destination(d: &District, r: &WarningRules) -> Vec<Warning> {
    let Some(latest) = d.schools.iter().flat_map(|s| &s.majors).flat_map(|m| m.destination_rate.keys()).filter(|y| **y <= d.year).max().copied()
    else {
        return Vec::new();
    };
    let n = r.consecutive_cohorts.max(1);
    let cohorts: Vec<i32> = (0..n as i32).map(|k| latest - k).collect();
    let mut flagged: Option<BTreeSet<(usize, usize)>> = None;
    let mut peers: BTreeMap<i32, usize> = BTreeMap::new();
    for c in &cohorts {
        let rates: Vec<((usize, usize), f64)> = d
            .schools
            .iter()
            .enumerate()
            .flat_map(|(si, s)| s.majors.iter().enumerate().filter(|(_, m)| live(m)).filter_map(move |(mi, m)| m.destination_rate.get(c).map(|x| ((si, mi), *x))))
            .collect();
        peers.insert(*c, rates.len());
        let low = bottom_share(&rates, r.bottom_share, r.min_peers);
        flagged = Some(match flagged {
            None => low,
            Some(prev) => prev.intersection(&low).copied().collect(),
        });
    }
    let mut out = Vec::new();
    for (si, mi) in flagged.unwrap_or_default() {
        let s = &d.schools[si];
        let m = &s.majors[mi];
        let parts: Vec<String> =
            cohorts.iter().rev().map(|c| format!("{c}届 {}（{} 个专业点中）", pct(m.destination_rate[c]), peers[c])).collect();
        out.push(Warning {
            rule: Rule::LowDestination,
            school: Some(s.name.clone()),
            major_code: Some(m.code.clone()),
            evidence: format!("去向落实率 {}，连续 {n} 届处于全区同层次专业后 {:.0}%", parts.join("、"), r.bottom_share * 100.0),
        });
    }
    out
}

/// `saturation`: enrolling at more than the share of the level's schools.
pub fn saturation(d: &District, r: &WarningRules) -> Vec<Warning> {
    let n_schools = d.schools.len();
    if n_schools < r.saturation_min_schools.max(1) {
        return Vec::new();
    }
    let mut offering: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for s in &d.schools {
        for m in s.majors.iter().filter(|m| m.status == MajorStatus::Enrolling) {
            offering.entry(m.code.as_str()).or_default().insert(s.name.as_str());
        }
    }
    offering
        .into_iter()
        .filter(|(_, schools)| schools.len() as f64 > r.saturation_share * n_schools as f64)
        .map(|(code, schools)| Warning {
            rule: Rule::Saturation,
            school: None,
            major_code: Some(code.to_string()),
            evidence: format!(
                "全区 {n_schools} 所同层次学校中有 {} 所在招（{}），超过 {:.0}%",
                schools.len(),
                schools.into_iter().collect::<Vec<_>>().join("、"),
                r.saturation_share * 100.0
            ),
        })
        .collect()
}

/// `size_cap`: an enrolling major whose students on roll are below the level's cap.
pub fn size_cap(d: &District, r: &WarningRules) -> Vec<Warning> {
    let cap = if is_secondary(&d.level) { r.size_cap_secondary } else { r.size_cap_higher };
    let mut out = Vec::new();
    for s in &d.schools {
        for m in s.majors.iter().filter(|m| m.status == MajorStatus::Enrolling) {
            if let Some(n) = m.on_roll.filter(|n| *n < cap) {
                out.push(Warning {
                    rule: Rule::SizeCap,
                    school: Some(s.name.clone()),
                    major_code: Some(m.code.clone()),
                    evidence: format!("在校生 {n} 人，低于{}专业平均规模 {cap} 人", if is_secondary(&d.level) { "中职" } else { "高职" }),
                });
            }
        }
    }
    out
}

/// `dormant`: no enrolment in each of the last `dormant_years` years up to the district's
/// year. A year without a figure is unknown and breaks the run.
pub fn dormant(d: &District, r: &WarningRules) -> Vec<Warning> {
    let n = r.dormant_years.max(1) as i32;
    let years: Vec<i32> = (0..n).map(|k| d.year - k).collect();
    let mut out = Vec::new();
    for s in &d.schools {
        for m in s.majors.iter().filter(|m| live(m)) {
            if years.iter().all(|y| m.enrolment.get(y) == Some(&0)) {
                out.push(Warning {
                    rule: Rule::Dormant,
                    school: Some(s.name.clone()),
                    major_code: Some(m.code.clone()),
                    evidence: format!("{}—{}年连续 {n} 年招生 0 人（{}）", d.year - n + 1, d.year, m.status.name_zh()),
                });
            }
        }
    }
    out
}

/// `shortage`: demand in the zone (postings naming the major, or a ★ at or above the
/// threshold through the crosswalk) and no school enrolling in it.
pub fn shortage(d: &District, r: &WarningRules) -> Vec<Warning> {
    let offered: BTreeSet<&str> =
        d.schools.iter().flat_map(|s| &s.majors).filter(|m| m.status == MajorStatus::Enrolling).map(|m| m.code.as_str()).collect();
    let mut per_major: BTreeMap<&str, (u64, Option<u8>)> = BTreeMap::new();
    for x in &d.demand {
        let e = per_major.entry(x.major_code.as_str()).or_default();
        e.0 += x.postings;
        e.1 = e.1.max(x.stars);
    }
    per_major
        .into_iter()
        .filter(|(code, (postings, stars))| !offered.contains(code) && (*postings > 0 || stars.is_some_and(|s| s >= r.shortage_min_stars)))
        .map(|(code, (postings, stars))| {
            let mut why = Vec::new();
            if postings > 0 {
                why.push(format!("区内岗位 {postings} 个要求该专业"));
            }
            if let Some(s) = stars.filter(|s| *s >= r.shortage_min_stars) {
                why.push(format!("对应职业紧缺指数 {}", "★".repeat(s.min(5) as usize)));
            }
            Warning {
                rule: Rule::Shortage,
                school: None,
                major_code: Some(code.to_string()),
                evidence: format!("{}，全区无学校在招", why.join("；")),
            }
        })
        .collect()
}

/// `chain_gap`: a lead industry chain that no specialty group serves.
pub fn chain_gap(d: &District) -> Vec<Warning> {
    d.chains
        .iter()
        .filter(|c| !c.served_by_groups)
        .map(|c| Warning { rule: Rule::ChainGap, school: None, major_code: None, evidence: format!("主导产业链“{}”尚无专业群对接", c.name) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offering(code: &str, status: MajorStatus) -> Offering {
        Offering { code: code.into(), status, enrolment: BTreeMap::new(), on_roll: None, destination_rate: BTreeMap::new() }
    }
    fn with_rates(code: &str, rates: &[(i32, f64)]) -> Offering {
        Offering { destination_rate: rates.iter().copied().collect(), ..offering(code, MajorStatus::Enrolling) }
    }
    fn district(schools: Vec<School>) -> District {
        District { year: 2026, level: "secondary".into(), schools, ..Default::default() }
    }
    fn school(name: &str, majors: Vec<Offering>) -> School {
        School { name: name.into(), majors }
    }
    fn keys(ws: &[Warning]) -> Vec<(Rule, Option<&str>, Option<&str>)> {
        ws.iter().map(|w| (w.rule, w.school.as_deref(), w.major_code.as_deref())).collect()
    }

    /// Ten majors with rates 0.50, 0.60 … 0.95 in 2025 and 2026: ⌈10 × 10%⌉ = 1 lowest.
    fn ten(rates_2025: [f64; 10], rates_2026: [f64; 10]) -> District {
        let majors = (0..10).map(|i| with_rates(&format!("66030{i}"), &[(2025, rates_2025[i]), (2026, rates_2026[i])])).collect();
        district(vec![school("甲校", majors)])
    }

    #[test]
    fn low_destination_bottom_ten_percent_two_cohorts() {
        let up = [0.50, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.92, 0.95];
        let r = WarningRules::default();
        // Lowest in both cohorts → warned.
        assert_eq!(keys(&low_destination(&ten(up, up), &r)), vec![(Rule::LowDestination, Some("甲校"), Some("660300"))]);
        // Lowest in 2026 only → not warned.
        let mut other = up;
        other.swap(0, 1);
        assert!(low_destination(&ten(other, up), &r).is_empty());
        // A tie at the 10% boundary: both tied majors are in the bottom share.
        let mut tie = up;
        tie[1] = 0.50;
        let w = low_destination(&ten(tie, tie), &r);
        assert_eq!(w.len(), 2, "{w:?}");
        // Just above the boundary: the second lowest is not in.
        let mut near = up;
        near[1] = 0.5001;
        assert_eq!(low_destination(&ten(near, near), &r).len(), 1);
    }

    #[test]
    fn low_destination_missing_cohort_and_too_few_peers() {
        let r = WarningRules::default();
        let up = [0.50, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.92, 0.95];
        // The lowest major has no 2025 rate: nothing says it was low twice.
        let mut d = ten(up, up);
        d.schools[0].majors[0].destination_rate.remove(&2025);
        let w = low_destination(&d, &r);
        assert!(w.iter().all(|w| w.major_code.as_deref() != Some("660300")), "{w:?}");
        // A cohort after the district's year is ignored; the 2024/2025 cohorts rule then.
        let mut d = ten(up, up);
        d.year = 2025;
        d.schools[0].majors[0].destination_rate.insert(2024, 0.4);
        assert!(low_destination(&d, &r).is_empty(), "only the lowest has 2024 (1 < 5 peers)");
        // Fewer than five majors with a rate: no ranking.
        let d = district(vec![school("甲校", (0..4).map(|i| with_rates(&format!("71020{i}"), &[(2025, 0.1), (2026, 0.1)])).collect())]);
        assert!(low_destination(&d, &r).is_empty());
        // No rates at all.
        assert!(low_destination(&district(vec![]), &r).is_empty());
    }

    #[test]
    fn saturation_more_than_half() {
        let r = WarningRules::default();
        let s = |n: &str, codes: &[&str]| school(n, codes.iter().map(|c| offering(c, MajorStatus::Enrolling)).collect());
        // 2 of 3 schools → saturated; 1 of 3 is not.
        let d = district(vec![s("甲", &["710201", "660301"]), s("乙", &["710201"]), s("丙", &["690201"])]);
        assert_eq!(keys(&saturation(&d, &r)), vec![(Rule::Saturation, None, Some("710201"))]);
        // Exactly half (2 of 4) is not more than half.
        let d = district(vec![s("甲", &["710201"]), s("乙", &["710201"]), s("丙", &[]), s("丁", &[])]);
        assert!(saturation(&d, &r).is_empty());
        // A single school is not judged.
        assert!(saturation(&district(vec![s("甲", &["710201"])]), &r).is_empty());
        // A suspended major does not count as offered.
        let d = district(vec![s("甲", &["710201"]), school("乙", vec![offering("710201", MajorStatus::Suspended)]), s("丙", &[])]);
        assert!(saturation(&d, &r).is_empty());
    }

    #[test]
    fn size_cap_by_level() {
        let r = WarningRules::default();
        let m = |n: u32| Offering { on_roll: Some(n), ..offering("660301", MajorStatus::Enrolling) };
        let d = district(vec![school("甲", vec![m(199), m(200)]), school("乙", vec![Offering { on_roll: None, ..m(0) }])]);
        assert_eq!(keys(&size_cap(&d, &r)), vec![(Rule::SizeCap, Some("甲"), Some("660301"))]);
        let mut higher = district(vec![school("甲", vec![m(299), m(300)])]);
        higher.level = "associate".into();
        assert_eq!(size_cap(&higher, &r).len(), 1);
        assert!(size_cap(&higher, &r)[0].evidence.contains("300"));
    }

    #[test]
    fn dormant_three_years_of_zero() {
        let r = WarningRules::default();
        let m = |e: &[(i32, u32)], st| Offering { enrolment: e.iter().copied().collect(), ..offering("690207", st) };
        let d = district(vec![school(
            "甲",
            vec![
                m(&[(2024, 0), (2025, 0), (2026, 0)], MajorStatus::Suspended),
                m(&[(2024, 0), (2025, 0), (2026, 3)], MajorStatus::Enrolling),
                // 2025 missing: unknown breaks the run.
                m(&[(2024, 0), (2026, 0)], MajorStatus::Suspended),
                m(&[(2024, 0), (2025, 0), (2026, 0)], MajorStatus::Withdrawn),
            ],
        )]);
        let w = dormant(&d, &r);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].evidence.contains("2024—2026"));
    }

    #[test]
    fn shortage_demand_without_offer() {
        let r = WarningRules::default();
        let mut d = district(vec![school("甲", vec![offering("660301", MajorStatus::Enrolling), offering("690201", MajorStatus::Suspended)])]);
        d.demand = vec![
            Demand { major_code: "660301".into(), postings: 50, stars: Some(5) },
            Demand { major_code: "690201".into(), postings: 3, stars: None },
            Demand { major_code: "710103".into(), postings: 0, stars: Some(4) },
            Demand { major_code: "730801".into(), postings: 0, stars: Some(3) },
            Demand { major_code: "700601".into(), postings: 0, stars: None },
        ];
        assert_eq!(
            keys(&shortage(&d, &r)),
            vec![(Rule::Shortage, None, Some("690201")), (Rule::Shortage, None, Some("710103"))]
        );
    }

    #[test]
    fn chain_gap_and_whole_evaluation_order() {
        let r = WarningRules::default();
        let mut d = district(vec![school("甲", vec![Offering { on_roll: Some(10), ..offering("660301", MajorStatus::Enrolling) }])]);
        d.chains = vec![Chain { name: "新材料".into(), served_by_groups: false }, Chain { name: "智能制造".into(), served_by_groups: true }];
        d.demand = vec![Demand { major_code: "710103".into(), postings: 2, stars: None }];
        let w = evaluate(&d, &r);
        assert_eq!(w.iter().map(|w| w.rule).collect::<Vec<_>>(), vec![Rule::SizeCap, Rule::Shortage, Rule::ChainGap]);
        assert!(w[2].evidence.contains("新材料"));
        let json = serde_json::to_value(&w[2]).unwrap();
        assert_eq!(json, serde_json::json!({"rule": "chain_gap", "school": null, "major_code": null, "evidence": "主导产业链“新材料”尚无专业群对接"}));
    }

    #[test]
    fn reads_the_command_line_shape() {
        let d: District = serde_json::from_str(
            r#"{"year":2026,"level":"secondary","schools":[{"name":"甲","majors":[{"code":"660301","status":"enrolling",
            "enrolment":{"2024":120},"on_roll":330,"destination_rate":{"2024":0.93}}]}],
            "demand":[{"major_code":"660301","postings":120}],"chains":[{"name":"智能制造","served_by_groups":true}]}"#,
        )
        .unwrap();
        assert_eq!(d.schools[0].majors[0].enrolment[&2024], 120);
        assert_eq!(d.schools[0].majors[0].destination_rate[&2024], 0.93);
        assert!(evaluate(&d, &WarningRules::default()).is_empty());
    }
}
