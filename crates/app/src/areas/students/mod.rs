//! The student register of vocational schools (measures 七、八、十三 all count on it):
//! validation against the national code tables and the 2021 major catalogue, scoped
//! reads with personal data masked, and the two import layouts (ours and the national
//! 中职学籍 export).

pub mod api;
pub mod pages;

use crate::auth::Ctx;
use crate::entity::{organization, student};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{Permission, is_school_kind};
use crate::xlsx::Column;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use zhijiao_domain::catalog::{MajorLevel, catalogs};
use zhijiao_domain::codes::tables;
use zhijiao_domain::validate::{ResidentId, mask_middle, mask_mobile, parse_mobile};

pub const STATUSES: [&str; 5] = ["在读", "毕业", "休学", "退学", "转出"];

/// Our template's columns, in order.
pub const COLUMNS: [Column; 15] = [
    Column { key: "student_no", header: "学号", required: true, help: "本校唯一，最多18位" },
    Column { key: "name", header: "姓名", required: true, help: "与身份证件一致" },
    Column { key: "gender", header: "性别", required: false, help: "男/女（GB/T 2261.1）；居民身份证号可推出性别，留空时自动填写" },
    Column { key: "id_type", header: "身份证件类型", required: false, help: "默认 居民身份证（JY/T 1001 代码或名称）" },
    Column { key: "id_number", header: "身份证件号", required: true, help: "居民身份证号18位，末位校验码按 GB 11643-1999 校验" },
    Column { key: "birth_date", header: "出生日期", required: false, help: "YYYY-MM-DD；居民身份证号可推出，填写时须一致" },
    Column { key: "ethnicity", header: "民族", required: false, help: "GB/T 3304 名称或代码，如 汉族 / 01" },
    Column { key: "political", header: "政治面貌", required: false, help: "GB/T 4762 名称、简称或代码，如 共青团员 / 03" },
    Column { key: "level", header: "专业层次", required: true, help: "中职 / 高职专科 / 职业本科" },
    Column { key: "major", header: "专业代码", required: true, help: "职业教育专业目录（2021年）的6位代码，或专业名称" },
    Column { key: "class_name", header: "班级名称", required: false, help: "如 2024级机电1班" },
    Column { key: "enrollment_ym", header: "入学年月", required: false, help: "YYYY-MM，如 2024-09" },
    Column { key: "study_years", header: "学制", required: false, help: "如 3" },
    Column { key: "phone", header: "联系电话", required: false, help: "11位手机号" },
    Column { key: "status", header: "学籍状态", required: false, help: "在读/毕业/休学/退学/转出，默认 在读" },
];

/// The columns of the national 中职学籍 export that we read (`data/reference/codes/
/// xueji_import_columns.csv`); the others are accepted and ignored.
pub const XUEJI_COLUMNS: [Column; 12] = [
    Column { key: "name", header: "姓名", required: true, help: "" },
    Column { key: "gender", header: "性别", required: false, help: "" },
    Column { key: "birth_date", header: "出生日期", required: false, help: "" },
    Column { key: "id_type", header: "身份证件类型", required: false, help: "" },
    Column { key: "id_number", header: "身份证件号", required: true, help: "" },
    Column { key: "class_name", header: "班级名称", required: false, help: "" },
    Column { key: "student_no", header: "学号", required: true, help: "" },
    Column { key: "enrollment_ym", header: "入学年月", required: false, help: "" },
    Column { key: "major", header: "专业简称", required: true, help: "" },
    Column { key: "study_years", header: "学制", required: false, help: "" },
    Column { key: "ethnicity", header: "民族", required: false, help: "" },
    Column { key: "political", header: "政治面貌", required: false, help: "" },
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Zhijiao,
    /// The national 中职学籍 system's export: 中职 only, majors by name.
    Xueji,
}

