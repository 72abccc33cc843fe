//! The encrypted SQLite store.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use jiff::Timestamp;
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::cipher::{KEY_LEN, StoreCipher, random_key};
use super::feed::{Change, NewChange};
use super::resource::{ResourceData, ResourceId, ResourceKind, SyncMeta};
use super::schema::{migrate, sql_err};
use crate::error::{Error, Result};
use crate::model::{AccountId, FamilySnapshot, IsoWeek};
use crate::provider::SavedSession;
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
}

impl CacheOptions {
    /// Defaults for a database at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        CacheOptions {
            path: path.into(),
            key_name: DEFAULT_KEY_NAME.to_owned(),
            verify_on_open: true,
            max_changes: 1000,
        }
    }
}

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

/// What [`Cache::forget_account`] removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForgetReport {
    /// Sealed items removed (resources, metadata, index, sessions).
    pub items_removed: usize,
    /// Change-feed entries removed.
    pub changes_removed: usize,
    /// True when an upstream session was among them.
    pub session_removed: bool,
    /// True when the account's key was destroyed (crypto-shredding).
    pub key_destroyed: bool,
    /// True when the whole database and its key were deleted ([`Cache::destroy`]).
    pub database_deleted: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct AccountIndex {
    resources: Vec<ResourceId>,
}

#[derive(Serialize, Deserialize)]
struct StoredChange {
    child_id: crate::model::EntityId,
    kind: super::feed::ChangeKind,
    entity_id: crate::model::EntityId,
    title: String,
    at: Timestamp,
    read: bool,
}

struct AccountKeys {
    scope: [u8; 32],
    cipher: StoreCipher,
}

struct Inner {
    conn: Connection,
    master: StoreCipher,
    accounts: HashMap<AccountId, Arc<AccountKeys>>,
}

/// The encrypted, offline-first cache of one device.
///
/// Every value is sealed (see [`super::cipher`]); lookup keys are keyed hashes. One SQLite
/// connection behind a mutex is the single writer; call the methods from a blocking thread
/// (`tokio::task::spawn_blocking`), as the sync engine does, not from an async task.
pub struct Cache {
    inner: Mutex<Inner>,
    options: CacheOptions,
    secrets: Arc<dyn SecretStore>,
    event: OpenEvent,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("path", &self.options.path)
            .field("event", &self.event)
            .finish_non_exhaustive()
    }
}

enum OpenFailure {
    Corrupt(String),
    KeyLost,
    Fatal(Error),
}

