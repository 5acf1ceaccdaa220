use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "fair_checkins")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub fair_id: i64,
    pub signup_id: i64,
    pub checked_in_by: Option<i64>,
    pub checked_in_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
