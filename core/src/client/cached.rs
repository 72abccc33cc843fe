//! A value read from the cache, with how fresh it is.

use jiff::Timestamp;

use crate::sync::CachedView;

/// Data from the cache and its age. Reads never wait for the network: show `value` at once,
/// and a "last updated" hint when `stale`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached<T> {
    /// The data.
    pub value: T,
    /// True when some of it is older than its freshness setting (or was never fetched).
    pub stale: bool,
    /// When the oldest part of it was fetched (none: nothing cached yet).
    pub oldest_fetch: Option<Timestamp>,
}

impl<T> Cached<T> {
    /// Maps the value, keeping the freshness.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Cached<U> {
        Cached {
            value: f(self.value),
            stale: self.stale,
            oldest_fetch: self.oldest_fetch,
        }
    }
}

impl Cached<crate::model::FamilySnapshot> {
    pub(crate) fn from_view(view: CachedView) -> Self {
        let stale = view.resources.is_empty() || view.is_stale();
        let oldest_fetch = view.resources.iter().filter_map(|r| r.fetched_at).min();
        Cached {
            value: view.snapshot,
            stale,
            oldest_fetch,
        }
    }
}
