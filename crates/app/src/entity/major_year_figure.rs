use sea_orm::entity::prelude::*;

/// A school's major in one year: new students, students on roll, graduates.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "major_year_figures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    pub level: String,
    pub major_code: String,
    pub year: i32,
    pub enrolment: i32,
    pub on_roll: i32,
    pub graduates: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
