//! Career enlightenment and labour education, and skills training (issue 13, seed
//! measures 三 and 十四):
//! - `enl_bases`: career-enlightenment and labour-education bases (level, host
//!   organisation, capacity at one time);
//! - `enl_programmes`: what a base offers (age range, duration);
//! - `enl_bookings`: a primary or middle school's session at a base (day, start and end in
//!   minutes after midnight, pupils), then the host's attendance record (pupils who came,
//!   class hours);
//! - `trn_programmes`: a provider's training programme (occupation of the 2022 大典, skill
//!   level, hours, subsidy eligibility);
//! - `trn_cohorts`: a run of a programme for one audience;
//! - `trn_enrolments`: a learner in a cohort (name, phone, 身份证号; attended hours,
//!   completion);
//! - `trn_certificates`: the certificate of a completed enrolment (revocable);
//! - `gv_communities`, `gv_members`: 职普融通 "1+N" communities (one 中职, N general high
//!   schools) with their agreement;
//! - `gv_classes`, `gv_class_students`: 职普融通班 and their rosters;
//! - `gv_transfers`: students moving between the tracks, with the credits recognised.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EnlBases {
    Table,
    Id,
    Name,
    Level,
    HostOrgId,
    Capacity,
    Address,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum EnlProgrammes {
    Table,
    Id,
    BaseId,
    Title,
    MinAge,
    MaxAge,
    DurationMinutes,
}

