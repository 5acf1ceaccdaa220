//! The audit log, read-only for the district: who did what to which row, and when.
//! This module reads it (`pages.rs` and `api.rs` render); `crate::audit` writes it.

pub mod api;
pub mod pages;
pub use api::router as api_router;
pub use pages::router as pages_router;

use crate::auth::Ctx;
use crate::entity::audit_log;
use crate::error::AppResult;
use crate::roles::Permission;
use crate::web::Paging;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditRow {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// Local (Asia/Shanghai) time for display.
    pub at_local: String,
    pub username: Option<String>,
    pub org_id: Option<i64>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub summary: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

fn row(m: audit_log::Model) -> AuditRow {
    let local = m.at + chrono::Duration::hours(8);
    AuditRow {
        id: m.id,
        at: m.at.to_rfc3339(),
        at_local: local.format("%Y-%m-%d %H:%M:%S").to_string(),
        username: m.username,
        org_id: m.org_id,
        action: m.action,
        entity: m.entity,
        entity_id: m.entity_id,
        summary: m.summary,
        before: m.before,
        after: m.after,
        request_id: m.request_id,
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub username: Option<String>,
    pub action: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// The log rows a filter selects (only auditors may read the log).
fn condition(ctx: &Ctx, f: &AuditFilter) -> AppResult<Condition> {
    ctx.require(Permission::AuditRead)?;
    let mut cond = Condition::all();
    let nonempty = |o: &Option<String>| o.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    if let Some(v) = nonempty(&f.entity) {
        cond = cond.add(audit_log::Column::Entity.eq(v));
    }
    if let Some(v) = nonempty(&f.entity_id) {
        cond = cond.add(audit_log::Column::EntityId.eq(v));
    }
    if let Some(v) = nonempty(&f.username) {
        cond = cond.add(audit_log::Column::Username.eq(v));
    }
    if let Some(v) = nonempty(&f.action) {
        cond = cond.add(audit_log::Column::Action.eq(v));
    }
    Ok(cond)
}

pub async fn list(db: &DatabaseConnection, ctx: &Ctx, f: &AuditFilter) -> AppResult<(u64, Vec<AuditRow>)> {
    let paging = Paging::new(f.page, f.per_page);
    let q = audit_log::Entity::find().filter(condition(ctx, f)?);
    let total = q.clone().count(db).await?;
    let rows = q.order_by_desc(audit_log::Column::Id).offset(paging.offset()).limit(paging.per_page).all(db).await?;
    Ok((total, rows.into_iter().map(row).collect()))
}

/// The next batch of the filtered log before entry `before` (keyset, newest first), for
/// the export.
pub async fn batch_before(db: &DatabaseConnection, ctx: &Ctx, f: &AuditFilter, before: Option<i64>) -> AppResult<Vec<AuditRow>> {
    let mut cond = condition(ctx, f)?;
    if let Some(before) = before {
        cond = cond.add(audit_log::Column::Id.lt(before));
    }
    let rows = audit_log::Entity::find().filter(cond).order_by_desc(audit_log::Column::Id).limit(crate::export::BATCH).all(db).await?;
    Ok(rows.into_iter().map(row).collect())
}

/// The trail of one record, newest first (the "操作记录" at the foot of detail pages).
pub async fn trail(db: &DatabaseConnection, ctx: &Ctx, entity: &str, id: &str) -> AppResult<Vec<AuditRow>> {
    let f = AuditFilter { entity: Some(entity.into()), entity_id: Some(id.into()), per_page: Some(50), ..Default::default() };
    Ok(list(db, ctx, &f).await?.1)
}

/// The latest `n` entries of the whole log (the district's home page).
pub async fn recent(db: &DatabaseConnection, ctx: &Ctx, n: u64) -> AppResult<Vec<audit_log::Model>> {
    let cond = condition(ctx, &AuditFilter::default())?;
    Ok(audit_log::Entity::find().filter(cond).order_by_desc(audit_log::Column::Id).limit(n).all(db).await?)
}
