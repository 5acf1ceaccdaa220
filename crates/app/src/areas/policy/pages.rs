//! Policy pages: import (text/HTML/.docx or the seed), the line-by-line review next to
//! the source with corrections and unknown units, the accepted policy with its tasks,
//! a task with its reports, the leadership dashboard (领导驾驶舱) and the exports.

use super::{AcceptInput, Dashboard, MeasureCorrection, ReportInput, State as TaskState, TaskFilter, TaskView};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::entity::{organization, policy_measure};
use crate::error::{AppError, FieldError, PageResult};
use crate::roles::Permission;
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use zhijiao_domain::policy_parser::{DiagLevel, LineReport, Measure};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/policy", get(index))
        .route("/policy/import", post(import).layer(crate::uploads::body_limit(crate::uploads::EVIDENCE_MAX_BYTES)))
        .route("/policy/seed", post(import_seed))
        .route("/policy/dashboard", get(dashboard))
        .route("/policy/tasks", get(my_tasks))
        .route("/policy/tasks/{id}", get(task_page))
        .route("/policy/tasks/{id}/reports", post(report))
        .route("/policy/tasks/{id}/milestones", post(add_milestone))
        .route("/policy/milestones/{id}/done", post(complete_milestone))
        .route("/policy/reports/{id}/evidence", get(evidence).post(attach_evidence).layer(crate::uploads::body_limit(crate::uploads::EVIDENCE_MAX_BYTES)))
        .route("/policy/measures/{id}/consolidate", post(consolidate))
        .route("/policy/measures/{id}/kpis", post(bind_kpi))
        .route("/policy/{id}", get(policy_page))
        .route("/policy/{id}/accept", post(accept))
        .route("/policy/{id}/units", post(resolve_unit))
        .route("/policy/{id}/tasks.xlsx", get(export_tasks))
        .route("/policy/{id}/ledger.xlsx", get(export_ledger))
}

pub fn state_label(page: &Page, key: &str) -> &'static str {
    page.t(&format!("policy.state.{key}"))
}

#[derive(Template, WebTemplate)]
#[template(path = "policy/index.html")]
struct IndexPage {
    page: Page,
    policies: Vec<super::PolicyView>,
    can_manage: bool,
    errors: Vec<FieldError>,
}

