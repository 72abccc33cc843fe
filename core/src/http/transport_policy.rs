//! Where a client may go: HTTPS only, and a redirect stays on the platform's hosts.
//!
//! Two rules, checked before a request is made (so a refused URL is never contacted):
//!
//! * **HTTPS only.** A plain `http:` URL is refused, whether a provider built it or a redirect
//!   pointed there, because session cookies such as Stockholm's `SMSESSION` carry no `Secure`
//!   attribute and would travel in clear. The one exception is an `http:` URL whose host is a
//!   loopback IP literal (`127.0.0.0/8`, `::1`): such a request never leaves the device (the
//!   transport tests use it; no platform lives there).
//! * **A redirect stays on the platform.** A hop may go to the host it came from, to one of the
//!   provider's own hosts ([`super::HttpConfig::hosts`]), or to one of its login hosts (for a data
//!   call that is [`crate::Error::SessionExpired`], decided by the caller). Anything else is
//!   refused — unless the request was marked [`super::HttpRequest::across_identity_providers`],
//!   which a login walk through a municipality's own identity provider needs (its host is not
//!   known in advance); HTTPS still applies there.

use std::net::IpAddr;

use url::{Host, Url};

use super::hosts::matches_any;
use super::request::HttpRequest;
use crate::error::{Error, Result};

/// True when `url` may be requested at all: `https`, or `http` to a loopback IP literal.
pub(crate) fn is_allowed_scheme(url: &Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => is_loopback(url),
        _ => false,
    }
}

/// True when the URL's host is a loopback IP literal.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        _ => false,
    }
}

/// Refuses a request to a plain-HTTP URL before it is made.
pub(crate) fn check_scheme(request: &HttpRequest) -> Result<()> {
    if is_allowed_scheme(&request.url) {
        Ok(())
    } else {
        Err(Error::upstream(
            request.endpoint.clone(),
            None,
            format!(
                "refused a request over {} (only HTTPS is used)",
                request.url.scheme()
            ),
        ))
    }
}

/// Refuses the redirect hop from `from` to `next` unless it stays HTTPS and on the platform:
/// the same host, one of `hosts`, one of `login_hosts`, or any HTTPS host when `from` was marked
/// as crossing identity providers.
pub(crate) fn check_hop(
    from: &HttpRequest,
    next: &HttpRequest,
    hosts: &[&str],
    login_hosts: &[super::HostPattern],
) -> Result<()> {
    if !is_allowed_scheme(&next.url) {
        return Err(Error::upstream(
            from.endpoint.clone(),
            None,
            "refused a redirect to plain HTTP",
        ));
    }
    let target = next.url.host_str().unwrap_or("");
    let same_host = from
        .url
        .host_str()
        .is_some_and(|h| h.eq_ignore_ascii_case(target));
    let own = hosts.iter().any(|h| h.eq_ignore_ascii_case(target));
    if same_host || own || matches_any(login_hosts, target) || from.any_identity_provider {
        Ok(())
    } else {
        Err(Error::upstream(
            from.endpoint.clone(),
            None,
            format!("refused a redirect to {target}, which is not one of the platform's hosts"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HostPattern;

    const HOSTS: &[&str] = &["etjanster.stockholm.se", "login003.stockholm.se"];
    const LOGIN: &[HostPattern] = &[HostPattern::new("login###.stockholm.se")];

    fn get(url: &str) -> HttpRequest {
        HttpRequest::get("x", url).unwrap()
    }

    #[test]
    fn https_everywhere_and_http_only_to_loopback_literals() {
        assert!(check_scheme(&get("https://etjanster.stockholm.se/")).is_ok());
        assert!(check_scheme(&get("http://127.0.0.1:8080/x")).is_ok());
        assert!(check_scheme(&get("http://127.1.2.3/x")).is_ok());
        assert!(check_scheme(&get("http://[::1]:80/x")).is_ok());
        for refused in [
            "http://etjanster.stockholm.se/",
            "http://localhost/",
            "http://127.0.0.1.evil.org/",
            "http://10.0.0.1/",
            "ftp://etjanster.stockholm.se/",
        ] {
            let err = check_scheme(&get(refused)).unwrap_err();
            assert!(
                matches!(err, Error::Upstream { status: None, .. }),
                "{refused}: {err:?}"
            );
        }
    }

    #[test]
    fn hops_stay_on_the_platform() {
        let from = get("https://etjanster.stockholm.se/a");
        let ok = |to: &str| check_hop(&from, &get(to), HOSTS, LOGIN).is_ok();
        assert!(ok("https://etjanster.stockholm.se/b"));
        assert!(ok("https://ETJANSTER.stockholm.se/b"));
        assert!(ok("https://login003.stockholm.se/c"));
        assert!(ok("https://login009.stockholm.se/c"));
        assert!(!ok("https://example.org/"));
        assert!(!ok("https://etjanster.stockholm.se.example.org/"));
        assert!(!ok("http://etjanster.stockholm.se/b"));
        let err = check_hop(&from, &get("https://example.org/"), HOSTS, LOGIN).unwrap_err();
        assert!(err.to_string().contains("example.org"), "{err}");
    }

    #[test]
    fn a_walk_across_identity_providers_may_leave_but_not_for_http() {
        let from = get("https://sso.infomentor.se/login").across_identity_providers();
        assert!(check_hop(&from, &get("https://idp.kommun.example/saml"), HOSTS, LOGIN).is_ok());
        assert!(check_hop(&from, &get("http://idp.kommun.example/saml"), HOSTS, LOGIN).is_err());
    }

    #[test]
    fn the_same_host_is_allowed_for_a_client_without_a_host_list() {
        let from = get("http://127.0.0.1:4000/a");
        assert!(check_hop(&from, &get("http://127.0.0.1:4000/b"), &[], &[]).is_ok());
        assert!(check_hop(&from, &get("https://example.org/"), &[], &[]).is_err());
    }
}
