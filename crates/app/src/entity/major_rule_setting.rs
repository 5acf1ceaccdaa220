use sea_orm::entity::prelude::*;

/// One version of the district's warning thresholds (the newest is in force).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "major_rule_settings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub version: i32,
    pub bottom_share_pct: i32,
    pub consecutive_cohorts: i32,
    pub saturation_pct: i32,
    pub size_cap_secondary: i32,
    pub size_cap_higher: i32,
    pub dormant_years: i32,
    pub shortage_min_stars: i32,
    pub note: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
