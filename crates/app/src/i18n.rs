//! Translations: `locales/zh-CN.toml` (the reference) and `locales/en.toml`, embedded.
//!
//! The locale is a value passed with every call, never process-global state: one
//! server answers a Chinese official and an English visitor at the same moment.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub fn parse(s: &str) -> Option<Locale> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Locale::ZhCn)
        } else if s.starts_with("en") {
            Some(Locale::En)
        } else {
            None
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }
}

type Table = HashMap<String, String>;

fn flatten(prefix: &str, value: &toml::Value, out: &mut Table) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

fn load(text: &str) -> Table {
    let value: toml::Value = toml::from_str(text).expect("locale file is valid TOML");
    let mut out = Table::new();
    flatten("", &value, &mut out);
    out
}

fn tables() -> &'static (Table, Table) {
    static TABLES: OnceLock<(Table, Table)> = OnceLock::new();
    TABLES.get_or_init(|| (load(include_str!("../locales/zh-CN.toml")), load(include_str!("../locales/en.toml"))))
}

/// Look a key up; a key missing in English falls back to Chinese, and a key missing
/// everywhere shows itself (the parity test below keeps that from shipping).
pub fn t(locale: Locale, key: &str) -> &'static str {
    let (zh, en) = tables();
    let hit = match locale {
        Locale::En => en.get(key).or_else(|| zh.get(key)),
        Locale::ZhCn => zh.get(key),
    };
    match hit {
        Some(s) => s.as_str(),
        None => {
            tracing::warn!(key, "missing translation");
            // Leak once per missing key is bounded by the number of keys in templates.
            Box::leak(key.to_string().into_boxed_str())
        }
    }
}

/// What templates hold to translate: `{{ i18n.t("nav.home") }}`.
#[derive(Clone, Copy, Debug, Default)]
pub struct I18n {
    pub locale: Locale,
}

impl I18n {
    pub fn t(&self, key: &str) -> &'static str {
        t(self.locale, key)
    }
    pub fn code(&self) -> &'static str {
        self.locale.code()
    }
    pub fn is_en(&self) -> bool {
        self.locale == Locale::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chinese_key_has_an_english_translation_and_back() {
        let (zh, en) = tables();
        let mut missing: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        missing.sort();
        assert!(missing.is_empty(), "keys missing in en.toml: {missing:?}");
        let mut extra: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        extra.sort();
        assert!(extra.is_empty(), "keys only in en.toml: {extra:?}");
    }

    #[test]
    fn locale_negotiation() {
        assert_eq!(Locale::parse("en-US"), Some(Locale::En));
        assert_eq!(Locale::parse("zh"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("fr-FR"), None);
        assert_eq!(t(Locale::En, "app.name"), "Zhijiao");
        assert_eq!(t(Locale::ZhCn, "app.name"), "职教");
    }
}
