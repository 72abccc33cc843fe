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

impl Cache {
    /// The change feed of `account`, oldest first (only unread ones if `unread_only`).
    pub fn changes(&self, account: &AccountId, unread_only: bool) -> Result<Vec<Change>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(Vec::new());
            };
            let mut stmt = inner
                .conn
                .prepare_cached("SELECT seq, value FROM changes WHERE scope = ?1 ORDER BY seq")?;
            let rows = stmt.query_map(params![keys.scope.as_slice()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (seq, sealed) = row?;
                let stored: StoredChange =
                    keys.cipher.open_json(&sealed, &change_aad(&keys, seq))?;
                if !unread_only || !stored.read {
                    out.push(to_change(seq, stored));
                }
            }
            Ok(out)
        })
    }

    /// Marks feed entries as read. Unknown ids are ignored.
    pub fn mark_read(&self, account: &AccountId, ids: &[i64]) -> Result<()> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(());
            };
            let tx = inner.conn.transaction()?;
            for &seq in ids {
                let sealed: Option<Vec<u8>> = tx
                    .query_row(
                        "SELECT value FROM changes WHERE seq = ?1 AND scope = ?2",
                        params![seq, keys.scope.as_slice()],
                        |r| r.get(0),
                    )
                    .optional()?;
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
                )?;
            }
            Ok(tx.commit()?)
        })
    }
}
