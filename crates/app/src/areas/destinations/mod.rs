//! 毕业去向 (graduate destinations) and employment rates — seed measure (十三)
//! "落实职业学校毕业生 … 同等待遇" needs to know where graduates went.
//!
//! One record per graduate, graduation year and snapshot (8/31 初次, 12/31 年终), coded
//! with the Ministry's 毕业去向代码 and carrying the employer, the occupation (大典) and two
//! derived flags: 专业对口 (`zhijiao_domain::employment::is_major_aligned`) and 区内就业
//! (employer in 四宝山街道 / 中埠镇, the zone's streets). Rates are computed by
//! `RateSet::from_outcomes`; the formulas and their sources are in `METRICS` and shown on
//! the page. Records come from a form, an Excel import, or a hire on the platform
//! ([`record_from_hire`]).

pub mod api;
pub mod pages;

use crate::areas::report::rollup::{self, DestinationFields};
use crate::areas::students;
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{graduate_destination as gd, organization, student};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::Permission;
use crate::xlsx::Column;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use zhijiao_domain::catalog::{DivisionLevel, MajorLevel, catalogs};
use zhijiao_domain::codes::tables;
use zhijiao_domain::employment::{
    DestinationClass, EmploymentKind, GraduateOutcome, RateSet, Snapshot, all_destinations, classify, is_major_aligned,
    snapshot_date,
};
use zhijiao_domain::validate::{CreditCode, mask_middle};

/// The zone's streets (统计用区划代码): 四宝山街道 and 中埠镇 of 张店区.
pub const ZONE_STREETS: [&str; 2] = ["370303008", "370303105"];
/// 淄博市 prefix of county codes.
pub const CITY_PREFIX: &str = zhijiao_domain::employment::ZIBO_CITY_PREFIX;

/// The import template's columns, in order.
pub const COLUMNS: [Column; 10] = [
    Column { key: "student_no", header: "学号", required: true, help: "须是本校学生名册中的学号" },
    Column { key: "name", header: "姓名", required: true, help: "与学生名册一致" },
    Column { key: "graduation_year", header: "毕业年份", required: true, help: "如 2026" },
    Column { key: "snapshot", header: "统计时点", required: false, help: "初次（截至8月31日）/ 年终（截至12月31日），默认 初次" },
    Column { key: "destination", header: "毕业去向", required: true, help: "教育部毕业去向代码或名称，如 11 / 签劳动合同形式就业、80 / 境内升学、70 / 待就业（见“毕业去向代码”表）" },
    Column { key: "employer_name", header: "就业单位", required: false, help: "签就业协议、签劳动合同就业时必填（或填统一社会信用代码）" },
    Column { key: "credit_code", header: "统一社会信用代码", required: false, help: "选填，18位；平台上已有的单位自动关联" },
    Column { key: "occupation", header: "职业代码", required: false, help: "《职业分类大典（2022年版）》代码，如 6-31-01-03；用于判定专业对口" },
    Column { key: "county", header: "单位所在区县", required: false, help: "6位区划代码（外市单位也填代码），或淄博市区县名称" },
    Column { key: "street", header: "单位所在街道", required: false, help: "淄博市9位乡镇街道代码或名称，如 370303008 四宝山街道" },
];

pub fn snapshot_key(s: Snapshot) -> &'static str {
    match s {
        Snapshot::Initial => "initial",
        Snapshot::YearEnd => "year_end",
    }
}

pub fn snapshot_label(key: &str) -> &'static str {
    match key {
        "year_end" => "年终（12月31日）",
        _ => "初次（8月31日）",
    }
}

/// 初次 / 年终 as typed in a sheet or a form; empty means 初次.
pub fn parse_snapshot(s: &str) -> Option<Snapshot> {
    match s.trim() {
        "" | "initial" | "初次" | "初次就业" | "8月31日" | "08-31" | "8/31" => Some(Snapshot::Initial),
        "year_end" | "年终" | "年底" | "年终就业" | "12月31日" | "12-31" | "12/31" => Some(Snapshot::YearEnd),
        _ => None,
    }
}

fn class_label(c: DestinationClass) -> &'static str {
    match c {
        DestinationClass::Employed { kind: EmploymentKind::Contract } => "协议和合同就业",
        DestinationClass::Employed { kind: EmploymentKind::SelfEmployed } => "自主创业",
        DestinationClass::Employed { kind: EmploymentKind::Flexible } => "灵活就业",
        DestinationClass::FurtherStudy { abroad: false } => "升学",
        DestinationClass::FurtherStudy { abroad: true } => "出国（境）升学",
        DestinationClass::Unemployed => "待就业",
        DestinationClass::NotSeeking => "暂不就业",
        DestinationClass::Unknown => "未知",
    }
}

fn empty_as_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum V {
        N(i64),
        S(String),
    }
    match Option::<V>::deserialize(d)? {
        None => Ok(None),
        Some(V::N(n)) => Ok(Some(n)),
        Some(V::S(s)) if s.trim().is_empty() => Ok(None),
        Some(V::S(s)) => s.trim().parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// A destination as a form, the API or a spreadsheet row gives it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct DestinationInput {
    /// The school (district administrators); a school's own users leave it out.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[schema(value_type = Option<i64>)]
    pub org_id: Option<i64>,
    /// 学号 in the school's register.
    #[serde(default)]
    pub student_no: String,
    /// 姓名, checked against the register when given.
    #[serde(default)]
    pub name: Option<String>,
    /// e.g. "2026".
    #[serde(default)]
    pub graduation_year: String,
    /// 初次 / 年终 (or initial / year_end); default 初次.
    #[serde(default)]
    pub snapshot: String,
    /// 毕业去向代码 or its name.
    #[serde(default)]
    pub destination: String,
    #[serde(default)]
    pub employer_name: Option<String>,
    /// 统一社会信用代码 of the employer; links to a platform organisation.
    #[serde(default)]
    pub credit_code: Option<String>,
    /// 职业分类大典 code.
    #[serde(default)]
    pub occupation_code: Option<String>,
    #[serde(default)]
    pub county: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

/// A destination whose fields passed the table checks (no database yet).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub student_no: String,
    pub name: Option<String>,
    pub graduation_year: i32,
    pub snapshot: Snapshot,
    /// The canonical 毕业去向代码.
    pub destination_code: String,
    pub class: DestinationClass,
    pub employer_name: Option<String>,
    pub credit_code: Option<String>,
    pub occupation_code: Option<String>,
    pub county_code: Option<String>,
    pub street_code: Option<String>,
}

