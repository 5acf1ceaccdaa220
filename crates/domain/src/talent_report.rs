//! 产业人才需求信息报告: supply–demand analytics of the zone for a period and a scope
//! (issue 4; seed measure (十三) "及时发布产业人才需求信息报告", and (二)/(八) on opening and merging
//! majors).
//!
//! Pure: the caller fills a [`ReportInput`] from rollup tables (every `*Cell` is the row of a
//! `GROUP BY`), and [`build_report`] returns a [`ReportOutput`] that the page, the .xlsx and the
//! .docx render. Nothing here reads raw postings or graduates.
//!
//! # Sources (research-notes, `shared/domain/research-notes.md`)
//! - **Contents** (B8): MOE 行指委 forecasts (现状 / 需求 / 供给 / 建议), the platform template
//!   [SUGGESTION] of B8 (summary with top-10 shortage jobs, demand by dimension, supply, gap,
//!   skills, recommendations, method appendix).
//! - **Posting counts** (A2.3, Lightcast): *total* postings are counted before dedup, *unique*
//!   after; *new* = first posted in the period, *active* = live in the period. The dedup window
//!   (60 days by default, [`crate::posting_dedup`]) is printed in the method appendix.
//! - **Gap** (A2.3, Lightcast/Emsi supply–demand gap report): demand − supply per occupation
//!   through a programme↔occupation crosswalk.
//! - **求人倍率** (人力资源和社会保障部 / 中国人力资源市场信息监测中心, 《部分城市公共就业服务机构
//!   市场供求状况分析》 quarterly bulletins, research-notes B8 "recurring supply–demand bulletins"):
//!   求人倍率 = 需求人数 ÷ 求职人数; > 1 means more jobs than job seekers.
//! - **ANR** (A2.4, BIBB): Angebots-Nachfrage-Relation = offers per 100 demanders, with
//!   supply = contracts + unfilled places and demand = contracts + unplaced applicants.
//! - **Shortage index ★1–★5** (B8, 郑州市急需紧缺人才需求指导目录 2021): five dimensions —
//!   external supply vs demand, education required, experience required, overall requirements,
//!   annual pay. Zhengzhou does not publish its weights or cut-offs: the [`ShortageRules`]
//!   defaults are **[SUGGESTION]** and are printed with every report.
//! - **Major adjustment** (B4): Fujian 2023 — higher-vocational majors in the bottom 10% of
//!   初次毕业去向落实率 for 2 consecutive years are reduced or stopped (sourced; shown as a
//!   warning for the district, not a decision, as B4 suggests). Other rules are
//!   **[SUGGESTION]** and say so in their output.
//!
//! # Never a crash on thin data
//! Every section is a [`Section`]: `data: None` with a Chinese note when there is nothing to
//! show. Ratios are `Option<f64>` and `None` when the denominator is zero; no NaN or infinity
//! can reach the output (the tests check every number of the serialised report).

use crate::catalog::{MajorLevel, MajorNode, catalogs};
use crate::matching::EducationLevel;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

/// The period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// (year, month 1–12)
    Month(i32, u32),
    /// (year, quarter 1–4)
    Quarter(i32, u32),
    Year(i32),
}

impl Period {
    pub fn label_zh(self) -> String {
        match self {
            Period::Month(y, m) => format!("{y}年{m}月"),
            Period::Quarter(y, q) => format!("{y}年第{q}季度"),
            Period::Year(y) => format!("{y}年"),
        }
    }
    /// First and last day, or `None` for an impossible month or quarter.
    pub fn bounds(self) -> Option<(NaiveDate, NaiveDate)> {
        let (y, m0, months) = match self {
            Period::Month(y, m) if (1..=12).contains(&m) => (y, m, 1),
            Period::Quarter(y, q) if (1..=4).contains(&q) => (y, 3 * q - 2, 3),
            Period::Year(y) => (y, 1, 12),
            _ => return None,
        };
        let start = NaiveDate::from_ymd_opt(y, m0, 1)?;
        let end_month = m0 + months; // first month after the period
        let next = if end_month > 12 {
            NaiveDate::from_ymd_opt(y + 1, end_month - 12, 1)?
        } else {
            NaiveDate::from_ymd_opt(y, end_month, 1)?
        };
        Some((start, next.pred_opt()?))
    }
    /// Whether a (year, month) falls in the period.
    pub fn contains_month(self, year: i32, month: u32) -> bool {
        match self {
            Period::Month(y, m) => y == year && m == month,
            Period::Quarter(y, q) => y == year && (3 * q - 2..=3 * q).contains(&month),
            Period::Year(y) => y == year,
        }
    }
    pub fn year(self) -> i32 {
        match self {
            Period::Month(y, _) | Period::Quarter(y, _) | Period::Year(y) => y,
        }
    }
}

/// Whom the report is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The whole zone (all chains and postings outside any chain).
    Zone,
    /// One industry chain, by its name.
    Chain(String),
}

impl Scope {
    pub fn label_zh(&self) -> String {
        match self {
            Scope::Zone => "全区".into(),
            Scope::Chain(c) => format!("{c}产业链"),
        }
    }
    fn admits(&self, chain: &str) -> bool {
        match self {
            Scope::Zone => true,
            Scope::Chain(c) => c == chain,
        }
    }
}

/// An industry chain of the zone: a name and the GB/T 4754-2017 codes (any level: 大类 "27",
/// 中类 "358", 小类 "3973") that belong to it. Editable by the district (issue 4 "Model").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainDef {
    pub name: String,
    pub industry_codes: Vec<String>,
}

/// The chain an enterprise's GB/T 4754 code falls into: the chain with the **longest** code
/// that is a prefix of it (so "358 医疗仪器设备及器械制造" can belong to 生物医药与医疗器械 while
/// the rest of "35 专用设备制造业" belongs to 智能制造); ties go to the first chain listed.
/// Exclusive, so per-chain counts add up to the zone's.
pub fn chain_of<'a>(chains: &'a [ChainDef], industry_code: &str) -> Option<&'a str> {
    let code = industry_code.trim();
    let mut best: Option<(&str, usize)> = None;
    for ch in chains {
        for c in &ch.industry_codes {
            let c = c.trim();
            if !c.is_empty() && code.starts_with(c) && best.is_none_or(|(_, l)| c.len() > l) {
                best = Some((ch.name.as_str(), c.len()));
            }
        }
    }
    best.map(|(n, _)| n)
}

/// Demand: postings counted by every dimension of the report at once; one row of
/// `SELECT chain, industry_code, occupation_code, wanted_major_level, wanted_major_code,
/// education, experience, pay_band, SUM(..) … GROUP BY 1..8` over the posting rollup of the period.
///
/// A posting that wants several majors is counted under its **first** wanted major only, so
/// that the cells add up to the zone's totals.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DemandCell {
    /// Chain name ([`chain_of`]), `""` when the enterprise is in no chain.
    pub chain: String,
    /// GB/T 4754 code of the enterprise (小类 preferred), `""` when unknown.
    pub industry_code: String,
    /// 职业分类大典 (2022) code of the job, `""` when unknown.
    pub occupation_code: String,
    pub wanted_major_level: Option<MajorLevel>,
    /// 6-digit major code the posting asks for, `""` when none (专业不限).
    pub wanted_major_code: String,
    /// Minimum education key as stored on postings (`junior_high`, `secondary`, `associate`,
    /// `bachelor`, `postgraduate`), `""` for 不限.
    pub education: String,
    /// Experience band key ([`EXPERIENCE_BANDS`]), `""` or `unknown` when not stated.
    pub experience: String,
    /// Pay band key ([`PAY_BANDS`]).
    pub pay_band: String,
    /// Postings before dedup (Lightcast *total*).
    pub total_postings: u64,
    /// Postings after dedup, live in the period (Lightcast *unique* = *active*).
    pub unique_postings: u64,
    /// Of the unique postings, those first posted in the period (Lightcast *newly posted*).
    pub new_postings: u64,
    /// Σ 招聘人数 of the unique postings (a posting without a headcount counts 1).
    pub headcount: u64,
}

/// The demand the report reads: five projections of the cube of [`DemandCell`]s, each a list
/// of cells whose dimensions outside the projection are blank. Every figure of the report
/// needs at most the chain, the occupation and one more dimension at once (totals and the
/// chain/industry tables: industry; occupation gaps: occupation × education, × experience,
/// × pay; gaps per major: occupation × wanted major), so the rollups keep these projections
/// instead of the full cross product — at province scale the full cube has about one row
/// per posting, the projections a few thousand (issue 4 "Speed").
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DemandSlices {
    /// (chain, industry): totals, tables by chain and by industry.
    pub by_industry: Vec<DemandCell>,
    /// (chain, occupation, education): tables by occupation and education; occupation gaps.
    pub by_education: Vec<DemandCell>,
    /// (chain, occupation, experience).
    pub by_experience: Vec<DemandCell>,
    /// (chain, occupation, pay band).
    pub by_pay: Vec<DemandCell>,
    /// (chain, occupation, wanted major): table by major; gaps per major.
    pub by_major: Vec<DemandCell>,
}

/// Which projection a cell belongs to (the `slice` column of the demand rollup).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slice {
    Industry,
    Education,
    Experience,
    Pay,
    Major,
}

impl Slice {
    pub const ALL: [Slice; 5] = [Slice::Industry, Slice::Education, Slice::Experience, Slice::Pay, Slice::Major];

    pub fn key(self) -> &'static str {
        match self {
            Slice::Industry => "industry",
            Slice::Education => "education",
            Slice::Experience => "experience",
            Slice::Pay => "pay",
            Slice::Major => "major",
        }
    }

    pub fn parse(key: &str) -> Option<Slice> {
        Slice::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether this projection keeps a dimension (the chain is kept by all).
    pub fn carries(self, d: Dimension) -> bool {
        match d {
            Dimension::Chain => true,
            Dimension::Industry => self == Slice::Industry,
            Dimension::Occupation => self != Slice::Industry,
            Dimension::Major => self == Slice::Major,
            Dimension::Education => self == Slice::Education,
            Dimension::Experience => self == Slice::Experience,
            Dimension::Pay => self == Slice::Pay,
        }
    }

    /// The cell with every dimension outside this projection blanked (counts kept).
    pub fn project(self, c: &DemandCell) -> DemandCell {
        let mut p = c.clone();
        if !self.carries(Dimension::Industry) {
            p.industry_code.clear();
        }
        if !self.carries(Dimension::Occupation) {
            p.occupation_code.clear();
        }
        if !self.carries(Dimension::Major) {
            p.wanted_major_level = None;
            p.wanted_major_code.clear();
        }
        if !self.carries(Dimension::Education) {
            p.education.clear();
        }
        if !self.carries(Dimension::Experience) {
            p.experience.clear();
        }
        if !self.carries(Dimension::Pay) {
            p.pay_band.clear();
        }
        p
    }
}

impl DemandSlices {
    /// The projections of full cells (tests, documents made from hand-built inputs).
    pub fn from_cells(cells: &[DemandCell]) -> Self {
        let mut s = DemandSlices::default();
        for c in cells {
            s.push(c.clone());
        }
        s
    }

    /// Adds a full cell to every projection.
    pub fn push(&mut self, c: DemandCell) {
        for slice in Slice::ALL {
            self.slice_mut(slice).push(slice.project(&c));
        }
    }

    pub fn slice(&self, s: Slice) -> &[DemandCell] {
        match s {
            Slice::Industry => &self.by_industry,
            Slice::Education => &self.by_education,
            Slice::Experience => &self.by_experience,
            Slice::Pay => &self.by_pay,
            Slice::Major => &self.by_major,
        }
    }

    pub fn slice_mut(&mut self, s: Slice) -> &mut Vec<DemandCell> {
        match s {
            Slice::Industry => &mut self.by_industry,
            Slice::Education => &mut self.by_education,
            Slice::Experience => &mut self.by_experience,
            Slice::Pay => &mut self.by_pay,
            Slice::Major => &mut self.by_major,
        }
    }

    /// The projection that holds a dimension of the report's tables.
    pub fn for_dimension(&self, d: Dimension) -> &[DemandCell] {
        self.slice(match d {
            Dimension::Chain | Dimension::Industry => Slice::Industry,
            Dimension::Occupation | Dimension::Education => Slice::Education,
            Dimension::Experience => Slice::Experience,
            Dimension::Pay => Slice::Pay,
            Dimension::Major => Slice::Major,
        })
    }

    /// Only the cells of one scope.
    fn scoped(&self, scope: &Scope) -> Self {
        let keep = |v: &[DemandCell]| v.iter().filter(|c| scope.admits(&c.chain)).cloned().collect();
        DemandSlices {
            by_industry: keep(&self.by_industry),
            by_education: keep(&self.by_education),
            by_experience: keep(&self.by_experience),
            by_pay: keep(&self.by_pay),
            by_major: keep(&self.by_major),
        }
    }
}

