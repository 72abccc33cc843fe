//! How an [`super::HttpClient`] is set up.

use std::time::Duration;

use super::hosts::HostPattern;
use crate::upstream::UpstreamOverride;

/// The desktop Chrome `User-Agent` the upstream apps send (the services are built for browsers).
pub const BROWSER_USER_AGENT: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 11_2_3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.90 Safari/537.36";

/// Settings of a provider's HTTP client.
///
/// [`HttpConfig::default`] talks to the real upstream hosts; [`HttpConfig::with_upstream`] points
/// every host at a local emulator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpConfig {
    /// Where the upstream hosts are: `None` for production.
    pub upstream: Option<UpstreamOverride>,
    /// The longest a single request may take, body included.
    pub request_timeout: Duration,
    /// The longest a connection (TCP + TLS) may take to set up.
    pub connect_timeout: Duration,
    /// Upper bound of requests in flight at once through one client.
    pub max_concurrent_requests: usize,
    /// Bodies larger than this are refused (a protection against a broken or hostile server).
    pub max_body_bytes: usize,
    /// Redirect hops [`super::HttpClient::follow`] walks before giving up.
    pub max_redirects: usize,
    /// The host names this client may reach under an emulator override (each resolved to the
    /// emulator; any other host is refused). The provider sets its own; empty by default.
    pub hosts: &'static [&'static str],
    /// The hosts whose pages mean "log in first": for a request that needs a session, a redirect
    /// to one of them is [`crate::Error::SessionExpired`]. The provider sets its own; empty by
    /// default.
    pub login_hosts: &'static [HostPattern],
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            upstream: None,
            request_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_concurrent_requests: 4,
            max_body_bytes: 16 * 1024 * 1024,
            max_redirects: 10,
            hosts: &[],
            login_hosts: &[],
        }
    }
}

impl HttpConfig {
    /// The production configuration (real hosts, default limits).
    pub fn production() -> Self {
        HttpConfig::default()
    }

    /// Every upstream host resolved to the emulator in `upstream`, trusting only its CA.
    pub fn with_upstream(upstream: UpstreamOverride) -> Self {
        HttpConfig {
            upstream: Some(upstream),
            ..HttpConfig::default()
        }
    }

    /// The same configuration for a provider that talks to `hosts` and whose session expiry
    /// shows as a redirect to one of `login_hosts`.
    pub fn for_provider(
        mut self,
        hosts: &'static [&'static str],
        login_hosts: &'static [HostPattern],
    ) -> Self {
        self.hosts = hosts;
        self.login_hosts = login_hosts;
        self
    }

    /// The same configuration with another request timeout.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }
}
