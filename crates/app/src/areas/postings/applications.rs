//! Applications and the employer pipeline (received → interview → offer → hired, or
//! rejected; the student may withdraw), with notifications both ways, and what an
//! employer may see of a student: a profile only if the student opted in or applied
//! to them, and the 身份证号 and phone only after the student applied to them.

use super::notifications::notify;
use super::{effective_status, today, users_with_role};
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{application, organization, posting, student, student_profile, user};
use crate::error::{AppError, AppResult};
use crate::roles::Permission;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use zhijiao_domain::catalog::{MajorLevel, catalogs};
use zhijiao_domain::profile::{Certificate, certificate_line};
use zhijiao_domain::validate::{mask_middle, mask_mobile};

pub const STATUSES: [&str; 6] = ["received", "interview", "offer", "hired", "rejected", "withdrawn"];

pub fn status_zh(s: &str) -> &'static str {
    match s {
        "received" => "已投递",
        "interview" => "面试",
        "offer" => "录用意向",
        "hired" => "已录用",
        "rejected" => "未通过",
        "withdrawn" => "已撤回",
        _ => "",
    }
}

fn rank(s: &str) -> Option<u8> {
    match s {
        "received" => Some(0),
        "interview" => Some(1),
        "offer" => Some(2),
        "hired" => Some(3),
        _ => None,
    }
}

/// The employer's moves: forward along the pipeline, or reject, from any open state.
pub fn may_move(from: &str, to: &str) -> bool {
    let open = matches!(from, "received" | "interview" | "offer");
    match to {
        "rejected" => open,
        _ => open && matches!((rank(from), rank(to)), (Some(a), Some(b)) if b > a),
    }
}

/// A student as an employer or the student sees them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CandidateView {
    pub user_id: i64,
    pub name: String,
    pub school: String,
    pub major_code: String,
    pub major_name: String,
    pub graduation_year: Option<i32>,
    pub skills: Vec<String>,
    /// Certificates as "名称 | 等级 | 发证机构 | 年份".
    pub certificates: Vec<String>,
    /// Names of the preferred counties and streets.
    pub preferred_locations: Vec<String>,
    /// Preferred posting types (全职岗位 …).
    pub preferred_kinds: Vec<String>,
    /// Masked unless the student applied to the reader's enterprise (or is the reader).
    pub phone: Option<String>,
    /// Masked unless the student applied to the reader's enterprise (or is the reader).
    pub id_number: Option<String>,
    pub unmasked: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApplicationView {
    pub id: i64,
    pub posting_id: i64,
    pub posting_title: String,
    pub org_id: i64,
    pub org_name: String,
    pub status: String,
    pub status_name: String,
    pub created_at: String,
    pub updated_at: String,
    pub candidate: CandidateView,
}

async fn candidate<C: ConnectionTrait>(db: &C, user_id: i64, unmasked: bool) -> AppResult<CandidateView> {
    let unmasked_ids: HashSet<i64> = if unmasked { HashSet::from([user_id]) } else { HashSet::new() };
    candidates(db, &[user_id], &unmasked_ids).await?.remove(&user_id).ok_or(AppError::NotFound)
}

