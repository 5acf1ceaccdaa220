//! Import pages (upload, progress, error workbook), template downloads, and the API.

use super::Register;
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{ApiResult, AppError, FieldError, PageResult};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/templates/{file}", get(template))
        .route("/import/{register}", get(form).post(upload).layer(crate::uploads::body_limit(crate::uploads::IMPORT_MAX_BYTES)))
        .route("/imports/{id}", get(progress))
        .route("/imports/{id}/errors.xlsx", get(error_file))
}

pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_import)).layer(crate::uploads::body_limit(crate::uploads::IMPORT_MAX_BYTES))
}

/// `/templates/students.xlsx`: the empty template of a register (public: it holds no data).
async fn template(Path(file): Path<String>) -> PageResult<Response> {
    let register = file.strip_suffix(".xlsx").and_then(Register::parse).ok_or(AppError::NotFound)?;
    let bytes = super::template(register)?;
    Ok(xlsx_response(bytes, &format!("{}模板.xlsx", register.sheet_name())))
}

#[derive(Template, WebTemplate)]
#[template(path = "imports/form.html")]
struct FormPage {
    page: Page,
    register: &'static str,
    schools: Vec<(i64, String)>,
    columns: Vec<(&'static str, bool, &'static str)>,
}

async fn form(State(s): State<AppState>, ctx: Ctx, page: Page, Path(register): Path<String>) -> PageResult<FormPage> {
    let register = Register::parse(&register).ok_or(AppError::NotFound)?;
    let schools = super::target_schools(&s.db, &ctx, register).await?;
    let columns = register.columns().iter().map(|c| (c.header, c.required, c.help)).collect();
    let title = format!("{}：{}", page.t("list.import"), register.sheet_name());
    Ok(FormPage { page: page.titled(title), register: register.key(), schools, columns })
}

/// Who may import at all, checked before the upload is read; the target school is
/// checked again by the engine.
pub(crate) struct Upload {
    pub(crate) file: crate::uploads::Received,
    pub(crate) org_id: Option<i64>,
}

impl Upload {
    /// The whole workbook, for the small registers read in one piece (a school's yearly
    /// data, its teachers, a competition's results).
    pub(crate) async fn bytes(&self) -> Result<Vec<u8>, AppError> {
        tokio::fs::read(&self.file.path).await.map_err(|e| AppError::Internal(e.into()))
    }
}

/// The form's fields: the workbook streamed to a temporary file (see `uploads`), and the
/// target school of a district administrator.
pub(crate) async fn read_upload(data_dir: &std::path::Path, mut mp: Multipart) -> Result<Upload, AppError> {
    use crate::uploads::{IMPORT_MAX_BYTES, multipart_error, receive};
    let mut file = None;
    let mut org_id = None;
    while let Some(field) = mp.next_field().await.map_err(|e| multipart_error(e, "文件", IMPORT_MAX_BYTES))? {
        match field.name() {
            Some("file") => file = Some(receive(field, data_dir, IMPORT_MAX_BYTES, "文件").await?),
            Some("org_id") => {
                let v = field.text().await.map_err(|e| multipart_error(e, "学校", IMPORT_MAX_BYTES))?;
                org_id = v.trim().parse().ok();
            }
            _ => {}
        }
    }
    let Some(file) = file.filter(|f| f.size > 0) else {
        return Err(AppError::Validation(vec![FieldError::new("文件", "请选择要导入的 Excel 文件")]));
    };
    // An .xlsx file is a zip archive: check the content rather than trust the name.
    if !file.is_zip() {
        return Err(AppError::Validation(vec![FieldError::new("文件", "文件不是 .xlsx 格式（Excel 2007 及以后）")]));
    }
    Ok(Upload { file, org_id })
}

async fn upload(State(s): State<AppState>, ctx: Ctx, Path(register): Path<String>, mp: Multipart) -> PageResult<Response> {
    let register = Register::parse(&register).ok_or(AppError::NotFound)?;
    super::authorize(&ctx, register)?;
    let up = read_upload(&s.settings.data_dir, mp).await?;
    let id = super::start(&s, &ctx, register, up.org_id, up.file).await?;
    Ok(Redirect::to(&format!("/imports/{id}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "imports/progress.html")]
struct ProgressPage {
    page: Page,
    imp: crate::entity::import::Model,
    errors: Vec<FieldError>,
    running: bool,
}

/// The same template's `status` block alone, for htmx polling.
#[derive(Template, WebTemplate)]
#[template(path = "imports/progress.html", block = "status")]
struct ProgressFragment {
    page: Page,
    imp: crate::entity::import::Model,
    errors: Vec<FieldError>,
    running: bool,
}

#[derive(serde::Deserialize)]
struct ProgressQuery {
    #[serde(default)]
    fragment: bool,
}

async fn progress(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Query(q): Query<ProgressQuery>) -> PageResult<Response> {
    let imp = super::get(&s.db, &ctx, id).await?;
    let errors: Vec<FieldError> = imp.errors.clone().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    let running = imp.status == crate::status::ImportStatus::Running;
    let title = page.t("import.progress");
    if q.fragment {
        // htmx polls this block only.
        return Ok(ProgressFragment { page, imp, errors, running }.into_response());
    }
    Ok(ProgressPage { page: page.titled(title), imp, errors, running }.into_response())
}

async fn error_file(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let imp = super::get(&s.db, &ctx, id).await?;
    let key = imp.error_file.ok_or(AppError::NotFound)?;
    let bytes = s.files.get(&key).await?;
    Ok(xlsx_response(bytes, &format!("导入错误报告-{id}.xlsx")))
}

/// Import a workbook synchronously (multipart field `file`, optional `org_id`). All or
/// nothing: with any error, 422 and the errors by row and column; nothing is written.
#[utoipa::path(post, path = "/api/v1/imports/{register}", tag = "imports",
    params(("register" = String, Path, description = "students | orgs | destinations")),
    request_body(content_type = "multipart/form-data", description = "file: .xlsx; org_id: target school (district administrators)"),
    responses((status = 200, body = super::Outcome), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
async fn api_import(State(s): State<AppState>, ctx: Ctx, Path(register): Path<String>, mp: Multipart) -> ApiResult<Json<super::Outcome>> {
    let register = Register::parse(&register).ok_or(AppError::NotFound)?;
    super::authorize(&ctx, register)?;
    let up = read_upload(&s.settings.data_dir, mp).await?;
    let source = crate::xlsx::Source::File(up.file.path.clone());
    let outcome = super::run(&s.db, &ctx, register, up.org_id, &up.file.filename, source, |_| {}).await?;
    if !outcome.errors.is_empty() {
        return Err(AppError::Validation(outcome.errors).into());
    }
    Ok(Json(outcome))
}
