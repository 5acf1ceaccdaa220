//! 校企合作 and 产教融合 — seed measures (十一) and (十二).
//!
//! # Sources
//! - The seed policy, (十二): "工业和信息化部门要把企业参与校企合作的情况，作为各类标杆企业选树的重要参考。
//!   教育、人力资源社会保障部门要把校企合作成效作为评价职业院校办学质量的重要内容" — the two scores
//!   below ([`EFFECTIVENESS_2026`], [`PARTICIPATION_2026`]). The seed gives no formula: the
//!   components and weights are the platform's proposal, versioned so that a changed
//!   weighting never silently rewrites last year's figures, and shown beside every figure.
//! - The kinds of cooperation: (十二) "共建技术技能创新平台、专业化技术转移机构和创新创业空间 …
//!   企业自办、合办职业教育 … '政校企行'、'企业托管'、'行企校'"; order classes and
//!   apprenticeships from 《职业学校学生实习管理规定》 (research-notes B9).
//! - 产教融合型企业: 《建设产教融合型企业实施办法（试行）》 (发改社会〔2019〕590号) and the
//!   provincial notices quoted in research-notes B5 (Shandong 鲁发改社会〔2019〕1016号 gates;
//!   Jiangsu base conditions with "≥3 majors via 冠名班/订单班, ≥50 trainees, ≥2 years";
//!   Shanghai "at least two of"). Revocation bars reapplication for five years (590号, as
//!   reposted by 人民日报 2019-04-04). The national text's 第五条–第七条 were not
//!   retrievable, so every threshold lives in a per-province [`FusionRules`].

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A kind of school–enterprise cooperation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum AgreementKind {
    OrderClass,
    Apprenticeship,
    TrainingBase,
    InnovationPlatform,
    TechCollaboration,
    EnterpriseSchool,
    Trusteeship,
    MultiParty,
}

impl AgreementKind {
    pub const ALL: [AgreementKind; 8] = [
        AgreementKind::OrderClass,
        AgreementKind::Apprenticeship,
        AgreementKind::TrainingBase,
        AgreementKind::InnovationPlatform,
        AgreementKind::TechCollaboration,
        AgreementKind::EnterpriseSchool,
        AgreementKind::Trusteeship,
        AgreementKind::MultiParty,
    ];
    pub fn key(self) -> &'static str {
        match self {
            AgreementKind::OrderClass => "order_class",
            AgreementKind::Apprenticeship => "apprenticeship",
            AgreementKind::TrainingBase => "training_base",
            AgreementKind::InnovationPlatform => "innovation_platform",
            AgreementKind::TechCollaboration => "tech_collaboration",
            AgreementKind::EnterpriseSchool => "enterprise_school",
            AgreementKind::Trusteeship => "trusteeship",
            AgreementKind::MultiParty => "multi_party",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            AgreementKind::OrderClass => "订单班/冠名班",
            AgreementKind::Apprenticeship => "现代学徒制",
            AgreementKind::TrainingBase => "共建实训基地",
            AgreementKind::InnovationPlatform => "共建技术技能创新平台/技术转移机构/创新创业空间",
            AgreementKind::TechCollaboration => "技术协作与产品研发",
            AgreementKind::EnterpriseSchool => "企业办学/合办",
            AgreementKind::Trusteeship => "企业托管",
            AgreementKind::MultiParty => "政校企行/行企校",
        }
    }
    /// A key or a label (as typed in a spreadsheet).
    pub fn parse(s: &str) -> Option<AgreementKind> {
        let s = s.trim();
        AgreementKind::ALL
            .into_iter()
            .find(|k| k.key() == s || k.label() == s || k.label().split('/').any(|part| part == s))
    }
    /// The posting kind an agreement of this kind recruits through, if any.
    pub fn posting_kind(self) -> Option<&'static str> {
        match self {
            AgreementKind::OrderClass => Some("order_class"),
            AgreementKind::Apprenticeship => Some("apprenticeship"),
            _ => None,
        }
    }
}

