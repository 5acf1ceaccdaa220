//! Report pages: the draft for a period and scope (district readers; regenerate and
//! publish for the district), published versions (public, no login, with a QR code of
//! their own address), downloads (.xlsx, .docx), the list of versions, and the pages
//! where the district keeps the industry chains and the crosswalk.
//!
//! Every section is rendered from `zhijiao_reports::tables` (the same tables as the .xlsx
//! sheets) plus ECharts charts whose options are JSON in `<script type="application/json">`
//! (drawn by static/charts.js: CSP forbids inline scripts).

use super::{Built, ChainInput, ChainView, CrosswalkFilter, CrosswalkInput, CrosswalkView, VersionView};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::{AppError, PageResult};
use crate::roles::Permission;
use crate::web::{AppState, Page, Pager, Paging};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use zhijiao_domain::talent_report::{Dimension, ReportOutput, Scope};
use zhijiao_reports::tables::{Table, tables};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/talent", get(draft_page))
        .route("/reports/talent/draft", post(regenerate))
        .route("/reports/talent/publish", post(publish))
        .route("/reports/talent/draft.xlsx", get(draft_xlsx))
        .route("/reports/talent/draft.docx", get(draft_docx))
        .route("/reports/talent/published", get(versions_page))
        .route("/reports/talent/published.xlsx", get(versions_export))
        .route("/reports/talent/v/{id}", get(version_page))
        .route("/reports/talent/v/{id}/report.xlsx", get(version_xlsx))
        .route("/reports/talent/v/{id}/report.docx", get(version_docx))
        .route("/reports/talent/chains", get(chains_page).post(chain_create))
        .route("/reports/talent/chains.xlsx", get(chains_export))
        .route("/reports/talent/chains/{id}", post(chain_update))
        .route("/reports/talent/chains/{id}/delete", post(chain_delete))
        .route("/reports/talent/crosswalk", get(crosswalk_page).post(crosswalk_save))
        .route("/reports/talent/crosswalk.xlsx", get(crosswalk_export))
}

// ---------------------------------------------------------------------------------------
// Rendering a report

pub struct TableView {
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub note: String,
}

pub struct ChartView {
    pub id: String,
    pub title: String,
    /// ECharts options (page), or empty when `svg` is used.
    pub json: String,
    /// A static SVG chart (the CLI's self-contained HTML).
    pub svg: String,
}

pub struct SectionView {
    pub key: &'static str,
    pub title: String,
    pub has_data: bool,
    pub note: String,
    pub headlines: Vec<String>,
    pub charts: Vec<ChartView>,
    pub tables: Vec<TableView>,
}

fn table_view(t: &Table) -> TableView {
    TableView {
        title: t.title_zh.clone(),
        headers: t.headers.clone(),
        rows: t.rows.iter().map(|r| r.iter().map(|c| c.display()).collect()).collect(),
        note: t.note_zh.clone(),
    }
}

/// JSON for `<script type="application/json">`: "</" must not close the element.
fn script_json(v: serde_json::Value) -> String {
    v.to_string().replace("</", "<\\/")
}

fn bar(id: &str, title: &str, names: Vec<String>, series: Vec<(String, Vec<f64>)>, horizontal: bool) -> ChartView {
    let series: Vec<serde_json::Value> =
        series.into_iter().map(|(n, d)| serde_json::json!({"name": n, "type": "bar", "data": d})).collect();
    let (cat, val) = (serde_json::json!({"type": "category", "data": names, "axisLabel": {"interval": 0}}), serde_json::json!({"type": "value"}));
    let options = serde_json::json!({
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 10, "right": 20, "bottom": 10, "top": 30, "containLabel": true},
        "xAxis": if horizontal { val.clone() } else { cat.clone() },
        "yAxis": if horizontal { let mut c = cat; c["inverse"] = true.into(); c } else { val },
        "series": series,
    });
    ChartView { id: id.into(), title: title.into(), json: script_json(options), svg: String::new() }
}

