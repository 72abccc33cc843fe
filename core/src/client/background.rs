//! The background refresh an OS task calls (Android WorkManager, iOS `BGAppRefreshTask`):
//! what the [`BackgroundProfile`] says is due, within a time budget, cancellable, returning the
//! changes not yet notified per child and when to run next.

use std::time::Duration;

use jiff::Timestamp;

use super::Client;
use crate::cache::{Change, ResourceKind};
use crate::error::{Error, Result};
use crate::model::{EntityId, FailureKind};
use crate::sync::{BackgroundProfile, CancelToken, RefreshReport, RefreshRequest};

/// How a background refresh ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackgroundOutcome {
    /// Everything due was refreshed (or was fresh); some resources may still have failed.
    Completed,
    /// The token was cancelled; what was stored before stays, nothing is half written.
    Cancelled,
    /// The budget ran out first; what was stored before stays.
    BudgetExhausted,
    /// Every request failed for the network: the phone is offline or the platforms are down.
    Offline,
    /// A platform said the session has expired: the user must log in again.
    SessionExpired,
}

/// The changes of one child that no notification was posted for yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildChanges {
    /// The child.
    pub child_id: EntityId,
    /// The child's first name, for the notification's title (empty if the child is unknown).
    pub first_name: String,
    /// The changes, oldest first.
    pub changes: Vec<Change>,
}

/// What a background refresh did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackgroundReport {
    /// How it ended.
    pub outcome: BackgroundOutcome,
    /// The changes above the notified watermark, per child (read or not). After posting
    /// them, call [`Client::mark_notified`] with [`BackgroundReport::notify_up_to`].
    pub children: Vec<ChildChanges>,
    /// The highest feed id in `children` (0 when none).
    pub notify_up_to: i64,
    /// When the next background run should be asked for (by the profile and the clock).
    pub next_run: Timestamp,
    /// The refresh's report, when it ran to its end.
    pub refresh: Option<RefreshReport>,
}

/// How a refresh raced against its budget and token ended.
pub(crate) enum Raced {
    /// It ran to its end.
    Done(RefreshReport),
    /// The token was cancelled first.
    Cancelled,
    /// The budget ran out first.
    OutOfTime,
}

impl Client {
    /// Refreshes like [`Client::refresh`] until `cancel` is cancelled (then `Ok(None)`). A
    /// cancelled refresh stops between cache writes: each resource is stored in one
    /// transaction, so the cache holds either its old or its new value.
    pub async fn refresh_cancellable(
        &self,
        request: &RefreshRequest,
        cancel: &CancelToken,
    ) -> Result<Option<RefreshReport>> {
        match self.race(request, None, cancel).await? {
            Raced::Done(report) => Ok(Some(report)),
            Raced::Cancelled | Raced::OutOfTime => Ok(None),
        }
    }

    pub(crate) async fn race(
        &self,
        request: &RefreshRequest,
        budget: Option<Duration>,
        cancel: &CancelToken,
    ) -> Result<Raced> {
        if cancel.is_cancelled() {
            return Ok(Raced::Cancelled);
        }
        let out_of_time = async {
            match budget {
                Some(b) => tokio::time::sleep(b).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            () = cancel.cancelled() => Ok(Raced::Cancelled),
            () = out_of_time => Ok(Raced::OutOfTime),
            report = self.refresh(request, None) => report.map(Raced::Done),
        }
    }

    /// The background refresh with the default [`BackgroundProfile`].
    pub async fn background_refresh(
        &self,
        budget: Duration,
        cancel: CancelToken,
    ) -> Result<BackgroundReport> {
        self.background_refresh_with(&BackgroundProfile::default(), budget, cancel)
            .await
    }

    /// Refreshes what `profile` asks for (only what is stale: politeness as for every
    /// refresh) for at most `budget`, stopping early when `cancel` is cancelled, and reports
    /// the changes not yet notified per child and when to run next. In a process where no
    /// session is active yet (woken only for this run), the stored sessions are resumed first;
    /// if every one has expired the outcome is [`BackgroundOutcome::SessionExpired`], and with
    /// none stored the answer is [`Error::NotLoggedIn`] without a request.
    pub async fn background_refresh_with(
        &self,
        profile: &BackgroundProfile,
        budget: Duration,
        cancel: CancelToken,
    ) -> Result<BackgroundReport> {
        // A background run usually wakes a process that was not running (WorkManager,
        // BGAppRefreshTask), where nothing has resumed the stored sessions yet: resume them
        // first, as an app start does, or the run would refresh nothing.
        let resume_expired = if self.logged_in_providers().is_empty() {
            let resumed = tokio::select! {
                biased;
                () = cancel.cancelled() => None,
                outcomes = self.resume_sessions() => Some(outcomes?),
            };
            resumed.is_some_and(|outcomes| {
                outcomes
                    .iter()
                    .any(|o| matches!(o.result, Err(Error::SessionExpired { .. })))
            })
        } else {
            false
        };
        let (outcome, refresh) = if resume_expired && self.logged_in_providers().is_empty() {
            // Every stored session had expired: nothing to refresh, the user must log in.
            (BackgroundOutcome::SessionExpired, None)
        } else {
            let request = profile.request(self.today());
            match self.race(&request, Some(budget), &cancel).await? {
                Raced::Done(report) => (outcome_of(&report), Some(report)),
                Raced::Cancelled => (BackgroundOutcome::Cancelled, None),
                Raced::OutOfTime => (BackgroundOutcome::BudgetExhausted, None),
            }
        };
        let changes = self.unnotified().await?;
        let notify_up_to = changes.iter().map(|c| c.id).max().unwrap_or(0);
        let children = self.group_by_child(changes).await?;
        let day = self
            .inner
            .engine
            .settings()
            .school_day
            .clone()
            .unwrap_or_default();
        let now = self.inner.clock.now();
        let next_run = match outcome {
            // Cut short: ask again soon (the floor), still not at night.
            BackgroundOutcome::Cancelled | BackgroundOutcome::BudgetExhausted => {
                profile.next_run_after_cut(now, &day)
            }
            _ => profile.next_run(now, &day),
        };
        Ok(BackgroundReport {
            outcome,
            children,
            notify_up_to,
            next_run,
            refresh,
        })
    }

    async fn group_by_child(&self, changes: Vec<Change>) -> Result<Vec<ChildChanges>> {
        let known = self.read(&[ResourceKind::Children]).await?.value.children;
        let mut out: Vec<ChildChanges> = Vec::new();
        for change in changes {
            match out.iter_mut().find(|g| g.child_id == change.child_id) {
                Some(group) => group.changes.push(change),
                None => out.push(ChildChanges {
                    child_id: change.child_id.clone(),
                    first_name: known
                        .iter()
                        .find(|c| c.id == change.child_id)
                        .map(|c| c.first_name.clone())
                        .unwrap_or_default(),
                    changes: vec![change],
                }),
            }
        }
        Ok(out)
    }
}

/// The outcome of a refresh that ran to its end.
fn outcome_of(report: &RefreshReport) -> BackgroundOutcome {
    if report.session_expired {
        return BackgroundOutcome::SessionExpired;
    }
    let mut failures = report.failures().filter_map(|r| r.failure()).peekable();
    let any_failed = failures.peek().is_some();
    let all_network =
        failures.all(|f| matches!(f.kind, FailureKind::Network | FailureKind::Timeout));
    if any_failed && all_network && report.fetched() == 0 {
        BackgroundOutcome::Offline
    } else {
        BackgroundOutcome::Completed
    }
}
