//! 纵向贯通 (seed measure 四): pathways from a zone school's 中职 major to a partner's
//! 专科 or 本科 major (3+2, 五年一贯制, 3+4), the majors checked to be in related 专业类
//! (`zhijiao_domain::majors::pathways::check_majors`), cohort sizes, each level's course
//! list with hours, the alignment of the two lists (repeated courses, upper-level
//! prerequisites with no preparatory course below), and a student's ladder from the
//! crosswalk: this major → these occupations → these upper-level majors.
//!
//! Pathways are public programme information (read by everyone, students included);
//! the district and the lower school's administrator write them.

use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{major_pathway as pw, pathway_course as course, school_major};
use crate::error::{ApiResult, AppError, AppResult, FieldError, PageResult};
use crate::input::{bounded_i32, required_text};
use crate::roles::{Permission, Role};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::Form;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa_axum::{router::OpenApiRouter, routes};
use zhijiao_domain::catalog::{MajorLevel, MajorNode, catalogs};
use zhijiao_domain::majors::pathways::{self as rules, Alignment, ClassRef, Course, PathwayKind};
use zhijiao_domain::talent_report::catalogue_majors_for;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/majors/pathways", get(list_page).post(create_form))
        .route("/majors/pathways/{id}", get(detail_page))
        .route("/majors/pathways/{id}/courses", post(add_course_form))
        .route("/majors/ladder", get(ladder_page))
}

pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_list)).routes(routes!(api_detail)).routes(routes!(api_ladder))
}

// ---------------------------------------------------------------------------------------
// Service

/// Who may write a pathway of `org_id`: the 教体中心, or that school's administrator.
fn require_writer(ctx: &Ctx, org_id: Option<i64>) -> AppResult<&AuthUser> {
    let u = ctx.user()?;
    if u.can(Permission::OrgManage) {
        return Ok(u);
    }
    if u.has_role(Role::SchoolAdmin) && u.org_kind == "vocational_school" && org_id.is_none_or(|o| o == u.org_id) {
        return Ok(u);
    }
    Err(AppError::Forbidden)
}

fn can_write(ctx: &Ctx, org_id: Option<i64>) -> bool {
    ctx.user.is_some() && require_writer(ctx, org_id).is_ok()
}

