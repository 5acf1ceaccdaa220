//! The quality-assessment scorecard (办学质量考核, measure 五; research-notes B3).
//!
//! Shandong's current 中职办学质量考核办法 text was not found, so the method is
//! configurable: items with maximum points, each scored by hand (with evidence) or
//! computed from a platform figure, and grade bands. The shipped preset follows the 2012
//! 《山东省中等职业学校分级标准（试行）》: 16 items, 500 points, 合格 ≥ 300, 规范化 ≥ 370,
//! 示范性 ≥ 430 (m.3l9m6z.cn 2012-11-17). Of its items, eight names are verified
//! (办学方针与战略管理, 领导与决策, 运行管理, 课程建设与改革, 实习基地, 教师素质,
//! 学生技能竞赛与鉴定, 学校声誉与学生满意度). The original text with the other eight items and
//! the points per item was not available (research notes B3: the 2012 text and Shandong's
//! current 考核办法 were not retrieved), so the other eight items are the platform's own
//! additions (each bound to a platform figure or to the district's evaluation) and the
//! points per item are the platform's split of the 500 points; the preset's name says so,
//! on the page, without internal notes, and the district edits it like any method.
//!
//! A method is stored with each result (its version), so a past year keeps its method.

use serde::{Deserialize, Serialize};

/// Where an item's points come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Scored by the school and the district, with evidence.
    Entered,
    /// Share of the standards check's indicators met (school_standards).
    Standards,
    /// 对口就业率 of the school's graduates (employment, one place: destinations).
    Destinations,
    /// Awards in skills competitions this year ([`competition_fraction`]).
    Competitions,
    /// 双师型 share of 专业教师 against the 50% target (research-notes B11).
    TeacherDevelopment,
    /// 校企合作成效 (0–100) from the cooperation registry.
    Cooperation,
}

impl Source {
    pub const ALL: [Source; 6] =
        [Source::Entered, Source::Standards, Source::Destinations, Source::Competitions, Source::TeacherDevelopment, Source::Cooperation];
    pub fn name_zh(self) -> &'static str {
        match self {
            Source::Entered => "人工评分（附佐证）",
            Source::Standards => "平台计算：设置标准达标情况",
            Source::Destinations => "平台计算：毕业生对口就业率",
            Source::Competitions => "平台计算：技能大赛获奖",
            Source::TeacherDevelopment => "平台计算：双师型教师占比",
            Source::Cooperation => "平台计算：校企合作成效",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Source::Entered => "entered",
            Source::Standards => "standards",
            Source::Destinations => "destinations",
            Source::Competitions => "competitions",
            Source::TeacherDevelopment => "teacher_development",
            Source::Cooperation => "cooperation",
        }
    }
    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|x| x.key() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub name: String,
    pub max_points: u32,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub name: String,
    pub min_points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Method {
    pub name: String,
    pub items: Vec<Item>,
    /// Ascending by `min_points`.
    pub bands: Vec<Band>,
}

pub const MAX_ITEMS: usize = 40;
pub const MAX_POINTS: u32 = 1000;

impl Method {
    pub fn total_points(&self) -> u32 {
        self.items.iter().map(|i| i.max_points).sum()
    }

    /// Items named and bounded, bands ascending and reachable.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut errs = Vec::new();
        if self.name.trim().is_empty() || self.name.chars().count() > 80 {
            errs.push("考核办法名称须为1到80个字".to_string());
        }
        if self.items.is_empty() || self.items.len() > MAX_ITEMS {
            errs.push(format!("考核项目须为1到{MAX_ITEMS}项"));
        }
        for (i, it) in self.items.iter().enumerate() {
            if it.name.trim().is_empty() || it.name.chars().count() > 60 {
                errs.push(format!("第{}项：项目名称须为1到60个字", i + 1));
            }
            if it.max_points == 0 || it.max_points > MAX_POINTS {
                errs.push(format!("第{}项：满分须为1到{MAX_POINTS}之间的整数", i + 1));
            }
        }
        let total = self.total_points();
        if self.bands.is_empty() {
            errs.push("至少设置一个等级".into());
        }
        for w in self.bands.windows(2) {
            if w[1].min_points <= w[0].min_points {
                errs.push(format!("等级“{}”的最低分须高于“{}”", w[1].name, w[0].name));
            }
        }
        for b in &self.bands {
            if b.name.trim().is_empty() || b.name.chars().count() > 20 {
                errs.push("等级名称须为1到20个字".into());
            }
            if b.min_points > total {
                errs.push(format!("等级“{}”的最低分{}超过总分{}", b.name, b.min_points, total));
            }
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }

    /// The highest band the total reaches (`None`: below every band, 不合格).
    pub fn grade(&self, total: f64) -> Option<&Band> {
        self.bands.iter().rev().find(|b| total >= b.min_points as f64)
    }
}

/// Points of a computed item: its maximum times the fraction (clamped to 0–1), to the
/// half point.
pub fn points(max_points: u32, fraction: f64) -> f64 {
    let f = if fraction.is_finite() { fraction.clamp(0.0, 1.0) } else { 0.0 };
    (max_points as f64 * f * 2.0).round() / 2.0
}

