//! 产教融合型企业 (发改社会〔2019〕590号): the eligibility checker on an enterprise's declared
//! gate facts and its confirmed agreements in the registry, and the path 培育库 (reserve
//! library, the district adds) → 申报 (the enterprise applies, only when eligible) → 认定
//! (the district certifies) → 年度报告 (the enterprise reports yearly), or 撤销 (revoked, no
//! reapplication for five years).

use super::{kind_label, read_scope};
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{coop_agreement as ca, coop_fusion as cf, organization};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use zhijiao_domain::cooperation::{AgreementKind, Eligibility, EnterpriseFacts, FusionRules, INCENTIVES, PROVINCES, SHANDONG, check_fusion, may_reapply, reapply_from, whole_years};

/// The gate facts an enterprise declares (the departments verify them).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Declared {
    #[serde(default)]
    pub registered_in_province: bool,
    #[serde(default)]
    pub pays_tax_in_province: bool,
    #[serde(default)]
    pub years_operating: u32,
    #[serde(default)]
    pub is_education_company: bool,
    #[serde(default)]
    pub major_accident: bool,
    #[serde(default)]
    pub on_dishonesty_list: bool,
}

pub const STAGES: [(&str, &str); 5] =
    [("none", "未入库"), ("reserve", "培育库"), ("applied", "已申报"), ("certified", "已认定"), ("revoked", "已撤销")];

pub fn stage_label(s: &str) -> &'static str {
    STAGES.iter().find(|(k, _)| *k == s).map(|(_, l)| *l).unwrap_or("未入库")
}

pub fn rules_for(province: &str) -> FusionRules {
    PROVINCES.into_iter().find(|r| r.province == province).unwrap_or(SHANDONG)
}

fn may_read(ctx: &Ctx, org_id: i64) -> AppResult<()> {
    match read_scope(ctx)? {
        Some(own) if own != org_id => Err(AppError::NotFound),
        _ => Ok(()),
    }
}

/// The registry's evidence of one condition: confirmed agreements of the kinds it names.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceLink {
    pub id: i64,
    pub title: String,
    pub kind_label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct FusionView {
    pub org_id: i64,
    pub org_name: String,
    pub stage: String,
    pub stage_label: &'static str,
    pub province: String,
    pub rules_version: &'static str,
    pub min_conditions: usize,
    pub declared: Declared,
    pub eligibility: Eligibility,
    /// Per condition key, the agreements behind it.
    pub evidence: Vec<(String, Vec<EvidenceLink>)>,
    pub revoked_on: Option<String>,
    pub reapply_from: Option<String>,
    pub revoke_reason: Option<String>,
    pub last_report_year: Option<i32>,
    pub incentives: Vec<&'static str>,
}

fn of_kinds<'a>(rows: &'a [ca::Model], kinds: &'static [AgreementKind]) -> impl Iterator<Item = &'a ca::Model> + 'a {
    rows.iter().filter(move |m| AgreementKind::parse(&m.kind).is_some_and(|k| kinds.contains(&k)))
}

/// The checker's facts: the declaration plus the registry's confirmed agreements up to `today`.
pub async fn facts_for<C: ConnectionTrait>(db: &C, org_id: i64, declared: &Declared, today: NaiveDate) -> AppResult<(EnterpriseFacts, Vec<ca::Model>)> {
    let rows: Vec<ca::Model> = ca::Entity::find()
        .filter(ca::Column::EnterpriseOrgId.eq(org_id))
        .filter(ca::Column::Status.eq("confirmed"))
        .filter(ca::Column::StartDate.lte(today))
        .order_by_asc(ca::Column::StartDate)
        .all(db)
        .await?;
    let of = |kinds: &'static [AgreementKind]| of_kinds(&rows, kinds);
    let order: Vec<&ca::Model> = of(&[AgreementKind::OrderClass]).collect();
    let majors: BTreeSet<&str> = order.iter().flat_map(|m| m.major_codes.split(',').filter(|s| !s.is_empty())).collect();
    let apprenticeship_years = of(&[AgreementKind::Apprenticeship]).map(|m| m.start_date).min().map(|s| whole_years(s, today)).unwrap_or(0);
    let f = EnterpriseFacts {
        registered_in_province: declared.registered_in_province,
        pays_tax_in_province: declared.pays_tax_in_province,
        years_operating: declared.years_operating,
        is_education_company: declared.is_education_company,
        major_accident: declared.major_accident,
        on_dishonesty_list: declared.on_dishonesty_list,
        runs_school: of(&[AgreementKind::EnterpriseSchool, AgreementKind::Trusteeship]).count() as u32,
        order_class_majors: majors.len() as u32,
        order_class_trainees: order.iter().map(|m| m.students.max(0) as u32).sum(),
        apprenticeship_years,
        alliances: of(&[AgreementKind::MultiParty]).count() as u32,
        cooperation_years: rows.first().map(|m| whole_years(m.start_date, today)).unwrap_or(0),
        joint_platforms: of(&[AgreementKind::TrainingBase, AgreementKind::InnovationPlatform]).count() as u32,
    };
    Ok((f, rows))
}

