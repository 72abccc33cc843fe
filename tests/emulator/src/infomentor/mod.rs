//! InfoMentor: `sso.infomentor.se` (SAML service provider), `infomentor.se` (the IM1 OAuth
//! hand-off), the Hub on `hub.infomentor.se`, and the Stockholm login pages of the InfoMentor
//! flow (the SAML identity provider for InfoMentor's requests, the BankID method chooser, the
//! BankID page answering a SAML response after `OK`).
//!
//! Serves the children of the snapshot that carry `refs.infomentor`. Behaviour modelled from
//! `infomentor.md`: F5 affinity cookie (a request with another node's cookie is sent to the login
//! page), 40-minute session life (expiry on demand too), a dead session answering JSON calls with
//! 200 and an empty body, the pupil context with switching, animated QR frames (the BankID
//! endpoints are Stockholm's), `HandleUnauthorizedRequest` for apps a pupil lacks, and recorded
//! write actions. 429 and other faults come from the shared fault rules.

pub mod family;
mod im1;
mod modules;
mod municipality;
pub mod render;

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jiff::civil::{Date, Time};
use serde::Serialize;
use serde_json::{Value, json};
use skolbryggan::model::{
    AbsenceReportAction, CareTime, CareTimeEditAction, Child, EntityId, EntityKind, FamilySnapshot,
};

use crate::http::{Req, Resp};
use crate::ids;
use crate::state::{Shared, State};
use crate::{EmulatorHandle, html};
use skolbryggan::provider::infomentor::InfoMentorPupilRef;

const HUB: &str = "https://hub.infomentor.se";
const STOCKHOLM_IDP_KEY: &str = "stockholm_par";
pub use im1::{IM1_PASSWORD, IM1_USERNAME};
pub use municipality::{OTHER_IDP_HOST, OTHER_IDP_KEY};
const MENTOR: &str = "https://infomentor.se/swedish/production/mentor/";
const IDP: &str = "https://login001.stockholm.se/affwebservices/public/saml2sso";
const AFFINITY: &str = "BIGipServer~INFOMENTOR~INFOMENTOR-SE-HTTPS-POOL";
const LOGIN_COOKIE: &str = "JSESSIONID";
/// The Hub session's default life (observed: about 40 minutes).
pub const HUB_SESSION_LIFE: Duration = Duration::from_secs(40 * 60);

/// A write action the Hub received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImWrite {
    /// The endpoint (`registerAttendance`, `SaveTimeRegistrations`, `SaveComment`).
    pub endpoint: String,
    /// The pupil selected when it arrived.
    pub pupil_id: String,
    /// The day it is about.
    pub date: Date,
    /// What it asked for (`absent`, `present`, `08:00-16:00`, the comment text).
    pub detail: String,
}

struct HubSession {
    created: Instant,
    node: String,
    selected: String,
    dead: bool,
}

/// What the InfoMentor hosts remember.
pub(crate) struct ImState {
    saml_requests: HashSet<String>,
    /// SAML requests sent to the second municipality's IdP.
    other_idp_requests: HashSet<String>,
    /// Issued SAML responses and the `idp` key they are for.
    saml_responses: HashMap<String, String>,
    /// Request tokens that are authorised (posting one to the mentor URL ends at the Hub).
    oauth_tokens: HashSet<String>,
    /// The Hub's request tokens that still wait for the IM1 username/password login.
    pending_tokens: HashSet<String>,
    /// The IM1 login pages rendered, by view-state id.
    im1_forms: HashMap<String, im1::Im1Form>,
    /// The IM1 account (username, password).
    pub im1_account: (String, String),
    /// After a correct password, offer "activate PIN" (declined with `aDontActivatePin`).
    pub pin_offer: bool,
    callbacks: HashSet<String>,
    sessions: HashMap<String, HubSession>,
    /// Hub session life; `None` = until expired on demand.
    pub life: Option<Duration>,
    /// Answer the first BankID page load after `OK` with a fresh BankID page (the observed
    /// bounce), so the client must use the `startpage` fallback.
    pub bounce_after_ok: u32,
    /// Orders started from now on answer `ERROR` on their first poll this many times.
    pub dead_orders: u32,
    /// Today's absence is locked.
    pub today_locked: bool,
    /// The next this many pupil switches are ignored (the session keeps its pupil).
    pub ignore_switches: u32,
    /// The IdP answers InfoMentor's SAMLRequest POST in place (200 with the next page) instead
    /// of the real server's 302 to a GET-able URL carrying the request.
    pub saml_post_in_place: bool,
    /// `LoginCallback` refuses a request without `Referer` (redirect to `/Home/Errors/Server`).
    pub require_referer: bool,
    /// Per pupil id: the apps the pupil has (others answer the logged-in start page).
    pub pupil_apps: HashMap<String, Vec<String>>,
    absences: HashMap<(String, Date), bool>,
    care_overrides: HashMap<(String, Date), (Time, Time)>,
    comments: HashMap<(String, Date), String>,
    /// Every write received, in order.
    pub writes: Vec<ImWrite>,
}

impl Default for ImState {
    fn default() -> Self {
        ImState {
            saml_requests: HashSet::new(),
            other_idp_requests: HashSet::new(),
            saml_responses: HashMap::new(),
            oauth_tokens: HashSet::new(),
            pending_tokens: HashSet::new(),
            im1_forms: HashMap::new(),
            im1_account: (IM1_USERNAME.to_owned(), IM1_PASSWORD.to_owned()),
            pin_offer: false,
            callbacks: HashSet::new(),
            sessions: HashMap::new(),
            life: Some(HUB_SESSION_LIFE),
            bounce_after_ok: 0,
            dead_orders: 0,
            today_locked: false,
            ignore_switches: 0,
            saml_post_in_place: false,
            require_referer: false,
            pupil_apps: HashMap::new(),
            absences: HashMap::new(),
            care_overrides: HashMap::new(),
            comments: HashMap::new(),
            writes: Vec::new(),
        }
    }
}

/// One served pupil.
pub(crate) struct Pupil<'a> {
    pub(crate) child: &'a Child,
    pub(crate) pupil_id: String,
    pub(crate) switch_id: String,
}

