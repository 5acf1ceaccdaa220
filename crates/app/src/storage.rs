//! Stored files: every uploaded file (evidence, registers waiting for their import job,
//! error workbooks) goes through one interface, [`FileStore`], over the `object_store`
//! crate.
//!
//! Why: behind a load balancer the instance that receives an upload is not the one that
//! serves its download or runs its import job. Files therefore live in one place that every
//! instance reaches — a folder (local, or a network mount shared by the instances), or an
//! object store — never in an area's own directory. `ZHIJIAO_FILES_URL` chooses it:
//! `file:///srv/zhijiao/files` (default: `data_dir/files`) or `memory://` (one process only;
//! tests). Keys are `<area>/<random>.<ext>`; a key from the database is checked before use,
//! so a stored name can never reach outside the store.

use crate::error::{AppError, AppResult, FieldError};
use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
    /// The folder of a filesystem store: its files are read in place (an import reads the
    /// workbook where it lies) instead of being copied to a temporary file first.
    root: Option<PathBuf>,
    /// Where copies of remote objects wait while a job reads them.
    temp_dir: PathBuf,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileStore({})", self.inner)
    }
}

/// A stored file available as a local path for as long as this value lives (a copy of a
/// remote object is deleted when it is dropped; a file of a folder store is left alone).
pub struct LocalFile {
    pub path: PathBuf,
    temporary: bool,
}

impl LocalFile {
    /// A file already on this server's disk, left in place.
    pub fn existing(path: PathBuf) -> LocalFile {
        LocalFile { path, temporary: false }
    }
}

