//! `/api/v1/cooperation`: agreements (scoped to the caller's organisation, or all for the
//! district and departments), confirmation, and the two scores.

use super::{AgreementFilter, AgreementInput, AgreementView, Ranking};
use crate::auth::Ctx;
use crate::error::{AppError, ApiResult};
use crate::web::{AppState, Paging};
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Serialize, utoipa::ToSchema)]
pub struct AgreementPage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub items: Vec<AgreementView>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearParam {
    /// Defaults to the current year.
    pub year: Option<i32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Effectiveness {
    pub school_org_id: i64,
    pub year: i32,
    /// 0–100
    pub score: f64,
    pub formula: String,
    pub version: String,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(confirm))
        .routes(routes!(effectiveness))
        .routes(routes!(participation))
}

fn year(p: &YearParam) -> Result<i32, AppError> {
    match p.year {
        None => Ok(chrono::Datelike::year(&chrono::Utc::now())),
        Some(y) if (2000..=2100).contains(&y) => Ok(y),
        Some(_) => Err(AppError::BadRequest("年份应在 2000 到 2100 之间".into())),
    }
}

/// Agreements the caller may read, newest first.
#[utoipa::path(get, path = "/api/v1/cooperation/agreements", tag = "cooperation", params(AgreementFilter),
    responses((status = 200, body = AgreementPage), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn list(State(s): State<AppState>, ctx: Ctx, Query(f): Query<AgreementFilter>) -> ApiResult<Json<AgreementPage>> {
    let (total, items) = super::list(&s.db, &ctx, &f).await?;
    let p = Paging::new(f.page, f.per_page);
    Ok(Json(AgreementPage { total, page: p.page, per_page: p.per_page, items }))
}

/// Draft an agreement (a school's administrator with an enterprise, or an enterprise's HR
/// with a school); the other side confirms it.
#[utoipa::path(post, path = "/api/v1/cooperation/agreements", tag = "cooperation", request_body = AgreementInput,
    responses((status = 200, body = AgreementView), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn create(State(s): State<AppState>, ctx: Ctx, Json(input): Json<AgreementInput>) -> ApiResult<Json<AgreementView>> {
    let m = super::create(&s.db, &ctx, &input).await?;
    Ok(Json(super::get(&s.db, &ctx, m.id).await?))
}

/// The other side confirms a draft; from then on it counts.
#[utoipa::path(post, path = "/api/v1/cooperation/agreements/{id}/confirm", tag = "cooperation", params(("id" = i64, Path)),
    responses((status = 200, body = AgreementView), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
async fn confirm(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<AgreementView>> {
    super::confirm(&s.db, &ctx, id).await?;
    Ok(Json(super::get(&s.db, &ctx, id).await?))
}

/// A school's cooperation effectiveness (0–100) in a year, with the formula's version.
#[utoipa::path(get, path = "/api/v1/cooperation/effectiveness/{school_org_id}", tag = "cooperation", params(("school_org_id" = i64, Path), YearParam),
    responses((status = 200, body = Effectiveness), (status = 404, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn effectiveness(State(s): State<AppState>, ctx: Ctx, Path(school): Path<i64>, Query(p): Query<YearParam>) -> ApiResult<Json<Effectiveness>> {
    let year = year(&p)?;
    if super::read_scope(&ctx)?.is_some_and(|own| own != school) {
        return Err(AppError::NotFound.into());
    }
    let score = super::school_effectiveness(&s.db, school, year).await?.ok_or(AppError::NotFound)?;
    let f = zhijiao_domain::cooperation::EFFECTIVENESS_2026;
    Ok(Json(Effectiveness { school_org_id: school, year, score, formula: f.describe(), version: f.version.into() }))
}

/// Enterprises ranked by their participation score (the benchmark-enterprise selection);
/// an enterprise sees its own row only.
#[utoipa::path(get, path = "/api/v1/cooperation/participation", tag = "cooperation", params(YearParam),
    responses((status = 200, body = Ranking), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn participation(State(s): State<AppState>, ctx: Ctx, Query(p): Query<YearParam>) -> ApiResult<Json<Ranking>> {
    let year = year(&p)?;
    Ok(Json(super::ranking(&s.db, &ctx, false, year).await?))
}
