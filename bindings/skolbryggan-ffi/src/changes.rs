//! The change feed (what is new since the parent last looked) and data-changed notices.

use std::time::SystemTime;

use skolbryggan::cache::{Change as CoreChange, ChangeKind as CoreChangeKind};
use skolbryggan::client::DataChanged;

use crate::records::{DataKind, WriteKind, WriteOutcome, timestamp};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ChangeKind {
    /// A news item appeared.
    NewsAdded,
    /// A news item's title, body or modification time changed.
    NewsUpdated,
    /// A notification appeared.
    NotificationAdded,
    /// A calendar event appeared.
    EventAdded,
    /// A calendar event's time changed.
    EventMoved,
    /// A calendar event disappeared.
    EventCancelled,
    /// A week's lunch menu changed.
    MenuChanged,
    /// A week's timetable changed.
    TimetableChanged,
    /// An assignment or homework appeared.
    AssignmentAdded,
    /// An assignment's title, description, due date or status changed.
    AssignmentChanged,
    /// An attendance registration appeared or its status changed (e.g. an absence).
    AttendanceRegistered,
    /// A day's care times changed.
    CareTimeChanged,
}

impl From<CoreChangeKind> for ChangeKind {
    fn from(k: CoreChangeKind) -> Self {
        match k {
            CoreChangeKind::NewsAdded => ChangeKind::NewsAdded,
            CoreChangeKind::NewsUpdated => ChangeKind::NewsUpdated,
            CoreChangeKind::NotificationAdded => ChangeKind::NotificationAdded,
            CoreChangeKind::EventAdded => ChangeKind::EventAdded,
            CoreChangeKind::EventMoved => ChangeKind::EventMoved,
            CoreChangeKind::EventCancelled => ChangeKind::EventCancelled,
            CoreChangeKind::MenuChanged => ChangeKind::MenuChanged,
            CoreChangeKind::TimetableChanged => ChangeKind::TimetableChanged,
            CoreChangeKind::AssignmentAdded => ChangeKind::AssignmentAdded,
            CoreChangeKind::AssignmentChanged => ChangeKind::AssignmentChanged,
            CoreChangeKind::AttendanceRegistered => ChangeKind::AttendanceRegistered,
            CoreChangeKind::CareTimeChanged => ChangeKind::CareTimeChanged,
        }
    }
}

/// One entry of the change feed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Change {
    /// Position in the feed (pass it to `markRead`).
    pub id: i64,
    /// The child concerned.
    pub child_id: String,
    /// What changed.
    pub kind: ChangeKind,
    /// The news item, notification or event.
    pub entity_id: String,
    /// A title to show ("Lucia i aulan").
    pub title: String,
    /// When the change was seen.
    pub at: SystemTime,
    /// True once marked read.
    pub read: bool,
}

/// A page of the change feed, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChangePage {
    /// The entries of this page.
    pub items: Vec<Change>,
    /// Entries in the whole feed (with the same `unread_only`).
    pub total: u32,
    /// The offset of the next page, none on the last page.
    pub next_offset: Option<u32>,
}

impl From<&CoreChange> for Change {
    fn from(c: &CoreChange) -> Self {
        Change {
            id: c.id,
            child_id: c.child_id.to_string(),
            kind: c.kind.into(),
            entity_id: c.entity_id.to_string(),
            title: c.title.clone(),
            at: timestamp(c.at),
            read: c.read,
        }
    }
}

/// Why the cached data changed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum DataChange {
    /// A refresh stored data; `changes` entries were added to the change feed.
    Refreshed {
        /// New change-feed entries.
        changes: u32,
        /// The kinds of data whose stored value changed (each once): read only these again.
        /// Empty when every answer was the same as the cached one.
        kinds: Vec<DataKind>,
        /// The children (`Child.id`) whose data changed, each once.
        child_ids: Vec<String>,
    },
    /// A write action (absence report, care times) was done or found done, and its read-back
    /// stored: read the child's absence options, attendance or care times again.
    Written {
        /// The child written for.
        child_id: String,
        /// Which action.
        kind: WriteKind,
        /// What it did.
        outcome: WriteOutcome,
    },
    /// A platform was logged in or its session resumed.
    LoggedIn {
        /// The provider ("stockholm", "demo").
        provider: String,
    },
    /// A platform's session expired: ask the user to log in again. The cached data stays.
    SessionExpired {
        /// The provider.
        provider: String,
    },
    /// Logged out (or the account was forgotten).
    LoggedOut,
}

impl From<DataChanged> for DataChange {
    fn from(d: DataChanged) -> Self {
        match d {
            DataChanged::Refreshed {
                changes,
                kinds,
                children,
            } => DataChange::Refreshed {
                changes: u32::try_from(changes).unwrap_or(u32::MAX),
                kinds: kinds.into_iter().map(DataKind::from).collect(),
                child_ids: children.iter().map(ToString::to_string).collect(),
            },
            DataChanged::Written {
                child,
                action,
                outcome,
            } => DataChange::Written {
                child_id: child.to_string(),
                kind: action.into(),
                outcome: outcome.into(),
            },
            DataChanged::LoggedIn { provider } => DataChange::LoggedIn { provider },
            DataChanged::SessionExpired { provider } => DataChange::SessionExpired { provider },
            DataChanged::LoggedOut => DataChange::LoggedOut,
        }
    }
}

/// Receives data-changed notices so a UI can read again and re-render (from a background
/// thread; return quickly).
#[uniffi::export(foreign)]
pub trait DataChangedListener: Send + Sync {
    /// The cached data changed.
    fn on_data_changed(&self, change: DataChange);
}
