//! Bulk data through Excel: templates, all-or-nothing imports with per-row errors in
//! Chinese, and progress that a page can poll. The same engine runs behind the web
//! page (in a background task), the API and `zhijiao import`.

pub mod pages;
mod student_import;

use crate::areas::destinations;
use crate::areas::orgs::{self, OrgInput};
use crate::areas::students::{self, Layout, RawRow};
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{import, organization};
use crate::error::{AppError, AppResult, FieldError};
use crate::roles::{ORG_KINDS, Permission};
use crate::status::{ImportStatus, OrgStatus};
use crate::xlsx::{self, Column};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use std::collections::HashSet;

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

/// At most this many rows with errors are reported in detail.
const MAX_REPORTED_ERRORS: usize = 2_000;
/// Rows per INSERT statement: 1,500 rows × 20 columns stays under SQLite's 32,766 bound
/// parameters (and PostgreSQL's 65,535); fewer, larger statements halve the round trips.
const BATCH: usize = 1_500;

/// Import a workbook into a register, all or nothing. `progress(rows_seen)` is called
/// as rows are checked. The sheet is streamed (see [`Sheet`]); students go their own,
/// faster way ([`student_import`]); organisations and 毕业去向 are written row by row or
/// in batches inside one transaction, which is rolled back at the end if any row failed.
pub async fn run(
    db: &DatabaseConnection,
    ctx: &Ctx,
    register: Register,
    target_org: Option<i64>,
    filename: &str,
    source: xlsx::Source,
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
    if let (Register::Students, Some(school)) = (register, &school) {
        return student_import::run(db, ctx, school, filename, &source, &progress).await;
    }
    let mut sheet = Sheet::open(&source, register).await?;

    let tx = db.begin().await?;
    let mut state = match &school {
        Some(school) => State::Destinations(Box::new(destinations::ImportState::load(&tx, ctx, school.id).await?)),
        None => State::Orgs { names: HashSet::new() },
    };
    let mut outcome = Outcome::default();
    let mut errors = RowErrors::default();
    let now = chrono::Utc::now();
    while let Some(Parsed { row_no, cells, .. }) = sheet.next().await {
        outcome.rows += 1;
        let raw = sheet.plan.raw(&cells);
        let result = match &mut state {
            State::Orgs { names } => match org_input(&raw).and_then(|o| orgs::validate(&o)) {
                Ok(o) => {
                    if !names.insert(o.name.clone()) {
                        Err(vec![FieldError::new("名称", "与文件中其他行重复")])
                    } else if errors.is_empty() {
                        match orgs::insert(&tx, ctx, &o, OrgStatus::Active, false).await {
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
                let r = st.row(&raw, errors.is_empty(), now);
                if r.is_ok() && st.pending() >= BATCH {
                    outcome.written += st.flush(&tx).await?;
                }
                r
            }
        };
        drop(raw);
        if let Err(errs) = result {
            errors.add(row_no, cells, errs);
        }
        if outcome.rows % 1000 == 0 {
            progress(outcome.rows);
        }
    }
    let header = sheet.finish().await?;
    progress(outcome.rows);

    if !errors.is_empty() {
        tx.rollback().await?;
        return errors.into_outcome(outcome.rows, &header);
    }
    if let State::Destinations(st) = &mut state {
        outcome.written += st.flush(&tx).await?;
    }
    audit::record(&tx, ctx, audit_entry(register, school.as_ref(), filename, &outcome)).await?;
    tx.commit().await?;
    Ok(outcome)
}

enum State {
    Orgs { names: HashSet<String> },
    Destinations(Box<destinations::ImportState>),
}

/// The audit row of a successful import.
fn audit_entry(register: Register, school: Option<&organization::Model>, filename: &str, outcome: &Outcome) -> Entry<'static> {
    let target = school.map(|s| s.name.clone()).unwrap_or_default();
    Entry {
        action: "import",
        entity: register.key(),
        entity_id: school.map(|s| s.id.to_string()),
        summary: format!("导入{} {} 条（文件 {filename}）{target}", register.sheet_name(), outcome.written),
        before: None,
        after: Some(serde_json::json!({"rows": outcome.rows, "written": outcome.written, "file": filename})),
    }
}

/// Which layout a sheet is in and where each of the register's columns is, from the
/// header row.
struct Plan {
    layout: Layout,
    columns: &'static [Column],
    positions: Vec<Option<usize>>,
}

impl Plan {
    fn new(register: Register, header: &[String]) -> Result<Plan, Vec<FieldError>> {
        let layout = match register {
            Register::Students => Layout::detect(header),
            Register::Orgs | Register::Destinations => Layout::Zhijiao,
        };
        let columns: &'static [Column] = match register {
            Register::Students => layout.columns(),
            Register::Orgs => &ORG_COLUMNS,
            Register::Destinations => &destinations::COLUMNS,
        };
        let positions = xlsx::map_headers(header, columns)?;
        Ok(Plan { layout, columns, positions })
    }

    /// A row's cells under the register's column keys.
    fn raw<'a>(&self, cells: &'a [String]) -> RawRow<'a> {
        self.columns
            .iter()
            .zip(&self.positions)
            .map(|(c, p)| (c.key, p.and_then(|i| cells.get(i)).map(String::as_str).unwrap_or("")))
            .collect()
    }
}

