//! 岗位实习 placements (职业学校学生实习管理规定, 教职成〔2021〕4号): a school records a
//! placement of its student with a host enterprise — head counts, pay against the same
//! post's wage, the tripartite agreement, year of study, 专业大类 of the student and of
//! the post — and confirms it. `zhijiao_domain::internship::check_placement` runs on every
//! save and again at confirmation; any violation blocks confirmation with the rule's
//! Chinese message and its legal basis. The school sees its own placements, the district
//! (and departments with district-wide reading) every school's, with a list of the
//! violating ones.
//!
//! Head counts: the school states the interns already at the host and in the position; the
//! platform also counts the confirmed 岗位实习 placements it knows at the same host (and
//! posting or position title) overlapping in time, and the larger figure is checked — a
//! school cannot under-state what other schools already placed there.

pub mod pages;

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{internship_placement as ip, organization, posting, posting_major, student};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, is_school_kind};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use zhijiao_domain::internship::{InternshipKind, InternshipRules, Placement, Violation, check_placement};

/// post (岗位实习) | cognitive (认识实习)
pub const KINDS: [&str; 2] = ["post", "cognitive"];

pub fn kind_of(k: &str) -> InternshipKind {
    if k == "cognitive" { InternshipKind::Cognitive } else { InternshipKind::Post }
}

/// What the school types (form or JSON); numbers and dates as text so that a bad one is a
/// named error.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct PlacementInput {
    /// 学号 of the school's student.
    #[serde(default)]
    pub student_no: String,
    /// The host enterprise's organisation id.
    #[serde(default)]
    pub host_org_id: String,
    /// One of the host's postings (optional).
    #[serde(default)]
    pub posting_id: Option<String>,
    /// post | cognitive
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub position_title: String,
    /// 在岗职工总数 of the host.
    #[serde(default)]
    pub host_staff: String,
    /// Interns already at the host in the period (this student excluded).
    #[serde(default)]
    pub host_interns_other: String,
    /// 同类岗位在岗职工.
    #[serde(default)]
    pub position_staff: String,
    /// Interns already in that position (this student excluded).
    #[serde(default)]
    pub position_interns_other: String,
    /// Agreed monthly pay, 元.
    #[serde(default)]
    pub monthly_pay: Option<String>,
    /// The host's monthly wage for the same post, 元.
    #[serde(default)]
    pub same_post_wage: Option<String>,
    /// Checkbox: the tripartite agreement is signed.
    #[serde(default)]
    pub agreement_signed: Option<String>,
    /// The agreement's number (required when signed).
    #[serde(default)]
    pub agreement_no: Option<String>,
    /// Year of study, used only when the register has no enrolment month.
    #[serde(default)]
    pub student_grade: Option<String>,
    /// 专业大类 codes the post fits (comma-separated); default: the posting's wanted majors'.
    #[serde(default)]
    pub post_categories: Option<String>,
    /// YYYY-MM-DD
    #[serde(default)]
    pub start_date: String,
    /// YYYY-MM-DD
    #[serde(default)]
    pub end_date: Option<String>,
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

/// The fields that need no database, checked; every problem at once, by field.
#[derive(Debug, Clone)]
struct Fields {
    student_no: String,
    host_org_id: i64,
    posting_id: Option<i64>,
    kind: String,
    position_title: String,
    host_staff: i32,
    host_interns_other: i32,
    position_staff: i32,
    position_interns_other: i32,
    monthly_pay: Option<i32>,
    same_post_wage: Option<i32>,
    agreement_signed: bool,
    agreement_no: Option<String>,
    student_grade: Option<i32>,
    post_categories: Vec<String>,
    start_date: NaiveDate,
    end_date: Option<NaiveDate>,
}

