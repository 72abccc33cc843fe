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
    /// A username and password handed out by the platform or the school.
    Password,
    /// A web login in a browser the app opens ([`crate::provider::LoginRequest::Browser`]):
    /// the platform's own pages and its identity provider, then a redirect back to the app.
    Browser,
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
    /// True when an organisation (tenant, municipality, school group) must be chosen with
    /// [`crate::provider::Provider::set_organisation`] before a login.
    #[serde(default)]
    pub organisation_required: bool,
}

/// A write action a platform offers (something the app sends, not only reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteAction {
    /// Report a child sick/absent for a day (and withdraw the report).
    ReportAbsence,
    /// Set one day's fritids / pre-school care times.
    EditCareTimes,
}

impl WriteAction {
    /// Every write action, in a stable order.
    pub const ALL: [WriteAction; 2] = [WriteAction::ReportAbsence, WriteAction::EditCareTimes];

    /// The entity kind whose offer the provider fetches for this action.
    pub fn offer_kind(self) -> EntityKind {
        match self {
            WriteAction::ReportAbsence => EntityKind::AbsenceReportAction,
            WriteAction::EditCareTimes => EntityKind::CareTimeEditAction,
        }
    }
}

impl Capabilities {
    /// True when `kind` can be fetched.
    pub fn offers(&self, kind: EntityKind) -> bool {
        self.entities.contains(&kind)
    }

    /// The write actions the provider offers: those whose offer entity it fetches (an absence
    /// report needs the day's offer, a care-time edit the day's editable times).
    pub fn write_actions(&self) -> Vec<WriteAction> {
        WriteAction::ALL
            .into_iter()
            .filter(|a| self.offers(a.offer_kind()))
            .collect()
    }

    /// True when a login method is Freja eID+.
    pub fn offers_freja(&self) -> bool {
        self.login_methods.contains(&LoginMethod::FrejaEid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_actions_follow_the_offer_entities() {
        let mut caps = Capabilities {
            login_methods: vec![LoginMethod::FrejaEid],
            entities: vec![EntityKind::News, EntityKind::CareTimeEditAction],
            bankid_without_personal_number: false,
            organisation_required: false,
        };
        assert_eq!(caps.write_actions(), vec![WriteAction::EditCareTimes]);
        assert!(caps.offers_freja());
        caps.entities.push(EntityKind::AbsenceReportAction);
        caps.login_methods.clear();
        assert_eq!(caps.write_actions(), WriteAction::ALL.to_vec());
        assert!(!caps.offers_freja());
    }
}
