//! Demo data of 职业技能培训 (synthetic, marked 示例): the zone's training school with two
//! programmes (电工, subsidy-eligible; 养老护理员 for residents), an open cohort for
//! residents and one for employees, and a resident who completed and holds a certificate.

use super::{enrol, insert_cohort, insert_programme, issue};
use crate::areas::enlightenment::today;
use crate::auth::Ctx;
use crate::entity::trn_programme;
use crate::error::AppResult;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait};

pub const PROVIDER: &str = "淄博高新区职业技能培训学校（示例）";

pub async fn seed(db: &DatabaseConnection) -> AppResult<()> {
    if trn_programme::Entity::find().filter(trn_programme::Column::IsDemo.eq(true)).count(db).await? > 0 {
        return Ok(());
    }
    let Some(provider) = crate::areas::orgs::resolve(db, PROVIDER).await? else { return Ok(()) };
    let ctx = Ctx::system();
    let day = today();
    let tx = db.begin().await?;
    let electrician = insert_programme(&tx, &ctx, provider.id, "电工（初级）职业技能培训", "6-31-01-03", "电工", 5, 40, true, "低压电工基础、安全用电与线路安装，结业可参加五级/初级工职业技能等级认定。", true).await?;
    let carer = insert_programme(&tx, &ctx, provider.id, "养老护理员技能培训", "4-10-01-05", "养老护理员", 5, 24, true, "面向社区居民的养老照护技能课程。", true).await?;
    let residents = insert_cohort(&tx, &ctx, carer.id, "2026年冬季养老护理员社区班（示例）", "resident", day, day + chrono::Duration::days(60), 30, true).await?;
    insert_cohort(&tx, &ctx, electrician.id, "2026年企业职工电工提升班（示例）", "employee", day + chrono::Duration::days(7), day + chrono::Duration::days(40), 40, true).await?;
    // A resident who attended every hour and got the training certificate (身份证号 with a
    // valid check character; synthetic).
    let first17 = "37030319800101002";
    let id = format!("{first17}{}", zhijiao_domain::validate::resident_id_check_char(first17));
    let e = enrol(&tx, &ctx, residents.id, "赵桂兰", "13953300001", &id, true).await?;
    let mut am: crate::entity::trn_enrolment::ActiveModel = e.into();
    am.attended_hours = Set(carer.hours);
    let e = am.update(&tx).await?;
    issue(&tx, &ctx, e, "training", true).await?;
    super::inhouse::seed(&tx, &ctx).await?;
    tx.commit().await?;
    Ok(())
}
