//! Eva `GET {S}eva/api/v1/parent` (Bearer): the guardian's Eva `userId` (needed in most Eva
//! paths) and the children with their schools.

use serde::{Deserialize, Serialize};

use super::header::{child_id, user_id};
use super::util::{de_id, de_text};
use crate::error::Result;
use crate::model::{AccountId, Child, ChildRefs, Platform, School, User};
use crate::provider::schoolsoft::SchoolSoftChildRef;
use crate::provider::upstream_json::decode;

/// What Eva's parent call says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvaParent {
    /// Eva's guardian id.
    pub user_id: Option<String>,
    /// The guardian.
    pub user: User,
    /// The children.
    pub children: Vec<Child>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawParent {
    #[serde(default, deserialize_with = "de_id")]
    user_id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    last_name: Option<String>,
    #[serde(default)]
    children: Option<Vec<RawChild>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawChild {
    #[serde(default, deserialize_with = "de_id")]
    student_id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    last_name: Option<String>,
    #[serde(default)]
    schools: Option<Vec<RawSchool>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSchool {
    #[serde(default, deserialize_with = "de_id")]
    org_id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    class_name: Option<String>,
}

/// Parses Eva's parent answer.
pub fn parse_eva_parent(body: &str, account: &AccountId) -> Result<EvaParent> {
    let raw: RawParent = decode("parent", body)?;
    let children = raw
        .children
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| {
            let student_id = c.student_id?;
            let school = c.schools.unwrap_or_default().into_iter().next()?;
            let org_id = school.org_id?;
            Some(Child {
                id: child_id(account, &student_id),
                platform: Platform::SchoolSoft,
                first_name: c.first_name.unwrap_or_default(),
                last_name: c.last_name.unwrap_or_default(),
                school_forms: Vec::new(),
                school: school.name.map(|name| School {
                    id: Some(org_id.clone()),
                    name,
                }),
                class_name: school.class_name,
                school_year: None,
                refs: ChildRefs::with(&SchoolSoftChildRef { student_id, org_id }),
            })
        })
        .collect();
    Ok(EvaParent {
        user_id: raw.user_id,
        user: User {
            id: user_id(account),
            personal_number: None,
            first_name: raw.first_name.unwrap_or_default(),
            last_name: raw.last_name.unwrap_or_default(),
            email: None,
            notification_id: None,
        },
        children,
    })
}
