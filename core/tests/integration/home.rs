//! The home cards and the year wheel through the client facade: the demo family (no network)
//! and, for the change feed's unread counts and session expiry, the Stockholm provider against
//! the HTTPS emulator.

use skolbryggan::provider::stockholm::StockholmChildRef;
use std::sync::Arc;

use jiff::civil::{Date, date};
use skolbryggan::client::{Client, ClientBuilder, PageRequest};
use skolbryggan::home::{
    BringItem, DateSource, DayOffReason, SessionState, TermKind, WheelKind, classify::classify,
};
use skolbryggan::model::{DateRange, EventTiming, FamilySnapshot, Platform};
use skolbryggan::provider::demo::{DemoConfig, DemoFamily, SchoolYear};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::{ManualClock, RefreshRequest};

use crate::support;

const DAY: Date = date(2026, 11, 25);

/// A demo client whose clock reads 07:30 on `day` (Stockholm, winter time), logged in.
async fn demo_client(day: Date) -> (Client, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let now = skolbryggan::time::local(day.at(7, 30, 0, 0)).timestamp();
    let client = ClientBuilder::new(dir.path())
        .secret_store(Arc::new(MemorySecretStore::new()))
        .clock(Arc::new(ManualClock::new(now)))
        .build()
        .await
        .unwrap();
    client.login_demo().await.unwrap();
    (client, dir)
}

/// The generated family as the client shows it: with the public menu days the demo login
/// attaches to the InfoMentor child.
fn demo(day: Date) -> FamilySnapshot {
    DemoFamily::generate(&DemoConfig::for_date(day)).as_shown()
}