fn header(key: &str) -> &'static str {
    COLUMNS.iter().find(|c| c.key == key).map(|c| c.header).unwrap_or("?")
}

fn division_by(code_or_name: &str, level: DivisionLevel) -> Option<&'static zhijiao_domain::catalog::Division> {
    let c = catalogs();
    c.division(code_or_name)
        .filter(|d| d.level == level)
        .or_else(|| c.divisions.iter().find(|d| d.level == level && d.name == code_or_name))
}

/// Check one destination against the code tables and catalogues (pure). Every problem is
/// reported at once, each naming its column header.
pub fn check(input: &DestinationInput) -> Result<Checked, Vec<FieldError>> {
    let mut errs = Vec::new();
    let mut err = |key: &str, msg: String| errs.push(FieldError::new(header(key), msg));
    let student_no = input.student_no.trim().to_string();
    if student_no.is_empty() {
        err("student_no", "不能为空".into());
    }
    let name = clean(&input.name);
    let y = input.graduation_year.trim();
    let graduation_year = match y.trim_end_matches('年').parse::<i32>() {
        Ok(n) if (2000..=2100).contains(&n) => n,
        _ if y.is_empty() => {
            err("graduation_year", "不能为空".into());
            0
        }
        _ => {
            err("graduation_year", format!("“{y}”不是有效年份，应为如 2026"));
            0
        }
    };
    let snapshot = parse_snapshot(&input.snapshot).unwrap_or_else(|| {
        err("snapshot", format!("“{}”无效，应为 初次 或 年终", input.snapshot.trim()));
        Snapshot::Initial
    });
    let d = input.destination.trim();
    let (destination_code, class) = match tables().destination.lookup(d) {
        Some(c) => (c.code.clone(), classify(&c.code)),
        None => {
            if d.is_empty() {
                err("destination", "不能为空".into());
            } else {
                err("destination", format!("“{d}”不是教育部毕业去向代码（如 11 签劳动合同形式就业、80 境内升学、70 待就业）"));
            }
            (String::new(), DestinationClass::Unknown)
        }
    };
    let employer_name = clean(&input.employer_name);
    let credit_code = match clean(&input.credit_code) {
        None => None,
        Some(c) => match CreditCode::parse(&c) {
            Ok(cc) => Some(cc.as_str().to_string()),
            Err(e) => {
                err("credit_code", format!("统一社会信用代码{e}"));
                None
            }
        },
    };
    let occupation_code = match clean(&input.occupation_code) {
        None => None,
        Some(o) => {
            if catalogs().occupation(&o).is_none() {
                err("occupation", format!("“{o}”不在《职业分类大典（2022年版）》中"));
            }
            Some(o)
        }
    };
    let mut county_code = match clean(&input.county) {
        None => None,
        Some(v) => {
            if v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit()) {
                if v.starts_with(CITY_PREFIX) && catalogs().division(&v).is_none() {
                    err("county", format!("“{v}”不是淄博市的区县代码"));
                }
                Some(v)
            } else if let Some(dv) = division_by(&v, DivisionLevel::County) {
                Some(dv.code.clone())
            } else {
                err("county", format!("“{v}”不是6位区县代码，也不是淄博市区县名称"));
                None
            }
        }
    };
    let street_code = match clean(&input.street) {
        None => None,
        Some(v) => match division_by(&v, DivisionLevel::Street) {
            Some(dv) => {
                match &county_code {
                    None => county_code = dv.parent_code.clone(),
                    Some(cc) if dv.parent_code.as_deref() != Some(cc.as_str()) => {
                        err("street", format!("街道“{}”不属于所填区县", dv.name));
                    }
                    _ => {}
                }
                Some(dv.code.clone())
            }
            None => {
                err("street", format!("“{v}”不是淄博市的乡镇街道（外市单位只填区县代码）"));
                None
            }
        },
    };
    if matches!(class, DestinationClass::Employed { kind: EmploymentKind::Contract })
        && !matches!(destination_code.as_str(), "46")
        && employer_name.is_none()
        && credit_code.is_none()
    {
        err("employer_name", "签就业协议、签劳动合同等就业须填写就业单位".into());
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Checked {
        student_no,
        name,
        graduation_year,
        snapshot,
        destination_code,
        class,
        employer_name,
        credit_code,
        occupation_code,
        county_code,
        street_code,
    })
}

/// What the derivation needs of a graduate.
#[derive(Debug, Clone)]
pub struct Graduate {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
    pub major_level: String,
    pub major_code: String,
}

impl From<&student::Model> for Graduate {
    fn from(s: &student::Model) -> Self {
        Graduate { id: s.id, org_id: s.org_id, name: s.name.clone(), major_level: s.major_level.clone(), major_code: s.major_code.clone() }
    }
}

/// What the derivation needs of an employer registered on the platform.
#[derive(Debug, Clone)]
pub struct Employer {
    pub id: i64,
    pub name: String,
    pub county_code: Option<String>,
    pub street_code: Option<String>,
}

impl From<&organization::Model> for Employer {
    fn from(o: &organization::Model) -> Self {
        Employer { id: o.id, name: o.name.clone(), county_code: o.county_code.clone(), street_code: o.street_code.clone() }
    }
}

