//! `/api/v1/training/…`: the public course directory, certificate verification, and the
//! figures by audience, occupation and provider.

use super::{Directory, DirectoryQuery, Figures, Verification};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::{Query, State};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(courses)).routes(routes!(verify)).routes(routes!(figures)).routes(routes!(inhouse_requests, file_inhouse)).routes(routes!(decide_inhouse))
}

/// Cohorts taking sign-ups, filtered, with facet counts (public).
#[utoipa::path(get, path = "/api/v1/training/courses", tag = "training", params(DirectoryQuery), responses((status = 200, body = Directory)))]
async fn courses(State(s): State<AppState>, Query(q): Query<DirectoryQuery>) -> ApiResult<Json<Directory>> {
    Ok(Json(super::directory(&s.db, &q).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
struct CodeQuery {
    /// The code printed as a QR code on the certificate.
    code: String,
}

/// What a certificate's code proves (public): valid, revoked, forged, malformed or unknown.
#[utoipa::path(get, path = "/api/v1/training/certificates/verify", tag = "training", params(CodeQuery), responses((status = 200, body = Verification)))]
async fn verify(State(s): State<AppState>, Query(q): Query<CodeQuery>) -> ApiResult<Json<Verification>> {
    let code: String = q.code.chars().take(200).collect();
    Ok(Json(super::verify(&s.db, &s.signing_key, &code).await?))
}

/// Enrolments, completions and certificates by audience, occupation and provider (the
/// district and liaisons: all providers; a provider: its own).
#[utoipa::path(get, path = "/api/v1/training/figures", tag = "training",
    responses((status = 200, body = Figures), (status = 403, body = crate::error::ErrorBody)))]
async fn figures(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Figures>> {
    Ok(Json(super::figures(&s.db, &ctx).await?))
}

/// In-house training requests the user may see (the district and liaisons: all; an
/// enterprise: its own; a provider: those addressed to it).
#[utoipa::path(get, path = "/api/v1/training/inhouse", tag = "training",
    responses((status = 200, body = Vec<super::inhouse::InhouseView>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn inhouse_requests(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<super::inhouse::InhouseView>>> {
    Ok(Json(super::inhouse::requests(&s.db, &ctx).await?))
}

/// An enterprise's HR asks a training base to train its employees in one of the base's
/// programmes; returns the request's id.
#[utoipa::path(post, path = "/api/v1/training/inhouse", tag = "training", request_body = super::inhouse::InhouseInput,
    responses((status = 201, body = i64), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn file_inhouse(State(s): State<AppState>, ctx: Ctx, Json(input): Json<super::inhouse::InhouseInput>) -> ApiResult<(axum::http::StatusCode, Json<i64>)> {
    Ok((axum::http::StatusCode::CREATED, Json(super::inhouse::file_request(&s.db, &ctx, &input).await?)))
}

/// The base or the district accepts (opens a cohort for the employees; returns its id),
/// records a delivered training, or declines with a reason (409 when already decided).
#[utoipa::path(post, path = "/api/v1/training/inhouse/{id}/decision", tag = "training", params(("id" = i64, Path)), request_body = super::inhouse::DecisionInput,
    responses((status = 200, body = Option<i64>), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn decide_inhouse(State(s): State<AppState>, ctx: Ctx, axum::extract::Path(id): axum::extract::Path<i64>, Json(input): Json<super::inhouse::DecisionInput>) -> ApiResult<Json<Option<i64>>> {
    Ok(Json(super::inhouse::decide(&s.db, &ctx, id, &input).await?))
}
