//! Excel import of career-enlightenment bookings: a primary or middle school books many
//! sessions at once (or the district books for the schools). The template's drop-downs
//! offer the bases' programmes and the schools; the import is all or nothing — every row
//! is checked like a booking made on the form (the date, the start, the pupils, the
//! school's own overlapping bookings and the base's capacity, counting the rows above it
//! in the same file), and one bad row refuses the whole file with each row's reason in
//! Chinese.

use super::{is_primary_school_user, manages, place_booking, today};
use crate::auth::Ctx;
use crate::entity::{enl_base, enl_programme, organization};
use crate::error::{AppError, AppResult, FieldError};
use crate::xlsx::{self, Column};
use rust_xlsxwriter::{DataValidation, Format, Formula, Workbook};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};
use std::collections::HashMap;
use zhijiao_domain::enlightenment as rules;

/// The separator between a base's and a programme's name in the 基地课程 column.
pub const SEP: &str = "｜";

pub const COLUMNS: [Column; 5] = [
    Column { key: "programme", header: "基地课程", required: true, help: "从下拉列表选择：基地名称｜课程名称（见“基地课程”表）" },
    Column { key: "session_date", header: "日期", required: true, help: "如 2026-12-18；不能早于今天，一年以内" },
    Column { key: "start", header: "开始时间", required: true, help: "如 09:00；活动须在当天结束" },
    Column { key: "pupils", header: "学生人数", required: true, help: "1到2000之间的整数；不超过基地同一时段的剩余名额" },
    Column { key: "school", header: "学校", required: false, help: "学校自己导入时留空（即本校）；区教体中心导入时必填，从下拉列表选择" },
];

