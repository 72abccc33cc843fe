//! The session's cookie jar, shared by every host of a provider and serializable.

use std::sync::{Arc, MutexGuard};

use reqwest::header::HeaderValue;
use reqwest_cookie_store::{CookieStore, CookieStoreMutex};
use url::Url;

use crate::error::{Error, Result};

/// A provider's cookies: one jar for all its hosts, following the `Domain` and `Path`
/// attributes as a browser does.
///
/// Cloning shares the jar. [`CookieJar::to_secret`] serializes every cookie, session
/// (non-persistent) cookies such as Stockholm's `SMSESSION` included; the result grants access to a
/// family's data, so it is stored encrypted only. `Debug` shows no cookie values.
#[derive(Clone, Default)]
pub struct CookieJar {
    store: Arc<CookieStoreMutex>,
}

impl std::fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.lock().iter_unexpired().count();
        f.debug_struct("CookieJar")
            .field("cookies", &count)
            .finish()
    }
}

/// True when a request to `url` may carry cookies: exactly where the transport may send a
/// request at all ([`super::transport_policy::is_allowed_scheme`]: HTTPS, or plain HTTP to a
/// loopback IP literal, the transport tests' local servers). A cookie set without `Secure`
/// (Stockholm's `SMSESSION` is one) is still never sent in clear to a real host.
fn may_carry_cookies(url: &Url) -> bool {
    super::transport_policy::is_allowed_scheme(url)
}

/// The jar as reqwest's cookie provider: stores every answer's `Set-Cookie`, and adds a
/// `Cookie` header only where [`may_carry_cookies`] allows.
pub(crate) struct RequestCookies(Arc<CookieStoreMutex>);

impl reqwest::cookie::CookieStore for RequestCookies {
    fn set_cookies(&self, cookie_headers: &mut dyn Iterator<Item = &HeaderValue>, url: &Url) {
        self.0.set_cookies(cookie_headers, url);
    }

    fn cookies(&self, url: &Url) -> Option<HeaderValue> {
        if !may_carry_cookies(url) {
            return None;
        }
        self.0.cookies(url)
    }
}

/// A saved cookie jar that cannot be written or read (an I/O error of kind `InvalidData`).
fn invalid_data(what: &str) -> Error {
    Error::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        what.to_owned(),
    ))
}

impl CookieJar {
    /// An empty jar.
    pub fn new() -> Self {
        CookieJar::default()
    }

    /// The store as reqwest wants it (no cookies over plain HTTP but to loopback).
    pub(crate) fn provider(&self) -> Arc<RequestCookies> {
        Arc::new(RequestCookies(Arc::clone(&self.store)))
    }

    fn lock(&self) -> MutexGuard<'_, CookieStore> {
        // A panic while the lock was held cannot leave the store half-written in a way that
        // matters here; keep using it rather than propagate the poison.
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Every cookie (expired and session cookies included) as a JSON string.
    pub fn to_secret(&self) -> Result<String> {
        let mut out = Vec::new();
        cookie_store::serde::json::save_incl_expired_and_nonpersistent(&self.lock(), &mut out)
            .map_err(|e| invalid_data(&format!("could not serialize the cookie jar: {e}")))?;
        String::from_utf8(out).map_err(|_| invalid_data("cookie jar serialized to invalid UTF-8"))
    }

    /// Replaces the jar's content with the cookies of a [`CookieJar::to_secret`] string.
    /// Clones of this jar (and the HTTP client using it) see the restored cookies.
    pub fn restore(&self, secret: &str) -> Result<()> {
        let loaded = cookie_store::serde::json::load_all(secret.as_bytes())
            .map_err(|_| invalid_data("the saved cookie jar is not readable"))?;
        *self.lock() = loaded;
        Ok(())
    }

    /// A new jar holding the cookies of a [`CookieJar::to_secret`] string.
    pub fn from_secret(secret: &str) -> Result<Self> {
        let jar = CookieJar::new();
        jar.restore(secret)?;
        Ok(jar)
    }

    /// Forgets every cookie.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Stores one `Set-Cookie` value as if `url` had answered it. Invalid cookies are ignored
    /// (as a browser does) and reported as `false`.
    pub fn set_cookie(&self, set_cookie: &str, url: &Url) -> bool {
        self.lock().parse(set_cookie, url).is_ok()
    }

