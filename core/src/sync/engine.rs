//! The sync engine: serves reads from the cache and refreshes what is stale, politely.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::{BoxFuture, FutureExt, Shared};
use futures::stream::{FuturesUnordered, StreamExt};
use jiff::Timestamp;
use jiff::civil::Date;
use tokio::sync::Semaphore;

use super::backoff::{self, AfterFailure};
use super::breaker::{Breaker, Hold};
use super::clock::{Clock, add, elapsed};
use super::report::{
    FailureKind, Outcome, Progress, RefreshReport, ResourceFailure, ResourceReport,
};
use super::settings::SyncSettings;
use crate::cache::{
    Cache, Change, ForgetReport, ResourceData, ResourceId, ResourceKind, SyncMeta, diff,
};
use crate::error::{Error, Result};
use crate::model::{AccountId, Child, EntityKind, FamilySnapshot, IsoWeek};
use crate::provider::{DateRange, Provider};

/// What to refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshRequest {
    /// Weeks for the per-week kinds (calendar, menu, timetable).
    pub weeks: Vec<IsoWeek>,
    /// Kinds to refresh (the children list is always refreshed first when stale). Kinds the
    /// provider does not offer are left out.
    pub kinds: Vec<ResourceKind>,
    /// Ignore freshness and fetch everything.
    pub force: bool,
}

impl RefreshRequest {
    /// What the week view of `date` shows: news, notifications, and the week's calendar, menu
    /// and timetable.
    pub fn week_view(date: Date) -> Self {
        RefreshRequest {
            weeks: vec![IsoWeek::containing(date)],
            kinds: vec![
                ResourceKind::News,
                ResourceKind::Notifications,
                ResourceKind::Calendar,
                ResourceKind::Menu,
                ResourceKind::Timetable,
            ],
            force: false,
        }
    }

    /// Every kind, for the week of `date`.
    pub fn everything(date: Date) -> Self {
        RefreshRequest {
            weeks: vec![IsoWeek::containing(date)],
            kinds: ResourceKind::ALL.to_vec(),
            force: false,
        }
    }
}

/// A cached resource's state for the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceStatus {
    /// Which resource.
    pub resource: ResourceId,
    /// When its data was fetched (none: never).
    pub fetched_at: Option<Timestamp>,
    /// True when older than its freshness setting.
    pub stale: bool,
    /// The last failure, when the last attempt failed.
    pub last_error: Option<FailureKind>,
}

/// What a read returns: cached data and how old it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedView {
    /// The data.
    pub snapshot: FamilySnapshot,
    /// Every cached resource with its age.
    pub resources: Vec<ResourceStatus>,
}

impl CachedView {
    /// True when any resource is stale.
    pub fn is_stale(&self) -> bool {
        self.resources.iter().any(|r| r.stale)
    }
}

struct Platform {
    semaphore: Semaphore,
    breaker: Mutex<Breaker>,
    session_expired: std::sync::atomic::AtomicBool,
}

type InflightKey = (AccountId, ResourceId);
type Done = (ResourceReport, Vec<Change>);
type SharedReport = Shared<BoxFuture<'static, Done>>;

struct Inner {
    cache: Arc<Cache>,
    clock: Arc<dyn Clock>,
    settings: SyncSettings,
    platforms: Mutex<HashMap<String, Arc<Platform>>>,
    inflight: Mutex<HashMap<InflightKey, SharedReport>>,
}

/// The sync engine. Cheap to clone; share one per cache.
#[derive(Clone)]
pub struct SyncEngine {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for SyncEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncEngine").finish_non_exhaustive()
    }
}

async fn blocking<T: Send + 'static>(
    cache: &Arc<Cache>,
    f: impl FnOnce(&Cache) -> Result<T> + Send + 'static,
) -> Result<T> {
    let cache = Arc::clone(cache);
    tokio::task::spawn_blocking(move || f(&cache))
        .await
        .map_err(|_| Error::Cache("a cache task failed".to_owned()))?
}

