//! Placement checks for student internships (实习) under 《职业学校学生实习管理规定》
//! (教育部等八部门, 教职成〔2021〕4号, issued 2021-12-31; it replaces the 2016 text,
//! 教职成〔2016〕3号).
//!
//! # Sources and article numbers
//! Article numbers of the 2021 text were checked against an article-by-article copy
//! (wechat.estsglobal.com/wechat/law_contents/342…350, a third-party repost; the
//! official page is moe.gov.cn …/s3876_qt/202201/t20220121_595529.html, not retrieved):
//! - 第二条: only two kinds remain, 认识实习 and 岗位实习 (the 2016 跟岗/顶岗 pair was merged
//!   into 岗位实习). [verified]
//! - 第十六条（一）: 不得安排、接收一年级在校学生进行岗位实习. [verified]
//! - 第十八条: 岗位实习 pay "原则上应不低于本单位相同岗位工资标准的80%或最低档工资标准",
//!   in money, at least monthly, paid directly. [verified]
//! - 10% / 20% headcount caps: 2016 text 第九条 (for 顶岗实习) [verified on a repost,
//!   m.b15k.com/zzfl/86436.html]; the 2021 text keeps them for 岗位实习 (provincial
//!   细则 repeat "岗位实习学生的人数一般不超过…10%…20%"), **article number in the 2021 text
//!   to verify** (believed to be in 第二章 实习组织, 第十条–第十二条).
//! - 不得跨专业大类安排实习 ("实习岗位应符合专业培养目标要求，与学生所学专业对口或相近，原则上
//!   不得跨专业大类安排实习"): 2021 text, **article number to verify** (believed 第八条–第十条);
//!   quoted by the Shaanxi and Gansu 细则 and by research-notes B9.
//! - 三方协议 ("学生参加岗位实习前，职业学校、实习单位、学生三方应签订实习协议…未按规定签订
//!   实习协议的，不得安排学生实习" — "无协议不实习"): 2021 text, **article number to verify**
//!   (believed 第十二条–第十三条); quoted by provincial 细则 (research-notes B9).
//!
//! Provinces may tighten these values (e.g. "一般不超过"), so every threshold lives in
//! [`InternshipRules`] whose `Default` holds the national values.

use serde::{Deserialize, Serialize};

/// Kind of internship (第二条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InternshipKind {
    /// 认识实习: visits and observation; none of the placement caps apply.
    Cognitive,
    /// 跟岗实习: a 2016 term that no longer exists in the 2021 text. Legacy records are
    /// checked as 岗位实习, because 2021 第二条 folds "辅助…参与实际工作" into 岗位实习.
    Practice,
    /// 岗位实习 (formerly 顶岗实习).
    Post,
}

impl InternshipKind {
    /// Whether the 岗位实习 rules apply (true for `Post` and legacy `Practice`).
    pub fn is_post(self) -> bool {
        matches!(self, InternshipKind::Post | InternshipKind::Practice)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            InternshipKind::Cognitive => "认识实习",
            InternshipKind::Practice => "跟岗实习",
            InternshipKind::Post => "岗位实习",
        }
    }
}

/// Thresholds of the placement checks. `Default` = the national values of 教职成〔2021〕4号.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InternshipRules {
    /// Interns (including this one) ≤ this share of the host's 在岗职工总数. National: 10%.
    pub max_share_of_host_staff: f64,
    /// Interns in one position (including this one) ≤ this share of 同类岗位在岗职工总人数.
    /// National: 20%.
    pub max_share_of_position_staff: f64,
    /// Pay ≥ this ratio × the host's wage for the same post (第十八条). National: 80%.
    pub min_pay_ratio: f64,
    /// Lowest grade (1 = first year) allowed to do 岗位实习 (第十六条（一）). National: 2.
    pub min_grade_for_post: u8,
    /// Require the tripartite agreement ("无协议不实习"). National: true.
    pub require_agreement: bool,
    /// Forbid placements across 专业大类. National: true ("原则上不得").
    pub forbid_cross_category: bool,
}

