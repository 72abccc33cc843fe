//! Records: the normalized model as values that cross the boundary (Kotlin data classes, Swift
//! structs, Python dataclasses), built from the core's types with `From` impls.
//!
//! Conventions: instants are timestamps (Kotlin `java.time.Instant`, Swift `Date`, Python
//! `datetime`); calendar dates are ISO strings `"YYYY-MM-DD"` in Swedish local time; ids are
//! the core's stable string ids.

mod content;
mod home;
mod people;
mod platforms;
mod school_work;
mod week;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jiff::ZonedDateTime;
use jiff::civil::Date;
use skolbryggan::model::{IsoWeek, Platform};

pub use content::{
    Attachment, CalendarEvent, CalendarPage, EventKind, EventTiming, Lesson, MenuDay, NewsImage,
    NewsItem, NewsPage, NewsSummary, Notification, NotificationPage,
};
pub use home::{
    AbsenceState, BringItem, CardFreshness, CareHours, ChildCard, ChildWheel, DateSource, DayOff,
    DayOffReason, FamilyHome, NextEvent, PlatformSession, SchoolHours, SessionState, Term,
    TermKind, WheelEntry, WheelKind, YearWheel,
};
pub use people::{Child, Classmate, Guardian, SchoolContact, SchoolForm, Teacher, User};
pub use platforms::{
    DataKind, LoginMethodKind, PlatformInfo, PlatformSessionStatus, ResumeOutcome, ResumeResult,
    SessionInfo, WriteAction,
};
pub use school_work::{
    AbsenceOption, AbsenceOptions, Assignment, AssignmentPage, AssignmentStatus, AttendancePage,
    AttendanceRecord, AttendanceStatus, CareTime, CareTimeWeek, WriteKind, WriteOutcome,
};
pub use week::{ChildDay, DayEvent, DayOverview, Headline, WeekOverview};

use crate::error::{FfiResult, SkolbrygganError};

/// A school platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SchoolPlatform {
    /// Stockholm stad's Skolplattformen.
    Stockholm,
    /// Skola24 (timetables behind Stockholm's login).
    Skola24,
    /// InfoMentor Hub.
    InfoMentor,
    /// SchoolSoft.
    SchoolSoft,
    /// Vklass.
    Vklass,
}

impl SchoolPlatform {
    /// Every variant with the core's platform it names (a test checks that every platform of
    /// the core's registry has one).
    pub const PAIRS: &[(SchoolPlatform, Platform)] = &[
        (SchoolPlatform::Stockholm, Platform::Stockholm),
        (SchoolPlatform::Skola24, Platform::Skola24),
        (SchoolPlatform::InfoMentor, Platform::InfoMentor),
        (SchoolPlatform::SchoolSoft, Platform::SchoolSoft),
        (SchoolPlatform::Vklass, Platform::Vklass),
    ];
}

impl TryFrom<Platform> for SchoolPlatform {
    type Error = SkolbrygganError;

    /// The variant naming `value`; a platform these bindings do not name (a core newer than
    /// its bindings) is an error, and records of it are left out of lists.
    fn try_from(value: Platform) -> FfiResult<Self> {
        SchoolPlatform::PAIRS
            .iter()
            .find(|(_, p)| *p == value)
            .map(|(v, _)| *v)
            .ok_or_else(|| SkolbrygganError::invalid("platform"))
    }
}

impl From<SchoolPlatform> for Platform {
    fn from(value: SchoolPlatform) -> Self {
        match value {
            SchoolPlatform::Stockholm => Platform::Stockholm,
            SchoolPlatform::Skola24 => Platform::Skola24,
            SchoolPlatform::InfoMentor => Platform::InfoMentor,
            SchoolPlatform::SchoolSoft => Platform::SchoolSoft,
            SchoolPlatform::Vklass => Platform::Vklass,
        }
    }
}

/// An ISO week ("vecka 48").
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Week {
    /// ISO week-year.
    pub year: i32,
    /// Week number, 1–53.
    pub week: u32,
}

impl From<IsoWeek> for Week {
    fn from(value: IsoWeek) -> Self {
        Week {
            year: i32::from(value.year),
            week: u32::try_from(value.week).unwrap_or(0),
        }
    }
}

impl TryFrom<Week> for IsoWeek {
    type Error = SkolbrygganError;

    fn try_from(value: Week) -> FfiResult<Self> {
        let year = i16::try_from(value.year).map_err(|_| SkolbrygganError::invalid("week year"))?;
        let week = i8::try_from(value.week)
            .ok()
            .filter(|w| (1..=53).contains(w))
            .ok_or_else(|| SkolbrygganError::invalid("week number must be 1–53"))?;
        let iso = IsoWeek { year, week };
        if iso.monday().is_none() {
            return Err(SkolbrygganError::invalid(format!("{iso} does not exist")));
        }
        Ok(iso)
    }
}

/// An instant as a timestamp.
pub(crate) fn instant(z: &ZonedDateTime) -> SystemTime {
    timestamp(z.timestamp())
}

/// A jiff timestamp as a `SystemTime`.
pub(crate) fn timestamp(ts: jiff::Timestamp) -> SystemTime {
    let (secs, nanos) = (ts.as_second(), ts.subsec_nanosecond());
    let nanos = u32::try_from(nanos).unwrap_or(0);
    if secs >= 0 {
        UNIX_EPOCH
            .checked_add(Duration::new(secs.unsigned_abs(), nanos))
            .unwrap_or(UNIX_EPOCH)
    } else {
        UNIX_EPOCH
            .checked_sub(Duration::from_secs(secs.unsigned_abs()))
            .and_then(|t| t.checked_add(Duration::from_nanos(u64::from(nanos))))
            .unwrap_or(UNIX_EPOCH)
    }
}

/// An optional instant.
pub(crate) fn instant_opt(z: Option<&ZonedDateTime>) -> Option<SystemTime> {
    z.map(instant)
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn date_string(d: Date) -> String {
    d.to_string()
}

/// Parses `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> FfiResult<Date> {
    s.trim()
        .parse::<Date>()
        .map_err(|_| SkolbrygganError::invalid("a date is written YYYY-MM-DD"))
}

/// One page of a long list: the slice `offset..offset+limit` of `items`.
pub(crate) struct Page<T> {
    pub items: Vec<T>,
    pub total: u32,
    pub next_offset: Option<u32>,
}

/// Cuts a page out of `items` (a `limit` of 0 means 50).
pub(crate) fn page<T>(items: Vec<T>, offset: u32, limit: u32) -> Page<T> {
    let limit = if limit == 0 { 50 } else { limit } as usize;
    let total = items.len();
    let start = (offset as usize).min(total);
    let end = start.saturating_add(limit).min(total);
    let items: Vec<T> = items.into_iter().skip(start).take(end - start).collect();
    Page {
        items,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        next_offset: (end < total).then(|| u32::try_from(end).unwrap_or(u32::MAX)),
    }
}

#[cfg(test)]
mod platform_tests {
    use super::*;

    #[test]
    fn every_registry_platform_has_a_variant_and_back() {
        for info in skolbryggan::provider::registry::platforms() {
            let variant = SchoolPlatform::try_from(info.platform).unwrap();
            assert_eq!(Platform::from(variant), info.platform);
        }
        assert!(SchoolPlatform::try_from(Platform::named("elsewhere")).is_err());
    }
}
