//! Records of the platforms, their capabilities and their sessions, built from the core's
//! `client::PlatformSummary`, `client::PlatformSession` and `client::ResumeReport`.

use std::time::SystemTime;

use skolbryggan::client::{
    PlatformSession, PlatformSummary, ResumeReport, ResumeStatus, SessionState,
};
use skolbryggan::model::EntityKind;
use skolbryggan::provider::{LoginMethod as CoreLoginMethod, WriteAction as CoreWriteAction};

use super::{SchoolPlatform, timestamp};
use crate::refresh::FailureKind;

/// A way to log in to a platform (which login buttons to show).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LoginMethodKind {
    /// Mobile BankID on this device.
    BankIdSameDevice,
    /// Mobile BankID on another device (QR code).
    BankIdOtherDevice,
    /// Freja eID+.
    FrejaEid,
    /// A username and password (`LoginMethod.Password`).
    Password,
    /// A web login in a browser the app opens (`LoginMethod.Browser`).
    Browser,
    /// Resuming a stored session.
    SavedSession,
    /// The built-in demo family.
    Demo,
}

impl From<CoreLoginMethod> for LoginMethodKind {
    fn from(m: CoreLoginMethod) -> Self {
        match m {
            CoreLoginMethod::BankIdSameDevice => LoginMethodKind::BankIdSameDevice,
            CoreLoginMethod::BankIdOtherDevice => LoginMethodKind::BankIdOtherDevice,
            CoreLoginMethod::FrejaEid => LoginMethodKind::FrejaEid,
            CoreLoginMethod::Password => LoginMethodKind::Password,
            CoreLoginMethod::Browser => LoginMethodKind::Browser,
            CoreLoginMethod::SavedSession => LoginMethodKind::SavedSession,
            CoreLoginMethod::Demo => LoginMethodKind::Demo,
        }
    }
}

/// Something a platform lets the app send (which buttons to show).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WriteAction {
    /// Report a child sick/absent for a day.
    ReportAbsence,
    /// Set one day's care times.
    EditCareTimes,
}

impl From<CoreWriteAction> for WriteAction {
    fn from(a: CoreWriteAction) -> Self {
        match a {
            CoreWriteAction::ReportAbsence => WriteAction::ReportAbsence,
            CoreWriteAction::EditCareTimes => WriteAction::EditCareTimes,
        }
    }
}

/// A kind of data a platform serves (which tabs to show).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DataKind {
    /// The guardian.
    User,
    /// Children.
    Child,
    /// News and weekly letters.
    News,
    /// Calendar events.
    CalendarEvent,
    /// Notifications.
    Notification,
    /// Lunch menus.
    MenuDay,
    /// Timetable lessons.
    Lesson,
    /// Classmates.
    Classmate,
    /// Teachers.
    Teacher,
    /// School contacts.
    Contact,
    /// Assignments and homework.
    Assignment,
    /// Attendance and absence registrations.
    Attendance,
    /// Care times.
    CareTime,
    /// The offer to report absence.
    AbsenceReportAction,
    /// The offer to edit care times.
    CareTimeEditAction,
}

impl From<EntityKind> for DataKind {
    fn from(k: EntityKind) -> Self {
        match k {
            EntityKind::User => DataKind::User,
            EntityKind::Child => DataKind::Child,
            EntityKind::News => DataKind::News,
            EntityKind::CalendarEvent => DataKind::CalendarEvent,
            EntityKind::Notification => DataKind::Notification,
            EntityKind::MenuDay => DataKind::MenuDay,
            EntityKind::Lesson => DataKind::Lesson,
            EntityKind::Classmate => DataKind::Classmate,
            EntityKind::Teacher => DataKind::Teacher,
            EntityKind::Contact => DataKind::Contact,
            EntityKind::Assignment => DataKind::Assignment,
            EntityKind::Attendance => DataKind::Attendance,
            EntityKind::CareTime => DataKind::CareTime,
            EntityKind::AbsenceReportAction => DataKind::AbsenceReportAction,
            EntityKind::CareTimeEditAction => DataKind::CareTimeEditAction,
        }
    }
}

