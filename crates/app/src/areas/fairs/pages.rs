//! Fair pages: the list, the staff form, each fair's public page (readable on a phone,
//! with a QR code of its own address) with what each role may do there, the student's
//! personal code, the door's check-in page, sign-up lists and the figures afterwards.
//! Every list exports to .xlsx.

use super::{Attendee, BoothInput, BoothReview, BoothView, FairInput, FairStats, FairView, MyCode};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, FieldError, PageResult};
use crate::roles::Role;
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/fairs", get(list_page).post(create))
        .route("/fairs/export.xlsx", get(list_export))
        .route("/fairs/new", get(new_form))
        .route("/fairs/{id}", get(detail))
        .route("/fairs/{id}/status", post(set_status))
        .route("/fairs/{id}/booths", post(register_booth))
        .route("/fairs/{id}/booths.xlsx", get(booths_export))
        .route("/fairs/{id}/booths/{booth}/review", post(review_booth))
        .route("/fairs/{id}/booths/{booth}/postings", post(attach_posting))
        .route("/fairs/{id}/signup", post(sign_up))
        .route("/fairs/{id}/code", get(my_code))
        .route("/fairs/{id}/signups", get(signups_page))
        .route("/fairs/{id}/signups.xlsx", get(signups_export))
        .route("/fairs/{id}/checkin", get(checkin_page).post(check_in))
        .route("/fairs/{id}/stats", get(stats_page))
        .route("/fairs/{id}/stats.xlsx", get(stats_export))
        .route("/fairs/sw.js", get(service_worker))
        .route("/fairs/{id}/checkin.webmanifest", get(manifest))
}

/// A QR code to inline in HTML: the renderer's SVG without its XML declaration.
fn qr_svg(data: &str, size: u32) -> String {
    let svg = crate::web::qr_svg(data, size);
    match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    }
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{e}"))
}

/// A refusal a person can act on (shown on the page it came from), or `None` for errors
/// that get the error page (not found, forbidden, database).
fn user_message(e: &AppError) -> Option<String> {
    match e {
        AppError::Validation(fields) => Some(fields.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("；")),
        AppError::Conflict(m) | AppError::BadRequest(m) => Some(m.clone()),
        _ => None,
    }
}

// ---------------------------------------------------------------- list and form

#[derive(Template, WebTemplate)]
#[template(path = "fairs/list.html")]
struct ListPage {
    page: Page,
    fairs: Vec<FairView>,
    can_create: bool,
}

async fn list_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ListPage> {
    let fairs = super::list(&s.db, &ctx).await?;
    let title = page.t("fairs.title");
    Ok(ListPage { page: page.titled(title), fairs, can_create: super::is_staff(&ctx) })
}

async fn list_export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    let fairs = super::list(&s.db, &ctx).await?;
    let headers = ["名称", "主题", "日期", "时间", "地点", "展位类别", "展位数", "已通过展位", "学生名额", "已报名", "状态", "主办单位"];
    let rows = fairs.into_iter().map(|f| {
        vec![
            f.title,
            f.theme,
            f.fair_date,
            f.time_text,
            f.venue,
            f.categories.join("、"),
            f.booth_capacity.to_string(),
            f.approved_booths.to_string(),
            f.capacity.to_string(),
            f.signups.to_string(),
            f.status_name,
            f.organiser,
        ]
    });
    let bytes = crate::xlsx::export("供需见面会", &headers, rows).map_err(internal)?;
    Ok(xlsx_response(bytes, "供需见面会.xlsx"))
}

