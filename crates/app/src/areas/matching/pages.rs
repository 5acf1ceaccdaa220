//! "为你推荐" for a student and "推荐人选" for an HR user's posting, each with the score's
//! readable parts, and their .xlsx exports.

use super::{Candidates, LimitQuery, Recommendations};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, PageResult};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/recommendations", get(recommendations))
        .route("/recommendations/export.xlsx", get(recommendations_export))
        .route("/postings/{id}/candidates", get(candidates))
        .route("/postings/{id}/candidates/export.xlsx", get(candidates_export))
}

fn parts_text(parts: &[super::ScorePartView]) -> String {
    parts.iter().map(|p| format!("{}（{}/{}）", p.explanation_zh, p.points, p.max)).collect::<Vec<_>>().join("；")
}

#[derive(Template, WebTemplate)]
#[template(path = "matching/recommendations.html")]
struct RecommendationsPage {
    page: Page,
    r: Recommendations,
}

async fn recommendations(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<LimitQuery>) -> PageResult<RecommendationsPage> {
    let r = super::for_student(&s.db, &ctx, q.limit()).await?;
    let title = page.t("matching.for_you");
    Ok(RecommendationsPage { page: page.titled(title), r })
}

async fn recommendations_export(State(s): State<AppState>, ctx: Ctx, Query(q): Query<LimitQuery>) -> PageResult<Response> {
    let r = super::for_student(&s.db, &ctx, q.limit()).await?;
    let headers = ["排名", "匹配度", "岗位编号", "岗位", "企业", "类型", "职业", "薪酬", "区县", "截止日期", "匹配说明"];
    let rows = r.items.into_iter().enumerate().map(|(i, it)| {
        vec![
            (i + 1).to_string(),
            it.score.to_string(),
            it.posting.id.to_string(),
            it.posting.title,
            it.posting.org_name,
            it.posting.kind_name,
            it.posting.occupation_name.unwrap_or_default(),
            it.posting.pay_text,
            it.posting.county_name.unwrap_or_default(),
            it.posting.deadline.unwrap_or_default(),
            parts_text(&it.parts),
        ]
    });
    let bytes = crate::xlsx::export("为你推荐", &headers, rows).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "为你推荐.xlsx"))
}

#[derive(Template, WebTemplate)]
#[template(path = "matching/candidates.html")]
struct CandidatesPage {
    page: Page,
    c: Candidates,
}

async fn candidates(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Query(q): Query<LimitQuery>) -> PageResult<CandidatesPage> {
    let c = super::for_posting(&s.db, &ctx, id, q.limit()).await?;
    let title = format!("{} · {}", c.posting_title, page.t("matching.candidates"));
    Ok(CandidatesPage { page: page.titled(title), c })
}

async fn candidates_export(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Query(q): Query<LimitQuery>) -> PageResult<Response> {
    let c = super::for_posting(&s.db, &ctx, id, q.limit()).await?;
    let headers = ["排名", "匹配度", "姓名", "学校", "专业", "毕业年份", "技能", "证书", "联系电话", "身份证号", "匹配说明"];
    let rows = c.items.into_iter().enumerate().map(|(i, it)| {
        let p = it.candidate;
        vec![
            (i + 1).to_string(),
            it.score.to_string(),
            p.name,
            p.school,
            format!("{} {}", p.major_code, p.major_name),
            p.graduation_year.map(|y| y.to_string()).unwrap_or_default(),
            p.skills.join("、"),
            p.certificates.join("；"),
            p.phone.unwrap_or_default(),
            p.id_number.unwrap_or_default(),
            parts_text(&it.parts),
        ]
    });
    let bytes = crate::xlsx::export("推荐人选", &headers, rows).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "推荐人选.xlsx"))
}
