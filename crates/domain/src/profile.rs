//! A student's job-seeking profile: vocational certificates, preferred places, year of
//! study, and when an enterprise may publish.
//!
//! # Sources
//! - Certificates: 1+X 职业技能等级证书 have three levels, 初级/中级/高级 (教育部等四部门
//!   《关于在院校实施“学历证书+若干职业技能等级证书”制度试点方案》, 教职成〔2019〕6号, 第二部分
//!   第（三）条); 职业资格 and 职业技能等级认定 certificates of 人社部 have five, 五级/初级工,
//!   四级/中级工, 三级/高级工, 二级/技师, 一级/高级技师 (《国家职业技能标准编制技术规程（2018
//!   年版）》). Other 上岗/作业 certificates (e.g. 特种作业操作证) have no level.
//! - Year of study: counted in full years from the enrolment month (usually `YYYY-09`),
//!   needed for 第十六条（一） of 职业学校学生实习管理规定 (no 岗位实习 in the first year).
//! - Publishing: issue 3 — "an enterprise account publishes nothing until the district
//!   (or a school, for postings aimed at its own students) approves the enterprise".

use crate::catalog::{DivisionLevel, catalogs};
use serde::{Deserialize, Serialize};

/// One certificate as the student states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub name: String,
    /// Normalised level (初级, 中级, 高级, 五级 … 一级), empty when the certificate has none.
    pub level: String,
    pub issuer: String,
    pub year: Option<i32>,
}

/// Accepted level words and their normalised form.
const LEVELS: [(&str, &str); 16] = [
    ("初级", "初级"),
    ("中级", "中级"),
    ("高级", "高级"),
    ("五级", "五级"),
    ("四级", "四级"),
    ("三级", "三级"),
    ("二级", "二级"),
    ("一级", "一级"),
    ("初级工", "五级"),
    ("中级工", "四级"),
    ("高级工", "三级"),
    ("技师", "二级"),
    ("高级技师", "一级"),
    ("5级", "五级"),
    ("4级", "四级"),
    ("3级", "三级"),
];

/// Normalise a certificate level; `Some("")` for none given, `None` when unknown.
pub fn normalise_level(s: &str) -> Option<&'static str> {
    let s = s.trim();
    if s.is_empty() || s == "无" || s == "-" {
        return Some("");
    }
    LEVELS.iter().find(|(k, _)| *k == s).map(|(_, v)| *v)
}

/// Parse one line "名称 | 等级 | 发证机构 | 年份" (separators `|`, `｜`, `,`, `，`, tab).
/// Only the name is required. `this_year` bounds the year (a certificate is not from
/// the future).
pub fn parse_certificate_line(line: &str, this_year: i32) -> Result<Certificate, String> {
    let parts: Vec<&str> = line.split(['|', '｜', ',', '，', '\t']).map(str::trim).collect();
    if parts.len() > 4 {
        return Err(format!("“{}”：每行最多4项（名称|等级|发证机构|年份）", line.trim()));
    }
    let name = parts.first().copied().unwrap_or("").to_string();
    if name.is_empty() {
        return Err(format!("“{}”：证书名称不能为空", line.trim()));
    }
    if name.chars().count() > 60 {
        return Err(format!("“{name}”：证书名称不能超过60个字"));
    }
    let raw_level = parts.get(1).copied().unwrap_or("");
    let level = normalise_level(raw_level)
        .ok_or_else(|| format!("“{name}”：等级“{raw_level}”无效，应为初级/中级/高级或五级至一级"))?
        .to_string();
    let issuer = parts.get(2).copied().unwrap_or("").to_string();
    let year = match parts.get(3).copied().unwrap_or("") {
        "" => None,
        y => match y.trim_end_matches('年').parse::<i32>() {
            Ok(y) if (1990..=this_year).contains(&y) => Some(y),
            _ => return Err(format!("“{name}”：年份“{y}”应为1990至{this_year}之间的四位年份")),
        },
    };
    Ok(Certificate { name, level, issuer, year })
}

/// Parse a block of lines (empty lines skipped); every bad line is reported.
pub fn parse_certificates(text: &str, this_year: i32) -> Result<Vec<Certificate>, Vec<String>> {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match parse_certificate_line(line, this_year) {
            Ok(c) if out.iter().any(|x: &Certificate| x.name == c.name && x.level == c.level) => {}
            Ok(c) => out.push(c),
            Err(e) => errs.push(e),
        }
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
}

/// The line form of a certificate, as the profile form shows it.
pub fn certificate_line(c: &Certificate) -> String {
    let year = c.year.map(|y| y.to_string()).unwrap_or_default();
    let mut parts = vec![c.name.as_str(), c.level.as_str(), c.issuer.as_str(), year.as_str()];
    while parts.last().is_some_and(|p| p.is_empty()) && parts.len() > 1 {
        parts.pop();
    }
    parts.join(" | ")
}

