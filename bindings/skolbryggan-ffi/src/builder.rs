//! [`ClientBuilder`]: configures and opens a [`Client`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use skolbryggan::upstream::UpstreamOverride;

use skolbryggan::client::ClientBuilder as CoreBuilder;
use skolbryggan::sync::ManualClock;

use crate::client::Client;
use crate::error::{FfiResult, SkolbrygganError};
use crate::logging::{self, LogLevel, LogSink};
use crate::records::parse_date;
use crate::secrets::{ForeignSecrets, SecretStore};

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
    fixed_today: Option<String>,
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
    pub fn new(data_dir: String) -> FfiResult<Arc<Self>> {
        Ok(Arc::new(ClientBuilder {
            settings: Settings {
                data_dir: PathBuf::from(data_dir),
                host: HostPlatform::Other,
                secrets: None,
                log: None,
                emulator: None,
                fixed_today: None,
            },
        }))
    }

    /// The platform the app runs on.
    pub fn host_platform(&self, platform: HostPlatform) -> FfiResult<Arc<Self>> {
        Ok(self.with(|s| s.host = platform))
    }

    /// Where the library keeps the key of its encrypted cache: the Android Keystore or the iOS
    /// Keychain, implemented by the app. Without one, the platform keystore is used where the
    /// library can open it itself, and `build` fails with `Key` where it cannot.
    pub fn secret_store(&self, store: Arc<dyn SecretStore>) -> FfiResult<Arc<Self>> {
        Ok(self.with(|s| s.secrets = Some(store)))
    }

    /// Sends the library's log lines at `level` and above to `sink` (process-wide: the last
    /// client built decides).
    pub fn log_sink(&self, sink: Arc<dyn LogSink>, level: LogLevel) -> FfiResult<Arc<Self>> {
        Ok(self.with(|s| s.log = Some((sink, level))))
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
        let emulated = upstream.is_some();
        let mut builder = CoreBuilder::new(s.data_dir).upstream(upstream);
        if let Some(store) = s.secrets {
            builder = builder.secret_store(Arc::new(ForeignSecrets(store)));
        }
        if let Some(date) = s.fixed_today {
            let noon = parse_date(&date)?.to_datetime(jiff::civil::time(12, 0, 0, 0));
            let now = skolbryggan::time::local(noon).timestamp();
            builder = builder.clock(Arc::new(ManualClock::new(now)));
        }
        tracing::debug!(host = ?s.host, emulator = emulated, "building a client");
        Ok(Arc::new(Client::new(builder.build().await?)))
    }
}

/// The test-only settings, exported only with the `test-support` feature (the foreign test
/// suites build with it; the phone library does not).
#[cfg(feature = "test-support")]
#[uniffi::export]
impl ClientBuilder {
    /// **For tests and development only.** Points every platform host at a running Skolbryggan
    /// emulator at `address` (`127.0.0.1:port`) and trusts only its certificate authority
    /// `ca_pem` — the same mechanism as the CLI's `--emulator`. Requests, paths, cookies and TLS
    /// stay those of production. Never set this in a release app.
    pub fn emulator(&self, address: String, ca_pem: String) -> FfiResult<Arc<Self>> {
        Ok(self.with(|s| s.emulator = Some((address, ca_pem))))
    }

    /// **For tests only.** Freezes the client's clock at noon of `date` (`YYYY-MM-DD`, Swedish
    /// time): "today", the demo family's school year and the cache's freshness all follow it.
    pub fn fixed_today(&self, date: String) -> FfiResult<Arc<Self>> {
        Ok(self.with(|s| s.fixed_today = Some(date)))
    }
}
