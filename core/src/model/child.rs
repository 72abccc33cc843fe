//! A child and the school forms it attends.

use serde::{Deserialize, Serialize};

use super::{EntityId, Platform};

/// A Swedish school form ("skolform"). A child can attend several at once (grundskola and
/// fritidshem).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolForm {
    /// Förskola (pre-school, ages 1–5).
    Forskola,
    /// Förskoleklass (the year before year 1).
    Forskoleklass,
    /// Grundskola (compulsory school, years 1–9).
    Grundskola,
    /// Fritidshem (after-school care).
    Fritidshem,
    /// Anpassad grundskola (formerly grundsärskola).
    AnpassadGrundskola,
    /// Gymnasieskola (upper secondary).
    Gymnasieskola,
    /// A form code this version does not know, kept as sent.
    Other(String),
}

impl SchoolForm {
    /// The Swedish name ("Grundskola").
    pub fn swedish_name(&self) -> &str {
        match self {
            SchoolForm::Forskola => "Förskola",
            SchoolForm::Forskoleklass => "Förskoleklass",
            SchoolForm::Grundskola => "Grundskola",
            SchoolForm::Fritidshem => "Fritidshem",
            SchoolForm::AnpassadGrundskola => "Anpassad grundskola",
            SchoolForm::Gymnasieskola => "Gymnasieskola",
            SchoolForm::Other(code) => code,
        }
    }
}

/// A school (or pre-school) unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct School {
    /// Upstream id of the school, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name ("Eriksdalsskolan").
    pub name: String,
}

/// Stockholm e-service identifiers of a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StockholmChildRef {
    /// `Id`: GUID used by calendar, schedule, news, menu and `SelectChild`.
    pub id: String,
    /// `SDSId`: GUID used by notifications and contacts.
    pub sds_id: String,
    /// `SchoolId`: GUID, needed for school contacts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_id: Option<String>,
    /// `Status` as sent (`"F;GR"`).
    pub status: String,
}

/// Skola24 identifiers of a child (the timetable system behind Stockholm's login).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Skola24ChildRef {
    /// `personGuid`: the timetable `selection`.
    pub person_guid: String,
    /// `unitGuid`.
    pub unit_guid: String,
    /// `schoolGuid`.
    #[serde(default)]
    pub school_guid: String,
    /// `schoolID` (school name or code as Skola24 shows it).
    #[serde(default)]
    pub school_id: String,
    /// `timetableID`: without it, no timetable is requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timetable_id: Option<String>,
    /// First name as Skola24 knows it.
    pub first_name: String,
    /// Last name as Skola24 knows it.
    pub last_name: String,
}

/// InfoMentor Hub identifiers of a pupil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoMentorPupilRef {
    /// Hub pupil id (the `id` of the pupil on the Hub start page, also the middle part of a
    /// notification's `pupilSourceId`). Not the number at the end of the switch URL: that is a
    /// different identifier scheme.
    pub pupil_id: String,
    /// The pupil-switch URL path (`/Account/PupilSwitcher/SwitchPupil/<id>`), as read from the
    /// Hub root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub switch_url: Option<String>,
}

/// The identifiers a child has on each upstream system it is known to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChildRefs {
    /// Stockholm e-service ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stockholm: Option<StockholmChildRef>,
    /// Skola24 ids (merged from Skola24's own child list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skola24: Option<Skola24ChildRef>,
    /// InfoMentor ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infomentor: Option<InfoMentorPupilRef>,
}

/// A child of the logged-in guardian.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Child {
    /// Stable id (`<platform>:<account>:child:<upstream id>`).
    pub id: EntityId,
    /// The platform the child's school uses.
    pub platform: Platform,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// School forms the child attends, in upstream order.
    pub school_forms: Vec<SchoolForm>,
    /// The child's school, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<School>,
    /// Class or group name ("3B", "Humlan"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_name: Option<String>,
    /// School year (1–9) for grundskola pupils, 0 for förskoleklass, none for pre-school.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_year: Option<u8>,
    /// Upstream identifiers per system.
    #[serde(default)]
    pub refs: ChildRefs,
}

impl Child {
    /// "First Last".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_owned()
    }

    /// True when `query` is the child's first name, full name (case-insensitive) or id.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.to_lowercase();
        self.first_name.to_lowercase() == q
            || self.full_name().to_lowercase() == q
            || self.id.as_str() == query
    }

    /// True when the child goes to pre-school (and has no lessons).
    pub fn is_preschool(&self) -> bool {
        self.school_forms.contains(&SchoolForm::Forskola)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape caches already hold: `refs` keyed by platform name. Whatever form `ChildRefs`
    /// takes, this JSON must keep reading and writing back unchanged.
    #[test]
    fn cached_refs_shape_reads_and_writes_back() {
        let json = serde_json::json!({
            "id": "stockholm:acc:child:42",
            "platform": "stockholm",
            "firstName": "Demo",
            "lastName": "Barn",
            "schoolForms": ["grundskola"],
            "refs": {
                "stockholm": {"id": "42", "sdsId": "S1", "schoolId": "SC", "status": "GR"},
                "skola24": {
                    "personGuid": "P", "unitGuid": "U", "schoolGuid": "G", "schoolId": "Skolan",
                    "timetableId": "T", "firstName": "Demo", "lastName": "Barn"
                },
                "infomentor": {"pupilId": "7", "switchUrl": "/Account/PupilSwitcher/SwitchPupil/9"}
            }
        });
        let child: Child = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(child.refs.stockholm.as_ref().unwrap().sds_id, "S1");
        assert_eq!(
            child.refs.skola24.as_ref().unwrap().timetable_id.as_deref(),
            Some("T")
        );
        assert_eq!(child.refs.infomentor.as_ref().unwrap().pupil_id, "7");
        assert_eq!(serde_json::to_value(&child).unwrap(), json);
    }
}
