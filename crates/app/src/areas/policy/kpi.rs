//! Indicators computed live from the platform's own data. An indicator whose module
//! is not built yet has no source and shows "暂无数据" (no data), never a number.
//!
//! 对接主导产业链专业 (majors aligned with the zone's lead industry chains): a major
//! counts as aligned when its 2021 catalogue class (the first four digits of the
//! secondary-level code) is one of [`CHAIN_CLASSES`]. The chains are the zone's
//! lead industries (shared/domain/research-notes.md §C2): 新材料, 生物医药与医疗器械,
//! 电子信息/MEMS 智能微系统, 智能制造. Higher-level majors (专科/本科, other codes)
//! are not in the list yet and count as not aligned.

use crate::entity::{organization, school_major};
use crate::error::AppResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// (class code, class name, chain)
pub const CHAIN_CLASSES: [(&str, &str, &str); 14] = [
    ("6304", "黑色金属材料类", "新材料"),
    ("6305", "有色金属材料类", "新材料"),
    ("6307", "建筑材料类", "新材料"),
    ("6702", "化工技术类", "新材料"),
    ("6701", "生物技术类", "生物医药与医疗器械"),
    ("6902", "药品与医疗器械类", "生物医药与医疗器械"),
    ("7203", "药学类", "生物医药与医疗器械"),
    ("7101", "电子信息类", "电子信息（MEMS）"),
    ("7102", "计算机类", "电子信息（MEMS）"),
    ("7103", "通信类", "电子信息（MEMS）"),
    ("7104", "集成电路类", "电子信息（MEMS）"),
    ("6601", "机械设计制造类", "智能制造"),
    ("6602", "机电设备类", "智能制造"),
    ("6603", "自动化类", "智能制造"),
];

pub struct Indicator {
    pub key: &'static str,
    pub name_zh: &'static str,
    pub unit: &'static str,
    /// A starting target the district administrator adjusts per binding.
    pub default_target: f64,
    /// On accepting a policy, the indicator binds to the first measure whose text
    /// contains one of these phrases.
    pub keywords: &'static [&'static str],
    /// Whether the platform holds the data yet.
    pub available: bool,
}

pub const INDICATORS: &[Indicator] = &[
    Indicator { key: "vocational_schools", name_zh: "职业院校数", unit: "所", default_target: 3.0, keywords: &["职业院校发展规划"], available: true },
    Indicator { key: "school_majors", name_zh: "职业院校开设专业数", unit: "个", default_target: 15.0, keywords: &["统筹专业设置"], available: true },
    Indicator {
        key: "aligned_major_share",
        name_zh: "对接主导产业链专业占比",
        unit: "%",
        default_target: 80.0,
        keywords: &["专业设置与区域产业发展", "动态调整专业设置"],
        available: true,
    },
    Indicator {
        key: "career_enlightenment_coverage",
        name_zh: "中小学职业启蒙教育覆盖率",
        unit: "%",
        default_target: 100.0,
        keywords: &["职业启蒙"],
        available: true,
    },
    Indicator {
        key: "career_enlightenment_bases",
        name_zh: "市级中小学职业启蒙和劳动教育基地",
        unit: "个",
        default_target: 1.0,
        keywords: &["职业启蒙和劳动教育基地"],
        available: true,
    },
    Indicator { key: "vocational_general_classes", name_zh: "职普融通班", unit: "个", default_target: 1.0, keywords: &["职普融通班"], available: true },
    Indicator { key: "cooperation_agreements", name_zh: "校企合作协议", unit: "份", default_target: 10.0, keywords: &["校企合作"], available: true },
    Indicator { key: "job_fairs", name_zh: "本年度校企供需见面会", unit: "场", default_target: 4.0, keywords: &["供需见面会"], available: true },
    Indicator {
        key: "talent_report_months",
        name_zh: "发布产业人才需求报告的月份",
        unit: "个月",
        default_target: 12.0,
        keywords: &["人才需求信息报告"],
        available: true,
    },
    Indicator { key: "trainees", name_zh: "职业技能培训人次", unit: "人次", default_target: 1000.0, keywords: &["职业技能培训"], available: true },
    // Measure (二): warnings of the majors map (areas::majors), advice for 撤并整合.
    Indicator { key: "major_warnings", name_zh: "专业预警数（中职）", unit: "条", default_target: 0.0, keywords: &["撤并整合"], available: true },
    // Measure (七): specialty groups serving a lead industry chain.
    Indicator { key: "specialty_groups_lead_chains", name_zh: "对接主导产业链的专业群", unit: "个", default_target: 4.0, keywords: &["专业群"], available: true },
    // Measure (八): filings the district approved (备案) this year.
    Indicator { key: "major_filings_approved", name_zh: "本年度专业调整备案数", unit: "个", default_target: 3.0, keywords: &["申报备案"], available: true },
    Indicator { key: "party_activities", name_zh: "本年度学校党建和思政活动", unit: "次", default_target: 24.0, keywords: &["加强党的全面领导"], available: true },
    Indicator { key: "schools_meeting_standards_share", name_zh: "办学条件重点监测指标全部达标的中职学校占比", unit: "%", default_target: 90.0, keywords: &["标准化建设"], available: true },
    Indicator { key: "dual_qualified_share", name_zh: "双师型教师占专业教师比例", unit: "%", default_target: 50.0, keywords: &["三教"], available: true },
    Indicator { key: "competition_awards", name_zh: "本年度技能大赛获奖", unit: "项", default_target: 10.0, keywords: &["举办职业院校技能大赛"], available: true },
    Indicator { key: "competitions_hosted", name_zh: "本年度辖区学校承办技能大赛", unit: "场", default_target: 1.0, keywords: &["承办"], available: true },
    Indicator { key: "base_bookings", name_zh: "公共实训基地本年度已批准预约", unit: "次", default_target: 100.0, keywords: &["公共实训基地"], available: true },
    Indicator { key: "fusion_reserve", name_zh: "产教融合型企业培育库企业", unit: "家", default_target: 5.0, keywords: &["产教融合型企业"], available: true },
    // Measure (九): 技能名师工作室 and 教学创新团队; teaching cases and textbooks finished.
    Indicator { key: "studios_and_teams", name_zh: "技能名师工作室和教学创新团队", unit: "个", default_target: 5.0, keywords: &["技能名师工作室"], available: true },
    Indicator { key: "teaching_reform_items", name_zh: "已完成的教学典型案例和特色教材", unit: "项", default_target: 10.0, keywords: &["典型案例"], available: true },
];

