//! SchoolSoft end to end through the client: the tenant chosen, BankID through GrandID, a
//! refresh of everything for both children, the absence report (sent once under a retry), and
//! session expiry as a typed state with the cache kept; the password login; the browser login
//! (OAuth with PKCE) renewing its tokens, then expiring with the cache kept.

use jiff::civil::Weekday;
use skolbryggan::client::{Client, ClientBuilder, SessionState};
use skolbryggan::model::{IsoWeek, Platform};
use skolbryggan::provider::{LoginRequest, Password, WriteOutcome};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::{FailureKind, RefreshRequest};
use skolbryggan_emulator::schoolsoft_family as fam;

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
    support::login(client, Platform::SchoolSoft, request).await;
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
    login(&client, support::demo_bankid()).await;
    assert!(matches!(state(&client), SessionState::LoggedIn { .. }));
    let today = client.today();
    let report = client
        .refresh(&RefreshRequest::everything(today), None)
        .await
        .unwrap();
    let failures = schoolsoft_failures(&report);
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
    // Next week's Thursday: open for reports on any day of this week, and inside the two
    // weeks (this and next) that SchoolSoft's absence form shows.
    let day = IsoWeek::containing(today).next().days()[3];
    assert_eq!(day.weekday(), Weekday::Thursday);
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

/// The failures of SchoolSoft's resources in `report`, by kind.
fn schoolsoft_failures(report: &skolbryggan::sync::RefreshReport) -> Vec<(String, FailureKind)> {
    report
        .resources
        .iter()
        .filter(|r| r.resource.provider == "schoolsoft")
        .filter_map(|r| {
            r.failure()
                .map(|f| (r.resource.kind.as_str().to_owned(), f.kind))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schoolsoft_browser_login_that_expires_keeps_the_cache() {
    // The browser login (OAuth 2 with PKCE through the tenant's IdP) through the client, the
    // browser played by the emulator's scripted one; the redirect goes to a loopback address.
    let emu = support::demo_emulator();
    let dir = tempfile::tempdir().unwrap();
    let client = client(&emu, &dir).await;
    let pending = client
        .start_login(
            Platform::SchoolSoft,
            LoginRequest::Browser {
                redirect_uri: "http://127.0.0.1:53682/callback".to_owned(),
            },
        )
        .await
        .unwrap();
    let url = pending.prompt().browser_url.clone().unwrap();
    let back = pending.browser_return().unwrap();
    let redirect = emu.schoolsoft_browser_login(&url).await.unwrap();
    back.hand_back(&redirect).unwrap();
    support::complete_login(pending).await;
    assert!(matches!(state(&client), SessionState::LoggedIn { .. }));
    let today = client.today();
    let report = client
        .refresh(&RefreshRequest::everything(today), None)
        .await
        .unwrap();
    assert!(
        schoolsoft_failures(&report).is_empty(),
        "{:?}",
        schoolsoft_failures(&report)
    );
    let news = client.news(None).await.unwrap().value;
    assert!(news.iter().any(|n| n.title == "Veckobrev 3A"));
    let forced = RefreshRequest {
        force: true,
        ..RefreshRequest::week_view(today)
    };

    // The access token and the web session end, the refresh token lives: the core renews the
    // pair and rebuilds the web session without asking the guardian.
    let (_, refreshes_before) = emu.schoolsoft_oauth_counts();
    emu.expire_schoolsoft_access_tokens();
    emu.expire_schoolsoft_sessions();
    let report = client.refresh(&forced, None).await.unwrap();
    assert!(!report.session_expired);
    assert!(
        schoolsoft_failures(&report).is_empty(),
        "{:?}",
        schoolsoft_failures(&report)
    );
    assert!(emu.schoolsoft_oauth_counts().1 > refreshes_before);
    assert!(matches!(state(&client), SessionState::LoggedIn { .. }));

    // Every token revoked and the web session gone: only a new login helps. The refresh says
    // so, typed; the session state is Expired; nothing cached is lost.
    emu.revoke_schoolsoft_tokens();
    emu.expire_schoolsoft_sessions();
    let report = client.refresh(&forced, None).await.unwrap();
    assert!(report.session_expired);
    assert!(
        schoolsoft_failures(&report)
            .iter()
            .any(|(_, kind)| *kind == FailureKind::SessionExpired)
    );
    assert_eq!(state(&client), SessionState::Expired);
    assert_eq!(client.news(None).await.unwrap().value.len(), news.len());
    assert!(
        client
            .children()
            .await
            .unwrap()
            .value
            .iter()
            .any(|c| c.platform == Platform::SchoolSoft)
    );
}
