//! The audit log as JSON (`/api/v1/audit`).

use super::{AuditFilter, AuditRow, list};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_list))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditPage {
    pub total: u64,
    pub items: Vec<AuditRow>,
}

/// The audit log (district administrators). There is no way to change it.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditFilter),
    responses((status = 200, body = AuditPage), (status = 403, body = crate::error::ErrorBody)))]
async fn api_list(State(s): State<AppState>, ctx: Ctx, Query(f): Query<AuditFilter>) -> ApiResult<Json<AuditPage>> {
    let (total, items) = list(&s.db, &ctx, &f).await?;
    Ok(Json(AuditPage { total, items }))
}
