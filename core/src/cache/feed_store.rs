//! The change feed in the `changes` table: appending, reading, marking read, trimming.

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::account_keys::AccountKeys;
use super::error::CacheResult;
use super::feed::{Change, ChangeKind, NewChange};
use super::store::Cache;
use crate::error::Result;
use crate::model::{AccountId, EntityId};

/// A feed entry as sealed in its row (the row's `seq` is its id).
#[derive(Serialize, Deserialize)]
struct StoredChange {
    child_id: EntityId,
    kind: ChangeKind,
    entity_id: EntityId,
    title: String,
    at: Timestamp,
    read: bool,
}

pub(super) fn change_aad(keys: &AccountKeys, seq: i64) -> [u8; 32] {
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

/// Appends `changes` (made at `at`) to the account's feed inside the caller's transaction and
/// keeps only its newest `max_changes`. Returns the changes with their feed ids.
pub(super) fn append_changes(
    conn: &Connection,
    keys: &AccountKeys,
    changes: &[NewChange],
    at: Timestamp,
    max_changes: usize,
) -> CacheResult<Vec<Change>> {
    let mut out = Vec::with_capacity(changes.len());
    if changes.is_empty() {
        return Ok(out);
    }
    let mut seq: i64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |r| {
        r.get(0)
    })?;
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
        let aad = change_aad(keys, seq);
        conn.execute(
            "INSERT INTO changes (seq, scope, value) VALUES (?1, ?2, ?3)",
            params![
                seq,
                keys.scope.as_slice(),
                keys.cipher.seal_json(&stored, &aad)?
            ],
        )?;
        out.push(to_change(seq, stored));
    }
    // Keep the newest `max_changes` of this account.
    conn.execute(
        "DELETE FROM changes WHERE scope = ?1 AND seq <= (SELECT seq FROM changes \
         WHERE scope = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)",
        params![keys.scope.as_slice(), max_changes as i64],
    )?;
    Ok(out)
}

/// The account's feed entries after `after` (a feed id; 0 for all), oldest first.
pub(super) fn load_changes(
    conn: &Connection,
    keys: &AccountKeys,
    after: i64,
) -> CacheResult<Vec<Change>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, value FROM changes WHERE scope = ?1 AND seq > ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![keys.scope.as_slice(), after], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, sealed) = row?;
        let stored: StoredChange = keys.cipher.open_json(&sealed, &change_aad(keys, seq))?;
        out.push(to_change(seq, stored));
    }
    Ok(out)
}

/// Marks the entries `seqs` read inside the caller's transaction; returns how many changed.
fn mark_rows_read(conn: &Connection, keys: &AccountKeys, seqs: &[i64]) -> CacheResult<usize> {
    let mut marked = 0;
    for &seq in seqs {
        let sealed: Option<Vec<u8>> = conn
            .query_row(
                "SELECT value FROM changes WHERE seq = ?1 AND scope = ?2",
                params![seq, keys.scope.as_slice()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(sealed) = sealed else { continue };
        let aad = change_aad(keys, seq);
        let mut stored: StoredChange = keys.cipher.open_json(&sealed, &aad)?;
        if stored.read {
            continue;
        }
        stored.read = true;
        conn.execute(
            "UPDATE changes SET value = ?1 WHERE seq = ?2",
            params![keys.cipher.seal_json(&stored, &aad)?, seq],
        )?;
        marked += 1;
    }
    Ok(marked)
}

impl Cache {
    /// The change feed of `account`, oldest first (only unread ones if `unread_only`).
    pub fn changes(&self, account: &AccountId, unread_only: bool) -> Result<Vec<Change>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(Vec::new());
            };
            let mut out = load_changes(&inner.conn, &keys, 0)?;
            out.retain(|c| !unread_only || !c.read);
            Ok(out)
        })
    }

    /// At most `limit` feed entries with an id above `after`, oldest first, only `child`'s when
    /// given. Page on with the last entry's id as the next `after`.
    pub fn changes_since(
        &self,
        account: &AccountId,
        after: i64,
        child: Option<&EntityId>,
        limit: usize,
    ) -> Result<Vec<Change>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(Vec::new());
            };
            Ok(load_changes(&inner.conn, &keys, after)?
                .into_iter()
                .filter(|c| child.is_none_or(|id| &c.child_id == id))
                .take(limit)
                .collect())
        })
    }

    /// One feed entry by id (for a deep link from a notification); `None` when it is unknown
    /// or was trimmed.
    pub fn change(&self, account: &AccountId, id: i64) -> Result<Option<Change>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(None);
            };
            let sealed: Option<Vec<u8>> = inner
                .conn
                .query_row(
                    "SELECT value FROM changes WHERE seq = ?1 AND scope = ?2",
                    params![id, keys.scope.as_slice()],
                    |r| r.get(0),
                )
                .optional()?;
            sealed
                .map(|s| {
                    let stored: StoredChange = keys.cipher.open_json(&s, &change_aad(&keys, id))?;
                    Ok(to_change(id, stored))
                })
                .transpose()
        })
    }

    /// Marks feed entries as read. Unknown ids are ignored.
    pub fn mark_read(&self, account: &AccountId, ids: &[i64]) -> Result<()> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(());
            };
            let tx = inner.conn.transaction()?;
            mark_rows_read(&tx, &keys, ids)?;
            Ok(tx.commit()?)
        })
    }

    /// Marks every feed entry about `entity` (a news item, an event, …) read, e.g. when the
    /// user opens it. Returns how many entries were newly marked.
    pub fn mark_entity_read(&self, account: &AccountId, entity: &EntityId) -> Result<usize> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(0);
            };
            let tx = inner.conn.transaction()?;
            let seqs: Vec<i64> = load_changes(&tx, &keys, 0)?
                .into_iter()
                .filter(|c| &c.entity_id == entity && !c.read)
                .map(|c| c.id)
                .collect();
            let marked = mark_rows_read(&tx, &keys, &seqs)?;
            tx.commit()?;
            Ok(marked)
        })
    }
}
