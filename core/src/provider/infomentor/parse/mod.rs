//! Pure parsers of InfoMentor Hub answers: raw body → normalized model values.
//!
//! One file per Hub app. Every parser takes the body as text (and the ids it namespaces by) and
//! never panics. Outcomes:
//!
//! * the data → `Ok(Availability::Available(…))`;
//! * the app is not enabled for the pupil (a `HandleUnauthorizedRequest` page, the Hub's HTML
//!   shell instead of JSON) → `Ok(Availability::NotAvailable)`, not an error;
//! * a dead session (200 with an empty body, a login page) → [`Error::SessionExpired`];
//! * anything else that does not fit → [`Error::Parse`] naming the endpoint.
//!
//! A redirect is classified by the HTTP layer with [`classify_redirect`].
//!
//! Lunch: InfoMentor has no lunch-menu app, so there is no menu parser (menus come from other
//! sources such as Mateo; see `infomentor.md`).

mod attendance;
mod bankid;
mod calendar;
mod classlist;
mod hub_root;
mod login_pages;
mod news;
mod notifications;
mod task;
mod timeregistration;
mod timetable;
mod util;

use serde::Serialize;
use serde_json::Value;

pub use attendance::{
    AttendanceOverview, parse_app_data as parse_attendance_app_data, parse_attendance_list,
};
pub use bankid::{BankIdOrder, BankIdPoll, BankIdState, parse_initialize, parse_verifyorder};
pub use calendar::{
    CalendarEntries, CalendarTypes, parse_app_data as parse_calendar_app_data,
    parse_entries as parse_calendar_entries,
    parse_entries_with_types as parse_calendar_entries_with_types,
};
pub use classlist::{ClassList, parse_class_list};
pub use hub_root::{
    HubPupil, HubRoot, account_for_guardian, is_logged_in_page, parse_hub_root, switch_id,
    switch_path,
};
pub use login_pages::{HtmlForm, LoginPage, classify_login_page, forms, links, query_param};
pub use news::parse_news_list;
pub use notifications::{parse_notifications, pupil_of_source_id, sender_label};
pub use task::{parse_tasks, status_of as task_status_of};
pub use timeregistration::{
    CareSchedule, CareTimeComments, parse_comments as parse_care_time_comments,
    parse_time_registrations, raw_day as raw_care_day,
};
pub use timetable::{parse_app_data as parse_timetable_app_data, parse_timetable_list};
pub use util::HUB_ORIGIN;

use crate::error::{Error, Result};
use crate::model::{AccountId, EntityId, EntityKind, Platform};

/// A Hub app's answer: the data, or "this app is not enabled for the pupil".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability<T> {
    /// The app answered with data.
    Available(T),
    /// The app is not available for the selected pupil (no data, not an error).
    NotAvailable,
}

impl<T> Availability<T> {
    /// Maps the data.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Availability<U> {
        match self {
            Availability::Available(v) => Availability::Available(f(v)),
            Availability::NotAvailable => Availability::NotAvailable,
        }
    }

    /// The data, if available.
    pub fn available(self) -> Option<T> {
        match self {
            Availability::Available(v) => Some(v),
            Availability::NotAvailable => None,
        }
    }

    /// True when the app answered with data.
    pub fn is_available(&self) -> bool {
        matches!(self, Availability::Available(_))
    }
}

impl<T: Default> Availability<T> {
    /// The data, or the empty value when the app is not available.
    pub fn or_empty(self) -> T {
        self.available().unwrap_or_default()
    }
}

/// What a redirect from a Hub data endpoint means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedirectMeaning {
    /// `…HandleUnauthorizedRequest…`: the app is not enabled for this pupil.
    NotAvailable,
    /// To `/Authentication/…` or a login page: the session is dead (or on the wrong node).
    SessionExpired,
    /// To an `/Error/` page: the Hub failed.
    Error,
    /// Anything else: follow it.
    Follow,
}

