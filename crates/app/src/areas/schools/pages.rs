//! School pages: the yearly data form and import, a year's standards result per
//! indicator, the district overview against the 达标工程 targets, and the scorecard's
//! method, self-assessment, review and publication.

use super::scorecard::{self, DraftItem, ResultView};
use super::{Overview, YearInput, YearView};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, FieldError, PageError, PageResult};
use crate::roles::Permission;
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;
use zhijiao_domain::school_standards::{self as rules, Op};
use zhijiao_domain::scorecard::{Method, Source};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/schools", get(home))
        .route("/schools/standards", post(save))
        .route("/schools/standards/new", get(form))
        .route("/schools/standards/export.xlsx", get(export))
        .route("/schools/standards/template.xlsx", get(template))
        .route("/schools/standards/import", get(import_form).post(import).layer(crate::uploads::body_limit(crate::uploads::WORKBOOK_MAX_BYTES)))
        .route("/schools/standards/{id}", get(show))
        .route("/schools/scorecards", get(scorecards))
        .route("/schools/scorecards/method", get(method_form).post(method_save))
        .route("/schools/scorecards/method/preset", post(method_preset))
        .route("/schools/scorecards/self", get(self_form).post(self_save))
        .route("/schools/scorecards/{id}", get(scorecard_show))
        .route("/schools/scorecards/{id}/review", post(review))
        .route("/schools/scorecards/{id}/publish", post(publish))
        .route("/schools/teachers", get(teachers).post(teacher_add))
        .route("/schools/teachers/template.xlsx", get(teachers_template))
        .route("/schools/teachers/import", post(teachers_import).layer(crate::uploads::body_limit(crate::uploads::WORKBOOK_MAX_BYTES)))
        .route("/schools/teachers/{id}/practice", post(teacher_practice))
        .route("/schools/activities", get(activities).post(activity_log))
        .route("/schools/activities/{id}/review", post(activity_review))
        .route("/schools/scorecards/export.xlsx", get(scorecards_export))
        .merge(super::reform_pages::router())
        .route("/schools/activities/export.xlsx", get(activities_export))
}

#[derive(Deserialize, Default)]
struct YearQuery {
    #[serde(default)]
    year: String,
    /// `register`: take the teacher figures from the school's teacher register.
    #[serde(default)]
    prefill: String,
}

impl YearQuery {
    fn year(&self) -> Result<i32, AppError> {
        match self.year.trim() {
            "" => Ok(super::this_year()),
            y => y
                .parse::<i32>()
                .ok()
                .filter(|y| (super::FIRST_YEAR..=super::this_year() + 1).contains(y))
                .ok_or_else(|| AppError::BadRequest(format!("年度须为{}到{}之间的年份", super::FIRST_YEAR, super::this_year() + 1))),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "schools/home.html")]
struct HomePage {
    page: Page,
    years: Vec<YearView>,
    overview: Option<Overview>,
    can_report: bool,
}

async fn home(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<HomePage> {
    let scope = super::read_scope(&ctx)?;
    let overview = if scope.is_none() { Some(super::overview(&s.db, &ctx).await?) } else { None };
    let years = if scope.is_some() { super::list(&s.db, &ctx).await? } else { Vec::new() };
    Ok(HomePage { page: page.titled("学校办学条件与质量"), years, overview, can_report: super::require_reporter(&ctx).is_ok() })
}

#[derive(Template, WebTemplate)]
#[template(path = "schools/form.html")]
struct FormPage {
    page: Page,
    input: YearInput,
    errors: Vec<FieldError>,
    fields: Vec<(&'static str, &'static str, String)>,
}

fn form_page(page: Page, input: YearInput, errors: Vec<FieldError>) -> FormPage {
    let fields = rules::FIELDS.iter().map(|(k, l)| (*k, *l, input.get(k).to_string())).collect();
    FormPage { page: page.titled("填报年度办学条件数据"), input, errors, fields }
}

impl FormPage {
    fn error_for(&self, label: &str) -> String {
        self.errors.iter().filter(|e| e.field == label).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

async fn form(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<YearQuery>) -> PageResult<FormPage> {
    super::require_reporter(&ctx)?;
    let year = q.year()?;
    let mut input = match super::own_year(&s.db, &ctx, year).await? {
        Some(m) => YearInput::from_model(&m),
        None => YearInput { year: year.to_string(), ..Default::default() },
    };
    if q.prefill == "register" {
        let school = super::require_reporter(&ctx)?.org_id;
        if let Some((fulltime, senior, specialty, dual)) = super::teachers::register_counts(&s.db, school).await? {
            input.fulltime_teachers = fulltime.to_string();
            input.senior_title_teachers = senior.to_string();
            input.specialty_teachers = specialty.to_string();
            input.dual_qualified_teachers = dual.to_string();
        }
    }
    Ok(form_page(page, input, Vec::new()))
}

async fn save(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<YearInput>) -> PageResult<Response> {
    match super::save(&s.db, &ctx, &input).await {
        Ok(m) => Ok(Redirect::to(&format!("/schools/standards/{}", m.id)).into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page(page, input, errors)).into_response()),
        Err(e) => Err(PageError(e)),
    }
}

/// One indicator as shown: name, value with unit, threshold, met, source.
struct IndicatorRow {
    name: &'static str,
    value: String,
    threshold: String,
    status: &'static str,
    status_class: &'static str,
    basis: String,
    key_category: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "schools/show.html")]
struct ShowPage {
    page: Page,
    v: YearView,
    rows: Vec<IndicatorRow>,
    categories: Vec<(&'static str, &'static str)>,
    sources: &'static [&'static str],
    can_edit: bool,
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v:.1}") }
}

