//! `/api/v1/enlightenment/…`: coverage, the user's bookings, and booking a session.

use super::{BookingInput, BookingView, Coverage};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(coverage)).routes(routes!(bookings, book))
}

/// Coverage of the district's primary and middle schools this school year (a school sees
/// its own line only).
#[utoipa::path(get, path = "/api/v1/enlightenment/coverage", tag = "enlightenment",
    responses((status = 200, body = Coverage), (status = 403, body = crate::error::ErrorBody)))]
async fn coverage(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Coverage>> {
    Ok(Json(super::coverage(&s.db, &ctx).await?))
}

/// Bookings the user may see.
#[utoipa::path(get, path = "/api/v1/enlightenment/bookings", tag = "enlightenment",
    responses((status = 200, body = Vec<BookingView>), (status = 403, body = crate::error::ErrorBody)))]
async fn bookings(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<BookingView>>> {
    Ok(Json(super::bookings(&s.db, &ctx).await?))
}

/// A primary or middle school books a session (409 names the clashing booking or the
/// places left).
#[utoipa::path(post, path = "/api/v1/enlightenment/bookings", tag = "enlightenment", request_body = BookingInput,
    responses((status = 201, body = i64), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn book(State(s): State<AppState>, ctx: Ctx, Json(input): Json<BookingInput>) -> ApiResult<(axum::http::StatusCode, Json<i64>)> {
    Ok((axum::http::StatusCode::CREATED, Json(super::book(&s.db, &ctx, &input).await?)))
}