/// The ECharts charts of each section, only where there is data.
fn charts(r: &ReportOutput, section: &str) -> Vec<ChartView> {
    let mut out = Vec::new();
    match section {
        "summary" => {
            if let Some(s) = r.summary.data.as_ref().filter(|s| !s.top_short.is_empty()) {
                let names = s.top_short.iter().map(|g| g.occupation_name.clone()).collect();
                let v = s.top_short.iter().map(|g| g.shortage.as_ref().map_or(0.0, |x| (x.index * 100.0).round() / 100.0)).collect();
                out.push(bar("chart-top-short", "紧缺职业紧缺指数（1–5）", names, vec![("紧缺指数".into(), v)], true));
            }
        }
        "demand" => {
            if let Some(d) = &r.demand.data {
                for (dim, id) in [(Dimension::Chain, "chart-demand-chain"), (Dimension::Occupation, "chart-demand-occupation"), (Dimension::Pay, "chart-demand-pay")] {
                    if let Some(t) = d.tables.iter().find(|t| t.dimension == dim).filter(|t| !t.rows.is_empty()) {
                        let rows: Vec<_> = t.rows.iter().take(10).collect();
                        out.push(bar(
                            id,
                            &format!("岗位{}", t.title_zh),
                            rows.iter().map(|x| x.label_zh.clone()).collect(),
                            vec![
                                ("去重岗位数".into(), rows.iter().map(|x| x.unique_postings as f64).collect()),
                                ("新增岗位数".into(), rows.iter().map(|x| x.new_postings as f64).collect()),
                            ],
                            dim == Dimension::Occupation,
                        ));
                    }
                }
                if !d.monthly.is_empty() {
                    let names: Vec<String> = d.monthly.iter().map(|m| format!("{}-{:02}", m.year, m.month)).collect();
                    let line = |n: &str, v: Vec<f64>| serde_json::json!({"name": n, "type": "line", "data": v});
                    let options = serde_json::json!({
                        "tooltip": {"trigger": "axis"},
                        "legend": {"top": 0},
                        "grid": {"left": 10, "right": 20, "bottom": 10, "top": 30, "containLabel": true},
                        "xAxis": {"type": "category", "data": names},
                        "yAxis": {"type": "value"},
                        "series": [
                            line("总岗位数", d.monthly.iter().map(|m| m.total_postings as f64).collect()),
                            line("去重岗位数", d.monthly.iter().map(|m| m.unique_postings as f64).collect()),
                            line("新增岗位数", d.monthly.iter().map(|m| m.new_postings as f64).collect()),
                        ],
                    });
                    out.push(ChartView { id: "chart-demand-monthly".into(), title: "月度趋势".into(), json: script_json(options), svg: String::new() });
                }
            }
        }
        "supply" => {
            if let Some(s) = &r.supply.data {
                let rows: Vec<_> = s.by_major.iter().take(12).collect();
                out.push(bar(
                    "chart-supply-major",
                    "毕业生去向（按专业）",
                    rows.iter().map(|x| x.major.name.clone()).collect(),
                    vec![
                        ("就业".into(), rows.iter().map(|x| x.employed as f64).collect()),
                        ("升学".into(), rows.iter().map(|x| x.further_study as f64).collect()),
                        ("待就业".into(), rows.iter().map(|x| x.seeking as f64).collect()),
                        ("本地就业".into(), rows.iter().map(|x| x.employed_local as f64).collect()),
                    ],
                    true,
                ));
            }
        }
        "gap" => {
            if let Some(g) = &r.gap.data {
                let rows: Vec<_> = g.by_occupation.iter().take(10).collect();
                if !rows.is_empty() {
                    out.push(bar(
                        "chart-gap-occupation",
                        "需求与本地供给（按职业）",
                        rows.iter().map(|x| x.occupation_name.clone()).collect(),
                        vec![
                            ("需求".into(), rows.iter().map(|x| (x.demand * 10.0).round() / 10.0).collect()),
                            ("本地供给".into(), rows.iter().map(|x| (x.local_supply * 10.0).round() / 10.0).collect()),
                        ],
                        true,
                    ));
                }
                if g.star_counts.iter().any(|n| *n > 0) {
                    out.push(bar(
                        "chart-gap-stars",
                        "紧缺指数星级分布（职业数）",
                        (1..=5).map(|i| "★".repeat(i)).collect(),
                        vec![("职业数".into(), g.star_counts.iter().map(|n| *n as f64).collect())],
                        false,
                    ));
                }
            }
        }
        _ => {}
    }
    out
}