/// The calendar year the "this year" indicators count (China Standard Time).
fn this_year() -> i32 {
    use chrono::Datelike;
    (chrono::Utc::now() + chrono::Duration::hours(8)).year()
}

pub fn indicator(key: &str) -> Option<&'static Indicator> {
    INDICATORS.iter().find(|i| i.key == key)
}

pub fn is_aligned(major_code: &str) -> bool {
    major_code.get(..4).is_some_and(|c| CHAIN_CLASSES.iter().any(|(k, _, _)| *k == c))
}

/// The indicator's value now; `None` when the platform has no data for it.
pub async fn value<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<Option<f64>> {
    Ok(match key {
        "vocational_schools" => {
            Some(organization::Entity::find().filter(organization::Column::Kind.eq("vocational_school")).count(db).await? as f64)
        }
        "school_majors" => Some(school_major::Entity::find().count(db).await? as f64),
        "aligned_major_share" => {
            let majors = school_major::Entity::find().all(db).await?;
            if majors.is_empty() {
                None
            } else {
                let aligned = majors.iter().filter(|m| is_aligned(&m.major_code)).count();
                Some((aligned as f64 * 1000.0 / majors.len() as f64).round() / 10.0)
            }
        }
        "major_warnings" => crate::areas::majors::warning_count(db).await?,
        "specialty_groups_lead_chains" => crate::areas::majors::groups_serving_chains(db).await?,
        "major_filings_approved" => crate::areas::majors::filings_approved_this_year(db).await?,
        // Schools (issue 11): each figure from its one place in the area.
        "party_activities" => Some(crate::areas::schools::activities::count_in_year(db, crate::areas::schools::this_year()).await? as f64),
        "schools_meeting_standards_share" => {
            crate::areas::schools::share_met_by_year(db).await?.into_iter().find(|y| y.year <= crate::areas::schools::this_year()).and_then(|y| y.share_met)
        }
        "dual_qualified_share" => crate::areas::schools::district_dual_share(db).await?,
        "competition_awards" => Some(crate::areas::competitions::awards_in_year(db, crate::areas::schools::this_year()).await? as f64),
        "competitions_hosted" => Some(crate::areas::competitions::hosted_in_year(db, crate::areas::schools::this_year()).await? as f64),
        "cooperation_agreements" => Some(crate::areas::cooperation::confirmed_count(db).await? as f64),
        "base_bookings" => Some(crate::areas::bases::bookings_this_year(db).await? as f64),
        "fusion_reserve" => Some(crate::areas::cooperation::fusion::reserve_count(db).await? as f64),
        "career_enlightenment_coverage" => crate::areas::enlightenment::coverage_on(db, crate::areas::enlightenment::today()).await?.percent,
        "career_enlightenment_bases" => Some(crate::areas::enlightenment::municipal_bases(db).await? as f64),
        "vocational_general_classes" => Some(crate::areas::general_vocational::class_count(db).await? as f64),
        "trainees" => Some(crate::areas::training::figures_for(db, None).await?.enrolled as f64),
        "job_fairs" => Some(crate::areas::fairs::held_in_year(db, this_year()).await? as f64),
        "studios_and_teams" => Some(crate::areas::schools::reform::group_count(db).await? as f64),
        "teaching_reform_items" => Some(crate::areas::schools::reform::finished_item_count(db).await? as f64),
        "talent_report_months" => Some(crate::areas::report::published_months_in_year(db, this_year()).await? as f64),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_classes_are_real_secondary_classes() {
        use zhijiao_domain::catalog::{MajorLevel, catalogs};
        for (code, name, _) in CHAIN_CLASSES {
            let m = catalogs().major(MajorLevel::Secondary, code).unwrap_or_else(|| panic!("class {code}"));
            assert_eq!(m.name, name);
        }
        assert!(is_aligned("660301"));
        assert!(!is_aligned("730801"));
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = INDICATORS.iter().map(|i| i.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), INDICATORS.len());
    }
}
