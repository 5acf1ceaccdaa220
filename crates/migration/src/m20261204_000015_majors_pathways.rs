//! Majors, second part (issue 10, seed measures 二, 四, 七):
//! - `major_pathways`, `pathway_courses`: 纵向贯通 pathways (3+2, 五年一贯制, 3+4) of a zone
//!   school with its partner, the majors at both levels, cohort size, and each level's
//!   course list with hours, outcomes and prerequisites;
//! - `major_resources`: a school's teachers and training rooms per major;
//! - `major_rule_settings`: the district's warning thresholds, one row per version (the
//!   newest is in force; old rows stay so that a result names the version it used).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MajorPathways {
    Table,
    Id,
    OrgId,
    Kind,
    PartnerSchool,
    LowerMajorCode,
    UpperLevel,
    UpperMajorCode,
    StartYear,
    CohortSize,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PathwayCourses {
    Table,
    Id,
    PathwayId,
    Stage,
    Name,
    Hours,
    Outcomes,
    Prerequisites,
}

#[derive(DeriveIden)]
enum MajorResources {
    Table,
    Id,
    OrgId,
    Level,
    MajorCode,
    Kind,
    Name,
    Detail,
    Amount,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MajorRuleSettings {
    Table,
    Id,
    Version,
    BottomSharePct,
    ConsecutiveCohorts,
    SaturationPct,
    SizeCapSecondary,
    SizeCapHigher,
    DormantYears,
    ShortageMinStars,
    Note,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MajorPathways::Table)
                    .col(big_pk_auto(MajorPathways::Id))
                    // The zone school teaching the lower (中职) stage.
                    .col(big_integer(MajorPathways::OrgId))
                    // three_two | five_year | three_four
                    .col(string(MajorPathways::Kind))
                    .col(string(MajorPathways::PartnerSchool))
                    .col(string(MajorPathways::LowerMajorCode))
                    .col(string(MajorPathways::UpperLevel))
                    .col(string(MajorPathways::UpperMajorCode))
                    .col(integer(MajorPathways::StartYear))
                    .col(integer(MajorPathways::CohortSize))
                    .col(timestamp_with_time_zone(MajorPathways::CreatedAt))
                    .col(timestamp_with_time_zone(MajorPathways::UpdatedAt))
                    .foreign_key(ForeignKey::create().from(MajorPathways::Table, MajorPathways::OrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PathwayCourses::Table)
                    .col(big_pk_auto(PathwayCourses::Id))
                    .col(big_integer(PathwayCourses::PathwayId))
                    // lower | upper
                    .col(string(PathwayCourses::Stage))
                    .col(string(PathwayCourses::Name))
                    .col(integer(PathwayCourses::Hours))
                    .col(text(PathwayCourses::Outcomes))
                    .col(text(PathwayCourses::Prerequisites))
                    .foreign_key(ForeignKey::create().from(PathwayCourses::Table, PathwayCourses::PathwayId).to(MajorPathways::Table, MajorPathways::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_pathway_courses_pathway").table(PathwayCourses::Table).col(PathwayCourses::PathwayId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MajorResources::Table)
                    .col(big_pk_auto(MajorResources::Id))
                    .col(big_integer(MajorResources::OrgId))
                    .col(string(MajorResources::Level))
                    .col(string(MajorResources::MajorCode))
                    // teacher | room
                    .col(string(MajorResources::Kind))
                    .col(string(MajorResources::Name))
                    .col(string(MajorResources::Detail))
                    // A room's workstations; 1 for a teacher.
                    .col(integer(MajorResources::Amount))
                    .col(timestamp_with_time_zone(MajorResources::CreatedAt))
                    .foreign_key(ForeignKey::create().from(MajorResources::Table, MajorResources::OrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_major_resources_major").table(MajorResources::Table).col(MajorResources::OrgId).col(MajorResources::MajorCode).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MajorRuleSettings::Table)
                    .col(big_pk_auto(MajorRuleSettings::Id))
                    .col(integer(MajorRuleSettings::Version))
                    .col(integer(MajorRuleSettings::BottomSharePct))
                    .col(integer(MajorRuleSettings::ConsecutiveCohorts))
                    .col(integer(MajorRuleSettings::SaturationPct))
                    .col(integer(MajorRuleSettings::SizeCapSecondary))
                    .col(integer(MajorRuleSettings::SizeCapHigher))
                    .col(integer(MajorRuleSettings::DormantYears))
                    .col(integer(MajorRuleSettings::ShortageMinStars))
                    .col(text(MajorRuleSettings::Note))
                    .col(big_integer_null(MajorRuleSettings::CreatedBy))
                    .col(timestamp_with_time_zone(MajorRuleSettings::CreatedAt))
                    .index(Index::create().name("ux_major_rule_version").col(MajorRuleSettings::Version).unique())
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["major_rule_settings", "major_resources", "pathway_courses", "major_pathways"] {
            manager.drop_table(Table::drop().table(Alias::new(t)).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