/// What one confirmed agreement contributes in a year (counts of people are integers; money
/// in 万元).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AgreementFacts {
    pub kind: Option<AgreementKind>,
    pub partner_id: i64,
    pub students: u32,
    pub teachers: u32,
    pub graduates_hired: u32,
    pub apprentices_certified: u32,
    pub projects: u32,
    pub patents: u32,
    pub revenue_wan: u32,
    pub equipment_wan: u32,
}

/// Whether an agreement running from `start` to `end` (open-ended when `None`) is in force at
/// some time during `year`.
pub fn active_in_year(start: NaiveDate, end: Option<NaiveDate>, year: i32) -> bool {
    start.year() <= year && end.is_none_or(|e| e.year() >= year)
}

/// One component of a score: its value is capped at `cap` and scaled to `weight` points.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Component {
    pub key: &'static str,
    pub label: &'static str,
    pub weight: f64,
    pub cap: f64,
}

/// A versioned formula: the sum of its components' points, 0–100 when the weights sum to 100.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Formula {
    pub name: &'static str,
    pub version: &'static str,
    pub components: &'static [Component],
}

/// One line of a score's breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub label: &'static str,
    pub value: f64,
    pub cap: f64,
    pub weight: f64,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub total: f64,
    pub version: &'static str,
    pub parts: Vec<Part>,
}

impl Formula {
    /// "min(值/上限, 1) × 权重" for each component, as the pages print it.
    pub fn describe(&self) -> String {
        let parts: Vec<String> =
            self.components.iter().map(|c| format!("{}（上限 {}，{} 分）", c.label, c.cap, c.weight)).collect();
        format!("{} {}：各项得分 = min(实际值 ÷ 上限, 1) × 分值；{}", self.name, self.version, parts.join("；"))
    }

