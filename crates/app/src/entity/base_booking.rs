use sea_orm::entity::prelude::*;

/// A booking of a base resource for a local (Beijing) time interval [starts_at, ends_at).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "base_bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub resource_id: i64,
    pub booker_org_id: i64,
    pub starts_at: DateTime,
    pub ends_at: DateTime,
    pub purpose: String,
    pub people: i32,
    /// pending | approved | refused | cancelled
    pub status: String,
    pub fee_yuan: i64,
    pub paid_at: Option<DateTimeUtc>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