    /// The value of the unexpired cookie `name` that a request to `url` would carry (none over
    /// plain HTTP, loopback aside).
    pub fn value_for(&self, url: &Url, name: &str) -> Option<String> {
        if !may_carry_cookies(url) {
            return None;
        }
        self.lock()
            .get_request_values(url)
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_owned())
    }

    /// The `Cookie` header a request to `url` would carry, if any cookie matches (none over
    /// plain HTTP, loopback aside).
    pub fn cookie_header(&self, url: &Url) -> Option<String> {
        if !may_carry_cookies(url) {
            return None;
        }
        let store = self.lock();
        let header = store
            .get_request_values(url)
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        (!header.is_empty()).then_some(header)
    }

    /// The unexpired cookies a request to `url` would carry, with their attributes (for a
    /// WebView or Custom Tab opening `url` in the session); none over plain HTTP, loopback
    /// aside.
    pub fn web_cookies(&self, url: &Url) -> Vec<super::WebCookie> {
        if !may_carry_cookies(url) {
            return Vec::new();
        }
        let store = self.lock();
        store
            .matches(url)
            .into_iter()
            .filter_map(|c| {
                let domain = match &c.domain {
                    cookie_store::CookieDomain::HostOnly(h)
                    | cookie_store::CookieDomain::Suffix(h) => {
                        h.trim_start_matches('.').to_ascii_lowercase()
                    }
                    _ => return None,
                };
                Some(super::WebCookie {
                    name: c.name().to_owned(),
                    value: c.value().to_owned(),
                    domain,
                    path: String::from(&*c.path),
                    secure: c.secure().unwrap_or(false),
                    http_only: c.http_only().unwrap_or(false),
                })
            })
            .collect()
    }

    /// The unexpired cookies of `domain` and its subdomains (for single sign-on between
    /// providers).
    pub(crate) fn cookies_under(&self, domain: &str) -> Vec<SsoCookie> {
        let domain = domain.trim_start_matches('.').to_ascii_lowercase();
        let store = self.lock();
        store
            .iter_unexpired()
            .filter_map(|c| {
                let (host, wide) = match &c.domain {
                    cookie_store::CookieDomain::HostOnly(h) => (h.clone(), false),
                    cookie_store::CookieDomain::Suffix(s) => (s.clone(), true),
                    _ => return None,
                };
                let host = host.trim_start_matches('.').to_ascii_lowercase();
                let ours = host == domain || host.ends_with(&format!(".{domain}"));
                ours.then(|| SsoCookie {
                    name: c.name().to_owned(),
                    value: c.value().to_owned(),
                    domain: host,
                    domain_wide: wide,
                    path: String::from(&*c.path),
                })
            })
            .collect()
    }

    /// Number of unexpired cookies.
    pub fn len(&self) -> usize {
        self.lock().iter_unexpired().count()
    }

    /// True when the jar holds no unexpired cookie.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One cookie of a shared login session (`SMSESSION` on `.stockholm.se`), handed from one
/// provider's jar to another's. `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct SsoCookie {
    /// Cookie name.
    pub name: String,
    /// Cookie value (a credential: never log it).
    pub value: String,
    /// The domain without a leading dot (`stockholm.se`).
    pub domain: String,
    /// True when the cookie was set with a `Domain` attribute (sent to every subdomain).
    pub domain_wide: bool,
    /// Cookie path.
    pub path: String,
}

