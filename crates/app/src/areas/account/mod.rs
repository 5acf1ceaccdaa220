//! Signing in and out, the language switch, the account page, API tokens, and the
//! user administration used by `zhijiao user …`.

use crate::audit::{self, Entry};
use crate::auth::{self, AuthUser, Ctx, LOCALE_COOKIE, LoginOutcome, SESSION_COOKIE};
use crate::config::PasswordCost;
use crate::entity::{api_token, organization, user, user_role};
use crate::error::{ApiResult, AppError, AppResult, PageResult};
use crate::i18n::Locale;
use crate::roles::{Permission, Role};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login_submit))
        .route("/logout", post(logout))
        .route("/lang", post(switch_language))
        .route("/account", get(account_page))
}

pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(me))
}

#[derive(Template, WebTemplate)]
#[template(path = "account/login.html")]
struct LoginPage {
    page: Page,
    error: Option<&'static str>,
    username: String,
    next: String,
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

/// Only local paths are followed after login: no open redirect.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => n.to_string(),
        _ => "/".to_string(),
    }
}

async fn login_page(page: Page, Query(q): Query<NextQuery>) -> Response {
    if page.user.is_some() {
        return Redirect::to("/").into_response();
    }
    let title = page.t("login.title");
    LoginPage { page: page.titled(title), error: None, username: String::new(), next: safe_next(q.next.as_deref()) }
        .into_response()
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

async fn login_submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    page: Page,
    jar: CookieJar,
    Form(f): Form<LoginForm>,
) -> PageResult<Response> {
    let title = page.t("login.title");
    let fail = |page: Page, key: &'static str, status| {
        let e = page.t(key);
        (status, LoginPage { page: page.titled(title), error: Some(e), username: f.username.clone(), next: safe_next(f.next.as_deref()) })
            .into_response()
    };
    let client = crate::web::client_ip(addr.ip(), &headers, state.settings.client_ip_header.as_deref(), &state.settings.trusted_proxies);
    if state.login_limiter.check_key(&client).is_err() {
        return Ok(fail(page, "login.throttled", axum::http::StatusCode::TOO_MANY_REQUESTS));
    }
    match auth::login(&state.db, &f.username, &f.password).await? {
        LoginOutcome::Ok { token, user_id, locale } => {
            let cookie = Cookie::build((SESSION_COOKIE, token))
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(state.settings.secure_cookies)
                .build();
            let mut jar = jar.add(cookie);
            if let Some(l) = locale {
                jar = jar.add(locale_cookie(l));
            }
            let ctx = Ctx { user: auth::load_auth_user(&state.db, user_id).await?, ..Ctx::system() };
            audit::record(&state.db, &ctx, Entry::new("login", "user", user_id, "登录")).await?;
            Ok((jar, Redirect::to(&safe_next(f.next.as_deref()))).into_response())
        }
        LoginOutcome::BadCredentials => Ok(fail(page, "login.bad_credentials", axum::http::StatusCode::UNAUTHORIZED)),
        LoginOutcome::Locked => Ok(fail(page, "login.locked", axum::http::StatusCode::TOO_MANY_REQUESTS)),
    }
}

async fn logout(State(state): State<AppState>, jar: CookieJar) -> PageResult<Response> {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        auth::logout(&state.db, c.value()).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/")).into_response())
}

fn locale_cookie(l: Locale) -> Cookie<'static> {
    Cookie::build((LOCALE_COOKIE, l.code()))
        .path("/")
        .same_site(SameSite::Lax)
        .max_age(time::Duration::days(365))
        .build()
}

#[derive(Deserialize)]
struct LangForm {
    lang: String,
    next: Option<String>,
}

/// The language switch persists: in a cookie for everyone, and on the user's row.
async fn switch_language(State(state): State<AppState>, ctx: Ctx, jar: CookieJar, Form(f): Form<LangForm>) -> PageResult<Response> {
    let locale = Locale::parse(&f.lang).ok_or_else(|| AppError::BadRequest("lang".into()))?;
    if let Some(u) = &ctx.user {
        if let Some(row) = user::Entity::find_by_id(u.id).one(&state.db).await? {
            let mut am: user::ActiveModel = row.into();
            am.locale = Set(locale.code().to_string());
            am.update(&state.db).await?;
        }
    }
    Ok((jar.add(locale_cookie(locale)), Redirect::to(&safe_next(f.next.as_deref()))).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/account.html")]
struct AccountPage {
    page: Page,
    me: AuthUser,
    role_labels: Vec<&'static str>,
}

async fn account_page(page: Page, ctx: Ctx) -> PageResult<AccountPage> {
    let me = ctx.user()?.clone();
    let role_labels = me.roles.iter().map(|r| page.t(&r.label_key())).collect();
    let title = page.t("account.title");
    Ok(AccountPage { page: page.titled(title), me, role_labels })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub org_id: i64,
    pub org_name: String,
    pub org_kind: String,
    pub roles: Vec<String>,
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, body = crate::error::ErrorBody)))]
async fn me(ctx: Ctx) -> ApiResult<Json<Me>> {
    let u = ctx.user()?;
    Ok(Json(Me {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        org_id: u.org_id,
        org_name: u.org_name.clone(),
        org_kind: u.org_kind.clone(),
        roles: u.roles.iter().map(|r| r.key().to_string()).collect(),
    }))
}

