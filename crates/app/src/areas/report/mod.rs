//! 产业人才需求信息报告 (seed measure 十三 "及时发布产业人才需求信息报告"; issue 4): the zone's
//! industry chains and the major ↔ occupation crosswalk (kept by the district), the report
//! for a period and a scope built from the rollups only ([`rollup`]), drafts the district
//! regenerates at will, immutable published versions with a public page, and the monthly
//! schedule.
//!
//! The figures and rules are `zhijiao_domain::talent_report`; this module only fills its
//! `ReportInput` from the rollup tables (one SELECT per table, no raw posting or graduate
//! row is read) and stores the input: a published version keeps the input and the rules,
//! so the same report is rebuilt from it byte for byte.

pub mod api;
pub mod bench;
pub mod pages;
pub mod rollup;

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{report_chain as chain, report_crosswalk as xw, report_draft as draft, report_version as version};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::Permission;
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zhijiao_domain::catalog::{MajorLevel, MajorNode, catalogs};
use zhijiao_domain::talent_report::{
    ApplicationCell, ApplicationKind, ChainDef, CrosswalkLink, DemandCell, DemandSlices, MonthCount, Period, ReportInput, ReportOutput,
    ReportRules, Scope, SkillCell, Slice, SupplyCell, build_report,
};

// ---------------------------------------------------------------------------------------
// Periods and scopes

/// "2026" → year, "2026-Q3" → quarter, "2026-09" (or "2026-9") → month.
pub fn parse_period(s: &str) -> Option<Period> {
    let s = s.trim();
    let year = |y: &str| y.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
    let p = match s.split_once('-') {
        None => Period::Year(year(s)?),
        Some((y, rest)) => {
            let y = year(y)?;
            match rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
                Some(q) => Period::Quarter(y, q.parse().ok()?),
                None => Period::Month(y, rest.parse().ok()?),
            }
        }
    };
    p.bounds().map(|_| p)
}

/// The canonical key of a period (the rollups' `period` column).
pub fn period_key(p: Period) -> String {
    match p {
        Period::Year(y) => rollup::year_key(y),
        Period::Quarter(y, q) => rollup::quarter_key(y, q),
        Period::Month(y, m) => rollup::month_key(y, m),
    }
}

pub fn period_or_error(s: &str) -> AppResult<Period> {
    parse_period(s).ok_or_else(|| {
        AppError::Validation(vec![FieldError::new("period", format!("报告期“{s}”无效，应为 2026、2026-Q3 或 2026-09"))])
    })
}

/// The scope stored with drafts and versions: "" = the zone.
pub fn scope_key(s: &Scope) -> String {
    match s {
        Scope::Zone => String::new(),
        Scope::Chain(c) => c.clone(),
    }
}

pub fn scope_of_key(k: &str) -> Scope {
    if k.is_empty() { Scope::Zone } else { Scope::Chain(k.to_string()) }
}

/// A scope named by the user: empty = the zone, else one of the chains.
pub async fn resolve_scope<C: ConnectionTrait>(db: &C, chain_name: Option<&str>) -> AppResult<Scope> {
    match chain_name.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Scope::Zone),
        Some(name) => {
            if chain::Entity::find().filter(chain::Column::Name.eq(name)).one(db).await?.is_none() {
                return Err(AppError::Validation(vec![FieldError::new("chain", format!("产业链“{name}”不存在"))]));
            }
            Ok(Scope::Chain(name.to_string()))
        }
    }
}

/// Today in China.
pub fn today() -> NaiveDate {
    crate::areas::postings::today()
}

// ---------------------------------------------------------------------------------------
// Industry chains

/// Only the district edits chains, the crosswalk and publishes (administrators).
pub fn require_manage(ctx: &Ctx) -> AppResult<()> {
    ctx.require(Permission::ReportManage)?;
    Ok(())
}

