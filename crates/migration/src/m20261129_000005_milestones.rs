//! Milestones of policy tasks (督查督办): intermediate dates a department commits to
//! before the task's deadline.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tasks {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Milestones {
    Table,
    Id,
    TaskId,
    Title,
    DueOn,
    DoneOn,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Milestones::Table)
                    .col(big_pk_auto(Milestones::Id))
                    .col(big_integer(Milestones::TaskId))
                    .col(string(Milestones::Title))
                    .col(date(Milestones::DueOn))
                    .col(date_null(Milestones::DoneOn))
                    .col(big_integer_null(Milestones::CreatedBy))
                    .col(timestamp_with_time_zone(Milestones::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Milestones::Table, Milestones::TaskId)
                            .to(Tasks::Table, Tasks::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_milestone_task").table(Milestones::Table).col(Milestones::TaskId).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Milestones::Table).if_exists().to_owned()).await
    }
}
