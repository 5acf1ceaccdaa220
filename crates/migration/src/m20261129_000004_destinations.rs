//! Graduate destinations (毕业去向): one row per graduate, graduation year and snapshot
//! (8/31 initial, 12/31 year-end), coded with the Ministry's 毕业去向代码, with the
//! employer, the occupation and the derived flags 专业对口 and 本地就业.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum GraduateDestinations {
    Table,
    Id,
    StudentId,
    OrgId,
    GraduationYear,
    Snapshot,
    MajorLevel,
    MajorCode,
    DestinationCode,
    EmployerOrgId,
    EmployerName,
    OccupationCode,
    EmployerCountyCode,
    EmployerStreetCode,
    InZone,
    MajorAligned,
    Source,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Students {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use GraduateDestinations as G;
        manager
            .create_table(
                Table::create()
                    .table(G::Table)
                    .col(big_pk_auto(G::Id))
                    .col(big_integer(G::StudentId))
                    .col(big_integer(G::OrgId))
                    .col(integer(G::GraduationYear))
                    // initial (8/31) | year_end (12/31)
                    .col(string(G::Snapshot))
                    // The graduate's major when the destination was recorded.
                    .col(string(G::MajorLevel))
                    .col(string(G::MajorCode))
                    .col(string(G::DestinationCode))
                    .col(big_integer_null(G::EmployerOrgId))
                    .col(string_null(G::EmployerName))
                    .col(string_null(G::OccupationCode))
                    .col(string_null(G::EmployerCountyCode))
                    .col(string_null(G::EmployerStreetCode))
                    .col(boolean(G::InZone).default(false))
                    .col(boolean(G::MajorAligned).default(false))
                    // import | form | platform_hire
                    .col(string(G::Source))
                    .col(big_integer_null(G::RecordedBy))
                    .col(timestamp_with_time_zone(G::RecordedAt))
                    .foreign_key(ForeignKey::create().from(G::Table, G::StudentId).to(Students::Table, Students::Id))
                    .foreign_key(ForeignKey::create().from(G::Table, G::OrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(G::Table, G::EmployerOrgId).to(Organizations::Table, Organizations::Id))
                    .index(
                        Index::create()
                            .name("ux_destination_student_year_snapshot")
                            .col(G::StudentId)
                            .col(G::GraduationYear)
                            .col(G::Snapshot)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_destination_org_year")
                    .table(G::Table)
                    .col(G::OrgId)
                    .col(G::GraduationYear)
                    .col(G::Snapshot)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(GraduateDestinations::Table).to_owned()).await
    }
}
