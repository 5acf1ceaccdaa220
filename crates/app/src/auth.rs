//! Who is asking: sessions in the database (HttpOnly, SameSite cookies), Argon2id
//! passwords, login throttling, and the per-request `Ctx` every service takes first.

use crate::config::PasswordCost;
use crate::entity::{organization, session, user, user_role};
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::roles::{Permission, Role, role_has};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::Engine;
use chrono::{Duration, Utc};
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "zj_session";
pub const CSRF_COOKIE: &str = "zj_csrf";
pub const LOCALE_COOKIE: &str = "zj_lang";
/// Officials work long days; a session idles out after 12 hours without a request.
pub const SESSION_HOURS: i64 = 12;
/// However busy, a session ends 7 days after sign-in.
pub const SESSION_MAX_DAYS: i64 = 7;
/// A session's idle deadline is pushed forward at most this often (a write per request
/// would be wasteful).
const SESSION_RENEW_MINUTES: i64 = 5;
/// Consecutive failures before an account is locked, and for how long.
pub const LOCKOUT_AFTER: i32 = 5;
pub const LOCKOUT_MINUTES: i64 = 15;

#[derive(Clone, Debug, serde::Serialize)]
pub struct AuthUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub org_id: i64,
    pub org_name: String,
    pub org_kind: String,
    pub roles: Vec<Role>,
}

impl AuthUser {
    pub fn has_role(&self, r: Role) -> bool {
        self.roles.contains(&r)
    }
    pub fn can(&self, p: Permission) -> bool {
        self.roles.iter().any(|r| role_has(*r, p))
    }
    /// The role whose home page the user sees first.
    pub fn primary_role(&self) -> Option<Role> {
        self.roles.iter().min().copied()
    }
}

/// The acting context: passed first to every service function.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub user: Option<AuthUser>,
    pub locale: Locale,
    pub request_id: String,
    /// The double-submit token forms carry as `_csrf`.
    pub csrf_token: String,
}

impl Ctx {
    /// A context for the command line and the demo loader: acts as the system.
    pub fn system() -> Ctx {
        Ctx { user: None, locale: Locale::ZhCn, request_id: "cli".into(), csrf_token: String::new() }
    }
    pub fn user(&self) -> AppResult<&AuthUser> {
        self.user.as_ref().ok_or(AppError::Unauthorized)
    }
    pub fn can(&self, p: Permission) -> bool {
        self.user.as_ref().is_some_and(|u| u.can(p))
    }
    /// The user, if they hold the permission; 401 when anonymous, 403 otherwise.
    pub fn require(&self, p: Permission) -> AppResult<&AuthUser> {
        let u = self.user()?;
        if u.can(p) { Ok(u) } else { Err(AppError::Forbidden) }
    }
    pub fn user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("context middleware missing")))
    }
}

impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        crate::error::PageError(self).into_response()
    }
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn argon2(cost: PasswordCost) -> Argon2<'static> {
    let params = match cost {
        PasswordCost::Production => Params::new(19 * 1024, 2, 1, None),
        PasswordCost::Test => Params::new(1024, 1, 1, None),
    }
    .expect("valid argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hash on a blocking thread: Argon2id is deliberately slow.
pub async fn hash_password(password: String, cost: PasswordCost) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        // 16 random bytes from the operating system's generator (rand's thread generator
        // is seeded from it), the salt length the Argon2 RFC recommends.
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        let salt = SaltString::encode_b64(&bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        argon2(cost).hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| anyhow::anyhow!("hash: {e}"))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(AppError::Internal)
}

pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// Password policy: at least 8 characters with letters and digits (GB/T 22239-2019
/// 等级保护 2.0 asks for complexity on identification; 8 is the common floor).
pub fn check_password_policy(p: &str) -> Result<(), &'static str> {
    if p.chars().count() < 8 {
        return Err("密码至少8位");
    }
    if !p.chars().any(|c| c.is_ascii_digit()) || !p.chars().any(|c| c.is_alphabetic()) {
        return Err("密码须同时包含字母和数字");
    }
    Ok(())
}

pub enum LoginOutcome {
    Ok { token: String, user_id: i64, locale: Option<Locale> },
    BadCredentials,
    Locked,
}

