//! The 三教改革 page (`/schools/reform`): 技能名师工作室 and 教学创新团队 with members and
//! outputs, the teaching-case library and the textbook projects; a school's forms; a
//! refused form shows the page again with the reason, naming the field.

use super::reform::{self, GroupInput, ItemInput, OutputInput, Reform};
use crate::auth::Ctx;
use crate::error::{AppError, PageResult};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
// Repeated `member_ids` checkboxes need a form reader that collects lists.
use axum_extra::extract::Form;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/schools/reform", get(index))
        .route("/schools/reform/groups", post(create_group))
        .route("/schools/reform/groups/{id}/outputs", post(add_output))
        .route("/schools/reform/items", post(create_item))
        .route("/schools/reform/items/{id}/status", post(set_status))
}

fn label(key: &str) -> &'static str {
    match key {
        "kind" => "类型",
        "name" => "名称",
        "leader_teacher_id" => "负责人",
        "member_ids" => "成员",
        "level" => "级别",
        "field" => "专业领域",
        "founded_on" => "成立日期",
        "year" => "年度",
        "title" => "名称",
        "evidence" => "佐证材料",
        "category" => "类别",
        "authors" => "主要完成人",
        "status" => "状态",
        _ => "",
    }
}

fn message_of(e: &AppError) -> Option<String> {
    match e {
        AppError::Validation(fields) => Some(fields.iter().map(|f| format!("{}：{}", label(&f.field), f.message)).collect::<Vec<_>>().join("；")),
        AppError::Conflict(m) | AppError::BadRequest(m) => Some(m.clone()),
        _ => None,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "schools/reform.html")]
struct ReformPage {
    page: Page,
    r: Reform,
    can_edit: bool,
    teachers: Vec<(i64, String)>,
    error: Option<String>,
    this_year: i32,
    kinds: &'static [(&'static str, &'static str)],
    levels: &'static [(&'static str, &'static str)],
    output_kinds: &'static [(&'static str, &'static str)],
    case_categories: &'static [(&'static str, &'static str)],
    textbook_categories: &'static [(&'static str, &'static str)],
    statuses: &'static [(&'static str, &'static str)],
}

type Section<'a> = (&'static str, &'static str, &'a [super::reform::ItemView], &'static [(&'static str, &'static str)]);

impl ReformPage {
    /// The two libraries: teaching cases and textbook projects.
    fn sections(&self) -> Vec<Section<'_>> {
        vec![("case", self.page.t("schools_more.cases"), &self.r.cases, self.case_categories), ("textbook", self.page.t("schools_more.textbooks"), &self.r.textbooks, self.textbook_categories)]
    }
}

async fn render(s: &AppState, ctx: &Ctx, page: Page, error: Option<String>) -> PageResult<ReformPage> {
    let r = reform::overview(&s.db, ctx).await?;
    let can_edit = super::require_reporter(ctx).is_ok();
    let teachers = if can_edit { reform::own_teachers(&s.db, ctx).await? } else { Vec::new() };
    let title = page.t("schools_more.reform");
    Ok(ReformPage {
        page: page.titled(title),
        r,
        can_edit,
        teachers,
        error,
        this_year: super::this_year(),
        kinds: &reform::GROUP_KINDS,
        levels: &reform::LEVELS,
        output_kinds: &reform::OUTPUT_KINDS,
        case_categories: &reform::CASE_CATEGORIES,
        textbook_categories: &reform::TEXTBOOK_CATEGORIES,
        statuses: &reform::STATUSES,
    })
}

async fn index(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ReformPage> {
    render(&s, &ctx, page, None).await
}

async fn done(s: &AppState, ctx: &Ctx, page: Page, r: Result<(), AppError>) -> PageResult<Response> {
    match r {
        Ok(()) => Ok(Redirect::to("/schools/reform").into_response()),
        Err(e) => {
            let Some(msg) = message_of(&e) else { return Err(e.into()) };
            Ok((e.status(), render(s, ctx, page, Some(msg)).await?).into_response())
        }
    }
}

async fn create_group(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<GroupInput>) -> PageResult<Response> {
    let r = reform::create_group(&s.db, &ctx, &input).await.map(|_| ());
    done(&s, &ctx, page, r).await
}

async fn add_output(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<OutputInput>) -> PageResult<Response> {
    let r = reform::add_output(&s.db, &ctx, id, &input).await;
    done(&s, &ctx, page, r).await
}

async fn create_item(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<ItemInput>) -> PageResult<Response> {
    let r = reform::create_item(&s.db, &ctx, &input).await.map(|_| ());
    done(&s, &ctx, page, r).await
}

#[derive(serde::Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
}

async fn set_status(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<StatusForm>) -> PageResult<Response> {
    let r = reform::set_status(&s.db, &ctx, id, &f.status).await;
    done(&s, &ctx, page, r).await
}