/// Drafts and versions stored before the projections hold the full cells: read both.
impl<'de> Deserialize<'de> for DemandSlices {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Stored {
            by_industry: Vec<DemandCell>,
            by_education: Vec<DemandCell>,
            by_experience: Vec<DemandCell>,
            by_pay: Vec<DemandCell>,
            by_major: Vec<DemandCell>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Slices(Stored),
            Cells(Vec<DemandCell>),
        }
        Ok(match Either::deserialize(d)? {
            Either::Slices(s) => DemandSlices {
                by_industry: s.by_industry,
                by_education: s.by_education,
                by_experience: s.by_experience,
                by_pay: s.by_pay,
                by_major: s.by_major,
            },
            Either::Cells(cells) => DemandSlices::from_cells(&cells),
        })
    }
}

/// Supply: one cohort of graduates of one major of the zone's schools; one row of
/// `… GROUP BY cohort, major_level, major_code` over the destination rollup at the snapshot.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SupplyCell {
    /// Graduation year.
    pub cohort: i32,
    pub level: Option<MajorLevel>,
    pub major_code: String,
    pub graduates: u64,
    /// 就业 (协议和合同 + 自主创业 + 灵活就业, [`crate::employment::EmploymentKind`]).
    pub employed: u64,
    /// 升学 (境内 + 境外).
    pub further_study: u64,
    /// 待就业 (code 70): still looking for work.
    pub seeking: u64,
    /// Of `employed`, those working in the zone (or city: the caller's choice, stated in
    /// the method appendix through [`ReportInput::sources_zh`]).
    pub employed_local: u64,
}

/// 订单班 or 学徒制.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationKind {
    OrderClass,
    Apprenticeship,
}

impl ApplicationKind {
    pub fn name_zh(self) -> &'static str {
        match self {
            ApplicationKind::OrderClass => "订单班",
            ApplicationKind::Apprenticeship => "学徒制",
        }
    }
}

/// Places and applicants of 订单班 / 学徒制 postings per occupation; one row of
/// `… GROUP BY chain, kind, occupation_code` over order-class postings and their applications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationCell {
    pub chain: String,
    pub kind: ApplicationKind,
    pub occupation_code: String,
    /// Places offered (Σ headcount of the postings) = BIBB supply (contracts + unfilled places).
    pub places_offered: u64,
    /// Distinct applicants = BIBB demand (contracts + applicants left unplaced), each person once.
    pub applicants: u64,
    /// Applicants admitted (contracts / 录取).
    pub admitted: u64,
}

/// How many unique postings of an occupation ask for a skill; one row of
/// `… GROUP BY chain, occupation_code, skill` over the posting-skill rollup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillCell {
    pub chain: String,
    pub occupation_code: String,
    pub skill: String,
    pub postings: u64,
}

/// Monthly trend; one row of `… GROUP BY year, month, chain`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthCount {
    pub year: i32,
    pub month: u32,
    pub chain: String,
    pub total_postings: u64,
    pub unique_postings: u64,
    pub new_postings: u64,
}

/// One edited crosswalk row: graduates of this major go into these occupations (大典 codes of
/// any level; a coarse code covers the codes below it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrosswalkLink {
    pub level: MajorLevel,
    pub major_code: String,
    pub occupation_codes: Vec<String>,
}

/// Everything the report needs, already aggregated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportInput {
    pub period: Period,
    pub scope: Scope,
    /// The date the figures were frozen (rollup snapshot / destination snapshot).
    pub snapshot_date: NaiveDate,
    /// Dedup window used for unique postings (Lightcast: 60 days).
    pub dedup_window_days: i64,
    pub chains: Vec<ChainDef>,
    pub demand: DemandSlices,
    /// All cohorts available; the latest is the report's supply, earlier ones feed the
    /// "two consecutive years" rule.
    pub supply: Vec<SupplyCell>,
    pub applications: Vec<ApplicationCell>,
    pub skills: Vec<SkillCell>,
    pub monthly: Vec<MonthCount>,
    /// The district's crosswalk; `None` = the official one of the catalogue
    /// ([`crate::catalog::Catalogs::occupations_for_major`]).
    pub crosswalk: Option<Vec<CrosswalkLink>>,
    /// Data sources in Chinese for the method appendix (e.g. "平台岗位发布（经审核）").
    pub sources_zh: Vec<String>,
}

impl ReportInput {
    /// An input with no data at all (every section says 暂无数据).
    pub fn empty(period: Period, scope: Scope, snapshot_date: NaiveDate) -> Self {
        ReportInput {
            period,
            scope,
            snapshot_date,
            dedup_window_days: 60,
            chains: Vec::new(),
            demand: DemandSlices::default(),
            supply: Vec::new(),
            applications: Vec::new(),
            skills: Vec::new(),
            monthly: Vec::new(),
            crosswalk: None,
            sources_zh: Vec::new(),
        }
    }
}

/// Experience bands (key, 中文), lowest first. Postings state years of experience; the rollup
/// stores the band key.
pub const EXPERIENCE_BANDS: [(&str, &str); 6] = [
    ("none", "经验不限"),
    ("lt1", "1年以下"),
    ("1_3", "1–3年"),
    ("3_5", "3–5年"),
    ("ge5", "5年以上"),
    ("unknown", "未注明"),
];

/// Pay bands (元/月, by the lower end of the range) as the postings area stores them.
pub const PAY_BANDS: [(&str, &str); 5] = [
    ("lt3000", "3000元以下"),
    ("3000_5000", "3000–5000元"),
    ("5000_8000", "5000–8000元"),
    ("ge8000", "8000元及以上"),
    ("unknown", "面议/未注明"),
];

pub fn experience_zh(key: &str) -> String {
    label_of(&EXPERIENCE_BANDS, key).unwrap_or_else(|| if key.is_empty() { "未注明".into() } else { key.into() })
}

pub fn pay_band_zh(key: &str) -> String {
    label_of(&PAY_BANDS, key).unwrap_or_else(|| if key.is_empty() { "面议/未注明".into() } else { key.into() })
}

pub fn education_zh(key: &str) -> String {
    match EducationLevel::parse(key) {
        Some(e) => format!("{}及以上", e.name_zh()),
        None => "学历不限".into(),
    }
}

fn label_of(table: &[(&str, &str)], key: &str) -> Option<String> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
}

pub fn occupation_name(code: &str) -> String {
    if code.is_empty() {
        return "未注明职业".into();
    }
    catalogs().occupation(code).map(|o| o.name.clone()).unwrap_or_else(|| code.to_string())
}

pub fn industry_name(code: &str) -> String {
    if code.is_empty() {
        return "未注明行业".into();
    }
    catalogs().industry(code).map(|o| o.name.clone()).unwrap_or_else(|| code.to_string())
}

pub fn major_name(level: Option<MajorLevel>, code: &str) -> String {
    if code.is_empty() {
        return "专业不限".into();
    }
    let c = catalogs();
    level.and_then(|l| c.major(l, code)).or_else(|| c.major_any_level(code)).map(|m| m.name.clone()).unwrap_or_else(|| code.to_string())
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/// Which figure counts as "demand" in gaps and 求人倍率.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DemandBasis {
    /// Σ 招聘人数 of unique postings — the 人社部 definition counts 需求人数 (people wanted).
    #[default]
    Headcount,
    /// Unique postings (research-notes B8 template: "postings / job seekers").
    UniquePostings,
}

/// Which graduates count as local supply to the zone's labour market.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SupplyBasis {
    /// Employed locally + still seeking: those the zone's employers hired or can still hire.
    /// [SUGGESTION]
    #[default]
    LocalAndSeeking,
    /// All graduates entering the labour market (graduates − 升学).
    AllEntrants,
}

/// The five dimensions of the Zhengzhou index (research-notes B8). Cut-offs are four
/// ascending values: a raw value below the first scores 1, at or above the last scores 5.
/// All defaults are **[SUGGESTION]** (Zhengzhou publishes the dimensions, not the weights).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShortageRules {
    /// Weights of (supply–demand, education, experience, overall requirements, pay).
    pub weights: [f64; 5],
    /// 求人倍率 cut-offs. Default 0.8 / 1.0 / 1.5 / 2.5: 1.0 is balance in the 人社部 bulletins.
    pub ratio_cutoffs: [f64; 4],
    /// Mean education score (1 = 不限/初中 … 5 = 研究生) cut-offs.
    pub education_cutoffs: [f64; 4],
    /// Mean experience score (1 = 不限 … 5 = 5年以上) cut-offs.
    pub experience_cutoffs: [f64; 4],
    /// Skills asked per unique posting (overall requirements) cut-offs.
    pub requirements_cutoffs: [f64; 4],
    /// Occupation's mean pay ÷ scope's mean pay, cut-offs.
    pub pay_cutoffs: [f64; 4],
    /// Index (1–5) → stars cut-offs.
    pub star_cutoffs: [f64; 4],
    /// Education key → score.
    pub education_scores: Vec<(String, f64)>,
    /// Experience band key → score.
    pub experience_scores: Vec<(String, f64)>,
    /// Pay band key → representative monthly pay (元), the band's middle.
    pub pay_band_midpoints: Vec<(String, f64)>,
    /// Fewer unique postings than this → no index (样本不足).
    pub min_unique_postings: u64,
}

impl Default for ShortageRules {
    fn default() -> Self {
        let s = |v: &[(&str, f64)]| v.iter().map(|(k, x)| (k.to_string(), *x)).collect();
        ShortageRules {
            weights: [0.40, 0.15, 0.15, 0.10, 0.20],
            ratio_cutoffs: [0.8, 1.0, 1.5, 2.5],
            education_cutoffs: [1.5, 2.2, 2.8, 3.5],
            experience_cutoffs: [1.5, 2.0, 2.8, 3.5],
            requirements_cutoffs: [1.0, 2.0, 3.0, 5.0],
            pay_cutoffs: [0.85, 0.95, 1.05, 1.2],
            star_cutoffs: [1.8, 2.6, 3.4, 4.2],
            education_scores: s(&[
                ("", 1.0),
                ("junior_high", 1.0),
                ("secondary", 2.0),
                ("associate", 3.0),
                ("bachelor", 4.0),
                ("postgraduate", 5.0),
            ]),
            experience_scores: s(&[("none", 1.0), ("lt1", 2.0), ("1_3", 3.0), ("3_5", 4.0), ("ge5", 5.0)]),
            pay_band_midpoints: s(&[("lt3000", 2500.0), ("3000_5000", 4000.0), ("5000_8000", 6500.0), ("ge8000", 9500.0)]),
            min_unique_postings: 3,
        }
    }
}

/// Thresholds of the major recommendations. Only the bottom-share rule is sourced (B4,
/// Fujian 2023); the others are **[SUGGESTION]**.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecommendRules {
    /// Bottom share of 毕业去向落实率 among majors of the same level (Fujian: 0.10).
    pub bottom_share: f64,
    /// Consecutive cohorts in the bottom share (Fujian: 2).
    pub consecutive_cohorts: usize,
    /// The bottom-share rule needs at least this many majors of a level with graduates.
    pub min_peers: usize,
    /// Open: an occupation with at least these stars and unique postings and no local major.
    pub open_min_stars: u8,
    pub open_min_postings: u64,
    /// Candidate majors listed for an occupation to open.
    pub open_max_candidates: usize,
    /// Expand: demand ÷ supply at or above this, with at least `expand_min_demand`.
    pub expand_ratio: f64,
    pub expand_min_demand: f64,
    /// Shrink: demand ÷ supply at or below this, with local supply at least `shrink_min_supply`.
    pub shrink_ratio: f64,
    pub shrink_min_supply: f64,
    /// Merge: fewer graduates than this, not in shortage, and a sibling major of the same
    /// 专业类 and level in the zone.
    pub merge_max_graduates: u64,
}

