//! Student register pages: list with filters, export, detail.

use super::{StudentFilter, StudentView};
use crate::areas::orgs::pages::xlsx_response;
use crate::auth::Ctx;
use crate::error::PageResult;
use crate::roles::Permission;
use crate::web::{AppState, Page, Pager, Paging};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/students", get(list))
        .route("/students/export.xlsx", get(export))
        .route("/students/{id}", get(detail))
}

#[derive(Template, WebTemplate)]
#[template(path = "students/list.html")]
struct ListPage {
    page: Page,
    total: u64,
    rows: Vec<StudentView>,
    pager: Pager,
    f_q: String,
    f_status: String,
    statuses: Vec<&'static str>,
    can_import: bool,
}

async fn list(State(s): State<AppState>, ctx: Ctx, page: Page, Query(f): Query<StudentFilter>) -> PageResult<ListPage> {
    let (total, rows) = super::list(&s.db, &ctx, &f).await?;
    let f_q = f.q.clone().unwrap_or_default();
    let f_status = f.status.clone().unwrap_or_default();
    let org = f.org_id.map(|o| o.to_string()).unwrap_or_default();
    let pager = Pager::new("/students", &[("q", f_q.clone()), ("status", f_status.clone()), ("org_id", org)], Paging::new(f.page, f.per_page), total);
    let title = page.t("nav.students");
    Ok(ListPage {
        page: page.titled(title),
        total,
        rows,
        pager,
        f_q,
        f_status,
        statuses: super::STATUSES.to_vec(),
        can_import: ctx.can(Permission::StudentWriteOwn),
    })
}

async fn export(State(s): State<AppState>, ctx: Ctx, Query(f): Query<StudentFilter>) -> PageResult<Response> {
    let headers = ["学校", "学号", "姓名", "性别", "身份证件号", "出生日期", "民族", "政治面貌", "专业代码", "专业名称", "班级名称", "入学年月", "联系电话", "学籍状态"];
    let bytes = crate::export::xlsx("学生名册", &headers, |after| {
        let (s, ctx, f) = (&s, &ctx, &f);
        async move {
            let items = super::batch_after(&s.db, ctx, f, after).await?;
            Ok(crate::export::Batch::of(items, |v| v.id, |v| {
                vec![
                    v.school_name,
                    v.student_no,
                    v.name,
                    v.gender,
                    v.id_number,
                    v.birth_date.unwrap_or_default(),
                    v.ethnicity.unwrap_or_default(),
                    v.political.unwrap_or_default(),
                    v.major_code,
                    v.major_name,
                    v.class_name.unwrap_or_default(),
                    v.enrollment_ym.unwrap_or_default(),
                    v.phone.unwrap_or_default(),
                    v.status,
                ]
            }))
        }
    })
    .await?;
    Ok(xlsx_response(bytes, "学生名册.xlsx"))
}

#[derive(Template, WebTemplate)]
#[template(path = "students/detail.html")]
struct DetailPage {
    page: Page,
    s: StudentView,
}

async fn detail(State(st): State<AppState>, ctx: Ctx, page: Page, Path(id): Path<i64>) -> PageResult<DetailPage> {
    let s = super::get(&st.db, &ctx, id).await?;
    Ok(DetailPage { page: page.titled(s.name.clone()), s })
}
