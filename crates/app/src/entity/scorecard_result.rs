use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "scorecard_results")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub school_org_id: i64,
    pub year: i32,
    pub method_id: i64,
    pub status: String,
    pub scores: String,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub is_demo: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
