//! The login walk from `sso.infomentor.se` to the BankID page and, after `OK`, through the SAML
//! and InfoMentor hand-off to the Hub — as a pure state machine: the client feeds it every page
//! it lands on (final URL after redirects, HTML) and performs the step it answers.
//!
//! See `infomentor.md`, "Login with Mobile BankID", steps 1, 4 and 5.

use crate::error::{Error, LoginFailure};
use crate::provider::infomentor::parse::{HtmlForm, LoginPage, classify_login_page};
use crate::provider::infomentor::routes;

/// Pages walked at most before the BankID page must have been reached.
const MAX_PAGES: u32 = 8;
/// Interstitial forms posted at most in the hand-off.
const MAX_HANDOFF_ROUNDS: u32 = 6;
/// Chooser forms followed at most in the fallback after `OK`.
const MAX_FALLBACK_ROUNDS: u32 = 3;

/// What the client does next. `Debug` shows form field names only (values are SAML
/// assertions, tokens and, in the password login, the password).
#[derive(Clone, PartialEq, Eq)]
pub enum WalkStep {
    /// `GET url` and follow redirects, with this `Referer` (kept on every hop).
    Get {
        /// Absolute URL.
        url: String,
        /// The `Referer` to send, if any.
        referer: Option<String>,
    },
    /// Post the form-encoded `fields` to `url` and follow redirects.
    Post {
        /// Absolute URL.
        url: String,
        /// The fields, in page order.
        fields: Vec<(String, String)>,
        /// The `Referer` to send.
        referer: Option<String>,
    },
    /// The BankID page `P` is reached: start an order on it.
    BankIdPage {
        /// The page URL (with its SiteMinder query).
        url: String,
    },
    /// The Hub session exists: confirm it and read the start page.
    LoggedIn,
    /// The login failed.
    Failed(WalkFailure),
}

impl std::fmt::Debug for WalkStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalkStep::Get { url, referer } => f
                .debug_struct("Get")
                .field("url", url)
                .field("referer", referer)
                .finish(),
            WalkStep::Post {
                url,
                fields,
                referer,
            } => f
                .debug_struct("Post")
                .field("url", url)
                .field(
                    "fields",
                    &fields.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
                )
                .field("referer", referer)
                .finish(),
            WalkStep::BankIdPage { url } => f.debug_struct("BankIdPage").field("url", url).finish(),
            WalkStep::LoggedIn => f.write_str("LoggedIn"),
            WalkStep::Failed(why) => f.debug_tuple("Failed").field(why).finish(),
        }
    }
}

/// Why the walk failed (turned into an [`Error`] by [`WalkFailure::into_error`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkFailure {
    /// A page of the chain was an `/Error/` page (`UserNotAuthenticated`).
    Refused,
    /// A bot-check challenge page.
    Challenge,
    /// The walk took too many steps or found no way on.
    Lost(&'static str),
    /// Signed, but no SAML response could be obtained.
    NoSamlResponse,
    /// The IM1 login form came back after the username and password were posted.
    BadCredentials,
}

