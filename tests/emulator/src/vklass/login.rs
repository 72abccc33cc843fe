//! The login hosts: `auth.vklass.se` (organisation page, credentials form, SAML start and
//! assertion consumer, `/process`), Göteborg's IdP and the e-ID broker.

use axum::http::Method;

use super::family::{PASSWORD, USERNAME};
use crate::html::escape;
use crate::http::{HTML, Req, Resp};
use crate::ids;
use crate::state::State;

const GBG_IDP: &str = "https://authpub.goteborg.se/idp/sps/idppub/saml20";
const BANKID_IDP: &str = "https://eid-connect.funktionstjanster.se/saml2/65ca0c705a557fb525eb8789";
const FREJA_IDP: &str = "https://eid-connect.funktionstjanster.se/saml2/000000000000000000000000";
const METHOD_ID: &str = "631992d934c51e4f39e150b9";
const FED_ID: &str = "uuid3a1f0c2e-7b1d-4c55-9f0e-2d5b8e1c9a40";
const ANTIFORGERY: &str = ".AspNetCore.Antiforgery.vK3f9";
const IDP_COOKIE: &str = "PUBLIC-SESSION-ID";

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn auto_post(action: &str, fields: &[(&str, &str)]) -> String {
    let inputs: String = fields
        .iter()
        .map(|(n, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\" />\n",
                escape(n),
                escape(v)
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\">\n<form method=\"post\" action=\"{action}\">\n{inputs}<noscript><button type=\"submit\">Fortsätt</button></noscript></form></body></html>"
    )
}

fn credentials_page(token: &str, error: bool) -> String {
    let message = if error {
        "<div class=\"validation-summary-errors\"><ul><li>Felaktigt användarnamn eller lösenord</li></ul></div>"
    } else {
        ""
    };
    format!(
        "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\" /><title>Vklass - Logga in</title></head><body>\n<form action=\"/credentials/signin\" method=\"post\">{message}\n<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"{token}\" />\n<input id=\"Username\" name=\"Username\" type=\"text\" value=\"\" />\n<input id=\"Password\" name=\"Password\" type=\"password\" />\n<input name=\"RememberMe\" type=\"hidden\" value=\"false\" />\n<button type=\"submit\">Logga in</button></form></body></html>"
    )
}

/// A fresh anti-forgery pair: the cookie to set and the form token.
pub(crate) fn antiforgery(state: &mut State) -> (String, String) {
    let cookie = format!("CfDJ8{}", ids::token(60));
    let token = format!("CfDJ8{}", ids::token(80));
    state
        .vklass
        .antiforgery
        .insert(cookie.clone(), token.clone());
    (
        format!("{ANTIFORGERY}={cookie}; path=/; samesite=strict; httponly"),
        token,
    )
}

/// True when the request carries an anti-forgery cookie and the matching form token.
pub(crate) fn antiforgery_ok(state: &State, req: &Req) -> bool {
    let (Some(cookie), Some(token)) = (
        req.cookie(ANTIFORGERY),
        req.form("__RequestVerificationToken"),
    ) else {
        return false;
    };
    state.vklass.antiforgery.get(cookie) == Some(&token)
}

fn bad_request() -> Resp {
    Resp::html(
        400,
        crate::html::error_page(400, "Bad Request", "The request could not be understood."),
    )
}

fn field(req: &Req, name: &str) -> Option<String> {
    // ASP.NET model binding matches field names case-insensitively.
    form_urlencoded::parse(&req.body)
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.into_owned())
}

