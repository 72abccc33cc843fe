//! The timetable app: `timetable/appData` (a rolling window of lessons) and
//! `timetable/gettimetablelist` (lessons of a date range). Both carry the same lesson items.

use serde::Deserialize;
use serde_json::Value;

use super::Availability;
use super::util::{self, de_text};
use crate::error::Result;
use crate::model::{EntityId, EntityKind, Subject, TimetableLesson};

const APP_DATA: &str = "timetable/appData";
const LIST: &str = "gettimetablelist";

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawNotes {
    #[serde(default, deserialize_with = "de_text")]
    room_info: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    tutors: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    timetable_notes: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawLesson {
    #[serde(default, deserialize_with = "de_text")]
    start: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    end: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default)]
    notes: Option<RawNotes>,
    #[serde(default, deserialize_with = "de_text")]
    details: Option<String>,
}

#[derive(Deserialize)]
struct RawAppData {
    #[serde(default, deserialize_with = "util::de_list")]
    items: Vec<Value>,
}

/// Parses `timetable/appData` (its `items`; `maxDate`/`minDate` are ignored).
pub fn parse_app_data(body: &str, child: &EntityId) -> Result<Availability<Vec<TimetableLesson>>> {
    Ok(util::json_object::<RawAppData>(APP_DATA, body)?
        .map(|raw| lessons(APP_DATA, raw.items, child)))
}

/// Parses `gettimetablelist` (a bare array, or `{ items: [...] }`).
pub fn parse_timetable_list(
    body: &str,
    child: &EntityId,
) -> Result<Availability<Vec<TimetableLesson>>> {
    Ok(util::json_body::<util::ListBody>(LIST, body)?
        .map(|raw| lessons(LIST, raw.into_items(), child)))
}

fn lessons(endpoint: &str, items: Vec<Value>, child: &EntityId) -> Vec<TimetableLesson> {
    let mut out: Vec<TimetableLesson> = util::decode_items::<RawLesson>(endpoint, items)
        .into_iter()
        .filter_map(|raw| lesson(endpoint, raw, child))
        .collect();
    out.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then_with(|| a.subject.name.cmp(&b.subject.name))
    });
    out
}

fn lesson(endpoint: &str, raw: RawLesson, child: &EntityId) -> Option<TimetableLesson> {
    let start_text = raw.start?;
    let end_text = raw.end?;
    let (Some(start), Some(end)) = (
        util::local_datetime(&start_text),
        util::local_datetime(&end_text),
    ) else {
        tracing::warn!(endpoint, "skipped a lesson with unreadable times");
        return None;
    };
    let end = if end < start { start.clone() } else { end };
    let title = raw.title.unwrap_or_default();
    let notes = raw.notes.unwrap_or_default();
    let code = if title.to_lowercase().contains("lunch") {
        "LUNCH".to_owned()
    } else {
        String::new()
    };
    // No lesson ids upstream: key by start, end and title.
    let local = util::stable_hash(&[&start_text, &end_text, &title]);
    Some(TimetableLesson {
        id: EntityId::for_child(child, EntityKind::Lesson, &local),
        child_id: child.clone(),
        subject: Subject {
            code,
            name: title,
            category: String::new(),
        },
        comment: notes.timetable_notes,
        teacher: notes.tutors,
        room: notes.room_info.or(raw.details),
        start,
        end,
        block_name: None,
    })
}
