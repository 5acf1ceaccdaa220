//! The report as an .xlsx workbook: one sheet per table (see [`crate::tables::SHEETS`]),
//! title in row 1, headers in Chinese in row 2, numbers as numbers.

use crate::tables::{Cell, Table, tables};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};
use zhijiao_domain::talent_report::ReportOutput;

/// Excel's limit on the characters of a cell.
const MAX_CELL: usize = 32_767;

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_CELL { s.to_string() } else { s.chars().take(MAX_CELL).collect() }
}

/// Text that starts with = + - @ (or a tab or carriage return) is read as a formula when a
/// spreadsheet re-parses the cell (CSV, copy-paste, "edit and enter"): prefix a quote
/// (OWASP "CSV Injection"). The one rule for every workbook the project writes: the talent
/// report here and the app's exports (`crates/app/src/xlsx.rs` re-exports this function).
pub fn neutralise(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// A text cell as written: neutralised, then clipped to Excel's limit.
fn text_cell(s: &str) -> String {
    clip(&neutralise(s))
}

/// Row index of the first header row (0-based): row 0 holds the table's title.
pub const HEADER_ROW: u32 = 1;

/// Builds the workbook. Sheet names are the constants of [`crate::tables::SHEETS`] (all valid,
/// ≤ 31 characters) and cells are clipped to Excel's limit, so building cannot fail on data.
pub fn xlsx(r: &ReportOutput) -> Vec<u8> {
    try_xlsx(r).expect("sheet names are constants and cells are clipped to Excel's limits")
}

pub fn try_xlsx(r: &ReportOutput) -> Result<Vec<u8>, XlsxError> {
    tables_xlsx(tables(r))
}

/// The workbook of a list of tables, one sheet each.
fn tables_xlsx(tables: Vec<Table>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14).set_font_name("黑体");
    let head = Format::new().set_bold().set_background_color("DDEBF7").set_border(rust_xlsxwriter::FormatBorder::Thin).set_align(FormatAlign::Center);
    let pct = Format::new().set_num_format("0.0%");
    let dec = Format::new().set_num_format("0.00");
    let note = Format::new().set_italic().set_font_color("808080");
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(t.sheet)?;
        ws.write_string_with_format(0, 0, text_cell(&t.title_zh), &title)?;
        for (c, h) in t.headers.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, c as u16, *h, &head)?;
            ws.set_column_width(c as u16, if c == 0 { 24 } else { 14 })?;
        }
        let mut row = HEADER_ROW + 1;
        for cells in &t.rows {
            for (c, cell) in cells.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => {
                        ws.write_string(row, c, text_cell(s))?;
                    }
                    Cell::Int(n) => {
                        ws.write_number(row, c, *n as f64)?;
                    }
                    Cell::Num(x) => {
                        ws.write_number_with_format(row, c, *x, &dec)?;
                    }
                    Cell::Pct(x) => {
                        ws.write_number_with_format(row, c, *x, &pct)?;
                    }
                    Cell::Na => {}
                }
            }
            row += 1;
        }
        if !t.note_zh.is_empty() {
            ws.write_string_with_format(row, 0, text_cell(&t.note_zh), &note)?;
        }
        ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("+86 533", "'+86 533"),
            // Only the first character matters; text and numbers in text stay as they are.
            ("1+1", "1+1"),
            ("张三=李四", "张三=李四"),
            (" =1", " =1"),
            ("'=1", "'=1"),
            ("机电技术应用", "机电技术应用"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(neutralise(input), want, "{input:?}");
        }
    }

    /// The report's cells go through [`neutralise`]: text from the data (names of chains,
    /// occupations, majors) that looks like a formula reaches the sheet with a quote.
    #[test]
    fn report_workbook_neutralises_text_cells() {
        use calamine::{Reader, Xlsx, open_workbook_from_rs};
        let names = ["+1+1", "-2+3", "=HYPERLINK(\"http://x\")", "@SUM(A1)"];
        let table = Table {
            sheet: "测试",
            title_zh: "=标题".into(),
            headers: vec!["名称", "人数"],
            rows: names.iter().map(|n| vec![Cell::text(*n), Cell::Int(3)]).collect(),
            note_zh: "-说明".into(),
        };
        let bytes = tables_xlsx(vec![table]).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = wb.worksheet_range("测试").unwrap();
        let text = |r: u32, c: u32| range.get_value((r, c)).map(|v| v.to_string());
        assert_eq!(text(0, 0).as_deref(), Some("'=标题"));
        for (i, name) in names.iter().enumerate() {
            assert_eq!(text(HEADER_ROW + 1 + i as u32, 0), Some(format!("'{name}")));
            assert!(matches!(range.get_value((HEADER_ROW + 1 + i as u32, 1)), Some(calamine::Data::Float(_))));
        }
        assert_eq!(text(HEADER_ROW + 1 + names.len() as u32, 0).as_deref(), Some("'-说明"));
    }

    #[test]
    fn text_cells_are_neutralised_before_clipping() {
        let long = format!("={}", "a".repeat(MAX_CELL));
        let cell = text_cell(&long);
        assert!(cell.starts_with("'="));
        assert_eq!(cell.chars().count(), MAX_CELL);
    }
}
