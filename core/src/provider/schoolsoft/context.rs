//! What the SchoolSoft provider, its login and its reads share: the HTTP client (its jar holds
//! the web session), the chosen tenant, what is known of the session (account, parent header),
//! and the calls every read goes through — one web REST / JSP call that treats a bounce to the
//! login pages as an expired session, the focus switch with the wrong-child guard, and for a
//! browser login the silent rebuild of a dead web session from its tokens.

use tokio::sync::Mutex;

use super::SchoolSoftChildRef;
use super::eva_session::{self, EvaSession};
use super::parse::{self, ParentHeader};
use super::routes::Tenant;
use super::school_list_cache::SchoolListCache;
use crate::error::{Error, Result};
use crate::http::{HttpClient, HttpRequest, HttpResponse};
use crate::model::{AccountId, AccountKey, Child};

/// The shared core of a [`super::SchoolSoftProvider`].
pub(crate) struct Context {
    pub(crate) http: HttpClient,
    pub(crate) tenant: std::sync::Mutex<Option<Tenant>>,
    /// Held for the whole of a child-bound read: focus switch, check and read never interleave
    /// with another child's.
    pub(crate) session: Mutex<SessionState>,
    /// The public school list, downloaded once a day for every search.
    pub(crate) schools: SchoolListCache,
    /// The installation's key of account ids (a guardian's account is a keyed hash of their
    /// personal number).
    pub(crate) account_key: AccountKey,
}

/// What the client knows about the web session.
#[derive(Default)]
pub(crate) struct SessionState {
    pub(crate) account: Option<AccountId>,
    pub(crate) header: Option<ParentHeader>,
    /// The tokens of a browser (OAuth) login; `None` for GrandID and password sessions.
    pub(crate) eva: Option<EvaSession>,
}

/// True for a `Location` that means "log in first": the JSP login, the SAML start, GrandID.
fn is_login_location(location: &url::Url) -> bool {
    let path = location.path().to_ascii_lowercase();
    path.ends_with("/login.jsp")
        || path.contains("samllogin")
        || location
            .host_str()
            .is_some_and(|h| crate::http::matches_any(super::LOGIN_HOSTS, h))
}

impl Context {
    /// A context with a fresh jar, no tenant and no session.
    pub(crate) fn new(http: HttpClient, account_key: AccountKey) -> Self {
        Context {
            account_key,
            http,
            tenant: std::sync::Mutex::new(None),
            session: Mutex::new(SessionState::default()),
            schools: SchoolListCache::default(),
        }
    }

