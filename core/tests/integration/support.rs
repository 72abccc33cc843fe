//! Shared setup of the integration tests: emulators, a logged-in client, refreshing a week.

use std::sync::Arc;
use std::time::Duration;

use skolbryggan::cache::DEFAULT_KEY_NAME;
use skolbryggan::client::{Client, ClientBuilder, PendingLogin};
use skolbryggan::model::{AccountId, AccountKey, PersonalNumber, Platform, User};
use skolbryggan::provider::{DriveOptions, LoginRequest};
use skolbryggan::secrets::{MemorySecretStore, SecretStore};
use skolbryggan::sync::ManualClock;
use skolbryggan::sync::RefreshReport;
use skolbryggan_emulator::{Emulator, EmulatorConfig, EmulatorHandle};

/// A client pointed at the emulator, logged in to `platform` with BankID as the emulator's
/// guardian, with everything a test needs to reopen it later.
pub struct LoggedIn {
    /// The client.
    pub client: Client,
    /// Its clock (starts now; advance it to age the cache).
    pub clock: Arc<ManualClock>,
    /// Its secret store (the cache key), for a second client on the same directory.
    pub secrets: Arc<MemorySecretStore>,
    /// Its data directory (removed when dropped).
    pub dir: tempfile::TempDir,
}

/// A secret store holding the emulator's installation secret as the cache key, so that a
/// client built with it makes the account ids of the emulator's families
/// ([`EmulatorConfig::INSTALLATION_SECRET`]).
pub fn emulator_installation() -> Arc<MemorySecretStore> {
    let secrets = Arc::new(MemorySecretStore::new());
    secrets
        .set(DEFAULT_KEY_NAME, &EmulatorConfig::INSTALLATION_SECRET)
        .unwrap();
    secrets
}

/// The account id a client whose cache key is in `secrets` makes for the guardian
/// `personal_number` (its account key is derived from the cache key).
pub fn keyed_account(secrets: &dyn SecretStore, personal_number: &str) -> AccountId {
    let key = secrets.get(DEFAULT_KEY_NAME).unwrap().unwrap();
    AccountKey::derive(&key).account_id(personal_number)
}

/// Logs in to `platform` on `emu` (BankID on this device, polled every 10 ms).
pub async fn logged_in(emu: &EmulatorHandle, platform: Platform) -> LoggedIn {
    logged_in_with(emu, platform, |b| b).await
}

/// [`logged_in`] with the builder adjusted by `adjust` (limits, settings) before it is built.
pub async fn logged_in_with(
    emu: &EmulatorHandle,
    platform: Platform,
    adjust: impl FnOnce(ClientBuilder) -> ClientBuilder,
) -> LoggedIn {
    let dir = tempfile::tempdir().unwrap();
    let secrets = emulator_installation();
    let clock = Arc::new(ManualClock::new(jiff::Timestamp::now()));
    let builder = ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(secrets.clone())
        .clock(clock.clone());
    let client = adjust(builder).build().await.unwrap();
    bankid_login(&client, platform).await;
    LoggedIn {
        client,
        clock,
        secrets,
        dir,
    }
}

/// BankID on this device for the emulator's demo guardian.
pub fn demo_bankid() -> LoginRequest {
    LoginRequest::BankId {
        personal_number: PersonalNumber::parse(EmulatorConfig::DEMO_GUARDIAN, 2026),
        other_device: false,
    }
}

/// Drives a started login to its end, polling every 10 ms, and returns the signed-in user.
pub async fn complete_login(pending: PendingLogin) -> User {
    let options = DriveOptions {
        interval: Duration::from_millis(10),
        ..DriveOptions::default()
    };
    pending
        .complete(options, |_| {}, std::future::pending())
        .await
        .unwrap()
}

/// Starts `request` on `platform` and drives it to its end (see [`complete_login`]).
pub async fn login(client: &Client, platform: Platform, request: LoginRequest) -> User {
    let pending = client.start_login(platform, request).await.unwrap();
    complete_login(pending).await
}

/// Logs `client` in to `platform` as the emulator's demo guardian (BankID on this device,
/// polled every 10 ms).
pub async fn bankid_login(client: &Client, platform: Platform) {
    login(client, platform, demo_bankid()).await;
}

/// The emulator serving the demo family (every platform).
pub fn demo_emulator() -> EmulatorHandle {
    Emulator::start(EmulatorConfig::demo()).unwrap()
}

/// The emulator serving the recorded sample family (Stockholm's samples).
pub fn sample_emulator() -> EmulatorHandle {
    Emulator::start(EmulatorConfig::sample()).unwrap()
}

/// Refreshes the week of the client's today and returns the report.
pub async fn refresh_week(client: &Client) -> RefreshReport {
    client.refresh_week(client.today(), None).await.unwrap()
}

/// A secret store that cannot answer right now (a locked device): every call is
/// [`skolbryggan::Error::KeyUnavailable`]. Counts the calls.
#[derive(Default)]
pub struct LockedSecretStore {
    /// How many calls it refused.
    pub calls: std::sync::atomic::AtomicUsize,
}

impl LockedSecretStore {
    fn refuse<T>(&self) -> skolbryggan::Result<T> {
        self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Err(skolbryggan::Error::KeyUnavailable(
            "the device is locked".to_owned(),
        ))
    }
}

impl skolbryggan::secrets::SecretStore for LockedSecretStore {
    fn get(&self, _name: &str) -> skolbryggan::Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
        self.refuse()
    }
    fn set(&self, _name: &str, _secret: &[u8]) -> skolbryggan::Result<()> {
        self.refuse()
    }
    fn delete(&self, _name: &str) -> skolbryggan::Result<()> {
        self.refuse()
    }
}

/// Every file under `dir` (recursively) with its size and modification time, sorted: two
/// equal listings mean no file was created, removed, resized or written.
pub fn file_listing(
    dir: &std::path::Path,
) -> Vec<(std::path::PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                todo.push(entry.path());
            }
            out.push((entry.path(), meta.len(), meta.modified().unwrap()));
        }
    }
    out.sort();
    out
}

/// The orphaned caches (kept aside for a lost key) in `dir`: their database files only.
pub fn orphan_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.contains(".orphaned-")
                && !(name.ends_with("-wal") || name.ends_with("-shm") || name.ends_with("-journal"))
        })
        .collect();
    out.sort();
    out
}
