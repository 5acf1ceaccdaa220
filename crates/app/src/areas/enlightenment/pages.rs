//! Pages of 职业启蒙和劳动教育: the overview (bases, the municipal-base target, the user's
//! bookings), a base with its programmes, the booking form and the host's attendance
//! form, the district's form for a new base, coverage school by school, and the exports.

use super::{AttendanceInput, BaseInput, BaseView, BookingInput, BookingView, Coverage, ProgrammeInput};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, FieldError, PageResult};
use crate::roles::Permission;
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/enlightenment", get(index))
        .route("/enlightenment/bases", post(create_base))
        .route("/enlightenment/bases/new", get(new_base))
        .route("/enlightenment/bases/{id}", get(base_page))
        .route("/enlightenment/bases/{id}/programmes", post(add_programme))
        .route("/enlightenment/bookings", post(book))
        .route("/enlightenment/bookings.xlsx", get(bookings_export))
        .route("/enlightenment/bookings/{id}/attendance", post(attendance))
        .route("/enlightenment/coverage", get(coverage_page))
        .route("/enlightenment/coverage.xlsx", get(coverage_export))
        .route("/enlightenment/bookings/template.xlsx", get(import_template))
        .route("/enlightenment/bookings/import", get(import_form).post(import).layer(crate::uploads::body_limit(crate::uploads::WORKBOOK_MAX_BYTES)))
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{e}"))
}

fn message_of(e: &AppError) -> Option<String> {
    match e {
        AppError::Validation(fields) => Some(fields.iter().map(|f| format!("{}：{}", field_label(&f.field), f.message)).collect::<Vec<_>>().join("；")),
        AppError::Conflict(m) | AppError::BadRequest(m) => Some(m.clone()),
        _ => None,
    }
}

/// Field names as people read them (pages show no internal keys).
pub fn field_label(key: &str) -> &'static str {
    match key {
        "name" => "基地名称",
        "level" => "基地级别",
        "host_org_id" => "承办单位",
        "capacity" => "同时接待人数",
        "address" => "地址",
        "programme_title" => "课程名称",
        "min_age" => "最小年龄",
        "max_age" => "最大年龄",
        "duration_minutes" => "时长（分钟）",
        "programme_id" => "基地课程",
        "session_date" => "日期",
        "start" => "开始时间",
        "pupils" => "学生人数",
        "attended_pupils" => "到场学生人数",
        "class_hours" => "课时",
        _ => "",
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "enlightenment/index.html")]
struct IndexPage {
    page: Page,
    bases: Vec<BaseView>,
    municipal: u64,
    bookings: Option<Vec<BookingView>>,
    may_manage: bool,
    sees_coverage: bool,
    may_import: bool,
}

async fn index(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<IndexPage> {
    let bases = super::bases(&s.db, &ctx).await?;
    let municipal = super::municipal_bases(&s.db).await?;
    let bookings = match super::bookings(&s.db, &ctx).await {
        Ok(b) => Some(b),
        Err(AppError::Forbidden) => None,
        Err(e) => return Err(e.into()),
    };
    let may_manage = ctx.can(Permission::OrgManage);
    let sees_coverage = ctx.can(Permission::OrgReadAll) || super::may_book(&ctx);
    let may_import = super::import::may_import_ctx(&ctx);
    Ok(IndexPage { page: page.titled("职业启蒙和劳动教育"), bases, municipal, bookings, may_manage, sees_coverage, may_import })
}

#[derive(Template, WebTemplate)]
#[template(path = "enlightenment/base_form.html")]
struct BaseFormPage {
    page: Page,
    input: BaseInput,
    errors: Vec<FieldError>,
    hosts: Vec<(i64, String)>,
    levels: Vec<(&'static str, &'static str)>,
}

impl BaseFormPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }
}

