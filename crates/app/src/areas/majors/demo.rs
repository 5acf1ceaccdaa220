//! The demo zone's majors: yearly figures 2022–2026 for every offering of the demo schools,
//! three specialty groups (the seed's 智能设备运行与维护 group of 中德莱茵智能科技学校 among
//! them), and data that shows each warning on the map:
//! - size_cap: the small offerings (fewer than 200 on roll);
//! - saturation: 710201 at two of the three schools (from the demo's offerings);
//! - dormant: 660702 at the technical school, suspended and without students 2024–2026;
//! - shortage: 660702 (and 730801) suspended from 2026 while the report's ★4–★5
//!   occupations and postings want them, as do catalogue majors no school offers;
//! - chain_gap: no group serves 新材料;
//! - low_destination: 690207 at the technical school placed few of its 2025 and 2026
//!   graduates (extra synthetic graduates with recorded destinations), while the other
//!   offerings' 2025 graduates were placed well.
//!
//! Figures are synthetic and deterministic.

use crate::areas::destinations::{self as dest, DestinationInput, Graduate};
use crate::auth::Ctx;
use crate::entity::{graduate_destination as gd, major_batch as batch, major_filing as filing, major_year_figure as fig, organization, school_major, specialty_group as group, student};
use crate::error::AppResult;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use zhijiao_domain::majors::MajorStatus;

const TECH: &str = "淄博高新区技工学校（示例）";
const INFO: &str = "淄博信息工程学校（示例）";
const RHEIN: &str = "中德莱茵智能科技学校";

/// (school, group name, chain, core major, related majors)
const GROUPS: [(&str, &str, &str, &str, &[&str]); 3] = [
    (RHEIN, "智能设备运行与维护专业群", "智能制造", "660201", &["660301", "660302", "660303", "660103"]),
    (INFO, "电子信息技术专业群", "MEMS/电子信息", "710103", &["710201"]),
    (TECH, "生物医药专业群", "生物医药与医疗器械", "690201", &["690207"]),
];

/// The offering whose graduates are placed poorly, and the suspended ones.
const LOW: (&str, &str) = (TECH, "690207");
const DORMANT: (&str, &str) = (TECH, "660702");
const SHORT: (&str, &str) = (INFO, "730801");

