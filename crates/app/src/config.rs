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
    /// The server's own folder: the SQLite file by default, `secret.key`, uploads in transit
    /// (`files/tmp`), and the file store unless `files_url` names another.
    pub data_dir: std::path::PathBuf,
    /// Where uploaded files are kept, shared by every instance (`ZHIJIAO_FILES_URL`:
    /// `file:///srv/zhijiao/files`, a folder every instance mounts; default `data_dir/files`).
    pub files_url: Option<String>,
    /// Argon2 cost: the OWASP minimum in production, cheaper in tests so they stay fast.
    pub password_hash_cost: PasswordCost,
    /// Login attempts allowed per client address and minute before 429.
    pub login_attempts_per_minute: u32,
    /// The server secret that signs codes handed to users (the fair check-in QR codes):
    /// `ZHIJIAO_SECRET`, or else generated once and kept in `data_dir/secret.key`.
    pub secret: Option<String>,
    /// How long a server's claim on a background job lasts without a heartbeat: a job
    /// whose server died is taken up again after this (`ZHIJIAO_JOB_LEASE_SECS`, 60).
    pub job_lease: std::time::Duration,
    /// Whether this server enqueues the periodic jobs (the monthly talent-report draft,
    /// sweeping expired sessions). `serve` turns it on; every instance may, since each
    /// period's job is enqueued once whoever asks first.
    pub schedule_periodic_jobs: bool,
    /// The request header that carries the client's address when the server runs behind
    /// a reverse proxy or load balancer (`ZHIJIAO_TRUSTED_PROXY_HEADER`, e.g.
    /// `X-Forwarded-For` or `X-Real-IP`); only requests from `trusted_proxies` may set it.
    pub client_ip_header: Option<String>,
    /// The addresses of the proxies allowed to set `client_ip_header`
    /// (`ZHIJIAO_TRUSTED_PROXIES`, comma-separated; default loopback).
    pub trusted_proxies: Vec<std::net::IpAddr>,
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
            files_url: std::env::var("ZHIJIAO_FILES_URL").ok().filter(|s| !s.trim().is_empty()),
            password_hash_cost: PasswordCost::Production,
            login_attempts_per_minute: 10,
            secret: std::env::var("ZHIJIAO_SECRET").ok().filter(|s| !s.trim().is_empty()),
            job_lease: std::time::Duration::from_secs(
                std::env::var("ZHIJIAO_JOB_LEASE_SECS").ok().and_then(|v| v.parse().ok()).filter(|n| (1..=3600).contains(n)).unwrap_or(60),
            ),
            schedule_periodic_jobs: false,
            client_ip_header: std::env::var("ZHIJIAO_TRUSTED_PROXY_HEADER").ok().map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()),
            trusted_proxies: std::env::var("ZHIJIAO_TRUSTED_PROXIES")
                .ok()
                .map(|v| v.split(',').filter_map(|a| a.trim().parse().ok()).collect())
                .unwrap_or_else(|| vec!["127.0.0.1".parse().expect("ip"), "::1".parse().expect("ip")]),
        }
    }
}

impl Settings {
    /// The signing key: the configured secret, or the one persisted in `data_dir/secret.key`
    /// (32 random bytes, base64, written on first start with mode 0600), so that codes
    /// already handed out stay valid across restarts.
    pub fn signing_key(&self) -> anyhow::Result<Vec<u8>> {
        if let Some(s) = &self.secret {
            anyhow::ensure!(s.len() >= 16, "ZHIJIAO_SECRET must be at least 16 characters");
            return Ok(s.as_bytes().to_vec());
        }
        let path = self.data_dir.join("secret.key");
        if let Ok(text) = std::fs::read_to_string(&path) {
            let text = text.trim();
            anyhow::ensure!(text.len() >= 16, "{} is too short to be a secret", path.display());
            return Ok(text.as_bytes().to_vec());
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let generated = crate::auth::random_token();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut f) => {
                std::io::Write::write_all(&mut f, generated.as_bytes())?;
                tracing::info!(path = %path.display(), "generated the server secret");
                Ok(generated.into_bytes())
            }
            // Another instance wrote it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(std::fs::read_to_string(&path)?.trim().as_bytes().to_vec()),
            Err(e) => Err(anyhow::anyhow!("cannot write {}: {e}", path.display())),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn settings_in(dir: &std::path::Path, secret: Option<&str>) -> Settings {
        let mut s = Settings::new(Some("sqlite::memory:".into()), "127.0.0.1:0".parse().unwrap());
        s.data_dir = dir.to_path_buf();
        s.secret = secret.map(String::from);
        s
    }

    #[test]
    fn the_signing_key_is_generated_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings_in(dir.path(), None);
        let first = s.signing_key().unwrap();
        assert!(first.len() >= 32);
        let stored = std::fs::read_to_string(dir.path().join("secret.key")).unwrap();
        assert_eq!(stored.as_bytes(), first.as_slice());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("secret.key")).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by the owner only");
        }
        assert_eq!(s.signing_key().unwrap(), first, "the same key after a restart");
        let other = tempfile::tempdir().unwrap();
        assert_ne!(settings_in(other.path(), None).signing_key().unwrap(), first, "each installation its own");
    }

    #[test]
    fn a_configured_secret_wins_and_must_be_long_enough() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(settings_in(dir.path(), Some("a-configured-secret-value")).signing_key().unwrap(), b"a-configured-secret-value");
        assert!(!dir.path().join("secret.key").exists());
        assert!(settings_in(dir.path(), Some("short")).signing_key().is_err());
    }
}
