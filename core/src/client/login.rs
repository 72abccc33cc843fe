//! Logging in and resuming sessions.

use std::sync::Arc;

use super::{Client, DataChanged, blocking, lock, providers};
use crate::error::{Error, Result};
use crate::model::{AccountId, Platform, User};
use crate::provider::{
    DriveOptions, LoginFlow, LoginPrompt, LoginRequest, LoginUpdate, Provider, drive_login,
};

/// A login that has started: show [`PendingLogin::prompt`] (autostart link, QR code), then
/// [`PendingLogin::complete`] it.
pub struct PendingLogin {
    client: Client,
    provider: Arc<dyn Provider>,
    flow: Box<dyn LoginFlow>,
    prompt: LoginPrompt,
    /// The login joins the shared city session of an active provider (no BankID): it belongs to
    /// the current account.
    joined: bool,
}

impl std::fmt::Debug for PendingLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingLogin")
            .field("provider", &self.provider.name())
            .finish_non_exhaustive()
    }
}

/// The result of resuming one stored session.
#[derive(Debug)]
pub struct ResumeOutcome {
    /// The provider.
    pub provider: String,
    /// The user, or why the session could not be resumed ([`Error::SessionExpired`]: log in
    /// again; the cached data stays).
    pub result: Result<User>,
}

impl PendingLogin {
    /// The provider handling this login.
    pub fn provider_name(&self) -> &str {
        self.provider.name()
    }

    /// What to show now: the BankID autostart links, the first QR frame, the Freja link.
    pub fn prompt(&self) -> &LoginPrompt {
        &self.prompt
    }

    /// Polls the order until it completes, fails, times out or `cancel` resolves; `on_update`
    /// sees each state and QR frame. On success the session is stored (sealed) so the next
    /// start needs no BankID.
    pub async fn complete<F, C>(
        self,
        options: DriveOptions,
        on_update: F,
        cancel: C,
    ) -> Result<User>
    where
        F: FnMut(&LoginUpdate) + Send,
        C: std::future::Future<Output = ()> + Send,
    {
        let PendingLogin {
            client,
            provider,
            flow,
            joined,
            ..
        } = self;
        let user = drive_login(flow, options, on_update, cancel).await?;
        if joined {
            client.activate_joined(provider, &user).await?;
        } else {
            client.activate(provider, &user).await?;
        }
        Ok(user)
    }
}

impl Client {
    /// Starts a login on `platform`. A BankID request with a personal number ending in
    /// `1212121212` logs in to the built-in demo family instead (no network).
    pub async fn start_login(
        &self,
        platform: Platform,
        request: LoginRequest,
    ) -> Result<PendingLogin> {
        let name = providers::provider_name_for(platform, &request);
        let provider = self.provider(name)?;
        self.inner.organisations.apply_to(provider.as_ref())?;
        let handed_over = self.hand_over_sso(provider.as_ref());
        let flow = provider.start_login(request).await?;
        let prompt = flow.prompt();
        // Nothing to show means the flow took up the handed-over session instead of ordering
        // BankID.
        let joined = handed_over && prompt == LoginPrompt::default();
        Ok(PendingLogin {
            client: self.clone(),
            provider,
            flow,
            prompt,
            joined,
        })
    }

    /// Logs in to the built-in demo family (no network, completes at once).
    pub async fn login_demo(&self) -> Result<User> {
        let request = LoginRequest::BankId {
            personal_number: crate::model::PersonalNumber::parse("121212121212", 2026),
            other_device: false,
        };
        let pending = self.start_login(Platform::Stockholm, request).await?;
        let options = DriveOptions {
            interval: std::time::Duration::from_millis(1),
            ..DriveOptions::default()
        };
        pending
            .complete(options, |_| {}, std::future::pending())
            .await
    }

    /// Resumes every stored session of the current account. Each provider gets its outcome;
    /// an expired session leaves the cached data readable.
    pub async fn resume_sessions(&self) -> Result<Vec<ResumeOutcome>> {
        let Some((account, names)) = self.inner.state.current() else {
            return Ok(Vec::new());
        };
        *lock(&self.inner.account) = Some(account.clone());
        let mut outcomes = Vec::new();
        for name in names {
            let cache = self.inner.engine.cache().clone();
            let acc = account.clone();
            let n = name.clone();
            // A cache failure is this provider's outcome, not the end of the others' resumes.
            let saved = blocking(move || cache.session(&acc, &n)).await;
            let result = match saved {
                Err(e) => Err(e),
                // The cache was rebuilt because the key store had no key for it: the session
                // did not expire, it is in the cache kept aside.
                Ok(None) if self.cache_key_lost() => Err(Error::KeyLost),
                Ok(None) => Err(Error::SessionExpired {
                    endpoint: "stored session".to_owned(),
                }),
                Ok(Some(saved)) => match self.provider(&name) {
                    Err(e) => Err(e),
                    Ok(provider) => match provider.resume(&saved).await {
                        Ok(user) => {
                            self.add_active(provider);
                            self.inner
                                .sessions
                                .logged_in(&name, &user, self.inner.clock.now());
                            self.notify(DataChanged::LoggedIn {
                                provider: name.clone(),
                            });
                            Ok(user)
                        }
                        Err(e) => {
                            if matches!(e, Error::SessionExpired { .. }) {
                                self.inner.sessions.expired(&name);
                                self.notify(DataChanged::SessionExpired {
                                    provider: name.clone(),
                                });
                            }
                            Err(e)
                        }
                    },
                },
            };
            outcomes.push(ResumeOutcome {
                provider: name,
                result,
            });
        }
        Ok(outcomes)
    }

