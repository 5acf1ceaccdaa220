//! 键对键 (seed measure 十三): job postings of vetted enterprises with a review workflow
//! and the equal-treatment check (同等待遇), duplicate counting after Lightcast, public
//! Chinese full-text search with facets, applications with the employer pipeline, and
//! in-app notifications.
//!
//! Workflow: draft → submitted → published (the reviewer's approval publishes at once;
//! `approved` is kept in the status list for a later scheduled publication) or → returned
//! (with a comment, editable again) ; published → closed by HR or a reviewer. A posting
//! whose deadline has passed is **closed on read**: every read computes the effective
//! status from the deadline (China time), and search only shows postings whose deadline
//! is today or later, so no background job is needed and nothing stale is ever shown.
//!
//! An enterprise publishes nothing until the district approved it (organisation status
//! `active`): it may write drafts, but submitting and approving are refused — except a
//! posting aimed at one school's own students (`target_school_id`), which that school's
//! approval of the enterprise suffices for (see `crate::areas::vetting`). Such a posting
//! is seen only by that school, its enterprise and district-wide readers.

pub mod api;
pub mod applications;
pub mod notifications;
pub mod pages;
pub mod search;
pub mod search_index;

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{organization, posting, posting_major, user, user_role};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::Permission;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use zhijiao_domain::catalog::{MajorNode, catalogs};
use zhijiao_domain::matching::EducationLevel;
use zhijiao_domain::posting_dedup::{DEFAULT_WINDOW_DAYS, DedupKey, unique_flags};
use zhijiao_domain::posting_lint::{self, PostingFields};

/// 全职岗位 / 岗位实习 / 学徒制 / 订单班招生
pub const KINDS: [&str; 4] = ["fulltime", "internship", "apprenticeship", "order_class"];
pub const STATUSES: [&str; 6] = ["draft", "submitted", "returned", "approved", "published", "closed"];
pub const EDUCATION_LEVELS: [&str; 5] = ["junior_high", "secondary", "associate", "bachelor", "postgraduate"];
/// 经验要求 bands (the keys of `talent_report::EXPERIENCE_BANDS` a posting can state).
pub const EXPERIENCE_BANDS: [&str; 5] = ["none", "lt1", "1_3", "3_5", "ge5"];
/// Pay bands (元/月) for the search facet, by the lower end of the range.
pub const PAY_BANDS: [&str; 5] = ["lt3000", "3000_5000", "5000_8000", "ge8000", "unknown"];

pub fn kind_zh(k: &str) -> &'static str {
    match k {
        "fulltime" => "全职岗位",
        "internship" => "岗位实习",
        "apprenticeship" => "学徒制",
        "order_class" => "订单班招生",
        _ => "其他",
    }
}

pub fn education_zh(k: &str) -> String {
    EducationLevel::parse(k).map(|e| format!("{}及以上", e.name_zh())).unwrap_or_else(|| "不限".into())
}

pub fn pay_band(min: Option<i32>, max: Option<i32>) -> &'static str {
    match min.or(max) {
        None => "unknown",
        Some(x) if x < 3000 => "lt3000",
        Some(x) if x < 5000 => "3000_5000",
        Some(x) if x < 8000 => "5000_8000",
        Some(_) => "ge8000",
    }
}

/// Today in China (UTC+8): deadlines are calendar days there.
pub fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// The status a reader sees: a published posting past its deadline is closed.
pub fn effective_status(m: &posting::Model, today: NaiveDate) -> String {
    if m.status == "published" && m.deadline.is_some_and(|d| d < today) { "closed".into() } else { m.status.clone() }
}

