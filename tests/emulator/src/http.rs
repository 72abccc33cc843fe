//! The emulator's own request and response values (simpler to fault than hyper's).

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;

/// A request, body read, query and cookies parsed.
pub(crate) struct Req {
    pub method: Method,
    pub host: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub cookies: Vec<(String, String)>,
    pub body: Bytes,
    /// `https://host/path?query` as requested.
    pub url: String,
}

impl Req {
    pub fn q(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        // The last one wins, as with most cookie parsers.
        self.cookies
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as `application/x-www-form-urlencoded` pairs.
    pub fn form(&self, name: &str) -> Option<String> {
        form_urlencoded::parse(&self.body)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }
}

/// Parses every `Cookie` header (HTTP/2 may send several).
pub(crate) fn parse_cookies(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

/// A response under construction.
#[derive(Debug, Clone)]
pub(crate) struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

pub(crate) const JSON: &str = "application/json; charset=utf-8";
pub(crate) const HTML: &str = "text/html; charset=utf-8";

impl Resp {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Resp {
            status,
            headers: vec![("content-type".to_owned(), content_type.to_owned())],
            body: body.into(),
        }
    }

    pub fn json(value: &serde_json::Value) -> Self {
        Self::json_status(200, value)
    }

    pub fn json_status(status: u16, value: &serde_json::Value) -> Self {
        Resp::new(status, JSON, value.to_string())
    }

    pub fn html(status: u16, body: String) -> Self {
        Resp::new(status, HTML, body)
    }

    pub fn text(body: &str) -> Self {
        Resp::new(200, "text/plain; charset=utf-8", body.to_owned())
    }

    pub fn redirect(location: &str) -> Self {
        Resp::html(
            302,
            format!(
                "<html><head><title>Object moved</title></head><body><h2>Object moved to <a href=\"{}\">here</a>.</h2></body></html>",
                crate::html::escape(location)
            ),
        )
        .header("location", location)
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn cookie(self, set_cookie: &str) -> Self {
        self.header("set-cookie", set_cookie)
    }

    pub fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        for (name, value) in self.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(&value),
            ) {
                headers.append(name, value);
            }
        }
        response
    }
}
