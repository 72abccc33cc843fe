//! Public lunch menus attached to children: searching a menu service for a school, attaching
//! it to a child (stored sealed in the cache) and detaching it. A refresh then fetches the
//! attached menu for a child whose platform publishes none ([`Client::with_public_menus`]);
//! the week overview and [`Client::menu`] show it like a platform's own.

use std::sync::Arc;

use super::Client;
use crate::cache::ResourceKind;
use crate::error::{Error, Result};
use crate::http::HttpConfig;
use crate::model::{AccountId, Child, EntityId, EntityKind};
use crate::provider::Provider;
use crate::provider::menus::{
    MenuClient, MenuSchool, MenuService, MenuSource, MenuSources, WithPublicMenus,
};
use crate::provider::registry;

/// True when `child`'s platform publishes a menu of its own (an attached source is then kept
/// but not used).
fn platform_has_menu(child: &Child) -> bool {
    registry::for_platform(child.platform)
        .and_then(|e| e.capabilities().ok())
        .is_some_and(|c| c.offers(EntityKind::MenuDay))
}

impl Client {
    fn menu_client(&self) -> Result<MenuClient> {
        let http = HttpConfig {
            upstream: self.inner.upstream.clone(),
            ..HttpConfig::default()
        };
        MenuClient::new(&http)
    }

    /// Schools whose name matches `query` on `service`, or on every menu service when `None`
    /// (no login needed; nothing is cached).
    pub async fn search_menu_schools(
        &self,
        service: Option<MenuService>,
        query: &str,
    ) -> Result<Vec<MenuSchool>> {
        self.menu_client()?.search(service, query).await
    }

    /// Attaches `source` as `child`'s public menu (replacing an earlier one). The child must be
    /// one of the account's cached children. When the child's platform has no menu of its own,
    /// its cached menu weeks are cleared so the next refresh fetches the new school's.
    pub async fn attach_menu(&self, child: &EntityId, source: MenuSource) -> Result<()> {
        source.validate()?;
        self.store_menu_source(child, Some(source)).await?;
        Ok(())
    }

    /// Detaches `child`'s public menu; returns the source it had, if any. The menu it showed
    /// is cleared (when the platform has none of its own).
    pub async fn detach_menu(&self, child: &EntityId) -> Result<Option<MenuSource>> {
        self.store_menu_source(child, None).await
    }

    /// The public menu sources attached to the account's children.
    pub async fn menu_sources(&self) -> Result<MenuSources> {
        let account = self.require_account()?;
        let cache = Arc::clone(self.inner.engine.cache());
        tokio::task::spawn_blocking(move || cache.menu_sources(&account))
            .await
            .map_err(|_| Error::from(crate::cache::CacheError::TaskFailed))?
    }

    async fn store_menu_source(
        &self,
        child: &EntityId,
        source: Option<MenuSource>,
    ) -> Result<Option<MenuSource>> {
        let account = self.require_account()?;
        let children = self.read(&[ResourceKind::Children]).await?.value.children;
        let known = children
            .iter()
            .find(|c| &c.id == child)
            .ok_or_else(|| Error::InvalidInput("not a child of this account".to_owned()))?;
        let forget = !platform_has_menu(known);
        let cache = Arc::clone(self.inner.engine.cache());
        let child = child.clone();
        tokio::task::spawn_blocking(move || cache.set_menu_source(&account, &child, source, forget))
            .await
            .map_err(|_| Error::from(crate::cache::CacheError::TaskFailed))?
    }

    /// Attaches the public menu sources `provider` brings along (the demo family's
    /// [`Provider::offline_menus`]) to its children, as a guardian's attachment would be stored,
    /// unless the child has a source already (one the guardian chose stays). Called when a
    /// login completes; a failure is logged: the login stands without the menu.
    pub(crate) async fn attach_offline_menus(&self, account: &AccountId, provider: &dyn Provider) {
        let Some(book) = provider.offline_menus() else {
            return;
        };
        let cache = Arc::clone(self.inner.engine.cache());
        let account = account.clone();
        let result = tokio::task::spawn_blocking(move || -> Result<usize> {
            let attached = cache.menu_sources(&account)?;
            let mut added = 0;
            for (child, source) in &book.sources {
                if !attached.contains_key(child) {
                    cache.set_menu_source(&account, child, Some(source.clone()), false)?;
                    added += 1;
                }
            }
            Ok(added)
        })
        .await
        .map_err(|_| Error::from(crate::cache::CacheError::TaskFailed))
        .and_then(|r| r);
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not attach the provider's public menus");
        }
    }

    /// `providers`, each wrapped with the menu sources of its children (a provider without a
    /// menu of its own then answers the menu from them); unchanged when nothing is attached.
    pub(crate) async fn with_public_menus(
        &self,
        account: &AccountId,
        providers: Vec<Arc<dyn Provider>>,
    ) -> Vec<Arc<dyn Provider>> {
        let cache = Arc::clone(self.inner.engine.cache());
        let acc = account.clone();
        let sources = match tokio::task::spawn_blocking(move || cache.menu_sources(&acc)).await {
            Ok(Ok(sources)) => sources,
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "could not read the menu sources");
                return providers;
            }
            Err(_) => return providers,
        };
        if sources.is_empty() {
            return providers;
        }
        let menus = match self.menu_client() {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(error = %e, "could not build the menu client");
                return providers;
            }
        };
        providers
            .into_iter()
            .map(|p| WithPublicMenus::wrap(p, sources.clone(), menus.clone()))
            .collect()
    }
}