#[tokio::test]
async fn demo_cards_show_each_childs_day_from_the_cache() {
    let (client, _dir) = demo_client(DAY).await;
    // Nothing cached yet: no cards, stale, and never an upstream call.
    let empty = client.family_home(Some(DAY)).await.unwrap();
    assert!(empty.stale && empty.value.children.is_empty());

    let report = client.refresh_home(DAY, None).await.unwrap();
    assert_eq!(report.failures().count(), 0, "{report:?}");
    let home = client.family_home(Some(DAY)).await.unwrap();
    assert!(!home.stale);
    let family = demo(DAY);
    assert_eq!(home.value.date, DAY);
    assert_eq!(home.value.children.len(), family.children.len());
    assert_eq!(home.value.sessions.len(), 1);
    assert_eq!(home.value.sessions[0].provider, "demo");
    assert_eq!(home.value.sessions[0].state, SessionState::LoggedIn);

    for (card, child) in home.value.children.iter().zip(&family.children) {
        assert_eq!(card.child_id, child.id);
        assert_eq!(card.child_name, child.first_name);
        assert_eq!(card.session, SessionState::LoggedIn);
        assert_eq!(card.provider.as_deref(), Some("demo"));
        assert!(!card.freshness.stale && card.freshness.oldest_fetch.is_some());
        // School hours: the day's lessons from the generated family, breaks left out.
        let lessons: Vec<_> = family
            .lessons
            .iter()
            .filter(|l| l.child_id == child.id)
            .filter(|l| skolbryggan::time::local_date(&l.start) == DAY)
            .collect();
        let taught: Vec<_> = lessons.iter().filter(|l| !l.subject.is_break()).collect();
        match &card.school_hours {
            None => assert!(taught.is_empty(), "{}", child.first_name),
            Some(h) => {
                assert_eq!(h.lessons as usize, taught.len());
                assert_eq!(Some(&h.start), taught.iter().map(|l| &l.start).min());
                assert_eq!(Some(&h.end), taught.iter().map(|l| &l.end).max());
            }
        }
        let pe = lessons.iter().any(|l| l.subject.is_physical_education());
        assert_eq!(card.bring.contains(&BringItem::GymClothes), pe);
        // Lunch: the school's menu of the day, or nothing.
        let lunch = family
            .menus
            .iter()
            .find(|m| m.child_id == child.id && m.date == DAY)
            .map(|m| m.dishes.clone())
            .unwrap_or_default();
        assert_eq!(card.lunch, lunch);
        // Absence state and care hours: what the client's own reads of the cache say.
        let offers = client.absence_options(&child.id).await.unwrap().value;
        let attendance = client
            .attendance(
                Some(&child.id),
                PageRequest {
                    offset: 0,
                    limit: 1000,
                },
            )
            .await
            .unwrap()
            .value
            .items;
        assert_eq!(
            card.absence,
            skolbryggan::home::absence::absence_state(DAY, &offers, &attendance),
            "{}",
            child.first_name
        );
        let care = client
            .care_times(
                Some(&child.id),
                skolbryggan::model::IsoWeek::containing(DAY),
            )
            .await
            .unwrap()
            .value;
        assert_eq!(
            card.care_hours,
            care.iter()
                .find(|c| c.date == DAY)
                .map(skolbryggan::home::day_hours::care_hours),
            "{}",
            child.first_name
        );
        assert!(card.day_off.is_none(), "a Wednesday in term");
        // The first refresh fills the cache; it reports no news as unread.
        assert_eq!((card.unread_news, card.unread_notifications), (0, 0));
        // The next event has not ended, and no event of the child ends between now and it.
        let now = skolbryggan::time::local(DAY.at(7, 30, 0, 0)).timestamp();
        if let Some(next) = &card.next_event {
            assert!(next.date >= DAY);
            let event = family
                .calendar
                .iter()
                .find(|e| e.id == next.event_id)
                .unwrap();
            assert_eq!(event.title, next.title);
            let next_at = next
                .start
                .as_ref()
                .map(|z| z.timestamp())
                .unwrap_or_else(|| skolbryggan::time::start_of_day(next.date).timestamp());
            let earlier = family
                .calendar
                .iter()
                .filter(|e| e.child_id == child.id)
                .find(|e| {
                    matches!(&e.timing, EventTiming::Timed { start, .. }
                    if start.timestamp() > now && start.timestamp() < next_at)
                });
            assert!(earlier.is_none(), "{earlier:?} comes before {next:?}");
        }
        let upcoming_timed = family
            .calendar
            .iter()
            .filter(|e| e.child_id == child.id)
            .any(|e| {
                matches!(&e.timing, EventTiming::Timed { start, .. }
                if start.timestamp() > now
                    && skolbryggan::time::local_date(start)
                        <= DAY.checked_add(jiff::Span::new().weeks(7)).unwrap())
            });
        if upcoming_timed {
            assert!(card.next_event.is_some(), "{}", child.first_name);
        }
    }
    // The demo's pupils have lessons today, the pre-school child has none.
    assert!(home.value.children[0].school_hours.is_none());
    assert!(home.value.children[1].school_hours.is_some());
    assert!(home.value.children[2].school_hours.is_some());

    // Logged out: the cards stay readable, the session says so.
    client.logout().await.unwrap();
    let offline = client.family_home(Some(DAY)).await.unwrap();
    assert_eq!(offline.value.children.len(), family.children.len());
    assert!(
        offline
            .value
            .children
            .iter()
            .all(|c| c.session == SessionState::NotLoggedIn)
    );
}

