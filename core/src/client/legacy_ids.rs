//! The one-time move from the legacy account id to the keyed one.
//!
//! Earlier versions named a guardian's account by an *unkeyed* hash of the personal number
//! ([`AccountId::legacy_unkeyed_from_personal_number`]); this one keys it with the
//! installation's [`crate::model::AccountKey`]. When a login or a resume shows a guardian
//! whose legacy id still names data in the cache — the family itself, a stored session, a live
//! session's namespace — everything is moved to the keyed id in one cache transaction
//! ([`crate::cache::Cache::rebase_account`]); the state file follows, and the live sessions
//! namespaced by the legacy id are taken up again under the keyed one, so that new data is
//! stored under it too.

use super::{Client, blocking, lock};
use crate::error::Result;
use crate::model::{AccountId, User};

impl Client {
    /// Moves the data of `user`'s legacy account id to the keyed one, when the cache holds
    /// any (see the module). `provider` is the platform that just logged in or resumed.
    /// Returns the live providers taken up again under the keyed id, with their users.
    pub(crate) async fn migrate_legacy_ids(
        &self,
        provider: &str,
        user: &User,
    ) -> Result<Vec<(String, User)>> {
        let Some(number) = user.personal_number.as_ref() else {
            return Ok(Vec::new());
        };
        let legacy = AccountId::legacy_unkeyed_from_personal_number(number.digits());
        let keyed = self.inner.account_key.account_id(number.digits());
        if legacy == keyed {
            return Ok(Vec::new());
        }
        let cache = self.inner.engine.cache().clone();
        let family = match self.account() {
            Some(family) => family,
            None => {
                let (c, l) = (cache.clone(), legacy.clone());
                if !blocking(move || c.has_account(&l)).await? {
                    return Ok(Vec::new());
                }
                legacy.clone()
            }
        };
        let live = self.inner.namespaces.providers_in(&legacy);
        let stored = {
            let (c, f, p) = (cache.clone(), family.clone(), provider.to_owned());
            blocking(move || c.session(&f, &p))
                .await?
                .is_some_and(|s| s.account == legacy)
        };
        let held = family == legacy && {
            let (c, l) = (cache.clone(), legacy.clone());
            blocking(move || c.has_account(&l)).await?
        };
        if !(held || stored || !live.is_empty()) {
            return Ok(Vec::new());
        }
        let report = {
            let (f, l, k) = (family.clone(), legacy.clone(), keyed.clone());
            blocking(move || cache.rebase_account(&f, &l, &k)).await?
        };
        let Some(moved_to) = report.account else {
            return Ok(Vec::new());
        };
        tracing::info!(
            items = report.items,
            changes = report.changes,
            content = report.content,
            "moved the cached data to the keyed account id"
        );
        if moved_to != family {
            self.inner.state.rename_account(&family, &moved_to)?;
        }
        *lock(&self.inner.account) = Some(moved_to);
        self.take_up_again(&live, &keyed).await
    }

    /// The live sessions of `providers` taken up again with their own (fresh) session under
    /// the `keyed` namespace, so their ids are made under it from now on. One that fails
    /// keeps its session; the next resume (from the moved stored session) takes it up.
    async fn take_up_again(
        &self,
        providers: &[String],
        keyed: &AccountId,
    ) -> Result<Vec<(String, User)>> {
        let mut out = Vec::new();
        for name in providers {
            self.inner.namespaces.set(name, keyed.clone());
            let live = lock(&self.inner.active)
                .iter()
                .find(|p| p.name() == name)
                .cloned();
            let Some(provider) = live else { continue };
            let Some(mut saved) = provider.saved_session() else {
                continue;
            };
            saved.account = keyed.clone();
            match provider.resume(&saved).await {
                Ok(user) => {
                    self.inner
                        .sessions
                        .logged_in(name, &user, self.inner.clock.now());
                    out.push((name.clone(), user));
                }
                Err(e) => {
                    tracing::warn!(provider = %name, error = %e, "could not take up the session again");
                }
            }
        }
        Ok(out)
    }
}
