use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "students")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    pub student_no: String,
    pub name: String,
    pub gender_code: String,
    pub id_type: String,
    pub id_number: String,
    pub birth_date: Option<Date>,
    pub ethnicity_code: Option<String>,
    pub political_code: Option<String>,
    pub major_level: String,
    pub major_code: String,
    pub class_name: Option<String>,
    pub enrollment_ym: Option<String>,
    pub study_years: Option<String>,
    pub phone: Option<String>,
    pub status: String,
    pub graduation_year: Option<i32>,
    pub is_demo: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
