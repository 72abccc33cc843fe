//! Refreshing every logged-in platform at once ([`Client::refresh`]), each within its own
//! limits (the engine's per-platform semaphore, breaker and back-off), so a pull-to-refresh
//! takes as long as the slowest platform; and a date range in one call
//! ([`Client::refresh_range`]).

use std::sync::{Arc, Mutex};

use super::{Client, DataChanged, lock};
use crate::error::{Error, Result};
use crate::model::DateRange;
use crate::provider::Provider;
use crate::sync::{Progress, RefreshReport, RefreshRequest};

/// A progress callback.
type ProgressFn<'a> = &'a (dyn Fn(&Progress) + Send + Sync);

/// One platform's progress callback, feeding a [`ProgressSum`].
type SlotFn<'a> = Box<dyn Fn(&Progress) + Send + Sync + 'a>;

/// Sums the progress of several platforms' refreshes into one that never goes backwards:
/// `done` counts every finished resource; `total` starts as the sum of the planned resources
/// and only grows (when a platform finds children it had not cached).
struct ProgressSum<'a> {
    out: ProgressFn<'a>,
    /// Per platform: (done, total as it reported or planned).
    slots: Mutex<(Vec<(usize, usize)>, usize)>,
}

impl<'a> ProgressSum<'a> {
    fn new(out: ProgressFn<'a>, planned: Vec<usize>) -> Self {
        let total = planned.iter().sum();
        ProgressSum {
            out,
            slots: Mutex::new((planned.into_iter().map(|p| (0, p)).collect(), total)),
        }
    }

    fn on(&self, slot: usize, p: &Progress) {
        let mut guard = lock(&self.slots);
        let (slots, last_total) = &mut *guard;
        if let Some(s) = slots.get_mut(slot) {
            s.0 = s.0.max(p.done);
            s.1 = s.1.max(p.total);
        }
        let done: usize = slots.iter().map(|s| s.0).sum();
        let total = slots
            .iter()
            .map(|s| s.1.max(s.0))
            .sum::<usize>()
            .max(*last_total);
        *last_total = total;
        // Called under the lock, so the calls come in order.
        (self.out)(&Progress {
            done,
            total,
            last: p.last.clone(),
        });
    }
}

impl Client {
    /// Refreshes what is stale on every logged-in platform, all platforms at once (each within
    /// its own politeness limits). Never fails as a whole: every resource has its outcome in
    /// the report; a platform whose session expired is flagged (`session_expired`) and its
    /// cached data stays. `progress` sees one count over all platforms, never going backwards.
    pub async fn refresh(
        &self,
        request: &RefreshRequest,
        progress: Option<ProgressFn<'_>>,
    ) -> Result<RefreshReport> {
        let account = self.require_account()?;
        let providers: Vec<Arc<dyn Provider>> = lock(&self.inner.active).clone();
        if providers.is_empty() {
            return Err(Error::NotLoggedIn);
        }
        // A child's attached public menu stands in for a platform without a menu.
        let providers = self.with_public_menus(&account, providers).await;
        let engine = &self.inner.engine;
        let sum = match progress {
            Some(out) => {
                let mut planned = Vec::with_capacity(providers.len());
                for p in &providers {
                    planned.push(
                        engine
                            .planned_resources(&account, p.as_ref(), request)
                            .await,
                    );
                }
                Some(ProgressSum::new(out, planned))
            }
            None => None,
        };
        let callbacks: Vec<Option<SlotFn<'_>>> = (0..providers.len())
            .map(|i| {
                sum.as_ref()
                    .map(|s| Box::new(move |p: &Progress| s.on(i, p)) as SlotFn<'_>)
            })
            .collect();
        // Each platform session of the family, under the family's account, its ids checked
        // against its own namespace.
        let namespaces: Vec<_> = providers
            .iter()
            .map(|p| {
                self.inner
                    .namespaces
                    .get(p.name())
                    .unwrap_or_else(|| account.clone())
            })
            .collect();
        let runs =
            providers
                .iter()
                .zip(&namespaces)
                .zip(&callbacks)
                .map(|((provider, namespace), cb)| {
                    engine.refresh_session(
                        &account,
                        namespace,
                        provider.clone(),
                        request,
                        cb.as_deref(),
                    )
                });
        let reports = futures::future::join_all(runs).await;

        let mut total = RefreshReport::default();
        for (provider, report) in providers.iter().zip(reports) {
            if report.session_expired {
                self.inner.sessions.expired(provider.name());
                self.notify(DataChanged::SessionExpired {
                    provider: provider.name().to_owned(),
                });
            } else if report.fetched() > 0 {
                // The upstream answered: the session lives (it may have been called expired).
                self.inner.sessions.answered(provider.name());
                if let Some(session) = provider.saved_session() {
                    // Cookies may have been renewed: keep the newest session (under the family).
                    let cache = self.inner.engine.cache().clone();
                    let family = account.clone();
                    let _ = tokio::task::spawn_blocking(move || {
                        cache.save_session_under(&family, &session)
                    })
                    .await;
                }
            }
            total.session_expired |= report.session_expired;
            total.resources.extend(report.resources);
            total.changes.extend(report.changes);
        }
        if total.fetched() > 0 {
            let mut kinds = std::collections::BTreeSet::new();
            let mut children = std::collections::BTreeSet::new();
            for id in total.changed() {
                kinds.insert(crate::sync::entity_kind(id.kind));
                children.extend(id.child.clone());
            }
            self.notify(DataChanged::Refreshed {
                changes: total.changes.len(),
                kinds: kinds.into_iter().collect(),
                children: children.into_iter().collect(),
            });
        }
        Ok(total)
    }

    /// Refreshes the calendar and the timetable of every ISO week that touches `range` (a
    /// whole term, for a calendar export) in one call, on every platform at once, within the
    /// engine's limits. A range of more than [`RefreshRequest::MAX_WEEKS`] weeks is
    /// [`Error::InvalidInput`].
    pub async fn refresh_range(
        &self,
        range: DateRange,
        progress: Option<ProgressFn<'_>>,
    ) -> Result<RefreshReport> {
        let request = RefreshRequest::range(range).ok_or_else(|| {
            Error::InvalidInput(format!(
                "a range refresh covers at most {} weeks",
                RefreshRequest::MAX_WEEKS
            ))
        })?;
        self.refresh(&request, progress).await
    }
}
