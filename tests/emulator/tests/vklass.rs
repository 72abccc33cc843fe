//! The core's Vklass provider against the emulator: Göteborg's SAML + BankID QR through the
//! e-ID broker, username/password, session reuse, every read for both children, expiry as a
//! typed error, the absence report sent once under retry and an unknown outcome not retried.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use skolbryggan::Error;
use skolbryggan::error::LoginFailure;
use skolbryggan::http::HttpConfig;
use skolbryggan::model::{AttendanceStatus, Child, EventKind, IsoWeek};
use skolbryggan::provider::vklass::VklassProvider;
use skolbryggan::provider::{
    DateRange, DriveOptions, LoginRequest, LoginState, Password, Provider, WriteOutcome,
    drive_login,
};
use skolbryggan_emulator::{
    BankIdOutcome, BankIdScript, Emulator, EmulatorConfig, EmulatorHandle, Fault, FaultEffect,
    FaultRule, VKLASS_PASSWORD, VKLASS_USERNAME,
};

/// The provider dates the home page's "Idag" by the real date, so the emulator uses it too.
fn today() -> jiff::civil::Date {
    skolbryggan::time::today()
}

fn start() -> EmulatorHandle {
    let mut config = EmulatorConfig::demo();
    config.today = Some(today());
    config.bankid = BankIdScript {
        pending_polls: 3,
        user_sign_polls: 1,
        outcome: BankIdOutcome::Ok,
    };
    Emulator::start(config).unwrap()
}

fn provider(h: &EmulatorHandle) -> VklassProvider {
    VklassProvider::new(&HttpConfig::with_upstream(h.upstream_override())).unwrap()
}

fn options() -> DriveOptions {
    DriveOptions {
        interval: Duration::from_millis(5),
        timeout: Duration::from_secs(20),
        max_transient_errors: 3,
    }
}

async fn bankid(
    p: &VklassProvider,
) -> (
    Result<skolbryggan::model::User, Error>,
    Vec<LoginState>,
    Vec<String>,
) {
    p.set_organisation("189").unwrap();
    let flow = p
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: true,
        })
        .await
        .unwrap();
    assert!(
        flow.prompt().qr.is_some(),
        "the first QR frame comes with the prompt"
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
    .await;
    (user, states, frames)
}

async fn password(p: &VklassProvider) -> skolbryggan::model::User {
    p.set_organisation("189").unwrap();
    let flow = p
        .start_login(LoginRequest::Password {
            username: VKLASS_USERNAME.to_owned(),
            password: Password::new(VKLASS_PASSWORD),
        })
        .await
        .unwrap();
    drive_login(flow, options(), |_| {}, std::future::pending())
        .await
        .unwrap()
}

