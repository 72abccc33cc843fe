//! InfoMentor's own kinds (assignments, attendance, care times) go through the sync engine and
//! the encrypted cache like every other resource.

use crate::support;

use skolbryggan::cache::ResourceKind;
use skolbryggan::client::ClientBuilder;
use skolbryggan::model::Platform;
use skolbryggan::sync::RefreshRequest;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infomentor_kinds_are_cached_and_served_offline() {
    let emu = support::demo_emulator();
    let support::LoggedIn {
        client,
        clock,
        secrets,
        dir,
    } = support::logged_in(&emu, Platform::InfoMentor).await;

    let today = client.today();
    let report = client
        .refresh(&RefreshRequest::everything(today), None)
        .await
        .unwrap();
    let kinds: Vec<&str> = report
        .resources
        .iter()
        .map(|r| r.resource.kind.as_str())
        .collect();
    for kind in ["assignments", "attendance", "care_times"] {
        assert!(kinds.contains(&kind), "{kind} refreshed: {kinds:?}");
    }
    assert!(
        report
            .resources
            .iter()
            .filter(
                |r| ["assignments", "attendance", "care_times"].contains(&r.resource.kind.as_str())
            )
            .all(|r| r.failure().is_none()),
        "{report:?}"
    );

    // Offline: a new client on the same cache, the emulator gone, still has them.
    let expected = client.snapshot().await.unwrap().value;
    drop(client);
    drop(emu);
    let client = ClientBuilder::new(dir.path())
        .secret_store(secrets)
        .clock(clock)
        .build()
        .await
        .unwrap();
    let cached = client.snapshot().await.unwrap().value;
    assert_eq!(cached.assignments, expected.assignments);
    assert_eq!(cached.attendance, expected.attendance);
    assert_eq!(cached.care_times, expected.care_times);
    assert!(
        !cached.care_times.is_empty()
            || !cached.attendance.is_empty()
            || !cached.assignments.is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn classmates_and_teachers_share_one_class_list_request() {
    let emu = support::demo_emulator();
    let session = support::logged_in(&emu, Platform::InfoMentor).await;
    let client = &session.client;
    client
        .refresh(&RefreshRequest::everything(client.today()), None)
        .await
        .unwrap();

    emu.reset_request_log();
    let people = RefreshRequest {
        weeks: Vec::new(),
        kinds: vec![ResourceKind::Classmates, ResourceKind::Teachers],
        force: true,
    };
    let report = client.refresh(&people, None).await.unwrap();
    assert_eq!(report.failures().count(), 0, "{report:?}");
    let class_list_requests = emu
        .request_log()
        .recent
        .iter()
        .filter(|r| r.path.contains("/classlist/"))
        .count();
    let children = client.children().await.unwrap().value;
    let pupils = children
        .iter()
        .filter(|c| c.platform == Platform::InfoMentor)
        .count();
    assert!(pupils > 0);
    assert_eq!(class_list_requests, pupils, "one class list per pupil");
    let snapshot = client.snapshot().await.unwrap().value;
    assert!(!snapshot.classmates.is_empty() && !snapshot.teachers.is_empty());
}