fn pupils(family: &FamilySnapshot) -> Vec<Pupil<'_>> {
    family
        .children
        .iter()
        .filter_map(|c| c.refs.get::<InfoMentorPupilRef>().map(|r| (c, r)))
        .enumerate()
        .map(|(i, (child, r))| Pupil {
            child,
            pupil_id: r.pupil_id.clone(),
            // A different scheme than the pupil id, as upstream.
            switch_id: format!("{}", 500_001 + i),
        })
        .collect()
}

fn today(state: &State) -> Date {
    state.today.unwrap_or_else(skolbryggan::time::today)
}

/// InfoMentor's SAML endpoint for the identity provider `idp`.
fn sso_login(idp: &str) -> String {
    format!("https://sso.infomentor.se/login.ashx?idp={idp}")
}

fn saml_b64(id: &str, kind: &str) -> String {
    let xml = format!(
        "<?xml version=\"1.0\"?><samlp:{kind} xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"{id}\" Destination=\"https://sso.infomentor.se/login.ashx\"/>"
    );
    STANDARD.encode(xml.as_bytes())
}

fn saml_id(b64: &str) -> Option<String> {
    crate::hosts::stockholm_login::saml_id(b64)
}

fn auto_form(title: &str, action: &str, fields: &[(&str, &str)]) -> String {
    let inputs: String = fields
        .iter()
        .map(|(n, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\"/>\n",
                html::escape(n),
                html::escape(v)
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><head><title>{}</title></head>\n<body onload=\"document.forms[0].submit()\">\n<form method=\"post\" action=\"{}\">\n{inputs}<noscript><input type=\"submit\" value=\"Continue\"/></noscript>\n</form></body></html>\n",
        html::escape(title),
        html::escape(action)
    )
}

/// True when this request to a Stockholm login server belongs to the InfoMentor flow.
pub(crate) fn owns_stockholm(shared: &Shared, req: &Req) -> bool {
    match (req.host.as_str(), req.path.as_str()) {
        ("login001.stockholm.se", "/affwebservices/public/saml2sso") => {
            let request = if req.method == axum::http::Method::POST {
                req.form("SAMLRequest")
            } else {
                req.q("SAMLRequest").map(str::to_owned)
            };
            request
                .as_deref()
                .and_then(saml_id)
                .is_some_and(|id| shared.lock().infomentor.saml_requests.contains(&id))
        }
        ("login001.stockholm.se", p) => {
            p.starts_with("/NECSadc/mbid/") || p == "/medborgareonly.jsp"
        }
        ("login003.stockholm.se", "/NECSadcmbid/authenticate/NECSadcmbid") => {
            req.q("TARGET").is_some_and(|t| t.contains("b64startpage"))
                && req.q("TARGET").is_some_and(|t| t.contains("IM-"))
        }
        _ => false,
    }
}

/// The chooser the IdP shows InfoMentor's request without a SiteMinder session.
fn chooser(request_b64: &str) -> Resp {
    let target = format!(
        "https://login001.stockholm.se/medborgareonly.jsp?SAMLRequest={}",
        form_urlencoded::byte_serialize(request_b64.as_bytes()).collect::<String>()
    );
    let startpage = URL_SAFE_NO_PAD.encode(target.as_bytes());
    let link = format!(
        "https://login001.stockholm.se/NECSadc/mbid/b64startpage.jsp?startpage={startpage}"
    );
    Resp::html(
        200,
        format!(
            "<!DOCTYPE html>\n<html lang=\"sv\"><head><title>Logga in - Stockholms stad</title></head><body>\n<h1>Logga in</h1>\n<ul>\n<li><a href=\"{}\">Mobilt BankID</a></li>\n<li><a href=\"/NECSadc/freja/b64startpage.jsp?startpage={startpage}\">Freja eID+</a></li>\n</ul>\n</body></html>\n",
            html::escape(&link)
        ),
    )
}

fn saml_response_form(state: &mut State) -> Resp {
    saml_response_for(state, STOCKHOLM_IDP_KEY)
}

/// The IdP's auto-submit form carrying a SAML response for InfoMentor's `idp` endpoint.
fn saml_response_for(state: &mut State, idp: &str) -> Resp {
    let id = format!("_{}", ids::hex(40));
    state
        .infomentor
        .saml_responses
        .insert(id.clone(), idp.to_owned());
    let value = saml_b64(&id, "Response");
    Resp::html(
        200,
        auto_form(
            "Skickar vidare…",
            &sso_login(idp),
            &[("SAMLResponse", &value), ("RelayState", "IM")],
        ),
    )
}

/// The Stockholm pages of the InfoMentor flow.
pub(crate) fn stockholm(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    match (req.host.as_str(), req.path.as_str()) {
        ("login001.stockholm.se", "/affwebservices/public/saml2sso")
        | ("login001.stockholm.se", "/medborgareonly.jsp") => {
            let post = req.method == axum::http::Method::POST;
            let request = if post {
                req.form("SAMLRequest")
            } else {
                req.q("SAMLRequest").map(str::to_owned)
            }
            .unwrap_or_default();
            let known =
                saml_id(&request).is_some_and(|id| state.infomentor.saml_requests.contains(&id));
            if !known {
                return Resp::html(
                    400,
                    html::error_page(400, "Bad Request", "Unknown SAML request."),
                );
            }
            if post && !state.infomentor.saml_post_in_place {
                // The real IdP answers the POST binding with a redirect to the same request
                // as a GET, so the page a browser lands on can be loaded again.
                let relay = req.form("RelayState").unwrap_or_default();
                let query: String = form_urlencoded::Serializer::new(String::new())
                    .append_pair("SAMLRequest", &request)
                    .append_pair("RelayState", &relay)
                    .finish();
                return Resp::redirect(&format!("https://{}{}?{query}", req.host, req.path));
            }
            if state.session(req.cookie("SMSESSION")).is_some() {
                return saml_response_form(&mut state);
            }
            chooser(&request)
        }
        ("login001.stockholm.se", p) if p.starts_with("/NECSadc/mbid/") => {
            let startpage = req.q("startpage").unwrap_or_default();
            // The BankID page: Stockholm's BankID realm, with a TARGET naming this start page.
            let target = format!(
                "-SM-HTTPS://login001.stockholm.se/NECSadc/mbid/b64startpage.jsp?startpage={startpage}&IM-1"
            );
            let p = format!(
                "https://login003.stockholm.se/NECSadcmbid/authenticate/NECSadcmbid?TYPE=33554433&REALMOID=06-42f40edd-0c5b-4dbc-b714-1be1e907f2de&GUID=1&SMAUTHREASON=0&METHOD=GET&SMAGENTNAME=IfNE0iMOtzq2TcxFADHylR6rkmFtwzoxRKh5nRMO9NBqIxHrc38jFyt56FASdxk1&TARGET={}",
                form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>()
            );
            Resp::redirect(&p)
        }
        ("login003.stockholm.se", _) => {
            if req.q("initialize").is_some() || req.q("verifyorder").is_some() {
                drop(state);
                let resp = crate::hosts::stockholm_login::login003(shared, req);
                return dead_order_filter(shared, req, resp);
            }
            // The BankID page itself: after `OK`, the SAML response for InfoMentor.
            let order_id = req
                .cookie(LOGIN_COOKIE)
                .and_then(|key| state.logins.get(key))
                .and_then(|ctx| ctx.bankid_order.clone());
            let signed = order_id.as_ref().is_some_and(|id| {
                state.orders.get(id).is_some_and(|o| {
                    matches!(o.state_after_polls(), crate::state::OrderState::Outcome)
                        && o.script.outcome == crate::knobs::BankIdOutcome::Ok
                })
            });
            if signed {
                if state.infomentor.bounce_after_ok > 0 {
                    state.infomentor.bounce_after_ok -= 1;
                    // The session exists, but this page shows a fresh BankID page.
                    if let Some(id) = &order_id {
                        state.orders.remove(id);
                    }
                    let value = state.new_session();
                    return Resp::html(200, html::identification_page("Mobilt BankID"))
                        .cookie(&crate::hosts::smsession_cookie(&value));
                }
                if let Some(id) = &order_id {
                    state.orders.remove(id);
                }
                let value = state.new_session();
                return saml_response_form(&mut state)
                    .cookie(&crate::hosts::smsession_cookie(&value));
            }
            Resp::html(200, html::identification_page("Mobilt BankID"))
        }
        _ => crate::hosts::not_found(),
    }
}

/// Makes the first poll of a new order answer `ERROR` while `dead_orders` is set.
fn dead_order_filter(shared: &Shared, req: &Req, resp: Resp) -> Resp {
    let mut state = shared.lock();
    if req.q("initialize").is_some() && state.infomentor.dead_orders > 0 {
        if let Ok(v) = serde_json::from_slice::<Value>(&resp.body)
            && let Some(order) = v.get("order").and_then(Value::as_str)
        {
            state.infomentor.dead_orders -= 1;
            state.infomentor.callbacks.insert(format!("dead:{order}"));
        }
        return resp;
    }
    if let Some(order) = req.q("verifyorder")
        && state.infomentor.callbacks.remove(&format!("dead:{order}"))
    {
        return Resp::json(&json!({ "state": "ERROR" }));
    }
    resp
}

/// `sso.infomentor.se`, `infomentor.se` and `hub.infomentor.se`.
pub(crate) fn handle(shared: &Shared, req: &Req) -> Resp {
    match req.host.as_str() {
        "sso.infomentor.se" => sso(shared, req),
        "infomentor.se" => mentor(shared, req),
        OTHER_IDP_HOST => municipality::handle(shared, req),
        _ => hub(shared, req),
    }
}

fn sso(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    if !req.path.eq_ignore_ascii_case("/login.ashx") {
        return crate::hosts::not_found();
    }
    let idp = req.q("idp").unwrap_or_default().to_owned();
    if req.method == axum::http::Method::POST {
        let response = req.form("SAMLResponse").unwrap_or_default();
        // A response is accepted once, on the endpoint of the IdP it was issued for.
        let known = saml_id(&response)
            .and_then(|id| state.infomentor.saml_responses.remove(&id))
            .is_some_and(|issued_for| issued_for == idp);
        if !known {
            return Resp::redirect("https://infomentor.se/Error/UserNotAuthenticated");
        }
        let token = ids::token(40);
        state.infomentor.oauth_tokens.insert(token.clone());
        let mut page = auto_form("Login in progress", MENTOR, &[("oauth_token", &token)]);
        page = page.replace(
            "<form method",
            "<p>Login in progress</p>\n<form id=\"openid_message\" method",
        );
        return Resp::html(200, page);
    }
    let id = format!("_{}", ids::hex(40));
    let value = saml_b64(&id, "AuthnRequest");
    let destination = match idp.as_str() {
        STOCKHOLM_IDP_KEY => {
            state.infomentor.saml_requests.insert(id);
            IDP.to_owned()
        }
        OTHER_IDP_KEY => {
            state.infomentor.other_idp_requests.insert(id);
            municipality::SSO_URL.to_owned()
        }
        // An identity-provider key InfoMentor does not know (a guess: the real answer is
        // not documented).
        _ => return Resp::redirect("https://infomentor.se/Error/UnknownIdentityProvider"),
    };
    Resp::html(
        200,
        auto_form(
            "Skickar vidare…",
            &destination,
            &[("SAMLRequest", &value), ("RelayState", "IM")],
        ),
    )
}

fn mentor(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    if req.path.to_ascii_lowercase().starts_with("/error/") {
        return Resp::html(
            403,
            html::error_page(403, "Forbidden", "UserNotAuthenticated"),
        );
    }
    let path = req.path.to_ascii_lowercase();
    if path.trim_end_matches('/') != "/swedish/production/mentor" {
        return crate::hosts::not_found();
    }
    if req.method != axum::http::Method::POST {
        // The IM1 start page is the login form.
        return im1::login_form(&mut state, None);
    }
    if req.form("__VIEWSTATE").is_some() {
        return im1::postback(&mut state, req);
    }
    let token = req.form("oauth_token").unwrap_or_default();
    if state.infomentor.pending_tokens.remove(&token) {
        // The Hub's request token: the user logs in on IM1 first.
        return im1::login_form(&mut state, Some(token));
    }
    if !state.infomentor.oauth_tokens.remove(&token) {
        return Resp::redirect("https://infomentor.se/Error/UserNotAuthenticated");
    }
    let verifier = ids::token(24);
    state
        .infomentor
        .callbacks
        .insert(format!("{token}:{verifier}"));
    Resp::redirect(&format!(
        "{HUB}/Authentication/Authentication/LoginCallback?apitype=im1&oauth_token={token}&oauth_verifier={verifier}"
    ))
}

fn login_page() -> Resp {
    Resp::redirect(&format!(
        "{HUB}/Authentication/Authentication/Login?apitype=im1&forceOAuth=true"
    ))
}

/// The live session of the request: `Ok(Some)` alive, `Ok(None)` expired (known but dead), `Err`
/// unknown / wrong node.
fn session_of<'a>(state: &'a mut State, req: &Req) -> Result<Option<&'a mut HubSession>, ()> {
    let key = req.cookie("IMHome").ok_or(())?.to_owned();
    let life = state.infomentor.life;
    let session = state.infomentor.sessions.get(&key).ok_or(())?;
    if req.cookie(AFFINITY) != Some(session.node.as_str()) {
        return Err(());
    }
    if session.dead || life.is_some_and(|l| session.created.elapsed() >= l) {
        return Ok(None);
    }
    Ok(state.infomentor.sessions.get_mut(&key))
}