impl Default for InternshipRules {
    fn default() -> Self {
        InternshipRules {
            max_share_of_host_staff: 0.10,
            max_share_of_position_staff: 0.20,
            min_pay_ratio: 0.80,
            min_grade_for_post: 2,
            require_agreement: true,
            forbid_cross_category: true,
        }
    }
}

/// One student's placement at a host, with the host's head counts at the time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// 在岗职工总数 of the host; interns are not staff.
    pub host_staff: u32,
    /// Interns at the host in the same period, this student included.
    pub host_interns_including_this: u32,
    /// 在岗职工 in the same kind of position (同类岗位).
    pub position_staff: u32,
    /// Interns in that position in the same period, this student included.
    pub position_interns_including_this: u32,
    /// Agreed monthly pay in yuan; `None` when the agreement names no pay.
    pub monthly_pay_yuan: Option<u32>,
    /// The host's monthly wage for the same post (or its lowest band), in yuan.
    pub same_post_wage_yuan: Option<u32>,
    /// 三方协议 (school, host, student) signed.
    pub tripartite_agreement: bool,
    /// 专业大类 code of the student's major (2 digits, any level's numbering).
    pub student_major_category: String,
    /// 专业大类 codes the post fits (any level's numbering).
    pub post_major_categories: Vec<String>,
    /// Year of study, 1 = first year.
    pub student_grade: u8,
    pub kind: InternshipKind,
}

/// A broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// `host_share`, `position_share`, `pay`, `agreement`, `cross_category` or `first_year`.
    pub rule: &'static str,
    pub message_zh: String,
    /// The legal basis, with article where verified.
    pub basis: &'static str,
}

pub const BASIS_SHARES: &str =
    "《职业学校学生实习管理规定》（教职成〔2021〕4号）实习单位接收岗位实习学生比例（10%/20%；2016年版第九条，2021年版条号待核）";
pub const BASIS_PAY: &str = "《职业学校学生实习管理规定》（教职成〔2021〕4号）第十八条";
pub const BASIS_AGREEMENT: &str =
    "《职业学校学生实习管理规定》（教职成〔2021〕4号）“无协议不实习”：岗位实习前三方签订实习协议（条号待核）";
pub const BASIS_CATEGORY: &str =
    "《职业学校学生实习管理规定》（教职成〔2021〕4号）原则上不得跨专业大类安排实习（条号待核）";
pub const BASIS_FIRST_YEAR: &str = "《职业学校学生实习管理规定》（教职成〔2021〕4号）第十六条第（一）项";

/// Parts per million, so that boundary comparisons are exact integer arithmetic
/// (0.8 × 4000 is not exactly 3200 in floating point).
fn ppm(ratio: f64) -> u64 {
    (ratio * 1_000_000.0).round().max(0.0) as u64
}

/// `count ≤ ratio × total`, exact at the boundary.
fn within_share(count: u32, total: u32, ratio: f64) -> bool {
    u64::from(count) * 1_000_000 <= ppm(ratio) * u64::from(total)
}

fn percent(ratio: f64) -> String {
    let p = ratio * 100.0;
    if (p - p.round()).abs() < 1e-9 { format!("{}%", p.round()) } else { format!("{p:.1}%") }
}

/// Maps a 专业大类 code of any level onto the 高职专科 numbering. The 2021 catalogue numbers
/// the same 19 大类 in parallel: 中职 61–79, 专科 41–59, 本科 21–39 (e.g. 装备制造大类 =
/// 66 / 46 / 26; `tests::category_numbering_is_parallel` checks this on the catalogue).
/// Returns `None` for anything else.
pub fn normalise_category_code(code: &str) -> Option<u8> {
    let code = code.trim();
    let two = code.get(..2)?;
    let n: u8 = two.parse().ok()?;
    match n {
        21..=39 => Some(n + 20),
        41..=59 => Some(n),
        61..=79 => Some(n - 20),
        _ => None,
    }
}

