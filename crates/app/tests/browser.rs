//! Browser tests: the main journeys in headless Chromium (Debian's chromium and
//! chromium-driver, installed by .ci/run), on a desktop and on a phone viewport.

mod common;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromedriver() -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is required for browser tests: apt-get install chromium chromium-driver (see .ci/run)");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Driver { child, port };
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("chromedriver did not start");
}

async fn browser(driver: &Driver, phone: bool) -> Client {
    let binary = if std::path::Path::new("/usr/lib/chromium/chromium").exists() { "/usr/lib/chromium/chromium" } else { "/usr/bin/chromium" };
    let profile = tempfile::tempdir().unwrap().keep();
    let mut opts = json!({
        "binary": binary,
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--window-size=1280,900", format!("--user-data-dir={}", profile.display())],
    });
    // Chromium's Accept-Language follows this preference, not --lang, when headless.
    opts["prefs"] = json!({"intl.accept_languages": "zh-CN,zh"});
    if phone {
        opts["mobileEmulation"] = json!({"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}});
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), opts);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new()).capabilities(caps).connect(&format!("http://127.0.0.1:{}", driver.port)).await.expect("browser session")
}

async fn login(b: &Client, app: &common::TestApp, username: &str) {
    b.goto(&app.url("/login")).await.unwrap();
    b.find(Locator::Id("username")).await.unwrap().send_keys(username).await.unwrap();
    b.find(Locator::Id("password")).await.unwrap().send_keys(zhijiao::demo::DEMO_PASSWORD).await.unwrap();
    b.find(Locator::Css("[data-testid=login-submit]")).await.unwrap().click().await.unwrap();
    if b.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[data-testid=role-badge]")).await.is_err() {
        let html = b.source().await.unwrap_or_default();
        panic!("login as {username} did not reach a home page: {}", &html[..html.len().min(3000)]);
    }
}

