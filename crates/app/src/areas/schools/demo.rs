//! Demo data of the schools area (synthetic, labelled 演示): three years of standards data
//! for the demo vocational schools, the 2012 preset as this year's method with one
//! published and one self-assessed result, and two competitions with awards.

use crate::areas::competitions::{self, CompetitionInput};
use crate::auth::Ctx;
use crate::error::AppResult;
use sea_orm::{DatabaseConnection, TransactionTrait};
use zhijiao_domain::school_standards::SchoolYear;

const EVIDENCE: &str = "演示数据（合成），非真实统计";

/// (school, [(year, students, teachers, senior, specialty, dual, part-time, land, building, equipment, books)])
type Row = (i32, u32, u32, u32, u32, u32, u32, f64, f64, f64, u64);
const YEARS: [(&str, [Row; 3]); 3] = [
    ("中德莱茵智能科技学校", [
        (2024, 1650, 78, 15, 44, 15, 14, 58000.0, 33500.0, 5_600_000.0, 52000),
        (2025, 1720, 84, 17, 48, 18, 16, 58000.0, 35200.0, 6_300_000.0, 55000),
        (2026, 1800, 91, 19, 53, 22, 18, 61000.0, 37000.0, 7_200_000.0, 58000),
    ]),
    ("淄博信息工程学校（示例）", [
        (2024, 1400, 66, 12, 36, 10, 11, 42000.0, 26000.0, 3_200_000.0, 40000),
        (2025, 1460, 70, 13, 38, 12, 12, 42000.0, 27000.0, 3_500_000.0, 42000),
        (2026, 1520, 74, 15, 40, 13, 13, 48000.0, 30500.0, 3_900_000.0, 44000),
    ]),
    ("淄博高新区技工学校（示例）", [
        (2024, 1250, 55, 9, 30, 8, 10, 36000.0, 22000.0, 2_700_000.0, 33000),
        (2025, 1300, 58, 10, 32, 9, 11, 36000.0, 22500.0, 2_900_000.0, 36000),
        (2026, 1350, 63, 12, 34, 11, 12, 41000.0, 27500.0, 3_400_000.0, 41000),
    ]),
];

pub async fn seed(db: &DatabaseConnection) -> AppResult<()> {
    let ctx = Ctx::system();
    let tx = db.begin().await?;
    let mut ids = Vec::new();
    for (name, years) in YEARS {
        let Some(org) = crate::areas::orgs::resolve(db, name).await? else { continue };
        if org.kind != "vocational_school" {
            continue;
        }
        ids.push(org.id);
        for (year, students, teachers, senior, specialty, dual, part_time, land, building, equipment, books) in years {
            let y = SchoolYear {
                students: Some(students),
                fulltime_teachers: Some(teachers),
                senior_title_teachers: Some(senior),
                specialty_teachers: Some(specialty),
                dual_qualified_teachers: Some(dual),
                part_time_teachers: Some(part_time),
                land_m2: Some(land),
                building_m2: Some(building),
                equipment_yuan: Some(equipment),
                books: Some(books),
                ring_track_m: Some(300.0),
            };
            super::seed_year(&tx, &ctx, org.id, year, &y, EVIDENCE).await?;
        }
    }
    if let [first, second, ..] = ids[..] {
        super::teachers::seed(&tx, &ctx, first).await?;
        super::reform::seed(&tx, &ctx, first).await?;
        super::scorecard::seed(&tx, &ctx, super::this_year(), &[(first, 0.82), (second, 0.7)]).await?;
        let c = CompetitionInput {
            name: "淄博高新区职业院校技能大赛（演示）".into(),
            level: "district".into(),
            organiser: "淄博高新区教育和体育事业中心".into(),
            host_org_id: first.to_string(),
            held_on: "2026-05-20".into(),
            categories: "工业机器人技术应用、电子产品设计与制作、教学能力比赛".into(),
        };
        competitions::seed(
            &tx,
            &ctx,
            &c,
            &[
                (first, "工业机器人技术应用", "team", "张明、刘洋（演示）", "工业机器人技术应用", "first"),
                (second, "电子产品设计与制作", "student", "王磊（演示）", "电子技术应用", "second"),
                (first, "教学能力比赛", "teaching_ability", "赵老师、钱老师（演示）", "机电技术应用", "third"),
                (second, "工业机器人技术应用", "team", "孙浩、周杰（演示）", "工业机器人技术应用", "none"),
            ],
        )
        .await?;
        let c = CompetitionInput {
            name: "山东省职业院校技能大赛（演示）".into(),
            level: "provincial".into(),
            organiser: "山东省教育厅".into(),
            host_org_id: String::new(),
            held_on: "2025-11-12".into(),
            categories: "机电一体化设备安装与调试".into(),
        };
        competitions::seed(&tx, &ctx, &c, &[(first, "机电一体化设备安装与调试", "team", "陈晨、吴迪（演示）", "机电技术应用", "second")]).await?;
    }
    tx.commit().await?;
    Ok(())
}
