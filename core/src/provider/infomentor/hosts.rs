//! The hosts the InfoMentor provider talks to, and the hosts whose pages mean "log in first".
//! Handed to the HTTP layer through [`crate::http::HttpConfig::for_provider`].

use crate::http::HostPattern;

/// Every host the InfoMentor provider reaches: its own, and Stockholm's SiteMinder login
/// servers that the `stockholm_par` identity provider walks through. The emulator serves each.
///
/// Other municipalities' identity providers are reached wherever their SAML forms point (in
/// production no host list applies). The last entry is the emulator's made-up second
/// municipality (`exempelkommun_par`), listed only so that an emulator override resolves it;
/// no real municipality is known to use that host.
pub const HOSTS: &[&str] = &[
    "sso.infomentor.se",
    "hub.infomentor.se",
    "infomentor.se",
    "login001.stockholm.se",
    "login003.stockholm.se",
    EMULATED_MUNICIPALITY_IDP_HOST,
];

/// The identity-provider key of the emulator's made-up second municipality.
pub const EMULATED_MUNICIPALITY_IDP: &str = "exempelkommun_par";

/// The made-up identity-provider host of the emulator's second municipality.
pub const EMULATED_MUNICIPALITY_IDP_HOST: &str = "idp.exempelkommun.se";

/// A Hub call bounced to Stockholm's SiteMinder login has lost its session.
pub const LOGIN_HOSTS: &[HostPattern] = crate::provider::stockholm::LOGIN_HOSTS;