async fn show(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<ShowPage> {
    let v = super::get(&s.db, &ctx, id).await?;
    let rows = v
        .evaluation
        .indicators
        .iter()
        .filter_map(|i| {
            let r = rules::rule(&i.key)?;
            let (status, status_class) = match i.met {
                Some(true) => ("达标", "ok"),
                Some(false) => ("未达标", "bad"),
                None => ("未评估（未填报）", "muted"),
            };
            Some(IndicatorRow {
                name: r.name_zh,
                value: i.value.map(|x| format!("{} {}", number(x), r.unit)).unwrap_or_else(|| "—".into()),
                threshold: format!("{} {} {}", if r.op == Op::AtMost { "≤" } else { "≥" }, number(i.threshold), r.unit),
                status,
                status_class,
                basis: i.basis.clone(),
                key_category: r.category.map(|c| c.name_zh()).unwrap_or("—"),
            })
        })
        .collect();
    let categories = super::category_rows(&v.evaluation)
        .into_iter()
        .map(|(n, m)| (n, match m {
            Some(true) => "达标",
            Some(false) => "未达标",
            None => "未评估",
        }))
        .collect();
    let can_edit = ctx.user.as_ref().is_some_and(|u| u.org_id == v.school_org_id) && super::require_reporter(&ctx).is_ok();
    Ok(ShowPage { page: page.titled(format!("{} {}年度 设置标准达标情况", v.school_name, v.year)), rows, categories, sources: &rules::SOURCES, can_edit, v })
}

async fn export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    Ok(xlsx_response(super::export(&s.db, &ctx).await?, "设置标准达标情况.xlsx"))
}

async fn template() -> PageResult<Response> {
    Ok(xlsx_response(super::template()?, "办学条件数据导入模板.xlsx"))
}

#[derive(Template, WebTemplate)]
#[template(path = "schools/import.html")]
struct ImportPage {
    page: Page,
    errors: Vec<FieldError>,
    imported: Option<usize>,
}

async fn import_form(ctx: Ctx, page: Page) -> PageResult<ImportPage> {
    super::require_reporter(&ctx)?;
    Ok(ImportPage { page: page.titled("导入年度办学条件数据"), errors: Vec::new(), imported: None })
}

async fn import(State(s): State<AppState>, ctx: Ctx, page: Page, mp: Multipart) -> PageResult<Response> {
    super::require_reporter(&ctx)?;
    let page = page.titled("导入年度办学条件数据");
    let up = match crate::areas::imports::pages::read_upload(&s.settings.data_dir, mp).await {
        Ok(u) => u,
        Err(AppError::Validation(errors)) => return Ok((StatusCode::UNPROCESSABLE_ENTITY, ImportPage { page, errors, imported: None }).into_response()),
        Err(e) => return Err(PageError(e)),
    };
    match super::import(&s.db, &ctx, &up.bytes().await?).await {
        Ok(n) => Ok(ImportPage { page, errors: Vec::new(), imported: Some(n) }.into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, ImportPage { page, errors, imported: None }).into_response()),
        Err(e) => Err(PageError(e)),
    }
}

// ---------------------------------------------------------------- scorecards

#[derive(Template, WebTemplate)]
#[template(path = "schools/scorecards.html")]
struct ScorecardsPage {
    page: Page,
    year: i32,
    method: Option<Method>,
    results: Vec<ResultView>,
    trend: Vec<(String, Vec<(i32, f64, String)>)>,
    is_district: bool,
    can_report: bool,
}

