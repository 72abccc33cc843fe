//! Matilda Menu (`menu.matildaplatform.com`): a Next.js site; no login.
//!
//! * Week: `GET /meals/week/<distributor id>_<slug>?startDate=<Mon>&endDate=<Sun>` → an HTML
//!   page whose `<script id="__NEXT_DATA__">` holds `props.pageProps.meals[]`, each meal with
//!   its `date` and `courses[]`.
//! * Search: `GET /api/v1/distributors/search?query=<text>` → a JSON list of distributors
//!   (*guessed*: see `docs/upstream/menus.md`).

use serde::Deserialize;

use super::day::{leading_date, push_dish, week_days};
use super::{MenuSchool, MenuService};
use crate::error::{Error, Result};
use crate::model::{EntityId, IsoWeek, MenuDay};

/// The host.
pub const HOST: &str = "menu.matildaplatform.com";

/// The endpoint name of the search.
pub const SEARCH_ENDPOINT: &str = "search";
/// The endpoint name of a week page.
pub const WEEK_ENDPOINT: &str = "week";

/// The search for `query`.
pub fn search_url(query: &str) -> Result<url::Url> {
    let mut url = url::Url::parse(&format!("https://{HOST}/api/v1/distributors/search"))
        .map_err(|e| Error::InvalidInput(e.to_string()))?;
    url.query_pairs_mut().append_pair("query", query);
    Ok(url)
}

/// A distributor's week page (`school` already checked to be URL-safe); `None` for a week
/// that does not exist.
pub fn week_url(school: &str, week: IsoWeek) -> Option<String> {
    let days = week.days();
    let (first, last) = (days.first()?, days.last()?);
    Some(format!(
        "https://{HOST}/meals/week/{school}?startDate={first}&endDate={last}"
    ))
}

#[derive(Deserialize)]
struct Distributor {
    id: Option<String>,
    name: Option<String>,
    slug: Option<String>,
    #[serde(rename = "customerName")]
    customer_name: Option<String>,
}

/// The distributors of a search answer, by name; the id is `<id>_<slug>` (the week page's).
pub fn parse_search(body: &str) -> Result<Vec<MenuSchool>> {
    let list: Vec<Distributor> =
        serde_json::from_str(body).map_err(|e| Error::parse(SEARCH_ENDPOINT, e))?;
    let mut schools: Vec<MenuSchool> = list
        .into_iter()
        .filter_map(|d| {
            let id = d.id?.trim().to_owned();
            let name = d.name?.trim().to_owned();
            if id.is_empty() || name.is_empty() {
                return None;
            }
            let id = match d
                .slug
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
            {
                Some(slug) => format!("{id}_{slug}"),
                None => id,
            };
            Some(MenuSchool {
                service: MenuService::Matilda,
                id,
                name,
                place: d
                    .customer_name
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty()),
            })
        })
        .collect();
    schools.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(schools)
}

#[derive(Deserialize)]
struct NextData {
    props: Props,
}

#[derive(Deserialize)]
struct Props {
    #[serde(rename = "pageProps")]
    page_props: PageProps,
}

#[derive(Deserialize)]
struct PageProps {
    #[serde(default)]
    meals: Vec<Meal>,
}

#[derive(Deserialize)]
struct Meal {
    date: String,
    #[serde(default)]
    courses: Vec<Course>,
}

#[derive(Deserialize)]
struct Course {
    name: Option<String>,
}

/// The JSON inside `<script id="__NEXT_DATA__" …>…</script>`. Next.js writes it with `<`
/// escaped, so the first `</script>` after it ends it.
fn next_data(html: &str) -> Result<&str> {
    let missing = || Error::parse(WEEK_ENDPOINT, "no __NEXT_DATA__ script in the page");
    let at = html.find("id=\"__NEXT_DATA__\"").ok_or_else(missing)?;
    let rest = html.get(at..).ok_or_else(missing)?;
    let open = rest.find('>').ok_or_else(missing)?;
    let body = rest.get(open + 1..).ok_or_else(missing)?;
    let close = body.find("</script>").ok_or_else(missing)?;
    body.get(..close).ok_or_else(missing)
}

/// The days of `week` of a week page, for `child`: each day's course names in the page's
/// order (every meal of the day: lunch, alternatives).
pub fn parse_week(html: &str, child: &EntityId, week: IsoWeek) -> Result<Vec<MenuDay>> {
    let data: NextData =
        serde_json::from_str(next_data(html)?).map_err(|e| Error::parse(WEEK_ENDPOINT, e))?;
    let mut days = Vec::new();
    for meal in data.props.page_props.meals {
        let date = leading_date(WEEK_ENDPOINT, &meal.date)?;
        for course in meal.courses {
            if let Some(name) = course.name {
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
    fn parses_the_next_data_of_a_week_page() {
        let html = r#"<html><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"meals":[
            {"name":"Lunch","date":"2026-01-05T00:00:00","courses":[{"name":"Kassler","optionName":""}]},
            {"name":"Fiskalternativ","date":"2026-01-05T00:00:00","courses":[{"name":"Fiskgratäng"}]},
            {"name":null,"date":"2026-01-06T00:00:00","courses":[{"name":"Soppa \u003cvarm\u003e"}]}],
            "nextURL":"/meals/week/x?startDate=2026-01-12"}}}</script></body></html>"#;
        let child = EntityId::from_raw("infomentor:acc:child:1");
        let days = parse_week(
            html,
            &child,
            IsoWeek {
                year: 2026,
                week: 2,
            },
        )
        .unwrap();
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].dishes, vec!["Kassler", "Fiskgratäng"]);
        assert_eq!(days[1].dishes, vec!["Soppa <varm>"]);
        assert!(matches!(
            parse_week(
                "<html></html>",
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
    fn search_ids_join_id_and_slug() {
        let hits = parse_search(
            r#"[{"id":"63fc6e2dccb95f5ce56d8ada","name":"Skolor","slug":"skolor","customerName":"Älvkarleby kommun"},{"id":null,"name":"x"}]"#,
        )
        .unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, "63fc6e2dccb95f5ce56d8ada_skolor");
        assert_eq!(
            week_url(
                "a_b",
                IsoWeek {
                    year: 2026,
                    week: 2
                }
            )
            .unwrap(),
            "https://menu.matildaplatform.com/meals/week/a_b?startDate=2026-01-05&endDate=2026-01-11"
        );
    }
}
