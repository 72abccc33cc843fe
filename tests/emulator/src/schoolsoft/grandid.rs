//! AcadeMedia's GrandID: the SAML identity provider (`saml2.grandid.com`) and the BankID pages
//! (`login.grandid.com/?sessionid=…`): personal number, `collect` polls following the emulator's
//! BankID script (each pending answer carries a new base64 SVG QR frame), cancel, and the
//! resume step's SAML auto-post back to SchoolSoft's Shibboleth.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::{GrandIdSession, tenant_url};
use crate::html::escape;
use crate::http::{Req, Resp};
use crate::ids;
use crate::knobs::BankIdOutcome;
use crate::state::Shared;

const RESUME: &str = "https://saml2.grandid.com/module.php/grandid/resume.php";

/// The SP's SAML start (`GET {S}samlLogin.jsp`, or the OAuth login's SAML step with its
/// authorization) → the IdP with a SAML request. Shibboleth remembers the way back in a
/// `_shibstate_<id>` cookie named by `RelayState=cookie:<id>`.
pub(super) fn saml_start(ss: &mut super::SsState, auth: Option<super::oauth::PendingAuth>) -> Resp {
    let request = STANDARD.encode(format!("<samlp:AuthnRequest ID=\"_{}\"/>", ids::token(16)));
    let id = format!("{}_{}", fastrand::u32(1_000_000..u32::MAX), ids::hex(8));
    ss.relays.insert(id.clone(), auth);
    let back = enc(&format!("{}react/", tenant_url()));
    Resp::redirect(&format!(
        "https://saml2.grandid.com/saml2/idp/SSO_AcadeMedia?SAMLRequest={}&RelayState=cookie%3A{id}",
        enc(&request),
    ))
    .cookie(&format!(
        "_shibstate_{id}={back}; Path=/{}/; Secure; HttpOnly",
        super::family::TENANT
    ))
}

