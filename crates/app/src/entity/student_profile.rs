use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "student_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub org_id: i64,
    pub student_id: Option<i64>,
    pub major_level: String,
    pub major_code: String,
    pub graduation_year: Option<i32>,
    pub skills: String,
    pub opt_in_visible: bool,
    pub updated_at: DateTimeUtc,
    /// JSON list of certificates ({name, level, issuer, year}).
    pub certificates: String,
    /// Comma-separated 淄博 county or street codes.
    pub preferred_locations: String,
    /// Comma-separated posting kinds.
    pub preferred_kinds: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