/// The seven sections with their tables (in .xlsx sheet order) and charts.
pub fn sections(r: &ReportOutput) -> Vec<SectionView> {
    let all = tables(r);
    let pick = |range: std::ops::Range<usize>| all[range].iter().map(table_view).collect::<Vec<_>>();
    let mk = |key: &'static str, title: &str, has_data: bool, note: &str, tables: Vec<TableView>| SectionView {
        key,
        title: title.to_string(),
        has_data,
        note: note.to_string(),
        headlines: Vec::new(),
        charts: if has_data { charts(r, key) } else { Vec::new() },
        tables: if has_data { tables } else { Vec::new() },
    };
    let mut summary = mk("summary", &r.summary.title_zh, r.summary.data.is_some(), &r.summary.note_zh, pick(0..2));
    summary.headlines = r.summary.data.as_ref().map(|s| s.headlines_zh.clone()).unwrap_or_default();
    let mut method = mk("method", &r.method.title_zh, r.method.data.is_some(), &r.method.note_zh, pick(16..17));
    if let Some(m) = &r.method.data {
        method.headlines = m.formulas_zh.clone();
    }
    vec![
        summary,
        mk("demand", &r.demand.title_zh, r.demand.data.is_some(), &r.demand.note_zh, pick(2..10)),
        mk("supply", &r.supply.title_zh, r.supply.data.is_some(), &r.supply.note_zh, pick(10..11)),
        mk("gap", &r.gap.title_zh, r.gap.data.is_some(), &r.gap.note_zh, pick(11..14)),
        mk("skills", &r.skills.title_zh, r.skills.data.is_some(), &r.skills.note_zh, pick(14..15)),
        mk("recommendations", &r.recommendations.title_zh, r.recommendations.data.is_some(), &r.recommendations.note_zh, pick(15..16)),
        method,
    ]
}

/// The report as one self-contained HTML file (the CLI's `--format html`): the same
/// sections with static SVG charts, no script.
pub fn standalone_html(b: &Built) -> String {
    let mut secs = sections(&b.output);
    let svgs = zhijiao_reports::report_charts(&b.output);
    for s in &mut secs {
        s.charts.clear();
    }
    for (id, title, svg) in svgs {
        let key = match id {
            "top_short" => "summary",
            _ => "demand",
        };
        if let Some(s) = secs.iter_mut().find(|s| s.key == key) {
            s.charts.push(ChartView { id: id.to_string(), title, json: String::new(), svg });
        }
    }
    Standalone { title: b.output.title_zh.clone(), sections: secs }.render().unwrap_or_default()
}

#[derive(Template)]
#[template(path = "report/standalone.html")]
struct Standalone {
    title: String,
    sections: Vec<SectionView>,
}

// ---------------------------------------------------------------------------------------
// The draft

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct ReportQuery {
    /// 2026, 2026-Q3 or 2026-09; default: this year.
    pub period: Option<String>,
    /// A chain's name; empty = the zone.
    pub chain: Option<String>,
}

async fn resolve(s: &AppState, q: &ReportQuery) -> Result<(zhijiao_domain::talent_report::Period, Scope), AppError> {
    let period = match q.period.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => super::period_or_error(p)?,
        None => zhijiao_domain::talent_report::Period::Year(chrono::Datelike::year(&super::today())),
    };
    let scope = super::resolve_scope(&s.db, q.chain.as_deref()).await?;
    Ok((period, scope))
}

fn query_string(period: &str, scope: &Scope) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    q.append_pair("period", period);
    if let Scope::Chain(c) = scope {
        q.append_pair("chain", c);
    }
    q.finish()
}

#[derive(Template, WebTemplate)]
#[template(path = "report/draft.html")]
struct DraftPage {
    page: Page,
    title: String,
    period: String,
    chain: String,
    chains: Vec<ChainView>,
    generated_at: String,
    can_manage: bool,
    qs: String,
    versions: Vec<VersionView>,
    sections: Vec<SectionView>,
}

