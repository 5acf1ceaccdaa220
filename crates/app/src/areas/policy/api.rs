//! `/api/v1/policy`: the dashboard, one's tasks, progress reports.

use super::{Dashboard, ReportInput, ReportView, TaskFilter, TaskView};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(dashboard)).routes(routes!(tasks)).routes(routes!(report))
}

/// The leadership dashboard of the latest accepted policy: measures with task states, KPIs.
#[utoipa::path(get, path = "/api/v1/policy/dashboard", tag = "policy",
    responses((status = 200, body = Dashboard), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn dashboard(State(s): State<AppState>, ctx: Ctx) -> ApiResult<Json<Dashboard>> {
    Ok(Json(super::dashboard(&s.db, &ctx, None).await?))
}

/// Tasks in reach: all for district administrators; one's own department's (and those
/// of the measures it leads) for liaisons.
#[utoipa::path(get, path = "/api/v1/policy/tasks", tag = "policy", params(TaskFilter),
    responses((status = 200, body = Vec<TaskView>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn tasks(State(s): State<AppState>, ctx: Ctx, Query(f): Query<TaskFilter>) -> ApiResult<Json<Vec<TaskView>>> {
    Ok(Json(super::tasks(&s.db, &ctx, &f).await?))
}

/// Report progress on one of one's own department's tasks.
#[utoipa::path(post, path = "/api/v1/policy/tasks/{id}/reports", tag = "policy", params(("id" = i64, Path)), request_body = ReportInput,
    responses((status = 200, body = ReportView), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
async fn report(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Json(input): Json<ReportInput>) -> ApiResult<Json<ReportView>> {
    Ok(Json(super::submit_report(&s.db, &ctx, id, &input).await?))
}
