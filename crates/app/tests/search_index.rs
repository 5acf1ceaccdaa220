//! The in-memory posting search index (`postings::search_index`) gives exactly the hits
//! of the SQL path (`postings::search::sql_hits`) — the number of matches, all six facets
//! and the page of ids — for random queries over generated postings, on SQLite and on
//! PostgreSQL; and stays exact when postings are published or closed through this process
//! (the change log) or by another one (the fingerprint).

mod common;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use zhijiao::areas::postings::search::{SearchQuery, index_hits, sql_hits};
use zhijiao::areas::postings::search_index::SearchIndex;
use zhijiao::bench_gen::{GenSpec, generate};
use zhijiao::entity::posting;

async fn column(app: &common::TestApp, sql: &str) -> Vec<String> {
    let rows = app.db.query_all_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), sql.to_string())).await.unwrap();
    rows.iter().filter_map(|r| r.try_get::<Option<String>>("", "v").unwrap()).collect()
}

async fn ids(app: &common::TestApp, sql: &str) -> Vec<i64> {
    let rows = app.db.query_all_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), sql.to_string())).await.unwrap();
    rows.iter().map(|r| r.try_get::<i64>("", "id").unwrap()).collect()
}

/// The index's hits. A change the index cannot place exactly makes it stale (searches
/// then use SQL until the background task rebuilds it): here, rebuild at once and ask
/// again. (Each index has its own change feed: nothing another test does reaches it.)
async fn from_index(app: &common::TestApp, index: &SearchIndex, f: &SearchQuery, school: Option<i64>) -> zhijiao::areas::postings::search::Hits {
    for _ in 0..2 {
        if let Some(h) = index_hits(&app.db, index, f, school).await.unwrap() {
            return h;
        }
        index.rebuild(&app.db).await.unwrap();
    }
    panic!("the index does not answer {f:?}");
}

/// Random queries: 0–2 words of open postings (or an unknown word), each filter now and
/// then (a value seen, or one nobody has), a viewer of no school / either school / another
/// school, a page of the results.
fn random_query(rng: &mut StdRng, words: &[String], values: &[Vec<String>; 6], schools: &[i64]) -> (SearchQuery, Option<i64>) {
    let mut q: Vec<String> = (0..rng.random_range(0..=2)).map(|_| words.choose(rng).unwrap().clone()).collect();
    if rng.random_bool(0.05) {
        q.push("不存在的词xyz".into());
    }
    let mut pick = |i: usize| -> Option<String> {
        if !rng.random_bool(0.25) {
            return None;
        }
        if rng.random_bool(0.1) { Some("nope".into()) } else { values[i].choose(rng).cloned() }
    };
    let f = SearchQuery {
        q: Some(q.join(" ")),
        kind: pick(0),
        section: pick(1),
        occ: pick(2),
        county: pick(3),
        pay: pick(4),
        major: pick(5),
        page: Some(rng.random_range(1..=3)),
        per_page: Some(*[5u64, 20].choose(rng).unwrap()),
    };
    let school = *[None, Some(schools[0]), Some(schools[1]), Some(-1)].choose(rng).unwrap();
    (f, school)
}

async fn assert_same(app: &common::TestApp, index: &SearchIndex, rng: &mut StdRng, n: usize) {
    let open = "status = 'published'";
    let texts = column(app, &format!("SELECT search_text AS v FROM postings WHERE {open} ORDER BY id LIMIT 300")).await;
    let mut words: Vec<String> = texts.iter().flat_map(|t| t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from)).collect();
    words.sort();
    words.dedup();
    let mut values: [Vec<String>; 6] = Default::default();
    for (i, col) in ["kind", "industry_section", "occupation_major", "county_code", "pay_band"].iter().enumerate() {
        values[i] = column(app, &format!("SELECT DISTINCT {col} AS v FROM postings")).await;
    }
    values[5] = column(app, "SELECT DISTINCT major_code AS v FROM posting_majors").await;
    let schools = ids(app, "SELECT id FROM organizations WHERE kind = 'vocational_school' ORDER BY id").await;
    let mut nonempty = 0;
    for _ in 0..n {
        let (f, school) = random_query(rng, &words, &values, &schools);
        let want = sql_hits(&app.db, &f, school).await.unwrap();
        let got = from_index(app, index, &f, school).await;
        assert_eq!(got, want, "{f:?} school {school:?}");
        nonempty += usize::from(!want.ids.is_empty());
    }
    assert!(nonempty > n / 8, "the random queries find something: {nonempty} of {n}");
}

dual_db_test!(the_index_gives_the_sql_hits, |app: common::TestApp| async move {
    generate(&app.db, &GenSpec { postings: 1500, students: 10, schools: 3, graduates: 0, seed: 5 }, |_| {}).await.expect("generate");
    // What the generator does not make: postings aimed at a school, without a deadline or
    // past it, and publication times shared by several postings (order by id then).
    let schools = ids(&app, "SELECT id FROM organizations WHERE kind = 'vocational_school' ORDER BY id").await;
    for sql in [
        format!("UPDATE postings SET target_school_id = {} WHERE id % 7 = 0", schools[0]),
        format!("UPDATE postings SET target_school_id = {} WHERE id % 11 = 0", schools[1]),
        "UPDATE postings SET deadline = NULL WHERE id % 13 = 0".to_string(),
        "UPDATE postings SET deadline = '2020-01-01' WHERE id % 17 = 0".to_string(),
        "UPDATE postings SET published_at = (SELECT q.published_at FROM postings q WHERE q.id = postings.id - 1) WHERE id % 5 = 1".to_string(),
    ] {
        app.db.execute_unprepared(&sql).await.unwrap();
    }
    let index = SearchIndex::default();
    index.rebuild(&app.db).await.unwrap();
    let mut rng = StdRng::seed_from_u64(42);
    assert_same(&app, &index, &mut rng, 150).await;

    // Through this process: the newest open posting closes, a draft is published.
    let bare = SearchQuery::default();
    let newest = sql_hits(&app.db, &bare, None).await.unwrap().ids[0];
    let draft = ids(&app, "SELECT id AS id FROM postings WHERE status = 'draft' ORDER BY id LIMIT 1").await[0];
    for (id, status) in [(newest, "closed"), (draft, "published")] {
        let mut am: posting::ActiveModel = posting::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into();
        am.status = Set(status.into());
        am.deadline = Set(None);
        am.target_school_id = Set(None);
        am.published_at = Set(Some(chrono::Utc::now()));
        am.update(&app.db).await.unwrap();
        index.changes().posting_changed(id);
    }
    let first = from_index(&app, &index, &bare, None).await;
    assert_eq!(first.ids[0], draft, "the publication is the newest");
    assert!(!first.ids.contains(&newest), "the closed posting is gone");
    assert_same(&app, &index, &mut rng, 60).await;

    // By another process (no change log): the fingerprint reveals it.
    let second = first.ids[1];
    app.db.execute_unprepared(&format!("UPDATE postings SET status = 'closed' WHERE id = {second}")).await.unwrap();
    index.reconcile(&app.db).await.unwrap();
    assert!(!from_index(&app, &index, &bare, None).await.ids.contains(&second));
    assert_same(&app, &index, &mut rng, 60).await;
});
