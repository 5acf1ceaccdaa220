//! Internship placement pages: the list (a school's own; every school's for the district,
//! with the violating ones a filter away) and its export, the form, one placement with its
//! violations and the confirm button.

use super::{PlacementFilter, PlacementInput, PlacementView};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, FieldError, PageResult};
use crate::web::{AppState, Page, Pager, Paging};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/internships", get(list).post(create))
        .route("/internships/new", get(new_form))
        .route("/internships/export.xlsx", get(export))
        .route("/internships/{id}", get(detail).post(update))
        .route("/internships/{id}/edit", get(edit_form))
        .route("/internships/{id}/confirm", post(confirm))
}

#[derive(Template, WebTemplate)]
#[template(path = "internships/list.html")]
struct ListPage {
    page: Page,
    total: u64,
    rows: Vec<PlacementView>,
    pager: Pager,
    f_status: String,
    f_violating: bool,
    can_record: bool,
    export_href: String,
}

fn params(f: &PlacementFilter) -> Vec<(&'static str, String)> {
    vec![
        ("status", f.status.clone().unwrap_or_default()),
        ("violating", f.violating.clone().unwrap_or_default()),
        ("school_id", f.school_id.map(|s| s.to_string()).unwrap_or_default()),
    ]
}

async fn list(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<PlacementFilter>) -> PageResult<ListPage> {
    let (total, rows) = super::list(&s.db, &ctx, &f).await?;
    let p = params(&f);
    let pager = Pager::new("/internships", &p, Paging::new(f.page, f.per_page), total);
    let export_href = crate::web::page_link("/internships/export.xlsx", &p, 1);
    let title = page.t("internship.title");
    Ok(ListPage {
        page: page.titled(title),
        total,
        rows,
        pager,
        f_status: f.status.clone().unwrap_or_default(),
        f_violating: f.violating.as_deref().is_some_and(|v| v == "1"),
        can_record: crate::areas::vetting::school_admin(&ctx).is_ok(),
        export_href,
    })
}

async fn export(State(s): State<AppState>, ctx: Ctx, Query(f): Query<PlacementFilter>) -> PageResult<Response> {
    let headers = [
        "编号", "学校", "学号", "姓名", "专业", "实习单位", "实习类型", "岗位", "单位在岗职工", "单位已有实习生", "同类岗位职工", "岗位已有实习生",
        "实习报酬", "相同岗位工资", "三方协议", "年级", "开始日期", "结束日期", "状态", "违规情况",
    ];
    let bytes = crate::export::xlsx("实习安排", &headers, |page_no: Option<u64>| {
        let (s, ctx) = (&s, &ctx);
        let f = PlacementFilter { page: Some(page_no.unwrap_or(1)), per_page: Some(crate::export::BATCH), ..f.clone() };
        async move {
            let (_, items) = super::list(&s.db, ctx, &f).await?;
            Ok(crate::export::Batch::of(items, |_| page_no.unwrap_or(1) + 1, |p| {
                vec![
                    p.id.to_string(),
                    p.school_name,
                    p.student_no,
                    p.student_name,
                    p.major_code,
                    p.host_name,
                    p.kind_name,
                    p.position_title,
                    p.host_staff.to_string(),
                    p.host_interns_other.to_string(),
                    p.position_staff.to_string(),
                    p.position_interns_other.to_string(),
                    p.monthly_pay.map(|x| x.to_string()).unwrap_or_default(),
                    p.same_post_wage.map(|x| x.to_string()).unwrap_or_default(),
                    if p.agreement_signed { p.agreement_no.unwrap_or_else(|| "是".into()) } else { "否".into() },
                    p.student_grade.to_string(),
                    p.start_date,
                    p.end_date.unwrap_or_default(),
                    if p.status == "confirmed" { "已确认".into() } else { "待确认".into() },
                    p.violations.iter().map(|v| format!("{}（{}）", v.message_zh, v.basis)).collect::<Vec<_>>().join("；"),
                ]
            }))
        }
    })
    .await?;
    Ok(xlsx_response(bytes, "实习安排.xlsx"))
}

#[derive(Template, WebTemplate)]
#[template(path = "internships/form.html")]
struct FormPage {
    page: Page,
    action: String,
    input: PlacementInput,
    errors: Vec<FieldError>,
    hosts: Vec<(i64, String)>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
    fn host_selected(&self, id: &i64) -> bool {
        self.input.host_org_id.trim() == id.to_string()
    }
}

async fn form_page(s: &AppState, ctx: &Ctx, page: Page, action: String, input: PlacementInput, errors: Vec<FieldError>) -> PageResult<FormPage> {
    let hosts = super::host_choices(&s.db, ctx).await?;
    let title = page.t("internship.record");
    Ok(FormPage { page: page.titled(title), action, input, errors, hosts })
}

async fn new_form(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<FormPage> {
    let input = PlacementInput { kind: "post".into(), start_date: crate::areas::postings::today().to_string(), ..Default::default() };
    form_page(&s, &ctx, page, "/internships".into(), input, Vec::new()).await
}

async fn edit_form(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<FormPage> {
    crate::areas::vetting::school_admin(&ctx)?;
    let input = super::input_of(&s.db, &ctx, id).await?;
    form_page(&s, &ctx, page, format!("/internships/{id}"), input, Vec::new()).await
}

async fn create(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<PlacementInput>) -> PageResult<Response> {
    match super::record(&s.db, &ctx, &input).await {
        Ok(m) => Ok(Redirect::to(&format!("/internships/{}", m.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page(&s, &ctx, page, "/internships".into(), input, errors).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn update(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<PlacementInput>) -> PageResult<Response> {
    match super::update(&s.db, &ctx, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/internships/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page(&s, &ctx, page, format!("/internships/{id}"), input, errors).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "internships/detail.html")]
struct DetailPage {
    page: Page,
    p: PlacementView,
    can_confirm: bool,
    error: Option<String>,
    trail: Vec<crate::areas::audit::AuditRow>,
}

async fn render_detail(s: &AppState, ctx: &Ctx, page: Page, id: i64, error: Option<String>) -> PageResult<DetailPage> {
    let p = super::get(&s.db, ctx, id).await?;
    let can_confirm = p.status == "recorded" && crate::areas::vetting::school_admin(ctx).is_ok_and(|u| u.org_id == p.school_org_id);
    let trail = crate::areas::audit::trail(&s.db, ctx, "internship_placement", &id.to_string()).await.unwrap_or_default();
    let title = format!("{} · {}", p.student_name, p.host_name);
    Ok(DetailPage { page: page.titled(title), p, can_confirm, error, trail })
}

async fn detail(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<DetailPage> {
    render_detail(&s, &ctx, page, id, None).await
}

async fn confirm(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<Response> {
    match super::confirm(&s.db, &ctx, id).await {
        Ok(()) => Ok(Redirect::to(&format!("/internships/{id}")).into_response()),
        Err(AppError::Conflict(msg)) => Ok((StatusCode::CONFLICT, render_detail(&s, &ctx, page, id, Some(msg)).await?).into_response()),
        Err(e) => Err(e.into()),
    }
}
