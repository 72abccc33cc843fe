//! Model → Hub format (the emulator's renderer) → parser → model: the InfoMentor child of the
//! demo family survives the trip.

use skolbryggan_emulator::infomentor_render as render;

use jiff::civil::date;
use skolbryggan::model::{
    AbsenceReportAction, Assignment, AssignmentStatus, CareTime, CareTimeEditAction, EntityId,
    EntityKind, Platform,
};
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::provider::infomentor::InfoMentorPupilRef;
use skolbryggan::provider::infomentor::parse::{self, Availability};

fn available<T>(a: Availability<T>) -> T {
    match a {
        Availability::Available(v) => v,
        Availability::NotAvailable => panic!("not available"),
    }
}

#[test]
fn demo_infomentor_child_round_trips() {
    let family = DemoFamily::generate(&DemoConfig::for_date(date(2026, 11, 25)));
    let snap = &family.snapshot;
    let child = snap
        .children
        .iter()
        .find(|c| c.platform == Platform::InfoMentor)
        .unwrap();
    let pupil = child.refs.get::<InfoMentorPupilRef>().unwrap();
    let account = child.id.account();

    // Start page.
    let html = render::hub_root(
        "g-1",
        "Anna",
        "Exempelsson",
        &[render::PupilEntry {
            pupil_id: pupil.pupil_id.clone(),
            first_name: child.first_name.clone(),
            last_name: child.last_name.clone(),
            switch_id: "5001".to_owned(),
            selected: true,
        }],
        &["timetable", "calendarv2"],
    );
    let root = parse::parse_hub_root(&html, Some(&account)).unwrap();
    assert_eq!(root.children[0].id, child.id);
    assert_eq!(root.children[0].first_name, child.first_name);
    assert_eq!(root.children[0].last_name, child.last_name);
    assert_eq!(
        root.selected_pupil_id.as_deref(),
        Some(pupil.pupil_id.as_str())
    );
    assert_eq!(root.pupils[0].switch_id.as_deref(), Some("5001"));

    // Lessons (names, times, rooms, teachers).
    let lessons: Vec<_> = snap
        .lessons
        .iter()
        .filter(|l| l.child_id == child.id)
        .take(200)
        .collect();
    assert!(!lessons.is_empty());
    let body = render::timetable_items(&lessons).to_string();
    let back = available(parse::parse_timetable_list(&body, &child.id).unwrap());
    assert_eq!(back.len(), lessons.len());
    for (a, b) in lessons.iter().zip(back.iter()) {
        assert_eq!(a.start, b.start);
        assert_eq!(a.end, b.end);
        assert_eq!(a.subject.name, b.subject.name);
        assert_eq!(a.room, b.room);
        assert_eq!(a.teacher, b.teacher);
    }

    // Calendar events.
    let events: Vec<_> = snap
        .calendar
        .iter()
        .filter(|e| e.child_id == child.id)
        .collect();
    let body = render::calendar_entries(&events, &[]).to_string();
    let back = available(parse::parse_calendar_entries(&body, &child.id).unwrap());
    assert_eq!(back.events.len(), events.len());
    for e in &events {
        let b = back.events.iter().find(|b| b.id == e.id).unwrap();
        assert_eq!(b.timing, e.timing, "{}", e.title);
        assert_eq!(b.title, e.title);
    }

    // News.
    let news: Vec<_> = snap
        .news
        .iter()
        .filter(|n| n.child_id == child.id)
        .collect();
    let body = render::news_list(&news).to_string();
    let back = available(parse::parse_news_list(&body, &child.id).unwrap());
    assert_eq!(back.len(), news.len());
    for n in &news {
        let b = back.iter().find(|b| b.id == n.id).unwrap();
        assert_eq!(b.title, n.title);
        assert_eq!(b.published, n.published);
        assert_eq!(b.attachments, n.attachments);
        assert_eq!(
            b.image.as_ref().map(|i| &i.url),
            n.image.as_ref().map(|i| &i.url)
        );
        assert!(!b.body_markdown.is_empty() || n.body_markdown.is_empty());
    }

    // Notifications.
    let notes: Vec<_> = snap
        .notifications
        .iter()
        .filter(|n| n.child_id == child.id)
        .map(|n| render::NotificationEntry {
            notification: n,
            pupil_id: &pupil.pupil_id,
            selected: true,
        })
        .collect();
    let now = skolbryggan::time::start_of_day(date(2026, 11, 25));
    let body = render::notifications(&notes, &now).to_string();
    let back = available(parse::parse_notifications(&body, &account, None).unwrap());
    assert_eq!(back.len(), notes.len());
    for e in &notes {
        let b = back.iter().find(|b| b.id == e.notification.id).unwrap();
        assert_eq!(b.child_id, child.id);
        assert_eq!(b.message, e.notification.message);
        assert_eq!(b.created, e.notification.created);
    }

    // Class list.
    let mates: Vec<_> = snap
        .classmates
        .iter()
        .filter(|c| c.child_id == child.id)
        .collect();
    let teachers: Vec<_> = snap
        .teachers
        .iter()
        .filter(|t| t.child_id == child.id)
        .collect();
    let body = render::class_list(
        child.class_name.as_deref().unwrap_or("8A"),
        &mates,
        &teachers,
    )
    .to_string();
    let back = available(parse::parse_class_list(&body, &child.id).unwrap());
    assert_eq!(back.classmates.len(), mates.len());
    assert_eq!(back.teachers.len(), teachers.len());
    for (a, b) in mates.iter().zip(back.classmates.iter()) {
        assert_eq!(
            (&a.first_name, &a.last_name, &a.id),
            (&b.first_name, &b.last_name, &b.id)
        );
    }
    for (a, b) in teachers.iter().zip(back.teachers.iter()) {
        assert_eq!(
            (&a.first_name, &a.last_name, &a.email),
            (&b.first_name, &b.last_name, &b.email)
        );
    }
}

