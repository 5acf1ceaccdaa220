use sea_orm::entity::prelude::*;

/// The instance's Ed25519 key pair for fair check-in codes (base64url, 32 bytes each).
/// Not `Serialize`: the secret must never reach a response or an audit row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fair_signing_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub purpose: String,
    pub public_key: String,
    pub secret_key: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
