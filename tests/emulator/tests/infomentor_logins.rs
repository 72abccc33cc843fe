//! InfoMentor beyond Stockholm against the emulator: the IM1 username/password login (every
//! read for both pupils afterwards, the "activate PIN" offer, a wrong password as a typed error
//! with nothing kept, the ASP.NET form's hidden fields), a second municipality's `idp` key for
//! the federated login, and resuming a saved session with the idp it was made with.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use jiff::civil::date;
use skolbryggan::Error;
use skolbryggan::error::LoginFailure;
use skolbryggan::http::HttpConfig;
use skolbryggan::model::{Child, IsoWeek};
use skolbryggan::provider::infomentor::InfoMentorProvider;
use skolbryggan::provider::{
    DateRange, DriveOptions, LoginMethod, LoginRequest, Password, Provider, drive_login,
};
use skolbryggan_emulator::{
    BankIdOutcome, BankIdScript, Emulator, EmulatorConfig, EmulatorHandle, IM1_PASSWORD,
    IM1_USERNAME, OTHER_IDP_KEY,
};

const TODAY: (i16, i8, i8) = (2026, 11, 25);

fn start() -> EmulatorHandle {
    let mut config =
        EmulatorConfig::new(EmulatorConfig::demo().family, EmulatorConfig::DEMO_GUARDIAN);
    config.today = Some(date(TODAY.0, TODAY.1, TODAY.2));
    config.bankid = BankIdScript {
        pending_polls: 2,
        user_sign_polls: 1,
        outcome: BankIdOutcome::Ok,
    };
    Emulator::start(config).unwrap()
}

fn provider(h: &EmulatorHandle) -> InfoMentorProvider {
    InfoMentorProvider::new(&HttpConfig::with_upstream(h.upstream_override())).unwrap()
}

fn options() -> DriveOptions {
    DriveOptions {
        interval: Duration::from_millis(5),
        timeout: Duration::from_secs(20),
        max_transient_errors: 3,
    }
}

fn password_request(username: &str, password: &str) -> LoginRequest {
    LoginRequest::Password {
        username: username.to_owned(),
        password: Password::new(password),
    }
}

async fn password_login(
    p: &InfoMentorProvider,
    username: &str,
    password: &str,
) -> Result<(), Error> {
    let flow = p.start_login(password_request(username, password)).await?;
    // No identity app: nothing to show.
    let prompt = flow.prompt();
    assert!(prompt.qr.is_none() && prompt.autostart_token.is_none());
    drive_login(flow, options(), |_| {}, std::future::pending())
        .await
        .map(|_| ())
}

async fn bankid_login(p: &InfoMentorProvider) {
    let flow = p
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: true,
        })
        .await
        .unwrap();
    drive_login(flow, options(), |_| {}, std::future::pending())
        .await
        .unwrap();
}

