//! The HTTP layer every provider shares.
//!
//! * [`HttpClient`] — one reqwest client per provider: rustls with the *ring* provider passed
//!   explicitly, the browser `User-Agent` the upstream services expect, a per-request timeout, a
//!   cookie jar that can be saved, at most a few requests in flight, and (for tests) every
//!   upstream host resolved to a local emulator that alone is trusted.
//! * [`HttpRequest`] / [`HttpResponse`] — a request as data (so redirects can be replayed) and a
//!   fully read answer with the checks every provider needs ([`HttpResponse::ensure_success`],
//!   [`HttpResponse::json_text`]).
//! * [`CookieJar`] — the session's cookies, serializable into a provider's saved session
//!   secret with session (non-persistent) cookies such as `SMSESSION` included;
//!   [`CookieJar::web_cookies`] lists the [`WebCookie`]s a WebView needs for one URL.
//! * [`media_type`] — the type of a loaded file from its `Content-Type` or its first bytes.
//!
//! Redirects are never followed by reqwest itself: [`HttpClient::send`] makes one hop and
//! [`HttpClient::follow`] walks the chain, so a data call that is bounced to a login server is
//! reported as [`crate::Error::SessionExpired`] instead of parsing a login page. Every request
//! is HTTPS and every hop stays on the platform's hosts (`transport_policy`).

mod client;
mod config;
mod cookies;
mod errors;
mod hosts;
mod media_type;
mod redirect;
mod request;
mod response;
mod tls;
mod transport_policy;
mod web_cookie;

pub use client::HttpClient;
pub use config::{BROWSER_USER_AGENT, HttpConfig};
pub use cookies::{CookieJar, SsoCookie};
pub use hosts::{HostPattern, matches_any};
pub use media_type::{media_type, sniff};
pub use request::HttpRequest;
pub use response::{HttpResponse, parse_retry_after};
pub use web_cookie::WebCookie;

#[cfg(test)]
mod test_server;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_encoding;