    /// The score of `values` (looked up by component key; missing = 0), rounded to 0.1.
    pub fn score(&self, values: &[(&str, f64)]) -> Score {
        let parts: Vec<Part> = self
            .components
            .iter()
            .map(|c| {
                let value = values.iter().find(|(k, _)| *k == c.key).map(|(_, v)| *v).unwrap_or(0.0).max(0.0);
                let points = if c.cap > 0.0 { (value / c.cap).min(1.0) * c.weight } else { 0.0 };
                Part { label: c.label, value, cap: c.cap, weight: c.weight, points: round1(points) }
            })
            .collect();
        let total = round1(parts.iter().map(|p| p.points).sum::<f64>().min(100.0));
        Score { total, version: self.version, parts }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A school's 校企合作成效 (seed (十二), for the school quality evaluation), version 2026.1.
pub const EFFECTIVENESS_2026: Formula = Formula {
    name: "职业院校校企合作成效",
    version: "2026.1",
    components: &[
        Component { key: "agreements", label: "有效合作协议数", weight: 20.0, cap: 10.0 },
        Component { key: "kinds", label: "合作形式种类", weight: 10.0, cap: 4.0 },
        Component { key: "students", label: "参与学生人数", weight: 15.0, cap: 300.0 },
        Component { key: "graduates_hired", label: "合作企业录用毕业生", weight: 20.0, cap: 100.0 },
        Component { key: "apprentices_certified", label: "学徒出师/取证人数", weight: 10.0, cap: 50.0 },
        Component { key: "projects_patents", label: "合作项目与专利", weight: 15.0, cap: 10.0 },
        Component { key: "money_wan", label: "到账经费与捐赠设备（万元）", weight: 10.0, cap: 200.0 },
    ],
};

/// An enterprise's 参与校企合作情况 (seed (十二), for the 工业信息化和商务局's benchmark-
/// enterprise selection), version 2026.1.
pub const PARTICIPATION_2026: Formula = Formula {
    name: "企业参与校企合作评分",
    version: "2026.1",
    components: &[
        Component { key: "agreements", label: "有效合作协议数", weight: 25.0, cap: 5.0 },
        Component { key: "schools", label: "合作院校数", weight: 15.0, cap: 3.0 },
        Component { key: "students", label: "培养学生人数", weight: 20.0, cap: 200.0 },
        Component { key: "graduates_hired", label: "录用毕业生", weight: 20.0, cap: 50.0 },
        Component { key: "apprentices_certified", label: "学徒出师/取证人数", weight: 10.0, cap: 30.0 },
        Component { key: "money_wan", label: "投入经费与捐赠设备（万元）", weight: 10.0, cap: 100.0 },
    ],
};

/// The values of the formulas' components from a party's confirmed agreements of a year.
pub fn components(facts: &[AgreementFacts]) -> Vec<(&'static str, f64)> {
    let sum = |f: fn(&AgreementFacts) -> u32| facts.iter().map(|a| f64::from(f(a))).sum::<f64>();
    let mut kinds: Vec<AgreementKind> = facts.iter().filter_map(|a| a.kind).collect();
    kinds.sort_by_key(|k| k.key());
    kinds.dedup();
    let mut partners: Vec<i64> = facts.iter().map(|a| a.partner_id).collect();
    partners.sort();
    partners.dedup();
    vec![
        ("agreements", facts.len() as f64),
        ("kinds", kinds.len() as f64),
        ("schools", partners.len() as f64),
        ("students", sum(|a| a.students)),
        ("graduates_hired", sum(|a| a.graduates_hired)),
        ("apprentices_certified", sum(|a| a.apprentices_certified)),
        ("projects_patents", sum(|a| a.projects + a.patents)),
        ("money_wan", sum(|a| a.revenue_wan + a.equipment_wan)),
    ]
}

// ---------------------------------------------------------------------------------------
// 产教融合型企业

/// What the checker knows about an enterprise: the gates are its declarations (checked by
/// the departments), the cooperation figures come from the registry's confirmed agreements.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EnterpriseFacts {
    pub registered_in_province: bool,
    pub pays_tax_in_province: bool,
    pub years_operating: u32,
    pub is_education_company: bool,
    pub major_accident: bool,
    pub on_dishonesty_list: bool,
    /// Confirmed 企业办学/合办 or 企业托管 agreements.
    pub runs_school: u32,
    /// Distinct majors of confirmed order classes, and their students.
    pub order_class_majors: u32,
    pub order_class_trainees: u32,
    /// Years (counted from the first) of confirmed 现代学徒制 agreements.
    pub apprenticeship_years: u32,
    /// Confirmed 政校企行 / 行企校 agreements (a group or alliance).
    pub alliances: u32,
    /// Years from the first confirmed agreement with a school to the check date.
    pub cooperation_years: u32,
    /// Confirmed 共建实训基地 / 创新平台 agreements.
    pub joint_platforms: u32,
}

/// A province's conditions (research-notes B5).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct FusionRules {
    pub province: &'static str,
    pub version: &'static str,
    pub min_years_operating: u32,
    /// At least this many of the cooperation conditions.
    pub min_conditions: usize,
    pub order_class_min_majors: u32,
    pub order_class_min_trainees: u32,
    pub min_cooperation_years: u32,
    pub apprenticeship_min_years: u32,
}

/// Shandong (鲁发改社会〔2019〕1016号 gates; the Jiangsu numbers for the conditions, which
/// the Shandong notice does not give).
pub const SHANDONG: FusionRules = FusionRules {
    province: "山东省",
    version: "2026.1",
    min_years_operating: 3,
    min_conditions: 1,
    order_class_min_majors: 3,
    order_class_min_trainees: 50,
    min_cooperation_years: 2,
    apprenticeship_min_years: 3,
};
/// Jiangsu / Nanjing: five years of operation, one condition.
pub const JIANGSU: FusionRules = FusionRules { province: "江苏省", min_years_operating: 5, ..SHANDONG };
/// Shanghai: at least two conditions.
pub const SHANGHAI: FusionRules = FusionRules { province: "上海市", min_conditions: 2, ..SHANDONG };
pub const PROVINCES: [FusionRules; 3] = [SHANDONG, JIANGSU, SHANGHAI];

