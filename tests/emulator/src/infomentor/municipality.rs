//! A second municipality with its own identity provider for InfoMentor's federated login, so
//! that a non-default `idp` key is exercised. Neither the key nor the host is known upstream
//! (`infomentor.md` documents only Stockholm's `stockholm_par`): both are made up, and the IdP
//! is a guess at the common case — a SAML IdP that answers InfoMentor's request with a redirect
//! to its BankID page, runs the same BankID page protocol as Stockholm's login servers
//! (`initialize=qr|bankid`, `verifyorder`; the orders, QR frames and the dead-order knob are
//! Stockholm's), and after `OK` answers that page with the SAML response for
//! `login.ashx?idp=exempelkommun_par`. A live IdP session (its own cookie) skips BankID.

use super::{saml_id, saml_response_for};
use crate::html;
use crate::http::{Req, Resp};
use crate::state::Shared;

/// The made-up identity-provider key of the second municipality.
pub const OTHER_IDP_KEY: &str = "exempelkommun_par";
/// The made-up host of the second municipality's identity provider.
pub const OTHER_IDP_HOST: &str = "idp.exempelkommun.se";
/// Where InfoMentor sends the SAML request for that municipality.
pub(crate) const SSO_URL: &str = "https://idp.exempelkommun.se/saml2/sso";
const BANKID_PATH: &str = "/NECSadcmbid/authenticate/NECSadcmbid";
const SESSION_COOKIE: &str = "KOMMUNSESSION";
const LOGIN_COOKIE: &str = "JSESSIONID";

/// `idp.exempelkommun.se`.
pub(crate) fn handle(shared: &Shared, req: &Req) -> Resp {
    match req.path.as_str() {
        "/saml2/sso" => sso(shared, req),
        BANKID_PATH => bankid_page(shared, req),
        _ => crate::hosts::not_found(),
    }
}

fn sso(shared: &Shared, req: &Req) -> Resp {
    let mut state = shared.lock();
    let post = req.method == axum::http::Method::POST;
    let request = if post {
        req.form("SAMLRequest")
    } else {
        req.q("SAMLRequest").map(str::to_owned)
    }
    .unwrap_or_default();
    let known =
        saml_id(&request).is_some_and(|id| state.infomentor.other_idp_requests.contains(&id));
    if !known {
        return Resp::html(
            400,
            html::error_page(400, "Bad Request", "Unknown SAML request."),
        );
    }
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("SAMLRequest", &request)
        .finish();
    if post {
        // As Stockholm's IdP: the POST binding is redirected to the same request as a GET.
        return Resp::redirect(&format!("{SSO_URL}?{query}"));
    }
    if state.session(req.cookie(SESSION_COOKIE)).is_some() {
        return saml_response_for(&mut state, OTHER_IDP_KEY);
    }
    Resp::redirect(&format!(
        "https://{OTHER_IDP_HOST}{BANKID_PATH}?{query}&RelayState=IM"
    ))
}

fn bankid_page(shared: &Shared, req: &Req) -> Resp {
    if req.q("initialize").is_some() || req.q("verifyorder").is_some() {
        let resp = crate::hosts::stockholm_login::login003(shared, req);
        return super::dead_order_filter(shared, req, resp);
    }
    let mut state = shared.lock();
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
    if let (true, Some(id)) = (signed, &order_id) {
        state.orders.remove(id);
        let value = state.new_session();
        return saml_response_for(&mut state, OTHER_IDP_KEY).cookie(&format!(
            "{SESSION_COOKIE}={value}; Path=/; Secure; HttpOnly; SameSite=None"
        ));
    }
    Resp::html(200, html::identification_page("Mobilt BankID"))
}
