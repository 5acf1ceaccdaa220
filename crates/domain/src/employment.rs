//! Graduate destinations and employment rates (research-notes B7).
//!
//! # Sources
//! - 毕业去向代码: the Ministry's codes in `data/reference/codes/destination_codes.csv`
//!   (provenance in its PROVENANCE.md §1): the 2020 notice 《教育部办公厅关于严格核查2020届
//!   高校毕业生就业数据的通知》 (3 classes 就业/升学/未就业, 14 top-level codes) and
//!   教学厅函〔2021〕19号 (附件2 groups: 协议和合同就业, 自主创业, 灵活就业, 升学;
//!   毕业去向落实率 = 协议和合同就业率 + 创业率 + 灵活就业率 + 升学率). The 2024 revision
//!   (教就业厅函〔2024〕11号) is not public; its grouping is **not** encoded.
//! - 中职 statistics (MOE releases, research-notes B7 and `destination_codes_zhongzhi.csv`):
//!   就业学生 = 企事业单位就业 + 个体经营 + 其他方式就业 + **升入各类高一级学校**;
//!   就业率 = 就业学生数 / 毕业生总数; 对口就业率 is computed among the **directly employed**
//!   (升学 excluded).
//! - MyCOS (research-notes B7): 就业率 = employed / graduates needing a job, i.e. those going on
//!   to further study are removed from numerator and denominator.
//! - Snapshot dates 8/31 (initial) and 12/31 (year-end): research-notes B7 **[SUGGESTION]**,
//!   consistent with the common 初次就业率 (截至8月31日) and 年终就业率 practice; the official
//!   cut-off dates of a given year's notice are **to verify**.

use crate::catalog::{MajorLevel, catalogs};
use crate::codes::tables;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Kind of employment, following the 2021 groups of 教学厅函〔2021〕19号.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentKind {
    /// 协议和合同就业: 10 签就业协议, 11 签劳动合同, 27 科研助理、管理助理, 46 应征义务兵,
    /// 50 国家基层项目, 51 地方基层项目.
    Contract,
    /// 自主创业: 75.
    SelfEmployed,
    /// 灵活就业: 12 其他录用形式就业, 76 自由职业 (and the retired 77 其他灵活就业).
    Flexible,
}

/// Class of a graduate's destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "class")]
pub enum DestinationClass {
    /// Directly employed (就业).
    Employed { kind: EmploymentKind },
    /// 升学: 80 境内升学 (and its sub-codes), 85 境外留学 / 出国、出境 (`abroad`).
    FurtherStudy { abroad: bool },
    /// 70 待就业: seeking work.
    Unemployed,
    /// 71 不就业拟升学, 72 其他暂不就业: not seeking work (暂不就业).
    NotSeeking,
    /// Not a known code.
    Unknown,
}

impl DestinationClass {
    /// Counts towards 毕业去向落实率 (就业 or 升学).
    pub fn is_placed(self) -> bool {
        matches!(self, DestinationClass::Employed { .. } | DestinationClass::FurtherStudy { .. })
    }
    pub fn is_employed(self) -> bool {
        matches!(self, DestinationClass::Employed { .. })
    }
}

/// Classifies a 毕业去向代码. Accepts the code, or a name or alias from the codes table
/// ("签劳动合同形式就业", "出国、出境"). Three-digit registration sub-codes (271, 502, 503,
/// 512, 519, 801, 802) and the provincial 81/82 follow their parent code in the table; the
/// retired 77 其他灵活就业 is 灵活就业. Anything else is `Unknown`.
pub fn classify(code: &str) -> DestinationClass {
    let Some(row) = tables().destination.lookup(code) else {
        return DestinationClass::Unknown;
    };
    let top = parent_of(&row.code);
    match top {
        "10" | "11" | "27" | "46" | "50" | "51" => DestinationClass::Employed { kind: EmploymentKind::Contract },
        "75" => DestinationClass::Employed { kind: EmploymentKind::SelfEmployed },
        "12" | "76" | "77" => DestinationClass::Employed { kind: EmploymentKind::Flexible },
        "80" => DestinationClass::FurtherStudy { abroad: false },
        "85" => DestinationClass::FurtherStudy { abroad: true },
        "70" => DestinationClass::Unemployed,
        "71" | "72" => DestinationClass::NotSeeking,
        _ => DestinationClass::Unknown,
    }
}

