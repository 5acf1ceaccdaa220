//! The door without a network (issue 16). Check-in codes are signed with the instance's
//! Ed25519 key (`zhijiao_domain::fair_offline`); the staff's phone downloads a bundle —
//! the public key, the fair's sign-up list, the titles of fairs and the refusal messages
//! — and verifies codes on its own, in the same order and with the same words as the
//! server (`assess`). Scans made without a network wait on the phone (IndexedDB) and are
//! synced here: each scan carries an id made by the phone, so a scan synced twice is
//! answered from `fair_scans` and changes nothing; the first scan of a ticket to arrive
//! makes the check-in and a later one (another phone's) is recorded and reported as a
//! duplicate. The service worker and the web manifest that make the page installable
//! are served by `pages`.

use super::{Attendee, attendee, local_time, require_staff, status_zh};
use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{fair, fair_checkin, fair_scan, fair_signing_key, fair_signup};
use crate::error::{AppError, AppResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zhijiao_domain::fair_offline as codes;
use zhijiao_domain::fairs::{self as rules, CodeError};

const PURPOSE: &str = "fair_checkin";

// ---------------------------------------------------------------- the words of a refusal

pub const MSG_EMPTY: &str = "请扫描或输入签到码";
pub const MSG_MALFORMED: &str = "签到码格式不正确，不是本平台见面会的签到码";
pub const MSG_FORGED: &str = "签到码校验失败（签名不符），可能是伪造或被改动的签到码，已拒绝";
pub const MSG_UNKNOWN_SIGNUP: &str = "找不到该签到码对应的报名记录";
pub const MSG_OTHER_FAIR_UNNAMED: &str = "另一场见面会";

pub fn msg_other_fair(title: Option<&str>) -> String {
    let other = title.map(|t| format!("“{t}”")).unwrap_or_else(|| MSG_OTHER_FAIR_UNNAMED.into());
    format!("该签到码属于{other}，不能在本场签到")
}

pub fn msg_status(status: &str) -> String {
    format!("见面会当前为“{}”，不能签到", status_zh(status))
}

pub fn msg_used(at: &str) -> String {
    format!("该签到码已于 {at} 使用过，不能重复签到")
}

// ---------------------------------------------------------------- the key pair

fn decode32(s: &str) -> AppResult<[u8; 32]> {
    URL_SAFE_NO_PAD
        .decode(s)
        .ok()
        .and_then(|v| <[u8; 32]>::try_from(v.as_slice()).ok())
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("fair signing key is not 32 bytes of base64url")))
}

