//! `get/timetable/render/key` and `render/timetable`: one week of a child's lessons.

use std::collections::HashMap;

use jiff::civil::Time;
use serde::Deserialize;

use super::envelope::open;
use crate::curriculum;
use crate::error::{Error, Result};
use crate::model::{Child, EntityId, EntityKind, IsoWeek, Teacher, TimetableLesson};

#[derive(Deserialize)]
struct RawKey {
    #[serde(default)]
    key: Option<String>,
}

/// Parses `get/timetable/render/key`: the single-use render key (`data.key`).
pub fn render_key(body: &str) -> Result<String> {
    const ENDPOINT: &str = "key";
    open::<RawKey>(ENDPOINT, body)?
        .and_then(|d| d.key)
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| Error::parse(ENDPOINT, "data.key is missing"))
}

#[derive(Deserialize)]
struct RawTimetable {
    #[serde(rename = "lessonInfo", default)]
    lesson_info: Option<Vec<RawLesson>>,
}

#[derive(Deserialize)]
struct RawLesson {
    #[serde(rename = "guidId", default)]
    guid_id: Option<String>,
    #[serde(default)]
    texts: Option<Vec<Option<String>>>,
    #[serde(rename = "timeStart", default)]
    time_start: Option<String>,
    #[serde(rename = "timeEnd", default)]
    time_end: Option<String>,
    #[serde(rename = "dayOfWeekNumber", default)]
    day_of_week: Option<i64>,
    #[serde(rename = "blockName", default)]
    block_name: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Replaces timetable initials (`"KUr"`, `"ATe, GTe"`) by teacher names: each comma-separated
/// initial that equals a teacher's [`Teacher::timetable_abbreviation`] (trimmed,
/// case-insensitive) becomes `"First Last"`; unmatched initials stay; joined with `", "`.
pub fn teacher_names(initials: &str, teachers: &[Teacher]) -> String {
    initials
        .split(',')
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(|initial| {
            teachers
                .iter()
                .find(|t| t.timetable_abbreviation.trim().to_lowercase() == initial.to_lowercase())
                .map(Teacher::full_name)
                .unwrap_or_else(|| initial.to_owned())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses `render/timetable` into `child`'s lessons of ISO `week`, in upstream order.
///
/// `error` set → [`Error::Upstream`]; `data.lessonInfo` missing → [`Error::Parse`]
/// "Empty lessonInfo received". Each lesson: id from `guidId`; subject and comment from
/// `texts[0]` via [`curriculum::resolve`] in `language`; teacher from `texts[1]` through
/// [`teacher_names`]; room `texts[2]`; start and end = the weekday `dayOfWeekNumber` (1 = Monday)
/// of `week` at `timeStart`/`timeEnd` (`HH:MM:SS`), Europe/Stockholm. Lessons with an unreadable
/// day or time are skipped (logged at debug level); an end before the start is the start.
pub fn timetable(
    body: &str,
    child: &Child,
    week: IsoWeek,
    language: &str,
    teachers: &[Teacher],
) -> Result<Vec<TimetableLesson>> {
    const ENDPOINT: &str = "timetable";
    let lessons = open::<RawTimetable>(ENDPOINT, body)?
        .and_then(|d| d.lesson_info)
        .ok_or_else(|| Error::parse(ENDPOINT, "Empty lessonInfo received"))?;
    let days = week.days();
    let total = lessons.len();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let result: Vec<TimetableLesson> = lessons
        .into_iter()
        .filter_map(|lesson| {
            let day_index = usize::try_from(lesson.day_of_week?.checked_sub(1)?).ok()?;
            let date = *days.get(day_index)?;
            let start_time: Time = lesson.time_start.as_deref()?.trim().parse().ok()?;
            let end_time: Time = lesson.time_end.as_deref()?.trim().parse().ok()?;
            let start = crate::time::local(date.to_datetime(start_time));
            let end = crate::time::local(date.to_datetime(end_time)).max(start.clone());
            let mut texts = lesson.texts.unwrap_or_default().into_iter();
            let mut next_text = || texts.next().flatten().unwrap_or_default();
            let (lesson_text, initials, room) = (next_text(), next_text(), next_text());
            let (subject, comment) = curriculum::resolve(&lesson_text, language);
            let teacher = teacher_names(&initials, teachers);
            let base_id = non_empty(lesson.guid_id)
                .unwrap_or_else(|| format!("{date}T{start_time}-{}", subject.code));
            // guidId is unique per lesson occurrence; keep ids unique even if it were not.
            let count = seen.entry(base_id.clone()).or_insert(0);
            *count += 1;
            let local = if *count == 1 {
                base_id
            } else {
                format!("{base_id}#{count}")
            };
            Some(TimetableLesson {
                id: EntityId::for_child(&child.id, EntityKind::Lesson, &local),
                child_id: child.id.clone(),
                subject,
                comment,
                teacher: (!teacher.is_empty()).then_some(teacher),
                room: non_empty(Some(room)),
                start,
                end,
                block_name: non_empty(lesson.block_name),
            })
        })
        .collect();
    if result.len() < total {
        tracing::debug!(
            skipped = total - result.len(),
            "lessons with an unreadable day or time were skipped"
        );
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_become_names() {
        let child = EntityId::from_raw("stockholm:demo:child:c");
        let teacher = |first: &str, last: &str| Teacher {
            id: EntityId::for_child(&child, EntityKind::Teacher, first),
            child_id: child.clone(),
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            email: None,
            phone: None,
            active: true,
            school_form: None,
            timetable_abbreviation: Teacher::abbreviation_for(first, last),
        };
        let teachers = [
            teacher("Karin", "Ursson"),
            teacher("Anna", "Tegnér"),
            teacher("Anton", "Lärarsson"),
        ];
        // Initials with letters beyond ASCII match too ("ALä" ↔ "ALÄ").
        assert_eq!(teacher_names("ALä", &teachers), "Anton Lärarsson");
        assert_eq!(teacher_names("KUr", &teachers), "Karin Ursson");
        assert_eq!(teacher_names("ATe, GTe", &teachers), "Anna Tegnér, GTe");
        assert_eq!(teacher_names("", &teachers), "");
    }
}
