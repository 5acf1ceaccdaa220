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
        Migrator::up(db, None).await?;
        let txn = db.begin().await?;
        refill_rollups(&txn).await?;
        return txn.commit().await;
    }
    // One connection holds the lock for the whole run: a transaction-scoped lock,
    // released at commit (a session lock taken through the pool could be released on
    // another connection, which PostgreSQL refuses).
    let txn = db.begin().await?;
    txn.execute_unprepared("SELECT pg_advisory_xact_lock(727001)").await?;
    Migrator::up(&txn, None).await?;
    refill_rollups(&txn).await?;
    txn.commit().await
}

/// Migration 000009 re-created the report's rollups empty; fill them from the per-posting
/// facts (a no-op on every later start: the rollups are empty only when there are no facts).
async fn refill_rollups<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    crate::areas::report::rollup::refill_if_empty(db).await.map(|_| ()).map_err(|e| DbErr::Custom(format!("重建报告汇总表失败：{e}")))
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

/// PostgreSQL's COPY of student rows, the columns in the order of [`student_copy_line`].
pub const STUDENT_COPY: &str = "COPY students (org_id, student_no, name, gender_code, id_type, id_number, birth_date, \
    ethnicity_code, political_code, major_level, major_code, class_name, enrollment_ym, study_years, phone, status, \
    graduation_year, is_demo, created_at) FROM STDIN";

/// A student as one line of PostgreSQL's COPY text format: fields separated by tabs,
/// `\N` for NULL, backslash escapes for the separators.
pub fn student_copy_line(buf: &mut String, r: &crate::entity::student::ActiveModel) {
    use sea_orm::ActiveValue;
    use std::borrow::Cow;
    fn text(v: &ActiveValue<String>) -> Option<Cow<'_, str>> {
        v.try_as_ref().map(|s| Cow::Borrowed(s.as_str()))
    }
    fn opt(v: &ActiveValue<Option<String>>) -> Option<Cow<'_, str>> {
        v.try_as_ref().and_then(|s| s.as_deref()).map(Cow::Borrowed)
    }
    fn shown<V: ToString>(v: Option<&V>) -> Option<Cow<'static, str>> {
        v.map(|v| Cow::Owned(v.to_string()))
    }
    let fields: [Option<Cow<'_, str>>; 19] = [
        shown(r.org_id.try_as_ref()),
        text(&r.student_no),
        text(&r.name),
        text(&r.gender_code),
        text(&r.id_type),
        text(&r.id_number),
        shown(r.birth_date.try_as_ref().and_then(Option::as_ref)),
        opt(&r.ethnicity_code),
        opt(&r.political_code),
        text(&r.major_level),
        text(&r.major_code),
        opt(&r.class_name),
        opt(&r.enrollment_ym),
        opt(&r.study_years),
        opt(&r.phone),
        text(&r.status),
        shown(r.graduation_year.try_as_ref().and_then(Option::as_ref)),
        r.is_demo.try_as_ref().map(|&b| Cow::Borrowed(if b { "t" } else { "f" })),
        r.created_at.try_as_ref().map(|t| Cow::Owned(t.to_rfc3339())),
    ];
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            buf.push('\t');
        }
        let Some(v) = field else {
            buf.push_str("\\N");
            continue;
        };
        for c in v.chars() {
            match c {
                '\\' => buf.push_str("\\\\"),
                '\t' => buf.push_str("\\t"),
                '\n' => buf.push_str("\\n"),
                '\r' => buf.push_str("\\r"),
                c => buf.push(c),
            }
        }
    }
    buf.push('\n');
}

/// Bound values per SQLite statement: under its limit (SQLITE_MAX_VARIABLE_NUMBER).
const SQLITE_MAX_VALUES: usize = 2000;

/// Insert many rows of any table in one statement per chunk: SQLite gets SeaORM's
/// multi-row INSERT (chunked under its limit of 32,766 bound values); PostgreSQL gets
/// `INSERT … SELECT * FROM UNNEST(…)` with one array parameter per column, like the
/// student import once did. The columns are those set in the first row; every row must set
/// the same ones. Used by `zhijiao bench gen` to load province-scale data.
pub async fn insert_bulk<E, C>(db: &C, rows: Vec<E::ActiveModel>) -> Result<(), DbErr>
where
    E: sea_orm::EntityTrait,
    E::ActiveModel: sea_orm::ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    use sea_orm::{ActiveModelTrait, IdenStatic, Iterable};
    let Some(first) = rows.first() else { return Ok(()) };
    let columns: Vec<E::Column> = E::Column::iter().filter(|c| first.get(*c).is_set()).collect();
    if db.get_database_backend() != DatabaseBackend::Postgres {
        let per_chunk = (SQLITE_MAX_VALUES / columns.len().max(1)).max(1);
        let mut rows = rows;
        while !rows.is_empty() {
            let rest = rows.split_off(per_chunk.min(rows.len()));
            E::insert_many(rows).exec_without_returning(db).await?;
            rows = rest;
        }
        return Ok(());
    }
    let mut values = Vec::with_capacity(rows.len());
    for r in &rows {
        let mut row = Vec::with_capacity(columns.len());
        for c in &columns {
            row.push(r.get(*c).into_value().ok_or_else(|| DbErr::Custom(format!("column {} not set in every row", c.as_str())))?);
        }
        values.push(row);
    }
    let names: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
    insert_rows(db, E::default().table_name(), &names, values).await
}

