//! The platform keystore through `keyring-core`.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};
use zeroize::Zeroizing;

use super::SecretStore;
use crate::error::{Error, Result};

/// The service name entries are filed under.
const SERVICE: &str = "skolbryggan";

/// Secrets in a `keyring-core` credential store: the platform keystore by default
/// ([`KeyringSecretStore::platform_default`]), or any store the host app configured.
#[derive(Clone)]
pub struct KeyringSecretStore {
    store: Arc<CredentialStore>,
}

impl std::fmt::Debug for KeyringSecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyringSecretStore").finish_non_exhaustive()
    }
}

fn map_err(e: keyring_core::Error) -> Error {
    // A locked keystore (device locked, before the first unlock, no access right now) is not a
    // missing secret: the caller must not rebuild anything, only try again later.
    if let keyring_core::Error::NoStorageAccess(_) = e {
        return Error::KeyUnavailable("the keystore is locked or not accessible".to_owned());
    }
    // keyring errors may echo the stored bytes (BadEncoding): never show them.
    let what = match e {
        keyring_core::Error::PlatformFailure(_) => "the keystore failed",
        keyring_core::Error::NoEntry => "no such secret",
        keyring_core::Error::BadEncoding(_) | keyring_core::Error::BadDataFormat(..) => {
            "the stored secret has a bad format"
        }
        keyring_core::Error::NoDefaultStore => "no keystore is available",
        _ => "the keystore refused the operation",
    };
    Error::Key(what.to_owned())
}

impl KeyringSecretStore {
    /// Wraps a `keyring-core` credential store.
    pub fn new(store: Arc<CredentialStore>) -> Self {
        KeyringSecretStore { store }
    }

    /// The platform's keystore: the iOS keychain with data protection, the macOS keychain, the
    /// Android keystore (the app must have initialised `ndk-context`), or the Linux kernel
    /// keyutils store (needs a session keyring; keys there do not survive a reboot). Elsewhere,
    /// or when the store cannot be opened, a [`Error::Key`] error.
    pub fn platform_default() -> Result<Self> {
        platform_store().map(KeyringSecretStore::new)
    }

    fn entry(&self, name: &str) -> Result<Entry> {
        Entry::new_in_store(&self.store, SERVICE, name).map_err(map_err)
    }
}

#[cfg(target_os = "linux")]
fn platform_store() -> Result<Arc<CredentialStore>> {
    let store = linux_keyutils_keyring_store::Store::new().map_err(map_err)?;
    Ok(store)
}

#[cfg(target_os = "ios")]
fn platform_store() -> Result<Arc<CredentialStore>> {
    let store = apple_native_keyring_store::protected::Store::new().map_err(map_err)?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<CredentialStore>> {
    let store = apple_native_keyring_store::keychain::Store::new().map_err(map_err)?;
    Ok(store)
}

#[cfg(target_os = "android")]
fn platform_store() -> Result<Arc<CredentialStore>> {
    let store = android_native_keyring_store::Store::new().map_err(map_err)?;
    Ok(store)
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "ios",
    target_os = "macos",
    target_os = "android"
)))]
fn platform_store() -> Result<Arc<CredentialStore>> {
    Err(Error::Key(
        "no keystore is supported on this platform; pass a SecretStore".to_owned(),
    ))
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        match self.entry(name)?.get_secret() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_err(e)),
        }
    }

    fn set(&self, name: &str, secret: &[u8]) -> Result<()> {
        self.entry(name)?.set_secret(secret).map_err(map_err)
    }

    fn delete(&self, name: &str) -> Result<()> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mock_store_round_trip() {
        let store = keyring_core::mock::Store::new().unwrap();
        let secrets = KeyringSecretStore::new(store);
        assert!(secrets.get("k").unwrap().is_none());
        secrets.set("k", &[9; 32]).unwrap();
        assert_eq!(secrets.get("k").unwrap().unwrap().as_slice(), &[9; 32]);
        secrets.delete("k").unwrap();
        secrets.delete("k").unwrap();
    }

    #[test]
    fn a_locked_keystore_is_unavailable_not_missing() {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let secrets = KeyringSecretStore::new(store.clone());
        secrets.set("k", &[9; 32]).unwrap();
        // The mock hands out one credential per service and user: arm the next error on it.
        let entry = Entry::new_in_store(&store, SERVICE, "k").unwrap();
        let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(keyring_core::Error::NoStorageAccess("locked".into()));
        assert!(matches!(secrets.get("k"), Err(Error::KeyUnavailable(_))));
        // Unlocked again: the secret is still there.
        assert_eq!(secrets.get("k").unwrap().unwrap().as_slice(), &[9; 32]);
    }

    /// The real platform store. On Linux it needs a session keyring: run with
    /// `keyctl session - cargo test -p skolbryggan --lib platform_store -- --ignored`.
    #[test]
    #[ignore = "needs the platform keystore (on Linux: a keyutils session keyring)"]
    fn platform_store_round_trip() {
        let secrets = KeyringSecretStore::platform_default().unwrap();
        let name = "skolbryggan.test.platform-store";
        secrets.set(name, &[5; 32]).unwrap();
        assert_eq!(secrets.get(name).unwrap().unwrap().as_slice(), &[5; 32]);
        secrets.delete(name).unwrap();
        assert!(secrets.get(name).unwrap().is_none());
    }
}
