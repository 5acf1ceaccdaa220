//! Skills competitions (seed measures 九 and 十: 教师职业技能大赛和教学能力比赛; 承办 and
//! 争金夺银 at 全国/全省/全市 and 世界技能大赛). The district records events with their level,
//! organiser, host school and 赛项; schools register students, teams and teachers; the
//! district records results (by hand or from Excel, all or nothing); the medal table by
//! school, major and year and a public results page follow.

pub mod api;
pub mod pages;

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{competition as comp, competition_entry as ce, organization};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::Permission;
use crate::xlsx::{self, Column};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// (key, name) of the levels, lowest first.
pub const LEVELS: [(&str, &str); 6] =
    [("school", "校级"), ("district", "区级"), ("municipal", "市级"), ("provincial", "省级"), ("national", "国家级"), ("world", "世界技能大赛")];

/// (key, name) of the kinds of entry.
pub const KINDS: [(&str, &str); 4] = [("student", "学生个人赛"), ("team", "学生团体赛"), ("teacher", "教师职业技能大赛"), ("teaching_ability", "教学能力比赛")];

/// (key, name, medal column: 1 gold, 2 silver, 3 bronze, 4 other award, 0 none).
pub const AWARDS: [(&str, &str, u8); 8] = [
    ("none", "未获奖", 0),
    ("gold", "金牌", 1),
    ("first", "一等奖", 1),
    ("silver", "银牌", 2),
    ("second", "二等奖", 2),
    ("bronze", "铜牌", 3),
    ("third", "三等奖", 3),
    ("excellence", "优胜奖", 4),
];

fn name_of(table: &[(&'static str, &'static str)], key: &str) -> &'static str {
    table.iter().find(|(k, _)| *k == key).map(|(_, n)| *n).unwrap_or("")
}

pub fn level_name(key: &str) -> &'static str {
    name_of(&LEVELS, key)
}
pub fn kind_name(key: &str) -> &'static str {
    name_of(&KINDS, key)
}
pub fn award_name(key: &str) -> &'static str {
    AWARDS.iter().find(|a| a.0 == key).map(|a| a.1).unwrap_or("")
}
fn award_rank(key: &str) -> u8 {
    AWARDS.iter().find(|a| a.0 == key).map(|a| a.2).unwrap_or(0)
}
/// A key from a key or a Chinese name (imports).
fn parse_in<'a>(table: impl IntoIterator<Item = (&'a str, &'a str)>, v: &str) -> Option<&'a str> {
    let v = v.trim();
    table.into_iter().find(|(k, n)| *k == v || *n == v).map(|(k, _)| k)
}

fn require_district(ctx: &Ctx) -> AppResult<()> {
    ctx.require(Permission::SchoolReview).map(|_| ())
}

fn clean_text(field: &str, v: &str, max: usize, required: bool, errs: &mut Vec<FieldError>) -> String {
    let v = v.trim().to_string();
    if required && v.is_empty() {
        errs.push(FieldError::new(field, format!("{field}不能为空")));
    } else if v.chars().count() > max {
        errs.push(FieldError::new(field, format!("{field}不能超过{max}个字")));
    } else if v.chars().any(|c| c.is_control()) {
        errs.push(FieldError::new(field, format!("{field}含有不可见的控制字符")));
    }
    v
}

