//! `get/personal/timetables`: the guardian's children as Skola24 knows them.

use serde::Deserialize;

use super::envelope::open;
use crate::error::{Error, Result};
use crate::provider::skola24::Skola24ChildRef;

#[derive(Deserialize)]
struct RawTimetablesData {
    #[serde(rename = "getPersonalTimetablesResponse", default)]
    response: Option<RawTimetablesResponse>,
}

#[derive(Deserialize)]
struct RawTimetablesResponse {
    #[serde(rename = "childrenTimetables", default)]
    children: Option<Vec<RawSkola24Child>>,
}

#[derive(Deserialize)]
struct RawSkola24Child {
    #[serde(rename = "personGuid")]
    person_guid: String,
    #[serde(rename = "unitGuid", default)]
    unit_guid: Option<String>,
    #[serde(rename = "schoolGuid", default)]
    school_guid: Option<String>,
    #[serde(rename = "schoolID", default)]
    school_id: Option<String>,
    #[serde(rename = "timetableID", default)]
    timetable_id: Option<String>,
    #[serde(rename = "firstName", default)]
    first_name: Option<String>,
    #[serde(rename = "lastName", default)]
    last_name: Option<String>,
}

/// Parses `get/personal/timetables`: the guardian's children as Skola24 knows them
/// (`data.getPersonalTimetablesResponse.childrenTimetables`, fields unchanged; an empty
/// `timetableID` is none).
pub fn children(body: &str) -> Result<Vec<Skola24ChildRef>> {
    const ENDPOINT: &str = "timetables";
    let data: RawTimetablesData =
        open(ENDPOINT, body)?.ok_or_else(|| Error::parse(ENDPOINT, "data is missing"))?;
    let children = data
        .response
        .ok_or_else(|| Error::parse(ENDPOINT, "getPersonalTimetablesResponse is missing"))?
        .children
        .unwrap_or_default();
    Ok(children
        .into_iter()
        .map(|c| Skola24ChildRef {
            person_guid: c.person_guid,
            unit_guid: c.unit_guid.unwrap_or_default(),
            school_guid: c.school_guid.unwrap_or_default(),
            school_id: c.school_id.unwrap_or_default(),
            timetable_id: c.timetable_id.filter(|t| !t.trim().is_empty()),
            first_name: c.first_name.unwrap_or_default(),
            last_name: c.last_name.unwrap_or_default(),
        })
        .collect())
}
