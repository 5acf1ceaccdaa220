//! 面对面 (seed measure 十三, "定期举办校企供需见面会"): the rules of a supply-demand
//! meeting that do not need a database — its life cycle, the personal check-in code a
//! student shows at the door, and the funnel counted after the fair.
//!
//! The check-in code is `ZJF1.<fair>.<signup>.<tag>`, where `tag` is the first 16 bytes
//! of HMAC-SHA256(server key, "ZJF1.<fair>.<signup>") in unpadded base64url (RFC 2104,
//! RFC 4648 §5). 128 bits keep forgery out of reach (NIST SP 800-107 §5.3.4 allows
//! truncation to 128 bits and more for HMAC) while the QR code stays small enough for a
//! phone camera in a crowded hall. The code names the fair, so a code of another fair is
//! told apart from a forged one and refused with the right message.
//!
//! Since issue 16 the platform issues and accepts `ZJF2` codes signed with Ed25519
//! (`crate::fair_offline`), which the door's phone can verify offline with the public key;
//! a `ZJF1` code is refused as malformed. The HMAC functions stay for their tests and for
//! reading old records.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// draft → open (registration) → held (the day) → closed. `open` and `held` accept
/// check-ins at the door; only `open` accepts booth registrations and sign-ups.
pub const STATUSES: [&str; 4] = ["draft", "open", "held", "closed"];

/// The moves staff may make: one step forward, or back from `open` to `draft` while
/// nobody depends on it yet (decided by the caller), or reopening a held fair.
pub fn may_move(from: &str, to: &str) -> bool {
    matches!((from, to), ("draft", "open") | ("open", "held") | ("held", "closed") | ("open", "draft") | ("held", "open"))
}

pub fn accepts_signups(status: &str) -> bool {
    status == "open"
}

pub fn accepts_checkins(status: &str) -> bool {
    matches!(status, "open" | "held")
}

pub const CODE_PREFIX: &str = "ZJF1";
const TAG_BYTES: usize = 16;

fn mac(key: &[u8], fair_id: i64, signup_id: i64) -> HmacSha256 {
    let mut m = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    m.update(format!("{CODE_PREFIX}.{fair_id}.{signup_id}").as_bytes());
    m
}

/// The code of one sign-up, to be shown as a QR code.
pub fn sign_code(key: &[u8], fair_id: i64, signup_id: i64) -> String {
    let tag = mac(key, fair_id, signup_id).finalize().into_bytes();
    format!("{CODE_PREFIX}.{fair_id}.{signup_id}.{}", URL_SAFE_NO_PAD.encode(&tag[..TAG_BYTES]))
}

/// Why a presented code is refused before any row is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// Not of the form `ZJF1.<n>.<n>.<tag>`.
    Malformed,
    /// Well-formed, but the tag does not match: not issued by this server.
    Forged,
}

/// A code whose signature checked out: it was issued by this server for this sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifiedCode {
    pub fair_id: i64,
    pub signup_id: i64,
}

/// Parse and verify a typed, pasted or scanned code (surrounding blanks are ignored).
/// The tag is compared in constant time.
pub fn verify_code(key: &[u8], presented: &str) -> Result<VerifiedCode, CodeError> {
    let text = presented.trim();
    let mut parts = text.split('.');
    let (Some(prefix), Some(fair), Some(signup), Some(tag), None) = (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(CodeError::Malformed);
    };
    let number = |s: &str| -> Option<i64> {
        if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0')) {
            return None;
        }
        s.parse().ok()
    };
    let (Some(fair_id), Some(signup_id)) = (number(fair), number(signup)) else {
        return Err(CodeError::Malformed);
    };
    if prefix != CODE_PREFIX {
        return Err(CodeError::Malformed);
    }
    let Ok(tag) = URL_SAFE_NO_PAD.decode(tag) else {
        return Err(CodeError::Malformed);
    };
    if tag.len() != TAG_BYTES {
        return Err(CodeError::Malformed);
    }
    mac(key, fair_id, signup_id).verify_truncated_left(&tag).map_err(|_| CodeError::Forged)?;
    Ok(VerifiedCode { fair_id, signup_id })
}

/// How far an application got (the employer pipeline: received → interview → offer →
/// hired). A rejection or withdrawal counts as received only: the pipeline keeps the
/// current state, not the stages passed.
pub fn reached(status: &str) -> [bool; 4] {
    match status {
        "hired" => [true, true, true, true],
        "offer" => [true, true, true, false],
        "interview" => [true, true, false, false],
        _ => [true, false, false, false],
    }
}