fn classify(e: rusqlite::Error) -> OpenFailure {
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && matches!(f.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    {
        return OpenFailure::Corrupt(format!("{e}"));
    }
    OpenFailure::Fatal(sql_err(e))
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

fn remove_files(path: &Path) -> Result<()> {
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
    let mut conn = Connection::open(&options.path).map_err(classify)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(classify)?;
    // journal_mode answers with a row.
    let _mode: String = conn
        .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
        .map_err(classify)?;
    conn.execute_batch(
        "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY;",
    )
    .map_err(classify)?;
    if existed && options.verify_on_open {
        let verdict: String = conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(classify)?;
        if verdict != "ok" {
            return Err(OpenFailure::Corrupt("quick_check failed".to_owned()));
        }
    }
    migrate(&mut conn).map_err(|e| match e {
        Error::Cache(msg) if msg.contains("malformed") || msg.contains("not a database") => {
            OpenFailure::Corrupt(msg)
        }
        e => OpenFailure::Fatal(e),
    })?;
    let check: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE name = 'key_check'", [], |r| {
            r.get(0)
        })
        .optional()
        .map_err(classify)?;
    let stored_key = secrets.get(&options.key_name)?;
    let master = match (check, stored_key) {
        (Some(check), Some(key)) => {
            let cipher = StoreCipher::new(&key)?;
            match cipher.open(&check, KEY_CHECK_AAD) {
                Ok(plain) if plain.as_slice() == KEY_CHECK_PLAIN => cipher,
                _ => {
                    return Err(OpenFailure::Fatal(Error::Key(
                        "the key in the secret store does not open this cache".to_owned(),
                    )));
                }
            }
        }
        (Some(_), None) => return Err(OpenFailure::KeyLost),
        (None, key) => {
            let key = match key {
                Some(k) if k.len() == KEY_LEN => k,
                Some(_) => {
                    return Err(OpenFailure::Fatal(Error::Key(
                        "the stored cache key has a wrong length".to_owned(),
                    )));
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
            )
            .map_err(classify)?;
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
    /// Opens (or creates) the cache at `path` with the key named [`DEFAULT_KEY_NAME`] in
    /// `secrets`. See [`Cache::open_with`].
    pub fn open(path: impl Into<PathBuf>, secrets: Arc<dyn SecretStore>) -> Result<Cache> {
        Cache::open_with(CacheOptions::new(path), secrets)
    }

    /// Opens (or creates) a cache.
    ///
    /// * A missing key is created in `secrets` (random, 32 bytes).
    /// * A key that does not open the database: [`Error::Key`] (nothing is deleted).
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
                    Err(_) => {
                        return Err(Error::Cache("the cache could not be rebuilt".to_owned()));
                    }
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

    /// What happened when the cache was opened (created, opened, or rebuilt and why).
    pub fn open_event(&self) -> &OpenEvent {
        &self.event
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.options.path
    }

    fn lock(&self) -> Result<MutexGuard<'_, Inner>> {
        self.inner
            .lock()
            .map_err(|_| Error::Cache("the cache is unusable after a panic".to_owned()))
    }

    /// Stores a fetched resource, its metadata and the changes it brought, in one transaction.
    /// Returns the changes with their feed ids.
    pub fn put_resource(
        &self,
        account: &AccountId,
        id: &ResourceId,
        data: &ResourceData,
        meta: &SyncMeta,
        changes: &[NewChange],
        at: Timestamp,
    ) -> Result<Vec<Change>> {
        let mut inner = self.lock()?;
        let keys = inner
            .account_keys(account, true)?
            .ok_or_else(missing_account)?;
        let max_changes = self.options.max_changes;
        let tx = inner.conn.transaction().map_err(sql_err)?;
        put_resource_rows(&tx, &keys, id, data, meta)?;
        // The index of the account's resources.
        let index_key = keys.cipher.lookup_key(&["index"]);
        let mut index = index_for_write(&tx, &keys, &index_key)?;
        if let Err(pos) = index.resources.binary_search(id) {
            index.resources.insert(pos, id.clone());
            put_sealed(&tx, &keys, &index_key, &index)?;
        }
        let mut out = Vec::with_capacity(changes.len());
        if !changes.is_empty() {
            let mut seq: i64 = tx
                .query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |r| {
                    r.get(0)
                })
                .map_err(sql_err)?;
            for c in changes {
                seq += 1;
                let stored = StoredChange {
                    child_id: c.child_id.clone(),
                    kind: c.kind,
                    entity_id: c.entity_id.clone(),
                    title: c.title.clone(),
                    at,
                    read: false,
                };
                let aad = change_aad(&keys, seq);
                tx.execute(
                    "INSERT INTO changes (seq, scope, value) VALUES (?1, ?2, ?3)",
                    params![
                        seq,
                        keys.scope.as_slice(),
                        keys.cipher.seal_json(&stored, &aad)?
                    ],
                )
                .map_err(sql_err)?;
                out.push(to_change(seq, stored));
            }
            // Keep the newest `max_changes` of this account.
            tx.execute(
                "DELETE FROM changes WHERE scope = ?1 AND seq <= (SELECT seq FROM changes \
                 WHERE scope = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)",
                params![keys.scope.as_slice(), max_changes as i64],
            )
            .map_err(sql_err)?;
        }
        tx.commit().map_err(sql_err)?;
        Ok(out)
    }

    /// Stores many resources with the same metadata in one transaction (no change feed).
    pub(crate) fn put_many<'a>(
        &self,
        account: &AccountId,
        resources: impl Iterator<Item = (&'a ResourceId, &'a ResourceData)>,
        meta: &SyncMeta,
        _at: Timestamp,
    ) -> Result<()> {
        let mut inner = self.lock()?;
        let keys = inner
            .account_keys(account, true)?
            .ok_or_else(missing_account)?;
        let tx = inner.conn.transaction().map_err(sql_err)?;
        let index_key = keys.cipher.lookup_key(&["index"]);
        let mut index = index_for_write(&tx, &keys, &index_key)?;
        for (id, data) in resources {
            put_resource_rows(&tx, &keys, id, data, meta)?;
            if let Err(pos) = index.resources.binary_search(id) {
                index.resources.insert(pos, id.clone());
            }
        }
        put_sealed(&tx, &keys, &index_key, &index)?;
        tx.commit().map_err(sql_err)
    }

    /// Stores only the sync metadata of a resource (after a failed attempt).
    pub fn put_meta(&self, account: &AccountId, id: &ResourceId, meta: &SyncMeta) -> Result<()> {
        let mut inner = self.lock()?;
        let keys = inner
            .account_keys(account, true)?
            .ok_or_else(missing_account)?;
        let meta_key = resource_key(&keys, "meta", id);
        put_sealed(&inner.conn, &keys, &meta_key, meta)
    }

    /// The cached value of a resource, if any. A damaged or moved value is an
    /// [`Error::Integrity`] error.
    pub fn get_resource(
        &self,
        account: &AccountId,
        id: &ResourceId,
    ) -> Result<Option<ResourceData>> {
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(None);
        };
        let key = resource_key(&keys, "res", id);
        let data: Option<ResourceData> = get_item(&inner.conn, &key)?
            .map(|v| keys.cipher.open_json(&v, &key))
            .transpose()?;
        match data {
            Some(d) if d.kind() != id.kind => Err(Error::Integrity(
                "a cached resource holds another kind of data".to_owned(),
            )),
            other => Ok(other),
        }
    }

    /// The sync metadata of a resource (default when never synced).
    pub fn get_meta(&self, account: &AccountId, id: &ResourceId) -> Result<SyncMeta> {
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(SyncMeta::default());
        };
        let key = resource_key(&keys, "meta", id);
        Ok(get_item(&inner.conn, &key)?
            .map(|v| keys.cipher.open_json(&v, &key))
            .transpose()?
            .unwrap_or_default())
    }

    /// Every resource cached for `account`.
    pub fn resources(&self, account: &AccountId) -> Result<Vec<ResourceId>> {
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(Vec::new());
        };
        Ok(load_index(&inner.conn, &keys)?.resources)
    }

    /// Every cached resource of `account` with its metadata.
    pub fn resource_states(&self, account: &AccountId) -> Result<Vec<(ResourceId, SyncMeta)>> {
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(Vec::new());
        };
        let index = load_index(&inner.conn, &keys)?;
        let mut out = Vec::with_capacity(index.resources.len());
        for id in index.resources {
            let key = resource_key(&keys, "meta", &id);
            let meta = get_item(&inner.conn, &key)?
                .map(|v| keys.cipher.open_json(&v, &key))
                .transpose()?
                .unwrap_or_default();
            out.push((id, meta));
        }
        Ok(out)
    }

    /// Everything cached for `account`, as one snapshot.
    pub fn load_snapshot(&self, account: &AccountId) -> Result<FamilySnapshot> {
        self.load_filtered(account, |_| true)
    }

    /// What the week view of `week` needs: the account-level data, every per-child resource
    /// that is not per week, and the per-week resources of `week` only.
    pub fn load_week(&self, account: &AccountId, week: IsoWeek) -> Result<FamilySnapshot> {
        self.load_filtered(account, |id| id.week.is_none_or(|w| w == week))
    }

    /// Only the resources of the given kinds (every child, every week), e.g. the news for a
    /// news screen: one decryption per resource read, none for the rest of the family.
    pub fn load_kinds(
        &self,
        account: &AccountId,
        kinds: &[ResourceKind],
    ) -> Result<FamilySnapshot> {
        self.load_filtered(account, |id| kinds.contains(&id.kind))
    }

    fn load_filtered(
        &self,
        account: &AccountId,
        keep: impl Fn(&ResourceId) -> bool,
    ) -> Result<FamilySnapshot> {
        let mut snapshot = FamilySnapshot::empty();
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(snapshot);
        };
        let index = load_index(&inner.conn, &keys)?;
        let mut stmt = inner
            .conn
            .prepare_cached("SELECT value FROM items WHERE key = ?1")
            .map_err(sql_err)?;
        for id in index.resources.iter().filter(|id| keep(id)) {
            let key = resource_key(&keys, "res", id);
            let sealed: Option<Vec<u8>> = stmt
                .query_row(params![key.as_slice()], |r| r.get(0))
                .optional()
                .map_err(sql_err)?;
            if let Some(sealed) = sealed {
                let data: ResourceData = keys.cipher.open_json(&sealed, &key)?;
                data.merge_into(&mut snapshot);
            }
        }
        // An event spanning several weeks is stored in each of them.
        let mut seen = std::collections::HashSet::new();
        snapshot.calendar.retain(|e| seen.insert(e.id.clone()));
        Ok(snapshot)
    }

    /// Stores the upstream session (cookies) of `session.provider`, sealed.
    pub fn save_session(&self, session: &SavedSession) -> Result<()> {
        self.save_session_under(&session.account, session)
    }

    /// Stores (sealed) a provider's session under `account`, which may differ from the
    /// session's own account (a second system joined through a shared login).
    pub fn save_session_under(&self, account: &AccountId, session: &SavedSession) -> Result<()> {
        let mut inner = self.lock()?;
        let keys = inner
            .account_keys(account, true)?
            .ok_or_else(missing_account)?;
        let key = keys.cipher.lookup_key(&["session", &session.provider]);
        put_sealed(&inner.conn, &keys, &key, session)
    }

    /// The stored session of `provider` for `account`.
    pub fn session(&self, account: &AccountId, provider: &str) -> Result<Option<SavedSession>> {
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(None);
        };
        let key = keys.cipher.lookup_key(&["session", provider]);
        get_item(&inner.conn, &key)?
            .map(|v| keys.cipher.open_json(&v, &key))
            .transpose()
    }

    /// Removes the stored session of `provider` (the data stays). True when there was one.
    pub fn delete_session(&self, account: &AccountId, provider: &str) -> Result<bool> {
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(false);
        };
        let key = keys.cipher.lookup_key(&["session", provider]);
        let n = inner
            .conn
            .execute("DELETE FROM items WHERE key = ?1", params![key.as_slice()])
            .map_err(sql_err)?;
        Ok(n > 0)
    }

    /// The change feed of `account`, oldest first (only unread ones if `unread_only`).
    pub fn changes(&self, account: &AccountId, unread_only: bool) -> Result<Vec<Change>> {
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(Vec::new());
        };
        let mut stmt = inner
            .conn
            .prepare_cached("SELECT seq, value FROM changes WHERE scope = ?1 ORDER BY seq")
            .map_err(sql_err)?;
        let rows = stmt
            .query_map(params![keys.scope.as_slice()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .map_err(sql_err)?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, sealed) = row.map_err(sql_err)?;
            let stored: StoredChange = keys.cipher.open_json(&sealed, &change_aad(&keys, seq))?;
            if !unread_only || !stored.read {
                out.push(to_change(seq, stored));
            }
        }
        Ok(out)
    }

    /// Marks feed entries as read. Unknown ids are ignored.
    pub fn mark_read(&self, account: &AccountId, ids: &[i64]) -> Result<()> {
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(());
        };
        let tx = inner.conn.transaction().map_err(sql_err)?;
        for &seq in ids {
            let sealed: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT value FROM changes WHERE seq = ?1 AND scope = ?2",
                    params![seq, keys.scope.as_slice()],
                    |r| r.get(0),
                )
                .optional()
                .map_err(sql_err)?;
            let Some(sealed) = sealed else { continue };
            let aad = change_aad(&keys, seq);
            let mut stored: StoredChange = keys.cipher.open_json(&sealed, &aad)?;
            if stored.read {
                continue;
            }
            stored.read = true;
            tx.execute(
                "UPDATE changes SET value = ?1 WHERE seq = ?2",
                params![keys.cipher.seal_json(&stored, &aad)?, seq],
            )
            .map_err(sql_err)?;
        }
        tx.commit().map_err(sql_err)
    }

    /// Forgets an account: its session, data, change feed and key are deleted (with SQLite's
    /// `secure_delete`, and the WAL is checkpointed and truncated), so nothing of it can be
    /// decrypted afterwards.
    pub fn forget_account(&self, account: &AccountId) -> Result<ForgetReport> {
        let mut inner = self.lock()?;
        let Some(keys) = inner.account_keys(account, false)? else {
            return Ok(ForgetReport::default());
        };
        let mut report = ForgetReport::default();
        {
            let conn = &inner.conn;
            let index = load_index(conn, &keys)?;
            let providers: std::collections::BTreeSet<&str> = index
                .resources
                .iter()
                .map(|r| r.provider.as_str())
                .collect();
            for p in providers {
                let key = keys.cipher.lookup_key(&["session", p]);
                if get_item(conn, &key)?.is_some() {
                    report.session_removed = true;
                }
            }
        }
        let tx = inner.conn.transaction().map_err(sql_err)?;
        // A session without any resource yet is found by scanning the account's items.
        if !report.session_removed {
            let mut stmt = tx
                .prepare("SELECT key, value FROM items WHERE scope = ?1")
                .map_err(sql_err)?;
            let rows = stmt
                .query_map(params![keys.scope.as_slice()], |r| {
                    Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?))
                })
                .map_err(sql_err)?;
            for row in rows {
                let (key, value) = row.map_err(sql_err)?;
                if keys.cipher.open_json::<SavedSession>(&value, &key).is_ok() {
                    report.session_removed = true;
                }
            }
        }
        report.items_removed = tx
            .execute(
                "DELETE FROM items WHERE scope = ?1",
                params![keys.scope.as_slice()],
            )
            .map_err(sql_err)?;
        report.changes_removed = tx
            .execute(
                "DELETE FROM changes WHERE scope = ?1",
                params![keys.scope.as_slice()],
            )
            .map_err(sql_err)?;
        report.key_destroyed = tx
            .execute(
                "DELETE FROM account_keys WHERE scope = ?1",
                params![keys.scope.as_slice()],
            )
            .map_err(sql_err)?
            > 0;
        tx.commit().map_err(sql_err)?;
        inner.accounts.remove(account);
        let _: (i64, i64, i64) = inner
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(sql_err)?;
        Ok(report)
    }

    /// Deletes the whole cache: the database files and the database key in the secret store.
    pub fn destroy(self) -> Result<ForgetReport> {
        let Cache {
            inner,
            options,
            secrets,
            ..
        } = self;
        let inner = inner
            .into_inner()
            .map_err(|_| Error::Cache("the cache is unusable after a panic".to_owned()))?;
        let Inner { conn, .. } = inner;
        conn.close().map_err(|(_, e)| sql_err(e))?;
        remove_files(&options.path)?;
        secrets.delete(&options.key_name)?;
        Ok(ForgetReport {
            key_destroyed: true,
            database_deleted: true,
            ..Default::default()
        })
    }

    /// Runs SQLite's full `integrity_check`; true when the file is sound.
    pub fn integrity_check(&self) -> Result<bool> {
        let inner = self.lock()?;
        let verdict: String = inner
            .conn
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
            .map_err(sql_err)?;
        Ok(verdict == "ok")
    }

    /// Folds the WAL into the database file (and truncates it).
    pub fn checkpoint(&self) -> Result<()> {
        let inner = self.lock()?;
        let _: (i64, i64, i64) = inner
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(sql_err)?;
        Ok(())
    }
}

