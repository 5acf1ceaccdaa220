//! Posting pages: public search with facets, a posting's page (apply, review, submit,
//! close), the HR form with the live equal-treatment check, the management list with
//! the district's duplicate-aware counts, applications, profiles and notifications.

use super::applications::{self, ApplicationFilter, ApplicationView, CandidateView};
use super::search::{SearchQuery, SearchResult};
use super::{FindingView, ManageFilter, PostingInput, PostingStats, PostingView, ReviewInput};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::entity::{notification, posting, posting_major};
use crate::error::{AppError, FieldError, PageResult};
use crate::roles::Permission;
use crate::web::{AppState, Page, Pager, Paging};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/postings", get(search_page).post(create))
        .route("/postings/new", get(new_form))
        .route("/postings/lint", post(lint_fragment))
        .route("/postings/manage", get(manage))
        .route("/postings/manage/export.xlsx", get(manage_export))
        .route("/postings/{id}", get(detail).post(update))
        .route("/postings/{id}/edit", get(edit_form))
        .route("/postings/{id}/submit", post(submit))
        .route("/postings/{id}/review", post(review))
        .route("/postings/{id}/close", post(close))
        .route("/postings/{id}/apply", post(apply))
        .route("/applications", get(applications_page))
        .route("/applications/export.xlsx", get(applications_export))
        .route("/applications/{id}/status", post(application_status))
        .route("/applications/{id}/withdraw", post(withdraw))
        .route("/profiles/{user_id}", get(profile_page))
        .route("/profile", get(my_profile).post(save_profile))
        .route("/notifications", get(notifications_page))
        .route("/notifications/read", post(notifications_read))
}

fn status_label(page: &Page, s: &str) -> &'static str {
    page.t(&format!("posting.status.{s}"))
}

// ---------------------------------------------------------------- search

pub struct FacetLink {
    pub label: String,
    pub count: i64,
    pub href: String,
    pub active: bool,
}

pub struct FacetBox {
    pub title: &'static str,
    pub links: Vec<FacetLink>,
}

#[derive(Template, WebTemplate)]
#[template(path = "postings/search.html")]
struct SearchPage {
    page: Page,
    q: String,
    result: SearchResult,
    facets: Vec<FacetBox>,
    pager: Pager,
    clear_href: String,
    filtered: bool,
}

fn params_of(f: &SearchQuery) -> Vec<(&'static str, String)> {
    let g = |o: &Option<String>| o.clone().unwrap_or_default();
    vec![
        ("q", g(&f.q)),
        ("kind", g(&f.kind)),
        ("section", g(&f.section)),
        ("occ", g(&f.occ)),
        ("major", g(&f.major)),
        ("county", g(&f.county)),
        ("pay", g(&f.pay)),
    ]
}

fn href(params: &[(&str, String)]) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        if !v.is_empty() {
            q.append_pair(k, v);
        }
    }
    let s = q.finish();
    if s.is_empty() { "/postings".into() } else { format!("/postings?{s}") }
}

async fn search_page(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<SearchQuery>) -> PageResult<SearchPage> {
    let result = super::search::search(&s, &ctx, &f).await?;
    let params = params_of(&f);
    let facets = result
        .facets
        .iter()
        .map(|facet| {
            let current = params.iter().find(|(k, _)| *k == facet.key).map(|(_, v)| v.clone()).unwrap_or_default();
            FacetBox {
                title: page.t(&format!("posting.facet.{}", facet.key)),
                links: facet
                    .values
                    .iter()
                    .map(|v| {
                        let active = current == v.value;
                        let p: Vec<(&str, String)> = params
                            .iter()
                            .map(|(k, x)| (*k, if *k == facet.key { if active { String::new() } else { v.value.clone() } } else { x.clone() }))
                            .collect();
                        FacetLink { label: v.label.clone(), count: v.count, href: href(&p), active }
                    })
                    .collect(),
            }
        })
        .collect();
    let paging = Paging::new(f.page, Some(result.per_page));
    let pager = Pager::new("/postings", &params, paging, result.total as u64);
    let title = page.t("nav.postings");
    Ok(SearchPage {
        page: page.titled(title),
        q: f.q.clone().unwrap_or_default(),
        result,
        facets,
        pager,
        clear_href: href(&[("q", f.q.clone().unwrap_or_default())]),
        filtered: params.iter().any(|(k, v)| *k != "q" && !v.is_empty()),
    })
}

