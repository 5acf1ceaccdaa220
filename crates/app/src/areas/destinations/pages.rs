//! Destination pages: the list (with the rows behind every figure), the record/edit form,
//! the rates page with formulas, sources and a chart by major, and the .xlsx exports.

use super::{DestinationFilter, DestinationInput, DestinationView, METRICS, Rates, RatesReport, pct, snapshot_label};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::entity::{graduate_destination as gd, organization};
use crate::error::{AppError, FieldError, PageResult};
use crate::roles::Permission;
use crate::web::{AppState, Page, Pager, Paging};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use sea_orm::EntityTrait;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/destinations", get(list).post(create))
        .route("/destinations/new", get(new_form))
        .route("/destinations/export.xlsx", get(export))
        .route("/destinations/rates", get(rates_page))
        .route("/destinations/rates.xlsx", get(rates_export))
        .route("/destinations/{id}", axum::routing::post(update))
        .route("/destinations/{id}/edit", get(edit_form))
}

/// `/destinations?…`: the rows behind a figure.
pub fn list_href(year: Option<i32>, snapshot: &str, org_id: Option<i64>, major_code: Option<&str>, class: &str) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    if let Some(y) = year {
        q.append_pair("year", &y.to_string());
    }
    q.append_pair("snapshot", snapshot);
    if let Some(o) = org_id {
        q.append_pair("org_id", &o.to_string());
    }
    if let Some(m) = major_code.filter(|m| !m.is_empty()) {
        q.append_pair("major_code", m);
    }
    if class != "all" {
        q.append_pair("class", class);
    }
    format!("/destinations?{}", q.finish())
}

