//! Assignments and homework.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::EntityId;

/// How far a child has come with an assignment, as far as upstream tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    /// Not started.
    NotStarted,
    /// Started, not handed in.
    InProgress,
    /// Handed in, done or completed.
    Done,
    /// Upstream gave no status, or one this version does not know (see
    /// [`Assignment::status_text`]).
    Unknown,
}

/// An assignment, homework or test a child has to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// Stable id, namespaced by the child.
    pub id: EntityId,
    /// The child who has to do it.
    pub child_id: EntityId,
    /// Title.
    pub title: String,
    /// Description as Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_markdown: Option<String>,
    /// Subject name ("Engelska").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Due date (Swedish local date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Due instant, only when upstream gives a time of day (not just a date).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub due_at: Option<ZonedDateTime>,
    /// The day it was handed out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned: Option<Date>,
    /// Normalized status.
    pub status: AssignmentStatus,
    /// Upstream's own status text ("Ej påbörjad"), as shown on the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_text: Option<String>,
    /// True when upstream marks it overdue.
    #[serde(default)]
    pub overdue: bool,
    /// Link to open it on the platform (in a web view with the platform session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Assignment {
    /// True when it still has to be done (not [`AssignmentStatus::Done`]).
    pub fn is_open(&self) -> bool {
        self.status != AssignmentStatus::Done
    }
}
