//! Storing and reading resources: their sealed values, their sync metadata, and the index.

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};

use super::account_keys::AccountKeys;
use super::error::{CacheError, IntegrityFailure};
use super::feed::{Change, NewChange};
use super::feed_store::append_changes;
use super::items::{get_sealed, index_for_write, load_index, put_sealed, resource_key};
use super::resource::{ResourceData, ResourceId, ResourceKind, SyncMeta};
use super::store::Cache;
use crate::error::Result;
use crate::model::{AccountId, FamilySnapshot, IsoWeek};

/// Stores a resource's value and its sync metadata (two sealed rows).
pub(super) fn put_resource_rows(
    conn: &Connection,
    keys: &AccountKeys,
    id: &ResourceId,
    data: &ResourceData,
    meta: &SyncMeta,
) -> super::error::CacheResult<()> {
    put_sealed(conn, keys, &resource_key(keys, "res", id), data)?;
    put_sealed(conn, keys, &resource_key(keys, "meta", id), meta)
}

impl Cache {
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
        let max_changes = self.options.max_changes;
        self.with(|inner| {
            let keys = inner.keys_for_write(account)?;
            let tx = inner.conn.transaction()?;
            put_resource_rows(&tx, &keys, id, data, meta)?;
            // The index of the account's resources.
            let index_key = keys.cipher.lookup_key(&["index"]);
            let mut index = index_for_write(&tx, &keys, &index_key)?;
            if let Err(pos) = index.resources.binary_search(id) {
                index.resources.insert(pos, id.clone());
                put_sealed(&tx, &keys, &index_key, &index)?;
            }
            let out = append_changes(&tx, &keys, changes, at, max_changes)?;
            tx.commit()?;
            Ok(out)
        })
    }

    /// Stores many resources with the same metadata in one transaction (no change feed).
    pub(crate) fn put_many<'a>(
        &self,
        account: &AccountId,
        resources: impl Iterator<Item = (&'a ResourceId, &'a ResourceData)>,
        meta: &SyncMeta,
        _at: Timestamp,
    ) -> Result<()> {
        self.with(|inner| {
            let keys = inner.keys_for_write(account)?;
            let tx = inner.conn.transaction()?;
            let index_key = keys.cipher.lookup_key(&["index"]);
            let mut index = index_for_write(&tx, &keys, &index_key)?;
            for (id, data) in resources {
                put_resource_rows(&tx, &keys, id, data, meta)?;
                if let Err(pos) = index.resources.binary_search(id) {
                    index.resources.insert(pos, id.clone());
                }
            }
            put_sealed(&tx, &keys, &index_key, &index)?;
            Ok(tx.commit()?)
        })
    }

    /// Stores only the sync metadata of a resource (after a failed attempt).
    pub fn put_meta(&self, account: &AccountId, id: &ResourceId, meta: &SyncMeta) -> Result<()> {
        self.with(|inner| {
            let keys = inner.keys_for_write(account)?;
            let meta_key = resource_key(&keys, "meta", id);
            put_sealed(&inner.conn, &keys, &meta_key, meta)
        })
    }

    /// The cached value of a resource, if any. A damaged or moved value is a
    /// [`CacheError::Integrity`] error.
    pub fn get_resource(
        &self,
        account: &AccountId,
        id: &ResourceId,
    ) -> Result<Option<ResourceData>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(None);
            };
            let key = resource_key(&keys, "res", id);
            match get_sealed::<ResourceData>(&inner.conn, &keys, &key)? {
                Some(d) if d.kind() != id.kind => {
                    Err(CacheError::Integrity(IntegrityFailure::WrongKind))
                }
                other => Ok(other),
            }
        })
    }

    /// The sync metadata of a resource (default when never synced).
    pub fn get_meta(&self, account: &AccountId, id: &ResourceId) -> Result<SyncMeta> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(SyncMeta::default());
            };
            let key = resource_key(&keys, "meta", id);
            Ok(get_sealed(&inner.conn, &keys, &key)?.unwrap_or_default())
        })
    }

    /// Every resource cached for `account`.
    pub fn resources(&self, account: &AccountId) -> Result<Vec<ResourceId>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(Vec::new());
            };
            Ok(load_index(&inner.conn, &keys)?.resources)
        })
    }

    /// Every cached resource of `account` with its metadata.
    pub fn resource_states(&self, account: &AccountId) -> Result<Vec<(ResourceId, SyncMeta)>> {
        self.resource_states_where(account, |_| true)
    }

    /// The cached resources of `account` that `keep` accepts, with their metadata (only their
    /// metadata is opened).
    pub fn resource_states_where(
        &self,
        account: &AccountId,
        keep: impl Fn(&ResourceId) -> bool,
    ) -> Result<Vec<(ResourceId, SyncMeta)>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(Vec::new());
            };
            let index = load_index(&inner.conn, &keys)?;
            let mut out = Vec::with_capacity(index.resources.len());
            for id in index.resources.into_iter().filter(|id| keep(id)) {
                let key = resource_key(&keys, "meta", &id);
                let meta = get_sealed(&inner.conn, &keys, &key)?.unwrap_or_default();
                out.push((id, meta));
            }
            Ok(out)
        })
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

    /// Only the resources `keep` accepts (a screen that needs some weeks of one kind and no
    /// week of another, such as the home cards).
    pub fn load_where(
        &self,
        account: &AccountId,
        keep: impl Fn(&ResourceId) -> bool,
    ) -> Result<FamilySnapshot> {
        self.load_filtered(account, keep)
    }

    fn load_filtered(
        &self,
        account: &AccountId,
        keep: impl Fn(&ResourceId) -> bool,
    ) -> Result<FamilySnapshot> {
        self.with(|inner| {
            let mut snapshot = FamilySnapshot::empty();
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(snapshot);
            };
            let index = load_index(&inner.conn, &keys)?;
            let mut stmt = inner
                .conn
                .prepare_cached("SELECT value FROM items WHERE key = ?1")?;
            for id in index.resources.iter().filter(|id| keep(id)) {
                let key = resource_key(&keys, "res", id);
                let sealed: Option<Vec<u8>> = stmt
                    .query_row(params![key.as_slice()], |r| r.get(0))
                    .optional()?;
                if let Some(sealed) = sealed {
                    let data: ResourceData = keys.cipher.open_json(&sealed, &key)?;
                    data.merge_into(&mut snapshot);
                }
            }
            // An event spanning several weeks is stored in each of them.
            let mut seen = std::collections::HashSet::new();
            snapshot.calendar.retain(|e| seen.insert(e.id.clone()));
            Ok(snapshot)
        })
    }
}