/// The instance's key pair (secret seed, public key), made on first use from the
/// operating system's random source and audited. Two servers making it at once: the
/// unique purpose keeps one, and the other reads it.
pub async fn key_pair(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<([u8; 32], [u8; 32])> {
    let find = || fair_signing_key::Entity::find().filter(fair_signing_key::Column::Purpose.eq(PURPOSE)).one(db);
    if let Some(k) = find().await? {
        return Ok((decode32(&k.secret_key)?, decode32(&k.public_key)?));
    }
    let mut seed = [0u8; 32];
    rand::Rng::fill_bytes(&mut rand::rng(), &mut seed);
    let public = codes::public_key(&seed);
    let tx = db.begin().await?;
    let inserted = fair_signing_key::ActiveModel {
        purpose: Set(PURPOSE.into()),
        public_key: Set(URL_SAFE_NO_PAD.encode(public)),
        secret_key: Set(URL_SAFE_NO_PAD.encode(seed)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await;
    match inserted {
        Ok(m) => {
            audit::record(&tx, ctx, Entry::new("create_key", "fair_signing_key", m.id, "生成见面会签到码签名密钥（Ed25519，私钥仅保存在服务器）")).await?;
            tx.commit().await?;
            Ok((seed, public))
        }
        Err(e) => {
            drop(tx);
            let k = find().await?.ok_or(AppError::Db(e))?;
            Ok((decode32(&k.secret_key)?, decode32(&k.public_key)?))
        }
    }
}

pub async fn sign_code(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64, signup_id: i64) -> AppResult<String> {
    let (seed, _) = key_pair(db, ctx).await?;
    Ok(codes::sign_code(&seed, fair_id, signup_id))
}

// ---------------------------------------------------------------- one presented code

/// The checks of a presented code at the door of `f`, in the order the phone runs them:
/// empty, malformed, forged, another fair's, a fair not taking check-ins, an unknown
/// sign-up. Whether it was used already is the caller's (it needs the transaction).
pub async fn assess<C: ConnectionTrait>(db: &C, public: &[u8; 32], f: &fair::Model, presented: &str) -> AppResult<fair_signup::Model> {
    if presented.trim().is_empty() {
        return Err(AppError::BadRequest(MSG_EMPTY.into()));
    }
    let code = codes::verify_code(public, presented).map_err(|e| match e {
        CodeError::Malformed => AppError::BadRequest(MSG_MALFORMED.into()),
        CodeError::Forged => AppError::BadRequest(MSG_FORGED.into()),
    })?;
    if code.fair_id != f.id {
        let other = fair::Entity::find_by_id(code.fair_id).one(db).await?.map(|o| o.title);
        return Err(AppError::Conflict(msg_other_fair(other.as_deref())));
    }
    if !rules::accepts_checkins(&f.status) {
        return Err(AppError::Conflict(msg_status(&f.status)));
    }
    fair_signup::Entity::find_by_id(code.signup_id)
        .one(db)
        .await?
        .filter(|s| s.fair_id == f.id)
        .ok_or_else(|| AppError::Conflict(MSG_UNKNOWN_SIGNUP.into()))
}

// ---------------------------------------------------------------- the bundle

/// A person on the phone's copy of the sign-up list (masked like the online list).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BundleSignup {
    pub signup_id: i64,
    pub name: String,
    pub school: String,
    pub id_number: String,
    pub phone: String,
    /// China time, when already checked in.
    pub checked_in_at: Option<String>,
}

/// The refusal messages, for the phone to show word for word; `{fair}` and `{time}` are
/// filled in on the phone.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BundleMessages {
    pub empty: String,
    pub malformed: String,
    pub forged: String,
    pub other_fair: String,
    pub other_fair_unnamed: String,
    pub status: String,
    pub unknown_signup: String,
    pub used: String,
}

/// What the door's phone keeps to check codes in without a network.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OfflineBundle {
    pub fair_id: i64,
    pub title: String,
    pub status: String,
    pub accepts_checkins: bool,
    /// The Ed25519 public key, 32 bytes in unpadded base64url.
    pub public_key: String,
    /// Titles of the fairs (id → title), to name another fair's code.
    pub fairs: BTreeMap<i64, String>,
    pub signups: Vec<BundleSignup>,
    pub messages: BundleMessages,
    /// When the bundle was made (RFC 3339).
    pub generated_at: String,
}

