//! The test harness (zero2prod's `spawn_app`): each test gets the real application on
//! a free port with a fresh database — a temporary SQLite file, or a new PostgreSQL
//! database created for the test and dropped after it. `dual_db_test!` runs a test
//! body once on each.
#![allow(dead_code)]

use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::sync::Once;
use zhijiao::config::{PasswordCost, Settings};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server tests create their databases on (CI: the machine's own).
pub fn pg_admin_url() -> String {
    std::env::var("ZHIJIAO_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub struct TestApp {
    pub addr: String,
    pub port: u16,
    pub db: DatabaseConnection,
    pub backend: Backend,
    /// The running server's state (its search index and change feed, settings).
    pub state: zhijiao::web::AppState,
    pub client: reqwest::Client,
    pg_database: Option<String>,
    _dir: tempfile::TempDir,
}

static TRACING: Once = Once::new();

pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, customise: impl FnOnce(&mut Settings)) -> TestApp {
    TRACING.call_once(|| {
        if std::env::var("TEST_LOG").is_ok() {
            tracing_subscriber::fmt().with_env_filter("info").init();
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let (url, pg_database) = match backend {
        Backend::Sqlite => (format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()), None),
        Backend::Postgres => {
            let name = format!("zj_test_{}", uuid::Uuid::new_v4().simple());
            let admin = zhijiao::db::connect(&pg_admin_url()).await.expect(
                "PostgreSQL must be running for the test suite (127.0.0.1:5432, or set ZHIJIAO_TEST_PG_URL)",
            );
            admin
                .execute_unprepared(&format!(
                    "CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
                ))
                .await
                .expect("create test database");
            admin.close().await.ok();
            let mut u = url::Url::parse(&pg_admin_url()).unwrap();
            u.set_path(&name);
            (u.to_string(), Some(name))
        }
    };
    let mut settings = Settings::new(Some(url), "127.0.0.1:0".parse().unwrap());
    settings.data_dir = dir.path().to_path_buf();
    settings.password_hash_cost = PasswordCost::Test;
    // The matrix signs in hundreds of times from one address; throttling has its own test.
    settings.login_attempts_per_minute = 10_000;
    customise(&mut settings);
    let app = zhijiao::Application::build(settings).await.expect("build app");
    let port = app.port();
    let db = app.state.db.clone();
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp { addr: format!("http://127.0.0.1:{port}"), port, db, backend, state, client: new_client(), pg_database, _dir: dir }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let Some(name) = self.pg_database.take() else { return };
        if std::env::var("KEEP_TEST_DB").is_ok() {
            return;
        }
        // Drop is synchronous: use a small runtime on another thread.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                if let Ok(admin) = zhijiao::db::connect(&pg_admin_url()).await {
                    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                    admin.close().await.ok();
                }
            })
        })
        .join();
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.addr)
    }

    /// The demo zone, small: 30 students per school.
    pub async fn load_demo(&self) {
        zhijiao::demo::load(&self.db, PasswordCost::Test, 30).await.expect("demo loads");
        self.state.search_index.changes().postings_changed();
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn text(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    /// The CSRF token of this client (from any page's meta tag).
    pub async fn csrf(&self, client: &reqwest::Client) -> String {
        let html = client.get(self.url("/login")).send().await.unwrap().text().await.unwrap();
        extract_csrf(&html)
    }

    /// Sign a fresh client in; returns it with its CSRF token.
    pub async fn login_as(&self, username: &str) -> (reqwest::Client, String) {
        let client = new_client();
        let token = self.csrf(&client).await;
        let resp = client
            .post(self.url("/login"))
            .form(&[("username", username), ("password", zhijiao::demo::DEMO_PASSWORD), ("_csrf", &token)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 303, "login as {username} should redirect");
        (client, token)
    }

    pub async fn post_form(&self, client: &reqwest::Client, token: &str, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("_csrf", token));
        client.post(self.url(path)).form(&form).send().await.unwrap()
    }

    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(self.db.get_database_backend(), format!("SELECT COUNT(*) AS n FROM {table}")))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }

    pub async fn org_id(&self, name: &str) -> i64 {
        zhijiao::areas::orgs::resolve(&self.db, name).await.unwrap().unwrap_or_else(|| panic!("org {name}")).id
    }
}

pub fn extract_csrf(html: &str) -> String {
    let marker = "name=\"csrf-token\" content=\"";
    let start = html.find(marker).expect("csrf meta tag") + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

/// Run an async test body on SQLite and on PostgreSQL: `dual_db_test!(name, |app| async move { … })`.
#[macro_export]
macro_rules! dual_db_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = common::spawn_app(common::Backend::Sqlite).await;
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let app = common::spawn_app(common::Backend::Postgres).await;
                ($body)(app).await;
            }
        }
    };
}

/// A workbook with a header row and rows of text cells, as a clerk would fill a template.
pub fn workbook(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}