fn pair(kids: &[Child]) -> (Child, Child) {
    assert_eq!(kids.len(), 2);
    (kids[0].clone(), kids[1].clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisations_are_searchable_and_required() {
    let h = start();
    let p = provider(&h);
    let found = p.organisations("göteborg").await.unwrap();
    let ids: Vec<_> = found.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["189", "190"]);
    assert!(p.capabilities().organisation_required);
    assert!(matches!(
        p.set_organisation("abc"),
        Err(Error::InvalidInput(_))
    ));
    let no_org = p
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: true,
        })
        .await;
    assert!(matches!(no_org, Err(Error::InvalidInput(_))));
    p.set_organisation("60").unwrap();
    let unknown = p
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: true,
        })
        .await;
    assert!(matches!(
        unknown,
        Err(Error::Login(LoginFailure::MethodNotSupported))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn goteborg_bankid_qr_login_and_every_read() {
    let h = start();
    let p = provider(&h);
    let (user, states, frames) = bankid(&p).await;
    let user = user.unwrap();
    assert_eq!(
        (user.first_name.as_str(), user.last_name.as_str()),
        ("Tolvan", "Testsson")
    );
    assert!(states.contains(&LoginState::Pending));
    assert_eq!(states.last(), Some(&LoginState::Complete));
    assert!(frames.len() >= 2, "animated QR: {frames:?}");
    assert!(frames.iter().all(|f| f.starts_with("bankid.")));
    assert_eq!(h.bankid_order_count(), 1);

    let (bo, alva) = pair(&p.children().await.unwrap());
    assert_eq!(
        (bo.first_name.as_str(), alva.first_name.as_str()),
        ("Bo", "Alva")
    );
    assert!(bo.id.as_str().ends_with(":child:974364"));

    let today = today();
    let week = IsoWeek::containing(today);
    for child in [&bo, &alva] {
        let lessons = p.timetable(child, week).await.unwrap();
        assert!(lessons.len() >= 10, "{} lessons", lessons.len());
        assert!(lessons.iter().all(|l| l.child_id == child.id));
        assert!(
            lessons
                .iter()
                .any(|l| l.subject.code == "SV" && l.subject.name == "Svenska")
        );

        let range = DateRange::new(
            today,
            today.checked_add(jiff::Span::new().days(40)).unwrap(),
        );
        let events = p.calendar(child, range).await.unwrap();
        assert!(
            events
                .iter()
                .any(|e| e.title == "Studiedag" && e.kind == EventKind::Holiday)
        );
        assert!(events.iter().any(|e| e.kind == EventKind::Test));

        let assignments = p.assignments(child).await.unwrap();
        assert_eq!(assignments.len(), 1);
        assert_eq!(assignments[0].title, "Läxa i matematik");
        assert!(
            assignments[0]
                .description_markdown
                .as_deref()
                .unwrap()
                .contains("13")
        );

        let menu = p.menu(child, week).await.unwrap();
        assert_eq!(menu.len(), 1);
        assert_eq!(menu[0].date, today);
        assert_eq!(
            menu[0].dishes,
            ["Kyckling i currysås med cous cous (Fågel),", "Kökets val"]
        );

        let attendance = p.attendance(child).await.unwrap();
        assert_eq!(attendance.len(), 1);

        let care = p
            .care_times(
                child,
                DateRange::new(
                    today,
                    today.checked_add(jiff::Span::new().days(34)).unwrap(),
                ),
            )
            .await
            .unwrap();
        assert!(care.len() > 20, "{} care days", care.len());
        assert!(care.iter().any(|c| c.closed), "the holiday is a closed day");

        let teachers = p.teachers(child).await.unwrap();
        assert_eq!(teachers.len(), 2);
        assert!(p.classmates(child).await.unwrap().is_empty());

        let actions = p.absence_report_actions(child).await.unwrap();
        assert_eq!(actions.len(), 1);
        assert!(actions[0].can_report());
        assert_eq!(actions[0].day, today);
    }
    let bo_attendance = p.attendance(&bo).await.unwrap();
    assert_eq!(bo_attendance[0].status, AttendanceStatus::Other);
    let alva_attendance = p.attendance(&alva).await.unwrap();
    assert_eq!(alva_attendance[0].status, AttendanceStatus::Present);

    // News: both pages, attributed by first name.
    let bo_news = p.news(&bo).await.unwrap();
    let alva_news = p.news(&alva).await.unwrap();
    let titles =
        |n: &[skolbryggan::model::NewsItem]| n.iter().map(|i| i.title.clone()).collect::<Vec<_>>();
    assert_eq!(
        titles(&bo_news),
        [
            "Dags att ansöka om plats på sommaröppet fritidshem",
            "Veckobrev för 4A"
        ]
    );
    assert_eq!(
        titles(&alva_news),
        [
            "Dags att ansöka om plats på sommaröppet fritidshem",
            "VÅRT FÖRSTA GEMENSAMMA FRITIDSBREV🌷"
        ]
    );
    assert_eq!(h.request_count("NewsArticles"), 4, "two pages per child");

    let counts = p.unread_counts().await.unwrap();
    assert_eq!((counts.notifications, counts.messages), (2, 1));
    p.keep_alive().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bankid_cancelled_in_the_app_is_a_typed_failure() {
    let h = start();
    h.set_bankid_script(BankIdScript {
        pending_polls: 1,
        user_sign_polls: 0,
        outcome: BankIdOutcome::Cancelled,
    });
    let p = provider(&h);
    let (user, states, _) = bankid(&p).await;
    assert!(matches!(
        user,
        Err(Error::Login(LoginFailure::CancelledByUser))
    ));
    assert!(matches!(
        states.last(),
        Some(LoginState::Failed(LoginFailure::CancelledByUser))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_login_resume_and_silent_relogin() {
    let h = start();
    let p = provider(&h);
    let user = password(&p).await;
    assert_eq!(user.first_name, "Tolvan");
    let (bo, _) = pair(&p.children().await.unwrap());
    let saved = p.saved_session().unwrap();

    // Reuse the session in a new provider (the organisation comes back with it).
    let q = provider(&h);
    let resumed = q.resume(&saved).await.unwrap();
    assert_eq!(resumed.id, user.id);
    assert!(q.saved_session().unwrap().secret.contains("189"));
    assert_eq!(q.children().await.unwrap().len(), 2);

    // Wrong password: a typed login failure.
    let r = provider(&h);
    let wrong = r
        .start_login(LoginRequest::Password {
            username: VKLASS_USERNAME.to_owned(),
            password: Password::new("fel"),
        })
        .await;
    assert!(matches!(
        wrong,
        Err(Error::Login(LoginFailure::Rejected(_)))
    ));

    // The session dies: the password login signs in again silently.
    h.expire_all_sessions();
    let news = p.news(&bo).await.unwrap();
    assert_eq!(news.len(), 2);
    // The resumed session (no password known) gets the typed error.
    assert!(matches!(
        q.news(&bo).await,
        Err(Error::SessionExpired { .. })
    ));
    assert!(matches!(
        q.resume(&saved).await,
        Err(Error::SessionExpired { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expiry_after_bankid_is_session_expired_on_every_read() {
    let h = start();
    let p = provider(&h);
    bankid(&p).await.0.unwrap();
    let (bo, _) = pair(&p.children().await.unwrap());
    h.expire_all_sessions();
    let week = IsoWeek::containing(today());
    assert!(matches!(
        p.timetable(&bo, week).await,
        Err(Error::SessionExpired { .. })
    ));
    assert!(matches!(
        p.news(&bo).await,
        Err(Error::SessionExpired { .. })
    ));
    assert!(matches!(
        p.menu(&bo, week).await,
        Err(Error::SessionExpired { .. })
    ));
    assert!(matches!(
        p.children().await,
        Err(Error::SessionExpired { .. })
    ));
    assert!(matches!(
        p.keep_alive().await,
        Err(Error::SessionExpired { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absence_report_is_sent_once_under_retry() {
    let h = start();
    let p = provider(&h);
    password(&p).await;
    let (_, alva) = pair(&p.children().await.unwrap());
    let today = today();
    assert_eq!(
        p.report_absence(&alva, today, true).await.unwrap(),
        WriteOutcome::Done
    );
    assert_eq!(
        p.report_absence(&alva, today, true).await.unwrap(),
        WriteOutcome::AlreadyDone
    );
    let reports = h.vklass_absence_reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].pupil_id, "1223735");
    assert_eq!(reports[0].day, today);
    let after = p.absence_report_actions(&alva).await.unwrap();
    assert!(after[0].already_reported);
    // Another day than the one Vklass offers is refused before anything is sent.
    let tomorrow = today.tomorrow().unwrap();
    assert!(matches!(
        p.report_absence(&alva, tomorrow, true).await,
        Err(Error::WriteRefused(_))
    ));
    assert_eq!(h.vklass_absence_reports().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_absence_outcome_is_not_retried_blindly() {
    let h = start();
    let p = provider(&h);
    password(&p).await;
    let (bo, _) = pair(&p.children().await.unwrap());
    let today = today();
    // The report is saved, but the answer is an error page instead of the redirect. The form
    // read passes (the first rule), the report's answer is replaced (the second).
    h.add_fault(FaultRule::next("Notify", 1, Fault::latency(1)));
    h.add_fault(FaultRule::next(
        "Notify",
        1,
        Fault::effect(FaultEffect::HtmlInsteadOfJson),
    ));
    let first = p.report_absence(&bo, today, true).await;
    assert!(first.is_err(), "{first:?}");
    h.clear_faults();
    let again = p.report_absence(&bo, today, true).await;
    assert!(
        again.is_err(),
        "not sent again while the outcome is unknown: {again:?}"
    );
    assert_eq!(h.vklass_absence_reports().len(), 1);
}
