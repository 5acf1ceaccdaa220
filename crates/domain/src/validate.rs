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
    #[error("出生日期“{0}”晚于今天")]
    BirthInFuture(String),
    #[error("出生日期“{0}”早于1900年1月1日")]
    BirthBefore1900(String),
    #[error("地址码“{0}”不是有效的行政区划代码（GB/T 2260）")]
    Region(String),
    #[error("校验码错误：应为“{expected}”，实际为“{actual}”")]
    CheckDigit { expected: char, actual: char },
}

/// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
/// (odd for men, even for women) and a check character by ISO 7064 MOD 11-2.
///
/// [`ResidentId::parse`] checks, in this order: 18 characters (digits, `X` only last);
/// the address code (see [`check_region`]); the birth date is a calendar date, not before
/// 1900-01-01 and not after the `today` the caller passes (the function reads no clock, so
/// tests and imports decide what "today" is); the check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResidentId(String);

/// Weights of ISO 7064 MOD 11-2 as printed in GB 11643-1999 §8.2.
const RESIDENT_ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl ResidentId {
    pub fn parse(raw: &str, today: chrono::NaiveDate) -> Result<Self, IdError> {
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
        check_region(&s[..6])?;
        let birth = &s[6..14];
        let Ok(born) = chrono::NaiveDate::parse_from_str(birth, "%Y%m%d") else {
            return Err(IdError::BirthDate(birth.to_string()));
        };
        if born < EARLIEST_BIRTH {
            return Err(IdError::BirthBefore1900(birth.to_string()));
        }
        if born > today {
            return Err(IdError::BirthInFuture(birth.to_string()));
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

/// The earliest birth date accepted: numbers from before 1900 are typing errors in a
/// register of students, parents and staff.
const EARLIEST_BIRTH: chrono::NaiveDate = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");

/// The 34 province-level codes of GB/T 2260 (行政区划代码, first two digits): 31 provinces,
/// autonomous regions and municipalities, 71 台湾省, 81 香港特别行政区, 82 澳门特别行政区.
pub const PROVINCE_CODES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
    "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
];

/// Address codes of the 港澳台居民居住证, which are numbered like a 身份证号 (《港澳台居民居住证
/// 申领发放办法》, 国办发〔2018〕81号): 810000 香港, 820000 澳门, 830000 台湾.
const RESIDENCE_PERMIT_REGIONS: [&str; 3] = ["810000", "820000", "830000"];

/// The address code (first six digits) of a 身份证号 against the structure of GB/T 2260.
///
/// A number keeps the code of the county where it was first issued, even after that county
/// was merged or renamed (e.g. 莱芜市 3712, merged into 济南 in 2019), so a list of today's
/// counties would refuse real people. What is checked instead:
/// - digits 1–2 are one of the 34 province-level codes ([`PROVINCE_CODES`]);
/// - digits 3–4 (prefecture level) are 01–70 or 90: GB/T 2260 uses 01–20 and 51–70 for
///   prefecture-level cities, 21–50 for 地区/自治州/盟 and 90 for county-level units under the
///   province; 71–89 and 91–99 are never assigned, and 00 names the province itself;
/// - a bare province code (xx0000, e.g. 000000 or 370000) is refused, except the three
///   residence-permit codes 810000, 820000, 830000.
///
/// Digits 5–6 (county level, 00 for the prefecture itself, 01–99 for its units) cannot be
/// checked further without the historical code list, which the project does not carry.
pub fn check_region(code: &str) -> Result<(), IdError> {
    let refuse = || Err(IdError::Region(code.to_string()));
    if RESIDENCE_PERMIT_REGIONS.contains(&code) {
        return Ok(());
    }
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) || !PROVINCE_CODES.contains(&&code[..2]) {
        return refuse();
    }
    let prefecture: u8 = code[2..4].parse().expect("two digits");
    if matches!(prefecture, 1..=70 | 90) { Ok(()) } else { refuse() }
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

    fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// "Today" for the table: a fixed date, so the table never depends on the clock.
    fn table_today() -> chrono::NaiveDate {
        day(2026, 12, 4)
    }

    #[test]
    fn resident_id_table() {
        // (input, expected outcome)
        let cases: &[(&str, Result<(), IdError>)] = &[
            // The example number printed in GB 11643-1999 Annex A.
            ("11010519491231002X", Ok(())),
            ("11010519491231002x", Ok(())),
            // Was accepted before the 1900 floor: a birth year 1880 is a typing error.
            ("440524188001010014", Err(IdError::BirthBefore1900("18800101".into()))),
            ("11010519491231002", Err(IdError::Length { expected: 18, actual: 17 })),
            ("110105194912310021", Err(IdError::CheckDigit { expected: 'X', actual: '1' })),
            ("1101051949123100A2", Err(IdError::Character { position: 17, ch: 'A' })),
            ("110105194902300021", Err(IdError::BirthDate("19490230".into()))),
            ("", Err(IdError::Length { expected: 18, actual: 0 })),
        ];
        for (input, expected) in cases {
            let got = ResidentId::parse(input, table_today()).map(|_| ());
            assert_eq!(&got, expected, "input {input}");
        }
    }

    #[test]
    fn resident_id_birth_date_bounds() {
        let today = table_today();
        // (birth date, expected) at and around 1900-01-01 and today.
        let cases: &[(&str, Result<(), IdError>)] = &[
            ("18991231", Err(IdError::BirthBefore1900("18991231".into()))),
            ("18000101", Err(IdError::BirthBefore1900("18000101".into()))),
            ("19000101", Ok(())),
            ("19000102", Ok(())),
            ("20261203", Ok(())),
            ("20261204", Ok(())),
            ("20261205", Err(IdError::BirthInFuture("20261205".into()))),
            ("20270101", Err(IdError::BirthInFuture("20270101".into()))),
            ("29991231", Err(IdError::BirthInFuture("29991231".into()))),
            // Not a date at all stays a date error, whatever the range.
            ("20261301", Err(IdError::BirthDate("20261301".into()))),
            ("18990229", Err(IdError::BirthDate("18990229".into()))),
        ];
        for (birth, expected) in cases {
            let id = with_check(&format!("370303{birth}001"));
            assert_eq!(&ResidentId::parse(&id, today).map(|_| ()), expected, "birth {birth}");
        }
        // The same number moves from future to accepted as "today" passes its birth date.
        let born_tomorrow = with_check("37030320261205002");
        assert!(ResidentId::parse(&born_tomorrow, today).is_err());
        assert!(ResidentId::parse(&born_tomorrow, day(2026, 12, 5)).is_ok());
    }

    #[test]
    fn resident_id_region_codes() {
        let today = table_today();
        // (address code, accepted)
        let cases: &[(&str, bool)] = &[
            ("000000", false),
            ("370303", true),  // 淄博市张店区
            ("370300", true),  // 淄博市 (prefecture-level code)
            ("370000", false), // 山东省 itself
            ("371202", true),  // 莱芜区, abolished 2019: old numbers keep it
            ("110105", true),
            ("650102", true),  // 乌鲁木齐市天山区
            ("429004", true),  // 仙桃市 (省直辖县级, prefecture digits 90)
            ("429104", false), // prefecture digits 91: never assigned
            ("377001", true),  // prefecture digits 70: highest assigned range
            ("377101", false), // 71
            ("378901", false), // 89
            ("370001", false), // prefecture digits 00 with a county
            ("100101", false), // 10 is no province
            ("160101", false),
            ("200101", false),
            ("550101", false),
            ("660101", false),
            ("700101", false),
            ("910101", false),
            ("990101", false),
            ("710101", true),  // 台湾省 is a GB/T 2260 province code
            ("810000", true),  // 港澳台居民居住证
            ("820000", true),
            ("830000", true),
            ("830101", false), // 83 is a permit code only, not a province
            ("540102", true),  // 拉萨市城关区
            ("820100", true),
        ];
        for (region, accepted) in cases {
            let id = with_check(&format!("{region}20080315001"));
            let got = ResidentId::parse(&id, today);
            if *accepted {
                assert!(got.is_ok(), "{region}: {got:?}");
            } else {
                assert_eq!(got, Err(IdError::Region(region.to_string())), "{region}");
            }
        }
        assert_eq!(PROVINCE_CODES.len(), 34);
        let mut sorted = PROVINCE_CODES.to_vec();
        sorted.dedup();
        assert_eq!(sorted.len(), 34);
        assert!(IdError::Region("000000".into()).to_string().contains("GB/T 2260"));
    }

    #[test]
    fn resident_id_derives_birth_and_gender() {
        let id = ResidentId::parse(&with_check("37030320080315001"), table_today()).unwrap();
        assert_eq!(id.birth_date(), chrono::NaiveDate::from_ymd_opt(2008, 3, 15).unwrap());
        assert_eq!(id.gender_code(), "1");
        let id = ResidentId::parse(&with_check("37030320080315002"), table_today()).unwrap();
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
