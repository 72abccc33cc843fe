//! The JSON form of the model: round trips and stable field names.

use jiff::civil::date;
use skolbryggan::model::*;
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::week::WeekOverview;

#[test]
fn whole_family_round_trips_through_json() {
    let family = DemoFamily::generate(&DemoConfig::for_date(date(2026, 11, 25))).snapshot;
    let json = serde_json::to_string(&family).unwrap();
    let back: FamilySnapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(back, family);
    let week = WeekOverview::build(&family, date(2026, 11, 25));
    let back: WeekOverview = serde_json::from_str(&serde_json::to_string(&week).unwrap()).unwrap();
    assert_eq!(back, week);
}

#[test]
fn json_shape_is_stable() {
    let family = DemoFamily::generate(&DemoConfig::for_date(date(2026, 11, 25))).snapshot;
    let v = serde_json::to_value(&family).unwrap();
    assert_eq!(v["schemaVersion"], 1);
    let child = &v["children"][0];
    assert!(
        child["id"]
            .as_str()
            .unwrap()
            .starts_with("stockholm:demo:child:")
    );
    assert_eq!(child["platform"], "stockholm");
    assert_eq!(child["schoolForms"][0], "forskola");
    let lesson = &v["lessons"][0];
    let start = lesson["start"].as_str().unwrap();
    assert!(start.ends_with("[Europe/Stockholm]"), "{start}");
    let event = v["calendar"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["timing"]["kind"] == "all_day")
        .unwrap();
    assert!(event["timing"]["start"].as_str().unwrap().len() == 10);
    let user = &v["users"][0];
    assert_eq!(user["personalNumber"], "191212121212");
    // Debug output never shows the personal number.
    let debug = format!("{:?}", family.users[0]);
    assert!(!debug.contains("191212121212") && debug.contains("19121212-****"));
}

#[test]
fn bad_stored_values_are_errors_not_panics() {
    assert!(serde_json::from_str::<PersonalNumber>("\"12ab\"").is_err());
    assert!(serde_json::from_str::<Child>("{\"id\":1}").is_err());
    assert!(
        serde_json::from_str::<EventTiming>(
            "{\"kind\":\"timed\",\"start\":\"nope\",\"end\":\"x\"}"
        )
        .is_err()
    );
}
