//! Check-digit validators for the identifiers Chinese registers carry.
//!
//! Parse, don't validate: each identifier is a newtype that can only be built from a
//! string that passed its check, so code holding a `ResidentId` never re-checks it.

use std::fmt;

/// Why an identifier was refused, in words a clerk understands (zh-CN first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("长度应为{expected}位，实际为{actual}位")]
    Length { expected: usize, actual: usize },
    #[error("第{position}位字符“{ch}”不合法")]
    Character { position: usize, ch: char },
    #[error("出生日期“{0}”不是有效日期")]
    BirthDate(String),
    #[error("校验码错误：应为“{expected}”，实际为“{actual}”")]
    CheckDigit { expected: char, actual: char },
}

/// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
/// (odd for men, even for women) and a check character by ISO 7064 MOD 11-2.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResidentId(String);

/// Weights of ISO 7064 MOD 11-2 as printed in GB 11643-1999 §8.2.
const RESIDENT_ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl ResidentId {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s: String = raw.trim().to_uppercase();
        let chars: Vec<char> = s.chars().collect();
        if chars.len() != 18 {
            return Err(IdError::Length { expected: 18, actual: chars.len() });
        }
        for (i, c) in chars.iter().enumerate() {
            let ok = c.is_ascii_digit() || (i == 17 && *c == 'X');
            if !ok {
                return Err(IdError::Character { position: i + 1, ch: *c });
            }
        }
        let birth = &s[6..14];
        if chrono::NaiveDate::parse_from_str(birth, "%Y%m%d").is_err() {
            return Err(IdError::BirthDate(birth.to_string()));
        }
        let expected = resident_id_check_char(&s[..17]);
        if chars[17] != expected {
            return Err(IdError::CheckDigit { expected, actual: chars[17] });
        }
        Ok(ResidentId(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn birth_date(&self) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(&self.0[6..14], "%Y%m%d").expect("checked in parse")
    }
    /// GB 11643-1999 §6.3: the sequence code is odd for men and even for women.
    /// Returns the GB/T 2261.1 code: "1" 男性, "2" 女性.
    pub fn gender_code(&self) -> &'static str {
        let seq = self.0.as_bytes()[16] - b'0';
        if seq % 2 == 1 { "1" } else { "2" }
    }
    /// Masked for readers who do not need the full number: 370303********123X.
    pub fn masked(&self) -> String {
        mask_middle(&self.0, 6, 4)
    }
}

