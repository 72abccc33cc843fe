//! The provider call behind each resource kind, and the check that an answer is for the child
//! asked for.

use crate::cache::{ResourceData, ResourceId, ResourceKind};
use crate::error::{Error, Result};
use crate::model::{AccountId, Child, EntityKind, IsoWeek};
use crate::provider::{DateRange, Provider};

pub(crate) fn entity_kind(kind: ResourceKind) -> EntityKind {
    match kind {
        ResourceKind::User => EntityKind::User,
        ResourceKind::Children => EntityKind::Child,
        ResourceKind::News => EntityKind::News,
        ResourceKind::Notifications => EntityKind::Notification,
        ResourceKind::Calendar => EntityKind::CalendarEvent,
        ResourceKind::Menu => EntityKind::MenuDay,
        ResourceKind::Timetable => EntityKind::Lesson,
        ResourceKind::Classmates => EntityKind::Classmate,
        ResourceKind::Teachers => EntityKind::Teacher,
        ResourceKind::Contacts => EntityKind::Contact,
        ResourceKind::Assignments => EntityKind::Assignment,
        ResourceKind::Attendance => EntityKind::Attendance,
        ResourceKind::CareTimes => EntityKind::CareTime,
        ResourceKind::AbsenceOptions => EntityKind::AbsenceReportAction,
    }
}

pub(super) async fn fetch(
    provider: &dyn Provider,
    id: &ResourceId,
    child: Option<&Child>,
) -> Result<ResourceData> {
    let need_child = || {
        child.ok_or_else(|| Error::InvalidInput("a per-child resource without a child".to_owned()))
    };
    let week = id
        .week
        .unwrap_or_else(|| IsoWeek::containing(crate::time::today()));
    Ok(match id.kind {
        ResourceKind::User => ResourceData::User(provider.user().await?),
        ResourceKind::Children => ResourceData::Children(provider.children().await?),
        ResourceKind::News => ResourceData::News(provider.news(need_child()?).await?),
        ResourceKind::Notifications => {
            ResourceData::Notifications(provider.notifications(need_child()?).await?)
        }
        ResourceKind::Calendar => ResourceData::Calendar(
            provider
                .calendar(need_child()?, DateRange::of_week(week))
                .await?,
        ),
        ResourceKind::Menu => ResourceData::Menu(provider.menu(need_child()?, week).await?),
        ResourceKind::Timetable => {
            ResourceData::Timetable(provider.timetable(need_child()?, week).await?)
        }
        ResourceKind::Classmates => {
            ResourceData::Classmates(provider.classmates(need_child()?).await?)
        }
        ResourceKind::Teachers => ResourceData::Teachers(provider.teachers(need_child()?).await?),
        ResourceKind::Contacts => ResourceData::Contacts(provider.contacts(need_child()?).await?),
        ResourceKind::Assignments => {
            ResourceData::Assignments(provider.assignments(need_child()?).await?)
        }
        ResourceKind::Attendance => {
            ResourceData::Attendance(provider.attendance(need_child()?).await?)
        }
        ResourceKind::CareTimes => ResourceData::CareTimes(
            provider
                .care_times(need_child()?, DateRange::of_week(week))
                .await?,
        ),
        ResourceKind::AbsenceOptions => {
            ResourceData::AbsenceOptions(provider.absence_report_actions(need_child()?).await?)
        }
    })
}

/// Refuses data that claims to belong to another child than the one asked for, and a list of
/// children outside `namespace` (the account the platform session was logged in as: another
/// guardian's children).
pub(super) fn validate(id: &ResourceId, namespace: &AccountId, data: &ResourceData) -> Result<()> {
    let endpoint = id.kind.as_str();
    if let Some(child) = &id.child
        && data.child_ids().iter().any(|c| *c != child)
    {
        return Err(Error::WrongChild {
            endpoint: endpoint.to_owned(),
        });
    }
    if let ResourceData::Children(children) = data
        && children.iter().any(|c| &c.id.account() != namespace)
    {
        return Err(Error::WrongChild {
            endpoint: endpoint.to_owned(),
        });
    }
    Ok(())
}
