//! Static files (vendored htmx, ECharts, Pico CSS, our CSS and scripts) embedded in the
//! binary: one file to deploy, nothing fetched from a CDN on a government intranet.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

#[derive(rust_embed::RustEmbed)]
#[folder = "static/"]
struct Static;

pub async fn serve(Path(path): Path<String>) -> Response {
    match Static::get(&path) {
        Some(file) => {
            let mime = mime_guess::from_path(&path).first_or_octet_stream();
            let mut resp = (StatusCode::OK, file.data.into_owned()).into_response();
            let h = resp.headers_mut();
            if let Ok(v) = HeaderValue::from_str(mime.as_ref()) {
                h.insert(header::CONTENT_TYPE, v);
            }
            // Vendored libraries never change under the same name; our own files might.
            let cache = if path.starts_with("vendor/") { "public, max-age=31536000, immutable" } else { "public, max-age=300" };
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            resp
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
