//! What the provider, its login flows and its fetches share: the HTTP client, the session state,
//! the child queue, and the request helpers every e-service call goes through.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, MutexGuard};

use super::child_queue::ChildQueue;
use super::parse;
use super::routes;
use crate::error::{Error, LoginFailure, Result};
use crate::http::{HttpClient, HttpRequest, HttpResponse};
use crate::model::{AccountId, AccountKey, Child, Teacher, User};
use crate::provider::skola24::Skola24ChildRef;
use crate::provider::skola24::Skola24Context;
use crate::provider::stockholm::StockholmChildRef;

/// The shared core of a [`super::StockholmProvider`].
#[derive(Debug)]
pub(crate) struct Context {
    pub http: HttpClient,
    pub session: Mutex<Session>,
    pub queue: ChildQueue,
    pub skola24: Skola24Context,
    /// Timetable language (`sv` or `en`).
    pub language: String,
    /// The installation's key of account ids (the guardian's account is a keyed hash of
    /// their personal number).
    pub account_key: AccountKey,
}

impl Context {
    pub fn new(http: HttpClient, language: String, account_key: AccountKey) -> Self {
        Context {
            account_key,
            skola24: Skola24Context::new(http.clone()),
            http,
            session: Mutex::new(Session::default()),
            queue: ChildQueue::default(),
            language,
        }
    }

    pub fn session(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets everything: cookies, token, user, children, queue selection, Skola24 sign-on.
    pub fn reset(&self) {
        self.http.jar().clear();
        *self.session() = Session::default();
        self.queue.forget_selection();
        self.skola24.reset();
    }

    /// The anti-forgery token; fails when not logged in.
    pub fn xsrf(&self) -> Result<String> {
        let session = self.session();
        match (&session.user, &session.xsrf) {
            (Some(_), Some(token)) => Ok(token.clone()),
            _ => Err(Error::NotLoggedIn),
        }
    }

    /// A GET to an e-service endpoint with the session's token.
    pub fn eservice_get(&self, endpoint: &str, url: &str) -> Result<HttpRequest> {
        let token = self.xsrf()?;
        Ok(HttpRequest::get(endpoint, url)?.header("x-xsrf-token", &token))
    }

    /// Sends a data request (redirects followed, a bounce to the login servers is
    /// [`Error::SessionExpired`]) and checks that it answered JSON.
    pub async fn fetch_json(&self, request: HttpRequest) -> Result<HttpResponse> {
        let response = self.http.follow(request).await?;
        response.json_text()?;
        Ok(response)
    }

    /// The user endpoint (no token needed).
    pub async fn fetch_user(&self) -> Result<parse::UserData> {
        let mut request = HttpRequest::get("getuserdata", &routes::user_data())?
            .header("accept", "application/json, text/plain, */*");
        let token = self.session().xsrf.clone();
        if let Some(token) = token {
            request = request.header("x-xsrf-token", &token);
        }
        let response = self.fetch_json(request).await?;
        parse::user(&response.text(), &self.account_key)
    }

    /// The anti-forgery token of the start page (empty when the page has none, as upstream
    /// tolerates).
    pub async fn fetch_xsrf(&self) -> Result<String> {
        let request = HttpRequest::get("hem", routes::START_PAGE)?;
        let response = self.http.follow(request).await?;
        let html = response.html_text()?;
        Ok(parse::xsrf_token(&html).unwrap_or_default())
    }

    /// After the identity step: the user and the token, then the session is live.
    /// `isAuthenticated: false` here means the platform handed out no session.
    pub async fn finish_login(&self) -> Result<User> {
        let (user, xsrf) = tokio::join!(self.fetch_user(), self.fetch_xsrf());
        let user = match user {
            Ok(data) if data.is_authenticated => data.user,
            Ok(_) | Err(Error::SessionExpired { .. }) => {
                return Err(Error::Login(LoginFailure::NoSession(
                    "the e-services do not see a logged-in user".to_owned(),
                )));
            }
            Err(e) => return Err(e),
        };
        let xsrf = match xsrf {
            Ok(token) => token,
            Err(Error::SessionExpired { .. }) => {
                return Err(Error::Login(LoginFailure::NoSession(
                    "the start page asks for a login".to_owned(),
                )));
            }
            Err(e) => return Err(e),
        };
        let mut session = self.session();
        *session = Session {
            user: Some(user.clone()),
            xsrf: Some(xsrf),
            ..Session::default()
        };
        drop(session);
        self.queue.forget_selection();
        self.skola24.reset();
        Ok(user)
    }

    /// `GetChildren`, stored in the session (which also decides the FS queue mode).
    pub async fn load_children(&self) -> Result<Vec<Child>> {
        let account = self.session().account().ok_or(Error::NotLoggedIn)?;
        let request = children_request(&self.xsrf()?)?;
        let response = self.fetch_json(request).await?;
        let children = parse::children(&response.text(), &account)?;
        let mut session = self.session();
        // Keep Skola24 ids learnt earlier in this session.
        let mut merged = children.clone();
        if let Some(known) = &session.children {
            for child in &mut merged {
                if let Some(old) = known.iter().find(|c| c.id == child.id)
                    && !child.refs.has::<Skola24ChildRef>()
                {
                    child.refs.copy_from::<Skola24ChildRef>(&old.refs);
                }
            }
        }
        session.children = Some(merged.clone());
        Ok(merged)
    }

    /// True when calls on behalf of a child must take a queue turn (some child is `FS`). The
    /// children are loaded first when this session has not seen them yet.
    pub async fn queue_mode(&self) -> Result<bool> {
        let known = self.session().fs_mode();
        match known {
            Some(mode) => Ok(mode),
            None => Ok(self.load_children().await?.iter().any(is_fs_child)),
        }
    }

    /// `SelectChild`: makes `child_id` the session's current child.
    pub async fn select_child(&self, child_id: &str) -> Result<()> {
        let request = select_child_request(child_id, &self.xsrf()?)?;
        let response = self.fetch_json(request).await?;
        let selected = parse::select_child(&response.text())?;
        if selected != child_id {
            return Err(Error::WrongChild {
                endpoint: "SelectChild".to_owned(),
            });
        }
        Ok(())
    }

    /// Runs a call made on behalf of `child` (school calendar, news, article, menu): through the
    /// child's queue turn when the family has an `FS` child, and rejects an answer produced for
    /// another (pre-school) child.
    pub async fn on_behalf_of<F, Fut>(&self, child: &Child, call: F) -> Result<HttpResponse>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<HttpResponse>>,
    {
        let child_id = stockholm_ref(child)?.id.clone();
        let response = if self.queue_mode().await? {
            let _turn = self
                .queue
                .enter(&child_id, || self.select_child(&child_id))
                .await?;
            call().await?
        } else {
            call().await?
        };
        if parse::wrong_child_cookie(&response.set_cookies(), is_fs_child(child)) {
            // The session's current child is not what we believed.
            self.queue.forget_selection();
            return Err(Error::WrongChild {
                endpoint: response.endpoint().to_owned(),
            });
        }
        Ok(response)
    }
}

/// What the provider knows about the current session.
#[derive(Debug, Default)]
pub(crate) struct Session {
    /// The guardian, once logged in.
    pub user: Option<User>,
    /// The anti-forgery token of the start page (may be empty: upstream does not insist).
    pub xsrf: Option<String>,
    /// The children of the last `GetChildren`, with Skola24 ids merged when known.
    pub children: Option<Vec<Child>>,
    /// The Skola24 child list of this session.
    pub skola24_children: Option<Vec<Skola24ChildRef>>,
    /// Teachers per child id, for the timetable's initials.
    pub teachers: HashMap<String, Vec<Teacher>>,
}

impl Session {
    /// The account of the logged-in guardian.
    pub fn account(&self) -> Option<AccountId> {
        self.user.as_ref().map(|u| u.id.account())
    }

