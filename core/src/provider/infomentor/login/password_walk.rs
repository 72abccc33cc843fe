//! The IM1 ("Mentor") username/password login as a pure state machine: from the Hub's login
//! start through the `oauth_token` hand-off to the ASP.NET login form on `infomentor.se`, the
//! form posted back with every hidden field and the credentials, the optional "activate PIN"
//! offer declined, and the `oauth_token` hand-off back to the Hub's `LoginCallback`.
//!
//! See `docs/upstream/infomentor.md`, "Login with username and password".

use super::walk::{PageWalk, WalkFailure, WalkStep, form_step, host_of};
use crate::provider::Password;
use crate::provider::infomentor::parse::{HtmlForm, LoginPage, classify_login_page, forms};
use crate::provider::infomentor::routes;

/// Pages walked at most (hub start, token forms, the form, the PIN offer, the hand-off back).
const MAX_PAGES: u32 = 12;
/// The event target that declines the "activate PIN" offer.
const DECLINE_PIN: &str = "aDontActivatePin";
/// The value of the form's login button (the button itself is not a submitted field).
const LOGIN_BUTTON_VALUE: &str = "Logga in";

/// The username and password to fill in.
#[derive(Clone)]
pub struct Credentials {
    /// The IM1 username (often the e-mail address).
    pub username: String,
    /// The password.
    pub password: Password,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials(<redacted>)")
    }
}

/// The walk's state.
#[derive(Debug)]
pub struct PasswordWalk {
    credentials: Option<Credentials>,
    pages: u32,
    submitted: bool,
    declined_pin: bool,
    forced: bool,
    failed: Option<WalkFailure>,
}

impl PasswordWalk {
    /// A walk that fills in `credentials` (`None`: only succeed when IM1 still knows the user,
    /// as the silent re-login does), and its first step: the Hub start page.
    pub fn start(credentials: Option<Credentials>) -> (Self, WalkStep) {
        (
            PasswordWalk {
                credentials,
                pages: 0,
                submitted: false,
                declined_pin: false,
                forced: false,
                failed: None,
            },
            WalkStep::Get {
                url: routes::HUB_ROOT.to_owned(),
                referer: None,
            },
        )
    }

    /// Once: the step that forces the Hub's OAuth hand-off again (for a Hub that is not
    /// authenticated after the walk ended).
    pub fn force_oauth(&mut self) -> Option<WalkStep> {
        if self.forced {
            return None;
        }
        self.forced = true;
        self.pages = 0;
        Some(WalkStep::Get {
            url: routes::FORCE_OAUTH_LOGIN.to_owned(),
            referer: Some(format!("{}/", routes::HUB)),
        })
    }

    fn fail(&mut self, failure: WalkFailure) -> WalkStep {
        self.failed = Some(failure.clone());
        WalkStep::Failed(failure)
    }

    fn submit(&mut self, page_url: &str, form: &HtmlForm) -> WalkStep {
        match form_step(page_url, form) {
            Some(step) => step,
            None => self.fail(WalkFailure::Lost("unusable form action")),
        }
    }

    /// Fills the login form and posts it back.
    fn log_in(&mut self, page_url: &str, mut form: HtmlForm) -> WalkStep {
        if self.submitted {
            // The form came back (with its error message): the credentials were refused.
            return self.fail(WalkFailure::BadCredentials);
        }
        let Some(credentials) = self.credentials.clone() else {
            return self.fail(WalkFailure::Lost("IM1 asks for the username and password"));
        };
        let (Some(user_field), Some(password_field)) = (
            field_named(&form, "txtnotandanafn"),
            field_named(&form, "txtlykilord"),
        ) else {
            return self.fail(WalkFailure::Lost(
                "the IM1 login form has no password field",
            ));
        };
        // The button's name shares the user control's prefix (`login_ascx$`).
        let prefix = user_field
            .rsplit_once('$')
            .map(|(p, _)| format!("{p}$"))
            .unwrap_or_default();
        form.set_field(&user_field, &credentials.username);
        form.set_field(&password_field, credentials.password.expose());
        form.set_field(&format!("{prefix}btnLogin"), LOGIN_BUTTON_VALUE);
        form.set_field("__EVENTTARGET", "");
        form.set_field("__EVENTARGUMENT", "");
        self.submitted = true;
        self.submit(page_url, &form)
    }
}

