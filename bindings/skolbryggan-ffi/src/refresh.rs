//! Refreshing the cache from the platforms: progress as it goes, a report at the end.

/// Progress of a refresh.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RefreshProgress {
    /// Steps done.
    pub done: u32,
    /// Steps in all (a step is one child's data on one platform).
    pub total: u32,
    /// What was just fetched ("news", "timetable"), for a status line.
    pub step: String,
}

/// Receives refresh progress (from a background thread; return quickly).
#[uniffi::export(foreign)]
pub trait RefreshListener: Send + Sync {
    /// One more step is done.
    fn on_progress(&self, progress: RefreshProgress);
}

/// Something a refresh could not fetch; the cached data of it stays.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RefreshFailure {
    /// The child concerned, if the failure was about one child.
    pub child_id: Option<String>,
    /// What was being fetched ("news").
    pub what: String,
    /// Why (masked).
    pub message: String,
}

/// What a refresh did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RefreshReport {
    /// Children refreshed.
    pub children: u32,
    /// Entities stored (all kinds together).
    pub entities: u32,
    /// New or changed entities since the last refresh (they appear in the change feed).
    pub changed: u32,
    /// What failed; the rest was refreshed.
    pub failures: Vec<RefreshFailure>,
    /// Wall time, milliseconds.
    pub duration_ms: u64,
}
