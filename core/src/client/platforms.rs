//! What each platform of the registry offers, for gating an app's tabs, buttons and login
//! choices: [`Client::platforms`].

use super::Client;
use crate::error::Result;
use crate::model::{EntityKind, Platform};
use crate::provider::registry::{self, PlatformEntry};
use crate::provider::{LoginMethod, WriteAction};

/// One platform (registry entry) and what it offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformSummary {
    /// The provider's name (`stockholm`, `infomentor`, `demo`): the key of its session.
    pub name: &'static str,
    /// The short name people know it by ("Skolplattformen").
    pub label: &'static str,
    /// One line describing it.
    pub summary: &'static str,
    /// The platforms whose data it returns, with their names for people.
    pub platforms: Vec<(Platform, &'static str)>,
    /// The ways to log in (BankID on this or another device, Freja eID+, a saved session).
    pub login_methods: Vec<LoginMethod>,
    /// True when Freja eID+ is one of the login methods.
    pub freja: bool,
    /// True when BankID on this device works without typing a personal number.
    pub bankid_without_personal_number: bool,
    /// The entities it fetches.
    pub entities: Vec<EntityKind>,
    /// The write actions it offers (absence reports, care times).
    pub write_actions: Vec<WriteAction>,
    /// True when it serves lunch menus (the menu tab).
    pub menu: bool,
    /// True when an organisation must be chosen ([`Client::set_organisation`]) before a login.
    pub organisation_required: bool,
}

impl PlatformSummary {
    /// The summary of one registry entry (its provider is built offline to ask it; nothing is
    /// sent).
    pub fn of(entry: &PlatformEntry) -> Result<Self> {
        let caps = entry.capabilities()?;
        Ok(PlatformSummary {
            name: entry.name,
            label: entry.label,
            summary: entry.summary,
            platforms: entry
                .platforms
                .iter()
                .map(|p| (p.platform, p.display_name))
                .collect(),
            freja: caps.offers_freja(),
            bankid_without_personal_number: caps.bankid_without_personal_number,
            write_actions: caps.write_actions(),
            menu: caps.offers(EntityKind::MenuDay),
            organisation_required: caps.organisation_required,
            login_methods: caps.login_methods,
            entities: caps.entities,
        })
    }
}

impl Client {
    /// Every platform of the registry, in its order, with its capabilities.
    pub fn platforms(&self) -> Result<Vec<PlatformSummary>> {
        registry::ENTRIES.iter().map(PlatformSummary::of).collect()
    }
}
