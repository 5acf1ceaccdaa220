use sea_orm::entity::prelude::*;

/// A student's 岗位实习 (or 认识实习) placement at a host enterprise, recorded by the school.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "internship_placements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub school_org_id: i64,
    pub student_id: i64,
    pub host_org_id: i64,
    pub posting_id: Option<i64>,
    /// post | cognitive
    pub kind: String,
    pub position_title: String,
    pub host_staff: i32,
    /// Interns already at the host, this student excluded.
    pub host_interns_other: i32,
    pub position_staff: i32,
    /// Interns already in the position, this student excluded.
    pub position_interns_other: i32,
    pub monthly_pay: Option<i32>,
    pub same_post_wage: Option<i32>,
    pub agreement_signed: bool,
    pub agreement_no: Option<String>,
    pub student_grade: i32,
    pub student_category: String,
    pub post_categories: String,
    pub start_date: Date,
    pub end_date: Option<Date>,
    /// recorded | confirmed
    pub status: String,
    /// JSON list of violations found at the last save.
    pub violations: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub confirmed_by: Option<i64>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub is_demo: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
