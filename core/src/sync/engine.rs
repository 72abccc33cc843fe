//! The sync engine: serves reads from the cache and refreshes what is stale, politely.

//!
//! The engine's work is split by concept: what a refresh asks for ([`super::request`]), what
//! reads return ([`super::view`]), planning a refresh ([`super::planning`]), coalescing
//! identical refreshes in flight ([`super::coalesce`]), the retry loop around one fetch and
//! storing its result ([`super::retry`]), and the provider call per resource kind
//! ([`super::fetch`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::{BoxFuture, Shared};
use jiff::Timestamp;
use tokio::sync::Semaphore;

use super::breaker::Breaker;
use super::clock::{Clock, add};
use super::report::ResourceReport;
use super::settings::SyncSettings;
use super::view::{CachedView, ResourceStatus};
use crate::cache::{Cache, Change, ForgetReport, ResourceId, ResourceKind, SyncMeta};
use crate::error::{Error, Result};
use crate::model::{AccountId, FamilySnapshot, IsoWeek};
use crate::provider::Provider;

/// One platform's politeness state, shared by every refresh of it.
pub(super) struct Platform {
    pub(super) semaphore: Semaphore,
    pub(super) breaker: Mutex<Breaker>,
    pub(super) session_expired: std::sync::atomic::AtomicBool,
}

pub(super) type InflightKey = (AccountId, ResourceId);
pub(super) type Done = (ResourceReport, Vec<Change>);
pub(super) type SharedReport = Shared<BoxFuture<'static, Done>>;

pub(super) struct Inner {
    pub(super) cache: Arc<Cache>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) settings: SyncSettings,
    platforms: Mutex<HashMap<String, Arc<Platform>>>,
    pub(super) inflight: Mutex<HashMap<InflightKey, SharedReport>>,
}

/// The sync engine. Cheap to clone; share one per cache.
#[derive(Clone)]
pub struct SyncEngine {
    pub(super) inner: Arc<Inner>,
}

impl std::fmt::Debug for SyncEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncEngine").finish_non_exhaustive()
    }
}

/// Runs cache work on a blocking thread.
pub(super) async fn blocking<T: Send + 'static>(
    cache: &Arc<Cache>,
    f: impl FnOnce(&Cache) -> Result<T> + Send + 'static,
) -> Result<T> {
    let cache = Arc::clone(cache);
    tokio::task::spawn_blocking(move || f(&cache))
        .await
        .map_err(|_| Error::from(crate::cache::CacheError::TaskFailed))?
}

