//! The rollups the talent report reads, maintained in the transaction of every write that
//! changes them, and rebuildable from the raw rows (`zhijiao report rebuild-rollups`).
//!
//! # What is counted (Lightcast, research-notes A2.3)
//! A published posting becomes a **fact** (`report_posting_facts`): its publication day
//! (China time), the last day it is live (closing day, else deadline, else 60 days), whether
//! it is *unique* (no unique posting of the same dedup key in the 60 days before it —
//! the anchored window of `posting_dedup`), and the dimensions of the report. Each fact adds,
//! for every period (month, quarter, year) it touches:
//! - `total_postings` +1 in the periods that contain its publication day (before dedup);
//! - `unique_postings` +1 in every period it is live in, if unique (= *active*);
//! - `new_postings` +1 in the periods of its publication day, if unique;
//! - `headcount` + 招聘人数 (1 when not given) wherever it counts as unique;
//! - one skill row per skill wherever it counts as unique.
//!
//! 订单班 / 学徒制 postings add their places to the periods of their publication day, and
//! their applications add an applicant (unless withdrawn) and an admission (offer or
//! hired) to the same periods — the cohort of places published in a period and who applied
//! for them (BIBB's ANR, A2.4). Graduate destinations add to their cohort and snapshot.
//!
//! Every change is "subtract the old contribution, add the new one", so the tables stay
//! equal to [`recompute`] — the property the random-data test checks on both databases.

use crate::entity::{application, graduate_destination as gd, posting, posting_major, report_posting_fact as fact};
use crate::error::AppResult;
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Alias, Expr, OnConflict, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::{BTreeMap, HashMap};
use zhijiao_domain::employment::{DestinationClass, classify};
use super::chain_defs;
use zhijiao_domain::posting_dedup::{DEFAULT_WINDOW_DAYS, DedupKey, unique_flags};
use zhijiao_domain::talent_report::{ChainDef, Dimension, Slice, chain_of};

/// Posting kinds whose places and applications feed the ANR table.
pub const ORDER_KINDS: [&str; 2] = ["order_class", "apprenticeship"];

pub const DEMAND_TABLE: &str = "report_demand_rollup";
pub const SKILL_TABLE: &str = "report_skill_rollup";
pub const APPLICATION_TABLE: &str = "report_application_rollup";
pub const SUPPLY_TABLE: &str = "report_supply_rollup";

// ---------------------------------------------------------------------------------------
// Periods

