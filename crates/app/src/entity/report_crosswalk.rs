use sea_orm::entity::prelude::*;

/// One major's occupations (大典 codes, comma-separated), as the district keeps them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "report_crosswalk")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub level: String,
    pub major_code: String,
    pub occupation_codes: String,
    /// false = as seeded from the catalogue.
    pub edited: bool,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
