//! What the home cards need besides the cached entities: the unread change-feed entries, each
//! cached resource's age, and each platform's session. The client gathers them (from the cache,
//! the sync engine and its login state); this module only reads them, so it stays a pure view.

use jiff::Timestamp;
use serde::Serialize;

use crate::model::{EntityId, FailureKind, Platform};

/// Which unread count an unread change-feed entry counts towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnreadKind {
    /// A news item that appeared or changed.
    News,
    /// A notification that appeared.
    Notification,
}

/// One unread change-feed entry, reduced to what the counts need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// The child it is about.
    pub child_id: EntityId,
    /// News or notification.
    pub kind: UnreadKind,
    /// The news item or notification (several entries about one item count once).
    pub entity_id: EntityId,
}

/// The age of one cached resource (the sync engine's view of it, without its data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceAge {
    /// The provider that fetched it ("stockholm", "demo").
    pub provider: String,
    /// The child, for per-child resources (none for the user and children lists).
    pub child: Option<EntityId>,
    /// When it was fetched (none: never).
    pub fetched_at: Option<Timestamp>,
    /// True when older than its freshness setting.
    pub stale: bool,
    /// The last failure, when the last attempt failed.
    pub last_error: Option<FailureKind>,
}

/// The state of a platform's login session, as the client knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionState {
    /// A live session: refreshes reach the platform.
    LoggedIn,
    /// A session was stored but is not live: it expired upstream, or it has not been resumed
    /// yet. The cached data stays readable; resume or log in again (BankID).
    Expired,
    /// No session for this platform (never logged in, or logged out).
    NotLoggedIn,
}

/// One provider's session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlatformSession {
    /// The provider name ("stockholm", "infomentor", "demo").
    pub provider: String,
    /// The platforms whose data it serves (used for children that have no cached resource
    /// yet, so no resource names their provider).
    pub platforms: Vec<Platform>,
    /// Its state.
    pub state: SessionState,
}

/// Everything the cards need besides the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeInputs {
    /// The day the cards are for (Swedish local date).
    pub date: jiff::civil::Date,
    /// Now, for "the next event" (an event that ended is not next).
    pub now: Timestamp,
    /// The unread change-feed entries about news and notifications.
    pub unread: Vec<Unread>,
    /// The ages of the cached resources the cards were built from.
    pub resources: Vec<ResourceAge>,
    /// Every provider the account has or had a session with.
    pub sessions: Vec<PlatformSession>,
}
