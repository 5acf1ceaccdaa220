use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "trn_programmes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub provider_org_id: i64,
    pub title: String,
    pub occupation_code: String,
    pub occupation_name: String,
    pub skill_level: i32,
    pub hours: i32,
    pub subsidy: bool,
    pub description: String,
    pub created_at: DateTimeUtc,
    pub is_demo: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
