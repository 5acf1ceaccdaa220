//! Visit pages (组织师生走进企业): the scoped list and its export, the school's form, a
//! visit's page with sign-up and the organiser's record, and the sign-up list export.

use super::visits::{self, VisitInput, VisitRecord, VisitSignupView, VisitView};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, FieldError, PageResult};
use crate::roles::{Permission, Role};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
// Repeated `present` checkboxes need a form reader that collects lists.
use axum_extra::extract::Form;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/visits", get(list_page).post(create))
        .route("/visits/export.xlsx", get(list_export))
        .route("/visits/new", get(new_form))
        .route("/visits/{id}", get(detail))
        .route("/visits/{id}/signup", post(sign_up))
        .route("/visits/{id}/record", post(record))
        .route("/visits/{id}/signups.xlsx", get(signups_export))
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{e}"))
}

#[derive(Template, WebTemplate)]
#[template(path = "visits/list.html")]
struct ListPage {
    page: Page,
    visits: Vec<VisitView>,
    can_create: bool,
}

fn can_organise(ctx: &Ctx) -> bool {
    ctx.user.as_ref().is_some_and(|u| u.can(Permission::VisitOrganise) && crate::roles::is_school_kind(&u.org_kind))
}

async fn list_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ListPage> {
    let visits = visits::list(&s.db, &ctx).await?;
    let title = page.t("visits.title");
    Ok(ListPage { page: page.titled(title), visits, can_create: can_organise(&ctx) })
}

async fn list_export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    let rows = visits::list(&s.db, &ctx).await?;
    let headers = ["日期", "学校", "企业", "主题", "名额", "已报名", "状态", "实到人数", "活动记录"];
    let data = rows.into_iter().map(|v| {
        vec![
            v.visit_date,
            v.school,
            v.enterprise,
            v.theme,
            v.capacity.to_string(),
            v.signed_up.to_string(),
            v.status_name,
            v.attended_count.map(|n| n.to_string()).unwrap_or_default(),
            v.summary,
        ]
    });
    let bytes = crate::xlsx::export("走进企业", &headers, data).map_err(internal)?;
    Ok(xlsx_response(bytes, "走进企业活动.xlsx"))
}

#[derive(Template, WebTemplate)]
#[template(path = "visits/form.html")]
struct FormPage {
    page: Page,
    input: VisitInput,
    errors: Vec<FieldError>,
    enterprises: Vec<(i64, String)>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
    fn selected(&self, id: &i64) -> bool {
        self.input.enterprise_org_id == id.to_string()
    }
}

async fn new_form(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<FormPage> {
    if !can_organise(&ctx) {
        ctx.user()?;
        return Err(AppError::Forbidden.into());
    }
    let title = page.t("visits.new");
    Ok(FormPage { page: page.titled(title), input: VisitInput { capacity: "40".into(), ..Default::default() }, errors: Vec::new(), enterprises: visits::enterprises(&s.db).await? })
}

async fn create(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<VisitInput>) -> PageResult<Response> {
    match visits::create(&s.db, &ctx, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/visits/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let title = page.t("visits.new");
            let enterprises = visits::enterprises(&s.db).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, FormPage { page: page.titled(title), input, errors, enterprises }).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "visits/detail.html")]
struct DetailPage {
    page: Page,
    visit: VisitView,
    signups: Vec<VisitSignupView>,
    organiser: bool,
    can_sign_up: bool,
    signed_up: bool,
    error: Option<String>,
}

async fn render(s: &AppState, ctx: &Ctx, page: Page, id: i64, error: Option<String>) -> PageResult<DetailPage> {
    let v = visits::get(&s.db, ctx, id).await?;
    let signups = visits::signups(&s.db, ctx, id).await?;
    let organiser = visits::organises(ctx, &v);
    let u = ctx.user()?;
    let signed_up = visits::is_signed_up(&s.db, u.id, id).await?;
    let member = u.org_id == v.school_org_id && (u.has_role(Role::Student) || u.has_role(Role::Teacher) || u.has_role(Role::SchoolAdmin));
    let can_sign_up = member && !signed_up && v.status == "planned";
    let title = v.theme.clone();
    Ok(DetailPage { page: page.titled(title), visit: v, signups, organiser, can_sign_up, signed_up, error })
}

async fn detail(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<DetailPage> {
    render(&s, &ctx, page, id, None).await
}

async fn back_or_refusal(s: &AppState, ctx: &Ctx, page: Page, id: i64, result: Result<(), AppError>) -> PageResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/visits/{id}")).into_response()),
        Err(e) => {
            let msg = match &e {
                AppError::Validation(fields) => fields.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("；"),
                AppError::Conflict(m) | AppError::BadRequest(m) => m.clone(),
                _ => return Err(e.into()),
            };
            Ok((e.status(), render(s, ctx, page, id, Some(msg)).await?).into_response())
        }
    }
}

async fn sign_up(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<Response> {
    let r = visits::sign_up(&s.db, &ctx, id).await.map(|_| ());
    back_or_refusal(&s, &ctx, page, id, r).await
}

#[derive(Deserialize)]
struct RecordForm {
    #[serde(default)]
    summary: String,
    #[serde(default)]
    attended_count: Option<String>,
    #[serde(default)]
    present: Vec<i64>,
}

async fn record(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<RecordForm>) -> PageResult<Response> {
    let input = VisitRecord { summary: f.summary, attended_count: f.attended_count, present: f.present };
    let r = visits::record(&s.db, &ctx, id, &input).await;
    back_or_refusal(&s, &ctx, page, id, r).await
}

async fn signups_export(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let v = visits::get(&s.db, &ctx, id).await?;
    let rows = visits::signups(&s.db, &ctx, id).await?;
    let headers = ["姓名", "身份", "班级", "报名时间", "是否到场"];
    let data = rows.into_iter().map(|r| {
        vec![
            r.name,
            if r.role == "teacher" { "教师" } else { "学生" }.to_string(),
            r.class_name,
            r.signed_up_at,
            match r.attended {
                Some(true) => "到场",
                Some(false) => "未到",
                None => "",
            }
            .to_string(),
        ]
    });
    let bytes = crate::xlsx::export("报名名单", &headers, data).map_err(internal)?;
    Ok(xlsx_response(bytes, &format!("{}-报名名单.xlsx", v.theme)))
}
