//! Calendar events: school calendar, personal schedule entries, holidays.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::EntityId;

/// When an event happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventTiming {
    /// Whole days, from `start` to `end`, both inclusive, in Swedish local dates.
    AllDay {
        /// First day.
        start: Date,
        /// Last day (inclusive; equal to `start` for a one-day event).
        end: Date,
    },
    /// A timed event.
    Timed {
        /// Start instant.
        #[serde(deserialize_with = "crate::time::zoned_serde::deserialize")]
        start: ZonedDateTime,
        /// End instant (not before `start`).
        #[serde(deserialize_with = "crate::time::zoned_serde::deserialize")]
        end: ZonedDateTime,
    },
}

impl EventTiming {
    /// The first local date the event touches.
    pub fn first_date(&self) -> Date {
        match self {
            EventTiming::AllDay { start, .. } => *start,
            EventTiming::Timed { start, .. } => crate::time::local_date(start),
        }
    }

    /// The last local date the event touches (an event ending exactly at midnight does not
    /// touch the next day).
    pub fn last_date(&self) -> Date {
        match self {
            EventTiming::AllDay { end, .. } => *end,
            EventTiming::Timed { start, end } => {
                let end_local = crate::time::in_stockholm(end);
                let date = end_local.date();
                if end > start && end_local.time() == jiff::civil::Time::midnight() {
                    date.yesterday().unwrap_or(date)
                } else {
                    date
                }
            }
        }
    }

    /// True when the event touches `date` (Swedish local time).
    pub fn touches(&self, date: Date) -> bool {
        self.first_date() <= date && date <= self.last_date()
    }
}

/// What sort of event this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A school holiday (höstlov, jullov, sportlov, påsklov, sommarlov) or a public holiday.
    Holiday,
    /// A study day: no school, fritids may be open.
    StudyDay,
    /// A parent meeting or development talk (utvecklingssamtal).
    ParentMeeting,
    /// An excursion or outing.
    Excursion,
    /// A test or assignment deadline.
    Test,
    /// An entry of the child's personal schedule (Stockholm "Schema").
    Schedule,
    /// Any other school calendar event.
    Other,
}

/// One calendar event of a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarEvent {
    /// Stable id, namespaced by the child.
    pub id: EntityId,
    /// The child whose calendar this is.
    pub child_id: EntityId,
    /// Title.
    pub title: String,
    /// Description (plain text or Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// When.
    pub timing: EventTiming,
    /// What sort of event.
    pub kind: EventKind,
}
