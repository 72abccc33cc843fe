//! Every value of the constructed menu-service fixtures (`core/tests/fixtures/skolmaten/`,
//! `…/matilda/`): search hits, week days, the `parse --platform skolmaten|matilda` entries and
//! the error cases.

use jiff::civil::date;
use skolbryggan::Error;
use skolbryggan::model::{EntityId, IsoWeek};
use skolbryggan::provider::menus::{MenuService, matilda, skolmaten};
use skolbryggan::provider::parse_cli::parse_endpoint;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const WEEK_2_2026: IsoWeek = IsoWeek {
    year: 2026,
    week: 2,
};

fn child() -> EntityId {
    EntityId::from_raw("infomentor:acc:child:8284849")
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn skolmaten_stations_are_filtered_by_name() {
    let body = fixture("skolmaten/stations.json");
    let hits = skolmaten::parse_stations(&body, "skola").unwrap();
    let found: Vec<(&str, &str, Option<&str>)> = hits
        .iter()
        .map(|h| (h.id.as_str(), h.name.as_str(), h.place.as_deref()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("halta-forskola", "Hålta förskola", None),
            ("paskbergsskolan", "Påskbergsskolan", Some("Varberg")),
            (
                "skutehagens-skolan",
                "Skutehagens skolan",
                Some("Lidköping")
            ),
        ]
    );
    assert!(hits.iter().all(|h| h.service == MenuService::Skolmaten));
    let one = skolmaten::parse_stations(&body, "PÅSK skola").unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].place.as_deref(), Some("Varberg"));
    assert!(skolmaten::parse_stations(&body, "").unwrap().is_empty());
}

#[test]
fn skolmaten_week_days_and_dishes() {
    let days =
        skolmaten::parse_week(&fixture("skolmaten/week.json"), &child(), WEEK_2_2026).unwrap();
    let got: Vec<_> = days
        .iter()
        .map(|d| (d.date, d.title.as_str(), d.dishes.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                date(2026, 1, 5),
                "Måndag - Vecka 2",
                owned(&["Kökets val", "Vegetarisk lasagne"])
            ),
            (
                date(2026, 1, 7),
                "Onsdag - Vecka 2",
                owned(&["Fiskgratäng med kokt potatis", "Grönsaksbiffar med potatis"])
            ),
            (
                date(2026, 1, 8),
                "Torsdag - Vecka 2",
                owned(&["Kycklinggryta med ris"])
            ),
            (
                date(2026, 1, 9),
                "Fredag - Vecka 2",
                owned(&["Pannkakor med sylt"])
            ),
        ]
    );
    assert_eq!(
        days[0].id.as_str(),
        "infomentor:acc:menu:8284849/2026-01-05"
    );
    assert!(days.iter().all(|d| d.child_id == child()));
    // Another week of the same answer: nothing (the answer is for week 2).
    assert!(
        skolmaten::parse_week(
            &fixture("skolmaten/week.json"),
            &child(),
            IsoWeek {
                year: 2026,
                week: 3
            }
        )
        .unwrap()
        .is_empty()
    );
    assert!(
        skolmaten::parse_week(&fixture("skolmaten/week-empty.json"), &child(), WEEK_2_2026)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn matilda_search_and_week_page() {
    let hits = matilda::parse_search(&fixture("matilda/search.json")).unwrap();
    let found: Vec<(&str, &str, Option<&str>)> = hits
        .iter()
        .map(|h| (h.id.as_str(), h.name.as_str(), h.place.as_deref()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("6682a34d6337e8ced9340214", "Dalajärs förskola", None),
            (
                "63fc8f84ccb95f5ce570a0d4_parkskolan-restaurang",
                "Parkskolan restaurang",
                Some("Älvkarleby kommun")
            ),
            (
                "63fc6e2dccb95f5ce56d8ada_skolor",
                "Skolor",
                Some("Älvkarleby kommun")
            ),
        ]
    );

    let days = matilda::parse_week(&fixture("matilda/week.html"), &child(), WEEK_2_2026).unwrap();
    let got: Vec<_> = days
        .iter()
        .map(|d| (d.date, d.title.as_str(), d.dishes.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                date(2026, 1, 5),
                "Måndag - Vecka 2",
                owned(&[
                    "Kassler, (potatissallad), (grönsallad)",
                    "Fiskgratäng, (potatis), grönsaker"
                ])
            ),
            (
                date(2026, 1, 6),
                "Tisdag - Vecka 2",
                owned(&["Trettondedag jul"])
            ),
            (
                date(2026, 1, 7),
                "Onsdag - Vecka 2",
                owned(&[
                    "Köttbullar med potatismos & lingon",
                    "Grönsaker, bröd och dryck"
                ])
            ),
        ],
        "the course of 12 January (week 3) is left out"
    );
}

#[test]
fn parse_cli_entries_and_errors() {
    let v = parse_endpoint("skolmaten", "menu", &fixture("skolmaten/week.json")).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4);
    assert_eq!(v[0]["date"], "2026-01-05");
    assert_eq!(v[0]["dishes"][1], "Vegetarisk lasagne");
    let v = parse_endpoint("skolmaten", "stations", &fixture("skolmaten/stations.json")).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3, "the blank name is dropped");
    let v = parse_endpoint("matilda", "week", &fixture("matilda/week.html")).unwrap();
    let dates: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-12"],
        "every week of the page"
    );
    let v = parse_endpoint("matilda", "search", &fixture("matilda/search.json")).unwrap();
    assert_eq!(v[2]["id"], "63fc6e2dccb95f5ce56d8ada_skolor");

    let err = parse_endpoint("skolmaten", "rss", "{}").unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.ends_with("valid: stations, menu")),
        "{err:?}"
    );
    assert!(matches!(
        parse_endpoint("matilda", "week", &fixture("skolmaten/week.json")),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(
        parse_endpoint("skolmaten", "menu", &fixture("matilda/week.html")),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(
        parse_endpoint(
            "skolmaten",
            "menu",
            r#"{"WeekState":{"Days":[{"date":"Monday","Meals":[]}]}}"#
        ),
        Err(Error::Parse { .. })
    ));
}
