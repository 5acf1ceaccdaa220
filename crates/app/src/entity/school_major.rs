use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "school_majors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    pub level: String,
    pub major_code: String,
    pub major_name: String,
    pub start_year: Option<i32>,
    /// active | suspended | withdrawn (`zhijiao_domain::majors::MajorStatus`).
    pub status: String,
    pub created_at: DateTimeUtc,
    /// 学制 in years.
    pub length_years: i32,
    /// The school's specialty group (专业群) the major belongs to.
    pub group_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
