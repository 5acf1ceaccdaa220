//! Policy tracking (督查督办, issue 5): a policy is imported (text, HTML, .docx),
//! parsed with the department alias table, reviewed line by line next to its source
//! and corrected, and only on acceptance turned into measures and one task per
//! (measure, responsible unit). Departments report progress on their own tasks; the
//! lead department consolidates; status and KPIs are computed on read.
//!
//! Scoping: `PolicyManage` (district administrators) sees and manages everything;
//! `PolicyTrack` (department liaisons) sees the dashboard and the tasks of its own
//! organisation, plus the tasks of the measures it leads; reports are filed only by
//! the task's own organisation.

pub mod api;
pub mod convert;
pub mod kpi;
pub mod pages;

use crate::areas::orgs;
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{kpi_binding, measure_unit, milestone, organization, policy, policy_measure, progress_report, task};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::Permission;
use crate::status::{OrgStatus, PolicyStatus, TaskStatus};
use crate::storage::FileStore;
use crate::uploads::Received;
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use zhijiao_domain::policy_parser::{LineReport, ParsedPolicy, PolicySource, parse_policy, report_lines};

pub use crate::areas::home::SEED_POLICY;
pub const SEED_FILENAME: &str = "zibo-hitech-vocational-education-measures-2023.txt";
/// A task is at risk when its deadline is this close and it has no report this period.
pub const RISK_DAYS: i64 = 14;

/// Today in China (UTC+8).
pub fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// The reporting period of a day: yyyy-mm.
pub fn period_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Done,
    Overdue,
    AtRisk,
    OnTrack,
}

impl State {
    pub const ALL: [State; 4] = [State::Done, State::Overdue, State::AtRisk, State::OnTrack];
    pub fn key(self) -> &'static str {
        match self {
            State::Done => "done",
            State::Overdue => "overdue",
            State::AtRisk => "at_risk",
            State::OnTrack => "on_track",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            State::Done => "已完成",
            State::Overdue => "已逾期",
            State::AtRisk => "有风险",
            State::OnTrack => "正常推进",
        }
    }
}

/// done / overdue (deadline passed, not done) / at risk (deadline within 14 days and
/// no report this period, or a milestone past its date and not reached) / on track.
pub fn task_state(status: &str, deadline: NaiveDate, today: NaiveDate, reported_this_period: bool) -> State {
    task_state_with_milestones(status, deadline, today, reported_this_period, false)
}

pub fn task_state_with_milestones(status: &str, deadline: NaiveDate, today: NaiveDate, reported_this_period: bool, milestone_missed: bool) -> State {
    if status == TaskStatus::Done {
        State::Done
    } else if deadline < today {
        State::Overdue
    } else if milestone_missed || ((deadline - today).num_days() <= RISK_DAYS && !reported_this_period) {
        State::AtRisk
    } else {
        State::OnTrack
    }
}

/// A measure is done when all its tasks are, else as bad as its worst task.
pub fn measure_state(states: &[State]) -> State {
    if states.is_empty() {
        return State::OnTrack;
    }
    for s in [State::Overdue, State::AtRisk] {
        if states.contains(&s) {
            return s;
        }
    }
    if states.iter().all(|s| *s == State::Done) { State::Done } else { State::OnTrack }
}

// ---------------------------------------------------------------------------
// Import and review

fn parse_error(e: convert::ConvertError) -> AppError {
    AppError::Validation(vec![FieldError::new("file", e.to_string())])
}

async fn resolver_map<C: ConnectionTrait>(db: &C) -> AppResult<HashMap<String, String>> {
    orgs::alias_map(db).await
}

pub fn parse_with(src: &PolicySource, aliases: &HashMap<String, String>) -> ParsedPolicy {
    let resolve = |name: &str| aliases.get(&orgs::normalise_name(name)).cloned();
    parse_policy(src, &resolve)
}

/// Store an uploaded policy as a draft. Nothing else is created until it is accepted.
/// Who manages the district's policies (import, accept, bind indicators): the district.
pub fn require_manage(ctx: &Ctx) -> AppResult<()> {
    ctx.require(Permission::PolicyManage)?;
    Ok(())
}

/// Who tracks tasks and reports progress: the responsible departments and the district.
pub fn require_track(ctx: &Ctx) -> AppResult<()> {
    ctx.require(Permission::PolicyTrack)?;
    Ok(())
}

pub async fn import(db: &DatabaseConnection, ctx: &Ctx, filename: &str, bytes: &[u8]) -> AppResult<policy::Model> {
    ctx.require(Permission::PolicyManage)?;
    let format = convert::Format::from_filename(filename);
    let src = convert::convert(bytes, format).map_err(parse_error)?;
    if src.lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(AppError::Validation(vec![FieldError::new("file", "文件没有内容")]));
    }
    let parsed = parse_with(&src, &resolver_map(db).await?);
    let tx = db.begin().await?;
    let m = policy::ActiveModel {
        title: Set(parsed.title.clone().unwrap_or_else(|| filename.to_string())),
        doc_number: Set(parsed.doc_number.clone()),
        issuer: Set(parsed.issuer.clone()),
        issued_on: Set(parsed.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())),
        source_format: Set(format.key().to_string()),
        source_text: Set(convert::plain_text(&src)),
        source_lines: Set(serde_json::to_value(&src).map_err(|e| AppError::Internal(e.into()))?),
        status: Set(PolicyStatus::Draft.into()),
        created_by: Set(ctx.user_id()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("import", "policy", m.id, format!("导入政策文件 {}（{}）", m.title, filename))).await?;
    tx.commit().await?;
    Ok(m)
}

