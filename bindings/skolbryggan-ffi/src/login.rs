//! Logins as objects: start one, show its prompt, observe its states, complete or cancel it.

use crate::listener_error::{ListenerError, tolerate};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use skolbryggan::client::PendingLogin as CoreLogin;
use skolbryggan::provider::{self as p, DriveOptions};
use tokio::sync::watch;

use crate::error::{FfiResult, LoginFailureReason, SkolbrygganError};
use crate::records::User;

/// How to log in.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum LoginMethod {
    /// Mobile BankID on this phone: open `LoginPrompt.bankidAppLink` (Android) or
    /// `bankidUniversalLink` (iOS). The personal number is optional where the platform allows.
    BankIdSameDevice {
        /// The guardian's personal number (any common form), if given.
        personal_number: Option<String>,
    },
    /// Mobile BankID on another device: show the QR code (`LoginUpdate.qrPayload`, which
    /// changes every second) for the user to scan.
    BankIdOtherDevice {
        /// The guardian's personal number, if given.
        personal_number: Option<String>,
    },
    /// Freja eID+: open `LoginPrompt.frejaLink`.
    Freja,
    /// A username and password handed out by the platform or the school (where
    /// `PlatformInfo.loginMethods` lists `PASSWORD`). Choose the organisation first
    /// (`Client.setOrganisation`) where `PlatformInfo.organisationRequired`.
    Password {
        /// The username, as the platform spells it.
        username: String,
        /// The password (never logged or printed).
        password: String,
    },
    /// A web login in a browser the app opens (where `PlatformInfo.loginMethods` lists
    /// `BROWSER`): open `LoginPrompt.browserUrl`, wait for the browser to be sent to
    /// `redirectUri`, and give that address to `PendingLogin.handBackRedirect`.
    Browser {
        /// Where the platform sends the browser at the end (SchoolSoft: a loopback address
        /// such as `http://127.0.0.1:<port>/callback`).
        redirect_uri: String,
    },
}

impl std::fmt::Debug for LoginMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoginMethod::BankIdSameDevice { personal_number } => f
                .debug_struct("BankIdSameDevice")
                .field("personal_number_given", &personal_number.is_some())
                .finish(),
            LoginMethod::BankIdOtherDevice { personal_number } => f
                .debug_struct("BankIdOtherDevice")
                .field("personal_number_given", &personal_number.is_some())
                .finish(),
            LoginMethod::Freja => f.write_str("Freja"),
            LoginMethod::Password { .. } => f.write_str("Password(<redacted>)"),
            LoginMethod::Browser { .. } => f.write_str("Browser"),
        }
    }
}

/// What to show as soon as the login has started.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct LoginPrompt {
    /// BankID autostart token.
    pub autostart_token: Option<String>,
    /// Opens BankID on Android (`bankid:///?autostarttoken=…&redirect=null`).
    pub bankid_app_link: Option<String>,
    /// Opens BankID on iOS (`https://app.bankid.com/?autostarttoken=…`).
    pub bankid_universal_link: Option<String>,
    /// Opens the Freja eID+ app.
    pub freja_link: Option<String>,
    /// The first QR payload (BankID on another device): encode it as a QR code.
    pub qr_payload: Option<String>,
    /// The address to open in a browser (`LoginMethod.Browser`).
    pub browser_url: Option<String>,
}

impl From<p::LoginPrompt> for LoginPrompt {
    fn from(v: p::LoginPrompt) -> Self {
        LoginPrompt {
            autostart_token: v.autostart_token,
            bankid_app_link: v.bankid_app_link,
            bankid_universal_link: v.bankid_universal_link,
            freja_link: v.freja_link,
            qr_payload: v.qr.map(|q| q.payload),
            browser_url: v.browser_url,
        }
    }
}

/// The state of a login.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum LoginState {
    /// The order exists; the identity app has not been opened yet.
    Pending,
    /// The identity app is open and waits for the user.
    UserSign,
    /// Identified; the platform session is being set up.
    Signed,
    /// Logged in.
    Complete,
    /// The login failed.
    Failed {
        /// Why.
        reason: LoginFailureReason,
    },
    /// Cancelled.
    Cancelled,
}

impl From<&p::LoginState> for LoginState {
    fn from(s: &p::LoginState) -> Self {
        match s {
            p::LoginState::Pending => LoginState::Pending,
            p::LoginState::UserSign => LoginState::UserSign,
            p::LoginState::Signed => LoginState::Signed,
            p::LoginState::Complete => LoginState::Complete,
            p::LoginState::Failed(reason) => LoginState::Failed {
                reason: reason.into(),
            },
            p::LoginState::Cancelled => LoginState::Cancelled,
        }
    }
}

