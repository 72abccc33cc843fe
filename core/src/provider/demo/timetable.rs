//! Weekly timetables with real Swedish subject codes, instantiated on every school day.

use jiff::civil::{Date, Time, Weekday};

use crate::model::{EntityId, EntityKind, IsoWeek, Subject, Teacher, TimetableLesson};
use crate::time;

use super::names::Dice;
use super::people::{ChildKind, DemoChild};
use super::school_year::SchoolYear;

/// One slot of a weekly template.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Day of the week.
    pub weekday: Weekday,
    /// Start (local).
    pub start: Time,
    /// End (local).
    pub end: Time,
    /// Subject code.
    pub code: &'static str,
    /// Subject name.
    pub name: &'static str,
    /// Category ("" for ordinary subjects).
    pub category: &'static str,
    /// Room.
    pub room: String,
    /// Teacher index into the child's teachers (none for breaks).
    pub teacher: Option<usize>,
}

fn t(h: i8, m: i8) -> Time {
    Time::new(h, m, 0, 0).unwrap_or(Time::midnight())
}

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];

/// Subjects of a year-3 week: (code, name, lessons per week, teacher index).
const PRIMARY: &[(&str, &str, usize, usize)] = &[
    ("SV", "Svenska", 6, 0),
    ("MA", "Matematik", 5, 0),
    ("EN", "Engelska", 2, 0),
    ("NO", "Naturorienterande ämnen", 2, 0),
    ("SO", "Samhällsorienterande ämnen", 2, 0),
    ("BL", "Bild", 1, 0),
    ("MU", "Musik", 1, 2),
    ("IDH", "Idrott & Hälsa", 2, 1),
    ("SL", "Slöjd", 1, 3),
];

/// Subjects of a year-5 week (mellanstadiet).
const INTERMEDIATE: &[(&str, &str, usize, usize)] = &[
    ("SV", "Svenska", 5, 0),
    ("MA", "Matematik", 4, 0),
    ("EN", "Engelska", 3, 1),
    ("NO", "Naturorienterande ämnen", 3, 2),
    ("SO", "Samhällsorienterande ämnen", 3, 1),
    ("TK", "Teknik", 1, 2),
    ("BL", "Bild", 1, 3),
    ("MU", "Musik", 1, 4),
    ("IDH", "Idrott & Hälsa", 2, 5),
    ("SL", "Slöjd", 2, 3),
];

/// Subjects of a year-1 week (lågstadiet).
const FIRST_YEAR: &[(&str, &str, usize, usize)] = &[
    ("SV", "Svenska", 6, 0),
    ("MA", "Matematik", 4, 0),
    ("EN", "Engelska", 1, 0),
    ("NO", "Naturorienterande ämnen", 1, 0),
    ("SO", "Samhällsorienterande ämnen", 1, 0),
    ("BL", "Bild", 1, 0),
    ("MU", "Musik", 1, 1),
    ("IDH", "Idrott & Hälsa", 2, 2),
];

/// Subjects of a year-8 week.
const SECONDARY: &[(&str, &str, usize, usize)] = &[
    ("SV", "Svenska", 3, 0),
    ("MA", "Matematik", 3, 1),
    ("EN", "Engelska", 3, 2),
    ("M2SP", "Spanska", 2, 3),
    ("BI", "Biologi", 1, 4),
    ("FY", "Fysik", 1, 4),
    ("KE", "Kemi", 1, 4),
    ("GE", "Geografi", 1, 5),
    ("HI", "Historia", 1, 5),
    ("RE", "Religionskunskap", 1, 5),
    ("SH", "Samhällskunskap", 1, 5),
    ("TK", "Teknik", 1, 1),
    ("IDH", "Idrott & Hälsa", 2, 6),
    ("MU", "Musik", 1, 7),
    ("BL", "Bild", 1, 8),
    ("SL", "Slöjd", 1, 9),
    ("HKK", "Hem & Konsumentkunskap", 1, 9),
    ("MTID", "Mentorstid", 1, 0),
];

fn category(code: &str) -> &'static str {
    match code {
        "M2SP" => "Moderna språk, språkval",
        "MTID" | "Lunch" => "Diverse",
        _ => "",
    }
}

