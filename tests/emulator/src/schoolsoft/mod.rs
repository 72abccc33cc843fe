//! SchoolSoft: `sms.schoolsoft.se` (the tenant `procivitas`: SAML start, Shibboleth, the JSP
//! login, web REST under `rest-api/`, JSP pages in Windows-1252, the OAuth 2 + PKCE login with
//! its token endpoint, the Eva API's parent and profile for a Bearer token, the token →
//! web-cookie exchange) and AcadeMedia's GrandID BankID (`saml2.grandid.com`,
//! `login.grandid.com`).
//!
//! Strict like the real server: web REST without the session cookies answers 401, JSP pages
//! redirect to `Login.jsp`, the absence AJAX answers 403; loading `Login.jsp` with live cookies
//! ends the session; every call answers for the child in focus, which only
//! `PUT rest-api/parent/header/parent?childId&orgId` with the child's own `orgId` changes (a
//! wrong `orgId` is accepted with 200 and ignored, as upstream). The `WrongChild` fault on the
//! endpoint `parent` makes the next switch not take; faults otherwise come from the shared
//! rules.

mod browser;
pub mod family;
mod grandid;
mod oauth;
mod pages;
mod web;

pub use browser::BrowserStop;

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use serde::Serialize;

use crate::EmulatorHandle;
use crate::hosts::Ctx;
use crate::http::{Req, Resp};
use crate::ids;
use crate::state::Shared;

/// The web session's default life (30 minutes of inactivity upstream; counted from creation
/// here).
pub const SS_SESSION_LIFE: Duration = Duration::from_secs(30 * 60);

/// An absence report the emulator received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SsWrite {
    /// The pupil id of the AJAX call.
    pub student: String,
    /// The day.
    pub date: Date,
    /// Reported (`true`) or withdrawn.
    pub absent: bool,
}

pub(crate) struct WebSession {
    created: Instant,
    hash: String,
    pub(crate) focus: String,
    /// Made by the token → cookie exchange: bound to its child (the focus switch is ignored).
    bound: bool,
}

pub(crate) struct GrandIdSession {
    pnr_given: bool,
    polls: u32,
    script: Option<crate::knobs::BankIdScript>,
    cancelled: bool,
    complete: bool,
    returned: bool,
    /// The order's start token in its animated-QR payloads.
    qr_start_token: String,
    /// The SP's `RelayState`, echoed in the SAML response.
    relay_state: String,
}

/// What the SchoolSoft and GrandID hosts remember.
pub(crate) struct SsState {
    sessions: HashMap<String, WebSession>,
    grandid: HashMap<String, GrandIdSession>,
    saml_responses: HashSet<String>,
    /// Shibboleth relay-state ids (`RelayState=cookie:<id>`, cookie `_shibstate_<id>`) → what
    /// the SAML response continues: the web login (`None`) or an OAuth authorization.
    relays: HashMap<String, Option<oauth::PendingAuth>>,
    oauth: oauth::OAuthState,
    reported: HashSet<(String, Date)>,
    /// Web session life; `None` = until expired on demand.
    pub life: Option<Duration>,
    /// Every absence write received, in order.
    pub writes: Vec<SsWrite>,
    /// GrandID BankID orders started.
    pub orders_started: u64,
}

impl Default for SsState {
    fn default() -> Self {
        SsState {
            sessions: HashMap::new(),
            grandid: HashMap::new(),
            saml_responses: HashSet::new(),
            relays: HashMap::new(),
            oauth: oauth::OAuthState::default(),
            reported: HashSet::new(),
            life: Some(SS_SESSION_LIFE),
            writes: Vec::new(),
            orders_started: 0,
        }
    }
}

impl SsState {
    /// Opens a web session focused on `focus` (`bound` for one made by the token exchange);
    /// returns its `Set-Cookie` values.
    fn open_session(&mut self, focus: &str, bound: bool) -> Vec<String> {
        let id = ids::token(32);
        let hash = ids::token(40);
        let path = format!("/{}", family::TENANT);
        let cookies = vec![
            format!("JSESSIONID={id}; Path={path}; Secure; HttpOnly"),
            format!("hash={hash}; Path={path}; Secure; HttpOnly"),
            format!("usertype=2; Path={path}; Secure"),
            format!("clientType=web; Path={path}; Secure"),
        ];
        self.sessions.insert(
            id,
            WebSession {
                created: Instant::now(),
                hash,
                focus: focus.to_owned(),
                bound,
            },
        );
        cookies
    }

    /// The live web session of this request's cookies.
    pub(crate) fn session(&mut self, req: &Req) -> Option<&mut WebSession> {
        let id = req.cookie("JSESSIONID")?;
        let hash = req.cookie("hash")?;
        let life = self.life;
        let alive = self
            .sessions
            .get(id)
            .is_some_and(|s| s.hash == hash && life.is_none_or(|l| s.created.elapsed() < l));
        if !alive {
            self.sessions.remove(id);
            return None;
        }
        self.sessions.get_mut(id)
    }
}

