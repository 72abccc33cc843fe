//! [`OfflineMenus`]: public menus a provider brings along instead of reading them from the
//! menu service (the demo family's, so the demo stays offline).

use super::{MenuSource, MenuSources};
use crate::model::{EntityId, IsoWeek, MenuDay};

/// The sources a provider's login attaches and the menu days those sources serve, as the
/// menu service would answer them ([`super::MenuClient::week`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfflineMenus {
    /// The source attached to each child.
    pub sources: MenuSources,
    /// The menu days of every attached child, for whole school years.
    pub days: Vec<MenuDay>,
}

impl OfflineMenus {
    /// The days of `week` at `source` for `child`, when `source` is the one this book holds for
    /// `child`; `None` for any other source (then the menu service is asked).
    pub fn week(
        &self,
        source: &MenuSource,
        child: &EntityId,
        week: IsoWeek,
    ) -> Option<Vec<MenuDay>> {
        if self.sources.get(child) != Some(source) {
            return None;
        }
        Some(
            self.days
                .iter()
                .filter(|d| &d.child_id == child && IsoWeek::containing(d.date) == week)
                .cloned()
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;
    use crate::provider::menus::MenuService;
    use jiff::civil::date;

    #[test]
    fn answers_only_its_own_source_and_week() {
        let child = EntityId::from_raw("infomentor:acc:child:1");
        let source = MenuSource::new(MenuService::Skolmaten, "ekbackens-skola", "Ekbackens skola");
        let day = |d: jiff::civil::Date| MenuDay {
            id: EntityId::for_child(&child, EntityKind::MenuDay, &d.to_string()),
            child_id: child.clone(),
            date: d,
            title: "Måndag - Vecka 2".to_owned(),
            dishes: vec!["Fisk".to_owned()],
        };
        let book = OfflineMenus {
            sources: [(child.clone(), source.clone())].into_iter().collect(),
            days: vec![day(date(2026, 1, 5)), day(date(2026, 1, 12))],
        };
        let week = IsoWeek {
            year: 2026,
            week: 2,
        };
        assert_eq!(book.week(&source, &child, week).map(|d| d.len()), Some(1));
        let other = MenuSource::new(MenuService::Skolmaten, "annan-skola", "Annan skola");
        assert_eq!(book.week(&other, &child, week), None);
        let stranger = EntityId::from_raw("infomentor:acc:child:2");
        assert_eq!(book.week(&source, &stranger, week), None);
    }
}
