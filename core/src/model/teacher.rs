//! Teachers.

use serde::{Deserialize, Serialize};

use super::{EntityId, SchoolForm};

/// A teacher of the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Teacher {
    /// Stable id, namespaced by the child.
    pub id: EntityId,
    /// The child.
    pub child_id: EntityId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Work phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Whether the teacher is active.
    pub active: bool,
    /// The school form the teacher teaches the child in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_form: Option<SchoolForm>,
    /// Timetable initials (first letter of the first name and first two of the last name,
    /// upper-cased: "Karin Ursson" → "KUR"); matches Skola24 initials case-insensitively.
    pub timetable_abbreviation: String,
}

impl Teacher {
    /// "First Last".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_owned()
    }

    /// The abbreviation rule of the upstream app.
    pub fn abbreviation_for(first_name: &str, last_name: &str) -> String {
        let first: String = first_name.chars().take(1).collect();
        let last: String = last_name.chars().take(2).collect();
        format!("{first}{last}").to_uppercase()
    }
}
