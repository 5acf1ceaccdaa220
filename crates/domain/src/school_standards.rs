//! The standards check of a secondary vocational school's year (measure 五, 标准化建设):
//! 《中等职业学校设置标准》 (教育部, 教职成〔2010〕12号, 第二条–第八条) and the monitoring
//! indicators of 职业学校办学条件达标工程 (教育部等五部门), research-notes B1 and B2.
//!
//! # Sources
//! - 教职成〔2010〕12号 第二条–第八条 (text checked on a repost, tengyi66.com aid=99502; land
//!   and building figures usqiaobao.com 2022-09-09): 学历教育在校生 ≥ 1,200; 专任教师 ≥ 60;
//!   师生比 1:20; 高级专业技术职务 ≥ 20% of 专任教师; 专业教师 ≥ 50% of 专任教师; 双师型 ≥ 30% of
//!   专业教师; 校园占地 ≥ 40,000 m² and ≥ 33 m² per student; 校舍建筑面积 ≥ 24,000 m² and ≥ 20 m²
//!   per student.
//! - 达标工程 monitoring definitions (digipub.cc JG8L4DJP05569JFY): the four key monitored
//!   categories of 一般类中职 — campus (the four land and building figures), teachers (≥ 60,
//!   1:20), equipment (≥ 300万元, ≥ 2,500 元 per student), books (≥ 30 per student) — and
//!   the result classes 达标 / 基本达标 / 不达标.
//!
//! # The class rule (documented here because no official text defining 基本达标 was found)
//! A category is met when every indicator in it is met. **达标**: all four key categories
//! met. **基本达标**: exactly three met (one category falls short). **不达标**: two or more
//! fall short. When a key indicator is not assessed (its data was left out) the class
//! is not decided (`None`), never guessed. The other 设置标准 indicators (在校生, shares of
//! senior, specialty and 双师型 teachers) are reported but do not decide the class.
//!
//! A left-out field is "not assessed", never zero. Comparisons use the exact values; the
//! reported value is rounded to one decimal.

use serde::{Deserialize, Serialize};

/// The version of this rule set, stored with every result so that a past year's result
/// can be read against the rules it was computed with.
pub const RULE_VERSION: &str = "设置标准2010+达标工程监测v1";

/// One school-year's data. Every field is optional: a missing one is not assessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolYear {
    /// 学历教育在校生
    pub students: Option<u32>,
    /// 专任教师
    pub fulltime_teachers: Option<u32>,
    /// 具有高级专业技术职务的专任教师
    pub senior_title_teachers: Option<u32>,
    /// 专业教师 (among 专任教师)
    pub specialty_teachers: Option<u32>,
    /// 双师型 (among 专业教师)
    pub dual_qualified_teachers: Option<u32>,
    /// 兼职教师
    pub part_time_teachers: Option<u32>,
    pub land_m2: Option<f64>,
    pub building_m2: Option<f64>,
    pub equipment_yuan: Option<f64>,
    pub books: Option<u64>,
    pub ring_track_m: Option<f64>,
}

/// Upper bounds of the inputs (a school beyond them is a typing error).
pub const MAX_PEOPLE: u32 = 100_000;
pub const MAX_AREA_M2: f64 = 10_000_000.0;
pub const MAX_EQUIPMENT_YUAN: f64 = 10_000_000_000.0;
pub const MAX_BOOKS: u64 = 100_000_000;
pub const MAX_TRACK_M: f64 = 10_000.0;

/// (field, Chinese label) of every input, in form order.
pub const FIELDS: [(&str, &str); 11] = [
    ("students", "学历教育在校生数"),
    ("fulltime_teachers", "专任教师数"),
    ("senior_title_teachers", "具有高级专业技术职务的专任教师数"),
    ("specialty_teachers", "专业教师数"),
    ("dual_qualified_teachers", "双师型教师数"),
    ("part_time_teachers", "兼职教师数"),
    ("land_m2", "校园占地面积（平方米）"),
    ("building_m2", "校舍建筑面积（平方米）"),
    ("equipment_yuan", "仪器设备总值（元）"),
    ("books", "纸质图书（册）"),
    ("ring_track_m", "环形跑道（米）"),
];

