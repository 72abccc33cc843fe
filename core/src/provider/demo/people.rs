//! The demo family's people: the guardian, the children, their teachers, classmates and school
//! contacts.

use crate::model::{
    AccountId, Child, ChildRefs, Classmate, EntityId, EntityKind, Guardian, PersonalNumber,
    Platform, School, SchoolContact, SchoolForm, Teacher, User,
};
use crate::provider::infomentor::InfoMentorPupilRef;
use crate::provider::schoolsoft::SchoolSoftChildRef;
use crate::provider::skola24::Skola24ChildRef;
use crate::provider::stockholm::StockholmChildRef;
use crate::provider::vklass::VklassPupilRef;

use super::names::{self, ADULTS, BOYS, Dice, GIRLS, STREETS, SURNAMES};

/// The kinds of children the demo family has (each repeated with `scale`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildKind {
    /// Förskola, on Stockholm's Skolplattformen.
    Preschool,
    /// Year 3 with fritidshem, on Skolplattformen with the timetable in Skola24.
    Primary,
    /// Year 8 (högstadiet), at a school on InfoMentor.
    Secondary,
    /// Year 5 (mellanstadiet) at an independent school (friskola) on SchoolSoft; no fritids.
    Intermediate,
    /// Year 1 with fritidshem at a municipal school of a Göteborg-like town on Vklass.
    FirstYear,
}

impl ChildKind {
    /// The first three kinds, generated from the family's dice (their content is what it was
    /// before the SchoolSoft and Vklass children came).
    pub const ORIGINAL: [ChildKind; 3] = [
        ChildKind::Preschool,
        ChildKind::Primary,
        ChildKind::Secondary,
    ];

    /// The kinds appended after the original ones, generated from a dice of their own.
    pub const APPENDED: [ChildKind; 2] = [ChildKind::Intermediate, ChildKind::FirstYear];

    /// The platform the kind's school is on.
    pub fn platform(self) -> Platform {
        match self {
            ChildKind::Preschool | ChildKind::Primary => Platform::Stockholm,
            ChildKind::Secondary => Platform::InfoMentor,
            ChildKind::Intermediate => Platform::SchoolSoft,
            ChildKind::FirstYear => Platform::Vklass,
        }
    }
}

/// A generated child with the facts the content generator needs.
#[derive(Debug, Clone)]
pub struct DemoChild {
    /// The normalized child.
    pub child: Child,
    /// Which kind.
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
        // SchoolSoft names a school by its `orgId` inside the tenant.
        ChildKind::Intermediate => School {
            id: Some(dice.pick(&["2", "4", "7"]).to_owned()),
            name: format!("Sjöstadens friskola{suffix}"),
        },
        ChildKind::FirstYear => School {
            id: Some(format!("{}", dice.between(10_000, 99_999))),
            name: format!("Hamnbackens skola F-6{suffix}"),
        },
    }
}

