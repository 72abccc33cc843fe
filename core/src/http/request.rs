//! A request as plain data, so it can be replayed along a redirect chain.

use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use url::Url;

use crate::error::{Error, Result};

/// One upstream request: method, URL, extra headers, body, and the endpoint name used in errors.
///
/// Cookies, `User-Agent` and timeouts come from the [`super::HttpClient`].
#[derive(Clone)]
pub struct HttpRequest {
    pub(crate) endpoint: String,
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Bytes>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) session_required: bool,
    pub(crate) any_identity_provider: bool,
}

impl std::fmt::Debug for HttpRequest {
    // The URL can carry a personal number (BankID start) and tokens: show only the endpoint.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("endpoint", &self.endpoint)
            .field("method", &self.method)
            .field("host", &self.url.host_str())
            .finish_non_exhaustive()
    }
}

impl HttpRequest {
    /// A request; `endpoint` names it in errors (the last path segment, e.g. `GetChildren`).
    pub fn new(method: Method, endpoint: &str, url: &str) -> Result<Self> {
        let url = Url::parse(url)
            .map_err(|e| Error::InvalidInput(format!("bad URL for {endpoint}: {e}")))?;
        Ok(Self::from_url(method, endpoint, url))
    }

    /// A request to an already parsed URL.
    pub fn from_url(method: Method, endpoint: &str, url: Url) -> Self {
        HttpRequest {
            endpoint: endpoint.to_owned(),
            method,
            url,
            headers: Vec::new(),
            body: None,
            timeout: None,
            session_required: true,
            any_identity_provider: false,
        }
    }

    /// A `GET`.
    pub fn get(endpoint: &str, url: &str) -> Result<Self> {
        Self::new(Method::GET, endpoint, url)
    }

    /// A `POST` (add a body with [`HttpRequest::json`], [`HttpRequest::form`] or
    /// [`HttpRequest::body`]).
    pub fn post(endpoint: &str, url: &str) -> Result<Self> {
        Self::new(Method::POST, endpoint, url)
    }

    /// Adds a header (sent as given; an invalid value fails the request with a parse error).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// A raw body with its content type.
    pub fn body(mut self, body: impl Into<Bytes>, content_type: &str) -> Self {
        self.body = Some(body.into());
        self.header("content-type", content_type)
    }

    /// A JSON body (`content-type: application/json` unless a content type is set later).
    pub fn json(self, value: &serde_json::Value) -> Self {
        let body = value.to_string();
        self.body(body, "application/json")
    }

    /// A form-encoded body (`application/x-www-form-urlencoded; charset=UTF-8`): `+`, `/` and `=`
    /// in values are escaped.
    pub fn form(self, pairs: &[(&str, &str)]) -> Self {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        self.body(body, "application/x-www-form-urlencoded; charset=UTF-8")
    }

    /// A timeout for this request instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Marks a request of a login flow: a redirect to a login server is expected there and is
    /// not a sign of an expired session.
    pub fn login_flow(mut self) -> Self {
        self.session_required = false;
        self
    }

    /// Marks a step of a login walk through an identity provider whose host is not known in
    /// advance (a municipality's own IdP): its redirects may go to any HTTPS host, not only to the
    /// platform's own. HTTPS is still required.
    pub fn across_identity_providers(mut self) -> Self {
        self.any_identity_provider = true;
        self
    }

    /// The endpoint name.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The value of a header set on this request (case-insensitive name).
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body, if any.
    pub fn body_bytes(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_body_escapes_base64() {
        let req = HttpRequest::post(
            "saml2sso",
            "https://login001.stockholm.se/affwebservices/public/saml2sso",
        )
        .unwrap()
        .form(&[("SAMLRequest", "ab+c/d==")]);
        assert_eq!(req.body_bytes(), Some(&b"SAMLRequest=ab%2Bc%2Fd%3D%3D"[..]));
        assert_eq!(
            req.header_value("Content-Type"),
            Some("application/x-www-form-urlencoded; charset=UTF-8")
        );
    }

    #[test]
    fn debug_hides_the_url() {
        let req = HttpRequest::get(
            "NECSadcmbid",
            "https://login003.stockholm.se/x?personalNumber=191212121212",
        )
        .unwrap();
        let shown = format!("{req:?}");
        assert!(!shown.contains("1912"));
        assert!(shown.contains("login003.stockholm.se"));
    }

    #[test]
    fn bad_url_is_invalid_input() {
        assert!(matches!(
            HttpRequest::get("x", "not a url"),
            Err(Error::InvalidInput(_))
        ));
    }
}