#[tokio::test]
async fn demo_cards_say_why_a_day_is_off() {
    let hostlov = date(2026, 10, 28);
    let saturday = date(2026, 11, 28);
    let (client, _dir) = demo_client(hostlov).await;
    client.refresh_home(hostlov, None).await.unwrap();
    client.refresh_home(saturday, None).await.unwrap();
    let year = SchoolYear::containing(hostlov);
    let off = year.day_off(hostlov).unwrap();

    let home = client.family_home(Some(hostlov)).await.unwrap().value;
    let [preschool, primary, secondary, ..] = &home.children[..] else {
        panic!("the first three children")
    };
    for pupil in [primary, secondary] {
        let day_off = pupil.day_off.as_ref().unwrap();
        assert_eq!(day_off.reason, DayOffReason::Holiday);
        assert_eq!(day_off.title.as_deref(), Some(off.name.as_str()));
        assert!(pupil.school_hours.is_none(), "no lessons on a holiday");
    }
    assert!(
        preschool.day_off.is_none(),
        "pre-school is open during höstlov"
    );

    let home = client.family_home(Some(saturday)).await.unwrap().value;
    assert!(home.children.iter().all(|c| {
        c.day_off.as_ref().map(|d| d.reason) == Some(DayOffReason::Weekend)
            && c.day_off.as_ref().unwrap().title.is_none()
    }));
}

#[tokio::test]
async fn demo_year_wheel_classifies_the_school_year() {
    let (client, _dir) = demo_client(DAY).await;
    client.refresh_home(DAY, None).await.unwrap();
    let range = client.school_year(Some(DAY));
    assert_eq!(range, DateRange::new(date(2026, 8, 1), date(2027, 7, 31)));
    let partial = client.year_wheel(range).await.unwrap().value;
    assert_eq!(
        i64::from(partial.cached_weeks),
        1 + skolbryggan::client::NEXT_EVENT_WEEKS,
        "only the home week and the next event's weeks are cached so far"
    );
    assert!(partial.weeks >= 52);

    let report = client.refresh_year_wheel(range, None).await.unwrap();
    assert_eq!(report.failures().count(), 0, "{report:?}");
    let wheel = client.year_wheel(range).await.unwrap();
    let wheel = wheel.value;
    assert_eq!(wheel.cached_weeks, wheel.weeks);
    let family = demo(DAY);
    let year = SchoolYear::containing(DAY);

    // Every classifiable event of the demo calendar is on its child's wheel, titles as written.
    for (child, w) in family.children.iter().zip(&wheel.children) {
        assert_eq!(w.child_id, child.id);
        let expected = family
            .calendar
            .iter()
            .filter(|e| e.child_id == child.id && classify(&e.title, e.kind).is_some())
            .count();
        assert_eq!(w.entries.len(), expected, "{}", child.first_name);
        for e in &w.entries {
            let source = family
                .calendar
                .iter()
                .find(|x| x.id == e.event_ids[0])
                .unwrap();
            assert_eq!(e.title, source.title);
            assert_eq!(Some(e.kind), classify(&source.title, source.kind));
        }
    }
    for kind in [
        WheelKind::Holiday,
        WheelKind::StudyDay,
        WheelKind::DevelopmentTalk,
        WheelKind::ParentMeeting,
        WheelKind::Test,
        WheelKind::Trip,
        WheelKind::Deadline,
        WheelKind::TermEnd,
    ] {
        assert!(wheel.entries.iter().any(|e| e.kind == kind), "{kind:?}");
    }
    // A holiday all four pupils have is one family entry for all of them.
    let hostlov = wheel.entries.iter().find(|e| e.title == "Höstlov").unwrap();
    assert_eq!(hostlov.child_ids.len(), 4);
    assert_eq!(hostlov.kind, WheelKind::Holiday);

    // Terms: the demo calendar has the term-end ceremonies and the Christmas holiday, no
    // term-start event.
    let [autumn, spring] = &wheel.terms[..] else {
        panic!("{:?}", wheel.terms)
    };
    assert_eq!(autumn.kind, TermKind::Autumn);
    assert_eq!(
        (autumn.end, autumn.end_source),
        (year.autumn_end, DateSource::Calendar)
    );
    assert_eq!(autumn.start_source, DateSource::Estimated);
    assert_eq!(autumn.start.month(), 8);
    assert_eq!(spring.kind, TermKind::Spring);
    assert_eq!(
        (spring.start, spring.start_source),
        (year.spring_start, DateSource::HolidayEdge)
    );
    assert_eq!(
        (spring.end, spring.end_source),
        (year.spring_end, DateSource::Calendar)
    );
    // The pre-school child has no terms, the pupils have the family's.
    assert!(wheel.children[0].terms.is_empty());
    assert_eq!(&wheel.children[1].terms, &wheel.terms);
}

