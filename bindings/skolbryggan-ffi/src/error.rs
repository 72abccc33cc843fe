//! The errors the bindings raise: a few variants a UI can act on, all mapped here in one place.

use skolbryggan::error::{Error as CoreError, LoginFailure, WriteRefusal};

/// Why a login did not complete (the reason of [`SkolbrygganError::LoginFailed`] and of the
/// `Failed` login state).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum LoginFailureReason {
    /// The identity app reported an error (expired order, failed signing, …); `detail` is the
    /// platform's text, without personal numbers.
    Rejected {
        /// What the identity provider said.
        detail: String,
    },
    /// The user cancelled in the BankID or Freja app.
    CancelledByUser,
    /// The user did not answer in time: start a new login.
    TimedOut,
    /// Identified, but the school platform gave no session (often: no children on this
    /// platform).
    NoSession {
        /// What went wrong.
        detail: String,
    },
    /// The personal number is not valid: let the user correct it.
    InvalidPersonalNumber,
    /// The platform does not offer this login method.
    MethodNotSupported,
    /// The username or password is wrong: let the user correct them.
    InvalidCredentials,
}

impl From<&LoginFailure> for LoginFailureReason {
    fn from(value: &LoginFailure) -> Self {
        match value {
            LoginFailure::Rejected(detail) => LoginFailureReason::Rejected {
                detail: detail.clone(),
            },
            LoginFailure::CancelledByUser => LoginFailureReason::CancelledByUser,
            LoginFailure::TimedOut => LoginFailureReason::TimedOut,
            LoginFailure::NoSession(detail) => LoginFailureReason::NoSession {
                detail: detail.clone(),
            },
            LoginFailure::InvalidPersonalNumber => LoginFailureReason::InvalidPersonalNumber,
            LoginFailure::MethodNotSupported => LoginFailureReason::MethodNotSupported,
            LoginFailure::InvalidCredentials => LoginFailureReason::InvalidCredentials,
        }
    }
}

/// Why a platform refused a write action (the reason of [`SkolbrygganError::WriteRefused`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum WriteRefusalReason {
    /// The day is locked: too late to report or change it.
    Locked,
    /// The platform does not let this guardian do it for this child.
    NotAllowed,
    /// The platform offers no such action for that day (absence: typically only today and
    /// tomorrow; care times: only care days).
    NotOffered,
    /// The unit is closed that day.
    Closed,
}

impl From<WriteRefusal> for WriteRefusalReason {
    fn from(value: WriteRefusal) -> Self {
        match value {
            WriteRefusal::Locked => WriteRefusalReason::Locked,
            WriteRefusal::NotAllowed => WriteRefusalReason::NotAllowed,
            WriteRefusal::NotOffered => WriteRefusalReason::NotOffered,
            WriteRefusal::Closed => WriteRefusalReason::Closed,
        }
    }
}

