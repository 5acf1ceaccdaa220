//! The in-memory index behind posting search at province scale.
//!
//! Why: at a million postings a broad Chinese word matches tens of thousands of open
//! postings, and both the facet counts and `ORDER BY published_at DESC LIMIT 20` over the
//! full-text matches must touch every match, in SQLite's FTS5 and in PostgreSQL's GIN
//! alike (seconds per request). Only the open, published postings can be found (about a
//! quarter of all), so they fit in memory:
//!
//! - every word of a posting's `search_text` (the jieba words written by
//!   `crate::search::index_text`) maps to a roaring bitmap of posting *positions*;
//! - positions follow (published_at DESC, id DESC), the order of the result list, so the
//!   first positions of an intersection are the newest page;
//! - per position a small `Row` holds what the SQL `where_clause` tests (deadline, the
//!   school a posting is aimed at, the five column facets, the wanted majors), so the
//!   number of matches, all six facets and the page come from one pass over the matches.
//!
//! Only the page's 20 rows are then read from the database, by id. The results are the
//! SQL path's (`search::sql_hits`), which the tests check on both databases.
//!
//! Staying correct:
//! - deadlines pass: tested per request against today, like the SQL does;
//! - publication and closing through this server: `posting_changed(id)` (after commit)
//!   appends to a change log; the next search re-reads those postings by id and updates
//!   the index in place (a new publication is the newest posting, so it takes the next
//!   position *before* all others: rows appended get START−1, START−2, …);
//! - bulk loaders (`postings_changed()`) and anything the index cannot place exactly make
//!   it stale: searches use the SQL path until the background task has rebuilt it;
//! - other processes: the background task compares a cheap fingerprint (count and newest
//!   publication of `status = 'published'`, served by `ix_posting_status_published`)
//!   every [`RECONCILE`] and rebuilds when it differs, and rebuilds anyway every
//!   [`REBUILD_AT_LEAST`] (edits the fingerprint cannot see). Until a rebuild finishes the
//!   previous index serves; requests never wait for a build.
//!
//! Words: the index splits `search_text` at every character that is not alphanumeric,
//! as FTS5's unicode61 tokenizer does; a query word that contains such a character (the
//! two databases treat those differently) is answered by the SQL path.

use super::search::{FACET_VALUES, Facet, Hits, SearchQuery, facet_of, open_clause, some};
use crate::error::AppResult;
use crate::search::Sql;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use roaring::RoaringBitmap;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Duration, Instant};

/// How often the background task looks for writes by other processes.
pub const RECONCILE: Duration = Duration::from_secs(10);
/// A full rebuild at least this often, for edits the fingerprint does not reveal.
pub const REBUILD_AT_LEAST: Duration = Duration::from_secs(600);

// ---------------------------------------------------------------------------------------
// The change feed: which postings this server changed

/// The postings changed through one server, newest last, with a sequence number: the
/// after-commit hook of every posting write. It belongs to that server's index
/// ([`SearchIndex::changes`]) and writers receive it as an argument, so each server state
/// (and each test) owns its own; nothing about it is process-global. The index remembers
/// the number it has applied; the feed keeps the last [`LOG_KEEP`] changes (an index
/// further behind rebuilds).
#[derive(Default)]
pub struct PostingChanges {
    log: Mutex<ChangeLog>,
    /// `ChangeLog::seq`, readable without the lock (every search looks at it).
    seq: AtomicU64,
}

#[derive(Default)]
struct ChangeLog {
    seq: u64,
    /// (sequence number, posting id); None = many postings (a loader), rebuild.
    recent: VecDeque<(u64, Option<i64>)>,
}

const LOG_KEEP: usize = 10_000;

impl PostingChanges {
    fn log_change(&self, id: Option<i64>) {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.seq += 1;
        let seq = log.seq;
        log.recent.push_back((seq, id));
        if log.recent.len() > LOG_KEEP {
            log.recent.pop_front();
        }
        self.seq.store(seq, Ordering::Release);
    }

    /// A posting was published, closed or otherwise changed, and the change is committed.
    pub fn posting_changed(&self, id: i64) {
        self.log_change(Some(id));
    }

    /// Many postings changed (the demo and benchmark loaders), committed: the index rebuilds.
    pub fn postings_changed(&self) {
        self.log_change(None);
    }

    /// The sequence number of the last change (also the count cache's generation).
    pub fn seq(&self) -> u64 {
        self.seq.load(Ordering::Acquire)
    }