fn china(t: chrono::DateTime<chrono::Utc>) -> String {
    (t + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string()
}

async fn draft_page(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<ReportQuery>) -> PageResult<DraftPage> {
    super::require_read(&ctx)?;
    let (period, scope) = resolve(&s, &q).await?;
    let b = super::draft(&s.db, &ctx, period, scope.clone()).await?;
    let key = super::period_key(period);
    let scope_key = super::scope_key(&scope);
    let versions = super::versions(&s.db).await?.into_iter().filter(|v| v.period == key && v.scope == scope_key).collect();
    let title = page.t("report.title");
    Ok(DraftPage {
        page: page.titled(title),
        title: b.output.title_zh.clone(),
        qs: query_string(&key, &scope),
        period: key,
        chain: scope_key,
        chains: super::chains(&s.db).await?,
        generated_at: b.generated_at.map(china).unwrap_or_default(),
        can_manage: ctx.can(Permission::ReportManage),
        versions,
        sections: sections(&b.output),
    })
}

#[derive(Debug, Default, Clone, Deserialize)]
struct ReportForm {
    #[serde(default)]
    period: String,
    #[serde(default)]
    chain: Option<String>,
}

async fn regenerate(State(s): State<AppState>, ctx: Ctx, Form(f): Form<ReportForm>) -> PageResult<Redirect> {
    super::require_manage(&ctx)?;
    let (period, scope) = resolve(&s, &ReportQuery { period: Some(f.period), chain: f.chain }).await?;
    super::regenerate(&s.db, &ctx, period, scope.clone()).await?;
    Ok(Redirect::to(&format!("/reports/talent?{}", query_string(&super::period_key(period), &scope))))
}

async fn publish(State(s): State<AppState>, ctx: Ctx, Form(f): Form<ReportForm>) -> PageResult<Redirect> {
    super::require_manage(&ctx)?;
    let (period, scope) = resolve(&s, &ReportQuery { period: Some(f.period), chain: f.chain }).await?;
    let v = super::publish(&s.db, &ctx, period, scope).await?;
    Ok(Redirect::to(&format!("/reports/talent/v/{}", v.id)))
}

pub fn docx_response(bytes: Vec<u8>, filename: &str) -> Response {
    (
        [
            ("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document".to_string()),
            ("content-disposition", crate::export::attachment_disposition(&filename)),
        ],
        bytes,
    )
        .into_response()
}

async fn draft_xlsx(State(s): State<AppState>, ctx: Ctx, Query(q): Query<ReportQuery>) -> PageResult<Response> {
    super::require_read(&ctx)?;
    let (period, scope) = resolve(&s, &q).await?;
    let b = super::draft(&s.db, &ctx, period, scope).await?;
    Ok(xlsx_response(super::xlsx_bytes(&b), &super::file_name(&b, "xlsx")))
}

async fn draft_docx(State(s): State<AppState>, ctx: Ctx, Query(q): Query<ReportQuery>) -> PageResult<Response> {
    super::require_read(&ctx)?;
    let (period, scope) = resolve(&s, &q).await?;
    let b = super::draft(&s.db, &ctx, period, scope).await?;
    Ok(docx_response(super::docx_bytes(&b), &super::file_name(&b, "docx")))
}

// ---------------------------------------------------------------------------------------
// Published versions (public)

#[derive(Template, WebTemplate)]
#[template(path = "report/version.html")]
struct VersionPage {
    page: Page,
    title: String,
    version: i32,
    published_at: String,
    id: i64,
    qr: String,
    sections: Vec<SectionView>,
}

async fn version_page(State(s): State<AppState>, page: Page, Path(id): Path<i64>) -> PageResult<VersionPage> {
    let b = super::published(&s.db, id).await?;
    let v = b.version.clone().ok_or(AppError::NotFound)?;
    let qr = page.qr_svg();
    Ok(VersionPage {
        title: v.title.clone(),
        page: page.titled(v.title.clone()),
        version: v.version,
        published_at: china(v.published_at),
        id: v.id,
        qr,
        sections: sections(&b.output),
    })
}

async fn version_xlsx(State(s): State<AppState>, Path(id): Path<i64>) -> PageResult<Response> {
    let b = super::published(&s.db, id).await?;
    Ok(xlsx_response(super::xlsx_bytes(&b), &super::file_name(&b, "xlsx")))
}

async fn version_docx(State(s): State<AppState>, Path(id): Path<i64>) -> PageResult<Response> {
    let b = super::published(&s.db, id).await?;
    Ok(docx_response(super::docx_bytes(&b), &super::file_name(&b, "docx")))
}

#[derive(Template, WebTemplate)]
#[template(path = "report/versions.html")]
struct VersionsPage {
    page: Page,
    versions: Vec<VersionView>,
}

async fn versions_page(State(s): State<AppState>, page: Page) -> PageResult<VersionsPage> {
    let title = page.t("report.published");
    Ok(VersionsPage { page: page.titled(title), versions: super::versions(&s.db).await? })
}

fn scope_label(s: &str) -> String {
    super::scope_of_key(s).label_zh()
}

async fn versions_export(State(s): State<AppState>) -> PageResult<Response> {
    let rows = super::versions(&s.db).await?.into_iter().map(|v| {
        vec![v.title, v.period, scope_label(&v.scope), v.version.to_string(), v.published_at, v.url]
    });
    let bytes = crate::xlsx::export("已发布报告", &["标题", "报告期", "范围", "版本", "发布时间", "网址"], rows).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "产业人才需求信息报告_已发布.xlsx"))
}

