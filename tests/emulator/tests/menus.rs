//! The public lunch-menu services: skolmaten.se's v4 API (the client token is required, an
//! unknown school is a 404, the week's days and dishes) and Matilda Menu (the search, the week
//! page's `__NEXT_DATA__`, a 404 page), with the fault knobs applying to them like elsewhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use jiff::civil::date;
use serde_json::Value;
use skolbryggan_emulator::menus::dishes_for;
use skolbryggan_emulator::{Emulator, EmulatorConfig, Fault, FaultEffect, FaultRule};

const TOKEN: &str = "web-eaa12e50-c84c-4b4a-9cfe-4e3fcbcd9165";

#[tokio::test]
async fn skolmaten_needs_the_client_token_and_serves_stations_and_weeks() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    let stations = "https://skolmaten.se/api/4/stations/index/";
    let r = c.get(stations).send().await.unwrap();
    assert_eq!(r.status(), 403, "no client token");

    let v: Value = c
        .get(stations)
        .header("client-token", TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = v["stations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["urlName"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["skutehagens-skolan", "paskbergsskolan", "halta-forskola"]
    );

    let week = |school: &str, q: &str| {
        c.get(format!(
            "https://skolmaten.se/api/4/menu/school/{school}{q}"
        ))
        .header("client-token", TOKEN)
        .send()
    };
    let v: Value = week("skutehagens-skolan", "?year=2026&week=2")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let days = v["WeekState"]["Days"].as_array().unwrap();
    assert_eq!(days.len(), 5);
    assert_eq!(days[0]["date"], "2026-01-05T00:00:00.000Z");
    let monday: Vec<&str> = days[0]["Meals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(monday, dishes_for("skutehagens-skolan", date(2026, 1, 5)));
    assert_eq!(
        week("no-such-school", "?year=2026&week=2")
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(week("skutehagens-skolan", "").await.unwrap().status(), 400);
    assert_eq!(
        week("skutehagens-skolan", "?year=2026&week=54")
            .await
            .unwrap()
            .status(),
        400
    );
}

#[tokio::test]
async fn matilda_search_week_page_and_faults() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    let v: Value = c
        .get("https://menu.matildaplatform.com/api/v1/distributors/search?query=park")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v[0]["id"], "63fc8f84ccb95f5ce570a0d4");
    assert_eq!(v[0]["slug"], "parkskolan-restaurang");
    assert_eq!(v.as_array().unwrap().len(), 1);
    let r = c
        .get("https://menu.matildaplatform.com/api/v1/distributors/search")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    let page = "https://menu.matildaplatform.com/meals/week/63fc6e2dccb95f5ce56d8ada_skolor?startDate=2026-01-05&endDate=2026-01-11";
    let html = c.get(page).send().await.unwrap().text().await.unwrap();
    let start = html.find("id=\"__NEXT_DATA__\"").unwrap();
    let json_start = start + html[start..].find('>').unwrap() + 1;
    let json_end = json_start + html[json_start..].find("</script>").unwrap();
    let data: Value = serde_json::from_str(&html[json_start..json_end]).unwrap();
    let meals = data["props"]["pageProps"]["meals"].as_array().unwrap();
    assert_eq!(meals.len(), 10, "two meals a weekday");
    assert_eq!(meals[0]["date"], "2026-01-05T00:00:00");
    assert_eq!(
        meals[0]["courses"][0]["name"].as_str().unwrap(),
        dishes_for("63fc6e2dccb95f5ce56d8ada_skolor", date(2026, 1, 5))[0]
    );
    assert_eq!(
        data["props"]["pageProps"]["nextURL"],
        "/meals/week/63fc6e2dccb95f5ce56d8ada_skolor?startDate=2026-01-12&endDate=2026-01-18"
    );
    let r = c
        .get("https://menu.matildaplatform.com/meals/week/000_nothing")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    // The fault knobs apply to the menu hosts as to every other.
    emu.add_fault(FaultRule {
        endpoint: "*".to_owned(),
        host: Some("menu.matildaplatform.com".to_owned()),
        fault: Fault::status(503, Some(7)),
        times: Some(1),
    });
    let r = c.get(page).send().await.unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "7");
    emu.add_fault(FaultRule::next(
        "search",
        1,
        Fault::effect(FaultEffect::HtmlInsteadOfJson),
    ));
    let r = c
        .get("https://menu.matildaplatform.com/api/v1/distributors/search?query=skol")
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(c.get(page).send().await.unwrap().status(), 200);
    assert_eq!(emu.request_log().by_host["menu.matildaplatform.com"], 7);
}
