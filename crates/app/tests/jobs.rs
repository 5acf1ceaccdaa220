//! Background jobs (`zhijiao::jobs`) and uploads through the page: a job whose server died
//! is taken up again or failed with a message, never left running; a large register goes
//! through the import page; a real server killed mid-import leaves the import to the next.

mod common;

use common::{Backend, TestApp};
use sea_orm::ConnectionTrait;
use std::time::{Duration, Instant};
use zhijiao::entity::import;
use zhijiao::jobs;

/// A register of `rows` valid students in our template's layout, written to `path`.
fn register(rows: usize, path: &std::path::Path) {
    let csv = path.with_extension("csv");
    zhijiao::bench::students(rows, 0, path, &csv).unwrap();
    let _ = std::fs::remove_file(csv);
}

/// Put an import of `file` and its job in the database as a server that died while
/// running it (claimed `attempts` times, its lease over) would have left them.
async fn left_running_by_a_dead_server(app: &TestApp, file: &std::path::Path, attempts: i32) -> (i64, i64) {
    let school = app.org_id("中德莱茵智能科技学校").await;
    let user = user_id(app, "school").await;
    let imp = zhijiao::entity::import::ActiveModel {
        register: sea_orm::Set("students".into()),
        org_id: sea_orm::Set(Some(school)),
        user_id: sea_orm::Set(Some(user)),
        filename: sea_orm::Set("在籍学生.xlsx".into()),
        status: sea_orm::Set("running".into()),
        processed_rows: sea_orm::Set(0),
        written_rows: sea_orm::Set(0),
        error_count: sea_orm::Set(0),
        errors: sea_orm::Set(None),
        error_file: sea_orm::Set(None),
        created_at: sea_orm::Set(chrono::Utc::now()),
        finished_at: sea_orm::Set(None),
        ..Default::default()
    };
    let imp = sea_orm::ActiveModelTrait::insert(imp, &app.db).await.unwrap();
    let payload = serde_json::json!({"import_id": imp.id, "register": "students", "target_org": null, "user_id": user, "path": file});
    let job = jobs::enqueue(&app.db, jobs::Kind::Import, &payload, None).await.unwrap().unwrap();
    let past = chrono::Utc::now() - chrono::Duration::seconds(30);
    let mut sql = zhijiao::search::Sql::new(app.db.get_database_backend());
    let statement = format!(
        "UPDATE jobs SET status = 'running', attempts = {}, locked_by = 'a-dead-server', locked_until = {} WHERE id = {}",
        sql.param(attempts),
        sql.param(past),
        sql.param(job)
    );
    app.db.execute_raw(sql.statement(statement)).await.unwrap();
    (imp.id, job)
}

async fn user_id(app: &TestApp, username: &str) -> i64 {
    let mut sql = zhijiao::search::Sql::new(app.db.get_database_backend());
    let statement = format!("SELECT id FROM users WHERE username = {}", sql.param(username));
    app.db.query_one_raw(sql.statement(statement)).await.unwrap().unwrap().try_get::<i64>("", "id").unwrap()
}

