//! What the cache stores: resources (one sealed blob each) and their sync metadata.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::model::FailureKind;
use crate::model::{
    CalendarEvent, Child, Classmate, EntityId, IsoWeek, MenuDay, NewsItem, Notification,
    SchoolContact, Teacher, TimetableLesson, User,
};

/// The kinds of resource, each fetched with one upstream call per child (and week).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// The logged-in guardian (per provider).
    User,
    /// The guardian's children (per provider).
    Children,
    /// A child's news list.
    News,
    /// A child's notifications.
    Notifications,
    /// A child's calendar for one week.
    Calendar,
    /// A child's lunch menu for one week.
    Menu,
    /// A child's timetable for one week.
    Timetable,
    /// A child's classmates.
    Classmates,
    /// A child's teachers.
    Teachers,
    /// Contacts at a child's school.
    Contacts,
    /// A child's assignments and homework (InfoMentor).
    Assignments,
    /// A child's attendance history (InfoMentor).
    Attendance,
    /// A child's fritids/pre-school care times for one week (InfoMentor).
    CareTimes,
    /// The absence reports a child's platform offers now (today, tomorrow), with their
    /// permission flags; read again from upstream before every write.
    AbsenceOptions,
}

impl ResourceKind {
    /// Every kind, in refresh order.
    pub const ALL: [ResourceKind; 14] = [
        ResourceKind::User,
        ResourceKind::Children,
        ResourceKind::News,
        ResourceKind::Notifications,
        ResourceKind::Calendar,
        ResourceKind::Menu,
        ResourceKind::Timetable,
        ResourceKind::Classmates,
        ResourceKind::Teachers,
        ResourceKind::Contacts,
        ResourceKind::Assignments,
        ResourceKind::Attendance,
        ResourceKind::CareTimes,
        ResourceKind::AbsenceOptions,
    ];

    /// The short stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::User => "user",
            ResourceKind::Children => "children",
            ResourceKind::News => "news",
            ResourceKind::Notifications => "notifications",
            ResourceKind::Calendar => "calendar",
            ResourceKind::Menu => "menu",
            ResourceKind::Timetable => "timetable",
            ResourceKind::Classmates => "classmates",
            ResourceKind::Teachers => "teachers",
            ResourceKind::Contacts => "contacts",
            ResourceKind::Assignments => "assignments",
            ResourceKind::Attendance => "attendance",
            ResourceKind::CareTimes => "care_times",
            ResourceKind::AbsenceOptions => "absence_options",
        }
    }

    /// True for kinds stored per child.
    pub fn per_child(self) -> bool {
        !matches!(self, ResourceKind::User | ResourceKind::Children)
    }

    /// True for kinds stored per ISO week.
    pub fn per_week(self) -> bool {
        matches!(
            self,
            ResourceKind::Calendar
                | ResourceKind::Menu
                | ResourceKind::Timetable
                | ResourceKind::CareTimes
        )
    }
}

/// One cached resource: which provider, which child, what, which week.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceId {
    /// The provider's name ("stockholm").
    pub provider: String,
    /// The child, for per-child kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<EntityId>,
    /// What.
    pub kind: ResourceKind,
    /// The week, for per-week kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub week: Option<IsoWeek>,
}

impl ResourceId {
    /// An account-level resource (user, children) of a provider.
    pub fn account(provider: &str, kind: ResourceKind) -> Self {
        ResourceId {
            provider: provider.to_owned(),
            child: None,
            kind,
            week: None,
        }
    }

    /// A child's resource; `week` is kept only for per-week kinds.
    pub fn child(provider: &str, child: &EntityId, kind: ResourceKind, week: IsoWeek) -> Self {
        ResourceId {
            provider: provider.to_owned(),
            child: Some(child.clone()),
            kind,
            week: kind.per_week().then_some(week),
        }
    }

    /// The parts hashed into the lookup key.
    pub(crate) fn key_parts(&self) -> [String; 4] {
        [
            self.provider.clone(),
            self.child
                .as_ref()
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            self.kind.as_str().to_owned(),
            self.week.map(|w| w.to_string()).unwrap_or_default(),
        ]
    }
}

/// The cached value of a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "items", rename_all = "snake_case")]
pub enum ResourceData {
    /// The guardian.
    User(User),
    /// Children.
    Children(Vec<Child>),
    /// News.
    News(Vec<NewsItem>),
    /// Notifications.
    Notifications(Vec<Notification>),
    /// Calendar events of a week.
    Calendar(Vec<CalendarEvent>),
    /// Menu days of a week.
    Menu(Vec<MenuDay>),
    /// Lessons of a week.
    Timetable(Vec<TimetableLesson>),
    /// Classmates.
    Classmates(Vec<Classmate>),
    /// Teachers.
    Teachers(Vec<Teacher>),
    /// Contacts.
    Contacts(Vec<SchoolContact>),
    /// Assignments.
    Assignments(Vec<crate::model::Assignment>),
    /// Attendance records.
    Attendance(Vec<crate::model::AttendanceRecord>),
    /// Care times of a week.
    CareTimes(Vec<crate::model::CareTime>),
    /// The absence reports offered.
    AbsenceOptions(Vec<crate::model::AbsenceReportAction>),
}

