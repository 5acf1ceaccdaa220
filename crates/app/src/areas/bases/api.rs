//! `/api/v1/bases`: the shared resources, a resource's calendar, and booking.

use super::{BookingInput, BookingView, ResourceView};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(resources)).routes(routes!(calendar)).routes(routes!(book))
}

/// Rooms, workstations and equipment open for booking.
#[utoipa::path(get, path = "/api/v1/bases/resources", tag = "bases",
    responses((status = 200, body = Vec<ResourceView>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn resources(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<ResourceView>>> {
    Ok(Json(super::resources(&s.db, &ctx).await?))
}

/// A resource's pending and approved bookings from today on.
#[utoipa::path(get, path = "/api/v1/bases/resources/{id}/bookings", tag = "bases", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<BookingView>), (status = 404, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn calendar(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<Vec<BookingView>>> {
    let from = chrono::Utc::now().naive_utc() + chrono::Duration::hours(8) - chrono::Duration::days(1);
    Ok(Json(super::calendar(&s.db, &ctx, id, from).await?))
}

/// Book a resource; 409 with the first booking named when the time is taken.
#[utoipa::path(post, path = "/api/v1/bases/bookings", tag = "bases", request_body = BookingInput,
    responses((status = 200, body = BookingView), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn book(State(s): State<AppState>, ctx: Ctx, Json(input): Json<BookingInput>) -> ApiResult<Json<BookingView>> {
    let m = super::book(&s.db, &ctx, &input).await?;
    Ok(Json(super::booking_views(&s.db, vec![m]).await?.remove(0)))
}