/// The name of the form's field whose name contains `part` (case-insensitive).
fn field_named(form: &HtmlForm, part: &str) -> Option<String> {
    form.fields
        .iter()
        .map(|(n, _)| n)
        .find(|n| n.to_ascii_lowercase().contains(part))
        .cloned()
}

/// The page's IM1 login form, if it has one (checked before the token forms: the login form
/// may carry the `oauth_token` itself).
fn login_form(html: &str) -> Option<HtmlForm> {
    forms(html)
        .into_iter()
        .find(|f| field_named(f, "txtnotandanafn").is_some())
}

impl PageWalk for PasswordWalk {
    fn on_page(&mut self, url: &str, html: &str) -> WalkStep {
        if let Some(f) = &self.failed {
            return WalkStep::Failed(f.clone());
        }
        self.pages += 1;
        if self.pages > MAX_PAGES {
            return self.fail(WalkFailure::Lost("the password login did not end"));
        }
        let page = classify_login_page(url, html);
        match page {
            LoginPage::Refused => return self.fail(WalkFailure::Refused),
            LoginPage::Challenge => return self.fail(WalkFailure::Challenge),
            _ => {}
        }
        if let Some(form) = login_form(html) {
            return self.log_in(url, form);
        }
        match page {
            LoginPage::Interstitial { form } => self.submit(url, &form),
            LoginPage::PasswordForm { form } => self.log_in(url, form),
            LoginPage::Hub => WalkStep::LoggedIn,
            LoginPage::SamlRequest { .. }
            | LoginPage::SamlResponse { .. }
            | LoginPage::MethodChooser { .. } => self.fail(WalkFailure::Lost(
                "the password login was sent to an identity provider",
            )),
            _ if !self.declined_pin && html.contains(DECLINE_PIN) => {
                // The "activate PIN" offer: decline it with the page's own postback.
                self.declined_pin = true;
                match forms(html).into_iter().next() {
                    Some(mut form) => {
                        form.set_field("__EVENTTARGET", DECLINE_PIN);
                        form.set_field("__EVENTARGUMENT", "");
                        self.submit(url, &form)
                    }
                    None => self.fail(WalkFailure::Lost("the PIN offer has no form")),
                }
            }
            // Another Hub page: the driver confirms with `isauthenticated`.
            _ if host_of(url).as_deref() == Some("hub.infomentor.se") => WalkStep::LoggedIn,
            _ => self.fail(WalkFailure::Lost(
                "an unexpected page in the password login",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = r#"<form method="post" action="./" id="aspnetForm">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4MzE0MjEwNTs7Pg==" />
<input type="hidden" name="__VIEWSTATEGENERATOR" value="C2EE9ABB" />
<input type="hidden" name="__EVENTVALIDATION" value="ev/1+" />
<select name="login_ascx$ddlIdp"><option value="">InfoMentor</option></select>
<input name="login_ascx$txtNotandanafn" type="text" id="login_ascx_txtNotandanafn" />
<input name="login_ascx$txtLykilord" type="password" id="login_ascx_txtLykilord" />
<input type="submit" name="login_ascx$btnLogin" value="Logga in" />
</form>"#;

    fn credentials() -> Credentials {
        Credentials {
            username: "anna@example.com".to_owned(),
            password: Password::new("hemligt 1&2"),
        }
    }

    #[test]
    fn fills_the_form_with_every_hidden_field() {
        let (mut walk, first) = PasswordWalk::start(Some(credentials()));
        assert_eq!(
            first,
            WalkStep::Get {
                url: "https://hub.infomentor.se/".to_owned(),
                referer: None
            }
        );
        // The Hub's token form to IM1.
        let step = walk.on_page(
            "https://hub.infomentor.se/Authentication/Authentication/Login?apitype=im1&forceOAuth=true",
            r#"<form id="openid_message" method="post" action="https://infomentor.se/swedish/production/mentor/"><input type="hidden" name="oauth_token" value="t1"/></form>"#,
        );
        assert!(
            matches!(&step, WalkStep::Post { url, fields, .. } if url == routes::MENTOR && fields[0].0 == "oauth_token")
        );
        let step = walk.on_page(routes::MENTOR, FORM);
        let WalkStep::Post {
            url,
            fields,
            referer,
        } = &step
        else {
            panic!("{step:?}")
        };
        assert_eq!(url, "https://infomentor.se/swedish/production/mentor/./");
        assert_eq!(referer.as_deref(), Some(routes::MENTOR));
        let get = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("__VIEWSTATE"), Some("dDwtMTA4MzE0MjEwNTs7Pg=="));
        assert_eq!(get("__VIEWSTATEGENERATOR"), Some("C2EE9ABB"));
        assert_eq!(get("__EVENTVALIDATION"), Some("ev/1+"));
        assert_eq!(get("__EVENTTARGET"), Some(""));
        assert_eq!(get("__EVENTARGUMENT"), Some(""));
        assert_eq!(get("login_ascx$ddlIdp"), Some(""));
        assert_eq!(get("login_ascx$txtNotandanafn"), Some("anna@example.com"));
        assert_eq!(get("login_ascx$txtLykilord"), Some("hemligt 1&2"));
        assert_eq!(get("login_ascx$btnLogin"), Some("Logga in"));
        // Never printed.
        let shown = format!("{step:?} {walk:?}");
        assert!(
            !shown.contains("hemligt") && !shown.contains("anna@"),
            "{shown}"
        );

        // The PIN offer, declined.
        let step = walk.on_page(
            routes::MENTOR,
            r#"<form method="post" action="./"><input type="hidden" name="__VIEWSTATE" value="v2"/><a href="javascript:__doPostBack('aDontActivatePin','')">Inte nu</a></form>"#,
        );
        let WalkStep::Post { fields, .. } = &step else {
            panic!("{step:?}")
        };
        assert!(fields.contains(&("__EVENTTARGET".to_owned(), "aDontActivatePin".to_owned())));
        assert!(fields.contains(&("__VIEWSTATE".to_owned(), "v2".to_owned())));
        // The token back to the Hub, then the Hub.
        let step = walk.on_page(
            routes::MENTOR,
            r#"<p>Login in progress</p><form method="post" action="https://infomentor.se/swedish/production/mentor/"><input type="hidden" name="oauth_token" value="t2"/></form>"#,
        );
        assert!(matches!(step, WalkStep::Post { .. }));
        assert_eq!(
            walk.on_page(
                "https://hub.infomentor.se/",
                "<script>IMHome.home.homeData = {\"account\":{\"pupils\":[]}};</script>"
            ),
            WalkStep::LoggedIn
        );
    }

    #[test]
    fn the_form_coming_back_is_bad_credentials() {
        let (mut walk, _) = PasswordWalk::start(Some(credentials()));
        assert!(matches!(
            walk.on_page(routes::MENTOR, FORM),
            WalkStep::Post { .. }
        ));
        let again = FORM.replace(
            "</form>",
            "<span class=\"error-message\">Felaktigt användarnamn eller lösenord</span></form>",
        );
        assert_eq!(
            walk.on_page(routes::MENTOR, &again),
            WalkStep::Failed(WalkFailure::BadCredentials)
        );
        assert!(matches!(
            WalkFailure::BadCredentials.into_error(),
            crate::error::Error::Login(crate::error::LoginFailure::InvalidCredentials)
        ));
    }

    #[test]
    fn without_credentials_the_form_fails_and_oauth_is_forced_once() {
        let (mut walk, _) = PasswordWalk::start(None);
        assert!(matches!(
            walk.on_page(routes::MENTOR, FORM),
            WalkStep::Failed(WalkFailure::Lost(_))
        ));
        let (mut walk, _) = PasswordWalk::start(None);
        assert!(matches!(
            walk.force_oauth(),
            Some(WalkStep::Get { url, .. }) if url == routes::FORCE_OAUTH_LOGIN
        ));
        assert_eq!(walk.force_oauth(), None);
        assert!(matches!(
            walk.on_page(
                "https://sso.infomentor.se/login.ashx?idp=x",
                r#"<form method="post" action="https://idp.example/"><input name="SAMLRequest" value="r"></form>"#
            ),
            WalkStep::Failed(WalkFailure::Lost(_))
        ));
        let (mut walk, _) = PasswordWalk::start(None);
        assert_eq!(
            walk.on_page("https://infomentor.se/Error/UserNotAuthenticated", ""),
            WalkStep::Failed(WalkFailure::Refused)
        );
    }
}
