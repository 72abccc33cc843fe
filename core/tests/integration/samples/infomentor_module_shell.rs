//! Parser class "module not available": when a pupil lacks a module, the Hub answers its
//! logged-in HTML page instead of JSON. For every InfoMentor endpoint that is "not available"
//! (no data, no error, no re-login), distinct from a dead session (an empty body, the login
//! page, the OAuth hand-off form), which stays `SessionExpired`. Also the calendar's holiday
//! kinds (public holidays by title and by the school's entry types).

use skolbryggan_emulator::infomentor_render as render;

use skolbryggan::Error;
use skolbryggan::model::{AccountId, EntityId, EntityKind, EventKind, Platform};
use skolbryggan::provider::infomentor::parse::{self, Availability};

fn child() -> EntityId {
    EntityId::new(
        Platform::InfoMentor,
        &AccountId::from_raw("t"),
        EntityKind::Child,
        "1001",
    )
}

/// What an endpoint's parser made of a body.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Data,
    NotAvailable,
    SessionExpired,
    Other(String),
}

fn outcome<T>(r: skolbryggan::Result<Availability<T>>) -> Outcome {
    match r {
        Ok(Availability::Available(_)) => Outcome::Data,
        Ok(Availability::NotAvailable) => Outcome::NotAvailable,
        Err(Error::SessionExpired { .. }) => Outcome::SessionExpired,
        Err(e) => Outcome::Other(e.to_string()),
    }
}

/// One endpoint's parser, reduced to its outcome.
type Parser = Box<dyn Fn(&str) -> Outcome>;

/// Every Hub data endpoint's parser, by name.
fn endpoints() -> Vec<(&'static str, Parser)> {
    let c = child();
    let account = AccountId::from_raw("t");
    vec![
        ("timetable/appData", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_timetable_app_data(b, &c)))
        }),
        ("gettimetablelist", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_timetable_list(b, &c)))
        }),
        (
            "calendarv2/appData",
            Box::new(|b| outcome(parse::parse_calendar_app_data(b))),
        ),
        ("getentries", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_calendar_entries(b, &c)))
        }),
        ("GetNewsList", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_news_list(b, &c)))
        }),
        ("GetNotifications", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_notifications(b, &account, Some(&c))))
        }),
        ("classlist/appData", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_class_list(b, &c)))
        }),
        ("GetTasks", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_tasks(b, &c)))
        }),
        ("attendance/appData", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_attendance_app_data(b, &c)))
        }),
        ("GetAttendanceList", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_attendance_list(b, &c)))
        }),
        ("GetTimeRegistrations", {
            let c = c.clone();
            Box::new(move |b| outcome(parse::parse_time_registrations(b, &c)))
        }),
        (
            "GetComments",
            Box::new(|b| outcome(parse::parse_care_time_comments(b))),
        ),
    ]
}

fn emulator_start_page() -> String {
    let pupils = [
        render::PupilEntry {
            pupil_id: "1001".to_owned(),
            first_name: "Alva".to_owned(),
            last_name: "Exempelsson".to_owned(),
            switch_id: "5001".to_owned(),
            selected: true,
        },
        render::PupilEntry {
            pupil_id: "1002".to_owned(),
            first_name: "Bo".to_owned(),
            last_name: "Exempelsson".to_owned(),
            switch_id: "5002".to_owned(),
            selected: false,
        },
    ];
    render::hub_root("g-2001", "Anna", "Exempelsson", &pupils, &["timetable"])
}

/// Logged-in Hub pages: the emulator's start page (its bootstrap names the login URL for
/// later), the recorded sample start page, a shell that links the federated login, one with
/// only the pupil switcher, one with only the logout link, and each with a byte-order mark.
fn logged_in_pages() -> Vec<(String, String)> {
    let sample = include_str!("../../fixtures/infomentor/hub-root.html").to_owned();
    let mut pages = vec![
        ("emulator start page".to_owned(), emulator_start_page()),
        ("sample start page".to_owned(), sample),
        (
            "shell linking the federated login".to_owned(),
            "<!DOCTYPE html><html><head><title>InfoMentor</title></head><body><div id=\"root\"></div>\
             <script>var IMHome = { init: { firstName: 'Exempelsson, Anna', selectedPupilName: 'Exempelsson, Alva' } };</script>\
             <a href=\"https://sso.infomentor.se/login.ashx?idp=stockholm_par\">Byt skola</a></body></html>"
                .to_owned(),
        ),
        (
            "page with the pupil switcher".to_owned(),
            "<html><body><nav><a href=\"/Account/PupilSwitcher/SwitchPupil/5002\">Bo</a></nav>\
             <form id=\"search\"><input name=\"q\"></form></body></html>"
                .to_owned(),
        ),
        (
            "page with the logout link".to_owned(),
            "<html><body><a href=\"/Authentication/Authentication/LogOut?ApiType=IM1\">Logga ut</a>\
             <p>Login in progress was here once</p></body></html>"
                .to_owned(),
        ),
    ];
    let with_bom: Vec<_> = pages
        .iter()
        .map(|(n, p)| (format!("{n} with BOM"), format!("\u{feff}{p}")))
        .collect();
    pages.extend(with_bom);
    pages
}