/// Checks one placement. Returns every broken rule (empty = compliant).
///
/// - 认识实习 is checked for nothing here: the caps, pay, grade and 大类 rules are about
///   岗位实习. `Practice` (跟岗, 2016 term) is checked as 岗位实习.
/// - `host_staff == 0` or `position_staff == 0` with any intern is a violation (no ratio
///   can be met).
/// - Pay: missing agreed pay → "未约定报酬"; missing reference wage → a `pay` violation
///   saying the 80% floor cannot be verified (the school must record it).
/// - 大类: an empty `post_major_categories` is reported (the fit is undocumented).
pub fn check_placement(p: &Placement, rules: &InternshipRules) -> Vec<Violation> {
    let mut out = Vec::new();
    if !p.kind.is_post() {
        return out;
    }
    if !within_share(p.host_interns_including_this, p.host_staff, rules.max_share_of_host_staff) {
        out.push(Violation {
            rule: "host_share",
            message_zh: format!(
                "实习单位岗位实习学生{}人，超过在岗职工总数{}人的{}",
                p.host_interns_including_this,
                p.host_staff,
                percent(rules.max_share_of_host_staff)
            ),
            basis: BASIS_SHARES,
        });
    }
    if !within_share(p.position_interns_including_this, p.position_staff, rules.max_share_of_position_staff) {
        out.push(Violation {
            rule: "position_share",
            message_zh: format!(
                "该岗位实习学生{}人，超过同类岗位在岗职工{}人的{}",
                p.position_interns_including_this,
                p.position_staff,
                percent(rules.max_share_of_position_staff)
            ),
            basis: BASIS_SHARES,
        });
    }
    match (p.monthly_pay_yuan, p.same_post_wage_yuan) {
        (None, _) => out.push(Violation {
            rule: "pay",
            message_zh: "未约定报酬".to_string(),
            basis: BASIS_PAY,
        }),
        (Some(_), None) => out.push(Violation {
            rule: "pay",
            message_zh: format!("未提供本单位相同岗位工资标准，无法核对不低于{}的要求", percent(rules.min_pay_ratio)),
            basis: BASIS_PAY,
        }),
        (Some(pay), Some(wage)) => {
            if u64::from(pay) * 1_000_000 < ppm(rules.min_pay_ratio) * u64::from(wage) {
                out.push(Violation {
                    rule: "pay",
                    message_zh: format!(
                        "实习报酬{}元/月，低于本单位相同岗位工资{}元的{}",
                        pay,
                        wage,
                        percent(rules.min_pay_ratio)
                    ),
                    basis: BASIS_PAY,
                });
            }
        }
    }
    if rules.require_agreement && !p.tripartite_agreement {
        out.push(Violation {
            rule: "agreement",
            message_zh: "未签订职业学校、实习单位、学生三方实习协议（无协议不实习）".to_string(),
            basis: BASIS_AGREEMENT,
        });
    }
    if rules.forbid_cross_category {
        let student = normalise_category_code(&p.student_major_category);
        let fits = student.is_some()
            && p.post_major_categories.iter().any(|c| normalise_category_code(c) == student);
        if !fits {
            let message_zh = if p.post_major_categories.is_empty() {
                "实习岗位未标明对应的专业大类，无法确认与所学专业对口或相近".to_string()
            } else if student.is_none() {
                format!("学生专业大类代码“{}”无效", p.student_major_category)
            } else {
                format!(
                    "跨专业大类安排实习：学生专业大类{}，岗位对应专业大类{}",
                    p.student_major_category,
                    p.post_major_categories.join("、")
                )
            };
            out.push(Violation { rule: "cross_category", message_zh, basis: BASIS_CATEGORY });
        }
    }
    if p.student_grade < rules.min_grade_for_post {
        out.push(Violation {
            rule: "first_year",
            message_zh: format!("不得安排{}年级学生进行岗位实习", grade_zh(p.student_grade)),
            basis: BASIS_FIRST_YEAR,
        });
    }
    out
}

