//! Schools (issue 11; seed measures 一, 五, 九): each vocational school's yearly data and
//! its standards check against 《中等职业学校设置标准》 and the 达标工程 monitoring
//! indicators (the rules: `zhijiao_domain::school_standards`), the district's overview
//! against the 80% / 90% targets, and the quality-assessment scorecard (`scorecard`).
//!
//! Who: a school administrator enters and imports their own school's data only; the
//! district (and departments, read-only) see every school; teachers read their school's.

pub mod activities;
pub mod api;
pub mod demo;
pub mod exports;
pub mod pages;
pub mod reform;
pub mod reform_pages;
pub mod scorecard;
pub mod teachers;

use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{organization, school_year_data as syd};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, is_school_kind};
use crate::xlsx::{self, Column};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zhijiao_domain::school_standards::{self as rules, Category, Evaluation, SchoolYear};

/// Years a school may enter (the 2010 standard onwards, and next year's plan at most).
pub const FIRST_YEAR: i32 = 2010;

pub fn this_year() -> i32 {
    use chrono::Datelike;
    (chrono::Utc::now() + chrono::Duration::hours(8)).year()
}

/// Whose rows the user may read: `None` = every school, `Some(id)` = that school only.
pub fn read_scope(ctx: &Ctx) -> AppResult<Option<i64>> {
    let u = ctx.user()?;
    if u.can(Permission::OrgReadAll) {
        return Ok(None);
    }
    if is_school_kind(&u.org_kind) && (u.can(Permission::SchoolReport) || u.can(Permission::StudentReadOwn)) {
        return Ok(Some(u.org_id));
    }
    Err(AppError::Forbidden)
}

/// The school administrator of a vocational school, writing their own school's data.
pub fn require_reporter(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = ctx.require(Permission::SchoolReport)?;
    if u.org_kind == "vocational_school" { Ok(u) } else { Err(AppError::Forbidden) }
}

/// The vocational schools, by name.
pub async fn vocational_schools<C: ConnectionTrait>(db: &C) -> AppResult<Vec<organization::Model>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Kind.eq("vocational_school"))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?)
}

/// The form and the import as typed: every figure text, empty = not assessed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct YearInput {
    pub year: String,
    pub students: String,
    pub fulltime_teachers: String,
    pub senior_title_teachers: String,
    pub specialty_teachers: String,
    pub dual_qualified_teachers: String,
    pub part_time_teachers: String,
    pub land_m2: String,
    pub building_m2: String,
    pub equipment_yuan: String,
    pub books: String,
    pub ring_track_m: String,
    /// 佐证材料: where the figures come from (statistics report, land certificate …).
    pub evidence: String,
}

impl YearInput {
    pub fn get(&self, key: &str) -> &str {
        match key {
            "students" => &self.students,
            "fulltime_teachers" => &self.fulltime_teachers,
            "senior_title_teachers" => &self.senior_title_teachers,
            "specialty_teachers" => &self.specialty_teachers,
            "dual_qualified_teachers" => &self.dual_qualified_teachers,
            "part_time_teachers" => &self.part_time_teachers,
            "land_m2" => &self.land_m2,
            "building_m2" => &self.building_m2,
            "equipment_yuan" => &self.equipment_yuan,
            "books" => &self.books,
            "ring_track_m" => &self.ring_track_m,
            _ => "",
        }
    }
    fn set(&mut self, key: &str, v: String) {
        match key {
            "year" => self.year = v,
            "students" => self.students = v,
            "fulltime_teachers" => self.fulltime_teachers = v,
            "senior_title_teachers" => self.senior_title_teachers = v,
            "specialty_teachers" => self.specialty_teachers = v,
            "dual_qualified_teachers" => self.dual_qualified_teachers = v,
            "part_time_teachers" => self.part_time_teachers = v,
            "land_m2" => self.land_m2 = v,
            "building_m2" => self.building_m2 = v,
            "equipment_yuan" => self.equipment_yuan = v,
            "books" => self.books = v,
            "ring_track_m" => self.ring_track_m = v,
            "evidence" => self.evidence = v,
            _ => {}
        }
    }
    pub fn from_model(m: &syd::Model) -> YearInput {
        let i = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
        let f = |v: Option<f64>| v.map(|n| n.to_string()).unwrap_or_default();
        YearInput {
            year: m.year.to_string(),
            students: i(m.students),
            fulltime_teachers: i(m.fulltime_teachers),
            senior_title_teachers: i(m.senior_title_teachers),
            specialty_teachers: i(m.specialty_teachers),
            dual_qualified_teachers: i(m.dual_qualified_teachers),
            part_time_teachers: i(m.part_time_teachers),
            land_m2: f(m.land_m2),
            building_m2: f(m.building_m2),
            equipment_yuan: f(m.equipment_yuan),
            books: m.books.map(|n| n.to_string()).unwrap_or_default(),
            ring_track_m: f(m.ring_track_m),
            evidence: m.evidence.clone(),
        }
    }
}

