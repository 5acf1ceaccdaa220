//! Checks of form fields that every area makes the same way: a required text of bounded
//! length without control characters, and an integer within bounds. Each problem is added
//! to `errs` in Chinese, naming the field, so that a form reports all of them at once.

use crate::error::FieldError;

/// A required text: trimmed, not empty, at most `max` characters, no control characters.
pub fn required_text(field: &str, label: &str, raw: &str, max: usize, errs: &mut Vec<FieldError>) -> String {
    let s = raw.trim().to_string();
    if s.is_empty() {
        errs.push(FieldError::new(field, format!("{label}不能为空")));
    } else if s.chars().count() > max {
        errs.push(FieldError::new(field, format!("{label}不能超过{max}个字")));
    } else if s.chars().any(char::is_control) {
        errs.push(FieldError::new(field, format!("{label}含有控制字符")));
    }
    s
}

/// An integer in `lo..=hi` (0 and an error otherwise).
pub fn bounded_i32(field: &str, label: &str, raw: &str, lo: i32, hi: i32, errs: &mut Vec<FieldError>) -> i32 {
    match raw.trim().parse::<i32>() {
        Ok(n) if (lo..=hi).contains(&n) => n,
        _ => {
            errs.push(FieldError::new(field, format!("{label}须为{lo}到{hi}之间的整数")));
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_numbers_are_checked_at_their_bounds() {
        let mut errs = Vec::new();
        assert_eq!(required_text("name", "名称", "  基地 ", 2, &mut errs), "基地");
        assert!(errs.is_empty());
        for bad in ["", "   ", "三个字", "a\u{0}"] {
            let mut errs = Vec::new();
            required_text("name", "名称", bad, 2, &mut errs);
            assert_eq!(errs.len(), 1, "{bad:?}");
            assert_eq!(errs[0].field, "name");
        }
        let mut errs = Vec::new();
        assert_eq!(bounded_i32("n", "人数", "1", 1, 500, &mut errs), 1);
        assert_eq!(bounded_i32("n", "人数", "500", 1, 500, &mut errs), 500);
        assert!(errs.is_empty());
        for bad in ["0", "501", "x", "", "9223372036854775807"] {
            let mut errs = Vec::new();
            bounded_i32("n", "人数", bad, 1, 500, &mut errs);
            assert_eq!(errs.len(), 1, "{bad:?}");
        }
    }
}
