//! 面对面 (seed measure 十三): supply-demand meetings (供需见面会) with their booths,
//! the postings each booth brings, students' sign-ups and door check-ins; and visits of
//! a school's students and teachers to an enterprise (组织师生走进企业) with sign-ups and
//! the record kept afterwards.
//!
//! A check-in is its own row with a unique sign-up, so that a code can be used once even
//! when two phones at the door scan it in the same instant.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Fairs {
    Table,
    Id,
    Title,
    Theme,
    FairDate,
    TimeText,
    Venue,
    Description,
    /// Comma-separated booth categories (生物医药,智能制造 …).
    Categories,
    BoothCapacity,
    Capacity,
    Status,
    OrganiserOrgId,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum FairBooths {
    Table,
    Id,
    FairId,
    OrgId,
    Category,
    Note,
    BoothNo,
    Status,
    ReviewComment,
    RegisteredBy,
    RegisteredAt,
    ReviewedBy,
    ReviewedAt,
}

#[derive(DeriveIden)]
enum FairBoothPostings {
    Table,
    Id,
    BoothId,
    PostingId,
    AttachedAt,
}

#[derive(DeriveIden)]
enum FairSignups {
    Table,
    Id,
    FairId,
    UserId,
    OrgId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FairCheckins {
    Table,
    Id,
    FairId,
    SignupId,
    CheckedInBy,
    CheckedInAt,
}

#[derive(DeriveIden)]
enum Visits {
    Table,
    Id,
    SchoolOrgId,
    EnterpriseOrgId,
    VisitDate,
    Theme,
    Capacity,
    Status,
    Summary,
    AttendedCount,
    RecordedBy,
    RecordedAt,
    CreatedBy,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum VisitSignups {
    Table,
    Id,
    VisitId,
    UserId,
    Role,
    Attended,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Postings {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Fairs::Table)
                    .col(big_pk_auto(Fairs::Id))
                    .col(string(Fairs::Title))
                    .col(string(Fairs::Theme))
                    .col(date(Fairs::FairDate))
                    .col(string_null(Fairs::TimeText))
                    .col(string(Fairs::Venue))
                    .col(text(Fairs::Description))
                    .col(string(Fairs::Categories))
                    .col(integer(Fairs::BoothCapacity))
                    .col(integer(Fairs::Capacity))
                    // draft | open | held | closed
                    .col(string(Fairs::Status))
                    .col(big_integer(Fairs::OrganiserOrgId))
                    .col(big_integer_null(Fairs::CreatedBy))
                    .col(timestamp_with_time_zone(Fairs::CreatedAt))
                    .col(timestamp_with_time_zone(Fairs::UpdatedAt))
                    .col(boolean(Fairs::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(Fairs::Table, Fairs::OrganiserOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FairBooths::Table)
                    .col(big_pk_auto(FairBooths::Id))
                    .col(big_integer(FairBooths::FairId))
                    .col(big_integer(FairBooths::OrgId))
                    .col(string(FairBooths::Category))
                    .col(string_null(FairBooths::Note))
                    .col(integer_null(FairBooths::BoothNo))
                    // pending | approved | refused
                    .col(string(FairBooths::Status))
                    .col(string_null(FairBooths::ReviewComment))
                    .col(big_integer_null(FairBooths::RegisteredBy))
                    .col(timestamp_with_time_zone(FairBooths::RegisteredAt))
                    .col(big_integer_null(FairBooths::ReviewedBy))
                    .col(timestamp_with_time_zone_null(FairBooths::ReviewedAt))
                    .foreign_key(ForeignKey::create().from(FairBooths::Table, FairBooths::FairId).to(Fairs::Table, Fairs::Id))
                    .foreign_key(ForeignKey::create().from(FairBooths::Table, FairBooths::OrgId).to(Organizations::Table, Organizations::Id))
                    .index(Index::create().name("ux_fair_booth_org").col(FairBooths::FairId).col(FairBooths::OrgId).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FairBoothPostings::Table)
                    .col(big_pk_auto(FairBoothPostings::Id))
                    .col(big_integer(FairBoothPostings::BoothId))
                    .col(big_integer(FairBoothPostings::PostingId))
                    .col(timestamp_with_time_zone(FairBoothPostings::AttachedAt))
                    .foreign_key(ForeignKey::create().from(FairBoothPostings::Table, FairBoothPostings::BoothId).to(FairBooths::Table, FairBooths::Id))
                    .foreign_key(ForeignKey::create().from(FairBoothPostings::Table, FairBoothPostings::PostingId).to(Postings::Table, Postings::Id))
                    .index(Index::create().name("ux_fair_booth_posting").col(FairBoothPostings::BoothId).col(FairBoothPostings::PostingId).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FairSignups::Table)
                    .col(big_pk_auto(FairSignups::Id))
                    .col(big_integer(FairSignups::FairId))
                    .col(big_integer(FairSignups::UserId))
                    // The student's school when they signed up (the per-school statistics).
                    .col(big_integer(FairSignups::OrgId))
                    .col(timestamp_with_time_zone(FairSignups::CreatedAt))
                    .foreign_key(ForeignKey::create().from(FairSignups::Table, FairSignups::FairId).to(Fairs::Table, Fairs::Id))
                    .foreign_key(ForeignKey::create().from(FairSignups::Table, FairSignups::UserId).to(Users::Table, Users::Id))
                    .foreign_key(ForeignKey::create().from(FairSignups::Table, FairSignups::OrgId).to(Organizations::Table, Organizations::Id))
                    .index(Index::create().name("ux_fair_signup_user").col(FairSignups::FairId).col(FairSignups::UserId).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FairCheckins::Table)
                    .col(big_pk_auto(FairCheckins::Id))
                    .col(big_integer(FairCheckins::FairId))
                    .col(big_integer(FairCheckins::SignupId))
                    .col(big_integer_null(FairCheckins::CheckedInBy))
                    .col(timestamp_with_time_zone(FairCheckins::CheckedInAt))
                    .foreign_key(ForeignKey::create().from(FairCheckins::Table, FairCheckins::FairId).to(Fairs::Table, Fairs::Id))
                    .foreign_key(ForeignKey::create().from(FairCheckins::Table, FairCheckins::SignupId).to(FairSignups::Table, FairSignups::Id))
                    .index(Index::create().name("ux_fair_checkin_signup").col(FairCheckins::SignupId).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Visits::Table)
                    .col(big_pk_auto(Visits::Id))
                    .col(big_integer(Visits::SchoolOrgId))
                    .col(big_integer(Visits::EnterpriseOrgId))
                    .col(date(Visits::VisitDate))
                    .col(string(Visits::Theme))
                    .col(integer(Visits::Capacity))
                    // planned | recorded
                    .col(string(Visits::Status))
                    .col(text_null(Visits::Summary))
                    .col(integer_null(Visits::AttendedCount))
                    .col(big_integer_null(Visits::RecordedBy))
                    .col(timestamp_with_time_zone_null(Visits::RecordedAt))
                    .col(big_integer_null(Visits::CreatedBy))
                    .col(timestamp_with_time_zone(Visits::CreatedAt))
                    .col(boolean(Visits::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(Visits::Table, Visits::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(Visits::Table, Visits::EnterpriseOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(VisitSignups::Table)
                    .col(big_pk_auto(VisitSignups::Id))
                    .col(big_integer(VisitSignups::VisitId))
                    .col(big_integer(VisitSignups::UserId))
                    // student | teacher
                    .col(string(VisitSignups::Role))
                    .col(boolean_null(VisitSignups::Attended))
                    .col(timestamp_with_time_zone(VisitSignups::CreatedAt))
                    .foreign_key(ForeignKey::create().from(VisitSignups::Table, VisitSignups::VisitId).to(Visits::Table, Visits::Id))
                    .foreign_key(ForeignKey::create().from(VisitSignups::Table, VisitSignups::UserId).to(Users::Table, Users::Id))
                    .index(Index::create().name("ux_visit_signup_user").col(VisitSignups::VisitId).col(VisitSignups::UserId).unique())
                    .to_owned(),
            )
            .await?;
        for (name, table, col) in [
            ("ix_fair_signup_org", FairSignups::Table.into_iden(), FairSignups::OrgId.into_iden()),
            ("ix_fair_checkin_fair", FairCheckins::Table.into_iden(), FairCheckins::FairId.into_iden()),
            ("ix_visit_school", Visits::Table.into_iden(), Visits::SchoolOrgId.into_iden()),
            ("ix_visit_enterprise", Visits::Table.into_iden(), Visits::EnterpriseOrgId.into_iden()),
        ] {
            manager.create_index(Index::create().name(name).table(table).col(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            VisitSignups::Table.into_iden(),
            Visits::Table.into_iden(),
            FairCheckins::Table.into_iden(),
            FairSignups::Table.into_iden(),
            FairBoothPostings::Table.into_iden(),
            FairBooths::Table.into_iden(),
            Fairs::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
