use sea_orm::entity::prelude::*;

/// A school–enterprise cooperation agreement (校企合作协议); counts once both sides confirmed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "coop_agreements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// zhijiao_domain::cooperation::AgreementKind key
    pub kind: String,
    pub title: String,
    pub school_org_id: i64,
    pub enterprise_org_id: i64,
    pub association_org_id: Option<i64>,
    /// Comma-separated secondary-level major codes.
    pub major_codes: String,
    pub posting_id: Option<i64>,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub students: i32,
    pub teachers: i32,
    pub graduates_hired: i32,
    pub apprentices_certified: i32,
    pub projects: i32,
    pub patents: i32,
    pub revenue_wan: i32,
    pub equipment_wan: i32,
    /// draft | confirmed | ended
    pub status: String,
    /// school | enterprise
    pub drafted_by: String,
    pub school_confirmed_at: Option<DateTimeUtc>,
    pub enterprise_confirmed_at: Option<DateTimeUtc>,
    pub renewed_from: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub is_demo: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
