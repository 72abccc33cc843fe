//! A deliberately small client for the emulator tests (the real client lives in the core).

#![allow(dead_code)]

use reqwest::{Client, redirect};
use serde_json::Value;
use skolbryggan_emulator::{BANKID_SM, EmulatorHandle, FREJA_SM, SKOLA24_SCOPE};

pub const E: &str = "https://etjanster.stockholm.se/vardnadshavare/inloggad2";
pub const UA: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 11_2_3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.90 Safari/537.36";

pub fn builder(h: &EmulatorHandle) -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let ca = reqwest::Certificate::from_pem(h.ca_pem().as_bytes()).unwrap();
    let mut b = Client::builder()
        .cookie_store(true)
        .user_agent(UA)
        .tls_certs_only([ca]);
    for host in EmulatorHandle::hosts() {
        b = b.resolve(host, h.addr());
    }
    b
}

/// A client with a cookie jar that follows redirects.
pub fn client(h: &EmulatorHandle) -> Client {
    builder(h).build().unwrap()
}

/// A client with a cookie jar that does not follow redirects.
pub fn manual(h: &EmulatorHandle) -> Client {
    builder(h)
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn bankid_url(extra: &str) -> String {
    format!(
        "https://login003.stockholm.se/NECSadcmbid/authenticate/NECSadcmbid?{BANKID_SM}{extra}&_=1700000000000"
    )
}

pub fn cookie_step_url() -> String {
    format!("https://login003.stockholm.se/NECSadcmbid/authenticate/SiteMinderAuthADC?{BANKID_SM}")
}

pub fn freja_url(extra: &str) -> String {
    format!(
        "https://login003.stockholm.se/NECSadcfreja/authenticate/NECSadcfreja?{FREJA_SM}{extra}"
    )
}

pub async fn json(c: &Client, url: &str) -> Value {
    c.get(url).send().await.unwrap().json().await.unwrap()
}

/// Starts an order and polls until a final state; returns the order id and every state seen.
pub async fn bankid_poll(c: &Client, qr: bool) -> (String, Vec<String>) {
    let start = json(
        c,
        &bankid_url(if qr {
            "&initialize=qr"
        } else {
            "&initialize=bankid&personalNumber=198001012387"
        }),
    )
    .await;
    let order = start["order"].as_str().unwrap().to_owned();
    let mut states = Vec::new();
    for _ in 0..20 {
        let resp = c
            .get(bankid_url(&format!("&verifyorder={order}")))
            .send()
            .await
            .unwrap();
        if resp.status() == 500 {
            states.push("HTTP 500".to_owned());
            break;
        }
        let v: Value = resp.json().await.unwrap();
        let state = v["state"].as_str().unwrap().to_owned();
        states.push(state.clone());
        if matches!(state.as_str(), "OK" | "ERROR" | "CANCELLED") {
            break;
        }
    }
    (order, states)
}

/// Reads the anti-forgery token of the start page.
pub fn xsrf_of(html: &str) -> String {
    let marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
    let start = html.find(marker).unwrap() + marker.len();
    let end = html[start..].find('"').unwrap();
    html[start..start + end].to_owned()
}

/// Full BankID login with the default script; returns the XSRF token.
pub async fn login(c: &Client) -> String {
    let (_, states) = bankid_poll(c, false).await;
    assert_eq!(states.last().map(String::as_str), Some("OK"));
    let hem = c.get(cookie_step_url()).send().await.unwrap();
    assert_eq!(hem.url().as_str(), format!("{E}/hem"));
    let html = hem.text().await.unwrap();
    xsrf_of(&html)
}

pub async fn get(c: &Client, xsrf: &str, path: &str) -> reqwest::Response {
    c.get(format!("{E}/{path}"))
        .header("x-xsrf-token", xsrf)
        .send()
        .await
        .unwrap()
}

pub async fn data(c: &Client, xsrf: &str, path: &str) -> Value {
    let resp = get(c, xsrf, path).await;
    assert_eq!(resp.status(), 200, "{path}");
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["Success"], true, "{path}: {v}");
    v["Data"].clone()
}

pub async fn select(c: &Client, xsrf: &str, id: &str) -> Value {
    c.post(format!("{E}/SelectChild"))
        .header("x-xsrf-token", xsrf)
        .header("content-type", "application/json;charset=UTF-8")
        .body(format!("{{\"id\":\"{id}\"}}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The three SSO steps; panics unless they end logged in to Skola24.
pub async fn skola24_sso(c: &Client) {
    let page = c
        .get("https://stockholm-sso.skola24.se/nssso/saml-2.0/authenticate?customer=https://login001.stockholm.se&targetsystem=TimetableViewer")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let request = form_value(&page, "SAMLRequest").unwrap();
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
    let response = form_value(&idp, "SAMLResponse").expect("SAMLResponse");
    let done = c
        .post("https://stockholm-sso.skola24.se/nssso/saml-2.0/response")
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )
        .body(form(&[("SAMLResponse", &response)]))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("userLoggedIn = true;"));
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The value of `<input type="hidden" name="NAME" value="…">`, as the anchor's pattern reads it.
pub fn form_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find("\">")?;
    Some(html[start..start + end].to_owned())
}

pub fn s24(c: &Client, path: &str) -> reqwest::RequestBuilder {
    c.post(format!("https://websthlm.skola24.se{path}"))
        .header("x-scope", SKOLA24_SCOPE)
        .header("content-type", "application/json")
        .header("accept", "application/json, text/javascript, */*; q=0.01")
}
