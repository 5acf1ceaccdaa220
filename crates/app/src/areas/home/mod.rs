//! Home pages: the public portal for visitors, and one home per role that puts the
//! role's daily work first. This module gathers what each home shows; `pages.rs` renders it.

pub mod pages;
pub use pages::router;

use crate::areas::orgs;
use crate::auth::Ctx;
use crate::entity::{audit_log, organization, school_major};
use crate::error::AppResult;
use crate::roles::{Permission, Role};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::sync::OnceLock;
use zhijiao_domain::policy_parser::{ParsedPolicy, PolicySource, identity_resolver, parse_policy};

pub const SEED_POLICY: &str = include_str!("../../../../../data/policy/zibo-hitech-vocational-education-measures-2023.txt");

/// The seed policy, parsed once: the portal lists its fourteen measures.
pub fn seed_policy() -> &'static ParsedPolicy {
    static P: OnceLock<ParsedPolicy> = OnceLock::new();
    P.get_or_init(|| parse_policy(&PolicySource::from_plain_text(SEED_POLICY), &identity_resolver))
}

pub struct MeasureRow {
    pub number: u32,
    pub title: String,
    pub lead: String,
    pub co: String,
}

pub fn measure_rows(filter_dept: Option<&[String]>) -> Vec<MeasureRow> {
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

/// The public portal's figures: the seed policy and the sizes of the official catalogues.
pub struct Portal {
    pub policy_title: String,
    pub doc_number: String,
    pub measures: Vec<MeasureRow>,
    /// (locale key of the catalogue, entries)
    pub catalog_counts: Vec<(&'static str, usize)>,
}

pub fn portal() -> Portal {
    let p = seed_policy();
    let c = zhijiao_domain::catalog::catalogs();
    Portal {
        policy_title: p.title.clone().unwrap_or_default(),
        doc_number: p.doc_number.clone().unwrap_or_default(),
        measures: measure_rows(None),
        catalog_counts: vec![
            ("catalog.kinds.majors", c.majors.iter().filter(|m| m.node == zhijiao_domain::catalog::MajorNode::Major).count()),
            ("catalog.kinds.industries", c.industries.iter().filter(|i| i.level == zhijiao_domain::catalog::IndustryLevel::Class).count()),
            ("catalog.kinds.occupations", c.occupations.iter().filter(|o| o.level == zhijiao_domain::catalog::OccupationLevel::Detail).count()),
        ],
    }
}

/// What a signed-in user's home shows, each part only when the user's role may read it.
pub struct RoleHome {
    pub role: Role,
    pub org: Option<orgs::OrgView>,
    /// (organisation kind, count) for those who read every organisation.
    pub org_counts: Vec<(String, u64)>,
    pub student_count: Option<u64>,
    pub destination_count: Option<u64>,
    pub majors: Vec<school_major::Model>,
    pub measures: Vec<MeasureRow>,
    pub recent: Vec<audit_log::Model>,
    /// Own department's policy tasks due within 14 days (or overdue).
    pub reminders: Vec<crate::areas::policy::TaskView>,
}

pub async fn role_home(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<RoleHome> {
    let user = ctx.user()?.clone();
    let role = user.primary_role().unwrap_or(Role::Student);
    let org = orgs::get(db, ctx, user.org_id).await.ok();
    let org_counts = if ctx.can(Permission::OrgReadAll) { orgs::count_by_kind(db).await? } else { Vec::new() };
    let recent = if ctx.can(Permission::AuditRead) { crate::areas::audit::recent(db, ctx, 8).await? } else { Vec::new() };
    let student_count = if ctx.can(Permission::StudentReadAll) {
        Some(crate::areas::students::count(db, None).await?)
    } else if ctx.can(Permission::StudentReadOwn) {
        Some(crate::areas::students::count(db, Some(user.org_id)).await?)
    } else {
        None
    };
    let destination_count = crate::areas::destinations::count(db, ctx).await?;
    let majors = if crate::roles::is_school_kind(&user.org_kind) {
        school_major::Entity::find().filter(school_major::Column::OrgId.eq(user.org_id)).order_by_asc(school_major::Column::MajorCode).all(db).await?
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
        if let Some(m) = organization::Entity::find_by_id(user.org_id).one(db).await? {
            names.extend(m.short_name);
        }
        measure_rows(Some(&names))
    } else {
        Vec::new()
    };
    let reminders = if ctx.can(Permission::PolicyTrack) { crate::areas::policy::reminders(db, ctx).await? } else { Vec::new() };
    Ok(RoleHome { role, org, org_counts, student_count, destination_count, majors, measures, recent, reminders })
}
