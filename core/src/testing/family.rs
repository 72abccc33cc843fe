//! A hand-built family with distinctive words, for privacy and load tests.

use jiff::ToSpan;
use jiff::civil::{Date, Time};

use crate::model::{
    AccountId, CalendarEvent, Child, ChildRefs, Classmate, EntityId, EntityKind, EventKind,
    EventTiming, FamilySnapshot, Guardian, IsoWeek, MenuDay, NewsItem, Notification, Platform,
    School, SchoolContact, SchoolForm, Subject, Teacher, TimetableLesson, User,
};
use crate::time;

/// A generated family and the words that must never appear in plain text on disk.
#[derive(Debug, Clone)]
pub struct TestFamily {
    /// The account.
    pub account: AccountId,
    /// All data.
    pub snapshot: FamilySnapshot,
    /// Names, personal numbers, titles and body words used in the data.
    pub secrets: Vec<String>,
}

const FIRST: [&str; 6] = [
    "Zlatanina",
    "Bjornulf",
    "Ingegerdis",
    "Ragnvaldo",
    "Sigbritta",
    "Torkelina",
];
const DISHES: [&str; 5] = [
    "Kalvfrikasse med persiljeris",
    "Laxpudding med smorsas",
    "Kikartsgryta med kokosris",
    "Pannbiff med lokssas",
    "Ugnsomelett med spenat",
];
const SUBJECTS: [(&str, &str); 6] = [
    ("MA", "Matematik"),
    ("SV", "Svenska"),
    ("IDH", "Idrott och halsa"),
    ("EN", "Engelska"),
    ("BL", "Bild"),
    ("Lunch", "Lunch"),
];

