use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "graduate_destinations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub student_id: i64,
    /// The graduate's school.
    pub org_id: i64,
    pub graduation_year: i32,
    /// `initial` (8/31) or `year_end` (12/31).
    pub snapshot: String,
    pub major_level: String,
    pub major_code: String,
    /// 毕业去向代码.
    pub destination_code: String,
    pub employer_org_id: Option<i64>,
    pub employer_name: Option<String>,
    /// 职业分类大典 code.
    pub occupation_code: Option<String>,
    pub employer_county_code: Option<String>,
    pub employer_street_code: Option<String>,
    pub in_zone: bool,
    pub major_aligned: bool,
    /// `import`, `form` or `platform_hire`.
    pub source: String,
    pub recorded_by: Option<i64>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
