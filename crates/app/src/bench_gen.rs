//! `zhijiao bench gen`: province-scale synthetic data for the benchmarks in `bench/`
//! (issue 3 "Speed", issue 4's report benchmark): vocational schools and the majors they
//! offer, enterprises with GB/T 4754 and county codes, postings of every type with
//! titles, descriptions, skills, 大典 occupations and wanted majors taken from the
//! embedded catalogues and their major ↔ occupation crosswalk, students with user
//! accounts and job-seeking profiles, and the graduating cohort's 毕业去向 records.
//!
//! Rows are written the way the product writes them: the derived posting columns
//! (facets, pay band, dedup key, `search_text`) come from the postings module's own
//! functions, destinations from `destinations::check` and `to_active_model`; only the
//! per-row audit and notifications are left out (one audit entry records the run).
//! Bulk inserts: multi-row INSERT on SQLite, UNNEST on PostgreSQL, one transaction.
//! On PostgreSQL the full-text GIN index is dropped for the load and built again after,
//! the standard bulk-load practice; on SQLite the FTS5 table is filled by its triggers.
//!
//! Deterministic for a seed (dates are relative to the day of generation).

use crate::areas::destinations::{self as dest, DestinationInput, Employer, Graduate};
use crate::areas::postings::{self, ValidPosting};
use crate::auth::Ctx;
use crate::db::insert_bulk;
use crate::demo::chinese_name;
use crate::entity::{
    graduate_destination as gd, organization, posting, posting_major, school_major, student, student_profile, user, user_role,
};
use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, QueryFilter, Set, Statement, TransactionTrait};
use std::collections::{HashMap, HashSet};
use zhijiao_domain::catalog::{DivisionLevel, IndustryLevel, MajorLevel, MajorNode, OccupationLevel, catalogs};
use zhijiao_domain::validate::resident_id_check_char;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenSpec {
    pub postings: usize,
    pub students: usize,
    pub schools: usize,
    /// Students of the graduating cohort (2026) with 毕业去向 records; the rest are in
    /// school (2027, 2028). At most `students`.
    pub graduates: usize,
    pub seed: u64,
}

/// The cohort whose destinations are generated.
pub const GRADUATION_YEAR: i32 = 2026;

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct GenSummary {
    pub schools: usize,
    pub enterprises: usize,
    pub postings: usize,
    pub posting_majors: usize,
    pub students: usize,
    pub destinations: usize,
}

/// Rows per INSERT statement (and per UNNEST call).
const BATCH: usize = 5_000;

// ---------------------------------------------------------------------------------------
// The vocabulary, from the catalogues

/// A major that leads to occupations in the crosswalk.
struct MajorEntry {
    level: MajorLevel,
    code: String,
    name: String,
    /// Indexes into `Vocab::occupations`.
    occupations: Vec<usize>,
    /// 1+X certificates and skills of the major (from the crosswalk's certificate column).
    skills: Vec<String>,
}

struct OccupationEntry {
    code: String,
    name: String,
    definition: String,
    /// Majors (index into `Vocab::majors`) whose crosswalk names this occupation.
    majors: Vec<usize>,
    skills: Vec<String>,
    base_pay: i32,
}

struct Vocab {
    majors: Vec<MajorEntry>,
    occupations: Vec<OccupationEntry>,
    /// Majors by level, for schools.
    secondary: Vec<usize>,
    associate: Vec<usize>,
    /// GB/T 4754 小类 codes per 门类 letter.
    classes: HashMap<String, Vec<String>>,
    counties: Vec<(String, String)>,
    /// county code → its streets.
    streets: HashMap<String, Vec<String>>,
}

/// Skills by 大典 中类 (first two parts of the code), then by 大类: the words postings
/// and résumés of these trades use.
fn trade_skills(occupation: &str) -> &'static [&'static str] {
    let middle = occupation.get(..4).unwrap_or("");
    match middle {
        "6-31" => &["PLC编程", "电气图纸识读", "设备维修", "液压气动", "钳工技能", "电工证"],
        "6-18" => &["数控编程", "数控车床", "量具使用", "机械识图", "CAD制图", "焊工证"],
        "6-25" | "6-24" => &["SMT", "电子装配", "静电防护", "焊接", "电路调试"],
        "6-11" | "6-12" | "6-13" => &["GMP", "化工单元操作", "DCS操作", "安全生产", "化学分析"],
        "6-15" | "6-16" => &["窑炉操作", "注塑成型", "质量检验", "安全生产"],
        "6-22" | "6-23" | "6-20" | "6-21" => &["装配调试", "机械识图", "质量检验", "叉车证"],
        "6-29" | "6-28" => &["施工图识读", "测量放线", "安全生产", "BIM"],
        "4-04" => &["Java", "Python", "SQL", "Linux", "网络配置", "信息安全"],
        "4-02" => &["仓储管理", "叉车证", "WMS", "物流配送", "驾驶证"],
        "4-01" => &["销售技巧", "客户服务", "电子商务", "直播营销", "数据分析"],
        "4-03" => &["烹饪", "餐饮服务", "食品安全", "酒店服务"],
        "4-05" | "4-06" => &["财务软件", "会计核算", "Excel", "税务申报"],
        "4-10" | "4-14" => &["护理", "养老照护", "急救", "沟通协调"],
        "4-08" | "4-09" => &["检验检测", "仪器分析", "实验室安全", "数据记录"],
        "4-07" => &["设备运维", "安全生产", "巡检"],
        _ => match occupation.chars().next() {
            Some('6') => &["安全生产", "设备点检", "质量记录", "机械识图"],
            Some('5') => &["农机操作", "病虫害防治", "种植管理", "养殖技术"],
            Some('2') => &["CAD制图", "技术文档", "数据分析", "项目管理"],
            Some('3') => &["公文写作", "档案管理", "办公软件"],
            _ => &["办公软件", "沟通协调", "客户服务"],
        },
    }
}

