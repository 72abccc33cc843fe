//! The home cards and the year wheel, as records (built from `skolbryggan::home`).

use std::time::SystemTime;

use skolbryggan::home as h;

use super::{EventKind, SchoolPlatform, date_string, instant, instant_opt, timestamp};
use crate::client::Freshness;
use crate::refresh::FailureKind;

/// The school day from the timetable.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct SchoolHours {
    /// Start of the first lesson.
    pub start: SystemTime,
    /// End of the last lesson.
    pub end: SystemTime,
    /// Lessons (breaks left out).
    pub lessons: u32,
}

/// The day's care (pre-school, fritids).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum CareHours {
    /// Planned times and what the staff registered so far.
    Planned {
        /// Planned arrival.
        start: SystemTime,
        /// Planned pick-up.
        end: SystemTime,
        /// Actual check-in.
        checked_in: Option<SystemTime>,
        /// Actual check-out.
        checked_out: Option<SystemTime>,
    },
    /// The guardian should still give times.
    TimesMissing,
    /// On leave (ledig).
    OnLeave,
    /// The unit is closed.
    Closed,
    /// Not in care that day.
    NoCare,
}

/// Why there is no school today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DayOffReason {
    /// A school or public holiday.
    Holiday,
    /// A study or planning day.
    StudyDay,
    /// The care unit is closed.
    CareClosed,
    /// Saturday or Sunday.
    Weekend,
}

/// A day off and what says so.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct DayOff {
    /// Why.
    pub reason: DayOffReason,
    /// The upstream title as written ("Jullov"), if any.
    pub title: Option<String>,
    /// The calendar event, for holidays and study days.
    pub event_id: Option<String>,
}

/// Something to bring today (the app words it).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum BringItem {
    /// Physical education today: gym clothes.
    GymClothes,
    /// An excursion today.
    Excursion {
        /// The calendar event.
        event_id: String,
        /// Its upstream title.
        title: String,
    },
}

/// What the absence button can do today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AbsenceState {
    /// Reported absent today (cannot be withdrawn here).
    ReportedToday,
    /// Reporting absence is offered.
    CanReport,
    /// Reported, and withdrawing is offered.
    CanWithdraw,
    /// Too late to report or change today.
    Locked,
    /// Not offered for this child.
    NotOffered,
    /// Nothing cached says.
    Unknown,
}

/// A year-wheel class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WheelKind {
    /// A holiday.
    Holiday,
    /// A study or planning day.
    StudyDay,
    /// A development talk.
    DevelopmentTalk,
    /// A parent meeting.
    ParentMeeting,
    /// A test.
    Test,
    /// A trip or outing.
    Trip,
    /// A deadline.
    Deadline,
    /// A term starts.
    TermStart,
    /// A term ends.
    TermEnd,
}

/// The next calendar event.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct NextEvent {
    /// The calendar event.
    pub event_id: String,
    /// Its upstream title.
    pub title: String,
    /// The model's kind.
    pub kind: EventKind,
    /// Its year-wheel class, if any.
    pub wheel_kind: Option<WheelKind>,
    /// Its first day (`YYYY-MM-DD`).
    pub date: String,
    /// Start, for a timed event.
    pub start: Option<SystemTime>,
    /// Location.
    pub location: Option<String>,
}

/// How fresh a card is.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct CardFreshness {
    /// Some of it is old, or nothing is cached.
    pub stale: bool,
    /// When the oldest part was fetched.
    pub oldest_fetch: Option<SystemTime>,
    /// The last failure behind the card, if any.
    pub failure: Option<FailureKind>,
}

/// A platform session's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SessionState {
    /// Live.
    LoggedIn,
    /// Stored but not live: expired, or not resumed yet.
    Expired,
    /// None.
    NotLoggedIn,
}

/// One provider's session.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct PlatformSession {
    /// The provider name.
    pub provider: String,
    /// The platforms it serves.
    pub platforms: Vec<SchoolPlatform>,
    /// Its state.
    pub state: SessionState,
}

