use sea_orm::entity::prelude::*;

/// A school's approval of an enterprise for postings aimed at the school's own students.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "school_enterprise_approvals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub school_org_id: i64,
    pub enterprise_org_id: i64,
    /// approved | revoked
    pub status: String,
    pub note: Option<String>,
    pub decided_by: Option<i64>,
    pub decided_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
