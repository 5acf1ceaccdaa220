//! School-level vetting of enterprises (issue 3: "an enterprise account publishes
//! nothing until the district (or a school, for postings aimed at its own students)
//! approves the enterprise"). A school administrator approves or revokes an enterprise
//! for postings aimed at the school's own students; the district's own approval is the
//! organisation status (`crate::areas::orgs::set_status`). Both are audited; the
//! enterprise's HR is told.
//!
//! What the approval unlocks is decided in `crate::areas::postings` (submit and review
//! call [`approved`] through `zhijiao_domain::profile::may_publish`), and what it means
//! for internships in `crate::areas::internships` (a school places students only with an
//! enterprise the district or the school approved).

pub mod pages;

use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{organization, school_enterprise_approval as sea};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, is_school_kind};
use crate::status::{OrgStatus, SchoolApproval};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The administrator of a school (writes the school's own records).
pub fn school_admin(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = ctx.require(Permission::StudentWriteOwn)?;
    if is_school_kind(&u.org_kind) { Ok(u) } else { Err(AppError::Forbidden) }
}

/// Whether the school currently approves the enterprise.
pub async fn approved<C: ConnectionTrait>(db: &C, school_id: i64, enterprise_id: i64) -> AppResult<bool> {
    Ok(sea::Entity::find()
        .filter(sea::Column::SchoolOrgId.eq(school_id))
        .filter(sea::Column::EnterpriseOrgId.eq(enterprise_id))
        .filter(sea::Column::Status.eq(SchoolApproval::Approved))
        .one(db)
        .await?
        .is_some())
}

/// The schools that approve an enterprise, (id, name) by name: the choices of the HR
/// form's "面向学校".
pub async fn approving_schools<C: ConnectionTrait>(db: &C, enterprise_id: i64) -> AppResult<Vec<(i64, String)>> {
    let ids: Vec<i64> = sea::Entity::find()
        .filter(sea::Column::EnterpriseOrgId.eq(enterprise_id))
        .filter(sea::Column::Status.eq(SchoolApproval::Approved))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.school_org_id)
        .collect();
    let mut out: Vec<(i64, String)> = crate::areas::orgs::names(db, ids).await?.into_iter().collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// One enterprise as a school administrator weighs it.
#[derive(Debug, Clone, Serialize)]
pub struct EnterpriseRow {
    pub id: i64,
    pub name: String,
    pub credit_code: Option<String>,
    pub industry_code: Option<String>,
    pub industry_name: Option<String>,
    /// The district's decision: active | pending | suspended.
    pub district_status: String,
    /// This school's decision: approved | revoked, or none yet.
    pub school_status: Option<String>,
    pub decided_at: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct EnterpriseFilter {
    /// Part of the name or the credit code.
    pub q: Option<String>,
    /// approved | revoked | none (not yet decided by this school)
    pub school_status: Option<String>,
}

/// Enterprises with the district's and this school's decision, pending ones first.
/// At most 500 rows (narrow with `q`).
pub async fn list(db: &DatabaseConnection, ctx: &Ctx, f: &EnterpriseFilter) -> AppResult<Vec<EnterpriseRow>> {
    let u = school_admin(ctx)?;
    let mut cond = Condition::all().add(organization::Column::Kind.eq("enterprise"));
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        cond = cond.add(Condition::any().add(organization::Column::Name.contains(q)).add(organization::Column::CreditCode.eq(q)));
    }
    let orgs = organization::Entity::find()
        .filter(cond)
        .order_by_asc(organization::Column::Status)
        .order_by_asc(organization::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let decisions: HashMap<i64, sea::Model> = sea::Entity::find()
        .filter(sea::Column::SchoolOrgId.eq(u.org_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.enterprise_org_id, a))
        .collect();
    let c = zhijiao_domain::catalog::catalogs();
    let wanted = f.school_status.as_deref().filter(|s| !s.is_empty());
    Ok(orgs
        .into_iter()
        .map(|o| {
            let d = decisions.get(&o.id);
            EnterpriseRow {
                id: o.id,
                industry_name: o.industry_code.as_deref().and_then(|x| c.industry(x)).map(|i| i.name.clone()),
                industry_code: o.industry_code,
                credit_code: o.credit_code,
                name: o.name,
                district_status: o.status,
                school_status: d.map(|d| d.status.clone()),
                decided_at: d.map(|d| (d.decided_at + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string()),
                note: d.and_then(|d| d.note.clone()),
            }
        })
        .filter(|r| match wanted {
            None => true,
            Some("none") => r.school_status.is_none(),
            Some(s) => r.school_status.as_deref() == Some(s),
        })
        .collect())
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct DecisionInput {
    /// approve | revoke
    pub decision: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// A school administrator approves or revokes an enterprise for postings aimed at the
/// school's students (one row per pair, updated; audited; the enterprise's HR told).
/// Revoking needs a reason. A suspended enterprise cannot be approved: the district's
/// suspension wins.
pub async fn decide(db: &DatabaseConnection, ctx: &Ctx, enterprise_id: i64, input: &DecisionInput) -> AppResult<()> {
    let u = school_admin(ctx)?.clone();
    let note = input.note.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let status = match input.decision.as_str() {
        "approve" => SchoolApproval::Approved,
        "revoke" => SchoolApproval::Revoked,
        other => return Err(AppError::BadRequest(format!("决定“{other}”无效"))),
    };
    if status == SchoolApproval::Revoked && note.is_none() {
        return Err(AppError::Validation(vec![FieldError::new("note", "撤销认可须填写理由")]));
    }
    let tx = db.begin().await?;
    let ent = organization::Entity::find_by_id(enterprise_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if ent.kind != "enterprise" {
        return Err(AppError::NotFound);
    }
    if status == SchoolApproval::Approved && ent.status == OrgStatus::Suspended {
        return Err(AppError::Conflict(format!("企业“{}”已被区里暂停，学校不能认可", ent.name)));
    }
    let before = sea::Entity::find()
        .filter(sea::Column::SchoolOrgId.eq(u.org_id))
        .filter(sea::Column::EnterpriseOrgId.eq(enterprise_id))
        .one(&tx)
        .await?;
    let now = chrono::Utc::now();
    let mut am: sea::ActiveModel = match before.clone() {
        Some(b) => b.into(),
        None => sea::ActiveModel { school_org_id: Set(u.org_id), enterprise_org_id: Set(enterprise_id), ..Default::default() },
    };
    am.status = Set(status.into());
    am.note = Set(note.clone());
    am.decided_by = Set(Some(u.id));
    am.decided_at = Set(now);
    let after = if before.is_some() { am.update(&tx).await? } else { am.insert(&tx).await? };
    let verb = if status == SchoolApproval::Approved { "认可" } else { "撤销认可" };
    let mut entry = Entry::new(
        if status == SchoolApproval::Approved { "school_approve" } else { "school_revoke" },
        "school_enterprise_approval",
        after.id,
        format!("{} {}企业 {}{}", u.org_name, verb, ent.name, note.as_deref().map(|n| format!("：{n}")).unwrap_or_default()),
    )
    .after(&after);
    if let Some(b) = &before {
        entry = entry.before(b);
    }
    audit::record(&tx, ctx, entry).await?;
    for hr in crate::areas::postings::users_with_role(&tx, "enterprise_hr", Some(ent.id)).await? {
        let text = format!("{}已{}贵单位面向本校学生发布岗位", u.org_name, verb);
        crate::areas::postings::notifications::notify(&tx, hr, &text, "/postings/manage").await?;
    }
    tx.commit().await?;
    Ok(())
}
