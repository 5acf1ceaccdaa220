//! Excel in and out. Templates with Chinese headers and a sheet explaining each column;
//! exports that cannot smuggle formulas; a streaming reader so that a 100,000-row file
//! does not sit in memory twice; error workbooks that name row, column and reason.

use crate::error::FieldError;
use calamine::{DataRef, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::io::Cursor;

/// One column of a register's template.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub key: &'static str,
    /// The Chinese header printed in row 1 and matched on import.
    pub header: &'static str,
    pub required: bool,
    /// The rule or allowed values, shown on the explanation sheet.
    pub help: &'static str,
}

/// Formula neutralisation: one rule for every workbook, defined with the report builders.
pub use zhijiao_reports::xlsx::neutralise;

fn header_format() -> Format {
    Format::new().set_bold().set_background_color(rust_xlsxwriter::Color::RGB(0xDDEBF7))
}

/// A template: sheet 1 holds the headers (required ones marked *), sheet 2 explains each
/// column, and one sheet per code table lists the allowed values.
pub fn template(sheet: &str, columns: &[Column], code_sheets: &[(&str, Vec<(String, String)>)]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let hf = header_format();
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    for (i, c) in columns.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, c.header, &hf)?;
        ws.set_column_width(i as u16, 16)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let help = wb.add_worksheet();
    help.set_name("填写说明")?;
    for (j, h) in ["列名", "是否必填", "填写要求"].iter().enumerate() {
        help.write_string_with_format(0, j as u16, *h, &hf)?;
    }
    help.set_column_width(0, 18)?;
    help.set_column_width(2, 80)?;
    for (i, c) in columns.iter().enumerate() {
        let r = i as u32 + 1;
        help.write_string(r, 0, c.header)?;
        help.write_string(r, 1, if c.required { "必填" } else { "选填" })?;
        help.write_string(r, 2, c.help)?;
    }
    for (name, rows) in code_sheets {
        let s = wb.add_worksheet();
        s.set_name(*name)?;
        s.write_string_with_format(0, 0, "代码", &hf)?;
        s.write_string_with_format(0, 1, "名称", &hf)?;
        s.set_column_width(1, 40)?;
        for (i, (code, label)) in rows.iter().enumerate() {
            s.write_string(i as u32 + 1, 0, code)?;
            s.write_string(i as u32 + 1, 1, label)?;
        }
    }
    wb.save_to_buffer()
}

/// A list exported as one sheet of text cells.
pub fn export(sheet: &str, headers: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let hf = header_format();
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &hf)?;
        ws.set_column_width(i as u16, 16)?;
    }
    for (r, row) in rows.into_iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, neutralise(v))?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    wb.save_to_buffer()
}

/// The rows of the uploaded file with an extra 错误原因 column, for the clerk to fix and
/// upload again; rows without errors are left out.
pub fn error_workbook(headers: &[String], rows: &[(usize, Vec<String>)], errors: &[FieldError]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let hf = header_format();
    let ws = wb.add_worksheet();
    ws.set_name("错误报告")?;
    ws.write_string_with_format(0, 0, "行号", &hf)?;
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, i as u16 + 1, h, &hf)?;
    }
    let reason_col = headers.len() as u16 + 1;
    ws.write_string_with_format(0, reason_col, "错误原因", &hf)?;
    ws.set_column_width(reason_col, 60)?;
    let mut out_row = 1u32;
    for (row_no, cells) in rows {
        let reasons: Vec<String> =
            errors.iter().filter(|e| e.row == Some(*row_no)).map(|e| format!("{}：{}", e.field, e.message)).collect();
        if reasons.is_empty() {
            continue;
        }
        ws.write_number(out_row, 0, *row_no as f64)?;
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(out_row, c as u16 + 1, neutralise(v))?;
        }
        ws.write_string(out_row, reason_col, reasons.join("；"))?;
        out_row += 1;
    }
    // Errors not tied to a row (a missing column) go last.
    for e in errors.iter().filter(|e| e.row.is_none()) {
        ws.write_string(out_row, reason_col, format!("{}：{}", e.field, e.message))?;
        out_row += 1;
    }
    wb.save_to_buffer()
}

fn cell_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        // Whole numbers (学号, codes typed as numbers) without a trailing ".0".
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().format("%Y-%m-%d").to_string(),
            Some(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => d.as_f64().to_string(),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#ERR {e:?}"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("无法读取 Excel 文件：{0}")]
    Open(String),
    #[error("文件中没有工作表")]
    NoSheet,
}

/// Where an uploaded workbook is: in memory (web uploads, bounded by the request size
/// limit) or on disk (the CLI), so that a large file from the command line is read as a
/// stream and never held in memory whole. Either can be read more than once.
#[derive(Clone, Debug)]
pub enum Source {
    Bytes(std::sync::Arc<Vec<u8>>),
    File(std::path::PathBuf),
}

impl Source {
    /// [`stream_rows`] over this source, until `on_row` returns `false`.
    pub fn stream_rows(&self, on_row: impl FnMut(usize, Vec<String>) -> bool) -> Result<usize, ReadError> {
        match self {
            Source::Bytes(bytes) => read_rows(Cursor::new(bytes.as_slice()), on_row),
            Source::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| ReadError::Open(e.to_string()))?;
                read_rows(std::io::BufReader::with_capacity(256 * 1024, file), on_row)
            }
        }
    }
}

