//! SchoolSoft's browser login (OAuth 2 with PKCE through the tenant's IdP) against the
//! emulator: the whole path through the provider (authorize address → scripted browser → code
//! → tokens → Eva → cookie exchange → reads for both children), the server's strictness (wrong
//! verifier, reused code, `state` echoed, `redirect_uri` checked, refresh rotation), a dead web
//! session rebuilt from the tokens, and dead tokens as `Error::SessionExpired`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use skolbryggan::Error;
use skolbryggan::error::LoginFailure;
use skolbryggan::http::HttpConfig;
use skolbryggan::model::Child;
use skolbryggan::provider::schoolsoft::SchoolSoftProvider;
use skolbryggan::provider::{DriveOptions, LoginFlow, LoginRequest, Provider, drive_login};
use skolbryggan_emulator::{
    BankIdOutcome, BankIdScript, BrowserStop, Emulator, EmulatorConfig, EmulatorHandle,
    schoolsoft_family as fam,
};

const REDIRECT: &str = "http://127.0.0.1:53682/callback";
const TENANT: &str = "https://sms.schoolsoft.se/procivitas/";

fn start() -> EmulatorHandle {
    let mut config = EmulatorConfig::sample();
    config.guardian_personal_number = EmulatorConfig::DEMO_GUARDIAN.to_owned();
    config.today = None;
    config.bankid = BankIdScript {
        pending_polls: 1,
        user_sign_polls: 1,
        outcome: BankIdOutcome::Ok,
    };
    Emulator::start(config).unwrap()
}

fn provider(h: &EmulatorHandle) -> SchoolSoftProvider {
    let p = SchoolSoftProvider::new(
        &HttpConfig::with_upstream(h.upstream_override()),
        EmulatorConfig::account_key(),
    )
    .unwrap();
    p.choose_tenant(fam::TENANT).unwrap();
    p
}

fn options() -> DriveOptions {
    DriveOptions {
        interval: Duration::from_millis(5),
        timeout: Duration::from_secs(20),
        max_transient_errors: 2,
    }
}

async fn start_browser_login(p: &SchoolSoftProvider) -> Box<dyn LoginFlow> {
    p.start_login(LoginRequest::Browser {
        redirect_uri: REDIRECT.to_owned(),
    })
    .await
    .unwrap()
}

