//! 党建 and 思政 (seed measure 一: 加强党的全面领导, 立德树人, 工匠精神): each school logs its
//! party-building, ideological and craftsmanship activities with evidence; the district
//! reviews them (accept, or return with a note); the dashboard counts the year's
//! activities that were not returned.

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{organization, party_activity as pa};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::Permission;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};

pub const KINDS: [(&str, &str); 3] = [("party", "党建活动"), ("ideological", "思政教育"), ("craftsmanship", "工匠精神培育")];

/// The review states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Submitted,
    Accepted,
    Returned,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Accepted => "accepted",
            Status::Returned => "returned",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        [Status::Submitted, Status::Accepted, Status::Returned].into_iter().find(|x| x.key() == s)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Status::Submitted => "待审核",
            Status::Accepted => "已通过",
            Status::Returned => "已退回",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ActivityInput {
    /// YYYY-MM-DD
    pub held_on: String,
    /// party | ideological | craftsmanship
    pub kind: String,
    pub title: String,
    pub participants: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ActivityView {
    pub id: i64,
    pub school_name: String,
    pub held_on: String,
    pub kind_name: String,
    pub title: String,
    pub participants: i32,
    pub evidence: String,
    pub status: Status,
    pub status_name: String,
    pub review_note: String,
}

fn text(field: &str, v: &str, max: usize, errs: &mut Vec<FieldError>) -> String {
    let v = v.trim().to_string();
    if v.is_empty() {
        errs.push(FieldError::new(field, format!("{field}不能为空")));
    } else if v.chars().count() > max || v.chars().any(|c| c.is_control() && c != '\n') {
        errs.push(FieldError::new(field, format!("{field}不超过{max}个字，且不含控制字符")));
    }
    v
}

pub async fn log(db: &DatabaseConnection, ctx: &Ctx, input: &ActivityInput) -> AppResult<pa::Model> {
    let u = super::require_reporter(ctx)?.clone();
    let mut errs = Vec::new();
    let held_on = match NaiveDate::parse_from_str(input.held_on.trim(), "%Y-%m-%d") {
        Ok(d) if d.year() >= super::FIRST_YEAR && d <= (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive() => Some(d),
        _ => {
            errs.push(FieldError::new("日期", "请填写已举办活动的日期，如 2026-07-01"));
            None
        }
    };
    if !KINDS.iter().any(|(k, _)| *k == input.kind.trim()) {
        errs.push(FieldError::new("类别", "请选择活动类别"));
    }
    let title = text("活动名称", &input.title, 100, &mut errs);
    let evidence = text("佐证材料", &input.evidence, 1000, &mut errs);
    let participants = match input.participants.trim().parse::<i32>() {
        Ok(n) if (1..=100_000).contains(&n) => n,
        _ => {
            errs.push(FieldError::new("参加人数", "须为1到100000之间的整数"));
            0
        }
    };
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let m = pa::ActiveModel {
        school_org_id: Set(u.org_id),
        held_on: Set(held_on.expect("checked")),
        kind: Set(input.kind.trim().to_string()),
        title: Set(title),
        participants: Set(participants),
        evidence: Set(evidence),
        status: Set(Status::Submitted.key().into()),
        review_note: Set(None),
        reviewed_by: Set(None),
        created_by: Set(Some(u.id)),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(false),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("log", "party_activity", m.id, format!("登记党建思政活动：{}", m.title)).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

pub async fn list(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<ActivityView>> {
    let scope = super::read_scope(ctx)?;
    let mut q = pa::Entity::find();
    if let Some(own) = scope {
        q = q.filter(pa::Column::SchoolOrgId.eq(own));
    }
    let rows = q.order_by_desc(pa::Column::HeldOn).order_by_desc(pa::Column::Id).all(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        let school_name = organization::Entity::find_by_id(m.school_org_id).one(db).await?.map(|o| o.name).unwrap_or_default();
        let status = Status::parse(&m.status).unwrap_or(Status::Submitted);
        out.push(ActivityView {
            id: m.id,
            school_name,
            held_on: m.held_on.format("%Y年%-m月%-d日").to_string(),
            kind_name: KINDS.iter().find(|(k, _)| *k == m.kind).map(|(_, n)| *n).unwrap_or("").into(),
            title: m.title,
            participants: m.participants,
            evidence: m.evidence,
            status,
            status_name: status.name_zh().into(),
            review_note: m.review_note.unwrap_or_default(),
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReviewInput {
    /// accepted | returned
    pub decision: String,
    pub note: String,
}

/// The district accepts an activity or returns it (a return needs a note).
pub async fn review(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &ReviewInput) -> AppResult<pa::Model> {
    let u = ctx.require(Permission::SchoolReview)?.clone();
    let decision = match Status::parse(input.decision.trim()) {
        Some(s @ (Status::Accepted | Status::Returned)) => s,
        _ => return Err(AppError::Validation(vec![FieldError::new("审核结论", "请选择通过或退回")])),
    };
    let note = input.note.trim().to_string();
    if decision == Status::Returned && note.is_empty() {
        return Err(AppError::Validation(vec![FieldError::new("审核意见", "退回须说明理由")]));
    }
    if note.chars().count() > 500 || note.chars().any(char::is_control) {
        return Err(AppError::Validation(vec![FieldError::new("审核意见", "不超过500个字，且不含控制字符")]));
    }
    let m = pa::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let before = m.clone();
    let tx = db.begin().await?;
    let mut am: pa::ActiveModel = m.into();
    am.status = Set(decision.key().into());
    am.review_note = Set((!note.is_empty()).then_some(note));
    am.reviewed_by = Set(Some(u.id));
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("review", "party_activity", m.id, format!("审核党建思政活动：{}", decision.name_zh())).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

/// Activities held in the year that were not returned (the dashboard of measure 一).
pub async fn count_in_year<C: ConnectionTrait>(db: &C, year: i32) -> AppResult<u64> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| AppError::BadRequest("年度无效".into()))?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| AppError::BadRequest("年度无效".into()))?;
    Ok(pa::Entity::find()
        .filter(pa::Column::HeldOn.between(from, to))
        .filter(pa::Column::Status.ne(Status::Returned.key()))
        .count(db)
        .await?)
}