#[derive(DeriveIden)]
enum EnlBookings {
    Table,
    Id,
    BaseId,
    ProgrammeId,
    SchoolOrgId,
    SessionDate,
    StartMinute,
    EndMinute,
    Pupils,
    Status,
    AttendedPupils,
    ClassHours,
    RecordedBy,
    RecordedAt,
    CreatedBy,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum TrnProgrammes {
    Table,
    Id,
    ProviderOrgId,
    Title,
    OccupationCode,
    OccupationName,
    SkillLevel,
    Hours,
    Subsidy,
    Description,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum TrnCohorts {
    Table,
    Id,
    ProgrammeId,
    Title,
    Audience,
    StartDate,
    EndDate,
    Capacity,
    Status,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum TrnEnrolments {
    Table,
    Id,
    CohortId,
    Name,
    Phone,
    IdNumber,
    AttendedHours,
    Status,
    CompletedAt,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum TrnCertificates {
    Table,
    Id,
    EnrolmentId,
    Kind,
    Number,
    IssuedAt,
    RevokedAt,
    RevokedReason,
    IsDemo,
}

#[derive(DeriveIden)]
enum GvCommunities {
    Table,
    Id,
    Name,
    VocationalOrgId,
    AgreementNo,
    SignedOn,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum GvMembers {
    Table,
    Id,
    CommunityId,
    HighSchoolOrgId,
}

#[derive(DeriveIden)]
enum GvClasses {
    Table,
    Id,
    CommunityId,
    Name,
    SchoolYear,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum GvClassStudents {
    Table,
    Id,
    ClassId,
    StudentName,
    StudentNo,
    SchoolOrgId,
}

#[derive(DeriveIden)]
enum GvTransfers {
    Table,
    Id,
    CommunityId,
    StudentName,
    StudentNo,
    FromOrgId,
    ToOrgId,
    Credits,
    DecidedOn,
    Note,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EnlBases::Table)
                    .col(big_pk_auto(EnlBases::Id))
                    .col(string(EnlBases::Name))
                    .col(string(EnlBases::Level))
                    .col(big_integer(EnlBases::HostOrgId))
                    .col(integer(EnlBases::Capacity))
                    .col(string(EnlBases::Address))
                    .col(timestamp_with_time_zone(EnlBases::CreatedAt))
                    .col(boolean(EnlBases::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(EnlBases::Table, EnlBases::HostOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EnlProgrammes::Table)
                    .col(big_pk_auto(EnlProgrammes::Id))
                    .col(big_integer(EnlProgrammes::BaseId))
                    .col(string(EnlProgrammes::Title))
                    .col(integer(EnlProgrammes::MinAge))
                    .col(integer(EnlProgrammes::MaxAge))
                    .col(integer(EnlProgrammes::DurationMinutes))
                    .foreign_key(ForeignKey::create().from(EnlProgrammes::Table, EnlProgrammes::BaseId).to(EnlBases::Table, EnlBases::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EnlBookings::Table)
                    .col(big_pk_auto(EnlBookings::Id))
                    .col(big_integer(EnlBookings::BaseId))
                    .col(big_integer(EnlBookings::ProgrammeId))
                    .col(big_integer(EnlBookings::SchoolOrgId))
                    .col(date(EnlBookings::SessionDate))
                    .col(integer(EnlBookings::StartMinute))
                    .col(integer(EnlBookings::EndMinute))
                    .col(integer(EnlBookings::Pupils))
                    .col(string(EnlBookings::Status))
                    .col(integer_null(EnlBookings::AttendedPupils))
                    .col(integer_null(EnlBookings::ClassHours))
                    .col(big_integer_null(EnlBookings::RecordedBy))
                    .col(timestamp_with_time_zone_null(EnlBookings::RecordedAt))
                    .col(big_integer_null(EnlBookings::CreatedBy))
                    .col(timestamp_with_time_zone(EnlBookings::CreatedAt))
                    .col(boolean(EnlBookings::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(EnlBookings::Table, EnlBookings::BaseId).to(EnlBases::Table, EnlBases::Id))
                    .foreign_key(ForeignKey::create().from(EnlBookings::Table, EnlBookings::ProgrammeId).to(EnlProgrammes::Table, EnlProgrammes::Id))
                    .foreign_key(ForeignKey::create().from(EnlBookings::Table, EnlBookings::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("ix_enl_booking_base_day").table(EnlBookings::Table).col(EnlBookings::BaseId).col(EnlBookings::SessionDate).to_owned()).await?;
        manager.create_index(Index::create().name("ix_enl_booking_school").table(EnlBookings::Table).col(EnlBookings::SchoolOrgId).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(TrnProgrammes::Table)
                    .col(big_pk_auto(TrnProgrammes::Id))
                    .col(big_integer(TrnProgrammes::ProviderOrgId))
                    .col(string(TrnProgrammes::Title))
                    .col(string(TrnProgrammes::OccupationCode))
                    .col(string(TrnProgrammes::OccupationName))
                    .col(integer(TrnProgrammes::SkillLevel))
                    .col(integer(TrnProgrammes::Hours))
                    .col(boolean(TrnProgrammes::Subsidy).default(false))
                    .col(text(TrnProgrammes::Description))
                    .col(timestamp_with_time_zone(TrnProgrammes::CreatedAt))
                    .col(boolean(TrnProgrammes::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(TrnProgrammes::Table, TrnProgrammes::ProviderOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrnCohorts::Table)
                    .col(big_pk_auto(TrnCohorts::Id))
                    .col(big_integer(TrnCohorts::ProgrammeId))
                    .col(string(TrnCohorts::Title))
                    .col(string(TrnCohorts::Audience))
                    .col(date(TrnCohorts::StartDate))
                    .col(date(TrnCohorts::EndDate))
                    .col(integer(TrnCohorts::Capacity))
                    .col(string(TrnCohorts::Status))
                    .col(timestamp_with_time_zone(TrnCohorts::CreatedAt))
                    .col(boolean(TrnCohorts::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(TrnCohorts::Table, TrnCohorts::ProgrammeId).to(TrnProgrammes::Table, TrnProgrammes::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrnEnrolments::Table)
                    .col(big_pk_auto(TrnEnrolments::Id))
                    .col(big_integer(TrnEnrolments::CohortId))
                    .col(string(TrnEnrolments::Name))
                    .col(string(TrnEnrolments::Phone))
                    .col(string(TrnEnrolments::IdNumber))
                    .col(integer(TrnEnrolments::AttendedHours).default(0))
                    .col(string(TrnEnrolments::Status))
                    .col(timestamp_with_time_zone_null(TrnEnrolments::CompletedAt))
                    .col(timestamp_with_time_zone(TrnEnrolments::CreatedAt))
                    .col(boolean(TrnEnrolments::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(TrnEnrolments::Table, TrnEnrolments::CohortId).to(TrnCohorts::Table, TrnCohorts::Id))
                    .index(Index::create().name("ux_trn_enrolment_person").unique().col(TrnEnrolments::CohortId).col(TrnEnrolments::IdNumber))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrnCertificates::Table)
                    .col(big_pk_auto(TrnCertificates::Id))
                    .col(big_integer(TrnCertificates::EnrolmentId))
                    .col(string(TrnCertificates::Kind))
                    .col(string(TrnCertificates::Number))
                    .col(timestamp_with_time_zone(TrnCertificates::IssuedAt))
                    .col(timestamp_with_time_zone_null(TrnCertificates::RevokedAt))
                    .col(string_null(TrnCertificates::RevokedReason))
                    .col(boolean(TrnCertificates::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(TrnCertificates::Table, TrnCertificates::EnrolmentId).to(TrnEnrolments::Table, TrnEnrolments::Id))
                    .index(Index::create().name("ux_trn_certificate_enrolment").unique().col(TrnCertificates::EnrolmentId))
                    .index(Index::create().name("ux_trn_certificate_number").unique().col(TrnCertificates::Number))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GvCommunities::Table)
                    .col(big_pk_auto(GvCommunities::Id))
                    .col(string(GvCommunities::Name))
                    .col(big_integer(GvCommunities::VocationalOrgId))
                    .col(string(GvCommunities::AgreementNo))
                    .col(date(GvCommunities::SignedOn))
                    .col(timestamp_with_time_zone(GvCommunities::CreatedAt))
                    .col(boolean(GvCommunities::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(GvCommunities::Table, GvCommunities::VocationalOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GvMembers::Table)
                    .col(big_pk_auto(GvMembers::Id))
                    .col(big_integer(GvMembers::CommunityId))
                    .col(big_integer(GvMembers::HighSchoolOrgId))
                    .foreign_key(ForeignKey::create().from(GvMembers::Table, GvMembers::CommunityId).to(GvCommunities::Table, GvCommunities::Id))
                    .foreign_key(ForeignKey::create().from(GvMembers::Table, GvMembers::HighSchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .index(Index::create().name("ux_gv_member").unique().col(GvMembers::CommunityId).col(GvMembers::HighSchoolOrgId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GvClasses::Table)
                    .col(big_pk_auto(GvClasses::Id))
                    .col(big_integer(GvClasses::CommunityId))
                    .col(string(GvClasses::Name))
                    .col(integer(GvClasses::SchoolYear))
                    .col(timestamp_with_time_zone(GvClasses::CreatedAt))
                    .col(boolean(GvClasses::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(GvClasses::Table, GvClasses::CommunityId).to(GvCommunities::Table, GvCommunities::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GvClassStudents::Table)
                    .col(big_pk_auto(GvClassStudents::Id))
                    .col(big_integer(GvClassStudents::ClassId))
                    .col(string(GvClassStudents::StudentName))
                    .col(string(GvClassStudents::StudentNo))
                    .col(big_integer(GvClassStudents::SchoolOrgId))
                    .foreign_key(ForeignKey::create().from(GvClassStudents::Table, GvClassStudents::ClassId).to(GvClasses::Table, GvClasses::Id))
                    .index(Index::create().name("ux_gv_class_student").unique().col(GvClassStudents::ClassId).col(GvClassStudents::SchoolOrgId).col(GvClassStudents::StudentNo))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GvTransfers::Table)
                    .col(big_pk_auto(GvTransfers::Id))
                    .col(big_integer(GvTransfers::CommunityId))
                    .col(string(GvTransfers::StudentName))
                    .col(string(GvTransfers::StudentNo))
                    .col(big_integer(GvTransfers::FromOrgId))
                    .col(big_integer(GvTransfers::ToOrgId))
                    .col(integer(GvTransfers::Credits))
                    .col(date(GvTransfers::DecidedOn))
                    .col(string(GvTransfers::Note))
                    .col(timestamp_with_time_zone(GvTransfers::CreatedAt))
                    .foreign_key(ForeignKey::create().from(GvTransfers::Table, GvTransfers::CommunityId).to(GvCommunities::Table, GvCommunities::Id))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(GvTransfers::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(GvClassStudents::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(GvClasses::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(GvMembers::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(GvCommunities::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TrnCertificates::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TrnEnrolments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TrnCohorts::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TrnProgrammes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(EnlBookings::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(EnlProgrammes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(EnlBases::Table).to_owned()).await?;
        Ok(())
    }
}