    /// The postings changed after `seq`, and the sequence number they bring the reader to;
    /// None if the log no longer reaches back that far or a loader changed many postings.
    fn since(&self, seq: u64) -> (u64, Option<Vec<i64>>) {
        let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        if log.seq == seq {
            return (seq, Some(Vec::new()));
        }
        let reaches = log.recent.front().is_some_and(|(first, _)| *first <= seq + 1);
        let ids = log.recent.iter().filter(|(s, _)| *s > seq).map(|(_, id)| *id).collect::<Option<Vec<i64>>>();
        (log.seq, ids.filter(|_| reaches))
    }
}

// ---------------------------------------------------------------------------------------
// The index

/// Positions of the rows of a build start here and go up (older); rows appended later
/// (newer than all) take START−1, START−2, … so ascending position is always newest first.
const START: u32 = 1 << 31;

/// Column facets in the order of `COLUMNS`: kind, section, occ, county, pay.
const COLUMNS: [(&str, &str); 5] =
    [("kind", "p.kind"), ("section", "p.industry_section"), ("occ", "p.occupation_major"), ("county", "p.county_code"), ("pay", "p.pay_band")];

/// Value strings ⇄ small codes; code 0 is NULL.
#[derive(Default)]
struct Dictionary {
    codes: HashMap<String, u32>,
    values: Vec<String>,
}

impl Dictionary {
    fn code(&mut self, value: Option<String>) -> u32 {
        let Some(v) = value else { return 0 };
        if let Some(c) = self.codes.get(&v) {
            return *c;
        }
        self.values.push(v.clone());
        let c = self.values.len() as u32;
        self.codes.insert(v, c);
        c
    }
    fn find(&self, value: &str) -> Option<u32> {
        self.codes.get(value).copied()
    }
    fn value(&self, code: u32) -> &str {
        &self.values[code as usize - 1]
    }
    fn len(&self) -> usize {
        self.values.len() + 1
    }
}

/// What the SQL `where_clause` tests of one indexed posting.
struct Row {
    id: i64,
    /// False once closed (or re-read) since it was indexed; its word bits stay.
    live: bool,
    /// Days from the common era; `i32::MAX` = no deadline.
    deadline: i32,
    target_school: Option<i64>,
    columns: [u32; 5],
    /// Wanted majors (codes into `Index::majors`), each once.
    majors: Box<[u32]>,
}

impl Row {
    /// A slot not filled (yet): the posting was closed before its row was read.
    fn empty(id: i64) -> Row {
        Row { id, live: false, deadline: 0, target_school: None, columns: [0; 5], majors: Box::new([]) }
    }
}

/// A posting as read from the database for the index.
struct Loaded {
    id: i64,
    published_at: Option<DateTime<Utc>>,
    deadline: Option<NaiveDate>,
    target_school: Option<i64>,
    columns: [Option<String>; 5],
    search_text: String,
    majors: Vec<String>,
}

struct Index {
    rows: Vec<Row>,
    /// Rows `0..built` are the build's (positions START + r); later rows were appended.
    built: u32,
    /// The position of each live row's posting.
    positions: HashMap<i64, u32>,
    words: HashMap<Box<str>, RoaringBitmap>,
    columns: [Dictionary; 5],
    majors: Dictionary,
    /// (published_at, id) of the newest posting indexed: one appended must be newer, or
    /// it would not belong before all others.
    newest: Option<(DateTime<Utc>, i64)>,
    /// False when the newest posting is unknown: it was closed before its row was read,
    /// or has no publication time (PostgreSQL sorts those first). Then nothing can be
    /// appended: a publication makes the index rebuild.
    appendable: bool,
    /// The change-log sequence number this index reflects.
    applied: u64,
    /// The fingerprint of the database as this index reflects it, and when it was built.
    fingerprint: Fingerprint,
    built_at: Instant,
}

fn days(d: Option<NaiveDate>) -> i32 {
    d.map(|d| d.num_days_from_ce()).unwrap_or(i32::MAX)
}

/// The words FTS5's unicode61 tokenizer would index: runs of alphanumeric characters.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

impl Index {
    fn empty(applied: u64, fingerprint: Fingerprint) -> Index {
        Index {
            rows: Vec::new(),
            built: 0,
            positions: HashMap::new(),
            words: HashMap::new(),
            columns: Default::default(),
            majors: Dictionary::default(),
            newest: None,
            appendable: true,
            applied,
            fingerprint,
            built_at: Instant::now(),
        }
    }

