//! Cooperation pages: the registry (list, draft form, detail with confirmation, outputs,
//! evidence, renewal), Excel in and out, the two scores with their formulas, and the
//! 产教融合型企业 checker and library.

use super::fusion::{self, Declared, FusionView, LibraryRow};
use super::{AgreementFilter, AgreementInput, AgreementView, Ranking, STATUSES, Side, side_of};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, FieldError, PageResult};
use crate::web::{AppState, Page, Pager, Paging};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use chrono::Datelike;
use zhijiao_domain::catalog::{MajorLevel, MajorNode, catalogs};
use zhijiao_domain::cooperation::{AgreementKind, PROVINCES};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cooperation", get(list).post(create))
        .route("/cooperation/new", get(new_form))
        .route("/cooperation/export.xlsx", get(export))
        .route("/cooperation/template.xlsx", get(template))
        .route("/cooperation/import", get(import_form).post(import).layer(crate::uploads::body_limit(crate::uploads::WORKBOOK_MAX_BYTES)))
        .route("/cooperation/scores", get(scores))
        .route("/cooperation/scores.xlsx", get(scores_export))
        .route("/cooperation/fusion", get(library))
        .route("/cooperation/fusion/{org}", get(fusion_page))
        .route("/cooperation/fusion/{org}/facts", post(declare))
        .route("/cooperation/fusion/{org}/step", post(step))
        .route("/cooperation/lists", get(lists_page).post(publish))
        .route("/cooperation/lists/{id}/offers", post(offer))
        .route("/cooperation/offers/{id}", post(decide_offer))
        .route("/cooperation/evidence/{id}", get(evidence))
        .route("/cooperation/{id}", get(detail))
        .route("/cooperation/{id}/confirm", post(confirm))
        .route("/cooperation/{id}/outputs", post(outputs))
        .route("/cooperation/{id}/renew", post(renew))
        .route("/cooperation/{id}/evidence", post(attach).layer(crate::uploads::body_limit(crate::uploads::EVIDENCE_MAX_BYTES)))
}

fn this_year() -> i32 {
    chrono::Utc::now().year()
}

#[derive(Template, WebTemplate)]
#[template(path = "cooperation/list.html")]
struct ListPage {
    page: Page,
    total: u64,
    rows: Vec<AgreementView>,
    pager: Pager,
    f_status: String,
    f_kind: String,
    statuses: Vec<(&'static str, &'static str)>,
    kinds: Vec<(&'static str, &'static str)>,
    can_write: bool,
    export_href: String,
}

fn kinds() -> Vec<(&'static str, &'static str)> {
    AgreementKind::ALL.iter().map(|k| (k.key(), k.label())).collect()
}

fn can_write(ctx: &Ctx) -> bool {
    ctx.user.as_ref().and_then(side_of).is_some()
}

async fn list(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<AgreementFilter>) -> PageResult<ListPage> {
    let (total, rows) = super::list(&s.db, &ctx, &f).await?;
    let params = [("status", f.status.clone().unwrap_or_default()), ("kind", f.kind.clone().unwrap_or_default())];
    let pager = Pager::new("/cooperation", &params, Paging::new(f.page, f.per_page), total);
    let export_href = crate::web::page_link("/cooperation/export.xlsx", &params, 1);
    let title = page.t("cooperation.title");
    Ok(ListPage {
        page: page.titled(title),
        total,
        rows,
        pager,
        f_status: f.status.unwrap_or_default(),
        f_kind: f.kind.unwrap_or_default(),
        statuses: STATUSES.to_vec(),
        kinds: kinds(),
        can_write: can_write(&ctx),
        export_href,
    })
}

async fn export(State(s): State<AppState>, ctx: Ctx, Query(mut f): Query<AgreementFilter>) -> PageResult<Response> {
    f.per_page = Some(500);
    let mut rows = Vec::new();
    for page_no in 1.. {
        f.page = Some(page_no);
        let (total, items) = super::list(&s.db, &ctx, &f).await?;
        let n = items.len();
        rows.extend(items);
        if n == 0 || rows.len() as u64 >= total {
            break;
        }
    }
    Ok(xlsx_response(super::import::export(&rows)?, "校企合作协议.xlsx"))
}

