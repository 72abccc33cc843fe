//! The notified watermark of the change feed: the highest feed id the app has posted a
//! notification for, kept apart from "read" so an entry is notified once even while unread.

use serde::{Deserialize, Serialize};

use super::feed::Change;
use super::feed_store::load_changes;
use super::items::{get_sealed, put_sealed};
use super::store::Cache;
use crate::error::Result;
use crate::model::AccountId;

/// The watermark as sealed in its item.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Notified {
    up_to: i64,
}

const WATERMARK: &str = "feed-notified";

impl Cache {
    /// The highest feed id marked notified (0 when none).
    pub fn notified_up_to(&self, account: &AccountId) -> Result<i64> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(0);
            };
            let key = keys.cipher.lookup_key(&[WATERMARK]);
            Ok(get_sealed::<Notified>(&inner.conn, &keys, &key)?.map_or(0, |n| n.up_to))
        })
    }

    /// Records that the app has notified every entry up to `up_to` (a feed id). The watermark
    /// never moves back: a smaller id than the current one changes nothing.
    pub fn mark_notified(&self, account: &AccountId, up_to: i64) -> Result<()> {
        self.with(|inner| {
            let keys = inner.keys_for_write(account)?;
            let key = keys.cipher.lookup_key(&[WATERMARK]);
            let tx = inner.conn.transaction()?;
            let current = get_sealed::<Notified>(&tx, &keys, &key)?.map_or(0, |n| n.up_to);
            if up_to > current {
                put_sealed(&tx, &keys, &key, &Notified { up_to })?;
            }
            Ok(tx.commit()?)
        })
    }

    /// The feed entries above the notified watermark, oldest first, read or not.
    pub fn unnotified(&self, account: &AccountId) -> Result<Vec<Change>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(Vec::new());
            };
            let key = keys.cipher.lookup_key(&[WATERMARK]);
            let after = get_sealed::<Notified>(&inner.conn, &keys, &key)?.map_or(0, |n| n.up_to);
            load_changes(&inner.conn, &keys, after)
        })
    }
}