impl Layout {
    pub fn columns(self) -> &'static [Column] {
        match self {
            Layout::Zhijiao => &COLUMNS,
            Layout::Xueji => &XUEJI_COLUMNS,
        }
    }
    /// A file from the 学籍 system has 专业简称 and no 专业代码 column.
    pub fn detect(header: &[String]) -> Layout {
        let has = |h: &str| header.iter().any(|x| x.trim().trim_end_matches('*') == h);
        if has("专业简称") && !has("专业代码") { Layout::Xueji } else { Layout::Zhijiao }
    }
}

/// A row as typed: column key → cell text.
pub type RawRow<'a> = Vec<(&'static str, &'a str)>;

fn cell<'a>(row: &RawRow<'a>, key: &str) -> &'a str {
    row.iter().find(|(k, _)| *k == key).map(|(_, v)| v.trim()).unwrap_or("")
}

/// A validated student, ready to insert.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidStudent {
    pub student_no: String,
    pub name: String,
    pub gender_code: String,
    pub id_type: String,
    pub id_number: String,
    pub birth_date: Option<chrono::NaiveDate>,
    pub ethnicity_code: Option<String>,
    pub political_code: Option<String>,
    pub major_level: MajorLevel,
    pub major_code: String,
    pub class_name: Option<String>,
    pub enrollment_ym: Option<String>,
    pub study_years: Option<String>,
    pub phone: Option<String>,
    pub status: String,
}

fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(s, f).ok())
}

