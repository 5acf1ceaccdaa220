//! Bulk data through Excel: templates, all-or-nothing imports with per-row errors in
//! Chinese, and progress that a page can poll. The same engine runs behind the web
//! page (in a background task), the API and `zhijiao import`.

pub mod pages;

use crate::areas::destinations;
use crate::areas::orgs::{self, OrgInput};
use crate::areas::students::{self, Layout, RawRow};
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{import, organization, student};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{ORG_KINDS, Permission};
use crate::xlsx::{self, Column};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};
use std::collections::HashSet;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Register {
    Students,
    Orgs,
    /// 毕业去向 of a school's graduates.
    Destinations,
}

impl Register {
    pub const ALL: [Register; 3] = [Register::Students, Register::Orgs, Register::Destinations];
    pub fn parse(s: &str) -> Option<Register> {
        match s {
            "students" => Some(Register::Students),
            "orgs" | "organizations" => Some(Register::Orgs),
            "destinations" => Some(Register::Destinations),
            _ => None,
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Register::Students => "students",
            Register::Orgs => "orgs",
            Register::Destinations => "destinations",
        }
    }
    pub fn sheet_name(self) -> &'static str {
        match self {
            Register::Students => "学生名册",
            Register::Orgs => "机构名录",
            Register::Destinations => "毕业去向",
        }
    }
    pub fn columns(self) -> &'static [Column] {
        match self {
            Register::Students => &students::COLUMNS,
            Register::Orgs => &ORG_COLUMNS,
            Register::Destinations => &destinations::COLUMNS,
        }
    }
}

pub const ORG_COLUMNS: [Column; 11] = [
    Column { key: "kind", header: "机构类型", required: true, help: "enterprise 企业 / vocational_school 职业学校 / high_school 普通高中 / primary_middle_school 中小学 / department 部门 / industry_association 行业协会 / training_institution 培训机构 / training_base_operator 实训基地运营方（填代码或中文名）" },
    Column { key: "name", header: "名称", required: true, help: "全称，唯一" },
    Column { key: "short_name", header: "简称", required: false, help: "" },
    Column { key: "credit_code", header: "统一社会信用代码", required: false, help: "18位，按 GB 32100-2015 校验；企业必填" },
    Column { key: "industry_code", header: "行业代码", required: false, help: "GB/T 4754-2017 代码（门类字母或2—4位数字）；企业必填" },
    Column { key: "county_code", header: "区县代码", required: false, help: "淄博市区县6位代码，如 370303 张店区" },
    Column { key: "street_code", header: "街道代码", required: false, help: "9位乡镇街道代码，如 370303008 四宝山街道" },
    Column { key: "school_type", header: "办学类型", required: false, help: "职业学校必填：中职/技工/高职" },
    Column { key: "address", header: "地址", required: false, help: "" },
    Column { key: "contact_name", header: "联系人", required: false, help: "" },
    Column { key: "contact_phone", header: "联系电话", required: false, help: "" },
];

/// The template workbook of a register, with code sheets for the coded columns.
pub fn template(register: Register) -> AppResult<Vec<u8>> {
    let t = zhijiao_domain::codes::tables();
    let codes = |table: &zhijiao_domain::codes::CodeTable| -> Vec<(String, String)> {
        table.codes.iter().map(|c| (c.code.clone(), c.name.clone())).collect()
    };
    let sheets: Vec<(&str, Vec<(String, String)>)> = match register {
        Register::Students => vec![
            ("性别代码", codes(&t.gender)),
            ("民族代码", codes(&t.ethnicity)),
            ("政治面貌代码", codes(&t.political)),
            ("身份证件类型", codes(&t.id_type)),
            (
                "中职专业",
                zhijiao_domain::catalog::catalogs()
                    .majors
                    .iter()
                    .filter(|m| m.level == zhijiao_domain::catalog::MajorLevel::Secondary && m.node == zhijiao_domain::catalog::MajorNode::Major)
                    .map(|m| (m.code.clone(), m.name.clone()))
                    .collect(),
            ),
        ],
        Register::Orgs => vec![(
            "区县街道代码",
            zhijiao_domain::catalog::catalogs().divisions.iter().map(|d| (d.code.clone(), d.name.clone())).collect(),
        )],
        Register::Destinations => destinations::template_code_sheets(),
    };
    xlsx::template(register.sheet_name(), register.columns(), &sheets).map_err(|e| AppError::Internal(e.into()))
}

