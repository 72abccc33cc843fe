//! The core's InfoMentor client against the emulator: BankID (QR and same device) through
//! Stockholm's login servers and the InfoMentor hand-off, pupil switching with the wrong-pupil
//! guard, every read, the two write actions, session expiry with silent re-login, faults.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use jiff::civil::{Time, date};
use skolbryggan::Error;
use skolbryggan::error::WriteRefusal;
use skolbryggan::http::HttpConfig;
use skolbryggan::model::{Child, FamilySnapshot, IsoWeek, Platform};
use skolbryggan::provider::infomentor::InfoMentorPupilRef;
use skolbryggan::provider::infomentor::{InfoMentorProvider, WriteOutcome};
use skolbryggan::provider::{
    DateRange, DriveOptions, LoginRequest, LoginState, Provider, drive_login,
};
use skolbryggan_emulator::{
    BankIdOutcome, BankIdScript, Emulator, EmulatorConfig, EmulatorHandle, Fault, FaultRule,
};

const TODAY: (i16, i8, i8) = (2026, 11, 25);

/// The demo family: it has a second InfoMentor pupil ("Bo", a copy of the first with its own
/// ids and news), so that switching matters.
fn family() -> FamilySnapshot {
    EmulatorConfig::demo().family
}

fn start(family: FamilySnapshot) -> EmulatorHandle {
    let mut config = EmulatorConfig::new(family, EmulatorConfig::DEMO_GUARDIAN);
    config.today = Some(date(TODAY.0, TODAY.1, TODAY.2));
    config.bankid = BankIdScript {
        pending_polls: 3,
        user_sign_polls: 1,
        outcome: BankIdOutcome::Ok,
    };
    Emulator::start(config).unwrap()
}

fn provider(h: &EmulatorHandle) -> InfoMentorProvider {
    InfoMentorProvider::new(&HttpConfig::with_upstream(h.upstream_override())).unwrap()
}

fn options() -> DriveOptions {
    DriveOptions {
        interval: Duration::from_millis(5),
        timeout: Duration::from_secs(20),
        max_transient_errors: 3,
    }
}

async fn login(p: &InfoMentorProvider, qr: bool) -> Vec<LoginState> {
    let flow = p
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: qr,
        })
        .await
        .unwrap();
    let prompt = flow.prompt();
    if qr {
        assert!(prompt.qr.is_some());
    } else {
        assert!(prompt.autostart_token.is_some());
    }
    let mut states = Vec::new();
    let mut frames: Vec<String> = Vec::new();
    drive_login(
        flow,
        options(),
        |u| {
            states.push(u.state.clone());
            if let Some(qr) = &u.qr
                && !frames.contains(&qr.payload)
            {
                frames.push(qr.payload.clone());
            }
        },
        std::future::pending(),
    )
    .await
    .unwrap();
    if qr {
        // The animated QR code: a new frame with the polls.
        assert!(frames.len() >= 2, "{} frames", frames.len());
        assert!(frames.iter().all(|f| f.starts_with("bankid.")));
    } else {
        assert!(frames.is_empty());
    }
    states
}