/// A row as it comes from the reading thread: its number, its cells and, for students,
/// the result of checking it.
struct Parsed {
    row_no: usize,
    cells: Vec<String>,
    student: Option<Result<students::ValidStudent, Vec<FieldError>>>,
}

/// Rows handed from the reading thread at a time: one hand-over (and wake-up of the
/// receiving task) per row costs more context switches than the rows cost to check.
const ROWS_PER_HANDOVER: usize = 256;

/// A sheet being read on a blocking thread and handed over through a bounded channel
/// (16 hand-overs, 4,096 rows), so that memory does not grow with the file. Student rows
/// are checked on that thread too: reading and checking (the bulk of the CPU time)
/// overlap with the database. Dropping the sheet stops the reader.
struct Sheet {
    header: Vec<String>,
    plan: Plan,
    rows: tokio::sync::mpsc::Receiver<Vec<Parsed>>,
    current: std::vec::IntoIter<Parsed>,
    reader: tokio::task::JoinHandle<Result<usize, xlsx::ReadError>>,
}

impl Sheet {
    /// Start reading and wait for the header row.
    async fn open(source: &xlsx::Source, register: Register) -> AppResult<Sheet> {
        let (tx_rows, mut rows) = tokio::sync::mpsc::channel::<Vec<Parsed>>(16);
        let source = source.clone();
        // 身份证号 birth dates are checked against the server's local date.
        let today = chrono::Local::now().date_naive();
        let reader = tokio::task::spawn_blocking(move || {
            // The reading thread makes the same plan from the header as `open` does
            // below, and stops at once if the header is wrong.
            let mut plan: Option<Plan> = None;
            let mut pending = Vec::new();
            let read = source.stream_rows(|row_no, cells| {
                let student = match &plan {
                    None => {
                        plan = Plan::new(register, &cells).ok();
                        let go_on = plan.is_some();
                        return tx_rows.blocking_send(vec![Parsed { row_no, cells, student: None }]).is_ok() && go_on;
                    }
                    Some(p) => (register == Register::Students).then(|| students::validate_row(&p.raw(&cells), p.layout, today)),
                };
                pending.push(Parsed { row_no, cells, student });
                pending.len() < ROWS_PER_HANDOVER || tx_rows.blocking_send(std::mem::take(&mut pending)).is_ok()
            });
            if !pending.is_empty() {
                let _ = tx_rows.blocking_send(pending);
            }
            read
        });
        let Some(Parsed { cells: header, .. }) = rows.recv().await.and_then(|first| first.into_iter().next()) else {
            return Err(match reader.await.map_err(|e| AppError::Internal(e.into()))? {
                Err(e) => AppError::Validation(vec![FieldError::new("文件", e.to_string())]),
                Ok(_) => AppError::Validation(vec![FieldError::new("文件", "文件是空的")]),
            });
        };
        let plan = Plan::new(register, &header).map_err(AppError::Validation)?;
        Ok(Sheet { header, plan, rows, current: Vec::new().into_iter(), reader })
    }

    async fn next(&mut self) -> Option<Parsed> {
        loop {
            if let Some(row) = self.current.next() {
                return Some(row);
            }
            self.current = self.rows.recv().await?.into_iter();
        }
    }

    /// After the last row: whether the file could be read to its end. Returns the header.
    async fn finish(self) -> AppResult<Vec<String>> {
        self.reader
            .await
            .map_err(|e| AppError::Internal(e.into()))?
            .map_err(|e| AppError::Validation(vec![FieldError::new("文件", e.to_string())]))?;
        Ok(self.header)
    }
}

/// The rows with errors, as they are found (not always in row order): the first
/// [`MAX_REPORTED_ERRORS`] in detail.
#[derive(Default)]
struct RowErrors {
    rows: Vec<(usize, Vec<String>, Vec<FieldError>)>,
}