/// Everything a call into Skolbryggan can fail with.
///
/// Each variant tells the UI what to do: show "offline" (`Offline`), retry later (`Timeout`,
/// `Network`, `KeyUnavailable`, `Upstream` with a 5xx `status`), log in again
/// (`SessionExpired`, `NotLoggedIn`, `KeyLost`), show why the login failed (`LoginFailed`), or
/// report a bug / reset the cache (`Parse`, `Cache`, `Key`, `Internal`).
/// Messages never contain personal numbers.
///
/// (Named `…Error`, never bare `Error`: Kotlin would turn that into a clash with
/// `kotlin.Exception`.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum SkolbrygganError {
    /// No connection could be made (no network, DNS or connect failed): show "offline"; the
    /// cached data stays readable.
    #[error("offline: {detail}")]
    Offline {
        /// What failed, and where.
        detail: String,
    },
    /// The platform did not answer in time (it is slow or overloaded); retry later.
    #[error("timeout: {detail}")]
    Timeout {
        /// Where.
        detail: String,
    },
    /// A connection was made and then failed (reset, truncated), the platform asked to slow
    /// down, or it answered for another child; retry later.
    #[error("network error: {detail}")]
    Network {
        /// What failed, and where.
        detail: String,
        /// Seconds the platform asked to wait before retrying, when it said so.
        retry_after_seconds: Option<u64>,
    },
    /// The platform session is no longer valid: log in again (cached data stays readable).
    #[error("the session has expired; log in again")]
    SessionExpired {
        /// The endpoint that noticed.
        endpoint: String,
    },
    /// The login did not complete.
    #[error("login failed: {reason:?}")]
    LoginFailed {
        /// Why.
        reason: LoginFailureReason,
    },
    /// The platform answered with an error.
    #[error("{endpoint} failed: {detail}")]
    Upstream {
        /// The upstream endpoint (last path segment).
        endpoint: String,
        /// The HTTP status, when the error came as one.
        status: Option<u16>,
        /// The platform's message, masked.
        detail: String,
    },
    /// The platform's answer could not be understood (it may have changed its format).
    #[error("could not parse {endpoint}: {detail}")]
    Parse {
        /// The upstream endpoint.
        endpoint: String,
        /// What did not fit.
        detail: String,
    },
    /// The local cache failed or is corrupt.
    #[error("cache error: {detail}")]
    Cache {
        /// What failed.
        detail: String,
    },
    /// Key material is wrong, or the app's secret store failed.
    #[error("key error: {detail}")]
    Key {
        /// What failed.
        detail: String,
    },
    /// The app's secret store cannot answer right now (device locked, before the first
    /// unlock): try again later. No file of the cache was touched.
    #[error("the key store is not available right now: {detail}; try again later")]
    KeyUnavailable {
        /// What the store said.
        detail: String,
    },
    /// The secret store had no key for the existing cache: the cache was rebuilt empty (the
    /// old files are kept aside until the next successful login) and the saved sessions are
    /// gone. Log in again.
    #[error("the key store has no key for this cache; log in again")]
    KeyLost,
    /// The operation was cancelled (by `cancel()` or by cancelling the calling coroutine/task).
    #[error("cancelled")]
    Cancelled,
    /// Not logged in: call a login first.
    #[error("not logged in")]
    NotLoggedIn,
    /// An argument was invalid (a malformed date, an unknown id, a login used twice).
    #[error("invalid input: {detail}")]
    InvalidInput {
        /// What was wrong.
        detail: String,
    },
    /// The platform refused a write action before anything was sent; `reason` says why (show
    /// it, do not retry).
    #[error("write refused: {reason:?}")]
    WriteRefused {
        /// Why.
        reason: WriteRefusalReason,
    },
    /// The platform does not offer this.
    #[error("unsupported: {detail}")]
    Unsupported {
        /// What is missing.
        detail: String,
    },
    /// A bug, or an exception thrown by one of the app's callbacks.
    #[error("internal error: {detail}")]
    Internal {
        /// What happened.
        detail: String,
    },
}

impl SkolbrygganError {
    /// An [`SkolbrygganError::InvalidInput`].
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        SkolbrygganError::InvalidInput {
            detail: message.into(),
        }
    }

    /// An [`SkolbrygganError::Internal`].
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        SkolbrygganError::Internal {
            detail: message.into(),
        }
    }
}

impl From<CoreError> for SkolbrygganError {
    fn from(value: CoreError) -> Self {
        match value {
            CoreError::Network { offline: true, .. } => SkolbrygganError::Offline {
                detail: value.to_string(),
            },
            CoreError::Timeout { .. } => SkolbrygganError::Timeout {
                detail: value.to_string(),
            },
            CoreError::Network { .. } | CoreError::WrongChild { .. } => SkolbrygganError::Network {
                detail: value.to_string(),
                retry_after_seconds: None,
            },
            CoreError::RateLimited { retry_after, .. } => SkolbrygganError::Network {
                detail: value.to_string(),
                retry_after_seconds: retry_after.map(|d| d.as_secs()),
            },
            CoreError::SessionExpired { endpoint } => SkolbrygganError::SessionExpired { endpoint },
            CoreError::Upstream {
                endpoint,
                status,
                message,
            } => SkolbrygganError::Upstream {
                endpoint,
                status,
                detail: message,
            },
            CoreError::Parse { endpoint, detail } => SkolbrygganError::Parse { endpoint, detail },
            CoreError::Login(reason) => SkolbrygganError::LoginFailed {
                reason: LoginFailureReason::from(&reason),
            },
            CoreError::Cancelled => SkolbrygganError::Cancelled,
            CoreError::Unsupported { .. } => SkolbrygganError::Unsupported {
                detail: value.to_string(),
            },
            CoreError::NotLoggedIn => SkolbrygganError::NotLoggedIn,
            CoreError::InvalidInput(message) => SkolbrygganError::InvalidInput { detail: message },
            CoreError::WriteRefused(reason) => SkolbrygganError::WriteRefused {
                reason: reason.into(),
            },
            e @ (CoreError::NotPlatformHost | CoreError::ContentTooLarge { .. }) => {
                SkolbrygganError::InvalidInput {
                    detail: e.to_string(),
                }
            }
            // The cache's key problems (a wrong or malformed key) are key errors, as before.
            CoreError::Cache(e) if e.is_key_problem() => SkolbrygganError::Key {
                detail: e.to_string(),
            },
            CoreError::Cache(e) => SkolbrygganError::Cache {
                detail: e.to_string(),
            },
            CoreError::Io(e) => SkolbrygganError::Cache {
                detail: e.to_string(),
            },
            CoreError::Key(message) => SkolbrygganError::Key { detail: message },
            CoreError::KeyUnavailable(detail) => SkolbrygganError::KeyUnavailable { detail },
            CoreError::KeyLost => SkolbrygganError::KeyLost,
        }
    }
}

