//! Vklass under its real host names: the guardian application `custodian.vklass.se`, the login
//! service `auth.vklass.se` (username/password, SAML), Göteborg Stad's IdP
//! `authpub.goteborg.se`, the e-ID broker `eid-connect.funktionstjanster.se` (BankID QR) and
//! `files.vklass.se`. Strict like the real servers as the protocol notes describe them: the
//! session ticket `se.vklass.authentication` (domain `.vklass.se`) on every custodian call,
//! a redirect to the login service without it, anti-forgery cookie + token on the forms, the
//! IdP's cookies compared byte for byte.

mod custodian;
mod family;
mod login;

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use jiff::civil::Date;

use crate::http::{Req, Resp};
use crate::state::{Shared, State};

pub use family::{GUARDIAN_ID, PASSWORD, USERNAME};

/// One absence report Vklass accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VkAbsenceReport {
    /// Pupil id.
    pub pupil_id: String,
    /// The reported day.
    pub day: Date,
}

/// A BankID order at the e-ID broker.
pub(crate) struct BrokerOrder {
    pub started: bool,
    pub polls: u32,
    pub script: crate::knobs::BankIdScript,
    pub complete: bool,
    /// The Göteborg IdP browser session this order belongs to.
    pub idp_session: String,
}

/// A browser's state at Göteborg's IdP (its `PUBLIC-SESSION-ID`).
#[derive(Default)]
pub(crate) struct IdpSession {
    pub authenticated: bool,
    pub wssoi_cookie: String,
}

/// What the Vklass hosts remember.
#[derive(Default)]
pub(crate) struct VkState {
    /// Live `se.vklass.authentication` tickets and when they were issued.
    pub sessions: HashMap<String, Instant>,
    /// Anti-forgery cookie value → form token.
    pub antiforgery: HashMap<String, String>,
    /// SAML requests and responses issued and not used yet.
    pub saml: HashSet<String>,
    pub idp: HashMap<String, IdpSession>,
    pub orders: HashMap<String, BrokerOrder>,
    /// Signed-in users waiting for the `/process` hop (a one-time code → nothing).
    pub process_codes: HashSet<String>,
    /// Accepted absence reports (the write log).
    pub reports: Vec<VkAbsenceReport>,
}

impl VkState {
    /// Ends every session.
    pub fn expire_all(&mut self) {
        self.sessions.clear();
    }
}

pub(crate) fn today(state: &State) -> Date {
    state.today.unwrap_or_else(skolbryggan::time::today)
}

/// True when the request carries a live ticket.
pub(crate) fn session_ok(state: &mut State, req: &Req) -> bool {
    let Some(ticket) = req.cookie("se.vklass.authentication") else {
        return false;
    };
    let Some(created) = state.vklass.sessions.get(ticket).copied() else {
        return false;
    };
    if state.lifetime.is_some_and(|l| created.elapsed() >= l) {
        state.vklass.sessions.remove(ticket);
        return false;
    }
    true
}

/// Routes a request on one of the Vklass hosts.
pub(crate) fn handle(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    match req.host.as_str() {
        "custodian.vklass.se" => custodian::handle(&mut state, req),
        "auth.vklass.se" => login::auth(&mut state, req),
        "authpub.goteborg.se" => login::goteborg(&mut state, req),
        "eid-connect.funktionstjanster.se" => login::broker(&mut state, req),
        "files.vklass.se" => Resp::new(200, "application/octet-stream", b"vklass file".to_vec()),
        _ => crate::hosts::not_found(),
    }
}

/// True for a request to one of the hosts this module serves.
pub(crate) fn owns(host: &str) -> bool {
    matches!(
        host,
        "custodian.vklass.se"
            | "auth.vklass.se"
            | "authpub.goteborg.se"
            | "eid-connect.funktionstjanster.se"
            | "files.vklass.se"
    )
}