/// What HR types (form or JSON). Numbers and dates come as text so that an empty form
/// field is "not given" and a bad one is a named error, not a 400.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct PostingInput {
    /// fulltime | internship | apprenticeship | order_class
    pub kind: String,
    pub title: String,
    pub description: String,
    /// 职业分类大典 (2022) code, e.g. 6-31-01-03.
    #[serde(default)]
    pub occupation_code: Option<String>,
    /// GB/T 4754-2017 code; defaults to the enterprise's.
    #[serde(default)]
    pub industry_code: Option<String>,
    /// junior_high | secondary | associate | bachelor | postgraduate (minimum), empty = any.
    #[serde(default)]
    pub education_level: Option<String>,
    /// 经验要求: none (不限) | lt1 | 1_3 | 3_5 | ge5; empty = not stated.
    #[serde(default)]
    pub experience: Option<String>,
    #[serde(default)]
    pub headcount: Option<String>,
    /// 元/月
    #[serde(default)]
    pub pay_min: Option<String>,
    #[serde(default)]
    pub pay_max: Option<String>,
    #[serde(default)]
    pub county_code: Option<String>,
    #[serde(default)]
    pub street_code: Option<String>,
    /// Comma-separated skills.
    #[serde(default)]
    pub skills: Option<String>,
    /// Wanted majors: 专业目录 codes of any level, separated by commas or spaces.
    #[serde(default)]
    pub majors: Option<String>,
    /// YYYY-MM-DD
    #[serde(default)]
    pub start_date: Option<String>,
    /// YYYY-MM-DD
    #[serde(default)]
    pub deadline: Option<String>,
    /// Aim the posting at one school's own students (the school's organisation id);
    /// empty = everyone. Such a posting may be published once that school approved the
    /// enterprise, and only that school's students see it.
    #[serde(default)]
    pub target_school_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ValidPosting {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub occupation_code: Option<String>,
    pub industry_code: Option<String>,
    pub education_level: Option<String>,
    pub experience: Option<String>,
    pub headcount: Option<i32>,
    pub pay_min: Option<i32>,
    pub pay_max: Option<i32>,
    pub county_code: Option<String>,
    pub street_code: Option<String>,
    pub skills: Vec<String>,
    /// (level key, code)
    pub majors: Vec<(String, String)>,
    pub start_date: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub target_school_id: Option<i64>,
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

pub(crate) fn split_list(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in s.split([',', '，', '、', ';', '；', '\n', ' ']) {
        let p = p.trim();
        if !p.is_empty() && !out.iter().any(|x| x == p) {
            out.push(p.to_string());
        }
    }
    out
}

/// Check a posting's fields against the catalogues; every problem at once, by field.
pub fn validate(input: &PostingInput) -> Result<ValidPosting, Vec<FieldError>> {
    let c = catalogs();
    let mut errs = Vec::new();
    let kind = input.kind.trim().to_string();
    if !KINDS.contains(&kind.as_str()) {
        errs.push(FieldError::new("kind", format!("岗位类型“{kind}”无效")));
    }
    let title = input.title.trim().to_string();
    if title.is_empty() {
        errs.push(FieldError::new("title", "岗位名称不能为空"));
    } else if title.chars().count() > 60 {
        errs.push(FieldError::new("title", "岗位名称不能超过60个字"));
    }
    let description = input.description.trim().to_string();
    if description.is_empty() {
        errs.push(FieldError::new("description", "岗位描述不能为空"));
    } else if description.chars().count() > 5000 {
        errs.push(FieldError::new("description", "岗位描述不能超过5000个字"));
    }
    let occupation_code = clean(&input.occupation_code);
    if let Some(code) = &occupation_code {
        if c.occupation(code).is_none() {
            errs.push(FieldError::new("occupation_code", format!("职业代码“{code}”不在职业分类大典（2022年版）中")));
        }
    }
    let industry_code = clean(&input.industry_code);
    if let Some(code) = &industry_code {
        if c.industry(code).is_none() {
            errs.push(FieldError::new("industry_code", format!("行业代码“{code}”不在 GB/T 4754-2017 中")));
        }
    }
    let education_level = clean(&input.education_level);
    if let Some(e) = &education_level {
        if !EDUCATION_LEVELS.contains(&e.as_str()) {
            errs.push(FieldError::new("education_level", format!("学历要求“{e}”无效")));
        }
    }
    let experience = clean(&input.experience);
    if let Some(e) = &experience {
        if !EXPERIENCE_BANDS.contains(&e.as_str()) {
            errs.push(FieldError::new("experience", format!("经验要求“{e}”无效")));
        }
    }
    let mut int = |field: &'static str, v: &Option<String>, label: &str| -> Option<i32> {
        let s = clean(v)?;
        match s.parse::<i32>() {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                errs.push(FieldError::new(field, format!("{label}须为不小于0的整数")));
                None
            }
        }
    };
    let headcount = int("headcount", &input.headcount, "招聘人数");
    let pay_min = int("pay_min", &input.pay_min, "最低月薪");
    let pay_max = int("pay_max", &input.pay_max, "最高月薪");
    if let (Some(a), Some(b)) = (pay_min, pay_max) {
        if a > b {
            errs.push(FieldError::new("pay_max", "最高月薪不能低于最低月薪"));
        }
    }
    if headcount == Some(0) {
        errs.push(FieldError::new("headcount", "招聘人数至少为1"));
    }
    let mut county_code = clean(&input.county_code);
    let street_code = clean(&input.street_code);
    if let Some(code) = &county_code {
        if c.division(code).is_none() {
            errs.push(FieldError::new("county_code", format!("区县代码“{code}”不是淄博市的区县")));
        }
    }
    if let Some(code) = &street_code {
        match c.division(code) {
            None => errs.push(FieldError::new("street_code", format!("街道代码“{code}”不存在"))),
            Some(d) => {
                if county_code.is_none() {
                    county_code = d.parent_code.clone();
                } else if d.parent_code != county_code {
                    errs.push(FieldError::new("street_code", format!("街道“{}”不属于所填区县", d.name)));
                }
            }
        }
    }
    let skills = split_list(input.skills.as_deref().unwrap_or(""));
    if skills.len() > 20 {
        errs.push(FieldError::new("skills", "技能最多20项"));
    }
    let mut majors = Vec::new();
    for code in split_list(input.majors.as_deref().unwrap_or("")) {
        match c.major_any_level(&code).filter(|m| m.node == MajorNode::Major) {
            Some(m) => majors.push((m.level.key().to_string(), m.code.clone())),
            None => errs.push(FieldError::new("majors", format!("专业代码“{code}”不在职业教育专业目录中"))),
        }
    }
    let target_school_id = match clean(&input.target_school_id) {
        None => None,
        Some(t) => match t.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                errs.push(FieldError::new("target_school_id", format!("面向学校“{t}”无效")));
                None
            }
        },
    };
    let mut date = |field: &'static str, v: &Option<String>, label: &str| -> Option<NaiveDate> {
        let s = clean(v)?;
        match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errs.push(FieldError::new(field, format!("{label}格式应为 YYYY-MM-DD")));
                None
            }
        }
    };
    let start_date = date("start_date", &input.start_date, "到岗日期");
    let deadline = date("deadline", &input.deadline, "截止日期");
    if let (Some(s), Some(d)) = (start_date, deadline) {
        if d > s + chrono::Duration::days(366) {
            errs.push(FieldError::new("deadline", "截止日期不应晚于到岗日期一年以上"));
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(ValidPosting {
        kind,
        title,
        description,
        occupation_code,
        industry_code,
        education_level,
        experience,
        headcount,
        pay_min,
        pay_max,
        county_code,
        street_code,
        skills,
        majors,
        start_date,
        deadline,
        target_school_id,
    })
}

/// One finding as stored and shown (the engine's `Finding`, owned).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FindingView {
    pub rule: String,
    /// block | warn
    pub severity: String,
    pub span: String,
    pub start: usize,
    pub end: usize,
    pub basis: String,
    pub message_zh: String,
    pub message_en: String,
    /// Which field the offsets refer to (text, title, description …).
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LintResult {
    pub findings: Vec<FindingView>,
}

impl LintResult {
    pub fn blocked(&self) -> bool {
        self.findings.iter().any(|f| f.severity == "block")
    }
}

impl FindingView {
    /// The rule's name for people (性别限制 …), never its key.
    pub fn rule_name(&self, english: bool) -> &'static str {
        if english { posting_lint::rule_label_en(&self.rule) } else { posting_lint::rule_label_zh(&self.rule) }
    }
    /// The field the finding is in, as the form labels it.
    pub fn source_name(&self, english: bool) -> &'static str {
        match (self.source.as_str(), english) {
            ("title", false) => "岗位名称",
            ("title", true) => "title",
            ("description", false) => "岗位描述",
            ("description", true) => "description",
            ("education_requirement", false) => "学历要求",
            ("education_requirement", true) => "education",
            (_, false) => "正文",
            (_, true) => "text",
        }
    }
}