/// The top-level code of a code in the table (its `parent_code` column, or itself).
fn parent_of(code: &str) -> &str {
    static PARENTS: std::sync::LazyLock<HashMap<String, String>> = std::sync::LazyLock::new(|| {
        let text = include_str!("../../../data/reference/codes/destination_codes.csv");
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("embedded destination table"))
            .filter(|r| !r[1].is_empty())
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .collect()
    });
    PARENTS.get(code).map(String::as_str).unwrap_or(code)
}

/// `num / den`, or `None` when `den == 0` (never divides by zero).
pub fn ratio(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| f64::from(num) / f64::from(den))
}

/// 中职 就业率 (MOE 中职 statistics, research-notes B7):
/// `(direct_employed + further_study) / graduates` — 升学 counts as 就业.
/// `direct_employed` = 企事业单位 + 个体经营 + 其他方式 (all [`EmploymentKind`]s).
pub fn zhongzhi_employment_rate(direct_employed: u32, further_study: u32, graduates: u32) -> Option<f64> {
    ratio(direct_employed + further_study, graduates)
}

/// 毕业去向落实率 (教学厅函〔2021〕19号):
/// `(协议和合同就业 + 自主创业 + 灵活就业 + 升学) / graduates` = `(employed + further_study) / graduates`.
/// Numerically the same as [`zhongzhi_employment_rate`]; the names differ by sector.
pub fn placement_rate(employed: u32, further_study: u32, graduates: u32) -> Option<f64> {
    ratio(employed + further_study, graduates)
}

/// MyCOS-style 就业率: `employed / (graduates − further_study)` — graduates going on to study
/// leave both numerator and denominator. `None` when nobody needed a job.
pub fn mycos_employment_rate(employed: u32, further_study: u32, graduates: u32) -> Option<f64> {
    ratio(employed, graduates.saturating_sub(further_study))
}

/// 专业对口率 (中职 对口就业率, research-notes B7): `aligned_direct / direct_employed`,
/// among directly employed graduates only (升学 excluded).
pub fn alignment_rate(aligned_direct: u32, direct_employed: u32) -> Option<f64> {
    ratio(aligned_direct, direct_employed)
}

/// Local retention: `employed_locally / direct_employed` (in the zone, or in the city).
/// [SUGGESTION] research-notes B8 §4 "local retention"; MOE 中职 releases report 本地/异地/境外
/// shares of the employed.
pub fn local_retention_rate(employed_locally: u32, direct_employed: u32) -> Option<f64> {
    ratio(employed_locally, direct_employed)
}

/// Snapshot dates of a cohort's rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Snapshot {
    /// 初次就业率: 8月31日 of the graduation year.
    Initial,
    /// 年终就业率: 12月31日 of the graduation year.
    YearEnd,
}

/// The date a cohort's destinations are frozen for a snapshot (research-notes B7, suggested
/// 8/31 and 12/31).
pub fn snapshot_date(graduation_year: i32, kind: Snapshot) -> NaiveDate {
    let (m, d) = match kind {
        Snapshot::Initial => (8, 31),
        Snapshot::YearEnd => (12, 31),
    };
    NaiveDate::from_ymd_opt(graduation_year, m, d).expect("8/31 and 12/31 exist in every year")
}

/// `"6-31-01-03"` → `Some("6-31-01")` (the 小类 of a 大典 code); `None` for codes with fewer
/// than three segments (大类, 中类), which are too coarse to judge alignment.
pub fn occupation_minor(code: &str) -> Option<&str> {
    let code = code.trim();
    let mut len = 0;
    let mut parts = code.split('-');
    for i in 0..3 {
        let p = parts.next().filter(|p| !p.is_empty())?;
        len += p.len() + usize::from(i > 0);
    }
    Some(&code[..len])
}