/// Views of many students with five queries (users, profiles, register rows, schools),
/// personal data unmasked only for `unmasked`. Unknown users are left out.
pub async fn candidates<C: ConnectionTrait>(db: &C, user_ids: &[i64], unmasked: &HashSet<i64>) -> AppResult<HashMap<i64, CandidateView>> {
    let mut out = HashMap::new();
    if user_ids.is_empty() {
        return Ok(out);
    }
    let users = user::Entity::find().filter(user::Column::Id.is_in(user_ids.to_vec())).all(db).await?;
    let profiles: HashMap<i64, student_profile::Model> = student_profile::Entity::find()
        .filter(student_profile::Column::UserId.is_in(user_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    let reg_ids: Vec<i64> = profiles.values().filter_map(|p| p.student_id).collect();
    let regs: HashMap<i64, student::Model> = if reg_ids.is_empty() {
        HashMap::new()
    } else {
        student::Entity::find().filter(student::Column::Id.is_in(reg_ids)).all(db).await?.into_iter().map(|r| (r.id, r)).collect()
    };
    let schools = crate::areas::orgs::names(db, users.iter().map(|u| profiles.get(&u.id).map(|p| p.org_id).unwrap_or(u.org_id))).await?;
    for u in users {
        let profile = profiles.get(&u.id);
        let reg = profile.and_then(|p| p.student_id).and_then(|sid| regs.get(&sid));
        let school_id = profile.map(|p| p.org_id).unwrap_or(u.org_id);
        let (major_code, major_level) = profile.map(|p| (p.major_code.clone(), p.major_level.clone())).unwrap_or_default();
        let major_name =
            MajorLevel::parse(&major_level).and_then(|l| catalogs().major(l, &major_code)).map(|m| m.name.clone()).unwrap_or_default();
        let open = unmasked.contains(&u.id);
        let phone = reg.and_then(|r| r.phone.clone()).or(u.phone.clone());
        let id_number = reg.map(|r| r.id_number.clone());
        out.insert(
            u.id,
            CandidateView {
                user_id: u.id,
                name: reg.map(|r| r.name.clone()).unwrap_or(u.display_name),
                school: schools.get(&school_id).cloned().unwrap_or_default(),
                major_code,
                major_name,
                graduation_year: profile.and_then(|p| p.graduation_year),
                skills: profile.map(|p| super::split_list(&p.skills)).unwrap_or_default(),
                certificates: profile.map(|p| certificates_of(p).iter().map(certificate_line).collect()).unwrap_or_default(),
                preferred_locations: profile
                    .map(|p| super::split_list(&p.preferred_locations).iter().filter_map(|c| catalogs().division(c)).map(|d| d.name.clone()).collect())
                    .unwrap_or_default(),
                preferred_kinds: profile.map(|p| super::split_list(&p.preferred_kinds).iter().map(|k| super::kind_zh(k).to_string()).collect()).unwrap_or_default(),
                phone: phone.map(|p| if open { p } else { mask_mobile(&p) }),
                id_number: id_number.map(|i| if open { i } else { mask_middle(&i, 6, 4) }),
                unmasked: open,
            },
        );
    }
    Ok(out)
}

/// The certificates stored on a profile (a JSON list; unreadable text counts as none).
pub fn certificates_of(p: &student_profile::Model) -> Vec<Certificate> {
    serde_json::from_str(&p.certificates).unwrap_or_default()
}

/// The students among `user_ids` who applied to the enterprise (any state but withdrawn):
/// the ones whose 身份证号 and phone it may see.
pub async fn applicants_of<C: ConnectionTrait>(db: &C, org_id: i64, user_ids: &[i64]) -> AppResult<HashSet<i64>> {
    if user_ids.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(application::Entity::find()
        .filter(application::Column::OrgId.eq(org_id))
        .filter(application::Column::StudentUserId.is_in(user_ids.to_vec()))
        .filter(application::Column::Status.ne("withdrawn"))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.student_user_id)
        .collect())
}

/// Whether the student applied to the enterprise (any posting, any state but withdrawn).
async fn applied_to<C: ConnectionTrait>(db: &C, student_user_id: i64, org_id: i64) -> AppResult<bool> {
    Ok(application::Entity::find()
        .filter(application::Column::StudentUserId.eq(student_user_id))
        .filter(application::Column::OrgId.eq(org_id))
        .filter(application::Column::Status.ne("withdrawn"))
        .one(db)
        .await?
        .is_some())
}

/// A student's profile as the reader may see it: the student themself; an employer if the
/// student opted in to be visible or applied to them (unmasked only in the latter case).
pub async fn profile(db: &DatabaseConnection, ctx: &Ctx, user_id: i64) -> AppResult<CandidateView> {
    let u = ctx.user()?;
    if u.id == user_id {
        return candidate(db, user_id, true).await;
    }
    if !(u.can(Permission::PostingWriteOwn) && u.org_kind == "enterprise") {
        return Err(AppError::Forbidden);
    }
    let applied = applied_to(db, user_id, u.org_id).await?;
    let p = student_profile::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !(applied || p.opt_in_visible) {
        return Err(AppError::NotFound);
    }
    candidate(db, user_id, applied).await
}

/// Apply to a published, open posting. Needs a student profile.
pub async fn apply(db: &DatabaseConnection, ctx: &Ctx, posting_id: i64) -> AppResult<i64> {
    let u = ctx.require(Permission::Apply)?.clone();
    let tx = db.begin().await?;
    let Some(me) = student_profile::Entity::find_by_id(u.id).one(&tx).await? else {
        return Err(AppError::Conflict("请先完善学生求职档案".into()));
    };
    let p = posting::Entity::find_by_id(posting_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    // A posting aimed at one school exists only for that school's students.
    if p.target_school_id.is_some_and(|school| school != me.org_id) {
        return Err(AppError::NotFound);
    }
    if effective_status(&p, today()) != "published" {
        return Err(if p.status == "published" || p.status == "closed" { AppError::Conflict("该岗位已截止".into()) } else { AppError::NotFound });
    }
    let now = chrono::Utc::now();
    let existing = application::Entity::find()
        .filter(application::Column::PostingId.eq(posting_id))
        .filter(application::Column::StudentUserId.eq(u.id))
        .one(&tx)
        .await?;
    let id = match existing {
        Some(a) if a.status != "withdrawn" => return Err(AppError::Conflict("已投递过该岗位".into())),
        Some(a) => {
            let id = a.id;
            let before = a.status.clone();
            let mut am: application::ActiveModel = a.into();
            am.status = Set("received".into());
            am.updated_at = Set(now);
            am.update(&tx).await?;
            crate::areas::report::rollup::application_changed(&tx, posting_id, Some(&before), "received").await?;
            id
        }
        None => {
            let m = application::ActiveModel {
                posting_id: Set(posting_id),
                org_id: Set(p.org_id),
                student_user_id: Set(u.id),
                status: Set("received".into()),
                note: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            crate::areas::report::rollup::application_changed(&tx, posting_id, None, "received").await?;
            m.id
        }
    };
    audit::record(&tx, ctx, Entry::new("apply", "application", id, format!("{} 投递岗位 {}", u.display_name, p.title))).await?;
    for hr in users_with_role(&tx, "enterprise_hr", Some(p.org_id)).await? {
        notify(&tx, hr, &format!("{} 投递了岗位“{}”", u.display_name, p.title), "/applications").await?;
    }
    notify(&tx, u.id, &format!("已投递岗位“{}”", p.title), "/applications").await?;
    tx.commit().await?;
    Ok(id)
}

/// The student withdraws an open application.
pub async fn withdraw(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<()> {
    let u = ctx.user()?.clone();
    let tx = db.begin().await?;
    let a = application::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if a.student_user_id != u.id {
        return Err(AppError::NotFound);
    }
    if !matches!(a.status.as_str(), "received" | "interview" | "offer") {
        return Err(AppError::Conflict("该投递已结束，不能撤回".into()));
    }
    let p = posting::Entity::find_by_id(a.posting_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let org_id = a.org_id;
    let (posting_id, before) = (a.posting_id, a.status.clone());
    let mut am: application::ActiveModel = a.into();
    am.status = Set("withdrawn".into());
    am.updated_at = Set(chrono::Utc::now());
    am.update(&tx).await?;
    crate::areas::report::rollup::application_changed(&tx, posting_id, Some(&before), "withdrawn").await?;
    audit::record(&tx, ctx, Entry::new("withdraw", "application", id, format!("{} 撤回投递 {}", u.display_name, p.title))).await?;
    for hr in users_with_role(&tx, "enterprise_hr", Some(org_id)).await? {
        notify(&tx, hr, &format!("{} 撤回了对“{}”的投递", u.display_name, p.title), "/applications").await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The employer moves an application along the pipeline; the student is told.
pub async fn set_status(db: &DatabaseConnection, ctx: &Ctx, id: i64, to: &str) -> AppResult<()> {
    let u = ctx.require(Permission::PostingWriteOwn)?.clone();
    if !STATUSES.contains(&to) || to == "withdrawn" || to == "received" {
        return Err(AppError::BadRequest(format!("状态“{to}”无效")));
    }
    let tx = db.begin().await?;
    let a = application::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if a.org_id != u.org_id {
        return Err(AppError::NotFound);
    }
    if !may_move(&a.status, to) {
        return Err(AppError::Conflict(format!("不能从“{}”改为“{}”", status_zh(&a.status), status_zh(to))));
    }
    let p = posting::Entity::find_by_id(a.posting_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let org = organization::Entity::find_by_id(a.org_id).one(&tx).await?.map(|o| o.name).unwrap_or_default();
    let student = a.student_user_id;
    let from = a.status.clone();
    let posting_id = a.posting_id;
    let mut am: application::ActiveModel = a.into();
    am.status = Set(to.to_string());
    am.updated_at = Set(chrono::Utc::now());
    am.update(&tx).await?;
    crate::areas::report::rollup::application_changed(&tx, posting_id, Some(&from), to).await?;
    audit::record(
        &tx,
        ctx,
        Entry::new("set_status", "application", id, format!("投递 {} 状态 {} → {}", p.title, status_zh(&from), status_zh(to)))
            .before(&serde_json::json!({"status": from}))
            .after(&serde_json::json!({"status": to})),
    )
    .await?;
    if to == "hired" {
        record_destination(&tx, ctx, &p, student).await?;
    }
    notify(&tx, student, &format!("{org}：您投递的“{}”进展为「{}」", p.title, status_zh(to)), "/applications").await?;
    tx.commit().await?;
    Ok(())
}

/// A hire for a job (全职岗位, or 学徒制 — 企业新型学徒制 apprentices sign a labour
/// contract) records the graduate's 毕业去向 (签劳动合同形式就业, the post's occupation)
/// in the hire's transaction. Internship and order-class hires are not employment, and a
/// student without a register record with a graduation year is no graduate to record:
/// both are left out, and the hire stands.
async fn record_destination<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: &posting::Model, student_user: i64) -> AppResult<()> {
    use crate::areas::destinations::{Hire, record_from_hire};
    if !matches!(p.kind.as_str(), "fulltime" | "apprenticeship") {
        return Ok(());
    }
    let Some(register_id) = student_profile::Entity::find_by_id(student_user).one(db).await?.and_then(|sp| sp.student_id) else {
        return Ok(());
    };
    let graduating = student::Entity::find_by_id(register_id).one(db).await?.is_some_and(|r| r.graduation_year.is_some());
    if !graduating {
        return Ok(());
    }
    let hire = Hire {
        student_id: register_id,
        employer_org_id: p.org_id,
        occupation_code: p.occupation_code.clone(),
        hired_on: today(),
        destination_code: None,
    };
    record_from_hire(db, ctx, &hire).await?;
    Ok(())
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct ApplicationFilter {
    pub status: Option<String>,
    pub posting_id: Option<i64>,
}

/// Applications in reach: a student's own; an enterprise's received ones; all for
/// district-wide readers (personal data masked).
pub async fn list(db: &DatabaseConnection, ctx: &Ctx, f: &ApplicationFilter) -> AppResult<Vec<ApplicationView>> {
    let u = ctx.user()?;
    let mut cond = Condition::all();
    let employer = u.can(Permission::PostingWriteOwn) && u.org_kind == "enterprise";
    if employer {
        cond = cond.add(application::Column::OrgId.eq(u.org_id));
    } else if u.can(Permission::Apply) && !u.can(Permission::PostingReadAll) {
        cond = cond.add(application::Column::StudentUserId.eq(u.id));
    } else if !u.can(Permission::PostingReadAll) {
        return Err(AppError::Forbidden);
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(application::Column::Status.eq(s));
    }
    if let Some(p) = f.posting_id {
        cond = cond.add(application::Column::PostingId.eq(p));
    }
    let rows = application::Entity::find().filter(cond).order_by_desc(application::Column::UpdatedAt).order_by_desc(application::Column::Id).all(db).await?;
    let postings: HashMap<i64, String> = posting::Entity::find()
        .filter(posting::Column::Id.is_in(rows.iter().map(|a| a.posting_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let orgs = crate::areas::orgs::names(db, rows.iter().map(|a| a.org_id)).await?;
    // The enterprise applied to and the student see the details; others see masks.
    let students: Vec<i64> = rows.iter().map(|a| a.student_user_id).collect();
    let unmasked: HashSet<i64> = rows
        .iter()
        .filter(|a| (employer && a.org_id == u.org_id) || a.student_user_id == u.id)
        .map(|a| a.student_user_id)
        .collect();
    let mut people = candidates(db, &students, &unmasked).await?;
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        let Some(candidate) = people.get(&a.student_user_id).cloned() else { continue };
        out.push(ApplicationView {
            id: a.id,
            posting_id: a.posting_id,
            posting_title: postings.get(&a.posting_id).cloned().unwrap_or_default(),
            org_id: a.org_id,
            org_name: orgs.get(&a.org_id).cloned().unwrap_or_default(),
            status_name: status_zh(&a.status).into(),
            status: a.status,
            created_at: (a.created_at + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string(),
            updated_at: (a.updated_at + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string(),
            candidate,
        });
    }
    people.clear();
    Ok(out)
}

/// The student's own application to a posting, if any (for the posting page).
pub async fn mine_for<C: ConnectionTrait>(db: &C, user_id: i64, posting_id: i64) -> AppResult<Option<application::Model>> {
    Ok(application::Entity::find()
        .filter(application::Column::PostingId.eq(posting_id))
        .filter(application::Column::StudentUserId.eq(user_id))
        .one(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_moves() {
        assert!(may_move("received", "interview"));
        assert!(may_move("received", "offer"));
        assert!(may_move("offer", "hired"));
        assert!(may_move("interview", "rejected"));
        assert!(!may_move("offer", "interview"));
        assert!(!may_move("hired", "rejected"));
        assert!(!may_move("withdrawn", "interview"));
        assert!(!may_move("rejected", "hired"));
    }
}

/// What a student types into their job-seeking profile (a form or JSON).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ProfileInput {
    /// 专业目录 code of any level.
    #[serde(default)]
    pub major_code: String,
    #[serde(default)]
    pub graduation_year: Option<String>,
    /// Comma-separated skills.
    #[serde(default)]
    pub skills: Option<String>,
    /// One certificate per line: 名称 | 等级 | 发证机构 | 年份.
    #[serde(default)]
    pub certificates: Option<String>,
    /// 淄博 county or street codes (a multiple select).
    #[serde(default)]
    pub locations: Vec<String>,
    /// Posting kinds the student wants (checkboxes).
    #[serde(default)]
    pub kinds: Vec<String>,
    /// A checkbox: present ("on") when employers may find the profile.
    #[serde(default)]
    pub opt_in_visible: Option<String>,
}

impl ProfileInput {
    pub fn has_location(&self, code: &str) -> bool {
        self.locations.iter().any(|c| c == code)
    }
    pub fn has_kind(&self, kind: &str) -> bool {
        self.kinds.iter().any(|k| k == kind)
    }
}

fn require_student(ctx: &Ctx) -> AppResult<&crate::auth::AuthUser> {
    let u = ctx.user()?;
    if u.has_role(crate::roles::Role::Student) { Ok(u) } else { Err(AppError::Forbidden) }
}

/// The student's own profile as a form.
pub async fn my_profile(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<ProfileInput> {
    let u = require_student(ctx)?;
    Ok(match student_profile::Entity::find_by_id(u.id).one(db).await? {
        Some(p) => ProfileInput {
            certificates: Some(certificates_of(&p).iter().map(certificate_line).collect::<Vec<_>>().join("\n")),
            locations: super::split_list(&p.preferred_locations),
            kinds: super::split_list(&p.preferred_kinds),
            major_code: p.major_code,
            graduation_year: p.graduation_year.map(|y| y.to_string()),
            skills: Some(p.skills),
            opt_in_visible: p.opt_in_visible.then(|| "on".to_string()),
        },
        None => ProfileInput::default(),
    })
}

/// Create or update the student's profile (audited); visibility to employers is opt-in.
pub async fn save_profile(db: &DatabaseConnection, ctx: &Ctx, input: &ProfileInput) -> AppResult<()> {
    use crate::error::FieldError;
    let u = require_student(ctx)?.clone();
    let mut errs = Vec::new();
    let code = input.major_code.trim();
    let major = catalogs().major_any_level(code).filter(|m| m.node == zhijiao_domain::catalog::MajorNode::Major);
    if major.is_none() {
        errs.push(FieldError::new("major_code", format!("专业代码“{code}”不在职业教育专业目录中")));
    }
    let year = match input.graduation_year.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(y) => match y.parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => Some(y),
            _ => {
                errs.push(FieldError::new("graduation_year", "毕业年份应为四位年份"));
                None
            }
        },
    };
    let skills = super::split_list(input.skills.as_deref().unwrap_or(""));
    if skills.len() > 30 {
        errs.push(FieldError::new("skills", "技能最多30项"));
    }
    use chrono::Datelike;
    let this_year = super::today().year();
    let certificates = match zhijiao_domain::profile::parse_certificates(input.certificates.as_deref().unwrap_or(""), this_year) {
        Ok(c) if c.len() > 20 => {
            errs.push(FieldError::new("certificates", "证书最多20项"));
            Vec::new()
        }
        Ok(c) => c,
        Err(bad) => {
            errs.extend(bad.into_iter().map(|m| FieldError::new("certificates", m)));
            Vec::new()
        }
    };
    let mut locations: Vec<String> = Vec::new();
    for code in input.locations.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if catalogs().division(code).is_none() {
            errs.push(FieldError::new("locations", format!("地区代码“{code}”不是淄博市的区县或街道")));
        } else if !locations.iter().any(|c| c == code) {
            locations.push(code.to_string());
        }
    }
    if locations.len() > 10 {
        errs.push(FieldError::new("locations", "意向地区最多10个"));
    }
    let mut kinds: Vec<String> = Vec::new();
    for k in input.kinds.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
        if !super::KINDS.contains(&k) {
            errs.push(FieldError::new("kinds", format!("岗位类型“{k}”无效")));
        } else if !kinds.iter().any(|x| x == k) {
            kinds.push(k.to_string());
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let major = major.expect("checked");
    let visible = input.opt_in_visible.as_deref().is_some_and(|v| !v.is_empty() && v != "false");
    let tx = db.begin().await?;
    let before = student_profile::Entity::find_by_id(u.id).one(&tx).await?;
    let mut am: student_profile::ActiveModel = match before.clone() {
        Some(p) => p.into(),
        None => student_profile::ActiveModel { user_id: Set(u.id), org_id: Set(u.org_id), student_id: Set(None), ..Default::default() },
    };
    am.major_level = Set(major.level.key().to_string());
    am.major_code = Set(major.code.clone());
    am.graduation_year = Set(year);
    am.skills = Set(skills.join(","));
    am.certificates = Set(serde_json::to_string(&certificates).map_err(|e| AppError::Internal(e.into()))?);
    am.preferred_locations = Set(locations.join(","));
    am.preferred_kinds = Set(kinds.join(","));
    am.opt_in_visible = Set(visible);
    am.updated_at = Set(chrono::Utc::now());
    let after = if before.is_some() { am.update(&tx).await? } else { am.insert(&tx).await? };
    let mut entry = Entry::new("save_profile", "student_profile", u.id, format!("{} 更新求职档案", u.display_name)).after(&after);
    if let Some(b) = &before {
        entry = entry.before(b);
    }
    audit::record(&tx, ctx, entry).await?;
    tx.commit().await?;
    Ok(())
}
