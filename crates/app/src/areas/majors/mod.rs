//! The district's majors (issue 10; seed measures 二 统筹专业设置调整, 七 专业群, 八 专业设置与区域
//! 产业发展精准对接 / 专业调整申报备案): the majors map with its warnings, specialty groups,
//! the yearly filing batch (申报备案) and the demand forecast.
//!
//! The rules are `zhijiao_domain::majors`; this module fills their input from the
//! database: offerings and yearly figures (own tables), 去向落实率 and 对口率 through the
//! destinations' formulas (`RateSet`, one place), demand through the talent report
//! (postings naming a major, ★ shortage index of the crosswalk's occupations).

pub mod api;
pub mod demo;
pub mod manage;
pub mod offerings;
pub mod pages;
pub mod pathways;

use crate::areas::destinations::{self, Rates};
use crate::areas::report;
use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{
    graduate_destination as gd, major_batch as batch, major_filing as filing, major_year_figure as fig, school_major,
    specialty_group as group,
};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role};
use chrono::Datelike;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use zhijiao_domain::catalog::{MajorLevel, catalogs};
use zhijiao_domain::employment::RateSet;
use zhijiao_domain::majors::MajorStatus;
use zhijiao_domain::majors::forecast::{self, Forecast};
use zhijiao_domain::majors::warnings::{self, District, Rule, Warning, WarningRules};
use zhijiao_domain::talent_report::{Period, Scope, catalogue_majors_for, occupation_covers};

// ---------------------------------------------------------------------------------------
// Command line

fn parse_district(text: &str) -> Result<District, String> {
    serde_json::from_str(text).map_err(|e| format!("输入文件不是有效的区域专业描述（JSON）：{e}"))
}

/// `zhijiao majors warnings FILE --format json`: `{"warnings":[…]}`.
pub fn warnings_json(text: &str) -> Result<String, String> {
    let d = parse_district(text)?;
    let ws = warnings::evaluate(&d, &WarningRules::default());
    serde_json::to_string_pretty(&serde_json::json!({ "warnings": ws })).map_err(|e| e.to_string())
}

/// The same as CSV: rule, school, major_code, evidence.
pub fn warnings_csv(text: &str) -> Result<String, String> {
    let d = parse_district(text)?;
    let mut w = csv_line(&["rule", "school", "major_code", "evidence"]);
    for x in warnings::evaluate(&d, &WarningRules::default()) {
        w.push_str(&csv_line(&[x.rule.key(), x.school.as_deref().unwrap_or(""), x.major_code.as_deref().unwrap_or(""), &x.evidence]));
    }
    Ok(w.trim_end().to_string())
}

fn csv_line(fields: &[&str]) -> String {
    let q: Vec<String> = fields.iter().map(|f| if f.contains([',', '"', '\n']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.to_string() }).collect();
    format!("{}\n", q.join(","))
}

// ---------------------------------------------------------------------------------------
// Who may do what

/// The map, the forecast and every filing: the district and its departments.
fn require_district_read(ctx: &Ctx) -> AppResult<&AuthUser> {
    ctx.require(Permission::OrgReadAll)
}

/// Opening batches and reviewing filings: the 教体中心 only.
fn require_district_manage(ctx: &Ctx) -> AppResult<&AuthUser> {
    ctx.require(Permission::OrgManage)
}

/// Filing: a vocational school's administrator, for the own school.
fn require_school_filer(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = ctx.user()?;
    if u.has_role(Role::SchoolAdmin) && u.org_kind == "vocational_school" { Ok(u) } else { Err(AppError::Forbidden) }
}

pub fn today() -> chrono::NaiveDate {
    report::today()
}

