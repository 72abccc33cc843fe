//! Each platform's session as an app shows it (live and whose, expired, stored but not resumed,
//! not logged in): [`Client::session_states`], and resuming with every platform's outcome
//! reported: [`Client::resume_sessions_detailed`].

use std::collections::HashMap;
use std::sync::Mutex;

use jiff::Timestamp;

use super::{Client, lock};
use crate::error::Error;
use crate::model::User;
use crate::provider::registry;
use crate::sync::{FailureKind, ResourceFailure};

/// One platform's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// A live session.
    LoggedIn {
        /// The guardian's name, for "logged in as" (kept in memory only).
        user: String,
        /// When the session was logged in or resumed.
        since: Timestamp,
    },
    /// The platform said the session expired (a refresh or resume was sent to its login
    /// page): log in again. The cached data stays.
    Expired,
    /// A session is stored but not resumed yet (or its resume failed for a reason other than
    /// expiry, such as no network): call [`Client::resume_sessions_detailed`] again.
    Saved,
    /// No session.
    NotLoggedIn,
}

/// The session of one registry entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformSession {
    /// The provider's name (the registry entry's name).
    pub provider: &'static str,
    /// Its session.
    pub state: SessionState,
}

/// What resuming one stored session gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResumeStatus {
    /// The session lives again.
    Resumed {
        /// The guardian's name.
        user: String,
    },
    /// The platform ended the session: log in again (the cached data stays).
    Expired,
    /// The resume failed for another reason; `kind` says which (a network failure can be
    /// retried, a lost key needs a new login).
    Failed {
        /// The kind of failure.
        kind: FailureKind,
        /// A text for logs and support (no personal data).
        message: String,
    },
}

/// One stored session's resume outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeReport {
    /// The provider's name.
    pub provider: String,
    /// What happened.
    pub status: ResumeStatus,
}

#[derive(Debug, Clone)]
struct Live {
    user: String,
    since: Timestamp,
    expired: bool,
}

/// The client's memory of its sessions since it started: who logged in when, which expired.
#[derive(Debug, Default)]
pub(crate) struct SessionBook {
    live: Mutex<HashMap<String, Live>>,
}

impl SessionBook {
    pub(crate) fn logged_in(&self, provider: &str, user: &User, now: Timestamp) {
        lock(&self.live).insert(
            provider.to_owned(),
            Live {
                user: user.full_name(),
                since: now,
                expired: false,
            },
        );
    }

    pub(crate) fn expired(&self, provider: &str) {
        let mut live = lock(&self.live);
        match live.get_mut(provider) {
            Some(l) => l.expired = true,
            None => {
                live.insert(
                    provider.to_owned(),
                    Live {
                        user: String::new(),
                        since: Timestamp::UNIX_EPOCH,
                        expired: true,
                    },
                );
            }
        }
    }

    /// A refresh of `provider` made requests and none found the session expired: the session
    /// lives again (a session the upstream had refused is only called expired until then).
    pub(crate) fn answered(&self, provider: &str) {
        if let Some(l) = lock(&self.live).get_mut(provider) {
            l.expired = false;
        }
    }

    /// True when the last word on `provider`'s session was that it expired.
    pub(crate) fn is_expired(&self, provider: &str) -> bool {
        lock(&self.live).get(provider).is_some_and(|l| l.expired)
    }

    pub(crate) fn clear(&self) {
        lock(&self.live).clear();
    }

    pub(crate) fn remove(&self, provider: &str) {
        lock(&self.live).remove(provider);
    }

    fn get(&self, provider: &str) -> Option<Live> {
        lock(&self.live).get(provider).cloned()
    }
}

impl ResumeStatus {
    fn of(result: &crate::error::Result<User>) -> Self {
        match result {
            Ok(user) => ResumeStatus::Resumed {
                user: user.full_name(),
            },
            Err(Error::SessionExpired { .. }) => ResumeStatus::Expired,
            Err(e) => ResumeStatus::Failed {
                kind: ResourceFailure::from(e).kind,
                message: e.to_string(),
            },
        }
    }
}

impl Client {
    /// The session of every registry entry, in registry order.
    pub fn session_states(&self) -> Vec<PlatformSession> {
        let active = self.logged_in_providers();
        let stored: Vec<String> = match (self.inner.state.current(), self.account()) {
            (Some((account, names)), Some(current)) if account == current => names,
            _ => Vec::new(),
        };
        registry::ENTRIES
            .iter()
            .map(|e| {
                let live = self.inner.sessions.get(e.name);
                let state = match live {
                    Some(l) if l.expired => SessionState::Expired,
                    Some(l) if active.iter().any(|a| a == e.name) => SessionState::LoggedIn {
                        user: l.user,
                        since: l.since,
                    },
                    _ if stored.iter().any(|s| s == e.name) => SessionState::Saved,
                    _ => SessionState::NotLoggedIn,
                };
                PlatformSession {
                    provider: e.name,
                    state,
                }
            })
            .collect()
    }

    /// Resumes every stored session of the current account and reports each one's outcome
    /// (resumed, expired, or failed with its kind); one failing does not hide the others.
    pub async fn resume_sessions_detailed(&self) -> crate::error::Result<Vec<ResumeReport>> {
        Ok(self
            .resume_sessions()
            .await?
            .into_iter()
            .map(|o| ResumeReport {
                status: ResumeStatus::of(&o.result),
                provider: o.provider,
            })
            .collect())
    }

    /// Activates `provider` as if `user` had logged in on it (tests only: the scripted
    /// providers have no login).
    #[cfg(feature = "testing")]
    pub async fn activate_for_tests(
        &self,
        provider: std::sync::Arc<dyn crate::provider::Provider>,
        user: &User,
    ) -> crate::error::Result<()> {
        self.activate(provider, user).await
    }
}
