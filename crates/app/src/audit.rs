//! The audit trail: every write leaves a row (who, organisation, what, before/after,
//! when) in the same transaction as the write itself. The table refuses UPDATE and
//! DELETE at the database level (see the foundation migration).

use crate::auth::Ctx;
use crate::entity::audit_log;
use crate::error::AppResult;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::Serialize;

pub struct Entry<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub summary: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Entry<'a> {
    pub fn new(action: &'a str, entity: &'a str, entity_id: impl ToString, summary: impl Into<String>) -> Self {
        Entry { action, entity, entity_id: Some(entity_id.to_string()), summary: summary.into(), before: None, after: None }
    }
    pub fn before(mut self, v: &impl Serialize) -> Self {
        self.before = serde_json::to_value(v).ok();
        self
    }
    pub fn after(mut self, v: &impl Serialize) -> Self {
        self.after = serde_json::to_value(v).ok();
        self
    }
}

pub async fn record<C: ConnectionTrait>(db: &C, ctx: &Ctx, e: Entry<'_>) -> AppResult<()> {
    row(ctx, e).insert(db).await?;
    Ok(())
}

/// The audit row of an entry, for [`record`] and for writes that run on a raw database
/// connection (the PostgreSQL student import, which streams with COPY).
pub fn row(ctx: &Ctx, e: Entry<'_>) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(chrono::Utc::now()),
        user_id: Set(ctx.user.as_ref().map(|u| u.id)),
        username: Set(Some(ctx.user.as_ref().map(|u| u.username.clone()).unwrap_or_else(|| "system".into()))),
        org_id: Set(ctx.user.as_ref().map(|u| u.org_id)),
        action: Set(e.action.to_string()),
        entity: Set(e.entity.to_string()),
        entity_id: Set(e.entity_id),
        summary: Set(e.summary),
        before: Set(e.before),
        after: Set(e.after),
        request_id: Set(Some(ctx.request_id.clone())),
        ..Default::default()
    }
}
