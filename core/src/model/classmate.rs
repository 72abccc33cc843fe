//! Classmates and their guardians.

use serde::{Deserialize, Serialize};

use super::EntityId;

/// A guardian of a classmate, as the class list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Guardian {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Mobile phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// A pupil in the same class as the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Classmate {
    /// Stable id, namespaced by the child.
    pub id: EntityId,
    /// The child whose class this is.
    pub child_id: EntityId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Class name ("7C").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_name: Option<String>,
    /// The classmate's guardians.
    #[serde(default)]
    pub guardians: Vec<Guardian>,
}
