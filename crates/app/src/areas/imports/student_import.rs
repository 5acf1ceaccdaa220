//! The student register's import, built for a school's whole roster (100,000 rows in
//! `bench/run.sh import`, within twice the time of PostgreSQL's own `COPY`).
//!
//! Most files are right, so the file is first written optimistically in one pass, with
//! nothing held in memory but the rows in flight: each row is checked on the reading
//! thread and written straight into `students` inside one transaction — with `COPY` on
//! PostgreSQL, with multi-row INSERTs on SQLite. Duplicates need no lookups: the unique
//! indexes on (school, 身份证件号) and (school, 学号) refuse them, whether they repeat a
//! student already in the school or an earlier row of the file.
//!
//! If anything is wrong — a row fails its checks or an index refuses a row — that
//! transaction is rolled back and the file is read a second time to name every error
//! ([`diagnose`]), so the slow, thorough path is only taken by files that fail anyway.

use super::{BATCH, MAX_REPORTED_ERRORS, Outcome, Parsed, Register, RowErrors, Sheet, audit_entry};
use crate::areas::students;
use crate::audit;
use crate::auth::Ctx;
use crate::entity::{audit_log, organization, student};
use crate::error::{AppError, AppResult, FieldError};
use crate::xlsx::Source;
use sea_orm::sea_query::{Alias, Query};
use sea_orm::sqlx::{self, postgres::PgPool};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, QueryTrait, SqlErr, Statement, TransactionTrait};

/// Bytes of COPY data sent at a time.
const COPY_CHUNK: usize = 256 * 1024;

/// Import a file of students into `school`, all or nothing.
pub(super) async fn run(
    db: &DatabaseConnection,
    ctx: &Ctx,
    school: &organization::Model,
    filename: &str,
    source: &Source,
    progress: &(impl Fn(u64) + Send),
) -> AppResult<Outcome> {
    let sheet = Sheet::open(source, Register::Students).await?;
    let written = match db.get_database_backend() {
        DatabaseBackend::Postgres => copy(db.get_postgres_connection_pool(), ctx, school, filename, sheet, progress).await?,
        _ => insert(db, ctx, school, filename, sheet, progress).await?,
    };
    match written {
        Some(outcome) => Ok(outcome),
        None => diagnose(db, school.id, Sheet::open(source, Register::Students).await?, progress).await,
    }
}

/// The optimistic pass on PostgreSQL: `COPY … FROM STDIN` into `students` and the audit
/// row, in one transaction on a connection of SeaORM's pool (SeaORM's transactions do
/// not offer COPY). `None` when the file has an error; nothing was written then.
///
/// One statement streams the whole file, so there is no round trip per batch to wait
/// for (sqlx does not set TCP_NODELAY, and a round trip per batch stalls on Nagle's
/// algorithm and delayed ACKs).
async fn copy(pool: &PgPool, ctx: &Ctx, school: &organization::Model, filename: &str, mut sheet: Sheet, progress: &impl Fn(u64)) -> AppResult<Option<Outcome>> {
    let now = chrono::Utc::now();
    let mut tx = pool.begin().await.map_err(sqlx_err)?;
    let mut copy = tx.copy_in_raw(crate::db::STUDENT_COPY).await.map_err(sqlx_err)?;
    let mut data = String::with_capacity(COPY_CHUNK + 4096);
    let mut rows = 0u64;
    while let Some(Parsed { student, .. }) = sheet.next().await {
        let Some(Ok(s)) = student else {
            copy.abort("导入的文件有错误").await.map_err(sqlx_err)?;
            return Ok(None);
        };
        crate::db::student_copy_line(&mut data, &students::to_active_model(s, school.id, false, now));
        if data.len() >= COPY_CHUNK {
            copy.send(data.as_bytes()).await.map_err(sqlx_err)?;
            data.clear();
        }
        rows += 1;
        if rows % 1000 == 0 {
            progress(rows);
        }
    }
    if let Err(e) = sheet.finish().await {
        copy.abort("无法读取导入的文件").await.map_err(sqlx_err)?;
        return Err(e);
    }
    progress(rows);
    copy.send(data.as_bytes()).await.map_err(sqlx_err)?;
    match copy.finish().await {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(None),
        Err(e) => return Err(sqlx_err(e)),
    }
    let outcome = Outcome { rows, written: rows, ..Default::default() };
    let entry = audit::row(ctx, audit_entry(Register::Students, Some(school), filename, &outcome));
    let insert = audit_log::Entity::insert(entry).build(DatabaseBackend::Postgres);
    let values = sea_query_sqlx::SqlxValues(insert.values.unwrap_or(sea_orm::Values(Vec::new())));
    // Built by SeaORM with every value bound, as its own statements are.
    sqlx::query_with(sqlx::AssertSqlSafe(insert.sql), values).execute(&mut *tx).await.map_err(sqlx_err)?;
    tx.commit().await.map_err(sqlx_err)?;
    Ok(Some(outcome))
}

