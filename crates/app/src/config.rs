//! Settings: command-line flags and `ZHIJIAO_…` environment variables, nothing global.
//! Tests build a `Settings` value directly and pass it to `build()` (zero2prod's pattern).

use std::net::SocketAddr;

#[derive(Clone, Debug)]
pub struct Settings {
    /// `sqlite://data/zhijiao.db?mode=rwc` (default) or `postgres://user@host/db`.
    pub database_url: String,
    pub bind: SocketAddr,
    /// Mark cookies `Secure`; on behind HTTPS in production.
    pub secure_cookies: bool,
    /// Where uploaded files are kept (content-addressed).
    pub data_dir: std::path::PathBuf,
    /// Argon2 cost: the OWASP minimum in production, cheaper in tests so they stay fast.
    pub password_hash_cost: PasswordCost,
    /// Login attempts allowed per client address and minute before 429.
    pub login_attempts_per_minute: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordCost {
    /// Argon2id m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet).
    Production,
    /// Argon2id m=1 MiB, t=1, p=1: the same algorithm, for test suites only.
    Test,
}

pub const DEFAULT_SQLITE_URL: &str = "sqlite://data/zhijiao.db?mode=rwc";

impl Settings {
    pub fn new(database_url: Option<String>, bind: SocketAddr) -> Self {
        Settings {
            database_url: database_url.unwrap_or_else(|| DEFAULT_SQLITE_URL.to_string()),
            bind,
            secure_cookies: std::env::var("ZHIJIAO_SECURE_COOKIES").is_ok_and(|v| v == "1" || v == "true"),
            data_dir: std::env::var("ZHIJIAO_DATA_DIR").map(Into::into).unwrap_or_else(|_| "data".into()),
            password_hash_cost: PasswordCost::Production,
            login_attempts_per_minute: 10,
        }
    }
}

/// The URL with any password replaced, for logs and banners.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}
