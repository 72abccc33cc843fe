//! Personal numbers that upstream answers carry but the parsers must never read: the
//! guardians' `SOCIALNUMBER` of Stockholm's class lists and the `Recipient` of its
//! notifications. The recorded samples are filled with a personal number, parsed, and the
//! number must appear in no form in the serialized result.

use skolbryggan::provider::parse_cli::{demo_child, parse_endpoint};
use skolbryggan::provider::stockholm::parse as st;

/// A personal number that is in no fixture (so a hit can only come from the filled fields).
const FILLED: &str = "201304059876";

/// Every form the number could take in an output: 12 digits, 10 digits, with `-` or `+`.
fn forms(digits: &str) -> Vec<String> {
    let (century, rest) = digits.split_at(2);
    let (date, last) = rest.split_at(6);
    vec![
        digits.to_owned(),
        rest.to_owned(),
        format!("{century}{date}-{last}"),
        format!("{date}-{last}"),
        format!("{date}+{last}"),
        // The date part and the last four apart, as a parser might split them.
        format!("{date}{last}"),
    ]
}

fn assert_absent(what: &str, serialized: &str) {
    for form in forms(FILLED) {
        assert!(
            !serialized.contains(&form),
            "{what}: the never-read personal number ({form}) is in the result: {serialized}"
        );
    }
}

fn fixture(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Sets every field named in `keys` (at any depth) to `value`; returns how many it set.
fn fill(json: &mut serde_json::Value, keys: &[&str], value: &serde_json::Value) -> usize {
    match json {
        serde_json::Value::Object(map) => {
            let mut n = 0;
            for (k, v) in map.iter_mut() {
                if keys.contains(&k.as_str()) && !v.is_object() {
                    *v = value.clone();
                    n += 1;
                } else {
                    n += fill(v, keys, value);
                }
            }
            n
        }
        serde_json::Value::Array(items) => items.iter_mut().map(|v| fill(v, keys, value)).sum(),
        _ => 0,
    }
}

#[test]
fn guardians_socialnumber_in_the_class_list_is_never_read() {
    let mut body = fixture("stockholm/GetStudentsByClass.json");
    let filled = fill(&mut body, &["SOCIALNUMBER"], &FILLED.into());
    assert!(filled >= 1, "the sample has no SOCIALNUMBER field");
    let body = body.to_string();
    assert!(body.contains(FILLED));

    let classmates = st::classmates(&body, &demo_child()).unwrap();
    assert!(!classmates.is_empty());
    // The guardians are read (so the test looks at a result that holds them).
    assert!(classmates.iter().any(|c| !c.guardians.is_empty()));
    assert_absent("classmates", &serde_json::to_string(&classmates).unwrap());
    let cli = parse_endpoint("stockholm", "GetStudentsByClass", &body).unwrap();
    assert_absent("parse --endpoint GetStudentsByClass", &cli.to_string());
    // With the dashed form too.
    let mut dashed = fixture("stockholm/GetStudentsByClass.json");
    fill(&mut dashed, &["SOCIALNUMBER"], &"20130405-9876".into());
    let classmates = st::classmates(&dashed.to_string(), &demo_child()).unwrap();
    assert_absent(
        "classmates (dashed)",
        &serde_json::to_string(&classmates).unwrap(),
    );
}

#[test]
fn a_notifications_recipient_is_never_read() {
    let mut body = fixture("constructed/stockholm-getnotifications.json");
    let filled = fill(
        &mut body,
        &["Recipient", "RecipientRecipient"],
        &FILLED.into(),
    );
    assert!(filled >= 2, "the sample has no Recipient field");
    let body = body.to_string();
    assert!(body.contains(FILLED));

    let notifications = st::notifications(&body, &demo_child()).unwrap();
    assert!(!notifications.is_empty());
    assert_absent(
        "notifications",
        &serde_json::to_string(&notifications).unwrap(),
    );
    let cli = parse_endpoint("stockholm", "getnotifications", &body).unwrap();
    assert_absent("parse --endpoint getnotifications", &cli.to_string());
}
