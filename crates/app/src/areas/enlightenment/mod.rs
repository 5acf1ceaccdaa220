//! 职业启蒙和劳动教育 (seed measure 三): bases where primary and middle schools take their
//! pupils for career enlightenment and labour education, their programmes, the schools'
//! bookings, the host's attendance record, and coverage of the district's schools.
//!
//! Who does what: the district keeps the bases and their programmes and sees everything;
//! department liaisons read everything; a primary or middle school's admin or teacher
//! books sessions and sees its own bookings; a base's host organisation (its school
//! admins, teachers or HR) sees the bookings at its bases and records attendance.
//! Pure rules (school year, overlap, coverage, the 2020 guideline) live in
//! `zhijiao_domain::enlightenment`.

pub mod api;
pub mod demo;
pub mod import;
pub mod pages;

use crate::input::{bounded_i32, required_text};
use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{enl_base, enl_booking, enl_programme, organization};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use zhijiao_domain::enlightenment as rules;

/// Today in the zone (China time): bookings and the school year are read in local days.
pub fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// "2026年12月4日"
pub fn zh_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn is_primary_school_user(u: &AuthUser) -> bool {
    u.org_kind == "primary_middle_school" && (u.has_role(Role::SchoolAdmin) || u.has_role(Role::Teacher))
}

fn is_host_user(u: &AuthUser, host_org_id: i64) -> bool {
    u.org_id == host_org_id && (u.has_role(Role::SchoolAdmin) || u.has_role(Role::Teacher) || u.has_role(Role::EnterpriseHr))
}

/// District-wide reading: the district and the departments' liaisons.
fn reads_all(u: &AuthUser) -> bool {
    u.can(Permission::OrgReadAll)
}

/// Keeping bases and recording attendance anywhere: the district.
fn manages(u: &AuthUser) -> bool {
    u.can(Permission::OrgManage)
}