    fn row_of(&self, position: u32) -> usize {
        if position >= START { (position - START) as usize } else { self.built as usize + (START - 1 - position) as usize }
    }

    /// Put a posting at `position` (its row slot must exist).
    fn put(&mut self, position: u32, p: Loaded) {
        for w in words_of(&p.search_text) {
            let lower;
            let w = if w.chars().any(char::is_uppercase) {
                lower = w.to_lowercase();
                lower.as_str()
            } else {
                w
            };
            match self.words.get_mut(w) {
                Some(b) => {
                    b.insert(position);
                }
                None => {
                    self.words.insert(w.into(), RoaringBitmap::from_iter([position]));
                }
            }
        }
        let [a, b, c, d, e] = p.columns;
        let columns = [self.columns[0].code(a), self.columns[1].code(b), self.columns[2].code(c), self.columns[3].code(d), self.columns[4].code(e)];
        let mut majors: Vec<u32> = p.majors.into_iter().map(|m| self.majors.code(Some(m))).collect();
        majors.sort_unstable();
        majors.dedup();
        let r = self.row_of(position);
        self.rows[r] = Row { id: p.id, live: true, deadline: days(p.deadline), target_school: p.target_school, columns, majors: majors.into() };
        self.positions.insert(p.id, position);
    }

    /// Apply re-read postings (those of `changed` that are open now are in `open`). Each
    /// open one is appended as the newest; false if one is older than the newest indexed
    /// (it would not belong before all others): rebuild. Re-appending the newest itself
    /// (a publication replayed after a build that already saw it) is fine.
    fn apply(&mut self, changed: &[i64], mut open: Vec<Loaded>) -> bool {
        for id in changed {
            if let Some(position) = self.positions.remove(id) {
                let r = self.row_of(position);
                self.rows[r].live = false;
            }
        }
        open.sort_by(|a, b| (a.published_at, a.id).cmp(&(b.published_at, b.id)));
        for p in open {
            let key = match p.published_at {
                Some(at) if self.appendable && self.newest.is_none_or(|n| (at, p.id) >= n) => (at, p.id),
                _ => return false,
            };
            let appended = (self.rows.len() - self.built as usize) as u32;
            if appended + 1 >= START {
                return false;
            }
            self.rows.push(Row::empty(p.id));
            self.put(START - 1 - appended, p);
            self.newest = Some(key);
        }
        true
    }

    /// Number of matches, facets and page for a query; None if a word is one the index
    /// does not answer exactly (see the module comment).
    fn hits(&self, f: &SearchQuery, query_words: &[String], school: Option<i64>, today: NaiveDate, paging: &crate::web::Paging) -> Option<Hits> {
        if query_words.iter().any(|w| w.chars().any(|c| !c.is_alphanumeric())) {
            return None;
        }
        let empty = || Hits { total: 0, facets: self.facets(&Default::default()), ids: Vec::new() };
        // Filters to codes; a value the index never saw matches nothing.
        let filters = [&f.kind, &f.section, &f.occ, &f.county, &f.pay];
        let mut wanted = [None; 5];
        for (i, value) in filters.iter().enumerate() {
            if let Some(v) = some(value) {
                match self.columns[i].find(v) {
                    Some(c) => wanted[i] = Some(c),
                    None => return Some(empty()),
                }
            }
        }
        let major = match some(&f.major) {
            Some(m) => match self.majors.find(m) {
                Some(c) => Some(c),
                None => return Some(empty()),
            },
            None => None,
        };
        // Candidates in position order: the intersection of the words' bitmaps (smallest
        // first), or every position.
        let mut bitmaps = Vec::with_capacity(query_words.len());
        for w in query_words {
            match self.words.get(w.as_str()) {
                Some(b) => bitmaps.push(b),
                None => return Some(empty()),
            }
        }
        bitmaps.sort_by_key(|b| b.len());
        let intersection;
        let candidates: Box<dyn Iterator<Item = u32> + '_> = match bitmaps.as_slice() {
            [] => Box::new((START - (self.rows.len() as u32 - self.built))..(START + self.built)),
            [only] => Box::new(only.iter()),
            [first, rest @ ..] => {
                intersection = rest.iter().fold((*first).clone(), |acc, b| acc & *b);
                Box::new(intersection.iter())
            }
        };