fn missing_account() -> Error {
    Error::Cache("no key for the account".to_owned())
}

impl Inner {
    /// The account's keys; created (when `create`) on first use.
    fn account_keys(
        &mut self,
        account: &AccountId,
        create: bool,
    ) -> Result<Option<Arc<AccountKeys>>> {
        if let Some(k) = self.accounts.get(account) {
            return Ok(Some(Arc::clone(k)));
        }
        let scope = self.master.lookup_key(&["account", account.as_str()]);
        let sealed: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT sealed FROM account_keys WHERE scope = ?1",
                params![scope.as_slice()],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        let key = match sealed {
            Some(sealed) => self.master.open(&sealed, &scope)?,
            None if create => {
                let key = random_key()?;
                let sealed = self.master.seal(key.as_slice(), &scope)?;
                self.conn
                    .execute(
                        "INSERT INTO account_keys (scope, sealed) VALUES (?1, ?2)",
                        params![scope.as_slice(), sealed],
                    )
                    .map_err(sql_err)?;
                zeroize::Zeroizing::new(key.to_vec())
            }
            None => return Ok(None),
        };
        let keys = Arc::new(AccountKeys {
            scope,
            cipher: StoreCipher::new(&key)?,
        });
        self.accounts.insert(account.clone(), Arc::clone(&keys));
        Ok(Some(keys))
    }
}