/// Résumés, interviews, offers and hires among applications (by their statuses).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Funnel {
    pub resumes: u64,
    pub interviews: u64,
    pub offers: u64,
    pub hires: u64,
}

impl Funnel {
    pub fn add(&mut self, status: &str) {
        let r = reached(status);
        self.resumes += r[0] as u64;
        self.interviews += r[1] as u64;
        self.offers += r[2] as u64;
        self.hires += r[3] as u64;
    }
}

/// Attendance as a percentage with one decimal ("—" when nobody signed up).
pub fn attendance_rate(signed_up: u64, checked_in: u64) -> String {
    if signed_up == 0 { "—".into() } else { format!("{:.1}%", checked_in as f64 * 100.0 / signed_up as f64) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"test-key-of-the-server-000000000";

    #[test]
    fn hmac_sha256_matches_rfc_4231_case_2() {
        let mut m = HmacSha256::new_from_slice(b"Jefe").unwrap();
        m.update(b"what do ya want for nothing?");
        let out = m.finalize().into_bytes();
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn a_signed_code_verifies_and_names_its_fair_and_signup() {
        let code = sign_code(KEY, 7, 42);
        assert!(code.starts_with("ZJF1.7.42."), "{code}");
        assert_eq!(code.len(), "ZJF1.7.42.".len() + 22);
        assert_eq!(verify_code(KEY, &code), Ok(VerifiedCode { fair_id: 7, signup_id: 42 }));
        assert_eq!(verify_code(KEY, &format!("  {code}\n")), Ok(VerifiedCode { fair_id: 7, signup_id: 42 }));
    }

    #[test]
    fn tampered_or_foreign_codes_are_refused() {
        let code = sign_code(KEY, 7, 42);
        let tag = code.rsplit('.').next().unwrap();
        let cases: Vec<(String, CodeError)> = vec![
            // Another key (another server, or a guess).
            (sign_code(b"another-key-entirely-0000000000", 7, 42), CodeError::Forged),
            // The tag of sign-up 42 moved to sign-up 43 or to fair 8.
            (format!("ZJF1.7.43.{tag}"), CodeError::Forged),
            (format!("ZJF1.8.42.{tag}"), CodeError::Forged),
            // One character of the tag changed.
            (format!("ZJF1.7.42.{}{}", if tag.starts_with('A') { 'B' } else { 'A' }, &tag[1..]), CodeError::Forged),
            (String::new(), CodeError::Malformed),
            ("hello".into(), CodeError::Malformed),
            (format!("ZJF2.7.42.{tag}"), CodeError::Malformed),
            (format!("ZJF1.7.42.{tag}.x"), CodeError::Malformed),
            (format!("ZJF1.-7.42.{tag}"), CodeError::Malformed),
            (format!("ZJF1.07.42.{tag}"), CodeError::Malformed),
            (format!("ZJF1.7.4x.{tag}"), CodeError::Malformed),
            (format!("ZJF1.7.42.{}", &tag[..20]), CodeError::Malformed),
            ("ZJF1.7.42.!!!!".into(), CodeError::Malformed),
            ("ZJF1.99999999999999999999.1.AAAAAAAAAAAAAAAAAAAAAA".into(), CodeError::Malformed),
        ];
        for (presented, expected) in cases {
            assert_eq!(verify_code(KEY, &presented), Err(expected), "{presented:?}");
        }
    }

    #[test]
    fn life_cycle_moves() {
        let table = [
            ("draft", "open", true),
            ("open", "held", true),
            ("held", "closed", true),
            ("open", "draft", true),
            ("held", "open", true),
            ("draft", "held", false),
            ("draft", "closed", false),
            ("closed", "open", false),
            ("closed", "held", false),
            ("open", "closed", false),
            ("open", "open", false),
        ];
        for (from, to, ok) in table {
            assert_eq!(may_move(from, to), ok, "{from} → {to}");
        }
        assert!(accepts_signups("open") && !accepts_signups("held") && !accepts_signups("draft"));
        assert!(accepts_checkins("open") && accepts_checkins("held") && !accepts_checkins("closed") && !accepts_checkins("draft"));
    }

    #[test]
    fn the_funnel_counts_stages_reached() {
        let mut f = Funnel::default();
        for s in ["received", "interview", "offer", "hired", "rejected", "withdrawn", "hired"] {
            f.add(s);
        }
        assert_eq!(f, Funnel { resumes: 7, interviews: 4, offers: 3, hires: 2 });
        assert_eq!(attendance_rate(0, 0), "—");
        assert_eq!(attendance_rate(3, 2), "66.7%");
    }
}
