//! Coalescing: identical refreshes of one resource in flight share one request.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use futures::future::{BoxFuture, FutureExt};

use super::engine::{Done, InflightKey, SharedReport, SyncEngine};
use super::report::{FailureKind, Outcome, ResourceFailure, ResourceReport};
use super::scope::Scope;
use crate::cache::{Change, ResourceId};
use crate::model::{AccountId, Child};
use crate::provider::Provider;

/// Removes an owner's in-flight entry when its refresh is dropped before the request ended.
struct InflightGuard<'a> {
    engine: &'a SyncEngine,
    key: InflightKey,
    shared: SharedReport,
    armed: bool,
}

impl Drop for InflightGuard<'_> {
    fn drop(&mut self) {
        if self.armed
            && let Ok(mut inflight) = self.engine.inner.inflight.lock()
            && inflight
                .get(&self.key)
                .is_some_and(|s| s.ptr_eq(&self.shared))
        {
            inflight.remove(&self.key);
        }
    }
}

impl SyncEngine {
    /// One resource, coalesced with identical refreshes in flight.
    pub(super) async fn refresh_one(
        &self,
        account: &AccountId,
        namespace: &AccountId,
        provider: &Arc<dyn Provider>,
        id: ResourceId,
        child: Option<Child>,
        force: bool,
    ) -> (ResourceReport, Vec<Change>) {
        let key = (account.clone(), id.clone());
        let guard_key = key.clone();
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
                let namespace = namespace.clone();
                let key2 = key.clone();
                let counter = Arc::clone(&requests);
                let fut: BoxFuture<'static, Done> = async move {
                    let scope = Scope {
                        family: &account,
                        namespace: &namespace,
                    };
                    let report = AssertUnwindSafe(engine.run_resource(
                        scope,
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
        // A refresh dropped mid-way (cancelled, out of budget) must not leave its half-run
        // request in the map for later refreshes to pick up.
        let mut guard = owner.then(|| InflightGuard {
            engine: self,
            key: guard_key,
            shared: shared.clone(),
            armed: true,
        });
        let (mut report, changes) = shared.await;
        if let Some(g) = guard.as_mut() {
            g.armed = false;
        }
        let changes = if owner { changes } else { Vec::new() };
        // Only the caller whose future made the requests counts them.
        report.requests = if owner {
            requests.load(Ordering::SeqCst)
        } else {
            0
        };
        (report, changes)
    }
}
