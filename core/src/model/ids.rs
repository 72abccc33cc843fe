//! Stable, namespaced identifiers.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// An upstream school platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Stockholm stad's guardian e-services ("Skolplattformen", `etjanster.stockholm.se`).
    Stockholm,
    /// Skola24, the timetable system behind Stockholm's login.
    Skola24,
    /// InfoMentor Hub (`hub.infomentor.se`).
    InfoMentor,
}

impl Platform {
    /// The short, stable name used in ids and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Stockholm => "stockholm",
            Platform::Skola24 => "skola24",
            Platform::InfoMentor => "infomentor",
        }
    }

    /// A name for people ("Skolplattformen (Stockholm)").
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Stockholm => "Skolplattformen (Stockholm)",
            Platform::Skola24 => "Skola24",
            Platform::InfoMentor => "InfoMentor",
        }
    }

    /// Parses [`Platform::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "stockholm" => Some(Platform::Stockholm),
            "skola24" => Some(Platform::Skola24),
            "infomentor" => Some(Platform::InfoMentor),
            _ => None,
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The account a piece of data was read with: one guardian's login.
///
/// Derived from the guardian's personal number with a one-way hash, so ids (which appear in logs
/// and file names) never contain the personal number itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(String);

impl AccountId {
    /// The account of the built-in demo family.
    pub fn demo() -> Self {
        AccountId("demo".to_owned())
    }

    /// The account id of a guardian, from their 12-digit personal number (16 hex characters of
    /// a SHA-256 over a fixed prefix and the digits).
    pub fn from_personal_number(digits: &str) -> Self {
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

    /// The platform part, if it names a known platform.
    pub fn platform(&self) -> Option<Platform> {
        Platform::parse(self.platform_str())
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

    #[test]
    fn ids_are_namespaced_by_platform_account_and_child() {
        let account = AccountId::from_personal_number("191212121212");
        assert_eq!(account.as_str().len(), 16);
        assert!(!account.as_str().contains("1912"));
        let child_a = EntityId::new(Platform::Stockholm, &account, EntityKind::Child, "A");
        let child_b = EntityId::new(Platform::Stockholm, &account, EntityKind::Child, "B");
        let im_child = EntityId::new(Platform::InfoMentor, &account, EntityKind::Child, "A");
        let news_a = EntityId::for_child(&child_a, EntityKind::News, "n1");
        let news_b = EntityId::for_child(&child_b, EntityKind::News, "n1");
        let news_im = EntityId::for_child(&im_child, EntityKind::News, "n1");
        assert_ne!(news_a, news_b);
        assert_ne!(news_a, news_im);
        assert_eq!(news_a.as_str(), format!("stockholm:{account}:news:A/n1"));
        assert_eq!(news_a.platform(), Some(Platform::Stockholm));
        assert_eq!(news_a.account(), account);
        assert_eq!(news_a.local(), "A/n1");
        let other_account = AccountId::from_personal_number("201212121212");
        let child_other =
            EntityId::new(Platform::Stockholm, &other_account, EntityKind::Child, "A");
        assert_ne!(child_a, child_other);
    }

    #[test]
    fn local_part_may_contain_colons() {
        let child = EntityId::new(
            Platform::Skola24,
            &AccountId::demo(),
            EntityKind::Child,
            "x",
        );
        let lesson = EntityId::for_child(&child, EntityKind::Lesson, "36080472:1");
        assert_eq!(lesson.local(), "x/36080472:1");
        assert_eq!(lesson.kind_str(), "lesson");
    }
}
