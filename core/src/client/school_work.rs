//! Reads of a child's school work from the cache: assignments, attendance history, care times
//! and the absence reports the platform offers. Like every read they never wait for the network
//! and say how fresh they are ([`Cached`]). The two long lists (assignments, attendance) are
//! paged by offset and limit ([`PageRequest`]).

use super::{Cached, Client, Page, PageRequest};
use crate::cache::ResourceKind;
use crate::error::Result;
use crate::model::{
    AbsenceReportAction, Assignment, AttendanceRecord, CareTime, EntityId, IsoWeek,
};
use crate::sync::CachedView;

/// The cached view with only `child`'s resources (all children's when none), so the freshness
/// judges only what the read shows.
fn only_child(mut view: CachedView, child: Option<&EntityId>) -> CachedView {
    if let Some(c) = child {
        view.resources
            .retain(|r| r.resource.child.as_ref() == Some(c));
    }
    view
}

impl Client {
    /// A page of assignments (one child's, or everyone's): the open ones first, each group by
    /// due date (earliest first, undated last), then by title.
    pub async fn assignments(
        &self,
        child: Option<&EntityId>,
        page: PageRequest,
    ) -> Result<Cached<Page<Assignment>>> {
        let account = self.require_account()?;
        let view = self
            .inner
            .engine
            .read_kinds(&account, &[ResourceKind::Assignments])
            .await?;
        Ok(Cached::from_view(only_child(view, child)).map(|s| {
            let mut items: Vec<Assignment> = s
                .assignments
                .into_iter()
                .filter(|a| child.is_none_or(|c| &a.child_id == c))
                .collect();
            items.sort_by(|a, b| {
                b.is_open()
                    .cmp(&a.is_open())
                    .then_with(|| a.due.is_none().cmp(&b.due.is_none()))
                    .then_with(|| a.due.cmp(&b.due))
                    .then_with(|| a.title.cmp(&b.title))
            });
            Page::cut(items, page)
        }))
    }

    /// A page of the attendance history (one child's, or everyone's), newest day first.
    pub async fn attendance(
        &self,
        child: Option<&EntityId>,
        page: PageRequest,
    ) -> Result<Cached<Page<AttendanceRecord>>> {
        let account = self.require_account()?;
        let view = self
            .inner
            .engine
            .read_kinds(&account, &[ResourceKind::Attendance])
            .await?;
        Ok(Cached::from_view(only_child(view, child)).map(|s| {
            let mut items: Vec<AttendanceRecord> = s
                .attendance
                .into_iter()
                .filter(|r| child.is_none_or(|c| &r.child_id == c))
                .collect();
            items.sort_by(|a, b| {
                b.date
                    .cmp(&a.date)
                    .then_with(|| a.start.cmp(&b.start))
                    .then_with(|| a.id.cmp(&b.id))
            });
            Page::cut(items, page)
        }))
    }

    /// The care times of `week` (one child's, or everyone's), by date; the freshness is that
    /// of the week's care-time resources only.
    pub async fn care_times(
        &self,
        child: Option<&EntityId>,
        week: IsoWeek,
    ) -> Result<Cached<Vec<CareTime>>> {
        let account = self.require_account()?;
        let mut view = self
            .inner
            .engine
            .read_kinds(&account, &[ResourceKind::CareTimes])
            .await?;
        view.resources.retain(|r| r.resource.week == Some(week));
        Ok(Cached::from_view(only_child(view, child)).map(|s| {
            let mut items: Vec<CareTime> = s
                .care_times
                .into_iter()
                .filter(|c| IsoWeek::containing(c.date) == week)
                .filter(|c| child.is_none_or(|x| &c.child_id == x))
                .collect();
            items.sort_by(|a, b| {
                a.date
                    .cmp(&b.date)
                    .then_with(|| a.child_id.cmp(&b.child_id))
            });
            items
        }))
    }

    /// The absence reports `child`'s platform offered at the last read, by day. Show a button
    /// per offer from its `can_report` / `can_withdraw`; the write reads them again first.
    pub async fn absence_options(
        &self,
        child: &EntityId,
    ) -> Result<Cached<Vec<AbsenceReportAction>>> {
        let account = self.require_account()?;
        let view = self
            .inner
            .engine
            .read_kinds(&account, &[ResourceKind::AbsenceOptions])
            .await?;
        Ok(Cached::from_view(only_child(view, Some(child))).map(|s| {
            let mut items: Vec<AbsenceReportAction> = s
                .absence_report_actions
                .into_iter()
                .filter(|a| &a.child_id == child)
                .collect();
            items.sort_by_key(|a| a.day);
            items
        }))
    }
}
