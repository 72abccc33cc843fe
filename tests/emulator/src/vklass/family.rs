//! The family the Vklass hosts serve: one guardian with two children in a municipal school
//! (the renamed family of the recorded samples), and their data generated around "today".

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde_json::{Value, json};

/// The guardian's `appData.userId`.
pub const GUARDIAN_ID: &str = "guardian-42";
/// The guardian's full name.
pub const GUARDIAN_NAME: &str = "Tolvan Testsson";
/// The Vklass username that signs in with [`PASSWORD`].
pub const USERNAME: &str = "tolvan.testsson";
/// The password of [`USERNAME`].
pub const PASSWORD: &str = "hemligt-lösen-1";
/// The school's name.
pub const SCHOOL_NAME: &str = "Exempelskolan F-6";

/// A child of the family.
pub struct Pupil {
    pub id: &'static str,
    pub name: &'static str,
    pub class_id: u32,
    pub class: &'static str,
    pub fritids_id: u32,
    pub fritids: &'static str,
    pub teacher: &'static str,
    pub fritids_teacher: &'static str,
}

/// The two children.
pub const PUPILS: &[Pupil] = &[
    Pupil {
        id: "974364",
        name: "Bo",
        class_id: 178975,
        class: "4A",
        fritids_id: 160214,
        fritids: "Seglet 2",
        teacher: "Anna Testsson Holm",
        fritids_teacher: "Kim Yusuf Testsson",
    },
    Pupil {
        id: "1223735",
        name: "Alva",
        class_id: 178989,
        class: "1B",
        fritids_id: 115928,
        fritids: "Ankaret",
        teacher: "Nina Testsson",
        fritids_teacher: "Elin Exempelsson",
    },
];

/// The pupil with this id.
pub fn pupil(id: &str) -> Option<&'static Pupil> {
    PUPILS.iter().find(|p| p.id == id)
}

/// The lessons of a weekday: (start, end, subject, course code, room).
fn lessons(
    p: &Pupil,
    day: Weekday,
) -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    if matches!(day, Weekday::Saturday | Weekday::Sunday) {
        return Vec::new();
    }
    let mut out = vec![
        ("08:10", "09:20", "Svenska", "SV", "268"),
        ("09:40", "10:40", "Matematik", "MA", ""),
    ];
    if day == Weekday::Tuesday {
        out.push(("13:00", "14:00", "Idrott och hälsa", "IDH", "Idh-sal"));
    }
    if p.name == "Alva" {
        for l in &mut out {
            l.0 = match l.0 {
                "08:10" => "08:00",
                other => other,
            };
        }
    }
    out
}

/// Every calendar item of `p` from `first` to `last` (inclusive), as `Events/FullCalendar`
/// answers: sorted by start, `sortIndex` the position.
pub fn calendar(p: &Pupil, first: Date, last: Date, today: Date) -> Vec<Value> {
    let mut items: Vec<(String, Value)> = Vec::new();
    let mut day = first;
    while day <= last {
        for (i, (s, e, subject, code, room)) in lessons(p, day.weekday()).into_iter().enumerate() {
            let lecture = 198_000_000_u64
                + u64::from(p.class_id % 1000) * 10_000
                + (day.day_of_year() as u64) * 10
                + i as u64;
            items.push((
                format!("{day} {s}"),
                json!({
                    "id": null, "title": format!("{subject} ({}/{code})", p.class),
                    "start": format!("{day} {s}"), "end": format!("{day} {e}"), "allDay": false,
                    "context": p.name, "location": room, "text": code,
                    "detailUrl": format!("/Calendar/Lecture/{lecture}"), "eventType": 1,
                    "className": "vk-cl-event-lecture", "cancelled": false,
                }),
            ));
        }
        day = match day.tomorrow() {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    let due = today.checked_add(3.days()).unwrap_or(today);
    if due >= first && due <= last {
        items.push((
            format!("{due} 12:45"),
            json!({
                "id": null, "title": "Läxa i matematik", "start": format!("{due} 12:45"),
                "end": null, "allDay": true, "context": p.name, "location": "",
                "text": "<div>Räkna sidan 12 och <b>13</b>.</div>",
                "detailUrl": format!("/Calendar/Assignment/5{}", p.id), "eventType": 2,
                "className": "vk-cl-event-assignment", "cancelled": false,
            }),
        ));
    }
    let study_day = today.checked_add(9.days()).unwrap_or(today);
    if study_day >= first && study_day <= last {
        items.push((
            format!("{study_day} 00:00"),
            json!({
                "id": null, "title": "Studiedag", "start": format!("{study_day} 00:00"),
                "end": format!("{study_day} 23:59"), "allDay": true, "context": SCHOOL_NAME,
                "location": "", "text": "", "detailUrl": "/Calendar/VacantDayEvent/32701",
                "eventType": 8, "className": "vk-cl-event-vacantday", "cancelled": false,
            }),
        ));
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut v))| {
            if let Some(o) = v.as_object_mut() {
                o.insert("sortIndex".to_owned(), json!(i));
            }
            v
        })
        .collect()
}

