//! Moving an account's data from one account id to another, in one transaction: the one-time
//! move from the legacy, unkeyed account id of a personal number to the keyed one
//! ([`crate::model::AccountKey`]).
//!
//! The account keeps its random data key, so every lookup key that does not name an entity
//! (the index, sessions, the feed watermark, the menu sources, feed entries, content) stays;
//! the resources' lookup keys name their child's entity id and are computed again. Every
//! value is opened, its account and entity ids rewritten ([`rebase_account`]) and sealed
//! again under its (new) key; the rows move to the new account's scope, and the account's key
//! row is sealed again under it. With `secure_delete` on and the WAL truncated afterwards,
//! nothing of the old id's rows remains in the files.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::account_keys::AccountKeys;
use super::error::CacheResult;
use super::feed_store::change_aad;
use super::items::{load_index, resource_key};
use super::resource::ResourceId;
use super::store::{Cache, checkpoint};
use crate::error::Result;
use crate::model::{AccountId, rebase_account};

/// What [`Cache::rebase_account`] moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RebaseReport {
    /// The cache account the data is under afterwards (`to` when the account itself moved).
    pub account: Option<AccountId>,
    /// Sealed items written again (resources, metadata, index, sessions, watermark, menus).
    pub items: usize,
    /// Change-feed entries written again (their read flags kept).
    pub changes: usize,
    /// Loaded content items moved to the new scope.
    pub content: usize,
    /// Account and entity ids rewritten inside the values.
    pub ids_rewritten: usize,
    /// Items that no longer opened (damaged) and were dropped rather than moved.
    pub dropped: usize,
}

/// `plain` with `from` rebased to `to` when it is JSON (every sealed item is); the count of
/// rewritten ids beside it.
fn rebase_plain(plain: &[u8], from: &AccountId, to: &AccountId) -> CacheResult<(Vec<u8>, usize)> {
    match serde_json::from_slice::<serde_json::Value>(plain) {
        Ok(mut value) => {
            let n = rebase_account(&mut value, from, to);
            let bytes = serde_json::to_vec(&value).map_err(|e| super::CacheError::encode(&e))?;
            Ok((bytes, n))
        }
        Err(_) => Ok((plain.to_vec(), 0)),
    }
}

/// The new lookup keys of the resources whose child is in `from`'s namespace (value and
/// metadata rows), by their old keys.
fn moved_resource_keys(
    conn: &Connection,
    keys: &AccountKeys,
    from: &AccountId,
    to: &AccountId,
) -> CacheResult<HashMap<[u8; 32], [u8; 32]>> {
    let mut out = HashMap::new();
    for id in load_index(conn, keys)?.resources {
        let Some(child) = id.child.as_ref() else {
            continue;
        };
        let mut value = serde_json::Value::String(child.as_str().to_owned());
        if rebase_account(&mut value, from, to) == 0 {
            continue;
        }
        let serde_json::Value::String(new_child) = value else {
            continue;
        };
        let moved = ResourceId {
            child: Some(crate::model::EntityId::from_raw(new_child)),
            ..id.clone()
        };
        for space in ["res", "meta"] {
            out.insert(
                resource_key(keys, space, &id),
                resource_key(keys, space, &moved),
            );
        }
    }
    Ok(out)
}

impl Cache {
    /// True when the cache holds an account called `account` (its key exists).
    pub fn has_account(&self, account: &AccountId) -> Result<bool> {
        self.with(|inner| Ok(inner.account_keys(account, false)?.is_some()))
    }