async fn wait_for_import(db: &sea_orm::DatabaseConnection, id: i64, within: Duration) -> import::Model {
    let started = Instant::now();
    loop {
        let m = <import::Entity as sea_orm::EntityTrait>::find_by_id(id).one(db).await.unwrap().unwrap();
        if m.status != "running" {
            return m;
        }
        assert!(started.elapsed() < within, "import {id} still running after {within:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn short_lease(backend: Backend) -> TestApp {
    common::spawn_app_with(backend, |s| s.job_lease = Duration::from_secs(2)).await
}

mod taken_up_again {
    use super::*;
    async fn body(app: TestApp) {
        app.load_demo().await;
        let file = app.state.settings.data_dir.join("left-behind.xlsx");
        register(25, &file);
        let before = app.count("students").await;
        let (imp, job) = left_running_by_a_dead_server(&app, &file, 1).await;
        let done = wait_for_import(&app.db, imp, Duration::from_secs(60)).await;
        assert_eq!(done.status, "done", "{:?}", done.errors);
        assert_eq!(done.written_rows, 25);
        assert_eq!(app.count("students").await, before + 25);
        let j = jobs::get(&app.db, job).await.unwrap().unwrap();
        assert_eq!((j.status.as_str(), j.attempts), ("done", 2));
        assert!(!file.exists(), "the upload is deleted once imported");
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        body(short_lease(Backend::Sqlite).await).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        body(short_lease(Backend::Postgres).await).await
    }
}

mod failed_after_too_many_deaths {
    use super::*;
    async fn body(app: TestApp) {
        app.load_demo().await;
        let file = app.state.settings.data_dir.join("cursed.xlsx");
        register(5, &file);
        let before = app.count("students").await;
        let (imp, job) = left_running_by_a_dead_server(&app, &file, 3).await;
        let failed = wait_for_import(&app.db, imp, Duration::from_secs(60)).await;
        assert_eq!(failed.status, "failed");
        let errors = failed.errors.unwrap().to_string();
        assert!(errors.contains("中断") && errors.contains("重新上传"), "{errors}");
        assert_eq!(app.count("students").await, before, "nothing written");
        // The job ends failed (not retried) shortly after the import row says so.
        let started = Instant::now();
        loop {
            let j = jobs::get(&app.db, job).await.unwrap().unwrap();
            if j.status == "failed" {
                assert!(j.last_error.unwrap_or_default().contains("中断"));
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "job {j:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // The people who look at it see a failed import with its reason.
        let (client, _) = app.login_as("school").await;
        let page = client.get(app.url(&format!("/imports/{imp}"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("重新上传"), "{page}");
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        body(short_lease(Backend::Sqlite).await).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        body(short_lease(Backend::Postgres).await).await
    }
}

// Periodic jobs are enqueued once per period, whoever asks (several servers do).
dual_db_test!(each_period_s_job_is_enqueued_once_across_servers, |app: TestApp| async move {
    let now = chrono::Utc::now();
    assert!(jobs::schedule_periodic(&app.db, now).await.unwrap(), "the first server enqueues");
    assert!(!jobs::schedule_periodic(&app.db, now).await.unwrap(), "a second server finds them there");
    assert_eq!(app.count("jobs").await, 2);
    assert!(jobs::schedule_periodic(&app.db, now + chrono::Duration::hours(1)).await.unwrap(), "the next hour's draft check");
    assert_eq!(app.count("jobs").await, 3);
});

// A school's real register, tens of thousands of rows and over 30 MB, through the
// import page (multipart upload streamed to disk, the job runs it), on both databases.
dual_db_test!(a_30_mb_register_imports_through_the_page, |app: TestApp| async move {
    app.load_demo().await;
    let file = app.state.settings.data_dir.join("register.xlsx");
    zhijiao::bench::school_register(LARGE_ROWS, &file).unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size > 0, "the register is {size} bytes");
    let before = app.count("students").await;
    let (client, token) = app.login_as("school").await;
    let bytes = std::fs::read(&file).unwrap();
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name("在籍学生.xlsx"));
    let r = client.post(app.url(&format!("/import/students?_csrf={token}"))).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = location.trim_start_matches("/imports/").parse().unwrap();
    let done = wait_for_import(&app.db, id, Duration::from_secs(900)).await;
    assert_eq!(done.status, "done", "{:?}", done.errors);
    assert_eq!(done.written_rows as usize, LARGE_ROWS);
    assert_eq!(app.count("students").await, before + LARGE_ROWS as i64);
    let leftovers = std::fs::read_dir(app.state.settings.data_dir.join("files/imports")).unwrap().count();
    assert_eq!(leftovers, 0, "the upload is deleted after the import");
});

/// Rows of the large register (see `a_30_mb_register_imports_through_the_page`).
const LARGE_ROWS: usize = 200_000;

// Over the limit: refused with a message naming the limit, nothing kept on disk.
dual_db_test!(an_upload_over_the_limit_is_refused_and_leaves_nothing, |app: TestApp| async move {
    app.load_demo().await;
    let (client, token) = app.login_as("school").await;
    let mut bytes = b"PK\x03\x04".to_vec();
    // One byte over: refused by the upload itself, with its message (a body far past the
    // route's limit is cut off by the server like any other).
    bytes.resize(zhijiao::uploads::IMPORT_MAX_BYTES + 1, 0);
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name("huge.xlsx"));
    let r = client.post(app.url(&format!("/import/students?_csrf={token}"))).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("文件过大"));
    let tmp = zhijiao::uploads::temp_dir(&app.state.settings.data_dir);
    assert_eq!(std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0), 0, "no temporary file left");
    assert_eq!(app.count("imports").await, 0);
});

/// The real thing: a `zhijiao serve` process is killed (SIGKILL) while it imports a
/// register uploaded through the page; the next server started on the same database
/// takes the job up once its lease has run out, and the import ends done — whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_import_leaves_the_import_to_the_next_server() {
    use std::process::{Command, Stdio};
    const ROWS: usize = 60_000;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("zj.db").display());
    let bin = env!("CARGO_BIN_EXE_zhijiao");
    let out = Command::new(bin).args(["demo", "--students-per-school", "5"]).env("ZHIJIAO_DATABASE_URL", &url).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let serve = || {
        Command::new(bin)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("ZHIJIAO_DATABASE_URL", &url)
            .env("ZHIJIAO_DATA_DIR", dir.path())
            .env("ZHIJIAO_JOB_LEASE_SECS", "2")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let base = format!("http://127.0.0.1:{port}");
    let wait_up = || async {
        for _ in 0..300 {
            if reqwest::get(format!("{base}/healthz")).await.is_ok_and(|r| r.status() == 200) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not start");
    };
    let db = zhijiao::db::connect(&url).await.unwrap();
    let demo_students = common_count(&db, "students").await;
    let mut first = serve();
    wait_up().await;

    let client = common::new_client();
    let login = client.get(format!("{base}/login")).send().await.unwrap().text().await.unwrap();
    let token = common::extract_csrf(&login);
    let form = [("username", "school"), ("password", zhijiao::demo::DEMO_PASSWORD), ("_csrf", token.as_str())];
    assert_eq!(client.post(format!("{base}/login")).form(&form).send().await.unwrap().status(), 303);
    let file = dir.path().join("register.xlsx");
    zhijiao::bench::school_register(ROWS, &file).unwrap();
    let part = reqwest::multipart::Part::bytes(std::fs::read(&file).unwrap()).file_name("在籍学生.xlsx");
    let r = client.post(format!("{base}/import/students?_csrf={token}")).multipart(reqwest::multipart::Form::new().part("file", part)).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let id: i64 = r.headers()["location"].to_str().unwrap().trim_start_matches("/imports/").parse().unwrap();

    // Kill the server as soon as its worker has the job.
    let job_running = || async {
        let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), "SELECT status, attempts FROM jobs WHERE kind = 'import'")).await.unwrap().unwrap();
        (row.try_get::<String>("", "status").unwrap(), row.try_get::<i32>("", "attempts").unwrap())
    };
    let started = Instant::now();
    while job_running().await.0 != "running" {
        assert!(started.elapsed() < Duration::from_secs(60), "the job was never claimed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    first.kill().unwrap();
    first.wait().unwrap();
    let imp = <import::Entity as sea_orm::EntityTrait>::find_by_id(id).one(&db).await.unwrap().unwrap();
    assert_eq!(imp.status, "running", "killed mid-way: {ROWS} rows take longer than 0.3 s");
    assert_eq!(common_count(&db, "students").await, demo_students, "the interrupted transaction wrote nothing");

    // The next server finishes it.
    let mut second = serve();
    wait_up().await;
    let done = wait_for_import(&db, id, Duration::from_secs(600)).await;
    second.kill().unwrap();
    second.wait().unwrap();
    assert_eq!(done.status, "done", "{:?}", done.errors);
    assert_eq!(done.written_rows as usize, ROWS);
    assert_eq!(common_count(&db, "students").await, demo_students + ROWS as i64);
    assert_eq!(job_running().await, ("done".to_string(), 2), "claimed once by each server");
}

async fn common_count(db: &sea_orm::DatabaseConnection, table: &str) -> i64 {
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), format!("SELECT COUNT(*) AS n FROM {table}"))).await.unwrap().unwrap();
    row.try_get::<i64>("", "n").unwrap()
}