/// District-wide readers (administrators and department liaisons) see drafts.
pub fn require_read(ctx: &Ctx) -> AppResult<()> {
    ctx.require(Permission::PostingReadAll)?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChainView {
    pub id: i64,
    pub name: String,
    pub position: i32,
    pub industry_codes: Vec<String>,
    /// "27 医药制造业" …
    pub industries: Vec<String>,
}

fn split_codes(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in s.split([',', '，', '、', ';', '；', ' ', '\n']) {
        let p = p.trim();
        if !p.is_empty() && !out.iter().any(|x| x == p) {
            out.push(p.to_string());
        }
    }
    out
}

fn chain_view(m: chain::Model) -> ChainView {
    let codes = split_codes(&m.industry_codes);
    ChainView {
        id: m.id,
        name: m.name,
        position: m.position,
        industries: codes.iter().map(|c| format!("{c} {}", zhijiao_domain::talent_report::industry_name(c))).collect(),
        industry_codes: codes,
    }
}

pub async fn chains<C: ConnectionTrait>(db: &C) -> AppResult<Vec<ChainView>> {
    Ok(chain::Entity::find().order_by_asc(chain::Column::Position).order_by_asc(chain::Column::Id).all(db).await?.into_iter().map(chain_view).collect())
}

pub async fn chain_defs<C: ConnectionTrait>(db: &C) -> AppResult<Vec<ChainDef>> {
    Ok(chains(db).await?.into_iter().map(|c| ChainDef { name: c.name, industry_codes: c.industry_codes }).collect())
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ChainInput {
    pub name: String,
    /// GB/T 4754-2017 codes of any level, separated by commas or spaces.
    pub industry_codes: String,
    #[serde(default)]
    pub position: Option<String>,
}

fn check_chain(input: &ChainInput) -> Result<(String, Vec<String>, Option<i32>), Vec<FieldError>> {
    let mut errs = Vec::new();
    let name = input.name.trim().to_string();
    if name.is_empty() {
        errs.push(FieldError::new("name", "产业链名称不能为空"));
    } else if name.chars().count() > 30 {
        errs.push(FieldError::new("name", "产业链名称不能超过30个字"));
    }
    let codes = split_codes(&input.industry_codes);
    if codes.is_empty() {
        errs.push(FieldError::new("industry_codes", "至少填写一个国民经济行业代码"));
    }
    for c in &codes {
        if catalogs().industry(c).is_none() {
            errs.push(FieldError::new("industry_codes", format!("行业代码“{c}”不在 GB/T 4754-2017 中")));
        }
    }
    let position = match input.position.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(p) => match p.parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errs.push(FieldError::new("position", "排序须为整数"));
                None
            }
        },
    };
    if errs.is_empty() { Ok((name, codes, position)) } else { Err(errs) }
}

