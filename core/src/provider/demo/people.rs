//! The demo family's people: the guardian, the children, their teachers, classmates and school
//! contacts.

use crate::model::{
    AccountId, Child, ChildRefs, Classmate, EntityId, EntityKind, Guardian, PersonalNumber,
    Platform, School, SchoolContact, SchoolForm, Teacher, User,
};
use crate::provider::infomentor::InfoMentorPupilRef;
use crate::provider::skola24::Skola24ChildRef;
use crate::provider::stockholm::StockholmChildRef;

use super::names::{self, ADULTS, BOYS, Dice, GIRLS, STREETS, SURNAMES};

/// The three kinds of children the demo family has (repeated with `scale`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildKind {
    /// Förskola, on Stockholm's Skolplattformen.
    Preschool,
    /// Year 3 with fritidshem, on Skolplattformen with the timetable in Skola24.
    Primary,
    /// Year 8 (högstadiet), at a school on InfoMentor.
    Secondary,
}

/// A generated child with the facts the content generator needs.
#[derive(Debug, Clone)]
pub struct DemoChild {
    /// The normalized child.
    pub child: Child,
    /// Which of the three kinds.
    pub kind: ChildKind,
    /// Teachers (the first one is the class teacher / mentor).
    pub teachers: Vec<Teacher>,
}

/// The guardian's users, one per platform account.
pub fn users(account: &AccountId, first: &str, last: &str, platforms: &[Platform]) -> Vec<User> {
    platforms
        .iter()
        .map(|p| User {
            id: EntityId::new(*p, account, EntityKind::User, account.as_str()),
            personal_number: PersonalNumber::parse("191212121212", 2026),
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            email: Some(format!("{}@example.com", names::email_local(first, last))),
            notification_id: None,
        })
        .collect()
}

fn school(kind: ChildKind, dice: &mut Dice, index: u32) -> School {
    let suffix = if index == 0 {
        String::new()
    } else {
        format!(" {}", index + 1)
    };
    match kind {
        ChildKind::Preschool => School {
            id: Some(dice.guid()),
            name: format!("Fjärilens förskola{suffix}"),
        },
        ChildKind::Primary => School {
            id: Some(dice.guid()),
            name: format!("Kastanjeskolan{suffix}"),
        },
        ChildKind::Secondary => School {
            id: Some(dice.pick(&["1043", "1187", "2210"]).to_owned()),
            name: format!("Ekbackens skola{suffix}"),
        },
    }
}

/// Creates one child of `kind` with its teachers.
pub fn child(
    account: &AccountId,
    family_name: &str,
    kind: ChildKind,
    index: u32,
    dice: &mut Dice,
    used_names: &mut Vec<String>,
) -> DemoChild {
    let first = loop {
        let name = if dice.chance(0.5) {
            dice.pick(GIRLS)
        } else {
            dice.pick(BOYS)
        };
        if !used_names.iter().any(|n| n == name) {
            used_names.push(name.to_owned());
            break name.to_owned();
        }
        if used_names.len() >= GIRLS.len() + BOYS.len() {
            break format!("{name} {}", index + 1);
        }
    };
    let school = school(kind, dice, index / 3);
    let (platform, forms, class_name, year, status) = match kind {
        ChildKind::Preschool => (
            Platform::Stockholm,
            vec![SchoolForm::Forskola],
            dice.pick(&["Humlan", "Myran", "Ekorren", "Igelkotten"])
                .to_owned(),
            None,
            "FS",
        ),
        ChildKind::Primary => (
            Platform::Stockholm,
            vec![SchoolForm::Grundskola, SchoolForm::Fritidshem],
            format!("3{}", dice.pick(&["A", "B", "C"])),
            Some(3),
            "GR;FR",
        ),
        ChildKind::Secondary => (
            Platform::InfoMentor,
            vec![SchoolForm::Grundskola],
            format!("8{}", dice.pick(&["A", "B", "C", "D"])),
            Some(8),
            "",
        ),
    };
    let refs = match kind {
        ChildKind::Preschool | ChildKind::Primary => {
            let stockholm = StockholmChildRef {
                id: dice.guid(),
                sds_id: dice.guid(),
                school_id: school.id.clone(),
                status: status.to_owned(),
            };
            let skola24 = (kind == ChildKind::Primary).then(|| Skola24ChildRef {
                person_guid: dice.guid().to_lowercase(),
                unit_guid: dice.guid().to_lowercase(),
                school_guid: dice.guid().to_lowercase(),
                school_id: school.name.clone(),
                timetable_id: Some(dice.guid().to_lowercase()),
                first_name: first.clone(),
                last_name: family_name.to_owned(),
            });
            let mut refs = ChildRefs::with(&stockholm);
            if let Some(skola24) = &skola24 {
                refs.set(skola24);
            }
            refs
        }
        ChildKind::Secondary => {
            let pupil_id = format!("{}", dice.between(1_000_000, 9_999_999));
            ChildRefs::with(&InfoMentorPupilRef {
                switch_url: Some(format!("/Account/PupilSwitcher/SwitchPupil/{pupil_id}")),
                pupil_id,
            })
        }
    };
    let local = match (
        refs.get::<StockholmChildRef>(),
        refs.get::<InfoMentorPupilRef>(),
    ) {
        (Some(s), _) => s.id.clone(),
        (None, Some(im)) => im.pupil_id.clone(),
        (None, None) => dice.guid(),
    };
    let id = EntityId::new(platform, account, EntityKind::Child, &local);
    let child = Child {
        id,
        platform,
        first_name: first,
        last_name: family_name.to_owned(),
        school_forms: forms,
        school: Some(school.clone()),
        class_name: Some(class_name),
        school_year: year,
        refs,
    };
    let teachers = teachers(&child, kind, dice);
    DemoChild {
        child,
        kind,
        teachers,
    }
}

