//! 办学质量考核 (quality assessment): the district defines the year's method (items, points,
//! sources, grade bands — `zhijiao_domain::scorecard`), each version stored so that a
//! result keeps the method it was scored with; the school assesses itself (entered items
//! with evidence, computed items from the platform); the district reviews (every change
//! of points carries a reason) and publishes; ranking and trend follow the published
//! results.

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{organization, scorecard_method as sm, scorecard_result as sr};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::Permission;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use zhijiao_domain::scorecard::{self as rules, Band, Item, Method, Source};

/// The states of a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The school has assessed itself; the district may review.
    SelfAssessed,
    /// The district has reviewed (adjustments with reasons); not yet public.
    Reviewed,
    /// Published: final, counts in ranking and trend.
    Published,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::SelfAssessed => "self_assessed",
            Status::Reviewed => "reviewed",
            Status::Published => "published",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        [Status::SelfAssessed, Status::Reviewed, Status::Published].into_iter().find(|x| x.key() == s)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Status::SelfAssessed => "学校已自评",
            Status::Reviewed => "区级已审核",
            Status::Published => "已公布",
        }
    }
}

/// What the school typed or the platform computed for an item, and the district's review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ItemScore {
    /// The school's points (entered items) or the computed points.
    pub self_points: f64,
    /// For computed items: the figure behind the points, in words; or "暂无数据（…）".
    pub basis: String,
    pub evidence: String,
    /// The district's points when it changed them.
    pub district_points: Option<f64>,
    pub reason: String,
}

impl ItemScore {
    pub fn final_points(&self) -> f64 {
        self.district_points.unwrap_or(self.self_points)
    }
}

/// The cooperation registry's 校企合作成效 (0–100) of a school's year (measure 十二: 校企合作
/// 成效 counts in the evaluation of a school's quality), computed in one place:
/// `areas::cooperation::school_effectiveness`.
pub async fn cooperation_effectiveness<C: ConnectionTrait>(db: &C, school: i64, year: i32) -> AppResult<Option<f64>> {
    crate::areas::cooperation::school_effectiveness(db, school, year).await
}

/// Shown when the cooperation registry has no figure for the school.
pub const NO_COOPERATION_DATA: &str = "暂无数据（校企合作登记尚无数据）";

fn require_district(ctx: &Ctx) -> AppResult<()> {
    ctx.require(Permission::SchoolReview).map(|_| ())
}

/// The method of the year in force now (its latest version), if the district defined one.
pub async fn current_method<C: ConnectionTrait>(db: &C, year: i32) -> AppResult<Option<(i64, Method)>> {
    let Some(m) = sm::Entity::find().filter(sm::Column::Year.eq(year)).order_by_desc(sm::Column::Id).one(db).await? else {
        return Ok(None);
    };
    let method: Method = serde_json::from_str(&m.method).map_err(anyhow::Error::from)?;
    Ok(Some((m.id, method)))
}

async fn method_by_id<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<Method> {
    let m = sm::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(serde_json::from_str(&m.method).map_err(anyhow::Error::from)?)
}