async fn schools_for(s: &AppState, ctx: &Ctx) -> PageResult<Vec<(i64, String)>> {
    Ok(if ctx.can(Permission::StudentReadAll) {
        crate::areas::imports::schools(&s.db).await?.into_iter().filter(|o| o.kind == "vocational_school").map(|o| (o.id, o.name)).collect()
    } else {
        Vec::new()
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "destinations/list.html")]
struct ListPage {
    page: Page,
    total: u64,
    rows: Vec<DestinationView>,
    pager: Pager,
    f: DestinationFilter,
    f_year: String,
    f_org: String,
    schools: Vec<(i64, String)>,
    classes: Vec<(&'static str, &'static str)>,
    can_write: bool,
    export_href: String,
}

fn class_options(page: &Page) -> Vec<(&'static str, &'static str)> {
    super::CLASSES.iter().map(|c| (*c, page.t(&format!("destination.classes.{c}")))).collect()
}

fn filter_params(f: &DestinationFilter) -> Vec<(&'static str, String)> {
    vec![
        ("org_id", f.org_id.map(|o| o.to_string()).unwrap_or_default()),
        ("year", f.year.map(|o| o.to_string()).unwrap_or_default()),
        ("snapshot", f.snapshot.clone().unwrap_or_default()),
        ("major_code", f.major_code.clone().unwrap_or_default()),
        ("class", f.class.clone().unwrap_or_default()),
        ("q", f.q.clone().unwrap_or_default()),
    ]
}

async fn list(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<DestinationFilter>) -> PageResult<ListPage> {
    let (total, rows) = super::list(&s.db, &ctx, &f).await?;
    let params = filter_params(&f);
    let pager = Pager::new("/destinations", &params, Paging::new(f.page, f.per_page), total);
    let export_href = {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in &params {
            if !v.is_empty() {
                q.append_pair(k, v);
            }
        }
        format!("/destinations/export.xlsx?{}", q.finish())
    };
    let title = page.t("nav.destinations");
    Ok(ListPage {
        classes: class_options(&page),
        schools: schools_for(&s, &ctx).await?,
        page: page.titled(title),
        total,
        rows,
        pager,
        f_year: f.year.map(|y| y.to_string()).unwrap_or_default(),
        f_org: f.org_id.map(|y| y.to_string()).unwrap_or_default(),
        f,
        can_write: ctx.can(Permission::StudentWriteOwn),
        export_href,
    })
}

async fn export(State(s): State<AppState>, ctx: Ctx, Query(f): Query<DestinationFilter>) -> PageResult<Response> {
    let headers = [
        "学校", "学号", "姓名", "身份证件号", "专业代码", "专业名称", "毕业年份", "统计时点", "毕业去向代码", "毕业去向", "去向类别", "就业单位", "职业代码",
        "职业名称", "单位所在地", "区内就业", "专业对口", "来源",
    ];
    let bytes = crate::export::xlsx("毕业去向", &headers, |after| {
        let (s, ctx, f) = (&s, &ctx, &f);
        async move {
            let items = super::batch_after(&s.db, ctx, f, after).await?;
            Ok(crate::export::Batch::of(items, |v| v.id, |v| {
                vec![
                    v.school_name,
                    v.student_no,
                    v.student_name,
                    v.id_number,
                    v.major_code,
                    v.major_name,
                    v.graduation_year.to_string(),
                    snapshot_label(&v.snapshot).to_string(),
                    v.destination_code,
                    v.destination_name,
                    v.destination_class,
                    v.employer_name.unwrap_or_default(),
                    v.occupation_code.unwrap_or_default(),
                    v.occupation_name.unwrap_or_default(),
                    v.employer_place,
                    if v.in_zone { "是" } else { "否" }.into(),
                    if v.major_aligned { "是" } else { "否" }.into(),
                    v.source,
                ]
            }))
        }
    })
    .await?;
    Ok(xlsx_response(bytes, "毕业去向.xlsx"))
}

// ---------------------------------------------------------------------------------------
// Rates

struct Cell {
    value: String,
    href: String,
    title: String,
}

struct MetricCard {
    key: &'static str,
    label: &'static str,
    formula: &'static str,
    source: &'static str,
    value: String,
    num: u32,
    den: u32,
    num_href: String,
    den_href: String,
}

struct TableRow {
    label: String,
    graduates: u32,
    graduates_href: String,
    cells: Vec<Cell>,
}

#[derive(Template, WebTemplate)]
#[template(path = "destinations/rates.html")]
struct RatesPage {
    page: Page,
    r: RatesReport,
    snapshot_label: &'static str,
    cards: Vec<MetricCard>,
    schools: Vec<(i64, String)>,
    school_rows: Vec<TableRow>,
    major_rows: Vec<TableRow>,
    metric_labels: Vec<&'static str>,
    chart_json: String,
    f_org: String,
    export_href: String,
}

fn table_row(r: &RatesReport, label: String, rates: &Rates, org_id: Option<i64>, major: Option<&str>) -> TableRow {
    let href = |class: &str| list_href(r.graduation_year, &r.snapshot, org_id, major, class);
    TableRow {
        label,
        graduates: rates.graduates,
        graduates_href: href("all"),
        cells: METRICS
            .iter()
            .map(|m| {
                let (num, den, rate) = rates.metric(m.key);
                Cell { value: pct(rate), href: href(m.num_class), title: format!("{num} / {den}") }
            })
            .collect(),
    }
}

/// ECharts options for the bar chart by major: the rates in percent (null = no data).
fn chart_options(r: &RatesReport) -> String {
    let names: Vec<&str> = r.by_major.iter().map(|m| m.label.as_str()).collect();
    let series: Vec<serde_json::Value> = METRICS
        .iter()
        .filter(|m| m.key != "placement_rate")
        .map(|m| {
            let data: Vec<Option<f64>> =
                r.by_major.iter().map(|row| row.rates.metric(m.key).2.map(|v| (v * 1000.0).round() / 10.0)).collect();
            serde_json::json!({"name": m.label, "type": "bar", "data": data})
        })
        .collect();
    let options = serde_json::json!({
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 40, "right": 10, "bottom": 90, "containLabel": true},
        "xAxis": {"type": "category", "data": names, "axisLabel": {"interval": 0, "rotate": 30}},
        "yAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "series": series,
    });
    // Inside <script type="application/json">: "</" must not close the element.
    options.to_string().replace("</", "<\\/")
}

