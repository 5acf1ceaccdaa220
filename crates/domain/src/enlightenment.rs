//! 职业启蒙和劳动教育 (seed measure 三: "中小学职业启蒙和劳动教育全覆盖", "至少建设 1 个市级
//! 中小学职业启蒙和劳动教育基地"): the rules that need no database — the school year a
//! session falls in, whether two bookings of a base overlap, coverage of the district's
//! primary and middle schools, and labour hours against the 2020 guideline.
//!
//! Sources:
//! - 《大中小学劳动教育指导纲要（试行）》(教育部, 2020-07): primary and middle schools give
//!   labour education on average **no less than 1 class hour a week** and hold a labour
//!   week every school year (research-notes B10).
//! - School year: 《中华人民共和国教育法》leaves the calendar to the education authorities;
//!   the national 中小学校历 starts the autumn term — and with it the school year — on
//!   **1 September** (research-notes B10 counts "every school year"). We therefore define the
//!   school year `Y` as 1 September `Y` to 31 August `Y+1` inclusive.
//! - Coverage KPI (research-notes B10 [SUGGESTION]): schools reached ÷ all primary and
//!   middle schools of the district, target 100 % ("全覆盖"); here a school is reached when
//!   it has at least one *attended* session in the school year.

use chrono::{Datelike, NaiveDate};

/// Levels of a base, lowest first. The seed asks for at least one `municipal` base.
pub const BASE_LEVELS: [(&str, &str); 4] = [("school", "校级"), ("district", "区级"), ("municipal", "市级"), ("provincial", "省级")];

pub fn level_name(key: &str) -> &'static str {
    BASE_LEVELS.iter().find(|(k, _)| *k == key).map(|(_, n)| *n).unwrap_or("")
}

/// The "≥ 1 municipal base" target of measure (三): municipal or provincial bases count
/// (a provincial base is recognised at the higher level and serves the city too).
pub fn counts_as_municipal(level: &str) -> bool {
    matches!(level, "municipal" | "provincial")
}

/// The school year a day belongs to, named by the calendar year it starts in.
pub fn school_year_of(day: NaiveDate) -> i32 {
    if day.month() >= 9 { day.year() } else { day.year() - 1 }
}

/// First and last day of school year `y`.
pub fn school_year_bounds(y: i32) -> (NaiveDate, NaiveDate) {
    (NaiveDate::from_ymd_opt(y, 9, 1).expect("valid"), NaiveDate::from_ymd_opt(y + 1, 8, 31).expect("valid"))
}

/// "2026—2027学年"
pub fn school_year_label(y: i32) -> String {
    format!("{y}—{}学年", y + 1)
}

/// A session's time on its day, in minutes after midnight, `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub day: NaiveDate,
    pub start: u16,
    pub end: u16,
}

impl Slot {
    /// Half-open intervals: a session ending at 10:00 and one starting at 10:00 do not overlap.
    pub fn overlaps(&self, other: &Slot) -> bool {
        self.day == other.day && self.start < other.end && other.start < self.end
    }
}

/// "HH:MM" → minutes after midnight (00:00–23:59).
pub fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

pub fn format_hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Does a booking of `pupils` fit the base's capacity given the pupils of the bookings
/// overlapping it? (The base receives at most `capacity` pupils at any one time.)
pub fn fits_capacity(capacity: u32, overlapping_pupils: u32, pupils: u32) -> bool {
    overlapping_pupils.saturating_add(pupils) <= capacity
}

/// Coverage in percent with one decimal, `None` when the district has no school.
pub fn coverage_percent(covered: usize, schools: usize) -> Option<f64> {
    if schools == 0 {
        return None;
    }
    let covered = covered.min(schools);
    Some((covered as f64 * 1000.0 / schools as f64).round() / 10.0)
}

/// Whole weeks of school year `y` elapsed by `today` (at least 1 once the year began,
/// 0 before it; a finished year counts its 52 weeks).
pub fn weeks_elapsed(y: i32, today: NaiveDate) -> u32 {
    let (start, end) = school_year_bounds(y);
    if today < start {
        return 0;
    }
    let last = today.min(end);
    ((last - start).num_days() / 7 + 1).min(52) as u32
}

/// The 2020 guideline's minimum class hours of labour education by a week count
/// (≥ 1 class hour a week on average).
pub const GUIDELINE_CLASS_HOURS_PER_WEEK: u32 = 1;

