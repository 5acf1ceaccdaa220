//! Public posting search: Chinese full text (crate::search) plus facet filters, with
//! facet counts over the filtered set, newest first, offset paging.
//!
//! Two paths give the same `Hits` (tests/search_index.rs checks it on both databases):
//! the in-memory index of the open postings (`search_index`, what serves once built) and
//! SQL over the database's full-text index (facet counts by GROUP BY, cached per query in
//! `CountCache`), which serves while the index is being built and for the rare query the
//! index does not answer. `bench/run.sh search` measures the first against the second's
//! bare statements (the floor).

use super::search_index::SearchIndex;
use super::{PostingView, today, views};
use crate::auth::Ctx;
use crate::entity::posting;
use crate::error::AppResult;
use crate::search::{Sql, postings_match, query_words};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use zhijiao_domain::catalog::catalogs;

#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::IntoParams)]
pub struct SearchQuery {
    /// Words to find (Chinese is segmented), e.g. 数控 or 机电 实习.
    pub q: Option<String>,
    /// fulltime | internship | apprenticeship | order_class
    pub kind: Option<String>,
    /// GB/T 4754 门类 letter, e.g. C.
    pub section: Option<String>,
    /// 职业分类大典 大类 digit, e.g. 6.
    pub occ: Option<String>,
    /// Wanted major code, e.g. 660301.
    pub major: Option<String>,
    /// Zibo county code.
    pub county: Option<String>,
    /// lt3000 | 3000_5000 | 5000_8000 | ge8000 | unknown
    pub pay: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

pub(super) fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Facet {
    /// The query parameter this facet sets.
    pub key: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResult {
    pub total: i64,
    pub page: u64,
    pub per_page: u64,
    pub items: Vec<PostingView>,
    pub facets: Vec<Facet>,
}

/// The number of matches, the six facets and the page of ids, newest first: what a search
/// computes before reading the page's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    pub total: i64,
    pub facets: Vec<Facet>,
    pub ids: Vec<i64>,
}

/// Published and open on `today` (alias `p`): what anybody may find, before the school a
/// posting is aimed at. The search index holds exactly these.
pub(super) fn open_clause(sql: &mut Sql, today: chrono::NaiveDate) -> String {
    let status = sql.param("published");
    let d = sql.param(today);
    format!("p.status = {status} AND (p.deadline IS NULL OR p.deadline >= {d})")
}

/// The WHERE clause of the filtered set (alias `p`), binding as it goes. Postings aimed
/// at one school appear only to people of `school`.
fn where_clause(f: &SearchQuery, words: &[String], school: Option<i64>, sql: &mut Sql) -> String {
    let mut w = vec![open_clause(sql, today())];
    w.push(match school {
        Some(s) => format!("(p.target_school_id IS NULL OR p.target_school_id = {})", sql.param(s)),
        None => "p.target_school_id IS NULL".to_string(),
    });
    if !words.is_empty() {
        w.push(postings_match(sql, "p", words));
    }
    for (val, col) in [(some(&f.kind), "p.kind"), (some(&f.section), "p.industry_section"), (some(&f.occ), "p.occupation_major"), (some(&f.county), "p.county_code"), (some(&f.pay), "p.pay_band")] {
        if let Some(v) = val {
            w.push(format!("{col} = {}", sql.param(v.to_string())));
        }
    }
    if let Some(m) = some(&f.major) {
        w.push(format!("p.id IN (SELECT posting_id FROM posting_majors WHERE major_code = {})", sql.param(m.to_string())));
    }
    w.join(" AND ")
}

fn label(key: &str, value: &str) -> String {
    let c = catalogs();
    match key {
        "kind" => super::kind_zh(value).to_string(),
        "section" => c.industry(value).map(|i| i.name.clone()).unwrap_or_else(|| value.to_string()),
        "occ" => c.occupation(value).map(|o| o.name.clone()).unwrap_or_else(|| value.to_string()),
        "major" => c.major_any_level(value).map(|m| m.name.clone()).unwrap_or_else(|| value.to_string()),
        "county" => c.division(value).map(|d| d.name.clone()).unwrap_or_else(|| value.to_string()),
        "pay" => match value {
            "lt3000" => "3000元以下".into(),
            "3000_5000" => "3000–5000元".into(),
            "5000_8000" => "5000–8000元".into(),
            "ge8000" => "8000元以上".into(),
            _ => "面议".into(),
        },
        _ => value.to_string(),
    }
}

pub const FACETS: [(&str, &str); 6] = [
    ("kind", "p.kind"),
    ("section", "p.industry_section"),
    ("occ", "p.occupation_major"),
    ("major", ""),
    ("county", "p.county_code"),
    ("pay", "p.pay_band"),
];

/// How many values a facet lists.
pub(super) const FACET_VALUES: usize = 30;

/// The number of matches and the facet counts over the filtered set. The five facets of
/// posting columns and the total come from one grouped pass (their combinations are few),
/// majors from a second query over `posting_majors`; each facet lists its 30 largest
/// values, ties by value, as a `GROUP BY … ORDER BY n DESC, k LIMIT 30` per facet would.
async fn counts<C: ConnectionTrait>(db: &C, f: &SearchQuery, words: &[String], school: Option<i64>) -> AppResult<(i64, Vec<Facet>)> {
    let mut sql = Sql::new(db.get_database_backend());
    let w = where_clause(f, words, school, &mut sql);
    let rows = db
        .query_all_raw(sql.statement(format!(
            "SELECT p.kind AS kind, p.industry_section AS section, p.occupation_major AS occ, p.county_code AS county, \
             p.pay_band AS pay, COUNT(*) AS n FROM postings p WHERE {w} GROUP BY p.kind, p.industry_section, \
             p.occupation_major, p.county_code, p.pay_band"
        )))
        .await?;
    let keys = ["kind", "section", "occ", "county", "pay"];
    let mut tallies: Vec<HashMap<String, i64>> = vec![HashMap::new(); keys.len()];
    let mut total = 0i64;
    for r in rows {
        let n: i64 = r.try_get("", "n")?;
        total += n;
        for (i, key) in keys.iter().enumerate() {
            if let Some(v) = r.try_get::<Option<String>>("", key)? {
                *tallies[i].entry(v).or_insert(0) += n;
            }
        }
    }
    let mut by_key: HashMap<&str, Facet> = HashMap::new();
    for (key, tally) in keys.iter().zip(tallies) {
        let mut values: Vec<(String, i64)> = tally.into_iter().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        values.truncate(FACET_VALUES);
        by_key.insert(key, facet_of(key, values));
    }

    let mut sql = Sql::new(db.get_database_backend());
    let w = where_clause(f, words, school, &mut sql);
    let rows = db
        .query_all_raw(sql.statement(format!(
            "SELECT pm.major_code AS k, COUNT(DISTINCT p.id) AS n FROM postings p JOIN posting_majors pm ON pm.posting_id = p.id \
             WHERE {w} GROUP BY pm.major_code ORDER BY n DESC, k LIMIT {FACET_VALUES}"
        )))
        .await?;
    let mut majors = Vec::new();
    for r in rows {
        majors.push((r.try_get::<String>("", "k")?, r.try_get::<i64>("", "n")?));
    }
    by_key.insert("major", facet_of("major", majors));
    let facets = FACETS.iter().filter_map(|(key, _)| by_key.remove(key)).collect();
    Ok((total, facets))
}

pub(super) fn facet_of(key: &str, values: Vec<(String, i64)>) -> Facet {
    Facet { key: key.into(), values: values.into_iter().map(|(value, count)| FacetValue { label: label(key, &value), value, count }).collect() }
}

/// The first page of matching ids, newest first.
async fn page_ids<C: ConnectionTrait>(db: &C, f: &SearchQuery, words: &[String], school: Option<i64>, paging: &crate::web::Paging) -> AppResult<Vec<i64>> {
    let mut sql = Sql::new(db.get_database_backend());
    let w = where_clause(f, words, school, &mut sql);
    let limit = sql.param(paging.per_page as i64);
    let offset = sql.param(paging.offset() as i64);
    let rows = db
        .query_all_raw(sql.statement(format!(
            "SELECT p.id AS id FROM postings p WHERE {w} ORDER BY p.published_at DESC, p.id DESC LIMIT {limit} OFFSET {offset}"
        )))
        .await?;
    Ok(rows.iter().map(|r| r.try_get("", "id")).collect::<Result<_, _>>()?)
}

fn paging_of(f: &SearchQuery) -> crate::web::Paging {
    crate::web::Paging::new(f.page, Some(f.per_page.unwrap_or(20)))
}

/// The hits from the index when it is ready (and answers the query), else by SQL, with
/// the counts from `cache` when given, valid for the change feed's `generation` read
/// before this call (a change while counting then leaves an entry nobody is served).
async fn hits(db: &DatabaseConnection, index: Option<&SearchIndex>, cache: Option<(&CountCache, u64)>, f: &SearchQuery, school: Option<i64>) -> AppResult<Hits> {
    let words = some(&f.q).map(query_words).unwrap_or_default();
    let paging = paging_of(f);
    if let Some(index) = index {
        if let Some(hits) = index.hits(db, f, &words, school, &paging).await? {
            return Ok(hits);
        }
    }
    let (total, facets) = match cache {
        None => counts(db, f, &words, school).await?,
        Some((cache, generation)) => {
            let key = cache_key(f, &words, school);
            match cache.get(&key, generation) {
                Some(hit) => hit,
                None => {
                    let fresh = counts(db, f, &words, school).await?;
                    cache.put(key, generation, fresh.clone());
                    fresh
                }
            }
        }
    };
    let ids = if total == 0 { Vec::new() } else { page_ids(db, f, &words, school, &paging).await? };
    Ok(Hits { total, facets, ids })
}

/// The hits of the SQL path, every count computed afresh (the reference the index is
/// tested against).
pub async fn sql_hits(db: &DatabaseConnection, f: &SearchQuery, school: Option<i64>) -> AppResult<Hits> {
    hits(db, None, None, f, school).await
}

/// The hits of the index; None while it is not built.
pub async fn index_hits(db: &DatabaseConnection, index: &SearchIndex, f: &SearchQuery, school: Option<i64>) -> AppResult<Option<Hits>> {
    let words = some(&f.q).map(query_words).unwrap_or_default();
    index.hits(db, f, &words, school, &paging_of(f)).await
}

/// The page's rows and their views.
async fn results(db: &DatabaseConnection, ctx: &Ctx, f: &SearchQuery, hits: Hits) -> AppResult<SearchResult> {
    let paging = paging_of(f);
    let ids = hits.ids;
    let mut models = posting::Entity::find().filter(posting::Column::Id.is_in(ids.clone())).all(db).await?;
    models.sort_by_key(|m| ids.iter().position(|i| *i == m.id));
    let items = views(db, ctx, models).await?;
    Ok(SearchResult { total: hits.total, page: paging.page, per_page: paging.per_page, items, facets: hits.facets })
}

/// Search published, open postings: everything a request computes without cached counts
/// (from the index once it is built). What `bench/run.sh search` measures.
pub async fn search_uncached(db: &DatabaseConnection, index: &SearchIndex, ctx: &Ctx, f: &SearchQuery) -> AppResult<SearchResult> {
    let hits = hits(db, Some(index), None, f, super::viewer_school(ctx)).await?;
    results(db, ctx, f, hits).await
}

/// Search published, open postings (the /postings page and the API). Anonymous visitors
/// may search, and get their results from the server's [`PageCache`] when the same query
/// was answered in the same generation. Otherwise from the index once it is built; until
/// then by SQL, with the counts kept per query (see [`CountCache`]).
pub async fn search(s: &crate::web::AppState, ctx: &Ctx, f: &SearchQuery) -> AppResult<SearchResult> {
    let school = super::viewer_school(ctx);
    let page_key = ctx.user.is_none().then(|| {
        let words = some(&f.q).map(query_words).unwrap_or_default();
        let paging = paging_of(f);
        format!("{}|{}|{}", cache_key(f, &words, school), paging.page, paging.per_page)
    });
    let changes = s.search_index.changes().seq();
    // Both counters only grow, so their sum changes whenever either does.
    let generation = changes + s.search_index.version();
    if let Some(hit) = page_key.as_ref().and_then(|k| s.search_pages.get(k, generation)) {
        return Ok(hit);
    }
    let hits = hits(&s.db, Some(&s.search_index), Some((&s.search_cache, changes)), f, school).await?;
    let result = results(&s.db, ctx, f, hits).await?;
    if let Some(key) = page_key {
        s.search_pages.put(key, generation, result.clone());
    }
    Ok(result)
}

/// The floor for `bench/run.sh search`: the same full-text query and filters sent straight
/// to the database as the two statements any paged result list needs, the number of
/// matches and the first page of ids. Returns the number of matches.
pub async fn floor(db: &DatabaseConnection, f: &SearchQuery) -> AppResult<i64> {
    let words = some(&f.q).map(query_words).unwrap_or_default();
    let mut sql = Sql::new(db.get_database_backend());
    let w = where_clause(f, &words, None, &mut sql);
    let total: i64 = db
        .query_one_raw(sql.statement(format!("SELECT COUNT(*) AS n FROM postings p WHERE {w}")))
        .await?
        .map(|r| r.try_get("", "n"))
        .transpose()?
        .unwrap_or(0);
    page_ids(db, f, &words, None, &paging_of(f)).await?;
    Ok(total)
}

// ---------------------------------------------------------------------------------------
// The count cache (the SQL path)

/// Every write that can change what search finds (publication, closing, the loaders)
/// calls one of these after it commits: the index catches up, cached counts from before
/// are not used again.
pub use super::search_index::PostingChanges;

/// Results per query, for one database (it lives in the server's state). An entry serves
/// while the generation it was computed at is current — a posting published or closed
/// through this process (and, for pages, the search index rebuilt) starts a new one —,
/// within the day of its key (deadlines close postings on read) and for at most
/// [`QueryCache::TTL`], which bounds staleness when another process writes.
pub struct QueryCache<T> {
    entries: Mutex<HashMap<String, CacheEntry<T>>>,
}

impl<T> Default for QueryCache<T> {
    fn default() -> Self {
        QueryCache { entries: Mutex::new(HashMap::new()) }
    }
}

struct CacheEntry<T> {
    at: Instant,
    generation: u64,
    value: T,
}

impl<T: Clone> QueryCache<T> {
    pub const TTL: Duration = Duration::from_secs(30);
    const CAPACITY: usize = 2_000;