fn hub(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    let path = req.path.to_ascii_lowercase();
    if path == "/authentication/authentication/logincallback" {
        let token = req.q("oauth_token").unwrap_or_default();
        let verifier = req.q("oauth_verifier").unwrap_or_default();
        if state.infomentor.require_referer && req.header("referer").is_none() {
            return Resp::redirect(&format!("{HUB}/Home/Errors/Server"));
        }
        if !state
            .infomentor
            .callbacks
            .remove(&format!("{token}:{verifier}"))
        {
            return Resp::redirect("https://infomentor.se/Error/UserNotAuthenticated");
        }
        let first = pupils(&state.family)
            .first()
            .map(|p| p.pupil_id.clone())
            .unwrap_or_default();
        let key = ids::token(64);
        let node = format!("{}.20480.0000", 100 + fastrand::u32(0..50));
        state.infomentor.sessions.insert(
            key.clone(),
            HubSession {
                created: Instant::now(),
                node: node.clone(),
                selected: first,
                dead: false,
            },
        );
        return Resp::redirect(&format!("{HUB}/"))
            .cookie(&format!("IMHome={key}; path=/; secure; HttpOnly"))
            .cookie(&format!(
                "ASP.NET_SessionId={}; path=/; secure; HttpOnly; SameSite=Lax",
                ids::token(24)
            ))
            .cookie(&format!("{AFFINITY}={node}; path=/; Httponly; Secure"))
            .cookie(&format!(
                "TS0116cbba={}; Path=/; Secure; HTTPOnly",
                ids::hex(60)
            ));
    }
    if path == "/authentication/authentication/login" {
        // A request token: IM1 asks for the username and password before it is authorised.
        let token = ids::token(40);
        state.infomentor.pending_tokens.insert(token.clone());
        return Resp::html(
            200,
            auto_form("InfoMentor", MENTOR, &[("oauth_token", &token)])
                .replace("<form method", "<form id=\"openid_message\" method"),
        );
    }
    if path == "/authentication/authentication/logout" {
        if let Some(key) = req.cookie("IMHome") {
            state.infomentor.sessions.remove(key);
        }
        return Resp::redirect(&format!(
            "{HUB}/Authentication/Authentication/Login?apitype=im1"
        ));
    }
    if path == "/home/errors/server" {
        return Resp::html(
            500,
            html::error_page(500, "Server Error", "An error occurred."),
        );
    }
    if path.starts_with("/authentication/authentication/isauthenticated") {
        let alive = matches!(session_of(&mut state, req), Ok(Some(_)));
        return Resp::json(&json!(alive));
    }
    if let Some(token) = path.strip_prefix(modules::ICAL_PREFIX) {
        // The calendar subscription: a secret URL, no session needed.
        let family = &state.family;
        let kids = pupils(family);
        return match kids
            .iter()
            .find(|p| modules::ical_token(&p.pupil_id) == token)
        {
            Some(p) => modules::ical_feed(family, p.child),
            None => crate::hosts::not_found(),
        };
    }
    let is_get = req.method == axum::http::Method::GET;
    let selected = match session_of(&mut state, req) {
        Ok(Some(s)) => s.selected.clone(),
        Ok(None) if !is_get => return Resp::new(200, crate::http::JSON, Vec::new()),
        _ => return login_page(),
    };
    let family = std::mem::take(&mut state.family);
    let resp = hub_data(&mut state, req, &path, &selected, &family, is_get);
    state.family = family;
    resp
}

