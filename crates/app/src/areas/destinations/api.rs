//! `/api/v1/destinations`: graduate destinations and rates, scoped to the caller's school
//! (or the district).

use super::{DestinationFilter, DestinationInput, DestinationView, RatesReport};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::{AppState, Paging};
use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Serialize, utoipa::ToSchema)]
pub struct DestinationPage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub items: Vec<DestinationView>,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, record)).routes(routes!(rates))
}

/// Graduates' destinations the caller may read (身份证件号 masked except for the
/// administrators of the graduate's school).
#[utoipa::path(get, path = "/api/v1/destinations", tag = "destinations", params(DestinationFilter),
    responses((status = 200, body = DestinationPage), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn list(State(s): State<AppState>, ctx: Ctx, Query(f): Query<DestinationFilter>) -> ApiResult<Json<DestinationPage>> {
    let (total, items) = super::list(&s.db, &ctx, &f).await?;
    let p = Paging::new(f.page, f.per_page);
    Ok(Json(DestinationPage { total, page: p.page, per_page: p.per_page, items }))
}

/// Record (or replace) a graduate's destination for a year and snapshot.
#[utoipa::path(post, path = "/api/v1/destinations", tag = "destinations", request_body = DestinationInput,
    responses((status = 200, body = DestinationView), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn record(State(s): State<AppState>, ctx: Ctx, Json(input): Json<DestinationInput>) -> ApiResult<Json<DestinationView>> {
    let m = super::save(&s.db, &ctx, None, &input).await?;
    Ok(Json(super::get(&s.db, &ctx, m.id).await?))
}

/// 就业率 (中职口径), 毕业去向落实率, 对口率, local retention — in total, per school and per
/// major; a rate is null when its denominator is 0.
#[utoipa::path(get, path = "/api/v1/destinations/rates", tag = "destinations", params(DestinationFilter),
    responses((status = 200, body = RatesReport), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn rates(State(s): State<AppState>, ctx: Ctx, Query(f): Query<DestinationFilter>) -> ApiResult<Json<RatesReport>> {
    Ok(Json(super::rates(&s.db, &ctx, &f).await?))
}
