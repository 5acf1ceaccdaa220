//! Background jobs kept in the database (ARCHITECTURE.md: "own `jobs` table").
//!
//! Why not tasks in memory: an import started on the page used to be a `tokio::spawn`;
//! when the process restarted, its row said "running" for ever, and the hourly report
//! loop ran on every instance behind a load balancer. Here a job is a row:
//!
//! - **claim**: one `UPDATE … WHERE id = (SELECT … LIMIT 1 [FOR UPDATE SKIP LOCKED])
//!   RETURNING` takes the oldest due job and leases it to this server until
//!   `now + lease`. PostgreSQL's `SKIP LOCKED` lets several servers claim side by side;
//!   SQLite has a single writer, so the statement is atomic as it is.
//! - **heartbeat**: while a job runs, its lease is renewed every third of the lease.
//! - **a dead server**: its lease runs out; the next claim takes the job up again (an
//!   import is all-or-nothing, so running it again from the file is resuming it). After
//!   `max_attempts` claims the job is failed, and what it stands for (the import row) is
//!   marked failed with a message — never left running.
//! - **errors**: a job that returns an error is retried after a back-off, then failed.
//! - **schedule**: periodic jobs carry a `unique_key` naming their period
//!   (`talent_report_draft:2026-11-30T09`); every server may enqueue them, the unique index
//!   keeps one, so exactly one server runs each period's job.

use crate::entity::job;
use crate::error::{AppError, AppResult};
use crate::search::Sql;
use crate::web::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter};
use std::sync::Arc;
use std::time::Duration;

/// What a job does; stored as its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An Excel import uploaded through the page (`areas::imports::run_job`).
    Import,
    /// Last month's talent-report draft, if it is missing.
    TalentReportDraft,
    /// Delete expired sessions, and jobs that ended more than [`KEEP_ENDED_JOBS_DAYS`] ago.
    Sweep,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Import, Kind::TalentReportDraft, Kind::Sweep];
    pub fn key(self) -> &'static str {
        match self {
            Kind::Import => "import",
            Kind::TalentReportDraft => "talent_report_draft",
            Kind::Sweep => "sweep",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == s)
    }
    /// How many times a job may be claimed before it is failed.
    fn max_attempts(self) -> i32 {
        match self {
            Kind::Import => 3,
            Kind::TalentReportDraft | Kind::Sweep => 2,
        }
    }
}

/// A job's state, stored as its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Queued,
    Running,
    Done,
    Failed,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Running => "running",
            Status::Done => "done",
            Status::Failed => "failed",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        [Status::Queued, Status::Running, Status::Done, Status::Failed].into_iter().find(|k| k.key() == s)
    }
}

/// Put a job in the queue (inside the caller's transaction, so that the job exists exactly
/// when what it works on does). With a `unique_key` already taken nothing is added and
/// `None` is returned.
pub async fn enqueue<C: ConnectionTrait>(db: &C, kind: Kind, payload: &serde_json::Value, unique_key: Option<String>) -> AppResult<Option<i64>> {
    let now = Utc::now();
    let mut sql = Sql::new(db.get_database_backend());
    let values = [
        sql.param(kind.key()),
        sql.param(payload.to_string()),
        sql.param(unique_key),
        sql.param(Status::Queued.key()),
        sql.param(kind.max_attempts()),
        sql.param(now),
        sql.param(now),
        sql.param(now),
    ];
    let statement = format!(
        "INSERT INTO jobs (kind, payload, unique_key, status, max_attempts, run_after, created_at, updated_at) \
         VALUES ({}) ON CONFLICT DO NOTHING RETURNING id",
        values.join(", ")
    );
    let row = db.query_one_raw(sql.statement(statement)).await?;
    Ok(match row {
        Some(r) => Some(r.try_get::<i64>("", "id")?),
        None => None,
    })
}

/// A job this server has claimed.
#[derive(Debug)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i32,
    pub max_attempts: i32,
}

/// Claim the oldest due job — queued and due, or running with a lease that ran out —
/// for `worker` until `now + lease`. `mine` are the jobs this server is running: never
/// taken up again here, whatever their lease says (on SQLite a long import holds the only
/// write lock, so its heartbeat cannot renew the lease until it commits).
pub async fn claim<C: ConnectionTrait>(db: &C, worker: &str, lease: Duration, now: DateTime<Utc>, mine: &[i64]) -> AppResult<Option<Claimed>> {
    let backend = db.get_database_backend();
    let until = now + chrono::Duration::from_std(lease).map_err(|e| AppError::Internal(e.into()))?;
    let mut sql = Sql::new(backend);
    let (running, worker, until, updated) = (sql.param(Status::Running.key()), sql.param(worker), sql.param(until), sql.param(now));
    let (queued, due, running_again, expired) = (sql.param(Status::Queued.key()), sql.param(now), sql.param(Status::Running.key()), sql.param(now));
    let lock = if backend == DatabaseBackend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let not_mine = if mine.is_empty() {
        String::new()
    } else {
        format!(" AND id NOT IN ({})", mine.iter().map(|id| sql.param(*id)).collect::<Vec<_>>().join(", "))
    };
    let statement = format!(
        "UPDATE jobs SET status = {running}, attempts = attempts + 1, locked_by = {worker}, locked_until = {until}, updated_at = {updated} \
         WHERE id = (SELECT id FROM jobs WHERE ((status = {queued} AND run_after <= {due}) OR (status = {running_again} AND locked_until < {expired})){not_mine} \
         ORDER BY id LIMIT 1{lock}) \
         RETURNING id, kind, payload, attempts, max_attempts"
    );
    let Some(r) = db.query_one_raw(sql.statement(statement)).await? else { return Ok(None) };
    let payload: String = r.try_get("", "payload")?;
    Ok(Some(Claimed {
        id: r.try_get("", "id")?,
        kind: r.try_get("", "kind")?,
        payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
        attempts: r.try_get("", "attempts")?,
        max_attempts: r.try_get("", "max_attempts")?,
    }))
}