fn hub_data(
    state: &mut State,
    req: &Req,
    path: &str,
    selected: &str,
    family: &FamilySnapshot,
    is_get: bool,
) -> Resp {
    let kids = pupils(family);
    if is_get && (path == "/" || path.is_empty()) {
        return Resp::html(200, root_page(state, family, &kids, selected));
    }
    if let Some(switch) = path.strip_prefix("/account/pupilswitcher/switchpupil/") {
        if state.infomentor.ignore_switches > 0 {
            state.infomentor.ignore_switches -= 1;
        } else if let Some(p) = kids
            .iter()
            .find(|p| p.switch_id == switch.trim_end_matches('/'))
            && let Ok(Some(s)) = session_of(state, req)
        {
            s.selected = p.pupil_id.clone();
        }
        return Resp::redirect(&format!("{HUB}/"));
    }
    let Some(pupil) = kids.iter().find(|p| p.pupil_id == selected) else {
        return Resp::html(200, root_page(state, family, &kids, selected));
    };
    app(state, req, path, pupil, family)
}

/// Every app the emulated Hub has.
const ALL_APPS: &[&str] = &[
    "timetable",
    "calendarv2",
    "communication",
    "notificationapp",
    "classlist",
    "attendance",
    "timeregistration",
    "task",
];

