//! The sync engine: offline-first reads, polite refreshes, a change feed.
//!
//! * Reads ([`SyncEngine::read_week`], [`SyncEngine::read_all`]) come from the cache only, with
//!   each resource's age and whether it is stale.
//! * [`SyncEngine::refresh`] fetches only what is older than its [`Freshness`] setting; at most
//!   [`SyncSettings::max_concurrent_per_platform`] requests per platform at a time; identical
//!   refreshes in flight are coalesced into one request; transient failures are retried with
//!   jittered exponential back-off ([`backoff`]); `Retry-After` is honoured for the whole
//!   platform; a [`breaker`] stops calling a platform that keeps failing. A failure leaves the
//!   cached data in place (served as stale); an expired session is reported
//!   ([`RefreshReport::session_expired`]) and never retried.
//! * Freshness follows the school day by default ([`SchoolDay`]); [`BackgroundProfile`] says
//!   what a background run refreshes and when it should run next.
//! * Time and sleeping go through a [`Clock`], so tests run instantly on a [`ManualClock`].

pub mod backoff;
pub mod breaker;
mod cancel;
mod clock;
mod coalesce;
mod engine;
mod fetch;
pub(crate) use fetch::entity_kind;
mod planning;
mod profile;
mod report;
mod request;
mod retry;
mod scope;
mod settings;
mod view;
mod write_back;

pub use cancel::CancelToken;
pub use clock::{Clock, ManualClock, SystemClock};
pub use engine::SyncEngine;
pub use profile::{BackgroundProfile, DayPart, SchoolDay};
pub use report::{FailureKind, Outcome, Progress, RefreshReport, ResourceFailure, ResourceReport};
pub use request::RefreshRequest;
pub use settings::{BreakerSettings, Freshness, RetryPolicy, SyncSettings};
pub use view::{CachedView, ResourceStatus};