fn entity_kind(kind: ResourceKind) -> EntityKind {
    match kind {
        ResourceKind::User => EntityKind::User,
        ResourceKind::Children => EntityKind::Child,
        ResourceKind::News => EntityKind::News,
        ResourceKind::Notifications => EntityKind::Notification,
        ResourceKind::Calendar => EntityKind::CalendarEvent,
        ResourceKind::Menu => EntityKind::MenuDay,
        ResourceKind::Timetable => EntityKind::Lesson,
        ResourceKind::Classmates => EntityKind::Classmate,
        ResourceKind::Teachers => EntityKind::Teacher,
        ResourceKind::Contacts => EntityKind::Contact,
        ResourceKind::Assignments => EntityKind::Assignment,
        ResourceKind::Attendance => EntityKind::Attendance,
        ResourceKind::CareTimes => EntityKind::CareTime,
    }
}

async fn fetch(
    provider: &dyn Provider,
    id: &ResourceId,
    child: Option<&Child>,
) -> Result<ResourceData> {
    let need_child = || {
        child.ok_or_else(|| Error::InvalidInput("a per-child resource without a child".to_owned()))
    };
    let week = id
        .week
        .unwrap_or_else(|| IsoWeek::containing(crate::time::today()));
    Ok(match id.kind {
        ResourceKind::User => ResourceData::User(provider.user().await?),
        ResourceKind::Children => ResourceData::Children(provider.children().await?),
        ResourceKind::News => ResourceData::News(provider.news(need_child()?).await?),
        ResourceKind::Notifications => {
            ResourceData::Notifications(provider.notifications(need_child()?).await?)
        }
        ResourceKind::Calendar => ResourceData::Calendar(
            provider
                .calendar(need_child()?, DateRange::of_week(week))
                .await?,
        ),
        ResourceKind::Menu => ResourceData::Menu(provider.menu(need_child()?, week).await?),
        ResourceKind::Timetable => {
            ResourceData::Timetable(provider.timetable(need_child()?, week).await?)
        }
        ResourceKind::Classmates => {
            ResourceData::Classmates(provider.classmates(need_child()?).await?)
        }
        ResourceKind::Teachers => ResourceData::Teachers(provider.teachers(need_child()?).await?),
        ResourceKind::Contacts => ResourceData::Contacts(provider.contacts(need_child()?).await?),
        ResourceKind::Assignments => {
            ResourceData::Assignments(provider.assignments(need_child()?).await?)
        }
        ResourceKind::Attendance => {
            ResourceData::Attendance(provider.attendance(need_child()?).await?)
        }
        ResourceKind::CareTimes => ResourceData::CareTimes(
            provider
                .care_times(need_child()?, DateRange::of_week(week))
                .await?,
        ),
    })
}

