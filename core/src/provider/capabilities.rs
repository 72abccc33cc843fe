//! What a platform offers.

use serde::{Deserialize, Serialize};

use crate::model::EntityKind;

/// A way to log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginMethod {
    /// Mobile BankID on this device (autostart link), personal number optional where the
    /// platform allows.
    BankIdSameDevice,
    /// Mobile BankID on another device (animated QR code or personal number).
    BankIdOtherDevice,
    /// Freja eID+.
    FrejaEid,
    /// Resume a stored session without identifying again.
    SavedSession,
    /// The built-in demo family (no network).
    Demo,
}

/// Login methods and entities a provider offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    /// Login methods.
    pub login_methods: Vec<LoginMethod>,
    /// Entities the provider can fetch.
    pub entities: Vec<EntityKind>,
    /// True when BankID on this device works without typing a personal number.
    pub bankid_without_personal_number: bool,
}

impl Capabilities {
    /// True when `kind` can be fetched.
    pub fn offers(&self, kind: EntityKind) -> bool {
        self.entities.contains(&kind)
    }
}
