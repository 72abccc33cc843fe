//! Session-aware content against the emulator: news images and attachments loaded with the
//! platform's session and cached sealed, offline reads, third-party URLs refused without a
//! request, cookies scoped to their hosts, the size cap and least-recently-used eviction.

use skolbryggan::Error;
use skolbryggan::cache::ContentLimits;
use skolbryggan::client::Client;
use skolbryggan::model::Platform;
use url::Url;

use crate::support;

/// A banner URL of the same shape as the news items', for file `name`.
fn banner(name: &str) -> String {
    format!("https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url={name}")
}

const ATTACHMENT: &str =
    "https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsAttachment?id=kallelse.pdf";

/// The banner image URL of the first news item the client has cached.
async fn first_news_image(client: &Client) -> String {
    support::refresh_week(client).await;
    let news = client.news(None).await.unwrap().value;
    news.iter()
        .find_map(|n| n.image.as_ref().map(|i| i.url.clone()))
        .expect("a news item with an image")
}

#[tokio::test]
async fn a_news_image_loads_with_the_session_and_is_then_served_from_the_cache_offline() {
    let emu = support::sample_emulator();
    let logged = support::logged_in(&emu, Platform::Stockholm).await;
    let url = first_news_image(&logged.client).await;
    let before = emu.request_count("NewsBanner");

    let image = logged.client.load_content(&url).await.unwrap();
    assert_eq!(image.media_type, "image/png");
    assert!(image.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(emu.request_count("NewsBanner"), before + 1);

    // Cached: the second read sends nothing, and works with the emulator gone.
    let again = logged.client.load_content(&url).await.unwrap();
    assert_eq!(again, image);
    assert_eq!(emu.request_count("NewsBanner"), before + 1);
    drop(emu);
    let offline = logged.client.load_content(&url).await.unwrap();
    assert_eq!(offline, image);
    // Another URL is not cached, and offline it is a network error, not empty content.
    let err = logged
        .client
        .load_content(&banner("other.png"))
        .await
        .unwrap_err();
    assert!(err.is_transient(), "{err:?}");
}

#[tokio::test]
async fn the_content_is_stored_sealed() {
    let emu = support::sample_emulator();
    let logged = support::logged_in(&emu, Platform::Stockholm).await;
    let pdf = logged.client.load_content(ATTACHMENT).await.unwrap();
    logged.client.engine().cache().checkpoint().unwrap();
    let needle = pdf.bytes[..24].to_vec();
    for entry in std::fs::read_dir(logged.dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
            "the attachment's bytes are in a file in plain text"
        );
    }
}

#[tokio::test]
async fn an_attachment_served_as_octet_stream_is_typed_by_its_first_bytes() {
    let emu = support::sample_emulator();
    let logged = support::logged_in(&emu, Platform::Stockholm).await;
    let pdf = logged.client.load_content(ATTACHMENT).await.unwrap();
    assert_eq!(pdf.media_type, "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert_eq!(emu.request_count("NewsAttachment"), 1);
}

#[tokio::test]
async fn the_emulator_refuses_content_without_the_session_like_the_real_servers() {
    let emu = support::sample_emulator();
    let logged = support::logged_in(&emu, Platform::Stockholm).await;
    emu.expire_all_sessions();
    let err = logged.client.load_content(ATTACHMENT).await.unwrap_err();
    assert!(matches!(err, Error::SessionExpired { .. }), "{err:?}");
    let (count, _) = logged.client.engine().cache().content_usage().unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_third_party_url_is_refused_and_never_requested() {
    let emu = support::sample_emulator();
    let logged = support::logged_in(&emu, Platform::Stockholm).await;
    emu.reset_request_log();
    for url in [
        "https://example.com/banner.png",
        "https://etjanster.stockholm.se.example.com/banner.png",
        "http://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=a.png",
    ] {
        let err = logged.client.load_content(url).await.unwrap_err();
        assert!(matches!(err, Error::NotPlatformHost), "{url}: {err:?}");
        let err = logged.client.session_cookies(url).unwrap_err();
        assert!(matches!(err, Error::NotPlatformHost), "{url}: {err:?}");
    }
    // A host of a platform that is not logged in: not fetched with Stockholm's session.
    let err = logged
        .client
        .load_content("https://hub.infomentor.se/images/a.png")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotLoggedIn), "{err:?}");
    assert!(
        logged
            .client
            .session_cookies("https://hub.infomentor.se/")
            .unwrap()
            .is_empty()
    );
    assert_eq!(emu.request_log().total, 0, "{:?}", emu.request_log().recent);
}

#[tokio::test]
async fn session_cookies_are_scoped_to_the_urls_host_and_path() {
    let emu = support::sample_emulator();
    let logged = support::logged_in(&emu, Platform::Stockholm).await;
    let url = "https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem";
    let cookies = logged.client.session_cookies(url).unwrap();
    assert!(cookies.iter().any(|c| c.name == "SMSESSION"), "{cookies:?}");
    let parsed = Url::parse(url).unwrap();
    let host = parsed.host_str().unwrap();
    for c in &cookies {
        assert!(
            host == c.domain || host.ends_with(&format!(".{}", c.domain)),
            "{c:?} is not for {host}"
        );
        assert!(parsed.path().starts_with(&c.path), "{c:?}");
        assert!(!c.value.is_empty());
    }
    // Skola24's host-only cookies are not handed out for the e-services, nor the other way.
    let skola24 = logged
        .client
        .session_cookies("https://websthlm.skola24.se/")
        .unwrap();
    for c in &skola24 {
        assert!(
            "websthlm.skola24.se".ends_with(&c.domain),
            "{c:?} handed to websthlm.skola24.se"
        );
    }
    assert!(cookies.iter().all(|c| !c.domain.ends_with("skola24.se")));
}

