//! What the Vklass provider, its logins and its reads share: the HTTP client (its jar holds the
//! `se.vklass.authentication` ticket), the chosen organisation, what is known of the session
//! (guardian, wards), and the one way every custodian call is made — without following
//! redirects, a redirect, 401 or 403 meaning "session expired".

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use super::parse::{self, AbsenceForm, Guardian};
use super::routes;
use crate::error::{Error, Result};
use crate::http::{HttpClient, HttpRequest, HttpResponse};
use crate::model::{AccountId, Child, ChildRefs, EntityId, EntityKind, Platform};
use crate::provider::vklass::VklassPupilRef;

/// How long a read of the absence page answers the children and absence reads again.
const WARDS_REUSE: Duration = Duration::from_secs(60);

/// What an absence report sent in this session led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReportOutcome {
    /// Vklass accepted it (302 back to the form).
    Accepted,
    /// The connection broke after sending: it may or may not have been saved.
    Unknown,
}

/// What the client knows about the session.
#[derive(Default)]
pub(crate) struct SessionState {
    pub(crate) account: Option<AccountId>,
    pub(crate) guardian: Option<Guardian>,
    pub(crate) wards: Option<(Instant, AbsenceForm)>,
    /// Absence reports of this session per (pupil id, day).
    pub(crate) reports: HashMap<(String, Date), ReportOutcome>,
}

/// The saved-session secret: the cookie jar and the organisation chosen before login.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SessionSecret {
    pub(crate) cookies: String,
    #[serde(default)]
    pub(crate) organisation: Option<String>,
}

/// The shared core of a [`super::VklassProvider`].
pub(crate) struct Context {
    pub(crate) http: HttpClient,
    pub(crate) organisation: std::sync::Mutex<Option<String>>,
    pub(crate) state: Mutex<SessionState>,
    /// Username and password of a password login, kept in memory only, for one silent
    /// re-login when the session dies.
    pub(crate) credentials: std::sync::Mutex<Option<(String, crate::provider::Password)>>,
}

/// The endpoint name of a URL (its last path segment).
pub(crate) fn endpoint_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.path_segments()
                .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(str::to_owned))
        })
        .unwrap_or_else(|| "root".to_owned())
}

/// Classifies a custodian answer that must not be a redirect: a redirect, 401 or 403 is
/// [`Error::SessionExpired`]; other failures are the HTTP layer's typed errors.
pub(crate) fn check_custodian(response: &HttpResponse) -> Result<()> {
    let status = response.status();
    if (300..400).contains(&status) || status == 401 || status == 403 {
        return Err(Error::SessionExpired {
            endpoint: response.endpoint().to_owned(),
        });
    }
    response.ensure_success()
}

impl Context {
    /// A context with a fresh jar and no session.
    pub(crate) fn new(http: HttpClient) -> Self {
        Context {
            http,
            organisation: std::sync::Mutex::new(None),
            state: Mutex::new(SessionState::default()),
            credentials: std::sync::Mutex::new(None),
        }
    }

    /// The chosen organisation.
    pub(crate) fn organisation(&self) -> Option<String> {
        self.organisation
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn custodian_request(request: HttpRequest) -> HttpRequest {
        request
            .header("accept", "*/*")
            .header("accept-language", routes::ACCEPT_LANGUAGE)
    }

    /// `GET url` on the custodian host without following redirects; the body of a 2xx answer.
    pub(crate) async fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<String> {
        let mut request = Self::custodian_request(HttpRequest::get(&endpoint_of(url), url)?);
        for (n, v) in headers {
            request = request.header(n, v);
        }
        let response = self.http.send(&request).await?;
        check_custodian(&response)?;
        Ok(response.text().into_owned())
    }

    /// `GET url` of a JSON endpoint: an HTML answer is a login page seen after a redirect, so
    /// [`Error::SessionExpired`].
    pub(crate) async fn get_json(&self, url: &str, headers: &[(&str, &str)]) -> Result<String> {
        let mut request = Self::custodian_request(HttpRequest::get(&endpoint_of(url), url)?);
        for (n, v) in headers {
            request = request.header(n, v);
        }
        let response = self.http.send(&request).await?;
        check_custodian(&response)?;
        Ok(response.json_text()?.into_owned())
    }

    /// A form `POST` on the custodian host without following redirects: the raw answer (the
    /// caller classifies it).
    pub(crate) async fn post_form(
        &self,
        url: &str,
        pairs: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Result<HttpResponse> {
        let mut request = Self::custodian_request(HttpRequest::post(&endpoint_of(url), url)?)
            .header("origin", routes::CUSTODIAN_ORIGIN)
            .form(pairs);
        for (n, v) in headers {
            request = request.header(n, v);
        }
        self.http.send(&request).await
    }

    /// Reads the shell, keeping the guardian and the account.
    pub(crate) async fn load_guardian(&self, state: &mut SessionState) -> Result<Guardian> {
        let html = self.get(routes::ROOT, &[]).await?;
        let guardian = parse::parse_root(&html)?;
        let account = guardian.account();
        if state.account.as_ref().is_some_and(|a| *a != account) {
            // Another guardian's session: forget what belonged to the old one.
            state.wards = None;
            state.reports.clear();
        }
        state.account = Some(account);
        state.guardian = Some(guardian.clone());
        Ok(guardian)
    }

    /// The account, reading the shell if it is not known yet.
    pub(crate) async fn account(&self, state: &mut SessionState) -> Result<AccountId> {
        match &state.account {
            Some(a) => Ok(a.clone()),
            None => Ok(self.load_guardian(state).await?.account()),
        }
    }

    /// The absence page, fresh (`fresh`) or as read within [`WARDS_REUSE`].
    pub(crate) async fn absence_form(
        &self,
        state: &mut SessionState,
        fresh: bool,
    ) -> Result<AbsenceForm> {
        if !fresh
            && let Some((at, form)) = &state.wards
            && at.elapsed() < WARDS_REUSE
        {
            return Ok(form.clone());
        }
        let html = self.get(routes::ABSENCE_NOTIFY, &[]).await?;
        let form = parse::parse_absence_form(&html)?;
        state.wards = Some((Instant::now(), form.clone()));
        Ok(form)
    }

    /// The guardian's children, from the absence page's ward list.
    pub(crate) async fn children(&self, state: &mut SessionState) -> Result<Vec<Child>> {
        let account = self.account(state).await?;
        let form = self.absence_form(state, true).await?;
        Ok(form
            .wards
            .iter()
            .map(|w| Child {
                id: EntityId::new(Platform::Vklass, &account, EntityKind::Child, &w.id),
                platform: Platform::Vklass,
                first_name: w.name.clone(),
                last_name: String::new(),
                school_forms: Vec::new(),
                school: None,
                class_name: None,
                school_year: None,
                refs: ChildRefs::with(&VklassPupilRef {
                    pupil_id: w.id.clone(),
                }),
            })
            .collect())
    }
}

/// The pupil id of a child of this provider ([`Error::InvalidInput`] for another platform's).
pub(crate) fn pupil_id(child: &Child) -> Result<String> {
    child
        .refs
        .get::<VklassPupilRef>()
        .map(|r| r.pupil_id)
        .or_else(|| (child.platform == Platform::Vklass).then(|| child.id.local().to_owned()))
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| Error::InvalidInput("the child is not a Vklass pupil".to_owned()))
}
