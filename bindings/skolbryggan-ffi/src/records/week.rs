//! The family's week overview.

use std::time::SystemTime;

use skolbryggan::model as m;

use super::{EventKind, SchoolPlatform, Week, date_string, instant_opt};

/// A news headline on a day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Headline {
    /// The news item (open it with `newsArticle`).
    pub news_id: String,
    /// Title.
    pub title: String,
}

/// An event on a day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct DayEvent {
    /// The calendar event.
    pub event_id: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: EventKind,
    /// Start, for timed events.
    pub start: Option<SystemTime>,
    /// End, for timed events.
    pub end: Option<SystemTime>,
    /// Location.
    pub location: Option<String>,
}

/// One child's day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct ChildDay {
    /// The child.
    pub child_id: String,
    /// First name.
    pub child_name: String,
    /// Platform.
    pub platform: SchoolPlatform,
    /// Start of the first lesson.
    pub first_lesson: Option<SystemTime>,
    /// End of the last lesson.
    pub last_lesson_end: Option<SystemTime>,
    /// Lessons (breaks excluded).
    pub lesson_count: u32,
    /// Subjects, in order.
    pub subjects: Vec<String>,
    /// The holiday or study day covering the day ("Jullov").
    pub day_off: Option<String>,
    /// Events.
    pub events: Vec<DayEvent>,
    /// Lunch dishes.
    pub lunch: Vec<String>,
    /// News published that day.
    pub news: Vec<Headline>,
    /// Physical education today: pack gym clothes.
    pub bring_gym_clothes: bool,
}

/// One day of the family.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct DayOverview {
    /// The date (`YYYY-MM-DD`).
    pub date: String,
    /// One entry per child.
    pub children: Vec<ChildDay>,
}

/// A week of the whole family, Monday to Sunday.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct WeekOverview {
    /// The ISO week.
    pub week: Week,
    /// Seven days, Monday first.
    pub days: Vec<DayOverview>,
    /// How fresh the cached data behind it is.
    pub freshness: crate::client::Freshness,
}

impl From<&m::WeekOverview> for WeekOverview {
    fn from(w: &m::WeekOverview) -> Self {
        WeekOverview {
            week: w.week.into(),
            days: w
                .days
                .iter()
                .map(|d| DayOverview {
                    date: date_string(d.date),
                    children: d
                        .children
                        .iter()
                        .filter_map(|c| ChildDay::try_from(c).ok())
                        .collect(),
                })
                .collect(),
            freshness: crate::client::Freshness {
                stale: false,
                oldest_fetch: None,
            },
        }
    }
}

impl TryFrom<&m::ChildDay> for ChildDay {
    type Error = crate::error::SkolbrygganError;

    /// Fails only for a platform these bindings do not name ([`SchoolPlatform::try_from`]).
    fn try_from(c: &m::ChildDay) -> crate::error::FfiResult<Self> {
        Ok(ChildDay {
            child_id: c.child_id.to_string(),
            child_name: c.child_name.clone(),
            platform: c.platform.try_into()?,
            first_lesson: instant_opt(c.first_lesson.as_ref()),
            last_lesson_end: instant_opt(c.last_lesson_end.as_ref()),
            lesson_count: c.lesson_count,
            subjects: c.subjects.clone(),
            day_off: c.day_off.clone(),
            events: c
                .events
                .iter()
                .map(|e| DayEvent {
                    event_id: e.event_id.to_string(),
                    title: e.title.clone(),
                    kind: e.kind.into(),
                    start: instant_opt(e.start.as_ref()),
                    end: instant_opt(e.end.as_ref()),
                    location: e.location.clone(),
                })
                .collect(),
            lunch: c.lunch.clone(),
            news: c
                .news
                .iter()
                .map(|h| Headline {
                    news_id: h.news_id.to_string(),
                    title: h.title.clone(),
                })
                .collect(),
            bring_gym_clothes: c.bring_gym_clothes,
        })
    }
}