/// One child's day at a glance.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct ChildCard {
    /// The child.
    pub child_id: String,
    /// First name.
    pub child_name: String,
    /// Platform.
    pub platform: SchoolPlatform,
    /// The provider serving the child, when known.
    pub provider: Option<String>,
    /// School hours.
    pub school_hours: Option<SchoolHours>,
    /// Care hours.
    pub care_hours: Option<CareHours>,
    /// Why there is no school, if there is none.
    pub day_off: Option<DayOff>,
    /// What to bring.
    pub bring: Vec<BringItem>,
    /// Today's lunch dishes.
    pub lunch: Vec<String>,
    /// Unread news items.
    pub unread_news: u32,
    /// Unread notifications.
    pub unread_notifications: u32,
    /// The absence state.
    pub absence: AbsenceState,
    /// The next event.
    pub next_event: Option<NextEvent>,
    /// How fresh the card is.
    pub freshness: CardFreshness,
    /// The platform's session.
    pub session: SessionState,
}

/// The family's home screen for one day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct FamilyHome {
    /// The day (`YYYY-MM-DD`).
    pub date: String,
    /// One card per child.
    pub children: Vec<ChildCard>,
    /// The account's platform sessions.
    pub sessions: Vec<PlatformSession>,
    /// How fresh the data behind all cards is.
    pub freshness: Freshness,
}

/// Autumn or spring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TermKind {
    /// Höstterminen.
    Autumn,
    /// Vårterminen.
    Spring,
}

/// Where a term boundary came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DateSource {
    /// A term start or end event.
    Calendar,
    /// The edge of a holiday.
    HolidayEdge,
    /// The usual date (no calendar data).
    Estimated,
}

/// One term.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Term {
    /// Autumn or spring.
    pub kind: TermKind,
    /// The year the school year starts in.
    pub school_year: i32,
    /// First day (`YYYY-MM-DD`).
    pub start: String,
    /// Last day (`YYYY-MM-DD`).
    pub end: String,
    /// Where the start came from.
    pub start_source: DateSource,
    /// Where the end came from.
    pub end_source: DateSource,
}

/// One entry of the wheel.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct WheelEntry {
    /// Its class.
    pub kind: WheelKind,
    /// The upstream title.
    pub title: String,
    /// First day (`YYYY-MM-DD`).
    pub start: String,
    /// Last day (`YYYY-MM-DD`).
    pub end: String,
    /// Start time, for a timed event.
    pub start_time: Option<SystemTime>,
    /// The calendar events behind it.
    pub event_ids: Vec<String>,
    /// The children it concerns.
    pub child_ids: Vec<String>,
}

/// One child's wheel.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct ChildWheel {
    /// The child.
    pub child_id: String,
    /// First name.
    pub child_name: String,
    /// Terms (none for pre-school only).
    pub terms: Vec<Term>,
    /// Entries, by start.
    pub entries: Vec<WheelEntry>,
}

/// The school year at a glance.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct YearWheel {
    /// First day (`YYYY-MM-DD`).
    pub start: String,
    /// Last day (`YYYY-MM-DD`).
    pub end: String,
    /// The family's terms.
    pub terms: Vec<Term>,
    /// The family's entries (shared ones once).
    pub entries: Vec<WheelEntry>,
    /// Per child.
    pub children: Vec<ChildWheel>,
    /// ISO weeks in the range.
    pub weeks: u32,
    /// Weeks with a cached calendar (the rest is unknown: refresh it).
    pub cached_weeks: u32,
    /// How fresh the cached calendars are.
    pub freshness: Freshness,
}

impl From<&h::SchoolHours> for SchoolHours {
    fn from(v: &h::SchoolHours) -> Self {
        SchoolHours {
            start: instant(&v.start),
            end: instant(&v.end),
            lessons: v.lessons,
        }
    }
}

