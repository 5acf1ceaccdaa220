//! Data for the benchmarks in `bench/`: synthetic but valid rows (check digits,
//! catalogue codes) in our import layout, as .xlsx and as CSV for PostgreSQL COPY.

use crate::demo::{chinese_name, resident_id};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::io::Write;

/// Majors the generated students study (中职 codes of the 2021 catalogue).
const MAJORS: [&str; 8] = ["660301", "660201", "660303", "660302", "710201", "710103", "690201", "670204"];

/// One generated student: cells in `students::COLUMNS` order.
fn student_row(rng: &mut StdRng, i: usize) -> [String; 15] {
    let cohort = 2022 + (i % 4) as i32;
    let birth_year = cohort - 15 - rng.gen_range(0..2);
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
        format!("13{}{:08}", rng.gen_range(3..=9), rng.gen_range(0..99_999_999)),
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
