//! A small hand-built family for tests: three Stockholm children (one in pre-school, two known
//! to Skola24) with a little of everything, and one InfoMentor child the emulator must not
//! serve. Its week is ISO week 48 of 2026 (Monday 23 November).

use jiff::ZonedDateTime;
use jiff::civil::{Date, date};
use skolbryggan::model::{
    AccountId, CalendarEvent, Child, ChildRefs, Classmate, EntityId, EntityKind, EventKind,
    EventTiming, FamilySnapshot, Guardian, MenuDay, NewsImage, NewsItem, Notification, Platform,
    School, SchoolContact, SchoolForm, Subject, Teacher, TimetableLesson, User,
};
use skolbryggan::provider::skola24::Skola24ChildRef;
use skolbryggan::provider::stockholm::StockholmChildRef;

/// The guardian's (test) personal number (not a demo trigger).
pub const GUARDIAN: &str = "198001012387";

/// The "today" the sample is built around (Wednesday of week 48, 2026).
pub fn today() -> Date {
    date(2026, 11, 25)
}

fn at(d: Date, hour: i8, minute: i8) -> ZonedDateTime {
    skolbryggan::time::local(d.at(hour, minute, 0, 0))
}

fn stockholm_child(
    account: &AccountId,
    first: &str,
    id: &str,
    sds: &str,
    status: &str,
    class: Option<&str>,
    skola24: Option<Skola24ChildRef>,
) -> Child {
    Child {
        id: EntityId::new(Platform::Stockholm, account, EntityKind::Child, id),
        platform: Platform::Stockholm,
        first_name: first.to_owned(),
        last_name: "Exempelsson".to_owned(),
        school_forms: skolbryggan::provider::stockholm::school_form::parse_status(status),
        school: Some(School {
            id: Some("de2e1293-0f40-4b91-9d91-1e99355dc257".to_owned()),
            name: if status == "FS" {
                "Påhittade förskolan".to_owned()
            } else {
                "Påhittade skolan".to_owned()
            },
        }),
        class_name: class.map(str::to_owned),
        school_year: None,
        refs: {
            let mut refs = ChildRefs::with(&StockholmChildRef {
                id: id.to_owned(),
                sds_id: sds.to_owned(),
                school_id: Some("de2e1293-0f40-4b91-9d91-1e99355dc257".to_owned()),
                status: status.to_owned(),
            });
            if let Some(skola24) = &skola24 {
                refs.set(skola24);
            }
            refs
        },
    }
}

fn s24(person: &str, first: &str) -> Skola24ChildRef {
    Skola24ChildRef {
        person_guid: person.to_owned(),
        unit_guid: "a1b2c3d4-0000-4000-8000-00000000aaaa".to_owned(),
        school_guid: "a1b2c3d4-0000-4000-8000-00000000bbbb".to_owned(),
        school_id: "Påhittade skolan".to_owned(),
        timetable_id: Some(format!("tt-{person}")),
        first_name: first.to_owned(),
        last_name: "Exempelsson Testsson".to_owned(),
    }
}

fn news(child: &Child, id: &str, title: &str, body: &str, published: ZonedDateTime) -> NewsItem {
    NewsItem {
        id: EntityId::for_child(&child.id, EntityKind::News, id),
        child_id: child.id.clone(),
        title: title.to_owned(),
        intro: Some(format!("{title}. Läs mer.")),
        body_markdown: body.to_owned(),
        author: Some("Eva-Lena Exempelsson".to_owned()),
        published: published.clone(),
        modified: Some(published),
        image: Some(NewsImage {
            url: format!(
                "https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url={id}.jpeg"
            ),
            alt_text: Some("Nyhetsbild".to_owned()),
            needs_session: true,
        }),
        attachments: Vec::new(),
    }
}

fn event(
    child: &Child,
    id: &str,
    title: &str,
    timing: EventTiming,
    kind: EventKind,
) -> CalendarEvent {
    CalendarEvent {
        id: EntityId::for_child(&child.id, EntityKind::CalendarEvent, id),
        child_id: child.id.clone(),
        title: title.to_owned(),
        description: Some(format!("{title} för klassen")),
        location: Some("Aulan".to_owned()),
        timing,
        kind,
    }
}

fn teacher(child: &Child, id: &str, first: &str, last: &str, form: SchoolForm) -> Teacher {
    Teacher {
        id: EntityId::for_child(&child.id, EntityKind::Teacher, id),
        child_id: child.id.clone(),
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        email: Some(format!(
            "{}.{}@example.com",
            first.to_lowercase(),
            last.to_lowercase()
        )),
        phone: None,
        active: true,
        school_form: Some(form),
        timetable_abbreviation: Teacher::abbreviation_for(first, last),
    }
}

