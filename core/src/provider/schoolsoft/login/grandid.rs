//! BankID through AcadeMedia's GrandID (tenants whose web login is GrandID's SAML identity
//! provider): the SAML start → the GrandID session → the personal number → `collect` polls
//! (each pending answer carries the current animated-QR frame as an SVG image) → after
//! `complete`, the SAML response posted back to SchoolSoft's Shibboleth → the web session.

use std::sync::Arc;

use async_trait::async_trait;

use super::super::context::Context;
use super::super::parse::{self, Collect};
use super::super::routes;
use crate::error::{Error, LoginFailure, Result};
use crate::http::HttpRequest;
use crate::model::{AccountId, PersonalNumber};
use crate::provider::{LoginFlow, LoginProgress, LoginPrompt, LoginState, QrFrame};

/// A GrandID BankID order in progress.
pub(crate) struct GrandIdLogin {
    context: Arc<Context>,
    session_id: String,
    autostart_token: String,
    account: AccountId,
    done: bool,
}

impl GrandIdLogin {
    /// Starts the order for the guardian with this personal number (GrandID asks for it).
    pub(crate) async fn start(
        context: Arc<Context>,
        personal_number: &PersonalNumber,
    ) -> Result<Self> {
        let tenant = context.tenant()?;
        context.http.jar().clear();
        *context.session.lock().await = Default::default();
        // 1. The SAML start walks through Shibboleth and GrandID's IdP to the login page.
        let start = HttpRequest::get("samlLogin.jsp", &tenant.saml_login())?.login_flow();
        let landing = context.http.follow(start).await?;
        landing.ensure_success()?;
        let session_id = parse::session_id_of(landing.url().as_str()).ok_or_else(|| {
            Error::Login(LoginFailure::NoSession(
                "the school's login did not lead to GrandID".to_owned(),
            ))
        })?;
        // 2. The personal-number page.
        let bankid_url = routes::grandid(&session_id, Some("bankid"));
        let page = context
            .http
            .send(&HttpRequest::get("grandid bankid", &bankid_url)?.login_flow())
            .await?;
        page.ensure_success()?;
        parse::check_pnr_page(&page.text())?;
        // 3. The number → the status page with the autostart token.
        let digits = personal_number.digits();
        let status = context
            .http
            .send(
                &HttpRequest::post("grandid bankid", &bankid_url)?
                    .form(&[("pnr", digits)])
                    .login_flow(),
            )
            .await?;
        status.ensure_success()?;
        let autostart_token = parse::parse_status_page(&status.text())?;
        let account = context.account_key.account_id(digits);
        Ok(GrandIdLogin {
            context,
            session_id,
            autostart_token,
            account,
            done: false,
        })
    }

    /// After `complete`: GrandID → the SAML auto-post form → Shibboleth → the web session.
    async fn complete(&mut self) -> Result<LoginProgress> {
        let resume = HttpRequest::get("grandid resume", &routes::grandid(&self.session_id, None))?
            .login_flow();
        let page = self.context.http.follow(resume).await?;
        page.ensure_success()?;
        let form = parse::parse_auto_post(&page.text())?;
        let tenant = self.context.tenant()?;
        if !form.action.starts_with(&tenant.url("")) {
            return Err(Error::Login(LoginFailure::Rejected(
                "the identity provider answered for another service".to_owned(),
            )));
        }
        let pairs: Vec<(&str, &str)> = form
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let post = HttpRequest::post("Shibboleth.sso", &form.action)?
            .form(&pairs)
            .login_flow();
        let landed = self.context.http.follow(post).await?;
        landed.ensure_success()?;
        let user = super::finish(&self.context, self.account.clone()).await?;
        self.done = true;
        Ok(LoginProgress::Complete(user))
    }
}

#[async_trait]
impl LoginFlow for GrandIdLogin {
    fn prompt(&self) -> LoginPrompt {
        LoginPrompt::bankid(&self.autostart_token)
    }

    async fn poll(&mut self) -> Result<LoginProgress> {
        if self.done {
            return Err(Error::InvalidInput(
                "the login has already completed".to_owned(),
            ));
        }
        let url = routes::grandid(&self.session_id, Some("collect"));
        let response = self
            .context
            .http
            .send(&HttpRequest::get("grandid collect", &url)?.login_flow())
            .await?;
        if !(200..300).contains(&response.status()) {
            return Err(Error::Login(LoginFailure::Rejected(
                "the BankID order at GrandID broke".to_owned(),
            )));
        }
        match parse::parse_collect(&response.text())? {
            Collect::Pending { qr_svg } => Ok(LoginProgress::Waiting {
                state: LoginState::Pending,
                // GrandID hands out the frame as an SVG image: the payload is read back from
                // it, so apps draw it like any other platform's (an unreadable image gives no
                // frame; the autostart link still works).
                qr: qr_svg.as_deref().and_then(QrFrame::from_svg),
            }),
            Collect::UserSign => Ok(LoginProgress::Waiting {
                state: LoginState::UserSign,
                qr: None,
            }),
            Collect::Complete => self.complete().await,
        }
    }

    async fn cancel(&mut self) -> Result<()> {
        let url = routes::grandid(&self.session_id, Some("cancel-bankid"));
        if let Ok(request) = HttpRequest::get("grandid cancel", &url) {
            // Best effort: the local order is dropped either way.
            let _ = self.context.http.send(&request.login_flow()).await;
        }
        self.done = true;
        Ok(())
    }
}
