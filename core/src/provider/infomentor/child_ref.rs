//! InfoMentor Hub's identifiers of a child, kept in the child's [`ChildRefs`](crate::model::ChildRefs).

use serde::{Deserialize, Serialize};

use crate::model::PlatformRef;

/// InfoMentor Hub identifiers of a pupil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoMentorPupilRef {
    /// Hub pupil id (the `id` of the pupil on the Hub start page, also the middle part of a
    /// notification's `pupilSourceId`). Not the number at the end of the switch URL: that is a
    /// different identifier scheme.
    pub pupil_id: String,
    /// The pupil-switch URL path (`/Account/PupilSwitcher/SwitchPupil/<id>`), as read from the
    /// Hub root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub switch_url: Option<String>,
}

impl PlatformRef for InfoMentorPupilRef {
    const KEY: &'static str = "infomentor";
}