/// 入学年月 as YYYY-MM from 2024-09, 2024/9, 202409 or 2024年9月.
fn parse_year_month(s: &str) -> Option<String> {
    let digits: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let (y, m) = match digits.as_slice() {
        [ym] if *ym > 190000 && *ym < 210000 => (*ym / 100, *ym % 100),
        [y, m, ..] => (*y, *m),
        _ => return None,
    };
    ((1950..=2100).contains(&y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
}

/// Validate one row (pure: no database, no clock: `today` bounds the 身份证号's birth date).
/// Every problem of the row is reported, each naming its column header.
pub fn validate_row(row: &RawRow<'_>, layout: Layout, today: chrono::NaiveDate) -> Result<ValidStudent, Vec<FieldError>> {
    let t = tables();
    let mut errs = Vec::new();
    let header = |key: &str| layout.columns().iter().find(|c| c.key == key).map(|c| c.header).unwrap_or("?");
    let mut err = |key: &str, msg: String| errs.push(FieldError::new(header(key), msg));

    let student_no = cell(row, "student_no").to_string();
    if student_no.is_empty() {
        err("student_no", "不能为空".into());
    } else if student_no.chars().count() > 18 {
        err("student_no", "不能超过18位".into());
    }
    let name = cell(row, "name").to_string();
    if name.is_empty() {
        err("name", "不能为空".into());
    } else if name.chars().count() > 50 {
        err("name", "不能超过50个字".into());
    }
    let id_type = match cell(row, "id_type") {
        "" => "1".to_string(),
        v => match t.id_type.lookup(v) {
            Some(c) => c.code.clone(),
            None => {
                err("id_type", format!("“{v}”不是有效的身份证件类型"));
                "1".into()
            }
        },
    };
    let id_raw = cell(row, "id_number");
    let mut derived_birth = None;
    let mut derived_gender = None;
    let id_number = if id_raw.is_empty() {
        err("id_number", "不能为空".into());
        String::new()
    } else if id_type == "1" {
        match ResidentId::parse(id_raw, today) {
            Ok(id) => {
                derived_birth = Some(id.birth_date());
                derived_gender = Some(id.gender_code());
                id.as_str().to_string()
            }
            Err(e) => {
                err("id_number", format!("居民身份证号无效：{e}"));
                id_raw.to_string()
            }
        }
    } else {
        id_raw.to_uppercase()
    };
    let gender_code = match cell(row, "gender") {
        "" => match derived_gender {
            Some(g) => g.to_string(),
            None => {
                err("gender", "不能为空".into());
                String::new()
            }
        },
        v => match t.gender.lookup(v) {
            Some(c) => {
                if derived_gender.is_some_and(|g| g != c.code) {
                    err("gender", format!("“{v}”与身份证号显示的性别不一致"));
                }
                c.code.clone()
            }
            None => {
                err("gender", format!("“{v}”不是有效的性别，应为 男/女"));
                String::new()
            }
        },
    };
    let birth_date = match cell(row, "birth_date") {
        "" => derived_birth,
        v => match parse_date(v) {
            Some(d) => {
                if derived_birth.is_some_and(|b| b != d) {
                    err("birth_date", format!("“{v}”与身份证号中的出生日期不一致"));
                }
                Some(d)
            }
            None => {
                err("birth_date", format!("“{v}”不是有效日期，应为 YYYY-MM-DD"));
                None
            }
        },
    };
    let ethnicity_code = match cell(row, "ethnicity") {
        "" => None,
        v => match t.ethnicity.lookup(v) {
            Some(c) => Some(c.code.clone()),
            None => {
                err("ethnicity", format!("“{v}”不在 GB/T 3304 民族代码表中"));
                None
            }
        },
    };
    let political_code = match cell(row, "political") {
        "" => None,
        v => match t.political.lookup(v) {
            Some(c) => Some(c.code.clone()),
            None => {
                err("political", format!("“{v}”不在 GB/T 4762 政治面貌代码表中"));
                None
            }
        },
    };
    let level = match layout {
        Layout::Xueji => Some(MajorLevel::Secondary),
        Layout::Zhijiao => match cell(row, "level") {
            "" => {
                err("level", "不能为空".into());
                None
            }
            v => {
                let l = MajorLevel::parse(v);
                if l.is_none() {
                    err("level", format!("“{v}”无效，应为 中职/高职专科/职业本科"));
                }
                l
            }
        },
    };
    let major_cell = cell(row, "major");
    let mut major_code = String::new();
    if major_cell.is_empty() {
        err("major", "不能为空".into());
    } else if let Some(level) = level {
        let c = catalogs();
        let found = c
            .major(level, major_cell)
            .filter(|m| m.node == zhijiao_domain::catalog::MajorNode::Major)
            .or_else(|| c.major_by_name(level, major_cell));
        match found {
            Some(m) => major_code = m.code.clone(),
            None => err("major", format!("“{major_cell}”不是{}专业目录中的专业", level.name_zh())),
        }
    }
    let enrollment_ym = match cell(row, "enrollment_ym") {
        "" => None,
        v => {
            let ym = parse_year_month(v);
            if ym.is_none() {
                err("enrollment_ym", format!("“{v}”不是有效的年月，应为 YYYY-MM"));
            }
            ym
        }
    };
    let phone = match cell(row, "phone") {
        "" => None,
        v => match parse_mobile(v) {
            Ok(p) => Some(p),
            Err(e) => {
                err("phone", format!("手机号无效：{e}"));
                None
            }
        },
    };
    let status = match cell(row, "status") {
        "" => "在读".to_string(),
        v if STATUSES.contains(&v) => v.to_string(),
        v => {
            err("status", format!("“{v}”无效，应为 {}", STATUSES.join("/")));
            String::new()
        }
    };
    let class_name = Some(cell(row, "class_name").to_string()).filter(|s| !s.is_empty());
    let study_years = Some(cell(row, "study_years").to_string()).filter(|s| !s.is_empty());
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(ValidStudent {
        student_no,
        name,
        gender_code,
        id_type,
        id_number,
        birth_date,
        ethnicity_code,
        political_code,
        major_level: level.expect("checked"),
        major_code,
        class_name,
        enrollment_ym,
        study_years,
        phone,
        status,
    })
}

pub fn to_active_model(s: ValidStudent, org_id: i64, is_demo: bool, now: chrono::DateTime<chrono::Utc>) -> student::ActiveModel {
    let graduation_year = match (&s.enrollment_ym, &s.study_years) {
        (Some(ym), Some(years)) => {
            let y: i32 = ym[..4].parse().unwrap_or(0);
            years.trim().parse::<i32>().ok().map(|n| y + n)
        }
        _ => None,
    };
    student::ActiveModel {
        org_id: Set(org_id),
        student_no: Set(s.student_no),
        name: Set(s.name),
        gender_code: Set(s.gender_code),
        id_type: Set(s.id_type),
        id_number: Set(s.id_number),
        birth_date: Set(s.birth_date),
        ethnicity_code: Set(s.ethnicity_code),
        political_code: Set(s.political_code),
        major_level: Set(s.major_level.key().to_string()),
        major_code: Set(s.major_code),
        class_name: Set(s.class_name),
        enrollment_ym: Set(s.enrollment_ym),
        study_years: Set(s.study_years),
        phone: Set(s.phone),
        status: Set(s.status),
        graduation_year: Set(graduation_year),
        is_demo: Set(is_demo),
        created_at: Set(now),
        ..Default::default()
    }
}

/// A student as a page or the API shows it; personal data masked for readers who do
/// not administer the student's school (个人信息保护法 第五十一条).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StudentView {
    pub id: i64,
    pub org_id: i64,
    pub school_name: String,
    pub student_no: String,
    pub name: String,
    pub gender: String,
    pub id_number: String,
    pub birth_date: Option<String>,
    pub ethnicity: Option<String>,
    pub political: Option<String>,
    pub major_level: String,
    pub major_code: String,
    pub major_name: String,
    pub class_name: Option<String>,
    pub enrollment_ym: Option<String>,
    pub phone: Option<String>,
    pub status: String,
    pub graduation_year: Option<i32>,
    pub is_demo: bool,
    /// Whether id_number and phone are shown in full.
    pub unmasked: bool,
}

fn view(m: student::Model, school_name: String, unmasked: bool) -> StudentView {
    let t = tables();
    let level = MajorLevel::parse(&m.major_level);
    let major_name = level.and_then(|l| catalogs().major(l, &m.major_code)).map(|x| x.name.clone()).unwrap_or_default();
    StudentView {
        id: m.id,
        org_id: m.org_id,
        school_name,
        student_no: m.student_no,
        name: m.name,
        gender: t.gender.codes.iter().find(|c| c.code == m.gender_code).and_then(|c| c.aliases.first().cloned()).unwrap_or(m.gender_code),
        id_number: if unmasked { m.id_number } else { mask_middle(&m.id_number, 6, 4) },
        birth_date: m.birth_date.map(|d| if unmasked { d.to_string() } else { d.format("%Y").to_string() }),
        ethnicity: m.ethnicity_code.as_deref().and_then(|c| t.ethnicity.name_of(c)).map(String::from),
        political: m.political_code.as_deref().and_then(|c| t.political.name_of(c)).map(String::from),
        major_level: m.major_level,
        major_code: m.major_code,
        major_name,
        class_name: m.class_name,
        enrollment_ym: m.enrollment_ym,
        phone: m.phone.map(|p| if unmasked { p } else { mask_mobile(&p) }),
        status: m.status,
        graduation_year: m.graduation_year,
        is_demo: m.is_demo,
        unmasked,
    }
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct StudentFilter {
    /// School (organisation id); district-wide readers only.
    pub org_id: Option<i64>,
    pub major_code: Option<String>,
    pub status: Option<String>,
    /// Name or 学号.
    pub q: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// The organisation whose students the user may read: `None` = all schools.
pub(crate) fn read_scope(ctx: &Ctx) -> AppResult<Option<i64>> {
    let u = ctx.user()?;
    if u.can(Permission::StudentReadAll) {
        Ok(None)
    } else if u.can(Permission::StudentReadOwn) && is_school_kind(&u.org_kind) {
        Ok(Some(u.org_id))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Full personal data only for the administrators of the student's own school.
pub(crate) fn unmasked_for(ctx: &Ctx, org_id: i64) -> bool {
    ctx.user.as_ref().is_some_and(|u| u.can(Permission::StudentWriteOwn) && u.org_id == org_id)
}

/// The rows of the register a filter selects, within what the user may read.
fn condition(ctx: &Ctx, f: &StudentFilter) -> AppResult<Condition> {
    let scope = read_scope(ctx)?;
    let mut cond = Condition::all();
    match (scope, f.org_id) {
        (Some(own), _) => cond = cond.add(student::Column::OrgId.eq(own)),
        (None, Some(org)) => cond = cond.add(student::Column::OrgId.eq(org)),
        (None, None) => {}
    }
    if let Some(m) = f.major_code.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(student::Column::MajorCode.eq(m));
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(student::Column::Status.eq(s));
    }
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        cond = cond.add(Condition::any().add(student::Column::Name.contains(q)).add(student::Column::StudentNo.eq(q)));
    }
    Ok(cond)
}

/// Rows as the user may see them (masked unless they administer the student's school).
async fn views(db: &DatabaseConnection, ctx: &Ctx, rows: Vec<student::Model>) -> AppResult<Vec<StudentView>> {
    let names = crate::areas::orgs::names(db, rows.iter().map(|r| r.org_id)).await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let name = names.get(&m.org_id).cloned().unwrap_or_default();
            let unmasked = unmasked_for(ctx, m.org_id);
            view(m, name, unmasked)
        })
        .collect())
}

