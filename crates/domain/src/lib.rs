//! Pure rules of zhijiao. Nothing here performs IO or is async; every rule cites its source.

pub mod bases;
pub mod catalog;
pub mod codes;
pub mod cooperation;
pub mod employment;
pub mod enlightenment;
pub mod fairs;
pub mod internship;
pub mod matching;
pub mod majors;
pub mod matching_top;
pub mod policy_parser;
pub mod posting_dedup;
pub mod posting_lint;
pub mod profile;
pub mod school_standards;
pub mod scorecard;
pub mod teachers;
pub mod talent_report;
pub mod training;
pub mod validate;
pub mod fair_offline;
