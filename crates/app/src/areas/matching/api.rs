//! `/api/v1/recommendations` (a student's) and `/api/v1/postings/{id}/candidates` (HR's).

use super::{Candidates, LimitQuery, Recommendations};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(recommendations)).routes(routes!(candidates))
}

/// Open postings ranked for the signed-in student, each score with its readable parts.
#[utoipa::path(get, path = "/api/v1/recommendations", tag = "matching", params(LimitQuery),
    responses((status = 200, body = Recommendations), (status = 403, body = crate::error::ErrorBody)))]
async fn recommendations(State(s): State<AppState>, ctx: Ctx, Query(q): Query<LimitQuery>) -> ApiResult<Json<Recommendations>> {
    Ok(Json(super::for_student(&s.db, &ctx, q.limit()).await?))
}

/// Opted-in students ranked for one of the HR user's own postings (personal data masked
/// unless the student applied to the enterprise).
#[utoipa::path(get, path = "/api/v1/postings/{id}/candidates", tag = "matching", params(("id" = i64, Path), LimitQuery),
    responses((status = 200, body = Candidates), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
async fn candidates(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Query(q): Query<LimitQuery>) -> ApiResult<Json<Candidates>> {
    Ok(Json(super::for_posting(&s.db, &ctx, id, q.limit()).await?))
}
