//! Stockholm's SiteMinder login servers: BankID and Freja on `login003`, start pages and the
//! SAML identity provider on `login001`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use super::{BANKID_SM, FREJA_SM, hem_url, language_cookie, not_found, smsession_cookie};
use crate::html;
use crate::http::{Req, Resp};
use crate::ids;
use crate::knobs::{BankIdOutcome, FrejaOutcome};
use crate::state::{FrejaTx, LoginCtx, Order, OrderState, Shared, State};

const LOGIN_COOKIE: &str = "JSESSIONID";
const SAML_RESPONSE_TARGET: &str = "https://stockholm-sso.skola24.se/nssso/saml-2.0/response";

fn bankid_url() -> String {
    format!("https://login003.stockholm.se/NECSadcmbid/authenticate/NECSadcmbid?{BANKID_SM}")
}

fn freja_url() -> String {
    format!("https://login003.stockholm.se/NECSadcfreja/authenticate/NECSadcfreja?{FREJA_SM}")
}

/// The login chooser page.
pub(crate) fn login_page() -> Resp {
    Resp::html(200, html::stockholm_login_page(&bankid_url(), &freja_url()))
}

/// `login003.stockholm.se`.
pub(crate) fn login003(shared: &Shared, req: &Req) -> Resp {
    match req.path.as_str() {
        "/NECSadcmbid/authenticate/NECSadcmbid" => bankid(shared, req),
        "/NECSadcmbid/authenticate/SiteMinderAuthADC" => bankid_cookie_step(shared, req),
        "/NECSadcfreja/authenticate/NECSadcfreja" => freja(shared, req),
        "/NECSadcfreja/authenticate/SiteMinderAuthADCFREJA" => freja_finish(shared, req),
        _ => not_found(),
    }
}

/// The login context of this browser, created (with its `Set-Cookie`) when missing.
fn login_ctx<'a>(
    state: &'a mut State,
    req: &Req,
    cookie_path: &str,
) -> (&'a mut LoginCtx, Option<String>) {
    let existing = req
        .cookie(LOGIN_COOKIE)
        .filter(|v| state.logins.contains_key(*v))
        .map(str::to_owned);
    let (key, set_cookie) = match existing {
        Some(key) => (key, None),
        None => {
            let key = ids::token(32);
            let cookie = format!("{LOGIN_COOKIE}={key}; Path={cookie_path}; Secure; HttpOnly");
            (key, Some(cookie))
        }
    };
    let ctx = state.logins.entry(key).or_default();
    (ctx, set_cookie)
}

fn with_cookie(resp: Resp, cookie: Option<String>) -> Resp {
    match cookie {
        Some(c) => resp.cookie(&c),
        None => resp,
    }
}

fn qr_frame(order: &Order) -> String {
    // An animated-QR payload: start token, seconds since start (here: polls), 64 hex digits
    // of (here random rather than HMAC) authentication code.
    format!(
        "bankid.{}.{}.{}",
        order.qr_start_token,
        order.polls,
        ids::hex(64)
    )
}

