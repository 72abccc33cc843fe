//! [`AccountKey`]: the per-installation key that turns a personal number into an account id.
//!
//! Personal numbers have few possible values (about 10⁸ per century), so any unkeyed hash of
//! one is reversed by trying them all. An account id is therefore a keyed BLAKE3 hash of the
//! digits under a key that only this installation knows: the cache derives it from its
//! database key (kept in the secret store) with its own context string, so it is stable across
//! restarts, different on another installation, and never written anywhere.

use std::fmt;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::ids::AccountId;

/// The BLAKE3 `derive_key` context of the account-id key (distinct from the cache's own
/// encryption and lookup contexts).
const CONTEXT: &str = "skolbryggan account id v1";

/// The key that makes account ids from personal numbers. Cheap to clone; `Debug` hides it.
#[derive(Clone)]
pub struct AccountKey(Arc<Zeroizing<[u8; 32]>>);

impl AccountKey {
    /// The account-id key derived from an installation secret (the cache's database key):
    /// BLAKE3 `derive_key` with this key's own context, so it reveals nothing of the secret.
    pub fn derive(installation_secret: &[u8]) -> Self {
        AccountKey(Arc::new(Zeroizing::new(blake3::derive_key(
            CONTEXT,
            installation_secret,
        ))))
    }

    /// A fixed key for the `parse --endpoint` developer command, which turns one saved upstream
    /// answer (holding the personal number in plain text already) into JSON without any
    /// installation. Its ids are reversible like the legacy ones: never use it for a client.
    pub fn for_saved_answers() -> Self {
        Self::derive(b"skolbryggan parse --endpoint: no installation")
    }

    /// The account id of the guardian with the 12-digit personal number `digits`: 16 hex
    /// characters of a BLAKE3 keyed hash of the digits.
    pub fn account_id(&self, digits: &str) -> AccountId {
        let hash = blake3::keyed_hash(&self.0, digits.as_bytes());
        let hex: String = hash.as_bytes()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        AccountId::from_raw(hex)
    }
}

impl fmt::Debug for AccountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccountKey(<hidden>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBER: &str = "191212121212";

    #[test]
    fn keyed_ids_differ_from_the_legacy_id_and_between_installations() {
        let one = AccountKey::derive(&[1; 32]);
        let other = AccountKey::derive(&[2; 32]);
        let id = one.account_id(NUMBER);
        assert_eq!(id.as_str().len(), 16);
        assert!(id.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(!id.as_str().contains("1912"));
        assert_ne!(id, AccountId::legacy_unkeyed_from_personal_number(NUMBER));
        assert_ne!(id, other.account_id(NUMBER));
        // Stable for the same secret, and per number.
        assert_eq!(AccountKey::derive(&[1; 32]).account_id(NUMBER), id);
        assert_ne!(one.account_id("201212121212"), id);
        // The key is not the secret itself.
        assert_ne!(one.0.as_slice(), &[1u8; 32]);
        assert_eq!(format!("{one:?}"), "AccountKey(<hidden>)");
    }
}
