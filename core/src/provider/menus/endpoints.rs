//! The `parse --platform skolmaten|matilda --endpoint <name>` entries: a saved answer of a
//! menu service parsed into the model's JSON form (the menu days of a placeholder child, all
//! weeks of the answer).

use super::{matilda, skolmaten};
use crate::error::{Error, Result};
use crate::model::{EntityId, IsoWeek, MenuDay};
use crate::provider::registry::EndpointParser;

/// The parsers of the menu services, for [`crate::provider::registry::parsers`].
pub const PARSERS: &[EndpointParser] = &[
    EndpointParser {
        platform: "skolmaten",
        endpoints: SKOLMATEN_ENDPOINTS,
        parse: parse_skolmaten,
    },
    EndpointParser {
        platform: "matilda",
        endpoints: MATILDA_ENDPOINTS,
        parse: parse_matilda,
    },
];

/// skolmaten.se's endpoint names.
pub const SKOLMATEN_ENDPOINTS: &[&str] = &[skolmaten::STATIONS_ENDPOINT, skolmaten::WEEK_ENDPOINT];

/// Matilda's endpoint names.
pub const MATILDA_ENDPOINTS: &[&str] = &[matilda::SEARCH_ENDPOINT, matilda::WEEK_ENDPOINT];

/// The child the parsed menu days are given (a saved answer names none).
fn placeholder_child() -> EntityId {
    EntityId::from_raw("menu:cli:child:parsed")
}

fn to_json<T: serde::Serialize>(endpoint: &str, value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::parse(endpoint, e))
}

/// Every week of the answer: the weeks of the dates it lists (parsed once per week).
fn all_weeks(
    endpoint: &str,
    body: &str,
    parse: fn(&str, &EntityId, IsoWeek) -> Result<Vec<MenuDay>>,
) -> Result<serde_json::Value> {
    let child = placeholder_child();
    let mut weeks: Vec<IsoWeek> = Vec::new();
    for date in dates_in(body) {
        let w = IsoWeek::containing(date);
        if !weeks.contains(&w) {
            weeks.push(w);
        }
    }
    weeks.sort();
    let mut days = Vec::new();
    if weeks.is_empty() {
        // Still check the shape (an answer without a date is an empty menu or an error).
        parse(body, &child, IsoWeek::containing(crate::time::today()))?;
    }
    for w in weeks {
        days.extend(parse(body, &child, w)?);
    }
    to_json(endpoint, &days)
}

/// Every `YYYY-MM-DD` in `body`.
fn dates_in(body: &str) -> Vec<jiff::civil::Date> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 10 <= bytes.len() {
        if let Some(candidate) = body.get(i..i + 10)
            && candidate.as_bytes().get(4) == Some(&b'-')
            && let Ok(d) = candidate.parse::<jiff::civil::Date>()
        {
            out.push(d);
            i += 10;
            continue;
        }
        i += 1;
    }
    out
}

fn unknown(platform: &str, endpoint: &str, names: &[&str]) -> Error {
    Error::InvalidInput(format!(
        "unknown {platform} endpoint {endpoint:?}; valid: {}",
        names.join(", ")
    ))
}

fn parse_skolmaten(endpoint: &str, body: &str) -> Result<serde_json::Value> {
    match endpoint {
        skolmaten::STATIONS_ENDPOINT => to_json(
            endpoint,
            &skolmaten::parse_stations_matching(body, |_| true)?,
        ),
        skolmaten::WEEK_ENDPOINT => all_weeks(endpoint, body, skolmaten::parse_week),
        _ => Err(unknown("skolmaten", endpoint, SKOLMATEN_ENDPOINTS)),
    }
}

fn parse_matilda(endpoint: &str, body: &str) -> Result<serde_json::Value> {
    match endpoint {
        matilda::SEARCH_ENDPOINT => to_json(endpoint, &matilda::parse_search(body)?),
        matilda::WEEK_ENDPOINT => all_weeks(endpoint, body, matilda::parse_week),
        _ => Err(unknown("matilda", endpoint, MATILDA_ENDPOINTS)),
    }
}
