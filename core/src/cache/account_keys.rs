//! Account keys and crypto-shredding: each account has its own random key, sealed with the
//! database key; forgetting an account deletes its rows and destroys its key.

use std::sync::Arc;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::cipher::{StoreCipher, random_key};
use super::error::{CacheError, CacheResult};
use super::items::{get_item, load_index};
use super::store::{Cache, Inner, checkpoint};
use crate::error::Result;
use crate::model::AccountId;
use crate::provider::SavedSession;

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

/// One account's unlocked key: the scope that marks its rows and the cipher of its values.
pub(super) struct AccountKeys {
    pub(super) scope: [u8; 32],
    pub(super) cipher: StoreCipher,
}

impl Inner {
    /// The account's keys; created (when `create`) on first use.
    pub(super) fn account_keys(
        &mut self,
        account: &AccountId,
        create: bool,
    ) -> CacheResult<Option<Arc<AccountKeys>>> {
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
            .optional()?;
        let key = match sealed {
            Some(sealed) => self.master.open(&sealed, &scope)?,
            None if create => {
                let key = random_key()?;
                let sealed = self.master.seal(key.as_slice(), &scope)?;
                self.conn.execute(
                    "INSERT INTO account_keys (scope, sealed) VALUES (?1, ?2)",
                    params![scope.as_slice(), sealed],
                )?;
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

    /// The account's keys for a write, created on first use.
    pub(super) fn keys_for_write(&mut self, account: &AccountId) -> CacheResult<Arc<AccountKeys>> {
        self.account_keys(account, true)?
            .ok_or(CacheError::AccountKeyMissing)
    }
}

impl Cache {
    /// Forgets an account: its session, data, change feed and key are deleted (with SQLite's
    /// `secure_delete`, and the WAL is checkpointed and truncated), so nothing of it can be
    /// decrypted afterwards.
    pub fn forget_account(&self, account: &AccountId) -> Result<ForgetReport> {
        self.with(|inner| {
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
            let tx = inner.conn.transaction()?;
            // A session without any resource yet is found by scanning the account's items.
            if !report.session_removed {
                let mut stmt = tx.prepare("SELECT key, value FROM items WHERE scope = ?1")?;
                let rows = stmt.query_map(params![keys.scope.as_slice()], |r| {
                    Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?))
                })?;
                for row in rows {
                    let (key, value) = row?;
                    if keys.cipher.open_json::<SavedSession>(&value, &key).is_ok() {
                        report.session_removed = true;
                    }
                }
            }
            report.items_removed = tx.execute(
                "DELETE FROM items WHERE scope = ?1",
                params![keys.scope.as_slice()],
            )?;
            report.items_removed += tx.execute(
                "DELETE FROM content WHERE scope = ?1",
                params![keys.scope.as_slice()],
            )?;
            report.changes_removed = tx.execute(
                "DELETE FROM changes WHERE scope = ?1",
                params![keys.scope.as_slice()],
            )?;
            report.key_destroyed = tx.execute(
                "DELETE FROM account_keys WHERE scope = ?1",
                params![keys.scope.as_slice()],
            )? > 0;
            tx.commit()?;
            inner.accounts.remove(account);
            checkpoint(&inner.conn)?;
            Ok(report)
        })
    }
}
