//! Pages of 职业技能培训: the public course directory and sign-up (phone first), the public
//! certificate verification page, and the keepers' pages — programmes, cohorts, the
//! roster with attendance and completion, the printable certificate with its QR code,
//! figures, and the exports.

use super::{CertificateView, CohortInput, CohortView, Directory, DirectoryQuery, EnrolmentView, Figures, ProgrammeInput, ProgrammeView, SignupInput, Verification};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, FieldError, PageResult};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(super::inhouse_pages::router())
        .route("/training", get(index))
        .route("/training/courses", get(directory))
        .route("/training/courses/{id}", get(course))
        .route("/training/courses/{id}/signup", post(sign_up))
        .route("/training/verify", get(verify))
        .route("/training/programmes", post(create_programme))
        .route("/training/programmes/new", get(new_programme))
        .route("/training/programmes/{id}/cohorts", post(create_cohort))
        .route("/training/cohorts/{id}", get(cohort_page))
        .route("/training/cohorts/{id}/roster.xlsx", get(roster_export))
        .route("/training/cohorts/{id}/roster", post(roster_import).layer(crate::uploads::body_limit(crate::uploads::WORKBOOK_MAX_BYTES)))
        .route("/templates/training-roster.xlsx", get(roster_template))
        .route("/training/enrolments/{id}/hours", post(add_hours))
        .route("/training/enrolments/{id}/complete", post(complete))
        .route("/training/certificates.xlsx", get(certificates_export))
        .route("/training/certificates/{id}", get(certificate_page))
        .route("/training/certificates/{id}/revoke", post(revoke))
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{e}"))
}

pub fn field_label(key: &str) -> &'static str {
    match key {
        "provider_org_id" => "培训机构",
        "title" => "名称",
        "occupation" => "职业（工种）",
        "skill_level" => "技能等级",
        "hours" => "学时",
        "description" => "简介",
        "audience" => "培训对象",
        "start_date" => "开班日期",
        "end_date" => "结业日期",
        "capacity" => "名额",
        "name" => "姓名",
        "phone" => "手机号码",
        "id_number" => "身份证号",
        "kind" => "证书类型",
        "reason" => "撤销原因",
        _ => "",
    }
}

fn message_of(e: &AppError) -> Option<String> {
    match e {
        AppError::Validation(fields) => Some(fields.iter().map(|f| format!("{}：{}", field_label(&f.field), f.message)).collect::<Vec<_>>().join("；")),
        AppError::Conflict(m) | AppError::BadRequest(m) => Some(m.clone()),
        _ => None,
    }
}

/// "http://host" of the request, for links printed as QR codes.
fn origin(page: &Page) -> String {
    let rest = page.url.split_once("://").unwrap_or(("http", page.url.as_str()));
    format!("{}://{}", rest.0, rest.1.split('/').next().unwrap_or_default())
}

/// A QR code to inline in HTML: the renderer's SVG without its XML declaration.
fn qr_svg(data: &str, size: u32) -> String {
    let svg = crate::web::qr_svg(data, size);
    match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    }
}

// ---------------------------------------------------------------- public

#[derive(Template, WebTemplate)]
#[template(path = "training/directory.html")]
struct DirectoryPage {
    page: Page,
    d: Directory,
    f: DirectoryQuery,
}

impl DirectoryPage {
    /// The directory's address with one facet changed (empty = removed).
    fn with(&self, key: &str, value: &str) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [("q", &self.f.q), ("audience", &self.f.audience), ("occupation", &self.f.occupation), ("provider", &self.f.provider), ("subsidy", &self.f.subsidy)] {
            let v = if k == key { Some(value.to_string()) } else { v.clone() };
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                q.append_pair(k, &v);
            }
        }
        format!("/training/courses?{}", q.finish())
    }
    fn is(&self, key: &str, value: &str) -> bool {
        let v = match key {
            "audience" => &self.f.audience,
            "occupation" => &self.f.occupation,
            "provider" => &self.f.provider,
            _ => &self.f.subsidy,
        };
        v.as_deref() == Some(value)
    }
    fn query(&self) -> String {
        self.f.q.clone().unwrap_or_default()
    }
}

async fn directory(State(s): State<AppState>, page: Page, Query(f): Query<DirectoryQuery>) -> PageResult<DirectoryPage> {
    let d = super::directory(&s.db, &f).await?;
    Ok(DirectoryPage { page: page.titled("职业技能培训课程"), d, f })
}

#[derive(Template, WebTemplate)]
#[template(path = "training/course.html")]
struct CoursePage {
    page: Page,
    c: CohortView,
    input: SignupInput,
    errors: Vec<FieldError>,
    message: Option<String>,
    done: bool,
}

impl CoursePage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }
}

#[derive(Deserialize)]
struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn course(State(s): State<AppState>, page: Page, Path(id): Path<i64>, Query(q): Query<DoneQuery>) -> PageResult<CoursePage> {
    let c = super::cohort(&s.db, id).await?;
    let title = c.title.clone();
    Ok(CoursePage { page: page.titled(title), c, input: SignupInput::default(), errors: Vec::new(), message: None, done: q.done.is_some() })
}

