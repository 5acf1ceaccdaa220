//! Majors pages: the district's map (majors × schools, warnings as advice, specialty
//! groups and the chains they cover), the 专业调整申报备案 workflow (batch, filing with the
//! 第九条 checklist, evidence, review), the public list of filed majors with its export for
//! the enrolment plan, and the demand forecast.

use super::{BatchInput, Evidence, FilingInput, FilingView, ForecastReport, MajorMap, ReviewInput, WhatIfQuery};
use crate::areas::destinations::pct;
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, FieldError, PageResult};
use crate::roles::Permission;
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/majors", get(map_page))
        .route("/majors/forecast", get(forecast_page))
        .route("/majors/batches", post(open_batch))
        .route("/majors/filings", get(filings_page).post(create_filing))
        .route("/majors/filings/new", get(new_filing))
        .route("/majors/filings/{id}", get(filing_page).post(resubmit))
        .route("/majors/filings/{id}/review", post(review))
        .route("/majors/records", get(records_page))
        .route("/majors/records.xlsx", get(records_export))
        .route("/majors/filings/{id}/files", post(attach).layer(crate::uploads::body_limit(crate::uploads::EVIDENCE_MAX_BYTES)))
        .route("/majors/files/{id}", get(download))
        .merge(super::offerings::router())
        .merge(super::manage::router())
        .merge(super::pathways::router())
}

/// JSON for `<script type="application/json">`: "</" must not close the element.
fn script_json(v: serde_json::Value) -> String {
    v.to_string().replace("</", "<\\/")
}

fn stars_zh(s: &Option<u8>) -> String {
    s.map(zhijiao_domain::talent_report::stars_zh).unwrap_or_else(|| "—".into())
}

// ---------------------------------------------------------------- map

#[derive(Deserialize)]
struct LevelQuery {
    level: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/map.html")]
struct MapPage {
    page: Page,
    map: MajorMap,
}

impl MapPage {
    fn pct(&self, r: &Option<f64>) -> String {
        pct(*r)
    }
    fn stars(&self, s: &Option<u8>) -> String {
        stars_zh(s)
    }
}

async fn map_page(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<LevelQuery>) -> PageResult<MapPage> {
    let level = super::parse_level(q.level.as_deref())?;
    let map = super::map(&s.db, &ctx, level).await?;
    let title = page.t("majors.map_title");
    Ok(MapPage { page: page.titled(title), map })
}

// ---------------------------------------------------------------- forecast

#[derive(Template, WebTemplate)]
#[template(path = "majors/forecast.html")]
struct ForecastPage {
    page: Page,
    report: ForecastReport,
    charts: Vec<(String, String, String)>,
    majors: Vec<(String, String)>,
    query_major: String,
    query_seats: String,
    error: String,
}

impl ForecastPage {
    fn pct(&self, r: &Option<f64>) -> String {
        pct(*r)
    }
    fn num(&self, r: &Option<f64>) -> String {
        r.map(|x| format!("{x:.2}")).unwrap_or_else(|| "—（样本不足）".into())
    }
}

fn forecast_chart(id: &str, s: &super::SeriesForecast) -> (String, String, String) {
    let months: Vec<&String> = s.history.iter().map(|h| &h.0).chain(s.forecast.iter().map(|f| &f.0)).collect();
    let hist: Vec<serde_json::Value> = s.history.iter().map(|h| serde_json::json!(h.1)).chain(s.forecast.iter().map(|_| serde_json::Value::Null)).collect();
    let fc: Vec<serde_json::Value> = s.history.iter().map(|_| serde_json::Value::Null).chain(s.forecast.iter().map(|f| serde_json::json!(f.1))).collect();
    let options = serde_json::json!({
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["历史（去重岗位数）", "预测"]},
        "xAxis": {"type": "category", "data": months},
        "yAxis": {"type": "value"},
        "series": [
            {"name": "历史（去重岗位数）", "type": "line", "data": hist},
            {"name": "预测", "type": "line", "lineStyle": {"type": "dashed"}, "data": fc}
        ]
    });
    (id.to_string(), s.label.clone(), script_json(options))
}

async fn forecast_page(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<WhatIfQuery>) -> PageResult<Response> {
    let (report, error) = match super::forecast_report(&s.db, &ctx, &q).await {
        Ok(r) => (r, String::new()),
        Err(AppError::Validation(v)) => {
            let msg = v.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("；");
            (super::forecast_report(&s.db, &ctx, &WhatIfQuery::default()).await?, msg)
        }
        Err(e) => return Err(e.into()),
    };
    let charts = report.chains.iter().enumerate().map(|(i, c)| forecast_chart(&format!("chart-chain-{i}"), c)).collect();
    let title = page.t("majors.forecast_title");
    let status = if error.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = ForecastPage {
        page: page.titled(title),
        report,
        charts,
        majors: super::catalogue_options(),
        query_major: q.major.unwrap_or_default(),
        query_seats: q.seats.unwrap_or_default(),
        error,
    };
    Ok((status, body).into_response())
}

