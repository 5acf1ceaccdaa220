//! SeaORM entities: the database rows. They stay inside services; pages and JSON get
//! view structs, so a new column never leaks by accident.

pub mod api_token;
pub mod audit_log;
pub mod graduate_destination;
pub mod import;
pub mod org_alias;
pub mod organization;
pub mod school_major;
pub mod session;
pub mod student;
pub mod user;
pub mod user_role;
