//! What schools and the district keep beside the map: the district's warning thresholds
//! (versioned: every save is a new version, the newest is in force and a map names the
//! version it was computed with), a school's specialty groups (core major, related majors,
//! the chain served) and its teachers and training rooms per major.

use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{major_resource as res, major_rule_setting as rules, school_major, specialty_group as group};
use crate::error::{AppError, AppResult, FieldError, PageResult};
use crate::input::{bounded_i32, required_text};
use crate::roles::{Permission, Role};
use crate::web::{AppState, Page};
use askama::Template;
use chrono::Datelike;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zhijiao_domain::catalog::{MajorLevel, catalogs};
use zhijiao_domain::majors::MajorStatus;
use zhijiao_domain::majors::warnings::{RULES_VERSION, WarningRules};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/majors/rules", get(rules_page).post(save_rules_form))
        .route("/majors/groups", get(groups_page).post(create_group_form))
        .route("/majors/groups/{id}", get(group_page).post(update_group_form))
        .route("/majors/resources", get(resources_page).post(add_resource_form))
        .route("/majors/resources/{id}/delete", post(delete_resource_form))
}

fn require_school(ctx: &Ctx) -> AppResult<&AuthUser> {
    let u = ctx.user()?;
    if u.has_role(Role::SchoolAdmin) && u.org_kind == "vocational_school" { Ok(u) } else { Err(AppError::Forbidden) }
}

// ---------------------------------------------------------------------------------------
// Warning thresholds

/// The version label a result carries: the code's rules and the district's settings row.
pub fn version_label(version: i32) -> String {
    let code = RULES_VERSION.trim_start_matches("majors-warnings/");
    if version == 0 { format!("规则{code}·默认阈值") } else { format!("规则{code}·区设置第{version}版") }
}

fn to_rules(m: &rules::Model) -> WarningRules {
    let d = WarningRules::default();
    WarningRules {
        version: version_label(m.version),
        bottom_share: f64::from(m.bottom_share_pct) / 100.0,
        consecutive_cohorts: m.consecutive_cohorts.max(1) as usize,
        saturation_share: f64::from(m.saturation_pct) / 100.0,
        size_cap_secondary: m.size_cap_secondary.max(0) as u32,
        size_cap_higher: m.size_cap_higher.max(0) as u32,
        dormant_years: m.dormant_years.max(1) as usize,
        shortage_min_stars: m.shortage_min_stars.clamp(1, 5) as u8,
        ..d
    }
}