/// What an import did. On any error nothing was written.
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct Outcome {
    pub rows: u64,
    pub written: u64,
    pub errors: Vec<FieldError>,
    /// The uploaded rows that have errors, with a 错误原因 column (xlsx bytes).
    #[serde(skip)]
    pub error_workbook: Option<Vec<u8>>,
}

/// At most this many errors are reported in detail; the count goes on.
const MAX_REPORTED_ERRORS: usize = 2_000;
/// Rows per INSERT statement: 1,500 rows × 20 columns stays under SQLite's 32,766 bound
/// parameters (and PostgreSQL's 65,535); fewer, larger statements halve the round trips.
const BATCH: usize = 1_500;

/// Import a workbook into a register, all or nothing. `progress(rows_seen)` is called
/// as rows are validated. Rows are streamed: the sheet is read on a blocking thread and
/// handed over through a bounded channel, valid rows are inserted in batches inside one
/// transaction, and the transaction is rolled back at the end if any row failed.
pub async fn run(
    db: &DatabaseConnection,
    ctx: &Ctx,
    register: Register,
    target_org: Option<i64>,
    filename: &str,
    bytes: Arc<Vec<u8>>,
    progress: impl Fn(u64) + Send,
) -> AppResult<Outcome> {
    // Permission and target first: nothing is read for someone who may not import.
    let school = match register {
        Register::Students | Register::Destinations => Some(students::import_target(db, ctx, target_org).await?),
        Register::Orgs => {
            if ctx.user.is_some() {
                ctx.require(Permission::OrgManage)?;
            }
            None
        }
    };
    let (tx_rows, mut rx_rows) = tokio::sync::mpsc::channel::<(usize, Vec<String>)>(4096);
    let reader_bytes = bytes.clone();
    let reader = tokio::task::spawn_blocking(move || {
        xlsx::stream_rows(&reader_bytes, |row_no, cells| {
            let _ = tx_rows.blocking_send((row_no, cells));
        })
    });

    let Some((_, header)) = rx_rows.recv().await else {
        let e = reader.await.map_err(|e| AppError::Internal(e.into()))?;
        return match e {
            Err(e) => Err(AppError::Validation(vec![FieldError::new("文件", e.to_string())])),
            Ok(_) => Err(AppError::Validation(vec![FieldError::new("文件", "文件是空的")])),
        };
    };
    let layout = match register {
        Register::Students => Layout::detect(&header),
        Register::Orgs | Register::Destinations => Layout::Zhijiao,
    };
    let columns: &[Column] = match register {
        Register::Students => layout.columns(),
        Register::Orgs => &ORG_COLUMNS,
        Register::Destinations => &destinations::COLUMNS,
    };
    let positions = xlsx::map_headers(&header, columns).map_err(AppError::Validation)?;

    // Shared with the task that runs the previous batch's INSERT while the next batch is
    // validated: reading, checking and writing overlap on two cores.
    let tx = Arc::new(db.begin().await?);
    let mut inflight: Option<tokio::task::JoinHandle<Result<(), sea_orm::DbErr>>> = None;
    let mut state = match register {
        Register::Students => {
            let school = school.as_ref().expect("students have a school");
            let existing = student::Entity::find()
                .select_only()
                .column(student::Column::IdNumber)
                .column(student::Column::StudentNo)
                .filter(student::Column::OrgId.eq(school.id))
                .into_tuple::<(String, String)>()
                .all(&*tx)
                .await?;
            let mut ids = HashSet::new();
            let mut nos = HashSet::new();
            for (id, no) in existing {
                ids.insert(id);
                nos.insert(no);
            }
            State::Students { org_id: school.id, ids, nos, batch: Vec::with_capacity(BATCH) }
        }
        Register::Orgs => State::Orgs { names: HashSet::new() },
        Register::Destinations => {
            let school = school.as_ref().expect("destinations have a school");
            State::Destinations(Box::new(destinations::ImportState::load(&*tx, ctx, school.id).await?))
        }
    };

    let mut outcome = Outcome::default();
    let mut error_rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut error_count = 0usize;
    let now = chrono::Utc::now();
    while let Some((row_no, cells)) = rx_rows.recv().await {
        outcome.rows += 1;
        let raw: RawRow<'_> = columns
            .iter()
            .zip(&positions)
            .map(|(c, p)| (c.key, p.and_then(|i| cells.get(i)).map(String::as_str).unwrap_or("")))
            .collect();
        let result = match &mut state {
            State::Students { org_id, ids, nos, batch } => match students::validate_row(&raw, layout) {
                Ok(s) => {
                    let mut errs = Vec::new();
                    if !ids.insert(s.id_number.clone()) {
                        errs.push(FieldError::new("身份证件号", "与本校已有学生或文件中其他行重复"));
                    }
                    if !nos.insert(s.student_no.clone()) {
                        errs.push(FieldError::new("学号", "与本校已有学生或文件中其他行重复"));
                    }
                    if errs.is_empty() && error_count == 0 {
                        batch.push(students::to_active_model(s, *org_id, false, now));
                        if batch.len() >= BATCH {
                            outcome.written += batch.len() as u64;
                            if let Some(previous) = inflight.take() {
                                previous.await.map_err(|e| AppError::Internal(e.into()))??;
                            }
                            let rows = std::mem::take(batch);
                            let tx = tx.clone();
                            inflight = Some(tokio::spawn(async move { crate::db::insert_students(&*tx, rows).await }));
                        }
                    }
                    if errs.is_empty() { Ok(()) } else { Err(errs) }
                }
                Err(errs) => Err(errs),
            },
            State::Orgs { names } => match org_input(&raw).and_then(|o| orgs::validate(&o)) {
                Ok(o) => {
                    if !names.insert(o.name.clone()) {
                        Err(vec![FieldError::new("名称", "与文件中其他行重复")])
                    } else if error_count == 0 {
                        match orgs::insert(&*tx, ctx, &o, "active", false).await {
                            Ok(_) => {
                                outcome.written += 1;
                                Ok(())
                            }
                            Err(AppError::Conflict(m)) => Err(vec![FieldError::new("名称", m)]),
                            Err(e) => return Err(e),
                        }
                    } else {
                        Ok(())
                    }
                }
                Err(errs) => Err(errs),
            },
            State::Destinations(st) => {
                let r = st.row(&raw, error_count == 0, now);
                if r.is_ok() && st.pending() >= BATCH {
                    outcome.written += st.flush(&*tx).await?;
                }
                r
            }
        };
        if let Err(errs) = result {
            error_count += 1;
            if outcome.errors.len() < MAX_REPORTED_ERRORS {
                outcome.errors.extend(errs.into_iter().map(|mut e| {
                    e.row = Some(row_no);
                    e
                }));
                error_rows.push((row_no, cells));
            }
        }
        if outcome.rows % 1000 == 0 {
            progress(outcome.rows);
        }
    }
    reader
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Validation(vec![FieldError::new("文件", e.to_string())]))?;
    progress(outcome.rows);

    if let Some(last) = inflight.take() {
        last.await.map_err(|e| AppError::Internal(e.into()))??;
    }
    let tx = Arc::try_unwrap(tx).map_err(|_| AppError::Internal(anyhow::anyhow!("import transaction still in use")))?;
    if error_count > 0 {
        tx.rollback().await?;
        outcome.written = 0;
        outcome.error_workbook = Some(xlsx::error_workbook(&header, &error_rows, &outcome.errors).map_err(|e| AppError::Internal(e.into()))?);
        return Ok(outcome);
    }
    if let State::Students { batch, .. } = &mut state {
        if !batch.is_empty() {
            outcome.written += batch.len() as u64;
            crate::db::insert_students(&tx, std::mem::take(batch)).await?;
        }
    }
    if let State::Destinations(st) = &mut state {
        outcome.written += st.flush(&tx).await?;
    }
    let target = school.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    audit::record(
        &tx,
        ctx,
        Entry {
            action: "import",
            entity: register.key(),
            entity_id: school.as_ref().map(|s| s.id.to_string()),
            summary: format!("导入{} {} 条（文件 {filename}）{target}", register.sheet_name(), outcome.written),
            before: None,
            after: Some(serde_json::json!({"rows": outcome.rows, "written": outcome.written, "file": filename})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

enum State {
    Students { org_id: i64, ids: HashSet<String>, nos: HashSet<String>, batch: Vec<student::ActiveModel> },
    Orgs { names: HashSet<String> },
    Destinations(Box<destinations::ImportState>),
}

/// An organisation row; the kind may be written as its code or its Chinese label.
fn org_input(raw: &RawRow<'_>) -> Result<OrgInput, Vec<FieldError>> {
    let get = |k: &str| raw.iter().find(|(key, _)| *key == k).map(|(_, v)| v.trim().to_string()).filter(|s| !s.is_empty());
    let kind_cell = get("kind").unwrap_or_default();
    let kind = ORG_KINDS
        .iter()
        .find(|k| **k == kind_cell || crate::i18n::t(crate::i18n::Locale::ZhCn, &format!("org.kinds.{k}")) == kind_cell)
        .map(|k| k.to_string())
        .ok_or_else(|| vec![FieldError::new("机构类型", format!("“{kind_cell}”不是有效的机构类型"))])?;
    Ok(OrgInput {
        kind,
        name: get("name").unwrap_or_default(),
        short_name: get("short_name"),
        credit_code: get("credit_code"),
        industry_code: get("industry_code"),
        county_code: get("county_code"),
        street_code: get("street_code"),
        school_type: get("school_type"),
        address: get("address"),
        contact_name: get("contact_name"),
        contact_phone: get("contact_phone"),
    })
}

/// Start an import in the background and return its id; the page polls its row.
pub async fn start(
    state: &crate::web::AppState,
    ctx: &Ctx,
    register: Register,
    target_org: Option<i64>,
    filename: String,
    bytes: Vec<u8>,
) -> AppResult<i64> {
    // Check permission before accepting the job.
    match register {
        Register::Students | Register::Destinations => {
            students::import_target(&state.db, ctx, target_org).await?;
        }
        Register::Orgs => {
            ctx.require(Permission::OrgManage)?;
        }
    }
    let row = import::ActiveModel {
        register: Set(register.key().into()),
        org_id: Set(target_org.or(ctx.user.as_ref().map(|u| u.org_id))),
        user_id: Set(ctx.user_id()),
        filename: Set(filename.clone()),
        status: Set("running".into()),
        processed_rows: Set(0),
        written_rows: Set(0),
        error_count: Set(0),
        errors: Set(None),
        error_file: Set(None),
        created_at: Set(chrono::Utc::now()),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let id = row.id;
    let db = state.db.clone();
    let ctx = ctx.clone();
    let files = state.settings.data_dir.join("files");
    tokio::spawn(async move {
        let progress_db = db.clone();
        let (ptx, mut prx) = tokio::sync::watch::channel(0u64);
        let updater = tokio::spawn(async move {
            while prx.changed().await.is_ok() {
                let n = *prx.borrow();
                let _ = import::Entity::update_many()
                    .col_expr(import::Column::ProcessedRows, sea_orm::sea_query::Expr::value(n as i64))
                    .filter(import::Column::Id.eq(id))
                    .exec(&progress_db)
                    .await;
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
        });
        let result = run(&db, &ctx, register, target_org, &filename, Arc::new(bytes), move |n| {
            let _ = ptx.send(n);
        })
        .await;
        let _ = updater.await;
        let mut am = import::ActiveModel { id: Set(id), finished_at: Set(Some(chrono::Utc::now())), ..Default::default() };
        match result {
            Ok(o) => {
                am.processed_rows = Set(o.rows as i64);
                am.written_rows = Set(o.written as i64);
                am.error_count = Set(o.errors.len() as i64);
                am.status = Set(if o.errors.is_empty() { "done" } else { "failed" }.into());
                am.errors = Set(serde_json::to_value(&o.errors).ok());
                if let Some(wb) = o.error_workbook {
                    let path = files.join(format!("import-{id}-errors.xlsx"));
                    if std::fs::create_dir_all(&files).is_ok() && std::fs::write(&path, wb).is_ok() {
                        am.error_file = Set(Some(path.to_string_lossy().into_owned()));
                    }
                }
            }
            Err(e) => {
                let errors = match &e {
                    AppError::Validation(f) => f.clone(),
                    other => vec![FieldError::new("文件", other.to_string())],
                };
                am.status = Set("failed".into());
                am.error_count = Set(errors.len() as i64);
                am.errors = Set(serde_json::to_value(&errors).ok());
            }
        }
        if let Err(e) = am.update(&db).await {
            tracing::error!(error = %e, import = id, "could not record import result");
        }
    });
    Ok(id)
}

/// An import's row, readable by the user who started it and by district administrators.
pub async fn get(db: &DatabaseConnection, ctx: &Ctx, id: i64) -> AppResult<import::Model> {
    let u = ctx.user()?;
    let m = import::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if m.user_id != Some(u.id) && !u.can(Permission::AuditRead) {
        return Err(AppError::NotFound);
    }
    Ok(m)
}

/// Vocational and other schools a district administrator can import students into.
pub async fn schools(db: &DatabaseConnection) -> AppResult<Vec<organization::Model>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Kind.is_in(["vocational_school", "high_school", "primary_middle_school"]))
        .all(db)
        .await?)
}

