//! The hosts the Vklass provider talks to, and the hosts whose pages mean "log in first".
//! Handed to the HTTP layer through [`crate::http::HttpConfig::for_provider`].

use crate::http::HostPattern;

/// The guardian application: every data call.
pub const CUSTODIAN: &str = "custodian.vklass.se";
/// Vklass's login service.
pub const AUTH: &str = "auth.vklass.se";
/// Göteborg Stad's public identity provider.
pub const GOTEBORG_IDP: &str = "authpub.goteborg.se";
/// The e-ID broker Göteborg uses for BankID.
pub const EID_BROKER: &str = "eid-connect.funktionstjanster.se";
/// News attachments and images.
pub const FILES: &str = "files.vklass.se";

/// Every host the provider reaches. The emulator serves each.
pub const HOSTS: &[&str] = &[CUSTODIAN, AUTH, GOTEBORG_IDP, EID_BROKER, FILES];

/// A custodian call bounced to Vklass's login service (or on to Göteborg's IdP) has lost its
/// session.
pub const LOGIN_HOSTS: &[HostPattern] = &[
    HostPattern::new("auth.vklass.se"),
    HostPattern::new("authpub.goteborg.se"),
];
