//! Chinese full-text search, the one place where SQLite and PostgreSQL differ
//! (ARCHITECTURE.md): text is segmented by jieba at write time into `search_text`
//! (words separated by spaces); SQLite indexes it with an FTS5 table kept in sync by
//! triggers, PostgreSQL with a GIN index on `to_tsvector('simple', search_text)`.
//! Queries are segmented the same way and every word must match (AND).
//!
//! Also here: a tiny parameter builder, because the two dialects spell placeholders
//! differently (`?` and `$n`).

use jieba_rs::Jieba;
use sea_orm::{DatabaseBackend, Statement, Value};
use std::sync::OnceLock;

pub fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(Jieba::new)
}

fn keep(word: &str) -> Option<String> {
    let w = word.trim();
    w.chars().any(char::is_alphanumeric).then(|| w.to_lowercase())
}

/// The words of a text for the index: jieba's search mode (no HMM, like queries, so
/// both sides split unknown words the same way), which also emits the parts
/// of long words ("数控车床" → 数控, 车床, 数控车床), so a short query finds a long word.
pub fn index_text(parts: &[&str]) -> String {
    let mut words: Vec<String> = Vec::new();
    for p in parts {
        words.extend(jieba().cut_for_search(p, false).into_iter().filter_map(|t| keep(t.word)));
    }
    words.join(" ")
}

/// The words of a query (precise mode, no HMM guesses), de-duplicated.
pub fn query_words(q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in jieba().cut(q, false) {
        if let Some(w) = keep(t.word) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

/// SQL text plus its bound values, with placeholders in the backend's spelling.
pub struct Sql {
    pub backend: DatabaseBackend,
    pub values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DatabaseBackend) -> Self {
        Sql { backend, values: Vec::new() }
    }
    /// Bind a value; returns its placeholder. Call in the order the SQL text is written.
    pub fn param(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        match self.backend {
            DatabaseBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_string(),
        }
    }
    pub fn statement(self, sql: String) -> Statement {
        Statement::from_sql_and_values(self.backend, sql, self.values)
    }
}

/// A condition that row `alias` of `postings` contains every word of the query.
pub fn postings_match(sql: &mut Sql, alias: &str, words: &[String]) -> String {
    match sql.backend {
        DatabaseBackend::Postgres => {
            let p = sql.param(words.join(" "));
            format!("to_tsvector('simple', {alias}.search_text) @@ plainto_tsquery('simple', {p})")
        }
        _ => {
            // FTS5 query syntax: each word a quoted string (quotes doubled), implicit AND.
            let q = words.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" ");
            let p = sql.param(q);
            format!("{alias}.id IN (SELECT rowid FROM postings_fts WHERE postings_fts MATCH {p})")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_chinese_for_index_and_query() {
        let idx = index_text(&["数控车床操作工", "机电一体化 PLC编程"]);
        let words: Vec<&str> = idx.split(' ').collect();
        for w in ["数控", "车床", "机电", "plc", "编程"] {
            assert!(words.contains(&w), "{w} in {idx}");
        }
        assert_eq!(query_words("机电"), vec!["机电"]);
        assert!(query_words("  ，。 ").is_empty());
    }

    #[test]
    fn placeholders_follow_the_backend() {
        let mut s = Sql::new(DatabaseBackend::Postgres);
        assert_eq!(s.param(1i64), "$1");
        assert_eq!(s.param("x"), "$2");
        let mut s = Sql::new(DatabaseBackend::Sqlite);
        assert_eq!(s.param(1i64), "?");
        let c = postings_match(&mut s, "p", &["机电".into(), "a\"b".into()]);
        assert!(c.contains("MATCH ?"));
        assert_eq!(s.values[1], Value::from("\"机电\" \"a\"\"b\"".to_string()));
    }
}
