//! 职业技能培训 (seed measure 十四): providers' programmes (an occupation of the 2022 大典, a
//! skill level, hours, subsidy eligibility), cohorts open to enterprise employees, the
//! unemployed and community residents, public sign-up from a phone, attendance in class
//! hours, completion, certificates verified through a signed QR code, and the figures by
//! audience, occupation and provider.
//!
//! Who does what: anyone browses the course directory, signs up for an open cohort and
//! verifies a certificate; the district and the departments' liaisons (人社中心 runs
//! 职业技能提升行动) keep every provider's programmes; a school admin of a provider (a
//! vocational school, training institution or base operator) keeps its own. Learners'
//! 身份证号 and phone numbers are shown masked; only the provider's roster export (needed
//! for subsidy claims) carries them in full.

pub mod api;
pub mod demo;
pub mod inhouse;
pub mod inhouse_pages;
pub mod pages;

use crate::input::{bounded_i32, required_text};
use crate::areas::enlightenment::{today, zh_date};
use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{organization, trn_certificate, trn_cohort, trn_enrolment, trn_programme};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use zhijiao_domain::catalog::{OccupationLevel, catalogs};
use zhijiao_domain::training as rules;
use zhijiao_domain::validate::{ResidentId, mask_middle, mask_mobile, parse_mobile};

pub const PROVIDER_KINDS: [&str; 3] = ["vocational_school", "training_institution", "training_base_operator"];

/// Programmes of every provider: the district and department liaisons.
fn keeps_all(u: &AuthUser) -> bool {
    u.has_role(Role::DistrictAdmin) || u.has_role(Role::DeptLiaison)
}

fn keeps(u: &AuthUser, provider_org_id: i64) -> bool {
    keeps_all(u) || (u.has_role(Role::SchoolAdmin) && u.org_id == provider_org_id && PROVIDER_KINDS.contains(&u.org_kind.as_str()))
}

/// May the user keep any programme (the management pages)?
pub fn is_keeper(ctx: &Ctx) -> bool {
    ctx.user.as_ref().is_some_and(|u| keeps_all(u) || (u.has_role(Role::SchoolAdmin) && PROVIDER_KINDS.contains(&u.org_kind.as_str())))
}



/// Name shown to those who do not need it in full: the surname and stars.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

/// An occupation (细类) of the 2022 大典 by its exact name or code.
pub fn occupation_by_name(raw: &str) -> Option<(String, String)> {
    let q = raw.trim();
    let c = catalogs();
    c.occupation(q)
        .filter(|o| o.level == OccupationLevel::Detail)
        .or_else(|| c.occupations.iter().find(|o| o.level == OccupationLevel::Detail && o.name == q))
        .map(|o| (o.code.clone(), o.name.clone()))
}

/// The names of every 细类 occupation, for the form's search list.
pub fn occupation_names() -> Vec<&'static str> {
    catalogs().occupations.iter().filter(|o| o.level == OccupationLevel::Detail).map(|o| o.name.as_str()).collect()
}