impl RowErrors {
    fn add(&mut self, row_no: usize, cells: Vec<String>, errs: Vec<FieldError>) {
        if self.rows.len() < MAX_REPORTED_ERRORS {
            self.rows.push((row_no, cells, errs));
        }
    }

    fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The outcome of a refused file: nothing written, the errors in row order, and the
    /// error workbook.
    fn into_outcome(mut self, rows: u64, header: &[String]) -> AppResult<Outcome> {
        self.rows.sort_by_key(|(row_no, _, _)| *row_no);
        let mut error_rows = Vec::with_capacity(self.rows.len());
        let mut errors = Vec::new();
        for (row_no, cells, errs) in self.rows {
            errors.extend(errs.into_iter().map(|mut e| {
                e.row = Some(row_no);
                e
            }));
            error_rows.push((row_no, cells));
        }
        let error_workbook = xlsx::error_workbook(header, &error_rows, &errors).map_err(|e| AppError::Internal(e.into()))?;
        Ok(Outcome { rows, written: 0, errors, error_workbook: Some(error_workbook) })
    }
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

/// Who may import `register`: a school its own students and destinations, the district
/// any school's and the organisations.
pub fn authorize(ctx: &Ctx, register: Register) -> AppResult<()> {
    let u = ctx.user()?;
    let ok = match register {
        Register::Students | Register::Destinations => u.can(Permission::StudentWriteOwn) || u.can(Permission::OrgManage),
        Register::Orgs => u.can(Permission::OrgManage),
    };
    if ok { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The schools an importer may choose as the target of `register` (none: the importer's
/// own school, or no school for the organisations register).
pub async fn target_schools(db: &DatabaseConnection, ctx: &Ctx, register: Register) -> AppResult<Vec<(i64, String)>> {
    authorize(ctx, register)?;
    Ok(match register {
        Register::Students if ctx.can(Permission::OrgManage) => schools(db).await?.into_iter().map(|o| (o.id, o.name)).collect(),
        Register::Destinations if ctx.can(Permission::OrgManage) => {
            schools(db).await?.into_iter().filter(|o| o.kind == "vocational_school").map(|o| (o.id, o.name)).collect()
        }
        _ => Vec::new(),
    })
}

/// What an import job needs to run (its payload in the `jobs` table).
#[derive(serde::Serialize, serde::Deserialize)]
struct ImportJob {
    import_id: i64,
    register: String,
    target_org: Option<i64>,
    user_id: i64,
    /// The uploaded workbook's key in the file store, kept until the job has ended: any
    /// instance may run the job.
    #[serde(default)]
    file: Option<String>,
    /// A workbook on this server's disk (jobs queued before the file store, and tests that
    /// stage a file by hand).
    #[serde(default)]
    path: Option<std::path::PathBuf>,
}

impl ImportJob {
    /// The workbook as a local file for the reader, for as long as the value lives.
    async fn workbook(&self, files: &crate::storage::FileStore) -> AppResult<Option<crate::storage::LocalFile>> {
        match (&self.file, &self.path) {
            (Some(key), _) => match files.local(key).await {
                Ok(f) => Ok(Some(f)),
                Err(AppError::NotFound) => Ok(None),
                Err(e) => Err(e),
            },
            (None, Some(path)) if path.exists() => Ok(Some(crate::storage::LocalFile::existing(path.clone()))),
            _ => Ok(None),
        }
    }

    /// Remove the workbook once the job has ended.
    async fn discard(&self, files: &crate::storage::FileStore) {
        if let Some(key) = &self.file {
            let _ = files.delete(key).await;
        }
        if let Some(path) = &self.path {
            let _ = tokio::fs::remove_file(path).await;
        }
    }
}

/// Start an import as a background job and return the import's id; the page polls its row.
/// The upload is moved into the file store first, where whichever instance runs the job
/// finds it.
pub async fn start(state: &crate::web::AppState, ctx: &Ctx, register: Register, target_org: Option<i64>, file: crate::uploads::Received) -> AppResult<i64> {
    // Check permission before accepting the job.
    match register {
        Register::Students | Register::Destinations => {
            students::import_target(&state.db, ctx, target_org).await?;
        }
        Register::Orgs => {
            ctx.require(Permission::OrgManage)?;
        }
    }
    let user_id = ctx.user()?.id;
    let filename = file.filename.clone();
    let key = state.files.put_upload("imports", "xlsx", file).await?;
    let queued = async {
        let tx = state.db.begin().await?;
        let row = import::ActiveModel {
            register: Set(register.key().into()),
            org_id: Set(target_org.or(ctx.user.as_ref().map(|u| u.org_id))),
            user_id: Set(Some(user_id)),
            filename: Set(filename),
            status: Set(ImportStatus::Running.into()),
            processed_rows: Set(0),
            written_rows: Set(0),
            error_count: Set(0),
            errors: Set(None),
            error_file: Set(None),
            created_at: Set(chrono::Utc::now()),
            finished_at: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        let job = ImportJob { import_id: row.id, register: register.key().into(), target_org, user_id, file: Some(key.clone()), path: None };
        let payload = serde_json::to_value(&job).map_err(|e| AppError::Internal(e.into()))?;
        crate::jobs::enqueue(&tx, crate::jobs::Kind::Import, &payload, None).await?;
        tx.commit().await?;
        Ok::<i64, AppError>(row.id)
    }
    .await;
    match queued {
        Ok(id) => {
            state.jobs.notify();
            Ok(id)
        }
        Err(e) => {
            let _ = state.files.delete(&key).await;
            Err(e)
        }
    }
}

fn parse_job(payload: &serde_json::Value) -> AppResult<ImportJob> {
    serde_json::from_value(payload.clone()).map_err(|e| AppError::Internal(anyhow::anyhow!("import job payload: {e}")))
}

/// Run an import job (`jobs::Kind::Import`): the same engine as the CLI and the API, over
/// the uploaded file, recording progress and the outcome on the import's row. A job taken
/// up again after its server died starts from the file again — the import is one
/// transaction, so nothing of the interrupted run was kept.
pub async fn run_job(state: &crate::web::AppState, payload: &serde_json::Value) -> AppResult<()> {
    let job = parse_job(payload)?;
    let db = &state.db;
    let Some(imp) = import::Entity::find_by_id(job.import_id).one(db).await? else { return Ok(()) };
    if imp.status != ImportStatus::Running {
        return Ok(()); // finished by an earlier attempt
    }
    let register = Register::parse(&job.register).ok_or_else(|| AppError::Internal(anyhow::anyhow!("register {}", job.register)))?;
    let Some(user) = crate::auth::load_auth_user(db, job.user_id).await? else {
        return job_failed(state, payload, "发起导入的账号已停用").await;
    };
    let Some(workbook) = job.workbook(&state.files).await? else {
        return job_failed(state, payload, "上传的文件已不存在").await;
    };
    let ctx = Ctx { user: Some(user), locale: crate::i18n::Locale::ZhCn, request_id: format!("import-{}", job.import_id), csrf_token: String::new() };

    let progress_db = db.clone();
    let id = job.import_id;
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
    let result = run(db, &ctx, register, job.target_org, &imp.filename, xlsx::Source::File(workbook.path.clone()), move |n| {
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
            am.status = Set(if o.errors.is_empty() { ImportStatus::Done } else { ImportStatus::Failed }.into());
            am.errors = Set(serde_json::to_value(&o.errors).ok());
            if let Some(wb) = o.error_workbook {
                am.error_file = Set(Some(state.files.put("imports", "xlsx", wb).await?));
            }
        }
        // A refusal of the file itself is the import's outcome, not the job's failure.
        Err(AppError::Validation(errors)) => {
            am.status = Set(ImportStatus::Failed.into());
            am.error_count = Set(errors.len() as i64);
            am.errors = Set(serde_json::to_value(&errors).ok());
        }
        // Anything else (the database went away …): the job is retried.
        Err(other) => return Err(other),
    }
    am.update(db).await?;
    drop(workbook);
    job.discard(&state.files).await;
    Ok(())
}

/// The import job gave up (its server died too often, or it kept failing): the import's
/// row says so, and the upload is deleted.
pub async fn job_failed(state: &crate::web::AppState, payload: &serde_json::Value, reason: &str) -> AppResult<()> {
    let job = parse_job(payload)?;
    let db = &state.db;
    let errors = vec![FieldError::new("文件", format!("导入未完成：{reason}。请重新上传。"))];
    import::Entity::update_many()
        .col_expr(import::Column::Status, sea_orm::sea_query::Expr::value(ImportStatus::Failed))
        .col_expr(import::Column::ErrorCount, sea_orm::sea_query::Expr::value(1i64))
        .col_expr(import::Column::Errors, sea_orm::sea_query::Expr::value(serde_json::to_value(&errors).ok()))
        .col_expr(import::Column::FinishedAt, sea_orm::sea_query::Expr::value(Some(chrono::Utc::now())))
        .filter(import::Column::Id.eq(job.import_id))
        .filter(import::Column::Status.eq(ImportStatus::Running))
        .exec(db)
        .await?;
    job.discard(&state.files).await;
    Ok(())
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