/// Dead-session answers: an empty body, the Hub's login page (OAuth hand-off form), the IM1
/// login form, the "Login in progress" interstitial.
fn dead_session_pages() -> Vec<(&'static str, &'static str)> {
    vec![
        ("empty body", ""),
        ("whitespace", "  \r\n"),
        (
            "Hub login page",
            "<!DOCTYPE html><html><body><form id=\"openid_message\" method=\"post\" action=\"https://infomentor.se/swedish/production/mentor/\"><input type=\"hidden\" name=\"oauth_token\" value=\"x\"/></form></body></html>",
        ),
        (
            "IM1 login form",
            "<html><body><form method=\"post\"><input name=\"login_ascx$txtNotandanafn\"><input name=\"login_ascx$txtLykilord\" type=\"password\"></form></body></html>",
        ),
        (
            "login in progress",
            "<html><body><p>Login in progress</p><form><input type=\"hidden\" name=\"SAMLResponse\" value=\"x\"></form></body></html>",
        ),
    ]
}

#[test]
fn every_endpoint_reads_a_logged_in_page_as_not_available() {
    for (endpoint, parse) in endpoints() {
        for (name, page) in logged_in_pages() {
            assert_eq!(parse(&page), Outcome::NotAvailable, "{endpoint}: {name}");
        }
    }
}

#[test]
fn every_endpoint_reads_handle_unauthorized_as_not_available() {
    let page = "<html><head><title>Object moved</title></head><body><h2>Object moved to <a href=\"/Home/Home/HandleUnauthorizedRequest\">here</a>.</h2></body></html>";
    for (endpoint, parse) in endpoints() {
        assert_eq!(parse(page), Outcome::NotAvailable, "{endpoint}");
    }
}

#[test]
fn every_endpoint_reads_a_dead_session_as_expired() {
    for (endpoint, parse) in endpoints() {
        for (name, page) in dead_session_pages() {
            assert_eq!(parse(page), Outcome::SessionExpired, "{endpoint}: {name}");
        }
    }
}

#[test]
fn the_cli_parser_reports_every_module_as_not_available() {
    let page = emulator_start_page();
    for name in parse::ENDPOINTS
        .iter()
        .filter(|e| !e.starts_with("bankid") && **e != "hub-root")
    {
        let v = parse::parse_endpoint(name, &page).unwrap();
        assert_eq!(v, serde_json::json!({ "moduleAvailable": false }), "{name}");
    }
}

#[test]
fn calendar_holidays_are_days_off() {
    let types = r#"{"calendarEntryTypes":[{"id":1,"name":"Händelse"},{"id":6,"name":"Lov"},{"id":7,"name":"Helgdag"},{"id":9,"name":"Röd dag"},{"id":8,"name":"Studiedag"}]}"#;
    let types = match parse::parse_calendar_app_data(types).unwrap() {
        Availability::Available(t) => t,
        Availability::NotAvailable => panic!("not available"),
    };
    let entry = |id: u32, title: &str, type_id: u32| {
        serde_json::json!({
            "id": id, "title": title, "calendarEntryTypeId": type_id, "isAllDayEvent": true,
            "startDateFull": "2026-12-02T00:00:00", "endDateFull": "2026-12-03T00:00:00",
            "startDate": "2026-12-02", "endDate": "2026-12-03", "url": null
        })
    };
    let body = serde_json::Value::Array(vec![
        entry(1, "Nationaldagen (röd dag)", 1),
        entry(2, "Helgdag", 1),
        entry(3, "Kristi himmelsfärdsdag", 1),
        entry(4, "Ingen undervisning", 6),
        entry(5, "Skolan har stängt", 9),
        entry(6, "Julavslutning", 1),
        entry(7, "Planering", 8),
    ])
    .to_string();
    let c = child();
    let kinds = |with_types: bool| -> Vec<(String, EventKind)> {
        let parsed = if with_types {
            parse::parse_calendar_entries_with_types(&body, &c, &types)
        } else {
            parse::parse_calendar_entries(&body, &c)
        };
        match parsed.unwrap() {
            Availability::Available(e) => e.events.into_iter().map(|e| (e.title, e.kind)).collect(),
            Availability::NotAvailable => panic!("not available"),
        }
    };
    let typed = kinds(true);
    let kind = |list: &[(String, EventKind)], t: &str| {
        list.iter().find(|(title, _)| title == t).unwrap().1
    };
    for t in [
        "Nationaldagen (röd dag)",
        "Helgdag",
        "Kristi himmelsfärdsdag",
        "Ingen undervisning",
        "Skolan har stängt",
    ] {
        assert_eq!(kind(&typed, t), EventKind::Holiday, "{t}");
    }
    assert_eq!(kind(&typed, "Julavslutning"), EventKind::Other);
    assert_eq!(kind(&typed, "Planering"), EventKind::StudyDay);
    // Without the types, titles alone decide.
    let untyped = kinds(false);
    assert_eq!(
        kind(&untyped, "Nationaldagen (röd dag)"),
        EventKind::Holiday
    );
    assert_eq!(kind(&untyped, "Ingen undervisning"), EventKind::Other);
}

#[test]
fn stockholm_titles_of_public_holidays_are_days_off() {
    use skolbryggan::provider::stockholm::parse::classify_event;
    for t in [
        "Första maj (röd dag)",
        "Helgdag",
        "Allmän helgdag",
        "Nationaldagen",
        "Annandag påsk",
        "Höstlov",
    ] {
        assert_eq!(classify_event(t), EventKind::Holiday, "{t}");
    }
    for t in ["Julavslutning", "Nationaldagsfirande", "Föräldramöte 7B"] {
        assert_ne!(classify_event(t), EventKind::Holiday, "{t}");
    }
}
