//! 校企合作 registry and its two scores — seed measures (十一) and (十二).
//!
//! An agreement binds a school and an enterprise (optionally an industry association).
//! Either side drafts it — drafting is that side's confirmation — and the other side
//! confirms; only confirmed agreements count anywhere (scores, 产教融合型企业 conditions, the
//! policy dashboard). Order classes and apprenticeships link to the enterprise's postings of
//! those kinds. Each party sees its own agreements; the district and the departments read
//! all. The scores are the versioned formulas of `zhijiao_domain::cooperation`, computed here
//! once ([`school_score`], [`enterprise_score`]) for pages, exports, the API and the
//! dashboard.

pub mod api;
pub mod demo;
pub mod fusion;
pub mod import;
pub mod lists;
pub mod pages;

use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{coop_agreement as ca, coop_evidence, organization, posting};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role, is_school_kind};
use crate::storage::FileStore;
use crate::uploads::Received;
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use zhijiao_domain::catalog::{MajorLevel, MajorNode, catalogs};
use zhijiao_domain::cooperation::{
    AgreementFacts, AgreementKind, EFFECTIVENESS_2026, PARTICIPATION_2026, Score, active_in_year, components,
};

/// Which party of an agreement a user acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    School,
    Enterprise,
}

impl Side {
    pub fn key(self) -> &'static str {
        match self {
            Side::School => "school",
            Side::Enterprise => "enterprise",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Side::School => "学校",
            Side::Enterprise => "企业",
        }
    }
}

/// The side a user may write for: a school's administrator or an enterprise's HR.
pub fn side_of(u: &AuthUser) -> Option<Side> {
    if u.has_role(Role::SchoolAdmin) && is_school_kind(&u.org_kind) {
        Some(Side::School)
    } else if u.has_role(Role::EnterpriseHr) && u.org_kind == "enterprise" {
        Some(Side::Enterprise)
    } else {
        None
    }
}

fn writer(ctx: &Ctx) -> AppResult<(&AuthUser, Side)> {
    let u = ctx.user()?;
    side_of(u).map(|s| (u, s)).ok_or(AppError::Forbidden)
}

/// `None` = every agreement (the district and departments); `Some(org)` = the user's
/// organisation's (its administrators, HR and teachers).
pub fn read_scope(ctx: &Ctx) -> AppResult<Option<i64>> {
    let u = ctx.user()?;
    if u.can(Permission::OrgReadAll) {
        return Ok(None);
    }
    if side_of(u).is_some() || (u.has_role(Role::Teacher) && is_school_kind(&u.org_kind)) {
        return Ok(Some(u.org_id));
    }
    Err(AppError::Forbidden)
}

fn party_cond(org: i64) -> Condition {
    Condition::any().add(ca::Column::SchoolOrgId.eq(org)).add(ca::Column::EnterpriseOrgId.eq(org)).add(ca::Column::AssociationOrgId.eq(org))
}

pub const STATUSES: [(&str, &str); 3] = [("draft", "待对方确认"), ("confirmed", "双方已确认"), ("ended", "已终止")];

pub fn status_label(s: &str) -> &'static str {
    STATUSES.iter().find(|(k, _)| *k == s).map(|(_, l)| *l).unwrap_or("未知")
}

pub fn kind_label(k: &str) -> &'static str {
    AgreementKind::parse(k).map(|k| k.label()).unwrap_or("其他")
}

/// 2026年12月4日
pub fn zh_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

// ---------------------------------------------------------------------------------------
// Input

/// An agreement as a form, the API or an import row gives it: numbers and dates as text so
/// that a bad one is a named error.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct AgreementInput {
    /// A kind key (order_class, apprenticeship, …) or its Chinese name.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    /// The other side's organisation id (an enterprise for a school, a school for an enterprise).
    #[serde(default)]
    pub partner_org_id: String,
    /// An industry association taking part (optional).
    #[serde(default)]
    pub association_org_id: String,
    /// Secondary-level major codes, picked from the catalogue.
    #[serde(default)]
    pub majors: Vec<String>,
    /// The enterprise's order-class or apprenticeship posting (optional).
    #[serde(default)]
    pub posting_id: String,
    /// YYYY-MM-DD
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub students: String,
    #[serde(default)]
    pub teachers: String,
    #[serde(default)]
    pub graduates_hired: String,
    #[serde(default)]
    pub apprentices_certified: String,
    #[serde(default)]
    pub projects: String,
    #[serde(default)]
    pub patents: String,
    /// 万元
    #[serde(default)]
    pub revenue_wan: String,
    /// 万元
    #[serde(default)]
    pub equipment_wan: String,
}