/// Every read of one child, as comparable text (ids included).
async fn every_read(p: &InfoMentorProvider, child: &Child) -> Vec<String> {
    let today = date(TODAY.0, TODAY.1, TODAY.2);
    let week = IsoWeek::containing(today);
    let range = DateRange::of_week(week);
    vec![
        format!("{:?}", p.news(child).await.unwrap()),
        format!("{:?}", p.calendar(child, range).await.unwrap()),
        format!("{:?}", p.notifications(child).await.unwrap()),
        format!("{:?}", p.timetable(child, week).await.unwrap()),
        format!("{:?}", p.classmates(child).await.unwrap()),
        format!("{:?}", p.teachers(child).await.unwrap()),
        format!("{:?}", p.assignments(child).await.unwrap()),
        format!("{:?}", p.attendance(child).await.unwrap()),
        format!("{:?}", p.care_times(child, range).await.unwrap()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_login_reads_every_child_like_bankid() {
    let h = start();
    let p = provider(&h);
    assert!(
        p.capabilities()
            .login_methods
            .contains(&LoginMethod::Password)
    );
    password_login(&p, IM1_USERNAME, IM1_PASSWORD)
        .await
        .unwrap();
    assert_eq!(h.infomentor_session_count(), 1);
    let user = p.user().await.unwrap();
    let kids = p.children().await.unwrap();
    assert_eq!(kids.len(), 2);
    assert_eq!(kids[1].first_name, "Bo");

    // The same guardian through BankID sees exactly the same data (same ids).
    let b = provider(&h);
    bankid_login(&b).await;
    assert_eq!(b.user().await.unwrap(), user);
    let bankid_kids = b.children().await.unwrap();
    assert_eq!(bankid_kids, kids);
    for (kid, bankid_kid) in kids.iter().zip(&bankid_kids) {
        let reads = every_read(&p, kid).await;
        assert!(reads[0].contains("NewsItem"), "news read: {}", reads[0]);
        assert_eq!(
            reads,
            every_read(&b, bankid_kid).await,
            "{}",
            kid.first_name
        );
    }
    assert!(
        p.news(&kids[1])
            .await
            .unwrap()
            .iter()
            .all(|n| n.title.starts_with("Bo: "))
    );

    // The session is saved as a password session and resumes after a restart.
    let saved = p.saved_session().unwrap();
    assert!(!format!("{saved:?}").contains(IM1_PASSWORD));
    assert!(!saved.secret.contains(IM1_PASSWORD) && !saved.secret.contains(IM1_USERNAME));
    let restarted = provider(&h);
    assert_eq!(restarted.resume(&saved).await.unwrap(), user);
    assert_eq!(restarted.children().await.unwrap(), kids);

    // Expired: a password session cannot log in again silently (the password is not kept).
    h.expire_infomentor_sessions();
    assert!(matches!(
        restarted.news(&kids[0]).await,
        Err(Error::SessionExpired { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_login_declines_the_pin_offer_and_ignores_username_case() {
    let h = start();
    h.set_infomentor_pin_offer(true);
    let p = provider(&h);
    password_login(&p, &IM1_USERNAME.to_uppercase(), IM1_PASSWORD)
        .await
        .unwrap();
    assert_eq!(p.children().await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_is_typed_and_leaves_nothing() {
    let h = start();
    let p = provider(&h);
    let err = password_login(&p, IM1_USERNAME, "fel-lösenord")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Login(LoginFailure::InvalidCredentials)),
        "{err:?}"
    );
    assert!(!err.to_string().contains(IM1_USERNAME));
    assert!(p.saved_session().is_none());
    assert_eq!(h.infomentor_session_count(), 0);
    assert!(p.session_headers("https://hub.infomentor.se/").is_empty());
    // An unknown user as well; empty input never reaches the server.
    assert!(matches!(
        password_login(&p, "okand@example.com", IM1_PASSWORD).await,
        Err(Error::Login(LoginFailure::InvalidCredentials))
    ));
    assert!(matches!(
        p.start_login(password_request(" ", "x")).await.err(),
        Some(Error::InvalidInput(_))
    ));
    // Changed password upstream: the old one is refused, the new one works.
    h.set_infomentor_im1_account(IM1_USERNAME, "Nytt-2026");
    assert!(
        password_login(&p, IM1_USERNAME, IM1_PASSWORD)
            .await
            .is_err()
    );
    password_login(&p, IM1_USERNAME, "Nytt-2026").await.unwrap();
    assert!(p.saved_session().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_municipality_idp_and_resume_keeps_it() {
    let h = start();
    let p = provider(&h);
    let orgs = p.organisations("stock").await.unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].id, "stockholm_par");
    assert!(p.organisations("Göteborg").await.unwrap().is_empty());
    assert!(matches!(
        p.set_organisation("a&idp=b"),
        Err(Error::InvalidInput(_))
    ));

    p.set_organisation(OTHER_IDP_KEY).unwrap();
    h.reset_request_log();
    bankid_login(&p).await;
    let log = format!("{:?}", h.request_log());
    assert!(log.contains("idp.exempelkommun.se"), "{log}");
    assert!(!log.contains("login001.stockholm.se"), "{log}");
    let kids = p.children().await.unwrap();
    assert_eq!(kids.len(), 2);
    let saved = p.saved_session().unwrap();

    // A new provider (default Stockholm) resumes with the saved idp: its silent re-login goes
    // to the municipality's IdP (whose session is live), not to Stockholm's.
    let restarted = provider(&h);
    restarted.resume(&saved).await.unwrap();
    h.expire_infomentor_sessions();
    h.reset_request_log();
    assert!(!restarted.news(&kids[0]).await.unwrap().is_empty());
    let log = format!("{:?}", h.request_log());
    assert!(log.contains("idp.exempelkommun.se"), "{log}");
    assert!(!log.contains("stockholm.se"), "{log}");

    // An idp key InfoMentor does not know: a typed login failure.
    let q = provider(&h);
    q.set_organisation("okand_kommun").unwrap();
    let err = q
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: true,
        })
        .await
        .err()
        .unwrap();
    assert!(matches!(err, Error::Login(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn im1_form_is_strict_like_asp_net() {
    let h = start();
    let http = reqwest_like(&h);
    // A postback without the view state is ASP.NET's 500, not a login.
    let (status, _) = http
        .post_form(
            "https://infomentor.se/swedish/production/mentor/",
            &[
                ("__VIEWSTATE", "bogus"),
                ("login_ascx$txtNotandanafn", IM1_USERNAME),
                ("login_ascx$txtLykilord", IM1_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 500);
    // The start page is the form, with its hidden fields.
    let (status, body) = http
        .get("https://infomentor.se/swedish/production/mentor/")
        .await;
    assert_eq!(status, 200);
    for field in [
        "__VIEWSTATE",
        "__VIEWSTATEGENERATOR",
        "__EVENTVALIDATION",
        "login_ascx$txtLykilord",
    ] {
        assert!(body.contains(field), "{field}");
    }
    // A token nobody issued is refused.
    let (status, _) = http
        .post_form(
            "https://infomentor.se/swedish/production/mentor/",
            &[("oauth_token", "made-up")],
        )
        .await;
    assert_eq!(status, 302);
}

/// A bare HTTP client on the emulator (no redirects followed).
struct Bare(skolbryggan::http::HttpClient);

fn reqwest_like(h: &EmulatorHandle) -> Bare {
    let config = HttpConfig::with_upstream(h.upstream_override()).for_provider(
        skolbryggan::provider::infomentor::HOSTS,
        skolbryggan::provider::infomentor::LOGIN_HOSTS,
    );
    Bare(skolbryggan::http::HttpClient::new(&config).unwrap())
}

impl Bare {
    async fn get(&self, url: &str) -> (u16, String) {
        let r = self
            .0
            .send(&skolbryggan::http::HttpRequest::get("t", url).unwrap())
            .await
            .unwrap();
        (r.status(), r.text().into_owned())
    }

    async fn post_form(&self, url: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let r = self
            .0
            .send(
                &skolbryggan::http::HttpRequest::post("t", url)
                    .unwrap()
                    .form(fields),
            )
            .await
            .unwrap();
        (r.status(), r.text().into_owned())
    }
}
