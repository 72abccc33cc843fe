//! The change feed's finer calls: paging since an id, one child, one entry by id (a deep link),
//! read by entity (opening an article), and the notified watermark (apart from read).

use skolbryggan::model::EntityId;

use crate::changes::Change;
use crate::client::Client;
use crate::error::FfiResult;

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// At most `limit` feed entries (0 = 50) with an id above `after_id` (0: from the start),
    /// oldest first; only `child_id`'s when given. Page on with the last id seen.
    pub async fn changes_since(
        &self,
        after_id: i64,
        child_id: Option<String>,
        limit: u32,
    ) -> FfiResult<Vec<Change>> {
        let child = child_id.map(EntityId::from_raw);
        let limit = if limit == 0 { 50 } else { limit as usize };
        let feed = self
            .inner
            .changes_since(after_id, child.as_ref(), limit)
            .await?;
        Ok(feed.iter().map(Change::from).collect())
    }

    /// One feed entry by id (from a notification's deep link); none when unknown or trimmed.
    pub async fn change(&self, change_id: i64) -> FfiResult<Option<Change>> {
        Ok(self
            .inner
            .change(change_id)
            .await?
            .as_ref()
            .map(Change::from))
    }

    /// Marks every feed entry about `entity_id` (a news item, event, assignment…) read: call
    /// it when the user opens it. Returns how many entries were newly marked.
    pub async fn mark_entity_read(&self, entity_id: String) -> FfiResult<u32> {
        let n = self
            .inner
            .mark_entity_read(&EntityId::from_raw(entity_id))
            .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Records that notifications were posted for every entry up to `up_to_id`, so they are
    /// not offered again (read or not). The watermark never moves back.
    pub async fn mark_notified(&self, up_to_id: i64) -> FfiResult<()> {
        Ok(self.inner.mark_notified(up_to_id).await?)
    }

    /// The feed entries no notification was posted for yet, oldest first.
    pub async fn unnotified(&self) -> FfiResult<Vec<Change>> {
        Ok(self
            .inner
            .unnotified()
            .await?
            .iter()
            .map(Change::from)
            .collect())
    }
}
