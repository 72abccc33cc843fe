//! Skola24 SSO and API, the fault knobs, the request log, the control API and TLS trust.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};
use skolbryggan_emulator::{
    CONTROL_HOST, Emulator, EmulatorConfig, Fault, FaultEffect, FaultRule, SKOLA24_SCOPE,
};

const ALVA: &str = "42c3997e-d772-423f-9290-6feeb3cb2da7";
const ALVA_PERSON: &str = "11111111-aaaa-4aaa-8aaa-000000000001";
const UNIT: &str = "a1b2c3d4-0000-4000-8000-00000000aaaa";

async fn key(c: &reqwest::Client) -> String {
    let v: Value = c
        .get("https://websthlm.skola24.se/api/get/timetable/render/key")
        .header("x-scope", SKOLA24_SCOPE)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["data"]["key"].as_str().unwrap().to_owned()
}

fn render_body(key: &str, selection: &str, week: i64, year: i64) -> Value {
    json!({
        "renderKey": key,
        "host": "stockholm.skola24.se",
        "unitGuid": UNIT,
        "startDate": null,
        "endDate": null,
        "scheduleDay": 0,
        "blackAndWhite": false,
        "width": 1227,
        "height": 1063,
        "selectionType": 5,
        "selection": selection,
        "showHeader": false,
        "periodText": "",
        "week": week,
        "year": year,
        "privateFreeTextMode": null,
        "privateSelectionMode": true,
        "customerKey": "",
        "schoolYear": "b976f986-4308-4583-b39e-2d3933094eb2",
    })
}

