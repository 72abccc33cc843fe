//! The kind of a failed fetch, as the sync engine reports it and the cache remembers it.

use serde::{Deserialize, Serialize};

/// The kind of a failure, for UIs and tests (every failure has one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// Network failure.
    Network,
    /// Timeout.
    Timeout,
    /// The session expired: log in again (BankID). The cached data stays.
    SessionExpired,
    /// The platform asked us to slow down.
    RateLimited,
    /// The platform answered with an error.
    Upstream,
    /// The answer could not be understood.
    Parse,
    /// The answer belonged to another child and was discarded.
    WrongChild,
    /// The platform does not offer this.
    Unsupported,
    /// Not logged in.
    NotLoggedIn,
    /// The platform failed repeatedly; requests are paused for a while.
    CircuitOpen,
    /// The local cache failed.
    Cache,
    /// A cached value failed its integrity check.
    Integrity,
    /// Key material missing or wrong.
    Key,
    /// Cancelled.
    Cancelled,
    /// The provider failed in an unexpected way (a panic, invalid input).
    Internal,
}