fn has_control_chars(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

/// Parse and check the typed figures: errors name the field in Chinese.
pub fn parse_input(input: &YearInput) -> Result<(i32, SchoolYear, String), Vec<FieldError>> {
    let mut errs = Vec::new();
    let max_year = this_year() + 1;
    let year = match input.year.trim().trim_end_matches('年').parse::<i32>() {
        Ok(y) if (FIRST_YEAR..=max_year).contains(&y) => y,
        _ => {
            errs.push(FieldError::new("年度", format!("年度须为{FIRST_YEAR}到{max_year}之间的年份")));
            0
        }
    };
    let mut count = |key: &'static str| -> Option<u32> {
        let v = input.get(key).trim().replace([',', '，'], "");
        if v.is_empty() {
            return None;
        }
        match v.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errs.push(FieldError::new(rules::field_label(key), "须为不小于0的整数（不填表示未评估）"));
                None
            }
        }
    };
    let mut y = SchoolYear {
        students: count("students"),
        fulltime_teachers: count("fulltime_teachers"),
        senior_title_teachers: count("senior_title_teachers"),
        specialty_teachers: count("specialty_teachers"),
        dual_qualified_teachers: count("dual_qualified_teachers"),
        part_time_teachers: count("part_time_teachers"),
        ..Default::default()
    };
    let books = count("books");
    let mut number = |key: &'static str| -> Option<f64> {
        let v = input.get(key).trim().replace([',', '，'], "");
        if v.is_empty() {
            return None;
        }
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                errs.push(FieldError::new(rules::field_label(key), "须为数字（不填表示未评估）"));
                None
            }
        }
    };
    y.land_m2 = number("land_m2");
    y.building_m2 = number("building_m2");
    y.equipment_yuan = number("equipment_yuan");
    y.ring_track_m = number("ring_track_m");
    y.books = books.map(u64::from);
    if let Err(rule_errs) = y.validate() {
        errs.extend(rule_errs.into_iter().map(|e| FieldError::new(rules::field_label(e.field), e.message)));
    }
    let evidence = input.evidence.trim().to_string();
    if evidence.chars().count() > 2000 {
        errs.push(FieldError::new("佐证材料", "不能超过2000个字"));
    }
    if has_control_chars(&evidence) {
        errs.push(FieldError::new("佐证材料", "含有不可见的控制字符"));
    }
    if errs.is_empty() { Ok((year, y, evidence)) } else { Err(errs) }
}

fn to_i32(v: Option<u32>) -> Option<i32> {
    v.map(|n| n as i32)
}

