//! `zhijiao`: the platform's one binary — server, migrations, demo data, imports and
//! exports, user administration, catalogue queries, and the rule engines.

use clap::{Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use zhijiao::areas::catalog::{self, Filter, Kind};
use zhijiao::areas::imports::{self, Register};
use zhijiao::auth::Ctx;
use zhijiao::config::{Settings, redact_url};
use zhijiao::roles::Role;

#[derive(Parser)]
#[command(name = "zhijiao", version, about = "职教 zhijiao — 淄博高新区现代职业教育平台 (淄高新管字〔2023〕100号)")]
struct Cli {
    /// Database URL: sqlite://data/zhijiao.db?mode=rwc (default) or postgres://user@host/db.
    #[arg(long, global = true, env = "ZHIJIAO_DATABASE_URL")]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (pages, JSON API under /api/v1, OpenAPI at /api/openapi.json).
    Serve {
        /// Load the demo zone first if the database is empty.
        #[arg(long)]
        demo: bool,
        #[arg(long, env = "ZHIJIAO_BIND", default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo zone of Zibo High-tech Zone (skipped if already loaded).
    Demo {
        /// Students per vocational school.
        #[arg(long, default_value_t = 1000)]
        students_per_school: usize,
    },
    /// Import an .xlsx file into a register, all or nothing.
    Import {
        register: RegisterArg,
        file: PathBuf,
        /// Target school for students: its name, short name or alias.
        #[arg(long)]
        school: Option<String>,
        /// Where to write the error workbook if rows fail (default: FILE.errors.xlsx).
        #[arg(long)]
        errors: Option<PathBuf>,
    },
    /// Export a register to .xlsx.
    Export { register: RegisterArg, file: PathBuf },
    /// Manage users.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Query the official catalogues.
    Catalog {
        kind: KindArg,
        /// majors: secondary|associate|bachelor; industries: section|division|group|class;
        /// occupations: major|middle|minor|detail; divisions: county|street.
        #[arg(long)]
        level: Option<String>,
        /// Code prefix or part of the Chinese name.
        #[arg(long)]
        query: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Policy documents (督查督办).
    Policy {
        #[command(subcommand)]
        action: PolicyAction,
    },
    /// Generate benchmark data (see bench/run.sh).
    BenchData {
        #[command(subcommand)]
        what: BenchData,
    },
    /// Province-scale benchmark data and measurements (see bench/run.sh).
    Bench {
        #[command(subcommand)]
        action: BenchAction,
    },
    /// Matching in batch.
    Match {
        #[command(subcommand)]
        action: MatchAction,
    },
    /// Job postings.
    Posting {
        #[command(subcommand)]
        action: PostingAction,
    },
    /// 产业人才需求信息报告 (talent-demand report) and its rollups.
    Report {
        #[command(subcommand)]
        action: ReportAction,
    },
    /// The district's majors (专业设置): warnings on a district described in a JSON file.
    Majors {
        #[command(subcommand)]
        action: MajorsAction,
    },
    /// Schools: the standards check (设置标准 and 达标工程).
    School {
        #[command(subcommand)]
        action: SchoolAction,
    },
}

#[derive(Subcommand)]
enum MajorsAction {
    /// Evaluate the warning rules (low_destination, saturation, size_cap, dormant, shortage,
    /// chain_gap) on a district described in a JSON file (`-` reads stdin).
    Warnings {
        file: String,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum SchoolAction {
    /// Evaluate one school-year given as JSON (`-` reads stdin) against 教职成〔2010〕12号
    /// and the 达标工程 monitoring indicators; a left-out field is not assessed.
    Standards {
        file: String,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum ReportAction {
    /// Build the report of a period (2026, 2026-Q3, 2026-09) from the rollups and write it.
    TalentDemand {
        #[arg(long)]
        period: String,
        /// One industry chain by name (default: the whole zone).
        #[arg(long)]
        chain: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        #[arg(long)]
        out: PathBuf,
    },
    /// Recompute every rollup of the report from the raw rows.
    RebuildRollups,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Html,
    Xlsx,
    Docx,
}

#[derive(Subcommand)]
enum UserAction {
    /// Add a user to an organisation with one or more roles.
    Add {
        username: String,
        #[arg(long)]
        name: String,
        /// Organisation name, short name or alias.
        #[arg(long)]
        org: String,
        /// district_admin | dept_liaison | school_admin | teacher | enterprise_hr | student
        #[arg(long, value_delimiter = ',')]
        roles: Vec<String>,
        #[arg(long, env = "ZHIJIAO_NEW_PASSWORD")]
        password: String,
    },
    /// Set a user's password (ends their sessions).
    Passwd {
        username: String,
        #[arg(long, env = "ZHIJIAO_NEW_PASSWORD")]
        password: String,
    },
    /// List users.
    List,
    /// Issue an API token (printed once).
    Token {
        username: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

#[derive(Subcommand)]
enum BenchData {
    /// Students in the import layout (.xlsx) and the same rows as CSV for COPY.
    Students {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
        /// Organisation id the CSV rows belong to.
        #[arg(long)]
        org_id: i64,
        #[arg(long)]
        xlsx: PathBuf,
        #[arg(long)]
        csv: PathBuf,
    },
}

#[derive(Subcommand)]
enum BenchAction {
    /// Generate schools, enterprises, postings, students and graduates' destinations
    /// into the (migrated) database, in bulk. Deterministic for a seed.
    Gen {
        #[arg(long, default_value_t = 1_000_000)]
        postings: usize,
        #[arg(long, default_value_t = 300_000)]
        students: usize,
        #[arg(long, default_value_t = 2_000)]
        schools: usize,
        /// Students of the 2026 cohort with 毕业去向 records (default: all students).
        #[arg(long)]
        graduates: Option<usize>,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// The talent report's build time from the rollups (all figures, no document), median
    /// of runs after a warm-up, with the zone's totals; one key=value line.
    Report {
        #[arg(long, default_value = "2026")]
        period: String,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Postings published per second, each in its own transaction, with or without the
    /// report's rollup maintenance; the inserted postings are removed afterwards.
    ReportWrites {
        #[arg(long, default_value_t = 1000)]
        postings: usize,
        #[arg(long)]
        without_rollups: bool,
    },
    /// Posting search latency through the product's search function, beside the same
    /// full-text query sent straight to the database; prints one key=value line.
    Search {
        /// Passes over the query mix.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

#[derive(Subcommand)]
enum MatchAction {
    /// The k best open postings for each student (newest postings, first students by id).
    Top {
        #[arg(long, default_value_t = 100_000)]
        students: u64,
        #[arg(long, default_value_t = 50_000)]
        postings: u64,
        #[arg(long, default_value_t = 10)]
        k: usize,
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Write the lists as CSV (user_id, rank, posting_id, score).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum PolicyAction {
    /// Parse a policy (.txt, .html/.htm or .docx by extension) into sections, measures and responsible units.
    Parse {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum PostingAction {
    /// Check a posting's text against the equal-treatment rules (`-` reads stdin).
    Lint {
        file: String,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RegisterArg {
    Students,
    Orgs,
    Destinations,
}

impl From<RegisterArg> for Register {
    fn from(r: RegisterArg) -> Register {
        match r {
            RegisterArg::Students => Register::Students,
            RegisterArg::Orgs => Register::Orgs,
            RegisterArg::Destinations => Register::Destinations,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Majors,
    Industries,
    Occupations,
    Divisions,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Json,
    Csv,
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,tower_http=info".into());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

#[tokio::main]
async fn main() {
    init_tracing();
    let cli = Cli::parse();
    if let Err(e) = run(cli).await {
        eprintln!("错误 / error: {e:#}");
        std::process::exit(1);
    }
}

async fn connect(database: &Option<String>) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let settings = Settings::new(database.clone(), "127.0.0.1:0".parse()?);
    let db = zhijiao::db::connect(&settings.database_url).await?;
    zhijiao::db::migrate(&db).await?;
    Ok(db)
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { demo, bind } => {
            let mut settings = Settings::new(cli.database.clone(), bind);
            // The monthly talent-report draft and the session sweep, as jobs (`jobs`).
            settings.schedule_periodic_jobs = true;
            let url = redact_url(&settings.database_url);
            let cost = settings.password_hash_cost;
            let app = zhijiao::Application::build(settings).await?;
            if demo {
                let s = zhijiao::demo::load(&app.state.db, cost, 1000).await?;
                app.state.search_index.changes().postings_changed();
                zhijiao::demo::accept_seed_policy(&app.state.db).await?;
                print_demo(&s);
            }
            println!("zhijiao 职教 listening on http://{bind} (database: {url})");
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            connect(&cli.database).await?;
            println!("migrations applied");
        }
        Command::Demo { students_per_school } => {
            let db = connect(&cli.database).await?;
            let s = zhijiao::demo::load(&db, zhijiao::config::PasswordCost::Production, students_per_school).await?;
            zhijiao::demo::accept_seed_policy(&db).await?;
            print_demo(&s);
        }
        Command::Import { register, file, school, errors } => {
            let db = connect(&cli.database).await?;
            let register: Register = register.into();
            let target = match (&register, school) {
                (Register::Students | Register::Destinations, Some(name)) => Some(
                    zhijiao::areas::orgs::resolve(&db, &name).await?.ok_or_else(|| anyhow::anyhow!("找不到学校：{name}"))?.id,
                ),
                (Register::Students, None) => anyhow::bail!("导入学生须用 --school 指定学校"),
                (Register::Destinations, None) => anyhow::bail!("导入毕业去向须用 --school 指定学校"),
                _ => None,
            };
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(indicatif::ProgressStyle::with_template("{spinner} {pos} 行 {elapsed} {per_sec}")?);
            let filename = file.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            let progress_bar = bar.clone();
            let outcome = imports::run(&db, &Ctx::system(), register, target, &filename, zhijiao::xlsx::Source::File(file.clone()), move |n| progress_bar.set_position(n)).await?;
            bar.finish_and_clear();
            if outcome.errors.is_empty() {
                println!("导入成功：{} 行，写入 {} 条", outcome.rows, outcome.written);
            } else {
                let path = errors.unwrap_or_else(|| file.with_extension("errors.xlsx"));
                if let Some(wb) = &outcome.error_workbook {
                    std::fs::write(&path, wb)?;
                }
                for e in outcome.errors.iter().take(20) {
                    eprintln!("第{}行 {}：{}", e.row.unwrap_or(0), e.field, e.message);
                }
                anyhow::bail!("{} 处错误，未写入任何数据；错误报告：{}", outcome.errors.len(), path.display());
            }
        }
        Command::Export { register, file } => {
            let db = connect(&cli.database).await?;
            let bytes = export(&db, register.into()).await?;
            std::fs::write(&file, bytes)?;
            println!("已导出到 {}", file.display());
        }
        Command::User { action } => {
            let db = connect(&cli.database).await?;
            let cost = zhijiao::config::PasswordCost::Production;
            match action {
                UserAction::Add { username, name, org, roles, password } => {
                    let org = zhijiao::areas::orgs::resolve(&db, &org).await?.ok_or_else(|| anyhow::anyhow!("找不到机构：{org}"))?;
                    let roles: Vec<Role> = roles
                        .iter()
                        .map(|r| Role::parse(r).ok_or_else(|| anyhow::anyhow!("未知角色：{r}")))
                        .collect::<Result<_, _>>()?;
                    zhijiao::areas::account::add_user(&db, &Ctx::system(), cost, zhijiao::areas::account::NewUser {
                        username: &username,
                        display_name: &name,
                        password: &password,
                        org_id: org.id,
                        roles: &roles,
                    })
                    .await?;
                    println!("已添加用户 {username}（{}）", org.name);
                }
                UserAction::Passwd { username, password } => {
                    zhijiao::areas::account::set_password(&db, &Ctx::system(), cost, &username, &password).await?;
                    println!("已重置 {username} 的密码");
                }
                UserAction::List => {
                    for u in zhijiao::areas::account::list_users(&db).await? {
                        println!("{}\t{}\t{}\t{}", u.username, u.display_name, u.org_name, u.roles.join(","));
                    }
                }
                UserAction::Token { username, name } => {
                    println!("{}", zhijiao::areas::account::create_api_token(&db, &Ctx::system(), &username, &name).await?);
                }
            }
        }
        Command::Catalog { kind, level, query, format } => {
            let kind = match kind {
                KindArg::Majors => Kind::Majors,
                KindArg::Industries => Kind::Industries,
                KindArg::Occupations => Kind::Occupations,
                KindArg::Divisions => Kind::Divisions,
            };
            let items = catalog::search(kind, &Filter { level, q: query, ..Default::default() }).map_err(|e| anyhow::anyhow!(e))?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&items)?),
                Format::Csv => {
                    let mut w = csv::Writer::from_writer(std::io::stdout());
                    w.write_record(["code", "name", "level", "parent_code"])?;
                    for it in items {
                        w.write_record([it.code, it.name, it.level, it.parent_code.unwrap_or_default()])?;
                    }
                    w.flush()?;
                }
            }
        }
        Command::BenchData { what: BenchData::Students { rows, org_id, xlsx, csv } } => {
            zhijiao::bench::students(rows, org_id, &xlsx, &csv)?;
            println!("{rows} students → {} and {}", xlsx.display(), csv.display());
        }
        Command::Bench { action: BenchAction::Gen { postings, students, schools, graduates, seed } } => {
            let db = connect(&cli.database).await?;
            let spec = zhijiao::bench_gen::GenSpec { postings, students, schools, graduates: graduates.unwrap_or(students), seed };
            let start = std::time::Instant::now();
            let summary = zhijiao::bench_gen::generate(&db, &spec, |step| eprintln!("{step} ({:.1}s)", start.elapsed().as_secs_f64())).await?;
            println!(
                "gen db={} schools={} enterprises={} postings={} posting_majors={} students={} destinations={} ms={}",
                zhijiao::db::backend_name(&db),
                summary.schools,
                summary.enterprises,
                summary.postings,
                summary.posting_majors,
                summary.students,
                summary.destinations,
                start.elapsed().as_millis()
            );
        }
        Command::Bench { action: BenchAction::Report { period, runs } } => {
            let db = connect(&cli.database).await?;
            let period = zhijiao::areas::report::parse_period(&period).ok_or_else(|| anyhow::anyhow!("报告期“{period}”无效"))?;
            println!("{}", zhijiao::areas::report::bench::build_time(&db, period, runs).await?);
        }
        Command::Bench { action: BenchAction::ReportWrites { postings, without_rollups } } => {
            let db = connect(&cli.database).await?;
            println!("{}", zhijiao::areas::report::bench::write_rate(&db, postings, !without_rollups).await?);
        }
        Command::Bench { action: BenchAction::Search { runs } } => {
            let db = connect(&cli.database).await?;
            println!("{}", zhijiao::bench::search_latency(&db, runs).await?);
        }
        Command::Match { action: MatchAction::Top { students, postings, k, threads, out } } => {
            let db = connect(&cli.database).await?;
            let (batch, ranked, t) = zhijiao::recommend::top(&db, students, postings, k, threads).await?;
            if let Some(path) = &out {
                let mut w = csv::Writer::from_path(path)?;
                w.write_record(["user_id", "rank", "posting_id", "score"])?;
                for (sid, list) in batch.student_ids.iter().zip(&ranked) {
                    for (rank, r) in list.iter().enumerate() {
                        w.write_record([sid.to_string(), (rank + 1).to_string(), batch.posting_ids[r.posting].to_string(), format!("{:.2}", r.total)])?;
                    }
                }
                w.flush()?;
            }
            let listed: usize = ranked.iter().map(Vec::len).sum();
            println!(
                "match students={} postings={} k={k} threads={threads} load_ms={} match_ms={} listed={listed}",
                batch.students.len(),
                batch.postings.len(),
                t.load_ms,
                t.match_ms
            );
        }
        Command::Policy { action: PolicyAction::Parse { file, format: _ } } => {
            // .html/.htm and .docx by extension, through the web import's conversion.
            let bytes = std::fs::read(&file)?;
            let format = zhijiao::areas::policy::convert::Format::from_filename(&file.to_string_lossy());
            let src = zhijiao::areas::policy::convert::convert(&bytes, format).map_err(|e| anyhow::anyhow!(e))?;
            // Resolve names through the alias table when a database is at hand.
            let aliases = match connect(&cli.database).await {
                Ok(db) => zhijiao::areas::orgs::alias_map(&db).await.unwrap_or_default(),
                Err(_) => Default::default(),
            };
            let resolve = |name: &str| aliases.get(&zhijiao::areas::orgs::normalise_name(name)).cloned();
            let parsed = zhijiao_domain::policy_parser::parse_policy(&src, &resolve);
            println!("{}", serde_json::to_string_pretty(&parsed)?);
        }
        Command::Majors { action: MajorsAction::Warnings { file, format } } => {
            let text = if file == "-" {
                std::io::read_to_string(std::io::stdin())?
            } else {
                std::fs::read_to_string(&file)?
            };
            let out = match format {
                Format::Json => zhijiao::areas::majors::warnings_json(&text),
                Format::Csv => zhijiao::areas::majors::warnings_csv(&text),
            }
            .map_err(|e| anyhow::anyhow!(e))?;
            println!("{out}");
        }
        Command::Report { action: ReportAction::RebuildRollups } => {
            let db = connect(&cli.database).await?;
            let started = std::time::Instant::now();
            let (facts, rows) = zhijiao::areas::report::rebuild_rollups(&db, &Ctx::system()).await?;
            println!("已重建报告汇总表：岗位 {facts} 个，汇总行 {rows} 行（{} ms）", started.elapsed().as_millis());
        }
        Command::Report { action: ReportAction::TalentDemand { period, chain, format, out } } => {
            use zhijiao::areas::report;
            let db = connect(&cli.database).await?;
            let period = report::parse_period(&period).ok_or_else(|| anyhow::anyhow!("报告期“{period}”无效，应为 2026、2026-Q3 或 2026-09"))?;
            let scope = report::resolve_scope(&db, chain.as_deref()).await.map_err(|e| match e {
                zhijiao::error::AppError::Validation(v) => anyhow::anyhow!(v.into_iter().map(|f| f.message).collect::<Vec<_>>().join("；")),
                e => e.into(),
            })?;
            let built = report::build_now(&db, period, scope).await?;
            let bytes = match format {
                ReportFormat::Html => report::pages::standalone_html(&built).into_bytes(),
                ReportFormat::Xlsx => report::xlsx_bytes(&built),
                ReportFormat::Docx => report::docx_bytes(&built),
            };
            std::fs::write(&out, bytes)?;
            println!("已生成 {}：{}", built.output.title_zh, out.display());
        }
        Command::Posting { action: PostingAction::Lint { file, format: _ } } => {
            let text = if file == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
                s
            } else {
                std::fs::read_to_string(&file)?
            };
            let report = zhijiao_domain::posting_lint::lint_text(&text);
            println!("{}", serde_json::to_string_pretty(&report)?);
            if report.blocked() {
                std::process::exit(3);
            }
        }
        Command::School { action: SchoolAction::Standards { file, format: _ } } => {
            let text = if file == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
                s
            } else {
                std::fs::read_to_string(&file)?
            };
            let year: zhijiao_domain::school_standards::SchoolYear =
                serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("学校年度数据 JSON 无效：{e}"))?;
            if let Err(errs) = year.validate() {
                let msgs: Vec<String> = errs.into_iter().map(|e| format!("{}：{}", e.field, e.message)).collect();
                anyhow::bail!("{}", msgs.join("；"));
            }
            let evaluation = zhijiao_domain::school_standards::evaluate(&year);
            println!("{}", serde_json::to_string_pretty(&evaluation)?);
        }
    }
    Ok(())
}

fn print_demo(s: &zhijiao::demo::DemoSummary) {
    if s.already_loaded {
        println!("演示数据已存在：机构 {}，学生 {}", s.organizations, s.students);
    } else {
        println!("已载入演示数据：机构 {}，学生 {}", s.organizations, s.students);
    }
    println!("演示账号（密码均为 {}）：", zhijiao::demo::DEMO_PASSWORD);
    for (u, name, role, org) in zhijiao::demo::DEMO_USERS {
        println!("  {u:<8} {name}  [{}]  {org}", role.key());
    }
    let (u, name, org) = zhijiao::areas::enlightenment::demo::PRIMARY_USER;
    println!("  {u:<8} {name}  [school_admin]  {org}");
}

async fn export(db: &sea_orm::DatabaseConnection, register: Register) -> anyhow::Result<Vec<u8>> {
    use sea_orm::{EntityTrait, QueryOrder};
    use zhijiao::entity::{organization, student};
    match register {
        Register::Orgs => {
            let rows = organization::Entity::find().order_by_asc(organization::Column::Id).all(db).await?;
            let headers: Vec<&str> = imports::ORG_COLUMNS.iter().map(|c| c.header).collect();
            Ok(zhijiao::xlsx::export(
                "机构名录",
                &headers,
                rows.into_iter().map(|o| {
                    vec![o.kind, o.name, o.short_name.unwrap_or_default(), o.credit_code.unwrap_or_default(), o.industry_code.unwrap_or_default(), o.county_code.unwrap_or_default(), o.street_code.unwrap_or_default(), o.school_type.unwrap_or_default(), o.address.unwrap_or_default(), o.contact_name.unwrap_or_default(), o.contact_phone.unwrap_or_default()]
                }),
            )?)
        }
        Register::Destinations => {
            // In the import layout, so a school's file can be re-imported.
            use std::collections::HashMap;
            use zhijiao::entity::graduate_destination as gd;
            let rows = gd::Entity::find().order_by_asc(gd::Column::Id).all(db).await?;
            let studs: HashMap<i64, (String, String)> =
                student::Entity::find().all(db).await?.into_iter().map(|s| (s.id, (s.student_no, s.name))).collect();
            let codes: HashMap<i64, String> =
                organization::Entity::find().all(db).await?.into_iter().filter_map(|o| o.credit_code.map(|c| (o.id, c))).collect();
            let headers: Vec<&str> = zhijiao::areas::destinations::COLUMNS.iter().map(|c| c.header).collect();
            Ok(zhijiao::xlsx::export(
                "毕业去向",
                &headers,
                rows.into_iter().map(|d| {
                    let (no, name) = studs.get(&d.student_id).cloned().unwrap_or_default();
                    vec![
                        no,
                        name,
                        d.graduation_year.to_string(),
                        if d.snapshot == "year_end" { "年终" } else { "初次" }.to_string(),
                        d.destination_code,
                        d.employer_name.unwrap_or_default(),
                        d.employer_org_id.and_then(|o| codes.get(&o).cloned()).unwrap_or_default(),
                        d.occupation_code.unwrap_or_default(),
                        d.employer_county_code.unwrap_or_default(),
                        d.employer_street_code.unwrap_or_default(),
                    ]
                }),
            )?)
        }
        Register::Students => {
            // The operator's export keeps the import layout, so it can be re-imported.
            let rows = student::Entity::find().order_by_asc(student::Column::Id).all(db).await?;
            let headers: Vec<&str> = zhijiao::areas::students::COLUMNS.iter().map(|c| c.header).collect();
            let level_name = |l: &str| match l {
                "associate" => "高职专科",
                "bachelor" => "职业本科",
                _ => "中职",
            };
            Ok(zhijiao::xlsx::export(
                "学生名册",
                &headers,
                rows.into_iter().map(|s| {
                    vec![s.student_no, s.name, s.gender_code, s.id_type, s.id_number, s.birth_date.map(|d| d.to_string()).unwrap_or_default(), s.ethnicity_code.unwrap_or_default(), s.political_code.unwrap_or_default(), level_name(&s.major_level).to_string(), s.major_code, s.class_name.unwrap_or_default(), s.enrollment_ym.unwrap_or_default(), s.study_years.unwrap_or_default(), s.phone.unwrap_or_default(), s.status]
                }),
            )?)
        }
    }
}