impl From<&h::CareHours> for CareHours {
    fn from(v: &h::CareHours) -> Self {
        match v {
            h::CareHours::Planned {
                start,
                end,
                checked_in,
                checked_out,
            } => CareHours::Planned {
                start: instant(start),
                end: instant(end),
                checked_in: instant_opt(checked_in.as_ref()),
                checked_out: instant_opt(checked_out.as_ref()),
            },
            h::CareHours::TimesMissing => CareHours::TimesMissing,
            h::CareHours::OnLeave => CareHours::OnLeave,
            h::CareHours::Closed => CareHours::Closed,
            h::CareHours::NoCare => CareHours::NoCare,
        }
    }
}

impl From<h::DayOffReason> for DayOffReason {
    fn from(v: h::DayOffReason) -> Self {
        match v {
            h::DayOffReason::Holiday => DayOffReason::Holiday,
            h::DayOffReason::StudyDay => DayOffReason::StudyDay,
            h::DayOffReason::CareClosed => DayOffReason::CareClosed,
            h::DayOffReason::Weekend => DayOffReason::Weekend,
        }
    }
}

impl From<&h::DayOff> for DayOff {
    fn from(v: &h::DayOff) -> Self {
        DayOff {
            reason: v.reason.into(),
            title: v.title.clone(),
            event_id: v.event_id.as_ref().map(|id| id.as_str().to_owned()),
        }
    }
}

impl From<&h::BringItem> for BringItem {
    fn from(v: &h::BringItem) -> Self {
        match v {
            h::BringItem::GymClothes => BringItem::GymClothes,
            h::BringItem::Excursion { event_id, title } => BringItem::Excursion {
                event_id: event_id.as_str().to_owned(),
                title: title.clone(),
            },
        }
    }
}

impl From<h::AbsenceState> for AbsenceState {
    fn from(v: h::AbsenceState) -> Self {
        match v {
            h::AbsenceState::ReportedToday => AbsenceState::ReportedToday,
            h::AbsenceState::CanReport => AbsenceState::CanReport,
            h::AbsenceState::CanWithdraw => AbsenceState::CanWithdraw,
            h::AbsenceState::Locked => AbsenceState::Locked,
            h::AbsenceState::NotOffered => AbsenceState::NotOffered,
            h::AbsenceState::Unknown => AbsenceState::Unknown,
        }
    }
}

impl From<h::WheelKind> for WheelKind {
    fn from(v: h::WheelKind) -> Self {
        match v {
            h::WheelKind::Holiday => WheelKind::Holiday,
            h::WheelKind::StudyDay => WheelKind::StudyDay,
            h::WheelKind::DevelopmentTalk => WheelKind::DevelopmentTalk,
            h::WheelKind::ParentMeeting => WheelKind::ParentMeeting,
            h::WheelKind::Test => WheelKind::Test,
            h::WheelKind::Trip => WheelKind::Trip,
            h::WheelKind::Deadline => WheelKind::Deadline,
            h::WheelKind::TermStart => WheelKind::TermStart,
            h::WheelKind::TermEnd => WheelKind::TermEnd,
        }
    }
}

impl From<&h::NextEvent> for NextEvent {
    fn from(v: &h::NextEvent) -> Self {
        NextEvent {
            event_id: v.event_id.as_str().to_owned(),
            title: v.title.clone(),
            kind: v.kind.into(),
            wheel_kind: v.wheel_kind.map(WheelKind::from),
            date: date_string(v.date),
            start: instant_opt(v.start.as_ref()),
            location: v.location.clone(),
        }
    }
}

impl From<&h::CardFreshness> for CardFreshness {
    fn from(v: &h::CardFreshness) -> Self {
        CardFreshness {
            stale: v.stale,
            oldest_fetch: v.oldest_fetch.map(timestamp),
            failure: v.failure.map(FailureKind::from),
        }
    }
}

impl From<h::SessionState> for SessionState {
    fn from(v: h::SessionState) -> Self {
        match v {
            h::SessionState::LoggedIn => SessionState::LoggedIn,
            h::SessionState::Expired => SessionState::Expired,
            h::SessionState::NotLoggedIn => SessionState::NotLoggedIn,
        }
    }
}

impl From<&h::PlatformSession> for PlatformSession {
    fn from(v: &h::PlatformSession) -> Self {
        PlatformSession {
            provider: v.provider.clone(),
            platforms: v
                .platforms
                .iter()
                .filter_map(|p| SchoolPlatform::try_from(*p).ok())
                .collect(),
            state: v.state.into(),
        }
    }
}