pub fn field_label(key: &str) -> &'static str {
    FIELDS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l).unwrap_or("")
}

/// A problem with one input field.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub field: &'static str,
    pub message: String,
}

impl SchoolYear {
    /// Bounds and the consistency the definitions imply (a subset never exceeds its whole).
    pub fn validate(&self) -> Result<(), Vec<InputError>> {
        let mut errs = Vec::new();
        let mut err = |field: &'static str, message: String| errs.push(InputError { field, message });
        for (key, v) in [
            ("students", self.students),
            ("fulltime_teachers", self.fulltime_teachers),
            ("senior_title_teachers", self.senior_title_teachers),
            ("specialty_teachers", self.specialty_teachers),
            ("dual_qualified_teachers", self.dual_qualified_teachers),
            ("part_time_teachers", self.part_time_teachers),
        ] {
            if v.is_some_and(|n| n > MAX_PEOPLE) {
                err(key, format!("{}不能超过{MAX_PEOPLE}", field_label(key)));
            }
        }
        for (key, v, max) in [
            ("land_m2", self.land_m2, MAX_AREA_M2),
            ("building_m2", self.building_m2, MAX_AREA_M2),
            ("equipment_yuan", self.equipment_yuan, MAX_EQUIPMENT_YUAN),
            ("ring_track_m", self.ring_track_m, MAX_TRACK_M),
        ] {
            if let Some(x) = v
                && (!x.is_finite() || !(0.0..=max).contains(&x))
            {
                err(key, format!("{}须在0到{max}之间", field_label(key)));
            }
        }
        if self.books.is_some_and(|b| b > MAX_BOOKS) {
            err("books", format!("{}不能超过{MAX_BOOKS}", field_label("books")));
        }
        let within = |part: Option<u32>, whole: Option<u32>| matches!((part, whole), (Some(p), Some(w)) if p > w);
        if within(self.senior_title_teachers, self.fulltime_teachers) {
            err("senior_title_teachers", "具有高级专业技术职务的教师数不能多于专任教师数".into());
        }
        if within(self.specialty_teachers, self.fulltime_teachers) {
            err("specialty_teachers", "专业教师数不能多于专任教师数".into());
        }
        if within(self.dual_qualified_teachers, self.specialty_teachers) {
            err("dual_qualified_teachers", "双师型教师数不能多于专业教师数".into());
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }
}

/// The 达标工程's four key monitored categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Campus,
    Teachers,
    Equipment,
    Books,
}