/// A state change, with the QR payload to show at that moment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct LoginUpdate {
    /// The state.
    pub state: LoginState,
    /// The current QR payload (BankID on another device), if any.
    pub qr_payload: Option<String>,
}

/// Receives the states of a login as they happen (implemented by the app; Kotlin helpers turn
/// it into a `Flow`). Called from a background thread; must return quickly.
#[uniffi::export(foreign)]
pub trait LoginListener: Send + Sync {
    /// The login moved to a new state or shows a new QR frame.
    fn on_update(&self, update: LoginUpdate) -> Result<(), ListenerError>;
}

/// Polling options of a login (for tests; the defaults are what BankID and Freja ask for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct LoginOptions {
    /// Milliseconds between polls (default 1000).
    pub poll_interval_ms: u64,
    /// Give up after this many seconds (default 180).
    pub timeout_seconds: u64,
}

impl From<LoginOptions> for DriveOptions {
    fn from(o: LoginOptions) -> Self {
        DriveOptions {
            interval: Duration::from_millis(o.poll_interval_ms.max(10)),
            timeout: Duration::from_secs(o.timeout_seconds.max(1)),
            ..DriveOptions::default()
        }
    }
}

/// A login that has started: show [`PendingLogin::prompt`], then call
/// [`PendingLogin::complete`] and wait.
///
/// To stop it, call [`PendingLogin::cancel`] or cancel the coroutine/task awaiting `complete`
/// (which stops the polling at once).
#[derive(uniffi::Object)]
pub struct PendingLogin {
    prompt: LoginPrompt,
    browser: Option<p::BrowserReturn>,
    login: Mutex<Option<CoreLogin>>,
    cancel: watch::Sender<bool>,
}

impl PendingLogin {
    pub(crate) fn new(login: CoreLogin) -> Self {
        PendingLogin {
            prompt: login.prompt().clone().into(),
            browser: login.browser_return(),
            login: Mutex::new(Some(login)),
            cancel: watch::channel(false).0,
        }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl PendingLogin {
    /// Autostart links and the first QR payload, to show right away.
    pub fn prompt(&self) -> FfiResult<LoginPrompt> {
        Ok(self.prompt.clone())
    }

    /// Polls the login until it completes, fails or is cancelled; `listener` sees every state
    /// (the first one, `Pending`, immediately). Returns the logged-in guardian; the session is
    /// sealed in the encrypted cache so `Client.resumeSessions` restores it after a restart.
    ///
    /// Can be called once. Fails with `LoginFailed` (with a reason), `Cancelled`, or `Network`
    /// after repeated network errors.
    pub async fn complete(
        &self,
        listener: Arc<dyn LoginListener>,
        options: Option<LoginOptions>,
    ) -> FfiResult<User> {
        let login = self
            .login
            .lock()
            .map_err(|_| SkolbrygganError::internal("login state poisoned"))?
            .take()
            .ok_or_else(|| SkolbrygganError::invalid("this login was already completed"))?;
        let mut cancelled = self.cancel.subscribe();
        let cancel = async move {
            let _ = cancelled.wait_for(|c| *c).await;
        };
        let options = options.map(DriveOptions::from).unwrap_or_default();
        let on_update = move |u: &p::LoginUpdate| {
            tolerate(
                "LoginListener",
                listener.on_update(LoginUpdate {
                    state: (&u.state).into(),
                    qr_payload: u.qr.as_ref().map(|q| q.payload.clone()),
                }),
            );
        };
        let user = login.complete(options, on_update, cancel).await?;
        Ok(User::from(&user))
    }

    /// Hands back the address the browser was sent to at the end of a `LoginMethod.Browser`
    /// login (with its `code` and `state`); the running `complete` then finishes the login.
    /// Fails with `InvalidInput` for a login without a browser step or a second hand-back.
    pub fn hand_back_redirect(&self, redirect: String) -> FfiResult<()> {
        let browser = self
            .browser
            .as_ref()
            .ok_or_else(|| SkolbrygganError::invalid("this login has no browser step"))?;
        browser.hand_back(&redirect)?;
        Ok(())
    }

    /// Cancels the login: a running `complete` ends with `Cancelled` and the listener sees
    /// `Cancelled`. Calling it before `complete` makes `complete` end at once.
    pub fn cancel(&self) -> FfiResult<()> {
        self.cancel.send_replace(true);
        Ok(())
    }
}