/// Whether an occupation counts as 专业对口 for a major.
///
/// Aligned when the occupation is one the crosswalk lists for the major
/// (`catalogs().occupations_for_major`, from the 2022 专业简介 and 2025 专业教学标准), **or**
/// shares its 小类 (first three segments, `X-XX-XX`) with one of them. Design choice: the
/// crosswalk names only a few typical occupations per major, while schools' judgement of
/// 对口 ("对口或相近") covers neighbouring occupations; the 小类 groups occupations of the
/// same trade (e.g. 6-31-01 机械设备修理人员: 电工, 机修钳工, …). 中类 would be too wide.
/// An occupation code given at 小类 level ("6-31-01") is compared by its 小类.
pub fn is_major_aligned(level: MajorLevel, major_code: &str, occupation_code: &str) -> bool {
    AlignedSet::for_major(level, major_code).contains(occupation_code)
}

/// The crosswalk occupations of a major and their 小类, for repeated alignment checks.
#[derive(Debug, Clone, Default)]
pub struct AlignedSet {
    /// Crosswalk occupation code → name.
    pub occupations: HashMap<String, String>,
    /// 小类 code → the first crosswalk occupation code in it.
    pub minors: HashMap<String, String>,
}

impl AlignedSet {
    pub fn for_major(level: MajorLevel, major_code: &str) -> Self {
        let mut s = AlignedSet::default();
        for o in catalogs().occupations_for_major(level, major_code.trim()) {
            s.occupations.insert(o.code.clone(), o.name.clone());
            if let Some(m) = occupation_minor(&o.code) {
                s.minors.entry(m.to_string()).or_insert_with(|| o.code.clone());
            }
        }
        s
    }
    /// Exactly a crosswalk occupation.
    pub fn contains_exact(&self, occupation_code: &str) -> bool {
        self.occupations.contains_key(occupation_code.trim())
    }
    /// The crosswalk occupation sharing this occupation's 小类, if any.
    pub fn same_minor(&self, occupation_code: &str) -> Option<&str> {
        occupation_minor(occupation_code).and_then(|m| self.minors.get(m)).map(String::as_str)
    }
    pub fn contains(&self, occupation_code: &str) -> bool {
        self.contains_exact(occupation_code) || self.same_minor(occupation_code).is_some()
    }
}

/// One graduate's recorded destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraduateOutcome {
    pub major_level: MajorLevel,
    pub major_code: String,
    /// 毕业去向代码 (or its name).
    pub destination_code: String,
    /// 大典 code of the job, for the employed.
    pub occupation_code: Option<String>,
    /// 6-digit county code (统计用区划代码) of the employer.
    pub employer_county_code: Option<String>,
    /// Employer located in the 高新区.
    pub employer_in_zone: bool,
}

/// Counts and rates over a set of graduates. Rates are `None` when their denominator is 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateSet {
    pub graduates: u32,
    /// Directly employed (all [`EmploymentKind`]s).
    pub employed: u32,
    pub employed_contract: u32,
    pub employed_self: u32,
    pub employed_flexible: u32,
    pub further_study: u32,
    pub further_study_abroad: u32,
    pub unemployed: u32,
    pub not_seeking: u32,
    /// Destination code not recognised (data quality).
    pub unknown: u32,
    /// Directly employed and 专业对口 ([`is_major_aligned`]).
    pub aligned: u32,
    /// Directly employed without an occupation code (counted as not aligned).
    pub employed_without_occupation: u32,
    /// Directly employed at an employer in the zone.
    pub employed_in_zone: u32,
    /// Directly employed at an employer whose county code starts with the city prefix.
    pub employed_in_city: u32,
    /// [`zhongzhi_employment_rate`].
    pub employment_rate_zhongzhi: Option<f64>,
    /// [`placement_rate`] (毕业去向落实率).
    pub placement_rate: Option<f64>,
    /// [`mycos_employment_rate`].
    pub employment_rate_excl_study: Option<f64>,
    /// [`alignment_rate`] (对口率 among the directly employed).
    pub alignment_rate: Option<f64>,
    /// [`local_retention_rate`] in the zone.
    pub zone_retention: Option<f64>,
    /// [`local_retention_rate`] in the city.
    pub city_retention: Option<f64>,
}

/// 淄博市 统计用区划代码 prefix.
pub const ZIBO_CITY_PREFIX: &str = "3703";

