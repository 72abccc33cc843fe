//! Fritids and pre-school care times ("omsorgstider", "fritidsschema").

use jiff::ZonedDateTime;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use super::EntityId;

/// A child's care time for one date: the times the guardian planned, what actually happened
/// (check-in and check-out), comments and whether the day can still be changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CareTime {
    /// Stable id, namespaced by the child (`…:care_time:<child>/<date>`).
    pub id: EntityId,
    /// The child.
    pub child_id: EntityId,
    /// The day.
    pub date: Date,
    /// Planned arrival; none when no times are given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub start: Option<ZonedDateTime>,
    /// Planned pick-up; none when no times are given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub end: Option<ZonedDateTime>,
    /// Actual check-in, when the staff registered it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub checked_in: Option<ZonedDateTime>,
    /// Actual check-out, when the staff registered it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub checked_out: Option<ZonedDateTime>,
    /// The child is on leave (ledig) that day.
    #[serde(default)]
    pub on_leave: bool,
    /// The times can no longer be changed (the school locked them).
    #[serde(default)]
    pub locked: bool,
    /// The unit is closed that day.
    #[serde(default)]
    pub closed: bool,
    /// Why the unit is closed ("Planeringsdag").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_reason: Option<String>,
    /// The unit's opening time that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_time: Option<Time>,
    /// The unit's closing time that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_time: Option<Time>,
    /// The guardian's comment ("Hämtas av mormor").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The staff's comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_comment: Option<String>,
    /// True when there are comments (which may need a separate read).
    #[serde(default)]
    pub has_comments: bool,
    /// True when some comment has not been read yet.
    #[serde(default)]
    pub has_unread_comments: bool,
    /// The guardian may (and should) still give times: editable, open, not locked, no times.
    #[serde(default)]
    pub times_missing: bool,
}

/// Checks planned care times before a write: the pick-up time must come after the arrival
/// time ([`crate::error::Error::InvalidInput`] otherwise). Shared by the client and every
/// provider that writes care times.
pub fn check_care_times(start: Time, end: Time) -> crate::error::Result<()> {
    if end <= start {
        return Err(crate::error::Error::InvalidInput(
            "the pick-up time must be after the arrival time".to_owned(),
        ));
    }
    Ok(())
}
