//! `GetChildren` and `SelectChild`.

use serde::Deserialize;

use super::envelope;
use crate::error::Result;
use crate::model::{AccountId, Child, ChildRefs, EntityId, EntityKind, Platform, School};
use crate::provider::stockholm::StockholmChildRef;

#[derive(Deserialize)]
pub(crate) struct RawChild {
    #[serde(rename = "Name", default)]
    name: Option<String>,
    #[serde(rename = "Id")]
    pub(crate) id: String,
    #[serde(rename = "SDSId", default)]
    sds_id: Option<String>,
    #[serde(rename = "Status", default)]
    status: Option<String>,
    #[serde(rename = "SchoolId", default)]
    school_id: Option<String>,
    #[serde(rename = "SchoolName", default)]
    school_name: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Splits `"Förnamn Efternamn (elev)"` into first and last name: a trailing role in parentheses is
/// removed, the first word is the first name, the rest the last name.
pub fn split_child_name(name: &str) -> (String, String) {
    let mut name = name.trim();
    if name.ends_with(')')
        && let Some(open) = name.rfind('(')
    {
        name = name[..open].trim_end();
    }
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("").to_owned();
    let last = words.collect::<Vec<_>>().join(" ");
    (first, last)
}

fn to_child(raw: RawChild, account: &AccountId) -> Child {
    let (first_name, last_name) = split_child_name(raw.name.as_deref().unwrap_or(""));
    let status = raw.status.unwrap_or_default();
    let school_id = non_empty(raw.school_id);
    let school_name = non_empty(raw.school_name);
    let school = (school_id.is_some() || school_name.is_some()).then(|| School {
        id: school_id.clone(),
        name: school_name.unwrap_or_default(),
    });
    Child {
        id: EntityId::new(Platform::Stockholm, account, EntityKind::Child, &raw.id),
        platform: Platform::Stockholm,
        first_name,
        last_name,
        school_forms: crate::provider::stockholm::school_form::parse_status(&status),
        school,
        class_name: None,
        school_year: None,
        refs: ChildRefs::with(&StockholmChildRef {
            sds_id: raw.sds_id.unwrap_or_else(|| raw.id.clone()),
            id: raw.id,
            school_id,
            status,
        }),
    }
}

/// Parses `GetChildren` into the guardian's children on `account`.
///
/// Id `EntityId::new(Stockholm, account, Child, Id)`; names from `Name` (see
/// [`split_child_name`]); school forms from `Status`; `school` from `SchoolId`/`SchoolName` (the
/// name may be empty: upstream usually sends none); `refs.stockholm` keeps `Id`, `SDSId`
/// (`Id` when missing), `SchoolId` and `Status`.
pub fn children(body: &str, account: &AccountId) -> Result<Vec<Child>> {
    let raw: Vec<RawChild> = envelope::list("GetChildren", body)?;
    Ok(raw.into_iter().map(|c| to_child(c, account)).collect())
}

/// Parses `SelectChild`: the `Id` of the child the session now has selected.
pub fn select_child(body: &str) -> Result<String> {
    let raw: RawChild = envelope::required("SelectChild", body)?;
    Ok(raw.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            split_child_name("Förnamn Efternamn (elev)"),
            ("Förnamn".to_owned(), "Efternamn".to_owned())
        );
        assert_eq!(
            split_child_name("Anna Maria Svensson Berg"),
            ("Anna".to_owned(), "Maria Svensson Berg".to_owned())
        );
        assert_eq!(split_child_name("(elev)"), (String::new(), String::new()));
        assert_eq!(split_child_name(""), (String::new(), String::new()));
    }
}