impl From<uniffi::UnexpectedUniFFICallbackError> for SkolbrygganError {
    fn from(value: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SkolbrygganError::internal(format!("callback failed: {}", value.reason))
    }
}

/// The result of every fallible export.
pub type FfiResult<T> = Result<T, SkolbrygganError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_timeout_and_key_cases_are_variants_an_app_can_act_on() {
        let offline = CoreError::Network {
            endpoint: "GetChildren".to_owned(),
            detail: "connect failed".to_owned(),
            offline: true,
        };
        assert!(matches!(
            SkolbrygganError::from(offline),
            SkolbrygganError::Offline { .. }
        ));
        let reset = CoreError::Network {
            endpoint: "GetChildren".to_owned(),
            detail: "connection reset".to_owned(),
            offline: false,
        };
        assert!(matches!(
            SkolbrygganError::from(reset),
            SkolbrygganError::Network { .. }
        ));
        let slow = CoreError::Timeout {
            endpoint: "GetSchema".to_owned(),
        };
        assert!(matches!(
            SkolbrygganError::from(slow),
            SkolbrygganError::Timeout { detail } if detail.contains("GetSchema")
        ));
        assert_eq!(
            SkolbrygganError::from(CoreError::KeyUnavailable("device locked".to_owned())),
            SkolbrygganError::KeyUnavailable {
                detail: "device locked".to_owned()
            }
        );
        assert_eq!(
            SkolbrygganError::from(CoreError::KeyLost),
            SkolbrygganError::KeyLost
        );
        assert!(matches!(
            SkolbrygganError::from(CoreError::Key("broken".to_owned())),
            SkolbrygganError::Key { .. }
        ));
    }

    #[test]
    fn content_refusals_are_invalid_input_with_their_reason() {
        let foreign = SkolbrygganError::from(CoreError::NotPlatformHost);
        assert!(
            matches!(&foreign, SkolbrygganError::InvalidInput { detail } if detail.contains("host")),
            "{foreign:?}"
        );
        let big = SkolbrygganError::from(CoreError::ContentTooLarge { limit: 10 });
        assert!(
            matches!(&big, SkolbrygganError::InvalidInput { detail } if detail.contains("10 bytes")),
            "{big:?}"
        );
    }

    #[test]
    fn a_foreign_store_saying_unavailable_is_the_core_key_unavailable() {
        use skolbryggan::secrets::SecretStore as _;

        struct Locked;
        impl crate::secrets::SecretStore for Locked {
            fn get(
                &self,
                _key: String,
            ) -> Result<Option<Vec<u8>>, crate::secrets::SecretStoreError> {
                Err(crate::secrets::SecretStoreError::Unavailable {
                    detail: "device locked".to_owned(),
                })
            }
            fn set(
                &self,
                _key: String,
                _value: Vec<u8>,
            ) -> Result<(), crate::secrets::SecretStoreError> {
                Err(crate::secrets::SecretStoreError::Failed {
                    detail: "broken".to_owned(),
                })
            }
            fn delete(&self, _key: String) -> Result<(), crate::secrets::SecretStoreError> {
                Ok(())
            }
        }
        let store = crate::secrets::ForeignSecrets(std::sync::Arc::new(Locked));
        assert!(matches!(
            store.get("skolbryggan.cache.v1"),
            Err(CoreError::KeyUnavailable(d)) if d == "device locked"
        ));
        assert!(matches!(store.set("k", b"v"), Err(CoreError::Key(_))));
    }
}
