//! Everything the emulator remembers: data, knobs, orders, sessions, the request log.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use skolbryggan::model::FamilySnapshot;

use crate::ids;
use crate::knobs::{BankIdScript, FaultRule, FrejaScript, MenuKind};
use crate::log::RequestLog;

/// A BankID order.
pub(crate) struct Order {
    pub qr: bool,
    pub qr_start_token: String,
    pub polls: u32,
    pub script: BankIdScript,
}

/// The state a BankID order answers on its `polls`-th poll.
pub(crate) enum OrderState {
    Pending,
    UserSign,
    Outcome,
}

impl Order {
    pub fn state_after_polls(&self) -> OrderState {
        if self.polls <= self.script.pending_polls {
            OrderState::Pending
        } else if self.polls <= self.script.pending_polls + self.script.user_sign_polls {
            OrderState::UserSign
        } else {
            OrderState::Outcome
        }
    }
}

/// A Freja eID+ transaction.
pub(crate) struct FrejaTx {
    pub polls: u32,
    pub script: FrejaScript,
}

/// What the login server remembers about one browser (its login cookie).
#[derive(Default)]
pub(crate) struct LoginCtx {
    pub bankid_order: Option<String>,
    pub freja: Option<FrejaTx>,
}

/// A SiteMinder session (`SMSESSION`).
pub(crate) struct Session {
    pub created: Instant,
    pub xsrf: String,
    pub selected_child: Option<String>,
}

/// A Skola24 session.
pub(crate) struct S24Session {
    pub created: Instant,
    pub render_keys: HashSet<String>,
}

/// The mutable state.
pub(crate) struct State {
    pub family: FamilySnapshot,
    pub guardian_personal_number: String,
    pub today: Option<Date>,
    pub menu_kinds: HashMap<String, MenuKind>,
    pub bankid: BankIdScript,
    pub freja: FrejaScript,
    pub lifetime: Option<Duration>,
    pub orders: HashMap<String, Order>,
    /// BankID orders started (`initialize=`) since start.
    pub bankid_orders_started: u64,
    pub logins: HashMap<String, LoginCtx>,
    pub sessions: HashMap<String, Session>,
    pub saml_requests: HashSet<String>,
    pub saml_responses: HashSet<String>,
    pub s24_sessions: HashMap<String, S24Session>,
    pub faults: Vec<FaultRule>,
    pub log: RequestLog,
    /// The InfoMentor hosts' state.
    pub infomentor: crate::infomentor::ImState,
    /// The SchoolSoft and GrandID hosts' state.
    pub schoolsoft: crate::schoolsoft::SsState,
    /// The e-services host name the login servers send a new session to.
    pub eservices_host: String,
    /// The Vklass hosts' state.
    pub vklass: crate::vklass::VkState,
}

impl State {
    pub fn new(family: FamilySnapshot, guardian_personal_number: String) -> Self {
        State {
            family,
            guardian_personal_number,
            today: None,
            menu_kinds: HashMap::new(),
            bankid: BankIdScript::default(),
            freja: FrejaScript::default(),
            lifetime: None,
            orders: HashMap::new(),
            bankid_orders_started: 0,
            logins: HashMap::new(),
            sessions: HashMap::new(),
            saml_requests: HashSet::new(),
            saml_responses: HashSet::new(),
            s24_sessions: HashMap::new(),
            faults: Vec::new(),
            log: RequestLog::default(),
            infomentor: crate::infomentor::ImState::default(),
            schoolsoft: crate::schoolsoft::SsState::default(),
            eservices_host: crate::hosts::ESERVICES_HOST.to_owned(),
            vklass: crate::vklass::VkState::default(),
        }
    }

    fn alive(&self, created: Instant) -> bool {
        self.lifetime.is_none_or(|l| created.elapsed() < l)
    }

    /// Creates a SiteMinder session and returns its `SMSESSION` value.
    pub fn new_session(&mut self) -> String {
        let value = ids::token(120);
        self.sessions.insert(
            value.clone(),
            Session {
                created: Instant::now(),
                xsrf: ids::token(92),
                selected_child: None,
            },
        );
        value
    }

    /// The live session of this `SMSESSION` value (expired ones are dropped).
    pub fn session(&mut self, value: Option<&str>) -> Option<&mut Session> {
        let value = value?;
        let created = self.sessions.get(value)?.created;
        if !self.alive(created) {
            self.sessions.remove(value);
            return None;
        }
        self.sessions.get_mut(value)
    }

    /// Creates a Skola24 session and returns its cookie value.
    pub fn new_s24_session(&mut self) -> String {
        let value = ids::token(48);
        self.s24_sessions.insert(
            value.clone(),
            S24Session {
                created: Instant::now(),
                render_keys: HashSet::new(),
            },
        );
        value
    }

    /// The live Skola24 session of this cookie value.
    pub fn s24_session(&mut self, value: Option<&str>) -> Option<&mut S24Session> {
        let value = value?;
        let created = self.s24_sessions.get(value)?.created;
        if !self.alive(created) {
            self.s24_sessions.remove(value);
            return None;
        }
        self.s24_sessions.get_mut(value)
    }

    /// Ends every SiteMinder and Skola24 session now.
    pub fn expire_all(&mut self) {
        self.sessions.clear();
        self.s24_sessions.clear();
        self.saml_responses.clear();
        self.vklass.expire_all();
    }

    /// Takes the fault that applies to this request, counting it down.
    pub fn take_fault(&mut self, host: &str, endpoint: &str) -> Option<crate::knobs::Fault> {
        let index = self
            .faults
            .iter()
            .position(|rule| rule.matches(host, endpoint))?;
        let rule = self.faults.get_mut(index)?;
        let fault = rule.fault.clone();
        if let Some(times) = rule.times.as_mut() {
            *times = times.saturating_sub(1);
            if *times == 0 {
                self.faults.remove(index);
            }
        }
        Some(fault)
    }
}

/// The state behind a lock, shared by every connection and the handle.
pub(crate) struct Shared {
    state: Mutex<State>,
    /// The CA certificate (PEM) clients must trust.
    pub ca_pem: String,
}

impl Shared {
    pub fn new(state: State, ca_pem: String) -> Self {
        Shared {
            state: Mutex::new(state),
            ca_pem,
        }
    }

    /// Locks the state (a poisoned lock is taken over: the state stays usable).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