pub fn school_year_of(m: &syd::Model) -> SchoolYear {
    let u = |v: Option<i32>| v.map(|n| n.max(0) as u32);
    SchoolYear {
        students: u(m.students),
        fulltime_teachers: u(m.fulltime_teachers),
        senior_title_teachers: u(m.senior_title_teachers),
        specialty_teachers: u(m.specialty_teachers),
        dual_qualified_teachers: u(m.dual_qualified_teachers),
        part_time_teachers: u(m.part_time_teachers),
        land_m2: m.land_m2,
        building_m2: m.building_m2,
        equipment_yuan: m.equipment_yuan,
        books: m.books.map(|b| b.max(0) as u64),
        ring_track_m: m.ring_track_m,
    }
}

/// Write (insert or replace) a school's year with its evaluation, audited, on `db`
/// (a transaction of the caller's).
async fn upsert<C: ConnectionTrait>(db: &C, ctx: &Ctx, school: i64, year: i32, y: &SchoolYear, evidence: &str, is_demo: bool) -> AppResult<syd::Model> {
    let evaluation = rules::evaluate(y);
    let existing = syd::Entity::find()
        .filter(syd::Column::SchoolOrgId.eq(school))
        .filter(syd::Column::Year.eq(year))
        .one(db)
        .await?;
    let before = existing.clone();
    let mut am: syd::ActiveModel = match existing {
        Some(m) => m.into(),
        None => syd::ActiveModel { school_org_id: Set(school), year: Set(year), is_demo: Set(is_demo), ..Default::default() },
    };
    am.students = Set(to_i32(y.students));
    am.fulltime_teachers = Set(to_i32(y.fulltime_teachers));
    am.senior_title_teachers = Set(to_i32(y.senior_title_teachers));
    am.specialty_teachers = Set(to_i32(y.specialty_teachers));
    am.dual_qualified_teachers = Set(to_i32(y.dual_qualified_teachers));
    am.part_time_teachers = Set(to_i32(y.part_time_teachers));
    am.land_m2 = Set(y.land_m2);
    am.building_m2 = Set(y.building_m2);
    am.equipment_yuan = Set(y.equipment_yuan);
    am.books = Set(y.books.map(|b| b as i64));
    am.ring_track_m = Set(y.ring_track_m);
    am.evidence = Set(evidence.to_string());
    am.rule_version = Set(rules::RULE_VERSION.to_string());
    am.result_class = Set(evaluation.class.map(|c| c.name_zh().to_string()));
    am.all_key_met = Set(evaluation.all_key_met());
    am.result = Set(serde_json::to_string(&evaluation).map_err(anyhow::Error::from)?);
    am.updated_by = Set(ctx.user_id());
    am.updated_at = Set(chrono::Utc::now());
    let m = if before.is_some() { am.update(db).await? } else { am.insert(db).await? };
    let class = m.result_class.clone().unwrap_or_else(|| "数据不全".into());
    let mut entry = Entry::new("save", "school_year_data", m.id, format!("{year}年度办学条件数据：{class}")).after(&m);
    if let Some(b) = before {
        entry = entry.before(&b);
    }
    audit::record(db, ctx, entry).await?;
    Ok(m)
}

/// Save the school administrator's own school's year from the form or the API.
pub async fn save(db: &DatabaseConnection, ctx: &Ctx, input: &YearInput) -> AppResult<syd::Model> {
    let u = require_reporter(ctx)?;
    let (year, y, evidence) = parse_input(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    let m = upsert(&tx, ctx, u.org_id, year, &y, &evidence, false).await?;
    tx.commit().await?;
    Ok(m)
}

/// One stored year with its evaluation, for pages and the API.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct YearView {
    pub id: i64,
    pub school_org_id: i64,
    pub school_name: String,
    pub year: i32,
    /// 达标 | 基本达标 | 不达标, or null when a key indicator was not assessed.
    pub class: Option<String>,
    pub all_key_met: bool,
    pub rule_version: String,
    pub evidence: String,
    #[schema(value_type = Object)]
    pub evaluation: Evaluation,
    #[schema(value_type = Object)]
    pub data: SchoolYear,
}

