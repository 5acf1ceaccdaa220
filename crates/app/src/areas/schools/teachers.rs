//! The teacher register of a school (三教改革, measure 九): titles, 专业教师, 双师型 with its
//! evidence, certificates, and the enterprise-practice ledger checked against "每5年累计
//! 不少于6个月" (`zhijiao_domain::teachers`). The register's counts prefill the school's
//! yearly standards data.

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{organization, teacher};
use crate::error::{AppError, AppResult, FieldError};
use crate::xlsx::{self, Column};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use zhijiao_domain::teachers::{PracticeCheck, practice_check};

/// (key, name) of the professional titles; the first two are 高级专业技术职务.
pub const TITLES: [(&str, &str); 5] = [("senior_full", "正高级"), ("senior_deputy", "副高级"), ("intermediate", "中级"), ("junior", "初级"), ("none", "未定级")];

fn is_senior(title: &str) -> bool {
    matches!(title, "senior_full" | "senior_deputy")
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TeacherInput {
    pub name: String,
    /// A key of [`TITLES`] or its Chinese name.
    pub title: String,
    /// 是 / 否 (a checkbox sends "on").
    pub is_specialty: String,
    pub dual_qualified: String,
    pub dual_evidence: String,
    /// YYYY-MM-DD: first day of teaching.
    pub teaching_since: String,
    pub certificates: String,
}

fn yes(v: &str) -> Option<bool> {
    match v.trim() {
        "是" | "on" | "true" | "1" | "Y" | "y" => Some(true),
        "否" | "" | "false" | "0" | "N" | "n" => Some(false),
        _ => None,
    }
}

/// A date as clerks type it: 2015-09-01, 2015/9/1 or 2015.9.1.
fn parse_day(s: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"].iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

struct Valid {
    name: String,
    title: String,
    is_specialty: bool,
    dual_qualified: bool,
    dual_evidence: String,
    teaching_since: NaiveDate,
    certificates: String,
}

fn check(input: &TeacherInput) -> Result<Valid, Vec<FieldError>> {
    let mut errs = Vec::new();
    let mut text = |field: &str, v: &str, max: usize, required: bool| {
        let v = v.trim().to_string();
        if required && v.is_empty() {
            errs.push(FieldError::new(field, format!("{field}不能为空")));
        } else if v.chars().count() > max || v.chars().any(char::is_control) {
            errs.push(FieldError::new(field, format!("{field}不超过{max}个字，且不含控制字符")));
        }
        v
    };
    let name = text("姓名", &input.name, 40, true);
    let dual_evidence = text("双师型佐证", &input.dual_evidence, 500, false);
    let certificates = text("证书", &input.certificates, 500, false);
    let title = TITLES.iter().find(|(k, n)| *k == input.title.trim() || *n == input.title.trim()).map(|(k, _)| k.to_string());
    if title.is_none() {
        errs.push(FieldError::new("职称", "请选择正高级、副高级、中级、初级或未定级"));
    }
    let is_specialty = yes(&input.is_specialty);
    let dual_qualified = yes(&input.dual_qualified);
    if is_specialty.is_none() {
        errs.push(FieldError::new("是否专业教师", "填“是”或“否”"));
    }
    if dual_qualified.is_none() {
        errs.push(FieldError::new("是否双师型", "填“是”或“否”"));
    }
    if dual_qualified == Some(true) && is_specialty == Some(false) {
        errs.push(FieldError::new("是否双师型", "双师型教师须为专业教师（《中等职业学校设置标准》按专业教师计算双师型比例）"));
    }
    if dual_qualified == Some(true) && dual_evidence.is_empty() {
        errs.push(FieldError::new("双师型佐证", "双师型教师须填写认定佐证（如职业资格证书、企业工作经历）"));
    }
    let teaching_since = match parse_day(input.teaching_since.trim()) {
        Some(d) if d >= NaiveDate::from_ymd_opt(1960, 1, 1).expect("date") && d <= today() => Some(d),
        _ => {
            errs.push(FieldError::new("任教起始日期", "请填写有效日期，如 2015-09-01"));
            None
        }
    };
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Valid {
        name,
        title: title.expect("checked"),
        is_specialty: is_specialty.expect("checked"),
        dual_qualified: dual_qualified.expect("checked"),
        dual_evidence,
        teaching_since: teaching_since.expect("checked"),
        certificates,
    })
}

async fn insert<C: ConnectionTrait>(db: &C, ctx: &Ctx, school: i64, v: Valid, is_demo: bool) -> AppResult<teacher::Model> {
    let m = teacher::ActiveModel {
        school_org_id: Set(school),
        name: Set(v.name),
        title: Set(v.title),
        is_specialty: Set(v.is_specialty),
        dual_qualified: Set(v.dual_qualified),
        dual_evidence: Set(v.dual_evidence),
        teaching_since: Set(v.teaching_since),
        practice: Set("[]".into()),
        certificates: Set(v.certificates),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("create", "teacher", m.id, format!("登记教师：{}", m.name)).after(&m)).await?;
    Ok(m)
}

pub async fn add(db: &DatabaseConnection, ctx: &Ctx, input: &TeacherInput) -> AppResult<teacher::Model> {
    let u = super::require_reporter(ctx)?.clone();
    let v = check(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    let m = insert(&tx, ctx, u.org_id, v, false).await?;
    tx.commit().await?;
    Ok(m)
}

pub const COLUMNS: [Column; 7] = [
    Column { key: "name", header: "姓名", required: true, help: "教师姓名" },
    Column { key: "title", header: "职称", required: true, help: "正高级 / 副高级 / 中级 / 初级 / 未定级" },
    Column { key: "is_specialty", header: "是否专业教师", required: true, help: "是 / 否" },
    Column { key: "dual_qualified", header: "是否双师型", required: true, help: "是 / 否；双师型须为专业教师" },
    Column { key: "dual_evidence", header: "双师型佐证", required: false, help: "双师型必填：证书名称编号或企业工作经历" },
    Column { key: "teaching_since", header: "任教起始日期", required: true, help: "如 2015-09-01" },
    Column { key: "certificates", header: "证书", required: false, help: "职业资格、职业技能等级证书等，用顿号分隔" },
];

pub fn template() -> AppResult<Vec<u8>> {
    xlsx::template("教师名册", &COLUMNS, &[]).map_err(|e| AppError::Internal(e.into()))
}

/// Import one's own school's teachers: every row or none.
pub async fn import(db: &DatabaseConnection, ctx: &Ctx, bytes: &[u8]) -> AppResult<usize> {
    let u = super::require_reporter(ctx)?.clone();
    let (pos, rows) = xlsx::read_register(bytes, &COLUMNS, 5000)?;
    let mut errs = Vec::new();
    let mut valid = Vec::new();
    for (n, cells) in rows.iter() {
        let cell = |i: usize| pos[i].and_then(|p| cells.get(p)).cloned().unwrap_or_default();
        let input = TeacherInput { name: cell(0), title: cell(1), is_specialty: cell(2), dual_qualified: cell(3), dual_evidence: cell(4), teaching_since: cell(5), certificates: cell(6) };
        match check(&input) {
            Ok(v) => valid.push(v),
            Err(e) => errs.extend(e.into_iter().map(|mut f| {
                f.row = Some(*n);
                f
            })),
        }
    }
    if valid.is_empty() && errs.is_empty() {
        errs.push(FieldError::new("文件", "没有数据行"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let n = valid.len();
    let tx = db.begin().await?;
    for v in valid {
        insert(&tx, ctx, u.org_id, v, false).await?;
    }
    tx.commit().await?;
    Ok(n)
}

fn periods(m: &teacher::Model) -> Vec<(NaiveDate, NaiveDate)> {
    serde_json::from_str(&m.practice).unwrap_or_default()
}

/// Record a period of enterprise practice of one's own school's teacher.
pub async fn add_practice(db: &DatabaseConnection, ctx: &Ctx, id: i64, start: &str, end: &str) -> AppResult<teacher::Model> {
    let u = super::require_reporter(ctx)?.clone();
    let m = teacher::Entity::find_by_id(id).one(db).await?.filter(|m| m.school_org_id == u.org_id).ok_or(AppError::NotFound)?;
    let mut errs = Vec::new();
    let s = parse_day(start.trim());
    let e = parse_day(end.trim());
    if s.is_none() {
        errs.push(FieldError::new("实践开始日期", "请填写有效日期"));
    }
    if e.is_none() {
        errs.push(FieldError::new("实践结束日期", "请填写有效日期"));
    }
    if let (Some(s), Some(e)) = (s, e) {
        if e < s {
            errs.push(FieldError::new("实践结束日期", "不能早于开始日期"));
        } else if e > today() {
            errs.push(FieldError::new("实践结束日期", "只登记已完成的实践"));
        } else if s < m.teaching_since.checked_sub_months(chrono::Months::new(240)).unwrap_or(m.teaching_since) {
            errs.push(FieldError::new("实践开始日期", "早于任教二十年前，请核对"));
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let mut list = periods(&m);
    list.push((s.expect("checked"), e.expect("checked")));
    list.sort();
    let before = m.clone();
    let tx = db.begin().await?;
    let mut am: teacher::ActiveModel = m.into();
    am.practice = Set(serde_json::to_string(&list).map_err(anyhow::Error::from)?);
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("practice", "teacher", m.id, format!("登记企业实践：{}", m.name)).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeacherView {
    pub id: i64,
    pub school_name: String,
    pub name: String,
    pub title_name: String,
    pub is_specialty: bool,
    pub dual_qualified: bool,
    pub dual_evidence: String,
    pub teaching_since: String,
    pub certificates: String,
    /// Periods as 2024年1月1日—2024年6月30日.
    pub practice: Vec<String>,
    /// 已满足 / 未满足 / 未满五年周期, with the days.
    pub practice_check: String,
    pub practice_met: bool,
}

pub async fn list(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<TeacherView>> {
    let scope = super::read_scope(ctx)?;
    let mut q = teacher::Entity::find();
    if let Some(own) = scope {
        q = q.filter(teacher::Column::SchoolOrgId.eq(own));
    }
    let rows = q.order_by_asc(teacher::Column::SchoolOrgId).order_by_asc(teacher::Column::Id).all(db).await?;
    let mut names = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    let fmt = |d: NaiveDate| d.format("%Y年%-m月%-d日").to_string();
    for m in rows {
        if !names.contains_key(&m.school_org_id) {
            let n = organization::Entity::find_by_id(m.school_org_id).one(db).await?.map(|o| o.name).unwrap_or_default();
            names.insert(m.school_org_id, n);
        }
        let ps = periods(&m);
        let c = practice_check(m.teaching_since, &ps, today());
        let practice_check = match c {
            PracticeCheck::Met { days } => format!("{}：{days}天", c.name_zh()),
            PracticeCheck::Short { days, missing } | PracticeCheck::NotYetDue { days, missing } => format!("{}：{days}天，尚差{missing}天", c.name_zh()),
        };
        out.push(TeacherView {
            id: m.id,
            school_name: names[&m.school_org_id].clone(),
            title_name: TITLES.iter().find(|(k, _)| *k == m.title).map(|(_, n)| *n).unwrap_or("").into(),
            teaching_since: fmt(m.teaching_since),
            practice: ps.iter().map(|(s, e)| format!("{}—{}", fmt(*s), fmt(*e))).collect(),
            practice_met: matches!(c, PracticeCheck::Met { .. }),
            practice_check,
            name: m.name,
            is_specialty: m.is_specialty,
            dual_qualified: m.dual_qualified,
            dual_evidence: m.dual_evidence,
            certificates: m.certificates,
        });
    }
    Ok(out)
}

/// (专任教师, 高级职称, 专业教师, 双师型) of a school's register, for prefilling the
/// yearly standards data; `None` when the register is empty.
pub async fn register_counts<C: ConnectionTrait>(db: &C, school: i64) -> AppResult<Option<(u32, u32, u32, u32)>> {
    let rows = teacher::Entity::find().filter(teacher::Column::SchoolOrgId.eq(school)).all(db).await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let n = |f: &dyn Fn(&teacher::Model) -> bool| rows.iter().filter(|m| f(m)).count() as u32;
    Ok(Some((rows.len() as u32, n(&|m| is_senior(&m.title)), n(&|m| m.is_specialty), n(&|m| m.dual_qualified))))
}

/// Demo teachers of a school (synthetic).
pub async fn seed<C: ConnectionTrait>(db: &C, ctx: &Ctx, school: i64) -> AppResult<()> {
    for (name, title, specialty, dual, since, practice) in [
        ("赵建国（演示）", "senior_deputy", true, true, "2008-09-01", Some(("2023-07-01", "2024-01-10"))),
        ("钱晓燕（演示）", "intermediate", true, false, "2016-09-01", Some(("2024-07-01", "2024-08-31"))),
        ("孙志强（演示）", "junior", false, false, "2023-09-01", None),
    ] {
        let v = check(&TeacherInput {
            name: name.into(),
            title: title.into(),
            is_specialty: if specialty { "是" } else { "否" }.into(),
            dual_qualified: if dual { "是" } else { "否" }.into(),
            dual_evidence: if dual { "电工高级技师证书（演示）".into() } else { String::new() },
            teaching_since: since.into(),
            certificates: String::new(),
        })
        .map_err(AppError::Validation)?;
        let m = insert(db, ctx, school, v, true).await?;
        if let Some((s, e)) = practice {
            let list = vec![(parse_day(s).expect("date"), parse_day(e).expect("date"))];
            let mut am: teacher::ActiveModel = m.into();
            am.practice = Set(serde_json::to_string(&list).map_err(anyhow::Error::from)?);
            am.update(db).await?;
        }
    }
    Ok(())
}
