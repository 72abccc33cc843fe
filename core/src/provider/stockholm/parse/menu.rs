//! `Matsedel/GetMatsedelChoice`, `Matsedel/GetMatsedelRSS` and `Matsedel/GetMatsedelList`.

use jiff::civil::{Date, ISOWeekDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{Lenient, envelope};
use crate::error::Result;
use crate::html_scan::text_lines;
use crate::model::{Child, EntityId, EntityKind, MenuDay};

/// The form in which a school publishes its lunch menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MenuForm {
    /// The feed form: read `GetMatsedelRSS`.
    Rss,
    /// The list form: read `GetMatsedelList`.
    List,
}

/// Parses `GetMatsedelChoice`: `"rss"` (any case, trimmed) is the feed form, anything else the
/// list form.
pub fn menu_choice(body: &str) -> Result<MenuForm> {
    let choice: Option<String> = envelope::data("GetMatsedelChoice", body)?;
    Ok(match choice {
        Some(c) if c.trim().eq_ignore_ascii_case("rss") => MenuForm::Rss,
        _ => MenuForm::List,
    })
}

#[derive(Deserialize)]
struct RawRssItem {
    #[serde(rename = "Title", default)]
    title: Option<String>,
    #[serde(rename = "Description", default)]
    description: Option<String>,
}

#[derive(Deserialize)]
struct RawMenuList {
    #[serde(rename = "SelectedWeek", default)]
    selected_week: Option<Lenient>,
    #[serde(rename = "Menus", default)]
    menus: Option<Vec<RawWeekMenu>>,
}

#[derive(Deserialize)]
struct RawWeekMenu {
    #[serde(rename = "Week", default)]
    week: Option<Lenient>,
    #[serde(rename = "Mon", default)]
    mon: Option<String>,
    #[serde(rename = "Tue", default)]
    tue: Option<String>,
    #[serde(rename = "Wed", default)]
    wed: Option<String>,
    #[serde(rename = "Thu", default)]
    thu: Option<String>,
    #[serde(rename = "Fri", default)]
    fri: Option<String>,
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("måndag", Weekday::Monday),
    ("tisdag", Weekday::Tuesday),
    ("onsdag", Weekday::Wednesday),
    ("torsdag", Weekday::Thursday),
    ("fredag", Weekday::Friday),
    ("lördag", Weekday::Saturday),
    ("söndag", Weekday::Sunday),
];

/// The date of `weekday` in ISO week `week` of the week-year (previous, current or next) that
/// puts it nearest to `today`.
pub fn date_in_nearest_week(weekday: Weekday, week: i8, today: Date) -> Option<Date> {
    let year = today.iso_week_date().year();
    let today_days = day_number(today);
    [year.checked_sub(1), Some(year), year.checked_add(1)]
        .into_iter()
        .flatten()
        .filter_map(|y| ISOWeekDate::new(y, week, weekday).ok().map(|d| d.date()))
        .min_by_key(|d| (day_number(*d) - today_days).abs())
}