pub async fn import_seed(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<policy::Model> {
    import(db, ctx, SEED_FILENAME, SEED_POLICY.as_bytes()).await
}

pub struct Review {
    pub policy: policy::Model,
    pub source: PolicySource,
    pub parsed: ParsedPolicy,
    pub lines: Vec<LineReport>,
    pub unknown: Vec<String>,
}

async fn load_policy<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<policy::Model> {
    policy::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

fn stored_source(p: &policy::Model) -> PolicySource {
    serde_json::from_value(p.source_lines.clone()).unwrap_or_else(|_| PolicySource::from_plain_text(&p.source_text))
}

/// The parse of a stored policy against today's alias table, line by line.
pub async fn review(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<Review> {
    ctx.require(Permission::PolicyManage)?;
    let p = load_policy(db, id).await?;
    let source = stored_source(&p);
    let parsed = parse_with(&source, &resolver_map(db).await?);
    let lines = report_lines(&source, &parsed);
    let mut unknown = parsed.unknown_units();
    unknown.dedup();
    let mut seen = std::collections::HashSet::new();
    unknown.retain(|u| seen.insert(u.clone()));
    Ok(Review { policy: p, source, parsed, lines, unknown })
}

/// Make an unknown unit name known: a new department, or an alias of an existing one.
pub async fn resolve_unit(db: &DatabaseConnection, ctx: &Ctx, name: &str, alias_of: Option<i64>) -> AppResult<()> {
    ctx.require(Permission::PolicyManage)?;
    let name = orgs::normalise_name(name);
    let tx = db.begin().await?;
    match alias_of {
        Some(org_id) => {
            organization::Entity::find_by_id(org_id).one(&tx).await?.ok_or(AppError::NotFound)?;
            orgs::add_alias(&tx, ctx, org_id, &name).await?;
        }
        None => {
            let input = orgs::OrgInput { kind: "department".into(), name: name.clone(), ..Default::default() };
            let o = orgs::validate(&input).map_err(AppError::Validation)?;
            orgs::insert(&tx, ctx, &o, OrgStatus::Active, false).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A person's correction of one measure before acceptance (by its position in the
/// document, 0-based). Names may be any known name or alias.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct MeasureCorrection {
    pub lead: Option<String>,
    /// Cooperating units separated by 、 , ， ; or ；.
    pub co: Option<String>,
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct AcceptInput {
    /// Deadline for measures without their own; default 31 December of this year.
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub measures: BTreeMap<usize, MeasureCorrection>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AcceptSummary {
    pub policy_id: i64,
    pub measures: usize,
    pub tasks: usize,
    pub kpis: usize,
}

pub fn split_units(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；'])
        .map(orgs::normalise_name)
        .filter(|x| !x.is_empty())
        .collect()
}

/// Accept a draft: measures, their units, one task per (measure, unit) and the KPI
/// bindings, in one audited transaction. Any unit that does not resolve refuses the
/// whole acceptance with one error per name.
pub async fn accept(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &AcceptInput) -> AppResult<AcceptSummary> {
    ctx.require(Permission::PolicyManage)?;
    let tx = db.begin().await?;
    let p = load_policy(&tx, id).await?;
    if p.status != PolicyStatus::Draft {
        return Err(AppError::Conflict("该政策文件已接受".into()));
    }
    let parsed = parse_with(&stored_source(&p), &resolver_map(&tx).await?);
    let default_deadline =
        input.deadline.unwrap_or_else(|| NaiveDate::from_ymd_opt(today().year(), 12, 31).expect("31 December"));
    // Units per measure after corrections, resolved.
    let mut plan = Vec::new();
    let mut errors = Vec::new();
    let mut flat = Vec::new();
    for s in &parsed.sections {
        for m in &s.measures {
            flat.push((s, m));
        }
    }
    for (i, (section, m)) in flat.into_iter().enumerate() {
        let corr = input.measures.get(&i).cloned().unwrap_or_default();
        let lead = corr.lead.filter(|s| !s.trim().is_empty()).or_else(|| m.lead.clone());
        let co = match &corr.co {
            Some(s) => split_units(s),
            None => m.co.clone(),
        };
        let mut units = Vec::new();
        let Some(lead) = lead else {
            errors.push(FieldError { row: Some(m.number as usize), field: "lead".into(), message: format!("措施（{}）没有牵头单位", m.number) });
            continue;
        };
        for (role, name) in std::iter::once(("lead", lead)).chain(co.into_iter().map(|c| ("co", c))) {
            match orgs::resolve(&tx, &name).await? {
                Some(o) => {
                    if !units.iter().any(|(_, u): &(&str, organization::Model)| u.id == o.id) {
                        units.push((role, o));
                    }
                }
                None => errors.push(FieldError {
                    row: Some(m.number as usize),
                    field: role.into(),
                    message: format!("未知单位“{name}”：请先新建部门或登记为已有部门的别名"),
                }),
            }
        }
        plan.push((section, m, units, corr.deadline.unwrap_or(default_deadline)));
    }
    if plan.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("measures", "未识别到任何措施"));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = chrono::Utc::now();
    let (mut n_tasks, mut n_kpis) = (0, 0);
    let mut bound: Vec<&str> = Vec::new();
    for (section, m, units, deadline) in &plan {
        let measure = policy_measure::ActiveModel {
            policy_id: Set(p.id),
            section_no: Set(section.number as i32),
            section_title: Set(section.title.clone()),
            number: Set(m.number as i32),
            title: Set(m.title.clone()),
            body: Set(m.text.clone()),
            lead_org_id: Set(units.first().map(|(_, o)| o.id)),
            line: Set(m.line as i32),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        for (role, o) in units {
            measure_unit::ActiveModel { measure_id: Set(measure.id), org_id: Set(o.id), role: Set(role.to_string()), ..Default::default() }
                .insert(&tx)
                .await?;
            task::ActiveModel {
                measure_id: Set(measure.id),
                org_id: Set(o.id),
                role: Set(role.to_string()),
                title: Set(format!("（{}）{}", m.number, m.title)),
                deadline: Set(*deadline),
                status: Set(TaskStatus::Open.into()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            n_tasks += 1;
        }
        for ind in kpi::INDICATORS.iter() {
            if bound.contains(&ind.key) || !ind.keywords.iter().any(|k| m.text.contains(k) || m.title.contains(k)) {
                continue;
            }
            kpi_binding::ActiveModel {
                measure_id: Set(measure.id),
                key: Set(ind.key.to_string()),
                target: Set(ind.default_target),
                unit: Set(ind.unit.to_string()),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            bound.push(ind.key);
            n_kpis += 1;
        }
    }
    let mut am: policy::ActiveModel = p.clone().into();
    am.status = Set(PolicyStatus::Accepted.into());
    am.accepted_at = Set(Some(now));
    am.update(&tx).await?;
    let summary = AcceptSummary { policy_id: p.id, measures: plan.len(), tasks: n_tasks, kpis: n_kpis };
    audit::record(
        &tx,
        ctx,
        Entry::new("accept", "policy", p.id, format!("接受政策文件 {}：措施 {} 项，任务 {} 项", p.title, summary.measures, summary.tasks))
            .after(&serde_json::json!({"measures": summary.measures, "tasks": summary.tasks, "kpis": summary.kpis})),
    )
    .await?;
    tx.commit().await?;
    Ok(summary)
}

// ---------------------------------------------------------------------------
// Policies, measures, tasks

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PolicyView {
    pub id: i64,
    pub title: String,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub status: String,
    pub source_format: String,
}

impl From<policy::Model> for PolicyView {
    fn from(p: policy::Model) -> Self {
        PolicyView {
            id: p.id,
            title: p.title,
            doc_number: p.doc_number,
            issuer: p.issuer,
            issued_on: p.issued_on,
            status: p.status,
            source_format: p.source_format,
        }
    }
}

/// Policies: drafts only for those who manage them.
pub async fn list(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<PolicyView>> {
    ctx.require(Permission::PolicyTrack)?;
    let mut q = policy::Entity::find().order_by_desc(policy::Column::Id);
    if !ctx.can(Permission::PolicyManage) {
        q = q.filter(policy::Column::Status.eq(PolicyStatus::Accepted));
    }
    Ok(q.all(db).await?.into_iter().map(PolicyView::from).collect())
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<PolicyView> {
    ctx.require(Permission::PolicyTrack)?;
    let p = load_policy(db, id).await?;
    if p.status != PolicyStatus::Accepted && !ctx.can(Permission::PolicyManage) {
        return Err(AppError::NotFound);
    }
    Ok(p.into())
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskView {
    pub id: i64,
    pub policy_id: i64,
    pub measure_id: i64,
    pub measure_number: i32,
    pub measure_title: String,
    pub org_id: i64,
    pub org_name: String,
    /// lead | co
    pub role: String,
    pub title: String,
    pub deadline: NaiveDate,
    pub state: State,
    pub days_left: i64,
    pub reports: usize,
    pub last_period: Option<String>,
}

impl TaskView {
    pub fn state_key(&self) -> &'static str {
        self.state.key()
    }
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct TaskFilter {
    pub policy_id: Option<i64>,
    pub measure_id: Option<i64>,
    /// done | overdue | at_risk | on_track
    pub state: Option<String>,
}

/// Everything about the tasks of the given measures, states computed for `today`.
async fn task_views<C: ConnectionTrait>(db: &C, tasks: Vec<task::Model>, today: NaiveDate) -> AppResult<Vec<TaskView>> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let measure_ids: Vec<i64> = tasks.iter().map(|t| t.measure_id).collect();
    let measures: HashMap<i64, policy_measure::Model> = policy_measure::Entity::find()
        .filter(policy_measure::Column::Id.is_in(measure_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let names = org_names(db).await?;
    let task_ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let mut reports: HashMap<i64, Vec<String>> = HashMap::new();
    for r in progress_report::Entity::find().filter(progress_report::Column::TaskId.is_in(task_ids)).all(db).await? {
        reports.entry(r.task_id).or_default().push(r.period);
    }
    let missed: std::collections::HashSet<i64> = milestone::Entity::find()
        .filter(milestone::Column::TaskId.is_in(tasks.iter().map(|t| t.id).collect::<Vec<_>>()))
        .filter(milestone::Column::DoneOn.is_null())
        .filter(milestone::Column::DueOn.lt(today))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.task_id)
        .collect();
    let period = period_of(today);
    Ok(tasks
        .into_iter()
        .map(|t| {
            let m = measures.get(&t.measure_id);
            let periods = reports.remove(&t.id).unwrap_or_default();
            let state = task_state_with_milestones(&t.status, t.deadline, today, periods.contains(&period), missed.contains(&t.id));
            TaskView {
                id: t.id,
                policy_id: m.map(|m| m.policy_id).unwrap_or_default(),
                measure_id: t.measure_id,
                measure_number: m.map(|m| m.number).unwrap_or_default(),
                measure_title: m.map(|m| m.title.clone()).unwrap_or_default(),
                org_name: names.get(&t.org_id).cloned().unwrap_or_default(),
                org_id: t.org_id,
                role: t.role,
                title: t.title,
                days_left: (t.deadline - today).num_days(),
                deadline: t.deadline,
                state,
                reports: periods.len(),
                last_period: periods.iter().max().cloned(),
            }
        })
        .collect())
}

async fn org_names<C: ConnectionTrait>(db: &C) -> AppResult<HashMap<i64, String>> {
    Ok(organization::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect())
}

/// Measures the user's organisation leads.
async fn led_measures<C: ConnectionTrait>(db: &C, org_id: i64) -> AppResult<Vec<i64>> {
    Ok(policy_measure::Entity::find()
        .filter(policy_measure::Column::LeadOrgId.eq(org_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect())
}

/// Tasks in reach: all for managers; otherwise one's own organisation's and those of
/// the measures it leads.
pub async fn tasks(db: &DatabaseConnection, ctx: &Ctx, f: &TaskFilter) -> AppResult<Vec<TaskView>> {
    let u = ctx.require(Permission::PolicyTrack)?;
    let mut q = task::Entity::find();
    if !u.can(Permission::PolicyManage) {
        let led = led_measures(db, u.org_id).await?;
        q = q.filter(sea_orm::Condition::any().add(task::Column::OrgId.eq(u.org_id)).add(task::Column::MeasureId.is_in(led)));
    }
    if let Some(m) = f.measure_id {
        q = q.filter(task::Column::MeasureId.eq(m));
    }
    if let Some(pid) = f.policy_id {
        let ids: Vec<i64> = policy_measure::Entity::find()
            .filter(policy_measure::Column::PolicyId.eq(pid))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.id)
            .collect();
        q = q.filter(task::Column::MeasureId.is_in(ids));
    }
    let rows = q.order_by_asc(task::Column::MeasureId).order_by_asc(task::Column::Id).all(db).await?;
    let mut views = task_views(db, rows, today()).await?;
    if let Some(s) = f.state.as_deref().filter(|s| !s.is_empty()) {
        views.retain(|t| t.state.key() == s);
    }
    Ok(views)
}

/// Reminders: one's own organisation's open tasks due within 14 days (or overdue).
pub async fn reminders(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<TaskView>> {
    let u = ctx.require(Permission::PolicyTrack)?;
    let rows = task::Entity::find()
        .filter(task::Column::OrgId.eq(u.org_id))
        .filter(task::Column::Status.ne(TaskStatus::Done))
        .filter(task::Column::Deadline.lte(today() + chrono::Duration::days(RISK_DAYS)))
        .order_by_asc(task::Column::Deadline)
        .all(db)
        .await?;
    task_views(db, rows, today()).await
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    pub id: i64,
    pub task_id: i64,
    pub org_name: String,
    pub period: String,
    pub text: String,
    pub kpi_values: Option<serde_json::Value>,
    pub submitted_by: String,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    pub consolidated: bool,
    /// An evidence file is attached (download: /policy/reports/{id}/evidence).
    pub has_evidence: bool,
}

pub struct TaskDetail {
    pub task: TaskView,
    pub measure: policy_measure::Model,
    pub reports: Vec<ReportView>,
    /// The user's organisation holds the task and it is open (may report).
    pub may_report: bool,
    /// The user's organisation holds the task (may attach evidence to its reports).
    pub may_attach: bool,
    /// The user's organisation leads the measure (may consolidate).
    pub may_consolidate: bool,
    pub kpis: Vec<kpi_binding::Model>,
    /// Milestones of the task, by date; the holding department plans and ticks them.
    pub milestones: Vec<milestone::Model>,
}

async fn task_in_reach<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<(task::Model, policy_measure::Model)> {
    let u = ctx.require(Permission::PolicyTrack)?;
    let t = task::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let m = policy_measure::Entity::find_by_id(t.measure_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !(u.can(Permission::PolicyManage) || t.org_id == u.org_id || m.lead_org_id == Some(u.org_id)) {
        return Err(AppError::Forbidden);
    }
    Ok((t, m))
}

async fn report_views<C: ConnectionTrait>(db: &C, rows: Vec<progress_report::Model>) -> AppResult<Vec<ReportView>> {
    let names = org_names(db).await?;
    let users: HashMap<i64, String> =
        crate::entity::user::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.display_name)).collect();
    Ok(rows
        .into_iter()
        .map(|r| ReportView {
            id: r.id,
            task_id: r.task_id,
            org_name: names.get(&r.org_id).cloned().unwrap_or_default(),
            period: r.period,
            text: r.text,
            kpi_values: r.kpi_values,
            submitted_by: r.submitted_by.and_then(|id| users.get(&id).cloned()).unwrap_or_default(),
            submitted_at: r.submitted_at,
            consolidated: r.consolidated,
            has_evidence: r.evidence_path.is_some(),
        })
        .collect())
}

pub async fn task_detail(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<TaskDetail> {
    let (t, m) = task_in_reach(db, ctx, id).await?;
    let u = ctx.user()?;
    let may_attach = t.org_id == u.org_id;
    let may_report = may_attach && t.status != TaskStatus::Done;
    let may_consolidate = m.lead_org_id == Some(u.org_id) || u.can(Permission::PolicyManage);
    let rows = progress_report::Entity::find()
        .filter(progress_report::Column::TaskId.eq(t.id))
        .order_by_desc(progress_report::Column::Id)
        .all(db)
        .await?;
    let reports = report_views(db, rows).await?;
    let kpis = kpi_binding::Entity::find().filter(kpi_binding::Column::MeasureId.eq(m.id)).all(db).await?;
    let task = task_views(db, vec![t], today()).await?.remove(0);
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::TaskId.eq(task.id))
        .order_by_asc(milestone::Column::DueOn)
        .all(db)
        .await?;
    Ok(TaskDetail { task, measure: m, reports, may_report, may_attach, may_consolidate, kpis, milestones })
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ReportInput {
    pub text: String,
    /// yyyy-mm; default this month.
    #[serde(default)]
    pub period: Option<String>,
    /// Values of the measure's indicators as reported by the department.
    #[serde(default)]
    pub kpi_values: BTreeMap<String, f64>,
    /// The task is complete.
    #[serde(default)]
    pub done: bool,
}

fn valid_period(s: &str) -> bool {
    NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok() && s.len() == 7
}

/// File a progress report on one's own organisation's task (audited); `done` closes it.
pub async fn submit_report(db: &DatabaseConnection, ctx: &Ctx, task_id: i64, input: &ReportInput) -> AppResult<ReportView> {
    let u = ctx.require(Permission::PolicyTrack)?.clone();
    let tx = db.begin().await?;
    let (t, _m) = task_in_reach(&tx, ctx, task_id).await?;
    if t.org_id != u.org_id {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    let text = input.text.trim();
    if text.is_empty() {
        errs.push(FieldError::new("text", "进展情况不能为空"));
    } else if text.chars().count() > 5000 {
        errs.push(FieldError::new("text", "进展情况不能超过5000字"));
    }
    let period = input.period.clone().filter(|p| !p.trim().is_empty()).unwrap_or_else(|| period_of(today()));
    if !valid_period(&period) {
        errs.push(FieldError::new("period", format!("报告期“{period}”格式应为 2026-11")));
    }
    for k in input.kpi_values.keys() {
        if kpi::indicator(k).is_none() {
            errs.push(FieldError::new("kpi_values", format!("未知指标“{k}”")));
        }
    }
    if t.status == TaskStatus::Done {
        errs.push(FieldError::new("done", "任务已完成，不能再报送进展"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let now = chrono::Utc::now();
    let r = progress_report::ActiveModel {
        task_id: Set(t.id),
        org_id: Set(u.org_id),
        period: Set(period.clone()),
        text: Set(text.to_string()),
        kpi_values: Set((!input.kpi_values.is_empty()).then(|| serde_json::json!(input.kpi_values))),
        evidence_path: Set(None),
        submitted_by: Set(Some(u.id)),
        submitted_at: Set(now),
        consolidated: Set(false),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("report", "task", t.id, format!("报送进展 {} {}", t.title, period)).after(&r)).await?;
    if input.done {
        let mut am: task::ActiveModel = t.clone().into();
        am.status = Set(TaskStatus::Done.into());
        am.done_at = Set(Some(now));
        am.update(&tx).await?;
        audit::record(
            &tx,
            ctx,
            Entry::new("complete", "task", t.id, format!("任务完成 {}", t.title))
                .before(&serde_json::json!({"status": t.status}))
                .after(&serde_json::json!({"status": TaskStatus::Done.as_str()})),
        )
        .await?;
    }
    let view = report_views(&tx, vec![r]).await?.remove(0);
    tx.commit().await?;
    Ok(view)
}

/// Evidence files: at most 20 MB (the route's body limit), of the kinds offices exchange.
pub use crate::uploads::EVIDENCE_MAX_BYTES;
pub const EVIDENCE_KINDS: [&str; 10] = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "txt", "zip"];

/// A report of one's own organisation that evidence may be attached to: checked before
/// the upload is read, so nothing is received from someone who may not attach.
pub struct EvidenceTarget(progress_report::Model);

pub async fn evidence_target(db: &DatabaseConnection, ctx: &Ctx, report_id: i64) -> AppResult<EvidenceTarget> {
    let u = ctx.require(Permission::PolicyTrack)?;
    let r = progress_report::Entity::find_by_id(report_id).one(db).await?.ok_or(AppError::NotFound)?;
    if r.org_id != u.org_id {
        return Err(AppError::Forbidden);
    }
    Ok(EvidenceTarget(r))
}

/// Attach an evidence file to the report (replaces any earlier one; the earlier file
/// stays in the store, as the audit trail names it).
pub async fn attach_evidence(db: &DatabaseConnection, files: &FileStore, ctx: &Ctx, target: EvidenceTarget, upload: Received) -> AppResult<()> {
    let EvidenceTarget(r) = target;
    let report_id = r.id;
    let (ext, filename) = crate::storage::evidence_name(&upload.filename, upload.size, &EVIDENCE_KINDS, EVIDENCE_MAX_BYTES, "佐证材料")?;
    let key = files.put_upload("policy", &ext, upload).await?;
    let saved = async {
        let tx = db.begin().await?;
        let before = r.evidence_path.clone();
        let mut am: progress_report::ActiveModel = r.into();
        am.evidence_path = Set(Some(key.clone()));
        am.update(&tx).await?;
        audit::record(
            &tx,
            ctx,
            Entry::new("attach_evidence", "progress_report", report_id, format!("上传佐证材料 {filename}"))
                .before(&serde_json::json!({"evidence_path": before}))
                .after(&serde_json::json!({"evidence_path": key})),
        )
        .await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    if saved.is_err() {
        let _ = files.delete(&key).await;
    }
    saved
}

/// The stored evidence file of a report whose task is in reach (its key in the file
/// store), and a download name.
pub async fn evidence(db: &DatabaseConnection, ctx: &Ctx, report_id: i64) -> AppResult<(String, String)> {
    ctx.require(Permission::PolicyTrack)?;
    let r = progress_report::Entity::find_by_id(report_id).one(db).await?.ok_or(AppError::NotFound)?;
    task_in_reach(db, ctx, r.task_id).await?;
    let key = r.evidence_path.ok_or(AppError::NotFound)?;
    let ext = key.rsplit_once('.').map(|x| x.1.to_string()).unwrap_or_default();
    let name = format!("进展佐证-{}-{}.{ext}", r.period, r.id);
    Ok((key, name))
}

/// The lead department takes the period's reports of all the measure's tasks into its
/// consolidated report. Returns how many were marked.
pub async fn consolidate(db: &DatabaseConnection, ctx: &Ctx, measure_id: i64, period: &str) -> AppResult<u64> {
    let u = ctx.require(Permission::PolicyTrack)?;
    let tx = db.begin().await?;
    let m = policy_measure::Entity::find_by_id(measure_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if !(m.lead_org_id == Some(u.org_id) || u.can(Permission::PolicyManage)) {
        return Err(AppError::Forbidden);
    }
    if !valid_period(period) {
        return Err(AppError::Validation(vec![FieldError::new("period", format!("报告期“{period}”格式应为 2026-11"))]));
    }
    let task_ids: Vec<i64> =
        task::Entity::find().filter(task::Column::MeasureId.eq(m.id)).all(&tx).await?.into_iter().map(|t| t.id).collect();
    let res = progress_report::Entity::update_many()
        .col_expr(progress_report::Column::Consolidated, sea_orm::sea_query::Expr::value(true))
        .filter(progress_report::Column::TaskId.is_in(task_ids))
        .filter(progress_report::Column::Period.eq(period))
        .filter(progress_report::Column::Consolidated.eq(false))
        .exec(&tx)
        .await?;
    audit::record(
        &tx,
        ctx,
        Entry::new("consolidate", "policy_measure", m.id, format!("汇总措施（{}）{} 进展 {} 条", m.number, period, res.rows_affected)),
    )
    .await?;
    tx.commit().await?;
    Ok(res.rows_affected)
}

/// Progress reports of a policy in reach (the 进展台账).
pub async fn ledger(db: &DatabaseConnection, ctx: &Ctx, policy_id: i64) -> AppResult<Vec<(TaskView, ReportView)>> {
    get(db, ctx, policy_id).await?;
    let tasks = tasks(db, ctx, &TaskFilter { policy_id: Some(policy_id), ..Default::default() }).await?;
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let rows = progress_report::Entity::find()
        .filter(progress_report::Column::TaskId.is_in(ids))
        .order_by_asc(progress_report::Column::Id)
        .all(db)
        .await?;
    let reports = report_views(db, rows).await?;
    Ok(reports
        .into_iter()
        .filter_map(|r| tasks.iter().find(|t| t.id == r.task_id).map(|t| (t.clone(), r)))
        .collect())
}

// ---------------------------------------------------------------------------
// Dashboard

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeasureStatus {
    pub id: i64,
    pub number: i32,
    pub section_title: String,
    pub title: String,
    pub lead: String,
    pub co: Vec<String>,
    pub state: State,
    pub done: usize,
    pub overdue: usize,
    pub at_risk: usize,
    pub on_track: usize,
    pub deadline: Option<NaiveDate>,
}

impl MeasureStatus {
    pub fn state_key(&self) -> &'static str {
        self.state.key()
    }
    pub fn total(&self) -> usize {
        self.done + self.overdue + self.at_risk + self.on_track
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KpiCard {
    pub binding_id: i64,
    pub key: String,
    pub name: String,
    pub measure_id: i64,
    pub measure_number: i32,
    /// `None`: the platform has no data for this indicator yet (暂无数据).
    pub value: Option<f64>,
    pub target: f64,
    pub unit: String,
    pub met: bool,
}

impl KpiCard {
    pub fn value_text(&self) -> String {
        self.value.map(fmt_num).unwrap_or_default()
    }
    pub fn target_text(&self) -> String {
        fmt_num(self.target)
    }
}

pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v:.1}") }
}

/// Task states of one responsible department across the policy.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeptStatus {
    pub org_id: i64,
    pub org_name: String,
    pub lead: usize,
    pub done: usize,
    pub overdue: usize,
    pub at_risk: usize,
    pub on_track: usize,
}

/// One indicator over time: what departments reported per period (the latest report of
/// a period counts) and, for this period, the value the platform computes live.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KpiTrend {
    pub key: String,
    pub name: String,
    pub target: f64,
    pub unit: String,
    /// (yyyy-mm, value), in period order.
    pub points: Vec<(String, f64)>,
}

/// Trends of the bound indicators from progress reports `(period, submitted_at, kpi_values)`.
/// Indicators without any value (reported or live) are left out: no invented history.
pub fn kpi_trends(cards: &[KpiCard], reports: &[(String, chrono::DateTime<chrono::Utc>, Option<serde_json::Value>)], this_period: &str) -> Vec<KpiTrend> {
    let mut out = Vec::new();
    for c in cards {
        let mut latest: BTreeMap<String, (chrono::DateTime<chrono::Utc>, f64)> = BTreeMap::new();
        for (period, at, values) in reports {
            let Some(v) = values.as_ref().and_then(|v| v.get(&c.key)).and_then(|v| v.as_f64()) else { continue };
            if latest.get(period).is_none_or(|(t, _)| at >= t) {
                latest.insert(period.clone(), (*at, v));
            }
        }
        if let Some(v) = c.value {
            latest.insert(this_period.to_string(), (chrono::Utc::now(), v));
        }
        if latest.is_empty() {
            continue;
        }
        let points = latest.into_iter().map(|(p, (_, v))| (p, v)).collect();
        out.push(KpiTrend { key: c.key.clone(), name: c.name.clone(), target: c.target, unit: c.unit.clone(), points });
    }
    out
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Dashboard {
    pub policy: Option<PolicyView>,
    pub measures: Vec<MeasureStatus>,
    /// Per responsible department, in order of first appearance.
    pub departments: Vec<DeptStatus>,
    /// Tasks per state over the whole policy: done, overdue, at_risk, on_track.
    pub totals: BTreeMap<String, usize>,
    pub kpis: Vec<KpiCard>,
    pub trends: Vec<KpiTrend>,
}

/// Status of every measure of a policy (default: the latest accepted) and its KPIs.
/// District-wide for every official: the dashboard is the district's shared view.
pub async fn dashboard(db: &DatabaseConnection, ctx: &Ctx, policy_id: Option<i64>) -> AppResult<Dashboard> {
    ctx.require(Permission::PolicyTrack)?;
    let p = match policy_id {
        Some(id) => Some(load_policy(db, id).await?).filter(|p| p.status == PolicyStatus::Accepted),
        None => policy::Entity::find()
            .filter(policy::Column::Status.eq(PolicyStatus::Accepted))
            .order_by_desc(policy::Column::Id)
            .one(db)
            .await?,
    };
    let Some(p) = p else {
        if policy_id.is_some() {
            return Err(AppError::NotFound);
        }
        return Ok(Dashboard {
            policy: None,
            measures: Vec::new(),
            departments: Vec::new(),
            totals: BTreeMap::new(),
            kpis: Vec::new(),
            trends: Vec::new(),
        });
    };
    let measures = policy_measure::Entity::find()
        .filter(policy_measure::Column::PolicyId.eq(p.id))
        .order_by_asc(policy_measure::Column::Line)
        .all(db)
        .await?;
    let ids: Vec<i64> = measures.iter().map(|m| m.id).collect();
    let tasks = task::Entity::find().filter(task::Column::MeasureId.is_in(ids.clone())).order_by_asc(task::Column::Id).all(db).await?;
    let views = task_views(db, tasks, today()).await?;
    let names = org_names(db).await?;
    let mut totals: BTreeMap<String, usize> = State::ALL.iter().map(|s| (s.key().to_string(), 0)).collect();
    let mut out = Vec::new();
    for m in &measures {
        let ts: Vec<&TaskView> = views.iter().filter(|t| t.measure_id == m.id).collect();
        let states: Vec<State> = ts.iter().map(|t| t.state).collect();
        for s in &states {
            *totals.entry(s.key().to_string()).or_default() += 1;
        }
        let count = |s: State| states.iter().filter(|x| **x == s).count();
        out.push(MeasureStatus {
            id: m.id,
            number: m.number,
            section_title: m.section_title.clone(),
            title: m.title.clone(),
            lead: m.lead_org_id.and_then(|id| names.get(&id).cloned()).unwrap_or_default(),
            co: ts.iter().filter(|t| t.role == "co").map(|t| t.org_name.clone()).collect(),
            state: measure_state(&states),
            done: count(State::Done),
            overdue: count(State::Overdue),
            at_risk: count(State::AtRisk),
            on_track: count(State::OnTrack),
            deadline: ts.iter().map(|t| t.deadline).max(),
        });
    }
    let mut departments: Vec<DeptStatus> = Vec::new();
    for t in &views {
        let i = match departments.iter().position(|d| d.org_id == t.org_id) {
            Some(i) => i,
            None => {
                departments.push(DeptStatus {
                    org_id: t.org_id,
                    org_name: t.org_name.clone(),
                    lead: 0,
                    done: 0,
                    overdue: 0,
                    at_risk: 0,
                    on_track: 0,
                });
                departments.len() - 1
            }
        };
        let d = &mut departments[i];
        if t.role == "lead" {
            d.lead += 1;
        }
        match t.state {
            State::Done => d.done += 1,
            State::Overdue => d.overdue += 1,
            State::AtRisk => d.at_risk += 1,
            State::OnTrack => d.on_track += 1,
        }
    }
    let bindings = kpi_binding::Entity::find()
        .filter(kpi_binding::Column::MeasureId.is_in(ids))
        .order_by_asc(kpi_binding::Column::Id)
        .all(db)
        .await?;
    let mut kpis = Vec::new();
    for b in bindings {
        let value = kpi::value(db, &b.key).await?;
        kpis.push(KpiCard {
            binding_id: b.id,
            name: kpi::indicator(&b.key).map(|i| i.name_zh.to_string()).unwrap_or_else(|| b.key.clone()),
            key: b.key,
            measure_id: b.measure_id,
            measure_number: measures.iter().find(|m| m.id == b.measure_id).map(|m| m.number).unwrap_or_default(),
            met: value.is_some_and(|v| v >= b.target),
            value,
            target: b.target,
            unit: b.unit,
        });
    }
    let task_ids: Vec<i64> = views.iter().map(|t| t.id).collect();
    let reports: Vec<_> = progress_report::Entity::find()
        .filter(progress_report::Column::TaskId.is_in(task_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.period, r.submitted_at, r.kpi_values))
        .collect();
    let trends = kpi_trends(&kpis, &reports, &period_of(today()));
    Ok(Dashboard { policy: Some(p.into()), measures: out, departments, totals, kpis, trends })
}

/// Bind an indicator to a measure with a target, or change the target.
pub async fn bind_kpi(db: &DatabaseConnection, ctx: &Ctx, measure_id: i64, key: &str, target: f64) -> AppResult<()> {
    ctx.require(Permission::PolicyManage)?;
    let Some(ind) = kpi::indicator(key) else {
        return Err(AppError::Validation(vec![FieldError::new("key", format!("未知指标“{key}”"))]));
    };
    if !target.is_finite() || target < 0.0 {
        return Err(AppError::Validation(vec![FieldError::new("target", "目标值应为非负数")]));
    }
    let tx = db.begin().await?;
    policy_measure::Entity::find_by_id(measure_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let existing = kpi_binding::Entity::find()
        .filter(kpi_binding::Column::MeasureId.eq(measure_id))
        .filter(kpi_binding::Column::Key.eq(key))
        .one(&tx)
        .await?;
    let (id, before) = match existing {
        Some(b) => {
            let before = b.target;
            let mut am: kpi_binding::ActiveModel = b.into();
            am.target = Set(target);
            (am.update(&tx).await?.id, Some(before))
        }
        None => (
            kpi_binding::ActiveModel {
                measure_id: Set(measure_id),
                key: Set(key.to_string()),
                target: Set(target),
                unit: Set(ind.unit.to_string()),
                ..Default::default()
            }
            .insert(&tx)
            .await?
            .id,
            None,
        ),
    };
    audit::record(
        &tx,
        ctx,
        Entry::new("bind_kpi", "kpi_binding", id, format!("指标 {} 目标 {}{}", ind.name_zh, fmt_num(target), ind.unit))
            .before(&serde_json::json!({"target": before}))
            .after(&serde_json::json!({"target": target})),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The measures of a policy with their tasks in reach (for the policy page).
pub async fn measures_of(db: &DatabaseConnection, ctx: &Ctx, policy_id: i64) -> AppResult<Vec<policy_measure::Model>> {
    get(db, ctx, policy_id).await?;
    Ok(policy_measure::Entity::find()
        .filter(policy_measure::Column::PolicyId.eq(policy_id))
        .order_by_asc(policy_measure::Column::Line)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn task_states() {
        let today = d("2026-11-20");
        assert_eq!(task_state("done", d("2026-01-01"), today, false), State::Done);
        assert_eq!(task_state("open", d("2026-11-19"), today, true), State::Overdue);
        assert_eq!(task_state("open", d("2026-12-04"), today, false), State::AtRisk);
        assert_eq!(task_state("open", d("2026-12-04"), today, true), State::OnTrack);
        assert_eq!(task_state("open", d("2026-12-05"), today, false), State::OnTrack);
        assert_eq!(task_state("open", d("2026-11-20"), today, false), State::AtRisk);
    }

    #[test]
    fn measure_states() {
        use State::*;
        assert_eq!(measure_state(&[Done, Done]), Done);
        assert_eq!(measure_state(&[Done, OnTrack]), OnTrack);
        assert_eq!(measure_state(&[OnTrack, AtRisk, Done]), AtRisk);
        assert_eq!(measure_state(&[AtRisk, Overdue]), Overdue);
    }

    #[test]
    fn units_split_on_any_separator() {
        assert_eq!(split_units("人社中心、 发展改革局，城投公司;x"), vec!["人社中心", "发展改革局", "城投公司", "x"]);
        assert!(split_units(" ").is_empty());
    }

    #[test]
    fn periods() {
        assert_eq!(period_of(d("2026-03-05")), "2026-03");
        assert!(valid_period("2026-11"));
        assert!(!valid_period("2026-13"));
        assert!(!valid_period("2026-1"));
    }
}

#[cfg(test)]
mod trend_tests {
    use super::*;

    fn card(key: &str, value: Option<f64>) -> KpiCard {
        KpiCard { binding_id: 1, key: key.into(), name: key.into(), measure_id: 1, measure_number: 1, value, target: 100.0, unit: "%".into(), met: false }
    }

    #[test]
    fn trends_take_the_latest_report_of_each_period_and_the_live_value_now() {
        let t0 = chrono::Utc::now() - chrono::Duration::days(2);
        let t1 = chrono::Utc::now() - chrono::Duration::days(1);
        let reports = vec![
            ("2026-09".to_string(), t0, Some(serde_json::json!({"coverage": 40.0}))),
            ("2026-10".to_string(), t1, Some(serde_json::json!({"coverage": 70.0}))),
            ("2026-10".to_string(), t0, Some(serde_json::json!({"coverage": 60.0}))),
            ("2026-10".to_string(), t1, None),
        ];
        let trends = kpi_trends(&[card("coverage", None), card("schools", Some(3.0)), card("fairs", None)], &reports, "2026-11");
        assert_eq!(trends.len(), 2, "an indicator with no value at all has no trend");
        assert_eq!(trends[0].points, vec![("2026-09".to_string(), 40.0), ("2026-10".to_string(), 70.0)]);
        assert_eq!(trends[1].points, vec![("2026-11".to_string(), 3.0)]);
    }
}

/// A milestone of a task, planned by the department that holds it (or the district):
/// a date before the task's deadline. Audited.
pub async fn add_milestone(db: &DatabaseConnection, ctx: &Ctx, task_id: i64, title: &str, due_on: Option<NaiveDate>) -> AppResult<milestone::Model> {
    let (t, _) = task_in_reach(db, ctx, task_id).await?;
    let u = ctx.user()?;
    if !(t.org_id == u.org_id || u.can(Permission::PolicyManage)) {
        return Err(AppError::Forbidden);
    }
    let mut errors = Vec::new();
    let title = title.trim();
    if title.is_empty() {
        errors.push(FieldError::new("title", "请填写节点内容"));
    }
    match due_on {
        None => errors.push(FieldError::new("due_on", "请填写节点日期（YYYY-MM-DD）")),
        Some(d) if d > t.deadline => errors.push(FieldError::new("due_on", format!("节点日期不能晚于任务完成时限 {}", t.deadline))),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let tx = db.begin().await?;
    let m = milestone::ActiveModel {
        task_id: Set(t.id),
        title: Set(title.to_string()),
        due_on: Set(due_on.expect("checked")),
        done_on: Set(None),
        created_by: Set(Some(u.id)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("create", "milestone", m.id, format!("任务 {} 新增节点：{}（{}）", t.id, m.title, m.due_on)).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

/// Mark a milestone reached today (the holding department or the district). Audited.
pub async fn complete_milestone(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<milestone::Model> {
    ctx.require(Permission::PolicyTrack)?;
    let m = milestone::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let (t, _) = task_in_reach(db, ctx, m.task_id).await?;
    let u = ctx.user()?;
    if !(t.org_id == u.org_id || u.can(Permission::PolicyManage)) {
        return Err(AppError::Forbidden);
    }
    if m.done_on.is_some() {
        return Err(AppError::Conflict("该节点已完成".into()));
    }
    let tx = db.begin().await?;
    let mut am: milestone::ActiveModel = m.clone().into();
    am.done_on = Set(Some(today()));
    let after = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("complete", "milestone", id, format!("节点完成：{}", after.title)).before(&m).after(&after)).await?;
    tx.commit().await?;
    Ok(after)
}