pub async fn providers(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<(i64, String)>> {
    let u = ctx.user()?;
    let mut q = organization::Entity::find().filter(organization::Column::Kind.is_in(PROVIDER_KINDS)).filter(organization::Column::Status.eq("active"));
    if !keeps_all(u) {
        q = q.filter(organization::Column::Id.eq(u.org_id));
    }
    Ok(q.order_by_asc(organization::Column::Name).all(db).await?.into_iter().map(|o| (o.id, o.name)).collect())
}

// ---------------------------------------------------------------- programmes and cohorts

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CohortView {
    pub id: i64,
    pub programme_id: i64,
    pub title: String,
    pub programme: String,
    pub provider_org_id: i64,
    pub provider: String,
    pub occupation_code: String,
    pub occupation: String,
    pub skill_level: String,
    pub hours: i32,
    pub subsidy: bool,
    pub audience: String,
    pub audience_name: String,
    pub start_date: String,
    pub end_date: String,
    pub capacity: i32,
    pub enrolled: u64,
    pub status: String,
    pub open: bool,
    pub is_demo: bool,
}

async fn cohort_views<C: ConnectionTrait>(db: &C, rows: Vec<trn_cohort::Model>) -> AppResult<Vec<CohortView>> {
    let progs: HashMap<i64, trn_programme::Model> = trn_programme::Entity::find()
        .filter(trn_programme::Column::Id.is_in(rows.iter().map(|c| c.programme_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let orgs = crate::areas::orgs::names(db, progs.values().map(|p| p.provider_org_id)).await?;
    let mut out = Vec::with_capacity(rows.len());
    let day = today();
    for c in rows {
        let Some(p) = progs.get(&c.programme_id) else { continue };
        let enrolled = trn_enrolment::Entity::find().filter(trn_enrolment::Column::CohortId.eq(c.id)).count(db).await?;
        out.push(CohortView {
            id: c.id,
            programme_id: p.id,
            programme: p.title.clone(),
            provider_org_id: p.provider_org_id,
            provider: orgs.get(&p.provider_org_id).cloned().unwrap_or_default(),
            occupation_code: p.occupation_code.clone(),
            occupation: p.occupation_name.clone(),
            skill_level: rules::skill_level_name(p.skill_level).into(),
            hours: p.hours,
            subsidy: p.subsidy,
            audience_name: rules::audience_name(&c.audience).into(),
            open: c.status == "open" && c.end_date >= day && (enrolled as i64) < c.capacity as i64,
            audience: c.audience,
            start_date: zh_date(c.start_date),
            end_date: zh_date(c.end_date),
            capacity: c.capacity,
            enrolled,
            status: c.status,
            title: c.title,
            is_demo: c.is_demo,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct DirectoryQuery {
    /// Words in the title, programme, occupation or provider.
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub occupation: Option<String>,
    #[serde(default)]
    pub provider: Option<String>,
    /// "1": only subsidy-eligible programmes.
    #[serde(default)]
    pub subsidy: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Facet {
    pub value: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Directory {
    pub total: usize,
    pub cohorts: Vec<CohortView>,
    pub audiences: Vec<Facet>,
    pub occupations: Vec<Facet>,
    pub providers: Vec<Facet>,
    pub subsidised: usize,
}

/// The public course directory: cohorts taking sign-ups, with facet counts computed over
/// the other filters (so each facet shows what picking it would give).
pub async fn directory(db: &DatabaseConnection, f: &DirectoryQuery) -> AppResult<Directory> {
    let rows = trn_cohort::Entity::find().filter(trn_cohort::Column::Status.eq("open")).filter(trn_cohort::Column::EndDate.gte(today())).order_by_asc(trn_cohort::Column::StartDate).all(db).await?;
    let all = cohort_views(db, rows).await?;
    let q = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| s.chars().take(40).collect::<String>());
    let pick = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let (audience, occupation, provider) = (pick(&f.audience), pick(&f.occupation), pick(&f.provider));
    let subsidy = f.subsidy.as_deref() == Some("1");
    let matches = |c: &CohortView, skip: &str| {
        q.as_ref().is_none_or(|q| [&c.title, &c.programme, &c.occupation, &c.provider].iter().any(|s| s.contains(q.as_str())))
            && (skip == "audience" || audience.as_ref().is_none_or(|a| &c.audience == a))
            && (skip == "occupation" || occupation.as_ref().is_none_or(|o| &c.occupation_code == o))
            && (skip == "provider" || provider.as_ref().is_none_or(|p| &c.provider_org_id.to_string() == p))
            && (skip == "subsidy" || !subsidy || c.subsidy)
    };
    let facet = |skip: &str, key: fn(&CohortView) -> (String, String)| {
        let mut m: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for c in all.iter().filter(|c| matches(c, skip)) {
            let (v, l) = key(c);
            m.entry(v).or_insert((l, 0)).1 += 1;
        }
        m.into_iter().map(|(value, (label, count))| Facet { value, label, count }).collect::<Vec<_>>()
    };
    let audiences = facet("audience", |c| (c.audience.clone(), c.audience_name.clone()));
    let occupations = facet("occupation", |c| (c.occupation_code.clone(), c.occupation.clone()));
    let providers = facet("provider", |c| (c.provider_org_id.to_string(), c.provider.clone()));
    let subsidised = all.iter().filter(|c| matches(c, "subsidy") && c.subsidy).count();
    let cohorts: Vec<CohortView> = all.iter().filter(|c| matches(c, "")).cloned().collect();
    Ok(Directory { total: cohorts.len(), cohorts, audiences, occupations, providers, subsidised })
}

/// One cohort, public (the sign-up page).
pub async fn cohort(db: &DatabaseConnection, id: i64) -> AppResult<CohortView> {
    let c = trn_cohort::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    cohort_views(db, vec![c]).await?.pop().ok_or(AppError::NotFound)
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeView {
    pub id: i64,
    pub title: String,
    pub provider: String,
    pub occupation: String,
    pub occupation_code: String,
    pub skill_level: String,
    pub hours: i32,
    pub subsidy: bool,
}

/// The programmes and cohorts the user keeps.
pub async fn kept(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<(Vec<ProgrammeView>, Vec<CohortView>)> {
    let u = ctx.user()?;
    if !is_keeper(ctx) {
        return Err(AppError::Forbidden);
    }
    let mut q = trn_programme::Entity::find();
    if !keeps_all(u) {
        q = q.filter(trn_programme::Column::ProviderOrgId.eq(u.org_id));
    }
    let progs = q.order_by_asc(trn_programme::Column::Title).all(db).await?;
    let orgs = crate::areas::orgs::names(db, progs.iter().map(|p| p.provider_org_id)).await?;
    let cohorts = trn_cohort::Entity::find()
        .filter(trn_cohort::Column::ProgrammeId.is_in(progs.iter().map(|p| p.id).collect::<Vec<_>>()))
        .order_by_desc(trn_cohort::Column::StartDate)
        .all(db)
        .await?;
    let views = progs
        .into_iter()
        .map(|p| ProgrammeView {
            id: p.id,
            provider: orgs.get(&p.provider_org_id).cloned().unwrap_or_default(),
            skill_level: rules::skill_level_name(p.skill_level).into(),
            title: p.title,
            occupation: p.occupation_name,
            occupation_code: p.occupation_code,
            hours: p.hours,
            subsidy: p.subsidy,
        })
        .collect();
    Ok((views, cohort_views(db, cohorts).await?))
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ProgrammeInput {
    #[serde(default)]
    pub provider_org_id: String,
    #[serde(default)]
    pub title: String,
    /// The occupation's name (or code) as picked from the 大典 list.
    #[serde(default)]
    pub occupation: String,
    #[serde(default)]
    pub skill_level: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub subsidy: Option<String>,
    #[serde(default)]
    pub description: String,
}

pub async fn create_programme(db: &DatabaseConnection, ctx: &Ctx, input: &ProgrammeInput) -> AppResult<i64> {
    let u = ctx.user()?.clone();
    if !is_keeper(ctx) {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    let provider = match input.provider_org_id.trim().parse::<i64>() {
        Ok(id) => organization::Entity::find_by_id(id).one(db).await?.filter(|o| PROVIDER_KINDS.contains(&o.kind.as_str()) && o.status == "active"),
        Err(_) => None,
    };
    match &provider {
        None => errs.push(FieldError::new("provider_org_id", "请选择培训机构")),
        Some(p) if !keeps(&u, p.id) => return Err(AppError::Forbidden),
        _ => {}
    }
    let title = required_text("title", "项目名称", &input.title, 60, &mut errs);
    let occupation = occupation_by_name(&input.occupation);
    if occupation.is_none() {
        errs.push(FieldError::new("occupation", format!("职业“{}”不在《职业分类大典》（2022年版）细类中，请从列表中选择", input.occupation.trim().chars().take(30).collect::<String>())));
    }
    let level = bounded_i32("skill_level", "技能等级", &input.skill_level, 1, 5, &mut errs);
    let hours = bounded_i32("hours", "学时", &input.hours, 1, 2000, &mut errs);
    let description = input.description.trim().to_string();
    if description.chars().count() > 1000 {
        errs.push(FieldError::new("description", "简介不能超过1000个字"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let (code, name) = occupation.expect("checked");
    let tx = db.begin().await?;
    let m = insert_programme(&tx, ctx, provider.expect("checked").id, &title, &code, &name, level, hours, input.subsidy.as_deref() == Some("1"), &description, false).await?;
    tx.commit().await?;
    Ok(m.id)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_programme<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    provider: i64,
    title: &str,
    code: &str,
    name: &str,
    level: i32,
    hours: i32,
    subsidy: bool,
    description: &str,
    is_demo: bool,
) -> AppResult<trn_programme::Model> {
    let m = trn_programme::ActiveModel {
        provider_org_id: Set(provider),
        title: Set(title.into()),
        occupation_code: Set(code.into()),
        occupation_name: Set(name.into()),
        skill_level: Set(level),
        hours: Set(hours),
        subsidy: Set(subsidy),
        description: Set(description.into()),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("create", "trn_programme", m.id, format!("新增培训项目：{title}（{name}）")).after(&m)).await?;
    Ok(m)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct CohortInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub capacity: String,
}

async fn kept_programme<C: ConnectionTrait>(db: &C, ctx: &Ctx, programme_id: i64) -> AppResult<trn_programme::Model> {
    let u = ctx.user()?;
    let p = trn_programme::Entity::find_by_id(programme_id).one(db).await?.ok_or(AppError::NotFound)?;
    if keeps(u, p.provider_org_id) {
        Ok(p)
    } else if is_keeper(ctx) {
        Err(AppError::NotFound)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn create_cohort(db: &DatabaseConnection, ctx: &Ctx, programme_id: i64, input: &CohortInput) -> AppResult<i64> {
    let p = kept_programme(db, ctx, programme_id).await?;
    let mut errs = Vec::new();
    let title = required_text("title", "班级名称", &input.title, 60, &mut errs);
    if rules::audience_name(input.audience.trim()).is_empty() {
        errs.push(FieldError::new("audience", "请选择培训对象"));
    }
    let date = |field: &str, label: &str, raw: &str, errs: &mut Vec<FieldError>| {
        let d = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
        if d.is_none() {
            errs.push(FieldError::new(field, format!("{label}无效，应为 YYYY-MM-DD")));
        }
        d
    };
    let start = date("start_date", "开班日期", &input.start_date, &mut errs);
    let end = date("end_date", "结业日期", &input.end_date, &mut errs);
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            errs.push(FieldError::new("end_date", "结业日期不能早于开班日期"));
        }
    }
    let capacity = bounded_i32("capacity", "名额", &input.capacity, 1, 500, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let m = insert_cohort(&tx, ctx, p.id, &title, input.audience.trim(), start.expect("checked"), end.expect("checked"), capacity, false).await?;
    tx.commit().await?;
    Ok(m.id)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_cohort<C: ConnectionTrait>(db: &C, ctx: &Ctx, programme: i64, title: &str, audience: &str, start: NaiveDate, end: NaiveDate, capacity: i32, is_demo: bool) -> AppResult<trn_cohort::Model> {
    let m = trn_cohort::ActiveModel {
        programme_id: Set(programme),
        title: Set(title.into()),
        audience: Set(audience.into()),
        start_date: Set(start),
        end_date: Set(end),
        capacity: Set(capacity),
        status: Set("open".into()),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("create", "trn_cohort", m.id, format!("开设培训班：{title}")).after(&m)).await?;
    Ok(m)
}

// ---------------------------------------------------------------- enrolment

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SignupInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub id_number: String,
}

/// Checked sign-up fields: (name, mobile, 身份证号).
pub fn check_signup(input: &SignupInput) -> Result<(String, String, String), Vec<FieldError>> {
    let mut errs = Vec::new();
    let name = required_text("name", "姓名", &input.name, 30, &mut errs);
    let phone = parse_mobile(&input.phone).map_err(|e| errs.push(FieldError::new("phone", format!("手机号码有误：{e}")))).unwrap_or_default();
    let id = ResidentId::parse(&input.id_number, chrono::Local::now().date_naive()).map_err(|e| errs.push(FieldError::new("id_number", format!("身份证号有误：{e}")))).map(|r| r.as_str().to_string()).unwrap_or_default();
    if errs.is_empty() { Ok((name, phone, id)) } else { Err(errs) }
}

/// A person signs up for an open cohort (no account needed: residents sign up on a
/// phone). Capacity and the one-place-per-person rule are checked inside the write
/// transaction after taking the cohort's row lock. Audited.
pub async fn sign_up(db: &DatabaseConnection, ctx: &Ctx, cohort_id: i64, input: &SignupInput) -> AppResult<i64> {
    let (name, phone, id) = check_signup(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    let m = enrol(&tx, ctx, cohort_id, &name, &phone, &id, false).await?;
    tx.commit().await?;
    Ok(m.id)
}

pub(crate) async fn enrol<C: ConnectionTrait>(db: &C, ctx: &Ctx, cohort_id: i64, name: &str, phone: &str, id: &str, is_demo: bool) -> AppResult<trn_enrolment::Model> {
    trn_cohort::Entity::update_many()
        .col_expr(trn_cohort::Column::Capacity, Expr::col(trn_cohort::Column::Capacity).into())
        .filter(trn_cohort::Column::Id.eq(cohort_id))
        .exec(db)
        .await?;
    let c = trn_cohort::Entity::find_by_id(cohort_id).one(db).await?.ok_or(AppError::NotFound)?;
    if c.status != "open" || c.end_date < today() {
        return Err(AppError::Conflict(format!("“{}”已停止报名", c.title)));
    }
    let taken = trn_enrolment::Entity::find().filter(trn_enrolment::Column::CohortId.eq(cohort_id)).count(db).await?;
    if taken >= c.capacity.max(0) as u64 {
        return Err(AppError::Conflict(format!("“{}”名额已满（{}人）", c.title, c.capacity)));
    }
    let m = trn_enrolment::ActiveModel {
        cohort_id: Set(cohort_id),
        name: Set(name.into()),
        phone: Set(phone.into()),
        id_number: Set(id.into()),
        attended_hours: Set(0),
        status: Set("enrolled".into()),
        completed_at: Set(None),
        created_at: Set(chrono::Utc::now()),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| AppError::on_unique(e, "该身份证号已报名本班"))?;
    audit::record(db, ctx, Entry::new("sign_up", "trn_enrolment", m.id, format!("{} 报名培训班：{}", mask_name(name), c.title))).await?;
    Ok(m)
}

#[derive(Debug, Clone, Serialize)]
pub struct EnrolmentView {
    pub id: i64,
    pub name: String,
    pub phone_masked: String,
    pub id_masked: String,
    pub attended_hours: i32,
    pub status: String,
    pub status_name: String,
    pub may_complete: bool,
    pub certificate_id: Option<i64>,
    pub certificate_revoked: bool,
}

/// A cohort's roster for its keeper (personal numbers masked).
pub async fn roster(db: &DatabaseConnection, ctx: &Ctx, cohort_id: i64) -> AppResult<(CohortView, Vec<EnrolmentView>, Vec<trn_enrolment::Model>)> {
    let c = trn_cohort::Entity::find_by_id(cohort_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = kept_programme(db, ctx, c.programme_id).await?;
    let rows = trn_enrolment::Entity::find().filter(trn_enrolment::Column::CohortId.eq(cohort_id)).order_by_asc(trn_enrolment::Column::Id).all(db).await?;
    let certs: HashMap<i64, trn_certificate::Model> = trn_certificate::Entity::find()
        .filter(trn_certificate::Column::EnrolmentId.is_in(rows.iter().map(|r| r.id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.enrolment_id, c))
        .collect();
    let views = rows
        .iter()
        .map(|r| EnrolmentView {
            id: r.id,
            name: r.name.clone(),
            phone_masked: mask_mobile(&r.phone),
            id_masked: mask_middle(&r.id_number, 6, 4),
            attended_hours: r.attended_hours,
            status_name: if r.status == "completed" { "已结业" } else { "在训" }.into(),
            status: r.status.clone(),
            may_complete: r.status != "completed" && rules::may_complete(r.attended_hours, p.hours),
            certificate_id: certs.get(&r.id).map(|c| c.id),
            certificate_revoked: certs.get(&r.id).is_some_and(|c| c.revoked_at.is_some()),
        })
        .collect();
    Ok((cohort_views(db, vec![c]).await?.remove(0), views, rows))
}

async fn kept_enrolment<C: ConnectionTrait>(db: &C, ctx: &Ctx, enrolment_id: i64) -> AppResult<(trn_enrolment::Model, trn_cohort::Model, trn_programme::Model)> {
    let e = trn_enrolment::Entity::find_by_id(enrolment_id).one(db).await?.ok_or(AppError::NotFound)?;
    let c = trn_cohort::Entity::find_by_id(e.cohort_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = kept_programme(db, ctx, c.programme_id).await?;
    Ok((e, c, p))
}

/// Class hours attended at one session are added to the learner's total (bounded by the
/// programme's hours), audited.
pub async fn add_hours(db: &DatabaseConnection, ctx: &Ctx, enrolment_id: i64, raw_hours: &str) -> AppResult<i64> {
    let tx = db.begin().await?;
    let (e, c, p) = kept_enrolment(&tx, ctx, enrolment_id).await?;
    let mut errs = Vec::new();
    let hours = bounded_i32("hours", "本次学时", raw_hours, 1, 24, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    if e.status == "completed" {
        return Err(AppError::Conflict(format!("{} 已结业，不再记录学时", e.name)));
    }
    let total = (e.attended_hours + hours).min(p.hours);
    let before = e.clone();
    let mut am: trn_enrolment::ActiveModel = e.into();
    am.attended_hours = Set(total);
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("attendance", "trn_enrolment", m.id, format!("{} 记录学时 {hours}（{}）", mask_name(&m.name), c.title)).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(c.id)
}

/// Completion: the learner has attended the programme's hours; the certificate (a skill
/// level certificate for programmes at a level and a training certificate otherwise, as
/// the keeper chooses) is issued in the same transaction. Audited.
pub async fn complete(db: &DatabaseConnection, ctx: &Ctx, enrolment_id: i64, kind: &str) -> AppResult<(i64, i64)> {
    let tx = db.begin().await?;
    let (e, c, p) = kept_enrolment(&tx, ctx, enrolment_id).await?;
    if rules::cert_kind_name(kind).is_empty() {
        return Err(AppError::Validation(vec![FieldError::new("kind", "请选择证书类型")]));
    }
    if e.status == "completed" {
        return Err(AppError::Conflict(format!("{} 已结业", e.name)));
    }
    if !rules::may_complete(e.attended_hours, p.hours) {
        return Err(AppError::Conflict(format!("{} 已学 {} 学时，未达到项目要求的 {} 学时，不能结业", e.name, e.attended_hours, p.hours)));
    }
    let cert = issue(&tx, ctx, e, kind, false).await?;
    tx.commit().await?;
    Ok((c.id, cert.id))
}

pub(crate) async fn issue<C: ConnectionTrait>(db: &C, ctx: &Ctx, e: trn_enrolment::Model, kind: &str, is_demo: bool) -> AppResult<trn_certificate::Model> {
    use chrono::Datelike;
    let now = chrono::Utc::now();
    let before = e.clone();
    let mut am: trn_enrolment::ActiveModel = e.into();
    am.status = Set("completed".into());
    am.completed_at = Set(Some(now));
    let e = am.update(db).await?;
    audit::record(db, ctx, Entry::new("complete", "trn_enrolment", e.id, format!("{} 结业", mask_name(&e.name))).before(&before).after(&e)).await?;
    let cert = trn_certificate::ActiveModel {
        enrolment_id: Set(e.id),
        kind: Set(kind.into()),
        number: Set(format!("ZBGX{}{:07}", now.year(), e.id)),
        issued_at: Set(now),
        revoked_at: Set(None),
        revoked_reason: Set(None),
        is_demo: Set(is_demo),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|err| AppError::on_unique(err, "证书已颁发"))?;
    audit::record(db, ctx, Entry::new("issue", "trn_certificate", cert.id, format!("颁发{} {}", rules::cert_kind_name(kind), cert.number)).after(&cert)).await?;
    Ok(cert)
}

// ---------------------------------------------------------------- certificates

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CertificateView {
    pub id: i64,
    pub number: String,
    pub kind_name: String,
    /// Full name for the keeper's print; masked on the public verification page.
    pub holder: String,
    pub id_masked: String,
    pub programme: String,
    pub occupation: String,
    pub occupation_code: String,
    pub skill_level: String,
    pub hours: i32,
    pub provider: String,
    pub cohort: String,
    pub issued: String,
    pub revoked: Option<String>,
    pub revoked_reason: Option<String>,
}

async fn certificate_view<C: ConnectionTrait>(db: &C, cert: trn_certificate::Model, mask: bool) -> AppResult<CertificateView> {
    let e = trn_enrolment::Entity::find_by_id(cert.enrolment_id).one(db).await?.ok_or(AppError::NotFound)?;
    let c = trn_cohort::Entity::find_by_id(e.cohort_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = trn_programme::Entity::find_by_id(c.programme_id).one(db).await?.ok_or(AppError::NotFound)?;
    let provider = crate::areas::orgs::names(db, [p.provider_org_id]).await?.remove(&p.provider_org_id).unwrap_or_default();
    let local = |t: chrono::DateTime<chrono::Utc>| zh_date((t + chrono::Duration::hours(8)).date_naive());
    Ok(CertificateView {
        id: cert.id,
        number: cert.number,
        kind_name: rules::cert_kind_name(&cert.kind).into(),
        holder: if mask { mask_name(&e.name) } else { e.name },
        id_masked: mask_middle(&e.id_number, 6, 4),
        programme: p.title,
        occupation: p.occupation_name,
        occupation_code: p.occupation_code,
        skill_level: if cert.kind == "skill_level" { rules::skill_level_name(p.skill_level).into() } else { String::new() },
        hours: p.hours,
        provider,
        cohort: c.title,
        issued: local(cert.issued_at),
        revoked: cert.revoked_at.map(local),
        revoked_reason: cert.revoked_reason,
    })
}

/// The certificate for its keeper to print (with the verification QR code).
pub async fn certificate(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<CertificateView> {
    let cert = trn_certificate::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    kept_enrolment(db, ctx, cert.enrolment_id).await?;
    certificate_view(db, cert, false).await
}

pub async fn revoke(db: &DatabaseConnection, ctx: &Ctx, id: i64, reason: &str) -> AppResult<()> {
    let mut errs = Vec::new();
    let reason = required_text("reason", "撤销原因", reason, 100, &mut errs);
    let tx = db.begin().await?;
    let cert = trn_certificate::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    kept_enrolment(&tx, ctx, cert.enrolment_id).await?;
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    if cert.revoked_at.is_some() {
        return Err(AppError::Conflict(format!("证书 {} 已撤销", cert.number)));
    }
    let before = cert.clone();
    let mut am: trn_certificate::ActiveModel = cert.into();
    am.revoked_at = Set(Some(chrono::Utc::now()));
    am.revoked_reason = Set(Some(reason.clone()));
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("revoke", "trn_certificate", m.id, format!("撤销证书 {}：{reason}", m.number)).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(())
}

/// What the public verification page says about a presented code.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Verification {
    /// valid | revoked | forged | malformed | unknown
    pub outcome: String,
    pub message: String,
    pub certificate: Option<CertificateView>,
}

pub fn verify_url(origin: &str, code: &str) -> String {
    format!("{origin}/training/verify?code={}", urlencoding::encode(code))
}

pub async fn verify(db: &DatabaseConnection, key: &[u8], code: &str) -> AppResult<Verification> {
    let v = |outcome: &str, message: String, certificate| Verification { outcome: outcome.into(), message, certificate };
    let id = match rules::verify_certificate(key, code) {
        Ok(id) => id,
        Err(rules::CodeError::Malformed) => return Ok(v("malformed", "证书验证码格式不正确，请扫描证书上的二维码".into(), None)),
        Err(rules::CodeError::Forged) => return Ok(v("forged", "验证失败：该证书验证码不是本平台签发的，证书可能是伪造的".into(), None)),
    };
    let Some(cert) = trn_certificate::Entity::find_by_id(id).one(db).await? else {
        return Ok(v("unknown", "未找到该证书".into(), None));
    };
    let view = certificate_view(db, cert, true).await?;
    Ok(match &view.revoked {
        Some(when) => v("revoked", format!("该证书已于{when}撤销{}，不再有效", view.revoked_reason.as_deref().map(|r| format!("（{r}）")).unwrap_or_default()), Some(view)),
        None => v("valid", format!("证书真实有效：{} {}", view.kind_name, view.number), Some(view)),
    })
}

/// Certificates the user keeps, for the export.
pub async fn certificates(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<CertificateView>> {
    let (_, cohorts) = kept(db, ctx).await?;
    let enrolments: Vec<i64> = trn_enrolment::Entity::find()
        .filter(trn_enrolment::Column::CohortId.is_in(cohorts.iter().map(|c| c.id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let certs = trn_certificate::Entity::find().filter(trn_certificate::Column::EnrolmentId.is_in(enrolments)).order_by_asc(trn_certificate::Column::Id).all(db).await?;
    let mut out = Vec::with_capacity(certs.len());
    for c in certs {
        out.push(certificate_view(db, c, false).await?);
    }
    Ok(out)
}

// ---------------------------------------------------------------- figures

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct FigureRow {
    pub label: String,
    pub enrolled: u64,
    pub completed: u64,
    pub certificates: u64,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Figures {
    pub enrolled: u64,
    pub completed: u64,
    pub certificates: u64,
    pub by_audience: Vec<FigureRow>,
    pub by_occupation: Vec<FigureRow>,
    pub by_provider: Vec<FigureRow>,
    /// In-house training requests of enterprises (all states) to these providers.
    pub inhouse_requests: u64,
    /// Of which accepted (a cohort opened for the enterprise's employees).
    pub inhouse_accepted: u64,
    /// Employees trained in in-house trainings recorded without a cohort (counted in
    /// `enrolled` and `completed` above, audience 企业职工).
    pub inhouse_recorded_employees: u64,
}

/// Enrolments (人次), completions and valid certificates by audience, occupation and
/// provider — over every provider (`provider = None`) or one. The one place these figures
/// are computed (page, export, API and the dashboard's `trainees`).
pub async fn figures_for<C: ConnectionTrait>(db: &C, provider: Option<i64>) -> AppResult<Figures> {
    let mut pq = trn_programme::Entity::find();
    if let Some(p) = provider {
        pq = pq.filter(trn_programme::Column::ProviderOrgId.eq(p));
    }
    let progs: HashMap<i64, trn_programme::Model> = pq.all(db).await?.into_iter().map(|p| (p.id, p)).collect();
    let cohorts: HashMap<i64, trn_cohort::Model> =
        trn_cohort::Entity::find().filter(trn_cohort::Column::ProgrammeId.is_in(progs.keys().copied().collect::<Vec<_>>())).all(db).await?.into_iter().map(|c| (c.id, c)).collect();
    let enrolments = trn_enrolment::Entity::find().filter(trn_enrolment::Column::CohortId.is_in(cohorts.keys().copied().collect::<Vec<_>>())).all(db).await?;
    let valid: std::collections::HashSet<i64> = trn_certificate::Entity::find()
        .filter(trn_certificate::Column::EnrolmentId.is_in(enrolments.iter().map(|e| e.id).collect::<Vec<_>>()))
        .filter(trn_certificate::Column::RevokedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.enrolment_id)
        .collect();
    let orgs = crate::areas::orgs::names(db, progs.values().map(|p| p.provider_org_id)).await?;
    let mut f = Figures::default();
    let (mut aud, mut occ, mut prov): (BTreeMap<String, FigureRow>, BTreeMap<String, FigureRow>, BTreeMap<String, FigureRow>) = Default::default();
    for e in &enrolments {
        let Some(c) = cohorts.get(&e.cohort_id) else { continue };
        let Some(p) = progs.get(&c.programme_id) else { continue };
        let done = e.status == "completed";
        let cert = valid.contains(&e.id);
        f.enrolled += 1;
        f.completed += done as u64;
        f.certificates += cert as u64;
        for (m, label) in [
            (&mut aud, rules::audience_name(&c.audience).to_string()),
            (&mut occ, format!("{}（{}）", p.occupation_name, p.occupation_code)),
            (&mut prov, orgs.get(&p.provider_org_id).cloned().unwrap_or_default()),
        ] {
            let r = m.entry(label.clone()).or_insert_with(|| FigureRow { label, ..Default::default() });
            r.enrolled += 1;
            r.completed += done as u64;
            r.certificates += cert as u64;
        }
    }
    // In-house trainings delivered and recorded without a cohort count as enrolled and
    // completed employees (no certificate is issued through the platform for them).
    let mut iq = crate::entity::trn_inhouse_request::Entity::find();
    if let Some(p) = provider {
        iq = iq.filter(crate::entity::trn_inhouse_request::Column::ProviderOrgId.eq(p));
    }
    let inhouse = iq.all(db).await?;
    let inhouse_progs: HashMap<i64, trn_programme::Model> = trn_programme::Entity::find()
        .filter(trn_programme::Column::Id.is_in(inhouse.iter().map(|r| r.programme_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let inhouse_orgs = crate::areas::orgs::names(db, inhouse.iter().map(|r| r.provider_org_id)).await?;
    f.inhouse_requests = inhouse.len() as u64;
    f.inhouse_accepted = inhouse.iter().filter(|r| r.status == "accepted").count() as u64;
    for r in inhouse.iter().filter(|r| r.status == "recorded") {
        let n = r.trained_employees.unwrap_or(0).max(0) as u64;
        let Some(p) = inhouse_progs.get(&r.programme_id) else { continue };
        f.inhouse_recorded_employees += n;
        f.enrolled += n;
        f.completed += n;
        for (m, label) in [
            (&mut aud, rules::audience_name("employee").to_string()),
            (&mut occ, format!("{}（{}）", p.occupation_name, p.occupation_code)),
            (&mut prov, inhouse_orgs.get(&r.provider_org_id).cloned().unwrap_or_default()),
        ] {
            let row = m.entry(label.clone()).or_insert_with(|| FigureRow { label, ..Default::default() });
            row.enrolled += n;
            row.completed += n;
        }
    }
    f.by_audience = aud.into_values().collect();
    f.by_occupation = occ.into_values().collect();
    f.by_provider = prov.into_values().collect();
    Ok(f)
}

/// The figures the user may read: everything (district, liaisons), or the user's own
/// provider's.
pub async fn figures(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Figures> {
    let u = ctx.user()?;
    if u.can(Permission::OrgReadAll) {
        figures_for(db, None).await
    } else if is_keeper(ctx) {
        figures_for(db, Some(u.org_id)).await
    } else {
        Err(AppError::Forbidden)
    }
}

// ---------------------------------------------------------------- roster import

/// The roster template's columns (an enterprise's or a community's list of learners).
pub const ROSTER_COLUMNS: [crate::xlsx::Column; 3] = [
    crate::xlsx::Column { key: "name", header: "姓名", required: true, help: "不超过30个字" },
    crate::xlsx::Column { key: "phone", header: "手机号码", required: true, help: "11位手机号码" },
    crate::xlsx::Column { key: "id_number", header: "身份证号", required: true, help: "18位公民身份号码（校验码须正确）" },
];

/// A keeper imports a roster into a cohort: all rows or none. Every refused row is
/// named (row, column, reason); a person twice in the file or already enrolled, or more
/// rows than places, refuses the whole file. Audited per enrolment in one transaction.
pub async fn import_roster(db: &DatabaseConnection, ctx: &Ctx, cohort_id: i64, bytes: &[u8]) -> AppResult<usize> {
    let c = trn_cohort::Entity::find_by_id(cohort_id).one(db).await?.ok_or(AppError::NotFound)?;
    kept_programme(db, ctx, c.programme_id).await?;
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    crate::xlsx::stream_rows(bytes, |n, cells| rows.push((n, cells))).map_err(|e| AppError::Validation(vec![FieldError::new("文件", e.to_string())]))?;
    let Some((_, header)) = rows.first().cloned() else {
        return Err(AppError::Validation(vec![FieldError::new("文件", "文件是空的")]));
    };
    let positions = crate::xlsx::map_headers(&header, &ROSTER_COLUMNS).map_err(AppError::Validation)?;
    if rows.len() > 501 {
        return Err(AppError::Validation(vec![FieldError::new("文件", "一次最多导入500行")]));
    }
    let cell = |cells: &Vec<String>, i: usize| positions[i].and_then(|p| cells.get(p)).cloned().unwrap_or_default();
    let mut errs = Vec::new();
    let mut people = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, cells) in rows.iter().skip(1) {
        let input = SignupInput { name: cell(cells, 0), phone: cell(cells, 1), id_number: cell(cells, 2) };
        match check_signup(&input) {
            Ok(p) => {
                if let Some(first) = seen.insert(p.2.clone(), *n) {
                    errs.push(FieldError { row: Some(*n), field: "身份证号".into(), message: format!("与第{first}行重复") });
                }
                people.push((*n, p));
            }
            Err(fields) => errs.extend(fields.into_iter().map(|f| FieldError { row: Some(*n), field: field_header(&f.field).into(), message: f.message })),
        }
    }
    if people.is_empty() && errs.is_empty() {
        return Err(AppError::Validation(vec![FieldError::new("文件", "没有可导入的行")]));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    for (n, (name, phone, id)) in &people {
        if let Err(e) = enrol(&tx, ctx, cohort_id, name, phone, id, false).await {
            let message = match e {
                AppError::Conflict(m) => m,
                e => return Err(e),
            };
            // Dropping the transaction rolls back the rows before this one.
            return Err(AppError::Validation(vec![FieldError { row: Some(*n), field: "身份证号".into(), message }]));
        }
    }
    tx.commit().await?;
    Ok(people.len())
}

fn field_header(key: &str) -> &'static str {
    ROSTER_COLUMNS.iter().find(|c| c.key == key).map(|c| c.header).unwrap_or("")
}