/// The optimistic pass on SQLite: multi-row INSERTs of [`BATCH`] rows and the audit row
/// in one transaction. SQLite runs in-process on its own thread, so a round trip per
/// batch costs nothing; the reading thread fills the channel meanwhile. `None` when the
/// file has an error; nothing was written then.
async fn insert(
    db: &DatabaseConnection,
    ctx: &Ctx,
    school: &organization::Model,
    filename: &str,
    mut sheet: Sheet,
    progress: &impl Fn(u64),
) -> AppResult<Option<Outcome>> {
    let now = chrono::Utc::now();
    let tx = db.begin().await?;
    let mut batch = Vec::with_capacity(BATCH);
    let mut rows = 0u64;
    while let Some(Parsed { student, .. }) = sheet.next().await {
        let Some(Ok(s)) = student else {
            tx.rollback().await?;
            return Ok(None);
        };
        batch.push(students::to_active_model(s, school.id, false, now));
        if batch.len() >= BATCH && !insert_batch(&tx, std::mem::take(&mut batch)).await? {
            tx.rollback().await?;
            return Ok(None);
        }
        rows += 1;
        if rows % 1000 == 0 {
            progress(rows);
        }
    }
    sheet.finish().await?;
    progress(rows);
    if !insert_batch(&tx, batch).await? {
        tx.rollback().await?;
        return Ok(None);
    }
    let outcome = Outcome { rows, written: rows, ..Default::default() };
    audit::record(&tx, ctx, audit_entry(Register::Students, Some(school), filename, &outcome)).await?;
    tx.commit().await?;
    Ok(Some(outcome))
}