/// Refuses data that claims to belong to another child than the one asked for.
fn validate(id: &ResourceId, account: &AccountId, data: &ResourceData) -> Result<()> {
    let endpoint = id.kind.as_str();
    if let Some(child) = &id.child
        && data.child_ids().iter().any(|c| *c != child)
    {
        return Err(Error::WrongChild {
            endpoint: endpoint.to_owned(),
        });
    }
    if let ResourceData::Children(children) = data
        && children.iter().any(|c| &c.id.account() != account)
    {
        return Err(Error::WrongChild {
            endpoint: endpoint.to_owned(),
        });
    }
    Ok(())
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

    fn is_fresh(&self, id: &ResourceId, meta: &SyncMeta, now: Timestamp) -> bool {
        self.inner.settings.is_fresh(id.kind, meta.fetched_at, now)
    }

    fn platform(&self, name: &str) -> Arc<Platform> {
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

    /// Refreshes what is stale for `account` on `provider`: first the list of children, then
    /// each child's resources of `request`, at most a few requests at a time. Never fails as a
    /// whole: every resource gets its own outcome in the report; on failure the older cached
    /// data stays and is served as stale.
    pub async fn refresh(
        &self,
        account: &AccountId,
        provider: Arc<dyn Provider>,
        request: &RefreshRequest,
        progress: Option<&(dyn Fn(&Progress) + Send + Sync)>,
    ) -> RefreshReport {
        let platform = self.platform(provider.name());
        // Every refresh call tries the session again (the user may have logged in).
        platform.session_expired.store(false, Ordering::SeqCst);
        let mut report = RefreshReport::default();
        let mut done = 0usize;
        let offers = provider.capabilities();

        // 1. The account-level resources.
        let mut account_ids = vec![ResourceId::account(provider.name(), ResourceKind::Children)];
        if request.kinds.contains(&ResourceKind::User) {
            account_ids.push(ResourceId::account(provider.name(), ResourceKind::User));
        }
        for id in account_ids {
            let (r, changes) = self
                .refresh_one(account, &provider, id, None, request.force)
                .await;
            done += 1;
            if let Some(cb) = progress {
                cb(&Progress {
                    done,
                    total: done,
                    last: r.clone(),
                });
            }
            report.changes.extend(changes);
            report.resources.push(r);
        }

        // 2. The children's resources.
        let acc = account.clone();
        let children_id = ResourceId::account(provider.name(), ResourceKind::Children);
        let children = match blocking(&self.inner.cache, move |c| {
            c.get_resource(&acc, &children_id)
        })
        .await
        {
            Ok(Some(ResourceData::Children(children))) => children,
            _ => Vec::new(),
        };
        let mut jobs = Vec::new();
        for child in &children {
            for &kind in &request.kinds {
                if !kind.per_child() || !offers.offers(entity_kind(kind)) {
                    continue;
                }
                if kind.per_week() {
                    for &week in &request.weeks {
                        jobs.push((
                            ResourceId::child(provider.name(), &child.id, kind, week),
                            child.clone(),
                        ));
                    }
                } else if let Some(week) = request.weeks.first() {
                    jobs.push((
                        ResourceId::child(provider.name(), &child.id, kind, *week),
                        child.clone(),
                    ));
                } else {
                    jobs.push((
                        ResourceId {
                            provider: provider.name().to_owned(),
                            child: Some(child.id.clone()),
                            kind,
                            week: None,
                        },
                        child.clone(),
                    ));
                }
            }
        }
        let total = done + jobs.len();
        let mut running: FuturesUnordered<_> = jobs
            .into_iter()
            .map(|(id, child)| self.refresh_one(account, &provider, id, Some(child), request.force))
            .collect();
        while let Some((r, changes)) = running.next().await {
            done += 1;
            if let Some(cb) = progress {
                cb(&Progress {
                    done,
                    total,
                    last: r.clone(),
                });
            }
            report.changes.extend(changes);
            report.resources.push(r);
        }
        report.session_expired = platform.session_expired.load(Ordering::SeqCst)
            || report.resources.iter().any(|r| {
                r.failure()
                    .is_some_and(|f| f.kind == FailureKind::SessionExpired)
            });

        // 3. Keep the (possibly renewed) session.
        if report.fetched() > 0
            && let Some(session) = provider.saved_session()
            && &session.account == account
            && let Err(e) = blocking(&self.inner.cache, move |c| c.save_session(&session)).await
        {
            tracing::warn!(error = %e, "could not store the session");
        }
        report
    }

    /// One resource, coalesced with identical refreshes in flight.
    async fn refresh_one(
        &self,
        account: &AccountId,
        provider: &Arc<dyn Provider>,
        id: ResourceId,
        child: Option<Child>,
        force: bool,
    ) -> (ResourceReport, Vec<Change>) {
        let key = (account.clone(), id.clone());
        let requests = Arc::new(AtomicU32::new(0));
        let (shared, owner) = {
            let mut inflight = match self.inner.inflight.lock() {
                Ok(m) => m,
                Err(poisoned) => poisoned.into_inner(),
            };
            if let Some(existing) = inflight.get(&key) {
                (existing.clone(), false)
            } else {
                let engine = self.clone();
                let provider = Arc::clone(provider);
                let account = account.clone();
                let key2 = key.clone();
                let counter = Arc::clone(&requests);
                let fut: BoxFuture<'static, Done> = async move {
                    let report = AssertUnwindSafe(engine.run_resource(
                        &account,
                        provider,
                        id.clone(),
                        child,
                        force,
                        counter,
                    ))
                    .catch_unwind()
                    .await
                    .unwrap_or_else(|_| {
                        (
                            ResourceReport {
                                resource: id,
                                outcome: Outcome::Failed {
                                    failure: ResourceFailure::new(
                                        FailureKind::Internal,
                                        "the provider panicked",
                                    ),
                                    stale_served: false,
                                },
                                fetched_at: None,
                                requests: 0,
                            },
                            Vec::new(),
                        )
                    });
                    if let Ok(mut inflight) = engine.inner.inflight.lock() {
                        inflight.remove(&key2);
                    }
                    report
                }
                .boxed();
                let shared = fut.shared();
                inflight.insert(key, shared.clone());
                (shared, true)
            }
        };
        let (mut report, changes) = shared.await;
        let changes = if owner { changes } else { Vec::new() };
        // Only the caller whose future made the requests counts them.
        report.requests = if owner {
            requests.load(Ordering::SeqCst)
        } else {
            0
        };
        (report, changes)
    }

    async fn run_resource(
        &self,
        account: &AccountId,
        provider: Arc<dyn Provider>,
        id: ResourceId,
        child: Option<Child>,
        force: bool,
        requests: Arc<AtomicU32>,
    ) -> Done {
        let inner = &self.inner;
        let acc = account.clone();
        let rid = id.clone();
        let mut meta = match blocking(&inner.cache, move |c| c.get_meta(&acc, &rid)).await {
            Ok(m) => m,
            // Damaged metadata: fetch again and overwrite it.
            Err(Error::Integrity(_)) => SyncMeta::default(),
            Err(e) => {
                let report = ResourceReport {
                    resource: id,
                    outcome: Outcome::Failed {
                        failure: ResourceFailure::from(&e),
                        stale_served: false,
                    },
                    fetched_at: None,
                    requests: 0,
                };
                return (report, Vec::new());
            }
        };
        let now = inner.clock.now();
        if !force && self.is_fresh(&id, &meta, now) {
            let report = ResourceReport {
                resource: id,
                outcome: Outcome::Fresh,
                fetched_at: meta.fetched_at,
                requests: 0,
            };
            return (report, Vec::new());
        }
        let platform = self.platform(provider.name());
        let policy = &inner.settings.retry;
        let mut attempt = 0u32;
        let failure: ResourceFailure = loop {
            attempt += 1;
            if platform.session_expired.load(Ordering::SeqCst) {
                break ResourceFailure::new(
                    FailureKind::SessionExpired,
                    "the session has expired; log in again",
                );
            }
            // Wait for a permit, then ask the breaker (it may have opened meanwhile).
            let permit = match platform.semaphore.acquire().await {
                Ok(p) => p,
                Err(_) => break ResourceFailure::new(FailureKind::Cancelled, "the engine closed"),
            };
            let now = inner.clock.now();
            let hold = match platform.breaker.lock() {
                Ok(mut b) => b.try_acquire(now),
                Err(_) => Err(Hold::Open(now)),
            };
            match hold {
                Err(Hold::Open(until)) => {
                    drop(permit);
                    let mut f = ResourceFailure::new(
                        FailureKind::CircuitOpen,
                        format!("{} is failing; paused until {until}", provider.name()),
                    );
                    f.retry_after = Some(elapsed(now, until));
                    break f;
                }
                Err(Hold::RetryAfter(until)) => {
                    drop(permit);
                    let wait = elapsed(now, until);
                    if backoff::waits_for_hold(policy, attempt, wait) {
                        inner.clock.sleep(wait).await;
                        continue;
                    }
                    let mut f = ResourceFailure::new(
                        FailureKind::RateLimited,
                        format!("{} asked us to wait until {until}", provider.name()),
                    );
                    f.retry_after = Some(wait);
                    break f;
                }
                Ok(()) => {}
            }
            requests.fetch_add(1, Ordering::SeqCst);
            let result = fetch(provider.as_ref(), &id, child.as_ref())
                .await
                .and_then(|data| validate(&id, account, &data).map(|()| data));
            drop(permit);
            let now = inner.clock.now();
            match result {
                Ok(data) => {
                    if let Ok(mut b) = platform.breaker.lock() {
                        b.success();
                    }
                    return self
                        .store(
                            account,
                            id,
                            data,
                            meta,
                            now,
                            requests.load(Ordering::SeqCst),
                        )
                        .await;
                }
                Err(e) => {
                    let transient = e.is_transient();
                    if let Ok(mut b) = platform.breaker.lock() {
                        if transient {
                            b.failure(now, &inner.settings.breaker);
                        } else {
                            b.neutral();
                        }
                        if let Error::RateLimited { retry_after, .. } = &e {
                            let wait = backoff::rate_limit_hold(policy, attempt, *retry_after);
                            b.retry_after(now, wait);
                        }
                    }
                    let failure = ResourceFailure::from(&e);
                    if let Error::SessionExpired { .. } = e {
                        platform.session_expired.store(true, Ordering::SeqCst);
                        break failure;
                    }
                    let rate_limited = matches!(e, Error::RateLimited { .. });
                    match backoff::after_failure(policy, attempt, transient, rate_limited) {
                        AfterFailure::GiveUp => break failure,
                        // The hold set above makes the next iteration wait (or give up).
                        AfterFailure::AskHold => continue,
                        AfterFailure::RetryIn(delay) => inner.clock.sleep(delay).await,
                    }
                }
            }
        };
        meta.failure_count = meta.failure_count.saturating_add(1);
        meta.last_error = Some(failure.kind);
        meta.attempted_at = Some(inner.clock.now());
        let stale_served = meta.fetched_at.is_some();
        let fetched_at = meta.fetched_at;
        let acc = account.clone();
        let rid = id.clone();
        if let Err(e) = blocking(&inner.cache, move |c| c.put_meta(&acc, &rid, &meta)).await {
            tracing::warn!(error = %e, "could not store sync metadata");
        }
        let report = ResourceReport {
            resource: id,
            outcome: Outcome::Failed {
                failure,
                stale_served,
            },
            fetched_at,
            requests: requests.load(Ordering::SeqCst),
        };
        (report, Vec::new())
    }

    async fn store(
        &self,
        account: &AccountId,
        id: ResourceId,
        data: ResourceData,
        mut meta: SyncMeta,
        now: Timestamp,
        requests: u32,
    ) -> Done {
        let had_data = meta.fetched_at.is_some();
        meta.fetched_at = Some(now);
        meta.attempted_at = Some(now);
        meta.failure_count = 0;
        meta.last_error = None;
        let items = data.len();
        let acc = account.clone();
        let rid = id.clone();
        let result = blocking(&self.inner.cache, move |c| {
            // Changes only against data we had: the first fetch is not "news".
            let changes = match (&rid.child, had_data) {
                (Some(child), true) => match c.get_resource(&acc, &rid) {
                    Ok(Some(old)) => diff(child, &old, &data),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            c.put_resource(&acc, &rid, &data, &meta, &changes, now)
        })
        .await;
        match result {
            Ok(changes) => (
                ResourceReport {
                    resource: id,
                    outcome: Outcome::Fetched {
                        items,
                        changes: changes.len(),
                    },
                    fetched_at: Some(now),
                    requests,
                },
                changes,
            ),
            Err(e) => (
                ResourceReport {
                    resource: id,
                    outcome: Outcome::Failed {
                        failure: ResourceFailure::from(&e),
                        stale_served: had_data,
                    },
                    fetched_at: None,
                    requests,
                },
                Vec::new(),
            ),
        }
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
