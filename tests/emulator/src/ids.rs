//! Random identifiers and tokens, and stable numbers for string ids.

/// A random GUID, lower-case (`9462cf77-bde9-4029-bb41-e599f3094613`).
pub(crate) fn guid() -> String {
    let hex: String = (0..32)
        .map(|_| {
            let n = fastrand::u8(0..16);
            char::from_digit(u32::from(n), 16).unwrap_or('0')
        })
        .collect();
    format!(
        "{}-{}-4{}-{}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        ['8', '9', 'a', 'b'][fastrand::usize(0..4)],
        &hex[17..20],
        &hex[20..32]
    )
}

/// A random opaque token of `len` URL-safe characters.
pub(crate) fn token(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..len)
        .map(|_| char::from(ALPHABET[fastrand::usize(0..ALPHABET.len())]))
        .collect()
}

/// Random lower-case hex of `len` characters.
pub(crate) fn hex(len: usize) -> String {
    (0..len)
        .map(|_| char::from_digit(u32::from(fastrand::u8(0..16)), 16).unwrap_or('0'))
        .collect()
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
