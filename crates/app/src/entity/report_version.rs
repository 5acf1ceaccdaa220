use sea_orm::entity::prelude::*;

/// A published report: immutable (never updated), numbered per period and scope.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub period: String,
    pub scope: String,
    pub version: i32,
    pub title: String,
    pub input_json: String,
    pub rules_json: String,
    pub published_at: DateTimeUtc,
    pub published_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
