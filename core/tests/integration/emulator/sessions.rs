//! Session states, detailed resume outcomes and a range refresh against the HTTPS emulator,
//! with Stockholm and InfoMentor logged in side by side.

use skolbryggan::cache::ResourceKind;
use skolbryggan::client::{Client, ClientBuilder, ResumeStatus, SessionState};
use skolbryggan::model::{DateRange, Platform};
use skolbryggan::sync::RefreshRequest;

use crate::support;

fn state_of(client: &Client, provider: &str) -> SessionState {
    client
        .session_states()
        .into_iter()
        .find(|s| s.provider == provider)
        .unwrap()
        .state
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_platforms_live_then_expired_and_resume_reports_each() {
    let emu = support::demo_emulator();
    let session = support::logged_in(&emu, Platform::Stockholm).await;
    let client = &session.client;
    support::bankid_login(client, Platform::InfoMentor).await;
    for name in ["stockholm", "infomentor"] {
        assert!(
            matches!(state_of(client, name), SessionState::LoggedIn { ref user, .. } if !user.is_empty()),
            "{name}: {:?}",
            client.session_states()
        );
    }
    assert_eq!(state_of(client, "demo"), SessionState::NotLoggedIn);

    // A four-week range on both platforms in one call.
    let today = client.today();
    let range = DateRange::new(today, today + jiff::Span::new().days(27));
    let report = client.refresh_range(range, None).await.unwrap();
    let failed: Vec<_> = report.failures().collect();
    assert!(failed.is_empty(), "{failed:?}");
    let weeks = RefreshRequest::range(range).unwrap().weeks;
    for provider in ["stockholm", "infomentor"] {
        let mut fetched: Vec<_> = report
            .resources
            .iter()
            .filter(|r| r.resource.provider == provider)
            .filter(|r| r.resource.kind == ResourceKind::Timetable)
            .filter_map(|r| r.resource.week)
            .collect();
        fetched.sort();
        fetched.dedup();
        assert_eq!(fetched, weeks, "{provider}");
    }

    // The platforms end the sessions: the next refresh marks both expired.
    emu.expire_all_sessions();
    let forced = RefreshRequest {
        force: true,
        ..RefreshRequest::week_view(today)
    };
    let report = client.refresh(&forced, None).await.unwrap();
    assert!(report.session_expired);
    assert_eq!(state_of(client, "stockholm"), SessionState::Expired);
    // The emulator's expiry ends the city (SiteMinder) session; InfoMentor's own session is
    // still answered, so its state follows its own refresh, not its neighbour's.
    let infomentor_expired = report.resources.iter().any(|r| {
        r.resource.provider == "infomentor"
            && r.failure()
                .is_some_and(|f| f.kind == skolbryggan::sync::FailureKind::SessionExpired)
    });
    assert_eq!(
        state_of(client, "infomentor") == SessionState::Expired,
        infomentor_expired
    );

    // A restart: both stored sessions are tried, each outcome reported.
    let again = ClientBuilder::new(session.dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(session.secrets.clone())
        .build()
        .await
        .unwrap();
    let mut outcomes = again.resume_sessions_detailed().await.unwrap();
    outcomes.sort_by(|a, b| a.provider.cmp(&b.provider));
    let got: Vec<(&str, &ResumeStatus)> = outcomes
        .iter()
        .map(|o| (o.provider.as_str(), &o.status))
        .collect();
    assert_eq!(got.len(), 2, "each stored session has its outcome: {got:?}");
    assert_eq!(got[1], ("stockholm", &ResumeStatus::Expired));
    assert_eq!(got[0].0, "infomentor");
    // InfoMentor's session outlived the city's (its refresh above fetched), so it resumes.
    assert!(!infomentor_expired);
    assert!(matches!(got[0].1, ResumeStatus::Resumed { user } if !user.is_empty()));
    assert!(matches!(
        state_of(&again, "infomentor"),
        SessionState::LoggedIn { .. }
    ));
    assert_eq!(state_of(&again, "stockholm"), SessionState::Expired);
}
