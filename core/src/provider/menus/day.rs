//! Building the model's [`MenuDay`] from what a menu service lists for a date.

use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::model::{EntityId, EntityKind, IsoWeek, MenuDay};

const WEEKDAYS: [&str; 7] = [
    "Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag", "Söndag",
];

/// The day's menu for `child`: the dishes trimmed, empty ones dropped; `None` when no dish is
/// left (a day without lunch is not listed). The title is the form skolmaten.se's own feed
/// uses ("Måndag - Vecka 2"), since neither service's JSON carries one.
pub(super) fn menu_day(child: &EntityId, date: Date, dishes: Vec<String>) -> Option<MenuDay> {
    let dishes: Vec<String> = dishes
        .into_iter()
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
        .collect();
    if dishes.is_empty() {
        return None;
    }
    let index = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
    let weekday = WEEKDAYS.get(index).copied().unwrap_or("Dag");
    Some(MenuDay {
        id: EntityId::for_child(child, EntityKind::MenuDay, &date.to_string()),
        child_id: child.clone(),
        date,
        title: format!("{weekday} - Vecka {}", IsoWeek::containing(date).week),
        dishes,
    })
}

/// The date at the start of an upstream date-time text (`2026-01-05T00:00:00`,
/// `2026-01-05T00:00:00.000Z`, `2026-01-05`).
pub(super) fn leading_date(endpoint: &str, text: &str) -> Result<Date> {
    text.get(..10)
        .and_then(|d| d.parse::<Date>().ok())
        .ok_or_else(|| Error::parse(endpoint, format!("not a date: {text:?}")))
}

/// Adds `dish` to the dishes of `date`, keeping the days in date order and each day's dishes
/// in the order given.
pub(super) fn push_dish(days: &mut Vec<(Date, Vec<String>)>, date: Date, dish: String) {
    match days.iter_mut().find(|(d, _)| *d == date) {
        Some((_, dishes)) => dishes.push(dish),
        None => {
            days.push((date, vec![dish]));
            days.sort_by_key(|(d, _)| *d);
        }
    }
}

/// Turns collected `(date, dishes)` into menu days of `week` only.
pub(super) fn week_days(
    child: &EntityId,
    week: IsoWeek,
    days: Vec<(Date, Vec<String>)>,
) -> Vec<MenuDay> {
    days.into_iter()
        .filter(|(date, _)| IsoWeek::containing(*date) == week)
        .filter_map(|(date, dishes)| menu_day(child, date, dishes))
        .collect()
}

/// True when every word of `query` occurs in `name` (case-insensitive); an empty query
/// matches nothing.
pub(super) fn name_matches(name: &str, query: &str) -> bool {
    let name = name.to_lowercase();
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    !words.is_empty() && words.iter().all(|w| name.contains(w.as_str()))
}

/// Checks a school id before it goes into a URL path: letters, digits, `-` and `_` only.
pub(super) fn check_school_id(id: &str) -> Result<()> {
    if !id.is_empty()
        && id.len() <= 200
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "not a menu school id: {id:?} (letters, digits, - and _)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_titles_and_matching() {
        let child = EntityId::from_raw("infomentor:acc:child:1");
        let day = menu_day(
            &child,
            jiff::civil::date(2026, 1, 5),
            vec![" Fisk ".into(), "".into()],
        )
        .unwrap();
        assert_eq!(day.title, "Måndag - Vecka 2");
        assert_eq!(day.dishes, vec!["Fisk"]);
        assert!(menu_day(&child, jiff::civil::date(2026, 1, 5), vec![" ".into()]).is_none());
        assert!(name_matches("Skutehagens skolan", "skola skute"));
        assert!(!name_matches("Skutehagens skolan", ""));
        assert!(check_school_id("63fc_skolor").is_ok());
        assert!(check_school_id("../x").is_err());
        assert_eq!(
            leading_date("x", "2026-01-05T00:00:00").unwrap(),
            jiff::civil::date(2026, 1, 5)
        );
        assert!(leading_date("x", "Monday").is_err());
    }
}
