//! `Calender/GetSchoolCalender` and `Calender/GetSchema` (same item shape).

use jiff::ZonedDateTime;
use serde::Deserialize;

use super::{date::parse_date, envelope, short_hash};
use crate::error::Result;
use crate::markdown::html_to_markdown;
use crate::model::{CalendarEvent, Child, EntityId, EntityKind, EventKind, EventTiming};

#[derive(Deserialize)]
struct RawEvent {
    #[serde(rename = "Id", default)]
    id: Option<i64>,
    #[serde(rename = "Title", default)]
    title: Option<String>,
    #[serde(rename = "Description", default)]
    description: Option<String>,
    #[serde(rename = "Location", default)]
    location: Option<String>,
    #[serde(rename = "EventDate", default)]
    event_date: Option<String>,
    #[serde(rename = "LongEventDateTime", default)]
    long_event_date_time: Option<String>,
    #[serde(rename = "EndDate", default)]
    end_date: Option<String>,
    #[serde(rename = "LongEndDateTime", default)]
    long_end_date_time: Option<String>,
    #[serde(rename = "AllDayEvent", default)]
    all_day_event: bool,
}

/// The answer of a child without a schedule; it means "no entries".
const NO_SCHEDULE: &str = "A task was canceled.";

/// Classifies a school-calendar event by words in its title (case-insensitive).
///
/// Checked in this order, the first hit wins (specific before general, so "Studiedag, eleverna
/// lediga" is a study day):
/// 1. [`EventKind::StudyDay`]: "studiedag", "stängt"/"stängd";
/// 2. [`EventKind::ParentMeeting`]: "föräldramöte", "utvecklingssamtal";
/// 3. [`EventKind::Excursion`]: "utflykt", "friluftsdag";
/// 4. [`EventKind::Holiday`] (a day off): a word ending in "lov"/"lovet" (höstlov, jullovet), a
///    word starting with "ledig", a public holiday ("… (röd dag)", "helgdag", a holiday's name:
///    [`crate::holidays::is_public_holiday`]);
/// 5. [`EventKind::Test`]: a word starting or ending with "prov" (prov, matteprovet, provvecka);
/// 6. otherwise [`EventKind::Other`].
pub fn classify_event(title: &str) -> EventKind {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let any = |f: &dyn Fn(&str) -> bool| words.iter().any(|w| f(w));
    if lower.contains("studiedag") || lower.contains("stängt") || lower.contains("stängd") {
        EventKind::StudyDay
    } else if lower.contains("föräldramöte") || lower.contains("utvecklingssamtal") {
        EventKind::ParentMeeting
    } else if lower.contains("utflykt") || lower.contains("friluftsdag") {
        EventKind::Excursion
    } else if any(&|w| w.ends_with("lov") || w.ends_with("lovet") || w.starts_with("ledig"))
        || crate::holidays::is_public_holiday(&lower)
    {
        EventKind::Holiday
    } else if any(&|w| w.starts_with("prov") || w.ends_with("prov") || w.ends_with("provet")) {
        EventKind::Test
    } else {
        EventKind::Other
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Plain text stays as sent; HTML (Outlook documents) becomes Markdown.
fn description(raw: Option<String>) -> Option<String> {
    let text = non_empty(raw)?;
    if text.contains('<') {
        non_empty(Some(html_to_markdown(&text, None)))
    } else {
        Some(text)
    }
}

fn instant(long: Option<&str>, short: Option<&str>) -> Option<ZonedDateTime> {
    long.and_then(parse_date)
        .or_else(|| short.and_then(parse_date))
}

fn timing(raw: &RawEvent) -> Option<EventTiming> {
    let start = instant(
        raw.long_event_date_time.as_deref(),
        raw.event_date.as_deref(),
    )?;
    let end = instant(raw.long_end_date_time.as_deref(), raw.end_date.as_deref())
        .filter(|end| *end >= start)
        .unwrap_or_else(|| start.clone());
    Some(if raw.all_day_event {
        let start = crate::time::local_date(&start);
        let end = crate::time::local_date(&end).max(start);
        EventTiming::AllDay { start, end }
    } else {
        EventTiming::Timed { start, end }
    })
}

fn map(raw: Vec<RawEvent>, child: &Child, schedule: bool) -> Vec<CalendarEvent> {
    let mut skipped = 0usize;
    let events: Vec<CalendarEvent> = raw
        .into_iter()
        .filter_map(|event| {
            let Some(timing) = timing(&event) else {
                skipped += 1;
                return None;
            };
            let title = event.title.clone().unwrap_or_default();
            let local = match event.id {
                Some(id) if id != 0 && !schedule => id.to_string(),
                _ => format!(
                    "{}-{}",
                    if schedule { "schema" } else { "event" },
                    short_hash(&[
                        &title,
                        event.long_event_date_time.as_deref().unwrap_or(""),
                        event.long_end_date_time.as_deref().unwrap_or(""),
                        event.location.as_deref().unwrap_or(""),
                    ])
                ),
            };
            let kind = if schedule {
                EventKind::Schedule
            } else {
                classify_event(&title)
            };
            Some(CalendarEvent {
                id: EntityId::for_child(&child.id, EntityKind::CalendarEvent, &local),
                child_id: child.id.clone(),
                title,
                description: description(event.description),
                location: non_empty(event.location),
                timing,
                kind,
            })
        })
        .collect();
    if skipped > 0 {
        tracing::debug!(
            skipped,
            "calendar items without a readable start were skipped"
        );
    }
    events
}

/// Parses `GetSchoolCalender` into calendar events of `child`.
///
/// Id from `Id` (a hash of title, times and location when it is 0 or missing); `AllDayEvent`
/// decides between whole days (`EventDate`…`EndDate`, inclusive) and instants
/// (`LongEventDateTime`…`LongEndDateTime`); an end before the start is the start; kind from
/// [`classify_event`]; an HTML description (Outlook document) becomes Markdown. Items without a
/// readable start are skipped (logged at debug level).
pub fn school_calendar(body: &str, child: &Child) -> Result<Vec<CalendarEvent>> {
    let raw: Vec<RawEvent> = envelope::list("GetSchoolCalender", body)?;
    Ok(map(raw, child, false))
}

/// Parses `GetSchema` (the child's personal schedule) like [`school_calendar`], with kind
/// [`EventKind::Schedule`] and ids from a hash (upstream sends `Id` 0). `Success: false` with
/// exactly "A task was canceled." (a child without a schedule) is an empty list.
pub fn schedule(body: &str, child: &Child) -> Result<Vec<CalendarEvent>> {
    const ENDPOINT: &str = "GetSchema";
    match envelope::open::<Vec<RawEvent>>(ENDPOINT, body)? {
        envelope::Opened::Ok(raw) => Ok(map(raw.unwrap_or_default(), child, true)),
        envelope::Opened::Failed(message) if message == NO_SCHEDULE => Ok(Vec::new()),
        envelope::Opened::Failed(message) => Err(envelope::failure(ENDPOINT, &message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_kinds() {
        for (title, kind) in [
            ("Höstlov", EventKind::Holiday),
            ("Jullovet börjar", EventKind::Holiday),
            ("Nationell helgdag", EventKind::Holiday),
            ("Klämdag – eleverna lediga", EventKind::Holiday),
            ("Studiedag, eleverna lediga", EventKind::StudyDay),
            ("Fritids stängt", EventKind::StudyDay),
            ("Föräldramöte åk 3", EventKind::ParentMeeting),
            ("Utvecklingssamtal", EventKind::ParentMeeting),
            ("Utflykt till Skansen", EventKind::Excursion),
            ("Friluftsdag", EventKind::Excursion),
            ("Nationella prov i matematik", EventKind::Test),
            ("Provvecka", EventKind::Test),
            ("Matteprovet", EventKind::Test),
            ("Julavslutning", EventKind::Other),
            ("Klovnshow", EventKind::Other),
        ] {
            assert_eq!(classify_event(title), kind, "{title}");
        }
    }
}
