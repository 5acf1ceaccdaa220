//! SeaORM entities: the database rows. They stay inside services; pages and JSON get
//! view structs, so a new column never leaks by accident.

pub mod api_token;
pub mod application;
pub mod audit_log;
pub mod graduate_destination;
pub mod import;
pub mod kpi_binding;
pub mod measure_unit;
pub mod milestone;
pub mod notification;
pub mod org_alias;
pub mod organization;
pub mod policy;
pub mod policy_measure;
pub mod posting;
pub mod posting_major;
pub mod progress_report;
pub mod report_chain;
pub mod report_crosswalk;
pub mod report_draft;
pub mod report_posting_fact;
pub mod report_version;
pub mod school_major;
pub mod session;
pub mod student;
pub mod student_profile;
pub mod task;
pub mod user;
pub mod user_role;