async fn index(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<IndexPage> {
    let policies = super::list(&s.db, &ctx).await?;
    let title = page.t("policy.title");
    Ok(IndexPage { page: page.titled(title), policies, can_manage: ctx.can(Permission::PolicyManage), errors: Vec::new() })
}

async fn import(State(s): State<AppState>, ctx: Ctx, page: Page, mut mp: Multipart) -> PageResult<Response> {
    super::require_manage(&ctx)?;
    let mut filename = String::new();
    let mut bytes = Vec::new();
    let mut text = String::new();
    let mut format = String::from("text");
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::BadRequest(e.to_string()))? {
        match field.name() {
            Some("file") => {
                filename = field.file_name().unwrap_or("").to_string();
                bytes = field.bytes().await.map_err(|e| AppError::BadRequest(e.to_string()))?.to_vec();
            }
            Some("text") => text = field.text().await.map_err(|e| AppError::BadRequest(e.to_string()))?,
            Some("format") => format = field.text().await.map_err(|e| AppError::BadRequest(e.to_string()))?,
            _ => {}
        }
    }
    if bytes.is_empty() && !text.trim().is_empty() {
        filename = if format == "html" { "pasted.html".into() } else { "pasted.txt".into() };
        bytes = text.into_bytes();
    }
    let result = if bytes.is_empty() {
        Err(AppError::Validation(vec![FieldError::new("file", "请选择文件或粘贴政策文本")]))
    } else {
        super::import(&s.db, &ctx, &filename, &bytes).await
    };
    match result {
        Ok(p) => Ok(Redirect::to(&format!("/policy/{}", p.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            let policies = super::list(&s.db, &ctx).await?;
            let title = page.t("policy.title");
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, IndexPage { page: page.titled(title), policies, can_manage: true, errors })
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn import_seed(State(s): State<AppState>, ctx: Ctx) -> PageResult<Redirect> {
    let p = super::import_seed(&s.db, &ctx).await?;
    Ok(Redirect::to(&format!("/policy/{}", p.id)))
}

/// One source line on the review page.
struct LineRow {
    report: LineReport,
    level: &'static str,
    /// The source line as HTML-safe segments: (text, bold).
    segments: Vec<(String, bool)>,
}

struct MeasureForm {
    index: usize,
    section: String,
    measure: Measure,
    lead: String,
    co: String,
    deadline: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "policy/review.html")]
struct ReviewPage {
    page: Page,
    policy: crate::entity::policy::Model,
    lines: Vec<LineRow>,
    measures: Vec<MeasureForm>,
    unknown: Vec<String>,
    departments: Vec<organization::Model>,
    errors: Vec<FieldError>,
    deadline: String,
    counts: (usize, usize, usize),
}

async fn review_page(s: &AppState, ctx: &Ctx, page: Page, id: i64, form: Option<&HashMap<String, String>>, errors: Vec<FieldError>) -> PageResult<ReviewPage> {
    let r = super::review(&s.db, ctx, id).await?;
    let departments = organization::Entity::find()
        .filter(organization::Column::Kind.is_in(["department", "district_center"]))
        .order_by_asc(organization::Column::Id)
        .all(&s.db)
        .await?;
    let lines: Vec<LineRow> = r
        .lines
        .into_iter()
        .zip(r.source.lines.iter())
        .map(|(report, src)| LineRow {
            level: match report.level {
                Some(DiagLevel::Understood) if !report.warnings.is_empty() => "warning",
                Some(DiagLevel::Understood) => "understood",
                Some(DiagLevel::Unparsed) => "unparsed",
                Some(DiagLevel::Warning) => "warning",
                None => "blank",
            },
            segments: segments(&src.text, &src.bold),
            report,
        })
        .collect();
    let counts = (
        lines.iter().filter(|l| l.level == "understood").count(),
        lines.iter().filter(|l| l.level == "unparsed").count(),
        lines.iter().filter(|l| l.level == "warning").count(),
    );
    let get = |k: String| form.and_then(|f| f.get(&k).cloned());
    let mut measures = Vec::new();
    for s in &r.parsed.sections {
        for m in &s.measures {
            let i = measures.len();
            measures.push(MeasureForm {
                index: i,
                section: s.title.clone(),
                lead: get(format!("m{i}_lead")).unwrap_or_else(|| m.lead.clone().unwrap_or_default()),
                co: get(format!("m{i}_co")).unwrap_or_else(|| m.co.join("、")),
                deadline: get(format!("m{i}_deadline")).unwrap_or_default(),
                measure: m.clone(),
            });
        }
    }
    let deadline = get("deadline".into())
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&super::today()), 12, 31).map(|d| d.to_string()).unwrap_or_default());
    let title = format!("{} · {}", page.t("policy.review"), r.policy.title);
    Ok(ReviewPage { page: page.titled(title), policy: r.policy, lines, measures, unknown: r.unknown, departments, errors, deadline, counts })
}

/// Split a line into bold and plain segments (ranges are byte offsets).
fn segments(text: &str, bold: &[std::ops::Range<usize>]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut ranges: Vec<_> = bold.iter().filter(|r| r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)).cloned().collect();
    ranges.sort_by_key(|r| r.start);
    for r in ranges {
        if r.start < pos {
            continue;
        }
        if r.start > pos {
            out.push((text[pos..r.start].to_string(), false));
        }
        out.push((text[r.clone()].to_string(), true));
        pos = r.end;
    }
    if pos < text.len() {
        out.push((text[pos..].to_string(), false));
    }
    out
}

#[derive(Template, WebTemplate)]
#[template(path = "policy/detail.html")]
struct DetailPage {
    page: Page,
    policy: super::PolicyView,
    dash: Dashboard,
    tasks: Vec<TaskView>,
    can_manage: bool,
    indicators: Vec<(&'static str, &'static str)>,
    measures: Vec<policy_measure::Model>,
}

async fn policy_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<Response> {
    let policy = super::get(&s.db, &ctx, id).await?;
    if policy.status == "draft" {
        return Ok(review_page(&s, &ctx, page, id, None, Vec::new()).await?.into_response());
    }
    let dash = super::dashboard(&s.db, &ctx, Some(id)).await?;
    let tasks = super::tasks(&s.db, &ctx, &TaskFilter { policy_id: Some(id), ..Default::default() }).await?;
    let measures = super::measures_of(&s.db, &ctx, id).await?;
    let indicators = super::kpi::INDICATORS.iter().map(|i| (i.key, i.name_zh)).collect();
    let title = policy.title.clone();
    Ok(DetailPage { page: page.titled(title), policy, dash, tasks, can_manage: ctx.can(Permission::PolicyManage), indicators, measures }
        .into_response())
}

