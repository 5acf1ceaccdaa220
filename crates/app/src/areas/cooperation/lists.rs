//! The three lists of a 市域产教联合体 (教职成厅函〔2024〕20号: 核心产品清单、技术需求清单、
//! 人才需求清单). Enterprises publish entries; schools answer with offers (technical service,
//! training, an order class); the enterprise accepts one (the entry is then matched) and
//! either side records the outcome. Published entries are visible to every signed-in user
//! except students; an offer is seen by the two organisations and the district.

use super::{Side, side_of};
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{coop_need as cn, coop_offer as co};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, Role};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};

pub const LISTS: [(&str, &str); 3] = [("product", "核心产品清单"), ("tech", "技术需求清单"), ("talent", "人才需求清单")];
pub const OFFER_KINDS: [(&str, &str); 3] = [("tech_service", "技术服务"), ("training", "人才培训"), ("order_class", "订单班培养")];
const OFFER_STATUSES: [(&str, &str); 4] = [("offered", "待企业答复"), ("accepted", "已对接"), ("declined", "未采纳"), ("done", "已完成")];

fn label(table: &[(&'static str, &'static str)], key: &str) -> &'static str {
    table.iter().find(|(k, _)| *k == key).map(|(_, l)| *l).unwrap_or("—")
}

fn text(field: &str, s: &str, max: usize, required: bool) -> Result<String, FieldError> {
    let t = s.trim();
    if (required && t.is_empty()) || t.chars().count() > max || t.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(FieldError::new(field, format!("{}不超过{max}字，不含控制字符", if required { "必填，" } else { "" })));
    }
    Ok(t.to_string())
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NeedInput {
    #[serde(default)]
    pub list: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub detail: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OfferInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfferView {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub kind_label: &'static str,
    pub detail: String,
    pub status: String,
    pub status_label: &'static str,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NeedView {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub list_label: &'static str,
    pub title: String,
    pub detail: String,
    pub status: String,
    pub offers: Vec<OfferView>,
}

fn reader(ctx: &Ctx) -> AppResult<()> {
    let u = ctx.user()?;
    if u.roles.iter().all(|r| *r == Role::Student) {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Every entry with the offers the user may see (own organisation's, or to its own entry;
/// all for district-wide readers).
pub async fn list(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<NeedView>> {
    reader(ctx)?;
    let u = ctx.user()?;
    let needs = cn::Entity::find().order_by_desc(cn::Column::Id).all(db).await?;
    let offers = co::Entity::find().order_by_asc(co::Column::Id).all(db).await?;
    let mut ids: Vec<i64> = needs.iter().map(|n| n.org_id).collect();
    ids.extend(offers.iter().map(|o| o.org_id));
    let names = crate::areas::orgs::names(db, ids).await?;
    let all = u.can(Permission::OrgReadAll);
    Ok(needs
        .into_iter()
        .map(|n| NeedView {
            offers: offers
                .iter()
                .filter(|o| o.need_id == n.id && (all || o.org_id == u.org_id || n.org_id == u.org_id))
                .map(|o| OfferView {
                    id: o.id,
                    org_id: o.org_id,
                    org_name: names.get(&o.org_id).cloned().unwrap_or_default(),
                    kind_label: label(&OFFER_KINDS, &o.kind),
                    detail: o.detail.clone(),
                    status_label: label(&OFFER_STATUSES, &o.status),
                    status: o.status.clone(),
                    outcome: o.outcome.clone(),
                })
                .collect(),
            id: n.id,
            org_id: n.org_id,
            org_name: names.get(&n.org_id).cloned().unwrap_or_default(),
            list_label: label(&LISTS, &n.list),
            title: n.title,
            detail: n.detail,
            status: n.status,
        })
        .collect())
}

/// An enterprise publishes an entry.
pub async fn publish(db: &DatabaseConnection, ctx: &Ctx, input: &NeedInput) -> AppResult<cn::Model> {
    let u = ctx.user()?;
    if side_of(u) != Some(Side::Enterprise) {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    if !LISTS.iter().any(|(k, _)| *k == input.list) {
        errs.push(FieldError::new("清单", "请选择核心产品、技术需求或人才需求清单"));
    }
    let title = text("标题", &input.title, 100, true).map_err(|e| errs.push(e)).unwrap_or_default();
    let detail = text("说明", &input.detail, 2000, false).map_err(|e| errs.push(e)).unwrap_or_default();
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let m = cn::ActiveModel {
        org_id: Set(u.org_id),
        list: Set(input.list.clone()),
        title: Set(title),
        detail: Set(detail),
        status: Set("open".into()),
        created_by: Set(Some(u.id)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("create", "coop_need", m.id, format!("发布{}：{}", label(&LISTS, &m.list), m.title)).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

/// A school answers an open entry with an offer.
pub async fn offer(db: &DatabaseConnection, ctx: &Ctx, need_id: i64, input: &OfferInput) -> AppResult<co::Model> {
    let u = ctx.user()?;
    if side_of(u) != Some(Side::School) && !(u.has_role(Role::Teacher) && crate::roles::is_school_kind(&u.org_kind)) {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    if !OFFER_KINDS.iter().any(|(k, _)| *k == input.kind) {
        errs.push(FieldError::new("对接方式", "请选择技术服务、人才培训或订单班培养"));
    }
    let detail = text("方案说明", &input.detail, 2000, true).map_err(|e| errs.push(e)).unwrap_or_default();
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let tx = db.begin().await?;
    let need = cn::Entity::find_by_id(need_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if need.status != "open" {
        return Err(AppError::Conflict("该需求已完成对接或已关闭".into()));
    }
    let m = co::ActiveModel {
        need_id: Set(need_id),
        org_id: Set(u.org_id),
        kind: Set(input.kind.clone()),
        detail: Set(detail),
        status: Set("offered".into()),
        created_by: Set(Some(u.id)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("offer", "coop_need", need_id, format!("响应需求“{}”：{}", need.title, label(&OFFER_KINDS, &m.kind))).after(&m)).await?;
    tx.commit().await?;
    Ok(m)
}

/// The enterprise accepts or declines an offer to its own entry; accepting matches the entry.
/// Either side then records the outcome (`done`).
pub async fn decide(db: &DatabaseConnection, ctx: &Ctx, offer_id: i64, action: &str, outcome: &str) -> AppResult<()> {
    let u = ctx.user()?;
    reader(ctx)?;
    let tx = db.begin().await?;
    let o = co::Entity::find_by_id(offer_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let need = cn::Entity::find_by_id(o.need_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let owner = need.org_id == u.org_id && side_of(u) == Some(Side::Enterprise);
    let party = owner || (o.org_id == u.org_id && side_of(u) == Some(Side::School));
    if !party {
        return Err(AppError::NotFound);
    }
    let mut am: co::ActiveModel = o.clone().into();
    let summary = match (action, o.status.as_str()) {
        ("accept", "offered") if owner => {
            let mut n: cn::ActiveModel = need.clone().into();
            n.status = Set("matched".into());
            n.update(&tx).await?;
            am.status = Set("accepted".into());
            "对接需求"
        }
        ("decline", "offered") if owner => {
            am.status = Set("declined".into());
            "未采纳响应"
        }
        ("done", "accepted") => {
            let t = text("对接成效", outcome, 500, true).map_err(|e| AppError::Validation(vec![e]))?;
            am.status = Set("done".into());
            am.outcome = Set(Some(t));
            "记录对接成效"
        }
        ("accept" | "decline", _) if !owner => return Err(AppError::Forbidden),
        ("accept" | "decline" | "done", _) => return Err(AppError::Conflict("该响应当前状态不能进行此操作".into())),
        _ => return Err(AppError::BadRequest("操作无效".into())),
    };
    let after = am.update(&tx).await?;
    audit::record(&tx, ctx, Entry::new(action, "coop_offer", offer_id, format!("{summary}：{}", need.title)).before(&o).after(&after)).await?;
    tx.commit().await?;
    Ok(())
}