fn query(url: &str, name: &str) -> Option<String> {
    let (_, q) = url.split_once('?')?;
    form_urlencoded::parse(q.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The provider logged in through the browser; returns it with its children (Alva, Bo).
async fn logged_in(h: &EmulatorHandle) -> (SchoolSoftProvider, Child, Child) {
    let p = provider(h);
    let flow = start_browser_login(&p).await;
    let url = flow.prompt().browser_url.unwrap();
    let back = flow.browser_return().unwrap();
    let redirect = h.schoolsoft_browser_login(&url).await.unwrap();
    back.hand_back(&redirect).unwrap();
    let user = drive_login(flow, options(), |_| {}, std::future::pending())
        .await
        .unwrap();
    assert_eq!(
        (user.first_name.as_str(), user.last_name.as_str()),
        fam::GUARDIAN
    );
    let kids = p.children().await.unwrap();
    let alva = kids
        .iter()
        .find(|c| c.first_name == "Alva")
        .unwrap()
        .clone();
    let bo = kids.iter().find(|c| c.first_name == "Bo").unwrap().clone();
    (p, alva, bo)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_login_end_to_end_reads_both_children() {
    let h = start();
    let p = provider(&h);
    let flow = start_browser_login(&p).await;
    let prompt = flow.prompt();
    let url = prompt.browser_url.clone().unwrap();
    assert!(prompt.autostart_token.is_none() && prompt.qr.is_none());
    assert!(url.starts_with(&format!(
        "{TENANT}react/#/login/parent?client_id=vApp&code_challenge="
    )));
    assert!(url.contains("&code_challenge_method=S256&"));
    assert!(url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback"));
    let state = query(&url.replace("#/login/parent?", "?"), "state").unwrap();
    assert_eq!(state.len(), 32);

    let redirect = h.schoolsoft_browser_login(&url).await.unwrap();
    // SchoolSoft echoes the state to the registered redirect, with a short code.
    assert!(
        redirect.starts_with(&format!("{REDIRECT}?code=")),
        "{redirect}"
    );
    assert_eq!(query(&redirect, "state").as_deref(), Some(state.as_str()));
    assert_eq!(query(&redirect, "code").unwrap().len(), 6);
    assert_eq!(h.schoolsoft_oauth_counts().0, 1);

    // Waiting for the hand-back is "pending"; then the login completes.
    let back = flow.browser_return().unwrap();
    let driver = tokio::spawn(drive_login(flow, options(), |_| {}, std::future::pending()));
    tokio::time::sleep(Duration::from_millis(30)).await;
    assert!(!driver.is_finished());
    back.hand_back(&redirect).unwrap();
    let user = driver.await.unwrap().unwrap();
    assert_eq!(
        (user.first_name.as_str(), user.last_name.as_str()),
        fam::GUARDIAN
    );
    // The profile's personal number names the account, as a GrandID BankID login would.
    assert_eq!(
        p.saved_session().unwrap().account,
        EmulatorConfig::account_of(EmulatorConfig::DEMO_GUARDIAN)
    );

    // Reads for both children: each bound by its own cookie exchange and checked.
    let kids = p.children().await.unwrap();
    assert_eq!(kids.len(), 2);
    for kid in &kids {
        let news = p.news(kid).await.unwrap();
        assert!(!news.is_empty());
        assert!(news.iter().all(|n| n.child_id == kid.id));
        let week = skolbryggan::model::IsoWeek::containing(skolbryggan::time::today());
        let lessons = p.timetable(kid, week).await.unwrap();
        assert!(lessons.iter().all(|l| l.child_id == kid.id));
    }
    // The login bound Alva; Bo took a second exchange (a bound session ignores the switch).
    let mut focus = h.schoolsoft_focus();
    focus.sort();
    assert_eq!(focus, ["17001", "17002"], "one web session per exchange");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorization_is_strict_about_redirect_state_challenge_and_client() {
    let h = start();
    let p = provider(&h);
    let flow = start_browser_login(&p).await;
    let url = flow.prompt().browser_url.unwrap();
    let saml_refused = |stop: Result<String, BrowserStop>| {
        assert_eq!(
            stop.unwrap_err(),
            BrowserStop::Status {
                step: "saml",
                status: 400
            }
        )
    };
    // A redirect_uri that is not loopback is refused before the IdP.
    saml_refused(
        h.schoolsoft_browser_login(&url.replace(
            "http%3A%2F%2F127.0.0.1%3A53682%2Fcallback",
            "https%3A%2F%2Fevil.example%2Fcallback",
        ))
        .await,
    );
    // No state, a plain challenge, another client: refused too.
    // The state as written in the address (percent-encoded).
    let state = url
        .split("&state=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    saml_refused(
        h.schoolsoft_browser_login(&url.replace(&format!("&state={state}"), ""))
            .await,
    );
    saml_refused(
        h.schoolsoft_browser_login(
            &url.replace("code_challenge_method=S256", "code_challenge_method=plain"),
        )
        .await,
    );
    saml_refused(
        h.schoolsoft_browser_login(&url.replace("client_id=vApp", "client_id=other"))
            .await,
    );
    assert_eq!(
        h.schoolsoft_oauth_counts().0,
        0,
        "no code for a refused authorization"
    );

    // A redirect whose state is not this login's is refused by the provider.
    let redirect = h.schoolsoft_browser_login(&url).await.unwrap();
    let forged = redirect.replace(&state, "someoneelsesstate0000000000000000");
    flow.browser_return().unwrap().hand_back(&forged).unwrap();
    let err = drive_login(flow, options(), |_| {}, std::future::pending())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Login(LoginFailure::Rejected(_))),
        "{err:?}"
    );
    assert!(p.saved_session().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_endpoint_refuses_a_wrong_verifier_a_reused_code_and_a_spent_refresh_token() {
    let h = start();
    let c = common::manual(&h);
    // A PKCE pair of our own (RFC 7636 appendix B).
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    let authorize = |state: &str| {
        format!(
            "{TENANT}react/#/login/parent?client_id=vApp&code_challenge={challenge}&code_challenge_method=S256&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&state={state}&response_type=code"
        )
    };
    let token = |query: String| {
        let c = c.clone();
        async move {
            let r = c
                .post(format!("{TENANT}rest-api/login/token?{query}"))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            (
                status,
                r.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    };
    let code_of = |redirect: &str| query(redirect, "code").unwrap();

    // The wrong verifier is refused, and the code is spent by the attempt.
    let code = code_of(&h.schoolsoft_browser_login(&authorize("s1")).await.unwrap());
    let wrong = "x".repeat(64);
    let (status, _) = token(format!(
        "clientId=vApp&grantType=code&code={code}&codeVerifier={wrong}"
    ))
    .await;
    assert_eq!(status, 400);
    let (status, body) = token(format!(
        "clientId=vApp&grantType=code&code={code}&codeVerifier={verifier}"
    ))
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["message"], "Ingen aktiv inloggnings-session");

    // The right verifier: a pair once; the same code again is refused.
    let code = code_of(&h.schoolsoft_browser_login(&authorize("s2")).await.unwrap());
    let good = format!("clientId=vApp&grantType=code&code={code}&codeVerifier={verifier}");
    let (status, pair) = token(good.clone()).await;
    assert_eq!(status, 200);
    assert_eq!(pair["type"], "Bearer");
    assert!(pair.get("expires").is_none());
    let parsed = skolbryggan::provider::schoolsoft::parse::parse_token(&pair.to_string()).unwrap();
    let exp = parsed.expires_at.unwrap();
    assert!((exp - jiff::Timestamp::now().as_second() - 900).abs() < 5);
    let (status, _) = token(good).await;
    assert_eq!(status, 404, "a code is good once");
    // A GET is not the token endpoint's method.
    let r = c
        .get(format!(
            "{TENANT}rest-api/login/token?grantType=code&code=x"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 405);

    // Refresh rotates: the new token works, the spent one is refused.
    let first = pair["refresh_token"].as_str().unwrap().to_owned();
    let (status, rotated) = token(format!(
        "clientId=vApp&grantType=refresh_token&refreshToken={first}"
    ))
    .await;
    assert_eq!(status, 200);
    assert_ne!(rotated["refresh_token"], pair["refresh_token"]);
    let (status, _) = token(format!(
        "clientId=vApp&grantType=refresh_token&refreshToken={first}"
    ))
    .await;
    assert_eq!(status, 404);

    // A pupil's client id gives a code whose token step fails.
    let pupil = authorize("s3").replace("client_id=vApp", "client_id=eApp");
    let code = code_of(&h.schoolsoft_browser_login(&pupil).await.unwrap());
    let (status, body) = token(format!(
        "clientId=eApp&grantType=code&code={code}&codeVerifier={verifier}"
    ))
    .await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Vi kunde inte hitta användaren")
    );

    // The Eva API wants the Bearer token; the cookie exchange wants all its headers.
    let access = rotated["access_token"].as_str().unwrap();
    let r = c
        .get(format!("{TENANT}eva/api/v1/parent"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let r = c
        .get(format!("{TENANT}eva/api/v1/parent"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let exchange = |child: &str| {
        c.get(format!("{TENANT}eva-apps/auth/login/parent"))
            .header("token", access)
            .header("userId", fam::EVA_USER_ID)
            .header("orgId", fam::ORG_ID)
            .header("childInFocus", child)
    };
    let r = exchange("99999").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("?error=other")
    );
    assert!(r.headers().get("set-cookie").is_none());
    let r = exchange("17002").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let names: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split('=').next().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["JSESSIONID", "hash", "usertype", "clientType"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_web_session_is_rebuilt_from_the_tokens_and_dead_tokens_expire_the_session() {
    let h = start();
    let (p, alva, bo) = logged_in(&h).await;
    let (_, refreshes) = h.schoolsoft_oauth_counts();

    // The web session dies: the next read exchanges the token again, silently.
    h.expire_schoolsoft_sessions();
    assert!(!p.news(&alva).await.unwrap().is_empty());
    // The access token dies too: a refresh (rotating) and an exchange, still silent.
    h.expire_schoolsoft_sessions();
    h.expire_schoolsoft_access_tokens();
    assert!(!p.news(&bo).await.unwrap().is_empty());
    assert_eq!(h.schoolsoft_oauth_counts().1, refreshes + 1);

    // The saved session carries the rotated tokens: a fresh provider resumes from it.
    let saved = p.saved_session().unwrap();
    h.expire_schoolsoft_sessions();
    let again = provider(&h);
    let user = again.resume(&saved).await.unwrap();
    assert_eq!(user.first_name, fam::GUARDIAN.0);

    // Every token dead: a typed expiry, for reads and for a resume.
    h.expire_schoolsoft_sessions();
    h.revoke_schoolsoft_tokens();
    let err = again.news(&alva).await.unwrap_err();
    assert!(matches!(err, Error::SessionExpired { .. }), "{err:?}");
    let err = provider(&h).resume(&saved).await.unwrap_err();
    assert!(matches!(err, Error::SessionExpired { .. }), "{err:?}");
}
