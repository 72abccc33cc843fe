//! Freja eID+ through Stockholm's SiteMinder login server.
//!
//! `action=init` answers the app-switch URL as plain text (kept up to the first `&`);
//! `action=checkstatus` answers the state as plain text, tied to the session cookies. After
//! `APPROVED` two SiteMinder requests leave `SMSESSION` in the jar; then user and token.

use std::sync::Arc;

use async_trait::async_trait;

use super::phase::{LoginPhase, NextStep};
use crate::error::{Error, LoginFailure, Result};
use crate::http::HttpRequest;
use crate::provider::stockholm::context::Context;
use crate::provider::stockholm::routes;
use crate::provider::{LoginFlow, LoginProgress, LoginPrompt, LoginState};

const ENDPOINT: &str = "NECSadcfreja";

/// A Freja transaction in progress.
pub(crate) struct FrejaFlow {
    context: Arc<Context>,
    link: String,
    phase: LoginPhase,
}

/// Maps a Freja status text.
pub(crate) fn map_status(status: &str) -> Result<LoginState> {
    match status.trim().to_ascii_uppercase().as_str() {
        "STARTED" | "UNKNOWN" => Ok(LoginState::Pending),
        "DELIVERED_TO_MOBILE" => Ok(LoginState::UserSign),
        "APPROVED" => Ok(LoginState::Signed),
        "CANCELED" | "CANCELLED" => Err(Error::Login(LoginFailure::CancelledByUser)),
        "EXPIRED" => Err(Error::Login(LoginFailure::TimedOut)),
        "RP_CANCELED" | "RP_CANCELLED" => Err(Error::Login(LoginFailure::Rejected(
            "Freja eID+ cancelled the transaction (another login started?)".to_owned(),
        ))),
        "ERROR" => Err(Error::Login(LoginFailure::Rejected(
            "Freja eID+ reported an error".to_owned(),
        ))),
        "" => Err(Error::parse(ENDPOINT, "empty status")),
        _ => Err(Error::parse(ENDPOINT, "unknown Freja status")),
    }
}

/// The app link of an `action=init` answer: the text up to the first `&`.
pub(crate) fn app_link(body: &str) -> Option<String> {
    let link = body.trim().split('&').next().unwrap_or("").trim();
    (!link.is_empty() && !link.starts_with('<') && !link.contains(char::is_whitespace))
        .then(|| link.to_owned())
}

impl FrejaFlow {
    /// Starts a transaction (all cookies of the session are cleared first).
    pub async fn start(context: Arc<Context>) -> Result<Self> {
        context.reset();
        let request = HttpRequest::get(ENDPOINT, &routes::freja_init())?.login_flow();
        let response = context.http.send(&request).await?;
        response.ensure_success()?;
        let link = app_link(&response.text())
            .ok_or_else(|| Error::parse(ENDPOINT, "no app link in the answer"))?;
        Ok(FrejaFlow {
            context,
            link,
            phase: LoginPhase::Polling,
        })
    }

    async fn poll_status(&mut self) -> Result<LoginProgress> {
        let request = HttpRequest::get(ENDPOINT, &routes::freja_status())?.login_flow();
        let response = self.context.http.send(&request).await?;
        response.ensure_success()?;
        if response.looks_like_html() {
            return Err(Error::parse(ENDPOINT, "an HTML page instead of a status"));
        }
        let state = map_status(&response.text())?;
        if state == LoginState::Signed {
            self.phase = LoginPhase::Signed;
        }
        Ok(LoginProgress::Waiting { state, qr: None })
    }

    async fn set_up_session(&mut self) -> Result<LoginProgress> {
        for (endpoint, url) in [
            (ENDPOINT, routes::freja_authenticate()),
            ("SiteMinderAuthADCFREJA", routes::freja_siteminder_adc()),
        ] {
            let request = HttpRequest::get(endpoint, &url)?.login_flow();
            // Upstream ignores the answers of these two; transport failures are still retried.
            match crate::provider::stockholm::eservices_host::follow_to_eservices(
                &self.context.http,
                request,
            )
            .await
            {
                Ok(_) | Err(Error::Upstream { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let user = self.context.finish_login().await?;
        self.phase = LoginPhase::Done;
        Ok(LoginProgress::Complete(user))
    }
}

#[async_trait]
impl LoginFlow for FrejaFlow {
    fn prompt(&self) -> LoginPrompt {
        LoginPrompt {
            freja_link: Some(self.link.clone()),
            ..LoginPrompt::default()
        }
    }

    async fn poll(&mut self) -> Result<LoginProgress> {
        match self.phase.next_step()? {
            NextStep::PollProvider => self.poll_status().await,
            NextStep::SetUpSession => self.set_up_session().await,
        }
    }

    async fn cancel(&mut self) -> Result<()> {
        self.phase.cancel();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(map_status("STARTED\n").unwrap(), LoginState::Pending);
        assert_eq!(
            map_status("DELIVERED_TO_MOBILE").unwrap(),
            LoginState::UserSign
        );
        assert_eq!(map_status("APPROVED").unwrap(), LoginState::Signed);
        assert!(matches!(
            map_status("CANCELED"),
            Err(Error::Login(LoginFailure::CancelledByUser))
        ));
        assert!(matches!(
            map_status("EXPIRED"),
            Err(Error::Login(LoginFailure::TimedOut))
        ));
        assert!(matches!(
            map_status("RP_CANCELED"),
            Err(Error::Login(LoginFailure::Rejected(_)))
        ));
        assert!(matches!(
            map_status("ERROR"),
            Err(Error::Login(LoginFailure::Rejected(_)))
        ));
        assert!(matches!(map_status("<html>"), Err(Error::Parse { .. })));
    }

    #[test]
    fn app_links() {
        assert_eq!(
            app_link(
                "frejaeid://bindUserToTransaction?transactionReference=abc&originAppScheme=x\n"
            )
            .as_deref(),
            Some("frejaeid://bindUserToTransaction?transactionReference=abc")
        );
        assert_eq!(app_link("  "), None);
        assert_eq!(app_link("<html><body>Error</body></html>"), None);
    }
}
