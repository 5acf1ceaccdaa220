use sea_orm::entity::prelude::*;

/// A school's offer answering an enterprise's need, tracked to its outcome.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "coop_offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub need_id: i64,
    pub org_id: i64,
    /// tech_service | training | order_class
    pub kind: String,
    pub detail: String,
    /// offered | accepted | declined | done
    pub status: String,
    pub outcome: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
