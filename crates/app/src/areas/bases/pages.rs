//! Base pages: the resources with this month's utilisation, a resource's calendar and
//! booking form (a conflict is shown on the form with the first booking named), approval,
//! billing records and their .xlsx export, and adding a resource.

use super::{BookingInput, BookingView, ResourceInput, ResourceView, UtilRow};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, PageResult};
use crate::roles::{Permission, Role, is_school_kind};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use chrono::Datelike;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bases", get(index))
        .route("/bases/resources", post(add_resource))
        .route("/bases/bookings", post(book))
        .route("/bases/billing", get(billing))
        .route("/bases/billing.xlsx", get(billing_export))
        .route("/bases/bookings/{id}/decide", post(decide))
        .route("/bases/bookings/{id}/paid", post(paid))
        .route("/bases/{id}", get(resource))
}

#[derive(serde::Deserialize, Default)]
struct MonthQuery {
    /// 2026-12
    month: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "bases/index.html")]
struct IndexPage {
    page: Page,
    resources: Vec<ResourceView>,
    month: String,
    per_base: Vec<UtilRow>,
    per_resource: Vec<UtilRow>,
    can_add: bool,
    owners: Vec<(i64, String)>,
    kinds: Vec<(&'static str, &'static str)>,
}

async fn index(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<MonthQuery>) -> PageResult<IndexPage> {
    let resources = super::resources(&s.db, &ctx).await?;
    let today = chrono::Utc::now().date_naive();
    let (y, m) = q
        .month
        .as_deref()
        .and_then(|s| chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok())
        .filter(|d| (2000..=2100).contains(&d.year()))
        .map(|d| (d.year(), d.month()))
        .unwrap_or((today.year(), today.month()));
    let (per_base, per_resource) = super::utilisation(&s.db, &ctx, y, m).await?;
    let u = ctx.user()?;
    let district = u.can(Permission::OrgManage);
    let can_add = district || (u.has_role(Role::SchoolAdmin) && is_school_kind(&u.org_kind));
    let owners = if district { super::owner_choices(&s.db).await? } else { Vec::new() };
    let title = page.t("bases.title");
    Ok(IndexPage {
        page: page.titled(title),
        resources,
        month: format!("{y}年{m}月"),
        per_base,
        per_resource,
        can_add,
        owners,
        kinds: super::KINDS.to_vec(),
    })
}

async fn add_resource(State(s): State<AppState>, ctx: Ctx, Form(input): Form<ResourceInput>) -> PageResult<Redirect> {
    let m = super::add_resource(&s.db, &ctx, &input).await?;
    Ok(Redirect::to(&format!("/bases/{}", m.id)))
}

#[derive(Template, WebTemplate)]
#[template(path = "bases/resource.html")]
struct ResourcePage {
    page: Page,
    r: ResourceView,
    can_manage: bool,
    bookings: Vec<BookingView>,
    input: BookingInput,
    error: String,
}

async fn resource_page(s: &AppState, ctx: &Ctx, page: Page, id: i64, input: BookingInput, error: String) -> PageResult<ResourcePage> {
    let (r, can_manage) = super::resource(&s.db, ctx, id).await?;
    let from = chrono::Utc::now().naive_utc() + chrono::Duration::hours(8) - chrono::Duration::days(1);
    let bookings = super::calendar(&s.db, ctx, id, from).await?;
    let title = format!("{} · {}", r.owner_name, r.name);
    Ok(ResourcePage { page: page.titled(title), r, can_manage, bookings, input, error })
}

async fn resource(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<ResourcePage> {
    let input = BookingInput { resource_id: id.to_string(), ..Default::default() };
    resource_page(&s, &ctx, page, id, input, String::new()).await
}

async fn book(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<BookingInput>) -> PageResult<Response> {
    ctx.user()?;
    let id = input.resource_id.trim().parse::<i64>().map_err(|_| AppError::BadRequest("请选择场地或设备".into()))?;
    let (status, error) = match super::book(&s.db, &ctx, &input).await {
        Ok(_) => return Ok(Redirect::to(&format!("/bases/{id}")).into_response()),
        Err(AppError::Conflict(m)) => (axum::http::StatusCode::CONFLICT, m),
        Err(AppError::Validation(es)) => {
            (axum::http::StatusCode::UNPROCESSABLE_ENTITY, es.iter().map(|e| format!("{}：{}", e.field, e.message)).collect::<Vec<_>>().join("；"))
        }
        Err(e) => return Err(e.into()),
    };
    let p = resource_page(&s, &ctx, page, id, input, error).await?;
    Ok((status, p).into_response())
}

#[derive(serde::Deserialize)]
struct DecideForm {
    action: String,
}

async fn decide(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<DecideForm>) -> PageResult<Redirect> {
    super::decide(&s.db, &ctx, id, &f.action).await?;
    Ok(Redirect::to("/bases/billing"))
}

async fn paid(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Redirect> {
    super::mark_paid(&s.db, &ctx, id).await?;
    Ok(Redirect::to("/bases/billing"))
}

#[derive(Template, WebTemplate)]
#[template(path = "bases/billing.html")]
struct BillingPage {
    page: Page,
    rows: Vec<(BookingView, bool)>,
}

async fn billing(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<BillingPage> {
    let rows = super::billing(&s.db, &ctx).await?;
    let title = page.t("bases.billing");
    Ok(BillingPage { page: page.titled(title), rows })
}

async fn billing_export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    let rows = super::billing(&s.db, &ctx).await?;
    let headers = ["预约号", "场地设备", "预约单位", "开始", "结束", "用途", "人数", "状态", "费用（元）", "收费"];
    let cells = rows.into_iter().map(|(b, _)| {
        vec![
            b.id.to_string(),
            b.resource_name,
            b.booker_name,
            b.starts_at,
            b.ends_at,
            b.purpose,
            b.people.to_string(),
            b.status_label,
            b.fee_yuan.to_string(),
            if b.paid { "已收" } else { "未收" }.to_string(),
        ]
    });
    let bytes = crate::xlsx::export("预约与收费", &headers, cells).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "实训基地预约与收费.xlsx"))
}