fn accept_input(form: &HashMap<String, String>) -> Result<AcceptInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut date = |field: &str, v: Option<&String>| -> Option<chrono::NaiveDate> {
        let v = v.map(|s| s.trim()).filter(|s| !s.is_empty())?;
        match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new(field, format!("日期“{v}”格式应为 2026-12-31")));
                None
            }
        }
    };
    let mut input = AcceptInput { deadline: date("deadline", form.get("deadline")), ..Default::default() };
    for (k, _) in form.iter() {
        let Some(rest) = k.strip_prefix('m') else { continue };
        let Some((i, field)) = rest.split_once('_') else { continue };
        let Ok(i) = i.parse::<usize>() else { continue };
        if input.measures.contains_key(&i) {
            continue;
        }
        let _ = field;
        let c = MeasureCorrection {
            lead: form.get(&format!("m{i}_lead")).cloned(),
            co: form.get(&format!("m{i}_co")).cloned(),
            deadline: date(&format!("m{i}_deadline"), form.get(&format!("m{i}_deadline"))),
        };
        input.measures.insert(i, c);
    }
    if errors.is_empty() { Ok(input) } else { Err(errors) }
}

async fn accept(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(form): Form<HashMap<String, String>>) -> PageResult<Response> {
    super::require_manage(&ctx)?;
    let result = match accept_input(&form) {
        Ok(input) => super::accept(&s.db, &ctx, id, &input).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/policy/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let p = review_page(&s, &ctx, page, id, Some(&form), errors).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(serde::Deserialize)]
struct UnitForm {
    name: String,
    /// Empty: create a department of that name; else the id of the department it names.
    #[serde(default)]
    alias_of: String,
}

async fn resolve_unit(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<UnitForm>) -> PageResult<Redirect> {
    let alias_of = match f.alias_of.trim() {
        "" => None,
        v => Some(v.parse::<i64>().map_err(|_| AppError::BadRequest("alias_of".into()))?),
    };
    super::resolve_unit(&s.db, &ctx, &f.name, alias_of).await?;
    Ok(Redirect::to(&format!("/policy/{id}")))
}

#[derive(Template, WebTemplate)]
#[template(path = "policy/tasks.html")]
struct TasksPage {
    page: Page,
    tasks: Vec<TaskView>,
    reminders: Vec<TaskView>,
    f_state: String,
    states: Vec<(&'static str, &'static str)>,
}

async fn my_tasks(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<TaskFilter>) -> PageResult<TasksPage> {
    let tasks = super::tasks(&s.db, &ctx, &f).await?;
    let reminders = super::reminders(&s.db, &ctx).await?;
    let states = TaskState::ALL.iter().map(|st| (st.key(), state_label(&page, st.key()))).collect();
    let title = page.t("policy.tasks");
    Ok(TasksPage { page: page.titled(title), tasks, reminders, f_state: f.state.unwrap_or_default(), states })
}

#[derive(Template, WebTemplate)]
#[template(path = "policy/task.html")]
struct TaskPage {
    page: Page,
    d: super::TaskDetail,
    period: String,
    errors: Vec<FieldError>,
    text: String,
}

impl TaskPage {
    fn kpi_name(&self, key: &str) -> &'static str {
        super::kpi::indicator(key).map(|i| i.name_zh).unwrap_or("")
    }
}

async fn task_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<TaskPage> {
    let d = super::task_detail(&s.db, &ctx, id).await?;
    let title = d.task.title.clone();
    Ok(TaskPage { page: page.titled(title), d, period: super::period_of(super::today()), errors: Vec::new(), text: String::new() })
}

#[derive(serde::Deserialize)]
struct MilestoneForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    due_on: String,
}

