//! # skolbryggan-emulator
//!
//! An HTTPS emulator of Stockholm's guardian e-services ("Skolplattformen"), its SiteMinder
//! login servers (BankID, Freja eID+, the SAML identity provider) and Skola24's timetable viewer,
//! on loopback under the real host names. It serves a [`FamilySnapshot`] rendered into the
//! upstream formats, so that a real client that logs in and fetches everything gets back the
//! snapshot's Stockholm children and their data.
//!
//! ```no_run
//! use skolbryggan_emulator::{Emulator, EmulatorConfig};
//!
//! let emulator = Emulator::start(EmulatorConfig::demo()).unwrap();
//! let upstream = emulator.upstream_override(); // give this to the core's HTTP layer
//! println!("listening on {}", emulator.addr());
//! # drop(upstream);
//! ```
//!
//! Every host name of [`skolbryggan::provider::registry::all_hosts`] (plus `localhost` and the control
//! host [`CONTROL_HOST`]) carries a certificate signed by a CA generated at start-up
//! ([`EmulatorHandle::ca_pem`]). The knobs (identification scripts, session expiry, faults, the
//! request log) are methods of [`EmulatorHandle`] and, for other languages, JSON endpoints under
//! `https://emulator.local/__control/` (see the crate's README).

mod control;
mod hosts;
mod html;
mod http;
mod ids;
mod infomentor;
mod knobs;
mod log;
pub mod menus;
mod render;
pub mod sample;
mod schoolsoft;
mod server;
mod state;
mod tls;
mod vklass;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::civil::Date;
use skolbryggan::model::{AccountId, AccountKey, FamilySnapshot, PersonalNumber};
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::provider::registry::all_hosts;
use skolbryggan::upstream::UpstreamOverride;
use tokio::sync::watch;

pub use control::CONTROL_HOST;
pub use hosts::skola24::SKOLA24_COOKIE;
pub use hosts::{BANKID_SM, ESERVICES_HOST, FREJA_SM, LEGACY_ESERVICES_HOST, SKOLA24_SCOPE};
/// The InfoMentor Hub renderer (model values → the Hub's JSON and HTML), for round-trip tests
/// of the parsers.
pub use infomentor::render as infomentor_render;
pub use infomentor::render::HUB_APP_TYPES;
pub use infomentor::{
    HUB_SESSION_LIFE, IM1_PASSWORD, IM1_USERNAME, ImWrite, OTHER_IDP_HOST, OTHER_IDP_KEY,
};
pub use knobs::{
    BankIdOutcome, BankIdScript, Fault, FaultEffect, FaultRule, FrejaOutcome, FrejaScript, MenuKind,
};
pub use log::{LoggedRequest, RequestLog, endpoint_name};
pub use schoolsoft::family as schoolsoft_family;
pub use schoolsoft::{BrowserStop, SS_SESSION_LIFE, SsWrite};
pub use vklass::{
    GUARDIAN_ID as VKLASS_GUARDIAN_ID, PASSWORD as VKLASS_PASSWORD, USERNAME as VKLASS_USERNAME,
    VkAbsenceReport,
};

use state::{Shared, State};

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// Certificate generation or TLS configuration failed.
    #[error("TLS setup failed: {0}")]
    Tls(String),
    /// Binding the port or starting the server thread failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

/// What the emulator serves and how it starts.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// The family served: Stockholm e-services get the children with `refs.stockholm`, Skola24
    /// those with `refs.skola24`.
    pub family: FamilySnapshot,
    /// The guardian's 12-digit personal number (`getuserdata`, notification recipients).
    pub guardian_personal_number: String,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// "Today" for the list-form lunch menu's selected week; `None` = the real date.
    pub today: Option<Date>,
    /// Script of new BankID orders.
    pub bankid: BankIdScript,
    /// Script of new Freja transactions.
    pub freja: FrejaScript,
    /// Lifetime of SiteMinder and Skola24 sessions; `None` = until expired on demand.
    pub session_lifetime: Option<Duration>,
    /// Menu form per Stockholm child id (default: list).
    pub menu_kinds: HashMap<String, MenuKind>,
}

impl EmulatorConfig {
    /// Serves `family` for the guardian with this personal number.
    pub fn new(family: FamilySnapshot, guardian_personal_number: &str) -> Self {
        EmulatorConfig {
            family,
            guardian_personal_number: guardian_personal_number.to_owned(),
            port: 0,
            today: None,
            bankid: BankIdScript::default(),
            freja: FrejaScript::default(),
            session_lifetime: None,
            menu_kinds: HashMap::new(),
        }
    }

