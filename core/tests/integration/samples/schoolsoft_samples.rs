//! One recorded SchoolSoft sample per `parse --endpoint` name that has one, as (endpoint, file
//! under `tests/fixtures/schoolsoft/`). The sample test and the parse benchmark
//! (`benches/parse_samples.rs`, through `#[path]`) both read this list.
//!
//! `lessons/week`, `assignments/start-page`, `preschool_schedule.jsp` and `schoollist` have no
//! recorded sample (their parsers are tested on inline bodies).

/// (endpoint, sample file).
pub const SAMPLES: &[(&str, &str)] = &[
    ("header/parent", "rest-api-parent-header-parent.json"),
    (
        "calendar/settings",
        "rest-api-parent-calendar-settings.json",
    ),
    (
        "lessons/agenda",
        "rest-api-parent-calendar-lessons-agenda.json",
    ),
    ("event/agenda", "rest-api-parent-calendar-event-agenda.json"),
    ("lunchmenu/week", "rest-api-lunchmenu-week.json"),
    ("eva/lunchmenu", "eva-lunchmenu-week.json"),
    ("news.jsp", "news.html"),
    ("eva/news", "eva-news.json"),
    ("message.jsp", "messages.html"),
    ("eva/messages/inbox", "eva-messages-inbox.json"),
    ("startpage.jsp", "startpage.html"),
    ("absence.jsp", "absence-form.html"),
    ("eva/student-absence/day", "eva-absence-day.json"),
    ("eva/parent", "eva-parent.json"),
    (
        "holistic_assessment/rows",
        "rest-api-parent-holistic_assessment-rows.json",
    ),
    ("login/token", "rest-api-login-token.json"),
    ("grandid/collect", "grandid-collect--pending.json"),
    ("grandid/status", "grandid-status.html"),
    ("grandid/pnr", "grandid-pnr.html"),
    ("saml/autopost", "saml-autopost.html"),
];