impl RateSet {
    /// Rates for Zibo (city prefix `3703`).
    pub fn from_outcomes(outcomes: &[GraduateOutcome]) -> Self {
        Self::from_outcomes_in(outcomes, ZIBO_CITY_PREFIX)
    }

    /// Rates with city retention measured against `city_prefix` (first 4 digits of the
    /// county code). Crosswalk lookups are cached per major.
    pub fn from_outcomes_in(outcomes: &[GraduateOutcome], city_prefix: &str) -> Self {
        let mut c = RateSet {
            graduates: 0,
            employed: 0,
            employed_contract: 0,
            employed_self: 0,
            employed_flexible: 0,
            further_study: 0,
            further_study_abroad: 0,
            unemployed: 0,
            not_seeking: 0,
            unknown: 0,
            aligned: 0,
            employed_without_occupation: 0,
            employed_in_zone: 0,
            employed_in_city: 0,
            employment_rate_zhongzhi: None,
            placement_rate: None,
            employment_rate_excl_study: None,
            alignment_rate: None,
            zone_retention: None,
            city_retention: None,
        };
        let mut sets: HashMap<(MajorLevel, &str), AlignedSet> = HashMap::new();
        let mut seen_classes: HashMap<&str, DestinationClass> = HashMap::new();
        for o in outcomes {
            c.graduates += 1;
            let class = *seen_classes.entry(o.destination_code.as_str()).or_insert_with(|| classify(&o.destination_code));
            match class {
                DestinationClass::Employed { kind } => {
                    c.employed += 1;
                    match kind {
                        EmploymentKind::Contract => c.employed_contract += 1,
                        EmploymentKind::SelfEmployed => c.employed_self += 1,
                        EmploymentKind::Flexible => c.employed_flexible += 1,
                    }
                    match o.occupation_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                        Some(occ) => {
                            let set = sets
                                .entry((o.major_level, o.major_code.as_str()))
                                .or_insert_with(|| AlignedSet::for_major(o.major_level, &o.major_code));
                            if set.contains(occ) {
                                c.aligned += 1;
                            }
                        }
                        None => c.employed_without_occupation += 1,
                    }
                    if o.employer_in_zone {
                        c.employed_in_zone += 1;
                    }
                    if !city_prefix.is_empty()
                        && o.employer_county_code.as_deref().is_some_and(|k| k.trim().starts_with(city_prefix))
                    {
                        c.employed_in_city += 1;
                    }
                }
                DestinationClass::FurtherStudy { abroad } => {
                    c.further_study += 1;
                    if abroad {
                        c.further_study_abroad += 1;
                    }
                }
                DestinationClass::Unemployed => c.unemployed += 1,
                DestinationClass::NotSeeking => c.not_seeking += 1,
                DestinationClass::Unknown => c.unknown += 1,
            }
        }
        c.employment_rate_zhongzhi = zhongzhi_employment_rate(c.employed, c.further_study, c.graduates);
        c.placement_rate = placement_rate(c.employed, c.further_study, c.graduates);
        c.employment_rate_excl_study = mycos_employment_rate(c.employed, c.further_study, c.graduates);
        c.alignment_rate = alignment_rate(c.aligned, c.employed);
        c.zone_retention = local_retention_rate(c.employed_in_zone, c.employed);
        c.city_retention = local_retention_rate(c.employed_in_city, c.employed);
        c
    }
}