// ---------------------------------------------------------------- filings

#[derive(Template, WebTemplate)]
#[template(path = "majors/filings.html")]
struct FilingsPage {
    page: Page,
    filings: Vec<FilingView>,
    batch: Option<super::BatchView>,
    batches: Vec<super::BatchView>,
    can_file: bool,
    can_manage: bool,
    batch_input: BatchInput,
    errors: Vec<FieldError>,
}

impl FilingsPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

async fn filings_page_with(s: &AppState, ctx: &Ctx, page: Page, batch_input: BatchInput, errors: Vec<FieldError>) -> PageResult<FilingsPage> {
    let filings = super::filings(&s.db, ctx).await?;
    let title = page.t("majors.filings_title");
    Ok(FilingsPage {
        page: page.titled(title),
        filings,
        batch: super::open_batch(&s.db).await?,
        batches: super::batches(&s.db).await?,
        can_file: super::require_school_filer(ctx).is_ok(),
        can_manage: ctx.can(Permission::OrgManage),
        batch_input,
        errors,
    })
}

async fn filings_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<FilingsPage> {
    let year = chrono::Datelike::year(&super::today()) + 1;
    filings_page_with(&s, &ctx, page, BatchInput { year: year.to_string(), title: format!("{year}年度专业设置调整申报备案") }, Vec::new()).await
}

