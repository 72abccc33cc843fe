//! The logged-in guardian.

use serde::{Deserialize, Serialize};

use super::{EntityId, PersonalNumber};

/// A guardian logged in to one platform account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Stable id (`<platform>:<account>:user:<account>`).
    pub id: EntityId,
    /// The guardian's personal number, when the platform tells it. Masked in `Debug`/`Display`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<PersonalNumber>,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail address, if upstream has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Stockholm only: an id for push notifications (64 hex characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_id: Option<String>,
}

impl User {
    /// "First Last".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_owned()
    }
}
