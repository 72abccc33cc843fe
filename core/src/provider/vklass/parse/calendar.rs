//! `POST /Events/FullCalendar`: lessons, assignments, holidays and other events of one child
//! (the provider asks for one pupil per call and attributes every item to that child).

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use super::absence::local_datetime;
use crate::error::{Error, Result};
use crate::markdown::html_to_markdown;
use crate::model::{
    Assignment, AssignmentStatus, CalendarEvent, EntityId, EntityKind, EventKind, EventTiming,
    Subject, TimetableLesson,
};

const ENDPOINT: &str = "FullCalendar";

/// Vklass's `eventType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum VklassKind {
    /// 1: a lesson.
    Lesson,
    /// 2: an assignment ("Uppgifter").
    Assignment,
    /// 4: an event ("Händelser").
    Event,
    /// 8: a vacant day (holiday, break).
    VacantDay,
    /// 16: planning.
    Planning,
    /// 32: internship.
    Internship,
    /// Any other number.
    Other,
}

impl VklassKind {
    fn of(n: Option<i64>) -> Self {
        match n {
            Some(1) => VklassKind::Lesson,
            Some(2) => VklassKind::Assignment,
            Some(4) => VklassKind::Event,
            Some(8) => VklassKind::VacantDay,
            Some(16) => VklassKind::Planning,
            Some(32) => VklassKind::Internship,
            _ => VklassKind::Other,
        }
    }
}

/// One calendar item as Vklass sent it (the fields Skolbryggan uses).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawEvent {
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Local `YYYY-MM-DD HH:mm`.
    #[serde(default)]
    pub start: Option<String>,
    /// Local `YYYY-MM-DD HH:mm`, null for assignments.
    #[serde(default)]
    pub end: Option<String>,
    /// All-day item.
    #[serde(default)]
    pub all_day: Option<bool>,
    /// Child's first name, a school name, or null.
    #[serde(default)]
    pub context: Option<String>,
    /// Room.
    #[serde(default)]
    pub location: Option<String>,
    /// Lesson note or code; assignment HTML.
    #[serde(default)]
    pub text: Option<String>,
    /// `/Calendar/<Kind>/<n>`.
    #[serde(default)]
    pub detail_url: Option<String>,
    /// Event type number.
    #[serde(default)]
    pub event_type: Option<i64>,
    /// Cancelled lesson.
    #[serde(default)]
    pub cancelled: Option<bool>,
    /// Position in the answer.
    #[serde(default)]
    pub sort_index: Option<i64>,
}

impl RawEvent {
    /// The item's kind.
    pub fn kind(&self) -> VklassKind {
        VklassKind::of(self.event_type)
    }

    /// The number at the end of `detailUrl` (none when missing or all zeros).
    pub fn detail_id(&self) -> Option<String> {
        let url = self.detail_url.as_deref()?;
        let last = url.trim_end_matches('/').rsplit('/').next()?;
        (!last.is_empty()
            && last.bytes().all(|b| b.is_ascii_digit())
            && last.bytes().any(|b| b != b'0'))
        .then(|| last.to_owned())
    }
}

/// Parses the answer into raw items (an array; anything else is [`Error::Parse`]).
pub fn parse_raw(body: &str) -> Result<Vec<RawEvent>> {
    serde_json::from_str(body).map_err(|e| Error::parse(ENDPOINT, e))
}

/// Reads `HH:mm` or `HH:mm:ss`.
pub(crate) fn parse_time(s: &str) -> Option<Time> {
    let mut parts = s.trim().split(':');
    let h: i8 = parts.next()?.trim().parse().ok()?;
    let m: i8 = parts.next()?.trim().parse().ok()?;
    let sec: i8 = match parts.next() {
        Some(p) => p.trim().parse().ok()?,
        None => 0,
    };
    Time::new(h, m, sec, 0).ok()
}

/// True when a lesson's `text` is a short subject code (`SV`, `IDH`, `ARB-PASS`) rather than
/// a teacher's note.
pub fn is_short_code(text: &str) -> bool {
    let t = text.trim();
    let mut chars = t.chars();
    let upper = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || "ÅÄÖ".contains(c);
    match chars.next() {
        Some(c) if upper(c) => {}
        _ => return false,
    }
    t.chars().count() <= 12 && chars.all(|c| upper(c) || c == '_' || c == '-')
}

/// A lesson title split into subject name (if any) and group: `"Svenska (1B/SV)"` →
/// (`Some("Svenska")`, `"1B/SV"`), `"4A/BIFYKE"` → (`None`, `"4A/BIFYKE"`).
pub fn split_title(title: &str) -> (Option<String>, String) {
    let t = title.trim();
    if let Some(open) = t.rfind(" (")
        && t.ends_with(')')
    {
        let name = t.get(..open).unwrap_or("").trim();
        let group = t.get(open + 2..t.len() - 1).unwrap_or("").trim();
        if !name.is_empty() && !group.is_empty() {
            return (Some(name.to_owned()), group.to_owned());
        }
    }
    (None, t.to_owned())
}

/// The course code of a group: after the last `/`, without a `:<digits>` suffix.
pub fn course_code(group: &str) -> String {
    let last = group.rsplit('/').next().unwrap_or(group);
    match last.split_once(':') {
        Some((code, n)) if n.bytes().all(|b| b.is_ascii_digit()) => code.to_owned(),
        _ => last.to_owned(),
    }
}

fn note(text: &str) -> Option<String> {
    let t = text.replace("\r\n", "\n");
    let t = t.trim();
    (!t.is_empty() && !is_short_code(t)).then(|| t.to_owned())
}

