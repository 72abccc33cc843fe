//! [`DataChanged`]: what subscribers are told when cached data or the sessions changed.

use crate::model::{EntityId, EntityKind};
use crate::provider::WriteOutcome;

/// Which write action stored new data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WriteAction {
    /// An absence report or its withdrawal.
    AbsenceReport,
    /// A day's care times.
    CareTimes,
}

/// Sent to subscribers whenever a refresh or a write stored new data or a login/logout changed
/// the family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataChanged {
    /// A refresh stored data; `changes` new entries were added to the change feed.
    Refreshed {
        /// New change-feed entries.
        changes: usize,
        /// The kinds of data whose stored value changed (each once, in a stable order): read
        /// only these again. Empty when every answer was the same as the cached one.
        kinds: Vec<EntityKind>,
        /// The children whose data changed (each once, sorted). Account-level data (the
        /// guardian, the list of children) shows in `kinds` only.
        children: Vec<EntityId>,
    },
    /// A write action was done (or found already done) and its read-back stored: read the
    /// child's absence options, attendance or care times again.
    Written {
        /// The child written for.
        child: EntityId,
        /// Which action.
        action: WriteAction,
        /// What the write did.
        outcome: WriteOutcome,
    },
    /// A platform was logged in or resumed.
    LoggedIn {
        /// The provider name.
        provider: String,
    },
    /// The session of a provider expired; the cached data stays.
    SessionExpired {
        /// The provider name.
        provider: String,
    },
    /// The user logged out of a provider or forgot the account.
    LoggedOut,
}