async fn store_method<C: ConnectionTrait>(db: &C, ctx: &Ctx, year: i32, method: &Method) -> AppResult<i64> {
    let m = sm::ActiveModel {
        year: Set(year),
        method: Set(serde_json::to_string(method).map_err(anyhow::Error::from)?),
        created_by: Set(ctx.user_id()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, ctx, Entry::new("define", "scorecard_method", m.id, format!("{year}年度考核办法：{}（满分{}）", method.name, method.total_points())).after(method))
        .await?;
    Ok(m.id)
}

/// Define (a new version of) the year's method.
pub async fn save_method(db: &DatabaseConnection, ctx: &Ctx, year: i32, method: &Method) -> AppResult<i64> {
    require_district(ctx)?;
    check_year(year)?;
    method.validate().map_err(|errs| AppError::Validation(errs.into_iter().map(|e| FieldError::new("考核办法", e)).collect()))?;
    let tx = db.begin().await?;
    let id = store_method(&tx, ctx, year, method).await?;
    tx.commit().await?;
    Ok(id)
}

fn check_year(year: i32) -> AppResult<()> {
    let max = super::this_year() + 1;
    if (super::FIRST_YEAR..=max).contains(&year) {
        Ok(())
    } else {
        Err(AppError::Validation(vec![FieldError::new("年度", format!("年度须为{}到{max}之间的年份", super::FIRST_YEAR))]))
    }
}

/// The method editor's form: `name`, rows `item_name_N`, `item_max_N`, `item_source_N`
/// and bands `band_name_N`, `band_min_N`; empty rows are skipped.
pub fn method_from_form(form: &HashMap<String, String>) -> Result<Method, Vec<FieldError>> {
    let mut errs = Vec::new();
    let get = |k: String| form.get(&k).map(|v| v.trim().to_string()).unwrap_or_default();
    let mut items = Vec::new();
    for i in 0..rules::MAX_ITEMS {
        let name = get(format!("item_name_{i}"));
        let max = get(format!("item_max_{i}"));
        if name.is_empty() && max.is_empty() {
            continue;
        }
        let max_points = match max.parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                errs.push(FieldError::new(format!("第{}项满分", i + 1), "须为整数"));
                0
            }
        };
        let source = Source::parse(&get(format!("item_source_{i}"))).unwrap_or(Source::Entered);
        items.push(Item { name, max_points, source });
    }
    let mut bands = Vec::new();
    for i in 0..6 {
        let name = get(format!("band_name_{i}"));
        let min = get(format!("band_min_{i}"));
        if name.is_empty() && min.is_empty() {
            continue;
        }
        match min.parse::<u32>() {
            Ok(min_points) => bands.push(Band { name, min_points }),
            Err(_) => errs.push(FieldError::new(format!("等级“{name}”最低分"), "须为整数")),
        }
    }
    let m = Method { name: get("name".into()), items, bands };
    if let Err(e) = m.validate() {
        errs.extend(e.into_iter().map(|e| FieldError::new("考核办法", e)));
    }
    if errs.is_empty() { Ok(m) } else { Err(errs) }
}

/// Use the 2012 preset as the year's method.
pub async fn use_preset(db: &DatabaseConnection, ctx: &Ctx, year: i32) -> AppResult<i64> {
    save_method(db, ctx, year, &rules::preset_2012()).await
}

/// Points of a computed item for a school's year, with the figure behind them.
async fn computed(db: &DatabaseConnection, ctx: &Ctx, school: i64, year: i32, item: &Item) -> AppResult<(f64, String)> {
    let none = |what: &str| (0.0, format!("暂无数据（{what}）"));
    Ok(match item.source {
        Source::Entered => (0.0, String::new()),
        Source::Standards => match super::standards_fraction(db, school, year).await? {
            Some(f) => (rules::points(item.max_points, f), format!("设置标准指标达标 {:.0}%", f * 100.0)),
            None => none("本年度办学条件数据未填报"),
        },
        Source::Destinations => {
            let f = crate::areas::destinations::DestinationFilter { org_id: Some(school), year: Some(year as i64), ..Default::default() };
            match crate::areas::destinations::rates(db, ctx, &f).await?.total.alignment_rate {
                Some(r) => (rules::points(item.max_points, r), format!("对口就业率 {:.1}%", r * 100.0)),
                None => none("本年度毕业去向未登记"),
            }
        }
        Source::Competitions => {
            let levels = crate::areas::competitions::award_levels(db, school, year).await?;
            let refs: Vec<&str> = levels.iter().map(String::as_str).collect();
            let f = rules::competition_fraction(&refs);
            (rules::points(item.max_points, f), format!("本年度技能大赛获奖 {} 项", levels.len()))
        }
        Source::TeacherDevelopment => match super::dual_share(db, school, year).await? {
            Some(p) => (rules::points(item.max_points, rules::teacher_development_fraction(p)), format!("双师型教师占专业教师 {p:.1}%（目标50%）")),
            None => none("本年度教师数据未填报"),
        },
        Source::Cooperation => match cooperation_effectiveness(db, school, year).await? {
            Some(v) => (rules::points(item.max_points, v / 100.0), format!("校企合作成效 {v:.0}")),
            None => (0.0, NO_COOPERATION_DATA.to_string()),
        },
    })
}

/// The self-assessment form's items: for each, its computed points (or the school's).
#[derive(Debug, Clone, Serialize)]
pub struct DraftItem {
    pub index: usize,
    pub name: String,
    pub max_points: u32,
    pub source: String,
    pub computed: bool,
    pub score: ItemScore,
}

