//! The change feed: what a refresh found new, changed or cancelled, per child.

use std::collections::HashMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::resource::ResourceData;
use crate::model::EntityId;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A news item appeared.
    NewsAdded,
    /// A news item's title, body or modification time changed.
    NewsUpdated,
    /// A notification appeared.
    NotificationAdded,
    /// A calendar event appeared.
    EventAdded,
    /// A calendar event's time changed.
    EventMoved,
    /// A calendar event disappeared from a week that was fetched again.
    EventCancelled,
    /// A week's lunch menu changed.
    MenuChanged,
    /// A week's timetable changed.
    TimetableChanged,
    /// An assignment or homework appeared.
    AssignmentAdded,
    /// An assignment's title, description, due date or status changed.
    AssignmentChanged,
    /// An attendance registration appeared (or its status changed), e.g. an absence.
    AttendanceRegistered,
    /// A day's care times changed (new, times, leave, closed).
    CareTimeChanged,
}

/// One entry of the change feed. Stored sealed; the title never leaves the device in plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Position in the feed (grows with every change; unique per cache).
    pub id: i64,
    /// The child the change is about.
    pub child_id: EntityId,
    /// What changed.
    pub kind: ChangeKind,
    /// The news item, notification or event (for menu and timetable: the first changed item).
    pub entity_id: EntityId,
    /// A title to show ("Lucia i aulan", "Lunch v. 48").
    pub title: String,
    /// When the change was seen.
    pub at: Timestamp,
    /// True once the user has seen it.
    pub read: bool,
}

/// A change before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChange {
    /// The child.
    pub child_id: EntityId,
    /// What changed.
    pub kind: ChangeKind,
    /// The entity.
    pub entity_id: EntityId,
    /// A title to show.
    pub title: String,
}

fn change(child: &EntityId, kind: ChangeKind, entity: &EntityId, title: &str) -> NewChange {
    NewChange {
        child_id: child.clone(),
        kind,
        entity_id: entity.clone(),
        title: title.to_owned(),
    }
}

/// The changes between the cached value `old` and the fetched value `new` of the same resource
/// of `child`. Kinds without a feed (children, contacts, …) give none.
pub fn diff(child: &EntityId, old: &ResourceData, new: &ResourceData) -> Vec<NewChange> {
    let mut out = Vec::new();
    match (old, new) {
        (ResourceData::News(old), ResourceData::News(new)) => {
            let before: HashMap<&EntityId, _> = old.iter().map(|n| (&n.id, n)).collect();
            for item in new {
                match before.get(&item.id) {
                    None => out.push(change(child, ChangeKind::NewsAdded, &item.id, &item.title)),
                    Some(prev)
                        if prev.title != item.title
                            || prev.body_markdown != item.body_markdown
                            || prev.intro != item.intro
                            || prev.modified != item.modified =>
                    {
                        out.push(change(
                            child,
                            ChangeKind::NewsUpdated,
                            &item.id,
                            &item.title,
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
        (ResourceData::Notifications(old), ResourceData::Notifications(new)) => {
            for item in new {
                if !old.iter().any(|o| o.id == item.id) {
                    out.push(change(
                        child,
                        ChangeKind::NotificationAdded,
                        &item.id,
                        &item.message,
                    ));
                }
            }
        }
        (ResourceData::Calendar(old), ResourceData::Calendar(new)) => {
            let before: HashMap<&EntityId, _> = old.iter().map(|e| (&e.id, e)).collect();
            for event in new {
                match before.get(&event.id) {
                    None => out.push(change(
                        child,
                        ChangeKind::EventAdded,
                        &event.id,
                        &event.title,
                    )),
                    Some(prev) if prev.timing != event.timing => out.push(change(
                        child,
                        ChangeKind::EventMoved,
                        &event.id,
                        &event.title,
                    )),
                    Some(_) => {}
                }
            }
            for event in old {
                if !new.iter().any(|e| e.id == event.id) {
                    out.push(change(
                        child,
                        ChangeKind::EventCancelled,
                        &event.id,
                        &event.title,
                    ));
                }
            }
        }
        (ResourceData::Menu(old), ResourceData::Menu(new)) if old != new => {
            let first = new
                .iter()
                .find(|d| !old.contains(d))
                .or_else(|| new.first())
                .or_else(|| old.first())
                .map(|d| (&d.id, d.title.as_str()));
            if let Some((id, title)) = first {
                out.push(change(child, ChangeKind::MenuChanged, id, title));
            }
        }
        (ResourceData::Timetable(old), ResourceData::Timetable(new)) if old != new => {
            let first = new
                .iter()
                .find(|l| !old.contains(l))
                .or_else(|| new.first())
                .or_else(|| old.first())
                .map(|l| (&l.id, l.subject.name.as_str()));
            if let Some((id, title)) = first {
                out.push(change(child, ChangeKind::TimetableChanged, id, title));
            }
        }
        (ResourceData::Assignments(old), ResourceData::Assignments(new)) => {
            let before: HashMap<&EntityId, _> = old.iter().map(|a| (&a.id, a)).collect();
            for item in new {
                let kind = match before.get(&item.id) {
                    None => Some(ChangeKind::AssignmentAdded),
                    Some(prev)
                        if prev.title != item.title
                            || prev.description_markdown != item.description_markdown
                            || prev.due != item.due
                            || prev.due_at != item.due_at
                            || prev.status != item.status =>
                    {
                        Some(ChangeKind::AssignmentChanged)
                    }
                    Some(_) => None,
                };
                if let Some(kind) = kind {
                    out.push(change(child, kind, &item.id, &item.title));
                }
            }
        }
        (ResourceData::Attendance(old), ResourceData::Attendance(new)) => {
            let before: HashMap<&EntityId, _> = old.iter().map(|a| (&a.id, a)).collect();
            for record in new {
                if before
                    .get(&record.id)
                    .is_none_or(|prev| prev.status != record.status)
                {
                    let title = record
                        .lesson
                        .clone()
                        .unwrap_or_else(|| record.date.to_string());
                    out.push(change(
                        child,
                        ChangeKind::AttendanceRegistered,
                        &record.id,
                        &title,
                    ));
                }
            }
        }
        (ResourceData::CareTimes(old), ResourceData::CareTimes(new)) => {
            let before: HashMap<&EntityId, _> = old.iter().map(|c| (&c.id, c)).collect();
            for day in new {
                let changed = before.get(&day.id).is_none_or(|prev| {
                    prev.start != day.start
                        || prev.end != day.end
                        || prev.on_leave != day.on_leave
                        || prev.closed != day.closed
                });
                if changed {
                    out.push(change(
                        child,
                        ChangeKind::CareTimeChanged,
                        &day.id,
                        &day.date.to_string(),
                    ));
                }
            }
        }
        _ => {}
    }
    out
}