async fn open_batch(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<BatchInput>) -> PageResult<Response> {
    match super::create_batch(&s.db, &ctx, &input).await {
        Ok(_) => Ok(Redirect::to("/majors/filings").into_response()),
        Err(AppError::Validation(errors)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, filings_page_with(&s, &ctx, page, input, errors).await?).into_response())
        }
        Err(AppError::Conflict(m)) => {
            Ok((StatusCode::CONFLICT, filings_page_with(&s, &ctx, page, input, vec![FieldError::new("year", m)]).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/filing_form.html")]
struct FilingForm {
    page: Page,
    action: String,
    input: FilingInput,
    errors: Vec<FieldError>,
    majors: Vec<(String, String)>,
    kinds: Vec<(&'static str, &'static str)>,
    conditions: Vec<(&'static str, &'static str, String)>,
}

impl FilingForm {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

fn filing_form(page: Page, action: String, input: FilingInput, errors: Vec<FieldError>) -> FilingForm {
    let title = page.t("majors.filing_new");
    let conditions = super::CONDITIONS
        .iter()
        .map(|(field, label)| {
            let v = match *field {
                "teaching_plan" => input.teaching_plan.clone(),
                "teachers" => input.teachers.clone(),
                "facilities" => input.facilities.clone(),
                _ => input.partners.clone(),
            };
            (*field, *label, v)
        })
        .collect();
    FilingForm {
        page: page.titled(title),
        action,
        input,
        errors,
        majors: super::catalogue_options(),
        kinds: super::FilingKind::ALL.iter().map(|k| (k.key(), k.name_zh())).collect(),
        conditions,
    }
}

async fn new_filing(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<FilingForm> {
    super::require_school_filer(&ctx)?;
    if super::open_batch(&s.db).await?.is_none() {
        return Err(AppError::Conflict("区教体中心尚未开启本年度专业调整申报批次".into()).into());
    }
    Ok(filing_form(page, "/majors/filings".into(), FilingInput { kind: "new".into(), length_years: "3".into(), ..Default::default() }, Vec::new()))
}

async fn create_filing(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<FilingInput>) -> PageResult<Response> {
    match super::create_filing(&s.db, &ctx, &input).await {
        Ok(f) => Ok(Redirect::to(&format!("/majors/filings/{}", f.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, filing_form(page, "/majors/filings".into(), input, errors)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/filing.html")]
struct FilingPage {
    page: Page,
    f: FilingView,
    evidence: Evidence,
    can_review: bool,
    can_resubmit: bool,
    /// (form field, label, value) of the 第九条 items.
    conditions: Vec<(&'static str, &'static str, String)>,
    review_error: String,
    attachments: Vec<super::AttachmentView>,
    can_attach: bool,
    attach_error: String,
}

impl FilingPage {
    fn files_of(&self, item: &str) -> Vec<&super::AttachmentView> {
        self.attachments.iter().filter(|a| a.item == item).collect()
    }
    fn pct(&self, r: &Option<f64>) -> String {
        pct(*r)
    }
    fn stars(&self, s: &Option<u8>) -> String {
        stars_zh(s)
    }
}

async fn filing_page_with(s: &AppState, ctx: &Ctx, page: Page, id: i64, review_error: String) -> PageResult<FilingPage> {
    filing_page_full(s, ctx, page, id, review_error, String::new()).await
}

async fn filing_page_full(s: &AppState, ctx: &Ctx, page: Page, id: i64, review_error: String, attach_error: String) -> PageResult<FilingPage> {
    let f = super::get(&s.db, ctx, id).await?;
    let attachments = super::attachments(&s.db, ctx, id).await?;
    let evidence = super::evidence(&s.db, ctx, &f).await?;
    let title = format!("{}：{}{} {}", page.t("majors.filing"), f.kind_zh, f.major_code, f.major_name);
    let conditions = super::CONDITIONS
        .iter()
        .zip([&f.teaching_plan, &f.teachers, &f.facilities, &f.partners])
        .map(|((field, label), v)| (*field, *label, v.clone()))
        .collect();
    Ok(FilingPage {
        page: page.titled(title),
        can_review: ctx.can(Permission::OrgManage) && f.status == "submitted",
        can_resubmit: super::require_school_filer(ctx).is_ok() && f.status == "returned",
        can_attach: super::require_school_filer(ctx).is_ok() && f.status != "approved",
        attachments,
        attach_error,
        f,
        evidence,
        conditions,
        review_error,
    })
}

async fn filing_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<FilingPage> {
    filing_page_with(&s, &ctx, page, id, String::new()).await
}

async fn resubmit(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<FilingInput>) -> PageResult<Response> {
    match super::resubmit(&s.db, &ctx, id, &input).await {
        Ok(f) => Ok(Redirect::to(&format!("/majors/filings/{}", f.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, filing_form(page, format!("/majors/filings/{id}"), input, errors)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn review(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<ReviewInput>) -> PageResult<Response> {
    match super::review(&s.db, &ctx, id, &input).await {
        Ok(f) => Ok(Redirect::to(&format!("/majors/filings/{}", f.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            let msg = errors.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("；");
            Ok((StatusCode::UNPROCESSABLE_ENTITY, filing_page_with(&s, &ctx, page, id, msg).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- public records

#[derive(Template, WebTemplate)]
#[template(path = "majors/records.html")]
struct RecordsPage {
    page: Page,
    records: Vec<FilingView>,
}

async fn records_page(State(s): State<AppState>, page: Page) -> PageResult<RecordsPage> {
    let records = super::records(&s.db).await?;
    let title = page.t("majors.records_title");
    Ok(RecordsPage { page: page.titled(title), records })
}

async fn records_export(State(s): State<AppState>) -> PageResult<Response> {
    let rows = super::records(&s.db).await?;
    Ok(xlsx_response(super::records_workbook(&rows)?, "专业备案名单（招生计划用）.xlsx"))
}

// ---------------------------------------------------------------- attachments

async fn attach(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, mut mp: axum::extract::Multipart) -> PageResult<Response> {
    // Who may attach, and to which filing, before the body is read.
    super::require_school_filer(&ctx)?;
    super::get(&s.db, &ctx, id).await?;
    let mut item = String::new();
    let mut received = None;
    let limit = crate::uploads::EVIDENCE_MAX_BYTES;
    let outcome: Result<(), AppError> = async {
        while let Some(field) = mp.next_field().await.map_err(|e| crate::uploads::multipart_error(e, "file", limit))? {
            match field.name() {
                Some("item") => item = field.text().await.map_err(|e| crate::uploads::multipart_error(e, "item", limit))?.chars().take(40).collect(),
                Some("file") => received = Some(crate::uploads::receive(field, &s.settings.data_dir, limit, "file").await?),
                _ => {}
            }
        }
        Ok(())
    }
    .await;
    let result = match (outcome, received) {
        (Err(e), _) => Err(e),
        (Ok(()), None) => Err(AppError::Validation(vec![FieldError::new("file", "请选择要上传的文件")])),
        (Ok(()), Some(r)) => super::attach(&s.db, &ctx, &s.settings.data_dir, id, &item, r).await.map(|_| ()),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/majors/filings/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let msg = errors.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("；");
            Ok((StatusCode::UNPROCESSABLE_ENTITY, filing_page_full(&s, &ctx, page, id, String::new(), msg).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn download(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let (path, name) = super::attachment_file(&s.db, &ctx, &s.settings.data_dir, id).await?;
    let bytes = tokio::fs::read(&path).await.map_err(|_| AppError::NotFound)?;
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    Ok((
        [("content-type", mime.to_string()), ("content-disposition", format!("attachment; filename*=UTF-8''{}", urlencoding::encode(&name)))],
        bytes,
    )
        .into_response())
}
