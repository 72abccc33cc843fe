//! The InfoMentor Hub parsers against the upstream samples (copied into
//! `tests/fixtures/infomentor/`), checking the normalized values `infomentor.md`'s sample table
//! gives, the error outcomes, and that no truncated answer makes a parser panic.

use std::path::PathBuf;

use jiff::civil::{date, time};
use skolbryggan::Error;
use skolbryggan::model::{
    AccountId, AssignmentStatus, AttendanceStatus, EntityId, EntityKind, EventKind, EventTiming,
    Platform,
};
use skolbryggan::provider::LoginState;
use skolbryggan::provider::infomentor::InfoMentorPupilRef;
use skolbryggan::provider::infomentor::parse::{self, Availability, BankIdState, RedirectMeaning};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/infomentor")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn account() -> AccountId {
    AccountId::from_raw("acc")
}

fn child() -> EntityId {
    EntityId::new(Platform::InfoMentor, &account(), EntityKind::Child, "1001")
}

fn local(y: i16, m: i8, d: i8, h: i8, min: i8) -> jiff::ZonedDateTime {
    skolbryggan::time::local(date(y, m, d).at(h, min, 0, 0))
}

fn available<T>(a: Availability<T>) -> T {
    match a {
        Availability::Available(v) => v,
        Availability::NotAvailable => panic!("module reported as not available"),
    }
}

#[test]
fn hub_root_children_user_and_apps() {
    let root = parse::parse_hub_root(&fixture("hub-root.html"), Some(&account())).unwrap();
    assert_eq!(root.pupils.len(), 2);
    let alva = &root.pupils[0];
    assert_eq!(alva.pupil_id, "1001");
    assert_eq!(alva.switch_id.as_deref(), Some("5001"));
    assert_eq!(alva.name, "Alva Exempelsson");
    assert!(alva.selected);
    let bo = &root.pupils[1];
    assert_eq!(bo.pupil_id, "1002");
    assert_eq!(bo.switch_id.as_deref(), Some("5002"));
    assert_eq!(bo.name, "Bo Exempelsson");
    assert!(!bo.selected);
    assert_eq!(root.selected_pupil_id.as_deref(), Some("1001"));
    assert_eq!(
        root.selected_pupil_name.as_deref(),
        Some("Alva Exempelsson")
    );

    assert_eq!(root.children.len(), 2);
    let c = &root.children[0];
    assert_eq!(c.id, child());
    assert_eq!(c.platform, Platform::InfoMentor);
    assert_eq!(c.first_name, "Alva");
    assert_eq!(c.last_name, "Exempelsson");
    let r = c.refs.get::<InfoMentorPupilRef>().unwrap();
    assert_eq!(r.pupil_id, "1001");
    assert_eq!(
        r.switch_url.as_deref(),
        Some("/Account/PupilSwitcher/SwitchPupil/5001")
    );
    assert_eq!(
        root.children[1]
            .refs
            .get::<InfoMentorPupilRef>()
            .unwrap()
            .switch_url
            .as_deref(),
        Some("/Account/PupilSwitcher/SwitchPupil/5002")
    );

    assert_eq!(root.guardian_id.as_deref(), Some("g-2001"));
    assert_eq!(
        root.user.id,
        EntityId::new(Platform::InfoMentor, &account(), EntityKind::User, "g-2001")
    );
    assert_eq!(root.user.first_name, "Anna");
    assert_eq!(root.user.last_name, "Exempelsson");
    assert!(root.user.personal_number.is_none());
    assert!(root.apps.iter().any(|a| a == "timetable"));
    assert!(root.apps.iter().any(|a| a == "timeregistration"));
    assert!(root.has_app("TimeRegistration"));
    assert!(!root.has_app("task"));
    assert!(parse::is_logged_in_page(&fixture("hub-root.html")));

    // Without an account, it is derived from the guardian id: stable, no personal data.
    let a = parse::parse_hub_root(&fixture("hub-root.html"), None).unwrap();
    let b = parse::parse_hub_root(&fixture("hub-root.html"), None).unwrap();
    assert_eq!(a.account, b.account);
    assert_eq!(a.account, parse::account_for_guardian("g-2001"));
    assert_eq!(a.account.as_str().len(), 16);
}