async fn logout(b: &Client) {
    b.find(Locator::Css("[data-testid=logout]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=home-public]")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_signs_in_and_sees_its_home_page() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let b = browser(&driver, false).await;
    b.goto(&app.url("/")).await.unwrap();
    let public = b.find(Locator::Css("[data-testid=home-public] h1")).await.unwrap().text().await.unwrap();
    assert_eq!(public, "淄博高新区现代职业教育平台");
    for (username, _, role, _) in zhijiao::demo::DEMO_USERS {
        login(&b, &app, username).await;
        let home = b
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(&format!("[data-testid=home-{}]", role.key())))
            .await
            .unwrap_or_else(|e| panic!("{username}: {e}"));
        let badge = home.find(Locator::Css("[data-testid=role-badge]")).await.unwrap().text().await.unwrap();
        assert_eq!(badge, zhijiao::i18n::t(zhijiao::i18n::Locale::ZhCn, &role.label_key()));
        logout(&b).await;
    }
    // A wrong password shows the message in Chinese.
    b.goto(&app.url("/login")).await.unwrap();
    b.find(Locator::Id("username")).await.unwrap().send_keys("admin").await.unwrap();
    b.find(Locator::Id("password")).await.unwrap().send_keys("wrong-password1").await.unwrap();
    b.find(Locator::Css("[data-testid=login-submit]")).await.unwrap().click().await.unwrap();
    let err = b.wait().for_element(Locator::Css("[data-testid=login-error]")).await.unwrap().text().await.unwrap();
    assert_eq!(err, "用户名或密码错误");
    b.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_reads_the_catalogue_and_switches_language() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    let b = browser(&driver, true).await;
    b.goto(&app.url("/catalog/majors?level=secondary&q=%E6%9C%BA%E7%94%B5")).await.unwrap();
    let width = b.execute("return window.innerWidth", vec![]).await.unwrap();
    assert_eq!(width, json!(390), "phone viewport");
    // On a phone the table's header row is hidden and each row is a card.
    let thead_display = b.execute("return getComputedStyle(document.querySelector('table thead')).display", vec![]).await.unwrap();
    assert_eq!(thead_display, json!("none"));
    let total = b.find(Locator::Css("[data-testid=total]")).await.unwrap().text().await.unwrap();
    assert!(total.contains('：'), "{total}");
    b.find(Locator::LinkText("机电技术应用")).await.unwrap().click().await.unwrap();
    let related = b.wait().for_element(Locator::Css("[data-testid=related]")).await.unwrap().text().await.unwrap();
    assert!(related.contains("电工"));
    // The QR code of the page is there for the next phone.
    let qr = b.execute("return document.querySelector('.qr svg') !== null", vec![]).await.unwrap();
    assert_eq!(qr, json!(true));
    b.find(Locator::Css("[data-testid=lang-switch]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("html[lang=en]")).await.unwrap();
    b.goto(&app.url("/catalog")).await.unwrap();
    let h1 = b.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert_eq!(h1, "Catalogues", "the choice persists");
    b.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_school_imports_its_register_in_the_browser() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    // A register with one bad row, then the corrected one.
    let dir = tempfile::tempdir().unwrap();
    let id = |n: u32| {
        let f = format!("37030320090101{n:03}");
        format!("{f}{}", zhijiao_domain::validate::resident_id_check_char(&f))
    };
    let write = |name: &str, bad: bool| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["学号", "姓名", "身份证件号", "专业层次", "专业代码"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for n in 1..=3u32 {
            let major = if bad && n == 2 { "宇宙航行" } else { "660301" };
            for (c, v) in [format!("B{n}"), format!("浏览器{n}"), id(n), "中职".into(), major.into()].iter().enumerate() {
                ws.write_string(n, c as u16, v).unwrap();
            }
        }
        let path = dir.path().join(name);
        wb.save(&path).unwrap();
        path
    };
    let bad = write("bad.xlsx", true);
    let good = write("good.xlsx", false);
    let before = app.count("students").await;

    let b = browser(&driver, false).await;
    login(&b, &app, "school").await;
    b.wait().for_element(Locator::Css("[data-testid=home-school_admin]")).await.unwrap();
    for (file, expect_ok) in [(&bad, false), (&good, true)] {
        b.goto(&app.url("/import/students")).await.unwrap();
        b.find(Locator::Css("[data-testid=import-file]")).await.unwrap().send_keys(file.to_str().unwrap()).await.unwrap();
        b.find(Locator::Css("[data-testid=import-submit]")).await.unwrap().click().await.unwrap();
        let sel = if expect_ok { "[data-testid=import-done]" } else { "[data-testid=import-failed]" };
        if b.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(sel)).await.is_err() {
            let html = b.source().await.unwrap_or_default();
            let main = html.split("<main").nth(1).unwrap_or(&html).split("</main>").next().unwrap_or_default();
            panic!("no {sel}: {main}");
        }
        if !expect_ok {
            let errors = b.find(Locator::Css("[data-testid=import-errors]")).await.unwrap().text().await.unwrap();
            assert!(errors.contains("3") && errors.contains("专业代码") && errors.contains("宇宙航行"), "{errors}");
            assert_eq!(app.count("students").await, before);
        }
    }
    assert_eq!(app.count("students").await, before + 3);
    b.goto(&app.url("/students?q=%E6%B5%8F%E8%A7%88%E5%99%A82")).await.unwrap();
    let total = b.find(Locator::Css("[data-testid=total]")).await.unwrap().text().await.unwrap();
    assert!(total.ends_with('1'), "{total}");
    b.close().await.unwrap();
}

/// Poll until the element's text is `want` (pages reload after a form post: the old
/// element may still be found for a moment, or go stale).
async fn wait_text(b: &Client, css: &str, want: &str) {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(e) = b.find(Locator::Css(css)).await {
            if let Ok(t) = e.text().await {
                if t == want {
                    return;
                }
                last = t;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css}: expected {want:?}, last saw {last:?}");
}

async fn wait_url(b: &Client, part: &str) {
    for _ in 0..100 {
        if b.current_url().await.map(|u| u.as_str().contains(part)).unwrap_or(false) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the address never contained {part}");
}

/// 键对键 end to end: HR writes a posting and the check warns while typing; the district
/// approves; a student finds it by a Chinese search on a phone and applies; HR hires.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_posts_admin_approves_student_applies_hr_hires() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let b = browser(&driver, false).await;
    login(&b, &app, "hr").await;
    b.goto(&app.url("/postings/new")).await.unwrap();
    let title = b.find(Locator::Css("[data-testid=posting-title]")).await.unwrap();
    title.send_keys("精密数控车工（限男性）").await.unwrap();
    // The live check (htmx) shows the finding next to the text.
    let finding = b.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[data-testid=finding-gender]")).await;
    assert!(finding.is_ok(), "the live check shows the gender finding");
    title.clear().await.unwrap();
    title.send_keys("精密数控车工").await.unwrap();
    b.find(Locator::Css("[data-testid=posting-description-input]")).await.unwrap().send_keys("操作数控车床加工精密轴类零件，年龄35岁以下。").await.unwrap();
    // The age condition only warns.
    b.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[data-testid=finding-age]")).await.expect("age warning shown");
    b.find(Locator::Css("input[name=occupation_code]")).await.unwrap().send_keys("6-18-01-01").await.unwrap();
    b.find(Locator::Css("input[name=majors]")).await.unwrap().send_keys("660103").await.unwrap();
    b.find(Locator::Css("[data-testid=posting-save]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=posting-submit]")).await.unwrap().click().await.unwrap();
    wait_text(&b, "[data-testid=posting-status]", "待审核").await;
    let posting_url = b.current_url().await.unwrap().to_string();
    logout(&b).await;

    login(&b, &app, "admin").await;
    b.goto(&posting_url).await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=finding-age]")).await.expect("the reviewer sees the finding");
    b.find(Locator::Css("[data-testid=review-approve]")).await.unwrap().click().await.unwrap();
    wait_text(&b, "[data-testid=posting-status]", "招聘中").await;
    logout(&b).await;
    b.close().await.unwrap();

    // The student, on a phone.
    let phone = browser(&driver, true).await;
    login(&phone, &app, "student").await;
    phone.goto(&app.url("/postings")).await.unwrap();
    phone.find(Locator::Css("[data-testid=posting-q]")).await.unwrap().send_keys("精密数控车工").await.unwrap();
    phone.find(Locator::Css("[data-testid=posting-search]")).await.unwrap().click().await.unwrap();
    wait_url(&phone, "q=").await;
    wait_text(&phone, "[data-testid=total]", "共计：1").await;
    phone.find(Locator::LinkText("精密数控车工")).await.unwrap().click().await.unwrap();
    wait_url(&phone, "/postings/").await;
    phone.wait().for_element(Locator::Css("[data-testid=posting-apply]")).await.unwrap().click().await.unwrap();
    let mine = phone.wait().for_element(Locator::Css("[data-testid=my-application]")).await.unwrap().text().await.unwrap();
    assert!(mine.contains("已投递"), "{mine}");
    phone.close().await.unwrap();

    let b = browser(&driver, false).await;
    login(&b, &app, "hr").await;
    b.find(Locator::Css("[data-testid=bell-count]")).await.expect("HR is notified");
    b.goto(&app.url("/applications")).await.unwrap();
    for (step, label) in [("move-interview", "面试"), ("move-offer", "录用意向"), ("move-hired", "已录用")] {
        b.wait().for_element(Locator::Css(&format!("[data-testid={step}]"))).await.unwrap().click().await.unwrap();
        wait_text(&b, "[data-testid=application-status]", label).await;
    }
    b.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_district_admin_imports_the_seed_accepts_it_and_opens_the_dashboard() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let b = browser(&driver, false).await;
    login(&b, &app, "admin").await;
    b.find(Locator::Css("[data-testid=nav-policy]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=load-seed]")).await.unwrap().click().await.unwrap();
    // The review: source line by line next to the fourteen measures; nothing created yet.
    b.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[data-testid=source-lines]")).await.unwrap();
    assert_eq!(b.find_all(Locator::Css("fieldset.measure")).await.unwrap().len(), 14);
    assert_eq!(app.count("tasks").await, 0);
    b.find(Locator::Css("[data-testid=accept]")).await.unwrap().click().await.unwrap();
    if b.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("[data-testid=measures]")).await.is_err() {
        let html = b.source().await.unwrap_or_default();
        panic!("accepting did not reach the policy page: {}", &html[..html.len().min(3000)]);
    }
    assert_eq!(app.count("tasks").await, 39);
    b.find(Locator::Css("[data-testid=nav-dashboard]")).await.unwrap().click().await.unwrap();
    let n = b.wait().for_element(Locator::Css("[data-testid=measure-count]")).await.unwrap().text().await.unwrap();
    assert_eq!(n, "14");
    assert_eq!(b.find_all(Locator::Css("[data-testid=measure-cards] article")).await.unwrap().len(), 14);
    let kpis = b.find(Locator::Css("[data-testid=kpi-cards]")).await.unwrap().text().await.unwrap();
    // Every indicator reads its module's live data (all of them are built now).
    assert!(!kpis.contains("暂无数据") && kpis.contains("职业院校数") && kpis.contains("职业启蒙"), "{kpis}");
    // ECharts draws the bar chart from the page's JSON (no inline script).
    b.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[data-chart-ready] canvas")).await.expect("chart drawn");
    b.close().await.unwrap();

    // On a phone the cards stack in one column.
    let p = browser(&driver, true).await;
    login(&p, &app, "renshe").await;
    p.goto(&app.url("/policy/dashboard")).await.unwrap();
    p.wait().for_element(Locator::Css("[data-testid=measure-cards]")).await.unwrap();
    let lefts = p
        .execute("return Array.from(document.querySelectorAll('[data-testid=measure-cards] article')).map(a => a.getBoundingClientRect().left)", vec![])
        .await
        .unwrap();
    let lefts: Vec<f64> = serde_json::from_value(lefts).unwrap();
    assert_eq!(lefts.len(), 14);
    assert!(lefts.iter().all(|l| (l - lefts[0]).abs() < 1.0), "one column on a phone: {lefts:?}");
    p.close().await.unwrap();
}