#[test]
fn write_side_types_round_trip() {
    let account = skolbryggan::model::AccountId::from_raw("a");
    let child = EntityId::new(Platform::InfoMentor, &account, EntityKind::Child, "1001");
    let d = date(2026, 9, 8);
    let assignment = Assignment {
        id: EntityId::for_child(&child, EntityKind::Assignment, "880001"),
        child_id: child.clone(),
        title: "Glosor".to_owned(),
        description_markdown: Some("Läs **kapitel 3**.".to_owned()),
        subject: Some("Engelska".to_owned()),
        due: Some(d),
        due_at: None,
        assigned: Some(date(2026, 9, 1)),
        status: AssignmentStatus::InProgress,
        status_text: Some("Påbörjad".to_owned()),
        overdue: false,
        url: Some("https://hub.infomentor.se/#/task/show/880001".to_owned()),
    };
    let body = render::tasks(&[&assignment]).to_string();
    let back = available(parse::parse_tasks(&body, &child).unwrap());
    assert_eq!(back, vec![assignment.clone()]);

    let body = render::calendar_entries(&[], &[&assignment]).to_string();
    let back = available(parse::parse_calendar_entries(&body, &child).unwrap());
    assert_eq!(back.assignments[0].id, assignment.id);
    assert_eq!(back.assignments[0].due, Some(d));

    let day = CareTime {
        id: EntityId::for_child(&child, EntityKind::CareTime, &d.to_string()),
        child_id: child.clone(),
        date: d,
        start: Some(skolbryggan::time::local(d.at(8, 0, 0, 0))),
        end: Some(skolbryggan::time::local(d.at(16, 30, 0, 0))),
        checked_in: None,
        checked_out: None,
        on_leave: false,
        locked: false,
        closed: false,
        closed_reason: None,
        opening_time: Some(jiff::civil::time(6, 30, 0, 0)),
        closing_time: Some(jiff::civil::time(18, 0, 0, 0)),
        comment: Some("Hämtas av mormor".to_owned()),
        staff_comment: None,
        has_comments: true,
        has_unread_comments: false,
        times_missing: false,
    };
    let action = CareTimeEditAction {
        id: EntityId::for_child(&child, EntityKind::CareTimeEditAction, &d.to_string()),
        child_id: child.clone(),
        date: d,
        registration_id: "7001".to_owned(),
        can_edit: true,
        can_edit_comment: true,
        locked: false,
        closed: false,
    };
    let body = render::time_registrations(d, d, &[&day], &[&action]).to_string();
    let back = available(parse::parse_time_registrations(&body, &child).unwrap());
    assert_eq!(back.days, vec![day.clone()]);
    assert_eq!(back.actions, vec![action.clone()]);

    let report = AbsenceReportAction {
        id: EntityId::for_child(&child, EntityKind::AbsenceReportAction, "2026-09-09"),
        child_id: child.clone(),
        day: date(2026, 9, 9),
        allowed: true,
        locked: false,
        already_reported: false,
        comment: None,
        can_mark_care_time: false,
    };
    let today = AbsenceReportAction {
        id: EntityId::for_child(&child, EntityKind::AbsenceReportAction, "2026-09-08"),
        day: d,
        locked: true,
        ..report.clone()
    };
    let body =
        render::attendance_app_data(d, date(2026, 9, 9), &[], &[&today, &report], &[]).to_string();
    let back = available(parse::parse_attendance_app_data(&body, &child).unwrap());
    assert_eq!(back.actions, vec![today, report]);
    assert!(back.records.is_empty());
}
