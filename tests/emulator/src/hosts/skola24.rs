//! Skola24: the SAML service provider (`stockholm-sso.skola24.se`) and the timetable viewer API
//! (`websthlm.skola24.se`).

use serde_json::{Value, json};
use skolbryggan::model::IsoWeek;

use super::{SKOLA24_SCOPE, not_found};
use crate::html;
use crate::http::{Req, Resp};
use crate::ids;
use crate::render;
use crate::render::skola24::{envelope, envelope_error};
use crate::state::Shared;

/// The Skola24 session cookie (name *inferred*).
pub const SKOLA24_COOKIE: &str = "SKOLA24_SESSION";
const VIEWER_PATH: &str = "/ng/timetable/timetable-viewer/fns.stockholm.se/";
const IDP_URL: &str = "https://login001.stockholm.se/affwebservices/public/saml2sso";

/// `stockholm-sso.skola24.se`.
pub(crate) fn sso(shared: &Shared, req: &Req) -> Resp {
    match req.path.as_str() {
        "/nssso/saml-2.0/authenticate" => {
            let now = jiff::Timestamp::now();
            let (id, value) = super::stockholm_login::saml_message(|id| {
                format!(
                    "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"{id}\" Version=\"2.0\" IssueInstant=\"{now}\" Destination=\"{IDP_URL}\" AssertionConsumerServiceURL=\"https://stockholm-sso.skola24.se/nssso/saml-2.0/response\" ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\"><saml:Issuer>https://stockholm-sso.skola24.se/nssso</saml:Issuer></samlp:AuthnRequest>"
                )
            });
            shared.lock().saml_requests.insert(id);
            Resp::html(200, html::saml_form(IDP_URL, "SAMLRequest", &value))
        }
        "/nssso/saml-2.0/response" if req.method == axum::http::Method::POST => {
            let mut state = shared.lock();
            let id = req
                .form("SAMLResponse")
                .as_deref()
                .and_then(super::stockholm_login::saml_id);
            if !id.is_some_and(|id| state.saml_responses.remove(&id)) {
                return Resp::html(
                    403,
                    html::error_page(403, "Forbidden", "Invalid SAML response."),
                );
            }
            let value = state.new_s24_session();
            Resp::redirect(&format!("https://websthlm.skola24.se{VIEWER_PATH}")).cookie(&format!(
                "{SKOLA24_COOKIE}={value}; Domain=.skola24.se; path=/; Secure; HttpOnly; SameSite=None"
            ))
        }
        _ => not_found(),
    }
}

/// `websthlm.skola24.se`.
pub(crate) fn api(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    if req.path == VIEWER_PATH {
        let logged_in = state.s24_session(req.cookie(SKOLA24_COOKIE)).is_some();
        return Resp::html(200, html::skola24_viewer(logged_in, SKOLA24_SCOPE));
    }
    if !req.path.starts_with("/api/") {
        return not_found();
    }
    // Inferred: an API call without a Skola24 session is refused with 401 in the envelope.
    if state.s24_session(req.cookie(SKOLA24_COOKIE)).is_none() {
        return Resp::json_status(401, &envelope_error("Unauthorized"));
    }
    // Inferred: the scope header identifies the viewer; without it the call is refused.
    if req.header("x-scope") != Some(SKOLA24_SCOPE) {
        return Resp::json_status(403, &envelope_error("Invalid scope"));
    }
    match req.path.as_str() {
        "/api/services/skola24/get/personal/timetables" => {
            let children: Vec<Value> = render::skola24_kids(&state.family)
                .into_iter()
                .map(|(_, r)| render::skola24::child(&r))
                .collect();
            Resp::json(&envelope(json!({
                "getPersonalTimetablesResponse": {
                    "childrenTimetables": children,
                    "studentTimetables": null,
                    "teacherTimetables": null,
                }
            })))
        }
        "/api/get/timetable/render/key" => {
            let key = ids::token(43);
            if let Some(session) = state.s24_session(req.cookie(SKOLA24_COOKIE)) {
                session.render_keys.insert(key.clone());
            }
            Resp::json(&envelope(json!({ "key": key })))
        }
        "/api/render/timetable" if req.method == axum::http::Method::POST => {
            let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
            let key = body.get("renderKey").and_then(Value::as_str).unwrap_or("");
            let fresh = state
                .s24_session(req.cookie(SKOLA24_COOKIE))
                .is_some_and(|s| s.render_keys.remove(key));
            if !fresh {
                return Resp::json(&envelope_error("Invalid or expired render key"));
            }
            let selection = body.get("selection").and_then(Value::as_str).unwrap_or("");
            let unit = body.get("unitGuid").and_then(Value::as_str).unwrap_or("");
            let week = body
                .get("week")
                .and_then(Value::as_i64)
                .and_then(|w| i8::try_from(w).ok());
            let year = body
                .get("year")
                .and_then(Value::as_i64)
                .and_then(|y| i16::try_from(y).ok());
            let kid = render::skola24_kids(&state.family)
                .into_iter()
                .find(|(_, r)| r.person_guid.eq_ignore_ascii_case(selection));
            let Some((child, r)) = kid else {
                return Resp::json(&envelope_error("The selection could not be found"));
            };
            if !r.unit_guid.eq_ignore_ascii_case(unit) {
                return Resp::json(&envelope_error("The unit could not be found"));
            }
            let week = match (week, year) {
                (Some(week), Some(year)) => IsoWeek { year, week },
                _ => return Resp::json(&envelope_error("Invalid week")),
            };
            if week.monday().is_none() {
                return Resp::json(&envelope_error("Invalid week"));
            }
            Resp::json(&envelope(render::skola24::timetable(
                &state.family,
                child,
                week,
            )))
        }
        _ => not_found(),
    }
}