/// A family of `children` children on Stockholm with `weeks` weeks of calendar, menu and
/// timetable starting at the week of `start`, and news and notifications over the same span.
pub fn test_family(children: usize, start: Date, weeks: usize) -> TestFamily {
    // Any installation's key: the scripted provider hands this account over in its session.
    let account =
        crate::model::AccountKey::derive(b"skolbryggan test family").account_id("197001011234");
    let mut s = FamilySnapshot::empty();
    let mut secrets = vec![
        "Gunnvorsdotter".to_owned(),
        "197001011234".to_owned(),
        "19700101-1234".to_owned(),
        "Adalbertsson".to_owned(),
    ];
    s.users.push(User {
        id: EntityId::new(
            Platform::Stockholm,
            &account,
            EntityKind::User,
            account.as_str(),
        ),
        personal_number: crate::model::PersonalNumber::parse("197001011234", 2026),
        first_name: "Gunnvor".to_owned(),
        last_name: "Gunnvorsdotter".to_owned(),
        email: Some("gunnvor@example.invalid".to_owned()),
        notification_id: None,
    });
    let monday = IsoWeek::containing(start).monday().unwrap_or(start);
    for ci in 0..children {
        let first = FIRST.get(ci % FIRST.len()).copied().unwrap_or("Barn");
        let child_id = EntityId::new(
            Platform::Stockholm,
            &account,
            EntityKind::Child,
            &format!("guid-{ci}"),
        );
        secrets.push(first.to_owned());
        s.children.push(Child {
            id: child_id.clone(),
            platform: Platform::Stockholm,
            first_name: first.to_owned(),
            last_name: "Adalbertsson".to_owned(),
            school_forms: vec![SchoolForm::Grundskola],
            school: Some(School {
                id: None,
                name: "Skogsbrynsskolan".to_owned(),
            }),
            class_name: Some(format!("{}B", ci + 3)),
            school_year: Some(3 + ci as u8),
            refs: ChildRefs::default(),
        });
        secrets.push("Skogsbrynsskolan".to_owned());
        for w in 0..weeks {
            let week_monday = monday.checked_add((7 * w as i64).days()).unwrap_or(monday);
            // News: two items a week.
            for n in 0..2 {
                let day = week_monday
                    .checked_add((n * 2).days())
                    .unwrap_or(week_monday);
                let title = format!("Veckobrev Frostbiten {w}-{n} {first}");
                s.news.push(NewsItem {
                    id: EntityId::for_child(&child_id, EntityKind::News, &format!("n{w}-{n}")),
                    child_id: child_id.clone(),
                    title,
                    intro: Some("Hej alla vardnadshavare".to_owned()),
                    body_markdown: format!(
                        "Denna vecka har klassen arbetat med Trollsländeprojektet. {}",
                        "Vi påminner om matsäck och regnkläder till utflykten. ".repeat(8)
                    ),
                    author: Some("Karin Ursson".to_owned()),
                    published: time::local(day.to_datetime(Time::constant(9, 0, 0, 0))),
                    modified: None,
                    image: None,
                    attachments: Vec::new(),
                });
            }
            s.notifications.push(Notification {
                id: EntityId::for_child(&child_id, EntityKind::Notification, &format!("a{w}")),
                child_id: child_id.clone(),
                sender: "Lärlogg".to_owned(),
                message: format!("Ny bedömning i Blåbärsmatematik för {first}"),
                url: None,
                category: Some("Bedömning".to_owned()),
                notification_type: Some("avisering".to_owned()),
                created: time::local(week_monday.to_datetime(Time::constant(15, 0, 0, 0))),
                modified: None,
            });
            s.calendar.push(CalendarEvent {
                id: EntityId::for_child(&child_id, EntityKind::CalendarEvent, &format!("e{w}")),
                child_id: child_id.clone(),
                title: format!("Utflykt till Myrstacksberget v{w}"),
                description: Some("Ta med varma kläder".to_owned()),
                location: Some("Myrstacksberget".to_owned()),
                timing: EventTiming::Timed {
                    start: time::local(
                        week_monday
                            .checked_add(2.days())
                            .unwrap_or(week_monday)
                            .to_datetime(Time::constant(9, 0, 0, 0)),
                    ),
                    end: time::local(
                        week_monday
                            .checked_add(2.days())
                            .unwrap_or(week_monday)
                            .to_datetime(Time::constant(12, 0, 0, 0)),
                    ),
                },
                kind: EventKind::Excursion,
            });
            for d in 0..5i64 {
                let date = week_monday.checked_add(d.days()).unwrap_or(week_monday);
                s.menus.push(MenuDay {
                    id: EntityId::for_child(&child_id, EntityKind::MenuDay, &date.to_string()),
                    child_id: child_id.clone(),
                    date,
                    title: format!("Dag {d}"),
                    dishes: vec![
                        DISHES
                            .get(d as usize)
                            .copied()
                            .unwrap_or("Soppa")
                            .to_owned(),
                    ],
                });
                for (li, (code, name)) in SUBJECTS.iter().enumerate() {
                    let start_t = Time::constant(8 + li as i8, 0, 0, 0);
                    let end_t = Time::constant(8 + li as i8, 50, 0, 0);
                    s.lessons.push(TimetableLesson {
                        id: EntityId::for_child(
                            &child_id,
                            EntityKind::Lesson,
                            &format!("{date}-{li}"),
                        ),
                        child_id: child_id.clone(),
                        subject: Subject {
                            code: (*code).to_owned(),
                            name: (*name).to_owned(),
                            category: String::new(),
                        },
                        comment: None,
                        teacher: Some("Karin Ursson".to_owned()),
                        room: Some("Sal Vitsippan".to_owned()),
                        start: time::local(date.to_datetime(start_t)),
                        end: time::local(date.to_datetime(end_t)),
                        block_name: None,
                    });
                }
            }
        }
        s.classmates.push(Classmate {
            id: EntityId::for_child(&child_id, EntityKind::Classmate, "k1"),
            child_id: child_id.clone(),
            first_name: "Hildegunn".to_owned(),
            last_name: "Pettersdotter".to_owned(),
            class_name: Some("3B".to_owned()),
            guardians: vec![Guardian {
                first_name: "Oddbjorn".to_owned(),
                last_name: "Pettersdotter".to_owned(),
                email: Some("oddbjorn@example.invalid".to_owned()),
                mobile: Some("070-1234567".to_owned()),
                address: Some("Granstigen 7".to_owned()),
            }],
        });
        s.teachers.push(Teacher {
            id: EntityId::for_child(&child_id, EntityKind::Teacher, "t1"),
            child_id: child_id.clone(),
            first_name: "Karin".to_owned(),
            last_name: "Ursson".to_owned(),
            email: None,
            phone: None,
            active: true,
            school_form: Some(SchoolForm::Grundskola),
            timetable_abbreviation: "KUR".to_owned(),
        });
        s.contacts.push(SchoolContact {
            id: EntityId::for_child(&child_id, EntityKind::Contact, "c1"),
            child_id: child_id.clone(),
            title: Some("Rektor".to_owned()),
            name: Some("Rektorsson, Rut".to_owned()),
            phone: Some("08-5085000".to_owned()),
            email: None,
            school_name: Some("Skogsbrynsskolan".to_owned()),
            class_name: None,
        });
    }
    secrets.extend(
        [
            "Frostbiten",
            "Trollsländeprojektet",
            "matsäck",
            "Blåbärsmatematik",
            "Myrstacksberget",
            "Kalvfrikasse",
            "Laxpudding",
            "Vitsippan",
            "Karin Ursson",
            "Hildegunn",
            "Oddbjorn",
            "Granstigen",
            "Rektorsson",
            "070-1234567",
            "Gunnvor",
        ]
        .map(str::to_owned),
    );
    // Dates of the child's events, as plain text, must not show either.
    secrets.push(monday.checked_add(2.days()).unwrap_or(monday).to_string());
    TestFamily {
        account,
        snapshot: s,
        secrets,
    }
}