/// Stream the first sheet: calls `on_row(row_number, cells)` for each non-empty row,
/// row 1 being the header. Cells come as trimmed text. Returns the number of rows seen.
pub fn stream_rows(bytes: &[u8], mut on_row: impl FnMut(usize, Vec<String>)) -> Result<usize, ReadError> {
    read_rows(Cursor::new(bytes), |row_no, cells| {
        on_row(row_no, cells);
        true
    })
}

/// [`stream_rows`] over any seekable reader, stopping early when `on_row` returns `false`.
fn read_rows<R: std::io::Read + std::io::Seek>(source: R, mut on_row: impl FnMut(usize, Vec<String>) -> bool) -> Result<usize, ReadError> {
    let mut wb: Xlsx<_> = Xlsx::new(source).map_err(|e| ReadError::Open(e.to_string()))?;
    let sheet = wb.sheet_names().first().cloned().ok_or(ReadError::NoSheet)?;
    let mut reader = wb.worksheet_cells_reader(&sheet).map_err(|e| ReadError::Open(e.to_string()))?;
    let mut current_row: Option<u32> = None;
    let mut cells: Vec<String> = Vec::new();
    let mut seen = 0usize;
    // Hands a finished row on (empty rows are skipped); returns whether to go on.
    let mut flush = |row: u32, cells: &mut Vec<String>, seen: &mut usize| {
        if cells.iter().any(|c| !c.is_empty()) {
            *seen += 1;
            on_row(row as usize + 1, std::mem::take(cells))
        } else {
            cells.clear();
            true
        }
    };
    while let Some(cell) = reader.next_cell().map_err(|e| ReadError::Open(e.to_string()))? {
        let (r, c) = cell.get_position();
        if current_row != Some(r) {
            if let Some(prev) = current_row {
                if !flush(prev, &mut cells, &mut seen) {
                    return Ok(seen);
                }
            }
            current_row = Some(r);
        }
        let c = c as usize;
        if cells.len() <= c {
            cells.resize(c + 1, String::new());
        }
        cells[c] = cell_text(cell.get_value());
    }
    if let Some(prev) = current_row {
        flush(prev, &mut cells, &mut seen);
    }
    Ok(seen)
}

/// A small register read whole (a school's yearly data, its teachers, a competition's
/// results): at most `max_rows` data rows, the header mapped to `columns`. Returns the
/// column positions and the rows after the header, with their row numbers; a file that is
/// not a workbook, empty, too long or missing a required column is refused in Chinese.
pub fn read_register(bytes: &[u8], columns: &[Column], max_rows: usize) -> Result<(Vec<Option<usize>>, Vec<(usize, Vec<String>)>), crate::error::AppError> {
    use crate::error::AppError;
    let refuse = |m: String| AppError::Validation(vec![FieldError::new("文件", m)]);
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    read_rows(Cursor::new(bytes), |n, cells| {
        rows.push((n, cells));
        rows.len() <= max_rows + 1
    })
    .map_err(|e| refuse(e.to_string()))?;
    if rows.len() > max_rows + 1 {
        return Err(refuse(format!("一次最多导入{max_rows}行")));
    }
    if rows.is_empty() {
        return Err(refuse("文件是空的".into()));
    }
    let header = rows.remove(0).1;
    let positions = map_headers(&header, columns).map_err(AppError::Validation)?;
    Ok((positions, rows))
}

/// Map the header row to column positions; unknown headers are ignored, missing
/// required ones are errors.
pub fn map_headers(header: &[String], columns: &[Column]) -> Result<Vec<Option<usize>>, Vec<FieldError>> {
    let clean = |h: &str| h.trim().trim_end_matches('*').trim().to_string();
    let positions: Vec<Option<usize>> =
        columns.iter().map(|c| header.iter().position(|h| clean(h) == c.header)).collect();
    let missing: Vec<FieldError> = columns
        .iter()
        .zip(&positions)
        .filter(|(c, p)| c.required && p.is_none())
        .map(|(c, _)| FieldError::new(c.header, "缺少此列"))
        .collect();
    if missing.is_empty() { Ok(positions) } else { Err(missing) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for (input, out) in [("=1+1", "'=1+1"), ("+86", "'+86"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("张三", "张三"), ("", "")] {
            assert_eq!(neutralise(input), out);
        }
    }

    #[test]
    fn export_round_trips_through_the_streaming_reader() {
        let bytes = export("学生名单", &["姓名", "专业"], vec![vec!["张三".into(), "机电技术应用".into()], vec!["=cmd".into(), "".into()]]).unwrap();
        let mut rows = Vec::new();
        let n = stream_rows(&bytes, |r, cells| rows.push((r, cells))).unwrap();
        assert_eq!(n, 3);
        assert_eq!(rows[1], (2, vec!["张三".to_string(), "机电技术应用".to_string()]));
        assert_eq!(rows[2].1[0], "'=cmd");
    }

    #[test]
    fn headers_map_and_report_missing() {
        const COLS: [Column; 2] = [
            Column { key: "name", header: "姓名", required: true, help: "" },
            Column { key: "phone", header: "联系电话", required: false, help: "" },
        ];
        let pos = map_headers(&["联系电话".into(), "姓名*".into()], &COLS).unwrap();
        assert_eq!(pos, vec![Some(1), Some(0)]);
        let err = map_headers(&["联系电话".into()], &COLS).unwrap_err();
        assert_eq!(err[0].field, "姓名");
    }
}