impl Default for RecommendRules {
    fn default() -> Self {
        RecommendRules {
            bottom_share: 0.10,
            consecutive_cohorts: 2,
            min_peers: 5,
            open_min_stars: 4,
            open_min_postings: 10,
            open_max_candidates: 3,
            expand_ratio: 1.5,
            expand_min_demand: 10.0,
            shrink_ratio: 0.5,
            shrink_min_supply: 20.0,
            merge_max_graduates: 20,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRules {
    pub demand_basis: DemandBasis,
    pub supply_basis: SupplyBasis,
    pub shortage: ShortageRules,
    pub recommend: RecommendRules,
    /// Rows of the top list in the summary (10 in B8).
    pub top_n: usize,
    /// Skills listed per occupation.
    pub top_skills: usize,
}

impl Default for ReportRules {
    fn default() -> Self {
        ReportRules {
            demand_basis: DemandBasis::default(),
            supply_basis: SupplyBasis::default(),
            shortage: ShortageRules::default(),
            recommend: RecommendRules::default(),
            top_n: 10,
            top_skills: 10,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------------------------

/// `num / den`, `None` when `den` is zero or either is not finite.
pub fn safe_div(num: f64, den: f64) -> Option<f64> {
    let r = num / den;
    (den != 0.0 && r.is_finite()).then_some(r)
}

/// 求人倍率 = 需求人数 ÷ 求职人数 (人社部 / 中国人力资源市场信息监测中心). `None` without job
/// seekers: a ratio over zero seekers is not a number, the report says 本地无供给 instead.
pub fn jobs_ratio(demand: f64, job_seekers: f64) -> Option<f64> {
    safe_div(demand, job_seekers)
}

/// BIBB Angebots-Nachfrage-Relation: offers per 100 demanders, `100 × places ÷ applicants`
/// (research-notes A2.4). `None` without applicants.
pub fn anr(places_offered: u64, applicants: u64) -> Option<f64> {
    safe_div(100.0 * places_offered as f64, applicants as f64)
}

/// A raw value scored 1–5 against four ascending cut-offs: below the first → 1, at or above
/// the k-th → k + 1.
pub fn band_score(value: f64, cutoffs: &[f64; 4]) -> f64 {
    1.0 + cutoffs.iter().filter(|c| value >= **c).count() as f64
}

/// Stars (1–5) of an index in 1..=5.
pub fn stars(index: f64, cutoffs: &[f64; 4]) -> u8 {
    band_score(index, cutoffs) as u8
}

/// Local supply of a major's cohort under a [`SupplyBasis`].
pub fn local_supply(c: &SupplyCell, basis: SupplyBasis) -> u64 {
    match basis {
        SupplyBasis::LocalAndSeeking => c.employed_local + c.seeking,
        SupplyBasis::AllEntrants => c.graduates.saturating_sub(c.further_study),
    }
}

/// Whether a crosswalk occupation code covers a posting's code: equal, or a coarser code
/// ("6-14") of which the posting's code ("6-14-01-02") is a descendant.
pub fn occupation_covers(crosswalk_code: &str, posting_code: &str) -> bool {
    let x = crosswalk_code.trim();
    !x.is_empty()
        && (posting_code == x || (posting_code.starts_with(x) && posting_code.as_bytes().get(x.len()) == Some(&b'-')))
}

/// Majors of a peer group in the bottom `share` of a rate (Fujian 2023, research-notes B4):
/// with `n` majors, the `k = ⌈n × share⌉` lowest rates, plus any tied with the k-th. Empty
/// when fewer than `min_peers` majors have a rate. Input: (key, rate).
pub fn bottom_share<K: Clone + Ord>(rates: &[(K, f64)], share: f64, min_peers: usize) -> BTreeSet<K> {
    let mut v: Vec<&(K, f64)> = rates.iter().filter(|(_, r)| r.is_finite()).collect();
    if v.len() < min_peers.max(1) || share <= 0.0 {
        return BTreeSet::new();
    }
    v.sort_by(|a, b| a.1.total_cmp(&b.1));
    let k = ((v.len() as f64 * share).ceil() as usize).clamp(1, v.len());
    let cutoff = v[k - 1].1;
    v.into_iter().filter(|(_, r)| *r <= cutoff).map(|(k, _)| k.clone()).collect()
}

/// The major ↔ occupation crosswalk in use (the district's, or the catalogue's).
#[derive(Debug, Clone, Default)]
pub struct Crosswalk {
    links: HashMap<(MajorLevel, String), Vec<String>>,
}

impl Crosswalk {
    pub fn from_links(links: &[CrosswalkLink]) -> Self {
        let mut map: HashMap<(MajorLevel, String), Vec<String>> = HashMap::new();
        for l in links {
            let e = map.entry((l.level, l.major_code.clone())).or_default();
            for c in &l.occupation_codes {
                if !c.trim().is_empty() && !e.contains(c) {
                    e.push(c.trim().to_string());
                }
            }
        }
        Crosswalk { links: map }
    }
    /// The official crosswalk for the given majors.
    pub fn from_catalog<'a>(majors: impl IntoIterator<Item = (MajorLevel, &'a str)>) -> Self {
        let c = catalogs();
        let mut map = HashMap::new();
        for (level, code) in majors {
            let occ: Vec<String> = c.occupations_for_major(level, code).into_iter().map(|o| o.code.clone()).collect();
            map.insert((level, code.to_string()), occ);
        }
        Crosswalk { links: map }
    }
    pub fn occupations(&self, level: MajorLevel, major_code: &str) -> &[String] {
        self.links.get(&(level, major_code.to_string())).map(Vec::as_slice).unwrap_or(&[])
    }
    /// Whether graduates of the major go into the occupation.
    pub fn leads_to(&self, level: MajorLevel, major_code: &str, occupation_code: &str) -> bool {
        self.occupations(level, major_code).iter().any(|x| occupation_covers(x, occupation_code))
    }
}

/// Majors of the official catalogue whose crosswalk covers an occupation (for "open"
/// recommendations), most specific first: a major listing the occupation's own code comes
/// before one listing only its 小类 or 中类 (a 中类 such as "2-02-38" spans unrelated jobs),
/// then catalogue order.
pub fn catalogue_majors_for(occupation_code: &str) -> Vec<MajorRef> {
    let c = catalogs();
    let mut found: Vec<(usize, MajorRef)> = Vec::new();
    for e in &c.crosswalk {
        let best = e.occupation_codes.iter().filter(|x| occupation_covers(x, occupation_code)).map(|x| x.trim().len()).max();
        let Some(len) = best else { continue };
        match found.iter_mut().find(|(_, m)| m.level == e.level && m.code == e.major_code) {
            Some(f) => f.0 = f.0.max(len),
            None => found.push((len, MajorRef::new(e.level, &e.major_code))),
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0));
    found.into_iter().map(|(_, m)| m).collect()
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

/// A section of the report: its title, its data or `None`, and a note (why there is no data,
/// or a caveat).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section<T> {
    pub title_zh: String,
    pub data: Option<T>,
    pub note_zh: String,
}

impl<T> Section<T> {
    fn new(title: &str, data: Option<T>, note_if_none: &str, note: String) -> Self {
        let note_zh = if data.is_none() { note_if_none.to_string() } else { note };
        Section { title_zh: title.to_string(), data, note_zh }
    }
}

pub const NO_DATA_ZH: &str = "暂无数据";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct MajorRef {
    pub level: MajorLevel,
    pub level_zh: &'static str,
    pub code: String,
    pub name: String,
}

impl MajorRef {
    pub fn new(level: MajorLevel, code: &str) -> Self {
        MajorRef { level, level_zh: level.name_zh(), code: code.to_string(), name: major_name(Some(level), code) }
    }
}

/// One row of a demand table by one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountRow {
    pub key: String,
    pub label_zh: String,
    pub total_postings: u64,
    pub unique_postings: u64,
    pub new_postings: u64,
    pub headcount: u64,
    /// Share of the scope's unique postings.
    pub share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    pub year: i32,
    pub month: u32,
    pub label_zh: String,
    pub total_postings: u64,
    pub unique_postings: u64,
    pub new_postings: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DemandTotals {
    pub total_postings: u64,
    pub unique_postings: u64,
    pub new_postings: u64,
    pub headcount: u64,
    /// `total − unique` (Lightcast: duplicates removed).
    pub duplicates: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Chain,
    Industry,
    Occupation,
    Major,
    Education,
    Experience,
    Pay,
}

impl Dimension {
    pub const ALL: [Dimension; 7] = [
        Dimension::Chain,
        Dimension::Industry,
        Dimension::Occupation,
        Dimension::Major,
        Dimension::Education,
        Dimension::Experience,
        Dimension::Pay,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            Dimension::Chain => "产业链",
            Dimension::Industry => "行业",
            Dimension::Occupation => "职业",
            Dimension::Major => "需求专业",
            Dimension::Education => "学历要求",
            Dimension::Experience => "经验要求",
            Dimension::Pay => "薪酬区间",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemandTable {
    pub dimension: Dimension,
    pub title_zh: String,
    pub rows: Vec<CountRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemandSection {
    pub totals: DemandTotals,
    /// One table per [`Dimension`], in [`Dimension::ALL`] order.
    pub tables: Vec<DemandTable>,
    pub monthly: Vec<MonthRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupplyRow {
    pub major: MajorRef,
    pub cohort: i32,
    pub graduates: u64,
    pub employed: u64,
    pub further_study: u64,
    pub seeking: u64,
    pub employed_local: u64,
    /// 毕业去向落实率 = (就业 + 升学) ÷ 毕业生 (教学厅函〔2021〕19号).
    pub placement_rate: Option<f64>,
    pub further_study_rate: Option<f64>,
    /// 本地就业率 = 本地就业 ÷ 就业 ([`crate::employment::local_retention_rate`]).
    pub local_retention_rate: Option<f64>,
    /// Under the report's [`SupplyBasis`].
    pub local_supply: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct SupplyTotals {
    pub cohort: i32,
    pub graduates: u64,
    pub employed: u64,
    pub further_study: u64,
    pub seeking: u64,
    pub employed_local: u64,
    pub local_supply: u64,
    pub placement_rate: Option<f64>,
    pub further_study_rate: Option<f64>,
    pub local_retention_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupplySection {
    pub totals: SupplyTotals,
    pub by_major: Vec<SupplyRow>,
}

/// One dimension of the shortage index, with the raw figure behind the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimScore {
    pub key: &'static str,
    pub name_zh: &'static str,
    pub raw: Option<f64>,
    pub raw_zh: String,
    /// 1–5, `None` when the figure is missing (then left out of the weighted mean).
    pub score: Option<f64>,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShortageScore {
    /// Weighted mean of the available dimension scores, 1–5.
    pub index: f64,
    pub stars: u8,
    pub stars_zh: String,
    pub dims: Vec<DimScore>,
}

/// Inputs of the index for one occupation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OccupationProfile {
    pub demand: f64,
    pub job_seekers: f64,
    pub unique_postings: u64,
    /// (education key, unique postings)
    pub education: Vec<(String, u64)>,
    pub experience: Vec<(String, u64)>,
    pub pay: Vec<(String, u64)>,
    /// Σ over skills of unique postings naming it.
    pub skill_mentions: u64,
    /// Mean pay of the whole scope (元/月), for the relative pay dimension.
    pub scope_mean_pay: Option<f64>,
}

fn weighted_mean(parts: &[(String, u64)], table: &[(String, f64)]) -> Option<f64> {
    let (mut s, mut n) = (0.0, 0u64);
    for (k, c) in parts {
        if let Some((_, v)) = table.iter().find(|(t, _)| t == k) {
            s += v * *c as f64;
            n += c;
        }
    }
    safe_div(s, n as f64)
}

/// Mean monthly pay of a pay-band distribution (band midpoints; unknown bands left out).
pub fn mean_pay(parts: &[(String, u64)], rules: &ShortageRules) -> Option<f64> {
    weighted_mean(parts, &rules.pay_band_midpoints)
}

/// The ★1–★5 shortage index of an occupation (Zhengzhou's five dimensions, research-notes
/// B8; weights and cut-offs [SUGGESTION], see [`ShortageRules`]). `None` below
/// `min_unique_postings` (样本不足).
pub fn shortage_score(p: &OccupationProfile, r: &ShortageRules) -> Option<ShortageScore> {
    if p.unique_postings < r.min_unique_postings.max(1) {
        return None;
    }
    let ratio = jobs_ratio(p.demand, p.job_seekers);
    let (ratio_raw, ratio_score, ratio_zh) = match ratio {
        Some(x) => (Some(x), Some(band_score(x, &r.ratio_cutoffs)), format!("求人倍率 {x:.2}")),
        None if p.demand > 0.0 => (None, Some(5.0), "本地无对口供给".to_string()),
        None => (None, None, NO_DATA_ZH.to_string()),
    };
    let edu = weighted_mean(&p.education, &r.education_scores);
    let exp = weighted_mean(&p.experience, &r.experience_scores);
    let req = safe_div(p.skill_mentions as f64, p.unique_postings as f64);
    let pay = mean_pay(&p.pay, r);
    let rel_pay = pay.zip(p.scope_mean_pay).and_then(|(a, b)| safe_div(a, b));
    let dim = |key, name_zh, raw: Option<f64>, raw_zh: String, score: Option<f64>, weight| DimScore {
        key,
        name_zh,
        raw,
        raw_zh: if raw.is_none() && score.is_none() { NO_DATA_ZH.into() } else { raw_zh },
        score,
        weight,
    };
    let w = r.weights;
    let dims = vec![
        dim("supply_demand", "供需比", ratio_raw, ratio_zh, ratio_score, w[0]),
        dim(
            "education",
            "学历要求",
            edu,
            format!("学历均分 {:.2}（1=不限 … 5=研究生）", edu.unwrap_or(0.0)),
            edu.map(|x| band_score(x, &r.education_cutoffs)),
            w[1],
        ),
        dim(
            "experience",
            "经验要求",
            exp,
            format!("经验均分 {:.2}（1=不限 … 5=5年以上）", exp.unwrap_or(0.0)),
            exp.map(|x| band_score(x, &r.experience_cutoffs)),
            w[2],
        ),
        dim(
            "requirements",
            "综合要求",
            req,
            format!("每个岗位平均技能要求 {:.1} 项", req.unwrap_or(0.0)),
            req.map(|x| band_score(x, &r.requirements_cutoffs)),
            w[3],
        ),
        dim(
            "pay",
            "薪酬水平",
            rel_pay,
            format!("平均月薪约 {:.0} 元，为范围均值的 {:.2} 倍", pay.unwrap_or(0.0), rel_pay.unwrap_or(0.0)),
            rel_pay.map(|x| band_score(x, &r.pay_cutoffs)),
            w[4],
        ),
    ];
    let (mut s, mut wsum) = (0.0, 0.0);
    for d in &dims {
        if let Some(x) = d.score
            && d.weight > 0.0
        {
            s += x * d.weight;
            wsum += d.weight;
        }
    }
    let index = safe_div(s, wsum)?;
    let st = stars(index, &r.star_cutoffs);
    Some(ShortageScore { index, stars: st, stars_zh: stars_zh(st), dims })
}

pub fn stars_zh(n: u8) -> String {
    let n = n.min(5) as usize;
    format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OccupationGap {
    pub occupation_code: String,
    pub occupation_name: String,
    /// Chain with most of its unique postings.
    pub main_chain: String,
    pub unique_postings: u64,
    pub headcount: u64,
    /// Under the report's [`DemandBasis`].
    pub demand: f64,
    /// Local supply allocated to the occupation through the crosswalk.
    pub local_supply: f64,
    /// `demand − local_supply`; positive = shortage.
    pub gap: f64,
    /// 求人倍率 with `local_supply` as job seekers.
    pub jobs_ratio: Option<f64>,
    pub shortage: Option<ShortageScore>,
    /// Main education requirement (most unique postings).
    pub main_education_zh: String,
    pub main_pay_zh: String,
    pub supplying_majors: Vec<MajorRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MajorGap {
    pub major: MajorRef,
    /// Postings that name the major.
    pub explicit_demand: f64,
    /// Demand of its crosswalk occupations, shared among the local majors leading there.
    pub allocated_demand: f64,
    pub demand: f64,
    pub local_supply: f64,
    pub gap: f64,
    /// demand ÷ local supply.
    pub ratio: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnrRow {
    pub occupation_code: String,
    pub occupation_name: String,
    pub kind: ApplicationKind,
    pub kind_zh: &'static str,
    pub places_offered: u64,
    pub applicants: u64,
    pub admitted: u64,
    /// Offers per 100 applicants.
    pub anr: Option<f64>,
    /// admitted ÷ places.
    pub fill_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapSection {
    pub by_occupation: Vec<OccupationGap>,
    pub by_major: Vec<MajorGap>,
    pub anr: Vec<AnrRow>,
    /// Index distribution ★1..★5 (count of occupations).
    pub star_counts: [u64; 5],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillRow {
    pub skill: String,
    pub postings: u64,
    /// Share of the occupation's unique postings.
    pub share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OccupationSkills {
    pub occupation_code: String,
    pub occupation_name: String,
    pub unique_postings: u64,
    pub skills: Vec<SkillRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Open,
    Expand,
    Hold,
    Shrink,
    Merge,
}

impl Action {
    pub fn name_zh(self) -> &'static str {
        match self {
            Action::Open => "新设专业",
            Action::Expand => "扩大招生",
            Action::Hold => "保持规模",
            Action::Shrink => "缩减或停招",
            Action::Merge => "合并专业",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub label_zh: String,
    pub value_zh: String,
}

fn fig(label: &str, value: impl std::fmt::Display) -> Figure {
    Figure { label_zh: label.into(), value_zh: value.to_string() }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub action: Action,
    pub action_zh: &'static str,
    /// The major concerned (`None` for "open": see `candidates`).
    pub major: Option<MajorRef>,
    /// For "open": majors of the catalogue leading to the occupation; for "merge": the sibling.
    pub candidates: Vec<MajorRef>,
    pub occupation_code: Option<String>,
    pub occupation_name: Option<String>,
    /// Machine key of the rule that fired.
    pub rule: &'static str,
    /// The rule in words, with its thresholds.
    pub rule_zh: String,
    pub source_zh: &'static str,
    /// A [SUGGESTION] rule rather than a sourced one.
    pub suggestion: bool,
    pub evidence: Vec<Figure>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub period_zh: String,
    pub scope_zh: String,
    pub demand: DemandTotals,
    pub graduates: u64,
    pub local_supply: u64,
    pub jobs_ratio: Option<f64>,
    pub occupations_with_demand: u64,
    /// Occupations at ★4 or ★5.
    pub occupations_in_shortage: u64,
    pub top_short: Vec<OccupationGap>,
    /// Headline sentences.
    pub headlines_zh: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Method {
    pub sources_zh: Vec<String>,
    pub dedup_window_days: i64,
    pub snapshot_date: NaiveDate,
    pub snapshot_date_zh: String,
    pub period_zh: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub scope_zh: String,
    pub chains: Vec<ChainDef>,
    /// Formulas and rule sources, one sentence each.
    pub formulas_zh: Vec<String>,
    pub rules: ReportRules,
    pub crosswalk_zh: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportOutput {
    pub title_zh: String,
    pub period: Period,
    pub scope: Scope,
    pub summary: Section<Summary>,
    pub demand: Section<DemandSection>,
    pub supply: Section<SupplySection>,
    pub gap: Section<GapSection>,
    pub skills: Section<Vec<OccupationSkills>>,
    pub recommendations: Section<Vec<Recommendation>>,
    pub method: Section<Method>,
}

// ---------------------------------------------------------------------------------------------
// Computations
// ---------------------------------------------------------------------------------------------

pub fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn demand_value(c: &DemandCell, basis: DemandBasis) -> f64 {
    match basis {
        DemandBasis::Headcount => c.headcount.max(c.unique_postings) as f64,
        DemandBasis::UniquePostings => c.unique_postings as f64,
    }
}

/// Totals of demand cells (Lightcast total / unique / new).
pub fn demand_totals(cells: &[DemandCell]) -> DemandTotals {
    let mut t = DemandTotals::default();
    for c in cells {
        t.total_postings += c.total_postings;
        t.unique_postings += c.unique_postings;
        t.new_postings += c.new_postings;
        t.headcount += c.headcount;
    }
    t.duplicates = t.total_postings.saturating_sub(t.unique_postings);
    t
}

/// Demand by one dimension, sorted by unique postings (desc), then key; shares of the scope's
/// unique postings.
pub fn demand_by(cells: &[DemandCell], dim: Dimension) -> Vec<CountRow> {
    let mut acc: BTreeMap<String, CountRow> = BTreeMap::new();
    for c in cells {
        let key = match dim {
            Dimension::Chain => c.chain.clone(),
            Dimension::Industry => c.industry_code.clone(),
            Dimension::Occupation => c.occupation_code.clone(),
            Dimension::Major => match (c.wanted_major_level, c.wanted_major_code.as_str()) {
                (_, "") => String::new(),
                (Some(l), code) => format!("{}:{code}", l.key()),
                (None, code) => code.to_string(),
            },
            Dimension::Education => c.education.clone(),
            Dimension::Experience => c.experience.clone(),
            Dimension::Pay => c.pay_band.clone(),
        };
        let row = acc.entry(key.clone()).or_insert_with(|| CountRow {
            label_zh: match dim {
                Dimension::Chain if key.is_empty() => "链外企业".into(),
                Dimension::Chain => key.clone(),
                Dimension::Industry => industry_name(&key),
                Dimension::Occupation => occupation_name(&key),
                Dimension::Major => major_name(c.wanted_major_level, &c.wanted_major_code),
                Dimension::Education => education_zh(&key),
                Dimension::Experience => experience_zh(&key),
                Dimension::Pay => pay_band_zh(&key),
            },
            key,
            total_postings: 0,
            unique_postings: 0,
            new_postings: 0,
            headcount: 0,
            share: None,
        });
        row.total_postings += c.total_postings;
        row.unique_postings += c.unique_postings;
        row.new_postings += c.new_postings;
        row.headcount += c.headcount;
    }
    let all: u64 = acc.values().map(|r| r.unique_postings).sum();
    let mut rows: Vec<CountRow> = acc.into_values().collect();
    for r in &mut rows {
        r.share = safe_div(r.unique_postings as f64, all as f64);
    }
    // Ordinal dimensions keep their natural order; the others rank by volume.
    match dim {
        Dimension::Education => rows.sort_by_key(|r| EducationLevel::parse(&r.key).map_or(0, |e| e as u8 + 1)),
        Dimension::Experience => rows.sort_by_key(|r| band_pos(&EXPERIENCE_BANDS, &r.key)),
        Dimension::Pay => rows.sort_by_key(|r| band_pos(&PAY_BANDS, &r.key)),
        _ => rows.sort_by(|a, b| b.unique_postings.cmp(&a.unique_postings).then_with(|| a.key.cmp(&b.key))),
    }
    rows
}

fn band_pos(table: &[(&str, &str)], key: &str) -> usize {
    table.iter().position(|(k, _)| *k == key).unwrap_or(table.len())
}

/// The monthly trend in calendar order, months summed over chains.
pub fn monthly_trend(months: &[MonthCount]) -> Vec<MonthRow> {
    let mut acc: BTreeMap<(i32, u32), MonthRow> = BTreeMap::new();
    for m in months {
        let r = acc.entry((m.year, m.month)).or_insert_with(|| MonthRow {
            year: m.year,
            month: m.month,
            label_zh: format!("{}年{}月", m.year, m.month),
            total_postings: 0,
            unique_postings: 0,
            new_postings: 0,
        });
        r.total_postings += m.total_postings;
        r.unique_postings += m.unique_postings;
        r.new_postings += m.new_postings;
    }
    acc.into_values().collect()
}

/// Supply of one cohort by major (rows with a level only), largest first.
pub fn supply_by_major(cells: &[SupplyCell], cohort: i32, basis: SupplyBasis) -> Vec<SupplyRow> {
    let mut acc: BTreeMap<(MajorLevel, String), SupplyCell> = BTreeMap::new();
    for c in cells.iter().filter(|c| c.cohort == cohort) {
        let Some(level) = c.level else { continue };
        let e = acc.entry((level, c.major_code.clone())).or_insert_with(|| SupplyCell {
            cohort,
            level: Some(level),
            major_code: c.major_code.clone(),
            ..Default::default()
        });
        e.graduates += c.graduates;
        e.employed += c.employed;
        e.further_study += c.further_study;
        e.seeking += c.seeking;
        e.employed_local += c.employed_local;
    }
    let mut rows: Vec<SupplyRow> = acc
        .into_iter()
        .map(|((level, code), c)| SupplyRow {
            major: MajorRef::new(level, &code),
            cohort,
            graduates: c.graduates,
            employed: c.employed,
            further_study: c.further_study,
            seeking: c.seeking,
            employed_local: c.employed_local,
            placement_rate: rate(c.employed + c.further_study, c.graduates),
            further_study_rate: rate(c.further_study, c.graduates),
            local_retention_rate: rate(c.employed_local, c.employed),
            local_supply: local_supply(&c, basis),
        })
        .collect();
    rows.sort_by(|a, b| b.graduates.cmp(&a.graduates).then_with(|| a.major.cmp(&b.major)));
    rows
}

fn rate(num: u64, den: u64) -> Option<f64> {
    safe_div(num as f64, den as f64)
}

pub fn supply_totals(rows: &[SupplyRow], cohort: i32) -> SupplyTotals {
    let mut t = SupplyTotals { cohort, ..Default::default() };
    for r in rows {
        t.graduates += r.graduates;
        t.employed += r.employed;
        t.further_study += r.further_study;
        t.seeking += r.seeking;
        t.employed_local += r.employed_local;
        t.local_supply += r.local_supply;
    }
    t.placement_rate = rate(t.employed + t.further_study, t.graduates);
    t.further_study_rate = rate(t.further_study, t.graduates);
    t.local_retention_rate = rate(t.employed_local, t.employed);
    t
}

/// Local supply per occupation: each major's local supply is **shared equally** among the
/// demanded occupations its crosswalk leads to, so that no graduate is counted twice
/// ([SUGGESTION]; Lightcast's crosswalk gap report counts completions per programme). Returns
/// occupation → (supply, supplying majors).
pub fn supply_by_occupation(
    rows: &[SupplyRow],
    occupations: &[String],
    xw: &Crosswalk,
) -> HashMap<String, (f64, Vec<MajorRef>)> {
    let mut out: HashMap<String, (f64, Vec<MajorRef>)> = HashMap::new();
    for r in rows {
        let links = xw.occupations(r.major.level, &r.major.code);
        let reached: Vec<&String> = occupations.iter().filter(|o| links.iter().any(|x| occupation_covers(x, o))).collect();
        if reached.is_empty() {
            continue;
        }
        let share = r.local_supply as f64 / reached.len() as f64;
        for o in reached {
            let e = out.entry(o.clone()).or_default();
            e.0 += share;
            e.1.push(r.major.clone());
        }
    }
    out
}

fn most_common(parts: &[(String, u64)]) -> Option<&str> {
    parts.iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).map(|(k, _)| k.as_str())
}

fn add_part(v: &mut Vec<(String, u64)>, key: &str, n: u64) {
    match v.iter_mut().find(|(k, _)| k == key) {
        Some(e) => e.1 += n,
        None => v.push((key.to_string(), n)),
    }
}

/// Gap per occupation (Lightcast gap table; 求人倍率; shortage index), sorted by index then gap.
pub fn gap_by_occupation(
    demand: &DemandSlices,
    skills: &[SkillCell],
    supply_rows: &[SupplyRow],
    xw: &Crosswalk,
    rules: &ReportRules,
) -> Vec<OccupationGap> {
    #[derive(Default)]
    struct Acc {
        unique: u64,
        headcount: u64,
        demand: f64,
        edu: Vec<(String, u64)>,
        exp: Vec<(String, u64)>,
        pay: Vec<(String, u64)>,
        chains: Vec<(String, u64)>,
    }
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    let mut scope_pay: Vec<(String, u64)> = Vec::new();
    // Counts, education and chains from one projection; experience and pay from theirs.
    for c in &demand.by_education {
        if c.occupation_code.is_empty() {
            continue;
        }
        let a = acc.entry(c.occupation_code.clone()).or_default();
        a.unique += c.unique_postings;
        a.headcount += c.headcount;
        a.demand += demand_value(c, rules.demand_basis);
        add_part(&mut a.edu, &c.education, c.unique_postings);
        add_part(&mut a.chains, &c.chain, c.unique_postings);
    }
    for c in &demand.by_experience {
        if let Some(a) = acc.get_mut(&c.occupation_code) {
            add_part(&mut a.exp, &c.experience, c.unique_postings);
        }
    }
    for c in &demand.by_pay {
        add_part(&mut scope_pay, &c.pay_band, c.unique_postings);
        if let Some(a) = acc.get_mut(&c.occupation_code) {
            add_part(&mut a.pay, &c.pay_band, c.unique_postings);
        }
    }
    let scope_mean_pay = mean_pay(&scope_pay, &rules.shortage);
    let mut mentions: HashMap<&str, u64> = HashMap::new();
    for s in skills {
        *mentions.entry(s.occupation_code.as_str()).or_default() += s.postings;
    }
    let occs: Vec<String> = acc.keys().cloned().collect();
    let sup = supply_by_occupation(supply_rows, &occs, xw);
    let mut rows: Vec<OccupationGap> = acc
        .into_iter()
        .filter(|(_, a)| a.unique > 0)
        .map(|(code, a)| {
            let (local, majors) = sup.get(&code).cloned().unwrap_or_default();
            let profile = OccupationProfile {
                demand: a.demand,
                job_seekers: local,
                unique_postings: a.unique,
                education: a.edu.clone(),
                experience: a.exp.clone(),
                pay: a.pay.clone(),
                skill_mentions: mentions.get(code.as_str()).copied().unwrap_or(0),
                scope_mean_pay,
            };
            OccupationGap {
                occupation_name: occupation_name(&code),
                main_chain: most_common(&a.chains).unwrap_or("").to_string(),
                unique_postings: a.unique,
                headcount: a.headcount,
                demand: a.demand,
                local_supply: local,
                gap: a.demand - local,
                jobs_ratio: jobs_ratio(a.demand, local),
                shortage: shortage_score(&profile, &rules.shortage),
                main_education_zh: most_common(&a.edu).map(education_zh).unwrap_or_default(),
                main_pay_zh: most_common(&a.pay).map(pay_band_zh).unwrap_or_default(),
                supplying_majors: majors,
                occupation_code: code,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let ia = a.shortage.as_ref().map_or(-1.0, |s| s.index);
        let ib = b.shortage.as_ref().map_or(-1.0, |s| s.index);
        ib.total_cmp(&ia).then_with(|| b.gap.total_cmp(&a.gap)).then_with(|| a.occupation_code.cmp(&b.occupation_code))
    });
    rows
}

/// The `n` most-short occupations: those with an index, highest index first, then largest gap.
pub fn top_short(gaps: &[OccupationGap], n: usize) -> Vec<OccupationGap> {
    gaps.iter().filter(|g| g.shortage.is_some()).take(n).cloned().collect()
}

/// Gap per major: explicit demand (postings naming it) + demand of its crosswalk occupations
/// from postings that name no major, shared equally among the local majors leading there
/// ([SUGGESTION]).
pub fn gap_by_major(demand: &[DemandCell], supply_rows: &[SupplyRow], xw: &Crosswalk, basis: DemandBasis) -> Vec<MajorGap> {
    let mut rows: Vec<MajorGap> = supply_rows
        .iter()
        .map(|r| MajorGap {
            major: r.major.clone(),
            explicit_demand: 0.0,
            allocated_demand: 0.0,
            demand: 0.0,
            local_supply: r.local_supply as f64,
            gap: 0.0,
            ratio: None,
        })
        .collect();
    // Which rows each occupation reaches, worked out once per occupation (at province
    // scale there are thousands of cells but only hundreds of occupations).
    let links: Vec<&[String]> = supply_rows.iter().map(|r| xw.occupations(r.major.level, &r.major.code)).collect();
    let mut reached: HashMap<&str, Vec<usize>> = HashMap::new();
    for c in demand {
        let v = demand_value(c, basis);
        if !c.wanted_major_code.is_empty() {
            if let Some(r) = rows.iter_mut().find(|r| {
                r.major.code == c.wanted_major_code && c.wanted_major_level.is_none_or(|l| l == r.major.level)
            }) {
                r.explicit_demand += v;
            }
            continue;
        }
        if c.occupation_code.is_empty() {
            continue;
        }
        let idx = reached.entry(c.occupation_code.as_str()).or_insert_with(|| {
            (0..links.len()).filter(|&i| links[i].iter().any(|x| occupation_covers(x, &c.occupation_code))).collect()
        });
        if idx.is_empty() {
            continue;
        }
        let share = v / idx.len() as f64;
        for &i in idx.iter() {
            rows[i].allocated_demand += share;
        }
    }
    for r in &mut rows {
        r.demand = r.explicit_demand + r.allocated_demand;
        r.gap = r.demand - r.local_supply;
        r.ratio = safe_div(r.demand, r.local_supply);
    }
    rows.sort_by(|a, b| b.gap.total_cmp(&a.gap).then_with(|| a.major.cmp(&b.major)));
    rows
}

/// ANR per occupation and kind (BIBB, research-notes A2.4), lowest ANR (most demand per place)
/// first; rows without applicants last.
pub fn anr_rows(cells: &[ApplicationCell]) -> Vec<AnrRow> {
    let mut acc: BTreeMap<(String, ApplicationKind), (u64, u64, u64)> = BTreeMap::new();
    for c in cells {
        let e = acc.entry((c.occupation_code.clone(), c.kind)).or_default();
        e.0 += c.places_offered;
        e.1 += c.applicants;
        e.2 += c.admitted;
    }
    let mut rows: Vec<AnrRow> = acc
        .into_iter()
        .map(|((code, kind), (p, a, m))| AnrRow {
            occupation_name: occupation_name(&code),
            occupation_code: code,
            kind,
            kind_zh: kind.name_zh(),
            places_offered: p,
            applicants: a,
            admitted: m,
            anr: anr(p, a),
            fill_rate: rate(m, p),
        })
        .collect();
    rows.sort_by(|a, b| {
        a.anr.unwrap_or(f64::MAX).total_cmp(&b.anr.unwrap_or(f64::MAX)).then_with(|| a.occupation_code.cmp(&b.occupation_code))
    });
    rows
}

/// Skills most asked for per occupation (Lightcast "rankings by facet"), occupations by
/// unique postings, skills by postings then name.
pub fn top_skills(skills: &[SkillCell], demand: &[DemandCell], n: usize) -> Vec<OccupationSkills> {
    let mut unique: HashMap<&str, u64> = HashMap::new();
    for c in demand {
        *unique.entry(c.occupation_code.as_str()).or_default() += c.unique_postings;
    }
    let mut acc: BTreeMap<&str, BTreeMap<&str, u64>> = BTreeMap::new();
    for s in skills.iter().filter(|s| !s.skill.trim().is_empty() && s.postings > 0) {
        *acc.entry(s.occupation_code.as_str()).or_default().entry(s.skill.trim()).or_default() += s.postings;
    }
    let mut out: Vec<OccupationSkills> = acc
        .into_iter()
        .map(|(code, m)| {
            let u = unique.get(code).copied().unwrap_or(0);
            let mut v: Vec<SkillRow> =
                m.into_iter().map(|(k, p)| SkillRow { skill: k.to_string(), postings: p, share: rate(p, u) }).collect();
            v.sort_by(|a, b| b.postings.cmp(&a.postings).then_with(|| a.skill.cmp(&b.skill)));
            v.truncate(n);
            OccupationSkills {
                occupation_code: code.to_string(),
                occupation_name: occupation_name(code),
                unique_postings: u,
                skills: v,
            }
        })
        .collect();
    out.sort_by(|a, b| b.unique_postings.cmp(&a.unique_postings).then_with(|| a.occupation_code.cmp(&b.occupation_code)));
    out
}

const SRC_FUJIAN: &str = "福建省2023年专业动态调整规则（研究笔记 B4）：高职专业初次毕业去向落实率连续2年处于后10%的，减招或停招";
const SRC_SUGGESTION: &str = "[建议规则] 本平台依据供需缺口提出，供区教体局参考（研究笔记 B4、B8）";
const SRC_MEASURE8: &str = "[建议规则] 措施（八）“合并就业率低的专业”；同专业类内合并";

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into())
}

fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 { format!("{x:.0}") } else { format!("{x:.1}") }
}

fn ratio_zh(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—（无本地供给）".into())
}

/// Recommendations for majors (B4 dynamic adjustment; B8 §7): one per local major (shrink by
/// the sourced bottom-share rule, merge, shrink by ratio, expand, hold — first rule that
/// fires), plus "open" for short occupations no local major leads to.
pub fn recommend(
    supply: &[SupplyCell],
    supply_rows: &[SupplyRow],
    major_gaps: &[MajorGap],
    occ_gaps: &[OccupationGap],
    rules: &ReportRules,
) -> Vec<Recommendation> {
    let r = &rules.recommend;
    // Bottom-share flags per cohort and level.
    let mut cohorts: Vec<i32> = supply.iter().map(|c| c.cohort).collect::<BTreeSet<_>>().into_iter().collect();
    cohorts.reverse();
    let recent: Vec<i32> = cohorts.iter().take(r.consecutive_cohorts.max(1)).copied().collect();
    let mut bottom: HashMap<i32, BTreeSet<(MajorLevel, String)>> = HashMap::new();
    let mut rates: HashMap<(i32, MajorLevel, String), Option<f64>> = HashMap::new();
    for &y in &recent {
        let rows = supply_by_major(supply, y, rules.supply_basis);
        let mut set = BTreeSet::new();
        for level in MajorLevel::ALL {
            let v: Vec<((MajorLevel, String), f64)> = rows
                .iter()
                .filter(|x| x.major.level == level)
                .filter_map(|x| x.placement_rate.map(|p| ((level, x.major.code.clone()), p)))
                .collect();
            set.extend(bottom_share(&v, r.bottom_share, r.min_peers));
        }
        for x in &rows {
            rates.insert((y, x.major.level, x.major.code.clone()), x.placement_rate);
        }
        bottom.insert(y, set);
    }
    let enough_cohorts = recent.len() >= r.consecutive_cohorts.max(1);
    let mut out = Vec::new();
    for g in major_gaps {
        let key = (g.major.level, g.major.code.clone());
        let Some(row) = supply_rows.iter().find(|x| x.major == g.major) else { continue };
        let mut evidence = vec![
            fig("毕业生数", row.graduates),
            fig("本地供给", num(g.local_supply)),
            fig("岗位需求", num(g.demand)),
            fig("需求÷供给", ratio_zh(g.ratio)),
            fig("毕业去向落实率", pct(row.placement_rate)),
        ];
        let base = |action: Action, rule: &'static str, rule_zh: String, source: &'static str, suggestion: bool, evidence: Vec<Figure>| {
            Recommendation {
                action,
                action_zh: action.name_zh(),
                major: Some(g.major.clone()),
                candidates: Vec::new(),
                occupation_code: None,
                occupation_name: None,
                rule,
                rule_zh,
                source_zh: source,
                suggestion,
                evidence,
            }
        };
        let in_bottom = enough_cohorts && recent.iter().all(|y| bottom.get(y).is_some_and(|s| s.contains(&key)));
        if in_bottom {
            for y in &recent {
                let rt = rates.get(&(*y, key.0, key.1.clone())).copied().flatten();
                evidence.push(fig(&format!("{y}届毕业去向落实率"), pct(rt)));
            }
            out.push(base(
                Action::Shrink,
                "bottom_share_consecutive",
                format!(
                    "同层次专业中毕业去向落实率连续{}届处于后{:.0}%",
                    r.consecutive_cohorts,
                    r.bottom_share * 100.0
                ),
                SRC_FUJIAN,
                false,
                evidence,
            ));
            continue;
        }
        let ratio = g.ratio;
        let not_short = ratio.is_none_or(|x| x <= 1.0);
        let sibling = (row.graduates < r.merge_max_graduates && not_short && g.local_supply > 0.0)
            .then(|| sibling_major(&g.major, supply_rows))
            .flatten();
        if let Some(s) = sibling {
            let mut rec = base(
                Action::Merge,
                "small_sibling",
                format!("毕业生少于{}人、需求不超过供给，且本区有同专业类同层次专业", r.merge_max_graduates),
                SRC_MEASURE8,
                true,
                evidence,
            );
            rec.candidates.push(s);
            out.push(rec);
            continue;
        }
        if let Some(x) = ratio
            && x <= r.shrink_ratio
            && g.local_supply >= r.shrink_min_supply
        {
            out.push(base(
                Action::Shrink,
                "low_demand_ratio",
                format!("需求÷本地供给 ≤ {}，且本地供给 ≥ {}", r.shrink_ratio, r.shrink_min_supply),
                SRC_SUGGESTION,
                true,
                evidence,
            ));
            continue;
        }
        let expand = g.demand >= r.expand_min_demand && ratio.is_none_or(|x| x >= r.expand_ratio);
        if expand {
            out.push(base(
                Action::Expand,
                "high_demand_ratio",
                format!("需求÷本地供给 ≥ {}（或无本地供给），且需求 ≥ {}", r.expand_ratio, r.expand_min_demand),
                SRC_SUGGESTION,
                true,
                evidence,
            ));
            continue;
        }
        out.push(base(Action::Hold, "balanced", "未触发增减规则".into(), SRC_SUGGESTION, true, evidence));
    }
    // Open: short occupations without a local major.
    for o in occ_gaps {
        let Some(s) = &o.shortage else { continue };
        if s.stars < r.open_min_stars || o.unique_postings < r.open_min_postings || !o.supplying_majors.is_empty() {
            continue;
        }
        let mut cands = catalogue_majors_for(&o.occupation_code);
        cands.retain(|m| catalogs().major(m.level, &m.code).is_some_and(|x| x.node == MajorNode::Major));
        cands.truncate(r.open_max_candidates);
        out.push(Recommendation {
            action: Action::Open,
            action_zh: Action::Open.name_zh(),
            major: None,
            candidates: cands,
            occupation_code: Some(o.occupation_code.clone()),
            occupation_name: Some(o.occupation_name.clone()),
            rule: "short_without_local_major",
            rule_zh: format!(
                "紧缺指数 ≥ {}星、去重岗位 ≥ {}，且本区无对口专业",
                r.open_min_stars, r.open_min_postings
            ),
            source_zh: SRC_SUGGESTION,
            suggestion: true,
            evidence: vec![
                fig("紧缺指数", &s.stars_zh),
                fig("去重岗位数", o.unique_postings),
                fig("需求人数", num(o.demand)),
                fig("主要学历要求", &o.main_education_zh),
            ],
        });
    }
    out.sort_by_key(|x| match x.action {
        Action::Open => 0,
        Action::Expand => 1,
        Action::Shrink => 2,
        Action::Merge => 3,
        Action::Hold => 4,
    });
    out
}

/// Another local major of the same 专业类 and level, with the most graduates.
fn sibling_major(m: &MajorRef, rows: &[SupplyRow]) -> Option<MajorRef> {
    let c = catalogs();
    let class = c.major(m.level, &m.code)?.class_code.clone();
    rows.iter()
        .filter(|r| r.major.level == m.level && r.major.code != m.code)
        .filter(|r| c.major(r.major.level, &r.major.code).is_some_and(|x| x.class_code == class))
        .max_by(|a, b| a.graduates.cmp(&b.graduates).then_with(|| b.major.code.cmp(&a.major.code)))
        .map(|r| r.major.clone())
}

fn formulas(rules: &ReportRules) -> Vec<String> {
    let s = &rules.shortage;
    vec![
        "岗位数：总岗位数为去重前的发布数，去重岗位数为按“企业+规范化岗位名称+工作地点”在去重窗口内合并后的数量，新增岗位为本期首次发布的去重岗位（参照 Lightcast 岗位分析方法）。".into(),
        match rules.demand_basis {
            DemandBasis::Headcount => "需求人数：去重岗位的招聘人数之和（未注明人数的岗位按1人计）。".into(),
            DemandBasis::UniquePostings => "需求：以去重岗位数计。".into(),
        },
        match rules.supply_basis {
            SupplyBasis::LocalAndSeeking => "本地供给：本区院校毕业生中在本地就业人数与待就业人数之和。".into(),
            SupplyBasis::AllEntrants => "本地供给：本区院校毕业生中进入劳动力市场的人数（毕业生数减升学人数）。".into(),
        },
        "毕业去向落实率 =（就业 + 升学）÷ 毕业生数（教学厅函〔2021〕19号）。".into(),
        "供需缺口 = 需求 − 本地供给；专业的本地供给按专业—职业对照表平均分配到其对口的各个职业。".into(),
        "求人倍率 = 需求人数 ÷ 求职人数（人力资源和社会保障部公共就业服务机构市场供求分析口径），此处求职人数以本地供给计；大于1表示岗位多于求职者。".into(),
        "岗位供求比（ANR，德国联邦职业教育研究所 BIBB）= 订单班/学徒制提供名额 ÷ 报名人数 × 100，即每100名报名者对应的名额。".into(),
        format!(
            "紧缺指数（参照《郑州市急需紧缺人才需求指导目录》五维度）：供需比、学历要求、经验要求、综合要求、薪酬水平各计1–5分，按权重 {:.2}/{:.2}/{:.2}/{:.2}/{:.2} 加权平均，指数达到 {:.1}/{:.1}/{:.1}/{:.1} 分别为★2至★5；去重岗位少于{}个的职业不评。权重与分档为本平台建议值。",
            s.weights[0], s.weights[1], s.weights[2], s.weights[3], s.weights[4],
            s.star_cutoffs[0], s.star_cutoffs[1], s.star_cutoffs[2], s.star_cutoffs[3], s.min_unique_postings
        ),
        format!(
            "专业建议：同层次专业毕业去向落实率连续{}届处于后{:.0}%的，建议减招或停招（福建省2023年规则）；其余规则为本平台建议，仅作预警，不作为自动决定。",
            rules.recommend.consecutive_cohorts,
            rules.recommend.bottom_share * 100.0
        ),
    ]
}

/// Builds the whole report. Never panics; every section says 暂无数据 when it has nothing.
pub fn build_report(input: &ReportInput, rules: &ReportRules) -> ReportOutput {
    let scope = &input.scope;
    let demand = input.demand.scoped(scope);
    let skills: Vec<SkillCell> = input.skills.iter().filter(|c| scope.admits(&c.chain)).cloned().collect();
    let apps: Vec<ApplicationCell> = input.applications.iter().filter(|c| scope.admits(&c.chain)).cloned().collect();
    let months: Vec<MonthCount> = input.monthly.iter().filter(|c| scope.admits(&c.chain)).cloned().collect();

    // Supply: the latest cohort not after the period's year.
    let cohort = input.supply.iter().map(|c| c.cohort).filter(|y| *y <= input.period.year()).max();
    let supply_hist: Vec<SupplyCell> = input.supply.iter().filter(|c| cohort.is_some_and(|y| c.cohort <= y)).cloned().collect();
    let mut supply_rows = cohort.map(|y| supply_by_major(&supply_hist, y, rules.supply_basis)).unwrap_or_default();
    let xw = match &input.crosswalk {
        Some(links) => Crosswalk::from_links(links),
        None => Crosswalk::from_catalog(supply_rows.iter().map(|r| (r.major.level, r.major.code.as_str()))),
    };
    let mut supply_note = String::new();
    if let Scope::Chain(c) = scope {
        // Majors relevant to the chain: leading to one of its occupations, or named by its postings.
        let occs: BTreeSet<&str> = demand.by_major.iter().map(|d| d.occupation_code.as_str()).filter(|o| !o.is_empty()).collect();
        let named: BTreeSet<&str> = demand.by_major.iter().map(|d| d.wanted_major_code.as_str()).collect();
        supply_rows.retain(|r| occs.iter().any(|o| xw.leads_to(r.major.level, &r.major.code, o)) || named.contains(r.major.code.as_str()));
        supply_note = format!("仅列出与{c}产业链岗位对口（按专业—职业对照表）或被其岗位点名需求的专业。");
    }
    let supply_tot = supply_totals(&supply_rows, cohort.unwrap_or(0));

    let totals = demand_totals(&demand.by_industry);
    let has_demand = totals.total_postings > 0 || totals.unique_postings > 0;
    let period_zh = input.period.label_zh();
    let scope_zh = scope.label_zh();

    // Demand section.
    let demand_section = has_demand.then(|| DemandSection {
        totals,
        tables: Dimension::ALL
            .iter()
            .map(|d| DemandTable {
                dimension: *d,
                title_zh: format!("按{}分布", d.name_zh()),
                rows: demand_by(demand.for_dimension(*d), *d),
            })
            .collect(),
        monthly: monthly_trend(&months),
    });
    let demand_note = if totals.unique_postings < 30 && has_demand {
        format!("本期去重岗位仅{}个，样本较少，分布仅供参考。", totals.unique_postings)
    } else {
        String::new()
    };

    // Supply section.
    let supply_section = (!supply_rows.is_empty() && supply_tot.graduates > 0)
        .then(|| SupplySection { totals: supply_tot, by_major: supply_rows.clone() });
    let supply_none_note = if input.supply.is_empty() {
        "暂无数据：尚无本区院校毕业去向数据。".to_string()
    } else if supply_rows.is_empty() {
        format!("暂无数据：{period_zh}前没有与本范围对口的毕业生数据。")
    } else {
        "暂无数据：毕业生人数为零。".to_string()
    };
    if supply_section.is_some() && supply_note.is_empty() {
        supply_note = format!("{}届毕业生，去向截至{}。", supply_tot.cohort, date_zh(input.snapshot_date));
    }

    // Gap section.
    let occ_gaps = gap_by_occupation(&demand, &skills, &supply_rows, &xw, rules);
    let major_gaps = gap_by_major(&demand.by_major, &supply_rows, &xw, rules.demand_basis);
    let anr = anr_rows(&apps);
    let mut star_counts = [0u64; 5];
    for g in &occ_gaps {
        if let Some(s) = &g.shortage {
            star_counts[(s.stars.clamp(1, 5) - 1) as usize] += 1;
        }
    }
    let gap_section = (!occ_gaps.is_empty() || !major_gaps.is_empty() || !anr.is_empty()).then(|| GapSection {
        by_occupation: occ_gaps.clone(),
        by_major: major_gaps.clone(),
        anr: anr.clone(),
        star_counts,
    });
    let rated = star_counts.iter().sum::<u64>();
    let gap_note = if gap_section.is_some() && rated == 0 {
        format!("各职业去重岗位均少于{}个，样本不足，未计算紧缺指数。", rules.shortage.min_unique_postings)
    } else if gap_section.is_some() && supply_section.is_none() {
        "本期无毕业生供给数据，缺口按需求全额计。".into()
    } else {
        String::new()
    };

    // Skills.
    let skill_rows = top_skills(&skills, &demand.by_education, rules.top_skills);

    // Recommendations.
    let recs = recommend(&supply_hist, &supply_rows, &major_gaps, &occ_gaps, rules);
    let rec_none = if supply_rows.is_empty() && occ_gaps.is_empty() {
        "暂无数据：没有岗位需求和毕业生数据，无法提出专业建议。"
    } else {
        "暂无建议：没有专业触发调整规则，也没有缺少对口专业的紧缺职业。"
    };

    // Summary.
    let top = top_short(&occ_gaps, rules.top_n);
    let demand_all: f64 = occ_gaps.iter().map(|g| g.demand).sum();
    let jr = jobs_ratio(demand_all, supply_tot.local_supply as f64);
    let in_short = star_counts[3] + star_counts[4];
    let mut headlines = Vec::new();
    if has_demand {
        headlines.push(format!(
            "{period_zh}{scope_zh}发布岗位{}个，去重后{}个（新增{}个），需求{}人。",
            totals.total_postings, totals.unique_postings, totals.new_postings, totals.headcount
        ));
    }
    if supply_tot.graduates > 0 {
        headlines.push(format!(
            "{}届对口毕业生{}人，毕业去向落实率{}，本地就业率{}。",
            supply_tot.cohort,
            supply_tot.graduates,
            pct(supply_tot.placement_rate),
            pct(supply_tot.local_retention_rate)
        ));
    }
    if let Some(x) = jr {
        headlines.push(format!("求人倍率{x:.2}。"));
    }
    if rated > 0 {
        headlines.push(format!("{rated}个职业评定紧缺指数，其中★4及以上{in_short}个。"));
    }
    let summary = (has_demand || supply_tot.graduates > 0).then(|| Summary {
        period_zh: period_zh.clone(),
        scope_zh: scope_zh.clone(),
        demand: totals,
        graduates: supply_tot.graduates,
        local_supply: supply_tot.local_supply,
        jobs_ratio: jr,
        occupations_with_demand: occ_gaps.len() as u64,
        occupations_in_shortage: in_short,
        top_short: top.clone(),
        headlines_zh: headlines,
    });

    let (start, end) = input.period.bounds().unzip();
    let method = Method {
        sources_zh: if input.sources_zh.is_empty() {
            vec!["职教平台岗位发布数据（经审核）".into(), "本区院校毕业生去向数据".into()]
        } else {
            input.sources_zh.clone()
        },
        dedup_window_days: input.dedup_window_days,
        snapshot_date: input.snapshot_date,
        snapshot_date_zh: date_zh(input.snapshot_date),
        period_zh: period_zh.clone(),
        period_start: start,
        period_end: end,
        scope_zh: scope_zh.clone(),
        chains: input.chains.clone(),
        formulas_zh: formulas(rules),
        rules: rules.clone(),
        crosswalk_zh: if input.crosswalk.is_some() {
            "专业—职业对照表：区教体局维护版本。".into()
        } else {
            "专业—职业对照表：职业教育专业简介（2022）与专业教学标准（2025）中的对应职业。".into()
        },
    };

    let no = |what: &str| format!("{NO_DATA_ZH}：{period_zh}{scope_zh}{what}");
    ReportOutput {
        title_zh: format!("淄博高新区{period_zh}产业人才需求信息报告（{scope_zh}）"),
        period: input.period,
        scope: scope.clone(),
        summary: Section::new("一、总体情况", summary, &no("没有岗位和毕业生数据。"), String::new()),
        demand: Section::new("二、岗位需求", demand_section, &no("没有发布岗位。"), demand_note),
        supply: Section::new("三、人才供给", supply_section, &supply_none_note, supply_note),
        gap: Section::new("四、供需缺口与紧缺指数", gap_section, &no("没有可比较的需求与供给。"), gap_note),
        skills: Section::new(
            "五、岗位技能需求",
            (!skill_rows.is_empty()).then_some(skill_rows),
            &no("岗位未标注技能要求。"),
            String::new(),
        ),
        recommendations: Section::new(
            "六、专业设置建议",
            (!recs.is_empty()).then_some(recs),
            rec_none,
            "以下建议为预警与参考，须经区教体局按专业设置管理程序研究决定。".into(),
        ),
        method: Section::new("七、方法说明", Some(method), "", String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(chain: &str, occ: &str, edu: &str, exp: &str, pay: &str, unique: u64) -> DemandCell {
        DemandCell {
            chain: chain.into(),
            industry_code: "3973".into(),
            occupation_code: occ.into(),
            education: edu.into(),
            experience: exp.into(),
            pay_band: pay.into(),
            total_postings: unique * 2,
            unique_postings: unique,
            new_postings: unique / 2,
            headcount: unique * 2,
            ..Default::default()
        }
    }

    fn s(cohort: i32, level: MajorLevel, code: &str, grads: u64, emp: u64, fs: u64, seek: u64, local: u64) -> SupplyCell {
        SupplyCell {
            cohort,
            level: Some(level),
            major_code: code.into(),
            graduates: grads,
            employed: emp,
            further_study: fs,
            seeking: seek,
            employed_local: local,
        }
    }

    fn input() -> ReportInput {
        ReportInput::empty(Period::Year(2026), Scope::Zone, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap())
    }

    fn all_json_finite(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
            serde_json::Value::Array(a) => a.iter().all(all_json_finite),
            serde_json::Value::Object(o) => o.values().all(all_json_finite),
            _ => true,
        }
    }

    #[test]
    fn periods() {
        let t = [
            (Period::Month(2026, 2), "2026年2月", (2026, 2, 1), (2026, 2, 28)),
            (Period::Month(2024, 12), "2024年12月", (2024, 12, 1), (2024, 12, 31)),
            (Period::Quarter(2026, 4), "2026年第4季度", (2026, 10, 1), (2026, 12, 31)),
            (Period::Quarter(2026, 1), "2026年第1季度", (2026, 1, 1), (2026, 3, 31)),
            (Period::Year(2026), "2026年", (2026, 1, 1), (2026, 12, 31)),
        ];
        for (p, label, a, b) in t {
            assert_eq!(p.label_zh(), label);
            let (s, e) = p.bounds().unwrap();
            assert_eq!(s, NaiveDate::from_ymd_opt(a.0, a.1, a.2).unwrap(), "{label}");
            assert_eq!(e, NaiveDate::from_ymd_opt(b.0, b.1, b.2).unwrap(), "{label}");
        }
        assert!(Period::Month(2026, 13).bounds().is_none());
        assert!(Period::Quarter(2026, 0).bounds().is_none());
        assert!(Period::Quarter(2026, 2).contains_month(2026, 6));
        assert!(!Period::Quarter(2026, 2).contains_month(2026, 7));
    }

    #[test]
    fn chain_of_longest_prefix() {
        let chains = vec![
            ChainDef { name: "智能制造".into(), industry_codes: vec!["34".into(), "35".into()] },
            ChainDef { name: "生物医药与医疗器械".into(), industry_codes: vec!["27".into(), "358".into()] },
        ];
        let t = [("3581", Some("生物医药与医疗器械")), ("3511", Some("智能制造")), ("2710", Some("生物医药与医疗器械")), ("3973", None), ("", None)];
        for (code, want) in t {
            assert_eq!(chain_of(&chains, code), want, "{code}");
        }
    }

    #[test]
    fn ratios_never_divide_by_zero() {
        let t: [(f64, f64, Option<f64>); 4] = [(10.0, 5.0, Some(2.0)), (0.0, 5.0, Some(0.0)), (3.0, 0.0, None), (0.0, 0.0, None)];
        for (a, b, want) in t {
            assert_eq!(jobs_ratio(a, b), want, "{a}/{b}");
        }
        let t = [(30, 40, Some(75.0)), (0, 10, Some(0.0)), (10, 0, None), (0, 0, None)];
        for (p, a, want) in t {
            assert_eq!(anr(p, a), want, "anr {p}/{a}");
        }
    }

    #[test]
    fn band_scores_and_stars() {
        let c = [0.8, 1.0, 1.5, 2.5];
        let t = [(0.0, 1.0), (0.79, 1.0), (0.8, 2.0), (1.2, 3.0), (1.5, 4.0), (2.5, 5.0), (100.0, 5.0)];
        for (x, want) in t {
            assert_eq!(band_score(x, &c), want, "{x}");
        }
        let sc = ShortageRules::default().star_cutoffs;
        for (x, want) in [(1.0, 1), (1.8, 2), (3.0, 3), (3.4, 4), (4.2, 5), (5.0, 5)] {
            assert_eq!(stars(x, &sc), want, "{x}");
        }
        assert_eq!(stars_zh(3), "★★★☆☆");
    }

    #[test]
    fn occupation_codes_cover_descendants_only() {
        let t = [
            ("6-14", "6-14-01-02", true),
            ("6-14", "6-14", true),
            ("6-14", "6-140-01", false),
            ("6-31-01-03", "6-31-01-03", true),
            ("6-31-01-03", "6-31-01-04", false),
            ("", "6-14", false),
        ];
        for (x, p, want) in t {
            assert_eq!(occupation_covers(x, p), want, "{x} {p}");
        }
    }

    #[test]
    fn bottom_share_table() {
        let rates: Vec<(u32, f64)> = (0..20).map(|i| (i, 0.5 + i as f64 * 0.02)).collect();
        assert_eq!(bottom_share(&rates, 0.10, 5), BTreeSet::from([0, 1]));
        // Ties with the cut-off are all in.
        let tied = vec![(1, 0.6), (2, 0.6), (3, 0.9), (4, 0.95), (5, 0.97)];
        assert_eq!(bottom_share(&tied, 0.10, 5), BTreeSet::from([1, 2]));
        // Too few peers: the rule does not apply.
        assert!(bottom_share(&tied[..4], 0.10, 5).is_empty());
        assert!(bottom_share::<u32>(&[], 0.10, 5).is_empty());
    }

    #[test]
    fn shortage_dimensions_are_shown() {
        let r = ShortageRules::default();
        let p = OccupationProfile {
            demand: 50.0,
            job_seekers: 10.0,
            unique_postings: 20,
            education: vec![("associate".into(), 20)],
            experience: vec![("1_3".into(), 10), ("none".into(), 10)],
            pay: vec![("5000_8000".into(), 20)],
            skill_mentions: 60,
            scope_mean_pay: Some(5000.0),
        };
        let s = shortage_score(&p, &r).unwrap();
        let scores: Vec<Option<f64>> = s.dims.iter().map(|d| d.score).collect();
        // ratio 5.0 → 5; edu 3.0 → 4; exp 2.0 → 3; skills 3/posting → 4; pay 6500/5000 = 1.3 → 5
        assert_eq!(scores, vec![Some(5.0), Some(4.0), Some(3.0), Some(4.0), Some(5.0)]);
        let want = 0.4 * 5.0 + 0.15 * 4.0 + 0.15 * 3.0 + 0.1 * 4.0 + 0.2 * 5.0;
        assert!((s.index - want).abs() < 1e-9);
        assert_eq!(s.stars, 5);
        // No seekers at all: the supply dimension scores 5 and says why.
        let s = shortage_score(&OccupationProfile { job_seekers: 0.0, ..p.clone() }, &r).unwrap();
        assert_eq!(s.dims[0].score, Some(5.0));
        assert_eq!(s.dims[0].raw_zh, "本地无对口供给");
        // Too few postings: no index.
        assert!(shortage_score(&OccupationProfile { unique_postings: 2, ..p.clone() }, &r).is_none());
        // Unknown pay and experience: left out of the mean, index still finite.
        let thin = OccupationProfile {
            experience: vec![("unknown".into(), 20)],
            pay: vec![("unknown".into(), 20)],
            scope_mean_pay: None,
            ..p
        };
        let s = shortage_score(&thin, &r).unwrap();
        assert_eq!(s.dims[2].score, None);
        assert_eq!(s.dims[4].score, None);
        assert_eq!(s.dims[4].raw_zh, NO_DATA_ZH);
        assert!(s.index.is_finite());
    }

    #[test]
    fn each_table_reads_the_projection_that_carries_its_dimension() {
        let mut cells = vec![
            d("新材料", "6-14-01-01", "secondary", "none", "3000_5000", 6),
            d("新材料", "6-14-01-01", "associate", "1_3", "5000_8000", 4),
            d("智能制造", "6-31-01-03", "secondary", "none", "3000_5000", 12),
            d("", "6-31-01-03", "", "ge5", "unknown", 3),
        ];
        cells[1].industry_code = "2651".into();
        cells[2].wanted_major_level = Some(MajorLevel::Secondary);
        cells[2].wanted_major_code = "660301".into();
        let slices = DemandSlices::from_cells(&cells);
        for dim in Dimension::ALL {
            assert_eq!(demand_by(slices.for_dimension(dim), dim), demand_by(&cells, dim), "{dim:?}");
        }
        assert_eq!(demand_totals(&slices.by_industry), demand_totals(&cells));
        assert!(slices.by_pay.iter().all(|c| c.education.is_empty() && c.industry_code.is_empty() && !c.pay_band.is_empty()));
        // Drafts stored before the projections held the full cells; they still read.
        let old = serde_json::to_string(&cells).unwrap();
        assert_eq!(serde_json::from_str::<DemandSlices>(&old).unwrap(), slices);
        let new = serde_json::to_string(&slices).unwrap();
        assert_eq!(serde_json::from_str::<DemandSlices>(&new).unwrap(), slices);
    }

    #[test]
    fn demand_by_dimension_and_shares() {
        let cells = vec![
            d("新材料", "6-14-01-01", "secondary", "none", "3000_5000", 6),
            d("新材料", "6-14-01-01", "associate", "1_3", "5000_8000", 4),
            d("智能制造", "6-31-01-03", "secondary", "none", "3000_5000", 12),
        ];
        let t = demand_totals(&cells);
        assert_eq!((t.total_postings, t.unique_postings, t.duplicates), (44, 22, 22));
        let by_chain = demand_by(&cells, Dimension::Chain);
        assert_eq!(by_chain.len(), 2);
        assert_eq!(by_chain[0].unique_postings, 12);
        let shares: f64 = by_chain.iter().filter_map(|r| r.share).sum();
        assert!((shares - 1.0).abs() < 1e-9);
        let by_edu = demand_by(&cells, Dimension::Education);
        assert_eq!(by_edu.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), vec!["secondary", "associate"]);
        assert_eq!(by_edu[0].label_zh, "中职及以上");
        let by_occ = demand_by(&cells, Dimension::Occupation);
        assert_eq!(by_occ[0].label_zh, "电工");
    }

    #[test]
    fn empty_input_says_no_data_everywhere() {
        let out = build_report(&input(), &ReportRules::default());
        assert!(out.summary.data.is_none() && out.summary.note_zh.contains(NO_DATA_ZH));
        assert!(out.demand.data.is_none() && out.demand.note_zh.contains(NO_DATA_ZH));
        assert!(out.supply.data.is_none() && out.supply.note_zh.contains(NO_DATA_ZH));
        assert!(out.gap.data.is_none() && out.gap.note_zh.contains(NO_DATA_ZH));
        assert!(out.skills.data.is_none() && out.skills.note_zh.contains(NO_DATA_ZH));
        assert!(out.recommendations.data.is_none() && out.recommendations.note_zh.contains(NO_DATA_ZH));
        assert!(out.method.data.is_some());
        let v = serde_json::to_value(&out).unwrap();
        assert!(all_json_finite(&v));
    }

    #[test]
    fn one_posting_no_graduates() {
        let mut i = input();
        let mut c = d("MEMS/电子信息", "6-25-04-05", "", "", "unknown", 1);
        c.total_postings = 1;
        c.headcount = 0;
        i.demand.push(c);
        let out = build_report(&i, &ReportRules::default());
        let dm = out.demand.data.as_ref().unwrap();
        assert_eq!(dm.totals.unique_postings, 1);
        assert!(out.demand.note_zh.contains("样本较少"));
        assert!(out.supply.data.is_none());
        let gap = out.gap.data.as_ref().unwrap();
        assert_eq!(gap.by_occupation.len(), 1);
        let g = &gap.by_occupation[0];
        // headcount 0 counts as one person; no supply → no ratio, and no index under 3 postings.
        assert_eq!(g.demand, 1.0);
        assert_eq!(g.jobs_ratio, None);
        assert!(g.shortage.is_none());
        assert!(out.gap.note_zh.contains("样本不足"));
        assert!(out.summary.data.as_ref().unwrap().top_short.is_empty());
        assert!(all_json_finite(&serde_json::to_value(&out).unwrap()));
    }

    #[test]
    fn zero_graduates_and_zero_applicants() {
        let mut i = input();
        i.supply.push(s(2026, MajorLevel::Secondary, "660301", 0, 0, 0, 0, 0));
        i.applications.push(ApplicationCell {
            chain: "智能制造".into(),
            kind: ApplicationKind::OrderClass,
            occupation_code: "6-31-01-03".into(),
            places_offered: 30,
            applicants: 0,
            admitted: 0,
        });
        let out = build_report(&i, &ReportRules::default());
        assert!(out.supply.data.is_none(), "zero graduates is no supply data");
        assert!(out.supply.note_zh.contains(NO_DATA_ZH));
        let gap = out.gap.data.as_ref().unwrap();
        assert_eq!(gap.anr[0].anr, None);
        assert_eq!(gap.anr[0].fill_rate, Some(0.0));
        assert_eq!(gap.by_major[0].ratio, None);
        assert!(all_json_finite(&serde_json::to_value(&out).unwrap()));
    }

    #[test]
    fn gap_and_jobs_ratio_through_the_crosswalk() {
        let mut i = input();
        i.crosswalk = Some(vec![
            CrosswalkLink { level: MajorLevel::Secondary, major_code: "660301".into(), occupation_codes: vec!["6-31-01".into()] },
            CrosswalkLink {
                level: MajorLevel::Secondary,
                major_code: "660302".into(),
                occupation_codes: vec!["6-31-01-03".into(), "6-29-03-02".into()],
            },
        ]);
        // 40 unique electricians (6-31-01-03), headcount 80; 10 installers (6-29-03-02).
        i.demand.push(d("智能制造", "6-31-01-03", "secondary", "none", "3000_5000", 40));
        i.demand.push(d("智能制造", "6-29-03-02", "secondary", "none", "3000_5000", 10));
        // 660301: local supply 20 + 10 = 30, all to 6-31-01-03 (its only demanded occupation).
        i.supply.push(s(2026, MajorLevel::Secondary, "660301", 50, 30, 10, 10, 20));
        // 660302: local supply 20, shared by its two demanded occupations (10 each).
        i.supply.push(s(2026, MajorLevel::Secondary, "660302", 30, 25, 0, 5, 15));
        let rules = ReportRules::default();
        let out = build_report(&i, &rules);
        let gap = out.gap.data.unwrap();
        let e = gap.by_occupation.iter().find(|g| g.occupation_code == "6-31-01-03").unwrap();
        assert_eq!(e.demand, 80.0);
        assert_eq!(e.local_supply, 40.0);
        assert_eq!(e.gap, 40.0);
        assert_eq!(e.jobs_ratio, Some(2.0));
        assert_eq!(e.supplying_majors.len(), 2);
        let inst = gap.by_occupation.iter().find(|g| g.occupation_code == "6-29-03-02").unwrap();
        assert_eq!((inst.demand, inst.local_supply), (20.0, 10.0));
        // Per major: 6-31-01-03 demand 80 shared by two majors; 6-29-03-02's 20 goes to 660302.
        let m1 = gap.by_major.iter().find(|m| m.major.code == "660301").unwrap();
        assert_eq!((m1.allocated_demand, m1.local_supply), (40.0, 30.0));
        let m2 = gap.by_major.iter().find(|m| m.major.code == "660302").unwrap();
        assert_eq!((m2.allocated_demand, m2.local_supply), (60.0, 20.0));
        assert_eq!(m2.ratio, Some(3.0));
        // Supply totals: 50 + 30 graduates; placement (30+10+25)/80.
        let sup = out.supply.data.unwrap();
        assert_eq!(sup.totals.graduates, 80);
        assert!((sup.totals.placement_rate.unwrap() - 65.0 / 80.0).abs() < 1e-9);
    }

    #[test]
    fn chain_scope_filters_demand_and_supply() {
        let mut i = input();
        i.scope = Scope::Chain("新材料".into());
        i.crosswalk = Some(vec![
            CrosswalkLink { level: MajorLevel::Secondary, major_code: "670204".into(), occupation_codes: vec!["6-14".into()] },
            CrosswalkLink { level: MajorLevel::Secondary, major_code: "660301".into(), occupation_codes: vec!["6-31-01".into()] },
        ]);
        i.demand.push(d("新材料", "6-14-02-01", "secondary", "none", "3000_5000", 5));
        i.demand.push(d("智能制造", "6-31-01-03", "secondary", "none", "3000_5000", 40));
        i.supply.push(s(2026, MajorLevel::Secondary, "670204", 40, 30, 5, 5, 20));
        i.supply.push(s(2026, MajorLevel::Secondary, "660301", 50, 30, 10, 10, 20));
        let out = build_report(&i, &ReportRules::default());
        assert_eq!(out.demand.data.as_ref().unwrap().totals.unique_postings, 5);
        let sup = out.supply.data.as_ref().unwrap();
        assert_eq!(sup.by_major.len(), 1);
        assert_eq!(sup.by_major[0].major.code, "670204");
        assert!(out.supply.note_zh.contains("新材料"));
        assert!(out.title_zh.contains("新材料产业链"));
    }

    fn cohort_rows(year: i32, low: &str) -> Vec<SupplyCell> {
        // Ten 中职 majors of the catalogue; `low` has the lowest placement rate.
        let codes = ["660301", "660302", "660303", "660103", "710102", "710103", "670204", "690101", "620501", "610101"];
        codes
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let emp = if *c == low { 20 } else { 80 + k as u64 };
                s(year, MajorLevel::Secondary, c, 100, emp, 5, 100 - emp - 5, emp / 2)
            })
            .collect()
    }

    #[test]
    fn recommendations_fire_with_evidence() {
        let rules = ReportRules::default();
        let mut i = input();
        i.crosswalk = Some(vec![
            CrosswalkLink { level: MajorLevel::Secondary, major_code: "660303".into(), occupation_codes: vec!["6-31-07".into()] },
            CrosswalkLink { level: MajorLevel::Secondary, major_code: "660301".into(), occupation_codes: vec!["6-31-01".into()] },
        ]);
        // Bottom 10% two cohorts running: 610101. Only one year low: 620501.
        i.supply.extend(cohort_rows(2025, "610101"));
        let mut y26 = cohort_rows(2026, "610101");
        y26.iter_mut().filter(|c| c.major_code == "620501").for_each(|c| c.employed = 21);
        i.supply.extend(y26);
        // Robots: huge demand for few graduates → expand.
        i.demand.push(d("智能制造", "6-31-07-01", "secondary", "1_3", "5000_8000", 200));
        // An occupation with no local major: 6-12-03-00 药物制剂工 → open.
        i.demand.push(d("生物医药与医疗器械", "6-12-03-00", "associate", "1_3", "5000_8000", 30));
        let recs = recommend_for(&i, &rules);
        let by = |code: &str| recs.iter().find(|r| r.major.as_ref().is_some_and(|m| m.code == code)).unwrap();
        let r = by("610101");
        assert_eq!(r.action, Action::Shrink);
        assert!(!r.suggestion, "the Fujian rule is sourced");
        assert!(r.evidence.iter().any(|f| f.label_zh == "2025届毕业去向落实率"));
        assert_ne!(by("620501").rule, "bottom_share_consecutive", "one low year is not two");
        assert_eq!(by("660303").action, Action::Expand);
        assert!(by("660303").suggestion);
        let open = recs.iter().find(|r| r.action == Action::Open).expect("open");
        assert_eq!(open.occupation_code.as_deref(), Some("6-12-03-00"));
        assert!(!open.candidates.is_empty(), "catalogue majors lead to 药物制剂工");
        assert!(open.candidates.iter().any(|m| m.name.contains("药")));
        // The most specific crosswalk entry first: 药物制剂技术 lists 6-12-03(-00) itself.
        let first = catalogue_majors_for("6-12-03-00");
        assert!(first[0].name.contains("药"), "{first:?}");
    }

    fn recommend_for(i: &ReportInput, rules: &ReportRules) -> Vec<Recommendation> {
        build_report(i, rules).recommendations.data.unwrap_or_default()
    }

    #[test]
    fn merge_small_major_into_sibling() {
        let rules = ReportRules::default();
        let mut i = input();
        i.crosswalk = Some(vec![]);
        // 660301 and 660302 are both in 6603 (机电设备类); 660302 is small and not in demand.
        i.supply.push(s(2026, MajorLevel::Secondary, "660301", 120, 90, 20, 10, 60));
        i.supply.push(s(2026, MajorLevel::Secondary, "660302", 12, 10, 1, 1, 5));
        let recs = recommend_for(&i, &rules);
        let r = recs.iter().find(|r| r.major.as_ref().unwrap().code == "660302").unwrap();
        assert_eq!(r.action, Action::Merge);
        assert_eq!(r.candidates[0].code, "660301");
        // 660301: no demand, supply 70 → shrink by ratio (a suggestion).
        let r = recs.iter().find(|r| r.major.as_ref().unwrap().code == "660301").unwrap();
        assert_eq!((r.action, r.suggestion), (Action::Shrink, true));
    }

    #[test]
    fn skills_ranked_per_occupation() {
        let demand = vec![d("智能制造", "6-31-01-03", "", "", "", 10)];
        let sk = |n: &str, p| SkillCell { chain: "智能制造".into(), occupation_code: "6-31-01-03".into(), skill: n.into(), postings: p };
        let skills = vec![sk("PLC", 8), sk("电工证", 9), sk("CAD", 3), sk(" ", 5), sk("PLC", 1)];
        let out = top_skills(&skills, &demand, 2);
        assert_eq!(out.len(), 1);
        let names: Vec<&str> = out[0].skills.iter().map(|s| s.skill.as_str()).collect();
        assert_eq!(names, vec!["PLC", "电工证"]);
        assert_eq!(out[0].skills[0].share, Some(0.9));
    }

    #[test]
    fn monthly_trend_sums_chains_in_order() {
        let m = |y, mo, c: &str, u| MonthCount { year: y, month: mo, chain: c.into(), total_postings: u * 2, unique_postings: u, new_postings: u };
        let rows = monthly_trend(&[m(2026, 2, "a", 5), m(2026, 1, "a", 3), m(2026, 1, "b", 4)]);
        assert_eq!(rows.iter().map(|r| (r.month, r.unique_postings)).collect::<Vec<_>>(), vec![(1, 7), (2, 5)]);
    }
}
