//! The demo family's school work through the client: assignments, attendance, care times and
//! absence offers read from the cache (paged), and the write actions (absence reports, care
//! times) kept by the demo: fresh read, typed refusal, read-back stored in the cache, a
//! `DataChanged::Written` to subscribers, retries that change nothing.

use std::sync::Arc;

use jiff::ToSpan;
use jiff::civil::{Date, Time, date};
use skolbryggan::Error;
use skolbryggan::client::{Client, ClientBuilder, DataChanged, PageRequest, WriteAction};
use skolbryggan::error::WriteRefusal;
use skolbryggan::model::{AttendanceStatus, Child, EntityId, IsoWeek, Platform, SchoolForm};
use skolbryggan::provider::WriteOutcome;
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::{ManualClock, RefreshRequest};
use tokio::sync::broadcast::Receiver;

/// Wednesday 25 November 2026, 07:30 in Stockholm.
const TODAY: Date = date(2026, 11, 25);

struct Demo {
    client: Client,
    _dir: tempfile::TempDir,
    preschool: Child,
    fritids: Child,
    pupil: Child,
}

async fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new("2026-11-25T06:30:00Z".parse().unwrap()));
    let client = ClientBuilder::new(dir.path())
        .secret_store(Arc::new(MemorySecretStore::new()))
        .clock(clock)
        .build()
        .await
        .unwrap();
    client.login_demo().await.unwrap();
    let report = client
        .refresh(&RefreshRequest::everything(TODAY), None)
        .await
        .unwrap();
    assert_eq!(report.failures().count(), 0, "{report:?}");
    let children = client.children().await.unwrap().value;
    let find = |f: &dyn Fn(&Child) -> bool| children.iter().find(|c| f(c)).unwrap().clone();
    Demo {
        preschool: find(&|c| c.school_forms.contains(&SchoolForm::Forskola)),
        fritids: find(&|c| c.school_forms.contains(&SchoolForm::Fritidshem)),
        pupil: find(&|c| c.platform == Platform::InfoMentor),
        client,
        _dir: dir,
    }
}

fn day(offset: i64) -> Date {
    TODAY.checked_add(offset.days()).unwrap()
}

fn t(h: i8, m: i8) -> Time {
    Time::new(h, m, 0, 0).unwrap()
}

/// The next `Written` event (skipping refresh and login events).
fn written(events: &mut Receiver<DataChanged>) -> (EntityId, WriteAction, WriteOutcome) {
    loop {
        match events.try_recv().expect("a Written event") {
            DataChanged::Written {
                child,
                action,
                outcome,
            } => return (child, action, outcome),
            _ => continue,
        }
    }
}

#[tokio::test]
async fn the_demo_serves_school_work_from_the_cache_paged() {
    let d = demo().await;
    let c = &d.client;

    // Assignments: paged, the open ones first, open and past due means overdue.
    let first = c
        .assignments(Some(&d.pupil.id), PageRequest::first(5))
        .await
        .unwrap();
    assert!(!first.stale);
    assert_eq!(first.value.items.len(), 5);
    assert_eq!(first.value.next_offset, Some(5));
    let total = first.value.total;
    assert!(total > 40, "two a week for a school year: {total}");
    let mut all = Vec::new();
    let mut request = PageRequest::first(17);
    loop {
        let page = c
            .assignments(Some(&d.pupil.id), request)
            .await
            .unwrap()
            .value;
        assert_eq!(page.total, total);
        all.extend(page.items);
        match page.next_offset {
            Some(next) => request.offset = next,
            None => break,
        }
    }
    assert_eq!(all.len(), total);
    let open = all.iter().take_while(|a| a.is_open()).count();
    assert!(all[open..].iter().all(|a| !a.is_open()), "open ones first");
    assert!(all.iter().all(|a| a.child_id == d.pupil.id));
    for a in &all {
        let past = a.due.is_some_and(|due| due < TODAY);
        assert_eq!(a.overdue, a.is_open() && past, "{a:?}");
        assert!(past || a.is_open(), "nothing due later is handed in yet");
    }
    let none = c
        .assignments(Some(&d.preschool.id), PageRequest::default())
        .await
        .unwrap();
    assert_eq!(none.value.total, 0, "no homework in pre-school");

    // Attendance: history only, newest first.
    let history = c
        .attendance(Some(&d.fritids.id), PageRequest::first(10))
        .await
        .unwrap()
        .value;
    assert!(history.total > 5 && history.items.len() == 10);
    assert!(history.items.iter().all(|r| r.date < TODAY));
    assert!(history.items.windows(2).all(|w| w[0].date >= w[1].date));

    // Care times of this week: past and today locked, checked in on past days.
    let week = IsoWeek::containing(TODAY);
    let care = c.care_times(Some(&d.preschool.id), week).await.unwrap();
    assert!(!care.stale);
    assert_eq!(care.value.len(), 5, "{:?}", care.value);
    for ct in &care.value {
        assert_eq!(ct.locked, ct.date <= TODAY);
        assert_eq!(ct.checked_in.is_some(), ct.date < TODAY);
        assert!(ct.start.is_some() && ct.end.is_some() && !ct.times_missing);
    }
    assert!(
        c.care_times(Some(&d.pupil.id), week)
            .await
            .unwrap()
            .value
            .is_empty()
    );

    // Absence offers: today and tomorrow.
    let offers = c.absence_options(&d.pupil.id).await.unwrap();
    assert!(!offers.stale);
    let days: Vec<Date> = offers.value.iter().map(|a| a.day).collect();
    assert_eq!(days, vec![TODAY, day(1)]);
    assert!(offers.value.iter().all(|a| a.can_report()));
}

