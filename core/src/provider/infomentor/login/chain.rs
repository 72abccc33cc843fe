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
    let known_hosts = walk.stays_on_known_hosts();
    for _ in 0..MAX_STEPS {
        if let WalkStep::Get { url, .. } | WalkStep::Post { url, .. } = &step
            && known_hosts
            && !is_own_host(http, url)
        {
            tracing::warn!("InfoMentor login chain pointed outside the platform's hosts");
            return Ok(WalkStep::Failed(WalkFailure::Lost(
                "the login chain pointed outside the platform's hosts",
            )));
        }
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
        let request = if known_hosts {
            request
        } else {
            request.across_identity_providers()
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

/// True when `url` is on one of the client's own hosts.
fn is_own_host(http: &HttpClient, url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| {
        u.host_str().is_some_and(|h| {
            http.config()
                .hosts
                .iter()
                .any(|own| own.eq_ignore_ascii_case(h))
        })
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpConfig;
    use crate::provider::infomentor::hosts::{HOSTS, LOGIN_HOSTS};

    /// A walk that never gets a page: each test checks that no request was even tried.
    struct NoPages;

    impl PageWalk for NoPages {
        fn on_page(&mut self, _url: &str, _html: &str) -> WalkStep {
            WalkStep::Failed(WalkFailure::Lost("a page was requested"))
        }
    }

    /// A production client: the walk's own checks must stop before any request (were one
    /// made, it would fail to resolve under the tests' network block, not end as asserted).
    fn http() -> HttpClient {
        HttpClient::new(&HttpConfig::production().for_provider(HOSTS, LOGIN_HOSTS)).unwrap()
    }

    #[tokio::test]
    async fn a_form_action_outside_the_platform_ends_the_walk_without_a_request() {
        let hostile = WalkStep::Post {
            url: "https://collector.example.org/saml".to_owned(),
            fields: vec![("SAMLResponse".to_owned(), "c2lnbmVk".to_owned())],
            referer: None,
        };
        let end = run_walk(&http(), &mut NoPages, hostile).await.unwrap();
        assert!(
            matches!(end, WalkStep::Failed(WalkFailure::Lost(why)) if why.contains("outside")),
            "{end:?}"
        );
    }

    #[tokio::test]
    async fn a_link_to_plain_http_ends_the_walk_with_a_typed_error() {
        let hostile = WalkStep::Get {
            url: "http://sso.infomentor.se/login.ashx?idp=stockholm_par".to_owned(),
            referer: None,
        };
        let err = run_walk(&http(), &mut NoPages, hostile).await.unwrap_err();
        assert!(
            matches!(err, Error::Upstream { ref message, .. } if message.contains("only HTTPS")),
            "{err:?}"
        );
    }
}