fn without_last_news_and_notification(
    mut family: FamilySnapshot,
    child: &skolbryggan::model::EntityId,
) -> FamilySnapshot {
    if let Some(i) = family.news.iter().rposition(|n| &n.child_id == child) {
        family.news.remove(i);
    }
    if let Some(i) = family
        .notifications
        .iter()
        .rposition(|n| &n.child_id == child)
    {
        family.notifications.remove(i);
    }
    family
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emulator_unread_counts_follow_the_change_feed_and_sessions_expire() {
    let emu = support::demo_emulator();
    let full = emu.family();
    let child = full
        .children
        .iter()
        .find(|c| c.refs.has::<StockholmChildRef>())
        .unwrap()
        .id
        .clone();
    emu.set_family(without_last_news_and_notification(full.clone(), &child));
    let session = support::logged_in(&emu, Platform::Stockholm).await;
    let client = &session.client;
    let today = client.today();
    let first = client.refresh_home(today, None).await.unwrap();
    assert_eq!(first.failures().count(), 0, "{first:?}");
    let home = client.family_home(None).await.unwrap().value;
    assert!(!home.children.is_empty());
    assert!(
        home.children
            .iter()
            .all(|c| (c.unread_news, c.unread_notifications) == (0, 0)
                && c.session == SessionState::LoggedIn)
    );

    // Upstream publishes the news item and the notification: one unread each, for that child.
    emu.set_family(full);
    let mut request = RefreshRequest::home(today);
    request.force = true;
    client.refresh(&request, None).await.unwrap();
    let home = client.family_home(None).await.unwrap().value;
    for card in &home.children {
        let want = if card.child_id == child {
            (1, 1)
        } else {
            (0, 0)
        };
        assert_eq!(
            (card.unread_news, card.unread_notifications),
            want,
            "{}",
            card.child_name
        );
    }
    // Read: the counts go back to zero.
    let ids: Vec<i64> = client
        .changes(true)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    client.mark_read(ids).await.unwrap();
    let home = client.family_home(None).await.unwrap().value;
    assert!(
        home.children
            .iter()
            .all(|c| (c.unread_news, c.unread_notifications) == (0, 0))
    );

    // The upstream session ends: the next refresh finds out, the cards say so and stay.
    emu.expire_all_sessions();
    let report = client.refresh(&request, None).await.unwrap();
    assert!(report.session_expired);
    let home = client.family_home(None).await.unwrap().value;
    assert!(!home.children.is_empty());
    assert!(
        home.children
            .iter()
            .all(|c| c.session == SessionState::Expired)
    );
    assert!(
        home.sessions
            .iter()
            .any(|s| s.provider == "stockholm" && s.state == SessionState::Expired)
    );

    // A later refresh that finds everything fresh makes no request: it must not hide the expiry
    // (the cards and the session list both still say expired until a request succeeds).
    let calm = RefreshRequest::home(today);
    let report = client.refresh(&calm, None).await.unwrap();
    assert_eq!(report.fetched(), 0, "everything was fresh: {report:?}");
    let home = client.family_home(None).await.unwrap().value;
    assert!(
        home.children
            .iter()
            .all(|c| c.session == SessionState::Expired),
        "a refresh without a request hid the expiry"
    );
    assert!(
        home.sessions
            .iter()
            .any(|s| s.provider == "stockholm" && s.state == SessionState::Expired)
    );
    assert!(
        client
            .session_states()
            .iter()
            .any(|s| s.provider == "stockholm"
                && matches!(s.state, skolbryggan::client::SessionState::Expired))
    );
}
