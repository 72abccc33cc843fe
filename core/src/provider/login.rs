//! Login flows: an order at an identity provider, polled until it completes.

use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::error::{Error, LoginFailure, Result};
use crate::model::{PersonalNumber, User};

pub use super::browser_return::BrowserReturn;

/// What the caller asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginRequest {
    /// Mobile BankID. `other_device` asks for an animated QR code to scan with another phone.
    BankId {
        /// The guardian's personal number, where the platform needs or allows it.
        personal_number: Option<PersonalNumber>,
        /// Show a QR code for BankID on another device instead of an autostart link.
        other_device: bool,
    },
    /// Freja eID+.
    Freja,
    /// A username and password the platform (or the school) handed out, for platforms that
    /// offer them ([`crate::provider::LoginMethod::Password`]).
    Password {
        /// The username, as the platform spells it.
        username: String,
        /// The password; its `Debug` form is redacted.
        password: Password,
    },
    /// A web login in a browser (or web view) the app opens: the platform's own login pages
    /// and the identity provider's BankID happen there. The app opens
    /// [`LoginPrompt::browser_url`], waits for the browser to be sent to `redirect_uri`, and
    /// hands that address back with [`BrowserReturn::hand_back`] ([`LoginMethod::Browser`]).
    ///
    /// [`LoginMethod::Browser`]: crate::provider::LoginMethod::Browser
    Browser {
        /// Where the platform sends the browser when the login is done (for SchoolSoft a
        /// loopback address such as `http://127.0.0.1:<port>/callback`).
        redirect_uri: String,
    },
}

/// A password on its way to a login form: never printed, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Self {
        Password(password.into())
    }

    /// The password itself, for the one request that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// An animated-QR frame: the text to encode in the QR code the user scans.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrFrame {
    /// The QR payload (`bankid.<token>.<seconds>.<auth code>`).
    pub payload: String,
}

impl std::fmt::Debug for QrFrame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrFrame")
            .field("payload_len", &self.payload.len())
            .finish()
    }
}

/// What the app shows as soon as the order exists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginPrompt {
    /// BankID autostart token, for "BankID on this device".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autostart_token: Option<String>,
    /// The link that opens BankID on Android (`bankid:///?autostarttoken=…&redirect=null`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bankid_app_link: Option<String>,
    /// The universal link that opens BankID on iOS (`https://app.bankid.com/?autostarttoken=…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bankid_universal_link: Option<String>,
    /// The link that opens the Freja eID+ app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freja_link: Option<String>,
    /// The first QR frame, for another device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr: Option<QrFrame>,
    /// The address to open in a browser, for a [`LoginRequest::Browser`] login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser_url: Option<String>,
}

impl LoginPrompt {
    /// A prompt for a BankID autostart token, with both app links filled in.
    pub fn bankid(token: &str) -> Self {
        LoginPrompt {
            autostart_token: Some(token.to_owned()),
            bankid_app_link: Some(format!("bankid:///?autostarttoken={token}&redirect=null")),
            bankid_universal_link: Some(format!(
                "https://app.bankid.com/?autostarttoken={token}&redirect=null"
            )),
            ..Default::default()
        }
    }
}

/// The state of a login, as a UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "reason", rename_all = "snake_case")]
pub enum LoginState {
    /// Order created; the identity app has not been opened yet (BankID `PENDING`, Freja
    /// `STARTED`).
    Pending,
    /// The identity app is open and waits for the user (BankID `USER_SIGN`, Freja
    /// `DELIVERED_TO_MOBILE`).
    UserSign,
    /// Identified (BankID `OK`, Freja `APPROVED`); the platform session is being set up.
    Signed,
    /// Logged in.
    Complete,
    /// The login failed.
    Failed(LoginFailure),
    /// Cancelled by the caller.
    Cancelled,
}

impl LoginState {
    /// True for states after which nothing more happens.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            LoginState::Complete | LoginState::Failed(_) | LoginState::Cancelled
        )
    }
}

/// One step of a login.
#[derive(Debug, Clone)]
pub enum LoginProgress {
    /// Still waiting; `qr` carries the next QR frame when the platform animates one.
    Waiting {
        /// The current state.
        state: LoginState,
        /// The current QR frame, if any.
        qr: Option<QrFrame>,
    },
    /// Logged in as this user.
    Complete(User),
}

/// A login in progress at one platform.
#[async_trait]
pub trait LoginFlow: Send {
    /// What to show right away (autostart links, first QR frame).
    fn prompt(&self) -> LoginPrompt;

