use sea_orm::entity::prelude::*;

/// An enterprise's entry on one of the three lists (核心产品、技术需求、人才需求清单).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "coop_needs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    /// product | tech | talent
    pub list: String,
    pub title: String,
    pub detail: String,
    /// open | matched | closed
    pub status: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
