//! National code tables for personal fields (`data/reference/codes/`, provenance in its
//! PROVENANCE.md): 性别 GB/T 2261.1, 民族 GB/T 3304, 政治面貌 GB/T 4762, 身份证件类型
//! (JY/T 1001), and the value lists of the national 中职学籍 system.
//!
//! Registers arrive with either the code or the name (full or short) in a cell; each
//! lookup accepts all three and returns the code.

use std::sync::OnceLock;

const GENDER: &str = include_str!("../../../data/reference/codes/gender_gbt2261_1.csv");
const ETHNICITY: &str = include_str!("../../../data/reference/codes/ethnicity_gbt3304.csv");
const POLITICAL: &str = include_str!("../../../data/reference/codes/political_status_gbt4762.csv");
const ID_TYPES: &str = include_str!("../../../data/reference/codes/id_document_type.csv");
const DESTINATIONS: &str = include_str!("../../../data/reference/codes/destination_codes.csv");

#[derive(Debug, Clone)]
pub struct Code {
    pub code: String,
    pub name: String,
    /// Short names and labels the same value goes by in other systems.
    pub aliases: Vec<String>,
}

pub struct CodeTable {
    pub name: &'static str,
    pub source: &'static str,
    pub codes: Vec<Code>,
}

impl CodeTable {
    /// The code for a cell holding a code, a name or an alias.
    pub fn lookup(&self, cell: &str) -> Option<&Code> {
        let v = cell.trim();
        if v.is_empty() {
            return None;
        }
        self.codes.iter().find(|c| c.code == v || c.name == v || c.aliases.iter().any(|a| a == v))
    }
    pub fn name_of(&self, code: &str) -> Option<&str> {
        self.codes.iter().find(|c| c.code == code).map(|c| c.name.as_str())
    }
}

fn parse(text: &str, name: &'static str, source: &'static str, code_col: usize, name_col: usize, alias_cols: &[usize]) -> CodeTable {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let codes = rdr
        .records()
        .map(|r| r.expect("embedded code table"))
        .map(|r| Code {
            code: r[code_col].to_string(),
            name: r[name_col].to_string(),
            aliases: alias_cols.iter().filter_map(|&i| r.get(i)).filter(|s| !s.is_empty()).map(String::from).collect(),
        })
        .collect();
    CodeTable { name, source, codes }
}

pub struct Tables {
    pub gender: CodeTable,
    pub ethnicity: CodeTable,
    pub political: CodeTable,
    pub id_type: CodeTable,
    pub destination: CodeTable,
}

pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        // code,name,short_name,notes
        gender: parse(GENDER, "性别", "GB/T 2261.1-2003", 0, 1, &[2]),
        // code,name,kind,notes
        ethnicity: parse(ETHNICITY, "民族", "GB/T 3304-1991", 0, 1, &[]),
        // code,name,short_name,notes
        political: parse(POLITICAL, "政治面貌", "GB/T 4762-1984", 0, 1, &[2]),
        // code_jyt1001,name,in_xueji_list,xueji_label,...
        id_type: parse(ID_TYPES, "身份证件类型", "JY/T 1001", 0, 1, &[3]),
        // code,parent_code,level,name,name_alias,...
        destination: parse(DESTINATIONS, "毕业去向", "教育部 毕业去向代码", 0, 3, &[4]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_accept_codes_names_and_short_names() {
        let t = tables();
        assert_eq!(t.gender.lookup("男").unwrap().code, "1");
        assert_eq!(t.gender.lookup("女性").unwrap().code, "2");
        assert_eq!(t.gender.lookup("2").unwrap().name, "女性");
        assert_eq!(t.ethnicity.lookup("汉族").unwrap().code, "01");
        assert_eq!(t.ethnicity.lookup("回族").unwrap().code, "03");
        assert_eq!(t.ethnicity.codes.len(), 58);
        assert_eq!(t.political.lookup("共青团员").unwrap().code, "03");
        assert_eq!(t.political.lookup("群众").unwrap().code, "13");
        assert_eq!(t.id_type.lookup("居民身份证").unwrap().code, "1");
        assert!(t.ethnicity.lookup("火星族").is_none());
        assert!(t.gender.lookup(" ").is_none());
    }
}
