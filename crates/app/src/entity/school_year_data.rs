use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "school_year_data")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub school_org_id: i64,
    pub year: i32,
    pub students: Option<i32>,
    pub fulltime_teachers: Option<i32>,
    pub senior_title_teachers: Option<i32>,
    pub specialty_teachers: Option<i32>,
    pub dual_qualified_teachers: Option<i32>,
    pub part_time_teachers: Option<i32>,
    pub land_m2: Option<f64>,
    pub building_m2: Option<f64>,
    pub equipment_yuan: Option<f64>,
    pub books: Option<i64>,
    pub ring_track_m: Option<f64>,
    pub evidence: String,
    pub rule_version: String,
    pub result_class: Option<String>,
    pub all_key_met: bool,
    pub result: String,
    pub updated_by: Option<i64>,
    pub updated_at: DateTimeUtc,
    pub is_demo: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
