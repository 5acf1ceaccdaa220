//! The page of in-house training requests (`/training/inhouse`): an enterprise's HR files a
//! request and follows it; a provider or the district accepts (opens a cohort), records a
//! delivered training, or declines with a reason. A refused form shows the page again
//! with the reason, naming the field.

use super::inhouse::{self, DecisionInput, InhouseInput, InhouseView};
use crate::auth::Ctx;
use crate::error::{AppError, PageResult};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/training/inhouse", get(index).post(file)).route("/training/inhouse/{id}/decision", post(decide))
}

fn field_label(key: &str) -> &'static str {
    match key {
        "programme_id" => "培训项目",
        "employees" => "参训职工人数",
        "preferred_start" => "期望开班日期",
        "note" => "培训需求说明",
        "decision" => "处理方式",
        "end_date" => "结业日期",
        "trained_employees" => "完成培训职工人数",
        "decision_note" => "处理意见",
        _ => "",
    }
}

fn message_of(e: &AppError) -> Option<String> {
    match e {
        AppError::Validation(fields) => Some(fields.iter().map(|f| format!("{}：{}", field_label(&f.field), f.message)).collect::<Vec<_>>().join("；")),
        AppError::Conflict(m) | AppError::BadRequest(m) => Some(m.clone()),
        _ => None,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "training/inhouse.html")]
struct InhousePage {
    page: Page,
    rows: Vec<InhouseView>,
    may_request: bool,
    choices: Vec<(i64, String)>,
    input: InhouseInput,
    error: Option<String>,
    min_date: String,
}

impl InhousePage {
    fn status(&self, s: &str) -> &'static str {
        self.page.t(&format!("training.inhouse_status.{s}"))
    }
}

async fn render(s: &AppState, ctx: &Ctx, page: Page, input: InhouseInput, error: Option<String>) -> PageResult<InhousePage> {
    let rows = inhouse::requests(&s.db, ctx).await?;
    let may_request = inhouse::may_request(ctx);
    let choices = if may_request { inhouse::programme_choices(&s.db).await? } else { Vec::new() };
    let title = page.t("training.inhouse");
    Ok(InhousePage { page: page.titled(title), rows, may_request, choices, input, error, min_date: crate::areas::enlightenment::today().to_string() })
}

async fn index(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<InhousePage> {
    render(&s, &ctx, page, InhouseInput { employees: "20".into(), ..Default::default() }, None).await
}

async fn file(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<InhouseInput>) -> PageResult<Response> {
    match inhouse::file_request(&s.db, &ctx, &input).await {
        Ok(_) => Ok(Redirect::to("/training/inhouse").into_response()),
        Err(e) => {
            let Some(msg) = message_of(&e) else { return Err(e.into()) };
            Ok((e.status(), render(&s, &ctx, page, input, Some(msg)).await?).into_response())
        }
    }
}

async fn decide(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<DecisionInput>) -> PageResult<Response> {
    match inhouse::decide(&s.db, &ctx, id, &input).await {
        Ok(Some(cohort)) => Ok(Redirect::to(&format!("/training/cohorts/{cohort}")).into_response()),
        Ok(None) => Ok(Redirect::to("/training/inhouse").into_response()),
        Err(e) => {
            let Some(msg) = message_of(&e) else { return Err(e.into()) };
            Ok((e.status(), render(&s, &ctx, page, InhouseInput::default(), Some(msg)).await?).into_response())
        }
    }
}