fn findings_of(report: &posting_lint::LintReport) -> Vec<FindingView> {
    let v = serde_json::to_value(&report.findings).unwrap_or_default();
    serde_json::from_value(v).unwrap_or_default()
}

/// The equal-treatment check of a posting's title and description (the same engine as
/// `zhijiao posting lint`).
pub fn lint(title: &str, description: &str) -> LintResult {
    let report = posting_lint::lint_posting(&PostingFields { title: title.into(), description: description.into(), ..Default::default() });
    LintResult { findings: findings_of(&report) }
}

/// Lint free text, as the CLI does.
pub fn lint_text(text: &str) -> LintResult {
    LintResult { findings: findings_of(&posting_lint::lint_text(text)) }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MajorRef {
    pub level: String,
    pub code: String,
    pub name: String,
}

/// A posting as shown. Review data (findings, override, comment) only for its
/// enterprise and reviewers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PostingView {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub kind: String,
    pub kind_name: String,
    pub title: String,
    pub description: String,
    pub occupation_code: Option<String>,
    pub occupation_name: Option<String>,
    pub industry_code: Option<String>,
    pub industry_name: Option<String>,
    pub education_level: Option<String>,
    pub education_name: String,
    /// 经验要求 band key, if stated.
    pub experience: Option<String>,
    pub experience_name: String,
    pub headcount: Option<i32>,
    pub pay_min: Option<i32>,
    pub pay_max: Option<i32>,
    pub pay_text: String,
    pub county_code: Option<String>,
    pub county_name: Option<String>,
    pub street_code: Option<String>,
    pub street_name: Option<String>,
    pub skills: Vec<String>,
    pub majors: Vec<MajorRef>,
    pub start_date: Option<String>,
    pub deadline: Option<String>,
    /// Effective status (a published posting past its deadline reads as closed).
    pub status: String,
    pub findings: Vec<FindingView>,
    pub lint_blocked: bool,
    pub override_reason: Option<String>,
    pub review_comment: Option<String>,
    pub published_at: Option<String>,
    pub created_at: String,
    pub is_demo: bool,
    /// The school the posting is aimed at (only its students see it), if any.
    pub target_school_id: Option<i64>,
    pub target_school_name: Option<String>,
}

pub fn pay_text(min: Option<i32>, max: Option<i32>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("{a}元/月"),
        (Some(a), Some(b)) => format!("{a}–{b}元/月"),
        (Some(a), None) => format!("{a}元/月起"),
        (None, Some(b)) => format!("最高{b}元/月"),
        (None, None) => "面议".into(),
    }
}

