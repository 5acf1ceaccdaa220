//! The web shell shared by every area: application state, the per-request context
//! middleware (session, locale, request id, CSRF), security headers, and `Page`, the
//! frame every HTML template gets.

use crate::auth::{self, AuthUser, Ctx, CSRF_COOKIE, LOCALE_COOKIE, SESSION_COOKIE};
use crate::config::Settings;
use crate::i18n::{I18n, Locale};
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use governor::{DefaultKeyedRateLimiter, Quota};
use sea_orm::DatabaseConnection;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// Login attempts per client address (10 a minute by default), then 429 (vaultwarden's pattern);
    /// the per-account lockout in the database covers distributed guessing.
    pub login_limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// The key that signs codes handed to users (`Settings::signing_key`).
    pub signing_key: Arc<[u8]>,
    /// Posting search's counts per query (matches and facets) for this database, for the
    /// SQL path (while the index is being built).
    pub search_cache: Arc<crate::areas::postings::search::CountCache>,
    /// Anonymous visitors' search results per query.
    pub search_pages: Arc<crate::areas::postings::search::PageCache>,
    /// The in-memory index of the open postings (`postings::search_index`); started by
    /// `Application::build_with_db`.
    pub search_index: Arc<crate::areas::postings::search_index::SearchIndex>,
    /// This server's background-job workers (`crate::jobs`); started by
    /// `Application::build_with_db`.
    pub jobs: Arc<crate::jobs::Runner>,
    /// Where uploaded files are kept, shared by every instance (`crate::storage`).
    pub files: crate::storage::FileStore,
}

impl AppState {
    pub fn new(db: DatabaseConnection, settings: Settings, signing_key: Vec<u8>, files: crate::storage::FileStore) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(settings.login_attempts_per_minute.max(1)).expect("nonzero"));
        AppState {
            db,
            settings: Arc::new(settings),
            login_limiter: Arc::new(DefaultKeyedRateLimiter::keyed(quota)),
            signing_key: signing_key.into(),
            search_cache: Arc::default(),
            search_pages: Arc::default(),
            search_index: Arc::default(),
            jobs: Arc::default(),
            files,
        }
    }
}

tokio::task_local! {
    /// The id of the request this task serves (set by [`request_id_middleware`]); error
    /// pages and API errors print it so that a user's report finds the log lines.
    static REQUEST_ID: String;
}

/// The id of the request being served, if any.
pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// The outermost layer: give every request an id (the client's `X-Request-Id` when it is
/// a short plain token, else a new one), run everything inside a span that carries it,
/// so every log line of the request names it, and return it in the response header.
pub async fn request_id_middleware(mut req: Request, next: Next) -> Response {
    use tracing::Instrument;
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|s| !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .map(String::from)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()[..16].to_string());
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        req.headers_mut().insert("x-request-id", v);
    }
    let span = tracing::info_span!("request", request_id = %request_id, method = %req.method(), path = %req.uri().path());
    let mut resp = REQUEST_ID.scope(request_id.clone(), next.run(req).instrument(span)).await;
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    resp
}

