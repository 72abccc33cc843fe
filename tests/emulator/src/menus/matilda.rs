//! Matilda Menu: `/meals/week/<id>_<slug>?startDate=&endDate=` (a Next.js page with the
//! week's meals in `__NEXT_DATA__`) and `/api/v1/distributors/search?query=` (JSON; the
//! search's path and shape are *guessed*, see `docs/upstream/menus.md`).

use jiff::civil::Date;
use serde_json::json;

use super::catalogue::{MATILDA_DISTRIBUTORS, matches};
use super::dishes_for;
use crate::http::{Req, Resp};

fn not_found() -> Resp {
    Resp::html(
        404,
        "<!DOCTYPE html><html><head><title>404: This page could not be found</title></head>\
         <body><h1>404</h1><h2>This page could not be found.</h2></body></html>"
            .to_owned(),
    )
}

/// Routes a request to menu.matildaplatform.com.
pub(crate) fn handle(req: &Req, today: Date) -> Resp {
    if req.method != axum::http::Method::GET {
        return Resp::json_status(405, &json!({ "message": "Method Not Allowed" }));
    }
    if req.path == "/api/v1/distributors/search" {
        return search(req);
    }
    if let Some(id) = req.path.strip_prefix("/meals/week/") {
        return week(req, id, today);
    }
    not_found()
}

fn search(req: &Req) -> Resp {
    let Some(query) = req.q("query").filter(|q| !q.trim().is_empty()) else {
        return Resp::json_status(400, &json!({ "message": "query is required" }));
    };
    let hits: Vec<serde_json::Value> = MATILDA_DISTRIBUTORS
        .iter()
        .filter(|(_, name, _, customer)| {
            matches(name, query) || matches(&format!("{name} {customer}"), query)
        })
        .map(|(id, name, slug, customer)| {
            json!({ "id": id, "name": name, "slug": slug, "customerName": customer })
        })
        .collect();
    Resp::json(&serde_json::Value::Array(hits))
}

fn week(req: &Req, page_id: &str, today: Date) -> Resp {
    let Some(&(id, name, slug, _)) = MATILDA_DISTRIBUTORS
        .iter()
        .find(|(id, _, slug, _)| format!("{id}_{slug}") == page_id)
    else {
        return not_found();
    };
    let monday_of = |d: Date| {
        let offset = i64::from(d.weekday().to_monday_zero_offset());
        d.checked_sub(jiff::Span::new().days(offset)).unwrap_or(d)
    };
    let start = match req.q("startDate") {
        Some(s) => match s.parse::<Date>() {
            Ok(d) => d,
            Err(_) => return not_found(),
        },
        None => monday_of(today),
    };
    let end = match req.q("endDate") {
        Some(s) => match s.parse::<Date>() {
            Ok(d) => d,
            Err(_) => return not_found(),
        },
        None => start.checked_add(jiff::ToSpan::days(6)).unwrap_or(start),
    };
    let mut meals = Vec::new();
    let page_key = format!("{id}_{slug}");
    for date in start
        .series(jiff::ToSpan::days(1))
        .take_while(|d| *d <= end)
        .take(31)
    {
        for (order, dish) in dishes_for(&page_key, date).into_iter().enumerate() {
            meals.push(json!({
                "name": if order == 0 { "Lunch" } else { "Vegetariskt" },
                "date": format!("{date}T00:00:00"),
                "dateDescription": null,
                "holidayName": null,
                "order": order + 1,
                "distributor": { "id": id, "name": name },
                "courses": [{
                    "id": format!("{date}-{order}"),
                    "name": dish,
                    "optionName": "",
                    "order": order + 1,
                    "ingredients": [],
                    "knownAllergens": [],
                    "tags": [],
                }],
            }));
        }
    }
    let next_start = end.checked_add(jiff::ToSpan::days(1)).unwrap_or(end);
    let next_end = next_start
        .checked_add(jiff::ToSpan::days(6))
        .unwrap_or(next_start);
    let data = json!({
        "props": { "pageProps": {
            "meals": meals,
            "distributor": { "id": id, "name": name },
            "nextURL": format!("/meals/week/{page_key}?startDate={next_start}&endDate={next_end}"),
        }},
        "page": "/meals/week/[id]",
        "query": { "id": page_key },
        "buildId": "emulator",
    });
    // Next.js escapes `<` in the embedded JSON so the script cannot end early.
    let json_text = data.to_string().replace('<', "\\u003c");
    Resp::html(
        200,
        format!(
            "<!DOCTYPE html><html lang=\"sv\"><head><meta charSet=\"utf-8\"/><title>{name} - Matsedel</title></head>\
             <body><div id=\"__next\"></div><script id=\"__NEXT_DATA__\" type=\"application/json\">{json_text}</script></body></html>"
        ),
    )
}
