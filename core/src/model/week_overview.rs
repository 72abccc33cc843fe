//! The family's week at a glance, merged across children and platforms.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{EntityId, EventKind, IsoWeek, Platform};

/// A news headline shown on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Headline {
    /// The news item.
    pub news_id: EntityId,
    /// Its title.
    pub title: String,
}

/// An event as the day view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayEvent {
    /// The calendar event.
    pub event_id: EntityId,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: EventKind,
    /// Start, for timed events (none for all-day).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub start: Option<ZonedDateTime>,
    /// End, for timed events.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub end: Option<ZonedDateTime>,
    /// Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// One child's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChildDay {
    /// The child.
    pub child_id: EntityId,
    /// The child's first name.
    pub child_name: String,
    /// The platform the child's data comes from.
    pub platform: Platform,
    /// Start of the first lesson (breaks excluded).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub first_lesson: Option<ZonedDateTime>,
    /// End of the last lesson (breaks excluded).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub last_lesson_end: Option<ZonedDateTime>,
    /// Number of lessons (breaks excluded).
    pub lesson_count: u32,
    /// Subject names of the day's lessons, in order, without repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Holiday or study day that covers this day ("Jullov"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_off: Option<String>,
    /// Events of the day (holidays and study days included), all-day first, then by start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<DayEvent>,
    /// The lunch dishes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lunch: Vec<String>,
    /// Headlines of news published that day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub news: Vec<Headline>,
    /// True when physical education is on the timetable: pack gym clothes.
    pub bring_gym_clothes: bool,
}

/// One day of the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayOverview {
    /// The date (Swedish local).
    pub date: Date,
    /// One entry per child, in the family's child order.
    pub children: Vec<ChildDay>,
}

/// A week of the whole family, Monday to Sunday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeekOverview {
    /// The ISO week.
    pub week: IsoWeek,
    /// Seven days, Monday first.
    pub days: Vec<DayOverview>,
}
