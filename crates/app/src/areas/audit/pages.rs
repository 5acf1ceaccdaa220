//! The audit log page and its export.

use super::{AuditFilter, AuditRow, batch_before, list};
use crate::auth::Ctx;
use crate::error::PageResult;
use crate::web::{AppState, Page, Pager, Paging};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(page_list)).route("/audit/export.xlsx", get(export))
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/list.html")]
struct ListPage {
    page: Page,
    total: u64,
    trail: Vec<AuditRow>,
    pager: Pager,
    f_entity: String,
    f_username: String,
}

async fn page_list(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<AuditFilter>) -> PageResult<ListPage> {
    let (total, trail) = list(&s.db, &ctx, &f).await?;
    let f_entity = f.entity.clone().unwrap_or_default();
    let f_username = f.username.clone().unwrap_or_default();
    let pager = Pager::new("/audit", &[("entity", f_entity.clone()), ("username", f_username.clone())], Paging::new(f.page, f.per_page), total);
    let title = page.t("nav.audit");
    Ok(ListPage { page: page.titled(title), total, trail, pager, f_entity, f_username })
}

/// The filtered log as .xlsx, newest first.
async fn export(State(s): State<AppState>, ctx: Ctx, Query(f): Query<AuditFilter>) -> PageResult<axum::response::Response> {
    let headers = ["时间", "操作人", "操作", "对象", "对象编号", "内容", "修改前", "修改后", "请求编号"];
    let bytes = crate::export::xlsx("操作日志", &headers, |before| {
        let (s, ctx, f) = (&s, &ctx, &f);
        async move {
            let items = batch_before(&s.db, ctx, f, before).await?;
            Ok(crate::export::Batch::of(items, |a| a.id, |a| {
                vec![
                    a.at_local,
                    a.username.unwrap_or_default(),
                    a.action,
                    a.entity,
                    a.entity_id.unwrap_or_default(),
                    a.summary,
                    a.before.map(|v| v.to_string()).unwrap_or_default(),
                    a.after.map(|v| v.to_string()).unwrap_or_default(),
                    a.request_id.unwrap_or_default(),
                ]
            }))
        }
    })
    .await?;
    Ok(crate::areas::orgs::pages::xlsx_response(bytes, "操作日志.xlsx"))
}