pub async fn list(db: &DatabaseConnection, ctx: &Ctx, f: &StudentFilter) -> AppResult<(u64, Vec<StudentView>)> {
    let paging = crate::web::Paging::new(f.page, f.per_page);
    let q = student::Entity::find().filter(condition(ctx, f)?);
    let total = q.clone().count(db).await?;
    let rows = q.order_by_asc(student::Column::Id).offset(paging.offset()).limit(paging.per_page).all(db).await?;
    Ok((total, views(db, ctx, rows).await?))
}

/// The next batch of the filtered register after student `after` (keyset order by id),
/// for the export.
pub async fn batch_after(db: &DatabaseConnection, ctx: &Ctx, f: &StudentFilter, after: Option<i64>) -> AppResult<Vec<StudentView>> {
    let mut cond = condition(ctx, f)?;
    if let Some(after) = after {
        cond = cond.add(student::Column::Id.gt(after));
    }
    let rows = student::Entity::find().filter(cond).order_by_asc(student::Column::Id).limit(crate::export::BATCH).all(db).await?;
    views(db, ctx, rows).await
}

pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<StudentView> {
    let scope = read_scope(ctx)?;
    let m = student::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if scope.is_some_and(|own| own != m.org_id) {
        // Another school's student does not exist, as far as this reader can tell.
        return Err(AppError::NotFound);
    }
    let name = crate::areas::orgs::names(db, [m.org_id]).await?.remove(&m.org_id).unwrap_or_default();
    let unmasked = unmasked_for(ctx, m.org_id);
    Ok(view(m, name, unmasked))
}