// ---------------------------------------------------------------- bases

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgrammeView {
    pub id: i64,
    pub title: String,
    pub min_age: i32,
    pub max_age: i32,
    pub duration_minutes: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BaseView {
    pub id: i64,
    pub name: String,
    pub level: String,
    pub level_name: String,
    pub host_org_id: i64,
    pub host: String,
    pub capacity: i32,
    pub address: String,
    pub programmes: Vec<ProgrammeView>,
    pub is_demo: bool,
}

async fn base_views<C: ConnectionTrait>(db: &C, rows: Vec<enl_base::Model>) -> AppResult<Vec<BaseView>> {
    let hosts = crate::areas::orgs::names(db, rows.iter().map(|b| b.host_org_id)).await?;
    let mut programmes: HashMap<i64, Vec<ProgrammeView>> = HashMap::new();
    let ids: Vec<i64> = rows.iter().map(|b| b.id).collect();
    for p in enl_programme::Entity::find().filter(enl_programme::Column::BaseId.is_in(ids)).order_by_asc(enl_programme::Column::Id).all(db).await? {
        programmes.entry(p.base_id).or_default().push(ProgrammeView { id: p.id, title: p.title, min_age: p.min_age, max_age: p.max_age, duration_minutes: p.duration_minutes });
    }
    Ok(rows
        .into_iter()
        .map(|b| BaseView {
            id: b.id,
            level_name: rules::level_name(&b.level).into(),
            host: hosts.get(&b.host_org_id).cloned().unwrap_or_default(),
            programmes: programmes.remove(&b.id).unwrap_or_default(),
            name: b.name,
            level: b.level,
            host_org_id: b.host_org_id,
            capacity: b.capacity,
            address: b.address,
            is_demo: b.is_demo,
        })
        .collect())
}

/// Every base (no private data: any signed-in user may see where pupils can go).
pub async fn bases(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<BaseView>> {
    ctx.user()?;
    let rows = enl_base::Entity::find().order_by_desc(enl_base::Column::Level).order_by_asc(enl_base::Column::Name).all(db).await?;
    base_views(db, rows).await
}

pub async fn base(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<BaseView> {
    ctx.user()?;
    let b = enl_base::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(base_views(db, vec![b]).await?.remove(0))
}

/// The "≥ 1 municipal base" target of measure 三: (municipal or provincial bases, target).
pub async fn municipal_bases<C: ConnectionTrait>(db: &C) -> AppResult<u64> {
    let rows = enl_base::Entity::find().all(db).await?;
    Ok(rows.iter().filter(|b| rules::counts_as_municipal(&b.level)).count() as u64)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BaseInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub host_org_id: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub address: String,
    /// The first programme, given with the base.
    #[serde(default)]
    pub programme_title: String,
    #[serde(default)]
    pub min_age: String,
    #[serde(default)]
    pub max_age: String,
    #[serde(default)]
    pub duration_minutes: String,
}

/// Organisations that may host a base (schools, enterprises, base operators), for the form.
pub async fn host_choices(db: &DatabaseConnection) -> AppResult<Vec<(i64, String)>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Kind.is_in(["vocational_school", "high_school", "primary_middle_school", "enterprise", "training_base_operator", "training_institution"]))
        .filter(organization::Column::Status.eq("active"))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

fn programme_fields(title: &str, min_age: &str, max_age: &str, duration: &str, errs: &mut Vec<FieldError>) -> (String, i32, i32, i32) {
    let title = required_text("programme_title", "课程名称", title, 60, errs);
    let min_age = bounded_i32("min_age", "最小年龄", min_age, 5, 18, errs);
    let max_age = bounded_i32("max_age", "最大年龄", max_age, 5, 18, errs);
    if min_age > 0 && max_age > 0 && min_age > max_age {
        errs.push(FieldError::new("max_age", "最大年龄不能小于最小年龄"));
    }
    let duration = bounded_i32("duration_minutes", "时长（分钟）", duration, 20, 480, errs);
    (title, min_age, max_age, duration)
}

/// The district adds a base with its first programme, audited.
pub async fn create_base(db: &DatabaseConnection, ctx: &Ctx, input: &BaseInput) -> AppResult<i64> {
    let u = ctx.user()?;
    if !manages(u) {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    let name = required_text("name", "基地名称", &input.name, 60, &mut errs);
    if rules::level_name(input.level.trim()).is_empty() {
        errs.push(FieldError::new("level", "请选择基地级别"));
    }
    let host = match input.host_org_id.trim().parse::<i64>() {
        Ok(id) => organization::Entity::find_by_id(id).one(db).await?.filter(|o| o.status == "active"),
        Err(_) => None,
    };
    if host.is_none() {
        errs.push(FieldError::new("host_org_id", "请选择承办单位"));
    }
    let capacity = bounded_i32("capacity", "同时接待人数", &input.capacity, 1, 2000, &mut errs);
    let address = required_text("address", "地址", &input.address, 100, &mut errs);
    let (title, min_age, max_age, duration) = programme_fields(&input.programme_title, &input.min_age, &input.max_age, &input.duration_minutes, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let b = insert_base(&tx, ctx, &name, input.level.trim(), host.expect("checked").id, capacity, &address, false).await?;
    insert_programme(&tx, ctx, b.id, &title, min_age, max_age, duration).await?;
    tx.commit().await?;
    Ok(b.id)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_base<C: ConnectionTrait>(db: &C, ctx: &Ctx, name: &str, level: &str, host: i64, capacity: i32, address: &str, is_demo: bool) -> AppResult<enl_base::Model> {
    let m = enl_base::ActiveModel {
        name: Set(name.into()),
        level: Set(level.into()),
        host_org_id: Set(host),
        capacity: Set(capacity),
        address: Set(address.into()),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("create", "enl_base", m.id, format!("新增职业启蒙和劳动教育基地：{}（{}）", m.name, rules::level_name(level))).after(&m)).await?;
    Ok(m)
}

pub(crate) async fn insert_programme<C: ConnectionTrait>(db: &C, ctx: &Ctx, base_id: i64, title: &str, min_age: i32, max_age: i32, duration: i32) -> AppResult<enl_programme::Model> {
    let m = enl_programme::ActiveModel { base_id: Set(base_id), title: Set(title.into()), min_age: Set(min_age), max_age: Set(max_age), duration_minutes: Set(duration), ..Default::default() }
        .insert(db)
        .await?;
    audit::record(db, ctx, Entry::new("create", "enl_programme", m.id, format!("新增基地课程：{title}")).after(&m)).await?;
    Ok(m)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProgrammeInput {
    #[serde(default)]
    pub programme_title: String,
    #[serde(default)]
    pub min_age: String,
    #[serde(default)]
    pub max_age: String,
    #[serde(default)]
    pub duration_minutes: String,
}

/// The district or the base's host adds a programme, audited.
pub async fn add_programme(db: &DatabaseConnection, ctx: &Ctx, base_id: i64, input: &ProgrammeInput) -> AppResult<()> {
    let u = ctx.user()?;
    let b = enl_base::Entity::find_by_id(base_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !(manages(u) || is_host_user(u, b.host_org_id)) {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    let (title, min_age, max_age, duration) = programme_fields(&input.programme_title, &input.min_age, &input.max_age, &input.duration_minutes, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    insert_programme(&tx, ctx, base_id, &title, min_age, max_age, duration).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- bookings

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BookingView {
    pub id: i64,
    pub base_id: i64,
    pub base: String,
    pub programme: String,
    pub school_org_id: i64,
    pub school: String,
    /// YYYY-MM-DD
    pub session_date: String,
    /// 2026年12月4日
    pub date_zh: String,
    pub start: String,
    pub end: String,
    pub pupils: i32,
    pub status: String,
    pub status_name: String,
    pub attended_pupils: Option<i32>,
    pub class_hours: Option<i32>,
    pub is_demo: bool,
}

pub fn status_name(s: &str) -> &'static str {
    match s {
        "booked" => "已预约",
        "attended" => "已到场",
        _ => "",
    }
}

async fn booking_views<C: ConnectionTrait>(db: &C, rows: Vec<enl_booking::Model>) -> AppResult<Vec<BookingView>> {
    let orgs = crate::areas::orgs::names(db, rows.iter().map(|b| b.school_org_id)).await?;
    let bases: HashMap<i64, String> = enl_base::Entity::find().all(db).await?.into_iter().map(|b| (b.id, b.name)).collect();
    let progs: HashMap<i64, String> = enl_programme::Entity::find()
        .filter(enl_programme::Column::Id.is_in(rows.iter().map(|b| b.programme_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    Ok(rows
        .into_iter()
        .map(|b| BookingView {
            id: b.id,
            base_id: b.base_id,
            base: bases.get(&b.base_id).cloned().unwrap_or_default(),
            programme: progs.get(&b.programme_id).cloned().unwrap_or_default(),
            school_org_id: b.school_org_id,
            school: orgs.get(&b.school_org_id).cloned().unwrap_or_default(),
            session_date: b.session_date.to_string(),
            date_zh: zh_date(b.session_date),
            start: rules::format_hhmm(b.start_minute as u16),
            end: rules::format_hhmm(b.end_minute as u16),
            pupils: b.pupils,
            status_name: status_name(&b.status).into(),
            status: b.status,
            attended_pupils: b.attended_pupils,
            class_hours: b.class_hours,
            is_demo: b.is_demo,
        })
        .collect())
}

/// Bookings the user may see: all (district, liaisons), the school's own, or those at
/// the bases the user's organisation hosts.
pub async fn bookings(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<BookingView>> {
    let u = ctx.user()?;
    let mut cond = Condition::all();
    if !reads_all(u) {
        let hosted: Vec<i64> = enl_base::Entity::find().filter(enl_base::Column::HostOrgId.eq(u.org_id)).all(db).await?.into_iter().map(|b| b.id).collect();
        let mine = Condition::any()
            .add_option(is_primary_school_user(u).then(|| enl_booking::Column::SchoolOrgId.eq(u.org_id)))
            .add_option((!hosted.is_empty() && is_host_user(u, u.org_id)).then(|| enl_booking::Column::BaseId.is_in(hosted)));
        if mine.is_empty() {
            return Err(AppError::Forbidden);
        }
        cond = cond.add(mine);
    }
    let rows = enl_booking::Entity::find().filter(cond).order_by_desc(enl_booking::Column::SessionDate).order_by_desc(enl_booking::Column::StartMinute).all(db).await?;
    booking_views(db, rows).await
}

/// May the user see the bookings list at all?
pub async fn sees_bookings(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<bool> {
    match bookings(db, ctx).await {
        Ok(_) => Ok(true),
        Err(AppError::Forbidden) => Ok(false),
        Err(e) => Err(e),
    }
}

pub fn may_book(ctx: &Ctx) -> bool {
    ctx.user.as_ref().is_some_and(is_primary_school_user)
}

/// May the user record attendance at this base?
pub fn may_record(ctx: &Ctx, host_org_id: i64) -> bool {
    ctx.user.as_ref().is_some_and(|u| manages(u) || is_host_user(u, host_org_id))
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct BookingInput {
    #[serde(default)]
    pub programme_id: String,
    /// YYYY-MM-DD
    #[serde(default)]
    pub session_date: String,
    /// HH:MM
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub pupils: String,
}

/// A primary or middle school books a session of a programme. The base's capacity (at any
/// one time) and the school's own overlapping bookings are checked inside the write
/// transaction, after taking the base's row lock, so two schools booking at once cannot
/// both get the last places. Audited.
pub async fn book(db: &DatabaseConnection, ctx: &Ctx, input: &BookingInput) -> AppResult<i64> {
    let u = ctx.user()?.clone();
    if !is_primary_school_user(&u) {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    let programme = match input.programme_id.trim().parse::<i64>() {
        Ok(id) => enl_programme::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    };
    if programme.is_none() {
        errs.push(FieldError::new("programme_id", "请选择基地课程"));
    }
    let day = NaiveDate::parse_from_str(input.session_date.trim(), "%Y-%m-%d").ok();
    match day {
        None => errs.push(FieldError::new("session_date", format!("日期“{}”无效，应为 YYYY-MM-DD", input.session_date.trim().chars().take(20).collect::<String>()))),
        Some(d) if d < today() => errs.push(FieldError::new("session_date", "不能预约已过去的日期")),
        Some(d) if d > today() + chrono::Duration::days(366) => errs.push(FieldError::new("session_date", "只能预约一年以内的日期")),
        _ => {}
    }
    let start = rules::parse_hhmm(&input.start);
    if start.is_none() {
        errs.push(FieldError::new("start", "开始时间无效，应为 HH:MM（如 09:00）"));
    }
    let pupils = bounded_i32("pupils", "学生人数", &input.pupils, 1, 2000, &mut errs);
    let end = match (&programme, start) {
        (Some(p), Some(s)) => {
            let e = s as i32 + p.duration_minutes;
            if e > 24 * 60 {
                errs.push(FieldError::new("start", "活动须在当天结束"));
            }
            e
        }
        _ => 0,
    };
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let (programme, day, start) = (programme.expect("checked"), day.expect("checked"), start.expect("checked") as i32);
    let slot = rules::Slot { day, start: start as u16, end: end as u16 };
    let tx = db.begin().await?;
    let m = place_booking(&tx, ctx, &programme, u.org_id, slot, pupils, Some(u.id)).await?;
    tx.commit().await?;
    Ok(m.id)
}

/// Inside the caller's transaction: take the base's lock, check the school's overlapping
/// bookings and the base's capacity at that time (409 naming the clash or the places
/// left), and insert the booking, audited. Used by the form, the API and the import.
pub(crate) async fn place_booking<C: ConnectionTrait>(tx: &C, ctx: &Ctx, programme: &enl_programme::Model, school: i64, slot: rules::Slot, pupils: i32, by: Option<i64>) -> AppResult<enl_booking::Model> {
    let day = slot.day;
    // Serialise bookings of one base: a no-op update takes the row lock (PostgreSQL) or
    // the write lock (SQLite) before anything is read.
    enl_base::Entity::update_many()
        .col_expr(enl_base::Column::Capacity, Expr::col(enl_base::Column::Capacity).into())
        .filter(enl_base::Column::Id.eq(programme.base_id))
        .exec(tx)
        .await?;
    let base = enl_base::Entity::find_by_id(programme.base_id).one(tx).await?.ok_or(AppError::NotFound)?;
    let same_day = enl_booking::Entity::find()
        .filter(enl_booking::Column::SessionDate.eq(day))
        .filter(Condition::any().add(enl_booking::Column::BaseId.eq(base.id)).add(enl_booking::Column::SchoolOrgId.eq(school)))
        .all(tx)
        .await?;
    let overlapping = |b: &&enl_booking::Model| slot.overlaps(&rules::Slot { day: b.session_date, start: b.start_minute as u16, end: b.end_minute as u16 });
    if let Some(clash) = same_day.iter().filter(|b| b.school_org_id == school).find(overlapping) {
        let v = booking_views(tx, vec![clash.clone()]).await?.remove(0);
        return Err(AppError::Conflict(format!("时间冲突：本校已预约 {} {}–{} 在“{}”的活动", v.date_zh, v.start, v.end, v.base)));
    }
    let taken: u32 = same_day.iter().filter(|b| b.base_id == base.id).filter(overlapping).map(|b| b.pupils.max(0) as u32).sum();
    if !rules::fits_capacity(base.capacity.max(0) as u32, taken, pupils as u32) {
        return Err(AppError::Conflict(format!(
            "名额不足：“{}”{} {}–{} 同时最多接待{}人，已预约{}人，剩余{}人",
            base.name,
            zh_date(day),
            rules::format_hhmm(slot.start),
            rules::format_hhmm(slot.end),
            base.capacity,
            taken,
            (base.capacity.max(0) as u32).saturating_sub(taken)
        )));
    }
    insert_booking(tx, ctx, programme, school, slot, pupils, by, false).await
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_booking<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    programme: &enl_programme::Model,
    school: i64,
    slot: rules::Slot,
    pupils: i32,
    by: Option<i64>,
    is_demo: bool,
) -> AppResult<enl_booking::Model> {
    let m = enl_booking::ActiveModel {
        base_id: Set(programme.base_id),
        programme_id: Set(programme.id),
        school_org_id: Set(school),
        session_date: Set(slot.day),
        start_minute: Set(slot.start as i32),
        end_minute: Set(slot.end as i32),
        pupils: Set(pupils),
        status: Set("booked".into()),
        attended_pupils: Set(None),
        class_hours: Set(None),
        recorded_by: Set(None),
        recorded_at: Set(None),
        created_by: Set(by),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("create", "enl_booking", m.id, format!("预约职业启蒙活动：{} {}", zh_date(slot.day), programme.title)).after(&m)).await?;
    Ok(m)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct AttendanceInput {
    #[serde(default)]
    pub attended_pupils: String,
    #[serde(default)]
    pub class_hours: String,
}

/// The base's host (or the district) records who came and the class hours given, audited.
pub async fn record_attendance(db: &DatabaseConnection, ctx: &Ctx, booking_id: i64, input: &AttendanceInput) -> AppResult<()> {
    let u = ctx.user()?.clone();
    let tx = db.begin().await?;
    let b = enl_booking::Entity::find_by_id(booking_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let base = enl_base::Entity::find_by_id(b.base_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if !(manages(&u) || is_host_user(&u, base.host_org_id)) {
        // A school sees its own booking but may not record it; others learn nothing.
        return Err(if b.school_org_id == u.org_id { AppError::Forbidden } else { AppError::NotFound });
    }
    let mut errs = Vec::new();
    let attended = bounded_i32("attended_pupils", "到场学生人数", &input.attended_pupils, 1, b.pupils.max(1), &mut errs);
    let hours = bounded_i32("class_hours", "课时", &input.class_hours, 1, 16, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    set_attendance(&tx, ctx, b, attended, hours, Some(u.id)).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn set_attendance<C: ConnectionTrait>(db: &C, ctx: &Ctx, b: enl_booking::Model, attended: i32, hours: i32, by: Option<i64>) -> AppResult<()> {
    let before = b.clone();
    let mut am: enl_booking::ActiveModel = b.into();
    am.status = Set("attended".into());
    am.attended_pupils = Set(Some(attended));
    am.class_hours = Set(Some(hours));
    am.recorded_by = Set(by);
    am.recorded_at = Set(Some(chrono::Utc::now()));
    let m = am.update(db).await?;
    audit::record(db, ctx, Entry::new("attendance", "enl_booking", m.id, format!("记录职业启蒙活动到场：{attended}人，{hours}课时")).before(&before).after(&m)).await?;
    Ok(())
}

/// The base a booking or a programme belongs to (to show the base again after a refusal).
pub async fn base_of(db: &DatabaseConnection, booking_id: Option<i64>, programme_id: Option<i64>) -> AppResult<Option<i64>> {
    if let Some(id) = booking_id {
        return Ok(enl_booking::Entity::find_by_id(id).one(db).await?.map(|b| b.base_id));
    }
    if let Some(id) = programme_id {
        return Ok(enl_programme::Entity::find_by_id(id).one(db).await?.map(|p| p.base_id));
    }
    Ok(None)
}

// ---------------------------------------------------------------- coverage

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SchoolCoverage {
    pub school_org_id: i64,
    pub school: String,
    pub covered: bool,
    pub attended_sessions: u32,
    pub pupils: u32,
    pub class_hours: u32,
    /// Class hours at bases against the 2020 guideline's ≥ 1 class hour a week so far.
    pub guideline_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Coverage {
    pub school_year: i32,
    pub school_year_label: String,
    pub schools: u32,
    pub covered: u32,
    /// Percent, one decimal; absent when the district has no primary or middle school.
    pub percent: Option<f64>,
    pub target_percent: f64,
    pub municipal_bases: u64,
    pub municipal_target: u64,
    pub weeks_elapsed: u32,
    /// School by school, those not yet covered first.
    pub rows: Vec<SchoolCoverage>,
}

/// Coverage of the district's primary and middle schools in the school year of `day`.
/// The one place the figure is computed (pages, export, API and the dashboard call it).
pub async fn coverage_on<C: ConnectionTrait>(db: &C, day: NaiveDate) -> AppResult<Coverage> {
    let year = rules::school_year_of(day);
    let (from, to) = rules::school_year_bounds(year);
    let schools = organization::Entity::find()
        .filter(organization::Column::Kind.eq("primary_middle_school"))
        .filter(organization::Column::Status.eq("active"))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?;
    let attended = enl_booking::Entity::find()
        .filter(enl_booking::Column::Status.eq("attended"))
        .filter(enl_booking::Column::SessionDate.between(from, to))
        .all(db)
        .await?;
    let mut by_school: BTreeMap<i64, (u32, u32, u32)> = BTreeMap::new();
    for b in &attended {
        let e = by_school.entry(b.school_org_id).or_default();
        e.0 += 1;
        e.1 += b.attended_pupils.unwrap_or(0).max(0) as u32;
        e.2 += b.class_hours.unwrap_or(0).max(0) as u32;
    }
    let weeks = rules::weeks_elapsed(year, day);
    let mut rows: Vec<SchoolCoverage> = schools
        .into_iter()
        .map(|s| {
            let (n, pupils, hours) = by_school.get(&s.id).copied().unwrap_or_default();
            SchoolCoverage {
                school_org_id: s.id,
                school: s.name,
                covered: n > 0,
                attended_sessions: n,
                pupils,
                class_hours: hours,
                guideline_share: rules::labour_hours_share(hours as f64, weeks),
            }
        })
        .collect();
    rows.sort_by_key(|r| r.covered);
    let covered = rows.iter().filter(|r| r.covered).count();
    Ok(Coverage {
        school_year: year,
        school_year_label: rules::school_year_label(year),
        schools: rows.len() as u32,
        covered: covered as u32,
        percent: rules::coverage_percent(covered, rows.len()),
        target_percent: 100.0,
        municipal_bases: municipal_bases(db).await?,
        municipal_target: 1,
        weeks_elapsed: weeks,
        rows,
    })
}

/// The district-wide coverage (the district and liaisons); a primary or middle school
/// sees its own line only.
pub async fn coverage(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Coverage> {
    let u = ctx.user()?;
    let mut c = coverage_on(db, today()).await?;
    if reads_all(u) {
        return Ok(c);
    }
    if is_primary_school_user(u) {
        c.rows.retain(|r| r.school_org_id == u.org_id);
        return Ok(c);
    }
    Err(AppError::Forbidden)
}
