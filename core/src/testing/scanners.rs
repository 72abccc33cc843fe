//! Crate-private scanners of login answers and the cookie jar, reachable for the fuzz targets
//! (`fuzz/`) and regression tests. Each function forwards to the one the providers call; none
//! of them is part of the library's public API (the `testing` feature only).

use crate::Result;
use crate::http::{CookieJar, SsoCookie};
use crate::provider::LoginState;
use crate::provider::stockholm::login_scan;

/// Stockholm's Freja eID+ `action=init` answer: the app link (text up to the first `&`).
pub fn stockholm_freja_app_link(body: &str) -> Option<String> {
    login_scan::freja_app_link(body)
}

/// Stockholm's Freja eID+ `action=checkstatus` answer mapped to a login state.
pub fn stockholm_freja_status(body: &str) -> Result<LoginState> {
    login_scan::freja_status(body)
}

/// Stockholm's BankID poll state mapped to a login state.
pub fn stockholm_bankid_state(state: &str) -> Result<LoginState> {
    login_scan::bankid_state(state)
}

/// The unexpired cookies of `domain` and its subdomains in `jar` (what single sign-on between
/// providers copies).
pub fn cookies_under(jar: &CookieJar, domain: &str) -> Vec<SsoCookie> {
    jar.cookies_under(domain)
}