/// Routes a request to one of the SchoolSoft or GrandID hosts.
pub(crate) fn handle(shared: &Shared, req: &Req, ctx: Ctx) -> Resp {
    match req.host.as_str() {
        "saml2.grandid.com" | "login.grandid.com" => grandid::handle(shared, req),
        _ => sms(shared, req, ctx),
    }
}

fn sms(shared: &Shared, req: &Req, ctx: Ctx) -> Resp {
    if req.path == "/internal/rest-api/login/schoollist" {
        return web::school_list();
    }
    let prefix = format!("/{}/", family::TENANT);
    let Some(rest) = req.path.strip_prefix(&prefix) else {
        return crate::hosts::not_found();
    };
    let mut state = shared.lock();
    match rest {
        "samlLogin.jsp" => return grandid::saml_start(&mut state.schoolsoft, None),
        "rest-api/login/parent/saml" => return oauth::saml_start(&mut state.schoolsoft, req),
        "rest-api/login/token" => return oauth::token(&mut state.schoolsoft, req),
        "eva-apps/auth/login/parent" => {
            return oauth::cookie_exchange(&mut state.schoolsoft, req);
        }
        "Shibboleth.sso/SAML2/POST" => return shibboleth_post(&mut state.schoolsoft, req),
        "react/" => {
            return Resp::html(
                200,
                "<html><body><div id=\"root\"></div></body></html>".to_owned(),
            );
        }
        "jsp/Login.jsp" => return login_jsp(&mut state, req),
        _ => {}
    }
    if rest.starts_with("eva/") {
        let guardian = state.guardian_personal_number.clone();
        return oauth::eva(&state.schoolsoft, req, rest, &guardian);
    }
    let today = state.today.unwrap_or_else(skolbryggan::time::today);
    let ss = &mut state.schoolsoft;
    let Some(session) = ss.session(req) else {
        return if rest.starts_with("rest-api/") {
            Resp::json_status(401, &serde_json::json!({ "status": 401 }))
        } else if rest == "jsp/student/right_student_absence_ajax.jsp" {
            Resp::new(403, "text/plain", "")
        } else {
            Resp::redirect(&format!("{}jsp/Login.jsp", tenant_url()))
        };
    };
    let focus = session.focus.clone();
    if rest == "rest-api/parent/header/parent" && req.method == axum::http::Method::PUT {
        let wanted = req.q("childId").and_then(family::child);
        // A session from the token exchange stays with its child (Guessed: answered 200).
        if let Some(child) = wanted
            && req.q("orgId") == Some(family::ORG_ID)
            && !ctx.wrong_child
            && !session.bound
        {
            session.focus = child.id.to_owned();
        }
        return Resp::new(200, crate::http::JSON, "");
    }
    let Some(child) = family::child(&focus) else {
        return crate::hosts::not_found();
    };
    if let Some(rest_api) = rest.strip_prefix("rest-api/") {
        return web::handle(rest_api, req, child, today);
    }
    if rest == "jsp/student/right_student_absence_ajax.jsp" {
        return absence_ajax(ss, req, today);
    }
    let reported: Vec<Date> = ss
        .reported
        .iter()
        .filter(|(c, _)| c == child.id)
        .map(|(_, d)| *d)
        .collect();
    match pages::page(rest, req, child, today, &reported) {
        Some(html) => jsp(html),
        None => crate::hosts::not_found(),
    }
}

/// The tenant's base URL.
pub(crate) fn tenant_url() -> String {
    format!("https://sms.schoolsoft.se/{}/", family::TENANT)
}

/// A JSP page as the real server sends it: Windows-1252 bytes, declared ISO-8859-1.
fn jsp(html: String) -> Resp {
    Resp::new(
        200,
        "text/html;charset=ISO-8859-1",
        skolbryggan::provider::schoolsoft::parse::encode_windows_1252(&html),
    )
}

fn login_jsp(state: &mut crate::state::State, req: &Req) -> Resp {
    let ss = &mut state.schoolsoft;
    if req.method == axum::http::Method::GET {
        // Loading the login page with live cookies ends that session.
        if let Some(id) = req.cookie("JSESSIONID") {
            ss.sessions.remove(id);
        }
        return jsp(pages::login_page());
    }
    let ok = req.form("action").as_deref() == Some("login")
        && req.form("usertype").as_deref() == Some("2")
        && req.form("ssusername").as_deref() == Some(family::USERNAME)
        && req.form("sspassword").as_deref() == Some(family::PASSWORD);
    if !ok {
        return Resp::redirect("Login.jsp?error=1&usertype=2");
    }
    let cookies = ss.open_session(family::CHILDREN[0].id, false);
    let mut resp = Resp::redirect("student/right_student_startpage.jsp");
    for c in cookies {
        resp = resp.cookie(&c);
    }
    resp
}