async fn add_milestone(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<HashMap<String, String>>) -> PageResult<Response> {
    let f = MilestoneForm { title: f.get("title").cloned().unwrap_or_default(), due_on: f.get("due_on").cloned().unwrap_or_default() };
    let due = chrono::NaiveDate::parse_from_str(f.due_on.trim(), "%Y-%m-%d").ok();
    match super::add_milestone(&s.db, &ctx, id, &f.title, due).await {
        Ok(_) => Ok(Redirect::to(&format!("/policy/tasks/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let d = super::task_detail(&s.db, &ctx, id).await?;
            let title = d.task.title.clone();
            let p = TaskPage { page: page.titled(title), d, period: super::period_of(super::today()), errors, text: String::new() };
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn complete_milestone(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Redirect> {
    let m = super::complete_milestone(&s.db, &ctx, id).await?;
    Ok(Redirect::to(&format!("/policy/tasks/{}", m.task_id)))
}

async fn report(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(form): Form<HashMap<String, String>>) -> PageResult<Response> {
    let mut input = ReportInput {
        text: form.get("text").cloned().unwrap_or_default(),
        period: form.get("period").cloned(),
        done: form.get("done").is_some_and(|v| v == "on" || v == "true" || v == "1"),
        ..Default::default()
    };
    let mut errors = Vec::new();
    for (k, v) in &form {
        if let Some(key) = k.strip_prefix("kpi_") {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match v.parse::<f64>() {
                Ok(n) if n.is_finite() => {
                    input.kpi_values.insert(key.to_string(), n);
                }
                _ => errors.push(FieldError::new(k.clone(), format!("指标值“{v}”不是数字"))),
            }
        }
    }
    let result = if errors.is_empty() { super::submit_report(&s.db, &ctx, id, &input).await } else { Err(AppError::Validation(errors)) };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/policy/tasks/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let d = super::task_detail(&s.db, &ctx, id).await?;
            let title = d.task.title.clone();
            let period = input.period.clone().unwrap_or_else(|| super::period_of(super::today()));
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, TaskPage { page: page.titled(title), d, period, errors, text: input.text })
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn attach_evidence(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, mp: Multipart) -> PageResult<Redirect> {
    let target = super::evidence_target(&s.db, &ctx, id).await?;
    let upload = crate::uploads::file_field(mp, &s.settings.data_dir, crate::uploads::EVIDENCE_MAX_BYTES, "佐证材料").await?;
    super::attach_evidence(&s.db, &s.files, &ctx, target, upload).await?;
    let r = crate::entity::progress_report::Entity::find_by_id(id).one(&s.db).await?.ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&format!("/policy/tasks/{}", r.task_id)))
}

async fn evidence(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let (key, name) = super::evidence(&s.db, &ctx, id).await?;
    Ok(s.files.download(&key, &name).await?)
}

#[derive(serde::Deserialize)]
struct ConsolidateForm {
    period: String,
    #[serde(default)]
    back: Option<i64>,
}

async fn consolidate(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<ConsolidateForm>) -> PageResult<Redirect> {
    super::consolidate(&s.db, &ctx, id, f.period.trim()).await?;
    Ok(Redirect::to(&f.back.map(|t| format!("/policy/tasks/{t}")).unwrap_or_else(|| "/policy/tasks".into())))
}

#[derive(serde::Deserialize)]
struct KpiForm {
    key: String,
    target: String,
}

async fn bind_kpi(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<KpiForm>) -> PageResult<Redirect> {
    super::require_manage(&ctx)?;
    let target = f
        .target
        .trim()
        .parse::<f64>()
        .map_err(|_| AppError::Validation(vec![FieldError::new("target", format!("目标值“{}”不是数字", f.target))]))?;
    super::bind_kpi(&s.db, &ctx, id, &f.key, target).await?;
    let m = policy_measure::Entity::find_by_id(id).one(&s.db).await?.ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&format!("/policy/{}", m.policy_id)))
}

/// Bars per measure and task state, as ECharts options (static/charts.js draws them).
fn chart_json(page: &Page, dash: &Dashboard) -> String {
    let labels: Vec<String> = dash.measures.iter().map(|m| format!("（{}）", m.number)).collect();
    let colours = [("done", "#198754"), ("overdue", "#dc3545"), ("at_risk", "#fd7e14"), ("on_track", "#0d6efd")];
    let series: Vec<serde_json::Value> = colours
        .iter()
        .map(|(k, c)| {
            let data: Vec<usize> = dash
                .measures
                .iter()
                .map(|m| match *k {
                    "done" => m.done,
                    "overdue" => m.overdue,
                    "at_risk" => m.at_risk,
                    _ => m.on_track,
                })
                .collect();
            serde_json::json!({"name": state_label(page, k), "type": "bar", "stack": "tasks", "data": data, "itemStyle": {"color": c}})
        })
        .collect();
    let opts = serde_json::json!({
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 40, "right": 10, "bottom": 30, "top": 40, "containLabel": true},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": series,
    });
    // Safe inside <script type="application/json">: no "</" can close the element.
    opts.to_string().replace("</", "<\\/")
}

/// Indicators over time as a line chart, each as a percentage of its target so that
/// different units share one axis (the tooltip names the indicator).
fn trend_json(dash: &Dashboard) -> String {
    let periods: Vec<String> =
        dash.trends.iter().flat_map(|t| t.points.iter().map(|(p, _)| p.clone())).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let series: Vec<serde_json::Value> = dash
        .trends
        .iter()
        .map(|t| {
            let data: Vec<Option<f64>> = periods
                .iter()
                .map(|p| t.points.iter().find(|(x, _)| x == p).map(|(_, v)| if t.target > 0.0 { (v / t.target * 1000.0).round() / 10.0 } else { *v }))
                .collect();
            serde_json::json!({"name": t.name, "type": "line", "connectNulls": true, "data": data})
        })
        .collect();
    let opts = serde_json::json!({
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0, "type": "scroll"},
        "grid": {"left": 40, "right": 10, "bottom": 30, "top": 40, "containLabel": true},
        "xAxis": {"type": "category", "data": periods},
        "yAxis": {"type": "value", "name": "% 目标", "max": 150},
        "series": series,
    });
    opts.to_string().replace("</", "<\\/")
}

