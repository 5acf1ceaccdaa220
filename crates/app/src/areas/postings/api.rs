//! `/api/v1/postings`: the equal-treatment check, public search with facets, one posting.

use super::search::{SearchQuery, SearchResult};
use super::{LintResult, PostingView};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LintInput {
    /// Free text (as `zhijiao posting lint` reads it).
    #[serde(default)]
    pub text: Option<String>,
    /// Or a posting's title and description, checked as fields.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(lint)).routes(routes!(search)).routes(routes!(get_one))
}

/// Check a posting's text against the equal-treatment rules (anyone may ask).
#[utoipa::path(post, path = "/api/v1/postings/lint", tag = "postings", request_body = LintInput,
    responses((status = 200, body = LintResult)))]
async fn lint(Json(input): Json<LintInput>) -> ApiResult<Json<LintResult>> {
    Ok(Json(match (&input.title, &input.description) {
        (None, None) => super::lint_text(input.text.as_deref().unwrap_or("")),
        (t, d) => super::lint(t.as_deref().unwrap_or(""), d.as_deref().unwrap_or("")),
    }))
}

/// Search published postings with facets (anonymous).
#[utoipa::path(get, path = "/api/v1/postings", tag = "postings", params(SearchQuery),
    responses((status = 200, body = SearchResult)))]
async fn search(State(s): State<AppState>, ctx: Ctx, Query(q): Query<SearchQuery>) -> ApiResult<Json<SearchResult>> {
    Ok(Json(super::search::search(&s, &ctx, &q).await?))
}

/// One posting: published ones for everyone, others for their enterprise and reviewers.
#[utoipa::path(get, path = "/api/v1/postings/{id}", tag = "postings", params(("id" = i64, Path)),
    responses((status = 200, body = PostingView), (status = 404, body = crate::error::ErrorBody)))]
async fn get_one(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<PostingView>> {
    Ok(Json(super::get(&s.db, &ctx, id).await?))
}
