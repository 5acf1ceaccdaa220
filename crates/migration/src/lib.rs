//! One migration set for SQLite and PostgreSQL, written with the schema builder only.
//! Dialect-specific statements (triggers) branch on the backend inside the migration.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_foundation;
mod m20261129_000002_policy;
mod m20261129_000003_postings;
mod m20261129_000004_destinations;
mod m20261129_000005_milestones;
mod m20261129_000006_fairs;
mod m20261129_000007_matching;
mod m20261129_000008_talent_report;
mod m20261129_000009_report_slices;
mod m20261204_000010_majors;
mod m20261204_000011_schools;
mod m20261204_000012_cooperation;
mod m20261204_000013_enlightenment_training;
mod m20261204_000014_jobs;
mod m20261204_000015_majors_pathways;
mod m20261204_000016_inhouse_training;
mod m20261204_000017_teaching_reform;
mod m20261204_000019_fair_offline;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_foundation::Migration),
            Box::new(m20261129_000002_policy::Migration),
            Box::new(m20261129_000003_postings::Migration),
            Box::new(m20261129_000004_destinations::Migration),
            Box::new(m20261129_000005_milestones::Migration),
            Box::new(m20261129_000006_fairs::Migration),
            Box::new(m20261129_000007_matching::Migration),
            Box::new(m20261129_000008_talent_report::Migration),
            Box::new(m20261129_000009_report_slices::Migration),
            Box::new(m20261204_000010_majors::Migration),
            Box::new(m20261204_000011_schools::Migration),
            Box::new(m20261204_000012_cooperation::Migration),
            Box::new(m20261204_000013_enlightenment_training::Migration),
            Box::new(m20261204_000014_jobs::Migration),
            Box::new(m20261204_000015_majors_pathways::Migration),
            Box::new(m20261204_000016_inhouse_training::Migration),
            Box::new(m20261204_000017_teaching_reform::Migration),
            Box::new(m20261204_000019_fair_offline::Migration),
        ]
    }
}
