//! The background refresh an OS task runs (Android WorkManager, iOS `BGAppRefreshTask`) and
//! [`BackgroundRefresh`], the handle that cancels it from any thread.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use skolbryggan::client::{
    BackgroundOutcome as CoreOutcome, BackgroundReport as CoreReport, ChildChanges as CoreGroup,
};
use skolbryggan::sync::CancelToken;

use crate::changes::Change;
use crate::client::Client;
use crate::error::FfiResult;
use crate::records::timestamp;

/// How a background refresh ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum BackgroundOutcome {
    /// Everything due was refreshed (some resources may still have failed).
    Completed,
    /// `cancel()` was called; what was stored before stays, nothing is half written.
    Cancelled,
    /// The budget ran out first; what was stored before stays.
    BudgetExhausted,
    /// Every request failed for the network.
    Offline,
    /// A platform said the session expired: ask the user to log in again.
    SessionExpired,
}

impl From<CoreOutcome> for BackgroundOutcome {
    fn from(o: CoreOutcome) -> Self {
        match o {
            CoreOutcome::Completed => BackgroundOutcome::Completed,
            CoreOutcome::Cancelled => BackgroundOutcome::Cancelled,
            CoreOutcome::BudgetExhausted => BackgroundOutcome::BudgetExhausted,
            CoreOutcome::Offline => BackgroundOutcome::Offline,
            CoreOutcome::SessionExpired => BackgroundOutcome::SessionExpired,
        }
    }
}

/// One child's changes that no notification was posted for yet.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct ChildChanges {
    /// The child.
    pub child_id: String,
    /// The child's first name, for the notification title (empty if unknown).
    pub first_name: String,
    /// The changes, oldest first.
    pub changes: Vec<Change>,
}

impl From<&CoreGroup> for ChildChanges {
    fn from(g: &CoreGroup) -> Self {
        ChildChanges {
            child_id: g.child_id.to_string(),
            first_name: g.first_name.clone(),
            changes: g.changes.iter().map(Change::from).collect(),
        }
    }
}

/// What a background refresh did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct BackgroundReport {
    /// How it ended.
    pub outcome: BackgroundOutcome,
    /// The changes not yet notified, per child. After posting them call
    /// `markNotified(notifyUpToId)`.
    pub children: Vec<ChildChanges>,
    /// The highest change id in `children` (0 when none).
    pub notify_up_to_id: i64,
    /// When to schedule the next run (`earliestBeginDate`, WorkManager's initial delay).
    pub next_run: SystemTime,
}

impl From<&CoreReport> for BackgroundReport {
    fn from(r: &CoreReport) -> Self {
        BackgroundReport {
            outcome: r.outcome.into(),
            children: r.children.iter().map(ChildChanges::from).collect(),
            notify_up_to_id: r.notify_up_to,
            next_run: timestamp(r.next_run),
        }
    }
}

/// Cancels a background refresh. `cancel()` may be called from any thread (an iOS
/// `BGTask.expirationHandler`, a WorkManager `onStopped`), before or during the run, as often
/// as wanted; the run then returns `Cancelled` at once.
#[derive(Debug, Default, uniffi::Object)]
pub struct BackgroundRefresh {
    token: CancelToken,
}

#[uniffi::export]
impl BackgroundRefresh {
    /// A handle that is not cancelled.
    #[uniffi::constructor]
    pub fn new() -> FfiResult<Arc<Self>> {
        Ok(Arc::new(BackgroundRefresh::default()))
    }

    /// Stops the run this handle was passed to (from any thread).
    pub fn cancel(&self) -> FfiResult<()> {
        self.token.cancel();
        Ok(())
    }

    /// True once `cancel()` was called.
    pub fn is_cancelled(&self) -> FfiResult<bool> {
        Ok(self.token.is_cancelled())
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// Refreshes what the background profile asks for (news and notifications, only what is
    /// stale) for at most `budget_ms` milliseconds, stopping when `handle` is cancelled, and
    /// returns the changes not yet notified per child and when to run next. Call it on a
    /// freshly opened client too: the stored sessions are resumed first when none is active
    /// (`SessionExpired` if all have expired; `NotLoggedIn` when nobody is signed in).
    pub async fn background_refresh(
        &self,
        budget_ms: u64,
        handle: Option<Arc<BackgroundRefresh>>,
    ) -> FfiResult<BackgroundReport> {
        let token = handle.map(|h| h.token.clone()).unwrap_or_default();
        let report = self
            .inner
            .background_refresh(Duration::from_millis(budget_ms), token)
            .await?;
        Ok(BackgroundReport::from(&report))
    }
}
