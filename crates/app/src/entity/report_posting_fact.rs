use sea_orm::entity::prelude::*;

/// What a published posting contributes to the rollups, as it was counted: kept so that a
/// later change (closing) subtracts exactly what was added.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_posting_facts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub posting_id: i64,
    pub dedup_key: String,
    /// China date of publication.
    pub published_on: Date,
    /// Last day the posting is live (closing, deadline, or 60 days).
    pub open_until: Date,
    pub is_unique: bool,
    pub kind: String,
    pub industry_code: String,
    pub occupation_code: String,
    pub major_level: String,
    pub major_code: String,
    pub education: String,
    pub experience: String,
    pub pay_band: String,
    pub headcount: i64,
    /// Comma-separated.
    pub skills: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