fn check_fields(i: &PlacementInput) -> Result<Fields, Vec<FieldError>> {
    let mut errs = Vec::new();
    let student_no = i.student_no.trim().to_string();
    if student_no.is_empty() {
        errs.push(FieldError::new("student_no", "学号不能为空"));
    }
    let host_org_id = i.host_org_id.trim().parse::<i64>().unwrap_or_else(|_| {
        errs.push(FieldError::new("host_org_id", "请选择实习单位"));
        0
    });
    let posting_id = match clean(&i.posting_id) {
        None => None,
        Some(p) => p.parse::<i64>().map(Some).unwrap_or_else(|_| {
            errs.push(FieldError::new("posting_id", format!("岗位编号“{p}”无效")));
            None
        }),
    };
    let kind = if i.kind.trim().is_empty() { "post".to_string() } else { i.kind.trim().to_string() };
    if !KINDS.contains(&kind.as_str()) {
        errs.push(FieldError::new("kind", format!("实习类型“{kind}”无效")));
    }
    let position_title = i.position_title.trim().to_string();
    if position_title.is_empty() {
        errs.push(FieldError::new("position_title", "实习岗位名称不能为空"));
    }
    let mut count = |field: &'static str, v: &str, label: &str, required: bool| -> Option<i32> {
        let v = v.trim();
        if v.is_empty() {
            if required {
                errs.push(FieldError::new(field, format!("{label}不能为空")));
            }
            return None;
        }
        match v.parse::<i32>() {
            Ok(n) if (0..=10_000_000).contains(&n) => Some(n),
            _ => {
                errs.push(FieldError::new(field, format!("{label}须为不小于0的整数")));
                None
            }
        }
    };
    let host_staff = count("host_staff", &i.host_staff, "实习单位在岗职工总数", true).unwrap_or(0);
    let host_interns_other = count("host_interns_other", &i.host_interns_other, "单位已有实习学生数", false).unwrap_or(0);
    let position_staff = count("position_staff", &i.position_staff, "同类岗位在岗职工数", true).unwrap_or(0);
    let position_interns_other = count("position_interns_other", &i.position_interns_other, "该岗位已有实习学生数", false).unwrap_or(0);
    let monthly_pay = count("monthly_pay", i.monthly_pay.as_deref().unwrap_or(""), "实习报酬", false);
    let same_post_wage = count("same_post_wage", i.same_post_wage.as_deref().unwrap_or(""), "相同岗位工资", false);
    let student_grade = count("student_grade", i.student_grade.as_deref().unwrap_or(""), "年级", false);
    if position_staff > host_staff {
        errs.push(FieldError::new("position_staff", "同类岗位职工数不能多于单位在岗职工总数"));
    }
    let agreement_signed = i.agreement_signed.as_deref().is_some_and(|v| !v.is_empty() && v != "false");
    let agreement_no = clean(&i.agreement_no);
    if agreement_signed && agreement_no.is_none() {
        errs.push(FieldError::new("agreement_no", "已签订三方协议的，须填写协议编号"));
    }
    let post_categories: Vec<String> = crate::areas::postings::split_list(i.post_categories.as_deref().unwrap_or(""));
    for c in &post_categories {
        if zhijiao_domain::internship::normalise_category_code(c).is_none() || c.len() != 2 {
            errs.push(FieldError::new("post_categories", format!("专业大类代码“{c}”无效（两位，如 66 或 46）")));
        }
    }
    let date = |v: &str| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok();
    let start_date = date(&i.start_date).unwrap_or_else(|| {
        errs.push(FieldError::new("start_date", "开始日期格式应为 YYYY-MM-DD"));
        NaiveDate::MIN
    });
    let end_date = match clean(&i.end_date) {
        None => None,
        Some(e) => match date(&e) {
            Some(d) if d >= start_date => Some(d),
            Some(_) => {
                errs.push(FieldError::new("end_date", "结束日期不能早于开始日期"));
                None
            }
            None => {
                errs.push(FieldError::new("end_date", "结束日期格式应为 YYYY-MM-DD"));
                None
            }
        },
    };
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Fields {
        student_no,
        host_org_id,
        posting_id,
        kind,
        position_title,
        host_staff,
        host_interns_other,
        position_staff,
        position_interns_other,
        monthly_pay,
        same_post_wage,
        agreement_signed,
        agreement_no,
        student_grade,
        post_categories,
        start_date,
        end_date,
    })
}

/// The school administrator recording placements of their own school's students.
fn recorder(ctx: &Ctx) -> AppResult<&crate::auth::AuthUser> {
    crate::areas::vetting::school_admin(ctx)
}