/// One condition, explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    pub key: &'static str,
    pub label: String,
    pub met: bool,
    /// What the platform found (a sentence naming the figures).
    pub found: String,
    /// The registry kinds whose confirmed agreements are this condition's evidence.
    pub evidence_kinds: &'static [AgreementKind],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Eligibility {
    pub gates: Vec<Condition>,
    pub conditions: Vec<Condition>,
    pub conditions_met: usize,
    pub eligible: bool,
}

fn yes(b: bool) -> &'static str {
    if b { "是" } else { "否" }
}

pub fn check_fusion(rules: &FusionRules, f: &EnterpriseFacts) -> Eligibility {
    let gate = |key, label: &str, met: bool, found: String| Condition { key, label: label.to_string(), met, found, evidence_kinds: &[] };
    let gates = vec![
        gate("registered", "在本省注册的独立法人", f.registered_in_province, format!("申报：{}", yes(f.registered_in_province))),
        gate("tax", "在本省依法纳税", f.pays_tax_in_province, format!("申报：{}", yes(f.pays_tax_in_province))),
        gate(
            "years",
            &format!("正常经营满 {} 年", rules.min_years_operating),
            f.years_operating >= rules.min_years_operating,
            format!("经营 {} 年", f.years_operating),
        ),
        gate("not_education", "非教育、培训类企业", !f.is_education_company, format!("教育培训类企业：{}", yes(f.is_education_company))),
        gate("no_accident", "期内未发生重大安全、环保、质量事故", !f.major_accident, format!("重大事故：{}", yes(f.major_accident))),
        gate("credit", "未列入失信联合惩戒对象名单", !f.on_dishonesty_list, format!("失信名单：{}", yes(f.on_dishonesty_list))),
    ];
    use AgreementKind::*;
    let conditions = vec![
        Condition {
            key: "runs_school",
            label: "举办或参与举办职业院校（企业办学、合办、托管）".into(),
            met: f.runs_school > 0,
            found: format!("已确认的办学/托管协议 {} 份", f.runs_school),
            evidence_kinds: &[EnterpriseSchool, Trusteeship],
        },
        Condition {
            key: "order_classes",
            label: format!(
                "以冠名班、订单班共建专业不少于 {} 个、累计培养不少于 {} 人",
                rules.order_class_min_majors, rules.order_class_min_trainees
            ),
            met: f.order_class_majors >= rules.order_class_min_majors && f.order_class_trainees >= rules.order_class_min_trainees,
            found: format!("订单班涉及专业 {} 个，学生 {} 人", f.order_class_majors, f.order_class_trainees),
            evidence_kinds: &[OrderClass],
        },
        Condition {
            key: "apprenticeship",
            label: format!("承担现代学徒制、企业新型学徒制试点连续 {} 年以上", rules.apprenticeship_min_years),
            met: f.apprenticeship_years >= rules.apprenticeship_min_years,
            found: format!("学徒制合作 {} 年", f.apprenticeship_years),
            evidence_kinds: &[Apprenticeship],
        },
        Condition {
            key: "alliance",
            label: "牵头或参与职业教育集团（联盟）、政校企行合作".into(),
            met: f.alliances > 0,
            found: format!("已确认的多方合作协议 {} 份", f.alliances),
            evidence_kinds: &[MultiParty],
        },
        Condition {
            key: "platforms",
            label: "共建实训基地或技术技能创新平台".into(),
            met: f.joint_platforms > 0,
            found: format!("已确认的共建协议 {} 份", f.joint_platforms),
            evidence_kinds: &[TrainingBase, InnovationPlatform],
        },
        Condition {
            key: "cooperation_years",
            label: format!("与本省职业院校开展实质性合作 {} 年以上", rules.min_cooperation_years),
            met: f.cooperation_years >= rules.min_cooperation_years,
            found: format!("首份已确认协议至今 {} 年", f.cooperation_years),
            evidence_kinds: &[OrderClass, Apprenticeship, TrainingBase, InnovationPlatform, TechCollaboration, EnterpriseSchool, Trusteeship, MultiParty],
        },
    ];
    let conditions_met = conditions.iter().filter(|c| c.met).count();
    let eligible = gates.iter().all(|g| g.met) && conditions_met >= rules.min_conditions;
    Eligibility { gates, conditions, conditions_met, eligible }
}

