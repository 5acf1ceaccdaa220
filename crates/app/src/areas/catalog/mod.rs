//! The official catalogues (专业目录, GB/T 4754, 职业分类大典, 淄博 divisions, crosswalk):
//! browse and search for everyone, also anonymous visitors. One service serves the
//! pages, the JSON API and the `zhijiao catalog` command.

pub mod api;
pub mod pages;

use serde::Serialize;
use zhijiao_domain::catalog::{
    Catalogs, DivisionLevel, IndustryLevel, MajorLevel, MajorNode, OccupationLevel, catalogs, matches_query,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Majors,
    Industries,
    Occupations,
    Divisions,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Majors, Kind::Industries, Kind::Occupations, Kind::Divisions];
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == s)
    }
    pub fn key(self) -> &'static str {
        match self {
            Kind::Majors => "majors",
            Kind::Industries => "industries",
            Kind::Occupations => "occupations",
            Kind::Divisions => "divisions",
        }
    }
    /// Level filter values the kind accepts (the CLI's `--level`).
    pub fn levels(self) -> &'static [&'static str] {
        match self {
            Kind::Majors => &["secondary", "associate", "bachelor"],
            Kind::Industries => &["section", "division", "group", "class"],
            Kind::Occupations => &["major", "middle", "minor", "detail"],
            Kind::Divisions => &["county", "street"],
        }
    }
}

/// One catalogue entry as lists show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Item {
    pub code: String,
    pub name: String,
    /// The level key: secondary/associate/bachelor, section…class, major…detail, county/street.
    pub level: String,
    /// For majors: category / class / major.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    pub parent_code: Option<String>,
    /// Page of the entry.
    pub href: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Detail {
    #[serde(flatten)]
    pub item: Item,
    /// Ancestors from the top of the tree.
    pub path: Vec<Item>,
    pub children: Vec<Item>,
    /// Facts of the entry (说明/定义, since, markers …) as label → value, zh-CN labels.
    pub facts: Vec<(String, String)>,
    /// Majors → occupations (crosswalk); occupations → majors leading to them.
    pub related: Vec<Item>,
}

