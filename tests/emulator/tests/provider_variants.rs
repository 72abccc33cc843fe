//! The core's providers against the emulator in every variant a real server may show: the
//! InfoMentor IdP answering the SAMLRequest POST with a redirect (the real server) or in place
//! (the old emulator), `LoginCallback` with or without its Referer check, and Stockholm's
//! login sending the session to the pre-2024 e-services name `etjanst.stockholm.se` or the
//! current one. Then the two parser classes through the provider: a module the pupil lacks
//! (the Hub answers its logged-in start page) is "no data" without any re-login, and holidays
//! arrive as days off.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use jiff::civil::date;
use skolbryggan::http::HttpConfig;
use skolbryggan::model::{
    CalendarEvent, Child, EntityId, EntityKind, EventKind, EventTiming, IsoWeek, Platform, User,
};
use skolbryggan::provider::infomentor::InfoMentorProvider;
use skolbryggan::provider::infomentor::InfoMentorPupilRef;
use skolbryggan::provider::stockholm::StockholmChildRef;
use skolbryggan::provider::stockholm::StockholmProvider;
use skolbryggan::provider::{DateRange, DriveOptions, LoginRequest, Provider, drive_login};
use skolbryggan_emulator::{
    BankIdOutcome, BankIdScript, Emulator, EmulatorConfig, EmulatorHandle, FrejaScript,
};

const TODAY: (i16, i8, i8) = (2026, 11, 25);

fn today() -> jiff::civil::Date {
    date(TODAY.0, TODAY.1, TODAY.2)
}

fn start(config: EmulatorConfig) -> EmulatorHandle {
    let mut config = config;
    config.today = Some(today());
    config.bankid = BankIdScript {
        pending_polls: 1,
        user_sign_polls: 0,
        outcome: BankIdOutcome::Ok,
    };
    config.freja = FrejaScript {
        started_polls: 0,
        delivered_polls: 0,
        ..FrejaScript::default()
    };
    Emulator::start(config).unwrap()
}

fn options() -> DriveOptions {
    DriveOptions {
        interval: Duration::from_millis(5),
        timeout: Duration::from_secs(20),
        max_transient_errors: 3,
    }
}

async fn drive<P: Provider + ?Sized>(p: &P, request: LoginRequest) -> User {
    let flow = p.start_login(request).await.unwrap();
    drive_login(flow, options(), |_| {}, std::future::pending())
        .await
        .unwrap()
}

fn bankid(qr: bool) -> LoginRequest {
    LoginRequest::BankId {
        personal_number: None,
        other_device: qr,
    }
}

fn infomentor(h: &EmulatorHandle) -> InfoMentorProvider {
    InfoMentorProvider::new(&HttpConfig::with_upstream(h.upstream_override())).unwrap()
}

fn stockholm(h: &EmulatorHandle) -> StockholmProvider {
    StockholmProvider::new(
        HttpConfig::with_upstream(h.upstream_override()),
        EmulatorConfig::account_key(),
    )
    .unwrap()
}

