//! The OAuth side of a SchoolSoft session (from the browser login): the Eva token pair, the
//! guardian's Eva `userId`, and the calls that use them — the token endpoint (code and refresh
//! grants; the refresh token rotates), Bearer reads of the Eva API, and the exchange of the
//! access token for the web cookies (`eva-apps/auth/login/parent`) that the web REST surface and
//! the JSP pages need. A web session made this way is bound to one child: changing child is
//! another exchange.

use serde::{Deserialize, Serialize};

use super::SchoolSoftChildRef;
use super::context::Context;
use super::login::pkce::CLIENT_ID;
use super::parse::{self, TokenPair};
use crate::error::{Error, Result};
use crate::http::HttpRequest;

/// Seconds before the access token's `exp` at which it is treated as expired (a call takes a
/// moment, and clocks differ).
const EXPIRY_MARGIN_SECONDS: i64 = 60;

/// The tokens of a browser login, kept in the session and in the saved session.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EvaSession {
    /// The current token pair (the refresh token is replaced on every refresh).
    pub(crate) tokens: TokenPair,
    /// The guardian's Eva id (the `userId` header of the cookie exchange).
    pub(crate) user_id: String,
    /// The child the web cookies were last bound to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) bound: Option<SchoolSoftChildRef>,
}

impl std::fmt::Debug for EvaSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EvaSession").finish_non_exhaustive()
    }
}

impl EvaSession {
    /// True when the access token is past (or close to) its `exp`; a token without one is
    /// taken as live until the server says otherwise.
    fn access_expired(&self) -> bool {
        self.tokens
            .expires_at
            .is_some_and(|exp| jiff::Timestamp::now().as_second() + EXPIRY_MARGIN_SECONDS >= exp)
    }
}

/// What the token endpoint answered.
pub(crate) enum TokenAnswer {
    /// A new pair.
    Issued(TokenPair),
    /// Refused (a used, unknown or wrong code or refresh token; SchoolSoft answers 404 "Ingen
    /// aktiv inloggnings-session").
    Refused,
}

/// `POST` to the token endpoint (parameters in the query, empty body).
pub(crate) async fn token_request(context: &Context, url: &str) -> Result<TokenAnswer> {
    let request = HttpRequest::post("login/token", url)?
        .body(Vec::new(), "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .login_flow();
    let response = context.http.send(&request).await?;
    match response.status() {
        200..=299 => Ok(TokenAnswer::Issued(parse::parse_token(
            &response.json_text()?,
        )?)),
        400 | 401 | 403 | 404 => Ok(TokenAnswer::Refused),
        _ => {
            response.ensure_success()?;
            Err(Error::upstream(
                "login/token",
                Some(response.status()),
                "unexpected answer",
            ))
        }
    }
}

/// Refreshes the pair. The new pair replaces the old one in `eva` before anything else
/// happens (the old refresh token is spent). A refused refresh is [`Error::SessionExpired`]:
/// only a new browser login helps.
pub(crate) async fn refresh(context: &Context, eva: &mut EvaSession) -> Result<()> {
    let tenant = context.tenant()?;
    let url = tenant.token_refresh(CLIENT_ID, &eva.tokens.refresh_token);
    match token_request(context, &url).await? {
        TokenAnswer::Issued(pair) => {
            eva.tokens = pair;
            Ok(())
        }
        TokenAnswer::Refused => Err(Error::SessionExpired {
            endpoint: "login/token".to_owned(),
        }),
    }
}

/// A Bearer `GET` of the Eva API. An expired access token is refreshed first; a 401 refreshes
/// once and retries; a second 401 is [`Error::SessionExpired`].
pub(crate) async fn eva_get(
    context: &Context,
    eva: &mut EvaSession,
    endpoint: &str,
    url: &str,
) -> Result<String> {
    if eva.access_expired() {
        refresh(context, eva).await?;
    }
    for attempt in 0..2 {
        let request = HttpRequest::get(endpoint, url)?
            .header(
                "authorization",
                &format!("Bearer {}", eva.tokens.access_token),
            )
            .header("accept", "application/json");
        let response = context.http.send(&request).await?;
        if response.status() == 401 {
            if attempt == 0 {
                refresh(context, eva).await?;
                continue;
            }
            break;
        }
        response.ensure_success()?;
        return Ok(response.json_text()?.into_owned());
    }
    Err(Error::SessionExpired {
        endpoint: endpoint.to_owned(),
    })
}

/// One cookie exchange: true when SchoolSoft set the web session cookies.
async fn exchange_once(
    context: &Context,
    eva: &EvaSession,
    child: &SchoolSoftChildRef,
) -> Result<bool> {
    let tenant = context.tenant()?;
    let request = HttpRequest::get("auth/login/parent", &tenant.cookie_exchange())?
        .header("token", &eva.tokens.access_token)
        .header("userId", &eva.user_id)
        .header("orgId", &child.org_id)
        .header("childInFocus", &child.student_id)
        .header("userOS", "android")
        .header("language", "sw")
        .header("redirecturl", &tenant.react_parent_start())
        .login_flow();
    let response = context.http.send(&request).await?;
    if !(300..400).contains(&response.status()) {
        response.ensure_success()?;
        return Err(Error::upstream(
            "auth/login/parent",
            Some(response.status()),
            "expected a redirect",
        ));
    }
    let refused = response
        .location()
        .is_some_and(|l| l.query_pairs().any(|(k, _)| k == "error"));
    let cookies = response.set_cookies();
    let named = |name: &str| {
        cookies
            .iter()
            .any(|c| c.split('=').next().is_some_and(|n| n.trim() == name))
    };
    Ok(!refused && named("JSESSIONID") && named("hash"))
}

/// Exchanges the access token for web cookies bound to `child` (the jar keeps them). A
/// refusal refreshes the tokens once and tries again; a second refusal, or a refused refresh,
/// is [`Error::SessionExpired`].
pub(crate) async fn bind_web_session(
    context: &Context,
    eva: &mut EvaSession,
    child: &SchoolSoftChildRef,
) -> Result<()> {
    if eva.access_expired() {
        refresh(context, eva).await?;
    }
    if !exchange_once(context, eva, child).await? {
        refresh(context, eva).await?;
        if !exchange_once(context, eva, child).await? {
            return Err(Error::SessionExpired {
                endpoint: "auth/login/parent".to_owned(),
            });
        }
    }
    eva.bound = Some(child.clone());
    Ok(())
}