pub fn month_key(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

pub fn quarter_key(y: i32, q: u32) -> String {
    format!("{y:04}-Q{q}")
}

pub fn year_key(y: i32) -> String {
    format!("{y:04}")
}

/// The month, quarter and year a day falls in.
pub fn periods_of_day(d: NaiveDate) -> [String; 3] {
    [month_key(d.year(), d.month()), quarter_key(d.year(), (d.month() - 1) / 3 + 1), year_key(d.year())]
}

/// Every month, quarter and year that intersects `[from, to]`, each once.
pub fn periods_between(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        for p in periods_of_day(NaiveDate::from_ymd_opt(y, m, 1).expect("first of month")) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The China (UTC+8) calendar day of an instant.
pub fn china_day(t: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    (t + chrono::Duration::hours(8)).date_naive()
}

/// The last day a published posting is live: the earlier of its closing day and deadline,
/// else the 60-day window; never before its publication day.
pub fn open_until(published_on: NaiveDate, closed_at: Option<chrono::DateTime<chrono::Utc>>, deadline: Option<NaiveDate>) -> NaiveDate {
    let until = match (closed_at.map(china_day), deadline) {
        (Some(c), Some(d)) => c.min(d),
        (Some(c), None) => c,
        (None, Some(d)) => d,
        (None, None) => published_on + chrono::Duration::days(DEFAULT_WINDOW_DAYS - 1),
    };
    until.max(published_on)
}

// ---------------------------------------------------------------------------------------
// Contributions

/// A row of the demand rollup: one projection ([`Slice`]) of the report's cube, the
/// dimensions the projection does not carry left blank.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DemandKey {
    pub period: String,
    pub slice: String,
    pub chain: String,
    pub industry_code: String,
    pub occupation_code: String,
    pub major_level: String,
    pub major_code: String,
    pub education: String,
    pub experience: String,
    pub pay_band: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SkillKey {
    pub period: String,
    pub chain: String,
    pub occupation_code: String,
    pub skill: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApplicationKey {
    pub period: String,
    pub chain: String,
    pub kind: String,
    pub occupation_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SupplyKey {
    pub cohort: i32,
    pub snapshot: String,
    pub major_level: String,
    pub major_code: String,
}

/// Rollup rows (or deltas to them): demand [total, unique, new, headcount], skills
/// [postings], applications [places, applicants, admitted], supply [graduates, employed,
/// further study, seeking, employed locally].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rollups {
    pub demand: BTreeMap<DemandKey, [i64; 4]>,
    pub skills: BTreeMap<SkillKey, [i64; 1]>,
    pub applications: BTreeMap<ApplicationKey, [i64; 3]>,
    pub supply: BTreeMap<SupplyKey, [i64; 5]>,
}

fn add<K: Ord, const N: usize>(map: &mut BTreeMap<K, [i64; N]>, key: K, v: [i64; N], sign: i64) {
    if v.iter().all(|x| *x == 0) {
        return;
    }
    let e = map.entry(key).or_insert([0; N]);
    for i in 0..N {
        e[i] += sign * v[i];
    }
}

fn nonzero<K: Ord, const N: usize>(map: BTreeMap<K, [i64; N]>) -> BTreeMap<K, [i64; N]> {
    map.into_iter().filter(|(_, v)| v.iter().any(|x| *x != 0)).collect()
}

impl Rollups {
    /// Without the rows whose counts are all zero (a subtraction may leave them behind).
    pub fn without_zeros(self) -> Self {
        Rollups {
            demand: nonzero(self.demand),
            skills: nonzero(self.skills),
            applications: nonzero(self.applications),
            supply: nonzero(self.supply),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.demand.is_empty() && self.skills.is_empty() && self.applications.is_empty() && self.supply.is_empty()
    }

    /// A posting fact's contribution, times `sign` (+1 add, −1 remove), in the chain its
    /// industry falls into.
    pub fn add_posting(&mut self, f: &fact::Model, chains: &[ChainDef], sign: i64) {
        let chain = chain_of(chains, &f.industry_code).unwrap_or("");
        let published_in = periods_of_day(f.published_on);
        let live: Vec<String> = if f.is_unique { periods_between(f.published_on, f.open_until) } else { published_in.to_vec() };
        let headcount = f.headcount.max(1);
        for p in &live {
            let published_here = published_in.contains(p);
            let u = f.is_unique as i64;
            for slice in Slice::ALL {
                let kept = |d: Dimension, v: &str| if slice.carries(d) { v.to_string() } else { String::new() };
                let key = DemandKey {
                    period: p.clone(),
                    slice: slice.key().to_string(),
                    chain: chain.to_string(),
                    industry_code: kept(Dimension::Industry, &f.industry_code),
                    occupation_code: kept(Dimension::Occupation, &f.occupation_code),
                    major_level: kept(Dimension::Major, &f.major_level),
                    major_code: kept(Dimension::Major, &f.major_code),
                    education: kept(Dimension::Education, &f.education),
                    experience: kept(Dimension::Experience, &f.experience),
                    pay_band: kept(Dimension::Pay, &f.pay_band),
                };
                add(&mut self.demand, key, [published_here as i64, u, u * published_here as i64, u * headcount], sign);
            }
            if f.is_unique {
                for s in skills_of(&f.skills) {
                    let key = SkillKey {
                        period: p.clone(),
                        chain: chain.to_string(),
                        occupation_code: f.occupation_code.clone(),
                        skill: s.to_string(),
                    };
                    add(&mut self.skills, key, [1], sign);
                }
            }
        }
        if ORDER_KINDS.contains(&f.kind.as_str()) {
            for p in &published_in {
                add(&mut self.applications, application_key(p, chain, f), [headcount, 0, 0], sign);
            }
        }
    }

    /// An application's contribution in a given status (only for 订单班 / 学徒制 postings).
    pub fn add_application(&mut self, f: &fact::Model, chains: &[ChainDef], status: &str, sign: i64) {
        if !ORDER_KINDS.contains(&f.kind.as_str()) {
            return;
        }
        let chain = chain_of(chains, &f.industry_code).unwrap_or("");
        let applicant = (status != "withdrawn") as i64;
        let admitted = matches!(status, "offer" | "hired") as i64;
        for p in &periods_of_day(f.published_on) {
            add(&mut self.applications, application_key(p, chain, f), [0, applicant, admitted], sign);
        }
    }

    /// A destination record's contribution to its cohort and snapshot.
    pub fn add_destination(&mut self, d: &DestinationFields, sign: i64) {
        let class = classify(&d.destination_code);
        let employed = class.is_employed();
        let v = [
            1,
            employed as i64,
            matches!(class, DestinationClass::FurtherStudy { .. }) as i64,
            matches!(class, DestinationClass::Unemployed) as i64,
            (employed && d.in_zone) as i64,
        ];
        let key = SupplyKey {
            cohort: d.graduation_year,
            snapshot: d.snapshot.clone(),
            major_level: d.major_level.clone(),
            major_code: d.major_code.clone(),
        };
        add(&mut self.supply, key, v, sign);
    }
}

fn application_key(period: &str, chain: &str, f: &fact::Model) -> ApplicationKey {
    ApplicationKey {
        period: period.to_string(),
        chain: chain.to_string(),
        kind: f.kind.clone(),
        occupation_code: f.occupation_code.clone(),
    }
}

/// The skills of a posting as stored (comma-separated), each once.
pub fn skills_of(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for x in s.split(',').map(str::trim).filter(|x| !x.is_empty()) {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// The fields of a destination record the supply rollup reads.
#[derive(Debug, Clone)]
pub struct DestinationFields {
    pub graduation_year: i32,
    pub snapshot: String,
    pub major_level: String,
    pub major_code: String,
    pub destination_code: String,
    pub in_zone: bool,
}

impl From<&gd::Model> for DestinationFields {
    fn from(m: &gd::Model) -> Self {
        DestinationFields {
            graduation_year: m.graduation_year,
            snapshot: m.snapshot.clone(),
            major_level: m.major_level.clone(),
            major_code: m.major_code.clone(),
            destination_code: m.destination_code.clone(),
            in_zone: m.in_zone,
        }
    }
}

impl DestinationFields {
    /// From a row about to be inserted (the importer's batch).
    pub fn from_active(am: &gd::ActiveModel) -> Option<Self> {
        Some(DestinationFields {
            graduation_year: *am.graduation_year.try_as_ref()?,
            snapshot: am.snapshot.try_as_ref()?.clone(),
            major_level: am.major_level.try_as_ref()?.clone(),
            major_code: am.major_code.try_as_ref()?.clone(),
            destination_code: am.destination_code.try_as_ref()?.clone(),
            in_zone: *am.in_zone.try_as_ref()?,
        })
    }
}

/// The columns of a posting the rollups read (a rebuild at province scale does not load
/// descriptions and search text).
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct PostingRow {
    pub id: i64,
    pub kind: String,
    pub occupation_code: Option<String>,
    pub industry_code: Option<String>,
    pub education_level: Option<String>,
    pub experience: Option<String>,
    pub pay_band: String,
    pub headcount: Option<i32>,
    pub skills: String,
    pub deadline: Option<NaiveDate>,
    pub dedup_key: String,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub closed_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<&posting::Model> for PostingRow {
    fn from(p: &posting::Model) -> Self {
        PostingRow {
            id: p.id,
            kind: p.kind.clone(),
            occupation_code: p.occupation_code.clone(),
            industry_code: p.industry_code.clone(),
            education_level: p.education_level.clone(),
            experience: p.experience.clone(),
            pay_band: p.pay_band.clone(),
            headcount: p.headcount,
            skills: p.skills.clone(),
            deadline: p.deadline,
            dedup_key: p.dedup_key.clone(),
            published_at: p.published_at,
            closed_at: p.closed_at,
        }
    }
}

/// The fact of a published posting (its first wanted major counts, so that cells add up).
pub fn fact_of(p: &PostingRow, first_major: Option<&posting_major::Model>, is_unique: bool) -> Option<fact::Model> {
    let published_on = china_day(p.published_at?);
    Some(fact::Model {
        posting_id: p.id,
        dedup_key: p.dedup_key.clone(),
        published_on,
        open_until: open_until(published_on, p.closed_at, p.deadline),
        is_unique,
        kind: p.kind.clone(),
        industry_code: p.industry_code.clone().unwrap_or_default(),
        occupation_code: p.occupation_code.clone().unwrap_or_default(),
        major_level: first_major.map(|m| m.level.clone()).unwrap_or_default(),
        major_code: first_major.map(|m| m.major_code.clone()).unwrap_or_default(),
        education: p.education_level.clone().unwrap_or_default(),
        experience: p.experience.clone().unwrap_or_else(|| "unknown".into()),
        pay_band: p.pay_band.clone(),
        headcount: p.headcount.unwrap_or(1).max(1) as i64,
        skills: skills_of(&p.skills).join(","),
    })
}

// ---------------------------------------------------------------------------------------
// Writing deltas

fn cols_sum(table: &str, cols: &[&str]) -> Vec<(Alias, sea_orm::sea_query::SimpleExpr)> {
    cols.iter().map(|c| (Alias::new(*c), Expr::cust(format!("{table}.{c} + excluded.{c}")))).collect()
}

async fn upsert<C: ConnectionTrait>(
    db: &C,
    table: &str,
    key_cols: &[&str],
    val_cols: &[&str],
    rows: Vec<(Vec<sea_orm::Value>, Vec<i64>)>,
    accumulate: bool,
) -> AppResult<()> {
    if !accumulate {
        // A rebuild fills empty tables: bulk inserts (hundreds of thousands of rows at
        // province scale).
        let cols: Vec<&str> = key_cols.iter().chain(val_cols).copied().collect();
        let rows = rows.into_iter().map(|(mut k, v)| {
            k.extend(v.into_iter().map(sea_orm::Value::from));
            k
        });
        for chunk in rows.collect::<Vec<_>>().chunks(20_000) {
            crate::db::insert_rows(db, table, &cols, chunk.to_vec()).await?;
        }
        return Ok(());
    }
    let all_cols: Vec<Alias> = key_cols.iter().chain(val_cols).map(|c| Alias::new(*c)).collect();
    for chunk in rows.chunks(400) {
        let mut q = Query::insert().into_table(Alias::new(table)).columns(all_cols.clone()).to_owned();
        for (keys, vals) in chunk {
            let mut v: Vec<sea_orm::sea_query::SimpleExpr> = keys.iter().cloned().map(Into::into).collect();
            v.extend(vals.iter().map(|x| Expr::val(*x)));
            q.values_panic(v);
        }
        if accumulate {
            let mut oc = OnConflict::columns(key_cols.iter().map(|c| Alias::new(*c)).collect::<Vec<_>>());
            for (c, e) in cols_sum(table, val_cols) {
                oc.value(c, e);
            }
            q.on_conflict(oc.to_owned());
        }
        db.execute(&q).await?;
    }
    Ok(())
}

pub const DEMAND_KEYS: [&str; 10] =
    ["period", "slice", "chain", "industry_code", "occupation_code", "major_level", "major_code", "education", "experience", "pay_band"];
pub const DEMAND_VALS: [&str; 4] = ["total_postings", "unique_postings", "new_postings", "headcount"];
const SKILL_KEYS: [&str; 4] = ["period", "chain", "occupation_code", "skill"];
const APP_KEYS: [&str; 4] = ["period", "chain", "kind", "occupation_code"];
const APP_VALS: [&str; 3] = ["places_offered", "applicants", "admitted"];
const SUPPLY_KEYS: [&str; 4] = ["cohort", "snapshot", "major_level", "major_code"];
const SUPPLY_VALS: [&str; 5] = ["graduates", "employed", "further_study", "seeking", "employed_local"];

fn s(v: &str) -> sea_orm::Value {
    v.to_string().into()
}

/// Add deltas to the tables (`accumulate`), or insert rows into empty tables (rebuild).
pub async fn write<C: ConnectionTrait>(db: &C, r: &Rollups, accumulate: bool) -> AppResult<()> {
    let demand = r
        .demand
        .iter()
        .filter(|(_, v)| v.iter().any(|x| *x != 0))
        .map(|(k, v)| {
            (
                vec![s(&k.period), s(&k.slice), s(&k.chain), s(&k.industry_code), s(&k.occupation_code), s(&k.major_level), s(&k.major_code), s(&k.education), s(&k.experience), s(&k.pay_band)],
                v.to_vec(),
            )
        })
        .collect();
    upsert(db, DEMAND_TABLE, &DEMAND_KEYS, &DEMAND_VALS, demand, accumulate).await?;
    let skills = r
        .skills
        .iter()
        .filter(|(_, v)| v[0] != 0)
        .map(|(k, v)| (vec![s(&k.period), s(&k.chain), s(&k.occupation_code), s(&k.skill)], v.to_vec()))
        .collect();
    upsert(db, SKILL_TABLE, &SKILL_KEYS, &["postings"], skills, accumulate).await?;
    let apps = r
        .applications
        .iter()
        .filter(|(_, v)| v.iter().any(|x| *x != 0))
        .map(|(k, v)| (vec![s(&k.period), s(&k.chain), s(&k.kind), s(&k.occupation_code)], v.to_vec()))
        .collect();
    upsert(db, APPLICATION_TABLE, &APP_KEYS, &APP_VALS, apps, accumulate).await?;
    let supply = r
        .supply
        .iter()
        .filter(|(_, v)| v.iter().any(|x| *x != 0))
        .map(|(k, v)| (vec![k.cohort.into(), s(&k.snapshot), s(&k.major_level), s(&k.major_code)], v.to_vec()))
        .collect();
    upsert(db, SUPPLY_TABLE, &SUPPLY_KEYS, &SUPPLY_VALS, supply, accumulate).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Maintenance hooks: called inside the transaction of the write

async fn first_major<C: ConnectionTrait>(db: &C, posting_id: i64) -> AppResult<Option<posting_major::Model>> {
    Ok(posting_major::Entity::find()
        .filter(posting_major::Column::PostingId.eq(posting_id))
        .order_by_asc(posting_major::Column::Id)
        .one(db)
        .await?)
}

/// A posting has just been published (`published_at` set): record its fact and add it.
/// Unique unless a unique posting of the same key was published less than 60 days before
/// (publications arrive in time order, so this equals the batch rule of `posting_dedup`).
pub async fn posting_published<C: ConnectionTrait>(db: &C, p: &posting::Model) -> AppResult<()> {
    let Some(published_at) = p.published_at else { return Ok(()) };
    let day = china_day(published_at);
    let anchor: Option<NaiveDate> = fact::Entity::find()
        .select_only()
        .column_as(fact::Column::PublishedOn.max(), "anchor")
        .filter(fact::Column::DedupKey.eq(&p.dedup_key))
        .filter(fact::Column::IsUnique.eq(true))
        .filter(fact::Column::PostingId.ne(p.id))
        .into_tuple::<Option<NaiveDate>>()
        .one(db)
        .await?
        .flatten();
    let is_unique = anchor.is_none_or(|a| !(a <= day && (day - a).num_days() < DEFAULT_WINDOW_DAYS));
    let major = first_major(db, p.id).await?;
    let Some(f) = fact_of(&PostingRow::from(p), major.as_ref(), is_unique) else { return Ok(()) };
    let mut r = Rollups::default();
    r.add_posting(&f, &chain_defs(db).await?, 1);
    fact::Entity::delete_by_id(p.id).exec(db).await?;
    fact::Entity::insert(fact::ActiveModel::from(f)).exec_without_returning(db).await?;
    write(db, &r, true).await
}

/// A published posting was closed: it is live until the closing day, not its deadline.
pub async fn posting_closed<C: ConnectionTrait>(db: &C, p: &posting::Model) -> AppResult<()> {
    let Some(old) = fact::Entity::find_by_id(p.id).one(db).await? else { return Ok(()) };
    let new = fact::Model { open_until: open_until(old.published_on, p.closed_at, p.deadline), ..old.clone() };
    if new == old {
        return Ok(());
    }
    let chains = chain_defs(db).await?;
    let mut r = Rollups::default();
    r.add_posting(&old, &chains, -1);
    r.add_posting(&new, &chains, 1);
    let mut am: fact::ActiveModel = old.into();
    am.open_until = Set(new.open_until);
    sea_orm::ActiveModelTrait::update(am, db).await?;
    write(db, &r, true).await
}

/// A published posting is deleted (only the write benchmark deletes postings): its fact's
/// contribution is taken back and the fact removed.
pub async fn posting_removed<C: ConnectionTrait>(db: &C, posting_id: i64) -> AppResult<()> {
    let Some(f) = fact::Entity::find_by_id(posting_id).one(db).await? else { return Ok(()) };
    let mut r = Rollups::default();
    r.add_posting(&f, &chain_defs(db).await?, -1);
    fact::Entity::delete_by_id(posting_id).exec(db).await?;
    write(db, &r, true).await
}

/// An application changed status (`before` None = new application).
pub async fn application_changed<C: ConnectionTrait>(db: &C, posting_id: i64, before: Option<&str>, after: &str) -> AppResult<()> {
    let Some(f) = fact::Entity::find_by_id(posting_id).one(db).await? else { return Ok(()) };
    if !ORDER_KINDS.contains(&f.kind.as_str()) {
        return Ok(());
    }
    let chains = chain_defs(db).await?;
    let mut r = Rollups::default();
    if let Some(b) = before {
        r.add_application(&f, &chains, b, -1);
    }
    r.add_application(&f, &chains, after, 1);
    write(db, &r, true).await
}

/// Destination records replaced (`before`) by others (`after`).
pub async fn destinations_changed<C: ConnectionTrait>(db: &C, before: &[DestinationFields], after: &[DestinationFields]) -> AppResult<()> {
    let mut r = Rollups::default();
    for b in before {
        r.add_destination(b, -1);
    }
    for a in after {
        r.add_destination(a, 1);
    }
    write(db, &r, true).await
}

// ---------------------------------------------------------------------------------------
// From scratch

/// The facts and rollups recomputed from the raw rows: every published posting in
/// publication order (the dedup window decided in one pass by `posting_dedup::unique_flags`),
/// every application of a counted posting, every destination record.
pub async fn recompute<C: ConnectionTrait>(db: &C) -> AppResult<(Vec<fact::Model>, Rollups)> {
    use posting::Column as P;
    let postings: Vec<PostingRow> = posting::Entity::find()
        .select_only()
        .columns([
            P::Id, P::Kind, P::OccupationCode, P::IndustryCode, P::EducationLevel, P::Experience, P::PayBand, P::Headcount,
            P::Skills, P::Deadline, P::DedupKey, P::PublishedAt, P::ClosedAt,
        ])
        .filter(posting::Column::PublishedAt.is_not_null())
        .filter(posting::Column::Status.is_in(["published", "closed"]))
        .order_by_asc(posting::Column::PublishedAt)
        .order_by_asc(posting::Column::Id)
        .into_model::<PostingRow>()
        .all(db)
        .await?;
    let mut majors: HashMap<i64, posting_major::Model> = HashMap::new();
    for pm in posting_major::Entity::find().order_by_desc(posting_major::Column::Id).all(db).await? {
        majors.insert(pm.posting_id, pm);
    }
    let keyed: Vec<(DedupKey, NaiveDate)> = postings
        .iter()
        .map(|p| {
            let day = china_day(p.published_at.expect("filtered"));
            (DedupKey { enterprise_id: 0, title: p.dedup_key.clone(), location_code: String::new() }, day)
        })
        .collect();
    let flags = unique_flags(&keyed, DEFAULT_WINDOW_DAYS);
    let chains = chain_defs(db).await?;
    let mut r = Rollups::default();
    let mut facts = Vec::with_capacity(postings.len());
    for (p, u) in postings.iter().zip(flags) {
        if let Some(f) = fact_of(p, majors.get(&p.id), u) {
            r.add_posting(&f, &chains, 1);
            facts.push(f);
        }
    }
    let by_id: HashMap<i64, &fact::Model> = facts.iter().map(|f| (f.posting_id, f)).collect();
    let order_ids: Vec<i64> = facts.iter().filter(|f| ORDER_KINDS.contains(&f.kind.as_str())).map(|f| f.posting_id).collect();
    for chunk in order_ids.chunks(5000) {
        for a in application::Entity::find().filter(application::Column::PostingId.is_in(chunk.to_vec())).all(db).await? {
            if let Some(f) = by_id.get(&a.posting_id) {
                r.add_application(f, &chains, &a.status, 1);
            }
        }
    }
    for d in gd::Entity::find().all(db).await? {
        r.add_destination(&DestinationFields::from(&d), 1);
    }
    Ok((facts, r))
}

/// The rollup tables as they are.
pub async fn load<C: ConnectionTrait>(db: &C) -> AppResult<Rollups> {
    let mut r = Rollups::default();
    let sel = |table: &str, cols: &[&str]| {
        let mut q = Query::select();
        q.from(Alias::new(table));
        for c in cols {
            q.column(Alias::new(*c));
        }
        q.to_owned()
    };
    let cols: Vec<&str> = DEMAND_KEYS.iter().chain(DEMAND_VALS.iter()).copied().collect();
    for row in db.query_all(&sel(DEMAND_TABLE, &cols)).await? {
        let g = |c: &str| row.try_get::<String>("", c);
        let n = |c: &str| row.try_get::<i64>("", c);
        let k = DemandKey {
            period: g("period")?,
            slice: g("slice")?,
            chain: g("chain")?,
            industry_code: g("industry_code")?,
            occupation_code: g("occupation_code")?,
            major_level: g("major_level")?,
            major_code: g("major_code")?,
            education: g("education")?,
            experience: g("experience")?,
            pay_band: g("pay_band")?,
        };
        r.demand.insert(k, [n("total_postings")?, n("unique_postings")?, n("new_postings")?, n("headcount")?]);
    }
    let cols: Vec<&str> = SKILL_KEYS.iter().copied().chain(["postings"]).collect();
    for row in db.query_all(&sel(SKILL_TABLE, &cols)).await? {
        let g = |c: &str| row.try_get::<String>("", c);
        let k = SkillKey { period: g("period")?, chain: g("chain")?, occupation_code: g("occupation_code")?, skill: g("skill")? };
        r.skills.insert(k, [row.try_get::<i64>("", "postings")?]);
    }
    let cols: Vec<&str> = APP_KEYS.iter().chain(APP_VALS.iter()).copied().collect();
    for row in db.query_all(&sel(APPLICATION_TABLE, &cols)).await? {
        let g = |c: &str| row.try_get::<String>("", c);
        let n = |c: &str| row.try_get::<i64>("", c);
        let k = ApplicationKey { period: g("period")?, chain: g("chain")?, kind: g("kind")?, occupation_code: g("occupation_code")? };
        r.applications.insert(k, [n("places_offered")?, n("applicants")?, n("admitted")?]);
    }
    let cols: Vec<&str> = SUPPLY_KEYS.iter().chain(SUPPLY_VALS.iter()).copied().collect();
    for row in db.query_all(&sel(SUPPLY_TABLE, &cols)).await? {
        let g = |c: &str| row.try_get::<String>("", c);
        let n = |c: &str| row.try_get::<i64>("", c);
        let k = SupplyKey { cohort: row.try_get::<i32>("", "cohort")?, snapshot: g("snapshot")?, major_level: g("major_level")?, major_code: g("major_code")? };
        r.supply.insert(k, [n("graduates")?, n("employed")?, n("further_study")?, n("seeking")?, n("employed_local")?]);
    }
    Ok(r)
}

/// Empty the rollups and facts and fill them from [`recompute`], in the caller's
/// transaction. Returns (facts, rollup rows).
pub async fn rebuild_in<C: ConnectionTrait>(db: &C) -> AppResult<(usize, usize)> {
    for t in [DEMAND_TABLE, SKILL_TABLE, APPLICATION_TABLE, SUPPLY_TABLE] {
        db.execute(&Query::delete().from_table(Alias::new(t)).to_owned()).await?;
    }
    fact::Entity::delete_many().exec(db).await?;
    let (facts, r) = recompute(db).await?;
    let n_facts = facts.len();
    for chunk in facts.chunks(20_000) {
        // Every column `Set` (a model converts to `Unchanged` values, which a bulk insert skips).
        let rows: Vec<fact::ActiveModel> = chunk.iter().cloned().map(|f| fact::ActiveModel::from(f).reset_all()).collect();
        crate::db::insert_bulk::<fact::Entity, _>(db, rows).await?;
    }
    let r = r.without_zeros();
    let n_rows = r.demand.len() + r.skills.len() + r.applications.len() + r.supply.len();
    write(db, &r, false).await?;
    Ok((n_facts, n_rows))
}

/// Rebuild when the demand rollup is empty but postings have facts (after migration 000009).
pub async fn refill_if_empty<C: ConnectionTrait>(db: &C) -> AppResult<bool> {
    let any_demand = db.query_one(&Query::select().expr(Expr::val(1)).from(Alias::new(DEMAND_TABLE)).limit(1).to_owned()).await?.is_some();
    if any_demand || fact::Entity::find().one(db).await?.is_none() {
        return Ok(false);
    }
    rebuild_in(db).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn f(published_on: NaiveDate, open_until: NaiveDate, is_unique: bool) -> fact::Model {
        fact::Model {
            posting_id: 1,
            dedup_key: "1|电工|370303".into(),
            published_on,
            open_until,
            is_unique,
            kind: "order_class".into(),
            industry_code: "3491".into(),
            occupation_code: "6-31-01-03".into(),
            major_level: String::new(),
            major_code: String::new(),
            education: String::new(),
            experience: "unknown".into(),
            pay_band: "unknown".into(),
            headcount: 3,
            skills: "PLC编程,电工证".into(),
        }
    }

    #[test]
    fn periods_cover_months_quarters_and_years_once() {
        assert_eq!(periods_of_day(d(2026, 9, 30)), ["2026-09".to_string(), "2026-Q3".into(), "2026".into()]);
        let p = periods_between(d(2026, 11, 20), d(2027, 1, 5));
        assert_eq!(p, ["2026-11", "2026-Q4", "2026", "2026-12", "2027-01", "2027-Q1", "2027"]);
    }

    #[test]
    fn open_until_takes_the_earliest_end_and_the_window() {
        let p = d(2026, 3, 1);
        assert_eq!(open_until(p, None, None), d(2026, 4, 29), "60 days: day 0 … day 59");
        assert_eq!(open_until(p, None, Some(d(2026, 3, 10))), d(2026, 3, 10));
        let closed = chrono::DateTime::parse_from_rfc3339("2026-03-05T20:00:00Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(open_until(p, Some(closed), Some(d(2026, 3, 10))), d(2026, 3, 6), "closing day in China time");
        assert_eq!(open_until(p, None, Some(d(2026, 2, 1))), p, "never before publication");
    }

    #[test]
    fn a_unique_posting_counts_where_it_is_live_a_duplicate_only_in_total() {
        let mut r = Rollups::default();
        r.add_posting(&f(d(2026, 3, 20), d(2026, 4, 10), true), &[], 1);
        let get = |r: &Rollups, p: &str| r.demand.iter().find(|(k, _)| k.period == p && k.slice == "industry").map(|(_, v)| *v);
        assert_eq!(get(&r, "2026-03"), Some([1, 1, 1, 3]));
        assert_eq!(get(&r, "2026-04"), Some([0, 1, 0, 3]), "active, not new, not total");
        assert_eq!(get(&r, "2026-Q1"), Some([1, 1, 1, 3]));
        assert_eq!(get(&r, "2026-Q2"), Some([0, 1, 0, 3]));
        assert_eq!(get(&r, "2026"), Some([1, 1, 1, 3]), "once in the year");
        assert_eq!(r.skills.len(), 2 * 5);
        assert_eq!(r.applications.len(), 3, "places in the periods of publication");
        let mut dup = Rollups::default();
        dup.add_posting(&f(d(2026, 3, 21), d(2026, 4, 10), false), &[], 1);
        assert_eq!(get(&dup, "2026-03"), Some([1, 0, 0, 0]));
        assert_eq!(get(&dup, "2026-04"), None);
        assert!(dup.skills.is_empty());
        // Adding then removing leaves nothing.
        r.add_posting(&f(d(2026, 3, 20), d(2026, 4, 10), true), &[], -1);
        assert!(r.without_zeros().is_empty());
    }

    #[test]
    fn each_projection_keeps_its_dimensions_and_the_chain() {
        let chains = [ChainDef { name: "智能制造".into(), industry_codes: vec!["34".into()] }];
        let mut fact = f(d(2026, 3, 20), d(2026, 3, 25), true);
        fact.education = "secondary".into();
        fact.major_level = "secondary".into();
        fact.major_code = "660301".into();
        fact.pay_band = "3000_5000".into();
        let mut r = Rollups::default();
        r.add_posting(&fact, &chains, 1);
        let year: Vec<&DemandKey> = r.demand.keys().filter(|k| k.period == "2026").collect();
        assert_eq!(year.len(), 5, "one row per projection");
        assert!(year.iter().all(|k| k.chain == "智能制造"), "3491 falls into the chain of 34");
        let of = |s: &str| *year.iter().find(|k| k.slice == s).unwrap();
        assert_eq!((of("industry").industry_code.as_str(), of("industry").occupation_code.as_str()), ("3491", ""));
        let edu = of("education");
        assert_eq!((edu.occupation_code.as_str(), edu.education.as_str(), edu.pay_band.as_str(), edu.industry_code.as_str()), ("6-31-01-03", "secondary", "", ""));
        assert_eq!((of("major").major_code.as_str(), of("major").major_level.as_str(), of("major").education.as_str()), ("660301", "secondary", ""));
        assert_eq!((of("pay").pay_band.as_str(), of("experience").experience.as_str()), ("3000_5000", "unknown"));
        assert!(r.skills.keys().all(|k| k.chain == "智能制造"));
        assert!(r.applications.keys().all(|k| k.chain == "智能制造"));
    }

    #[test]
    fn applications_count_applicants_and_admissions() {
        let mut r = Rollups::default();
        let fact = f(d(2026, 3, 20), d(2026, 4, 10), true);
        r.add_application(&fact, &[], "received", 1);
        r.add_application(&fact, &[], "received", -1);
        r.add_application(&fact, &[], "offer", 1);
        assert!(r.applications.values().all(|v| *v == [0, 1, 1]));
        let mut w = Rollups::default();
        w.add_application(&fact, &[], "withdrawn", 1);
        assert!(w.applications.is_empty(), "a withdrawn application counts nowhere");
        let fulltime = fact::Model { kind: "fulltime".into(), ..fact };
        let mut n = Rollups::default();
        n.add_application(&fulltime, &[], "hired", 1);
        assert!(n.is_empty(), "only 订单班 and 学徒制 feed the ANR");
    }
}