    /// True when some known child attends pre-school (`FS`): child calls go through the queue.
    pub fn fs_mode(&self) -> Option<bool> {
        self.children
            .as_ref()
            .map(|children| children.iter().any(is_fs_child))
    }
}

/// True for a child of school form `FS` (förskola).
pub(crate) fn is_fs_child(child: &Child) -> bool {
    child.is_preschool()
        || child.refs.get::<StockholmChildRef>().is_some_and(|r| {
            r.status
                .split(';')
                .any(|code| code.trim().eq_ignore_ascii_case("FS"))
        })
}

/// `GetChildren` with its extra headers.
pub(crate) fn children_request(xsrf: &str) -> Result<HttpRequest> {
    let mut request =
        HttpRequest::get("GetChildren", &routes::children())?.header("x-xsrf-token", xsrf);
    for (name, value) in routes::GET_CHILDREN_HEADERS {
        request = request.header(name, value);
    }
    Ok(request)
}

/// `SelectChild`: JSON body `{"id": …}` and the documented headers.
pub(crate) fn select_child_request(child_id: &str, xsrf: &str) -> Result<HttpRequest> {
    let mut request = HttpRequest::post("SelectChild", &routes::select_child())?
        .body(
            serde_json::json!({ "id": child_id }).to_string(),
            routes::SELECT_CHILD_CONTENT_TYPE,
        )
        .header("x-xsrf-token", xsrf);
    for (name, value) in routes::SELECT_CHILD_HEADERS {
        request = request.header(name, value);
    }
    Ok(request)
}

/// The Stockholm ids of a child, or an error for a child of another platform.
pub(crate) fn stockholm_ref(child: &Child) -> Result<StockholmChildRef> {
    child
        .refs
        .get::<StockholmChildRef>()
        .ok_or_else(|| Error::InvalidInput("not a Stockholm child".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_children_headers() {
        let r = children_request("tok").unwrap();
        assert_eq!(r.method().as_str(), "GET");
        assert_eq!(r.header_value("x-xsrf-token"), Some("tok"));
        assert_eq!(
            r.header_value("Accept"),
            Some("application/json, text/plain, */*")
        );
        assert_eq!(r.header_value("host"), Some("etjanster.stockholm.se"));
        assert_eq!(
            r.header_value("referer"),
            Some("https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem")
        );
    }

    #[test]
    fn select_child_body_and_headers() {
        let r = select_child_request("42c3997e-d772-423f-9290-6feeb3cb2da7", "tok").unwrap();
        assert_eq!(r.method().as_str(), "POST");
        assert_eq!(
            r.url().as_str(),
            "https://etjanster.stockholm.se/vardnadshavare/inloggad2/SelectChild"
        );
        let body: serde_json::Value = serde_json::from_slice(r.body_bytes().unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"id": "42c3997e-d772-423f-9290-6feeb3cb2da7"})
        );
        assert_eq!(
            r.header_value("content-type"),
            Some("application/json;charset=UTF-8")
        );
        assert_eq!(
            r.header_value("accept"),
            Some("application/json, text/plain, */*")
        );
        assert_eq!(
            r.header_value("origin"),
            Some("https://etjanst.stockholm.se")
        );
        assert_eq!(
            r.header_value("referer"),
            Some("https://etjanst.stockholm.se/vardnadshavare/inloggad2/hem")
        );
        assert_eq!(r.header_value("x-xsrf-token"), Some("tok"));
    }
}
