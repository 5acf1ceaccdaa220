//! Measurements behind `bench/run.sh report` (issue 4 "Speed"): how long the report's
//! figures take from the rollups (`zhijiao bench report`), and what maintaining the rollups
//! costs the writes that change them (`zhijiao bench report-writes`).

use super::{build_report, gather, rollup, rules, today};
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{posting, posting_major};
use crate::error::AppResult;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, NotSet, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::time::{Duration, Instant};
use zhijiao_domain::talent_report::{Period, Scope};

fn median_ms(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v.get(v.len() / 2).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Builds the report of `period` for the zone `runs` times after one warm-up and prints the
/// median time of all its figures (`ours_ms` = reading the rollups + computing every
/// section, before any document is rendered), the two parts apart, how many rollup rows
/// were read, and the zone's totals (compared with DuckDB's by the script).
pub async fn build_time(db: &DatabaseConnection, period: Period, runs: usize) -> AppResult<String> {
    let scope = Scope::Zone;
    build_report(&gather(db, period, scope.clone(), today()).await?, &rules());
    let (mut all, mut reads) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let input = gather(db, period, scope.clone(), today()).await?;
        let read = started.elapsed();
        let output = build_report(&input, &rules());
        all.push(started.elapsed());
        reads.push(read);
        last = Some((input, output));
    }
    let (input, output) = last.expect("at least one run");
    let d = &input.demand;
    let rows = d.by_industry.len() + d.by_education.len() + d.by_experience.len() + d.by_pay.len() + d.by_major.len();
    let sum = |f: fn(&zhijiao_domain::talent_report::DemandCell) -> u64| d.by_industry.iter().map(f).sum::<u64>();
    let graduates: u64 = input.supply.iter().map(|c| c.graduates).sum();
    Ok(format!(
        "ours period={} runs={} ours_ms={:.1} read_ms={:.1} rows_read={} total_postings={} unique_postings={} new_postings={} headcount={} \
         skill_mentions={} places={} applicants={} admitted={} graduates={} occupations={}",
        super::period_key(period),
        all.len(),
        median_ms(all),
        median_ms(reads),
        rows + input.skills.len() + input.applications.len() + input.monthly.len() + input.supply.len(),
        sum(|c| c.total_postings),
        sum(|c| c.unique_postings),
        sum(|c| c.new_postings),
        sum(|c| c.headcount),
        input.skills.iter().map(|c| c.postings).sum::<u64>(),
        input.applications.iter().map(|c| c.places_offered).sum::<u64>(),
        input.applications.iter().map(|c| c.applicants).sum::<u64>(),
        input.applications.iter().map(|c| c.admitted).sum::<u64>(),
        graduates,
        output.gap.data.as_ref().map_or(0, |g| g.by_occupation.len()),
    ))
}

/// Title prefix of the postings `write_rate` inserts, so that it can remove them again.
const BENCH_TITLE: &str = "【写入基准】";

/// Postings published per second, each in its own transaction as the reviewer's approval
/// writes it (the posting row, its wanted major, an audit row), with or without the rollup
/// maintenance that transaction includes (`rollup::posting_published`). The postings are
/// copies of the newest published one with new titles (so each is a unique posting); they
/// are deleted again at the end and their contributions taken out of the rollups, so the
/// database is left as it was.
pub async fn write_rate(db: &DatabaseConnection, n: usize, with_rollups: bool) -> AppResult<String> {
    let template = posting::Entity::find()
        .filter(posting::Column::Status.eq("published"))
        .order_by_desc(posting::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| crate::error::AppError::Conflict("没有已发布的岗位可作模板".into()))?;
    let majors = posting_major::Entity::find().filter(posting_major::Column::PostingId.eq(template.id)).all(db).await?;
    let ctx = Ctx::system();
    let mut ids = Vec::with_capacity(n);
    let started = Instant::now();
    for i in 0..n {
        let tx = db.begin().await?;
        let now = chrono::Utc::now();
        let title = format!("{BENCH_TITLE}{}{i}", template.title);
        let mut am = template.clone().into_active_model();
        am.id = NotSet;
        am.title = Set(title.clone());
        am.dedup_key = Set(format!("{}|{title}", template.org_id));
        am.published_at = Set(Some(now));
        am.created_at = Set(now);
        am.updated_at = Set(now);
        let p = am.insert(&tx).await?;
        for m in &majors {
            let mut mm = m.clone().into_active_model();
            mm.id = NotSet;
            mm.posting_id = Set(p.id);
            mm.insert(&tx).await?;
        }
        if with_rollups {
            rollup::posting_published(&tx, &p).await?;
        }
        audit::record(&tx, &ctx, Entry::new("approve", "posting", p.id, format!("写入基准 {title}"))).await?;
        tx.commit().await?;
        ids.push(p.id);
    }
    let elapsed = started.elapsed();
    let tx = db.begin().await?;
    for id in &ids {
        rollup::posting_removed(&tx, *id).await?;
    }
    for chunk in ids.chunks(500) {
        posting_major::Entity::delete_many().filter(posting_major::Column::PostingId.is_in(chunk.to_vec())).exec(&tx).await?;
        posting::Entity::delete_many().filter(posting::Column::Id.is_in(chunk.to_vec())).exec(&tx).await?;
    }
    tx.commit().await?;
    Ok(format!(
        "writes rollups={} postings={n} ms={} per_s={:.0}",
        if with_rollups { "on" } else { "off" },
        elapsed.as_millis(),
        n as f64 / elapsed.as_secs_f64().max(1e-9)
    ))
}
