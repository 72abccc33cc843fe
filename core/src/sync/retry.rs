//! One resource's fetch: the retry loop (permits, the breaker, `Retry-After`, back-off, an
//! expired session) and storing the result with its changes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use jiff::Timestamp;

use super::backoff::{self, AfterFailure};
use super::breaker::Hold;
use super::clock::elapsed;
use super::engine::{Done, SyncEngine, blocking};
use super::fetch::{fetch, validate};
use super::report::{FailureKind, Outcome, ResourceFailure, ResourceReport};
use super::scope::Scope;
use crate::cache::{ResourceData, ResourceId, SyncMeta, diff};
use crate::error::Error;
use crate::model::{AccountId, Child};
use crate::provider::Provider;

impl SyncEngine {
    pub(super) async fn run_resource(
        &self,
        scope: Scope<'_>,
        provider: Arc<dyn Provider>,
        id: ResourceId,
        child: Option<Child>,
        force: bool,
        requests: Arc<AtomicU32>,
    ) -> Done {
        let inner = &self.inner;
        let account = scope.family;
        let acc = account.clone();
        let rid = id.clone();
        let mut meta = match blocking(&inner.cache, move |c| c.get_meta(&acc, &rid)).await {
            Ok(m) => m,
            // Damaged metadata: fetch again and overwrite it.
            Err(e) if e.is_integrity_failure() => SyncMeta::default(),
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
                .and_then(|data| validate(&id, scope.namespace, &data).map(|()| data));
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
            let old = if had_data {
                c.get_resource(&acc, &rid).ok().flatten()
            } else {
                None
            };
            // Changes only against data we had: the first fetch is not "news".
            let changes = match (&rid.child, &old) {
                (Some(child), Some(old)) => diff(child, old, &data),
                _ => Vec::new(),
            };
            let changed = old.as_ref() != Some(&data);
            c.put_resource(&acc, &rid, &data, &meta, &changes, now)
                .map(|changes| (changes, changed))
        })
        .await;
        match result {
            Ok((changes, changed)) => (
                ResourceReport {
                    resource: id,
                    outcome: Outcome::Fetched {
                        items,
                        changes: changes.len(),
                        changed,
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
}