/// The field names as the form and the import template print them.
pub const FIELD_LABELS: [(&str, &str); 16] = [
    ("kind", "合作形式"),
    ("title", "协议名称"),
    ("partner_org_id", "合作方"),
    ("association_org_id", "参与行业协会"),
    ("majors", "涉及专业"),
    ("posting_id", "关联招生/招聘岗位"),
    ("start_date", "开始日期"),
    ("end_date", "结束日期"),
    ("students", "参与学生人数"),
    ("teachers", "参与教师人数"),
    ("graduates_hired", "录用毕业生人数"),
    ("apprentices_certified", "学徒出师/取证人数"),
    ("projects", "合作项目数"),
    ("patents", "专利数"),
    ("revenue_wan", "到账经费（万元）"),
    ("equipment_wan", "捐赠设备（万元）"),
];

pub fn field_label(key: &str) -> &'static str {
    FIELD_LABELS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l).unwrap_or("?")
}

/// Checked fields (no database yet).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub kind: AgreementKind,
    pub title: String,
    pub partner_org_id: i64,
    pub association_org_id: Option<i64>,
    pub majors: Vec<String>,
    pub posting_id: Option<i64>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub counts: [i32; 8],
}

/// The outputs' keys, in the order of `Checked::counts`, with their upper bounds.
pub const COUNT_FIELDS: [(&str, i32); 8] = [
    ("students", 100_000),
    ("teachers", 10_000),
    ("graduates_hired", 100_000),
    ("apprentices_certified", 100_000),
    ("projects", 10_000),
    ("patents", 10_000),
    ("revenue_wan", 1_000_000),
    ("equipment_wan", 1_000_000),
];

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y/%m/%d"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y年%m月%d日"))
        .ok()
        .filter(|d| (2000..=2100).contains(&d.year()))
}

/// An optional choice of a row by id: `Some(None)` when left empty, `Some(Some(id))` for a
/// positive id, `None` when the value is not one.
fn optional_id(raw: &str) -> Option<Option<i64>> {
    match raw.trim() {
        "" => Some(None),
        s => s.parse::<i64>().ok().filter(|n| *n > 0).map(Some),
    }
}

