//! Stable, namespaced identifiers.

use std::fmt;
use std::sync::Mutex;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// An upstream school platform, named by its short stable name (`"stockholm"`).
///
/// The model knows no platform by name: each provider folder declares its own as an associated
/// constant (`Platform::Stockholm` in `provider::stockholm`), and the platform registry
/// (`provider::registry`) lists them with their labels. Adding a platform therefore never
/// touches the model.
///
/// Serialized as its name. A name read back from the cache or an id that no constant declares
/// still round-trips (it is interned, see [`Platform::named`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Platform(&'static str);

/// At most this many distinct platform names are interned from runtime strings; further
/// unknown names all map to [`Platform::UNKNOWN_NAME`] so that hostile input cannot grow memory.
const MAX_INTERNED: usize = 64;

static INTERNED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

impl Platform {
    /// The name every unknown platform name maps to once [`MAX_INTERNED`] names are interned.
    pub const UNKNOWN_NAME: &'static str = "unknown";

    /// The platform called `name`; for the constants the provider folders declare.
    pub const fn new(name: &'static str) -> Self {
        Platform(name)
    }

    /// The platform called `name`, from a runtime string (a stored id, a cached record): the
    /// name is interned once, so the result is as cheap to copy and compare as a constant.
    /// Whether the name is one the core knows is the registry's question
    /// (`provider::registry::platform_named`).
    pub fn named(name: &str) -> Self {
        let mut names = match INTERNED.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(known) = names.iter().find(|n| **n == name) {
            return Platform(known);
        }
        if names.len() >= MAX_INTERNED {
            return Platform(Self::UNKNOWN_NAME);
        }
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        names.push(leaked);
        Platform(leaked)
    }

    /// The short, stable name used in ids and on the command line.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Debug for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Platform({})", self.0)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Platform {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Platform {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        if name.is_empty() {
            return Err(serde::de::Error::custom("empty platform name"));
        }
        Ok(Platform::named(&name))
    }
}

/// The account a piece of data was read with: one guardian's login.
///
/// On platforms that name the guardian by personal number (Stockholm, SchoolSoft) it is a keyed
/// hash of the number under the installation's [`super::AccountKey`], so ids (which are inside
/// every entity id handed to the apps and in exports) neither contain nor reveal it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(String);

impl AccountId {
    /// The account of the built-in demo family.
    pub fn demo() -> Self {
        AccountId("demo".to_owned())
    }

    /// **Legacy, for the one-time migration only**: the account id earlier versions made from
    /// a guardian's 12-digit personal number (16 hex characters of an *unkeyed* SHA-256 over a
    /// fixed prefix and the digits). It can be reversed by trying every personal number; new
    /// ids come from [`super::AccountKey::account_id`]. The client uses this only to find a
    /// cache written by an earlier version and move it to the keyed id.
    pub fn legacy_unkeyed_from_personal_number(digits: &str) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(b"skolbryggan-account-v1:");
        hasher.update(digits.as_bytes());
        let digest = hasher.finalize();
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        AccountId(hex)
    }

    /// An account id from its stored string form.
    pub fn from_raw(raw: impl Into<String>) -> Self {
        AccountId(raw.into())
    }

    /// The string form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of entity an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A logged-in guardian.
    User,
    /// A child.
    Child,
    /// A news item or weekly letter.
    News,
    /// A calendar event.
    CalendarEvent,
    /// A notification.
    Notification,
    /// One day of a lunch menu.
    MenuDay,
    /// One lesson of a timetable.
    Lesson,
    /// A classmate.
    Classmate,
    /// A teacher.
    Teacher,
    /// A school contact.
    Contact,
    /// An assignment or homework task.
    Assignment,
    /// An attendance or absence registration.
    Attendance,
    /// One day of fritids / pre-school care times.
    CareTime,
    /// The offer to report a child absent for a day.
    AbsenceReportAction,
    /// The offer to edit one day's care times.
    CareTimeEditAction,
}

impl EntityKind {
    /// The short, stable name used inside ids.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::User => "user",
            EntityKind::Child => "child",
            EntityKind::News => "news",
            EntityKind::CalendarEvent => "event",
            EntityKind::Notification => "notification",
            EntityKind::MenuDay => "menu",
            EntityKind::Lesson => "lesson",
            EntityKind::Classmate => "classmate",
            EntityKind::Teacher => "teacher",
            EntityKind::Contact => "contact",
            EntityKind::Assignment => "assignment",
            EntityKind::Attendance => "attendance",
            EntityKind::CareTime => "care_time",
            EntityKind::AbsenceReportAction => "absence_report",
            EntityKind::CareTimeEditAction => "care_time_edit",
        }
    }
}

