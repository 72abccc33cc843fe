//! Shared setup of the integration tests: emulators, a logged-in client, refreshing a week.

use std::sync::Arc;
use std::time::Duration;

use skolbryggan::client::{Client, ClientBuilder};
use skolbryggan::model::{PersonalNumber, Platform};
use skolbryggan::provider::{DriveOptions, LoginRequest};
use skolbryggan::secrets::MemorySecretStore;
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

/// Logs in to `platform` on `emu` (BankID on this device, polled every 10 ms).
pub async fn logged_in(emu: &EmulatorHandle, platform: Platform) -> LoggedIn {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let clock = Arc::new(ManualClock::new(jiff::Timestamp::now()));
    let client = ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(secrets.clone())
        .clock(clock.clone())
        .build()
        .await
        .unwrap();
    let pending = client
        .start_login(
            platform,
            LoginRequest::BankId {
                personal_number: PersonalNumber::parse(EmulatorConfig::DEMO_GUARDIAN, 2026),
                other_device: false,
            },
        )
        .await
        .unwrap();
    let options = DriveOptions {
        interval: Duration::from_millis(10),
        ..DriveOptions::default()
    };
    pending
        .complete(options, |_| {}, std::future::pending())
        .await
        .unwrap();
    LoggedIn {
        client,
        clock,
        secrets,
        dir,
    }
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
