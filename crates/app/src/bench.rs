//! Data for the benchmarks in `bench/`: synthetic but valid rows (check digits,
//! catalogue codes) in our import layout, as .xlsx and as CSV for PostgreSQL COPY.

use crate::demo::{chinese_name, resident_id};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::io::Write;

/// Majors the generated students study (中职 codes of the 2021 catalogue).
const MAJORS: [&str; 8] = ["660301", "660201", "660303", "660302", "710201", "710103", "690201", "670204"];

/// One generated student: cells in `students::COLUMNS` order.
fn student_row(rng: &mut StdRng, i: usize) -> [String; 15] {
    let cohort = 2022 + (i % 4) as i32;
    let birth_year = cohort - 15 - rng.random_range(0..2);
    let id = resident_id(rng, birth_year);
    let gender = if (id.as_bytes()[16] - b'0') % 2 == 1 { "男" } else { "女" };
    [
        format!("B{i:07}"),
        chinese_name(rng),
        gender.into(),
        "居民身份证".into(),
        id,
        String::new(),
        "汉族".into(),
        "共青团员".into(),
        "中职".into(),
        MAJORS[i % MAJORS.len()].into(),
        format!("{cohort}级{}班", i % 20 + 1),
        format!("{cohort}-09"),
        "3".into(),
        format!("13{}{:08}", rng.random_range(3..=9), rng.random_range(0..99_999_999)),
        "在读".into(),
    ]
}

/// Write `rows` students to an .xlsx (our template's layout) and the same rows, with
/// codes resolved as the importer stores them, to a CSV for `COPY students(...)`.
pub fn students(rows: usize, org_id: i64, xlsx: &std::path::Path, csv_path: &std::path::Path) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(100_000);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory()?;
    for (c, col) in crate::areas::students::COLUMNS.iter().enumerate() {
        ws.write_string(0, c as u16, col.header)?;
    }
    let mut csv = std::io::BufWriter::new(std::fs::File::create(csv_path)?);
    writeln!(csv, "org_id,student_no,name,gender_code,id_type,id_number,birth_date,ethnicity_code,political_code,major_level,major_code,class_name,enrollment_ym,study_years,phone,status,graduation_year,is_demo,created_at")?;
    let now = chrono::Utc::now().to_rfc3339();
    let mut seen = std::collections::HashSet::new();
    let mut i = 0usize;
    let mut written = 0usize;
    while written < rows {
        let r = student_row(&mut rng, i);
        i += 1;
        if !seen.insert(r[4].clone()) {
            continue; // the same 身份证号 twice would be refused as a duplicate
        }
        written += 1;
        for (c, v) in r.iter().enumerate() {
            ws.write_string(written as u32, c as u16, v)?;
        }
        let gender = if r[2] == "男" { "1" } else { "2" };
        let birth = format!("{}-{}-{}", &r[4][6..10], &r[4][10..12], &r[4][12..14]);
        let grad: i32 = r[11][..4].parse::<i32>()? + 3;
        writeln!(csv, "{org_id},{},{},{gender},1,{},{birth},01,03,secondary,{},{},{},3,{},在读,{grad},false,{now}", r[0], r[1], r[4], r[9], r[10], r[11], r[13])?;
    }
    wb.save(xlsx)?;
    csv.flush()?;
    Ok(())
}

/// The columns a school's own register carries beside ours (the importer ignores them):
/// what makes a real register of 100,000 students weigh 30 MB and more.
const REGISTER_EXTRA: [&str; 9] = ["家庭住址", "户口所在地", "监护人", "监护人关系", "监护人电话", "毕业初中", "邮政编码", "特长", "备注"];

