//! Timetable lessons.

use jiff::ZonedDateTime;
use serde::{Deserialize, Serialize};

use super::EntityId;

/// A subject resolved from a lesson code (see `curriculum.md` upstream).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subject {
    /// The code as written in the timetable (`BL`, `M2FR`, `Lunch`).
    pub code: String,
    /// The subject name in the requested language ("Bild").
    pub name: String,
    /// Category ("" for ordinary subjects, "Moderna språk, språkval", "Diverse", "Okänd").
    pub category: String,
}

impl Subject {
    /// True for physical education (Idrott och hälsa): the day needs gym clothes.
    pub fn is_physical_education(&self) -> bool {
        let code = self.code.to_ascii_uppercase();
        code == "IDH" || code.starts_with("IDH") || self.name.to_lowercase().starts_with("idrott")
    }

    /// True for breaks that are not lessons (lunch, rast).
    pub fn is_break(&self) -> bool {
        matches!(
            self.code.to_ascii_uppercase().as_str(),
            "LUNCH" | "PRANDIUM" | "RAST"
        )
    }
}

/// One lesson of a child's timetable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimetableLesson {
    /// Stable id, namespaced by the child.
    pub id: EntityId,
    /// The child.
    pub child_id: EntityId,
    /// The subject.
    pub subject: Subject,
    /// Words after the code in the lesson text ("a)", "Arbetslagsråd 7C").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Teacher names, or the initials when no name is known ("Karin Ursson", "ATe, GTe").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teacher: Option<String>,
    /// Room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// Start instant.
    #[serde(deserialize_with = "crate::time::zoned_serde::deserialize")]
    pub start: ZonedDateTime,
    /// End instant.
    #[serde(deserialize_with = "crate::time::zoned_serde::deserialize")]
    pub end: ZonedDateTime,
    /// Upstream block name (often empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_name: Option<String>,
}