fn resource_key(keys: &AccountKeys, space: &str, id: &ResourceId) -> [u8; 32] {
    let [p, c, k, w] = id.key_parts();
    keys.cipher.lookup_key(&[space, &p, &c, &k, &w])
}

fn change_aad(keys: &AccountKeys, seq: i64) -> [u8; 32] {
    keys.cipher.lookup_key(&["change", &seq.to_string()])
}

fn to_change(seq: i64, s: StoredChange) -> Change {
    Change {
        id: seq,
        child_id: s.child_id,
        kind: s.kind,
        entity_id: s.entity_id,
        title: s.title,
        at: s.at,
        read: s.read,
    }
}

/// Seals `value` with `key` as its associated data and stores it under `key`.
fn put_sealed<T: Serialize + ?Sized>(
    conn: &Connection,
    keys: &AccountKeys,
    key: &[u8; 32],
    value: &T,
) -> Result<()> {
    put_item(conn, keys, key, &keys.cipher.seal_json(value, key)?)
}

/// Stores a resource's value and its sync metadata (two sealed rows).
fn put_resource_rows(
    conn: &Connection,
    keys: &AccountKeys,
    id: &ResourceId,
    data: &ResourceData,
    meta: &SyncMeta,
) -> Result<()> {
    put_sealed(conn, keys, &resource_key(keys, "res", id), data)?;
    put_sealed(conn, keys, &resource_key(keys, "meta", id), meta)
}

