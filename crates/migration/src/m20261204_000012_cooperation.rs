//! 校企合作 registry, 产教融合型企业 tracking and public training bases (issue 12):
//! - `coop_agreements`: one agreement between a school and an enterprise (optionally an
//!   association), drafted by either side and counted once both confirmed;
//! - `coop_evidence`: files proving an agreement's outputs (stored under data_dir);
//! - `coop_fusion`: an enterprise's 产教融合型企业 path (培育库 → 申报 → 认定 → 撤销) and its
//!   declared gate facts;
//! - `base_resources`: rooms, workstations and equipment of a training base (or a school's
//!   lab offered for sharing), with an hourly fee;
//! - `base_bookings`: bookings of a resource, approved by its owner, billed by the fee.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Postings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CoopAgreements {
    Table,
    Id,
    Kind,
    Title,
    SchoolOrgId,
    EnterpriseOrgId,
    AssociationOrgId,
    MajorCodes,
    PostingId,
    StartDate,
    EndDate,
    Students,
    Teachers,
    GraduatesHired,
    ApprenticesCertified,
    Projects,
    Patents,
    RevenueWan,
    EquipmentWan,
    Status,
    DraftedBy,
    SchoolConfirmedAt,
    EnterpriseConfirmedAt,
    RenewedFrom,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    IsDemo,
}

#[derive(DeriveIden)]
enum CoopEvidence {
    Table,
    Id,
    AgreementId,
    FileName,
    StoredName,
    Size,
    UploadedBy,
    UploadedAt,
}