/// Whole years from `from` to `to` (0 when `to` is earlier).
pub fn whole_years(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut y = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        y -= 1;
    }
    y.max(0) as u32
}

/// Revocation bars reapplication for five years (590号): the first day it is allowed again.
pub fn reapply_from(revoked_on: NaiveDate) -> NaiveDate {
    revoked_on.with_year(revoked_on.year() + 5).unwrap_or_else(|| {
        // 29 February: the lockout ends on 1 March five years on.
        NaiveDate::from_ymd_opt(revoked_on.year() + 5, 3, 1).expect("valid date")
    })
}

pub fn may_reapply(revoked_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    revoked_on.is_none_or(|r| today >= reapply_from(r))
}

/// Incentives for certified enterprises, shown as information (research-notes B5).
pub const INCENTIVES: [&str; 4] = [
    "试点企业兴办职业教育的投资，可按投资额的30%抵免当年应缴教育费附加和地方教育附加，当年不足抵免的可结转以后年度（“金融+财政+土地+信用”组合式激励）",
    "认定为高新技术企业的产教融合型企业按15%税率缴纳企业所得税",
    "企业举办学校的用地按教育用地管理",
    "优先列入工业和信息化部门各类标杆企业选树参考",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn kinds_parse_by_key_label_and_part_of_label() {
        for k in AgreementKind::ALL {
            assert_eq!(AgreementKind::parse(k.key()), Some(k));
            assert_eq!(AgreementKind::parse(k.label()), Some(k));
        }
        assert_eq!(AgreementKind::parse("冠名班"), Some(AgreementKind::OrderClass));
        assert_eq!(AgreementKind::parse("行企校"), Some(AgreementKind::MultiParty));
        assert_eq!(AgreementKind::parse("合作"), None);
        assert_eq!(AgreementKind::OrderClass.posting_kind(), Some("order_class"));
        assert_eq!(AgreementKind::TrainingBase.posting_kind(), None);
    }

    #[test]
    fn activity_in_a_year_at_the_edges() {
        let rows = [
            (d(2026, 12, 31), None, 2026, true),
            (d(2027, 1, 1), None, 2026, false),
            (d(2024, 9, 1), Some(d(2026, 1, 1)), 2026, true),
            (d(2024, 9, 1), Some(d(2025, 12, 31)), 2026, false),
        ];
        for (s, e, y, want) in rows {
            assert_eq!(active_in_year(s, e, y), want, "{s} {e:?} {y}");
        }
    }

    #[test]
    fn scores_cap_each_component_and_stay_within_100() {
        let f = &EFFECTIVENESS_2026;
        assert_eq!(f.components.iter().map(|c| c.weight).sum::<f64>(), 100.0);
        assert_eq!(PARTICIPATION_2026.components.iter().map(|c| c.weight).sum::<f64>(), 100.0);
        let rows: [(&[(&str, f64)], f64); 6] = [
            (&[], 0.0),
            (&[("agreements", 1.0)], 2.0),
            (&[("agreements", 10.0)], 20.0),
            (&[("agreements", 11.0)], 20.0),
            (&[("agreements", 5.0), ("students", 150.0)], 17.5),
            (&[("agreements", 99.0), ("kinds", 9.0), ("students", 999.0), ("graduates_hired", 999.0), ("apprentices_certified", 99.0), ("projects_patents", 99.0), ("money_wan", 9999.0)], 100.0),
        ];
        for (values, want) in rows {
            assert_eq!(f.score(values).total, want, "{values:?}");
        }
        assert_eq!(f.score(&[("agreements", -3.0)]).total, 0.0);
        assert!(f.describe().contains("2026.1"));
    }

    #[test]
    fn components_sum_the_agreements_and_count_distinct_kinds_and_partners() {
        let a = AgreementFacts { kind: Some(AgreementKind::OrderClass), partner_id: 1, students: 40, graduates_hired: 10, projects: 1, patents: 1, revenue_wan: 5, equipment_wan: 20, ..Default::default() };
        let b = AgreementFacts { kind: Some(AgreementKind::OrderClass), partner_id: 2, students: 10, ..Default::default() };
        let c = components(&[a.clone(), b, a]);
        let get = |k: &str| c.iter().find(|(key, _)| *key == k).unwrap().1;
        assert_eq!(get("agreements"), 3.0);
        assert_eq!(get("kinds"), 1.0);
        assert_eq!(get("schools"), 2.0);
        assert_eq!(get("students"), 90.0);
        assert_eq!(get("projects_patents"), 4.0);
        assert_eq!(get("money_wan"), 50.0);
        // 3 agreements of 5 (15) + 2 schools of 3 (10) + 90 of 200 students (9) + 20 of 50 hired (8) + 50 of 100 万元 (5).
        assert_eq!(PARTICIPATION_2026.score(&c).total, 47.0);
    }

    fn good() -> EnterpriseFacts {
        EnterpriseFacts { registered_in_province: true, pays_tax_in_province: true, years_operating: 3, ..Default::default() }
    }

    #[test]
    fn fusion_gates_and_at_least_k_of_m() {
        let rows: [(FusionRules, EnterpriseFacts, usize, bool); 10] = [
            // Gates pass but no condition.
            (SHANDONG, good(), 0, false),
            // Order classes: both thresholds, at and below.
            (SHANDONG, EnterpriseFacts { order_class_majors: 3, order_class_trainees: 50, ..good() }, 1, true),
            (SHANDONG, EnterpriseFacts { order_class_majors: 2, order_class_trainees: 500, ..good() }, 0, false),
            (SHANDONG, EnterpriseFacts { order_class_majors: 3, order_class_trainees: 49, ..good() }, 0, false),
            // Years of operation: 3 passes in Shandong, not in Jiangsu (5).
            (JIANGSU, EnterpriseFacts { runs_school: 1, ..good() }, 1, false),
            (JIANGSU, EnterpriseFacts { runs_school: 1, years_operating: 5, ..good() }, 1, true),
            // Shanghai needs two conditions.
            (SHANGHAI, EnterpriseFacts { runs_school: 1, ..good() }, 1, false),
            (SHANGHAI, EnterpriseFacts { runs_school: 1, cooperation_years: 2, ..good() }, 2, true),
            // A failed gate blocks whatever the conditions.
            (SHANDONG, EnterpriseFacts { runs_school: 1, is_education_company: true, ..good() }, 1, false),
            (SHANDONG, EnterpriseFacts { apprenticeship_years: 3, on_dishonesty_list: true, ..good() }, 1, false),
        ];
        for (i, (rules, facts, met, eligible)) in rows.into_iter().enumerate() {
            let e = check_fusion(&rules, &facts);
            assert_eq!((e.conditions_met, e.eligible), (met, eligible), "row {i}");
        }
        let e = check_fusion(&SHANDONG, &EnterpriseFacts { apprenticeship_years: 2, cooperation_years: 1, ..good() });
        assert!(!e.conditions.iter().find(|c| c.key == "apprenticeship").unwrap().met);
        assert!(e.conditions.iter().all(|c| !c.evidence_kinds.is_empty()));
    }

    #[test]
    fn five_year_lockout() {
        assert_eq!(reapply_from(d(2026, 3, 15)), d(2031, 3, 15));
        assert_eq!(reapply_from(d(2028, 2, 29)), d(2033, 3, 1));
        assert!(!may_reapply(Some(d(2026, 3, 15)), d(2031, 3, 14)));
        assert!(may_reapply(Some(d(2026, 3, 15)), d(2031, 3, 15)));
        assert!(may_reapply(None, d(2026, 1, 1)));
        assert_eq!(whole_years(d(2024, 9, 1), d(2026, 8, 31)), 1);
        assert_eq!(whole_years(d(2024, 9, 1), d(2026, 9, 1)), 2);
        assert_eq!(whole_years(d(2027, 1, 1), d(2026, 1, 1)), 0);
    }
}
