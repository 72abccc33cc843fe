//! The core's SchoolSoft provider against the emulator: tenant discovery, BankID through
//! GrandID (QR frames and the same-device token), username and password, every read for both
//! children with the focus switched and checked, the wrong-child guard, session expiry as a
//! typed error, resume, and the absence report sent once under retries.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use jiff::ToSpan;
use jiff::civil::Weekday;
use skolbryggan::Error;
use skolbryggan::error::LoginFailure;
use skolbryggan::http::HttpConfig;
use skolbryggan::model::{AttendanceStatus, Child, IsoWeek, PersonalNumber};
use skolbryggan::provider::schoolsoft::SchoolSoftProvider;
use skolbryggan::provider::{
    DateRange, DriveOptions, LoginRequest, LoginState, Provider, WriteOutcome, drive_login,
};
use skolbryggan_emulator::{
    BankIdOutcome, BankIdScript, Emulator, EmulatorConfig, EmulatorHandle, Fault, FaultEffect,
    FaultRule, schoolsoft_family as fam,
};

fn start() -> EmulatorHandle {
    let mut config = EmulatorConfig::sample();
    config.guardian_personal_number = EmulatorConfig::DEMO_GUARDIAN.to_owned();
    config.today = None;
    config.bankid = BankIdScript {
        pending_polls: 3,
        user_sign_polls: 1,
        outcome: BankIdOutcome::Ok,
    };
    Emulator::start(config).unwrap()
}

fn provider(h: &EmulatorHandle) -> SchoolSoftProvider {
    let p = SchoolSoftProvider::new(
        &HttpConfig::with_upstream(h.upstream_override()),
        EmulatorConfig::account_key(),
    )
    .unwrap();
    p.choose_tenant(fam::TENANT).unwrap();
    p
}

fn options() -> DriveOptions {
    DriveOptions {
        interval: Duration::from_millis(5),
        timeout: Duration::from_secs(20),
        max_transient_errors: 2,
    }
}

fn guardian() -> PersonalNumber {
    PersonalNumber::parse(EmulatorConfig::DEMO_GUARDIAN, 2026).unwrap()
}