/// Renew this worker's lease on a job; false when the job is no longer this worker's.
async fn heartbeat<C: ConnectionTrait>(db: &C, id: i64, worker: &str, lease: Duration) -> AppResult<bool> {
    let until = Utc::now() + chrono::Duration::from_std(lease).map_err(|e| AppError::Internal(e.into()))?;
    let r = job::Entity::update_many()
        .col_expr(job::Column::LockedUntil, sea_orm::sea_query::Expr::value(until))
        .filter(job::Column::Id.eq(id))
        .filter(job::Column::LockedBy.eq(worker))
        .filter(job::Column::Status.eq(Status::Running.key()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Record how a claimed job ended (only while the job is still this worker's).
async fn finish<C: ConnectionTrait>(db: &C, job: &Claimed, worker: &str, outcome: Result<(), String>) -> AppResult<()> {
    let now = Utc::now();
    let (status, error, run_after, finished) = match outcome {
        Ok(()) => (Status::Done, None, None, Some(now)),
        Err(e) if job.attempts < job.max_attempts => {
            // Back off 5 s, 25 s, 125 s … before the next attempt.
            let wait = chrono::Duration::seconds(5i64.saturating_pow(job.attempts.clamp(1, 4) as u32));
            (Status::Queued, Some(e), Some(now + wait), None)
        }
        Err(e) => (Status::Failed, Some(e), None, Some(now)),
    };
    let mut q = job::Entity::update_many()
        .col_expr(job::Column::Status, sea_orm::sea_query::Expr::value(status.key()))
        .col_expr(job::Column::LastError, sea_orm::sea_query::Expr::value(error))
        .col_expr(job::Column::LockedBy, sea_orm::sea_query::Expr::value(Option::<String>::None))
        .col_expr(job::Column::LockedUntil, sea_orm::sea_query::Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(job::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .col_expr(job::Column::FinishedAt, sea_orm::sea_query::Expr::value(finished));
    if let Some(at) = run_after {
        q = q.col_expr(job::Column::RunAfter, sea_orm::sea_query::Expr::value(at));
    }
    q.filter(job::Column::Id.eq(job.id)).filter(job::Column::LockedBy.eq(worker)).exec(db).await?;
    Ok(())
}

/// One job by id (the pages show an import's job state; tests look at it).
pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<Option<job::Model>> {
    Ok(job::Entity::find_by_id(id).one(db).await?)
}

/// Run one claimed job: its handler, or — when it has been claimed more often than it may
/// be (its servers died under it) — its give-up path.
async fn run(state: &AppState, job: &Claimed) -> Result<(), String> {
    let Some(kind) = Kind::parse(&job.kind) else {
        return Err(format!("未知的任务类型：{}", job.kind));
    };
    if job.attempts > job.max_attempts {
        let reason = format!("任务在执行中被中断 {} 次（服务器重启或停止），已停止重试", job.attempts - 1);
        give_up(state, kind, &job.payload, &reason).await.map_err(|e| e.to_string())?;
        return Err(reason);
    }
    let result = match kind {
        Kind::Import => crate::areas::imports::run_job(state, &job.payload).await,
        Kind::TalentReportDraft => crate::areas::report::ensure_monthly_draft(&state.db, crate::areas::report::today()).await.map(|made| {
            if made {
                tracing::info!("generated the monthly talent-report draft");
            }
        }),
        Kind::Sweep => sweep(&state.db).await,
    };
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            let message = e.to_string();
            if job.attempts >= job.max_attempts {
                give_up(state, kind, &job.payload, &message).await.map_err(|e| e.to_string())?;
            }
            Err(message)
        }
    }
}

/// What a failed job leaves behind for people: the import's row says it failed, and why.
async fn give_up(state: &AppState, kind: Kind, payload: &serde_json::Value, reason: &str) -> AppResult<()> {
    match kind {
        Kind::Import => crate::areas::imports::job_failed(state, payload, reason).await,
        Kind::TalentReportDraft | Kind::Sweep => Ok(()),
    }
}

/// The job runner of one server: `workers` loops that claim and run jobs, woken when this
/// server enqueues one and otherwise polling every [`POLL`].
#[derive(Default)]
pub struct Runner {
    wake: tokio::sync::Notify,
    /// The jobs this server's workers are running now.
    running: std::sync::Mutex<Vec<i64>>,
}

/// How often an idle worker looks for jobs other servers enqueued (or leases that ran out).
pub const POLL: Duration = Duration::from_secs(1);
/// How often the periodic jobs are enqueued (each at most once per period).
const SCHEDULE_EVERY: Duration = Duration::from_secs(600);

impl Runner {
    /// A job was enqueued by this server (after its transaction committed).
    pub fn notify(&self) {
        self.wake.notify_one();
    }

    /// Start the workers (and the scheduler, if this server schedules). They stop when
    /// the runner is dropped with the server state.
    pub fn start(self: &Arc<Self>, state: &AppState, workers: usize) {
        for n in 0..workers {
            let worker = format!("{}-{}-{n}", hostname(), uuid::Uuid::new_v4().simple().to_string().get(..8).unwrap_or("w"));
            let weak = Arc::downgrade(self);
            let state = state.clone();
            tokio::spawn(async move {
                loop {
                    let Some(runner) = weak.upgrade() else { return };
                    let mine = runner.running.lock().unwrap_or_else(|e| e.into_inner()).clone();
                    match claim(&state.db, &worker, state.settings.job_lease, Utc::now(), &mine).await {
                        Ok(Some(job)) => {
                            runner.running.lock().unwrap_or_else(|e| e.into_inner()).push(job.id);
                            run_with_heartbeat(&state, &job, &worker).await;
                            runner.running.lock().unwrap_or_else(|e| e.into_inner()).retain(|id| *id != job.id);
                            continue;
                        }
                        Ok(None) => {}
                        Err(e) => tracing::error!(error = %e, "claiming a job"),
                    }
                    tokio::select! {
                        _ = runner.wake.notified() => {}
                        _ = tokio::time::sleep(POLL) => {}
                    }
                }
            });
        }
        if state.settings.schedule_periodic_jobs {
            let weak = Arc::downgrade(self);
            let db = state.db.clone();
            tokio::spawn(async move {
                loop {
                    let Some(runner) = weak.upgrade() else { return };
                    match schedule_periodic(&db, Utc::now()).await {
                        Ok(true) => runner.notify(),
                        Ok(false) => {}
                        Err(e) => tracing::error!(error = %e, "scheduling periodic jobs"),
                    }
                    drop(runner);
                    tokio::time::sleep(SCHEDULE_EVERY).await;
                }
            });
        }
    }
}

/// Run a claimed job while renewing its lease; record the outcome.
async fn run_with_heartbeat(state: &AppState, job: &Claimed, worker: &str) {
    let lease = state.settings.job_lease;
    let beat = {
        let db = state.db.clone();
        let (id, worker) = (job.id, worker.to_string());
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(lease / 3).await;
                match heartbeat(&db, id, &worker, lease).await {
                    Ok(true) => {}
                    Ok(false) => return,
                    Err(e) => tracing::warn!(error = %e, job = id, "job heartbeat"),
                }
            }
        })
    };
    let outcome = run(state, job).await;
    beat.abort();
    if let Err(e) = &outcome {
        tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, error = %e, "job failed");
    }
    if let Err(e) = finish(&state.db, job, worker, outcome).await {
        tracing::error!(error = %e, job = job.id, "recording a job's outcome");
    }
}

