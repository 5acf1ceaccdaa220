//! Demo data of 职业启蒙和劳动教育 (synthetic, marked 示例): a municipal base and a school
//! base with programmes, attended sessions this school year for three of the eight demo
//! primary and middle schools (so coverage is visibly partial), one session still to come,
//! and the `primary` account of 高新区实验小学 (not yet covered: booking there raises the
//! figure).

use super::{insert_base, insert_booking, insert_programme, set_attendance, today};
use crate::areas::account::{self, NewUser};
use crate::auth::Ctx;
use crate::config::PasswordCost;
use crate::entity::enl_base;
use crate::error::AppResult;
use crate::roles::Role;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};
use zhijiao_domain::enlightenment::{Slot, school_year_bounds, school_year_of};

/// The demo's primary-school account (school admin of 高新区实验小学).
pub const PRIMARY_USER: (&str, &str, &str) = ("primary", "实验小学教务主任（演示）", "高新区实验小学（示例）");

pub async fn seed(db: &DatabaseConnection, cost: PasswordCost) -> AppResult<()> {
    if enl_base::Entity::find().filter(enl_base::Column::IsDemo.eq(true)).count(db).await? > 0 {
        return Ok(());
    }
    let ctx = Ctx::system();
    let org = |name: &'static str| async move { crate::areas::orgs::resolve(db, name).await?.ok_or(crate::error::AppError::NotFound).map(|o| o.id) };
    let operator = org("中德莱茵科斯特智能制造产教融合基地（示例）").await?;
    let rhein = org("中德莱茵智能科技学校").await?;
    let primary = org(PRIMARY_USER.2).await?;
    let covered = [org("四宝山街道中心小学（示例）").await?, org("四宝山街道第二小学（示例）").await?, org("高新区第一初级中学（示例）").await?];
    let upcoming_school = org("中埠镇中心小学（示例）").await?;

    let tx = db.begin().await?;
    let municipal = insert_base(&tx, &ctx, "淄博市中小学职业启蒙和劳动教育基地（高新区智能制造）（示例）", "municipal", operator, 120, "高新区四宝山街道 产教融合基地内", true).await?;
    let robots = insert_programme(&tx, &ctx, municipal.id, "小小工程师：工业机器人体验", 9, 15, 120).await?;
    insert_programme(&tx, &ctx, municipal.id, "劳动实践：金工与木工", 10, 15, 180).await?;
    let school = insert_base(&tx, &ctx, "中德莱茵学校职业体验中心（示例）", "school", rhein, 60, "中德莱茵智能科技学校实训楼", true).await?;
    let cooking = insert_programme(&tx, &ctx, school.id, "职业体验：中式面点", 8, 14, 90).await?;

    // Sessions already held this school year (never before 1 September).
    let day0 = today();
    let (year_start, _) = school_year_bounds(school_year_of(day0));
    for (i, school_id) in covered.iter().enumerate() {
        let day = (day0 - chrono::Duration::days(7 * (i as i64 + 1))).max(year_start);
        let programme = if i == 1 { &cooking } else { &robots };
        let slot = Slot { day, start: 9 * 60 + 150 * i as u16, end: 9 * 60 + 150 * i as u16 + programme.duration_minutes as u16 };
        let b = insert_booking(&tx, &ctx, programme, *school_id, slot, 40, None, true).await?;
        set_attendance(&tx, &ctx, b, 38 - i as i32, 3, None).await?;
    }
    let next = day0 + chrono::Duration::days(10);
    insert_booking(&tx, &ctx, &robots, upcoming_school, Slot { day: next, start: 9 * 60, end: 11 * 60 }, 45, None, true).await?;
    tx.commit().await?;

    let (username, display_name, _) = PRIMARY_USER;
    account::add_user(db, &ctx, cost, NewUser { username, display_name, password: crate::demo::DEMO_PASSWORD, org_id: primary, roles: &[Role::SchoolAdmin] }).await?;
    Ok(())
}
