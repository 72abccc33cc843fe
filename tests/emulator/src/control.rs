//! The control API on `https://emulator.local/__control/…`: the handle's knobs over HTTP.

use std::time::Duration;

use axum::http::Method;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use skolbryggan::model::FamilySnapshot;

use crate::http::{Req, Resp};
use crate::knobs::{BankIdScript, FaultRule, FrejaScript, MenuKind};
use crate::state::Shared;

/// The host name of the control API.
pub const CONTROL_HOST: &str = "emulator.local";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Lifetime {
    seconds: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MenuChoice {
    child_id: String,
    kind: MenuKind,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EservicesHost {
    legacy: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Today {
    date: Option<jiff::civil::Date>,
}

fn ok() -> Resp {
    Resp::json(&json!({ "ok": true }))
}

fn bad(message: &str) -> Resp {
    Resp::json_status(400, &json!({ "ok": false, "error": message }))
}

fn parse<T: DeserializeOwned>(req: &Req) -> Result<T, Resp> {
    serde_json::from_slice(&req.body).map_err(|e| bad(&format!("invalid JSON body: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> Resp {
    match serde_json::to_value(value) {
        Ok(v) => Resp::json(&v),
        Err(e) => Resp::json_status(500, &json!({ "ok": false, "error": e.to_string() })),
    }
}

/// Handles one control request.
pub(crate) fn handle(shared: &Shared, req: &Req) -> Resp {
    let Some(path) = req.path.strip_prefix("/__control") else {
        return Resp::json_status(404, &json!({ "ok": false, "error": "use /__control/…" }));
    };
    if let (&Method::GET, Some(rest)) = (&req.method, path.strip_prefix("/menus/")) {
        return menu_dishes(rest);
    }
    if let Some(rest) = path.strip_prefix("/infomentor") {
        return crate::infomentor::control(shared, req, rest.trim_end_matches('/'));
    }
    let result = route(shared, req, path.trim_end_matches('/'));
    result.unwrap_or_else(|resp| resp)
}

/// `GET /__control/menus/<school id>/<YYYY-MM-DD>`: the dishes the menu services serve for
/// that school on that day (`crate::menus::dishes_for`), so a test in another language can
/// assert exact values.
fn menu_dishes(rest: &str) -> Resp {
    let Some((school, day)) = rest.trim_end_matches('/').rsplit_once('/') else {
        return bad("use /__control/menus/<school id>/<YYYY-MM-DD>");
    };
    match day.parse::<jiff::civil::Date>() {
        Ok(date) => Resp::json(&json!({ "dishes": crate::menus::dishes_for(school, date) })),
        Err(_) => bad("the day is YYYY-MM-DD"),
    }
}

fn route(shared: &Shared, req: &Req, path: &str) -> Result<Resp, Resp> {
    let m = &req.method;
    Ok(match (m, path) {
        (&Method::GET, "/ca.pem") => {
            Resp::new(200, "application/x-pem-file", shared.ca_pem.clone())
        }
        (&Method::GET, "/state" | "") => {
            let s = shared.lock();
            Resp::json(&json!({
                "bankid": s.bankid,
                "freja": s.freja,
                "sessionLifetimeSeconds": s.lifetime.map(|d| d.as_secs()),
                "sessions": s.sessions.len(),
                "skola24Sessions": s.s24_sessions.len(),
                "faults": s.faults,
                "today": s.today,
                "log": s.log,
            }))
        }
        (&Method::POST | &Method::PUT, "/bankid") => {
            let script: BankIdScript = parse(req)?;
            shared.lock().bankid = script;
            ok()
        }
        (&Method::POST | &Method::PUT, "/freja") => {
            let script: FrejaScript = parse(req)?;
            shared.lock().freja = script;
            ok()
        }
        (&Method::POST, "/sessions/expire") => {
            shared.lock().expire_all();
            ok()
        }
        (&Method::POST | &Method::PUT, "/sessions/lifetime") => {
            let lifetime: Lifetime = parse(req)?;
            shared.lock().lifetime = lifetime.seconds.map(Duration::from_secs);
            ok()
        }
        (&Method::GET, "/faults") => to_json(&shared.lock().faults),
        (&Method::POST, "/faults") => {
            let rule: FaultRule = parse(req)?;
            shared.lock().faults.push(rule);
            ok()
        }
        (&Method::DELETE, "/faults") => {
            shared.lock().faults.clear();
            ok()
        }
        (&Method::GET, "/log") => to_json(&shared.lock().log),
        (&Method::DELETE, "/log") | (&Method::POST, "/log/reset") => {
            shared.lock().log = Default::default();
            ok()
        }
        (&Method::POST | &Method::PUT, "/menu") => {
            let choice: MenuChoice = parse(req)?;
            shared
                .lock()
                .menu_kinds
                .insert(choice.child_id, choice.kind);
            ok()
        }
        (&Method::POST | &Method::PUT, "/today") => {
            let today: Today = parse(req)?;
            shared.lock().today = today.date;
            ok()
        }
        (&Method::POST | &Method::PUT, "/eservices-host") => {
            let host: EservicesHost = parse(req)?;
            shared.lock().eservices_host = if host.legacy {
                crate::hosts::LEGACY_ESERVICES_HOST
            } else {
                crate::hosts::ESERVICES_HOST
            }
            .to_owned();
            ok()
        }
        (&Method::GET, "/family") => to_json(&shared.lock().family),
        (&Method::PUT | &Method::POST, "/family") => {
            let family: FamilySnapshot = parse(req)?;
            shared.lock().family = family;
            ok()
        }
        _ => Resp::json_status(
            404,
            &json!({ "ok": false, "error": "unknown control endpoint", "see": Value::from("tests/emulator/README.md") }),
        ),
    })
}