/// Every 毕业去向代码 in the embedded table, with its class (for pick lists and reports).
pub fn all_destinations() -> Vec<(&'static str, &'static str, DestinationClass)> {
    tables().destination.codes.iter().map(|c| (c.code.as_str(), c.name.as_str(), classify(&c.code))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use DestinationClass::*;
    use EmploymentKind::*;

    #[test]
    fn classify_table() {
        let table = [
            ("10", Employed { kind: Contract }),
            ("11", Employed { kind: Contract }),
            ("12", Employed { kind: Flexible }),
            ("27", Employed { kind: Contract }),
            ("46", Employed { kind: Contract }),
            ("50", Employed { kind: Contract }),
            ("51", Employed { kind: Contract }),
            ("75", Employed { kind: SelfEmployed }),
            ("76", Employed { kind: Flexible }),
            ("77", Employed { kind: Flexible }),
            ("80", FurtherStudy { abroad: false }),
            ("85", FurtherStudy { abroad: true }),
            ("70", Unemployed),
            ("71", NotSeeking),
            ("72", NotSeeking),
            ("271", Employed { kind: Contract }),
            ("502", Employed { kind: Contract }),
            ("503", Employed { kind: Contract }),
            ("512", Employed { kind: Contract }),
            ("519", Employed { kind: Contract }),
            ("801", FurtherStudy { abroad: false }),
            ("802", FurtherStudy { abroad: false }),
            ("81", FurtherStudy { abroad: false }),
            ("82", FurtherStudy { abroad: false }),
            (" 11 ", Employed { kind: Contract }),
            ("签劳动合同形式就业", Employed { kind: Contract }),
            ("出国、出境", FurtherStudy { abroad: true }),
            ("境内升学", FurtherStudy { abroad: false }),
            ("升学", FurtherStudy { abroad: false }),
            ("不就业拟升学", NotSeeking),
            ("待就业", Unemployed),
            ("99", Unknown),
            ("", Unknown),
            ("1", Unknown),
            ("就业", Unknown),
        ];
        for (code, want) in table {
            assert_eq!(classify(code), want, "{code:?}");
        }
    }

    /// The classification agrees with the table's own `counts_as_placed` column.
    #[test]
    fn classification_agrees_with_counts_as_placed_column() {
        let text = include_str!("../../../data/reference/codes/destination_codes.csv");
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let mut n = 0;
        for r in rdr.records() {
            let r = r.unwrap();
            let class = classify(&r[0]);
            assert_ne!(class, Unknown, "{}", &r[0]);
            match &r[6] {
                "yes" => assert!(class.is_placed(), "{}", &r[0]),
                "no" => assert!(!class.is_placed(), "{}", &r[0]),
                _ => {}
            }
            n += 1;
        }
        assert_eq!(n, 24);
        assert_eq!(all_destinations().len(), 24);
    }

    #[test]
    fn rate_functions_and_zero_denominators() {
        // (function result, expected)
        let table: [(Option<f64>, Option<f64>); 14] = [
            (ratio(1, 4), Some(0.25)),
            (ratio(0, 0), None),
            (ratio(5, 0), None),
            (zhongzhi_employment_rate(80, 15, 100), Some(0.95)),
            (zhongzhi_employment_rate(0, 0, 0), None),
            (placement_rate(70, 20, 100), Some(0.9)),
            (placement_rate(0, 0, 10), Some(0.0)),
            (mycos_employment_rate(72, 20, 100), Some(0.9)),
            (mycos_employment_rate(0, 10, 10), None), // everyone went on to study
            (mycos_employment_rate(0, 11, 10), None),
            (alignment_rate(76, 100), Some(0.76)),
            (alignment_rate(0, 0), None),
            (local_retention_rate(7, 10), Some(0.7)),
            (local_retention_rate(3, 0), None),
        ];
        for (i, (got, want)) in table.iter().enumerate() {
            match (got, want) {
                (Some(g), Some(w)) => assert!((g - w).abs() < 1e-12, "case {i}: {g} vs {w}"),
                (g, w) => assert_eq!(g, w, "case {i}"),
            }
        }
        // The 2012 MOE figure: 637.51万 of 658.21万 = 96.85%.
        let r = zhongzhi_employment_rate(6_375_100, 0, 6_582_100).unwrap();
        assert!((r - 0.9685).abs() < 1e-4, "{r}");
    }

    #[test]
    fn snapshot_dates() {
        let table = [
            (2025, Snapshot::Initial, (2025, 8, 31)),
            (2025, Snapshot::YearEnd, (2025, 12, 31)),
            (2024, Snapshot::Initial, (2024, 8, 31)),
            (2000, Snapshot::YearEnd, (2000, 12, 31)),
        ];
        for (y, k, (yy, m, d)) in table {
            assert_eq!(snapshot_date(y, k), NaiveDate::from_ymd_opt(yy, m, d).unwrap());
        }
    }

    #[test]
    fn occupation_minor_table() {
        let table = [
            ("6-31-01-03", Some("6-31-01")),
            ("6-31-01", Some("6-31-01")),
            ("6-31", None),
            ("6", None),
            ("", None),
            ("6--01", None),
            (" 2-02-07-10 ", Some("2-02-07")),
        ];
        for (code, want) in table {
            assert_eq!(occupation_minor(code), want, "{code:?}");
        }
    }

    #[test]
    fn alignment_table() {
        use MajorLevel::*;
        let table = [
            (Secondary, "660301", "6-31-01-03", true), // 电工: in the crosswalk
            (Secondary, "660301", "6-31-01-02", true), // 机修钳工: in the crosswalk
            (Secondary, "660301", "6-31-01", true),    // the 小类 itself
            (Secondary, "660301", "6-31-01-99", true), // same 小类
            (Secondary, "660301", "6-31", false),      // 中类: too coarse
            (Secondary, "660301", "4-03-01-01", false),
            (Secondary, "660301", "", false),
            (Associate, "660301", "6-31-01-03", false), // 660301 is not a 专科 code
            (Secondary, "999999", "6-31-01-03", false),
        ];
        for (level, major, occ, want) in table {
            assert_eq!(is_major_aligned(level, major, occ), want, "{level:?} {major} {occ}");
        }
    }

    fn outcome(dest: &str, occ: Option<&str>, county: Option<&str>, zone: bool) -> GraduateOutcome {
        GraduateOutcome {
            major_level: MajorLevel::Secondary,
            major_code: "660301".into(),
            destination_code: dest.into(),
            occupation_code: occ.map(String::from),
            employer_county_code: county.map(String::from),
            employer_in_zone: zone,
        }
    }

    #[test]
    fn rate_set_counts() {
        let outcomes = vec![
            outcome("11", Some("6-31-01-03"), Some("370303"), true), // aligned, zone, city
            outcome("10", Some("6-31-01-10"), Some("370302"), false), // same 小类 → aligned, city
            outcome("12", Some("4-03-01-01"), Some("370102"), false), // not aligned, Jinan
            outcome("75", None, Some("370303"), true),               // no occupation
            outcome("80", None, None, false),
            outcome("85", None, None, false),
            outcome("70", None, None, false),
            outcome("71", None, None, false),
            outcome("xx", None, None, false),
            outcome("801", None, None, false),
        ];
        let r = RateSet::from_outcomes(&outcomes);
        assert_eq!(r.graduates, 10);
        assert_eq!((r.employed, r.employed_contract, r.employed_flexible, r.employed_self), (4, 2, 1, 1));
        assert_eq!((r.further_study, r.further_study_abroad), (3, 1));
        assert_eq!((r.unemployed, r.not_seeking, r.unknown), (1, 1, 1));
        assert_eq!((r.aligned, r.employed_without_occupation), (2, 1));
        assert_eq!((r.employed_in_zone, r.employed_in_city), (2, 3));
        assert_eq!(r.employment_rate_zhongzhi, Some(0.7));
        assert_eq!(r.placement_rate, Some(0.7));
        assert_eq!(r.employment_rate_excl_study, Some(4.0 / 7.0));
        assert_eq!(r.alignment_rate, Some(0.5));
        assert_eq!(r.zone_retention, Some(0.5));
        assert_eq!(r.city_retention, Some(0.75));
        let jinan = RateSet::from_outcomes_in(&outcomes, "3701");
        assert_eq!(jinan.employed_in_city, 1);
    }

    #[test]
    fn rate_set_empty_and_no_employed() {
        let r = RateSet::from_outcomes(&[]);
        assert_eq!(r.graduates, 0);
        assert_eq!(
            (r.employment_rate_zhongzhi, r.placement_rate, r.alignment_rate, r.zone_retention, r.city_retention),
            (None, None, None, None, None)
        );
        let r = RateSet::from_outcomes(&[outcome("80", None, None, false), outcome("70", None, None, false)]);
        assert_eq!(r.placement_rate, Some(0.5));
        assert_eq!(r.alignment_rate, None);
        assert_eq!(r.zone_retention, None);
        assert_eq!(r.employment_rate_excl_study, Some(0.0));
    }
}
