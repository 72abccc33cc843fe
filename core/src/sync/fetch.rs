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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityId, FamilySnapshot, Platform};
    use crate::provider::demo::{DemoConfig, DemoFamily};

    fn family() -> FamilySnapshot {
        DemoFamily::generate(&DemoConfig::default()).snapshot
    }

    /// The resource of `child`'s `kind` for a week (kept only for per-week kinds).
    fn resource(child: &Child, kind: ResourceKind) -> ResourceId {
        ResourceId::child(
            "stockholm",
            &child.id,
            kind,
            IsoWeek::containing(crate::time::today()),
        )
    }

    #[test]
    fn validate_refuses_items_of_another_child_and_children_of_another_account() {
        let snapshot = family();
        let account = snapshot.children[0].id.account();
        let (first, second) = (&snapshot.children[0], &snapshot.children[1]);
        let of = |child: &Child| -> Vec<crate::model::NewsItem> {
            snapshot
                .news
                .iter()
                .filter(|n| n.child_id == child.id)
                .cloned()
                .collect()
        };
        let (own, other) = (of(first), of(second));
        assert!(!own.is_empty() && !other.is_empty());

        let news = resource(first, ResourceKind::News);
        validate(&news, &account, &ResourceData::News(own.clone())).unwrap();
        validate(&news, &account, &ResourceData::News(Vec::new())).unwrap();
        // All of another child's items, or a single one among the child's own.
        let mut mixed = own.clone();
        mixed.push(other[0].clone());
        for data in [ResourceData::News(other.clone()), ResourceData::News(mixed)] {
            let err = validate(&news, &account, &data).unwrap_err();
            assert!(
                matches!(&err, Error::WrongChild { endpoint } if endpoint == "news"),
                "{err:?}"
            );
        }
        // The same for every per-child kind the family has items of.
        let calendar: Vec<_> = snapshot
            .calendar
            .iter()
            .filter(|e| e.child_id == second.id)
            .cloned()
            .collect();
        let lessons: Vec<_> = snapshot
            .lessons
            .iter()
            .filter(|l| l.child_id == second.id)
            .cloned()
            .collect();
        let menus: Vec<_> = snapshot
            .menus
            .iter()
            .filter(|m| m.child_id == second.id)
            .cloned()
            .collect();
        for (kind, data) in [
            (ResourceKind::Calendar, ResourceData::Calendar(calendar)),
            (ResourceKind::Timetable, ResourceData::Timetable(lessons)),
            (ResourceKind::Menu, ResourceData::Menu(menus)),
        ] {
            assert!(!data.is_empty(), "{kind:?}");
            let err = validate(&resource(first, kind), &account, &data).unwrap_err();
            assert!(matches!(err, Error::WrongChild { .. }), "{kind:?}: {err:?}");
        }

        // The children list: this account's children pass, one of another account does not.
        let children = ResourceId::account("stockholm", ResourceKind::Children);
        validate(
            &children,
            &account,
            &ResourceData::Children(snapshot.children.clone()),
        )
        .unwrap();
        let stranger = AccountId::from_raw("another-account");
        let mut foreign = snapshot.children[0].clone();
        foreign.id = EntityId::new(Platform::Stockholm, &stranger, EntityKind::Child, "x1");
        let mut list = snapshot.children.clone();
        list.push(foreign);
        let err = validate(&children, &account, &ResourceData::Children(list)).unwrap_err();
        assert!(
            matches!(&err, Error::WrongChild { endpoint } if endpoint == "children"),
            "{err:?}"
        );
        let err = validate(
            &children,
            &stranger,
            &ResourceData::Children(snapshot.children.clone()),
        )
        .unwrap_err();
        assert!(matches!(err, Error::WrongChild { .. }), "{err:?}");
    }
}