/// The row to store, with the derived flags: 区内 when the employer's street (given, or the
/// linked organisation's) is one of [`ZONE_STREETS`]; 专业对口 by `is_major_aligned`. Both
/// only for the directly employed.
pub fn to_active_model(
    c: &Checked,
    g: &Graduate,
    employer: Option<&Employer>,
    source: &str,
    recorded_by: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> gd::ActiveModel {
    let employed = c.class.is_employed();
    let street = c.street_code.clone().or_else(|| employer.and_then(|e| e.street_code.clone()));
    let county = c.county_code.clone().or_else(|| employer.and_then(|e| e.county_code.clone()));
    let in_zone = employed && street.as_deref().is_some_and(|s| ZONE_STREETS.contains(&s));
    let level = MajorLevel::parse(&g.major_level).unwrap_or(MajorLevel::Secondary);
    let major_aligned = employed && c.occupation_code.as_deref().is_some_and(|o| is_major_aligned(level, &g.major_code, o));
    gd::ActiveModel {
        student_id: Set(g.id),
        org_id: Set(g.org_id),
        graduation_year: Set(c.graduation_year),
        snapshot: Set(snapshot_key(c.snapshot).into()),
        major_level: Set(g.major_level.clone()),
        major_code: Set(g.major_code.clone()),
        destination_code: Set(c.destination_code.clone()),
        employer_org_id: Set(employer.map(|e| e.id)),
        employer_name: Set(c.employer_name.clone().or_else(|| employer.map(|e| e.name.clone()))),
        occupation_code: Set(c.occupation_code.clone()),
        employer_county_code: Set(county),
        employer_street_code: Set(street),
        in_zone: Set(in_zone),
        major_aligned: Set(major_aligned),
        source: Set(source.into()),
        recorded_by: Set(recorded_by),
        recorded_at: Set(now),
        ..Default::default()
    }
}

/// The organisation registered under a credit code, if any.
async fn employer_by_credit_code<C: ConnectionTrait>(db: &C, code: &str) -> AppResult<Option<Employer>> {
    Ok(organization::Entity::find().filter(organization::Column::CreditCode.eq(code)).one(db).await?.as_ref().map(Employer::from))
}

// ---------------------------------------------------------------------------------------
// Scope

// Graduates are read in the same scope as the student register, masked alike.
use crate::areas::students::{read_scope, unmasked_for};

/// Whether the user may record destinations for a school's graduates.
/// Who records destinations at all: a school's staff for its graduates, the district.
pub fn require_writer(ctx: &Ctx) -> AppResult<()> {
    ctx.require(Permission::StudentWriteOwn)?;
    Ok(())
}

pub fn may_write(ctx: &Ctx, org_id: i64) -> bool {
    ctx.user.as_ref().is_some_and(|u| u.can(Permission::OrgManage) || (u.can(Permission::StudentWriteOwn) && u.org_id == org_id))
}

// ---------------------------------------------------------------------------------------
// Record and edit

/// Record (or replace) one graduate's destination for a year and snapshot; with `id`,
/// edit that record. School administrators write their own school's graduates; district
/// administrators any school's (naming it).
pub async fn save(db: &DatabaseConnection, ctx: &Ctx, id: Option<i64>, input: &DestinationInput) -> AppResult<gd::Model> {
    ctx.user()?;
    let existing = match id {
        Some(id) => {
            let m = gd::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            if read_scope(ctx)?.is_some_and(|own| own != m.org_id) {
                return Err(AppError::NotFound);
            }
            if !may_write(ctx, m.org_id) {
                return Err(AppError::Forbidden);
            }
            Some(m)
        }
        None => None,
    };
    let requested = existing.as_ref().map(|m| m.org_id).or(input.org_id);
    let school = students::import_target(db, ctx, requested).await?;
    let c = check(input).map_err(AppError::Validation)?;
    let st = student::Entity::find()
        .filter(student::Column::OrgId.eq(school.id))
        .filter(student::Column::StudentNo.eq(&c.student_no))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Validation(vec![FieldError::new("学号", format!("“{}”不在{}的学生名册中", c.student_no, school.name))]))?;
    if c.name.as_deref().is_some_and(|n| n != st.name) {
        return Err(AppError::Validation(vec![FieldError::new("姓名", format!("与学生名册中学号 {} 的姓名不一致", c.student_no))]));
    }
    let tx = db.begin().await?;
    let employer = match &c.credit_code {
        Some(code) => employer_by_credit_code(&tx, code).await?,
        None => None,
    };
    let mut am = to_active_model(&c, &Graduate::from(&st), employer.as_ref(), "form", ctx.user_id(), chrono::Utc::now());
    let same_key = gd::Entity::find()
        .filter(gd::Column::StudentId.eq(st.id))
        .filter(gd::Column::GraduationYear.eq(c.graduation_year))
        .filter(gd::Column::Snapshot.eq(snapshot_key(c.snapshot)))
        .one(&tx)
        .await?;
    let before = match (&existing, same_key) {
        (Some(e), Some(k)) if k.id != e.id => {
            return Err(AppError::Conflict(format!("{} {} 年{}的去向已有记录", st.name, c.graduation_year, snapshot_label(&k.snapshot))));
        }
        (Some(e), _) => Some(e.clone()),
        (None, k) => k,
    };
    let after = match &before {
        Some(b) => {
            am.id = Set(b.id);
            am.update(&tx).await?
        }
        None => am.insert(&tx).await.map_err(|e| AppError::on_unique(e, "该毕业生本年度本统计时点的去向已有记录"))?,
    };
    let replaced: Vec<DestinationFields> = before.iter().map(DestinationFields::from).collect();
    rollup::destinations_changed(&tx, &replaced, &[DestinationFields::from(&after)]).await?;
    let name = tables().destination.name_of(&after.destination_code).unwrap_or("").to_string();
    let mut entry = Entry::new(
        if before.is_some() { "update" } else { "create" },
        "graduate_destination",
        after.id,
        format!("{} {} {} 毕业去向：{} {}", school.name, st.name, after.graduation_year, after.destination_code, name),
    )
    .after(&after);
    if let Some(b) = &before {
        entry = entry.before(b);
    }
    audit::record(&tx, ctx, entry).await?;
    tx.commit().await?;
    Ok(after)
}

/// A hire made on the platform, as the posting/hire flow reports it.
#[derive(Debug, Clone)]
pub struct Hire {
    pub student_id: i64,
    pub employer_org_id: i64,
    /// 大典 code of the post, if known.
    pub occupation_code: Option<String>,
    pub hired_on: NaiveDate,
    /// 毕业去向代码; default 11 签劳动合同形式就业.
    pub destination_code: Option<String>,
}

