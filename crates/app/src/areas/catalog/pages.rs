//! Catalogue pages: index, lists with level filter and search, one page per entry.

use super::{Filter, Kind};
use crate::error::{AppError, PageResult};
use crate::web::{AppState, Page, Pager, Paging};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/catalog", get(index))
        .route("/catalog/search", get(search_all))
        .route("/catalog/{kind}", get(list))
        .route("/catalog/{kind}/export.xlsx", get(export))
        .route("/catalog/majors/{level}/{code}", get(major))
        .route("/catalog/{kind}/{code}", get(entry))
}

struct Group {
    kind: &'static str,
    title: &'static str,
    source: &'static str,
    levels: Vec<(&'static str, &'static str, usize)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/index.html")]
struct IndexPage {
    page: Page,
    groups: Vec<Group>,
}

fn kind_title(page: &Page, kind: Kind) -> &'static str {
    page.t(&format!("catalog.kinds.{}", kind.key()))
}

fn level_label(page: &Page, level: &str) -> &'static str {
    page.t(&format!("catalog.levels.{level}"))
}

async fn index(page: Page) -> IndexPage {
    let counts = super::counts();
    let groups = Kind::ALL
        .into_iter()
        .map(|kind| Group {
            kind: kind.key(),
            title: kind_title(&page, kind),
            source: page.t(&format!("catalog.sources.{}", kind.key())),
            levels: counts.iter().filter(|(k, _, _)| *k == kind).map(|(_, l, n)| (*l, level_label(&page, l), *n)).collect(),
        })
        .collect();
    let title = page.t("nav.catalog");
    IndexPage { page: page.titled(title), groups }
}

/// Search box of the index: go to the catalogue where the query has hits.
async fn search_all(Query(f): Query<Filter>) -> Redirect {
    let q = f.q.clone().unwrap_or_default();
    let kind = Kind::ALL.into_iter().find(|k| super::search(*k, &f).is_ok_and(|v| !v.is_empty())).unwrap_or(Kind::Majors);
    Redirect::to(&format!("/catalog/{}?q={}", kind.key(), urlencoding::encode(&q)))
}

struct Row {
    code: String,
    name: String,
    level_label: &'static str,
    parent_code: Option<String>,
    href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/list.html")]
struct ListPage {
    page: Page,
    kind: &'static str,
    levels: Vec<(&'static str, &'static str)>,
    level: String,
    q: String,
    total: usize,
    items: Vec<Row>,
    pager: Pager,
}

async fn list(page: Page, Path(kind): Path<String>, Query(f): Query<Filter>) -> PageResult<Response> {
    let kind = Kind::parse(&kind).ok_or(AppError::NotFound)?;
    let all = super::search(kind, &f).map_err(AppError::BadRequest)?;
    let paging = Paging::new(f.page, f.per_page);
    let level = f.level.clone().unwrap_or_default();
    let q = f.q.clone().unwrap_or_default();
    let pager = Pager::new(&format!("/catalog/{}", kind.key()), &[("level", level.clone()), ("q", q.clone())], paging, all.len() as u64);
    let items = all
        .iter()
        .skip(paging.offset() as usize)
        .take(paging.per_page as usize)
        .map(|it| Row {
            code: it.code.clone(),
            name: it.name.clone(),
            level_label: level_label(&page, &it.level),
            parent_code: it.parent_code.clone(),
            href: it.href.clone(),
        })
        .collect();
    let levels = kind.levels().iter().map(|l| (*l, level_label(&page, l))).collect();
    let title = kind_title(&page, kind);
    Ok(ListPage { page: page.titled(title), kind: kind.key(), levels, level, q, total: all.len(), items, pager }.into_response())
}

/// The filtered list as .xlsx (code, name, level, parent).
async fn export(page: Page, Path(kind): Path<String>, Query(f): Query<Filter>) -> PageResult<Response> {
    let kind = Kind::parse(&kind).ok_or(AppError::NotFound)?;
    let items = super::search(kind, &f).map_err(AppError::BadRequest)?;
    let rows = items.into_iter().map(|it| vec![it.code, it.name, level_label(&page, &it.level).to_string(), it.parent_code.unwrap_or_default()]);
    let title = kind_title(&page, kind);
    let bytes = crate::xlsx::export("目录", &["代码", "名称", "层级", "上级代码"], rows).map_err(|e| AppError::Internal(e.into()))?;
    Ok(crate::areas::orgs::pages::xlsx_response(bytes, &format!("{title}.xlsx")))
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/detail.html")]
struct DetailPage {
    page: Page,
    kind: &'static str,
    kind_title: &'static str,
    related_title: &'static str,
    d: super::Detail,
    api_href: String,
}

async fn major(page: Page, Path((level, code)): Path<(String, String)>) -> PageResult<DetailPage> {
    let d = super::detail_major(&level, &code).ok_or(AppError::NotFound)?;
    let api_href = format!("/api/v1/catalog/majors/{level}/{code}");
    Ok(detail_page(page, Kind::Majors, d, api_href))
}

async fn entry(page: Page, Path((kind, code)): Path<(String, String)>) -> PageResult<DetailPage> {
    let kind = Kind::parse(&kind).ok_or(AppError::NotFound)?;
    let d = match kind {
        Kind::Industries => super::detail_industry(&code),
        Kind::Occupations => super::detail_occupation(&code),
        Kind::Divisions => super::detail_division(&code),
        Kind::Majors => None,
    }
    .ok_or(AppError::NotFound)?;
    let api_href = format!("/api/v1/catalog/{}/{code}", kind.key());
    Ok(detail_page(page, kind, d, api_href))
}

fn detail_page(page: Page, kind: Kind, d: super::Detail, api_href: String) -> DetailPage {
    let related_title = match kind {
        Kind::Majors => page.t("catalog.related_occupations"),
        _ => page.t("catalog.related_majors"),
    };
    let title = format!("{} {}", d.item.code, d.item.name);
    DetailPage { kind: kind.key(), kind_title: kind_title(&page, kind), related_title, d, api_href, page: page.titled(title) }
}
