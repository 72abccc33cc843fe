//! A child's hours today: school hours from the timetable, care hours from the care times.

use jiff::ZonedDateTime;
use serde::Serialize;

use crate::model::{CareTime, TimetableLesson};

/// The school day from the timetable: first lesson to last lesson (breaks left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchoolHours {
    /// Start of the first lesson.
    pub start: ZonedDateTime,
    /// End of the last lesson.
    pub end: ZonedDateTime,
    /// Number of lessons (breaks left out).
    pub lessons: u32,
}

/// The day's care (pre-school, fritids) as the care times say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CareHours {
    /// Planned times, and what the staff registered so far.
    Planned {
        /// Planned arrival.
        start: ZonedDateTime,
        /// Planned pick-up.
        end: ZonedDateTime,
        /// Actual check-in, once registered.
        checked_in: Option<ZonedDateTime>,
        /// Actual check-out, once registered.
        checked_out: Option<ZonedDateTime>,
    },
    /// The guardian should still give times for the day.
    TimesMissing,
    /// The child is on leave (ledig).
    OnLeave,
    /// The unit is closed (the reason is in the card's day off).
    Closed,
    /// A care-time day without times that needs nothing (the child is not in care that day).
    NoCare,
}

/// The school hours of `lessons` (one child's lessons of one day, any order); none when the
/// day has no lesson (breaks alone are no school day).
pub fn school_hours<'a>(
    lessons: impl IntoIterator<Item = &'a TimetableLesson>,
) -> Option<SchoolHours> {
    let mut out: Option<SchoolHours> = None;
    for lesson in lessons.into_iter().filter(|l| !l.subject.is_break()) {
        match &mut out {
            None => {
                out = Some(SchoolHours {
                    start: lesson.start.clone(),
                    end: lesson.end.clone(),
                    lessons: 1,
                })
            }
            Some(hours) => {
                if lesson.start < hours.start {
                    hours.start = lesson.start.clone();
                }
                if lesson.end > hours.end {
                    hours.end = lesson.end.clone();
                }
                hours.lessons += 1;
            }
        }
    }
    out
}

/// The care hours a care-time day says. Closed and on-leave win over planned times (upstream
/// may keep old times on a day that was closed later).
pub fn care_hours(care: &CareTime) -> CareHours {
    if care.closed {
        return CareHours::Closed;
    }
    if care.on_leave {
        return CareHours::OnLeave;
    }
    match (&care.start, &care.end) {
        (Some(start), Some(end)) => CareHours::Planned {
            start: start.clone(),
            end: end.clone(),
            checked_in: care.checked_in.clone(),
            checked_out: care.checked_out.clone(),
        },
        _ if care.times_missing => CareHours::TimesMissing,
        _ => CareHours::NoCare,
    }
}
