//! A readable match score between a student and a job posting.
//!
//! # Design ([SUGGESTION], research-notes A2.1–A2.3 and B7)
//! The score is a weighted sum of four parts, each with its own points, maximum and a
//! Chinese explanation, so that a teacher or student can see *why* a posting ranks high:
//! - `major`: 专业对口 — the posting wants the student's major, or the posting's occupation is
//!   one the major leads to in the official crosswalk (2022 专业简介 / 2025 专业教学标准, see
//!   [`crate::catalog`]); partial credit for the same 大典 小类 (same rule as
//!   [`crate::employment::is_major_aligned`]) or a wanted major in the same 专业类.
//! - `skills`: share of the posting's skills the student has (skills and certificates,
//!   compared case- and width-insensitively). This is the containment form of Jaccard
//!   (|S∩P| / |P|) rather than |S∩P| / |S∪P|, so that listing more skills never lowers a
//!   student's score. Lightcast and SkillsFuture match on skill overlap (research-notes
//!   A2.1, A2.3).
//! - `location`: the posting's county against the student's preferred counties.
//! - `level`: the student's education level against the posting's minimum.
//!
//! `total = 100 × Σ points / Σ max`, so it stays in 0..=100 whatever the weights.
//! Deterministic: no randomness, no hash-order dependence in results or explanations.
//!
//! # Speed
//! For large runs (100,000 students × 50,000 postings) prepare each side once
//! ([`PreparedStudent::new`], [`PreparedPosting::new`]) and call [`total_prepared`], which
//! allocates nothing; build explanations only for the shortlisted pairs with
//! [`score_prepared`].

use crate::catalog::{MajorLevel, catalogs};
use crate::employment::{AlignedSet, occupation_minor};
use crate::posting_dedup::fold_width_case;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// A small, fast, deterministic non-cryptographic hasher (the FxHash multiply–rotate
/// scheme of rustc) for the hot lookups of [`total_prepared`]; inputs are catalogue codes
/// and skill names, not attacker-chosen keys at a network boundary.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxHashSet<T> = HashSet<T, FxBuild>;
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;

/// Education level, ordered from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EducationLevel {
    /// 初中
    JuniorHigh,
    /// 中职 / 中专 / 技校 / 高中 (same tier for hiring purposes)
    Secondary,
    /// 专科 (高职)
    Associate,
    /// 本科 (incl. 职业本科)
    Bachelor,
    /// 研究生
    Postgraduate,
}

impl EducationLevel {
    pub fn name_zh(self) -> &'static str {
        match self {
            EducationLevel::JuniorHigh => "初中",
            EducationLevel::Secondary => "中职",
            EducationLevel::Associate => "专科",
            EducationLevel::Bachelor => "本科",
            EducationLevel::Postgraduate => "研究生",
        }
    }
    /// The level a major of the catalogue leads to.
    pub fn of_major_level(level: MajorLevel) -> Self {
        match level {
            MajorLevel::Secondary => EducationLevel::Secondary,
            MajorLevel::Associate => EducationLevel::Associate,
            MajorLevel::Bachelor => EducationLevel::Bachelor,
        }
    }
    /// Common labels in postings and registers.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().trim_end_matches("及以上").trim_end_matches("以上") {
            "初中" | "junior_high" => Some(Self::JuniorHigh),
            "中职" | "中专" | "技校" | "职高" | "高中" | "中技" | "secondary" => Some(Self::Secondary),
            "专科" | "大专" | "高职" | "高职专科" | "associate" => Some(Self::Associate),
            "本科" | "职业本科" | "bachelor" => Some(Self::Bachelor),
            "研究生" | "硕士" | "博士" | "postgraduate" => Some(Self::Postgraduate),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudentProfile {
    pub major_level: MajorLevel,
    pub major_code: String,
    pub skills: Vec<String>,
    pub certificates: Vec<String>,
    /// 6-digit county codes the student would work in; empty = anywhere.
    pub preferred_county_codes: Vec<String>,
    pub education_level: EducationLevel,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostingProfile {
    /// 大典 code of the job.
    pub occupation_code: Option<String>,
    /// Majors the posting asks for (6-digit codes of any level).
    pub wanted_major_codes: Vec<String>,
    pub skills: Vec<String>,
    /// 6-digit county code of the workplace.
    pub county_code: Option<String>,
    pub min_education: Option<EducationLevel>,
}

/// Weights and partial-credit factors. `Default`: major 40, skills 30, location 15,
/// level 15 ([SUGGESTION]: 专业对口 first, as in the 对口率 indicators of research-notes B7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchWeights {
    pub major: f64,
    pub skills: f64,
    pub location: f64,
    pub level: f64,
    /// Share of `major` for an occupation in the same 小类 as a crosswalk occupation.
    pub same_minor_factor: f64,
    /// Share of `major` for a wanted major in the same 专业类.
    pub same_class_factor: f64,
    /// Share of a part when the posting does not state that requirement.
    pub unspecified_factor: f64,
    /// Share of `location` for the same city but not a preferred county.
    pub same_city_factor: f64,
}