/// The user an API token belongs to; `None` for an unknown token.
pub async fn user_for_api_token(db: &DatabaseConnection, token: &str) -> AppResult<Option<AuthUser>> {
    let Some(t) = api_token::Entity::find().filter(api_token::Column::TokenHash.eq(auth::token_hash(token))).one(db).await? else {
        return Ok(None);
    };
    auth::load_auth_user(db, t.user_id).await
}

// ----- user administration (CLI and demo loader) -----

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub org_id: i64,
    pub roles: &'a [Role],
}

/// Create a user with roles, in one transaction with its audit row.
pub async fn add_user(db: &DatabaseConnection, ctx: &Ctx, cost: PasswordCost, nu: NewUser<'_>) -> AppResult<i64> {
    if ctx.user.is_some() {
        ctx.require(Permission::UserManage)?;
    }
    if nu.username.trim().is_empty() {
        return Err(AppError::Validation(vec![crate::error::FieldError::new("username", "用户名不能为空")]));
    }
    auth::check_password_policy(nu.password)
        .map_err(|m| AppError::Validation(vec![crate::error::FieldError::new("password", m)]))?;
    organization::Entity::find_by_id(nu.org_id).one(db).await?.ok_or(AppError::NotFound)?;
    let hash = auth::hash_password(nu.password.to_string(), cost).await?;
    let tx = db.begin().await?;
    let u = user::ActiveModel {
        username: Set(nu.username.trim().to_string()),
        display_name: Set(nu.display_name.to_string()),
        password_hash: Set(hash),
        org_id: Set(nu.org_id),
        locale: Set("zh-CN".into()),
        phone: Set(None),
        is_active: Set(true),
        failed_logins: Set(0),
        locked_until: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await
    .map_err(|e| AppError::on_unique(e, "用户名已存在"))?;
    for r in nu.roles {
        user_role::ActiveModel { user_id: Set(u.id), role: Set(r.key().to_string()) }.insert(&tx).await?;
    }
    let roles: Vec<&str> = nu.roles.iter().map(|r| r.key()).collect();
    audit::record(
        &tx,
        ctx,
        Entry::new("create", "user", u.id, format!("新增用户 {}", u.username))
            .after(&serde_json::json!({"username": u.username, "org_id": u.org_id, "roles": roles})),
    )
    .await?;
    tx.commit().await?;
    Ok(u.id)
}

pub async fn set_password(db: &DatabaseConnection, ctx: &Ctx, cost: PasswordCost, username: &str, password: &str) -> AppResult<()> {
    auth::check_password_policy(password)
        .map_err(|m| AppError::Validation(vec![crate::error::FieldError::new("password", m)]))?;
    let u = user::Entity::find().filter(user::Column::Username.eq(username)).one(db).await?.ok_or(AppError::NotFound)?;
    let hash = auth::hash_password(password.to_string(), cost).await?;
    let tx = db.begin().await?;
    let id = u.id;
    let mut am: user::ActiveModel = u.into();
    am.password_hash = Set(hash);
    am.failed_logins = Set(0);
    am.locked_until = Set(None);
    am.update(&tx).await?;
    // A new password ends every session of the old one.
    crate::entity::session::Entity::delete_many().filter(crate::entity::session::Column::UserId.eq(id)).exec(&tx).await?;
    audit::record(&tx, ctx, Entry::new("set_password", "user", id, format!("重置密码 {username}"))).await?;
    tx.commit().await?;
    Ok(())
}

pub struct UserRow {
    pub username: String,
    pub display_name: String,
    pub org_name: String,
    pub roles: Vec<String>,
}

pub async fn list_users<C: ConnectionTrait>(db: &C) -> AppResult<Vec<UserRow>> {
    let users = user::Entity::find().order_by_asc(user::Column::Id).all(db).await?;
    let orgs = organization::Entity::find().all(db).await?;
    let roles = user_role::Entity::find().all(db).await?;
    Ok(users
        .into_iter()
        .map(|u| UserRow {
            org_name: orgs.iter().find(|o| o.id == u.org_id).map(|o| o.name.clone()).unwrap_or_default(),
            roles: roles.iter().filter(|r| r.user_id == u.id).map(|r| r.role.clone()).collect(),
            username: u.username,
            display_name: u.display_name,
        })
        .collect())
}

/// Issue an API token for a user; the token is shown once, only its hash is kept.
pub async fn create_api_token(db: &DatabaseConnection, ctx: &Ctx, username: &str, name: &str) -> AppResult<String> {
    let u = user::Entity::find().filter(user::Column::Username.eq(username)).one(db).await?.ok_or(AppError::NotFound)?;
    let token = auth::random_token();
    let tx = db.begin().await?;
    let t = api_token::ActiveModel {
        user_id: Set(u.id),
        name: Set(name.to_string()),
        token_hash: Set(auth::token_hash(&token)),
        created_at: Set(chrono::Utc::now()),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(&tx, ctx, Entry::new("create", "api_token", t.id, format!("为 {username} 签发 API 令牌 {name}"))).await?;
    tx.commit().await?;
    Ok(token)
}
