//! Storing a whole [`FamilySnapshot`] at once, split into resources as the sync engine stores
//! them (for imports, the demo and benchmarks).

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::resource::{ResourceData, ResourceId, ResourceKind, SyncMeta};
use super::store::Cache;
use crate::error::Result;
use crate::model::{AccountId, EntityId, FamilySnapshot, IsoWeek};

fn weeks_between(first: jiff::civil::Date, last: jiff::civil::Date) -> Vec<IsoWeek> {
    let mut out = vec![IsoWeek::containing(first)];
    let end = IsoWeek::containing(last);
    while let Some(&w) = out.last() {
        if w >= end || out.len() > 60 {
            break;
        }
        out.push(w.next());
    }
    out
}

impl Cache {
    /// Stores every entity of `snapshot` for `account` under `provider`, one resource per
    /// child × kind (× ISO week for calendar, menu and timetable), marked as fetched at `at`.
    /// Calendar events spanning several weeks are stored in each. Returns the number of
    /// resources written. No change-feed entries are made.
    pub fn store_snapshot(
        &self,
        account: &AccountId,
        provider: &str,
        snapshot: &FamilySnapshot,
        at: Timestamp,
    ) -> Result<usize> {
        let meta = SyncMeta {
            fetched_at: Some(at),
            attempted_at: Some(at),
            ..Default::default()
        };
        let mut resources: BTreeMap<ResourceId, ResourceData> = BTreeMap::new();
        let week_key = |child: &EntityId, kind: ResourceKind, week: IsoWeek| ResourceId {
            provider: provider.to_owned(),
            child: Some(child.clone()),
            kind,
            week: Some(week),
        };
        let plain_key = |child: &EntityId, kind: ResourceKind| ResourceId {
            provider: provider.to_owned(),
            child: Some(child.clone()),
            kind,
            week: None,
        };
        if let Some(user) = snapshot.users.first() {
            resources.insert(
                ResourceId::account(provider, ResourceKind::User),
                ResourceData::User(user.clone()),
            );
        }
        resources.insert(
            ResourceId::account(provider, ResourceKind::Children),
            ResourceData::Children(snapshot.children.clone()),
        );
        macro_rules! group {
            ($items:expr, $variant:ident, $kind:expr, $key:expr) => {
                for item in $items {
                    for id in $key(item) {
                        let entry = resources
                            .entry(id)
                            .or_insert_with(|| ResourceData::$variant(Vec::new()));
                        if let ResourceData::$variant(v) = entry {
                            v.push(item.clone());
                        }
                    }
                }
            };
        }
        group!(
            &snapshot.news,
            News,
            ResourceKind::News,
            |x: &crate::model::NewsItem| vec![plain_key(&x.child_id, ResourceKind::News)]
        );
        group!(
            &snapshot.notifications,
            Notifications,
            ResourceKind::Notifications,
            |x: &crate::model::Notification| vec![plain_key(
                &x.child_id,
                ResourceKind::Notifications
            )]
        );
        group!(
            &snapshot.classmates,
            Classmates,
            ResourceKind::Classmates,
            |x: &crate::model::Classmate| vec![plain_key(&x.child_id, ResourceKind::Classmates)]
        );
        group!(
            &snapshot.teachers,
            Teachers,
            ResourceKind::Teachers,
            |x: &crate::model::Teacher| vec![plain_key(&x.child_id, ResourceKind::Teachers)]
        );
        group!(
            &snapshot.contacts,
            Contacts,
            ResourceKind::Contacts,
            |x: &crate::model::SchoolContact| vec![plain_key(&x.child_id, ResourceKind::Contacts)]
        );
        group!(
            &snapshot.calendar,
            Calendar,
            ResourceKind::Calendar,
            |x: &crate::model::CalendarEvent| weeks_between(
                x.timing.first_date(),
                x.timing.last_date()
            )
            .into_iter()
            .map(|w| week_key(&x.child_id, ResourceKind::Calendar, w))
            .collect::<Vec<_>>()
        );
        group!(
            &snapshot.menus,
            Menu,
            ResourceKind::Menu,
            |x: &crate::model::MenuDay| vec![week_key(
                &x.child_id,
                ResourceKind::Menu,
                IsoWeek::containing(x.date)
            )]
        );
        group!(
            &snapshot.lessons,
            Timetable,
            ResourceKind::Timetable,
            |x: &crate::model::TimetableLesson| vec![week_key(
                &x.child_id,
                ResourceKind::Timetable,
                IsoWeek::containing(crate::time::local_date(&x.start))
            )]
        );
        group!(
            &snapshot.assignments,
            Assignments,
            ResourceKind::Assignments,
            |x: &crate::model::Assignment| vec![plain_key(&x.child_id, ResourceKind::Assignments)]
        );
        group!(
            &snapshot.attendance,
            Attendance,
            ResourceKind::Attendance,
            |x: &crate::model::AttendanceRecord| vec![plain_key(
                &x.child_id,
                ResourceKind::Attendance
            )]
        );
        group!(
            &snapshot.care_times,
            CareTimes,
            ResourceKind::CareTimes,
            |x: &crate::model::CareTime| vec![week_key(
                &x.child_id,
                ResourceKind::CareTimes,
                IsoWeek::containing(x.date)
            )]
        );
        group!(
            &snapshot.absence_report_actions,
            AbsenceOptions,
            ResourceKind::AbsenceOptions,
            |x: &crate::model::AbsenceReportAction| vec![plain_key(
                &x.child_id,
                ResourceKind::AbsenceOptions
            )]
        );
        let count = resources.len();
        self.put_many(account, resources.iter(), &meta, at)?;
        Ok(count)
    }
}