impl WalkFailure {
    /// The crate error for this failure.
    pub fn into_error(self) -> Error {
        match self {
            WalkFailure::Refused => Error::Login(LoginFailure::Rejected(
                "InfoMentor refused the login (UserNotAuthenticated)".to_owned(),
            )),
            WalkFailure::Challenge => Error::upstream(
                "login.ashx",
                None,
                "a bot-check (challenge) page blocked the login",
            ),
            WalkFailure::Lost(what) => Error::Login(LoginFailure::NoSession(what.to_owned())),
            WalkFailure::NoSamlResponse => Error::Login(LoginFailure::NoSession(
                "no SAML response after the identification".to_owned(),
            )),
            WalkFailure::BadCredentials => Error::Login(LoginFailure::InvalidCredentials),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    ToBankId,
    AfterOk,
    Handoff,
    Done,
    Failed(WalkFailure),
}

/// The walk's state.
#[derive(Debug, Clone)]
pub struct SsoWalk {
    phase: Phase,
    pages: u32,
    handoff_rounds: u32,
    fallback_rounds: u32,
    startpage: Option<String>,
    tried_startpage: bool,
    bankid_page: Option<String>,
    known_idp: bool,
}

impl SsoWalk {
    /// A walk for the identity provider `idp` and its first step.
    pub fn start(idp: &str) -> (Self, WalkStep) {
        (
            SsoWalk {
                phase: Phase::ToBankId,
                pages: 0,
                handoff_rounds: 0,
                fallback_rounds: 0,
                startpage: None,
                tried_startpage: false,
                bankid_page: None,
                known_idp: is_known_idp(idp),
            },
            WalkStep::Get {
                url: routes::sso_start(idp),
                referer: None,
            },
        )
    }

    /// The BankID page URL, once reached.
    pub fn bankid_page(&self) -> Option<&str> {
        self.bankid_page.as_deref()
    }

    /// The decoded `startpage` of the method chooser (the SAML target page), if seen.
    pub fn startpage_target(&self) -> Option<String> {
        self.startpage.as_deref().and_then(decode_startpage)
    }

    /// After BankID said `OK`: load the BankID page again.
    pub fn after_ok(&mut self) -> WalkStep {
        self.phase = Phase::AfterOk;
        match &self.bankid_page {
            Some(p) => WalkStep::Get {
                url: p.clone(),
                referer: None,
            },
            None => WalkStep::Failed(WalkFailure::Lost("no BankID page")),
        }
    }

    /// The next step after landing on `url` with `html`.
    pub fn on_page(&mut self, url: &str, html: &str) -> WalkStep {
        if let Phase::Failed(f) = &self.phase {
            return WalkStep::Failed(f.clone());
        }
        let page = classify_login_page(url, html);
        match page {
            LoginPage::Refused => return self.fail(WalkFailure::Refused),
            LoginPage::Challenge => return self.fail(WalkFailure::Challenge),
            _ => {}
        }
        match self.phase.clone() {
            Phase::ToBankId => self.step_to_bankid(url, page),
            Phase::AfterOk => self.after_ok_page(url, html, page),
            Phase::Handoff => self.handoff(url, page),
            Phase::Done => WalkStep::LoggedIn,
            Phase::Failed(f) => WalkStep::Failed(f),
        }
    }

    fn fail(&mut self, failure: WalkFailure) -> WalkStep {
        self.phase = Phase::Failed(failure.clone());
        WalkStep::Failed(failure)
    }

    fn step_to_bankid(&mut self, url: &str, page: LoginPage) -> WalkStep {
        self.pages += 1;
        if self.pages > MAX_PAGES {
            return self.fail(WalkFailure::Lost("the BankID page was not reached"));
        }
        match page {
            LoginPage::SamlResponse { form } | LoginPage::Interstitial { form } => {
                // A live SiteMinder session: no BankID needed.
                self.phase = Phase::Handoff;
                self.post(url, &form)
            }
            LoginPage::SamlRequest { form } => self.post(url, &form),
            LoginPage::MethodChooser {
                bankid_href,
                startpage,
            } => {
                self.startpage = startpage;
                match resolve(url, &bankid_href) {
                    Some(next) => WalkStep::Get {
                        url: next,
                        referer: referer_for(url, &bankid_href),
                    },
                    None => self.fail(WalkFailure::Lost("unusable BankID link")),
                }
            }
            LoginPage::Hub => {
                self.phase = Phase::Done;
                WalkStep::LoggedIn
            }
            LoginPage::PasswordForm { .. } => {
                self.fail(WalkFailure::Lost("a password form instead of BankID"))
            }
            LoginPage::Other => {
                self.bankid_page = Some(url.to_owned());
                WalkStep::BankIdPage {
                    url: url.to_owned(),
                }
            }
            LoginPage::Refused | LoginPage::Challenge => {
                self.fail(WalkFailure::Lost("unexpected page"))
            }
        }
    }

    fn after_ok_page(&mut self, url: &str, html: &str, page: LoginPage) -> WalkStep {
        match page {
            LoginPage::SamlResponse { form } | LoginPage::Interstitial { form } => {
                self.phase = Phase::Handoff;
                self.post(url, &form)
            }
            LoginPage::SamlRequest { form } => self.post(url, &form),
            LoginPage::Hub => {
                self.phase = Phase::Done;
                WalkStep::LoggedIn
            }
            _ => {
                // The hand-off bounced: try the saved SAML target, then the chooser forms.
                if !self.tried_startpage
                    && let Some(target) = self.startpage_target()
                {
                    self.tried_startpage = true;
                    return WalkStep::Get {
                        url: target,
                        referer: None,
                    };
                }
                self.fallback_rounds += 1;
                if self.fallback_rounds > MAX_FALLBACK_ROUNDS {
                    return self.fail(WalkFailure::NoSamlResponse);
                }
                let form_action = crate::provider::infomentor::parse::forms(html)
                    .into_iter()
                    .find_map(|f| f.action)
                    .and_then(|a| resolve(url, &a));
                match form_action {
                    Some(next) => WalkStep::Get {
                        url: next,
                        referer: None,
                    },
                    None => self.fail(WalkFailure::NoSamlResponse),
                }
            }
        }
    }

    fn handoff(&mut self, url: &str, page: LoginPage) -> WalkStep {
        match page {
            LoginPage::SamlResponse { form }
            | LoginPage::SamlRequest { form }
            | LoginPage::Interstitial { form } => {
                self.handoff_rounds += 1;
                if self.handoff_rounds > MAX_HANDOFF_ROUNDS {
                    return self.fail(WalkFailure::Lost("the hand-off did not end"));
                }
                self.post(url, &form)
            }
            LoginPage::Hub => {
                self.phase = Phase::Done;
                WalkStep::LoggedIn
            }
            _ if host_of(url).as_deref() == Some("hub.infomentor.se") => {
                // The Hub answered with something else than its start page; the client
                // confirms with `isauthenticated`.
                self.phase = Phase::Done;
                WalkStep::LoggedIn
            }
            _ => self.fail(WalkFailure::Lost("the hand-off ended outside the Hub")),
        }
    }

    fn post(&mut self, page_url: &str, form: &HtmlForm) -> WalkStep {
        match form_step(page_url, form) {
            Some(step) => step,
            None => self.fail(WalkFailure::Lost("unusable form action")),
        }
    }
}

impl PageWalk for SsoWalk {
    fn on_page(&mut self, url: &str, html: &str) -> WalkStep {
        SsoWalk::on_page(self, url, html)
    }

    fn stays_on_known_hosts(&self) -> bool {
        self.known_idp
    }
}

/// True for an identity provider whose hosts are all in [`crate::provider::infomentor::hosts::HOSTS`]
/// (Stockholm's, and the emulator's made-up municipality). Another municipality's IdP lives on
/// hosts of its own that are not known in advance.
fn is_known_idp(idp: &str) -> bool {
    idp == routes::STOCKHOLM_GUARDIAN_IDP
        || idp == crate::provider::infomentor::hosts::EMULATED_MUNICIPALITY_IDP
}

/// A login walk the HTTP driver can run: it is fed every page it lands on and answers the next
/// step.
pub trait PageWalk {
    /// The next step after landing on `url` with `html`.
    fn on_page(&mut self, url: &str, html: &str) -> WalkStep;

    /// True when every page of this walk is on one of the provider's own hosts, so a step or a
    /// redirect anywhere else ends the walk (a hostile page must not receive the next SAML
    /// response). False for a walk through a municipality's own identity provider, whose hosts
    /// are not known in advance (HTTPS still applies).
    fn stays_on_known_hosts(&self) -> bool {
        true
    }
}

/// The step that submits `form` of the page at `page_url` the way a browser does: a `POST` of
/// its fields to its resolved action, or for a `GET` form the fields as the action's query.
/// `None` when the action is not an `http(s)` URL.
pub fn form_step(page_url: &str, form: &HtmlForm) -> Option<WalkStep> {
    let action = form.action.as_deref().unwrap_or(page_url);
    let url = resolve(page_url, action)?;
    if form.method == "GET" {
        // A GET form: the fields replace the action's query.
        let base = url.split(['?', '#']).next().unwrap_or(&url).to_owned();
        let query: Vec<String> = form
            .fields
            .iter()
            .map(|(k, v)| format!("{}={}", routes::query_escape(k), routes::query_escape(v)))
            .collect();
        let target = if query.is_empty() {
            base
        } else {
            format!("{base}?{}", query.join("&"))
        };
        Some(WalkStep::Get {
            referer: referer_for(page_url, &target),
            url: target,
        })
    } else {
        Some(WalkStep::Post {
            referer: referer_for(page_url, &url),
            url,
            fields: form.fields.clone(),
        })
    }
}

/// The host of an absolute URL, lower-case.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    Some(host.to_ascii_lowercase())
}

/// The `Referer` a browser sends from `page` to `target`: the full page URL on the same host,
/// the page's origin on another host.
fn referer_for(page: &str, target: &str) -> Option<String> {
    let target_host = resolve(page, target).and_then(|t| host_of(&t));
    if target_host.is_some() && target_host == host_of(page) {
        Some(page.to_owned())
    } else {
        routes::origin_of(page).map(|o| format!("{o}/"))
    }
}

/// Resolves `href` against the absolute `base` URL (absolute, scheme-relative, root-relative,
/// query-only and path-relative references). Only `http`/`https` results are returned.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    let out = if lower.starts_with("https://") || lower.starts_with("http://") {
        href.to_owned()
    } else if href.contains(':') && !href.starts_with('/') && !href.starts_with('?') && {
        let colon = href.find(':').unwrap_or(0);
        !href[..colon].contains(['/', '?', '#'])
    } {
        // Another scheme (javascript:, mailto:): not followed.
        return None;
    } else {
        let (scheme, rest) = base.split_once("://")?;
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = rest.get(..authority_end)?;
        let path_and_more = rest.get(authority_end..).unwrap_or("");
        let path = path_and_more
            .split(['?', '#'])
            .next()
            .filter(|p| !p.is_empty())
            .unwrap_or("/");
        if let Some(h) = href.strip_prefix("//") {
            format!("{scheme}://{h}")
        } else if href.starts_with('/') {
            format!("{scheme}://{authority}{href}")
        } else if href.starts_with('?') {
            format!("{scheme}://{authority}{path}{href}")
        } else if href.is_empty() {
            base.split('#').next().unwrap_or(base).to_owned()
        } else {
            let dir = path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
            format!("{scheme}://{authority}{dir}/{href}")
        }
    };
    let scheme_ok = out.to_ascii_lowercase().starts_with("https://")
        || out.to_ascii_lowercase().starts_with("http://");
    scheme_ok.then_some(out)
}