#[test]
fn hub_root_refuses_bad_switch_urls_and_login_pages() {
    let html = fixture("hub-root.html").replace(
        "https://hub.infomentor.se/Account/PupilSwitcher/SwitchPupil/5001",
        "https://evil.example.com/Account/PupilSwitcher/SwitchPupil/5001",
    );
    let root = parse::parse_hub_root(&html, None).unwrap();
    assert_eq!(root.pupils[0].switch_path, None);
    assert_eq!(
        root.children[0]
            .refs
            .get::<InfoMentorPupilRef>()
            .unwrap()
            .switch_url,
        None
    );

    let login = "<html><body><form id=\"openid_message\" action=\"https://infomentor.se/swedish/production/mentor/\"><input type=\"hidden\" name=\"oauth_token\" value=\"x\"></form></body></html>";
    assert!(matches!(
        parse::parse_hub_root(login, None),
        Err(Error::SessionExpired { .. })
    ));
    assert!(matches!(
        parse::parse_hub_root("<html><body>Hello</body></html>", None),
        Err(Error::Parse { .. })
    ));
    assert!(!parse::is_logged_in_page(login));
}

#[test]
fn bankid_answers() {
    let order = parse::parse_initialize(&fixture("bankid-initialize.json")).unwrap();
    assert_eq!(order.order, "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    assert_eq!(
        order.autostart_token.as_deref(),
        Some("0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
    );
    assert!(order.qr.is_none());

    let qr = parse::parse_initialize(&fixture("bankid-initialize-qr.json")).unwrap();
    assert_eq!(qr.order, "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e");
    assert!(qr.autostart_token.is_none());
    assert!(qr.qr.unwrap().payload.starts_with("bankid.5f1e2d3c-"));

    let pending = parse::parse_verifyorder(&fixture("bankid-verifyorder--pending.json")).unwrap();
    assert_eq!(pending.state, BankIdState::Pending);
    assert!(pending.qr.unwrap().payload.contains(".1."));
    assert_eq!(
        pending_state("bankid-verifyorder--usersign.json"),
        BankIdState::UserSign
    );
    assert_eq!(
        pending_state("bankid-verifyorder--ok.json"),
        BankIdState::Ok
    );
    assert_eq!(
        pending_state("bankid-verifyorder--error.json"),
        BankIdState::Error
    );
    assert_eq!(BankIdState::Ok.login_state(), LoginState::Signed);
    assert_eq!(BankIdState::UserSign.login_state(), LoginState::UserSign);
    assert!(BankIdState::Error.login_state().is_final());

    // A dead order / broken page: typed errors, no panic.
    assert!(matches!(
        parse::parse_initialize("<html>Fel</html>"),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(
        parse::parse_initialize(""),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(
        parse::parse_initialize("{\"token\":\"x\"}"),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(
        parse::parse_verifyorder("{}"),
        Err(Error::Parse { .. })
    ));
}

fn pending_state(name: &str) -> BankIdState {
    parse::parse_verifyorder(&fixture(name)).unwrap().state
}

#[test]
fn timetable_list_and_app_data() {
    let lessons = available(
        parse::parse_timetable_list(&fixture("timetable-gettimetablelist.json"), &child()).unwrap(),
    );
    assert_eq!(lessons.len(), 3);
    let l = &lessons[0];
    assert_eq!(l.subject.name, "Matematik");
    assert_eq!(l.subject.code, "");
    assert_eq!(l.teacher.as_deref(), Some("Lärarsson, Lena"));
    assert_eq!(l.room.as_deref(), Some("B12"));
    assert_eq!(l.start, local(2026, 9, 7, 8, 10));
    assert_eq!(l.end, local(2026, 9, 7, 9, 0));
    assert_eq!(l.start.weekday(), jiff::civil::Weekday::Monday);
    assert_eq!(l.child_id, child());
    let lunch = lessons.iter().find(|l| l.subject.name == "Lunch").unwrap();
    assert_eq!(lunch.subject.code, "LUNCH");
    assert!(lunch.subject.is_break());
    assert!(lunch.teacher.is_none());
    let idh = &lessons[2];
    assert_eq!(idh.comment.as_deref(), Some("Ta med inneskor"));
    assert!(idh.subject.is_physical_education());
    assert_eq!(idh.room.as_deref(), Some("Gymnastiksalen"));

    // Stable ids: the same input gives the same ids; different lessons differ.
    let again = available(
        parse::parse_timetable_list(&fixture("timetable-gettimetablelist.json"), &child()).unwrap(),
    );
    assert_eq!(lessons[0].id, again[0].id);
    assert_ne!(lessons[0].id, lessons[1].id);

    let app = available(
        parse::parse_timetable_app_data(&fixture("timetable-appData.json"), &child()).unwrap(),
    );
    assert_eq!(app.len(), 2);
    assert_eq!(app[0], lessons[0]);
    assert_eq!(app[1], lessons[1]);

    // `{ items: [...] }` is accepted too.
    let wrapped = format!(
        "{{\"items\":{}}}",
        fixture("timetable-gettimetablelist.json")
    );
    assert_eq!(
        available(parse::parse_timetable_list(&wrapped, &child()).unwrap()).len(),
        3
    );
}

#[test]
fn calendar_events_and_assignments() {
    let entries = available(
        parse::parse_calendar_entries(&fixture("calendarv2-getentries.json"), &child()).unwrap(),
    );
    assert_eq!(entries.events.len(), 2);
    let meeting = entries
        .events
        .iter()
        .find(|e| e.title == "Föräldramöte 7B")
        .unwrap();
    assert_eq!(
        meeting.timing,
        EventTiming::Timed {
            start: local(2026, 9, 10, 18, 0),
            end: local(2026, 9, 10, 19, 0)
        }
    );
    assert_eq!(meeting.kind, EventKind::ParentMeeting);
    assert_eq!(
        meeting.description.as_deref(),
        Some("Välkomna till föräldramöte i matsalen.")
    );
    assert_eq!(
        meeting.id,
        EntityId::for_child(&child(), EntityKind::CalendarEvent, "7654302")
    );
    let study = entries
        .events
        .iter()
        .find(|e| e.title == "Studiedag")
        .unwrap();
    assert_eq!(
        study.timing,
        EventTiming::AllDay {
            start: date(2026, 9, 18),
            end: date(2026, 9, 18)
        }
    );
    assert_eq!(study.kind, EventKind::StudyDay);
    assert_eq!(
        study.description.as_deref(),
        Some("Skolan är stängd för elever. Fritids har öppet.")
    );
    assert!(
        !entries
            .events
            .iter()
            .any(|e| e.title == "Glosförhör engelska")
    );

    assert_eq!(entries.assignments.len(), 1);
    let a = &entries.assignments[0];
    assert_eq!(a.title, "Glosförhör engelska");
    assert_eq!(
        a.id,
        EntityId::for_child(&child(), EntityKind::Assignment, "880001")
    );
    assert_eq!(a.due, Some(date(2026, 9, 11)));
    assert_eq!(a.subject.as_deref(), Some("Engelska"));
    assert_eq!(a.status, AssignmentStatus::Unknown);
}

#[test]
fn news_with_markdown_body_and_attachment() {
    let news =
        available(parse::parse_news_list(&fixture("news-GetNewsList.json"), &child()).unwrap());
    assert_eq!(news.len(), 1);
    let n = &news[0];
    assert_eq!(
        n.id,
        EntityId::for_child(&child(), EntityKind::News, "2106074")
    );
    assert_eq!(n.title, "Veckobrev v 37");
    assert_eq!(n.author.as_deref(), Some("Skolan"));
    assert_eq!(n.published, local(2026, 9, 11, 14, 5));
    assert!(
        n.body_markdown
            .contains("[skolans sida](https://example.com/utflykt)"),
        "{}",
        n.body_markdown
    );
    assert!(n.body_markdown.contains("**utflykt**"));
    assert!(n.body_markdown.starts_with("Hej alla vårdnadshavare!"));
    assert!(!n.body_markdown.contains('<'));
    assert_eq!(n.attachments.len(), 1);
    assert_eq!(n.attachments[0].name, "veckobrev-v37.pdf");
    assert_eq!(
        n.attachments[0].url,
        "https://hub.infomentor.se/Resources/Resource/Download/15300003?api=IM2&ModuleType=News"
    );
    let image = n.image.as_ref().unwrap();
    assert!(
        image
            .url
            .starts_with("https://hub.infomentor.se/Resources/Resource/Download/15300001")
    );
    assert!(image.needs_session);
}

#[test]
fn notifications_are_attributed_to_their_pupils() {
    let list = available(
        parse::parse_notifications(
            &fixture("notifications-GetNotifications.json"),
            &account(),
            None,
        )
        .unwrap(),
    );
    assert_eq!(list.len(), 3);
    let first = list
        .iter()
        .find(|n| n.id.local().ends_with("/69300001"))
        .unwrap();
    assert_eq!(first.sender, "Frånvaro");
    assert_eq!(
        first.message,
        "Frånvaro registrerad — Naturorienterande ämnen"
    );
    assert_eq!(
        first.created,
        local(2026, 8, 31, 7, 34) + jiff::SignedDuration::from_secs(5)
    );
    assert_eq!(
        first.url.as_deref(),
        Some("https://hub.infomentor.se/#/attendance/tab/pastAttendance/show/243800001")
    );
    assert_eq!(first.notification_type.as_deref(), Some("AbsenceRecorded"));
    assert_eq!(first.child_id, child());
    assert_eq!(
        first.id,
        EntityId::for_child(&child(), EntityKind::Notification, "69300001")
    );
    let news = list
        .iter()
        .find(|n| n.id.local().ends_with("/69300002"))
        .unwrap();
    assert_eq!(
        news.child_id,
        EntityId::new(Platform::InfoMentor, &account(), EntityKind::Child, "1002")
    );
    assert_eq!(news.sender, "Nyheter");
    // Newest first.
    assert!(list[0].created >= list[1].created && list[1].created >= list[2].created);
    assert_eq!(
        parse::pupil_of_source_id("2372|1001|TEST_SCHOOL").as_deref(),
        Some("1001")
    );
    assert_eq!(parse::pupil_of_source_id("garbage"), None);
}

#[test]
fn class_list_teachers_and_classmates() {
    let list =
        available(parse::parse_class_list(&fixture("classlist-appData.json"), &child()).unwrap());
    assert_eq!(list.teachers.len(), 2);
    let lena = &list.teachers[0];
    assert_eq!(lena.first_name, "Lena");
    assert_eq!(lena.last_name, "Lärarsson");
    assert_eq!(lena.email.as_deref(), Some("lena.lararsson@example.com"));
    assert_eq!(lena.phone.as_deref(), Some("08-000 00 01"));
    assert_eq!(
        lena.id,
        EntityId::for_child(&child(), EntityKind::Teacher, "800001")
    );
    assert!(list.teachers[1].email.is_none());

    assert_eq!(list.class_name.as_deref(), Some("7B"));
    let names: Vec<String> = list
        .classmates
        .iter()
        .map(|c| format!("{} {}", c.first_name, c.last_name))
        .collect();
    assert_eq!(names, ["Alva Exempelsson", "Cecilia Testsson Berg"]);
    assert_eq!(list.classmates[1].last_name, "Testsson Berg");
    assert!(
        list.classmates
            .iter()
            .all(|c| c.class_name.as_deref() == Some("7B"))
    );
    assert!(list.classmates.iter().all(|c| c.guardians.is_empty()));
}

#[test]
fn care_times_and_edit_actions() {
    let week = available(
        parse::parse_time_registrations(
            &fixture("timeregistration-GetTimeRegistrations.json"),
            &child(),
        )
        .unwrap(),
    );
    assert_eq!(week.start, Some(date(2026, 9, 7)));
    assert_eq!(week.end, Some(date(2026, 9, 13)));
    assert_eq!(week.days.len(), 3);
    let mon = &week.days[0];
    assert_eq!(mon.date, date(2026, 9, 7));
    assert_eq!(mon.start, Some(local(2026, 9, 7, 8, 0)));
    assert_eq!(mon.end, Some(local(2026, 9, 7, 16, 30)));
    assert!(mon.locked && !mon.closed && !mon.times_missing);
    assert_eq!(mon.opening_time, Some(time(6, 30, 0, 0)));
    assert_eq!(mon.closing_time, Some(time(18, 0, 0, 0)));
    assert!(mon.has_comments);
    let tue = &week.days[1];
    assert_eq!(tue.date, date(2026, 9, 8));
    assert!(tue.start.is_none() && tue.end.is_none());
    assert!(tue.times_missing);
    let wed = &week.days[2];
    assert!(wed.closed);
    assert_eq!(wed.closed_reason.as_deref(), Some("Planeringsdag"));
    assert!(!wed.times_missing);
    assert!(wed.opening_time.is_none());
    assert_eq!(
        wed.id,
        EntityId::for_child(&child(), EntityKind::CareTime, "2026-09-09")
    );

    assert_eq!(week.actions.len(), 3);
    assert!(!week.actions[0].can_edit_times());
    assert!(week.actions[0].can_comment());
    assert!(week.actions[1].can_edit_times());
    assert_eq!(week.actions[1].registration_id, "7001002");
    assert!(!week.actions[2].can_edit_times());
    assert!(!week.actions[2].can_comment());

    let comments = available(
        parse::parse_care_time_comments(&fixture("timeregistration-GetComments.json")).unwrap(),
    );
    assert_eq!(comments.date, date(2026, 9, 7));
    assert_eq!(
        comments.guardian_comment.as_deref(),
        Some("Hämtas av mormor")
    );
    assert_eq!(comments.checked_in, Some(local(2026, 9, 7, 8, 2)));
    assert_eq!(comments.checked_out, Some(local(2026, 9, 7, 16, 21)));
    assert_eq!(comments.staff_name.as_deref(), Some("Personal Testsson"));
    assert_eq!(comments.comment_id.as_deref(), Some("8001001"));
    let mut day = mon.clone();
    comments.apply_to(&mut day);
    assert_eq!(day.comment.as_deref(), Some("Hämtas av mormor"));
    assert_eq!(day.checked_in, Some(local(2026, 9, 7, 8, 2)));
    assert_eq!(
        day.staff_comment.as_deref(),
        Some("Alva har varit ute hela eftermiddagen.")
    );
    // Another day is left alone.
    let mut other = tue.clone();
    comments.apply_to(&mut other);
    assert_eq!(&other, tue);
}

#[test]
fn tasks() {
    let tasks = available(parse::parse_tasks(&fixture("task-GetTasks.json"), &child()).unwrap());
    assert_eq!(tasks.len(), 2);
    let overdue = tasks.iter().find(|t| t.overdue).unwrap();
    assert_eq!(overdue.title, "Labbrapport fotosyntes");
    assert_eq!(overdue.due, Some(date(2026, 9, 4)));
    assert!(overdue.due_at.is_none());
    assert_eq!(overdue.subject.as_deref(), Some("Biologi"));
    let glos = tasks.iter().find(|t| !t.overdue).unwrap();
    assert_eq!(
        glos.id,
        EntityId::for_child(&child(), EntityKind::Assignment, "880001")
    );
    assert_eq!(glos.status, AssignmentStatus::NotStarted);
    assert_eq!(glos.status_text.as_deref(), Some("Ej påbörjad"));
    assert_eq!(glos.assigned, Some(date(2026, 9, 4)));
    assert!(glos.is_open());
    assert_eq!(
        parse::task_status_of(Some("Completed"), None),
        AssignmentStatus::Done
    );
    assert_eq!(
        parse::task_status_of(None, Some("Klar")),
        AssignmentStatus::Done
    );
    assert_eq!(
        parse::task_status_of(Some("Whatever"), None),
        AssignmentStatus::Unknown
    );
}

#[test]
fn attendance_and_absence_report_actions() {
    let overview = available(
        parse::parse_attendance_app_data(&fixture("attendance-appData.json"), &child()).unwrap(),
    );
    assert_eq!(overview.records.len(), 1);
    let r = &overview.records[0];
    assert_eq!(r.date, date(2026, 9, 8));
    assert_eq!(r.lesson.as_deref(), Some("Matematik"));
    assert_eq!(r.start, Some(local(2026, 9, 8, 8, 10)));
    assert_eq!(r.end, Some(local(2026, 9, 8, 9, 0)));
    assert_eq!(r.status, AttendanceStatus::Absent);
    assert!(!r.is_whole_day());

    assert_eq!(overview.actions.len(), 2);
    let today = &overview.actions[0];
    assert_eq!(today.day, date(2026, 9, 8));
    assert!(today.locked);
    assert!(today.already_reported);
    assert!(!today.can_report() && !today.can_withdraw());
    let tomorrow = &overview.actions[1];
    assert_eq!(tomorrow.day, date(2026, 9, 9));
    assert!(tomorrow.allowed && !tomorrow.locked && !tomorrow.already_reported);
    assert!(tomorrow.can_report());
    assert!(tomorrow.can_mark_care_time);
    assert_eq!(
        tomorrow.id,
        EntityId::for_child(&child(), EntityKind::AbsenceReportAction, "2026-09-09")
    );
    assert!(overview.can_request_leave);
    assert!(!overview.can_register_lesson_absence);
}

#[test]
fn attendance_list_reads_both_field_sets() {
    let body = r#"{"items":[
        {"id":501,"shortDate":"2026-09-01","time":"08:10 - 09:00","subject":"Svenska","reason":"Sjuk","comment":"Feber","registeredByName":"Anna Exempelsson","minutes":50},
        {"dateString":"2026-09-02","lessonName":"Engelska","registrationTypeName":"Sen ankomst","startTime":"10:00"},
        {"longDate":"tisdag 1 september"}
    ],"page":1,"pageSize":20,"totalItems":3}"#;
    let list = available(parse::parse_attendance_list(body, &child()).unwrap());
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].reason.as_deref(), Some("Sjuk"));
    assert_eq!(list[0].reported_by.as_deref(), Some("Anna Exempelsson"));
    assert_eq!(list[0].minutes, Some(50));
    assert_eq!(list[0].end, Some(local(2026, 9, 1, 9, 0)));
    assert_eq!(list[0].status, AttendanceStatus::Absent);
    assert_eq!(list[1].status, AttendanceStatus::Late);
    assert_eq!(list[1].start, Some(local(2026, 9, 2, 10, 0)));
}