    /// The small hand-built family of [`sample`] (its "today" fixed to 2026-11-25).
    pub fn sample() -> Self {
        let mut config = EmulatorConfig::new(sample::family(), sample::GUARDIAN);
        config.today = Some(sample::today());
        config
    }

    /// The installation secret the emulator's families are namespaced under: their account ids
    /// are [`EmulatorConfig::account_key`]'s. A test whose client must see the same ids seeds
    /// its secret store with it as the cache key (`skolbryggan::cache::DEFAULT_KEY_NAME`), since
    /// a client's account key is derived from its cache key.
    pub const INSTALLATION_SECRET: [u8; 32] = *b"skolbryggan emulator install key";

    /// The account-id key of [`EmulatorConfig::INSTALLATION_SECRET`]: the one to build
    /// providers with when their ids are compared with the emulator's families.
    pub fn account_key() -> AccountKey {
        AccountKey::derive(&Self::INSTALLATION_SECRET)
    }

    /// The account id of the guardian `personal_number` under [`EmulatorConfig::account_key`].
    pub fn account_of(personal_number: &str) -> AccountId {
        Self::account_key().account_id(personal_number)
    }

    /// The guardian personal number of [`EmulatorConfig::demo`] (a test number that is *not* a
    /// demo trigger, so clients really log in instead of switching to their offline demo).
    pub const DEMO_GUARDIAN: &'static str = "198001012387";

    /// The built-in demo family of the core (`DemoFamily::generate(&DemoConfig::default())`,
    /// the school year containing today), namespaced by the account of [`Self::DEMO_GUARDIAN`],
    /// as a Hub holds it: numeric InfoMentor news and notification ids, the Hub's notification
    /// kinds, and a second InfoMentor pupil ("Bo", pupil id `7777777`) so switching is exercised.
    pub fn demo() -> Self {
        Self::demo_with_seed(DemoConfig::DEFAULT_SEED)
    }

    /// The demo family generated from another seed.
    pub fn demo_with_seed(seed: u64) -> Self {
        let account = Self::account_of(Self::DEMO_GUARDIAN);
        let config = DemoConfig::default().with_seed(seed).with_account(account);
        let mut family = DemoFamily::generate(&config).snapshot;
        let number = PersonalNumber::parse(Self::DEMO_GUARDIAN, 2026);
        for user in &mut family.users {
            user.personal_number = number.clone();
        }
        // As a Hub holds it: numeric ids, the Hub's notification kinds, two pupils.
        let family = infomentor::family::hub_family(family);
        EmulatorConfig::new(family, Self::DEMO_GUARDIAN)
    }
}

/// Starts emulators.
pub struct Emulator;

impl Emulator {
    /// Every random id and token of 16 characters or more that any emulator of this process
    /// handed out so far: session cookie values (`SMSESSION`, the Hub's, Skola24's, SchoolSoft's,
    /// Vklass's), anti-forgery tokens, BankID order ids, autostart and QR start tokens, Freja
    /// transaction references, SAML and OAuth tokens. For tests that check a client never logs
    /// or leaks them.
    pub fn issued_tokens() -> Vec<String> {
        ids::issued()
    }

    /// Generates the CA and certificates, binds 127.0.0.1:`port` and serves on a thread of its
    /// own (with its own tokio runtime), so it works from sync and async code alike. The server
    /// stops when the handle is dropped.
    pub fn start(config: EmulatorConfig) -> Result<EmulatorHandle, EmulatorError> {
        let hosts: Vec<String> = EmulatorHandle::hosts()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let tls = tls::generate(&hosts)?;
        let listener = std::net::TcpListener::bind(("127.0.0.1", config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;

        let mut state = State::new(config.family, config.guardian_personal_number);
        state.today = config.today;
        state.bankid = config.bankid;
        state.freja = config.freja;
        state.lifetime = config.session_lifetime;
        state.menu_kinds = config.menu_kinds;
        let shared = Arc::new(Shared::new(state, tls.ca_pem.clone()));

        let (stop_tx, stop_rx) = watch::channel(false);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("skolbryggan-emulator")
            .enable_all()
            .build()?;
        let server_shared = Arc::clone(&shared);
        let server_tls = tls.server;
        let thread = std::thread::Builder::new()
            .name("skolbryggan-emulator".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => {
                            server::serve(listener, server_tls, server_shared, stop_rx).await;
                        }
                        Err(e) => eprintln!("skolbryggan-emulator: cannot listen: {e}"),
                    }
                });
                runtime.shutdown_timeout(Duration::from_millis(200));
            })?;
        Ok(EmulatorHandle {
            addr,
            shared,
            stop: stop_tx,
            thread: Some(thread),
        })
    }
}