/// The rules in force and their version (0: the precedents' defaults, nothing saved yet).
pub async fn current_rules<C: ConnectionTrait>(db: &C) -> AppResult<(WarningRules, i32)> {
    Ok(match rules::Entity::find().order_by_desc(rules::Column::Version).one(db).await? {
        Some(m) => (to_rules(&m), m.version),
        None => (WarningRules { version: version_label(0), ..WarningRules::default() }, 0),
    })
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RulesInput {
    #[serde(default)]
    pub bottom_share_pct: String,
    #[serde(default)]
    pub consecutive_cohorts: String,
    #[serde(default)]
    pub saturation_pct: String,
    #[serde(default)]
    pub size_cap_secondary: String,
    #[serde(default)]
    pub size_cap_higher: String,
    #[serde(default)]
    pub dormant_years: String,
    #[serde(default)]
    pub shortage_min_stars: String,
    #[serde(default)]
    pub note: String,
}

impl RulesInput {
    fn of(r: &WarningRules) -> Self {
        RulesInput {
            bottom_share_pct: format!("{:.0}", r.bottom_share * 100.0),
            consecutive_cohorts: r.consecutive_cohorts.to_string(),
            saturation_pct: format!("{:.0}", r.saturation_share * 100.0),
            size_cap_secondary: r.size_cap_secondary.to_string(),
            size_cap_higher: r.size_cap_higher.to_string(),
            dormant_years: r.dormant_years.to_string(),
            shortage_min_stars: r.shortage_min_stars.to_string(),
            note: String::new(),
        }
    }
}

/// The district saves new thresholds: a new version, the old ones kept.
pub async fn save_rules(db: &DatabaseConnection, ctx: &Ctx, input: &RulesInput) -> AppResult<i32> {
    let u = ctx.require(Permission::OrgManage)?.clone();
    let mut errs = Vec::new();
    let bottom = bounded_i32("bottom_share_pct", "去向落实率后百分比", &input.bottom_share_pct, 1, 50, &mut errs);
    let cohorts = bounded_i32("consecutive_cohorts", "连续届数", &input.consecutive_cohorts, 1, 5, &mut errs);
    let saturation = bounded_i32("saturation_pct", "布点饱和比例", &input.saturation_pct, 10, 100, &mut errs);
    let cap_sec = bounded_i32("size_cap_secondary", "中职专业在校生规模下限", &input.size_cap_secondary, 0, 5000, &mut errs);
    let cap_high = bounded_i32("size_cap_higher", "高职专业在校生规模下限", &input.size_cap_higher, 0, 5000, &mut errs);
    let dormant = bounded_i32("dormant_years", "连续未招生年数", &input.dormant_years, 1, 10, &mut errs);
    let stars = bounded_i32("shortage_min_stars", "紧缺星级下限", &input.shortage_min_stars, 1, 5, &mut errs);
    let note = input.note.trim().to_string();
    if note.chars().count() > 500 {
        errs.push(FieldError::new("note", "调整说明不能超过500个字"));
    } else if note.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        errs.push(FieldError::new("note", "调整说明含有控制字符"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let (before, version) = current_rules(&tx).await?;
    let m = rules::ActiveModel {
        version: Set(version + 1),
        bottom_share_pct: Set(bottom),
        consecutive_cohorts: Set(cohorts),
        saturation_pct: Set(saturation),
        size_cap_secondary: Set(cap_sec),
        size_cap_higher: Set(cap_high),
        dormant_years: Set(dormant),
        shortage_min_stars: Set(stars),
        note: Set(note),
        created_by: Set(Some(u.id)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await
    .map_err(|e| AppError::on_unique(e, "预警规则刚被他人修改，请刷新后重试"))?;
    audit::record(&tx, ctx, Entry::new("update", "major_rules", m.id, format!("修改专业预警阈值（第{}版）", m.version)).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(m.version)
}

#[derive(Debug, Clone, Serialize)]
pub struct RulesHistory {
    pub version: i32,
    pub summary: String,
    pub note: String,
    pub at: String,
}

async fn history(db: &DatabaseConnection) -> AppResult<Vec<RulesHistory>> {
    Ok(rules::Entity::find()
        .order_by_desc(rules::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(|m| RulesHistory {
            version: m.version,
            summary: format!(
                "后{}%·连续{}届；布点>{}%；规模 中职{} 高职{}；{}年未招生；紧缺★{}及以上",
                m.bottom_share_pct, m.consecutive_cohorts, m.saturation_pct, m.size_cap_secondary, m.size_cap_higher, m.dormant_years, m.shortage_min_stars
            ),
            note: m.note,
            at: super::date_zh(m.created_at.date_naive()),
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/rules.html")]
struct RulesPage {
    page: Page,
    version: String,
    input: RulesInput,
    history: Vec<RulesHistory>,
    can_edit: bool,
    errors: Vec<FieldError>,
}

impl RulesPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

async fn rules_page_with(s: &AppState, ctx: &Ctx, page: Page, input: Option<RulesInput>, errors: Vec<FieldError>) -> PageResult<RulesPage> {
    ctx.require(Permission::OrgReadAll)?;
    let (r, _) = current_rules(&s.db).await?;
    let title = page.t("majors.rules_title");
    Ok(RulesPage {
        page: page.titled(title),
        version: r.version.clone(),
        input: input.unwrap_or_else(|| RulesInput::of(&r)),
        history: history(&s.db).await?,
        can_edit: ctx.can(Permission::OrgManage),
        errors,
    })
}

async fn rules_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<RulesPage> {
    rules_page_with(&s, &ctx, page, None, Vec::new()).await
}

async fn save_rules_form(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<RulesInput>) -> PageResult<Response> {
    match save_rules(&s.db, &ctx, &input).await {
        Ok(_) => Ok(Redirect::to("/majors/rules").into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, rules_page_with(&s, &ctx, page, Some(input), errors).await?).into_response()),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------
// Specialty groups

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GroupInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub chain: String,
    #[serde(default)]
    pub core_major_code: String,
    /// Related majors (codes of the school's offerings), picked by name in the form.
    #[serde(default)]
    pub members: Vec<String>,
}

/// A school's live secondary offerings, "660301 机电技术应用".
async fn own_offerings<C: ConnectionTrait>(db: &C, org_id: i64) -> AppResult<Vec<school_major::Model>> {
    Ok(school_major::Entity::find()
        .filter(school_major::Column::OrgId.eq(org_id))
        .filter(school_major::Column::Status.ne(MajorStatus::Withdrawn.key()))
        .order_by_asc(school_major::Column::MajorCode)
        .all(db)
        .await?)
}

async fn check_group<C: ConnectionTrait>(db: &C, org_id: i64, input: &GroupInput) -> AppResult<(String, String, String, Vec<String>)> {
    let mut errs = Vec::new();
    let name = required_text("name", "专业群名称", &input.name, 60, &mut errs);
    let chains: Vec<String> = crate::areas::report::chains(db).await?.into_iter().map(|c| c.name).collect();
    if !chains.contains(&input.chain) {
        errs.push(FieldError::new("chain", "请选择专业群对接的产业链"));
    }
    let offered = own_offerings(db, org_id).await?;
    let is_offered = |c: &str| offered.iter().any(|o| o.major_code == c);
    if !is_offered(&input.core_major_code) {
        errs.push(FieldError::new("core_major_code", "请从本校开设的专业中选择核心专业"));
    }
    let mut members: Vec<String> = Vec::new();
    for m in &input.members {
        if !is_offered(m) {
            errs.push(FieldError::new("members", "相关专业须为本校开设的专业"));
            break;
        }
        if *m != input.core_major_code && !members.contains(m) {
            members.push(m.clone());
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    Ok((name, input.chain.clone(), input.core_major_code.clone(), members))
}

/// Point the group's majors at it: the core and the related ones; majors left out leave it.
async fn set_members<C: ConnectionTrait>(db: &C, org_id: i64, group_id: i64, core: &str, members: &[String]) -> AppResult<()> {
    school_major::Entity::update_many()
        .col_expr(school_major::Column::GroupId, Expr::value(Option::<i64>::None))
        .filter(school_major::Column::OrgId.eq(org_id))
        .filter(school_major::Column::GroupId.eq(group_id))
        .exec(db)
        .await?;
    let mut codes: Vec<String> = members.to_vec();
    codes.push(core.to_string());
    school_major::Entity::update_many()
        .col_expr(school_major::Column::GroupId, Expr::value(Some(group_id)))
        .filter(school_major::Column::OrgId.eq(org_id))
        .filter(school_major::Column::MajorCode.is_in(codes))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn create_group(db: &DatabaseConnection, ctx: &Ctx, input: &GroupInput) -> AppResult<group::Model> {
    let u = require_school(ctx)?.clone();
    let (name, chain, core, members) = check_group(db, u.org_id, input).await?;
    let tx = db.begin().await?;
    let m = group::ActiveModel {
        org_id: Set(u.org_id),
        name: Set(name),
        level: Set(MajorLevel::Secondary.key().into()),
        core_major_code: Set(core.clone()),
        chain: Set(chain),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await
    .map_err(|e| AppError::on_unique(e, "本校已有同名专业群"))?;
    set_members(&tx, u.org_id, m.id, &core, &members).await?;
    audit::record(&tx, ctx, Entry::new("create", "specialty_group", m.id, format!("新建专业群 {}（相关专业 {} 个）", m.name, members.len())).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

async fn own_group<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<group::Model> {
    let u = require_school(ctx)?;
    let g = group::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    // Another school's group does not exist for this reader.
    if g.org_id != u.org_id { Err(AppError::NotFound) } else { Ok(g) }
}

pub async fn update_group(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &GroupInput) -> AppResult<group::Model> {
    let before = own_group(db, ctx, id).await?;
    let (name, chain, core, members) = check_group(db, before.org_id, input).await?;
    let tx = db.begin().await?;
    let mut am: group::ActiveModel = before.clone().into();
    am.name = Set(name);
    am.chain = Set(chain);
    am.core_major_code = Set(core.clone());
    let m = am.update(&tx).await.map_err(|e| AppError::on_unique(e, "本校已有同名专业群"))?;
    set_members(&tx, m.org_id, m.id, &core, &members).await?;
    audit::record(&tx, ctx, Entry::new("update", "specialty_group", m.id, format!("修改专业群 {}（相关专业 {} 个）", m.name, members.len())).before(&before).after(&m))
        .await?;
    tx.commit().await?;
    Ok(m)
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/groups.html")]
struct GroupsPage {
    page: Page,
    groups: Vec<super::GroupView>,
    can_edit: bool,
    form: GroupForm,
}

/// The form's state: what is picked and what can be picked, by name.
struct GroupForm {
    action: String,
    input: GroupInput,
    chains: Vec<String>,
    /// (code, "660301 机电技术应用")
    majors: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

impl GroupForm {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
    fn picked(&self, code: &str) -> bool {
        self.input.members.iter().any(|m| m == code)
    }
}

async fn group_form(s: &AppState, ctx: &Ctx, action: String, input: GroupInput, errors: Vec<FieldError>) -> AppResult<GroupForm> {
    let majors = match require_school(ctx) {
        Ok(u) => own_offerings(&s.db, u.org_id).await?.into_iter().map(|o| (o.major_code.clone(), format!("{} {}", o.major_code, o.major_name))).collect(),
        Err(_) => Vec::new(),
    };
    Ok(GroupForm { action, input, chains: crate::areas::report::chains(&s.db).await?.into_iter().map(|c| c.name).collect(), majors, errors })
}

/// Groups the reader sees: the district every school's, a school its own.
async fn visible_groups(s: &AppState, ctx: &Ctx) -> AppResult<Vec<super::GroupView>> {
    let u = ctx.user()?;
    let map = super::build(&s.db, MajorLevel::Secondary, super::today().year()).await?;
    if u.can(Permission::OrgReadAll) {
        return Ok(map.groups);
    }
    require_school(ctx)?;
    let own = group::Entity::find().filter(group::Column::OrgId.eq(u.org_id)).all(&s.db).await?;
    Ok(map.groups.into_iter().filter(|g| own.iter().any(|o| o.id == g.id)).collect())
}

async fn groups_page_with(s: &AppState, ctx: &Ctx, page: Page, input: GroupInput, errors: Vec<FieldError>) -> PageResult<GroupsPage> {
    let groups = visible_groups(s, ctx).await?;
    let title = page.t("majors.groups_title");
    Ok(GroupsPage {
        page: page.titled(title),
        groups,
        can_edit: require_school(ctx).is_ok(),
        form: group_form(s, ctx, "/majors/groups".into(), input, errors).await?,
    })
}

async fn groups_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<GroupsPage> {
    groups_page_with(&s, &ctx, page, GroupInput::default(), Vec::new()).await
}

async fn create_group_form(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<GroupInput>) -> PageResult<Response> {
    match create_group(&s.db, &ctx, &input).await {
        Ok(g) => Ok(Redirect::to(&format!("/majors/groups/{}", g.id)).into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, groups_page_with(&s, &ctx, page, input, errors).await?).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/group.html")]
struct GroupPage {
    page: Page,
    form: GroupForm,
}

async fn group_page_with(s: &AppState, ctx: &Ctx, page: Page, id: i64, input: Option<GroupInput>, errors: Vec<FieldError>) -> PageResult<GroupPage> {
    let g = own_group(&s.db, ctx, id).await?;
    let input = match input {
        Some(i) => i,
        None => {
            let members = school_major::Entity::find()
                .filter(school_major::Column::OrgId.eq(g.org_id))
                .filter(school_major::Column::GroupId.eq(g.id))
                .filter(school_major::Column::MajorCode.ne(g.core_major_code.clone()))
                .all(&s.db)
                .await?
                .into_iter()
                .map(|o| o.major_code)
                .collect();
            GroupInput { name: g.name.clone(), chain: g.chain.clone(), core_major_code: g.core_major_code.clone(), members }
        }
    };
    let title = format!("{}：{}", page.t("majors.group"), g.name);
    Ok(GroupPage { page: page.titled(title), form: group_form(s, ctx, format!("/majors/groups/{id}"), input, errors).await? })
}

async fn group_page(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<GroupPage> {
    group_page_with(&s, &ctx, page, id, None, Vec::new()).await
}

async fn update_group_form(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(input): Form<GroupInput>) -> PageResult<Response> {
    match update_group(&s.db, &ctx, id, &input).await {
        Ok(g) => Ok(Redirect::to(&format!("/majors/groups/{}", g.id)).into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, group_page_with(&s, &ctx, page, id, Some(input), errors).await?).into_response()),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------
// Teachers and training rooms per major

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    Teacher,
    Room,
}

impl ResourceKind {
    pub fn key(self) -> &'static str {
        match self {
            ResourceKind::Teacher => "teacher",
            ResourceKind::Room => "room",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "teacher" => Some(ResourceKind::Teacher),
            "room" => Some(ResourceKind::Room),
            _ => None,
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            ResourceKind::Teacher => "专业教师",
            ResourceKind::Room => "实训室",
        }
    }
}

/// Per (school, major code): teachers' names and rooms "name（N工位）".
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct MajorResources {
    pub teachers: Vec<String>,
    pub rooms: Vec<String>,
    pub workstations: i64,
}

pub async fn resources_by_major<C: ConnectionTrait>(db: &C, level: MajorLevel) -> AppResult<BTreeMap<(i64, String), MajorResources>> {
    let mut out: BTreeMap<(i64, String), MajorResources> = BTreeMap::new();
    for r in res::Entity::find().filter(res::Column::Level.eq(level.key())).order_by_asc(res::Column::Id).all(db).await? {
        let e = out.entry((r.org_id, r.major_code.clone())).or_default();
        let label = if r.detail.is_empty() { r.name.clone() } else { format!("{}（{}）", r.name, r.detail) };
        match ResourceKind::parse(&r.kind) {
            Some(ResourceKind::Teacher) => e.teachers.push(label),
            Some(ResourceKind::Room) => {
                e.rooms.push(label);
                e.workstations += i64::from(r.amount.max(0));
            }
            None => {}
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ResourceInput {
    #[serde(default)]
    pub major_code: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub amount: String,
}

pub async fn add_resource(db: &DatabaseConnection, ctx: &Ctx, input: &ResourceInput) -> AppResult<res::Model> {
    let u = require_school(ctx)?.clone();
    let mut errs = Vec::new();
    let offered = own_offerings(db, u.org_id).await?;
    if !offered.iter().any(|o| o.major_code == input.major_code) {
        errs.push(FieldError::new("major_code", "请从本校开设的专业中选择专业"));
    }
    let kind = ResourceKind::parse(&input.kind);
    if kind.is_none() {
        errs.push(FieldError::new("kind", "请选择类别（专业教师或实训室）"));
    }
    let name = required_text("name", "名称", &input.name, 60, &mut errs);
    let detail = input.detail.trim().to_string();
    if detail.chars().count() > 100 || detail.chars().any(char::is_control) {
        errs.push(FieldError::new("detail", "说明不能超过100个字，且不能含控制字符"));
    }
    let amount = match kind {
        Some(ResourceKind::Room) => bounded_i32("amount", "工位数", &input.amount, 1, 1000, &mut errs),
        _ => 1,
    };
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let kind = kind.unwrap_or(ResourceKind::Teacher);
    let tx = db.begin().await?;
    let m = res::ActiveModel {
        org_id: Set(u.org_id),
        level: Set(MajorLevel::Secondary.key().into()),
        major_code: Set(input.major_code.clone()),
        kind: Set(kind.key().into()),
        name: Set(name),
        detail: Set(detail),
        amount: Set(amount),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("create", "major_resource", m.id, format!("登记专业{}：{} {}", kind.name_zh(), m.major_code, m.name)).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

pub async fn delete_resource(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<()> {
    let u = require_school(ctx)?.clone();
    let tx = db.begin().await?;
    let m = res::Entity::find_by_id(id).one(&tx).await?.filter(|m| m.org_id == u.org_id).ok_or(AppError::NotFound)?;
    res::Entity::delete_by_id(id).exec(&tx).await?;
    audit::record(&tx, ctx, Entry::new("delete", "major_resource", id, format!("删除专业资源 {} {}", m.major_code, m.name)).before(&m)).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Template, WebTemplate)]
#[template(path = "majors/resources.html")]
struct ResourcesPage {
    page: Page,
    /// (school, "660301 机电技术应用", resources, own school's row ids for deleting)
    rows: Vec<(String, String, Vec<(i64, String, String)>)>,
    can_edit: bool,
    majors: Vec<(String, String)>,
    input: ResourceInput,
    errors: Vec<FieldError>,
}

impl ResourcesPage {
    fn error_for(&self, field: &str) -> String {
        self.errors.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect::<Vec<_>>().join("；")
    }
}

async fn resources_page_with(s: &AppState, ctx: &Ctx, page: Page, input: ResourceInput, errors: Vec<FieldError>) -> PageResult<ResourcesPage> {
    let u = ctx.user()?;
    let mut q = res::Entity::find().order_by_asc(res::Column::OrgId).order_by_asc(res::Column::MajorCode).order_by_asc(res::Column::Id);
    let can_edit = require_school(ctx).is_ok();
    if !u.can(Permission::OrgReadAll) {
        require_school(ctx)?;
        q = q.filter(res::Column::OrgId.eq(u.org_id));
    }
    let all = q.all(&s.db).await?;
    let names = crate::areas::orgs::names(&s.db, all.iter().map(|r| r.org_id)).await?;
    let mut rows: Vec<(String, String, Vec<(i64, String, String)>)> = Vec::new();
    for r in all {
        let school = names.get(&r.org_id).cloned().unwrap_or_default();
        let major = format!("{} {}", r.major_code, catalogs().major(MajorLevel::Secondary, &r.major_code).map(|m| m.name.as_str()).unwrap_or(""));
        let kind = ResourceKind::parse(&r.kind).map(ResourceKind::name_zh).unwrap_or("");
        let label = match ResourceKind::parse(&r.kind) {
            Some(ResourceKind::Room) => format!("{}（{}工位）{}", r.name, r.amount, if r.detail.is_empty() { String::new() } else { format!("：{}", r.detail) }),
            _ => if r.detail.is_empty() { r.name.clone() } else { format!("{}（{}）", r.name, r.detail) },
        };
        match rows.last_mut() {
            Some(last) if last.0 == school && last.1 == major => last.2.push((r.id, kind.to_string(), label)),
            _ => rows.push((school, major, vec![(r.id, kind.to_string(), label)])),
        }
    }
    let majors = if can_edit {
        own_offerings(&s.db, u.org_id).await?.into_iter().map(|o| (o.major_code.clone(), format!("{} {}", o.major_code, o.major_name))).collect()
    } else {
        Vec::new()
    };
    let title = page.t("majors.resources_title");
    Ok(ResourcesPage { page: page.titled(title), rows, can_edit, majors, input, errors })
}

async fn resources_page(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ResourcesPage> {
    resources_page_with(&s, &ctx, page, ResourceInput { kind: "teacher".into(), ..Default::default() }, Vec::new()).await
}

async fn add_resource_form(State(s): State<AppState>, ctx: Ctx, page: Page, Form(input): Form<ResourceInput>) -> PageResult<Response> {
    match add_resource(&s.db, &ctx, &input).await {
        Ok(_) => Ok(Redirect::to("/majors/resources").into_response()),
        Err(AppError::Validation(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, resources_page_with(&s, &ctx, page, input, errors).await?).into_response()),
        Err(e) => Err(e.into()),
    }
}

async fn delete_resource_form(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> PageResult<Redirect> {
    delete_resource(&s.db, &ctx, id).await?;
    Ok(Redirect::to("/majors/resources"))
}
