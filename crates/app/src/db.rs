//! Connecting to SQLite or PostgreSQL from one URL, and the few places where the two
//! dialects differ. Everything else goes through SeaORM's query builder.

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr, Statement, TransactionTrait};
use std::time::Duration;
use zhijiao_migration::{Migrator, MigratorTrait};

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_path(url) {
        // sqlx creates the file (mode=rwc) but not its folder.
        if let Some(dir) = std::path::Path::new(&path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
            }
        }
    }
    let mut opt = ConnectOptions::new(url.to_string());
    opt.sqlx_logging(false).connect_timeout(Duration::from_secs(10)).acquire_timeout(Duration::from_secs(30));
    if url.starts_with("sqlite:") {
        // WAL + busy timeout: the cure for "database is locked" under concurrent writers.
        opt.max_connections(8).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(10))
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .create_if_missing(true)
        });
    } else {
        opt.max_connections(16);
    }
    Database::connect(opt).await
}

fn sqlite_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_string())
}

/// Apply pending migrations. On PostgreSQL an advisory lock makes concurrent starts of
/// several instances wait for the first one instead of racing (lemmy's schema_setup).
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Migrator::up(db, None).await;
    }
    // One connection holds the lock for the whole run: a transaction-scoped lock,
    // released at commit (a session lock taken through the pool could be released on
    // another connection, which PostgreSQL refuses).
    let txn = db.begin().await?;
    txn.execute_unprepared("SELECT pg_advisory_xact_lock(727001)").await?;
    Migrator::up(&txn, None).await?;
    txn.commit().await
}

pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => "postgres",
        DatabaseBackend::Sqlite => "sqlite",
        _ => "other",
    }
}

/// Liveness of the database for /healthz.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT 1")).await.map(|_| ())
}
