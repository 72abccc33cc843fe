//! A fully read upstream answer and the checks every provider applies to it.

use std::borrow::Cow;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION, RETRY_AFTER, SET_COOKIE};
use url::Url;

use super::hosts::{HostPattern, matches_any};
use crate::error::{Error, Result};

/// The delay a `Retry-After` header asks for: delta-seconds, or an HTTP date (a date in the past
/// gives zero). `now` is the current time, for dates.
pub fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let seconds = when.as_second().saturating_sub(now.as_second());
    Some(Duration::from_secs(u64::try_from(seconds).unwrap_or(0)))
}

/// One upstream answer, body fully read.
#[derive(Clone)]
pub struct HttpResponse {
    pub(crate) endpoint: String,
    pub(crate) status: StatusCode,
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) redirects: Vec<Url>,
    pub(crate) session_required: bool,
    /// The hosts whose pages mean "log in first" (from the client's [`super::HttpConfig`]).
    pub(crate) login_hosts: &'static [HostPattern],
}

impl std::fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpResponse")
            .field("endpoint", &self.endpoint)
            .field("status", &self.status.as_u16())
            .field("host", &self.url.host_str())
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl HttpResponse {
    /// An answer built from its parts (for tests and for providers that replay recordings).
    pub fn from_parts(
        endpoint: &str,
        status: u16,
        url: Url,
        headers: HeaderMap,
        body: impl Into<Bytes>,
    ) -> Self {
        HttpResponse {
            endpoint: endpoint.to_owned(),
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            url,
            headers,
            body: body.into(),
            redirects: Vec::new(),
            session_required: true,
            login_hosts: &[],
        }
    }

    /// The same answer judged against `login_hosts` (the hosts whose pages mean "log in first").
    pub fn with_login_hosts(mut self, login_hosts: &'static [HostPattern]) -> Self {
        self.login_hosts = login_hosts;
        self
    }

    fn is_login_host(&self, host: &str) -> bool {
        matches_any(self.login_hosts, host)
    }

    /// The endpoint name of the request.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// The URL that gave this answer (the last hop of a followed redirect chain).
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The URLs requested before this one along a redirect chain, oldest first.
    pub fn redirects(&self) -> &[Url] {
        &self.redirects
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// Every `Set-Cookie` value of this answer (one entry per header line).
    pub fn set_cookies(&self) -> Vec<&str> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect()
    }

    /// The `Content-Type`, if readable.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
    }

    /// True for a 3xx answer with a `Location`.
    pub fn is_redirect(&self) -> bool {
        self.status.is_redirection() && self.headers.contains_key(LOCATION)
    }

    /// The redirect target, resolved against this answer's URL.
    pub fn location(&self) -> Option<Url> {
        let location = self.headers.get(LOCATION)?.to_str().ok()?;
        self.url.join(location.trim()).ok()
    }

    /// True when the answer is an HTML page: an HTML content type, or a body that starts with
    /// `<` (ignoring whitespace and a byte-order mark).
    pub fn looks_like_html(&self) -> bool {
        if let Some(ct) = self.content_type() {
            let ct = ct.to_ascii_lowercase();
            if ct.contains("text/html") || ct.contains("application/xhtml") {
                return true;
            }
        }
        let text = self.text();
        text.trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
    }

    /// Fails unless the status is 2xx:
    /// * a redirect to a login host of the client's configuration (for a request that needs a
    ///   session), or 401 →
    ///   [`Error::SessionExpired`];
    /// * 429, or 503 with `Retry-After` → [`Error::RateLimited`];
    /// * anything else → [`Error::Upstream`] with the status.
    pub fn ensure_success(&self) -> Result<()> {
        let endpoint = || self.endpoint.clone();
        let status = self.status;
        if status.is_success() {
            return Ok(());
        }
        if status.is_redirection() {
            if self.session_required
                && self
                    .location()
                    .and_then(|u| u.host_str().map(|h| self.is_login_host(h)))
                    .unwrap_or(false)
            {
                return Err(Error::SessionExpired {
                    endpoint: endpoint(),
                });
            }
            return Err(Error::upstream(
                endpoint(),
                Some(status.as_u16()),
                format!("unexpected redirect ({})", status.as_u16()),
            ));
        }
        let retry_after = self
            .headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, jiff::Timestamp::now()));
        if status == StatusCode::TOO_MANY_REQUESTS
            || (status == StatusCode::SERVICE_UNAVAILABLE && retry_after.is_some())
        {
            return Err(Error::RateLimited {
                endpoint: endpoint(),
                retry_after,
            });
        }
        if status == StatusCode::UNAUTHORIZED && self.session_required {
            return Err(Error::SessionExpired {
                endpoint: endpoint(),
            });
        }
        Err(Error::upstream(
            endpoint(),
            Some(status.as_u16()),
            format!(
                "HTTP {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end(),
        ))
    }

    /// The body of a JSON endpoint, after [`HttpResponse::ensure_success`]. An HTML page → for a
    /// request that needs a session [`Error::SessionExpired`] (a login page served with 200),
    /// for a login-flow request [`Error::Parse`]; an empty body → [`Error::Parse`].
    pub fn json_text(&self) -> Result<Cow<'_, str>> {
        self.ensure_success()?;
        if self.looks_like_html() {
            if self.session_required {
                return Err(Error::SessionExpired {
                    endpoint: self.endpoint.clone(),
                });
            }
            return Err(Error::parse(
                &self.endpoint,
                "expected JSON, got an HTML page",
            ));
        }
        let text = self.text();
        if text.trim().is_empty() {
            return Err(Error::parse(&self.endpoint, "empty body"));
        }
        Ok(text)
    }

    /// The body of a JSON endpoint, deserialized.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        let text = self.json_text()?;
        serde_json::from_str(&text).map_err(|e| Error::parse(&self.endpoint, e))
    }

    /// The body of an HTML page, after [`HttpResponse::ensure_success`]. For a request that needs
    /// a session, a final URL on a login server → [`Error::SessionExpired`].
    pub fn html_text(&self) -> Result<Cow<'_, str>> {
        self.ensure_success()?;
        if self.session_required && self.url.host_str().is_some_and(|h| self.is_login_host(h)) {
            return Err(Error::SessionExpired {
                endpoint: self.endpoint.clone(),
            });
        }
        Ok(self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn response(status: u16, headers: &[(&'static str, &str)], body: &str) -> HttpResponse {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        HttpResponse::from_parts(
            "GetChildren",
            status,
            Url::parse("https://etjanster.stockholm.se/vardnadshavare/inloggad2/GetChildren")
                .unwrap(),
            map,
            body.to_owned(),
        )
        .with_login_hosts(LOGIN)
    }

    const LOGIN: &[HostPattern] = &[HostPattern::new("login###.stockholm.se")];

    #[test]
    fn retry_after_forms() {
        let now: jiff::Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Wed, 25 Nov 2026 12:01:30 GMT", now),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            parse_retry_after("Wed, 25 Nov 2026 11:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn success_and_json() {
        let ok = response(
            200,
            &[("content-type", "application/json; charset=utf-8")],
            r#"{"Success":true}"#,
        );
        assert!(ok.ensure_success().is_ok());
        let v: serde_json::Value = ok.json().unwrap();
        assert_eq!(v["Success"], true);
    }

    #[test]
    fn status_classification() {
        let e = response(500, &[], "boom").ensure_success().unwrap_err();
        assert!(
            matches!(e, Error::Upstream { status: Some(500), ref endpoint, .. } if endpoint == "GetChildren")
        );
        assert!(e.is_transient());
        let e = response(404, &[], "").ensure_success().unwrap_err();
        assert!(matches!(
            e,
            Error::Upstream {
                status: Some(404),
                ..
            }
        ));
        assert!(!e.is_transient());
        let e = response(429, &[("retry-after", "7")], "")
            .ensure_success()
            .unwrap_err();
        assert!(
            matches!(e, Error::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(7))
        );
        let e = response(429, &[], "").ensure_success().unwrap_err();
        assert!(matches!(
            e,
            Error::RateLimited {
                retry_after: None,
                ..
            }
        ));
        let e = response(503, &[("retry-after", "3")], "")
            .ensure_success()
            .unwrap_err();
        assert!(matches!(
            e,
            Error::RateLimited {
                retry_after: Some(_),
                ..
            }
        ));
        let e = response(503, &[], "").ensure_success().unwrap_err();
        assert!(matches!(
            e,
            Error::Upstream {
                status: Some(503),
                ..
            }
        ));
        let e = response(401, &[], "").ensure_success().unwrap_err();
        assert!(matches!(e, Error::SessionExpired { .. }));
    }

    #[test]
    fn redirect_to_login_is_session_expiry() {
        let r = response(
            302,
            &[(
                "location",
                "https://login001.stockholm.se/siteminderagent/forms/login.fcc?TARGET=x",
            )],
            "",
        );
        assert!(matches!(
            r.ensure_success(),
            Err(Error::SessionExpired { .. })
        ));
        let mut flow = r.clone();
        flow.session_required = false;
        assert!(matches!(
            flow.ensure_success(),
            Err(Error::Upstream {
                status: Some(302),
                ..
            })
        ));
        let other = response(302, &[("location", "/vardnadshavare/inloggad2/hem")], "");
        assert!(matches!(
            other.ensure_success(),
            Err(Error::Upstream {
                status: Some(302),
                ..
            })
        ));
        assert_eq!(
            other.location().unwrap().as_str(),
            "https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem"
        );
    }

    #[test]
    fn html_where_json_was_expected_is_session_expiry() {
        let r = response(
            200,
            &[("content-type", "text/html; charset=utf-8")],
            "<!DOCTYPE html><html>Logga in</html>",
        );
        assert!(matches!(r.json_text(), Err(Error::SessionExpired { .. })));
        let r = response(200, &[], "\u{feff}  <html>");
        assert!(matches!(r.json_text(), Err(Error::SessionExpired { .. })));
        let mut login = r.clone();
        login.session_required = false;
        assert!(matches!(login.json_text(), Err(Error::Parse { .. })));
        let r = response(200, &[("content-type", "application/json")], "  ");
        assert!(matches!(r.json_text(), Err(Error::Parse { .. })));
        let r = response(
            200,
            &[("content-type", "application/json")],
            "{\"Success\":",
        );
        assert!(matches!(
            r.json::<serde_json::Value>(),
            Err(Error::Parse { .. })
        ));
    }

    #[test]
    fn set_cookie_lines_are_kept_apart() {
        let r = response(
            200,
            &[("set-cookie", "Status=FS; path=/"), ("set-cookie", "A=1")],
            "{}",
        );
        assert_eq!(r.set_cookies(), vec!["Status=FS; path=/", "A=1"]);
    }

    #[test]
    fn parse_errors_mask_personal_numbers() {
        let e = Error::parse("getuserdata", "bad value 191212121212");
        assert!(!e.to_string().contains("191212121212"));
    }
}