async fn view<C: ConnectionTrait>(db: &C, m: syd::Model) -> AppResult<YearView> {
    let school_name = organization::Entity::find_by_id(m.school_org_id).one(db).await?.map(|o| o.name).unwrap_or_default();
    // The result as computed when saved (its rule version), not re-evaluated.
    let evaluation: Evaluation = serde_json::from_str(&m.result).map_err(anyhow::Error::from)?;
    Ok(YearView {
        id: m.id,
        school_org_id: m.school_org_id,
        school_name,
        year: m.year,
        class: m.result_class.clone(),
        all_key_met: m.all_key_met,
        rule_version: m.rule_version.clone(),
        evidence: m.evidence.clone(),
        evaluation,
        data: school_year_of(&m),
    })
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<YearView> {
    let scope = read_scope(ctx)?;
    let m = syd::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if scope.is_some_and(|own| own != m.school_org_id) {
        return Err(AppError::NotFound);
    }
    view(db, m).await
}

/// Stored years in the reader's scope, newest first.
pub async fn list(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<YearView>> {
    let scope = read_scope(ctx)?;
    let mut q = syd::Entity::find();
    if let Some(own) = scope {
        q = q.filter(syd::Column::SchoolOrgId.eq(own));
    }
    let rows = q.order_by_desc(syd::Column::Year).order_by_asc(syd::Column::SchoolOrgId).all(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        out.push(view(db, m).await?);
    }
    Ok(out)
}

/// The school's own stored year (for prefilling the form).
pub async fn own_year(db: &DatabaseConnection, ctx: &Ctx, year: i32) -> AppResult<Option<syd::Model>> {
    let u = require_reporter(ctx)?;
    Ok(syd::Entity::find().filter(syd::Column::SchoolOrgId.eq(u.org_id)).filter(syd::Column::Year.eq(year)).one(db).await?)
}

/// One year of the district overview.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OverviewYear {
    pub year: i32,
    /// Vocational schools with data that year.
    pub schools_reported: u32,
    /// Of them, meeting all key indicators (达标).
    pub schools_met: u32,
    /// Share of the vocational schools (all of them, reported or not) meeting all key
    /// indicators, in percent; null without schools.
    pub share_met: Option<f64>,
    /// The 达标工程 target for that year (80% from 2023, 90% from 2025).
    pub target: Option<f64>,
    pub vocational_schools: u32,
}

/// A school's classes over the years (its trend).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SchoolTrend {
    pub school_org_id: i64,
    pub school_name: String,
    /// (year, class or null, record id)
    pub years: Vec<(i32, Option<String>, i64)>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Overview {
    pub years: Vec<OverviewYear>,
    pub schools: Vec<SchoolTrend>,
}

/// The share of schools 达标 per year — the one place this figure is computed (pages,
/// API, export and the policy dashboard call it).
pub async fn share_met_by_year<C: ConnectionTrait>(db: &C) -> AppResult<Vec<OverviewYear>> {
    let schools = vocational_schools(db).await?;
    let ids: Vec<i64> = schools.iter().map(|s| s.id).collect();
    let rows = syd::Entity::find().filter(syd::Column::SchoolOrgId.is_in(ids)).all(db).await?;
    let mut by_year: BTreeMap<i32, (u32, u32)> = BTreeMap::new();
    for r in &rows {
        let e = by_year.entry(r.year).or_default();
        e.0 += 1;
        if r.all_key_met {
            e.1 += 1;
        }
    }
    let n = schools.len() as u32;
    Ok(by_year
        .into_iter()
        .rev()
        .map(|(year, (reported, met))| OverviewYear {
            year,
            schools_reported: reported,
            schools_met: met,
            share_met: (n > 0).then(|| (met as f64 * 1000.0 / n as f64).round() / 10.0),
            target: rules::target_share(year),
            vocational_schools: n,
        })
        .collect())
}

/// The district overview (district and departments only).
pub async fn overview(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Overview> {
    if read_scope(ctx)?.is_some() {
        return Err(AppError::Forbidden);
    }
    let years = share_met_by_year(db).await?;
    let mut schools = Vec::new();
    for s in vocational_schools(db).await? {
        let rows = syd::Entity::find().filter(syd::Column::SchoolOrgId.eq(s.id)).order_by_asc(syd::Column::Year).all(db).await?;
        schools.push(SchoolTrend { school_org_id: s.id, school_name: s.name, years: rows.into_iter().map(|r| (r.year, r.result_class, r.id)).collect() });
    }
    Ok(Overview { years, schools })
}

/// The latest year's 双师型 share of 专业教师 of a school, in percent (teacher development).
pub async fn dual_share<C: ConnectionTrait>(db: &C, school: i64, year: i32) -> AppResult<Option<f64>> {
    let m = syd::Entity::find().filter(syd::Column::SchoolOrgId.eq(school)).filter(syd::Column::Year.eq(year)).one(db).await?;
    Ok(m.and_then(|m| {
        let e = rules::evaluate(&school_year_of(&m));
        e.indicator("dual_qualified_share").and_then(|i| i.value)
    }))
}

/// The district-wide 双师型 share of 专业教师 in the latest year with data (percent).
pub async fn district_dual_share<C: ConnectionTrait>(db: &C) -> AppResult<Option<f64>> {
    let Some(latest) = syd::Entity::find().order_by_desc(syd::Column::Year).one(db).await? else {
        return Ok(None);
    };
    let rows = syd::Entity::find().filter(syd::Column::Year.eq(latest.year)).all(db).await?;
    let (dual, spec) = rows.iter().fold((0i64, 0i64), |(d, s), r| match (r.dual_qualified_teachers, r.specialty_teachers) {
        (Some(dq), Some(sp)) => (d + dq as i64, s + sp as i64),
        _ => (d, s),
    });
    Ok((spec > 0).then(|| (dual as f64 * 1000.0 / spec as f64).round() / 10.0))
}

/// The standards result of a school's year (for the scorecard): share of indicators met.
pub async fn standards_fraction<C: ConnectionTrait>(db: &C, school: i64, year: i32) -> AppResult<Option<f64>> {
    let m = syd::Entity::find().filter(syd::Column::SchoolOrgId.eq(school)).filter(syd::Column::Year.eq(year)).one(db).await?;
    Ok(m.and_then(|m| {
        let e: Evaluation = serde_json::from_str(&m.result).ok()?;
        let assessed: Vec<bool> = e.indicators.iter().filter_map(|i| i.met).collect();
        (!assessed.is_empty()).then(|| assessed.iter().filter(|m| **m).count() as f64 / rules::RULES.len() as f64)
    }))
}

pub fn category_rows(e: &Evaluation) -> Vec<(&'static str, Option<bool>)> {
    Category::ALL.iter().map(|c| (c.name_zh(), e.category_met(*c))).collect()
}

// ---------------------------------------------------------------- Excel

pub const COLUMNS: [Column; 13] = [
    Column { key: "year", header: "年度", required: true, help: "四位年份，如 2026" },
    Column { key: "students", header: "学历教育在校生数", required: false, help: "整数；不填表示未评估（不是0）" },
    Column { key: "fulltime_teachers", header: "专任教师数", required: false, help: "整数" },
    Column { key: "senior_title_teachers", header: "具有高级专业技术职务的专任教师数", required: false, help: "整数，不多于专任教师数" },
    Column { key: "specialty_teachers", header: "专业教师数", required: false, help: "整数，不多于专任教师数" },
    Column { key: "dual_qualified_teachers", header: "双师型教师数", required: false, help: "整数，不多于专业教师数" },
    Column { key: "part_time_teachers", header: "兼职教师数", required: false, help: "整数" },
    Column { key: "land_m2", header: "校园占地面积（平方米）", required: false, help: "数字，不含教职工宿舍和相对独立的附属机构" },
    Column { key: "building_m2", header: "校舍建筑面积（平方米）", required: false, help: "数字" },
    Column { key: "equipment_yuan", header: "仪器设备总值（元）", required: false, help: "数字，单位元" },
    Column { key: "books", header: "纸质图书（册）", required: false, help: "整数" },
    Column { key: "ring_track_m", header: "环形跑道（米）", required: false, help: "数字" },
    Column { key: "evidence", header: "佐证材料", required: false, help: "数据来源，如 2026年教育事业统计报表、不动产权证书编号" },
];

pub fn template() -> AppResult<Vec<u8>> {
    xlsx::template("办学条件数据", &COLUMNS, &[]).map_err(|e| AppError::Internal(e.into()))
}

/// Import one's own school's years from a workbook: all rows or none.
pub async fn import(db: &DatabaseConnection, ctx: &Ctx, bytes: &[u8]) -> AppResult<usize> {
    let u = require_reporter(ctx)?;
    let school = u.org_id;
    let (positions, rows) = xlsx::read_register(bytes, &COLUMNS, 1000)?;
    let mut errs = Vec::new();
    let mut parsed = Vec::new();
    let mut seen_years = std::collections::HashSet::new();
    for (n, cells) in rows.iter() {
        let mut input = YearInput::default();
        for (col, pos) in COLUMNS.iter().zip(&positions) {
            if let Some(p) = pos {
                input.set(col.key, cells.get(*p).cloned().unwrap_or_default());
            }
        }
        match parse_input(&input) {
            Ok((year, y, evidence)) => {
                if !seen_years.insert(year) {
                    errs.push(FieldError { row: Some(*n), field: "年度".into(), message: format!("{year}年在文件中重复") });
                }
                parsed.push((year, y, evidence));
            }
            Err(e) => errs.extend(e.into_iter().map(|mut f| {
                f.row = Some(*n);
                f
            })),
        }
    }
    if parsed.is_empty() && errs.is_empty() {
        errs.push(FieldError::new("文件", "没有数据行"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    for (year, y, evidence) in &parsed {
        upsert(&tx, ctx, school, *year, y, evidence, false).await?;
    }
    tx.commit().await?;
    Ok(parsed.len())
}

/// The results in the reader's scope, one row per school-year and indicator.
pub async fn export(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<u8>> {
    let rows = list(db, ctx).await?;
    let mut out = Vec::new();
    for v in &rows {
        for i in &v.evaluation.indicators {
            let r = rules::rule(&i.key);
            out.push(vec![
                v.school_name.clone(),
                v.year.to_string(),
                r.map(|r| r.name_zh).unwrap_or_default().to_string(),
                i.value.map(|x| x.to_string()).unwrap_or_else(|| "未评估".into()),
                format!("{}{}", if r.is_some_and(|r| r.op == rules::Op::AtMost) { "≤" } else { "≥" }, i.threshold),
                match i.met {
                    Some(true) => "达标".into(),
                    Some(false) => "未达标".into(),
                    None => "未评估".into(),
                },
                v.class.clone().unwrap_or_else(|| "数据不全".into()),
                i.basis.clone(),
            ]);
        }
    }
    xlsx::export("设置标准达标情况", &["学校", "年度", "指标", "数值", "标准", "是否达标", "年度结论", "依据"], out)
        .map_err(|e| AppError::Internal(e.into()))
}

/// Demo and tests: write a year for a school as the system.
pub async fn seed_year<C: ConnectionTrait>(db: &C, ctx: &Ctx, school: i64, year: i32, y: &SchoolYear, evidence: &str) -> AppResult<syd::Model> {
    upsert(db, ctx, school, year, y, evidence, true).await
}
