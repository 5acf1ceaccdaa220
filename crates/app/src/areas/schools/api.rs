//! `/api/v1/schools`: the standards check (pure evaluation, a school's years, the
//! district overview) and the scorecards.

use super::scorecard::ResultView;
use super::{Overview, YearInput, YearView};
use crate::auth::Ctx;
use crate::error::{ApiResult, AppError, FieldError};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};
use zhijiao_domain::school_standards::{self as rules, Evaluation, SchoolYear};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(evaluate))
        .routes(routes!(list, save))
        .routes(routes!(overview))
        .routes(routes!(scorecards))
}

/// Evaluate one school-year (JSON as `zhijiao school standards`): per indicator the value,
/// threshold, met and source; a left-out field is not assessed (null), never zero.
#[utoipa::path(post, path = "/api/v1/schools/standards/evaluate", tag = "schools", request_body(content = Object, description = "students, fulltime_teachers, senior_title_teachers, specialty_teachers, dual_qualified_teachers, part_time_teachers, land_m2, building_m2, equipment_yuan, books, ring_track_m"),
    responses((status = 200, body = Object), (status = 422, body = crate::error::ErrorBody)))]
async fn evaluate(Json(y): Json<SchoolYear>) -> ApiResult<Json<Evaluation>> {
    y.validate().map_err(|errs| AppError::Validation(errs.into_iter().map(|e| FieldError::new(rules::field_label(e.field), e.message)).collect()))?;
    Ok(Json(rules::evaluate(&y)))
}

/// Stored years with their results: a school its own, the district every school's.
#[utoipa::path(get, path = "/api/v1/schools/standards", tag = "schools",
    responses((status = 200, body = Vec<YearView>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn list(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<YearView>>> {
    Ok(Json(super::list(&s.db, &ctx).await?))
}

/// Save one's own school's year (school administrators); figures as text, empty = not assessed.
#[utoipa::path(post, path = "/api/v1/schools/standards", tag = "schools", request_body = YearInput,
    responses((status = 200, body = YearView), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn save(State(s): State<AppState>, ctx: Ctx, Json(input): Json<YearInput>) -> ApiResult<Json<YearView>> {
    let m = super::save(&s.db, &ctx, &input).await?;
    Ok(Json(super::get(&s.db, &ctx, m.id).await?))
}

/// The share of vocational schools meeting all key indicators per year against the
/// 80% / 90% targets, and each school's classes over the years (district).
#[utoipa::path(get, path = "/api/v1/schools/standards/overview", tag = "schools",
    responses((status = 200, body = Overview), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn overview(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Overview>> {
    Ok(Json(super::overview(&s.db, &ctx).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
struct YearQuery {
    /// Four-digit year (default: this year).
    year: Option<i32>,
}

/// Quality-assessment results of a year in scope, best total first.
#[utoipa::path(get, path = "/api/v1/schools/scorecards", tag = "schools", params(YearQuery),
    responses((status = 200, body = Vec<ResultView>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn scorecards(State(s): State<AppState>, ctx: Ctx, Query(q): Query<YearQuery>) -> ApiResult<Json<Vec<ResultView>>> {
    Ok(Json(super::scorecard::list(&s.db, &ctx, q.year.unwrap_or_else(super::this_year)).await?))
}
