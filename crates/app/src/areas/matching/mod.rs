//! Matching both ways with `zhijiao_domain::matching`: postings for a student ("为你推荐")
//! and candidates for an HR user's posting ("推荐人选"), each with a score the reader can
//! follow part by part ("专业对口：机电技术应用 → 电工（6-31-01-03）", skills, place, level).
//!
//! Speed: each request loads its rows in a fixed number of queries (postings, their wanted
//! majors; or profiles), prepares every side once (`PreparedPosting::new`, one
//! `PreparedStudent` per major, then filled per student), ranks with the allocation-free
//! `total_prepared`, and builds explanations and views only for the shortlist.
//!
//! Who sees what: a student gets open postings visible to them (not another school's aimed
//! postings), filtered to their preferred posting types when they chose any; HR gets only
//! students who opted in to be visible (and, for a posting aimed at a school, only that
//! school's), with 身份证号 and phone masked unless the student applied to the enterprise.

pub mod api;
pub mod pages;

use crate::areas::postings::applications::{CandidateView, applicants_of, candidates, certificates_of};
use crate::areas::postings::{PostingView, split_list, today, views};
use crate::auth::Ctx;
use crate::entity::{posting, posting_major, student_profile};
use crate::error::{AppError, AppResult};
use crate::roles::{Permission, Role};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use zhijiao_domain::catalog::MajorLevel;
use zhijiao_domain::matching::{
    EducationLevel, MatchScore, MatchWeights, PostingProfile, PreparedPosting, PreparedStudent, StudentProfile,
    normalise_skill, score_both_prepared, total_prepared,
};

/// Default and largest shortlist.
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 200;

/// One part of a score, as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScorePartView {
    /// major | skills | location | level
    pub key: String,
    pub points: f64,
    pub max: f64,
    pub explanation_zh: String,
}

