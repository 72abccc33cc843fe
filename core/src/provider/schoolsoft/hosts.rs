//! The hosts the SchoolSoft provider talks to, and the hosts whose pages mean "log in first".
//! Handed to the HTTP layer through [`crate::http::HttpConfig::for_provider`].

use crate::http::HostPattern;

/// SchoolSoft's one host (every tenant lives under a path of it).
pub const SMS_HOST: &str = "sms.schoolsoft.se";

/// AcadeMedia's GrandID BankID pages.
pub const GRANDID_LOGIN_HOST: &str = "login.grandid.com";

/// GrandID's SAML identity provider.
pub const GRANDID_SAML_HOST: &str = "saml2.grandid.com";

/// Every host the SchoolSoft provider reaches. The emulator serves each.
pub const HOSTS: &[&str] = &[SMS_HOST, GRANDID_LOGIN_HOST, GRANDID_SAML_HOST];

/// A data call bounced to GrandID has lost its session. (A bounce to `Login.jsp` on the
/// SchoolSoft host itself is recognised by path in `context.rs`: the host is shared.)
pub const LOGIN_HOSTS: &[HostPattern] = &[
    HostPattern::new(GRANDID_LOGIN_HOST),
    HostPattern::new(GRANDID_SAML_HOST),
];