/// 面对面 at the door: on a phone a student signs up for the demo fair and gets a QR code;
/// a renshe liaison checks that code in on the phone check-in page by typing it and sees
/// the student; typing it again shows the "already used" refusal and records nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_student_signs_up_and_is_checked_in_at_the_door_by_qr_code() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let fair = zhijiao::entity::fair::Entity::find()
        .filter(zhijiao::entity::fair::Column::IsDemo.eq(true))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo fair")
        .id;
    let p = browser(&driver, true).await;
    login(&p, &app, "student").await;
    p.find(Locator::Css("[data-testid=shortcut-fairs]")).await.unwrap().click().await.unwrap();
    p.wait().for_element(Locator::LinkText("高新区2026年秋季生物医药专场供需见面会")).await.unwrap().click().await.unwrap();
    p.wait().for_element(Locator::Css("[data-testid=fair-signup]")).await.unwrap().click().await.unwrap();
    wait_url(&p, &format!("/fairs/{fair}/code")).await;
    // The QR code is drawn and fills most of the phone's width.
    let qr = p.wait().for_element(Locator::Css("[data-testid=my-code-qr] svg")).await.unwrap();
    let width: f64 = serde_json::from_value(
        p.execute("return document.querySelector('[data-testid=my-code-qr] svg').getBoundingClientRect().width", vec![]).await.unwrap(),
    )
    .unwrap();
    assert!(width >= 250.0, "QR code {width}px wide");
    drop(qr);
    let code = p.find(Locator::Css("[data-testid=my-code-text]")).await.unwrap().text().await.unwrap();
    assert!(code.starts_with(&format!("ZJF2.{fair}.")), "{code}");
    logout(&p).await;

    login(&p, &app, "renshe").await;
    p.goto(&app.url(&format!("/fairs/{fair}/checkin"))).await.unwrap();
    let input = p.wait().for_element(Locator::Css("[data-testid=checkin-code]")).await.unwrap();
    input.send_keys(&code).await.unwrap();
    p.find(Locator::Css("[data-testid=checkin-submit]")).await.unwrap().click().await.unwrap();
    let ok = p.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[data-testid=checkin-ok]")).await.unwrap().text().await.unwrap();
    assert!(ok.contains("签到成功") && ok.contains("中德莱茵智能科技学校"), "{ok}");
    wait_text(&p, "[data-testid=checkin-count]", "1").await;
    assert_eq!(app.count("fair_checkins").await, 1);

    let input = p.find(Locator::Css("[data-testid=checkin-code]")).await.unwrap();
    input.send_keys(&code).await.unwrap();
    p.find(Locator::Css("[data-testid=checkin-submit]")).await.unwrap().click().await.unwrap();
    let refused = p.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[data-testid=checkin-refused]")).await.unwrap().text().await.unwrap();
    assert!(refused.contains("已于") && refused.contains("不能重复签到"), "{refused}");
    assert!(p.find(Locator::Css("[data-testid=checkin-ok]")).await.is_err(), "no success shown");
    assert_eq!(app.count("fair_checkins").await, 1);
    p.close().await.unwrap();
}

