//! [`ClientBuilder`].

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use super::{Client, Inner, state::StateFile};
use crate::cache::{Cache, CacheOptions, ContentLimits};
use crate::error::Result;
use crate::secrets::SecretStore;
use crate::sync::{Clock, SyncEngine, SyncSettings, SystemClock};
use crate::upstream::UpstreamOverride;

/// Builds a [`Client`].
pub struct ClientBuilder {
    data_dir: PathBuf,
    upstream: Option<UpstreamOverride>,
    secrets: Option<Arc<dyn SecretStore>>,
    clock: Option<Arc<dyn Clock>>,
    settings: SyncSettings,
    content: ContentLimits,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A client keeping its encrypted cache in `data_dir` (created if missing).
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        ClientBuilder {
            data_dir: data_dir.into(),
            upstream: None,
            secrets: None,
            clock: None,
            settings: SyncSettings::new(),
            content: ContentLimits::default(),
        }
    }

    /// **For tests and development only**: point every platform at a running emulator and
    /// trust its CA (see [`UpstreamOverride`]). Production clients never set this.
    pub fn upstream(mut self, upstream: Option<UpstreamOverride>) -> Self {
        self.upstream = upstream;
        self
    }

    /// Where the cache key lives (the app's keystore). Without one, the platform keystore
    /// ([`crate::secrets::default_store`]) is used, and building fails if there is none.
    pub fn secret_store(mut self, store: Arc<dyn SecretStore>) -> Self {
        self.secrets = Some(store);
        self
    }

    /// The clock (tests inject a manual one).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Freshness, retry and breaker settings.
    pub fn sync_settings(mut self, settings: SyncSettings) -> Self {
        self.settings = settings;
        self
    }

    /// How much loaded content (images, attachments, [`Client::load_content`]) the cache
    /// keeps: the per-item and total caps (10 MB and 100 MB unless set).
    pub fn content_limits(mut self, limits: ContentLimits) -> Self {
        self.content = limits;
        self
    }

    /// Opens (or creates) the cache and returns the client. Resume stored sessions with
    /// [`Client::resume_sessions`].
    pub async fn build(self) -> Result<Client> {
        crate::cache::private_files::ensure_private_dir(&self.data_dir)?;
        let secrets: Arc<dyn SecretStore> = match self.secrets {
            Some(s) => s,
            None => Arc::new(crate::secrets::default_store()?),
        };
        let db = self.data_dir.join("skolbryggan.db");
        let options = CacheOptions {
            content: self.content,
            ..CacheOptions::new(db)
        };
        let cache = super::blocking(move || Cache::open_with(options, secrets)).await?;
        let account_key = cache.account_key()?;
        let clock: Arc<dyn Clock> = self.clock.unwrap_or_else(|| Arc::new(SystemClock));
        let engine = SyncEngine::new(Arc::new(cache), clock.clone(), self.settings);
        let state = StateFile::load(self.data_dir.join("state.json"));
        let account = state.current().map(|(a, _)| a);
        let (events, _) = broadcast::channel(64);
        Ok(Client {
            inner: Arc::new(Inner {
                engine,
                clock,
                upstream: self.upstream,
                state,
                account: Mutex::new(account),
                active: Mutex::new(Vec::new()),
                namespaces: Default::default(),
                sessions: super::sessions::SessionBook::default(),
                organisations: Default::default(),
                events,
                account_key,
            }),
        })
    }
}
