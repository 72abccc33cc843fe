//! The whole normalized model of one family, as one value.

use serde::{Deserialize, Serialize};

use super::{
    AbsenceReportAction, Assignment, AttendanceRecord, CalendarEvent, CareTime, CareTimeEditAction,
    Child, Classmate, EntityId, MenuDay, NewsItem, Notification, SchoolContact, Teacher,
    TimetableLesson, User,
};

/// Everything known about a family: the guardian(s) and every child's data across platforms.
///
/// This is the form the CLI prints with `--json` and the unit tests round-trip.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilySnapshot {
    /// Format version; see [`FamilySnapshot::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The guardian, once per platform account.
    pub users: Vec<User>,
    /// All children, across platforms.
    pub children: Vec<Child>,
    /// News items, newest first per child.
    pub news: Vec<NewsItem>,
    /// Calendar events.
    pub calendar: Vec<CalendarEvent>,
    /// Notifications.
    pub notifications: Vec<Notification>,
    /// Lunch menus, one entry per child and day.
    pub menus: Vec<MenuDay>,
    /// Timetable lessons.
    pub lessons: Vec<TimetableLesson>,
    /// Classmates with guardians.
    pub classmates: Vec<Classmate>,
    /// Teachers.
    pub teachers: Vec<Teacher>,
    /// School contacts.
    pub contacts: Vec<SchoolContact>,
    /// Assignments and homework.
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    /// Attendance and absence registrations.
    #[serde(default)]
    pub attendance: Vec<AttendanceRecord>,
    /// Fritids / pre-school care times, one entry per child and day.
    #[serde(default)]
    pub care_times: Vec<CareTime>,
    /// Absence reports the platforms offer (see [`AbsenceReportAction::can_report`]).
    #[serde(default)]
    pub absence_report_actions: Vec<AbsenceReportAction>,
    /// Care-time edits the platforms offer (see [`CareTimeEditAction::can_edit_times`]).
    #[serde(default)]
    pub care_time_edit_actions: Vec<CareTimeEditAction>,
}

impl FamilySnapshot {
    /// The JSON format version this build writes.
    pub const SCHEMA_VERSION: u32 = 1;

    /// An empty snapshot of the current version.
    pub fn empty() -> Self {
        FamilySnapshot {
            schema_version: Self::SCHEMA_VERSION,
            ..Default::default()
        }
    }

    /// The child with this id.
    pub fn child(&self, id: &EntityId) -> Option<&Child> {
        self.children.iter().find(|c| &c.id == id)
    }

    /// Children whose first name, full name or id matches `query` (case-insensitive).
    pub fn find_children(&self, query: &str) -> Vec<&Child> {
        self.children.iter().filter(|c| c.matches(query)).collect()
    }

    /// A copy holding only the data of the given children.
    pub fn only_children(&self, ids: &[EntityId]) -> FamilySnapshot {
        let keep = |id: &EntityId| ids.contains(id);
        FamilySnapshot {
            schema_version: self.schema_version,
            users: self.users.clone(),
            children: self
                .children
                .iter()
                .filter(|c| keep(&c.id))
                .cloned()
                .collect(),
            news: self
                .news
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            calendar: self
                .calendar
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            notifications: self
                .notifications
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            menus: self
                .menus
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            lessons: self
                .lessons
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            classmates: self
                .classmates
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            teachers: self
                .teachers
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            contacts: self
                .contacts
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            assignments: self
                .assignments
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            attendance: self
                .attendance
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            care_times: self
                .care_times
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            absence_report_actions: self
                .absence_report_actions
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
            care_time_edit_actions: self
                .care_time_edit_actions
                .iter()
                .filter(|x| keep(&x.child_id))
                .cloned()
                .collect(),
        }
    }
}
