//! Feature areas, one folder per measure of the seed policy (ARCHITECTURE.md: "each
//! seed measure is a room"). This file only assembles their routers.

pub mod account;
pub mod audit;
pub mod bases;
pub mod catalog;
pub mod competitions;
pub mod cooperation;
pub mod destinations;
pub mod enlightenment;
pub mod fairs;
pub mod general_vocational;
pub mod home;
pub mod imports;
pub mod internships;
pub mod majors;
pub mod matching;
pub mod orgs;
pub mod policy;
pub mod postings;
pub mod report;
pub mod schools;
pub mod students;
pub mod training;
pub mod users;
pub mod vetting;

use crate::web::{self, AppState};
use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(title = "zhijiao 职教 API", description = "淄博高新区现代职业教育平台的 JSON 接口。认证：会话 Cookie（需 X-CSRF-Token）或 `Authorization: Bearer <API token>`。"),
    components(schemas(crate::error::ErrorBody, crate::error::ErrorDetail, crate::error::FieldError))
)]
pub struct ApiDoc;

/// Every `/api/v1` route, registered together with its OpenAPI description so that
/// the document cannot fall behind the routes.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(catalog::api::router())
        .merge(orgs::api::router())
        .merge(students::api::router())
        .merge(postings::api::router())
        .merge(destinations::api::router())
        .merge(audit::api_router())
        .merge(account::api_router())
        .merge(imports::pages::api_router())
        .merge(policy::api::router())
        .merge(matching::api::router())
        .merge(report::api::router())
        .merge(majors::api::router())
        .merge(schools::api::router())
        .merge(competitions::api::router())
        .merge(cooperation::api::router())
        .merge(bases::api::router())
        .merge(enlightenment::api::router())
        .merge(training::api::router())
        .merge(fairs::api::router())
        .merge(general_vocational::api::router())
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    api_router().split_for_parts().1
}

pub fn router(state: AppState) -> Router {
    let (api, spec) = api_router().split_for_parts();
    let spec_json = spec.to_pretty_json().expect("OpenAPI serialises");
    let pages = Router::new()
        .route("/api/openapi.json", get(move || async move { ([("content-type", "application/json")], spec_json) }))
        .merge(home::router())
        .merge(account::router())
        .merge(catalog::pages::router())
        .merge(orgs::pages::router())
        .merge(students::pages::router())
        .merge(postings::pages::router())
        .merge(destinations::pages::router())
        .merge(audit::pages_router())
        .merge(imports::pages::router())
        .merge(users::router())
        .merge(policy::pages::router())
        .merge(fairs::pages::router())
        .merge(fairs::visit_pages::router())
        .merge(matching::pages::router())
        .merge(internships::pages::router())
        .merge(vetting::pages::router())
        .merge(report::pages::router())
        .merge(majors::pages::router())
        .merge(schools::pages::router())
        .merge(competitions::pages::router())
        .merge(cooperation::pages::router())
        .merge(bases::pages::router())
        .merge(enlightenment::pages::router())
        .merge(training::pages::router())
        .merge(general_vocational::pages::router())
        .merge(api)
        // Sessions, locale, CSRF: for pages and the API, not for static files and the
        // liveness probe (they need none, and would cost up to five queries each).
        .layer(axum::middleware::from_fn_with_state(state.clone(), web::context_middleware));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/static/{*path}", get(crate::assets::serve))
        .merge(pages)
        .layer(axum::middleware::from_fn(web::security_headers))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        // Outermost, so that every log line of a request (the trace layer's included)
        // carries its id.
        .layer(axum::middleware::from_fn(web::request_id_middleware))
        .with_state(state)
}

/// Liveness and the database it runs on; 503 when the database does not answer.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let backend = crate::db::backend_name(&state.db);
    match crate::db::ping(&state.db).await {
        Ok(()) => (axum::http::StatusCode::OK, axum::Json(serde_json::json!({"status": "ok", "database": backend}))),
        Err(e) => {
            tracing::error!(error = %e, "healthz: database down");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "unavailable", "database": backend})),
            )
        }
    }
}
