//! Refreshing the cache from the platforms: options, progress, a report.

use crate::listener_error::ListenerError;
use skolbryggan::sync::{
    FailureKind as CoreFailureKind, Outcome, Progress, RefreshReport as CoreReport,
};

/// What to refresh.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct RefreshOptions {
    /// The week to refresh the per-week data (calendar, menu, timetable) of, as a date in it
    /// (`YYYY-MM-DD`); none: this week.
    #[uniffi(default = None)]
    pub date: Option<String>,
    /// Everything (classmates, teachers, contacts too), not only what the week view shows.
    #[uniffi(default = false)]
    pub everything: bool,
    /// Fetch even what is still fresh.
    #[uniffi(default = false)]
    pub force: bool,
}

/// Progress of a refresh.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct RefreshProgress {
    /// Resources finished.
    pub done: u32,
    /// Resources in this refresh.
    pub total: u32,
    /// What just finished ("news", "timetable").
    pub kind: String,
}

impl From<&Progress> for RefreshProgress {
    fn from(p: &Progress) -> Self {
        RefreshProgress {
            done: u32::try_from(p.done).unwrap_or(u32::MAX),
            total: u32::try_from(p.total).unwrap_or(u32::MAX),
            kind: p.last.resource.kind.as_str().to_owned(),
        }
    }
}

/// Receives refresh progress (from a background thread; return quickly).
#[uniffi::export(foreign)]
pub trait RefreshListener: Send + Sync {
    /// One more resource is done.
    fn on_progress(&self, progress: RefreshProgress) -> Result<(), ListenerError>;
}

/// Why a resource could not be refreshed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FailureKind {
    /// Network failure or timeout.
    Network,
    /// The session expired.
    SessionExpired,
    /// The platform asked to slow down.
    RateLimited,
    /// The platform answered with an error.
    Upstream,
    /// The answer could not be understood.
    Parse,
    /// The answer belonged to another child and was discarded.
    WrongChild,
    /// The platform does not offer this.
    Unsupported,
    /// Requests to the platform are paused after repeated failures.
    CircuitOpen,
    /// The local cache or its key failed.
    Cache,
    /// Anything else.
    Other,
}

impl From<CoreFailureKind> for FailureKind {
    fn from(k: CoreFailureKind) -> Self {
        match k {
            CoreFailureKind::Network | CoreFailureKind::Timeout => FailureKind::Network,
            CoreFailureKind::SessionExpired | CoreFailureKind::NotLoggedIn => {
                FailureKind::SessionExpired
            }
            CoreFailureKind::RateLimited => FailureKind::RateLimited,
            CoreFailureKind::Upstream => FailureKind::Upstream,
            CoreFailureKind::Parse => FailureKind::Parse,
            CoreFailureKind::WrongChild => FailureKind::WrongChild,
            CoreFailureKind::Unsupported => FailureKind::Unsupported,
            CoreFailureKind::CircuitOpen => FailureKind::CircuitOpen,
            CoreFailureKind::Cache | CoreFailureKind::Integrity | CoreFailureKind::Key => {
                FailureKind::Cache
            }
            _ => FailureKind::Other,
        }
    }
}

/// Something a refresh could not fetch; what was cached before is still served.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct RefreshFailure {
    /// The provider.
    pub provider: String,
    /// The child, for per-child data.
    pub child_id: Option<String>,
    /// What ("news").
    pub what: String,
    /// Why.
    pub kind: FailureKind,
    /// Details (endpoint, status; never personal data).
    pub detail: String,
    /// True when older data is cached and still shown.
    pub stale_served: bool,
}

/// What a refresh did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct RefreshReport {
    /// Resources fetched and stored.
    pub fetched: u32,
    /// Resources that were fresh enough (no request).
    pub fresh: u32,
    /// Upstream requests made.
    pub requests: u32,
    /// New change-feed entries.
    pub changes: u32,
    /// True when a platform said the session expired: ask the user to log in again (the cached
    /// data stays).
    pub session_expired: bool,
    /// What failed; the rest was refreshed.
    pub failures: Vec<RefreshFailure>,
}

impl From<&CoreReport> for RefreshReport {
    fn from(r: &CoreReport) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        RefreshReport {
            fetched: count(r.fetched()),
            fresh: count(
                r.resources
                    .iter()
                    .filter(|x| matches!(x.outcome, Outcome::Fresh))
                    .count(),
            ),
            requests: r.requests(),
            changes: count(r.changes.len()),
            session_expired: r.session_expired,
            failures: r
                .resources
                .iter()
                .filter_map(|x| match &x.outcome {
                    Outcome::Failed {
                        failure,
                        stale_served,
                    } => Some(RefreshFailure {
                        provider: x.resource.provider.clone(),
                        child_id: x.resource.child.as_ref().map(ToString::to_string),
                        what: x.resource.kind.as_str().to_owned(),
                        kind: failure.kind.into(),
                        detail: failure.message.clone(),
                        stale_served: *stale_served,
                    }),
                    _ => None,
                })
                .collect(),
        }
    }
}
