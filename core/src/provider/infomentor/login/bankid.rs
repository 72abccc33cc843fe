//! The BankID login through `sso.infomentor.se` and Stockholm's login servers: the walk to the
//! BankID page, the order (this or another device, with a restart on dead orders), the polls and
//! the SAML hand-off to the Hub.

use std::sync::Arc;

use async_trait::async_trait;

use super::chain::{finish, now_ms, run_walk};
use super::walk::{SsoWalk, WalkFailure, WalkStep};
use crate::error::{Error, LoginFailure, Result};
use crate::http::HttpRequest;
use crate::provider::infomentor::context::{Context, HubState};
use crate::provider::infomentor::parse::{self, BankIdState};
use crate::provider::infomentor::routes;
use crate::provider::{LoginFlow, LoginProgress, LoginPrompt, LoginState, QrFrame};

/// Login chains tried when the BankID server hands out a dead order.
const MAX_ATTEMPTS: u32 = 3;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Polling,
    Signed,
    /// No BankID was needed (a live SiteMinder session).
    AlreadyIn,
    Done,
    Cancelled,
}

/// A BankID login at InfoMentor in progress.
pub(crate) struct InfoMentorLogin {
    context: Arc<Context>,
    walk: SsoWalk,
    page: String,
    order: String,
    qr_mode: bool,
    prompt: LoginPrompt,
    qr: Option<QrFrame>,
    phase: Phase,
    /// The account of a login joined through a handed-over SiteMinder session.
    joined_account: Option<crate::model::AccountId>,
}

impl InfoMentorLogin {
    /// Walks to the BankID page and starts an order; restarts the whole chain when the server
    /// hands out a dead order (up to three times).
    pub(crate) async fn start(context: Arc<Context>, qr_mode: bool) -> Result<Self> {
        let mut last_error = Error::Login(LoginFailure::Rejected(
            "BankID handed out dead orders".to_owned(),
        ));
        // SiteMinder cookies handed over by another provider: with a live session the walk
        // meets the SAMLResponse form and no BankID order is needed.
        let (adopted, adopted_account) = std::mem::take(
            &mut *context
                .adopted_sso
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        );
        for _ in 0..MAX_ATTEMPTS {
            // A fresh jar for every login: two cookies of one name break the Hub session.
            context.http.jar().clear();
            context.set_kind(super::LoginKind::Federated);
            crate::provider::adopt_sso_into(context.http.jar(), &adopted);
            *context.hub.lock().await = HubState::default();
            let (mut walk, first) = SsoWalk::start(&context.idp());
            let page = match run_walk(&context.http, &mut walk, first).await? {
                WalkStep::BankIdPage { url } => url,
                WalkStep::LoggedIn => {
                    return Ok(InfoMentorLogin {
                        context,
                        walk,
                        page: String::new(),
                        order: String::new(),
                        qr_mode,
                        prompt: LoginPrompt::default(),
                        qr: None,
                        phase: Phase::AlreadyIn,
                        joined_account: adopted_account,
                    });
                }
                WalkStep::Failed(f) => return Err(f.into_error()),
                _ => return Err(WalkFailure::Lost("the BankID page was not reached").into_error()),
            };
            let init = HttpRequest::get(
                "initialize",
                &routes::bankid_initialize(&page, qr_mode, now_ms()),
            )?
            .login_flow();
            let response = context.http.send(&init).await?;
            response.ensure_success()?;
            let order = match parse::parse_initialize(&response.text()) {
                Ok(order) => order,
                Err(e) => {
                    last_error = e;
                    continue;
                }
            };
            let mut qr = order.qr.clone();
            if qr_mode {
                // The sanity poll: a dead order answers ERROR at once.
                let poll = HttpRequest::get(
                    "verifyorder",
                    &routes::bankid_verify(&page, &order.order, now_ms()),
                )?
                .login_flow();
                let response = context.http.send(&poll).await?;
                if response.status() != 200 {
                    last_error = Error::upstream(
                        "verifyorder",
                        Some(response.status()),
                        "the new order is dead",
                    );
                    continue;
                }
                match parse::parse_verifyorder(&response.text()) {
                    Ok(p) if p.state == BankIdState::Error => {
                        last_error = Error::Login(LoginFailure::Rejected(
                            "BankID handed out a dead order".to_owned(),
                        ));
                        continue;
                    }
                    Ok(p) => {
                        if p.qr.is_some() {
                            qr = p.qr;
                        }
                    }
                    Err(e) => {
                        last_error = e;
                        continue;
                    }
                }
            }
            let prompt = match (&order.autostart_token, qr_mode) {
                (Some(token), false) => LoginPrompt::bankid(token),
                (_, true) => LoginPrompt {
                    qr: qr.clone(),
                    ..LoginPrompt::default()
                },
                (None, false) => {
                    last_error = Error::parse("initialize", "no autostart token");
                    continue;
                }
            };
            return Ok(InfoMentorLogin {
                context,
                walk,
                page,
                order: order.order,
                qr_mode,
                prompt,
                qr,
                phase: Phase::Polling,
                joined_account: None,
            });
        }
        Err(last_error)
    }