fn china(t: chrono::DateTime<chrono::Utc>) -> String {
    (t + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string()
}

pub(crate) fn view(
    m: posting::Model,
    org_name: String,
    majors: Vec<posting_major::Model>,
    review_data: bool,
    target_school_name: Option<String>,
) -> PostingView {
    let c = catalogs();
    let status = effective_status(&m, today());
    let findings: Vec<FindingView> = if review_data {
        m.lint_findings.clone().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default()
    } else {
        Vec::new()
    };
    PostingView {
        id: m.id,
        org_id: m.org_id,
        org_name,
        kind_name: kind_zh(&m.kind).into(),
        kind: m.kind,
        title: m.title,
        description: m.description,
        occupation_name: m.occupation_code.as_deref().and_then(|x| c.occupation(x)).map(|o| o.name.clone()),
        occupation_code: m.occupation_code,
        industry_name: m.industry_code.as_deref().and_then(|x| c.industry(x)).map(|i| i.name.clone()),
        industry_code: m.industry_code,
        education_name: education_zh(m.education_level.as_deref().unwrap_or("")),
        education_level: m.education_level,
        experience_name: zhijiao_domain::talent_report::experience_zh(m.experience.as_deref().unwrap_or("unknown")),
        experience: m.experience,
        headcount: m.headcount,
        pay_text: pay_text(m.pay_min, m.pay_max),
        pay_min: m.pay_min,
        pay_max: m.pay_max,
        county_name: m.county_code.as_deref().and_then(|x| c.division(x)).map(|d| d.name.clone()),
        county_code: m.county_code,
        street_name: m.street_code.as_deref().and_then(|x| c.division(x)).map(|d| d.name.clone()),
        street_code: m.street_code,
        skills: split_list(&m.skills),
        majors: majors
            .into_iter()
            .map(|pm| MajorRef {
                name: zhijiao_domain::catalog::MajorLevel::parse(&pm.level)
                    .and_then(|l| c.major(l, &pm.major_code))
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                level: pm.level,
                code: pm.major_code,
            })
            .collect(),
        start_date: m.start_date.map(|d| d.to_string()),
        deadline: m.deadline.map(|d| d.to_string()),
        status,
        lint_blocked: review_data && m.lint_blocked,
        findings,
        override_reason: if review_data { m.override_reason } else { None },
        review_comment: if review_data { m.review_comment } else { None },
        published_at: m.published_at.map(china),
        created_at: china(m.created_at),
        is_demo: m.is_demo,
        target_school_id: m.target_school_id,
        target_school_name,
    }
}

/// A posting aimed at one school: its enterprise, district-wide readers and the people of
/// that school (students and staff) see it; for everyone else it does not exist.
pub fn may_see_target(ctx: &Ctx, m: &posting::Model) -> bool {
    match m.target_school_id {
        None => true,
        Some(school) => sees_review_data(ctx, m.org_id) || ctx.user.as_ref().is_some_and(|u| u.org_id == school),
    }
}

/// The school whose aimed postings the user may find in search: their own, if they belong
/// to a school.
pub fn viewer_school(ctx: &Ctx) -> Option<i64> {
    ctx.user.as_ref().filter(|u| crate::roles::is_school_kind(&u.org_kind)).map(|u| u.org_id)
}

/// Whether the user works for the posting's enterprise (and may write postings).
fn is_owner(ctx: &Ctx, org_id: i64) -> bool {
    ctx.user.as_ref().is_some_and(|u| u.org_id == org_id && u.can(Permission::PostingWriteOwn))
}

fn sees_review_data(ctx: &Ctx, org_id: i64) -> bool {
    is_owner(ctx, org_id) || ctx.can(Permission::PostingReadAll)
}

pub(crate) async fn majors_of<C: ConnectionTrait>(db: &C, ids: &[i64]) -> AppResult<HashMap<i64, Vec<posting_major::Model>>> {
    let mut out: HashMap<i64, Vec<posting_major::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for pm in posting_major::Entity::find()
        .filter(posting_major::Column::PostingId.is_in(ids.to_vec()))
        .order_by_asc(posting_major::Column::Id)
        .all(db)
        .await?
    {
        out.entry(pm.posting_id).or_default().push(pm);
    }
    Ok(out)
}

/// Views of many rows with two queries (organisations, majors), review data per row.
pub(crate) async fn views<C: ConnectionTrait>(db: &C, ctx: &Ctx, rows: Vec<posting::Model>) -> AppResult<Vec<PostingView>> {
    let mut org_ids: Vec<i64> = Vec::with_capacity(rows.len());
    for r in &rows {
        org_ids.push(r.org_id);
        org_ids.extend(r.target_school_id);
    }
    let names = crate::areas::orgs::names(db, org_ids).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut majors = majors_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let name = names.get(&m.org_id).cloned().unwrap_or_default();
            let ms = majors.remove(&m.id).unwrap_or_default();
            let review = sees_review_data(ctx, m.org_id);
            let target = m.target_school_id.and_then(|t| names.get(&t).cloned());
            view(m, name, ms, review, target)
        })
        .collect())
}

/// The words the search index holds for a posting.
fn search_text(v: &ValidPosting, org_name: &str) -> String {
    let parts = search_parts(v, org_name);
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    crate::search::index_text(&refs)
}

/// The texts a posting is found by, each segmented on its own: `index_text` of these
/// parts is the posting's `search_text` (the bulk generator caches the words per part).
pub fn search_parts(v: &ValidPosting, org_name: &str) -> Vec<String> {
    let c = catalogs();
    let mut parts: Vec<String> = vec![v.title.clone(), v.description.clone(), v.skills.join(" "), org_name.to_string(), kind_zh(&v.kind).into()];
    if let Some(o) = v.occupation_code.as_deref().and_then(|x| c.occupation(x)) {
        parts.push(o.name.clone());
    }
    if let Some(i) = v.industry_code.as_deref().and_then(|x| c.industry(x)) {
        parts.push(i.name.clone());
    }
    for (level, code) in &v.majors {
        if let Some(m) = zhijiao_domain::catalog::MajorLevel::parse(level).and_then(|l| c.major(l, code)) {
            parts.push(m.name.clone());
        }
    }
    if let Some(d) = v.county_code.as_deref().and_then(|x| c.division(x)) {
        parts.push(d.name.clone());
    }
    parts
}

pub fn dedup_key(org_id: i64, title: &str, county: Option<&str>, street: Option<&str>) -> String {
    let k = DedupKey::new(org_id, title, street.or(county).unwrap_or(""));
    format!("{}|{}|{}", k.enterprise_id, k.title, k.location_code)
}

/// Fill the derived columns (lint, facets, dedup key, search words) of a row.
fn apply_fields(am: &mut posting::ActiveModel, v: &ValidPosting, org: &organization::Model) {
    let report = lint(&v.title, &v.description);
    let industry = v.industry_code.clone().or_else(|| org.industry_code.clone());
    let section = industry.as_deref().and_then(|x| catalogs().industry(x)).map(|i| i.section_code.clone());
    am.kind = Set(v.kind.clone());
    am.title = Set(v.title.clone());
    am.description = Set(v.description.clone());
    am.occupation_major = Set(v.occupation_code.as_deref().and_then(|c| c.split('-').next()).map(str::to_string));
    am.occupation_code = Set(v.occupation_code.clone());
    am.industry_section = Set(section);
    am.industry_code = Set(industry.clone());
    am.education_level = Set(v.education_level.clone());
    am.experience = Set(v.experience.clone());
    am.headcount = Set(v.headcount);
    am.pay_min = Set(v.pay_min);
    am.pay_max = Set(v.pay_max);
    am.pay_band = Set(pay_band(v.pay_min, v.pay_max).into());
    let county = v.county_code.clone().or_else(|| org.county_code.clone());
    let street = v.street_code.clone().or_else(|| if v.county_code.is_none() { org.street_code.clone() } else { None });
    am.dedup_key = Set(dedup_key(org.id, &v.title, county.as_deref(), street.as_deref()));
    am.county_code = Set(county.clone());
    am.street_code = Set(street);
    am.skills = Set(v.skills.join(","));
    am.start_date = Set(v.start_date);
    am.deadline = Set(v.deadline);
    am.target_school_id = Set(v.target_school_id);
    am.lint_blocked = Set(report.blocked());
    am.lint_findings = Set(serde_json::to_value(&report.findings).ok());
    let mut with_loc = v.clone();
    with_loc.industry_code = industry;
    with_loc.county_code = county;
    am.search_text = Set(search_text(&with_loc, &org.name));
    am.updated_at = Set(chrono::Utc::now());
}