/// Creates one child of `kind` with its teachers: the `index`-th child of the family, in the
/// `round`-th repetition of its kind (`scale`; the school of a later round has a number).
pub fn child(
    account: &AccountId,
    family_name: &str,
    kind: ChildKind,
    index: u32,
    round: u32,
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
    let school = school(kind, dice, round);
    let platform = kind.platform();
    let (forms, class_name, year, status) = match kind {
        ChildKind::Preschool => (
            vec![SchoolForm::Forskola],
            dice.pick(&["Humlan", "Myran", "Ekorren", "Igelkotten"])
                .to_owned(),
            None,
            "FS",
        ),
        ChildKind::Primary => (
            vec![SchoolForm::Grundskola, SchoolForm::Fritidshem],
            format!("3{}", dice.pick(&["A", "B", "C"])),
            Some(3),
            "GR;FR",
        ),
        ChildKind::Secondary => (
            vec![SchoolForm::Grundskola],
            format!("8{}", dice.pick(&["A", "B", "C", "D"])),
            Some(8),
            "",
        ),
        ChildKind::Intermediate => (
            vec![SchoolForm::Grundskola],
            format!("5{}", dice.pick(&["A", "B"])),
            Some(5),
            "",
        ),
        ChildKind::FirstYear => (
            vec![SchoolForm::Grundskola, SchoolForm::Fritidshem],
            format!("1{}", dice.pick(&["A", "B", "C"])),
            Some(1),
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
        ChildKind::Intermediate => ChildRefs::with(&SchoolSoftChildRef {
            student_id: format!("{}", dice.between(10_000, 99_999)),
            org_id: school.id.clone().unwrap_or_default(),
        }),
        ChildKind::FirstYear => ChildRefs::with(&VklassPupilRef {
            pupil_id: format!("{}", dice.between(100_000, 999_999)),
        }),
    };
    let local = local_id(&refs).unwrap_or_else(|| dice.guid());
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

/// The child's own id on its platform, as that platform's provider names it (the local part
/// of the child's [`EntityId`]).
fn local_id(refs: &ChildRefs) -> Option<String> {
    if let Some(s) = refs.get::<StockholmChildRef>() {
        return Some(s.id);
    }
    if let Some(im) = refs.get::<InfoMentorPupilRef>() {
        return Some(im.pupil_id);
    }
    if let Some(ss) = refs.get::<SchoolSoftChildRef>() {
        return Some(ss.student_id);
    }
    refs.get::<VklassPupilRef>().map(|v| v.pupil_id)
}

fn teachers(child: &Child, kind: ChildKind, dice: &mut Dice) -> Vec<Teacher> {
    match kind {
        ChildKind::Intermediate | ChildKind::FirstYear => staff(child, kind, dice),
        _ => stockholm_teachers(child, kind, dice),
    }
}

/// The staff of a SchoolSoft or Vklass pupil, as those platforms list them: names without
/// timetable abbreviations or school forms; SchoolSoft's inbox staff list has no contact
/// details, Vklass's class list has e-mail and a mobile number.
fn staff(child: &Child, kind: ChildKind, dice: &mut Dice) -> Vec<Teacher> {
    let count = if kind == ChildKind::Intermediate {
        6
    } else {
        4
    };
    let mut out: Vec<Teacher> = Vec::new();
    while out.len() < count {
        let first = dice.pick(ADULTS);
        let last = dice.pick(SURNAMES);
        if out
            .iter()
            .any(|t| t.first_name == first && t.last_name == last)
        {
            continue;
        }
        let vklass = kind == ChildKind::FirstYear;
        let local = if vklass {
            format!("{first} {last}")
        } else {
            format!("{}", dice.between(1_000, 9_999))
        };
        out.push(Teacher {
            id: EntityId::for_child(&child.id, EntityKind::Teacher, &local),
            child_id: child.id.clone(),
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            email: vklass.then(|| format!("{}@example.com", names::email_local(first, last))),
            phone: (vklass && dice.chance(0.6)).then(|| dice.mobile()),
            active: true,
            school_form: None,
            timetable_abbreviation: String::new(),
        });
    }
    out
}

fn stockholm_teachers(child: &Child, kind: ChildKind, dice: &mut Dice) -> Vec<Teacher> {
    let count = match kind {
        ChildKind::Preschool => 3,
        ChildKind::Primary => 5,
        _ => 10,
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

/// The child's class list: 14–24 pupils with one or two guardians each on Skolplattformen and
/// InfoMentor; on Vklass the class list names the pupils only; SchoolSoft has none.
pub fn classmates(child: &Child, kind: ChildKind, dice: &mut Dice, scale: u32) -> Vec<Classmate> {
    match kind {
        ChildKind::Intermediate => return Vec::new(),
        ChildKind::FirstYear => return vklass_classmates(child, dice, scale),
        _ => {}
    }
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

/// Vklass's class list: the pupils of the class by name (no guardians, no addresses).
fn vklass_classmates(child: &Child, dice: &mut Dice, scale: u32) -> Vec<Classmate> {
    let class = child.class_name.clone().unwrap_or_default();
    let n = dice.between(18, 24).saturating_mul(scale.clamp(1, 4));
    (0..n)
        .map(|i| {
            let first = if i % 2 == 0 {
                dice.pick(GIRLS)
            } else {
                dice.pick(BOYS)
            };
            let last = dice.pick(SURNAMES);
            Classmate {
                id: EntityId::for_child(
                    &child.id,
                    EntityKind::Classmate,
                    &format!("{class}/{i}/{first} {last}"),
                ),
                child_id: child.id.clone(),
                first_name: first.to_owned(),
                last_name: last.to_owned(),
                class_name: Some(class.clone()),
                guardians: Vec::new(),
            }
        })
        .collect()
}

/// The school's contacts: the office and the principal (Skolplattformen and InfoMentor; the
/// SchoolSoft and Vklass providers read no contact list, so their children have none).
pub fn contacts(child: &Child, dice: &mut Dice) -> Vec<SchoolContact> {
    if matches!(child.platform, Platform::SchoolSoft | Platform::Vklass) {
        return Vec::new();
    }
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