    async fn poll_order(&mut self) -> Result<LoginProgress> {
        let request = HttpRequest::get(
            "verifyorder",
            &routes::bankid_verify(&self.page, &self.order, now_ms()),
        )?
        .login_flow();
        let response = self.context.http.send(&request).await?;
        if response.status() == 500 {
            self.phase = Phase::Done;
            return Err(Error::Login(LoginFailure::Rejected(
                "the BankID order expired".to_owned(),
            )));
        }
        response.ensure_success()?;
        let poll = parse::parse_verifyorder(&response.text())?;
        if poll.qr.is_some() {
            self.qr = poll.qr.clone();
        }
        match poll.state {
            BankIdState::Ok => {
                self.phase = Phase::Signed;
                Ok(LoginProgress::Waiting {
                    state: LoginState::Signed,
                    qr: None,
                })
            }
            BankIdState::Error => {
                self.phase = Phase::Done;
                Err(Error::Login(LoginFailure::Rejected(
                    "BankID reported an error".to_owned(),
                )))
            }
            BankIdState::Cancelled => {
                self.phase = Phase::Done;
                Err(Error::Login(LoginFailure::CancelledByUser))
            }
            other => Ok(LoginProgress::Waiting {
                state: other.login_state(),
                qr: if self.qr_mode { self.qr.clone() } else { None },
            }),
        }
    }

    async fn hand_off(&mut self) -> Result<LoginProgress> {
        let first = self.walk.after_ok();
        let mut end = run_walk(&self.context.http, &mut self.walk, first).await?;
        if matches!(end, WalkStep::BankIdPage { .. } | WalkStep::Failed(_)) && self.qr_mode {
            // One more chain: the SiteMinder session is valid now, so the IdP should answer at
            // once. A BankID page again means giving up.
            let (mut walk, first) = SsoWalk::start(&self.context.idp());
            end = run_walk(&self.context.http, &mut walk, first).await?;
            self.walk = walk;
        }
        self.phase = Phase::Done;
        match end {
            WalkStep::LoggedIn => Ok(LoginProgress::Complete(finish(&self.context, None).await?)),
            WalkStep::Failed(f) => Err(f.into_error()),
            _ => Err(WalkFailure::NoSamlResponse.into_error()),
        }
    }
}

#[async_trait]
impl LoginFlow for InfoMentorLogin {
    fn prompt(&self) -> LoginPrompt {
        self.prompt.clone()
    }

    async fn poll(&mut self) -> Result<LoginProgress> {
        match self.phase {
            Phase::Polling => self.poll_order().await,
            Phase::Signed => self.hand_off().await,
            Phase::AlreadyIn => {
                self.phase = Phase::Done;
                let account = self.joined_account.take();
                Ok(LoginProgress::Complete(
                    finish(&self.context, account).await?,
                ))
            }
            Phase::Done => Err(Error::InvalidInput(
                "the login has already ended".to_owned(),
            )),
            Phase::Cancelled => Err(Error::Cancelled),
        }
    }

    async fn cancel(&mut self) -> Result<()> {
        if self.phase != Phase::Done {
            self.phase = Phase::Cancelled;
        }
        Ok(())
    }
}