fn label(level: MajorLevel, code: &str) -> String {
    format!("{code} {}", catalogs().major(level, code).map(|m| m.name.as_str()).unwrap_or(""))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CourseView {
    pub id: i64,
    pub name: String,
    pub hours: i32,
    pub outcomes: Vec<String>,
    pub prerequisites: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RepeatedView {
    pub name: String,
    pub lower_hours: u32,
    pub upper_hours: u32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UnpreparedView {
    pub course: String,
    pub topic: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AlignmentView {
    pub lower_hours: u32,
    pub upper_hours: u32,
    /// Courses taught at both levels (重复开设).
    pub repeated: Vec<RepeatedView>,
    /// Upper-level prerequisites with no preparatory course below (衔接断层).
    pub unprepared: Vec<UnpreparedView>,
}

impl From<Alignment> for AlignmentView {
    fn from(a: Alignment) -> Self {
        AlignmentView {
            lower_hours: a.lower_hours,
            upper_hours: a.upper_hours,
            repeated: a.repeated.into_iter().map(|r| RepeatedView { name: r.name, lower_hours: r.lower_hours, upper_hours: r.upper_hours }).collect(),
            unprepared: a.unprepared.into_iter().map(|u| UnpreparedView { course: u.course, topic: u.topic }).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PathwayView {
    pub id: i64,
    pub kind: String,
    pub kind_zh: String,
    pub org_id: i64,
    pub school: String,
    pub partner_school: String,
    pub lower_major_code: String,
    /// "660301 机电技术应用"
    pub lower_major: String,
    pub upper_level: String,
    pub upper_level_zh: String,
    pub upper_major_code: String,
    pub upper_major: String,
    /// Both majors' 专业类, e.g. "自动化类 → 自动化类".
    pub classes: String,
    pub start_year: i32,
    pub cohort_size: i32,
    pub lower_years: u32,
    pub upper_years: u32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PathwayDetail {
    pub pathway: PathwayView,
    pub lower_courses: Vec<CourseView>,
    pub upper_courses: Vec<CourseView>,
    pub alignment: AlignmentView,
}

async fn views(db: &DatabaseConnection, rows: Vec<pw::Model>) -> AppResult<Vec<PathwayView>> {
    let names = crate::areas::orgs::names(db, rows.iter().map(|r| r.org_id)).await?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let kind = PathwayKind::parse(&p.kind).unwrap_or(PathwayKind::ThreeTwo);
            let upper = MajorLevel::parse(&p.upper_level).unwrap_or(kind.upper_level());
            let class = |l: MajorLevel, c: &str| catalogs().major(l, c).map(|m| m.class_name.clone()).unwrap_or_default();
            let (ly, uy) = kind.years();
            PathwayView {
                id: p.id,
                kind: kind.key().into(),
                kind_zh: kind.name_zh().into(),
                org_id: p.org_id,
                school: names.get(&p.org_id).cloned().unwrap_or_default(),
                partner_school: p.partner_school,
                lower_major: label(MajorLevel::Secondary, &p.lower_major_code),
                classes: format!("{} → {}", class(MajorLevel::Secondary, &p.lower_major_code), class(upper, &p.upper_major_code)),
                lower_major_code: p.lower_major_code,
                upper_level: upper.key().into(),
                upper_level_zh: upper.name_zh().into(),
                upper_major: label(upper, &p.upper_major_code),
                upper_major_code: p.upper_major_code,
                start_year: p.start_year,
                cohort_size: p.cohort_size,
                lower_years: ly,
                upper_years: uy,
            }
        })
        .collect())
}

pub async fn list(db: &DatabaseConnection) -> AppResult<Vec<PathwayView>> {
    let rows = pw::Entity::find().order_by_asc(pw::Column::OrgId).order_by_asc(pw::Column::Id).all(db).await?;
    views(db, rows).await
}

fn course_view(c: course::Model) -> CourseView {
    CourseView { id: c.id, outcomes: rules::topics(&c.outcomes), prerequisites: rules::topics(&c.prerequisites), name: c.name, hours: c.hours }
}

fn domain_course(c: &CourseView) -> Course {
    Course { name: c.name.clone(), hours: c.hours.max(0) as u32, outcomes: c.outcomes.clone(), prerequisites: c.prerequisites.clone() }
}

pub async fn detail(db: &DatabaseConnection, id: i64) -> AppResult<PathwayDetail> {
    let p = pw::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let courses = course::Entity::find().filter(course::Column::PathwayId.eq(id)).order_by_asc(course::Column::Id).all(db).await?;
    let (lower, upper): (Vec<course::Model>, Vec<course::Model>) = courses.into_iter().partition(|c| c.stage == "lower");
    let lower: Vec<CourseView> = lower.into_iter().map(course_view).collect();
    let upper: Vec<CourseView> = upper.into_iter().map(course_view).collect();
    let alignment = rules::align(&lower.iter().map(domain_course).collect::<Vec<_>>(), &upper.iter().map(domain_course).collect::<Vec<_>>()).into();
    Ok(PathwayDetail { pathway: views(db, vec![p]).await?.remove(0), lower_courses: lower, upper_courses: upper, alignment })
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PathwayInput {
    #[serde(default)]
    pub kind: String,
    /// The zone school (the district picks; a school files for itself).
    #[serde(default)]
    pub org_id: String,
    #[serde(default)]
    pub partner_school: String,
    #[serde(default)]
    pub lower_major_code: String,
    #[serde(default)]
    pub upper_major_code: String,
    #[serde(default)]
    pub start_year: String,
    #[serde(default)]
    pub cohort_size: String,
}

/// The vocational schools of the zone: (id, name).
async fn zone_schools(db: &DatabaseConnection) -> AppResult<Vec<(i64, String)>> {
    use crate::entity::organization as org;
    Ok(org::Entity::find()
        .filter(org::Column::Kind.eq("vocational_school"))
        .order_by_asc(org::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

fn class_ref(m: &zhijiao_domain::catalog::Major) -> ClassRef<'_> {
    ClassRef { level: m.level, code: &m.class_code, name: &m.class_name }
}

pub async fn create(db: &DatabaseConnection, ctx: &Ctx, input: &PathwayInput) -> AppResult<PathwayView> {
    let u = require_writer(ctx, None)?.clone();
    let mut errs = Vec::new();
    let org_id = if u.can(Permission::OrgManage) {
        let id = input.org_id.trim().parse::<i64>().ok();
        match id.filter(|_| true) {
            Some(id) if zone_schools(db).await?.iter().any(|(s, _)| *s == id) => id,
            _ => {
                errs.push(FieldError::new("org_id", "请选择区内开设中职阶段的学校"));
                0
            }
        }
    } else {
        u.org_id
    };
    let kind = PathwayKind::parse(input.kind.trim());
    if kind.is_none() {
        errs.push(FieldError::new("kind", "请选择贯通类型（3+2、五年一贯制或3+4）"));
    }
    let partner = required_text("partner_school", "合作院校", &input.partner_school, 60, &mut errs);
    let lower = catalogs().major(MajorLevel::Secondary, input.lower_major_code.trim()).filter(|m| m.node == MajorNode::Major);
    if lower.is_none() {
        errs.push(FieldError::new("lower_major_code", "请选择中职阶段的专业"));
    } else if org_id != 0 {
        let offered = school_major::Entity::find()
            .filter(school_major::Column::OrgId.eq(org_id))
            .filter(school_major::Column::MajorCode.eq(input.lower_major_code.trim()))
            .one(db)
            .await?;
        if offered.is_none() {
            errs.push(FieldError::new("lower_major_code", "该学校未开设所选中职专业"));
        }
    }
    let upper = kind.and_then(|k| catalogs().major(k.upper_level(), input.upper_major_code.trim())).filter(|m| m.node == MajorNode::Major);
    if kind.is_some() && upper.is_none() {
        errs.push(FieldError::new("upper_major_code", format!("请选择{}阶段的专业", kind.map(|k| k.upper_level().name_zh()).unwrap_or(""))));
    }
    if let (Some(k), Some(l), Some(up)) = (kind, lower, upper) {
        if let Err(msg) = rules::check_majors(k, &class_ref(l), &class_ref(up)) {
            errs.push(FieldError::new("upper_major_code", msg));
        }
    }
    let start_year = bounded_i32("start_year", "首届招生年份", &input.start_year, 2000, 2100, &mut errs);
    let cohort = bounded_i32("cohort_size", "每届招生人数", &input.cohort_size, 1, 2000, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let (kind, lower, upper) = (kind.unwrap_or(PathwayKind::ThreeTwo), lower.map(|m| m.code.clone()).unwrap_or_default(), upper.map(|m| (m.level, m.code.clone())));
    let (upper_level, upper_code) = upper.unwrap_or((kind.upper_level(), String::new()));
    let now = chrono::Utc::now();
    let tx = db.begin().await?;
    let m = pw::ActiveModel {
        org_id: Set(org_id),
        kind: Set(kind.key().into()),
        partner_school: Set(partner),
        lower_major_code: Set(lower),
        upper_level: Set(upper_level.key().into()),
        upper_major_code: Set(upper_code),
        start_year: Set(start_year),
        cohort_size: Set(cohort),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("create", "major_pathway", m.id, format!("新建{}：{} → {}", kind.name_zh(), m.lower_major_code, m.upper_major_code)).after(&m))
        .await?;
    tx.commit().await?;
    Ok(views(db, vec![m]).await?.remove(0))
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct CourseInput {
    /// lower | upper
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub outcomes: String,
    #[serde(default)]
    pub prerequisites: String,
}

fn topic_text(field: &str, label: &str, raw: &str, errs: &mut Vec<FieldError>) -> String {
    let t = raw.trim();
    if t.chars().count() > 500 {
        errs.push(FieldError::new(field, format!("{label}不能超过500个字")));
    } else if t.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        errs.push(FieldError::new(field, format!("{label}含有控制字符")));
    }
    rules::topics(t).join("；")
}

pub async fn add_course(db: &DatabaseConnection, ctx: &Ctx, pathway_id: i64, input: &CourseInput) -> AppResult<CourseView> {
    let p = pw::Entity::find_by_id(pathway_id).one(db).await?.ok_or(AppError::NotFound)?;
    require_writer(ctx, Some(p.org_id))?;
    let mut errs = Vec::new();
    if !["lower", "upper"].contains(&input.stage.as_str()) {
        errs.push(FieldError::new("stage", "请选择课程所属阶段（中职阶段或升入阶段）"));
    }
    let name = required_text("name", "课程名称", &input.name, 60, &mut errs);
    let hours = bounded_i32("hours", "学时", &input.hours, 1, 2000, &mut errs);
    let outcomes = topic_text("outcomes", "学习成果", &input.outcomes, &mut errs);
    let prerequisites = topic_text("prerequisites", "先修要求", &input.prerequisites, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let m = course::ActiveModel {
        pathway_id: Set(pathway_id),
        stage: Set(input.stage.clone()),
        name: Set(name),
        hours: Set(hours),
        outcomes: Set(outcomes),
        prerequisites: Set(prerequisites),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("create", "pathway_course", m.id, format!("贯通培养方案新增课程 {}（{}学时）", m.name, m.hours)).after(&m)).await?;
    tx.commit().await?;
    Ok(course_view(m))
}

// ---------------------------------------------------------------------------------------
// The ladder

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LadderStep {
    /// "6-31-01-03 电工"
    pub occupation: String,
    /// Upper-level majors the crosswalk maps to the occupation: "460301 机电一体化技术（高等职业教育专科）".
    pub upper_majors: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Ladder {
    pub major_code: String,
    pub major: String,
    pub steps: Vec<LadderStep>,
    /// The zone's pathways starting from the major.
    pub pathways: Vec<PathwayView>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct LadderQuery {
    /// A 中职 major's code; the first major with a pathway when absent.
    pub major: Option<String>,
}

pub async fn ladder(db: &DatabaseConnection, q: &LadderQuery) -> AppResult<Ladder> {
    let all = list(db).await?;
    let code = match q.major.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(c) => c.to_string(),
        None => all.first().map(|p| p.lower_major_code.clone()).unwrap_or_else(|| "660301".into()),
    };
    let Some(major) = catalogs().major(MajorLevel::Secondary, &code).filter(|m| m.node == MajorNode::Major) else {
        return Err(AppError::Validation(vec![FieldError::new("major", "请选择中职专业")]));
    };
    let steps = catalogs()
        .occupations_for_major(MajorLevel::Secondary, &code)
        .into_iter()
        .map(|o| {
            let mut seen = BTreeSet::new();
            let upper_majors = catalogue_majors_for(&o.code)
                .into_iter()
                .filter(|m| m.level != MajorLevel::Secondary && seen.insert((m.level, m.code.clone())))
                .map(|m| format!("{} {}（{}）", m.code, m.name, m.level_zh))
                .take(8)
                .collect();
            LadderStep { occupation: format!("{} {}", o.code, o.name), upper_majors }
        })
        .collect();
    Ok(Ladder {
        major_code: code.clone(),
        major: format!("{} {}", major.code, major.name),
        steps,
        pathways: all.into_iter().filter(|p| p.lower_major_code == code).collect(),
    })
}

/// Majors a ladder can start from: the zone's offered 中职 majors, "660301 机电技术应用".
async fn offered_majors(db: &DatabaseConnection) -> AppResult<Vec<(String, String)>> {
    let codes: BTreeSet<String> = school_major::Entity::find().filter(school_major::Column::Level.eq("secondary")).all(db).await?.into_iter().map(|m| m.major_code).collect();
    Ok(codes.into_iter().map(|c| (c.clone(), label(MajorLevel::Secondary, &c))).collect())
}

// ---------------------------------------------------------------------------------------
// Pages

#[derive(Template, WebTemplate)]
#[template(path = "majors/pathways.html")]
struct ListPage {
    page: Page,
    pathways: Vec<PathwayView>,
    can_create: bool,
    is_district: bool,
    input: PathwayInput,
    errors: Vec<FieldError>,
    schools: Vec<(i64, String)>,
    kinds: Vec<(&'static str, &'static str)>,
    lower_majors: Vec<(String, String)>,
    /// (level key, code, "460301 机电一体化技术（专科）") of 专科 and 本科 majors.
    upper_majors: Vec<(String, String)>,
}

impl ListPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

async fn list_page_with(s: &AppState, ctx: &Ctx, page: Page, input: PathwayInput, errors: Vec<FieldError>) -> PageResult<ListPage> {
    let title = page.t("majors.pathways_title");
    let can_create = can_write(ctx, None);
    let is_district = ctx.can(Permission::OrgManage);
    let upper_majors = if can_create {
        catalogs()
            .majors
            .iter()
            .filter(|m| m.level != MajorLevel::Secondary && m.node == MajorNode::Major)
            .map(|m| (m.code.clone(), format!("{} {}（{}）", m.code, m.name, if m.level == MajorLevel::Bachelor { "本科" } else { "专科" })))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ListPage {
        page: page.titled(title),
        pathways: list(&s.db).await?,
        can_create,
        is_district,
        input,
        errors,
        schools: if is_district { zone_schools(&s.db).await? } else { Vec::new() },
        kinds: PathwayKind::ALL.iter().map(|k| (k.key(), k.name_zh())).collect(),
        lower_majors: if can_create { offered_majors(&s.db).await? } else { Vec::new() },
        upper_majors,
    })
}

async fn list_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ListPage> {
    let year = chrono::Datelike::year(&super::today()) + 1;
    list_page_with(&s, &ctx, page, PathwayInput { start_year: year.to_string(), cohort_size: "40".into(), kind: "three_two".into(), ..Default::default() }, Vec::new()).await
}

async fn create_form(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<PathwayInput>) -> PageResult<Response> {
    match create(&s.db, &ctx, &input).await {
        Ok(p) => Ok(Redirect::to(&format!("/majors/pathways/{}", p.id)).into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, list_page_with(&s, &ctx, page, input, errors).await?).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/pathway.html")]
struct DetailPage {
    page: Page,
    d: PathwayDetail,
    can_edit: bool,
    input: CourseInput,
    errors: Vec<FieldError>,
}

impl DetailPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

async fn detail_page_with(s: &AppState, ctx: &Ctx, page: Page, id: i64, input: CourseInput, errors: Vec<FieldError>) -> PageResult<DetailPage> {
    let d = detail(&s.db, id).await?;
    let title = format!("{}：{} → {}", d.pathway.kind_zh, d.pathway.lower_major, d.pathway.upper_major);
    Ok(DetailPage { can_edit: can_write(ctx, Some(d.pathway.org_id)), page: page.titled(title), d, input, errors })
}

async fn detail_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<DetailPage> {
    detail_page_with(&s, &ctx, page, id, CourseInput { stage: "lower".into(), ..Default::default() }, Vec::new()).await
}

async fn add_course_form(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<CourseInput>) -> PageResult<Response> {
    match add_course(&s.db, &ctx, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/majors/pathways/{id}")).into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, detail_page_with(&s, &ctx, page, id, input, errors).await?).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/ladder.html")]
struct LadderPage {
    page: Page,
    ladder: Option<Ladder>,
    majors: Vec<(String, String)>,
    error: String,
}

async fn ladder_page(State(s): State<AppState>, page: Page, Query(q): Query<LadderQuery>) -> PageResult<Response> {
    let title = page.t("majors.ladder_title");
    let majors = offered_majors(&s.db).await?;
    let (ladder, error, status) = match ladder(&s.db, &q).await {
        Ok(l) => (Some(l), String::new(), StatusCode::OK),
        Err(AppError::Validation(v)) => (None, v.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("；"), StatusCode::UNPROCESSABLE_ENTITY),
        Err(e) => return Err(e.into()),
    };
    Ok((status, LadderPage { page: page.titled(title), ladder, majors, error }).into_response())
}

// ---------------------------------------------------------------------------------------
// API

/// The zone's 纵向贯通 pathways (3+2, 五年一贯制, 3+4).
#[utoipa::path(get, path = "/api/v1/majors/pathways", tag = "majors", responses((status = 200, body = Vec<PathwayView>)))]
async fn api_list(State(s): State<AppState>) -> ApiResult<Json<Vec<PathwayView>>> {
    Ok(Json(list(&s.db).await?))
}

/// A pathway with each level's courses and their alignment (repeated courses, unprepared prerequisites).
#[utoipa::path(get, path = "/api/v1/majors/pathways/{id}", tag = "majors", params(("id" = i64, Path, description = "pathway id")),
    responses((status = 200, body = PathwayDetail), (status = 404, body = crate::error::ErrorBody)))]
async fn api_detail(State(s): State<AppState>, Path(id): Path<i64>) -> ApiResult<Json<PathwayDetail>> {
    Ok(Json(detail(&s.db, id).await?))
}

/// A student's ladder: this 中职 major → its occupations (crosswalk) → the upper-level majors leading there.
#[utoipa::path(get, path = "/api/v1/majors/ladder", tag = "majors", params(LadderQuery),
    responses((status = 200, body = Ladder), (status = 422, body = crate::error::ErrorBody)))]
async fn api_ladder(State(s): State<AppState>, Query(q): Query<LadderQuery>) -> ApiResult<Json<Ladder>> {
    Ok(Json(ladder(&s.db, &q).await?))
}
