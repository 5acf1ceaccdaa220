//! 公共实训基地 and shared labs — seed measure (六) (多元化投入、市场化运作、企业化管理; the
//! 中德莱茵科斯特智能制造产教融合基地) and (十二)'s 共建共享.
//!
//! A base (or a school offering its own lab) lists rooms, workstations and equipment with
//! an hourly fee. Schools, enterprises and training providers book them; a booking that
//! overlaps a pending or approved booking of the same resource is refused with a message
//! naming the first one. The check runs inside the write transaction after the resource's
//! row has been written (`lock_seq`): on PostgreSQL that row lock makes a second concurrent
//! booking wait for the first to commit, on SQLite the write takes the database's write lock
//! before the check reads — two concurrent requests cannot both pass. The owner (or the
//! district for the public base) approves; approved bookings are the billing records and the
//! utilisation (`zhijiao_domain::bases`).

pub mod api;
pub mod pages;

use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{base_booking as bb, base_resource as br, organization};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role, is_school_kind};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use zhijiao_domain::bases::{duration_minutes, fee_yuan, overlaps, utilisation_pct};

pub const KINDS: [(&str, &str); 3] = [("room", "实训室"), ("workstation", "工位"), ("equipment", "设备")];
pub const STATUSES: [(&str, &str); 4] = [("pending", "待审批"), ("approved", "已批准"), ("refused", "未批准"), ("cancelled", "已取消")];

pub fn kind_label(k: &str) -> &'static str {
    KINDS.iter().find(|(key, _)| *key == k).map(|(_, l)| *l).unwrap_or("其他")
}
pub fn status_label(k: &str) -> &'static str {
    STATUSES.iter().find(|(key, _)| *key == k).map(|(_, l)| *l).unwrap_or("未知")
}

/// 2026年12月8日 09:00
pub fn zh_time(t: NaiveDateTime) -> String {
    format!("{}年{}月{}日 {}", t.year(), t.month(), t.day(), t.format("%H:%M"))
}

/// Anyone signed in except students reads the bases and their calendars.
fn reader(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = ctx.user()?;
    if u.roles.iter().all(|r| *r == Role::Student) {
        return Err(AppError::Forbidden);
    }
    Ok(u)
}

/// Schools, enterprises, training providers (and the district) book; departments only read.
fn booker(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = reader(ctx)?;
    let ok = u.has_role(Role::DistrictAdmin)
        || ((u.has_role(Role::SchoolAdmin) || u.has_role(Role::Teacher)) && is_school_kind(&u.org_kind))
        || (u.has_role(Role::EnterpriseHr) && u.org_kind == "enterprise")
        || matches!(u.org_kind.as_str(), "training_institution" | "training_base_operator");
    if ok { Ok(u) } else { Err(AppError::Forbidden) }
}

