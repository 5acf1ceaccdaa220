//! The home pages: render what `home` gathered for the visitor or the signed-in role.

use super::{MeasureRow, portal, role_home};
use crate::areas::orgs;
use crate::auth::Ctx;
use crate::entity::{audit_log, school_major};
use crate::error::PageResult;
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

#[derive(Template, WebTemplate)]
#[template(path = "home/public.html")]
struct PublicHome {
    page: Page,
    policy_title: String,
    doc_number: String,
    measures: Vec<MeasureRow>,
    catalog_counts: Vec<(&'static str, usize)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "home/role.html")]
struct RoleHome {
    page: Page,
    role: &'static str,
    role_label: &'static str,
    org: Option<orgs::OrgView>,
    org_counts: Vec<(&'static str, u64)>,
    student_count: Option<u64>,
    destination_count: Option<u64>,
    majors: Vec<school_major::Model>,
    measures: Vec<MeasureRow>,
    recent: Vec<audit_log::Model>,
    /// Own department's policy tasks due within 14 days (or overdue).
    reminders: Vec<crate::areas::policy::TaskView>,
}

async fn home(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<Response> {
    if ctx.user.is_none() {
        let p = portal();
        let title = page.t("home.public_title");
        return Ok(PublicHome {
            page: page.titled(title),
            policy_title: p.policy_title,
            doc_number: p.doc_number,
            measures: p.measures,
            catalog_counts: p.catalog_counts,
        }
        .into_response());
    }
    let h = role_home(&s.db, &ctx).await?;
    let org_counts = h.org_counts.iter().map(|(k, n)| (crate::areas::orgs::pages::kind_label(&page, k), *n)).collect();
    let role_label = page.t(&h.role.label_key());
    let title = format!("{} · {}", page.t("home.title"), role_label);
    Ok(RoleHome {
        page: page.titled(title),
        role: h.role.key(),
        role_label,
        org: h.org,
        org_counts,
        student_count: h.student_count,
        destination_count: h.destination_count,
        majors: h.majors,
        measures: h.measures,
        recent: h.recent,
        reminders: h.reminders,
    }
    .into_response())
}
