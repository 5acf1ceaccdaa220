//! Uploaded files, streamed to disk as they arrive.
//!
//! Why: a school's register is tens of megabytes; buffering it whole per request (and
//! twice, in the multipart parser and in a `Vec`) made memory grow with every upload.
//! Each upload route declares its own body limit on purpose ([`IMPORT_MAX_BYTES`],
//! [`EVIDENCE_MAX_BYTES`]; everything else keeps axum's 2 MiB), and the bytes go to a
//! temporary file under `data_dir/files/tmp` chunk by chunk, counted against the same limit.

use crate::error::{AppError, FieldError};
use axum::extract::multipart::Field;
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

/// An Excel register uploaded for import: 100 MiB (a 30 MB register of ~200,000 rows
/// with room to spare).
pub const IMPORT_MAX_BYTES: usize = 100 * 1024 * 1024;
/// Evidence attached to a progress report, an agreement or a filing: 20 MiB.
pub const EVIDENCE_MAX_BYTES: usize = 20 * 1024 * 1024;
/// The small workbooks read in one piece (a school's yearly data, teachers, competition
/// results, agreements, rosters, majors' figures): 20 MiB.
pub const WORKBOOK_MAX_BYTES: usize = 20 * 1024 * 1024;

/// The body limit of an upload route: the file's limit plus room for the other fields
/// and the multipart framing.
pub fn body_limit(file_limit: usize) -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(file_limit + 64 * 1024)
}

/// A file received into a temporary place; deleted when dropped unless [`Self::keep`] moved
/// it somewhere permanent.
#[derive(Debug)]
pub struct Received {
    pub path: PathBuf,
    /// The name the browser gave, without any directory part.
    pub filename: String,
    pub size: u64,
    /// The first bytes, for checking the file's type by its content.
    pub head: Vec<u8>,
    kept: bool,
}

impl Received {
    /// Take the file out of the temporary area: it is now the caller's to delete.
    pub fn keep(mut self) -> PathBuf {
        self.kept = true;
        std::mem::take(&mut self.path)
    }

    /// Whether the content starts like a zip archive (.xlsx and .docx are zip archives).
    pub fn is_zip(&self) -> bool {
        self.head.starts_with(b"PK\x03\x04")
    }
}

impl Drop for Received {
    fn drop(&mut self) {
        if !self.kept && !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Where uploads wait until they are processed or moved.
pub fn temp_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("files").join("tmp")
}

/// Stream one multipart field to a new temporary file, refusing it past `limit` bytes.
/// `label` names the field in the error message (文件, 佐证材料 …).
pub async fn receive(mut field: Field<'_>, data_dir: &Path, limit: usize, label: &str) -> Result<Received, AppError> {
    let filename = field
        .file_name()
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or("").chars().filter(|c| !c.is_control()).take(200).collect::<String>())
        .unwrap_or_default();
    let dir = temp_dir(data_dir);
    tokio::fs::create_dir_all(&dir).await.map_err(|e| AppError::Internal(e.into()))?;
    let path = dir.join(format!("upload-{}", uuid::Uuid::new_v4().simple()));
    let mut received = Received { path: path.clone(), filename, size: 0, head: Vec::new(), kept: false };
    let mut out = tokio::fs::File::create(&path).await.map_err(|e| AppError::Internal(e.into()))?;
    while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(e, label, limit))? {
        received.size += chunk.len() as u64;
        if received.size > limit as u64 {
            // Read the rest (the route's body limit bounds it) so that the browser, still
            // sending, gets this message rather than a reset connection.
            while let Ok(Some(_)) = field.chunk().await {}
            return Err(AppError::Validation(vec![FieldError::new(label, format!("文件过大：不能超过 {} MB", limit / (1024 * 1024)))]));
        }
        if received.head.len() < 8 {
            let take = (8 - received.head.len()).min(chunk.len());
            received.head.extend_from_slice(&chunk[..take]);
        }
        out.write_all(&chunk).await.map_err(|e| AppError::Internal(e.into()))?;
    }
    out.flush().await.map_err(|e| AppError::Internal(e.into()))?;
    Ok(received)
}

/// A multipart error as the user should read it (the body limit's error says "too large").
pub fn multipart_error(e: axum::extract::multipart::MultipartError, label: &str, limit: usize) -> AppError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        AppError::Validation(vec![FieldError::new(label, format!("文件过大：不能超过 {} MB", limit / (1024 * 1024)))])
    } else {
        AppError::BadRequest(format!("上传的表单无法读取：{}", e.body_text()))
    }
}

/// The one file of an upload form (its field `file`), streamed to a temporary file; other
/// fields are ignored. No file chosen is a message on `label`.
pub async fn file_field(mut mp: axum::extract::Multipart, data_dir: &Path, limit: usize, label: &str) -> Result<Received, AppError> {
    let mut file = None;
    while let Some(field) = mp.next_field().await.map_err(|e| multipart_error(e, label, limit))? {
        if field.name() == Some("file") && file.is_none() {
            file = Some(receive(field, data_dir, limit, label).await?);
        }
    }
    file.filter(|f| f.size > 0 || !f.filename.is_empty()).ok_or_else(|| AppError::Validation(vec![FieldError::new(label, "请选择要上传的文件")]))
}