#[derive(Template, WebTemplate)]
#[template(path = "fairs/form.html")]
struct FormPage {
    page: Page,
    input: FairInput,
    errors: Vec<FieldError>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

async fn new_form(ctx: Ctx, page: Page) -> PageResult<FormPage> {
    ctx.require(crate::roles::Permission::FairManage)?;
    let title = page.t("fairs.new");
    let input = FairInput { booth_capacity: "30".into(), capacity: "300".into(), ..Default::default() };
    Ok(FormPage { page: page.titled(title), input, errors: Vec::new() })
}

async fn create(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<FairInput>) -> PageResult<Response> {
    match super::create(&s.db, &ctx, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/fairs/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let title = page.t("fairs.new");
            Ok((StatusCode::UNPROCESSABLE_ENTITY, FormPage { page: page.titled(title), input, errors }).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- one fair

/// The HR's own booth and the postings it may still bring.
struct OwnBooth {
    booth: BoothView,
    attachable: Vec<super::BoothPosting>,
}

#[derive(Template, WebTemplate)]
#[template(path = "fairs/detail.html")]
struct DetailPage {
    page: Page,
    fair: FairView,
    booths: Vec<BoothView>,
    staff: bool,
    /// The enterprise's HR may register (approved enterprise, open fair, no booth yet).
    can_register: bool,
    own: Option<OwnBooth>,
    can_sign_up: bool,
    signed_up: bool,
    /// School users see their own students' sign-ups and figures.
    school_reader: bool,
    hr: bool,
    moves: Vec<(&'static str, &'static str)>,
    error: Option<String>,
    fair_qr: String,
}

async fn render_detail(s: &AppState, ctx: &Ctx, page: Page, id: i64, error: Option<String>) -> PageResult<DetailPage> {
    let f = super::get(&s.db, ctx, id).await?;
    let booths = super::booths(&s.db, ctx, id).await?;
    let staff = super::is_staff(ctx);
    let hr = ctx.user.as_ref().is_some_and(|u| u.has_role(Role::EnterpriseHr) && u.org_kind == "enterprise");
    let own_booth = ctx.user.as_ref().filter(|_| hr).and_then(|u| booths.iter().find(|b| b.org_id == u.org_id).cloned());
    let own = match own_booth {
        Some(booth) => Some(OwnBooth { attachable: super::attachable_postings(&s.db, ctx, &booth).await?, booth }),
        None => None,
    };
    let can_register = hr && own.is_none() && f.status == "open";
    let is_student = ctx.user.as_ref().is_some_and(|u| u.has_role(Role::Student));
    let signed_up = match (&ctx.user, is_student) {
        (Some(u), true) => super::my_signup(&s.db, u.id, id).await?.is_some(),
        _ => false,
    };
    let can_sign_up = is_student && !signed_up && f.status == "open";
    let school_reader = !staff && ctx.user.as_ref().is_some_and(|u| u.can(crate::roles::Permission::StudentReadOwn) && crate::roles::is_school_kind(&u.org_kind));
    let moves = if staff {
        zhijiao_domain::fairs::STATUSES.iter().copied().filter(|to| zhijiao_domain::fairs::may_move(&f.status, to)).map(|to| (to, super::status_zh(to))).collect()
    } else {
        Vec::new()
    };
    // The fair's own address, for posters and phones (the page footer has one too).
    let fair_qr = qr_svg(page.url.split('?').next().unwrap_or_default(), 200);
    let title = f.title.clone();
    Ok(DetailPage { page: page.titled(title), fair: f, booths, staff, can_register, own, can_sign_up, signed_up, school_reader, hr, moves, error, fair_qr })
}

async fn detail(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<DetailPage> {
    render_detail(&s, &ctx, page, id, None).await
}

/// After an action on the fair's page: back to it, or the page again with the refusal.
async fn back_or_refusal(s: &AppState, ctx: &Ctx, page: Page, id: i64, result: Result<(), AppError>) -> PageResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/fairs/{id}")).into_response()),
        Err(e) => match user_message(&e) {
            Some(msg) => {
                let d = render_detail(s, ctx, page, id, Some(msg)).await?;
                Ok((e.status(), d).into_response())
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
}

async fn set_status(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<StatusForm>) -> PageResult<Response> {
    let r = super::set_status(&s.db, &ctx, id, &f.status).await;
    back_or_refusal(&s, &ctx, page, id, r).await
}

async fn register_booth(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<BoothInput>) -> PageResult<Response> {
    let r = super::register_booth(&s.db, &ctx, id, &f).await.map(|_| ());
    back_or_refusal(&s, &ctx, page, id, r).await
}

async fn review_booth(State(s): State<AppState>, ctx: Ctx, page: Page, Path((id, booth)): Path<(i64, i64)>, Form(f): Form<BoothReview>) -> PageResult<Response> {
    let r = super::review_booth(&s.db, &ctx, id, booth, &f).await;
    back_or_refusal(&s, &ctx, page, id, r).await
}

#[derive(Deserialize)]
struct AttachForm {
    #[serde(default)]
    posting_id: String,
}

async fn attach_posting(State(s): State<AppState>, ctx: Ctx, page: Page, Path((id, booth)): Path<(i64, i64)>, Form(f): Form<AttachForm>) -> PageResult<Response> {
    let r = super::attach_posting(&s.db, &ctx, id, booth, f.posting_id.trim().parse::<i64>().ok()).await;
    back_or_refusal(&s, &ctx, page, id, r).await
}

async fn booths_export(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let f = super::get(&s.db, &ctx, id).await?;
    let booths = super::booths(&s.db, &ctx, id).await?;
    let headers = ["展位号", "企业", "类别", "状态", "关联岗位", "企业备注", "审核意见", "报名时间"];
    let rows = booths.into_iter().map(|b| {
        vec![
            b.booth_no.map(|n| n.to_string()).unwrap_or_default(),
            b.org_name,
            b.category,
            b.status_name,
            b.postings.iter().map(|p| p.title.clone()).collect::<Vec<_>>().join("、"),
            b.note,
            b.review_comment,
            b.registered_at,
        ]
    });
    let bytes = crate::xlsx::export("展位", &headers, rows).map_err(internal)?;
    Ok(xlsx_response(bytes, &format!("{}-展位.xlsx", f.title)))
}

async fn sign_up(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<Response> {
    match super::sign_up(&s.db, &ctx, id).await {
        Ok(_) => Ok(Redirect::to(&format!("/fairs/{id}/code")).into_response()),
        Err(e) => back_or_refusal(&s, &ctx, page, id, Err(e)).await,
    }
}

// ---------------------------------------------------------------- the student's code

#[derive(Template, WebTemplate)]
#[template(path = "fairs/code.html")]
struct CodePage {
    page: Page,
    fair: FairView,
    code: Option<MyCode>,
    qr: String,
}

async fn my_code(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<CodePage> {
    let code = super::my_code(&s.db, &ctx, id).await?;
    let f = super::get(&s.db, &ctx, id).await?;
    let qr = code.as_ref().map(|c| qr_svg(&c.code, 260)).unwrap_or_default();
    let title = page.t("fairs.my_code");
    Ok(CodePage { page: page.titled(title), fair: f, code, qr })
}

// ---------------------------------------------------------------- the door

#[derive(Template, WebTemplate)]
#[template(path = "fairs/checkin.html")]
struct CheckinPage {
    page: Page,
    fair: FairView,
    ok: Option<Attendee>,
    refused: Option<String>,
    checked_in: u64,
}

async fn checkin_view(s: &AppState, ctx: &Ctx, page: Page, id: i64, ok: Option<Attendee>, refused: Option<String>) -> PageResult<CheckinPage> {
    ctx.require(crate::roles::Permission::FairManage)?;
    let f = super::get(&s.db, ctx, id).await?;
    let checked_in = super::checked_in_count(&s.db, id).await?;
    let title = page.t("fairs.checkin");
    Ok(CheckinPage { page: page.titled(title), fair: f, ok, refused, checked_in })
}

async fn checkin_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<CheckinPage> {
    checkin_view(&s, &ctx, page, id, None, None).await
}

#[derive(Deserialize)]
struct CheckinForm {
    #[serde(default)]
    code: String,
}

async fn check_in(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<CheckinForm>) -> PageResult<Response> {
    match super::check_in(&s.db, &ctx, id, &f.code).await {
        Ok(who) => Ok(checkin_view(&s, &ctx, page, id, Some(who), None).await?.into_response()),
        Err(e) => match user_message(&e) {
            Some(msg) => Ok((e.status(), checkin_view(&s, &ctx, page, id, None, Some(msg)).await?).into_response()),
            None => Err(e.into()),
        },
    }
}

// ---------------------------------------------------------------- lists and figures

#[derive(Template, WebTemplate)]
#[template(path = "fairs/signups.html")]
struct SignupsPage {
    page: Page,
    fair: FairView,
    rows: Vec<Attendee>,
}

async fn signups_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<SignupsPage> {
    let rows = super::signups(&s.db, &ctx, id).await?;
    let f = super::get(&s.db, &ctx, id).await?;
    let title = format!("{} · {}", page.t("fairs.signups"), f.title);
    Ok(SignupsPage { page: page.titled(title), fair: f, rows })
}

async fn signups_export(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let rows = super::signups(&s.db, &ctx, id).await?;
    let f = super::get(&s.db, &ctx, id).await?;
    let headers = ["姓名", "学校", "身份证号", "手机号", "报名时间", "签到时间"];
    let data = rows.into_iter().map(|a| vec![a.name, a.school, a.id_number, a.phone, a.signed_up_at, a.checked_in_at.unwrap_or_default()]);
    let bytes = crate::xlsx::export("报名名单", &headers, data).map_err(internal)?;
    Ok(xlsx_response(bytes, &format!("{}-报名名单.xlsx", f.title)))
}

#[derive(Template, WebTemplate)]
#[template(path = "fairs/stats.html")]
struct StatsPage {
    page: Page,
    fair: FairView,
    st: FairStats,
}

async fn stats_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<StatsPage> {
    let st = super::stats(&s.db, &ctx, id).await?;
    let f = super::get(&s.db, &ctx, id).await?;
    let title = format!("{} · {}", page.t("fairs.stats"), f.title);
    Ok(StatsPage { page: page.titled(title), fair: f, st })
}

pub const ENTERPRISE_HEADERS: [&str; 8] = ["展位号", "企业", "类别", "关联岗位数", "收到简历", "面试", "录用意向", "已录用"];
pub const SCHOOL_HEADERS: [&str; 8] = ["学校", "报名人数", "签到人数", "到场率", "投递简历", "面试", "录用意向", "已录用"];

/// Two sheets, 按企业 and 按学校, of text cells (formulas neutralised like every export).
async fn stats_export(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let st = super::stats(&s.db, &ctx, id).await?;
    let f = super::get(&s.db, &ctx, id).await?;
    let funnel = |x: &zhijiao_domain::fairs::Funnel| [x.resumes, x.interviews, x.offers, x.hires].map(|n| n.to_string());
    let enterprises: Vec<Vec<String>> = st
        .enterprises
        .iter()
        .map(|e| {
            let mut row = vec![e.booth_no.map(|n| n.to_string()).unwrap_or_default(), e.org_name.clone(), e.category.clone(), e.postings.to_string()];
            row.extend(funnel(&e.funnel));
            row
        })
        .collect();
    let mut schools: Vec<Vec<String>> = st
        .schools
        .iter()
        .map(|r| {
            let mut row = vec![r.school.clone(), r.signed_up.to_string(), r.checked_in.to_string(), r.rate.clone()];
            row.extend(funnel(&r.funnel));
            row
        })
        .collect();
    if st.whole_fair {
        let mut total = vec!["合计".to_string(), st.signed_up.to_string(), st.checked_in.to_string(), st.rate.clone()];
        total.extend(funnel(&st.funnel));
        schools.push(total);
    }
    let bytes = sheets(&[("按企业", &ENTERPRISE_HEADERS, enterprises), ("按学校", &SCHOOL_HEADERS, schools)]).map_err(internal)?;
    Ok(xlsx_response(bytes, &format!("{}-成效统计.xlsx", f.title)))
}

type Sheet<'a> = (&'a str, &'a [&'a str], Vec<Vec<String>>);

fn sheets(list: &[Sheet<'_>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (name, headers, rows) in list {
        let ws = wb.add_worksheet();
        ws.set_name(*name)?;
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
            ws.set_column_width(c as u16, 14)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32 + 1, c as u16, crate::xlsx::neutralise(v))?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    wb.save_to_buffer()
}

// ---------------------------------------------------------------- the installable door

/// The files the door's page and the student's ticket need offline, by their hashed names.
const OFFLINE_ASSETS: [&str; 8] =
    ["vendor/pico.min.css", "app.css", "fairs.css", "vendor/htmx.min.js", "app.js", "checkin.js", "fairs-offline.js", "vendor/nacl.min.js"];

/// The service worker (`static/fairs-sw.js`) at a stable, unhashed address: a browser
/// checks it for updates by address, so it must not move with each release; the list of
/// hashed files to keep is put in front of it, so that a release changes its bytes and
/// phones pick up the new version. Served from `/fairs/`, its scope is `/fairs/` (the
/// door's and the students' ticket pages) without `Service-Worker-Allowed`; the header
/// says so explicitly. Never cached by HTTP (`no-cache`).
async fn service_worker() -> Response {
    let list: Vec<String> = OFFLINE_ASSETS.iter().map(|a| crate::assets::url(a)).collect();
    let body = match crate::assets::file("fairs-sw.js") {
        Some(src) => format!("var PRECACHE = {};\n{}", serde_json::to_string(&list).unwrap_or_else(|_| "[]".into()), String::from_utf8_lossy(&src)),
        None => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (axum::http::header::CACHE_CONTROL, "no-cache"),
            (axum::http::HeaderName::from_static("service-worker-allowed"), "/fairs/"),
        ],
        body,
    )
        .into_response()
}

/// The web manifest that makes the door's page installable ("添加到主屏幕").
async fn manifest(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    ctx.require(crate::roles::Permission::FairManage)?;
    let f = super::get(&s.db, &ctx, id).await?;
    let body = serde_json::json!({
        "name": format!("{} · 签到", f.title),
        "short_name": "见面会签到",
        "lang": "zh-CN",
        "start_url": format!("/fairs/{id}/checkin"),
        "scope": "/fairs/",
        "id": format!("/fairs/{id}/checkin"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4ed8",
        "icons": [
            {"src": crate::assets::url("fairs-icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
            {"src": crate::assets::url("fairs-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": crate::assets::url("fairs-icon-512.png"), "sizes": "512x512", "type": "image/png"}
        ]
    });
    Ok(([(axum::http::header::CONTENT_TYPE, "application/manifest+json; charset=utf-8"), (axum::http::header::CACHE_CONTROL, "no-cache")], body.to_string()).into_response())
}