fn bankid(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    if let Some(kind) = req.q("initialize") {
        let qr = match kind {
            "bankid" => false,
            "qr" => true,
            _ => {
                return Resp::html(
                    400,
                    html::error_page(400, "Bad Request", "Unknown initialize."),
                );
            }
        };
        if let Some(pnr) = req.q("personalNumber")
            && !(pnr.len() == 12 && pnr.chars().all(|c| c.is_ascii_digit()))
        {
            return Resp::html(
                400,
                html::error_page(400, "Bad Request", "Invalid personal number."),
            );
        }
        let order_id = ids::guid();
        let order = Order {
            qr,
            qr_start_token: ids::guid(),
            polls: 0,
            script: state.bankid,
        };
        let body = if qr {
            json!({ "order": order_id, "qrData": qr_frame(&order) })
        } else {
            json!({ "token": ids::guid(), "order": order_id })
        };
        state.orders.insert(order_id.clone(), order);
        state.bankid_orders_started += 1;
        let (ctx, cookie) = login_ctx(&mut state, req, "/NECSadcmbid");
        ctx.bankid_order = Some(order_id);
        return with_cookie(Resp::json(&body), cookie);
    }
    if let Some(order_id) = req.q("verifyorder") {
        let Some(order) = state.orders.get_mut(order_id) else {
            return Resp::json(&json!({ "state": "ERROR" }));
        };
        order.polls = order.polls.saturating_add(1);
        return match order.state_after_polls() {
            OrderState::Pending if order.qr => Resp::json(&json!({
                "state": "PENDING",
                "qrData": qr_frame(order),
            })),
            OrderState::Pending => Resp::json(&json!({ "state": "PENDING" })),
            OrderState::UserSign => Resp::json(&json!({ "state": "USER_SIGN" })),
            OrderState::Outcome => match order.script.outcome {
                BankIdOutcome::Ok => Resp::json(&json!({ "state": "OK" })),
                BankIdOutcome::Error => Resp::json(&json!({ "state": "ERROR" })),
                BankIdOutcome::Cancelled => Resp::json(&json!({ "state": "CANCELLED" })),
                BankIdOutcome::Expire => Resp::html(
                    500,
                    html::error_page(500, "Internal Server Error", "The order has expired."),
                ),
            },
        };
    }
    Resp::html(200, html::identification_page("Mobilt BankID"))
}

fn order_signed(order: &Order) -> bool {
    matches!(order.state_after_polls(), OrderState::Outcome)
        && order.script.outcome == BankIdOutcome::Ok
}

/// Hands out a new session: `SMSESSION` + language cookie, 302 to the start page.
fn start_session(state: &mut State) -> Resp {
    let value = state.new_session();
    Resp::redirect(&hem_url(&state.eservices_host))
        .cookie(&smsession_cookie(&value))
        .cookie(&language_cookie())
}

/// A request that carries a valid `SMSESSION` gets it again and goes to the start page.
fn resume_session(state: &mut State, req: &Req) -> Option<Resp> {
    let value = req.cookie("SMSESSION")?;
    state.session(Some(value))?;
    let value = value.to_owned();
    Some(Resp::redirect(&hem_url(&state.eservices_host)).cookie(&smsession_cookie(&value)))
}

fn bankid_cookie_step(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    let order_id = req
        .cookie(LOGIN_COOKIE)
        .and_then(|key| state.logins.get(key))
        .and_then(|ctx| ctx.bankid_order.clone());
    if let Some(order_id) = order_id
        && state.orders.get(&order_id).is_some_and(order_signed)
    {
        state.orders.remove(&order_id);
        return start_session(&mut state);
    }
    resume_session(&mut state, req).unwrap_or_else(login_page)
}

fn freja_approved(tx: &FrejaTx) -> bool {
    tx.polls > tx.script.started_polls + tx.script.delivered_polls
        && tx.script.outcome == FrejaOutcome::Approved
}

fn freja(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    match req.q("action") {
        Some("init") => {
            let script = state.freja;
            let return_url: String =
                form_urlencoded::byte_serialize(req.q("return_url").unwrap_or_default().as_bytes())
                    .collect();
            let (ctx, cookie) = login_ctx(&mut state, req, "/NECSadcfreja");
            ctx.freja = Some(FrejaTx { polls: 0, script });
            let body = format!(
                "frejaeid://bindUserToTransaction?transactionReference={}&returnUrl={return_url}",
                ids::token(64)
            );
            with_cookie(Resp::text(&body), cookie)
        }
        Some("checkstatus") => {
            let tx = req
                .cookie(LOGIN_COOKIE)
                .and_then(|key| state.logins.get_mut(key))
                .and_then(|ctx| ctx.freja.as_mut());
            let Some(tx) = tx else {
                return Resp::text("UNKNOWN");
            };
            tx.polls = tx.polls.saturating_add(1);
            let text = if tx.polls <= tx.script.started_polls {
                "STARTED"
            } else if tx.polls <= tx.script.started_polls + tx.script.delivered_polls {
                "DELIVERED_TO_MOBILE"
            } else {
                tx.script.outcome.wire()
            };
            Resp::text(text)
        }
        Some(_) => Resp::html(400, html::error_page(400, "Bad Request", "Unknown action.")),
        None => freja_finish_locked(&mut state, req)
            .unwrap_or_else(|| Resp::html(200, html::identification_page("Freja eID+"))),
    }
}