/// 专业调整申报备案 (issue 10): the school files a new major with the 第九条 checklist, the
/// district approves it on the filing's page, and the public 备案 list shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_school_files_a_new_major_the_district_approves_it_and_the_record_list_shows_it() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let b = browser(&driver, false).await;
    login(&b, &app, "school").await;
    b.find(Locator::Css("[data-testid=nav-major-filings]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=filing-new]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=filing-major] option[value='660306']")).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("[data-testid=filing-kind] option[value='new']")).await.unwrap().click().await.unwrap();
    for (field, text) in [
        ("reason", "区内智能产线企业用人需求大"),
        ("teaching_plan", "三年制，理实一体化课程12门"),
        ("teachers", "专任教师6人，企业兼职教师2人"),
        ("facilities", "智能产线实训中心1200平方米"),
        ("partners", "淄博莱茵智能制造有限公司（示例）"),
    ] {
        b.find(Locator::Css(&format!("[data-testid=filing-{field}]"))).await.unwrap().send_keys(text).await.unwrap();
    }
    b.find(Locator::Css("[data-testid=filing-submit]")).await.unwrap().click().await.unwrap();
    wait_text(&b, "[data-testid=filing-status]", "待审核").await;
    let filing_url = b.current_url().await.unwrap().to_string();
    assert!(filing_url.contains("/majors/filings/"), "{filing_url}");
    // The 第九条 checklist's evidence: a file attached to the teachers item.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("师资名单.pdf");
    std::fs::write(&file, b"%PDF-1.4\n%%EOF\n").unwrap();
    b.find(Locator::Css("[data-testid=attach-item] option[value='teachers']")).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("[data-testid=attach-file]")).await.unwrap().send_keys(file.to_str().unwrap()).await.unwrap();
    b.find(Locator::Css("[data-testid=attach-submit]")).await.unwrap().click().await.unwrap();
    wait_text(&b, "[data-testid=attachment-teachers]", "师资名单.pdf").await;
    logout(&b).await;

    login(&b, &app, "admin").await;
    b.goto(&filing_url).await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=filing-evidence]")).await.unwrap();
    assert!(b.find(Locator::Css("[data-testid=attachment-teachers]")).await.unwrap().text().await.unwrap().contains("师资名单.pdf"));
    b.find(Locator::Css("[data-testid=review-approve]")).await.unwrap().click().await.unwrap();
    wait_text(&b, "[data-testid=filing-status]", "已备案").await;
    b.goto(&app.url("/majors/records")).await.unwrap();
    let list = b.wait().for_element(Locator::Css("[data-testid=records]")).await.unwrap().text().await.unwrap();
    assert!(list.contains("660306 智能化生产线安装与运维") && list.contains("中德莱茵智能科技学校"), "{list}");
    b.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_school_enters_its_yearly_data_and_sees_its_standards_result() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let b = browser(&driver, false).await;
    login(&b, &app, "school").await;
    b.find(Locator::Css("[data-testid=home-standards]")).await.unwrap().click().await.unwrap();
    let year = b.wait().for_element(Locator::Css("[data-testid=standards-form] input[name=year]")).await.unwrap();
    year.clear().await.unwrap();
    year.send_keys("2023").await.unwrap();
    for (key, value) in [
        ("students", "1500"),
        ("fulltime_teachers", "70"),
        ("senior_title_teachers", "15"),
        ("specialty_teachers", "40"),
        ("dual_qualified_teachers", "14"),
        ("part_time_teachers", "12"),
        ("land_m2", "52000"),
        ("building_m2", "31000"),
        ("equipment_yuan", "4200000"),
        ("books", "48000"),
        ("ring_track_m", "300"),
    ] {
        let input = b.find(Locator::Css(&format!("[data-testid=field-{key}]"))).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys(value).await.unwrap();
    }
    b.find(Locator::Css("[data-testid=standards-save]")).await.unwrap().click().await.unwrap();
    wait_url(&b, "/schools/standards/").await;
    wait_text(&b, "[data-testid=standards-class-name]", "基本达标").await;
    let table = b.find(Locator::Css("[data-testid=indicators]")).await.unwrap().text().await.unwrap();
    assert!(table.contains("生师比") && table.contains("21.4") && table.contains("未达标") && table.contains("教职成〔2010〕12号"), "{table}");
    b.close().await.unwrap();
}