/// A stable identifier: `platform:account:kind:local`.
///
/// `local` is the upstream identifier; for data that belongs to a child it is prefixed with the
/// child's own upstream id (`<child>/<item>`), so the same upstream news item shown to two
/// children gets two ids. The same upstream data always yields the same id, so a re-import or a
/// re-sync updates instead of duplicating.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(String);

impl EntityId {
    /// An id for an entity that belongs to an account (a user, a child).
    pub fn new(platform: Platform, account: &AccountId, kind: EntityKind, local: &str) -> Self {
        EntityId(format!(
            "{}:{}:{}:{}",
            platform.as_str(),
            account.as_str(),
            kind.as_str(),
            local
        ))
    }

    /// An id for an entity that belongs to a child (news, lessons, …): namespaced by the child's
    /// platform, account and upstream id.
    pub fn for_child(child: &EntityId, kind: EntityKind, local: &str) -> Self {
        let platform = child.platform_str();
        let account = child.account_str();
        let child_local = child.local();
        EntityId(format!(
            "{platform}:{account}:{}:{child_local}/{local}",
            kind.as_str()
        ))
    }

    /// An id from its stored string form (not validated).
    pub fn from_raw(raw: impl Into<String>) -> Self {
        EntityId(raw.into())
    }

    /// The full string form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn part(&self, index: usize) -> &str {
        self.0.splitn(4, ':').nth(index).unwrap_or("")
    }

    fn platform_str(&self) -> &str {
        self.part(0)
    }

    fn account_str(&self) -> &str {
        self.part(1)
    }

    /// The platform part (none for an id without one).
    pub fn platform(&self) -> Option<Platform> {
        let name = self.platform_str();
        (!name.is_empty()).then(|| Platform::named(name))
    }

    /// The account part.
    pub fn account(&self) -> AccountId {
        AccountId::from_raw(self.account_str())
    }

    /// The kind part as written.
    pub fn kind_str(&self) -> &str {
        self.part(2)
    }

    /// The upstream (local) part: everything after the third `:`.
    pub fn local(&self) -> &str {
        self.part(3)
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STOCKHOLM: Platform = Platform::new("stockholm");
    const SKOLA24: Platform = Platform::new("skola24");
    const INFOMENTOR: Platform = Platform::new("infomentor");

    #[test]
    fn platforms_round_trip_by_name() {
        let json = serde_json::to_string(&INFOMENTOR).unwrap();
        assert_eq!(json, "\"infomentor\"");
        let back: Platform = serde_json::from_str(&json).unwrap();
        assert_eq!(back, INFOMENTOR);
        let other: Platform = serde_json::from_str("\"elsewhere\"").unwrap();
        assert_eq!(other.as_str(), "elsewhere");
        assert_eq!(Platform::named("elsewhere"), other);
        assert!(serde_json::from_str::<Platform>("\"\"").is_err());
    }

    #[test]
    fn ids_are_namespaced_by_platform_account_and_child() {
        let key = crate::model::AccountKey::derive(&[3; 32]);
        let account = key.account_id("191212121212");
        let child_a = EntityId::new(STOCKHOLM, &account, EntityKind::Child, "A");
        let child_b = EntityId::new(STOCKHOLM, &account, EntityKind::Child, "B");
        let im_child = EntityId::new(INFOMENTOR, &account, EntityKind::Child, "A");
        let news_a = EntityId::for_child(&child_a, EntityKind::News, "n1");
        let news_b = EntityId::for_child(&child_b, EntityKind::News, "n1");
        let news_im = EntityId::for_child(&im_child, EntityKind::News, "n1");
        assert_ne!(news_a, news_b);
        assert_ne!(news_a, news_im);
        assert_eq!(news_a.as_str(), format!("stockholm:{account}:news:A/n1"));
        assert_eq!(news_a.platform(), Some(STOCKHOLM));
        assert_eq!(news_a.account(), account);
        assert_eq!(news_a.local(), "A/n1");
        let other_account = key.account_id("201212121212");
        let child_other = EntityId::new(STOCKHOLM, &other_account, EntityKind::Child, "A");
        assert_ne!(child_a, child_other);
    }

    #[test]
    fn local_part_may_contain_colons() {
        let child = EntityId::new(SKOLA24, &AccountId::demo(), EntityKind::Child, "x");
        let lesson = EntityId::for_child(&child, EntityKind::Lesson, "36080472:1");
        assert_eq!(lesson.local(), "x/36080472:1");
        assert_eq!(lesson.kind_str(), "lesson");
    }
}
