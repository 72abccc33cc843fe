//! skolmaten.se's v4 API: `/api/4/stations/index/` (every school) and
//! `/api/4/menu/school/<url name>?year=&week=` (a school's week). Both refuse a request
//! without the web client's `client-token` header (403, as the API does for an unknown
//! client — *inferred*).

use jiff::civil::{ISOWeekDate, Weekday};
use serde_json::json;

use super::catalogue::SKOLMATEN_STATIONS;
use super::dishes_for;
use crate::http::{Req, Resp};

/// The token the web client sends.
const CLIENT_TOKEN: &str = "web-eaa12e50-c84c-4b4a-9cfe-4e3fcbcd9165";

fn error(status: u16, message: &str) -> Resp {
    Resp::json_status(status, &json!({ "status": status, "message": message }))
}

/// Routes a request to skolmaten.se.
pub(crate) fn handle(req: &Req) -> Resp {
    if req.method != axum::http::Method::GET {
        return error(405, "Method Not Allowed");
    }
    if req.path == "/api/4/stations/index/" || req.path == "/api/4/stations/index" {
        return with_token(req, stations);
    }
    if let Some(school) = req.path.strip_prefix("/api/4/menu/school/") {
        return with_token(req, |r| week(r, school));
    }
    error(404, "Not Found")
}

fn with_token(req: &Req, f: impl FnOnce(&Req) -> Resp) -> Resp {
    match req.header("client-token") {
        Some(t) if t == CLIENT_TOKEN => f(req),
        _ => error(403, "Invalid client token"),
    }
}

fn stations(_req: &Req) -> Resp {
    let stations: Vec<serde_json::Value> = SKOLMATEN_STATIONS
        .iter()
        .map(|(id, name, url_name, district)| {
            json!({
                "id": id,
                "name": name,
                "urlName": url_name,
                "district": { "name": district },
            })
        })
        .collect();
    Resp::json(&json!({ "stations": stations }))
}

fn week(req: &Req, school: &str) -> Resp {
    if !SKOLMATEN_STATIONS.iter().any(|(_, _, u, _)| *u == school) {
        return error(404, "School not found");
    }
    let year = req.q("year").and_then(|y| y.parse::<i16>().ok());
    let week = req.q("week").and_then(|w| w.parse::<i8>().ok());
    let (Some(year), Some(week)) = (year, week) else {
        return error(400, "year and week are required");
    };
    let Ok(monday) = ISOWeekDate::new(year, week, Weekday::Monday) else {
        return error(400, "no such week");
    };
    let monday = monday.date();
    let days: Vec<serde_json::Value> = monday
        .series(jiff::ToSpan::days(1))
        .take(5)
        .map(|date| {
            let meals: Vec<serde_json::Value> = dishes_for(school, date)
                .into_iter()
                .map(|name| json!({ "name": name, "MealAttributes": [] }))
                .collect();
            json!({ "date": format!("{date}T00:00:00.000Z"), "Meals": meals })
        })
        .collect();
    Resp::json(&json!({
        "WeekState": { "Year": year, "WeekOfYear": week, "Days": days }
    }))
}
