use sea_orm::entity::prelude::*;

/// A teacher or a training room a school assigns to one of its majors.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "major_resources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    pub level: String,
    pub major_code: String,
    /// teacher | room
    pub kind: String,
    pub name: String,
    pub detail: String,
    pub amount: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