fn teachers(child: &Child, kind: ChildKind, dice: &mut Dice) -> Vec<Teacher> {
    let count = match kind {
        ChildKind::Preschool => 3,
        ChildKind::Primary => 5,
        ChildKind::Secondary => 10,
    };
    let form = match kind {
        ChildKind::Preschool => SchoolForm::Forskola,
        _ => SchoolForm::Grundskola,
    };
    let mut out: Vec<Teacher> = Vec::new();
    while out.len() < count {
        let first = dice.pick(ADULTS);
        let last = dice.pick(SURNAMES);
        let abbreviation = Teacher::abbreviation_for(first, last);
        if out.iter().any(|t| t.timetable_abbreviation == abbreviation) {
            continue;
        }
        let local = format!("{}", dice.between(10_000, 99_999));
        let school_form = if kind == ChildKind::Primary && out.len() == count - 1 {
            SchoolForm::Fritidshem
        } else {
            form.clone()
        };
        out.push(Teacher {
            id: EntityId::for_child(&child.id, EntityKind::Teacher, &local),
            child_id: child.id.clone(),
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            email: Some(format!("{}@example.com", names::email_local(first, last))),
            phone: dice.chance(0.5).then(|| {
                format!(
                    "08-508 {:03} {:02}",
                    dice.between(100, 999),
                    dice.between(10, 99)
                )
            }),
            active: true,
            school_form: Some(school_form),
            timetable_abbreviation: abbreviation,
        });
    }
    out
}

/// The child's class list: 14–24 pupils with one or two guardians each.
pub fn classmates(child: &Child, kind: ChildKind, dice: &mut Dice, scale: u32) -> Vec<Classmate> {
    let base = match kind {
        ChildKind::Preschool => dice.between(12, 16),
        _ => dice.between(20, 24),
    };
    let n = base.saturating_mul(scale.clamp(1, 4));
    (0..n)
        .map(|i| {
            let first = if i % 2 == 0 {
                dice.pick(GIRLS)
            } else {
                dice.pick(BOYS)
            };
            let last = dice.pick(SURNAMES);
            let guardian_count = if dice.chance(0.7) { 2 } else { 1 };
            let street = dice.pick(STREETS);
            let number = dice.between(1, 140);
            let address = dice.chance(0.8).then(|| {
                format!(
                    "{street} {number}, 1{}{} {:02} Stockholm",
                    dice.between(1, 2),
                    dice.between(0, 9),
                    dice.between(10, 99)
                )
            });
            let guardians = (0..guardian_count)
                .map(|g| {
                    let gf = dice.pick(ADULTS);
                    let gl = if g == 0 || dice.chance(0.6) {
                        last
                    } else {
                        dice.pick(SURNAMES)
                    };
                    Guardian {
                        first_name: gf.to_owned(),
                        last_name: gl.to_owned(),
                        email: dice
                            .chance(0.9)
                            .then(|| format!("{}@example.com", names::email_local(gf, gl))),
                        mobile: dice.chance(0.9).then(|| dice.mobile()),
                        address: address.clone(),
                    }
                })
                .collect();
            let local = dice.guid();
            Classmate {
                id: EntityId::for_child(&child.id, EntityKind::Classmate, &local),
                child_id: child.id.clone(),
                first_name: first.to_owned(),
                last_name: last.to_owned(),
                class_name: child.class_name.clone(),
                guardians,
            }
        })
        .collect()
}

/// The school's contacts: the office and the principal.
pub fn contacts(child: &Child, dice: &mut Dice) -> Vec<SchoolContact> {
    let school_name = child.school.as_ref().map(|s| s.name.clone());
    let principal_first = dice.pick(ADULTS);
    let principal_last = dice.pick(SURNAMES);
    let office_title = if child.is_preschool() {
        "Förskolans kontor"
    } else {
        "Expedition"
    };
    vec![
        SchoolContact {
            id: EntityId::for_child(&child.id, EntityKind::Contact, "0"),
            child_id: child.id.clone(),
            title: Some(office_title.to_owned()),
            name: None,
            phone: Some(format!(
                "08-508 {:03} {:02}",
                dice.between(100, 999),
                dice.between(10, 99)
            )),
            email: Some(format!(
                "{}@example.com",
                names::email_local("expedition", school_name.as_deref().unwrap_or("skolan"))
            )),
            school_name: school_name.clone(),
            class_name: None,
        },
        SchoolContact {
            id: EntityId::for_child(&child.id, EntityKind::Contact, "1"),
            child_id: child.id.clone(),
            title: Some(
                if child.is_preschool() {
                    "Förskolechef"
                } else {
                    "Rektor"
                }
                .to_owned(),
            ),
            name: Some(format!("{principal_last}, {principal_first}")),
            phone: Some(format!(
                "08-508 {:03} {:02}",
                dice.between(100, 999),
                dice.between(10, 99)
            )),
            email: Some(format!(
                "{}@example.com",
                names::email_local(principal_first, principal_last)
            )),
            school_name: None,
            class_name: None,
        },
    ]
}
