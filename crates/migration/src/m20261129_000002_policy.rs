//! Policy tracking (督查督办, issue 5): policies and their measures, the units
//! responsible for each measure, tasks per (measure, unit), progress reports and the
//! KPI indicators bound to measures. Dates are `date`; enumerations are strings.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Policies {
    Table,
    Id,
    Title,
    DocNumber,
    Issuer,
    IssuedOn,
    SourceFormat,
    SourceText,
    /// The source as `PolicySource` JSON (lines with bold ranges): re-parsed on review.
    SourceLines,
    Status,
    CreatedBy,
    CreatedAt,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum PolicyMeasures {
    Table,
    Id,
    PolicyId,
    SectionNo,
    SectionTitle,
    Number,
    Title,
    Body,
    LeadOrgId,
    Line,
}

#[derive(DeriveIden)]
enum MeasureUnits {
    Table,
    Id,
    MeasureId,
    OrgId,
    Role,
}

#[derive(DeriveIden)]
enum Tasks {
    Table,
    Id,
    MeasureId,
    OrgId,
    Role,
    Title,
    Deadline,
    Status,
    CreatedAt,
    DoneAt,
}

#[derive(DeriveIden)]
enum ProgressReports {
    Table,
    Id,
    TaskId,
    OrgId,
    Period,
    Text,
    KpiValues,
    EvidencePath,
    SubmittedBy,
    SubmittedAt,
    Consolidated,
}

#[derive(DeriveIden)]
enum KpiBindings {
    Table,
    Id,
    MeasureId,
    Key,
    Target,
    Unit,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Policies::Table)
                    .col(big_pk_auto(Policies::Id))
                    .col(string(Policies::Title))
                    .col(string_null(Policies::DocNumber))
                    .col(string_null(Policies::Issuer))
                    .col(date_null(Policies::IssuedOn))
                    .col(string(Policies::SourceFormat))
                    .col(text(Policies::SourceText))
                    .col(json_binary(Policies::SourceLines))
                    .col(string(Policies::Status))
                    .col(big_integer_null(Policies::CreatedBy))
                    .col(timestamp_with_time_zone(Policies::CreatedAt))
                    .col(timestamp_with_time_zone_null(Policies::AcceptedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PolicyMeasures::Table)
                    .col(big_pk_auto(PolicyMeasures::Id))
                    .col(big_integer(PolicyMeasures::PolicyId))
                    .col(integer(PolicyMeasures::SectionNo))
                    .col(string(PolicyMeasures::SectionTitle))
                    .col(integer(PolicyMeasures::Number))
                    .col(string(PolicyMeasures::Title))
                    .col(text(PolicyMeasures::Body))
                    .col(big_integer_null(PolicyMeasures::LeadOrgId))
                    .col(integer(PolicyMeasures::Line))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PolicyMeasures::Table, PolicyMeasures::PolicyId)
                            .to(Policies::Table, Policies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(ForeignKey::create().from(PolicyMeasures::Table, PolicyMeasures::LeadOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeasureUnits::Table)
                    .col(big_pk_auto(MeasureUnits::Id))
                    .col(big_integer(MeasureUnits::MeasureId))
                    .col(big_integer(MeasureUnits::OrgId))
                    .col(string(MeasureUnits::Role))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeasureUnits::Table, MeasureUnits::MeasureId)
                            .to(PolicyMeasures::Table, PolicyMeasures::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(ForeignKey::create().from(MeasureUnits::Table, MeasureUnits::OrgId).to(Organizations::Table, Organizations::Id))
                    .index(Index::create().name("ux_measure_unit").col(MeasureUnits::MeasureId).col(MeasureUnits::OrgId).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Tasks::Table)
                    .col(big_pk_auto(Tasks::Id))
                    .col(big_integer(Tasks::MeasureId))
                    .col(big_integer(Tasks::OrgId))
                    .col(string(Tasks::Role))
                    .col(string(Tasks::Title))
                    .col(date(Tasks::Deadline))
                    .col(string(Tasks::Status))
                    .col(timestamp_with_time_zone(Tasks::CreatedAt))
                    .col(timestamp_with_time_zone_null(Tasks::DoneAt))
                    .foreign_key(
                        ForeignKey::create().from(Tasks::Table, Tasks::MeasureId).to(PolicyMeasures::Table, PolicyMeasures::Id).on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(ForeignKey::create().from(Tasks::Table, Tasks::OrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("ix_task_org").table(Tasks::Table).col(Tasks::OrgId).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(ProgressReports::Table)
                    .col(big_pk_auto(ProgressReports::Id))
                    .col(big_integer(ProgressReports::TaskId))
                    .col(big_integer(ProgressReports::OrgId))
                    .col(string(ProgressReports::Period))
                    .col(text(ProgressReports::Text))
                    .col(json_binary_null(ProgressReports::KpiValues))
                    .col(string_null(ProgressReports::EvidencePath))
                    .col(big_integer_null(ProgressReports::SubmittedBy))
                    .col(timestamp_with_time_zone(ProgressReports::SubmittedAt))
                    .col(boolean(ProgressReports::Consolidated).default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgressReports::Table, ProgressReports::TaskId)
                            .to(Tasks::Table, Tasks::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_report_task").table(ProgressReports::Table).col(ProgressReports::TaskId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiBindings::Table)
                    .col(big_pk_auto(KpiBindings::Id))
                    .col(big_integer(KpiBindings::MeasureId))
                    .col(string(KpiBindings::Key))
                    .col(double(KpiBindings::Target))
                    .col(string(KpiBindings::Unit))
                    .foreign_key(
                        ForeignKey::create()
                            .from(KpiBindings::Table, KpiBindings::MeasureId)
                            .to(PolicyMeasures::Table, PolicyMeasures::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(Index::create().name("ux_kpi_binding").col(KpiBindings::MeasureId).col(KpiBindings::Key).unique())
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["kpi_bindings", "progress_reports", "tasks", "measure_units", "policy_measures", "policies"] {
            manager.drop_table(Table::drop().table(Alias::new(t)).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