/// Build the request's `Ctx`, check CSRF on unsafe methods, and set the cookies the
/// browser needs (the double-submit token, first visit only).
pub async fn context_middleware(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    // Set by `request_id_middleware`, which wraps every request.
    let request_id = current_request_id().unwrap_or_default();

    let (csrf_token, new_csrf) = match jar.get(CSRF_COOKIE).map(|c| c.value().to_string()) {
        Some(t) if t.len() >= 32 => (t, false),
        _ => (auth::random_token(), true),
    };

    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let session_token = jar.get(SESSION_COOKIE).map(|c| c.value().to_string());
    let user: Option<AuthUser> = if let Some(token) = &bearer {
        match crate::areas::account::user_for_api_token(&state.db, token).await {
            Ok(Some(u)) => Some(u),
            Ok(None) => return crate::error::ApiError(crate::error::AppError::Unauthorized).into_response(),
            Err(e) => return crate::error::ApiError(e).into_response(),
        }
    } else if let Some(token) = &session_token {
        auth::user_for_session(&state.db, token).await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "session lookup failed");
            None
        })
    } else {
        None
    };

    // zh-CN unless the visitor chose English with the switch (the choice is a cookie,
    // and for signed-in users also stored on their account).
    let locale = jar.get(LOCALE_COOKIE).and_then(|c| Locale::parse(c.value())).unwrap_or_default();

    // CSRF: requests authenticated by a bearer token carry no ambient authority.
    if !is_safe(req.method()) && bearer.is_none() {
        if let Err(reason) = check_origin(req.headers()) {
            return csrf_refused(reason);
        }
        let (parts, body) = req.into_parts();
        let (presented, body) = match presented_csrf_token(&parts, body).await {
            Ok(x) => x,
            Err(resp) => return resp,
        };
        if new_csrf || presented.as_deref() != Some(csrf_token.as_str()) {
            return csrf_refused("CSRF 令牌缺失或不匹配，请刷新页面后重试");
        }
        req = Request::from_parts(parts, body);
    }

    // The bell in the navigation: unread notifications of a signed-in user.
    if let Some(u) = &user {
        let n = crate::areas::postings::notifications::unread_count(&state.db, u.id).await.unwrap_or(0);
        req.extensions_mut().insert(Unread(n));
    }
    let ctx = Ctx { user, locale, request_id: request_id.clone(), csrf_token: csrf_token.clone() };
    req.extensions_mut().insert(ctx);
    let mut resp = next.run(req).await;
    if new_csrf {
        let cookie = Cookie::build((CSRF_COOKIE, csrf_token))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(state.settings.secure_cookies)
            .build();
        if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

/// The client's address: the peer's, unless the peer is a trusted proxy and the configured
/// header names the client. In a list (`X-Forwarded-For: client, proxy1, proxy2`) every
/// proxy appends the address it saw, so only the entries on the right are trustworthy: the
/// client is the rightmost address that is not itself a trusted proxy.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, header_name: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    let Some(name) = header_name else { return peer };
    if !trusted.contains(&peer) {
        return peer;
    }
    let Some(value) = headers.get(name).and_then(|v| v.to_str().ok()) else { return peer };
    value
        .rsplit(',')
        .map(str::trim)
        .map(|a| a.parse::<IpAddr>().ok().or_else(|| a.parse::<std::net::SocketAddr>().ok().map(|s| s.ip())))
        .take_while(Option::is_some)
        .flatten()
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

fn is_safe(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The Fetch-Metadata / Origin check (Go 1.25 CrossOriginProtection): a browser tells us
/// where a request came from; anything not same-origin is refused.
fn check_origin(h: &HeaderMap) -> Result<(), &'static str> {
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return if site == "same-origin" || site == "none" { Ok(()) } else { Err("跨站请求已拒绝") };
    }
    let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let host = h.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin_host = origin.split("://").nth(1).unwrap_or_default();
    if origin_host == host { Ok(()) } else { Err("跨站请求已拒绝") }
}

/// The token from the `X-CSRF-Token` header, the `_csrf` query parameter (multipart
/// uploads) or the `_csrf` field of a urlencoded form, leaving the body intact.
async fn presented_csrf_token(parts: &Parts, body: Body) -> Result<(Option<String>, Body), Response> {
    if let Some(v) = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return Ok((Some(v.to_string()), body));
    }
    if let Some(q) = parts.uri.query() {
        if let Some((_, v)) = url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "_csrf") {
            return Ok((Some(v.into_owned()), body));
        }
    }
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((None, body));
    }
    let bytes = axum::body::to_bytes(body, 2 * 1024 * 1024)
        .await
        .map_err(|_| (StatusCode::PAYLOAD_TOO_LARGE, "表单过大").into_response())?;
    let token = url::form_urlencoded::parse(&bytes).find(|(k, _)| k == "_csrf").map(|(_, v)| v.into_owned());
    Ok((token, Body::from(bytes)))
}

fn csrf_refused(reason: &str) -> Response {
    (StatusCode::FORBIDDEN, axum::response::Html(format!("<!doctype html><meta charset=utf-8><h1>403</h1><p>{reason}</p>")))
        .into_response()
}

/// Headers every response carries. No inline script anywhere, so the CSP can say so.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        if !h.contains_key(k) {
            h.insert(k, HeaderValue::from_static(v));
        }
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    set(h, "x-frame-options", "DENY");
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "same-origin");
    resp
}

/// Unread notifications of the signed-in user, counted once per request.
#[derive(Clone, Copy)]
pub struct Unread(pub u64);

/// What every HTML page's frame needs: language, the signed-in user, the CSRF token,
/// and a QR code of the page's own address (the seed's "扫码使用手机浏览").
#[derive(Clone)]
pub struct Page {
    pub i18n: I18n,
    pub user: Option<AuthUser>,
    pub csrf: String,
    pub title: String,
    pub path: String,
    pub url: String,
    /// Unread notifications (the bell in the navigation).
    pub unread: u64,
}

