//! Batch recommendations: the k best open postings for every job-seeking student, scored
//! by `zhijiao_domain::matching` (the same score the matching pages explain) through the
//! exact pruned search of `zhijiao_domain::matching_top`. `zhijiao match top` runs it
//! from the command line and writes the lists as CSV; `bench/run.sh match` times it.

use crate::error::AppResult;
use crate::search::Sql;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::collections::HashMap;
use std::time::Instant;
use zhijiao_domain::catalog::MajorLevel;
use zhijiao_domain::matching::{normalise_skill, EducationLevel, MatchWeights, PostingProfile, PreparedPosting, PreparedStudent, StudentProfile};
use zhijiao_domain::matching_top::{Ranked, top_k_all};

/// Students (by user id) and postings (by posting id), prepared for scoring.
pub struct Batch {
    pub student_ids: Vec<i64>,
    pub students: Vec<PreparedStudent>,
    pub posting_ids: Vec<i64>,
    pub postings: Vec<PreparedPosting>,
}

fn split_skills(s: &str) -> Vec<String> {
    s.split([',', '，', '、']).map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect()
}

/// The newest `limit` published, open postings with their wanted majors.
pub async fn load_postings(db: &DatabaseConnection, limit: u64) -> AppResult<(Vec<i64>, Vec<PreparedPosting>)> {
    let mut sql = Sql::new(db.get_database_backend());
    let published = sql.param("published");
    let today = sql.param(crate::areas::postings::today());
    let lim = sql.param(limit as i64);
    let rows = db
        .query_all_raw(sql.statement(format!(
            "SELECT id, occupation_code, skills, county_code, education_level FROM postings \
             WHERE status = {published} AND (deadline IS NULL OR deadline >= {today}) ORDER BY id DESC LIMIT {lim}"
        )))
        .await?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut profiles = Vec::with_capacity(rows.len());
    for r in &rows {
        ids.push(r.try_get::<i64>("", "id")?);
        let education: Option<String> = r.try_get("", "education_level")?;
        profiles.push(PostingProfile {
            occupation_code: r.try_get("", "occupation_code")?,
            wanted_major_codes: Vec::new(),
            skills: split_skills(&r.try_get::<String>("", "skills")?),
            county_code: r.try_get("", "county_code")?,
            min_education: education.as_deref().and_then(EducationLevel::parse),
        });
    }
    // Wanted majors of these postings: one range scan from the oldest selected id.
    if let Some(&min_id) = ids.iter().min() {
        let pos: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut sql = Sql::new(db.get_database_backend());
        let from = sql.param(min_id);
        let rows = db
            .query_all_raw(sql.statement(format!(
                "SELECT posting_id, major_code FROM posting_majors WHERE posting_id >= {from} ORDER BY id"
            )))
            .await?;
        for r in rows {
            let pid: i64 = r.try_get("", "posting_id")?;
            if let Some(&i) = pos.get(&pid) {
                profiles[i].wanted_major_codes.push(r.try_get("", "major_code")?);
            }
        }
    }
    Ok((ids, profiles.iter().map(PreparedPosting::new).collect()))
}

/// The first `limit` students' job-seeking profiles (by user id). The major's lookups
/// (crosswalk, 专业类) are done once per major and shared.
pub async fn load_students(db: &DatabaseConnection, limit: u64) -> AppResult<(Vec<i64>, Vec<PreparedStudent>)> {
    let mut sql = Sql::new(db.get_database_backend());
    let lim = sql.param(limit as i64);
    let rows = db
        .query_all_raw(sql.statement(format!(
            "SELECT user_id, major_level, major_code, skills FROM student_profiles ORDER BY user_id LIMIT {lim}"
        )))
        .await?;
    let mut by_major: HashMap<(String, String), PreparedStudent> = HashMap::new();
    let mut ids = Vec::with_capacity(rows.len());
    let mut students = Vec::with_capacity(rows.len());
    for r in rows {
        ids.push(r.try_get::<i64>("", "user_id")?);
        let level_key: String = r.try_get("", "major_level")?;
        let code: String = r.try_get("", "major_code")?;
        let skills = split_skills(&r.try_get::<String>("", "skills")?);
        let level = MajorLevel::parse(&level_key).unwrap_or(MajorLevel::Secondary);
        let profile = StudentProfile {
            major_level: level,
            major_code: code.clone(),
            skills: skills.clone(),
            certificates: Vec::new(),
            preferred_county_codes: Vec::new(),
            education_level: EducationLevel::of_major_level(level),
        };
        let template = by_major.entry((level_key, code)).or_insert_with(|| PreparedStudent::new(&StudentProfile { skills: Vec::new(), ..profile.clone() }));
        let mut s = template.clone();
        // Only the skills differ between students of one major.
        s.skills = prepared_skills(&profile.skills);
        students.push(s);
    }
    Ok((ids, students))
}

/// The student's skills as `PreparedStudent::new` folds them.
fn prepared_skills(skills: &[String]) -> zhijiao_domain::matching::FxHashSet<String> {
    skills.iter().map(|x| normalise_skill(x)).filter(|x| !x.is_empty()).collect()
}

/// Timings of one run, for the benchmark line.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub load_ms: u128,
    pub match_ms: u128,
}

/// Load both sides and rank: the k best postings per student, in student order.
pub async fn top(db: &DatabaseConnection, students: u64, postings: u64, k: usize, threads: usize) -> AppResult<(Batch, Vec<Vec<Ranked>>, Timing)> {
    let t0 = Instant::now();
    let (student_ids, prepared_students) = load_students(db, students).await?;
    let (posting_ids, prepared_postings) = load_postings(db, postings).await?;
    let load_ms = t0.elapsed().as_millis();
    let t1 = Instant::now();
    let ranked = top_k_all(&prepared_students, &prepared_postings, &MatchWeights::default(), k, threads);
    let match_ms = t1.elapsed().as_millis();
    Ok((Batch { student_ids, students: prepared_students, posting_ids, postings: prepared_postings }, ranked, Timing { load_ms, match_ms }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_major_template_prepares_like_new() {
        let profile = StudentProfile {
            major_level: MajorLevel::Secondary,
            major_code: "660301".into(),
            skills: vec!["PLC编程".into(), "电工证".into()],
            certificates: vec![],
            preferred_county_codes: vec![],
            education_level: EducationLevel::Secondary,
        };
        let direct = PreparedStudent::new(&profile);
        let mut shared = PreparedStudent::new(&StudentProfile { skills: vec![], ..profile.clone() });
        shared.skills = prepared_skills(&profile.skills);
        assert_eq!(direct.skills, shared.skills);
        assert_eq!(direct.aligned_occupations, shared.aligned_occupations);
        assert_eq!(direct.class_name, shared.class_name);
    }
}
