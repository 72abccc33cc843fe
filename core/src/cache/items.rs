//! Sealed rows of the `items` table, and the per-account index of cached resources.
//!
//! Every value is stored under its opaque lookup key and sealed with that key as associated
//! data, so a value copied into another row fails to open.

use rusqlite::{Connection, OptionalExtension, params};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::account_keys::AccountKeys;
use super::error::CacheResult;
use super::resource::ResourceId;

/// The sorted list of an account's cached resources (sealed like any other value).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct AccountIndex {
    pub(super) resources: Vec<ResourceId>,
}

/// The lookup key of a resource's value (`space` "res") or metadata (`space` "meta").
pub(super) fn resource_key(keys: &AccountKeys, space: &str, id: &ResourceId) -> [u8; 32] {
    let [p, c, k, w] = id.key_parts();
    keys.cipher.lookup_key(&[space, &p, &c, &k, &w])
}

/// Seals `value` with `key` as its associated data and stores it under `key`.
pub(super) fn put_sealed<T: Serialize + ?Sized>(
    conn: &Connection,
    keys: &AccountKeys,
    key: &[u8; 32],
    value: &T,
) -> CacheResult<()> {
    put_item(conn, keys, key, &keys.cipher.seal_json(value, key)?)
}

/// The value stored under `key`, opened; `None` when there is none.
pub(super) fn get_sealed<T: DeserializeOwned>(
    conn: &Connection,
    keys: &AccountKeys,
    key: &[u8; 32],
) -> CacheResult<Option<T>> {
    get_item(conn, key)?
        .map(|v| keys.cipher.open_json(&v, key))
        .transpose()
}

fn put_item(
    conn: &Connection,
    keys: &AccountKeys,
    key: &[u8; 32],
    sealed: &[u8],
) -> CacheResult<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO items (key, scope, value) VALUES (?1, ?2, ?3)")?
        .execute(params![key.as_slice(), keys.scope.as_slice(), sealed])?;
    Ok(())
}

/// The sealed bytes stored under `key`.
pub(super) fn get_item(conn: &Connection, key: &[u8; 32]) -> CacheResult<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT value FROM items WHERE key = ?1")?
        .query_row(params![key.as_slice()], |r| r.get(0))
        .optional()?)
}

/// The account's index (empty when there is none yet).
pub(super) fn load_index(conn: &Connection, keys: &AccountKeys) -> CacheResult<AccountIndex> {
    let key = keys.cipher.lookup_key(&["index"]);
    Ok(get_sealed(conn, keys, &key)?.unwrap_or_default())
}

/// The index, for a write: a damaged index is started again (the resources it listed are
/// re-indexed as they are fetched again) rather than blocking every future write.
pub(super) fn index_for_write(
    conn: &Connection,
    keys: &AccountKeys,
    index_key: &[u8; 32],
) -> CacheResult<AccountIndex> {
    match get_item(conn, index_key)?.map(|v| keys.cipher.open_json(&v, index_key)) {
        Some(Ok(index)) => Ok(index),
        Some(Err(e)) => {
            tracing::warn!(error = %e, "the cache index was damaged; starting it again");
            Ok(AccountIndex::default())
        }
        None => Ok(AccountIndex::default()),
    }
}