#[derive(DeriveIden)]
enum CoopFusion {
    Table,
    Id,
    OrgId,
    Stage,
    Province,
    Facts,
    AppliedAt,
    CertifiedAt,
    RevokedOn,
    RevokeReason,
    LastReportYear,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BaseResources {
    Table,
    Id,
    OwnerOrgId,
    Kind,
    Name,
    Capacity,
    HourlyFee,
    Description,
    Shared,
    LockSeq,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BaseBookings {
    Table,
    Id,
    ResourceId,
    BookerOrgId,
    StartsAt,
    EndsAt,
    Purpose,
    People,
    Status,
    FeeYuan,
    PaidAt,
    CreatedBy,
    CreatedAt,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum CoopNeeds {
    Table,
    Id,
    OrgId,
    List,
    Title,
    Detail,
    Status,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CoopOffers {
    Table,
    Id,
    NeedId,
    OrgId,
    Kind,
    Detail,
    Status,
    Outcome,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CoopAgreements::Table)
                    .col(big_pk_auto(CoopAgreements::Id))
                    // zhijiao_domain::cooperation::AgreementKind keys
                    .col(string(CoopAgreements::Kind))
                    .col(string(CoopAgreements::Title))
                    .col(big_integer(CoopAgreements::SchoolOrgId))
                    .col(big_integer(CoopAgreements::EnterpriseOrgId))
                    .col(big_integer_null(CoopAgreements::AssociationOrgId))
                    // Comma-separated secondary-level major codes.
                    .col(string(CoopAgreements::MajorCodes).default(""))
                    .col(big_integer_null(CoopAgreements::PostingId))
                    .col(date(CoopAgreements::StartDate))
                    .col(date_null(CoopAgreements::EndDate))
                    .col(integer(CoopAgreements::Students).default(0))
                    .col(integer(CoopAgreements::Teachers).default(0))
                    .col(integer(CoopAgreements::GraduatesHired).default(0))
                    .col(integer(CoopAgreements::ApprenticesCertified).default(0))
                    .col(integer(CoopAgreements::Projects).default(0))
                    .col(integer(CoopAgreements::Patents).default(0))
                    .col(integer(CoopAgreements::RevenueWan).default(0))
                    .col(integer(CoopAgreements::EquipmentWan).default(0))
                    // draft | confirmed | ended
                    .col(string(CoopAgreements::Status))
                    // school | enterprise: the side that drafted it
                    .col(string(CoopAgreements::DraftedBy))
                    .col(timestamp_with_time_zone_null(CoopAgreements::SchoolConfirmedAt))
                    .col(timestamp_with_time_zone_null(CoopAgreements::EnterpriseConfirmedAt))
                    .col(big_integer_null(CoopAgreements::RenewedFrom))
                    .col(big_integer_null(CoopAgreements::CreatedBy))
                    .col(timestamp_with_time_zone(CoopAgreements::CreatedAt))
                    .col(timestamp_with_time_zone(CoopAgreements::UpdatedAt))
                    .col(boolean(CoopAgreements::IsDemo).default(false))
                    .foreign_key(ForeignKey::create().from(CoopAgreements::Table, CoopAgreements::SchoolOrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(CoopAgreements::Table, CoopAgreements::EnterpriseOrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(CoopAgreements::Table, CoopAgreements::AssociationOrgId).to(Organizations::Table, Organizations::Id))
                    .foreign_key(ForeignKey::create().from(CoopAgreements::Table, CoopAgreements::PostingId).to(Postings::Table, Postings::Id))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [("ix_coop_school", CoopAgreements::SchoolOrgId), ("ix_coop_enterprise", CoopAgreements::EnterpriseOrgId)] {
            manager.create_index(Index::create().name(name).table(CoopAgreements::Table).col(col).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(CoopEvidence::Table)
                    .col(big_pk_auto(CoopEvidence::Id))
                    .col(big_integer(CoopEvidence::AgreementId))
                    .col(string(CoopEvidence::FileName))
                    .col(string(CoopEvidence::StoredName))
                    .col(big_integer(CoopEvidence::Size))
                    .col(big_integer_null(CoopEvidence::UploadedBy))
                    .col(timestamp_with_time_zone(CoopEvidence::UploadedAt))
                    .foreign_key(ForeignKey::create().from(CoopEvidence::Table, CoopEvidence::AgreementId).to(CoopAgreements::Table, CoopAgreements::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CoopFusion::Table)
                    .col(big_pk_auto(CoopFusion::Id))
                    .col(big_integer(CoopFusion::OrgId).unique_key())
                    // reserve | applied | certified | revoked
                    .col(string(CoopFusion::Stage))
                    .col(string(CoopFusion::Province))
                    // JSON of the declared gate facts (EnterpriseFacts' gate fields).
                    .col(text(CoopFusion::Facts).default("{}"))
                    .col(timestamp_with_time_zone_null(CoopFusion::AppliedAt))
                    .col(timestamp_with_time_zone_null(CoopFusion::CertifiedAt))
                    .col(date_null(CoopFusion::RevokedOn))
                    .col(string_null(CoopFusion::RevokeReason))
                    .col(integer_null(CoopFusion::LastReportYear))
                    .col(timestamp_with_time_zone(CoopFusion::UpdatedAt))
                    .foreign_key(ForeignKey::create().from(CoopFusion::Table, CoopFusion::OrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BaseResources::Table)
                    .col(big_pk_auto(BaseResources::Id))
                    .col(big_integer(BaseResources::OwnerOrgId))
                    // room | workstation | equipment
                    .col(string(BaseResources::Kind))
                    .col(string(BaseResources::Name))
                    .col(integer(BaseResources::Capacity).default(0))
                    .col(integer(BaseResources::HourlyFee).default(0))
                    .col(string(BaseResources::Description).default(""))
                    .col(boolean(BaseResources::Shared).default(true))
                    // Bumped by every booking write: the row lock that serialises bookings of
                    // one resource on PostgreSQL (and takes SQLite's write lock first).
                    .col(big_integer(BaseResources::LockSeq).default(0))
                    .col(timestamp_with_time_zone(BaseResources::CreatedAt))
                    .foreign_key(ForeignKey::create().from(BaseResources::Table, BaseResources::OwnerOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BaseBookings::Table)
                    .col(big_pk_auto(BaseBookings::Id))
                    .col(big_integer(BaseBookings::ResourceId))
                    .col(big_integer(BaseBookings::BookerOrgId))
                    .col(timestamp(BaseBookings::StartsAt))
                    .col(timestamp(BaseBookings::EndsAt))
                    .col(string(BaseBookings::Purpose))
                    .col(integer(BaseBookings::People).default(0))
                    // pending | approved | refused | cancelled
                    .col(string(BaseBookings::Status))
                    .col(big_integer(BaseBookings::FeeYuan).default(0))
                    .col(timestamp_with_time_zone_null(BaseBookings::PaidAt))
                    .col(big_integer_null(BaseBookings::CreatedBy))
                    .col(timestamp_with_time_zone(BaseBookings::CreatedAt))
                    .col(big_integer_null(BaseBookings::DecidedBy))
                    .col(timestamp_with_time_zone_null(BaseBookings::DecidedAt))
                    .foreign_key(ForeignKey::create().from(BaseBookings::Table, BaseBookings::ResourceId).to(BaseResources::Table, BaseResources::Id))
                    .foreign_key(ForeignKey::create().from(BaseBookings::Table, BaseBookings::BookerOrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CoopNeeds::Table)
                    .col(big_pk_auto(CoopNeeds::Id))
                    .col(big_integer(CoopNeeds::OrgId))
                    // product | tech | talent (核心产品、技术需求、人才需求清单)
                    .col(string(CoopNeeds::List))
                    .col(string(CoopNeeds::Title))
                    .col(text(CoopNeeds::Detail).default(""))
                    // open | matched | closed
                    .col(string(CoopNeeds::Status))
                    .col(big_integer_null(CoopNeeds::CreatedBy))
                    .col(timestamp_with_time_zone(CoopNeeds::CreatedAt))
                    .foreign_key(ForeignKey::create().from(CoopNeeds::Table, CoopNeeds::OrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CoopOffers::Table)
                    .col(big_pk_auto(CoopOffers::Id))
                    .col(big_integer(CoopOffers::NeedId))
                    .col(big_integer(CoopOffers::OrgId))
                    // tech_service | training | order_class
                    .col(string(CoopOffers::Kind))
                    .col(text(CoopOffers::Detail))
                    // offered | accepted | declined | done
                    .col(string(CoopOffers::Status))
                    .col(string_null(CoopOffers::Outcome))
                    .col(big_integer_null(CoopOffers::CreatedBy))
                    .col(timestamp_with_time_zone(CoopOffers::CreatedAt))
                    .foreign_key(ForeignKey::create().from(CoopOffers::Table, CoopOffers::NeedId).to(CoopNeeds::Table, CoopNeeds::Id))
                    .foreign_key(ForeignKey::create().from(CoopOffers::Table, CoopOffers::OrgId).to(Organizations::Table, Organizations::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_booking_resource_time").table(BaseBookings::Table).col(BaseBookings::ResourceId).col(BaseBookings::StartsAt).to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CoopOffers::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(CoopNeeds::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(BaseBookings::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(BaseResources::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(CoopFusion::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(CoopEvidence::Table).if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table(CoopAgreements::Table).if_exists().to_owned()).await?;
        Ok(())
    }
}
