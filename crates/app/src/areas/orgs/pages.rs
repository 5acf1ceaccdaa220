//! Organisation pages: list with filters and Excel export, detail with aliases and
//! the audit trail, create/edit form, status actions.

use super::{OrgFilter, OrgInput, OrgView, SCHOOL_TYPES};
use crate::auth::Ctx;
use crate::error::{AppError, FieldError, PageResult};
use crate::roles::{ORG_KINDS, Permission};
use crate::web::{AppState, Page, Pager, Paging};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sea_orm::EntityTrait;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs", get(list).post(create))
        .route("/orgs/new", get(new_form))
        .route("/orgs/export.xlsx", get(export))
        .route("/orgs/{id}", get(detail).post(update))
        .route("/orgs/{id}/edit", get(edit_form))
        .route("/orgs/{id}/status", post(set_status))
        .route("/orgs/{id}/aliases", post(add_alias))
}

pub fn kind_label(page: &Page, kind: &str) -> &'static str {
    page.t(&format!("org.kinds.{kind}"))
}

struct Row {
    org: OrgView,
    kind_label: &'static str,
    status_label: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/list.html")]
struct ListPage {
    page: Page,
    kinds: Vec<(&'static str, &'static str)>,
    f_kind: String,
    f_q: String,
    total: u64,
    rows: Vec<Row>,
    pager: Pager,
    can_manage: bool,
}

async fn list(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<OrgFilter>) -> PageResult<ListPage> {
    let (total, items) = super::list(&s.db, &ctx, &f).await?;
    let paging = Paging::new(f.page, f.per_page);
    let f_kind = f.kind.clone().unwrap_or_default();
    let f_q = f.q.clone().unwrap_or_default();
    let pager = Pager::new("/orgs", &[("kind", f_kind.clone()), ("q", f_q.clone())], paging, total);
    let rows = items
        .into_iter()
        .map(|org| Row {
            kind_label: kind_label(&page, &org.kind),
            status_label: page.t(&format!("org.status.{}", org.status)),
            org,
        })
        .collect();
    let kinds = ORG_KINDS.iter().map(|k| (*k, kind_label(&page, k))).collect();
    let title = page.t("nav.orgs");
    Ok(ListPage { page: page.titled(title), kinds, f_kind, f_q, total, rows, pager, can_manage: ctx.can(Permission::OrgManage) })
}

async fn export(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<OrgFilter>) -> PageResult<Response> {
    let headers = ["编号", "机构类型", "名称", "统一社会信用代码", "行业代码", "行业名称", "区县", "街道", "办学类型", "联系人", "联系电话", "状态"];
    let bytes = crate::export::xlsx("机构名录", &headers, |page_no: Option<u64>| {
        let (s, ctx, page) = (&s, &ctx, &page);
        let f = OrgFilter { page: Some(page_no.unwrap_or(1)), per_page: Some(crate::export::BATCH), ..f.clone() };
        async move {
            let (_, items) = super::list(&s.db, ctx, &f).await?;
            Ok(crate::export::Batch::of(items, |_| page_no.unwrap_or(1) + 1, |o| {
                vec![
                    o.id.to_string(),
                    kind_label(&page, &o.kind).to_string(),
                    o.name,
                    o.credit_code.unwrap_or_default(),
                    o.industry_code.unwrap_or_default(),
                    o.industry_name.unwrap_or_default(),
                    o.county_name.unwrap_or_default(),
                    o.street_name.unwrap_or_default(),
                    o.school_type.unwrap_or_default(),
                    o.contact_name.unwrap_or_default(),
                    o.contact_phone.unwrap_or_default(),
                    page.t(&format!("org.status.{}", o.status)).to_string(),
                ]
            }))
        }
    })
    .await?;
    Ok(xlsx_response(bytes, "机构名录.xlsx"))
}

pub fn xlsx_response(bytes: Vec<u8>, filename: &str) -> Response {
    (
        [
            ("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            ("content-disposition", crate::export::attachment_disposition(&filename)),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/detail.html")]
struct DetailPage {
    page: Page,
    org: OrgView,
    kind_label: &'static str,
    status_label: &'static str,
    can_manage: bool,
    can_edit: bool,
    trail: Vec<crate::areas::audit::AuditRow>,
}

async fn detail(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<DetailPage> {
    let org = super::get(&s.db, &ctx, id).await?;
    let can_manage = ctx.can(Permission::OrgManage);
    let can_edit = can_manage || (ctx.can(Permission::OrgEditOwn) && ctx.user.as_ref().is_some_and(|u| u.org_id == id));
    let trail = if ctx.can(Permission::AuditRead) {
        crate::areas::audit::trail(&s.db, &ctx, "organization", &id.to_string()).await?
    } else {
        Vec::new()
    };
    Ok(DetailPage {
        kind_label: kind_label(&page, &org.kind),
        status_label: page.t(&format!("org.status.{}", org.status)),
        page: page.titled(org.name.clone()),
        org,
        can_manage,
        can_edit,
        trail,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "orgs/form.html")]
struct FormPage {
    page: Page,
    action: String,
    input: OrgInput,
    errors: Vec<FieldError>,
    kinds: Vec<(&'static str, &'static str)>,
    school_types: Vec<&'static str>,
    kind_locked: bool,
}

impl FormPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

fn form_page(page: Page, action: String, input: OrgInput, errors: Vec<FieldError>, kind_locked: bool) -> FormPage {
    let kinds = ORG_KINDS.iter().map(|k| (*k, kind_label(&page, k))).collect();
    FormPage { page, action, input, errors, kinds, school_types: SCHOOL_TYPES.to_vec(), kind_locked }
}

async fn new_form(ctx: Ctx, page: Page) -> PageResult<FormPage> {
    super::require_manage(&ctx)?;
    let title = page.t("org.new");
    let input = OrgInput { kind: "enterprise".into(), ..Default::default() };
    Ok(form_page(page.titled(title), "/orgs".into(), input, Vec::new(), false))
}

async fn edit_form(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<FormPage> {
    let o = super::get(&s.db, &ctx, id).await?;
    let manager = ctx.can(Permission::OrgManage);
    if !(manager || (ctx.can(Permission::OrgEditOwn) && ctx.user.as_ref().is_some_and(|u| u.org_id == id))) {
        return Err(AppError::Forbidden.into());
    }
    // Edit the stored value, not the masked one.
    let m = crate::entity::organization::Entity::find_by_id(id).one(&s.db).await?.ok_or(AppError::NotFound)?;
    let input = OrgInput {
        kind: m.kind,
        name: m.name,
        short_name: m.short_name,
        credit_code: m.credit_code,
        industry_code: m.industry_code,
        county_code: m.county_code,
        street_code: m.street_code,
        school_type: m.school_type,
        address: m.address,
        contact_name: m.contact_name,
        contact_phone: m.contact_phone,
    };
    let title = format!("{} · {}", o.name, page.t("action.edit"));
    Ok(form_page(page.titled(title), format!("/orgs/{id}"), input, Vec::new(), !manager))
}

async fn create(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<OrgInput>) -> PageResult<Response> {
    match super::create(&s.db, &ctx, &input).await {
        Ok(o) => Ok(Redirect::to(&format!("/orgs/{}", o.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            let title = page.t("org.new");
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, form_page(page.titled(title), "/orgs".into(), input, errors, false))
                .into_response())
        }
        Err(AppError::Conflict(m)) => {
            let title = page.t("org.new");
            let errors = vec![FieldError::new("name", m)];
            Ok((axum::http::StatusCode::CONFLICT, form_page(page.titled(title), "/orgs".into(), input, errors, false)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn update(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<OrgInput>) -> PageResult<Response> {
    match super::update(&s.db, &ctx, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let title = page.t("action.edit");
            let locked = !ctx.can(Permission::OrgManage);
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, form_page(page.titled(title), format!("/orgs/{id}"), input, errors, locked))
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(serde::Deserialize)]
struct StatusForm {
    status: String,
}

async fn set_status(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<StatusForm>) -> PageResult<Redirect> {
    super::set_status(&s.db, &ctx, id, &f.status).await?;
    Ok(Redirect::to(&format!("/orgs/{id}")))
}

#[derive(serde::Deserialize)]
struct AliasForm {
    alias: String,
}

async fn add_alias(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<AliasForm>) -> PageResult<Redirect> {
    super::require_manage(&ctx)?;
    super::get(&s.db, &ctx, id).await?;
    let tx = sea_orm::TransactionTrait::begin(&s.db).await?;
    super::add_alias(&tx, &ctx, id, &f.alias).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/orgs/{id}")))
}
