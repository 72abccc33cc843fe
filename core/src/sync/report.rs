//! What a refresh did, per resource.

use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::cache::{Change, ResourceId};
use crate::error::Error;

pub use crate::model::FailureKind;

/// A failed resource: the kind and a message without personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceFailure {
    /// What sort of failure.
    pub kind: FailureKind,
    /// Description (endpoint names, statuses; never personal data).
    pub message: String,
    /// For rate limiting: what the platform asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<Duration>,
}

impl ResourceFailure {
    /// A failure of `kind`.
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Self {
        ResourceFailure {
            kind,
            message: message.into(),
            retry_after: None,
        }
    }
}

impl From<&Error> for ResourceFailure {
    fn from(e: &Error) -> Self {
        let kind = match e {
            Error::Network { .. } => FailureKind::Network,
            Error::Timeout { .. } => FailureKind::Timeout,
            Error::SessionExpired { .. } => FailureKind::SessionExpired,
            Error::RateLimited { .. } => FailureKind::RateLimited,
            Error::Upstream { .. } => FailureKind::Upstream,
            Error::Parse { .. } => FailureKind::Parse,
            Error::WrongChild { .. } => FailureKind::WrongChild,
            Error::Unsupported { .. } => FailureKind::Unsupported,
            Error::NotLoggedIn | Error::Login(_) => FailureKind::NotLoggedIn,
            Error::Cancelled => FailureKind::Cancelled,
            Error::Cache(c) if c.is_integrity_failure() => FailureKind::Integrity,
            Error::Cache(c) if c.is_key_problem() => FailureKind::Key,
            Error::Cache(_) | Error::Io(_) => FailureKind::Cache,
            Error::Key(_) | Error::KeyUnavailable(_) | Error::KeyLost => FailureKind::Key,
            Error::InvalidInput(_) | Error::NotPlatformHost | Error::ContentTooLarge { .. } => {
                FailureKind::Internal
            }
            Error::WriteRefused(_) => FailureKind::Unsupported,
        };
        let retry_after = match e {
            Error::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        };
        ResourceFailure {
            kind,
            message: e.to_string(),
            retry_after,
        }
    }
}

/// What happened to one resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Fetched and stored.
    Fetched {
        /// Items stored.
        items: usize,
        /// Changes recorded in the feed.
        changes: usize,
        /// True when the stored value differs from what was cached before (always true for a
        /// first fetch); false when the platform answered the same data again.
        #[serde(default)]
        changed: bool,
    },
    /// Fresh enough: no request.
    Fresh,
    /// Failed; whatever was cached before is still served.
    Failed {
        /// Why.
        failure: ResourceFailure,
        /// True when older data is cached and served (stale), false when there is none.
        stale_served: bool,
    },
}

/// The result of one resource in a refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceReport {
    /// Which resource.
    pub resource: ResourceId,
    /// What happened.
    pub outcome: Outcome,
    /// When the data now in the cache was fetched (none: nothing cached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<Timestamp>,
    /// Upstream requests made for it by this refresh (retries included).
    pub requests: u32,
}

impl ResourceReport {
    /// The failure, if it failed.
    pub fn failure(&self) -> Option<&ResourceFailure> {
        match &self.outcome {
            Outcome::Failed { failure, .. } => Some(failure),
            _ => None,
        }
    }
}

/// What one [`super::SyncEngine::refresh`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshReport {
    /// One entry per resource considered.
    pub resources: Vec<ResourceReport>,
    /// True when the platform said the session expired: ask the user to log in again (BankID).
    /// The cached data stays and is still served.
    pub session_expired: bool,
    /// Changes recorded by this refresh.
    pub changes: Vec<Change>,
}

impl RefreshReport {
    /// Upstream requests made (retries included; coalesced requests count once, for the
    /// caller that made them).
    pub fn requests(&self) -> u32 {
        self.resources.iter().map(|r| r.requests).sum()
    }

    /// Resources that failed.
    pub fn failures(&self) -> impl Iterator<Item = &ResourceReport> {
        self.resources.iter().filter(|r| r.failure().is_some())
    }

    /// The resources whose stored value changed (see [`Outcome::Fetched`]'s `changed`).
    pub fn changed(&self) -> impl Iterator<Item = &ResourceId> {
        self.resources
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Fetched { changed: true, .. }))
            .map(|r| &r.resource)
    }

    /// Number of resources fetched.
    pub fn fetched(&self) -> usize {
        self.resources
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Fetched { .. }))
            .count()
    }
}

/// Progress of a refresh, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Resources finished so far.
    pub done: usize,
    /// Resources in this refresh (known once the children are known).
    pub total: usize,
    /// The one that just finished.
    pub last: ResourceReport,
}
