//! `/api/v1/orgs`: organisations, scoped by the caller.

use super::{OrgFilter, OrgInput, OrgView};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::{AppState, Paging};
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrgPage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub items: Vec<OrgView>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusInput {
    /// active | pending | suspended
    pub status: String,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(set_status))
}

/// Organisations (district-wide readers only).
#[utoipa::path(get, path = "/api/v1/orgs", tag = "orgs", params(OrgFilter),
    responses((status = 200, body = OrgPage), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn list(State(s): State<AppState>, ctx: Ctx, Query(f): Query<OrgFilter>) -> ApiResult<Json<OrgPage>> {
    let (total, items) = super::list(&s.db, &ctx, &f).await?;
    let p = Paging::new(f.page, f.per_page);
    Ok(Json(OrgPage { total, page: p.page, per_page: p.per_page, items }))
}

/// Register an organisation (district administrators).
#[utoipa::path(post, path = "/api/v1/orgs", tag = "orgs", request_body = OrgInput,
    responses((status = 200, body = OrgView), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn create(State(s): State<AppState>, ctx: Ctx, Json(input): Json<OrgInput>) -> ApiResult<Json<OrgView>> {
    Ok(Json(super::create(&s.db, &ctx, &input).await?))
}

/// One organisation: one's own, or any for district-wide readers.
#[utoipa::path(get, path = "/api/v1/orgs/{id}", tag = "orgs", params(("id" = i64, Path)),
    responses((status = 200, body = OrgView), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
async fn get_one(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<OrgView>> {
    Ok(Json(super::get(&s.db, &ctx, id).await?))
}

/// Edit an organisation's profile.
#[utoipa::path(put, path = "/api/v1/orgs/{id}", tag = "orgs", params(("id" = i64, Path)), request_body = OrgInput,
    responses((status = 200, body = OrgView), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn update(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Json(input): Json<OrgInput>) -> ApiResult<Json<OrgView>> {
    Ok(Json(super::update(&s.db, &ctx, id, &input).await?))
}

/// Approve, suspend or reopen an organisation.
#[utoipa::path(post, path = "/api/v1/orgs/{id}/status", tag = "orgs", params(("id" = i64, Path)), request_body = StatusInput,
    responses((status = 204), (status = 403, body = crate::error::ErrorBody)))]
async fn set_status(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Json(input): Json<StatusInput>) -> ApiResult<axum::http::StatusCode> {
    super::set_status(&s.db, &ctx, id, &input.status).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