#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
pub struct Filter {
    /// Level key (see `Kind::levels`).
    pub level: Option<String>,
    /// Code prefix or a part of the Chinese name.
    pub q: Option<String>,
    /// For majors: only leaf majors (default) or `all` tiers.
    pub node: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

fn major_item(m: &zhijiao_domain::catalog::Major) -> Item {
    Item {
        code: m.code.clone(),
        name: m.name.clone(),
        level: m.level.key().into(),
        node: Some(
            match m.node {
                MajorNode::Category => "category",
                MajorNode::Class => "class",
                MajorNode::Major => "major",
            }
            .into(),
        ),
        parent_code: m.parent_code.clone(),
        href: format!("/catalog/majors/{}/{}", m.level.key(), m.code),
    }
}

fn industry_item(i: &zhijiao_domain::catalog::Industry) -> Item {
    let level = match i.level {
        IndustryLevel::Section => "section",
        IndustryLevel::Division => "division",
        IndustryLevel::Group => "group",
        IndustryLevel::Class => "class",
    };
    Item {
        code: i.code.clone(),
        name: i.name.clone(),
        level: level.into(),
        node: None,
        parent_code: i.parent_code.clone(),
        href: format!("/catalog/industries/{}", i.code),
    }
}

fn occupation_item(o: &zhijiao_domain::catalog::Occupation) -> Item {
    let level = match o.level {
        OccupationLevel::Major => "major",
        OccupationLevel::Middle => "middle",
        OccupationLevel::Minor => "minor",
        OccupationLevel::Detail => "detail",
    };
    Item {
        code: o.code.clone(),
        name: o.name.clone(),
        level: level.into(),
        node: None,
        parent_code: o.parent_code.clone(),
        href: format!("/catalog/occupations/{}", o.code),
    }
}

fn division_item(d: &zhijiao_domain::catalog::Division) -> Item {
    Item {
        code: d.code.clone(),
        name: d.name.clone(),
        level: match d.level {
            DivisionLevel::County => "county",
            DivisionLevel::Street => "street",
        }
        .into(),
        node: None,
        parent_code: d.parent_code.clone(),
        href: format!("/catalog/divisions/{}", d.code),
    }
}

/// All entries of a kind that pass the filter, in catalogue order (unpaged).
pub fn search(kind: Kind, f: &Filter) -> Result<Vec<Item>, String> {
    let c = catalogs();
    let q = f.q.clone().unwrap_or_default();
    let level = f.level.as_deref().filter(|l| !l.is_empty());
    if let Some(l) = level {
        if !kind.levels().contains(&l) {
            return Err(format!("level 参数“{l}”无效，可选：{}", kind.levels().join("/")));
        }
    }
    let items = match kind {
        Kind::Majors => {
            let all_nodes = f.node.as_deref() == Some("all");
            c.majors
                .iter()
                .filter(|m| all_nodes || m.node == MajorNode::Major)
                .filter(|m| level.is_none_or(|l| m.level.key() == l))
                .filter(|m| matches_query(&m.code, &m.name, &q))
                .map(major_item)
                .collect()
        }
        Kind::Industries => c
            .industries
            .iter()
            .map(industry_item)
            .filter(|i| level.is_none_or(|l| i.level == l))
            .filter(|i| matches_query(&i.code, &i.name, &q))
            .collect(),
        Kind::Occupations => c
            .occupations
            .iter()
            .map(occupation_item)
            .filter(|i| level.is_none_or(|l| i.level == l))
            .filter(|i| matches_query(&i.code, &i.name, &q))
            .collect(),
        Kind::Divisions => c
            .divisions
            .iter()
            .map(division_item)
            .filter(|i| level.is_none_or(|l| i.level == l))
            .filter(|i| matches_query(&i.code, &i.name, &q))
            .collect(),
    };
    Ok(items)
}

pub fn detail_major(level: &str, code: &str) -> Option<Detail> {
    let c = catalogs();
    let level = MajorLevel::parse(level)?;
    let m = c.major(level, code)?;
    let mut path = Vec::new();
    let mut parent = m.parent_code.clone();
    while let Some(p) = parent {
        let Some(pm) = c.major(level, &p) else { break };
        path.insert(0, major_item(pm));
        parent = pm.parent_code.clone();
    }
    let children = c.majors.iter().filter(|x| x.level == level && x.parent_code.as_deref() == Some(code)).map(major_item).collect();
    let related = c.occupations_for_major(level, code).into_iter().map(occupation_item).collect();
    let mut facts = vec![
        ("层次".to_string(), level.name_zh().to_string()),
        ("专业大类".into(), format!("{} {}", m.category_code, m.category_name)),
    ];
    if !m.class_code.is_empty() {
        facts.push(("专业类".into(), format!("{} {}", m.class_code, m.class_name)));
    }
    facts.push(("目录版本".into(), if m.since == "2021" { "2021年目录".into() } else { "2022—2025年增补".into() }));
    for e in c.crosswalk.iter().filter(|e| e.level == level && e.major_code == code) {
        if !e.posts.is_empty() {
            facts.push(("面向岗位".into(), e.posts.clone()));
        }
        if !e.certificates.is_empty() {
            facts.push(("职业类证书".into(), e.certificates.clone()));
        }
    }
    Some(Detail { item: major_item(m), path, children, facts, related })
}

fn tree_path<T>(get: impl Fn(&str) -> Option<T>, parent_of: impl Fn(&T) -> Option<String>, to_item: impl Fn(&T) -> Item, start: Option<String>) -> Vec<Item> {
    let mut path = Vec::new();
    let mut parent = start;
    while let Some(p) = parent {
        let Some(x) = get(&p) else { break };
        path.insert(0, to_item(&x));
        parent = parent_of(&x);
    }
    path
}

pub fn detail_industry(code: &str) -> Option<Detail> {
    let c: &Catalogs = catalogs();
    let i = c.industry(code)?;
    let path = tree_path(|k| c.industry(k), |x| x.parent_code.clone(), |x| industry_item(x), i.parent_code.clone());
    let children = c.industries.iter().filter(|x| x.parent_code.as_deref() == Some(code)).map(industry_item).collect();
    let mut facts = vec![("层级".to_string(), i.level.name_zh().to_string()), ("门类".into(), i.section_code.clone())];
    if !i.description.is_empty() {
        facts.push(("说明".into(), i.description.clone()));
    }
    Some(Detail { item: industry_item(i), path, children, facts, related: Vec::new() })
}

pub fn detail_occupation(code: &str) -> Option<Detail> {
    let c = catalogs();
    let o = c.occupation(code)?;
    let path = tree_path(|k| c.occupation(k), |x| x.parent_code.clone(), |x| occupation_item(x), o.parent_code.clone());
    let children = c.occupations.iter().filter(|x| x.parent_code.as_deref() == Some(code)).map(occupation_item).collect();
    let mut facts = vec![("层级".to_string(), o.level.name_zh().to_string())];
    if !o.definition.is_empty() {
        facts.push(("定义".into(), o.definition.clone()));
    }
    facts.push(("发布".into(), if o.release == 2022 { "2022年版大典".into() } else { format!("{}年新职业", o.release) }));
    if o.marker.contains('L') {
        facts.push(("标识".into(), "绿色职业".into()));
    }
    if o.marker.contains('S') {
        facts.push(("标识".into(), "数字职业".into()));
    }
    // Majors whose graduates the crosswalk sends into this occupation.
    let mut related: Vec<Item> = Vec::new();
    if o.level == OccupationLevel::Detail {
        for e in &c.crosswalk {
            if e.occupation_codes.iter().any(|x| x == code) || e.occupation_names.iter().any(|n| n == &o.name) {
                if let Some(m) = c.major(e.level, &e.major_code) {
                    if !related.iter().any(|r| r.code == m.code && r.level == m.level.key()) {
                        related.push(major_item(m));
                    }
                }
            }
        }
    }
    Some(Detail { item: occupation_item(o), path, children, facts, related })
}

pub fn detail_division(code: &str) -> Option<Detail> {
    let c = catalogs();
    let d = c.division(code)?;
    let path = tree_path(|k| c.division(k), |x| x.parent_code.clone(), |x| division_item(x), d.parent_code.clone());
    let children = c.divisions.iter().filter(|x| x.parent_code.as_deref() == Some(code)).map(division_item).collect();
    let facts = vec![("层级".to_string(), if d.level == DivisionLevel::County { "区县" } else { "乡镇街道" }.to_string())];
    Some(Detail { item: division_item(d), path, children, facts, related: Vec::new() })
}

/// Counts per kind and level, for the catalogue index page.
pub fn counts() -> Vec<(Kind, &'static str, usize)> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        for level in kind.levels() {
            let f = Filter { level: Some(level.to_string()), ..Default::default() };
            out.push((kind, *level, search(kind, &f).map(|v| v.len()).unwrap_or(0)));
        }
    }
    out
}