/// Class hours recorded against the guideline's minimum so far, in percent (may pass 100).
pub fn labour_hours_share(class_hours: f64, weeks: u32) -> Option<f64> {
    if weeks == 0 {
        return None;
    }
    let expected = (weeks * GUIDELINE_CLASS_HOURS_PER_WEEK) as f64;
    Some((class_hours * 1000.0 / expected).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn school_year_boundary_is_the_first_of_september() {
        let rows = [
            (d(2026, 8, 31), 2025),
            (d(2026, 9, 1), 2026),
            (d(2026, 9, 2), 2026),
            (d(2026, 12, 31), 2026),
            (d(2027, 1, 1), 2026),
            (d(2027, 8, 31), 2026),
            (d(2027, 9, 1), 2027),
        ];
        for (day, year) in rows {
            assert_eq!(school_year_of(day), year, "{day}");
            let (a, b) = school_year_bounds(year);
            assert!(a <= day && day <= b);
        }
        assert_eq!(school_year_label(2026), "2026—2027学年");
    }

    #[test]
    fn slots_overlap_only_when_they_share_time_on_the_same_day() {
        let s = |day, a: &str, b: &str| Slot { day, start: parse_hhmm(a).unwrap(), end: parse_hhmm(b).unwrap() };
        let base = s(d(2026, 12, 8), "09:00", "11:00");
        let rows = [
            (s(d(2026, 12, 8), "10:59", "12:00"), true),
            (s(d(2026, 12, 8), "11:00", "12:00"), false),
            (s(d(2026, 12, 8), "08:00", "09:00"), false),
            (s(d(2026, 12, 8), "08:00", "09:01"), true),
            (s(d(2026, 12, 8), "09:30", "10:00"), true),
            (s(d(2026, 12, 8), "08:00", "12:00"), true),
            (s(d(2026, 12, 9), "09:00", "11:00"), false),
        ];
        for (other, expected) in rows {
            assert_eq!(base.overlaps(&other), expected, "{other:?}");
            assert_eq!(other.overlaps(&base), expected, "symmetric {other:?}");
        }
    }

    #[test]
    fn times_parse_strictly() {
        for (s, v) in [("00:00", Some(0)), ("9:05", Some(545)), ("23:59", Some(1439)), ("24:00", None), ("12:60", None), ("12", None), ("1:5", None), ("-1:00", None), ("１２:００", None)] {
            assert_eq!(parse_hhmm(s), v, "{s}");
        }
        assert_eq!(format_hhmm(545), "09:05");
    }

    #[test]
    fn capacity_at_and_around_the_limit() {
        assert!(fits_capacity(60, 0, 60));
        assert!(fits_capacity(60, 20, 40));
        assert!(!fits_capacity(60, 21, 40));
        assert!(!fits_capacity(60, 0, 61));
        assert!(!fits_capacity(10, u32::MAX, 1));
    }

    #[test]
    fn coverage_rounds_to_one_decimal() {
        assert_eq!(coverage_percent(0, 0), None);
        assert_eq!(coverage_percent(0, 8), Some(0.0));
        assert_eq!(coverage_percent(1, 3), Some(33.3));
        assert_eq!(coverage_percent(2, 3), Some(66.7));
        assert_eq!(coverage_percent(8, 8), Some(100.0));
        assert_eq!(coverage_percent(9, 8), Some(100.0));
    }

    #[test]
    fn weeks_and_guideline_share() {
        assert_eq!(weeks_elapsed(2026, d(2026, 8, 31)), 0);
        assert_eq!(weeks_elapsed(2026, d(2026, 9, 1)), 1);
        assert_eq!(weeks_elapsed(2026, d(2026, 9, 7)), 1);
        assert_eq!(weeks_elapsed(2026, d(2026, 9, 8)), 2);
        assert_eq!(weeks_elapsed(2026, d(2028, 1, 1)), 52);
        assert_eq!(labour_hours_share(3.0, 0), None);
        assert_eq!(labour_hours_share(5.0, 10), Some(50.0));
        assert_eq!(labour_hours_share(10.0, 10), Some(100.0));
        assert_eq!(labour_hours_share(1.0, 3), Some(33.3));
    }

    #[test]
    fn municipal_target_counts_municipal_and_provincial() {
        assert!(counts_as_municipal("municipal"));
        assert!(counts_as_municipal("provincial"));
        assert!(!counts_as_municipal("district"));
        assert!(!counts_as_municipal("school"));
        assert_eq!(level_name("municipal"), "市级");
        assert_eq!(level_name("x"), "");
    }
}
