//! Opening a cache: the files, SQLite's settings and check, the migrations, the key check
//! against the secret store, and rebuilding a cache that cannot be used.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::cipher::{KEY_LEN, StoreCipher, random_key};
use super::error::{CacheError, is_corrupt_file};
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
    /// The database's key is no longer in the secret store (app reinstalled, keystore wiped).
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
}

/// Why an attempt to open failed: the first two are mended by rebuilding.
enum OpenFailure {
    Corrupt(String),
    KeyLost,
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

const KEY_CHECK_AAD: &[u8] = b"skolbryggan key check v1";
const KEY_CHECK_PLAIN: &[u8] = b"skolbryggan";

fn files_of(path: &Path) -> Vec<PathBuf> {
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

fn try_open(
    options: &CacheOptions,
    secrets: &dyn SecretStore,
) -> std::result::Result<(Inner, bool), OpenFailure> {
    if let Some(dir) = options.path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(Error::Io)?;
    }
    let existed = options.path.exists();
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
    let stored_key = secrets.get(&options.key_name)?;
    let master = match (check, stored_key) {
        (Some(check), Some(key)) => {
            let cipher = StoreCipher::new(&key)?;
            match cipher.open(&check, KEY_CHECK_AAD) {
                Ok(plain) if plain.as_slice() == KEY_CHECK_PLAIN => cipher,
                _ => return Err(OpenFailure::Fatal(CacheError::WrongKey.into())),
            }
        }
        (Some(_), None) => return Err(OpenFailure::KeyLost),
        (None, key) => {
            let key = match key {
                Some(k) if k.len() == KEY_LEN => k,
                Some(k) => {
                    return Err(OpenFailure::Fatal(
                        CacheError::KeyLength {
                            expected: KEY_LEN,
                            found: k.len(),
                        }
                        .into(),
                    ));
                }
                None => {
                    let fresh = random_key()?;
                    secrets.set(&options.key_name, fresh.as_slice())?;
                    zeroize::Zeroizing::new(fresh.to_vec())
                }
            };
            let cipher = StoreCipher::new(&key)?;
            let sealed = cipher.seal(KEY_CHECK_PLAIN, KEY_CHECK_AAD)?;
            conn.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('key_check', ?1)",
                params![sealed],
            )?;
            cipher
        }
    };
    Ok((
        Inner {
            conn,
            master,
            accounts: HashMap::new(),
        },
        existed,
    ))
}

impl Cache {
    /// Opens (or creates) the cache at `path` with the key named [`DEFAULT_KEY_NAME`](super::DEFAULT_KEY_NAME) in
    /// `secrets`. See [`Cache::open_with`].
    pub fn open(path: impl Into<PathBuf>, secrets: Arc<dyn SecretStore>) -> Result<Cache> {
        Cache::open_with(CacheOptions::new(path), secrets)
    }

    /// Opens (or creates) a cache.
    ///
    /// * A missing key is created in `secrets` (random, 32 bytes).
    /// * A key that does not open the database: [`CacheError::WrongKey`] (nothing is
    ///   deleted); a failing secret store: its [`Error::Key`].
    /// * A damaged database file, or one whose key is gone from `secrets`: the files are
    ///   deleted and an empty cache is created; [`Cache::open_event`] says so.
    pub fn open_with(options: CacheOptions, secrets: Arc<dyn SecretStore>) -> Result<Cache> {
        let (inner, event) = match try_open(&options, secrets.as_ref()) {
            Ok((inner, existed)) => (
                inner,
                if existed {
                    OpenEvent::Opened
                } else {
                    OpenEvent::Created
                },
            ),
            Err(OpenFailure::Fatal(e)) => return Err(e),
            Err(failure) => {
                let reason = match failure {
                    OpenFailure::Corrupt(detail) => RebuildReason::Corrupt { detail },
                    _ => RebuildReason::KeyLost,
                };
                tracing::warn!(?reason, "rebuilding the cache");
                remove_files(&options.path)?;
                secrets.delete(&options.key_name)?;
                match try_open(&options, secrets.as_ref()) {
                    Ok((inner, _)) => (inner, OpenEvent::Rebuilt { reason }),
                    Err(OpenFailure::Fatal(e)) => return Err(e),
                    Err(_) => return Err(CacheError::RebuildFailed.into()),
                }
            }
        };
        Ok(Cache {
            inner: Mutex::new(inner),
            options,
            secrets,
            event,
        })
    }
}
