//! The client's platform list (capabilities from the registry), each platform's session state
//! through login, restart, resume and logout, and the calendar export with a child filter —
//! over the demo family.

use std::sync::Arc;

use jiff::civil::date;
use skolbryggan::client::{Client, ClientBuilder, ResumeStatus, SessionState};
use skolbryggan::model::{DateRange, EntityKind};
use skolbryggan::provider::registry::ENTRIES;
use skolbryggan::provider::{LoginMethod, WriteAction};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::ManualClock;

async fn open(dir: &tempfile::TempDir, secrets: &Arc<MemorySecretStore>) -> Client {
    let clock = Arc::new(ManualClock::new("2026-11-25T06:30:00Z".parse().unwrap()));
    ClientBuilder::new(dir.path())
        .secret_store(secrets.clone())
        .clock(clock)
        .build()
        .await
        .unwrap()
}

fn state_of(client: &Client, provider: &str) -> SessionState {
    client
        .session_states()
        .into_iter()
        .find(|s| s.provider == provider)
        .unwrap()
        .state
}

#[tokio::test]
async fn platforms_list_every_registry_entry_with_its_capabilities() {
    let dir = tempfile::tempdir().unwrap();
    let client = open(&dir, &Arc::new(MemorySecretStore::new())).await;
    let platforms = client.platforms().unwrap();
    let names: Vec<&str> = platforms.iter().map(|p| p.name).collect();
    let expected: Vec<&str> = ENTRIES.iter().map(|e| e.name).collect();
    assert_eq!(names, expected);
    for (p, e) in platforms.iter().zip(ENTRIES) {
        let caps = e.capabilities().unwrap();
        assert_eq!(p.label, e.label);
        assert_eq!(p.login_methods, caps.login_methods);
        assert_eq!(p.entities, caps.entities);
        assert_eq!(p.freja, caps.login_methods.contains(&LoginMethod::FrejaEid));
        assert_eq!(p.menu, caps.entities.contains(&EntityKind::MenuDay));
        assert_eq!(p.platforms.len(), e.platforms.len());
    }
    let by_name = |n: &str| platforms.iter().find(|p| p.name == n).unwrap();
    // Stockholm logs in with Freja too and serves menus; InfoMentor takes absence reports
    // and care times and has no menu.
    assert!(by_name("stockholm").freja && by_name("stockholm").menu);
    assert!(by_name("stockholm").write_actions.is_empty());
    assert_eq!(
        by_name("infomentor").write_actions,
        vec![WriteAction::ReportAbsence, WriteAction::EditCareTimes]
    );
    assert!(!by_name("infomentor").menu && !by_name("infomentor").freja);
}

#[tokio::test]
async fn session_states_follow_login_restart_resume_and_logout() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let client = open(&dir, &secrets).await;
    assert!(
        client
            .session_states()
            .iter()
            .all(|s| s.state == SessionState::NotLoggedIn)
    );
    assert_eq!(client.session_states().len(), ENTRIES.len());

    let user = client.login_demo().await.unwrap();
    match state_of(&client, "demo") {
        SessionState::LoggedIn { user: name, since } => {
            assert_eq!(name, user.full_name());
            assert_eq!(since, "2026-11-25T06:30:00Z".parse().unwrap());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(state_of(&client, "stockholm"), SessionState::NotLoggedIn);
    drop(client);

    // A restart: the session is stored, not live, until it is resumed.
    let client = open(&dir, &secrets).await;
    assert_eq!(state_of(&client, "demo"), SessionState::Saved);
    let outcomes = client.resume_sessions_detailed().await.unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].provider, "demo");
    assert_eq!(
        outcomes[0].status,
        ResumeStatus::Resumed {
            user: user.full_name()
        }
    );
    assert!(matches!(
        state_of(&client, "demo"),
        SessionState::LoggedIn { .. }
    ));

    client.logout().await.unwrap();
    assert_eq!(state_of(&client, "demo"), SessionState::NotLoggedIn);
}

