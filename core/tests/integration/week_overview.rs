//! The week overview: merging children and platforms, day boundaries in Europe/Stockholm.

use jiff::civil::{Date, date};
use skolbryggan::model::*;
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::time;
use skolbryggan::week::WeekOverview;

fn child(platform: Platform, local: &str, name: &str) -> Child {
    Child {
        id: EntityId::new(platform, &AccountId::demo(), EntityKind::Child, local),
        platform,
        first_name: name.into(),
        last_name: "Test".into(),
        school_forms: vec![SchoolForm::Grundskola],
        school: None,
        class_name: None,
        school_year: Some(3),
        refs: ChildRefs::default(),
    }
}

fn lesson(child: &Child, local: &str, code: &str, start: &str, end: &str) -> TimetableLesson {
    let parse = |s: &str| time::local(s.parse::<jiff::civil::DateTime>().unwrap());
    TimetableLesson {
        id: EntityId::for_child(&child.id, EntityKind::Lesson, local),
        child_id: child.id.clone(),
        subject: Subject {
            code: code.into(),
            name: code.into(),
            category: String::new(),
        },
        comment: None,
        teacher: None,
        room: None,
        start: parse(start),
        end: parse(end),
        block_name: None,
    }
}

fn event(child: &Child, local: &str, timing: EventTiming, kind: EventKind) -> CalendarEvent {
    CalendarEvent {
        id: EntityId::for_child(&child.id, EntityKind::CalendarEvent, local),
        child_id: child.id.clone(),
        title: local.into(),
        description: None,
        location: None,
        timing,
        kind,
    }
}

fn day(week: &WeekOverview, d: Date) -> &DayOverview {
    week.days.iter().find(|x| x.date == d).unwrap()
}

#[test]
fn merges_children_of_two_platforms_per_day() {
    let a = child(Platform::Stockholm, "a", "Alva");
    let b = child(Platform::InfoMentor, "b", "Bo");
    let mut family = FamilySnapshot::empty();
    family.children = vec![a.clone(), b.clone()];
    family.lessons = vec![
        lesson(&a, "1", "SV", "2026-11-23T08:10", "2026-11-23T09:00"),
        lesson(&a, "2", "IDH", "2026-11-23T13:00", "2026-11-23T14:00"),
        lesson(&a, "3", "Lunch", "2026-11-23T14:00", "2026-11-23T15:00"),
        lesson(&b, "1", "MA", "2026-11-23T09:30", "2026-11-23T15:40"),
    ];
    family.menus = vec![MenuDay {
        id: EntityId::for_child(&a.id, EntityKind::MenuDay, "2026-11-23"),
        child_id: a.id.clone(),
        date: date(2026, 11, 23),
        title: "Måndag - Vecka 48".into(),
        dishes: vec!["Köttbullar".into()],
    }];
    let week = WeekOverview::build(&family, date(2026, 11, 25));
    assert_eq!(
        week.week,
        IsoWeek {
            year: 2026,
            week: 48
        }
    );
    assert_eq!(week.days.len(), 7);
    let monday = day(&week, date(2026, 11, 23));
    assert_eq!(monday.children.len(), 2);
    let alva = &monday.children[0];
    assert_eq!(alva.child_name, "Alva");
    assert_eq!(alva.lesson_count, 2, "lunch is not a lesson");
    assert_eq!(
        time::in_stockholm(alva.first_lesson.as_ref().unwrap()).hour(),
        8
    );
    assert_eq!(
        time::in_stockholm(alva.last_lesson_end.as_ref().unwrap()).hour(),
        14
    );
    assert!(alva.bring_gym_clothes);
    assert_eq!(alva.lunch, vec!["Köttbullar".to_string()]);
    let bo = &monday.children[1];
    assert_eq!(bo.platform, Platform::InfoMentor);
    assert!(!bo.bring_gym_clothes);
    assert_eq!(bo.lesson_count, 1);
    assert!(
        day(&week, date(2026, 11, 24))
            .children
            .iter()
            .all(|c| c.lesson_count == 0)
    );
}

