//! Vklass's identifiers of a child, kept in the child's [`ChildRefs`](crate::model::ChildRefs).

use serde::{Deserialize, Serialize};

use crate::model::PlatformRef;

/// Vklass identifiers of a pupil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VklassPupilRef {
    /// Pupil id (digits): the `students=` of the calendar, the `value` of the absence form's
    /// ward option, the `studentId` of the care schedule.
    pub pupil_id: String,
}

impl PlatformRef for VklassPupilRef {
    const KEY: &'static str = "vklass";
}
