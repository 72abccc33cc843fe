//! Mobile BankID through Stockholm's SiteMinder login server.
//!
//! Same device: `initialize=bankid` (personal number optional) answers an autostart token and an
//! order id. Other device: `initialize=qr` answers an order id and the first animated-QR frame,
//! and every poll carries the next frame — *inferred*: the Stockholm documentation has no QR
//! mode, but InfoMentor's flow uses the same `NECSadcmbid` endpoint family on the same servers
//! with exactly these answers. After `OK` the SiteMinder step hands out `SMSESSION`; then the
//! user and the anti-forgery token make the session live.

use std::sync::Arc;

use async_trait::async_trait;
use serde::Deserialize;

use super::phase::{LoginPhase, NextStep};
use crate::error::{Error, LoginFailure, Result};
use crate::http::HttpRequest;
use crate::model::PersonalNumber;
use crate::provider::stockholm::context::Context;
use crate::provider::stockholm::routes;
use crate::provider::{LoginFlow, LoginProgress, LoginPrompt, LoginState, QrFrame};

const ENDPOINT: &str = "NECSadcmbid";

#[derive(Deserialize)]
struct StartAnswer {
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    order: Option<String>,
    #[serde(default, rename = "qrData")]
    qr_data: Option<String>,
}

#[derive(Deserialize)]
struct PollAnswer {
    #[serde(default)]
    state: Option<String>,
    #[serde(default, rename = "qrData")]
    qr_data: Option<String>,
}

/// A BankID order in progress.
pub(crate) struct BankIdFlow {
    context: Arc<Context>,
    order: String,
    prompt: LoginPrompt,
    qr: Option<QrFrame>,
    phase: LoginPhase,
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Maps a BankID poll state. `OK` is handled by the caller.
pub(crate) fn map_state(state: &str) -> Result<LoginState> {
    match state.trim().to_ascii_uppercase().as_str() {
        "PENDING" | "OUTSTANDING_TRANSACTION" | "NO_CLIENT" | "STARTED" => Ok(LoginState::Pending),
        "USER_SIGN" => Ok(LoginState::UserSign),
        "OK" | "COMPLETE" => Ok(LoginState::Signed),
        "ERROR" | "FAILED" | "EXPIRED_TRANSACTION" => Err(Error::Login(LoginFailure::Rejected(
            "BankID reported an error (the order failed or expired)".to_owned(),
        ))),
        "CANCELLED" | "CANCELED" | "USER_CANCEL" => {
            Err(Error::Login(LoginFailure::CancelledByUser))
        }
        _ => {
            tracing::debug!("unknown BankID state; still waiting");
            Ok(LoginState::Pending)
        }
    }
}

impl BankIdFlow {
    /// Starts an order. `other_device` asks for the QR mode (no personal number needed).
    pub async fn start(
        context: Arc<Context>,
        personal_number: Option<PersonalNumber>,
        other_device: bool,
    ) -> Result<Self> {
        context.reset();
        let url = if other_device {
            routes::bankid_start_qr(now_ms())
        } else {
            routes::bankid_start(personal_number.as_ref(), now_ms())
        };
        let request = HttpRequest::get(ENDPOINT, &url)?.login_flow();
        let response = context.http.send(&request).await?;
        let answer: StartAnswer = response.json()?;
        let order = answer
            .order
            .filter(|o| !o.trim().is_empty())
            .ok_or_else(|| Error::parse(ENDPOINT, "the order id is missing"))?;
        let (prompt, qr) = if other_device {
            let Some(payload) = answer.qr_data.filter(|q| !q.trim().is_empty()) else {
                return Err(Error::Login(LoginFailure::MethodNotSupported));
            };
            let frame = QrFrame { payload };
            (
                LoginPrompt {
                    qr: Some(frame.clone()),
                    ..LoginPrompt::default()
                },
                Some(frame),
            )
        } else {
            let token = answer
                .token
                .filter(|t| !t.trim().is_empty())
                .ok_or_else(|| Error::parse(ENDPOINT, "the autostart token is missing"))?;
            (LoginPrompt::bankid(&token), None)
        };
        Ok(BankIdFlow {
            context,
            order,
            prompt,
            qr,
            phase: LoginPhase::Polling,
        })
    }

    async fn poll_order(&mut self) -> Result<LoginProgress> {
        let request =
            HttpRequest::get(ENDPOINT, &routes::bankid_verify(&self.order, now_ms()))?.login_flow();
        let response = self.context.http.send(&request).await?;
        let answer: PollAnswer = response.json()?;
        if let Some(frame) = answer.qr_data.filter(|q| !q.trim().is_empty()) {
            self.qr = Some(QrFrame { payload: frame });
        }
        let state = answer
            .state
            .ok_or_else(|| Error::parse(ENDPOINT, "the state is missing"))?;
        let state = map_state(&state)?;
        if state == LoginState::Signed {
            self.phase = LoginPhase::Signed;
            return Ok(LoginProgress::Waiting { state, qr: None });
        }
        Ok(LoginProgress::Waiting {
            state,
            qr: self.qr.clone(),
        })
    }

    async fn set_up_session(&mut self) -> Result<LoginProgress> {
        let request =
            HttpRequest::get("SiteMinderAuthADC", &routes::bankid_siteminder_adc())?.login_flow();
        // Stops at the hop onto the e-services, whichever of their two names it uses.
        crate::provider::stockholm::eservices_host::follow_to_eservices(
            &self.context.http,
            request,
        )
        .await?;
        let user = self.context.finish_login().await?;
        self.phase = LoginPhase::Done;
        Ok(LoginProgress::Complete(user))
    }
}

#[async_trait]
impl LoginFlow for BankIdFlow {
    fn prompt(&self) -> LoginPrompt {
        self.prompt.clone()
    }

    async fn poll(&mut self) -> Result<LoginProgress> {
        match self.phase.next_step()? {
            NextStep::PollProvider => self.poll_order().await,
            NextStep::SetUpSession => self.set_up_session().await,
        }
    }

    async fn cancel(&mut self) -> Result<()> {
        // Stockholm has no cancel endpoint: stop locally; the order expires on its own.
        self.phase.cancel();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states() {
        assert_eq!(map_state("PENDING").unwrap(), LoginState::Pending);
        assert_eq!(map_state("USER_SIGN").unwrap(), LoginState::UserSign);
        assert_eq!(map_state("OK").unwrap(), LoginState::Signed);
        assert!(matches!(
            map_state("ERROR"),
            Err(Error::Login(LoginFailure::Rejected(_)))
        ));
        assert!(matches!(
            map_state("CANCELLED"),
            Err(Error::Login(LoginFailure::CancelledByUser))
        ));
        assert_eq!(map_state("SOMETHING_NEW").unwrap(), LoginState::Pending);
    }
}