fn im_children(kids: &[Child]) -> (Child, Child) {
    assert_eq!(kids.len(), 2);
    (kids[0].clone(), kids[1].clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn qr_login_reads_switches_and_writes() {
    let family = family();
    let h = start(family.clone());
    let p = provider(&h);
    let states = login(&p, true).await;
    assert!(states.contains(&LoginState::Pending));
    assert!(states.contains(&LoginState::UserSign));
    assert_eq!(h.infomentor_session_count(), 1);

    let kids = p.children().await.unwrap();
    let (alva, bo) = im_children(&kids);
    // The family's own ids (the client namespaces by the Hub guardian instead).
    let fam = family
        .children
        .iter()
        .find(|c| c.platform == Platform::InfoMentor)
        .unwrap()
        .clone();
    assert_eq!(
        alva.refs.get::<InfoMentorPupilRef>().unwrap().pupil_id,
        fam.refs.get::<InfoMentorPupilRef>().unwrap().pupil_id
    );
    assert_eq!(alva.first_name, fam.first_name);
    assert_eq!(bo.first_name, "Bo");
    assert_eq!(alva.id.account(), bo.id.account());

    // Reads for the first pupil (selected after login).
    let news = p.news(&alva).await.unwrap();
    // Only what is published by "today" (a Hub shows nothing unpublished).
    let today = date(TODAY.0, TODAY.1, TODAY.2);
    let expected = family
        .news
        .iter()
        .filter(|n| n.child_id == fam.id && skolbryggan::time::local_date(&n.published) <= today)
        .count();
    assert!(expected > 0);
    assert_eq!(news.len(), expected);
    // Switch to the second pupil: its own news.
    let bo_news = p.news(&bo).await.unwrap();
    assert_eq!(bo_news.len(), 2);
    assert!(
        bo_news
            .iter()
            .all(|n| n.title.starts_with("Bo: ") && n.child_id == bo.id)
    );
    // And back.
    assert_eq!(p.news(&alva).await.unwrap().len(), expected);
    // A switch that does not take: the answer would be the other child's, so nothing is read.
    h.set_infomentor_ignore_switches(1);
    assert!(matches!(p.news(&bo).await, Err(Error::WrongChild { .. })));
    assert_eq!(p.news(&bo).await.unwrap().len(), 2);

    let week = IsoWeek::containing(date(TODAY.0, TODAY.1, TODAY.2));
    let lessons = p.timetable(&alva, week).await.unwrap();
    let range = DateRange::of_week(week);
    let expected_lessons = family
        .lessons
        .iter()
        .filter(|l| l.child_id == fam.id && range.contains(skolbryggan::time::local_date(&l.start)))
        .count();
    assert_eq!(lessons.len(), expected_lessons);
    let cal = p.calendar(&alva, range).await.unwrap();
    assert!(cal.iter().all(|e| e.child_id == alva.id));
    let notes = p.notifications(&alva).await.unwrap();
    assert_eq!(
        notes.len(),
        family
            .notifications
            .iter()
            .filter(|n| n.child_id == fam.id && skolbryggan::time::local_date(&n.created) <= today)
            .count()
    );
    let mates = p.classmates(&alva).await.unwrap();
    assert_eq!(
        mates.len(),
        family
            .classmates
            .iter()
            .filter(|c| c.child_id == fam.id)
            .count()
    );
    let teachers = p.teachers(&alva).await.unwrap();
    assert_eq!(
        teachers.len(),
        family
            .teachers
            .iter()
            .filter(|t| t.child_id == fam.id)
            .count()
    );
    // No task app for this pupil: not available, no error.
    assert!(p.assignments(&alva).await.unwrap().is_empty());

    // Absence: tomorrow can be reported; reporting twice sends once.
    let overview = p.attendance_overview(&alva).await.unwrap();
    let offers = p.absence_report_actions(&alva).await.unwrap();
    assert_eq!(offers, overview.actions);
    let tomorrow = date(2026, 11, 26);
    let offer = overview.actions.iter().find(|a| a.day == tomorrow).unwrap();
    assert!(offer.can_report());
    assert_eq!(
        p.report_absence(&alva, tomorrow, true).await.unwrap(),
        WriteOutcome::Done
    );
    assert_eq!(
        p.report_absence(&alva, tomorrow, true).await.unwrap(),
        WriteOutcome::AlreadyDone
    );
    let writes = h.infomentor_writes();
    assert_eq!(writes.len(), 1);
    assert_eq!(writes[0].endpoint, "registerAttendance");
    assert_eq!(writes[0].date, tomorrow);
    assert_eq!(writes[0].detail, "absent");
    // Locked today: refused before anything is sent.
    h.set_infomentor_today_locked(true);
    assert!(matches!(
        p.report_absence(&alva, date(2026, 11, 25), true).await,
        Err(Error::WriteRefused(WriteRefusal::Locked))
    ));
    assert!(matches!(
        p.report_absence(&alva, date(2026, 11, 30), true).await,
        Err(Error::WriteRefused(WriteRefusal::NotOffered))
    ));
    assert_eq!(h.infomentor_writes().len(), 1);

    // Care times for Bo (switching inside the write).
    let schedule = p.care_schedule(&bo, tomorrow).await.unwrap();
    let day = schedule.days.iter().find(|d| d.date == tomorrow).unwrap();
    assert!(day.times_missing);
    let (start_t, end_t) = (Time::constant(8, 0, 0, 0), Time::constant(16, 15, 0, 0));
    assert_eq!(
        p.save_care_times(&bo, tomorrow, start_t, end_t)
            .await
            .unwrap(),
        WriteOutcome::Done
    );
    assert_eq!(
        p.save_care_times(&bo, tomorrow, start_t, end_t)
            .await
            .unwrap(),
        WriteOutcome::AlreadyDone
    );
    // Past days are locked.
    assert!(matches!(
        p.save_care_times(&bo, date(2026, 11, 24), start_t, end_t)
            .await,
        Err(Error::WriteRefused(WriteRefusal::Locked))
    ));
    assert_eq!(
        p.save_care_comment(&bo, tomorrow, "Hämtas av mormor")
            .await
            .unwrap(),
        WriteOutcome::Done
    );
    assert_eq!(
        p.save_care_comment(&bo, tomorrow, "Hämtas av mormor")
            .await
            .unwrap(),
        WriteOutcome::AlreadyDone
    );
    let schedule = p.care_schedule(&bo, tomorrow).await.unwrap();
    let day = schedule.days.iter().find(|d| d.date == tomorrow).unwrap();
    assert_eq!(day.comment.as_deref(), Some("Hämtas av mormor"));
    assert!(!day.times_missing);
    let days = p
        .care_times(&bo, DateRange::new(tomorrow, tomorrow))
        .await
        .unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(
        days[0].start.as_ref().map(|z| z.time()),
        Some(Time::constant(8, 0, 0, 0))
    );
    let offers = p
        .care_time_edit_actions(&bo, DateRange::new(date(2026, 11, 23), date(2026, 11, 29)))
        .await
        .unwrap();
    assert_eq!(offers.len(), 5);
    assert!(!offers[0].can_edit_times() && offers[3].can_edit_times());
    let writes = h.infomentor_writes();
    assert_eq!(writes.len(), 3);
    assert!(writes[1..].iter().all(|w| w.pupil_id == "7777777"));

    p.restore_original_pupil().await.unwrap();
    let saved = p.saved_session().unwrap();
    assert_eq!(saved.provider, "infomentor");

    // A resumed provider works with the saved cookies.
    let q = provider(&h);
    let user = q.resume(&saved).await.unwrap();
    assert_eq!(user.id.platform(), Some(Platform::InfoMentor));
    assert_eq!(q.children().await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autostart_login_dead_orders_bounce_and_session_expiry() {
    let h = start(family());
    h.set_infomentor_dead_orders(1);
    h.set_infomentor_bounce_after_ok(1);
    let p = provider(&h);
    login(&p, true).await;
    let kids = p.children().await.unwrap();
    let (alva, _) = im_children(&kids);
    assert!(!p.news(&alva).await.unwrap().is_empty());

    // The Hub session dies (empty 200 answers); the SiteMinder session is alive, so the client
    // logs in again silently and the read succeeds.
    h.expire_infomentor_sessions();
    assert_eq!(h.infomentor_session_count(), 0);
    assert!(!p.news(&alva).await.unwrap().is_empty());
    assert_eq!(h.infomentor_session_count(), 1);

    // Same device.
    let q = provider(&h);
    login(&q, false).await;
    assert_eq!(q.children().await.unwrap().len(), 2);

    // Without any session: a new provider with a dead saved session cannot resume.
    let saved = q.saved_session().unwrap();
    h.expire_infomentor_sessions();
    h.expire_all_sessions();
    let r = provider(&h);
    assert!(matches!(
        r.resume(&saved).await,
        Err(Error::SessionExpired { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_are_typed() {
    let h = start(family());
    let p = provider(&h);
    login(&p, true).await;
    let kids = p.children().await.unwrap();
    let (alva, _) = im_children(&kids);
    h.add_fault(FaultRule::next(
        "GetNewsList",
        1,
        Fault::status(429, Some(7)),
    ));
    match p.news(&alva).await {
        Err(Error::RateLimited { retry_after, .. }) => {
            assert_eq!(retry_after, Some(Duration::from_secs(7)));
        }
        other => panic!("{other:?}"),
    }
    h.add_fault(FaultRule::next("GetNewsList", 1, Fault::status(500, None)));
    assert!(matches!(
        p.news(&alva).await,
        Err(Error::Upstream {
            status: Some(500),
            ..
        })
    ));
    assert!(!p.news(&alva).await.unwrap().is_empty());

    // Another back-end node: the affinity cookie no longer matches → a login redirect, and the
    // silent re-login gets a new session.
    h.move_infomentor_sessions_to_other_node();
    assert!(!p.news(&alva).await.unwrap().is_empty());

    // A failed BankID.
    h.set_bankid_script(BankIdScript {
        pending_polls: 0,
        user_sign_polls: 0,
        outcome: BankIdOutcome::Cancelled,
    });
    let q = provider(&h);
    let flow = q
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: false,
        })
        .await
        .unwrap();
    let result = drive_login(flow, options(), |_| {}, std::future::pending()).await;
    assert!(matches!(
        result,
        Err(Error::Login(
            skolbryggan::error::LoginFailure::CancelledByUser
        ))
    ));
}

mod common;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_api_knobs() {
    let h = start(family());
    let c = common::client(&h);
    let base = format!(
        "https://{}/__control/infomentor",
        skolbryggan_emulator::CONTROL_HOST
    );
    let r = c
        .post(format!("{base}/knobs"))
        .body(r#"{"todayLocked":true,"ignoreSwitches":0,"sessionLifeSecs":2400}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .post(format!("{base}/knobs"))
        .body(r#"{"nope":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let writes: serde_json::Value = c
        .get(format!("{base}/writes"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(writes, serde_json::json!([]));
    assert_eq!(
        c.post(format!("{base}/expire"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // The knob took: today's report is refused.
    let p = provider(&h);
    login(&p, true).await;
    let kids = p.children().await.unwrap();
    assert!(matches!(
        p.report_absence(&kids[0], date(TODAY.0, TODAY.1, TODAY.2), true)
            .await,
        Err(Error::WriteRefused(WriteRefusal::Locked))
    ));
}
