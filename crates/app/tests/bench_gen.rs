//! `zhijiao bench gen` at a tiny size: the requested counts on SQLite and PostgreSQL,
//! postings found by search (FTS5 / GIN built), the search benchmark's floor agreeing with
//! the product's totals, and batch matching over the generated profiles.

mod common;

use zhijiao::bench_gen::{GRADUATION_YEAR, GenSpec, generate};

dual_db_test!(bench_gen_produces_the_requested_counts, |app: common::TestApp| async move {
    let spec = GenSpec { postings: 400, students: 150, schools: 6, graduates: 50, seed: 7 };
    let s = generate(&app.db, &spec, |_| {}).await.expect("generate");
    // A loader in the server's own process tells its index (another process's would be
    // seen by the index's fingerprint).
    app.state.search_index.changes().postings_changed();
    assert_eq!((s.schools, s.postings, s.students, s.destinations), (6, 400, 150, 100));
    assert_eq!(app.count("postings").await, 400);
    assert_eq!(app.count("posting_majors").await as usize, s.posting_majors);
    assert!(s.posting_majors >= 400);
    assert_eq!(app.count("students").await, 150);
    assert_eq!(app.count("users").await, 150);
    assert_eq!(app.count("student_profiles").await, 150);
    assert_eq!(app.count("graduate_destinations").await, 100);
    assert_eq!(app.count("organizations WHERE kind = 'vocational_school'").await, 6);
    assert_eq!(app.count("organizations WHERE kind = 'enterprise'").await as usize, s.enterprises);
    assert_eq!(app.count(&format!("students WHERE graduation_year = {GRADUATION_YEAR}")).await, 50);
    // Every generated code is a catalogue code.
    let c = zhijiao_domain::catalog::catalogs();
    use sea_orm::EntityTrait;
    for p in zhijiao::entity::posting::Entity::find().all(&app.db).await.unwrap().iter().take(100) {
        assert!(c.occupation(p.occupation_code.as_deref().unwrap()).is_some(), "{:?}", p.occupation_code);
        assert!(c.industry(p.industry_code.as_deref().unwrap()).is_some(), "{:?}", p.industry_code);
        assert!(c.division(p.county_code.as_deref().unwrap()).is_some(), "{:?}", p.county_code);
    }

    // The public search finds generated postings by a word of their titles.
    let open: serde_json::Value = app.get("/api/v1/postings?per_page=1").await.json().await.unwrap();
    let total = open["total"].as_i64().unwrap();
    // Published over a year, open for 30 to 150 days: about a quarter are open today.
    assert!((40..250).contains(&total), "open postings: {total}");
    let title = open["items"][0]["title"].as_str().unwrap().to_string();
    let word = zhijiao::search::query_words(&title).into_iter().next().unwrap();
    let found: serde_json::Value = app.get(&format!("/api/v1/postings?q={}", urlencoding::encode(&word))).await.json().await.unwrap();
    assert!(found["total"].as_i64().unwrap() >= 1, "{word}: {found}");
    // The benchmark checks that ours and the floor count the same matches for the mix.
    let line = zhijiao::bench::search_latency(&app.db, 1).await.expect("search benchmark");
    assert!(line.starts_with("search db=") && line.contains("postings=400"), "{line}");

    // Batch matching over the generated profiles.
    let (batch, ranked, _) = zhijiao::recommend::top(&app.db, 40, 1000, 10, 2).await.unwrap();
    assert_eq!(batch.students.len(), 40);
    assert_eq!(batch.postings.len() as i64, total);
    assert!(ranked.iter().all(|r| r.len() == 10));
    assert!(ranked.iter().all(|r| r.windows(2).all(|w| w[0].total >= w[1].total)));

    // A second run with the same seed is refused, nothing added.
    assert!(generate(&app.db, &spec, |_| {}).await.is_err());
    assert_eq!(app.count("postings").await, 400);
});
