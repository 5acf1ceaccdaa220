//! Offline check-in at fairs (issue 16). `fair_signing_keys` holds the instance's Ed25519
//! key pair for check-in codes (one row per purpose, created on first use; the secret
//! never leaves the server, the public key is handed to the door's phones).
//! `fair_scans` is every scan a phone synced, keyed by the phone's own scan id so that a
//! second sync of the same scan changes nothing: `accepted` scans made the check-in
//! (`checkin_id`), `duplicate` ones found the ticket already checked in (by another phone).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FairSigningKeys {
    Table,
    Id,
    Purpose,
    PublicKey,
    SecretKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FairScans {
    Table,
    Id,
    ScanId,
    FairId,
    SignupId,
    DeviceId,
    ScannedBy,
    ScannedAt,
    ReceivedAt,
    Outcome,
    Message,
    CheckinId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FairSigningKeys::Table)
                    .col(big_pk_auto(FairSigningKeys::Id))
                    .col(string_len(FairSigningKeys::Purpose, 40))
                    .col(string_len(FairSigningKeys::PublicKey, 64))
                    .col(string_len(FairSigningKeys::SecretKey, 64))
                    .col(timestamp_with_time_zone(FairSigningKeys::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ux_fair_signing_keys_purpose").table(FairSigningKeys::Table).col(FairSigningKeys::Purpose).unique().to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FairScans::Table)
                    .col(big_pk_auto(FairScans::Id))
                    .col(string_len(FairScans::ScanId, 64))
                    .col(big_integer(FairScans::FairId))
                    .col(big_integer(FairScans::SignupId))
                    .col(string_len(FairScans::DeviceId, 64))
                    .col(big_integer_null(FairScans::ScannedBy))
                    .col(timestamp_with_time_zone(FairScans::ScannedAt))
                    .col(timestamp_with_time_zone(FairScans::ReceivedAt))
                    .col(string_len(FairScans::Outcome, 16))
                    .col(text(FairScans::Message))
                    .col(big_integer_null(FairScans::CheckinId))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("ux_fair_scans_scan_id").table(FairScans::Table).col(FairScans::ScanId).unique().to_owned()).await?;
        manager
            .create_index(Index::create().name("ix_fair_scans_fair").table(FairScans::Table).col(FairScans::FairId).col(FairScans::Outcome).to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FairScans::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(FairSigningKeys::Table).to_owned()).await
    }
}