fn parts_of(m: &MatchScore) -> Vec<ScorePartView> {
    m.parts
        .iter()
        .map(|p| ScorePartView { key: p.key.into(), points: round1(p.points), max: p.max, explanation_zh: p.explanation_zh.clone() })
        .collect()
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecommendedPosting {
    /// 0–100, one decimal.
    pub score: f64,
    pub parts: Vec<ScorePartView>,
    pub posting: PostingView,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Recommendations {
    /// False when the student has no profile yet (nothing to match on).
    pub has_profile: bool,
    /// How many open postings were ranked.
    pub considered: usize,
    pub items: Vec<RecommendedPosting>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecommendedCandidate {
    pub score: f64,
    pub parts: Vec<ScorePartView>,
    pub candidate: CandidateView,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Candidates {
    pub posting_id: i64,
    pub posting_title: String,
    /// How many visible profiles were ranked.
    pub considered: usize,
    pub items: Vec<RecommendedCandidate>,
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct LimitQuery {
    /// Shortlist length (default 20, at most 200).
    pub limit: Option<usize>,
}

impl LimitQuery {
    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
    }
}

/// The matching view of a stored profile: certificates count as skills; a preferred
/// street stands for its county.
pub fn student_of(p: &student_profile::Model) -> StudentProfile {
    let level = MajorLevel::parse(&p.major_level).unwrap_or(MajorLevel::Secondary);
    StudentProfile {
        major_level: level,
        major_code: p.major_code.clone(),
        skills: split_list(&p.skills),
        certificates: certificates_of(p).into_iter().map(|c| c.name).collect(),
        preferred_county_codes: zhijiao_domain::profile::preferred_counties(&split_list(&p.preferred_locations)),
        education_level: EducationLevel::of_major_level(level),
    }
}

/// The matching view of a stored posting and its wanted majors.
pub fn posting_of(p: &posting::Model, majors: &[posting_major::Model]) -> PostingProfile {
    PostingProfile {
        occupation_code: p.occupation_code.clone(),
        wanted_major_codes: majors.iter().map(|m| m.major_code.clone()).collect(),
        skills: split_list(&p.skills),
        county_code: p.county_code.clone(),
        min_education: p.education_level.as_deref().and_then(EducationLevel::parse),
    }
}

/// Top `limit` of `scores` (index, total), best first; ties by the given order.
fn shortlist(mut scores: Vec<(usize, f64)>, limit: usize) -> Vec<(usize, f64)> {
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scores.truncate(limit);
    scores
}

/// Open postings a student may see, ranked for them.
pub async fn for_student(db: &DatabaseConnection, ctx: &Ctx, limit: usize) -> AppResult<Recommendations> {
    let u = ctx.user()?;
    if !u.has_role(Role::Student) {
        return Err(AppError::Forbidden);
    }
    let Some(profile) = student_profile::Entity::find_by_id(u.id).one(db).await? else {
        return Ok(Recommendations { has_profile: false, considered: 0, items: Vec::new() });
    };
    let kinds = split_list(&profile.preferred_kinds);
    let mut open = Condition::all()
        .add(posting::Column::Status.eq("published"))
        .add(Condition::any().add(posting::Column::Deadline.is_null()).add(posting::Column::Deadline.gte(today())))
        .add(Condition::any().add(posting::Column::TargetSchoolId.is_null()).add(posting::Column::TargetSchoolId.eq(profile.org_id)));
    if !kinds.is_empty() {
        open = open.add(posting::Column::Kind.is_in(kinds));
    }
    // Two queries: the postings, and the wanted majors of exactly those postings.
    let rows = posting::Entity::find().filter(open.clone()).all(db).await?;
    let ids = posting::Entity::find().select_only().column(posting::Column::Id).filter(open).into_query();
    let mut majors: HashMap<i64, Vec<posting_major::Model>> = HashMap::new();
    for pm in posting_major::Entity::find().filter(posting_major::Column::PostingId.in_subquery(ids)).all(db).await? {
        majors.entry(pm.posting_id).or_default().push(pm);
    }
    let w = MatchWeights::default();
    let student = PreparedStudent::new(&student_of(&profile));
    let prepared: Vec<PreparedPosting> =
        rows.iter().map(|p| PreparedPosting::new(&posting_of(p, majors.get(&p.id).map(Vec::as_slice).unwrap_or(&[])))).collect();
    let scores = prepared.iter().enumerate().map(|(i, p)| (i, total_prepared(&student, p, &w))).collect();
    let top = shortlist(scores, limit);
    let explained: Vec<MatchScore> = top.iter().map(|(i, _)| score_both_prepared(&student, &prepared[*i], &w)).collect();
    let considered = rows.len();
    let mut rows: Vec<Option<posting::Model>> = rows.into_iter().map(Some).collect();
    let chosen: Vec<posting::Model> = top.iter().filter_map(|(i, _)| rows[*i].take()).collect();
    let shown = views(db, ctx, chosen).await?;
    let items = shown
        .into_iter()
        .zip(explained)
        .map(|(posting, m)| RecommendedPosting { score: round1(m.total), parts: parts_of(&m), posting })
        .collect();
    Ok(Recommendations { has_profile: true, considered, items })
}

/// Students for one of the HR user's own postings: opted-in profiles only (of the aimed
/// school, if the posting is aimed at one), ranked, personal data masked unless the student
/// applied to the enterprise.
pub async fn for_posting(db: &DatabaseConnection, ctx: &Ctx, posting_id: i64, limit: usize) -> AppResult<Candidates> {
    let u = ctx.require(Permission::PostingWriteOwn)?;
    if u.org_kind != "enterprise" {
        return Err(AppError::Forbidden);
    }
    let p = posting::Entity::find_by_id(posting_id).one(db).await?.ok_or(AppError::NotFound)?;
    if p.org_id != u.org_id {
        return Err(AppError::NotFound);
    }
    let majors = crate::areas::postings::majors_of(db, &[p.id]).await?.remove(&p.id).unwrap_or_default();
    let posting = PreparedPosting::new(&posting_of(&p, &majors));
    let mut visible = student_profile::Entity::find().filter(student_profile::Column::OptInVisible.eq(true));
    if let Some(school) = p.target_school_id {
        visible = visible.filter(student_profile::Column::OrgId.eq(school));
    }
    let profiles = visible.all(db).await?;
    let w = MatchWeights::default();
    // The catalogue lookups depend on the major only: once per major, then per student
    // the skills and places.
    let mut by_major: HashMap<(String, String), PreparedStudent> = HashMap::new();
    let students: Vec<PreparedStudent> = profiles
        .iter()
        .map(|sp| {
            let sp = student_of(sp);
            let base = by_major
                .entry((sp.major_level.key().to_string(), sp.major_code.clone()))
                .or_insert_with(|| PreparedStudent::new(&StudentProfile { skills: Vec::new(), certificates: Vec::new(), preferred_county_codes: Vec::new(), ..sp.clone() }));
            let mut s = base.clone();
            s.skills = sp.skills.iter().chain(&sp.certificates).map(|x| normalise_skill(x)).filter(|x| !x.is_empty()).collect();
            s.preferred_counties = sp.preferred_county_codes.iter().cloned().collect();
            s.preferred_cities = sp.preferred_county_codes.iter().filter_map(|c| c.get(..4)).map(String::from).collect();
            s
        })
        .collect();
    let scores = students.iter().enumerate().map(|(i, s)| (i, total_prepared(s, &posting, &w))).collect();
    let top = shortlist(scores, limit);
    let ids: Vec<i64> = top.iter().map(|(i, _)| profiles[*i].user_id).collect();
    let applied = applicants_of(db, u.org_id, &ids).await?;
    let mut people = candidates(db, &ids, &applied).await?;
    let items = top
        .iter()
        .filter_map(|(i, _)| {
            let m = score_both_prepared(&students[*i], &posting, &w);
            let candidate = people.remove(&profiles[*i].user_id)?;
            Some(RecommendedCandidate { score: round1(m.total), parts: parts_of(&m), candidate })
        })
        .collect();
    Ok(Candidates { posting_id: p.id, posting_title: p.title, considered: profiles.len(), items })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortlist_is_best_first_and_stable() {
        let s = shortlist(vec![(0, 50.0), (1, 90.0), (2, 50.0), (3, 70.0)], 3);
        assert_eq!(s, vec![(1, 90.0), (3, 70.0), (0, 50.0)]);
        assert!(shortlist(Vec::new(), 5).is_empty());
    }

    #[test]
    fn one_major_preparation_equals_the_full_one() {
        // The per-major cache must give the same scores as preparing each student fully.
        let sp = StudentProfile {
            major_level: MajorLevel::Secondary,
            major_code: "660301".into(),
            skills: vec!["PLC编程".into()],
            certificates: vec!["电工".into()],
            preferred_county_codes: vec!["370303".into()],
            education_level: EducationLevel::Secondary,
        };
        let full = PreparedStudent::new(&sp);
        let mut cached = PreparedStudent::new(&StudentProfile { skills: vec![], certificates: vec![], preferred_county_codes: vec![], ..sp.clone() });
        cached.skills = sp.skills.iter().chain(&sp.certificates).map(|x| normalise_skill(x)).collect();
        cached.preferred_counties = sp.preferred_county_codes.iter().cloned().collect();
        cached.preferred_cities = sp.preferred_county_codes.iter().filter_map(|c| c.get(..4)).map(String::from).collect();
        let p = PreparedPosting::new(&PostingProfile {
            occupation_code: Some("6-31-01-03".into()),
            wanted_major_codes: vec![],
            skills: vec!["PLC编程".into(), "电工".into(), "CAD".into()],
            county_code: Some("370322".into()),
            min_education: None,
        });
        let w = MatchWeights::default();
        assert_eq!(total_prepared(&full, &p, &w), total_prepared(&cached, &p, &w));
        assert_eq!(score_both_prepared(&full, &p, &w), score_both_prepared(&cached, &p, &w));
    }
}
