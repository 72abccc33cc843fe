//! `GET {S}rest-api/parent/header/parent` (web REST, cookies): the guardian, the children with
//! their schools, and the child the session is focused on. Also `calendar/settings`, whose
//! `userId` is the child in focus.

use serde::{Deserialize, Serialize};

use super::util::{de_id, de_text, full_name};
use crate::error::Result;
use crate::model::{AccountId, Child, ChildRefs, EntityId, EntityKind, Platform, School, User};
use crate::provider::schoolsoft::SchoolSoftChildRef;
use crate::provider::upstream_json::decode;

const ENDPOINT: &str = "header/parent";

/// What the parent header says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParentHeader {
    /// The guardian.
    pub user: User,
    /// The children (the child in focus first), with `refs.schoolsoft` filled in.
    pub children: Vec<Child>,
    /// The pupil id the session answers for.
    pub current_child_id: Option<String>,
    /// The school (`orgId`) of the session's focus.
    pub current_org_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawHeader {
    #[serde(default, deserialize_with = "de_text")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    last_name: Option<String>,
    #[serde(default)]
    children: Option<Vec<RawChild>>,
    #[serde(default, deserialize_with = "de_id")]
    current_child_id: Option<String>,
    #[serde(default, deserialize_with = "de_id")]
    current_org_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawChild {
    #[serde(default, deserialize_with = "de_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    last_name: Option<String>,
    #[serde(default)]
    schools: Option<Vec<RawSchool>>,
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct RawSchool {
    #[serde(default, deserialize_with = "de_id")]
    org_id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    class_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    school_name: Option<String>,
    #[serde(default)]
    parent_allowed_access: Option<bool>,
    #[serde(default)]
    student_active: Option<bool>,
}

/// The guardian's user id under `account` (SchoolSoft's web surface has no guardian id).
pub fn user_id(account: &AccountId) -> EntityId {
    EntityId::new(Platform::SchoolSoft, account, EntityKind::User, "guardian")
}

/// A child's id under `account`.
pub fn child_id(account: &AccountId, student_id: &str) -> EntityId {
    EntityId::new(Platform::SchoolSoft, account, EntityKind::Child, student_id)
}

/// Parses the parent header.
pub fn parse_parent_header(body: &str, account: &AccountId) -> Result<ParentHeader> {
    let raw: RawHeader = decode(ENDPOINT, body)?;
    let user = User {
        id: user_id(account),
        personal_number: None,
        first_name: raw.first_name.unwrap_or_default(),
        last_name: raw.last_name.unwrap_or_default(),
        email: None,
        notification_id: None,
    };
    let mut children: Vec<Child> = raw
        .children
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| child_of(c, account))
        .collect();
    if let Some(focus) = &raw.current_child_id
        && let Some(index) = children.iter().position(|c| c.id.local() == focus)
    {
        let child = children.remove(index);
        children.insert(0, child);
    }
    Ok(ParentHeader {
        user,
        children,
        current_child_id: raw.current_child_id,
        current_org_id: raw.current_org_id,
    })
}

/// The active school of a child: the first one not marked inactive or closed to guardians (a
/// child who changed school keeps the old one in the list), else the first.
fn active_school(schools: &[RawSchool]) -> Option<RawSchool> {
    schools
        .iter()
        .find(|s| s.student_active != Some(false) && s.parent_allowed_access != Some(false))
        .or_else(|| schools.first())
        .cloned()
}

fn child_of(raw: RawChild, account: &AccountId) -> Option<Child> {
    let student_id = raw.id?;
    let school = active_school(raw.schools.as_deref().unwrap_or_default())?;
    let org_id = school.org_id.clone()?;
    let class_name = school.class_name.clone();
    Some(Child {
        id: child_id(account, &student_id),
        platform: Platform::SchoolSoft,
        first_name: raw.first_name.unwrap_or_default(),
        last_name: raw.last_name.unwrap_or_default(),
        school_forms: Vec::new(),
        school: school.school_name.map(|name| School {
            id: Some(org_id.clone()),
            name,
        }),
        school_year: class_name.as_deref().and_then(school_year),
        class_name,
        refs: ChildRefs::with(&SchoolSoftChildRef { student_id, org_id }),
    })
}

/// The year of a class name that starts with it ("7B" → 7), a guess from Swedish naming.
fn school_year(class: &str) -> Option<u8> {
    let digits: String = class.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|y| (1..=9).contains(y))
}

/// A child's display name.
pub fn child_name(child: &Child) -> String {
    full_name(Some(&child.first_name), Some(&child.last_name))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSettings {
    #[serde(default, deserialize_with = "de_id")]
    user_id: Option<String>,
}

/// `GET {S}rest-api/parent/calendar/settings`: the pupil id the session answers for.
pub fn parse_calendar_settings(body: &str) -> Result<Option<String>> {
    let raw: RawSettings = decode("calendar/settings", body)?;
    Ok(raw.user_id)
}
