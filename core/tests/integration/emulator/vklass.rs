//! Vklass through the client: Göteborg's BankID QR login, a refresh of everything into the
//! encrypted cache, then the session ends upstream: the refresh reports it as expired and the
//! cached data stays.

use std::sync::Arc;

use skolbryggan::client::{ClientBuilder, SessionState};
use skolbryggan::model::Platform;
use skolbryggan::provider::LoginRequest;
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::{FailureKind, ManualClock, RefreshRequest};
use skolbryggan_emulator::{Emulator, EmulatorConfig};

use crate::support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vklass_bankid_refresh_then_expiry_keeps_the_cache() {
    let mut config = EmulatorConfig::demo();
    config.today = Some(skolbryggan::time::today());
    let emu = Emulator::start(config).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client = ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(Arc::new(MemorySecretStore::new()))
        .clock(Arc::new(ManualClock::new(jiff::Timestamp::now())))
        .build()
        .await
        .unwrap();
    let found = client.organisations("vklass", "Göteborg").await.unwrap();
    assert_eq!(found.len(), 2);
    client.set_organisation("vklass", "189").unwrap();
    let pending = client
        .start_login(
            Platform::Vklass,
            LoginRequest::BankId {
                personal_number: None,
                other_device: true,
            },
        )
        .await
        .unwrap();
    support::complete_login(pending).await;

    let today = client.today();
    let report = client
        .refresh(&RefreshRequest::everything(today), None)
        .await
        .unwrap();
    let failures: Vec<_> = report.failures().collect();
    assert!(failures.is_empty(), "{failures:?}");
    let before = client.snapshot().await.unwrap().value;
    let kids: Vec<_> = before
        .children
        .iter()
        .filter(|c| c.platform == Platform::Vklass)
        .map(|c| c.first_name.as_str())
        .collect();
    assert_eq!(kids, ["Bo", "Alva"]);
    assert!(!before.news.is_empty());
    assert!(!before.care_times.is_empty());

    emu.expire_all_sessions();
    let forced = RefreshRequest {
        force: true,
        ..RefreshRequest::week_view(today)
    };
    let report = client.refresh(&forced, None).await.unwrap();
    assert!(report.session_expired);
    assert!(report.failures().all(|r| {
        r.failure()
            .is_some_and(|f| f.kind == FailureKind::SessionExpired)
    }));
    let state = client
        .session_states()
        .into_iter()
        .find(|s| s.provider == "vklass")
        .unwrap()
        .state;
    assert_eq!(state, SessionState::Expired);
    let after = client.snapshot().await.unwrap().value;
    assert_eq!(after.children, before.children);
    assert_eq!(after.news, before.news);
    assert_eq!(after.care_times, before.care_times);
}
