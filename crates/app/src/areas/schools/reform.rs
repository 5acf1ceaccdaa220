//! 三教改革 beyond the teacher register (seed measure 九: "选树一批技能名师工作室和教学创新
//! 团队…开展项目教学、情境教学和模块化教学…挖掘一批职业教学典型案例…加强课程思政建设，开发
//! 建设地方特色教材、行业使用教材和校本专业教材"): a school's 技能名师工作室 and 教学创新团队
//! with their leader and members (teachers of its register) and their outputs; its library
//! of teaching cases and its textbook projects with their status.
//!
//! A vocational school's admin keeps its own; the district and liaisons read every school's
//! (the same scope as the teacher register); the dashboard of measure 九 counts them.

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{organization, tch_group as grp, tch_group_member as gm, tch_group_output as go, tch_reform_item as ri, teacher};
use crate::error::{AppError, AppResult, FieldError};
use crate::input::{bounded_i32, required_text};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const GROUP_KINDS: [(&str, &str); 2] = [("studio", "技能名师工作室"), ("team", "教学创新团队")];
pub const LEVELS: [(&str, &str); 5] = [("school", "校级"), ("district", "区级"), ("municipal", "市级"), ("provincial", "省级"), ("national", "国家级")];
pub const OUTPUT_KINDS: [(&str, &str); 7] = [("course", "课程资源"), ("textbook", "教材"), ("case", "教学案例"), ("award", "竞赛获奖"), ("patent", "专利"), ("service", "技术服务"), ("other", "其他")];
pub const CASE_CATEGORIES: [(&str, &str); 3] = [("project", "项目教学"), ("situational", "情境教学"), ("modular", "模块化教学")];
pub const TEXTBOOK_CATEGORIES: [(&str, &str); 3] = [("local", "地方特色教材"), ("industry", "行业使用教材"), ("school", "校本专业教材")];
pub const STATUSES: [(&str, &str); 4] = [("planned", "立项"), ("building", "建设中"), ("completed", "已完成"), ("adopted", "已出版或推广使用")];

fn name_of(list: &[(&'static str, &'static str)], key: &str) -> &'static str {
    list.iter().find(|(k, _)| *k == key).map(|(_, n)| *n).unwrap_or("")
}

fn optional_text(field: &str, label: &str, raw: &str, max: usize, errs: &mut Vec<FieldError>) -> String {
    let s = raw.trim().to_string();
    if s.chars().count() > max || s.chars().any(char::is_control) {
        errs.push(FieldError::new(field, format!("{label}不超过{max}个字，且不含控制字符")));
    }
    s
}

fn this_year() -> i32 {
    super::this_year()
}