#[tokio::test]
async fn skola24_sso_children_keys_and_timetable() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    // Before any login the IdP shows its login page instead of a SAMLResponse.
    let page = c
        .get("https://stockholm-sso.skola24.se/nssso/saml-2.0/authenticate?customer=https://login001.stockholm.se&targetsystem=TimetableViewer")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let request = form_value(&page, "SAMLRequest").unwrap();
    assert!(
        request.contains('+') && request.contains('/'),
        "exercise the form encoding"
    );
    let idp = c
        .post("https://login001.stockholm.se/affwebservices/public/saml2sso")
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )
        .body(form(&[("SAMLRequest", &request)]))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form_value(&idp, "SAMLResponse").is_none());
    // Without a Skola24 session the API refuses.
    let refused = s24(&c, "/api/services/skola24/get/personal/timetables")
        .body(r#"{"getPersonalTimetablesRequest":{"hostName":"stockholm.skola24.se"}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);

    login(&c).await;
    skola24_sso(&c).await;
    let children: Value = s24(&c, "/api/services/skola24/get/personal/timetables")
        .body(r#"{"getPersonalTimetablesRequest":{"hostName":"stockholm.skola24.se"}}"#)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(children["error"].is_null());
    assert_eq!(children["validation"], json!([]));
    let list = children["data"]["getPersonalTimetablesResponse"]["childrenTimetables"]
        .as_array()
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["personGuid"], ALVA_PERSON);
    assert_eq!(list[0]["firstName"], "Alva");
    assert_eq!(list[0]["unitGuid"], UNIT);
    assert!(list[0]["timetableID"].is_string());

    // Without x-scope: refused.
    let k = key(&c).await;
    let no_scope = c
        .post("https://websthlm.skola24.se/api/render/timetable")
        .json(&render_body(&k, ALVA_PERSON, 48, 2026))
        .send()
        .await
        .unwrap();
    assert_eq!(no_scope.status(), 403);

    let k = key(&c).await;
    let tt: Value = s24(&c, "/api/render/timetable")
        .body(render_body(&k, ALVA_PERSON, 48, 2026).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(tt["error"].is_null(), "{tt}");
    let lessons = tt["data"]["lessonInfo"].as_array().unwrap();
    assert_eq!(lessons.len(), 3);
    assert_eq!(lessons[0]["guidId"], "ZTQ1-1");
    assert_eq!(lessons[0]["texts"], json!(["BL", "KUr", "221"]));
    assert_eq!(lessons[0]["timeStart"], "09:40:00");
    assert_eq!(lessons[0]["timeEnd"], "11:35:00");
    assert_eq!(lessons[0]["dayOfWeekNumber"], 1);
    assert_eq!(lessons[1]["texts"], json!(["Lunch", "", "Ö5"]));
    assert_eq!(lessons[2]["dayOfWeekNumber"], 3);

    // The key was used: a second render with it fails.
    let again: Value = s24(&c, "/api/render/timetable")
        .body(render_body(&k, ALVA_PERSON, 48, 2026).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(again["error"].is_string());
    // POST also hands out keys; the next week has one lesson.
    let v: Value = s24(&c, "/api/get/timetable/render/key")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let k = v["data"]["key"].as_str().unwrap();
    let next: Value = s24(&c, "/api/render/timetable")
        .body(render_body(k, ALVA_PERSON, 49, 2026).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(next["data"]["lessonInfo"].as_array().unwrap().len(), 1);
    // Unknown selection: an error string.
    let k = key(&c).await;
    let unknown: Value = s24(&c, "/api/render/timetable")
        .body(render_body(&k, "00000000-0000-0000-0000-000000000000", 48, 2026).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(unknown["error"].is_string());
    // Teacher names become initials again; several are joined with ", ".
    let k = key(&c).await;
    let bo: Value = s24(&c, "/api/render/timetable")
        .body(render_body(&k, "11111111-aaaa-4aaa-8aaa-000000000002", 48, 2026).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(bo["data"]["lessonInfo"][0]["texts"][1], "FTe, GTe");
    // Expiry ends the Skola24 session too.
    emu.expire_all_sessions();
    let k_resp = c
        .get("https://websthlm.skola24.se/api/get/timetable/render/key")
        .header("x-scope", SKOLA24_SCOPE)
        .send()
        .await
        .unwrap();
    assert_eq!(k_resp.status(), 401);
}

#[tokio::test]
async fn fault_knobs() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    let x = login(&c).await;

    // 503 with Retry-After, once; then normal again.
    emu.add_fault(FaultRule::next(
        "GetChildren",
        1,
        Fault::status(503, Some(7)),
    ));
    let r = get(&c, &x, "GetChildren").await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "7");
    assert_eq!(get(&c, &x, "GetChildren").await.status(), 200);
    assert!(emu.faults().is_empty());

    // 429 twice.
    emu.add_fault(FaultRule::next(
        "GetChildren",
        2,
        Fault::status(429, Some(1)),
    ));
    assert_eq!(get(&c, &x, "GetChildren").await.status(), 429);
    assert_eq!(get(&c, &x, "GetChildren").await.status(), 429);
    assert_eq!(get(&c, &x, "GetChildren").await.status(), 200);

    // 500 always, until cleared.
    emu.add_fault(FaultRule::always("GetChildren", Fault::status(500, None)));
    for _ in 0..3 {
        assert_eq!(get(&c, &x, "GetChildren").await.status(), 500);
    }
    emu.clear_faults();
    assert_eq!(get(&c, &x, "GetChildren").await.status(), 200);

    // Latency.
    emu.add_fault(FaultRule::next("GetChildren", 1, Fault::latency(300)));
    let t = Instant::now();
    assert_eq!(get(&c, &x, "GetChildren").await.status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    // Truncated body: a complete HTTP response whose JSON stops halfway.
    let full = get(&c, &x, "GetChildren").await.bytes().await.unwrap();
    emu.add_fault(FaultRule::next(
        "GetChildren",
        1,
        Fault::effect(FaultEffect::TruncatedBody),
    ));
    let r = get(&c, &x, "GetChildren").await;
    assert_eq!(r.status(), 200);
    let len: usize = r.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let cut = r.bytes().await.unwrap();
    assert_eq!(cut.len(), len);
    assert_eq!(cut.len(), full.len() / 2);
    assert!(full.starts_with(&cut));
    assert!(serde_json::from_slice::<Value>(&cut).is_err());

    // HTML instead of JSON.
    emu.add_fault(FaultRule::next(
        "GetChildren",
        1,
        Fault::effect(FaultEffect::HtmlInsteadOfJson),
    ));
    let r = get(&c, &x, "GetChildren").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );

    // Wrong child: another child's data with Status=FS.
    emu.add_fault(FaultRule::next(
        "GetNewsArchive",
        1,
        Fault::effect(FaultEffect::WrongChild),
    ));
    let r = get(
        &c,
        &x,
        &format!("News/GetNewsArchive?bannerImageLimit=5000&childId={ALVA}"),
    )
    .await;
    let cookies: Vec<_> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("Status=FS")),
        "{cookies:?}"
    );
    let v: Value = r.json().await.unwrap();
    assert_ne!(v["Data"]["NewsItems"][0]["NewsId"], "101");

    // A host filter and the wildcard.
    emu.add_fault(FaultRule {
        endpoint: "*".to_owned(),
        host: Some("websthlm.skola24.se".to_owned()),
        fault: Fault::status(503, None),
        times: Some(1),
    });
    assert_eq!(get(&c, &x, "GetChildren").await.status(), 200);
    let r = c
        .get("https://websthlm.skola24.se/api/get/timetable/render/key")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
}

#[tokio::test]
async fn request_log_counts_per_endpoint_and_host() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    let x = login(&c).await;
    let log = emu.request_log();
    // start + 4 polls on NECSadcmbid, the cookie step, the start page.
    assert_eq!(log.count("NECSadcmbid"), 5);
    assert_eq!(log.count("SiteMinderAuthADC"), 1);
    assert_eq!(log.count("hem"), 1);
    assert_eq!(log.host_count("login003.stockholm.se"), 6);
    emu.reset_request_log();
    assert_eq!(emu.request_log().total, 0);
    for _ in 0..3 {
        get(&c, &x, "GetChildren").await;
    }
    get(
        &c,
        &x,
        &format!("News/GetNewsArchive?bannerImageLimit=5000&childId={ALVA}"),
    )
    .await;
    let log = emu.request_log();
    assert_eq!(log.count("GetChildren"), 3);
    assert_eq!(emu.request_count("GetNewsArchive"), 1);
    assert_eq!(log.host_count("etjanster.stockholm.se"), 4);
    assert_eq!(log.total, 4);
    assert_eq!(log.recent.len(), 4);
}

