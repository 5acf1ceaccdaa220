use sea_orm::entity::prelude::*;

/// An enterprise on the 产教融合型企业 path: 培育库 (reserve) → 申报 → 认定, or revoked.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "coop_fusion")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    /// reserve | applied | certified | revoked
    pub stage: String,
    pub province: String,
    /// JSON of the declared gate facts.
    pub facts: String,
    pub applied_at: Option<DateTimeUtc>,
    pub certified_at: Option<DateTimeUtc>,
    pub revoked_on: Option<Date>,
    pub revoke_reason: Option<String>,
    pub last_report_year: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