        let today = today.num_days_from_ce();
        let skip = paging.offset();
        let mut tally = Tally::new(self);
        let mut ids = Vec::with_capacity(paging.per_page as usize);
        for position in candidates {
            let row = &self.rows[self.row_of(position)];
            let visible = row.live
                && row.deadline >= today
                && row.target_school.is_none_or(|t| Some(t) == school)
                && wanted.iter().zip(row.columns).all(|(w, c)| w.is_none_or(|w| w == c))
                && major.is_none_or(|m| row.majors.binary_search(&m).is_ok());
            if !visible {
                continue;
            }
            if tally.total >= skip as i64 && ids.len() < paging.per_page as usize {
                ids.push(row.id);
            }
            tally.add(row);
        }
        Some(Hits { total: tally.total, facets: self.facets(&tally), ids })
    }

    /// The facets in `search::FACETS` order, each its 30 largest values, ties by value.
    fn facets(&self, tally: &Tally) -> Vec<Facet> {
        let top = |key: &str, dictionary: &Dictionary, counts: &[i64]| {
            let mut values: Vec<(String, i64)> =
                counts.iter().enumerate().skip(1).filter(|(_, n)| **n > 0).map(|(c, n)| (dictionary.value(c as u32).to_string(), *n)).collect();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            values.truncate(FACET_VALUES);
            facet_of(key, values)
        };
        let column = |i: usize| top(COLUMNS[i].0, &self.columns[i], tally.columns.get(i).map(Vec::as_slice).unwrap_or(&[]));
        vec![column(0), column(1), column(2), top("major", &self.majors, &tally.majors), column(3), column(4)]
    }
}

/// Counts per value code, over the matches of one query.
#[derive(Default)]
struct Tally {
    total: i64,
    columns: Vec<Vec<i64>>,
    majors: Vec<i64>,
}