/// Create (`id` None) or edit a chain. The chain is a key of the rollups (migration 000009),
/// so the rollups are rebuilt in the same transaction: a report never mixes two definitions.
pub async fn save_chain(db: &DatabaseConnection, ctx: &Ctx, id: Option<i64>, input: &ChainInput) -> AppResult<ChainView> {
    require_manage(ctx)?;
    let (name, codes, position) = check_chain(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    let clash = chain::Entity::find().filter(chain::Column::Name.eq(&name)).one(&tx).await?;
    if clash.as_ref().is_some_and(|c| Some(c.id) != id) {
        return Err(AppError::Validation(vec![FieldError::new("name", format!("产业链“{name}”已存在"))]));
    }
    let now = chrono::Utc::now();
    let m = match id {
        Some(id) => {
            let before = chain::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
            let mut am: chain::ActiveModel = before.clone().into();
            am.name = Set(name.clone());
            am.industry_codes = Set(codes.join(","));
            if let Some(p) = position {
                am.position = Set(p);
            }
            am.updated_at = Set(now);
            let after = am.update(&tx).await?;
            audit::record(&tx, ctx, Entry::new("update", "report_chain", id, format!("修改产业链 {name}")).before(&before).after(&after)).await?;
            after
        }
        None => {
            let next = chain::Entity::find().count(&tx).await? as i32;
            let after = chain::ActiveModel {
                name: Set(name.clone()),
                position: Set(position.unwrap_or(next)),
                industry_codes: Set(codes.join(",")),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            audit::record(&tx, ctx, Entry::new("create", "report_chain", after.id, format!("新增产业链 {name}")).after(&after)).await?;
            after
        }
    };
    rollup::rebuild_in(&tx).await?;
    tx.commit().await?;
    Ok(chain_view(m))
}

pub async fn delete_chain(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<()> {
    require_manage(ctx)?;
    let tx = db.begin().await?;
    let before = chain::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    chain::Entity::delete_by_id(id).exec(&tx).await?;
    audit::record(&tx, ctx, Entry::new("delete", "report_chain", id, format!("删除产业链 {}", before.name)).before(&before)).await?;
    rollup::rebuild_in(&tx).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Crosswalk

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CrosswalkView {
    pub id: i64,
    pub level: String,
    pub level_name: String,
    pub major_code: String,
    pub major_name: String,
    pub occupation_codes: Vec<String>,
    pub occupations: Vec<String>,
    pub edited: bool,
}

fn crosswalk_view(m: xw::Model) -> CrosswalkView {
    let level = MajorLevel::parse(&m.level);
    let codes = split_codes(&m.occupation_codes);
    CrosswalkView {
        id: m.id,
        level_name: level.map(|l| l.name_zh().to_string()).unwrap_or_default(),
        major_name: zhijiao_domain::talent_report::major_name(level, &m.major_code),
        occupations: codes.iter().map(|c| format!("{c} {}", zhijiao_domain::talent_report::occupation_name(c))).collect(),
        occupation_codes: codes,
        level: m.level,
        major_code: m.major_code,
        edited: m.edited,
    }
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct CrosswalkFilter {
    /// Major code prefix, or part of the major's name.
    pub q: Option<String>,
    pub level: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

pub async fn crosswalk_list(db: &DatabaseConnection, ctx: &Ctx, f: &CrosswalkFilter) -> AppResult<(u64, Vec<CrosswalkView>)> {
    require_read(ctx)?;
    let mut cond = Condition::all();
    if let Some(l) = f.level.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(xw::Column::Level.eq(l));
    }
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        // Names live in the catalogue: a name query becomes the codes it matches.
        let codes: Vec<String> = catalogs().majors.iter().filter(|m| m.name.contains(q)).map(|m| m.code.clone()).collect();
        cond = cond.add(Condition::any().add(xw::Column::MajorCode.starts_with(q)).add(xw::Column::MajorCode.is_in(codes)));
    }
    let paging = crate::web::Paging::new(f.page, f.per_page);
    let query = xw::Entity::find().filter(cond);
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(xw::Column::Level)
        .order_by_asc(xw::Column::MajorCode)
        .offset(paging.offset())
        .limit(paging.per_page)
        .all(db)
        .await?;
    Ok((total, rows.into_iter().map(crosswalk_view).collect()))
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct CrosswalkInput {
    /// secondary | associate | bachelor
    pub level: String,
    pub major_code: String,
    /// 职业分类大典 (2022) codes of any level, separated by commas or spaces; empty = the
    /// major leads to no occupation of the zone's report.
    #[serde(default)]
    pub occupation_codes: String,
}

/// Set one major's occupations (a new row for a major not yet listed).
pub async fn save_crosswalk(db: &DatabaseConnection, ctx: &Ctx, input: &CrosswalkInput) -> AppResult<CrosswalkView> {
    require_manage(ctx)?;
    let mut errs = Vec::new();
    let level = MajorLevel::parse(input.level.trim());
    if level.is_none() {
        errs.push(FieldError::new("level", format!("专业层次“{}”无效", input.level)));
    }
    let code = input.major_code.trim().to_string();
    if let Some(l) = level
        && !catalogs().major(l, &code).is_some_and(|m| m.node == MajorNode::Major)
    {
        errs.push(FieldError::new("major_code", format!("专业代码“{code}”不在{}专业目录中", l.name_zh())));
    }
    let occs = split_codes(&input.occupation_codes);
    for o in &occs {
        if catalogs().occupation(o).is_none() {
            errs.push(FieldError::new("occupation_codes", format!("职业代码“{o}”不在职业分类大典（2022年版）中")));
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let level_key = level.expect("checked").key().to_string();
    let tx = db.begin().await?;
    let existing = xw::Entity::find().filter(xw::Column::Level.eq(&level_key)).filter(xw::Column::MajorCode.eq(&code)).one(&tx).await?;
    let now = chrono::Utc::now();
    let after = match &existing {
        Some(b) => {
            let mut am: xw::ActiveModel = b.clone().into();
            am.occupation_codes = Set(occs.join(","));
            am.edited = Set(true);
            am.updated_at = Set(now);
            am.update(&tx).await?
        }
        None => {
            xw::ActiveModel {
                level: Set(level_key),
                major_code: Set(code.clone()),
                occupation_codes: Set(occs.join(",")),
                edited: Set(true),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&tx)
            .await?
        }
    };
    let mut e = Entry::new(if existing.is_some() { "update" } else { "create" }, "report_crosswalk", after.id, format!("专业—职业对照 {code}：{}", occs.join("、"))).after(&after);
    if let Some(b) = &existing {
        e = e.before(b);
    }
    audit::record(&tx, ctx, e).await?;
    tx.commit().await?;
    Ok(crosswalk_view(after))
}

async fn crosswalk_links<C: ConnectionTrait>(db: &C) -> AppResult<Vec<CrosswalkLink>> {
    Ok(xw::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| {
            Some(CrosswalkLink { level: MajorLevel::parse(&m.level)?, major_code: m.major_code, occupation_codes: split_codes(&m.occupation_codes) })
        })
        .collect())
}

// ---------------------------------------------------------------------------------------
// The report's input, from the rollups only

fn sum(col: &str) -> sea_orm::sea_query::SimpleExpr {
    // SUM(bigint) is numeric on PostgreSQL: cast back so both databases give an i64.
    Expr::cust(format!("CAST(SUM({col}) AS BIGINT)"))
}

fn u(x: i64) -> u64 {
    Ord::max(x, 0) as u64
}

/// The trailing twelve months ending with the period's last month.
fn trend_months(p: Period) -> Vec<(i32, u32)> {
    let (_, end) = p.bounds().expect("valid period");
    let (mut y, mut m) = (end.year(), end.month());
    let mut out = Vec::new();
    for _ in 0..12 {
        out.push((y, m));
        (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    }
    out.reverse();
    out
}

/// Everything the report needs for a period, read from the rollup tables (and the chains
/// and crosswalk the district keeps), frozen at `snapshot_date`.
pub async fn gather<C: ConnectionTrait>(db: &C, period: Period, scope: Scope, snapshot_date: NaiveDate) -> AppResult<ReportInput> {
    let key = period_key(period);
    let chains = chain_defs(db).await?;

    // Demand: the period's rows of the five projections, as stored (one row per key).
    let mut q = Query::select();
    q.from(Alias::new(rollup::DEMAND_TABLE));
    for c in rollup::DEMAND_KEYS.iter().chain(rollup::DEMAND_VALS.iter()).skip(1) {
        q.column(Alias::new(*c));
    }
    q.and_where(Expr::col(Alias::new("period")).eq(key.clone()));
    let mut demand = DemandSlices::default();
    for row in db.query_all(&q).await? {
        let g = |c: &str| row.try_get::<String>("", c);
        let n = |c: &str| row.try_get::<i64>("", c).map(u);
        let Some(slice) = Slice::parse(&g("slice")?) else { continue };
        let cell = DemandCell {
            chain: g("chain")?,
            industry_code: g("industry_code")?,
            occupation_code: g("occupation_code")?,
            wanted_major_level: MajorLevel::parse(&g("major_level")?),
            wanted_major_code: g("major_code")?,
            education: g("education")?,
            experience: g("experience")?,
            pay_band: g("pay_band")?,
            total_postings: n("total_postings")?,
            unique_postings: n("unique_postings")?,
            new_postings: n("new_postings")?,
            headcount: n("headcount")?,
        };
        if cell.total_postings > 0 || cell.unique_postings > 0 {
            demand.slice_mut(slice).push(cell);
        }
    }

    let mut q = Query::select();
    q.from(Alias::new(rollup::SKILL_TABLE))
        .columns([Alias::new("chain"), Alias::new("occupation_code"), Alias::new("skill"), Alias::new("postings")])
        .and_where(Expr::col(Alias::new("period")).eq(key.clone()));
    let mut skills = Vec::new();
    for row in db.query_all(&q).await? {
        let postings = u(row.try_get::<i64>("", "postings")?);
        if postings > 0 {
            skills.push(SkillCell {
                chain: row.try_get("", "chain")?,
                occupation_code: row.try_get("", "occupation_code")?,
                skill: row.try_get("", "skill")?,
                postings,
            });
        }
    }

    let mut q = Query::select();
    q.from(Alias::new(rollup::APPLICATION_TABLE))
        .columns([
            Alias::new("chain"),
            Alias::new("kind"),
            Alias::new("occupation_code"),
            Alias::new("places_offered"),
            Alias::new("applicants"),
            Alias::new("admitted"),
        ])
        .and_where(Expr::col(Alias::new("period")).eq(key.clone()));
    let mut applications = Vec::new();
    for row in db.query_all(&q).await? {
        let kind = match row.try_get::<String>("", "kind")?.as_str() {
            "order_class" => ApplicationKind::OrderClass,
            _ => ApplicationKind::Apprenticeship,
        };
        let cell = ApplicationCell {
            chain: row.try_get("", "chain")?,
            kind,
            occupation_code: row.try_get("", "occupation_code")?,
            places_offered: u(row.try_get("", "places_offered")?),
            applicants: u(row.try_get("", "applicants")?),
            admitted: u(row.try_get("", "admitted")?),
        };
        if cell.places_offered > 0 || cell.applicants > 0 {
            applications.push(cell);
        }
    }

    // The twelve-month trend per chain, from the industry projection of each month.
    let months = trend_months(period);
    let month_keys: Vec<String> = months.iter().map(|(y, m)| rollup::month_key(*y, *m)).collect();
    let mut q = Query::select();
    q.from(Alias::new(rollup::DEMAND_TABLE))
        .columns([Alias::new("period"), Alias::new("chain")])
        .expr_as(sum("total_postings"), Alias::new("total_postings"))
        .expr_as(sum("unique_postings"), Alias::new("unique_postings"))
        .expr_as(sum("new_postings"), Alias::new("new_postings"))
        .and_where(Expr::col(Alias::new("period")).is_in(month_keys))
        .and_where(Expr::col(Alias::new("slice")).eq(Slice::Industry.key()))
        .group_by_columns([Alias::new("period"), Alias::new("chain")]);
    let mut monthly = Vec::new();
    for row in db.query_all(&q).await? {
        let p: String = row.try_get("", "period")?;
        let (y, m) = p.split_once('-').and_then(|(y, m)| Some((y.parse().ok()?, m.parse().ok()?))).unwrap_or((0, 0));
        monthly.push(MonthCount {
            year: y,
            month: m,
            chain: row.try_get("", "chain")?,
            total_postings: u(row.try_get("", "total_postings")?),
            unique_postings: u(row.try_get("", "unique_postings")?),
            new_postings: u(row.try_get("", "new_postings")?),
        });
    }
    // Months without postings appear in the trend as zeros, so the line has no gaps.
    for (y, m) in &months {
        if !monthly.iter().any(|c| c.year == *y && c.month == *m) {
            monthly.push(MonthCount { year: *y, month: *m, chain: String::new(), total_postings: 0, unique_postings: 0, new_postings: 0 });
        }
    }

    // Supply: per cohort the latest snapshot with graduates (年终 over 初次).
    let mut q = Query::select();
    q.from(Alias::new(rollup::SUPPLY_TABLE)).columns([
        Alias::new("cohort"),
        Alias::new("snapshot"),
        Alias::new("major_level"),
        Alias::new("major_code"),
    ]);
    for c in ["graduates", "employed", "further_study", "seeking", "employed_local"] {
        q.expr_as(sum(c), Alias::new(c));
    }
    q.group_by_columns([Alias::new("cohort"), Alias::new("snapshot"), Alias::new("major_level"), Alias::new("major_code")]);
    let mut by_snapshot: BTreeMap<(i32, String), Vec<SupplyCell>> = BTreeMap::new();
    for row in db.query_all(&q).await? {
        let cohort: i32 = row.try_get("", "cohort")?;
        let cell = SupplyCell {
            cohort,
            level: MajorLevel::parse(&row.try_get::<String>("", "major_level")?),
            major_code: row.try_get("", "major_code")?,
            graduates: u(row.try_get("", "graduates")?),
            employed: u(row.try_get("", "employed")?),
            further_study: u(row.try_get("", "further_study")?),
            seeking: u(row.try_get("", "seeking")?),
            employed_local: u(row.try_get("", "employed_local")?),
        };
        if cell.graduates > 0 {
            by_snapshot.entry((cohort, row.try_get("", "snapshot")?)).or_default().push(cell);
        }
    }
    let cohorts: Vec<i32> = by_snapshot.keys().map(|(c, _)| *c).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let mut supply = Vec::new();
    for c in cohorts {
        let cells = by_snapshot.remove(&(c, "year_end".to_string())).or_else(|| by_snapshot.remove(&(c, "initial".to_string())));
        supply.extend(cells.unwrap_or_default());
    }

    Ok(ReportInput {
        period,
        scope,
        snapshot_date,
        dedup_window_days: zhijiao_domain::posting_dedup::DEFAULT_WINDOW_DAYS,
        chains,
        demand,
        supply,
        applications,
        skills,
        monthly,
        crosswalk: Some(crosswalk_links(db).await?),
        sources_zh: vec![
            "职教平台岗位发布数据（经区教体中心审核发布的岗位，按发布日期计入报告期）".into(),
            "订单班、学徒制岗位的报名与录用记录（职教平台）".into(),
            "本区职业院校毕业生去向数据（学校填报、导入及平台录用；年终数据优先于初次数据），本地就业指就业单位位于高新区（四宝山街道、中埠镇）".into(),
            "产业链划分与专业—职业对照表：区教体中心维护".into(),
        ],
    })
}

// ---------------------------------------------------------------------------------------
// Drafts and versions

/// A report ready to show: where it comes from and the figures.
pub struct Built {
    pub period: Period,
    pub scope: Scope,
    pub input: ReportInput,
    pub output: ReportOutput,
    /// `Some` for a stored draft (when it was generated).
    pub generated_at: Option<chrono::DateTime<chrono::Utc>>,
    /// `Some` for a published version.
    pub version: Option<version::Model>,
}

pub fn rules() -> ReportRules {
    ReportRules::default()
}

fn parse_input(json: &str) -> AppResult<ReportInput> {
    serde_json::from_str(json).map_err(|e| AppError::Internal(anyhow::anyhow!("stored report input: {e}")))
}

async fn find_draft<C: ConnectionTrait>(db: &C, period: Period, scope: &Scope) -> AppResult<Option<draft::Model>> {
    Ok(draft::Entity::find()
        .filter(draft::Column::Period.eq(period_key(period)))
        .filter(draft::Column::Scope.eq(scope_key(scope)))
        .one(db)
        .await?)
}

/// The draft of a period and scope: the stored one, or (never generated) a preview made
/// from the rollups now and not stored.
pub async fn draft(db: &DatabaseConnection, ctx: &Ctx, period: Period, scope: Scope) -> AppResult<Built> {
    require_read(ctx)?;
    let (input, generated_at) = match find_draft(db, period, &scope).await? {
        Some(d) => (parse_input(&d.input_json)?, Some(d.generated_at)),
        None => (gather(db, period, scope.clone(), today()).await?, None),
    };
    let output = build_report(&input, &rules());
    Ok(Built { period, scope, input, output, generated_at, version: None })
}

/// The report as the rollups give it now (the CLI): nothing stored.
pub async fn build_now<C: ConnectionTrait>(db: &C, period: Period, scope: Scope) -> AppResult<Built> {
    let input = gather(db, period, scope.clone(), today()).await?;
    let output = build_report(&input, &rules());
    Ok(Built { period, scope, input, output, generated_at: None, version: None })
}

/// Generate (or regenerate) the stored draft from the rollups, inside `db`'s transaction.
pub async fn store_draft<C: ConnectionTrait>(db: &C, ctx: &Ctx, period: Period, scope: &Scope, as_of: NaiveDate) -> AppResult<draft::Model> {
    let input = gather(db, period, scope.clone(), as_of).await?;
    let json = serde_json::to_string(&input).map_err(|e| AppError::Internal(e.into()))?;
    let now = chrono::Utc::now();
    let m = match find_draft(db, period, scope).await? {
        Some(d) => {
            let mut am: draft::ActiveModel = d.into();
            am.input_json = Set(json);
            am.generated_at = Set(now);
            am.generated_by = Set(ctx.user_id());
            am.update(db).await?
        }
        None => {
            draft::ActiveModel {
                period: Set(period_key(period)),
                scope: Set(scope_key(scope)),
                input_json: Set(json),
                generated_at: Set(now),
                generated_by: Set(ctx.user_id()),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    audit::record(
        db,
        ctx,
        Entry::new("generate", "report_draft", m.id, format!("生成报告草稿：{}{}", period.label_zh(), scope.label_zh())),
    )
    .await?;
    Ok(m)
}

pub async fn regenerate(db: &DatabaseConnection, ctx: &Ctx, period: Period, scope: Scope) -> AppResult<()> {
    require_manage(ctx)?;
    let tx = db.begin().await?;
    store_draft(&tx, ctx, period, &scope, today()).await?;
    tx.commit().await?;
    Ok(())
}

/// Publish the current draft (generated first if there is none) as the next version of
/// its period and scope. The version is never updated afterwards.
pub async fn publish(db: &DatabaseConnection, ctx: &Ctx, period: Period, scope: Scope) -> AppResult<version::Model> {
    require_manage(ctx)?;
    let tx = db.begin().await?;
    let d = match find_draft(&tx, period, &scope).await? {
        Some(d) => d,
        None => store_draft(&tx, ctx, period, &scope, today()).await?,
    };
    let input = parse_input(&d.input_json)?;
    let r = rules();
    let output = build_report(&input, &r);
    let last: Option<i32> = version::Entity::find()
        .select_only()
        .column_as(version::Column::Version.max(), "v")
        .filter(version::Column::Period.eq(period_key(period)))
        .filter(version::Column::Scope.eq(scope_key(&scope)))
        .into_tuple::<Option<i32>>()
        .one(&tx)
        .await?
        .flatten();
    let n = last.unwrap_or(0) + 1;
    let m = version::ActiveModel {
        period: Set(period_key(period)),
        scope: Set(scope_key(&scope)),
        version: Set(n),
        title: Set(output.title_zh.clone()),
        input_json: Set(d.input_json.clone()),
        rules_json: Set(serde_json::to_string(&r).map_err(|e| AppError::Internal(e.into()))?),
        published_at: Set(chrono::Utc::now()),
        published_by: Set(ctx.user_id()),
        ..Default::default()
    }
    .insert(&tx)
    .await
    .map_err(|e| AppError::on_unique(e, "该版本已发布，请刷新后重试"))?;
    audit::record(&tx, ctx, Entry::new("publish", "report_version", m.id, format!("发布报告：{}（第{n}版）", m.title))).await?;
    tx.commit().await?;
    Ok(m)
}

/// A published version, for anyone (the public page and downloads).
pub async fn published(db: &DatabaseConnection, id: i64) -> AppResult<Built> {
    let v = version::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let input = parse_input(&v.input_json)?;
    let r: ReportRules = serde_json::from_str(&v.rules_json).map_err(|e| AppError::Internal(anyhow::anyhow!("stored rules: {e}")))?;
    let output = build_report(&input, &r);
    Ok(Built { period: input.period, scope: input.scope.clone(), input, output, generated_at: None, version: Some(v) })
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VersionView {
    pub id: i64,
    pub period: String,
    /// Empty = the zone.
    pub scope: String,
    pub version: i32,
    pub title: String,
    /// China time.
    pub published_at: String,
    pub url: String,
}

/// Published versions, newest first (public).
pub async fn versions(db: &DatabaseConnection) -> AppResult<Vec<VersionView>> {
    Ok(version::Entity::find()
        .order_by_desc(version::Column::PublishedAt)
        .order_by_desc(version::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|v| VersionView {
            url: format!("/reports/talent/v/{}", v.id),
            published_at: (v.published_at + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string(),
            id: v.id,
            period: v.period,
            scope: v.scope,
            version: v.version,
            title: v.title,
        })
        .collect())
}

/// The schedule's step: the zone's draft for the month before `today`, generated if it
/// does not exist yet. Returns whether it generated one. `serve` runs it at start and
/// every hour.
pub async fn ensure_monthly_draft(db: &DatabaseConnection, today: NaiveDate) -> AppResult<bool> {
    let (y, m) = if today.month() == 1 { (today.year() - 1, 12) } else { (today.year(), today.month() - 1) };
    let period = Period::Month(y, m);
    let tx = db.begin().await?;
    if find_draft(&tx, period, &Scope::Zone).await?.is_some() {
        return Ok(false);
    }
    store_draft(&tx, &Ctx::system(), period, &Scope::Zone, today).await?;
    tx.commit().await?;
    Ok(true)
}

/// Rebuild every rollup from the raw rows (`zhijiao report rebuild-rollups`), audited.
pub async fn rebuild_rollups(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<(usize, usize)> {
    let tx = db.begin().await?;
    let (facts, rows) = rollup::rebuild_in(&tx).await?;
    audit::record(&tx, ctx, Entry::new("rebuild", "report_rollup", "all", format!("重建报告汇总表：岗位 {facts} 个，汇总行 {rows} 行"))).await?;
    tx.commit().await?;
    Ok((facts, rows))
}

// ---------------------------------------------------------------------------------------
// Documents

/// The .xlsx of a report (one sheet per table).
pub fn xlsx_bytes(b: &Built) -> Vec<u8> {
    zhijiao_reports::xlsx(&b.output)
}

/// The .docx a department can forward (charts as images).
pub fn docx_bytes(b: &Built) -> Vec<u8> {
    let meta = zhijiao_reports::DocMeta {
        issuer_zh: Some("淄博高新区教育和体育事业中心".into()),
        number_zh: b.version.as_ref().map(|v| format!("{} 第{}版", v.period, v.version)),
    };
    zhijiao_reports::docx_with(&b.output, &meta)
}

/// A file name: 产业人才需求信息报告_2026_全区_v1.xlsx
pub fn file_name(b: &Built, ext: &str) -> String {
    let v = b.version.as_ref().map(|v| format!("_v{}", v.version)).unwrap_or_else(|| "_草稿".into());
    let scope = match &b.scope {
        Scope::Zone => "全区".to_string(),
        Scope::Chain(c) => c.replace('/', "-"),
    };
    format!("产业人才需求信息报告_{}_{scope}{v}.{ext}", period_key(b.period))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_forms() {
        assert_eq!(parse_period("2026"), Some(Period::Year(2026)));
        assert_eq!(parse_period("2026-Q3"), Some(Period::Quarter(2026, 3)));
        assert_eq!(parse_period("2026-09"), Some(Period::Month(2026, 9)));
        assert_eq!(parse_period("2026-9"), Some(Period::Month(2026, 9)));
        for bad in ["", "26", "2026-13", "2026-Q5", "2026-Q0", "abc", "2026-"] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
        assert_eq!(period_key(Period::Month(2026, 9)), "2026-09");
        assert_eq!(period_key(Period::Quarter(2026, 3)), "2026-Q3");
    }

    #[test]
    fn trend_is_the_twelve_months_to_the_period_end() {
        let t = trend_months(Period::Quarter(2026, 1));
        assert_eq!(t.first(), Some(&(2025, 4)));
        assert_eq!(t.last(), Some(&(2026, 3)));
        assert_eq!(t.len(), 12);
    }
}

/// Months of `year` whose zone-wide talent report has a published version: the figure of
/// the policy dashboard's "发布产业人才需求报告的月份".
pub async fn published_months_in_year<C: ConnectionTrait>(db: &C, year: i32) -> AppResult<u64> {
    let mut months = 0;
    for m in 1..=12 {
        let published = version::Entity::find()
            .filter(version::Column::Period.eq(period_key(Period::Month(year, m))))
            .filter(version::Column::Scope.eq(scope_key(&Scope::Zone)))
            .count(db)
            .await?;
        months += u64::from(published > 0);
    }
    Ok(months)
}
