//! Notifications from the platform and its satellite systems.

use jiff::ZonedDateTime;
use serde::{Deserialize, Serialize};

use super::EntityId;

/// A notification addressed to a guardian about a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// Stable id, namespaced by the child.
    pub id: EntityId,
    /// The child it is about.
    pub child_id: EntityId,
    /// Sending system or person.
    pub sender: String,
    /// Plain-text message.
    pub message: String,
    /// Link to open (in a web view with the platform session), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Upstream category ("Lärlogg", "Bedömning").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Upstream type ("avisering", "webnotify").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_type: Option<String>,
    /// When it was created.
    #[serde(deserialize_with = "crate::time::zoned_serde::deserialize")]
    pub created: ZonedDateTime,
    /// When it was last modified.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub modified: Option<ZonedDateTime>,
}

impl Notification {
    /// The instant used to order notifications: modified, else created.
    pub fn sort_instant(&self) -> &ZonedDateTime {
        self.modified.as_ref().unwrap_or(&self.created)
    }
}