pub fn split_categories(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in s.split([',', '，', '、', ';', '；', '\n']) {
        let p = p.trim();
        if !p.is_empty() && !out.iter().any(|x| x == p) {
            out.push(p.to_string());
        }
    }
    out
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CompetitionInput {
    pub name: String,
    /// school | district | municipal | provincial | national | world
    pub level: String,
    pub organiser: String,
    /// The host school's organisation id (承办), empty for none.
    pub host_org_id: String,
    /// YYYY-MM-DD
    pub held_on: String,
    /// 赛项, separated by 、
    pub categories: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CompetitionView {
    pub id: i64,
    pub name: String,
    pub level: String,
    pub level_name: String,
    pub organiser: String,
    pub host_org_id: Option<i64>,
    pub host_name: Option<String>,
    pub year: i32,
    pub held_on: String,
    pub categories: Vec<String>,
}

async fn view<C: ConnectionTrait>(db: &C, m: comp::Model) -> AppResult<CompetitionView> {
    let host_name = match m.host_org_id {
        Some(h) => organization::Entity::find_by_id(h).one(db).await?.map(|o| o.name),
        None => None,
    };
    Ok(CompetitionView {
        id: m.id,
        level_name: level_name(&m.level).into(),
        categories: split_categories(&m.categories),
        name: m.name,
        level: m.level,
        organiser: m.organiser,
        host_org_id: m.host_org_id,
        host_name,
        year: m.year,
        held_on: m.held_on.format("%Y年%-m月%-d日").to_string(),
    })
}

/// Every competition (public), newest first.
pub async fn list(db: &DatabaseConnection) -> AppResult<Vec<CompetitionView>> {
    let rows = comp::Entity::find().order_by_desc(comp::Column::HeldOn).order_by_desc(comp::Column::Id).all(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        out.push(view(db, m).await?);
    }
    Ok(out)
}

pub async fn get(db: &DatabaseConnection, id: i64) -> AppResult<CompetitionView> {
    let m = comp::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    view(db, m).await
}

async fn check_competition<C: ConnectionTrait>(db: &C, input: &CompetitionInput) -> Result<comp::ActiveModel, Vec<FieldError>> {
    let mut errs = Vec::new();
    let name = clean_text("名称", &input.name, 100, true, &mut errs);
    let organiser = clean_text("主办单位", &input.organiser, 100, true, &mut errs);
    if !LEVELS.iter().any(|(k, _)| *k == input.level.trim()) {
        errs.push(FieldError::new("级别", "请选择大赛级别"));
    }
    let held_on = match NaiveDate::parse_from_str(input.held_on.trim(), "%Y-%m-%d") {
        Ok(d) if (2000..=2100).contains(&chrono::Datelike::year(&d)) => Some(d),
        _ => {
            errs.push(FieldError::new("举办日期", "请填写有效日期，如 2026-05-20"));
            None
        }
    };
    let categories = split_categories(&input.categories);
    if categories.is_empty() || categories.len() > 50 || categories.iter().any(|c| c.chars().count() > 40 || c.chars().any(char::is_control)) {
        errs.push(FieldError::new("赛项", "填写1到50个赛项，用顿号分隔，每个不超过40个字"));
    }
    let host = match input.host_org_id.trim() {
        "" => None,
        h => match h.parse::<i64>() {
            Ok(id) => match organization::Entity::find_by_id(id).one(db).await {
                Ok(Some(o)) if crate::roles::is_school_kind(&o.kind) => Some(id),
                _ => {
                    errs.push(FieldError::new("承办学校", "请从列表中选择学校"));
                    None
                }
            },
            Err(_) => {
                errs.push(FieldError::new("承办学校", "请从列表中选择学校"));
                None
            }
        },
    };
    if !errs.is_empty() {
        return Err(errs);
    }
    let held_on = held_on.expect("checked");
    Ok(comp::ActiveModel {
        name: Set(name),
        level: Set(input.level.trim().to_string()),
        organiser: Set(organiser),
        host_org_id: Set(host),
        year: Set(chrono::Datelike::year(&held_on)),
        held_on: Set(held_on),
        categories: Set(categories.join("、")),
        ..Default::default()
    })
}

pub async fn create(db: &DatabaseConnection, ctx: &Ctx, input: &CompetitionInput) -> AppResult<comp::Model> {
    require_district(ctx)?;
    let mut am = check_competition(db, input).await.map_err(AppError::Validation)?;
    am.created_by = Set(ctx.user_id());
    am.created_at = Set(chrono::Utc::now());
    am.is_demo = Set(false);
    let tx = db.begin().await?;
    let m = am.insert(&tx).await?;
    audit::record(&tx, ctx, Entry::new("create", "competition", m.id, format!("登记技能大赛：{}", m.name)).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct EntryInput {
    /// The school (district only; a school registers its own).
    pub school_org_id: String,
    pub category: String,
    /// student | team | teacher | teaching_ability
    pub kind: String,
    /// Names, separated by 、
    pub participants: String,
    pub major_name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntryView {
    pub id: i64,
    pub school_org_id: i64,
    pub school_name: String,
    pub category: String,
    pub kind: String,
    pub kind_name: String,
    pub participants: String,
    pub major_name: String,
    pub award: String,
    pub award_name: String,
}

async fn entry_views<C: ConnectionTrait>(db: &C, rows: Vec<ce::Model>) -> AppResult<Vec<EntryView>> {
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        if !names.contains_key(&m.school_org_id) {
            let n = organization::Entity::find_by_id(m.school_org_id).one(db).await?.map(|o| o.name).unwrap_or_default();
            names.insert(m.school_org_id, n);
        }
        out.push(EntryView {
            id: m.id,
            school_org_id: m.school_org_id,
            school_name: names[&m.school_org_id].clone(),
            kind_name: kind_name(&m.kind).into(),
            award_name: award_name(&m.award).into(),
            category: m.category,
            kind: m.kind,
            participants: m.participants,
            major_name: m.major_name.unwrap_or_default(),
            award: m.award,
        })
    }
    Ok(out)
}

/// Registrations of a competition the user may see: the district all, a school its own.
pub async fn entries(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<Vec<EntryView>> {
    let mut q = ce::Entity::find().filter(ce::Column::CompetitionId.eq(id));
    if !ctx.can(Permission::OrgReadAll) {
        let u = ctx.user()?;
        q = q.filter(ce::Column::SchoolOrgId.eq(u.org_id));
    }
    entry_views(db, q.order_by_asc(ce::Column::Id).all(db).await?).await
}

/// The awarded entries of a competition: public.
pub async fn results(db: &DatabaseConnection, id: i64) -> AppResult<Vec<EntryView>> {
    comp::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let rows = ce::Entity::find().filter(ce::Column::CompetitionId.eq(id)).filter(ce::Column::Award.ne("none")).all(db).await?;
    let mut v = entry_views(db, rows).await?;
    v.sort_by_key(|e| (award_rank(&e.award), e.id));
    Ok(v)
}

fn check_entry(c: &comp::Model, input: &EntryInput, errs: &mut Vec<FieldError>) -> (String, String, String, Option<String>) {
    let category = input.category.trim().to_string();
    if !split_categories(&c.categories).contains(&category) {
        errs.push(FieldError::new("赛项", format!("“{category}”不是本次大赛的赛项")));
    }
    let kind = match parse_in(KINDS, &input.kind) {
        Some(k) => k.to_string(),
        None => {
            errs.push(FieldError::new("参赛类型", "请选择参赛类型"));
            String::new()
        }
    };
    let participants = clean_text("参赛人员", &input.participants, 200, true, errs);
    let major = clean_text("专业", &input.major_name, 60, false, errs);
    (category, kind, participants, (!major.is_empty()).then_some(major))
}

async fn entry_school<C: ConnectionTrait>(db: &C, ctx: &Ctx, raw: &str) -> AppResult<i64> {
    let u = ctx.user()?;
    if ctx.can(Permission::SchoolReview) {
        let id: i64 = raw.trim().parse().map_err(|_| AppError::Validation(vec![FieldError::new("学校", "请选择学校")]))?;
        match organization::Entity::find_by_id(id).one(db).await? {
            Some(o) if crate::roles::is_school_kind(&o.kind) => Ok(id),
            _ => Err(AppError::Validation(vec![FieldError::new("学校", "请选择学校")])),
        }
    } else if u.can(Permission::SchoolReport) && crate::roles::is_school_kind(&u.org_kind) {
        Ok(u.org_id)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A school registers its students, team or teachers (the district may register any school).
pub async fn register(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &EntryInput) -> AppResult<ce::Model> {
    let school = entry_school(db, ctx, &input.school_org_id).await?;
    let c = comp::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let mut errs = Vec::new();
    let (category, kind, participants, major) = check_entry(&c, input, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let m = insert_entry(&tx, ctx, &c, school, category, kind, participants, major, "none".into(), false).await?;
    tx.commit().await?;
    Ok(m)
}

#[allow(clippy::too_many_arguments)]
async fn insert_entry<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    c: &comp::Model,
    school: i64,
    category: String,
    kind: String,
    participants: String,
    major: Option<String>,
    award: String,
    is_demo: bool,
) -> AppResult<ce::Model> {
    let m = ce::ActiveModel {
        competition_id: Set(c.id),
        school_org_id: Set(school),
        category: Set(category),
        kind: Set(kind),
        participants: Set(participants),
        major_name: Set(major),
        award: Set(award),
        created_by: Set(ctx.user_id()),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("register", "competition_entry", m.id, format!("{} 报名：{}（{}）", c.name, m.participants, m.category)).after(&m)).await?;
    Ok(m)
}

/// The district records an entry's result.
pub async fn set_award(db: &DatabaseConnection, ctx: &Ctx, entry_id: i64, award: &str) -> AppResult<ce::Model> {
    require_district(ctx)?;
    let Some(award) = parse_in(AWARDS.iter().map(|a| (a.0, a.1)), award) else {
        return Err(AppError::Validation(vec![FieldError::new("奖项", "请选择奖项")]));
    };
    let m = ce::Entity::find_by_id(entry_id).one(db).await?.ok_or(AppError::NotFound)?;
    let before = m.clone();
    let tx = db.begin().await?;
    let mut am: ce::ActiveModel = m.into();
    am.award = Set(award.to_string());
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("award", "competition_entry", m.id, format!("记录比赛结果：{}", award_name(award))).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

/// One row of the medal table.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct MedalRow {
    pub name: String,
    /// 金牌 and 一等奖
    pub gold: u32,
    /// 银牌 and 二等奖
    pub silver: u32,
    /// 铜牌 and 三等奖
    pub bronze: u32,
    /// 优胜奖
    pub other: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MedalTable {
    pub year: Option<i32>,
    pub by_school: Vec<MedalRow>,
    pub by_major: Vec<MedalRow>,
    pub by_year: Vec<MedalRow>,
    /// Years with competitions, newest first.
    pub years: Vec<i32>,
}

fn add(row: &mut MedalRow, rank: u8) {
    match rank {
        1 => row.gold += 1,
        2 => row.silver += 1,
        3 => row.bronze += 1,
        4 => row.other += 1,
        _ => return,
    }
    row.total += 1;
}

fn ranked(map: BTreeMap<String, MedalRow>) -> Vec<MedalRow> {
    let mut v: Vec<MedalRow> = map.into_values().collect();
    v.sort_by(|a, b| (b.gold, b.silver, b.bronze, b.other).cmp(&(a.gold, a.silver, a.bronze, a.other)).then(a.name.cmp(&b.name)));
    v
}

/// The medal table (public): by school and major for a year (or all years), and by year.
pub async fn medal_table(db: &DatabaseConnection, year: Option<i32>) -> AppResult<MedalTable> {
    let comps = comp::Entity::find().all(db).await?;
    let year_of: HashMap<i64, i32> = comps.iter().map(|c| (c.id, c.year)).collect();
    let mut years: Vec<i32> = comps.iter().map(|c| c.year).collect();
    years.sort_unstable_by_key(|y| std::cmp::Reverse(*y));
    years.dedup();
    let rows = ce::Entity::find().filter(ce::Column::Award.ne("none")).all(db).await?;
    let schools: HashMap<i64, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(rows.iter().map(|r| r.school_org_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let (mut by_school, mut by_major, mut by_year) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for r in &rows {
        let y = year_of.get(&r.competition_id).copied().unwrap_or_default();
        let rank = award_rank(&r.award);
        let yname = format!("{y}年");
        add(by_year.entry(yname.clone()).or_insert_with(|| MedalRow { name: yname, ..Default::default() }), rank);
        if year.is_some_and(|want| want != y) {
            continue;
        }
        let s = schools.get(&r.school_org_id).cloned().unwrap_or_default();
        add(by_school.entry(s.clone()).or_insert_with(|| MedalRow { name: s, ..Default::default() }), rank);
        let m = r.major_name.clone().unwrap_or_else(|| "（未填专业）".into());
        add(by_major.entry(m.clone()).or_insert_with(|| MedalRow { name: m, ..Default::default() }), rank);
    }
    let mut by_year: Vec<MedalRow> = by_year.into_values().collect();
    by_year.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(MedalTable { year, by_school: ranked(by_school), by_major: ranked(by_major), by_year, years })
}

/// The levels of a school's awards in competitions held in the year (the scorecard's
/// competition item).
pub async fn award_levels<C: ConnectionTrait>(db: &C, school: i64, year: i32) -> AppResult<Vec<String>> {
    let comps: HashMap<i64, String> =
        comp::Entity::find().filter(comp::Column::Year.eq(year)).all(db).await?.into_iter().map(|c| (c.id, c.level)).collect();
    let rows = ce::Entity::find()
        .filter(ce::Column::SchoolOrgId.eq(school))
        .filter(ce::Column::Award.ne("none"))
        .filter(ce::Column::CompetitionId.is_in(comps.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|r| comps.get(&r.competition_id).cloned()).collect())
}

/// Awards won in competitions held in the year, all schools (the dashboard's figure).
pub async fn awards_in_year<C: ConnectionTrait>(db: &C, year: i32) -> AppResult<u64> {
    let ids: Vec<i64> = comp::Entity::find().filter(comp::Column::Year.eq(year)).all(db).await?.into_iter().map(|c| c.id).collect();
    use sea_orm::PaginatorTrait;
    Ok(ce::Entity::find().filter(ce::Column::Award.ne("none")).filter(ce::Column::CompetitionId.is_in(ids)).count(db).await?)
}

/// Competitions of the year hosted (承办) by a school of the zone.
pub async fn hosted_in_year<C: ConnectionTrait>(db: &C, year: i32) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(comp::Entity::find().filter(comp::Column::Year.eq(year)).filter(comp::Column::HostOrgId.is_not_null()).count(db).await?)
}

// ---------------------------------------------------------------- Excel

pub const RESULT_COLUMNS: [Column; 6] = [
    Column { key: "school", header: "学校", required: true, help: "学校全称、简称或别名" },
    Column { key: "category", header: "赛项", required: true, help: "须为本次大赛登记的赛项" },
    Column { key: "kind", header: "参赛类型", required: true, help: "学生个人赛 / 学生团体赛 / 教师职业技能大赛 / 教学能力比赛" },
    Column { key: "participants", header: "参赛人员", required: true, help: "姓名，多人用顿号分隔" },
    Column { key: "major", header: "专业", required: false, help: "参赛选手所学（所教）专业" },
    Column { key: "award", header: "奖项", required: true, help: "金牌/一等奖、银牌/二等奖、铜牌/三等奖、优胜奖、未获奖" },
];

pub fn results_xlsx(rows: &[EntryView]) -> AppResult<Vec<u8>> {
    xlsx::export(
        "比赛结果",
        &RESULT_COLUMNS.map(|c| c.header),
        rows.iter().map(|e| vec![e.school_name.clone(), e.category.clone(), e.kind_name.clone(), e.participants.clone(), e.major_name.clone(), e.award_name.clone()]),
    )
    .map_err(|e| AppError::Internal(e.into()))
}

/// Import a competition's results (the district): every row or none.
pub async fn import_results(db: &DatabaseConnection, ctx: &Ctx, id: i64, bytes: &[u8]) -> AppResult<usize> {
    require_district(ctx)?;
    let c = comp::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let (pos, rows) = xlsx::read_register(bytes, &RESULT_COLUMNS, 5000)?;
    let mut errs = Vec::new();
    let mut parsed = Vec::new();
    for (n, cells) in rows.iter() {
        let cell = |i: usize| pos[i].and_then(|p| cells.get(p)).cloned().unwrap_or_default();
        let mut row_errs = Vec::new();
        let school = match crate::areas::orgs::resolve(db, cell(0).trim()).await? {
            Some(o) if crate::roles::is_school_kind(&o.kind) => Some(o.id),
            _ => {
                row_errs.push(FieldError::new("学校", format!("找不到学校“{}”", cell(0).trim())));
                None
            }
        };
        let input = EntryInput { school_org_id: String::new(), category: cell(1), kind: cell(2), participants: cell(3), major_name: cell(4) };
        let (category, kind, participants, major) = check_entry(&c, &input, &mut row_errs);
        let award = parse_in(AWARDS.iter().map(|a| (a.0, a.1)), &cell(5));
        if award.is_none() {
            row_errs.push(FieldError::new("奖项", format!("“{}”不是可选的奖项", cell(5).trim())));
        }
        if row_errs.is_empty() {
            parsed.push((school.expect("checked"), category, kind, participants, major, award.expect("checked").to_string()));
        }
        errs.extend(row_errs.into_iter().map(|mut e| {
            e.row = Some(*n);
            e
        }));
    }
    if parsed.is_empty() && errs.is_empty() {
        errs.push(FieldError::new("文件", "没有数据行"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    for (school, category, kind, participants, major, award) in parsed.iter().cloned() {
        insert_entry(&tx, ctx, &c, school, category, kind, participants, major, award, false).await?;
    }
    tx.commit().await?;
    Ok(parsed.len())
}

/// Demo: a competition and its awarded entries, written as the system.
pub async fn seed<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    input: &CompetitionInput,
    entries: &[(i64, &str, &str, &str, &str, &str)],
) -> AppResult<comp::Model> {
    let mut am = check_competition(db, input).await.map_err(AppError::Validation)?;
    am.created_at = Set(chrono::Utc::now());
    am.is_demo = Set(true);
    let c = am.insert(db).await?;
    for (school, category, kind, participants, major, award) in entries {
        insert_entry(db, ctx, &c, *school, category.to_string(), kind.to_string(), participants.to_string(), Some(major.to_string()), award.to_string(), true).await?;
    }
    Ok(c)
}