/// One platform (a login) and what it offers.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct PlatformInfo {
    /// The provider's name (`stockholm`, `infomentor`, `demo`), as in `SessionInfo.provider`.
    pub name: String,
    /// The short name people know it by ("Skolplattformen").
    pub label: String,
    /// One line describing it.
    pub summary: String,
    /// The platforms whose data it returns (empty for the demo family).
    pub platforms: Vec<SchoolPlatform>,
    /// The ways to log in.
    pub login_methods: Vec<LoginMethodKind>,
    /// True when Freja eID+ is offered.
    pub freja: bool,
    /// True when BankID on this device needs no personal number.
    pub bankid_without_personal_number: bool,
    /// The kinds of data it serves.
    pub entities: Vec<DataKind>,
    /// The write actions it offers.
    pub write_actions: Vec<WriteAction>,
    /// True when it serves lunch menus.
    pub menu: bool,
    /// True when an organisation (tenant, municipality) must be chosen with
    /// `Client.setOrganisation` before a login; search them with `Client.organisations`.
    pub organisation_required: bool,
}

impl From<&PlatformSummary> for PlatformInfo {
    fn from(p: &PlatformSummary) -> Self {
        PlatformInfo {
            name: p.name.to_owned(),
            label: p.label.to_owned(),
            summary: p.summary.to_owned(),
            // A platform these bindings do not name is left out.
            platforms: p
                .platforms
                .iter()
                .filter_map(|(platform, _)| SchoolPlatform::try_from(*platform).ok())
                .collect(),
            login_methods: p.login_methods.iter().map(|m| (*m).into()).collect(),
            freja: p.freja,
            bankid_without_personal_number: p.bankid_without_personal_number,
            entities: p.entities.iter().map(|k| (*k).into()).collect(),
            write_actions: p.write_actions.iter().map(|a| (*a).into()).collect(),
            menu: p.menu,
            organisation_required: p.organisation_required,
        }
    }
}

/// A platform's session, for the banner and the account screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum PlatformSessionStatus {
    /// A live session.
    LoggedIn {
        /// The guardian's name ("logged in as").
        user: String,
        /// When it was logged in or resumed.
        since: SystemTime,
    },
    /// The platform ended the session: log in again (the cached data stays).
    Expired,
    /// A session is stored but not resumed yet: call `resumeSessionsDetailed`.
    Saved,
    /// Not logged in.
    NotLoggedIn,
}

/// One platform's session.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct SessionInfo {
    /// The provider's name, as in `PlatformInfo.name`.
    pub provider: String,
    /// Its session.
    pub status: PlatformSessionStatus,
}

impl From<&PlatformSession> for SessionInfo {
    fn from(s: &PlatformSession) -> Self {
        let status = match &s.state {
            SessionState::LoggedIn { user, since } => PlatformSessionStatus::LoggedIn {
                user: user.clone(),
                since: timestamp(*since),
            },
            SessionState::Expired => PlatformSessionStatus::Expired,
            SessionState::Saved => PlatformSessionStatus::Saved,
            SessionState::NotLoggedIn => PlatformSessionStatus::NotLoggedIn,
        };
        SessionInfo {
            provider: s.provider.to_owned(),
            status,
        }
    }
}

/// What resuming one stored session gave.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum ResumeResult {
    /// The session lives again.
    Resumed {
        /// The guardian's name.
        user: String,
    },
    /// The platform ended the session: log in again.
    Expired,
    /// Another failure (no network, a lost key…).
    Failed {
        /// Its kind.
        kind: FailureKind,
        /// A text for logs (no personal data).
        message: String,
    },
}

/// One stored session's resume outcome.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct ResumeOutcome {
    /// The provider's name.
    pub provider: String,
    /// What happened.
    pub result: ResumeResult,
}

impl From<&ResumeReport> for ResumeOutcome {
    fn from(r: &ResumeReport) -> Self {
        let result = match &r.status {
            ResumeStatus::Resumed { user } => ResumeResult::Resumed { user: user.clone() },
            ResumeStatus::Expired => ResumeResult::Expired,
            ResumeStatus::Failed { kind, message } => ResumeResult::Failed {
                kind: (*kind).into(),
                message: message.clone(),
            },
        };
        ResumeOutcome {
            provider: r.provider.clone(),
            result,
        }
    }
}