// ---------------------------------------------------------------------------------------
// Chains

#[derive(Template, WebTemplate)]
#[template(path = "report/chains.html")]
struct ChainsPage {
    page: Page,
    chains: Vec<ChainView>,
    can_manage: bool,
}

async fn chains_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ChainsPage> {
    super::require_read(&ctx)?;
    let title = page.t("report.chains");
    Ok(ChainsPage { page: page.titled(title), chains: super::chains(&s.db).await?, can_manage: ctx.can(Permission::ReportManage) })
}

async fn chain_create(State(s): State<AppState>, ctx: Ctx, Form(f): Form<ChainInput>) -> PageResult<Redirect> {
    super::save_chain(&s.db, &ctx, None, &f).await?;
    Ok(Redirect::to("/reports/talent/chains"))
}

async fn chain_update(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<ChainInput>) -> PageResult<Redirect> {
    super::save_chain(&s.db, &ctx, Some(id), &f).await?;
    Ok(Redirect::to("/reports/talent/chains"))
}

async fn chain_delete(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Redirect> {
    super::delete_chain(&s.db, &ctx, id).await?;
    Ok(Redirect::to("/reports/talent/chains"))
}

async fn chains_export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    super::require_read(&ctx)?;
    let rows = super::chains(&s.db).await?.into_iter().map(|c| vec![c.name, c.industry_codes.join(","), c.industries.join("；")]);
    let bytes = crate::xlsx::export("产业链", &["产业链", "行业代码", "行业"], rows).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "产业链.xlsx"))
}

// ---------------------------------------------------------------------------------------
// Crosswalk

#[derive(Template, WebTemplate)]
#[template(path = "report/crosswalk.html")]
struct CrosswalkPage {
    page: Page,
    total: u64,
    rows: Vec<CrosswalkView>,
    pager: Pager,
    q: String,
    level: String,
    can_manage: bool,
}

async fn crosswalk_page(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<CrosswalkFilter>) -> PageResult<CrosswalkPage> {
    let (total, rows) = super::crosswalk_list(&s.db, &ctx, &f).await?;
    let params = vec![("q", f.q.clone().unwrap_or_default()), ("level", f.level.clone().unwrap_or_default())];
    let pager = Pager::new("/reports/talent/crosswalk", &params, Paging::new(f.page, f.per_page), total);
    let title = page.t("report.crosswalk");
    Ok(CrosswalkPage {
        page: page.titled(title),
        total,
        rows,
        pager,
        q: f.q.unwrap_or_default(),
        level: f.level.unwrap_or_default(),
        can_manage: ctx.can(Permission::ReportManage),
    })
}

async fn crosswalk_save(State(s): State<AppState>, ctx: Ctx, Form(f): Form<CrosswalkInput>) -> PageResult<Redirect> {
    let v = super::save_crosswalk(&s.db, &ctx, &f).await?;
    Ok(Redirect::to(&format!("/reports/talent/crosswalk?q={}", v.major_code)))
}

async fn crosswalk_export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    let mut all = Vec::new();
    let mut page_no = 1;
    loop {
        let f = CrosswalkFilter { page: Some(page_no), per_page: Some(500), ..Default::default() };
        let (total, rows) = super::crosswalk_list(&s.db, &ctx, &f).await?;
        let n = rows.len();
        all.extend(rows);
        if n == 0 || all.len() as u64 >= total {
            break;
        }
        page_no += 1;
    }
    let rows = all.into_iter().map(|r| {
        vec![r.level_name, r.major_code, r.major_name, r.occupation_codes.join(","), r.occupations.join("；"), if r.edited { "是" } else { "否" }.into()]
    });
    let bytes = crate::xlsx::export("专业职业对照", &["层次", "专业代码", "专业名称", "职业代码", "职业", "区里修改过"], rows)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "专业职业对照表.xlsx"))
}
