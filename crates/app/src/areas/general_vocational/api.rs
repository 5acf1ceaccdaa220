//! `/api/v1/general-vocational/…`: 职普融通 "1+N" communities with their classes, rosters,
//! transfers and figures, and the district's writes (the same services as the page).

use super::{ClassInput, CommunityInput, CommunityView, StudentInput, TransferInput};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(communities, create_community)).routes(routes!(create_class)).routes(routes!(add_student)).routes(routes!(record_transfer))
}

/// Communities the user may read (the district and liaisons: all; a member school's staff:
/// their own), with classes, rosters, transfers and the figures per community.
#[utoipa::path(get, path = "/api/v1/general-vocational/communities", tag = "general-vocational",
    responses((status = 200, body = Vec<CommunityView>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn communities(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<CommunityView>>> {
    Ok(Json(super::communities(&s.db, &ctx).await?))
}

/// The district sets up a "1+N" community under its agreement; returns its id.
#[utoipa::path(post, path = "/api/v1/general-vocational/communities", tag = "general-vocational", request_body = CommunityInput,
    responses((status = 201, body = i64), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn create_community(State(s): State<AppState>, ctx: Ctx, Json(input): Json<CommunityInput>) -> ApiResult<(StatusCode, Json<i64>)> {
    Ok((StatusCode::CREATED, Json(super::create_community(&s.db, &ctx, &input).await?)))
}

/// The district opens a 职普融通班 in a community.
#[utoipa::path(post, path = "/api/v1/general-vocational/communities/{id}/classes", tag = "general-vocational", params(("id" = i64, Path)), request_body = ClassInput,
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn create_class(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Json(input): Json<ClassInput>) -> ApiResult<StatusCode> {
    super::create_class(&s.db, &ctx, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The district adds a student of one of the community's schools to a class's roster;
/// returns the community's id (409 when the student is already on the roster).
#[utoipa::path(post, path = "/api/v1/general-vocational/classes/{id}/students", tag = "general-vocational", params(("id" = i64, Path)), request_body = StudentInput,
    responses((status = 201, body = i64), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn add_student(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Json(input): Json<StudentInput>) -> ApiResult<(StatusCode, Json<i64>)> {
    Ok((StatusCode::CREATED, Json(super::add_student(&s.db, &ctx, id, &input).await?)))
}

/// The district records a transfer between the tracks with the credits recognised (422
/// when both schools are of the same track).
#[utoipa::path(post, path = "/api/v1/general-vocational/communities/{id}/transfers", tag = "general-vocational", params(("id" = i64, Path)), request_body = TransferInput,
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn record_transfer(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Json(input): Json<TransferInput>) -> ApiResult<StatusCode> {
    super::record_transfer(&s.db, &ctx, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