/// Insert a batch of students; `false` when a unique index refused a row.
async fn insert_batch<C: ConnectionTrait>(db: &C, batch: Vec<student::ActiveModel>) -> AppResult<bool> {
    if batch.is_empty() {
        return Ok(true);
    }
    match student::Entity::insert_many(batch).exec_without_returning(db).await {
        Ok(_) => Ok(true),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Rows of keys sent to the temporary table per INSERT (4 values each, under SQLite's
/// 32,766 bound values).
const KEY_BATCH: usize = 5_000;

/// The rows of `import_keys` whose 身份证件号 or 学号 repeats an earlier row of the file
/// or a student of the school (`{org_id}` is replaced by the school's id), in row order.
const DUPLICATES: &str = "SELECT row_no, cells, dup_id, dup_no FROM ( \
    SELECT k.row_no, k.cells, \
      CASE WHEN ROW_NUMBER() OVER (PARTITION BY k.id_number ORDER BY k.row_no) > 1 \
        OR EXISTS (SELECT 1 FROM students s WHERE s.org_id = {org_id} AND s.id_number = k.id_number) THEN 1 ELSE 0 END AS dup_id, \
      CASE WHEN ROW_NUMBER() OVER (PARTITION BY k.student_no ORDER BY k.row_no) > 1 \
        OR EXISTS (SELECT 1 FROM students s WHERE s.org_id = {org_id} AND s.student_no = k.student_no) THEN 1 ELSE 0 END AS dup_no \
    FROM import_keys k) d \
  WHERE dup_id = 1 OR dup_no = 1 ORDER BY row_no LIMIT {limit}";

/// Name every error of a file that was refused: read it again, check every row, and
/// put the keys of the rows that passed (with their cells, for the error workbook) into
/// a temporary table, where one query finds the duplicates. Memory stays flat; the
/// transaction writes nothing else and is rolled back, taking the table with it.
async fn diagnose(db: &DatabaseConnection, org_id: i64, mut sheet: Sheet, progress: &impl Fn(u64)) -> AppResult<Outcome> {
    let tx = db.begin().await?;
    let backend = tx.get_database_backend();
    tx.execute_unprepared("DROP TABLE IF EXISTS import_keys").await?;
    tx.execute_unprepared("CREATE TEMPORARY TABLE import_keys (row_no BIGINT, id_number TEXT, student_no TEXT, cells TEXT)").await?;
    let new_keys = || Query::insert().into_table(Alias::new("import_keys")).columns(["row_no", "id_number", "student_no", "cells"].map(Alias::new)).to_owned();
    let mut keys = new_keys();
    let mut pending = 0usize;
    let mut errors = RowErrors::default();
    let mut rows = 0u64;
    while let Some(Parsed { row_no, cells, student }) = sheet.next().await {
        match student.expect("student rows are checked by the reader") {
            Ok(s) => {
                let cells = serde_json::to_string(&cells).map_err(|e| AppError::Internal(e.into()))?;
                keys.values_panic([(row_no as i64).into(), s.id_number.into(), s.student_no.into(), cells.into()]);
                pending += 1;
                if pending == KEY_BATCH {
                    tx.execute_raw(backend.build(&std::mem::replace(&mut keys, new_keys()))).await?;
                    pending = 0;
                }
            }
            Err(errs) => errors.add(row_no, cells, errs),
        }
        rows += 1;
        if rows % 1000 == 0 {
            progress(rows);
        }
    }
    let header = sheet.finish().await?;
    progress(rows);
    if pending > 0 {
        tx.execute_raw(backend.build(&keys)).await?;
    }
    let sql = DUPLICATES.replace("{org_id}", &org_id.to_string()).replace("{limit}", &MAX_REPORTED_ERRORS.to_string());
    for found in tx.query_all_raw(Statement::from_string(backend, sql)).await? {
        let row_no: i64 = found.try_get("", "row_no")?;
        let cells: Vec<String> = serde_json::from_str(&found.try_get::<String>("", "cells")?).map_err(|e| AppError::Internal(e.into()))?;
        let mut errs = Vec::new();
        if found.try_get::<i32>("", "dup_id")? == 1 {
            errs.push(FieldError::new("身份证件号", "与本校已有学生或文件中其他行重复"));
        }
        if found.try_get::<i32>("", "dup_no")? == 1 {
            errs.push(FieldError::new("学号", "与本校已有学生或文件中其他行重复"));
        }
        errors.add(row_no as usize, cells, errs);
    }
    tx.rollback().await?;
    if errors.is_empty() {
        // The first pass was refused by a unique index, yet now nothing repeats: another
        // import into the same school must have run meanwhile and been rolled back.
        return Err(AppError::Conflict("导入期间本校学生名册有变动，请重新导入".into()));
    }
    errors.into_outcome(rows, &header)
}

/// An error of the raw PostgreSQL connection, as SeaORM reports its own.
fn sqlx_err(e: sqlx::Error) -> AppError {
    AppError::Db(DbErr::Exec(sea_orm::RuntimeErr::SqlxError(std::sync::Arc::new(e))))
}
