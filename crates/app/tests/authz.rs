//! The authorisation matrix: every route × every demo role → the expected status.
//! Later issues add their routes here; the OpenAPI document must list exactly the
//! API routes of this table.

mod common;

use common::TestApp;
use std::collections::BTreeSet;

/// Columns: anonymous, admin, renshe, school, teacher, hr, student.
const USERS: [&str; 7] = ["", "admin", "renshe", "school", "teacher", "hr", "student"];

struct Case {
    method: &'static str,
    /// Path with `{school}` (中德莱茵's organisation id), `{student}`, `{policy}`, `{draft}`,
    /// `{task}`, `{measure}`, `{report}`, `{posting}`, `{posting_draft}`, `{destination}`, `{fair}`,
    /// `{booth}` and `{visit}` placeholders.
    path: &'static str,
    /// The OpenAPI path template, for API routes.
    spec: Option<&'static str>,
    body: Body,
    expect: [u16; 7],
}

#[derive(Clone, Copy)]
enum Body {
    Nothing,
    Form(&'static [(&'static str, &'static str)]),
    Json(&'static str),
    EmptyMultipart,
}

const ALL_OK: [u16; 7] = [200; 7];
const LOGIN_REDIRECT: u16 = 303;

fn cases() -> Vec<Case> {
    use Body::{EmptyMultipart, Form, Json};
    const N: Body = Body::Nothing;
    let c = |method, path, spec, body, expect| Case { method, path, spec, body, expect };
    vec![
        c("GET", "/healthz", None, N, ALL_OK),
        c("GET", "/api/openapi.json", None, N, ALL_OK),
        c("GET", "/", None, N, ALL_OK),
        c("GET", "/login", None, N, [200, 303, 303, 303, 303, 303, 303]),
        c("GET", "/account", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 200]),
        c("GET", "/catalog", None, N, ALL_OK),
        c("GET", "/catalog/majors?level=secondary", None, N, ALL_OK),
        c("GET", "/catalog/majors/secondary/660301", None, N, ALL_OK),
        c("GET", "/catalog/industries/C", None, N, ALL_OK),
        c("GET", "/catalog/search?q=%E7%94%B5%E5%B7%A5", None, N, [303; 7]),
        c("GET", "/templates/students.xlsx", None, N, ALL_OK),
        c("GET", "/orgs", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/orgs/new", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("GET", "/orgs/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/orgs/{school}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 200]),
        c("GET", "/orgs/{school}/edit", None, N, [LOGIN_REDIRECT, 200, 403, 200, 403, 403, 403]),
        c("POST", "/orgs", None, Form(&[("kind", "department"), ("name", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/orgs/{school}", None, Form(&[("kind", "vocational_school"), ("name", "")]), [LOGIN_REDIRECT, 422, 403, 422, 403, 403, 403]),
        c("POST", "/orgs/{school}/status", None, Form(&[("status", "bogus")]), [LOGIN_REDIRECT, 400, 403, 403, 403, 403, 403]),
        c("POST", "/orgs/{school}/aliases", None, Form(&[("alias", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/students", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/students/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/students/{student}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/destinations", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/destinations/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/destinations/rates", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/destinations/rates.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/destinations/new", None, N, [LOGIN_REDIRECT, 200, 403, 200, 403, 403, 403]),
        // The district must name the school (400); the school's own form fails validation (422).
        c("POST", "/destinations", None, Form(&[("student_no", "")]), [LOGIN_REDIRECT, 400, 403, 422, 403, 403, 403]),
        c("GET", "/destinations/{destination}/edit", None, N, [LOGIN_REDIRECT, 200, 403, 200, 403, 403, 403]),
        c("POST", "/destinations/{destination}", None, Form(&[("student_no", "")]), [LOGIN_REDIRECT, 422, 403, 422, 403, 403, 403]),
        c("GET", "/templates/destinations.xlsx", None, N, ALL_OK),
        c("GET", "/import/destinations", None, N, [LOGIN_REDIRECT, 200, 403, 200, 403, 403, 403]),
        c("POST", "/import/destinations", None, EmptyMultipart, [LOGIN_REDIRECT, 422, 403, 422, 403, 403, 403]),
        c("GET", "/audit", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("GET", "/audit/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("GET", "/catalog/occupations/export.xlsx?level=major", None, N, ALL_OK),
        c("GET", "/import/students", None, N, [LOGIN_REDIRECT, 200, 403, 200, 403, 403, 403]),
        c("GET", "/import/orgs", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("POST", "/import/students", None, EmptyMultipart, [LOGIN_REDIRECT, 422, 403, 422, 403, 403, 403]),
        c("GET", "/imports/999999", None, N, [LOGIN_REDIRECT, 404, 404, 404, 404, 404, 404]),
        c("GET", "/users", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("GET", "/users/new", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("POST", "/users", None, Form(&[("username", "x")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/users/{student_user}/password", None, Form(&[("password", "short")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/users/999999/active", None, Form(&[("active", "true")]), [LOGIN_REDIRECT, 404, 403, 403, 403, 403, 403]),
        // Policy tracking: {policy} is the accepted seed, {draft} a draft, {task} and
        // {measure} belong to measure 1 led by the administrator's 教育和体育事业中心.
        c("GET", "/policy", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("POST", "/policy/seed", None, Form(&[]), [LOGIN_REDIRECT, 303, 403, 403, 403, 403, 403]),
        c("POST", "/policy/import", None, EmptyMultipart, [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/policy/dashboard", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/policy/tasks", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/policy/{policy}", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/policy/{draft}", None, N, [LOGIN_REDIRECT, 200, 404, 403, 403, 403, 403]),
        c("POST", "/policy/{policy}/accept", None, Form(&[]), [LOGIN_REDIRECT, 409, 403, 403, 403, 403, 403]),
        c("POST", "/policy/{draft}/units", None, Form(&[("name", ""), ("alias_of", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/policy/{policy}/tasks.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/policy/{policy}/ledger.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/policy/tasks/{task}", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("POST", "/policy/tasks/{task}/milestones", None, Form(&[("title", ""), ("due_on", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/policy/milestones/999999/done", None, Form(&[]), [LOGIN_REDIRECT, 404, 404, 403, 403, 403, 403]),
        c("POST", "/policy/tasks/{task}/reports", None, Form(&[("text", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/policy/reports/{report}/evidence", None, EmptyMultipart, [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/policy/reports/{report}/evidence", None, N, [LOGIN_REDIRECT, 404, 403, 403, 403, 403, 403]),
        c("POST", "/policy/measures/{measure}/consolidate", None, Form(&[("period", "bogus")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/policy/measures/{measure}/kpis", None, Form(&[("key", "bogus"), ("target", "1")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        // Employment: postings, applications, profiles, notifications. {posting} is a
        // published posting and {posting_draft} a draft of the demo HR's enterprise.
        c("GET", "/postings", None, N, ALL_OK),
        c("GET", "/postings?q=%E6%95%B0%E6%8E%A7&kind=fulltime", None, N, ALL_OK),
        c("GET", "/postings/{posting}", None, N, ALL_OK),
        c("GET", "/postings/{posting_draft}", None, N, [404, 200, 200, 404, 404, 200, 404]),
        c("GET", "/postings/new", None, N, [LOGIN_REDIRECT, 403, 403, 403, 403, 200, 403]),
        c("GET", "/postings/{posting_draft}/edit", None, N, [LOGIN_REDIRECT, 404, 403, 403, 403, 200, 403]),
        c("POST", "/postings", None, Form(&[("kind", "fulltime"), ("title", ""), ("description", "")]), [LOGIN_REDIRECT, 403, 403, 403, 403, 422, 403]),
        c("POST", "/postings/{posting_draft}", None, Form(&[("kind", "fulltime"), ("title", ""), ("description", "")]), [LOGIN_REDIRECT, 404, 403, 403, 403, 422, 403]),
        c("POST", "/postings/lint", None, Form(&[("title", "电工（限男性）"), ("description", "")]), ALL_OK),
        c("GET", "/postings/manage", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 200, 403]),
        c("GET", "/postings/manage/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 200, 403]),
        c("POST", "/postings/{posting}/submit", None, Form(&[]), [LOGIN_REDIRECT, 403, 403, 403, 403, 409, 403]),
        c("POST", "/postings/{posting}/review", None, Form(&[("decision", "approve")]), [LOGIN_REDIRECT, 409, 403, 403, 403, 403, 403]),
        c("POST", "/postings/{posting_draft}/close", None, Form(&[]), [LOGIN_REDIRECT, 409, 403, 403, 403, 409, 403]),
        c("POST", "/postings/{posting_draft}/apply", None, Form(&[]), [LOGIN_REDIRECT, 409, 403, 403, 403, 403, 404]),
        c("GET", "/applications", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 200, 200]),
        c("GET", "/applications/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 200, 200]),
        c("POST", "/applications/999999/status", None, Form(&[("status", "interview")]), [LOGIN_REDIRECT, 404, 403, 403, 403, 404, 403]),
        c("POST", "/applications/999999/withdraw", None, Form(&[]), [LOGIN_REDIRECT, 404, 404, 404, 404, 404, 404]),
        c("GET", "/profiles/{student_user}", None, N, [LOGIN_REDIRECT, 403, 403, 403, 403, 200, 200]),
        c("GET", "/profile", None, N, [LOGIN_REDIRECT, 403, 403, 403, 403, 403, 200]),
        c("POST", "/profile", None, Form(&[("major_code", "999999")]), [LOGIN_REDIRECT, 403, 403, 403, 403, 403, 422]),
        c("GET", "/notifications", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 200]),
        c("POST", "/notifications/read", None, Form(&[]), [LOGIN_REDIRECT, 303, 303, 303, 303, 303, 303]),
        // 面对面: {fair} is the demo fair (open), {booth} its booth awaiting review (not the
        // demo HR's enterprise), {visit} the demo visit of 中德莱茵 to another enterprise.
        c("GET", "/fairs", None, N, ALL_OK),
        c("GET", "/fairs/export.xlsx", None, N, ALL_OK),
        c("GET", "/fairs/new", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("POST", "/fairs", None, Form(&[("title", "")]), [LOGIN_REDIRECT, 422, 422, 403, 403, 403, 403]),
        c("GET", "/fairs/{fair}", None, N, ALL_OK),
        c("POST", "/fairs/{fair}/status", None, Form(&[("status", "bogus")]), [LOGIN_REDIRECT, 400, 400, 403, 403, 403, 403]),
        c("POST", "/fairs/{fair}/booths", None, Form(&[("category", "bogus")]), [LOGIN_REDIRECT, 403, 403, 403, 403, 422, 403]),
        c("GET", "/fairs/{fair}/booths.xlsx", None, N, ALL_OK),
        c("POST", "/fairs/{fair}/booths/{booth}/review", None, Form(&[("decision", "bogus")]), [LOGIN_REDIRECT, 400, 400, 403, 403, 403, 403]),
        c("POST", "/fairs/{fair}/booths/{booth}/postings", None, Form(&[("posting_id", "")]), [LOGIN_REDIRECT, 403, 403, 403, 403, 404, 403]),
        c("POST", "/fairs/{fair}/signup", None, Form(&[]), [LOGIN_REDIRECT, 403, 403, 403, 403, 403, 303]),
        c("GET", "/fairs/{fair}/code", None, N, [LOGIN_REDIRECT, 403, 403, 403, 403, 403, 200]),
        c("GET", "/fairs/{fair}/signups", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/fairs/{fair}/signups.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/fairs/{fair}/checkin", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("POST", "/fairs/{fair}/checkin", None, Form(&[("code", "bogus")]), [LOGIN_REDIRECT, 400, 400, 403, 403, 403, 403]),
        c("GET", "/fairs/{fair}/stats", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("GET", "/fairs/{fair}/stats.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("GET", "/visits", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 200]),
        c("GET", "/visits/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 200]),
        c("GET", "/visits/new", None, N, [LOGIN_REDIRECT, 403, 403, 200, 200, 403, 403]),
        c("POST", "/visits", None, Form(&[("theme", "")]), [LOGIN_REDIRECT, 403, 403, 422, 422, 403, 403]),
        c("GET", "/visits/{visit}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 404, 200]),
        // The demo teacher signed up already (409); the school admin and the student sign up.
        c("POST", "/visits/{visit}/signup", None, Form(&[]), [LOGIN_REDIRECT, 403, 403, 303, 409, 403, 303]),
        c("POST", "/visits/{visit}/record", None, Form(&[("summary", "")]), [LOGIN_REDIRECT, 403, 403, 422, 422, 403, 403]),
        c("GET", "/visits/{visit}/signups.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 404, 200]),
        // Matching, internships, school vetting. {placement} is the demo's recorded placement
        // with violations at 中德莱茵 (confirming it is refused).
        c("GET", "/recommendations", None, N, [LOGIN_REDIRECT, 403, 403, 403, 403, 403, 200]),
        c("GET", "/recommendations/export.xlsx", None, N, [LOGIN_REDIRECT, 403, 403, 403, 403, 403, 200]),
        c("GET", "/postings/{posting}/candidates", None, N, [LOGIN_REDIRECT, 403, 403, 403, 403, 200, 403]),
        c("GET", "/postings/{posting}/candidates/export.xlsx", None, N, [LOGIN_REDIRECT, 403, 403, 403, 403, 200, 403]),
        c("GET", "/internships", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/internships?violating=1", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/internships/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/internships/new", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 403, 403]),
        c("POST", "/internships", None, Form(&[("student_no", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("GET", "/internships/{placement}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/internships/{placement}/edit", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 403, 403]),
        c("POST", "/internships/{placement}", None, Form(&[("student_no", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("POST", "/internships/{placement}/confirm", None, Form(&[]), [LOGIN_REDIRECT, 403, 403, 409, 403, 403, 403]),
        c("GET", "/school/enterprises", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 403, 403]),
        c("GET", "/school/enterprises/export.xlsx", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 403, 403]),
        c("POST", "/school/enterprises/999999/decision", None, Form(&[("decision", "bogus")]), [LOGIN_REDIRECT, 403, 403, 400, 403, 403, 403]),
        c("POST", "/lang", None, Form(&[("lang", "en")]), [303; 7]),
        c("POST", "/logout", None, Form(&[]), [303; 7]),
        // 产业人才需求信息报告: {talent_version} is a published version, {chain} a chain
        // made for the matrix (the administrator deletes it last).
        c("GET", "/reports/talent?period=2026", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("POST", "/reports/talent/draft", None, Form(&[("period", "2026")]), [LOGIN_REDIRECT, 303, 403, 403, 403, 403, 403]),
        c("POST", "/reports/talent/publish", None, Form(&[("period", "2026-13")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/reports/talent/draft.xlsx?period=2026", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/reports/talent/draft.docx?period=2026", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/reports/talent/published", None, N, ALL_OK),
        c("GET", "/reports/talent/published.xlsx", None, N, ALL_OK),
        c("GET", "/reports/talent/v/{talent_version}", None, N, ALL_OK),
        c("GET", "/reports/talent/v/{talent_version}/report.xlsx", None, N, ALL_OK),
        c("GET", "/reports/talent/v/{talent_version}/report.docx", None, N, ALL_OK),
        c("GET", "/reports/talent/chains", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/reports/talent/chains.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("POST", "/reports/talent/chains", None, Form(&[("name", ""), ("industry_codes", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/reports/talent/chains/{chain}", None, Form(&[("name", ""), ("industry_codes", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/reports/talent/chains/{chain}/delete", None, Form(&[]), [LOGIN_REDIRECT, 303, 403, 403, 403, 403, 403]),
        c("GET", "/reports/talent/crosswalk", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/reports/talent/crosswalk.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("POST", "/reports/talent/crosswalk", None, Form(&[("level", "secondary"), ("major_code", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        // API
        c("GET", "/api/v1/catalog/majors", Some("/api/v1/catalog/{kind}"), N, ALL_OK),
        c("GET", "/api/v1/catalog/majors/secondary/660301", Some("/api/v1/catalog/majors/{level}/{code}"), N, ALL_OK),
        c("GET", "/api/v1/catalog/occupations/6-31-01-03", Some("/api/v1/catalog/{kind}/{code}"), N, ALL_OK),
        c("GET", "/api/v1/me", Some("/api/v1/me"), N, [401, 200, 200, 200, 200, 200, 200]),
        c("GET", "/api/v1/orgs", Some("/api/v1/orgs"), N, [401, 200, 200, 403, 403, 403, 403]),
        c("POST", "/api/v1/orgs", Some("/api/v1/orgs"), Json(r#"{"kind":"department","name":""}"#), [401, 422, 403, 403, 403, 403, 403]),
        c("GET", "/api/v1/orgs/{school}", Some("/api/v1/orgs/{id}"), N, [401, 200, 200, 200, 200, 403, 200]),
        c("PUT", "/api/v1/orgs/{school}", Some("/api/v1/orgs/{id}"), Json(r#"{"kind":"vocational_school","name":""}"#), [401, 422, 403, 422, 403, 403, 403]),
        c("POST", "/api/v1/orgs/{school}/status", Some("/api/v1/orgs/{id}/status"), Json(r#"{"status":"bogus"}"#), [401, 400, 403, 403, 403, 403, 403]),
        c("GET", "/api/v1/students", Some("/api/v1/students"), N, [401, 200, 200, 200, 200, 403, 403]),
        c("GET", "/api/v1/students/{student}", Some("/api/v1/students/{id}"), N, [401, 200, 200, 200, 200, 403, 403]),
        c("GET", "/api/v1/audit", Some("/api/v1/audit"), N, [401, 200, 403, 403, 403, 403, 403]),
        c("GET", "/api/v1/destinations", Some("/api/v1/destinations"), N, [401, 200, 200, 200, 200, 403, 403]),
        c("POST", "/api/v1/destinations", Some("/api/v1/destinations"), Json(r#"{"student_no":""}"#), [401, 400, 403, 422, 403, 403, 403]),
        c("GET", "/api/v1/destinations/rates", Some("/api/v1/destinations/rates"), N, [401, 200, 200, 200, 200, 403, 403]),
        c("POST", "/api/v1/imports/destinations", Some("/api/v1/imports/{register}"), EmptyMultipart, [401, 422, 403, 422, 403, 403, 403]),
        c("POST", "/api/v1/imports/students", Some("/api/v1/imports/{register}"), EmptyMultipart, [401, 422, 403, 422, 403, 403, 403]),
        c("GET", "/api/v1/policy/dashboard", Some("/api/v1/policy/dashboard"), N, [401, 200, 200, 403, 403, 403, 403]),
        c("GET", "/api/v1/policy/tasks", Some("/api/v1/policy/tasks"), N, [401, 200, 200, 403, 403, 403, 403]),
        c("POST", "/api/v1/policy/tasks/{task}/reports", Some("/api/v1/policy/tasks/{id}/reports"), Json(r#"{"text":""}"#), [401, 422, 403, 403, 403, 403, 403]),
        c("POST", "/api/v1/postings/lint", Some("/api/v1/postings/lint"), Json(r#"{"text":"限男性，要求本地户口"}"#), ALL_OK),
        c("GET", "/api/v1/postings?q=%E6%9C%BA%E7%94%B5", Some("/api/v1/postings"), N, ALL_OK),
        c("GET", "/api/v1/postings/{posting}", Some("/api/v1/postings/{id}"), N, ALL_OK),
        c("GET", "/api/v1/postings/{posting_draft}", Some("/api/v1/postings/{id}"), N, [404, 200, 200, 404, 404, 200, 404]),
        c("GET", "/api/v1/recommendations", Some("/api/v1/recommendations"), N, [401, 403, 403, 403, 403, 403, 200]),
        c("GET", "/api/v1/postings/{posting}/candidates", Some("/api/v1/postings/{id}/candidates"), N, [401, 403, 403, 403, 403, 200, 403]),
        c("GET", "/api/v1/reports/talent?period=2026", Some("/api/v1/reports/talent"), N, [401, 200, 200, 403, 403, 403, 403]),
        c("GET", "/api/v1/reports/talent/versions", Some("/api/v1/reports/talent/versions"), N, ALL_OK),
        c("GET", "/api/v1/reports/talent/chains", Some("/api/v1/reports/talent/chains"), N, [401, 200, 200, 403, 403, 403, 403]),
        // Majors (issue 10). `{major_filing}` is the demo's filing of 淄博信息工程学校 (another school than the school user's).
        c("GET", "/majors", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/majors/forecast", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/majors/forecast?major=660301&seats=0", None, N, [LOGIN_REDIRECT, 422, 422, 403, 403, 403, 403]),
        c("POST", "/majors/batches", None, Form(&[("year", ""), ("title", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/majors/filings", None, N, [LOGIN_REDIRECT, 200, 200, 200, 403, 403, 403]),
        c("GET", "/majors/filings/new", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 403, 403]),
        c("POST", "/majors/filings", None, Form(&[("kind", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("GET", "/majors/filings/{major_filing}", None, N, [LOGIN_REDIRECT, 200, 200, 404, 403, 403, 403]),
        c("POST", "/majors/filings/{major_filing}", None, Form(&[("kind", "")]), [LOGIN_REDIRECT, 403, 403, 404, 403, 403, 403]),
        c("POST", "/majors/filings/{major_filing}/review", None, Form(&[("action", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/majors/records", None, N, ALL_OK),
        c("GET", "/majors/records.xlsx", None, N, ALL_OK),
        c("GET", "/majors/offerings", None, N, [LOGIN_REDIRECT, 200, 200, 200, 403, 403, 403]),
        c("GET", "/majors/offerings.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 403, 403, 403]),
        c("POST", "/majors/offerings", None, EmptyMultipart, [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("GET", "/templates/majors.xlsx", None, N, ALL_OK),
        c("GET", "/api/v1/majors/map", Some("/api/v1/majors/map"), N, [401, 200, 200, 403, 403, 403, 403]),
        c("GET", "/api/v1/majors/filings", Some("/api/v1/majors/filings"), N, [401, 200, 200, 200, 403, 403, 403]),
        c("GET", "/api/v1/majors/records", Some("/api/v1/majors/records"), N, ALL_OK),
        c("GET", "/api/v1/majors/forecast", Some("/api/v1/majors/forecast"), N, [401, 200, 200, 403, 403, 403, 403]),
        // Schools (issue 11): the standards check, scorecards, 党建/思政 log.
        c("GET", "/schools", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/schools/standards/new", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 403, 403]),
        c("POST", "/schools/standards", None, Form(&[("year", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("GET", "/schools/standards/{standards}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/schools/standards/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/schools/standards/template.xlsx", None, N, ALL_OK),
        c("GET", "/schools/standards/import", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 403, 403]),
        c("POST", "/schools/standards/import", None, EmptyMultipart, [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("GET", "/schools/scorecards", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/schools/scorecards/method", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("POST", "/schools/scorecards/method", None, Form(&[("name", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/schools/scorecards/method/preset?year=1900", None, N, [LOGIN_REDIRECT, 400, 403, 403, 403, 403, 403]),
        c("GET", "/schools/scorecards/self", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 403, 403]),
        c("POST", "/schools/scorecards/self", None, Form(&[("points_0", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("GET", "/schools/scorecards/{scorecard}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("POST", "/schools/scorecards/{scorecard}/review", None, Form(&[("points_0", "abc")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/schools/scorecards/{scorecard}/publish", None, N, [LOGIN_REDIRECT, 409, 403, 403, 403, 403, 403]),
        c("GET", "/schools/teachers", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("POST", "/schools/teachers", None, Form(&[("name", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("GET", "/schools/teachers/template.xlsx", None, N, ALL_OK),
        c("POST", "/schools/teachers/import", None, EmptyMultipart, [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        // A teacher of another school (none with this id) is not found for the school.
        c("POST", "/schools/teachers/999999/practice", None, Form(&[("start", "")]), [LOGIN_REDIRECT, 403, 403, 404, 403, 403, 403]),
        c("GET", "/schools/activities", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("POST", "/schools/activities", None, Form(&[("title", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        // The decision is checked before the activity is looked up.
        c("POST", "/schools/activities/1/review", None, Form(&[("decision", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/api/v1/schools/standards/evaluate", Some("/api/v1/schools/standards/evaluate"), Json(r#"{"students":1500}"#), ALL_OK),
        c("GET", "/api/v1/schools/standards", Some("/api/v1/schools/standards"), N, [401, 200, 200, 200, 200, 403, 403]),
        c("POST", "/api/v1/schools/standards", Some("/api/v1/schools/standards"), Json(r#"{"year":""}"#), [401, 403, 403, 422, 403, 403, 403]),
        c("GET", "/api/v1/schools/standards/overview", Some("/api/v1/schools/standards/overview"), N, [401, 200, 200, 403, 403, 403, 403]),
        c("GET", "/api/v1/schools/scorecards", Some("/api/v1/schools/scorecards"), N, [401, 200, 200, 200, 200, 403, 403]),
        // Skills competitions: events, results and the medal table are public.
        c("GET", "/competitions", None, N, ALL_OK),
        c("POST", "/competitions", None, Form(&[("name", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/competitions/medals", None, N, ALL_OK),
        c("GET", "/competitions/results-template.xlsx", None, N, ALL_OK),
        c("GET", "/competitions/{competition}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 200]),
        c("POST", "/competitions/{competition}/entries", None, Form(&[("participants", "")]), [LOGIN_REDIRECT, 422, 403, 422, 403, 403, 403]),
        c("GET", "/competitions/{competition}/results", None, N, ALL_OK),
        c("GET", "/competitions/{competition}/results.xlsx", None, N, ALL_OK),
        c("POST", "/competitions/{competition}/results/import", None, EmptyMultipart, [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        // The award is checked before the entry is looked up.
        c("POST", "/competitions/entries/1/award", None, Form(&[("award", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/api/v1/competitions", Some("/api/v1/competitions"), N, ALL_OK),
        c("POST", "/api/v1/competitions", Some("/api/v1/competitions"), Json(r#"{"name":""}"#), [401, 422, 403, 403, 403, 403, 403]),
        c("GET", "/api/v1/competitions/medals", Some("/api/v1/competitions/medals"), N, ALL_OK),
        c("GET", "/api/v1/competitions/{competition}/results", Some("/api/v1/competitions/{id}/results"), N, ALL_OK),
        c("POST", "/api/v1/competitions/{competition}/entries", Some("/api/v1/competitions/{id}/entries"), Json(r#"{"participants":""}"#), [401, 422, 403, 422, 403, 403, 403]),
        // 校企合作 and 公共实训基地 (issue 12): {agreement} is a confirmed demo agreement of
        // 中德莱茵 with an enterprise other than the HR's, {enterprise} such an enterprise,
        // {resource} the demo base's first room, {booking} its pending demo booking.
        c("GET", "/cooperation", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("GET", "/cooperation/new", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 200, 403]),
        c("POST", "/cooperation", None, Form(&[("kind", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 422, 403]),
        c("GET", "/cooperation/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("GET", "/cooperation/template.xlsx", None, N, ALL_OK),
        c("GET", "/cooperation/import", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 200, 403]),
        c("POST", "/cooperation/import", None, EmptyMultipart, [LOGIN_REDIRECT, 403, 403, 422, 403, 422, 403]),
        c("GET", "/cooperation/scores", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("GET", "/cooperation/scores.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("GET", "/cooperation/fusion", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 303, 403]),
        c("GET", "/cooperation/fusion/{enterprise}", None, N, [LOGIN_REDIRECT, 200, 200, 404, 404, 404, 403]),
        c("POST", "/cooperation/fusion/{enterprise}/facts", None, Form(&[("years_operating", "x")]), [LOGIN_REDIRECT, 403, 403, 403, 403, 403, 403]),
        c("POST", "/cooperation/fusion/{enterprise}/step", None, Form(&[("action", "certify")]), [LOGIN_REDIRECT, 409, 403, 403, 403, 403, 403]),
        c("GET", "/cooperation/evidence/999999", None, N, [LOGIN_REDIRECT, 404, 404, 404, 404, 404, 403]),
        c("GET", "/cooperation/{agreement}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 404, 403]),
        c("POST", "/cooperation/{agreement}/confirm", None, N, [LOGIN_REDIRECT, 403, 403, 409, 403, 404, 403]),
        c("POST", "/cooperation/{agreement}/outputs", None, Form(&[("students", "x")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 404, 403]),
        c("POST", "/cooperation/{agreement}/renew", None, Form(&[("end_date", "x")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 404, 403]),
        c("POST", "/cooperation/{agreement}/evidence", None, EmptyMultipart, [LOGIN_REDIRECT, 403, 403, 422, 403, 404, 403]),
        c("GET", "/api/v1/cooperation/agreements", Some("/api/v1/cooperation/agreements"), N, [401, 200, 200, 200, 200, 200, 403]),
        c("POST", "/api/v1/cooperation/agreements", Some("/api/v1/cooperation/agreements"), Json("{}"), [401, 403, 403, 422, 403, 422, 403]),
        c("POST", "/api/v1/cooperation/agreements/{agreement}/confirm", Some("/api/v1/cooperation/agreements/{id}/confirm"), N, [401, 403, 403, 409, 403, 404, 403]),
        c("GET", "/api/v1/cooperation/effectiveness/{school}", Some("/api/v1/cooperation/effectiveness/{school_org_id}"), N, [401, 200, 200, 200, 200, 404, 403]),
        c("GET", "/api/v1/cooperation/participation", Some("/api/v1/cooperation/participation"), N, [401, 200, 200, 200, 200, 200, 403]),
        c("GET", "/cooperation/lists", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("POST", "/cooperation/lists", None, Form(&[("list", "bogus")]), [LOGIN_REDIRECT, 403, 403, 403, 403, 422, 403]),
        c("POST", "/cooperation/lists/999999/offers", None, Form(&[("kind", "bogus")]), [LOGIN_REDIRECT, 403, 403, 422, 422, 403, 403]),
        c("POST", "/cooperation/offers/999999", None, Form(&[("action", "accept")]), [LOGIN_REDIRECT, 404, 404, 404, 404, 404, 403]),
        c("GET", "/bases", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("POST", "/bases/resources", None, Form(&[("kind", "room"), ("name", "")]), [LOGIN_REDIRECT, 422, 403, 422, 403, 403, 403]),
        c("POST", "/bases/bookings", None, Form(&[("resource_id", "1"), ("purpose", "")]), [LOGIN_REDIRECT, 422, 403, 422, 422, 422, 403]),
        c("GET", "/bases/billing", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("GET", "/bases/billing.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("POST", "/bases/bookings/{booking}/decide", None, Form(&[("action", "bogus")]), [LOGIN_REDIRECT, 400, 403, 403, 403, 403, 403]),
        c("POST", "/bases/bookings/{booking}/paid", None, N, [LOGIN_REDIRECT, 409, 403, 403, 403, 403, 403]),
        c("GET", "/bases/{resource}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 403]),
        c("GET", "/api/v1/bases/resources", Some("/api/v1/bases/resources"), N, [401, 200, 200, 200, 200, 200, 403]),
        c("GET", "/api/v1/bases/resources/{resource}/bookings", Some("/api/v1/bases/resources/{id}/bookings"), N, [401, 200, 200, 200, 200, 200, 403]),
        c("POST", "/api/v1/bases/bookings", Some("/api/v1/bases/bookings"), Json("{}"), [401, 422, 403, 422, 422, 422, 403]),
        // Career enlightenment and skills training (issue 13).
        c("GET", "/enlightenment", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 200]),
        c("GET", "/enlightenment/bases/new", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("POST", "/enlightenment/bases", None, Form(&[("name", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/enlightenment/bases/{enl_base}", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 200, 200]),
        c("POST", "/enlightenment/bases/{enl_base}/programmes", None, Form(&[("programme_title", "")]), [LOGIN_REDIRECT, 422, 403, 422, 422, 403, 403]),
        c("POST", "/enlightenment/bookings", None, Form(&[("programme_id", "")]), [LOGIN_REDIRECT, 403, 403, 403, 403, 403, 403]),
        c("GET", "/enlightenment/bookings.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("POST", "/enlightenment/bookings/{enl_booking}/attendance", None, Form(&[("attended_pupils", "")]), [LOGIN_REDIRECT, 422, 404, 422, 422, 404, 404]),
        c("GET", "/enlightenment/coverage", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/enlightenment/coverage.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/training/courses", None, N, ALL_OK),
        c("GET", "/training/courses?audience=resident&subsidy=1&q=%E6%8A%A4%E7%90%86", None, N, ALL_OK),
        c("GET", "/training/courses/{trn_cohort}", None, N, ALL_OK),
        c("POST", "/training/courses/{trn_cohort}/signup", None, Form(&[("name", "")]), [422; 7]),
        c("GET", "/training/verify?code=ZJC1.1.AAAA", None, N, ALL_OK),
        c("GET", "/training", None, N, [LOGIN_REDIRECT, 200, 200, 200, 403, 403, 403]),
        c("GET", "/training/programmes/new", None, N, [LOGIN_REDIRECT, 200, 200, 200, 403, 403, 403]),
        c("POST", "/training/programmes", None, Form(&[("title", "")]), [LOGIN_REDIRECT, 422, 422, 422, 403, 403, 403]),
        c("POST", "/training/programmes/{trn_programme}/cohorts", None, Form(&[("title", "")]), [LOGIN_REDIRECT, 422, 422, 404, 403, 403, 403]),
        c("GET", "/training/cohorts/{trn_cohort}", None, N, [LOGIN_REDIRECT, 200, 200, 404, 403, 403, 403]),
        c("GET", "/training/cohorts/{trn_cohort}/roster.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 404, 403, 403, 403]),
        c("POST", "/training/cohorts/{trn_cohort}/roster", None, EmptyMultipart, [LOGIN_REDIRECT, 422, 422, 404, 403, 403, 403]),
        c("GET", "/templates/training-roster.xlsx", None, N, ALL_OK),
        c("POST", "/training/enrolments/{trn_enrolment}/hours", None, Form(&[("hours", "")]), [LOGIN_REDIRECT, 422, 422, 404, 403, 403, 403]),
        c("POST", "/training/enrolments/{trn_enrolment}/complete", None, Form(&[("kind", "")]), [LOGIN_REDIRECT, 422, 422, 404, 403, 403, 403]),
        c("GET", "/training/certificates.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 403, 403, 403]),
        c("GET", "/training/certificates/{trn_certificate}", None, N, [LOGIN_REDIRECT, 200, 200, 404, 403, 403, 403]),
        c("POST", "/training/certificates/{trn_certificate}/revoke", None, Form(&[("reason", "")]), [LOGIN_REDIRECT, 422, 422, 404, 403, 403, 403]),
        c("GET", "/general-vocational", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("POST", "/general-vocational", None, Form(&[("name", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/general-vocational/{gv_community}/classes", None, Form(&[("name", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/general-vocational/{gv_community}/transfers", None, Form(&[("student_name", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("POST", "/general-vocational/classes/{gv_class}/students", None, Form(&[("student_name", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/api/v1/enlightenment/coverage", Some("/api/v1/enlightenment/coverage"), N, [401, 200, 200, 403, 403, 403, 403]),
        c("GET", "/api/v1/enlightenment/bookings", Some("/api/v1/enlightenment/bookings"), N, [401, 200, 200, 200, 200, 403, 403]),
        c("POST", "/api/v1/enlightenment/bookings", Some("/api/v1/enlightenment/bookings"), Json(r#"{"programme_id":""}"#), [401, 403, 403, 403, 403, 403, 403]),
        c("GET", "/api/v1/training/courses?audience=resident", Some("/api/v1/training/courses"), N, ALL_OK),
        c("GET", "/api/v1/training/certificates/verify?code=x", Some("/api/v1/training/certificates/verify"), N, ALL_OK),
        c("GET", "/api/v1/training/figures", Some("/api/v1/training/figures"), N, [401, 200, 200, 200, 403, 403, 403]),
        // Majors, second part (issue 10): {major_pathway} is the demo's 3+2 pathway of 中德莱茵,
        // {major_group} 中德莱茵's specialty group, {other_group} and {other_resource} another
        // school's group and resource (淄博信息工程学校).
        c("GET", "/majors/rules", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("POST", "/majors/rules", None, Form(&[("bottom_share_pct", "")]), [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/majors/groups", None, N, [LOGIN_REDIRECT, 200, 200, 200, 403, 403, 403]),
        c("POST", "/majors/groups", None, Form(&[("name", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("GET", "/majors/groups/{major_group}", None, N, [LOGIN_REDIRECT, 403, 403, 200, 403, 403, 403]),
        c("GET", "/majors/groups/{other_group}", None, N, [LOGIN_REDIRECT, 403, 403, 404, 403, 403, 403]),
        c("POST", "/majors/groups/{major_group}", None, Form(&[("name", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("GET", "/majors/resources", None, N, [LOGIN_REDIRECT, 200, 200, 200, 403, 403, 403]),
        c("POST", "/majors/resources", None, Form(&[("major_code", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("POST", "/majors/resources/{other_resource}/delete", None, Form(&[]), [LOGIN_REDIRECT, 403, 403, 404, 403, 403, 403]),
        c("GET", "/majors/pathways", None, N, ALL_OK),
        c("POST", "/majors/pathways", None, Form(&[("kind", "")]), [LOGIN_REDIRECT, 422, 403, 422, 403, 403, 403]),
        c("GET", "/majors/pathways/{major_pathway}", None, N, ALL_OK),
        c("POST", "/majors/pathways/{major_pathway}/courses", None, Form(&[("stage", "")]), [LOGIN_REDIRECT, 422, 403, 422, 403, 403, 403]),
        c("GET", "/majors/ladder?major=660301", None, N, ALL_OK),
        c("POST", "/majors/filings/{major_filing}/files", None, EmptyMultipart, [LOGIN_REDIRECT, 403, 403, 404, 403, 403, 403]),
        c("GET", "/majors/files/0", None, N, [LOGIN_REDIRECT, 404, 404, 404, 403, 403, 403]),
        c("GET", "/api/v1/majors/pathways", Some("/api/v1/majors/pathways"), N, ALL_OK),
        c("GET", "/api/v1/majors/pathways/{major_pathway}", Some("/api/v1/majors/pathways/{id}"), N, ALL_OK),
        c("GET", "/api/v1/majors/ladder?major=660301", Some("/api/v1/majors/ladder"), N, ALL_OK),
        // The door without a network (issue 16): the service worker is public (it holds no
        // data); the manifest, the bundle and the sync are for staff.
        c("GET", "/fairs/sw.js", None, N, ALL_OK),
        c("GET", "/fairs/{fair}/checkin.webmanifest", None, N, [LOGIN_REDIRECT, 200, 200, 403, 403, 403, 403]),
        c("GET", "/api/v1/fairs/{fair}/offline", Some("/api/v1/fairs/{id}/offline"), N, [401, 200, 200, 403, 403, 403, 403]),
        c("POST", "/api/v1/fairs/{fair}/scans", Some("/api/v1/fairs/{id}/scans"), Json(r#"{"scans":[{"scan_id":"x","device_id":"y","code":""}]}"#), [401, 400, 400, 403, 403, 403, 403]),
        // Issue 13, second slice: bookings import, in-house training requests, 职普融通 API.
        c("GET", "/enlightenment/bookings/import", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("GET", "/enlightenment/bookings/template.xlsx", None, N, [LOGIN_REDIRECT, 200, 403, 403, 403, 403, 403]),
        c("POST", "/enlightenment/bookings/import", None, EmptyMultipart, [LOGIN_REDIRECT, 422, 403, 403, 403, 403, 403]),
        c("GET", "/training/inhouse", None, N, [LOGIN_REDIRECT, 200, 200, 200, 403, 200, 403]),
        c("POST", "/training/inhouse", None, Form(&[("programme_id", "")]), [LOGIN_REDIRECT, 403, 403, 403, 403, 422, 403]),
        c("POST", "/training/inhouse/{trn_inhouse}/decision", None, Form(&[("decision", "")]), [LOGIN_REDIRECT, 422, 422, 404, 404, 403, 404]),
        c("GET", "/api/v1/training/inhouse", Some("/api/v1/training/inhouse"), N, [401, 200, 200, 200, 403, 200, 403]),
        c("POST", "/api/v1/training/inhouse", Some("/api/v1/training/inhouse"), Json(r#"{"programme_id":""}"#), [401, 403, 403, 403, 403, 422, 403]),
        c("POST", "/api/v1/training/inhouse/{trn_inhouse}/decision", Some("/api/v1/training/inhouse/{id}/decision"), Json(r#"{"decision":""}"#), [401, 422, 422, 404, 404, 403, 404]),
        c("GET", "/api/v1/general-vocational/communities", Some("/api/v1/general-vocational/communities"), N, [401, 200, 200, 200, 200, 403, 403]),
        c("POST", "/api/v1/general-vocational/communities", Some("/api/v1/general-vocational/communities"), Json(r#"{"name":""}"#), [401, 422, 403, 403, 403, 403, 403]),
        c("POST", "/api/v1/general-vocational/communities/{gv_community}/classes", Some("/api/v1/general-vocational/communities/{id}/classes"), Json(r#"{"name":""}"#), [401, 422, 403, 403, 403, 403, 403]),
        c("POST", "/api/v1/general-vocational/communities/{gv_community}/transfers", Some("/api/v1/general-vocational/communities/{id}/transfers"), Json(r#"{"student_name":""}"#), [401, 422, 403, 403, 403, 403, 403]),
        // Issue 11, second slice: exports and 三教改革 registers.
        c("GET", "/schools/scorecards/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/schools/activities/export.xlsx", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("GET", "/schools/reform", None, N, [LOGIN_REDIRECT, 200, 200, 200, 200, 403, 403]),
        c("POST", "/schools/reform/groups", None, Form(&[("name", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("POST", "/schools/reform/groups/999999/outputs", None, Form(&[("title", "")]), [LOGIN_REDIRECT, 403, 403, 404, 403, 403, 403]),
        c("POST", "/schools/reform/items", None, Form(&[("title", "")]), [LOGIN_REDIRECT, 403, 403, 422, 403, 403, 403]),
        c("POST", "/schools/reform/items/999999/status", None, Form(&[("status", "")]), [LOGIN_REDIRECT, 403, 403, 404, 403, 403, 403]),
        c("POST", "/api/v1/general-vocational/classes/{gv_class}/students", Some("/api/v1/general-vocational/classes/{id}/students"), Json(r#"{"student_name":""}"#), [401, 422, 403, 403, 403, 403, 403]),
    ]
}

dual_db_test!(every_route_allows_and_denies_as_the_matrix_says, |app: TestApp| async move {
    app.load_demo().await;
    let school = app.org_id("中德莱茵智能科技学校").await;
    let student: i64 = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        zhijiao::entity::student::Entity::find()
            .filter(zhijiao::entity::student::Column::OrgId.eq(school))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let student_user: i64 = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        zhijiao::entity::user::Entity::find()
            .filter(zhijiao::entity::user::Column::Username.eq("student"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    // An accepted seed policy and a draft, made through the pages as the administrator would.
    let (policy, draft, task, measure, report) = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let (admin, token) = app.login_as("admin").await;
        let mut ids = Vec::new();
        for _ in 0..2 {
            let resp = app.post_form(&admin, &token, "/policy/seed", &[]).await;
            ids.push(resp.headers()["location"].to_str().unwrap().trim_start_matches("/policy/").parse::<i64>().unwrap());
        }
        assert_eq!(app.post_form(&admin, &token, &format!("/policy/{}/accept", ids[0]), &[]).await.status(), 303);
        let m = zhijiao::entity::policy_measure::Entity::find()
            .filter(zhijiao::entity::policy_measure::Column::PolicyId.eq(ids[0]))
            .filter(zhijiao::entity::policy_measure::Column::Number.eq(1))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let centre = app.org_id("教育和体育事业中心").await;
        let t = zhijiao::entity::task::Entity::find()
            .filter(zhijiao::entity::task::Column::MeasureId.eq(m.id))
            .filter(zhijiao::entity::task::Column::OrgId.eq(centre))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        // A progress report of the centre's own on that task (no evidence attached).
        let resp = app.post_form(&admin, &token, &format!("/policy/tasks/{}/reports", t.id), &[("text", "矩阵测试")]).await;
        assert_eq!(resp.status(), 303);
        let r = zhijiao::entity::progress_report::Entity::find().one(&app.db).await.unwrap().unwrap();
        (ids[0], ids[1], t.id, m.id, r.id)
    };
    let (posting, posting_draft) = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        use zhijiao::entity::posting;
        let hr_org = app.org_id("淄博华瓷新材料科技有限公司（示例）").await;
        let of = |status: &'static str| {
            posting::Entity::find()
                .filter(posting::Column::OrgId.eq(hr_org))
                .filter(posting::Column::Status.eq(status))
                .order_by_asc(posting::Column::Id)
                .one(&app.db)
        };
        let p = of("published").await.unwrap().expect("a published demo posting of the HR's enterprise").id;
        let d = of("draft").await.unwrap().expect("a demo draft of the HR's enterprise").id;
        (p, d)
    };
    let destination: i64 = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        zhijiao::entity::graduate_destination::Entity::find()
            .filter(zhijiao::entity::graduate_destination::Column::OrgId.eq(school))
            .one(&app.db)
            .await
            .unwrap()
            .expect("the demo records destinations")
            .id
    };
    let (fair, booth, visit) = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use zhijiao::entity::{fair, fair_booth, visit};
        let f = fair::Entity::find().filter(fair::Column::IsDemo.eq(true)).one(&app.db).await.unwrap().expect("the demo fair").id;
        let b = fair_booth::Entity::find()
            .filter(fair_booth::Column::FairId.eq(f))
            .filter(fair_booth::Column::Status.eq("pending"))
            .one(&app.db)
            .await
            .unwrap()
            .expect("a demo booth awaiting review")
            .id;
        let v = visit::Entity::find().filter(visit::Column::IsDemo.eq(true)).one(&app.db).await.unwrap().expect("the demo visit").id;
        (f, b, v)
    };
    let placement: i64 = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        use zhijiao::entity::internship_placement as ip;
        ip::Entity::find()
            .filter(ip::Column::SchoolOrgId.eq(school))
            .filter(ip::Column::Status.eq("recorded"))
            .order_by_asc(ip::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .expect("the demo records a placement with violations")
            .id
    };
    // A published talent report and a chain the administrator may delete.
    let (talent_version, chain) = {
        let admin = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let u = zhijiao::entity::user::Entity::find().filter(zhijiao::entity::user::Column::Username.eq("admin")).one(&app.db).await.unwrap().unwrap();
            let auth = zhijiao::auth::load_auth_user(&app.db, u.id).await.unwrap().unwrap();
            zhijiao::auth::Ctx { user: Some(auth), locale: Default::default(), request_id: "authz".into(), csrf_token: String::new() }
        };
        let v = zhijiao::areas::report::publish(&app.db, &admin, zhijiao_domain::talent_report::Period::Year(2026), zhijiao_domain::talent_report::Scope::Zone).await.unwrap();
        let input = zhijiao::areas::report::ChainInput { name: "矩阵测试链".into(), industry_codes: "4430".into(), position: None };
        let c = zhijiao::areas::report::save_chain(&app.db, &admin, None, &input).await.unwrap();
        (v.id, c.id)
    };
    let major_filing: i64 = {
        use sea_orm::EntityTrait;
        zhijiao::entity::major_filing::Entity::find().one(&app.db).await.unwrap().expect("the demo files a major").id
    };
    // Schools (issue 11): a demo standards year and self-assessment of the school, a demo competition.
    let (standards, scorecard, competition) = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use zhijiao::entity::{competition, school_year_data, scorecard_result};
        let y = school_year_data::Entity::find().filter(school_year_data::Column::SchoolOrgId.eq(school)).one(&app.db).await.unwrap().expect("demo standards year").id;
        let r = scorecard_result::Entity::find().filter(scorecard_result::Column::SchoolOrgId.eq(school)).one(&app.db).await.unwrap().expect("demo self-assessment").id;
        let c = competition::Entity::find().filter(competition::Column::IsDemo.eq(true)).one(&app.db).await.unwrap().expect("demo competition").id;
        (y, r, c)
    };
    let (agreement, enterprise, resource, booking) = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        use zhijiao::entity::{base_booking, base_resource, coop_agreement};
        let hr_org = app.org_id("淄博华瓷新材料科技有限公司（示例）").await;
        let a = coop_agreement::Entity::find()
            .filter(coop_agreement::Column::SchoolOrgId.eq(school))
            .filter(coop_agreement::Column::EnterpriseOrgId.ne(hr_org))
            .filter(coop_agreement::Column::Status.eq("confirmed"))
            .order_by_asc(coop_agreement::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .expect("a confirmed demo agreement");
        let base = app.org_id("中德莱茵科斯特智能制造产教融合基地（示例）").await;
        let r = base_resource::Entity::find().filter(base_resource::Column::OwnerOrgId.eq(base)).order_by_asc(base_resource::Column::Id).one(&app.db).await.unwrap().expect("a demo room");
        let b = base_booking::Entity::find().filter(base_booking::Column::Status.eq("pending")).one(&app.db).await.unwrap().expect("a pending demo booking");
        (a.id, a.enterprise_org_id, r.id, b.id)
    };
    // The demo's school-level base (hosted by 中德莱茵) with an attended booking, and the
    // demo training school's cohort, enrolment and certificate.
    let (enl_base, enl_booking, trn_programme, trn_cohort, trn_enrolment, trn_certificate) = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use zhijiao::entity::{enl_base, enl_booking, trn_certificate, trn_enrolment};
        let b = enl_base::Entity::find().filter(enl_base::Column::Level.eq("school")).one(&app.db).await.unwrap().expect("the demo school base").id;
        let k = enl_booking::Entity::find().filter(enl_booking::Column::BaseId.eq(b)).one(&app.db).await.unwrap().expect("a demo booking at the school base").id;
        let cert = trn_certificate::Entity::find().one(&app.db).await.unwrap().expect("the demo certificate");
        let e = trn_enrolment::Entity::find_by_id(cert.enrolment_id).one(&app.db).await.unwrap().unwrap();
        let c = zhijiao::entity::trn_cohort::Entity::find_by_id(e.cohort_id).one(&app.db).await.unwrap().unwrap();
        (b, k, c.programme_id, c.id, e.id, cert.id)
    };
    let (gv_community, gv_class) = {
        use sea_orm::EntityTrait;
        let k = zhijiao::entity::gv_class::Entity::find().one(&app.db).await.unwrap().expect("the demo 职普融通班");
        (k.community_id, k.id)
    };
    let (major_pathway, major_group, other_group, other_resource) = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        use zhijiao::entity::{major_pathway, major_resource, specialty_group};
        let info = app.org_id("淄博信息工程学校（示例）").await;
        let p = major_pathway::Entity::find().filter(major_pathway::Column::OrgId.eq(school)).order_by_asc(major_pathway::Column::Id).one(&app.db).await.unwrap().expect("the demo pathway").id;
        let g = specialty_group::Entity::find().filter(specialty_group::Column::OrgId.eq(school)).one(&app.db).await.unwrap().expect("the demo group").id;
        let o = specialty_group::Entity::find().filter(specialty_group::Column::OrgId.eq(info)).one(&app.db).await.unwrap().expect("another school's group").id;
        let r = major_resource::Entity::find().filter(major_resource::Column::OrgId.eq(info)).one(&app.db).await.unwrap().expect("another school's resource").id;
        (p, g, o, r)
    };
    let trn_inhouse = {
        use sea_orm::EntityTrait;
        zhijiao::entity::trn_inhouse_request::Entity::find().one(&app.db).await.unwrap().expect("the demo in-house training request").id
    };
    let mut failures = Vec::new();
    for (i, user) in USERS.iter().enumerate() {
        for case in cases() {
            // A fresh session per request: logout and language cases must not leak.
            let (client, token) = if user.is_empty() {
                let c = common::new_client();
                let t = app.csrf(&c).await;
                (c, t)
            } else {
                app.login_as(user).await
            };
            let path = case
                .path
                .replace("{school}", &school.to_string())
                .replace("{destination}", &destination.to_string())
                .replace("{student_user}", &student_user.to_string())
                .replace("{student}", &student.to_string())
                .replace("{policy}", &policy.to_string())
                .replace("{draft}", &draft.to_string())
                .replace("{task}", &task.to_string())
                .replace("{measure}", &measure.to_string())
                .replace("{report}", &report.to_string())
                .replace("{posting}", &posting.to_string())
                .replace("{posting_draft}", &posting_draft.to_string())
                .replace("{fair}", &fair.to_string())
                .replace("{booth}", &booth.to_string())
                .replace("{visit}", &visit.to_string())
                .replace("{placement}", &placement.to_string())
                .replace("{talent_version}", &talent_version.to_string())
                .replace("{chain}", &chain.to_string())
                .replace("{major_filing}", &major_filing.to_string())
                .replace("{standards}", &standards.to_string())
                .replace("{scorecard}", &scorecard.to_string())
                .replace("{competition}", &competition.to_string())
                .replace("{agreement}", &agreement.to_string())
                .replace("{enterprise}", &enterprise.to_string())
                .replace("{resource}", &resource.to_string())
                .replace("{booking}", &booking.to_string())
                .replace("{enl_base}", &enl_base.to_string())
                .replace("{enl_booking}", &enl_booking.to_string())
                .replace("{trn_programme}", &trn_programme.to_string())
                .replace("{trn_cohort}", &trn_cohort.to_string())
                .replace("{trn_enrolment}", &trn_enrolment.to_string())
                .replace("{trn_certificate}", &trn_certificate.to_string())
                .replace("{gv_community}", &gv_community.to_string())
                .replace("{gv_class}", &gv_class.to_string())
                .replace("{major_pathway}", &major_pathway.to_string())
                .replace("{major_group}", &major_group.to_string())
                .replace("{other_group}", &other_group.to_string())
                .replace("{other_resource}", &other_resource.to_string())
                .replace("{trn_inhouse}", &trn_inhouse.to_string());
            let url = app.url(&path);
            let req = match case.method {
                "GET" => client.get(&url),
                "POST" => client.post(&url),
                "PUT" => client.put(&url),
                m => panic!("method {m}"),
            };
            let req = match case.body {
                Body::Nothing => req.header("X-CSRF-Token", &token),
                Body::Form(fields) => {
                    let mut f: Vec<(&str, &str)> = fields.to_vec();
                    f.push(("_csrf", &token));
                    req.form(&f)
                }
                Body::Json(j) => req.header("X-CSRF-Token", &token).header("content-type", "application/json").body(j),
                Body::EmptyMultipart => req.header("X-CSRF-Token", &token).multipart(reqwest::multipart::Form::new().text("org_id", "")),
            };
            let status = req.send().await.unwrap().status().as_u16();
            if status != case.expect[i] {
                failures.push(format!("{} {} as {:?}: expected {}, got {}", case.method, path, user, case.expect[i], status));
            }
        }
    }
    assert!(failures.is_empty(), "authorisation matrix mismatches:\n{}", failures.join("\n"));
});

/// The OpenAPI document lists every API route of the matrix, and nothing else.
#[tokio::test]
async fn the_openapi_document_is_complete() {
    let app = common::spawn_app(common::Backend::Sqlite).await;
    let spec: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    assert_eq!(spec["openapi"].as_str().unwrap().chars().next(), Some('3'));
    let mut documented = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert(format!("{} {path}", method.to_uppercase()));
        }
    }
    let in_matrix: BTreeSet<String> = cases().iter().filter_map(|c| c.spec.map(|s| format!("{} {s}", c.method))).collect();
    assert_eq!(documented, in_matrix, "OpenAPI paths vs the authorisation matrix's API routes");
    let zhijiao_spec = zhijiao::areas::openapi();
    assert_eq!(zhijiao_spec.paths.paths.len(), spec["paths"].as_object().unwrap().len());
}
