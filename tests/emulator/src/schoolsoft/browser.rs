//! A scripted browser for SchoolSoft's OAuth login, for tests: given the authorization address
//! a client opens, it does what the React app and the guardian would — reads the parameters
//! after the `#`, calls the SAML start with them, walks GrandID (the personal number of the
//! emulator's guardian, `collect` until the BankID script completes), posts the SAML response
//! back to Shibboleth — and returns the address SchoolSoft finally sends the browser to
//! (`redirect_uri?code&state`), without loading it. Every hop is a real HTTPS request to the
//! emulator under the real host names, with one cookie jar.

use skolbryggan::http::{HttpClient, HttpConfig, HttpRequest, HttpResponse};
use skolbryggan::provider::schoolsoft::{HOSTS, LOGIN_HOSTS};

use crate::EmulatorHandle;

/// Where the scripted browser stopped instead of reaching the redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserStop {
    /// The authorization address is not the React app's guardian login.
    NotAnAuthorizeUrl,
    /// A hop answered with this status where the walk expected another (`step` names it).
    Status {
        /// The step: `saml`, `sso`, `pnr`, `collect`, `resume`, `shibboleth`.
        step: &'static str,
        /// The HTTP status.
        status: u16,
    },
    /// A hop failed at the transport or its answer lacked what the next hop needs.
    Broken(String),
}

fn broken(e: impl std::fmt::Display) -> BrowserStop {
    BrowserStop::Broken(e.to_string())
}

fn expect(step: &'static str, response: &HttpResponse, want: u16) -> Result<(), BrowserStop> {
    if response.status() == want {
        Ok(())
    } else {
        Err(BrowserStop::Status {
            step,
            status: response.status(),
        })
    }
}

fn location(response: &HttpResponse) -> Result<String, BrowserStop> {
    response
        .location()
        .map(|l| l.to_string())
        .ok_or_else(|| broken("no Location"))
}

/// The value of the hidden input `name` of an auto-post form.
fn hidden(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let value = tag.split("value=\"").nth(1)?.split('"').next()?;
    Some(
        value
            .replace("&amp;", "&")
            .replace("&#x2B;", "+")
            .replace("&#43;", "+"),
    )
}

impl EmulatorHandle {
    /// Plays the browser of a SchoolSoft OAuth login from `authorize_url` to the redirect back
    /// (see the module doc); the address returned carries `code` and `state`.
    pub async fn schoolsoft_browser_login(
        &self,
        authorize_url: &str,
    ) -> Result<String, BrowserStop> {
        let (app, params) = authorize_url
            .split_once("#/login/parent?")
            .ok_or(BrowserStop::NotAnAuthorizeUrl)?;
        let base = app
            .strip_suffix("react/")
            .ok_or(BrowserStop::NotAnAuthorizeUrl)?;
        let config =
            HttpConfig::with_upstream(self.upstream_override()).for_provider(HOSTS, LOGIN_HOSTS);
        let http = HttpClient::new(&config).map_err(broken)?;
        let send = |request: HttpRequest| {
            let http = http.clone();
            async move { http.send(&request.login_flow()).await.map_err(broken) }
        };
        // The React app reads its parameters from the fragment and starts the SAML login.
        let shell = send(HttpRequest::get("react", app).map_err(broken)?).await?;
        expect("react", &shell, 200)?;
        let mut saml = format!("{base}rest-api/login/parent/saml?");
        for pair in params.split('&') {
            let (name, _) = pair.split_once('=').unwrap_or((pair, ""));
            if matches!(
                name,
                "state" | "client_id" | "redirect_uri" | "code_challenge" | "code_challenge_method"
            ) {
                saml.push_str(pair);
                saml.push('&');
            }
        }
        saml.push_str("lang=sv");
        let start = send(HttpRequest::get("saml", &saml).map_err(broken)?).await?;
        expect("saml", &start, 302)?;
        // GrandID: its IdP → the BankID page of a new session.
        let sso = send(HttpRequest::get("sso", &location(&start)?).map_err(broken)?).await?;
        expect("sso", &sso, 302)?;
        let landing = location(&sso)?;
        let sid = landing
            .split_once("sessionid=")
            .and_then(|(_, rest)| rest.split('&').next())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| broken("no GrandID session"))?
            .to_owned();
        let grandid = |flag: &str| format!("https://login.grandid.com/?sessionid={sid}{flag}");
        let number = self.shared.lock().guardian_personal_number.clone();
        let pnr = send(
            HttpRequest::post("pnr", &grandid("&bankid=1"))
                .map_err(broken)?
                .form(&[("pnr", number.as_str())]),
        )
        .await?;
        expect("pnr", &pnr, 200)?;
        let mut complete = false;
        for _ in 0..100 {
            let poll =
                send(HttpRequest::get("collect", &grandid("&collect=1")).map_err(broken)?).await?;
            expect("collect", &poll, 200)?;
            let answer: serde_json::Value = serde_json::from_slice(poll.body()).map_err(broken)?;
            match answer["response"].as_str() {
                Some("complete") => {
                    complete = true;
                    break;
                }
                Some("outstandingTransaction") => {}
                other => return Err(broken(format!("BankID ended with {other:?}"))),
            }
        }
        if !complete {
            return Err(broken("BankID never completed"));
        }
        let done = send(HttpRequest::get("resume", &grandid("")).map_err(broken)?).await?;
        expect("resume", &done, 302)?;
        let resume = send(HttpRequest::get("resume", &location(&done)?).map_err(broken)?).await?;
        expect("resume", &resume, 200)?;
        let page = resume.text();
        let action = page
            .split("action=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .ok_or_else(|| broken("no SAML form"))?
            .to_owned();
        let response = hidden(&page, "SAMLResponse").ok_or_else(|| broken("no SAMLResponse"))?;
        let relay = hidden(&page, "RelayState").ok_or_else(|| broken("no RelayState"))?;
        let post = send(
            HttpRequest::post("shibboleth", &action)
                .map_err(broken)?
                .form(&[("SAMLResponse", &response), ("RelayState", &relay)]),
        )
        .await?;
        expect("shibboleth", &post, 302)?;
        location(&post)
    }
}