fn markdown(text: &str) -> Option<String> {
    let md = html_to_markdown(&text.replace("\r\n", "\n"), None);
    let md = md.trim();
    (!md.is_empty()).then(|| md.to_owned())
}

/// One child's calendar, split into the model's kinds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarEntries {
    /// Every item except lessons (those are the timetable), in input order.
    pub events: Vec<CalendarEvent>,
    /// The lessons.
    pub lessons: Vec<TimetableLesson>,
    /// The assignments.
    pub assignments: Vec<Assignment>,
}

fn local_id(e: &RawEvent, index: usize) -> String {
    e.detail_id()
        .unwrap_or_else(|| format!("i{}", e.sort_index.unwrap_or(index as i64)))
}

fn timing(e: &RawEvent) -> Option<EventTiming> {
    let start = local_datetime(e.start.as_deref()?)?;
    let end = e.end.as_deref().and_then(local_datetime);
    if e.all_day.unwrap_or(false) {
        let end_date = end.map_or(start.date(), |d| d.date()).max(start.date());
        return Some(EventTiming::AllDay {
            start: start.date(),
            end: end_date,
        });
    }
    let start_z = crate::time::local(start);
    let end_z = end.map_or(start_z.clone(), crate::time::local);
    let end_z = if end_z < start_z {
        start_z.clone()
    } else {
        end_z
    };
    Some(EventTiming::Timed {
        start: start_z,
        end: end_z,
    })
}

fn event_kind(e: &RawEvent, title: &str) -> EventKind {
    match e.kind() {
        VklassKind::VacantDay => EventKind::Holiday,
        VklassKind::Assignment => EventKind::Test,
        VklassKind::Lesson => EventKind::Schedule,
        _ if crate::holidays::is_public_holiday(title) => EventKind::Holiday,
        _ => EventKind::Other,
    }
}

/// Parses one child's `FullCalendar` answer. Items without a readable start are skipped.
pub fn parse_calendar(body: &str, child: &EntityId) -> Result<CalendarEntries> {
    let raw = parse_raw(body)?;
    let mut out = CalendarEntries::default();
    for (i, e) in raw.iter().enumerate() {
        let Some(timing) = timing(e) else { continue };
        let title = e.title.clone().unwrap_or_default();
        let local = local_id(e, i);
        match e.kind() {
            VklassKind::Lesson => {
                if let Some(lesson) = lesson(e, child, &local, &title) {
                    out.lessons.push(lesson);
                }
            }
            VklassKind::Assignment => {
                out.assignments.push(Assignment {
                    id: EntityId::for_child(child, EntityKind::Assignment, &local),
                    child_id: child.clone(),
                    title: title.trim().to_owned(),
                    description_markdown: e.text.as_deref().and_then(markdown),
                    subject: None,
                    due: Some(timing.first_date()),
                    due_at: None,
                    assigned: None,
                    status: AssignmentStatus::Unknown,
                    status_text: None,
                    overdue: false,
                    url: None,
                });
                out.events.push(event(e, child, &local, &title, timing));
            }
            _ => out.events.push(event(e, child, &local, &title, timing)),
        }
    }
    Ok(out)
}

fn event(
    e: &RawEvent,
    child: &EntityId,
    local: &str,
    title: &str,
    timing: EventTiming,
) -> CalendarEvent {
    let description = match e.kind() {
        VklassKind::Lesson => e.text.as_deref().and_then(note),
        _ => e.text.as_deref().and_then(markdown),
    };
    CalendarEvent {
        id: EntityId::for_child(child, EntityKind::CalendarEvent, local),
        child_id: child.clone(),
        title: title.to_owned(),
        description,
        location: e.location.clone().filter(|l| !l.trim().is_empty()),
        kind: event_kind(e, title),
        timing,
    }
}

/// The subject of a lesson from its title and text.
pub fn lesson_subject(title: &str, text: Option<&str>) -> (Subject, String) {
    let (name, group) = split_title(title);
    let code = match text.map(str::trim) {
        Some(t) if is_short_code(t) => t.to_owned(),
        _ => course_code(&group),
    };
    let (resolved, _) = crate::curriculum::resolve(&code, "sv");
    let subject = Subject {
        name: name.unwrap_or(resolved.name),
        category: resolved.category,
        code,
    };
    (subject, group)
}

fn lesson(e: &RawEvent, child: &EntityId, local: &str, title: &str) -> Option<TimetableLesson> {
    let start = crate::time::local(local_datetime(e.start.as_deref()?)?);
    let end = crate::time::local(local_datetime(e.end.as_deref()?)?);
    let (subject, group) = lesson_subject(title, e.text.as_deref());
    let mut comment = e.text.as_deref().and_then(note);
    if e.cancelled.unwrap_or(false) {
        comment = Some(match comment {
            Some(c) => format!("Inställd: {c}"),
            None => "Inställd".to_owned(),
        });
    }
    Some(TimetableLesson {
        id: EntityId::for_child(child, EntityKind::Lesson, local),
        child_id: child.clone(),
        subject,
        comment,
        teacher: None,
        room: e.location.clone().filter(|l| !l.trim().is_empty()),
        start,
        end: end.max(crate::time::local(local_datetime(e.start.as_deref()?)?)),
        block_name: Some(group),
    })
}

/// The first and last date a request window covers, as the `start`/`end` form values (local
/// midnights with offset, as the browser sends them; `end` is the day after `last`).
pub fn window(first: Date, last: Date) -> (String, String) {
    let fmt = |d: Date| {
        crate::time::start_of_day(d)
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    (fmt(first), fmt(last.tomorrow().unwrap_or(last)))
}