impl SyncEngine {
    /// An engine over `cache`, with `clock` for time and sleeping.
    pub fn new(cache: Arc<Cache>, clock: Arc<dyn Clock>, settings: SyncSettings) -> Self {
        SyncEngine {
            inner: Arc::new(Inner {
                cache,
                clock,
                settings,
                platforms: Mutex::new(HashMap::new()),
                inflight: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// The cache.
    pub fn cache(&self) -> &Arc<Cache> {
        &self.inner.cache
    }

    /// The settings.
    pub fn settings(&self) -> &SyncSettings {
        &self.inner.settings
    }

    /// Reads the week view of `week` from the cache (never upstream), with each resource's
    /// age and staleness.
    pub async fn read_week(&self, account: &AccountId, week: IsoWeek) -> Result<CachedView> {
        let acc = account.clone();
        let (snapshot, states) = blocking(&self.inner.cache, move |c| {
            Ok((c.load_week(&acc, week)?, c.resource_states(&acc)?))
        })
        .await?;
        Ok(self.view(snapshot, states, |id| id.week.is_none_or(|w| w == week)))
    }

    /// Reads the resources of `kinds` cached for `account` (never upstream); the freshness
    /// covers only those resources.
    pub async fn read_kinds(
        &self,
        account: &AccountId,
        kinds: &'static [ResourceKind],
    ) -> Result<CachedView> {
        let acc = account.clone();
        let (snapshot, states) = blocking(&self.inner.cache, move |c| {
            Ok((c.load_kinds(&acc, kinds)?, c.resource_states(&acc)?))
        })
        .await?;
        Ok(self.view(snapshot, states, |id| kinds.contains(&id.kind)))
    }

    /// Reads the resources `load` accepts (never upstream); the freshness covers the resources
    /// `judge` accepts (a screen may load more than it judges its age by, or less).
    pub async fn read_where(
        &self,
        account: &AccountId,
        load: impl Fn(&ResourceId) -> bool + Send + 'static,
        judge: impl Fn(&ResourceId) -> bool + Send + 'static,
    ) -> Result<CachedView> {
        let acc = account.clone();
        // Only the judged resources' metadata is opened (a big family has thousands).
        let (snapshot, states) = blocking(&self.inner.cache, move |c| {
            Ok((
                c.load_where(&acc, load)?,
                c.resource_states_where(&acc, judge)?,
            ))
        })
        .await?;
        Ok(self.view(snapshot, states, |_| true))
    }

    /// True when the last refresh of provider `name` found its session expired (false before
    /// any refresh of it).
    pub fn session_expired(&self, name: &str) -> bool {
        let map = match self.inner.platforms.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        map.get(name)
            .is_some_and(|p| p.session_expired.load(std::sync::atomic::Ordering::SeqCst))
    }

    /// Reads everything cached for `account` (never upstream).
    pub async fn read_all(&self, account: &AccountId) -> Result<CachedView> {
        let acc = account.clone();
        let (snapshot, states) = blocking(&self.inner.cache, move |c| {
            Ok((c.load_snapshot(&acc)?, c.resource_states(&acc)?))
        })
        .await?;
        Ok(self.view(snapshot, states, |_| true))
    }

    fn view(
        &self,
        snapshot: FamilySnapshot,
        states: Vec<(ResourceId, SyncMeta)>,
        keep: impl Fn(&ResourceId) -> bool,
    ) -> CachedView {
        let now = self.inner.clock.now();
        let resources = states
            .into_iter()
            .filter(|(id, _)| keep(id))
            .map(|(id, meta)| {
                let stale = !self.is_fresh(&id, &meta, now);
                ResourceStatus {
                    fetched_at: meta.fetched_at,
                    stale,
                    last_error: meta.last_error,
                    resource: id,
                }
            })
            .collect();
        CachedView {
            snapshot,
            resources,
        }
    }

    pub(super) fn is_fresh(&self, id: &ResourceId, meta: &SyncMeta, now: Timestamp) -> bool {
        self.inner.settings.is_fresh(id.kind, meta.fetched_at, now)
    }

    pub(super) fn platform(&self, name: &str) -> Arc<Platform> {
        let mut map = match self.inner.platforms.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        Arc::clone(map.entry(name.to_owned()).or_insert_with(|| {
            Arc::new(Platform {
                semaphore: Semaphore::new(self.inner.settings.max_concurrent_per_platform.max(1)),
                breaker: Mutex::new(Breaker::default()),
                session_expired: std::sync::atomic::AtomicBool::new(false),
            })
        }))
    }

    /// Logs out and forgets `account`: the provider's session, the stored session, every
    /// cached resource, the change feed and the account's key.
    pub async fn forget(
        &self,
        account: &AccountId,
        provider: Option<Arc<dyn Provider>>,
    ) -> Result<ForgetReport> {
        if let Some(p) = provider
            && let Err(e) = p.logout().await
        {
            tracing::warn!(error = %e, "provider logout failed; forgetting locally anyway");
        }
        let acc = account.clone();
        blocking(&self.inner.cache, move |c| c.forget_account(&acc)).await
    }

    /// Time of the engine's clock plus `d` (for callers scheduling the next refresh).
    pub fn now_plus(&self, d: Duration) -> Timestamp {
        add(self.inner.clock.now(), d)
    }
}