#[test]
fn module_not_available_is_not_an_error() {
    let shell = "<!DOCTYPE html><html><head><title>InfoMentor Hub</title></head><body><script>IMHome.home.init({});</script></body></html>";
    let unauthorized = "<html><head><title>Object moved</title></head><body><a href=\"/Home/Home/HandleUnauthorizedRequest\">here</a></body></html>";
    for body in [shell, unauthorized] {
        assert!(!parse::parse_tasks(body, &child()).unwrap().is_available());
        assert!(
            !parse::parse_time_registrations(body, &child())
                .unwrap()
                .is_available()
        );
        assert!(
            !parse::parse_attendance_app_data(body, &child())
                .unwrap()
                .is_available()
        );
        assert!(
            !parse::parse_class_list(body, &child())
                .unwrap()
                .is_available()
        );
        assert!(
            !parse::parse_news_list(body, &child())
                .unwrap()
                .is_available()
        );
        assert!(
            !parse::parse_calendar_entries(body, &child())
                .unwrap()
                .is_available()
        );
        assert!(
            !parse::parse_timetable_list(body, &child())
                .unwrap()
                .is_available()
        );
        assert!(
            !parse::parse_notifications(body, &account(), None)
                .unwrap()
                .is_available()
        );
        assert!(
            !parse::parse_care_time_comments(body)
                .unwrap()
                .is_available()
        );
    }
    assert!(
        parse::parse_tasks(shell, &child())
            .unwrap()
            .or_empty()
            .is_empty()
    );
    assert_eq!(
        parse::parse_endpoint("task-GetTasks", shell).unwrap(),
        serde_json::json!({ "moduleAvailable": false })
    );
    assert_eq!(
        parse::classify_redirect(
            "https://hub.infomentor.se/Home/Home/HandleUnauthorizedRequest?x=1"
        ),
        RedirectMeaning::NotAvailable
    );
}