/// 校企合作 (issue 12): an enterprise drafts an order-class agreement with 中德莱茵, the
/// school confirms it, and the school's cooperation effectiveness on the scores page rises.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_enterprise_drafts_an_order_class_the_school_confirms_and_its_score_rises() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let school = app.org_id("中德莱茵智能科技学校").await;
    let score_css = format!("[data-testid=school-score-{school}] [data-testid=score-value]");
    let b = browser(&driver, false).await;

    login(&b, &app, "school").await;
    b.goto(&app.url("/cooperation/scores")).await.unwrap();
    let before: f64 = b.wait().for_element(Locator::Css(&score_css)).await.unwrap().text().await.unwrap().parse().unwrap();
    logout(&b).await;

    login(&b, &app, "hr").await;
    b.find(Locator::Css("[data-testid=nav-cooperation]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=cooperation-new]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=agreement-kind] option[value=order_class]")).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("[data-testid=agreement-title]")).await.unwrap().send_keys("华瓷新材料订单班").await.unwrap();
    b.find(Locator::Css(&format!("[data-testid=agreement-partner] option[value='{school}']"))).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("[data-testid=agreement-majors] option[value='660301']")).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("[data-testid=agreement-students]")).await.unwrap().send_keys("60").await.unwrap();
    b.find(Locator::Css("[data-testid=agreement-hired]")).await.unwrap().send_keys("40").await.unwrap();
    b.find(Locator::Css("[data-testid=agreement-submit]")).await.unwrap().click().await.unwrap();
    wait_text(&b, "[data-testid=agreement-status]", "待对方确认").await;
    let agreement_url = b.current_url().await.unwrap().to_string();
    assert!(b.find(Locator::Css("[data-testid=agreement-confirm]")).await.is_err(), "the drafting side does not confirm");
    logout(&b).await;

    login(&b, &app, "school").await;
    b.goto(&agreement_url).await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=agreement-confirm]")).await.unwrap().click().await.unwrap();
    wait_text(&b, "[data-testid=agreement-status]", "双方已确认").await;
    b.goto(&app.url("/cooperation/scores")).await.unwrap();
    let after: f64 = b.wait().for_element(Locator::Css(&score_css)).await.unwrap().text().await.unwrap().parse().unwrap();
    assert!(after > before, "{before} → {after}");
    b.close().await.unwrap();
}

