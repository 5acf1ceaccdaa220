//! The 职普融通 page: communities with their agreement, classes and rosters, transfers and
//! figures; the district's forms for each (a refused form shows the page again with the
//! reason, naming the field).

use super::{ClassInput, CommunityInput, CommunityView, StudentInput, TransferInput};
use crate::auth::Ctx;
use crate::error::{AppError, PageResult};
use crate::roles::Permission;
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
// Repeated `high_school_ids` checkboxes need a form reader that collects lists.
use axum_extra::extract::Form;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/general-vocational", get(index).post(create_community))
        .route("/general-vocational/{id}/classes", post(create_class))
        .route("/general-vocational/{id}/transfers", post(record_transfer))
        .route("/general-vocational/classes/{id}/students", post(add_student))
}

fn label(key: &str) -> &'static str {
    match key {
        "name" => "名称",
        "vocational_org_id" => "中职学校",
        "high_school_ids" => "普通高中",
        "agreement_no" => "协议编号",
        "signed_on" => "签订日期",
        "school_year" => "学年",
        "student_name" => "学生姓名",
        "student_no" => "学籍号",
        "school_org_id" => "学校",
        "to_org_id" => "转入学校",
        "credits" => "认定学分",
        "decided_on" => "转入日期",
        "note" => "说明",
        _ => "",
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "general_vocational/index.html")]
struct IndexPage {
    page: Page,
    communities: Vec<CommunityView>,
    may_manage: bool,
    vocational: Vec<(i64, String)>,
    high: Vec<(i64, String)>,
    error: Option<String>,
}

async fn render(s: &AppState, ctx: &Ctx, page: Page, error: Option<String>) -> PageResult<IndexPage> {
    let communities = super::communities(&s.db, ctx).await?;
    let (vocational, high) = super::school_choices(&s.db).await?;
    Ok(IndexPage { page: page.titled("职普融通"), communities, may_manage: ctx.can(Permission::OrgManage), vocational, high, error })
}

async fn index(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<IndexPage> {
    render(&s, &ctx, page, None).await
}

async fn back(s: &AppState, ctx: &Ctx, page: Page, r: Result<(), AppError>) -> PageResult<Response> {
    match r {
        Ok(()) => Ok(Redirect::to("/general-vocational").into_response()),
        Err(e) => {
            let msg = match &e {
                AppError::Validation(f) => f.iter().map(|f| format!("{}：{}", label(&f.field), f.message)).collect::<Vec<_>>().join("；"),
                AppError::Conflict(m) => m.clone(),
                _ => return Err(e.into()),
            };
            Ok((e.status(), render(s, ctx, page, Some(msg)).await?).into_response())
        }
    }
}

async fn create_community(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<CommunityInput>) -> PageResult<Response> {
    let r = super::create_community(&s.db, &ctx, &input).await.map(|_| ());
    back(&s, &ctx, page, r).await
}

async fn create_class(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<ClassInput>) -> PageResult<Response> {
    let r = super::create_class(&s.db, &ctx, id, &input).await;
    back(&s, &ctx, page, r).await
}

async fn add_student(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<StudentInput>) -> PageResult<Response> {
    let r = super::add_student(&s.db, &ctx, id, &input).await.map(|_| ());
    back(&s, &ctx, page, r).await
}

async fn record_transfer(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, axum::Form(input): axum::Form<TransferInput>) -> PageResult<Response> {
    let r = super::record_transfer(&s.db, &ctx, id, &input).await;
    back(&s, &ctx, page, r).await
}