/// The items of the current method for the school's year, with computed values and
/// whatever was saved before.
pub async fn self_draft(db: &DatabaseConnection, ctx: &Ctx, year: i32) -> AppResult<(Method, Vec<DraftItem>, Option<sr::Model>)> {
    let u = super::require_reporter(ctx)?;
    let existing = sr::Entity::find().filter(sr::Column::SchoolOrgId.eq(u.org_id)).filter(sr::Column::Year.eq(year)).one(db).await?;
    let method = match &existing {
        Some(r) => method_by_id(db, r.method_id).await?,
        None => current_method(db, year).await?.ok_or_else(|| AppError::Conflict(format!("区教体中心尚未发布{year}年度考核办法")))?.1,
    };
    let saved: Vec<ItemScore> = existing.as_ref().and_then(|r| serde_json::from_str(&r.scores).ok()).unwrap_or_default();
    let mut out = Vec::new();
    for (i, item) in method.items.iter().enumerate() {
        let mut score = saved.get(i).cloned().unwrap_or_default();
        if item.source != Source::Entered {
            let (p, basis) = computed(db, ctx, u.org_id, year, item).await?;
            score.self_points = p;
            score.basis = basis;
        }
        out.push(DraftItem { index: i, name: item.name.clone(), max_points: item.max_points, source: item.source.name_zh().into(), computed: item.source != Source::Entered, score });
    }
    Ok((method, out, existing))
}

