//! 职普融通 (seed measure 三: "建立中职学校与普通高中'1+N'合作发展机制，开设职普融通班"): "1+N"
//! communities (one 中职 with N general high schools) under an agreement, 职普融通班 with
//! their rosters, and students transferring between the tracks with the credits the
//! receiving school recognises — with figures per community.
//!
//! The district keeps communities, classes, rosters and transfers; department liaisons
//! read them all; the admins and teachers of a community's schools read their own
//! communities.

pub mod api;
pub mod pages;

use crate::input::required_text;
use crate::areas::enlightenment::zh_date;
use crate::audit::{self, Entry};
use crate::auth::{AuthUser, Ctx};
use crate::entity::{gv_class, gv_class_student, gv_community, gv_member, gv_transfer, organization};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

fn manages(u: &AuthUser) -> bool {
    u.can(Permission::OrgManage)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RosterEntry {
    pub name: String,
    pub student_no: String,
    pub school: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ClassView {
    pub id: i64,
    pub name: String,
    pub school_year: String,
    pub roster: Vec<RosterEntry>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TransferView {
    pub student_name: String,
    pub student_no: String,
    pub from: String,
    pub to: String,
    pub direction: &'static str,
    pub credits: i32,
    pub decided_on: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommunityView {
    pub id: i64,
    pub name: String,
    pub vocational_org_id: i64,
    pub vocational: String,
    /// (organisation id, name) of the vocational school and the member high schools (for
    /// the page's forms; the API gives `vocational` and `members`).
    #[serde(skip)]
    #[schema(ignore)]
    pub schools: Vec<(i64, String)>,
    pub members: Vec<String>,
    pub agreement_no: String,
    pub signed_on: String,
    pub classes: Vec<ClassView>,
    pub transfers: Vec<TransferView>,
    pub students_in_classes: usize,
    pub to_vocational: usize,
    pub to_general: usize,
    pub credits: i64,
    pub is_demo: bool,
}

/// Communities the user may read, with their classes, rosters, transfers and figures
/// (the one place the per-community figures are computed).
pub async fn communities(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<CommunityView>> {
    let u = ctx.user()?;
    let all = gv_community::Entity::find().order_by_asc(gv_community::Column::Id).all(db).await?;
    let members = gv_member::Entity::find().all(db).await?;
    let visible: Vec<gv_community::Model> = if u.can(Permission::OrgReadAll) {
        all
    } else if u.has_role(Role::SchoolAdmin) || u.has_role(Role::Teacher) {
        all.into_iter().filter(|c| c.vocational_org_id == u.org_id || members.iter().any(|m| m.community_id == c.id && m.high_school_org_id == u.org_id)).collect()
    } else {
        return Err(AppError::Forbidden);
    };
    let names: HashMap<i64, String> = organization::Entity::find().filter(organization::Column::Kind.is_in(["vocational_school", "high_school"])).all(db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let mut out = Vec::new();
    for c in visible {
        let member_ids: Vec<i64> = members.iter().filter(|m| m.community_id == c.id).map(|m| m.high_school_org_id).collect();
        let classes = gv_class::Entity::find().filter(gv_class::Column::CommunityId.eq(c.id)).order_by_asc(gv_class::Column::Id).all(db).await?;
        let mut class_views = Vec::new();
        let mut students = 0;
        for k in classes {
            let roster: Vec<RosterEntry> = gv_class_student::Entity::find()
                .filter(gv_class_student::Column::ClassId.eq(k.id))
                .order_by_asc(gv_class_student::Column::Id)
                .all(db)
                .await?
                .into_iter()
                .map(|s| RosterEntry { name: s.student_name, student_no: s.student_no, school: name(s.school_org_id) })
                .collect();
            students += roster.len();
            class_views.push(ClassView { id: k.id, name: k.name, school_year: zhijiao_domain::enlightenment::school_year_label(k.school_year), roster });
        }
        let transfers: Vec<TransferView> = gv_transfer::Entity::find()
            .filter(gv_transfer::Column::CommunityId.eq(c.id))
            .order_by_desc(gv_transfer::Column::DecidedOn)
            .all(db)
            .await?
            .into_iter()
            .map(|t| TransferView {
                direction: if t.to_org_id == c.vocational_org_id { "普转职" } else { "职转普" },
                student_name: t.student_name,
                student_no: t.student_no,
                from: name(t.from_org_id),
                to: name(t.to_org_id),
                credits: t.credits,
                decided_on: zh_date(t.decided_on),
                note: t.note,
            })
            .collect();
        let to_vocational = transfers.iter().filter(|t| t.direction == "普转职").count();
        let mut schools = vec![(c.vocational_org_id, name(c.vocational_org_id))];
        schools.extend(member_ids.iter().map(|id| (*id, name(*id))));
        out.push(CommunityView {
            id: c.id,
            vocational: name(c.vocational_org_id),
            members: member_ids.iter().map(|id| name(*id)).collect(),
            schools,
            name: c.name,
            vocational_org_id: c.vocational_org_id,
            agreement_no: c.agreement_no,
            signed_on: zh_date(c.signed_on),
            students_in_classes: students,
            to_vocational,
            to_general: transfers.len() - to_vocational,
            credits: transfers.iter().map(|t| t.credits as i64).sum(),
            classes: class_views,
            transfers,
            is_demo: c.is_demo,
        });
    }
    Ok(out)
}

/// 职普融通班 in the district (the dashboard's `vocational_general_classes`).
pub async fn class_count<C: ConnectionTrait>(db: &C) -> AppResult<u64> {
    Ok(gv_class::Entity::find().count(db).await?)
}


fn date(field: &str, raw: &str, errs: &mut Vec<FieldError>) -> NaiveDate {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").unwrap_or_else(|_| {
        errs.push(FieldError::new(field, "日期无效，应为 YYYY-MM-DD"));
        NaiveDate::default()
    })
}

/// Schools the forms offer: (vocational schools, general high schools).
pub async fn school_choices(db: &DatabaseConnection) -> AppResult<(Vec<(i64, String)>, Vec<(i64, String)>)> {
    let rows = organization::Entity::find().filter(organization::Column::Kind.is_in(["vocational_school", "high_school"])).filter(organization::Column::Status.eq("active")).order_by_asc(organization::Column::Name).all(db).await?;
    let (v, h): (Vec<_>, Vec<_>) = rows.into_iter().partition(|o| o.kind == "vocational_school");
    Ok((v.into_iter().map(|o| (o.id, o.name)).collect(), h.into_iter().map(|o| (o.id, o.name)).collect()))
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct CommunityInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub vocational_org_id: String,
    #[serde(default)]
    pub high_school_ids: Vec<i64>,
    #[serde(default)]
    pub agreement_no: String,
    #[serde(default)]
    pub signed_on: String,
}

pub async fn create_community(db: &DatabaseConnection, ctx: &Ctx, input: &CommunityInput) -> AppResult<i64> {
    if !manages(ctx.user()?) {
        return Err(AppError::Forbidden);
    }
    let (voc, high) = school_choices(db).await?;
    let mut errs = Vec::new();
    let name = required_text("name", "共同体名称", &input.name, 60, &mut errs);
    let vocational = input.vocational_org_id.trim().parse::<i64>().ok().filter(|id| voc.iter().any(|(v, _)| v == id));
    if vocational.is_none() {
        errs.push(FieldError::new("vocational_org_id", "请选择一所中职学校"));
    }
    let mut members = input.high_school_ids.clone();
    members.sort_unstable();
    members.dedup();
    if members.is_empty() || members.len() > 20 || !members.iter().all(|id| high.iter().any(|(h, _)| h == id)) {
        errs.push(FieldError::new("high_school_ids", "请选择1到20所普通高中"));
    }
    let agreement_no = required_text("agreement_no", "协议编号", &input.agreement_no, 40, &mut errs);
    let signed_on = date("signed_on", &input.signed_on, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let c = insert_community(&tx, ctx, &name, vocational.expect("checked"), &members, &agreement_no, signed_on, false).await?;
    tx.commit().await?;
    Ok(c.id)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_community<C: ConnectionTrait>(db: &C, ctx: &Ctx, name: &str, vocational: i64, members: &[i64], agreement_no: &str, signed_on: NaiveDate, is_demo: bool) -> AppResult<gv_community::Model> {
    let c = gv_community::ActiveModel { name: Set(name.into()), vocational_org_id: Set(vocational), agreement_no: Set(agreement_no.into()), signed_on: Set(signed_on), created_at: Set(chrono::Utc::now()), is_demo: Set(is_demo), ..Default::default() }
        .insert(db)
        .await?;
    for m in members {
        gv_member::ActiveModel { community_id: Set(c.id), high_school_org_id: Set(*m), ..Default::default() }.insert(db).await?;
    }
    audit::record(db, ctx, Entry::new("create", "gv_community", c.id, format!("建立职普融通共同体：{name}（1+{}）", members.len())).after(&c)).await?;
    Ok(c)
}

async fn community_schools<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<(gv_community::Model, Vec<i64>)> {
    let c = gv_community::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let members = gv_member::Entity::find().filter(gv_member::Column::CommunityId.eq(id)).all(db).await?.into_iter().map(|m| m.high_school_org_id).collect();
    Ok((c, members))
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ClassInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub school_year: String,
}

pub async fn create_class(db: &DatabaseConnection, ctx: &Ctx, community_id: i64, input: &ClassInput) -> AppResult<()> {
    if !manages(ctx.user()?) {
        return Err(AppError::Forbidden);
    }
    community_schools(db, community_id).await?;
    let mut errs = Vec::new();
    let name = required_text("name", "班级名称", &input.name, 60, &mut errs);
    let year = input.school_year.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        errs.push(FieldError::new("school_year", "学年须为2000到2100之间的年份（学年开始的年份）"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let k = gv_class::ActiveModel { community_id: Set(community_id), name: Set(name.clone()), school_year: Set(year.expect("checked")), created_at: Set(chrono::Utc::now()), is_demo: Set(false), ..Default::default() }
        .insert(&tx)
        .await?;
    audit::record(&tx, ctx, Entry::new("create", "gv_class", k.id, format!("开设职普融通班：{name}")).after(&k)).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct StudentInput {
    #[serde(default)]
    pub student_name: String,
    #[serde(default)]
    pub student_no: String,
    #[serde(default)]
    pub school_org_id: String,
}

fn student_fields(input: &StudentInput, schools: &[i64], errs: &mut Vec<FieldError>) -> (String, String, i64) {
    let name = required_text("student_name", "学生姓名", &input.student_name, 30, errs);
    let no = required_text("student_no", "学籍号", &input.student_no, 30, errs);
    let school = input.school_org_id.trim().parse::<i64>().ok().filter(|id| schools.contains(id));
    if school.is_none() {
        errs.push(FieldError::new("school_org_id", "请选择共同体内的学校"));
    }
    (name, no, school.unwrap_or(0))
}

pub async fn add_student(db: &DatabaseConnection, ctx: &Ctx, class_id: i64, input: &StudentInput) -> AppResult<i64> {
    if !manages(ctx.user()?) {
        return Err(AppError::Forbidden);
    }
    let k = gv_class::Entity::find_by_id(class_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (c, mut schools) = community_schools(db, k.community_id).await?;
    schools.push(c.vocational_org_id);
    let mut errs = Vec::new();
    let (name, no, school) = student_fields(input, &schools, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let m = gv_class_student::ActiveModel { class_id: Set(class_id), student_name: Set(name.clone()), student_no: Set(no), school_org_id: Set(school), ..Default::default() }
        .insert(&tx)
        .await
        .map_err(|e| AppError::on_unique(e, "该学生已在本班名单中"))?;
    audit::record(&tx, ctx, Entry::new("create", "gv_class_student", m.id, format!("{name} 加入职普融通班 {}", k.name)).after(&m)).await?;
    tx.commit().await?;
    Ok(c.id)
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TransferInput {
    #[serde(flatten)]
    pub student: StudentInput,
    #[serde(default)]
    pub to_org_id: String,
    #[serde(default)]
    pub credits: String,
    #[serde(default)]
    pub decided_on: String,
    #[serde(default)]
    pub note: String,
}

/// A student moves between the tracks inside a community: from the 中职 to a member high
/// school or back, never between two schools of the same track; the receiving school's
/// recognised credits are kept with the move. Audited.
pub async fn record_transfer(db: &DatabaseConnection, ctx: &Ctx, community_id: i64, input: &TransferInput) -> AppResult<()> {
    if !manages(ctx.user()?) {
        return Err(AppError::Forbidden);
    }
    let (c, members) = community_schools(db, community_id).await?;
    let mut schools = members.clone();
    schools.push(c.vocational_org_id);
    let mut errs = Vec::new();
    let (name, no, from) = student_fields(&input.student, &schools, &mut errs);
    let to = input.to_org_id.trim().parse::<i64>().ok().filter(|id| schools.contains(id));
    match to {
        None => errs.push(FieldError::new("to_org_id", "请选择共同体内的转入学校")),
        Some(to) if from != 0 && (from == c.vocational_org_id) == (to == c.vocational_org_id) => {
            errs.push(FieldError::new("to_org_id", "转入学校须与转出学校分属职教和普教两个轨道"))
        }
        _ => {}
    }
    let credits = input.credits.trim().parse::<i32>().ok().filter(|n| (0..=200).contains(n));
    if credits.is_none() {
        errs.push(FieldError::new("credits", "认定学分须为0到200之间的整数"));
    }
    let decided_on = date("decided_on", &input.decided_on, &mut errs);
    let note = input.note.trim().to_string();
    if note.chars().count() > 200 || note.chars().any(char::is_control) {
        errs.push(FieldError::new("note", "说明不能超过200个字"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let t = gv_transfer::ActiveModel {
        community_id: Set(community_id),
        student_name: Set(name.clone()),
        student_no: Set(no),
        from_org_id: Set(from),
        to_org_id: Set(to.expect("checked")),
        credits: Set(credits.expect("checked")),
        decided_on: Set(decided_on),
        note: Set(note),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("create", "gv_transfer", t.id, format!("{name} 职普互转，认定学分 {}", t.credits)).after(&t)).await?;
    tx.commit().await?;
    Ok(())
}

/// Demo: 中德莱茵 with two general high schools, one class with two pupils, one transfer.
pub async fn seed(db: &DatabaseConnection) -> AppResult<()> {
    if gv_community::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let (voc, high) = school_choices(db).await?;
    let (Some(rhein), false) = (voc.iter().find(|(_, n)| n == "中德莱茵智能科技学校").map(|(id, _)| *id), high.is_empty()) else { return Ok(()) };
    let members: Vec<i64> = high.iter().take(2).map(|(id, _)| *id).collect();
    let ctx = Ctx::system();
    let tx = db.begin().await?;
    let c = insert_community(&tx, &ctx, "中德莱茵“1+N”职普融通共同体（示例）", rhein, &members, "GXZP-2026-001", NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"), true).await?;
    let k = gv_class::ActiveModel { community_id: Set(c.id), name: Set("2026级智能制造职普融通班（示例）".into()), school_year: Set(2026), created_at: Set(chrono::Utc::now()), is_demo: Set(true), ..Default::default() }
        .insert(&tx)
        .await?;
    for (name, no, school) in [("陈思远", "G2026001", members[0]), ("周雨桐", "Z2026017", rhein)] {
        gv_class_student::ActiveModel { class_id: Set(k.id), student_name: Set(name.into()), student_no: Set(no.into()), school_org_id: Set(school), ..Default::default() }.insert(&tx).await?;
    }
    gv_transfer::ActiveModel {
        community_id: Set(c.id),
        student_name: Set("韩明轩".into()),
        student_no: Set("G2025033".into()),
        from_org_id: Set(members[0]),
        to_org_id: Set(rhein),
        credits: Set(24),
        decided_on: Set(NaiveDate::from_ymd_opt(2026, 9, 10).expect("date")),
        note: Set("高一第一学期文化课学分认定".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
