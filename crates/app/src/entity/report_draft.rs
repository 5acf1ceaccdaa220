use sea_orm::entity::prelude::*;

/// The current draft of a report: the rollup figures frozen as a `ReportInput` (JSON).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_drafts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub period: String,
    /// "" = the zone, else a chain's name.
    pub scope: String,
    pub input_json: String,
    pub generated_at: DateTimeUtc,
    pub generated_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