/// The apps of a pupil: those set with `set_infomentor_pupil_apps`, else every app (`task`
/// only for a pupil with assignments).
fn apps_of(
    state: &State,
    family: &FamilySnapshot,
    pupil_id: &str,
    child: &Child,
) -> Vec<&'static str> {
    if let Some(set) = state.infomentor.pupil_apps.get(pupil_id) {
        return ALL_APPS
            .iter()
            .copied()
            .filter(|a| set.iter().any(|s| s.eq_ignore_ascii_case(a)))
            .collect();
    }
    ALL_APPS
        .iter()
        .copied()
        .filter(|a| *a != "task" || family.assignments.iter().any(|x| x.child_id == child.id))
        .collect()
}

fn root_page(state: &State, family: &FamilySnapshot, kids: &[Pupil<'_>], selected: &str) -> String {
    let user = family
        .users
        .iter()
        .find(|u| u.id.platform() == Some(skolbryggan::model::Platform::InfoMentor))
        .or_else(|| family.users.first());
    let (first, last) = user
        .map(|u| (u.first_name.clone(), u.last_name.clone()))
        .unwrap_or_else(|| ("Vårdnadshavare".to_owned(), String::new()));
    let entries: Vec<render::PupilEntry> = kids
        .iter()
        .map(|p| render::PupilEntry {
            pupil_id: p.pupil_id.clone(),
            first_name: p.child.first_name.clone(),
            last_name: p.child.last_name.clone(),
            switch_id: p.switch_id.clone(),
            selected: p.pupil_id == selected,
        })
        .collect();
    let apps = kids
        .iter()
        .find(|p| p.pupil_id == selected)
        .map(|p| apps_of(state, family, &p.pupil_id, p.child))
        .unwrap_or_default();
    render::hub_root("g-emulator", &first, &last, &entries, &apps)
}

fn body_json(req: &Req) -> Value {
    serde_json::from_slice(&req.body).unwrap_or(Value::Null)
}

fn body_date(req: &Req, name: &str) -> Option<Date> {
    let from_json = body_json(req)
        .get(name)
        .and_then(Value::as_str)
        .map(str::to_owned);
    from_json
        .or_else(|| req.form(name))
        .and_then(|s| hub_date(&s))
}

/// A date as the Hub reads it: `YYYY-MM-DD` or `YYYY/MM/DD` (which the protocol notes say
/// works too), optionally followed by a time (`T00:00:00.000Z`).
fn hub_date(text: &str) -> Option<Date> {
    text.get(..10)?.replace('/', "-").parse().ok()
}

fn week_of(date: Date) -> (Date, Date) {
    let monday = date
        .checked_sub(jiff::Span::new().days(i64::from(date.weekday().to_monday_zero_offset())))
        .unwrap_or(date);
    let sunday = monday
        .checked_add(jiff::Span::new().days(6))
        .unwrap_or(monday);
    (monday, sunday)
}

/// The care days of a week: the snapshot's, or Monday–Friday without times (editable from
/// today on), with the guardian's saved times and comments applied.
fn care_days(
    state: &State,
    family: &FamilySnapshot,
    pupil: &Pupil<'_>,
    monday: Date,
) -> (Vec<CareTime>, Vec<CareTimeEditAction>) {
    let today = today(state);
    let child = &pupil.child.id;
    let mut days = Vec::new();
    let mut actions = Vec::new();
    for offset in 0..5 {
        let Ok(date) = monday.checked_add(jiff::Span::new().days(offset)) else {
            continue;
        };
        let key = date.to_string();
        let mut day = family
            .care_times
            .iter()
            .find(|c| &c.child_id == child && c.date == date)
            .cloned()
            .unwrap_or_else(|| CareTime {
                id: EntityId::for_child(child, EntityKind::CareTime, &key),
                child_id: child.clone(),
                date,
                start: None,
                end: None,
                checked_in: None,
                checked_out: None,
                on_leave: false,
                locked: date < today,
                closed: false,
                closed_reason: None,
                opening_time: Some(Time::constant(6, 30, 0, 0)),
                closing_time: Some(Time::constant(18, 0, 0, 0)),
                comment: None,
                staff_comment: None,
                has_comments: false,
                has_unread_comments: false,
                times_missing: false,
            });
        if let Some((s, e)) = state
            .infomentor
            .care_overrides
            .get(&(pupil.pupil_id.clone(), date))
        {
            day.start = Some(skolbryggan::time::local(date.to_datetime(*s)));
            day.end = Some(skolbryggan::time::local(date.to_datetime(*e)));
        }
        if let Some(c) = state
            .infomentor
            .comments
            .get(&(pupil.pupil_id.clone(), date))
        {
            day.comment = Some(c.clone());
            day.has_comments = true;
        }
        let action = family
            .care_time_edit_actions
            .iter()
            .find(|a| &a.child_id == child && a.date == date)
            .cloned()
            .unwrap_or_else(|| CareTimeEditAction {
                id: EntityId::for_child(child, EntityKind::CareTimeEditAction, &key),
                child_id: child.clone(),
                date,
                registration_id: format!("7{}", date.strftime("%Y%m%d")),
                can_edit: !day.locked && !day.closed,
                can_edit_comment: !day.closed,
                locked: day.locked,
                closed: day.closed,
            });
        days.push(day);
        actions.push(action);
    }
    (days, actions)
}

fn absence_actions(
    state: &State,
    pupil: &Pupil<'_>,
    today: Date,
    tomorrow: Date,
) -> Vec<AbsenceReportAction> {
    let child = &pupil.child.id;
    [(today, state.infomentor.today_locked), (tomorrow, false)]
        .into_iter()
        .map(|(day, locked)| {
            let reported = state
                .infomentor
                .absences
                .get(&(pupil.pupil_id.clone(), day))
                .copied()
                .unwrap_or(false);
            AbsenceReportAction {
                id: EntityId::for_child(child, EntityKind::AbsenceReportAction, &day.to_string()),
                child_id: child.clone(),
                day,
                allowed: true,
                locked,
                already_reported: reported,
                comment: None,
                can_mark_care_time: true,
            }
        })
        .collect()
}

fn app(
    state: &mut State,
    req: &Req,
    path: &str,
    pupil: &Pupil<'_>,
    family: &FamilySnapshot,
) -> Resp {
    let child = &pupil.child.id;
    let today = today(state);
    let tomorrow = today.tomorrow().unwrap_or(today);
    let apps = apps_of(state, family, &pupil.pupil_id, pupil.child);
    let route = path.trim_end_matches('/');
    if let Some(app) = app_of_path(route)
        && app != "task"
        && !apps.contains(&app)
    {
        // A module the pupil lacks: the Hub answers its logged-in start page.
        let kids = pupils(family);
        return Resp::html(200, root_page(state, family, &kids, &pupil.pupil_id));
    }
    if let Some(resp) = modules::answer(route, req, pupil, family, today) {
        return resp;
    }
    match route {
        "/timetable/timetable/gettimetablelist" | "/timetable/timetable/appdata" => {
            // appData ignores any range: a rolling window from today.
            let rolling = path.ends_with("appdata");
            let start = if rolling {
                today
            } else {
                body_date(req, "start").unwrap_or(today)
            };
            let end = (!rolling)
                .then(|| body_date(req, "end"))
                .flatten()
                .unwrap_or_else(|| {
                    start
                        .checked_add(jiff::Span::new().days(6))
                        .unwrap_or(start)
                });
            let lessons: Vec<_> = family
                .lessons
                .iter()
                .filter(|l| &l.child_id == child)
                .filter(|l| {
                    let d = skolbryggan::time::local_date(&l.start);
                    d >= start && d <= end
                })
                .collect();
            if path.ends_with("appdata") {
                Resp::json(&render::timetable_app_data(&lessons))
            } else {
                Resp::json(&render::timetable_items(&lessons))
            }
        }
        "/calendarv2/calendarv2/getentries" => {
            let (Some(start), Some(end)) = (body_date(req, "startDate"), body_date(req, "endDate"))
            else {
                return Resp::html(500, html::error_page(500, "Server Error", "Missing dates."));
            };
            let events: Vec<_> = family
                .calendar
                .iter()
                .filter(|e| &e.child_id == child)
                .filter(|e| e.timing.first_date() <= end && e.timing.last_date() >= start)
                .collect();
            let tasks: Vec<_> = family
                .assignments
                .iter()
                .filter(|a| &a.child_id == child && a.due.is_some_and(|d| d >= start && d <= end))
                .collect();
            Resp::json(&render::calendar_entries(&events, &tasks))
        }
        "/communication/news/getnewslist" => {
            let news = published_news(family, child, today);
            Resp::json(&render::news_list(&news))
        }
        "/notificationapp/notificationapp/getnotifications"
        | "/notificationapp/notificationapp/appdata" => {
            // `GetNotifications` takes an optional `timestamp`: only newer items.
            let since: Option<jiff::civil::DateTime> = path
                .ends_with("getnotifications")
                .then(|| body_json(req))
                .and_then(|b| {
                    b.get("timestamp")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .and_then(|t| t.get(..19).and_then(|t| t.parse().ok()));
            let kids = pupils(family);
            let entries: Vec<render::NotificationEntry<'_>> = family
                .notifications
                .iter()
                .filter(|n| skolbryggan::time::local_date(&n.created) <= today)
                .filter(|n| {
                    since.as_ref().is_none_or(|t| {
                        n.created
                            .with_time_zone(skolbryggan::time::stockholm())
                            .datetime()
                            > *t
                    })
                })
                .filter_map(|n| {
                    let p = kids.iter().find(|p| p.child.id == n.child_id)?;
                    Some(render::NotificationEntry {
                        notification: n,
                        pupil_id: &p.pupil_id,
                        selected: p.pupil_id == pupil.pupil_id,
                    })
                })
                .collect();
            let now = skolbryggan::time::start_of_day(today);
            Resp::json(&render::notifications(&entries, &now))
        }
        "/classlist/classlist/appdata" => {
            let mates: Vec<_> = family
                .classmates
                .iter()
                .filter(|c| &c.child_id == child)
                .collect();
            let teachers: Vec<_> = family
                .teachers
                .iter()
                .filter(|t| &t.child_id == child)
                .collect();
            let class = pupil
                .child
                .class_name
                .clone()
                .unwrap_or_else(|| "Klassen".to_owned());
            Resp::json(&render::class_list(&class, &mates, &teachers))
        }
        "/task/task/gettasks" | "/task/task/appdata" => {
            if !apps.contains(&"task") {
                return Resp::redirect(&format!("{HUB}/Home/Home/HandleUnauthorizedRequest"));
            }
            let tasks: Vec<_> = family
                .assignments
                .iter()
                .filter(|a| &a.child_id == child)
                .collect();
            Resp::json(&render::tasks(&tasks))
        }
        "/attendance/attendance/appdata" => {
            let records: Vec<_> = family
                .attendance
                .iter()
                .filter(|r| &r.child_id == child)
                .collect();
            let actions = absence_actions(state, pupil, today, tomorrow);
            let action_refs: Vec<_> = actions.iter().collect();
            let absent: Vec<Date> = actions
                .iter()
                .filter(|a| a.already_reported)
                .map(|a| a.day)
                .collect();
            let day_records: Vec<_> = records
                .iter()
                .copied()
                .filter(|r| r.date == today || r.date == tomorrow)
                .collect();
            Resp::json(&render::attendance_app_data(
                today,
                tomorrow,
                &day_records,
                &action_refs,
                &absent,
            ))
        }
        "/attendance/attendance/getattendancelist" => {
            let items: Vec<Value> = family
                .attendance
                .iter()
                .filter(|r| &r.child_id == child)
                .map(|r| {
                    json!({
                        "id": render::upstream_id(&r.id),
                        "shortDate": r.date.to_string(),
                        "subject": r.lesson,
                        "reason": r.reason,
                        "comment": r.comment,
                        "registeredByName": r.reported_by,
                        "registrationTypeName": r.registration_type,
                        "minutes": r.minutes,
                    })
                })
                .collect();
            Resp::json(
                &json!({ "items": items, "page": 1, "pageSize": items.len(), "totalItems": items.len() }),
            )
        }
        "/attendance/attendance/registerattendance" => {
            let body = body_json(req);
            let present = body.get("present").and_then(Value::as_bool).unwrap_or(true);
            let day = match body.get("day").and_then(Value::as_str) {
                Some("today") => today,
                Some("tomorrow") => tomorrow,
                _ => return Resp::json(&json!({ "success": false })),
            };
            if day == today && state.infomentor.today_locked {
                return Resp::json(&json!({ "success": false }));
            }
            state
                .infomentor
                .absences
                .insert((pupil.pupil_id.clone(), day), !present);
            state.infomentor.writes.push(ImWrite {
                endpoint: "registerAttendance".to_owned(),
                pupil_id: pupil.pupil_id.clone(),
                date: day,
                detail: if present { "present" } else { "absent" }.to_owned(),
            });
            Resp::json(&json!({ "success": true, "notifications": [] }))
        }
        "/timeregistration/timeregistration/gettimeregistrations" => {
            let date = body_date(req, "date").unwrap_or(today);
            let (monday, sunday) = week_of(date);
            let (days, actions) = care_days(state, family, pupil, monday);
            let d: Vec<_> = days.iter().collect();
            let a: Vec<_> = actions.iter().collect();
            Resp::json(&render::time_registrations(monday, sunday, &d, &a))
        }
        "/timeregistration/timeregistration/getcomments" => {
            let date = body_date(req, "date").unwrap_or(today);
            let (days, actions) = care_days(state, family, pupil, week_of(date).0);
            match days.iter().find(|d| d.date == date) {
                Some(day) => Resp::json(&render::care_comments(
                    day,
                    actions.iter().find(|a| a.date == date),
                    8_000_000,
                )),
                None => {
                    Resp::json(&json!({ "date": format!("{date}T00:00:00"), "canEdit": false }))
                }
            }
        }
        "/timeregistration/timeregistration/savetimeregistrations" => {
            let body = body_json(req);
            let Some(day) = body.get("days").and_then(|d| d.get(0)) else {
                return Resp::json(&json!({ "success": false, "notifications": [] }));
            };
            let date: Option<Date> = day
                .get("date")
                .and_then(Value::as_str)
                .and_then(|s| s.get(..10)?.parse().ok());
            let time_of = |name: &str| -> Option<Time> {
                day.get(name)
                    .and_then(Value::as_str)
                    .and_then(|s| s.get(11..16)?.parse::<Time>().ok())
            };
            let (Some(date), Some(start), Some(end)) =
                (date, time_of("startDateTime"), time_of("endDateTime"))
            else {
                return Resp::json(&json!({ "success": false, "notifications": [] }));
            };
            let (_, actions) = care_days(state, family, pupil, week_of(date).0);
            if !actions.iter().any(|a| a.date == date && a.can_edit_times()) {
                return Resp::json(&json!({ "success": false, "notifications": [] }));
            }
            state
                .infomentor
                .care_overrides
                .insert((pupil.pupil_id.clone(), date), (start, end));
            state.infomentor.writes.push(ImWrite {
                endpoint: "SaveTimeRegistrations".to_owned(),
                pupil_id: pupil.pupil_id.clone(),
                date,
                detail: format!("{}-{}", start.strftime("%H:%M"), end.strftime("%H:%M")),
            });
            Resp::json(&json!({ "success": true, "notifications": [] }))
        }
        "/timeregistration/timeregistration/savecomment" => {
            let text = req.form("commentText").unwrap_or_default();
            let id = req.form("timeRegistrationId").unwrap_or_default();
            let date = id
                .strip_prefix('7')
                .and_then(|d| jiff::civil::Date::strptime("%Y%m%d", d).ok());
            let Some(date) = date else {
                return Resp::json(&json!({ "success": false, "notifications": [] }));
            };
            state
                .infomentor
                .comments
                .insert((pupil.pupil_id.clone(), date), text.clone());
            state.infomentor.writes.push(ImWrite {
                endpoint: "SaveComment".to_owned(),
                pupil_id: pupil.pupil_id.clone(),
                date,
                detail: text,
            });
            Resp::json(&json!({ "success": true, "notifications": [] }))
        }
        _ => {
            // An unknown path: the Hub's logged-in start page (its single-page shell).
            let kids = pupils(family);
            Resp::html(200, root_page(state, family, &kids, &pupil.pupil_id))
        }
    }
}

/// The app a Hub path belongs to (`/timeregistration/timeregistration/…` → `timeregistration`).
fn app_of_path(path: &str) -> Option<&'static str> {
    let first = path.trim_start_matches('/').split('/').next()?;
    ALL_APPS
        .iter()
        .find(|a| a.eq_ignore_ascii_case(first))
        .copied()
}

/// The news of `child` published by the end of `today` (a Hub shows nothing unpublished),
/// newest first.
fn published_news<'a>(
    family: &'a FamilySnapshot,
    child: &EntityId,
    today: Date,
) -> Vec<&'a skolbryggan::model::NewsItem> {
    let mut news: Vec<_> = family
        .news
        .iter()
        .filter(|n| &n.child_id == child)
        .filter(|n| skolbryggan::time::local_date(&n.published) <= today)
        .collect();
    // Newest first (`lastPublishDate___SORT_DESC`, what the web app asks for).
    news.sort_by(|a, b| b.published.cmp(&a.published));
    news
}

