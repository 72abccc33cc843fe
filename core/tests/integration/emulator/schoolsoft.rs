//! SchoolSoft end to end through the client: the tenant chosen, BankID through GrandID, a
//! refresh of everything for both children, the absence report (sent once under a retry), and
//! session expiry as a typed state with the cache kept; the password login.

use std::time::Duration;

use jiff::ToSpan;
use jiff::civil::Weekday;
use skolbryggan::client::{Client, ClientBuilder, SessionState};
use skolbryggan::model::{PersonalNumber, Platform};
use skolbryggan::provider::{DriveOptions, LoginRequest, Password, WriteOutcome};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::{FailureKind, RefreshRequest};
use skolbryggan_emulator::{EmulatorConfig, schoolsoft_family as fam};

use crate::support;

async fn client(emu: &skolbryggan_emulator::EmulatorHandle, dir: &tempfile::TempDir) -> Client {
    let client = ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(std::sync::Arc::new(MemorySecretStore::new()))
        .build()
        .await
        .unwrap();
    let found = client
        .organisations("schoolsoft", "Påhittade")
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    client.set_organisation("schoolsoft", &found[0].id).unwrap();
    client
}

async fn login(client: &Client, request: LoginRequest) {
    let pending = client
        .start_login(Platform::SchoolSoft, request)
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
}

fn state(client: &Client) -> SessionState {
    client
        .session_states()
        .into_iter()
        .find(|s| s.provider == "schoolsoft")
        .unwrap()
        .state
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schoolsoft_refresh_absence_and_expiry_keep_the_cache() {
    let emu = support::demo_emulator();
    let dir = tempfile::tempdir().unwrap();
    let client = client(&emu, &dir).await;
    login(
        &client,
        LoginRequest::BankId {
            personal_number: PersonalNumber::parse(EmulatorConfig::DEMO_GUARDIAN, 2026),
            other_device: false,
        },
    )
    .await;
    assert!(matches!(state(&client), SessionState::LoggedIn { .. }));
    let today = client.today();
    let report = client
        .refresh(&RefreshRequest::everything(today), None)
        .await
        .unwrap();
    let failures: Vec<_> = report
        .resources
        .iter()
        .filter(|r| r.resource.provider == "schoolsoft")
        .filter_map(|r| {
            r.failure()
                .map(|f| (r.resource.kind.as_str().to_owned(), f.kind))
        })
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    let children = client.children().await.unwrap().value;
    let kids: Vec<_> = children
        .iter()
        .filter(|c| c.platform == Platform::SchoolSoft)
        .collect();
    assert_eq!(kids.len(), 2);
    let news = client.news(None).await.unwrap().value;
    for title in ["Skolstart hösten 2026", "Veckobrev 3A"] {
        let item = news.iter().find(|n| n.title == title).unwrap();
        let owner = kids.iter().find(|c| c.id == item.child_id).unwrap();
        assert_eq!(
            owner.first_name,
            if title == "Veckobrev 3A" {
                "Bo"
            } else {
                "Alva"
            }
        );
    }

    // The absence report through the client: one write, a retry sends nothing.
    let bo = kids.iter().find(|c| c.first_name == "Bo").unwrap();
    let mut day = today.checked_add(7.days()).unwrap();
    while day.weekday() != Weekday::Thursday {
        day = day.checked_add(1.day()).unwrap();
    }
    assert_eq!(
        client.report_absence(&bo.id, day, true).await.unwrap(),
        WriteOutcome::Done
    );
    assert_eq!(
        client.report_absence(&bo.id, day, true).await.unwrap(),
        WriteOutcome::AlreadyDone
    );
    assert_eq!(emu.schoolsoft_writes().len(), 1);

    // The web session ends upstream: the refresh says so, typed, and the cache stays.
    emu.expire_schoolsoft_sessions();
    let forced = RefreshRequest {
        force: true,
        ..RefreshRequest::week_view(today)
    };
    let report = client.refresh(&forced, None).await.unwrap();
    assert!(report.session_expired);
    assert!(report.resources.iter().any(|r| {
        r.resource.provider == "schoolsoft"
            && r.failure()
                .is_some_and(|f| f.kind == FailureKind::SessionExpired)
    }));
    assert_eq!(state(&client), SessionState::Expired);
    assert_eq!(client.news(None).await.unwrap().value.len(), news.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schoolsoft_password_login() {
    let emu = support::demo_emulator();
    let dir = tempfile::tempdir().unwrap();
    let client = client(&emu, &dir).await;
    login(
        &client,
        LoginRequest::Password {
            username: fam::USERNAME.to_owned(),
            password: Password::new(fam::PASSWORD),
        },
    )
    .await;
    assert!(matches!(state(&client), SessionState::LoggedIn { .. }));
}