/// 职业启蒙 end to end: a primary school books a session at a base, the base's host
/// records attendance, and the district's coverage counts one more school.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_primary_school_books_a_session_the_host_records_it_and_coverage_rises() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use zhijiao::entity::{enl_base, enl_booking};
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let base = enl_base::Entity::find().filter(enl_base::Column::Level.eq("school")).one(&app.db).await.unwrap().expect("the demo school base");
    let before = zhijiao::areas::enlightenment::coverage_on(&app.db, zhijiao::areas::enlightenment::today()).await.unwrap();
    let b = browser(&driver, false).await;
    login(&b, &app, "primary").await;
    b.find(Locator::Css("[data-testid=nav-enlightenment]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::LinkText(&base.name)).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=booking-form]")).await.unwrap();
    // Date and time inputs take their value from script (their typing order follows the locale).
    let today = zhijiao::areas::enlightenment::today().to_string();
    b.execute("document.querySelector('[data-testid=booking-date]').value = arguments[0]; document.querySelector('[data-testid=booking-start]').value = '14:00';", vec![json!(today)])
        .await
        .unwrap();
    let pupils = b.find(Locator::Css("[data-testid=booking-pupils]")).await.unwrap();
    pupils.clear().await.unwrap();
    pupils.send_keys("30").await.unwrap();
    b.find(Locator::Css("[data-testid=booking-save]")).await.unwrap().click().await.unwrap();
    b.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[data-testid=bookings]")).await.unwrap();
    let primary = app.org_id("高新区实验小学（示例）").await;
    let booking = enl_booking::Entity::find().filter(enl_booking::Column::SchoolOrgId.eq(primary)).one(&app.db).await.unwrap().expect("booked");
    let row = b.find(Locator::Css(&format!("[data-testid=booking-{}]", booking.id))).await.unwrap().text().await.unwrap();
    assert!(row.contains("已预约") && row.contains("14:00"), "{row}");
    logout(&b).await;

    login(&b, &app, "teacher").await;
    b.goto(&app.url(&format!("/enlightenment/bases/{}", base.id))).await.unwrap();
    b.wait().for_element(Locator::Css(&format!("[data-testid=attendance-save-{}]", booking.id))).await.unwrap().click().await.unwrap();
    for _ in 0..100 {
        if enl_booking::Entity::find_by_id(booking.id).one(&app.db).await.unwrap().unwrap().status == "attended" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let row = b.wait().for_element(Locator::Css(&format!("[data-testid=booking-{}]", booking.id))).await.unwrap().text().await.unwrap();
    assert!(row.contains("已到场"), "{row}");
    logout(&b).await;

    login(&b, &app, "admin").await;
    b.find(Locator::Css("[data-testid=nav-enlightenment]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=coverage-link]")).await.unwrap().click().await.unwrap();
    let figure = b.wait().for_element(Locator::Css("[data-testid=coverage-figure]")).await.unwrap().text().await.unwrap();
    assert!(figure.contains(&format!("{} / {}", before.covered + 1, before.schools)), "{figure}");
    let line = b.find(Locator::Css(&format!("[data-testid=coverage-{primary}]"))).await.unwrap().text().await.unwrap();
    assert!(line.contains("已覆盖"), "{line}");
    b.close().await.unwrap();
}

/// A community resident finds a course in the public directory on a 390 px phone and
/// signs up with name, phone and 身份证号; the page fits the screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_signs_up_for_a_course_on_a_phone() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let p = browser(&driver, true).await;
    p.goto(&app.url("/")).await.unwrap();
    p.wait().for_element(Locator::Css("[data-testid=home-courses]")).await.unwrap().click().await.unwrap();
    p.wait().for_element(Locator::LinkText("社区居民（1）")).await.unwrap().click().await.unwrap();
    p.wait().for_element(Locator::LinkText("2026年冬季养老护理员社区班（示例）")).await.unwrap().click().await.unwrap();
    p.wait().for_element(Locator::Css("[data-testid=signup-form]")).await.unwrap();
    let first17 = "37030319920618202";
    let id = format!("{first17}{}", zhijiao_domain::validate::resident_id_check_char(first17));
    p.find(Locator::Css("input[name=name]")).await.unwrap().send_keys("刘秀英").await.unwrap();
    p.find(Locator::Css("input[name=phone]")).await.unwrap().send_keys("13853300002").await.unwrap();
    p.find(Locator::Css("input[name=id_number]")).await.unwrap().send_keys(&id).await.unwrap();
    let width: f64 = serde_json::from_value(p.execute("return document.documentElement.scrollWidth", vec![]).await.unwrap()).unwrap();
    assert!(width <= 390.0, "the sign-up page is {width}px wide on a 390px phone");
    p.find(Locator::Css("[data-testid=signup-save]")).await.unwrap().click().await.unwrap();
    let done = p.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[data-testid=signup-done]")).await.unwrap().text().await.unwrap();
    assert!(done.contains("报名成功"), "{done}");
    assert_eq!(app.count(&format!("trn_enrolments WHERE id_number = '{id}'")).await, 1);
    p.close().await.unwrap();
}

/// 纵向贯通 and 专业群 (issue 10): the school adds an upper-level course to its 3+2 pathway
/// and the alignment view flags the prerequisite nothing below teaches; it builds a
/// specialty group by picking its majors and chain by name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_school_aligns_a_pathway_and_builds_a_specialty_group() {
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let b = browser(&driver, false).await;
    login(&b, &app, "school").await;
    b.goto(&app.url("/majors/pathways")).await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=pathway-three_two] a")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=course-form]")).await.unwrap();
    b.find(Locator::Css("[data-testid=course-stage] option[value='upper']")).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("[data-testid=course-name]")).await.unwrap().send_keys("伺服驱动技术").await.unwrap();
    b.find(Locator::Css("[data-testid=course-hours]")).await.unwrap().send_keys("64").await.unwrap();
    b.find(Locator::Css("[data-testid=course-prerequisites]")).await.unwrap().send_keys("电力电子基础").await.unwrap();
    b.find(Locator::Css("[data-testid=course-save]")).await.unwrap().click().await.unwrap();
    let mut flagged = String::new();
    for _ in 0..100 {
        flagged = match b.find(Locator::Css("[data-testid=alignment]")).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if flagged.contains("伺服驱动技术：电力电子基础") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(flagged.contains("缺少前置课程 伺服驱动技术：电力电子基础"), "{flagged}");

    b.goto(&app.url("/majors/groups")).await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=group-name]")).await.unwrap().send_keys("工业机器人专业群").await.unwrap();
    b.find(Locator::Css("[data-testid=group-chain] option[value='智能制造']")).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("[data-testid=group-core] option[value='660303']")).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("[data-testid=group-member-710201]")).await.unwrap().click().await.unwrap();
    b.find(Locator::Css("[data-testid=group-save]")).await.unwrap().click().await.unwrap();
    b.wait().for_element(Locator::Css("[data-testid=group-member-710201]:checked")).await.unwrap();
    b.goto(&app.url("/majors/groups")).await.unwrap();
    let list = b.wait().for_element(Locator::Css("[data-testid=groups-list]")).await.unwrap().text().await.unwrap();
    assert!(list.contains("工业机器人专业群") && list.contains("710201 计算机应用"), "{list}");
    b.close().await.unwrap();
}

