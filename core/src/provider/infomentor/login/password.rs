//! The IM1 ("Mentor") username/password login as a [`LoginFlow`]: no identity app, so the
//! flow does its whole walk ([`super::password_walk`]) on its first poll and completes (or
//! fails with [`LoginFailure::InvalidCredentials`] when the form comes back).

use std::sync::Arc;

use async_trait::async_trait;

use super::LoginKind;
use super::chain::{finish, run_walk};
use super::password_walk::{Credentials, PasswordWalk};
use super::walk::{WalkFailure, WalkStep};
use crate::error::{Error, LoginFailure, Result};
use crate::model::{AccountId, User};
use crate::provider::infomentor::context::{Context, HubState};
use crate::provider::{LoginFlow, LoginProgress, LoginPrompt, Password};

/// A username/password login at InfoMentor, run on its first poll.
pub(crate) struct PasswordLogin {
    context: Arc<Context>,
    credentials: Option<Credentials>,
    cancelled: bool,
}

impl PasswordLogin {
    /// A login with these credentials (both must be non-empty); nothing is sent yet.
    pub(crate) fn new(context: Arc<Context>, username: &str, password: Password) -> Result<Self> {
        let username = username.trim();
        if username.is_empty() || password.expose().is_empty() {
            return Err(Error::InvalidInput(
                "the username and the password must not be empty".to_owned(),
            ));
        }
        Ok(PasswordLogin {
            context,
            credentials: Some(Credentials {
                username: username.to_owned(),
                password,
            }),
            cancelled: false,
        })
    }
}

/// Walks the IM1 login (`credentials` `None`: only when IM1 still knows the user) and confirms
/// the Hub session; once more through the forced OAuth hand-off when the Hub says it is not
/// authenticated. `account` namespaces the ids (derived from the guardian when `None`).
pub(crate) async fn password_session(
    context: &Context,
    credentials: Option<Credentials>,
    account: Option<AccountId>,
) -> Result<User> {
    let (mut walk, first) = PasswordWalk::start(credentials);
    let mut step = first;
    loop {
        match run_walk(&context.http, &mut walk, step).await? {
            WalkStep::LoggedIn => {}
            WalkStep::Failed(f) => return Err(f.into_error()),
            _ => return Err(WalkFailure::Lost("the password login did not end").into_error()),
        }
        match finish(context, account.clone()).await {
            Err(Error::Login(LoginFailure::NoSession(why))) => match walk.force_oauth() {
                Some(again) => step = again,
                None => return Err(Error::Login(LoginFailure::NoSession(why))),
            },
            other => return other,
        }
    }
}

#[async_trait]
impl LoginFlow for PasswordLogin {
    fn prompt(&self) -> LoginPrompt {
        LoginPrompt::default()
    }

    async fn poll(&mut self) -> Result<LoginProgress> {
        if self.cancelled {
            return Err(Error::Cancelled);
        }
        let Some(credentials) = self.credentials.take() else {
            return Err(Error::InvalidInput(
                "the login has already ended".to_owned(),
            ));
        };
        // A fresh jar for every login: two cookies of one name break the Hub session.
        self.context.http.jar().clear();
        *self.context.hub.lock().await = HubState::default();
        let outcome = password_session(&self.context, Some(credentials), None).await;
        match outcome {
            Ok(user) => {
                self.context.set_kind(LoginKind::Password);
                tracing::info!("InfoMentor password login complete");
                Ok(LoginProgress::Complete(user))
            }
            Err(e) => {
                // Nothing of a failed login stays behind.
                self.context.http.jar().clear();
                *self.context.hub.lock().await = HubState::default();
                Err(e)
            }
        }
    }

    async fn cancel(&mut self) -> Result<()> {
        self.cancelled = true;
        self.credentials = None;
        Ok(())
    }
}
