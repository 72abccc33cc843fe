//! The hosts the Stockholm provider talks to, and the hosts whose pages mean "log in first".
//! Handed to the HTTP layer through [`crate::http::HttpConfig::for_provider`].

use crate::http::HostPattern;

/// Every host the Stockholm provider (with the Skola24 timetable behind the same login)
/// reaches. The emulator serves each of them.
pub const HOSTS: &[&str] = &[
    "login001.stockholm.se",
    "login003.stockholm.se",
    "etjanster.stockholm.se",
    // The pre-2024 name of the e-services, which the servers still answer (and a login may
    // still end on).
    "etjanst.stockholm.se",
    "stockholm-sso.skola24.se",
    "websthlm.skola24.se",
];

/// Stockholm's SiteMinder login servers (`login001.stockholm.se`, `login003.stockholm.se`, any
/// `login00N.stockholm.se`): a data call redirected there has lost its session.
pub const LOGIN_HOSTS: &[HostPattern] = &[HostPattern::new("login###.stockholm.se")];

/// True for a Stockholm login server.
pub fn is_login_host(host: &str) -> bool {
    crate::http::matches_any(LOGIN_HOSTS, host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_hosts() {
        assert!(is_login_host("login001.stockholm.se"));
        assert!(is_login_host("LOGIN003.stockholm.se"));
        assert!(is_login_host("login004.stockholm.se"));
        assert!(!is_login_host("etjanster.stockholm.se"));
        assert!(!is_login_host("login001.stockholm.se.evil.org"));
        assert!(!is_login_host("loginabc.stockholm.se"));
        assert!(!is_login_host(""));
    }
}