/// The bundle of a fair (staff only).
pub async fn bundle(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64) -> AppResult<OfflineBundle> {
    require_staff(ctx)?;
    let f = fair::Entity::find_by_id(fair_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (_, public) = key_pair(db, ctx).await?;
    let fairs = fair::Entity::find().all(db).await?.into_iter().map(|m| (m.id, m.title)).collect();
    let signups = super::signups(db, ctx, fair_id)
        .await?
        .into_iter()
        .map(|a| BundleSignup { signup_id: a.signup_id, name: a.name, school: a.school, id_number: a.id_number, phone: a.phone, checked_in_at: a.checked_in_at })
        .collect();
    Ok(OfflineBundle {
        fair_id,
        accepts_checkins: rules::accepts_checkins(&f.status),
        status: f.status.clone(),
        title: f.title,
        public_key: URL_SAFE_NO_PAD.encode(public),
        fairs,
        signups,
        messages: BundleMessages {
            empty: MSG_EMPTY.into(),
            malformed: MSG_MALFORMED.into(),
            forged: MSG_FORGED.into(),
            other_fair: "该签到码属于“{fair}”，不能在本场签到".into(),
            other_fair_unnamed: msg_other_fair(None),
            status: msg_status(&f.status),
            unknown_signup: MSG_UNKNOWN_SIGNUP.into(),
            used: msg_used("{time}"),
        },
        generated_at: chrono::Utc::now().to_rfc3339(),
    })
}

// ---------------------------------------------------------------- syncing scans

/// One scan as the phone queued it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ScanIn {
    /// Made by the phone, unique per scan (8–64 letters, digits or '-').
    pub scan_id: String,
    /// The phone (8–64 letters, digits or '-').
    pub device_id: String,
    pub code: String,
    /// When the phone scanned it (RFC 3339); the time of arrival if missing or implausible.
    pub scanned_at: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SyncInput {
    pub scans: Vec<ScanIn>,
}

/// What became of a scan: `accepted` (this scan checked the ticket in), `duplicate`
/// (the ticket was checked in already, by another scan) or `refused` (not a code of this
/// fair, or the fair takes no check-ins; nothing recorded).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScanResult {
    pub scan_id: String,
    pub outcome: String,
    pub message: String,
    pub name: String,
    pub school: String,
    pub checked_in_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SyncResult {
    pub results: Vec<ScanResult>,
    pub checked_in: u64,
}

pub const MAX_SCANS_PER_SYNC: usize = 500;

fn token_ok(s: &str) -> bool {
    (8..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Accept the scans of a phone (staff), each once; see the module's doc.
pub async fn sync(db: &DatabaseConnection, ctx: &Ctx, fair_id: i64, input: &SyncInput) -> AppResult<SyncResult> {
    require_staff(ctx)?;
    let f = fair::Entity::find_by_id(fair_id).one(db).await?.ok_or(AppError::NotFound)?;
    if input.scans.len() > MAX_SCANS_PER_SYNC {
        return Err(AppError::BadRequest(format!("一次最多同步{MAX_SCANS_PER_SYNC}条扫码记录")));
    }
    for (i, s) in input.scans.iter().enumerate() {
        if !token_ok(&s.scan_id) || !token_ok(&s.device_id) {
            return Err(AppError::BadRequest(format!("第{}条扫码记录的扫描编号或设备编号无效", i + 1)));
        }
        if s.code.chars().count() > 200 || s.code.chars().any(|c| c.is_control() && !c.is_whitespace()) {
            return Err(AppError::BadRequest(format!("第{}条扫码记录的签到码无效", i + 1)));
        }
    }
    let (_, public) = key_pair(db, ctx).await?;
    let mut results = Vec::with_capacity(input.scans.len());
    for s in &input.scans {
        results.push(sync_one(db, ctx, &public, &f, s).await?);
    }
    Ok(SyncResult { results, checked_in: super::checked_in_count(db, fair_id).await? })
}

async fn stored(db: &DatabaseConnection, f: &fair::Model, scan_id: &str) -> AppResult<Option<ScanResult>> {
    let Some(m) = fair_scan::Entity::find().filter(fair_scan::Column::ScanId.eq(scan_id)).one(db).await? else {
        return Ok(None);
    };
    if m.fair_id != f.id {
        return Ok(Some(refused(scan_id, "扫描编号已用于另一场见面会，已拒绝".into())));
    }
    let s = fair_signup::Entity::find_by_id(m.signup_id).one(db).await?.ok_or(AppError::NotFound)?;
    let at = fair_checkin::Entity::find().filter(fair_checkin::Column::SignupId.eq(s.id)).one(db).await?.map(|c| local_time(c.checked_in_at));
    let who = person(db, &s, at).await?;
    Ok(Some(result(scan_id, &m.outcome, m.message, who)))
}

fn refused(scan_id: &str, message: String) -> ScanResult {
    ScanResult { scan_id: scan_id.into(), outcome: "refused".into(), message, name: String::new(), school: String::new(), checked_in_at: None }
}

fn result(scan_id: &str, outcome: &str, message: String, who: Attendee) -> ScanResult {
    ScanResult { scan_id: scan_id.into(), outcome: outcome.into(), message, name: who.name, school: who.school, checked_in_at: who.checked_in_at }
}

async fn person<C: ConnectionTrait>(db: &C, s: &fair_signup::Model, at: Option<String>) -> AppResult<Attendee> {
    let schools = crate::areas::orgs::names(db, [s.org_id]).await?;
    attendee(db, s, at, &schools).await
}

async fn sync_one(db: &DatabaseConnection, ctx: &Ctx, public: &[u8; 32], f: &fair::Model, s: &ScanIn) -> AppResult<ScanResult> {
    if let Some(r) = stored(db, f, &s.scan_id).await? {
        return Ok(r);
    }
    let received_at = chrono::Utc::now();
    let claimed = s.scanned_at.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map(|t| t.with_timezone(&chrono::Utc));
    let scanned_at = codes::plausible_scan_time(claimed, received_at);
    let tx = db.begin().await?;
    let signup = match assess(&tx, public, f, &s.code).await {
        Ok(x) => x,
        Err(AppError::BadRequest(m) | AppError::Conflict(m)) => return Ok(refused(&s.scan_id, m)),
        Err(e) => return Err(e),
    };
    let existing = fair_checkin::Entity::find().filter(fair_checkin::Column::SignupId.eq(signup.id)).one(&tx).await?;
    let (outcome, message, checkin_id, at) = match existing {
        Some(c) => ("duplicate", msg_used(&local_time(c.checked_in_at)), None, c.checked_in_at),
        None => {
            let c = fair_checkin::ActiveModel { fair_id: Set(f.id), signup_id: Set(signup.id), checked_in_by: Set(ctx.user_id()), checked_in_at: Set(scanned_at), ..Default::default() }
                .insert(&tx)
                .await;
            match c {
                Ok(c) => ("accepted", String::new(), Some(c.id), c.checked_in_at),
                // Another request checked the ticket in between the read and the write:
                // start again, and the stored check-in makes this scan a duplicate.
                Err(e) => {
                    drop(tx);
                    return match AppError::on_unique(e, "") {
                        AppError::Conflict(_) => Box::pin(sync_one(db, ctx, public, f, s)).await,
                        other => Err(other),
                    };
                }
            }
        }
    };
    let scan = fair_scan::ActiveModel {
        scan_id: Set(s.scan_id.clone()),
        fair_id: Set(f.id),
        signup_id: Set(signup.id),
        device_id: Set(s.device_id.clone()),
        scanned_by: Set(ctx.user_id()),
        scanned_at: Set(scanned_at),
        received_at: Set(received_at),
        outcome: Set(outcome.into()),
        message: Set(message.clone()),
        checkin_id: Set(checkin_id),
        ..Default::default()
    }
    .insert(&tx)
    .await;
    let scan = match scan {
        Ok(m) => m,
        // The same scan synced at once by two requests: the other one's answer stands.
        Err(e) => {
            drop(tx);
            return stored(db, f, &s.scan_id).await?.ok_or(AppError::Db(e));
        }
    };
    let who = person(&tx, &signup, Some(local_time(at))).await?;
    let late = if codes::arrived_late(scanned_at, received_at) { "，迟到同步" } else { "" };
    let summary = match outcome {
        "accepted" => format!("见面会 {} 签到（离线扫码同步{late}，设备 {}）：{}（{}）", f.title, s.device_id, who.name, who.school),
        _ => format!("见面会 {} 重复扫码（离线扫码同步，设备 {}）：{}（{}），已于 {} 签到", f.title, s.device_id, who.name, who.school, local_time(at)),
    };
    let action = if outcome == "accepted" { "check_in" } else { "duplicate_scan" };
    audit::record(&tx, ctx, Entry::new(action, "fair_scan", scan.id, summary).after(&scan)).await?;
    tx.commit().await?;
    Ok(result(&s.scan_id, outcome, message, who))
}

// ---------------------------------------------------------------- figures

/// Synced scans of a fair: how many came from phones, how many of those checked someone
/// in after arriving late (`codes::arrived_late`), and how many were duplicates.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SyncFigures {
    pub synced: u64,
    pub late: u64,
    pub duplicates: u64,
}

pub async fn figures<C: ConnectionTrait>(db: &C, fair_id: i64) -> AppResult<SyncFigures> {
    let rows = fair_scan::Entity::find().filter(fair_scan::Column::FairId.eq(fair_id)).order_by_asc(fair_scan::Column::Id).all(db).await?;
    let mut out = SyncFigures::default();
    for r in &rows {
        if r.outcome == "accepted" {
            out.synced += 1;
            out.late += codes::arrived_late(r.scanned_at, r.received_at) as u64;
        } else {
            out.duplicates += 1;
        }
    }
    Ok(out)
}
