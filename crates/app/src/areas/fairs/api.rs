//! `/api/v1/fairs/…`: what the door's phone needs to work without a network — the bundle
//! it verifies codes with, and the sync of the scans it queued (`super::offline`).

use super::offline::{OfflineBundle, SyncInput, SyncResult};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(bundle)).routes(routes!(sync))
}

/// The fair's offline bundle (staff): the Ed25519 public key, the sign-up list (masked),
/// the fairs' titles and the refusal messages.
#[utoipa::path(get, path = "/api/v1/fairs/{id}/offline", tag = "fairs", params(("id" = i64, Path)),
    responses((status = 200, body = OfflineBundle), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
async fn bundle(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<OfflineBundle>> {
    Ok(Json(super::offline::bundle(&s.db, &ctx, id).await?))
}

/// Sync scans a phone queued (staff). Each scan is accepted once by its `scan_id`; a
/// ticket already checked in comes back as `duplicate`, a code that is not good as
/// `refused`.
#[utoipa::path(post, path = "/api/v1/fairs/{id}/scans", tag = "fairs", params(("id" = i64, Path)), request_body = SyncInput,
    responses((status = 200, body = SyncResult), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
async fn sync(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Json(input): Json<SyncInput>) -> ApiResult<Json<SyncResult>> {
    Ok(Json(super::offline::sync(&s.db, &ctx, id, &input).await?))
}
