//! Home pages: the public portal for visitors, and one home per role that puts the
//! role's daily work first.

use crate::areas::orgs;
use crate::auth::Ctx;
use crate::entity::{audit_log, organization, school_major};
use crate::error::PageResult;
use crate::roles::{Permission, Role};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::sync::OnceLock;
use zhijiao_domain::policy_parser::{ParsedPolicy, PolicySource, identity_resolver, parse_policy};

pub const SEED_POLICY: &str = include_str!("../../../../../data/policy/zibo-hitech-vocational-education-measures-2023.txt");

/// The seed policy, parsed once: the portal lists its fourteen measures.
pub fn seed_policy() -> &'static ParsedPolicy {
    static P: OnceLock<ParsedPolicy> = OnceLock::new();
    P.get_or_init(|| parse_policy(&PolicySource::from_plain_text(SEED_POLICY), &identity_resolver))
}

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

pub struct MeasureRow {
    pub number: u32,
    pub title: String,
    pub lead: String,
    pub co: String,
}

fn measure_rows(filter_dept: Option<&[String]>) -> Vec<MeasureRow> {
    seed_policy()
        .sections
        .iter()
        .flat_map(|s| s.measures.iter())
        .filter(|m| {
            filter_dept.is_none_or(|names| {
                names.iter().any(|n| m.lead.as_deref() == Some(n.as_str()) || m.co.iter().any(|c| c == n))
            })
        })
        .map(|m| MeasureRow { number: m.number, title: m.title.clone(), lead: m.lead.clone().unwrap_or_default(), co: m.co.join("、") })
        .collect()
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
    let Some(user) = ctx.user.clone() else {
        let p = seed_policy();
        let c = zhijiao_domain::catalog::catalogs();
        let catalog_counts = vec![
            ("catalog.kinds.majors", c.majors.iter().filter(|m| m.node == zhijiao_domain::catalog::MajorNode::Major).count()),
            ("catalog.kinds.industries", c.industries.iter().filter(|i| i.level == zhijiao_domain::catalog::IndustryLevel::Class).count()),
            ("catalog.kinds.occupations", c.occupations.iter().filter(|o| o.level == zhijiao_domain::catalog::OccupationLevel::Detail).count()),
        ];
        let title = page.t("home.public_title");
        return Ok(PublicHome {
            page: page.titled(title),
            policy_title: p.title.clone().unwrap_or_default(),
            doc_number: p.doc_number.clone().unwrap_or_default(),
            measures: measure_rows(None),
            catalog_counts,
        }
        .into_response());
    };
    let role = user.primary_role().unwrap_or(Role::Student);
    let org = orgs::get(&s.db, &ctx, user.org_id).await.ok();
    let mut org_counts = Vec::new();
    let mut recent = Vec::new();
    if ctx.can(Permission::OrgReadAll) {
        for (k, n) in orgs::count_by_kind(&s.db).await? {
            org_counts.push((crate::areas::orgs::pages::kind_label(&page, &k), n));
        }
    }
    if ctx.can(Permission::AuditRead) {
        recent = audit_log::Entity::find().order_by_desc(audit_log::Column::Id).limit(8).all(&s.db).await?;
    }
    let student_count = if ctx.can(Permission::StudentReadAll) {
        Some(crate::areas::students::count(&s.db, None).await?)
    } else if ctx.can(Permission::StudentReadOwn) {
        Some(crate::areas::students::count(&s.db, Some(user.org_id)).await?)
    } else {
        None
    };
    let destination_count = crate::areas::destinations::count(&s.db, &ctx).await?;
    let majors = if crate::roles::is_school_kind(&user.org_kind) {
        school_major::Entity::find().filter(school_major::Column::OrgId.eq(user.org_id)).order_by_asc(school_major::Column::MajorCode).all(&s.db).await?
    } else {
        Vec::new()
    };
    // A department sees the measures it is responsible for, under any of its names.
    let measures = if role == Role::DeptLiaison || role == Role::DistrictAdmin {
        let mut names = vec![user.org_name.clone()];
        if let Some(o) = &org {
            names.extend(o.aliases.iter().cloned());
            names.extend(o.short_name.iter().cloned());
        }
        if let Some(m) = organization::Entity::find_by_id(user.org_id).one(&s.db).await? {
            names.extend(m.short_name);
        }
        measure_rows(Some(&names))
    } else {
        Vec::new()
    };
    let reminders = if ctx.can(Permission::PolicyTrack) { crate::areas::policy::reminders(&s.db, &ctx).await? } else { Vec::new() };
    let role_label = page.t(&role.label_key());
    let title = format!("{} · {}", page.t("home.title"), role_label);
    Ok(RoleHome { page: page.titled(title), role: role.key(), role_label, org, org_counts, student_count, destination_count, majors, measures, recent, reminders }
        .into_response())
}
