//! Competition pages: the list (the district registers events), an event with its
//! registrations and results, the public results page with its QR code, the medal table,
//! and the results' Excel export and import.

use super::{AWARDS, CompetitionInput, CompetitionView, EntryInput, EntryView, KINDS, LEVELS, MedalTable};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, PageResult};
use crate::roles::Permission;
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/competitions", get(list).post(create))
        .route("/competitions/medals", get(medals))
        .route("/competitions/results-template.xlsx", get(results_template))
        .route("/competitions/{id}", get(detail))
        .route("/competitions/{id}/entries", post(register))
        .route("/competitions/{id}/results", get(results))
        .route("/competitions/{id}/results.xlsx", get(results_export))
        .route("/competitions/{id}/results/import", post(import).layer(crate::uploads::body_limit(crate::uploads::WORKBOOK_MAX_BYTES)))
        .route("/competitions/entries/{id}/award", post(award))
}

#[derive(Template, WebTemplate)]
#[template(path = "competitions/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<CompetitionView>,
    can_create: bool,
    levels: &'static [(&'static str, &'static str)],
    schools: Vec<(i64, String)>,
}

async fn school_options(s: &AppState) -> PageResult<Vec<(i64, String)>> {
    Ok(crate::areas::schools::vocational_schools(&s.db).await?.into_iter().map(|o| (o.id, o.name)).collect())
}

async fn list(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ListPage> {
    let can_create = ctx.can(Permission::SchoolReview);
    Ok(ListPage {
        rows: super::list(&s.db).await?,
        schools: if can_create { school_options(&s).await? } else { Vec::new() },
        page: page.titled("技能大赛"),
        can_create,
        levels: &LEVELS,
    })
}

async fn create(State(s): State<AppState>, ctx: Ctx, Form(input): Form<CompetitionInput>) -> PageResult<Response> {
    let m = super::create(&s.db, &ctx, &input).await?;
    Ok(Redirect::to(&format!("/competitions/{}", m.id)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "competitions/detail.html")]
struct DetailPage {
    page: Page,
    c: CompetitionView,
    entries: Vec<EntryView>,
    is_district: bool,
    can_register: bool,
    schools: Vec<(i64, String)>,
    kinds: &'static [(&'static str, &'static str)],
    awards: Vec<(&'static str, &'static str)>,
}

async fn detail(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<DetailPage> {
    ctx.user()?;
    let c = super::get(&s.db, id).await?;
    let is_district = ctx.can(Permission::SchoolReview);
    let can_register = is_district || (ctx.can(Permission::SchoolReport) && ctx.user.as_ref().is_some_and(|u| crate::roles::is_school_kind(&u.org_kind)));
    let entries = if ctx.can(Permission::OrgReadAll) || can_register { super::entries(&s.db, &ctx, id).await? } else { Vec::new() };
    Ok(DetailPage {
        page: page.titled(c.name.clone()),
        entries,
        schools: if is_district { school_options(&s).await? } else { Vec::new() },
        c,
        is_district,
        can_register,
        kinds: &KINDS,
        awards: AWARDS.iter().map(|a| (a.0, a.1)).collect(),
    })
}

async fn register(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(input): Form<EntryInput>) -> PageResult<Response> {
    super::register(&s.db, &ctx, id, &input).await?;
    Ok(Redirect::to(&format!("/competitions/{id}")).into_response())
}

#[derive(Deserialize)]
struct AwardForm {
    #[serde(default)]
    award: String,
}

async fn award(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<AwardForm>) -> PageResult<Response> {
    let m = super::set_award(&s.db, &ctx, id, &f.award).await?;
    Ok(Redirect::to(&format!("/competitions/{}", m.competition_id)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "competitions/results.html")]
struct ResultsPage {
    page: Page,
    c: CompetitionView,
    rows: Vec<EntryView>,
    qr: String,
}

/// Public: no login.
async fn results(State(s): State<AppState>, page: Page, Path(id): Path<i64>) -> PageResult<ResultsPage> {
    let c = super::get(&s.db, id).await?;
    let rows = super::results(&s.db, id).await?;
    let qr = crate::web::qr_svg(&page.url, 200);
    Ok(ResultsPage { page: page.titled(format!("{} 比赛结果", c.name)), c, rows, qr })
}

async fn results_export(State(s): State<AppState>, Path(id): Path<i64>) -> PageResult<Response> {
    let c = super::get(&s.db, id).await?;
    let rows = super::results(&s.db, id).await?;
    Ok(xlsx_response(super::results_xlsx(&rows)?, &format!("{}-比赛结果.xlsx", c.name)))
}

async fn results_template() -> PageResult<Response> {
    let bytes = crate::xlsx::template("比赛结果", &super::RESULT_COLUMNS, &[]).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "比赛结果导入模板.xlsx"))
}

async fn import(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, mp: Multipart) -> PageResult<Response> {
    ctx.require(Permission::SchoolReview)?;
    let up = crate::areas::imports::pages::read_upload(&s.settings.data_dir, mp).await?;
    super::import_results(&s.db, &ctx, id, &up.bytes().await?).await?;
    Ok(Redirect::to(&format!("/competitions/{id}")).into_response())
}

#[derive(Deserialize)]
struct YearQuery {
    #[serde(default)]
    year: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "competitions/medals.html")]
struct MedalsPage {
    page: Page,
    t: MedalTable,
    year: String,
    sections: Vec<(&'static str, &'static str, Vec<super::MedalRow>)>,
}

/// Public: the medal table by school, major and year.
async fn medals(State(s): State<AppState>, page: Page, Query(q): Query<YearQuery>) -> PageResult<MedalsPage> {
    let year = match q.year.trim() {
        "" => None,
        y => Some(y.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)).ok_or_else(|| AppError::BadRequest("年度须为四位年份".into()))?),
    };
    let t = super::medal_table(&s.db, year).await?;
    let sections = vec![("按学校", "by-school", t.by_school.clone()), ("按专业", "by-major", t.by_major.clone()), ("按年度", "by-year", t.by_year.clone())];
    Ok(MedalsPage { page: page.titled("技能大赛奖牌榜"), year: year.map(|y| y.to_string()).unwrap_or_default(), t, sections })
}
