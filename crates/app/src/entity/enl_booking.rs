use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "enl_bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub base_id: i64,
    pub programme_id: i64,
    pub school_org_id: i64,
    pub session_date: Date,
    pub start_minute: i32,
    pub end_minute: i32,
    pub pupils: i32,
    pub status: String,
    pub attended_pupils: Option<i32>,
    pub class_hours: Option<i32>,
    pub recorded_by: Option<i64>,
    pub recorded_at: Option<DateTimeUtc>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub is_demo: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