/// A school register as schools keep it: our template's columns (valid rows, as
/// [`students`]) followed by the household and guardian columns of [`REGISTER_EXTRA`].
/// At most 671,328 rows (unique 身份证号).
pub fn school_register(rows: usize, xlsx: &std::path::Path) -> anyhow::Result<()> {
    const STREETS: [&str; 8] = ["四宝山街道", "石桥街道", "卫固镇", "中埠镇", "湖田街道", "马尚街道", "傅家镇", "南定镇"];
    const ROADS: [&str; 8] = ["柳泉路", "鲁泰大道", "华光路", "张周路", "西六路", "中润大道", "共青团路", "北京路"];
    let mut rng = StdRng::seed_from_u64(300_000);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory()?;
    let columns = crate::areas::students::COLUMNS.len();
    for (c, header) in crate::areas::students::COLUMNS.iter().map(|c| c.header).chain(REGISTER_EXTRA).enumerate() {
        ws.write_string(0, c as u16, header)?;
    }
    for i in 0..rows {
        let written = i as u32 + 1;
        let mut r = student_row(&mut rng, i);
        // 身份证号 from the row number, in 高青县 and 沂源县 (counties the demo zone's students
        // never come from): unique within the file and apart from any demo student.
        let j = i / 2;
        let birth_year = r[11][..4].parse::<i32>()? - 15;
        let first17 = format!("{}{birth_year:04}{:02}{:02}{:03}", ["370322", "370323"][i % 2], j % 12 + 1, (j / 12) % 28 + 1, (j / 336) % 999 + 1);
        r[4] = format!("{first17}{}", zhijiao_domain::validate::resident_id_check_char(&first17));
        r[2] = if (r[4].as_bytes()[16] - b'0') % 2 == 1 { "男" } else { "女" }.into();
        for (c, v) in r.iter().enumerate() {
            ws.write_string(written, c as u16, v)?;
        }
        let street = STREETS[rng.random_range(0..STREETS.len())];
        let extra = [
            format!("山东省淄博市高新区{street}{}{}号{}单元{}室", ROADS[rng.random_range(0..ROADS.len())], rng.random_range(1..400), rng.random_range(1..7), rng.random_range(101..1802)),
            format!("山东省淄博市{street}{}村", chinese_name(&mut rng)),
            chinese_name(&mut rng),
            ["父亲", "母亲", "祖父", "祖母"][rng.random_range(0..4)].to_string(),
            format!("13{}{:08}", rng.random_range(3..=9), rng.random_range(0..99_999_999)),
            format!("淄博市第{}中学", rng.random_range(1..60)),
            format!("2550{:02}", rng.random_range(0..99)),
            ["无", "篮球", "书法", "编程", "电子制作", "绘画"][rng.random_range(0..6)].to_string(),
            format!("{}年{}月转入；联系人{}", 2020 + rng.random_range(0..5), rng.random_range(1..13), chinese_name(&mut rng)),
        ];
        for (c, v) in extra.iter().enumerate() {
            ws.write_string(written, (columns + c) as u16, v)?;
        }
    }
    wb.save(xlsx)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Posting search latency (`bench/run.sh search`)

use crate::areas::postings::search::{self as posting_search, SearchQuery};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// The fixed query mix: Chinese words of trades, alone and with facet filters, and the
/// bare public list (no words) that the /postings page shows first.
pub fn query_mix() -> Vec<SearchQuery> {
    let q = |words: &str| SearchQuery { q: (!words.is_empty()).then(|| words.to_string()), ..Default::default() };
    let mut mix: Vec<SearchQuery> = [
        "电工", "数控", "焊工", "机器人", "检验员", "实习", "药物制剂", "软件", "仓储", "营销", "护理", "会计", "化工 操作",
        "电子 装配", "汽车 维修", "烹饪", "质检", "学徒制", "订单班", "设备维修",
    ]
    .into_iter()
    .map(q)
    .collect();
    mix.push(SearchQuery { kind: Some("internship".into()), ..q("电工") });
    mix.push(SearchQuery { county: Some("370303".into()), ..q("数控") });
    mix.push(SearchQuery { section: Some("C".into()), ..q("检验") });
    mix.push(SearchQuery { pay: Some("5000_8000".into()), ..q("维修") });
    mix.push(SearchQuery { major: Some("660301".into()), ..q("") });
    mix.push(SearchQuery { kind: Some("apprenticeship".into()), county: Some("370303".into()), ..q("") });
    mix.push(q(""));
    mix
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50/p95 of the product's search (`postings::search::search_uncached` with the search
/// index built: everything /postings and the API compute on a request — the number of
/// matches, six facets, the page of ids, its rows and their views) against the floor: the
/// same full-text query and filters sent straight to the database as the two statements
/// any paged result list needs — the number of matches and the first page of ids, newest
/// first. The index is built first (`index_ms`, as the server does in the background at
/// start); `hits_*` is the index's share of ours (the number of matches, the facets and
/// the page of ids, before the page's rows are read). One warm-up pass, then `runs` passes over the mix, ours and the floor
/// interleaved query by query so both see the same cache state.
pub async fn search_latency(db: &DatabaseConnection, runs: usize) -> anyhow::Result<String> {
    use std::time::Instant;
    let ctx = crate::auth::Ctx::system();
    let index = crate::areas::postings::search_index::SearchIndex::default();
    let t = Instant::now();
    index.rebuild(db).await?;
    let index_ms = ms(t.elapsed());
    anyhow::ensure!(index.is_ready(), "the search index was not built");
    let mix = query_mix();
    let postings: i64 = db
        .query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) AS n FROM postings"))
        .await?
        .map(|r| r.try_get("", "n"))
        .transpose()?
        .unwrap_or(0);
    let (mut ours, mut floor, mut hits) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..=runs {
        for f in &mix {
            let t = Instant::now();
            let total = posting_search::floor(db, f).await?;
            let floor_ms = ms(t.elapsed());
            let t = Instant::now();
            let r = posting_search::search_uncached(db, &index, &ctx, f).await?;
            let ours_ms = ms(t.elapsed());
            anyhow::ensure!(r.total == total, "totals differ for {f:?}: ours {} floor {total}", r.total);
            let t = Instant::now();
            posting_search::index_hits(db, &index, f, None).await?;
            let hits_ms = ms(t.elapsed());
            if run > 0 {
                ours.push(ours_ms);
                floor.push(floor_ms);
                hits.push(hits_ms);
            }
        }
    }
    for v in [&mut ours, &mut floor, &mut hits] {
        v.sort_by(|a, b| a.total_cmp(b));
    }
    let (p50, p95) = (percentile(&ours, 0.5), percentile(&ours, 0.95));
    let (f50, f95) = (percentile(&floor, 0.5), percentile(&floor, 0.95));
    Ok(format!(
        "search db={} postings={postings} queries={} p50_ms={p50:.1} p95_ms={p95:.1} floor_p50_ms={f50:.1} floor_p95_ms={f95:.1} ratio_p95={:.2} hits_p50_ms={:.1} hits_p95_ms={:.1} index_ms={index_ms:.0}",
        crate::db::backend_name(db),
        ours.len(),
        if f95 > 0.0 { p95 / f95 } else { 0.0 },
        percentile(&hits, 0.5),
        percentile(&hits, 0.95),
    ))
}