/// "2026年12月4日"
pub fn date_zh(d: chrono::NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn major_name(level: MajorLevel, code: &str) -> String {
    catalogs().major(level, code).map(|m| m.name.clone()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// The map

/// One cohort's figures of a major (district-wide or one school's).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CohortRates {
    pub year: i32,
    pub graduates: u32,
    pub placement_rate: Option<f64>,
    pub alignment_rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Cell {
    pub status: String,
    pub status_zh: String,
    pub on_roll: Option<i32>,
    /// The school's teachers and training rooms for the major (names as entered).
    pub teachers: Vec<String>,
    pub rooms: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MapRow {
    pub major_code: String,
    pub major_name: String,
    /// The industry chain the major serves (its specialty group's, or its catalogue class's).
    pub chain: String,
    /// One per school of [`MajorMap::schools`]; `None` where the school does not offer it.
    pub cells: Vec<Option<Cell>>,
    pub schools_enrolling: usize,
    /// (year, new students in the zone)
    pub enrolment: Vec<(i32, i64)>,
    pub cohorts: Vec<CohortRates>,
    /// Postings of the report year naming the major.
    pub postings: u64,
    /// Highest ★ among the occupations the crosswalk maps it to.
    pub stars: Option<u8>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WarningView {
    pub rule: String,
    pub rule_zh: String,
    pub precedent_zh: String,
    pub school: Option<String>,
    pub major_code: Option<String>,
    pub major_name: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupView {
    pub id: i64,
    pub school: String,
    pub name: String,
    pub chain: String,
    pub core: String,
    /// "660301 机电技术应用" of the related majors.
    pub members: Vec<String>,
    pub on_roll: i64,
    pub graduates: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChainCoverage {
    pub chain: String,
    pub groups: Vec<String>,
    pub on_roll: i64,
    pub graduates: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SchoolRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MajorMap {
    pub year: i32,
    pub level: String,
    pub rules_version: String,
    pub schools: Vec<SchoolRef>,
    pub rows: Vec<MapRow>,
    pub warnings: Vec<WarningView>,
    pub groups: Vec<GroupView>,
    pub chains: Vec<ChainCoverage>,
}

/// 去向落实率 and 对口率 per (school, major, cohort) at the 初次 snapshot, through the
/// destinations' formulas (`destinations::outcome` + `RateSet`).
async fn destination_rates<C: ConnectionTrait>(db: &C, level: MajorLevel) -> AppResult<BTreeMap<(i64, String, i32), Rates>> {
    let rows = gd::Entity::find()
        .filter(gd::Column::MajorLevel.eq(level.key()))
        .filter(gd::Column::Snapshot.eq("initial"))
        .all(db)
        .await?;
    let mut groups: BTreeMap<(i64, String, i32), Vec<zhijiao_domain::employment::GraduateOutcome>> = BTreeMap::new();
    for m in &rows {
        groups.entry((m.org_id, m.major_code.clone(), m.graduation_year)).or_default().push(destinations::outcome(m));
    }
    Ok(groups.into_iter().map(|(k, os)| (k, RateSet::from_outcomes(&os).into())).collect())
}

/// Demand per major of the report year: postings naming it, and the highest ★ of the
/// occupations the crosswalk (the district's, or the catalogue's) maps to it.
async fn demand<C: ConnectionTrait>(db: &C, level: MajorLevel, year: i32) -> AppResult<BTreeMap<String, (u64, Option<u8>)>> {
    let built = report::build_now(db, Period::Year(year), Scope::Zone).await?;
    let mut out: BTreeMap<String, (u64, Option<u8>)> = BTreeMap::new();
    let Some(gap) = built.output.gap.data.as_ref() else { return Ok(out) };
    for g in &gap.by_major {
        if g.major.level == level && g.explicit_demand > 0.0 {
            out.entry(g.major.code.clone()).or_default().0 += g.explicit_demand.round() as u64;
        }
    }
    for o in &gap.by_occupation {
        let Some(stars) = o.shortage.as_ref().map(|s| s.stars) else { continue };
        let majors: Vec<String> = match &built.input.crosswalk {
            Some(links) => links
                .iter()
                .filter(|l| l.level == level && l.occupation_codes.iter().any(|x| occupation_covers(x, &o.occupation_code)))
                .map(|l| l.major_code.clone())
                .collect(),
            None => catalogue_majors_for(&o.occupation_code).into_iter().filter(|m| m.level == level).map(|m| m.code).collect(),
        };
        for code in majors {
            let e = out.entry(code).or_default();
            e.1 = Ord::max(e.1, Some(stars));
        }
    }
    Ok(out)
}

/// What the year's report reads, in a few numbers: its rollups' row counts and sums, the
/// chains and the crosswalk, and the newest audit entry (every write the report depends on
/// is audited). Equal fingerprints mean the report's demand would be built the same.
async fn report_fingerprint<C: ConnectionTrait>(db: &C, year: i32) -> AppResult<Vec<i64>> {
    let period = report::period_key(Period::Year(year));
    // The period key is ours ("2026"), digits only.
    debug_assert!(period.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    let sum = |table: &str, expr: &str, filter: &str| format!("(SELECT CAST(COALESCE(SUM({expr}), 0) AS BIGINT) FROM {table}{filter})");
    let count = |table: &str, filter: &str| format!("(SELECT CAST(COUNT(*) AS BIGINT) FROM {table}{filter})");
    let by_period = format!(" WHERE period = '{period}'");
    let parts = [
        count(report::rollup::DEMAND_TABLE, &by_period),
        sum(report::rollup::DEMAND_TABLE, "total_postings + unique_postings + new_postings + headcount", &by_period),
        count(report::rollup::SKILL_TABLE, &by_period),
        sum(report::rollup::SKILL_TABLE, "postings", &by_period),
        count(report::rollup::APPLICATION_TABLE, &by_period),
        sum(report::rollup::APPLICATION_TABLE, "places_offered + applicants + admitted", &by_period),
        count(report::rollup::SUPPLY_TABLE, ""),
        sum(report::rollup::SUPPLY_TABLE, "graduates + employed + further_study + seeking + employed_local", ""),
        count("report_chains", ""),
        sum("report_chains", "id", ""),
        count("report_crosswalk", ""),
        sum("report_crosswalk", "id", ""),
        "(SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM audit_log)".to_string(),
    ];
    let sql = format!("SELECT {}", parts.iter().enumerate().map(|(i, p)| format!("{p} AS f{i}")).collect::<Vec<_>>().join(", "));
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await?;
    let Some(row) = row else { return Ok(Vec::new()) };
    (0..parts.len()).map(|i| Ok(row.try_get::<i64>("", &format!("f{i}"))?)).collect()
}

type DemandMap = BTreeMap<String, (u64, Option<u8>)>;

/// The demand per major, built once per report fingerprint (see [`report_fingerprint`])
/// and day rather than on every request: building the year's report reads and ranks every
/// rollup row.
static DEMAND_CACHE: std::sync::OnceLock<std::sync::Mutex<BTreeMap<(String, i32, chrono::NaiveDate, Vec<i64>), DemandMap>>> = std::sync::OnceLock::new();

async fn demand_cached<C: ConnectionTrait>(db: &C, level: MajorLevel, year: i32) -> AppResult<DemandMap> {
    let key = (level.key().to_string(), year, today(), report_fingerprint(db, year).await?);
    let cache = DEMAND_CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(hit.clone());
    }
    let fresh = demand(db, level, year).await?;
    let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
    if c.len() >= 64 {
        c.clear();
    }
    c.insert(key, fresh.clone());
    Ok(fresh)
}

/// Entries in the demand cache (tests: a second map of the same data adds none).
pub fn demand_cache_len() -> usize {
    DEMAND_CACHE.get().map(|c| c.lock().unwrap_or_else(|e| e.into_inner()).len()).unwrap_or(0)
}

/// The yearly figures of one school's major.
fn figs<'a>(figures: &'a [fig::Model], org: i64, code: &'a str) -> impl Iterator<Item = &'a fig::Model> + 'a {
    figures.iter().filter(move |f| f.org_id == org && f.major_code == code)
}

fn chain_of_class(code: &str) -> Option<&'static str> {
    crate::areas::policy::kpi::CHAIN_CLASSES.iter().find(|(k, _, _)| code.starts_with(k)).map(|(_, _, c)| *c)
}

/// Everything the map, the filings' evidence and the dashboard read, for one level and
/// year. No access check: the callers check.
pub async fn build<C: ConnectionTrait>(db: &C, level: MajorLevel, year: i32) -> AppResult<MajorMap> {
    let offerings = school_major::Entity::find()
        .filter(school_major::Column::Level.eq(level.key()))
        .order_by_asc(school_major::Column::MajorCode)
        .all(db)
        .await?;
    let figures = fig::Entity::find().filter(fig::Column::Level.eq(level.key())).all(db).await?;
    let groups = group::Entity::find().order_by_asc(group::Column::Id).all(db).await?;
    let rates = destination_rates(db, level).await?;
    let demand = demand_cached(db, level, year).await?;
    let chains = report::chains(db).await?;
    let (rules, _) = manage::current_rules(db).await?;
    let resources = manage::resources_by_major(db, level).await?;

    let school_ids: BTreeSet<i64> = offerings.iter().filter(|o| o.status != MajorStatus::Withdrawn.key()).map(|o| o.org_id).collect();
    let names = crate::areas::orgs::names(db, school_ids.iter().copied()).await?;
    let mut schools: Vec<SchoolRef> = school_ids.iter().map(|id| SchoolRef { id: *id, name: names.get(id).cloned().unwrap_or_default() }).collect();
    schools.sort_by(|a, b| a.name.cmp(&b.name));
    let name_of = |id: i64| names.get(&id).cloned().unwrap_or_default();

    let status = |o: &school_major::Model| MajorStatus::parse(&o.status).unwrap_or(MajorStatus::Enrolling);

    // The rules' input.
    let district = District {
        year,
        level: level.key().into(),
        schools: schools
            .iter()
            .map(|s| warnings::School {
                name: s.name.clone(),
                majors: offerings
                    .iter()
                    .filter(|o| o.org_id == s.id)
                    .map(|o| warnings::Offering {
                        code: o.major_code.clone(),
                        status: status(o),
                        enrolment: figs(&figures, o.org_id, &o.major_code).map(|f| (f.year, Ord::max(f.enrolment, 0) as u32)).collect(),
                        on_roll: figs(&figures, o.org_id, &o.major_code).filter(|f| f.year <= year).max_by_key(|f| f.year).map(|f| Ord::max(f.on_roll, 0) as u32),
                        destination_rate: rates
                            .iter()
                            .filter(|((org, code, _), _)| *org == o.org_id && *code == o.major_code)
                            .filter_map(|((_, _, y), r)| r.placement_rate.map(|p| (*y, p)))
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        demand: demand.iter().map(|(code, (p, s))| warnings::Demand { major_code: code.clone(), postings: *p, stars: *s }).collect(),
        chains: chains.iter().map(|c| warnings::Chain { name: c.name.clone(), served_by_groups: groups.iter().any(|g| g.chain == c.name) }).collect(),
    };
    let found: Vec<Warning> = warnings::evaluate(&district, &rules);

    // Rows: every major offered (not withdrawn) or in demand without a school.
    let mut codes: BTreeSet<String> = offerings.iter().filter(|o| status(o) != MajorStatus::Withdrawn).map(|o| o.major_code.clone()).collect();
    codes.extend(found.iter().filter(|w| w.rule == Rule::Shortage).filter_map(|w| w.major_code.clone()));
    let rows = codes
        .iter()
        .map(|code| {
            let cells = schools
                .iter()
                .map(|s| {
                    offerings.iter().find(|o| o.org_id == s.id && &o.major_code == code).map(|o| {
                        let r = resources.get(&(o.org_id, code.clone())).cloned().unwrap_or_default();
                        Cell {
                            status: status(o).key().into(),
                            status_zh: status(o).name_zh().into(),
                            on_roll: figs(&figures, o.org_id, code).filter(|f| f.year <= year).max_by_key(|f| f.year).map(|f| f.on_roll),
                            teachers: r.teachers,
                            rooms: r.rooms,
                        }
                    })
                })
                .collect::<Vec<_>>();
            let mut enrolment: BTreeMap<i32, i64> = BTreeMap::new();
            for f in figures.iter().filter(|f| &f.major_code == code) {
                *enrolment.entry(f.year).or_default() += i64::from(f.enrolment);
            }
            // District-wide rates per cohort: the same formulas over the major's rows.
            let mut per_year: BTreeMap<i32, Vec<&Rates>> = BTreeMap::new();
            for ((_, c, y), r) in &rates {
                if c == code {
                    per_year.entry(*y).or_default().push(r);
                }
            }
            let cohorts = per_year
                .into_iter()
                .map(|(y, rs)| {
                    let (placed, grads, aligned, employed) =
                        rs.iter().fold((0, 0, 0, 0), |a, r| (a.0 + r.placed, a.1 + r.graduates, a.2 + r.aligned, a.3 + r.employed));
                    CohortRates {
                        year: y,
                        graduates: grads,
                        placement_rate: zhijiao_domain::employment::ratio(placed, grads),
                        alignment_rate: zhijiao_domain::employment::ratio(aligned, employed),
                    }
                })
                .collect();
            let group_chain = offerings
                .iter()
                .filter(|o| &o.major_code == code)
                .filter_map(|o| o.group_id)
                .filter_map(|gid| groups.iter().find(|g| g.id == gid))
                .map(|g| g.chain.clone())
                .next();
            let (postings, stars) = demand.get(code).copied().unwrap_or((0, None));
            MapRow {
                major_code: code.clone(),
                major_name: major_name(level, code),
                chain: group_chain.or_else(|| chain_of_class(code).map(String::from)).unwrap_or_default(),
                schools_enrolling: cells.iter().flatten().filter(|c| c.status == MajorStatus::Enrolling.key()).count(),
                cells,
                enrolment: enrolment.into_iter().collect(),
                cohorts,
                postings,
                stars,
                warnings: found.iter().filter(|w| w.major_code.as_deref() == Some(code.as_str())).map(|w| w.rule.name_zh().to_string()).collect(),
            }
        })
        .collect();

    let latest = |org: i64, code: &str| figs(&figures, org, code).filter(|f| f.year <= year).max_by_key(|f| f.year).cloned();
    let group_views: Vec<GroupView> = groups
        .iter()
        .map(|g| {
            let members: Vec<&school_major::Model> = offerings.iter().filter(|o| o.group_id == Some(g.id)).collect();
            let (on_roll, graduates) = members.iter().filter_map(|o| latest(o.org_id, &o.major_code)).fold((0i64, 0i64), |a, f| (a.0 + i64::from(f.on_roll), a.1 + i64::from(f.graduates)));
            GroupView {
                id: g.id,
                school: name_of(g.org_id),
                name: g.name.clone(),
                chain: g.chain.clone(),
                core: format!("{} {}", g.core_major_code, major_name(level, &g.core_major_code)),
                members: members.iter().map(|o| format!("{} {}", o.major_code, o.major_name)).collect(),
                on_roll,
                graduates,
            }
        })
        .collect();
    let chain_views = chains
        .iter()
        .map(|c| {
            let gs: Vec<&GroupView> = group_views.iter().filter(|g| g.chain == c.name).collect();
            ChainCoverage {
                chain: c.name.clone(),
                groups: gs.iter().map(|g| format!("{}·{}", g.school, g.name)).collect(),
                on_roll: gs.iter().map(|g| g.on_roll).sum(),
                graduates: gs.iter().map(|g| g.graduates).sum(),
            }
        })
        .collect();
    let warnings = found
        .into_iter()
        .map(|w| WarningView {
            rule: w.rule.key().into(),
            rule_zh: w.rule.name_zh().into(),
            precedent_zh: w.rule.precedent_zh().into(),
            major_name: w.major_code.as_deref().map(|c| major_name(level, c)).unwrap_or_default(),
            school: w.school,
            major_code: w.major_code,
            evidence: w.evidence,
        })
        .collect();
    Ok(MajorMap {
        year,
        level: level.key().into(),
        rules_version: rules.version.clone(),
        schools,
        rows,
        warnings,
        groups: group_views,
        chains: chain_views,
    })
}

pub fn parse_level(s: Option<&str>) -> AppResult<MajorLevel> {
    match s.filter(|s| !s.is_empty()) {
        None => Ok(MajorLevel::Secondary),
        Some(s) => MajorLevel::parse(s).ok_or_else(|| AppError::BadRequest(format!("层次“{s}”无效，应为 secondary、associate 或 bachelor"))),
    }
}

/// The map of a level for the district's readers.
pub async fn map(db: &DatabaseConnection, ctx: &Ctx, level: MajorLevel) -> AppResult<MajorMap> {
    require_district_read(ctx)?;
    build(db, level, today().year()).await
}

// ---------------------------------------------------------------------------------------
// Dashboard figures (measures 二, 七, 八)

/// Warnings on the secondary majors now.
pub async fn warning_count<C: ConnectionTrait>(db: &C) -> AppResult<Option<f64>> {
    if school_major::Entity::find().count(db).await? == 0 {
        return Ok(None);
    }
    Ok(Some(build(db, MajorLevel::Secondary, today().year()).await?.warnings.len() as f64))
}

/// Specialty groups serving one of the zone's lead chains.
pub async fn groups_serving_chains<C: ConnectionTrait>(db: &C) -> AppResult<Option<f64>> {
    let chains: BTreeSet<String> = report::chains(db).await?.into_iter().map(|c| c.name).collect();
    let gs = group::Entity::find().all(db).await?;
    Ok(Some(gs.iter().filter(|g| chains.contains(&g.chain)).count() as f64))
}

/// Filings approved (备案) this year.
pub async fn filings_approved_this_year<C: ConnectionTrait>(db: &C) -> AppResult<Option<f64>> {
    let y = today().year();
    let from = chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default();
    let to = chrono::NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default();
    let n = filing::Entity::find()
        .filter(filing::Column::Status.eq(FilingStatus::Approved.key()))
        .filter(filing::Column::RecordDate.between(from, to))
        .count(db)
        .await?;
    Ok(Some(n as f64))
}

// ---------------------------------------------------------------------------------------
// 专业调整申报备案

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FilingKind {
    New,
    Adjust,
    Rename,
    Suspend,
    Withdraw,
}

impl FilingKind {
    pub const ALL: [FilingKind; 5] = [FilingKind::New, FilingKind::Adjust, FilingKind::Rename, FilingKind::Suspend, FilingKind::Withdraw];
    pub fn key(self) -> &'static str {
        match self {
            FilingKind::New => "new",
            FilingKind::Adjust => "adjust",
            FilingKind::Rename => "rename",
            FilingKind::Suspend => "suspend",
            FilingKind::Withdraw => "withdraw",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == s)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            FilingKind::New => "新设",
            FilingKind::Adjust => "调整",
            FilingKind::Rename => "更名",
            FilingKind::Suspend => "停招",
            FilingKind::Withdraw => "撤销",
        }
    }
    /// 新设 and 调整 must show the 第九条 conditions.
    pub fn needs_conditions(self) -> bool {
        matches!(self, FilingKind::New | FilingKind::Adjust)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FilingStatus {
    Submitted,
    Returned,
    Approved,
}

impl FilingStatus {
    pub fn key(self) -> &'static str {
        match self {
            FilingStatus::Submitted => "submitted",
            FilingStatus::Returned => "returned",
            FilingStatus::Approved => "approved",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [FilingStatus::Submitted, FilingStatus::Returned, FilingStatus::Approved].into_iter().find(|k| k.key() == s)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            FilingStatus::Submitted => "待审核",
            FilingStatus::Returned => "退回修改",
            FilingStatus::Approved => "已备案",
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BatchView {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub open: bool,
}

fn batch_view(b: batch::Model) -> BatchView {
    BatchView { id: b.id, year: b.year, open: b.status == "open", title: b.title }
}

pub async fn open_batch<C: ConnectionTrait>(db: &C) -> AppResult<Option<BatchView>> {
    Ok(batch::Entity::find().filter(batch::Column::Status.eq("open")).order_by_desc(batch::Column::Year).one(db).await?.map(batch_view))
}

pub async fn batches<C: ConnectionTrait>(db: &C) -> AppResult<Vec<BatchView>> {
    Ok(batch::Entity::find().order_by_desc(batch::Column::Year).all(db).await?.into_iter().map(batch_view).collect())
}

/// Text from a form: trimmed, no control characters (line breaks allowed), at most `max` characters.
fn clean_text(field: &str, label: &str, raw: &str, max: usize, required: bool, errors: &mut Vec<FieldError>) -> String {
    let t = raw.trim().replace("\r\n", "\n");
    if t.chars().any(|c| c.is_control() && c != '\n') {
        errors.push(FieldError::new(field, format!("{label}含有不可见的控制字符")));
    } else if t.chars().count() > max {
        errors.push(FieldError::new(field, format!("{label}不能超过 {max} 字")));
    } else if required && t.is_empty() {
        errors.push(FieldError::new(field, format!("请填写{label}")));
    }
    t
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct BatchInput {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub title: String,
}

/// The district opens the yearly batch (one per year; any other open batch closes).
pub async fn create_batch(db: &DatabaseConnection, ctx: &Ctx, input: &BatchInput) -> AppResult<BatchView> {
    let u = require_district_manage(ctx)?;
    let mut errors = Vec::new();
    let year = match input.year.trim().parse::<i32>() {
        Ok(y) if (2020..=2100).contains(&y) => y,
        _ => {
            errors.push(FieldError::new("year", "年度应为 2020—2100 之间的年份"));
            0
        }
    };
    let title = clean_text("title", "批次名称", &input.title, 100, true, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let tx = db.begin().await?;
    batch::Entity::update_many().col_expr(batch::Column::Status, Expr::value("closed")).filter(batch::Column::Status.eq("open")).exec(&tx).await?;
    let m = batch::ActiveModel {
        year: Set(year),
        title: Set(title),
        status: Set("open".into()),
        created_by: Set(Some(u.id)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await
    .map_err(|e| AppError::on_unique(e, "该年度的申报批次已经存在"))?;
    audit::record(&tx, ctx, Entry::new("open", "major_batch", m.id, format!("开启{}年度专业调整申报备案批次：{}", m.year, m.title)).after(&m)).await?;
    tx.commit().await?;
    Ok(batch_view(m))
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct FilingInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub major_code: String,
    #[serde(default)]
    pub new_major_name: String,
    #[serde(default)]
    pub length_years: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub teaching_plan: String,
    #[serde(default)]
    pub teachers: String,
    #[serde(default)]
    pub facilities: String,
    #[serde(default)]
    pub partners: String,
}

struct CheckedFiling {
    kind: FilingKind,
    major_code: String,
    major_name: String,
    new_major_name: Option<String>,
    length_years: i32,
    reason: String,
    teaching_plan: String,
    teachers: String,
    facilities: String,
    partners: String,
}

/// The 第九条 items: (field, label).
pub const CONDITIONS: [(&str, &str); 4] = [
    ("teaching_plan", "实施性教学计划"),
    ("teachers", "专任教师、实习指导教师和行业企业兼职教师"),
    ("facilities", "经费、校舍、仪器设备、实习实训场所和图书资料"),
    ("partners", "合作企业"),
];

async fn check_filing<C: ConnectionTrait>(db: &C, org_id: i64, input: &FilingInput) -> AppResult<CheckedFiling> {
    let level = MajorLevel::Secondary;
    let mut errors = Vec::new();
    let kind = FilingKind::parse(input.kind.trim());
    if kind.is_none() {
        errors.push(FieldError::new("kind", "请选择申报类型（新设、调整、更名、停招或撤销）"));
    }
    let code = input.major_code.trim().to_string();
    let name = catalogs().major(level, &code).map(|m| m.name.clone());
    if name.is_none() {
        errors.push(FieldError::new("major_code", "请从《职业教育专业目录（2021年）》中职专业中选择专业"));
    }
    let existing = school_major::Entity::find()
        .filter(school_major::Column::OrgId.eq(org_id))
        .filter(school_major::Column::Level.eq(level.key()))
        .filter(school_major::Column::MajorCode.eq(&code))
        .one(db)
        .await?;
    let live = existing.as_ref().is_some_and(|m| m.status != MajorStatus::Withdrawn.key());
    match kind {
        Some(FilingKind::New) if live => errors.push(FieldError::new("major_code", "本校已开设该专业，不能再申报新设")),
        Some(k) if k != FilingKind::New && !live && name.is_some() => {
            errors.push(FieldError::new("major_code", format!("本校未开设该专业，不能申报{}", k.name_zh())))
        }
        _ => {}
    }
    let length_years = match input.length_years.trim() {
        "" => existing.as_ref().map(|m| m.length_years).unwrap_or(3),
        s => match s.parse::<i32>() {
            Ok(n) if (2..=5).contains(&n) => n,
            _ => {
                errors.push(FieldError::new("length_years", "学制应为 2—5 年"));
                3
            }
        },
    };
    let new_name = clean_text("new_major_name", "更名后的专业名称", &input.new_major_name, 50, kind == Some(FilingKind::Rename), &mut errors);
    let reason = clean_text("reason", "申报理由", &input.reason, 2000, true, &mut errors);
    let needs = kind.is_some_and(FilingKind::needs_conditions);
    let [plan, teachers, facilities, partners] = CONDITIONS.map(|(field, label)| {
        let raw = match field {
            "teaching_plan" => &input.teaching_plan,
            "teachers" => &input.teachers,
            "facilities" => &input.facilities,
            _ => &input.partners,
        };
        clean_text(field, label, raw, 2000, needs, &mut errors)
    });
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(CheckedFiling {
        kind: kind.unwrap_or(FilingKind::New),
        major_code: code,
        major_name: name.unwrap_or_default(),
        new_major_name: Some(new_name).filter(|s| !s.is_empty()),
        length_years,
        reason,
        teaching_plan: plan,
        teachers,
        facilities,
        partners,
    })
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FilingView {
    pub id: i64,
    pub batch_year: i32,
    pub org_id: i64,
    pub school: String,
    pub kind: String,
    pub kind_zh: String,
    pub major_code: String,
    pub major_name: String,
    pub new_major_name: Option<String>,
    pub length_years: i32,
    pub reason: String,
    pub teaching_plan: String,
    pub teachers: String,
    pub facilities: String,
    pub partners: String,
    pub status: String,
    pub status_zh: String,
    pub review_comment: Option<String>,
    pub record_no: Option<String>,
    /// 2026年12月4日
    pub record_date: Option<String>,
    pub submitted_at: String,
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<filing::Model>) -> AppResult<Vec<FilingView>> {
    let names = crate::areas::orgs::names(db, rows.iter().map(|r| r.org_id)).await?;
    let years: BTreeMap<i64, i32> = batch::Entity::find().all(db).await?.into_iter().map(|b| (b.id, b.year)).collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let kind = FilingKind::parse(&r.kind).unwrap_or(FilingKind::New);
            let status = FilingStatus::parse(&r.status).unwrap_or(FilingStatus::Submitted);
            FilingView {
                id: r.id,
                batch_year: years.get(&r.batch_id).copied().unwrap_or_default(),
                school: names.get(&r.org_id).cloned().unwrap_or_default(),
                org_id: r.org_id,
                kind: kind.key().into(),
                kind_zh: kind.name_zh().into(),
                major_code: r.major_code,
                major_name: r.major_name,
                new_major_name: r.new_major_name,
                length_years: r.length_years,
                reason: r.reason,
                teaching_plan: r.teaching_plan,
                teachers: r.teachers,
                facilities: r.facilities,
                partners: r.partners,
                status: status.key().into(),
                status_zh: status.name_zh().into(),
                review_comment: r.review_comment,
                record_no: r.record_no,
                record_date: r.record_date.map(date_zh),
                submitted_at: date_zh(r.updated_at.date_naive()),
            }
        })
        .collect())
}

/// Filings the reader may see: the district all, a school its own.
pub async fn filings(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<FilingView>> {
    let u = ctx.user()?;
    let mut q = filing::Entity::find().order_by_desc(filing::Column::Id);
    if !u.can(Permission::OrgReadAll) {
        require_school_filer(ctx)?;
        q = q.filter(filing::Column::OrgId.eq(u.org_id));
    }
    views(db, q.all(db).await?).await
}

async fn find_visible(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<filing::Model> {
    let u = ctx.user()?;
    let m = filing::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if u.can(Permission::OrgReadAll) {
        return Ok(m);
    }
    require_school_filer(ctx)?;
    // Another school's filing does not exist for this reader.
    if m.org_id != u.org_id { Err(AppError::NotFound) } else { Ok(m) }
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<FilingView> {
    let m = find_visible(db, ctx, id).await?;
    Ok(views(db, vec![m]).await?.remove(0))
}

/// A school files in the open batch.
pub async fn create_filing(db: &DatabaseConnection, ctx: &Ctx, input: &FilingInput) -> AppResult<FilingView> {
    let u = require_school_filer(ctx)?;
    let Some(b) = open_batch(db).await? else {
        return Err(AppError::Conflict("区教体中心尚未开启本年度专业调整申报批次".into()));
    };
    let c = check_filing(db, u.org_id, input).await?;
    let now = chrono::Utc::now();
    let tx = db.begin().await?;
    let m = filing::ActiveModel {
        batch_id: Set(b.id),
        org_id: Set(u.org_id),
        kind: Set(c.kind.key().into()),
        level: Set(MajorLevel::Secondary.key().into()),
        major_code: Set(c.major_code),
        major_name: Set(c.major_name),
        new_major_name: Set(c.new_major_name),
        length_years: Set(c.length_years),
        reason: Set(c.reason),
        teaching_plan: Set(c.teaching_plan),
        teachers: Set(c.teachers),
        facilities: Set(c.facilities),
        partners: Set(c.partners),
        status: Set(FilingStatus::Submitted.key().into()),
        submitted_by: Set(Some(u.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("file", "major_filing", m.id, format!("申报{}专业 {} {}", c.kind.name_zh(), m.major_code, m.major_name)).after(&m))
        .await?;
    tx.commit().await?;
    Ok(views(db, vec![m]).await?.remove(0))
}

/// The school revises a returned filing and submits it again.
pub async fn resubmit(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &FilingInput) -> AppResult<FilingView> {
    let u = require_school_filer(ctx)?.clone();
    let before = find_visible(db, ctx, id).await?;
    if before.org_id != u.org_id {
        return Err(AppError::NotFound);
    }
    if before.status != FilingStatus::Returned.key() {
        return Err(AppError::Conflict("只有退回修改的申报可以重新提交".into()));
    }
    let c = check_filing(db, u.org_id, input).await?;
    let tx = db.begin().await?;
    let mut am: filing::ActiveModel = before.clone().into();
    am.kind = Set(c.kind.key().into());
    am.major_code = Set(c.major_code);
    am.major_name = Set(c.major_name);
    am.new_major_name = Set(c.new_major_name);
    am.length_years = Set(c.length_years);
    am.reason = Set(c.reason);
    am.teaching_plan = Set(c.teaching_plan);
    am.teachers = Set(c.teachers);
    am.facilities = Set(c.facilities);
    am.partners = Set(c.partners);
    am.status = Set(FilingStatus::Submitted.key().into());
    am.updated_at = Set(chrono::Utc::now());
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("resubmit", "major_filing", m.id, format!("修改后重新提交申报 {} {}", m.major_code, m.major_name)).before(&before).after(&m))
        .await?;
    tx.commit().await?;
    Ok(views(db, vec![m]).await?.remove(0))
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ReviewInput {
    /// approve | return
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub comment: String,
}

/// The district approves (备案: number and date, and the school's offering changes) or
/// returns a submitted filing with its comment.
pub async fn review(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &ReviewInput) -> AppResult<FilingView> {
    let u = require_district_manage(ctx)?.clone();
    let mut errors = Vec::new();
    let approve = match input.action.as_str() {
        "approve" => true,
        "return" => false,
        _ => {
            errors.push(FieldError::new("action", "请选择审核结果（同意备案或退回修改）"));
            false
        }
    };
    let comment = clean_text("comment", "审核意见", &input.comment, 1000, !approve, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let tx = db.begin().await?;
    let before = filing::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if before.status != FilingStatus::Submitted.key() {
        return Err(AppError::Conflict("该申报不在待审核状态".into()));
    }
    let year = batch::Entity::find_by_id(before.batch_id).one(&tx).await?.map(|b| b.year).unwrap_or_else(|| today().year());
    let mut am: filing::ActiveModel = before.clone().into();
    am.review_comment = Set(Some(comment).filter(|c| !c.is_empty()));
    am.reviewed_by = Set(Some(u.id));
    am.updated_at = Set(chrono::Utc::now());
    if approve {
        let n = filing::Entity::find()
            .filter(filing::Column::Status.eq(FilingStatus::Approved.key()))
            .filter(filing::Column::BatchId.eq(before.batch_id))
            .count(&tx)
            .await?;
        am.status = Set(FilingStatus::Approved.key().into());
        am.record_no = Set(Some(format!("高新教体专备〔{year}〕{}号", n + 1)));
        am.record_date = Set(Some(today()));
    } else {
        am.status = Set(FilingStatus::Returned.key().into());
    }
    let m = am.update(&tx).await?;
    if approve {
        apply_to_offering(&tx, ctx, &m, year).await?;
    }
    // The evidence beside the filing was computed with the rules in force now: the entry names them.
    let (rules_now, _) = manage::current_rules(&tx).await?;
    let summary = if approve {
        format!("同意备案 {} {}（{}；预警{}）", m.major_code, m.major_name, m.record_no.clone().unwrap_or_default(), rules_now.version)
    } else {
        format!("退回修改 {} {}（预警{}）", m.major_code, m.major_name, rules_now.version)
    };
    audit::record(&tx, ctx, Entry::new(if approve { "approve" } else { "return" }, "major_filing", m.id, summary).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(views(db, vec![m]).await?.remove(0))
}

/// What an approved filing does to the school's offering.
async fn apply_to_offering<C: ConnectionTrait>(db: &C, ctx: &Ctx, f: &filing::Model, year: i32) -> AppResult<()> {
    let kind = FilingKind::parse(&f.kind).unwrap_or(FilingKind::New);
    let existing = school_major::Entity::find()
        .filter(school_major::Column::OrgId.eq(f.org_id))
        .filter(school_major::Column::Level.eq(&f.level))
        .filter(school_major::Column::MajorCode.eq(&f.major_code))
        .one(db)
        .await?;
    let after = match (kind, existing.clone()) {
        (FilingKind::New, None) => {
            school_major::ActiveModel {
                org_id: Set(f.org_id),
                level: Set(f.level.clone()),
                major_code: Set(f.major_code.clone()),
                major_name: Set(f.major_name.clone()),
                start_year: Set(Some(year)),
                status: Set(MajorStatus::Enrolling.key().into()),
                length_years: Set(f.length_years),
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
        (_, None) => return Ok(()),
        (k, Some(m)) => {
            let mut am: school_major::ActiveModel = m.into();
            match k {
                FilingKind::New => {
                    am.status = Set(MajorStatus::Enrolling.key().into());
                    am.start_year = Set(Some(year));
                    am.length_years = Set(f.length_years);
                }
                FilingKind::Adjust => am.length_years = Set(f.length_years),
                FilingKind::Rename => am.major_name = Set(f.new_major_name.clone().unwrap_or_else(|| f.major_name.clone())),
                FilingKind::Suspend => am.status = Set(MajorStatus::Suspended.key().into()),
                FilingKind::Withdraw => am.status = Set(MajorStatus::Withdrawn.key().into()),
            }
            am.update(db).await?
        }
    };
    let mut e = Entry::new("update", "school_major", after.id, format!("按备案{}专业 {} {}", kind.name_zh(), after.major_code, after.major_name)).after(&after);
    if let Some(b) = &existing {
        e = e.before(b);
    }
    audit::record(db, ctx, e).await
}

/// The public list of filed (备案) majors, newest first.
pub async fn records<C: ConnectionTrait>(db: &C) -> AppResult<Vec<FilingView>> {
    let rows = filing::Entity::find().filter(filing::Column::Status.eq(FilingStatus::Approved.key())).order_by_desc(filing::Column::RecordDate).order_by_desc(filing::Column::Id).all(db).await?;
    views(db, rows).await
}

/// What the platform holds about a filed major (shown beside the filing).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Evidence {
    pub postings: u64,
    pub stars: Option<u8>,
    pub warnings: Vec<WarningView>,
    /// Other schools offering the major, with its status there.
    pub neighbours: Vec<String>,
    pub cohorts: Vec<CohortRates>,
}

pub async fn evidence(db: &DatabaseConnection, ctx: &Ctx, f: &FilingView) -> AppResult<Evidence> {
    find_visible(db, ctx, f.id).await?;
    let map = build(db, MajorLevel::Secondary, today().year()).await?;
    let row = map.rows.iter().find(|r| r.major_code == f.major_code);
    let neighbours = row
        .map(|r| {
            map.schools
                .iter()
                .zip(&r.cells)
                .filter(|(s, c)| c.is_some() && s.id != f.org_id)
                .map(|(s, c)| format!("{}（{}）", s.name, c.as_ref().map(|c| c.status_zh.as_str()).unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    Ok(Evidence {
        postings: row.map(|r| r.postings).unwrap_or(0),
        stars: row.and_then(|r| r.stars),
        // District-wide rules and this school's own; other schools' warnings are theirs.
        warnings: map
            .warnings
            .into_iter()
            .filter(|w| w.major_code.as_deref() == Some(f.major_code.as_str()) && (w.school.is_none() || w.school.as_deref() == Some(f.school.as_str())))
            .collect(),
        neighbours,
        cohorts: row.map(|r| r.cohorts.clone()).unwrap_or_default(),
    })
}

// ---------------------------------------------------------------------------------------
// Attachments of the 第九条 checklist

use crate::entity::major_filing_file as ffile;

/// File types accepted as evidence.
pub const ATTACHMENT_KINDS: [&str; 8] = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttachmentView {
    pub id: i64,
    /// The checklist item: teaching_plan | teachers | facilities | partners.
    pub item: String,
    pub file_name: String,
    pub size_kb: i64,
}

/// The one place a filing's attachment is written: the received file moves to
/// `data_dir/files/majors/<uuid>.<ext>`; returns the path relative to `data_dir/files`.
/// (The lead moves this to the shared storage interface.)
pub async fn store_attachment(data_dir: &std::path::Path, received: crate::uploads::Received, ext: &str) -> AppResult<String> {
    let rel = format!("majors/{}.{ext}", uuid::Uuid::new_v4().simple());
    let path = data_dir.join("files").join(&rel);
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(|e| AppError::Internal(e.into()))?;
    }
    let tmp = received.keep();
    if tokio::fs::rename(&tmp, &path).await.is_err() {
        tokio::fs::copy(&tmp, &path).await.map_err(|e| AppError::Internal(e.into()))?;
        let _ = tokio::fs::remove_file(&tmp).await;
    }
    Ok(rel)
}

/// The school attaches evidence to one item of its own filing, while it is not yet filed.
pub async fn attach(db: &DatabaseConnection, ctx: &Ctx, data_dir: &std::path::Path, id: i64, item: &str, received: crate::uploads::Received) -> AppResult<AttachmentView> {
    let u = require_school_filer(ctx)?.clone();
    let f = find_visible(db, ctx, id).await?;
    if f.org_id != u.org_id {
        return Err(AppError::NotFound);
    }
    if f.status == FilingStatus::Approved.key() {
        return Err(AppError::Conflict("已备案的申报不能再添加附件".into()));
    }
    let mut errs = Vec::new();
    let label = CONDITIONS.iter().find(|(k, _)| *k == item).map(|(_, l)| *l);
    if label.is_none() {
        errs.push(FieldError::new("item", "请选择附件所属的条件（第九条）"));
    }
    let ext = received.filename.rsplit_once('.').map(|x| x.1.to_ascii_lowercase()).filter(|e| ATTACHMENT_KINDS.contains(&e.as_str()));
    if ext.is_none() {
        errs.push(FieldError::new("file", format!("请上传 {} 文件", ATTACHMENT_KINDS.join("/"))));
    } else if received.size == 0 {
        errs.push(FieldError::new("file", "上传的文件是空的"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let name: String = received.filename.chars().filter(|c| !c.is_control()).take(120).collect();
    let size = received.size as i64;
    let rel = store_attachment(data_dir, received, &ext.unwrap_or_default()).await?;
    let tx = db.begin().await?;
    let m = ffile::ActiveModel {
        filing_id: Set(id),
        item: Set(item.to_string()),
        file_name: Set(name.clone()),
        stored_path: Set(rel),
        size_bytes: Set(size),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("attach", "major_filing", id, format!("上传{}佐证材料 {name}", label.unwrap_or_default())).after(&m)).await?;
    tx.commit().await?;
    Ok(attachment_view(m))
}

fn attachment_view(m: ffile::Model) -> AttachmentView {
    AttachmentView { id: m.id, item: m.item, file_name: m.file_name, size_kb: (m.size_bytes + 1023) / 1024 }
}

/// A filing's attachments, for its readers.
pub async fn attachments(db: &DatabaseConnection, ctx: &Ctx, filing_id: i64) -> AppResult<Vec<AttachmentView>> {
    find_visible(db, ctx, filing_id).await?;
    Ok(ffile::Entity::find().filter(ffile::Column::FilingId.eq(filing_id)).order_by_asc(ffile::Column::Id).all(db).await?.into_iter().map(attachment_view).collect())
}

/// An attachment for download: the filing's school and the district only.
pub async fn attachment_file(db: &DatabaseConnection, ctx: &Ctx, data_dir: &std::path::Path, file_id: i64) -> AppResult<(std::path::PathBuf, String)> {
    let u = ctx.user()?;
    if !u.can(Permission::OrgReadAll) {
        require_school_filer(ctx)?;
    }
    let m = ffile::Entity::find_by_id(file_id).one(db).await?.ok_or(AppError::NotFound)?;
    find_visible(db, ctx, m.filing_id).await?;
    if m.stored_path.contains("..") || m.stored_path.starts_with('/') {
        return Err(AppError::NotFound);
    }
    Ok((data_dir.join("files").join(&m.stored_path), m.file_name))
}

/// The filed list as the enrolment plan needs it.
pub fn records_workbook(rows: &[FilingView]) -> AppResult<Vec<u8>> {
    let headers = ["备案号", "备案日期", "学校", "类型", "专业代码", "专业名称", "更名后名称", "学制（年）", "年度"];
    let body = rows.iter().map(|r| {
        vec![
            r.record_no.clone().unwrap_or_default(),
            r.record_date.clone().unwrap_or_default(),
            r.school.clone(),
            r.kind_zh.clone(),
            r.major_code.clone(),
            r.major_name.clone(),
            r.new_major_name.clone().unwrap_or_default(),
            r.length_years.to_string(),
            r.batch_year.to_string(),
        ]
    });
    crate::xlsx::export("专业备案", &headers, body).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}

/// Majors a school may pick: the secondary catalogue, "660301 机电技术应用".
pub fn catalogue_options() -> Vec<(String, String)> {
    catalogs()
        .majors
        .iter()
        .filter(|m| m.level == MajorLevel::Secondary && m.node == zhijiao_domain::catalog::MajorNode::Major)
        .map(|m| (m.code.clone(), format!("{} {}", m.code, m.name)))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Forecast

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SeriesForecast {
    /// Chain name or "6-31-01-03 电工".
    pub label: String,
    /// ("2026-01", unique postings)
    pub history: Vec<(String, u64)>,
    /// ("2027-01", projected postings)
    pub forecast: Vec<(String, f64)>,
    pub model_zh: String,
    pub holdout: usize,
    pub mape: Option<f64>,
    pub mase: Option<f64>,
    /// Projected postings per year ahead (sum of 12 months).
    pub yearly: Vec<(i32, f64)>,
}

fn month_key(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

fn next_month(y: i32, m: u32) -> (i32, u32) {
    if m == 12 { (y + 1, 1) } else { (y, m + 1) }
}

/// Monthly unique postings from the report's demand rollup, per `key_col` of a slice.
async fn monthly_series<C: ConnectionTrait>(db: &C, slice: &str, key_col: &str) -> AppResult<BTreeMap<String, BTreeMap<(i32, u32), u64>>> {
    let mut q = Query::select();
    q.from(Alias::new(report::rollup::DEMAND_TABLE))
        .columns([Alias::new("period"), Alias::new(key_col)])
        // SUM(bigint) is numeric on PostgreSQL: cast back so both databases give an i64.
        .expr_as(Expr::cust("CAST(SUM(unique_postings) AS BIGINT)"), Alias::new("n"))
        .and_where(Expr::col(Alias::new("slice")).eq(slice))
        .group_by_columns([Alias::new("period"), Alias::new(key_col)]);
    let mut out: BTreeMap<String, BTreeMap<(i32, u32), u64>> = BTreeMap::new();
    for row in db.query_all(&q).await? {
        let p: String = row.try_get("", "period")?;
        let Some((y, m)) = p.split_once('-').and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?))) else { continue };
        if !(1..=12).contains(&m) {
            continue;
        }
        let key: String = row.try_get("", key_col)?;
        let n: i64 = row.try_get("", "n")?;
        if key.is_empty() {
            continue;
        }
        *out.entry(key).or_default().entry((y, m)).or_default() += Ord::max(n, 0) as u64;
    }
    Ok(out)
}

fn forecast_series(label: String, months: &BTreeMap<(i32, u32), u64>, until: (i32, u32)) -> Option<SeriesForecast> {
    let (&first, _) = months.iter().next()?;
    // Every month from the first to the last complete one, zeros where nothing was posted.
    let mut history = Vec::new();
    let mut ym = first;
    while ym <= until {
        history.push((ym, months.get(&ym).copied().unwrap_or(0)));
        ym = next_month(ym.0, ym.1);
    }
    let y: Vec<f64> = history.iter().map(|(_, n)| *n as f64).collect();
    let f: Forecast = forecast::forecast(&y, forecast::SEASON, forecast::HORIZON)?;
    let mut ym = history.last().map(|(ym, _)| *ym)?;
    let mut projected = Vec::new();
    for v in &f.values {
        ym = next_month(ym.0, ym.1);
        projected.push((ym, *v));
    }
    let mut yearly: BTreeMap<i32, f64> = BTreeMap::new();
    for ((y, _), v) in &projected {
        *yearly.entry(*y).or_default() += v;
    }
    Some(SeriesForecast {
        label,
        history: history.into_iter().map(|((y, m), n)| (month_key(y, m), n)).collect(),
        forecast: projected.into_iter().map(|((y, m), v)| (month_key(y, m), (v * 10.0).round() / 10.0)).collect(),
        model_zh: f.model.name_zh().into(),
        holdout: f.holdout,
        mape: f.mape,
        mase: f.mase,
        yearly: yearly.into_iter().collect(),
    })
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WhatIf {
    pub major_code: String,
    pub major_name: String,
    pub seats: u32,
    pub length_years: u32,
    /// (year, graduates the seats add, projected postings of the crosswalk occupations)
    pub years: Vec<(i32, u32, f64)>,
    pub occupations: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ForecastReport {
    pub chains: Vec<SeriesForecast>,
    pub occupations: Vec<SeriesForecast>,
    pub what_if: Option<WhatIf>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct WhatIfQuery {
    /// A secondary major's code.
    pub major: Option<String>,
    /// Seats opened per year, 1–2000.
    pub seats: Option<String>,
}

/// Three years of monthly demand per chain and per occupation, each with its back-test error,
/// and optionally what N seats of a major would add against its occupations' demand.
pub async fn forecast_report(db: &DatabaseConnection, ctx: &Ctx, q: &WhatIfQuery) -> AppResult<ForecastReport> {
    require_district_read(ctx)?;
    let t = today();
    // The current month is not complete: history ends with the previous one.
    let until = if t.month() == 1 { (t.year() - 1, 12) } else { (t.year(), t.month() - 1) };
    let chains = monthly_series(db, "industry", "chain").await?.into_iter().filter_map(|(k, m)| forecast_series(k, &m, until)).collect();
    let occ_series = monthly_series(db, "education", "occupation_code").await?;
    let mut occupations: Vec<SeriesForecast> = occ_series
        .iter()
        .filter_map(|(k, m)| forecast_series(format!("{k} {}", zhijiao_domain::talent_report::occupation_name(k)), m, until))
        .collect();
    occupations.sort_by(|a, b| b.history.iter().map(|h| h.1).sum::<u64>().cmp(&a.history.iter().map(|h| h.1).sum::<u64>()));
    let what_if = match (q.major.as_deref().filter(|s| !s.is_empty()), q.seats.as_deref().filter(|s| !s.is_empty())) {
        (Some(code), Some(seats)) => {
            let mut errors = Vec::new();
            let name = catalogs().major(MajorLevel::Secondary, code).map(|m| m.name.clone());
            if name.is_none() {
                errors.push(FieldError::new("major", "请选择中职专业"));
            }
            let seats = match seats.trim().parse::<u32>() {
                Ok(n) if (1..=2000).contains(&n) => n,
                _ => {
                    errors.push(FieldError::new("seats", "招生人数应为 1—2000 的整数"));
                    0
                }
            };
            if !errors.is_empty() {
                return Err(AppError::Validation(errors));
            }
            let occs: Vec<String> = catalogs().occupations_for_major(MajorLevel::Secondary, code).iter().map(|o| o.code.clone()).collect();
            let grads = forecast::graduates_from_seats(seats, 3, 3);
            let years = (1..=3)
                .map(|k| {
                    let y = t.year() + k;
                    let demand: f64 = occ_series
                        .iter()
                        .filter(|(oc, _)| occs.iter().any(|x| occupation_covers(x, oc)))
                        .filter_map(|(oc, m)| forecast_series(oc.clone(), m, until))
                        .flat_map(|s| s.yearly.into_iter().filter(move |(yy, _)| *yy == y).map(|(_, v)| v))
                        .sum();
                    (y, grads[(k - 1) as usize], (demand * 10.0).round() / 10.0)
                })
                .collect();
            Some(WhatIf {
                major_code: code.to_string(),
                major_name: name.unwrap_or_default(),
                seats,
                length_years: 3,
                years,
                occupations: occs.iter().map(|c| format!("{c} {}", zhijiao_domain::talent_report::occupation_name(c))).collect(),
            })
        }
        _ => None,
    };
    Ok(ForecastReport { chains, occupations: occupations.into_iter().take(15).collect(), what_if })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filing_kinds_and_states_round_trip() {
        for k in FilingKind::ALL {
            assert_eq!(FilingKind::parse(k.key()), Some(k));
        }
        assert_eq!(FilingKind::parse("bogus"), None);
        assert!(FilingKind::New.needs_conditions() && !FilingKind::Suspend.needs_conditions());
        assert_eq!(FilingStatus::parse("approved").map(FilingStatus::name_zh), Some("已备案"));
    }

    #[test]
    fn csv_of_warnings_quotes_fields() {
        let out = warnings_csv(r#"{"year":2026,"level":"secondary","chains":[{"name":"新材料","served_by_groups":false}]}"#).unwrap();
        assert_eq!(out, "rule,school,major_code,evidence\nchain_gap,,,主导产业链“新材料”尚无专业群对接");
        assert!(warnings_json("{").unwrap_err().contains("JSON"));
    }
}
