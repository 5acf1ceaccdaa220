//! Employment (issue 3, first part): job postings with their review workflow and
//! equal-treatment findings, wanted majors, applications and the employer pipeline,
//! in-app notifications, and student profiles. Full-text search over postings is the
//! one dialect-specific part: an FTS5 table kept in sync by triggers on SQLite, a GIN
//! index over `to_tsvector('simple', search_text)` on PostgreSQL. `search_text` holds
//! the posting's words segmented by jieba at write time, separated by spaces.

use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Postings {
    Table,
    Id,
    OrgId,
    Kind,
    Title,
    Description,
    OccupationCode,
    OccupationMajor,
    IndustryCode,
    IndustrySection,
    EducationLevel,
    Headcount,
    PayMin,
    PayMax,
    PayBand,
    CountyCode,
    StreetCode,
    Skills,
    StartDate,
    Deadline,
    Status,
    LintFindings,
    LintBlocked,
    OverrideReason,
    ReviewComment,
    DedupKey,
    SearchText,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
    ReviewedBy,
    ReviewedAt,
    PublishedAt,
    ClosedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum PostingMajors {
    Table,
    Id,
    PostingId,
    Level,
    MajorCode,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    PostingId,
    OrgId,
    StudentUserId,
    Status,
    Note,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Text,
    Link,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum StudentProfiles {
    Table,
    UserId,
    OrgId,
    StudentId,
    MajorLevel,
    MajorCode,
    GraduationYear,
    Skills,
    OptInVisible,
    UpdatedAt,
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
enum Students {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Postings::Table)
                    .col(big_pk_auto(Postings::Id))
                    .col(big_integer(Postings::OrgId))
                    // fulltime | internship | apprenticeship | order_class
                    .col(string(Postings::Kind))
                    .col(string(Postings::Title))
                    .col(text(Postings::Description))
                    .col(string_null(Postings::OccupationCode))
                    // First digit of the occupation code (大类), a search facet.
                    .col(string_null(Postings::OccupationMajor))
                    .col(string_null(Postings::IndustryCode))
                    // GB/T 4754 门类 letter, a search facet.
                    .col(string_null(Postings::IndustrySection))
                    .col(string_null(Postings::EducationLevel))
                    .col(integer_null(Postings::Headcount))
                    .col(integer_null(Postings::PayMin))
                    .col(integer_null(Postings::PayMax))
                    .col(string(Postings::PayBand))
                    .col(string_null(Postings::CountyCode))
                    .col(string_null(Postings::StreetCode))
                    .col(text(Postings::Skills))
                    .col(date_null(Postings::StartDate))
                    .col(date_null(Postings::Deadline))
                    // draft | submitted | returned | approved | published | closed
                    .col(string(Postings::Status))
                    .col(json_binary_null(Postings::LintFindings))
                    .col(boolean(Postings::LintBlocked).default(false))
                    .col(text_null(Postings::OverrideReason))
                    .col(text_null(Postings::ReviewComment))
                    .col(string(Postings::DedupKey))
                    .col(text(Postings::SearchText))
                    .col(big_integer_null(Postings::CreatedBy))
                    .col(timestamp_with_time_zone(Postings::CreatedAt))
                    .col(timestamp_with_time_zone(Postings::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Postings::SubmittedAt))
                    .col(big_integer_null(Postings::ReviewedBy))
                    .col(timestamp_with_time_zone_null(Postings::ReviewedAt))
                    .col(timestamp_with_time_zone_null(Postings::PublishedAt))
                    .col(timestamp_with_time_zone_null(Postings::ClosedAt))
                    .col(boolean(Postings::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(Postings::Table, Postings::OrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("ix_posting_status_published", vec![Postings::Status, Postings::PublishedAt]),
            ("ix_posting_org", vec![Postings::OrgId, Postings::Status]),
            ("ix_posting_dedup", vec![Postings::DedupKey]),
        ] {
            let mut idx = Index::create().name(name).table(Postings::Table).to_owned();
            for c in cols {
                idx.col(c);
            }
            manager.create_index(idx).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(PostingMajors::Table)
                    .col(big_pk_auto(PostingMajors::Id))
                    .col(big_integer(PostingMajors::PostingId))
                    .col(string(PostingMajors::Level))
                    .col(string(PostingMajors::MajorCode))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PostingMajors::Table, PostingMajors::PostingId)
                            .to(Postings::Table, Postings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(Index::create().name("ux_posting_major").col(PostingMajors::PostingId).col(PostingMajors::Level).col(PostingMajors::MajorCode).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_posting_major_code").table(PostingMajors::Table).col(PostingMajors::MajorCode).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .col(big_pk_auto(Applications::Id))
                    .col(big_integer(Applications::PostingId))
                    // The enterprise, copied from the posting: HR's lists are scoped by it.
                    .col(big_integer(Applications::OrgId))
                    .col(big_integer(Applications::StudentUserId))
                    // received | interview | offer | hired | rejected | withdrawn
                    .col(string(Applications::Status))
                    .col(text_null(Applications::Note))
                    .col(timestamp_with_time_zone(Applications::CreatedAt))
                    .col(timestamp_with_time_zone(Applications::UpdatedAt))
                    .foreign_key(ForeignKey::create().from(Applications::Table, Applications::PostingId).to(Postings::Table, Postings::Id))
                    .foreign_key(ForeignKey::create().from(Applications::Table, Applications::StudentUserId).to(Users::Table, Users::Id))
                    .index(Index::create().name("ux_application").col(Applications::PostingId).col(Applications::StudentUserId).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_application_org").table(Applications::Table).col(Applications::OrgId).col(Applications::StudentUserId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(big_pk_auto(Notifications::Id))
                    .col(big_integer(Notifications::UserId))
                    .col(text(Notifications::Text))
                    .col(string_null(Notifications::Link))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_notification_user").table(Notifications::Table).col(Notifications::UserId).col(Notifications::ReadAt).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StudentProfiles::Table)
                    .col(big_integer(StudentProfiles::UserId).primary_key())
                    .col(big_integer(StudentProfiles::OrgId))
                    .col(big_integer_null(StudentProfiles::StudentId))
                    .col(string(StudentProfiles::MajorLevel))
                    .col(string(StudentProfiles::MajorCode))
                    .col(integer_null(StudentProfiles::GraduationYear))
                    .col(text(StudentProfiles::Skills))
                    .col(boolean(StudentProfiles::OptInVisible).default(false))
                    .col(timestamp_with_time_zone(StudentProfiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StudentProfiles::Table, StudentProfiles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(ForeignKey::create().from(StudentProfiles::Table, StudentProfiles::OrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(StudentProfiles::Table, StudentProfiles::StudentId).to(Students::Table, Students::Id))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                // External-content FTS5 over postings.search_text; triggers keep it in step
                // inside the writing transaction. unicode61 splits on the spaces jieba put in.
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE postings_fts USING fts5(search_text, content='postings', content_rowid='id', tokenize='unicode61')",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER postings_fts_ai AFTER INSERT ON postings BEGIN \
                     INSERT INTO postings_fts(rowid, search_text) VALUES (new.id, new.search_text); END;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER postings_fts_ad AFTER DELETE ON postings BEGIN \
                     INSERT INTO postings_fts(postings_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER postings_fts_au AFTER UPDATE OF search_text ON postings BEGIN \
                     INSERT INTO postings_fts(postings_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); \
                     INSERT INTO postings_fts(rowid, search_text) VALUES (new.id, new.search_text); END;",
                )
                .await?;
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared("CREATE INDEX ix_posting_fts ON postings USING GIN (to_tsvector('simple', search_text))").await?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            manager.get_connection().execute_unprepared("DROP TABLE IF EXISTS postings_fts").await?;
        }
        for t in ["student_profiles", "notifications", "applications", "posting_majors", "postings"] {
            manager.drop_table(Table::drop().table(Alias::new(t)).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