fn base_pay(occupation: &str) -> i32 {
    match occupation.chars().next() {
        Some('2') => 6500,
        Some('6') => 5200,
        Some('5') => 4000,
        _ => 4500,
    }
}

/// 门类 letters an employer of an occupation's 大类 works in.
fn sections_for(occupation: &str) -> &'static [&'static str] {
    match occupation.chars().next() {
        Some('6') => &["C", "C", "C", "D", "E"],
        Some('5') => &["A"],
        Some('2') => &["M", "I", "C"],
        Some('3') => &["L", "M"],
        _ => &["F", "G", "H", "I", "L", "M", "O", "Q", "R", "C"],
    }
}

fn certificate_skills(text: &str) -> Vec<String> {
    let body = text.split_once('：').map(|(_, b)| b).unwrap_or(text);
    body.split(['、', ';', '；', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.chars().count() <= 16)
        .map(String::from)
        .collect()
}

impl Vocab {
    fn build() -> anyhow::Result<Vocab> {
        let c = catalogs();
        let mut occ_index: HashMap<String, usize> = HashMap::new();
        let mut occupations: Vec<OccupationEntry> = Vec::new();
        let mut majors: Vec<MajorEntry> = Vec::new();
        let mut certs: HashMap<(MajorLevel, String), Vec<String>> = HashMap::new();
        for e in &c.crosswalk {
            certs.entry((e.level, e.major_code.clone())).or_default().extend(certificate_skills(&e.certificates));
        }
        for m in c.majors.iter().filter(|m| m.node == MajorNode::Major && matches!(m.level, MajorLevel::Secondary | MajorLevel::Associate)) {
            let occs: Vec<_> = c.occupations_for_major(m.level, &m.code).into_iter().filter(|o| o.level == OccupationLevel::Detail).collect();
            if occs.is_empty() {
                continue;
            }
            let mi = majors.len();
            let mut idx = Vec::new();
            for o in occs {
                let oi = *occ_index.entry(o.code.clone()).or_insert_with(|| {
                    let mut skills: Vec<String> = trade_skills(&o.code).iter().map(|s| s.to_string()).collect();
                    if o.name.chars().count() <= 4 {
                        skills.push(format!("{}证", o.name));
                    }
                    occupations.push(OccupationEntry {
                        code: o.code.clone(),
                        name: o.name.clone(),
                        definition: o.definition.trim().trim_end_matches('。').to_string(),
                        majors: Vec::new(),
                        skills,
                        base_pay: base_pay(&o.code),
                    });
                    occupations.len() - 1
                });
                occupations[oi].majors.push(mi);
                idx.push(oi);
            }
            let mut skills = certs.remove(&(m.level, m.code.clone())).unwrap_or_default();
            skills.sort();
            skills.dedup();
            for &oi in &idx {
                if let Some(cert) = skills.first() {
                    if !occupations[oi].skills.contains(cert) && occupations[oi].skills.len() < 10 {
                        occupations[oi].skills.push(cert.clone());
                    }
                }
            }
            majors.push(MajorEntry { level: m.level, code: m.code.clone(), name: m.name.clone(), occupations: idx, skills });
        }
        anyhow::ensure!(!majors.is_empty(), "crosswalk has no majors with occupations");
        let secondary = (0..majors.len()).filter(|&i| majors[i].level == MajorLevel::Secondary).collect();
        let associate = (0..majors.len()).filter(|&i| majors[i].level == MajorLevel::Associate).collect();
        let mut classes: HashMap<String, Vec<String>> = HashMap::new();
        for i in c.industries.iter().filter(|i| i.level == IndustryLevel::Class) {
            classes.entry(i.section_code.clone()).or_default().push(i.code.clone());
        }
        let counties: Vec<(String, String)> =
            c.divisions.iter().filter(|d| d.level == DivisionLevel::County).map(|d| (d.code.clone(), d.name.clone())).collect();
        let mut streets: HashMap<String, Vec<String>> = HashMap::new();
        for d in c.divisions.iter().filter(|d| d.level == DivisionLevel::Street) {
            if let Some(p) = &d.parent_code {
                streets.entry(p.clone()).or_default().push(d.code.clone());
            }
        }
        Ok(Vocab { majors, occupations, secondary, associate, classes, counties, streets })
    }

    /// A county and one of its streets; the zone's two streets (张店区) get a third of them.
    fn place(&self, rng: &mut StdRng) -> (String, Option<String>) {
        if rng.random_bool(0.3) {
            let s = dest::ZONE_STREETS[rng.random_range(0..dest::ZONE_STREETS.len())];
            return ("370303".into(), Some(s.into()));
        }
        let (county, _) = &self.counties[rng.random_range(0..self.counties.len())];
        let street = self.streets.get(county).and_then(|s| s.choose(rng)).cloned();
        (county.clone(), street)
    }
}

// ---------------------------------------------------------------------------------------
// Words of the index, cached per part

/// `search::index_text` of each part, cached: generated postings repeat their titles,
/// descriptions and names, and segmenting a million descriptions would dominate the run.
/// `index_text(parts)` is the join of its parts' words, so the result is the same.
#[derive(Default)]
struct WordCache(HashMap<String, String>);

impl WordCache {
    fn search_text(&mut self, parts: &[String]) -> String {
        let mut out: Vec<&str> = Vec::with_capacity(parts.len());
        for p in parts {
            if !self.0.contains_key(p) {
                let words = crate::search::index_text(&[p.as_str()]);
                self.0.insert(p.clone(), words);
            }
        }
        for p in parts {
            let w = &self.0[p];
            if !w.is_empty() {
                out.push(w);
            }
        }
        out.join(" ")
    }
}

// ---------------------------------------------------------------------------------------
// Generation

struct Enterprise {
    id: i64,
    name: String,
    industry: String,
    county: String,
    street: Option<String>,
    /// The major whose occupations it hires for mostly.
    anchor: usize,
}

struct School {
    id: i64,
    level: MajorLevel,
    majors: Vec<usize>,
    county: String,
}

async fn next_id<C: ConnectionTrait>(db: &C, table: &str, col: &str) -> anyhow::Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), format!("SELECT COALESCE(MAX({col}), 0) AS m FROM {table}")))
        .await?
        .context("max id")?;
    let m: i64 = row.try_get("", "m")?;
    Ok(m + 1)
}