/// Insert rows of values into a table by column name, in as few statements as the backend
/// allows: SQLite multi-row INSERTs under its limit of bound values, PostgreSQL one
/// `INSERT … SELECT * FROM UNNEST(…)` with an array parameter per column.
pub async fn insert_rows<C: ConnectionTrait>(db: &C, table: &str, columns: &[&str], rows: Vec<Vec<sea_orm::Value>>) -> Result<(), DbErr> {
    use sea_orm::sea_query::{Alias, Query};
    if rows.is_empty() {
        return Ok(());
    }
    if db.get_database_backend() != DatabaseBackend::Postgres {
        let per_chunk = (SQLITE_MAX_VALUES / columns.len().max(1)).max(1);
        for chunk in rows.chunks(per_chunk) {
            let mut q = Query::insert();
            q.into_table(Alias::new(table)).columns(columns.iter().map(|c| Alias::new(*c)));
            for r in chunk {
                q.values(r.iter().cloned().map(Into::into)).map_err(|e| DbErr::Custom(e.to_string()))?;
            }
            db.execute(&q).await?;
        }
        return Ok(());
    }
    let mut cells: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(rows.len()); columns.len()];
    let mut types: Vec<&'static str> = vec!["text"; columns.len()];
    for r in rows {
        for (i, v) in r.into_iter().enumerate() {
            let (ty, text) = pg_text(v)?;
            types[i] = ty;
            cells[i].push(text);
        }
    }
    let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let arrays: Vec<String> = types.iter().enumerate().map(|(i, t)| format!("${}::{t}[]", i + 1)).collect();
    let sql = format!("INSERT INTO \"{table}\" ({}) SELECT * FROM UNNEST({})", names.join(", "), arrays.join(", "));
    let values: Vec<sea_orm::Value> = cells.iter().map(|c| sea_orm::Value::from(pg_array_literal(c))).collect();
    db.execute_raw(Statement::from_sql_and_values(DatabaseBackend::Postgres, sql, values)).await?;
    Ok(())
}

fn pg_text(v: sea_orm::Value) -> Result<(&'static str, Option<String>), DbErr> {
    use sea_orm::Value as V;
    Ok(match v {
        V::Bool(b) => ("bool", b.map(|b| b.to_string())),
        V::Int(i) => ("int", i.map(|i| i.to_string())),
        V::BigInt(i) => ("bigint", i.map(|i| i.to_string())),
        V::String(s) => ("text", s),
        V::Json(j) => ("jsonb", j.map(|j| j.to_string())),
        V::ChronoDate(d) => ("date", d.map(|d| d.to_string())),
        V::ChronoDateTimeUtc(t) => ("timestamptz", t.map(|t| t.to_rfc3339())),
        other => return Err(DbErr::Custom(format!("insert_bulk: unsupported value {other:?}"))),
    })
}

/// A PostgreSQL array literal (`{"a","b",NULL}`), every element quoted and escaped.
fn pg_array_literal(items: &[Option<String>]) -> String {
    let mut s = String::with_capacity(items.len() * 12 + 2);
    s.push('{');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        match item {
            None => s.push_str("NULL"),
            Some(v) => {
                s.push('"');
                for c in v.chars() {
                    if c == '"' || c == '\\' {
                        s.push('\\');
                    }
                    s.push(c);
                }
                s.push('"');
            }
        }
    }
    s.push('}');
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn array_literals_quote_and_escape() {
        let items = [Some("张三".to_string()), None, Some(r#"a"b\c"#.to_string()), Some("NULL".to_string())];
        assert_eq!(super::pg_array_literal(&items), r#"{"张三",NULL,"a\"b\\c","NULL"}"#);
        assert_eq!(super::pg_array_literal(&[]), "{}");
    }

    #[test]
    fn copy_lines_escape_separators_and_mark_nulls() {
        use crate::entity::student;
        use sea_orm::Set;
        let date = chrono::NaiveDate::from_ymd_opt(2008, 3, 15).unwrap();
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T10:00:00Z").unwrap().to_utc();
        let row = student::ActiveModel {
            org_id: Set(7),
            student_no: Set("T1".into()),
            name: Set("张\t三\\".into()),
            gender_code: Set("1".into()),
            id_type: Set("1".into()),
            id_number: Set("X".into()),
            birth_date: Set(Some(date)),
            ethnicity_code: Set(None),
            political_code: Set(Some("03".into())),
            major_level: Set("secondary".into()),
            major_code: Set("660301".into()),
            class_name: Set(Some("a\nb".into())),
            enrollment_ym: Set(None),
            study_years: Set(None),
            phone: Set(None),
            status: Set("enrolled".into()),
            graduation_year: Set(Some(2027)),
            is_demo: Set(false),
            created_at: Set(at),
            ..Default::default()
        };
        let mut line = String::new();
        super::student_copy_line(&mut line, &row);
        assert_eq!(
            line,
            "7\tT1\t张\\t三\\\\\t1\t1\tX\t2008-03-15\t\\N\t03\tsecondary\t660301\ta\\nb\t\\N\t\\N\t\\N\tenrolled\t2027\tf\t2026-11-29T10:00:00+00:00\n"
        );
    }
}
