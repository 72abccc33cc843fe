//! [`SecretStore`]: where the app keeps the library's secrets (the cache key, saved sessions).
//!
//! On Android implement it over the Android Keystore (e.g. AES-GCM with a Keystore key, values
//! in app-private storage), on iOS over the Keychain. The library stores only a few small
//! values: the key that encrypts the on-device cache and each account's saved session.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
        crate::error::SkolbrygganError::Key {
            detail: value.to_string(),
        }
    }
}

/// A small key-value store for secrets, implemented by the app over the platform keystore.
///
/// Keys are short ASCII strings chosen by the library (`skolbryggan.cache-key`,
/// `skolbryggan.session.<account>`); values are opaque bytes. Calls come from background
/// threads and may block briefly.
#[uniffi::export(foreign)]
pub trait SecretStore: Send + Sync {
    /// The value stored under `key`, or none.
    fn get(&self, key: String) -> Result<Option<Vec<u8>>, SecretStoreError>;
    /// Stores `value` under `key`, replacing an earlier value.
    fn set(&self, key: String, value: Vec<u8>) -> Result<(), SecretStoreError>;
    /// Removes `key` (no error when it is absent).
    fn delete(&self, key: String) -> Result<(), SecretStoreError>;
    /// Every key stored that starts with `prefix`.
    fn list(&self, prefix: String) -> Result<Vec<String>, SecretStoreError>;
}

/// A process-local store used when the app gives none: nothing survives the process, so saved
/// sessions cannot be resumed after a restart. For tests and the demo.
#[derive(Debug, Default)]
pub(crate) struct MemorySecretStore {
    values: Mutex<HashMap<String, Vec<u8>>>,
}

impl MemorySecretStore {
    pub(crate) fn shared() -> Arc<dyn SecretStore> {
        Arc::new(MemorySecretStore::default())
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, HashMap<String, Vec<u8>>>, SecretStoreError> {
        self.values.lock().map_err(|_| SecretStoreError::Failed {
            detail: "poisoned".to_owned(),
        })
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, key: String) -> Result<Option<Vec<u8>>, SecretStoreError> {
        Ok(self.lock()?.get(&key).cloned())
    }

    fn set(&self, key: String, value: Vec<u8>) -> Result<(), SecretStoreError> {
        self.lock()?.insert(key, value);
        Ok(())
    }

    fn delete(&self, key: String) -> Result<(), SecretStoreError> {
        self.lock()?.remove(&key);
        Ok(())
    }

    fn list(&self, prefix: String) -> Result<Vec<String>, SecretStoreError> {
        let mut keys: Vec<String> = self
            .lock()?
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        keys.sort();
        Ok(keys)
    }
}
