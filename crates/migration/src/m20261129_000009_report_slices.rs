//! The talent report's demand, skill and application rollups keyed by industry chain and kept
//! as the projections the report reads (issue 4 "Speed").
//!
//! 000008 kept one demand row per period × industry × occupation × major × education ×
//! experience × pay band and derived the chain when a report was built. At province scale
//! (1,000,000 postings) that cube has about one row per posting, so building a report read
//! as many rows as scanning the postings. Every figure of the report needs at most the chain,
//! the occupation and one more dimension at once, so the demand rollup now holds five
//! projections (`slice`: industry, education, experience, pay, major) with the other
//! dimensions blank, and the chain is a key column: editing a chain rebuilds the rollups in
//! the same transaction (`areas::report::save_chain`). The rows are rebuilt from the
//! per-posting facts by the application after this migration (`db::migrate`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReportDemandRollup {
    Table,
    Id,
    Period,
    Slice,
    Chain,
    IndustryCode,
    OccupationCode,
    MajorLevel,
    MajorCode,
    Education,
    Experience,
    PayBand,
    TotalPostings,
    UniquePostings,
    NewPostings,
    Headcount,
}

#[derive(DeriveIden)]
enum ReportSkillRollup {
    Table,
    Id,
    Period,
    Chain,
    OccupationCode,
    Skill,
    Postings,
}

#[derive(DeriveIden)]
enum ReportApplicationRollup {
    Table,
    Id,
    Period,
    Chain,
    Kind,
    OccupationCode,
    PlacesOffered,
    Applicants,
    Admitted,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["report_demand_rollup", "report_skill_rollup", "report_application_rollup"] {
            manager.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        {
            use ReportDemandRollup as D;
            manager
                .create_table(
                    Table::create()
                        .table(D::Table)
                        .col(big_pk_auto(D::Id))
                        .col(string(D::Period))
                        .col(string(D::Slice))
                        .col(string(D::Chain))
                        .col(string(D::IndustryCode))
                        .col(string(D::OccupationCode))
                        .col(string(D::MajorLevel))
                        .col(string(D::MajorCode))
                        .col(string(D::Education))
                        .col(string(D::Experience))
                        .col(string(D::PayBand))
                        .col(big_integer(D::TotalPostings))
                        .col(big_integer(D::UniquePostings))
                        .col(big_integer(D::NewPostings))
                        .col(big_integer(D::Headcount))
                        .index(
                            Index::create()
                                .name("ux_report_demand")
                                .col(D::Period)
                                .col(D::Slice)
                                .col(D::Chain)
                                .col(D::IndustryCode)
                                .col(D::OccupationCode)
                                .col(D::MajorLevel)
                                .col(D::MajorCode)
                                .col(D::Education)
                                .col(D::Experience)
                                .col(D::PayBand)
                                .unique(),
                        )
                        .to_owned(),
                )
                .await?;
        }
        {
            use ReportSkillRollup as S;
            manager
                .create_table(
                    Table::create()
                        .table(S::Table)
                        .col(big_pk_auto(S::Id))
                        .col(string(S::Period))
                        .col(string(S::Chain))
                        .col(string(S::OccupationCode))
                        .col(string(S::Skill))
                        .col(big_integer(S::Postings))
                        .index(Index::create().name("ux_report_skill").col(S::Period).col(S::Chain).col(S::OccupationCode).col(S::Skill).unique())
                        .to_owned(),
                )
                .await?;
        }
        {
            use ReportApplicationRollup as A;
            manager
                .create_table(
                    Table::create()
                        .table(A::Table)
                        .col(big_pk_auto(A::Id))
                        .col(string(A::Period))
                        .col(string(A::Chain))
                        .col(string(A::Kind))
                        .col(string(A::OccupationCode))
                        .col(big_integer(A::PlacesOffered))
                        .col(big_integer(A::Applicants))
                        .col(big_integer(A::Admitted))
                        .index(Index::create().name("ux_report_application").col(A::Period).col(A::Chain).col(A::Kind).col(A::OccupationCode).unique())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // The rollups are derived data: going back means running 000008's down and up.
        Err(DbErr::Migration("m20261129_000009_report_slices cannot be reverted; roll back 000008 instead".into()))
    }
}
