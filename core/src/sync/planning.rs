//! Planning a refresh: the account's resources first, then each child's resources of the
//! request (per week where the kind is per week), run concurrently, reported as they finish.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use futures::stream::{FuturesUnordered, StreamExt};

use super::engine::{SyncEngine, blocking};
use super::fetch::entity_kind;
use super::report::{FailureKind, Progress, RefreshReport};
use super::request::RefreshRequest;
use crate::cache::{ResourceData, ResourceId, ResourceKind};
use crate::model::{AccountId, Child};
use crate::provider::{Capabilities, Provider};

/// The account-level resources a refresh of `request` fetches first.
fn account_ids(provider: &dyn Provider, request: &RefreshRequest) -> Vec<ResourceId> {
    let mut ids = vec![ResourceId::account(provider.name(), ResourceKind::Children)];
    if request.kinds.contains(&ResourceKind::User) {
        ids.push(ResourceId::account(provider.name(), ResourceKind::User));
    }
    ids
}

/// Each child's resources of `request` that the provider offers (per week where the kind is
/// per week).
fn child_jobs(
    provider: &dyn Provider,
    children: &[Child],
    request: &RefreshRequest,
    offers: &Capabilities,
) -> Vec<(ResourceId, Child)> {
    let mut jobs = Vec::new();
    for child in children {
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
    jobs
}

impl SyncEngine {
    /// Refreshes what is stale for `account` on `provider`: first the list of children, then
    /// each child's resources of `request`, at most a few requests at a time. Never fails as a
    /// whole: every resource gets its own outcome in the report; on failure the older cached
    /// data stays and is served as stale. The provider's ids are namespaced by `account` too
    /// (see [`SyncEngine::refresh_session`] for a family whose platforms namespace otherwise).
    pub async fn refresh(
        &self,
        account: &AccountId,
        provider: Arc<dyn Provider>,
        request: &RefreshRequest,
        progress: Option<&(dyn Fn(&Progress) + Send + Sync)>,
    ) -> RefreshReport {
        self.refresh_session(account, account, provider, request, progress)
            .await
    }

    /// [`SyncEngine::refresh`] of one platform session of a family: the data is stored under
    /// `family` (the cache's account: its key, its index, its change feed), while the
    /// provider's own ids are namespaced by `namespace` (the account the platform session was
    /// logged in as), so a list of children under another namespace is refused as another
    /// guardian's ([`crate::Error::WrongChild`]). The renewed session is stored under `family`.
    pub async fn refresh_session(
        &self,
        family: &AccountId,
        namespace: &AccountId,
        provider: Arc<dyn Provider>,
        request: &RefreshRequest,
        progress: Option<&(dyn Fn(&Progress) + Send + Sync)>,
    ) -> RefreshReport {
        let account = family;
        let platform = self.platform(provider.name());
        // Every refresh call tries the session again (the user may have logged in).
        platform.session_expired.store(false, Ordering::SeqCst);
        let mut report = RefreshReport::default();
        let mut done = 0usize;
        let offers = provider.capabilities();

        // 1. The account-level resources.
        for id in account_ids(provider.as_ref(), request) {
            let (r, changes) = self
                .refresh_one(account, namespace, &provider, id, None, request.force)
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
        let children = self.cached_children(account, provider.as_ref()).await;
        let jobs = child_jobs(provider.as_ref(), &children, request, &offers);
        let total = done + jobs.len();
        let mut running: FuturesUnordered<_> = jobs
            .into_iter()
            .map(|(id, child)| {
                self.refresh_one(
                    account,
                    namespace,
                    &provider,
                    id,
                    Some(child),
                    request.force,
                )
            })
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
            && &session.account == namespace
            && let Err(e) = blocking(&self.inner.cache, {
                let family = family.clone();
                move |c| c.save_session_under(&family, &session)
            })
            .await
        {
            tracing::warn!(error = %e, "could not store the session");
        }
        report
    }

    /// How many resources a refresh of `request` on `provider` plans, from the cached list of
    /// children (a refresh may plan more when it finds new children). A progress bar over
    /// several platforms sums these up front.
    pub async fn planned_resources(
        &self,
        account: &AccountId,
        provider: &dyn Provider,
        request: &RefreshRequest,
    ) -> usize {
        let children = self.cached_children(account, provider).await;
        let offers = provider.capabilities();
        account_ids(provider, request).len()
            + child_jobs(provider, &children, request, &offers).len()
    }

    async fn cached_children(&self, account: &AccountId, provider: &dyn Provider) -> Vec<Child> {
        let acc = account.clone();
        let children_id = ResourceId::account(provider.name(), ResourceKind::Children);
        match blocking(&self.inner.cache, move |c| {
            c.get_resource(&acc, &children_id)
        })
        .await
        {
            Ok(Some(ResourceData::Children(children))) => children,
            _ => Vec::new(),
        }
    }
}