/// Confirmed 岗位实习 placements the platform knows at the host (and, with `position`, in
/// that posting or position), overlapping `[start, end]`, other than `except` (the same
/// placement) and other than the same student.
async fn known_interns<C: ConnectionTrait>(
    db: &C,
    host: i64,
    position: Option<(Option<i64>, &str)>,
    start: NaiveDate,
    end: Option<NaiveDate>,
    student_id: i64,
    except: Option<i64>,
) -> AppResult<i32> {
    let mut cond = Condition::all()
        .add(ip::Column::HostOrgId.eq(host))
        .add(ip::Column::Status.eq("confirmed"))
        .add(ip::Column::Kind.eq("post"))
        .add(ip::Column::StudentId.ne(student_id))
        .add(Condition::any().add(ip::Column::EndDate.is_null()).add(ip::Column::EndDate.gte(start)));
    if let Some(e) = end {
        cond = cond.add(ip::Column::StartDate.lte(e));
    }
    if let Some(x) = except {
        cond = cond.add(ip::Column::Id.ne(x));
    }
    if let Some((posting, title)) = position {
        cond = cond.add(match posting {
            Some(p) => Condition::any().add(ip::Column::PostingId.eq(p)).add(ip::Column::PositionTitle.eq(title)),
            None => Condition::all().add(ip::Column::PositionTitle.eq(title)),
        });
    }
    Ok(ip::Entity::find().filter(cond).count(db).await? as i32)
}

/// Everything a check needs, resolved against the register and the host.
struct Resolved {
    student: student::Model,
    host: organization::Model,
    posting: Option<posting::Model>,
    grade: i32,
    student_category: String,
    post_categories: Vec<String>,
    placement: Placement,
}

async fn resolve<C: ConnectionTrait>(db: &C, school_id: i64, f: &Fields, except: Option<i64>) -> AppResult<Resolved> {
    let mut errs = Vec::new();
    let st = student::Entity::find()
        .filter(student::Column::OrgId.eq(school_id))
        .filter(student::Column::StudentNo.eq(&f.student_no))
        .one(db)
        .await?;
    if st.is_none() {
        errs.push(FieldError::new("student_no", format!("学号“{}”不在本校学生名册中", f.student_no)));
    }
    let host = organization::Entity::find_by_id(f.host_org_id).one(db).await?.filter(|o| o.kind == "enterprise");
    match &host {
        None => errs.push(FieldError::new("host_org_id", "实习单位须为平台上的企业")),
        Some(h) => {
            // 实习单位须经审核: the district's approval, or this school's.
            let vetted = h.status == "active" || (h.status == "pending" && crate::areas::vetting::approved(db, school_id, h.id).await?);
            if !vetted {
                errs.push(FieldError::new("host_org_id", format!("企业“{}”未通过区级审核或本校认可，不能接收实习", h.name)));
            }
        }
    }
    let posting = match f.posting_id {
        Some(pid) => {
            let p = posting::Entity::find_by_id(pid).one(db).await?.filter(|p| Some(p.org_id) == host.as_ref().map(|h| h.id));
            if p.is_none() {
                errs.push(FieldError::new("posting_id", "岗位须是该实习单位发布的岗位"));
            }
            p
        }
        None => None,
    };
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let (st, host) = (st.expect("checked"), host.expect("checked"));
    let grade = match st.enrollment_ym.as_deref().and_then(|ym| zhijiao_domain::profile::grade_on(ym, f.start_date)) {
        Some(g) => i32::from(g),
        None => f.student_grade.ok_or_else(|| {
            AppError::Validation(vec![FieldError::new("student_grade", "学生名册没有入学年月，请填写实习开始时的年级")])
        })?,
    };
    let student_category = st.major_code.chars().take(2).collect::<String>();
    let post_categories = if !f.post_categories.is_empty() || posting.is_none() {
        f.post_categories.clone()
    } else {
        let mut cats: Vec<String> = Vec::new();
        for pm in posting_major::Entity::find().filter(posting_major::Column::PostingId.eq(f.posting_id)).all(db).await? {
            let c: String = pm.major_code.chars().take(2).collect();
            if !cats.contains(&c) {
                cats.push(c);
            }
        }
        cats
    };
    let post = f.kind == "post";
    let (host_known, position_known) = if post {
        (
            known_interns(db, host.id, None, f.start_date, f.end_date, st.id, except).await?,
            known_interns(db, host.id, Some((f.posting_id, &f.position_title)), f.start_date, f.end_date, st.id, except).await?,
        )
    } else {
        (0, 0)
    };
    let placement = Placement {
        host_staff: f.host_staff as u32,
        host_interns_including_this: f.host_interns_other.max(host_known) as u32 + 1,
        position_staff: f.position_staff as u32,
        position_interns_including_this: f.position_interns_other.max(position_known) as u32 + 1,
        monthly_pay_yuan: f.monthly_pay.map(|x| x as u32),
        same_post_wage_yuan: f.same_post_wage.map(|x| x as u32),
        tripartite_agreement: f.agreement_signed,
        student_major_category: student_category.clone(),
        post_major_categories: post_categories.clone(),
        student_grade: u8::try_from(grade.clamp(0, 255)).unwrap_or(u8::MAX),
        kind: kind_of(&f.kind),
    };
    Ok(Resolved { student: st, host, posting, grade, student_category, post_categories, placement })
}