#[tokio::test]
async fn demo_absence_reports_update_the_cache_and_tell_subscribers() {
    let d = demo().await;
    let c = &d.client;
    let mut events = c.subscribe();
    let kid = &d.fritids.id;
    let tomorrow = day(1);

    assert_eq!(
        c.report_absence(kid, tomorrow, true).await.unwrap(),
        WriteOutcome::Done
    );
    assert_eq!(
        written(&mut events),
        (kid.clone(), WriteAction::AbsenceReport, WriteOutcome::Done)
    );
    // The cache already has the read-back: no refresh needed.
    let offers = c.absence_options(kid).await.unwrap().value;
    let offer = offers.iter().find(|a| a.day == tomorrow).unwrap();
    assert!(offer.already_reported && offer.can_withdraw());
    let newest = c
        .attendance(Some(kid), PageRequest::first(1))
        .await
        .unwrap()
        .value;
    assert_eq!(newest.items[0].date, tomorrow);
    assert_eq!(newest.items[0].status, AttendanceStatus::Absent);

    // A retry changes nothing.
    assert_eq!(
        c.report_absence(kid, tomorrow, true).await.unwrap(),
        WriteOutcome::AlreadyDone
    );
    assert_eq!(written(&mut events).2, WriteOutcome::AlreadyDone);
    let records = c
        .attendance(Some(kid), PageRequest::first(100))
        .await
        .unwrap()
        .value;
    assert_eq!(
        records.items.iter().filter(|r| r.date == tomorrow).count(),
        1
    );

    // Withdrawn: gone from the offers' flag and the history.
    assert_eq!(
        c.report_absence(kid, tomorrow, false).await.unwrap(),
        WriteOutcome::Done
    );
    let offers = c.absence_options(kid).await.unwrap().value;
    assert!(offers.iter().all(|a| !a.already_reported));
    let records = c
        .attendance(Some(kid), PageRequest::first(100))
        .await
        .unwrap()
        .value;
    assert!(records.items.iter().all(|r| r.date != tomorrow));

    // Refusals are typed: the day after tomorrow is not offered, nor is Saturday.
    for refused_day in [day(2), day(3)] {
        assert!(matches!(
            c.report_absence(kid, refused_day, true).await,
            Err(Error::WriteRefused(WriteRefusal::NotOffered))
        ));
    }
}

#[tokio::test]
async fn demo_care_times_are_written_read_back_and_refused_when_locked() {
    let d = demo().await;
    let c = &d.client;
    let mut events = c.subscribe();
    let kid = &d.preschool.id;
    let tomorrow = day(1);
    let week = IsoWeek::containing(TODAY);

    assert_eq!(
        c.set_care_times(kid, tomorrow, t(7, 5), t(16, 50))
            .await
            .unwrap(),
        WriteOutcome::Done
    );
    assert_eq!(
        written(&mut events),
        (kid.clone(), WriteAction::CareTimes, WriteOutcome::Done)
    );
    let care = c.care_times(Some(kid), week).await.unwrap();
    assert!(!care.stale);
    let thursday = care.value.iter().find(|ct| ct.date == tomorrow).unwrap();
    let local = |z: &Option<jiff::ZonedDateTime>| {
        z.as_ref()
            .map(|z| skolbryggan::time::in_stockholm(z).time())
    };
    assert_eq!(local(&thursday.start), Some(t(7, 5)));
    assert_eq!(local(&thursday.end), Some(t(16, 50)));

    // Retried: nothing changes.
    assert_eq!(
        c.set_care_times(kid, tomorrow, t(7, 5), t(16, 50))
            .await
            .unwrap(),
        WriteOutcome::AlreadyDone
    );
    // Today is locked, Saturday has no care, and the times must be in order.
    assert!(matches!(
        c.set_care_times(kid, TODAY, t(9, 0), t(15, 0)).await,
        Err(Error::WriteRefused(WriteRefusal::Locked))
    ));
    assert!(matches!(
        c.set_care_times(kid, day(3), t(9, 0), t(15, 0)).await,
        Err(Error::WriteRefused(WriteRefusal::NotOffered))
    ));
    assert!(matches!(
        c.set_care_times(kid, tomorrow, t(15, 0), t(9, 0)).await,
        Err(Error::InvalidInput(_))
    ));
    let again = c.care_times(Some(kid), week).await.unwrap().value;
    let today_entry = again.iter().find(|ct| ct.date == TODAY).unwrap();
    assert_ne!(
        local(&today_entry.start),
        Some(t(9, 0)),
        "the refusal sent nothing"
    );
}
