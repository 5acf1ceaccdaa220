//! Organisations: the district centre and departments (with the alias table that makes
//! 发展改革局 and 发展和改革局 one department), schools, enterprises, associations,
//! training institutions and base operators. Every query is scoped by the acting user.

pub mod api;
pub mod pages;

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{org_alias, organization};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{ORG_KINDS, Permission};
use crate::status::OrgStatus;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use zhijiao_domain::catalog::catalogs;
use zhijiao_domain::validate::CreditCode;

pub const SCHOOL_TYPES: [&str; 3] = ["中职", "技工", "高职"];

/// What a form, the API or a spreadsheet row supplies for an organisation.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct OrgInput {
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub short_name: Option<String>,
    /// 统一社会信用代码 (GB 32100-2015), required for enterprises.
    #[serde(default)]
    pub credit_code: Option<String>,
    /// GB/T 4754-2017 code (any level), required for enterprises.
    #[serde(default)]
    pub industry_code: Option<String>,
    /// 淄博 county code (6 digits).
    #[serde(default)]
    pub county_code: Option<String>,
    /// 淄博 street code (9 digits), within the county.
    #[serde(default)]
    pub street_code: Option<String>,
    /// 中职 / 技工 / 高职 for vocational schools.
    #[serde(default)]
    pub school_type: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub contact_name: Option<String>,
    #[serde(default)]
    pub contact_phone: Option<String>,
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

/// Check an organisation's fields against the catalogues and check digits; every
/// problem is reported at once, each naming its field.
pub fn validate(input: &OrgInput) -> Result<OrgInput, Vec<FieldError>> {
    let mut errs = Vec::new();
    let mut out = OrgInput {
        kind: input.kind.trim().to_string(),
        name: input.name.trim().to_string(),
        short_name: clean(&input.short_name),
        credit_code: clean(&input.credit_code).map(|c| c.to_uppercase()),
        industry_code: clean(&input.industry_code),
        county_code: clean(&input.county_code),
        street_code: clean(&input.street_code),
        school_type: clean(&input.school_type),
        address: clean(&input.address),
        contact_name: clean(&input.contact_name),
        contact_phone: clean(&input.contact_phone),
    };
    if !ORG_KINDS.contains(&out.kind.as_str()) {
        errs.push(FieldError::new("kind", format!("机构类型“{}”无效", out.kind)));
    }
    if out.name.is_empty() {
        errs.push(FieldError::new("name", "名称不能为空"));
    } else if out.name.chars().count() > 100 {
        errs.push(FieldError::new("name", "名称不能超过100个字"));
    }
    match &out.credit_code {
        Some(code) => {
            if let Err(e) = CreditCode::parse(code) {
                errs.push(FieldError::new("credit_code", format!("统一社会信用代码{e}")));
            }
        }
        None if out.kind == "enterprise" => errs.push(FieldError::new("credit_code", "企业须填写统一社会信用代码")),
        None => {}
    }
    match &out.industry_code {
        Some(code) if catalogs().industry(code).is_none() => {
            errs.push(FieldError::new("industry_code", format!("行业代码“{code}”不在 GB/T 4754-2017 中")))
        }
        None if out.kind == "enterprise" => errs.push(FieldError::new("industry_code", "企业须填写国民经济行业代码")),
        _ => {}
    }
    if let Some(code) = &out.county_code {
        if catalogs().division(code).is_none() {
            errs.push(FieldError::new("county_code", format!("区县代码“{code}”不是淄博市的区县")));
        }
    }
    if let Some(code) = &out.street_code {
        match catalogs().division(code) {
            None => errs.push(FieldError::new("street_code", format!("街道代码“{code}”不存在"))),
            Some(d) => {
                if out.county_code.is_none() {
                    out.county_code = d.parent_code.clone();
                } else if d.parent_code != out.county_code {
                    errs.push(FieldError::new("street_code", format!("街道“{}”不属于所填区县", d.name)));
                }
            }
        }
    }
    if out.kind == "vocational_school" {
        match &out.school_type {
            Some(t) if SCHOOL_TYPES.contains(&t.as_str()) => {}
            Some(t) => errs.push(FieldError::new("school_type", format!("办学类型“{t}”无效，应为 中职/技工/高职"))),
            None => errs.push(FieldError::new("school_type", "职业学校须填写办学类型（中职/技工/高职）")),
        }
    } else {
        out.school_type = None;
    }
    if let Some(p) = &out.contact_phone {
        if zhijiao_domain::validate::parse_mobile(p).is_err() && !p.chars().all(|c| c.is_ascii_digit() || c == '-') {
            errs.push(FieldError::new("contact_phone", "联系电话格式不正确"));
        }
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
}

/// The public face of an organisation plus, for those allowed, contact details.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgView {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub short_name: Option<String>,
    pub credit_code: Option<String>,
    pub industry_code: Option<String>,
    pub industry_name: Option<String>,
    pub county_code: Option<String>,
    pub county_name: Option<String>,
    pub street_code: Option<String>,
    pub street_name: Option<String>,
    pub school_type: Option<String>,
    pub address: Option<String>,
    pub contact_name: Option<String>,
    /// Masked unless the reader manages organisations or belongs to this one.
    pub contact_phone: Option<String>,
    pub status: String,
    pub is_demo: bool,
    pub aliases: Vec<String>,
}

