//! Loaded content (news images, attachments) in the cache: sealed like every other value,
//! looked up by a keyed hash of its URL, capped per item and in total, and evicted least
//! recently used first.
//!
//! A row's value is the media type and the bytes, sealed under the account's key with the
//! row's key as associated data (so a value moved to another URL's row fails to open). `used`
//! is a counter raised on every store and read, not a time: the table holds no timestamps.

use rusqlite::{Connection, OptionalExtension, params};

use super::account_keys::AccountKeys;
use super::error::{CacheError, CacheResult, IntegrityFailure};
use super::store::Cache;
use crate::error::Result;
use crate::model::AccountId;

/// How much content the cache keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentLimits {
    /// The largest item kept (and loaded at all), in bytes of content.
    pub max_item_bytes: u64,
    /// The most kept in total (sealed bytes, every account); the least recently used items
    /// are evicted beyond it.
    pub max_total_bytes: u64,
}

impl Default for ContentLimits {
    /// 10 MB per item, 100 MB in total.
    fn default() -> Self {
        ContentLimits {
            max_item_bytes: 10 * 1024 * 1024,
            max_total_bytes: 100 * 1024 * 1024,
        }
    }
}

/// One cached item: its media type and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredContent {
    /// The media type (`image/png`).
    pub media_type: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// What [`Cache::put_content`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContentPut {
    /// True when the item was stored (false: larger than the per-item cap).
    pub stored: bool,
    /// How many other items were evicted to stay under the total cap.
    pub evicted: usize,
}

/// The row key of `url` for an account.
fn content_key(keys: &AccountKeys, url: &str) -> [u8; 32] {
    keys.cipher.lookup_key(&["content", url])
}

/// The plaintext of a row: the media type's length (one byte), the media type, the bytes.
fn frame(content: &StoredContent) -> Vec<u8> {
    let media_type = if content.media_type.len() <= usize::from(u8::MAX) {
        content.media_type.as_str()
    } else {
        "application/octet-stream"
    };
    let mut out = Vec::with_capacity(1 + media_type.len() + content.bytes.len());
    out.push(media_type.len() as u8);
    out.extend_from_slice(media_type.as_bytes());
    out.extend_from_slice(&content.bytes);
    out
}

fn unframe(plain: &[u8]) -> CacheResult<StoredContent> {
    let bad = || CacheError::Integrity(IntegrityFailure::WrongKind);
    let (&len, rest) = plain.split_first().ok_or_else(bad)?;
    let len = usize::from(len);
    let media_type = rest.get(..len).ok_or_else(bad)?;
    let media_type = std::str::from_utf8(media_type)
        .map_err(|_| bad())?
        .to_owned();
    Ok(StoredContent {
        media_type,
        bytes: rest.get(len..).ok_or_else(bad)?.to_vec(),
    })
}

/// The next value of the `used` counter.
fn next_use(conn: &Connection) -> CacheResult<i64> {
    let last: i64 = conn.query_row("SELECT COALESCE(MAX(used), 0) FROM content", [], |r| {
        r.get(0)
    })?;
    Ok(last + 1)
}

/// Deletes the least recently used rows until the total is at most `max_total`.
fn evict(conn: &Connection, max_total: u64) -> CacheResult<usize> {
    let total: i64 = conn.query_row("SELECT COALESCE(SUM(size), 0) FROM content", [], |r| {
        r.get(0)
    })?;
    let mut excess = u64::try_from(total).unwrap_or(0).saturating_sub(max_total);
    let mut evicted = 0;
    while excess > 0 {
        let oldest: Option<(Vec<u8>, i64)> = conn
            .query_row(
                "SELECT key, size FROM content ORDER BY used ASC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((key, size)) = oldest else { break };
        conn.execute("DELETE FROM content WHERE key = ?1", params![key])?;
        excess = excess.saturating_sub(u64::try_from(size).unwrap_or(0));
        evicted += 1;
    }
    Ok(evicted)
}

impl Cache {
    /// The limits the cache keeps content under ([`super::CacheOptions::content`]).
    pub fn content_limits(&self) -> ContentLimits {
        self.options.content
    }

    /// Stores the content loaded from `url` for `account`, sealed, then evicts the least
    /// recently used items beyond the total cap. An item over the per-item cap is not stored.
    pub fn put_content(
        &self,
        account: &AccountId,
        url: &str,
        content: &StoredContent,
    ) -> Result<ContentPut> {
        let limits = self.options.content;
        if content.bytes.len() as u64 > limits.max_item_bytes {
            return Ok(ContentPut::default());
        }
        self.with(|inner| {
            let keys = inner.keys_for_write(account)?;
            let key = content_key(&keys, url);
            let sealed = keys.cipher.seal(&frame(content), &key)?;
            let tx = inner.conn.transaction()?;
            let used = next_use(&tx)?;
            tx.execute(
                "INSERT OR REPLACE INTO content (key, scope, value, size, used) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    key.as_slice(),
                    keys.scope.as_slice(),
                    sealed,
                    sealed.len() as i64,
                    used
                ],
            )?;
            let evicted = evict(&tx, limits.max_total_bytes)?;
            tx.commit()?;
            Ok(ContentPut {
                // The item itself is evicted when it alone is over the total cap.
                stored: content_present(&inner.conn, &key)?,
                evicted,
            })
        })
    }

    /// The content cached for `url`, if any; reading it marks it as recently used. A damaged
    /// or moved value is a [`CacheError::Integrity`] error.
    pub fn get_content(&self, account: &AccountId, url: &str) -> Result<Option<StoredContent>> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(None);
            };
            let key = content_key(&keys, url);
            let sealed: Option<Vec<u8>> = inner
                .conn
                .query_row(
                    "SELECT value FROM content WHERE key = ?1",
                    params![key.as_slice()],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(sealed) = sealed else {
                return Ok(None);
            };
            let content = unframe(&keys.cipher.open(&sealed, &key)?)?;
            let used = next_use(&inner.conn)?;
            inner.conn.execute(
                "UPDATE content SET used = ?1 WHERE key = ?2",
                params![used, key.as_slice()],
            )?;
            Ok(Some(content))
        })
    }

    /// How many content items and sealed bytes the cache holds (every account).
    pub fn content_usage(&self) -> Result<(usize, u64)> {
        self.with(|inner| {
            let (count, total): (i64, i64) = inner.conn.query_row(
                "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM content",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            Ok((
                usize::try_from(count).unwrap_or(0),
                u64::try_from(total).unwrap_or(0),
            ))
        })
    }
}

fn content_present(conn: &Connection, key: &[u8; 32]) -> CacheResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM content WHERE key = ?1",
            params![key.as_slice()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_bad_frames_are_integrity_errors() {
        let content = StoredContent {
            media_type: "image/png".to_owned(),
            bytes: vec![0x89, b'P', 0, 1, 2],
        };
        assert_eq!(unframe(&frame(&content)).unwrap(), content);
        let empty = StoredContent {
            media_type: String::new(),
            bytes: Vec::new(),
        };
        assert_eq!(unframe(&frame(&empty)).unwrap(), empty);
        assert!(unframe(&[]).is_err());
        assert!(unframe(&[9, b'i']).is_err());
        assert!(unframe(&[2, 0xff, 0xfe]).is_err());
    }

    #[test]
    fn an_overlong_media_type_is_stored_as_bytes() {
        let content = StoredContent {
            media_type: "x".repeat(300),
            bytes: vec![1],
        };
        assert_eq!(
            unframe(&frame(&content)).unwrap().media_type,
            "application/octet-stream"
        );
    }
}
