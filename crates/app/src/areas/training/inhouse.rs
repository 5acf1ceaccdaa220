//! In-house training that enterprises request at shared employee training bases (seed
//! measure 十四 "共享性职工培训基地", research notes B10): an enterprise's HR asks a
//! provider — a shared base, a vocational school or a training institution — to train a
//! number of its employees in one of the provider's programmes; the provider (its school
//! admin) or the district accepts, which opens a cohort for the enterprise's employees
//! (they enrol, attend, complete and get certificates like any cohort), or records a
//! training already delivered with the employees trained, or declines with a reason.
//! Accepted cohorts count in the training figures through their enrolments; recorded
//! trainings count as enrolled and completed employees (`figures_for`).
//!
//! Who sees what: the district and department liaisons all requests; an enterprise its
//! own; a provider the requests addressed to it.

use super::{PROVIDER_KINDS, insert_cohort, is_keeper};
use crate::areas::enlightenment::{today, zh_date};
use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{organization, trn_inhouse_request as req, trn_programme};
use crate::error::{AppError, AppResult, FieldError};
use crate::input::bounded_i32;
use crate::roles::{Permission, Role};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// An enterprise's HR user (files requests for the enterprise's employees).
pub fn is_requester(u: &AuthUser) -> bool {
    u.has_role(Role::EnterpriseHr) && u.org_kind == "enterprise"
}

pub fn may_request(ctx: &Ctx) -> bool {
    ctx.user.as_ref().is_some_and(is_requester)
}

/// May the user decide on requests addressed to `provider`?
fn decides(u: &AuthUser, provider: i64) -> bool {
    u.can(Permission::OrgManage) || u.has_role(Role::DeptLiaison) || (u.has_role(Role::SchoolAdmin) && u.org_id == provider && PROVIDER_KINDS.contains(&u.org_kind.as_str()))
}

pub fn status_name(s: &str) -> &'static str {
    match s {
        "requested" => "待受理",
        "accepted" => "已受理并开班",
        "recorded" => "已完成培训并登记",
        "declined" => "未受理",
        _ => "",
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InhouseView {
    pub id: i64,
    pub enterprise: String,
    pub provider_org_id: i64,
    pub provider: String,
    pub programme: String,
    pub occupation: String,
    pub employees: i32,
    /// 2026年12月4日
    pub preferred_start: String,
    pub note: String,
    pub status: String,
    pub status_name: String,
    pub decision_note: String,
    pub cohort_id: Option<i64>,
    pub trained_employees: Option<i32>,
    /// May the viewer accept, record or decline it now?
    pub may_decide: bool,
    pub is_demo: bool,
}

async fn views<C: ConnectionTrait>(db: &C, u: &AuthUser, rows: Vec<req::Model>) -> AppResult<Vec<InhouseView>> {
    let orgs = crate::areas::orgs::names(db, rows.iter().flat_map(|r| [r.enterprise_org_id, r.provider_org_id])).await?;
    let progs: HashMap<i64, trn_programme::Model> =
        trn_programme::Entity::find().filter(trn_programme::Column::Id.is_in(rows.iter().map(|r| r.programme_id).collect::<Vec<_>>())).all(db).await?.into_iter().map(|p| (p.id, p)).collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let p = progs.get(&r.programme_id);
            InhouseView {
                id: r.id,
                enterprise: orgs.get(&r.enterprise_org_id).cloned().unwrap_or_default(),
                provider_org_id: r.provider_org_id,
                provider: orgs.get(&r.provider_org_id).cloned().unwrap_or_default(),
                programme: p.map(|p| p.title.clone()).unwrap_or_default(),
                occupation: p.map(|p| format!("{}（{}）", p.occupation_name, p.occupation_code)).unwrap_or_default(),
                employees: r.employees,
                preferred_start: zh_date(r.preferred_start),
                note: r.note,
                status_name: status_name(&r.status).into(),
                may_decide: r.status == "requested" && decides(u, r.provider_org_id),
                status: r.status,
                decision_note: r.decision_note,
                cohort_id: r.cohort_id,
                trained_employees: r.trained_employees,
                is_demo: r.is_demo,
            }
        })
        .collect())
}