fn view(m: organization::Model, aliases: Vec<String>, full_contact: bool) -> OrgView {
    let c = catalogs();
    OrgView {
        industry_name: m.industry_code.as_deref().and_then(|x| c.industry(x)).map(|i| i.name.clone()),
        county_name: m.county_code.as_deref().and_then(|x| c.division(x)).map(|d| d.name.clone()),
        street_name: m.street_code.as_deref().and_then(|x| c.division(x)).map(|d| d.name.clone()),
        contact_phone: m.contact_phone.map(|p| if full_contact { p } else { zhijiao_domain::validate::mask_mobile(&p) }),
        id: m.id,
        kind: m.kind,
        name: m.name,
        short_name: m.short_name,
        credit_code: m.credit_code,
        industry_code: m.industry_code,
        county_code: m.county_code,
        street_code: m.street_code,
        school_type: m.school_type,
        address: m.address,
        contact_name: m.contact_name,
        status: m.status,
        is_demo: m.is_demo,
        aliases,
    }
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct OrgFilter {
    pub kind: Option<String>,
    /// Part of the name or the credit code.
    pub q: Option<String>,
    pub status: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// Organisations the user may see in a list: everyone for district-wide readers.
pub async fn list(db: &DatabaseConnection, ctx: &Ctx, f: &OrgFilter) -> AppResult<(u64, Vec<OrgView>)> {
    ctx.require(Permission::OrgReadAll)?;
    let mut cond = Condition::all();
    if let Some(k) = f.kind.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(organization::Column::Kind.eq(k));
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(organization::Column::Status.eq(s));
    }
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        cond = cond.add(Condition::any().add(organization::Column::Name.contains(q)).add(organization::Column::CreditCode.eq(q)));
    }
    let paging = crate::web::Paging::new(f.page, f.per_page);
    let query = organization::Entity::find().filter(cond);
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(organization::Column::Kind)
        .order_by_asc(organization::Column::Id)
        .offset(paging.offset())
        .limit(paging.per_page)
        .all(db)
        .await?;
    let full = ctx.can(Permission::OrgManage);
    Ok((total, rows.into_iter().map(|m| view(m, Vec::new(), full)).collect()))
}

