//! Skola24's identifiers of a child, kept in the child's [`ChildRefs`](crate::model::ChildRefs).

use serde::{Deserialize, Serialize};

use crate::model::PlatformRef;

/// Skola24 identifiers of a child (the timetable system behind Stockholm's login).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Skola24ChildRef {
    /// `personGuid`: the timetable `selection`.
    pub person_guid: String,
    /// `unitGuid`.
    pub unit_guid: String,
    /// `schoolGuid`.
    #[serde(default)]
    pub school_guid: String,
    /// `schoolID` (school name or code as Skola24 shows it).
    #[serde(default)]
    pub school_id: String,
    /// `timetableID`: without it, no timetable is requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timetable_id: Option<String>,
    /// First name as Skola24 knows it.
    pub first_name: String,
    /// Last name as Skola24 knows it.
    pub last_name: String,
}

impl PlatformRef for Skola24ChildRef {
    const KEY: &'static str = "skola24";
}
