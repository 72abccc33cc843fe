//! The crate's error type: one enum that says what failed, where, and what a UI can do.

use std::time::Duration;

use crate::cache::CacheError;

/// Why a login did not complete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginFailure {
    /// The identity app reported an error (expired order, failed signing, …).
    #[error("the identification failed ({0})")]
    Rejected(String),
    /// The user cancelled in the identity app.
    #[error("the identification was cancelled in the app")]
    CancelledByUser,
    /// No answer from the user within the allowed time.
    #[error("the identification timed out")]
    TimedOut,
    /// Signed in, but the platform did not hand out a session.
    #[error("signed in, but the platform gave no session ({0})")]
    NoSession(String),
    /// The personal number is not valid.
    #[error("the personal number is not valid")]
    InvalidPersonalNumber,
    /// The platform does not offer this login method.
    #[error("this platform does not offer that login method")]
    MethodNotSupported,
    /// The platform refused the username and password (its login form came back with an error):
    /// let the user correct them.
    #[error("the username or password is wrong")]
    InvalidCredentials,
}

/// Why a platform refused a write action (an absence report, care times). A refusal is decided
/// on a fresh read just before the write; nothing was sent.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum WriteRefusal {
    /// The day is locked: it is too late to report or change it.
    #[error("the day is locked and can no longer be changed")]
    Locked,
    /// The platform does not let this guardian do it for this child.
    #[error("the platform does not allow it for this child")]
    NotAllowed,
    /// The platform offers no such action for that day (absence can be reported only for the
    /// days it offers, typically today and tomorrow; care times only for care days).
    #[error("the platform offers no such action for that day")]
    NotOffered,
    /// The unit (pre-school, fritids) is closed that day.
    #[error("the unit is closed that day")]
    Closed,
}

/// Everything that can go wrong in Skolbryggan's core.
///
/// Messages never contain personal numbers; upstream texts are masked before they get here.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The network failed (DNS, connect, TLS, reset) on the way to `endpoint`.
    #[error("network error at {endpoint}: {detail}")]
    Network {
        /// Upstream endpoint name (last path segment).
        endpoint: String,
        /// What failed.
        detail: String,
        /// True when no connection could be made at all (DNS or connect failed): the device is
        /// offline or the host is unreachable. False when a connection was made and then failed
        /// (reset, truncated body, a redirect that went wrong).
        offline: bool,
    },
    /// No answer within the allowed time.
    #[error("timeout at {endpoint}")]
    Timeout {
        /// Upstream endpoint name.
        endpoint: String,
    },
    /// The upstream session is no longer valid: log in again (the cached data stays).
    #[error("the session has expired (at {endpoint}); log in again")]
    SessionExpired {
        /// Upstream endpoint name.
        endpoint: String,
    },
    /// The platform asked us to slow down.
    #[error("rate limited at {endpoint}; retry after {retry_after:?}")]
    RateLimited {
        /// Upstream endpoint name.
        endpoint: String,
        /// What the server's `Retry-After` asked for, if anything.
        retry_after: Option<Duration>,
    },
    /// The platform answered with an error (non-2xx status or an error envelope).
    #[error("{endpoint} failed: {message}")]
    Upstream {
        /// Upstream endpoint name.
        endpoint: String,
        /// HTTP status, when the error came as a status code.
        status: Option<u16>,
        /// Upstream's message, or a description of the status.
        message: String,
    },
    /// The answer could not be understood (changed format, truncated body, HTML for JSON).
    #[error("could not parse the answer of {endpoint}: {detail}")]
    Parse {
        /// Upstream endpoint name.
        endpoint: String,
        /// What did not fit.
        detail: String,
    },
    /// The answer belongs to another child than the one asked for; it was not used.
    #[error("{endpoint} answered for another child; the answer was discarded")]
    WrongChild {
        /// Upstream endpoint name.
        endpoint: String,
    },
    /// The login did not complete.
    #[error("login failed: {0}")]
    Login(#[from] LoginFailure),
    /// The operation was cancelled by the caller.
    #[error("cancelled")]
    Cancelled,
    /// The platform does not offer this.
    #[error("{platform} does not offer {what}")]
    Unsupported {
        /// Platform name.
        platform: String,
        /// The missing capability.
        what: String,
    },
    /// A method was called before logging in.
    #[error("not logged in")]
    NotLoggedIn,
    /// The input given by the caller is invalid.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// The platform refused a write action; nothing was sent.
    #[error("write refused: {0}")]
    WriteRefused(WriteRefusal),
    /// The local cache failed: its storage, its key, or a stored value (tampered or corrupt);
    /// [`CacheError`] says which.
    #[error("cache error: {0}")]
    Cache(#[source] CacheError),
    /// The secret store (the platform keystore holding the cache's key) failed.
    #[error("key error: {0}")]
    Key(String),
    /// The secret store cannot answer right now (device locked, before the first unlock, the
    /// keystore service not running): try again later. Nothing on disk was touched.
    #[error("the key store is not available right now ({0}); try again later")]
    KeyUnavailable(String),
    /// The key store has no key for this cache: the cache was rebuilt empty (its old files are
    /// kept aside until the next successful login) and the stored sessions are gone; log in
    /// again, or use the key store the cache was made with.
    #[error("the key store has no key for this cache; log in again")]
    KeyLost,
    /// The URL is not on a host of a logged-in platform: nothing is loaded for it with a
    /// session and no session cookies are handed out for it.
    #[error("the address is not on a host of a logged-in platform")]
    NotPlatformHost,
    /// Content (an image, an attachment) larger than the per-item cap was refused.
    #[error("the content is larger than the limit of {limit} bytes")]
    ContentTooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
    /// Local I/O failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// A parse error at `endpoint`.
    pub fn parse(endpoint: impl Into<String>, detail: impl std::fmt::Display) -> Self {
        Error::Parse {
            endpoint: endpoint.into(),
            detail: crate::privacy::mask_personal_numbers(&detail.to_string()),
        }
    }

    /// An upstream error at `endpoint`.
    pub fn upstream(
        endpoint: impl Into<String>,
        status: Option<u16>,
        message: impl std::fmt::Display,
    ) -> Self {
        Error::Upstream {
            endpoint: endpoint.into(),
            status,
            message: crate::privacy::mask_personal_numbers(&message.to_string()),
        }
    }

    /// True when retrying later may help (network, timeout, rate limit, 5xx, wrong child).
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Network { .. }
            | Error::Timeout { .. }
            | Error::RateLimited { .. }
            | Error::WrongChild { .. } => true,
            Error::Upstream {
                status: Some(s), ..
            } => *s >= 500 || *s == 408,
            _ => false,
        }
    }
}

/// The cache's errors enter the crate error here, and only here.
impl From<CacheError> for Error {
    fn from(e: CacheError) -> Self {
        Error::Cache(e)
    }
}

impl Error {
    /// True when the cache's key material is the problem (wrong, malformed, lost or
    /// unobtainable key), or the secret store that holds it failed or is unavailable.
    pub fn is_key_problem(&self) -> bool {
        match self {
            Error::Key(_) | Error::KeyUnavailable(_) | Error::KeyLost => true,
            Error::Cache(e) => e.is_key_problem(),
            _ => false,
        }
    }

    /// True when a cached value failed its integrity check or does not decode.
    pub fn is_integrity_failure(&self) -> bool {
        matches!(self, Error::Cache(e) if e.is_integrity_failure())
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