/// `auth.vklass.se`.
pub(crate) fn auth(state: &mut State, req: &Req) -> Resp {
    match (req.method.clone(), req.path.as_str()) {
        (Method::GET, p) if p.starts_with("/organisation/") => Resp::html(
            200,
            "<!DOCTYPE html><html><body><h1>Logga in</h1><a href=\"/credentials\">Vklass-konto</a></body></html>".to_owned(),
        ),
        (Method::GET, "/credentials") => {
            let (cookie, token) = antiforgery(state);
            Resp::html(200, credentials_page(&token, false)).cookie(&cookie)
        }
        (Method::POST, "/credentials/signin") => {
            if !antiforgery_ok(state, req) {
                return bad_request();
            }
            let ok = field(req, "Username").as_deref() == Some(USERNAME)
                && field(req, "Password").as_deref() == Some(PASSWORD);
            if !ok {
                let (cookie, token) = antiforgery(state);
                return Resp::html(200, credentials_page(&token, true)).cookie(&cookie);
            }
            let code = ids::token(32);
            state.vklass.process_codes.insert(code.clone());
            Resp::redirect(&format!("https://auth.vklass.se/process?code={code}"))
        }
        (Method::GET, "/process") => {
            let Some(code) = req.q("code") else { return bad_request() };
            if !state.vklass.process_codes.remove(code) {
                return Resp::redirect("https://auth.vklass.se/credentials");
            }
            issue_ticket(state, "https://custodian.vklass.se/")
        }
        (Method::GET, "/saml/initiate") => {
            let org_ok = matches!(req.q("org"), Some("189" | "190"));
            if req.q("idp") != Some(GBG_IDP) || !org_ok {
                return Resp::html(400, crate::html::error_page(400, "Bad Request", "Okänd organisation."));
            }
            let id = format!("_{}", ids::hex(32));
            state.vklass.saml.insert(id.clone());
            Resp::redirect(&format!(
                "https://authpub.goteborg.se/idp/sps/idppub/saml20/login?SAMLRequest={}&SigAlg={}&Signature={}",
                enc(&id),
                enc("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"),
                enc(&format!("{}+/=", ids::token(40)))
            ))
        }
        (Method::POST, "/saml/assertion") => {
            let Some(response) = req.form("SAMLResponse") else { return bad_request() };
            if !response.starts_with("vklass-") || !state.vklass.saml.remove(&response) {
                return Resp::html(403, crate::html::error_page(403, "Forbidden", "Ogiltig inloggning."));
            }
            issue_ticket(state, "https://custodian.vklass.se/")
        }
        _ => crate::hosts::not_found(),
    }
}

fn issue_ticket(state: &mut State, to: &str) -> Resp {
    let ticket = format!("CfDJ8{}", ids::token(400));
    state
        .vklass
        .sessions
        .insert(ticket.clone(), std::time::Instant::now());
    Resp::redirect(to)
        .cookie(&format!(
            "se.vklass.authentication={ticket}; domain=.vklass.se; path=/; secure; samesite=lax; httponly"
        ))
        .cookie("LogoutRedirectURL=/saml/signout; domain=.vklass.se; path=/; secure")
}

fn idp_session<'a>(state: &'a mut State, req: &Req) -> Option<&'a mut super::IdpSession> {
    let id = req.cookie(IDP_COOKIE)?;
    state.vklass.idp.get_mut(id)
}

fn chooser(target: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\" /><title>Logga in - Göteborgs Stad</title></head><body>\n<form method=\"get\" action=\"/sp/sps/eidpub/saml20/logininitial\">\n<input type=\"hidden\" name=\"RequestBinding\" value=\"HTTPPost\" />\n<input type=\"hidden\" name=\"ResponseBinding\" value=\"HTTPPost\" />\n<input type=\"hidden\" name=\"NameIdFormat\" value=\"Transient\" />\n<input type=\"hidden\" name=\"Target\" value=\"{}\" />\n<button type=\"submit\" name=\"ITFIM_WAYF_IDP\" value=\"{BANKID_IDP}\">Mobilt BankID</button>\n<button type=\"submit\" name=\"ITFIM_WAYF_IDP\" value=\"{FREJA_IDP}\">Freja eID+</button>\n</form></body></html>",
        escape(target)
    )
}

