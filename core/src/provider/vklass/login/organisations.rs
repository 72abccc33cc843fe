//! The organisations Skolbryggan knows a login path for. Vklass publishes no searchable list;
//! these are the two guardian organisations of Göteborg, whose SAML login goes through
//! Göteborg Stad's IdP and the e-ID broker (BankID QR). Any other organisation number may be
//! chosen too: its guardians can use a Vklass username and password.

use crate::provider::Organisation;
use crate::provider::vklass::routes;

/// One known organisation and the identity provider its SAML login starts at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KnownOrganisation {
    /// Vklass's organisation number.
    pub(crate) id: &'static str,
    /// Its name as Vklass writes it.
    pub(crate) name: &'static str,
    /// The `idp=` of the SAML start.
    pub(crate) idp: &'static str,
}

/// The known organisations.
pub(crate) const KNOWN: &[KnownOrganisation] = &[
    KnownOrganisation {
        id: "189",
        name: "Göteborgs stad UBF - Vårdnadshavare",
        idp: routes::GOTEBORG_IDP_ENTITY,
    },
    KnownOrganisation {
        id: "190",
        name: "Göteborgs stad GSF - Vårdnadshavare",
        idp: routes::GOTEBORG_IDP_ENTITY,
    },
];

/// The known organisation with number `id`.
pub(crate) fn known(id: &str) -> Option<&'static KnownOrganisation> {
    KNOWN.iter().find(|o| o.id == id.trim())
}

/// The known organisations as [`Organisation`]s.
pub(crate) fn list() -> Vec<Organisation> {
    KNOWN
        .iter()
        .map(|o| Organisation {
            id: o.id.to_owned(),
            name: o.name.to_owned(),
        })
        .collect()
}

/// True for a plausible organisation number (digits only).
pub(crate) fn is_valid_id(id: &str) -> bool {
    let id = id.trim();
    !id.is_empty() && id.len() <= 9 && id.bytes().all(|b| b.is_ascii_digit())
}
