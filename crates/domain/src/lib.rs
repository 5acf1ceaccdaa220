//! Pure rules of zhijiao. Nothing here performs IO or is async.
pub mod posting_lint;
