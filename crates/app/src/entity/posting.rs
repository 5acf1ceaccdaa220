use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "postings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_id: i64,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub occupation_code: Option<String>,
    pub occupation_major: Option<String>,
    pub industry_code: Option<String>,
    pub industry_section: Option<String>,
    pub education_level: Option<String>,
    /// 经验要求 band: none | lt1 | 1_3 | 3_5 | ge5; None = not stated.
    pub experience: Option<String>,
    pub headcount: Option<i32>,
    pub pay_min: Option<i32>,
    pub pay_max: Option<i32>,
    pub pay_band: String,
    pub county_code: Option<String>,
    pub street_code: Option<String>,
    pub skills: String,
    pub start_date: Option<Date>,
    pub deadline: Option<Date>,
    pub status: String,
    pub lint_findings: Option<Json>,
    pub lint_blocked: bool,
    pub override_reason: Option<String>,
    pub review_comment: Option<String>,
    pub dedup_key: String,
    #[serde(skip)]
    pub search_text: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub is_demo: bool,
    /// A posting aimed at one school's own students: only they (and that school's staff)
    /// see it, and the school's approval of the enterprise lets it be published.
    pub target_school_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
