//! The browser login: OAuth 2 with PKCE through the tenant's own identity provider (what
//! SchoolSoft's apps do; it works whatever IdP the tenant uses).
//!
//! The app opens the authorization address ([`LoginPrompt::browser_url`]: the React app's
//! guardian login with `client_id=vApp`, the S256 challenge and a random `state`), the guardian
//! logs in at the IdP, and SchoolSoft sends the browser to `redirect_uri?code&state`. The app
//! hands that address back ([`BrowserReturn`]); the next poll checks it (the right address, no
//! `error`, the same `state`), swaps the code and the verifier for the token pair, reads the
//! guardian's Eva id and personal number, exchanges the token for web cookies bound to the
//! first child, and proves the web session like every other SchoolSoft login.

use std::sync::Arc;

use async_trait::async_trait;

use super::super::SchoolSoftChildRef;
use super::super::context::Context;
use super::super::eva_session::{self, EvaSession, TokenAnswer};
use super::super::parse;
use super::super::saved::account_for_eva_user;
use super::pkce::Pkce;
use crate::error::{Error, LoginFailure, Result};
use crate::model::{AccountId, User};
use crate::provider::{BrowserReturn, LoginFlow, LoginProgress, LoginPrompt, LoginState};

/// A browser login waiting for its redirect.
pub(crate) struct BrowserLogin {
    context: Arc<Context>,
    pkce: Pkce,
    redirect_uri: String,
    authorize_url: String,
    slot: BrowserReturn,
    done: bool,
}

/// The failure a login reports when SchoolSoft's side of it broke half-way.
fn no_session() -> Error {
    Error::Login(LoginFailure::NoSession(
        "SchoolSoft did not open a session".to_owned(),
    ))
}

impl BrowserLogin {
    /// Prepares the authorization for `redirect_uri` (an absolute address the platform sends
    /// the browser to; SchoolSoft is known to accept a loopback one).
    pub(crate) fn start(context: Arc<Context>, redirect_uri: &str) -> Result<Self> {
        let tenant = context.tenant()?;
        let redirect = url::Url::parse(redirect_uri.trim())
            .map_err(|_| Error::InvalidInput("the redirect address is not a URL".to_owned()))?;
        if redirect.fragment().is_some() || redirect.cannot_be_a_base() {
            return Err(Error::InvalidInput(
                "the redirect address cannot carry a login code".to_owned(),
            ));
        }
        let pkce = Pkce::generate()?;
        let redirect_uri = redirect.to_string();
        let authorize_url = pkce.authorize_url(&tenant, &redirect_uri);
        Ok(BrowserLogin {
            context,
            pkce,
            redirect_uri,
            authorize_url,
            slot: BrowserReturn::new(),
            done: false,
        })
    }

    /// The code of `redirect` → tokens → guardian → web cookies → the proven session.
    async fn complete(&mut self, redirect: &str) -> Result<User> {
        let code = self.pkce.code_of(&self.redirect_uri, redirect)?;
        let context = &self.context;
        let tenant = context.tenant()?;
        context.http.jar().clear();
        *context.session.lock().await = Default::default();
        let tokens = match eva_session::token_request(context, &self.pkce.token_url(&tenant, &code))
            .await?
        {
            TokenAnswer::Issued(pair) => pair,
            TokenAnswer::Refused => {
                return Err(Error::Login(LoginFailure::Rejected(
                    "SchoolSoft did not accept the login code".to_owned(),
                )));
            }
        };
        let mut eva = EvaSession {
            tokens,
            user_id: String::new(),
            bound: None,
        };
        // The account is not known yet: the parent answer is read for ids only.
        let provisional = AccountId::from_raw("pending");
        let body = eva_session::eva_get(context, &mut eva, "parent", &tenant.eva_parent()).await?;
        let parent = parse::parse_eva_parent(&body, &provisional)?;
        eva.user_id = parent
            .user_id
            .ok_or_else(|| Error::parse("parent", "no userId"))?;
        let first: SchoolSoftChildRef = parent
            .children
            .iter()
            .find_map(|c| c.refs.get::<SchoolSoftChildRef>())
            .ok_or_else(|| {
                Error::Login(LoginFailure::NoSession(
                    "SchoolSoft lists no children for this guardian".to_owned(),
                ))
            })?;
        let profile_url = tenant.eva_profile(&eva.user_id);
        let profile = eva_session::eva_get(context, &mut eva, "profile", &profile_url).await?;
        let account = match parse::parse_eva_profile_number(&profile, crate::time::today().year())?
        {
            // The same account as a GrandID BankID login of the same guardian.
            Some(number) => context.account_key.account_id(number.digits()),
            None => account_for_eva_user(tenant.slug(), &eva.user_id),
        };
        eva_session::bind_web_session(context, &mut eva, &first).await?;
        let user = super::finish(context, account).await?;
        context.session.lock().await.eva = Some(eva);
        Ok(user)
    }
}

#[async_trait]
impl LoginFlow for BrowserLogin {
    fn prompt(&self) -> LoginPrompt {
        LoginPrompt {
            browser_url: Some(self.authorize_url.clone()),
            ..LoginPrompt::default()
        }
    }

    async fn poll(&mut self) -> Result<LoginProgress> {
        if self.done {
            return Err(Error::InvalidInput(
                "the login has already completed".to_owned(),
            ));
        }
        let Some(redirect) = self.slot.take() else {
            return Ok(LoginProgress::Waiting {
                state: LoginState::Pending,
                qr: None,
            });
        };
        // One redirect per login: whatever happens next, this login is over.
        self.done = true;
        match self.complete(&redirect).await {
            Ok(user) => Ok(LoginProgress::Complete(user)),
            Err(Error::SessionExpired { .. }) => Err(no_session()),
            Err(e) if e.is_transient() => Err(Error::Login(LoginFailure::NoSession(
                "SchoolSoft could not be reached to finish the login".to_owned(),
            ))),
            Err(e) => Err(e),
        }
    }

    async fn cancel(&mut self) -> Result<()> {
        self.done = true;
        Ok(())
    }

    fn browser_return(&self) -> Option<BrowserReturn> {
        Some(self.slot.clone())
    }
}