pub async fn seed<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> AppResult<()> {
    let mut rng = StdRng::seed_from_u64(2026_1204);
    let schools: Vec<organization::Model> = organization::Entity::find()
        .filter(organization::Column::Kind.eq("vocational_school"))
        .filter(organization::Column::Name.is_in([RHEIN, INFO, TECH]))
        .order_by_asc(organization::Column::Id)
        .all(db)
        .await?;
    let id_of = |name: &str| schools.iter().find(|s| s.name == name).map(|s| s.id);
    let now = chrono::Utc::now();
    let mut rows = Vec::new();
    for s in &schools {
        let offerings = school_major::Entity::find().filter(school_major::Column::OrgId.eq(s.id)).order_by_asc(school_major::Column::Id).all(db).await?;
        for (i, o) in offerings.iter().enumerate() {
            let key = (s.name.as_str(), o.major_code.as_str());
            // New students a year: the 中德莱茵 core majors are large, others vary.
            let base: i32 = if s.name == RHEIN && i < 3 { 110 } else { 45 + rng.random_range(0..50) };
            let mut intake = Vec::new();
            for year in 2020..=2026 {
                let n = if key == DORMANT && year >= 2024 || key == SHORT && year >= 2026 { 0 } else { base + rng.random_range(-8..=8) };
                intake.push((year, n));
            }
            for year in 2022..=2026 {
                let at = |y: i32| intake.iter().find(|(yy, _)| *yy == y).map(|(_, n)| *n).unwrap_or(0);
                // On roll: the three cohorts in school (a few leave), graduates: the cohort three years earlier.
                let on_roll = (at(year) + at(year - 1) + at(year - 2)) * 96 / 100;
                rows.push(fig::ActiveModel {
                    org_id: Set(s.id),
                    level: Set(o.level.clone()),
                    major_code: Set(o.major_code.clone()),
                    year: Set(year),
                    enrolment: Set(at(year)),
                    on_roll: Set(on_roll),
                    graduates: Set(at(year - 3) * 93 / 100),
                    ..Default::default()
                });
            }
            let status = if key == DORMANT || key == SHORT { Some(MajorStatus::Suspended) } else { None };
            if let Some(st) = status {
                let mut am: school_major::ActiveModel = o.clone().into();
                am.status = Set(st.key().into());
                am.update(db).await?;
            }
        }
    }
    fig::Entity::insert_many(rows).exec(db).await?;

    for (school, name, chain, core, related) in GROUPS {
        let Some(org_id) = id_of(school) else { continue };
        let g = group::ActiveModel {
            org_id: Set(org_id),
            name: Set(name.into()),
            level: Set("secondary".into()),
            core_major_code: Set(core.into()),
            chain: Set(chain.into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        school_major::Entity::update_many()
            .col_expr(school_major::Column::GroupId, sea_orm::sea_query::Expr::value(g.id))
            .filter(school_major::Column::OrgId.eq(org_id))
            .filter(school_major::Column::MajorCode.is_in(std::iter::once(core).chain(related.iter().copied())))
            .exec(db)
            .await?;
    }

    // Destinations of synthetic graduates: the 2025 cohort of every offering (placed well,
    // one a little less), and more 2026 graduates of the poorly placed offering.
    let mut n = 0usize;
    for s in &schools {
        let offerings = school_major::Entity::find().filter(school_major::Column::OrgId.eq(s.id)).order_by_asc(school_major::Column::Id).all(db).await?;
        for (i, o) in offerings.iter().enumerate() {
            let key = (s.name.as_str(), o.major_code.as_str());
            let placed_2025 = if key == LOW { 3 } else if i == 1 && s.name == INFO { 6 } else { 8 + (i % 3) };
            graduates(db, &mut rng, s.id, &o.major_code, 2025, 10, placed_2025, &mut n).await?;
            if key == LOW {
                graduates(db, &mut rng, s.id, &o.major_code, 2026, 12, 2, &mut n).await?;
            }
        }
    }
    // This year's batch, closed, with the suspension of 730801 filed; next year's batch open.
    let closed = batch::ActiveModel {
        year: Set(2026),
        title: Set("2026年度专业设置调整申报备案".into()),
        status: Set("closed".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    batch::ActiveModel { year: Set(2027), title: Set("2027年度专业设置调整申报备案".into()), status: Set("open".into()), created_at: Set(now), ..Default::default() }
        .insert(db)
        .await?;
    if let Some(info) = id_of(INFO) {
        filing::ActiveModel {
            batch_id: Set(closed.id),
            org_id: Set(info),
            kind: Set(super::FilingKind::Suspend.key().into()),
            level: Set("secondary".into()),
            major_code: Set(SHORT.1.into()),
            major_name: Set("物流服务与管理".into()),
            length_years: Set(3),
            reason: Set("近三年报考人数下降，师资转入电子信息技术专业群；停招后在校生按原计划完成学业。".into()),
            teaching_plan: Set(String::new()),
            teachers: Set(String::new()),
            facilities: Set(String::new()),
            partners: Set(String::new()),
            status: Set(super::FilingStatus::Approved.key().into()),
            review_comment: Set(Some("同意停招。请做好在校生培养工作。".into())),
            record_no: Set(Some("高新教体专备〔2026〕1号".into())),
            record_date: Set(Some(super::today())),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let (pathways, resources) = seed_pathways_and_resources(db, &id_of).await?;
    crate::audit::record(
        db,
        ctx,
        crate::audit::Entry::new(
            "demo",
            "school_major",
            "demo",
            format!("载入演示专业数据：年度数据、专业群 {}个、毕业去向 {n} 条、贯通培养项目 {pathways} 个、专业师资与实训室 {resources} 条", GROUPS.len()),
        ),
    )
        .await?;
    Ok(())
}

/// `total` graduates of a school's major in a cohort, `placed` of them going on to study
/// (境内升学), the others seeking work (待就业), at the 初次 snapshot.
#[allow(clippy::too_many_arguments)]
async fn graduates<C: ConnectionTrait>(
    db: &C,
    rng: &mut StdRng,
    org_id: i64,
    major: &str,
    year: i32,
    total: usize,
    placed: usize,
    n: &mut usize,
) -> AppResult<()> {
    let now = chrono::Utc::now();
    let mut students = Vec::new();
    for k in 0..total {
        let id = crate::demo::resident_id(rng, year - 18);
        students.push(student::ActiveModel {
            org_id: Set(org_id),
            student_no: Set(format!("G{year}{major}{k:02}")),
            name: Set(crate::demo::chinese_name(rng)),
            gender_code: Set(if (id.as_bytes()[16] - b'0') % 2 == 1 { "1" } else { "2" }.into()),
            id_type: Set("1".into()),
            birth_date: Set(chrono::NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").ok()),
            id_number: Set(id),
            major_level: Set("secondary".into()),
            major_code: Set(major.into()),
            enrollment_ym: Set(Some(format!("{}-09", year - 3))),
            study_years: Set(Some("3".into())),
            status: Set("毕业".into()),
            graduation_year: Set(Some(year)),
            is_demo: Set(true),
            created_at: Set(now),
            ..Default::default()
        });
    }
    let mut rows = Vec::new();
    for (k, am) in students.into_iter().enumerate() {
        let st = am.insert(db).await?;
        let input = DestinationInput {
            student_no: st.student_no.clone(),
            graduation_year: year.to_string(),
            snapshot: "initial".into(),
            destination: if k < placed { "80" } else { "70" }.into(),
            ..Default::default()
        };
        let checked = dest::check(&input).unwrap_or_else(|e| panic!("demo destination is invalid: {e:?}"));
        rows.push(dest::to_active_model(&checked, &Graduate::from(&st), None, "import", None, now));
        *n += 1;
    }
    gd::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// (school, kind, partner, lower major, upper level, upper major, first intake, cohort,
/// courses: (stage, name, hours, outcomes, prerequisites)). One pathway of each kind; each
/// course list has one repeated course and one prerequisite nothing below prepares, so the
/// alignment view shows both flags.
type DemoCourse = (&'static str, &'static str, i32, &'static str, &'static str);
const PATHWAYS: [(&str, &str, &str, &str, &str, &str, i32, i32, &[DemoCourse]); 3] = [
    (
        RHEIN,
        "three_two",
        "淄博职业学院（示例）",
        "660301",
        "associate",
        "460301",
        2024,
        45,
        &[
            ("lower", "电工技术基础与技能", 128, "直流电路；交流电路；安全用电", ""),
            ("lower", "机械制图", 96, "识图；零件测绘", ""),
            ("lower", "PLC 应用技术", 96, "梯形图编程；PLC 接线", ""),
            ("upper", "PLC 应用技术", 64, "", "梯形图编程"),
            ("upper", "机电设备装调与维修", 96, "", "零件测绘；交流电路"),
            ("upper", "工业网络与组态技术", 64, "", "梯形图编程；工业以太网基础"),
        ],
    ),
    (
        INFO,
        "five_year",
        "山东工业职业学院（示例）",
        "710201",
        "associate",
        "510201",
        2025,
        40,
        &[
            ("lower", "计算机基础", 96, "办公软件；操作系统使用", ""),
            ("lower", "程序设计基础", 128, "C语言；算法初步", ""),
            ("lower", "网络基础", 64, "网络协议；综合布线", ""),
            ("upper", "计算机基础", 48, "", "操作系统使用"),
            ("upper", "Web 前端开发", 96, "", "C语言；HTML 基础"),
            ("upper", "数据库应用", 64, "", "算法初步"),
        ],
    ),
    (
        RHEIN,
        "three_four",
        "齐鲁理工大学（示例）",
        "660303",
        "bachelor",
        "260301",
        2025,
        30,
        &[
            ("lower", "工业机器人基础", 96, "机器人坐标系；示教编程", ""),
            ("lower", "电子技术基础", 96, "模拟电路；数字电路", ""),
            ("lower", "传感器与检测技术", 64, "传感器原理", ""),
            ("upper", "传感器与检测技术", 48, "", "传感器原理"),
            ("upper", "机器人运动学", 96, "", "机器人坐标系；线性代数"),
            ("upper", "嵌入式系统", 64, "", "数字电路；C语言"),
        ],
    ),
];

/// (school, major, kind, name, detail, workstations)
const RESOURCES: [(&str, &str, &str, &str, &str, i32); 9] = [
    (RHEIN, "660201", "teacher", "王建国", "高级讲师、双师型", 1),
    (RHEIN, "660201", "teacher", "李红梅", "讲师、双师型", 1),
    (RHEIN, "660201", "room", "智能设备运维实训中心", "中德合作共建", 40),
    (RHEIN, "660301", "teacher", "张志强", "高级讲师", 1),
    (RHEIN, "660301", "room", "机电一体化实训室", "", 32),
    (RHEIN, "660303", "room", "工业机器人实训室", "6台工业机器人工作站", 24),
    (INFO, "710201", "teacher", "刘晓燕", "讲师、双师型", 1),
    (INFO, "710201", "room", "计算机应用实训室", "", 50),
    (TECH, "690201", "teacher", "陈静", "一级实习指导教师", 1),
];

async fn seed_pathways_and_resources<C: ConnectionTrait>(db: &C, id_of: &impl Fn(&str) -> Option<i64>) -> AppResult<(usize, usize)> {
    use crate::entity::{major_pathway as pw, major_resource as res, pathway_course as course};
    let now = chrono::Utc::now();
    let mut n_pathways = 0;
    for (school, kind, partner, lower, upper_level, upper, start, cohort, courses) in PATHWAYS {
        let Some(org_id) = id_of(school) else { continue };
        let p = pw::ActiveModel {
            org_id: Set(org_id),
            kind: Set(kind.into()),
            partner_school: Set(partner.into()),
            lower_major_code: Set(lower.into()),
            upper_level: Set(upper_level.into()),
            upper_major_code: Set(upper.into()),
            start_year: Set(start),
            cohort_size: Set(cohort),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        n_pathways += 1;
        for (stage, name, hours, outcomes, prerequisites) in courses {
            course::ActiveModel {
                pathway_id: Set(p.id),
                stage: Set((*stage).into()),
                name: Set((*name).into()),
                hours: Set(*hours),
                outcomes: Set((*outcomes).into()),
                prerequisites: Set((*prerequisites).into()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    let mut n_resources = 0;
    for (school, major, kind, name, detail, amount) in RESOURCES {
        let Some(org_id) = id_of(school) else { continue };
        res::ActiveModel {
            org_id: Set(org_id),
            level: Set("secondary".into()),
            major_code: Set(major.into()),
            kind: Set(kind.into()),
            name: Set(name.into()),
            detail: Set(detail.into()),
            amount: Set(amount),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        n_resources += 1;
    }
    Ok((n_pathways, n_resources))
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhijiao_domain::catalog::{MajorLevel, catalogs};
    use zhijiao_domain::majors::pathways::{ClassRef, PathwayKind, check_majors};

    #[test]
    fn demo_pathways_pass_the_class_check_and_cover_every_kind() {
        let mut kinds = std::collections::BTreeSet::new();
        for (_, kind, _, lower, upper_level, upper, _, _, _) in PATHWAYS {
            let k = PathwayKind::parse(kind).unwrap();
            kinds.insert(k);
            let l = catalogs().major(MajorLevel::Secondary, lower).unwrap();
            let u = catalogs().major(MajorLevel::parse(upper_level).unwrap(), upper).unwrap();
            let r = |m: &'static zhijiao_domain::catalog::Major| ClassRef { level: m.level, code: &m.class_code, name: &m.class_name };
            check_majors(k, &r(l), &r(u)).unwrap_or_else(|e| panic!("{lower} → {upper}: {e}"));
        }
        assert_eq!(kinds.len(), PathwayKind::ALL.len());
    }
}
