//! A school's majors offered and their yearly figures in Excel: the template, the export
//! (same columns, so an export can be edited and imported again) and the all-or-nothing
//! import (every row checked first; one bad row and nothing is written).

use super::date_zh;
use crate::areas::orgs::pages::xlsx_response;
use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{major_year_figure as fig, school_major};
use crate::error::{AppError, AppResult, PageResult};
use crate::roles::{Permission, Role};
use crate::web::{AppState, Page};
use crate::xlsx::{self, Column};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use std::collections::BTreeSet;
use zhijiao_domain::catalog::{MajorLevel, catalogs};
use zhijiao_domain::majors::MajorStatus;

pub const COLUMNS: [Column; 7] = [
    Column { key: "major_code", header: "专业代码", required: true, help: "本校已开设的中职专业代码（6位），见《职业教育专业目录（2021年）》" },
    Column { key: "major_name", header: "专业名称", required: false, help: "仅供阅读，导入时以专业代码为准" },
    Column { key: "status", header: "状态", required: false, help: "在招、停招或撤销；不填则不变" },
    Column { key: "length_years", header: "学制（年）", required: false, help: "2—5；不填则不变" },
    Column { key: "year", header: "年度", required: true, help: "2000—2100" },
    Column { key: "enrolment", header: "招生人数", required: true, help: "0—10000 的整数" },
    Column { key: "on_roll", header: "在校生人数", required: true, help: "0—30000 的整数" },
];
const GRADUATES: Column = Column { key: "graduates", header: "毕业生人数", required: true, help: "0—10000 的整数" };

fn columns() -> Vec<Column> {
    let mut c = COLUMNS.to_vec();
    c.push(GRADUATES);
    c
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/majors/offerings", get(page).post(upload).layer(crate::uploads::body_limit(crate::uploads::WORKBOOK_MAX_BYTES)))
        .route("/majors/offerings.xlsx", get(export))
        .route("/templates/majors.xlsx", get(template))
}

fn require_school(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = ctx.user()?;
    if u.has_role(Role::SchoolAdmin) && u.org_kind == "vocational_school" { Ok(u) } else { Err(AppError::Forbidden) }
}