/// Record the destination a hire on the platform gives a graduate (source `platform_hire`),
/// for every snapshot of the graduation year whose cut-off (8/31, 12/31) is on or after
/// the hire date. A snapshot that already holds a placed destination recorded by the
/// school (form or import) is left alone: the school's statement wins. Returns the
/// records written. The caller (the hire flow) has already authorised the hire; this
/// runs inside its transaction.
pub async fn record_from_hire<C: ConnectionTrait>(db: &C, ctx: &Ctx, hire: &Hire) -> AppResult<Vec<gd::Model>> {
    let st = student::Entity::find_by_id(hire.student_id).one(db).await?.ok_or(AppError::NotFound)?;
    let year = st.graduation_year.ok_or_else(|| AppError::BadRequest(format!("学生 {} 没有毕业年份", st.name)))?;
    let org = organization::Entity::find_by_id(hire.employer_org_id).one(db).await?.ok_or(AppError::NotFound)?;
    let employer = Employer::from(&org);
    let mut out = Vec::new();
    for snap in [Snapshot::Initial, Snapshot::YearEnd] {
        if hire.hired_on > snapshot_date(year, snap) {
            continue;
        }
        let input = DestinationInput {
            student_no: st.student_no.clone(),
            graduation_year: year.to_string(),
            snapshot: snapshot_key(snap).into(),
            destination: hire.destination_code.clone().unwrap_or_else(|| "11".into()),
            employer_name: Some(org.name.clone()),
            occupation_code: hire.occupation_code.clone(),
            ..Default::default()
        };
        let c = check(&input).map_err(AppError::Validation)?;
        let existing = gd::Entity::find()
            .filter(gd::Column::StudentId.eq(st.id))
            .filter(gd::Column::GraduationYear.eq(year))
            .filter(gd::Column::Snapshot.eq(snapshot_key(snap)))
            .one(db)
            .await?;
        if existing.as_ref().is_some_and(|e| e.source != "platform_hire" && classify(&e.destination_code).is_placed()) {
            continue;
        }
        let mut am = to_active_model(&c, &Graduate::from(&st), Some(&employer), "platform_hire", ctx.user_id(), chrono::Utc::now());
        let m = match &existing {
            Some(e) => {
                am.id = Set(e.id);
                am.update(db).await?
            }
            None => am.insert(db).await?,
        };
        let replaced: Vec<DestinationFields> = existing.iter().map(DestinationFields::from).collect();
        rollup::destinations_changed(db, &replaced, &[DestinationFields::from(&m)]).await?;
        audit::record(
            db,
            ctx,
            Entry::new("hire", "graduate_destination", m.id, format!("平台录用：{} → {}（{}）", st.name, org.name, snapshot_label(&m.snapshot)))
                .after(&m),
        )
        .await?;
        out.push(m);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Import

/// The importer's state for one school: its register by 学号, employers by credit code,
/// and the records already there (an import replaces a graduate's record for the same
/// year and snapshot).
pub struct ImportState {
    pub org_id: i64,
    graduates: HashMap<String, Graduate>,
    employers: HashMap<String, Employer>,
    existing: HashMap<(i64, i32, String), i64>,
    seen: HashSet<(i64, i32, String)>,
    replace: Vec<i64>,
    batch: Vec<gd::ActiveModel>,
    recorded_by: Option<i64>,
}

impl ImportState {
    pub async fn load<C: ConnectionTrait>(db: &C, ctx: &Ctx, org_id: i64) -> AppResult<Self> {
        let graduates = student::Entity::find()
            .filter(student::Column::OrgId.eq(org_id))
            .all(db)
            .await?
            .iter()
            .map(|s| (s.student_no.clone(), Graduate::from(s)))
            .collect();
        let employers = organization::Entity::find()
            .filter(organization::Column::CreditCode.is_not_null())
            .all(db)
            .await?
            .iter()
            .filter_map(|o| o.credit_code.clone().map(|c| (c, Employer::from(o))))
            .collect();
        let existing = gd::Entity::find()
            .select_only()
            .column(gd::Column::StudentId)
            .column(gd::Column::GraduationYear)
            .column(gd::Column::Snapshot)
            .column(gd::Column::Id)
            .filter(gd::Column::OrgId.eq(org_id))
            .into_tuple::<(i64, i32, String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(s, y, k, id)| ((s, y, k), id))
            .collect();
        Ok(ImportState {
            org_id,
            graduates,
            employers,
            existing,
            seen: HashSet::new(),
            replace: Vec::new(),
            batch: Vec::new(),
            recorded_by: ctx.user_id(),
        })
    }

    /// Validate one row; with `keep`, queue it for writing.
    pub fn row(&mut self, raw: &students::RawRow<'_>, keep: bool, now: chrono::DateTime<chrono::Utc>) -> Result<(), Vec<FieldError>> {
        let get = |k: &str| raw.iter().find(|(key, _)| *key == k).map(|(_, v)| v.trim().to_string()).filter(|s| !s.is_empty());
        let input = DestinationInput {
            org_id: None,
            student_no: get("student_no").unwrap_or_default(),
            name: get("name"),
            graduation_year: get("graduation_year").unwrap_or_default(),
            snapshot: get("snapshot").unwrap_or_default(),
            destination: get("destination").unwrap_or_default(),
            employer_name: get("employer_name"),
            credit_code: get("credit_code"),
            occupation_code: get("occupation"),
            county: get("county"),
            street: get("street"),
        };
        let checked = check(&input);
        let mut errs = Vec::new();
        let graduate = match self.graduates.get(input.student_no.trim()) {
            Some(g) => {
                if input.name.as_deref().is_some_and(|n| n.trim() != g.name) {
                    errs.push(FieldError::new("姓名", format!("与学生名册中学号 {} 的姓名不一致", input.student_no.trim())));
                }
                Some(g)
            }
            None if input.student_no.trim().is_empty() => None,
            None => {
                errs.push(FieldError::new("学号", format!("“{}”不在本校学生名册中", input.student_no.trim())));
                None
            }
        };
        let c = match checked {
            Ok(c) => c,
            Err(mut e) => {
                e.append(&mut errs);
                return Err(e);
            }
        };
        let Some(g) = graduate else { return Err(errs) };
        if !errs.is_empty() {
            return Err(errs);
        }
        let key = (g.id, c.graduation_year, snapshot_key(c.snapshot).to_string());
        if !self.seen.insert(key.clone()) {
            return Err(vec![FieldError::new("学号", "同一毕业生、年份和统计时点在文件中重复")]);
        }
        if keep {
            if let Some(id) = self.existing.get(&key) {
                self.replace.push(*id);
            }
            let employer = c.credit_code.as_ref().and_then(|code| self.employers.get(code));
            self.batch.push(to_active_model(&c, g, employer, "import", self.recorded_by, now));
        }
        Ok(())
    }

    pub fn pending(&self) -> usize {
        self.batch.len()
    }

    /// Write the queued rows (replaced records first). Returns how many were written.
    pub async fn flush<C: ConnectionTrait>(&mut self, db: &C) -> AppResult<u64> {
        // The report's supply rollup follows in the same transaction: minus the replaced
        // records, plus the new ones.
        let mut replaced = Vec::new();
        if !self.replace.is_empty() {
            let ids = std::mem::take(&mut self.replace);
            for chunk in ids.chunks(5000) {
                replaced.extend(gd::Entity::find().filter(gd::Column::Id.is_in(chunk.to_vec())).all(db).await?.iter().map(DestinationFields::from));
            }
            for chunk in ids.chunks(5000) {
                gd::Entity::delete_many().filter(gd::Column::Id.is_in(chunk.to_vec())).exec(db).await?;
            }
        }
        let n = self.batch.len() as u64;
        let added: Vec<DestinationFields> = self.batch.iter().filter_map(DestinationFields::from_active).collect();
        if n > 0 {
            gd::Entity::insert_many(std::mem::take(&mut self.batch)).exec(db).await?;
        }
        rollup::destinations_changed(db, &replaced, &added).await?;
        Ok(n)
    }
}

/// The template's code sheets: 毕业去向代码 and the zone's districts.
pub fn template_code_sheets() -> Vec<(&'static str, Vec<(String, String)>)> {
    vec![
        (
            "毕业去向代码",
            all_destinations().into_iter().map(|(c, n, class)| (c.to_string(), format!("{n}（{}）", class_label(class)))).collect(),
        ),
        ("区县街道代码", catalogs().divisions.iter().map(|d| (d.code.clone(), d.name.clone())).collect()),
    ]
}

// ---------------------------------------------------------------------------------------
// Read

/// A destination as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DestinationView {
    pub id: i64,
    pub student_id: i64,
    pub org_id: i64,
    pub school_name: String,
    pub student_no: String,
    pub student_name: String,
    /// Masked except for the administrators of the graduate's own school.
    pub id_number: String,
    pub major_code: String,
    pub major_name: String,
    pub graduation_year: i32,
    pub snapshot: String,
    pub destination_code: String,
    pub destination_name: String,
    /// 协议和合同就业 / 自主创业 / 灵活就业 / 升学 / 待就业 / 暂不就业.
    pub destination_class: String,
    pub employer_org_id: Option<i64>,
    pub employer_name: Option<String>,
    pub occupation_code: Option<String>,
    pub occupation_name: Option<String>,
    pub employer_county_code: Option<String>,
    pub employer_street_code: Option<String>,
    /// Employer's place, by name where known.
    pub employer_place: String,
    pub in_zone: bool,
    pub major_aligned: bool,
    pub source: String,
    pub recorded_at: String,
    pub editable: bool,
}

/// Which rows stand behind a figure of the rates page.
pub const CLASSES: [&str; 9] = ["employed", "further_study", "placed", "aligned", "in_zone", "in_city", "unemployed", "not_seeking", "unknown"];

#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::IntoParams)]
pub struct DestinationFilter {
    /// School (district-wide readers only).
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<i64>)]
    pub org_id: Option<i64>,
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<i64>)]
    pub year: Option<i64>,
    /// initial | year_end
    pub snapshot: Option<String>,
    pub major_code: Option<String>,
    /// employed | further_study | placed | aligned | in_zone | in_city | unemployed | not_seeking | unknown
    pub class: Option<String>,
    /// Name or 学号.
    pub q: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

