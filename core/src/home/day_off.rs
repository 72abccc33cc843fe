//! Why a child has no school (or care) today, if it has none.

use jiff::civil::{Date, Weekday};
use serde::Serialize;

use super::classify::{WheelKind, classify};
use crate::model::{CalendarEvent, CareTime, EntityId, EventTiming};

/// The reason for a day off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOffReason {
    /// A school or public holiday in the calendar.
    Holiday,
    /// A study or planning day in the calendar.
    StudyDay,
    /// The care unit is closed (from the care times).
    CareClosed,
    /// Saturday or Sunday, with no holiday in the calendar.
    Weekend,
}

/// A day off and what says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayOff {
    /// Why.
    pub reason: DayOffReason,
    /// The upstream title as written ("Jullov", "Planeringsdag"), when upstream gave one.
    pub title: Option<String>,
    /// The calendar event that says so, for holidays and study days.
    pub event_id: Option<EntityId>,
}

/// The day off of `date` from one child's calendar events (any; those that do not touch the
/// day are skipped) and its care-time day. Order: a holiday in the calendar, a study day in the
/// calendar, a closed care unit, the weekend. Only all-day events count: a timed "Studiedag"
/// entry (an hour's meeting) is no day off.
pub fn day_off<'a>(
    date: Date,
    events: impl IntoIterator<Item = &'a CalendarEvent>,
    care: Option<&CareTime>,
) -> Option<DayOff> {
    let mut study_day = None;
    for event in events {
        if !matches!(event.timing, EventTiming::AllDay { .. }) || !event.timing.touches(date) {
            continue;
        }
        let off = |reason| DayOff {
            reason,
            title: Some(event.title.clone()),
            event_id: Some(event.id.clone()),
        };
        match classify(&event.title, event.kind) {
            Some(WheelKind::Holiday) => return Some(off(DayOffReason::Holiday)),
            Some(WheelKind::StudyDay) if study_day.is_none() => {
                study_day = Some(off(DayOffReason::StudyDay))
            }
            _ => {}
        }
    }
    if study_day.is_some() {
        return study_day;
    }
    if let Some(care) = care.filter(|c| c.closed && c.date == date) {
        return Some(DayOff {
            reason: DayOffReason::CareClosed,
            title: care.closed_reason.clone(),
            event_id: None,
        });
    }
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday).then_some(DayOff {
        reason: DayOffReason::Weekend,
        title: None,
        event_id: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, EventKind};
    use jiff::civil::date;

    fn child() -> EntityId {
        EntityId::from_raw("demo:acc:child:1".to_owned())
    }

    fn all_day(title: &str, kind: EventKind, start: Date, end: Date) -> CalendarEvent {
        CalendarEvent {
            id: EntityId::for_child(&child(), EntityKind::CalendarEvent, title),
            child_id: child(),
            title: title.to_owned(),
            description: None,
            location: None,
            timing: EventTiming::AllDay { start, end },
            kind,
        }
    }

    fn care(day: Date, closed: bool, reason: Option<&str>) -> CareTime {
        CareTime {
            id: EntityId::for_child(&child(), EntityKind::CareTime, &day.to_string()),
            child_id: child(),
            date: day,
            start: None,
            end: None,
            checked_in: None,
            checked_out: None,
            on_leave: false,
            locked: false,
            closed,
            closed_reason: reason.map(str::to_owned),
            opening_time: None,
            closing_time: None,
            comment: None,
            staff_comment: None,
            has_comments: false,
            has_unread_comments: false,
            times_missing: false,
        }
    }

    const WED: Date = date(2026, 11, 25);
    const SAT: Date = date(2026, 11, 28);

    #[test]
    fn a_school_day_has_none_a_weekend_is_a_weekend() {
        let none: [CalendarEvent; 0] = [];
        assert_eq!(day_off(WED, &none, None), None);
        assert_eq!(
            day_off(SAT, &none, None).map(|d| d.reason),
            Some(DayOffReason::Weekend)
        );
    }

    #[test]
    fn calendar_holidays_and_study_days_keep_their_titles() {
        let jullov = all_day(
            "Jullov",
            EventKind::Holiday,
            date(2026, 12, 21),
            date(2027, 1, 8),
        );
        let got = day_off(date(2026, 12, 28), [&jullov], None).unwrap();
        assert_eq!(got.reason, DayOffReason::Holiday);
        assert_eq!(got.title.as_deref(), Some("Jullov"));
        assert_eq!(got.event_id.as_ref(), Some(&jullov.id));
        // A holiday on a weekend is the holiday, not the weekend.
        let got = day_off(date(2027, 1, 2), [&jullov], None).unwrap();
        assert_eq!(got.reason, DayOffReason::Holiday);
        // Outside its days it says nothing.
        assert_eq!(day_off(WED, [&jullov], None), None);
        // A study day filed as "Other" upstream is still a study day by its title.
        let study = all_day("Studiedag", EventKind::Other, WED, WED);
        assert_eq!(
            day_off(WED, [&study], None).map(|d| d.reason),
            Some(DayOffReason::StudyDay)
        );
        // Both on one day: the holiday wins.
        let red = all_day("Röd dag", EventKind::Other, WED, WED);
        assert_eq!(
            day_off(WED, [&study, &red], None).map(|d| d.reason),
            Some(DayOffReason::Holiday)
        );
    }

    #[test]
    fn a_closed_care_unit_and_events_that_are_no_day_off() {
        let photo = all_day("Skolfotografering", EventKind::Other, WED, WED);
        assert_eq!(day_off(WED, [&photo], None), None);
        let closed = care(WED, true, Some("Planeringsdag"));
        let got = day_off(WED, [&photo], Some(&closed)).unwrap();
        assert_eq!(got.reason, DayOffReason::CareClosed);
        assert_eq!(got.title.as_deref(), Some("Planeringsdag"));
        assert_eq!(day_off(WED, [&photo], Some(&care(WED, false, None))), None);
        let mut timed = photo.clone();
        timed.title = "Studiedag".to_owned();
        timed.timing = EventTiming::Timed {
            start: crate::time::local(WED.at(9, 0, 0, 0)),
            end: crate::time::local(WED.at(10, 0, 0, 0)),
        };
        assert_eq!(day_off(WED, [&timed], None), None);
    }
}
