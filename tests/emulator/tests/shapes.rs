//! The emulator's answers have the exact shape of the recorded upstream samples: the same keys
//! (upstream casing) at every level and the same JSON types where both sides have a value.
//! Samples: the core's fixtures (copied from the shared upstream notes) and, for the QR start, the
//! InfoMentor sample of the same login server family.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::Value;
use skolbryggan_emulator::{Emulator, EmulatorConfig};

const ALVA: &str = "42c3997e-d772-423f-9290-6feeb3cb2da7";
const ALVA_SDS: &str = "786e3393-f044-4660-9105-b444deb289aa";

fn fixture(path: &str) -> Value {
    let full = format!(
        "{}/../../core/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&full).unwrap_or_else(|_| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    });
    serde_json::from_str(&text).unwrap()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn same_shape(sample: &Value, mine: &Value, path: &str, diffs: &mut Vec<String>) {
    match (sample, mine) {
        (Value::Null, _) | (_, Value::Null) => {}
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys() {
                if !b.contains_key(key) {
                    diffs.push(format!("{path}.{key}: missing"));
                }
            }
            for key in b.keys() {
                if !a.contains_key(key) {
                    diffs.push(format!("{path}.{key}: not in the sample"));
                }
            }
            for (key, value) in a {
                if let Some(other) = b.get(key) {
                    same_shape(value, other, &format!("{path}.{key}"), diffs);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if let (Some(x), Some(y)) = (a.first(), b.first()) {
                same_shape(x, y, &format!("{path}[0]"), diffs);
            }
        }
        (a, b) if kind(a) != kind(b) => {
            diffs.push(format!(
                "{path}: {} in the sample, {} here",
                kind(a),
                kind(b)
            ));
        }
        _ => {}
    }
}

#[tokio::test]
async fn answers_have_the_sample_shapes() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    let mut diffs = Vec::new();
    let mut check = |name: &str, sample: Value, mine: Value| {
        same_shape(&sample, &mine, name, &mut diffs);
    };

    check(
        "bankid-auth-ticket",
        fixture("stockholm/bankid-auth-ticket.json"),
        json(&c, &bankid_url("&initialize=bankid")).await,
    );
    check(
        "initialize=qr",
        fixture("infomentor-bankid-initialize-qr.json"),
        json(&c, &bankid_url("&initialize=qr")).await,
    );
    let x = login(&c).await;
    check(
        "getuserdata",
        fixture("stockholm/getuserdata.json"),
        json(
            &c,
            "https://etjanster.stockholm.se/vardnadshavare/base/getuserdata",
        )
        .await,
    );
    select(&c, &x, ALVA).await;
    let json_of = |r: reqwest::Response| async move { r.json::<Value>().await.unwrap() };
    for (name, sample, path) in [
        (
            "GetChildren",
            "stockholm/GetChildren.json",
            "GetChildren".to_owned(),
        ),
        (
            "GetNewsArchive",
            "stockholm/GetNewsArchive.json",
            format!("News/GetNewsArchive?bannerImageLimit=5000&childId={ALVA}"),
        ),
        (
            "GetNewsArticle",
            "stockholm/GetNewsArticle.json",
            format!("News/GetNewsArticle?newsItemId=101&childId={ALVA}"),
        ),
        (
            "GetSchema",
            "stockholm/GetSchema.json",
            format!("Calender/GetSchema?childId={ALVA}&startDate=2026-11-23&endDate=2026-11-29"),
        ),
        (
            "GetSchoolContacts",
            "stockholm/GetSchoolContacts.json",
            format!(
                "contacts/GetSchoolContacts?schoolId=x&studentId={ALVA_SDS}&schoolForm=Klasslista"
            ),
        ),
        (
            "GetStudentsByClass",
            "stockholm/GetStudentsByClass.json",
            format!("contacts/GetStudentsByClass?studentId={ALVA_SDS}"),
        ),
        (
            "GetMatsedelList",
            "stockholm/GetMatsedelList.json",
            format!("Matsedel/GetMatsedelList?childId={ALVA}"),
        ),
        (
            "GetSchoolCalender",
            "constructed/stockholm-GetSchoolCalender.json",
            format!("Calender/GetSchoolCalender?childId={ALVA}&rowLimit=50"),
        ),
        (
            "getnotifications",
            "constructed/stockholm-getnotifications.json",
            format!("notifications/getnotifications?childId={ALVA_SDS}"),
        ),
        (
            "GetTeachersByStudent",
            "constructed/stockholm-GetTeachersByStudent.json",
            format!("contacts/GetTeachersByStudent?studentId={ALVA_SDS}&schoolForm=GR"),
        ),
    ] {
        let mine = json_of(get(&c, &x, &path).await).await;
        check(name, fixture(sample), mine);
    }
    skola24_sso(&c).await;
    let key: Value = json_of(
        c.get("https://websthlm.skola24.se/api/get/timetable/render/key")
            .header("x-scope", skolbryggan_emulator::SKOLA24_SCOPE)
            .send()
            .await
            .unwrap(),
    )
    .await;
    check("key", fixture("constructed/skola24-key.json"), key.clone());
    let body = serde_json::json!({
        "renderKey": key["data"]["key"], "unitGuid": "a1b2c3d4-0000-4000-8000-00000000aaaa",
        "selection": "11111111-aaaa-4aaa-8aaa-000000000001", "week": 48, "year": 2026,
    });
    let tt = json_of(
        s24(&c, "/api/render/timetable")
            .body(body.to_string())
            .send()
            .await
            .unwrap(),
    )
    .await;
    check(
        "render/timetable",
        fixture("skola24/render-timetable.json"),
        tt,
    );

    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn the_shape_check_sees_differences() {
    let mut diffs = Vec::new();
    same_shape(
        &serde_json::json!({"A": 1, "B": [{"C": "x"}]}),
        &serde_json::json!({"a": 1, "B": [{"C": 2}]}),
        "t",
        &mut diffs,
    );
    assert_eq!(diffs.len(), 3, "{diffs:?}");
}
