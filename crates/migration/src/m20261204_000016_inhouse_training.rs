//! In-house training that enterprises request at shared employee training bases (issue 13,
//! seed measure 十四 "共享性职工培训基地"):
//! - `trn_inhouse_requests`: an enterprise asks a provider (a shared base, school or
//!   institution) to train a number of its employees in one of the provider's programmes;
//!   the provider or the district accepts (a cohort is opened for the enterprise's
//!   employees) or declines with a reason; a delivered training is recorded with the
//!   employees trained.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TrnProgrammes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TrnInhouseRequests {
    Table,
    Id,
    EnterpriseOrgId,
    ProviderOrgId,
    ProgrammeId,
    Employees,
    PreferredStart,
    Note,
    Status,
    DecisionNote,
    CohortId,
    TrainedEmployees,
    DecidedBy,
    DecidedAt,
    CreatedBy,
    CreatedAt,
    IsDemo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TrnInhouseRequests::Table)
                    .col(big_pk_auto(TrnInhouseRequests::Id))
                    .col(big_integer(TrnInhouseRequests::EnterpriseOrgId))
                    .col(big_integer(TrnInhouseRequests::ProviderOrgId))
                    .col(big_integer(TrnInhouseRequests::ProgrammeId))
                    .col(integer(TrnInhouseRequests::Employees))
                    .col(date(TrnInhouseRequests::PreferredStart))
                    .col(string(TrnInhouseRequests::Note))
                    .col(string(TrnInhouseRequests::Status))
                    .col(string(TrnInhouseRequests::DecisionNote))
                    .col(big_integer_null(TrnInhouseRequests::CohortId))
                    .col(integer_null(TrnInhouseRequests::TrainedEmployees))
                    .col(big_integer_null(TrnInhouseRequests::DecidedBy))
                    .col(timestamp_with_time_zone_null(TrnInhouseRequests::DecidedAt))
                    .col(big_integer_null(TrnInhouseRequests::CreatedBy))
                    .col(timestamp_with_time_zone(TrnInhouseRequests::CreatedAt))
                    .col(boolean(TrnInhouseRequests::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(TrnInhouseRequests::Table, TrnInhouseRequests::EnterpriseOrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(TrnInhouseRequests::Table, TrnInhouseRequests::ProviderOrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(TrnInhouseRequests::Table, TrnInhouseRequests::ProgrammeId).to(TrnProgrammes::Table, TrnProgrammes::Id))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("ix_trn_inhouse_provider").table(TrnInhouseRequests::Table).col(TrnInhouseRequests::ProviderOrgId).to_owned()).await?;
        manager.create_index(Index::create().name("ix_trn_inhouse_enterprise").table(TrnInhouseRequests::Table).col(TrnInhouseRequests::EnterpriseOrgId).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TrnInhouseRequests::Table).to_owned()).await?;
        Ok(())
    }
}