/// A violation as stored and shown.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ViolationView {
    pub rule: String,
    pub message_zh: String,
    pub basis: String,
}

fn violation_views(v: &[Violation]) -> Vec<ViolationView> {
    v.iter().map(|v| ViolationView { rule: v.rule.into(), message_zh: v.message_zh.clone(), basis: v.basis.into() }).collect()
}

/// The message that blocks a confirmation: every violation with its basis.
pub fn blocking_message(v: &[ViolationView]) -> String {
    let items: Vec<String> = v.iter().enumerate().map(|(i, v)| format!("{}. {}（依据：{}）", i + 1, v.message_zh, v.basis)).collect();
    format!("实习安排不符合《职业学校学生实习管理规定》，不能确认：{}", items.join("；"))
}

fn fill(am: &mut ip::ActiveModel, f: &Fields, r: &Resolved, violations: &[ViolationView]) {
    am.student_id = Set(r.student.id);
    am.host_org_id = Set(r.host.id);
    am.posting_id = Set(r.posting.as_ref().map(|p| p.id));
    am.kind = Set(f.kind.clone());
    am.position_title = Set(f.position_title.clone());
    am.host_staff = Set(f.host_staff);
    am.host_interns_other = Set(f.host_interns_other);
    am.position_staff = Set(f.position_staff);
    am.position_interns_other = Set(f.position_interns_other);
    am.monthly_pay = Set(f.monthly_pay);
    am.same_post_wage = Set(f.same_post_wage);
    am.agreement_signed = Set(f.agreement_signed);
    am.agreement_no = Set(f.agreement_no.clone());
    am.student_grade = Set(r.grade);
    am.student_category = Set(r.student_category.clone());
    am.post_categories = Set(r.post_categories.join(","));
    am.start_date = Set(f.start_date);
    am.end_date = Set(f.end_date);
    am.violations = Set(serde_json::to_string(violations).unwrap_or_else(|_| "[]".into()));
    am.updated_at = Set(chrono::Utc::now());
}

