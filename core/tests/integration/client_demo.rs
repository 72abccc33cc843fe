//! The client facade over the demo family: login, refresh, reads from the cache, resume,
//! logout and forget.

use std::sync::Arc;

use jiff::civil::date;
use skolbryggan::client::{ClientBuilder, DataChanged};
use skolbryggan::model::IsoWeek;
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::ManualClock;
use skolbryggan::week::WeekOverview;

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new("2026-11-25T06:30:00Z".parse().unwrap()))
}

#[tokio::test]
async fn demo_login_refresh_read_resume_logout_forget() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let clock = clock();
    let client = ClientBuilder::new(dir.path())
        .secret_store(secrets.clone())
        .clock(clock.clone())
        .build()
        .await
        .unwrap();
    let mut events = client.subscribe();
    assert!(
        client.week_overview(date(2026, 11, 25)).await.is_err(),
        "not logged in yet"
    );

    let user = client.login_demo().await.unwrap();
    assert!(!user.first_name.is_empty());
    assert_eq!(client.logged_in_providers(), vec!["demo".to_string()]);
    assert!(matches!(
        events.recv().await.unwrap(),
        DataChanged::LoggedIn { .. }
    ));

    // Nothing cached yet: the read is empty and stale, never an upstream call.
    let empty = client.week_overview(date(2026, 11, 25)).await.unwrap();
    assert!(empty.stale);
    assert!(empty.value.days.iter().all(|d| d.children.is_empty()));

    let report = client.refresh_week(date(2026, 11, 25), None).await.unwrap();
    assert!(report.fetched() > 0 && report.failures().count() == 0);
    let DataChanged::Refreshed {
        kinds, children, ..
    } = events.recv().await.unwrap()
    else {
        panic!("a refresh that stored data says so")
    };
    let family = client.children().await.unwrap().value;
    let mut ids: Vec<_> = family.iter().map(|c| c.id.clone()).collect();
    ids.sort();
    assert_eq!(children, ids, "a first refresh changes every child's data");
    for kind in [
        skolbryggan::model::EntityKind::Lesson,
        skolbryggan::model::EntityKind::CalendarEvent,
        skolbryggan::model::EntityKind::Child,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    // Fetched again with the same answers: the notice names nothing to read again.
    let mut forced = skolbryggan::sync::RefreshRequest::week_view(date(2026, 11, 25));
    forced.force = true;
    let report = client.refresh(&forced, None).await.unwrap();
    assert!(report.fetched() > 0);
    assert_eq!(report.changed().count(), 0);
    let DataChanged::Refreshed {
        kinds, children, ..
    } = events.recv().await.unwrap()
    else {
        panic!("the forced refresh stored data")
    };
    assert!(
        kinds.is_empty() && children.is_empty(),
        "{kinds:?} {children:?}"
    );
    let week = client.week_overview(date(2026, 11, 25)).await.unwrap();
    assert!(!week.stale);
    // The generated family, with the public menu the demo login attaches to the InfoMentor
    // child (InfoMentor publishes none).
    let snapshot = DemoFamily::generate(&DemoConfig::for_date(date(2026, 11, 25))).as_shown();
    let expected = WeekOverview::build(&snapshot, date(2026, 11, 25));
    assert_eq!(
        week.value, expected,
        "the cached week equals the demo family's week"
    );
    let mira = week.value.days[2]
        .children
        .iter()
        .find(|c| c.platform == skolbryggan::model::Platform::InfoMentor)
        .unwrap();
    assert!(!mira.lunch.is_empty(), "the attached public menu shows");

    // Within freshness: no upstream request.
    let again = client.refresh_week(date(2026, 11, 25), None).await.unwrap();
    assert_eq!(again.requests(), 0);

    let menu = client
        .menu(IsoWeek::containing(date(2026, 11, 25)), None)
        .await
        .unwrap();
    assert_eq!(
        menu.value.len(),
        25,
        "five children × five days (the InfoMentor child's from its public menu)"
    );
    let lessons = client
        .timetable(IsoWeek::containing(date(2026, 11, 25)), None)
        .await
        .unwrap();
    assert!(lessons.value.len() > 30);

    // A read decrypts and judges only the resources it shows: 61 minutes on, the news (fresh
    // for an hour while school is open) is stale, the children (fresh for a week) are not.
    assert!(!client.news(None).await.unwrap().stale);
    clock.advance(std::time::Duration::from_secs(61 * 60));
    let news = client.news(None).await.unwrap();
    assert!(news.stale && !news.value.is_empty());
    let children = client.children().await.unwrap();
    assert!(!children.stale, "the children's freshness ignores the news");
    assert_eq!(children.value.len(), 5);
    assert!(
        news.value
            .iter()
            .all(|n| children.value.iter().any(|c| c.id == n.child_id))
    );

    // A new client on the same directory resumes the stored session: no login needed.
    drop(client);
    let client = ClientBuilder::new(dir.path())
        .secret_store(secrets.clone())
        .clock(clock.clone())
        .build()
        .await
        .unwrap();
    let outcomes = client.resume_sessions().await.unwrap();
    assert_eq!(outcomes.len(), 1);
    assert!(outcomes[0].result.is_ok());
    assert_eq!(client.children().await.unwrap().value.len(), 5);

    // Logout keeps the data readable offline; forget removes it and the key.
    client.logout().await.unwrap();
    assert!(client.logged_in_providers().is_empty());
    assert_eq!(client.children().await.unwrap().value.len(), 5);
    let report = client.forget().await.unwrap();
    assert!(format!("{report:?}").len() > 2);
    assert!(client.children().await.is_err());
    let client = ClientBuilder::new(dir.path())
        .secret_store(secrets)
        .clock(clock)
        .build()
        .await
        .unwrap();
    assert!(client.resume_sessions().await.unwrap().is_empty());
}
