//! Attendance and absence registrations.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::EntityId;

/// What a registration says about the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceStatus {
    /// Absent (reported by a guardian or registered by the school).
    Absent,
    /// Arrived late.
    Late,
    /// Present.
    Present,
    /// A registration type this version does not know (see
    /// [`AttendanceRecord::registration_type`]).
    Other,
}

/// One day's or one lesson's attendance registration of a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceRecord {
    /// Stable id, namespaced by the child.
    pub id: EntityId,
    /// The child.
    pub child_id: EntityId,
    /// The day (Swedish local date).
    pub date: Date,
    /// The lesson ("Matematik"); none for a whole-day registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<String>,
    /// Start of the lesson or period, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub start: Option<ZonedDateTime>,
    /// End of the lesson or period, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub end: Option<ZonedDateTime>,
    /// Normalized status.
    pub status: AttendanceStatus,
    /// Upstream's registration type as shown ("Giltig frånvaro", "Sen ankomst").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_type: Option<String>,
    /// The reason given ("Sjuk").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// A free-text comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Who registered it (a guardian's or a teacher's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<String>,
    /// Minutes of absence, when upstream counts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

impl AttendanceRecord {
    /// True for a registration that covers the whole day rather than one lesson.
    pub fn is_whole_day(&self) -> bool {
        self.lesson.is_none() && self.start.is_none()
    }
}