async fn new_base(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<BaseFormPage> {
    ctx.require(Permission::OrgManage)?;
    let input = BaseInput { capacity: "60".into(), min_age: "8".into(), max_age: "15".into(), duration_minutes: "120".into(), level: "district".into(), ..Default::default() };
    Ok(BaseFormPage { page: page.titled("新增职业启蒙和劳动教育基地"), input, errors: Vec::new(), hosts: super::host_choices(&s.db).await?, levels: zhijiao_domain::enlightenment::BASE_LEVELS.to_vec() })
}

async fn create_base(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<BaseInput>) -> PageResult<Response> {
    match super::create_base(&s.db, &ctx, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/enlightenment/bases/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let hosts = super::host_choices(&s.db).await?;
            let form = BaseFormPage { page: page.titled("新增职业启蒙和劳动教育基地"), input, errors, hosts, levels: zhijiao_domain::enlightenment::BASE_LEVELS.to_vec() };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "enlightenment/base_detail.html")]
struct BasePage {
    page: Page,
    base: BaseView,
    bookings: Vec<BookingView>,
    may_book: bool,
    may_record: bool,
    error: Option<String>,
    input: BookingInput,
    min_date: String,
}

async fn render_base(s: &AppState, ctx: &Ctx, page: Page, id: i64, error: Option<String>, input: BookingInput) -> PageResult<BasePage> {
    let base = super::base(&s.db, ctx, id).await?;
    let bookings = match super::bookings(&s.db, ctx).await {
        Ok(b) => b.into_iter().filter(|b| b.base_id == id).collect(),
        Err(AppError::Forbidden) => Vec::new(),
        Err(e) => return Err(e.into()),
    };
    let may_record = super::may_record(ctx, base.host_org_id);
    let title = base.name.clone();
    Ok(BasePage { page: page.titled(title), base, bookings, may_book: super::may_book(ctx), may_record, error, input, min_date: super::today().to_string() })
}

async fn base_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<BasePage> {
    render_base(&s, &ctx, page, id, None, BookingInput { start: "09:00".into(), pupils: "40".into(), ..Default::default() }).await
}

async fn add_programme(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<ProgrammeInput>) -> PageResult<Response> {
    match super::add_programme(&s.db, &ctx, id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/enlightenment/bases/{id}")).into_response()),
        Err(e) => {
            let Some(msg) = message_of(&e) else { return Err(e.into()) };
            Ok((e.status(), render_base(&s, &ctx, page, id, Some(msg), BookingInput::default()).await?).into_response())
        }
    }
}

#[derive(serde::Deserialize)]
struct BookForm {
    #[serde(default)]
    base_id: String,
    #[serde(flatten)]
    input: BookingInput,
}

async fn book(State(s): State<AppState>, ctx: Ctx, page: Page, Form(f): Form<BookForm>) -> PageResult<Response> {
    match super::book(&s.db, &ctx, &f.input).await {
        Ok(_) => Ok(Redirect::to("/enlightenment").into_response()),
        Err(e) => {
            let Some(msg) = message_of(&e) else { return Err(e.into()) };
            let base = super::base_of(&s.db, None, f.input.programme_id.trim().parse().ok()).await?.or(f.base_id.parse().ok()).unwrap_or(0);
            Ok((e.status(), render_base(&s, &ctx, page, base, Some(msg), f.input).await?).into_response())
        }
    }
}

async fn attendance(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<AttendanceInput>) -> PageResult<Response> {
    match super::record_attendance(&s.db, &ctx, id, &input).await {
        Ok(()) => {
            let base = super::base_of(&s.db, Some(id), None).await?.unwrap_or(0);
            Ok(Redirect::to(&format!("/enlightenment/bases/{base}")).into_response())
        }
        Err(e) => {
            let Some(msg) = message_of(&e) else { return Err(e.into()) };
            let base = super::base_of(&s.db, Some(id), None).await?.unwrap_or(0);
            Ok((e.status(), render_base(&s, &ctx, page, base, Some(msg), BookingInput::default()).await?).into_response())
        }
    }
}

async fn bookings_export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    let rows = super::bookings(&s.db, &ctx).await?;
    let headers = ["日期", "开始", "结束", "基地", "课程", "学校", "预约人数", "状态", "到场人数", "课时"];
    let data = rows.into_iter().map(|b| {
        vec![
            b.date_zh,
            b.start,
            b.end,
            b.base,
            b.programme,
            b.school,
            b.pupils.to_string(),
            b.status_name,
            b.attended_pupils.map(|n| n.to_string()).unwrap_or_default(),
            b.class_hours.map(|n| n.to_string()).unwrap_or_default(),
        ]
    });
    let bytes = crate::xlsx::export("基地预约", &headers, data).map_err(internal)?;
    Ok(xlsx_response(bytes, "职业启蒙基地预约.xlsx"))
}