impl Tally {
    fn new(ix: &Index) -> Tally {
        Tally { total: 0, columns: ix.columns.iter().map(|d| vec![0; d.len()]).collect(), majors: vec![0; ix.majors.len()] }
    }
    fn add(&mut self, row: &Row) {
        self.total += 1;
        for (i, c) in row.columns.iter().enumerate() {
            self.columns[i][*c as usize] += 1;
        }
        for m in row.majors.iter() {
            self.majors[*m as usize] += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading from the database

/// What changes when postings are published or closed, cheap to read (an index-only
/// scan of `ix_posting_status_published`).
#[derive(Debug, Clone, PartialEq)]
struct Fingerprint {
    published: i64,
    /// As text: only compared, and the same on both databases.
    newest: Option<String>,
}

async fn fingerprint<C: ConnectionTrait>(db: &C) -> AppResult<Fingerprint> {
    let mut sql = Sql::new(db.get_database_backend());
    let status = sql.param("published");
    let row = db
        .query_one_raw(sql.statement(format!("SELECT COUNT(*) AS n, CAST(MAX(published_at) AS TEXT) AS newest FROM postings WHERE status = {status}")))
        .await?;
    let Some(row) = row else { return Ok(Fingerprint { published: 0, newest: None }) };
    Ok(Fingerprint { published: row.try_get("", "n")?, newest: row.try_get("", "newest")? })
}

/// The open postings among `condition` (on `p`, with its values bound in `sql`), with
/// their wanted majors.
async fn load<C: ConnectionTrait>(db: &C, today: NaiveDate, condition: impl Fn(&mut Sql, &str) -> String) -> AppResult<Vec<Loaded>> {
    let backend = db.get_database_backend();
    let mut sql = Sql::new(backend);
    let open = open_clause(&mut sql, today);
    let of = condition(&mut sql, "p.id");
    let rows = db
        .query_all_raw(sql.statement(format!(
            "SELECT p.id AS id, p.published_at AS published_at, p.deadline AS deadline, p.target_school_id AS target, \
             p.kind AS kind, p.industry_section AS section, p.occupation_major AS occ, p.county_code AS county, p.pay_band AS pay, \
             p.search_text AS search_text FROM postings p WHERE {open} AND {of}"
        )))
        .await?;
    let mut sql = Sql::new(backend);
    let of = condition(&mut sql, "pm.posting_id");
    let mut majors: HashMap<i64, Vec<String>> = HashMap::new();
    for r in db.query_all_raw(sql.statement(format!("SELECT pm.posting_id AS id, pm.major_code AS code FROM posting_majors pm WHERE {of}"))).await? {
        majors.entry(r.try_get("", "id")?).or_default().push(r.try_get("", "code")?);
    }
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id: i64 = r.try_get("", "id")?;
        let mut columns: [Option<String>; 5] = Default::default();
        for (i, (key, _)) in COLUMNS.iter().enumerate() {
            columns[i] = r.try_get("", key)?;
        }
        out.push(Loaded {
            id,
            published_at: r.try_get("", "published_at")?,
            deadline: r.try_get("", "deadline")?,
            target_school: r.try_get("", "target")?,
            columns,
            search_text: r.try_get("", "search_text")?,
            majors: majors.remove(&id).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Rows per query while building (bounds the memory of one result set).
const CHUNK: usize = 5_000;

/// Build the index of the postings open today. The order of positions comes from the
/// database itself (`ORDER BY published_at DESC, id DESC`, exactly the SQL path's), the
/// rows then in chunks of ids. A posting published after the first query is caught up
/// from the change log (or by the fingerprint); one closed meanwhile stays not live.
async fn build(db: &DatabaseConnection, changes: &PostingChanges, today: NaiveDate) -> AppResult<Index> {
    let applied = changes.seq();
    let fp = fingerprint(db).await?;
    let mut sql = Sql::new(db.get_database_backend());
    let open = open_clause(&mut sql, today);
    let order = db
        .query_all_raw(sql.statement(format!("SELECT p.id AS id FROM postings p WHERE {open} ORDER BY p.published_at DESC, p.id DESC")))
        .await?;
    let mut ix = Index::empty(applied, fp);
    let mut ids = Vec::with_capacity(order.len());
    for r in order {
        ids.push(r.try_get::<i64>("", "id")?);
    }
    let first = ids.first().copied();
    ix.appendable = first.is_none();
    ix.built = ids.len() as u32;
    ix.rows = ids.iter().map(|id| Row::empty(*id)).collect();
    let position: HashMap<i64, u32> = ids.iter().enumerate().map(|(i, id)| (*id, START + i as u32)).collect();
    ids.sort_unstable();
    for chunk in ids.chunks(CHUNK) {
        let (lo, hi) = (chunk[0], chunk[chunk.len() - 1]);
        let loaded = load(db, today, |sql, col| format!("{col} BETWEEN {} AND {}", sql.param(lo), sql.param(hi))).await?;
        for p in loaded {
            if let Some(pos) = position.get(&p.id) {
                if let (true, Some(at)) = (Some(p.id) == first, p.published_at) {
                    ix.newest = Some((at, p.id));
                    ix.appendable = true;
                }
                ix.put(*pos, p);
            }
        }
    }
    for b in ix.words.values_mut() {
        b.optimize();
    }
    ix.words.shrink_to_fit();
    Ok(ix)
}

// ---------------------------------------------------------------------------------------
// The index in the server state

/// The search index of one database, kept in the server state. Empty (searches use the
/// SQL path) until the background task has built it.
#[derive(Default)]
pub struct SearchIndex {
    index: RwLock<Option<Index>>,
    /// The postings this server changed since (the writers' after-commit hook).
    changes: Arc<PostingChanges>,
    /// Serialises catching up with the change log.
    catching_up: tokio::sync::Mutex<()>,
    building: AtomicBool,
    /// Counts every change of what the index answers (swapped in, changes applied, made
    /// stale), for caches of its results.
    version: AtomicU64,
    /// Wakes the background task when the index became stale.
    wake: tokio::sync::Notify,
}

impl SearchIndex {
    /// The feed that posting writes of this server report their commits to.
    pub fn changes(&self) -> &PostingChanges {
        &self.changes
    }

    /// Build in the background now, then keep up with other processes' writes (see the
    /// module comment). The task ends when the index is dropped.
    pub fn start(self: &Arc<Self>, db: DatabaseConnection) {
        let weak: Weak<SearchIndex> = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                let Some(ix) = weak.upgrade() else { return };
                if let Err(e) = ix.reconcile(&db).await {
                    tracing::error!(error = %e, "posting search index");
                }
                // (The task ends at most RECONCILE after the server state is dropped.)
                tokio::select! {
                    _ = ix.wake.notified() => {}
                    _ = tokio::time::sleep(RECONCILE) => {}
                }
            }
        });
    }

    /// Rebuild if there is no index, it is old, or the database changed behind it.
    pub async fn reconcile(&self, db: &DatabaseConnection) -> AppResult<()> {
        let seen = match self.index.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
            Some(ix) if ix.built_at.elapsed() < REBUILD_AT_LEAST => Some(ix.fingerprint.clone()),
            _ => None,
        };
        let due = match seen {
            None => true,
            Some(seen) => fingerprint(db).await? != seen,
        };
        if due { self.rebuild(db).await } else { Ok(()) }
    }

    /// Build a new index and swap it in (the old one serves meanwhile).
    pub async fn rebuild(&self, db: &DatabaseConnection) -> AppResult<()> {
        if self.building.swap(true, Ordering::AcqRel) {
            return Ok(());
        }
        let started = Instant::now();
        let built = build(db, &self.changes, super::today()).await;
        self.building.store(false, Ordering::Release);
        let ix = built?;
        tracing::info!(postings = ix.positions.len(), words = ix.words.len(), ms = started.elapsed().as_millis() as u64, "posting search index built");
        *self.index.write().unwrap_or_else(|e| e.into_inner()) = Some(ix);
        self.version.fetch_add(1, Ordering::AcqRel);
        Ok(())
    }

    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    pub fn is_ready(&self) -> bool {
        self.index.read().unwrap_or_else(|e| e.into_inner()).is_some()
    }

    fn applied(&self) -> Option<u64> {
        self.index.read().unwrap_or_else(|e| e.into_inner()).as_ref().map(|ix| ix.applied)
    }

    fn make_stale(&self) {
        *self.index.write().unwrap_or_else(|e| e.into_inner()) = None;
        self.version.fetch_add(1, Ordering::AcqRel);
        self.wake.notify_one();
    }

    /// Apply the postings changed through this process since the index last looked.
    async fn catch_up(&self, db: &DatabaseConnection) -> AppResult<()> {
        if self.applied().is_none_or(|a| a == self.changes.seq()) {
            return Ok(());
        }
        let _one_at_a_time = self.catching_up.lock().await;
        let Some(applied) = self.applied() else { return Ok(()) };
        let (seq, changed) = self.changes.since(applied);
        let Some(mut changed) = changed else {
            self.make_stale();
            return Ok(());
        };
        changed.sort_unstable();
        changed.dedup();
        // The fingerprint first: a change by another process after it is seen next time.
        let fp = fingerprint(db).await?;
        let open = if changed.is_empty() {
            Vec::new()
        } else {
            load(db, super::today(), |sql, col| {
                let list: Vec<String> = changed.iter().map(|id| sql.param(*id)).collect();
                format!("{col} IN ({})", list.join(", "))
            })
            .await?
        };
        let mut guard = self.index.write().unwrap_or_else(|e| e.into_inner());
        let Some(ix) = guard.as_mut().filter(|ix| ix.applied == applied) else { return Ok(()) }; // rebuilt meanwhile
        if ix.apply(&changed, open) {
            ix.applied = seq;
            ix.fingerprint = fp;
            self.version.fetch_add(1, Ordering::AcqRel);
        } else {
            drop(guard);
            self.make_stale();
        }
        Ok(())
    }

    /// The search's hits from the index, or None while there is no index (or for a query
    /// the index does not answer): the caller uses the SQL path.
    pub async fn hits(&self, db: &DatabaseConnection, f: &SearchQuery, words: &[String], school: Option<i64>, paging: &crate::web::Paging) -> AppResult<Option<Hits>> {
        self.catch_up(db).await?;
        let guard = self.index.read().unwrap_or_else(|e| e.into_inner());
        Ok(guard.as_ref().and_then(|ix| ix.hits(f, words, school, super::today(), paging)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_hands_out_changes_once_and_loaders_mean_everything() {
        let changes = PostingChanges::default();
        changes.posting_changed(3);
        let before = changes.seq();
        changes.posting_changed(7);
        changes.posting_changed(9);
        assert_eq!(changes.since(before), (before + 2, Some(vec![7, 9])));
        assert_eq!(changes.since(changes.seq()), (changes.seq(), Some(Vec::new())));
        changes.postings_changed();
        assert!(changes.since(before).1.is_none(), "a loader's change means rebuild");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(words_of("数控 车床 plc编程 a-b 3.5").collect::<Vec<_>>(), vec!["数控", "车床", "plc编程", "a", "b", "3", "5"]);
    }
}
