//! Write actions a platform offers, with the permission flags it sent.
//!
//! A UI shows an action's button only when the action's `can_…` method says so. The flags are
//! those of the last read; a client checks them again against a fresh read before it writes.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::EntityId;

/// The offer to report a child absent (sick) for a whole day, or to withdraw such a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceReportAction {
    /// Stable id, namespaced by the child (`…:absence_report:<child>/<date>`).
    pub id: EntityId,
    /// The child.
    pub child_id: EntityId,
    /// The day the report is for.
    pub day: Date,
    /// Upstream allows guardians of this child to report day absence.
    pub allowed: bool,
    /// The day is locked (too late to report or change).
    pub locked: bool,
    /// The child is already reported absent that day (the action would withdraw the report).
    #[serde(default)]
    pub already_reported: bool,
    /// The comment of an existing report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Upstream offers to also mark the day as sick in the fritids care times.
    #[serde(default)]
    pub can_mark_care_time: bool,
}

impl AbsenceReportAction {
    /// True when a "report absent" button should be shown.
    pub fn can_report(&self) -> bool {
        self.allowed && !self.locked && !self.already_reported
    }

    /// True when a "withdraw the absence report" button should be shown.
    pub fn can_withdraw(&self) -> bool {
        self.allowed && !self.locked && self.already_reported
    }
}

/// The offer to edit one day's fritids / pre-school care times or its comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CareTimeEditAction {
    /// Stable id, namespaced by the child (`…:care_time_edit:<child>/<date>`).
    pub id: EntityId,
    /// The child.
    pub child_id: EntityId,
    /// The day.
    pub date: Date,
    /// Upstream's id of the day's registration (needed to save it).
    pub registration_id: String,
    /// Upstream allows editing the times.
    pub can_edit: bool,
    /// Upstream allows editing the guardian comment.
    #[serde(default)]
    pub can_edit_comment: bool,
    /// The times are locked by the school.
    pub locked: bool,
    /// The unit is closed that day.
    pub closed: bool,
}

impl CareTimeEditAction {
    /// True when an "edit times" button should be shown.
    pub fn can_edit_times(&self) -> bool {
        self.can_edit && !self.locked && !self.closed
    }

    /// True when an "edit comment" button should be shown.
    pub fn can_comment(&self) -> bool {
        self.can_edit_comment
    }
}