// ---------------------------------------------------------------- one posting

#[derive(Template, WebTemplate)]
#[template(path = "postings/detail.html")]
struct DetailPage {
    page: Page,
    p: PostingView,
    status_label: &'static str,
    can_edit: bool,
    can_review: bool,
    can_close: bool,
    can_apply: bool,
    my_application: Option<String>,
    error: Option<String>,
    trail: Vec<crate::areas::audit::AuditRow>,
    findings: Vec<FindingView>,
    kind_label: &'static str,
}

async fn render_detail(s: &AppState, ctx: &Ctx, page: Page, id: i64, error: Option<String>) -> PageResult<DetailPage> {
    let p = super::get(&s.db, ctx, id).await?;
    let owner = ctx.user.as_ref().is_some_and(|u| u.org_id == p.org_id && u.can(Permission::PostingWriteOwn));
    let can_edit = owner && matches!(p.status.as_str(), "draft" | "returned");
    let can_review = ctx.can(Permission::PostingReview) && p.status == "submitted";
    let can_close = (owner || ctx.can(Permission::PostingReview)) && p.status == "published";
    let is_student = page.is("student");
    let my_application = match (&ctx.user, is_student) {
        (Some(u), true) => applications::mine_for(&s.db, u.id, id).await?.map(|a| a.status),
        _ => None,
    };
    let can_apply = is_student && p.status == "published" && my_application.as_ref().is_none_or(|st| st == "withdrawn");
    let trail = if ctx.can(Permission::AuditRead) || owner {
        crate::areas::audit::trail(&s.db, ctx, "posting", &id.to_string()).await.unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(DetailPage {
        findings: p.findings.clone(),
        kind_label: page.t(&format!("posting.kinds.{}", p.kind)),
        status_label: status_label(&page, &p.status),
        page: page.titled(p.title.clone()),
        p,
        can_edit,
        can_review,
        can_close,
        can_apply,
        my_application,
        error,
        trail,
    })
}

async fn detail(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<DetailPage> {
    render_detail(&s, &ctx, page, id, None).await
}

async fn submit(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Redirect> {
    super::submit(&s.db, &ctx, id).await?;
    Ok(Redirect::to(&format!("/postings/{id}")))
}

async fn review(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<ReviewInput>) -> PageResult<Response> {
    match super::review(&s.db, s.search_index.changes(), &ctx, id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/postings/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let msg = errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join("；");
            let d = render_detail(&s, &ctx, page, id, Some(msg)).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, d).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn close(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Redirect> {
    super::close(&s.db, s.search_index.changes(), &ctx, id).await?;
    Ok(Redirect::to(&format!("/postings/{id}")))
}

async fn apply(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Redirect> {
    applications::apply(&s.db, &ctx, id).await?;
    Ok(Redirect::to(&format!("/postings/{id}")))
}

// ---------------------------------------------------------------- form and live check

#[derive(Template, WebTemplate)]
#[template(path = "postings/form.html")]
struct FormPage {
    page: Page,
    action: String,
    input: PostingInput,
    errors: Vec<FieldError>,
    findings: Vec<FindingView>,
    kinds: Vec<(&'static str, &'static str)>,
    levels: Vec<(&'static str, String)>,
    /// Schools that approved the enterprise: the choices of "面向学校".
    schools: Vec<(i64, String)>,
    experiences: Vec<(&'static str, &'static str)>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

async fn form_page(s: &AppState, ctx: &Ctx, page: Page, action: String, input: PostingInput, errors: Vec<FieldError>) -> PageResult<FormPage> {
    let findings = super::lint(&input.title, &input.description).findings;
    let kinds = super::KINDS.iter().map(|k| (*k, page.t(&format!("posting.kinds.{k}")))).collect();
    let levels = super::EDUCATION_LEVELS.iter().map(|k| (*k, super::education_zh(k))).collect();
    let schools = match &ctx.user {
        Some(u) => crate::areas::vetting::approving_schools(&s.db, u.org_id).await?,
        None => Vec::new(),
    };
    let experiences = super::EXPERIENCE_BANDS.iter().map(|k| (*k, page.t(&format!("report.exp_{k}")))).collect();
    Ok(FormPage { page, action, input, errors, findings, kinds, levels, schools, experiences })
}

async fn new_form(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<FormPage> {
    let u = ctx.require(Permission::PostingWriteOwn)?;
    if u.org_kind != "enterprise" {
        return Err(AppError::Forbidden.into());
    }
    let org = crate::entity::organization::Entity::find_by_id(u.org_id).one(&s.db).await?.ok_or(AppError::NotFound)?;
    let title = page.t("posting.new");
    let input = PostingInput { kind: "fulltime".into(), industry_code: org.industry_code, county_code: org.county_code, street_code: org.street_code, ..Default::default() };
    form_page(&s, &ctx, page.titled(title), "/postings".into(), input, Vec::new()).await
}

async fn edit_form(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<FormPage> {
    ctx.require(Permission::PostingWriteOwn)?;
    let m = posting::Entity::find_by_id(id).one(&s.db).await?.ok_or(AppError::NotFound)?;
    if !ctx.user.as_ref().is_some_and(|u| u.org_id == m.org_id) {
        return Err(AppError::NotFound.into());
    }
    if !matches!(m.status.as_str(), "draft" | "returned") {
        return Err(AppError::Conflict("只有草稿或退回的岗位可以修改".into()).into());
    }
    let majors: Vec<String> = posting_major::Entity::find()
        .filter(posting_major::Column::PostingId.eq(id))
        .all(&s.db)
        .await?
        .into_iter()
        .map(|pm| pm.major_code)
        .collect();
    let n = |x: Option<i32>| x.map(|v| v.to_string());
    let input = PostingInput {
        kind: m.kind,
        title: m.title.clone(),
        description: m.description,
        occupation_code: m.occupation_code,
        industry_code: m.industry_code,
        education_level: m.education_level,
        experience: m.experience,
        headcount: n(m.headcount),
        pay_min: n(m.pay_min),
        pay_max: n(m.pay_max),
        county_code: m.county_code,
        street_code: m.street_code,
        skills: Some(m.skills),
        majors: Some(majors.join(",")),
        start_date: m.start_date.map(|d| d.to_string()),
        deadline: m.deadline.map(|d| d.to_string()),
        target_school_id: m.target_school_id.map(|t| t.to_string()),
    };
    let title = format!("{} · {}", m.title, page.t("action.edit"));
    form_page(&s, &ctx, page.titled(title), format!("/postings/{id}"), input, Vec::new()).await
}

async fn create(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<PostingInput>) -> PageResult<Response> {
    match super::create(&s.db, &ctx, &input).await {
        Ok(p) => Ok(Redirect::to(&format!("/postings/{}", p.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            let title = page.t("posting.new");
            let form = form_page(&s, &ctx, page.titled(title), "/postings".into(), input, errors).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, form).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn update(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<PostingInput>) -> PageResult<Response> {
    match super::update(&s.db, &ctx, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/postings/{id}")).into_response()),
        Err(AppError::Validation(errors)) => {
            let title = page.t("action.edit");
            let form = form_page(&s, &ctx, page.titled(title), format!("/postings/{id}"), input, errors).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, form).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(serde::Deserialize)]
struct LintForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "postings/lint.html")]
struct LintFragment {
    page: Page,
    findings: Vec<FindingView>,
}

/// The live check while typing (htmx): the findings box only.
async fn lint_fragment(page: Page, Form(f): Form<LintForm>) -> LintFragment {
    LintFragment { page, findings: super::lint(&f.title, &f.description).findings }
}

// ---------------------------------------------------------------- management list

pub struct ManageRow {
    pub p: PostingView,
    pub status_label: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "postings/manage.html")]
struct ManagePage {
    page: Page,
    f_status: String,
    f_q: String,
    statuses: Vec<(&'static str, &'static str)>,
    total: u64,
    rows: Vec<ManageRow>,
    pager: Pager,
    stats: Option<PostingStats>,
    can_create: bool,
}

async fn manage(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<ManageFilter>) -> PageResult<ManagePage> {
    let (total, items) = super::manage_list(&s.db, &ctx, &f).await?;
    let f_status = f.status.clone().unwrap_or_default();
    let f_q = f.q.clone().unwrap_or_default();
    let pager = Pager::new("/postings/manage", &[("status", f_status.clone()), ("q", f_q.clone())], Paging::new(f.page, f.per_page), total);
    let stats = if ctx.can(Permission::PostingReadAll) { Some(super::stats(&s.db, &ctx).await?) } else { None };
    let rows = items.into_iter().map(|p| ManageRow { status_label: status_label(&page, &p.status), p }).collect();
    let statuses = super::STATUSES.iter().map(|st| (*st, status_label(&page, st))).collect();
    let can_create = ctx.user.as_ref().is_some_and(|u| u.org_kind == "enterprise" && u.can(Permission::PostingWriteOwn));
    let title = page.t("nav.posting_manage");
    Ok(ManagePage { page: page.titled(title), f_status, f_q, statuses, total, rows, pager, stats, can_create })
}

async fn manage_export(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<ManageFilter>) -> PageResult<Response> {
    let headers = ["编号", "企业", "类型", "岗位名称", "职业代码", "职业名称", "行业代码", "需求专业", "学历要求", "招聘人数", "薪酬", "区县", "截止日期", "状态", "平等就业检查", "放行理由", "发布时间"];
    let bytes = crate::export::xlsx("岗位列表", &headers, |page_no: Option<u64>| {
        let (s, ctx, page) = (&s, &ctx, &page);
        let f = ManageFilter { page: Some(page_no.unwrap_or(1)), per_page: Some(crate::export::BATCH), ..f.clone() };
        async move {
            let (_, items) = super::manage_list(&s.db, ctx, &f).await?;
            Ok(crate::export::Batch::of(items, |_| page_no.unwrap_or(1) + 1, |p| {
                vec![
                    p.id.to_string(),
                    p.org_name,
                    p.kind_name,
                    p.title,
                    p.occupation_code.unwrap_or_default(),
                    p.occupation_name.unwrap_or_default(),
                    p.industry_code.unwrap_or_default(),
                    p.majors.iter().map(|m| format!("{} {}", m.code, m.name)).collect::<Vec<_>>().join("、"),
                    p.education_name,
                    p.headcount.map(|h| h.to_string()).unwrap_or_default(),
                    p.pay_text,
                    p.county_name.unwrap_or_default(),
                    p.deadline.unwrap_or_default(),
                    status_label(&page, &p.status).to_string(),
                    p.findings.iter().map(|f| format!("{}（{}）：{}", f.rule_name(false), page.t(&format!("posting.severity.{}", f.severity)), f.span)).collect::<Vec<_>>().join("；"),
                    p.override_reason.unwrap_or_default(),
                    p.published_at.unwrap_or_default(),
                ]
            }))
        }
    })
    .await?;
    Ok(xlsx_response(bytes, "岗位列表.xlsx"))
}

// ---------------------------------------------------------------- applications

#[derive(Template, WebTemplate)]
#[template(path = "postings/applications.html")]
struct ApplicationsPage {
    page: Page,
    rows: Vec<ApplicationView>,
    employer: bool,
    student: bool,
    f_status: String,
    statuses: Vec<(&'static str, &'static str)>,
}

impl ApplicationsPage {
    fn next_moves(&self, from: &str) -> Vec<(&'static str, &'static str)> {
        ["interview", "offer", "hired", "rejected"]
            .into_iter()
            .filter(|to| applications::may_move(from, to))
            .map(|to| (to, applications::status_zh(to)))
            .collect()
    }
}

async fn applications_page(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<ApplicationFilter>) -> PageResult<ApplicationsPage> {
    let rows = applications::list(&s.db, &ctx, &f).await?;
    let employer = ctx.user.as_ref().is_some_and(|u| u.org_kind == "enterprise" && u.can(Permission::PostingWriteOwn));
    let student = page.is("student");
    let title = page.t("nav.applications");
    let statuses = applications::STATUSES.iter().map(|st| (*st, applications::status_zh(st))).collect();
    Ok(ApplicationsPage { page: page.titled(title), rows, employer, student, f_status: f.status.clone().unwrap_or_default(), statuses })
}

async fn applications_export(State(s): State<AppState>, ctx: Ctx, Query(f): Query<ApplicationFilter>) -> PageResult<Response> {
    let rows = applications::list(&s.db, &ctx, &f).await?;
    let headers = ["编号", "岗位", "企业", "姓名", "学校", "专业", "毕业年份", "联系电话", "身份证号", "状态", "投递时间", "更新时间"];
    let data = rows.into_iter().map(|a| {
        vec![
            a.id.to_string(),
            a.posting_title,
            a.org_name,
            a.candidate.name,
            a.candidate.school,
            format!("{} {}", a.candidate.major_code, a.candidate.major_name),
            a.candidate.graduation_year.map(|y| y.to_string()).unwrap_or_default(),
            a.candidate.phone.unwrap_or_default(),
            a.candidate.id_number.unwrap_or_default(),
            a.status_name,
            a.created_at,
            a.updated_at,
        ]
    });
    let bytes = crate::xlsx::export("投递记录", &headers, data).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "投递记录.xlsx"))
}

#[derive(serde::Deserialize)]
struct StatusForm {
    status: String,
}

async fn application_status(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<StatusForm>) -> PageResult<Redirect> {
    applications::set_status(&s.db, &ctx, id, &f.status).await?;
    Ok(Redirect::to("/applications"))
}

async fn withdraw(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Redirect> {
    applications::withdraw(&s.db, &ctx, id).await?;
    Ok(Redirect::to("/applications"))
}

#[derive(Template, WebTemplate)]
#[template(path = "postings/profile.html")]
struct ProfilePage {
    page: Page,
    c: CandidateView,
}

async fn profile_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(user_id): Path<i64>) -> PageResult<ProfilePage> {
    let c = applications::profile(&s.db, &ctx, user_id).await?;
    Ok(ProfilePage { page: page.titled(c.name.clone()), c })
}

// ---------------------------------------------------------------- notifications

#[derive(Template, WebTemplate)]
#[template(path = "postings/notifications.html")]
struct NotificationsPage {
    page: Page,
    rows: Vec<(notification::Model, String)>,
}

async fn notifications_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<NotificationsPage> {
    let rows = super::notifications::list(&s.db, &ctx)
        .await?
        .into_iter()
        .map(|n| {
            let at = (n.created_at + chrono::Duration::hours(8)).format("%m-%d %H:%M").to_string();
            (n, at)
        })
        .collect();
    let title = page.t("nav.notifications");
    Ok(NotificationsPage { page: page.titled(title), rows })
}

async fn notifications_read(State(s): State<AppState>, ctx: Ctx) -> PageResult<Redirect> {
    super::notifications::mark_all_read(&s.db, &ctx).await?;
    Ok(Redirect::to("/notifications"))
}

#[derive(Template, WebTemplate)]
#[template(path = "postings/my_profile.html")]
struct MyProfilePage {
    page: Page,
    input: applications::ProfileInput,
    errors: Vec<FieldError>,
    saved: bool,
    /// 淄博 counties (code, name) with their streets.
    places: Vec<(String, String, Vec<(String, String)>)>,
    kinds: Vec<(&'static str, &'static str)>,
}

fn my_profile_page(page: Page, input: applications::ProfileInput, errors: Vec<FieldError>, saved: bool) -> MyProfilePage {
    use zhijiao_domain::catalog::{DivisionLevel, catalogs};
    let divisions = &catalogs().divisions;
    let places = divisions
        .iter()
        .filter(|d| d.level == DivisionLevel::County)
        .map(|c| {
            let streets = divisions
                .iter()
                .filter(|d| d.level == DivisionLevel::Street && d.parent_code.as_deref() == Some(c.code.as_str()))
                .map(|d| (d.code.clone(), d.name.clone()))
                .collect();
            (c.code.clone(), c.name.clone(), streets)
        })
        .collect();
    let kinds = super::KINDS.iter().map(|k| (*k, page.t(&format!("posting.kinds.{k}")))).collect();
    let title = page.t("profile.title");
    MyProfilePage { page: page.titled(title), input, errors, saved, places, kinds }
}

#[derive(serde::Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn my_profile(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<SavedQuery>) -> PageResult<MyProfilePage> {
    let input = applications::my_profile(&s.db, &ctx).await?;
    Ok(my_profile_page(page, input, Vec::new(), q.saved.is_some()))
}

/// The form has multiple selects and checkbox groups (repeated keys): `axum_extra`'s Form.
async fn save_profile(
    State(s): State<AppState>,
    ctx: Ctx,
    page: Page,
    axum_extra::extract::Form(input): axum_extra::extract::Form<applications::ProfileInput>,
) -> PageResult<Response> {
    match applications::save_profile(&s.db, &ctx, &input).await {
        Ok(()) => Ok(Redirect::to("/profile?saved=1").into_response()),
        Err(AppError::Validation(errors)) => {
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, my_profile_page(page, input, errors, false)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