/// The checker's page for one enterprise: each condition, what was found and its evidence.
pub async fn view(db: &DatabaseConnection, ctx: &Ctx, org_id: i64, province: Option<&str>) -> AppResult<FusionView> {
    may_read(ctx, org_id)?;
    let org = organization::Entity::find_by_id(org_id).one(db).await?.filter(|o| o.kind == "enterprise").ok_or(AppError::NotFound)?;
    let row = cf::Entity::find().filter(cf::Column::OrgId.eq(org_id)).one(db).await?;
    let declared: Declared = row.as_ref().and_then(|r| serde_json::from_str(&r.facts).ok()).unwrap_or_default();
    let rules = rules_for(province.or(row.as_ref().map(|r| r.province.as_str())).unwrap_or(SHANDONG.province));
    let today = chrono::Utc::now().date_naive();
    let (facts, rows) = facts_for(db, org_id, &declared, today).await?;
    let eligibility = check_fusion(&rules, &facts);
    let evidence = eligibility
        .conditions
        .iter()
        .map(|c| {
            let links = rows
                .iter()
                .filter(|m| AgreementKind::parse(&m.kind).is_some_and(|k| c.evidence_kinds.contains(&k)))
                .map(|m| EvidenceLink { id: m.id, title: m.title.clone(), kind_label: kind_label(&m.kind) })
                .collect();
            (c.key.to_string(), links)
        })
        .collect();
    let stage = row.as_ref().map(|r| r.stage.clone()).unwrap_or_else(|| "none".into());
    Ok(FusionView {
        org_id,
        org_name: org.name,
        stage_label: stage_label(&stage),
        stage,
        province: rules.province.into(),
        rules_version: rules.version,
        min_conditions: rules.min_conditions,
        declared,
        eligibility,
        evidence,
        revoked_on: row.as_ref().and_then(|r| r.revoked_on).map(super::zh_date),
        reapply_from: row.as_ref().and_then(|r| r.revoked_on).map(|d| super::zh_date(reapply_from(d))),
        revoke_reason: row.as_ref().and_then(|r| r.revoke_reason.clone()),
        last_report_year: row.as_ref().and_then(|r| r.last_report_year),
        incentives: INCENTIVES.to_vec(),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct LibraryRow {
    pub org_id: i64,
    pub name: String,
    pub stage_label: &'static str,
    pub last_report_year: Option<i32>,
}

/// The reserve library and beyond (district-wide readers).
pub async fn library(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<LibraryRow>> {
    if read_scope(ctx)?.is_some() {
        return Err(AppError::Forbidden);
    }
    let rows = cf::Entity::find().filter(cf::Column::Stage.ne("none")).order_by_asc(cf::Column::Id).all(db).await?;
    let names = crate::areas::orgs::names(db, rows.iter().map(|r| r.org_id).collect::<Vec<_>>()).await?;
    Ok(rows
        .into_iter()
        .map(|r| LibraryRow { org_id: r.org_id, name: names.get(&r.org_id).cloned().unwrap_or_default(), stage_label: stage_label(&r.stage), last_report_year: r.last_report_year })
        .collect())
}

/// Enterprises in the reserve library or further (the dashboard's (十一) indicator).
pub async fn reserve_count<C: ConnectionTrait>(db: &C) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(cf::Entity::find().filter(cf::Column::Stage.is_in(["reserve", "applied", "certified"])).count(db).await?)
}

async fn row_for<C: ConnectionTrait>(db: &C, org_id: i64) -> AppResult<cf::ActiveModel> {
    Ok(match cf::Entity::find().filter(cf::Column::OrgId.eq(org_id)).one(db).await? {
        Some(r) => r.into(),
        None => cf::ActiveModel {
            org_id: Set(org_id),
            stage: Set("none".into()),
            province: Set(SHANDONG.province.into()),
            facts: Set("{}".into()),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    })
}

async fn save<C: ConnectionTrait>(db: &C, am: cf::ActiveModel) -> AppResult<cf::Model> {
    Ok(if am.id.is_not_set() { am.insert(db).await? } else { am.update(db).await? })
}

pub fn own_enterprise(ctx: &Ctx, org_id: i64) -> AppResult<()> {
    let u = ctx.user()?;
    if u.has_role(Role::EnterpriseHr) && u.org_kind == "enterprise" && u.org_id == org_id {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The enterprise declares its gate facts (and its province's rule set).
pub async fn declare(db: &DatabaseConnection, ctx: &Ctx, org_id: i64, d: &Declared, province: &str) -> AppResult<()> {
    own_enterprise(ctx, org_id)?;
    if d.years_operating > 200 {
        return Err(AppError::Validation(vec![FieldError::new("经营年限", "应为 0 到 200 之间的整数")]));
    }
    if !PROVINCES.iter().any(|p| p.province == province) {
        return Err(AppError::Validation(vec![FieldError::new("省份", "请选择省份")]));
    }
    let tx = db.begin().await?;
    let mut am = row_for(&tx, org_id).await?;
    let before = am.facts.clone().into_value();
    am.facts = Set(serde_json::to_string(d).map_err(|e| AppError::Internal(e.into()))?);
    am.province = Set(province.into());
    am.updated_at = Set(chrono::Utc::now());
    let m = save(&tx, am).await?;
    audit::record(&tx, ctx, Entry::new("declare", "coop_fusion", org_id, "产教融合型企业申报条件自述").before(&format!("{before:?}")).after(&m)).await?;
    tx.commit().await?;
    Ok(())
}

/// One step on the path: reserve | certify | revoke (the district), apply | report (the
/// enterprise itself).
pub async fn step(db: &DatabaseConnection, ctx: &Ctx, org_id: i64, action: &str, reason: &str) -> AppResult<()> {
    let district = ctx.can(Permission::OrgManage);
    match action {
        "reserve" | "certify" | "revoke" if !district => return Err(AppError::Forbidden),
        "apply" | "report" => own_enterprise(ctx, org_id)?,
        "reserve" | "certify" | "revoke" => {}
        _ => return Err(AppError::BadRequest("未知操作".into())),
    }
    let org = organization::Entity::find_by_id(org_id).one(db).await?.filter(|o| o.kind == "enterprise").ok_or(AppError::NotFound)?;
    let today = chrono::Utc::now().date_naive();
    let tx = db.begin().await?;
    let mut am = row_for(&tx, org_id).await?;
    let stage = am.stage.clone().unwrap();
    let revoked_on = am.revoked_on.clone().unwrap();
    let conflict = |m: &str| Err(AppError::Conflict(m.to_string()));
    let summary = match action {
        "reserve" => {
            if !matches!(stage.as_str(), "none" | "revoked") {
                return conflict("该企业已在培育库或已申报、认定");
            }
            if !may_reapply(revoked_on, today) {
                return conflict(&format!("该企业资格被撤销，{}前不得再次申报", super::zh_date(reapply_from(revoked_on.expect("revoked")))));
            }
            am.stage = Set("reserve".into());
            am.revoked_on = Set(None);
            am.revoke_reason = Set(None);
            "纳入产教融合型企业培育库"
        }
        "apply" => {
            if stage != "reserve" {
                return conflict("须先纳入培育库才能申报");
            }
            let declared: Declared = serde_json::from_str(&am.facts.clone().unwrap()).unwrap_or_default();
            let rules = rules_for(&am.province.clone().unwrap());
            let (facts, _) = facts_for(&tx, org_id, &declared, today).await?;
            if !check_fusion(&rules, &facts).eligible {
                return conflict("尚不满足申报条件，请对照各项条件补充");
            }
            am.stage = Set("applied".into());
            am.applied_at = Set(Some(chrono::Utc::now()));
            "申报产教融合型企业"
        }
        "certify" => {
            if stage != "applied" {
                return conflict("只有已申报的企业可以认定");
            }
            am.stage = Set("certified".into());
            am.certified_at = Set(Some(chrono::Utc::now()));
            "认定为产教融合型企业"
        }
        "report" => {
            if stage != "certified" {
                return conflict("认定后才需提交年度报告");
            }
            am.last_report_year = Set(Some(today.year()));
            "提交产教融合型企业年度报告"
        }
        _ => {
            let reason = reason.trim();
            if reason.is_empty() || reason.chars().count() > 200 || reason.chars().any(|c| c.is_control()) {
                return Err(AppError::Validation(vec![FieldError::new("撤销原因", "请填写撤销原因（不超过200字）")]));
            }
            if stage == "none" || stage == "revoked" {
                return conflict("该企业未入库，无需撤销");
            }
            am.stage = Set("revoked".into());
            am.revoked_on = Set(Some(today));
            am.revoke_reason = Set(Some(reason.to_string()));
            "撤销产教融合型企业资格（5年内不得再次申报）"
        }
    };
    am.updated_at = Set(chrono::Utc::now());
    let m = save(&tx, am).await?;
    audit::record(&tx, ctx, Entry::new(action, "coop_fusion", org_id, format!("{}：{}", summary, org.name)).before(&serde_json::json!({"stage": stage})).after(&m))
        .await?;
    tx.commit().await?;
    Ok(())
}
