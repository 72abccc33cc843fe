//! School work: assignments, attendance, care times, the absence reports a platform offers,
//! and what a write action did.

use std::time::SystemTime;

use skolbryggan::model as m;
use skolbryggan::provider::WriteOutcome as CoreWriteOutcome;

use super::{date_string, instant_opt};
use crate::client::Freshness;

/// How far a child has come with an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AssignmentStatus {
    /// Not started.
    NotStarted,
    /// Started, not handed in.
    InProgress,
    /// Handed in or done.
    Done,
    /// Unknown (see `statusText`).
    Unknown,
}

impl From<m::AssignmentStatus> for AssignmentStatus {
    fn from(s: m::AssignmentStatus) -> Self {
        match s {
            m::AssignmentStatus::NotStarted => AssignmentStatus::NotStarted,
            m::AssignmentStatus::InProgress => AssignmentStatus::InProgress,
            m::AssignmentStatus::Done => AssignmentStatus::Done,
            m::AssignmentStatus::Unknown => AssignmentStatus::Unknown,
        }
    }
}

/// An assignment, homework or test.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Assignment {
    /// Stable id.
    pub id: String,
    /// The child.
    pub child_id: String,
    /// Title.
    pub title: String,
    /// Description as Markdown.
    pub description_markdown: Option<String>,
    /// Subject ("Engelska").
    pub subject: Option<String>,
    /// Due date, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// Due instant, only when the platform gives a time of day.
    pub due_at: Option<SystemTime>,
    /// Handed out, `YYYY-MM-DD`.
    pub assigned: Option<String>,
    /// Status.
    pub status: AssignmentStatus,
    /// The platform's own status text.
    pub status_text: Option<String>,
    /// Still open after its due date.
    pub overdue: bool,
    /// Link to it on the platform (needs the platform session).
    pub url: Option<String>,
}

impl From<&m::Assignment> for Assignment {
    fn from(a: &m::Assignment) -> Self {
        Assignment {
            id: a.id.to_string(),
            child_id: a.child_id.to_string(),
            title: a.title.clone(),
            description_markdown: a.description_markdown.clone(),
            subject: a.subject.clone(),
            due: a.due.map(date_string),
            due_at: instant_opt(a.due_at.as_ref()),
            assigned: a.assigned.map(date_string),
            status: a.status.into(),
            status_text: a.status_text.clone(),
            overdue: a.overdue,
            url: a.url.clone(),
        }
    }
}

/// A page of assignments: the open ones first, each by due date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct AssignmentPage {
    /// The items of this page.
    pub items: Vec<Assignment>,
    /// Items in the whole list.
    pub total: u32,
    /// The offset of the next page, none on the last page.
    pub next_offset: Option<u32>,
    /// How fresh the cached list is.
    pub freshness: Freshness,
}

/// What an attendance registration says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AttendanceStatus {
    /// Absent.
    Absent,
    /// Late.
    Late,
    /// Present.
    Present,
    /// Another registration (see `registrationType`).
    Other,
}

impl From<m::AttendanceStatus> for AttendanceStatus {
    fn from(s: m::AttendanceStatus) -> Self {
        match s {
            m::AttendanceStatus::Absent => AttendanceStatus::Absent,
            m::AttendanceStatus::Late => AttendanceStatus::Late,
            m::AttendanceStatus::Present => AttendanceStatus::Present,
            m::AttendanceStatus::Other => AttendanceStatus::Other,
        }
    }
}

/// One day's or one lesson's attendance registration.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct AttendanceRecord {
    /// Stable id.
    pub id: String,
    /// The child.
    pub child_id: String,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// The lesson; none for a whole day.
    pub lesson: Option<String>,
    /// Start of the lesson or period.
    pub start: Option<SystemTime>,
    /// End of the lesson or period.
    pub end: Option<SystemTime>,
    /// Status.
    pub status: AttendanceStatus,
    /// The platform's registration type ("Giltig frånvaro").
    pub registration_type: Option<String>,
    /// The reason ("Sjuk").
    pub reason: Option<String>,
    /// A comment.
    pub comment: Option<String>,
    /// Who registered it.
    pub reported_by: Option<String>,
    /// Minutes of absence, when counted.
    pub minutes: Option<u32>,
}

