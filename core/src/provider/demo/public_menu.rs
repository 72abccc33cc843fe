//! The public lunch menu of the InfoMentor child's school, as skolmaten.se would publish it.
//!
//! InfoMentor publishes no menu, so the demo attaches one the way a guardian would (a
//! skolmaten.se source for the school) and brings that source's weeks along offline: the client
//! stores the source at the demo login and refreshes the menu through the same wrapper as a
//! real attachment ([`crate::provider::menus::WithPublicMenus`]), without the network. Its own
//! dice keeps the rest of the family as it was.

use crate::model::{EntityId, EntityKind, IsoWeek, MenuDay};
use crate::provider::menus::{MenuService, MenuSource, OfflineMenus};

use super::menu::{MAINS, VEGETARIAN};
use super::names::{Dice, WEEKDAY_NAMES};
use super::people::{ChildKind, DemoChild};
use super::school_year::SchoolYear;

/// Mixed into the family's seed for the public menu's own dice.
const SALT: u64 = 0x5e01_a7e0_0000_0003;

/// skolmaten.se's id of a school: its name in lower case, words joined by `-`, Swedish letters
/// folded (`Ekbackens skola 2` → `ekbackens-skola-2`).
fn skolmaten_id(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The skolmaten.se source and the menu days of every InfoMentor child of `children`, for the
/// school days of `years`. Deterministic in `seed`.
pub fn generate(seed: u64, children: &[DemoChild], years: &[SchoolYear]) -> OfflineMenus {
    let mut dice = Dice::new(seed ^ SALT);
    let mut out = OfflineMenus::default();
    for child in children.iter().filter(|c| c.kind == ChildKind::Secondary) {
        let school = child
            .child
            .school
            .as_ref()
            .map_or("Ekbackens skola", |s| s.name.as_str());
        out.sources.insert(
            child.child.id.clone(),
            MenuSource::new(MenuService::Skolmaten, &skolmaten_id(school), school),
        );
        for year in years {
            out.days.extend(days(&child.child.id, year, &mut dice));
        }
    }
    out
}

/// A school kitchen's lunch on every school day: the main dish and the vegetarian one, pea soup
/// with pancakes on Thursdays; titled as the menu services' days are ("Måndag - Vecka 2").
fn days(child: &EntityId, year: &SchoolYear, dice: &mut Dice) -> Vec<MenuDay> {
    year.dates()
        .filter(|d| year.is_school_day(*d))
        .map(|d| {
            let index = usize::from(d.weekday().to_monday_zero_offset().unsigned_abs());
            let dishes = if index == 3 {
                vec![
                    "Ärtsoppa med fläsk, pannkakor och sylt".to_owned(),
                    "Vegetarisk ärtsoppa, pannkakor och sylt".to_owned(),
                ]
            } else {
                vec![
                    MAINS[dice.below(MAINS.len())].to_owned(),
                    VEGETARIAN[dice.below(VEGETARIAN.len())].to_owned(),
                ]
            };
            MenuDay {
                id: EntityId::for_child(child, EntityKind::MenuDay, &d.to_string()),
                child_id: child.clone(),
                date: d,
                title: format!(
                    "{} - Vecka {}",
                    WEEKDAY_NAMES.get(index).copied().unwrap_or("Dag"),
                    IsoWeek::containing(d).week
                ),
                dishes,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_ids_are_what_skolmaten_names_them() {
        assert_eq!(skolmaten_id("Ekbackens skola"), "ekbackens-skola");
        assert_eq!(skolmaten_id("Ekbackens skola 2"), "ekbackens-skola-2");
        assert_eq!(skolmaten_id("Åsö  Ängby"), "aso-angby");
        let source = MenuSource::new(MenuService::Skolmaten, &skolmaten_id("Öbergs skola"), "x");
        assert!(source.validate().is_ok());
    }
}