async fn replace_majors<C: ConnectionTrait>(db: &C, posting_id: i64, majors: &[(String, String)]) -> AppResult<()> {
    posting_major::Entity::delete_many().filter(posting_major::Column::PostingId.eq(posting_id)).exec(db).await?;
    for (level, code) in majors {
        posting_major::ActiveModel { posting_id: Set(posting_id), level: Set(level.clone()), major_code: Set(code.clone()), ..Default::default() }
            .insert(db)
            .await?;
    }
    Ok(())
}

/// Insert a validated posting for an enterprise inside the caller's transaction (the
/// form, the API and the demo loader).
pub async fn insert<C: ConnectionTrait>(db: &C, ctx: &Ctx, org: &organization::Model, v: &ValidPosting, is_demo: bool) -> AppResult<posting::Model> {
    let now = chrono::Utc::now();
    let mut am = posting::ActiveModel {
        org_id: Set(org.id),
        status: Set("draft".into()),
        created_by: Set(ctx.user_id()),
        created_at: Set(now),
        is_demo: Set(is_demo),
        ..Default::default()
    };
    apply_fields(&mut am, v, org);
    let m = am.insert(db).await?;
    replace_majors(db, m.id, &v.majors).await?;
    audit::record(db, ctx, Entry::new("create", "posting", m.id, format!("新建岗位草稿 {}（{}）", m.title, org.name)).after(&m)).await?;
    Ok(m)
}

