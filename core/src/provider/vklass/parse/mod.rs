//! Pure parsers of Vklass answers: raw body → model values, one file per endpoint family.
//! Every parser takes the body as text and never panics; a page that turns out to be a login
//! page is [`crate::error::Error::SessionExpired`], anything else that does not fit is
//! [`crate::error::Error::Parse`] naming the endpoint.

mod absence;
mod calendar;
mod care;
mod classlist;
mod dom;
mod extras;
mod home;
mod login_pages;
mod news;
mod root;
mod scoreboard;
mod script;

pub use absence::{AbsenceForm, Ward, parse_absence_form, validation_messages, whole_day_report};
pub use calendar::{
    CalendarEntries, RawEvent, VklassKind, course_code, is_short_code, lesson_subject,
    parse_calendar, parse_raw as parse_calendar_raw, split_title, window as calendar_window,
};
pub use care::{CareDay, CareSchedule, parse_care_schedule};
pub use classlist::{ClassGroup, StaffMember, classmates, parse_class_list, teachers};
pub use extras::{
    CourseRow, StudyOverview, WeeklyReport, parse_courses, parse_study_overview,
    parse_weekly_reports,
};
pub use home::{
    CareSpan, HomeCard, HomePage, MenuColumn, NextLesson, column_date, menu_days, parse_home,
};
pub use login_pages::{
    BrokerStatus, bankid_button, bankid_method, broker_status, credentials_token, form_with,
    order_started, qr_payload,
};
pub use news::{NewsPage, RawArticle, concerns, news_item, parse_news_page};
pub use root::{Guardian, parse_root};
pub use scoreboard::{Scoreboard, parse_scoreboard};

/// True when `html` is Vklass's login page (the credentials form, or a page of
/// `auth.vklass.se` with a password field): what a data call that followed a redirect sees
/// when the session is gone.
pub fn is_login_page(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.contains("/credentials/signin")
        || (lower.contains("type=\"password\"") && lower.contains("__requestverificationtoken"))
        || lower.contains("auth.vklass.se/organisation")
}