async fn scorecards(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<YearQuery>) -> PageResult<ScorecardsPage> {
    super::read_scope(&ctx)?;
    let year = q.year()?;
    let results = scorecard::list(&s.db, &ctx, year).await?;
    Ok(ScorecardsPage {
        page: page.titled(format!("{year}年度办学质量考核")),
        method: scorecard::current_method(&s.db, year).await?.map(|(_, m)| m),
        trend: scorecard::trend(&s.db, &ctx).await?,
        results,
        year,
        is_district: ctx.can(Permission::SchoolReview),
        can_report: super::require_reporter(&ctx).is_ok(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "schools/method.html")]
struct MethodPage {
    page: Page,
    year: i32,
    method: Method,
    rows: Vec<(usize, String, String, &'static str)>,
    bands: Vec<(usize, String, String)>,
    sources: Vec<(&'static str, &'static str)>,
}

async fn method_form(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<YearQuery>) -> PageResult<MethodPage> {
    ctx.require(Permission::SchoolReview)?;
    let year = q.year()?;
    let method = scorecard::current_method(&s.db, year).await?.map(|(_, m)| m).unwrap_or_else(zhijiao_domain::scorecard::preset_2012);
    let mut rows: Vec<(usize, String, String, &'static str)> =
        method.items.iter().enumerate().map(|(i, it)| (i, it.name.clone(), it.max_points.to_string(), it.source.key())).collect();
    let n = rows.len();
    rows.extend((n..n + 3).map(|i| (i, String::new(), String::new(), "entered")));
    let mut bands: Vec<(usize, String, String)> = method.bands.iter().enumerate().map(|(i, b)| (i, b.name.clone(), b.min_points.to_string())).collect();
    let n = bands.len();
    bands.extend((n..(n + 1).min(6)).map(|i| (i, String::new(), String::new())));
    Ok(MethodPage {
        page: page.titled(format!("{year}年度办学质量考核办法")),
        year,
        method,
        rows,
        bands,
        sources: Source::ALL.iter().map(|s| (s.key(), s.name_zh())).collect(),
    })
}

async fn method_save(State(s): State<AppState>, ctx: Ctx, Query(q): Query<YearQuery>, Form(form): Form<HashMap<String, String>>) -> PageResult<Response> {
    ctx.require(Permission::SchoolReview)?;
    let year = q.year()?;
    let method = scorecard::method_from_form(&form).map_err(AppError::Validation)?;
    scorecard::save_method(&s.db, &ctx, year, &method).await?;
    Ok(Redirect::to(&format!("/schools/scorecards?year={year}")).into_response())
}

async fn method_preset(State(s): State<AppState>, ctx: Ctx, Query(q): Query<YearQuery>) -> PageResult<Response> {
    ctx.require(Permission::SchoolReview)?;
    let year = q.year()?;
    scorecard::use_preset(&s.db, &ctx, year).await?;
    Ok(Redirect::to(&format!("/schools/scorecards?year={year}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "schools/self.html")]
struct SelfPage {
    page: Page,
    year: i32,
    method: Method,
    items: Vec<DraftItem>,
}

async fn self_form(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<YearQuery>) -> PageResult<SelfPage> {
    super::require_reporter(&ctx)?;
    let year = q.year()?;
    let (method, items, _) = scorecard::self_draft(&s.db, &ctx, year).await?;
    Ok(SelfPage { page: page.titled(format!("{year}年度办学质量自评")), year, method, items })
}

async fn self_save(State(s): State<AppState>, ctx: Ctx, Query(q): Query<YearQuery>, Form(form): Form<HashMap<String, String>>) -> PageResult<Response> {
    super::require_reporter(&ctx)?;
    let year = q.year()?;
    let m = scorecard::self_assess(&s.db, &ctx, year, &form).await?;
    Ok(Redirect::to(&format!("/schools/scorecards/{}", m.id)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "schools/scorecard.html")]
struct ScorecardPage {
    page: Page,
    r: ResultView,
    can_review: bool,
    can_publish: bool,
}

async fn scorecard_show(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<ScorecardPage> {
    let r = scorecard::get(&s.db, &ctx, id).await?;
    let district = ctx.can(Permission::SchoolReview);
    Ok(ScorecardPage {
        page: page.titled(format!("{} {}年度办学质量考核", r.school_name, r.year)),
        can_review: district && r.status != scorecard::Status::Published,
        can_publish: district && r.status == scorecard::Status::Reviewed,
        r,
    })
}

async fn review(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(form): Form<HashMap<String, String>>) -> PageResult<Response> {
    scorecard::review(&s.db, &ctx, id, &form).await?;
    Ok(Redirect::to(&format!("/schools/scorecards/{id}")).into_response())
}

async fn publish(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    scorecard::publish(&s.db, &ctx, id).await?;
    Ok(Redirect::to(&format!("/schools/scorecards/{id}")).into_response())
}

// ---------------------------------------------------------------- 党建 and 思政

#[derive(Template, WebTemplate)]
#[template(path = "schools/activities.html")]
struct ActivitiesPage {
    page: Page,
    rows: Vec<super::activities::ActivityView>,
    can_log: bool,
    can_review: bool,
    kinds: &'static [(&'static str, &'static str)],
}

async fn activities(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ActivitiesPage> {
    Ok(ActivitiesPage {
        rows: super::activities::list(&s.db, &ctx).await?,
        page: page.titled("党建和思政工作记录"),
        can_log: super::require_reporter(&ctx).is_ok(),
        can_review: ctx.can(Permission::SchoolReview),
        kinds: &super::activities::KINDS,
    })
}

async fn activity_log(State(s): State<AppState>, ctx: Ctx, Form(input): Form<super::activities::ActivityInput>) -> PageResult<Response> {
    super::activities::log(&s.db, &ctx, &input).await?;
    Ok(Redirect::to("/schools/activities").into_response())
}

async fn activity_review(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(input): Form<super::activities::ReviewInput>) -> PageResult<Response> {
    super::activities::review(&s.db, &ctx, id, &input).await?;
    Ok(Redirect::to("/schools/activities").into_response())
}

// ---------------------------------------------------------------- teachers

#[derive(Template, WebTemplate)]
#[template(path = "schools/teachers.html")]
struct TeachersPage {
    page: Page,
    rows: Vec<super::teachers::TeacherView>,
    can_edit: bool,
    titles: &'static [(&'static str, &'static str)],
    errors: Vec<FieldError>,
}

async fn teachers_page(s: &AppState, ctx: &Ctx, page: Page, errors: Vec<FieldError>) -> PageResult<TeachersPage> {
    Ok(TeachersPage {
        rows: super::teachers::list(&s.db, ctx).await?,
        page: page.titled("教师名册与企业实践"),
        can_edit: super::require_reporter(ctx).is_ok(),
        titles: &super::teachers::TITLES,
        errors,
    })
}

async fn teachers(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<TeachersPage> {
    teachers_page(&s, &ctx, page, Vec::new()).await
}

async fn teacher_add(State(s): State<AppState>, ctx: Ctx, Form(input): Form<super::teachers::TeacherInput>) -> PageResult<Response> {
    super::teachers::add(&s.db, &ctx, &input).await?;
    Ok(Redirect::to("/schools/teachers").into_response())
}

async fn teachers_template() -> PageResult<Response> {
    Ok(xlsx_response(super::teachers::template()?, "教师名册导入模板.xlsx"))
}

async fn teachers_import(State(s): State<AppState>, ctx: Ctx, page: Page, mp: Multipart) -> PageResult<Response> {
    super::require_reporter(&ctx)?;
    let result = match crate::areas::imports::pages::read_upload(&s.settings.data_dir, mp).await {
        Ok(up) => match up.bytes().await {
            Ok(bytes) => super::teachers::import(&s.db, &ctx, &bytes).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/schools/teachers").into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, teachers_page(&s, &ctx, page, errors).await?).into_response()),
        Err(e) => Err(PageError(e)),
    }
}

#[derive(Deserialize, Default)]
struct PracticeForm {
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
}

async fn teacher_practice(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<PracticeForm>) -> PageResult<Response> {
    super::teachers::add_practice(&s.db, &ctx, id, &f.start, &f.end).await?;
    Ok(Redirect::to("/schools/teachers").into_response())
}

// ---------------------------------------------------------------- exports

async fn scorecards_export(State(s): State<AppState>, ctx: Ctx, Query(q): Query<YearQuery>) -> PageResult<Response> {
    let year = q.year()?;
    let bytes = super::exports::scorecards(&s.db, &ctx, year).await?;
    Ok(xlsx_response(bytes, &format!("办学质量考核-{year}.xlsx")))
}

async fn activities_export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    let bytes = super::exports::activities(&s.db, &ctx).await?;
    Ok(xlsx_response(bytes, "党建思政活动记录.xlsx"))
}
