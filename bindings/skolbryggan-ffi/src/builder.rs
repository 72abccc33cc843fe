//! [`ClientBuilder`]: configures and opens a [`Client`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use skolbryggan::upstream::UpstreamOverride;

use crate::backend::{Backend, BackendConfig};
use crate::client::Client;
use crate::error::{FfiResult, SkolbrygganError};
use crate::logging::{self, LogLevel, LogSink};
use crate::records::parse_date;
use crate::secrets::{MemorySecretStore, SecretStore};

/// The app platform the library runs in (for logging and the platform's conventions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HostPlatform {
    /// An Android app.
    Android,
    /// An iOS app.
    Ios,
    /// A desktop JVM, a script or a test.
    Other,
}

#[derive(Clone)]
struct Settings {
    data_dir: PathBuf,
    host: HostPlatform,
    secrets: Option<Arc<dyn SecretStore>>,
    log: Option<(Arc<dyn LogSink>, LogLevel)>,
    emulator: Option<(String, String)>,
    demo_date: Option<String>,
    demo_scale: u32,
}

/// Configures a [`Client`]. Each setter returns a new builder; finish with
/// [`ClientBuilder::build`].
///
/// ```kotlin
/// val client = ClientBuilder(context.filesDir.path + "/skolbryggan")
///     .hostPlatform(HostPlatform.ANDROID)
///     .secretStore(KeystoreSecretStore(context))
///     .logSink(LogcatSink(), LogLevel.INFO)
///     .build()
/// ```
#[derive(uniffi::Object)]
pub struct ClientBuilder {
    settings: Settings,
}

impl ClientBuilder {
    fn with(&self, change: impl FnOnce(&mut Settings)) -> Arc<Self> {
        let mut settings = self.settings.clone();
        change(&mut settings);
        Arc::new(ClientBuilder { settings })
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl ClientBuilder {
    /// A builder that keeps its cache in `data_dir` (created if missing; use app-private
    /// storage).
    #[uniffi::constructor]
    pub fn new(data_dir: String) -> Arc<Self> {
        Arc::new(ClientBuilder {
            settings: Settings {
                data_dir: PathBuf::from(data_dir),
                host: HostPlatform::Other,
                secrets: None,
                log: None,
                emulator: None,
                demo_date: None,
                demo_scale: 1,
            },
        })
    }

    /// The platform the app runs on.
    pub fn host_platform(&self, platform: HostPlatform) -> Arc<Self> {
        self.with(|s| s.host = platform)
    }

    /// Where the library keeps its secrets (the cache key, saved sessions): the Android
    /// Keystore or the iOS Keychain, implemented by the app. Without one, secrets live in memory
    /// only and saved sessions do not survive the process.
    pub fn secret_store(&self, store: Arc<dyn SecretStore>) -> Arc<Self> {
        self.with(|s| s.secrets = Some(store))
    }

    /// Sends the library's log lines at `level` and above to `sink` (process-wide: the last
    /// client built decides).
    pub fn log_sink(&self, sink: Arc<dyn LogSink>, level: LogLevel) -> Arc<Self> {
        self.with(|s| s.log = Some((sink, level)))
    }

    /// **For tests and development only.** Points every platform host at a running Skolbryggan
    /// emulator at `address` (`127.0.0.1:port`) and trusts only its certificate authority
    /// `ca_pem` — the same mechanism as the CLI's `--emulator`. Requests, paths, cookies and TLS
    /// stay those of production. Never set this in a release app.
    pub fn emulator(&self, address: String, ca_pem: String) -> Arc<Self> {
        self.with(|s| s.emulator = Some((address, ca_pem)))
    }

    /// **For tests.** Generates the demo family for the school year containing `date`
    /// (`YYYY-MM-DD`) instead of today's, and `scale` times as large (1 = three children).
    pub fn demo_family(&self, date: Option<String>, scale: u32) -> Arc<Self> {
        self.with(|s| {
            s.demo_date = date;
            s.demo_scale = scale.max(1);
        })
    }

    /// Opens the client. Fails with `InvalidInput` (a bad emulator address or date), `Cache`
    /// (the data directory cannot be used) or `Key` (the secret store failed).
    pub async fn build(&self) -> FfiResult<Arc<Client>> {
        let s = self.settings.clone();
        if let Some((sink, level)) = s.log {
            logging::install(sink, level);
        }
        let upstream = match s.emulator {
            Some((address, ca_pem)) => {
                let addr: SocketAddr = address
                    .parse()
                    .map_err(|_| SkolbrygganError::invalid("the emulator address is host:port"))?;
                if !ca_pem.contains("BEGIN CERTIFICATE") {
                    return Err(SkolbrygganError::invalid(
                        "the emulator CA must be a PEM certificate",
                    ));
                }
                Some(UpstreamOverride { addr, ca_pem })
            }
            None => None,
        };
        let demo_date = s.demo_date.as_deref().map(parse_date).transpose()?;
        tracing::debug!(host = ?s.host, emulator = upstream.is_some(), "building a client");
        let backend = Backend::new(BackendConfig {
            data_dir: s.data_dir,
            secrets: s.secrets.unwrap_or_else(MemorySecretStore::shared),
            upstream,
            demo_date,
            demo_scale: s.demo_scale,
        })?;
        Ok(Arc::new(Client::new(Arc::new(backend))))
    }
}
