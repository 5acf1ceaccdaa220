//! In-app notifications: a bell count in the navigation and a list page.

use crate::auth::Ctx;
use crate::entity::notification;
use crate::error::AppResult;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// Queue a notification inside the caller's transaction.
pub async fn notify<C: ConnectionTrait>(db: &C, user_id: i64, text: &str, link: &str) -> AppResult<()> {
    notification::ActiveModel {
        user_id: Set(user_id),
        text: Set(text.to_string()),
        link: Set(Some(link.to_string()).filter(|l| !l.is_empty())),
        created_at: Set(chrono::Utc::now()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn unread_count<C: ConnectionTrait>(db: &C, user_id: i64) -> AppResult<u64> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

pub async fn list(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<notification::Model>> {
    let u = ctx.user()?;
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(u.id))
        .order_by_desc(notification::Column::Id)
        .limit(200)
        .all(db)
        .await?)
}

/// Mark all of the user's notifications read (not audited: it changes nothing but
/// the reader's own inbox).
pub async fn mark_all_read(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<()> {
    let u = ctx.user()?;
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(chrono::Utc::now()))
        .filter(notification::Column::UserId.eq(u.id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
