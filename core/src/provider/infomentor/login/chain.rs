//! Driving the login chain over HTTP: the pure [`super::walk`] state machine's steps performed
//! (GETs and form posts, redirects followed, cookies kept), and the confirmation of the Hub
//! session at its end.

use super::walk::{PageWalk, WalkFailure, WalkStep};
use crate::error::{Error, LoginFailure, Result};
use crate::http::{HttpClient, HttpRequest};
use crate::provider::infomentor::context::{Context, HubState, endpoint_of};
use crate::provider::infomentor::routes;

/// Requests one walk may make.
const MAX_STEPS: u32 = 40;

/// Now in milliseconds since the epoch (the cache-busting `_` parameter).
pub(super) fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Performs walk steps (GETs and form posts, redirects followed, cookies kept) until the walk
/// reaches the BankID page, the Hub, or fails.
pub(crate) async fn run_walk<W: PageWalk + Send>(
    http: &HttpClient,
    walk: &mut W,
    first: WalkStep,
) -> Result<WalkStep> {
    let mut step = first;
    for _ in 0..MAX_STEPS {
        let request = match &step {
            WalkStep::Get { url, referer } => {
                let mut r = HttpRequest::get(&endpoint_of(url), url)?.login_flow();
                if let Some(referer) = referer {
                    r = r.header("referer", referer);
                }
                r
            }
            WalkStep::Post {
                url,
                fields,
                referer,
            } => {
                let pairs: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let mut r = HttpRequest::post(&endpoint_of(url), url)?
                    .login_flow()
                    .form(&pairs);
                if let Some(referer) = referer {
                    r = r.header("referer", referer);
                }
                r
            }
            _ => return Ok(step),
        };
        let response = http.follow(request).await?;
        let status = response.status();
        if status == 429 || status >= 500 {
            response.ensure_success()?;
        }
        let url = response.url().to_string();
        let html = response.text().into_owned();
        step = walk.on_page(&url, &html);
    }
    Ok(WalkStep::Failed(WalkFailure::Lost(
        "the login chain did not end",
    )))
}

/// Confirms the Hub session and reads the start page; `account` namespaces the ids (derived
/// from the guardian when `None`).
pub(super) async fn finish(
    context: &Context,
    account: Option<crate::model::AccountId>,
) -> Result<crate::model::User> {
    let request = HttpRequest::post("isauthenticated", &routes::is_authenticated(now_ms()))?
        .header("x-requested-with", "XMLHttpRequest")
        .body("", "application/json; charset=utf-8");
    let response = context.http.send(&request).await?;
    if response.status() == 200 && response.text().trim() == "false" {
        return Err(Error::Login(LoginFailure::NoSession(
            "the Hub says the session is not authenticated".to_owned(),
        )));
    }
    let mut hub = context.hub.lock().await;
    *hub = HubState {
        account,
        ..HubState::default()
    };
    let root = context.load_root(&mut hub).await?;
    Ok(root.user)
}
