//! zhijiao (职教): the vocational-education platform of Zibo High-tech Zone.
//!
//! `build(settings)` connects to the database, migrates, and returns an `Application`
//! bound to its port; `main.rs` (the CLI) and the tests both start the server this way.

pub mod areas;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod bench;
pub mod bench_gen;
pub mod config;
pub mod db;
pub mod demo;
pub mod entity;
pub mod error;
pub mod export;
pub mod i18n;
pub mod input;
pub mod jobs;
pub mod recommend;
pub mod roles;
pub mod search;
pub mod status;
pub mod storage;
pub mod uploads;
pub mod web;
pub mod xlsx;

use axum::Router;
use config::Settings;
use std::net::SocketAddr;
use tokio::net::TcpListener;
use web::AppState;

/// Background jobs one server runs at a time (an import and the periodic jobs side by side).
const JOB_WORKERS: usize = 2;

pub struct Application {
    listener: TcpListener,
    router: Router,
    pub state: AppState,
}

impl Application {
    /// Connect, migrate, bind. Port 0 picks a free port (tests).
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let db = db::connect(&settings.database_url).await?;
        db::migrate(&db).await?;
        Self::build_with_db(settings, db).await
    }

    pub async fn build_with_db(settings: Settings, db: sea_orm::DatabaseConnection) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(settings.bind).await?;
        let signing_key = settings.signing_key()?;
        let files = storage::FileStore::open(settings.files_url.as_deref(), &settings.data_dir)?;
        let state = AppState::new(db, settings, signing_key, files);
        // Built in the background; searches use SQL until it is ready.
        state.search_index.start(state.db.clone());
        let router = areas::router(state.clone());
        Ok(Application { listener, router, state })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Serve, and run background jobs (imports, the report draft, the sweep — see `jobs`)
    /// from now on: after `serve --demo` has loaded the demo, not before.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.state.jobs.start(&self.state, JOB_WORKERS);
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown_signal())
            .await
    }
}

async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
