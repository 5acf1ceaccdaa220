//! 组织师生走进企业: a school's admin or teacher organises a visit of its students and
//! teachers to an approved enterprise (date, theme, places); the school's students and
//! teachers sign up; afterwards the organiser records what happened (summary, who came,
//! how many). A school sees its own visits, an enterprise the visits to it, the district
//! every visit.

use super::local_time;
use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{organization, student, student_profile, user, visit, visit_signup};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role, is_school_kind};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub fn status_zh(s: &str) -> &'static str {
    match s {
        "planned" => "报名中",
        "recorded" => "已记录",
        _ => "",
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct VisitView {
    pub id: i64,
    pub school_org_id: i64,
    pub school: String,
    pub enterprise_org_id: i64,
    pub enterprise: String,
    pub visit_date: String,
    pub theme: String,
    pub capacity: i32,
    pub signed_up: u64,
    pub status: String,
    pub status_name: String,
    pub summary: String,
    pub attended_count: Option<i32>,
    pub recorded_at: Option<String>,
    pub is_demo: bool,
}

/// Which visits the user may see: `None` = all (the district).
enum Scope {
    All,
    School(i64),
    Enterprise(i64),
}

fn scope(ctx: &Ctx) -> AppResult<Scope> {
    let u = ctx.user()?;
    if u.can(Permission::OrgReadAll) || u.can(Permission::FairManage) {
        Ok(Scope::All)
    } else if is_school_kind(&u.org_kind) {
        Ok(Scope::School(u.org_id))
    } else if u.org_kind == "enterprise" && u.has_role(Role::EnterpriseHr) {
        Ok(Scope::Enterprise(u.org_id))
    } else {
        Err(AppError::Forbidden)
    }
}

fn in_scope(s: &Scope, v: &visit::Model) -> bool {
    match s {
        Scope::All => true,
        Scope::School(o) => v.school_org_id == *o,
        Scope::Enterprise(o) => v.enterprise_org_id == *o,
    }
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<visit::Model>) -> AppResult<Vec<VisitView>> {
    let orgs = crate::areas::orgs::names(db, rows.iter().flat_map(|v| [v.school_org_id, v.enterprise_org_id])).await?;
    let mut out = Vec::with_capacity(rows.len());
    for v in rows {
        let signed_up = visit_signup::Entity::find().filter(visit_signup::Column::VisitId.eq(v.id)).count(db).await?;
        out.push(VisitView {
            id: v.id,
            school_org_id: v.school_org_id,
            school: orgs.get(&v.school_org_id).cloned().unwrap_or_default(),
            enterprise_org_id: v.enterprise_org_id,
            enterprise: orgs.get(&v.enterprise_org_id).cloned().unwrap_or_default(),
            visit_date: v.visit_date.to_string(),
            theme: v.theme,
            capacity: v.capacity,
            signed_up,
            status_name: status_zh(&v.status).into(),
            status: v.status,
            summary: v.summary.unwrap_or_default(),
            attended_count: v.attended_count,
            recorded_at: v.recorded_at.map(local_time),
            is_demo: v.is_demo,
        });
    }
    Ok(out)
}

pub async fn list(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<VisitView>> {
    let s = scope(ctx)?;
    let mut cond = Condition::all();
    match s {
        Scope::All => {}
        Scope::School(o) => cond = cond.add(visit::Column::SchoolOrgId.eq(o)),
        Scope::Enterprise(o) => cond = cond.add(visit::Column::EnterpriseOrgId.eq(o)),
    }
    let rows = visit::Entity::find().filter(cond).order_by_desc(visit::Column::VisitDate).order_by_desc(visit::Column::Id).all(db).await?;
    views(db, rows).await
}

async fn find_in_scope<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<visit::Model> {
    let s = scope(ctx)?;
    visit::Entity::find_by_id(id).one(db).await?.filter(|v| in_scope(&s, v)).ok_or(AppError::NotFound)
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<VisitView> {
    let v = find_in_scope(db, ctx, id).await?;
    Ok(views(db, vec![v]).await?.remove(0))
}

/// The organiser of a visit: a school admin or teacher of the visiting school.
pub fn organises(ctx: &Ctx, v: &VisitView) -> bool {
    ctx.user.as_ref().is_some_and(|u| u.can(Permission::VisitOrganise) && u.org_id == v.school_org_id)
}

fn require_organiser(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = ctx.require(Permission::VisitOrganise)?;
    if is_school_kind(&u.org_kind) { Ok(u) } else { Err(AppError::Forbidden) }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct VisitInput {
    #[serde(default)]
    pub enterprise_org_id: String,
    /// YYYY-MM-DD
    #[serde(default)]
    pub visit_date: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub capacity: String,
}

/// Approved enterprises a school may visit (the form's choices).
pub async fn enterprises(db: &DatabaseConnection) -> AppResult<Vec<(i64, String)>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Kind.eq("enterprise"))
        .filter(organization::Column::Status.eq("active"))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// A school organises a visit, audited; the enterprise's HR are told.
pub async fn create(db: &DatabaseConnection, ctx: &Ctx, input: &VisitInput) -> AppResult<i64> {
    let u = require_organiser(ctx)?.clone();
    let mut errs = Vec::new();
    let enterprise = match input.enterprise_org_id.trim().parse::<i64>() {
        Ok(id) => organization::Entity::find_by_id(id).one(db).await?.filter(|o| o.kind == "enterprise" && o.status == "active"),
        Err(_) => None,
    };
    if enterprise.is_none() {
        errs.push(FieldError::new("enterprise_org_id", "请选择一家已通过审核的企业"));
    }
    let date = NaiveDate::parse_from_str(input.visit_date.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        errs.push(FieldError::new("visit_date", format!("日期“{}”无效，应为 YYYY-MM-DD", input.visit_date.trim())));
    }
    let theme = input.theme.trim().to_string();
    if theme.is_empty() {
        errs.push(FieldError::new("theme", "主题不能为空"));
    } else if theme.chars().count() > 80 {
        errs.push(FieldError::new("theme", "主题不能超过80个字"));
    }
    let capacity = input.capacity.trim().parse::<i32>().ok().filter(|n| (1..=1000).contains(n));
    if capacity.is_none() {
        errs.push(FieldError::new("capacity", "名额须为1到1000之间的整数"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let enterprise = enterprise.expect("checked");
    let tx = db.begin().await?;
    let m = insert(&tx, ctx, u.org_id, enterprise.id, date.expect("checked"), &theme, capacity.expect("checked"), Some(u.id), false).await?;
    for hr in crate::areas::postings::users_with_role(&tx, "enterprise_hr", Some(enterprise.id)).await? {
        crate::areas::postings::notifications::notify(&tx, hr, &format!("{} 将于 {} 组织师生来访：{}", u.org_name, m.visit_date, m.theme), &format!("/visits/{}", m.id))
            .await?;
    }
    tx.commit().await?;
    Ok(m.id)
}

#[allow(clippy::too_many_arguments)]
async fn insert<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    school: i64,
    enterprise: i64,
    date: NaiveDate,
    theme: &str,
    capacity: i32,
    by: Option<i64>,
    is_demo: bool,
) -> AppResult<visit::Model> {
    let m = visit::ActiveModel {
        school_org_id: Set(school),
        enterprise_org_id: Set(enterprise),
        visit_date: Set(date),
        theme: Set(theme.to_string()),
        capacity: Set(capacity),
        status: Set("planned".into()),
        summary: Set(None),
        attended_count: Set(None),
        recorded_by: Set(None),
        recorded_at: Set(None),
        created_by: Set(by),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("create", "visit", m.id, format!("组织走进企业：{}（{}）", m.theme, m.visit_date)).after(&m)).await?;
    Ok(m)
}

/// A student or teacher of the visiting school signs up while places are left, audited.
pub async fn sign_up(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<i64> {
    let u = ctx.user()?.clone();
    let role = if u.has_role(Role::Student) {
        "student"
    } else if u.has_role(Role::Teacher) || u.has_role(Role::SchoolAdmin) {
        "teacher"
    } else {
        return Err(AppError::Forbidden);
    };
    let tx = db.begin().await?;
    let v = find_in_scope(&tx, ctx, id).await?;
    if v.school_org_id != u.org_id {
        return Err(AppError::Forbidden);
    }
    if v.status != "planned" {
        return Err(AppError::Conflict("该活动已记录，不再接受报名".into()));
    }
    let taken = visit_signup::Entity::find().filter(visit_signup::Column::VisitId.eq(id)).count(&tx).await?;
    if taken >= v.capacity as u64 {
        return Err(AppError::Conflict(format!("名额已满（{}人）", v.capacity)));
    }
    let m = visit_signup::ActiveModel { visit_id: Set(id), user_id: Set(u.id), role: Set(role.into()), attended: Set(None), created_at: Set(chrono::Utc::now()), ..Default::default() }
        .insert(&tx)
        .await
        .map_err(|e| AppError::on_unique(e, "您已报名该活动"))?;
    audit::record(&tx, ctx, Entry::new("sign_up", "visit_signup", m.id, format!("{} 报名走进企业：{}", u.display_name, v.theme))).await?;
    tx.commit().await?;
    Ok(m.id)
}

#[derive(Debug, Clone, Serialize)]
pub struct VisitSignupView {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub role: String,
    pub class_name: String,
    pub signed_up_at: String,
    pub attended: Option<bool>,
}

/// The sign-up list (names and classes, nothing more: the enterprise learns who comes).
pub async fn signups(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<Vec<VisitSignupView>> {
    find_in_scope(db, ctx, id).await?;
    let rows = visit_signup::Entity::find().filter(visit_signup::Column::VisitId.eq(id)).order_by_asc(visit_signup::Column::Id).all(db).await?;
    let users: HashMap<i64, user::Model> =
        user::Entity::find().filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id).collect::<Vec<_>>())).all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let reg = match student_profile::Entity::find_by_id(r.user_id).one(db).await?.and_then(|p| p.student_id) {
            Some(sid) => student::Entity::find_by_id(sid).one(db).await?,
            None => None,
        };
        out.push(VisitSignupView {
            id: r.id,
            user_id: r.user_id,
            name: reg.as_ref().map(|s| s.name.clone()).or_else(|| users.get(&r.user_id).map(|u| u.display_name.clone())).unwrap_or_default(),
            class_name: reg.and_then(|s| s.class_name).unwrap_or_default(),
            role: r.role,
            signed_up_at: local_time(r.created_at),
            attended: r.attended,
        });
    }
    Ok(out)
}

pub async fn is_signed_up(db: &DatabaseConnection, user_id: i64, id: i64) -> AppResult<bool> {
    Ok(visit_signup::Entity::find().filter(visit_signup::Column::VisitId.eq(id)).filter(visit_signup::Column::UserId.eq(user_id)).one(db).await?.is_some())
}

/// After the visit: summary, attendance marks (the sign-ups present) and the number who
/// came (defaults to the marks; may be higher when people came without signing up).
#[derive(Debug, Clone, Default)]
pub struct VisitRecord {
    pub summary: String,
    pub attended_count: Option<String>,
    pub present: Vec<i64>,
}

/// The organising school records the visit (again, to correct it), audited.
pub async fn record(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &VisitRecord) -> AppResult<()> {
    let u = require_organiser(ctx)?.clone();
    let tx = db.begin().await?;
    let v = find_in_scope(&tx, ctx, id).await?;
    if v.school_org_id != u.org_id {
        return Err(AppError::Forbidden);
    }
    let rows = visit_signup::Entity::find().filter(visit_signup::Column::VisitId.eq(id)).all(&tx).await?;
    let mut errs = Vec::new();
    let summary = input.summary.trim().to_string();
    if summary.is_empty() {
        errs.push(FieldError::new("summary", "请填写活动记录"));
    } else if summary.chars().count() > 5000 {
        errs.push(FieldError::new("summary", "活动记录不能超过5000个字"));
    }
    if let Some(bad) = input.present.iter().find(|p| !rows.iter().any(|r| r.id == **p)) {
        errs.push(FieldError::new("present", format!("报名记录 {bad} 不属于该活动")));
    }
    let marked = rows.iter().filter(|r| input.present.contains(&r.id)).count() as i32;
    let attended_count = match input.attended_count.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => marked,
        Some(s) => match s.parse::<i32>() {
            Ok(n) if n >= marked && n <= 10_000 => n,
            _ => {
                errs.push(FieldError::new("attended_count", format!("实到人数须为不小于已勾选人数（{marked}）的整数")));
                0
            }
        },
    };
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    for r in rows {
        let here = input.present.contains(&r.id);
        if r.attended != Some(here) {
            let mut am: visit_signup::ActiveModel = r.into();
            am.attended = Set(Some(here));
            am.update(&tx).await?;
        }
    }
    let before = v.clone();
    let mut am: visit::ActiveModel = v.into();
    am.status = Set("recorded".into());
    am.summary = Set(Some(summary));
    am.attended_count = Set(Some(attended_count));
    am.recorded_by = Set(Some(u.id));
    am.recorded_at = Set(Some(chrono::Utc::now()));
    let after = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("record", "visit", id, format!("记录走进企业：{}，实到 {attended_count} 人", after.theme)).before(&before).after(&after)).await?;
    tx.commit().await?;
    Ok(())
}

/// The demo visit: 中德莱茵 students and teachers visit a demo manufacturer in ten days.
pub async fn load_demo(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<()> {
    let school = organization::Entity::find().filter(organization::Column::Name.eq("中德莱茵智能科技学校")).one(db).await?;
    let enterprise = organization::Entity::find().filter(organization::Column::Name.eq("淄博莱茵智能制造有限公司（示例）")).one(db).await?;
    let (Some(school), Some(enterprise)) = (school, enterprise) else {
        return Ok(());
    };
    let tx = db.begin().await?;
    let date = crate::areas::postings::today() + chrono::Duration::days(10);
    let v = insert(&tx, ctx, school.id, enterprise.id, date, "走进智能制造车间：工业机器人产线参观", 40, None, true).await?;
    if let Some(teacher) = user::Entity::find().filter(user::Column::Username.eq("teacher")).one(&tx).await? {
        visit_signup::ActiveModel { visit_id: Set(v.id), user_id: Set(teacher.id), role: Set("teacher".into()), attended: Set(None), created_at: Set(chrono::Utc::now()), ..Default::default() }
            .insert(&tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
