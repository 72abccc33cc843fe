//! The IM1 ("Mentor") portal's username/password login on
//! `infomentor.se/swedish/production/mentor/`, as an ASP.NET WebForms page: hidden
//! `__VIEWSTATE` / `__VIEWSTATEGENERATOR` / `__EVENTVALIDATION` fields that must come back
//! unchanged (a missing or foreign one is ASP.NET's 500 error page), a municipality list whose
//! posted value must be one of its options, a wrong password answered with the form again
//! (200) and an `.error-message`, an optional "activate PIN" offer declined with
//! `__EVENTTARGET=aDontActivatePin`, and on success the `oauth_token` hand-off back to the Hub.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::{MENTOR, auto_form};
use crate::http::{Req, Resp};
use crate::state::State;
use crate::{html, ids};

/// The emulated guardian's IM1 username.
pub const IM1_USERNAME: &str = "vardnadshavare@example.com";
/// The emulated guardian's IM1 password.
pub const IM1_PASSWORD: &str = "Sommar2026!";

const USER_FIELD: &str = "login_ascx$txtNotandanafn";
const PASSWORD_FIELD: &str = "login_ascx$txtLykilord";
const BUTTON_FIELD: &str = "login_ascx$btnLogin";
const IDP_FIELD: &str = "login_ascx$ddlIdp";
const GENERATOR: &str = "C2EE9ABB";
const DECLINE_PIN: &str = "aDontActivatePin";
/// The municipality list of the form (`""` = an InfoMentor account).
const IDP_OPTIONS: &[(&str, &str)] = &[
    ("", "InfoMentor-konto"),
    ("stockholm_par", "Stockholms stad"),
    ("exempelkommun_par", "Exempelkommun"),
];

/// Which page a rendered form belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Login,
    Pin,
}

/// One rendered form: what its view state stands for.
pub(crate) struct Im1Form {
    /// The Hub's request token the login completes (none for a login started on IM1 itself).
    token: Option<String>,
    validation: String,
    stage: Stage,
}

/// Renders a new form page for `token` at `stage` (with `error` shown when set).
fn page(state: &mut State, token: Option<String>, stage: Stage, error: Option<&str>) -> Resp {
    let id = ids::hex(32);
    let validation = STANDARD.encode(ids::hex(48).as_bytes());
    let viewstate = STANDARD.encode(format!("im1:{id}").as_bytes());
    state.infomentor.im1_forms.insert(
        id,
        Im1Form {
            token,
            validation: validation.clone(),
            stage,
        },
    );
    let hidden = format!(
        "<input type=\"hidden\" name=\"__EVENTTARGET\" id=\"__EVENTTARGET\" value=\"\" />\n\
         <input type=\"hidden\" name=\"__EVENTARGUMENT\" id=\"__EVENTARGUMENT\" value=\"\" />\n\
         <input type=\"hidden\" name=\"__VIEWSTATE\" id=\"__VIEWSTATE\" value=\"{}\" />\n\
         <input type=\"hidden\" name=\"__VIEWSTATEGENERATOR\" id=\"__VIEWSTATEGENERATOR\" value=\"{GENERATOR}\" />\n\
         <input type=\"hidden\" name=\"__EVENTVALIDATION\" id=\"__EVENTVALIDATION\" value=\"{}\" />\n",
        html::escape(&viewstate),
        html::escape(&validation)
    );
    let body = match stage {
        Stage::Login => {
            let options: String = IDP_OPTIONS
                .iter()
                .map(|(v, n)| {
                    format!(
                        "<option value=\"{}\">{}</option>",
                        html::escape(v),
                        html::escape(n)
                    )
                })
                .collect();
            let error = error
                .map(|e| format!("<span class=\"error-message\">{}</span>\n", html::escape(e)))
                .unwrap_or_default();
            format!(
                "<div class=\"login\">\n<h1>Logga in</h1>\n{error}\
                 <label for=\"login_ascx_ddlIdp\">Kommun</label>\n<select name=\"{IDP_FIELD}\" id=\"login_ascx_ddlIdp\">{options}</select>\n\
                 <label for=\"login_ascx_txtNotandanafn\">Användarnamn</label>\n<input name=\"{USER_FIELD}\" type=\"text\" id=\"login_ascx_txtNotandanafn\" autocomplete=\"username\" />\n\
                 <label for=\"login_ascx_txtLykilord\">Lösenord</label>\n<input name=\"{PASSWORD_FIELD}\" type=\"password\" id=\"login_ascx_txtLykilord\" autocomplete=\"current-password\" />\n\
                 <input type=\"submit\" name=\"{BUTTON_FIELD}\" value=\"Logga in\" id=\"login_ascx_btnLogin\" class=\"btn\" />\n</div>\n"
            )
        }
        Stage::Pin => format!(
            "<div class=\"pin\">\n<h1>Aktivera PIN-kod?</h1>\n<p>Med en PIN-kod loggar du in snabbare nästa gång.</p>\n\
             <a id=\"aActivatePin\" href=\"javascript:__doPostBack('aActivatePin','')\">Aktivera</a>\n\
             <a id=\"{DECLINE_PIN}\" href=\"javascript:__doPostBack('{DECLINE_PIN}','')\">Inte nu</a>\n</div>\n"
        ),
    };
    Resp::html(
        200,
        format!(
            "<!DOCTYPE html>\n<html lang=\"sv\"><head><title>InfoMentor</title></head>\n<body>\n\
             <form method=\"post\" action=\"./\" id=\"aspnetForm\">\n{hidden}{body}</form>\n\
             <script type=\"text/javascript\">function __doPostBack(t, a) {{ var f = document.forms['aspnetForm']; f.__EVENTTARGET.value = t; f.__EVENTARGUMENT.value = a; f.submit(); }}</script>\n\
             </body></html>\n"
        ),
    )
}

