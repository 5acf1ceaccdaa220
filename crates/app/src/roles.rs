//! Roles and what each may do. The table lives in code so that it is reviewed with the
//! code and tested as a plain unit (stack research §2.4); row scoping by organisation
//! is applied by the services on top of these permissions.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 区教体中心管理员: the district's education centre, runs the platform.
    DistrictAdmin,
    /// 部门联络员: a responsible department's liaison (人社中心, 工信商务局, 发改局 …).
    DeptLiaison,
    /// 学校管理员
    SchoolAdmin,
    /// 教师
    Teacher,
    /// 企业HR
    EnterpriseHr,
    /// 学生/求职者
    Student,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::DistrictAdmin, Role::DeptLiaison, Role::SchoolAdmin, Role::Teacher, Role::EnterpriseHr, Role::Student];

    pub fn key(self) -> &'static str {
        match self {
            Role::DistrictAdmin => "district_admin",
            Role::DeptLiaison => "dept_liaison",
            Role::SchoolAdmin => "school_admin",
            Role::Teacher => "teacher",
            Role::EnterpriseHr => "enterprise_hr",
            Role::Student => "student",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == s)
    }
    /// The i18n key of the role's name.
    pub fn label_key(self) -> String {
        format!("role.{}", self.key())
    }
}

/// Things a user may be allowed to do. Whether a row is in reach is the service's
/// second question (own organisation or all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// See every organisation's non-public data (district-wide oversight).
    OrgReadAll,
    /// Create, edit, approve and suspend organisations.
    OrgManage,
    /// Edit one's own organisation's profile.
    OrgEditOwn,
    /// Read the student register of one's own school.
    StudentReadOwn,
    /// Read the student register of every school (personal data masked).
    StudentReadAll,
    /// Write or import students of one's own school.
    StudentWriteOwn,
    /// Browse the audit log.
    AuditRead,
    /// Add users and reset passwords.
    UserManage,
    /// Import, correct and accept policies; bind KPIs (督查督办).
    PolicyManage,
    /// See the policy dashboard and one's own department's tasks, report progress.
    PolicyTrack,
    /// Write, submit and close one's own enterprise's job postings; run its pipeline.
    PostingWriteOwn,
    /// Review (approve, return, override the equal-treatment check) submitted postings.
    PostingReview,
    /// See every posting in any state and the district's posting statistics.
    PostingReadAll,
    /// Apply to postings (students and job seekers).
    Apply,
    /// Run supply-demand meetings (供需见面会): create them, approve booths, check people in
    /// at the door, read every enterprise's and school's figures. The district and its
    /// departments (人社中心 holds job fairs).
    FairManage,
    /// Organise visits of one's own school's students and teachers to enterprises.
    VisitOrganise,
    /// Keep the industry chains and the major ↔ occupation crosswalk, regenerate and
    /// publish the talent-demand report (the district only).
    ReportManage,
    /// Enter one's own school's yearly data, self-assessment, activities and competition
    /// registrations (school administrators).
    SchoolReport,
    /// Review schools' scorecards and activities, define the assessment method, run
    /// competitions (the district only).
    SchoolReview,
}

pub fn role_has(role: Role, p: Permission) -> bool {
    use Permission::*;
    use Role::*;
    match role {
        DistrictAdmin => true,
        DeptLiaison => matches!(p, OrgReadAll | StudentReadAll | PolicyTrack | PostingReadAll | FairManage),
        SchoolAdmin => matches!(p, OrgEditOwn | StudentReadOwn | StudentWriteOwn | VisitOrganise | SchoolReport),
        Teacher => matches!(p, StudentReadOwn | VisitOrganise),
        EnterpriseHr => matches!(p, OrgEditOwn | PostingWriteOwn),
        Student => matches!(p, Apply),
    }
}

/// Organisation kinds. A user's organisation decides which rows are "own".
pub const ORG_KINDS: [&str; 10] = [
    "district_center",
    "department",
    "vocational_school",
    "high_school",
    "primary_middle_school",
    "enterprise",
    "industry_association",
    "training_institution",
    "training_base_operator",
    "public",
];

pub fn is_school_kind(kind: &str) -> bool {
    matches!(kind, "vocational_school" | "high_school" | "primary_middle_school")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_table() {
        use Permission::*;
        let rows: &[(Role, Permission, bool)] = &[
            (Role::DistrictAdmin, AuditRead, true),
            (Role::DeptLiaison, AuditRead, false),
            (Role::DeptLiaison, OrgReadAll, true),
            (Role::DeptLiaison, OrgManage, false),
            (Role::SchoolAdmin, StudentWriteOwn, true),
            (Role::SchoolAdmin, StudentReadAll, false),
            (Role::Teacher, StudentReadOwn, true),
            (Role::Teacher, StudentWriteOwn, false),
            (Role::EnterpriseHr, StudentReadOwn, false),
            (Role::EnterpriseHr, OrgEditOwn, true),
            (Role::Student, OrgEditOwn, false),
            (Role::Student, StudentReadOwn, false),
            (Role::DistrictAdmin, PolicyManage, true),
            (Role::DistrictAdmin, PolicyTrack, true),
            (Role::DeptLiaison, PolicyTrack, true),
            (Role::DeptLiaison, PolicyManage, false),
            (Role::SchoolAdmin, PolicyTrack, false),
            (Role::Teacher, PolicyTrack, false),
            (Role::EnterpriseHr, PolicyTrack, false),
            (Role::Student, PolicyTrack, false),
            (Role::EnterpriseHr, PostingWriteOwn, true),
            (Role::EnterpriseHr, PostingReview, false),
            (Role::EnterpriseHr, PostingReadAll, false),
            (Role::DistrictAdmin, PostingReview, true),
            (Role::DeptLiaison, PostingReadAll, true),
            (Role::DeptLiaison, PostingReview, false),
            (Role::SchoolAdmin, PostingWriteOwn, false),
            (Role::Student, Apply, true),
            (Role::Student, PostingWriteOwn, false),
            (Role::DistrictAdmin, FairManage, true),
            (Role::DeptLiaison, FairManage, true),
            (Role::SchoolAdmin, FairManage, false),
            (Role::EnterpriseHr, FairManage, false),
            (Role::Student, FairManage, false),
            (Role::SchoolAdmin, VisitOrganise, true),
            (Role::Teacher, VisitOrganise, true),
            (Role::EnterpriseHr, VisitOrganise, false),
            (Role::Student, VisitOrganise, false),
            (Role::DistrictAdmin, ReportManage, true),
            (Role::DeptLiaison, ReportManage, false),
            (Role::SchoolAdmin, ReportManage, false),
            (Role::EnterpriseHr, ReportManage, false),
            (Role::SchoolAdmin, SchoolReport, true),
            (Role::Teacher, SchoolReport, false),
            (Role::SchoolAdmin, SchoolReview, false),
            (Role::DeptLiaison, SchoolReview, false),
            (Role::DistrictAdmin, SchoolReview, true),
        ];
        for (role, p, allowed) in rows {
            assert_eq!(role_has(*role, *p), *allowed, "{role:?} {p:?}");
        }
        for r in Role::ALL {
            assert_eq!(Role::parse(r.key()), Some(r));
        }
    }
}
