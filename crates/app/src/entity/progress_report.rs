use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "progress_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub task_id: i64,
    pub org_id: i64,
    /// yyyy-mm
    pub period: String,
    pub text: String,
    /// {"indicator key": number}
    pub kpi_values: Option<Json>,
    pub evidence_path: Option<String>,
    pub submitted_by: Option<i64>,
    pub submitted_at: DateTimeUtc,
    /// The lead department has taken it into its consolidated report.
    pub consolidated: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
