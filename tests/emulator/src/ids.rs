//! Random identifiers and tokens, and stable numbers for string ids.
//!
//! Every random id or token of at least [`KEPT_FROM`] characters is also kept in a process-wide
//! list ([`issued`]): session cookies, anti-forgery tokens, BankID orders and autostart tokens,
//! QR start tokens, Freja transaction references, SAML and OAuth tokens. Tests scan a client's
//! logs for them.

use std::sync::Mutex;

/// Random values at least this long are kept in [`issued`] (shorter ones are too likely to
/// occur in any text by chance).
pub(crate) const KEPT_FROM: usize = 16;

static ISSUED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Keeps `value` in the list of issued values when it is long enough; returns it.
fn keep(value: String) -> String {
    if value.len() >= KEPT_FROM {
        ISSUED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(value.clone());
    }
    value
}

/// Every random id and token of at least [`KEPT_FROM`] characters that any emulator of this
/// process handed out so far, oldest first.
pub(crate) fn issued() -> Vec<String> {
    ISSUED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
}

/// A random GUID, lower-case (`9462cf77-bde9-4029-bb41-e599f3094613`).
pub(crate) fn guid() -> String {
    let hex: String = (0..32)
        .map(|_| {
            let n = fastrand::u8(0..16);
            char::from_digit(u32::from(n), 16).unwrap_or('0')
        })
        .collect();
    keep(format!(
        "{}-{}-4{}-{}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        ['8', '9', 'a', 'b'][fastrand::usize(0..4)],
        &hex[17..20],
        &hex[20..32]
    ))
}

/// A random opaque token of `len` URL-safe characters.
pub(crate) fn token(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    keep(
        (0..len)
            .map(|_| char::from(ALPHABET[fastrand::usize(0..ALPHABET.len())]))
            .collect(),
    )
}

/// Random lower-case hex of `len` characters.
pub(crate) fn hex(len: usize) -> String {
    keep(
        (0..len)
            .map(|_| char::from_digit(u32::from(fastrand::u8(0..16)), 16).unwrap_or('0'))
            .collect(),
    )
}

/// A stable positive number for an id that is not a number already (FNV-1a, 31 bits).
pub(crate) fn number_for(id: &str) -> i64 {
    if let Ok(n) = id.parse::<i64>() {
        return n;
    }
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    i64::from(hash & 0x7fff_ffff)
}
