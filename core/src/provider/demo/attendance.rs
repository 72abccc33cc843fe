//! The demo family's attendance history: now and then a day off sick, now and then late for the
//! first lesson; and the records of absences reported in the demo.

use jiff::civil::Date;

use crate::model::{AttendanceRecord, AttendanceStatus, Child, EntityId, EntityKind};

use super::names::Dice;
use super::school_year::{SchoolYear, at};

/// The registrations of every school day of `year` (absences and late arrivals only, as the
/// platforms list them).
pub fn attendance(
    child: &Child,
    secondary: bool,
    year: &SchoolYear,
    dice: &mut Dice,
) -> Vec<AttendanceRecord> {
    let mut out = Vec::new();
    for d in year.dates().filter(|d| year.is_school_day(*d)) {
        let roll = dice.below(100);
        if roll < 4 {
            out.push(AttendanceRecord {
                registration_type: Some("Giltig frånvaro".to_owned()),
                reason: Some("Sjuk".to_owned()),
                reported_by: Some("Vårdnadshavare".to_owned()),
                ..whole_day(child, d, "sick")
            });
        } else if roll < 7 {
            let minutes = dice.between(5, 20);
            out.push(AttendanceRecord {
                id: EntityId::for_child(&child.id, EntityKind::Attendance, &format!("{d}/late")),
                child_id: child.id.clone(),
                date: d,
                lesson: Some(if secondary { "Matematik" } else { "Svenska" }.to_owned()),
                start: Some(at(d, 8, 10)),
                end: Some(at(d, 9, 0)),
                status: AttendanceStatus::Late,
                registration_type: Some("Sen ankomst".to_owned()),
                reason: None,
                comment: None,
                reported_by: Some("Mentor".to_owned()),
                minutes: Some(minutes),
            });
        }
    }
    out
}

/// Today's presence as Vklass's start page shows it (the only attendance Vklass lists): checked
/// in at the fritids or school start.
pub fn presence(child: &Child, today: Date) -> AttendanceRecord {
    AttendanceRecord {
        id: EntityId::for_child(
            &child.id,
            EntityKind::Attendance,
            &format!("presence/{today}"),
        ),
        status: AttendanceStatus::Present,
        registration_type: Some("Incheckad 07:50".to_owned()),
        ..whole_day(child, today, "presence")
    }
}

/// The record of a day's absence a guardian reported in the demo.
pub fn reported(child: &Child, day: Date) -> AttendanceRecord {
    AttendanceRecord {
        registration_type: Some("Anmäld frånvaro".to_owned()),
        reason: Some("Sjuk".to_owned()),
        reported_by: Some("Vårdnadshavare".to_owned()),
        ..whole_day(child, day, "reported")
    }
}

fn whole_day(child: &Child, day: Date, what: &str) -> AttendanceRecord {
    AttendanceRecord {
        id: EntityId::for_child(&child.id, EntityKind::Attendance, &format!("{day}/{what}")),
        child_id: child.id.clone(),
        date: day,
        lesson: None,
        start: None,
        end: None,
        status: AttendanceStatus::Absent,
        registration_type: None,
        reason: None,
        comment: None,
        reported_by: None,
        minutes: None,
    }
}
