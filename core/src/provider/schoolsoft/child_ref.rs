//! SchoolSoft's identifiers of a child, kept in the child's [`ChildRefs`](crate::model::ChildRefs).

use serde::{Deserialize, Serialize};

use crate::model::PlatformRef;

/// SchoolSoft identifiers of a pupil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchoolSoftChildRef {
    /// The pupil id (`id` in the parent header, `studentId` in the Eva API).
    pub student_id: String,
    /// The `orgId` of the pupil's active school inside the tenant (needed to switch focus).
    pub org_id: String,
}

impl PlatformRef for SchoolSoftChildRef {
    const KEY: &'static str = "schoolsoft";
}