fn freja_finish_locked(state: &mut State, req: &Req) -> Option<Resp> {
    let approved = req
        .cookie(LOGIN_COOKIE)
        .and_then(|key| state.logins.get_mut(key))
        .and_then(|ctx| {
            if ctx.freja.as_ref().is_some_and(freja_approved) {
                ctx.freja = None;
                Some(())
            } else {
                None
            }
        })
        .is_some();
    if approved {
        return Some(start_session(state));
    }
    resume_session(state, req)
}

fn freja_finish(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    freja_finish_locked(&mut state, req).unwrap_or_else(login_page)
}

/// The id in a base64 SAML message (`ID="…"`), if it decodes.
pub(crate) fn saml_id(value: &str) -> Option<String> {
    let bytes = STANDARD.decode(value.trim()).ok()?;
    let xml = String::from_utf8(bytes).ok()?;
    let start = xml.find(" ID=\"")? + 5;
    let rest = xml.get(start..)?;
    let end = rest.find('"')?;
    rest.get(..end).map(str::to_owned)
}

/// A base64 SAML message whose text contains `+` or `/` and ends in padding, so that a client
/// that forgets to form-encode it breaks as it would upstream.
pub(crate) fn saml_message(make: impl Fn(&str) -> String) -> (String, String) {
    let mut last = (String::new(), String::new());
    for _ in 0..64 {
        let id = format!("_{}", ids::hex(40));
        // A comment with a few random characters varies the encoded text between attempts.
        let nonce: String = (0..12)
            .map(|_| char::from(b"?~>=-_.:AZaz09"[fastrand::usize(0..14)]))
            .collect();
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- {nonce} -->{}",
            make(&id)
        );
        while xml.len() % 3 == 0 {
            xml.push(' ');
        }
        let value = STANDARD.encode(xml.as_bytes());
        let tricky = value.contains('+') && value.contains('/');
        last = (id, value);
        if tricky {
            break;
        }
    }
    last
}

/// `login001.stockholm.se`: the SAML IdP and, for every other page, the login chooser.
pub(crate) fn login001(shared: &Shared, req: &Req) -> Resp {
    if req.path != "/affwebservices/public/saml2sso" {
        return login_page();
    }
    let request = if req.method == axum::http::Method::POST {
        req.form("SAMLRequest")
    } else {
        req.q("SAMLRequest").map(str::to_owned)
    };
    let mut state = shared.lock();
    let request_id = request.as_deref().and_then(saml_id);
    let Some(request_id) = request_id.filter(|id| state.saml_requests.contains(id)) else {
        return Resp::html(
            400,
            html::error_page(
                400,
                "Bad Request",
                "The SAML request could not be processed.",
            ),
        );
    };
    if state.session(req.cookie("SMSESSION")).is_none() {
        return login_page();
    }
    state.saml_requests.remove(&request_id);
    let now = jiff::Timestamp::now();
    let (response_id, value) = saml_message(|id| {
        format!(
            "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"{id}\" Version=\"2.0\" IssueInstant=\"{now}\" Destination=\"{SAML_RESPONSE_TARGET}\" InResponseTo=\"{request_id}\"><saml:Issuer>https://login001.stockholm.se</saml:Issuer><samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status><saml:Assertion ID=\"a{id}\"><saml:Subject><saml:NameID>{}</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>",
            ids::guid()
        )
    });
    state.saml_responses.insert(response_id);
    Resp::html(
        200,
        html::saml_form(SAML_RESPONSE_TARGET, "SAMLResponse", &value),
    )
}