/// PostgreSQL: explicit ids were inserted; move the sequences past them.
async fn reset_sequences<C: ConnectionTrait>(db: &C) -> anyhow::Result<()> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    for t in ["organizations", "postings", "students", "users"] {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {t}))"
        ))
        .await?;
    }
    Ok(())
}

fn china_today() -> NaiveDate {
    postings::today()
}

fn at_noon(d: NaiveDate) -> DateTime<Utc> {
    // 12:00 China time.
    d.and_hms_opt(4, 0, 0).expect("time").and_utc()
}

/// Generate into a migrated database. Refuses to run twice on the same database (the
/// generated names are unique per run).
pub async fn generate(db: &DatabaseConnection, spec: &GenSpec, progress: impl Fn(&str)) -> anyhow::Result<GenSummary> {
    use sea_orm::EntityTrait;
    let vocab = Vocab::build()?;
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let backend = db.get_database_backend();
    let now = Utc::now();
    let today = china_today();
    let mut summary = GenSummary::default();

    let marker = format!("基准数据（种子 {}）", spec.seed);
    if organization::Entity::find()
        .filter(organization::Column::Address.eq(marker.clone()))
        .one(db)
        .await?
        .is_some()
    {
        anyhow::bail!("该数据库已有种子 {} 的基准数据", spec.seed);
    }

    let tx = db.begin().await?;
    if backend == DatabaseBackend::Sqlite {
        // Bigger page cache for the load; the FTS5 triggers fill the index as rows arrive.
        tx.execute_unprepared("PRAGMA cache_size = -262144").await?;
    }
    let mut org_id = next_id(&tx, "organizations", "id").await?;

    // Schools: four in five 中职, the rest 高职 (专科), each with six to ten majors.
    let mut schools: Vec<School> = Vec::with_capacity(spec.schools);
    let mut rows = Vec::new();
    let mut majors_rows = Vec::new();
    let mut per_county: HashMap<String, usize> = HashMap::new();
    for _ in 0..spec.schools {
        let (county, street) = vocab.place(&mut rng);
        let county_name = catalogs().division(&county).map(|d| d.name.clone()).unwrap_or_default();
        let n = per_county.entry(county.clone()).or_insert(0);
        *n += 1;
        let (level, pool, name, school_type) = if rng.random_bool(0.8) || vocab.associate.is_empty() {
            (MajorLevel::Secondary, &vocab.secondary, format!("{county_name}第{n}职业中等专业学校"), "中职")
        } else {
            (MajorLevel::Associate, &vocab.associate, format!("{county_name}第{n}职业技术学院"), "高职")
        };
        let k = rng.random_range(6..=10).min(pool.len());
        let majors: Vec<usize> = pool.sample(&mut rng, k).copied().collect();
        rows.push(organization::ActiveModel {
            id: Set(org_id),
            kind: Set("vocational_school".into()),
            name: Set(name),
            short_name: Set(None),
            credit_code: Set(None),
            industry_code: Set(None),
            county_code: Set(Some(county.clone())),
            street_code: Set(street),
            school_type: Set(Some(school_type.into())),
            address: Set(Some(marker.clone())),
            contact_name: Set(None),
            contact_phone: Set(None),
            status: Set("active".into()),
            is_demo: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        });
        for &m in &majors {
            majors_rows.push(school_major::ActiveModel {
                id: sea_orm::ActiveValue::NotSet,
                org_id: Set(org_id),
                level: Set(level.key().into()),
                major_code: Set(vocab.majors[m].code.clone()),
                major_name: Set(vocab.majors[m].name.clone()),
                start_year: Set(Some(2015 + rng.random_range(0..8))),
                status: Set("active".into()),
                created_at: Set(now),
                length_years: Set(3),
                group_id: Set(None),
            });
        }
        schools.push(School { id: org_id, level, majors, county });
        org_id += 1;
    }
    insert_bulk::<organization::Entity, _>(&tx, rows).await?;
    for chunk in majors_rows.chunks(BATCH) {
        insert_bulk::<school_major::Entity, _>(&tx, chunk.to_vec()).await?;
    }
    summary.schools = schools.len();
    progress(&format!("schools={}", schools.len()));

    // Enterprises: one per fifty postings (at least ten).
    const BRANDS: &str = "华瑞鑫泰恒达宏远金诚盛德博源立信中科天成汇通永安嘉禾瑞丰隆昌新达东岳齐鲁万通鼎盛宇航正阳润泽银河晨光海川";
    let brand: Vec<char> = BRANDS.chars().collect();
    let n_enterprises = (spec.postings / 50).max(10);
    let mut enterprises: Vec<Enterprise> = Vec::with_capacity(n_enterprises);
    let mut names: HashSet<String> = HashSet::new();
    let mut rows = Vec::new();
    for i in 0..n_enterprises {
        let anchor = rng.random_range(0..vocab.majors.len());
        let occ = &vocab.occupations[vocab.majors[anchor].occupations[0]];
        let sections = sections_for(&occ.code);
        let section = sections[rng.random_range(0..sections.len())];
        let industry = vocab.classes.get(section).and_then(|c| c.choose(&mut rng)).cloned().unwrap_or_else(|| "3491".into());
        let group = catalogs().industry(&industry).and_then(|x| x.parent_code.clone()).and_then(|p| catalogs().industry(&p).map(|g| g.name.clone()));
        let trade: String = group.unwrap_or_else(|| "科技".into()).chars().filter(|c| !"、，（）及其他和与".contains(*c)).take(4).collect();
        let (county, street) = vocab.place(&mut rng);
        let county_name = catalogs().division(&county).map(|d| d.name.clone()).unwrap_or_default();
        let b: String = [brand[rng.random_range(0..brand.len())], brand[rng.random_range(0..brand.len())]].iter().collect();
        let mut name = format!("淄博{b}{trade}有限公司");
        if !names.insert(name.clone()) {
            name = format!("淄博{b}{trade}有限公司{county_name}分公司");
            if !names.insert(name.clone()) {
                name = format!("淄博{b}{trade}第{}有限公司", i + 1);
                names.insert(name.clone());
            }
        }
        rows.push(organization::ActiveModel {
            id: Set(org_id),
            kind: Set("enterprise".into()),
            name: Set(name.clone()),
            short_name: Set(None),
            credit_code: Set(None),
            industry_code: Set(Some(industry.clone())),
            county_code: Set(Some(county.clone())),
            street_code: Set(street.clone()),
            school_type: Set(None),
            address: Set(Some(marker.clone())),
            contact_name: Set(None),
            contact_phone: Set(None),
            status: Set("active".into()),
            is_demo: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        });
        enterprises.push(Enterprise { id: org_id, name, industry, county, street, anchor });
        org_id += 1;
        if rows.len() == BATCH {
            insert_bulk::<organization::Entity, _>(&tx, std::mem::take(&mut rows)).await?;
        }
    }
    insert_bulk::<organization::Entity, _>(&tx, rows).await?;
    summary.enterprises = enterprises.len();
    progress(&format!("enterprises={}", enterprises.len()));

    // Postings, published over the last year in id order.
    if backend == DatabaseBackend::Postgres {
        tx.execute_unprepared("DROP INDEX IF EXISTS ix_posting_fts").await?;
    }
    let mut posting_id = next_id(&tx, "postings", "id").await?;
    let mut words = WordCache::default();
    let kinds: [(&str, u32); 4] = [("fulltime", 55), ("internship", 25), ("apprenticeship", 10), ("order_class", 10)];
    let mut rows = Vec::with_capacity(BATCH);
    let mut majors_rows = Vec::with_capacity(BATCH * 2);
    for i in 0..spec.postings {
        let e = &enterprises[rng.random_range(0..enterprises.len())];
        // Mostly the enterprise's own trades, sometimes any occupation of the crosswalk.
        let oi = if rng.random_bool(0.8) {
            let occs = &vocab.majors[e.anchor].occupations;
            occs[rng.random_range(0..occs.len())]
        } else {
            rng.random_range(0..vocab.occupations.len())
        };
        let occ = &vocab.occupations[oi];
        let mut roll = rng.random_range(0..100);
        let kind = kinds.iter().find(|(_, w)| if roll < *w { true } else { roll -= w; false }).map(|(k, _)| *k).unwrap_or("fulltime");
        let (title, suffix) = match kind {
            "internship" => (format!("{}（岗位实习）", occ.name), "接收职业院校学生岗位实习，配备企业导师，签订三方协议"),
            "apprenticeship" => (format!("{}（学徒制）", occ.name), "实行企业新型学徒制，校企双导师培养，学徒期满考核合格转正"),
            "order_class" => (format!("{}订单班", occ.name), "与职业院校合作开设订单班，企业参与授课，毕业后直接上岗"),
            _ => (occ.name.clone(), ["缴纳五险一金，提供工作餐和班车", "五险一金，包食宿，月休四天", "缴纳社保，年终奖金，带薪年假"][rng.random_range(0..3)]),
        };
        let title = if kind == "fulltime" && rng.random_bool(0.15) { format!("急招{title}") } else { title };
        // Wanted majors: one to three of the majors the crosswalk leads to this occupation.
        let k = rng.random_range(1..=3).min(occ.majors.len());
        let wanted: Vec<usize> = occ.majors.sample(&mut rng, k).copied().collect();
        let k = rng.random_range(2..=4).min(occ.skills.len());
        let skills: Vec<String> = occ.skills.sample(&mut rng, k).cloned().collect();
        let definition = if occ.definition.is_empty() { format!("从事{}相关工作", occ.name) } else { occ.definition.clone() };
        let major_names: Vec<&str> = wanted.iter().map(|&m| vocab.majors[m].name.as_str()).collect();
        let description = format!(
            "岗位职责：{definition}。任职要求：熟悉{}，{}等相关专业毕业生优先，性别不限，职业院校毕业生可报名。{suffix}。",
            occ.skills.iter().take(3).cloned().collect::<Vec<_>>().join("、"),
            major_names.join("、")
        );
        let (county, street) = if rng.random_bool(0.85) { (e.county.clone(), e.street.clone()) } else { vocab.place(&mut rng) };
        let education = match rng.random_range(0..10) {
            0..=6 => Some("secondary"),
            7 | 8 => Some("associate"),
            _ => None,
        };
        let pay = if rng.random_bool(0.05) {
            (None, None)
        } else {
            let lo = (occ.base_pay + rng.random_range(-15..=15) * 100) * if kind == "internship" { 7 } else { 10 } / 10;
            (Some(lo), Some(lo + rng.random_range(5..=30) * 100))
        };
        let v = ValidPosting {
            kind: kind.into(),
            title: title.clone(),
            description,
            occupation_code: Some(occ.code.clone()),
            industry_code: Some(e.industry.clone()),
            education_level: education.map(String::from),
            headcount: Some(rng.random_range(1..=20)),
            pay_min: pay.0,
            pay_max: pay.1,
            county_code: Some(county.clone()),
            street_code: street.clone(),
            skills,
            majors: wanted.iter().map(|&m| (vocab.majors[m].level.key().to_string(), vocab.majors[m].code.clone())).collect(),
            start_date: None,
            deadline: None,
            experience: Some(postings::EXPERIENCE_BANDS[rng.random_range(0..postings::EXPERIENCE_BANDS.len())].to_string()),
            target_school_id: None,
        };
        let search_text = words.search_text(&postings::search_parts(&v, &e.name));
        // Published over the last 365 days in id order, a few hours of jitter.
        let day = today - Duration::days(365) + Duration::days((i as i64 * 365) / spec.postings.max(1) as i64);
        let published = at_noon(day) + Duration::minutes(rng.random_range(-240..240));
        let deadline = day + Duration::days(rng.random_range(30..=150));
        let status = match rng.random_range(0..100) {
            0 => "draft",
            1 => "submitted",
            2..=4 => "closed",
            _ => "published",
        };
        let was_published = matches!(status, "published" | "closed");
        let section = catalogs().industry(&e.industry).map(|x| x.section_code.clone());
        rows.push(posting::ActiveModel {
            id: Set(posting_id),
            org_id: Set(e.id),
            kind: Set(v.kind.clone()),
            title: Set(v.title.clone()),
            description: Set(v.description.clone()),
            occupation_code: Set(v.occupation_code.clone()),
            occupation_major: Set(occ.code.split('-').next().map(String::from)),
            industry_code: Set(v.industry_code.clone()),
            industry_section: Set(section),
            education_level: Set(v.education_level.clone()),
            headcount: Set(v.headcount),
            pay_min: Set(v.pay_min),
            pay_max: Set(v.pay_max),
            pay_band: Set(postings::pay_band(v.pay_min, v.pay_max).into()),
            county_code: Set(Some(county.clone())),
            street_code: Set(street.clone()),
            skills: Set(v.skills.join(",")),
            experience: Set(v.experience.clone()),
            target_school_id: Set(None),
            start_date: Set(Some(day + Duration::days(rng.random_range(15..=60)))),
            deadline: Set(Some(deadline)),
            status: Set(status.into()),
            lint_findings: Set(Some(serde_json::json!([]))),
            lint_blocked: Set(false),
            override_reason: Set(None),
            review_comment: Set(None),
            dedup_key: Set(postings::dedup_key(e.id, &title, Some(&county), street.as_deref())),
            search_text: Set(search_text),
            created_by: Set(None),
            created_at: Set(published - Duration::days(1)),
            updated_at: Set(published),
            submitted_at: Set((status != "draft").then(|| published - Duration::hours(20))),
            reviewed_by: Set(None),
            reviewed_at: Set(was_published.then_some(published)),
            published_at: Set(was_published.then_some(published)),
            closed_at: Set((status == "closed").then(|| published + Duration::days(20))),
            is_demo: Set(false),
        });
        for (level, code) in &v.majors {
            majors_rows.push(posting_major::ActiveModel {
                id: sea_orm::ActiveValue::NotSet,
                posting_id: Set(posting_id),
                level: Set(level.clone()),
                major_code: Set(code.clone()),
            });
        }
        summary.posting_majors += v.majors.len();
        posting_id += 1;
        if rows.len() == BATCH {
            insert_bulk::<posting::Entity, _>(&tx, std::mem::take(&mut rows)).await?;
            insert_bulk::<posting_major::Entity, _>(&tx, std::mem::take(&mut majors_rows)).await?;
            if (i + 1) % 100_000 == 0 {
                progress(&format!("postings={}", i + 1));
            }
        }
    }
    insert_bulk::<posting::Entity, _>(&tx, rows).await?;
    insert_bulk::<posting_major::Entity, _>(&tx, majors_rows).await?;
    summary.postings = spec.postings;
    progress(&format!("postings={}", spec.postings));

    // Students: users with the student role, register rows and job-seeking profiles; the
    // first `graduates` are the 2026 cohort and get 8/31 and 12/31 destinations.
    let mut student_id = next_id(&tx, "students", "id").await?;
    let mut user_id = next_id(&tx, "users", "id").await?;
    let graduates = spec.graduates.min(spec.students);
    let employers: Vec<Employer> = enterprises
        .iter()
        .map(|e| Employer { id: e.id, name: e.name.clone(), county_code: Some(e.county.clone()), street_code: e.street.clone() })
        .collect();
    let mut per_school: Vec<usize> = vec![0; schools.len()];
    let (mut s_rows, mut u_rows, mut r_rows, mut p_rows, mut d_rows) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..spec.students {
        if schools.is_empty() {
            break;
        }
        let si = i % schools.len();
        let school = &schools[si];
        let j = per_school[si];
        per_school[si] += 1;
        let graduation_year = if i < graduates { GRADUATION_YEAR } else { GRADUATION_YEAR + 1 + (i % 2) as i32 };
        let cohort = graduation_year - 3;
        let mi = school.majors[rng.random_range(0..school.majors.len())];
        let major = &vocab.majors[mi];
        let birth_year = cohort - if school.level == MajorLevel::Secondary { 15 } else { 18 } - rng.random_range(0..2);
        let birth = NaiveDate::from_ymd_opt(birth_year, 1, 1).expect("date") + Duration::days((j / 999) as i64 % 365);
        let first17 = format!("{}{}{:03}", school.county, birth.format("%Y%m%d"), j % 999 + 1);
        let id_number = format!("{first17}{}", resident_id_check_char(&first17));
        let name = chinese_name(&mut rng);
        let gender = if (id_number.as_bytes()[16] - b'0') % 2 == 1 { "1" } else { "2" };
        let student_no = format!("{cohort}{j:06}");
        s_rows.push(student::ActiveModel {
            id: Set(student_id),
            org_id: Set(school.id),
            student_no: Set(student_no.clone()),
            name: Set(name.clone()),
            gender_code: Set(gender.into()),
            id_type: Set("1".into()),
            id_number: Set(id_number),
            birth_date: Set(Some(birth)),
            ethnicity_code: Set(Some(if rng.random_range(0..50) == 0 { "03" } else { "01" }.into())),
            political_code: Set(Some(if rng.random_range(0..3) == 0 { "03" } else { "13" }.into())),
            major_level: Set(major.level.key().into()),
            major_code: Set(major.code.clone()),
            class_name: Set(Some(format!("{cohort}级{}{}班", major.name.chars().take(4).collect::<String>(), j % 4 + 1))),
            enrollment_ym: Set(Some(format!("{cohort}-09"))),
            study_years: Set(Some("3".into())),
            phone: Set(Some(format!("13{}{:08}", rng.random_range(3..=9), rng.random_range(0..99_999_999)))),
            status: Set(if graduation_year == GRADUATION_YEAR { "毕业" } else { "在读" }.into()),
            graduation_year: Set(Some(graduation_year)),
            is_demo: Set(false),
            created_at: Set(now),
        });
        u_rows.push(user::ActiveModel {
            id: Set(user_id),
            username: Set(format!("s{}_{i:07}", spec.seed)),
            display_name: Set(name.clone()),
            // Not an Argon2 hash: generated accounts cannot log in.
            password_hash: Set("!".into()),
            org_id: Set(school.id),
            locale: Set("zh-CN".into()),
            phone: Set(None),
            is_active: Set(true),
            failed_logins: Set(0),
            locked_until: Set(None),
            created_at: Set(now),
        });
        r_rows.push(user_role::ActiveModel { user_id: Set(user_id), role: Set("student".into()) });
        // Skills: the trade skills of two of the major's occupations and its certificates.
        let mut skills: Vec<String> = Vec::new();
        for _ in 0..2 {
            let o = &vocab.occupations[major.occupations[rng.random_range(0..major.occupations.len())]];
            for s in o.skills.sample(&mut rng, 2) {
                if !skills.contains(s) {
                    skills.push(s.clone());
                }
            }
        }
        if let Some(cert) = major.skills.choose(&mut rng) {
            if !skills.contains(cert) {
                skills.push(cert.clone());
            }
        }
        p_rows.push(student_profile::ActiveModel {
            user_id: Set(user_id),
            org_id: Set(school.id),
            student_id: Set(Some(student_id)),
            major_level: Set(major.level.key().into()),
            major_code: Set(major.code.clone()),
            graduation_year: Set(Some(graduation_year)),
            skills: Set(skills.join(",")),
            certificates: Set("[]".into()),
            preferred_locations: Set(String::new()),
            preferred_kinds: Set(String::new()),
            opt_in_visible: Set(rng.random_bool(0.7)),
            updated_at: Set(now),
        });
        if graduation_year == GRADUATION_YEAR {
            let g = Graduate { id: student_id, org_id: school.id, name, major_level: major.level.key().into(), major_code: major.code.clone() };
            for (snapshot, input) in destinations_of(&mut rng, &vocab, major, &student_no, &employers) {
                let checked = dest::check(&input).map_err(|e| anyhow::anyhow!("generated destination is invalid: {e:?}"))?;
                let employer = snapshot.and_then(|k| employers.get(k));
                d_rows.push(dest::to_active_model(&checked, &g, employer, "import", None, now));
            }
        }
        student_id += 1;
        user_id += 1;
        if s_rows.len() == BATCH {
            flush_students(&tx, &mut s_rows, &mut u_rows, &mut r_rows, &mut p_rows, &mut d_rows, &mut summary).await?;
            if (i + 1) % 100_000 == 0 {
                progress(&format!("students={}", i + 1));
            }
        }
    }
    flush_students(&tx, &mut s_rows, &mut u_rows, &mut r_rows, &mut p_rows, &mut d_rows, &mut summary).await?;
    progress(&format!("students={} destinations={}", summary.students, summary.destinations));

    reset_sequences(&tx).await?;
    crate::audit::record(
        &tx,
        &Ctx::system(),
        crate::audit::Entry::new("bench_gen", "system", spec.seed.to_string(), format!("生成{marker}：{}", serde_json::to_string(&summary)?)),
    )
    .await?;
    // A separate process from any server: servers see the load by the index's fingerprint.
    tx.commit().await?;

    if backend == DatabaseBackend::Postgres {
        progress("building the full-text index");
        db.execute_unprepared("SET maintenance_work_mem = '256MB'").await.ok();
        db.execute_unprepared("CREATE INDEX IF NOT EXISTS ix_posting_fts ON postings USING GIN (to_tsvector('simple', search_text))").await?;
        db.execute_unprepared("ANALYZE").await?;
    } else {
        db.execute_unprepared("ANALYZE").await?;
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await?;
    }
    Ok(summary)
}