#[test]
fn dead_sessions_are_session_expired() {
    let login_redirect_page = "<html><head><title>Object moved</title></head><body><h2>Object moved to <a href=\"/Authentication/Authentication/Login?apitype=im1\">here</a>.</h2></body></html>";
    for body in ["", "   \n", login_redirect_page] {
        for name in parse::ENDPOINTS
            .iter()
            .filter(|e| !e.starts_with("bankid") && **e != "hub-root")
        {
            let err = parse::parse_endpoint(name, body).unwrap_err();
            assert!(
                matches!(err, Error::SessionExpired { .. }),
                "{name}: {err:?}"
            );
        }
    }
    assert_eq!(
        parse::classify_redirect("/Authentication/Authentication/Login?apitype=im1"),
        RedirectMeaning::SessionExpired
    );
    assert_eq!(
        parse::classify_redirect("https://hub.infomentor.se/Home/Errors/Server"),
        RedirectMeaning::Error
    );
    assert_eq!(parse::classify_redirect("/"), RedirectMeaning::Follow);
}

#[test]
fn malformed_answers_are_parse_errors() {
    let cases: &[(&str, &str)] = &[
        ("calendarv2-getentries", "{\"items\": 5}"),
        ("calendarv2-getentries", "[1, 2"),
        ("news-GetNewsList", "\"just a string\""),
        (
            "timeregistration-GetTimeRegistrations",
            "{\"startDate\":\"2026-09-07\"}",
        ),
        ("timeregistration-GetComments", "{\"userComment\":\"x\"}"),
        ("task-GetTasks", "{\"totalDue\":1}"),
        ("notifications-GetNotifications", "{\"notifications\": {}}"),
        ("classlist-appData", "[]"),
        ("timetable-appData", "{\"items\": \"no\"}"),
        ("hub-root", "{\"not\":\"html\"}"),
        ("bankid-verifyorder", "<html><body>Fel</body></html>"),
    ];
    for (name, body) in cases {
        let err = parse::parse_endpoint(name, body).unwrap_err();
        assert!(matches!(err, Error::Parse { .. }), "{name}: {err:?}");
    }
    // Items that do not fit are skipped, the rest is kept.
    let news = r#"{"items":[{"id":1,"title":"no date"},{"id":2,"title":"ok","publishedDate":"2026-09-11T14:05:00","content":"<p>x</p>"}]}"#;
    assert_eq!(
        available(parse::parse_news_list(news, &child()).unwrap()).len(),
        1
    );
    let cf = "<html><head><title>Just a moment...</title></head><body><script src=\"https://challenges.cloudflare.com/x.js\"></script></body></html>";
    assert!(matches!(
        parse::parse_endpoint("news-GetNewsList", cf),
        Err(Error::Upstream { .. })
    ));
}