#[allow(clippy::too_many_arguments)]
fn lesson(
    child: &Child,
    id: &str,
    code: &str,
    name: &str,
    teacher: Option<&str>,
    room: &str,
    day: Date,
    from: (i8, i8),
    to: (i8, i8),
) -> TimetableLesson {
    TimetableLesson {
        id: EntityId::for_child(&child.id, EntityKind::Lesson, id),
        child_id: child.id.clone(),
        subject: Subject {
            code: code.to_owned(),
            name: name.to_owned(),
            category: if code == "Lunch" {
                "Diverse".to_owned()
            } else {
                String::new()
            },
        },
        comment: None,
        teacher: teacher.map(str::to_owned),
        room: Some(room.to_owned()),
        start: at(day, from.0, from.1),
        end: at(day, to.0, to.1),
        block_name: None,
    }
}

fn menu(child: &Child, day: Date, title: &str, dishes: &[&str]) -> MenuDay {
    MenuDay {
        id: EntityId::for_child(&child.id, EntityKind::MenuDay, &day.to_string()),
        child_id: child.id.clone(),
        date: day,
        title: title.to_owned(),
        dishes: dishes.iter().map(|d| (*d).to_owned()).collect(),
    }
}

/// The sample family.
pub fn family() -> FamilySnapshot {
    let account = crate::EmulatorConfig::account_of(GUARDIAN);
    let alva = stockholm_child(
        &account,
        "Alva",
        "42c3997e-d772-423f-9290-6feeb3cb2da7",
        "786e3393-f044-4660-9105-b444deb289aa",
        "GR",
        Some("7C"),
        Some(s24("11111111-aaaa-4aaa-8aaa-000000000001", "Alva")),
    );
    let bo = stockholm_child(
        &account,
        "Bo",
        "52c3997e-d772-423f-9290-6feeb3cb2da8",
        "886e3393-f044-4660-9105-b444deb289ab",
        "F;GR",
        Some("0A"),
        Some(s24("11111111-aaaa-4aaa-8aaa-000000000002", "Bo")),
    );
    let cleo = stockholm_child(
        &account,
        "Cleo",
        "62c3997e-d772-423f-9290-6feeb3cb2da9",
        "986e3393-f044-4660-9105-b444deb289ac",
        "FS",
        Some("Humlan"),
        None,
    );
    let dana = Child {
        id: EntityId::new(Platform::InfoMentor, &account, EntityKind::Child, "4711"),
        platform: Platform::InfoMentor,
        first_name: "Dana".to_owned(),
        last_name: "Exempelsson".to_owned(),
        school_forms: vec![SchoolForm::Grundskola],
        school: None,
        class_name: None,
        school_year: None,
        refs: ChildRefs::default(),
    };
    let monday = date(2026, 11, 23);
    let day = |n: i64| {
        monday
            .checked_add(jiff::Span::new().days(n))
            .unwrap_or(monday)
    };

    let news_items = vec![
        news(
            &alva,
            "101",
            "Luciafirande",
            "Hej,\n\nVi firar **lucia** den 13 december. Läs mer på [skolans sida](https://example.com/lucia).\n\n- Ta med ljus\n- Kom i tid",
            at(day(1), 9, 15),
        ),
        news(
            &alva,
            "100",
            "Välkommen tillbaka",
            "Terminen har börjat.",
            at(day(0), 8, 0),
        ),
        news(
            &bo,
            "201",
            "Utflykt",
            "Vi åker till **Skansen**.",
            at(day(0), 10, 0),
        ),
        news(
            &cleo,
            "301",
            "Förskolan stänger tidigt",
            "På fredag stänger vi kl 15.",
            at(day(2), 12, 0),
        ),
        news(
            &dana,
            "401",
            "InfoMentor only",
            "Not served by Stockholm.",
            at(day(2), 12, 0),
        ),
    ];
    let calendar = vec![
        event(
            &alva,
            "5001",
            "Studiedag",
            EventTiming::AllDay {
                start: day(4),
                end: day(4),
            },
            EventKind::StudyDay,
        ),
        event(
            &alva,
            "5002",
            "Föräldramöte 7C",
            EventTiming::Timed {
                start: at(day(1), 18, 0),
                end: at(day(1), 19, 30),
            },
            EventKind::ParentMeeting,
        ),
        event(
            &alva,
            "s1",
            "Utvecklingssamtal",
            EventTiming::Timed {
                start: at(day(2), 14, 10),
                end: at(day(2), 14, 40),
            },
            EventKind::Schedule,
        ),
        event(
            &bo,
            "6001",
            "Jullov",
            EventTiming::AllDay {
                start: date(2026, 12, 21),
                end: date(2027, 1, 8),
            },
            EventKind::Holiday,
        ),
        event(
            &cleo,
            "7001",
            "Förskolan stängd",
            EventTiming::AllDay {
                start: day(4),
                end: day(4),
            },
            EventKind::StudyDay,
        ),
    ];
    let notifications = vec![Notification {
        id: EntityId::for_child(
            &alva.id,
            EntityKind::Notification,
            "0d7e8a8e-1111-4222-8333-444455556666",
        ),
        child_id: alva.id.clone(),
        sender: "Elevdokumentation".to_owned(),
        message: "Nytt omdöme i Matematik".to_owned(),
        url: Some("https://elevdokumentation.stockholm.se/loa3/student/1".to_owned()),
        category: Some("Bedömning".to_owned()),
        notification_type: Some("webnotify".to_owned()),
        created: at(day(1), 8, 15),
        modified: Some(at(day(1), 8, 16)),
    }];
    let mut menus = Vec::new();
    let names = ["Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag"];
    for (i, name) in names.iter().enumerate() {
        let d = day(i64::try_from(i).unwrap_or(0));
        for child in [&alva, &bo] {
            menus.push(menu(
                child,
                d,
                &format!("{name} - Vecka 48"),
                &["Fiskgratäng med potatis", "Vegetarisk lasagne"],
            ));
        }
    }
    let teachers = vec![
        teacher(&alva, "t-1", "Karin", "Ursson", SchoolForm::Grundskola),
        teacher(&alva, "t-2", "Anton", "Lärarsson", SchoolForm::Grundskola),
        teacher(&bo, "t-3", "Fia", "Testsson", SchoolForm::Forskoleklass),
        teacher(&bo, "t-4", "Gustav", "Testsson", SchoolForm::Grundskola),
    ];
    let lessons = vec![
        lesson(
            &alva,
            "ZTQ1-1",
            "BL",
            "Bild",
            Some("Karin Ursson"),
            "221",
            day(0),
            (9, 40),
            (11, 35),
        ),
        lesson(
            &alva,
            "ZTQ1-2",
            "Lunch",
            "Lunch",
            None,
            "Ö5",
            day(0),
            (11, 40),
            (12, 5),
        ),
        lesson(
            &alva,
            "ZTQ1-3",
            "MA",
            "Matematik",
            Some("Anton Lärarsson"),
            "A402",
            day(2),
            (8, 10),
            (9, 0),
        ),
        lesson(
            &alva,
            "ZTQ1-4",
            "MA",
            "Matematik",
            Some("Anton Lärarsson"),
            "A402",
            day(7),
            (8, 10),
            (9, 0),
        ),
        lesson(
            &bo,
            "ZTQ2-1",
            "SV",
            "Svenska",
            Some("Fia Testsson, Gustav Testsson"),
            "B12",
            day(1),
            (8, 30),
            (9, 30),
        ),
    ];
    let classmates = vec![Classmate {
        id: EntityId::for_child(
            &alva.id,
            EntityKind::Classmate,
            "22f0cfc7-09c7-45dc-9388-ae9a9ea1356b",
        ),
        child_id: alva.id.clone(),
        first_name: "Elev".to_owned(),
        last_name: "Elevsson".to_owned(),
        class_name: Some("7C".to_owned()),
        guardians: vec![Guardian {
            first_name: "Förälder".to_owned(),
            last_name: "Föräldersson".to_owned(),
            email: Some("foralder.foraldersson@example.com".to_owned()),
            mobile: Some("070-000 00 01".to_owned()),
            address: Some("Påhittegatan 1".to_owned()),
        }],
    }];
    let contacts = vec![
        SchoolContact {
            id: EntityId::for_child(&alva.id, EntityKind::Contact, "0"),
            child_id: alva.id.clone(),
            title: Some("Expedition".to_owned()),
            name: None,
            phone: Some("508 000 00".to_owned()),
            email: Some(String::new()),
            school_name: Some("Påhittade skolan".to_owned()),
            class_name: None,
        },
        SchoolContact {
            id: EntityId::for_child(&alva.id, EntityKind::Contact, "1"),
            child_id: alva.id.clone(),
            title: Some("Rektor".to_owned()),
            name: Some("Rektorsson, Rut".to_owned()),
            phone: Some("08-508 000 00".to_owned()),
            email: Some("rut.rektorsson@example.com".to_owned()),
            school_name: None,
            class_name: None,
        },
    ];
    FamilySnapshot {
        schema_version: FamilySnapshot::SCHEMA_VERSION,
        users: vec![User {
            id: EntityId::new(
                Platform::Stockholm,
                &account,
                EntityKind::User,
                account.as_str(),
            ),
            personal_number: skolbryggan::model::PersonalNumber::parse(GUARDIAN, 2026),
            first_name: "Tolvan".to_owned(),
            last_name: "Tolvansson".to_owned(),
            email: Some("tolvan.tolvansson@example.com".to_owned()),
            notification_id: Some(
                "B026594053D44299AB64ED81990B49C04D32F635C9A3454A84030439BFDDEF04".to_owned(),
            ),
        }],
        children: vec![alva, bo, cleo, dana],
        news: news_items,
        calendar,
        notifications,
        menus,
        lessons,
        classmates,
        teachers,
        contacts,
        ..FamilySnapshot::default()
    }
}
