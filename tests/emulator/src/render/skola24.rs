//! Skola24 JSON: the envelope, the child list and `lessonInfo`.

use serde_json::{Value, json};
use skolbryggan::model::{Child, FamilySnapshot, IsoWeek, Teacher, TimetableLesson};
use skolbryggan::provider::skola24::Skola24ChildRef;

use super::{item_local, local};

/// Skola24's envelope.
pub(crate) fn envelope(data: Value) -> Value {
    json!({ "error": null, "data": data, "exception": null, "validation": [] })
}

/// Skola24's envelope with an error message.
pub(crate) fn envelope_error(message: &str) -> Value {
    json!({ "error": message, "data": null, "exception": null, "validation": [] })
}

/// `childrenTimetables[]` item.
pub(crate) fn child(r: &Skola24ChildRef) -> Value {
    json!({
        "schoolGuid": r.school_guid,
        "unitGuid": r.unit_guid,
        "schoolID": r.school_id,
        "timetableID": r.timetable_id,
        "personGuid": r.person_guid,
        "firstName": r.first_name,
        "lastName": r.last_name,
    })
}

/// Skola24 initials of a teacher: "Karin Ursson" → "KUr".
fn initials(t: &Teacher) -> String {
    let mut first = t.first_name.chars();
    let mut last = t.last_name.chars();
    let mut out = String::new();
    out.extend(first.next().into_iter().flat_map(char::to_uppercase));
    out.extend(last.next().into_iter().flat_map(char::to_uppercase));
    out.extend(last.next().into_iter().flat_map(char::to_lowercase));
    out
}

/// The teacher text of a lesson: names of the child's teachers back to their initials.
fn teacher_text(lesson: &TimetableLesson, teachers: &[&Teacher]) -> String {
    let Some(text) = lesson.teacher.as_deref() else {
        return String::new();
    };
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| {
            teachers
                .iter()
                .find(|t| t.full_name() == name)
                .map(|t| initials(t))
                .unwrap_or_else(|| name.to_owned())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `data` of `render/timetable` for one child and ISO week.
pub(crate) fn timetable(family: &FamilySnapshot, child: &Child, week: IsoWeek) -> Value {
    let teachers: Vec<&Teacher> = family
        .teachers
        .iter()
        .filter(|t| t.child_id == child.id)
        .collect();
    let lessons: Vec<Value> = family
        .lessons
        .iter()
        .filter(|l| l.child_id == child.id && IsoWeek::containing(local(&l.start).date()) == week)
        .map(|l| {
            let (start, end) = (local(&l.start), local(&l.end));
            let mut text = l.subject.code.clone();
            if let Some(comment) = l.comment.as_deref().filter(|c| !c.is_empty()) {
                text.push(' ');
                text.push_str(comment);
            }
            json!({
                "guidId": item_local(&l.child_id, &l.id),
                "texts": [text, teacher_text(l, &teachers), l.room.clone().unwrap_or_default()],
                "timeStart": format!("{:02}:{:02}:{:02}", start.hour(), start.minute(), start.second()),
                "timeEnd": format!("{:02}:{:02}:{:02}", end.hour(), end.minute(), end.second()),
                "dayOfWeekNumber": start.weekday().to_monday_one_offset(),
                "blockName": l.block_name.clone().unwrap_or_default(),
            })
        })
        .collect();
    json!({
        "textList": [],
        "boxList": [],
        "lineList": [],
        "lessonInfo": lessons,
    })
}
