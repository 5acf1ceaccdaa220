//! Majors (issue 10, seed measures 二, 四, 七, 八):
//! - `school_majors` gains the length of schooling and its specialty group (status now
//!   holds active | suspended | withdrawn = 在招 / 停招 / 撤销);
//! - `major_year_figures`: per school, major and year the new students, students on roll
//!   and graduates;
//! - `specialty_groups`: a school's 专业群 (core major, mapped to an industry chain);
//! - `major_batches`, `major_filings`, `major_filing_files`: the yearly 专业调整申报备案
//!   batch, a school's filings with the 第九条 checklist and their attachments.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SchoolMajors {
    Table,
    LengthYears,
    GroupId,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MajorYearFigures {
    Table,
    Id,
    OrgId,
    Level,
    MajorCode,
    Year,
    Enrolment,
    OnRoll,
    Graduates,
}

#[derive(DeriveIden)]
enum SpecialtyGroups {
    Table,
    Id,
    OrgId,
    Name,
    Level,
    CoreMajorCode,
    Chain,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MajorBatches {
    Table,
    Id,
    Year,
    Title,
    Status,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MajorFilings {
    Table,
    Id,
    BatchId,
    OrgId,
    Kind,
    Level,
    MajorCode,
    MajorName,
    NewMajorName,
    LengthYears,
    Reason,
    TeachingPlan,
    Teachers,
    Facilities,
    Partners,
    Status,
    ReviewComment,
    RecordNo,
    RecordDate,
    SubmittedBy,
    ReviewedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MajorFilingFiles {
    Table,
    Id,
    FilingId,
    Item,
    FileName,
    StoredPath,
    SizeBytes,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        manager
            .alter_table(Table::alter().table(SchoolMajors::Table).add_column(integer(SchoolMajors::LengthYears).default(3)).to_owned())
            .await?;
        manager.alter_table(Table::alter().table(SchoolMajors::Table).add_column(big_integer_null(SchoolMajors::GroupId)).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(MajorYearFigures::Table)
                    .col(big_pk_auto(MajorYearFigures::Id))
                    .col(big_integer(MajorYearFigures::OrgId))
                    .col(string(MajorYearFigures::Level))
                    .col(string(MajorYearFigures::MajorCode))
                    .col(integer(MajorYearFigures::Year))
                    .col(integer(MajorYearFigures::Enrolment))
                    .col(integer(MajorYearFigures::OnRoll))
                    .col(integer(MajorYearFigures::Graduates))
                    .foreign_key(ForeignKey::create().from(MajorYearFigures::Table, MajorYearFigures::OrgId).to(Organizations::Table, Organizations::Id))
                    .index(
                        Index::create()
                            .name("ux_major_year_figure")
                            .col(MajorYearFigures::OrgId)
                            .col(MajorYearFigures::Level)
                            .col(MajorYearFigures::MajorCode)
                            .col(MajorYearFigures::Year)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SpecialtyGroups::Table)
                    .col(big_pk_auto(SpecialtyGroups::Id))
                    .col(big_integer(SpecialtyGroups::OrgId))
                    .col(string(SpecialtyGroups::Name))
                    .col(string(SpecialtyGroups::Level))
                    .col(string(SpecialtyGroups::CoreMajorCode))
                    // The industry chain's name (report_chains.name).
                    .col(string(SpecialtyGroups::Chain))
                    .col(timestamp_with_time_zone(SpecialtyGroups::CreatedAt))
                    .foreign_key(ForeignKey::create().from(SpecialtyGroups::Table, SpecialtyGroups::OrgId).to(Organizations::Table, Organizations::Id))
                    .index(Index::create().name("ux_specialty_group").col(SpecialtyGroups::OrgId).col(SpecialtyGroups::Name).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MajorBatches::Table)
                    .col(big_pk_auto(MajorBatches::Id))
                    .col(integer(MajorBatches::Year))
                    .col(string(MajorBatches::Title))
                    // open | closed
                    .col(string(MajorBatches::Status))
                    .col(big_integer_null(MajorBatches::CreatedBy))
                    .col(timestamp_with_time_zone(MajorBatches::CreatedAt))
                    .index(Index::create().name("ux_major_batch_year").col(MajorBatches::Year).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MajorFilings::Table)
                    .col(big_pk_auto(MajorFilings::Id))
                    .col(big_integer(MajorFilings::BatchId))
                    .col(big_integer(MajorFilings::OrgId))
                    // new | adjust | rename | suspend | withdraw
                    .col(string(MajorFilings::Kind))
                    .col(string(MajorFilings::Level))
                    .col(string(MajorFilings::MajorCode))
                    .col(string(MajorFilings::MajorName))
                    .col(string_null(MajorFilings::NewMajorName))
                    .col(integer(MajorFilings::LengthYears))
                    .col(text(MajorFilings::Reason))
                    // 中等职业学校专业设置管理办法 第九条: the four conditions.
                    .col(text(MajorFilings::TeachingPlan))
                    .col(text(MajorFilings::Teachers))
                    .col(text(MajorFilings::Facilities))
                    .col(text(MajorFilings::Partners))
                    // submitted | returned | approved
                    .col(string(MajorFilings::Status))
                    .col(text_null(MajorFilings::ReviewComment))
                    .col(string_null(MajorFilings::RecordNo))
                    .col(date_null(MajorFilings::RecordDate))
                    .col(big_integer_null(MajorFilings::SubmittedBy))
                    .col(big_integer_null(MajorFilings::ReviewedBy))
                    .col(timestamp_with_time_zone(MajorFilings::CreatedAt))
                    .col(timestamp_with_time_zone(MajorFilings::UpdatedAt))
                    .foreign_key(ForeignKey::create().from(MajorFilings::Table, MajorFilings::OrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(MajorFilings::Table, MajorFilings::BatchId).to(MajorBatches::Table, MajorBatches::Id))
                    .index(Index::create().name("ux_major_filing_record_no").col(MajorFilings::RecordNo).unique())
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("ix_major_filing_org").table(MajorFilings::Table).col(MajorFilings::OrgId).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(MajorFilingFiles::Table)
                    .col(big_pk_auto(MajorFilingFiles::Id))
                    .col(big_integer(MajorFilingFiles::FilingId))
                    // plan | teachers | facilities | partners
                    .col(string(MajorFilingFiles::Item))
                    .col(string(MajorFilingFiles::FileName))
                    .col(string(MajorFilingFiles::StoredPath))
                    .col(big_integer(MajorFilingFiles::SizeBytes))
                    .col(timestamp_with_time_zone(MajorFilingFiles::CreatedAt))
                    .foreign_key(ForeignKey::create().from(MajorFilingFiles::Table, MajorFilingFiles::FilingId).to(MajorFilings::Table, MajorFilings::Id))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["major_filing_files", "major_filings", "major_batches", "specialty_groups", "major_year_figures"] {
            manager.drop_table(Table::drop().table(Alias::new(t)).if_exists().to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(SchoolMajors::Table).drop_column(SchoolMajors::GroupId).to_owned()).await?;
        manager.alter_table(Table::alter().table(SchoolMajors::Table).drop_column(SchoolMajors::LengthYears).to_owned()).await?;
        Ok(())
    }
}