#[tokio::test]
async fn resume_reports_a_lost_key_as_a_typed_failure() {
    let dir = tempfile::tempdir().unwrap();
    let client = open(&dir, &Arc::new(MemorySecretStore::new())).await;
    client.login_demo().await.unwrap();
    drop(client);
    // Another key store: the cache is rebuilt, the stored session is gone with its key.
    let client = open(&dir, &Arc::new(MemorySecretStore::new())).await;
    let outcomes = client.resume_sessions_detailed().await.unwrap();
    assert_eq!(outcomes.len(), 1);
    assert!(
        matches!(
            &outcomes[0].status,
            ResumeStatus::Failed {
                kind: skolbryggan::sync::FailureKind::Key,
                ..
            }
        ),
        "{outcomes:?}"
    );
    assert_eq!(state_of(&client, "demo"), SessionState::Saved);
}

#[tokio::test]
async fn export_ics_keeps_only_the_chosen_children_and_names_the_product() {
    let dir = tempfile::tempdir().unwrap();
    let client = open(&dir, &Arc::new(MemorySecretStore::new())).await;
    client.login_demo().await.unwrap();
    let range = DateRange::new(date(2026, 11, 23), date(2026, 12, 6));
    let report = client.refresh_range(range, None).await.unwrap();
    assert_eq!(report.failures().count(), 0, "{report:?}");
    let children = client.children().await.unwrap().value;
    assert!(children.len() >= 2);

    let all = client.export_ics(range, &[], true).await.unwrap();
    assert!(all.contains(&format!(
        "PRODID:-//Skolbryggan//Skolbryggan {}//SV",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(!all.contains("ICALENDAR-RS"));
    let count = |text: &str| text.matches("BEGIN:VEVENT").count();
    let mut per_child = 0;
    let mut with_events = 0;
    for child in &children {
        let one = client
            .export_ics(range, std::slice::from_ref(&child.id), true)
            .await
            .unwrap();
        let summaries: Vec<&str> = one.lines().filter(|l| l.starts_with("SUMMARY:")).collect();
        with_events += usize::from(!summaries.is_empty());
        for s in &summaries {
            assert!(
                s.starts_with(&format!("SUMMARY:{}", child.first_name)),
                "{s}"
            );
        }
        per_child += count(&one);
    }
    assert!(with_events >= 2, "two children with events in the range");
    assert_eq!(per_child, count(&all), "every event belongs to one child");
}

#[tokio::test]
async fn platforms_without_organisations_say_so_and_log_in_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let client = open(&dir, &Arc::new(MemorySecretStore::new())).await;
    for p in client.platforms().unwrap() {
        assert!(
            !p.organisation_required || !p.login_methods.is_empty(),
            "{}",
            p.name
        );
    }
    // Stockholm has one organisation: the search is empty and a choice is refused, typed.
    assert!(
        client
            .organisations("stockholm", "Stockholm")
            .await
            .unwrap()
            .is_empty()
    );
    let refused = client.set_organisation("stockholm", "taby").unwrap_err();
    assert!(
        matches!(refused, skolbryggan::Error::InvalidInput(_)),
        "{refused:?}"
    );
    assert!(client.set_organisation("no-such-platform", "x").is_err());
    // A password login where the platform offers none is refused as a login failure, and the
    // password shows nowhere in the error.
    let request = skolbryggan::provider::LoginRequest::Password {
        username: "tolvan".to_owned(),
        password: skolbryggan::provider::Password::new("hemligt-lösen"),
    };
    assert!(!format!("{request:?}").contains("hemligt"));
    let err = client
        .start_login(skolbryggan::model::Platform::Stockholm, request)
        .await
        .err()
        .unwrap();
    assert!(!format!("{err:?}").contains("hemligt"));
    assert!(
        matches!(
            err,
            skolbryggan::Error::Login(skolbryggan::error::LoginFailure::MethodNotSupported)
        ),
        "{err:?}"
    );
}
