use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "teachers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub school_org_id: i64,
    pub name: String,
    pub title: String,
    pub is_specialty: bool,
    pub dual_qualified: bool,
    pub dual_evidence: String,
    pub teaching_since: Date,
    pub practice: String,
    pub certificates: String,
    pub created_at: DateTimeUtc,
    pub is_demo: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