/// `authpub.goteborg.se`.
pub(crate) fn goteborg(state: &mut State, req: &Req) -> Resp {
    let auth_url = format!(
        "https://authpub.goteborg.se/idp/sps/auth?FedId={FED_ID}&PartnerId={}&FedName=idppub",
        enc("https://auth.vklass.se/saml/1/0")
    );
    match (req.method.clone(), req.path.as_str()) {
        (Method::GET, "/idp/sps/idppub/saml20/login") => {
            let known = req
                .q("SAMLRequest")
                .is_some_and(|r| state.vklass.saml.remove(r));
            if !known || req.q("Signature").is_none() {
                return Resp::html(
                    400,
                    crate::html::error_page(400, "Bad Request", "FBTSML236E"),
                );
            }
            let id = format!("{}/{}==", ids::token(24), ids::token(8));
            let wssoi = format!("%2Fsps%2F{}", ids::token(16));
            state.vklass.idp.insert(
                id.clone(),
                super::IdpSession {
                    authenticated: false,
                    wssoi_cookie: wssoi.clone(),
                },
            );
            Resp::redirect(&auth_url)
                .cookie(&format!("{IDP_COOKIE}={id}; path=/; secure; httponly"))
                .cookie(&format!("IV_JCT={wssoi}; path=/; secure"))
        }
        (Method::GET, "/idp/sps/auth") => {
            let Some(session) = idp_session(state, req) else {
                return Resp::html(403, crate::html::error_page(403, "Forbidden", "FBTSPS003E"));
            };
            if !session.authenticated {
                return Resp::redirect(&format!(
                    "https://authpub.goteborg.se/mga/sps/authsvc/policy/lrr?TAM_OP=login&ERROR_CODE=0x00000000&HOSTNAME=authpub.goteborg.se&AUTHNLEVEL=8&URL={}",
                    enc(&auth_url)
                ));
            }
            session.authenticated = false;
            let response = format!("vklass-{}", ids::token(48));
            state.vklass.saml.insert(response.clone());
            Resp::html(
                200,
                auto_post(
                    "https://auth.vklass.se/saml/assertion",
                    &[("SAMLResponse", &response), ("RelayState", "")],
                ),
            )
        }
        (Method::GET, "/mga/sps/authsvc/policy/lrr") => {
            if idp_session(state, req).is_none() {
                return Resp::html(403, crate::html::error_page(403, "Forbidden", "no session"));
            }
            let target = req.q("URL").unwrap_or_default();
            Resp::redirect(&format!(
                "https://authpub.goteborg.se/sp/sps/eidpub/saml20/logininitial?RequestBinding=HTTPPost&ResponseBinding=HTTPPost&Target={}",
                enc(target)
            ))
        }
        (Method::GET, "/sp/sps/eidpub/saml20/logininitial") => {
            if idp_session(state, req).is_none() {
                return Resp::html(403, crate::html::error_page(403, "Forbidden", "no session"));
            }
            let Some(target) = req.q("Target").map(str::to_owned) else {
                return bad_request();
            };
            match req.q("ITFIM_WAYF_IDP") {
                None => Resp::html(200, chooser(&target)),
                Some(BANKID_IDP) => {
                    let id = format!("_{}", ids::hex(32));
                    state.vklass.saml.insert(id.clone());
                    Resp::html(
                        200,
                        auto_post(
                            BANKID_IDP,
                            &[("RelayState", "relay-gbg"), ("SAMLRequest", &id)],
                        ),
                    )
                }
                Some(_) => Resp::html(
                    400,
                    crate::html::error_page(400, "Bad Request", "Metoden stöds inte."),
                ),
            }
        }
        (Method::POST, "/sp/sps/eidpub/saml20/login") => {
            let Some(response) = req.form("SAMLResponse") else {
                return bad_request();
            };
            let order = state
                .vklass
                .orders
                .values()
                .find(|o| o.complete && response == format!("eid-{}", o.idp_session))
                .map(|o| o.idp_session.clone());
            let Some(idp) = order else {
                return Resp::html(403, crate::html::error_page(403, "Forbidden", "FBTSML212E"));
            };
            if req.cookie(IDP_COOKIE) != Some(idp.as_str()) {
                return Resp::html(
                    403,
                    crate::html::error_page(403, "Forbidden", "session mismatch"),
                );
            }
            Resp::redirect("https://authpub.goteborg.se/sp/sps/wssoi")
        }
        (Method::GET, "/sp/sps/wssoi") => {
            let jct = req.cookie("IV_JCT").map(str::to_owned);
            let Some(session) = idp_session(state, req) else {
                return Resp::redirect("https://authpub.goteborg.se/error?code=nosession");
            };
            // The junction cookie must come back byte for byte (quotes included).
            if jct.as_deref() != Some(session.wssoi_cookie.as_str()) {
                return Resp::redirect("https://authpub.goteborg.se/error?code=jct");
            }
            session.authenticated = true;
            Resp::redirect(&auth_url)
        }
        _ => crate::hosts::not_found(),
    }
}

