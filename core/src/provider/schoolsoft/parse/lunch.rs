//! Lunch menus: web REST `GET {S}rest-api/lunchmenu/week/<w>` (`[{ dayId, dishes: [{ dishType,
//! dish }] }]`, the vegetarian alternative glued into `dish` after a line "Vegetarisk(t)") and
//! Eva `GET {S}eva/api/v1/schools/<org>/lunchmenu/<w>` (`[{ week, dayId, dishes: [{ mealType,
//! description }] }]`). Both number Monday 1 … Friday 5.

use jiff::ToSpan;
use serde::{Deserialize, Serialize};

use super::util::de_text;
use crate::error::Result;
use crate::model::{Child, EntityId, EntityKind, IsoWeek, MenuDay};
use crate::provider::upstream_json::decode;

/// One dish with its kind ("Dagens lunch", "Vegetarisk").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dish {
    /// The meal type as the school wrote it.
    pub kind: String,
    /// The dish.
    pub text: String,
}

/// One day of a menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LunchDay {
    /// 1 = Monday … 5 = Friday.
    pub day_id: u8,
    /// The dishes, main first.
    pub dishes: Vec<Dish>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRestDay {
    #[serde(default)]
    day_id: Option<u8>,
    #[serde(default)]
    dishes: Option<Vec<RawRestDish>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRestDish {
    #[serde(default, deserialize_with = "de_text")]
    dish_type: Option<String>,
    #[serde(default)]
    dish: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEvaDay {
    #[serde(default)]
    day_id: Option<u8>,
    #[serde(default)]
    dishes: Option<Vec<RawEvaDish>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEvaDish {
    #[serde(default, deserialize_with = "de_text")]
    meal_type: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    description: Option<String>,
}

/// Parses the web REST week menu.
pub fn parse_rest_lunch(body: &str) -> Result<Vec<LunchDay>> {
    let raw: Vec<RawRestDay> = decode("lunchmenu/week", body)?;
    Ok(raw
        .into_iter()
        .filter_map(|d| {
            let day_id = d.day_id?;
            let dishes = d
                .dishes
                .unwrap_or_default()
                .into_iter()
                .flat_map(|dish| split_dish(dish.dish_type.as_deref(), dish.dish.as_deref()))
                .collect();
            Some(LunchDay { day_id, dishes })
        })
        .collect())
}

/// Splits a web REST `dish` into the main course and the vegetarian alternative.
fn split_dish(kind: Option<&str>, text: Option<&str>) -> Vec<Dish> {
    let text = text.unwrap_or("").replace("\r\n", "\n");
    let mut out: Vec<Dish> = Vec::new();
    let mut current_kind = kind.unwrap_or("Lunch").to_owned();
    let mut current: Vec<&str> = Vec::new();
    let flush = |kind: &str, lines: &mut Vec<&str>, out: &mut Vec<Dish>| {
        let text = lines.join(" ").trim().to_owned();
        if !text.is_empty() {
            out.push(Dish {
                kind: kind.to_owned(),
                text,
            });
        }
        lines.clear();
    };
    for line in text.lines().map(str::trim) {
        if line.eq_ignore_ascii_case("vegetarisk") || line.eq_ignore_ascii_case("vegetariskt") {
            flush(&current_kind, &mut current, &mut out);
            current_kind = "Vegetarisk".to_owned();
        } else if !line.is_empty() {
            current.push(line);
        }
    }
    flush(&current_kind, &mut current, &mut out);
    out
}

/// Parses the Eva week menu.
pub fn parse_eva_lunch(body: &str) -> Result<Vec<LunchDay>> {
    let raw: Vec<RawEvaDay> = decode("lunchmenu", body)?;
    Ok(raw
        .into_iter()
        .filter_map(|d| {
            let day_id = d.day_id?;
            let dishes = d
                .dishes
                .unwrap_or_default()
                .into_iter()
                .filter_map(|dish| {
                    Some(Dish {
                        text: dish.description?,
                        kind: dish.meal_type.unwrap_or_else(|| "Lunch".to_owned()),
                    })
                })
                .collect();
            Some(LunchDay { day_id, dishes })
        })
        .collect())
}

const WEEKDAYS: [&str; 7] = [
    "Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag", "Söndag",
];

/// The menu days of `week` (days without dishes are left out); each dish is "kind · dish".
pub fn menu_days(days: &[LunchDay], week: IsoWeek, child: &Child) -> Vec<MenuDay> {
    let Some(monday) = week.monday() else {
        return Vec::new();
    };
    days.iter()
        .filter(|d| !d.dishes.is_empty() && (1..=7).contains(&d.day_id))
        .filter_map(|d| {
            let offset = i64::from(d.day_id) - 1;
            let date = monday.checked_add(offset.days()).ok()?;
            let title = WEEKDAYS.get(usize::from(d.day_id) - 1)?.to_string();
            Some(MenuDay {
                id: EntityId::for_child(&child.id, EntityKind::MenuDay, &date.to_string()),
                child_id: child.id.clone(),
                date,
                title,
                dishes: d
                    .dishes
                    .iter()
                    .map(|dish| format!("{} · {}", dish.kind, dish.text))
                    .collect(),
            })
        })
        .collect()
}
