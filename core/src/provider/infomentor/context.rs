//! What the InfoMentor provider, its login and its reads share: the HTTP client (its jar holds
//! the Hub session), what is known of the Hub session (start page, selected pupil), and the two
//! calls everything goes through — loading the start page and one Hub data call — with the pupil
//! switch that guards every child-bound read.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::login::{LoginChoice, LoginKind};
use super::parse::{self, ClassList, HubRoot};
use super::routes::{self, HubEndpoint, WriteBody};
use crate::error::{Error, Result};
use crate::http::HttpClient;
use crate::http::HttpRequest;
use crate::model::{AccountId, Child, EntityId};
use crate::provider::SsoCookie;
use crate::provider::infomentor::InfoMentorPupilRef;

/// How long silent re-login attempts are blocked after one failed.
pub(crate) const SILENT_BLOCK: Duration = Duration::from_secs(300);

/// The shared core of an [`super::InfoMentorProvider`].
pub(crate) struct Context {
    pub(crate) http: HttpClient,
    /// The identity provider of the next federated login, and how the session was obtained.
    choice: std::sync::Mutex<LoginChoice>,
    pub(crate) hub: Mutex<HubState>,
    pub(crate) silent_blocked_until: std::sync::Mutex<Option<Instant>>,
    /// SiteMinder cookies adopted from another provider, put into the fresh jar of the next
    /// login.
    pub(crate) adopted_sso: std::sync::Mutex<(Vec<SsoCookie>, Option<AccountId>)>,
    /// The class list last fetched per child and when, until the next read takes it:
    /// classmates and teachers are two resources of the sync engine but one upstream page.
    pub(crate) class_lists: Mutex<HashMap<EntityId, (Instant, ClassList)>>,
}

/// What the client knows about the Hub session.
#[derive(Default)]
pub(crate) struct HubState {
    pub(crate) root: Option<HubRoot>,
    pub(crate) account: Option<AccountId>,
    pub(crate) original_pupil: Option<String>,
}

/// The last path segment of a URL (the endpoint name in errors).
pub(crate) fn endpoint_of(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once('/').map(|(_, p)| p).unwrap_or("");
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("hub root")
        .to_owned()
}

impl Context {
    /// A context with a fresh jar and no session.
    pub(crate) fn new(http: HttpClient, idp: &str) -> Self {
        Context {
            http,
            choice: std::sync::Mutex::new(LoginChoice::federated(idp)),
            hub: Mutex::new(HubState::default()),
            silent_blocked_until: std::sync::Mutex::new(None),
            adopted_sso: std::sync::Mutex::new((Vec::new(), None)),
            class_lists: Mutex::new(HashMap::new()),
        }
    }