impl TryFrom<&h::ChildCard> for ChildCard {
    type Error = crate::error::SkolbrygganError;

    /// Fails only for a platform these bindings do not name.
    fn try_from(v: &h::ChildCard) -> crate::error::FfiResult<Self> {
        Ok(ChildCard {
            child_id: v.child_id.as_str().to_owned(),
            child_name: v.child_name.clone(),
            platform: v.platform.try_into()?,
            provider: v.provider.clone(),
            school_hours: v.school_hours.as_ref().map(SchoolHours::from),
            care_hours: v.care_hours.as_ref().map(CareHours::from),
            day_off: v.day_off.as_ref().map(DayOff::from),
            bring: v.bring.iter().map(BringItem::from).collect(),
            lunch: v.lunch.clone(),
            unread_news: v.unread_news,
            unread_notifications: v.unread_notifications,
            absence: v.absence.into(),
            next_event: v.next_event.as_ref().map(NextEvent::from),
            freshness: CardFreshness::from(&v.freshness),
            session: v.session.into(),
        })
    }
}

impl FamilyHome {
    /// The record of `v`, with the freshness of the data behind it.
    pub(crate) fn new(v: &h::FamilyHome, freshness: Freshness) -> Self {
        FamilyHome {
            date: date_string(v.date),
            children: v
                .children
                .iter()
                .filter_map(|c| ChildCard::try_from(c).ok())
                .collect(),
            sessions: v.sessions.iter().map(PlatformSession::from).collect(),
            freshness,
        }
    }
}

impl From<h::TermKind> for TermKind {
    fn from(v: h::TermKind) -> Self {
        match v {
            h::TermKind::Autumn => TermKind::Autumn,
            h::TermKind::Spring => TermKind::Spring,
        }
    }
}

impl From<h::DateSource> for DateSource {
    fn from(v: h::DateSource) -> Self {
        match v {
            h::DateSource::Calendar => DateSource::Calendar,
            h::DateSource::HolidayEdge => DateSource::HolidayEdge,
            h::DateSource::Estimated => DateSource::Estimated,
        }
    }
}

impl From<&h::Term> for Term {
    fn from(v: &h::Term) -> Self {
        Term {
            kind: v.kind.into(),
            school_year: i32::from(v.school_year),
            start: date_string(v.start),
            end: date_string(v.end),
            start_source: v.start_source.into(),
            end_source: v.end_source.into(),
        }
    }
}

impl From<&h::WheelEntry> for WheelEntry {
    fn from(v: &h::WheelEntry) -> Self {
        WheelEntry {
            kind: v.kind.into(),
            title: v.title.clone(),
            start: date_string(v.start),
            end: date_string(v.end),
            start_time: instant_opt(v.start_time.as_ref()),
            event_ids: v.event_ids.iter().map(|i| i.as_str().to_owned()).collect(),
            child_ids: v.child_ids.iter().map(|i| i.as_str().to_owned()).collect(),
        }
    }
}

impl From<&h::ChildWheel> for ChildWheel {
    fn from(v: &h::ChildWheel) -> Self {
        ChildWheel {
            child_id: v.child_id.as_str().to_owned(),
            child_name: v.child_name.clone(),
            terms: v.terms.iter().map(Term::from).collect(),
            entries: v.entries.iter().map(WheelEntry::from).collect(),
        }
    }
}

impl YearWheel {
    /// The record of `v`, with the freshness of the calendars behind it.
    pub(crate) fn new(v: &h::YearWheel, freshness: Freshness) -> Self {
        YearWheel {
            start: date_string(v.start),
            end: date_string(v.end),
            terms: v.terms.iter().map(Term::from).collect(),
            entries: v.entries.iter().map(WheelEntry::from).collect(),
            children: v.children.iter().map(ChildWheel::from).collect(),
            weeks: v.weeks,
            cached_weeks: v.cached_weeks,
            freshness,
        }
    }
}