/// The school a user may import students into: their own (school administrators) or
/// any vocational school (district administrators, who must name it).
pub async fn import_target(db: &DatabaseConnection, ctx: &Ctx, requested: Option<i64>) -> AppResult<organization::Model> {
    let u = ctx.user.as_ref();
    let org_id = match u {
        Some(u) if u.can(Permission::StudentWriteOwn) && !u.can(Permission::OrgManage) => {
            if requested.is_some_and(|r| r != u.org_id) {
                return Err(AppError::Forbidden);
            }
            u.org_id
        }
        Some(u) if u.can(Permission::OrgManage) => requested.ok_or_else(|| AppError::BadRequest("请选择学校".into()))?,
        Some(_) => return Err(AppError::Forbidden),
        None => requested.ok_or_else(|| AppError::BadRequest("请指定学校".into()))?,
    };
    let org = organization::Entity::find_by_id(org_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !is_school_kind(&org.kind) {
        return Err(AppError::BadRequest(format!("“{}”不是学校", org.name)));
    }
    Ok(org)
}

pub async fn count(db: &DatabaseConnection, org_id: Option<i64>) -> AppResult<u64> {
    let mut q = student::Entity::find();
    if let Some(o) = org_id {
        q = q.filter(student::Column::OrgId.eq(o));
    }
    Ok(q.count(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id17() -> &'static str {
        "37030320080315001"
    }
    fn valid_id() -> String {
        format!("{}{}", id17(), zhijiao_domain::validate::resident_id_check_char(id17()))
    }
    fn row(overrides: &[(&'static str, &'static str)], id: &str) -> Vec<(&'static str, String)> {
        let mut r: Vec<(&'static str, String)> = vec![
            ("student_no", "2024001".into()),
            ("name", "张三".into()),
            ("gender", "男".into()),
            ("id_number", id.into()),
            ("level", "中职".into()),
            ("major", "660301".into()),
            ("enrollment_ym", "2024-09".into()),
            ("ethnicity", "汉族".into()),
            ("political", "共青团员".into()),
        ];
        for (k, v) in overrides {
            r.retain(|(kk, _)| kk != k);
            r.push((k, v.to_string()));
        }
        r
    }
    fn check(r: &[(&'static str, String)], layout: Layout) -> Result<ValidStudent, Vec<FieldError>> {
        let raw: RawRow<'_> = r.iter().map(|(k, v)| (*k, v.as_str())).collect();
        // A fixed "today", so the tests never depend on the clock.
        validate_row(&raw, layout, chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("valid date"))
    }

    #[test]
    fn a_good_row_is_normalised_to_codes() {
        let s = check(&row(&[], &valid_id()), Layout::Zhijiao).unwrap();
        assert_eq!(s.gender_code, "1");
        assert_eq!(s.ethnicity_code.as_deref(), Some("01"));
        assert_eq!(s.political_code.as_deref(), Some("03"));
        assert_eq!(s.major_code, "660301");
        assert_eq!(s.birth_date, chrono::NaiveDate::from_ymd_opt(2008, 3, 15));
        assert_eq!(s.status, "在读");
        // Major by name, year-month in another spelling, gender derived from the ID.
        let s = check(&row(&[("major", "机电技术应用"), ("enrollment_ym", "2024年9月"), ("gender", "")], &valid_id()), Layout::Zhijiao).unwrap();
        assert_eq!(s.major_code, "660301");
        assert_eq!(s.enrollment_ym.as_deref(), Some("2024-09"));
        assert_eq!(s.gender_code, "1");
    }

    #[test]
    fn bad_rows_name_their_columns() {
        let id = valid_id();
        let cases: Vec<(Vec<(&'static str, String)>, &str)> = vec![
            (row(&[], "370303200803150010"), "身份证件号"),
            (row(&[("gender", "女")], &id), "性别"),
            (row(&[("birth_date", "2008-03-16")], &id), "出生日期"),
            (row(&[("ethnicity", "火星族")], &id), "民族"),
            (row(&[("political", "无")], &id), "政治面貌"),
            (row(&[("level", "大专")], &id), "专业层次"),
            (row(&[("major", "999999")], &id), "专业代码"),
            (row(&[("major", "590101")], &id), "专业代码"),
            (row(&[("enrollment_ym", "2024-13")], &id), "入学年月"),
            (row(&[("phone", "12345")], &id), "联系电话"),
            (row(&[("status", "失联")], &id), "学籍状态"),
            (row(&[("name", "")], &id), "姓名"),
            (row(&[("student_no", "")], &id), "学号"),
        ];
        for (r, header) in cases {
            let errs = check(&r, Layout::Zhijiao).expect_err(header);
            assert!(errs.iter().any(|e| e.field == header), "{header}: {errs:?}");
        }
    }

    #[test]
    fn xueji_layout_reads_majors_by_name_at_secondary_level() {
        let r = row(&[("major", "机电技术应用"), ("level", "")], &valid_id());
        assert_eq!(check(&r, Layout::Xueji).unwrap().major_code, "660301");
        assert_eq!(Layout::detect(&["姓名".into(), "专业简称".into()]), Layout::Xueji);
        assert_eq!(Layout::detect(&["姓名".into(), "专业代码*".into()]), Layout::Zhijiao);
    }

    #[test]
    fn year_months() {
        for (input, out) in [("2024-09", Some("2024-09")), ("202409", Some("2024-09")), ("2024/9", Some("2024-09")), ("2024-13", None), ("abc", None)] {
            assert_eq!(parse_year_month(input).as_deref(), out, "{input}");
        }
    }
}