/// Weight of an award by the competition's level: 国家/世界 5, 省 3, 市 2, 区/校 1.
/// Twenty weighted awards in a year earn the full points.
pub const FULL_COMPETITION_WEIGHT: u32 = 20;

pub fn award_weight(level: &str) -> u32 {
    match level {
        "world" | "national" => 5,
        "provincial" => 3,
        "municipal" => 2,
        "district" | "school" => 1,
        _ => 0,
    }
}

pub fn competition_fraction(award_levels: &[&str]) -> f64 {
    let w: u32 = award_levels.iter().map(|l| award_weight(l)).sum();
    (w as f64 / FULL_COMPETITION_WEIGHT as f64).min(1.0)
}

/// 双师型 share (percent of 专业教师) against the 50% target: 50% or more earns full points.
pub fn teacher_development_fraction(dual_share_pct: f64) -> f64 {
    (dual_share_pct / 50.0).clamp(0.0, 1.0)
}

pub const PRESET_2012_NAME: &str = "参照2012年山东省中等职业学校分级标准（试行）的预置方案（前8项名称取自该标准，后8项及各项分值为平台拟定）";

/// The 2012 preset: 16 items, 500 points, 合格 300 / 规范化 370 / 示范性 430.
pub fn preset_2012() -> Method {
    let item = |name: &str, max_points: u32, source: Source| Item { name: name.into(), max_points, source };
    use Source::*;
    Method {
        name: PRESET_2012_NAME.into(),
        items: vec![
            item("办学方针与战略管理", 30, Entered),
            item("领导与决策", 30, Entered),
            item("运行管理", 30, Entered),
            item("课程建设与改革", 35, Entered),
            item("实习基地", 30, Entered),
            item("教师素质", 35, TeacherDevelopment),
            item("学生技能竞赛与鉴定", 35, Competitions),
            item("学校声誉与学生满意度", 30, Entered),
            item("办学条件", 35, Standards),
            item("就业质量", 30, Destinations),
            item("校企合作", 30, Cooperation),
            item("德育工作", 30, Entered),
            item("专业建设", 30, Entered),
            item("学生管理", 30, Entered),
            item("社会服务", 30, Entered),
            item("特色与创新", 30, Entered),
        ],
        bands: vec![
            Band { name: "合格".into(), min_points: 300 },
            Band { name: "规范化".into(), min_points: 370 },
            Band { name: "示范性".into(), min_points: 430 },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2012_preset() {
        let m = preset_2012();
        assert_eq!(m.items.len(), 16);
        assert_eq!(m.total_points(), 500);
        assert!(m.validate().is_ok());
        // Labelled honestly on the page: no internal notes in the names, and the name says
        // which part comes from the 2012 standard and which from the platform.
        assert!(m.items.iter().all(|i| !i.name.contains('（') && !i.name.contains("待")), "{:?}", m.items);
        assert!(m.name.contains("2012") && m.name.contains("平台拟定"));
        for verified in ["办学方针与战略管理", "领导与决策", "运行管理", "课程建设与改革", "实习基地", "教师素质", "学生技能竞赛与鉴定", "学校声誉与学生满意度"] {
            assert!(m.items[..8].iter().any(|i| i.name == verified), "{verified}");
        }
        for (total, band) in [(299.5, None), (300.0, Some("合格")), (369.5, Some("合格")), (370.0, Some("规范化")), (429.5, Some("规范化")), (430.0, Some("示范性")), (500.0, Some("示范性"))] {
            assert_eq!(m.grade(total).map(|b| b.name.as_str()), band, "{total}");
        }
    }

    #[test]
    fn invalid_methods_are_named() {
        let mut m = preset_2012();
        m.bands.swap(0, 1);
        assert!(m.validate().unwrap_err()[0].contains("最低分须高于"));
        let mut m = preset_2012();
        m.bands[2].min_points = 501;
        assert!(m.validate().is_err());
        let mut m = preset_2012();
        m.items[0].max_points = 0;
        assert_eq!(m.validate().unwrap_err(), vec!["第1项：满分须为1到1000之间的整数".to_string()]);
        let mut m = preset_2012();
        m.items.clear();
        assert!(m.validate().is_err());
    }

    #[test]
    fn computed_points() {
        assert_eq!(points(30, 0.5), 15.0);
        assert_eq!(points(35, 0.01), 0.5);
        assert_eq!(points(35, 0.007), 0.0);
        assert_eq!(points(30, 1.5), 30.0);
        assert_eq!(points(30, -1.0), 0.0);
        assert_eq!(points(30, f64::NAN), 0.0);
        assert_eq!(competition_fraction(&[]), 0.0);
        assert_eq!(competition_fraction(&["national", "provincial", "municipal", "school"]), 11.0 / 20.0);
        assert_eq!(competition_fraction(&["world"; 4]), 1.0);
        assert_eq!(competition_fraction(&["world"; 5]), 1.0);
        assert_eq!(teacher_development_fraction(49.9), 0.998);
        assert_eq!(teacher_development_fraction(50.0), 1.0);
        assert_eq!(teacher_development_fraction(70.0), 1.0);
    }
}
