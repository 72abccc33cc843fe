//! The state behind a [`crate::Client`].
//!
//! Interim: until the core's `skolbryggan::client` facade (encrypted cache, sync engine, the
//! platform providers) lands, this serves the built-in demo family through
//! [`DemoProvider`] + [`drive_login`], keeps the family in memory as the "cache", and keeps
//! saved sessions in the app's [`SecretStore`]. The exported surface does not change when the
//! facade replaces it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use jiff::civil::Date;
use skolbryggan::model::{FamilySnapshot, PersonalNumber, User};
use skolbryggan::provider::demo::{DemoConfig, DemoProvider};
use skolbryggan::provider::{
    DriveOptions, LoginFlow, LoginPrompt, LoginRequest, LoginUpdate, Provider, SavedSession,
    drive_login,
};
use skolbryggan::upstream::UpstreamOverride;
use tokio::sync::broadcast;

use crate::changes::{Change, DataKind};
use crate::error::{FfiResult, SkolbrygganError};
use crate::refresh::{RefreshProgress, RefreshReport};
use crate::secrets::SecretStore;

/// The secret-store key prefix of saved sessions.
const SESSION_PREFIX: &str = "skolbryggan.session.";

/// What the builder collected.
pub(crate) struct BackendConfig {
    /// Where the cache lives.
    pub data_dir: PathBuf,
    /// The app's secret store.
    pub secrets: Arc<dyn SecretStore>,
    /// Points every platform at an emulator (tests and development).
    pub upstream: Option<UpstreamOverride>,
    /// The demo family's school year is the one containing this date (default: today).
    pub demo_date: Option<Date>,
    /// The demo family's scale.
    pub demo_scale: u32,
}

#[derive(Default)]
struct State {
    provider: Option<DemoProvider>,
    snapshot: Arc<FamilySnapshot>,
    changes: Vec<Change>,
}

/// The client's state.
pub(crate) struct Backend {
    config: BackendConfig,
    state: Mutex<State>,
    changed: broadcast::Sender<Vec<DataKind>>,
}

/// A login between `start_login` and `complete`.
pub(crate) struct LoginInProgress {
    provider: DemoProvider,
    flow: Box<dyn LoginFlow>,
}

impl LoginInProgress {
    /// What to show right away.
    pub(crate) fn prompt(&self) -> LoginPrompt {
        self.flow.prompt()
    }
}

