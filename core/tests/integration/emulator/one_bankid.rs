//! One BankID for both Stockholm systems: a login on Skolplattformen or InfoMentor hands the
//! live SiteMinder session to the other, so the second login needs no BankID order; with the
//! session expired the second login is a normal BankID login.

use std::sync::Arc;

use skolbryggan::client::{Client, ClientBuilder};
use skolbryggan::model::{Platform, User};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan_emulator::{BankIdOutcome, BankIdScript, Emulator, EmulatorConfig, EmulatorHandle};

use crate::support;

fn emulator() -> EmulatorHandle {
    let mut config = EmulatorConfig::demo();
    config.bankid = BankIdScript {
        pending_polls: 1,
        user_sign_polls: 1,
        outcome: BankIdOutcome::Ok,
    };
    Emulator::start(config).unwrap()
}

async fn client(emu: &EmulatorHandle) -> (Client, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let client = client_in(emu, &dir, Arc::new(MemorySecretStore::new())).await;
    (client, dir)
}

async fn client_in(
    emu: &EmulatorHandle,
    dir: &tempfile::TempDir,
    secrets: Arc<MemorySecretStore>,
) -> Client {
    ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(secrets)
        .build()
        .await
        .unwrap()
}

/// Logs in on `platform`; returns the user and whether the flow asked for BankID (a prompt
/// with an autostart token or QR code).
async fn login(client: &Client, platform: Platform) -> (User, bool) {
    let pending = client
        .start_login(platform, support::demo_bankid())
        .await
        .unwrap();
    let prompt = pending.prompt().clone();
    let asked = prompt != skolbryggan::provider::LoginPrompt::default();
    let user = support::complete_login(pending).await;
    (user, asked)
}

async fn assert_both_platforms_readable(client: &Client) {
    let today = client.today();
    let report = client.refresh_week(today, None).await.unwrap();
    let failed: Vec<_> = report.failures().collect();
    assert!(failed.is_empty(), "{failed:?}");
    let children = client.children().await.unwrap().value;
    let stockholm = children
        .iter()
        .filter(|c| c.platform == Platform::Stockholm)
        .count();
    let infomentor = children
        .iter()
        .filter(|c| c.platform == Platform::InfoMentor)
        .count();
    // The emulator's demo family has two InfoMentor pupils (pupil switching is exercised).
    assert_eq!((stockholm, infomentor), (2, 2), "{children:?}");
    let week = client.week_overview(today).await.unwrap().value;
    assert_eq!(week.days.len(), 7);
    assert!(
        week.days.iter().all(|d| d.children.len() == 4),
        "every day shows all four children"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infomentor_after_stockholm_needs_no_second_bankid() {
    let emu = emulator();
    let (client, _dir) = client(&emu).await;
    let (_, asked) = login(&client, Platform::Stockholm).await;
    assert!(asked);
    assert_eq!(emu.bankid_order_count(), 1);
    let (_, asked) = login(&client, Platform::InfoMentor).await;
    assert!(!asked, "no BankID prompt for the second system");
    assert_eq!(emu.bankid_order_count(), 1, "exactly one BankID order");
    assert_both_platforms_readable(&client).await;
    assert_eq!(emu.bankid_order_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stockholm_after_infomentor_needs_no_second_bankid() {
    let emu = emulator();
    let (client, _dir) = client(&emu).await;
    let (_, asked) = login(&client, Platform::InfoMentor).await;
    assert!(asked);
    assert_eq!(emu.bankid_order_count(), 1);
    let (_, asked) = login(&client, Platform::Stockholm).await;
    assert!(!asked, "no BankID prompt for the second system");
    assert_eq!(emu.bankid_order_count(), 1, "exactly one BankID order");
    assert_both_platforms_readable(&client).await;
    assert_eq!(emu.bankid_order_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_city_session_falls_back_to_bankid_both_ways() {
    for (first, second) in [
        (Platform::Stockholm, Platform::InfoMentor),
        (Platform::InfoMentor, Platform::Stockholm),
    ] {
        let emu = emulator();
        let (client, _dir) = client(&emu).await;
        login(&client, first).await;
        assert_eq!(emu.bankid_order_count(), 1);
        emu.expire_all_sessions();
        let (_, asked) = login(&client, second).await;
        assert!(asked, "{second:?}: a normal BankID login");
        assert_eq!(emu.bankid_order_count(), 2, "{second:?}: a second order");
        // The second system works; the first one's expiry is reported, not hidden.
        let today = client.today();
        let _ = client.refresh_week(today, None).await.unwrap();
        let children = client.children().await.unwrap().value;
        assert!(
            children.iter().any(|c| c.platform == second),
            "{second:?}: {children:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_joined_sessions_resume_under_one_account() {
    for (first, second) in [
        (Platform::Stockholm, Platform::InfoMentor),
        (Platform::InfoMentor, Platform::Stockholm),
    ] {
        let emu = emulator();
        let dir = tempfile::tempdir().unwrap();
        let secrets = Arc::new(MemorySecretStore::new());
        {
            let client = client_in(&emu, &dir, secrets.clone()).await;
            login(&client, first).await;
            login(&client, second).await;
        }
        let client = client_in(&emu, &dir, secrets.clone()).await;
        let outcomes = client.resume_sessions().await.unwrap();
        assert_eq!(outcomes.len(), 2, "{outcomes:?}");
        assert!(outcomes.iter().all(|o| o.result.is_ok()), "{outcomes:?}");
        assert_both_platforms_readable(&client).await;
        assert_eq!(emu.bankid_order_count(), 1, "{first:?} then {second:?}");
    }
}