/// A running emulator. Dropping it stops the server.
pub struct EmulatorHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for EmulatorHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorHandle")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl EmulatorHandle {
    /// The loopback address every emulated host resolves to.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The CA certificate (PEM) that signed every host's certificate.
    pub fn ca_pem(&self) -> &str {
        &self.shared.ca_pem
    }

    /// The override that points the core's HTTP layer at this emulator.
    pub fn upstream_override(&self) -> UpstreamOverride {
        UpstreamOverride {
            addr: self.addr,
            ca_pem: self.shared.ca_pem.clone(),
        }
    }

    /// The host names served (upstream hosts, the pre-2024 e-services host
    /// `etjanst.stockholm.se`, `localhost`, the control host); all of them are in the
    /// certificate.
    pub fn hosts() -> Vec<&'static str> {
        let mut hosts = all_hosts();
        if !hosts.contains(&hosts::LEGACY_ESERVICES_HOST) {
            hosts.push(hosts::LEGACY_ESERVICES_HOST);
        }
        hosts.push("localhost");
        hosts.push(CONTROL_HOST);
        hosts
    }

    /// The script of BankID orders started from now on.
    pub fn set_bankid_script(&self, script: BankIdScript) {
        self.shared.lock().bankid = script;
    }

    /// The script of Freja transactions started from now on.
    pub fn set_freja_script(&self, script: FrejaScript) {
        self.shared.lock().freja = script;
    }

    /// Ends every SiteMinder and Skola24 session now: the next data request is redirected to
    /// the login page (Stockholm) or refused (Skola24).
    pub fn expire_all_sessions(&self) {
        self.shared.lock().expire_all();
    }

    /// Lifetime of sessions (existing ones included), counted from their creation.
    pub fn set_session_lifetime(&self, lifetime: Option<Duration>) {
        self.shared.lock().lifetime = lifetime;
    }

    /// Number of live SiteMinder sessions.
    pub fn session_count(&self) -> usize {
        let mut state = self.shared.lock();
        let keys: Vec<String> = state.sessions.keys().cloned().collect();
        keys.iter()
            .filter(|k| state.session(Some(k.as_str())).is_some())
            .count()
    }

    /// The absence reports the Vklass hosts accepted (the write log).
    pub fn vklass_absence_reports(&self) -> Vec<VkAbsenceReport> {
        self.shared.lock().vklass.reports.clone()
    }

    /// Adds a fault rule (rules are tried in the order added; the first match applies).
    pub fn add_fault(&self, rule: FaultRule) {
        self.shared.lock().faults.push(rule);
    }

    /// The fault rules still active.
    pub fn faults(&self) -> Vec<FaultRule> {
        self.shared.lock().faults.clone()
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// The request counts since start or the last reset.
    pub fn request_log(&self) -> RequestLog {
        self.shared.lock().log.clone()
    }

    /// Requests to one endpoint name (last path segment) since start or the last reset.
    pub fn request_count(&self, endpoint: &str) -> u64 {
        self.shared.lock().log.count(endpoint)
    }

    /// BankID orders started (`initialize=` at the login server, from Skolplattformen or
    /// InfoMentor) since the emulator started.
    pub fn bankid_order_count(&self) -> u64 {
        self.shared.lock().bankid_orders_started
    }

    /// Clears the request log.
    pub fn reset_request_log(&self) {
        self.shared.lock().log = RequestLog::default();
    }

    /// Which menu form (`GetMatsedelChoice`) a Stockholm child's school uses.
    pub fn set_menu_kind(&self, stockholm_child_id: &str, kind: MenuKind) {
        self.shared
            .lock()
            .menu_kinds
            .insert(stockholm_child_id.to_owned(), kind);
    }

    /// "Today" for the list-form menu (`None` = the real date).
    pub fn set_today(&self, today: Option<Date>) {
        self.shared.lock().today = today;
    }

    /// Replaces the served family (e.g. to test a sync picking up changes).
    pub fn set_family(&self, family: FamilySnapshot) {
        self.shared.lock().family = family;
    }

    /// The served family.
    pub fn family(&self) -> FamilySnapshot {
        self.shared.lock().family.clone()
    }

    /// Which e-services host name the login servers send a new (or resumed) session to:
    /// [`ESERVICES_HOST`] (default) or the pre-2024 [`LEGACY_ESERVICES_HOST`].
    /// Both names are served either way.
    pub fn set_eservices_host(&self, legacy: bool) {
        self.shared.lock().eservices_host = if legacy {
            hosts::LEGACY_ESERVICES_HOST
        } else {
            hosts::ESERVICES_HOST
        }
        .to_owned();
    }
}
