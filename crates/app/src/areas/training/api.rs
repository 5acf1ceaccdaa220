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
    OpenApiRouter::new().routes(routes!(courses)).routes(routes!(verify)).routes(routes!(figures))
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