fn may_read(ctx: &Ctx, org_id: i64) -> AppResult<bool> {
    let u = ctx.user()?;
    Ok(u.can(Permission::OrgReadAll) || u.org_id == org_id)
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<OrgView> {
    if !may_read(ctx, id)? {
        return Err(AppError::Forbidden);
    }
    let m = organization::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let aliases = org_alias::Entity::find()
        .filter(org_alias::Column::OrgId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.alias)
        .collect();
    let own = ctx.user.as_ref().is_some_and(|u| u.org_id == id);
    Ok(view(m, aliases, own || ctx.can(Permission::OrgManage)))
}

/// Insert one validated organisation inside the caller's transaction (used by the form,
/// the API, the importer and the demo loader alike).
pub async fn insert<C: ConnectionTrait>(db: &C, ctx: &Ctx, o: &OrgInput, status: OrgStatus, is_demo: bool) -> AppResult<organization::Model> {
    let now = chrono::Utc::now();
    let m = organization::ActiveModel {
        kind: Set(o.kind.clone()),
        name: Set(o.name.clone()),
        short_name: Set(o.short_name.clone()),
        credit_code: Set(o.credit_code.clone()),
        industry_code: Set(o.industry_code.clone()),
        county_code: Set(o.county_code.clone()),
        street_code: Set(o.street_code.clone()),
        school_type: Set(o.school_type.clone()),
        address: Set(o.address.clone()),
        contact_name: Set(o.contact_name.clone()),
        contact_phone: Set(o.contact_phone.clone()),
        status: Set(status.to_string()),
        is_demo: Set(is_demo),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| AppError::on_unique(e, &format!("名称或统一社会信用代码已存在：{}", o.name)))?;
    audit::record(db, ctx, Entry::new("create", "organization", m.id, format!("新增机构 {}", m.name)).after(&m)).await?;
    Ok(m)
}

pub async fn create(db: &DatabaseConnection, ctx: &Ctx, input: &OrgInput) -> AppResult<OrgView> {
    ctx.require(Permission::OrgManage)?;
    let o = validate(input).map_err(AppError::Validation)?;
    let tx = db.begin().await?;
    let m = insert(&tx, ctx, &o, OrgStatus::Active, false).await?;
    tx.commit().await?;
    Ok(view(m, Vec::new(), true))
}

/// Edit an organisation: managers edit any; a school or enterprise edits its own
/// profile but cannot change its kind (its status is not part of the input).
pub async fn update(db: &DatabaseConnection, ctx: &Ctx, id: i64, input: &OrgInput) -> AppResult<OrgView> {
    let u = ctx.user()?;
    let manager = u.can(Permission::OrgManage);
    if !(manager || (u.can(Permission::OrgEditOwn) && u.org_id == id)) {
        return Err(AppError::Forbidden);
    }
    let tx = db.begin().await?;
    let before = organization::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    if !manager && input.kind != before.kind {
        return Err(AppError::Forbidden);
    }
    let o = validate(input).map_err(AppError::Validation)?;
    let mut am: organization::ActiveModel = before.clone().into();
    am.kind = Set(o.kind);
    am.name = Set(o.name);
    am.short_name = Set(o.short_name);
    am.credit_code = Set(o.credit_code);
    am.industry_code = Set(o.industry_code);
    am.county_code = Set(o.county_code);
    am.street_code = Set(o.street_code);
    am.school_type = Set(o.school_type);
    am.address = Set(o.address);
    am.contact_name = Set(o.contact_name);
    am.contact_phone = Set(o.contact_phone);
    am.updated_at = Set(chrono::Utc::now());
    let after = am.update(&tx).await.map_err(|e| AppError::on_unique(e, "名称或统一社会信用代码已存在"))?;
    audit::record(&tx, ctx, Entry::new("update", "organization", id, format!("修改机构 {}", after.name)).before(&before).after(&after))
        .await?;
    tx.commit().await?;
    Ok(view(after, Vec::new(), true))
}

/// Approve, suspend or reopen an organisation (an enterprise publishes nothing until approved).
pub async fn set_status(db: &DatabaseConnection, ctx: &Ctx, id: i64, status: &str) -> AppResult<()> {
    ctx.require(Permission::OrgManage)?;
    let Some(status) = OrgStatus::parse(status) else {
        return Err(AppError::BadRequest(format!("状态“{status}”无效")));
    };
    let tx = db.begin().await?;
    let before = organization::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let mut am: organization::ActiveModel = before.clone().into();
    am.status = Set(status.into());
    am.updated_at = Set(chrono::Utc::now());
    let after = am.update(&tx).await?;
    audit::record(
        &tx,
        ctx,
        Entry::new("set_status", "organization", id, format!("{} 状态 {} → {}", after.name, before.status, status))
            .before(&serde_json::json!({"status": before.status}))
            .after(&serde_json::json!({"status": status.as_str()})),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Normalise a department name as written in documents: full-width spaces and
/// brackets, surrounding whitespace.
pub fn normalise_name(s: &str) -> String {
    s.trim().replace(['\u{3000}', ' '], "").replace('(', "（").replace(')', "）")
}

/// Who creates organisations and edits their aliases: the district.
pub fn require_manage(ctx: &Ctx) -> AppResult<()> {
    ctx.require(Permission::OrgManage)?;
    Ok(())
}

pub async fn add_alias<C: ConnectionTrait>(db: &C, ctx: &Ctx, org_id: i64, alias: &str) -> AppResult<()> {
    if ctx.user.is_some() {
        ctx.require(Permission::OrgManage)?;
    }
    let alias = normalise_name(alias);
    if alias.is_empty() {
        return Err(AppError::Validation(vec![FieldError::new("alias", "别名不能为空")]));
    }
    org_alias::ActiveModel { org_id: Set(org_id), alias: Set(alias.clone()), ..Default::default() }
        .insert(db)
        .await
        .map_err(|e| AppError::on_unique(e, &format!("别名“{alias}”已被使用")))?;
    audit::record(db, ctx, Entry::new("add_alias", "organization", org_id, format!("新增别名 {alias}"))).await?;
    Ok(())
}

/// The department (or any organisation) a name refers to: its own name, short name
/// or a registered alias. Public knowledge, so no permission is needed.
pub async fn resolve<C: ConnectionTrait>(db: &C, name: &str) -> AppResult<Option<organization::Model>> {
    let n = normalise_name(name);
    if let Some(m) = organization::Entity::find()
        .filter(Condition::any().add(organization::Column::Name.eq(&n)).add(organization::Column::ShortName.eq(&n)))
        .one(db)
        .await?
    {
        return Ok(Some(m));
    }
    let Some(a) = org_alias::Entity::find().filter(org_alias::Column::Alias.eq(&n)).one(db).await? else {
        return Ok(None);
    };
    Ok(organization::Entity::find_by_id(a.org_id).one(db).await?)
}

/// Number of organisations per kind (home pages, KPIs).
pub async fn count_by_kind(db: &DatabaseConnection) -> AppResult<Vec<(String, u64)>> {
    let mut out = Vec::new();
    for k in ORG_KINDS {
        let n = organization::Entity::find().filter(organization::Column::Kind.eq(k)).count(db).await?;
        if n > 0 {
            out.push((k.to_string(), n));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enterprise() -> OrgInput {
        OrgInput {
            kind: "enterprise".into(),
            name: "示例新材料有限公司".into(),
            credit_code: Some("91370300164102778D".into()),
            industry_code: Some("2651".into()),
            county_code: Some("370303".into()),
            ..Default::default()
        }
    }

    #[test]
    fn validation_table() {
        assert!(validate(&enterprise()).is_ok());
        let cases: Vec<(OrgInput, &str)> = vec![
            (OrgInput { credit_code: Some("91370300164102778A".into()), ..enterprise() }, "credit_code"),
            (OrgInput { credit_code: None, ..enterprise() }, "credit_code"),
            (OrgInput { industry_code: Some("9999".into()), ..enterprise() }, "industry_code"),
            (OrgInput { county_code: Some("110101".into()), ..enterprise() }, "county_code"),
            (OrgInput { street_code: Some("370302001".into()), ..enterprise() }, "street_code"),
            (OrgInput { name: " ".into(), ..enterprise() }, "name"),
            (OrgInput { kind: "bank".into(), ..enterprise() }, "kind"),
            (OrgInput { kind: "vocational_school".into(), school_type: None, ..enterprise() }, "school_type"),
        ];
        for (input, field) in cases {
            let errs = validate(&input).expect_err(field);
            assert!(errs.iter().any(|e| e.field == field), "{field}: {errs:?}");
        }
    }

    #[test]
    fn street_fills_county() {
        let o = validate(&OrgInput { county_code: None, street_code: Some("370303001".into()), ..enterprise() }).unwrap();
        assert_eq!(o.county_code.as_deref(), Some("370303"));
    }

    #[test]
    fn names_normalise() {
        assert_eq!(normalise_name(" 人社中心 "), "人社中心");
        assert_eq!(normalise_name("高新区(自然资源)"), "高新区（自然资源）");
    }
}

/// Every name (official, short, alias) → the canonical organisation name, normalised;
/// what the policy parser resolves responsible units against.
pub async fn alias_map<C: ConnectionTrait>(db: &C) -> AppResult<std::collections::HashMap<String, String>> {
    let orgs = organization::Entity::find().all(db).await?;
    let aliases = org_alias::Entity::find().all(db).await?;
    let mut map = std::collections::HashMap::new();
    for o in &orgs {
        map.insert(normalise_name(&o.name), o.name.clone());
        if let Some(s) = &o.short_name {
            map.insert(normalise_name(s), o.name.clone());
        }
    }
    for a in aliases {
        if let Some(o) = orgs.iter().find(|o| o.id == a.org_id) {
            map.insert(normalise_name(&a.alias), o.name.clone());
        }
    }
    Ok(map)
}

/// Names of organisations by id, for lists that show a school or an employer per row
/// (one query for the page, not one per row).
pub async fn names<C: ConnectionTrait>(db: &C, ids: impl IntoIterator<Item = i64>) -> AppResult<std::collections::HashMap<i64, String>> {
    let ids: Vec<i64> = ids.into_iter().collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(organization::Entity::find()
        .filter(organization::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}