#[tokio::test]
async fn an_item_over_the_size_cap_is_refused_and_not_stored() {
    let emu = support::sample_emulator();
    let logged = support::logged_in_with(&emu, Platform::Stockholm, |b| {
        b.content_limits(ContentLimits {
            max_item_bytes: 40,
            max_total_bytes: 1_000_000,
        })
    })
    .await;
    let err = logged
        .client
        .load_content(&banner("big.png"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ContentTooLarge { limit: 40 }),
        "{err:?}"
    );
    assert_eq!(
        logged.client.engine().cache().content_usage().unwrap(),
        (0, 0)
    );
}

#[tokio::test]
async fn beyond_the_total_cap_the_least_recently_used_item_is_evicted() {
    let emu = support::sample_emulator();
    // Measure one sealed banner, then allow two and a half.
    let probe = support::logged_in(&emu, Platform::Stockholm).await;
    probe
        .client
        .load_content(&banner("probe.png"))
        .await
        .unwrap();
    let (_, one) = probe.client.engine().cache().content_usage().unwrap();
    let logged = support::logged_in_with(&emu, Platform::Stockholm, |b| {
        b.content_limits(ContentLimits {
            max_item_bytes: 1_000_000,
            max_total_bytes: one * 5 / 2,
        })
    })
    .await;
    let client = &logged.client;
    let (a, b, c) = (banner("a.png"), banner("b.png"), banner("c.png"));
    client.load_content(&a).await.unwrap();
    client.load_content(&b).await.unwrap();
    client.load_content(&a).await.unwrap(); // a is now the most recently used
    let fetched = emu.request_count("NewsBanner");
    client.load_content(&c).await.unwrap(); // evicts b
    assert_eq!(emu.request_count("NewsBanner"), fetched + 1);
    let (count, total) = client.engine().cache().content_usage().unwrap();
    assert_eq!(count, 2);
    assert!(total <= one * 5 / 2);

    client.load_content(&a).await.unwrap();
    client.load_content(&c).await.unwrap();
    assert_eq!(
        emu.request_count("NewsBanner"),
        fetched + 1,
        "a and c are cached"
    );
    client.load_content(&b).await.unwrap();
    assert_eq!(
        emu.request_count("NewsBanner"),
        fetched + 2,
        "b was evicted"
    );
}

#[tokio::test]
async fn a_content_redirect_off_the_platforms_own_hosts_is_refused_without_a_request() {
    use skolbryggan_emulator::{Fault, FaultEffect, FaultRule};

    let emu = support::sample_emulator();
    let logged = support::logged_in(&emu, Platform::Stockholm).await;
    let redirect_once = |location: &str| FaultRule {
        endpoint: "NewsBanner".to_owned(),
        host: Some("etjanster.stockholm.se".to_owned()),
        fault: Fault::effect(FaultEffect::Redirect {
            location: location.to_owned(),
        }),
        times: Some(1),
    };
    type Expect = fn(&Error) -> bool;
    let cases: [(&str, Expect); 6] = [
        // Another platform's host, served by the emulator: a request would be in its log.
        ("https://hub.infomentor.se/images/a.png", |e| {
            matches!(e, Error::NotPlatformHost)
        }),
        ("https://websthlm.skola24.se.example.com/a.png", |e| {
            matches!(e, Error::NotPlatformHost)
        }),
        ("https://example.com/banner.png", |e| {
            matches!(e, Error::NotPlatformHost)
        }),
        // The platform's own host, but over plain HTTP or on another port.
        (
            "http://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=a.png",
            |e| matches!(e, Error::NotPlatformHost),
        ),
        (
            "https://etjanster.stockholm.se:8443/Vardnadshavare/inloggad2/NewsBanner?url=a.png",
            |e| matches!(e, Error::NotPlatformHost),
        ),
        // Its login host: the session is gone.
        (
            "https://login001.stockholm.se/affwebservices/public/saml2sso",
            |e| matches!(e, Error::SessionExpired { .. }),
        ),
    ];
    for (i, (location, expected)) in cases.iter().enumerate() {
        emu.reset_request_log();
        emu.add_fault(redirect_once(location));
        let err = logged
            .client
            .load_content(&banner(&format!("moved-{i}.png")))
            .await
            .unwrap_err();
        assert!(expected(&err), "{location}: {err:?}");
        let log = emu.request_log();
        assert_eq!(
            log.total, 1,
            "{location}: only the redirecting request was made: {:?}",
            log.recent
        );
        assert_eq!(log.recent[0].endpoint, "NewsBanner");
        assert_eq!(log.host_count("hub.infomentor.se"), 0);
        assert_eq!(log.host_count("login001.stockholm.se"), 0);
    }
    assert!(emu.faults().is_empty(), "every redirect was served");
    assert_eq!(
        logged.client.engine().cache().content_usage().unwrap().0,
        0,
        "nothing refused was cached"
    );

    // A redirect that stays on the platform's own hosts is followed (the check is not a
    // blanket refusal).
    emu.reset_request_log();
    emu.add_fault(redirect_once(&banner("target.png")));
    let image = logged
        .client
        .load_content(&banner("moved-here.png"))
        .await
        .unwrap();
    assert!(image.bytes.starts_with(b"\x89PNG"));
    assert_eq!(emu.request_log().total, 2);
}
