//! Storing what a write action read from upstream (the fresh read before it, the read-back
//! after it) as a refresh would store it: checked for the child, with its sync metadata and the
//! changes it brought.

use super::engine::{SyncEngine, blocking};
use super::fetch::validate;
use crate::cache::{Change, ResourceData, ResourceId, diff};
use crate::error::Result;
use crate::model::AccountId;

impl SyncEngine {
    /// Stores `data`, just read from upstream for `id`, as fresh (fetched now, no failure).
    /// Data that claims another child is refused ([`crate::Error::WrongChild`]). Returns the
    /// change-feed entries it made (none for a resource that was never cached before).
    pub async fn store_fresh(
        &self,
        account: &AccountId,
        id: ResourceId,
        data: ResourceData,
    ) -> Result<Vec<Change>> {
        validate(&id, account, &data)?;
        let now = self.inner.clock.now();
        let acc = account.clone();
        blocking(&self.inner.cache, move |c| {
            let mut meta = c.get_meta(&acc, &id)?;
            let had_data = meta.fetched_at.is_some();
            meta.fetched_at = Some(now);
            meta.attempted_at = Some(now);
            meta.failure_count = 0;
            meta.last_error = None;
            let changes = match (&id.child, had_data) {
                (Some(child), true) => match c.get_resource(&acc, &id)? {
                    Some(old) => diff(child, &old, &data),
                    None => Vec::new(),
                },
                _ => Vec::new(),
            };
            c.put_resource(&acc, &id, &data, &meta, &changes, now)
        })
        .await
    }
}
