use sea_orm::entity::prelude::*;

/// A 纵向贯通 pathway: a zone school's 中职 major leading to a partner's 专科/本科 major.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "major_pathways")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    /// three_two | five_year | three_four
    pub kind: String,
    pub partner_school: String,
    pub lower_major_code: String,
    pub upper_level: String,
    pub upper_major_code: String,
    pub start_year: i32,
    pub cohort_size: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