/// The InfoMentor knobs a control request may set (absent fields stay as they are).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Knobs {
    session_life_secs: Option<u64>,
    bounce_after_ok: Option<u32>,
    dead_orders: Option<u32>,
    today_locked: Option<bool>,
    ignore_switches: Option<u32>,
    saml_post_in_place: Option<bool>,
    require_referer: Option<bool>,
    pin_offer: Option<bool>,
}

/// `/__control/infomentor/…`: `GET /writes`, `POST /expire`, `POST /other-node`,
/// `POST /knobs` (`{sessionLifeSecs, bounceAfterOk, deadOrders, todayLocked, ignoreSwitches,
/// samlPostInPlace, requireReferer, pinOffer}`).
pub(crate) fn control(shared: &Shared, req: &Req, path: &str) -> Resp {
    let mut state = shared.lock();
    let im = &mut state.infomentor;
    let get = req.method == axum::http::Method::GET;
    match (get, path) {
        (true, "/writes") => Resp::json(&serde_json::to_value(&im.writes).unwrap_or(Value::Null)),
        (false, "/expire") => {
            for s in im.sessions.values_mut() {
                s.dead = true;
            }
            Resp::json(&json!({ "ok": true }))
        }
        (false, "/other-node") => {
            for s in im.sessions.values_mut() {
                s.node = format!("{}.20480.0000", 200 + fastrand::u32(0..50));
            }
            Resp::json(&json!({ "ok": true }))
        }
        (false, "/knobs") => match serde_json::from_slice::<Knobs>(&req.body) {
            Ok(k) => {
                if let Some(secs) = k.session_life_secs {
                    im.life = Some(Duration::from_secs(secs));
                }
                if let Some(n) = k.bounce_after_ok {
                    im.bounce_after_ok = n;
                }
                if let Some(n) = k.dead_orders {
                    im.dead_orders = n;
                }
                if let Some(b) = k.today_locked {
                    im.today_locked = b;
                }
                if let Some(n) = k.ignore_switches {
                    im.ignore_switches = n;
                }
                if let Some(b) = k.saml_post_in_place {
                    im.saml_post_in_place = b;
                }
                if let Some(b) = k.require_referer {
                    im.require_referer = b;
                }
                if let Some(b) = k.pin_offer {
                    im.pin_offer = b;
                }
                Resp::json(&json!({ "ok": true }))
            }
            Err(e) => Resp::json_status(400, &json!({ "ok": false, "error": e.to_string() })),
        },
        _ => Resp::json_status(
            404,
            &json!({ "ok": false, "error": "unknown InfoMentor control" }),
        ),
    }
}