fn enc(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

fn page(title: &str, body: &str) -> Resp {
    Resp::html(
        200,
        format!(
            "<!doctype html><html lang=\"\"><head><meta charset=\"utf-8\"><title>AcadeMedia</title></head><body><article class=\"container\"><h1 class=\"container__title\">{title}</h1>{body}</article></body></html>"
        ),
    )
}

pub(super) fn handle(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    let guardian = state.guardian_personal_number.clone();
    let script = state.bankid;
    let ss = &mut state.schoolsoft;
    if req.host == "saml2.grandid.com" {
        if req.path.starts_with("/saml2/idp/SSO_") && req.q("SAMLRequest").is_some() {
            let sid: String = ids::token(30)
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        'A'
                    }
                })
                .collect();
            ss.grandid.insert(
                sid.clone(),
                GrandIdSession {
                    pnr_given: false,
                    polls: 0,
                    script: None,
                    cancelled: false,
                    complete: false,
                    returned: false,
                    qr_start_token: ids::guid(),
                    relay_state: req.q("RelayState").unwrap_or_default().to_owned(),
                },
            );
            let return_to = format!("{RESUME}?State={sid}");
            return Resp::redirect(&format!(
                "https://login.grandid.com/?sessionid={sid}&ReturnTo={}",
                enc(&return_to)
            ));
        }
        if req.path == "/module.php/grandid/resume.php" {
            let sid = req.q("State").unwrap_or_default().to_owned();
            let Some(session) = ss
                .grandid
                .get_mut(&sid)
                .filter(|s| s.complete && !s.returned)
            else {
                return Resp::html(400, crate::html::error_page(400, "Bad Request", "State"));
            };
            session.returned = true;
            let response = STANDARD.encode(format!("<samlp:Response ID=\"_{}\"/>", ids::token(24)));
            ss.saml_responses.insert(response.clone());
            let relay = escape(&session.relay_state);
            return Resp::html(
                200,
                format!(
                    "<html><body onload=\"document.forms[0].submit()\"><form action=\"{}Shibboleth.sso/SAML2/POST\" method=\"post\"><input type=\"hidden\" name=\"SAMLResponse\" value=\"{}\" /><input name=\"RelayState\" type=\"hidden\" value=\"{relay}\" /></form></body></html>",
                    tenant_url(),
                    escape(&response),
                ),
            );
        }
        return crate::hosts::not_found();
    }
    // login.grandid.com
    let sid = req.q("sessionid").unwrap_or_default().to_owned();
    let Some(session) = ss.grandid.get_mut(&sid) else {
        return page("Fel", "<p>Unauthorized</p>");
    };
    let cancel = format!("?sessionid={sid}&amp;cancel-bankid=1");
    if req.q("cancel-bankid").is_some() {
        session.cancelled = true;
        return page("Avbrutet", "<p>Inloggningen avbröts.</p>");
    }
    if req.q("collect").is_some() {
        if session.cancelled || !session.pnr_given {
            return Resp::redirect(&format!("https://login.grandid.com/?sessionid={sid}"));
        }
        let Some(script) = session.script else {
            return Resp::html(500, crate::html::error_page(500, "Error", "no order"));
        };
        session.polls += 1;
        let polls = session.polls;
        if polls <= script.pending_polls {
            // An animated-QR frame as BankID's: start token, seconds (here: polls), a code
            // (here random rather than an HMAC), drawn as an SVG image of the code. How
            // GrandID draws its images is not known: this one is paths of straight lines.
            let payload = format!("bankid.{}.{polls}.{}", session.qr_start_token, ids::hex(64));
            let svg = match qrcode::QrCode::new(payload.as_bytes()) {
                Ok(code) => code.render::<qrcode::render::svg::Color>().build(),
                Err(_) => String::new(),
            };
            return Resp::json(&serde_json::json!({
                "response": "outstandingTransaction",
                "status": "pending",
                "hintCode": "outstandingTransaction",
                "QRCode": STANDARD.encode(svg),
            }));
        }
        if polls <= script.pending_polls + script.user_sign_polls {
            return Resp::json(&serde_json::json!({
                "response": "outstandingTransaction",
                "status": "pending",
                "hintCode": "userSign",
            }));
        }
        return match script.outcome {
            BankIdOutcome::Ok => {
                session.complete = true;
                Resp::json(&serde_json::json!({ "response": "complete" }))
            }
            BankIdOutcome::Cancelled => Resp::json(&serde_json::json!({ "response": "cancelled" })),
            BankIdOutcome::Error => page("Fel", "<p>Ett fel uppstod.</p>"),
            BankIdOutcome::Expire => {
                Resp::html(500, crate::html::error_page(500, "Error", "expired"))
            }
        };
    }
    if req.q("bankid").is_some() {
        if req.method == axum::http::Method::POST {
            let pnr = req.form("pnr").unwrap_or_default();
            if pnr.len() != 12 || !pnr.bytes().all(|b| b.is_ascii_digit()) {
                return page("Fel", "<p>Unauthorized</p>");
            }
            if pnr != guardian {
                return page(
                    "Fel",
                    "<p>Personnumret kunde inte hittas i AD eller är inaktiverat.</p>",
                );
            }
            session.pnr_given = true;
            session.polls = 0;
            session.script = Some(script);
            ss.orders_started += 1;
            let token = ids::guid();
            return page(
                "Mobilt BankID med QR-kod",
                &format!(
                    "<form id=\"pnrform\" method=\"post\" class=\"form\"><div id=\"qr\"><center></center></div><div id=\"message\"></div><a class=\"form__button\" href=\"bankid:///?autostarttoken={token}&amp;redirect=null\">Starta BankID på denna enhet</a><a class=\"form__button\" href=\"{cancel}\">Avbryt</a></form><script>var sessionUrl = 'https://login.grandid.com/?sessionid={sid}';</script>"
                ),
            );
        }
        return page(
            "Mobilt BankID",
            &format!(
                "<form id=\"pnrform\" method=\"post\" class=\"form\"><label for=\"ssn\">Personnummer</label><input type=\"text\" name=\"pnr\" id=\"pnr\" placeholder=\"ÅÅÅÅMMDDNNNN\"><button id=\"pnrSubmitbutton\">OK</button><a href=\"{cancel}\">Avbryt</a></form>"
            ),
        );
    }
    if session.complete {
        return Resp::redirect(&format!("{RESUME}?State={sid}"));
    }
    page(
        "Logga in",
        &format!("<a href=\"?sessionid={sid}&amp;bankid=1\">Mobilt BankID</a>"),
    )
}
