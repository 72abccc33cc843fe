//! `GET /ClassList/Index`: each child's classes and groups with their staff and, where the
//! school publishes it, their pupils (the enhancer payload `classlist-index`), and which
//! group belongs to which child (the option values `<classId>:<pupilId>`).

use serde::{Deserialize, Serialize};

use super::dom::Page;
use super::root::split_name;
use super::script::{Payload, enhancer_payload};
use crate::error::{Error, Result};
use crate::model::{Classmate, EntityId, EntityKind, Teacher};

const ENDPOINT: &str = "ClassList";

/// A class or group of one child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassGroup {
    /// Class id.
    pub class_id: String,
    /// The pupil it belongs to.
    pub pupil_id: String,
    /// The class or group name.
    pub name: String,
    /// Staff: (full name, e-mail, mobile).
    pub staff: Vec<StaffMember>,
    /// Published pupils: full names (empty when the school withholds the list).
    pub students: Vec<String>,
}

/// A staff member of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffMember {
    /// Full name.
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Mobile phone.
    pub mobile_phone: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    #[serde(default)]
    class_list: Vec<RawClass>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawClass {
    class_id: serde_json::Value,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    staff: Vec<RawPerson>,
    #[serde(default)]
    students: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPerson {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    mobile_phone: Option<String>,
}

fn person_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.trim().to_owned()),
        serde_json::Value::Object(o) => ["name", "fullName", "text"]
            .iter()
            .find_map(|k| o.get(*k).and_then(|v| v.as_str()))
            .map(|s| s.trim().to_owned()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// Parses the class-list page into groups, in option order.
pub fn parse_class_list(html: &str) -> Result<Vec<ClassGroup>> {
    let json = match enhancer_payload(html, "classlist-index") {
        Some(Payload::Json(j)) => j,
        Some(Payload::Undefined) => return Ok(Vec::new()),
        None => {
            if super::is_login_page(html) {
                return Err(Error::SessionExpired {
                    endpoint: ENDPOINT.to_owned(),
                });
            }
            return Err(Error::parse(
                ENDPOINT,
                "the page has no classlist-index payload",
            ));
        }
    };
    let raw: Raw = serde_json::from_str(&json).map_err(|e| Error::parse(ENDPOINT, e))?;
    let page = Page::parse(html);
    let pairs: Vec<(String, String)> = page
        .find(|e| e.tag() == "option")
        .iter()
        .filter_map(|o| {
            let v = o.attr("value")?;
            let (c, p) = v.trim().split_once(':')?;
            Some((c.to_owned(), p.to_owned()))
        })
        .collect();
    let mut groups = Vec::new();
    for (class_id, pupil_id) in pairs {
        let Some(class) = raw.class_list.iter().find(|c| match &c.class_id {
            serde_json::Value::Number(n) => n.to_string() == class_id,
            serde_json::Value::String(s) => s.trim() == class_id,
            _ => false,
        }) else {
            continue;
        };
        groups.push(ClassGroup {
            class_id,
            pupil_id,
            name: class.name.clone().unwrap_or_default().trim().to_owned(),
            staff: class
                .staff
                .iter()
                .filter_map(|s| {
                    Some(StaffMember {
                        name: s.name.clone()?.trim().to_owned(),
                        email: s.email.clone().filter(|e| !e.trim().is_empty()),
                        mobile_phone: s.mobile_phone.clone().filter(|m| !m.trim().is_empty()),
                    })
                })
                .collect(),
            students: class.students.iter().filter_map(person_name).collect(),
        });
    }
    Ok(groups)
}

/// The teachers of `pupil_id`'s groups as [`Teacher`]s of `child`, de-duplicated by name.
pub fn teachers(groups: &[ClassGroup], pupil_id: &str, child: &EntityId) -> Vec<Teacher> {
    let mut out: Vec<Teacher> = Vec::new();
    for s in groups
        .iter()
        .filter(|g| g.pupil_id == pupil_id)
        .flat_map(|g| &g.staff)
    {
        let (first, last) = split_name(&s.name);
        if out
            .iter()
            .any(|t| t.first_name == first && t.last_name == last)
        {
            continue;
        }
        out.push(Teacher {
            id: EntityId::for_child(child, EntityKind::Teacher, &s.name),
            child_id: child.clone(),
            // Vklass names no timetable abbreviation.
            timetable_abbreviation: String::new(),
            first_name: first,
            last_name: last,
            email: s.email.clone(),
            phone: s.mobile_phone.clone(),
            active: true,
            school_form: None,
        });
    }
    out
}

/// The published pupils of `pupil_id`'s groups as [`Classmate`]s of `child` (`[]` when the
/// school does not publish the list).
pub fn classmates(groups: &[ClassGroup], pupil_id: &str, child: &EntityId) -> Vec<Classmate> {
    groups
        .iter()
        .filter(|g| g.pupil_id == pupil_id)
        .flat_map(|g| {
            g.students.iter().map(move |name| {
                let (first, last) = split_name(name);
                Classmate {
                    id: EntityId::for_child(
                        child,
                        EntityKind::Classmate,
                        &format!("{}/{name}", g.class_id),
                    ),
                    child_id: child.clone(),
                    first_name: first,
                    last_name: last,
                    class_name: Some(g.name.clone()),
                    guardians: Vec::new(),
                }
            })
        })
        .collect()
}
