//! The upstream sessions (cookies, tokens) of each account's providers, sealed.

use rusqlite::params;

use super::items::{get_sealed, put_sealed};
use super::store::Cache;
use crate::error::Result;
use crate::model::AccountId;
use crate::provider::SavedSession;

impl Cache {
    /// Stores the upstream session (cookies) of `session.provider`, sealed.
    pub fn save_session(&self, session: &SavedSession) -> Result<()> {
        self.save_session_under(&session.account, session)
    }

    /// Stores (sealed) a provider's session under `account`, which may differ from the
    /// session's own account (a second system joined through a shared login).
    pub fn save_session_under(&self, account: &AccountId, session: &SavedSession) -> Result<()> {
        self.with(|inner| {
            let keys = inner.keys_for_write(account)?;
            let key = keys.cipher.lookup_key(&["session", &session.provider]);
            put_sealed(&inner.conn, &keys, &key, session)
        })
    }

    /// The stored session of `provider` for `account`.
    pub fn session(&self, account: &AccountId, provider: &str) -> Result<Option<SavedSession>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(None);
            };
            let key = keys.cipher.lookup_key(&["session", provider]);
            get_sealed(&inner.conn, &keys, &key)
        })
    }

    /// Removes the stored session of `provider` (the data stays). True when there was one.
    pub fn delete_session(&self, account: &AccountId, provider: &str) -> Result<bool> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(false);
            };
            let key = keys.cipher.lookup_key(&["session", provider]);
            let n = inner
                .conn
                .execute("DELETE FROM items WHERE key = ?1", params![key.as_slice()])?;
            Ok(n > 0)
        })
    }
}