    fn get(&self, key: &str, generation: u64) -> Option<T> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let e = entries.get(key)?;
        (e.generation == generation && e.at.elapsed() < Self::TTL).then(|| e.value.clone())
    }

    fn put(&self, key: String, generation: u64, value: T) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= Self::CAPACITY {
            // Rarely reached; dropping everything is simpler than LRU and as correct.
            entries.clear();
        }
        entries.insert(key, CacheEntry { at: Instant::now(), generation, value });
    }
}

/// The number of matches and the facets per query, for the SQL path (at a million
/// postings counting every match is its expensive part).
pub type CountCache = QueryCache<(i64, Vec<Facet>)>;

/// Whole results (facets, rows, views) of anonymous visitors' searches, who all see the
/// same: under load the public list is mostly the same few pages, and this spares the
/// page's database reads too.
pub type PageCache = QueryCache<SearchResult>;

/// The counts depend on the words, the filters, the viewer's school (postings aimed at
/// one school) and the day, not on the page.
fn cache_key(f: &SearchQuery, words: &[String], school: Option<i64>) -> String {
    let v = |o: &Option<String>| some(o).unwrap_or("").to_string();
    let school = school.map(|s| s.to_string()).unwrap_or_default();
    format!("{}|{}|{}|{}|{}|{}|{}|{}|{school}", words.join(" "), v(&f.kind), v(&f.section), v(&f.occ), v(&f.major), v(&f.county), v(&f.pay), today())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_serves_until_a_posting_changes() {
        let cache = CountCache::default();
        let f = SearchQuery { q: Some("电工".into()), page: Some(3), ..Default::default() };
        let key = cache_key(&f, &["电工".to_string()], None);
        assert_eq!(key, cache_key(&SearchQuery { page: Some(1), ..f.clone() }, &["电工".to_string()], None), "the page is not part of the key");
        assert_ne!(key, cache_key(&f, &["电工".to_string()], Some(3)), "a school's people may see postings aimed at it");
        let changes = PostingChanges::default();
        assert!(cache.get(&key, changes.seq()).is_none());
        cache.put(key.clone(), changes.seq(), (7, Vec::new()));
        assert_eq!(cache.get(&key, changes.seq()).map(|h| h.0), Some(7));
        changes.posting_changed(12);
        assert!(cache.get(&key, changes.seq()).is_none(), "a publication invalidates");
    }
}
