//! `/api/v1/students`: the register, scoped to the caller's school (or the district).

use super::{StudentFilter, StudentView};
use crate::auth::Ctx;
use crate::error::ApiResult;
use crate::web::{AppState, Paging};
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Serialize, utoipa::ToSchema)]
pub struct StudentPage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub items: Vec<StudentView>,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(get_one))
}

/// Students the caller may read; 身份证件号 and phone are masked except for the
/// administrators of the student's own school.
#[utoipa::path(get, path = "/api/v1/students", tag = "students", params(StudentFilter),
    responses((status = 200, body = StudentPage), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn list(State(s): State<AppState>, ctx: Ctx, Query(f): Query<StudentFilter>) -> ApiResult<Json<StudentPage>> {
    let (total, items) = super::list(&s.db, &ctx, &f).await?;
    let p = Paging::new(f.page, f.per_page);
    Ok(Json(StudentPage { total, page: p.page, per_page: p.per_page, items }))
}

/// One student (404 for students of other schools).
#[utoipa::path(get, path = "/api/v1/students/{id}", tag = "students", params(("id" = i64, Path)),
    responses((status = 200, body = StudentView), (status = 404, body = crate::error::ErrorBody)))]
async fn get_one(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<StudentView>> {
    Ok(Json(super::get(&s.db, &ctx, id).await?))
}