/// The weekly template of a school child (empty for pre-school).
pub fn weekly_template(child: &DemoChild, dice: &mut Dice) -> Vec<Slot> {
    let (subjects, day_start, lesson_minutes, lunch_after) = match child.kind {
        ChildKind::Preschool => return Vec::new(),
        ChildKind::Primary => (PRIMARY, t(8, 10), 45, 3),
        ChildKind::Secondary => (SECONDARY, t(8, 20), 55, 3),
        ChildKind::Intermediate => (INTERMEDIATE, t(8, 15), 50, 3),
        ChildKind::FirstYear => (FIRST_YEAR, t(8, 30), 40, 3),
    };
    // Deal the lessons round-robin over the days, shuffled by the seed.
    let mut pool: Vec<(&'static str, &'static str, usize)> = Vec::new();
    for (code, name, count, teacher) in subjects {
        for _ in 0..*count {
            pool.push((code, name, *teacher));
        }
    }
    for i in (1..pool.len()).rev() {
        let j = dice.below(i + 1);
        pool.swap(i, j);
    }
    let mut per_day: Vec<Vec<(&'static str, &'static str, usize)>> = vec![Vec::new(); 5];
    for (i, lesson) in pool.into_iter().enumerate() {
        if let Some(day) = per_day.get_mut(i % 5) {
            day.push(lesson);
        }
    }
    let rooms: Vec<String> = match child.kind {
        ChildKind::Primary | ChildKind::Intermediate | ChildKind::FirstYear => vec![
            format!("{}", child.child.class_name.clone().unwrap_or_default()),
            "Gympasalen".into(),
            "Musiksalen".into(),
            "Slöjdsalen".into(),
        ],
        _ => vec![
            "A201".into(),
            "A204".into(),
            "B112".into(),
            "Gympasalen".into(),
            "NO-salen".into(),
            "Musiksalen".into(),
            "Bildsalen".into(),
            "Slöjdsalen".into(),
            "HKK-salen".into(),
        ],
    };
    let mut slots = Vec::new();
    for (weekday, lessons) in WEEKDAYS.iter().zip(per_day) {
        let mut clock = day_start;
        for (index, (code, name, teacher)) in lessons.into_iter().enumerate() {
            if index == lunch_after {
                let end = clock.saturating_add(jiff::SignedDuration::from_mins(30));
                slots.push(Slot {
                    weekday: *weekday,
                    start: clock,
                    end,
                    code: "Lunch",
                    name: "Lunch",
                    category: "Diverse",
                    room: "Matsalen".into(),
                    teacher: None,
                });
                clock = end.saturating_add(jiff::SignedDuration::from_mins(10));
            }
            let end = clock.saturating_add(jiff::SignedDuration::from_mins(lesson_minutes));
            let room = match code {
                "IDH" => "Gympasalen".to_owned(),
                "MU" => "Musiksalen".to_owned(),
                "SL" | "HKK" => {
                    if code == "SL" {
                        "Slöjdsalen".to_owned()
                    } else {
                        "HKK-salen".to_owned()
                    }
                }
                _ => rooms
                    .get(dice.below(rooms.len().min(3)))
                    .cloned()
                    .unwrap_or_default(),
            };
            slots.push(Slot {
                weekday: *weekday,
                start: clock,
                end,
                code,
                name,
                category: category(code),
                room,
                teacher: Some(teacher),
            });
            clock = end.saturating_add(jiff::SignedDuration::from_mins(if index % 2 == 0 {
                10
            } else {
                20
            }));
        }
    }
    slots
}

/// Every lesson of the template on every school day of the year.
pub fn lessons(child: &DemoChild, template: &[Slot], year: &SchoolYear) -> Vec<TimetableLesson> {
    if template.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for date in year.dates().filter(|d| year.is_school_day(*d)) {
        out.extend(lessons_on(child, template, date));
    }
    out
}

fn teacher_name(teachers: &[Teacher], index: Option<usize>) -> Option<String> {
    index.and_then(|i| teachers.get(i)).map(Teacher::full_name)
}

/// The lessons of one date, with what the child's platform tells of a lesson: Skola24 and
/// InfoMentor name the subject and the teacher; SchoolSoft's lesson agenda gives the subject
/// code only (as its name too), the teacher and the teaching group; Vklass's calendar names no
/// teacher but the group.
pub fn lessons_on(child: &DemoChild, template: &[Slot], date: Date) -> Vec<TimetableLesson> {
    let week = IsoWeek::containing(date);
    let group = child.child.class_name.clone();
    template
        .iter()
        .enumerate()
        .filter(|(_, s)| s.weekday == date.weekday())
        .map(|(i, slot)| {
            let local = format!("{}-{}-{}", week, date.weekday().to_monday_one_offset(), i);
            TimetableLesson {
                id: EntityId::for_child(&child.child.id, EntityKind::Lesson, &local),
                child_id: child.child.id.clone(),
                subject: Subject {
                    code: slot.code.to_owned(),
                    name: if child.kind == ChildKind::Intermediate {
                        slot.code.to_owned()
                    } else {
                        slot.name.to_owned()
                    },
                    category: slot.category.to_owned(),
                },
                comment: None,
                teacher: if child.kind == ChildKind::FirstYear {
                    None
                } else {
                    teacher_name(&child.teachers, slot.teacher)
                },
                room: Some(slot.room.clone()),
                start: time::local(date.to_datetime(slot.start)),
                end: time::local(date.to_datetime(slot.end)),
                block_name: match child.kind {
                    ChildKind::Intermediate | ChildKind::FirstYear => group.clone(),
                    _ => None,
                },
            }
        })
        .collect()
}