impl Backend {
    pub(crate) fn new(config: BackendConfig) -> FfiResult<Self> {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| SkolbrygganError::Cache {
            detail: format!("cannot create the data directory: {e}"),
        })?;
        Ok(Backend {
            config,
            state: Mutex::new(State::default()),
            changed: broadcast::channel(64).0,
        })
    }

    fn lock(&self) -> FfiResult<MutexGuard<'_, State>> {
        self.state
            .lock()
            .map_err(|_| SkolbrygganError::internal("client state poisoned"))
    }

    fn demo_config(&self) -> DemoConfig {
        let date = self.config.demo_date.unwrap_or_else(skolbryggan::time::today);
        DemoConfig::for_date(date).with_scale(self.config.demo_scale)
    }

    /// True when an emulator override is set.
    pub(crate) fn uses_emulator(&self) -> bool {
        self.config.upstream.is_some()
    }

    /// Starts a login at `platform`. A personal number ending in `1212121212` selects the demo.
    pub(crate) async fn start_login(
        &self,
        _platform: skolbryggan::model::Platform,
        request: LoginRequest,
        personal_number_input: Option<&str>,
    ) -> FfiResult<LoginInProgress> {
        let is_demo = personal_number_input.is_some_and(PersonalNumber::is_demo_trigger);
        if !is_demo {
            return Err(SkolbrygganError::Unsupported {
                detail: "real platform logins need the platform providers (not in this build)"
                    .to_owned(),
            });
        }
        let provider = DemoProvider::new(&self.demo_config());
        let flow = provider.start_login(request).await?;
        Ok(LoginInProgress { provider, flow })
    }

    /// Drives a login to its end and installs the session.
    pub(crate) async fn complete_login<F, C>(
        &self,
        login: LoginInProgress,
        options: DriveOptions,
        on_update: F,
        cancel: C,
    ) -> FfiResult<User>
    where
        F: FnMut(&LoginUpdate) + Send,
        C: std::future::Future<Output = ()> + Send,
    {
        let user = drive_login(login.flow, options, on_update, cancel).await?;
        self.install(login.provider)?;
        Ok(user)
    }

    /// Logs in to the demo family at once.
    pub(crate) async fn login_demo(&self) -> FfiResult<User> {
        let provider = DemoProvider::logged_in(&self.demo_config());
        let user = provider.user().await?;
        self.install(provider)?;
        Ok(user)
    }

    fn install(&self, provider: DemoProvider) -> FfiResult<()> {
        if let Some(saved) = provider.saved_session() {
            self.save_session(&saved)?;
        }
        let snapshot = Arc::new(provider.family().snapshot.clone());
        {
            let mut state = self.lock()?;
            state.provider = Some(provider);
            state.snapshot = snapshot;
        }
        self.notify(vec![
            DataKind::Session,
            DataKind::Children,
            DataKind::News,
            DataKind::Calendar,
            DataKind::Notifications,
            DataKind::Menus,
            DataKind::Timetable,
            DataKind::People,
        ]);
        Ok(())
    }

    fn save_session(&self, saved: &SavedSession) -> FfiResult<()> {
        let key = format!("{SESSION_PREFIX}{}.{}", saved.provider, saved.account);
        let value = serde_json::to_vec(saved)
            .map_err(|e| SkolbrygganError::internal(format!("session encoding: {e}")))?;
        self.config.secrets.set(key, value)?;
        Ok(())
    }

    /// Resumes every saved session; fails with `SessionExpired` when one no longer works.
    pub(crate) async fn resume_sessions(&self) -> FfiResult<Vec<User>> {
        let keys = self.config.secrets.list(SESSION_PREFIX.to_owned())?;
        let mut users = Vec::new();
        for key in keys {
            let Some(bytes) = self.config.secrets.get(key.clone())? else {
                continue;
            };
            let saved: SavedSession =
                serde_json::from_slice(&bytes).map_err(|_| SkolbrygganError::Key {
                    detail: "a saved session is unreadable".to_owned(),
                })?;
            let provider = DemoProvider::new(&self.demo_config().with_account(saved.account.clone()));
            match provider.resume(&saved).await {
                Ok(user) => {
                    users.push(user);
                    self.install(provider)?;
                }
                Err(e) => {
                    self.notify(vec![DataKind::Session]);
                    return Err(e.into());
                }
            }
        }
        Ok(users)
    }

    /// Refreshes the cache from the logged-in platforms.
    pub(crate) async fn refresh(
        &self,
        mut progress: impl FnMut(RefreshProgress),
    ) -> FfiResult<RefreshReport> {
        let started = std::time::Instant::now();
        let provider = self.lock()?.provider.clone().ok_or(SkolbrygganError::NotLoggedIn)?;
        let children = provider.children().await?;
        let total = u32::try_from(children.len()).unwrap_or(u32::MAX);
        for (i, _child) in children.iter().enumerate() {
            progress(RefreshProgress {
                done: u32::try_from(i + 1).unwrap_or(u32::MAX),
                total,
                step: "child".to_owned(),
            });
        }
        let snapshot = Arc::new(provider.family().snapshot.clone());
        let entities = snapshot.news.len()
            + snapshot.calendar.len()
            + snapshot.notifications.len()
            + snapshot.menus.len()
            + snapshot.lessons.len()
            + snapshot.classmates.len()
            + snapshot.teachers.len()
            + snapshot.contacts.len()
            + snapshot.children.len();
        self.lock()?.snapshot = snapshot;
        self.notify(vec![DataKind::Children, DataKind::News, DataKind::Calendar]);
        Ok(RefreshReport {
            children: total,
            entities: u32::try_from(entities).unwrap_or(u32::MAX),
            changed: 0,
            failures: Vec::new(),
            duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        })
    }

    /// The cached family; `NotLoggedIn` before a login.
    pub(crate) fn snapshot(&self) -> FfiResult<Arc<FamilySnapshot>> {
        let state = self.lock()?;
        if state.provider.is_none() {
            return Err(SkolbrygganError::NotLoggedIn);
        }
        Ok(state.snapshot.clone())
    }

    /// True after a login.
    pub(crate) fn is_logged_in(&self) -> bool {
        self.lock().map(|s| s.provider.is_some()).unwrap_or(false)
    }

    /// The change feed.
    pub(crate) fn changes(&self, unread_only: bool) -> FfiResult<Vec<Change>> {
        Ok(self
            .lock()?
            .changes
            .iter()
            .filter(|c| !unread_only || !c.read)
            .cloned()
            .collect())
    }

    /// Marks changes read.
    pub(crate) fn mark_read(&self, ids: &[String]) -> FfiResult<u32> {
        let mut n = 0;
        for c in self.lock()?.changes.iter_mut() {
            if !c.read && ids.contains(&c.id) {
                c.read = true;
                n += 1;
            }
        }
        Ok(n)
    }

    /// Subscribes to data-changed notices.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Vec<DataKind>> {
        self.changed.subscribe()
    }

    fn notify(&self, kinds: Vec<DataKind>) {
        let _ = self.changed.send(kinds);
    }

    /// Logs out: the session is dropped, the cache stays on disk (readable after a new login).
    pub(crate) async fn logout(&self) -> FfiResult<()> {
        let provider = self.lock()?.provider.take();
        if let Some(p) = provider {
            p.logout().await?;
        }
        self.notify(vec![DataKind::Session]);
        Ok(())
    }

    /// Logs out and deletes everything: saved sessions, the cache and its key.
    pub(crate) async fn forget(&self) -> FfiResult<()> {
        self.logout().await?;
        for key in self.config.secrets.list(SESSION_PREFIX.to_owned())? {
            self.config.secrets.delete(key)?;
        }
        {
            let mut state = self.lock()?;
            state.snapshot = Arc::new(FamilySnapshot::empty());
            state.changes.clear();
        }
        self.notify(vec![DataKind::Session, DataKind::Children]);
        Ok(())
    }
}