async fn rates_page(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<DestinationFilter>) -> PageResult<RatesPage> {
    let r = super::rates(&s.db, &ctx, &f).await?;
    let cards = METRICS
        .iter()
        .map(|m| {
            let (num, den, rate) = r.total.metric(m.key);
            MetricCard {
                key: m.key,
                label: m.label,
                formula: m.formula,
                source: m.source,
                value: pct(rate),
                num,
                den,
                num_href: list_href(r.graduation_year, &r.snapshot, r.org_id, r.major_code.as_deref(), m.num_class),
                den_href: list_href(r.graduation_year, &r.snapshot, r.org_id, r.major_code.as_deref(), m.den_class),
            }
        })
        .collect();
    let school_rows = r
        .by_school
        .iter()
        .map(|row| table_row(&r, row.label.clone(), &row.rates, row.key.parse().ok(), r.major_code.as_deref()))
        .collect();
    let major_rows = r.by_major.iter().map(|row| table_row(&r, row.label.clone(), &row.rates, r.org_id, Some(&row.key))).collect();
    let export_href = {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        if let Some(y) = r.graduation_year {
            q.append_pair("year", &y.to_string());
        }
        q.append_pair("snapshot", &r.snapshot);
        if let Some(o) = r.org_id {
            q.append_pair("org_id", &o.to_string());
        }
        format!("/destinations/rates.xlsx?{}", q.finish())
    };
    let title = page.t("destination.rates_title");
    Ok(RatesPage {
        schools: schools_for(&s, &ctx).await?,
        page: page.titled(title),
        snapshot_label: snapshot_label(&r.snapshot),
        cards,
        school_rows,
        major_rows,
        metric_labels: METRICS.iter().map(|m| m.label).collect(),
        chart_json: chart_options(&r),
        f_org: r.org_id.map(|o| o.to_string()).unwrap_or_default(),
        export_href,
        r,
    })
}

/// The rates table as .xlsx: one row for the total, then per school and per major, with
/// the counts behind each rate; the formulas and sources on a second sheet.
pub fn rates_workbook(r: &RatesReport) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut headers: Vec<String> = ["分组", "名称", "毕业生", "直接就业", "升学", "待就业", "暂不就业", "专业对口", "区内就业", "市内就业"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    headers.extend(METRICS.iter().map(|m| m.label.to_string()));
    let row = |group: &str, label: &str, x: &Rates| -> Vec<String> {
        let mut v = vec![
            group.to_string(),
            label.to_string(),
            x.graduates.to_string(),
            x.employed.to_string(),
            x.further_study.to_string(),
            x.unemployed.to_string(),
            x.not_seeking.to_string(),
            x.aligned.to_string(),
            x.employed_in_zone.to_string(),
            x.employed_in_city.to_string(),
        ];
        v.extend(METRICS.iter().map(|m| pct(x.metric(m.key).2)));
        v
    };
    let mut rows = vec![row("合计", "全部", &r.total)];
    rows.extend(r.by_school.iter().map(|s| row("学校", &s.label, &s.rates)));
    rows.extend(r.by_major.iter().map(|s| row("专业", &s.label, &s.rates)));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("就业率")?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h)?;
        ws.set_column_width(c as u16, 14)?;
    }
    for (i, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(i as u32 + 1, c as u16, crate::xlsx::neutralise(v))?;
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("口径说明")?;
    for (c, h) in ["指标", "公式", "依据"].iter().enumerate() {
        notes.write_string(0, c as u16, *h)?;
    }
    notes.set_column_width(1, 60)?;
    notes.set_column_width(2, 60)?;
    for (i, m) in METRICS.iter().enumerate() {
        notes.write_string(i as u32 + 1, 0, m.label)?;
        notes.write_string(i as u32 + 1, 1, m.formula)?;
        notes.write_string(i as u32 + 1, 2, m.source)?;
    }
    let n = METRICS.len() as u32 + 2;
    let cohort = format!(
        "毕业年份 {}，统计时点 {}；毕业生 = 已登记毕业去向的毕业生；分母为 0 时显示“—（无数据）”",
        r.graduation_year.map(|y| y.to_string()).unwrap_or_else(|| "—".into()),
        snapshot_label(&r.snapshot)
    );
    notes.write_string(n, 0, cohort)?;
    wb.save_to_buffer()
}

async fn rates_export(State(s): State<AppState>, ctx: Ctx, Query(f): Query<DestinationFilter>) -> PageResult<Response> {
    let r = super::rates(&s.db, &ctx, &f).await?;
    let bytes = rates_workbook(&r).map_err(|e| AppError::Internal(e.into()))?;
    let name = format!("毕业去向就业率-{}.xlsx", r.graduation_year.map(|y| y.to_string()).unwrap_or_default());
    Ok(xlsx_response(bytes, &name))
}