    /// The chosen tenant.
    pub(crate) fn tenant(&self) -> Result<Tenant> {
        self.tenant
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| {
                Error::InvalidInput("choose the SchoolSoft school (organisation) first".to_owned())
            })
    }

    /// Chooses the tenant.
    pub(crate) fn set_tenant(&self, tenant: Tenant) {
        *self.tenant.lock().unwrap_or_else(|p| p.into_inner()) = Some(tenant);
    }

    /// Sends one request of the logged-in web surface without following redirects. A redirect
    /// to a login page (never loaded: loading `Login.jsp` with live cookies ends the session),
    /// 401 and 403 are [`Error::SessionExpired`]; the GDPR block page is
    /// [`Error::Unsupported`]; any other redirect is an upstream error.
    pub(crate) async fn web(&self, request: HttpRequest) -> Result<HttpResponse> {
        let endpoint = request.endpoint().to_owned();
        let response = self.http.send(&request).await?;
        let status = response.status();
        if (300..400).contains(&status) {
            let location = response.location();
            if location.as_ref().is_some_and(is_login_location) {
                return Err(Error::SessionExpired { endpoint });
            }
            if location
                .as_ref()
                .is_some_and(|l| l.path().contains("right_student_app_blocked.jsp"))
            {
                return Err(Error::Unsupported {
                    platform: super::NAME.to_owned(),
                    what: format!("{endpoint} (needs a browser web login)"),
                });
            }
            return Err(Error::upstream(
                endpoint,
                Some(status),
                "unexpected redirect",
            ));
        }
        if status == 401 || status == 403 {
            return Err(Error::SessionExpired { endpoint });
        }
        response.ensure_success()?;
        Ok(response)
    }

    /// A web REST JSON body.
    pub(crate) async fn rest_get(&self, endpoint: &str, url: &str) -> Result<String> {
        let request = HttpRequest::get(endpoint, url)?.header("accept", "application/json");
        let response = self.web(request).await?;
        Ok(response.json_text()?.into_owned())
    }

    /// A JSP page's text (decoded from Windows-1252 where needed).
    pub(crate) async fn jsp_get(&self, endpoint: &str, url: &str) -> Result<String> {
        let response = self.web(HttpRequest::get(endpoint, url)?).await?;
        let html = parse::decode_jsp(response.body());
        if html.contains("name=\"sspassword\"") || html.contains("id=\"loginform\"") {
            // A login form served with 200.
            return Err(Error::SessionExpired {
                endpoint: endpoint.to_owned(),
            });
        }
        Ok(html)
    }

    /// Loads the parent header (guardian, children, focus) into the session.
    pub(crate) async fn load_header(&self, session: &mut SessionState) -> Result<ParentHeader> {
        let tenant = self.tenant()?;
        let account = session.account.clone().ok_or(Error::NotLoggedIn)?;
        let body = self
            .rest_get("header/parent", &tenant.parent_header())
            .await?;
        let header = parse::parse_parent_header(&body, &account)?;
        session.header = Some(header.clone());
        Ok(header)
    }

    /// Rebuilds a dead web session of a browser login: the token is exchanged for new cookies
    /// bound to `child` (or to the child they were bound to before, else the first child of
    /// the last header). Without tokens, or when they are refused, the session has expired.
    pub(crate) async fn revive(
        &self,
        session: &mut SessionState,
        child: Option<&SchoolSoftChildRef>,
    ) -> Result<()> {
        let Some(mut eva) = session.eva.take() else {
            return Err(Error::SessionExpired {
                endpoint: "header/parent".to_owned(),
            });
        };
        let target = child.cloned().or_else(|| eva.bound.clone()).or_else(|| {
            session
                .header
                .as_ref()
                .and_then(|h| h.children.first())
                .and_then(|c| c.refs.get::<SchoolSoftChildRef>())
        });
        let result = match target {
            Some(target) => eva_session::bind_web_session(self, &mut eva, &target).await,
            None => Err(Error::SessionExpired {
                endpoint: "header/parent".to_owned(),
            }),
        };
        // Kept whatever happened: a refresh may have rotated the tokens on the way.
        session.eva = Some(eva);
        result
    }

    /// [`Context::load_header`], with a dead web session of a browser login rebuilt once.
    pub(crate) async fn header_alive(&self, session: &mut SessionState) -> Result<ParentHeader> {
        match self.load_header(session).await {
            Err(Error::SessionExpired { .. }) if session.eva.is_some() => {
                self.revive(session, None).await?;
                self.load_header(session).await
            }
            other => other,
        }
    }

    /// Makes `child` the child in focus and checks it: SchoolSoft answers every web REST call
    /// and JSP page for the child in focus (200 either way), so a read for the wrong child
    /// would look like the right child's data. The focus is read fresh before every read
    /// (another device may have switched it); a switch that did not take is
    /// [`Error::WrongChild`].
    pub(crate) async fn focus(&self, session: &mut SessionState, child: &Child) -> Result<()> {
        let want = child
            .refs
            .get::<SchoolSoftChildRef>()
            .ok_or_else(|| Error::InvalidInput("the child is not a SchoolSoft pupil".to_owned()))?;
        let header = self.header_alive(session).await?;
        if header.current_child_id.as_deref() == Some(want.student_id.as_str()) {
            return Ok(());
        }
        // The org id of the child's active school, as the header lists it now.
        let org_id = header
            .children
            .iter()
            .filter_map(|c| c.refs.get::<SchoolSoftChildRef>())
            .find(|r| r.student_id == want.student_id)
            .map(|r| r.org_id)
            .ok_or_else(|| {
                Error::InvalidInput("the child is not a pupil of this account".to_owned())
            })?;
        if session.eva.is_some() {
            // A web session from the token exchange is bound to one child: another exchange
            // binds the next.
            let target = SchoolSoftChildRef {
                student_id: want.student_id.clone(),
                org_id,
            };
            self.revive(session, Some(&target)).await?;
        } else {
            let tenant = self.tenant()?;
            let request = HttpRequest::new(
                reqwest::Method::PUT,
                "header/parent switch",
                &tenant.switch_child(&want.student_id, &org_id),
            )?;
            self.web(request).await?;
        }
        let after = self.load_header(session).await?;
        if after.current_child_id.as_deref() != Some(want.student_id.as_str()) {
            return Err(Error::WrongChild {
                endpoint: "header/parent".to_owned(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_locations() {
        let at = |u: &str| is_login_location(&url::Url::parse(u).unwrap());
        assert!(at("https://sms.schoolsoft.se/x/jsp/Login.jsp"));
        assert!(at(
            "https://sms.schoolsoft.se/x/samlLogin.jsp?usertype=parent"
        ));
        assert!(at("https://login.grandid.com/?sessionid=1"));
        assert!(!at(
            "https://sms.schoolsoft.se/x/jsp/student/right_student_startpage.jsp"
        ));
    }
}
