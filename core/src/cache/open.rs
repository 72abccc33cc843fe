//! Opening a cache: the files, SQLite's settings and check, the migrations, the key check
//! against the secret store, and rebuilding a cache that cannot be used.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::cipher::{KEY_LEN, StoreCipher, random_key};
use super::error::{CacheError, is_corrupt_file};
use super::orphans;
use super::schema::migrate;
use super::store::{Cache, CacheOptions, Inner};
use crate::error::{Error, Result};
use crate::secrets::SecretStore;

/// Why an existing cache was thrown away and started empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum RebuildReason {
    /// The database file was damaged (not a database, failed its check).
    Corrupt {
        /// What SQLite said (no personal data: the file is encrypted).
        detail: String,
    },
    /// The database's key is not in the secret store (app reinstalled, keystore wiped, another
    /// key store used). The old files were kept aside, not deleted.
    KeyLost,
}

/// What happened when the cache was opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum OpenEvent {
    /// A new, empty cache was created.
    Created,
    /// An existing cache was opened.
    Opened,
    /// The existing cache could not be used and was replaced by an empty one.
    Rebuilt {
        /// Why.
        #[serde(flatten)]
        reason: RebuildReason,
    },
    /// The store's key did not open the live cache but opened one kept aside earlier (the
    /// key store it was made with is used again): that cache is back, and the live one was
    /// kept aside in turn.
    Recovered,
}

/// Why an attempt to open with a key failed: a damaged file is mended by rebuilding, a key
/// that does not fit may belong to an orphan.
enum OpenFailure {
    Corrupt(String),
    WrongKey,
    Fatal(Error),
}

impl From<CacheError> for OpenFailure {
    fn from(e: CacheError) -> Self {
        if e.is_corrupt_file() {
            return OpenFailure::Corrupt(e.to_string());
        }
        OpenFailure::Fatal(e.into())
    }
}

impl From<rusqlite::Error> for OpenFailure {
    fn from(e: rusqlite::Error) -> Self {
        if is_corrupt_file(&e) {
            return OpenFailure::Corrupt(format!("{e}"));
        }
        OpenFailure::Fatal(CacheError::from(e).into())
    }
}

impl From<Error> for OpenFailure {
    fn from(e: Error) -> Self {
        OpenFailure::Fatal(e)
    }
}

/// What the key check in `meta` is bound to.
pub(super) const KEY_CHECK_AAD: &[u8] = b"skolbryggan key check v1";
/// What the key check holds, sealed with the database key.
pub(super) const KEY_CHECK_PLAIN: &[u8] = b"skolbryggan";

/// The database file and its `-wal`, `-shm` and `-journal` companions.
pub(super) fn files_of(path: &Path) -> Vec<PathBuf> {
    let mut out = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        out.push(PathBuf::from(p));
    }
    out
}

/// Removes the database file and its `-wal`, `-shm` and `-journal` companions.
pub(super) fn remove_files(path: &Path) -> Result<()> {
    for file in files_of(path) {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::Io(e)),
        }
    }
    Ok(())
}

/// Opens the database at `options.path` with `key` (creating the file and its key check when
/// there is none yet). Asks no secret store.
fn try_open(options: &CacheOptions, key: &[u8]) -> std::result::Result<(Inner, bool), OpenFailure> {
    if key.len() != KEY_LEN {
        return Err(OpenFailure::Fatal(
            CacheError::KeyLength {
                expected: KEY_LEN,
                found: key.len(),
            }
            .into(),
        ));
    }
    if let Some(dir) = options.path.parent()
        && !dir.as_os_str().is_empty()
    {
        super::private_files::ensure_private_dir(dir).map_err(Error::Io)?;
    }
    let existed = options.path.exists();
    // Created `0600` before SQLite opens it: its `-wal` and `-shm` files take the same mode.
    super::private_files::ensure_private_file(&options.path).map_err(Error::Io)?;
    let mut conn = Connection::open(&options.path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // journal_mode answers with a row.
    let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    conn.execute_batch(
        "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY;",
    )?;
    if existed && options.verify_on_open {
        let verdict: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(OpenFailure::Corrupt("quick_check failed".to_owned()));
        }
    }
    migrate(&mut conn)?;
    let check: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE name = 'key_check'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let cipher = StoreCipher::new(key)?;
    match check {
        Some(check) => match cipher.open(&check, KEY_CHECK_AAD) {
            Ok(plain) if plain.as_slice() == KEY_CHECK_PLAIN => {}
            _ => return Err(OpenFailure::WrongKey),
        },
        None => {
            let sealed = cipher.seal(KEY_CHECK_PLAIN, KEY_CHECK_AAD)?;
            conn.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('key_check', ?1)",
                params![sealed],
            )?;
        }
    }
    Ok((
        Inner {
            conn,
            master: cipher,
            accounts: HashMap::new(),
            account_key: crate::model::AccountKey::derive(key),
        },
        existed,
    ))
}

/// A new random key, stored in `secrets` (before any file is written or moved).
fn new_key(options: &CacheOptions, secrets: &dyn SecretStore) -> Result<Zeroizing<Vec<u8>>> {
    let fresh = random_key()?;
    secrets.set(&options.key_name, fresh.as_slice())?;
    Ok(Zeroizing::new(fresh.to_vec()))
}