async fn template() -> PageResult<Response> {
    Ok(xlsx_response(super::import::template()?, "校企合作协议导入模板.xlsx"))
}

// ---------------------------------------------------------------------------------------
// Form

#[derive(Template, WebTemplate)]
#[template(path = "cooperation/form.html")]
struct FormPage {
    page: Page,
    input: AgreementInput,
    errors: Vec<FieldError>,
    side_label: &'static str,
    partner_label: &'static str,
    partners: Vec<(i64, String)>,
    associations: Vec<(i64, String)>,
    postings: Vec<(i64, String)>,
    majors: Vec<(String, String)>,
    kinds: Vec<(&'static str, &'static str)>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> String {
        let label = super::field_label(field);
        self.errors.iter().filter(|e| e.field == label).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
    fn major_selected(&self, code: &str) -> bool {
        self.input.majors.iter().any(|m| m == code)
    }
}

/// The secondary-level majors as (code, "名称（代码）"), by code.
fn major_choices() -> Vec<(String, String)> {
    catalogs()
        .majors
        .iter()
        .filter(|m| m.level == MajorLevel::Secondary && m.node == MajorNode::Major)
        .map(|m| (m.code.clone(), format!("{}（{}）", m.name, m.code)))
        .collect()
}

async fn form_page(s: &AppState, ctx: &Ctx, page: Page, input: AgreementInput, errors: Vec<FieldError>) -> PageResult<FormPage> {
    let side = side_of(ctx.user()?).ok_or(AppError::Forbidden)?;
    Ok(FormPage {
        side_label: side.label(),
        partner_label: if side == Side::School { "合作企业" } else { "合作职业院校" },
        partners: super::partner_choices(&s.db, ctx).await?,
        associations: super::orgs_of_kind(&s.db, "industry_association").await?,
        postings: super::posting_choices(&s.db, ctx).await?,
        majors: major_choices(),
        kinds: kinds(),
        page,
        input,
        errors,
    })
}

async fn new_form(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<FormPage> {
    let title = page.t("cooperation.new");
    let input = AgreementInput { start_date: chrono::Utc::now().date_naive().to_string(), ..Default::default() };
    form_page(&s, &ctx, page.titled(title), input, Vec::new()).await
}

async fn create(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<AgreementInput>) -> PageResult<Response> {
    match super::create(&s.db, &ctx, &input).await {
        Ok(m) => Ok(Redirect::to(&format!("/cooperation/{}", m.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            let title = page.t("cooperation.new");
            let form = form_page(&s, &ctx, page.titled(title), input, errors).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, form).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------
// Detail

#[derive(Template, WebTemplate)]
#[template(path = "cooperation/detail.html")]
struct DetailPage {
    page: Page,
    a: AgreementView,
    can_confirm: bool,
    is_party: bool,
    evidence: Vec<(i64, String)>,
    awaiting: &'static str,
}

async fn detail(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<DetailPage> {
    let a = super::get(&s.db, &ctx, id).await?;
    let (side, org) = match ctx.user.as_ref() {
        Some(u) => (side_of(u), u.org_id),
        None => (None, 0),
    };
    let is_party = match side {
        Some(Side::School) => a.school_org_id == org,
        Some(Side::Enterprise) => a.enterprise_org_id == org,
        None => false,
    };
    let can_confirm = is_party && a.status == "draft" && side.is_some_and(|s| s.key() != a.drafted_by);
    let awaiting = if a.status != "draft" {
        ""
    } else if a.drafted_by == "school" {
        "等待企业确认"
    } else {
        "等待学校确认"
    };
    let evidence = super::evidence_list(&s.db, id).await?.into_iter().map(|e| (e.id, e.file_name)).collect();
    let title = a.title.clone();
    Ok(DetailPage { page: page.titled(title), a, can_confirm, is_party, evidence, awaiting })
}

async fn confirm(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Redirect> {
    super::confirm(&s.db, &ctx, id).await?;
    Ok(Redirect::to(&format!("/cooperation/{id}")))
}

async fn outputs(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(input): Form<AgreementInput>) -> PageResult<Redirect> {
    super::update_outputs(&s.db, &ctx, id, &input).await?;
    Ok(Redirect::to(&format!("/cooperation/{id}")))
}

#[derive(serde::Deserialize)]
struct RenewForm {
    #[serde(default)]
    end_date: String,
}

async fn renew(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<RenewForm>) -> PageResult<Redirect> {
    let m = super::renew(&s.db, &ctx, id, &f.end_date).await?;
    Ok(Redirect::to(&format!("/cooperation/{}", m.id)))
}

async fn attach(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, mp: Multipart) -> PageResult<Redirect> {
    let target = super::evidence_target(&s.db, &ctx, id).await?;
    let upload = crate::uploads::file_field(mp, &s.settings.data_dir, crate::uploads::EVIDENCE_MAX_BYTES, "佐证材料").await?;
    super::attach_evidence(&s.db, &s.files, &ctx, target, upload).await?;
    Ok(Redirect::to(&format!("/cooperation/{id}")))
}

async fn evidence(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Response> {
    let (key, name) = super::evidence_file(&s.db, &ctx, id).await?;
    Ok(s.files.download(&key, &name).await?)
}

// ---------------------------------------------------------------------------------------
// Import

#[derive(Template, WebTemplate)]
#[template(path = "cooperation/import.html")]
struct ImportPage {
    page: Page,
    errors: Vec<FieldError>,
    imported: Option<usize>,
}

async fn import_form(ctx: Ctx, page: Page) -> PageResult<ImportPage> {
    if side_of(ctx.user()?).is_none() {
        return Err(AppError::Forbidden.into());
    }
    let title = page.t("cooperation.import");
    Ok(ImportPage { page: page.titled(title), errors: Vec::new(), imported: None })
}

async fn import(State(s): State<AppState>, ctx: Ctx, page: Page, mut mp: Multipart) -> PageResult<Response> {
    if side_of(ctx.user()?).is_none() {
        return Err(AppError::Forbidden.into());
    }
    let mut bytes = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::BadRequest(e.to_string()))? {
        if field.name() == Some("file") {
            bytes = field.bytes().await.map_err(|e| AppError::BadRequest(e.to_string()))?.to_vec();
        }
    }
    let title = page.t("cooperation.import");
    let page = page.titled(title);
    if bytes.is_empty() {
        let errors = vec![FieldError::new("文件", "请选择要导入的 Excel 文件")];
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, ImportPage { page, errors, imported: None }).into_response());
    }
    match super::import::run(&s.db, &ctx, &bytes).await {
        Ok(n) => Ok(ImportPage { page, errors: Vec::new(), imported: Some(n) }.into_response()),
        Err(AppError::Validation(errors)) => Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, ImportPage { page, errors, imported: None }).into_response()),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------
// Scores

#[derive(serde::Deserialize, Default)]
struct YearQuery {
    year: Option<i32>,
}

fn year_of(q: &YearQuery) -> i32 {
    q.year.filter(|y| (2000..=2100).contains(y)).unwrap_or_else(this_year)
}

#[derive(Template, WebTemplate)]
#[template(path = "cooperation/scores.html")]
struct ScoresPage {
    page: Page,
    year: i32,
    schools: Ranking,
    enterprises: Ranking,
}

async fn scores(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<YearQuery>) -> PageResult<ScoresPage> {
    let year = year_of(&q);
    let schools = super::ranking(&s.db, &ctx, true, year).await?;
    let enterprises = super::ranking(&s.db, &ctx, false, year).await?;
    let title = page.t("cooperation.scores");
    Ok(ScoresPage { page: page.titled(title), year, schools, enterprises })
}

/// The enterprises' ranking (for the benchmark-enterprise selection) with every component,
/// and the formula on a second sheet.
async fn scores_export(State(s): State<AppState>, ctx: Ctx, Query(q): Query<YearQuery>) -> PageResult<Response> {
    let year = year_of(&q);
    let r = super::ranking(&s.db, &ctx, false, year).await?;
    let bytes = ranking_workbook(&r, year).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, &format!("企业参与校企合作评分-{year}.xlsx")))
}

fn ranking_workbook(r: &Ranking, year: i32) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("企业参与校企合作评分")?;
    let mut headers = vec!["名次".to_string(), "企业".to_string(), format!("{year}年得分")];
    headers.extend(zhijiao_domain::cooperation::PARTICIPATION_2026.components.iter().map(|c| format!("{}（值/得分）", c.label)));
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h)?;
        ws.set_column_width(c as u16, 16)?;
    }
    for (i, row) in r.rows.iter().enumerate() {
        let n = i as u32 + 1;
        ws.write_number(n, 0, row.rank as f64)?;
        ws.write_string(n, 1, crate::xlsx::neutralise(&row.name))?;
        ws.write_number(n, 2, row.score)?;
        for (j, p) in row.parts.iter().enumerate() {
            ws.write_string(n, 3 + j as u16, format!("{} / {}", p.value, p.points))?;
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("评分公式")?;
    notes.write_string(0, 0, &r.formula)?;
    notes.write_string(1, 0, "依据：《关于推动淄博高新区现代职业教育高质量发展的若干措施》（十二）“工业和信息化部门要把企业参与校企合作的情况，作为各类标杆企业选树的重要参考”")?;
    wb.save_to_buffer()
}

// ---------------------------------------------------------------------------------------
// 产教融合型企业

#[derive(Template, WebTemplate)]
#[template(path = "cooperation/library.html")]
struct LibraryPage {
    page: Page,
    rows: Vec<LibraryRow>,
    enterprises: Vec<(i64, String)>,
}

async fn library(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<Response> {
    let u = ctx.user()?;
    if u.org_kind == "enterprise" && side_of(u).is_some() {
        return Ok(Redirect::to(&format!("/cooperation/fusion/{}", u.org_id)).into_response());
    }
    let rows = fusion::library(&s.db, &ctx).await?;
    let enterprises = super::orgs_of_kind(&s.db, "enterprise").await?;
    let title = page.t("cooperation.fusion");
    Ok(LibraryPage { page: page.titled(title), rows, enterprises }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "cooperation/fusion.html")]
struct FusionPage {
    page: Page,
    v: FusionView,
    own: bool,
    district: bool,
    provinces: Vec<&'static str>,
}

impl FusionPage {
    fn evidence_for(&self, key: &str) -> Vec<&fusion::EvidenceLink> {
        self.v.evidence.iter().filter(|(k, _)| k == key).flat_map(|(_, l)| l.iter()).collect()
    }
}

#[derive(serde::Deserialize, Default)]
struct ProvinceQuery {
    province: Option<String>,
}

async fn fusion_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(org): Path<i64>, Query(q): Query<ProvinceQuery>) -> PageResult<FusionPage> {
    let v = fusion::view(&s.db, &ctx, org, q.province.as_deref()).await?;
    let u = ctx.user()?;
    let own = u.org_id == org && side_of(u) == Some(Side::Enterprise);
    let district = ctx.can(crate::roles::Permission::OrgManage);
    let title = format!("{} · {}", page.t("cooperation.fusion"), v.org_name);
    Ok(FusionPage { page: page.titled(title), v, own, district, provinces: PROVINCES.iter().map(|p| p.province).collect() })
}

#[derive(serde::Deserialize)]
struct DeclareForm {
    #[serde(default)]
    province: String,
    #[serde(default)]
    years_operating: String,
    #[serde(default)]
    registered_in_province: Option<String>,
    #[serde(default)]
    pays_tax_in_province: Option<String>,
    #[serde(default)]
    is_education_company: Option<String>,
    #[serde(default)]
    major_accident: Option<String>,
    #[serde(default)]
    on_dishonesty_list: Option<String>,
}

async fn declare(State(s): State<AppState>, ctx: Ctx, Path(org): Path<i64>, Form(f): Form<DeclareForm>) -> PageResult<Redirect> {
    fusion::own_enterprise(&ctx, org)?;
    let years_operating = f
        .years_operating
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|y| *y <= 200)
        .ok_or_else(|| AppError::Validation(vec![FieldError::new("经营年限", format!("“{}”应为 0 到 200 之间的整数", f.years_operating.trim()))]))?;
    let d = Declared {
        registered_in_province: f.registered_in_province.is_some(),
        pays_tax_in_province: f.pays_tax_in_province.is_some(),
        years_operating,
        is_education_company: f.is_education_company.is_some(),
        major_accident: f.major_accident.is_some(),
        on_dishonesty_list: f.on_dishonesty_list.is_some(),
    };
    fusion::declare(&s.db, &ctx, org, &d, f.province.trim()).await?;
    Ok(Redirect::to(&format!("/cooperation/fusion/{org}")))
}

#[derive(serde::Deserialize)]
struct StepForm {
    action: String,
    #[serde(default)]
    reason: String,
}

async fn step(State(s): State<AppState>, ctx: Ctx, Path(org): Path<i64>, Form(f): Form<StepForm>) -> PageResult<Redirect> {
    ctx.user()?;
    fusion::step(&s.db, &ctx, org, f.action.trim(), &f.reason).await?;
    Ok(Redirect::to(&format!("/cooperation/fusion/{org}")))
}

// ---------------------------------------------------------------------------------------
// The three lists

#[derive(Template, WebTemplate)]
#[template(path = "cooperation/lists.html")]
struct ListsPage {
    page: Page,
    needs: Vec<super::lists::NeedView>,
    lists: Vec<(&'static str, &'static str)>,
    offer_kinds: Vec<(&'static str, &'static str)>,
    is_enterprise: bool,
    is_school: bool,
    org_id: i64,
}

async fn lists_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ListsPage> {
    let needs = super::lists::list(&s.db, &ctx).await?;
    let u = ctx.user()?;
    let is_enterprise = side_of(u) == Some(Side::Enterprise);
    let is_school = side_of(u) == Some(Side::School) || (u.has_role(crate::roles::Role::Teacher) && crate::roles::is_school_kind(&u.org_kind));
    let title = page.t("cooperation.lists");
    Ok(ListsPage {
        page: page.titled(title),
        needs,
        lists: super::lists::LISTS.to_vec(),
        offer_kinds: super::lists::OFFER_KINDS.to_vec(),
        is_enterprise,
        is_school,
        org_id: u.org_id,
    })
}

async fn publish(State(s): State<AppState>, ctx: Ctx, Form(input): Form<super::lists::NeedInput>) -> PageResult<Redirect> {
    super::lists::publish(&s.db, &ctx, &input).await?;
    Ok(Redirect::to("/cooperation/lists"))
}

async fn offer(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(input): Form<super::lists::OfferInput>) -> PageResult<Redirect> {
    super::lists::offer(&s.db, &ctx, id, &input).await?;
    Ok(Redirect::to("/cooperation/lists"))
}

#[derive(serde::Deserialize)]
struct OfferDecision {
    #[serde(default)]
    action: String,
    #[serde(default)]
    outcome: String,
}

async fn decide_offer(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<OfferDecision>) -> PageResult<Redirect> {
    super::lists::decide(&s.db, &ctx, id, &f.action, &f.outcome).await?;
    Ok(Redirect::to("/cooperation/lists"))
}
