//! The public menu sources attached to children ([`crate::provider::menus::MenuSource`]): one
//! sealed item per account, a map from child id to source. No schema change (an `items` row
//! like the feed watermark); forgetting the account removes it with the account's other rows.

use super::items::{get_sealed, load_index, put_sealed};
use super::resource::{ResourceData, ResourceKind, SyncMeta};
use super::resource_store::put_resource_rows;
use super::store::Cache;
use crate::error::Result;
use crate::model::{AccountId, EntityId};
use crate::provider::menus::{MenuSource, MenuSources};

const MENU_SOURCES: &str = "menu-sources";

impl Cache {
    /// The menu sources attached to `account`'s children (empty when none).
    pub fn menu_sources(&self, account: &AccountId) -> Result<MenuSources> {
        self.with(|inner| {
            let Some(keys) = inner.account_keys(account, false)? else {
                return Ok(MenuSources::new());
            };
            let key = keys.cipher.lookup_key(&[MENU_SOURCES]);
            Ok(get_sealed::<MenuSources>(&inner.conn, &keys, &key)?.unwrap_or_default())
        })
    }

    /// Attaches `source` to `child` (replacing an earlier one), or detaches with `None`.
    /// Returns the source it replaced. With `forget_cached_menu` (the child's platform has no
    /// menu of its own, so every cached menu week came from the old source), the child's
    /// cached menu weeks are emptied and marked never fetched in the same transaction, so a
    /// read no longer shows the old school's menu and the next refresh fetches the new one.
    pub fn set_menu_source(
        &self,
        account: &AccountId,
        child: &EntityId,
        source: Option<MenuSource>,
        forget_cached_menu: bool,
    ) -> Result<Option<MenuSource>> {
        self.with(|inner| {
            let keys = inner.keys_for_write(account)?;
            let key = keys.cipher.lookup_key(&[MENU_SOURCES]);
            let tx = inner.conn.transaction()?;
            let mut sources = get_sealed::<MenuSources>(&tx, &keys, &key)?.unwrap_or_default();
            let before = match source {
                Some(s) => sources.insert(child.clone(), s),
                None => sources.remove(child),
            };
            put_sealed(&tx, &keys, &key, &sources)?;
            if forget_cached_menu {
                let index = load_index(&tx, &keys)?;
                let menus = index
                    .resources
                    .iter()
                    .filter(|id| id.kind == ResourceKind::Menu && id.child.as_ref() == Some(child));
                for id in menus {
                    put_resource_rows(
                        &tx,
                        &keys,
                        id,
                        &ResourceData::Menu(Vec::new()),
                        &SyncMeta::default(),
                    )?;
                }
            }
            tx.commit()?;
            Ok(before)
        })
    }
}