impl Drop for LocalFile {
    fn drop(&mut self) {
        if self.temporary {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn internal(e: impl Into<anyhow::Error>) -> AppError {
    AppError::Internal(e.into())
}

impl FileStore {
    /// The store `url` names (`file:///abs/dir`, `memory://`), or the folder `data_dir/files`.
    pub fn open(url: Option<&str>, data_dir: &Path) -> anyhow::Result<FileStore> {
        let temp_dir = crate::uploads::temp_dir(data_dir);
        match url.map(str::trim).filter(|u| !u.is_empty()) {
            None => Self::folder(&data_dir.join("files"), temp_dir),
            Some(u) if u.starts_with("memory:") => {
                Ok(FileStore { inner: Arc::new(object_store::memory::InMemory::new()), root: None, temp_dir })
            }
            Some(u) => {
                let parsed = url::Url::parse(u).map_err(|e| anyhow::anyhow!("ZHIJIAO_FILES_URL {u}: {e}"))?;
                if parsed.scheme() != "file" {
                    anyhow::bail!("ZHIJIAO_FILES_URL {u}: this build stores files in a folder (file://) or in memory (memory://)");
                }
                let dir = parsed.to_file_path().map_err(|()| anyhow::anyhow!("ZHIJIAO_FILES_URL {u}: not an absolute folder"))?;
                Self::folder(&dir, temp_dir)
            }
        }
    }

    fn folder(dir: &Path, temp_dir: PathBuf) -> anyhow::Result<FileStore> {
        std::fs::create_dir_all(dir)?;
        let dir = dir.canonicalize()?;
        let fs = object_store::local::LocalFileSystem::new_with_prefix(&dir)?;
        Ok(FileStore { inner: Arc::new(fs), root: Some(dir), temp_dir })
    }

    /// A key stored in the database, checked: `<area>/<name>` of plain segments only.
    fn key(stored: &str) -> AppResult<Key> {
        let ok = !stored.is_empty()
            && stored.split('/').all(|s| !s.is_empty() && s != "." && s != ".." && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
        if !ok {
            return Err(AppError::NotFound);
        }
        Key::parse(stored).map_err(|_| AppError::NotFound)
    }

    fn new_key(area: &str, ext: &str) -> String {
        format!("{area}/{}.{ext}", uuid::Uuid::new_v4().simple())
    }

    /// Store `bytes` as a new file of `area`; returns its key.
    pub async fn put(&self, area: &str, ext: &str, bytes: Vec<u8>) -> AppResult<String> {
        let key = Self::new_key(area, ext);
        self.inner.put(&Self::key(&key)?, PutPayload::from(bytes)).await.map_err(internal)?;
        Ok(key)
    }

    /// Store a received upload as a new file of `area`, streaming it in parts (a register is
    /// up to 100 MB); the temporary file is removed afterwards either way.
    pub async fn put_upload(&self, area: &str, ext: &str, upload: crate::uploads::Received) -> AppResult<String> {
        let key = Self::new_key(area, ext);
        let location = Self::key(&key)?;
        let path = upload.keep();
        let result = async {
            let mut file = tokio::fs::File::open(&path).await.map_err(internal)?;
            let upload = self.inner.put_multipart(&location).await.map_err(internal)?;
            let mut writer = WriteMultipart::new_with_chunk_size(upload, 8 * 1024 * 1024);
            let mut buf = vec![0u8; 1024 * 1024];
            loop {
                let n = file.read(&mut buf).await.map_err(internal)?;
                if n == 0 {
                    break;
                }
                writer.wait_for_capacity(4).await.map_err(internal)?;
                writer.write(&buf[..n]);
            }
            writer.finish().await.map_err(internal)?;
            Ok::<(), AppError>(())
        }
        .await;
        let _ = tokio::fs::remove_file(&path).await;
        result.map(|()| key)
    }

    /// The whole content of a stored file (evidence and error workbooks: ≤ 20 MB).
    pub async fn get(&self, stored: &str) -> AppResult<Vec<u8>> {
        match self.inner.get(&Self::key(stored)?).await {
            Ok(r) => Ok(r.bytes().await.map_err(internal)?.to_vec()),
            Err(object_store::Error::NotFound { .. }) => Err(AppError::NotFound),
            Err(e) => Err(internal(e)),
        }
    }

    /// A download of a stored file under `name`, streamed from the store.
    pub async fn download(&self, stored: &str, name: &str) -> AppResult<Response> {
        let got = match self.inner.get(&Self::key(stored)?).await {
            Ok(r) => r,
            Err(object_store::Error::NotFound { .. }) => return Err(AppError::NotFound),
            Err(e) => return Err(internal(e)),
        };
        let size = got.meta.size;
        let body = Body::from_stream(got.into_stream().map(|chunk| chunk.map_err(std::io::Error::other)));
        Ok((
            [
                (header::CONTENT_TYPE, content_type(name).to_string()),
                (header::CONTENT_LENGTH, size.to_string()),
                (header::CONTENT_DISPOSITION, crate::export::attachment_disposition(name)),
            ],
            body,
        )
            .into_response())
    }

    /// The stored file as a local path (for readers that need to seek, such as the .xlsx
    /// reader): the file itself in a folder store, else a temporary copy.
    pub async fn local(&self, stored: &str) -> AppResult<LocalFile> {
        let location = Self::key(stored)?;
        if let Some(root) = &self.root {
            return Ok(LocalFile { path: root.join(location.as_ref()), temporary: false });
        }
        tokio::fs::create_dir_all(&self.temp_dir).await.map_err(internal)?;
        let path = self.temp_dir.join(format!("copy-{}", uuid::Uuid::new_v4().simple()));
        let local = LocalFile { path: path.clone(), temporary: true };
        let got = match self.inner.get(&location).await {
            Ok(r) => r,
            Err(object_store::Error::NotFound { .. }) => return Err(AppError::NotFound),
            Err(e) => return Err(internal(e)),
        };
        let mut out = tokio::fs::File::create(&path).await.map_err(internal)?;
        let mut stream = got.into_stream();
        while let Some(chunk) = stream.next().await {
            out.write_all(&chunk.map_err(internal)?).await.map_err(internal)?;
        }
        // A tokio file finishes its last write in the background: wait for it.
        out.flush().await.map_err(internal)?;
        Ok(local)
    }

    /// Remove a stored file; a file already gone is not an error.
    pub async fn delete(&self, stored: &str) -> AppResult<()> {
        match self.inner.delete(&Self::key(stored)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(internal(e)),
        }
    }
}

/// The checked extension and a clean display name of an evidence upload: the extension one
/// of `kinds`, the name without control characters and at most 120 characters, the size
/// neither zero nor above `max_bytes`. `label` names the field in the messages.
pub fn evidence_name(filename: &str, size: u64, kinds: &[&str], max_bytes: usize, label: &str) -> AppResult<(String, String)> {
    let ext = filename.rsplit_once('.').map(|x| x.1.to_ascii_lowercase()).filter(|e| kinds.contains(&e.as_str()));
    let Some(ext) = ext else {
        return Err(AppError::Validation(vec![FieldError::new(label, format!("请上传 {} 文件", kinds.join("/")))]));
    };
    if size == 0 || size > max_bytes as u64 {
        return Err(AppError::Validation(vec![FieldError::new(label, format!("不能为空，且不超过{}MB", max_bytes / (1024 * 1024)))]));
    }
    let name: String = filename.chars().filter(|c| !c.is_control()).take(120).collect();
    Ok((ext, name))
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|x| x.1.to_ascii_lowercase()).as_deref() {
        Some("pdf") => "application/pdf",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("doc") => "application/msword",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xls") => "application/vnd.ms-excel",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("txt") => "text/plain; charset=utf-8",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_cannot_leave_the_store() {
        for bad in ["", "../secret.key", "a/../../b", "/etc/passwd", "a//b", "a/./b", "a\\b", "a/b c", "a/%2e%2e/b"] {
            assert!(FileStore::key(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["policy/0a1b.pdf", "imports/import-3f.xlsx", "cooperation/x_y-z.docx"] {
            assert!(FileStore::key(good).is_ok(), "{good:?} refused");
        }
    }

    #[test]
    fn evidence_names_are_checked() {
        let kinds = ["pdf", "docx"];
        assert_eq!(evidence_name("总结.PDF", 10, &kinds, 1024 * 1024, "佐证").unwrap(), ("pdf".into(), "总结.PDF".into()));
        assert!(evidence_name("a.exe", 10, &kinds, 1024 * 1024, "佐证").is_err());
        assert!(evidence_name("noext", 10, &kinds, 1024 * 1024, "佐证").is_err());
        assert!(evidence_name("a.pdf", 0, &kinds, 1024 * 1024, "佐证").is_err());
        assert!(evidence_name("a.pdf", 1024 * 1024 + 1, &kinds, 1024 * 1024, "佐证").is_err());
        assert_eq!(evidence_name("a\u{0}b\n.pdf", 1, &kinds, 1024, "佐证").unwrap().1, "ab.pdf");
    }

    /// Two stores opened on the same folder (two instances) see each other's files; a
    /// memory store round-trips through a temporary local copy.
    #[tokio::test]
    async fn a_folder_store_is_shared_and_a_remote_one_is_copied_locally() {
        let dir = std::env::temp_dir().join(format!("zj-store-{}", uuid::Uuid::new_v4().simple()));
        let a = FileStore::open(Some(&format!("file://{}", dir.join("files").display())), &dir).unwrap();
        let b = FileStore::open(None, &dir).unwrap();
        let key = a.put("policy", "pdf", b"%PDF-1.4 evidence".to_vec()).await.unwrap();
        assert!(key.starts_with("policy/") && key.ends_with(".pdf"));
        assert_eq!(b.get(&key).await.unwrap(), b"%PDF-1.4 evidence");
        let local = b.local(&key).await.unwrap();
        assert_eq!(std::fs::read(&local.path).unwrap(), b"%PDF-1.4 evidence");
        b.delete(&key).await.unwrap();
        assert!(matches!(a.get(&key).await, Err(AppError::NotFound)));
        b.delete(&key).await.unwrap();

        let m = FileStore::open(Some("memory://"), &dir).unwrap();
        let key = m.put("imports", "xlsx", vec![7u8; 3 * 1024 * 1024]).await.unwrap();
        let copy = m.local(&key).await.unwrap();
        let copied = copy.path.clone();
        assert_eq!(std::fs::metadata(&copied).unwrap().len(), 3 * 1024 * 1024);
        drop(copy);
        assert!(!copied.exists(), "the temporary copy is removed");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
