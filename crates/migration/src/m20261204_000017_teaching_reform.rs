//! 三教改革 registers of a school (issue 11, seed measure 九):
//! - `tch_groups`: 技能名师工作室 (kind `studio`) and 教学创新团队 (kind `team`) with their
//!   leader and level;
//! - `tch_group_members`: teachers of the school's register in a group;
//! - `tch_group_outputs`: what a group produced (courses, textbooks, patents, awards…);
//! - `tch_reform_items`: teaching cases (kind `case`: 项目教学 / 情境教学 / 模块化教学) and
//!   textbook projects (kind `textbook`: 地方特色 / 行业 / 校本, with or without 课程思政),
//!   with their status.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Teachers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TchGroups {
    Table,
    Id,
    SchoolOrgId,
    Kind,
    Name,
    LeaderTeacherId,
    Level,
    Field,
    FoundedOn,
    CreatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum TchGroupMembers {
    Table,
    Id,
    GroupId,
    TeacherId,
}

#[derive(DeriveIden)]
enum TchGroupOutputs {
    Table,
    Id,
    GroupId,
    Year,
    Kind,
    Title,
    Evidence,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TchReformItems {
    Table,
    Id,
    SchoolOrgId,
    Kind,
    Category,
    Title,
    Authors,
    Ideological,
    Status,
    Year,
    Evidence,
    CreatedAt,
    IsDemo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TchGroups::Table)
                    .col(big_pk_auto(TchGroups::Id))
                    .col(big_integer(TchGroups::SchoolOrgId))
                    .col(string(TchGroups::Kind))
                    .col(string(TchGroups::Name))
                    .col(big_integer(TchGroups::LeaderTeacherId))
                    .col(string(TchGroups::Level))
                    .col(string(TchGroups::Field))
                    .col(date(TchGroups::FoundedOn))
                    .col(timestamp_with_time_zone(TchGroups::CreatedAt))
                    .col(boolean(TchGroups::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(TchGroups::Table, TchGroups::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(TchGroups::Table, TchGroups::LeaderTeacherId).to(Teachers::Table, Teachers::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TchGroupMembers::Table)
                    .col(big_pk_auto(TchGroupMembers::Id))
                    .col(big_integer(TchGroupMembers::GroupId))
                    .col(big_integer(TchGroupMembers::TeacherId))
                    .foreign_key(ForeignKey::create().from(TchGroupMembers::Table, TchGroupMembers::GroupId).to(TchGroups::Table, TchGroups::Id))
                    .foreign_key(ForeignKey::create().from(TchGroupMembers::Table, TchGroupMembers::TeacherId).to(Teachers::Table, Teachers::Id))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("ux_tch_group_member").table(TchGroupMembers::Table).col(TchGroupMembers::GroupId).col(TchGroupMembers::TeacherId).unique().to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(TchGroupOutputs::Table)
                    .col(big_pk_auto(TchGroupOutputs::Id))
                    .col(big_integer(TchGroupOutputs::GroupId))
                    .col(integer(TchGroupOutputs::Year))
                    .col(string(TchGroupOutputs::Kind))
                    .col(string(TchGroupOutputs::Title))
                    .col(string(TchGroupOutputs::Evidence))
                    .col(timestamp_with_time_zone(TchGroupOutputs::CreatedAt))
                    .foreign_key(ForeignKey::create().from(TchGroupOutputs::Table, TchGroupOutputs::GroupId).to(TchGroups::Table, TchGroups::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TchReformItems::Table)
                    .col(big_pk_auto(TchReformItems::Id))
                    .col(big_integer(TchReformItems::SchoolOrgId))
                    .col(string(TchReformItems::Kind))
                    .col(string(TchReformItems::Category))
                    .col(string(TchReformItems::Title))
                    .col(string(TchReformItems::Authors))
                    .col(boolean(TchReformItems::Ideological).default(false))
                    .col(string(TchReformItems::Status))
                    .col(integer(TchReformItems::Year))
                    .col(string(TchReformItems::Evidence))
                    .col(timestamp_with_time_zone(TchReformItems::CreatedAt))
                    .col(boolean(TchReformItems::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(TchReformItems::Table, TchReformItems::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TchReformItems::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TchGroupOutputs::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TchGroupMembers::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TchGroups::Table).to_owned()).await?;
        Ok(())
    }
}
