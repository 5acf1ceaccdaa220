use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "fair_booths")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub fair_id: i64,
    pub org_id: i64,
    pub category: String,
    pub note: Option<String>,
    pub booth_no: Option<i32>,
    pub status: String,
    pub review_comment: Option<String>,
    pub registered_by: Option<i64>,
    pub registered_at: DateTimeUtc,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
