//! User administration for the district: list accounts, add one to an organisation
//! with roles, reset a password, disable or re-enable an account. The same service
//! functions back `zhijiao user …` (crates/app/src/areas/account).

use crate::areas::account::{self, NewUser};
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{organization, session, user, user_role};
use crate::error::{AppError, FieldError, PageResult};
use crate::roles::{Permission, Role};
use crate::web::{AppState, Page};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(list).post(create))
        .route("/users/new", get(new_form))
        .route("/users/{id}/password", post(reset_password))
        .route("/users/{id}/active", post(set_active))
}

struct Row {
    id: i64,
    username: String,
    display_name: String,
    org_name: String,
    roles: Vec<&'static str>,
    is_active: bool,
    locked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "users/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<Row>,
    message: Option<String>,
}

async fn rows(s: &AppState, page: &Page) -> Result<Vec<Row>, AppError> {
    let users = user::Entity::find().order_by_asc(user::Column::Id).all(&s.db).await?;
    let orgs = organization::Entity::find().all(&s.db).await?;
    let roles = user_role::Entity::find().all(&s.db).await?;
    let now = chrono::Utc::now();
    Ok(users
        .into_iter()
        .map(|u| Row {
            org_name: orgs.iter().find(|o| o.id == u.org_id).map(|o| o.name.clone()).unwrap_or_default(),
            roles: roles
                .iter()
                .filter(|r| r.user_id == u.id)
                .filter_map(|r| Role::parse(&r.role))
                .map(|r| page.t(&r.label_key()))
                .collect(),
            locked: u.locked_until.is_some_and(|t| t > now),
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            is_active: u.is_active,
        })
        .collect())
}

async fn list(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<ListPage> {
    ctx.require(Permission::UserManage)?;
    let rows = rows(&s, &page).await?;
    let title = page.t("users.title");
    Ok(ListPage { page: page.titled(title), rows, message: None })
}

#[derive(Deserialize, Default, Clone)]
struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    org_id: Option<i64>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    password: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "users/form.html")]
struct FormPage {
    page: Page,
    form: UserForm,
    orgs: Vec<(i64, String)>,
    /// (key, label, checked)
    roles: Vec<(&'static str, &'static str, bool)>,
    errors: Vec<FieldError>,
}

async fn form_page(s: &AppState, page: Page, form: UserForm, errors: Vec<FieldError>) -> Result<FormPage, AppError> {
    let orgs = organization::Entity::find().order_by_asc(organization::Column::Kind).order_by_asc(organization::Column::Id).all(&s.db).await?;
    let roles = Role::ALL.iter().map(|r| (r.key(), page.t(&r.label_key()), form.roles.iter().any(|x| x == r.key()))).collect();
    let title = page.t("users.new");
    Ok(FormPage { page: page.titled(title), form, orgs: orgs.into_iter().map(|o| (o.id, o.name)).collect(), roles, errors })
}

async fn new_form(State(s): State<AppState>, ctx: Ctx, page: Page) -> PageResult<FormPage> {
    ctx.require(Permission::UserManage)?;
    Ok(form_page(&s, page, UserForm::default(), Vec::new()).await?)
}

async fn create(State(s): State<AppState>, ctx: Ctx, page: Page, Form(f): Form<UserForm>) -> PageResult<Response> {
    ctx.require(Permission::UserManage)?;
    let mut errors = Vec::new();
    let roles: Vec<Role> = f.roles.iter().filter_map(|r| Role::parse(r)).collect();
    if roles.is_empty() {
        errors.push(FieldError::new("roles", "请至少选择一个角色"));
    }
    let Some(org_id) = f.org_id else {
        errors.push(FieldError::new("org_id", "请选择所属机构"));
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, form_page(&s, page, f, errors).await?).into_response());
    };
    if !errors.is_empty() {
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, form_page(&s, page, f, errors).await?).into_response());
    }
    let result = account::add_user(
        &s.db,
        &ctx,
        s.settings.password_hash_cost,
        NewUser { username: &f.username, display_name: &f.display_name, password: &f.password, org_id, roles: &roles },
    )
    .await;
    match result {
        Ok(_) => Ok(Redirect::to("/users").into_response()),
        Err(AppError::Validation(errors)) => Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, form_page(&s, page, f, errors).await?).into_response()),
        Err(AppError::Conflict(m)) => {
            let errors = vec![FieldError::new("username", m)];
            Ok((axum::http::StatusCode::CONFLICT, form_page(&s, page, f, errors).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    password: String,
}

async fn reset_password(State(s): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>, Form(f): Form<PasswordForm>) -> PageResult<Response> {
    ctx.require(Permission::UserManage)?;
    let u = user::Entity::find_by_id(id).one(&s.db).await?.ok_or(AppError::NotFound)?;
    match account::set_password(&s.db, &ctx, s.settings.password_hash_cost, &u.username, &f.password).await {
        Ok(()) => Ok(Redirect::to("/users").into_response()),
        Err(AppError::Validation(errors)) => {
            let rows = rows(&s, &page).await?;
            let message = Some(format!("{}：{}", u.username, errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("；")));
            let title = page.t("users.title");
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, ListPage { page: page.titled(title), rows, message }).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct ActiveForm {
    active: bool,
}

/// Disable or re-enable an account; disabling ends its sessions at once.
async fn set_active(State(s): State<AppState>, ctx: Ctx, Path(id): Path<i64>, Form(f): Form<ActiveForm>) -> PageResult<Redirect> {
    let me = ctx.require(Permission::UserManage)?;
    if me.id == id && !f.active {
        return Err(AppError::BadRequest("不能停用自己的账号".into()).into());
    }
    let tx = s.db.begin().await?;
    let u = user::Entity::find_by_id(id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let username = u.username.clone();
    let mut am: user::ActiveModel = u.into();
    am.is_active = Set(f.active);
    am.update(&tx).await?;
    if !f.active {
        session::Entity::delete_many().filter(session::Column::UserId.eq(id)).exec(&tx).await?;
    }
    let action = if f.active { "enable" } else { "disable" };
    audit::record(&tx, &ctx, Entry::new(action, "user", id, format!("{} 账号 {username}", if f.active { "启用" } else { "停用" }))).await?;
    tx.commit().await?;
    Ok(Redirect::to("/users"))
}