impl From<&m::AttendanceRecord> for AttendanceRecord {
    fn from(r: &m::AttendanceRecord) -> Self {
        AttendanceRecord {
            id: r.id.to_string(),
            child_id: r.child_id.to_string(),
            date: date_string(r.date),
            lesson: r.lesson.clone(),
            start: instant_opt(r.start.as_ref()),
            end: instant_opt(r.end.as_ref()),
            status: r.status.into(),
            registration_type: r.registration_type.clone(),
            reason: r.reason.clone(),
            comment: r.comment.clone(),
            reported_by: r.reported_by.clone(),
            minutes: r.minutes,
        }
    }
}

/// A page of the attendance history, newest day first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct AttendancePage {
    /// The items of this page.
    pub items: Vec<AttendanceRecord>,
    /// Items in the whole list.
    pub total: u32,
    /// The offset of the next page, none on the last page.
    pub next_offset: Option<u32>,
    /// How fresh the cached history is.
    pub freshness: Freshness,
}

/// A child's care time (pre-school, fritids) for one day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct CareTime {
    /// Stable id.
    pub id: String,
    /// The child.
    pub child_id: String,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Planned arrival.
    pub start: Option<SystemTime>,
    /// Planned pick-up.
    pub end: Option<SystemTime>,
    /// Actual check-in.
    pub checked_in: Option<SystemTime>,
    /// Actual check-out.
    pub checked_out: Option<SystemTime>,
    /// On leave that day.
    pub on_leave: bool,
    /// The times can no longer be changed.
    pub locked: bool,
    /// The unit is closed that day.
    pub closed: bool,
    /// Why it is closed.
    pub closed_reason: Option<String>,
    /// The guardian's comment.
    pub comment: Option<String>,
    /// The staff's comment.
    pub staff_comment: Option<String>,
    /// The guardian still has to give times.
    pub times_missing: bool,
}

impl From<&m::CareTime> for CareTime {
    fn from(c: &m::CareTime) -> Self {
        CareTime {
            id: c.id.to_string(),
            child_id: c.child_id.to_string(),
            date: date_string(c.date),
            start: instant_opt(c.start.as_ref()),
            end: instant_opt(c.end.as_ref()),
            checked_in: instant_opt(c.checked_in.as_ref()),
            checked_out: instant_opt(c.checked_out.as_ref()),
            on_leave: c.on_leave,
            locked: c.locked,
            closed: c.closed,
            closed_reason: c.closed_reason.clone(),
            comment: c.comment.clone(),
            staff_comment: c.staff_comment.clone(),
            times_missing: c.times_missing,
        }
    }
}

/// The care times of a week, by date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct CareTimeWeek {
    /// The days.
    pub days: Vec<CareTime>,
    /// How fresh the cached week is.
    pub freshness: Freshness,
}

/// One absence report the platform offers (a day, with what a guardian may do).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct AbsenceOption {
    /// The child.
    pub child_id: String,
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// Show a "report absent" button.
    pub can_report: bool,
    /// Show a "withdraw the report" button.
    pub can_withdraw: bool,
    /// The child is already reported absent that day.
    pub already_reported: bool,
    /// The day is locked (too late to report or change).
    pub locked: bool,
}

impl From<&m::AbsenceReportAction> for AbsenceOption {
    fn from(a: &m::AbsenceReportAction) -> Self {
        AbsenceOption {
            child_id: a.child_id.to_string(),
            day: date_string(a.day),
            can_report: a.can_report(),
            can_withdraw: a.can_withdraw(),
            already_reported: a.already_reported,
            locked: a.locked,
        }
    }
}

/// The absence reports offered for a child, by day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct AbsenceOptions {
    /// The offers.
    pub options: Vec<AbsenceOption>,
    /// How fresh they are (a write reads them again first anyway).
    pub freshness: Freshness,
}

/// What a write action did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum WriteOutcome {
    /// Sent, and a fresh read shows it.
    Done,
    /// The platform already had it; nothing was sent (a retry is harmless).
    AlreadyDone,
}

impl From<CoreWriteOutcome> for WriteOutcome {
    fn from(o: CoreWriteOutcome) -> Self {
        match o {
            CoreWriteOutcome::Done => WriteOutcome::Done,
            CoreWriteOutcome::AlreadyDone => WriteOutcome::AlreadyDone,
        }
    }
}

/// Which write action changed the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum WriteKind {
    /// An absence report or its withdrawal.
    AbsenceReport,
    /// A day's care times.
    CareTimes,
}

impl From<skolbryggan::client::WriteAction> for WriteKind {
    fn from(a: skolbryggan::client::WriteAction) -> Self {
        match a {
            skolbryggan::client::WriteAction::AbsenceReport => WriteKind::AbsenceReport,
            skolbryggan::client::WriteAction::CareTimes => WriteKind::CareTimes,
        }
    }
}