impl ResourceData {
    /// The kind of resource this value is.
    pub fn kind(&self) -> ResourceKind {
        match self {
            ResourceData::User(_) => ResourceKind::User,
            ResourceData::Children(_) => ResourceKind::Children,
            ResourceData::News(_) => ResourceKind::News,
            ResourceData::Notifications(_) => ResourceKind::Notifications,
            ResourceData::Calendar(_) => ResourceKind::Calendar,
            ResourceData::Menu(_) => ResourceKind::Menu,
            ResourceData::Timetable(_) => ResourceKind::Timetable,
            ResourceData::Classmates(_) => ResourceKind::Classmates,
            ResourceData::Teachers(_) => ResourceKind::Teachers,
            ResourceData::Contacts(_) => ResourceKind::Contacts,
            ResourceData::Assignments(_) => ResourceKind::Assignments,
            ResourceData::Attendance(_) => ResourceKind::Attendance,
            ResourceData::CareTimes(_) => ResourceKind::CareTimes,
            ResourceData::AbsenceOptions(_) => ResourceKind::AbsenceOptions,
        }
    }

    /// The child ids the items claim to belong to (empty for account-level data).
    pub fn child_ids(&self) -> Vec<&EntityId> {
        match self {
            ResourceData::User(_) | ResourceData::Children(_) => Vec::new(),
            ResourceData::News(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::Notifications(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::Calendar(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::Menu(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::Timetable(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::Classmates(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::Teachers(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::Contacts(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::Assignments(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::Attendance(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::CareTimes(v) => v.iter().map(|x| &x.child_id).collect(),
            ResourceData::AbsenceOptions(v) => v.iter().map(|x| &x.child_id).collect(),
        }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        match self {
            ResourceData::User(_) => 1,
            ResourceData::Children(v) => v.len(),
            ResourceData::News(v) => v.len(),
            ResourceData::Notifications(v) => v.len(),
            ResourceData::Calendar(v) => v.len(),
            ResourceData::Menu(v) => v.len(),
            ResourceData::Timetable(v) => v.len(),
            ResourceData::Classmates(v) => v.len(),
            ResourceData::Teachers(v) => v.len(),
            ResourceData::Contacts(v) => v.len(),
            ResourceData::Assignments(v) => v.len(),
            ResourceData::Attendance(v) => v.len(),
            ResourceData::CareTimes(v) => v.len(),
            ResourceData::AbsenceOptions(v) => v.len(),
        }
    }

    /// True when there are no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves the items into a snapshot.
    pub fn merge_into(self, snapshot: &mut crate::model::FamilySnapshot) {
        match self {
            ResourceData::User(u) => {
                if !snapshot.users.iter().any(|x| x.id == u.id) {
                    snapshot.users.push(u);
                }
            }
            ResourceData::Children(v) => {
                for c in v {
                    if !snapshot.children.iter().any(|x| x.id == c.id) {
                        snapshot.children.push(c);
                    }
                }
            }
            ResourceData::News(v) => snapshot.news.extend(v),
            ResourceData::Notifications(v) => snapshot.notifications.extend(v),
            ResourceData::Calendar(v) => snapshot.calendar.extend(v),
            ResourceData::Menu(v) => snapshot.menus.extend(v),
            ResourceData::Timetable(v) => snapshot.lessons.extend(v),
            ResourceData::Classmates(v) => snapshot.classmates.extend(v),
            ResourceData::Teachers(v) => snapshot.teachers.extend(v),
            ResourceData::Contacts(v) => snapshot.contacts.extend(v),
            ResourceData::Assignments(v) => snapshot.assignments.extend(v),
            ResourceData::Attendance(v) => snapshot.attendance.extend(v),
            ResourceData::CareTimes(v) => snapshot.care_times.extend(v),
            ResourceData::AbsenceOptions(v) => snapshot.absence_report_actions.extend(v),
        }
    }
}

/// Sync metadata of one resource (sealed like the data).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncMeta {
    /// When the cached data was fetched (none: never fetched successfully).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<Timestamp>,
    /// When the last attempt (successful or not) finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempted_at: Option<Timestamp>,
    /// Failed attempts since the last success.
    pub failure_count: u32,
    /// The last failure, if the last attempt failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<FailureKind>,
    /// An upstream validator (ETag, Last-Modified, a version counter), when the platform has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validator: Option<String>,
}