impl Page {
    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }
    pub fn t(&self, key: &str) -> &'static str {
        self.i18n.t(key)
    }
    /// The footer's QR code of the page's own address. The same on every visit, and
    /// encoding it was most of the cost of an HTML page under load (`bench/run.sh load`:
    /// /login and /postings ran at a fifth of /healthz): the codes of the last 1,000
    /// addresses are kept.
    pub fn qr_svg(&self) -> String {
        static RECENT: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<String, String>>> = std::sync::LazyLock::new(Default::default);
        if let Some(svg) = RECENT.lock().unwrap_or_else(|e| e.into_inner()).get(&self.url) {
            return svg.clone();
        }
        let svg = qr_svg(&self.url, 120);
        let mut recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
        if recent.len() >= 1_000 {
            recent.clear();
        }
        recent.insert(self.url.clone(), svg.clone());
        svg
    }
    pub fn is(&self, role: &str) -> bool {
        self.user.as_ref().is_some_and(|u| u.roles.iter().any(|r| r.key() == role))
    }
    /// A static file's address with its content hash (`crate::assets::url`).
    pub fn asset(&self, path: &str) -> String {
        crate::assets::url(path)
    }
    pub fn nav_active(&self, prefix: &str) -> &'static str {
        if self.path == prefix || (prefix != "/" && self.path.starts_with(prefix)) { "page" } else { "false" }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = crate::error::AppError;
    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_request_parts(parts, s).await?;
        let host = parts.headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("localhost");
        let path_q = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        Ok(Page {
            i18n: I18n { locale: ctx.locale },
            user: ctx.user.clone(),
            csrf: ctx.csrf_token.clone(),
            title: String::new(),
            path: parts.uri.path().to_string(),
            url: format!("http://{host}{path_q}"),
            unread: parts.extensions.get::<Unread>().map(|u| u.0).unwrap_or(0),
        })
    }
}

/// An SVG QR code, safe to inline (it holds only rects and our own URL).
pub fn qr_svg(data: &str, size: u32) -> String {
    match qrcode::QrCode::new(data.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(size, size)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

/// Keyset-free simple paging for catalogue-sized lists.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: u64,
    pub per_page: u64,
}

impl Paging {
    pub fn new(page: Option<u64>, per_page: Option<u64>) -> Self {
        Paging { page: page.unwrap_or(1).max(1), per_page: per_page.unwrap_or(50).clamp(1, 500) }
    }
    pub fn offset(&self) -> u64 {
        (self.page - 1) * self.per_page
    }
    pub fn pages(&self, total: u64) -> u64 {
        total.div_ceil(self.per_page).max(1)
    }
}

/// `?a=1&page=2` for the link to another page of the same list.
pub fn page_link(path: &str, params: &[(&str, String)], page: u64) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        if !v.is_empty() {
            q.append_pair(k, v);
        }
    }
    q.append_pair("page", &page.to_string());
    format!("{path}?{}", q.finish())
}

/// Links of a paged list, for `templates/pager.html`.
pub struct Pager {
    pub current: u64,
    pub pages: u64,
    pub prev_href: String,
    pub next_href: String,
}

impl Pager {
    pub fn new(path: &str, params: &[(&str, String)], paging: Paging, total: u64) -> Pager {
        let pages = paging.pages(total);
        Pager {
            current: paging.page,
            pages,
            prev_href: page_link(path, params, paging.page.saturating_sub(1).max(1)),
            next_href: page_link(path, params, (paging.page + 1).min(pages)),
        }
    }
}

#[cfg(test)]
mod client_ip_tests {
    use super::*;

    #[test]
    fn the_client_is_the_rightmost_untrusted_address_behind_a_trusted_proxy() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let lb = ip("10.0.0.2");
        let trusted = [lb, ip("10.0.0.3")];
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert("x-forwarded-for", HeaderValue::from_str(v).unwrap());
            h
        };
        let cases: [(&str, IpAddr, Option<&str>, &str); 9] = [
            // (header, peer, configured header, expected client)
            ("203.0.113.7", lb, Some("x-forwarded-for"), "203.0.113.7"),
            ("198.51.100.1, 203.0.113.7", lb, Some("x-forwarded-for"), "203.0.113.7"),
            ("203.0.113.7, 10.0.0.3", lb, Some("x-forwarded-for"), "203.0.113.7"),
            // Not configured: the header is ignored.
            ("203.0.113.7", lb, None, "10.0.0.2"),
            // From an untrusted peer: the header is a lie the client wrote.
            ("203.0.113.7", ip("192.0.2.9"), Some("x-forwarded-for"), "192.0.2.9"),
            // Garbage on the right ends the trustworthy part.
            ("203.0.113.7, bogus", lb, Some("x-forwarded-for"), "10.0.0.2"),
            ("", lb, Some("x-forwarded-for"), "10.0.0.2"),
            ("[2001:db8::1]:443", lb, Some("x-forwarded-for"), "2001:db8::1"),
            ("10.0.0.3", lb, Some("x-forwarded-for"), "10.0.0.2"),
        ];
        for (value, peer, name, want) in cases {
            assert_eq!(client_ip(peer, &with(value), name, &trusted), ip(want), "{value:?} from {peer}");
        }
        assert_eq!(client_ip(lb, &HeaderMap::new(), Some("x-forwarded-for"), &trusted), lb, "no header");
    }
}
