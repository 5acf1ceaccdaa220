//! The official catalogues, embedded in the binary and parsed once.
//!
//! Sources (provenance in `data/reference/PROVENANCE.md`):
//! - 职业教育专业目录（2021年）, 教职成〔2021〕2号, plus majors added 2022–2025;
//! - GB/T 4754-2017 国民经济行业分类 (with its 2019 amendment);
//! - 中华人民共和国职业分类大典（2022年版）, plus the new occupations of 2024 and 2025;
//! - 统计用区划代码 2023 (NBS), Zibo 370300: counties and streets;
//! - the major → occupation crosswalk from the 2022 专业简介 and the 2025 专业教学标准.
//!
//! Everything here is in memory: a few thousand rows that every page and import looks up,
//! so a database round trip would only add latency (ARCHITECTURE.md: catalogues are cached).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

const MAJORS_2021: &str = include_str!("../../../data/reference/vocational_majors/vocational_majors_2021.csv");
const MAJORS_ADDED: &str =
    include_str!("../../../data/reference/vocational_majors/vocational_majors_additions_2022_2025.csv");
const INDUSTRIES: &str = include_str!("../../../data/reference/industry_gbt4754_2017/industry_gbt4754_2017.csv");
const OCCUPATIONS: &str = include_str!("../../../data/reference/occupations_cn_2022/occupations_cn_2022.csv");
const ZIBO_COUNTIES: &str = include_str!("../../../data/reference/admin_divisions/zibo_370300_counties.csv");
const ZIBO_STREETS: &str = include_str!("../../../data/reference/admin_divisions/zibo_370300_streets.csv");
const CROSSWALK: &str = include_str!("../../../data/reference/crosswalk/major_industry_occupation.csv");

/// Education level of a major in the 2021 catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum MajorLevel {
    /// 中等职业教育
    Secondary,
    /// 高等职业教育专科
    Associate,
    /// 高等职业教育本科 (职业本科)
    Bachelor,
}

impl MajorLevel {
    pub const ALL: [MajorLevel; 3] = [MajorLevel::Secondary, MajorLevel::Associate, MajorLevel::Bachelor];
    pub fn key(self) -> &'static str {
        match self {
            MajorLevel::Secondary => "secondary",
            MajorLevel::Associate => "associate",
            MajorLevel::Bachelor => "bachelor",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            MajorLevel::Secondary => "中等职业教育",
            MajorLevel::Associate => "高等职业教育专科",
            MajorLevel::Bachelor => "高等职业教育本科",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "secondary" | "中职" | "中等职业教育" => Some(MajorLevel::Secondary),
            "associate" | "高职" | "高职专科" | "高等职业教育专科" => Some(MajorLevel::Associate),
            "bachelor" | "职业本科" | "高职本科" | "高等职业教育本科" => Some(MajorLevel::Bachelor),
            _ => None,
        }
    }
}

/// The three tiers of the major catalogue: 专业大类 → 专业类 → 专业.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MajorNode {
    Category,
    Class,
    Major,
}