/// The rows the reader may see: the district every school's, a school its own.
async fn rows(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<(String, school_major::Model, Option<fig::Model>, Vec<fig::Model>)>> {
    let u = ctx.user()?;
    let mut q = school_major::Entity::find().order_by_asc(school_major::Column::OrgId).order_by_asc(school_major::Column::MajorCode);
    if !u.can(Permission::OrgReadAll) {
        require_school(ctx)?;
        q = q.filter(school_major::Column::OrgId.eq(u.org_id));
    }
    let offerings = q.all(db).await?;
    let figures = fig::Entity::find().filter(fig::Column::OrgId.is_in(offerings.iter().map(|o| o.org_id).collect::<BTreeSet<_>>())).all(db).await?;
    let names = crate::areas::orgs::names(db, offerings.iter().map(|o| o.org_id)).await?;
    Ok(offerings
        .into_iter()
        .map(|o| {
            let mut fs: Vec<fig::Model> = figures.iter().filter(|f| f.org_id == o.org_id && f.major_code == o.major_code && f.level == o.level).cloned().collect();
            fs.sort_by_key(|f| f.year);
            (names.get(&o.org_id).cloned().unwrap_or_default(), o, fs.last().cloned(), fs)
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/offerings.html")]
struct OfferingsPage {
    page: Page,
    /// (school, code, name, status, length, latest year, enrolment, on roll, graduates)
    rows: Vec<Vec<String>>,
    can_import: bool,
    errors: Vec<String>,
}

async fn render(s: &AppState, ctx: &Ctx, page: Page, errors: Vec<String>) -> PageResult<OfferingsPage> {
    let rows = rows(&s.db, ctx)
        .await?
        .into_iter()
        .map(|(school, o, latest, _)| {
            vec![
                school,
                o.major_code.clone(),
                o.major_name.clone(),
                MajorStatus::parse(&o.status).map(MajorStatus::name_zh).unwrap_or("").to_string(),
                o.length_years.to_string(),
                latest.as_ref().map(|f| f.year.to_string()).unwrap_or_default(),
                latest.as_ref().map(|f| f.enrolment.to_string()).unwrap_or_default(),
                latest.as_ref().map(|f| f.on_roll.to_string()).unwrap_or_default(),
                latest.as_ref().map(|f| f.graduates.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let title = page.t("majors.offerings_title");
    Ok(OfferingsPage { page: page.titled(title), rows, can_import: require_school(ctx).is_ok(), errors })
}

async fn page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<OfferingsPage> {
    render(&s, &ctx, page, Vec::new()).await
}

async fn template() -> PageResult<Response> {
    let status = MajorStatus::ALL.iter().map(|s| (s.name_zh().to_string(), s.name_zh().to_string())).collect();
    let bytes = xlsx::template("专业开设情况", &columns(), &[("状态", status)]).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(xlsx_response(bytes, "专业开设情况模板.xlsx"))
}

async fn export(State(s): State<AppState>, ctx: Ctx) -> PageResult<Response> {
    let headers: Vec<&str> = columns().iter().map(|c| c.header).collect();
    let mut body = Vec::new();
    for (_, o, _, figures) in rows(&s.db, &ctx).await? {
        let status = MajorStatus::parse(&o.status).map(MajorStatus::name_zh).unwrap_or("").to_string();
        for f in figures {
            body.push(vec![
                o.major_code.clone(),
                o.major_name.clone(),
                status.clone(),
                o.length_years.to_string(),
                f.year.to_string(),
                f.enrolment.to_string(),
                f.on_roll.to_string(),
                f.graduates.to_string(),
            ]);
        }
    }
    let bytes = xlsx::export("专业开设情况", &headers, body).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(xlsx_response(bytes, &format!("专业开设情况（{}）.xlsx", date_zh(super::today()))))
}

struct Row {
    code: String,
    status: Option<MajorStatus>,
    length: Option<i32>,
    year: i32,
    enrolment: i32,
    on_roll: i32,
    graduates: i32,
}

fn bounded(row_no: usize, label: &str, raw: &str, lo: i32, hi: i32, errors: &mut Vec<String>) -> i32 {
    match raw.trim().parse::<i32>() {
        Ok(n) if (lo..=hi).contains(&n) => n,
        _ => {
            errors.push(format!("第{row_no}行“{label}”：应为 {lo}—{hi} 的整数"));
            0
        }
    }
}

/// Check every row against the school's offerings; all or nothing.
pub async fn import(db: &DatabaseConnection, ctx: &Ctx, bytes: &[u8]) -> Result<usize, Vec<String>> {
    let u = require_school(ctx).map_err(|_| vec!["只有职业学校管理员可以导入本校专业数据".to_string()])?.clone();
    let mut raw: Vec<(usize, Vec<String>)> = Vec::new();
    xlsx::stream_rows(bytes, |n, cells| raw.push((n, cells))).map_err(|e| vec![e.to_string()])?;
    let Some((_, header)) = raw.first().cloned() else { return Err(vec!["文件是空的".into()]) };
    let cols = columns();
    let pos = xlsx::map_headers(&header, &cols).map_err(|es| es.into_iter().map(|e| format!("缺少“{}”列", e.field)).collect::<Vec<_>>())?;
    let own = school_major::Entity::find().filter(school_major::Column::OrgId.eq(u.org_id)).all(db).await.map_err(|e| vec![e.to_string()])?;
    let cell = |cells: &Vec<String>, k: usize| pos[k].and_then(|p| cells.get(p)).map(|s| s.trim().to_string()).unwrap_or_default();
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut seen = BTreeSet::new();
    for (n, cells) in raw.iter().skip(1) {
        let n = *n;
        let code = cell(cells, 0);
        if catalogs().major(MajorLevel::Secondary, &code).is_none() {
            errors.push(format!("第{n}行“专业代码”：{code} 不是中职专业目录中的专业"));
        } else if !own.iter().any(|o| o.major_code == code) {
            errors.push(format!("第{n}行“专业代码”：本校未开设 {code}，新设专业请先申报备案"));
        }
        let status = match cell(cells, 2).as_str() {
            "" => None,
            s => match MajorStatus::parse(s) {
                Some(st) => Some(st),
                None => {
                    errors.push(format!("第{n}行“状态”：应为在招、停招或撤销"));
                    None
                }
            },
        };
        let length = match cell(cells, 3).as_str() {
            "" => None,
            s => Some(bounded(n, "学制（年）", s, 2, 5, &mut errors)),
        };
        let year = bounded(n, "年度", &cell(cells, 4), 2000, 2100, &mut errors);
        let enrolment = bounded(n, "招生人数", &cell(cells, 5), 0, 10_000, &mut errors);
        let on_roll = bounded(n, "在校生人数", &cell(cells, 6), 0, 30_000, &mut errors);
        let graduates = bounded(n, "毕业生人数", &cell(cells, 7), 0, 10_000, &mut errors);
        if !seen.insert((code.clone(), year)) {
            errors.push(format!("第{n}行：{code} 的 {year} 年数据在文件中重复"));
        }
        rows.push(Row { code, status, length, year, enrolment, on_roll, graduates });
    }
    if rows.is_empty() {
        errors.push("文件中没有数据行".into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let write = async {
        let tx = db.begin().await?;
        for r in &rows {
            let existing = fig::Entity::find()
                .filter(fig::Column::OrgId.eq(u.org_id))
                .filter(fig::Column::Level.eq("secondary"))
                .filter(fig::Column::MajorCode.eq(&r.code))
                .filter(fig::Column::Year.eq(r.year))
                .one(&tx)
                .await?;
            let mut am: fig::ActiveModel = match existing {
                Some(m) => m.into(),
                None => fig::ActiveModel {
                    org_id: Set(u.org_id),
                    level: Set("secondary".into()),
                    major_code: Set(r.code.clone()),
                    year: Set(r.year),
                    ..Default::default()
                },
            };
            am.enrolment = Set(r.enrolment);
            am.on_roll = Set(r.on_roll);
            am.graduates = Set(r.graduates);
            am.save(&tx).await?;
            if (r.status.is_some() || r.length.is_some())
                && let Some(o) = own.iter().find(|o| o.major_code == r.code)
            {
                let mut om: school_major::ActiveModel = o.clone().into();
                if let Some(st) = r.status {
                    om.status = Set(st.key().into());
                }
                if let Some(l) = r.length {
                    om.length_years = Set(l);
                }
                om.update(&tx).await?;
            }
        }
        audit::record(&tx, ctx, Entry::new("import", "major_year_figure", u.org_id, format!("导入专业开设情况 {} 行", rows.len()))).await?;
        tx.commit().await?;
        Ok::<_, AppError>(rows.len())
    };
    write.await.map_err(|e| vec![format!("保存失败：{e}")])
}

async fn upload(State(s): State<AppState>, ctx: Ctx, page: Page, mut mp: Multipart) -> PageResult<Response> {
    require_school(&ctx)?;
    let mut bytes = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::BadRequest(e.to_string()))? {
        if field.name() == Some("file") {
            bytes = field.bytes().await.map_err(|e| AppError::BadRequest(e.to_string()))?.to_vec();
        }
    }
    let result = if !bytes.starts_with(b"PK\x03\x04") { Err(vec!["文件：请选择 .xlsx 格式（Excel 2007 及以后）的文件".to_string()]) } else { import(&s.db, &ctx, &bytes).await };
    match result {
        Ok(_) => Ok(Redirect::to("/majors/offerings").into_response()),
        Err(errors) => Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&s, &ctx, page, errors).await?).into_response()),
    }
}
