//! 产业人才需求信息报告 (issue 4): the zone's industry chains and the major ↔ occupation
//! crosswalk (both editable by the district, seeded here), the experience band of postings,
//! the rollups the report reads (never raw rows), the per-posting facts the rollups are
//! maintained from, and the report's drafts and published versions.
//!
//! Rollup rows are keyed by a period string — "2026" (year), "2026-Q3" (quarter),
//! "2026-09" (month) — so that a posting live in several months of a quarter counts once
//! in the quarter's row. The chain is not a rollup column: it is derived from the
//! industry code when the report is built, so editing a chain needs no rebuild.

use sea_orm_migration::{prelude::*, schema::*};
use std::collections::BTreeMap;
use zhijiao_domain::catalog::catalogs;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Postings {
    Table,
    Experience,
}

#[derive(DeriveIden)]
enum ReportChains {
    Table,
    Id,
    Name,
    Position,
    IndustryCodes,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReportCrosswalk {
    Table,
    Id,
    Level,
    MajorCode,
    OccupationCodes,
    Edited,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReportPostingFacts {
    Table,
    PostingId,
    DedupKey,
    PublishedOn,
    OpenUntil,
    IsUnique,
    Kind,
    IndustryCode,
    OccupationCode,
    MajorLevel,
    MajorCode,
    Education,
    Experience,
    PayBand,
    Headcount,
    Skills,
}

#[derive(DeriveIden)]
enum ReportDemandRollup {
    Table,
    Id,
    Period,
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
    IndustryCode,
    OccupationCode,
    Skill,
    Postings,
}

#[derive(DeriveIden)]
enum ReportApplicationRollup {
    Table,
    Id,
    Period,
    IndustryCode,
    Kind,
    OccupationCode,
    PlacesOffered,
    Applicants,
    Admitted,
}

#[derive(DeriveIden)]
enum ReportSupplyRollup {
    Table,
    Id,
    Cohort,
    Snapshot,
    MajorLevel,
    MajorCode,
    Graduates,
    Employed,
    FurtherStudy,
    Seeking,
    EmployedLocal,
}

#[derive(DeriveIden)]
enum ReportDrafts {
    Table,
    Id,
    Period,
    Scope,
    InputJson,
    GeneratedAt,
    GeneratedBy,
}

#[derive(DeriveIden)]
enum ReportVersions {
    Table,
    Id,
    Period,
    Scope,
    Version,
    Title,
    InputJson,
    RulesJson,
    PublishedAt,
    PublishedBy,
}

/// The zone's four lead chains (research-notes C2, C4) as GB/T 4754-2017 codes; the
/// longest matching prefix wins, so 358 goes to 医疗器械 while the rest of 35 is 智能制造.
const CHAINS: [(&str, &str); 4] = [
    ("新材料", "265,266,304,307,308,309"),
    ("生物医药与医疗器械", "27,358"),
    ("MEMS/电子信息", "39,65"),
    ("智能制造", "34,35,38,40"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // 经验要求: none | lt1 | 1_3 | 3_5 | ge5; NULL = not stated.
        manager.alter_table(Table::alter().table(Postings::Table).add_column(string_null(Postings::Experience)).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(ReportChains::Table)
                    .col(big_pk_auto(ReportChains::Id))
                    .col(string_uniq(ReportChains::Name))
                    .col(integer(ReportChains::Position))
                    // Comma-separated GB/T 4754 codes of any level.
                    .col(text(ReportChains::IndustryCodes))
                    .col(timestamp_with_time_zone(ReportChains::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportCrosswalk::Table)
                    .col(big_pk_auto(ReportCrosswalk::Id))
                    .col(string(ReportCrosswalk::Level))
                    .col(string(ReportCrosswalk::MajorCode))
                    // Comma-separated 大典 codes of any level.
                    .col(text(ReportCrosswalk::OccupationCodes))
                    // false = as seeded from the catalogue.
                    .col(boolean(ReportCrosswalk::Edited).default(false))
                    .col(timestamp_with_time_zone(ReportCrosswalk::UpdatedAt))
                    .index(Index::create().name("ux_report_crosswalk").col(ReportCrosswalk::Level).col(ReportCrosswalk::MajorCode).unique())
                    .to_owned(),
            )
            .await?;
        {
            use ReportPostingFacts as F;
            manager
                .create_table(
                    Table::create()
                        .table(F::Table)
                        .col(big_integer(F::PostingId).primary_key())
                        .col(string(F::DedupKey))
                        .col(date(F::PublishedOn))
                        .col(date(F::OpenUntil))
                        .col(boolean(F::IsUnique))
                        .col(string(F::Kind))
                        .col(string(F::IndustryCode))
                        .col(string(F::OccupationCode))
                        .col(string(F::MajorLevel))
                        .col(string(F::MajorCode))
                        .col(string(F::Education))
                        .col(string(F::Experience))
                        .col(string(F::PayBand))
                        .col(big_integer(F::Headcount))
                        .col(text(F::Skills))
                        .to_owned(),
                )
                .await?;
            manager
                .create_index(Index::create().name("ix_report_fact_dedup").table(F::Table).col(F::DedupKey).col(F::PublishedOn).to_owned())
                .await?;
        }
        {
            use ReportDemandRollup as D;
            manager
                .create_table(
                    Table::create()
                        .table(D::Table)
                        .col(big_pk_auto(D::Id))
                        .col(string(D::Period))
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
                        .col(string(S::IndustryCode))
                        .col(string(S::OccupationCode))
                        .col(string(S::Skill))
                        .col(big_integer(S::Postings))
                        .index(Index::create().name("ux_report_skill").col(S::Period).col(S::IndustryCode).col(S::OccupationCode).col(S::Skill).unique())
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
                        .col(string(A::IndustryCode))
                        .col(string(A::Kind))
                        .col(string(A::OccupationCode))
                        .col(big_integer(A::PlacesOffered))
                        .col(big_integer(A::Applicants))
                        .col(big_integer(A::Admitted))
                        .index(Index::create().name("ux_report_application").col(A::Period).col(A::IndustryCode).col(A::Kind).col(A::OccupationCode).unique())
                        .to_owned(),
                )
                .await?;
        }
        {
            use ReportSupplyRollup as S;
            manager
                .create_table(
                    Table::create()
                        .table(S::Table)
                        .col(big_pk_auto(S::Id))
                        .col(integer(S::Cohort))
                        .col(string(S::Snapshot))
                        .col(string(S::MajorLevel))
                        .col(string(S::MajorCode))
                        .col(big_integer(S::Graduates))
                        .col(big_integer(S::Employed))
                        .col(big_integer(S::FurtherStudy))
                        .col(big_integer(S::Seeking))
                        .col(big_integer(S::EmployedLocal))
                        .index(Index::create().name("ux_report_supply").col(S::Cohort).col(S::Snapshot).col(S::MajorLevel).col(S::MajorCode).unique())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ReportDrafts::Table)
                    .col(big_pk_auto(ReportDrafts::Id))
                    .col(string(ReportDrafts::Period))
                    // "" = the zone, else a chain's name.
                    .col(string(ReportDrafts::Scope))
                    .col(text(ReportDrafts::InputJson))
                    .col(timestamp_with_time_zone(ReportDrafts::GeneratedAt))
                    .col(big_integer_null(ReportDrafts::GeneratedBy))
                    .index(Index::create().name("ux_report_draft").col(ReportDrafts::Period).col(ReportDrafts::Scope).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportVersions::Table)
                    .col(big_pk_auto(ReportVersions::Id))
                    .col(string(ReportVersions::Period))
                    .col(string(ReportVersions::Scope))
                    .col(integer(ReportVersions::Version))
                    .col(string(ReportVersions::Title))
                    .col(text(ReportVersions::InputJson))
                    .col(text(ReportVersions::RulesJson))
                    .col(timestamp_with_time_zone(ReportVersions::PublishedAt))
                    .col(big_integer_null(ReportVersions::PublishedBy))
                    .index(Index::create().name("ux_report_version").col(ReportVersions::Period).col(ReportVersions::Scope).col(ReportVersions::Version).unique())
                    .to_owned(),
            )
            .await?;

        // Seeds: the chains, and the crosswalk of the catalogue merged per major.
        let now = chrono::Utc::now();
        for (i, (name, codes)) in CHAINS.iter().enumerate() {
            let q = Query::insert()
                .into_table(ReportChains::Table)
                .columns([ReportChains::Name, ReportChains::Position, ReportChains::IndustryCodes, ReportChains::UpdatedAt])
                .values_panic([(*name).into(), (i as i32).into(), (*codes).into(), now.into()])
                .to_owned();
            manager.exec_stmt(q).await?;
        }
        let mut merged: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for e in &catalogs().crosswalk {
            let v = merged.entry((e.level.key().to_string(), e.major_code.clone())).or_default();
            for c in &e.occupation_codes {
                let c = c.trim();
                if !c.is_empty() && !v.iter().any(|x| x == c) {
                    v.push(c.to_string());
                }
            }
        }
        let rows: Vec<_> = merged.into_iter().collect();
        for chunk in rows.chunks(200) {
            let mut q = Query::insert()
                .into_table(ReportCrosswalk::Table)
                .columns([ReportCrosswalk::Level, ReportCrosswalk::MajorCode, ReportCrosswalk::OccupationCodes, ReportCrosswalk::Edited, ReportCrosswalk::UpdatedAt])
                .to_owned();
            for ((level, code), occs) in chunk {
                q.values_panic([level.clone().into(), code.clone().into(), occs.join(",").into(), false.into(), now.into()]);
            }
            manager.exec_stmt(q).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ReportVersions::Table.into_iden(),
            ReportDrafts::Table.into_iden(),
            ReportSupplyRollup::Table.into_iden(),
            ReportApplicationRollup::Table.into_iden(),
            ReportSkillRollup::Table.into_iden(),
            ReportDemandRollup::Table.into_iden(),
            ReportPostingFacts::Table.into_iden(),
            ReportCrosswalk::Table.into_iden(),
            ReportChains::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(Postings::Table).drop_column(Postings::Experience).to_owned()).await
    }
}