impl Default for MatchWeights {
    fn default() -> Self {
        MatchWeights {
            major: 40.0,
            skills: 30.0,
            location: 15.0,
            level: 15.0,
            same_minor_factor: 0.6,
            same_class_factor: 0.5,
            unspecified_factor: 0.5,
            same_city_factor: 0.5,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScorePart {
    /// `major`, `skills`, `location` or `level`.
    pub key: &'static str,
    pub points: f64,
    pub max: f64,
    pub explanation_zh: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchScore {
    /// 0..=100.
    pub total: f64,
    pub parts: Vec<ScorePart>,
}

/// Skill or certificate text folded for comparison: half-width, lower case, no whitespace.
pub fn normalise_skill(s: &str) -> String {
    fold_width_case(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A student with the lookups done once.
#[derive(Debug, Clone)]
pub struct PreparedStudent {
    pub major_level: MajorLevel,
    pub major_code: String,
    pub major_name: String,
    /// 专业类 name (e.g. 自动化类), comparable across levels.
    pub class_name: Option<String>,
    /// Crosswalk occupations of the major (code → name), see [`AlignedSet`]. Shared:
    /// students of one major are clones of one prepared student with their own skills
    /// (`recommend::load_students`), and a copy per student cost hundreds of MB at 100,000.
    pub aligned_occupations: Arc<FxHashMap<String, String>>,
    /// 小类 → first crosswalk occupation in it.
    pub aligned_minors: Arc<FxHashMap<String, String>>,
    /// Normalised skills and certificates.
    pub skills: FxHashSet<String>,
    pub preferred_counties: FxHashSet<String>,
    /// First 4 digits of the preferred counties.
    pub preferred_cities: FxHashSet<String>,
    pub education_level: EducationLevel,
}

impl PreparedStudent {
    pub fn new(s: &StudentProfile) -> Self {
        let code = s.major_code.trim();
        let major = catalogs().major(s.major_level, code);
        let aligned = AlignedSet::for_major(s.major_level, code);
        let preferred_counties: FxHashSet<String> =
            s.preferred_county_codes.iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
        PreparedStudent {
            major_level: s.major_level,
            major_code: code.to_string(),
            major_name: major.map(|m| m.name.clone()).unwrap_or_else(|| code.to_string()),
            class_name: major.map(|m| m.class_name.clone()).filter(|n| !n.is_empty()),
            aligned_occupations: Arc::new(aligned.occupations.into_iter().collect()),
            aligned_minors: Arc::new(aligned.minors.into_iter().collect()),
            skills: s.skills.iter().chain(&s.certificates).map(|x| normalise_skill(x)).filter(|x| !x.is_empty()).collect(),
            preferred_cities: preferred_counties.iter().filter_map(|c| c.get(..4)).map(String::from).collect(),
            preferred_counties,
            education_level: s.education_level,
        }
    }
}

/// A posting with its skills normalised and wanted majors looked up once.
#[derive(Debug, Clone)]
pub struct PreparedPosting {
    pub occupation_code: Option<String>,
    pub wanted_major_codes: Vec<String>,
    /// 专业类 names of the wanted majors, parallel to `wanted_major_codes` (`None` if unknown).
    pub wanted_class_names: Vec<Option<String>>,
    /// (normalised, as written), de-duplicated on the normalised form, in input order.
    pub skills: Vec<(String, String)>,
    pub county_code: Option<String>,
    pub min_education: Option<EducationLevel>,
}

impl PreparedPosting {
    pub fn new(p: &PostingProfile) -> Self {
        let wanted_major_codes: Vec<String> =
            p.wanted_major_codes.iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
        let wanted_class_names = wanted_major_codes
            .iter()
            .map(|c| catalogs().major_any_level(c).map(|m| m.class_name.clone()).filter(|n| !n.is_empty()))
            .collect();
        let mut seen = HashSet::new();
        let skills = p
            .skills
            .iter()
            .filter_map(|s| {
                let n = normalise_skill(s);
                (!n.is_empty() && seen.insert(n.clone())).then(|| (n, s.trim().to_string()))
            })
            .collect();
        PreparedPosting {
            occupation_code: p.occupation_code.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(String::from),
            wanted_major_codes,
            wanted_class_names,
            skills,
            county_code: p.county_code.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(String::from),
            min_education: p.min_education,
        }
    }
}

enum MajorFit<'a> {
    WantedExact,
    Crosswalk(&'a str),
    SameMinor { occupation: &'a str, via: &'a str },
    SameClass(usize),
    Unspecified,
    No,
}

enum PlaceFit {
    Unspecified,
    Anywhere,
    Preferred,
    SameCity,
    No,
}

fn major_fit<'a>(s: &'a PreparedStudent, p: &'a PreparedPosting) -> MajorFit<'a> {
    if p.wanted_major_codes.contains(&s.major_code) {
        return MajorFit::WantedExact;
    }
    if let Some(occ) = p.occupation_code.as_deref() {
        if s.aligned_occupations.contains_key(occ) {
            return MajorFit::Crosswalk(occ);
        }
        if let Some(via) = occupation_minor(occ).and_then(|m| s.aligned_minors.get(m)) {
            return MajorFit::SameMinor { occupation: occ, via };
        }
    }
    if let Some(class) = &s.class_name
        && let Some(i) = p.wanted_class_names.iter().position(|c| c.as_ref() == Some(class))
    {
        return MajorFit::SameClass(i);
    }
    if p.wanted_major_codes.is_empty() && p.occupation_code.is_none() {
        return MajorFit::Unspecified;
    }
    MajorFit::No
}

fn major_points(fit: &MajorFit, w: &MatchWeights) -> f64 {
    w.major
        * match fit {
            MajorFit::WantedExact | MajorFit::Crosswalk(_) => 1.0,
            MajorFit::SameMinor { .. } => w.same_minor_factor,
            MajorFit::SameClass(_) => w.same_class_factor,
            MajorFit::Unspecified => w.unspecified_factor,
            MajorFit::No => 0.0,
        }
}

fn skill_hits(s: &PreparedStudent, p: &PreparedPosting) -> usize {
    p.skills.iter().filter(|(n, _)| s.skills.contains(n)).count()
}

fn skill_points(hits: usize, p: &PreparedPosting, w: &MatchWeights) -> f64 {
    if p.skills.is_empty() { w.skills * w.unspecified_factor } else { w.skills * hits as f64 / p.skills.len() as f64 }
}

fn place_fit(s: &PreparedStudent, p: &PreparedPosting) -> PlaceFit {
    match p.county_code.as_deref() {
        None => PlaceFit::Unspecified,
        Some(_) if s.preferred_counties.is_empty() => PlaceFit::Anywhere,
        Some(c) if s.preferred_counties.contains(c) => PlaceFit::Preferred,
        Some(c) if c.get(..4).is_some_and(|city| s.preferred_cities.contains(city)) => PlaceFit::SameCity,
        Some(_) => PlaceFit::No,
    }
}

fn place_points(fit: &PlaceFit, w: &MatchWeights) -> f64 {
    w.location
        * match fit {
            PlaceFit::Anywhere | PlaceFit::Preferred => 1.0,
            PlaceFit::SameCity => w.same_city_factor,
            PlaceFit::Unspecified => w.unspecified_factor,
            PlaceFit::No => 0.0,
        }
}

fn level_ok(s: &PreparedStudent, p: &PreparedPosting) -> bool {
    p.min_education.is_none_or(|m| s.education_level >= m)
}

fn total_of(points: f64, w: &MatchWeights) -> f64 {
    let max = w.major + w.skills + w.location + w.level;
    if max > 0.0 { (100.0 * points / max).clamp(0.0, 100.0) } else { 0.0 }
}

/// Total score only, without explanations; allocates nothing. Equal to
/// `score_prepared_with(..).total` for the same inputs.
pub fn total_prepared(s: &PreparedStudent, p: &PreparedPosting, w: &MatchWeights) -> f64 {
    let points = major_points(&major_fit(s, p), w)
        + skill_points(skill_hits(s, p), p, w)
        + place_points(&place_fit(s, p), w)
        + if level_ok(s, p) { w.level } else { 0.0 };
    total_of(points, w)
}

fn occupation_label(code: &str) -> String {
    match catalogs().occupation(code) {
        Some(o) => format!("{}（{}）", o.name, o.code),
        None => code.to_string(),
    }
}

fn county_label(code: &str) -> String {
    match catalogs().division(code) {
        Some(d) => format!("{}（{}）", d.name, d.code),
        None => code.to_string(),
    }
}

fn city_name(county_code: &str) -> &'static str {
    if county_code.starts_with("3703") { "淄博市" } else { "同一城市" }
}

/// Score with explanations, for a prepared student and a posting as stored.
pub fn score_prepared_with(s: &PreparedStudent, posting: &PostingProfile, w: &MatchWeights) -> MatchScore {
    let p = PreparedPosting::new(posting);
    score_both_prepared(s, &p, w)
}

/// [`score_prepared_with`] with the default weights.
pub fn score_prepared(s: &PreparedStudent, posting: &PostingProfile) -> MatchScore {
    score_prepared_with(s, posting, &MatchWeights::default())
}

/// Scores one pair from the raw profiles (prepares both sides; use the prepared forms in
/// loops).
pub fn score(student: &StudentProfile, posting: &PostingProfile, w: &MatchWeights) -> MatchScore {
    score_prepared_with(&PreparedStudent::new(student), posting, w)
}

/// Score with explanations when both sides are prepared.
pub fn score_both_prepared(s: &PreparedStudent, p: &PreparedPosting, w: &MatchWeights) -> MatchScore {
    let mut parts = Vec::with_capacity(4);

    let fit = major_fit(s, p);
    let major_label = format!("{}（{}）", s.major_name, s.major_code);
    let explanation_zh = match &fit {
        MajorFit::WantedExact => format!("专业对口：岗位要求的专业包含{major_label}"),
        MajorFit::Crosswalk(occ) => format!("专业对口：{} → {}", s.major_name, occupation_label(occ)),
        MajorFit::SameMinor { occupation, via } => {
            let minor = occupation_minor(occupation).unwrap_or(occupation);
            let minor_label = match catalogs().occupation(minor) {
                Some(o) => format!("“{}”（{}）", o.name, o.code),
                None => minor.to_string(),
            };
            format!(
                "专业相近：{} → {}，与对口职业{}同属小类{}",
                s.major_name,
                occupation_label(occupation),
                occupation_label(via),
                minor_label
            )
        }
        MajorFit::SameClass(i) => {
            let code = &p.wanted_major_codes[*i];
            let name = catalogs().major_any_level(code).map(|m| m.name.as_str()).unwrap_or(code);
            format!(
                "专业相近：岗位要求的{}（{}）与{}同属{}",
                name,
                code,
                s.major_name,
                s.class_name.as_deref().unwrap_or("同一专业类")
            )
        }
        MajorFit::Unspecified => "岗位未限定专业或职业".to_string(),
        MajorFit::No => match p.occupation_code.as_deref() {
            Some(occ) => format!("专业不对口：{}与{}不对应", s.major_name, occupation_label(occ)),
            None => format!("专业不对口：岗位要求的专业不含{major_label}"),
        },
    };
    parts.push(ScorePart { key: "major", points: major_points(&fit, w), max: w.major, explanation_zh });

    let hits = skill_hits(s, p);
    let explanation_zh = if p.skills.is_empty() {
        "岗位未列技能要求".to_string()
    } else if hits == 0 {
        format!("技能匹配 0/{}", p.skills.len())
    } else {
        let names: Vec<&str> =
            p.skills.iter().filter(|(n, _)| s.skills.contains(n)).map(|(_, raw)| raw.as_str()).collect();
        format!("技能匹配 {}/{}：{}", hits, p.skills.len(), names.join("、"))
    };
    parts.push(ScorePart { key: "skills", points: skill_points(hits, p, w), max: w.skills, explanation_zh });

    let fit = place_fit(s, p);
    let explanation_zh = match (&fit, p.county_code.as_deref()) {
        (PlaceFit::Unspecified, _) | (_, None) => "岗位未注明工作地点".to_string(),
        (PlaceFit::Anywhere, Some(c)) => format!("学生未限定意向地区；工作地点{}", county_label(c)),
        (PlaceFit::Preferred, Some(c)) => format!("地点符合意向：{}", county_label(c)),
        (PlaceFit::SameCity, Some(c)) => format!("同在{}，非意向区县：{}", city_name(c), county_label(c)),
        (PlaceFit::No, Some(c)) => format!("不在意向地区：{}", county_label(c)),
    };
    parts.push(ScorePart { key: "location", points: place_points(&fit, w), max: w.location, explanation_zh });

    let ok = level_ok(s, p);
    let explanation_zh = match p.min_education {
        None => "岗位未限学历".to_string(),
        Some(m) if ok => format!("学历符合：要求{}及以上，学生为{}", m.name_zh(), s.education_level.name_zh()),
        Some(m) => format!("学历不足：要求{}及以上，学生为{}", m.name_zh(), s.education_level.name_zh()),
    };
    parts.push(ScorePart { key: "level", points: if ok { w.level } else { 0.0 }, max: w.level, explanation_zh });

    let total = total_of(parts.iter().map(|p| p.points).sum(), w);
    MatchScore { total, parts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn student() -> StudentProfile {
        StudentProfile {
            major_level: MajorLevel::Secondary,
            major_code: "660301".into(),
            skills: vec!["PLC".into(), "电气识图".into(), " 钳工 ".into()],
            certificates: vec!["低压电工作业证".into()],
            preferred_county_codes: vec!["370303".into()],
            education_level: EducationLevel::Secondary,
        }
    }

    fn posting() -> PostingProfile {
        PostingProfile {
            occupation_code: Some("6-31-01-03".into()),
            wanted_major_codes: vec![],
            skills: vec!["ＰＬＣ".into(), "电气识图".into(), "CAD".into(), "低压电工作业证".into()],
            county_code: Some("370303".into()),
            min_education: Some(EducationLevel::Secondary),
        }
    }

    fn part<'a>(m: &'a MatchScore, key: &str) -> &'a ScorePart {
        m.parts.iter().find(|p| p.key == key).unwrap()
    }

    #[test]
    fn electrician_example_explains_the_crosswalk() {
        let m = score(&student(), &posting(), &MatchWeights::default());
        let major = part(&m, "major");
        assert_eq!(major.explanation_zh, "专业对口：机电技术应用 → 电工（6-31-01-03）");
        assert_eq!((major.points, major.max), (40.0, 40.0));
        let skills = part(&m, "skills");
        assert_eq!(skills.explanation_zh, "技能匹配 3/4：ＰＬＣ、电气识图、低压电工作业证");
        assert!((skills.points - 22.5).abs() < 1e-9);
        assert_eq!(part(&m, "location").explanation_zh, "地点符合意向：张店区（370303）");
        assert_eq!(part(&m, "level").explanation_zh, "学历符合：要求中职及以上，学生为中职");
        assert!((m.total - 92.5).abs() < 1e-9);
        assert_eq!(m.parts.iter().map(|p| p.key).collect::<Vec<_>>(), vec!["major", "skills", "location", "level"]);
    }

    #[test]
    fn major_part_table() {
        // (occupation, wanted majors, expected points of 40, explanation contains)
        let table: [(Option<&str>, &[&str], f64, &str); 9] = [
            (Some("6-31-01-03"), &[], 40.0, "专业对口：机电技术应用 → 电工（6-31-01-03）"),
            (Some("6-31-01-02"), &[], 40.0, "机修钳工"),
            (None, &["660301"], 40.0, "岗位要求的专业包含机电技术应用（660301）"),
            (Some("4-03-01-01"), &["660301"], 40.0, "岗位要求的专业包含"),
            (Some("6-31-01-01"), &[], 24.0, "同属小类“机械设备修理人员”（6-31-01）"),
            (None, &[], 20.0, "岗位未限定专业或职业"),
            (Some("4-03-01-01"), &[], 0.0, "专业不对口"),
            (None, &["730701"], 0.0, "岗位要求的专业不含机电技术应用（660301）"),
            (Some("6-31"), &[], 0.0, "专业不对口"),
        ];
        for (occ, wanted, pts, text) in table {
            let p = PostingProfile {
                occupation_code: occ.map(String::from),
                wanted_major_codes: wanted.iter().map(|s| s.to_string()).collect(),
                ..posting()
            };
            let m = score(&student(), &p, &MatchWeights::default());
            let major = part(&m, "major");
            assert!((major.points - pts).abs() < 1e-9, "{occ:?} {wanted:?}: {}", major.points);
            assert!(major.explanation_zh.contains(text), "{occ:?} {wanted:?}: {}", major.explanation_zh);
        }
    }

    #[test]
    fn same_class_wanted_major_gets_partial_credit() {
        // Another major of the same 专业类 as 660301 (自动化类), at any level.
        let c = catalogs();
        let me = c.major(MajorLevel::Secondary, "660301").unwrap();
        let sibling = c
            .majors
            .iter()
            .find(|m| {
                m.node == crate::catalog::MajorNode::Major
                    && m.class_name == me.class_name
                    && m.code != me.code
                    && m.level == MajorLevel::Associate
            })
            .expect("a 专科 major in the same 专业类");
        let p = PostingProfile { occupation_code: None, wanted_major_codes: vec![sibling.code.clone()], ..posting() };
        let m = score(&student(), &p, &MatchWeights::default());
        let major = part(&m, "major");
        assert!((major.points - 20.0).abs() < 1e-9);
        assert!(major.explanation_zh.contains(&format!("同属{}", me.class_name)), "{}", major.explanation_zh);
    }

    #[test]
    fn skills_table() {
        // (posting skills, expected points of 30, explanation)
        let table: [(&[&str], f64, &str); 7] = [
            (&[], 15.0, "岗位未列技能要求"),
            (&["plc"], 30.0, "技能匹配 1/1：plc"),
            (&["Ｐ Ｌ Ｃ", "焊接"], 15.0, "技能匹配 1/2：Ｐ Ｌ Ｃ"),
            (&["焊接", "CAD"], 0.0, "技能匹配 0/2"),
            (&["钳工", "钳工", "焊接"], 15.0, "技能匹配 1/2：钳工"), // duplicates collapse
            (&["低压电工作业证"], 30.0, "技能匹配 1/1：低压电工作业证"), // certificates count
            (&["  "], 15.0, "岗位未列技能要求"),
        ];
        for (skills, pts, text) in table {
            let p = PostingProfile { skills: skills.iter().map(|s| s.to_string()).collect(), ..posting() };
            let m = score(&student(), &p, &MatchWeights::default());
            let sp = part(&m, "skills");
            assert!((sp.points - pts).abs() < 1e-9, "{skills:?}: {}", sp.points);
            assert_eq!(sp.explanation_zh, text, "{skills:?}");
        }
    }

    #[test]
    fn location_table() {
        // (preferred, posting county, points of 15, explanation)
        let table: [(&[&str], Option<&str>, f64, &str); 6] = [
            (&["370303"], Some("370303"), 15.0, "地点符合意向：张店区（370303）"),
            (&["370303"], Some("370322"), 7.5, "同在淄博市，非意向区县：高青县（370322）"),
            (&["370303"], Some("370102"), 0.0, "不在意向地区：370102"),
            (&[], Some("370302"), 15.0, "学生未限定意向地区；工作地点淄川区（370302）"),
            (&["370303"], None, 7.5, "岗位未注明工作地点"),
            (&["370303", "370302"], Some("370302"), 15.0, "地点符合意向：淄川区（370302）"),
        ];
        for (pref, county, pts, text) in table {
            let s = StudentProfile { preferred_county_codes: pref.iter().map(|s| s.to_string()).collect(), ..student() };
            let p = PostingProfile { county_code: county.map(String::from), ..posting() };
            let m = score(&s, &p, &MatchWeights::default());
            let lp = part(&m, "location");
            assert!((lp.points - pts).abs() < 1e-9, "{pref:?} {county:?}");
            assert_eq!(lp.explanation_zh, text);
        }
    }

    #[test]
    fn level_table() {
        use EducationLevel::*;
        // (student, posting minimum, points of 15, explanation)
        let table = [
            (Secondary, None, 15.0, "岗位未限学历"),
            (Secondary, Some(Secondary), 15.0, "学历符合：要求中职及以上，学生为中职"),
            (Secondary, Some(Associate), 0.0, "学历不足：要求专科及以上，学生为中职"),
            (Associate, Some(Secondary), 15.0, "学历符合：要求中职及以上，学生为专科"),
            (Bachelor, Some(Associate), 15.0, "学历符合：要求专科及以上，学生为本科"),
            (Secondary, Some(JuniorHigh), 15.0, "学历符合：要求初中及以上，学生为中职"),
            (Associate, Some(Postgraduate), 0.0, "学历不足：要求研究生及以上，学生为专科"),
        ];
        for (lvl, min, pts, text) in table {
            let s = StudentProfile { education_level: lvl, ..student() };
            let p = PostingProfile { min_education: min, ..posting() };
            let m = score(&s, &p, &MatchWeights::default());
            let lp = part(&m, "level");
            assert_eq!((lp.points, lp.explanation_zh.as_str()), (pts, text), "{lvl:?} {min:?}");
        }
    }

    #[test]
    fn education_level_parse() {
        use EducationLevel::*;
        let table = [
            ("中专", Some(Secondary)),
            ("大专及以上", Some(Associate)),
            ("本科以上", Some(Bachelor)),
            ("初中", Some(JuniorHigh)),
            ("硕士", Some(Postgraduate)),
            ("不限", None),
        ];
        for (s, want) in table {
            assert_eq!(EducationLevel::parse(s), want, "{s}");
        }
        assert!(JuniorHigh < Secondary && Secondary < Associate && Associate < Bachelor);
        assert_eq!(EducationLevel::of_major_level(MajorLevel::Associate), Associate);
    }

    #[test]
    fn weights_and_total_bounds() {
        let w = MatchWeights { major: 100.0, skills: 0.0, location: 0.0, level: 0.0, ..Default::default() };
        let m = score(&student(), &posting(), &w);
        assert_eq!(m.total, 100.0);
        let zero = MatchWeights { major: 0.0, skills: 0.0, location: 0.0, level: 0.0, ..Default::default() };
        assert_eq!(score(&student(), &posting(), &zero).total, 0.0);
        let worst = PostingProfile {
            occupation_code: Some("4-03-01-01".into()),
            wanted_major_codes: vec![],
            skills: vec!["焊接".into()],
            county_code: Some("110101".into()),
            min_education: Some(EducationLevel::Bachelor),
        };
        assert_eq!(score(&student(), &worst, &MatchWeights::default()).total, 0.0);
        // doubling all weights changes points but not the total
        let d = MatchWeights { major: 80.0, skills: 60.0, location: 30.0, level: 30.0, ..Default::default() };
        let a = score(&student(), &posting(), &MatchWeights::default()).total;
        let b = score(&student(), &posting(), &d).total;
        assert!((a - b).abs() < 1e-9);
    }

    #[test]
    fn fast_total_equals_explained_total_and_is_deterministic() {
        let s = PreparedStudent::new(&student());
        let w = MatchWeights::default();
        let postings = [
            posting(),
            PostingProfile { occupation_code: Some("6-31-01-01".into()), ..posting() },
            PostingProfile { occupation_code: None, wanted_major_codes: vec![], skills: vec![], county_code: None, min_education: None },
            PostingProfile { county_code: Some("370322".into()), min_education: Some(EducationLevel::Associate), ..posting() },
        ];
        for p in &postings {
            let pp = PreparedPosting::new(p);
            let slow = score_prepared_with(&s, p, &w);
            assert!((total_prepared(&s, &pp, &w) - slow.total).abs() < 1e-12);
            assert_eq!(slow, score_prepared_with(&s, p, &w));
            assert_eq!(score_both_prepared(&s, &pp, &w), slow);
            assert!((0.0..=100.0).contains(&slow.total));
        }
        assert_eq!(score_prepared(&s, &posting()).total, score(&student(), &posting(), &w).total);
    }

    #[test]
    fn unknown_major_still_scores() {
        let s = StudentProfile { major_code: "999999".into(), ..student() };
        let m = score(&s, &posting(), &MatchWeights::default());
        let major = part(&m, "major");
        assert_eq!(major.points, 0.0);
        assert!(major.explanation_zh.contains("999999"), "{}", major.explanation_zh);
    }
}