fn put_item(conn: &Connection, keys: &AccountKeys, key: &[u8; 32], sealed: &[u8]) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO items (key, scope, value) VALUES (?1, ?2, ?3)")
        .map_err(sql_err)?
        .execute(params![key.as_slice(), keys.scope.as_slice(), sealed])
        .map_err(sql_err)?;
    Ok(())
}

fn get_item(conn: &Connection, key: &[u8; 32]) -> Result<Option<Vec<u8>>> {
    conn.prepare_cached("SELECT value FROM items WHERE key = ?1")
        .map_err(sql_err)?
        .query_row(params![key.as_slice()], |r| r.get(0))
        .optional()
        .map_err(sql_err)
}

fn load_index(conn: &Connection, keys: &AccountKeys) -> Result<AccountIndex> {
    let key = keys.cipher.lookup_key(&["index"]);
    Ok(get_item(conn, &key)?
        .map(|v| keys.cipher.open_json(&v, &key))
        .transpose()?
        .unwrap_or_default())
}

/// The index, for a write: a damaged index is started again (the resources it listed are
/// re-indexed as they are fetched again) rather than blocking every future write.
fn index_for_write(
    conn: &Connection,
    keys: &AccountKeys,
    index_key: &[u8; 32],
) -> Result<AccountIndex> {
    match get_item(conn, index_key)?.map(|v| keys.cipher.open_json(&v, index_key)) {
        Some(Ok(index)) => Ok(index),
        Some(Err(e)) => {
            tracing::warn!(error = %e, "the cache index was damaged; starting it again");
            Ok(AccountIndex::default())
        }
        None => Ok(AccountIndex::default()),
    }
}
