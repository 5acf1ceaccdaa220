use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "party_activities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub school_org_id: i64,
    pub held_on: Date,
    pub kind: String,
    pub title: String,
    pub participants: i32,
    pub evidence: String,
    pub status: String,
    pub review_note: Option<String>,
    pub reviewed_by: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub is_demo: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