#[tokio::test]
async fn control_api_over_https() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    let x = login(&c).await;
    let ctl = |path: &str| format!("https://{CONTROL_HOST}/__control{path}");
    let ok: Value = c
        .post(ctl("/faults"))
        .json(&json!({
            "endpoint": "GetChildren",
            "times": 1,
            "fault": { "latencyMs": 0, "effect": { "kind": "status", "status": 503, "retryAfterSecs": 3 } }
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ok["ok"], true);
    let r = get(&c, &x, "GetChildren").await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "3");

    let log: Value = c
        .get(ctl("/log"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log["byEndpoint"]["GetChildren"], 1);
    assert_eq!(log["byHost"]["etjanster.stockholm.se"], 2);
    c.delete(ctl("/log")).send().await.unwrap();
    assert_eq!(emu.request_log().total, 0);

    c.post(ctl("/bankid"))
        .json(&json!({ "pendingPolls": 0, "userSignPolls": 0, "outcome": "cancelled" }))
        .send()
        .await
        .unwrap();
    let (_, states) = bankid_poll(&c, false).await;
    assert_eq!(states, ["CANCELLED"]);

    c.post(ctl("/sessions/expire")).send().await.unwrap();
    let r = manual(&emu);
    assert_eq!(
        r.get(format!("{E}/GetChildren"))
            .send()
            .await
            .unwrap()
            .status(),
        302
    );
    assert_eq!(
        get(&c, &x, "GetChildren").await.url().host_str(),
        Some("login001.stockholm.se")
    );

    let state: Value = c
        .get(ctl("/state"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(state["bankid"]["outcome"], "cancelled");
    assert_eq!(state["sessions"], 0);
    let bad = c.post(ctl("/bankid")).body("{").send().await.unwrap();
    assert_eq!(bad.status(), 400);
    let family: Value = c
        .get(ctl("/family"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(family["children"].as_array().unwrap().len(), 4);
    let ca = c
        .get(ctl("/ca.pem"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(ca, emu.ca_pem());
}

#[tokio::test]
async fn a_client_that_does_not_trust_the_ca_is_rejected() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let _ = rustls::crypto::ring::default_provider().install_default();
    // Another throwaway CA.
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let other = params.self_signed(&key).unwrap();
    let stranger = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(other.pem().as_bytes()).unwrap()])
        .resolve("etjanster.stockholm.se", emu.addr())
        .build()
        .unwrap();
    let err = stranger
        .get("https://etjanster.stockholm.se/vardnadshavare/base/getuserdata")
        .send()
        .await
        .unwrap_err();
    let mut chain = format!("{err}");
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        chain.push_str(&format!(" / {s}"));
        source = s.source();
    }
    assert!(
        chain.contains("UnknownIssuer") || chain.contains("certificate"),
        "{chain}"
    );
    // The trusting client gets through on every host name.
    let c = client(&emu);
    for host in skolbryggan::provider::registry::all_hosts() {
        let r = c.get(format!("https://{host}/")).send().await.unwrap();
        assert!(r.status().as_u16() < 500, "{host}");
    }
    // And the override carries what a client needs.
    let o = emu.upstream_override();
    assert_eq!(o.addr, emu.addr());
    assert!(o.ca_pem.starts_with("-----BEGIN CERTIFICATE-----"));
}

#[tokio::test]
async fn control_api_answers_on_localhost_too() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let plain = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(emu.ca_pem().as_bytes()).unwrap()])
        .build()
        .unwrap();
    let port = emu.addr().port();
    for host in ["localhost", "127.0.0.1"] {
        let state: Value = plain
            .get(format!("https://{host}:{port}/__control/state"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(state["sessions"], 0, "{host}");
    }
}
