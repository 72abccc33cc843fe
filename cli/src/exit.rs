//! Exit codes and the error a command ends with.

use skolbryggan::Error;

/// Process exit codes (documented in `skolbryggan --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitCode {
    /// Something failed that is not one of the cases below.
    Failure = 1,
    /// The command line or an input was wrong (clap also uses 2).
    Usage = 2,
    /// The upstream session has expired: log in again.
    SessionExpired = 3,
    /// The network or the platform is unavailable.
    Unavailable = 4,
    /// The upstream answer could not be understood.
    Parse = 5,
    /// The login failed or was cancelled.
    Login = 6,
    /// The local cache or keystore failed.
    Storage = 7,
}

/// Why a command failed, for a person.
#[derive(Debug)]
pub struct Failure {
    /// The exit code.
    pub code: ExitCode,
    /// What happened.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Failure {
    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: ExitCode::Usage,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let (code, hint) = match &e {
            Error::SessionExpired { .. } => (
                ExitCode::SessionExpired,
                Some("run `skolbryggan login` again; your cached data is kept"),
            ),
            Error::Network { .. } | Error::Timeout { .. } | Error::RateLimited { .. } => (
                ExitCode::Unavailable,
                Some(
                    "the platform is unreachable or busy; cached data is still shown by `skolbryggan show`",
                ),
            ),
            Error::Upstream { .. } | Error::WrongChild { .. } => (ExitCode::Unavailable, None),
            Error::Parse { .. } => (
                ExitCode::Parse,
                Some("the platform answered something unexpected; please report it"),
            ),
            Error::Login(_) | Error::Cancelled => (ExitCode::Login, None),
            Error::NotLoggedIn => (ExitCode::Login, Some("run `skolbryggan login` first")),
            Error::InvalidInput(_)
            | Error::Unsupported { .. }
            | Error::WriteRefused(_)
            | Error::NotPlatformHost
            | Error::ContentTooLarge { .. } => (ExitCode::Usage, None),
            Error::KeyUnavailable(_) => (
                ExitCode::Storage,
                Some("the keystore is locked or not reachable now; unlock it and try again"),
            ),
            Error::KeyLost => (ExitCode::Storage, Some(crate::commands::KEY_LOST_HINT)),
            Error::Cache(_) | Error::Key(_) | Error::Io(_) => (ExitCode::Storage, None),
        };
        Failure {
            code,
            message: e.to_string(),
            hint: hint.map(str::to_owned),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure {
            code: ExitCode::Storage,
            message: e.to_string(),
            hint: None,
        }
    }
}
