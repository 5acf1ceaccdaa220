//! Static files (vendored htmx, ECharts, Pico CSS, our CSS and scripts) embedded in the
//! binary: one file to deploy, nothing fetched from a CDN on a government intranet.
//!
//! Pages link them by [`url`], which puts a hash of the content into the name
//! (`/static/app.3f2a1b9c.css`): such a name never changes content, so browsers may keep it
//! for a year (`immutable`); a new release changes the name. Plain names still work, with
//! a short cache.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(rust_embed::RustEmbed)]
#[folder = "static/"]
struct Static;

/// Hex digits of the content hash in a name.
const HASH_LEN: usize = 8;

fn hashes() -> &'static HashMap<String, String> {
    static HASHES: OnceLock<HashMap<String, String>> = OnceLock::new();
    HASHES.get_or_init(|| {
        Static::iter()
            .filter_map(|path| {
                let file = Static::get(&path)?;
                let digest = hex::encode(Sha256::digest(&file.data));
                Some((path.to_string(), digest[..HASH_LEN].to_string()))
            })
            .collect()
    })
}

/// The address of a static file with its content hash in the name
/// (`app.css` → `/static/app.3f2a1b9c.css`).
pub fn url(path: &str) -> String {
    match hashes().get(path) {
        Some(hash) => match path.rsplit_once('.') {
            Some((stem, ext)) if !stem.ends_with('/') => format!("/static/{stem}.{hash}.{ext}"),
            _ => format!("/static/{path}?v={hash}"),
        },
        None => format!("/static/{path}"),
    }
}

/// The bytes of an embedded file (for routes that serve one at a fixed address).
pub fn file(path: &str) -> Option<Vec<u8>> {
    Static::get(path).map(|f| f.data.into_owned())
}

/// The embedded file a requested name stands for, and whether the name carried the
/// file's current hash.
fn resolve(requested: &str) -> Option<(String, bool)> {
    if hashes().contains_key(requested) {
        return Some((requested.to_string(), false));
    }
    let (rest, ext) = requested.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    let path = format!("{stem}.{ext}");
    let current = hashes().get(&path)?;
    Some((path, current == hash))
}

pub async fn serve(Path(path): Path<String>) -> Response {
    let Some((path, hashed)) = resolve(&path) else { return StatusCode::NOT_FOUND.into_response() };
    let Some(file) = Static::get(&path) else { return StatusCode::NOT_FOUND.into_response() };
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let mut resp = (StatusCode::OK, file.data.into_owned()).into_response();
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime.as_ref()) {
        h.insert(header::CONTENT_TYPE, v);
    }
    let cache = if hashed { "public, max-age=31536000, immutable" } else { "public, max-age=300" };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_resolve_to_their_file_and_only_the_current_hash_is_immutable() {
        let app_css = url("app.css");
        assert!(app_css.starts_with("/static/app.") && app_css.ends_with(".css") && app_css.len() == "/static/app..css".len() + HASH_LEN, "{app_css}");
        let name = app_css.trim_start_matches("/static/");
        assert_eq!(resolve(name), Some(("app.css".into(), true)));
        assert_eq!(resolve("app.css"), Some(("app.css".into(), false)));
        assert_eq!(resolve("app.00000000.css"), Some(("app.css".into(), false)));
        assert_eq!(resolve("vendor/htmx.min.js"), Some(("vendor/htmx.min.js".into(), false)));
        let htmx = url("vendor/htmx.min.js");
        assert_eq!(resolve(htmx.trim_start_matches("/static/")), Some(("vendor/htmx.min.js".into(), true)));
        assert_eq!(resolve("nope.css"), None);
        assert_eq!(url("nope.css"), "/static/nope.css");
    }
}
