//! The change feed's kinds for assignments, attendance and care times: what a diff of the old
//! and the new resource value records, and what it leaves out.

use jiff::civil::{Date, date};
use skolbryggan::cache::{ChangeKind, NewChange, ResourceData, diff};
use skolbryggan::model::{
    AccountId, Assignment, AssignmentStatus, AttendanceRecord, AttendanceStatus, CareTime,
    EntityId, EntityKind, Platform,
};

fn child() -> EntityId {
    EntityId::new(
        Platform::InfoMentor,
        &AccountId::from_raw("a"),
        EntityKind::Child,
        "1001",
    )
}

fn kinds(changes: &[NewChange]) -> Vec<(ChangeKind, EntityId)> {
    changes
        .iter()
        .map(|c| (c.kind, c.entity_id.clone()))
        .collect()
}

fn assignment(local: &str, title: &str) -> Assignment {
    Assignment {
        id: EntityId::for_child(&child(), EntityKind::Assignment, local),
        child_id: child(),
        title: title.to_owned(),
        description_markdown: Some("Läs kapitel 3.".to_owned()),
        subject: Some("Engelska".to_owned()),
        due: Some(date(2026, 9, 8)),
        due_at: None,
        assigned: Some(date(2026, 9, 1)),
        status: AssignmentStatus::InProgress,
        status_text: None,
        overdue: false,
        url: None,
    }
}

fn attendance(local: &str, status: AttendanceStatus) -> AttendanceRecord {
    AttendanceRecord {
        id: EntityId::for_child(&child(), EntityKind::Attendance, local),
        child_id: child(),
        date: date(2026, 9, 8),
        lesson: Some("Matematik".to_owned()),
        start: None,
        end: None,
        status,
        registration_type: None,
        reason: None,
        comment: None,
        reported_by: None,
        minutes: None,
    }
}

fn care(d: Date, end_hour: i8) -> CareTime {
    CareTime {
        id: EntityId::for_child(&child(), EntityKind::CareTime, &d.to_string()),
        child_id: child(),
        date: d,
        start: Some(skolbryggan::time::local(d.at(8, 0, 0, 0))),
        end: Some(skolbryggan::time::local(d.at(end_hour, 0, 0, 0))),
        checked_in: None,
        checked_out: None,
        on_leave: false,
        locked: false,
        closed: false,
        closed_reason: None,
        opening_time: None,
        closing_time: None,
        comment: None,
        staff_comment: None,
        has_comments: false,
        has_unread_comments: false,
        times_missing: false,
    }
}

#[test]
fn assignments_added_and_changed() {
    let old = vec![assignment("1", "Glosor"), assignment("2", "Uppsats")];
    let mut new = old.clone();
    new[0].due = Some(date(2026, 9, 9));
    // A new link is no news for the parent.
    new[1].url = Some("https://hub.infomentor.se/#/task/show/2".to_owned());
    new.push(assignment("3", "Prov"));
    let out = diff(
        &child(),
        &ResourceData::Assignments(old.clone()),
        &ResourceData::Assignments(new.clone()),
    );
    assert_eq!(
        kinds(&out),
        vec![
            (ChangeKind::AssignmentChanged, old[0].id.clone()),
            (ChangeKind::AssignmentAdded, new[2].id.clone()),
        ]
    );
    assert_eq!(out[1].title, "Prov");
}

#[test]
fn attendance_registered_when_new_or_its_status_changes() {
    let old = vec![
        attendance("1", AttendanceStatus::Present),
        attendance("2", AttendanceStatus::Present),
    ];
    let mut new = old.clone();
    new[0].status = AttendanceStatus::Absent;
    new[1].comment = Some("ok".to_owned());
    new.push(attendance("3", AttendanceStatus::Late));
    let out = diff(
        &child(),
        &ResourceData::Attendance(old.clone()),
        &ResourceData::Attendance(new.clone()),
    );
    assert_eq!(
        kinds(&out),
        vec![
            (ChangeKind::AttendanceRegistered, old[0].id.clone()),
            (ChangeKind::AttendanceRegistered, new[2].id.clone()),
        ]
    );
    let same = diff(
        &child(),
        &ResourceData::Attendance(old.clone()),
        &ResourceData::Attendance(old),
    );
    assert!(same.is_empty());
}

#[test]
fn care_times_changed_when_times_or_leave_change() {
    let old = vec![
        care(date(2026, 9, 8), 16),
        care(date(2026, 9, 9), 16),
        care(date(2026, 9, 10), 16),
    ];
    let mut new = old.clone();
    new[0].end = Some(skolbryggan::time::local(date(2026, 9, 8).at(17, 0, 0, 0)));
    new[1].on_leave = true;
    // Comments are not a change of the times.
    new[2].has_unread_comments = true;
    let out = diff(
        &child(),
        &ResourceData::CareTimes(old.clone()),
        &ResourceData::CareTimes(new),
    );
    assert_eq!(
        kinds(&out),
        vec![
            (ChangeKind::CareTimeChanged, old[0].id.clone()),
            (ChangeKind::CareTimeChanged, old[1].id.clone()),
        ]
    );
    assert_eq!(out[0].title, "2026-09-08");
}
