//! InfoMentor beyond Stockholm through the client: the IM1 username/password login stores a
//! session that a restarted client resumes; a wrong password stores nothing; a chosen
//! municipality (`idp`) survives the restart in the saved session.

use std::sync::Arc;
use std::time::Duration;

use skolbryggan::client::{Client, ClientBuilder};
use skolbryggan::error::LoginFailure;
use skolbryggan::model::Platform;
use skolbryggan::provider::{DriveOptions, LoginRequest, Password};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan_emulator::{EmulatorHandle, IM1_PASSWORD, IM1_USERNAME, OTHER_IDP_KEY};

use crate::support;

fn options() -> DriveOptions {
    DriveOptions {
        interval: Duration::from_millis(10),
        ..DriveOptions::default()
    }
}

async fn client(
    emu: &EmulatorHandle,
    dir: &tempfile::TempDir,
    secrets: &Arc<MemorySecretStore>,
) -> Client {
    ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(secrets.clone())
        .build()
        .await
        .unwrap()
}

async fn password_login(client: &Client, password: &str) -> skolbryggan::Result<()> {
    let pending = client
        .start_login(
            Platform::InfoMentor,
            LoginRequest::Password {
                username: IM1_USERNAME.to_owned(),
                password: Password::new(password),
            },
        )
        .await?;
    pending
        .complete(options(), |_| {}, std::future::pending())
        .await
        .map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_session_is_stored_and_resumed() {
    let emu = support::demo_emulator();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let first = client(&emu, &dir, &secrets).await;

    let err = password_login(&first, "fel").await.unwrap_err();
    assert!(
        matches!(
            err,
            skolbryggan::Error::Login(LoginFailure::InvalidCredentials)
        ),
        "{err:?}"
    );
    assert!(first.logged_in_providers().is_empty());

    password_login(&first, IM1_PASSWORD).await.unwrap();
    assert_eq!(first.logged_in_providers(), vec!["infomentor".to_owned()]);
    let report = support::refresh_week(&first).await;
    assert!(
        report.resources.iter().all(|r| r.failure().is_none()),
        "{report:?}"
    );
    let children = first.snapshot().await.unwrap().value.children;
    assert!(children.iter().any(|c| c.platform == Platform::InfoMentor));
    drop(first);

    let second = client(&emu, &dir, &secrets).await;
    let outcomes = second.resume_sessions().await.unwrap();
    assert_eq!(outcomes.len(), 1);
    assert!(outcomes[0].result.is_ok(), "{outcomes:?}");
    let report = support::refresh_week(&second).await;
    assert!(
        report.resources.iter().all(|r| r.failure().is_none()),
        "{report:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chosen_municipality_survives_a_restart() {
    let emu = support::demo_emulator();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let first = client(&emu, &dir, &secrets).await;
    first.set_organisation("infomentor", OTHER_IDP_KEY).unwrap();
    let pending = first
        .start_login(
            Platform::InfoMentor,
            LoginRequest::BankId {
                personal_number: None,
                other_device: true,
            },
        )
        .await
        .unwrap();
    pending
        .complete(options(), |_| {}, std::future::pending())
        .await
        .unwrap();
    drop(first);

    let second = client(&emu, &dir, &secrets).await;
    assert!(second.resume_sessions().await.unwrap()[0].result.is_ok());
    // A dead Hub session: the silent re-login goes to the chosen municipality's IdP.
    emu.expire_infomentor_sessions();
    emu.reset_request_log();
    let report = support::refresh_week(&second).await;
    assert!(
        report.resources.iter().all(|r| r.failure().is_none()),
        "{report:?}"
    );
    let log = emu.request_log();
    assert!(log.by_host.contains_key("idp.exempelkommun.se"), "{log:?}");
    assert!(
        !log.by_host.keys().any(|h| h.ends_with("stockholm.se")),
        "{log:?}"
    );
}
