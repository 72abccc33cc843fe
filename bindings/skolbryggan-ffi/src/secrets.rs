//! [`SecretStore`]: where the app keeps the library's secrets (the cache key, saved sessions).
//!
//! On Android implement it over the Android Keystore (e.g. AES-GCM with a Keystore key, values
//! in app-private storage), on iOS over the Keychain. The library stores only a few small
//! values there: the keys that encrypt the on-device cache.

use std::sync::Arc;

use zeroize::Zeroizing;

/// What a [`SecretStore`] can fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum SecretStoreError {
    /// The store cannot be used now (device locked, Keystore unavailable); try again later.
    #[error("secret store unavailable: {detail}")]
    Unavailable {
        /// What the platform said.
        detail: String,
    },
    /// The store failed otherwise.
    #[error("secret store failed: {detail}")]
    Failed {
        /// What the platform said.
        detail: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for SecretStoreError {
    fn from(value: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SecretStoreError::Failed {
            detail: value.reason,
        }
    }
}

impl From<SecretStoreError> for crate::error::SkolbrygganError {
    fn from(value: SecretStoreError) -> Self {
        match value {
            SecretStoreError::Unavailable { detail } => {
                crate::error::SkolbrygganError::KeyUnavailable { detail }
            }
            SecretStoreError::Failed { .. } => crate::error::SkolbrygganError::Key {
                detail: value.to_string(),
            },
        }
    }
}

/// A small key-value store for secrets, implemented by the app over the platform keystore.
///
/// The library keeps here the key that encrypts its on-device cache (the cache itself, saved
/// sessions included, is sealed with it). Names are short ASCII strings chosen by the library
/// (`skolbryggan.cache.v1`); values are opaque bytes. Calls come from background threads and
/// may block briefly. Answer `get` with `None` only when the value is really absent; when the
/// store cannot answer now (device locked, before the first unlock) raise
/// `SecretStoreError::Unavailable`: the library then touches no file and fails with
/// `SkolbrygganError::KeyUnavailable`. A value that is really gone makes the cache unreadable:
/// it is rebuilt empty (the old files kept aside until the next login) and
/// `Client::cache_key_lost` says so.
#[uniffi::export(foreign)]
pub trait SecretStore: Send + Sync {
    /// The value stored under `key`, or none.
    fn get(&self, key: String) -> Result<Option<Vec<u8>>, SecretStoreError>;
    /// Stores `value` under `key`, replacing an earlier value.
    fn set(&self, key: String, value: Vec<u8>) -> Result<(), SecretStoreError>;
    /// Removes `key` (no error when it is absent).
    fn delete(&self, key: String) -> Result<(), SecretStoreError>;
}

/// The app's store seen as the core's [`skolbryggan::secrets::SecretStore`].
pub(crate) struct ForeignSecrets(pub(crate) Arc<dyn SecretStore>);

/// `Unavailable` is the core's "cannot answer right now" (nothing on disk is touched then);
/// everything else is a failing store.
fn key_error(e: SecretStoreError) -> skolbryggan::Error {
    match e {
        SecretStoreError::Unavailable { detail } => skolbryggan::Error::KeyUnavailable(detail),
        SecretStoreError::Failed { .. } => skolbryggan::Error::Key(e.to_string()),
    }
}

impl skolbryggan::secrets::SecretStore for ForeignSecrets {
    fn get(&self, name: &str) -> skolbryggan::Result<Option<Zeroizing<Vec<u8>>>> {
        self.0
            .get(name.to_owned())
            .map(|v| v.map(Zeroizing::new))
            .map_err(key_error)
    }

    fn set(&self, name: &str, secret: &[u8]) -> skolbryggan::Result<()> {
        self.0
            .set(name.to_owned(), secret.to_vec())
            .map_err(key_error)
    }

    fn delete(&self, name: &str) -> skolbryggan::Result<()> {
        self.0.delete(name.to_owned()).map_err(key_error)
    }
}
