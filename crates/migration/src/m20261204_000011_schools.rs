//! Schools (issue 11): the yearly standards data and its result, skills competitions with
//! their entries and awards, the quality-assessment methods and results, and the
//! 党建/思政 activity log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SchoolYearData {
    Table,
    Id,
    SchoolOrgId,
    Year,
    Students,
    FulltimeTeachers,
    SeniorTitleTeachers,
    SpecialtyTeachers,
    DualQualifiedTeachers,
    PartTimeTeachers,
    LandM2,
    BuildingM2,
    EquipmentYuan,
    Books,
    RingTrackM,
    Evidence,
    RuleVersion,
    ResultClass,
    AllKeyMet,
    Result,
    UpdatedBy,
    UpdatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum Competitions {
    Table,
    Id,
    Name,
    Level,
    Organiser,
    HostOrgId,
    Year,
    HeldOn,
    Categories,
    CreatedBy,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum CompetitionEntries {
    Table,
    Id,
    CompetitionId,
    SchoolOrgId,
    Category,
    Kind,
    Participants,
    MajorName,
    Award,
    CreatedBy,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum ScorecardMethods {
    Table,
    Id,
    Year,
    Method,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ScorecardResults {
    Table,
    Id,
    SchoolOrgId,
    Year,
    MethodId,
    Status,
    Scores,
    Total,
    Grade,
    UpdatedAt,
    PublishedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum PartyActivities {
    Table,
    Id,
    SchoolOrgId,
    HeldOn,
    Kind,
    Title,
    Participants,
    Evidence,
    Status,
    ReviewNote,
    ReviewedBy,
    CreatedBy,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum Teachers {
    Table,
    Id,
    SchoolOrgId,
    Name,
    Title,
    IsSpecialty,
    DualQualified,
    DualEvidence,
    TeachingSince,
    Practice,
    Certificates,
    CreatedAt,
    IsDemo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SchoolYearData::Table)
                    .col(big_pk_auto(SchoolYearData::Id))
                    .col(big_integer(SchoolYearData::SchoolOrgId))
                    .col(integer(SchoolYearData::Year))
                    // Every figure nullable: a left-out one is "not assessed", never zero.
                    .col(integer_null(SchoolYearData::Students))
                    .col(integer_null(SchoolYearData::FulltimeTeachers))
                    .col(integer_null(SchoolYearData::SeniorTitleTeachers))
                    .col(integer_null(SchoolYearData::SpecialtyTeachers))
                    .col(integer_null(SchoolYearData::DualQualifiedTeachers))
                    .col(integer_null(SchoolYearData::PartTimeTeachers))
                    .col(double_null(SchoolYearData::LandM2))
                    .col(double_null(SchoolYearData::BuildingM2))
                    .col(double_null(SchoolYearData::EquipmentYuan))
                    .col(big_integer_null(SchoolYearData::Books))
                    .col(double_null(SchoolYearData::RingTrackM))
                    .col(text(SchoolYearData::Evidence).default(""))
                    // The rule set's version and its result (JSON), kept for audit.
                    .col(string(SchoolYearData::RuleVersion))
                    .col(string_null(SchoolYearData::ResultClass))
                    .col(boolean(SchoolYearData::AllKeyMet).default(false))
                    .col(text(SchoolYearData::Result))
                    .col(big_integer_null(SchoolYearData::UpdatedBy))
                    .col(timestamp_with_time_zone(SchoolYearData::UpdatedAt))
                    .col(boolean(SchoolYearData::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(SchoolYearData::Table, SchoolYearData::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .index(Index::create().name("ux_school_year_data").col(SchoolYearData::SchoolOrgId).col(SchoolYearData::Year).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Competitions::Table)
                    .col(big_pk_auto(Competitions::Id))
                    .col(string(Competitions::Name))
                    // school | district | municipal | provincial | national | world
                    .col(string(Competitions::Level))
                    .col(string(Competitions::Organiser))
                    .col(big_integer_null(Competitions::HostOrgId))
                    .col(integer(Competitions::Year))
                    .col(date(Competitions::HeldOn))
                    // 赛项, separated by 、
                    .col(text(Competitions::Categories))
                    .col(big_integer_null(Competitions::CreatedBy))
                    .col(timestamp_with_time_zone(Competitions::CreatedAt))
                    .col(boolean(Competitions::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(Competitions::Table, Competitions::HostOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CompetitionEntries::Table)
                    .col(big_pk_auto(CompetitionEntries::Id))
                    .col(big_integer(CompetitionEntries::CompetitionId))
                    .col(big_integer(CompetitionEntries::SchoolOrgId))
                    .col(string(CompetitionEntries::Category))
                    // student | team | teacher | teaching_ability
                    .col(string(CompetitionEntries::Kind))
                    .col(string(CompetitionEntries::Participants))
                    .col(string_null(CompetitionEntries::MajorName))
                    // none | first | second | third | gold | silver | bronze | excellence
                    .col(string(CompetitionEntries::Award))
                    .col(big_integer_null(CompetitionEntries::CreatedBy))
                    .col(timestamp_with_time_zone(CompetitionEntries::CreatedAt))
                    .col(boolean(CompetitionEntries::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(CompetitionEntries::Table, CompetitionEntries::CompetitionId).to(Competitions::Table, Competitions::Id))
                    .foreign_key(ForeignKey::create().from(CompetitionEntries::Table, CompetitionEntries::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_competition_entry_comp").table(CompetitionEntries::Table).col(CompetitionEntries::CompetitionId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScorecardMethods::Table)
                    .col(big_pk_auto(ScorecardMethods::Id))
                    .col(integer(ScorecardMethods::Year))
                    // The whole method (items, points, sources, bands) as JSON: a version.
                    .col(text(ScorecardMethods::Method))
                    .col(big_integer_null(ScorecardMethods::CreatedBy))
                    .col(timestamp_with_time_zone(ScorecardMethods::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScorecardResults::Table)
                    .col(big_pk_auto(ScorecardResults::Id))
                    .col(big_integer(ScorecardResults::SchoolOrgId))
                    .col(integer(ScorecardResults::Year))
                    .col(big_integer(ScorecardResults::MethodId))
                    // self_assessed | reviewed | published
                    .col(string(ScorecardResults::Status))
                    // JSON list per item: self points, evidence, district points, reason.
                    .col(text(ScorecardResults::Scores))
                    .col(double_null(ScorecardResults::Total))
                    .col(string_null(ScorecardResults::Grade))
                    .col(timestamp_with_time_zone(ScorecardResults::UpdatedAt))
                    .col(timestamp_with_time_zone_null(ScorecardResults::PublishedAt))
                    .col(boolean(ScorecardResults::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(ScorecardResults::Table, ScorecardResults::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(ScorecardResults::Table, ScorecardResults::MethodId).to(ScorecardMethods::Table, ScorecardMethods::Id))
                    .index(Index::create().name("ux_scorecard_result").col(ScorecardResults::SchoolOrgId).col(ScorecardResults::Year).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PartyActivities::Table)
                    .col(big_pk_auto(PartyActivities::Id))
                    .col(big_integer(PartyActivities::SchoolOrgId))
                    .col(date(PartyActivities::HeldOn))
                    // party | ideological | craftsmanship
                    .col(string(PartyActivities::Kind))
                    .col(string(PartyActivities::Title))
                    .col(integer(PartyActivities::Participants))
                    .col(text(PartyActivities::Evidence))
                    // submitted | accepted | returned
                    .col(string(PartyActivities::Status))
                    .col(text_null(PartyActivities::ReviewNote))
                    .col(big_integer_null(PartyActivities::ReviewedBy))
                    .col(big_integer_null(PartyActivities::CreatedBy))
                    .col(timestamp_with_time_zone(PartyActivities::CreatedAt))
                    .col(boolean(PartyActivities::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(PartyActivities::Table, PartyActivities::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Teachers::Table)
                    .col(big_pk_auto(Teachers::Id))
                    .col(big_integer(Teachers::SchoolOrgId))
                    .col(string(Teachers::Name))
                    // senior_full | senior_deputy | intermediate | junior | none
                    .col(string(Teachers::Title))
                    .col(boolean(Teachers::IsSpecialty).default(false))
                    .col(boolean(Teachers::DualQualified).default(false))
                    .col(text(Teachers::DualEvidence).default(""))
                    .col(date(Teachers::TeachingSince))
                    // JSON list of [start, end] enterprise-practice periods.
                    .col(text(Teachers::Practice).default("[]"))
                    .col(text(Teachers::Certificates).default(""))
                    .col(timestamp_with_time_zone(Teachers::CreatedAt))
                    .col(boolean(Teachers::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(Teachers::Table, Teachers::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("ix_teacher_school").table(Teachers::Table).col(Teachers::SchoolOrgId).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Teachers::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(PartyActivities::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(ScorecardResults::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(ScorecardMethods::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(CompetitionEntries::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(Competitions::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(SchoolYearData::Table).if_exists().to_owned()).await?;
        Ok(())
    }
}