// ---------------------------------------------------------------------------------------
// Form

#[derive(Template, WebTemplate)]
#[template(path = "destinations/form.html")]
struct FormPage {
    page: Page,
    action: String,
    input: DestinationInput,
    errors: Vec<FieldError>,
    schools: Vec<(i64, String)>,
    destinations: Vec<(&'static str, String)>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
    fn other_errors(&self) -> Vec<&FieldError> {
        self.errors.iter().collect()
    }
}

async fn form_page(s: &AppState, ctx: &Ctx, page: Page, action: String, input: DestinationInput, errors: Vec<FieldError>, editing: bool) -> PageResult<FormPage> {
    let schools = if ctx.can(Permission::OrgManage) && !editing { schools_for(s, ctx).await? } else { Vec::new() };
    let destinations = zhijiao_domain::employment::all_destinations().into_iter().map(|(c, n, _)| (c, format!("{c} {n}"))).collect();
    Ok(FormPage { page, action, input, errors, schools, destinations })
}

#[derive(serde::Deserialize)]
struct NewQuery {
    student_no: Option<String>,
    year: Option<String>,
}

async fn new_form(State(s): State<AppState>, ctx: Ctx, page: Page, Query(q): Query<NewQuery>) -> PageResult<FormPage> {
    super::require_writer(&ctx)?;
    let title = page.t("destination.new");
    let input = DestinationInput {
        student_no: q.student_no.unwrap_or_default(),
        graduation_year: q.year.unwrap_or_default(),
        snapshot: "initial".into(),
        ..Default::default()
    };
    form_page(&s, &ctx, page.titled(title), "/destinations".into(), input, Vec::new(), false).await
}

async fn edit_form(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<FormPage> {
    let v = super::get(&s.db, &ctx, id).await?;
    if !v.editable {
        return Err(AppError::Forbidden.into());
    }
    let m = gd::Entity::find_by_id(id).one(&s.db).await?.ok_or(AppError::NotFound)?;
    let credit_code = match m.employer_org_id {
        Some(o) => organization::Entity::find_by_id(o).one(&s.db).await?.and_then(|o| o.credit_code),
        None => None,
    };
    let input = DestinationInput {
        org_id: Some(m.org_id),
        student_no: v.student_no.clone(),
        name: Some(v.student_name.clone()),
        graduation_year: m.graduation_year.to_string(),
        snapshot: m.snapshot,
        destination: m.destination_code,
        employer_name: m.employer_name,
        credit_code,
        occupation_code: m.occupation_code,
        county: m.employer_county_code,
        street: m.employer_street_code,
    };
    let title = format!("{} · {}", v.student_name, page.t("action.edit"));
    form_page(&s, &ctx, page.titled(title), format!("/destinations/{id}"), input, Vec::new(), true).await
}

async fn submit(s: AppState, ctx: Ctx, page: Page, id: Option<i64>, input: DestinationInput) -> PageResult<Response> {
    let action = id.map(|i| format!("/destinations/{i}")).unwrap_or_else(|| "/destinations".into());
    let (status, errors) = match super::save(&s.db, &ctx, id, &input).await {
        Ok(m) => {
            let href = super::pages::list_href(Some(m.graduation_year), &m.snapshot, None, None, "all");
            return Ok(Redirect::to(&href).into_response());
        }
        Err(AppError::Validation(errors)) => (axum::http::StatusCode::UNPROCESSABLE_ENTITY, errors),
        Err(AppError::Conflict(m)) => (axum::http::StatusCode::CONFLICT, vec![FieldError::new("统计时点", m)]),
        Err(e) => return Err(e.into()),
    };
    let title = page.t("destination.new");
    let form = form_page(&s, &ctx, page.titled(title), action, input, errors, id.is_some()).await?;
    Ok((status, form).into_response())
}

async fn create(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<DestinationInput>) -> PageResult<Response> {
    submit(s, ctx, page, None, input).await
}

async fn update(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<DestinationInput>) -> PageResult<Response> {
    submit(s, ctx, page, Some(id), input).await
}