/// Classifies the `Location` of a redirect answer to a Hub data call.
pub fn classify_redirect(location: &str) -> RedirectMeaning {
    let l = location.to_ascii_lowercase();
    if l.contains("handleunauthorizedrequest") {
        RedirectMeaning::NotAvailable
    } else if l.contains("/authentication/")
        || l.contains("login.ashx")
        || l.contains("/login")
        || l.contains("/production/mentor")
    {
        RedirectMeaning::SessionExpired
    } else if l.contains("/error/") || l.contains("/errors/") {
        RedirectMeaning::Error
    } else {
        RedirectMeaning::Follow
    }
}

/// The endpoint names [`parse_endpoint`] knows (the sample file names without extension and
/// without any `--variant` suffix).
pub const ENDPOINTS: &[&str] = &[
    "hub-root",
    "bankid-initialize",
    "bankid-initialize-qr",
    "bankid-verifyorder",
    "timetable-appData",
    "timetable-gettimetablelist",
    "calendarv2-getentries",
    "news-GetNewsList",
    "notifications-GetNotifications",
    "classlist-appData",
    "task-GetTasks",
    "attendance-appData",
    "attendance-GetAttendanceList",
    "timeregistration-GetTimeRegistrations",
    "timeregistration-GetComments",
];

fn value<T: Serialize>(endpoint: &str, v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::parse(endpoint, e))
}

fn available<T: Serialize>(endpoint: &str, a: Availability<T>) -> Result<Value> {
    match a {
        Availability::Available(v) => value(endpoint, &v),
        Availability::NotAvailable => Ok(serde_json::json!({ "moduleAvailable": false })),
    }
}

/// Parses one raw Hub answer by endpoint name (see [`ENDPOINTS`]; case-insensitive, a
/// `--variant` suffix and a file extension are ignored) into the normalized JSON form, for the
/// CLI's `parse` command.
///
/// Child-scoped data is attributed to a placeholder child `selected` of the account `cli` (the
/// Hub answers for whichever pupil is selected); notifications go to their own pupils; the hub
/// root derives its account from the guardian id. An app that is not available gives
/// `{"moduleAvailable": false}`. An unknown name is [`Error::InvalidInput`] listing the valid
/// names.
pub fn parse_endpoint(endpoint: &str, body: &str) -> Result<Value> {
    let name = endpoint.split("--").next().unwrap_or(endpoint);
    let name = name
        .strip_suffix(".json")
        .or_else(|| name.strip_suffix(".html"))
        .unwrap_or(name);
    let Some(known) = ENDPOINTS.iter().find(|e| e.eq_ignore_ascii_case(name)) else {
        return Err(Error::InvalidInput(format!(
            "unknown InfoMentor endpoint {endpoint:?}; valid names: {}",
            ENDPOINTS.join(", ")
        )));
    };
    let account = AccountId::from_raw("cli");
    let child = EntityId::new(
        Platform::InfoMentor,
        &account,
        EntityKind::Child,
        "selected",
    );
    match *known {
        "hub-root" => value(known, &parse_hub_root(body, None)?),
        "bankid-initialize" | "bankid-initialize-qr" => value(known, &parse_initialize(body)?),
        "bankid-verifyorder" => value(known, &parse_verifyorder(body)?),
        "timetable-appData" => available(known, parse_timetable_app_data(body, &child)?),
        "timetable-gettimetablelist" => available(known, parse_timetable_list(body, &child)?),
        "calendarv2-getentries" => available(known, parse_calendar_entries(body, &child)?),
        "news-GetNewsList" => available(known, parse_news_list(body, &child)?),
        "notifications-GetNotifications" => {
            available(known, parse_notifications(body, &account, Some(&child))?)
        }
        "classlist-appData" => available(known, parse_class_list(body, &child)?),
        "task-GetTasks" => available(known, parse_tasks(body, &child)?),
        "attendance-appData" => available(known, parse_attendance_app_data(body, &child)?),
        "attendance-GetAttendanceList" => available(known, parse_attendance_list(body, &child)?),
        "timeregistration-GetTimeRegistrations" => {
            available(known, parse_time_registrations(body, &child)?)
        }
        "timeregistration-GetComments" => available(known, parse_care_time_comments(body)?),
        _ => Err(Error::InvalidInput(format!(
            "unknown InfoMentor endpoint {endpoint:?}; valid names: {}",
            ENDPOINTS.join(", ")
        ))),
    }
}