/// Record a placement of one of the school's students (status `recorded`), with the
/// violations found; audited. Confirmation is a separate step ([`confirm`]).
pub async fn record(db: &DatabaseConnection, ctx: &Ctx, input: &PlacementInput) -> AppResult<ip::Model> {
    let u = recorder(ctx)?.clone();
    let f = check_fields(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    let r = resolve(&tx, u.org_id, &f, None).await?;
    let violations = violation_views(&check_placement(&r.placement, &InternshipRules::default()));
    let now = chrono::Utc::now();
    let mut am = ip::ActiveModel {
        school_org_id: Set(u.org_id),
        status: Set("recorded".into()),
        created_by: Set(Some(u.id)),
        created_at: Set(now),
        is_demo: Set(false),
        ..Default::default()
    };
    fill(&mut am, &f, &r, &violations);
    let m = am.insert(&tx).await?;
    audit::record(
        &tx,
        ctx,
        Entry::new(
            "create",
            "internship_placement",
            m.id,
            format!("登记实习：{} → {}（{}），违规 {} 项", r.student.name, r.host.name, m.position_title, violations.len()),
        )
        .after(&m),
    )
    .await?;
    tx.commit().await?;
    Ok(m)
}

/// A placement the reader may see: the school's own, or any for district-wide readers.
async fn visible<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<ip::Model> {
    let scope = read_scope(ctx)?;
    let m = ip::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if scope.is_some_and(|own| own != m.school_org_id) {
        return Err(AppError::NotFound);
    }
    Ok(m)
}

/// `None` = every school (district-wide readers); `Some(school)` = own school's staff.
fn read_scope(ctx: &Ctx) -> AppResult<Option<i64>> {
    let u = ctx.user()?;
    if u.can(Permission::StudentReadAll) {
        return Ok(None);
    }
    if u.can(Permission::StudentReadOwn) && is_school_kind(&u.org_kind) {
        return Ok(Some(u.org_id));
    }
    Err(AppError::Forbidden)
}

/// Edit a recorded (not yet confirmed) placement; the check runs again.
pub async fn update(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &PlacementInput) -> AppResult<ip::Model> {
    let u = recorder(ctx)?.clone();
    let f = check_fields(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    let before = ip::Entity::find_by_id(id).one(&tx).await?.filter(|m| m.school_org_id == u.org_id).ok_or(AppError::NotFound)?;
    if before.status != "recorded" {
        return Err(AppError::Conflict("已确认的实习安排不能修改".into()));
    }
    let r = resolve(&tx, u.org_id, &f, Some(id)).await?;
    let violations = violation_views(&check_placement(&r.placement, &InternshipRules::default()));
    let mut am: ip::ActiveModel = before.clone().into();
    fill(&mut am, &f, &r, &violations);
    let after = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("update", "internship_placement", id, format!("修改实习安排：{}", r.student.name)).before(&before).after(&after))
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// Confirm a recorded placement. The check runs again on the current head counts; any
/// violation refuses with every message and its basis, and nothing is written.
pub async fn confirm(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<()> {
    let u = recorder(ctx)?.clone();
    let tx = db.begin().await?;
    let m = ip::Entity::find_by_id(id).one(&tx).await?.filter(|m| m.school_org_id == u.org_id).ok_or(AppError::NotFound)?;
    if m.status != "recorded" {
        return Err(AppError::Conflict("该实习安排已确认".into()));
    }
    let f = fields_of(&tx, &m).await?;
    let r = resolve(&tx, u.org_id, &f, Some(id)).await?;
    let violations = violation_views(&check_placement(&r.placement, &InternshipRules::default()));
    if !violations.is_empty() {
        return Err(AppError::Conflict(blocking_message(&violations)));
    }
    let mut am: ip::ActiveModel = m.clone().into();
    am.status = Set("confirmed".into());
    am.violations = Set("[]".into());
    am.confirmed_by = Set(Some(u.id));
    am.confirmed_at = Set(Some(chrono::Utc::now()));
    am.updated_at = Set(chrono::Utc::now());
    let after = am.update(&tx).await?;
    audit::record(
        &tx,
        ctx,
        Entry::new("confirm", "internship_placement", id, format!("确认实习：{} → {}", r.student.name, r.host.name))
            .before(&serde_json::json!({"status": m.status}))
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The stored placement as checked fields (the 学号 from the register).
async fn fields_of<C: ConnectionTrait>(db: &C, m: &ip::Model) -> AppResult<Fields> {
    let st = student::Entity::find_by_id(m.student_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(Fields {
        student_no: st.student_no,
        host_org_id: m.host_org_id,
        posting_id: m.posting_id,
        kind: m.kind.clone(),
        position_title: m.position_title.clone(),
        host_staff: m.host_staff,
        host_interns_other: m.host_interns_other,
        position_staff: m.position_staff,
        position_interns_other: m.position_interns_other,
        monthly_pay: m.monthly_pay,
        same_post_wage: m.same_post_wage,
        agreement_signed: m.agreement_signed,
        agreement_no: m.agreement_no.clone(),
        student_grade: Some(m.student_grade),
        post_categories: crate::areas::postings::split_list(&m.post_categories),
        start_date: m.start_date,
        end_date: m.end_date,
    })
}

/// The form values of a stored placement (for editing).
pub async fn input_of(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<PlacementInput> {
    let m = visible(db, ctx, id).await?;
    let f = fields_of(db, &m).await?;
    let n = |x: Option<i32>| x.map(|v| v.to_string());
    Ok(PlacementInput {
        student_no: f.student_no,
        host_org_id: f.host_org_id.to_string(),
        posting_id: f.posting_id.map(|p| p.to_string()),
        kind: f.kind,
        position_title: f.position_title,
        host_staff: f.host_staff.to_string(),
        host_interns_other: f.host_interns_other.to_string(),
        position_staff: f.position_staff.to_string(),
        position_interns_other: f.position_interns_other.to_string(),
        monthly_pay: n(f.monthly_pay),
        same_post_wage: n(f.same_post_wage),
        agreement_signed: f.agreement_signed.then(|| "on".into()),
        agreement_no: f.agreement_no,
        student_grade: n(f.student_grade),
        post_categories: Some(f.post_categories.join(",")),
        start_date: f.start_date.to_string(),
        end_date: f.end_date.map(|d| d.to_string()),
    })
}

/// A placement as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlacementView {
    pub id: i64,
    pub school_org_id: i64,
    pub school_name: String,
    pub student_no: String,
    pub student_name: String,
    pub major_code: String,
    pub host_org_id: i64,
    pub host_name: String,
    pub posting_id: Option<i64>,
    pub kind: String,
    pub kind_name: String,
    pub position_title: String,
    pub host_staff: i32,
    pub host_interns_other: i32,
    pub position_staff: i32,
    pub position_interns_other: i32,
    pub monthly_pay: Option<i32>,
    pub same_post_wage: Option<i32>,
    pub agreement_signed: bool,
    pub agreement_no: Option<String>,
    pub student_grade: i32,
    pub student_category: String,
    pub post_categories: String,
    pub start_date: String,
    pub end_date: Option<String>,
    /// recorded | confirmed
    pub status: String,
    pub violations: Vec<ViolationView>,
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct PlacementFilter {
    /// recorded | confirmed
    pub status: Option<String>,
    /// 1 = only placements with violations.
    pub violating: Option<String>,
    pub school_id: Option<i64>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

async fn to_views<C: ConnectionTrait>(db: &C, rows: Vec<ip::Model>) -> AppResult<Vec<PlacementView>> {
    let mut org_ids: Vec<i64> = Vec::with_capacity(rows.len() * 2);
    for r in &rows {
        org_ids.extend([r.school_org_id, r.host_org_id]);
    }
    let names = crate::areas::orgs::names(db, org_ids).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.student_id).collect();
    let students: std::collections::HashMap<i64, student::Model> = if ids.is_empty() {
        Default::default()
    } else {
        student::Entity::find().filter(student::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|s| (s.id, s)).collect()
    };
    Ok(rows
        .into_iter()
        .map(|m| {
            let st = students.get(&m.student_id);
            PlacementView {
                id: m.id,
                school_name: names.get(&m.school_org_id).cloned().unwrap_or_default(),
                school_org_id: m.school_org_id,
                student_no: st.map(|s| s.student_no.clone()).unwrap_or_default(),
                student_name: st.map(|s| s.name.clone()).unwrap_or_default(),
                major_code: st.map(|s| s.major_code.clone()).unwrap_or_default(),
                host_name: names.get(&m.host_org_id).cloned().unwrap_or_default(),
                host_org_id: m.host_org_id,
                posting_id: m.posting_id,
                kind_name: kind_of(&m.kind).name_zh().into(),
                kind: m.kind,
                position_title: m.position_title,
                host_staff: m.host_staff,
                host_interns_other: m.host_interns_other,
                position_staff: m.position_staff,
                position_interns_other: m.position_interns_other,
                monthly_pay: m.monthly_pay,
                same_post_wage: m.same_post_wage,
                agreement_signed: m.agreement_signed,
                agreement_no: m.agreement_no,
                student_grade: m.student_grade,
                student_category: m.student_category,
                post_categories: m.post_categories,
                start_date: m.start_date.to_string(),
                end_date: m.end_date.map(|d| d.to_string()),
                status: m.status,
                violations: serde_json::from_str(&m.violations).unwrap_or_default(),
            }
        })
        .collect())
}

/// Placements in reach, newest first: a school's own; every school's for district-wide
/// readers (optionally one school); `violating=1` keeps those with violations.
pub async fn list(db: &DatabaseConnection, ctx: &Ctx, f: &PlacementFilter) -> AppResult<(u64, Vec<PlacementView>)> {
    let mut cond = Condition::all();
    match read_scope(ctx)? {
        Some(own) => cond = cond.add(ip::Column::SchoolOrgId.eq(own)),
        None => {
            if let Some(s) = f.school_id {
                cond = cond.add(ip::Column::SchoolOrgId.eq(s));
            }
        }
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(ip::Column::Status.eq(s));
    }
    if f.violating.as_deref().is_some_and(|v| v == "1" || v == "true") {
        cond = cond.add(ip::Column::Violations.ne("[]"));
    }
    let paging = crate::web::Paging::new(f.page, f.per_page);
    let q = ip::Entity::find().filter(cond);
    let total = q.clone().count(db).await?;
    use sea_orm::QuerySelect;
    let rows = q.order_by_desc(ip::Column::UpdatedAt).order_by_desc(ip::Column::Id).offset(paging.offset()).limit(paging.per_page).all(db).await?;
    Ok((total, to_views(db, rows).await?))
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<PlacementView> {
    let m = visible(db, ctx, id).await?;
    Ok(to_views(db, vec![m]).await?.remove(0))
}

/// Host choices for the school's form: enterprises the district approved or this school
/// approved, (id, name) by name.
pub async fn host_choices(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<(i64, String)>> {
    let u = recorder(ctx)?;
    let approved: Vec<i64> = crate::entity::school_enterprise_approval::Entity::find()
        .filter(crate::entity::school_enterprise_approval::Column::SchoolOrgId.eq(u.org_id))
        .filter(crate::entity::school_enterprise_approval::Column::Status.eq("approved"))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.enterprise_org_id)
        .collect();
    let rows = organization::Entity::find()
        .filter(organization::Column::Kind.eq("enterprise"))
        .filter(
            Condition::any()
                .add(organization::Column::Status.eq("active"))
                .add(Condition::all().add(organization::Column::Status.eq("pending")).add(organization::Column::Id.is_in(approved))),
        )
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|o| (o.id, o.name)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PlacementInput {
        PlacementInput {
            student_no: "202300001".into(),
            host_org_id: "7".into(),
            kind: "post".into(),
            position_title: "电工".into(),
            host_staff: "100".into(),
            host_interns_other: "3".into(),
            position_staff: "20".into(),
            position_interns_other: "1".into(),
            monthly_pay: Some("3200".into()),
            same_post_wage: Some("4000".into()),
            agreement_signed: Some("on".into()),
            agreement_no: Some("SF-2026-001".into()),
            start_date: "2026-03-01".into(),
            ..Default::default()
        }
    }

    #[test]
    fn fields_are_checked_by_name() {
        assert!(check_fields(&input()).is_ok());
        let cases: Vec<(PlacementInput, &str)> = vec![
            (PlacementInput { student_no: " ".into(), ..input() }, "student_no"),
            (PlacementInput { host_org_id: "x".into(), ..input() }, "host_org_id"),
            (PlacementInput { kind: "gig".into(), ..input() }, "kind"),
            (PlacementInput { host_staff: "".into(), ..input() }, "host_staff"),
            (PlacementInput { host_staff: "-1".into(), ..input() }, "host_staff"),
            (PlacementInput { position_staff: "200".into(), ..input() }, "position_staff"),
            (PlacementInput { agreement_no: None, ..input() }, "agreement_no"),
            (PlacementInput { post_categories: Some("6".into()), ..input() }, "post_categories"),
            (PlacementInput { start_date: "2026/03/01".into(), ..input() }, "start_date"),
            (PlacementInput { end_date: Some("2026-02-01".into()), ..input() }, "end_date"),
        ];
        for (i, field) in cases {
            let errs = check_fields(&i).expect_err(field);
            assert!(errs.iter().any(|e| e.field == field), "{field}: {errs:?}");
        }
    }

    #[test]
    fn blocking_message_cites_every_rule() {
        let v = vec![
            ViolationView { rule: "pay".into(), message_zh: "未约定报酬".into(), basis: "第十八条".into() },
            ViolationView { rule: "first_year".into(), message_zh: "不得安排一年级学生进行岗位实习".into(), basis: "第十六条第（一）项".into() },
        ];
        let m = blocking_message(&v);
        assert!(m.contains("1. 未约定报酬（依据：第十八条）"), "{m}");
        assert!(m.contains("2. 不得安排一年级学生进行岗位实习（依据：第十六条第（一）项）"), "{m}");
    }
}
