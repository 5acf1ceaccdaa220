use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "trn_inhouse_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub enterprise_org_id: i64,
    pub provider_org_id: i64,
    pub programme_id: i64,
    pub employees: i32,
    pub preferred_start: Date,
    pub note: String,
    pub status: String,
    pub decision_note: String,
    pub cohort_id: Option<i64>,
    pub trained_employees: Option<i32>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub is_demo: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
