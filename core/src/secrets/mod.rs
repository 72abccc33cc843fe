//! Where key material lives: the [`SecretStore`] trait and its implementations.
//!
//! The cache's data key is a random 32-byte secret kept outside the database, in a
//! [`SecretStore`]. Pick one explicitly:
//!
//! * [`KeyringSecretStore`] — the platform keystore through `keyring-core` (iOS keychain with
//!   data protection, macOS keychain, Android keystore, Linux kernel keyutils). The default for
//!   apps; see [`default_store`].
//! * A host app's own store: implement [`SecretStore`] (the FFI layer exports the trait).
//! * [`MemorySecretStore`] — in memory only, for tests and throwaway sessions.
//! * [`FileSecretStore`] — the **explicit** fallback for a headless Linux machine without a
//!   keystore. It keeps the key in a file readable only by the user (mode 0600): anyone who can
//!   read that file and the database can read the cache. It is never chosen silently; the
//!   caller has to construct it.

mod file;
mod keyring;
mod memory;

use zeroize::Zeroizing;

use crate::error::Result;

pub use file::FileSecretStore;
pub use keyring::KeyringSecretStore;
pub use memory::MemorySecretStore;

/// A place to keep small secrets (keys, tokens) by name.
///
/// Names are stable ASCII strings chosen by the caller (`"skolbryggan.cache.v1"`); they are not
/// secret and must not contain personal data.
///
/// Three answers of [`SecretStore::get`] mean three different things, and the cache acts on
/// each differently:
///
/// * `Ok(Some(secret))` — the secret;
/// * `Ok(None)` — the store is working and holds **no such secret** (a new install, or the
///   secret is gone): the cache starts fresh and keeps old files aside;
/// * `Err(`[`crate::Error::KeyUnavailable`]`)` — the store **cannot answer right now** (device
///   locked, before the first unlock): the cache touches nothing and the caller tries later.
///
/// Any other error ([`crate::Error::Key`]) is a failing store; nothing is touched either.
pub trait SecretStore: Send + Sync {
    /// The secret stored under `name`, `None` when the store has none, or
    /// [`crate::Error::KeyUnavailable`] when it cannot answer right now.
    fn get(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>>;
    /// Stores `secret` under `name`, replacing what was there.
    fn set(&self, name: &str, secret: &[u8]) -> Result<()>;
    /// Removes the secret under `name`; removing a missing secret is not an error.
    fn delete(&self, name: &str) -> Result<()>;
}

impl<T: SecretStore + ?Sized> SecretStore for std::sync::Arc<T> {
    fn get(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        (**self).get(name)
    }
    fn set(&self, name: &str, secret: &[u8]) -> Result<()> {
        (**self).set(name, secret)
    }
    fn delete(&self, name: &str) -> Result<()> {
        (**self).delete(name)
    }
}

/// The platform keystore for this build target, if there is one.
///
/// Returns an [`crate::Error::Key`] error where no keystore can be opened (for example a
/// headless Linux machine without a session keyring); the caller then decides — typically by
/// asking the user — whether to use a [`FileSecretStore`]. There is no silent plain-text
/// fallback.
pub fn default_store() -> Result<KeyringSecretStore> {
    KeyringSecretStore::platform_default()
}
