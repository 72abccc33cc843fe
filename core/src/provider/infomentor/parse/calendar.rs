//! The calendar app: `calendarv2/getentries`. Entries whose `url` is `/task/show/<id>` are
//! assignments, not events.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Availability;
use super::util::{self, de_bool, de_text};
use crate::error::Result;
use crate::model::{
    Assignment, AssignmentStatus, CalendarEvent, EntityId, EntityKind, EventKind, EventTiming,
};

const ENDPOINT: &str = "getentries";

/// What one `getentries` answer holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarEntries {
    /// The calendar events.
    pub events: Vec<CalendarEvent>,
    /// The entries that are assignments (`url` `/task/show/<id>`); the id is the task id, so
    /// they merge with the same task read from `GetTasks`.
    pub assignments: Vec<Assignment>,
}

#[derive(Deserialize)]
struct RawSubject {
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEntry {
    #[serde(default, deserialize_with = "de_text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    text: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    description: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    is_all_day_event: bool,
    #[serde(default, deserialize_with = "de_text")]
    start_date_full: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    end_date_full: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    start_date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    end_date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    start_time: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    end_time: Option<String>,
    #[serde(default, deserialize_with = "util::de_list")]
    subjects: Vec<Value>,
    #[serde(default, deserialize_with = "de_text")]
    url: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    calendar_entry_type_id: Option<String>,
}

/// The school's calendar entry types (`calendarv2/appData.calendarEntryTypes[] {id, name}`):
/// entry type id → the kind its name stands for (types whose name says nothing are left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarTypes {
    kinds: Vec<(String, EventKind)>,
}

