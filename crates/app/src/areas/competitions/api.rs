//! `/api/v1/competitions`: events, registrations, results and the medal table.

use super::{CompetitionInput, CompetitionView, EntryInput, EntryView, MedalTable};
use crate::auth::Ctx;
use crate::error::{ApiResult, AppError};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(medals))
        .routes(routes!(results))
        .routes(routes!(register))
}

/// Every competition (public).
#[utoipa::path(get, path = "/api/v1/competitions", tag = "competitions", responses((status = 200, body = Vec<CompetitionView>)))]
async fn list(State(s): State<AppState>) -> ApiResult<Json<Vec<CompetitionView>>> {
    Ok(Json(super::list(&s.db).await?))
}

/// Register a competition (the district).
#[utoipa::path(post, path = "/api/v1/competitions", tag = "competitions", request_body = CompetitionInput,
    responses((status = 200, body = CompetitionView), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn create(State(s): State<AppState>, ctx: Ctx, Json(input): Json<CompetitionInput>) -> ApiResult<Json<CompetitionView>> {
    let m = super::create(&s.db, &ctx, &input).await?;
    Ok(Json(super::get(&s.db, m.id).await?))
}

/// The awarded entries of a competition (public).
#[utoipa::path(get, path = "/api/v1/competitions/{id}/results", tag = "competitions", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<EntryView>), (status = 404, body = crate::error::ErrorBody)))]
async fn results(State(s): State<AppState>, Path(id): Path<i64>) -> ApiResult<Json<Vec<EntryView>>> {
    Ok(Json(super::results(&s.db, id).await?))
}

/// A school registers students, a team or teachers (the district any school).
#[utoipa::path(post, path = "/api/v1/competitions/{id}/entries", tag = "competitions", params(("id" = i64, Path)), request_body = EntryInput,
    responses((status = 200, body = EntryView), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn register(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Json(input): Json<EntryInput>) -> ApiResult<Json<EntryView>> {
    let m = super::register(&s.db, &ctx, id, &input).await?;
    let all = super::entries(&s.db, &ctx, id).await?;
    Ok(Json(all.into_iter().find(|e| e.id == m.id).ok_or(AppError::NotFound)?))
}

#[derive(Deserialize, utoipa::IntoParams)]
struct YearQuery {
    /// Four-digit year; all years when absent.
    year: Option<i32>,
}

/// The medal table by school, major and year (public).
#[utoipa::path(get, path = "/api/v1/competitions/medals", tag = "competitions", params(YearQuery), responses((status = 200, body = MedalTable)))]
async fn medals(State(s): State<AppState>, Query(q): Query<YearQuery>) -> ApiResult<Json<MedalTable>> {
    Ok(Json(super::medal_table(&s.db, q.year).await?))
}