/// Check one agreement's fields (pure); every problem at once, each naming its field.
pub fn check(input: &AgreementInput) -> Result<Checked, Vec<FieldError>> {
    let mut errs = Vec::new();
    let mut err = |key: &str, msg: String| errs.push(FieldError::new(field_label(key), msg));
    let kind = AgreementKind::parse(&input.kind);
    if kind.is_none() {
        err("kind", if input.kind.trim().is_empty() { "请选择合作形式".into() } else { format!("“{}”不是可选的合作形式", input.kind.trim()) });
    }
    let title = input.title.trim().to_string();
    if title.is_empty() {
        err("title", "不能为空".into());
    } else if title.chars().count() > 100 || has_control(&title) {
        err("title", "不超过100个字，且不能含控制字符".into());
    }
    let partner_org_id = match input.partner_org_id.trim().parse::<i64>() {
        Ok(n) if n > 0 => n,
        _ => {
            err("partner_org_id", "请选择合作方".into());
            0
        }
    };
    let association_org_id = optional_id(&input.association_org_id).unwrap_or_else(|| {
        err("association_org_id", "请选择行业协会".into());
        None
    });
    let mut majors = Vec::new();
    for m in input.majors.iter().map(|m| m.trim()).filter(|m| !m.is_empty()) {
        let found = catalogs().major(MajorLevel::Secondary, m).filter(|x| x.node == MajorNode::Major);
        match found.or_else(|| catalogs().major_by_name(MajorLevel::Secondary, m)) {
            Some(major) if !majors.contains(&major.code) => majors.push(major.code.clone()),
            Some(_) => {}
            None => err("majors", format!("“{m}”不是专业目录中的中职专业")),
        }
    }
    if majors.len() > 20 {
        err("majors", "最多选择20个专业".into());
    }
    let posting_id = optional_id(&input.posting_id).unwrap_or_else(|| {
        err("posting_id", "请选择岗位".into());
        None
    });
    let start_date = parse_date(&input.start_date);
    if start_date.is_none() {
        err("start_date", format!("“{}”不是有效日期，应为如 2026-09-01", input.start_date.trim()));
    }
    let end_date = match input.end_date.trim() {
        "" => None,
        s => {
            let d = parse_date(s);
            if d.is_none() {
                err("end_date", format!("“{s}”不是有效日期，应为如 2029-07-31"));
            }
            d
        }
    };
    if let (Some(s), Some(e)) = (start_date, end_date)
        && e < s
    {
        err("end_date", "不能早于开始日期".into());
    }
    let raw = [
        &input.students,
        &input.teachers,
        &input.graduates_hired,
        &input.apprentices_certified,
        &input.projects,
        &input.patents,
        &input.revenue_wan,
        &input.equipment_wan,
    ];
    let mut counts = [0i32; 8];
    for (i, ((key, max), text)) in COUNT_FIELDS.iter().zip(raw).enumerate() {
        let t = text.trim();
        if t.is_empty() {
            continue;
        }
        match t.parse::<i32>() {
            Ok(n) if (0..=*max).contains(&n) => counts[i] = n,
            _ => err(key, format!("“{t}”应为 0 到 {max} 之间的整数")),
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Checked {
        kind: kind.expect("checked"),
        title,
        partner_org_id,
        association_org_id,
        majors,
        posting_id,
        start_date: start_date.expect("checked"),
        end_date,
        counts,
    })
}

/// The parties of a checked agreement drafted by `u` (school, enterprise), with the
/// organisations' kinds and the posting checked against the database.
async fn resolve<C: ConnectionTrait>(db: &C, u: &AuthUser, side: Side, c: &Checked) -> AppResult<(organization::Model, organization::Model)> {
    let invalid = |key: &str, msg: &str| AppError::Validation(vec![FieldError::new(field_label(key), msg)]);
    let partner = organization::Entity::find_by_id(c.partner_org_id).one(db).await?.ok_or_else(|| invalid("partner_org_id", "合作方不存在"))?;
    let own = organization::Entity::find_by_id(u.org_id).one(db).await?.ok_or(AppError::Forbidden)?;
    let (school, enterprise) = match side {
        Side::School => {
            if partner.kind != "enterprise" {
                return Err(invalid("partner_org_id", "合作方须是企业"));
            }
            (own, partner)
        }
        Side::Enterprise => {
            if partner.kind != "vocational_school" {
                return Err(invalid("partner_org_id", "合作方须是职业院校"));
            }
            (partner, own)
        }
    };
    if let Some(a) = c.association_org_id {
        let ok = organization::Entity::find_by_id(a).one(db).await?.is_some_and(|o| o.kind == "industry_association");
        if !ok {
            return Err(invalid("association_org_id", "须是平台上的行业协会"));
        }
    }
    if let Some(p) = c.posting_id {
        let Some(kind) = c.kind.posting_kind() else {
            return Err(invalid("posting_id", "只有订单班和现代学徒制协议可关联岗位"));
        };
        let ok = posting::Entity::find_by_id(p).one(db).await?.is_some_and(|p| p.org_id == enterprise.id && p.kind == kind);
        if !ok {
            return Err(invalid("posting_id", "须是该企业发布的同类岗位（订单班招生或学徒制）"));
        }
    }
    Ok((school, enterprise))
}

/// Draft an agreement (the drafting side's confirmation is implied).
pub async fn create(db: &DatabaseConnection, ctx: &Ctx, input: &AgreementInput) -> AppResult<ca::Model> {
    let (u, side) = writer(ctx)?;
    let c = check(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    let m = insert_draft(&tx, ctx, u, side, &c, None).await?;
    tx.commit().await?;
    Ok(m)
}

/// Insert a draft and its audit row on `db` (a transaction).
pub async fn insert_draft<C: ConnectionTrait>(db: &C, ctx: &Ctx, u: &AuthUser, side: Side, c: &Checked, renewed_from: Option<i64>) -> AppResult<ca::Model> {
    let (school, enterprise) = resolve(db, u, side, c).await?;
    let now = chrono::Utc::now();
    let mut am = ca::ActiveModel {
        status: Set("draft".into()),
        drafted_by: Set(side.key().into()),
        school_org_id: Set(school.id),
        enterprise_org_id: Set(enterprise.id),
        school_confirmed_at: Set((side == Side::School).then_some(now)),
        enterprise_confirmed_at: Set((side == Side::Enterprise).then_some(now)),
        renewed_from: Set(renewed_from),
        created_by: Set(Some(u.id)),
        created_at: Set(now),
        is_demo: Set(false),
        ..Default::default()
    };
    fill(&mut am, c);
    let m = am.insert(db).await?;
    audit::record(
        db,
        ctx,
        Entry::new("create", "coop_agreement", m.id, format!("{}起草校企合作协议：{}（{} ↔ {}）", side.label(), m.title, school.name, enterprise.name))
            .after(&m),
    )
    .await?;
    Ok(m)
}

fn fill(am: &mut ca::ActiveModel, c: &Checked) {
    am.kind = Set(c.kind.key().into());
    am.title = Set(c.title.clone());
    am.association_org_id = Set(c.association_org_id);
    am.major_codes = Set(c.majors.join(","));
    am.posting_id = Set(c.posting_id);
    am.start_date = Set(c.start_date);
    am.end_date = Set(c.end_date);
    let [students, teachers, hired, certified, projects, patents, revenue, equipment] = c.counts;
    am.students = Set(students);
    am.teachers = Set(teachers);
    am.graduates_hired = Set(hired);
    am.apprentices_certified = Set(certified);
    am.projects = Set(projects);
    am.patents = Set(patents);
    am.revenue_wan = Set(revenue);
    am.equipment_wan = Set(equipment);
    am.updated_at = Set(chrono::Utc::now());
}

/// The agreement if the reader may see it (404 otherwise, so ids do not leak).
pub async fn visible<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<ca::Model> {
    let scope = read_scope(ctx)?;
    let m = ca::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if let Some(org) = scope
        && ![Some(m.school_org_id), Some(m.enterprise_org_id), m.association_org_id].contains(&Some(org))
    {
        return Err(AppError::NotFound);
    }
    Ok(m)
}

/// The other side confirms a draft; from then on it counts.
pub async fn confirm(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<ca::Model> {
    let (u, side) = writer(ctx)?;
    let tx = db.begin().await?;
    let m = visible(&tx, ctx, id).await?;
    let own_party = match side {
        Side::School => m.school_org_id == u.org_id,
        Side::Enterprise => m.enterprise_org_id == u.org_id,
    };
    if !own_party {
        return Err(AppError::NotFound);
    }
    if m.status != "draft" {
        return Err(AppError::Conflict("该协议不是待确认状态".into()));
    }
    if m.drafted_by == side.key() {
        return Err(AppError::Conflict("协议须由合作对方确认".into()));
    }
    let now = chrono::Utc::now();
    let mut am: ca::ActiveModel = m.clone().into();
    am.status = Set("confirmed".into());
    match side {
        Side::School => am.school_confirmed_at = Set(Some(now)),
        Side::Enterprise => am.enterprise_confirmed_at = Set(Some(now)),
    }
    am.updated_at = Set(now);
    let after = am.update(&tx).await?;
    audit::record(
        &tx,
        ctx,
        Entry::new("confirm", "coop_agreement", id, format!("{}确认校企合作协议：{}", side.label(), m.title))
            .before(&serde_json::json!({"status": m.status}))
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Record the outputs reached so far on a confirmed agreement (either party); audited with
/// before and after.
pub async fn update_outputs(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &AgreementInput) -> AppResult<ca::Model> {
    let (u, _) = writer(ctx)?;
    let tx = db.begin().await?;
    let m = visible(&tx, ctx, id).await?;
    if m.school_org_id != u.org_id && m.enterprise_org_id != u.org_id {
        return Err(AppError::NotFound);
    }
    let full = AgreementInput {
        kind: m.kind.clone(),
        title: m.title.clone(),
        partner_org_id: "1".into(),
        start_date: m.start_date.to_string(),
        ..input.clone()
    };
    let c = check(&full).map_err(AppError::Validation)?;
    let mut am: ca::ActiveModel = m.clone().into();
    let [students, teachers, hired, certified, projects, patents, revenue, equipment] = c.counts;
    am.students = Set(students);
    am.teachers = Set(teachers);
    am.graduates_hired = Set(hired);
    am.apprentices_certified = Set(certified);
    am.projects = Set(projects);
    am.patents = Set(patents);
    am.revenue_wan = Set(revenue);
    am.equipment_wan = Set(equipment);
    am.updated_at = Set(chrono::Utc::now());
    let after = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("update_outputs", "coop_agreement", id, format!("更新合作成效：{}", m.title)).before(&m).after(&after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Renew an agreement: a new draft with the same parties and kind from the day after the
/// old one ends, for the other side to confirm.
pub async fn renew(db: &DatabaseConnection, ctx: &Ctx, id: i64, end_date: &str) -> AppResult<ca::Model> {
    let (u, side) = writer(ctx)?;
    let tx = db.begin().await?;
    let m = visible(&tx, ctx, id).await?;
    if m.status != "confirmed" {
        return Err(AppError::Conflict("只有双方已确认的协议可以续签".into()));
    }
    let start = m.end_date.map(|e| e + chrono::Duration::days(1)).unwrap_or_else(|| chrono::Utc::now().date_naive());
    let input = AgreementInput {
        kind: m.kind.clone(),
        title: m.title.clone(),
        partner_org_id: (if side == Side::School { m.enterprise_org_id } else { m.school_org_id }).to_string(),
        association_org_id: m.association_org_id.map(|a| a.to_string()).unwrap_or_default(),
        majors: m.major_codes.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
        posting_id: m.posting_id.map(|a| a.to_string()).unwrap_or_default(),
        start_date: start.to_string(),
        end_date: end_date.to_string(),
        ..Default::default()
    };
    let c = check(&input).map_err(AppError::Validation)?;
    let own_party = (side == Side::School && m.school_org_id == u.org_id) || (side == Side::Enterprise && m.enterprise_org_id == u.org_id);
    if !own_party {
        return Err(AppError::NotFound);
    }
    let new = insert_draft(&tx, ctx, u, side, &c, Some(m.id)).await?;
    tx.commit().await?;
    Ok(new)
}

// ---------------------------------------------------------------------------------------
// Reading

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct AgreementFilter {
    /// draft | confirmed | ended
    pub status: Option<String>,
    /// A kind key.
    pub kind: Option<String>,
    /// One party's organisation (district-wide readers).
    pub org_id: Option<i64>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgreementView {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub school_org_id: i64,
    pub school_name: String,
    pub enterprise_org_id: i64,
    pub enterprise_name: String,
    pub association_name: Option<String>,
    /// "名称（代码）" of each major.
    pub majors: Vec<String>,
    pub posting_id: Option<i64>,
    pub posting_title: Option<String>,
    pub start_date: String,
    pub end_date: Option<String>,
    pub students: i32,
    pub teachers: i32,
    pub graduates_hired: i32,
    pub apprentices_certified: i32,
    pub projects: i32,
    pub patents: i32,
    pub revenue_wan: i32,
    pub equipment_wan: i32,
    pub status: String,
    pub status_label: String,
    pub drafted_by: String,
    pub school_confirmed: bool,
    pub enterprise_confirmed: bool,
    pub renewed_from: Option<i64>,
}

pub fn major_label(code: &str) -> String {
    catalogs().major(MajorLevel::Secondary, code).map(|m| format!("{}（{}）", m.name, m.code)).unwrap_or_else(|| code.to_string())
}

pub async fn to_views<C: ConnectionTrait>(db: &C, rows: Vec<ca::Model>) -> AppResult<Vec<AgreementView>> {
    let mut org_ids: Vec<i64> = Vec::new();
    for m in &rows {
        org_ids.extend([Some(m.school_org_id), Some(m.enterprise_org_id), m.association_org_id].into_iter().flatten());
    }
    let names = crate::areas::orgs::names(db, org_ids).await?;
    let posting_ids: Vec<i64> = rows.iter().filter_map(|m| m.posting_id).collect();
    let postings: std::collections::HashMap<i64, String> = if posting_ids.is_empty() {
        Default::default()
    } else {
        posting::Entity::find().filter(posting::Column::Id.is_in(posting_ids)).all(db).await?.into_iter().map(|p| (p.id, p.title)).collect()
    };
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|m| AgreementView {
            id: m.id,
            kind_label: kind_label(&m.kind).into(),
            kind: m.kind,
            title: m.title,
            school_name: name(m.school_org_id),
            school_org_id: m.school_org_id,
            enterprise_name: name(m.enterprise_org_id),
            enterprise_org_id: m.enterprise_org_id,
            association_name: m.association_org_id.map(name),
            majors: m.major_codes.split(',').filter(|s| !s.is_empty()).map(major_label).collect(),
            posting_title: m.posting_id.and_then(|p| postings.get(&p).cloned()),
            posting_id: m.posting_id,
            start_date: zh_date(m.start_date),
            end_date: m.end_date.map(zh_date),
            students: m.students,
            teachers: m.teachers,
            graduates_hired: m.graduates_hired,
            apprentices_certified: m.apprentices_certified,
            projects: m.projects,
            patents: m.patents,
            revenue_wan: m.revenue_wan,
            equipment_wan: m.equipment_wan,
            status_label: status_label(&m.status).into(),
            status: m.status,
            drafted_by: m.drafted_by,
            school_confirmed: m.school_confirmed_at.is_some(),
            enterprise_confirmed: m.enterprise_confirmed_at.is_some(),
            renewed_from: m.renewed_from,
        })
        .collect())
}

pub async fn list(db: &DatabaseConnection, ctx: &Ctx, f: &AgreementFilter) -> AppResult<(u64, Vec<AgreementView>)> {
    let mut cond = Condition::all();
    match read_scope(ctx)? {
        Some(own) => cond = cond.add(party_cond(own)),
        None => {
            if let Some(o) = f.org_id {
                cond = cond.add(party_cond(o));
            }
        }
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(ca::Column::Status.eq(s));
    }
    if let Some(k) = f.kind.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(ca::Column::Kind.eq(k));
    }
    let paging = crate::web::Paging::new(f.page, f.per_page);
    let q = ca::Entity::find().filter(cond);
    let total = q.clone().count(db).await?;
    let rows = q.order_by_desc(ca::Column::UpdatedAt).order_by_desc(ca::Column::Id).offset(paging.offset()).limit(paging.per_page).all(db).await?;
    Ok((total, to_views(db, rows).await?))
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<AgreementView> {
    let m = visible(db, ctx, id).await?;
    Ok(to_views(db, vec![m]).await?.remove(0))
}

/// Organisations the user may pick as the other side: enterprises for a school, vocational
/// schools for an enterprise (active ones, by name).
pub async fn partner_choices(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<(i64, String)>> {
    let (_, side) = writer(ctx)?;
    let kind = if side == Side::School { "enterprise" } else { "vocational_school" };
    orgs_of_kind(db, kind).await
}

pub async fn orgs_of_kind(db: &DatabaseConnection, kind: &str) -> AppResult<Vec<(i64, String)>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Kind.eq(kind))
        .filter(organization::Column::Status.eq("active"))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// Order-class and apprenticeship postings the agreement may link to: the enterprise's own
/// (for HR), or every enterprise's (for a school, labelled with the enterprise).
pub async fn posting_choices(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<(i64, String)>> {
    let (u, side) = writer(ctx)?;
    let mut q = posting::Entity::find().filter(posting::Column::Kind.is_in(["order_class", "apprenticeship"]));
    if side == Side::Enterprise {
        q = q.filter(posting::Column::OrgId.eq(u.org_id));
    } else {
        q = q.filter(posting::Column::Status.eq("published"));
    }
    let rows = q.order_by_asc(posting::Column::OrgId).order_by_desc(posting::Column::Id).limit(300).all(db).await?;
    let org_ids: Vec<i64> = rows.iter().map(|p| p.org_id).collect();
    let names = crate::areas::orgs::names(db, org_ids).await?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let kind = if p.kind == "order_class" { "订单班" } else { "学徒制" };
            (p.id, format!("{} · {}（{}）", names.get(&p.org_id).cloned().unwrap_or_default(), p.title, kind))
        })
        .collect())
}

// ---------------------------------------------------------------------------------------
// Evidence files

pub use crate::uploads::EVIDENCE_MAX_BYTES;
pub const EVIDENCE_KINDS: [&str; 8] = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx"];

/// An agreement of one's own organisation that evidence may be attached to: checked
/// before the upload is read.
pub struct EvidenceTarget {
    user_id: i64,
    agreement_id: i64,
}

pub async fn evidence_target(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<EvidenceTarget> {
    let (u, _) = writer(ctx)?;
    let m = visible(db, ctx, id).await?;
    if m.school_org_id != u.org_id && m.enterprise_org_id != u.org_id {
        return Err(AppError::NotFound);
    }
    Ok(EvidenceTarget { user_id: u.id, agreement_id: m.id })
}

/// Attach an evidence file to the agreement.
pub async fn attach_evidence(db: &DatabaseConnection, files: &FileStore, ctx: &Ctx, target: EvidenceTarget, upload: Received) -> AppResult<()> {
    let EvidenceTarget { user_id, agreement_id: id } = target;
    let (ext, name) = crate::storage::evidence_name(&upload.filename, upload.size, &EVIDENCE_KINDS, EVIDENCE_MAX_BYTES, "佐证材料")?;
    let size = upload.size as i64;
    let key = files.put_upload("cooperation", &ext, upload).await?;
    let saved = async {
        let tx = db.begin().await?;
        let e = coop_evidence::ActiveModel {
            agreement_id: Set(id),
            file_name: Set(name.clone()),
            stored_name: Set(key.clone()),
            size: Set(size),
            uploaded_by: Set(Some(user_id)),
            uploaded_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit::record(&tx, ctx, Entry::new("attach_evidence", "coop_agreement", id, format!("上传合作佐证材料 {name}")).after(&e)).await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    if saved.is_err() {
        let _ = files.delete(&key).await;
    }
    saved
}

pub async fn evidence_list(db: &DatabaseConnection, agreement_id: i64) -> AppResult<Vec<coop_evidence::Model>> {
    Ok(coop_evidence::Entity::find().filter(coop_evidence::Column::AgreementId.eq(agreement_id)).order_by_asc(coop_evidence::Column::Id).all(db).await?)
}

/// An evidence file the reader may see: its key in the file store and its download name.
pub async fn evidence_file(db: &DatabaseConnection, ctx: &Ctx, evidence_id: i64) -> AppResult<(String, String)> {
    read_scope(ctx)?;
    let e = coop_evidence::Entity::find_by_id(evidence_id).one(db).await?.ok_or(AppError::NotFound)?;
    visible(db, ctx, e.agreement_id).await?;
    Ok((e.stored_name, e.file_name))
}

// ---------------------------------------------------------------------------------------
// Scores

/// Confirmed agreements of `org` (as school when `as_school`, else as enterprise) in force
/// during `year`, as the formulas' facts (the partner being the other side).
pub async fn facts_of<C: ConnectionTrait>(db: &C, org: i64, as_school: bool, year: i32) -> AppResult<Vec<AgreementFacts>> {
    let col = if as_school { ca::Column::SchoolOrgId } else { ca::Column::EnterpriseOrgId };
    let rows = ca::Entity::find().filter(col.eq(org)).filter(ca::Column::Status.eq("confirmed")).all(db).await?;
    Ok(rows.iter().filter(|m| active_in_year(m.start_date, m.end_date, year)).map(|m| facts(m, as_school)).collect())
}

fn facts(m: &ca::Model, as_school: bool) -> AgreementFacts {
    let n = |x: i32| x.max(0) as u32;
    AgreementFacts {
        kind: AgreementKind::parse(&m.kind),
        partner_id: if as_school { m.enterprise_org_id } else { m.school_org_id },
        students: n(m.students),
        teachers: n(m.teachers),
        graduates_hired: n(m.graduates_hired),
        apprentices_certified: n(m.apprentices_certified),
        projects: n(m.projects),
        patents: n(m.patents),
        revenue_wan: n(m.revenue_wan),
        equipment_wan: n(m.equipment_wan),
    }
}

/// A school's 校企合作成效 in `year` with its breakdown; `None` when the organisation is not
/// a school.
pub async fn school_score<C: ConnectionTrait>(db: &C, school_org_id: i64, year: i32) -> AppResult<Option<Score>> {
    let Some(org) = organization::Entity::find_by_id(school_org_id).one(db).await? else { return Ok(None) };
    if !is_school_kind(&org.kind) {
        return Ok(None);
    }
    let f = facts_of(db, school_org_id, true, year).await?;
    Ok(Some(EFFECTIVENESS_2026.score(&components(&f))))
}

/// A school's cooperation effectiveness (0–100) in `year`, for the school quality
/// scorecard; `None` when the organisation is not a school.
pub async fn school_effectiveness(db: &impl ConnectionTrait, school_org_id: i64, year: i32) -> AppResult<Option<f64>> {
    Ok(school_score(db, school_org_id, year).await?.map(|s| s.total))
}

/// An enterprise's participation score in `year` with its breakdown.
pub async fn enterprise_score<C: ConnectionTrait>(db: &C, enterprise_org_id: i64, year: i32) -> AppResult<Score> {
    let f = facts_of(db, enterprise_org_id, false, year).await?;
    Ok(PARTICIPATION_2026.score(&components(&f)))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RankRow {
    pub rank: usize,
    pub org_id: i64,
    pub name: String,
    pub score: f64,
    /// (component, value, points)
    #[schema(value_type = Vec<Object>)]
    pub parts: Vec<zhijiao_domain::cooperation::Part>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Ranking {
    pub year: i32,
    pub formula: String,
    pub version: String,
    pub rows: Vec<RankRow>,
}

/// Organisations with a confirmed agreement, ranked by their score in `year`: enterprises
/// by participation (for the benchmark-enterprise selection) or schools by effectiveness.
/// District-wide readers see all; a party sees its own row only.
pub async fn ranking(db: &DatabaseConnection, ctx: &Ctx, schools: bool, year: i32) -> AppResult<Ranking> {
    let scope = read_scope(ctx)?;
    let col = if schools { ca::Column::SchoolOrgId } else { ca::Column::EnterpriseOrgId };
    let mut ids: Vec<i64> = ca::Entity::find()
        .filter(ca::Column::Status.eq("confirmed"))
        .select_only()
        .column(col)
        .distinct()
        .into_tuple::<i64>()
        .all(db)
        .await?;
    if let Some(own) = scope {
        ids.retain(|i| *i == own);
        // A party sees its own figure even before its first agreement.
        let u = ctx.user()?;
        let own_fits = if schools { is_school_kind(&u.org_kind) } else { u.org_kind == "enterprise" };
        if ids.is_empty() && own_fits {
            ids.push(own);
        }
    }
    let names = crate::areas::orgs::names(db, ids.clone()).await?;
    let mut rows = Vec::new();
    for id in ids {
        let s = if schools { school_score(db, id, year).await?.unwrap_or_else(|| EFFECTIVENESS_2026.score(&[])) } else { enterprise_score(db, id, year).await? };
        rows.push(RankRow { rank: 0, org_id: id, name: names.get(&id).cloned().unwrap_or_default(), score: s.total, parts: s.parts });
    }
    rows.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)));
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    let f = if schools { EFFECTIVENESS_2026 } else { PARTICIPATION_2026 };
    Ok(Ranking { year, formula: f.describe(), version: f.version.into(), rows })
}

/// Confirmed agreements in force today (the policy dashboard's 校企合作协议).
pub async fn confirmed_count<C: ConnectionTrait>(db: &C) -> AppResult<u64> {
    let today = chrono::Utc::now().date_naive();
    let rows = ca::Entity::find().filter(ca::Column::Status.eq("confirmed")).all(db).await?;
    Ok(rows.iter().filter(|m| m.start_date <= today && m.end_date.is_none_or(|e| e >= today)).count() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> AgreementInput {
        AgreementInput {
            kind: "订单班".into(),
            title: "智能制造订单班".into(),
            partner_org_id: "7".into(),
            majors: vec!["660301".into()],
            start_date: "2026-09-01".into(),
            students: "40".into(),
            ..Default::default()
        }
    }

    #[test]
    fn check_accepts_a_good_agreement_and_names_each_bad_field() {
        let c = check(&good()).unwrap();
        assert_eq!(c.kind, AgreementKind::OrderClass);
        assert_eq!(c.counts[0], 40);
        let rows: [(AgreementInput, &str); 7] = [
            (AgreementInput { kind: "合作".into(), ..good() }, "合作形式"),
            (AgreementInput { title: " ".into(), ..good() }, "协议名称"),
            (AgreementInput { title: "a\u{7}b".into(), ..good() }, "协议名称"),
            (AgreementInput { majors: vec!["999999".into()], ..good() }, "涉及专业"),
            (AgreementInput { start_date: "2026-13-01".into(), ..good() }, "开始日期"),
            (AgreementInput { end_date: "2026-08-01".into(), ..good() }, "结束日期"),
            (AgreementInput { students: "100001".into(), ..good() }, "参与学生人数"),
        ];
        for (input, field) in rows {
            let e = check(&input).unwrap_err();
            assert_eq!(e.len(), 1, "{field}: {e:?}");
            assert_eq!(e[0].field, field);
        }
        assert!(check(&AgreementInput { students: "-1".into(), ..good() }).is_err());
        assert!(check(&AgreementInput { students: "1.5".into(), ..good() }).is_err());
    }
}