impl CalendarTypes {
    /// The kind of an entry type id, when its name tells one.
    pub fn kind_of(&self, type_id: &str) -> Option<EventKind> {
        self.kinds
            .iter()
            .find(|(id, _)| id == type_id)
            .map(|(_, k)| *k)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAppData {
    #[serde(default, deserialize_with = "util::de_list")]
    calendar_entry_types: Vec<Value>,
}

#[derive(Deserialize)]
struct RawType {
    #[serde(default, deserialize_with = "de_text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    name: Option<String>,
}

/// Parses `calendarv2/appData` for its entry types.
pub fn parse_app_data(body: &str) -> Result<Availability<CalendarTypes>> {
    Ok(
        util::json_object::<RawAppData>("calendarv2/appData", body)?.map(|raw| CalendarTypes {
            kinds: util::decode_items::<RawType>("calendarv2/appData", raw.calendar_entry_types)
                .into_iter()
                .filter_map(|t| {
                    let kind = type_kind(t.name.as_deref()?)?;
                    Some((t.id?, kind))
                })
                .collect(),
        }),
    )
}

/// The kind a type name stands for ("Lov", "Helgdag", "Röd dag" → a day off; "Studiedag";
/// "Prov"; "Utflykt"; "Föräldramöte"); `None` for a name that says nothing ("Händelse").
fn type_kind(name: &str) -> Option<EventKind> {
    match kind_of(name) {
        EventKind::Other => None,
        kind => Some(kind),
    }
}

/// Parses `getentries` (a bare array, or `{ items: [...] }`).
pub fn parse_entries(body: &str, child: &EntityId) -> Result<Availability<CalendarEntries>> {
    parse_entries_with_types(body, child, &CalendarTypes::default())
}

/// Like [`parse_entries`], with the school's entry types: an entry whose type is a holiday type
/// (the calendar's own "Lov"/"Helgdag") is a day off whatever its title says; other entries are
/// classed by their title.
pub fn parse_entries_with_types(
    body: &str,
    child: &EntityId,
    types: &CalendarTypes,
) -> Result<Availability<CalendarEntries>> {
    Ok(
        util::json_body::<util::ListBody>(ENDPOINT, body)?.map(|raw| {
            let mut out = CalendarEntries::default();
            for entry in util::decode_items::<RawEntry>(ENDPOINT, raw.into_items()) {
                if let Some(task_id) = task_id(entry.url.as_deref()) {
                    if let Some(a) = assignment(&entry, &task_id, child) {
                        out.assignments.push(a);
                    }
                } else if let Some(e) = event(&entry, child, types) {
                    out.events.push(e);
                }
            }
            out.events.sort_by_key(|e| e.timing.first_date());
            out
        }),
    )
}

/// The task id of an entry that is an assignment (`/task/show/880001`, also `/#/task/show/…`).
fn task_id(url: Option<&str>) -> Option<String> {
    let u = url?.trim().trim_start_matches("/#");
    let lower = u.to_ascii_lowercase();
    let rest = lower.strip_prefix("/task/show/")?;
    let id: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!id.is_empty()).then_some(id)
}

fn body_markdown(entry: &RawEntry) -> Option<String> {
    util::markdown_opt(entry.text.as_deref())
        .or_else(|| util::markdown_opt(entry.description.as_deref()))
}

fn timing(entry: &RawEntry) -> Option<EventTiming> {
    let start_date = entry
        .start_date_full
        .as_deref()
        .or(entry.start_date.as_deref())
        .and_then(util::local_date)?;
    if entry.is_all_day_event {
        // The end is exclusive (`…T00:00:00` of the next day) when given as a full date-time.
        let end_full = entry.end_date_full.as_deref();
        let end = match end_full.and_then(util::local_datetime) {
            Some(end) if end.hour() == 0 && end.minute() == 0 => {
                let d = end.date();
                if d > start_date {
                    d.yesterday().unwrap_or(d)
                } else {
                    d
                }
            }
            Some(end) => end.date(),
            None => entry
                .end_date
                .as_deref()
                .and_then(util::local_date)
                .unwrap_or(start_date),
        };
        return Some(EventTiming::AllDay {
            start: start_date,
            end: end.max(start_date),
        });
    }
    let start = entry
        .start_date_full
        .as_deref()
        .and_then(util::local_datetime)
        .or_else(|| {
            let t = util::clock_time(entry.start_time.as_deref()?)?;
            Some(util::at(start_date, t))
        })?;
    let end = entry
        .end_date_full
        .as_deref()
        .and_then(util::local_datetime)
        .or_else(|| {
            let d = entry
                .end_date
                .as_deref()
                .and_then(util::local_date)
                .unwrap_or(start_date);
            let t = util::clock_time(entry.end_time.as_deref()?)?;
            Some(util::at(d, t))
        })
        .filter(|end| *end >= start)
        .unwrap_or_else(|| start.clone());
    Some(EventTiming::Timed { start, end })
}

fn event(entry: &RawEntry, child: &EntityId, types: &CalendarTypes) -> Option<CalendarEvent> {
    let title = entry.title.clone().unwrap_or_default();
    let Some(timing) = timing(entry) else {
        tracing::warn!(
            endpoint = ENDPOINT,
            "skipped an entry without a readable date"
        );
        return None;
    };
    let local = match &entry.id {
        Some(id) => id.clone(),
        None => util::stable_hash(&[&title, &timing.first_date().to_string()]),
    };
    Some(CalendarEvent {
        id: EntityId::for_child(child, EntityKind::CalendarEvent, &local),
        child_id: child.clone(),
        kind: entry
            .calendar_entry_type_id
            .as_deref()
            .and_then(|t| types.kind_of(t))
            .unwrap_or_else(|| kind_of(&title)),
        title,
        description: body_markdown(entry),
        location: None,
        timing,
    })
}

fn assignment(entry: &RawEntry, task_id: &str, child: &EntityId) -> Option<Assignment> {
    let due = entry
        .start_date_full
        .as_deref()
        .or(entry.start_date.as_deref())
        .and_then(util::local_date);
    let subject = entry
        .subjects
        .iter()
        .filter_map(|s| serde_json::from_value::<RawSubject>(s.clone()).ok())
        .filter_map(|s| s.title)
        .collect::<Vec<_>>()
        .join(", ");
    Some(Assignment {
        id: EntityId::for_child(child, EntityKind::Assignment, task_id),
        child_id: child.clone(),
        title: entry.title.clone().unwrap_or_default(),
        description_markdown: body_markdown(entry),
        subject: (!subject.is_empty()).then_some(subject),
        due,
        due_at: None,
        assigned: None,
        status: AssignmentStatus::Unknown,
        status_text: None,
        overdue: false,
        url: Some(format!("{}/#/task/show/{task_id}", util::HUB_ORIGIN)),
    })
}

/// The event kind from the title (or a type name). A public holiday ("Nationaldagen (röd
/// dag)", "helgdag", the names of the Swedish public holidays) and a school holiday ("…lov")
/// are days off ([`EventKind::Holiday`]).
fn kind_of(title: &str) -> EventKind {
    let t = title.to_lowercase();
    if t.contains("studiedag") || t.contains("planeringsdag") {
        EventKind::StudyDay
    } else if t.contains("föräldramöte")
        || t.contains("utvecklingssamtal")
        || t.contains("föräldrasamtal")
    {
        EventKind::ParentMeeting
    } else if t.ends_with("lov")
        || t.contains("lov ")
        || t.contains("lovdag")
        || crate::holidays::is_public_holiday(&t)
    {
        EventKind::Holiday
    } else if t.contains("utflykt") || t.contains("friluftsdag") || t.contains("studiebesök") {
        EventKind::Excursion
    } else if t.contains("prov") || t.contains("förhör") {
        EventKind::Test
    } else {
        EventKind::Other
    }
}
