//! Workflow states, stored as text columns and named as enums in the code.
//!
//! Why: a state written as a string literal at each use ("submitted", "running") turns a
//! typo into a silent bug — a filter that matches nothing. Each state set is an enum
//! here; the column keeps its text (no migration, both databases, readable in SQL), the
//! code compares and filters through the enum: `import::Column::Status.eq(ImportStatus::Running)`,
//! `row.status == ImportStatus::Running`, `Set(ImportStatus::Done.into())`.

/// A text-backed enum: `as_str`, `parse`, comparisons with the stored `String`, and
/// conversions into what sea-orm writes and filters with.
macro_rules! text_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The state a stored text names, if any.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.as_str()
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }

        impl From<$name> for String {
            fn from(s: $name) -> String {
                s.as_str().to_string()
            }
        }

        impl From<$name> for sea_orm::Value {
            fn from(s: $name) -> sea_orm::Value {
                s.as_str().into()
            }
        }
    };
}

text_enum! {
    /// An import of a register (`import.status`).
    pub enum ImportStatus {
        Running = "running",
        Done = "done",
        /// Refused (nothing written) or given up.
        Failed = "failed",
    }
}

text_enum! {
    /// An organisation's standing (`organization.status`): enterprises wait for the
    /// district's approval before anything of theirs is public.
    pub enum OrgStatus {
        Active = "active",
        Pending = "pending",
        Suspended = "suspended",
    }
}

text_enum! {
    /// A policy document (`policy.status`): parsed as a draft, accepted into tracking.
    pub enum PolicyStatus {
        Draft = "draft",
        Accepted = "accepted",
    }
}

text_enum! {
    /// A policy task (`task.status`); on track / at risk / overdue are computed from dates.
    pub enum TaskStatus {
        Open = "open",
        Done = "done",
    }
}

text_enum! {
    /// A school's approval of an enterprise for postings aimed at its students
    /// (`school_enterprise_approval.status`).
    pub enum SchoolApproval {
        Approved = "approved",
        Revoked = "revoked",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_round_trips_through_its_text() {
        for s in ImportStatus::ALL {
            assert_eq!(ImportStatus::parse(s.as_str()), Some(*s));
        }
        for s in OrgStatus::ALL {
            assert_eq!(OrgStatus::parse(s.as_str()), Some(*s));
        }
        for s in PolicyStatus::ALL {
            assert_eq!(PolicyStatus::parse(s.as_str()), Some(*s));
        }
        for s in TaskStatus::ALL {
            assert_eq!(TaskStatus::parse(s.as_str()), Some(*s));
        }
        for s in SchoolApproval::ALL {
            assert_eq!(SchoolApproval::parse(s.as_str()), Some(*s));
        }
        assert_eq!(ImportStatus::parse("Running"), None);
        assert!(String::from("done") == ImportStatus::Done);
        assert!("failed" == ImportStatus::Failed);
        assert_eq!(String::from(TaskStatus::Open), "open");
    }
}
