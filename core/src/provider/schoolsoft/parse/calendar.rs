//! `GET {S}rest-api/parent/calendar/lessons/agenda`, `…/lessons/week/<w>` and
//! `…/event/agenda` (web REST, cookies): one bare array of one item shape, lessons and school
//! events. Times are local Swedish time without zone.

use serde::{Deserialize, Serialize};

use super::util::{de_id, de_text, local_datetime, zoned};
use crate::error::Result;
use crate::model::{
    AttendanceRecord, AttendanceStatus, CalendarEvent, Child, EntityId, EntityKind, EventKind,
    EventTiming, Subject, TimetableLesson,
};
use crate::provider::upstream_json::decode;

/// One agenda item as SchoolSoft sends it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    /// `eventId`.
    #[serde(default, deserialize_with = "de_id")]
    pub event_id: Option<String>,
    /// Course code for lessons (`SOISOO0`), `Lunch`, or an event's title.
    #[serde(default, deserialize_with = "de_text")]
    pub name: Option<String>,
    /// The same as `name` for lessons; text for events.
    #[serde(default, deserialize_with = "de_text")]
    pub description: Option<String>,
    /// `YYYY-MM-DDTHH:mm`, local.
    #[serde(default, deserialize_with = "de_text")]
    pub start_date: Option<String>,
    /// `YYYY-MM-DDTHH:mm`, local.
    #[serde(default, deserialize_with = "de_text")]
    pub end_date: Option<String>,
    /// Whole days.
    #[serde(default)]
    pub all_day: bool,
    /// Room(s); may be empty.
    #[serde(default, deserialize_with = "de_text")]
    pub room: Option<String>,
    /// Teaching group (`SOISOO0_7B`; the class for lunch).
    #[serde(default, deserialize_with = "de_text")]
    pub teaching_group: Option<String>,
    /// "Förnamn Efternamn"; may be empty.
    #[serde(default, deserialize_with = "de_text")]
    pub teacher: Option<String>,
    /// `lesson` or `event`.
    #[serde(default, deserialize_with = "de_text")]
    pub category: Option<String>,
    /// The child's attendance (week form only).
    #[serde(default)]
    pub student_lesson_status: Option<LessonStatus>,
}

/// `studentLessonStatus` of the week form.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LessonStatus {
    /// Minutes absent (a guess: the field is named `absence`).
    #[serde(default)]
    pub absence: Option<i64>,
    /// Comment.
    #[serde(default, deserialize_with = "de_text")]
    pub comment: Option<String>,
    /// Reason.
    #[serde(default, deserialize_with = "de_text")]
    pub reason: Option<String>,
    /// Status code (assumed to be the Eva codes: 1 present, 2 absent, 3 explained, 4 reported
    /// by a guardian, 750 leave).
    #[serde(default)]
    pub status: Option<i64>,
}

impl AgendaItem {
    /// True for a lesson (or lunch) item.
    pub fn is_lesson(&self) -> bool {
        self.category.as_deref() != Some("event")
    }

    /// The title and description a schedule list shows: "SOISOO0 Sal 12" and
    /// "SOISOO0_7B · Tor Testsson".
    pub fn schedule_text(&self) -> (String, String) {
        let join = |parts: [Option<&str>; 2], sep: &str| {
            parts.into_iter().flatten().collect::<Vec<_>>().join(sep)
        };
        (
            join([self.name.as_deref(), self.room.as_deref()], " "),
            join(
                [self.teaching_group.as_deref(), self.teacher.as_deref()],
                " · ",
            ),
        )
    }
}

