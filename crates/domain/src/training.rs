//! 职业技能提升行动 (seed measure 十四: "开展职业技能培训…为企业职工、失业人员和社区居民提供
//! 终身学习服务"): audiences, skill levels, and the verification code printed as a QR code
//! on every certificate.
//!
//! Skill levels follow 《国家职业技能标准编制技术规程（2018年版）》(人社厅发〔2018〕26号):
//! five levels, 五级/初级工 to 一级/高级技师. A certificate is either a 职业技能等级证书 (issued
//! by a recognised 评价机构 for a level) or a 培训合格证书 (training completed).
//!
//! The verification code is `ZJC1.<certificate id>.<tag>`, where `tag` is the first 16
//! bytes of HMAC-SHA256(server key, "ZJC1.<id>") in unpadded base64url — the construction
//! of the fair check-in codes (`fairs`, RFC 2104 / NIST SP 800-107 §5.3.4), under its own
//! prefix so that one kind of code can never pass for the other.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Who a cohort is open to (seed measure 十四).
pub const AUDIENCES: [(&str, &str); 3] = [("employee", "企业职工"), ("unemployed", "失业及再就业人员"), ("resident", "社区居民")];

pub fn audience_name(key: &str) -> &'static str {
    AUDIENCES.iter().find(|(k, _)| *k == key).map(|(_, n)| *n).unwrap_or("")
}

/// (level number, name) — 5 is the entry level.
pub const SKILL_LEVELS: [(u8, &str); 5] = [(5, "五级/初级工"), (4, "四级/中级工"), (3, "三级/高级工"), (2, "二级/技师"), (1, "一级/高级技师")];

pub fn skill_level_name(level: i32) -> &'static str {
    SKILL_LEVELS.iter().find(|(l, _)| i32::from(*l) == level).map(|(_, n)| *n).unwrap_or("")
}

pub const CERT_KINDS: [(&str, &str); 2] = [("skill_level", "职业技能等级证书"), ("training", "培训合格证书")];

pub fn cert_kind_name(key: &str) -> &'static str {
    CERT_KINDS.iter().find(|(k, _)| *k == key).map(|(_, n)| *n).unwrap_or("")
}

/// A learner completes when attended hours reach the programme's hours (attendance is
/// recorded in whole class hours; 1 class hour = 45 minutes in Chinese schools, but
/// training providers count 学时 as recorded).
pub fn may_complete(attended_hours: i32, programme_hours: i32) -> bool {
    programme_hours > 0 && attended_hours >= programme_hours
}

pub const CODE_PREFIX: &str = "ZJC1";
const TAG_BYTES: usize = 16;

fn mac(key: &[u8], id: i64) -> HmacSha256 {
    let mut m = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    m.update(format!("{CODE_PREFIX}.{id}").as_bytes());
    m
}

pub fn sign_certificate(key: &[u8], id: i64) -> String {
    let tag = mac(key, id).finalize().into_bytes();
    format!("{CODE_PREFIX}.{id}.{}", URL_SAFE_NO_PAD.encode(&tag[..TAG_BYTES]))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    Malformed,
    Forged,
}

/// The certificate id of a genuine code (constant-time tag comparison).
pub fn verify_certificate(key: &[u8], presented: &str) -> Result<i64, CodeError> {
    let text = presented.trim();
    let mut parts = text.split('.');
    let (Some(prefix), Some(id), Some(tag), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(CodeError::Malformed);
    };
    if prefix != CODE_PREFIX || id.is_empty() || id.len() > 18 || !id.bytes().all(|b| b.is_ascii_digit()) || (id.len() > 1 && id.starts_with('0')) {
        return Err(CodeError::Malformed);
    }
    let id: i64 = id.parse().map_err(|_| CodeError::Malformed)?;
    let tag = URL_SAFE_NO_PAD.decode(tag).map_err(|_| CodeError::Malformed)?;
    if tag.len() != TAG_BYTES {
        return Err(CodeError::Malformed);
    }
    mac(key, id).verify_truncated_left(&tag).map_err(|_| CodeError::Forged)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_forgeries_fail() {
        let key = b"test key";
        let code = sign_certificate(key, 42);
        assert!(code.starts_with("ZJC1.42."));
        assert_eq!(verify_certificate(key, &code), Ok(42));
        assert_eq!(verify_certificate(key, &format!("  {code} ")), Ok(42));
        // Another certificate's tag, another key, a changed id: forged.
        let other = sign_certificate(key, 43);
        let tag43 = other.rsplit('.').next().unwrap();
        assert_eq!(verify_certificate(key, &format!("ZJC1.42.{tag43}")), Err(CodeError::Forged));
        assert_eq!(verify_certificate(b"other key", &code), Err(CodeError::Forged));
        // A fair code or junk is malformed.
        for bad in ["", "ZJC1.42", "ZJF1.42.abc", "ZJC1.042.AAAAAAAAAAAAAAAAAAAAAA", "ZJC1.x.AAAA", "ZJC1.1.AAAA", "ZJC1.1.!!.x"] {
            assert_eq!(verify_certificate(key, bad), Err(CodeError::Malformed), "{bad}");
        }
    }

    #[test]
    fn completion_at_the_programme_hours() {
        assert!(!may_complete(39, 40));
        assert!(may_complete(40, 40));
        assert!(may_complete(41, 40));
        assert!(!may_complete(0, 0));
    }

    #[test]
    fn names() {
        assert_eq!(skill_level_name(5), "五级/初级工");
        assert_eq!(skill_level_name(1), "一级/高级技师");
        assert_eq!(skill_level_name(0), "");
        assert_eq!(audience_name("resident"), "社区居民");
        assert_eq!(cert_kind_name("skill_level"), "职业技能等级证书");
    }
}
