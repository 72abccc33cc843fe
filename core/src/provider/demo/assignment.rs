//! The demo family's assignments and homework: weekly homework for the school children, handed
//! out on Monday and due on Friday of each school week.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::model::{Assignment, AssignmentStatus, Child, EntityId, EntityKind};

use super::names::Dice;
use super::school_year::SchoolYear;

const SECONDARY: &[(&str, &str)] = &[
    ("Engelska", "Glosor"),
    ("Matematik", "Läxa i matteboken"),
    ("Svenska", "Läs ett kapitel och skriv en sammanfattning"),
    ("SO", "Instuderingsfrågor"),
    ("NO", "Labbrapport"),
    ("Spanska", "Glosor"),
];

const INTERMEDIATE: &[(&str, &str)] = &[
    ("Svenska", "Läsläxa och frågor till kapitlet"),
    ("Matematik", "Läxa i matteboken"),
    ("Engelska", "Glosor"),
    ("NO", "Instuderingsfrågor"),
];

const PRIMARY: &[(&str, &str)] = &[
    ("Svenska", "Läsläxa"),
    ("Matematik", "Mattelåda"),
    ("Engelska", "Engelska ord"),
];

/// Homework of every school week of `year` for a school child (none for a pre-school child).
/// The status is what the child has done by the due date; [`as_of`] adjusts it to a day.
pub fn assignments(
    child: &Child,
    secondary: bool,
    year: &SchoolYear,
    dice: &mut Dice,
) -> Vec<Assignment> {
    let subjects = if secondary {
        SECONDARY
    } else if matches!(child.school_year, Some(4..=6)) {
        INTERMEDIATE
    } else {
        PRIMARY
    };
    let per_week = if secondary { 2 } else { 1 };
    let mut out = Vec::new();
    for due in year
        .dates()
        .filter(|d| d.weekday() == Weekday::Friday && year.is_school_day(*d))
    {
        let assigned = due.checked_sub(4.days()).ok();
        let week = crate::model::IsoWeek::containing(due);
        for k in 0..per_week {
            let (subject, what) = subjects[dice.below(subjects.len())];
            let status = match dice.below(10) {
                0 => AssignmentStatus::NotStarted,
                1 => AssignmentStatus::InProgress,
                _ => AssignmentStatus::Done,
            };
            out.push(Assignment {
                id: EntityId::for_child(&child.id, EntityKind::Assignment, &format!("{week}-{k}")),
                child_id: child.id.clone(),
                title: format!("{what} v. {}", week.week),
                description_markdown: Some(format!(
                    "**{subject}**: {what}. Lämnas in senast fredag {due}."
                )),
                subject: Some(subject.to_owned()),
                due: Some(due),
                due_at: None,
                assigned,
                status,
                status_text: None,
                overdue: false,
                url: None,
            });
        }
    }
    out
}

/// An assignment as it looks on `today`: not started when handed out later than today or due
/// later, overdue when still open after its due date, with the platform's status text.
pub fn as_of(mut a: Assignment, today: Date) -> Assignment {
    let due = a.due.unwrap_or(today);
    if due >= today && a.status == AssignmentStatus::Done {
        a.status = AssignmentStatus::NotStarted;
    }
    a.overdue = a.is_open() && due < today;
    a.status_text = Some(
        match a.status {
            AssignmentStatus::NotStarted => "Ej påbörjad",
            AssignmentStatus::InProgress => "Påbörjad",
            AssignmentStatus::Done => "Inlämnad",
            AssignmentStatus::Unknown => "Okänd",
        }
        .to_owned(),
    );
    a
}
