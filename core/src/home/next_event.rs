//! A child's next calendar event.

use jiff::civil::Date;
use jiff::{Timestamp, ZonedDateTime};
use serde::Serialize;

use super::classify::{WheelKind, classify};
use crate::model::{CalendarEvent, EntityId, EventKind, EventTiming};

/// The next event, small enough for a widget line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextEvent {
    /// The calendar event.
    pub event_id: EntityId,
    /// Its upstream title, as written.
    pub title: String,
    /// The model's kind.
    pub kind: EventKind,
    /// Its year-wheel class (talk, test, trip, …), when it has one.
    pub wheel_kind: Option<WheelKind>,
    /// Its first day.
    pub date: Date,
    /// Start, for a timed event (none: all day).
    pub start: Option<ZonedDateTime>,
    /// Location.
    pub location: Option<String>,
}

fn sort_key(event: &CalendarEvent) -> Timestamp {
    match &event.timing {
        EventTiming::Timed { start, .. } => start.timestamp(),
        EventTiming::AllDay { start, .. } => crate::time::start_of_day(*start).timestamp(),
    }
}

/// The first of `events` that has not ended by `now`: a timed event still running or later, an
/// all-day event from `today` on. Personal schedule entries are left out, and so is a holiday
/// or study day already under way on `today` (that is the card's day off, not news).
pub fn next_event<'a>(
    events: impl IntoIterator<Item = &'a CalendarEvent>,
    today: Date,
    now: Timestamp,
) -> Option<NextEvent> {
    events
        .into_iter()
        .filter(|e| e.kind != EventKind::Schedule)
        .filter(|e| match &e.timing {
            EventTiming::Timed { end, .. } => end.timestamp() > now,
            EventTiming::AllDay { start, end } => {
                *start > today
                    || (*end >= today
                        && !matches!(
                            classify(&e.title, e.kind),
                            Some(WheelKind::Holiday | WheelKind::StudyDay)
                        ))
            }
        })
        .min_by(|a, b| {
            sort_key(a)
                .cmp(&sort_key(b))
                .then_with(|| a.title.cmp(&b.title))
        })
        .map(|e| NextEvent {
            event_id: e.id.clone(),
            title: e.title.clone(),
            kind: e.kind,
            wheel_kind: classify(&e.title, e.kind),
            date: e.timing.first_date(),
            start: match &e.timing {
                EventTiming::Timed { start, .. } => Some(start.clone()),
                EventTiming::AllDay { .. } => None,
            },
            location: e.location.clone(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;
    use jiff::civil::date;

    fn event(title: &str, kind: EventKind, timing: EventTiming) -> CalendarEvent {
        let child = EntityId::from_raw("demo:acc:child:1".to_owned());
        CalendarEvent {
            id: EntityId::for_child(&child, EntityKind::CalendarEvent, title),
            child_id: child,
            title: title.to_owned(),
            description: None,
            location: None,
            timing,
            kind,
        }
    }

    fn timed(d: Date, h: i8, minutes: i64) -> EventTiming {
        let start = crate::time::local(d.at(h, 0, 0, 0));
        let end = start
            .checked_add(jiff::Span::new().minutes(minutes))
            .unwrap();
        EventTiming::Timed { start, end }
    }

    #[test]
    fn the_first_event_not_yet_over() {
        let today = date(2026, 11, 25);
        let now = crate::time::local(today.at(12, 0, 0, 0)).timestamp();
        let over = event("Morgonsamling", EventKind::Other, timed(today, 8, 30));
        let running = event(
            "Föräldramöte",
            EventKind::ParentMeeting,
            timed(today, 11, 90),
        );
        let later = event(
            "Prov i kemi",
            EventKind::Test,
            timed(date(2026, 11, 27), 9, 60),
        );
        let got = next_event([&over, &later, &running], today, now).unwrap();
        assert_eq!(got.title, "Föräldramöte", "still running at noon");
        assert_eq!(got.wheel_kind, Some(WheelKind::ParentMeeting));
        let got = next_event([&over, &later], today, now).unwrap();
        assert_eq!(
            (got.title.as_str(), got.date),
            ("Prov i kemi", date(2026, 11, 27))
        );
        assert!(next_event([&over], today, now).is_none());
    }

    #[test]
    fn todays_day_off_and_schedule_entries_are_not_next() {
        let today = date(2026, 12, 28);
        let now = crate::time::local(today.at(7, 0, 0, 0)).timestamp();
        let jullov = event(
            "Jullov",
            EventKind::Holiday,
            EventTiming::AllDay {
                start: date(2026, 12, 21),
                end: date(2027, 1, 8),
            },
        );
        let lesson = event("Lektion", EventKind::Schedule, timed(today, 9, 60));
        let new_year = event(
            "Nyårsdagen",
            EventKind::Holiday,
            EventTiming::AllDay {
                start: date(2027, 1, 1),
                end: date(2027, 1, 1),
            },
        );
        let got = next_event([&jullov, &lesson, &new_year], today, now).unwrap();
        assert_eq!(got.title, "Nyårsdagen", "a holiday still to come is next");
        assert_eq!(got.start, None);
        // An all-day trip today is next even at noon.
        let trip = event(
            "Utflykt",
            EventKind::Other,
            EventTiming::AllDay {
                start: today,
                end: today,
            },
        );
        let got = next_event([&new_year, &trip], today, now).unwrap();
        assert_eq!(
            (got.title.as_str(), got.wheel_kind),
            ("Utflykt", Some(WheelKind::Trip))
        );
    }
}