#[derive(Template, WebTemplate)]
#[template(path = "policy/dashboard.html")]
struct DashboardPage {
    page: Page,
    dash: Dashboard,
    chart: String,
    trend: String,
    totals: Vec<(&'static str, &'static str, usize)>,
}

async fn dashboard(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<DashboardPage> {
    let dash = super::dashboard(&s.db, &ctx, None).await?;
    let chart = chart_json(&page, &dash);
    let trend = trend_json(&dash);
    let totals = TaskState::ALL.iter().map(|st| (st.key(), state_label(&page, st.key()), dash.totals.get(st.key()).copied().unwrap_or(0))).collect();
    let title = page.t("policy.dashboard");
    Ok(DashboardPage { page: page.titled(title), dash, chart, trend, totals })
}

pub const TASK_HEADERS: [&str; 7] = ["序号", "措施", "牵头单位", "配合单位", "任务", "完成时限", "状态"];
pub const LEDGER_HEADERS: [&str; 9] = ["序号", "措施", "责任单位", "任务", "报告期", "进展情况", "指标值", "报送人", "报送时间"];

async fn export_tasks(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let policy = super::get(&s.db, &ctx, id).await?;
    let dash = super::dashboard(&s.db, &ctx, Some(id)).await?;
    let tasks = super::tasks(&s.db, &ctx, &TaskFilter { policy_id: Some(id), ..Default::default() }).await?;
    let mut rows = Vec::new();
    for m in &dash.measures {
        for t in tasks.iter().filter(|t| t.measure_id == m.id) {
            rows.push(vec![
                (rows.len() + 1).to_string(),
                format!("（{}）{}", m.number, m.title),
                m.lead.clone(),
                m.co.join("、"),
                format!("{}{}", t.org_name, if t.role == "lead" { "（牵头）" } else { "（配合）" }),
                t.deadline.to_string(),
                t.state.label_zh().to_string(),
            ]);
        }
    }
    let bytes = crate::xlsx::export("任务分解表", &TASK_HEADERS, rows).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, &format!("{}·任务分解表.xlsx", policy.title)))
}

async fn export_ledger(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let policy = super::get(&s.db, &ctx, id).await?;
    let rows = super::ledger(&s.db, &ctx, id).await?;
    let rows = rows.into_iter().enumerate().map(|(i, (t, r))| {
        let kpis = r
            .kpi_values
            .as_ref()
            .and_then(|v| v.as_object())
            .map(|o| {
                o.iter()
                    .map(|(k, v)| format!("{}={}", super::kpi::indicator(k).map(|i| i.name_zh).unwrap_or(k), v))
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .unwrap_or_default();
        vec![
            (i + 1).to_string(),
            format!("（{}）{}", t.measure_number, t.measure_title),
            r.org_name,
            t.title,
            r.period,
            r.text,
            kpis,
            r.submitted_by,
            (r.submitted_at + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string(),
        ]
    });
    let bytes = crate::xlsx::export("进展台账", &LEDGER_HEADERS, rows).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, &format!("{}·进展台账.xlsx", policy.title)))
}