/// Whether the user manages `resource`: the district (the public base) or the owning
/// organisation's administrators (a school's own lab, the base operator's staff).
fn manages(u: &AuthUser, r: &br::Model) -> bool {
    u.can(Permission::OrgManage) || (u.org_id == r.owner_org_id && !u.has_role(Role::Student) && !u.has_role(Role::Teacher))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ResourceView {
    pub id: i64,
    pub owner_org_id: i64,
    pub owner_name: String,
    pub kind: String,
    pub kind_label: String,
    pub name: String,
    pub capacity: i32,
    pub hourly_fee: i32,
    pub description: String,
    pub shared: bool,
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<br::Model>) -> AppResult<Vec<ResourceView>> {
    let names = crate::areas::orgs::names(db, rows.iter().map(|r| r.owner_org_id).collect::<Vec<_>>()).await?;
    Ok(rows
        .into_iter()
        .map(|r| ResourceView {
            id: r.id,
            owner_name: names.get(&r.owner_org_id).cloned().unwrap_or_default(),
            owner_org_id: r.owner_org_id,
            kind_label: kind_label(&r.kind).into(),
            kind: r.kind,
            name: r.name,
            capacity: r.capacity,
            hourly_fee: r.hourly_fee,
            description: r.description,
            shared: r.shared,
        })
        .collect())
}

/// Shared resources (and one's own unshared ones), by owner and name.
pub async fn resources(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<ResourceView>> {
    let u = reader(ctx)?;
    let mut cond = Condition::any().add(br::Column::Shared.eq(true)).add(br::Column::OwnerOrgId.eq(u.org_id));
    if u.can(Permission::OrgReadAll) {
        cond = Condition::all();
    }
    let rows = br::Entity::find().filter(cond).order_by_asc(br::Column::OwnerOrgId).order_by_asc(br::Column::Id).all(db).await?;
    views(db, rows).await
}

async fn visible_resource<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<br::Model> {
    let u = reader(ctx)?;
    let r = br::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !r.shared && r.owner_org_id != u.org_id && !u.can(Permission::OrgReadAll) {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

pub async fn resource(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<(ResourceView, bool)> {
    let r = visible_resource(db, ctx, id).await?;
    let can_manage = manages(ctx.user()?, &r);
    Ok((views(db, vec![r]).await?.remove(0), can_manage))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BookingView {
    pub id: i64,
    pub resource_id: i64,
    pub resource_name: String,
    pub booker_org_id: i64,
    pub booker_name: String,
    pub starts_at: String,
    pub ends_at: String,
    pub purpose: String,
    pub people: i32,
    pub status: String,
    pub status_label: String,
    pub fee_yuan: i64,
    pub paid: bool,
}

async fn booking_views<C: ConnectionTrait>(db: &C, rows: Vec<bb::Model>) -> AppResult<Vec<BookingView>> {
    let names = crate::areas::orgs::names(db, rows.iter().map(|b| b.booker_org_id).collect::<Vec<_>>()).await?;
    let ids: Vec<i64> = rows.iter().map(|b| b.resource_id).collect();
    let resources: std::collections::HashMap<i64, String> =
        br::Entity::find().filter(br::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|r| (r.id, r.name)).collect();
    Ok(rows
        .into_iter()
        .map(|b| BookingView {
            id: b.id,
            resource_name: resources.get(&b.resource_id).cloned().unwrap_or_default(),
            resource_id: b.resource_id,
            booker_name: names.get(&b.booker_org_id).cloned().unwrap_or_default(),
            booker_org_id: b.booker_org_id,
            starts_at: zh_time(b.starts_at),
            ends_at: zh_time(b.ends_at),
            purpose: b.purpose,
            people: b.people,
            status_label: status_label(&b.status).into(),
            status: b.status,
            fee_yuan: b.fee_yuan,
            paid: b.paid_at.is_some(),
        })
        .collect())
}

/// The calendar of a resource from `from` on (pending and approved bookings), by time.
pub async fn calendar(db: &DatabaseConnection, ctx: &Ctx, resource_id: i64, from: NaiveDateTime) -> AppResult<Vec<BookingView>> {
    visible_resource(db, ctx, resource_id).await?;
    let rows = bb::Entity::find()
        .filter(bb::Column::ResourceId.eq(resource_id))
        .filter(bb::Column::Status.is_in(["pending", "approved"]))
        .filter(bb::Column::EndsAt.gt(from))
        .order_by_asc(bb::Column::StartsAt)
        .all(db)
        .await?;
    booking_views(db, rows).await
}

/// A booking as the form or the API gives it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct BookingInput {
    #[serde(default)]
    pub resource_id: String,
    /// 2026-12-08T09:00 (local time)
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub people: String,
}

pub fn parse_time(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .filter(|t| (2000..=2100).contains(&t.year()))
}

struct CheckedBooking {
    resource_id: i64,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    minutes: i64,
    purpose: String,
    people: i32,
}

fn check_booking(input: &BookingInput) -> Result<CheckedBooking, Vec<FieldError>> {
    let mut errs = Vec::new();
    let resource_id = input.resource_id.trim().parse::<i64>().ok().filter(|n| *n > 0);
    if resource_id.is_none() {
        errs.push(FieldError::new("场地设备", "请选择场地或设备"));
    }
    let starts_at = parse_time(&input.starts_at);
    if starts_at.is_none() {
        errs.push(FieldError::new("开始时间", format!("“{}”不是有效时间，应为如 2026-12-08 09:00", input.starts_at.trim())));
    }
    let ends_at = parse_time(&input.ends_at);
    if ends_at.is_none() {
        errs.push(FieldError::new("结束时间", format!("“{}”不是有效时间，应为如 2026-12-08 11:00", input.ends_at.trim())));
    }
    let mut minutes = 0;
    if let (Some(s), Some(e)) = (starts_at, ends_at) {
        match duration_minutes(s, e) {
            Ok(m) => minutes = m,
            Err(msg) => errs.push(FieldError::new("结束时间", msg)),
        }
    }
    let purpose = input.purpose.trim().to_string();
    if purpose.is_empty() || purpose.chars().count() > 100 || purpose.chars().any(|c| c.is_control()) {
        errs.push(FieldError::new("用途", "请填写用途（不超过100字，不含控制字符）"));
    }
    let people = match input.people.trim() {
        "" => 0,
        t => match t.parse::<i32>() {
            Ok(n) if (0..=500).contains(&n) => n,
            _ => {
                errs.push(FieldError::new("人数", format!("“{t}”应为 0 到 500 之间的整数")));
                0
            }
        },
    };
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(CheckedBooking { resource_id: resource_id.expect("checked"), starts_at: starts_at.expect("checked"), ends_at: ends_at.expect("checked"), minutes, purpose, people })
}

/// Book a resource for the user's organisation. Refused (409) when it overlaps a pending or
/// approved booking of the same resource, naming that booking; the owner's own bookings are
/// approved at once.
pub async fn book(db: &DatabaseConnection, ctx: &Ctx, input: &BookingInput) -> AppResult<bb::Model> {
    let u = booker(ctx)?.clone();
    let c = check_booking(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    // The write first: it serialises bookings of this resource (see the module comment).
    let touched = br::Entity::update_many()
        .col_expr(br::Column::LockSeq, sea_orm::sea_query::ExprTrait::add(Expr::col(br::Column::LockSeq), 1))
        .filter(br::Column::Id.eq(c.resource_id))
        .exec(&tx)
        .await?;
    if touched.rows_affected == 0 {
        return Err(AppError::Validation(vec![FieldError::new("场地设备", "场地或设备不存在")]));
    }
    let r = visible_resource(&tx, ctx, c.resource_id).await?;
    let clash = bb::Entity::find()
        .filter(bb::Column::ResourceId.eq(r.id))
        .filter(bb::Column::Status.is_in(["pending", "approved"]))
        .filter(bb::Column::StartsAt.lt(c.ends_at))
        .filter(bb::Column::EndsAt.gt(c.starts_at))
        .order_by_asc(bb::Column::StartsAt)
        .one(&tx)
        .await?;
    if let Some(first) = clash.filter(|b| overlaps(b.starts_at, b.ends_at, c.starts_at, c.ends_at)) {
        let who = organization::Entity::find_by_id(first.booker_org_id).one(&tx).await?.map(|o| o.name).unwrap_or_default();
        return Err(AppError::Conflict(format!(
            "{}在该时段已有预约（第{}号，{}「{}」，{}至{}，{}），请选择其他时间",
            r.name,
            first.id,
            who,
            first.purpose,
            zh_time(first.starts_at),
            zh_time(first.ends_at),
            status_label(&first.status)
        )));
    }
    let now = chrono::Utc::now();
    let own = manages(&u, &r);
    let m = bb::ActiveModel {
        resource_id: Set(r.id),
        booker_org_id: Set(u.org_id),
        starts_at: Set(c.starts_at),
        ends_at: Set(c.ends_at),
        purpose: Set(c.purpose.clone()),
        people: Set(c.people),
        status: Set(if own { "approved" } else { "pending" }.into()),
        fee_yuan: Set(fee_yuan(r.hourly_fee.max(0) as u32, c.minutes) as i64),
        created_by: Set(Some(u.id)),
        created_at: Set(now),
        decided_by: Set(own.then_some(u.id)),
        decided_at: Set(own.then_some(now)),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("create", "base_booking", m.id, format!("预约{}：{}至{}", r.name, zh_time(m.starts_at), zh_time(m.ends_at))).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

async fn managed_booking<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<(bb::Model, br::Model)> {
    let u = reader(ctx)?;
    let b = bb::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let r = br::Entity::find_by_id(b.resource_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !manages(u, &r) {
        return Err(AppError::Forbidden);
    }
    Ok((b, r))
}

/// The owner approves (`approve`) or refuses (`refuse`) a pending booking.
pub async fn decide(db: &DatabaseConnection, ctx: &Ctx, id: i64, action: &str) -> AppResult<()> {
    let u = reader(ctx)?.clone();
    let tx = db.begin().await?;
    let (b, r) = managed_booking(&tx, ctx, id).await?;
    let approve = match action {
        "approve" => true,
        "refuse" => false,
        _ => return Err(AppError::BadRequest("操作无效".into())),
    };
    if b.status != "pending" {
        return Err(AppError::Conflict("该预约不是待审批状态".into()));
    }
    let mut am: bb::ActiveModel = b.clone().into();
    am.status = Set(if approve { "approved" } else { "refused" }.into());
    am.decided_by = Set(Some(u.id));
    am.decided_at = Set(Some(chrono::Utc::now()));
    let after = am.update(&tx).await?;
    let verb = if approve { "批准" } else { "拒绝" };
    audit::record(&tx, ctx, Entry::new(if approve { "approve" } else { "refuse" }, "base_booking", id, format!("{verb}预约：{} 第{}号", r.name, id)).before(&b).after(&after))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The owner records the payment of an approved booking's fee.
pub async fn mark_paid(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<()> {
    let tx = db.begin().await?;
    let (b, r) = managed_booking(&tx, ctx, id).await?;
    if b.status != "approved" || b.paid_at.is_some() {
        return Err(AppError::Conflict("只有已批准且未收费的预约可以登记收费".into()));
    }
    let mut am: bb::ActiveModel = b.clone().into();
    am.paid_at = Set(Some(chrono::Utc::now()));
    let after = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("paid", "base_booking", id, format!("登记收费：{} 第{}号 {}元", r.name, id, b.fee_yuan)).before(&b).after(&after)).await?;
    tx.commit().await?;
    Ok(())
}

/// Billing records: approved bookings of the resources the user manages, and the user's
/// organisation's own bookings; every one for the district.
pub async fn billing(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<(BookingView, bool)>> {
    let u = reader(ctx)?;
    let resources = br::Entity::find().all(db).await?;
    let managed: Vec<i64> = resources.iter().filter(|r| manages(u, r)).map(|r| r.id).collect();
    let mut cond = Condition::any().add(bb::Column::BookerOrgId.eq(u.org_id)).add(bb::Column::ResourceId.is_in(managed.clone()));
    if u.can(Permission::OrgReadAll) {
        cond = Condition::all();
    }
    let rows = bb::Entity::find().filter(cond).order_by_desc(bb::Column::StartsAt).all(db).await?;
    let flags: Vec<bool> = rows.iter().map(|b| managed.contains(&b.resource_id)).collect();
    Ok(booking_views(db, rows).await?.into_iter().zip(flags).collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct UtilRow {
    pub label: String,
    pub hours: f64,
    pub pct: String,
}

/// Approved booked time per base (owner) and per resource in a month, against opening hours.
pub async fn utilisation(db: &DatabaseConnection, ctx: &Ctx, year: i32, month: u32) -> AppResult<(Vec<UtilRow>, Vec<UtilRow>)> {
    let resources = resources(db, ctx).await?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| AppError::BadRequest("月份无效".into()))?;
    let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) }.expect("valid");
    let days = (next - first).num_days() as u32;
    let (start, end) = (first.and_hms_opt(0, 0, 0).expect("midnight"), next.and_hms_opt(0, 0, 0).expect("midnight"));
    let ids: Vec<i64> = resources.iter().map(|r| r.id).collect();
    let rows = bb::Entity::find()
        .filter(bb::Column::ResourceId.is_in(ids))
        .filter(bb::Column::Status.eq("approved"))
        .filter(bb::Column::StartsAt.lt(end))
        .filter(bb::Column::EndsAt.gt(start))
        .all(db)
        .await?;
    let minutes_of = |rid: i64| -> i64 {
        rows.iter().filter(|b| b.resource_id == rid).map(|b| (b.ends_at.min(end) - b.starts_at.max(start)).num_minutes()).sum()
    };
    let row = |label: String, minutes: i64, n: u32| UtilRow {
        label,
        hours: (minutes as f64 / 6.0).round() / 10.0,
        pct: utilisation_pct(minutes, days, n).map(|p| format!("{p}%")).unwrap_or_else(|| "—".into()),
    };
    let per_resource: Vec<UtilRow> = resources.iter().map(|r| row(format!("{} · {}", r.owner_name, r.name), minutes_of(r.id), 1)).collect();
    let mut owners: Vec<(i64, String)> = resources.iter().map(|r| (r.owner_org_id, r.owner_name.clone())).collect();
    owners.dedup();
    let per_base = owners
        .into_iter()
        .map(|(o, name)| {
            let mine: Vec<&ResourceView> = resources.iter().filter(|r| r.owner_org_id == o).collect();
            row(name, mine.iter().map(|r| minutes_of(r.id)).sum(), mine.len() as u32)
        })
        .collect();
    Ok((per_base, per_resource))
}

/// Approved bookings of the current year (the dashboard's (六) indicator).
pub async fn bookings_this_year<C: ConnectionTrait>(db: &C) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    let y = chrono::Utc::now().year();
    let start = NaiveDate::from_ymd_opt(y, 1, 1).expect("date").and_hms_opt(0, 0, 0).expect("time");
    Ok(bb::Entity::find().filter(bb::Column::Status.eq("approved")).filter(bb::Column::StartsAt.gte(start)).count(db).await?)
}

/// A resource as the owner's form gives it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ResourceInput {
    /// The owner (the district picks a base or school; a school's administrator adds its own lab).
    #[serde(default)]
    pub owner_org_id: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub capacity: String,
    /// Yuan per hour.
    #[serde(default)]
    pub hourly_fee: String,
    #[serde(default)]
    pub description: String,
}

/// Add a room, workstation or piece of equipment (the district for any base or school; a
/// school's administrator offers its own lab for sharing).
pub async fn add_resource(db: &DatabaseConnection, ctx: &Ctx, input: &ResourceInput) -> AppResult<br::Model> {
    let u = ctx.user()?;
    let owner = if u.can(Permission::OrgManage) {
        input.owner_org_id.trim().parse::<i64>().ok().ok_or_else(|| AppError::Validation(vec![FieldError::new("所属单位", "请选择所属单位")]))?
    } else if u.has_role(Role::SchoolAdmin) && is_school_kind(&u.org_kind) {
        u.org_id
    } else {
        return Err(AppError::Forbidden);
    };
    let mut errs = Vec::new();
    if !KINDS.iter().any(|(k, _)| *k == input.kind) {
        errs.push(FieldError::new("类型", "请选择实训室、工位或设备"));
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(|c| c.is_control()) {
        errs.push(FieldError::new("名称", "请填写名称（不超过60字）"));
    }
    let num = |label: &str, s: &str, max: i32, errs: &mut Vec<FieldError>| match s.trim() {
        "" => 0,
        t => t.parse::<i32>().ok().filter(|n| (0..=max).contains(n)).unwrap_or_else(|| {
            errs.push(FieldError::new(label, format!("“{t}”应为 0 到 {max} 之间的整数")));
            0
        }),
    };
    let capacity = num("容纳人数", &input.capacity, 1000, &mut errs);
    let hourly_fee = num("收费标准（元/小时）", &input.hourly_fee, 100_000, &mut errs);
    let description = input.description.trim();
    if description.chars().count() > 500 {
        errs.push(FieldError::new("说明", "不超过500字"));
    }
    let owner_org = organization::Entity::find_by_id(owner).one(db).await?;
    if !owner_org.as_ref().is_some_and(|o| o.kind == "training_base_operator" || is_school_kind(&o.kind)) {
        errs.push(FieldError::new("所属单位", "须是实训基地或学校"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let m = br::ActiveModel {
        owner_org_id: Set(owner),
        kind: Set(input.kind.clone()),
        name: Set(name.into()),
        capacity: Set(capacity),
        hourly_fee: Set(hourly_fee),
        description: Set(description.into()),
        shared: Set(true),
        lock_seq: Set(0),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("create", "base_resource", m.id, format!("开放共享：{}", m.name)).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

/// Owners the district may add resources for: training bases and vocational schools.
pub async fn owner_choices(db: &DatabaseConnection) -> AppResult<Vec<(i64, String)>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Kind.is_in(["training_base_operator", "vocational_school"]))
        .order_by_asc(organization::Column::Kind)
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}