/// The login form for the Hub's request `token` (or for a login started on IM1 itself).
pub(crate) fn login_form(state: &mut State, token: Option<String>) -> Resp {
    page(state, token, Stage::Login, None)
}

/// ASP.NET's answer to a postback whose view state or event validation does not check out.
fn postback_error(detail: &str) -> Resp {
    Resp::html(
        500,
        html::error_page(500, "Server Error in '/' Application.", detail),
    )
}

/// A postback of one of the forms (identified by its view state).
pub(crate) fn postback(state: &mut State, req: &Req) -> Resp {
    let viewstate = req.form("__VIEWSTATE").unwrap_or_default();
    let id = STANDARD
        .decode(viewstate.as_bytes())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix("im1:").map(str::to_owned));
    let Some(form) = id.and_then(|id| state.infomentor.im1_forms.remove(&id)) else {
        return postback_error("Validation of viewstate MAC failed.");
    };
    if req.form("__VIEWSTATEGENERATOR").as_deref() != Some(GENERATOR)
        || req.form("__EVENTVALIDATION").as_deref() != Some(form.validation.as_str())
        || req.form("__EVENTTARGET").is_none()
        || req.form("__EVENTARGUMENT").is_none()
    {
        return postback_error("Invalid postback or callback argument.");
    }
    match form.stage {
        Stage::Login => {
            if let Some(idp) = req.form(IDP_FIELD)
                && !IDP_OPTIONS.iter().any(|(v, _)| *v == idp)
            {
                return postback_error("Invalid postback or callback argument.");
            }
            if req.form(BUTTON_FIELD).is_none() {
                // No button, no event: the page is rendered again.
                return login_form(state, form.token);
            }
            let user = req.form(USER_FIELD).unwrap_or_default();
            let password = req.form(PASSWORD_FIELD).unwrap_or_default();
            let (want_user, want_password) = &state.infomentor.im1_account;
            let ok =
                user.trim().eq_ignore_ascii_case(want_user) && password == want_password.as_str();
            if !ok {
                return page(
                    state,
                    form.token,
                    Stage::Login,
                    Some("Felaktigt användarnamn eller lösenord."),
                );
            }
            if state.infomentor.pin_offer {
                return page(state, form.token, Stage::Pin, None);
            }
            hand_back(state, form.token)
        }
        Stage::Pin => {
            if req.form("__EVENTTARGET").as_deref() == Some(DECLINE_PIN) {
                hand_back(state, form.token)
            } else {
                page(state, form.token, Stage::Pin, None)
            }
        }
    }
}

/// Logged in: the request token is authorised, and the "Login in progress" form posts it to
/// the mentor URL, which sends the browser to the Hub's `LoginCallback`.
fn hand_back(state: &mut State, token: Option<String>) -> Resp {
    let token = token.unwrap_or_else(|| ids::token(40));
    state.infomentor.oauth_tokens.insert(token.clone());
    let page = auto_form("Login in progress", MENTOR, &[("oauth_token", &token)]).replace(
        "<form method",
        "<p>Login in progress</p>\n<form id=\"openid_message\" method",
    );
    Resp::html(200, page)
}