    /// Stockholm's two systems share one SiteMinder login: when a login starts on one of them
    /// while the other is active, the other's session cookies go first, so that no second BankID
    /// order is needed while the city session lives.
    fn hand_over_sso(&self, target: &dyn Provider) -> bool {
        const SHARED: [&str; 2] = [
            crate::provider::stockholm::NAME,
            crate::provider::infomentor::NAME,
        ];
        if !SHARED.contains(&target.name()) {
            return false;
        }
        let Some(account) = self.account() else {
            return false;
        };
        let cookies: Vec<_> = lock(&self.inner.active)
            .iter()
            .filter(|p| p.name() != target.name() && SHARED.contains(&p.name()))
            .flat_map(|p| p.sso_cookies())
            .collect();
        if !cookies.is_empty() {
            tracing::debug!(to = target.name(), "handing over the SiteMinder session");
            target.adopt_sso_cookies(&cookies, &account);
        }
        !cookies.is_empty()
    }

    /// A live provider called `name`, or a new one.
    pub(crate) fn provider(&self, name: &str) -> Result<Arc<dyn Provider>> {
        if let Some(p) = lock(&self.inner.active).iter().find(|p| p.name() == name) {
            return Ok(p.clone());
        }
        providers::make(name, self.inner.upstream.as_ref(), self.today())
    }

    fn add_active(&self, provider: Arc<dyn Provider>) {
        let mut active = lock(&self.inner.active);
        active.retain(|p| p.name() != provider.name());
        active.push(provider);
    }

    /// Activates a provider that joined the current account's shared city login: the same
    /// guardian, so the other providers stay active and the session is stored under the current
    /// account (the provider keeps its own id namespace).
    async fn activate_joined(&self, provider: Arc<dyn Provider>, user: &User) -> Result<()> {
        let Some(account) = self.account() else {
            return self.activate(provider, user).await;
        };
        if let Some(session) = provider.saved_session() {
            let cache = self.inner.engine.cache().clone();
            let acc = account.clone();
            blocking(move || cache.save_session_under(&acc, &session)).await?;
        }
        self.inner.state.add_provider(&account, provider.name())?;
        let name = provider.name().to_owned();
        self.inner
            .sessions
            .logged_in(&name, user, self.inner.clock.now());
        self.add_active(provider);
        self.remove_orphans().await;
        self.notify(DataChanged::LoggedIn { provider: name });
        Ok(())
    }

    pub(crate) async fn activate(&self, provider: Arc<dyn Provider>, user: &User) -> Result<()> {
        let saved = provider.saved_session();
        let account = match (&saved, &user.personal_number) {
            (Some(s), _) => s.account.clone(),
            (None, Some(p)) => AccountId::from_personal_number(p.digits()),
            (None, None) => user.id.account(),
        };
        if let Some(current) = self.account()
            && current != account
        {
            // Another guardian: the previous one's sessions are no longer active.
            lock(&self.inner.active).clear();
        }
        *lock(&self.inner.account) = Some(account.clone());
        if let Some(session) = saved {
            let cache = self.inner.engine.cache().clone();
            blocking(move || cache.save_session(&session)).await?;
        }
        self.inner.state.add_provider(&account, provider.name())?;
        let name = provider.name().to_owned();
        self.inner
            .sessions
            .logged_in(&name, user, self.inner.clock.now());
        self.add_active(provider);
        self.remove_orphans().await;
        self.notify(DataChanged::LoggedIn { provider: name });
        Ok(())
    }

    /// After a successful login the caches kept aside for a lost key are no longer wanted.
    /// A file that cannot be removed does not fail the login (it is removed next time).
    async fn remove_orphans(&self) {
        let cache = self.inner.engine.cache().clone();
        match blocking(move || cache.remove_orphans()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(orphans = n, "removed the caches kept aside"),
            Err(e) => tracing::warn!(error = %e, "could not remove the caches kept aside"),
        }
    }
}