/// `POST {S}Shibboleth.sso/SAML2/POST`: a SAML response the IdP issued, and a `RelayState`
/// `cookie:<id>` whose `_shibstate_<id>` cookie the browser still has (Shibboleth's way back).
/// A web login gets its session and goes to `react/`; an OAuth authorization gets its code.
fn shibboleth_post(ss: &mut SsState, req: &Req) -> Resp {
    let response = req.form("SAMLResponse").unwrap_or_default();
    if !ss.saml_responses.remove(&response) {
        return Resp::html(400, crate::html::error_page(400, "Bad Request", "SAML"));
    }
    let relay = req.form("RelayState").unwrap_or_default();
    let id = relay.strip_prefix("cookie:").unwrap_or_default().to_owned();
    let remembered = req.cookie(&format!("_shibstate_{id}")).is_some();
    let Some(target) = ss.relays.remove(&id).filter(|_| remembered) else {
        return Resp::html(
            400,
            crate::html::error_page(400, "Bad Request", "State information lost"),
        );
    };
    let gone = format!(
        "_shibstate_{id}=; Path=/{}/; Max-Age=0; Secure; HttpOnly",
        family::TENANT
    );
    match target {
        Some(auth) => oauth::redirect_with_code(ss, auth).cookie(&gone),
        None => {
            let cookies = ss.open_session(family::CHILDREN[0].id, false);
            let mut resp = Resp::redirect(&format!("{}react/", tenant_url())).cookie(&gone);
            for c in cookies {
                resp = resp.cookie(&c);
            }
            resp
        }
    }
}

fn absence_ajax(ss: &mut SsState, req: &Req, today: Date) -> Resp {
    let week: Option<i8> = req.form("week").and_then(|w| w.parse().ok());
    let day: Option<i64> = req.form("day").and_then(|d| d.parse().ok());
    let student = req.form("student").unwrap_or_default();
    let absent = req.form("absence").as_deref() == Some("1");
    let (Some(week), Some(day), Some(_child)) = (week, day, family::child(&student)) else {
        return Resp::new(400, "text/plain", "");
    };
    if req.form("type").as_deref() != Some("ls") || !(0..5).contains(&day) {
        return Resp::new(400, "text/plain", "");
    }
    let year = today.iso_week_date().year();
    let Some(date) = skolbryggan::model::IsoWeek { year, week }
        .monday()
        .and_then(|m| m.checked_add(jiff::Span::new().days(day)).ok())
    else {
        return Resp::new(400, "text/plain", "");
    };
    let key = (student.clone(), date);
    let reporter = format!("{} {}", family::GUARDIAN.0, family::GUARDIAN.1);
    if date < today || ss.reported.contains(&key) == absent {
        return pages::plain(&format!("old|{reporter}"));
    }
    if absent {
        ss.reported.insert(key);
    } else {
        ss.reported.remove(&key);
    }
    ss.writes.push(SsWrite {
        student,
        date,
        absent,
    });
    pages::plain(&format!("ok|{reporter}"))
}

impl EmulatorHandle {
    /// Every SchoolSoft absence write received so far.
    pub fn schoolsoft_writes(&self) -> Vec<SsWrite> {
        self.shared.lock().schoolsoft.writes.clone()
    }

    /// Ends every SchoolSoft web session now (REST then answers 401, JSP pages redirect to
    /// `Login.jsp`).
    pub fn expire_schoolsoft_sessions(&self) {
        self.shared.lock().schoolsoft.sessions.clear();
    }

    /// Ends every SchoolSoft access token now; refresh tokens still work.
    pub fn expire_schoolsoft_access_tokens(&self) {
        self.shared.lock().schoolsoft.oauth.expire_access();
    }

    /// Ends every SchoolSoft access and refresh token: only a new login helps.
    pub fn revoke_schoolsoft_tokens(&self) {
        self.shared.lock().schoolsoft.oauth.revoke_all();
    }

    /// OAuth codes SchoolSoft handed to a `redirect_uri`, and refresh grants it answered.
    pub fn schoolsoft_oauth_counts(&self) -> (u64, u64) {
        let state = self.shared.lock();
        (
            state.schoolsoft.oauth.codes_issued,
            state.schoolsoft.oauth.refreshes,
        )
    }

    /// GrandID BankID orders started since the emulator started.
    pub fn schoolsoft_orders_started(&self) -> u64 {
        self.shared.lock().schoolsoft.orders_started
    }

    /// The pupil id each live SchoolSoft web session is focused on.
    pub fn schoolsoft_focus(&self) -> Vec<String> {
        self.shared
            .lock()
            .schoolsoft
            .sessions
            .values()
            .map(|s| s.focus.clone())
            .collect()
    }
}