/// Logs in to InfoMentor in the given IdP and Referer modes, both BankID variants, and reads
/// both pupils' news.
async fn infomentor_logs_in(saml_post_in_place: bool, require_referer: bool) {
    for qr in [false, true] {
        let h = start(EmulatorConfig::demo());
        h.set_infomentor_saml_post_in_place(saml_post_in_place);
        h.set_infomentor_require_referer(require_referer);
        let p = infomentor(&h);
        drive(&p, bankid(qr)).await;
        assert_eq!(h.infomentor_session_count(), 1);
        let kids = p.children().await.unwrap();
        assert_eq!(kids.len(), 2, "two InfoMentor pupils");
        for kid in &kids {
            assert!(!p.news(kid).await.unwrap().is_empty(), "{}", kid.first_name);
        }
        // The redirect variant: the IdP was asked once by POST and once by the GET it sent to.
        let log = h.request_log();
        let saml = log
            .recent
            .iter()
            .filter(|r| r.endpoint == "saml2sso")
            .map(|r| r.method.as_str())
            .collect::<Vec<_>>();
        if saml_post_in_place {
            assert!(!saml.contains(&"GET"), "{saml:?}");
        } else {
            assert!(saml.contains(&"POST") && saml.contains(&"GET"), "{saml:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infomentor_saml_post_redirected_without_referer_check() {
    infomentor_logs_in(false, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infomentor_saml_post_redirected_with_referer_check() {
    infomentor_logs_in(false, true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infomentor_saml_post_in_place_without_referer_check() {
    infomentor_logs_in(true, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infomentor_saml_post_in_place_with_referer_check() {
    infomentor_logs_in(true, true).await;
}

/// A Stockholm login (BankID and Freja) whose session is sent to `legacy` or the current
/// e-services name, then the children and a read.
async fn stockholm_logs_in(legacy: bool) {
    for request in [bankid(false), LoginRequest::Freja] {
        let h = start(EmulatorConfig::sample());
        h.set_eservices_host(legacy);
        let p = stockholm(&h);
        let user = drive(&p, request).await;
        assert!(!user.first_name.is_empty());
        let kids = p.children().await.unwrap();
        let expected = skolbryggan_emulator::sample::family()
            .children
            .iter()
            .filter(|c| c.refs.has::<StockholmChildRef>())
            .count();
        assert_eq!(
            kids.iter()
                .filter(|c| c.platform == Platform::Stockholm)
                .count(),
            expected
        );
        let kid = kids
            .iter()
            .find(|c| c.platform == Platform::Stockholm)
            .unwrap();
        p.news(kid).await.unwrap();
        // Reads went to the current name; the old name was never needed by this client.
        let log = h.request_log();
        assert!(
            log.by_host
                .get("etjanster.stockholm.se")
                .copied()
                .unwrap_or(0)
                > 0
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stockholm_login_ending_on_the_current_host() {
    stockholm_logs_in(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stockholm_login_ending_on_the_pre_2024_host() {
    stockholm_logs_in(true).await;
}

fn second_pupil(kids: &[Child]) -> Child {
    kids.iter().find(|c| c.first_name == "Bo").unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_module_the_pupil_lacks_is_no_data_without_relogin() {
    let h = start(EmulatorConfig::demo());
    let p = infomentor(&h);
    drive(&p, bankid(true)).await;
    let kids = p.children().await.unwrap();
    let bo = second_pupil(&kids);
    let pupil_id = bo
        .refs
        .get::<InfoMentorPupilRef>()
        .unwrap()
        .pupil_id
        .clone();
    // Bo has only the timetable: every other module answers the logged-in start page.
    h.set_infomentor_pupil_apps(&pupil_id, Some(&["timetable"]));
    let orders = h.bankid_order_count();
    let sso_before = h.request_count("login.ashx");
    let week = IsoWeek::containing(today());
    let range = DateRange::of_week(week);
    assert!(p.news(&bo).await.unwrap().is_empty());
    assert!(p.calendar(&bo, range).await.unwrap().is_empty());
    assert!(p.classmates(&bo).await.unwrap().is_empty());
    assert!(p.teachers(&bo).await.unwrap().is_empty());
    assert!(p.assignments(&bo).await.unwrap().is_empty());
    assert!(p.attendance(&bo).await.unwrap().is_empty());
    assert!(p.absence_report_actions(&bo).await.unwrap().is_empty());
    assert!(p.care_times(&bo, range).await.unwrap().is_empty());
    assert!(
        p.care_time_edit_actions(&bo, range)
            .await
            .unwrap()
            .is_empty()
    );
    // The module it has still answers (Bo's lessons are copies of the first pupil's).
    let lessons = p.timetable(&bo, week).await.unwrap();
    assert!(!lessons.is_empty());
    assert!(lessons.iter().all(|l| l.child_id == bo.id));
    // No re-login, no BankID: the shell is not a dead session.
    assert_eq!(h.bankid_order_count(), orders);
    assert_eq!(h.request_count("login.ashx"), sso_before);
    assert_eq!(h.infomentor_session_count(), 1);
    // The other pupil still has everything (notifications: one feed for all pupils).
    let alva = kids.iter().find(|c| c.id != bo.id).unwrap();
    assert!(!p.news(alva).await.unwrap().is_empty());
    assert!(!p.notifications(alva).await.unwrap().is_empty());
}

fn all_day(
    child: &Child,
    local: &str,
    title: &str,
    day: jiff::civil::Date,
    kind: EventKind,
) -> CalendarEvent {
    CalendarEvent {
        id: EntityId::for_child(&child.id, EntityKind::CalendarEvent, local),
        child_id: child.id.clone(),
        title: title.to_owned(),
        description: None,
        location: None,
        timing: EventTiming::AllDay {
            start: day,
            end: day,
        },
        kind,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infomentor_holidays_are_days_off() {
    let h = start(EmulatorConfig::demo());
    let mut family = h.family();
    let served = family
        .children
        .iter()
        .find(|c| c.platform == Platform::InfoMentor)
        .unwrap()
        .clone();
    // A public holiday by its title, and a day off that only the calendar's entry type
    // ("Lov", from `calendarv2/appData`) marks.
    family.calendar.push(all_day(
        &served,
        "9100001",
        "Nationaldagen (röd dag)",
        date(2026, 12, 2),
        EventKind::Holiday,
    ));
    family.calendar.push(all_day(
        &served,
        "9100002",
        "Ingen undervisning",
        date(2026, 12, 3),
        EventKind::Holiday,
    ));
    family.calendar.push(all_day(
        &served,
        "9100003",
        "Julavslutning i kyrkan",
        date(2026, 12, 4),
        EventKind::Other,
    ));
    h.set_family(family.clone());
    let p = infomentor(&h);
    drive(&p, bankid(true)).await;
    let kids = p.children().await.unwrap();
    let alva = kids.iter().find(|c| c.first_name != "Bo").unwrap();
    let week = DateRange {
        start: date(2026, 11, 30),
        end: date(2026, 12, 6),
    };
    let events = p.calendar(alva, week).await.unwrap();
    let kind = |title: &str| events.iter().find(|e| e.title == title).unwrap().kind;
    assert_eq!(kind("Nationaldagen (röd dag)"), EventKind::Holiday);
    assert_eq!(kind("Ingen undervisning"), EventKind::Holiday);
    assert_eq!(kind("Julavslutning i kyrkan"), EventKind::Other);
    // Over the school year: every holiday served is read as one.
    let year = DateRange {
        start: date(2026, 8, 1),
        end: date(2027, 7, 31),
    };
    let events = p.calendar(alva, year).await.unwrap();
    let served_holidays = family
        .calendar
        .iter()
        .filter(|e| e.child_id == served.id && e.kind == EventKind::Holiday)
        .count();
    let read_holidays = events
        .iter()
        .filter(|e| e.kind == EventKind::Holiday)
        .count();
    assert_eq!(read_holidays, served_holidays);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stockholm_holidays_are_days_off() {
    let h = start(EmulatorConfig::sample());
    let mut family = h.family();
    let child = family
        .children
        .iter()
        .find(|c| c.refs.has::<StockholmChildRef>())
        .unwrap()
        .clone();
    family.calendar.push(all_day(
        &child,
        "990001",
        "Första maj (röd dag)",
        date(2026, 12, 1),
        EventKind::Holiday,
    ));
    family.calendar.push(all_day(
        &child,
        "990002",
        "Allmän helgdag",
        date(2026, 12, 2),
        EventKind::Holiday,
    ));
    h.set_family(family);
    let p = stockholm(&h);
    drive(&p, bankid(false)).await;
    let kids = p.children().await.unwrap();
    let kid = kids
        .iter()
        .find(|c| c.first_name == child.first_name)
        .unwrap();
    let range = DateRange {
        start: date(2026, 11, 30),
        end: date(2026, 12, 6),
    };
    let events = p.calendar(kid, range).await.unwrap();
    for title in ["Första maj (röd dag)", "Allmän helgdag"] {
        let e = events.iter().find(|e| e.title == title).unwrap();
        assert_eq!(e.kind, EventKind::Holiday, "{title}");
    }
}