#[test]
fn day_boundaries_are_stockholm_midnights_in_a_dst_week() {
    // Week 43 of 2026 ends on Sunday 25 October, when clocks go back (a 25-hour day).
    let a = child(Platform::Stockholm, "a", "Alva");
    let mut family = FamilySnapshot::empty();
    family.children = vec![a.clone()];
    let utc = |s: &str| time::from_timestamp(s.parse::<jiff::Timestamp>().unwrap());
    // 22:30 UTC on Saturday 24 Oct is 00:30 CEST on Sunday.
    family.calendar.push(event(
        &a,
        "late",
        EventTiming::Timed {
            start: utc("2026-10-24T22:30:00Z"),
            end: utc("2026-10-24T23:00:00Z"),
        },
        EventKind::Other,
    ));
    // 23:30 UTC on Sunday 25 Oct is 00:30 CET on Monday 26 Oct: next week.
    family.calendar.push(event(
        &a,
        "next",
        EventTiming::Timed {
            start: utc("2026-10-25T23:30:00Z"),
            end: utc("2026-10-25T23:45:00Z"),
        },
        EventKind::Other,
    ));
    // 22:30 UTC on Sunday 25 Oct is 23:30 CET the same Sunday.
    family.calendar.push(event(
        &a,
        "sunday-night",
        EventTiming::Timed {
            start: utc("2026-10-25T22:30:00Z"),
            end: utc("2026-10-25T22:45:00Z"),
        },
        EventKind::Other,
    ));
    // An event ending exactly at local midnight does not spill into the next day.
    family.calendar.push(event(
        &a,
        "until-midnight",
        EventTiming::Timed {
            start: time::local(date(2026, 10, 20).at(22, 0, 0, 0)),
            end: time::start_of_day(date(2026, 10, 21)),
        },
        EventKind::Other,
    ));
    let week = WeekOverview::build(&family, date(2026, 10, 22));
    assert_eq!(week.week.week, 43);
    let titles = |d: Date| -> Vec<String> {
        day(&week, d).children[0]
            .events
            .iter()
            .map(|e| e.title.clone())
            .collect()
    };
    assert_eq!(titles(date(2026, 10, 24)), Vec::<String>::new());
    assert_eq!(
        titles(date(2026, 10, 25)),
        vec!["late".to_string(), "sunday-night".to_string()]
    );
    assert_eq!(
        titles(date(2026, 10, 20)),
        vec!["until-midnight".to_string()]
    );
    assert!(titles(date(2026, 10, 21)).is_empty());
    let next_week = WeekOverview::build(&family, date(2026, 10, 26));
    assert_eq!(
        day(&next_week, date(2026, 10, 26)).children[0].events[0].title,
        "next"
    );
}

#[test]
fn spring_forward_week_keeps_local_times() {
    // 28 March 2027: clocks go forward. Lessons on Monday 29 March start at 08:10 local.
    let family = DemoFamily::generate(&DemoConfig::for_date(date(2027, 3, 29))).snapshot;
    let week = WeekOverview::build(&family, date(2027, 3, 29));
    // Påsklov is the week before Easter (22–26 March); 29 March is Annandag påsk.
    let monday = day(&week, date(2027, 3, 29));
    assert!(monday.children.iter().all(|c| c.first_lesson.is_none()));
    let tuesday = day(&week, date(2027, 3, 30));
    let pupil = tuesday
        .children
        .iter()
        .find(|c| c.first_lesson.is_some())
        .unwrap();
    let first = time::in_stockholm(pupil.first_lesson.as_ref().unwrap());
    assert_eq!((first.hour(), first.offset().seconds()), (8, 7200));
}

#[test]
fn holidays_span_days_and_mark_days_off() {
    let family = DemoFamily::generate(&DemoConfig::for_date(date(2026, 10, 28))).snapshot;
    let week = WeekOverview::build(&family, date(2026, 10, 28));
    for d in week.days.iter().take(5) {
        let pupil = &d.children[1];
        assert_eq!(pupil.day_off.as_deref(), Some("Höstlov"), "{}", d.date);
        assert_eq!(pupil.lesson_count, 0);
    }
    // Pre-school stays open during höstlov.
    assert!(day(&week, date(2026, 10, 27)).children[0].day_off.is_none());
    assert!(!day(&week, date(2026, 10, 27)).children[0].lunch.is_empty());
}

#[test]
fn demo_week_shows_all_five_children() {
    let family = DemoFamily::generate(&DemoConfig::for_date(date(2026, 11, 25))).snapshot;
    let week = WeekOverview::build(&family, date(2026, 11, 25));
    let wed = day(&week, date(2026, 11, 25));
    assert_eq!(wed.children.len(), 5);
    let platforms: std::collections::BTreeSet<_> =
        wed.children.iter().map(|c| c.platform.as_str()).collect();
    assert_eq!(platforms.len(), 4, "{platforms:?}");
    assert!(wed.children[1..].iter().all(|c| c.first_lesson.is_some()));
    assert!(!wed.children[0].lunch.is_empty());
    assert!(
        week.days
            .iter()
            .any(|d| d.children.iter().any(|c| !c.news.is_empty()))
    );
}
