//! The Stockholm login servers and e-services, driven by a plain HTTP client.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::Value;
use skolbryggan::model::Platform;
use skolbryggan::provider::stockholm::StockholmChildRef;
use skolbryggan_emulator::{
    BankIdOutcome, BankIdScript, Emulator, EmulatorConfig, FrejaOutcome, FrejaScript, MenuKind,
};

const ALVA: &str = "42c3997e-d772-423f-9290-6feeb3cb2da7";
const ALVA_SDS: &str = "786e3393-f044-4660-9105-b444deb289aa";
const BO: &str = "52c3997e-d772-423f-9290-6feeb3cb2da8";
const CLEO: &str = "62c3997e-d772-423f-9290-6feeb3cb2da9";

fn set_cookies(resp: &reqwest::Response) -> Vec<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn bankid_login_walk_then_children_equal_the_snapshot() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = manual(&emu);
    let (_, states) = bankid_poll(&c, false).await;
    assert_eq!(states, ["PENDING", "PENDING", "USER_SIGN", "OK"]);

    // Cookie step: SMSESSION on .stockholm.se + language cookie, 302 to the start page.
    let step = c.get(cookie_step_url()).send().await.unwrap();
    assert_eq!(step.status(), 302);
    assert_eq!(
        step.headers()["location"],
        "https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem"
    );
    let cookies = set_cookies(&step);
    assert!(cookies.iter().any(|c| c.starts_with("SMSESSION=")
        && c.contains("Domain=.stockholm.se")
        && c.contains("HttpOnly")
        && c.contains("SameSite=Lax")));
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("StockholmEServiceLanguage=1053,Svenska"))
    );

    let user = json(
        &c,
        "https://etjanster.stockholm.se/vardnadshavare/base/getuserdata",
    )
    .await;
    assert_eq!(user["isAuthenticated"], true);
    assert_eq!(user["socialSecurityNumber"], "198001012387");
    assert_eq!(user["userFirstName"], "Tolvan");
    assert_eq!(user["notificationId"].as_str().unwrap().len(), 64);

    let hem = c.get(format!("{E}/hem")).send().await.unwrap();
    assert!(
        hem.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let xsrf = xsrf_of(&hem.text().await.unwrap());
    assert!(!xsrf.is_empty());

    let children = c
        .get(format!("{E}/GetChildren"))
        .header("x-xsrf-token", &xsrf)
        .header("accept", "application/json, text/plain, */*")
        .header("referer", format!("{E}/hem"))
        .send()
        .await
        .unwrap();
    assert_eq!(children.status(), 200);
    let v: Value = children.json().await.unwrap();
    assert_eq!(v["Success"], true);
    assert!(v["Error"].is_null());
    let got: BTreeSet<(String, String, String, String, String)> = v["Data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["UserType"], "Student");
            (
                c["Name"].as_str().unwrap().to_owned(),
                c["Id"].as_str().unwrap().to_owned(),
                c["SDSId"].as_str().unwrap().to_owned(),
                c["Status"].as_str().unwrap().to_owned(),
                c["SchoolId"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let family = emu.family();
    let want: BTreeSet<_> = family
        .children
        .iter()
        .filter_map(|c| {
            let r = c.refs.get::<StockholmChildRef>()?;
            Some((
                format!("{} (elev)", c.full_name()),
                r.id.clone(),
                r.sds_id.clone(),
                r.status.clone(),
                r.school_id.clone().unwrap(),
            ))
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(got.len(), 3);
    assert!(
        family
            .children
            .iter()
            .any(|c| c.platform == Platform::InfoMentor)
    );
}

#[tokio::test]
async fn json_endpoints_refuse_a_missing_or_wrong_xsrf_token() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    let xsrf = login(&c).await;
    let none = c.get(format!("{E}/GetChildren")).send().await.unwrap();
    assert_eq!(none.status(), 400);
    assert!(
        none.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let wrong = get(&c, "not-the-token", "GetChildren").await;
    assert_eq!(wrong.status(), 400);
    assert_eq!(get(&c, &xsrf, "GetChildren").await.status(), 200);
}

#[tokio::test]
async fn without_a_session_data_redirects_to_the_login_page() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = manual(&emu);
    let resp = c.get(format!("{E}/GetChildren")).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("https://login001.stockholm.se/"),
        "{location}"
    );
    // Following it ends on an HTML login page.
    let page = client(&emu)
        .get(format!("{E}/GetChildren"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.url().host_str(), Some("login001.stockholm.se"));
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let user = json(
        &c,
        "https://etjanster.stockholm.se/vardnadshavare/base/getuserdata",
    )
    .await;
    assert_eq!(user["isAuthenticated"], false);
    // The cookie step without a signed order is a login page, with no session.
    let step = c.get(cookie_step_url()).send().await.unwrap();
    assert_eq!(step.status(), 200);
    assert!(
        set_cookies(&step)
            .iter()
            .all(|c| !c.starts_with("SMSESSION"))
    );
}

#[tokio::test]
async fn sessions_expire_on_demand_and_by_lifetime() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = manual(&emu);
    let xsrf = login_manual(&c).await;
    assert_eq!(get(&c, &xsrf, "GetChildren").await.status(), 200);
    assert_eq!(emu.session_count(), 1);
    emu.expire_all_sessions();
    assert_eq!(get(&c, &xsrf, "GetChildren").await.status(), 302);
    let user = json(
        &c,
        "https://etjanster.stockholm.se/vardnadshavare/base/getuserdata",
    )
    .await;
    assert_eq!(user["isAuthenticated"], false);

    let xsrf = login_manual(&c).await;
    assert_eq!(get(&c, &xsrf, "GetChildren").await.status(), 200);
    emu.set_session_lifetime(Some(std::time::Duration::ZERO));
    assert_eq!(get(&c, &xsrf, "GetChildren").await.status(), 302);
    assert_eq!(emu.session_count(), 0);
}

/// Login without following redirects: the cookie step, then the start page.
async fn login_manual(c: &reqwest::Client) -> String {
    let (_, states) = bankid_poll(c, false).await;
    assert_eq!(states.last().unwrap(), "OK");
    assert_eq!(c.get(cookie_step_url()).send().await.unwrap().status(), 302);
    xsrf_of(
        &c.get(format!("{E}/hem"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
}

#[tokio::test]
async fn resuming_with_a_saved_smsession_cookie() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = manual(&emu);
    bankid_poll(&c, false).await;
    let step = c.get(cookie_step_url()).send().await.unwrap();
    let saved = set_cookies(&step)
        .into_iter()
        .find(|c| c.starts_with("SMSESSION="))
        .unwrap();
    let value = saved.split(';').next().unwrap().to_owned();
    // A fresh client with only the saved cookie.
    let fresh = manual(&emu);
    let resume = fresh
        .get(cookie_step_url())
        .header("cookie", &value)
        .send()
        .await
        .unwrap();
    assert_eq!(resume.status(), 302);
    let user = json(
        &fresh,
        "https://etjanster.stockholm.se/vardnadshavare/base/getuserdata",
    )
    .await;
    assert_eq!(user["isAuthenticated"], true);
}

#[tokio::test]
async fn bankid_scripts_and_qr_frames() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = manual(&emu);
    for (outcome, last) in [
        (BankIdOutcome::Error, "ERROR"),
        (BankIdOutcome::Cancelled, "CANCELLED"),
        (BankIdOutcome::Expire, "HTTP 500"),
    ] {
        emu.set_bankid_script(BankIdScript {
            pending_polls: 1,
            user_sign_polls: 0,
            outcome,
        });
        let (_, states) = bankid_poll(&c, false).await;
        assert_eq!(states, ["PENDING", last]);
        let step = c.get(cookie_step_url()).send().await.unwrap();
        assert_eq!(step.status(), 200, "no session after {last}");
    }
    // Same-device start answers token + order; no personal number is fine too.
    let start = json(&c, &bankid_url("&initialize=bankid")).await;
    assert!(start["token"].is_string() && start["order"].is_string());
    // QR: a new frame on the start and on every PENDING poll.
    emu.set_bankid_script(BankIdScript {
        pending_polls: 3,
        user_sign_polls: 1,
        outcome: BankIdOutcome::Ok,
    });
    let start = json(&c, &bankid_url("&initialize=qr")).await;
    let order = start["order"].as_str().unwrap();
    let mut frames = vec![start["qrData"].as_str().unwrap().to_owned()];
    let mut states = Vec::new();
    for _ in 0..5 {
        let v = json(&c, &bankid_url(&format!("&verifyorder={order}"))).await;
        states.push(v["state"].as_str().unwrap().to_owned());
        if let Some(f) = v["qrData"].as_str() {
            frames.push(f.to_owned());
        }
    }
    assert_eq!(states, ["PENDING", "PENDING", "PENDING", "USER_SIGN", "OK"]);
    assert_eq!(frames.len(), 4);
    assert!(frames.iter().all(|f| f.starts_with("bankid.")));
    let distinct: BTreeSet<_> = frames.iter().collect();
    assert_eq!(distinct.len(), 4);
    assert_eq!(c.get(cookie_step_url()).send().await.unwrap().status(), 302);
}

#[tokio::test]
async fn freja_login() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    let init = c
        .get("https://login003.stockholm.se/NECSadcfreja/authenticate/NECSadcfreja?action=init&return_url=https%3A%2F%2Flogin003.stockholm.se%2FNECSadcfreja%2Fauthenticate%2FNECSadcfreja")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = init.split('&').next().unwrap();
    assert!(token.starts_with("frejaeid://"), "{init}");
    let mut states = Vec::new();
    for _ in 0..5 {
        let s = c
            .get(freja_url("&action=checkstatus"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        states.push(s.clone());
        if s == "APPROVED" {
            break;
        }
    }
    assert_eq!(states, ["STARTED", "DELIVERED_TO_MOBILE", "APPROVED"]);
    c.get(freja_url("")).send().await.unwrap();
    c.get(freja_url("").replace("NECSadcfreja?", "SiteMinderAuthADCFREJA?"))
        .send()
        .await
        .unwrap();
    let user = json(
        &c,
        "https://etjanster.stockholm.se/vardnadshavare/base/getuserdata",
    )
    .await;
    assert_eq!(user["isAuthenticated"], true);

    // A cancelled transaction gives no session.
    emu.set_freja_script(FrejaScript {
        started_polls: 0,
        delivered_polls: 0,
        outcome: FrejaOutcome::Canceled,
    });
    let other = client(&emu);
    other
        .get(freja_url("&action=init&return_url=x"))
        .send()
        .await
        .unwrap();
    let s = other
        .get(freja_url("&action=checkstatus"))
        .send()
        .await
        .unwrap();
    assert_eq!(s.text().await.unwrap(), "CANCELED");
    other.get(freja_url("")).send().await.unwrap();
    let user = json(
        &other,
        "https://etjanster.stockholm.se/vardnadshavare/base/getuserdata",
    )
    .await;
    assert_eq!(user["isAuthenticated"], false);
}

#[tokio::test]
async fn every_endpoint_renders_the_childs_data() {
    let mut config = EmulatorConfig::sample();
    // Without the pre-school child the queued endpoints answer for the child asked for.
    config.family.children.retain(|c| c.first_name != "Cleo");
    // Monday: the school calendar lists events from today on.
    config.today = Some(jiff::civil::date(2026, 11, 23));
    let emu = Emulator::start(config).unwrap();
    let c = client(&emu);
    let x = login(&c).await;

    let cal = data(
        &c,
        &x,
        &format!("Calender/GetSchoolCalender?childId={ALVA}&rowLimit=50"),
    )
    .await;
    let cal = cal.as_array().unwrap();
    assert_eq!(cal.len(), 2);
    let meeting = cal.iter().find(|e| e["Id"] == 5002).unwrap();
    assert_eq!(meeting["LongEventDateTime"], "2026-11-24 18:00");
    assert_eq!(meeting["LongEndDateTime"], "2026-11-24 19:30");
    assert_eq!(meeting["AllDayEvent"], false);
    assert_eq!(meeting["IsSameDay"], true);
    assert_eq!(meeting["EventDateMonthName"], "nov");
    let study = cal.iter().find(|e| e["Id"] == 5001).unwrap();
    assert_eq!(study["LongEventDateTime"], "2026-11-27");
    assert_eq!(study["EventDateTime"], "");
    assert_eq!(study["AllDayEvent"], true);

    let schema = data(
        &c,
        &x,
        &format!("Calender/GetSchema?childId={ALVA}&startDate=2026-11-23&endDate=2026-11-29"),
    )
    .await;
    assert_eq!(schema[0]["Title"], "Utvecklingssamtal");
    assert_eq!(schema[0]["Id"], 0);
    assert_eq!(schema[0]["LongEventDateTime"], "2026-11-25 14:10");
    // A child without schedule: "A task was canceled."
    let v: Value = get(
        &c,
        &x,
        &format!("Calender/GetSchema?childId={BO}&startDate=2026-11-23&endDate=2026-11-29"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v["Success"], false);
    assert_eq!(v["Error"], "A task was canceled.");

    let news = data(
        &c,
        &x,
        &format!("News/GetNewsArchive?bannerImageLimit=5000&childId={ALVA}"),
    )
    .await;
    let items = news["NewsItems"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let lucia = &items[0];
    assert_eq!(lucia["NewsId"], "101");
    assert_eq!(lucia["Header"], "Luciafirande");
    let ms = skolbryggan::time::local(jiff::civil::date(2026, 11, 24).at(9, 15, 0, 0))
        .timestamp()
        .as_millisecond();
    assert_eq!(lucia["PublicationDate"], format!("/Date({ms})/"));
    assert_eq!(lucia["PubDateSE"], "24 november 2026 09:15");
    assert_eq!(lucia["BannerImageUrl"], "101.jpeg");
    assert_eq!(lucia["altText"], "Nyhetsbild");
    let body = lucia["Body"].as_str().unwrap();
    assert!(body.contains("<strong>lucia</strong>"));
    assert!(body.contains("<a href=\"https://example.com/lucia\">skolans sida</a>"));
    assert!(body.contains("<li>Ta med ljus</li>"));
    let article = data(
        &c,
        &x,
        &format!("News/GetNewsArticle?newsItemId=101&childId={ALVA}"),
    )
    .await;
    assert_eq!(article["CurrentNewsItem"]["NewsId"], "101");
    assert!(
        article["CurrentNewsItem"]
            .get("OriginalSourceUrl")
            .is_some()
    );

    let banner = c
        .get("https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=101.jpeg")
        .header("x-xsrf-token", &x)
        .send()
        .await
        .unwrap();
    assert_eq!(banner.headers()["content-type"], "image/png");
    assert!(banner.bytes().await.unwrap().starts_with(b"\x89PNG"));

    let notes = data(
        &c,
        &x,
        &format!("notifications/getnotifications?childId={ALVA_SDS}"),
    )
    .await;
    let n = &notes[0];
    assert_eq!(
        n["Notification"]["Messageid"],
        "0d7e8a8e-1111-4222-8333-444455556666"
    );
    assert_eq!(n["Notification"]["DateCreated"], "2026-11-24T08:15:00");
    assert!(n["Notification"]["Message"].is_string());
    let m = &n["NotificationMessage"]["Messages"]["Message"];
    assert_eq!(m["Messagetext"], "Nytt omdöme i Matematik");
    assert_eq!(m["Sender"]["Name"], "Elevdokumentation");
    assert_eq!(m["Messagetype"]["Type"], "webnotify");
    assert_eq!(m["Category"], "Bedömning");

    let mates = data(
        &c,
        &x,
        &format!("contacts/GetStudentsByClass?studentId={ALVA_SDS}"),
    )
    .await;
    assert_eq!(mates[0]["SIS_ID"], "22f0cfc7-09c7-45dc-9388-ae9a9ea1356b");
    assert_eq!(mates[0]["ClassName"], "7C");
    assert_eq!(mates[0]["Guardians"][0]["TELMOBILE"], "070-000 00 01");

    let teachers = data(
        &c,
        &x,
        &format!("contacts/GetTeachersByStudent?studentId={ALVA_SDS}&schoolForm=GR"),
    )
    .await;
    assert_eq!(teachers.as_array().unwrap().len(), 2);
    assert_eq!(teachers[0]["STATUS"], " GR");
    assert_eq!(teachers[0]["FIRSTNAME"], "Karin");
    let bo_sds = "886e3393-f044-4660-9105-b444deb289ab";
    let bo_f = data(
        &c,
        &x,
        &format!("contacts/GetTeachersByStudent?studentId={bo_sds}&schoolForm=F"),
    )
    .await;
    assert_eq!(bo_f.as_array().unwrap().len(), 1);
    assert_eq!(bo_f[0]["STATUS"], " F");

    let contacts = data(
        &c,
        &x,
        &format!("contacts/GetSchoolContacts?schoolId=de2e1293-0f40-4b91-9d91-1e99355dc257&studentId={ALVA_SDS}&schoolForm=Klasslista"),
    )
    .await;
    assert_eq!(contacts[0]["Title"], "Expedition");
    assert!(contacts[0]["Name"].is_null());
    assert_eq!(contacts[1]["Name"], "Rektorsson, Rut");

    // Menus: list by default, RSS when switched.
    let choice = data(
        &c,
        &x,
        &format!("Matsedel/GetMatsedelChoice?childId={ALVA}"),
    )
    .await;
    assert_eq!(choice, "list");
    let list = data(&c, &x, &format!("Matsedel/GetMatsedelList?childId={ALVA}")).await;
    assert_eq!(list["SelectedWeek"], 48);
    assert_eq!(list["Menus"][0]["Week"], "48");
    assert_eq!(
        list["Menus"][0]["Tue"],
        "Fiskgratäng med potatis<br/>Vegetarisk lasagne"
    );
    emu.set_menu_kind(ALVA, MenuKind::Rss);
    let choice = data(
        &c,
        &x,
        &format!("Matsedel/GetMatsedelChoice?childId={ALVA}"),
    )
    .await;
    assert_eq!(choice, "rss");
    let rss = data(&c, &x, &format!("Matsedel/GetMatsedelRSS?childId={ALVA}")).await;
    assert_eq!(rss.as_array().unwrap().len(), 5);
    assert_eq!(rss[1]["Title"], "Tisdag - Vecka 48");
    // Paths are exact: wrong casing of an endpoint is a 404.
    assert_eq!(
        get(
            &c,
            &x,
            &format!("Notifications/GetNotifications?childId={ALVA_SDS}")
        )
        .await
        .status(),
        404
    );
}

#[tokio::test]
async fn fs_family_answers_queued_endpoints_for_the_selected_child() {
    let emu = Emulator::start(EmulatorConfig::sample()).unwrap();
    let c = client(&emu);
    let x = login(&c).await;
    let selected = select(&c, &x, BO).await;
    assert_eq!(selected["Success"], true);
    assert_eq!(selected["Data"]["Id"], BO);
    // Asking for Alva's news while Bo is selected gives Bo's news, no FS cookie.
    let resp = get(
        &c,
        &x,
        &format!("News/GetNewsArchive?bannerImageLimit=5000&childId={ALVA}"),
    )
    .await;
    assert!(set_cookies(&resp).iter().all(|c| !c.contains("Status=FS")));
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["Data"]["NewsItems"][0]["NewsId"], "201");
    // Selecting the pre-school child: its data, with Set-Cookie Status=FS.
    select(&c, &x, CLEO).await;
    let resp = get(
        &c,
        &x,
        &format!("News/GetNewsArchive?bannerImageLimit=5000&childId={CLEO}"),
    )
    .await;
    assert!(
        set_cookies(&resp)
            .iter()
            .any(|c| c.starts_with("Status=FS"))
    );
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["Data"]["NewsItems"][0]["NewsId"], "301");
    // Unqueued endpoints follow the parameter.
    let mates = data(
        &c,
        &x,
        &format!("contacts/GetStudentsByClass?studentId={ALVA_SDS}"),
    )
    .await;
    assert_eq!(mates.as_array().unwrap().len(), 1);
    // The right child once selected.
    select(&c, &x, ALVA).await;
    let news = data(
        &c,
        &x,
        &format!("News/GetNewsArchive?bannerImageLimit=5000&childId={ALVA}"),
    )
    .await;
    assert_eq!(news["NewsItems"][0]["NewsId"], "101");
}