/// The check character for the first 17 digits of a 身份证号.
pub fn resident_id_check_char(first17: &str) -> char {
    let sum: u32 = first17
        .bytes()
        .zip(RESIDENT_ID_WEIGHTS)
        .map(|(b, w)| (b - b'0') as u32 * w)
        .sum();
    RESIDENT_ID_CHECK[(sum % 11) as usize]
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet
/// (digits and capitals without I, O, Z, S, V); the last is a check character computed
/// with weights 3^(i) mod 31 (GB 32100-2015 §4.2 and Annex).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

impl CreditCode {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s = raw.trim().to_uppercase();
        let chars: Vec<char> = s.chars().collect();
        if chars.len() != 18 {
            return Err(IdError::Length { expected: 18, actual: chars.len() });
        }
        for (i, c) in chars.iter().enumerate() {
            if !USCC_ALPHABET.contains(*c) {
                return Err(IdError::Character { position: i + 1, ch: *c });
            }
        }
        let expected = credit_code_check_char(&s[..17]);
        if chars[17] != expected {
            return Err(IdError::CheckDigit { expected, actual: chars[17] });
        }
        Ok(CreditCode(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The check character for the first 17 characters of a 统一社会信用代码.
/// Panics only if a character is outside the alphabet (callers check first).
pub fn credit_code_check_char(first17: &str) -> char {
    let sum: u32 = first17
        .chars()
        .zip(USCC_WEIGHTS)
        .map(|(c, w)| USCC_ALPHABET.find(c).expect("alphabet checked") as u32 * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    USCC_ALPHABET.chars().nth(check as usize).expect("index < 31")
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 手机号码: 11 digits starting with 1 and a second digit 3–9 (the numbering plan of
/// the Ministry of Industry and Information Technology).
pub fn parse_mobile(raw: &str) -> Result<String, IdError> {
    let s: String = raw.trim().chars().filter(|c| *c != ' ' && *c != '-').collect();
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != 11 {
        return Err(IdError::Length { expected: 11, actual: chars.len() });
    }
    for (i, c) in chars.iter().enumerate() {
        let ok = c.is_ascii_digit() && !(i == 0 && *c != '1') && !(i == 1 && ('0'..='2').contains(c));
        if !ok {
            return Err(IdError::Character { position: i + 1, ch: *c });
        }
    }
    Ok(s)
}

/// Keep `head` characters and `tail` characters, star the rest: the masking rule for
/// personal data shown to those who do not need it (个人信息保护法 第五十一条: 去标识化).
pub fn mask_middle(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

/// 138****5678
pub fn mask_mobile(s: &str) -> String {
    mask_middle(s, 3, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Build a valid 身份证号 from 17 digits, for tests and demo data.
    fn with_check(first17: &str) -> String {
        format!("{first17}{}", resident_id_check_char(first17))
    }

    #[test]
    fn resident_id_table() {
        // (input, expected outcome)
        let cases: &[(&str, Result<(), IdError>)] = &[
            // The example number printed in GB 11643-1999 Annex A.
            ("11010519491231002X", Ok(())),
            ("11010519491231002x", Ok(())),
            ("440524188001010014", Ok(())),
            ("11010519491231002", Err(IdError::Length { expected: 18, actual: 17 })),
            ("110105194912310021", Err(IdError::CheckDigit { expected: 'X', actual: '1' })),
            ("1101051949123100A2", Err(IdError::Character { position: 17, ch: 'A' })),
            ("110105194902300021", Err(IdError::BirthDate("19490230".into()))),
            ("", Err(IdError::Length { expected: 18, actual: 0 })),
        ];
        for (input, expected) in cases {
            let got = ResidentId::parse(input).map(|_| ());
            assert_eq!(&got, expected, "input {input}");
        }
    }

    #[test]
    fn resident_id_derives_birth_and_gender() {
        let id = ResidentId::parse(&with_check("37030320080315001")).unwrap();
        assert_eq!(id.birth_date(), chrono::NaiveDate::from_ymd_opt(2008, 3, 15).unwrap());
        assert_eq!(id.gender_code(), "1");
        let id = ResidentId::parse(&with_check("37030320080315002")).unwrap();
        assert_eq!(id.gender_code(), "2");
        assert_eq!(id.masked().len(), 18);
        assert!(id.masked().starts_with("370303********"));
    }

    #[test]
    fn credit_code_table() {
        let cases: &[(&str, Result<(), IdError>)] = &[
            // Check characters computed independently (a Python port of GB 32100-2015 Annex).
            ("91370300164102778D", Ok(())),
            ("91110000100000825q", Ok(())),
            ("91350100M000100Y43", Ok(())),
            ("91370300164102778A", Err(IdError::CheckDigit { expected: 'D', actual: 'A' })),
            ("9137030016410277", Err(IdError::Length { expected: 18, actual: 16 })),
            ("91370300I64102778T", Err(IdError::Character { position: 9, ch: 'I' })),
        ];
        for (input, expected) in cases {
            let got = CreditCode::parse(input).map(|_| ());
            assert_eq!(&got, expected, "input {input}");
        }
    }

    #[test]
    fn mobile_and_masks() {
        assert_eq!(parse_mobile("138 0533 1234").unwrap(), "13805331234");
        assert!(matches!(parse_mobile("12805331234"), Err(IdError::Character { position: 2, .. })));
        assert!(matches!(parse_mobile("1380533123"), Err(IdError::Length { .. })));
        assert_eq!(mask_mobile("13805331234"), "138****1234");
        assert_eq!(mask_middle("ab", 1, 1), "**");
    }
}
