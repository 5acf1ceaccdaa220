//! `/api/v1/catalog/…`: public, read-only.

use super::{Detail, Filter, Item, Kind};
use crate::error::{ApiResult, AppError};
use crate::web::{AppState, Paging};
use axum::Json;
use axum::extract::{Path, Query};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Serialize, utoipa::ToSchema)]
pub struct ItemPage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub items: Vec<Item>,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(major))
        .routes(routes!(entry))
}

/// Search a catalogue by code prefix or Chinese name.
#[utoipa::path(get, path = "/api/v1/catalog/{kind}", tag = "catalog",
    params(("kind" = Kind, Path, description = "majors | industries | occupations | divisions"), Filter),
    responses((status = 200, body = ItemPage), (status = 400, body = crate::error::ErrorBody)))]
async fn list(Path(kind): Path<String>, Query(f): Query<Filter>) -> ApiResult<Json<ItemPage>> {
    let kind = Kind::parse(&kind).ok_or(AppError::NotFound)?;
    let items = super::search(kind, &f).map_err(AppError::BadRequest)?;
    let paging = Paging::new(f.page, f.per_page);
    let total = items.len() as u64;
    let items = items.into_iter().skip(paging.offset() as usize).take(paging.per_page as usize).collect();
    Ok(Json(ItemPage { total, page: paging.page, per_page: paging.per_page, items }))
}

/// One major of the 2021 catalogue with its place in the tree and the occupations its
/// graduates go into.
#[utoipa::path(get, path = "/api/v1/catalog/majors/{level}/{code}", tag = "catalog",
    params(("level" = String, Path, description = "secondary | associate | bachelor"), ("code" = String, Path)),
    responses((status = 200, body = Detail), (status = 404, body = crate::error::ErrorBody)))]
async fn major(Path((level, code)): Path<(String, String)>) -> ApiResult<Json<Detail>> {
    Ok(Json(super::detail_major(&level, &code).ok_or(AppError::NotFound)?))
}

/// One industry, occupation or division by code.
#[utoipa::path(get, path = "/api/v1/catalog/{kind}/{code}", tag = "catalog",
    params(("kind" = String, Path, description = "industries | occupations | divisions"), ("code" = String, Path)),
    responses((status = 200, body = Detail), (status = 404, body = crate::error::ErrorBody)))]
async fn entry(Path((kind, code)): Path<(String, String)>) -> ApiResult<Json<Detail>> {
    let detail = match Kind::parse(&kind) {
        Some(Kind::Industries) => super::detail_industry(&code),
        Some(Kind::Occupations) => super::detail_occupation(&code),
        Some(Kind::Divisions) => super::detail_division(&code),
        _ => None,
    };
    Ok(Json(detail.ok_or(AppError::NotFound)?))
}
