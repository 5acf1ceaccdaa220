//! Public posting search: Chinese full text (crate::search) plus facet filters, with
//! facet counts by GROUP BY over the filtered set, newest first, offset paging.

use super::{PostingView, today, views};
use crate::auth::Ctx;
use crate::entity::posting;
use crate::error::AppResult;
use crate::search::{Sql, postings_match, query_words};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
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

fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
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

/// The WHERE clause of the filtered set (alias `p`), binding as it goes. Postings aimed
/// at one school appear only to people of `school`.
fn where_clause(f: &SearchQuery, words: &[String], school: Option<i64>, sql: &mut Sql) -> String {
    let mut w = vec![format!("p.status = {}", sql.param("published"))];
    w.push(match school {
        Some(s) => format!("(p.target_school_id IS NULL OR p.target_school_id = {})", sql.param(s)),
        None => "p.target_school_id IS NULL".to_string(),
    });
    let d = sql.param(today());
    w.push(format!("(p.deadline IS NULL OR p.deadline >= {d})"));
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

async fn facet<C: ConnectionTrait>(db: &C, f: &SearchQuery, words: &[String], school: Option<i64>, key: &str, col: &str) -> AppResult<Facet> {
    let mut sql = Sql::new(db.get_database_backend());
    let w = where_clause(f, words, school, &mut sql);
    let text = if key == "major" {
        format!(
            "SELECT pm.major_code AS k, COUNT(DISTINCT p.id) AS n FROM postings p JOIN posting_majors pm ON pm.posting_id = p.id \
             WHERE {w} GROUP BY pm.major_code ORDER BY n DESC, k LIMIT 30"
        )
    } else {
        format!("SELECT {col} AS k, COUNT(*) AS n FROM postings p WHERE {w} AND {col} IS NOT NULL GROUP BY {col} ORDER BY n DESC, k LIMIT 30")
    };
    let rows = db.query_all_raw(sql.statement(text)).await?;
    let mut values = Vec::new();
    for r in rows {
        let value: String = r.try_get("", "k")?;
        let count: i64 = r.try_get("", "n")?;
        values.push(FacetValue { label: label(key, &value), value, count });
    }
    Ok(Facet { key: key.into(), values })
}

pub const FACETS: [(&str, &str); 6] = [
    ("kind", "p.kind"),
    ("section", "p.industry_section"),
    ("occ", "p.occupation_major"),
    ("major", ""),
    ("county", "p.county_code"),
    ("pay", "p.pay_band"),
];

/// Search published, open postings. Anonymous visitors may search.
pub async fn search(db: &DatabaseConnection, ctx: &Ctx, f: &SearchQuery) -> AppResult<SearchResult> {
    let words = some(&f.q).map(query_words).unwrap_or_default();
    let paging = crate::web::Paging::new(f.page, Some(f.per_page.unwrap_or(20)));
    let backend = db.get_database_backend();
    let school = super::viewer_school(ctx);

    let mut sql = Sql::new(backend);
    let w = where_clause(f, &words, school, &mut sql);
    let total: i64 = db
        .query_one_raw(sql.statement(format!("SELECT COUNT(*) AS n FROM postings p WHERE {w}")))
        .await?
        .map(|r| r.try_get("", "n"))
        .transpose()?
        .unwrap_or(0);

    let mut sql = Sql::new(backend);
    let w = where_clause(f, &words, school, &mut sql);
    let limit = sql.param(paging.per_page as i64);
    let offset = sql.param(paging.offset() as i64);
    let rows = db
        .query_all_raw(sql.statement(format!(
            "SELECT p.id AS id FROM postings p WHERE {w} ORDER BY p.published_at DESC, p.id DESC LIMIT {limit} OFFSET {offset}"
        )))
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.try_get("", "id")).collect::<Result<_, _>>()?;
    let mut models = posting::Entity::find().filter(posting::Column::Id.is_in(ids.clone())).all(db).await?;
    models.sort_by_key(|m| ids.iter().position(|i| *i == m.id));
    let items = views(db, ctx, models).await?;

    let mut facets = Vec::new();
    for (key, col) in FACETS {
        facets.push(facet(db, f, &words, school, key, col).await?);
    }
    Ok(SearchResult { total, page: paging.page, per_page: paging.per_page, items, facets })
}
