//! skolmaten.se: its v4 JSON API (no login; a fixed web client token in a header).
//!
//! * Search: `GET /api/4/stations/index/` lists every school ("station"); the core filters it
//!   by name (the service has no name search of its own that we know of).
//! * Week: `GET /api/4/menu/school/<url name>?year=<Y>&week=<W>` → `WeekState.Days[].Meals[]`.
//!
//! See `docs/upstream/menus.md` for the shapes and what is guessed.

use serde::Deserialize;

use super::day::{leading_date, name_matches, push_dish, week_days};
use super::{MenuSchool, MenuService};
use crate::error::{Error, Result};
use crate::model::{EntityId, IsoWeek, MenuDay};

/// The host.
pub const HOST: &str = "skolmaten.se";

/// The token skolmaten.se's own web client sends in `client-token`.
pub const CLIENT_TOKEN: &str = "web-eaa12e50-c84c-4b4a-9cfe-4e3fcbcd9165";

/// The endpoint name of the school list.
pub const STATIONS_ENDPOINT: &str = "stations";
/// The endpoint name of a school's week.
pub const WEEK_ENDPOINT: &str = "menu";

/// The list of every school.
pub fn stations_url() -> String {
    format!("https://{HOST}/api/4/stations/index/")
}

/// A school's menu for `week` (`school` already checked to be URL-safe).
pub fn week_url(school: &str, week: IsoWeek) -> String {
    format!(
        "https://{HOST}/api/4/menu/school/{school}?year={}&week={}",
        week.year, week.week
    )
}

#[derive(Deserialize)]
struct Stations {
    #[serde(default)]
    stations: Vec<Station>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Station {
    name: Option<String>,
    url_name: Option<String>,
    district: Option<District>,
}

#[derive(Deserialize)]
struct District {
    name: Option<String>,
}

/// The schools of the station list whose name matches every word of `query`, by name.
pub fn parse_stations(body: &str, query: &str) -> Result<Vec<MenuSchool>> {
    parse_stations_matching(body, |name| name_matches(name, query))
}

/// The schools of the station list whose name `keep` accepts, by name.
pub fn parse_stations_matching(body: &str, keep: impl Fn(&str) -> bool) -> Result<Vec<MenuSchool>> {
    let list: Stations =
        serde_json::from_str(body).map_err(|e| Error::parse(STATIONS_ENDPOINT, e))?;
    let mut schools: Vec<MenuSchool> = list
        .stations
        .into_iter()
        .filter_map(|s| {
            let name = s.name?.trim().to_owned();
            let id = s.url_name?.trim().to_owned();
            if name.is_empty() || id.is_empty() || !keep(&name) {
                return None;
            }
            Some(MenuSchool {
                service: MenuService::Skolmaten,
                id,
                name,
                place: s
                    .district
                    .and_then(|d| d.name)
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty()),
            })
        })
        .collect();
    schools.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(schools)
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Week {
    /// `null` for a week without a menu (a holiday week).
    week_state: Option<WeekState>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WeekState {
    #[serde(default)]
    days: Vec<Day>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Day {
    #[serde(rename = "date")]
    date: String,
    #[serde(default)]
    meals: Vec<Meal>,
}

#[derive(Deserialize)]
struct Meal {
    name: Option<String>,
}

/// The days of `week` of a week answer, for `child`. A week without a menu (`WeekState`
/// `null` or no days) is an empty list.
pub fn parse_week(body: &str, child: &EntityId, week: IsoWeek) -> Result<Vec<MenuDay>> {
    let parsed: Week = serde_json::from_str(body).map_err(|e| Error::parse(WEEK_ENDPOINT, e))?;
    let mut days = Vec::new();
    for day in parsed.week_state.map(|w| w.days).unwrap_or_default() {
        let date = leading_date(WEEK_ENDPOINT, &day.date)?;
        for meal in day.meals {
            if let Some(name) = meal.name {
                push_dish(&mut days, date, name);
            }
        }
    }
    Ok(week_days(child, week, days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_week_and_keeps_only_that_week() {
        let body = r#"{"WeekState":{"Days":[
            {"date":"2026-01-05T00:00:00.000Z","Meals":[{"name":"Fisk","MealAttributes":[]},{"name":"Tofu"}]},
            {"date":"2026-01-06T00:00:00.000Z","Meals":[]},
            {"date":"2026-01-12T00:00:00.000Z","Meals":[{"name":"Soppa"}]}]}}"#;
        let child = EntityId::from_raw("infomentor:acc:child:1");
        let days = parse_week(
            body,
            &child,
            IsoWeek {
                year: 2026,
                week: 2,
            },
        )
        .unwrap();
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].dishes, vec!["Fisk", "Tofu"]);
        assert_eq!(days[0].id.as_str(), "infomentor:acc:menu:1/2026-01-05");
        assert!(
            parse_week(
                r#"{"WeekState":null}"#,
                &child,
                IsoWeek {
                    year: 2026,
                    week: 2
                }
            )
            .unwrap()
            .is_empty()
        );
        assert!(matches!(
            parse_week(
                "<html>",
                &child,
                IsoWeek {
                    year: 2026,
                    week: 2
                }
            ),
            Err(Error::Parse { .. })
        ));
    }

    #[test]
    fn filters_stations_by_name() {
        let body = r#"{"stations":[
            {"id":1,"name":"Skutehagens skolan","urlName":"skutehagens-skolan","district":{"name":"Lidköping"}},
            {"id":2,"name":"Påskbergsskolan","urlName":"paskbergsskolan"},
            {"id":3,"name":null,"urlName":"x"}]}"#;
        let hits = parse_stations(body, "skute").unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, "skutehagens-skolan");
        assert_eq!(hits[0].place.as_deref(), Some("Lidköping"));
        assert_eq!(parse_stations(body, "skolan").unwrap().len(), 2);
    }
}
