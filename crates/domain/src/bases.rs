//! 公共实训基地 — seed measure (六): "按照多元化投入、市场化运作、企业化管理的方式，依托中德莱茵
//! 科斯特智能制造产教融合基地建设市级公共实习实训基地". Market operation means bookings are
//! billed by a fee schedule; shared management means one room or machine is never booked twice
//! for the same time. The rules here are the platform's (the seed fixes no numbers).

use chrono::NaiveDateTime;

/// Two bookings collide when their half-open intervals [start, end) overlap: one ending at
/// 10:00 and the next starting at 10:00 do not.
pub fn overlaps(a_start: NaiveDateTime, a_end: NaiveDateTime, b_start: NaiveDateTime, b_end: NaiveDateTime) -> bool {
    a_start < b_end && b_start < a_end
}

/// Longest single booking: one week.
pub const MAX_BOOKING_MINUTES: i64 = 7 * 24 * 60;

/// A booking's length in minutes, or why it is not a valid interval.
pub fn duration_minutes(start: NaiveDateTime, end: NaiveDateTime) -> Result<i64, &'static str> {
    let m = (end - start).num_minutes();
    if m <= 0 {
        Err("结束时间须晚于开始时间")
    } else if m > MAX_BOOKING_MINUTES {
        Err("单次预约不能超过7天")
    } else {
        Ok(m)
    }
}

/// The fee of a booking in yuan: the hourly rate for every started half hour (a 40-minute
/// booking pays for one hour).
pub fn fee_yuan(hourly_rate_yuan: u32, minutes: i64) -> u64 {
    let half_hours = (minutes.max(0) as u64).div_ceil(30);
    (u64::from(hourly_rate_yuan) * half_hours).div_ceil(2)
}

/// Opening hours a room offers per day, the denominator of utilisation.
pub const OPEN_HOURS_PER_DAY: f64 = 8.0;

/// Utilisation in percent (0.1 precision) of `booked_minutes` against `days` of opening
/// hours; `None` when there is no opening time.
pub fn utilisation_pct(booked_minutes: i64, days: u32, rooms: u32) -> Option<f64> {
    let open = f64::from(days) * f64::from(rooms) * OPEN_HOURS_PER_DAY * 60.0;
    if open <= 0.0 {
        return None;
    }
    Some(((booked_minutes.max(0) as f64 / open).min(1.0) * 1000.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn overlap_edges() {
        let rows = [
            ((9, 0), (10, 0), (10, 0), (11, 0), false),
            ((9, 0), (10, 0), (9, 59), (11, 0), true),
            ((9, 0), (12, 0), (10, 0), (11, 0), true),
            ((10, 0), (11, 0), (9, 0), (12, 0), true),
            ((9, 0), (10, 0), (8, 0), (9, 0), false),
        ];
        for (a, b, c, d, want) in rows {
            assert_eq!(overlaps(t(a.0, a.1), t(b.0, b.1), t(c.0, c.1), t(d.0, d.1)), want, "{a:?}-{b:?} vs {c:?}-{d:?}");
        }
    }

    #[test]
    fn durations_fees_and_utilisation() {
        assert!(duration_minutes(t(10, 0), t(10, 0)).is_err());
        assert!(duration_minutes(t(10, 0), t(9, 0)).is_err());
        assert_eq!(duration_minutes(t(9, 0), t(11, 30)), Ok(150));
        let start = t(0, 0);
        assert_eq!(duration_minutes(start, start + chrono::Duration::minutes(MAX_BOOKING_MINUTES)), Ok(MAX_BOOKING_MINUTES));
        assert!(duration_minutes(start, start + chrono::Duration::minutes(MAX_BOOKING_MINUTES + 1)).is_err());
        for (rate, minutes, want) in [(100, 60, 100), (100, 40, 100), (100, 30, 50), (100, 31, 100), (0, 600, 0), (99, 30, 50)] {
            assert_eq!(fee_yuan(rate, minutes), want, "{rate} {minutes}");
        }
        assert_eq!(utilisation_pct(0, 0, 1), None);
        assert_eq!(utilisation_pct(480, 1, 1), Some(100.0));
        assert_eq!(utilisation_pct(240, 1, 1), Some(50.0));
        assert_eq!(utilisation_pct(480 * 3, 1, 1), Some(100.0));
        assert_eq!(utilisation_pct(480, 30, 2), Some(1.7));
    }
}