/// The database opened (or created) with a key just made.
fn create(options: &CacheOptions, key: &[u8]) -> Result<Inner> {
    match try_open(options, key) {
        Ok((inner, _)) => Ok(inner),
        Err(OpenFailure::Fatal(e)) => Err(e),
        Err(_) => Err(CacheError::RebuildFailed.into()),
    }
}

impl Cache {
    /// Opens (or creates) the cache at `path` with the key named [`DEFAULT_KEY_NAME`](super::DEFAULT_KEY_NAME) in
    /// `secrets`. See [`Cache::open_with`].
    pub fn open(path: impl Into<PathBuf>, secrets: Arc<dyn SecretStore>) -> Result<Cache> {
        Cache::open_with(CacheOptions::new(path), secrets)
    }

    /// Opens (or creates) a cache. The secret store is asked first, and its answer decides:
    ///
    /// * **It cannot answer now** ([`Error::KeyUnavailable`], device locked) or it fails
    ///   ([`Error::Key`]): that error, and no file is created, changed or removed.
    /// * **No key, no cache files** (a new install): a random 32-byte key is stored, then an
    ///   empty cache created ([`OpenEvent::Created`]).
    /// * **No key, but cache files** (the key is lost, or another key store is used): the old
    ///   files are moved aside as an orphan (`<file>.orphaned-<ms>`, never deleted silently), a
    ///   new key and an empty cache are made ([`OpenEvent::Rebuilt`] with
    ///   [`RebuildReason::KeyLost`]). Orphans stay until [`Cache::remove_orphans`] (the client
    ///   calls it after a successful login).
    /// * **A key that does not open the database**: if it opens an orphan (the right key store
    ///   is back), the orphan is swapped in and the current files become the orphan
    ///   ([`OpenEvent::Recovered`]); otherwise [`CacheError::WrongKey`] and nothing is deleted.
    /// * **A damaged database file**: the files and the key are deleted and an empty cache is
    ///   created ([`OpenEvent::Rebuilt`] with [`RebuildReason::Corrupt`]).
    pub fn open_with(options: CacheOptions, secrets: Arc<dyn SecretStore>) -> Result<Cache> {
        // Ask the store before touching any file: a locked keystore must cost nothing.
        let stored = secrets.get(&options.key_name)?;
        let (inner, event) = match stored {
            None if orphans::any_file_exists(&options.path) => {
                // The new key first: a store that refuses it leaves the old files in place.
                let key = new_key(&options, secrets.as_ref())?;
                orphans::move_aside(&options.path)?;
                tracing::warn!(
                    "the key store has no key for the existing cache; its files are kept aside"
                );
                (
                    create(&options, &key)?,
                    OpenEvent::Rebuilt {
                        reason: RebuildReason::KeyLost,
                    },
                )
            }
            None => {
                let key = new_key(&options, secrets.as_ref())?;
                (create(&options, &key)?, OpenEvent::Created)
            }
            // No live cache, but the key opens one kept aside: bring it back.
            Some(key)
                if !orphans::any_file_exists(&options.path)
                    && orphans::find_opened_by(&options.path, &key)?.is_some() =>
            {
                (recover(&options, &key)?, OpenEvent::Recovered)
            }
            Some(key) => match try_open(&options, &key) {
                Ok((inner, existed)) => (
                    inner,
                    if existed {
                        OpenEvent::Opened
                    } else {
                        OpenEvent::Created
                    },
                ),
                Err(OpenFailure::Fatal(e)) => return Err(e),
                Err(OpenFailure::WrongKey) => (recover(&options, &key)?, OpenEvent::Recovered),
                Err(OpenFailure::Corrupt(detail)) => {
                    let reason = RebuildReason::Corrupt { detail };
                    tracing::warn!(?reason, "rebuilding the cache");
                    remove_files(&options.path)?;
                    secrets.delete(&options.key_name)?;
                    let key = new_key(&options, secrets.as_ref())?;
                    (create(&options, &key)?, OpenEvent::Rebuilt { reason })
                }
            },
        };
        Ok(Cache {
            inner: Mutex::new(inner),
            options,
            secrets,
            event,
        })
    }

    /// The orphaned caches kept aside beside this one (their database files), newest first.
    pub fn orphans(&self) -> Result<Vec<PathBuf>> {
        orphans::list(&self.options.path)
    }

    /// Deletes the orphaned caches kept aside (after a successful login, when the old data is
    /// no longer wanted); returns how many there were.
    pub fn remove_orphans(&self) -> Result<usize> {
        orphans::remove_all(&self.options.path)
    }
}

/// The store's key does not open the live database: swap in the orphan it opens, keeping the
/// live files as an orphan in turn. Without such an orphan: [`CacheError::WrongKey`].
fn recover(options: &CacheOptions, key: &[u8]) -> Result<Inner> {
    let Some(orphan) = orphans::find_opened_by(&options.path, key)? else {
        return Err(CacheError::WrongKey.into());
    };
    tracing::warn!("the key store's key opens a cache kept aside; restoring it");
    if orphans::any_file_exists(&options.path) {
        orphans::move_aside(&options.path)?;
    }
    orphans::restore(&orphan, &options.path)?;
    match try_open(options, key) {
        Ok((inner, _)) => Ok(inner),
        Err(OpenFailure::Fatal(e)) => Err(e),
        Err(OpenFailure::WrongKey) => Err(CacheError::WrongKey.into()),
        Err(OpenFailure::Corrupt(_)) => Err(CacheError::RebuildFailed.into()),
    }
}
