//! `/api/v1/majors/…`: the map with its warnings (district readers), the filings in the
//! reader's scope, the public list of filed majors, and the demand forecast.

use super::{FilingView, ForecastReport, MajorMap, WhatIfQuery};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(map)).routes(routes!(filings)).routes(routes!(records)).routes(routes!(forecast)).merge(super::pathways::api_router())
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct MapQuery {
    /// secondary (default) | associate | bachelor
    pub level: Option<String>,
}

/// The majors × schools map of a level with per-major figures, the warnings (each with its
/// precedent), specialty groups and the lead chains' coverage.
#[utoipa::path(get, path = "/api/v1/majors/map", tag = "majors", params(MapQuery),
    responses((status = 200, body = MajorMap), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn map(State(s): State<AppState>, ctx: Ctx, Query(q): Query<MapQuery>) -> ApiResult<Json<MajorMap>> {
    let level = super::parse_level(q.level.as_deref())?;
    Ok(Json(super::map(&s.db, &ctx, level).await?))
}

/// 专业调整申报: every filing for the district, a school's own for its administrator.
#[utoipa::path(get, path = "/api/v1/majors/filings", tag = "majors",
    responses((status = 200, body = Vec<FilingView>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn filings(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<FilingView>>> {
    Ok(Json(super::filings(&s.db, &ctx).await?))
}

/// The public list of filed (备案) majors.
#[utoipa::path(get, path = "/api/v1/majors/records", tag = "majors", responses((status = 200, body = Vec<FilingView>)))]
async fn records(State(s): State<AppState>) -> ApiResult<Json<Vec<FilingView>>> {
    Ok(Json(super::records(&s.db).await?))
}

/// Three-year monthly demand forecast per chain and occupation with back-test MAPE/MASE;
/// with `major` and `seats`, what opening that many seats adds against the demand.
#[utoipa::path(get, path = "/api/v1/majors/forecast", tag = "majors", params(WhatIfQuery),
    responses((status = 200, body = ForecastReport), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn forecast(State(s): State<AppState>, ctx: Ctx, Query(q): Query<WhatIfQuery>) -> ApiResult<Json<ForecastReport>> {
    Ok(Json(super::forecast_report(&s.db, &ctx, &q).await?))
}