#[derive(Template, WebTemplate)]
#[template(path = "enlightenment/coverage.html")]
struct CoveragePage {
    page: Page,
    c: Coverage,
}

async fn coverage_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<CoveragePage> {
    let c = super::coverage(&s.db, &ctx).await?;
    Ok(CoveragePage { page: page.titled("中小学职业启蒙教育覆盖率"), c })
}

async fn coverage_export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    let c = super::coverage(&s.db, &ctx).await?;
    let headers = ["学校", "是否覆盖", "到场活动次数", "到场学生人次", "基地实践课时", "占纲要最低课时比例(%)"];
    let data = c.rows.into_iter().map(|r| {
        vec![
            r.school,
            if r.covered { "已覆盖" } else { "未覆盖" }.to_string(),
            r.attended_sessions.to_string(),
            r.pupils.to_string(),
            r.class_hours.to_string(),
            r.guideline_share.map(|p| format!("{p:.1}")).unwrap_or_default(),
        ]
    });
    let bytes = crate::xlsx::export("覆盖情况", &headers, data).map_err(internal)?;
    Ok(xlsx_response(bytes, &format!("职业启蒙覆盖情况-{}.xlsx", c.school_year_label)))
}

// ---------------------------------------------------------------- bookings import

#[derive(Template, WebTemplate)]
#[template(path = "enlightenment/import.html")]
struct ImportPage {
    page: Page,
    errors: Vec<FieldError>,
    imported: Option<usize>,
}

async fn import_template(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    Ok(xlsx_response(super::import::template(&s.db, &ctx).await?, "职业启蒙基地预约导入模板.xlsx"))
}

async fn import_form(ctx: Ctx, page: Page) -> PageResult<ImportPage> {
    if !super::import::may_import_ctx(&ctx) {
        ctx.user()?;
        return Err(AppError::Forbidden.into());
    }
    let title = page.t("enl.import_title");
    Ok(ImportPage { page: page.titled(title), errors: Vec::new(), imported: None })
}

async fn import(State(s): State<AppState>, ctx: Ctx, page: Page, mp: Multipart) -> PageResult<Response> {
    if !super::import::may_import_ctx(&ctx) {
        ctx.user()?;
        return Err(AppError::Forbidden.into());
    }
    let title = page.t("enl.import_title");
    let page = page.titled(title);
    let up = match crate::areas::imports::pages::read_upload(&s.settings.data_dir, mp).await {
        Ok(u) => u,
        Err(AppError::Validation(errors)) => return Ok((StatusCode::UNPROCESSABLE_ENTITY, ImportPage { page, errors, imported: None }).into_response()),
        Err(e) => return Err(e.into()),
    };
    match super::import::import(&s.db, &ctx, &up.bytes().await?).await {
        Ok(n) => Ok(ImportPage { page, errors: Vec::new(), imported: Some(n) }.into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, ImportPage { page, errors, imported: None }).into_response()),
        Err(e) => Err(e.into()),
    }
}