fn codes_where(pred: impl Fn(DestinationClass) -> bool) -> Vec<String> {
    all_destinations().into_iter().filter(|(_, _, c)| pred(*c)).map(|(c, _, _)| c.to_string()).collect()
}

fn condition(scope: Option<i64>, f: &DestinationFilter) -> AppResult<Condition> {
    let mut cond = Condition::all();
    match (scope, f.org_id) {
        (Some(own), _) => cond = cond.add(gd::Column::OrgId.eq(own)),
        (None, Some(org)) => cond = cond.add(gd::Column::OrgId.eq(org)),
        (None, None) => {}
    }
    if let Some(y) = f.year {
        cond = cond.add(gd::Column::GraduationYear.eq(y as i32));
    }
    if let Some(s) = f.snapshot.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(gd::Column::Snapshot.eq(s));
    }
    if let Some(m) = f.major_code.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(gd::Column::MajorCode.eq(m));
    }
    let employed = || gd::Column::DestinationCode.is_in(codes_where(DestinationClass::is_employed));
    match f.class.as_deref().unwrap_or("") {
        "" | "all" => {}
        "employed" => cond = cond.add(employed()),
        "further_study" => {
            cond = cond.add(gd::Column::DestinationCode.is_in(codes_where(|c| matches!(c, DestinationClass::FurtherStudy { .. }))))
        }
        "placed" => cond = cond.add(gd::Column::DestinationCode.is_in(codes_where(DestinationClass::is_placed))),
        "aligned" => cond = cond.add(employed()).add(gd::Column::MajorAligned.eq(true)),
        "in_zone" => cond = cond.add(employed()).add(gd::Column::InZone.eq(true)),
        "in_city" => cond = cond.add(employed()).add(gd::Column::EmployerCountyCode.starts_with(CITY_PREFIX)),
        "unemployed" => cond = cond.add(gd::Column::DestinationCode.is_in(codes_where(|c| c == DestinationClass::Unemployed))),
        "not_seeking" => cond = cond.add(gd::Column::DestinationCode.is_in(codes_where(|c| c == DestinationClass::NotSeeking))),
        "unknown" => {
            cond = cond.add(gd::Column::DestinationCode.is_not_in(codes_where(|c| c != DestinationClass::Unknown)))
        }
        other => return Err(AppError::BadRequest(format!("分类“{other}”无效"))),
    }
    Ok(cond)
}

