//! A school administrator's list of enterprises with the district's and the school's
//! decision, the approve/revoke buttons, and the export.

use super::{DecisionInput, EnterpriseFilter, EnterpriseRow};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, PageResult};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/school/enterprises", get(list))
        .route("/school/enterprises/export.xlsx", get(export))
        .route("/school/enterprises/{id}/decision", post(decide))
}

#[derive(Template, WebTemplate)]
#[template(path = "vetting/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<EnterpriseRow>,
    f_q: String,
    f_school_status: String,
}

async fn list(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<EnterpriseFilter>) -> PageResult<ListPage> {
    let rows = super::list(&s.db, &ctx, &f).await?;
    let title = page.t("matching.vetting.title");
    Ok(ListPage { page: page.titled(title), rows, f_q: f.q.unwrap_or_default(), f_school_status: f.school_status.unwrap_or_default() })
}

fn status_zh(s: &str) -> &'static str {
    match s {
        "active" => "已通过",
        "pending" => "待审核",
        "suspended" => "已暂停",
        "approved" => "已认可",
        "revoked" => "已撤销",
        _ => "未决定",
    }
}

async fn export(State(s): State<AppState>, ctx: Ctx, Query(f): Query<EnterpriseFilter>) -> PageResult<Response> {
    let rows = super::list(&s.db, &ctx, &f).await?;
    let headers = ["编号", "企业", "统一社会信用代码", "行业", "区级审核", "本校认可", "决定时间", "说明"];
    let data = rows.into_iter().map(|r| {
        vec![
            r.id.to_string(),
            r.name,
            r.credit_code.unwrap_or_default(),
            r.industry_name.unwrap_or_default(),
            status_zh(&r.district_status).to_string(),
            status_zh(r.school_status.as_deref().unwrap_or("")).to_string(),
            r.decided_at.unwrap_or_default(),
            r.note.unwrap_or_default(),
        ]
    });
    let bytes = crate::xlsx::export("企业认可", &headers, data).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "企业认可.xlsx"))
}

async fn decide(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(input): Form<DecisionInput>) -> PageResult<Redirect> {
    super::decide(&s.db, &ctx, id, &input).await?;
    Ok(Redirect::to("/school/enterprises"))
}
