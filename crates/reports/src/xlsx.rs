//! The report as an .xlsx workbook: one sheet per table (see [`crate::tables::SHEETS`]),
//! title in row 1, headers in Chinese in row 2, numbers as numbers.

use crate::tables::{Cell, tables};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};
use zhijiao_domain::talent_report::ReportOutput;

/// Excel's limit on the characters of a cell.
const MAX_CELL: usize = 32_767;

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_CELL { s.to_string() } else { s.chars().take(MAX_CELL).collect() }
}

/// Row index of the first header row (0-based): row 0 holds the table's title.
pub const HEADER_ROW: u32 = 1;

/// Builds the workbook. Sheet names are the constants of [`crate::tables::SHEETS`] (all valid,
/// ≤ 31 characters) and cells are clipped to Excel's limit, so building cannot fail on data.
pub fn xlsx(r: &ReportOutput) -> Vec<u8> {
    try_xlsx(r).expect("sheet names are constants and cells are clipped to Excel's limits")
}

pub fn try_xlsx(r: &ReportOutput) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14).set_font_name("黑体");
    let head = Format::new().set_bold().set_background_color("DDEBF7").set_border(rust_xlsxwriter::FormatBorder::Thin).set_align(FormatAlign::Center);
    let pct = Format::new().set_num_format("0.0%");
    let dec = Format::new().set_num_format("0.00");
    let note = Format::new().set_italic().set_font_color("808080");
    for t in tables(r) {
        let ws = wb.add_worksheet();
        ws.set_name(t.sheet)?;
        ws.write_string_with_format(0, 0, clip(&t.title_zh), &title)?;
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
                        ws.write_string(row, c, clip(s))?;
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
            ws.write_string_with_format(row, 0, clip(&t.note_zh), &note)?;
        }
        ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    }
    wb.save_to_buffer()
}