/// The school submits its self-assessment (fields `points_N`, `evidence_N` for entered items).
pub async fn self_assess(db: &DatabaseConnection, ctx: &Ctx, year: i32, form: &HashMap<String, String>) -> AppResult<sr::Model> {
    let u = super::require_reporter(ctx)?.clone();
    check_year(year)?;
    let (method, draft, existing) = self_draft(db, ctx, year).await?;
    if existing.as_ref().is_some_and(|r| r.status != Status::SelfAssessed.key()) {
        return Err(AppError::Conflict("区级已审核，自评不能再修改".into()));
    }
    let method_id = match &existing {
        Some(r) => r.method_id,
        None => current_method(db, year).await?.map(|(id, _)| id).ok_or(AppError::NotFound)?,
    };
    let mut errs = Vec::new();
    let mut scores = Vec::new();
    for d in draft {
        let mut s = d.score;
        if !d.computed {
            let label = format!("第{}项“{}”", d.index + 1, d.name);
            let raw = form.get(&format!("points_{}", d.index)).map(|v| v.trim()).unwrap_or("");
            match raw.parse::<f64>() {
                Ok(p) if p.is_finite() && (0.0..=d.max_points as f64).contains(&p) => s.self_points = (p * 2.0).round() / 2.0,
                _ => errs.push(FieldError::new(format!("{label}自评分"), format!("须为0到{}之间的数", d.max_points))),
            }
            let ev = form.get(&format!("evidence_{}", d.index)).map(|v| v.trim().to_string()).unwrap_or_default();
            if ev.is_empty() {
                errs.push(FieldError::new(format!("{label}佐证材料"), "请说明评分依据（佐证材料）"));
            } else if ev.chars().count() > 500 || ev.chars().any(|c| c.is_control()) {
                errs.push(FieldError::new(format!("{label}佐证材料"), "不超过500个字，且不含控制字符"));
            }
            s.evidence = ev;
        }
        scores.push(s);
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let total: f64 = scores.iter().map(ItemScore::final_points).sum();
    let grade = method.grade(total).map(|b| b.name.clone());
    let tx = db.begin().await?;
    let now = chrono::Utc::now();
    let json = serde_json::to_string(&scores).map_err(anyhow::Error::from)?;
    let m = match existing {
        Some(r) => {
            let mut am: sr::ActiveModel = r.into();
            am.scores = Set(json);
            am.total = Set(Some(total));
            am.grade = Set(grade);
            am.updated_at = Set(now);
            am.update(&tx).await?
        }
        None => {
            sr::ActiveModel {
                school_org_id: Set(u.org_id),
                year: Set(year),
                method_id: Set(method_id),
                status: Set(Status::SelfAssessed.key().into()),
                scores: Set(json),
                total: Set(Some(total)),
                grade: Set(grade),
                updated_at: Set(now),
                published_at: Set(None),
                is_demo: Set(false),
                ..Default::default()
            }
            .insert(&tx)
            .await?
        }
    };
    audit::record(&tx, ctx, Entry::new("self_assess", "scorecard_result", m.id, format!("{year}年度办学质量自评：{total}分")).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ResultView {
    pub id: i64,
    pub school_org_id: i64,
    pub school_name: String,
    pub year: i32,
    pub status: Status,
    pub status_name: String,
    pub method_name: String,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub items: Vec<ResultItem>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ResultItem {
    pub index: usize,
    pub name: String,
    pub max_points: u32,
    pub source: String,
    pub score: ItemScore,
}

fn read_scope(ctx: &Ctx) -> AppResult<Option<i64>> {
    super::read_scope(ctx)
}

async fn result_view<C: ConnectionTrait>(db: &C, r: sr::Model) -> AppResult<ResultView> {
    let method = method_by_id(db, r.method_id).await?;
    let scores: Vec<ItemScore> = serde_json::from_str(&r.scores).map_err(anyhow::Error::from)?;
    let school_name = organization::Entity::find_by_id(r.school_org_id).one(db).await?.map(|o| o.name).unwrap_or_default();
    let status = Status::parse(&r.status).unwrap_or(Status::SelfAssessed);
    Ok(ResultView {
        id: r.id,
        school_org_id: r.school_org_id,
        school_name,
        year: r.year,
        status,
        status_name: status.name_zh().into(),
        method_name: method.name.clone(),
        total: r.total,
        grade: r.grade,
        items: method
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| ResultItem { index: i, name: it.name.clone(), max_points: it.max_points, source: it.source.name_zh().into(), score: scores.get(i).cloned().unwrap_or_default() })
            .collect(),
    })
}

/// One stored result as shown (for the export, which reads in its own batches).
pub(crate) async fn result_view_pub<C: ConnectionTrait>(db: &C, r: sr::Model) -> AppResult<ResultView> {
    result_view(db, r).await
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<ResultView> {
    let scope = read_scope(ctx)?;
    let r = sr::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if scope.is_some_and(|own| own != r.school_org_id) {
        return Err(AppError::NotFound);
    }
    result_view(db, r).await
}

/// Results of a year in scope, best total first (the ranking counts published ones).
pub async fn list(db: &DatabaseConnection, ctx: &Ctx, year: i32) -> AppResult<Vec<ResultView>> {
    let scope = read_scope(ctx)?;
    let mut q = sr::Entity::find().filter(sr::Column::Year.eq(year));
    if let Some(own) = scope {
        q = q.filter(sr::Column::SchoolOrgId.eq(own));
    }
    let mut out = Vec::new();
    for r in q.order_by_desc(sr::Column::Total).all(db).await? {
        out.push(result_view(db, r).await?);
    }
    Ok(out)
}

/// Published totals per school and year (the trend), in scope.
pub async fn trend(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<(String, Vec<(i32, f64, String)>)>> {
    let scope = read_scope(ctx)?;
    let mut q = sr::Entity::find().filter(sr::Column::Status.eq(Status::Published.key()));
    if let Some(own) = scope {
        q = q.filter(sr::Column::SchoolOrgId.eq(own));
    }
    let rows = q.order_by_asc(sr::Column::Year).all(db).await?;
    let mut by_school: std::collections::BTreeMap<i64, Vec<(i32, f64, String)>> = Default::default();
    for r in rows {
        by_school.entry(r.school_org_id).or_default().push((r.year, r.total.unwrap_or(0.0), r.grade.unwrap_or_else(|| "不合格".into())));
    }
    let mut out = Vec::new();
    for (school, years) in by_school {
        let name = organization::Entity::find_by_id(school).one(db).await?.map(|o| o.name).unwrap_or_default();
        out.push((name, years));
    }
    Ok(out)
}

/// The district reviews: `points_N` for every item; a changed item needs `reason_N`.
pub async fn review(db: &DatabaseConnection, ctx: &Ctx, id: i64, form: &HashMap<String, String>) -> AppResult<sr::Model> {
    require_district(ctx)?;
    let r = sr::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if r.status == Status::Published.key() {
        return Err(AppError::Conflict("已公布的结果不能再审核".into()));
    }
    let method = method_by_id(db, r.method_id).await?;
    let mut scores: Vec<ItemScore> = serde_json::from_str(&r.scores).map_err(anyhow::Error::from)?;
    scores.resize(method.items.len(), ItemScore::default());
    let mut errs = Vec::new();
    for (i, (item, s)) in method.items.iter().zip(scores.iter_mut()).enumerate() {
        let label = format!("第{}项“{}”", i + 1, item.name);
        let raw = form.get(&format!("points_{i}")).map(|v| v.trim()).unwrap_or("");
        let points = if raw.is_empty() {
            s.self_points
        } else {
            match raw.parse::<f64>() {
                Ok(p) if p.is_finite() && (0.0..=item.max_points as f64).contains(&p) => (p * 2.0).round() / 2.0,
                _ => {
                    errs.push(FieldError::new(format!("{label}审核分"), format!("须为0到{}之间的数", item.max_points)));
                    continue;
                }
            }
        };
        let reason = form.get(&format!("reason_{i}")).map(|v| v.trim().to_string()).unwrap_or_default();
        if reason.chars().count() > 500 || reason.chars().any(|c| c.is_control()) {
            errs.push(FieldError::new(format!("{label}调整理由"), "不超过500个字，且不含控制字符"));
        }
        if (points - s.self_points).abs() > f64::EPSILON {
            if reason.is_empty() {
                errs.push(FieldError::new(format!("{label}调整理由"), "调整分数须说明理由"));
            }
            s.district_points = Some(points);
            s.reason = reason;
        } else {
            s.district_points = None;
            s.reason = String::new();
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let total: f64 = scores.iter().map(ItemScore::final_points).sum();
    let grade = method.grade(total).map(|b| b.name.clone());
    let before = r.clone();
    let tx = db.begin().await?;
    let mut am: sr::ActiveModel = r.into();
    am.scores = Set(serde_json::to_string(&scores).map_err(anyhow::Error::from)?);
    am.total = Set(Some(total));
    am.grade = Set(grade);
    am.status = Set(Status::Reviewed.key().into());
    am.updated_at = Set(chrono::Utc::now());
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("review", "scorecard_result", m.id, format!("审核办学质量考核：{total}分")).before(&before).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

pub async fn publish(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<sr::Model> {
    require_district(ctx)?;
    let r = sr::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if r.status != Status::Reviewed.key() {
        return Err(AppError::Conflict("须先完成区级审核才能公布".into()));
    }
    let tx = db.begin().await?;
    let mut am: sr::ActiveModel = r.into();
    am.status = Set(Status::Published.key().into());
    am.published_at = Set(Some(chrono::Utc::now()));
    let m = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new("publish", "scorecard_result", m.id, format!("公布办学质量考核结果：{}分", m.total.unwrap_or(0.0))).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

/// Demo: this year's method (the 2012 preset) and a self-assessment of each given school
/// with every item at the given share of its points, labelled as demo evidence.
pub async fn seed<C: ConnectionTrait>(db: &C, ctx: &Ctx, year: i32, schools: &[(i64, f64)]) -> AppResult<()> {
    let method = rules::preset_2012();
    let method_id = store_method(db, ctx, year, &method).await?;
    for (school, share) in schools {
        let scores: Vec<ItemScore> = method
            .items
            .iter()
            .map(|it| ItemScore { self_points: rules::points(it.max_points, *share), evidence: "演示数据（合成）".into(), ..Default::default() })
            .collect();
        let total: f64 = scores.iter().map(ItemScore::final_points).sum();
        let m = sr::ActiveModel {
            school_org_id: Set(*school),
            year: Set(year),
            method_id: Set(method_id),
            status: Set(Status::SelfAssessed.key().into()),
            scores: Set(serde_json::to_string(&scores).map_err(anyhow::Error::from)?),
            total: Set(Some(total)),
            grade: Set(method.grade(total).map(|b| b.name.clone())),
            updated_at: Set(chrono::Utc::now()),
            published_at: Set(None),
            is_demo: Set(true),
            ..Default::default()
        }
        .insert(db)
        .await?;
        audit::record(db, ctx, Entry::new("demo", "scorecard_result", m.id, format!("演示办学质量自评：{total}分"))).await?;
    }
    Ok(())
}
