use sea_orm::entity::prelude::*;

/// A course of one level of a pathway.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "pathway_courses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub pathway_id: i64,
    /// lower | upper
    pub stage: String,
    pub name: String,
    pub hours: i32,
    /// Topics separated by "；".
    pub outcomes: String,
    pub prerequisites: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