#[derive(Debug, Clone, Serialize)]
pub struct Major {
    pub level: MajorLevel,
    pub node: MajorNode,
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub category_code: String,
    pub category_name: String,
    /// Empty for a 大类 row.
    pub class_code: String,
    pub class_name: String,
    /// "2021" for the catalogue itself, "2022-2025" for later additions.
    pub since: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndustryLevel {
    /// 门类 (A–T)
    Section,
    /// 大类 (2 digits)
    Division,
    /// 中类 (3 digits)
    Group,
    /// 小类 (4 digits)
    Class,
}

impl IndustryLevel {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "section" | "门类" => Some(Self::Section),
            "division" | "大类" => Some(Self::Division),
            "group" | "中类" => Some(Self::Group),
            "class" | "小类" => Some(Self::Class),
            _ => None,
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Section => "门类",
            Self::Division => "大类",
            Self::Group => "中类",
            Self::Class => "小类",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Industry {
    pub code: String,
    pub level: IndustryLevel,
    pub name: String,
    pub parent_code: Option<String>,
    pub section_code: String,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OccupationLevel {
    /// 大类
    Major,
    /// 中类
    Middle,
    /// 小类
    Minor,
    /// 细类 (职业)
    Detail,
}

impl OccupationLevel {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "major" | "大类" => Some(Self::Major),
            "middle" | "中类" => Some(Self::Middle),
            "minor" | "小类" => Some(Self::Minor),
            "detail" | "细类" | "职业" => Some(Self::Detail),
            _ => None,
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Major => "大类",
            Self::Middle => "中类",
            Self::Minor => "小类",
            Self::Detail => "细类",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Occupation {
    pub code: String,
    pub level: OccupationLevel,
    pub name: String,
    pub parent_code: Option<String>,
    pub definition: String,
    /// 2022 for the 大典 itself; 2024 or 2025 for new occupations published later.
    pub release: u16,
    /// 绿色职业 (L) / 数字职业 (S) marks of the 2022 edition.
    pub marker: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DivisionLevel {
    County,
    Street,
}

#[derive(Debug, Clone, Serialize)]
pub struct Division {
    pub code: String,
    pub level: DivisionLevel,
    pub name: String,
    pub parent_code: Option<String>,
}

/// One source's statement that graduates of a major go into these occupations.
#[derive(Debug, Clone, Serialize)]
pub struct CrosswalkEntry {
    pub level: MajorLevel,
    pub major_code: String,
    pub major_name: String,
    pub occupation_codes: Vec<String>,
    pub occupation_names: Vec<String>,
    pub posts: String,
    pub certificates: String,
    pub source: String,
}

pub struct Catalogs {
    pub majors: Vec<Major>,
    pub industries: Vec<Industry>,
    pub occupations: Vec<Occupation>,
    pub divisions: Vec<Division>,
    pub crosswalk: Vec<CrosswalkEntry>,
    major_index: HashMap<(MajorLevel, String), usize>,
    industry_index: HashMap<String, usize>,
    occupation_index: HashMap<String, usize>,
    division_index: HashMap<String, usize>,
}

/// The catalogues, parsed on first use. Parsing the embedded files cannot fail at run
/// time: `tests::counts_match_the_official_catalogues` proves every row parses.
pub fn catalogs() -> &'static Catalogs {
    static CATALOGS: OnceLock<Catalogs> = OnceLock::new();
    CATALOGS.get_or_init(|| Catalogs::parse().expect("embedded catalogues parse"))
}

fn records(text: &str) -> impl Iterator<Item = csv::StringRecord> + '_ {
    csv::Reader::from_reader(text.as_bytes()).into_records().map(|r| r.expect("embedded CSV is well-formed"))
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect()
}

impl Catalogs {
    fn parse() -> Result<Self, String> {
        let mut majors = Vec::new();
        // education_level,education_level_name,node_type,code,name,parent_code,category_code,category_name,class_code,class_name,is_national_control
        for r in records(MAJORS_2021) {
            let level = MajorLevel::parse(&r[0]).ok_or_else(|| format!("major level {}", &r[0]))?;
            let node = match &r[2] {
                "category" => MajorNode::Category,
                "class" => MajorNode::Class,
                "major" => MajorNode::Major,
                other => return Err(format!("major node {other}")),
            };
            majors.push(Major {
                level,
                node,
                code: r[3].to_string(),
                name: r[4].to_string(),
                parent_code: opt(&r[5]),
                category_code: r[6].to_string(),
                category_name: r[7].to_string(),
                class_code: r[8].to_string(),
                class_name: r[9].to_string(),
                since: "2021",
            });
        }
        // education_level,education_level_name,code,name,category_code,category_name,class_code,class_name,...
        for r in records(MAJORS_ADDED) {
            let level = MajorLevel::parse(&r[0]).ok_or_else(|| format!("major level {}", &r[0]))?;
            majors.push(Major {
                level,
                node: MajorNode::Major,
                code: r[2].to_string(),
                name: r[3].to_string(),
                parent_code: Some(r[6].to_string()),
                category_code: r[4].to_string(),
                category_name: r[5].to_string(),
                class_code: r[6].to_string(),
                class_name: r[7].to_string(),
                since: "2022-2025",
            });
        }
        // code,level,level_name,name,parent_code,section_code,description
        let mut industries = Vec::new();
        for r in records(INDUSTRIES) {
            industries.push(Industry {
                code: r[0].to_string(),
                level: IndustryLevel::parse(&r[2]).ok_or_else(|| format!("industry level {}", &r[2]))?,
                name: r[3].to_string(),
                parent_code: opt(&r[4]),
                section_code: r[5].to_string(),
                description: r[6].to_string(),
            });
        }
        // code,level,level_name,level_name_zh,name,parent_code,gbm,green_digital_marker,definition,...,release,...
        let mut occupations = Vec::new();
        for r in records(OCCUPATIONS) {
            let level = match &r[2] {
                "major_group" => OccupationLevel::Major,
                "middle_group" => OccupationLevel::Middle,
                "minor_group" => OccupationLevel::Minor,
                "occupation" => OccupationLevel::Detail,
                other => return Err(format!("occupation level {other}")),
            };
            occupations.push(Occupation {
                code: r[0].to_string(),
                level,
                name: r[4].to_string(),
                parent_code: opt(&r[5]),
                definition: r[8].to_string(),
                release: r[11].parse().map_err(|_| format!("release {}", &r[11]))?,
                marker: r[7].to_string(),
            });
        }
        let mut divisions = Vec::new();
        for r in records(ZIBO_COUNTIES) {
            divisions.push(Division {
                code: r[0].to_string(),
                level: DivisionLevel::County,
                name: r[1].to_string(),
                parent_code: None,
            });
        }
        for r in records(ZIBO_STREETS) {
            divisions.push(Division {
                code: r[0].to_string(),
                level: DivisionLevel::Street,
                name: r[1].to_string(),
                parent_code: Some(r[2].to_string()),
            });
        }
        // education_level,major_code,major_name,industry_codes,industry_names,occupation_codes,occupation_names,posts,certificates,source
        let mut crosswalk = Vec::new();
        for r in records(CROSSWALK) {
            crosswalk.push(CrosswalkEntry {
                level: MajorLevel::parse(&r[0]).ok_or_else(|| format!("crosswalk level {}", &r[0]))?,
                major_code: r[1].to_string(),
                major_name: r[2].to_string(),
                occupation_codes: split_list(&r[5]),
                occupation_names: split_list(&r[6]),
                posts: r[7].to_string(),
                certificates: r[8].to_string(),
                source: r[9].to_string(),
            });
        }
        let major_index = majors.iter().enumerate().map(|(i, m)| ((m.level, m.code.clone()), i)).collect();
        let industry_index = industries.iter().enumerate().map(|(i, m)| (m.code.clone(), i)).collect();
        let occupation_index = occupations.iter().enumerate().map(|(i, m)| (m.code.clone(), i)).collect();
        let division_index = divisions.iter().enumerate().map(|(i, m)| (m.code.clone(), i)).collect();
        Ok(Catalogs {
            majors,
            industries,
            occupations,
            divisions,
            crosswalk,
            major_index,
            industry_index,
            occupation_index,
            division_index,
        })
    }

    pub fn major(&self, level: MajorLevel, code: &str) -> Option<&Major> {
        self.major_index.get(&(level, code.to_string())).map(|&i| &self.majors[i])
    }
    /// A major (leaf) by code at any level; 6-digit 中职 and 高职 codes do not collide in the
    /// 2021 catalogue (中职 61–79, 专科 41–59, 本科 21–39 大类 prefixes).
    pub fn major_any_level(&self, code: &str) -> Option<&Major> {
        MajorLevel::ALL.iter().find_map(|l| self.major(*l, code))
    }
    /// A major found by its exact official name at a level (schools' registers carry names).
    pub fn major_by_name(&self, level: MajorLevel, name: &str) -> Option<&Major> {
        let name = name.trim();
        self.majors.iter().find(|m| m.level == level && m.node == MajorNode::Major && m.name == name)
    }
    pub fn industry(&self, code: &str) -> Option<&Industry> {
        self.industry_index.get(code).map(|&i| &self.industries[i])
    }
    pub fn occupation(&self, code: &str) -> Option<&Occupation> {
        self.occupation_index.get(code).map(|&i| &self.occupations[i])
    }
    pub fn division(&self, code: &str) -> Option<&Division> {
        self.division_index.get(code).map(|&i| &self.divisions[i])
    }
    /// Occupations that graduates of a major go into, merged over all sources, in order of
    /// first mention; names without a code in a source are looked up by exact name.
    pub fn occupations_for_major(&self, level: MajorLevel, major_code: &str) -> Vec<&Occupation> {
        let mut out: Vec<&Occupation> = Vec::new();
        for e in self.crosswalk.iter().filter(|e| e.level == level && e.major_code == major_code) {
            let by_code = e.occupation_codes.iter().filter_map(|c| self.occupation(c));
            let by_name = e.occupation_names.iter().filter_map(|n| {
                self.occupations.iter().find(|o| o.level == OccupationLevel::Detail && &o.name == n)
            });
            for o in by_code.chain(by_name) {
                if !out.iter().any(|x| x.code == o.code) {
                    out.push(o);
                }
            }
        }
        out
    }
}

/// A query matches an entry when it is a prefix of the code or a substring of the name
/// (Chinese names need no segmentation for a substring match over a few thousand rows).
pub fn matches_query(code: &str, name: &str, query: &str) -> bool {
    let q = query.trim();
    q.is_empty() || code.starts_with(q) || name.contains(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_majors(level: MajorLevel, node: MajorNode, since: &str) -> usize {
        catalogs().majors.iter().filter(|m| m.level == level && m.node == node && m.since == since).count()
    }

    /// The counts printed in 教职成〔2021〕2号 and its annexes, GB/T 4754-2017 and the 大典 2022.
    #[test]
    fn counts_match_the_official_catalogues() {
        use MajorLevel::*;
        use MajorNode::*;
        let table = [
            (Secondary, Category, "2021", 19),
            (Associate, Category, "2021", 19),
            (Bachelor, Category, "2021", 19),
            (Secondary, Major, "2021", 358),
            (Associate, Major, "2021", 744),
            (Bachelor, Major, "2021", 247),
            (Associate, Major, "2022-2025", 54),
            (Bachelor, Major, "2022-2025", 48),
            (Secondary, Major, "2022-2025", 0),
        ];
        for (level, node, since, n) in table {
            assert_eq!(count_majors(level, node, since), n, "{level:?} {node:?} {since}");
        }
        let c = catalogs();
        let industries = |l| c.industries.iter().filter(|i| i.level == l).count();
        assert_eq!(industries(IndustryLevel::Section), 20);
        assert_eq!(industries(IndustryLevel::Division), 97);
        assert_eq!(industries(IndustryLevel::Group), 473);
        assert_eq!(industries(IndustryLevel::Class), 1381);
        let occ = |l, r| c.occupations.iter().filter(|o| o.level == l && o.release == r).count();
        assert_eq!(occ(OccupationLevel::Major, 2022), 8);
        assert_eq!(occ(OccupationLevel::Middle, 2022), 79);
        assert_eq!(occ(OccupationLevel::Minor, 2022), 450);
        assert_eq!(occ(OccupationLevel::Detail, 2022), 1639);
        assert_eq!(occ(OccupationLevel::Detail, 2024) + occ(OccupationLevel::Detail, 2025), 35);
        assert_eq!(c.divisions.iter().filter(|d| d.level == DivisionLevel::County).count(), 8);
        assert_eq!(c.divisions.iter().filter(|d| d.level == DivisionLevel::Street).count(), 88);
        assert_eq!(c.crosswalk.len(), 2058);
    }

    #[test]
    fn lookups() {
        let c = catalogs();
        let m = c.major(MajorLevel::Secondary, "660301").expect("机电技术应用");
        assert_eq!(m.name, "机电技术应用");
        assert_eq!(c.major_any_level("660301").unwrap().level, MajorLevel::Secondary);
        assert_eq!(c.major_by_name(MajorLevel::Secondary, "机电技术应用").unwrap().code, "660301");
        assert_eq!(c.industry("C").unwrap().name, "制造业");
        assert_eq!(c.industry("2710").unwrap().level, IndustryLevel::Class);
        assert_eq!(c.occupation("6-31-01-03").unwrap().name, "电工");
        assert_eq!(c.division("370303").unwrap().name, "张店区");
        assert!(c.major(MajorLevel::Secondary, "999999").is_none());
    }

    #[test]
    fn crosswalk_links_majors_to_occupations() {
        let occ = catalogs().occupations_for_major(MajorLevel::Secondary, "660301");
        assert!(!occ.is_empty(), "机电技术应用 has occupations");
        assert!(occ.iter().all(|o| o.level == OccupationLevel::Detail));
    }

    #[test]
    fn query_matching() {
        assert!(matches_query("660301", "机电技术应用", "6603"));
        assert!(matches_query("660301", "机电技术应用", "机电"));
        assert!(!matches_query("660301", "机电技术应用", "护理"));
        assert!(matches_query("660301", "机电技术应用", " "));
    }
}