impl EmulatorHandle {
    /// `true`: after a correct IM1 password the portal offers "activate PIN" first (the
    /// client declines it with `__EVENTTARGET=aDontActivatePin`).
    pub fn set_infomentor_pin_offer(&self, offer: bool) {
        self.shared.lock().infomentor.pin_offer = offer;
    }

    /// The IM1 account's username and password (default [`IM1_USERNAME`] / [`IM1_PASSWORD`]).
    pub fn set_infomentor_im1_account(&self, username: &str, password: &str) {
        self.shared.lock().infomentor.im1_account = (username.to_owned(), password.to_owned());
    }

    /// Every InfoMentor write action received so far.
    pub fn infomentor_writes(&self) -> Vec<ImWrite> {
        self.shared.lock().infomentor.writes.clone()
    }

    /// Ends every Hub session now: JSON calls then answer 200 with an empty body, the start
    /// page redirects to the login page.
    pub fn expire_infomentor_sessions(&self) {
        let mut state = self.shared.lock();
        for s in state.infomentor.sessions.values_mut() {
            s.dead = true;
        }
    }

    /// The Hub session life (default 40 minutes; `None` = until expired on demand).
    pub fn set_infomentor_session_life(&self, life: Option<Duration>) {
        self.shared.lock().infomentor.life = life;
    }