    /// Rewrites, inside the cache account `family`, every id of the account `from` to `to`:
    /// resources (and their lookup keys), sync metadata, the index, saved sessions, the change
    /// feed with its read flags, the notified watermark, the menu sources. When `family` is
    /// `from` itself, the whole account moves to `to` (its content too), and nothing stays
    /// under `from`. One transaction: on any error nothing changed. An unknown `family`, or a
    /// `to` account that already exists while `family` is `from` (it would be overwritten),
    /// changes nothing (`account` is `None` in the report).
    pub fn rebase_account(
        &self,
        family: &AccountId,
        from: &AccountId,
        to: &AccountId,
    ) -> Result<RebaseReport> {
        self.with(|inner| {
            let mut report = RebaseReport::default();
            if from == to {
                return Ok(report);
            }
            let Some(keys) = inner.account_keys(family, false)? else {
                return Ok(report);
            };
            let target = if family == from { to } else { family };
            if target != family && inner.account_keys(target, false)?.is_some() {
                tracing::warn!("the keyed account exists already; the legacy one is kept");
                return Ok(report);
            }
            let old_scope = keys.scope;
            let new_scope = inner.master.lookup_key(&["account", target.as_str()]);
            let moved_keys = moved_resource_keys(&inner.conn, &keys, from, to)?;
            let tx = inner.conn.transaction()?;
            // Items: opened, rebased, sealed again under their (new) key and scope.
            let rows: Vec<(Vec<u8>, Vec<u8>)> = {
                let mut stmt = tx.prepare("SELECT key, value FROM items WHERE scope = ?1")?;
                let mapped = stmt.query_map(params![old_scope.as_slice()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
                mapped.collect::<std::result::Result<_, _>>()?
            };
            for (key, sealed) in rows {
                tx.execute("DELETE FROM items WHERE key = ?1", params![key])?;
                let Ok(plain) = keys.cipher.open(&sealed, &key) else {
                    report.dropped += 1;
                    continue;
                };
                let (plain, n) = rebase_plain(&plain, from, to)?;
                let zeroized = zeroize::Zeroizing::new(plain);
                let old_key: Option<[u8; 32]> = key.as_slice().try_into().ok();
                let new_key = old_key
                    .and_then(|k| moved_keys.get(&k).copied())
                    .map_or(key, |k| k.to_vec());
                let resealed = keys.cipher.seal(&zeroized, &new_key)?;
                tx.execute(
                    "INSERT OR REPLACE INTO items (key, scope, value) VALUES (?1, ?2, ?3)",
                    params![new_key, new_scope.as_slice(), resealed],
                )?;
                report.items += 1;
                report.ids_rewritten += n;
            }
            // The change feed: same ids and read flags, rebased values, the new scope.
            let changes: Vec<(i64, Vec<u8>)> = {
                let mut stmt = tx.prepare("SELECT seq, value FROM changes WHERE scope = ?1")?;
                let mapped = stmt.query_map(params![old_scope.as_slice()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
                mapped.collect::<std::result::Result<_, _>>()?
            };
            for (seq, sealed) in changes {
                let aad = change_aad(&keys, seq);
                let Ok(plain) = keys.cipher.open(&sealed, &aad) else {
                    tx.execute("DELETE FROM changes WHERE seq = ?1", params![seq])?;
                    report.dropped += 1;
                    continue;
                };
                let (plain, n) = rebase_plain(&plain, from, to)?;
                let zeroized = zeroize::Zeroizing::new(plain);
                tx.execute(
                    "UPDATE changes SET scope = ?1, value = ?2 WHERE seq = ?3",
                    params![
                        new_scope.as_slice(),
                        keys.cipher.seal(&zeroized, &aad)?,
                        seq
                    ],
                )?;
                report.changes += 1;
                report.ids_rewritten += n;
            }
            if new_scope != old_scope {
                // Content is looked up by its URL under the account's key: only its scope moves.
                report.content = tx.execute(
                    "UPDATE content SET scope = ?1 WHERE scope = ?2",
                    params![new_scope.as_slice(), old_scope.as_slice()],
                )?;
                // The same data key, sealed again under the new account's scope.
                let sealed: Vec<u8> = tx.query_row(
                    "SELECT sealed FROM account_keys WHERE scope = ?1",
                    params![old_scope.as_slice()],
                    |r| r.get(0),
                )?;
                let data_key = reseal_key(&inner.master, &sealed, &old_scope, &new_scope)?;
                tx.execute(
                    "DELETE FROM account_keys WHERE scope = ?1",
                    params![old_scope.as_slice()],
                )?;
                tx.execute(
                    "INSERT INTO account_keys (scope, sealed) VALUES (?1, ?2)",
                    params![new_scope.as_slice(), data_key],
                )?;
            }
            tx.commit()?;
            inner.accounts.remove(family);
            inner.accounts.remove(from);
            checkpoint(&inner.conn)?;
            report.account = Some(target.clone());
            Ok(report)
        })
    }
}

/// The account's data key `sealed` under `old_scope`, sealed again under `new_scope`.
fn reseal_key(
    master: &super::cipher::StoreCipher,
    sealed: &[u8],
    old_scope: &[u8; 32],
    new_scope: &[u8; 32],
) -> CacheResult<Vec<u8>> {
    let key = master.open(sealed, old_scope)?;
    master.seal(&key, new_scope)
}