/// Issue 16, the door without a network: two staff phones open the check-in page (which
/// installs its service worker and keeps the fair's bundle), lose the network, reload the
/// page from the phone's copy and check tickets in — the same ticket on both phones; a
/// forged code, another fair's code and a code already used on the phone are refused at
/// once with the server's words. Nothing reaches the server until the network is back;
/// then each ticket is one attendance and the second phone shows the duplicate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_phones_check_in_offline_and_sync_one_attendance_per_ticket_with_the_duplicate_reported() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let driver = chromedriver();
    let app = common::spawn_app(common::Backend::Sqlite).await;
    app.load_demo().await;
    let fair = zhijiao::entity::fair::Entity::find().filter(zhijiao::entity::fair::Column::IsDemo.eq(true)).one(&app.db).await.unwrap().expect("the demo fair").id;
    let code_of = |username: &'static str, fair: i64| {
        let app = &app;
        async move {
            let (c, _) = app.login_as(username).await;
            let html = c.get(app.url(&format!("/fairs/{fair}/code"))).send().await.unwrap().text().await.unwrap();
            let marker = "data-testid=\"my-code-text\">";
            let start = html.find(marker).expect("code") + marker.len();
            html[start..].split('<').next().unwrap().to_string()
        }
    };
    let (c1, c2, c3) = (code_of("fairstu1", fair).await, code_of("fairstu2", fair).await, code_of("fairstu3", fair).await);
    // Another open fair that fairstu1 signed up for.
    let (admin, at) = app.login_as("admin").await;
    let resp = app
        .post_form(&admin, &at, "/fairs", &[("title", "另一场离线测试见面会"), ("theme", "专场"), ("fair_date", "2026-12-20"), ("venue", "体育馆"), ("categories", "智能制造"), ("booth_capacity", "5"), ("capacity", "50")])
        .await;
    let other: i64 = resp.headers()["location"].to_str().unwrap().trim_start_matches("/fairs/").parse().unwrap();
    assert_eq!(app.post_form(&admin, &at, &format!("/fairs/{other}/status"), &[("status", "open")]).await.status(), 303);
    let (s1, st1) = app.login_as("fairstu1").await;
    assert_eq!(app.post_form(&s1, &st1, &format!("/fairs/{other}/signup"), &[]).await.status(), 303);
    let other_code = code_of("fairstu1", other).await;
    let phone_a = browser(&driver, true).await;
    let phone_b = browser(&driver, true).await;
    let checkin = app.url(&format!("/fairs/{fair}/checkin"));
    for (p, who) in [(&phone_a, "renshe"), (&phone_b, "admin")] {
        login(p, &app, who).await;
        p.goto(&checkin).await.unwrap();
        // The worker controls the page, the page is in the cache, the bundle is kept.
        let ready = p
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const here = location.origin + location.pathname;
                 const poll = () => caches.open('zj-fairs-pages-v1').then(c => c.match(here)).then(hit => {
                   const list = document.querySelector('[data-testid=offline-list]').textContent;
                   if (navigator.serviceWorker.controller && hit && list.includes('已下载')) { done(true); } else { setTimeout(poll, 100); }
                 });
                 poll();",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(ready, json!(true), "{who}: installed");
    }

    // The network goes away (Chromium's network conditions, through chromedriver).
    let http = reqwest::Client::new();
    let network = |p: &Client, offline: bool| {
        let http = http.clone();
        let port = driver.port;
        let p = p.clone();
        async move {
            let sid = p.session_id().await.unwrap().unwrap();
            let body = json!({"network_conditions": {"offline": offline, "latency": 0, "download_throughput": -1, "upload_throughput": -1}});
            let resp = http.post(format!("http://127.0.0.1:{port}/session/{sid}/chromium/network_conditions")).json(&body).send().await.unwrap();
            assert!(resp.status().is_success(), "network conditions: {}", resp.text().await.unwrap());
        }
    };
    for p in [&phone_a, &phone_b] {
        network(p, true).await;
        // Reloaded without a network: the phone's copy of the page, the bundle from IndexedDB.
        p.refresh().await.unwrap();
        p.wait().at_most(Duration::from_secs(15)).for_element(Locator::Css("[data-testid=offline-door]")).await.unwrap();
        wait_text(p, "[data-testid=offline-net]", "离线").await;
        let fetched = p
            .execute_async("const done = arguments[arguments.length - 1]; fetch('/healthz').then(() => done('reached'), () => done('offline'));", vec![])
            .await
            .unwrap();
        assert_eq!(fetched, json!("offline"), "the phone really has no network");
        for _ in 0..100 {
            let list = p.find(Locator::Css("[data-testid=offline-list]")).await.unwrap().text().await.unwrap();
            if list.contains("已下载") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let scan = |p: &Client, code: String| {
        let p = p.clone();
        async move {
            let input = p.find(Locator::Css("[data-testid=checkin-code]")).await.unwrap();
            input.send_keys(&code).await.unwrap();
            p.find(Locator::Css("[data-testid=checkin-submit]")).await.unwrap().click().await.unwrap();
            for _ in 0..100 {
                for (css, kind) in [("#offline-result [data-testid=checkin-ok]", "ok"), ("#offline-result [data-testid=checkin-refused]", "refused")] {
                    if let Ok(e) = p.find(Locator::Css(css)).await {
                        if let Ok(t) = e.text().await {
                            return (kind, t);
                        }
                    }
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            panic!("no answer to {code}");
        }
    };
    let (kind, text) = scan(&phone_a, c1.clone()).await;
    assert_eq!(kind, "ok", "{text}");
    let first_name = phone_a.find(Locator::Css("#offline-result [data-testid=checkin-name]")).await.unwrap().text().await.unwrap();
    assert!(text.contains("待同步") && !first_name.is_empty() && !first_name.contains("名单更新后"), "the name from the kept list: {text}");
    assert_eq!(scan(&phone_a, c2.clone()).await.0, "ok");
    // Refused at once, in the server's words.
    let (kind, text) = scan(&phone_a, c1.clone()).await;
    assert!(kind == "refused" && text.contains("已于") && text.contains("使用过，不能重复签到"), "{text}");
    let sig = c1.rsplit('.').next().unwrap();
    let (kind, text) = scan(&phone_a, format!("ZJF2.{fair}.{}.{sig}", c2.split('.').nth(2).unwrap())).await;
    assert!(kind == "refused" && text.contains("签名不符"), "forged: {text}");
    let (kind, text) = scan(&phone_a, other_code.clone()).await;
    assert!(kind == "refused" && text.contains("该签到码属于“另一场离线测试见面会”，不能在本场签到"), "other fair: {text}");
    let (kind, text) = scan(&phone_a, "hello".into()).await;
    assert!(kind == "refused" && text.contains("签到码格式不正确"), "{text}");
    // Phone B scans the first ticket too, and a third.
    assert_eq!(scan(&phone_b, c1.clone()).await.0, "ok");
    assert_eq!(scan(&phone_b, c3.clone()).await.0, "ok");
    wait_text(&phone_a, "[data-testid=offline-queued]", "2").await;
    wait_text(&phone_b, "[data-testid=offline-queued]", "2").await;
    assert_eq!(app.count(&format!("fair_checkins WHERE fair_id = {fair}")).await, 0, "nothing reached the server");

    // The network returns, to phone A first.
    network(&phone_a, false).await;
    phone_a.find(Locator::Css("[data-testid=offline-sync]")).await.unwrap().click().await.unwrap();
    wait_text(&phone_a, "[data-testid=offline-synced]", "2").await;
    wait_text(&phone_a, "[data-testid=offline-queued]", "0").await;
    wait_text(&phone_a, "[data-testid=offline-conflicts]", "0").await;
    network(&phone_b, false).await;
    phone_b.find(Locator::Css("[data-testid=offline-sync]")).await.unwrap().click().await.unwrap();
    wait_text(&phone_b, "[data-testid=offline-queued]", "0").await;
    wait_text(&phone_b, "[data-testid=offline-synced]", "1").await;
    wait_text(&phone_b, "[data-testid=offline-conflicts]", "1").await;
    let conflict = phone_b.find(Locator::Css("[data-testid=offline-conflict]")).await.unwrap().text().await.unwrap();
    assert!(conflict.contains(&first_name) && conflict.contains("不能重复签到"), "{conflict}");
    // A second sync from B (the button again) changes nothing.
    phone_b.find(Locator::Css("[data-testid=offline-sync]")).await.unwrap().click().await.unwrap();

    // Exactly one attendance per ticket; the duplicate is on record.
    assert_eq!(app.count(&format!("fair_checkins WHERE fair_id = {fair}")).await, 3);
    assert_eq!(app.count(&format!("(SELECT DISTINCT signup_id FROM fair_checkins WHERE fair_id = {fair}) t")).await, 3);
    assert_eq!(app.count("fair_scans WHERE outcome = 'accepted'").await, 3);
    assert_eq!(app.count("fair_scans WHERE outcome = 'duplicate'").await, 1);
    phone_a.close().await.unwrap();
    phone_b.close().await.unwrap();
}