    /// The login choice (identity provider, kind of the current session).
    pub(crate) fn choice(&self) -> LoginChoice {
        self.choice
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The identity-provider key of the federated login.
    pub(crate) fn idp(&self) -> String {
        self.choice().idp
    }

    /// Replaces the login choice.
    pub(crate) fn set_choice(&self, choice: LoginChoice) {
        *self.choice.lock().unwrap_or_else(|p| p.into_inner()) = choice;
    }

    /// Chooses the identity provider of the next federated login.
    pub(crate) fn set_idp(&self, idp: String) {
        self.choice.lock().unwrap_or_else(|p| p.into_inner()).idp = idp;
    }

    /// Records how the current session was obtained.
    pub(crate) fn set_kind(&self, kind: LoginKind) {
        self.choice.lock().unwrap_or_else(|p| p.into_inner()).kind = kind;
    }

    /// Until when silent re-login attempts are blocked.
    pub(crate) fn silent_blocked(&self) -> &std::sync::Mutex<Option<Instant>> {
        &self.silent_blocked_until
    }

    /// Loads and parses the Hub start page (session cookies required).
    pub(crate) async fn load_root(&self, hub: &mut HubState) -> Result<HubRoot> {
        let request = HttpRequest::get("hub root", routes::HUB_ROOT)?;
        let response = self.http.follow(request).await?;
        let html = response.html_text()?;
        let root = parse::parse_hub_root(&html, hub.account.as_ref())?;
        hub.account = Some(root.account.clone());
        hub.root = Some(root.clone());
        Ok(root)
    }

    /// Makes `child` the selected pupil (switching and checking when needed).
    pub(crate) async fn select(&self, hub: &mut HubState, child: &Child) -> Result<()> {
        let want = child
            .refs
            .get::<InfoMentorPupilRef>()
            .map(|r| r.pupil_id)
            .ok_or_else(|| {
                Error::InvalidInput("the child is not an InfoMentor pupil".to_owned())
            })?;
        let root = match &hub.root {
            Some(r) => r.clone(),
            None => self.load_root(hub).await?,
        };
        if root.selected_pupil_id.as_deref() == Some(want.as_str()) {
            return Ok(());
        }
        let pupil = root
            .pupils
            .iter()
            .find(|p| p.pupil_id == want)
            .ok_or_else(|| {
                Error::InvalidInput("the child is not a pupil of this account".to_owned())
            })?;
        let path = pupil
            .switch_path
            .clone()
            .ok_or_else(|| Error::parse("SwitchPupil", "the switch URL failed validation"))?;
        if hub.original_pupil.is_none() {
            hub.original_pupil = root.selected_pupil_id.clone();
        }
        let request = HttpRequest::get("SwitchPupil", &format!("{}{path}", routes::HUB))?;
        let response = self.http.follow(request).await?;
        let html = response.html_text()?;
        let after = parse::parse_hub_root(&html, hub.account.as_ref())?;
        hub.root = Some(after.clone());
        if after.selected_pupil_id.as_deref() != Some(want.as_str()) {
            // The wrong-pupil guard: never read data for the wrong child.
            return Err(Error::WrongChild {
                endpoint: "SwitchPupil".to_owned(),
            });
        }
        Ok(())
    }

    /// One Hub data call (POST, JSON body): the body text, or `None` when the app is not
    /// available for the pupil (a redirect to `HandleUnauthorizedRequest`).
    pub(crate) async fn hub_post(
        &self,
        endpoint: HubEndpoint,
        body: Option<&WriteBody>,
    ) -> Result<Option<String>> {
        let mut request = HttpRequest::post(endpoint.name, &endpoint.url())?;
        for (name, value) in routes::hub_headers() {
            request = request.header(name, value);
        }
        request = match body {
            Some(WriteBody::Json(v)) => request.json(v),
            Some(WriteBody::Form(pairs)) => {
                let pairs: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                request.form(&pairs)
            }
            None => request.body("", "application/json; charset=utf-8"),
        };
        let response = self.http.send(&request).await?;
        let status = response.status();
        if (300..400).contains(&status) {
            let location = response
                .location()
                .map(|u| u.to_string())
                .unwrap_or_default();
            return match parse::classify_redirect(&location) {
                parse::RedirectMeaning::NotAvailable => Ok(None),
                parse::RedirectMeaning::SessionExpired => Err(Error::SessionExpired {
                    endpoint: endpoint.name.to_owned(),
                }),
                parse::RedirectMeaning::Error | parse::RedirectMeaning::Follow => Err(
                    Error::upstream(endpoint.name, Some(status), "unexpected redirect"),
                ),
            };
        }
        if status == 401 || status == 403 {
            return Err(Error::SessionExpired {
                endpoint: endpoint.name.to_owned(),
            });
        }
        response.ensure_success()?;
        Ok(Some(response.text().into_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_names() {
        assert_eq!(
            endpoint_of("https://sso.infomentor.se/login.ashx?idp=x"),
            "login.ashx"
        );
        assert_eq!(
            endpoint_of("https://infomentor.se/swedish/production/mentor/"),
            "mentor"
        );
        assert_eq!(endpoint_of("https://hub.infomentor.se/"), "hub root");
    }
}