fn place(county: Option<&str>, street: Option<&str>) -> String {
    let c = catalogs();
    let name = |code: Option<&str>| code.map(|x| c.division(x).map(|d| d.name.clone()).unwrap_or_else(|| x.to_string()));
    [name(county), name(street)].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// The records a filter selects within the user's reach, the name or 学号 search included.
async fn filtered(db: &DatabaseConnection, ctx: &Ctx, f: &DestinationFilter) -> AppResult<Condition> {
    let scope = read_scope(ctx)?;
    let mut cond = condition(scope, f)?;
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let ids: Vec<i64> = student::Entity::find()
            .select_only()
            .column(student::Column::Id)
            .filter(Condition::any().add(student::Column::Name.contains(q)).add(student::Column::StudentNo.eq(q)))
            .into_tuple()
            .all(db)
            .await?;
        cond = cond.add(gd::Column::StudentId.is_in(ids));
    }
    Ok(cond)
}

pub async fn list(db: &DatabaseConnection, ctx: &Ctx, f: &DestinationFilter) -> AppResult<(u64, Vec<DestinationView>)> {
    let paging = crate::web::Paging::new(f.page, f.per_page);
    let query = gd::Entity::find().filter(filtered(db, ctx, f).await?);
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(gd::Column::GraduationYear)
        .order_by_asc(gd::Column::OrgId)
        .order_by_asc(gd::Column::StudentId)
        .order_by_asc(gd::Column::Snapshot)
        .offset(paging.offset())
        .limit(paging.per_page)
        .all(db)
        .await?;
    Ok((total, views(db, ctx, rows).await?))
}

/// The next batch of the filtered records after record `after` (keyset order by id), for
/// the export.
pub async fn batch_after(db: &DatabaseConnection, ctx: &Ctx, f: &DestinationFilter, after: Option<i64>) -> AppResult<Vec<DestinationView>> {
    let mut cond = filtered(db, ctx, f).await?;
    if let Some(after) = after {
        cond = cond.add(gd::Column::Id.gt(after));
    }
    let rows = gd::Entity::find().filter(cond).order_by_asc(gd::Column::Id).limit(crate::export::BATCH).all(db).await?;
    views(db, ctx, rows).await
}

async fn views(db: &DatabaseConnection, ctx: &Ctx, rows: Vec<gd::Model>) -> AppResult<Vec<DestinationView>> {
    let names = crate::areas::orgs::names(db, rows.iter().map(|r| r.org_id)).await?;
    let sids: Vec<i64> = rows.iter().map(|r| r.student_id).collect();
    let studs: HashMap<i64, student::Model> = if sids.is_empty() {
        HashMap::new()
    } else {
        student::Entity::find().filter(student::Column::Id.is_in(sids)).all(db).await?.into_iter().map(|s| (s.id, s)).collect()
    };
    let c = catalogs();
    Ok(rows
        .into_iter()
        .map(|m| {
            let s = studs.get(&m.student_id);
            let unmasked = unmasked_for(ctx, m.org_id);
            let level = MajorLevel::parse(&m.major_level).unwrap_or(MajorLevel::Secondary);
            DestinationView {
                id: m.id,
                student_id: m.student_id,
                org_id: m.org_id,
                school_name: names.get(&m.org_id).cloned().unwrap_or_default(),
                student_no: s.map(|s| s.student_no.clone()).unwrap_or_default(),
                student_name: s.map(|s| s.name.clone()).unwrap_or_default(),
                id_number: s.map(|s| if unmasked { s.id_number.clone() } else { mask_middle(&s.id_number, 6, 4) }).unwrap_or_default(),
                major_name: c.major(level, &m.major_code).map(|x| x.name.clone()).unwrap_or_default(),
                major_code: m.major_code,
                graduation_year: m.graduation_year,
                snapshot: m.snapshot,
                destination_name: tables().destination.name_of(&m.destination_code).unwrap_or("").to_string(),
                destination_class: class_label(classify(&m.destination_code)).to_string(),
                destination_code: m.destination_code,
                employer_org_id: m.employer_org_id,
                employer_name: m.employer_name,
                occupation_name: m.occupation_code.as_deref().and_then(|o| c.occupation(o)).map(|o| o.name.clone()),
                occupation_code: m.occupation_code,
                employer_place: place(m.employer_county_code.as_deref(), m.employer_street_code.as_deref()),
                employer_county_code: m.employer_county_code,
                employer_street_code: m.employer_street_code,
                in_zone: m.in_zone,
                major_aligned: m.major_aligned,
                source: m.source,
                recorded_at: (m.recorded_at + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string(),
                editable: may_write(ctx, m.org_id),
            }
        })
        .collect())
}

/// One record, for the edit form (404 outside the reader's scope).
pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<DestinationView> {
    let scope = read_scope(ctx)?;
    let m = gd::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if scope.is_some_and(|own| own != m.org_id) {
        return Err(AppError::NotFound);
    }
    Ok(views(db, ctx, vec![m]).await?.remove(0))
}

// ---------------------------------------------------------------------------------------
// Rates

/// A figure's definition: what it counts, how, and on whose authority.
pub struct Metric {
    pub key: &'static str,
    pub label: &'static str,
    pub formula: &'static str,
    pub source: &'static str,
    /// Row classes behind the numerator and the denominator (list filter).
    pub num_class: &'static str,
    pub den_class: &'static str,
}

pub const METRICS: [Metric; 5] = [
    Metric {
        key: "employment_rate",
        label: "就业率（中职口径）",
        formula: "（直接就业 + 升学）÷ 毕业生",
        source: "教育部中职统计口径：就业学生含升入各类高一级学校者（research-notes B7）",
        num_class: "placed",
        den_class: "all",
    },
    Metric {
        key: "placement_rate",
        label: "毕业去向落实率",
        formula: "（协议和合同就业 + 自主创业 + 灵活就业 + 升学）÷ 毕业生",
        source: "教学厅函〔2021〕19号 附件2",
        num_class: "placed",
        den_class: "all",
    },
    Metric {
        key: "alignment_rate",
        label: "专业对口率",
        formula: "专业对口的直接就业 ÷ 直接就业（升学不计）；对口 = 职业属专业—职业对应表所列职业或其同一小类",
        source: "中职对口就业率口径（research-notes B7）；对应表：2022年专业简介、2025年专业教学标准",
        num_class: "aligned",
        den_class: "employed",
    },
    Metric {
        key: "zone_retention",
        label: "区内就业占比",
        formula: "在高新区（四宝山街道、中埠镇）就业 ÷ 直接就业",
        source: "本地留存口径 [建议]（research-notes B8 §4）",
        num_class: "in_zone",
        den_class: "employed",
    },
    Metric {
        key: "city_retention",
        label: "市内就业占比",
        formula: "在淄博市（区划代码3703开头）就业 ÷ 直接就业",
        source: "教育部中职统计的本地/异地/境外就业分布（research-notes B7）",
        num_class: "in_city",
        den_class: "employed",
    },
];

/// Counts and rates of one group (all, a school or a major).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Rates {
    pub graduates: u32,
    /// Directly employed (协议和合同 + 自主创业 + 灵活就业).
    pub employed: u32,
    pub further_study: u32,
    /// employed + further_study.
    pub placed: u32,
    pub unemployed: u32,
    pub not_seeking: u32,
    pub unknown: u32,
    pub aligned: u32,
    pub employed_in_zone: u32,
    pub employed_in_city: u32,
    /// `None` when the denominator is 0.
    pub employment_rate: Option<f64>,
    pub placement_rate: Option<f64>,
    pub alignment_rate: Option<f64>,
    pub zone_retention: Option<f64>,
    pub city_retention: Option<f64>,
}

