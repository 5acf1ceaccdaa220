use sea_orm::entity::prelude::*;

/// A policy document: `draft` while its parse is reviewed, `accepted` once measures
/// and tasks exist.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "policies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    pub issued_on: Option<Date>,
    /// text | html | docx
    pub source_format: String,
    #[serde(skip)]
    pub source_text: String,
    #[serde(skip)]
    pub source_lines: Json,
    pub status: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