/// `eid-connect.funktionstjanster.se`.
pub(crate) fn broker(state: &mut State, req: &Req) -> Resp {
    let aid = req.q("aid").map(str::to_owned);
    match (req.method.clone(), req.path.as_str()) {
        (Method::POST, "/saml2/65ca0c705a557fb525eb8789") => {
            let known = req.form("SAMLRequest").is_some_and(|r| state.vklass.saml.remove(&r));
            if !known {
                return Resp::html(400, crate::html::error_page(400, "Bad Request", "SAML"));
            }
            // The broker does not see Göteborg's cookie; the order is tied to the newest IdP
            // session, which is the one that sent this request.
            let idp_session = state
                .vklass
                .idp
                .iter()
                .find(|(_, s)| !s.authenticated)
                .map(|(k, _)| k.clone())
                .unwrap_or_default();
            let aid = ids::hex(24);
            state.vklass.orders.insert(
                aid.clone(),
                super::BrokerOrder {
                    started: false,
                    polls: 0,
                    script: state.bankid,
                    complete: false,
                    idp_session,
                },
            );
            Resp::redirect(&format!(
                "https://eid-connect.funktionstjanster.se/web/app/v2/5f1e7a/{}/?lang=sv&aid={aid}",
                "65ca0c705a557fb525eb8789"
            ))
        }
        (Method::GET, p) if p.starts_with("/web/app/v2/") => Resp::html(
            200,
            "<!DOCTYPE html><html><head><title>Legitimering</title></head><body><div id=\"app\"></div></body></html>".to_owned(),
        ),
        (Method::GET, "/web/res/api/methods") => {
            if aid.as_ref().is_none_or(|a| !state.vklass.orders.contains_key(a)) {
                return Resp::json_status(400, &serde_json::json!({ "error": "unknown aid" }));
            }
            Resp::json(&serde_json::json!([{ "id": METHOD_ID, "type": "bankid", "name": "Mobilt BankID" }]))
        }
        (Method::POST, "/id/bankid/auth") => {
            let Some(order) = aid.as_ref().and_then(|a| state.vklass.orders.get_mut(a)) else {
                return Resp::new(200, HTML, "<html><body>Ett fel uppstod</body></html>");
            };
            if req.q("id") != Some(METHOD_ID) {
                return Resp::new(200, HTML, "<html><body>Ett fel uppstod</body></html>");
            }
            order.started = true;
            state.bankid_orders_started += 1;
            Resp::text(&ids::hex(32))
        }
        (Method::GET, "/id/bankid/status") => {
            let Some(order) = aid.as_ref().and_then(|a| state.vklass.orders.get_mut(a)) else {
                return Resp::json_status(404, &serde_json::json!({ "status": "error" }));
            };
            if !order.started {
                return Resp::json(&serde_json::json!({ "status": "failed", "hintCode": "startFailed" }));
            }
            order.polls += 1;
            let waiting = order.script.pending_polls + order.script.user_sign_polls;
            if order.polls <= waiting {
                let hint = if order.polls <= order.script.pending_polls { "outstandingTransaction" } else { "userSign" };
                return Resp::json(&serde_json::json!({ "status": "pending", "hintCode": hint, "message": null, "substatus": null }));
            }
            use crate::knobs::BankIdOutcome;
            match order.script.outcome {
                BankIdOutcome::Ok => {
                    order.complete = true;
                    Resp::json(&serde_json::json!({ "status": "complete" }))
                }
                BankIdOutcome::Cancelled => Resp::json(&serde_json::json!({ "status": "failed", "hintCode": "userCancel", "message": null, "substatus": null })),
                BankIdOutcome::Expire => Resp::json(&serde_json::json!({ "status": "failed", "hintCode": "expiredTransaction", "message": null, "substatus": null })),
                BankIdOutcome::Error => Resp::json(&serde_json::json!({ "status": "error", "hintCode": "startFailed", "message": null, "substatus": null })),
            }
        }
        (Method::GET, "/id/bankid/qr") => {
            let Some(order) = aid.as_ref().and_then(|a| state.vklass.orders.get(a)) else {
                return Resp::new(404, "text/plain", "not found");
            };
            Resp::text(&format!("bankid.{}.{}.{}", ids::hex(32), order.polls, ids::hex(64)))
        }
        (Method::GET, "/id/finish") => {
            let Some(order) = aid.as_ref().and_then(|a| state.vklass.orders.get(a)) else {
                return Resp::new(404, "text/plain", "not found");
            };
            if !order.complete {
                return Resp::html(400, crate::html::error_page(400, "Bad Request", "not complete"));
            }
            let action = "https&#x3a;&#x2f;&#x2f;authpub.goteborg.se&#x2f;sp&#x2f;sps&#x2f;eidpub&#x2f;saml20&#x2f;login";
            let response = format!("eid-{}", order.idp_session);
            Resp::html(
                200,
                format!(
                    "<html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"RelayState\" value=\"relay-gbg\" /><input type=\"hidden\" name=\"SAMLResponse\" value=\"{}\" /></form></body></html>",
                    escape(&response)
                ),
            )
        }
        _ => crate::hosts::not_found(),
    }
}