#[test]
fn parse_endpoint_names() {
    for entry in std::fs::read_dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/infomentor"),
    )
    .unwrap()
    {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let body = std::fs::read_to_string(&path).unwrap();
        let value = parse::parse_endpoint(&name, &body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!value.is_null(), "{name}");
    }
    let v = parse::parse_endpoint(
        "calendarv2-getentries",
        &fixture("calendarv2-getentries.json"),
    )
    .unwrap();
    assert_eq!(v["events"].as_array().unwrap().len(), 2);
    assert_eq!(v["assignments"][0]["title"], "Glosförhör engelska");
    let v = parse::parse_endpoint("HUB-ROOT", &fixture("hub-root.html")).unwrap();
    assert_eq!(v["pupils"][0]["switchId"], "5001");
    let v = parse::parse_endpoint(
        "bankid-verifyorder--ok",
        &fixture("bankid-verifyorder--ok.json"),
    )
    .unwrap();
    assert_eq!(v["state"], "ok");

    match parse::parse_endpoint("no-such-endpoint", "{}") {
        Err(Error::InvalidInput(msg)) => {
            assert!(msg.contains("calendarv2-getentries"));
            assert!(msg.contains("hub-root"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn truncated_answers_never_panic() {
    for entry in std::fs::read_dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/infomentor"),
    )
    .unwrap()
    {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let body = std::fs::read_to_string(&path).unwrap();
        for (cut, _) in body.char_indices() {
            let prefix = &body[..cut];
            let _ = std::panic::catch_unwind(|| parse::parse_endpoint(&name, prefix))
                .unwrap_or_else(|_| panic!("{name} panicked at {cut}"));
        }
        // Every endpoint against every other endpoint's body too.
        for other in parse::ENDPOINTS {
            let _ = std::panic::catch_unwind(|| parse::parse_endpoint(other, &body))
                .unwrap_or_else(|_| panic!("{other} panicked on {name}"));
        }
    }
}

#[test]
fn snapshot_accepts_the_new_fields_and_old_json() {
    use skolbryggan::model::FamilySnapshot;
    let old = r#"{"schemaVersion":1,"users":[],"children":[],"news":[],"calendar":[],"notifications":[],"menus":[],"lessons":[],"classmates":[],"teachers":[],"contacts":[]}"#;
    let snap: FamilySnapshot = serde_json::from_str(old).unwrap();
    assert!(snap.assignments.is_empty() && snap.care_times.is_empty());

    let mut snap = FamilySnapshot::empty();
    snap.assignments =
        available(parse::parse_tasks(&fixture("task-GetTasks.json"), &child()).unwrap());
    let overview = available(
        parse::parse_attendance_app_data(&fixture("attendance-appData.json"), &child()).unwrap(),
    );
    snap.attendance = overview.records;
    snap.absence_report_actions = overview.actions;
    let week = available(
        parse::parse_time_registrations(
            &fixture("timeregistration-GetTimeRegistrations.json"),
            &child(),
        )
        .unwrap(),
    );
    snap.care_times = week.days;
    snap.care_time_edit_actions = week.actions;
    let json = serde_json::to_string(&snap).unwrap();
    assert!(json.contains("\"careTimeEditActions\""));
    assert!(json.contains("\"absenceReportActions\""));
    let back: FamilySnapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(back, snap);
    let other = EntityId::new(Platform::InfoMentor, &account(), EntityKind::Child, "1002");
    assert!(snap.only_children(&[other]).care_times.is_empty());
    assert_eq!(snap.only_children(&[child()]).care_times.len(), 3);
}
