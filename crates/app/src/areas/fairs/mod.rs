//! 面对面 (seed measure 十三: "搭建校企'面对面'平台 … 定期举办校企供需见面会"): supply-demand
//! meetings and visits of students and teachers to enterprises (组织师生走进企业, in
//! `visits`).
//!
//! A fair is run by the district or one of its departments (人社中心 holds job fairs):
//! draft → open (enterprises register booths, students sign up) → held (the day; the
//! door checks people in) → closed. An approved enterprise's HR registers for a booth in
//! one of the fair's categories; the organisers approve or refuse it; an approved booth
//! brings the enterprise's own published postings. A student who signs up gets a
//! personal QR code signed by the server with Ed25519 (`zhijiao_domain::fair_offline`, see `offline`); at the door staff
//! scan or type it on a phone page, and a used, foreign or forged code is refused with
//! nothing recorded. Afterwards the figures: attendance, and résumés received (applications
//! of signed-up students to the booths' postings since they signed up), interviews, offers
//! and hires, per enterprise and per school.

pub mod api;
pub mod offline;
pub mod pages;
pub mod visit_pages;
pub mod visits;

use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{application, fair, fair_booth, fair_booth_posting, fair_checkin, fair_signup, organization, posting, student, student_profile, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use zhijiao_domain::fairs::{self as rules, Funnel};
use zhijiao_domain::validate::{mask_middle, mask_mobile};

pub fn status_zh(s: &str) -> &'static str {
    match s {
        "draft" => "草稿",
        "open" => "报名中",
        "held" => "举办中",
        "closed" => "已结束",
        _ => "",
    }
}

pub fn booth_status_zh(s: &str) -> &'static str {
    match s {
        "pending" => "待审核",
        "approved" => "已通过",
        "refused" => "未通过",
        _ => "",
    }
}

/// China time, as dates and times are read in the zone.
pub fn local_time(t: chrono::DateTime<chrono::Utc>) -> String {
    (t + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string()
}

fn split_categories(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in s.split([',', '，', '、', ';', '；', '\n']) {
        let p = p.trim();
        if !p.is_empty() && !out.iter().any(|x| x == p) {
            out.push(p.to_string());
        }
    }
    out
}

/// Whether the user runs fairs (district staff and departments).
pub fn is_staff(ctx: &Ctx) -> bool {
    ctx.can(Permission::FairManage)
}

fn require_staff(ctx: &Ctx) -> AppResult<&AuthUser> {
    ctx.require(Permission::FairManage)
}

/// The HR of an enterprise (approved or not: the caller decides what needs approval).
fn require_hr(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = ctx.user()?;
    if u.has_role(Role::EnterpriseHr) && u.org_kind == "enterprise" { Ok(u) } else { Err(AppError::Forbidden) }
}

fn require_student(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = ctx.user()?;
    if u.has_role(Role::Student) { Ok(u) } else { Err(AppError::Forbidden) }
}

// ---------------------------------------------------------------- fairs

#[derive(Debug, Clone, Serialize)]
pub struct FairView {
    pub id: i64,
    pub title: String,
    pub theme: String,
    pub fair_date: String,
    pub time_text: String,
    pub venue: String,
    pub description: String,
    pub categories: Vec<String>,
    pub booth_capacity: i32,
    pub capacity: i32,
    pub status: String,
    pub status_name: String,
    pub organiser: String,
    pub signups: u64,
    pub approved_booths: u64,
    pub is_demo: bool,
}

async fn view<C: ConnectionTrait>(db: &C, m: fair::Model) -> AppResult<FairView> {
    let organiser = organization::Entity::find_by_id(m.organiser_org_id).one(db).await?.map(|o| o.name).unwrap_or_default();
    let signups = fair_signup::Entity::find().filter(fair_signup::Column::FairId.eq(m.id)).count(db).await?;
    let approved_booths = fair_booth::Entity::find()
        .filter(fair_booth::Column::FairId.eq(m.id))
        .filter(fair_booth::Column::Status.eq("approved"))
        .count(db)
        .await?;
    Ok(FairView {
        id: m.id,
        categories: split_categories(&m.categories),
        status_name: status_zh(&m.status).into(),
        title: m.title,
        theme: m.theme,
        fair_date: m.fair_date.to_string(),
        time_text: m.time_text.unwrap_or_default(),
        venue: m.venue,
        description: m.description,
        booth_capacity: m.booth_capacity,
        capacity: m.capacity,
        status: m.status,
        organiser,
        signups,
        approved_booths,
        is_demo: m.is_demo,
    })
}

/// Fairs in reach: drafts for staff only, the others for everyone (they are public).
pub async fn list(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<FairView>> {
    let mut q = fair::Entity::find();
    if !is_staff(ctx) {
        q = q.filter(fair::Column::Status.ne("draft"));
    }
    let rows = q.order_by_desc(fair::Column::FairDate).order_by_desc(fair::Column::Id).all(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        out.push(view(db, m).await?);
    }
    Ok(out)
}

async fn find_visible<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<fair::Model> {
    let m = fair::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if m.status == "draft" && !is_staff(ctx) {
        return Err(AppError::NotFound);
    }
    Ok(m)
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<FairView> {
    let m = find_visible(db, ctx, id).await?;
    view(db, m).await
}

/// What staff type to create a fair. Numbers and dates come as text (see postings).
/// Every field defaults to empty so that a missing one is a named error, not a 422 from
/// the form reader before the role is even checked.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FairInput {
    pub title: String,
    pub theme: String,
    /// YYYY-MM-DD
    pub fair_date: String,
    pub time_text: Option<String>,
    pub venue: String,
    pub description: Option<String>,
    /// Booth categories separated by commas or 、
    pub categories: String,
    pub booth_capacity: String,
    /// Students who may sign up.
    pub capacity: String,
}

struct ValidFair {
    title: String,
    theme: String,
    fair_date: NaiveDate,
    time_text: Option<String>,
    venue: String,
    description: String,
    categories: Vec<String>,
    booth_capacity: i32,
    capacity: i32,
}

fn validate(input: &FairInput) -> Result<ValidFair, Vec<FieldError>> {
    let mut errs = Vec::new();
    let mut text = |field: &'static str, v: &str, label: &str, max: usize| -> String {
        let v = v.trim().to_string();
        if v.is_empty() {
            errs.push(FieldError::new(field, format!("{label}不能为空")));
        } else if v.chars().count() > max {
            errs.push(FieldError::new(field, format!("{label}不能超过{max}个字")));
        }
        v
    };
    let title = text("title", &input.title, "名称", 80);
    let theme = text("theme", &input.theme, "主题", 40);
    let venue = text("venue", &input.venue, "地点", 80);
    let fair_date = match NaiveDate::parse_from_str(input.fair_date.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errs.push(FieldError::new("fair_date", format!("日期“{}”无效，应为 YYYY-MM-DD", input.fair_date.trim())));
            None
        }
    };
    let categories = split_categories(&input.categories);
    if categories.is_empty() {
        errs.push(FieldError::new("categories", "至少填写一个展位类别，如 生物医药、智能制造"));
    } else if categories.len() > 20 || categories.iter().any(|c| c.chars().count() > 20) {
        errs.push(FieldError::new("categories", "展位类别最多20个，每个不超过20个字"));
    }
    let mut number = |field: &'static str, v: &str, label: &str, max: i32| -> i32 {
        match v.trim().parse::<i32>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                errs.push(FieldError::new(field, format!("{label}须为1到{max}之间的整数")));
                0
            }
        }
    };
    let booth_capacity = number("booth_capacity", &input.booth_capacity, "展位数", 1000);
    let capacity = number("capacity", &input.capacity, "学生名额", 100_000);
    let description = input.description.as_deref().unwrap_or("").trim().to_string();
    if description.chars().count() > 5000 {
        errs.push(FieldError::new("description", "简介不能超过5000个字"));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(ValidFair {
        title,
        theme,
        fair_date: fair_date.expect("checked"),
        time_text: input.time_text.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from),
        venue,
        description,
        categories,
        booth_capacity,
        capacity,
    })
}

