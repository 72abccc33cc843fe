//! The class list app: `classlist/appData` — the class (classmates) and the school's staff
//! (teachers). Guardians of classmates are not exposed.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Availability;
use super::util::{self, de_bool, de_text};
use crate::error::{Error, Result};
use crate::model::{Classmate, EntityId, EntityKind, Teacher};

const ENDPOINT: &str = "classlist/appData";

/// What the class list holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassList {
    /// The class name ("7B"), from the first class group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class_name: Option<String>,
    /// The pupils of the class (the child itself included, as upstream lists it).
    pub classmates: Vec<Classmate>,
    /// The school's staff.
    pub teachers: Vec<Teacher>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawClassList {
    #[serde(default)]
    group_config: Option<Vec<Value>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawGroup {
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    is_staff_group: bool,
    #[serde(default, deserialize_with = "util::de_list")]
    items: Vec<Value>,
}

#[derive(Deserialize)]
struct RawPerson {
    #[serde(default, deserialize_with = "de_text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    email: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    phone: Option<String>,
}

/// Parses `classlist/appData`. Staff groups are told apart by a title containing "personal"
/// (`isStaffGroup` is unreliable: it was `false` for the staff group), or `isStaffGroup: true`.
pub fn parse_class_list(body: &str, child: &EntityId) -> Result<Availability<ClassList>> {
    let Availability::Available(raw) = util::json_object::<RawClassList>(ENDPOINT, body)? else {
        return Ok(Availability::NotAvailable);
    };
    let Some(groups) = raw.group_config else {
        return Err(Error::parse(ENDPOINT, "no groupConfig in the answer"));
    };
    Ok(Availability::Available({
        let mut out = ClassList::default();
        for group in util::decode_items::<RawGroup>(ENDPOINT, groups) {
            let title = group.title.clone().unwrap_or_default();
            let staff = group.is_staff_group || title.to_lowercase().contains("personal");
            let people = util::decode_items::<RawPerson>(ENDPOINT, group.items);
            if staff {
                out.teachers
                    .extend(people.into_iter().filter_map(|p| teacher(p, child)));
            } else if out.class_name.is_none() && !people.is_empty() {
                out.class_name = (!title.is_empty()).then(|| title.clone());
                out.classmates.extend(
                    people
                        .into_iter()
                        .filter_map(|p| classmate(p, &title, child)),
                );
            }
        }
        out
    }))
}

fn teacher(p: RawPerson, child: &EntityId) -> Option<Teacher> {
    let id = p.id?;
    let (first_name, last_name) = util::split_name(p.name.as_deref().unwrap_or(""));
    Some(Teacher {
        id: EntityId::for_child(child, EntityKind::Teacher, &id),
        child_id: child.clone(),
        timetable_abbreviation: Teacher::abbreviation_for(&first_name, &last_name),
        first_name,
        last_name,
        email: p.email,
        phone: p.phone,
        active: true,
        school_form: None,
    })
}

fn classmate(p: RawPerson, class: &str, child: &EntityId) -> Option<Classmate> {
    let id = p.id?;
    let (first_name, last_name) = util::split_name(p.name.as_deref().unwrap_or(""));
    Some(Classmate {
        id: EntityId::for_child(child, EntityKind::Classmate, &id),
        child_id: child.clone(),
        first_name,
        last_name,
        class_name: (!class.is_empty()).then(|| class.to_owned()),
        guardians: Vec::new(),
    })
}
