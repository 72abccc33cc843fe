//! The change feed (what is new since the parent last looked) and data-changed notifications.

use std::time::SystemTime;

/// The kind of data that changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DataKind {
    /// Children.
    Children,
    /// News.
    News,
    /// Calendar.
    Calendar,
    /// Notifications.
    Notifications,
    /// Lunch menus.
    Menus,
    /// Timetables.
    Timetable,
    /// Classmates, teachers and contacts.
    People,
    /// Login state (logged in, logged out, session expired).
    Session,
}

/// How an entity changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ChangeKind {
    /// New.
    Added,
    /// Changed.
    Updated,
    /// Gone upstream.
    Removed,
}

/// One entry of the change feed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Change {
    /// Id of the change (pass it to `markRead`).
    pub id: String,
    /// The entity that changed.
    pub entity_id: String,
    /// Its kind of data.
    pub data: DataKind,
    /// How it changed.
    pub kind: ChangeKind,
    /// The child concerned.
    pub child_id: Option<String>,
    /// A title to show ("Veckobrev vecka 48").
    pub title: String,
    /// When the change was seen.
    pub seen_at: SystemTime,
    /// True once marked read.
    pub read: bool,
}

/// Receives "data changed" notices so a UI can re-render (from a background thread).
#[uniffi::export(foreign)]
pub trait DataChangedListener: Send + Sync {
    /// Data of these kinds changed in the cache; read it again.
    fn on_data_changed(&self, kinds: Vec<DataKind>);
}
