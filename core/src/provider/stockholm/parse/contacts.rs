//! `contacts/GetStudentsByClass`, `contacts/GetTeachersByStudent`, `contacts/GetSchoolContacts`.

use serde::Deserialize;

use super::{Lenient, envelope, short_hash};
use crate::error::Result;
use crate::model::{Child, Classmate, EntityId, EntityKind, Guardian, SchoolContact, Teacher};

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

#[derive(Deserialize)]
struct RawPupil {
    #[serde(rename = "SIS_ID", default)]
    sis_id: Option<String>,
    #[serde(rename = "FIRSTNAME", default)]
    first_name: Option<String>,
    #[serde(rename = "LASTNAME", default)]
    last_name: Option<String>,
    #[serde(rename = "ClassName", default)]
    class_name: Option<String>,
    #[serde(rename = "Guardians", default)]
    guardians: Option<Vec<RawGuardian>>,
}

#[derive(Deserialize)]
struct RawGuardian {
    #[serde(rename = "FIRSTNAME", default)]
    first_name: Option<String>,
    #[serde(rename = "LASTNAME", default)]
    last_name: Option<String>,
    #[serde(rename = "ADDRESS", default)]
    address: Option<String>,
    #[serde(rename = "TELMOBILE", default)]
    mobile: Option<String>,
    #[serde(rename = "EMAILHOME", default)]
    email: Option<String>,
}

/// Parses `GetStudentsByClass` into `child`'s classmates.
///
/// Id from `SIS_ID` (a hash of the names when missing); names `FIRSTNAME`/`LASTNAME`, class
/// `ClassName`; guardians (missing → none) with `FIRSTNAME`, `LASTNAME`, `ADDRESS`, `TELMOBILE`,
/// `EMAILHOME` (empty values → none). Guardians' personal numbers are not read.
pub fn classmates(body: &str, child: &Child) -> Result<Vec<Classmate>> {
    let raw: Vec<RawPupil> = envelope::list("GetStudentsByClass", body)?;
    Ok(raw
        .into_iter()
        .map(|p| {
            let first_name = p.first_name.unwrap_or_default();
            let last_name = p.last_name.unwrap_or_default();
            let local = non_empty(p.sis_id)
                .unwrap_or_else(|| format!("pupil-{}", short_hash(&[&first_name, &last_name])));
            Classmate {
                id: EntityId::for_child(&child.id, EntityKind::Classmate, &local),
                child_id: child.id.clone(),
                first_name,
                last_name,
                class_name: non_empty(p.class_name),
                guardians: p
                    .guardians
                    .unwrap_or_default()
                    .into_iter()
                    .map(|g| Guardian {
                        first_name: g.first_name.unwrap_or_default(),
                        last_name: g.last_name.unwrap_or_default(),
                        email: non_empty(g.email),
                        mobile: non_empty(g.mobile),
                        address: non_empty(g.address),
                    })
                    .collect(),
            }
        })
        .collect())
}

#[derive(Deserialize)]
struct RawTeacher {
    #[serde(rename = "ID", default)]
    id: Option<Lenient>,
    #[serde(rename = "SIS_ID", default)]
    sis_id: Option<String>,
    #[serde(rename = "FIRSTNAME", default)]
    first_name: Option<String>,
    #[serde(rename = "LASTNAME", default)]
    last_name: Option<String>,
    #[serde(rename = "EMAILADDRESS", default)]
    email: Option<String>,
    #[serde(rename = "TELWORK", default)]
    phone: Option<String>,
    #[serde(rename = "ACTIVE", default)]
    active: Option<bool>,
    #[serde(rename = "STATUS", default)]
    status: Option<String>,
}

/// Parses `GetTeachersByStudent` (one school form's answer) into `child`'s teachers.
///
/// Id from `SIS_ID` (else `ID`, else a hash of the names); names `FIRSTNAME`/`LASTNAME`; e-mail
/// `EMAILADDRESS`, phone `TELWORK`, `ACTIVE`; school form from `STATUS` trimmed (upstream sends
/// `" GR"`); timetable abbreviation by [`Teacher::abbreviation_for`] (`Karin Ursson` → `KUR`).
pub fn teachers(body: &str, child: &Child) -> Result<Vec<Teacher>> {
    let raw: Vec<RawTeacher> = envelope::list("GetTeachersByStudent", body)?;
    Ok(raw
        .into_iter()
        .map(|t| {
            let first_name = t.first_name.unwrap_or_default();
            let last_name = t.last_name.unwrap_or_default();
            let local = non_empty(t.sis_id)
                .or_else(|| t.id.and_then(|id| id.as_string()))
                .unwrap_or_else(|| format!("teacher-{}", short_hash(&[&first_name, &last_name])));
            let school_form = t
                .status
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(crate::provider::stockholm::school_form::from_code);
            Teacher {
                id: EntityId::for_child(&child.id, EntityKind::Teacher, &local),
                child_id: child.id.clone(),
                timetable_abbreviation: Teacher::abbreviation_for(&first_name, &last_name),
                first_name,
                last_name,
                email: non_empty(t.email),
                phone: non_empty(t.phone),
                active: t.active.unwrap_or(false),
                school_form,
            }
        })
        .collect())
}

#[derive(Deserialize)]
struct RawContact {
    #[serde(rename = "Title", default)]
    title: Option<String>,
    #[serde(rename = "Name", default)]
    name: Option<String>,
    #[serde(rename = "Phone", default)]
    phone: Option<String>,
    #[serde(rename = "Email", default)]
    email: Option<String>,
    #[serde(rename = "SchoolName", default)]
    school_name: Option<String>,
    #[serde(rename = "ClassName", default)]
    class_name: Option<String>,
}

/// Parses `GetSchoolContacts` into contacts at `child`'s school, in upstream order.
///
/// Values are kept exactly as sent (nulls stay `None`, empty strings stay empty). Upstream has no
/// id: the id is a hash of title, name, phone and e-mail.
pub fn school_contacts(body: &str, child: &Child) -> Result<Vec<SchoolContact>> {
    let raw: Vec<RawContact> = envelope::list("GetSchoolContacts", body)?;
    Ok(raw
        .into_iter()
        .map(|c| {
            let local = format!(
                "contact-{}",
                short_hash(&[
                    c.title.as_deref().unwrap_or(""),
                    c.name.as_deref().unwrap_or(""),
                    c.phone.as_deref().unwrap_or(""),
                    c.email.as_deref().unwrap_or(""),
                ])
            );
            SchoolContact {
                id: EntityId::for_child(&child.id, EntityKind::Contact, &local),
                child_id: child.id.clone(),
                title: c.title,
                name: c.name,
                phone: c.phone,
                email: c.email,
                school_name: c.school_name,
                class_name: c.class_name,
            }
        })
        .collect())
}
