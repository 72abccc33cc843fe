//! The request log: what clients asked, counted per endpoint and per host.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One logged request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    /// HTTP method.
    pub method: String,
    /// Host name without port.
    pub host: String,
    /// Path without query.
    pub path: String,
    /// Endpoint name (last path segment).
    pub endpoint: String,
    /// The names of the cookies the request carried (never their values), in the order sent.
    #[serde(default)]
    pub cookies: Vec<String>,
}

impl LoggedRequest {
    /// True when the request carried a cookie named `name`.
    pub fn carries_cookie(&self, name: &str) -> bool {
        self.cookies.iter().any(|c| c == name)
    }
}

/// Counts of the requests served since start or since the last reset (control requests to
/// `emulator.local` are not counted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestLog {
    /// All requests.
    pub total: u64,
    /// Per endpoint name (last path segment: `GetChildren`, `getnotifications`, …).
    pub by_endpoint: BTreeMap<String, u64>,
    /// Per host name.
    pub by_host: BTreeMap<String, u64>,
    /// The most recent requests, oldest first (at most [`RequestLog::KEEP`]).
    pub recent: Vec<LoggedRequest>,
}

impl RequestLog {
    /// How many requests `recent` keeps.
    pub const KEEP: usize = 500;

    /// Requests to this endpoint name.
    pub fn count(&self, endpoint: &str) -> u64 {
        self.by_endpoint.get(endpoint).copied().unwrap_or(0)
    }

    /// Requests to this host.
    pub fn host_count(&self, host: &str) -> u64 {
        self.by_host.get(host).copied().unwrap_or(0)
    }

    pub(crate) fn record(&mut self, entry: LoggedRequest) {
        self.total += 1;
        *self.by_endpoint.entry(entry.endpoint.clone()).or_default() += 1;
        *self.by_host.entry(entry.host.clone()).or_default() += 1;
        if self.recent.len() >= Self::KEEP {
            self.recent.remove(0);
        }
        self.recent.push(entry);
    }
}

/// The endpoint name of a path: its last non-empty segment (`/` for the root).
pub fn endpoint_name(path: &str) -> String {
    path.rsplit('/')
        .find(|s| !s.is_empty())
        .unwrap_or("/")
        .to_owned()
}
