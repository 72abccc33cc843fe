//! The platform abstraction.
//!
//! Every upstream school platform implements [`Provider`]: how a guardian logs in
//! ([`LoginFlow`]), what the platform offers ([`Capabilities`]), and one fetch per entity, each
//! returning normalized [`crate::model`] values. HTTP stays inside the implementations; the trait
//! speaks only the model, so the sync engine, the CLI and the bindings treat every platform alike.
//!
//! * A platform with its own login choreography (SAML redirects, QR polling, several hosts) hides
//!   it behind [`LoginFlow::poll`]: each call advances the order one step and reports a typed
//!   [`LoginState`].
//! * Two systems behind one login (Stockholm's e-services + Skola24) are one provider: the
//!   timetable fetch of the Stockholm provider signs in to Skola24 with the session it already
//!   has.
//! * [`demo::DemoProvider`] serves the built-in family without any network.

mod browser_return;
mod capabilities;
pub mod demo;
pub mod infomentor;
mod login;
pub mod menus;
mod organisation;
pub mod parse_cli;
mod qr;
pub mod registry;
pub mod schoolsoft;
mod session;
pub mod skola24;
mod sso;
pub mod stockholm;
mod upstream_json;
pub mod vklass;

use async_trait::async_trait;
use jiff::civil::Date;

pub use crate::http::SsoCookie;
pub use crate::model::DateRange;
pub use capabilities::{Capabilities, LoginMethod, WriteAction};
pub use login::{
    BrowserReturn, DriveOptions, LoginFlow, LoginProgress, LoginPrompt, LoginRequest, LoginState,
    LoginUpdate, Password, QrFrame, drive_login,
};
pub use organisation::{Organisation, matching as matching_organisations};
pub use session::SavedSession;
pub(crate) use sso::{
    ReadyFlow, STOCKHOLM_SSO_DOMAIN, adopt_into as adopt_sso_into, cookies_under as sso_cookies_in,
};

use crate::error::{Error, Result};
use crate::model::{
    AbsenceReportAction, Assignment, AttendanceRecord, CalendarEvent, CareTime, CareTimeEditAction,
    Child, Classmate, EntityKind, IsoWeek, MenuDay, NewsItem, Notification, Platform,
    SchoolContact, Teacher, TimetableLesson, User,
};

fn unsupported<T>(provider: &(impl Provider + ?Sized), what: EntityKind) -> Result<T> {
    Err(Error::Unsupported {
        platform: provider.name().to_owned(),
        what: what.as_str().to_owned(),
    })
}

/// What a write action did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteOutcome {
    /// The write was sent and a fresh read shows it.
    Done,
    /// Upstream already had the wanted state; nothing was sent (a retried call is harmless).
    AlreadyDone,
}

/// One upstream school platform (or a built-in source such as the demo family).
///
/// Fetches default to [`Error::Unsupported`]; a provider overrides those its
/// [`Capabilities::entities`] lists. All methods are cancel-safe: dropping a future leaves the
/// provider usable.
#[async_trait]
pub trait Provider: Send + Sync {
    /// Short stable name ("stockholm", "infomentor", "demo").
    fn name(&self) -> &'static str;

    /// The platforms whose data this provider returns.
    fn platforms(&self) -> Vec<Platform>;

    /// Login methods and entities this platform offers.
    fn capabilities(&self) -> Capabilities;

    /// Starts a login; drive it with [`drive_login`] or by calling [`LoginFlow::poll`].
    async fn start_login(&self, request: LoginRequest) -> Result<Box<dyn LoginFlow>>;

    /// Searches the platform's public list of organisations (tenants, municipalities, school
    /// groups) for names containing `query`. Empty for platforms that have one organisation.
    async fn organisations(&self, _query: &str) -> Result<Vec<Organisation>> {
        Ok(Vec::new())
    }

    /// Chooses the organisation the next login goes to (an id from
    /// [`Provider::organisations`]). The provider keeps it in its saved session, so a resume
    /// needs no new choice. [`Error::InvalidInput`] for platforms that have one organisation.
    fn set_organisation(&self, _id: &str) -> Result<()> {
        Err(Error::InvalidInput(format!(
            "{} has no organisations to choose between",
            self.name()
        )))
    }

    /// Resumes a saved session; fails with [`Error::SessionExpired`] if it no longer works.
    async fn resume(&self, saved: &SavedSession) -> Result<User>;

    /// The current session in a form that can be stored (encrypted) and resumed later.
    fn saved_session(&self) -> Option<SavedSession>;

    /// Headers (cookies) needed to load a URL this provider handed out, such as a news image.
    fn session_headers(&self, _url: &str) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The HTTP client holding this provider's session (its cookie jar), for loading content
    /// (images, attachments) on the provider's own hosts and handing a WebView the session's
    /// cookies. `None` (the default) for a provider without network.
    fn content_http(&self) -> Option<crate::http::HttpClient> {
        None
    }

