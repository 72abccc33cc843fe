//! Logging in and resuming sessions.

use std::sync::Arc;

use super::{Client, DataChanged, blocking, family, lock, providers};
use crate::error::{Error, Result};
use crate::model::{Platform, User};
use crate::provider::{
    BrowserReturn, DriveOptions, LoginFlow, LoginPrompt, LoginRequest, LoginUpdate, Provider,
    drive_login,
};

/// A login that has started: show [`PendingLogin::prompt`] (autostart link, QR code), then
/// [`PendingLogin::complete`] it.
pub struct PendingLogin {
    client: Client,
    provider: Arc<dyn Provider>,
    flow: Box<dyn LoginFlow>,
    prompt: LoginPrompt,
    browser: Option<BrowserReturn>,
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

    /// What to show now: the BankID autostart links, the first QR frame, the Freja link, the
    /// address to open in a browser.
    pub fn prompt(&self) -> &LoginPrompt {
        &self.prompt
    }

    /// Where to hand back the browser's redirect, for a login with a browser step
    /// ([`LoginRequest::Browser`]); keep it to call after [`PendingLogin::complete`] started.
    pub fn browser_return(&self) -> Option<BrowserReturn> {
        self.browser.clone()
    }

    /// Hands back the address the browser was sent to at the end of a browser login.
    /// [`Error::InvalidInput`] for a login without a browser step, or a second hand-back.
    pub fn hand_back_redirect(&self, redirect: &str) -> Result<()> {
        self.browser
            .as_ref()
            .ok_or_else(|| Error::InvalidInput("this login has no browser step".to_owned()))?
            .hand_back(redirect)
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
            ..
        } = self;
        let user = drive_login(flow, options, on_update, cancel).await?;
        // A login that joined another provider's shared city session (no BankID) joins the
        // family like any other.
        client.activate(provider, &user).await?;
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
        self.hand_over_sso(provider.as_ref());
        let flow = provider.start_login(request).await?;
        let prompt = flow.prompt();
        let browser = flow.browser_return();
        Ok(PendingLogin {
            client: self.clone(),
            provider,
            flow,
            prompt,
            browser,
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

    /// Resumes every stored platform session of the current family. Each provider gets its
    /// outcome; an expired session leaves the cached data readable.
    pub async fn resume_sessions(&self) -> Result<Vec<ResumeOutcome>> {
        let Some((account, names)) = self.inner.state.current() else {
            return Ok(Vec::new());
        };
        *lock(&self.inner.account) = Some(account.clone());
        let mut outcomes = Vec::new();
        for name in names {
            let cache = self.inner.engine.cache().clone();
            // The family of this resume (a move to the keyed id may have renamed it).
            let acc = self.account().unwrap_or_else(|| account.clone());
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
                            self.inner.namespaces.set(&name, saved.account.clone());
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
            let result = match result {
                Ok(user) => Ok(self.after_resume(&name, user).await),
                Err(e) => Err(e),
            };
            outcomes.push(ResumeOutcome {
                provider: name,
                result,
            });
        }
        Ok(outcomes)
    }

    /// After `name` resumed as `user`: the one-time move from the legacy account id
    /// ([`Client::migrate_legacy_ids`]); the user as taken up again under the keyed id. A move
    /// that fails leaves everything under the legacy id (it is tried again next time).
    async fn after_resume(&self, name: &str, user: User) -> User {
        match self.migrate_legacy_ids(name, &user).await {
            Ok(again) => again
                .into_iter()
                .find(|(n, _)| n == name)
                .map_or(user, |(_, u)| u),
            Err(e) => {
                tracing::warn!(error = %e, "could not move the cache to the keyed account id");
                user
            }
        }
    }

    /// Stockholm's two systems share one SiteMinder login: when a login starts on one of them
    /// while the other is active, the other's session cookies go first, so that no second BankID
    /// order is needed while the city session lives.
    fn hand_over_sso(&self, target: &dyn Provider) {
        const SHARED: [&str; 2] = [
            crate::provider::stockholm::NAME,
            crate::provider::infomentor::NAME,
        ];
        if !SHARED.contains(&target.name()) {
            return;
        }
        let Some(family) = self.account() else {
            return;
        };
        let sources: Vec<Arc<dyn Provider>> = lock(&self.inner.active)
            .iter()
            .filter(|p| p.name() != target.name() && SHARED.contains(&p.name()))
            .cloned()
            .collect();
        for source in sources {
            let cookies = source.sso_cookies();
            if cookies.is_empty() {
                continue;
            }
            // The same guardian's login: the ids go under the source session's namespace.
            let namespace = self
                .inner
                .namespaces
                .get(source.name())
                .unwrap_or_else(|| family.clone());
            tracing::debug!(to = target.name(), "handing over the SiteMinder session");
            target.adopt_sso_cookies(&cookies, &namespace);
            break;
        }
    }

    /// A live provider called `name`, or a new one.
    pub(crate) fn provider(&self, name: &str) -> Result<Arc<dyn Provider>> {
        if let Some(p) = lock(&self.inner.active).iter().find(|p| p.name() == name) {
            return Ok(p.clone());
        }
        providers::make(
            name,
            self.inner.upstream.as_ref(),
            self.today(),
            self.inner.account_key.clone(),
        )
    }

    fn add_active(&self, provider: Arc<dyn Provider>) {
        let mut active = lock(&self.inner.active);
        active.retain(|p| p.name() != provider.name());
        active.push(provider);
    }

    /// Activates a logged-in provider: its session joins the current family (or starts one,
    /// see [`family::family_for`]), is stored sealed under the family, and the other
    /// platforms' sessions stay active.
    pub(crate) async fn activate(&self, provider: Arc<dyn Provider>, user: &User) -> Result<()> {
        // A cache of an earlier version under the legacy account id moves to the keyed one
        // first (this provider's own session is new: it is not taken up again).
        self.inner.namespaces.remove(provider.name());
        if let Err(e) = self.migrate_legacy_ids(provider.name(), user).await {
            tracing::warn!(error = %e, "could not move the cache to the keyed account id");
        }
        let saved = provider.saved_session();
        let namespace = family::session_namespace(saved.as_ref(), user, &self.inner.account_key);
        let current = self.account();
        let (account, starts_new) = family::family_for(current.as_ref(), &namespace);
        if starts_new && current.is_some() {
            // Another family (the demo, or no family shown before): the previous one's
            // sessions are no longer active; they stay stored under their own family.
            lock(&self.inner.active).clear();
            self.inner.namespaces.clear();
            self.inner.sessions.clear();
        }
        *lock(&self.inner.account) = Some(account.clone());
        if let Some(session) = saved {
            let cache = self.inner.engine.cache().clone();
            let acc = account.clone();
            blocking(move || cache.save_session_under(&acc, &session)).await?;
        }
        self.inner.state.add_provider(&account, provider.name())?;
        let name = provider.name().to_owned();
        self.inner.namespaces.set(&name, namespace);
        self.inner
            .sessions
            .logged_in(&name, user, self.inner.clock.now());
        self.attach_offline_menus(&account, provider.as_ref()).await;
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