/// One graduate's destinations at 8/31 and 12/31 (中职 pattern: most go on to study),
/// with the index of the employer for the employed.
fn destinations_of(
    rng: &mut StdRng,
    vocab: &Vocab,
    major: &MajorEntry,
    student_no: &str,
    employers: &[Employer],
) -> Vec<(Option<usize>, DestinationInput)> {
    let aligned = &vocab.occupations[major.occupations[rng.random_range(0..major.occupations.len())]].code;
    let other = &vocab.occupations[rng.random_range(0..vocab.occupations.len())].code;
    let occupation = if rng.random_bool(0.75) { aligned.clone() } else { other.clone() };
    let employer = rng.random_range(0..employers.len().max(1));
    let roll = rng.random_range(0..100);
    let (initial, year_end) = match roll {
        0..=49 => ("80", "80"),
        50..=74 => ("11", "11"),
        75..=79 => ("10", "10"),
        80..=82 => ("12", "12"),
        83..=84 => ("75", "75"),
        85..=86 => ("46", "46"),
        87..=93 => ("70", "11"),
        94..=96 => ("70", "70"),
        _ => ("72", "72"),
    };
    let mut out = Vec::with_capacity(2);
    for (snapshot, code) in [("initial", initial), ("year_end", year_end)] {
        let employed = matches!(code, "10" | "11" | "12");
        let input = DestinationInput {
            student_no: student_no.to_string(),
            graduation_year: GRADUATION_YEAR.to_string(),
            snapshot: snapshot.into(),
            destination: code.into(),
            employer_name: (employed && !employers.is_empty()).then(|| employers[employer].name.clone()),
            occupation_code: employed.then(|| occupation.clone()),
            ..Default::default()
        };
        out.push(((employed && !employers.is_empty()).then_some(employer), input));
    }
    out
}

