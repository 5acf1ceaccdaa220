use sea_orm::entity::prelude::*;

/// A school's 专业调整申报 in a batch, with the 第九条 checklist.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "major_filings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub batch_id: i64,
    pub org_id: i64,
    /// new | adjust | rename | suspend | withdraw
    pub kind: String,
    pub level: String,
    pub major_code: String,
    pub major_name: String,
    pub new_major_name: Option<String>,
    pub length_years: i32,
    pub reason: String,
    pub teaching_plan: String,
    pub teachers: String,
    pub facilities: String,
    pub partners: String,
    /// submitted | returned | approved
    pub status: String,
    pub review_comment: Option<String>,
    pub record_no: Option<String>,
    pub record_date: Option<Date>,
    pub submitted_by: Option<i64>,
    pub reviewed_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