async fn bankid_login(p: &SchoolSoftProvider) -> (Vec<LoginState>, Vec<String>) {
    let flow = p
        .start_login(LoginRequest::BankId {
            personal_number: Some(guardian()),
            other_device: true,
        })
        .await
        .unwrap();
    let prompt = flow.prompt();
    assert_eq!(prompt.autostart_token.as_deref().map(str::len), Some(36));
    assert!(
        prompt
            .bankid_app_link
            .unwrap()
            .starts_with("bankid:///?autostarttoken=")
    );
    let mut states = Vec::new();
    let mut frames = Vec::new();
    let user = drive_login(
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
    assert_eq!(
        (user.first_name.as_str(), user.last_name.as_str()),
        fam::GUARDIAN
    );
    (states, frames)
}

async fn children(p: &SchoolSoftProvider) -> (Child, Child) {
    let kids = p.children().await.unwrap();
    assert_eq!(kids.len(), 2);
    let alva = kids
        .iter()
        .find(|c| c.first_name == "Alva")
        .unwrap()
        .clone();
    let bo = kids.iter().find(|c| c.first_name == "Bo").unwrap().clone();
    (alva, bo)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_school_list_is_downloaded_once_for_every_search() {
    let h = start();
    let p = SchoolSoftProvider::new(
        &HttpConfig::with_upstream(h.upstream_override()),
        EmulatorConfig::account_key(),
    )
    .unwrap();
    // A failed first download is an error and is not remembered as an empty list.
    h.add_fault(FaultRule::next(
        "schoollist",
        1,
        Fault::status(503, Some(2)),
    ));
    assert!(p.search_schools("påhittade").await.is_err());
    assert_eq!(p.search_schools("påhittade").await.unwrap().len(), 1);
    assert_eq!(h.request_count("schoollist"), 2);
    // The parent types: every keystroke searches, concurrently; no new download.
    let typed = ["p", "på", "påh", "påhi", "påhittade"];
    let mut searches = tokio::task::JoinSet::new();
    for query in typed {
        let p = p.clone();
        searches.spawn(async move { (query, p.search_schools(query).await) });
    }
    while let Some(done) = searches.join_next().await {
        let (query, found) = done.unwrap();
        let found = found.unwrap();
        assert!(!found.is_empty(), "{query}");
        assert!(found.iter().all(|s| s.name.to_lowercase().contains(query)));
    }
    // While the list is held, a failing upstream is not even asked.
    h.add_fault(FaultRule::next(
        "schoollist",
        1,
        Fault::status(503, Some(2)),
    ));
    assert!(p.search_schools("").await.unwrap().len() > 1);
    assert_eq!(h.request_count("schoollist"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn school_search_names_the_tenant() {
    let h = start();
    let p = SchoolSoftProvider::new(
        &HttpConfig::with_upstream(h.upstream_override()),
        EmulatorConfig::account_key(),
    )
    .unwrap();
    let found = p.search_schools("påhittade").await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].slug, "procivitas");
    assert_eq!(found[0].org_id.as_deref(), Some("4"));
    assert!(p.choose_tenant("../etc").is_err());
    // Without a tenant there is nothing to log in to.
    let err = p
        .start_login(LoginRequest::BankId {
            personal_number: Some(guardian()),
            other_device: false,
        })
        .await
        .err()
        .unwrap();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bankid_login_then_every_read_for_both_children() {
    let h = start();
    let p = provider(&h);
    let (states, frames) = bankid_login(&p).await;
    assert!(states.contains(&LoginState::Pending));
    assert!(states.contains(&LoginState::UserSign));
    assert_eq!(states.last(), Some(&LoginState::Complete));
    // GrandID's animated QR: one SVG image per pending poll, read back into the BankID
    // payload it shows (`bankid.<start token>.<seconds>.<code>`), one start token per order.
    assert_eq!(frames.len(), 3, "{frames:?}");
    let parts: Vec<Vec<&str>> = frames.iter().map(|f| f.split('.').collect()).collect();
    for (i, p) in parts.iter().enumerate() {
        assert_eq!(
            (p.len(), p[0], p[2]),
            (4, "bankid", &*(i + 1).to_string()),
            "{frames:?}"
        );
        assert_eq!((p[1].len(), p[3].len()), (36, 64));
        assert_eq!(p[1], parts[0][1]);
    }
    assert_eq!(h.schoolsoft_orders_started(), 1);

    let (alva, bo) = children(&p).await;
    assert_eq!(alva.class_name.as_deref(), Some("7B"));
    assert_eq!(bo.class_name.as_deref(), Some("3A"));
    assert_eq!(alva.school.as_ref().unwrap().name, fam::SCHOOL_NAME);

    let today = skolbryggan::time::today();
    let week = IsoWeek::containing(today);
    // Read Bo first (a switch), then Alva (a switch back), then Bo again.
    for (child, lesson, news, message, teacher, event) in [
        (
            &bo,
            "SVESVE01",
            "Veckobrev 3A",
            "Simskola",
            "Greta",
            "Utflykt åk 3",
        ),
        (
            &alva,
            "MATMAT01",
            "Skolstart hösten 2026",
            "Utflykt fredag",
            "Lena",
            "Idrottsdag åk 7",
        ),
        (
            &bo,
            "IDRIDR01",
            "Veckobrev 3A",
            "Simskola",
            "Örjan",
            "Utflykt åk 3",
        ),
    ] {
        let lessons = p.timetable(child, week).await.unwrap();
        assert_eq!(lessons.len(), 15, "{}", child.first_name);
        assert!(lessons.iter().any(|l| l.subject.code == lesson));
        assert!(lessons.iter().all(|l| l.child_id == child.id));
        let items = p.news(child).await.unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].title, news);
        assert_eq!(items[0].attachments.len(), 1);
        let notes = p.notifications(child).await.unwrap();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.starts_with(message));
        let staff = p.teachers(child).await.unwrap();
        assert!(staff.iter().any(|t| t.first_name == teacher), "{staff:?}");
        let events = p.calendar(child, DateRange::of_week(week)).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].title, event);
        let menu = p.menu(child, week).await.unwrap();
        assert_eq!(menu.len(), 4);
        assert!(menu[0].dishes[0].ends_with("Fiskgratäng med potatis"));
        let tasks = p.assignments(child).await.unwrap();
        assert_eq!(tasks.len(), 2);
        let attendance = p.attendance(child).await.unwrap();
        assert_eq!(attendance.len(), 1);
        let care = p.care_times(child, DateRange::of_week(week)).await.unwrap();
        let actions = p.absence_report_actions(child).await.unwrap();
        assert!(
            actions
                .iter()
                .all(|a| a.day >= today && a.child_id == child.id)
        );
        assert!(!actions.is_empty());
        if child.first_name == "Bo" {
            assert_eq!(attendance[0].status, AttendanceStatus::Present);
            assert_eq!(care.len(), 5);
            assert_eq!(
                care[0].start.as_ref().unwrap().time(),
                jiff::civil::time(8, 0, 0, 0)
            );
        } else {
            assert_eq!(attendance[0].status, AttendanceStatus::Absent);
            assert_eq!(attendance[0].minutes, Some(75));
            assert!(care.is_empty());
        }
        let assessments = p.holistic_assessments(child).await.unwrap();
        assert_eq!(
            assessments[0].course,
            format!("Matematik {}", child.class_name.as_deref().unwrap())
        );
    }
    assert_eq!(h.schoolsoft_focus(), vec!["17002".to_owned()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_switch_that_does_not_take_is_a_wrong_child_error() {
    let h = start();
    let p = provider(&h);
    bankid_login(&p).await;
    let (_alva, bo) = children(&p).await;
    // The focus check's GET and the switch's PUT both hit `parent`; the PUT is ignored.
    h.add_fault(FaultRule::next(
        "parent",
        2,
        Fault {
            latency_ms: 0,
            effect: FaultEffect::WrongChild,
        },
    ));
    let err = p.news(&bo).await.unwrap_err();
    assert!(matches!(err, Error::WrongChild { .. }), "{err:?}");
    // Alva's data was never handed out as Bo's; the next read switches properly.
    let news = p.news(&bo).await.unwrap();
    assert_eq!(news[0].title, "Veckobrev 3A");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_sessions_are_typed_and_resume_needs_a_live_one() {
    let h = start();
    let p = provider(&h);
    bankid_login(&p).await;
    let (alva, _) = children(&p).await;
    let saved = p.saved_session().unwrap();
    assert!(!format!("{saved:?}").contains("JSESSIONID"));

    // Resume in a fresh provider (no tenant chosen: the saved session carries it).
    let q = SchoolSoftProvider::new(
        &HttpConfig::with_upstream(h.upstream_override()),
        EmulatorConfig::account_key(),
    )
    .unwrap();
    let user = q.resume(&saved).await.unwrap();
    assert_eq!(user.first_name, "Anna");
    assert_eq!(q.news(&alva).await.unwrap().len(), 1);

    h.expire_schoolsoft_sessions();
    // JSP (302 to Login.jsp, never followed) and web REST (401) alike.
    let err = p.news(&alva).await.unwrap_err();
    assert!(matches!(err, Error::SessionExpired { .. }), "{err:?}");
    let err = p
        .timetable(&alva, IsoWeek::containing(skolbryggan::time::today()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SessionExpired { .. }), "{err:?}");
    let fresh = SchoolSoftProvider::new(
        &HttpConfig::with_upstream(h.upstream_override()),
        EmulatorConfig::account_key(),
    )
    .unwrap();
    assert!(matches!(
        fresh.resume(&saved).await.unwrap_err(),
        Error::SessionExpired { .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absence_report_is_sent_once_under_retries() {
    let h = start();
    let p = provider(&h);
    bankid_login(&p).await;
    let (_alva, bo) = children(&p).await;
    let today = skolbryggan::time::today();
    // Next week's Wednesday: open for reports, and inside the two weeks the form shows.
    let day = IsoWeek::containing(today).next().days()[2];
    assert_eq!(day.weekday(), Weekday::Wednesday);
    assert_eq!(
        p.report_absence(&bo, day, true).await.unwrap(),
        WriteOutcome::Done
    );
    // A retry after the success sends nothing.
    assert_eq!(
        p.report_absence(&bo, day, true).await.unwrap(),
        WriteOutcome::AlreadyDone
    );
    let writes = h.schoolsoft_writes();
    assert_eq!(writes.len(), 1);
    assert_eq!(writes[0].student, "17002");
    assert_eq!(writes[0].date, day);
    let actions = p.absence_report_actions(&bo).await.unwrap();
    assert!(actions.iter().any(|a| a.day == day && a.already_reported));
    // A past day is locked: refused before anything is sent.
    let mut past = today.checked_sub(7.days()).unwrap();
    while past.weekday() != Weekday::Monday {
        past = past.checked_sub(1.day()).unwrap();
    }
    assert!(matches!(
        p.report_absence(&bo, past, true).await.unwrap_err(),
        Error::WriteRefused(_)
    ));
    assert_eq!(h.schoolsoft_writes().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_login_and_refusals() {
    let h = start();
    let p = provider(&h);
    let err = p
        .login_with_password(fam::USERNAME, "fel")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Login(LoginFailure::Rejected(_))),
        "{err:?}"
    );
    let user = p
        .login_with_password(fam::USERNAME, fam::PASSWORD)
        .await
        .unwrap();
    assert_eq!(user.first_name, "Anna");
    let (alva, _) = children(&p).await;
    assert_eq!(
        p.news(&alva).await.unwrap()[0].title,
        "Skolstart hösten 2026"
    );

    // An unknown personal number is a clear, final login error.
    let q = provider(&h);
    let other = PersonalNumber::parse("199001012380", 2026).unwrap();
    let err = q
        .start_login(LoginRequest::BankId {
            personal_number: Some(other),
            other_device: false,
        })
        .await
        .err()
        .unwrap();
    assert!(
        matches!(err, Error::Login(LoginFailure::Rejected(_))),
        "{err:?}"
    );
    // BankID without a personal number is not possible through GrandID.
    let err = q
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: false,
        })
        .await
        .err()
        .unwrap();
    assert!(matches!(
        err,
        Error::Login(LoginFailure::InvalidPersonalNumber)
    ));
}