async fn flush_students<C: ConnectionTrait>(
    db: &C,
    s: &mut Vec<student::ActiveModel>,
    u: &mut Vec<user::ActiveModel>,
    r: &mut Vec<user_role::ActiveModel>,
    p: &mut Vec<student_profile::ActiveModel>,
    d: &mut Vec<gd::ActiveModel>,
    summary: &mut GenSummary,
) -> anyhow::Result<()> {
    summary.students += s.len();
    summary.destinations += d.len();
    insert_bulk::<student::Entity, _>(db, std::mem::take(s)).await?;
    insert_bulk::<user::Entity, _>(db, std::mem::take(u)).await?;
    insert_bulk::<user_role::Entity, _>(db, std::mem::take(r)).await?;
    insert_bulk::<student_profile::Entity, _>(db, std::mem::take(p)).await?;
    insert_bulk::<gd::Entity, _>(db, std::mem::take(d)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_words_equal_the_postings_search_text() {
        let parts: Vec<String> = vec![
            "电工（岗位实习）".into(),
            "岗位职责：从事电气设备安装、调试、维护的人员。任职要求：熟悉PLC编程、电气图纸识读，机电技术应用等相关专业毕业生优先。".into(),
            "PLC编程 电工证".into(),
            "".into(),
            "淄博华瑞通用设备有限公司".into(),
        ];
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        let mut cache = WordCache::default();
        assert_eq!(cache.search_text(&parts), crate::search::index_text(&refs));
        assert_eq!(cache.search_text(&parts), crate::search::index_text(&refs), "second call hits the cache");
    }

    #[test]
    fn vocabulary_links_majors_occupations_and_skills() {
        let v = Vocab::build().unwrap();
        assert!(v.majors.len() > 100 && v.occupations.len() > 100, "{} majors, {} occupations", v.majors.len(), v.occupations.len());
        assert!(!v.secondary.is_empty() && !v.associate.is_empty());
        for o in &v.occupations {
            assert!(catalogs().occupation(&o.code).is_some(), "{}", o.code);
            assert!(!o.majors.is_empty() && o.skills.len() >= 2, "{}", o.code);
        }
        assert_eq!(v.counties.len(), 8);
        assert!(v.classes.contains_key("C"));
    }

    #[test]
    fn certificates_become_skills() {
        assert_eq!(certificate_skills("职业技能等级证书：设施蔬菜生产、农产品电商运营"), vec!["设施蔬菜生产", "农产品电商运营"]);
        assert!(certificate_skills("").is_empty());
    }
}