/// Decodes a `startpage` parameter: base64 (standard or URL-safe alphabet, padding optional) of
/// an `https` URL. Anything else is `None`.
pub fn decode_startpage(b64: &str) -> Option<String> {
    let mut bits: u32 = 0;
    let mut nbits = 0u32;
    let mut out = Vec::new();
    for c in b64.trim().bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            out.push(u8::try_from((bits >> nbits) & 0xff).ok()?);
        }
    }
    let text = String::from_utf8(out).ok()?;
    text.to_ascii_lowercase()
        .starts_with("https://")
        .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "https://login003.stockholm.se/NECSadcmbid/authenticate/NECSadcmbid?TYPE=1";

    #[test]
    fn resolves_references() {
        let base = "https://login001.stockholm.se/NECSadc/medborgare.jsp?x=1";
        assert_eq!(
            resolve(base, "/a/b").as_deref(),
            Some("https://login001.stockholm.se/a/b")
        );
        assert_eq!(
            resolve(base, "mbid/start.jsp?s=1").as_deref(),
            Some("https://login001.stockholm.se/NECSadc/mbid/start.jsp?s=1")
        );
        assert_eq!(
            resolve(base, "?y=2").as_deref(),
            Some("https://login001.stockholm.se/NECSadc/medborgare.jsp?y=2")
        );
        assert_eq!(
            resolve(base, "//sso.infomentor.se/login.ashx").as_deref(),
            Some("https://sso.infomentor.se/login.ashx")
        );
        assert_eq!(resolve(base, "javascript:void(0)"), None);
        assert_eq!(
            resolve("https://hub.infomentor.se", "x").as_deref(),
            Some("https://hub.infomentor.se/x")
        );
    }

    #[test]
    fn startpage_decoding() {
        // "https://login001.stockholm.se/medborgareonly.jsp?SAMLRequest=ab" without padding,
        // URL-safe.
        let b64 =
            "aHR0cHM6Ly9sb2dpbjAwMS5zdG9ja2hvbG0uc2UvbWVkYm9yZ2FyZW9ubHkuanNwP1NBTUxSZXF1ZXN0PWFi";
        assert_eq!(
            decode_startpage(b64).as_deref(),
            Some("https://login001.stockholm.se/medborgareonly.jsp?SAMLRequest=ab")
        );
        assert_eq!(decode_startpage("!!"), None);
        assert_eq!(decode_startpage("aGVsbG8="), None); // "hello": not a URL
    }

    #[test]
    fn bankid_walk_and_handoff() {
        let (mut walk, first) = SsoWalk::start("stockholm_par");
        assert_eq!(
            first,
            WalkStep::Get {
                url: "https://sso.infomentor.se/login.ashx?idp=stockholm_par".to_owned(),
                referer: None
            }
        );
        // The IdP's SAMLRequest form.
        let step = walk.on_page(
            "https://sso.infomentor.se/login.ashx?idp=stockholm_par",
            r#"<form method="post" action="https://login001.stockholm.se/affwebservices/public/saml2sso"><input type="hidden" name="SAMLRequest" value="req"></form>"#,
        );
        let WalkStep::Post {
            url,
            fields,
            referer,
        } = step
        else {
            panic!("{step:?}")
        };
        assert_eq!(
            url,
            "https://login001.stockholm.se/affwebservices/public/saml2sso"
        );
        assert_eq!(fields, vec![("SAMLRequest".to_owned(), "req".to_owned())]);
        assert_eq!(referer.as_deref(), Some("https://sso.infomentor.se/"));
        // The chooser.
        let step = walk.on_page(
            "https://login001.stockholm.se/NECSadc/medborgare.jsp",
            r#"<a href="/NECSadc/mbid/b64startpage.jsp?startpage=aHR0cHM6Ly9sb2dpbjAwMS5zdG9ja2hvbG0uc2UvbWVkYm9yZ2FyZW9ubHkuanNwP1NBTUxSZXF1ZXN0PWFi">BankID</a>"#,
        );
        assert!(
            matches!(&step, WalkStep::Get { url, .. } if url.starts_with("https://login001.stockholm.se/NECSadc/mbid/"))
        );
        assert_eq!(
            walk.startpage_target().as_deref(),
            Some("https://login001.stockholm.se/medborgareonly.jsp?SAMLRequest=ab")
        );
        // The BankID page.
        assert_eq!(
            walk.on_page(P, "<html><body>Mobilt BankID</body></html>"),
            WalkStep::BankIdPage { url: P.to_owned() }
        );
        // After OK: a fresh BankID page (bounce) → the saved target → the SAML response.
        assert_eq!(
            walk.after_ok(),
            WalkStep::Get {
                url: P.to_owned(),
                referer: None
            }
        );
        let step = walk.on_page(P, "<html><body>Mobilt BankID</body></html>");
        assert_eq!(
            step,
            WalkStep::Get {
                url: "https://login001.stockholm.se/medborgareonly.jsp?SAMLRequest=ab".to_owned(),
                referer: None
            }
        );
        let step = walk.on_page(
            "https://login001.stockholm.se/affwebservices/public/saml2sso",
            r#"<form method="post" action="https://sso.infomentor.se/login.ashx?idp=stockholm_par"><input type="hidden" name="SAMLResponse" value="resp"><input type="hidden" name="RelayState" value="rs"></form>"#,
        );
        assert!(
            matches!(&step, WalkStep::Post { url, .. } if url == "https://sso.infomentor.se/login.ashx?idp=stockholm_par")
        );
        // The interstitial.
        let step = walk.on_page(
            "https://sso.infomentor.se/login.ashx?idp=stockholm_par",
            r#"<title>Login in progress</title><form action="https://infomentor.se/swedish/production/mentor/" method="post"><input type="hidden" name="oauth_token" value="t"></form>"#,
        );
        let WalkStep::Post { url, referer, .. } = step else {
            panic!("{step:?}")
        };
        assert_eq!(url, "https://infomentor.se/swedish/production/mentor/");
        assert_eq!(referer.as_deref(), Some("https://sso.infomentor.se/"));
        // The Hub.
        assert_eq!(
            walk.on_page(
                "https://hub.infomentor.se/",
                "<script>IMHome.home.homeData = {\"account\":{\"pupils\":[]}};</script>"
            ),
            WalkStep::LoggedIn
        );
    }

    #[test]
    fn get_forms_become_queries() {
        let (mut walk, _) = SsoWalk::start("stockholm_par");
        let step = walk.on_page(
            "https://sso.infomentor.se/login.ashx?idp=stockholm_par",
            r#"<form method="get" action="https://login001.stockholm.se/affwebservices/public/saml2sso?old=1"><input type="hidden" name="SAMLRequest" value="a+b/c="><input type="hidden" name="RelayState" value="IM"></form>"#,
        );
        assert_eq!(
            step,
            WalkStep::Get {
                url: "https://login001.stockholm.se/affwebservices/public/saml2sso?SAMLRequest=a%2Bb%2Fc%3D&RelayState=IM".to_owned(),
                referer: Some("https://sso.infomentor.se/".to_owned()),
            }
        );
    }

    #[test]
    fn live_siteminder_session_and_failures() {
        let (mut walk, _) = SsoWalk::start("stockholm_par");
        let step = walk.on_page(
            "https://login001.stockholm.se/affwebservices/public/saml2sso",
            r#"<form method="post" action="https://sso.infomentor.se/login.ashx?idp=stockholm_par"><input name="SAMLResponse" value="r"></form>"#,
        );
        assert!(matches!(step, WalkStep::Post { .. }));
        assert_eq!(
            walk.on_page("https://infomentor.se/Error/UserNotAuthenticated", ""),
            WalkStep::Failed(WalkFailure::Refused)
        );

        let (mut walk, _) = SsoWalk::start("stockholm_par");
        let mut last = WalkStep::LoggedIn;
        for _ in 0..10 {
            last = walk.on_page(
                "https://sso.infomentor.se/x",
                r#"<form action="/y"><input name="SAMLRequest" value="loop"></form>"#,
            );
        }
        assert!(matches!(last, WalkStep::Failed(WalkFailure::Lost(_))));
        assert!(matches!(
            WalkFailure::Refused.into_error(),
            Error::Login(LoginFailure::Rejected(_))
        ));
    }
}