impl From<RateSet> for Rates {
    fn from(r: RateSet) -> Self {
        Rates {
            graduates: r.graduates,
            employed: r.employed,
            further_study: r.further_study,
            placed: r.employed + r.further_study,
            unemployed: r.unemployed,
            not_seeking: r.not_seeking,
            unknown: r.unknown,
            aligned: r.aligned,
            employed_in_zone: r.employed_in_zone,
            employed_in_city: r.employed_in_city,
            employment_rate: r.employment_rate_zhongzhi,
            placement_rate: r.placement_rate,
            alignment_rate: r.alignment_rate,
            zone_retention: r.zone_retention,
            city_retention: r.city_retention,
        }
    }
}

impl Rates {
    /// (numerator, denominator, rate) of a metric.
    pub fn metric(&self, key: &str) -> (u32, u32, Option<f64>) {
        match key {
            "employment_rate" => (self.placed, self.graduates, self.employment_rate),
            "placement_rate" => (self.placed, self.graduates, self.placement_rate),
            "alignment_rate" => (self.aligned, self.employed, self.alignment_rate),
            "zone_retention" => (self.employed_in_zone, self.employed, self.zone_retention),
            "city_retention" => (self.employed_in_city, self.employed, self.city_retention),
            _ => (0, 0, None),
        }
    }
}

