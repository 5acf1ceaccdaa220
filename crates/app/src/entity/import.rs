use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub register: String,
    pub org_id: Option<i64>,
    pub user_id: Option<i64>,
    pub filename: String,
    pub status: String,
    pub processed_rows: i64,
    pub written_rows: i64,
    pub error_count: i64,
    pub errors: Option<Json>,
    pub error_file: Option<String>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
