//! A realistic, **synthetic** input for the zone's four lead chains (research-notes C2, C4:
//! "synthesise postings and counts"), to exercise every section of the report. Chains and
//! their GB/T 4754-2017 codes follow C2's industries; occupations are 大典 (2022) codes and
//! majors 2021 catalogue codes whose official crosswalk leads to them, so the gap tables
//! fill through the catalogue crosswalk. Counts are invented and labelled so.

use chrono::NaiveDate;
use zhijiao_domain::catalog::MajorLevel;
use zhijiao_domain::talent_report::{
    ApplicationCell, ApplicationKind, ChainDef, DemandCell, MonthCount, Period, ReportInput, Scope, SkillCell, SupplyCell,
};

pub const NEW_MATERIALS: &str = "新材料";
pub const BIOMEDICINE: &str = "生物医药与医疗器械";
pub const MEMS: &str = "MEMS/电子信息";
pub const SMART_MANUFACTURING: &str = "智能制造";

/// The four lead chains of the zone (research-notes C2) as GB/T 4754-2017 codes.
pub fn demo_chains() -> Vec<ChainDef> {
    let c = |name: &str, codes: &[&str]| ChainDef { name: name.into(), industry_codes: codes.iter().map(|s| s.to_string()).collect() };
    vec![
        // 合成材料, 专用化学产品, 玻璃, 陶瓷制品, 耐火材料, 石墨及其他非金属矿物制品 (金晶, 中材高新, 一诺威)
        c(NEW_MATERIALS, &["265", "266", "304", "307", "308", "309"]),
        // 医药制造业, 医疗仪器设备及器械制造 (新华医疗)
        c(BIOMEDICINE, &["27", "358"]),
        // 计算机、通信和其他电子设备制造业, 软件和信息技术服务业 (新恒汇, 齐芯微)
        c(MEMS, &["39", "65"]),
        // 通用设备, 专用设备 (358 excepted by the longer prefix), 电气机械, 仪器仪表
        c(SMART_MANUFACTURING, &["34", "35", "38", "40"]),
    ]
}

struct Occ {
    chain: &'static str,
    industry: &'static str,
    code: &'static str,
    /// Unique postings over the year.
    unique: u64,
    edu: &'static [(&'static str, u64)],
    exp: &'static [(&'static str, u64)],
    pay: &'static [(&'static str, u64)],
    /// Major named by 30% of the postings.
    major: Option<(MajorLevel, &'static str)>,
    skills: &'static [(&'static str, u64)],
}

const SEC: &[(&str, u64)] = &[("secondary", 70), ("", 30)];
const ASSOC: &[(&str, u64)] = &[("associate", 70), ("secondary", 30)];
const ENGR: &[(&str, u64)] = &[("bachelor", 60), ("associate", 40)];
const EXP_LOW: &[(&str, u64)] = &[("none", 60), ("lt1", 25), ("1_3", 15)];
const EXP_MID: &[(&str, u64)] = &[("1_3", 50), ("none", 30), ("3_5", 20)];
const EXP_HIGH: &[(&str, u64)] = &[("3_5", 50), ("1_3", 30), ("ge5", 20)];
const PAY_LOW: &[(&str, u64)] = &[("3000_5000", 70), ("lt3000", 20), ("unknown", 10)];
const PAY_MID: &[(&str, u64)] = &[("5000_8000", 55), ("3000_5000", 40), ("unknown", 5)];
const PAY_HIGH: &[(&str, u64)] = &[("ge8000", 55), ("5000_8000", 45)];

