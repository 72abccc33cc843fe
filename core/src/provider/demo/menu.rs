//! The demo family's lunch menus (the week's dishes and the vegetarian alternative).

use jiff::civil::Weekday;

use crate::model::{EntityId, EntityKind, IsoWeek, MenuDay, Platform};

use super::names::{Dice, WEEKDAY_NAMES};
use super::people::{ChildKind, DemoChild};
use super::school_year::SchoolYear;

pub(super) const MAINS: &[&str] = &[
    "Köttbullar med potatismos och lingonsylt",
    "Fiskgratäng med dillpotatis",
    "Kycklinggryta med ris",
    "Spaghetti och köttfärssås",
    "Pannbiff med löksås och kokt potatis",
    "Laxbullar med kall sås och potatis",
    "Korv stroganoff med ris",
    "Tacos med köttfärs och tillbehör",
    "Ugnsbakad torsk med äggsås",
    "Chili con carne med ris",
    "Kycklingklubbor med klyftpotatis",
    "Fläskpannkaka med lingon",
];

pub(super) const VEGETARIAN: &[&str] = &[
    "Vegetariska biffar med potatismos",
    "Falafel med bulgur och tzatziki",
    "Linsgryta med ris",
    "Pasta med tomat- och bönsås",
    "Grönsaksbiffar med kokt potatis",
    "Halloumigryta med couscous",
    "Vegetarisk lasagne",
    "Sojabolognese med pasta",
];

/// Lunch for every open day, per school, as the platform publishes it (Skolplattformen,
/// SchoolSoft and Vklass do; InfoMentor does not: its child gets a public menu,
/// `public_menu.rs`).
pub fn menus(child: &DemoChild, year: &SchoolYear, dice: &mut Dice) -> Vec<MenuDay> {
    if child.child.platform == Platform::InfoMentor {
        // InfoMentor has no menu source; the demo does not make one up.
        return Vec::new();
    }
    let preschool = child.kind == ChildKind::Preschool;
    year.dates()
        .filter(|d| {
            if preschool {
                year.is_preschool_day(*d)
            } else {
                year.is_school_day(*d)
            }
        })
        .map(|d| {
            let weekday = d.weekday();
            let dishes = if weekday == Weekday::Thursday {
                vec![
                    "Ärtsoppa med pannkakor och sylt".to_owned(),
                    "Vegetarisk ärtsoppa med pannkakor".to_owned(),
                ]
            } else {
                vec![
                    MAINS[dice.below(MAINS.len())].to_owned(),
                    VEGETARIAN[dice.below(VEGETARIAN.len())].to_owned(),
                ]
            };
            let week = IsoWeek::containing(d);
            let index = usize::try_from(weekday.to_monday_zero_offset()).unwrap_or(0);
            MenuDay {
                id: EntityId::for_child(&child.child.id, EntityKind::MenuDay, &d.to_string()),
                child_id: child.child.id.clone(),
                date: d,
                title: format!(
                    "{} - Vecka {}",
                    WEEKDAY_NAMES.get(index).copied().unwrap_or("Dag"),
                    week.week
                ),
                dishes,
            }
        })
        .collect()
}