/// The county codes of preferred places (a street stands for its county), for matching.
/// Unknown codes are dropped; order kept, duplicates removed.
pub fn preferred_counties(codes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in codes {
        let county = match catalogs().division(code.trim()) {
            Some(d) if d.level == DivisionLevel::County => Some(d.code.clone()),
            Some(d) => d.parent_code.clone(),
            None => None,
        };
        if let Some(c) = county
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

/// Year of study (1 = first year) on `on`, for enrolment `YYYY-MM`: one more for every
/// full twelve months since the enrolment month (a student enrolled 2024-09 is in year 1
/// until 2025-08-31; a spring intake 2025-03 until 2026-02-28). `None` for an unreadable
/// enrolment or a date before it.
pub fn grade_on(enrollment_ym: &str, on: chrono::NaiveDate) -> Option<u8> {
    use chrono::Datelike;
    let (y, m) = enrollment_ym.trim().split_once('-')?;
    let (y, m): (i32, i32) = (y.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&m) {
        return None;
    }
    let months = (on.year() - y) * 12 + (on.month() as i32 - m);
    if months < 0 {
        return None;
    }
    u8::try_from(months / 12 + 1).ok()
}

/// Whether an enterprise's posting may be published: a district-approved (`active`)
/// enterprise may publish anything; a `pending` one only a posting aimed at a school
/// that approved it; a `suspended` one nothing (the district's suspension wins over a
/// school's approval).
pub fn may_publish(org_status: &str, aimed_at_school: bool, school_approved: bool) -> bool {
    match org_status {
        "active" => true,
        "pending" => aimed_at_school && school_approved,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn certificate_lines() {
        // (line, Ok(name, level, issuer, year) or Err(contains))
        let table: [(&str, Result<(&str, &str, &str, Option<i32>), &str>); 12] = [
            ("工业机器人操作与运维 | 中级 | 北京新奥时代科技有限责任公司 | 2025", Ok(("工业机器人操作与运维", "中级", "北京新奥时代科技有限责任公司", Some(2025)))),
            ("电工，四级，淄博市职业技能鉴定中心，2024", Ok(("电工", "四级", "淄博市职业技能鉴定中心", Some(2024)))),
            ("电工 | 中级工 | 人社局 | 2024年", Ok(("电工", "四级", "人社局", Some(2024)))),
            ("低压电工作业证", Ok(("低压电工作业证", "", "", None))),
            ("焊工｜高级技师", Ok(("焊工", "一级", "", None))),
            ("数控车铣加工 | 初级 | | ", Ok(("数控车铣加工", "初级", "", None))),
            (" | 中级", Err("证书名称不能为空")),
            ("电工 | 特级", Err("等级“特级”无效")),
            ("电工 | 中级 | 鉴定中心 | 2030", Err("年份“2030”")),
            ("电工 | 中级 | 鉴定中心 | 25", Err("年份“25”")),
            ("电工 | 中级 | 鉴定中心 | 1989", Err("1990至2026")),
            ("a|b|c|d|e", Err("每行最多4项")),
        ];
        for (line, want) in table {
            let got = parse_certificate_line(line, 2026);
            match (got, want) {
                (Ok(c), Ok((n, l, i, y))) => assert_eq!((c.name.as_str(), c.level.as_str(), c.issuer.as_str(), c.year), (n, l, i, y), "{line}"),
                (Err(e), Err(text)) => assert!(e.contains(text), "{line}: {e}"),
                (got, want) => panic!("{line}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn certificate_blocks_report_every_bad_line_and_round_trip() {
        let errs = parse_certificates("电工 | 特级\n\n焊工 | 中级 | x | 3000\n钳工", 2026).unwrap_err();
        assert_eq!(errs.len(), 2);
        let ok = parse_certificates("电工 | 四级 | 鉴定中心 | 2024\n电工|四级\n低压电工作业证", 2026).unwrap();
        assert_eq!(ok.len(), 2, "the same name and level once");
        assert_eq!(certificate_line(&ok[0]), "电工 | 四级 | 鉴定中心 | 2024");
        assert_eq!(certificate_line(&ok[1]), "低压电工作业证");
        for c in &ok {
            assert_eq!(&parse_certificate_line(&certificate_line(c), 2026).unwrap(), c);
        }
    }

    #[test]
    fn preferred_places_become_counties() {
        let codes = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(preferred_counties(&codes(&["370303"])), codes(&["370303"]));
        // 四宝山街道 → 张店区; a duplicate county collapses; unknown codes are dropped.
        assert_eq!(preferred_counties(&codes(&["370303008", "370303", "370302", "110101"])), codes(&["370303", "370302"]));
        assert!(preferred_counties(&[]).is_empty());
    }

    #[test]
    fn year_of_study() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let table = [
            ("2024-09", d(2024, 9, 1), Some(1)),
            ("2024-09", d(2025, 8, 31), Some(1)),
            ("2024-09", d(2025, 9, 1), Some(2)),
            ("2024-09", d(2026, 11, 29), Some(3)),
            ("2023-09", d(2026, 3, 1), Some(3)),
            ("2025-03", d(2025, 9, 1), Some(1)), // spring intake
            ("2025-03", d(2026, 3, 1), Some(2)),
            ("2024-09", d(2024, 8, 1), None),
            ("2024-13", d(2025, 1, 1), None),
            ("2024", d(2025, 1, 1), None),
        ];
        for (ym, on, want) in table {
            assert_eq!(grade_on(ym, on), want, "{ym} on {on}");
        }
    }

    #[test]
    fn publishing_needs_the_district_or_the_target_school() {
        // (status, aimed at a school, that school approved, may publish)
        let table = [
            ("active", false, false, true),
            ("active", true, false, true),
            ("pending", false, false, false),
            ("pending", false, true, false),
            ("pending", true, false, false),
            ("pending", true, true, true),
            ("suspended", true, true, false),
            ("suspended", false, false, false),
        ];
        for (status, aimed, approved, want) in table {
            assert_eq!(may_publish(status, aimed, approved), want, "{status} {aimed} {approved}");
        }
    }
}