/// A rate as shown: one decimal percent, or "—（无数据）" when the denominator is 0.
pub fn pct(r: Option<f64>) -> String {
    match r {
        Some(v) => format!("{:.1}%", v * 100.0),
        None => "—（无数据）".into(),
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RateRow {
    /// School id or major code.
    pub key: String,
    pub label: String,
    pub rates: Rates,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RatesReport {
    /// The cohort; `None` when nothing is recorded in the reader's scope.
    pub graduation_year: Option<i32>,
    pub snapshot: String,
    /// Cut-off date of the snapshot.
    pub snapshot_date: Option<String>,
    pub org_id: Option<i64>,
    pub major_code: Option<String>,
    pub total: Rates,
    pub by_school: Vec<RateRow>,
    pub by_major: Vec<RateRow>,
    /// Years with records, newest first.
    pub years: Vec<i32>,
}

/// A recorded destination as the rate formulas (`RateSet`) read it; also used by the
/// majors map, which groups the same rows per school, major and cohort.
pub fn outcome(m: &gd::Model) -> GraduateOutcome {
    GraduateOutcome {
        major_level: MajorLevel::parse(&m.major_level).unwrap_or(MajorLevel::Secondary),
        major_code: m.major_code.clone(),
        destination_code: m.destination_code.clone(),
        occupation_code: m.occupation_code.clone(),
        employer_county_code: m.employer_county_code.clone(),
        employer_in_zone: m.in_zone,
    }
}

/// Rates of a cohort and snapshot, in total, per school and per major. The graduates are
/// those with a recorded destination in the reader's scope.
pub async fn rates(db: &DatabaseConnection, ctx: &Ctx, f: &DestinationFilter) -> AppResult<RatesReport> {
    let scope = read_scope(ctx)?;
    let org = scope.or(f.org_id);
    let mut years_q = gd::Entity::find().select_only().column(gd::Column::GraduationYear).distinct();
    if let Some(o) = org {
        years_q = years_q.filter(gd::Column::OrgId.eq(o));
    }
    let mut years: Vec<i32> = years_q.into_tuple().all(db).await?;
    years.sort_unstable_by(|a, b| b.cmp(a));
    let year = f.year.map(|y| y as i32).or_else(|| years.first().copied());
    let snapshot = match f.snapshot.as_deref() {
        Some("year_end") => "year_end",
        _ => "initial",
    };
    let filter = DestinationFilter {
        org_id: org,
        year: year.map(i64::from),
        snapshot: Some(snapshot.into()),
        major_code: f.major_code.clone().filter(|s| !s.is_empty()),
        class: None,
        ..Default::default()
    };
    let rows = match year {
        Some(_) => gd::Entity::find().filter(condition(scope, &filter)?).all(db).await?,
        None => Vec::new(),
    };
    let all: Vec<GraduateOutcome> = rows.iter().map(outcome).collect();
    let mut per_school: BTreeMap<i64, Vec<GraduateOutcome>> = BTreeMap::new();
    let mut per_major: BTreeMap<(String, String), Vec<GraduateOutcome>> = BTreeMap::new();
    for (m, o) in rows.iter().zip(&all) {
        per_school.entry(m.org_id).or_default().push(o.clone());
        per_major.entry((m.major_code.clone(), m.major_level.clone())).or_default().push(o.clone());
    }
    let names = crate::areas::orgs::names(db, per_school.keys().copied()).await?;
    let by_school = per_school
        .into_iter()
        .map(|(id, os)| RateRow { key: id.to_string(), label: names.get(&id).cloned().unwrap_or_default(), rates: RateSet::from_outcomes(&os).into() })
        .collect();
    let by_major = per_major
        .into_iter()
        .map(|((code, level), os)| {
            let name = MajorLevel::parse(&level).and_then(|l| catalogs().major(l, &code)).map(|m| m.name.clone()).unwrap_or_default();
            RateRow { label: format!("{code} {name}"), key: code, rates: RateSet::from_outcomes(&os).into() }
        })
        .collect();
    Ok(RatesReport {
        graduation_year: year,
        snapshot: snapshot.into(),
        snapshot_date: year.map(|y| {
            snapshot_date(y, if snapshot == "year_end" { Snapshot::YearEnd } else { Snapshot::Initial }).to_string()
        }),
        org_id: org,
        major_code: filter.major_code,
        total: RateSet::from_outcomes(&all).into(),
        by_school,
        by_major,
        years,
    })
}

/// Graduates with a record (home page figure), in the reader's scope; `None` if the
/// reader may not see destinations.
pub async fn count(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Option<u64>> {
    let Ok(scope) = read_scope(ctx) else { return Ok(None) };
    let mut q = gd::Entity::find();
    if let Some(o) = scope {
        q = q.filter(gd::Column::OrgId.eq(o));
    }
    Ok(Some(q.count(db).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(overrides: &[(&str, &str)]) -> DestinationInput {
        let mut i = DestinationInput {
            student_no: "2023001".into(),
            name: Some("张三".into()),
            graduation_year: "2026".into(),
            snapshot: "初次".into(),
            destination: "11".into(),
            employer_name: Some("淄博某公司".into()),
            occupation_code: Some("6-31-01-03".into()),
            street: Some("370303008".into()),
            ..Default::default()
        };
        for (k, v) in overrides {
            let v = Some(v.to_string()).filter(|s| !s.is_empty());
            match *k {
                "student_no" => i.student_no = v.unwrap_or_default(),
                "graduation_year" => i.graduation_year = v.unwrap_or_default(),
                "snapshot" => i.snapshot = v.unwrap_or_default(),
                "destination" => i.destination = v.unwrap_or_default(),
                "employer_name" => i.employer_name = v,
                "credit_code" => i.credit_code = v,
                "occupation" => i.occupation_code = v,
                "county" => i.county = v,
                "street" => i.street = v,
                _ => panic!("{k}"),
            }
        }
        i
    }

    #[test]
    fn a_good_row_is_normalised() {
        let c = check(&input(&[])).unwrap();
        assert_eq!(c.destination_code, "11");
        assert_eq!(c.county_code.as_deref(), Some("370303"), "county from the street");
        assert_eq!(c.snapshot, Snapshot::Initial);
        let c = check(&input(&[("destination", "境内升学"), ("snapshot", "年终"), ("employer_name", ""), ("occupation", ""), ("street", "")])).unwrap();
        assert_eq!((c.destination_code.as_str(), c.snapshot), ("80", Snapshot::YearEnd));
        // An employer outside Zibo: a county code only.
        let c = check(&input(&[("street", ""), ("county", "370102")])).unwrap();
        assert_eq!(c.county_code.as_deref(), Some("370102"));
        // Zibo county by name.
        assert_eq!(check(&input(&[("street", ""), ("county", "张店区")])).unwrap().county_code.as_deref(), Some("370303"));
    }

    #[test]
    fn bad_rows_name_their_columns() {
        let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
            (vec![("destination", "99")], "毕业去向"),
            (vec![("destination", "")], "毕业去向"),
            (vec![("occupation", "9-99-99-99")], "职业代码"),
            (vec![("graduation_year", "二〇二六")], "毕业年份"),
            (vec![("snapshot", "期中")], "统计时点"),
            (vec![("credit_code", "91370300164102778A")], "统一社会信用代码"),
            (vec![("street", "370302001"), ("county", "370303")], "单位所在街道"),
            (vec![("street", "不存在街道")], "单位所在街道"),
            (vec![("county", "370399")], "单位所在区县"),
            (vec![("employer_name", "")], "就业单位"),
            (vec![("student_no", "")], "学号"),
        ];
        for (o, header) in cases {
            let errs = check(&input(&o)).expect_err(header);
            assert!(errs.iter().any(|e| e.field == header), "{header}: {errs:?}");
        }
        // 应征义务兵 needs no employer.
        assert!(check(&input(&[("destination", "46"), ("employer_name", "")])).is_ok());
    }

    #[test]
    fn derived_flags() {
        let g = Graduate { id: 1, org_id: 1, name: "张三".into(), major_level: "secondary".into(), major_code: "660301".into() };
        let now = chrono::Utc::now();
        let am = to_active_model(&check(&input(&[])).unwrap(), &g, None, "form", None, now);
        assert_eq!((am.in_zone.unwrap(), am.major_aligned.unwrap()), (true, true));
        // Not in the zone's streets, occupation outside the crosswalk.
        let am = to_active_model(&check(&input(&[("street", "370303001"), ("occupation", "4-03-01-01")])).unwrap(), &g, None, "form", None, now);
        assert_eq!((am.in_zone.unwrap(), am.major_aligned.unwrap()), (false, false));
        // The linked organisation's street decides when no street is given.
        let e = Employer { id: 9, name: "区内企业".into(), county_code: Some("370303".into()), street_code: Some("370303105".into()) };
        let am = to_active_model(&check(&input(&[("street", "")])).unwrap(), &g, Some(&e), "import", None, now);
        assert!(am.in_zone.unwrap());
        assert_eq!(am.employer_org_id.unwrap(), Some(9));
        // Further study is neither in the zone nor aligned.
        let am = to_active_model(&check(&input(&[("destination", "80")])).unwrap(), &g, Some(&e), "form", None, now);
        assert_eq!((am.in_zone.unwrap(), am.major_aligned.unwrap()), (false, false));
    }

    #[test]
    fn percentages_and_no_data() {
        assert_eq!(pct(Some(0.9)), "90.0%");
        assert_eq!(pct(None), "—（无数据）");
    }
}