/// Days since 1970-01-01 (proleptic Gregorian), for cheap distances between dates.
fn day_number(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Reads `"Tisdag - Vecka 7"`: the Swedish weekday and the week number.
pub fn parse_menu_title(title: &str) -> Option<(Weekday, i8)> {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let weekday = words
        .iter()
        .find_map(|w| WEEKDAYS.iter().find(|(name, _)| name == w).map(|(_, d)| *d))?;
    let after_vecka = words
        .iter()
        .position(|w| *w == "vecka" || *w == "v")
        .and_then(|i| words.get(i + 1));
    let number = after_vecka.copied().or_else(|| {
        words
            .iter()
            .copied()
            .find(|w| w.bytes().all(|b| b.is_ascii_digit()))
    })?;
    let week: i8 = number.parse().ok()?;
    (1..=53).contains(&week).then_some((weekday, week))
}

fn menu_day(child: &Child, date: Date, title: String, dishes: Vec<String>) -> MenuDay {
    MenuDay {
        id: EntityId::for_child(&child.id, EntityKind::MenuDay, &date.to_string()),
        child_id: child.id.clone(),
        date,
        title,
        dishes,
    }
}

/// Parses `GetMatsedelRSS` (JSON despite the name) into menu days.
///
/// Each `{Title, Description}`: the date is the weekday of the title (`"Tisdag - Vecka 7"`) in
/// the ISO week of that number nearest to `today`; the dishes are the lines of `Description`
/// split at `<br/>` (entities decoded, tags dropped). Items whose title has no weekday and week,
/// or without dishes, are skipped. Sorted by date.
pub fn menu_rss(body: &str, child: &Child, today: Date) -> Result<Vec<MenuDay>> {
    let raw: Vec<RawRssItem> = envelope::list("GetMatsedelRSS", body)?;
    let mut days: Vec<MenuDay> = raw
        .into_iter()
        .filter_map(|item| {
            let title = item.title?;
            let (weekday, week) = parse_menu_title(&title)?;
            let date = date_in_nearest_week(weekday, week, today)?;
            let dishes = text_lines(item.description.as_deref().unwrap_or(""));
            (!dishes.is_empty()).then(|| menu_day(child, date, title.trim().to_owned(), dishes))
        })
        .collect();
    days.sort_by_key(|d| d.date);
    Ok(days)
}

/// Parses `GetMatsedelList` into menu days.
///
/// Picks the entry of `Menus` whose `Week` equals `SelectedWeek` (none → no days) and makes one
/// day per weekday, titled `"Måndag - Vecka {Week}"` … `"Fredag - Vecka {Week}"`, dated in the ISO
/// week of that number nearest to `today`. Dishes are the lines of each day's text; days without
/// any are left out.
pub fn menu_list(body: &str, child: &Child, today: Date) -> Result<Vec<MenuDay>> {
    let raw: RawMenuList = envelope::required("GetMatsedelList", body)?;
    let Some(selected) = raw.selected_week.and_then(|w| w.as_i64()) else {
        return Ok(Vec::new());
    };
    let Some(menu) = raw
        .menus
        .unwrap_or_default()
        .into_iter()
        .find(|m| m.week.as_ref().and_then(Lenient::as_i64) == Some(selected))
    else {
        return Ok(Vec::new());
    };
    let Ok(week) = i8::try_from(selected) else {
        return Ok(Vec::new());
    };
    let texts = [
        ("Måndag", Weekday::Monday, menu.mon),
        ("Tisdag", Weekday::Tuesday, menu.tue),
        ("Onsdag", Weekday::Wednesday, menu.wed),
        ("Torsdag", Weekday::Thursday, menu.thu),
        ("Fredag", Weekday::Friday, menu.fri),
    ];
    Ok(texts
        .into_iter()
        .filter_map(|(name, weekday, text)| {
            let date = date_in_nearest_week(weekday, week, today)?;
            let dishes = text_lines(text.as_deref().unwrap_or(""));
            (!dishes.is_empty())
                .then(|| menu_day(child, date, format!("{name} - Vecka {week}"), dishes))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn titles() {
        assert_eq!(
            parse_menu_title("Tisdag - Vecka 7"),
            Some((Weekday::Tuesday, 7))
        );
        assert_eq!(parse_menu_title("MÅNDAG v.12"), Some((Weekday::Monday, 12)));
        assert_eq!(parse_menu_title("Vecka 7"), None);
        assert_eq!(parse_menu_title("Fredag - Vecka 99"), None);
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(2000, 3, 1)), 11_017);
        assert_eq!(day_number(date(1969, 12, 31)), -1);
        assert_eq!(
            day_number(date(2024, 3, 1)) - day_number(date(2024, 2, 28)),
            2
        );
    }

    #[test]
    fn nearest_week_crosses_years() {
        // Week 1 seen from late December is next year's.
        assert_eq!(
            date_in_nearest_week(Weekday::Monday, 1, date(2026, 12, 20)),
            Some(date(2027, 1, 4))
        );
        // Week 52 seen from early January is last year's.
        assert_eq!(
            date_in_nearest_week(Weekday::Friday, 52, date(2027, 1, 5)),
            Some(date(2026, 12, 25))
        );
        assert_eq!(
            date_in_nearest_week(Weekday::Tuesday, 7, date(2021, 2, 10)),
            Some(date(2021, 2, 16))
        );
    }
}