impl std::fmt::Debug for SsoCookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoCookie")
            .field("name", &self.name)
            .field("domain", &self.domain)
            .field("domain_wide", &self.domain_wide)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn web_cookies_are_the_ones_a_request_would_carry_with_attributes() {
        let jar = CookieJar::new();
        let login = url("https://login003.stockholm.se/x");
        assert!(jar.set_cookie(
            "SMSESSION=s1; Domain=.stockholm.se; path=/; Secure; HttpOnly",
            &login
        ));
        let hostonly = url("https://websthlm.skola24.se/api/x");
        assert!(jar.set_cookie("ASP.NET_SessionId=s24; path=/api", &hostonly));

        let cookies = jar.web_cookies(&url("https://etjanster.stockholm.se/vardnadshavare/"));
        assert_eq!(cookies.len(), 1);
        let c = &cookies[0];
        assert_eq!(
            (
                c.name.as_str(),
                c.value.as_str(),
                c.domain.as_str(),
                c.path.as_str()
            ),
            ("SMSESSION", "s1", "stockholm.se", "/")
        );
        assert!(c.secure && c.http_only);
        assert!(!format!("{c:?}").contains("s1"));

        let s24 = jar.web_cookies(&url("https://websthlm.skola24.se/api/timetable"));
        assert_eq!(s24.len(), 1);
        assert_eq!(
            (s24[0].domain.as_str(), s24[0].path.as_str(), s24[0].secure),
            ("websthlm.skola24.se", "/api", false)
        );
        assert!(
            jar.web_cookies(&url("https://websthlm.skola24.se/other"))
                .is_empty()
        );
        assert!(jar.web_cookies(&url("https://example.com/")).is_empty());
        assert!(
            jar.web_cookies(&url("https://stockholm.se.example.com/"))
                .is_empty()
        );
    }

    #[test]
    fn session_cookies_survive_save_and_restore() {
        let jar = CookieJar::new();
        let login = url("https://login003.stockholm.se/NECSadcmbid/authenticate/SiteMinderAuthADC");
        assert!(jar.set_cookie(
            "SMSESSION=abc+/=def; Domain=.stockholm.se; path=/; HttpOnly; SameSite=Lax",
            &login
        ));
        assert!(jar.set_cookie(
            "StockholmEServiceLanguage=1053,Svenska,Language,sv; expires=Fri, 01 Jan 2100 00:00:00 GMT; path=/",
            &login
        ));
        let hostonly = url("https://websthlm.skola24.se/api/x");
        assert!(jar.set_cookie("ASP.NET_SessionId=s24; path=/; HttpOnly", &hostonly));

        let secret = jar.to_secret().unwrap();
        let restored = CookieJar::from_secret(&secret).unwrap();
        let etjanster = url("https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem");
        assert_eq!(
            restored.value_for(&etjanster, "SMSESSION").as_deref(),
            Some("abc+/=def")
        );
        // Host-only cookies stay host-only.
        assert_eq!(
            restored.value_for(&etjanster, "StockholmEServiceLanguage"),
            None
        );
        assert_eq!(
            restored
                .value_for(&login, "StockholmEServiceLanguage")
                .as_deref(),
            Some("1053,Svenska,Language,sv")
        );
        assert_eq!(
            restored
                .value_for(&hostonly, "ASP.NET_SessionId")
                .as_deref(),
            Some("s24")
        );
        assert_eq!(restored.len(), 3);

        // Restoring into an existing jar replaces its content.
        let other = CookieJar::new();
        other.set_cookie("X=1; path=/", &hostonly);
        other.restore(&secret).unwrap();
        assert_eq!(other.value_for(&hostonly, "X"), None);
        assert_eq!(other.len(), 3);
    }

    #[test]
    fn cookie_header_and_clear() {
        let jar = CookieJar::new();
        let u = url("https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem");
        jar.set_cookie("A=1; path=/", &u);
        jar.set_cookie("B=2; path=/vardnadshavare", &u);
        let header = jar.cookie_header(&u).unwrap();
        let mut parts: Vec<&str> = header.split("; ").collect();
        parts.sort();
        assert_eq!(parts, vec!["A=1", "B=2"]);
        assert_eq!(jar.cookie_header(&url("https://example.org/")), None);
        jar.clear();
        assert!(jar.is_empty());
        assert_eq!(format!("{jar:?}"), "CookieJar { cookies: 0 }");
    }

    #[test]
    fn cookies_without_secure_are_never_sent_over_plain_http() {
        use reqwest::cookie::CookieStore as _;

        let jar = CookieJar::new();
        let login = url("https://login003.stockholm.se/NECSadcmbid/authenticate/SiteMinderAuthADC");
        // As SiteMinder sets it: no `Secure` attribute.
        assert!(jar.set_cookie(
            "SMSESSION=sm-secret; Domain=.stockholm.se; path=/; HttpOnly",
            &login
        ));
        let https = url("https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem");
        assert_eq!(
            jar.cookie_header(&https).as_deref(),
            Some("SMSESSION=sm-secret")
        );
        let provider = jar.provider();
        assert!(provider.cookies(&https).is_some());
        for plain in [
            "http://etjanster.stockholm.se/vardnadshavare/inloggad2/hem",
            "http://etjanster.stockholm.se:443/vardnadshavare/inloggad2/hem",
            "http://login001.stockholm.se/affwebservices/public/saml2sso",
            "ws://etjanster.stockholm.se/",
        ] {
            let plain = url(plain);
            assert_eq!(jar.cookie_header(&plain), None, "{plain}");
            assert_eq!(jar.value_for(&plain, "SMSESSION"), None, "{plain}");
            assert!(jar.web_cookies(&plain).is_empty(), "{plain}");
            // What reqwest asks for the request's `Cookie` header.
            assert!(provider.cookies(&plain).is_none(), "{plain}");
        }

        // `localhost` by name is not a loopback literal: the transport refuses it, so no cookie.
        let _ = jar.set_cookie("NAMED=1; path=/", &url("http://localhost:8080/a"));
        assert_eq!(jar.cookie_header(&url("http://localhost:8080/b")), None);

        // Loopback literals only (the transport tests' plain-HTTP servers).
        for (set_on, send_to) in [
            ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b"),
            ("http://[::1]:8080/a", "http://[::1]:8080/b"),
        ] {
            assert!(jar.set_cookie("LOCAL=1; path=/", &url(set_on)));
            assert_eq!(
                jar.cookie_header(&url(send_to)).as_deref(),
                Some("LOCAL=1"),
                "{send_to}"
            );
            assert!(provider.cookies(&url(send_to)).is_some(), "{send_to}");
        }
    }

    #[test]
    fn garbage_secret_is_an_error() {
        assert!(CookieJar::from_secret("{not json").is_err());
        assert!(CookieJar::from_secret("").is_err());
    }
}