async fn sign_up(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<SignupInput>) -> PageResult<Response> {
    match super::sign_up(&s.db, &ctx, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/training/courses/{id}?done=1")).into_response()),
        Err(e) => {
            let status = e.status();
            let (errors, message) = match e {
                AppError::Validation(f) => (f, None),
                AppError::Conflict(m) => (Vec::new(), Some(m)),
                e => return Err(e.into()),
            };
            let c = super::cohort(&s.db, id).await?;
            let title = c.title.clone();
            Ok((status, CoursePage { page: page.titled(title), c, input, errors, message, done: false }).into_response())
        }
    }
}

#[derive(Deserialize)]
struct CodeQuery {
    #[serde(default)]
    code: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/verify.html")]
struct VerifyPage {
    page: Page,
    code: String,
    v: Option<Verification>,
}

async fn verify(State(s): State<AppState>, page: Page, Query(q): Query<CodeQuery>) -> PageResult<Response> {
    let code: String = q.code.trim().chars().take(200).collect();
    let v = if code.is_empty() { None } else { Some(super::verify(&s.db, &s.signing_key, &code).await?) };
    // A refused certificate is a 200 page that says so: the reader needs the message.
    Ok(VerifyPage { page: page.titled("证书真伪查验"), code, v }.into_response())
}

// ---------------------------------------------------------------- keepers

#[derive(Template, WebTemplate)]
#[template(path = "training/index.html")]
struct IndexPage {
    page: Page,
    programmes: Vec<ProgrammeView>,
    cohorts: Vec<CohortView>,
    figures: Figures,
    breakdowns: Vec<(&'static str, Vec<super::FigureRow>)>,
    audiences: Vec<(&'static str, &'static str)>,
}

async fn index(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<IndexPage> {
    let (programmes, cohorts) = super::kept(&s.db, &ctx).await?;
    let figures = super::figures(&s.db, &ctx).await?;
    let breakdowns = vec![("按培训对象", figures.by_audience.clone()), ("按职业（工种）", figures.by_occupation.clone()), ("按培训机构", figures.by_provider.clone())];
    Ok(IndexPage { page: page.titled("职业技能培训"), programmes, cohorts, figures, breakdowns, audiences: zhijiao_domain::training::AUDIENCES.to_vec() })
}

#[derive(Template, WebTemplate)]
#[template(path = "training/programme_form.html")]
struct ProgrammeForm {
    page: Page,
    input: ProgrammeInput,
    errors: Vec<FieldError>,
    providers: Vec<(i64, String)>,
    occupations: Vec<&'static str>,
    levels: Vec<(u8, &'static str)>,
}

impl ProgrammeForm {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }
}

async fn new_programme(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ProgrammeForm> {
    ctx.user()?;
    if !super::is_keeper(&ctx) {
        return Err(AppError::Forbidden.into());
    }
    let providers = super::providers(&s.db, &ctx).await?;
    let input = ProgrammeInput { hours: "40".into(), skill_level: "5".into(), ..Default::default() };
    Ok(ProgrammeForm { page: page.titled("新增培训项目"), input, errors: Vec::new(), providers, occupations: super::occupation_names(), levels: zhijiao_domain::training::SKILL_LEVELS.to_vec() })
}

async fn create_programme(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<ProgrammeInput>) -> PageResult<Response> {
    match super::create_programme(&s.db, &ctx, &input).await {
        Ok(_) => Ok(Redirect::to("/training").into_response()),
        Err(AppError::Validation(errors)) => {
            let providers = super::providers(&s.db, &ctx).await?;
            let form = ProgrammeForm { page: page.titled("新增培训项目"), input, errors, providers, occupations: super::occupation_names(), levels: zhijiao_domain::training::SKILL_LEVELS.to_vec() };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "training/refused.html")]
struct Refused {
    page: Page,
    message: String,
    back: String,
}

async fn create_cohort(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<CohortInput>) -> PageResult<Response> {
    match super::create_cohort(&s.db, &ctx, id, &input).await {
        Ok(cid) => Ok(Redirect::to(&format!("/training/cohorts/{cid}")).into_response()),
        Err(e) => refusal(page, e, "/training".into()),
    }
}

fn refusal(page: Page, e: AppError, back: String) -> PageResult<Response> {
    let Some(message) = message_of(&e) else { return Err(e.into()) };
    Ok((e.status(), Refused { page: page.titled("未能保存"), message, back }).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "training/cohort.html")]
struct CohortPage {
    page: Page,
    c: CohortView,
    rows: Vec<EnrolmentView>,
    kinds: Vec<(&'static str, &'static str)>,
}

async fn cohort_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<CohortPage> {
    let (c, rows, _) = super::roster(&s.db, &ctx, id).await?;
    let title = c.title.clone();
    Ok(CohortPage { page: page.titled(title), c, rows, kinds: zhijiao_domain::training::CERT_KINDS.to_vec() })
}

#[derive(Deserialize)]
struct HoursForm {
    #[serde(default)]
    hours: String,
}

async fn add_hours(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<HoursForm>) -> PageResult<Response> {
    match super::add_hours(&s.db, &ctx, id, &f.hours).await {
        Ok(cohort) => Ok(Redirect::to(&format!("/training/cohorts/{cohort}")).into_response()),
        Err(e) => refusal(page, e, "/training".into()),
    }
}

#[derive(Deserialize)]
struct CompleteForm {
    #[serde(default)]
    kind: String,
}

async fn complete(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<CompleteForm>) -> PageResult<Response> {
    match super::complete(&s.db, &ctx, id, f.kind.trim()).await {
        Ok((_, cert)) => Ok(Redirect::to(&format!("/training/certificates/{cert}")).into_response()),
        Err(e) => refusal(page, e, "/training".into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "training/certificate.html")]
struct CertificatePage {
    page: Page,
    cert: CertificateView,
    verify_url: String,
    qr: String,
}

async fn certificate_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<CertificatePage> {
    let cert = super::certificate(&s.db, &ctx, id).await?;
    let code = zhijiao_domain::training::sign_certificate(&s.signing_key, cert.id);
    let verify_url = super::verify_url(&origin(&page), &code);
    let qr = qr_svg(&verify_url, 200);
    let title = format!("{} {}", cert.kind_name, cert.number);
    Ok(CertificatePage { page: page.titled(title), cert, verify_url, qr })
}

#[derive(Deserialize)]
struct RevokeForm {
    #[serde(default)]
    reason: String,
}

async fn revoke(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<RevokeForm>) -> PageResult<Response> {
    match super::revoke(&s.db, &ctx, id, &f.reason).await {
        Ok(()) => Ok(Redirect::to(&format!("/training/certificates/{id}")).into_response()),
        Err(e) => refusal(page, e, format!("/training/certificates/{id}")),
    }
}

async fn roster_export(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let (c, views, rows) = super::roster(&s.db, &ctx, id).await?;
    let headers = ["姓名", "手机号码", "身份证号", "已学学时", "状态", "证书"];
    let data = rows.into_iter().zip(views).map(|(r, v)| {
        vec![r.name, r.phone, r.id_number, r.attended_hours.to_string(), v.status_name, if v.certificate_revoked { "已撤销" } else if v.certificate_id.is_some() { "已颁发" } else { "" }.to_string()]
    });
    let bytes = crate::xlsx::export("花名册", &headers, data).map_err(internal)?;
    Ok(xlsx_response(bytes, &format!("{}-花名册.xlsx", c.title)))
}

async fn certificates_export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    let rows = super::certificates(&s.db, &ctx).await?;
    let headers = ["证书编号", "证书类型", "持证人", "身份证号", "培训项目", "职业（工种）", "职业编码", "技能等级", "培训机构", "颁发日期", "状态"];
    let data = rows.into_iter().map(|c| {
        vec![
            c.number,
            c.kind_name,
            c.holder,
            c.id_masked,
            c.programme,
            c.occupation,
            c.occupation_code,
            c.skill_level,
            c.provider,
            c.issued,
            match c.revoked {
                Some(when) => format!("已于{when}撤销"),
                None => "有效".into(),
            },
        ]
    });
    let bytes = crate::xlsx::export("证书", &headers, data).map_err(internal)?;
    Ok(xlsx_response(bytes, "培训证书.xlsx"))
}

async fn roster_template() -> PageResult<Response> {
    let bytes = crate::xlsx::template("花名册", &super::ROSTER_COLUMNS, &[]).map_err(internal)?;
    Ok(xlsx_response(bytes, "培训班花名册模板.xlsx"))
}

/// The uploaded roster (multipart field `file`, an .xlsx workbook).
async fn roster_import(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, mut mp: Multipart) -> PageResult<Response> {
    // Who may import is settled before the file is looked at.
    super::roster(&s.db, &ctx, id).await?;
    let mut bytes = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::BadRequest(e.to_string()))? {
        if field.name() == Some("file") {
            bytes = field.bytes().await.map_err(|e| AppError::BadRequest(e.to_string()))?.to_vec();
        }
    }
    let result = if bytes.is_empty() {
        Err(AppError::Validation(vec![FieldError::new("文件", "请选择要导入的 Excel 文件")]))
    } else if !bytes.starts_with(b"PK\x03\x04") {
        Err(AppError::Validation(vec![FieldError::new("文件", "文件不是 .xlsx 格式（Excel 2007 及以后）")]))
    } else {
        super::import_roster(&s.db, &ctx, id, &bytes).await
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/training/cohorts/{id}")).into_response()),
        Err(AppError::Validation(fields)) => {
            let message = fields.iter().map(|f| format!("{}{}：{}", f.row.map(|r| format!("第{r}行 ")).unwrap_or_default(), f.field, f.message)).collect::<Vec<_>>().join("；");
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Refused { page: page.titled("导入失败，未导入任何一行"), message, back: format!("/training/cohorts/{id}") }).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
