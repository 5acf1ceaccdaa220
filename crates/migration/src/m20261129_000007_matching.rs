//! Profiles, matching, internships and school-level vetting (issue 3):
//! - `student_profiles` gains certificates (JSON list), preferred locations (county or
//!   street codes) and preferred posting types;
//! - `postings.target_school_id`: a posting aimed at one school's own students, which
//!   that school may vet the enterprise for;
//! - `school_enterprise_approvals`: a school's approval of an enterprise for postings
//!   aimed at its students (approved | revoked, one row per pair, audited by the app);
//! - `internship_placements`: 岗位实习 placements a school records and confirms, with the
//!   head counts and pay the 职业学校学生实习管理规定 checks need.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StudentProfiles {
    Table,
    Certificates,
    PreferredLocations,
    PreferredKinds,
}

#[derive(DeriveIden)]
enum Postings {
    Table,
    Id,
    TargetSchoolId,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Students {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SchoolEnterpriseApprovals {
    Table,
    Id,
    SchoolOrgId,
    EnterpriseOrgId,
    Status,
    Note,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum InternshipPlacements {
    Table,
    Id,
    SchoolOrgId,
    StudentId,
    HostOrgId,
    PostingId,
    Kind,
    PositionTitle,
    HostStaff,
    HostInternsOther,
    PositionStaff,
    PositionInternsOther,
    MonthlyPay,
    SamePostWage,
    AgreementSigned,
    AgreementNo,
    StudentGrade,
    StudentCategory,
    PostCategories,
    StartDate,
    EndDate,
    Status,
    Violations,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    ConfirmedBy,
    ConfirmedAt,
    IsDemo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        // JSON list of {name, level, issuer, year}.
        manager
            .alter_table(Table::alter().table(StudentProfiles::Table).add_column(text(StudentProfiles::Certificates).default("[]")).to_owned())
            .await?;
        // Comma-separated 淄博 county (6 digits) or street (9 digits) codes.
        manager
            .alter_table(Table::alter().table(StudentProfiles::Table).add_column(text(StudentProfiles::PreferredLocations).default("")).to_owned())
            .await?;
        // Comma-separated posting kinds (fulltime, internship, apprenticeship, order_class).
        manager
            .alter_table(Table::alter().table(StudentProfiles::Table).add_column(text(StudentProfiles::PreferredKinds).default("")).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Postings::Table).add_column(big_integer_null(Postings::TargetSchoolId)).to_owned())
            .await?;
        manager
            .create_index(Index::create().name("ix_posting_target_school").table(Postings::Table).col(Postings::TargetSchoolId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SchoolEnterpriseApprovals::Table)
                    .col(big_pk_auto(SchoolEnterpriseApprovals::Id))
                    .col(big_integer(SchoolEnterpriseApprovals::SchoolOrgId))
                    .col(big_integer(SchoolEnterpriseApprovals::EnterpriseOrgId))
                    // approved | revoked
                    .col(string(SchoolEnterpriseApprovals::Status))
                    .col(text_null(SchoolEnterpriseApprovals::Note))
                    .col(big_integer_null(SchoolEnterpriseApprovals::DecidedBy))
                    .col(timestamp_with_time_zone(SchoolEnterpriseApprovals::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SchoolEnterpriseApprovals::Table, SchoolEnterpriseApprovals::SchoolOrgId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SchoolEnterpriseApprovals::Table, SchoolEnterpriseApprovals::EnterpriseOrgId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .index(
                        Index::create()
                            .name("ux_school_enterprise")
                            .col(SchoolEnterpriseApprovals::SchoolOrgId)
                            .col(SchoolEnterpriseApprovals::EnterpriseOrgId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InternshipPlacements::Table)
                    .col(big_pk_auto(InternshipPlacements::Id))
                    .col(big_integer(InternshipPlacements::SchoolOrgId))
                    .col(big_integer(InternshipPlacements::StudentId))
                    .col(big_integer(InternshipPlacements::HostOrgId))
                    .col(big_integer_null(InternshipPlacements::PostingId))
                    // post | cognitive
                    .col(string(InternshipPlacements::Kind))
                    .col(string(InternshipPlacements::PositionTitle))
                    .col(integer(InternshipPlacements::HostStaff))
                    // Interns already at the host / in the position, this student excluded.
                    .col(integer(InternshipPlacements::HostInternsOther))
                    .col(integer(InternshipPlacements::PositionStaff))
                    .col(integer(InternshipPlacements::PositionInternsOther))
                    .col(integer_null(InternshipPlacements::MonthlyPay))
                    .col(integer_null(InternshipPlacements::SamePostWage))
                    .col(boolean(InternshipPlacements::AgreementSigned).default(false))
                    .col(string_null(InternshipPlacements::AgreementNo))
                    .col(integer(InternshipPlacements::StudentGrade))
                    .col(string(InternshipPlacements::StudentCategory))
                    // Comma-separated 专业大类 codes the post fits.
                    .col(string(InternshipPlacements::PostCategories))
                    .col(date(InternshipPlacements::StartDate))
                    .col(date_null(InternshipPlacements::EndDate))
                    // recorded | confirmed
                    .col(string(InternshipPlacements::Status))
                    // JSON list of the violations found at the last save or check.
                    .col(text(InternshipPlacements::Violations).default("[]"))
                    .col(big_integer_null(InternshipPlacements::CreatedBy))
                    .col(timestamp_with_time_zone(InternshipPlacements::CreatedAt))
                    .col(timestamp_with_time_zone(InternshipPlacements::UpdatedAt))
                    .col(big_integer_null(InternshipPlacements::ConfirmedBy))
                    .col(timestamp_with_time_zone_null(InternshipPlacements::ConfirmedAt))
                    .col(boolean(InternshipPlacements::IsDemo).default(false))
                    .foreign_key(
                        ForeignKey::create().from(InternshipPlacements::Table, InternshipPlacements::SchoolOrgId).to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create().from(InternshipPlacements::Table, InternshipPlacements::HostOrgId).to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(ForeignKey::create().from(InternshipPlacements::Table, InternshipPlacements::StudentId).to(Students::Table, Students::Id))
                    .foreign_key(ForeignKey::create().from(InternshipPlacements::Table, InternshipPlacements::PostingId).to(Postings::Table, Postings::Id))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_placement_school", InternshipPlacements::SchoolOrgId),
            ("ix_placement_host", InternshipPlacements::HostOrgId),
            ("ix_placement_student", InternshipPlacements::StudentId),
        ] {
            manager.create_index(Index::create().name(name).table(InternshipPlacements::Table).col(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(InternshipPlacements::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(SchoolEnterpriseApprovals::Table).if_exists().to_owned()).await?;
        manager.drop_index(Index::drop().name("ix_posting_target_school").table(Postings::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Postings::Table).drop_column(Postings::TargetSchoolId).to_owned()).await?;
        for c in [StudentProfiles::Certificates, StudentProfiles::PreferredLocations, StudentProfiles::PreferredKinds] {
            manager.alter_table(Table::alter().table(StudentProfiles::Table).drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}
