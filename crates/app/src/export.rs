//! "导出 Excel" of every list: one helper instead of a loop per list.
//!
//! Why: each export used to collect every row of the list in memory (paging with OFFSET,
//! quadratic in the list's length) and build the workbook on the async threads. Here the
//! list hands over batches as it reads them — by a cursor of its own choosing, a key for
//! the long lists (students, audit log, destinations: `WHERE id > last`), a page number for
//! the short ones — and a blocking thread writes them into a constant-memory worksheet
//! (rows go to a temporary file, not a grid in memory) while the next batch is read.

use crate::error::{AppError, AppResult};
use rust_xlsxwriter::{Format, Workbook};
use std::future::Future;

/// Rows per batch a list reads for an export.
pub const BATCH: u64 = 500;

/// One batch of an export: its rows, and the cursor of the next batch (None = the end).
pub struct Batch<K> {
    pub rows: Vec<Vec<String>>,
    pub next: Option<K>,
}

impl<K> Batch<K> {
    /// The batch after `items`: over when fewer than [`BATCH`] came back.
    pub fn of<T>(items: Vec<T>, next: impl FnOnce(&T) -> K, row: impl FnMut(T) -> Vec<String>) -> Batch<K> {
        let full = items.len() as u64 >= BATCH;
        let next = if full { items.last().map(next) } else { None };
        Batch { rows: items.into_iter().map(row).collect(), next }
    }
}

/// Build the .xlsx of a list: `headers`, then every batch `read(cursor)` returns, starting
/// with `read(None)`. Cells are neutralised against formula injection (`xlsx::neutralise`).
pub async fn xlsx<K, F, Fut>(sheet: &str, headers: &[&str], mut read: F) -> AppResult<Vec<u8>>
where
    F: FnMut(Option<K>) -> Fut,
    Fut: Future<Output = AppResult<Batch<K>>>,
{
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<Vec<String>>>(2);
    let sheet = sheet.to_string();
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    let writer = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut wb = Workbook::new();
        let hf = Format::new().set_bold().set_background_color(rust_xlsxwriter::Color::RGB(0xDDEBF7));
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(&sheet)?;
        for (i, h) in headers.iter().enumerate() {
            ws.set_column_width(i as u16, 16)?;
            ws.write_string_with_format(0, i as u16, h, &hf)?;
        }
        ws.set_freeze_panes(1, 0)?;
        let mut r = 1u32;
        while let Some(batch) = rx.blocking_recv() {
            for row in batch {
                for (c, v) in row.iter().enumerate() {
                    ws.write_string(r, c as u16, crate::xlsx::neutralise(v))?;
                }
                r += 1;
            }
        }
        wb.save_to_buffer()
    });
    let mut cursor = None;
    loop {
        let batch = read(cursor.take()).await?;
        if !batch.rows.is_empty() && tx.send(batch.rows).await.is_err() {
            break; // the writer failed: its error is reported below
        }
        match batch.next {
            Some(k) => cursor = Some(k),
            None => break,
        }
    }
    drop(tx);
    let bytes = writer.await.map_err(|e| AppError::Internal(e.into()))?.map_err(|e| AppError::Internal(e.into()))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn batches_are_written_in_order_with_formulas_neutralised() {
        let total = 1_234u64;
        let bytes = xlsx("名单", &["序号", "内容"], |after: Option<u64>| async move {
            let start = after.map_or(1, |a| a + 1);
            let items: Vec<u64> = (start..=total).take(BATCH as usize).collect();
            Ok(Batch::of(items, |last| *last, |n| vec![n.to_string(), if n == 7 { "=1+1".into() } else { format!("第{n}行") }]))
        })
        .await
        .unwrap();
        let mut rows = Vec::new();
        crate::xlsx::stream_rows(&bytes, |_, cells| rows.push(cells)).unwrap();
        assert_eq!(rows.len() as u64, total + 1, "header and every row");
        assert_eq!(rows[0], vec!["序号", "内容"]);
        assert_eq!(rows[1], vec!["1", "第1行"]);
        assert_eq!(rows[7], vec!["7", "'=1+1"]);
        assert_eq!(rows[total as usize], vec![total.to_string(), format!("第{total}行")]);
    }
}

/// The `Content-Disposition` of a download named `name` (RFC 6266 `filename*`, UTF-8, so
/// that Chinese names survive every browser).
pub fn attachment_disposition(name: &str) -> String {
    format!("attachment; filename*=UTF-8''{}", urlencoding::encode(name))
}