/// The requests the user may see (newest first).
pub async fn requests(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<InhouseView>> {
    let u = ctx.user()?;
    let mut q = req::Entity::find();
    if !u.can(Permission::OrgReadAll) {
        let mine = Condition::any()
            .add_option(is_requester(u).then(|| req::Column::EnterpriseOrgId.eq(u.org_id)))
            .add_option(is_keeper(ctx).then(|| req::Column::ProviderOrgId.eq(u.org_id)));
        if mine.is_empty() {
            return Err(AppError::Forbidden);
        }
        q = q.filter(mine);
    }
    let rows = q.order_by_desc(req::Column::Id).all(db).await?;
    views(db, u, rows).await
}

/// Programmes an enterprise can ask for: (programme id, "provider — programme（occupation）").
pub async fn programme_choices(db: &DatabaseConnection) -> AppResult<Vec<(i64, String)>> {
    let providers: HashMap<i64, String> = organization::Entity::find()
        .filter(organization::Column::Kind.is_in(PROVIDER_KINDS))
        .filter(organization::Column::Status.eq("active"))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut out: Vec<(i64, String)> = trn_programme::Entity::find()
        .order_by_asc(trn_programme::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| providers.get(&p.provider_org_id).map(|n| (p.id, format!("{n} — {}（{}）", p.title, p.occupation_name))))
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct InhouseInput {
    #[serde(default)]
    pub programme_id: String,
    #[serde(default)]
    pub employees: String,
    /// YYYY-MM-DD
    #[serde(default)]
    pub preferred_start: String,
    #[serde(default)]
    pub note: String,
}

fn optional_note(field: &str, label: &str, raw: &str, errs: &mut Vec<FieldError>) -> String {
    let s = raw.trim().to_string();
    if s.chars().count() > 200 {
        errs.push(FieldError::new(field, format!("{label}不能超过200个字")));
    } else if s.chars().any(char::is_control) {
        errs.push(FieldError::new(field, format!("{label}含有控制字符")));
    }
    s
}

/// An enterprise's HR files a request for its employees; audited.
pub async fn file_request(db: &DatabaseConnection, ctx: &Ctx, input: &InhouseInput) -> AppResult<i64> {
    let u = ctx.user()?.clone();
    if !is_requester(&u) {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    let choices = programme_choices(db).await?;
    let programme = match input.programme_id.trim().parse::<i64>() {
        Ok(id) if choices.iter().any(|(c, _)| *c == id) => trn_programme::Entity::find_by_id(id).one(db).await?,
        _ => None,
    };
    if programme.is_none() {
        errs.push(FieldError::new("programme_id", "请选择培训基地的培训项目"));
    }
    let employees = bounded_i32("employees", "参训职工人数", &input.employees, 1, 500, &mut errs);
    let start = NaiveDate::parse_from_str(input.preferred_start.trim(), "%Y-%m-%d").ok();
    match start {
        None => errs.push(FieldError::new("preferred_start", "期望开班日期无效，应为 YYYY-MM-DD")),
        Some(d) if d < today() => errs.push(FieldError::new("preferred_start", "期望开班日期不能早于今天")),
        Some(d) if d > today() + chrono::Duration::days(366) => errs.push(FieldError::new("preferred_start", "只能申请一年以内开班")),
        _ => {}
    }
    let note = optional_note("note", "培训需求说明", &input.note, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let p = programme.expect("checked");
    let tx = db.begin().await?;
    let m = insert_request(&tx, ctx, u.org_id, &p, employees, start.expect("checked"), &note, Some(u.id), false).await?;
    tx.commit().await?;
    Ok(m.id)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_request<C: ConnectionTrait>(db: &C, ctx: &Ctx, enterprise: i64, p: &trn_programme::Model, employees: i32, start: NaiveDate, note: &str, by: Option<i64>, is_demo: bool) -> AppResult<req::Model> {
    let m = req::ActiveModel {
        enterprise_org_id: Set(enterprise),
        provider_org_id: Set(p.provider_org_id),
        programme_id: Set(p.id),
        employees: Set(employees),
        preferred_start: Set(start),
        note: Set(note.into()),
        status: Set("requested".into()),
        decision_note: Set(String::new()),
        cohort_id: Set(None),
        trained_employees: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_by: Set(by),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("create", "trn_inhouse_request", m.id, format!("企业申请职工培训：{}，{}人", p.title, employees)).after(&m)).await?;
    Ok(m)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct DecisionInput {
    /// accept (open a cohort) / record (training delivered) / decline
    #[serde(default)]
    pub decision: String,
    /// Cohort's last day (accept), YYYY-MM-DD.
    #[serde(default)]
    pub end_date: String,
    /// Employees trained (record).
    #[serde(default)]
    pub trained_employees: String,
    /// Reason (decline: required) or remark.
    #[serde(default)]
    pub decision_note: String,
}

/// The provider or the district decides on a pending request; audited. Accepting opens a
/// cohort for 企业职工 (from the preferred start to `end_date`, as many places as
/// employees); returns the cohort's id when one was opened.
pub async fn decide(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &DecisionInput) -> AppResult<Option<i64>> {
    let u = ctx.user()?.clone();
    let tx = db.begin().await?;
    let r = req::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if !decides(&u, r.provider_org_id) {
        return Err(if r.enterprise_org_id == u.org_id { AppError::Forbidden } else { AppError::NotFound });
    }
    if r.status != "requested" {
        return Err(AppError::Conflict(format!("该申请已处理（{}）", status_name(&r.status))));
    }
    let mut errs = Vec::new();
    let note = optional_note("decision_note", "处理意见", &input.decision_note, &mut errs);
    let before = r.clone();
    let mut am: req::ActiveModel = r.clone().into();
    let mut cohort = None;
    match input.decision.trim() {
        "accept" => {
            let end = NaiveDate::parse_from_str(input.end_date.trim(), "%Y-%m-%d").ok();
            match end {
                None => errs.push(FieldError::new("end_date", "结业日期无效，应为 YYYY-MM-DD")),
                Some(e) if e < r.preferred_start => errs.push(FieldError::new("end_date", "结业日期不能早于期望开班日期")),
                Some(e) if e > r.preferred_start + chrono::Duration::days(366) => errs.push(FieldError::new("end_date", "培训期不能超过一年")),
                _ => {}
            }
            if !errs.is_empty() {
                return Err(AppError::Validation(errs));
            }
            let p = trn_programme::Entity::find_by_id(r.programme_id).one(&tx).await?.ok_or(AppError::NotFound)?;
            let enterprise = crate::areas::orgs::names(&tx, [r.enterprise_org_id]).await?.remove(&r.enterprise_org_id).unwrap_or_default();
            let title: String = format!("{enterprise}职工培训：{}", p.title).chars().take(60).collect();
            let c = insert_cohort(&tx, ctx, p.id, &title, "employee", r.preferred_start, end.expect("checked"), r.employees, false).await?;
            am.status = Set("accepted".into());
            am.cohort_id = Set(Some(c.id));
            cohort = Some(c.id);
        }
        "record" => {
            let trained = bounded_i32("trained_employees", "完成培训职工人数", &input.trained_employees, 1, r.employees.max(1), &mut errs);
            if !errs.is_empty() {
                return Err(AppError::Validation(errs));
            }
            am.status = Set("recorded".into());
            am.trained_employees = Set(Some(trained));
        }
        "decline" => {
            if note.is_empty() {
                errs.push(FieldError::new("decision_note", "不受理须说明原因"));
            }
            if !errs.is_empty() {
                return Err(AppError::Validation(errs));
            }
            am.status = Set("declined".into());
        }
        _ => {
            errs.push(FieldError::new("decision", "请选择处理方式"));
            return Err(AppError::Validation(errs));
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    am.decision_note = Set(note);
    am.decided_by = Set(Some(u.id));
    am.decided_at = Set(Some(chrono::Utc::now()));
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("decide", "trn_inhouse_request", m.id, format!("处理企业职工培训申请：{}", status_name(&m.status))).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(cohort)
}

/// Demo: the demo enterprise asks the first provider's first programme for 12 employees.
pub async fn seed<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> AppResult<()> {
    if req::Entity::find().one(db).await?.is_some() {
        return Ok(());
    }
    let Some(ent) = organization::Entity::find().filter(organization::Column::Kind.eq("enterprise")).filter(organization::Column::Name.eq("淄博华瓷新材料科技有限公司（示例）")).one(db).await? else {
        return Ok(());
    };
    let Some(p) = trn_programme::Entity::find().order_by_asc(trn_programme::Column::Id).one(db).await? else { return Ok(()) };
    insert_request(db, ctx, ent.id, &p, 12, today() + chrono::Duration::days(30), "新入职一线员工岗前技能培训（演示）", None, true).await?;
    Ok(())
}