const OCCS: &[Occ] = &[
    // 新材料
    Occ { chain: NEW_MATERIALS, industry: "265", code: "6-14-02-00", unique: 120, edu: SEC, exp: EXP_LOW, pay: PAY_LOW, major: Some((MajorLevel::Secondary, "670204")), skills: &[("注塑成型", 70), ("模具调试", 45), ("质量检验", 30)] },
    Occ { chain: NEW_MATERIALS, industry: "307", code: "2-02-19-03", unique: 45, edu: ENGR, exp: EXP_HIGH, pay: PAY_HIGH, major: None, skills: &[("材料性能测试", 30), ("工艺开发", 25), ("英语读写", 10)] },
    Occ { chain: NEW_MATERIALS, industry: "266", code: "6-11-01-03", unique: 80, edu: ASSOC, exp: EXP_MID, pay: PAY_MID, major: None, skills: &[("DCS操作", 50), ("安全生产", 60), ("化工工艺", 35)] },
    Occ { chain: NEW_MATERIALS, industry: "266", code: "6-31-03-01", unique: 35, edu: ASSOC, exp: EXP_LOW, pay: PAY_LOW, major: None, skills: &[("化学分析", 25), ("仪器分析", 20)] },
    // 生物医药与医疗器械
    Occ { chain: BIOMEDICINE, industry: "272", code: "6-12-03-00", unique: 90, edu: ASSOC, exp: EXP_LOW, pay: PAY_MID, major: Some((MajorLevel::Associate, "490201")), skills: &[("GMP", 75), ("制剂工艺", 50), ("洁净区操作", 40)] },
    Occ { chain: BIOMEDICINE, industry: "276", code: "6-12-05-01", unique: 40, edu: ASSOC, exp: EXP_MID, pay: PAY_MID, major: None, skills: &[("GMP", 30), ("发酵", 18)] },
    Occ { chain: BIOMEDICINE, industry: "358", code: "6-21-06-01", unique: 110, edu: SEC, exp: EXP_LOW, pay: PAY_LOW, major: Some((MajorLevel::Associate, "490213")), skills: &[("装配工艺", 60), ("医疗器械法规", 35), ("电子焊接", 40)] },
    Occ { chain: BIOMEDICINE, industry: "358", code: "2-02-07-05", unique: 25, edu: ENGR, exp: EXP_HIGH, pay: PAY_HIGH, major: None, skills: &[("设备维护", 20), ("质量体系", 15)] },
    // MEMS/电子信息
    Occ { chain: MEMS, industry: "397", code: "6-25-02-06", unique: 85, edu: ASSOC, exp: EXP_MID, pay: PAY_MID, major: None, skills: &[("封装测试", 60), ("洁净室规范", 45), ("SPC", 25)] },
    Occ { chain: MEMS, industry: "397", code: "2-02-38-09", unique: 30, edu: ENGR, exp: EXP_HIGH, pay: PAY_HIGH, major: None, skills: &[("MEMS工艺", 22), ("版图设计", 15), ("Python", 10)] },
    Occ { chain: MEMS, industry: "398", code: "6-25-04-05", unique: 60, edu: ASSOC, exp: EXP_LOW, pay: PAY_MID, major: Some((MajorLevel::Associate, "510101")), skills: &[("电路调试", 40), ("嵌入式", 20)] },
    Occ { chain: MEMS, industry: "65", code: "2-02-10-06", unique: 20, edu: ENGR, exp: EXP_MID, pay: PAY_HIGH, major: None, skills: &[("C语言", 18), ("嵌入式Linux", 12)] },
    // 智能制造
    Occ { chain: SMART_MANUFACTURING, industry: "349", code: "6-31-07-01", unique: 140, edu: ASSOC, exp: EXP_MID, pay: PAY_MID, major: Some((MajorLevel::Associate, "460305")), skills: &[("工业机器人编程", 100), ("PLC", 90), ("电气识图", 60)] },
    Occ { chain: SMART_MANUFACTURING, industry: "349", code: "6-31-07-03", unique: 70, edu: SEC, exp: EXP_LOW, pay: PAY_MID, major: Some((MajorLevel::Secondary, "660303")), skills: &[("工业机器人操作", 55), ("安全规范", 30)] },
    Occ { chain: SMART_MANUFACTURING, industry: "38", code: "6-31-01-03", unique: 150, edu: SEC, exp: EXP_LOW, pay: PAY_LOW, major: Some((MajorLevel::Secondary, "660301")), skills: &[("电工证", 120), ("PLC", 70), ("电气识图", 65)] },
    Occ { chain: SMART_MANUFACTURING, industry: "34", code: "6-18-01-01", unique: 60, edu: SEC, exp: EXP_MID, pay: PAY_LOW, major: Some((MajorLevel::Secondary, "660103")), skills: &[("数控编程", 45), ("机械识图", 40)] },
    Occ { chain: SMART_MANUFACTURING, industry: "35", code: "6-31-01-02", unique: 50, edu: SEC, exp: EXP_MID, pay: PAY_LOW, major: None, skills: &[("设备维修", 35), ("钳工", 30)] },
    Occ { chain: SMART_MANUFACTURING, industry: "35", code: "2-02-38-05", unique: 25, edu: ENGR, exp: EXP_HIGH, pay: PAY_HIGH, major: None, skills: &[("MES", 15), ("数字孪生", 8)] },
];

/// Majors of the zone's schools: (level, code, graduates 2025, employed %, 升学 %, local % of employed).
const MAJORS: &[(MajorLevel, &str, u64, u64, u64, u64)] = &[
    (MajorLevel::Secondary, "660301", 180, 35, 60, 70),
    (MajorLevel::Secondary, "660303", 90, 40, 55, 75),
    (MajorLevel::Secondary, "660302", 70, 35, 60, 65),
    (MajorLevel::Secondary, "660103", 80, 40, 55, 70),
    (MajorLevel::Secondary, "710103", 60, 30, 65, 60),
    (MajorLevel::Secondary, "710102", 45, 30, 63, 55),
    (MajorLevel::Secondary, "670204", 15, 45, 50, 80),
    (MajorLevel::Secondary, "690101", 40, 30, 40, 50),
    (MajorLevel::Associate, "460301", 260, 80, 12, 55),
    (MajorLevel::Associate, "460305", 120, 82, 10, 60),
    (MajorLevel::Associate, "490201", 110, 80, 10, 50),
    (MajorLevel::Associate, "490213", 50, 84, 8, 55),
    (MajorLevel::Associate, "510101", 90, 78, 12, 40),
    (MajorLevel::Associate, "430602", 40, 80, 10, 60),
    (MajorLevel::Associate, "510202", 150, 62, 10, 35),
];