/// Parses an agenda answer into its items.
pub fn parse_agenda(endpoint: &str, body: &str) -> Result<Vec<AgendaItem>> {
    let items: Vec<serde_json::Value> = decode(endpoint, body)?;
    // One odd item is skipped, not the whole answer.
    Ok(items
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

/// The lessons (and lunches) of an agenda answer.
pub fn lessons(items: &[AgendaItem], child: &Child) -> Vec<TimetableLesson> {
    items
        .iter()
        .filter(|i| i.is_lesson())
        .filter_map(|i| {
            let id = i.event_id.as_deref()?;
            let start = zoned(local_datetime(i.start_date.as_deref()?)?);
            let end = zoned(local_datetime(i.end_date.as_deref()?)?);
            let code = i.name.clone().unwrap_or_default();
            Some(TimetableLesson {
                id: EntityId::for_child(&child.id, EntityKind::Lesson, id),
                child_id: child.id.clone(),
                subject: Subject {
                    name: code.clone(),
                    code,
                    category: String::new(),
                },
                comment: None,
                teacher: i.teacher.clone(),
                room: i.room.clone(),
                start,
                end,
                block_name: i.teaching_group.clone(),
            })
        })
        .collect()
}

/// The school events (`category: "event"`) of an agenda answer.
pub fn events(items: &[AgendaItem], child: &Child) -> Vec<CalendarEvent> {
    items
        .iter()
        .filter(|i| !i.is_lesson())
        .filter_map(|i| {
            let id = i.event_id.as_deref()?;
            let start = local_datetime(i.start_date.as_deref()?)?;
            let end = local_datetime(i.end_date.as_deref()?)?;
            let timing = if i.all_day {
                EventTiming::AllDay {
                    start: start.date(),
                    end: end.date().max(start.date()),
                }
            } else {
                EventTiming::Timed {
                    start: zoned(start),
                    end: zoned(end),
                }
            };
            let title = i.name.clone().unwrap_or_default();
            Some(CalendarEvent {
                id: EntityId::for_child(&child.id, EntityKind::CalendarEvent, id),
                child_id: child.id.clone(),
                kind: kind_of(&title),
                title,
                description: i.description.clone(),
                location: i.room.clone(),
                timing,
            })
        })
        .collect()
}

fn kind_of(title: &str) -> EventKind {
    let t = title.to_lowercase();
    if t.contains("studiedag") || t.contains("planeringsdag") {
        EventKind::StudyDay
    } else if t.contains("föräldramöte") || t.contains("utvecklingssamtal") {
        EventKind::ParentMeeting
    } else if t.ends_with("lov") || t.contains("lov ") || crate::holidays::is_public_holiday(&t) {
        EventKind::Holiday
    } else if t.contains("utflykt") || t.contains("friluftsdag") || t.contains("studiebesök") {
        EventKind::Excursion
    } else if t.contains("prov") {
        EventKind::Test
    } else {
        EventKind::Other
    }
}

/// The attendance of the week form's lessons that carry a `studentLessonStatus`.
pub fn attendance(items: &[AgendaItem], child: &Child) -> Vec<AttendanceRecord> {
    items
        .iter()
        .filter_map(|i| {
            let status = i.student_lesson_status.as_ref()?;
            let code = status.status?;
            let id = i.event_id.as_deref()?;
            let start = local_datetime(i.start_date.as_deref()?)?;
            let end = i.end_date.as_deref().and_then(local_datetime);
            let (mapped, kind) = match code {
                1 => (AttendanceStatus::Present, "present"),
                2 => (AttendanceStatus::Absent, "absent"),
                3 => (AttendanceStatus::Absent, "explained"),
                4 => (AttendanceStatus::Absent, "reported_by_guardian"),
                750 => (AttendanceStatus::Absent, "leave"),
                _ => return None,
            };
            Some(AttendanceRecord {
                id: EntityId::for_child(&child.id, EntityKind::Attendance, id),
                child_id: child.id.clone(),
                date: start.date(),
                lesson: i.name.clone(),
                start: Some(zoned(start)),
                end: end.map(zoned),
                status: mapped,
                registration_type: Some(kind.to_owned()),
                reason: status.reason.clone(),
                comment: status.comment.clone(),
                reported_by: None,
                minutes: status
                    .absence
                    .and_then(|m| u32::try_from(m).ok())
                    .filter(|m| *m > 0),
            })
        })
        .collect()
}
