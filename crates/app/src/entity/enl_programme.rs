use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "enl_programmes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub base_id: i64,
    pub title: String,
    pub min_age: i32,
    pub max_age: i32,
    pub duration_minutes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