/// Create a fair as a draft (staff), audited.
pub async fn create(db: &DatabaseConnection, ctx: &Ctx, input: &FairInput) -> AppResult<i64> {
    let u = require_staff(ctx)?.clone();
    let v = validate(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    let m = insert(&tx, ctx, &v, u.org_id, Some(u.id), false).await?;
    tx.commit().await?;
    Ok(m.id)
}

async fn insert<C: ConnectionTrait>(db: &C, ctx: &Ctx, v: &ValidFair, org_id: i64, by: Option<i64>, is_demo: bool) -> AppResult<fair::Model> {
    let now = chrono::Utc::now();
    let m = fair::ActiveModel {
        title: Set(v.title.clone()),
        theme: Set(v.theme.clone()),
        fair_date: Set(v.fair_date),
        time_text: Set(v.time_text.clone()),
        venue: Set(v.venue.clone()),
        description: Set(v.description.clone()),
        categories: Set(v.categories.join(",")),
        booth_capacity: Set(v.booth_capacity),
        capacity: Set(v.capacity),
        status: Set("draft".into()),
        organiser_org_id: Set(org_id),
        created_by: Set(by),
        created_at: Set(now),
        updated_at: Set(now),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("create", "fair", m.id, format!("创建供需见面会 {}", m.title)).after(&m)).await?;
    Ok(m)
}

/// Move a fair along its life cycle (staff), audited. Back to draft only while nobody
/// registered or signed up.
pub async fn set_status(db: &DatabaseConnection, ctx: &Ctx, id: i64, to: &str) -> AppResult<()> {
    require_staff(ctx)?;
    if !rules::STATUSES.contains(&to) {
        return Err(AppError::BadRequest(format!("状态“{to}”无效")));
    }
    let tx = db.begin().await?;
    let m = fair::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    move_status(&tx, ctx, m, to).await?;
    tx.commit().await?;
    Ok(())
}

async fn move_status<C: ConnectionTrait>(db: &C, ctx: &Ctx, m: fair::Model, to: &str) -> AppResult<()> {
    if !rules::may_move(&m.status, to) {
        return Err(AppError::Conflict(format!("不能从“{}”改为“{}”", status_zh(&m.status), status_zh(to))));
    }
    if to == "draft" {
        let booths = fair_booth::Entity::find().filter(fair_booth::Column::FairId.eq(m.id)).count(db).await?;
        let signups = fair_signup::Entity::find().filter(fair_signup::Column::FairId.eq(m.id)).count(db).await?;
        if booths + signups > 0 {
            return Err(AppError::Conflict("已有企业报名展位或学生报名，不能退回草稿".into()));
        }
    }
    let from = m.status.clone();
    let title = m.title.clone();
    let id = m.id;
    let mut am: fair::ActiveModel = m.into();
    am.status = Set(to.to_string());
    am.updated_at = Set(chrono::Utc::now());
    am.update(db).await?;
    audit::record(
        db,
        ctx,
        Entry::new("set_status", "fair", id, format!("见面会 {title} 状态 {} → {}", status_zh(&from), status_zh(to)))
            .before(&serde_json::json!({"status": from}))
            .after(&serde_json::json!({"status": to})),
    )
    .await
}

// ---------------------------------------------------------------- booths

#[derive(Debug, Clone, Serialize)]
pub struct BoothPosting {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoothView {
    pub id: i64,
    pub fair_id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub category: String,
    pub note: String,
    pub booth_no: Option<i32>,
    pub status: String,
    pub status_name: String,
    pub review_comment: String,
    pub registered_at: String,
    pub postings: Vec<BoothPosting>,
}

/// The booths of a fair a reader may see: approved ones for everyone; every booth for
/// staff; the enterprise's own booth (in any state) for its HR.
pub async fn booths<C: ConnectionTrait>(db: &C, ctx: &Ctx, fair_id: i64) -> AppResult<Vec<BoothView>> {
    let staff = is_staff(ctx);
    let own_org = ctx.user.as_ref().filter(|u| u.has_role(Role::EnterpriseHr)).map(|u| u.org_id);
    let rows = fair_booth::Entity::find()
        .filter(fair_booth::Column::FairId.eq(fair_id))
        .order_by_asc(fair_booth::Column::BoothNo)
        .order_by_asc(fair_booth::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|b| staff || b.status == "approved" || Some(b.org_id) == own_org)
        .collect::<Vec<_>>();
    let orgs = crate::areas::orgs::names(db, rows.iter().map(|b| b.org_id)).await?;
    let links = fair_booth_posting::Entity::find()
        .filter(fair_booth_posting::Column::BoothId.is_in(rows.iter().map(|b| b.id).collect::<Vec<_>>()))
        .order_by_asc(fair_booth_posting::Column::Id)
        .all(db)
        .await?;
    let titles: HashMap<i64, String> = posting::Entity::find()
        .filter(posting::Column::Id.is_in(links.iter().map(|l| l.posting_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    Ok(rows
        .into_iter()
        .map(|b| BoothView {
            id: b.id,
            fair_id: b.fair_id,
            org_id: b.org_id,
            org_name: orgs.get(&b.org_id).cloned().unwrap_or_default(),
            category: b.category,
            note: b.note.unwrap_or_default(),
            booth_no: b.booth_no,
            status_name: booth_status_zh(&b.status).into(),
            status: b.status,
            review_comment: b.review_comment.unwrap_or_default(),
            registered_at: local_time(b.registered_at),
            postings: links
                .iter()
                .filter(|l| l.booth_id == b.id)
                .map(|l| BoothPosting { id: l.posting_id, title: titles.get(&l.posting_id).cloned().unwrap_or_default() })
                .collect(),
        })
        .collect())
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BoothInput {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// An approved enterprise's HR registers for a booth of an open fair, audited; the
/// organisers are told.
pub async fn register_booth(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64, input: &BoothInput) -> AppResult<i64> {
    let u = require_hr(ctx)?.clone();
    let tx = db.begin().await?;
    let f = find_visible(&tx, ctx, fair_id).await?;
    let org = organization::Entity::find_by_id(u.org_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if org.status != "active" {
        return Err(AppError::Conflict("企业尚未通过区里审核，暂不能报名展位".into()));
    }
    if f.status != "open" {
        return Err(AppError::Conflict(format!("见面会当前为“{}”，不接受展位报名", status_zh(&f.status))));
    }
    let category = input.category.trim().to_string();
    let categories = split_categories(&f.categories);
    if !categories.contains(&category) {
        return Err(AppError::Validation(vec![FieldError::new(
            "category",
            format!("展位类别“{category}”不在本场的类别中（{}）", categories.join("、")),
        )]));
    }
    let note = input.note.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    if note.as_ref().is_some_and(|n| n.chars().count() > 500) {
        return Err(AppError::Validation(vec![FieldError::new("note", "备注不能超过500个字")]));
    }
    let m = fair_booth::ActiveModel {
        fair_id: Set(fair_id),
        org_id: Set(u.org_id),
        category: Set(category),
        note: Set(note),
        booth_no: Set(None),
        status: Set("pending".into()),
        review_comment: Set(None),
        registered_by: Set(Some(u.id)),
        registered_at: Set(chrono::Utc::now()),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        ..Default::default()
    }
    .insert(&tx)
    .await
    .map_err(|e| AppError::on_unique(e, "本企业已报名该见面会的展位"))?;
    audit::record(&tx, ctx, Entry::new("register_booth", "fair_booth", m.id, format!("{} 报名见面会 {} 展位（{}）", org.name, f.title, m.category)).after(&m))
        .await?;
    let link = format!("/fairs/{fair_id}");
    for role in ["district_admin", "dept_liaison"] {
        for staff in crate::areas::postings::users_with_role(&tx, role, Some(f.organiser_org_id)).await? {
            crate::areas::postings::notifications::notify(&tx, staff, &format!("{} 报名了“{}”的展位，待审核", org.name, f.title), &link).await?;
        }
    }
    tx.commit().await?;
    Ok(m.id)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BoothReview {
    /// approve | refuse
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub comment: Option<String>,
}

/// Staff approve (numbering the booth) or refuse (with a reason) a pending booth, audited;
/// the enterprise's HR are told.
pub async fn review_booth(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64, booth_id: i64, input: &BoothReview) -> AppResult<()> {
    require_staff(ctx)?;
    let comment = input.comment.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let approve = match input.decision.as_str() {
        "approve" => true,
        "refuse" => false,
        d => return Err(AppError::BadRequest(format!("审核结论“{d}”无效"))),
    };
    if !approve && comment.is_none() {
        return Err(AppError::Validation(vec![FieldError::new("comment", "不通过时请填写理由")]));
    }
    let tx = db.begin().await?;
    let f = fair::Entity::find_by_id(fair_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let b = fair_booth::Entity::find_by_id(booth_id).one(&tx).await?.filter(|b| b.fair_id == fair_id).ok_or(AppError::NotFound)?;
    if b.status != "pending" {
        return Err(AppError::Conflict(format!("该展位已审核（{}）", booth_status_zh(&b.status))));
    }
    let approved: Vec<fair_booth::Model> =
        fair_booth::Entity::find().filter(fair_booth::Column::FairId.eq(fair_id)).filter(fair_booth::Column::Status.eq("approved")).all(&tx).await?;
    if approve && approved.len() as i64 >= f.booth_capacity as i64 {
        return Err(AppError::Conflict(format!("展位已满（共{}个）", f.booth_capacity)));
    }
    let booth_no = approve.then(|| approved.iter().filter_map(|a| a.booth_no).max().unwrap_or(0) + 1);
    let org = organization::Entity::find_by_id(b.org_id).one(&tx).await?.map(|o| o.name).unwrap_or_default();
    let before = b.clone();
    let mut am: fair_booth::ActiveModel = b.into();
    am.status = Set(if approve { "approved" } else { "refused" }.into());
    am.booth_no = Set(booth_no);
    am.review_comment = Set(comment);
    am.reviewed_by = Set(ctx.user_id());
    am.reviewed_at = Set(Some(chrono::Utc::now()));
    let after = am.update(&tx).await?;
    let verdict = if approve { format!("通过（{}号展位）", booth_no.unwrap_or_default()) } else { "不通过".to_string() };
    audit::record(
        &tx,
        ctx,
        Entry::new(if approve { "approve_booth" } else { "refuse_booth" }, "fair_booth", booth_id, format!("见面会 {} 展位 {org}：{verdict}", f.title))
            .before(&before)
            .after(&after),
    )
    .await?;
    for hr in crate::areas::postings::users_with_role(&tx, "enterprise_hr", Some(after.org_id)).await? {
        crate::areas::postings::notifications::notify(&tx, hr, &format!("“{}”展位报名审核{verdict}", f.title), &format!("/fairs/{fair_id}")).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The enterprise's HR brings one of its own published postings to its approved booth.
pub async fn attach_posting(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64, booth_id: i64, posting_id: Option<i64>) -> AppResult<()> {
    let u = require_hr(ctx)?.clone();
    let tx = db.begin().await?;
    let f = fair::Entity::find_by_id(fair_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let b = fair_booth::Entity::find_by_id(booth_id)
        .one(&tx)
        .await?
        .filter(|b| b.fair_id == fair_id && b.org_id == u.org_id)
        .ok_or(AppError::NotFound)?;
    if b.status != "approved" {
        return Err(AppError::Conflict("展位审核通过后才能关联岗位".into()));
    }
    if f.status == "closed" {
        return Err(AppError::Conflict("见面会已结束".into()));
    }
    let Some(posting_id) = posting_id else {
        return Err(AppError::BadRequest("请选择要关联的岗位".into()));
    };
    let Some(p) = posting::Entity::find_by_id(posting_id).one(&tx).await? else {
        return Err(AppError::BadRequest("岗位不存在".into()));
    };
    if p.org_id != u.org_id {
        return Err(AppError::BadRequest("只能关联本企业的岗位".into()));
    }
    let status = crate::areas::postings::effective_status(&p, crate::areas::postings::today());
    if status != "published" {
        return Err(AppError::BadRequest(format!("只能关联已发布的岗位（“{}”当前不是发布状态）", p.title)));
    }
    let m = fair_booth_posting::ActiveModel { booth_id: Set(booth_id), posting_id: Set(posting_id), attached_at: Set(chrono::Utc::now()), ..Default::default() }
        .insert(&tx)
        .await
        .map_err(|e| AppError::on_unique(e, "该岗位已关联到本展位"))?;
    audit::record(&tx, ctx, Entry::new("attach_posting", "fair_booth", booth_id, format!("见面会 {} 展位关联岗位 {}", f.title, p.title)).after(&m)).await?;
    tx.commit().await?;
    Ok(())
}

/// The enterprise's published postings not yet at its booth (the HR's choice list).
pub async fn attachable_postings(db: &DatabaseConnection, ctx: &Ctx, booth: &BoothView) -> AppResult<Vec<BoothPosting>> {
    let Some(u) = ctx.user.as_ref().filter(|u| u.org_id == booth.org_id && u.has_role(Role::EnterpriseHr)) else {
        return Ok(Vec::new());
    };
    let today = crate::areas::postings::today();
    Ok(posting::Entity::find()
        .filter(posting::Column::OrgId.eq(u.org_id))
        .filter(posting::Column::Status.eq("published"))
        .order_by_desc(posting::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|p| crate::areas::postings::effective_status(p, today) == "published")
        .filter(|p| !booth.postings.iter().any(|x| x.id == p.id))
        .map(|p| BoothPosting { id: p.id, title: p.title })
        .collect())
}

// ---------------------------------------------------------------- sign-ups and codes

/// A student signs up for an open fair (once; within its capacity), audited.
pub async fn sign_up(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64) -> AppResult<i64> {
    let u = require_student(ctx)?.clone();
    let tx = db.begin().await?;
    let f = find_visible(&tx, ctx, fair_id).await?;
    if !rules::accepts_signups(&f.status) {
        return Err(AppError::Conflict(format!("见面会当前为“{}”，不接受报名", status_zh(&f.status))));
    }
    let taken = fair_signup::Entity::find().filter(fair_signup::Column::FairId.eq(fair_id)).count(&tx).await?;
    if taken >= f.capacity as u64 {
        return Err(AppError::Conflict(format!("报名人数已满（{}人）", f.capacity)));
    }
    let m = fair_signup::ActiveModel { fair_id: Set(fair_id), user_id: Set(u.id), org_id: Set(u.org_id), created_at: Set(chrono::Utc::now()), ..Default::default() }
        .insert(&tx)
        .await
        .map_err(|e| AppError::on_unique(e, "您已报名该见面会"))?;
    audit::record(&tx, ctx, Entry::new("sign_up", "fair_signup", m.id, format!("{} 报名见面会 {}", u.display_name, f.title))).await?;
    tx.commit().await?;
    Ok(m.id)
}

pub async fn my_signup<C: ConnectionTrait>(db: &C, user_id: i64, fair_id: i64) -> AppResult<Option<fair_signup::Model>> {
    Ok(fair_signup::Entity::find().filter(fair_signup::Column::FairId.eq(fair_id)).filter(fair_signup::Column::UserId.eq(user_id)).one(db).await?)
}

/// The student's own code for a fair, and when it was used (if it was).
pub struct MyCode {
    pub code: String,
    pub checked_in_at: Option<String>,
}

/// The code is signed with the instance's Ed25519 key (`offline`), so that the door's
/// phone can verify it without a network.
pub async fn my_code(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64) -> AppResult<Option<MyCode>> {
    let u = require_student(ctx)?;
    find_visible(db, ctx, fair_id).await?;
    let Some(s) = my_signup(db, u.id, fair_id).await? else {
        return Ok(None);
    };
    let used = fair_checkin::Entity::find().filter(fair_checkin::Column::SignupId.eq(s.id)).one(db).await?;
    Ok(Some(MyCode { code: offline::sign_code(db, ctx, fair_id, s.id).await?, checked_in_at: used.map(|c| local_time(c.checked_in_at)) }))
}

/// A person as the door and the lists show them: 身份证号 and phone masked.
#[derive(Debug, Clone, Serialize)]
pub struct Attendee {
    pub signup_id: i64,
    pub user_id: i64,
    pub name: String,
    pub school: String,
    pub id_number: String,
    pub phone: String,
    pub signed_up_at: String,
    pub checked_in_at: Option<String>,
}

async fn attendee<C: ConnectionTrait>(db: &C, s: &fair_signup::Model, checked_in_at: Option<String>, schools: &HashMap<i64, String>) -> AppResult<Attendee> {
    let u = user::Entity::find_by_id(s.user_id).one(db).await?.ok_or(AppError::NotFound)?;
    let reg = match student_profile::Entity::find_by_id(s.user_id).one(db).await?.and_then(|p| p.student_id) {
        Some(sid) => student::Entity::find_by_id(sid).one(db).await?,
        None => None,
    };
    let phone = reg.as_ref().and_then(|r| r.phone.clone()).or(u.phone.clone());
    Ok(Attendee {
        signup_id: s.id,
        user_id: s.user_id,
        name: reg.as_ref().map(|r| r.name.clone()).unwrap_or(u.display_name),
        school: schools.get(&s.org_id).cloned().unwrap_or_default(),
        id_number: reg.as_ref().map(|r| mask_middle(&r.id_number, 6, 4)).unwrap_or_default(),
        phone: phone.map(|p| mask_mobile(&p)).unwrap_or_default(),
        signed_up_at: local_time(s.created_at),
        checked_in_at,
    })
}

/// Sign-ups of a fair: all for staff, the school's own students for a school.
pub async fn signups(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64) -> AppResult<Vec<Attendee>> {
    let u = ctx.user()?;
    let school_scope = if is_staff(ctx) {
        None
    } else if u.can(Permission::StudentReadOwn) && crate::roles::is_school_kind(&u.org_kind) {
        Some(u.org_id)
    } else {
        return Err(AppError::Forbidden);
    };
    find_visible(db, ctx, fair_id).await?;
    let mut q = fair_signup::Entity::find().filter(fair_signup::Column::FairId.eq(fair_id));
    if let Some(org) = school_scope {
        q = q.filter(fair_signup::Column::OrgId.eq(org));
    }
    let rows = q.order_by_asc(fair_signup::Column::Id).all(db).await?;
    let checkins: HashMap<i64, String> = fair_checkin::Entity::find()
        .filter(fair_checkin::Column::FairId.eq(fair_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.signup_id, local_time(c.checked_in_at)))
        .collect();
    let schools = crate::areas::orgs::names(db, rows.iter().map(|s| s.org_id)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for s in &rows {
        out.push(attendee(db, s, checkins.get(&s.id).cloned(), &schools).await?);
    }
    Ok(out)
}

/// Check a presented code in at the door of `fair_id` (staff). Refusals — malformed,
/// forged, another fair's, unknown or already used — leave no row behind; a good code
/// records the check-in and its audit row in one transaction. The unique index on the
/// sign-up settles two phones scanning the same code at once.
pub async fn check_in(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64, presented: &str) -> AppResult<Attendee> {
    require_staff(ctx)?;
    let f = fair::Entity::find_by_id(fair_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (_, public) = offline::key_pair(db, ctx).await?;
    let tx = db.begin().await?;
    let s = offline::assess(&tx, &public, &f, presented).await?;
    if let Some(c) = fair_checkin::Entity::find().filter(fair_checkin::Column::SignupId.eq(s.id)).one(&tx).await? {
        return Err(AppError::Conflict(offline::msg_used(&local_time(c.checked_in_at))));
    }
    let now = chrono::Utc::now();
    let c = fair_checkin::ActiveModel { fair_id: Set(fair_id), signup_id: Set(s.id), checked_in_by: Set(ctx.user_id()), checked_in_at: Set(now), ..Default::default() }
        .insert(&tx)
        .await
        .map_err(|e| AppError::on_unique(e, "该签到码刚刚已被使用，不能重复签到"))?;
    let schools = crate::areas::orgs::names(&tx, [s.org_id]).await?;
    let who = attendee(&tx, &s, Some(local_time(now)), &schools).await?;
    audit::record(&tx, ctx, Entry::new("check_in", "fair_checkin", c.id, format!("见面会 {} 签到：{}（{}）", f.title, who.name, who.school))).await?;
    tx.commit().await?;
    Ok(who)
}

pub async fn checked_in_count(db: &DatabaseConnection, fair_id: i64) -> AppResult<u64> {
    Ok(fair_checkin::Entity::find().filter(fair_checkin::Column::FairId.eq(fair_id)).count(db).await?)
}

// ---------------------------------------------------------------- figures after the fair

#[derive(Debug, Clone, Serialize)]
pub struct EnterpriseRow {
    pub org_id: i64,
    pub org_name: String,
    pub category: String,
    pub booth_no: Option<i32>,
    pub postings: usize,
    pub funnel: Funnel,
}

#[derive(Debug, Clone, Serialize)]
pub struct SchoolRow {
    pub org_id: i64,
    pub school: String,
    pub signed_up: u64,
    pub checked_in: u64,
    pub rate: String,
    pub funnel: Funnel,
}

#[derive(Debug, Clone, Serialize)]
pub struct FairStats {
    pub signed_up: u64,
    pub checked_in: u64,
    pub rate: String,
    pub funnel: Funnel,
    pub enterprises: Vec<EnterpriseRow>,
    pub schools: Vec<SchoolRow>,
    /// Whether the reader sees the whole fair (staff) or only their own row.
    pub whole_fair: bool,
    /// Check-ins synced from phones that scanned offline, and how many of them arrived late.
    pub synced: offline::SyncFigures,
}

/// The fair's figures. Résumés received are applications of signed-up students to the
/// postings attached to approved booths, made since the student signed up; interviews,
/// offers and hires are those of them that reached the stage (`zhijiao_domain::fairs`).
/// Staff see every row; an enterprise's HR only its own; a school only its own.
pub async fn stats(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64) -> AppResult<FairStats> {
    let u = ctx.user()?;
    let staff = is_staff(ctx);
    let enterprise_scope = (!staff && u.has_role(Role::EnterpriseHr)).then_some(u.org_id);
    let school_scope = (!staff && u.can(Permission::StudentReadOwn) && crate::roles::is_school_kind(&u.org_kind)).then_some(u.org_id);
    if !staff && enterprise_scope.is_none() && school_scope.is_none() {
        return Err(AppError::Forbidden);
    }
    find_visible(db, ctx, fair_id).await?;
    let signups = fair_signup::Entity::find().filter(fair_signup::Column::FairId.eq(fair_id)).all(db).await?;
    let checked: std::collections::HashSet<i64> =
        fair_checkin::Entity::find().filter(fair_checkin::Column::FairId.eq(fair_id)).all(db).await?.into_iter().map(|c| c.signup_id).collect();
    let booths = fair_booth::Entity::find()
        .filter(fair_booth::Column::FairId.eq(fair_id))
        .filter(fair_booth::Column::Status.eq("approved"))
        .order_by_asc(fair_booth::Column::BoothNo)
        .all(db)
        .await?;
    let links = fair_booth_posting::Entity::find()
        .filter(fair_booth_posting::Column::BoothId.is_in(booths.iter().map(|b| b.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let booth_of_posting: HashMap<i64, i64> = links.iter().map(|l| (l.posting_id, l.booth_id)).collect();
    let signup_of_user: HashMap<i64, &fair_signup::Model> = signups.iter().map(|s| (s.user_id, s)).collect();
    let apps = application::Entity::find()
        .filter(application::Column::PostingId.is_in(booth_of_posting.keys().copied().collect::<Vec<_>>()))
        .filter(application::Column::StudentUserId.is_in(signup_of_user.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?;
    let mut by_booth: HashMap<i64, Funnel> = HashMap::new();
    let mut by_school: BTreeMap<i64, Funnel> = BTreeMap::new();
    let mut total = Funnel::default();
    for a in &apps {
        let s = signup_of_user[&a.student_user_id];
        if a.created_at < s.created_at {
            continue;
        }
        let booth = booth_of_posting[&a.posting_id];
        by_booth.entry(booth).or_default().add(&a.status);
        by_school.entry(s.org_id).or_default().add(&a.status);
        total.add(&a.status);
    }
    let orgs = crate::areas::orgs::names(db, booths.iter().map(|b| b.org_id).chain(signups.iter().map(|s| s.org_id))).await?;
    let enterprises = booths
        .iter()
        .filter(|b| staff || Some(b.org_id) == enterprise_scope)
        .map(|b| EnterpriseRow {
            org_id: b.org_id,
            org_name: orgs.get(&b.org_id).cloned().unwrap_or_default(),
            category: b.category.clone(),
            booth_no: b.booth_no,
            postings: links.iter().filter(|l| l.booth_id == b.id).count(),
            funnel: by_booth.get(&b.id).copied().unwrap_or_default(),
        })
        .collect();
    let mut attendance: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    for s in &signups {
        let e = attendance.entry(s.org_id).or_default();
        e.0 += 1;
        e.1 += checked.contains(&s.id) as u64;
    }
    let mut schools: Vec<SchoolRow> = attendance
        .iter()
        .filter(|(org, _)| staff || Some(**org) == school_scope)
        .map(|(org, (n, c))| SchoolRow {
            org_id: *org,
            school: orgs.get(org).cloned().unwrap_or_default(),
            signed_up: *n,
            checked_in: *c,
            rate: rules::attendance_rate(*n, *c),
            funnel: by_school.get(org).copied().unwrap_or_default(),
        })
        .collect();
    schools.sort_by(|a, b| b.signed_up.cmp(&a.signed_up).then(a.school.cmp(&b.school)));
    let (signed_up, checked_in) = (signups.len() as u64, checked.len() as u64);
    let synced = if staff { offline::figures(db, fair_id).await? } else { offline::SyncFigures::default() };
    Ok(FairStats { signed_up, checked_in, rate: rules::attendance_rate(signed_up, checked_in), funnel: total, enterprises, schools, whole_fair: staff, synced })
}

// ---------------------------------------------------------------- demo

/// The demo fair: 高新区2026年秋季生物医药专场供需见面会 a week from today, open for
/// registration, with approved booths of the demo's biomedicine enterprises bringing
/// their published postings, one booth awaiting review, and sign-ups of demo students
/// (made for them here, with their own accounts, so that the demo student's account is
/// left free to sign up and see its code); plus one visit (see `visits::load_demo`).
pub async fn load_demo(db: &DatabaseConnection, ctx: &Ctx, cost: crate::config::PasswordCost) -> AppResult<()> {
    if fair::Entity::find().filter(fair::Column::IsDemo.eq(true)).count(db).await? > 0 {
        return Ok(());
    }
    let Some(renshe) = organization::Entity::find().filter(organization::Column::Name.eq("人社中心")).one(db).await? else {
        return Ok(());
    };
    let bio: Vec<organization::Model> = organization::Entity::find()
        .filter(organization::Column::Kind.eq("enterprise"))
        .filter(organization::Column::IsDemo.eq(true))
        .filter(organization::Column::Status.eq("active"))
        .filter(organization::Column::IndustryCode.is_in(["2710", "2720", "2761", "3581", "3584"]))
        .order_by_asc(organization::Column::Id)
        .all(db)
        .await?;
    let today = crate::areas::postings::today();
    let v = validate(&FairInput {
        title: "高新区2026年秋季生物医药专场供需见面会".into(),
        theme: "生物医药专场".into(),
        fair_date: (today + chrono::Duration::days(7)).to_string(),
        time_text: Some("09:00–12:00".into()),
        venue: "高新区人力资源市场一楼大厅（示例）".into(),
        description: Some("面向职业院校毕业生和在校生，组织区内生物医药、医疗器械企业现场招聘岗位实习生和技术工人。学生凭个人二维码入场签到。".into()),
        categories: "生物医药,医疗器械,智能制造".into(),
        booth_capacity: "30".into(),
        capacity: "300".into(),
    })
    .map_err(AppError::Validation)?;
    // Demo students with accounts of their own (hashing outside the transaction).
    let schools = organization::Entity::find()
        .filter(organization::Column::Kind.eq("vocational_school"))
        .filter(organization::Column::IsDemo.eq(true))
        .order_by_asc(organization::Column::Id)
        .all(db)
        .await?;
    let mut attendees = Vec::new();
    for (i, school) in schools.iter().enumerate() {
        for j in 0..2 {
            let Some(reg) = student::Entity::find()
                .filter(student::Column::OrgId.eq(school.id))
                .order_by_asc(student::Column::Id)
                .offset(j as u64 + 1)
                .one(db)
                .await?
            else {
                continue;
            };
            let username = format!("fairstu{}", i * 2 + j + 1);
            if user::Entity::find().filter(user::Column::Username.eq(&username)).one(db).await?.is_some() {
                continue;
            }
            let display = format!("{}（演示）", reg.name);
            let id = crate::areas::account::add_user(
                db,
                ctx,
                cost,
                crate::areas::account::NewUser {
                    username: &username,
                    display_name: &display,
                    password: crate::demo::DEMO_PASSWORD,
                    org_id: school.id,
                    roles: &[Role::Student],
                },
            )
            .await?;
            attendees.push((id, school.id, reg));
        }
    }
    let tx = db.begin().await?;
    let f = insert(&tx, ctx, &v, renshe.id, None, true).await?;
    move_status(&tx, ctx, f.clone(), "open").await?;
    let now = chrono::Utc::now();
    let mut approved_booths = Vec::new();
    for (i, org) in bio.iter().enumerate().take(8) {
        let category = if org.industry_code.as_deref().is_some_and(|c| c.starts_with("35")) { "医疗器械" } else { "生物医药" };
        let pending = i == 7;
        let b = fair_booth::ActiveModel {
            fair_id: Set(f.id),
            org_id: Set(org.id),
            category: Set(category.into()),
            note: Set(Some("需要一张桌子和两把椅子".into())),
            booth_no: Set((!pending).then_some(i as i32 + 1)),
            status: Set(if pending { "pending" } else { "approved" }.into()),
            review_comment: Set(None),
            registered_by: Set(None),
            registered_at: Set(now),
            reviewed_by: Set(None),
            reviewed_at: Set((!pending).then_some(now)),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        if pending {
            continue;
        }
        let published = posting::Entity::find()
            .filter(posting::Column::OrgId.eq(org.id))
            .filter(posting::Column::Status.eq("published"))
            .order_by_asc(posting::Column::Id)
            .all(&tx)
            .await?;
        for p in published.iter().filter(|p| crate::areas::postings::effective_status(p, today) == "published").take(2) {
            fair_booth_posting::ActiveModel { booth_id: Set(b.id), posting_id: Set(p.id), attached_at: Set(now), ..Default::default() }.insert(&tx).await?;
        }
        approved_booths.push(b);
    }
    for (user_id, school_id, reg) in &attendees {
        student_profile::ActiveModel {
            user_id: Set(*user_id),
            org_id: Set(*school_id),
            student_id: Set(Some(reg.id)),
            major_level: Set(reg.major_level.clone()),
            major_code: Set(reg.major_code.clone()),
            graduation_year: Set(reg.graduation_year),
            skills: Set(String::new()),
            certificates: Set("[]".into()),
            preferred_locations: Set(String::new()),
            preferred_kinds: Set(String::new()),
            opt_in_visible: Set(false),
            updated_at: Set(now),
        }
        .insert(&tx)
        .await?;
        fair_signup::ActiveModel { fair_id: Set(f.id), user_id: Set(*user_id), org_id: Set(*school_id), created_at: Set(now), ..Default::default() }.insert(&tx).await?;
    }
    audit::record(
        &tx,
        ctx,
        Entry::new("demo", "fair", f.id, format!("载入演示见面会：展位 {} 个，报名 {} 人", approved_booths.len(), attendees.len())),
    )
    .await?;
    tx.commit().await?;
    visits::load_demo(db, ctx).await
}


/// Supply-demand meetings of `year` that took place or are open (not drafts): the figure
/// of measure 十三's 校企供需见面会 on the policy dashboard.
pub async fn held_in_year<C: sea_orm::ConnectionTrait>(db: &C, year: i32) -> AppResult<u64> {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let (first, last) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31));
    let (Some(first), Some(last)) = (first, last) else { return Ok(0) };
    Ok(fair::Entity::find()
        .filter(fair::Column::Status.ne("draft"))
        .filter(fair::Column::FairDate.between(first, last))
        .count(db)
        .await?)
}