    /// Advances the order by one poll. Terminal failures come back as
    /// [`Error::Login`]; transient network trouble as the other error variants (the driver
    /// tolerates a few of those in a row).
    async fn poll(&mut self) -> Result<LoginProgress>;

    /// Cancels the order (locally, and upstream where the platform allows it).
    async fn cancel(&mut self) -> Result<()>;

    /// Where the app hands back the address the browser was sent to, for a login with a
    /// browser step ([`LoginRequest::Browser`]); `None` for every other login.
    fn browser_return(&self) -> Option<BrowserReturn> {
        None
    }
}

/// How [`drive_login`] polls.
#[derive(Debug, Clone, Copy)]
pub struct DriveOptions {
    /// Time between polls (BankID and Freja ask for one second).
    pub interval: Duration,
    /// Give up after this long (BankID orders live a few minutes).
    pub timeout: Duration,
    /// Transient poll errors tolerated in a row before giving up.
    pub max_transient_errors: u32,
}

impl Default for DriveOptions {
    fn default() -> Self {
        DriveOptions {
            interval: Duration::from_secs(1),
            timeout: Duration::from_secs(180),
            max_transient_errors: 5,
        }
    }
}

/// A login state change, with the QR frame current at that moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginUpdate {
    /// The state.
    pub state: LoginState,
    /// The QR frame to show, if the login uses one.
    pub qr: Option<QrFrame>,
}

/// Polls `flow` every `options.interval` until it completes, fails, times out or `cancel`
/// resolves. `on_update` sees every state change and every new QR frame.
///
/// On cancellation or timeout the order is cancelled with [`LoginFlow::cancel`].
pub async fn drive_login<F, C>(
    mut flow: Box<dyn LoginFlow>,
    options: DriveOptions,
    mut on_update: F,
    cancel: C,
) -> Result<User>
where
    F: FnMut(&LoginUpdate) + Send,
    C: std::future::Future<Output = ()> + Send,
{
    let deadline = tokio::time::Instant::now() + options.timeout;
    let mut last: Option<LoginUpdate> = None;
    let mut transient = 0u32;
    let mut emit = |update: LoginUpdate, last: &mut Option<LoginUpdate>| {
        if last.as_ref() != Some(&update) {
            on_update(&update);
            *last = Some(update);
        }
    };
    let initial_qr = flow.prompt().qr;
    emit(
        LoginUpdate {
            state: LoginState::Pending,
            qr: initial_qr,
        },
        &mut last,
    );
    tokio::pin!(cancel);
    loop {
        let step = tokio::select! {
            _ = &mut cancel => None,
            result = flow.poll() => Some(result),
        };
        let Some(result) = step else {
            let _ = flow.cancel().await;
            emit(
                LoginUpdate {
                    state: LoginState::Cancelled,
                    qr: None,
                },
                &mut last,
            );
            return Err(Error::Cancelled);
        };
        match result {
            Ok(LoginProgress::Complete(user)) => {
                emit(
                    LoginUpdate {
                        state: LoginState::Complete,
                        qr: None,
                    },
                    &mut last,
                );
                return Ok(user);
            }
            Ok(LoginProgress::Waiting { state, qr }) => {
                transient = 0;
                emit(LoginUpdate { state, qr }, &mut last);
            }
            Err(Error::Login(reason)) => {
                emit(
                    LoginUpdate {
                        state: LoginState::Failed(reason.clone()),
                        qr: None,
                    },
                    &mut last,
                );
                return Err(Error::Login(reason));
            }
            Err(Error::Cancelled) => {
                emit(
                    LoginUpdate {
                        state: LoginState::Cancelled,
                        qr: None,
                    },
                    &mut last,
                );
                return Err(Error::Cancelled);
            }
            Err(e) if e.is_transient() && transient < options.max_transient_errors => {
                transient += 1;
                tracing::debug!(error = %e, "transient error while polling a login; retrying");
            }
            Err(e) => {
                let _ = flow.cancel().await;
                return Err(e);
            }
        }
        if tokio::time::Instant::now() + options.interval > deadline {
            let _ = flow.cancel().await;
            let reason = LoginFailure::TimedOut;
            emit(
                LoginUpdate {
                    state: LoginState::Failed(reason.clone()),
                    qr: None,
                },
                &mut last,
            );
            return Err(Error::Login(reason));
        }
        tokio::select! {
            _ = &mut cancel => {
                let _ = flow.cancel().await;
                emit(LoginUpdate { state: LoginState::Cancelled, qr: None }, &mut last);
                return Err(Error::Cancelled);
            }
            _ = tokio::time::sleep(options.interval) => {}
        }
    }
}
