//! `/api/v1/reports/talent`: the report's figures as JSON (district readers), the published
//! versions (public), and the industry chains.

use super::pages::ReportQuery;
use super::{ChainView, VersionView};
use crate::auth::Ctx;
use crate::error::{ApiResult, AppError};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Query, State};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(report)).routes(routes!(versions)).routes(routes!(chains))
}

/// The current draft of a period and scope (`ReportOutput`: seven sections, each with
/// `data` or null and a note saying why), built from the rollups.
#[utoipa::path(get, path = "/api/v1/reports/talent", tag = "reports", params(ReportQuery),
    responses((status = 200, body = Object), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn report(State(s): State<AppState>, ctx: Ctx, Query(q): Query<ReportQuery>) -> ApiResult<Json<serde_json::Value>> {
    super::require_read(&ctx)?;
    let period = super::period_or_error(q.period.as_deref().unwrap_or(""))?;
    let scope = super::resolve_scope(&s.db, q.chain.as_deref()).await?;
    let b = super::draft(&s.db, &ctx, period, scope).await?;
    Ok(Json(serde_json::to_value(&b.output).map_err(|e| AppError::Internal(e.into()))?))
}

/// Published versions, newest first (public).
#[utoipa::path(get, path = "/api/v1/reports/talent/versions", tag = "reports",
    responses((status = 200, body = Vec<VersionView>)))]
async fn versions(State(s): State<AppState>) -> ApiResult<Json<Vec<VersionView>>> {
    Ok(Json(super::versions(&s.db).await?))
}

/// The zone's industry chains and their GB/T 4754 codes.
#[utoipa::path(get, path = "/api/v1/reports/talent/chains", tag = "reports",
    responses((status = 200, body = Vec<ChainView>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn chains(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<ChainView>>> {
    super::require_read(&ctx)?;
    Ok(Json(super::chains(&s.db).await?))
}
