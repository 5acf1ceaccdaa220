//! Majors of the zone (seed measures 二, 四, 七, 八; issue 10): the district's warnings on
//! its majors ([`warnings`]) and the demand forecast behind its planning ([`forecast`]).

pub mod forecast;
pub mod pathways;
pub mod warnings;

use serde::{Deserialize, Serialize};

/// Where a school's major stands (全国职业院校专业设置管理与公共信息服务平台's values,
/// research-notes A1.1). Stored as `active` / `suspended` / `withdrawn`; the JSON of the
/// command line says `enrolling` for 在招.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum MajorStatus {
    /// 在招
    #[serde(alias = "active")]
    Enrolling,
    /// 停招
    Suspended,
    /// 撤销
    Withdrawn,
}

impl MajorStatus {
    pub const ALL: [MajorStatus; 3] = [MajorStatus::Enrolling, MajorStatus::Suspended, MajorStatus::Withdrawn];
    /// The value in the `school_majors.status` column.
    pub fn key(self) -> &'static str {
        match self {
            MajorStatus::Enrolling => "active",
            MajorStatus::Suspended => "suspended",
            MajorStatus::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" | "enrolling" | "在招" => Some(MajorStatus::Enrolling),
            "suspended" | "停招" => Some(MajorStatus::Suspended),
            "withdrawn" | "撤销" => Some(MajorStatus::Withdrawn),
            _ => None,
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            MajorStatus::Enrolling => "在招",
            MajorStatus::Suspended => "停招",
            MajorStatus::Withdrawn => "撤销",
        }
    }
}