fn grade_zh(g: u8) -> String {
    match g {
        0 => "未入学".to_string(),
        1 => "一".to_string(),
        2 => "二".to_string(),
        3 => "三".to_string(),
        n => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{MajorLevel, catalogs};

    fn ok_placement() -> Placement {
        Placement {
            host_staff: 100,
            host_interns_including_this: 5,
            position_staff: 20,
            position_interns_including_this: 2,
            monthly_pay_yuan: Some(3200),
            same_post_wage_yuan: Some(4000),
            tripartite_agreement: true,
            student_major_category: "66".into(),
            post_major_categories: vec!["66".into()],
            student_grade: 3,
            kind: InternshipKind::Post,
        }
    }

    fn rules_of(p: &Placement) -> Vec<&'static str> {
        check_placement(p, &InternshipRules::default()).into_iter().map(|v| v.rule).collect()
    }

    #[test]
    fn compliant_placement_has_no_violations() {
        assert!(check_placement(&ok_placement(), &InternshipRules::default()).is_empty());
    }

    #[test]
    fn host_share_boundaries() {
        // (host_staff, interns incl. this, violation?)
        let table = [
            (100, 10, false), // exactly 10%
            (100, 11, true),
            (100, 9, false),
            (10, 1, false),
            (10, 2, true),
            (9, 1, true), // 11.1%
            (1000, 100, false),
            (1000, 101, true),
            (0, 1, true), // no staff
            (0, 0, false),
            (7, 0, false),
        ];
        for (staff, interns, bad) in table {
            let p = Placement { host_staff: staff, host_interns_including_this: interns, ..ok_placement() };
            assert_eq!(rules_of(&p).contains(&"host_share"), bad, "{staff} staff, {interns} interns");
        }
    }

    #[test]
    fn position_share_boundaries() {
        let table = [
            (20, 4, false), // exactly 20%
            (20, 5, true),
            (5, 1, false),
            (4, 1, true), // 25%
            (10, 2, false),
            (10, 3, true),
            (0, 1, true),
            (3, 0, false),
        ];
        for (staff, interns, bad) in table {
            let p = Placement { position_staff: staff, position_interns_including_this: interns, ..ok_placement() };
            assert_eq!(rules_of(&p).contains(&"position_share"), bad, "{staff} staff, {interns} interns");
        }
    }

    #[test]
    fn pay_boundaries() {
        // (pay, same-post wage, violation?, message contains)
        let table = [
            (Some(3200), Some(4000), false, ""), // exactly 80%
            (Some(3199), Some(4000), true, "低于本单位相同岗位工资4000元的80%"),
            (Some(3201), Some(4000), false, ""),
            (Some(4000), Some(4000), false, ""),
            (Some(2400), Some(3000), false, ""), // exactly 80%
            (Some(2399), Some(3000), true, "2399元/月"),
            (Some(0), Some(1), true, "低于"),
            (Some(0), Some(0), false, ""),
            (None, Some(4000), true, "未约定报酬"),
            (None, None, true, "未约定报酬"),
            (Some(3000), None, true, "无法核对"),
        ];
        for (pay, wage, bad, text) in table {
            let p = Placement { monthly_pay_yuan: pay, same_post_wage_yuan: wage, ..ok_placement() };
            let v = check_placement(&p, &InternshipRules::default());
            let pay_v: Vec<_> = v.iter().filter(|v| v.rule == "pay").collect();
            assert_eq!(!pay_v.is_empty(), bad, "{pay:?} / {wage:?}");
            if bad {
                assert!(pay_v[0].message_zh.contains(text), "{}", pay_v[0].message_zh);
                assert!(pay_v[0].basis.contains("第十八条"));
            }
        }
    }

    #[test]
    fn configurable_thresholds() {
        let strict = InternshipRules { max_share_of_host_staff: 0.05, min_pay_ratio: 1.0, ..Default::default() };
        let p = ok_placement(); // 5/100 interns, 3200/4000 pay
        let v: Vec<_> = check_placement(&p, &strict).into_iter().map(|v| v.rule).collect();
        assert_eq!(v, vec!["pay"]);
        let p6 = Placement { host_interns_including_this: 6, ..ok_placement() };
        let v = check_placement(&p6, &strict);
        assert!(v.iter().any(|v| v.rule == "host_share" && v.message_zh.contains("5%")));
        let lax = InternshipRules { require_agreement: false, forbid_cross_category: false, ..Default::default() };
        let p = Placement { tripartite_agreement: false, post_major_categories: vec![], ..ok_placement() };
        assert!(check_placement(&p, &lax).is_empty());
    }

    #[test]
    fn agreement_required() {
        let p = Placement { tripartite_agreement: false, ..ok_placement() };
        let v = check_placement(&p, &InternshipRules::default());
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].rule, "agreement");
        assert!(v[0].message_zh.contains("三方"));
    }

    #[test]
    fn cross_category_table() {
        // (student 大类, post 大类, violation?)
        let table: [(&str, &[&str], bool); 10] = [
            ("66", &["66"], false),
            ("66", &["46"], false), // 专科 numbering of 装备制造大类
            ("66", &["26"], false), // 本科 numbering
            ("46", &["66"], false),
            ("66", &["71"], true), // 电子与信息大类
            ("66", &["71", "66"], false),
            ("66", &[], true),
            ("6", &["66"], true),
            ("99", &["99"], true),
            ("660301", &["66"], false), // a full major code: first two digits
        ];
        for (student, post, bad) in table {
            let p = Placement {
                student_major_category: student.into(),
                post_major_categories: post.iter().map(|s| s.to_string()).collect(),
                ..ok_placement()
            };
            assert_eq!(rules_of(&p).contains(&"cross_category"), bad, "{student} → {post:?}");
        }
    }

    #[test]
    fn first_year_and_kinds() {
        // (kind, grade, expected rules)
        let table: [(InternshipKind, u8, &[&str]); 7] = [
            (InternshipKind::Post, 1, &["first_year"]),
            (InternshipKind::Post, 2, &[]),
            (InternshipKind::Post, 3, &[]),
            (InternshipKind::Post, 0, &["first_year"]),
            (InternshipKind::Practice, 1, &["first_year"]),
            (InternshipKind::Cognitive, 1, &[]),
            (InternshipKind::Cognitive, 3, &[]),
        ];
        for (kind, grade, want) in table {
            let p = Placement { kind, student_grade: grade, ..ok_placement() };
            assert_eq!(rules_of(&p), want, "{kind:?} grade {grade}");
        }
        let p = Placement { student_grade: 1, ..ok_placement() };
        let v = check_placement(&p, &InternshipRules::default());
        assert_eq!(v[0].message_zh, "不得安排一年级学生进行岗位实习");
        assert!(v[0].basis.contains("第十六条"));
    }

    #[test]
    fn cognitive_internship_skips_post_rules() {
        let p = Placement {
            kind: InternshipKind::Cognitive,
            host_interns_including_this: 50,
            monthly_pay_yuan: None,
            tripartite_agreement: false,
            student_grade: 1,
            ..ok_placement()
        };
        assert!(check_placement(&p, &InternshipRules::default()).is_empty());
    }

    #[test]
    fn everything_wrong_reports_every_rule_in_order() {
        let p = Placement {
            host_staff: 10,
            host_interns_including_this: 5,
            position_staff: 2,
            position_interns_including_this: 2,
            monthly_pay_yuan: None,
            same_post_wage_yuan: None,
            tripartite_agreement: false,
            student_major_category: "66".into(),
            post_major_categories: vec!["73".into()],
            student_grade: 1,
            kind: InternshipKind::Post,
        };
        assert_eq!(
            rules_of(&p),
            vec!["host_share", "position_share", "pay", "agreement", "cross_category", "first_year"]
        );
    }

    #[test]
    fn category_numbering_is_parallel() {
        let c = catalogs();
        for n in 41u8..=59 {
            let assoc = c.major(MajorLevel::Associate, &n.to_string()).expect("专科大类");
            let sec = c.major(MajorLevel::Secondary, &(n + 20).to_string()).expect("中职大类");
            assert_eq!(assoc.name, sec.name, "{n}");
            assert_eq!(normalise_category_code(&sec.code), Some(n));
            if let Some(bach) = c.major(MajorLevel::Bachelor, &(n - 20).to_string()) {
                assert_eq!(assoc.name, bach.name, "{n}");
            }
        }
    }
}
