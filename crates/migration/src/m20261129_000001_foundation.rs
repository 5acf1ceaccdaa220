//! The foundation: organisations and their aliases, users and roles, sessions, the
//! append-only audit log, majors offered by schools, and the student register.

use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
    Kind,
    Name,
    ShortName,
    CreditCode,
    IndustryCode,
    CountyCode,
    StreetCode,
    SchoolType,
    Address,
    ContactName,
    ContactPhone,
    Status,
    IsDemo,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OrgAliases {
    Table,
    Id,
    OrgId,
    Alias,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    DisplayName,
    PasswordHash,
    OrgId,
    Locale,
    Phone,
    IsActive,
    FailedLogins,
    LockedUntil,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    UserId,
    Role,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CsrfToken,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    UserId,
    Username,
    OrgId,
    Action,
    Entity,
    EntityId,
    Summary,
    Before,
    After,
    RequestId,
}

#[derive(DeriveIden)]
enum SchoolMajors {
    Table,
    Id,
    OrgId,
    Level,
    MajorCode,
    MajorName,
    StartYear,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Students {
    Table,
    Id,
    OrgId,
    StudentNo,
    Name,
    GenderCode,
    IdType,
    IdNumber,
    BirthDate,
    EthnicityCode,
    PoliticalCode,
    MajorLevel,
    MajorCode,
    ClassName,
    EnrollmentYm,
    StudyYears,
    Phone,
    Status,
    GraduationYear,
    IsDemo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Imports {
    Table,
    Id,
    Register,
    OrgId,
    UserId,
    Filename,
    Status,
    ProcessedRows,
    WrittenRows,
    ErrorCount,
    Errors,
    ErrorFile,
    CreatedAt,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organizations::Table)
                    .col(big_pk_auto(Organizations::Id))
                    .col(string(Organizations::Kind))
                    .col(string_uniq(Organizations::Name))
                    .col(string_null(Organizations::ShortName))
                    .col(string_null(Organizations::CreditCode).unique_key())
                    .col(string_null(Organizations::IndustryCode))
                    .col(string_null(Organizations::CountyCode))
                    .col(string_null(Organizations::StreetCode))
                    .col(string_null(Organizations::SchoolType))
                    .col(string_null(Organizations::Address))
                    .col(string_null(Organizations::ContactName))
                    .col(string_null(Organizations::ContactPhone))
                    .col(string(Organizations::Status))
                    .col(boolean(Organizations::IsDemo).default(false))
                    .col(timestamp_with_time_zone(Organizations::CreatedAt))
                    .col(timestamp_with_time_zone(Organizations::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_org_kind").table(Organizations::Table).col(Organizations::Kind).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrgAliases::Table)
                    .col(big_pk_auto(OrgAliases::Id))
                    .col(big_integer(OrgAliases::OrgId))
                    .col(string_uniq(OrgAliases::Alias))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrgAliases::Table, OrgAliases::OrgId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(string_uniq(Users::Username))
                    .col(string(Users::DisplayName))
                    .col(string(Users::PasswordHash))
                    .col(big_integer(Users::OrgId))
                    .col(string(Users::Locale))
                    .col(string_null(Users::Phone))
                    .col(boolean(Users::IsActive).default(true))
                    .col(integer(Users::FailedLogins).default(0))
                    .col(timestamp_with_time_zone_null(Users::LockedUntil))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .foreign_key(ForeignKey::create().from(Users::Table, Users::OrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UserRoles::Table)
                    .col(big_integer(UserRoles::UserId))
                    .col(string(UserRoles::Role))
                    .primary_key(Index::create().col(UserRoles::UserId).col(UserRoles::Role))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserRoles::Table, UserRoles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    // The SHA-256 of the cookie token: a leaked table does not hand out sessions.
                    .col(string(Sessions::Id).primary_key())
                    .col(big_integer(Sessions::UserId))
                    .col(string(Sessions::CsrfToken))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(big_pk_auto(ApiTokens::Id))
                    .col(big_integer(ApiTokens::UserId))
                    .col(string(ApiTokens::Name))
                    .col(string_uniq(ApiTokens::TokenHash))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiTokens::Table, ApiTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(big_integer_null(AuditLog::UserId))
                    .col(string_null(AuditLog::Username))
                    .col(big_integer_null(AuditLog::OrgId))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::Entity))
                    .col(string_null(AuditLog::EntityId))
                    .col(text(AuditLog::Summary))
                    .col(json_binary_null(AuditLog::Before))
                    .col(json_binary_null(AuditLog::After))
                    .col(string_null(AuditLog::RequestId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_audit_entity").table(AuditLog::Table).col(AuditLog::Entity).col(AuditLog::EntityId).to_owned())
            .await?;
        // Nobody edits history, not even a DBA's slip: the database refuses UPDATE and DELETE.
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                let db = manager.get_connection();
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
                )
                .await?;
            }
            DatabaseBackend::Postgres => {
                let db = manager.get_connection();
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS \
                     $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();",
                )
                .await?;
            }
            _ => {}
        }
        manager
            .create_table(
                Table::create()
                    .table(SchoolMajors::Table)
                    .col(big_pk_auto(SchoolMajors::Id))
                    .col(big_integer(SchoolMajors::OrgId))
                    .col(string(SchoolMajors::Level))
                    .col(string(SchoolMajors::MajorCode))
                    .col(string(SchoolMajors::MajorName))
                    .col(integer_null(SchoolMajors::StartYear))
                    .col(string(SchoolMajors::Status))
                    .col(timestamp_with_time_zone(SchoolMajors::CreatedAt))
                    .foreign_key(ForeignKey::create().from(SchoolMajors::Table, SchoolMajors::OrgId).to(Organizations::Table, Organizations::Id))
                    .index(Index::create().name("ux_school_major").col(SchoolMajors::OrgId).col(SchoolMajors::Level).col(SchoolMajors::MajorCode).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Students::Table)
                    .col(big_pk_auto(Students::Id))
                    .col(big_integer(Students::OrgId))
                    .col(string(Students::StudentNo))
                    .col(string(Students::Name))
                    .col(string(Students::GenderCode))
                    .col(string(Students::IdType))
                    .col(string(Students::IdNumber))
                    .col(date_null(Students::BirthDate))
                    .col(string_null(Students::EthnicityCode))
                    .col(string_null(Students::PoliticalCode))
                    .col(string(Students::MajorLevel))
                    .col(string(Students::MajorCode))
                    .col(string_null(Students::ClassName))
                    .col(string_null(Students::EnrollmentYm))
                    .col(string_null(Students::StudyYears))
                    .col(string_null(Students::Phone))
                    .col(string(Students::Status))
                    .col(integer_null(Students::GraduationYear))
                    .col(boolean(Students::IsDemo).default(false))
                    .col(timestamp_with_time_zone(Students::CreatedAt))
                    .foreign_key(ForeignKey::create().from(Students::Table, Students::OrgId).to(Organizations::Table, Organizations::Id))
                    .index(Index::create().name("ux_student_id_number").col(Students::OrgId).col(Students::IdNumber).unique())
                    .index(Index::create().name("ux_student_no").col(Students::OrgId).col(Students::StudentNo).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_student_major").table(Students::Table).col(Students::MajorCode).to_owned())
            .await?;
        // Excel imports run in the background; the page polls this row for progress.
        manager
            .create_table(
                Table::create()
                    .table(Imports::Table)
                    .col(big_pk_auto(Imports::Id))
                    .col(string(Imports::Register))
                    .col(big_integer_null(Imports::OrgId))
                    .col(big_integer_null(Imports::UserId))
                    .col(string(Imports::Filename))
                    .col(string(Imports::Status))
                    .col(big_integer(Imports::ProcessedRows).default(0))
                    .col(big_integer(Imports::WrittenRows).default(0))
                    .col(big_integer(Imports::ErrorCount).default(0))
                    .col(json_binary_null(Imports::Errors))
                    .col(string_null(Imports::ErrorFile))
                    .col(timestamp_with_time_zone(Imports::CreatedAt))
                    .col(timestamp_with_time_zone_null(Imports::FinishedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["imports", "students", "school_majors", "audit_log", "api_tokens", "sessions", "user_roles", "users", "org_aliases", "organizations"] {
            manager.drop_table(Table::drop().table(Alias::new(t)).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