/// How long ended jobs stay visible.
pub const KEEP_ENDED_JOBS_DAYS: i64 = 30;

async fn sweep(db: &sea_orm::DatabaseConnection) -> AppResult<()> {
    let sessions = crate::auth::sweep_sessions(db).await?;
    let jobs = job::Entity::delete_many()
        .filter(job::Column::Status.is_in([Status::Done.key(), Status::Failed.key()]))
        .filter(job::Column::FinishedAt.lt(Utc::now() - chrono::Duration::days(KEEP_ENDED_JOBS_DAYS)))
        .exec(db)
        .await?
        .rows_affected;
    if sessions + jobs > 0 {
        tracing::info!(sessions, jobs, "swept expired sessions and old jobs");
    }
    Ok(())
}

/// Enqueue this period's periodic jobs (no-ops when another server already did).
pub async fn schedule_periodic<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> AppResult<bool> {
    // The draft job only makes last month's draft when it is missing: look every hour.
    let hour = now.format("%Y-%m-%dT%H");
    let day = now.format("%Y-%m-%d");
    let empty = serde_json::json!({});
    let a = enqueue(db, Kind::TalentReportDraft, &empty, Some(format!("{}:{hour}", Kind::TalentReportDraft.key()))).await?;
    let b = enqueue(db, Kind::Sweep, &empty, Some(format!("{}:{day}", Kind::Sweep.key()))).await?;
    Ok(a.is_some() || b.is_some())
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().chars().take(24).collect()).filter(|h: &String| !h.is_empty()).unwrap_or_else(|| "zhijiao".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_states_round_trip_their_keys() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.key()), Some(k));
        }
        for s in [Status::Queued, Status::Running, Status::Done, Status::Failed] {
            assert_eq!(Status::parse(s.key()), Some(s));
        }
        assert_eq!(Kind::parse("bogus"), None);
    }
}
