//! Check-in codes a phone can verify without a network (issue 16): the code of a sign-up
//! is `ZJF2.<fair>.<signup>.<signature>`, the signature being Ed25519 (RFC 8032 §5.1)
//! over the ASCII text `ZJF2.<fair>.<signup>` in unpadded base64url (RFC 4648 §5, 86
//! characters). The server keeps the private key; the door's phone holds only the public
//! key and runs the same checks as the server, in the same order, so that a refusal
//! offline reads exactly as it would online. Also the rule for a scan that reached the
//! server late (made offline and synced afterwards).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

pub use crate::fairs::{CodeError, VerifiedCode};

pub const CODE_PREFIX: &str = "ZJF2";

/// The public key of a 32-byte secret seed (RFC 8032 §5.1.5).
pub fn public_key(seed: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(seed).verifying_key().to_bytes()
}

fn message(fair_id: i64, signup_id: i64) -> String {
    format!("{CODE_PREFIX}.{fair_id}.{signup_id}")
}

/// The code of one sign-up, to be shown as a QR code.
pub fn sign_code(seed: &[u8; 32], fair_id: i64, signup_id: i64) -> String {
    let m = message(fair_id, signup_id);
    let sig = SigningKey::from_bytes(seed).sign(m.as_bytes());
    format!("{m}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
}

/// Parse and verify a typed, pasted or scanned code (surrounding blanks ignored) against
/// the public key. Malformed: not `ZJF2.<n>.<n>.<86 base64url characters>` (numbers
/// without sign or leading zero, at most 18 digits); forged: the signature does not hold.
pub fn verify_code(public: &[u8; 32], presented: &str) -> Result<VerifiedCode, CodeError> {
    let text = presented.trim();
    let mut parts = text.split('.');
    let (Some(prefix), Some(fair), Some(signup), Some(sig), None) = (parts.next(), parts.next(), parts.next(), parts.next(), parts.next()) else {
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
    if prefix != CODE_PREFIX || sig.len() != 86 {
        return Err(CodeError::Malformed);
    }
    let Ok(sig) = URL_SAFE_NO_PAD.decode(sig) else { return Err(CodeError::Malformed) };
    let Ok(sig) = <[u8; 64]>::try_from(sig.as_slice()) else { return Err(CodeError::Malformed) };
    let key = VerifyingKey::from_bytes(public).map_err(|_| CodeError::Forged)?;
    key.verify_strict(message(fair_id, signup_id).as_bytes(), &Signature::from_bytes(&sig)).map_err(|_| CodeError::Forged)?;
    Ok(VerifiedCode { fair_id, signup_id })
}

/// A scan made offline and synced more than this many seconds after it was made counts
/// as "arrived late" on the fair's figures (a phone online syncs within seconds).
pub const LATE_AFTER_SECONDS: i64 = 120;

pub fn arrived_late(scanned_at: chrono::DateTime<chrono::Utc>, received_at: chrono::DateTime<chrono::Utc>) -> bool {
    (received_at - scanned_at).num_seconds() > LATE_AFTER_SECONDS
}

/// The time a phone says it scanned, kept only when plausible: not after the server
/// received it (phones' clocks drift; the server's time wins) and not more than two days
/// before (a fair lasts a day); otherwise the time it was received.
pub fn plausible_scan_time(claimed: Option<chrono::DateTime<chrono::Utc>>, received_at: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    match claimed {
        Some(t) if t <= received_at && received_at - t <= chrono::Duration::days(2) => t,
        _ => received_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72).
    #[test]
    fn ed25519_matches_rfc_8032_test_vectors() {
        let seed: [u8; 32] = hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").try_into().unwrap();
        assert_eq!(public_key(&seed).to_vec(), hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        let sig = SigningKey::from_bytes(&seed).sign(b"");
        assert_eq!(
            sig.to_bytes().to_vec(),
            hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        );
        let seed: [u8; 32] = hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb").try_into().unwrap();
        assert_eq!(public_key(&seed).to_vec(), hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
        let sig = SigningKey::from_bytes(&seed).sign(&[0x72]);
        assert_eq!(
            sig.to_bytes().to_vec(),
            hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
        );
    }

    const SEED: [u8; 32] = [7; 32];

    #[test]
    fn a_signed_code_verifies_with_the_public_key_alone() {
        let code = sign_code(&SEED, 7, 42);
        assert!(code.starts_with("ZJF2.7.42."), "{code}");
        assert_eq!(code.len(), "ZJF2.7.42.".len() + 86);
        let public = public_key(&SEED);
        assert_eq!(verify_code(&public, &code), Ok(VerifiedCode { fair_id: 7, signup_id: 42 }));
        assert_eq!(verify_code(&public, &format!(" {code}\n")), Ok(VerifiedCode { fair_id: 7, signup_id: 42 }));
    }

    #[test]
    fn tampered_foreign_or_malformed_codes_are_refused() {
        let public = public_key(&SEED);
        let code = sign_code(&SEED, 7, 42);
        let sig = code.rsplit('.').next().unwrap();
        let flipped = format!("{}{}", if sig.starts_with('A') { 'B' } else { 'A' }, &sig[1..]);
        let cases: Vec<(String, CodeError)> = vec![
            (sign_code(&[8; 32], 7, 42), CodeError::Forged),
            (format!("ZJF2.7.43.{sig}"), CodeError::Forged),
            (format!("ZJF2.8.42.{sig}"), CodeError::Forged),
            (format!("ZJF2.7.42.{flipped}"), CodeError::Forged),
            (String::new(), CodeError::Malformed),
            ("hello".into(), CodeError::Malformed),
            (format!("ZJF1.7.42.{sig}"), CodeError::Malformed),
            (format!("ZJF2.7.42.{sig}.x"), CodeError::Malformed),
            (format!("ZJF2.-7.42.{sig}"), CodeError::Malformed),
            (format!("ZJF2.07.42.{sig}"), CodeError::Malformed),
            (format!("ZJF2.7.42.{}", &sig[..85]), CodeError::Malformed),
            (format!("ZJF2.7.42.{}", "!".repeat(86)), CodeError::Malformed),
        ];
        for (presented, expected) in cases {
            assert_eq!(verify_code(&public, &presented), Err(expected), "{presented:?}");
        }
    }

    #[test]
    fn late_and_plausible_times() {
        let t = |s: i64| chrono::Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap();
        let table = [(0, 5, false), (0, 120, false), (0, 121, true), (0, 3600, true)];
        for (scan, recv, late) in table {
            assert_eq!(arrived_late(t(scan), t(recv)), late, "{scan} → {recv}");
        }
        assert_eq!(plausible_scan_time(Some(t(-60)), t(0)), t(-60));
        assert_eq!(plausible_scan_time(Some(t(60)), t(0)), t(0), "a phone clock ahead of the server");
        assert_eq!(plausible_scan_time(Some(t(-3 * 86400)), t(0)), t(0), "three days before");
        assert_eq!(plausible_scan_time(None, t(0)), t(0));
    }
}
