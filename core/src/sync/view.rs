//! What reads return: the cached snapshot with each resource's age and staleness.

use jiff::Timestamp;

use super::report::FailureKind;
use crate::cache::ResourceId;
use crate::model::FamilySnapshot;

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
