//! The change feed as the client serves it: paging since an id, one entry by id, read by
//! entity, and the notified watermark (apart from read).

use super::{Client, blocking};
use crate::cache::Change;
use crate::error::Result;
use crate::model::EntityId;

impl Client {
    /// At most `limit` feed entries with an id above `after_id` (0: from the start), oldest
    /// first, only `child`'s when given.
    pub async fn changes_since(
        &self,
        after_id: i64,
        child: Option<&EntityId>,
        limit: usize,
    ) -> Result<Vec<Change>> {
        let account = self.require_account()?;
        let cache = self.inner.engine.cache().clone();
        let child = child.cloned();
        blocking(move || cache.changes_since(&account, after_id, child.as_ref(), limit)).await
    }

    /// One feed entry by id (a notification's deep link); `None` when unknown or trimmed.
    pub async fn change(&self, id: i64) -> Result<Option<Change>> {
        let account = self.require_account()?;
        let cache = self.inner.engine.cache().clone();
        blocking(move || cache.change(&account, id)).await
    }

    /// Marks every feed entry about `entity_id` read (call it when the user opens the news
    /// item, event or assignment). Returns how many entries were newly marked.
    pub async fn mark_entity_read(&self, entity_id: &EntityId) -> Result<usize> {
        let account = self.require_account()?;
        let cache = self.inner.engine.cache().clone();
        let entity = entity_id.clone();
        blocking(move || cache.mark_entity_read(&account, &entity)).await
    }

    /// Records that notifications were posted for every entry up to `up_to_id`; they are not
    /// returned by [`Client::unnotified`] again, read or not. The watermark never moves back.
    pub async fn mark_notified(&self, up_to_id: i64) -> Result<()> {
        let account = self.require_account()?;
        let cache = self.inner.engine.cache().clone();
        blocking(move || cache.mark_notified(&account, up_to_id)).await
    }

    /// The feed entries not yet notified, oldest first.
    pub async fn unnotified(&self) -> Result<Vec<Change>> {
        let account = self.require_account()?;
        let cache = self.inner.engine.cache().clone();
        blocking(move || cache.unnotified(&account)).await
    }
}
