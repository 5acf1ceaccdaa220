use sea_orm::entity::prelude::*;

/// One (measure, responsible unit) pair. `status` is `open` or `done`; on track / at
/// risk / overdue are computed on read from the deadline and the reports.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub measure_id: i64,
    pub org_id: i64,
    /// lead | co
    pub role: String,
    pub title: String,
    pub deadline: Date,
    pub status: String,
    pub created_at: DateTimeUtc,
    pub done_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
