//! One error type for the whole application, turned into a JSON body for the API and an
//! HTML page for people (realworld-axum-sqlx's `Error`, kanidm's error pages).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

/// A problem with one field of one row, named so that a clerk can find and fix it.
#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct FieldError {
    /// 1-based row of a spreadsheet, or absent for a form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError { row: None, field: field.into(), message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("未登录")]
    Unauthorized,
    #[error("无权访问")]
    Forbidden,
    #[error("未找到")]
    NotFound,
    #[error("输入有误")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("操作过于频繁，请稍后再试")]
    TooManyRequests,
    #[error("数据库错误")]
    Db(#[from] sea_orm::DbErr),
    #[error("内部错误")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
    /// A stable machine code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Validation(_) => "validation",
            AppError::Conflict(_) => "conflict",
            AppError::BadRequest(_) => "bad_request",
            AppError::TooManyRequests => "too_many_requests",
            AppError::Db(_) | AppError::Internal(_) => "internal",
        }
    }
    fn log(&self) {
        if let AppError::Db(e) = self {
            tracing::error!(error = %e, "database error");
        } else if let AppError::Internal(e) = self {
            tracing::error!(error = ?e, "internal error");
        }
    }
    /// Unique-constraint violations become a user-facing conflict.
    pub fn on_unique(e: sea_orm::DbErr, message: &str) -> AppError {
        let text = e.to_string();
        if text.contains("UNIQUE") || text.contains("unique") || text.contains("duplicate key") {
            AppError::Conflict(message.to_string())
        } else {
            AppError::Db(e)
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// The id of the request (also in the `X-Request-Id` header and the server's logs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// The error of a JSON API handler.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let fields = match &self.0 {
            AppError::Validation(f) => f.clone(),
            _ => Vec::new(),
        };
        let request_id = crate::web::current_request_id();
        let body = ErrorBody { error: ErrorDetail { code: self.0.code().into(), message: self.0.to_string(), fields, request_id } };
        (self.0.status(), axum::Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The error of an HTML page handler: a login redirect or a small error page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.log();
        if matches!(self.0, AppError::Unauthorized) {
            return Redirect::to("/login").into_response();
        }
        let status = self.0.status();
        let details = match &self.0 {
            AppError::Validation(fields) => fields
                .iter()
                .map(|f| {
                    let row = f.row.map(|r| format!("第{r}行 ")).unwrap_or_default();
                    format!("<li>{}{}：{}</li>", row, html_escape(&f.field), html_escape(&f.message))
                })
                .collect::<String>(),
            _ => String::new(),
        };
        let body = format!(
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
             content=\"width=device-width, initial-scale=1\"><title>{code} {msg}</title>\
             <link rel=\"stylesheet\" href=\"{css}\"></head><body><main class=\"container\">\
             <h1>{code} {msg}</h1><ul>{details}</ul><p><a href=\"/\">返回首页 / Home</a></p>{reference}</main></body></html>",
            code = status.as_u16(),
            css = crate::assets::url("app.css"),
            msg = html_escape(&self.0.to_string()),
            reference = crate::web::current_request_id()
                .map(|id| format!("<p class=\"muted\">请求编号 / Request ID：<code>{}</code></p>", html_escape(&id)))
                .unwrap_or_default(),
        );
        (status, axum::response::Html(body)).into_response()
    }
}

pub type PageResult<T> = Result<T, PageError>;

pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
