//! RFC 5545 iCalendar export of a family's events, lessons and holidays.
//!
//! Every VEVENT's `UID` is derived from the entity id, so importing a newer export into the same
//! calendar updates events instead of duplicating them. Timed events carry
//! `TZID=Europe/Stockholm` with a matching `VTIMEZONE`; all-day events are `VALUE=DATE` with an
//! exclusive `DTEND`, as RFC 5545 wants.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};
use jiff::ZonedDateTime;
use jiff::civil::Date;

use crate::model::{
    CalendarEvent, DateRange, EntityId, EventKind, EventTiming, FamilySnapshot, TimetableLesson,
};
use crate::time;

/// The product id written on every export (RFC 5545 `PRODID`): the product and its version.
pub const PRODID: &str = concat!(
    "-//Skolbryggan//Skolbryggan ",
    env!("CARGO_PKG_VERSION"),
    "//SV"
);

/// The time zone id written on every timed event.
pub const TZID: &str = "Europe/Stockholm";

/// The VTIMEZONE of Europe/Stockholm (EU rules, in force since 1996).
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Stockholm\r\n\
X-LIC-LOCATION:Europe/Stockholm\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// What to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Only these children (all when empty).
    pub children: Vec<EntityId>,
    /// Only events that touch this range (all when none).
    pub range: Option<DateRange>,
    /// Include timetable lessons.
    pub lessons: bool,
    /// Include calendar events (holidays and study days included).
    pub events: bool,
    /// The `DTSTAMP` written on every event (the time of the export).
    pub stamp: ZonedDateTime,
    /// Calendar name (`X-WR-CALNAME`).
    pub name: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            children: Vec::new(),
            range: None,
            lessons: true,
            events: true,
            stamp: ZonedDateTime::now(),
            name: "Skolbryggan".to_owned(),
        }
    }
}

fn naive_date(d: Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(d.year()),
        u32::try_from(d.month()).ok()?,
        u32::try_from(d.day()).ok()?,
    )
}

fn naive_local(z: &ZonedDateTime) -> Option<NaiveDateTime> {
    let local = time::in_stockholm(z);
    let date = naive_date(local.date())?;
    let t = NaiveTime::from_hms_opt(
        u32::try_from(local.hour()).ok()?,
        u32::try_from(local.minute()).ok()?,
        u32::try_from(local.second()).ok()?,
    )?;
    Some(NaiveDateTime::new(date, t))
}

fn with_tz(z: &ZonedDateTime) -> Option<CalendarDateTime> {
    Some(CalendarDateTime::WithTimezone {
        date_time: naive_local(z)?,
        tzid: TZID.to_owned(),
    })
}

fn uid(id: &EntityId) -> String {
    format!("{}@skolbryggan.se", id.as_str())
}

fn child_name(family: &FamilySnapshot, id: &EntityId) -> String {
    family
        .child(id)
        .map(|c| c.first_name.clone())
        .unwrap_or_default()
}

fn category(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Holiday => "Lov",
        EventKind::StudyDay => "Studiedag",
        EventKind::ParentMeeting => "Föräldramöte",
        EventKind::Excursion => "Utflykt",
        EventKind::Test => "Prov",
        EventKind::Schedule => "Schema",
        EventKind::Other => "Skola",
    }
}

fn event_component(
    family: &FamilySnapshot,
    event: &CalendarEvent,
    stamp: chrono::DateTime<Utc>,
) -> Option<Event> {
    let mut e = Event::new();
    e.uid(&uid(&event.id));
    e.timestamp(stamp);
    let who = child_name(family, &event.child_id);
    let summary = if who.is_empty() {
        event.title.clone()
    } else {
        format!("{who}: {}", event.title)
    };
    e.summary(&summary);
    if let Some(d) = &event.description {
        e.description(d);
    }
    if let Some(l) = &event.location {
        e.location(l);
    }
    e.add_property("CATEGORIES", category(event.kind));
    match &event.timing {
        EventTiming::AllDay { start, end } => {
            e.starts(naive_date(*start)?);
            e.ends(naive_date(end.tomorrow().ok()?)?);
        }
        EventTiming::Timed { start, end } => {
            e.starts(with_tz(start)?);
            e.ends(with_tz(end)?);
        }
    }
    Some(e.done())
}

fn lesson_component(
    family: &FamilySnapshot,
    lesson: &TimetableLesson,
    stamp: chrono::DateTime<Utc>,
) -> Option<Event> {
    let mut e = Event::new();
    e.uid(&uid(&lesson.id));
    e.timestamp(stamp);
    let who = child_name(family, &lesson.child_id);
    e.summary(&format!("{who}: {}", lesson.subject.name));
    let mut description = Vec::new();
    if let Some(t) = &lesson.teacher {
        description.push(format!("Lärare: {t}"));
    }
    if let Some(c) = &lesson.comment {
        description.push(c.clone());
    }
    if !description.is_empty() {
        e.description(&description.join("\n"));
    }
    if let Some(r) = &lesson.room {
        e.location(r);
    }
    e.add_property("CATEGORIES", "Lektion");
    e.starts(with_tz(&lesson.start)?);
    e.ends(with_tz(&lesson.end)?);
    Some(e.done())
}

/// The events and lessons [`export`] writes for these options.
pub fn selected<'a>(
    family: &'a FamilySnapshot,
    options: &ExportOptions,
) -> (Vec<&'a CalendarEvent>, Vec<&'a TimetableLesson>) {
    let child_ok = |id: &EntityId| options.children.is_empty() || options.children.contains(id);
    let range_ok = |first: Date, last: Date| {
        options
            .range
            .is_none_or(|r| first <= r.end && last >= r.start)
    };
    let events = if options.events {
        family
            .calendar
            .iter()
            .filter(|e| {
                child_ok(&e.child_id) && range_ok(e.timing.first_date(), e.timing.last_date())
            })
            .collect()
    } else {
        Vec::new()
    };
    let lessons = if options.lessons {
        family
            .lessons
            .iter()
            .filter(|l| {
                let d = time::local_date(&l.start);
                child_ok(&l.child_id) && range_ok(d, d)
            })
            .collect()
    } else {
        Vec::new()
    };
    (events, lessons)
}

/// Writes the selected events and lessons of `family` as an iCalendar document.
pub fn export(family: &FamilySnapshot, options: &ExportOptions) -> String {
    let stamp = Utc
        .timestamp_opt(options.stamp.timestamp().as_second(), 0)
        .single()
        .unwrap_or_default();
    let (events, lessons) = selected(family, options);
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", PRODID));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.name(&options.name);
    cal.timezone(TZID);
    for e in events {
        if let Some(c) = event_component(family, e, stamp) {
            cal.push(c);
        }
    }
    for l in lessons {
        if let Some(c) = lesson_component(family, l, stamp) {
            cal.push(c);
        }
    }
    let text = cal.done().to_string();
    insert_vtimezone(&text)
}

fn insert_vtimezone(text: &str) -> String {
    match text.find("BEGIN:VEVENT") {
        Some(pos) => format!("{}{}{}", &text[..pos], VTIMEZONE, &text[pos..]),
        None => match text.find("END:VCALENDAR") {
            Some(pos) => format!("{}{}{}", &text[..pos], VTIMEZONE, &text[pos..]),
            None => text.to_owned(),
        },
    }
}