async fn own_org(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<organization::Model> {
    let u = ctx.require(Permission::PostingWriteOwn)?;
    if u.org_kind != "enterprise" {
        return Err(AppError::Forbidden);
    }
    organization::Entity::find_by_id(u.org_id).one(db).await?.ok_or(AppError::NotFound)
}

/// A posting may be aimed at a school only (not at a department or an enterprise).
async fn check_target<C: ConnectionTrait>(db: &C, v: &ValidPosting) -> AppResult<()> {
    if let Some(t) = v.target_school_id {
        let school = organization::Entity::find_by_id(t).one(db).await?;
        if !school.is_some_and(|o| crate::roles::is_school_kind(&o.kind)) {
            return Err(AppError::Validation(vec![FieldError::new("target_school_id", "面向学校须为本区的学校")]));
        }
    }
    Ok(())
}

pub async fn create(db: &DatabaseConnection, ctx: &Ctx, input: &PostingInput) -> AppResult<PostingView> {
    let org = own_org(db, ctx).await?;
    let v = validate(input).map_err(AppError::Validation)?;
    check_target(db, &v).await?;
    let tx = db.begin().await?;
    let m = insert(&tx, ctx, &org, &v, false).await?;
    tx.commit().await?;
    get(db, ctx, m.id).await
}

/// A posting the user may write: their enterprise's own, else 404 (other enterprises'
/// drafts do not exist for them).
async fn owned<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<posting::Model> {
    ctx.require(Permission::PostingWriteOwn)?;
    let m = posting::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !is_owner(ctx, m.org_id) {
        return Err(if m.status == "published" { AppError::Forbidden } else { AppError::NotFound });
    }
    Ok(m)
}

/// Edit a draft or a returned posting; the check runs again on the new text.
pub async fn update(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &PostingInput) -> AppResult<PostingView> {
    let tx = db.begin().await?;
    let before = owned(&tx, ctx, id).await?;
    if !matches!(before.status.as_str(), "draft" | "returned") {
        return Err(AppError::Conflict("只有草稿或退回的岗位可以修改".into()));
    }
    let v = validate(input).map_err(AppError::Validation)?;
    check_target(&tx, &v).await?;
    let org = organization::Entity::find_by_id(before.org_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let mut am: posting::ActiveModel = before.clone().into();
    apply_fields(&mut am, &v, &org);
    am.status = Set("draft".into());
    let after = am.update(&tx).await?;
    replace_majors(&tx, id, &v.majors).await?;
    audit::record(&tx, ctx, Entry::new("update", "posting", id, format!("修改岗位 {}", after.title)).before(&before).after(&after)).await?;
    tx.commit().await?;
    get(db, ctx, id).await
}

fn not_active(org: &organization::Model) -> AppError {
    AppError::Conflict(format!("企业“{}”尚未通过审核（当前：{}），不能发布岗位", org.name, org.status))
}

/// The vetting check before a posting goes to review or is published: the district's
/// approval of the enterprise, or — for a posting aimed at one school's students — that
/// school's ([`zhijiao_domain::profile::may_publish`]).
async fn check_vetted<C: ConnectionTrait>(db: &C, org: &organization::Model, m: &posting::Model) -> AppResult<()> {
    let school_approved = match m.target_school_id {
        Some(school) => crate::areas::vetting::approved(db, school, org.id).await?,
        None => false,
    };
    if zhijiao_domain::profile::may_publish(&org.status, m.target_school_id.is_some(), school_approved) {
        return Ok(());
    }
    if org.status == "pending" && m.target_school_id.is_some() {
        return Err(AppError::Conflict(format!("企业“{}”尚未通过区级审核，所面向的学校也未认可该企业，不能发布岗位", org.name)));
    }
    Err(not_active(org))
}

/// Users holding a role, optionally in one organisation (for notifications).
pub(crate) async fn users_with_role<C: ConnectionTrait>(db: &C, role: &str, org_id: Option<i64>) -> AppResult<Vec<i64>> {
    let ids: Vec<i64> =
        user_role::Entity::find().filter(user_role::Column::Role.eq(role)).all(db).await?.into_iter().map(|r| r.user_id).collect();
    if ids.is_empty() {
        return Ok(ids);
    }
    let mut q = user::Entity::find().filter(user::Column::Id.is_in(ids)).filter(user::Column::IsActive.eq(true));
    if let Some(o) = org_id {
        q = q.filter(user::Column::OrgId.eq(o));
    }
    Ok(q.all(db).await?.into_iter().map(|u| u.id).collect())
}

/// Send a draft to the district for review. Refused while the enterprise is not approved.
pub async fn submit(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<()> {
    let tx = db.begin().await?;
    let m = owned(&tx, ctx, id).await?;
    if !matches!(m.status.as_str(), "draft" | "returned") {
        return Err(AppError::Conflict("只有草稿或退回的岗位可以提交审核".into()));
    }
    let org = organization::Entity::find_by_id(m.org_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    check_vetted(&tx, &org, &m).await?;
    let title = m.title.clone();
    let blocked = m.lint_blocked;
    let mut am: posting::ActiveModel = m.into();
    am.status = Set("submitted".into());
    am.submitted_at = Set(Some(chrono::Utc::now()));
    am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("submit", "posting", id, format!("提交审核 {title}{}", if blocked { "（含阻断项）" } else { "" }))).await?;
    for uid in users_with_role(&tx, "district_admin", None).await? {
        notifications::notify(&tx, uid, &format!("{} 提交了岗位“{}”待审核", org.name, title), &format!("/postings/{id}")).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ReviewInput {
    /// approve | return
    pub decision: String,
    #[serde(default)]
    pub comment: Option<String>,
    /// Required to approve a posting with blocking findings.
    #[serde(default)]
    pub override_reason: Option<String>,
}

/// The reviewer's decision. Approving publishes the posting; a posting with blocking
/// findings is published only with an override reason, which is audited on its own.
pub async fn review(db: &DatabaseConnection, changes: &search::PostingChanges, ctx: &Ctx, id: i64, input: &ReviewInput) -> AppResult<()> {
    let reviewer = ctx.require(Permission::PostingReview)?.clone();
    let tx = db.begin().await?;
    let m = posting::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if m.status != "submitted" {
        return Err(AppError::Conflict("该岗位不在待审核状态".into()));
    }
    let comment = clean(&input.comment);
    let reason = clean(&input.override_reason);
    let org = organization::Entity::find_by_id(m.org_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now();
    let title = m.title.clone();
    let creator = m.created_by;
    // The reviewer sees the findings again: the check runs on the text as submitted.
    let report = lint(&m.title, &m.description);
    let mut am: posting::ActiveModel = m.clone().into();
    am.reviewed_by = Set(Some(reviewer.id));
    am.reviewed_at = Set(Some(now));
    am.review_comment = Set(comment.clone());
    am.lint_blocked = Set(report.blocked());
    am.lint_findings = Set(serde_json::to_value(&report.findings).ok());
    let (text, link) = match input.decision.as_str() {
        "approve" => {
            check_vetted(&tx, &org, &m).await?;
            if report.blocked() && reason.is_none() {
                let mut rules: Vec<&str> = report.findings.iter().filter(|f| f.severity == "block").map(|f| posting_lint::rule_label_zh(&f.rule)).collect();
                rules.dedup();
                return Err(AppError::Validation(vec![FieldError::new(
                    "override_reason",
                    format!("岗位含平等就业阻断项（{}），须修改后再审，或填写放行理由", rules.join("、")),
                )]));
            }
            am.status = Set("published".into());
            am.published_at = Set(Some(now));
            am.override_reason = Set(if report.blocked() { reason.clone() } else { None });
            let published = am.update(&tx).await?;
            // The report's rollups change with the publication, in the same transaction.
            crate::areas::report::rollup::posting_published(&tx, &published).await?;
            audit::record(&tx, ctx, Entry::new("approve", "posting", id, format!("审核通过并发布 {title}"))).await?;
            if report.blocked() {
                audit::record(
                    &tx,
                    ctx,
                    Entry::new("lint_override", "posting", id, format!("放行含阻断项的岗位 {title}：{}", reason.clone().unwrap_or_default()))
                        .after(&serde_json::json!({"override_reason": reason, "findings": report.findings})),
                )
                .await?;
            }
            (format!("岗位“{title}”已审核通过并发布"), format!("/postings/{id}"))
        }
        "return" => {
            if comment.is_none() {
                return Err(AppError::Validation(vec![FieldError::new("comment", "退回须填写修改意见")]));
            }
            am.status = Set("returned".into());
            am.update(&tx).await?;
            audit::record(&tx, ctx, Entry::new("return", "posting", id, format!("退回 {title}：{}", comment.clone().unwrap_or_default()))).await?;
            (format!("岗位“{title}”被退回：{}", comment.unwrap_or_default()), format!("/postings/{id}/edit"))
        }
        other => return Err(AppError::BadRequest(format!("审核结论“{other}”无效"))),
    };
    let mut recipients = users_with_role(&tx, "enterprise_hr", Some(org.id)).await?;
    if let Some(c) = creator {
        if !recipients.contains(&c) {
            recipients.push(c);
        }
    }
    for uid in recipients {
        notifications::notify(&tx, uid, &text, &link).await?;
    }
    tx.commit().await?;
    // After the commit: the search index re-reads the posting at once.
    changes.posting_changed(id);
    Ok(())
}

/// Take a published posting down (its enterprise or a reviewer).
pub async fn close(db: &DatabaseConnection, changes: &search::PostingChanges, ctx: &Ctx, id: i64) -> AppResult<()> {
    ctx.user()?;
    let tx = db.begin().await?;
    let m = posting::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if !(is_owner(ctx, m.org_id) || ctx.can(Permission::PostingReview)) {
        return Err(AppError::Forbidden);
    }
    if m.status != "published" {
        return Err(AppError::Conflict("只有已发布的岗位可以关闭".into()));
    }
    let title = m.title.clone();
    let mut am: posting::ActiveModel = m.into();
    am.status = Set("closed".into());
    am.closed_at = Set(Some(chrono::Utc::now()));
    let closed = am.update(&tx).await?;
    crate::areas::report::rollup::posting_closed(&tx, &closed).await?;
    audit::record(&tx, ctx, Entry::new("close", "posting", id, format!("关闭岗位 {title}"))).await?;
    tx.commit().await?;
    changes.posting_changed(id);
    Ok(())
}

/// One posting: published ones for everyone; others for their enterprise and reviewers.
pub async fn get<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i64) -> AppResult<PostingView> {
    let m = posting::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let public = matches!(m.status.as_str(), "published" | "closed");
    if !public && !sees_review_data(ctx, m.org_id) {
        return Err(AppError::NotFound);
    }
    if !may_see_target(ctx, &m) {
        return Err(AppError::NotFound);
    }
    let mut names = crate::areas::orgs::names(db, [Some(m.org_id), m.target_school_id].into_iter().flatten()).await?;
    let org = names.remove(&m.org_id).unwrap_or_default();
    let target = m.target_school_id.and_then(|t| names.remove(&t));
    let majors = majors_of(db, &[m.id]).await?.remove(&m.id).unwrap_or_default();
    let review = sees_review_data(ctx, m.org_id);
    Ok(view(m, org, majors, review, target))
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct ManageFilter {
    pub status: Option<String>,
    /// Part of the title.
    pub q: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// Postings to manage: an enterprise's own (all states), or every posting for
/// district-wide readers.
pub async fn manage_list(db: &DatabaseConnection, ctx: &Ctx, f: &ManageFilter) -> AppResult<(u64, Vec<PostingView>)> {
    let u = ctx.user()?;
    let mut cond = Condition::all();
    if !u.can(Permission::PostingReadAll) {
        if !(u.can(Permission::PostingWriteOwn) && u.org_kind == "enterprise") {
            return Err(AppError::Forbidden);
        }
        cond = cond.add(posting::Column::OrgId.eq(u.org_id));
    }
    match f.status.as_deref().filter(|s| !s.is_empty()) {
        Some("closed") => {
            cond = cond.add(
                Condition::any()
                    .add(posting::Column::Status.eq("closed"))
                    .add(Condition::all().add(posting::Column::Status.eq("published")).add(posting::Column::Deadline.lt(today()))),
            )
        }
        Some("published") => {
            cond = cond.add(posting::Column::Status.eq("published")).add(
                Condition::any().add(posting::Column::Deadline.is_null()).add(posting::Column::Deadline.gte(today())),
            )
        }
        Some(s) => cond = cond.add(posting::Column::Status.eq(s)),
        None => {}
    }
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        cond = cond.add(posting::Column::Title.contains(q));
    }
    let paging = crate::web::Paging::new(f.page, f.per_page);
    let query = posting::Entity::find().filter(cond);
    let total = query.clone().count(db).await?;
    let rows = query.order_by_desc(posting::Column::UpdatedAt).order_by_desc(posting::Column::Id).offset(paging.offset()).limit(paging.per_page).all(db).await?;
    Ok((total, views(db, ctx, rows).await?))
}

/// Lightcast's counts for one month: postings published (total), those that are not a
/// duplicate of an earlier one within 60 days (unique), unique ones whose key was never
/// seen before (new), and unique postings open at some time in the month (active).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthCounts {
    /// YYYY-MM
    pub month: String,
    pub total: usize,
    pub unique: usize,
    pub new: usize,
    pub active: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PostingStats {
    pub total: usize,
    pub unique: usize,
    pub duplicates: usize,
    pub months: Vec<MonthCounts>,
}

fn month_bounds(y: i32, m: u32) -> (NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(y, m, 1).expect("month");
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) }.expect("month");
    (start, next - chrono::Duration::days(1))
}

/// Pure: the counts from (dedup key, published, open-until) of every posting ever
/// published. A posting without deadline or closing date counts as open for the 60-day
/// window after it was published.
pub fn compute_stats(rows: &[(String, NaiveDate, Option<NaiveDate>)], today: NaiveDate) -> PostingStats {
    let keyed: Vec<(DedupKey, NaiveDate)> =
        rows.iter().map(|(k, d, _)| (DedupKey { enterprise_id: 0, title: k.clone(), location_code: String::new() }, *d)).collect();
    let flags = unique_flags(&keyed, DEFAULT_WINDOW_DAYS);
    // First appearance of each key, for "new".
    let mut first: HashMap<&str, NaiveDate> = HashMap::new();
    for (k, d, _) in rows {
        let e = first.entry(k.as_str()).or_insert(*d);
        if *d < *e {
            *e = *d;
        }
    }
    let unique = flags.iter().filter(|u| **u).count();
    let mut months = Vec::new();
    if let Some(min) = rows.iter().map(|r| r.1).min() {
        use chrono::Datelike;
        let (mut y, mut m) = (min.year(), min.month());
        while (y, m) <= (today.year(), today.month()) {
            let (s, e) = month_bounds(y, m);
            let mut mc = MonthCounts { month: format!("{y:04}-{m:02}"), total: 0, unique: 0, new: 0, active: 0 };
            for (i, (k, d, until)) in rows.iter().enumerate() {
                let in_month = *d >= s && *d <= e;
                if in_month {
                    mc.total += 1;
                    if flags[i] {
                        mc.unique += 1;
                        if first.get(k.as_str()) == Some(d) {
                            mc.new += 1;
                        }
                    }
                }
                let open_until = until.unwrap_or(*d + chrono::Duration::days(DEFAULT_WINDOW_DAYS - 1));
                if flags[i] && *d <= e && open_until >= s {
                    mc.active += 1;
                }
            }
            months.push(mc);
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    }
    months.reverse();
    PostingStats { total: rows.len(), unique, duplicates: rows.len() - unique, months }
}

/// The district's overview of published postings (total vs unique, new vs active).
pub async fn stats(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<PostingStats> {
    ctx.require(Permission::PostingReadAll)?;
    let rows = posting::Entity::find()
        .filter(posting::Column::PublishedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| {
            let published = (p.published_at? + chrono::Duration::hours(8)).date_naive();
            let closed = p.closed_at.map(|c| (c + chrono::Duration::hours(8)).date_naive());
            let until = match (closed, p.deadline) {
                (Some(c), Some(d)) => Some(c.min(d)),
                (c, d) => c.or(d),
            };
            Some((p.dedup_key, published, until))
        })
        .collect::<Vec<_>>();
    Ok(compute_stats(&rows, today()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PostingInput {
        PostingInput {
            kind: "fulltime".into(),
            title: "电工".into(),
            description: "负责车间电气设备维护".into(),
            occupation_code: Some("6-31-01-03".into()),
            majors: Some("660301, 460301".into()),
            pay_min: Some("4500".into()),
            pay_max: Some("6500".into()),
            deadline: Some("2027-01-31".into()),
            ..Default::default()
        }
    }

    #[test]
    fn valid_posting_passes_and_majors_get_their_level() {
        let v = validate(&input()).unwrap();
        assert_eq!(v.majors, vec![("secondary".into(), "660301".into()), ("associate".into(), "460301".into())]);
        assert_eq!(pay_band(v.pay_min, v.pay_max), "3000_5000");
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(PostingInput, &str)> = vec![
            (PostingInput { kind: "gig".into(), ..input() }, "kind"),
            (PostingInput { title: " ".into(), ..input() }, "title"),
            (PostingInput { occupation_code: Some("9-99".into()), ..input() }, "occupation_code"),
            (PostingInput { majors: Some("999999".into()), ..input() }, "majors"),
            (PostingInput { pay_min: Some("9000".into()), ..input() }, "pay_max"),
            (PostingInput { pay_min: Some("abc".into()), ..input() }, "pay_min"),
            (PostingInput { deadline: Some("2027/01/31".into()), ..input() }, "deadline"),
            (PostingInput { county_code: Some("110101".into()), ..input() }, "county_code"),
        ];
        for (i, field) in cases {
            let errs = validate(&i).expect_err(field);
            assert!(errs.iter().any(|e| e.field == field), "{field}: {errs:?}");
        }
    }

    #[test]
    fn lint_finds_and_passes() {
        assert!(lint("电工（限男性）", "").blocked());
        let r = lint("电工", "性别不限，职业院校毕业生可报名");
        assert!(r.findings.is_empty(), "{:?}", r.findings);
    }

    #[test]
    fn monthly_counts_follow_the_60_day_window() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let rows = vec![
            ("1|电工|370303".to_string(), d(1, 5), None),
            ("1|电工|370303".to_string(), d(1, 15), None),
            ("1|电工|370303".to_string(), d(3, 20), None),
            ("2|焊工|370303".to_string(), d(3, 1), Some(d(3, 10))),
        ];
        let s = compute_stats(&rows, d(4, 2));
        assert_eq!((s.total, s.unique, s.duplicates), (4, 3, 1));
        let jan = s.months.iter().find(|m| m.month == "2026-01").unwrap();
        assert_eq!((jan.total, jan.unique, jan.new, jan.active), (2, 1, 1, 1));
        let mar = s.months.iter().find(|m| m.month == "2026-03").unwrap();
        // 电工 re-posted after 74 days is unique again but not new; 焊工 is new.
        assert_eq!((mar.total, mar.unique, mar.new, mar.active), (2, 2, 1, 3));
        assert_eq!(s.months[0].month, "2026-04");
    }

    #[test]
    fn deadline_closes_on_read() {
        let v = "published".to_string();
        let mut m = posting::Model {
            id: 1, org_id: 1, kind: "fulltime".into(), title: "x".into(), description: "x".into(), occupation_code: None,
            occupation_major: None, industry_code: None, industry_section: None, education_level: None, experience: None, headcount: None,
            pay_min: None, pay_max: None, pay_band: "unknown".into(), county_code: None, street_code: None, skills: String::new(),
            start_date: None, deadline: Some(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()), status: v, lint_findings: None,
            lint_blocked: false, override_reason: None, review_comment: None, dedup_key: String::new(), search_text: String::new(),
            created_by: None, created_at: chrono::Utc::now(), updated_at: chrono::Utc::now(), submitted_at: None, reviewed_by: None,
            reviewed_at: None, published_at: None, closed_at: None, is_demo: false, target_school_id: None,
        };
        assert_eq!(effective_status(&m, NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()), "published");
        assert_eq!(effective_status(&m, NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()), "closed");
        m.status = "draft".into();
        assert_eq!(effective_status(&m, NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()), "draft");
    }
}