/// Check a username and password; on success create a session and return its token.
/// Failures count towards a lockout stored on the user row, so it holds across instances.
pub async fn login(db: &DatabaseConnection, username: &str, password: &str) -> AppResult<LoginOutcome> {
    let Some(u) = user::Entity::find().filter(user::Column::Username.eq(username.trim())).one(db).await? else {
        // Spend the same time as a real check so that usernames cannot be probed by timing.
        let _ = verify_password(password.to_string(), DUMMY_HASH.to_string()).await;
        return Ok(LoginOutcome::BadCredentials);
    };
    let now = Utc::now();
    if u.locked_until.is_some_and(|t| t > now) {
        return Ok(LoginOutcome::Locked);
    }
    if !u.is_active || !verify_password(password.to_string(), u.password_hash.clone()).await {
        let failures = u.failed_logins + 1;
        let mut am: user::ActiveModel = u.into();
        am.failed_logins = Set(if failures >= LOCKOUT_AFTER { 0 } else { failures });
        if failures >= LOCKOUT_AFTER {
            am.locked_until = Set(Some(now + Duration::minutes(LOCKOUT_MINUTES)));
        }
        am.update(db).await?;
        return Ok(if failures >= LOCKOUT_AFTER { LoginOutcome::Locked } else { LoginOutcome::BadCredentials });
    }
    let user_id = u.id;
    let locale = Locale::parse(&u.locale);
    if u.failed_logins != 0 || u.locked_until.is_some() {
        let mut am: user::ActiveModel = u.into();
        am.failed_logins = Set(0);
        am.locked_until = Set(None);
        am.update(db).await?;
    }
    let token = random_token();
    session::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        csrf_token: Set(random_token()),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(SESSION_HOURS)),
    }
    .insert(db)
    .await?;
    Ok(LoginOutcome::Ok { token, user_id, locale })
}

/// An Argon2id hash of a random string, used to equalise timing for unknown users.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Yq7Ffq3m2k5kKq0b0m5aJ6bYc0p0Vh2jv2m6wVYc8rY";

pub async fn logout(db: &DatabaseConnection, token: &str) -> AppResult<()> {
    session::Entity::delete_by_id(token_hash(token)).exec(db).await?;
    Ok(())
}

/// The user behind a session token, if the session is alive.
pub async fn user_for_session(db: &DatabaseConnection, token: &str) -> AppResult<Option<AuthUser>> {
    let Some(s) = session::Entity::find_by_id(token_hash(token)).one(db).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    if s.expires_at < now || s.created_at + Duration::days(SESSION_MAX_DAYS) < now {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(None);
    }
    // Idle time, not time since sign-in: each request (at most every few minutes) moves
    // the deadline to SESSION_HOURS from now.
    if s.expires_at - now < Duration::hours(SESSION_HOURS) - Duration::minutes(SESSION_RENEW_MINUTES) {
        let user_id = s.user_id;
        let mut am: session::ActiveModel = s.into();
        am.expires_at = Set(now + Duration::hours(SESSION_HOURS));
        am.update(db).await?;
        return load_auth_user(db, user_id).await;
    }
    load_auth_user(db, s.user_id).await
}

/// Delete expired sessions (a periodic job); returns how many.
pub async fn sweep_sessions(db: &DatabaseConnection) -> AppResult<u64> {
    let now = Utc::now();
    let r = session::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(session::Column::ExpiresAt.lt(now))
                .add(session::Column::CreatedAt.lt(now - Duration::days(SESSION_MAX_DAYS))),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

pub async fn load_auth_user(db: &DatabaseConnection, user_id: i64) -> AppResult<Option<AuthUser>> {
    let Some(u) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if !u.is_active {
        return Ok(None);
    }
    let org = organization::Entity::find_by_id(u.org_id).one(db).await?.ok_or(AppError::NotFound)?;
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(u.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Role::parse(&r.role))
        .collect();
    Ok(Some(AuthUser {
        id: u.id,
        username: u.username,
        display_name: u.display_name,
        org_id: org.id,
        org_name: org.name,
        org_kind: org.kind,
        roles,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy_table() {
        assert!(check_password_policy("abc12345").is_ok());
        assert!(check_password_policy("职教平台abc1").is_ok());
        assert_eq!(check_password_policy("abc123"), Err("密码至少8位"));
        assert_eq!(check_password_policy("abcdefgh"), Err("密码须同时包含字母和数字"));
        assert_eq!(check_password_policy("12345678"), Err("密码须同时包含字母和数字"));
    }

    #[tokio::test]
    async fn hashes_verify_and_reject() {
        let h = hash_password("Demo@2026".into(), PasswordCost::Test).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("Demo@2026".into(), h.clone()).await);
        assert!(!verify_password("demo@2026".into(), h).await);
        assert!(!verify_password("x".into(), DUMMY_HASH.into()).await);
    }
}