    /// Public lunch menus this provider brings along, offline: the sources its login attaches
    /// to its children and their weeks (the demo family's). `None` (the default) for a real
    /// platform, whose children's sources a guardian attaches and whose public menus are read
    /// from the menu service.
    fn offline_menus(&self) -> Option<std::sync::Arc<menus::OfflineMenus>> {
        None
    }

    /// The cookies of a login session this provider shares with other providers (Stockholm's
    /// SiteMinder `*.stockholm.se` cookies), for [`Provider::adopt_sso_cookies`] of another
    /// provider. Empty by default.
    fn sso_cookies(&self) -> Vec<SsoCookie> {
        Vec::new()
    }

    /// Takes over another provider's shared login session: the next [`Provider::start_login`]
    /// starts with these cookies and completes without a BankID order when the session is
    /// still live (falling back to a normal login when it is not). A login completed that way
    /// is the same guardian's, so its ids are namespaced under `account` (the account the other
    /// provider's data lives in). No-op by default.
    fn adopt_sso_cookies(&self, _cookies: &[SsoCookie], _account: &crate::model::AccountId) {}

    /// Forgets the session (locally; platforms have no logout API).
    async fn logout(&self) -> Result<()>;

    /// The logged-in guardian.
    async fn user(&self) -> Result<User>;

    /// The guardian's children on this platform.
    async fn children(&self) -> Result<Vec<Child>>;

    /// A child's news list, newest first.
    async fn news(&self, _child: &Child) -> Result<Vec<NewsItem>> {
        unsupported(self, EntityKind::News)
    }

    /// The full article of a news item (platforms without an article call return the item).
    async fn news_article(&self, _child: &Child, item: &NewsItem) -> Result<NewsItem> {
        Ok(item.clone())
    }

    /// A child's calendar events that touch `range`.
    async fn calendar(&self, _child: &Child, _range: DateRange) -> Result<Vec<CalendarEvent>> {
        unsupported(self, EntityKind::CalendarEvent)
    }

    /// A child's notifications, newest first.
    async fn notifications(&self, _child: &Child) -> Result<Vec<Notification>> {
        unsupported(self, EntityKind::Notification)
    }

    /// A child's lunch menu for a week.
    async fn menu(&self, _child: &Child, _week: IsoWeek) -> Result<Vec<MenuDay>> {
        unsupported(self, EntityKind::MenuDay)
    }

    /// A child's timetable for a week.
    async fn timetable(&self, _child: &Child, _week: IsoWeek) -> Result<Vec<TimetableLesson>> {
        unsupported(self, EntityKind::Lesson)
    }

    /// A child's classmates with their guardians.
    async fn classmates(&self, _child: &Child) -> Result<Vec<Classmate>> {
        unsupported(self, EntityKind::Classmate)
    }

    /// A child's teachers.
    async fn teachers(&self, _child: &Child) -> Result<Vec<Teacher>> {
        unsupported(self, EntityKind::Teacher)
    }

    /// Contacts at a child's school.
    async fn contacts(&self, _child: &Child) -> Result<Vec<SchoolContact>> {
        unsupported(self, EntityKind::Contact)
    }

    /// A child's assignments and homework.
    async fn assignments(&self, _child: &Child) -> Result<Vec<Assignment>> {
        unsupported(self, EntityKind::Assignment)
    }

    /// A child's attendance and absence registrations.
    async fn attendance(&self, _child: &Child) -> Result<Vec<AttendanceRecord>> {
        unsupported(self, EntityKind::Attendance)
    }

    /// A child's fritids / pre-school care times for the days of `range`.
    async fn care_times(&self, _child: &Child, _range: DateRange) -> Result<Vec<CareTime>> {
        unsupported(self, EntityKind::CareTime)
    }

    /// The absence reports the platform offers for a child now (with their permission flags).
    async fn absence_report_actions(&self, _child: &Child) -> Result<Vec<AbsenceReportAction>> {
        unsupported(self, EntityKind::AbsenceReportAction)
    }

    /// The care-time edits the platform offers for the days of `range`.
    async fn care_time_edit_actions(
        &self,
        _child: &Child,
        _range: DateRange,
    ) -> Result<Vec<CareTimeEditAction>> {
        unsupported(self, EntityKind::CareTimeEditAction)
    }

    /// Reports `child` absent for `day` (`absent: false` withdraws the report). Only call it
    /// when an [`crate::model::AbsenceReportAction`] from a fresh read allows it; the provider
    /// checks again before writing and is idempotent.
    async fn report_absence(
        &self,
        _child: &Child,
        _day: Date,
        _absent: bool,
    ) -> Result<WriteOutcome> {
        Err(Error::Unsupported {
            platform: self.name().to_owned(),
            what: "absence reports".to_owned(),
        })
    }

    /// Sets a child's fritids/pre-school care times for `date` (then reads back to verify).
    async fn set_care_times(
        &self,
        _child: &Child,
        _date: Date,
        _start: jiff::civil::Time,
        _end: jiff::civil::Time,
    ) -> Result<WriteOutcome> {
        Err(Error::Unsupported {
            platform: self.name().to_owned(),
            what: "care times".to_owned(),
        })
    }
}
