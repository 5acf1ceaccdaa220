use sea_orm::entity::prelude::*;

/// A bookable room, workstation or piece of equipment of a training base or a school's lab.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "base_resources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub owner_org_id: i64,
    /// room | workstation | equipment
    pub kind: String,
    pub name: String,
    pub capacity: i32,
    /// Yuan per hour.
    pub hourly_fee: i32,
    pub description: String,
    pub shared: bool,
    pub lock_seq: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