/// (label "基地｜课程", programme) of every programme.
async fn programmes(db: &DatabaseConnection) -> AppResult<Vec<(String, enl_programme::Model)>> {
    let bases: HashMap<i64, String> = enl_base::Entity::find().all(db).await?.into_iter().map(|b| (b.id, b.name)).collect();
    let mut out: Vec<(String, enl_programme::Model)> = enl_programme::Entity::find()
        .order_by_asc(enl_programme::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| bases.get(&p.base_id).map(|b| (format!("{b}{SEP}{}", p.title), p)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

async fn schools(db: &DatabaseConnection) -> AppResult<Vec<(i64, String)>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Kind.eq("primary_middle_school"))
        .filter(organization::Column::Status.eq("active"))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// Who may import: a primary or middle school (its own bookings) or the district.
fn may_import(ctx: &Ctx) -> AppResult<()> {
    let u = ctx.user()?;
    if is_primary_school_user(u) || manages(u) { Ok(()) } else { Err(AppError::Forbidden) }
}

pub fn may_import_ctx(ctx: &Ctx) -> bool {
    may_import(ctx).is_ok()
}

/// The template: the booking sheet with drop-downs (基地课程, 学校) fed by two list
/// sheets, and the explanation sheet.
pub async fn template(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<u8>> {
    may_import(ctx)?;
    let progs = programmes(db).await?;
    let schools = schools(db).await?;
    build_template(&progs.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>(), &schools.into_iter().map(|(_, n)| n).collect::<Vec<_>>()).map_err(|e| AppError::Internal(e.into()))
}

fn build_template(programmes: &[String], schools: &[String]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let hf = Format::new().set_bold().set_background_color(rust_xlsxwriter::Color::RGB(0xDDEBF7));
    let ws = wb.add_worksheet();
    ws.set_name("基地预约")?;
    for (i, c) in COLUMNS.iter().enumerate() {
        let h = if c.required { format!("{}*", c.header) } else { c.header.to_string() };
        ws.write_string_with_format(0, i as u16, &h, &hf)?;
        ws.set_column_width(i as u16, if i == 0 { 48 } else { 16 })?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last = 2000u32;
    if !programmes.is_empty() {
        let dv = DataValidation::new()
            .allow_list_formula(Formula::new(format!("='基地课程'!$A$2:$A${}", programmes.len() + 1)))
            .set_error_title("基地课程")?
            .set_error_message("请从下拉列表选择基地课程")?;
        ws.add_data_validation(1, 0, last, 0, &dv)?;
    }
    if !schools.is_empty() {
        let dv = DataValidation::new()
            .allow_list_formula(Formula::new(format!("='学校'!$A$2:$A${}", schools.len() + 1)))
            .set_error_title("学校")?
            .set_error_message("请从下拉列表选择学校")?;
        ws.add_data_validation(1, 4, last, 4, &dv)?;
    }
    let dv = DataValidation::new().allow_whole_number(rust_xlsxwriter::DataValidationRule::Between(1, 2000)).set_error_message("学生人数须为1到2000之间的整数")?;
    ws.add_data_validation(1, 3, last, 3, &dv)?;
    let help = wb.add_worksheet();
    help.set_name("填写说明")?;
    for (j, h) in ["列名", "是否必填", "填写要求"].iter().enumerate() {
        help.write_string_with_format(0, j as u16, *h, &hf)?;
    }
    help.set_column_width(0, 18)?;
    help.set_column_width(2, 80)?;
    for (i, c) in COLUMNS.iter().enumerate() {
        help.write_string(i as u32 + 1, 0, c.header)?;
        help.write_string(i as u32 + 1, 1, if c.required { "必填" } else { "选填" })?;
        help.write_string(i as u32 + 1, 2, c.help)?;
    }
    help.write_string(COLUMNS.len() as u32 + 2, 0, "整表校验：任何一行有误（含时间冲突、名额不足）则全部不导入，并逐行说明原因。")?;
    for (name, rows) in [("基地课程", programmes), ("学校", schools)] {
        let s = wb.add_worksheet();
        s.set_name(name)?;
        s.write_string_with_format(0, 0, name, &hf)?;
        s.set_column_width(0, 60)?;
        for (i, v) in rows.iter().enumerate() {
            s.write_string(i as u32 + 1, 0, xlsx::neutralise(v))?;
        }
    }
    wb.save_to_buffer()
}

/// "09:00", "9:00", "09:00:00" or a time cell read as "1899-12-31 09:00:00".
fn start_of(raw: &str) -> Option<u16> {
    let t = raw.trim().rsplit(' ').next().unwrap_or_default();
    let t = match t.matches(':').count() {
        2 => t.rsplit_once(':').map(|(hm, _)| hm).unwrap_or(t),
        _ => t,
    };
    rules::parse_hhmm(t)
}

/// Import the file: every row booked, or none. Returns the number of bookings made.
pub async fn import(db: &DatabaseConnection, ctx: &Ctx, bytes: &[u8]) -> AppResult<usize> {
    may_import(ctx)?;
    let u = ctx.user()?.clone();
    let own = is_primary_school_user(&u).then_some(u.org_id);
    let (pos, rows) = xlsx::read_register(bytes, &COLUMNS, 500)?;
    let progs = programmes(db).await?;
    let schools = schools(db).await?;
    let mut errs: Vec<FieldError> = Vec::new();
    let at = |n: usize, field: &str, msg: String| {
        let mut f = FieldError::new(field, msg);
        f.row = Some(n);
        f
    };
    let mut valid = Vec::new();
    for (n, cells) in &rows {
        let cell = |i: usize| pos[i].and_then(|p| cells.get(p)).cloned().unwrap_or_default();
        let mut row_errs = Vec::new();
        let label = cell(0);
        let programme = progs.iter().find(|(l, _)| *l == label.trim()).map(|(_, p)| p.clone());
        if programme.is_none() {
            row_errs.push(at(*n, "基地课程", if label.trim().is_empty() { "不能为空".into() } else { format!("“{}”不是平台上的基地课程，请从下拉列表选择", label.chars().take(40).collect::<String>()) }));
        }
        let day = chrono::NaiveDate::parse_from_str(cell(1).trim(), "%Y-%m-%d").ok();
        match day {
            None => row_errs.push(at(*n, "日期", format!("“{}”无效，应为 YYYY-MM-DD", cell(1).chars().take(20).collect::<String>()))),
            Some(d) if d < today() => row_errs.push(at(*n, "日期", "不能预约已过去的日期".into())),
            Some(d) if d > today() + chrono::Duration::days(366) => row_errs.push(at(*n, "日期", "只能预约一年以内的日期".into())),
            _ => {}
        }
        let start = start_of(&cell(2));
        if start.is_none() {
            row_errs.push(at(*n, "开始时间", "无效，应为 HH:MM（如 09:00）".into()));
        }
        let pupils = match cell(3).trim().parse::<i32>() {
            Ok(p) if (1..=2000).contains(&p) => p,
            _ => {
                row_errs.push(at(*n, "学生人数", "须为1到2000之间的整数".into()));
                0
            }
        };
        let school_name = cell(4);
        let school = match own {
            Some(id) => {
                let mine = schools.iter().find(|(s, _)| *s == id).map(|(_, n)| n.as_str()).unwrap_or_default();
                if !school_name.trim().is_empty() && school_name.trim() != mine {
                    row_errs.push(at(*n, "学校", "只能为本校预约，请留空".into()));
                }
                id
            }
            None => match schools.iter().find(|(_, s)| s == school_name.trim()) {
                Some((id, _)) => *id,
                None => {
                    row_errs.push(at(*n, "学校", if school_name.trim().is_empty() { "区教体中心导入时必填".into() } else { format!("“{}”不是本区的中小学", school_name.chars().take(40).collect::<String>()) }));
                    0
                }
            },
        };
        if let (Some(p), Some(s)) = (&programme, start) {
            if s as i32 + p.duration_minutes > 24 * 60 {
                row_errs.push(at(*n, "开始时间", "活动须在当天结束".into()));
            }
        }
        if row_errs.is_empty() {
            let (p, s) = (programme.expect("checked"), start.expect("checked"));
            let slot = rules::Slot { day: day.expect("checked"), start: s, end: s + p.duration_minutes as u16 };
            valid.push((*n, p, school, slot, pupils));
        } else {
            errs.extend(row_errs);
        }
    }
    if valid.is_empty() && errs.is_empty() {
        errs.push(FieldError::new("文件", "没有数据行"));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    // Book the rows in order inside one transaction: each row's capacity and overlap
    // checks see the rows above it. Any refusal rolls everything back.
    let tx = db.begin().await?;
    let count = valid.len();
    for (n, p, school, slot, pupils) in valid {
        match place_booking(&tx, ctx, &p, school, slot, pupils, Some(u.id)).await {
            Ok(_) => {}
            Err(AppError::Conflict(m)) => errs.push(at(n, "日期", m)),
            Err(e) => return Err(e),
        }
    }
    if !errs.is_empty() {
        drop(tx);
        return Err(AppError::Validation(errs));
    }
    tx.commit().await?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_times_are_read_from_text_and_time_cells() {
        assert_eq!(start_of("09:00"), Some(540));
        assert_eq!(start_of("09:30:00"), Some(570));
        assert_eq!(start_of("1899-12-31 14:00:00"), Some(840));
        assert_eq!(start_of("九点"), None);
        assert_eq!(start_of(""), None);
    }
}