/// The news articles, newest first (ids, authors and texts in the recorded shapes).
pub fn news(today: Date) -> Vec<Value> {
    let d = |n: i64| today.checked_sub(n.days()).unwrap_or(today).to_string();
    let child = |name: &str| json!({ "name": name, "fullName": name, "firstName": name, "text": name, "id": 0, "lastName": null, "birthDate": "0001-01-01" });
    vec![
        json!({
            "id": 4565615, "title": "Dags att ansöka om plats på sommaröppet fritidshem",
            "publishDate": d(1), "lastEdited": d(1), "authorName": "Karin Exempelsson Berg",
            "imagePath": "", "introText": "Fritidshemmet är stängt i juli. \r\nAnsök senast 17/4.\r\n",
            "text": "Fyll i alla tre blanketter.\r\n\r\nVänliga hälsningar\r\nKarin",
            "files": [{ "name": "Ansökan", "nameWithExtension": "Ansökan.docx",
                        "url": "https://files.vklass.se/A1A1A1A1-0000-4000-8000-000000000001.docx" }],
            "children": [child("Bo"), child("Alva")], "articleRoute": "/Home/News/4565615",
        }),
        json!({
            "id": 4563056, "title": "VÅRT FÖRSTA GEMENSAMMA FRITIDSBREV🌷 ", "publishDate": d(4),
            "lastEdited": d(4), "authorName": "Fritidshemmet Ankaret", "imagePath": "",
            "introText": "Läs vårt första fritidsbrev.", "text": "",
            "files": [{ "name": "Fritidsbrev", "nameWithExtension": "Fritidsbrev.pdf",
                        "url": "https://files.vklass.se/A1A1A1A1-0000-4000-8000-000000000003.pdf" }],
            "children": [child("Alva")], "articleRoute": "/Home/News/4563056",
        }),
        json!({
            "id": 4542969, "title": "Veckobrev för 4A", "publishDate": d(8), "lastEdited": d(8),
            "authorName": "Anna Testsson Holm", "imagePath": "",
            "introText": "Dags igen för veckobrev.", "text": "Vi har arbetat med bråk.",
            "files": [], "children": [child("Bo")], "articleRoute": "/Home/News/4542969",
        }),
    ]
}

/// The care schedule of both children for the 28 days from `from`.
pub fn care_days(from: Date) -> Vec<Value> {
    let mut out = Vec::new();
    for p in PUPILS {
        let mut day = from;
        for _ in 0..28 {
            if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
                let (start, end) = if p.name == "Alva" {
                    ("07:30", "16:00")
                } else {
                    ("13:30", "16:45")
                };
                out.push(json!({
                    "studentId": p.id.parse::<u64>().unwrap_or(0), "schoolId": 456,
                    "date": day.to_string(), "startTime": start, "endTime": end,
                    "dropOffTime": null, "pickUpTime": null, "isOnLeave": false,
                    "message": null, "deviationDayCustodianId": null,
                }));
            }
            day = match day.tomorrow() {
                Ok(d) => d,
                Err(_) => break,
            };
        }
    }
    out
}

/// The lunch of today.
pub const MENU: &[&str] = &[
    "Kyckling i currysås med cous cous (Fågel), \r",
    "Kökets val",
];
