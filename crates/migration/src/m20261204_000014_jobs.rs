//! Background jobs (issue 15): work that outlives a request — Excel imports, the monthly
//! talent-report draft, sweeping expired sessions — is a row here, claimed by one server
//! at a time with a lease (`locked_until`), so that a job whose server died is taken up
//! again (or failed after `max_attempts`) instead of staying "running" for ever.
//! `unique_key` makes scheduling idempotent across instances: every server may enqueue
//! "the draft of 2026-11", only the first insert counts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Jobs {
    Table,
    Id,
    Kind,
    Payload,
    UniqueKey,
    Status,
    Attempts,
    MaxAttempts,
    RunAfter,
    LockedBy,
    LockedUntil,
    LastError,
    CreatedAt,
    UpdatedAt,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Jobs::Table)
                    .col(big_pk_auto(Jobs::Id))
                    .col(string_len(Jobs::Kind, 40))
                    .col(text(Jobs::Payload))
                    .col(string_len_null(Jobs::UniqueKey, 120))
                    .col(string_len(Jobs::Status, 16))
                    .col(integer(Jobs::Attempts).default(0))
                    .col(integer(Jobs::MaxAttempts).default(3))
                    .col(timestamp_with_time_zone(Jobs::RunAfter))
                    .col(string_len_null(Jobs::LockedBy, 64))
                    .col(timestamp_with_time_zone_null(Jobs::LockedUntil))
                    .col(text_null(Jobs::LastError))
                    .col(timestamp_with_time_zone(Jobs::CreatedAt))
                    .col(timestamp_with_time_zone(Jobs::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Jobs::FinishedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ux_jobs_unique_key").table(Jobs::Table).col(Jobs::UniqueKey).unique().to_owned())
            .await?;
        manager
            .create_index(Index::create().name("ix_jobs_status_run_after").table(Jobs::Table).col(Jobs::Status).col(Jobs::RunAfter).to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Jobs::Table).to_owned()).await
    }
}
