//! Teacher rules of 三教改革 (measure 九), research-notes B11.
//!
//! Enterprise practice: 《职业学校教师企业实践规定》 (教育部等七部门, 教师〔2016〕3号) 第三条:
//! 职业学校专业课教师（含实习指导教师）要根据专业特点每5年必须累计不少于6个月到企业或生产服务
//! 一线实践. "Six months" is counted as 180 days of practice falling inside the five years
//! that end on the check date (periods overlapping the window count with their overlap
//! only). A teacher who started teaching less than five years before the check date is
//! not yet due; the platform reports the days still missing.

use chrono::{Months, NaiveDate};
use serde::Serialize;

/// Days that count as the six months.
pub const REQUIRED_DAYS: i64 = 180;
/// The rolling window, in months.
pub const WINDOW_MONTHS: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PracticeCheck {
    /// At least 180 days in the last five years.
    Met { days: i64 },
    /// Due and short of the 180 days.
    Short { days: i64, missing: i64 },
    /// Teaching for less than five years: not due yet.
    NotYetDue { days: i64, missing: i64 },
}

impl PracticeCheck {
    pub fn name_zh(&self) -> &'static str {
        match self {
            PracticeCheck::Met { .. } => "已满足（近五年累计不少于6个月）",
            PracticeCheck::Short { .. } => "未满足（近五年累计不足6个月）",
            PracticeCheck::NotYetDue { .. } => "未满五年周期",
        }
    }
}

/// The check on `as_of`, for a teacher teaching since `since`, over practice periods
/// (start, end inclusive).
pub fn practice_check(since: NaiveDate, periods: &[(NaiveDate, NaiveDate)], as_of: NaiveDate) -> PracticeCheck {
    let window_start = as_of.checked_sub_months(Months::new(WINDOW_MONTHS)).unwrap_or(NaiveDate::MIN);
    let mut days = 0;
    for (s, e) in periods {
        let s = (*s).max(window_start);
        let e = (*e).min(as_of);
        if e >= s {
            days += (e - s).num_days() + 1;
        }
    }
    let missing = (REQUIRED_DAYS - days).max(0);
    if days >= REQUIRED_DAYS {
        PracticeCheck::Met { days }
    } else if since > window_start {
        PracticeCheck::NotYetDue { days, missing }
    } else {
        PracticeCheck::Short { days, missing }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn six_months_in_five_years() {
        let as_of = d("2026-12-04");
        let since = d("2010-09-01");
        // 180 days exactly: 2025-01-01 .. 2025-06-29 inclusive.
        let at = [(d("2025-01-01"), d("2025-06-29"))];
        assert_eq!(practice_check(since, &at, as_of), PracticeCheck::Met { days: 180 });
        let below = [(d("2025-01-01"), d("2025-06-28"))];
        assert_eq!(practice_check(since, &below, as_of), PracticeCheck::Short { days: 179, missing: 1 });
        let above = [(d("2025-01-01"), d("2025-06-30"))];
        assert_eq!(practice_check(since, &above, as_of), PracticeCheck::Met { days: 181 });
        // Two periods add up.
        let two = [(d("2023-07-01"), d("2023-09-28")), (d("2024-07-01"), d("2024-09-28"))];
        assert_eq!(practice_check(since, &two, as_of), PracticeCheck::Met { days: 180 });
        // Only the part inside the window counts: the window starts 2021-12-04.
        let edge = [(d("2021-06-07"), d("2022-06-01"))];
        assert_eq!(practice_check(since, &edge, as_of), PracticeCheck::Met { days: 180 });
        let edge_short = [(d("2021-06-07"), d("2022-05-31"))];
        assert_eq!(practice_check(since, &edge_short, as_of), PracticeCheck::Short { days: 179, missing: 1 });
        // Practice after the check date does not count.
        let future = [(d("2026-12-05"), d("2027-12-31"))];
        assert_eq!(practice_check(since, &future, as_of), PracticeCheck::Short { days: 0, missing: 180 });
        assert_eq!(practice_check(since, &[], as_of), PracticeCheck::Short { days: 0, missing: 180 });
    }

    #[test]
    fn new_teachers_are_not_yet_due() {
        let as_of = d("2026-12-04");
        // Teaching since the window's first day: due.
        assert_eq!(practice_check(d("2021-12-04"), &[], as_of), PracticeCheck::Short { days: 0, missing: 180 });
        // One day later: not yet due.
        assert_eq!(practice_check(d("2021-12-05"), &[], as_of), PracticeCheck::NotYetDue { days: 0, missing: 180 });
        let done = [(d("2024-01-01"), d("2024-12-31"))];
        assert_eq!(practice_check(d("2023-09-01"), &done, as_of), PracticeCheck::Met { days: 366 });
    }
}