    /// Number of live Hub sessions.
    pub fn infomentor_session_count(&self) -> usize {
        let state = self.shared.lock();
        let life = state.infomentor.life;
        state
            .infomentor
            .sessions
            .values()
            .filter(|s| !s.dead && life.is_none_or(|l| s.created.elapsed() < l))
            .count()
    }

    /// The next `n` BankID page loads after `OK` show a fresh BankID page instead of the SAML
    /// response (the client must use its `startpage` fallback).
    pub fn set_infomentor_bounce_after_ok(&self, n: u32) {
        self.shared.lock().infomentor.bounce_after_ok = n;
    }

    /// The next `n` BankID orders answer `ERROR` on their first poll (dead orders).
    pub fn set_infomentor_dead_orders(&self, n: u32) {
        self.shared.lock().infomentor.dead_orders = n;
    }

    /// The next `n` pupil switches silently keep the current pupil (the client's wrong-pupil
    /// guard must notice).
    pub fn set_infomentor_ignore_switches(&self, n: u32) {
        self.shared.lock().infomentor.ignore_switches = n;
    }

    /// `true`: the IdP answers InfoMentor's SAMLRequest POST in place (200 with the chooser or
    /// the SAML response), the old emulator behaviour; `false` (default): a 302 to the same
    /// request as a GET URL, as the real server does.
    pub fn set_infomentor_saml_post_in_place(&self, in_place: bool) {
        self.shared.lock().infomentor.saml_post_in_place = in_place;
    }

    /// `true`: `LoginCallback` without a `Referer` header is sent to `/Home/Errors/Server` (one
    /// client's report); `false` (default): the header is not needed (another client logs in
    /// to the live service without it).
    pub fn set_infomentor_require_referer(&self, required: bool) {
        self.shared.lock().infomentor.require_referer = required;
    }

    /// The apps a pupil has (`None`: every app, `task` only with assignments). A data call of
    /// another app answers the Hub's logged-in start page, as the real Hub does for a module
    /// the pupil lacks (`task` answers a redirect to `HandleUnauthorizedRequest`).
    pub fn set_infomentor_pupil_apps(&self, pupil_id: &str, apps: Option<&[&str]>) {
        let mut state = self.shared.lock();
        match apps {
            Some(apps) => {
                state.infomentor.pupil_apps.insert(
                    pupil_id.to_owned(),
                    apps.iter().map(|a| (*a).to_owned()).collect(),
                );
            }
            None => {
                state.infomentor.pupil_apps.remove(pupil_id);
            }
        }
    }

    /// Locks (or unlocks) today's absence report.
    pub fn set_infomentor_today_locked(&self, locked: bool) {
        self.shared.lock().infomentor.today_locked = locked;
    }

    /// Moves every Hub session to another back-end node (the affinity cookie no longer matches).
    pub fn move_infomentor_sessions_to_other_node(&self) {
        let mut state = self.shared.lock();
        for s in state.infomentor.sessions.values_mut() {
            s.node = format!("{}.20480.0000", 200 + fastrand::u32(0..50));
        }
    }

    /// The served pupils: `(pupil id, switch id)`.
    pub fn infomentor_pupils(&self) -> Vec<(String, String)> {
        let state = self.shared.lock();
        pupils(&state.family)
            .into_iter()
            .map(|p| (p.pupil_id, p.switch_id))
            .collect()
    }
}
