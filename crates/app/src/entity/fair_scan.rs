use sea_orm::entity::prelude::*;

/// A scan a door phone synced (see migration 000019).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "fair_scans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub scan_id: String,
    pub fair_id: i64,
    pub signup_id: i64,
    pub device_id: String,
    pub scanned_by: Option<i64>,
    pub scanned_at: DateTimeUtc,
    pub received_at: DateTimeUtc,
    /// accepted | duplicate
    pub outcome: String,
    pub message: String,
    pub checkin_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
