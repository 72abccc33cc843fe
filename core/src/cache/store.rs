//! The cache handle: one SQLite connection and the unlocked keys behind a mutex.
//!
//! What the handle does lives beside it, one concept a file: opening, the key check and
//! rebuilding ([`super::open`]), account keys and crypto-shredding ([`super::account_keys`]),
//! resources ([`super::resource_store`]), sessions ([`super::session_store`]) and the change
//! feed ([`super::feed_store`]), over the sealed rows of [`super::items`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

use super::account_keys::AccountKeys;
use super::cipher::StoreCipher;
use super::error::{CacheError, CacheResult};
use super::open::OpenEvent;
use super::open::remove_files;
use crate::error::Result;
use crate::model::{AccountId, AccountKey};
use crate::secrets::SecretStore;

/// The secret-store name of the database key unless [`CacheOptions::key_name`] says otherwise.
pub const DEFAULT_KEY_NAME: &str = "skolbryggan.cache.v1";

/// How to open a cache.
#[derive(Debug, Clone)]
pub struct CacheOptions {
    /// The database file (`-wal` and `-shm` files live beside it).
    pub path: PathBuf,
    /// Name of the database key in the [`SecretStore`].
    pub key_name: String,
    /// Run SQLite's `quick_check` when opening, and rebuild the cache if it fails.
    pub verify_on_open: bool,
    /// How many change-feed entries to keep per account (older ones are dropped).
    pub max_changes: usize,
    /// How much loaded content (images, attachments) to keep.
    pub content: super::ContentLimits,
}

impl CacheOptions {
    /// Defaults for a database at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        CacheOptions {
            path: path.into(),
            key_name: DEFAULT_KEY_NAME.to_owned(),
            verify_on_open: true,
            max_changes: 1000,
            content: super::ContentLimits::default(),
        }
    }
}

/// The open connection and the keys unlocked so far.
pub(super) struct Inner {
    pub(super) conn: Connection,
    pub(super) master: StoreCipher,
    pub(super) accounts: HashMap<AccountId, Arc<AccountKeys>>,
    /// The key of account ids, derived from the database key ([`Cache::account_key`]).
    pub(super) account_key: AccountKey,
}

/// The encrypted, offline-first cache of one device.
///
/// Every value is sealed (see [`super::cipher`]); lookup keys are keyed hashes. One SQLite
/// connection behind a mutex is the single writer; call the methods from a blocking thread
/// (`tokio::task::spawn_blocking`), as the sync engine does, not from an async task.
pub struct Cache {
    pub(super) inner: Mutex<Inner>,
    pub(super) options: CacheOptions,
    pub(super) secrets: Arc<dyn SecretStore>,
    pub(super) event: OpenEvent,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("path", &self.options.path)
            .field("event", &self.event)
            .finish_non_exhaustive()
    }
}

impl Cache {
    /// What happened when the cache was opened (created, opened, or rebuilt and why).
    pub fn open_event(&self) -> &OpenEvent {
        &self.event
    }

    /// This installation's key of account ids ([`AccountKey`]): derived from the database key
    /// in the secret store (BLAKE3 `derive_key`, its own context), so it is the same every
    /// time this cache opens and different in another installation, and it is never stored.
    pub fn account_key(&self) -> Result<AccountKey> {
        self.with(|inner| Ok(inner.account_key.clone()))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.options.path
    }

    fn lock(&self) -> CacheResult<MutexGuard<'_, Inner>> {
        self.inner.lock().map_err(|_| CacheError::Poisoned)
    }

    /// Runs `work` on the locked connection. This is where the cache's own errors become the
    /// crate's (through `From<CacheError> for Error`).
    pub(super) fn with<T>(&self, work: impl FnOnce(&mut Inner) -> CacheResult<T>) -> Result<T> {
        let mut inner = self.lock()?;
        Ok(work(&mut inner)?)
    }

    /// Deletes the whole cache: the database files and the database key in the secret store.
    pub fn destroy(self) -> Result<super::ForgetReport> {
        let Cache {
            inner,
            options,
            secrets,
            ..
        } = self;
        let inner = inner.into_inner().map_err(|_| CacheError::Poisoned)?;
        let Inner { conn, .. } = inner;
        conn.close().map_err(|(_, e)| CacheError::from(e))?;
        remove_files(&options.path)?;
        secrets.delete(&options.key_name)?;
        Ok(super::ForgetReport {
            key_destroyed: true,
            database_deleted: true,
            ..Default::default()
        })
    }

    /// Runs SQLite's full `integrity_check`; true when the file is sound.
    pub fn integrity_check(&self) -> Result<bool> {
        self.with(|inner| {
            let verdict: String = inner
                .conn
                .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
            Ok(verdict == "ok")
        })
    }

    /// Folds the WAL into the database file (and truncates it).
    pub fn checkpoint(&self) -> Result<()> {
        self.with(|inner| checkpoint(&inner.conn))
    }
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`: the WAL's pages are written into the database file and
/// the WAL is emptied.
pub(super) fn checkpoint(conn: &Connection) -> CacheResult<()> {
    let _: (i64, i64, i64) = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(())
}
