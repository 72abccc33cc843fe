//! A child and the school forms it attends.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
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

/// A platform's own identifiers of a child (the ids its endpoints take), stored in a child's
/// [`ChildRefs`] under [`PlatformRef::KEY`]. Each provider folder declares its own type.
pub trait PlatformRef: Serialize + DeserializeOwned {
    /// The key the reference is stored under: the name of the system it belongs to.
    const KEY: &'static str;
}

/// The identifiers a child has on each upstream system it is known to, keyed by system.
///
/// The model names no system: a provider reads and writes its own [`PlatformRef`] type
/// (`child.refs.get::<StockholmChildRef>()`). Stored as a JSON object per key, so a child read
/// from the cache keeps the references of systems this version does not know.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChildRefs(BTreeMap<String, serde_json::Value>);

impl ChildRefs {
    /// References holding only `reference`.
    pub fn with<R: PlatformRef>(reference: &R) -> Self {
        let mut refs = ChildRefs::default();
        refs.set(reference);
        refs
    }

    /// The reference of system `R`, if the child has one that reads as `R`.
    pub fn get<R: PlatformRef>(&self) -> Option<R> {
        self.0
            .get(R::KEY)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
    }

    /// True when the child has a reference of system `R`.
    pub fn has<R: PlatformRef>(&self) -> bool {
        self.get::<R>().is_some()
    }

    /// Sets (or replaces) the reference of system `R`.
    pub fn set<R: PlatformRef>(&mut self, reference: &R) {
        // Plain structs with string keys always serialize; nothing to store otherwise.
        if let Ok(value) = serde_json::to_value(reference) {
            self.0.insert(R::KEY.to_owned(), value);
        }
    }

    /// Removes the reference of system `R`.
    pub fn remove<R: PlatformRef>(&mut self) {
        self.0.remove(R::KEY);
    }

    /// Copies `other`'s reference of system `R` into these references (removing this one's
    /// when `other` has none).
    pub fn copy_from<R: PlatformRef>(&mut self, other: &ChildRefs) {
        match other.0.get(R::KEY) {
            Some(value) => {
                self.0.insert(R::KEY.to_owned(), value.clone());
            }
            None => {
                self.0.remove(R::KEY);
            }
        }
    }

    /// The systems the child has references of.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
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

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct TestRef {
        id: String,
    }

    impl PlatformRef for TestRef {
        const KEY: &'static str = "test";
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct OtherRef {
        code: u32,
    }

    impl PlatformRef for OtherRef {
        const KEY: &'static str = "other";
    }

    #[test]
    fn refs_are_kept_per_system_and_unknown_systems_survive() {
        let mut refs = ChildRefs::with(&TestRef { id: "a".into() });
        assert!(refs.has::<TestRef>() && !refs.has::<OtherRef>());
        refs.set(&OtherRef { code: 7 });
        refs.set(&TestRef { id: "b".into() });
        assert_eq!(refs.get::<TestRef>(), Some(TestRef { id: "b".into() }));
        let json = serde_json::to_value(&refs).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"test": {"id": "b"}, "other": {"code": 7}})
        );
        let mut copy = ChildRefs::default();
        copy.copy_from::<OtherRef>(&refs);
        assert_eq!(copy.keys().collect::<Vec<_>>(), ["other"]);
        refs.remove::<OtherRef>();
        copy.copy_from::<OtherRef>(&refs);
        assert!(!copy.has::<OtherRef>());
        // A reference that does not read as the type asked for is absent, not a panic.
        let odd: ChildRefs = serde_json::from_value(serde_json::json!({"test": 5})).unwrap();
        assert_eq!(odd.get::<TestRef>(), None);
    }
}