impl Category {
    pub const ALL: [Category; 4] = [Category::Campus, Category::Teachers, Category::Equipment, Category::Books];
    pub fn name_zh(self) -> &'static str {
        match self {
            Category::Campus => "校园校舍",
            Category::Teachers => "师资队伍",
            Category::Equipment => "仪器设备",
            Category::Books => "图书",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// value ≥ threshold
    #[serde(rename = ">=")]
    AtLeast,
    /// value ≤ threshold
    #[serde(rename = "<=")]
    AtMost,
}

/// One indicator's rule.
pub struct Rule {
    pub key: &'static str,
    pub name_zh: &'static str,
    pub unit: &'static str,
    pub op: Op,
    pub threshold: f64,
    /// The key monitored category it belongs to, if any.
    pub category: Option<Category>,
    /// The source, in its official wording.
    pub basis: &'static str,
}

const SZBZ: &str = "《中等职业学校设置标准》（教职成〔2010〕12号）";
const DBGC: &str = "职业学校办学条件达标工程监测指标（一般类中职）";

/// The rule set, in report order.
pub const RULES: [Rule; 13] = [
    Rule { key: "students", name_zh: "学历教育在校生", unit: "人", op: Op::AtLeast, threshold: 1200.0, category: None,
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：学历教育在校生规模应在1200人以上" },
    Rule { key: "fulltime_teachers", name_zh: "专任教师", unit: "人", op: Op::AtLeast, threshold: 60.0, category: Some(Category::Teachers),
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：专任教师一般不少于60人；达标工程监测指标：专任教师不少于60人" },
    Rule { key: "student_teacher_ratio", name_zh: "生师比", unit: ":1", op: Op::AtMost, threshold: 20.0, category: Some(Category::Teachers),
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：师生比达到1:20；达标工程监测指标：生师比不高于20:1" },
    Rule { key: "senior_title_share", name_zh: "高级专业技术职务教师占专任教师比例", unit: "%", op: Op::AtLeast, threshold: 20.0, category: None,
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：具有高级专业技术职务人数不低于20%" },
    Rule { key: "specialty_teacher_share", name_zh: "专业教师占专任教师比例", unit: "%", op: Op::AtLeast, threshold: 50.0, category: None,
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：专业教师数应不低于本校专任教师数的50%" },
    Rule { key: "dual_qualified_share", name_zh: "双师型教师占专业教师比例", unit: "%", op: Op::AtLeast, threshold: 30.0, category: None,
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：其中双师型教师不低于30%" },
    Rule { key: "land_m2", name_zh: "校园占地面积", unit: "平方米", op: Op::AtLeast, threshold: 40000.0, category: Some(Category::Campus),
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：新建学校校园占地面积不少于40000平方米（不含教职工宿舍和相对独立的附属机构）" },
    Rule { key: "land_per_student", name_zh: "生均占地面积", unit: "平方米/生", op: Op::AtLeast, threshold: 33.0, category: Some(Category::Campus),
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：生均占地面积不少于33平方米" },
    Rule { key: "building_m2", name_zh: "校舍建筑面积", unit: "平方米", op: Op::AtLeast, threshold: 24000.0, category: Some(Category::Campus),
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：新建学校建筑规划面积不少于24000平方米" },
    Rule { key: "building_per_student", name_zh: "生均校舍建筑面积", unit: "平方米/生", op: Op::AtLeast, threshold: 20.0, category: Some(Category::Campus),
        basis: "《中等职业学校设置标准》（教职成〔2010〕12号）：生均校舍建筑面积不少于20平方米" },
    Rule { key: "equipment_yuan", name_zh: "仪器设备总值", unit: "元", op: Op::AtLeast, threshold: 3_000_000.0, category: Some(Category::Equipment),
        basis: "职业学校办学条件达标工程监测指标（一般类中职）：教学仪器设备总值不低于300万元" },
    Rule { key: "equipment_per_student", name_zh: "生均仪器设备值", unit: "元/生", op: Op::AtLeast, threshold: 2500.0, category: Some(Category::Equipment),
        basis: "职业学校办学条件达标工程监测指标（一般类中职）：生均教学仪器设备值不低于2500元" },
    Rule { key: "books_per_student", name_zh: "生均纸质图书", unit: "册/生", op: Op::AtLeast, threshold: 30.0, category: Some(Category::Books),
        basis: "职业学校办学条件达标工程监测指标（一般类中职）：生均纸质图书不少于30册" },
];

/// The two documents, for pages that list the sources.
pub const SOURCES: [&str; 2] = [SZBZ, DBGC];

pub fn rule(key: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.key == key)
}

/// One indicator's outcome. `value` and `met` are `None` when not assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorResult {
    pub key: String,
    pub value: Option<f64>,
    pub threshold: f64,
    pub met: Option<bool>,
    pub basis: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Class {
    #[serde(rename = "达标")]
    Met,
    #[serde(rename = "基本达标")]
    BasicallyMet,
    #[serde(rename = "不达标")]
    NotMet,
}

impl Class {
    pub fn name_zh(self) -> &'static str {
        match self {
            Class::Met => "达标",
            Class::BasicallyMet => "基本达标",
            Class::NotMet => "不达标",
        }
    }
    pub fn parse(s: &str) -> Option<Class> {
        [Class::Met, Class::BasicallyMet, Class::NotMet].into_iter().find(|c| c.name_zh() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub indicators: Vec<IndicatorResult>,
    /// `None` when a key indicator was not assessed.
    pub class: Option<Class>,
}

impl Evaluation {
    pub fn indicator(&self, key: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|i| i.key == key)
    }
    /// Whether every indicator of the category is met (`None`: some not assessed).
    pub fn category_met(&self, c: Category) -> Option<bool> {
        let mut all = true;
        for r in RULES.iter().filter(|r| r.category == Some(c)) {
            match self.indicator(r.key).and_then(|i| i.met) {
                None => return None,
                Some(m) => all &= m,
            }
        }
        Some(all)
    }
    /// Whether every key monitored indicator is met (the 80% / 90% target counts these).
    pub fn all_key_met(&self) -> bool {
        self.class == Some(Class::Met)
    }
}

fn per(num: Option<f64>, den: Option<u32>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0 => Some(n / d as f64),
        _ => None,
    }
}

fn share(num: Option<u32>, den: Option<u32>) -> Option<f64> {
    per(num.map(|n| n as f64 * 100.0), den)
}

/// Evaluate one school-year.
pub fn evaluate(y: &SchoolYear) -> Evaluation {
    let f = |v: Option<u32>| v.map(f64::from);
    let value = |key: &str| -> Option<f64> {
        match key {
            "students" => f(y.students),
            "fulltime_teachers" => f(y.fulltime_teachers),
            "student_teacher_ratio" => per(f(y.students), y.fulltime_teachers),
            "senior_title_share" => share(y.senior_title_teachers, y.fulltime_teachers),
            "specialty_teacher_share" => share(y.specialty_teachers, y.fulltime_teachers),
            "dual_qualified_share" => share(y.dual_qualified_teachers, y.specialty_teachers),
            "land_m2" => y.land_m2,
            "land_per_student" => per(y.land_m2, y.students),
            "building_m2" => y.building_m2,
            "building_per_student" => per(y.building_m2, y.students),
            "equipment_yuan" => y.equipment_yuan,
            "equipment_per_student" => per(y.equipment_yuan, y.students),
            "books_per_student" => per(y.books.map(|b| b as f64), y.students),
            _ => None,
        }
    };
    let indicators: Vec<IndicatorResult> = RULES
        .iter()
        .map(|r| {
            let v = value(r.key);
            let met = v.map(|v| match r.op {
                Op::AtLeast => v >= r.threshold,
                Op::AtMost => v <= r.threshold,
            });
            IndicatorResult { key: r.key.into(), value: v.map(|v| (v * 10.0).round() / 10.0), threshold: r.threshold, met, basis: r.basis.into() }
        })
        .collect();
    let mut e = Evaluation { indicators, class: None };
    e.class = classify(&Category::ALL.map(|c| e.category_met(c)));
    e
}

/// The documented class rule over the four categories (module docs).
pub fn classify(categories: &[Option<bool>; 4]) -> Option<Class> {
    let mut short = 0;
    for c in categories {
        match c {
            None => return None,
            Some(false) => short += 1,
            Some(true) => {}
        }
    }
    Some(match short {
        0 => Class::Met,
        1 => Class::BasicallyMet,
        _ => Class::NotMet,
    })
}

/// The 达标工程's targets for the share of schools meeting all key indicators:
/// ≥ 80% by the end of 2023, ≥ 90% by the end of 2025 (Xinhua repost, research-notes B2).
pub fn target_share(year: i32) -> Option<f64> {
    if year >= 2025 {
        Some(90.0)
    } else if year >= 2023 {
        Some(80.0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The issue's example school-year.
    fn example() -> SchoolYear {
        SchoolYear {
            students: Some(1500),
            fulltime_teachers: Some(70),
            senior_title_teachers: Some(15),
            specialty_teachers: Some(40),
            dual_qualified_teachers: Some(14),
            part_time_teachers: Some(12),
            land_m2: Some(52000.0),
            building_m2: Some(31000.0),
            equipment_yuan: Some(4_200_000.0),
            books: Some(48000),
            ring_track_m: Some(300.0),
        }
    }

    fn met(e: &Evaluation, key: &str) -> Option<bool> {
        e.indicator(key).unwrap().met
    }

    #[test]
    fn the_issue_example() {
        let e = evaluate(&example());
        let r = e.indicator("student_teacher_ratio").unwrap();
        assert_eq!(r.value, Some(21.4));
        assert_eq!(r.threshold, 20.0);
        assert_eq!(r.met, Some(false));
        assert_eq!(e.class, Some(Class::BasicallyMet));
        let keys: Vec<&str> = e.indicators.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "students", "fulltime_teachers", "student_teacher_ratio", "senior_title_share", "specialty_teacher_share", "dual_qualified_share",
                "land_m2", "land_per_student", "building_m2", "building_per_student", "equipment_yuan", "equipment_per_student", "books_per_student"
            ]
        );
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["class"], "基本达标");
        assert_eq!(json["indicators"][2]["threshold"], 20.0);
    }

    /// (students, teachers, expected ratio met)
    #[test]
    fn ratio_at_and_around_twenty() {
        for (students, teachers, expect) in [(1200, 60, true), (1201, 60, false), (1199, 60, true), (1220, 61, true), (1221, 61, false), (0, 60, true)] {
            let e = evaluate(&SchoolYear { students: Some(students), fulltime_teachers: Some(teachers), ..Default::default() });
            assert_eq!(met(&e, "student_teacher_ratio"), Some(expect), "{students}/{teachers}");
        }
    }

    /// (key, field setter, value just below, at, just above)
    #[test]
    fn absolute_thresholds() {
        let cases: [(&str, fn(&mut SchoolYear, f64), f64); 5] = [
            ("students", |y, v| y.students = Some(v as u32), 1200.0),
            ("fulltime_teachers", |y, v| y.fulltime_teachers = Some(v as u32), 60.0),
            ("land_m2", |y, v| y.land_m2 = Some(v), 40000.0),
            ("building_m2", |y, v| y.building_m2 = Some(v), 24000.0),
            ("equipment_yuan", |y, v| y.equipment_yuan = Some(v), 3_000_000.0),
        ];
        for (key, set, t) in cases {
            for (v, expect) in [(t - 1.0, false), (t, true), (t + 1.0, true)] {
                let mut y = SchoolYear::default();
                set(&mut y, v);
                assert_eq!(met(&evaluate(&y), key), Some(expect), "{key} = {v}");
            }
        }
    }

    #[test]
    fn per_student_thresholds() {
        // 1,000 students: land 33,000 m² is exactly 33 per student.
        let base = SchoolYear { students: Some(1000), ..Default::default() };
        let cases: [(&str, fn(&mut SchoolYear, f64), f64); 4] = [
            ("land_per_student", |y, v| y.land_m2 = Some(v), 33_000.0),
            ("building_per_student", |y, v| y.building_m2 = Some(v), 20_000.0),
            ("equipment_per_student", |y, v| y.equipment_yuan = Some(v), 2_500_000.0),
            ("books_per_student", |y, v| y.books = Some(v as u64), 30_000.0),
        ];
        for (key, set, at) in cases {
            for (v, expect) in [(at - 1.0, false), (at, true), (at + 1.0, true)] {
                let mut y = base.clone();
                set(&mut y, v);
                assert_eq!(met(&evaluate(&y), key), Some(expect), "{key} with {v}");
            }
        }
    }

    #[test]
    fn shares_at_and_around_their_thresholds() {
        // Of 100 专任 teachers: (senior, expected met).
        for (n, expect) in [(19, false), (20, true), (21, true)] {
            let y = SchoolYear { fulltime_teachers: Some(100), senior_title_teachers: Some(n), ..Default::default() };
            assert_eq!(met(&evaluate(&y), "senior_title_share"), Some(expect), "senior {n}");
        }
        for (n, expect) in [(49, false), (50, true), (51, true)] {
            let y = SchoolYear { fulltime_teachers: Some(100), specialty_teachers: Some(n), ..Default::default() };
            assert_eq!(met(&evaluate(&y), "specialty_teacher_share"), Some(expect), "specialty {n}");
        }
        // 双师型 is over the 专业教师: 12 of 40 is exactly 30%.
        for (n, expect) in [(11, false), (12, true), (13, true)] {
            let y = SchoolYear { fulltime_teachers: Some(80), specialty_teachers: Some(40), dual_qualified_teachers: Some(n), ..Default::default() };
            assert_eq!(met(&evaluate(&y), "dual_qualified_share"), Some(expect), "dual {n}");
        }
    }

    #[test]
    fn a_left_out_field_is_not_assessed_never_zero() {
        let e = evaluate(&SchoolYear { students: Some(1500), ..Default::default() });
        let books = e.indicator("books_per_student").unwrap();
        assert_eq!((books.value, books.met), (None, None));
        assert_eq!(e.class, None);
        let json = serde_json::to_value(&e).unwrap();
        assert!(json["indicators"][12]["value"].is_null());
        assert!(json["class"].is_null());
        // Zero teachers: the ratio cannot be computed, the head count fails.
        let e = evaluate(&SchoolYear { students: Some(1500), fulltime_teachers: Some(0), ..Default::default() });
        assert_eq!(met(&e, "student_teacher_ratio"), None);
        assert_eq!(met(&e, "fulltime_teachers"), Some(false));
    }

    #[test]
    fn classes_over_the_four_categories() {
        let t = Some(true);
        let f = Some(false);
        assert_eq!(classify(&[t, t, t, t]), Some(Class::Met));
        assert_eq!(classify(&[t, f, t, t]), Some(Class::BasicallyMet));
        assert_eq!(classify(&[f, f, t, t]), Some(Class::NotMet));
        assert_eq!(classify(&[f, f, f, f]), Some(Class::NotMet));
        assert_eq!(classify(&[t, None, t, t]), None);
        let mut y = example();
        y.fulltime_teachers = Some(75); // 20.0:1
        assert_eq!(evaluate(&y).class, Some(Class::Met));
        y.books = Some(44_999); // 29.999 per student
        assert_eq!(evaluate(&y).class, Some(Class::BasicallyMet));
        y.land_m2 = Some(39_999.0);
        assert_eq!(evaluate(&y).class, Some(Class::NotMet));
    }

    #[test]
    fn validation_bounds_and_subsets() {
        assert!(example().validate().is_ok());
        let y = SchoolYear { fulltime_teachers: Some(10), senior_title_teachers: Some(11), ..Default::default() };
        assert_eq!(y.validate().unwrap_err()[0].field, "senior_title_teachers");
        let y = SchoolYear { specialty_teachers: Some(10), dual_qualified_teachers: Some(10), ..Default::default() };
        assert!(y.validate().is_ok());
        let y = SchoolYear { land_m2: Some(-1.0), students: Some(MAX_PEOPLE + 1), ..Default::default() };
        assert_eq!(y.validate().unwrap_err().len(), 2);
        let y = SchoolYear { land_m2: Some(f64::NAN), ..Default::default() };
        assert!(y.validate().is_err());
        assert!(serde_json::from_str::<SchoolYear>(r#"{"studnets":1}"#).is_err());
    }

    #[test]
    fn targets_by_year() {
        assert_eq!(target_share(2022), None);
        assert_eq!(target_share(2023), Some(80.0));
        assert_eq!(target_share(2024), Some(80.0));
        assert_eq!(target_share(2025), Some(90.0));
        assert_eq!(target_share(2026), Some(90.0));
    }
}