// ---------------------------------------------------------------- views

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutputView {
    pub year: i32,
    pub kind_name: String,
    pub title: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupView {
    pub id: i64,
    pub school_name: String,
    pub kind: String,
    pub kind_name: String,
    pub name: String,
    pub leader: String,
    pub members: Vec<String>,
    pub level_name: String,
    pub field: String,
    pub founded_on: String,
    pub outputs: Vec<OutputView>,
    pub is_demo: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ItemView {
    pub id: i64,
    pub school_name: String,
    pub kind: String,
    pub category_name: String,
    pub title: String,
    pub authors: String,
    pub ideological: bool,
    pub status: String,
    pub status_name: String,
    pub year: i32,
    pub evidence: String,
    pub is_demo: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Reform {
    pub groups: Vec<GroupView>,
    pub cases: Vec<ItemView>,
    pub textbooks: Vec<ItemView>,
}

/// Everything in the reader's scope.
pub async fn overview(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Reform> {
    let scope = super::read_scope(ctx)?;
    let mut gq = grp::Entity::find();
    let mut iq = ri::Entity::find();
    if let Some(own) = scope {
        gq = gq.filter(grp::Column::SchoolOrgId.eq(own));
        iq = iq.filter(ri::Column::SchoolOrgId.eq(own));
    }
    let groups = gq.order_by_asc(grp::Column::SchoolOrgId).order_by_asc(grp::Column::Id).all(db).await?;
    let items = iq.order_by_desc(ri::Column::Year).order_by_asc(ri::Column::Id).all(db).await?;
    let schools: HashMap<i64, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(groups.iter().map(|g| g.school_org_id).chain(items.iter().map(|i| i.school_org_id)).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let ids: Vec<i64> = groups.iter().map(|g| g.id).collect();
    let members = gm::Entity::find().filter(gm::Column::GroupId.is_in(ids.clone())).order_by_asc(gm::Column::Id).all(db).await?;
    let outputs = go::Entity::find().filter(go::Column::GroupId.is_in(ids)).order_by_desc(go::Column::Year).order_by_asc(go::Column::Id).all(db).await?;
    let teacher_ids: Vec<i64> = members.iter().map(|m| m.teacher_id).chain(groups.iter().map(|g| g.leader_teacher_id)).collect();
    let teachers: HashMap<i64, String> = teacher::Entity::find().filter(teacher::Column::Id.is_in(teacher_ids)).all(db).await?.into_iter().map(|t| (t.id, t.name)).collect();
    let tname = |id: i64| teachers.get(&id).cloned().unwrap_or_default();
    let groups = groups
        .into_iter()
        .map(|g| GroupView {
            id: g.id,
            school_name: schools.get(&g.school_org_id).cloned().unwrap_or_default(),
            kind_name: name_of(&GROUP_KINDS, &g.kind).into(),
            leader: tname(g.leader_teacher_id),
            members: members.iter().filter(|m| m.group_id == g.id).map(|m| tname(m.teacher_id)).collect(),
            level_name: name_of(&LEVELS, &g.level).into(),
            founded_on: g.founded_on.format("%Y年%-m月%-d日").to_string(),
            outputs: outputs
                .iter()
                .filter(|o| o.group_id == g.id)
                .map(|o| OutputView { year: o.year, kind_name: name_of(&OUTPUT_KINDS, &o.kind).into(), title: o.title.clone(), evidence: o.evidence.clone() })
                .collect(),
            kind: g.kind,
            name: g.name,
            field: g.field,
            is_demo: g.is_demo,
        })
        .collect();
    let view = |i: ri::Model| ItemView {
        id: i.id,
        school_name: schools.get(&i.school_org_id).cloned().unwrap_or_default(),
        category_name: name_of(if i.kind == "case" { &CASE_CATEGORIES } else { &TEXTBOOK_CATEGORIES }, &i.category).into(),
        status_name: name_of(&STATUSES, &i.status).into(),
        kind: i.kind,
        title: i.title,
        authors: i.authors,
        ideological: i.ideological,
        status: i.status,
        year: i.year,
        evidence: i.evidence,
        is_demo: i.is_demo,
    };
    let (cases, textbooks): (Vec<ri::Model>, Vec<ri::Model>) = items.into_iter().partition(|i| i.kind == "case");
    Ok(Reform { groups, cases: cases.into_iter().map(view).collect(), textbooks: textbooks.into_iter().map(view).collect() })
}

/// The school's own teachers, for the forms: (id, name).
pub async fn own_teachers(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<(i64, String)>> {
    let u = super::require_reporter(ctx)?;
    Ok(teacher::Entity::find().filter(teacher::Column::SchoolOrgId.eq(u.org_id)).order_by_asc(teacher::Column::Id).all(db).await?.into_iter().map(|t| (t.id, t.name)).collect())
}

// ---------------------------------------------------------------- groups

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct GroupInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub leader_teacher_id: String,
    #[serde(default)]
    pub member_ids: Vec<i64>,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub field: String,
    /// YYYY-MM-DD
    #[serde(default)]
    pub founded_on: String,
}

pub async fn create_group(db: &DatabaseConnection, ctx: &Ctx, input: &GroupInput) -> AppResult<i64> {
    let u = super::require_reporter(ctx)?.clone();
    let own: Vec<i64> = own_teachers(db, ctx).await?.into_iter().map(|(id, _)| id).collect();
    let mut errs = Vec::new();
    if name_of(&GROUP_KINDS, input.kind.trim()).is_empty() {
        errs.push(FieldError::new("kind", "请选择类型（技能名师工作室或教学创新团队）"));
    }
    let name = required_text("name", "名称", &input.name, 60, &mut errs);
    let leader = input.leader_teacher_id.trim().parse::<i64>().ok().filter(|id| own.contains(id));
    if leader.is_none() {
        errs.push(FieldError::new("leader_teacher_id", "请从本校教师名册中选择负责人"));
    }
    let mut members = input.member_ids.clone();
    members.sort_unstable();
    members.dedup();
    if members.len() > 50 || !members.iter().all(|id| own.contains(id)) {
        errs.push(FieldError::new("member_ids", "成员须从本校教师名册中选择，最多50人"));
    }
    if name_of(&LEVELS, input.level.trim()).is_empty() {
        errs.push(FieldError::new("level", "请选择级别"));
    }
    let field = required_text("field", "专业领域", &input.field, 60, &mut errs);
    let founded = NaiveDate::parse_from_str(input.founded_on.trim(), "%Y-%m-%d").ok().filter(|d| *d <= (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive());
    if founded.is_none() {
        errs.push(FieldError::new("founded_on", "成立日期无效（YYYY-MM-DD，不晚于今天）"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let leader = leader.expect("checked");
    if !members.contains(&leader) {
        members.insert(0, leader);
    }
    let tx = db.begin().await?;
    let g = insert_group(&tx, ctx, u.org_id, input.kind.trim(), &name, leader, &members, input.level.trim(), &field, founded.expect("checked"), false).await?;
    tx.commit().await?;
    Ok(g.id)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_group<C: ConnectionTrait>(db: &C, ctx: &Ctx, school: i64, kind: &str, name: &str, leader: i64, members: &[i64], level: &str, field: &str, founded: NaiveDate, is_demo: bool) -> AppResult<grp::Model> {
    let g = grp::ActiveModel {
        school_org_id: Set(school),
        kind: Set(kind.into()),
        name: Set(name.into()),
        leader_teacher_id: Set(leader),
        level: Set(level.into()),
        field: Set(field.into()),
        founded_on: Set(founded),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for m in members {
        gm::ActiveModel { group_id: Set(g.id), teacher_id: Set(*m), ..Default::default() }.insert(db).await?;
    }
    audit::record(db, ctx, Entry::new("create", "tch_group", g.id, format!("设立{}：{name}（{}人）", name_of(&GROUP_KINDS, kind), members.len())).after(&g)).await?;
    Ok(g)
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct OutputInput {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub evidence: String,
}

pub async fn add_output(db: &DatabaseConnection, ctx: &Ctx, group_id: i64, input: &OutputInput) -> AppResult<()> {
    let u = super::require_reporter(ctx)?.clone();
    let g = grp::Entity::find_by_id(group_id).one(db).await?.filter(|g| g.school_org_id == u.org_id).ok_or(AppError::NotFound)?;
    let mut errs = Vec::new();
    let year = bounded_i32("year", "年度", &input.year, super::FIRST_YEAR, this_year(), &mut errs);
    if name_of(&OUTPUT_KINDS, input.kind.trim()).is_empty() {
        errs.push(FieldError::new("kind", "请选择成果类别"));
    }
    let title = required_text("title", "成果名称", &input.title, 100, &mut errs);
    let evidence = required_text("evidence", "佐证材料", &input.evidence, 200, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let m = go::ActiveModel { group_id: Set(g.id), year: Set(year), kind: Set(input.kind.trim().into()), title: Set(title.clone()), evidence: Set(evidence), created_at: Set(chrono::Utc::now()), ..Default::default() }.insert(&tx).await?;
    audit::record(&tx, ctx, Entry::new("create", "tch_group_output", m.id, format!("{}登记成果：{title}", g.name)).after(&m)).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- cases and textbooks

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ItemInput {
    /// case | textbook
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub authors: String,
    /// "1" when the item builds 课程思政 in.
    #[serde(default)]
    pub ideological: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub evidence: String,
}

pub async fn create_item(db: &DatabaseConnection, ctx: &Ctx, input: &ItemInput) -> AppResult<i64> {
    let u = super::require_reporter(ctx)?.clone();
    let mut errs = Vec::new();
    let kind = input.kind.trim();
    let categories: &[(&str, &str)] = match kind {
        "case" => &CASE_CATEGORIES,
        "textbook" => &TEXTBOOK_CATEGORIES,
        _ => {
            errs.push(FieldError::new("kind", "请选择教学案例或教材建设"));
            &[]
        }
    };
    if !categories.is_empty() && name_of(categories, input.category.trim()).is_empty() {
        errs.push(FieldError::new("category", if kind == "case" { "请选择教学方法（项目教学、情境教学或模块化教学）" } else { "请选择教材类别（地方特色、行业使用或校本专业教材）" }));
    }
    let title = required_text("title", "名称", &input.title, 100, &mut errs);
    let authors = required_text("authors", "主要完成人", &input.authors, 100, &mut errs);
    if name_of(&STATUSES, input.status.trim()).is_empty() {
        errs.push(FieldError::new("status", "请选择状态"));
    }
    let year = bounded_i32("year", "年度", &input.year, super::FIRST_YEAR, this_year() + 1, &mut errs);
    let evidence = optional_text("evidence", "佐证材料", &input.evidence, 200, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let m = insert_item(&tx, ctx, u.org_id, kind, input.category.trim(), &title, &authors, matches!(input.ideological.trim(), "1" | "on" | "true" | "是"), input.status.trim(), year, &evidence, false).await?;
    tx.commit().await?;
    Ok(m.id)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_item<C: ConnectionTrait>(db: &C, ctx: &Ctx, school: i64, kind: &str, category: &str, title: &str, authors: &str, ideological: bool, status: &str, year: i32, evidence: &str, is_demo: bool) -> AppResult<ri::Model> {
    let m = ri::ActiveModel {
        school_org_id: Set(school),
        kind: Set(kind.into()),
        category: Set(category.into()),
        title: Set(title.into()),
        authors: Set(authors.into()),
        ideological: Set(ideological),
        status: Set(status.into()),
        year: Set(year),
        evidence: Set(evidence.into()),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("create", "tch_reform_item", m.id, format!("登记{}：{title}", if kind == "case" { "教学案例" } else { "教材建设项目" })).after(&m)).await?;
    Ok(m)
}

/// Move an item of one's own school to another status, audited.
pub async fn set_status(db: &DatabaseConnection, ctx: &Ctx, id: i64, status: &str) -> AppResult<()> {
    let u = super::require_reporter(ctx)?.clone();
    let m = ri::Entity::find_by_id(id).one(db).await?.filter(|m| m.school_org_id == u.org_id).ok_or(AppError::NotFound)?;
    if name_of(&STATUSES, status.trim()).is_empty() {
        return Err(AppError::Validation(vec![FieldError::new("status", "请选择状态")]));
    }
    let before = m.clone();
    let tx = db.begin().await?;
    let mut am: ri::ActiveModel = m.into();
    am.status = Set(status.trim().into());
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("status", "tch_reform_item", m.id, format!("{}：{}", m.title, name_of(&STATUSES, &m.status))).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- figures

/// 技能名师工作室 and 教学创新团队 of the district (the dashboard of measure 九).
pub async fn group_count<C: ConnectionTrait>(db: &C) -> AppResult<u64> {
    Ok(grp::Entity::find().count(db).await?)
}

/// Teaching cases and textbook projects completed or adopted (the dashboard of measure 九).
pub async fn finished_item_count<C: ConnectionTrait>(db: &C) -> AppResult<u64> {
    Ok(ri::Entity::find().filter(ri::Column::Status.is_in(["completed", "adopted"])).count(db).await?)
}

/// Demo: a studio led by the school's first demo teacher, one output, one case, one textbook.
pub async fn seed<C: ConnectionTrait>(db: &C, ctx: &Ctx, school: i64) -> AppResult<()> {
    if grp::Entity::find().filter(grp::Column::SchoolOrgId.eq(school)).one(db).await?.is_some() {
        return Ok(());
    }
    let ts: Vec<i64> = teacher::Entity::find().filter(teacher::Column::SchoolOrgId.eq(school)).order_by_asc(teacher::Column::Id).all(db).await?.into_iter().map(|t| t.id).collect();
    let Some(&leader) = ts.first() else { return Ok(()) };
    let year = this_year();
    let g = insert_group(db, ctx, school, "studio", "智能制造技能名师工作室（示例）", leader, &ts[..ts.len().min(2)], "district", "机电技术应用", NaiveDate::from_ymd_opt(year - 1, 9, 1).expect("date"), true).await?;
    go::ActiveModel { group_id: Set(g.id), year: Set(year), kind: Set("course".into()), title: Set("工业机器人编程在线课程（示例）".into()), evidence: Set("课程平台链接（演示）".into()), created_at: Set(chrono::Utc::now()), ..Default::default() }.insert(db).await?;
    insert_item(db, ctx, school, "case", "project", "数控车削零件加工项目教学案例（示例）", "赵建国（演示）", true, "completed", year, "案例文本（演示）", true).await?;
    insert_item(db, ctx, school, "textbook", "local", "淄博陶瓷新材料工艺校本教材（示例）", "钱晓燕（演示）", true, "building", year, "", true).await?;
    Ok(())
}