fn split(total: u64, weight_pct: u64) -> u64 {
    (total * weight_pct + 50) / 100
}

fn supply_cohort(year: i32, shrink_pct: u64) -> Vec<SupplyCell> {
    MAJORS
        .iter()
        .map(|&(level, code, grads, emp, fs, local)| {
            let graduates = grads * (100 - shrink_pct) / 100;
            let employed = split(graduates, emp);
            let further_study = split(graduates, fs).min(graduates - employed);
            let not_seeking = graduates / 50;
            let seeking = graduates.saturating_sub(employed + further_study + not_seeking);
            SupplyCell {
                cohort: year,
                level: Some(level),
                major_code: code.into(),
                graduates,
                employed,
                further_study,
                seeking,
                employed_local: split(employed, local),
            }
        })
        .collect()
}

/// Seasonal weights of postings per month (spring hiring peak after 春节, autumn campus season).
const SEASON: [u64; 12] = [6, 4, 12, 11, 9, 8, 7, 7, 10, 10, 9, 7];

/// The demo input: year 2025, zone scope, cohorts 2024 and 2025, snapshot 2025-12-31.
pub fn demo_input() -> ReportInput {
    let mut demand = Vec::new();
    let mut skills = Vec::new();
    let mut monthly = Vec::new();
    for o in OCCS {
        for (edu, we) in o.edu {
            for (exp, wx) in o.exp {
                for (pay, wp) in o.pay {
                    let unique = (o.unique * we * wx * wp + 500_000) / 1_000_000;
                    if unique == 0 {
                        continue;
                    }
                    let named = if o.major.is_some() { split(unique, 30) } else { 0 };
                    for (n, major) in [(unique - named, None), (named, o.major)] {
                        if n == 0 {
                            continue;
                        }
                        demand.push(DemandCell {
                            chain: o.chain.into(),
                            industry_code: o.industry.into(),
                            occupation_code: o.code.into(),
                            wanted_major_level: major.map(|m| m.0),
                            wanted_major_code: major.map(|m| m.1.to_string()).unwrap_or_default(),
                            education: edu.to_string(),
                            experience: exp.to_string(),
                            pay_band: pay.to_string(),
                            total_postings: n * 17 / 10,
                            unique_postings: n,
                            new_postings: n * 6 / 10,
                            headcount: n * 2,
                        });
                    }
                }
            }
        }
        for (s, n) in o.skills {
            skills.push(SkillCell { chain: o.chain.into(), occupation_code: o.code.into(), skill: s.to_string(), postings: *n });
        }
    }
    let sum: u64 = SEASON.iter().sum();
    for chain in [NEW_MATERIALS, BIOMEDICINE, MEMS, SMART_MANUFACTURING] {
        let unique: u64 = OCCS.iter().filter(|o| o.chain == chain).map(|o| o.unique).sum();
        for (m, w) in SEASON.iter().enumerate() {
            // Monthly active counts overlap (a posting is live ~2 months), so they exceed unique/12.
            let u = unique * w * 2 / sum;
            monthly.push(MonthCount {
                year: 2025,
                month: m as u32 + 1,
                chain: chain.into(),
                total_postings: u * 17 / 10,
                unique_postings: u,
                new_postings: unique * w / sum,
            });
        }
    }
    let app = |chain: &str, kind, code: &str, places, applicants, admitted| ApplicationCell {
        chain: chain.into(),
        kind,
        occupation_code: code.into(),
        places_offered: places,
        applicants,
        admitted,
    };
    let mut supply = supply_cohort(2024, 5);
    supply.extend(supply_cohort(2025, 0));
    ReportInput {
        period: Period::Year(2025),
        scope: Scope::Zone,
        snapshot_date: NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date"),
        dedup_window_days: 60,
        chains: demo_chains(),
        demand: zhijiao_domain::talent_report::DemandSlices::from_cells(&demand),
        supply,
        applications: vec![
            app(SMART_MANUFACTURING, ApplicationKind::OrderClass, "6-31-07-01", 40, 65, 38),
            app(SMART_MANUFACTURING, ApplicationKind::Apprenticeship, "6-31-01-03", 25, 40, 25),
            app(BIOMEDICINE, ApplicationKind::OrderClass, "6-12-03-00", 30, 22, 20),
            app(BIOMEDICINE, ApplicationKind::OrderClass, "6-21-06-01", 20, 12, 11),
        ],
        skills,
        monthly,
        crosswalk: None,
        sources_zh: vec![
            "职教平台岗位发布数据（企业填报、经审核）——本演示为合成数据".into(),
            "本区院校毕业生去向数据（截至12月31日）——本演示为合成数据".into(),
            "订单班、学徒制招生报名数据——本演示为合成数据".into(),
        ],
    }
}
