//! Transport behaviour against crafted answers from a loopback server.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::test_server::{Reply, serve};
use super::*;
use crate::error::Error;

fn client() -> HttpClient {
    HttpClient::new(&HttpConfig::default().request_timeout(Duration::from_secs(5))).unwrap()
}

#[tokio::test]
async fn sends_browser_user_agent_and_headers() {
    let server = serve(Arc::new(|_| {
        Reply::full("200 OK", &[("content-type", "application/json")], "{}")
    }))
    .await;
    let req = HttpRequest::get("GetChildren", &format!("{}/x", server.base))
        .unwrap()
        .header("x-xsrf-token", "tok");
    let resp = client().send(&req).await.unwrap();
    assert_eq!(resp.status(), 200);
    let head = server.requests.lock().unwrap()[0].to_lowercase();
    assert!(head.contains(&format!(
        "user-agent: {}",
        BROWSER_USER_AGENT.to_lowercase()
    )));
    assert!(head.contains("x-xsrf-token: tok"));
}

#[tokio::test]
async fn timeout_is_typed() {
    let server = serve(Arc::new(|_| {
        Reply::full("200 OK", &[], "{}").after(Duration::from_secs(3))
    }))
    .await;
    let req = HttpRequest::get("GetSchema", &format!("{}/slow", server.base))
        .unwrap()
        .timeout(Duration::from_millis(200));
    let err = client().send(&req).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { ref endpoint } if endpoint == "GetSchema"),
        "{err:?}"
    );
}

#[tokio::test]
async fn truncated_body_is_a_network_error() {
    let server = serve(Arc::new(|_| {
        Reply::raw(
            "HTTP/1.1 200 OK\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{\"Success\":tr",
        )
    }))
    .await;
    let req = HttpRequest::get("GetNewsArchive", &format!("{}/t", server.base)).unwrap();
    let err = client().send(&req).await.unwrap_err();
    // Connected, then the answer broke off: a network failure, not "offline".
    assert!(
        matches!(err, Error::Network { ref endpoint, offline: false, .. } if endpoint == "GetNewsArchive"),
        "{err:?}"
    );
    assert!(err.is_transient());
}

#[tokio::test]
async fn garbage_instead_of_http_is_a_network_error() {
    let server = serve(Arc::new(|_| Reply::raw("this is not http\r\n\r\n"))).await;
    let req = HttpRequest::get("GetChildren", &format!("{}/g", server.base)).unwrap();
    assert!(matches!(
        client().send(&req).await,
        Err(Error::Network { .. })
    ));
}

#[tokio::test]
async fn refused_connection_is_a_network_error_without_the_url() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let req = HttpRequest::get(
        "NECSadcmbid",
        &format!("http://{addr}/x?personalNumber=191212121212"),
    )
    .unwrap();
    let err = client().send(&req).await.unwrap_err();
    // No connection at all: offline, as an app shows it.
    assert!(
        matches!(err, Error::Network { offline: true, .. }),
        "{err:?}"
    );
    assert!(!err.to_string().contains("191212121212"));
}

#[tokio::test]
async fn oversized_body_is_refused() {
    let big = "x".repeat(2048);
    let server = serve(Arc::new(move |_| Reply::full("200 OK", &[], &big))).await;
    let config = HttpConfig {
        max_body_bytes: 1024,
        ..HttpConfig::default()
    };
    let req = HttpRequest::get("GetNewsArchive", &format!("{}/big", server.base)).unwrap();
    let err = HttpClient::new(&config)
        .unwrap()
        .send(&req)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Parse { .. }), "{err:?}");
}

#[tokio::test]
async fn follow_collects_cookies_on_every_hop() {
    let server = serve(Arc::new(|head: &str| {
        if head.starts_with("POST /start") {
            Reply::full(
                "302 Found",
                &[("location", "/second"), ("set-cookie", "A=1; path=/")],
                "",
            )
        } else if head.starts_with("GET /second") {
            Reply::full(
                "303 See Other",
                &[
                    ("location", "/final"),
                    ("set-cookie", "SMSESSION=s; path=/; HttpOnly"),
                ],
                "",
            )
        } else {
            let ok = head.contains("A=1") && head.contains("SMSESSION=s");
            Reply::full(
                "200 OK",
                &[("content-type", "text/html")],
                if ok {
                    "<html>ok</html>"
                } else {
                    "<html>no</html>"
                },
            )
        }
    }))
    .await;
    let http = client();
    let req = HttpRequest::post("SiteMinderAuthADC", &format!("{}/start", server.base))
        .unwrap()
        .form(&[("a", "b")])
        .login_flow();
    let resp = http.follow(req).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.url().path(), "/final");
    assert_eq!(resp.redirects().len(), 2);
    assert_eq!(resp.html_text().unwrap(), "<html>ok</html>");
    let secret = http.jar().to_secret().unwrap();
    let restored = CookieJar::from_secret(&secret).unwrap();
    assert_eq!(
        restored.value_for(resp.url(), "SMSESSION").as_deref(),
        Some("s")
    );
    // The second hop was a GET without body.
    let second = server.requests.lock().unwrap()[1].clone();
    assert!(second.starts_with("GET /second"));
}

#[tokio::test]
async fn follow_stops_at_a_login_redirect_for_data_calls() {
    let server = serve(Arc::new(|_| {
        Reply::full(
            "302 Found",
            &[(
                "location",
                "https://login001.stockholm.se/siteminderagent/forms/login.fcc",
            )],
            "",
        )
    }))
    .await;
    let req = HttpRequest::get("GetChildren", &format!("{}/GetChildren", server.base)).unwrap();
    // The provider hands its login hosts to the configuration; this layer knows none itself.
    const LOGIN: &[HostPattern] = &[HostPattern::new("login###.stockholm.se")];
    let with_login_hosts = HttpClient::new(
        &HttpConfig::default()
            .request_timeout(Duration::from_secs(5))
            .for_provider(&[], LOGIN),
    )
    .unwrap();
    let err = with_login_hosts.follow(req.clone()).await.unwrap_err();
    assert!(matches!(err, Error::SessionExpired { ref endpoint } if endpoint == "GetChildren"));
    // One hop only: the login server was never contacted.
    let resp = with_login_hosts.send(&req).await.unwrap();
    assert!(matches!(
        resp.json_text(),
        Err(Error::SessionExpired { .. })
    ));
    assert_eq!(server.requests.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn redirect_loops_end() {
    let server = serve(Arc::new(|_| {
        Reply::full("302 Found", &[("location", "/again")], "")
    }))
    .await;
    let config = HttpConfig {
        max_redirects: 3,
        ..HttpConfig::default()
    };
    let req = HttpRequest::get("SiteMinderAuthADC", &format!("{}/loop", server.base))
        .unwrap()
        .login_flow();
    let err = HttpClient::new(&config)
        .unwrap()
        .follow(req)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Upstream {
                status: Some(302),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.requests.lock().unwrap().len(), 4);
}

#[tokio::test]
async fn rate_limit_answer_is_typed() {
    let server = serve(Arc::new(|_| {
        Reply::full("429 Too Many Requests", &[("retry-after", "12")], "")
    }))
    .await;
    let req = HttpRequest::get("GetChildren", &format!("{}/r", server.base)).unwrap();
    let resp = client().send(&req).await.unwrap();
    assert!(matches!(
        resp.json_text(),
        Err(Error::RateLimited { retry_after: Some(d), .. }) if d == Duration::from_secs(12)
    ));
}

#[tokio::test]
async fn concurrency_is_bounded() {
    let server = serve(Arc::new(|_| {
        Reply::full("200 OK", &[], "{}").after(Duration::from_millis(60))
    }))
    .await;
    let config = HttpConfig {
        max_concurrent_requests: 2,
        ..HttpConfig::default()
    };
    let http = HttpClient::new(&config).unwrap();
    let mut tasks = Vec::new();
    for i in 0..8 {
        let http = http.clone();
        let url = format!("{}/c{i}", server.base);
        tasks.push(tokio::spawn(async move {
            http.send(&HttpRequest::get("c", &url).unwrap())
                .await
                .map(|r| r.status())
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap(), 200);
    }
    assert!(server.max_in_flight.load(Ordering::SeqCst) <= 2);
    assert!(server.max_in_flight.load(Ordering::SeqCst) >= 1);
}

#[tokio::test]
async fn emulator_mode_refuses_unknown_hosts() {
    let ca = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZ3yQ\n-----END CERTIFICATE-----\n";
    let config = HttpConfig::with_upstream(crate::upstream::UpstreamOverride {
        addr: "127.0.0.1:9".parse().unwrap(),
        ca_pem: ca.to_owned(),
    });
    // A CA that does not parse is an error, never a panic.
    if let Ok(http) = HttpClient::new(&config) {
        let req = HttpRequest::get("x", "https://example.org/").unwrap();
        assert!(matches!(http.send(&req).await, Err(Error::Network { .. })));
    }
}

/// A server on 127.0.0.1 that always redirects to `location`.
async fn redirecting_to(location: &'static str) -> super::test_server::TestServer {
    serve(Arc::new(move |_| {
        Reply::full("302 Found", &[("location", location)], "")
    }))
    .await
}

#[tokio::test]
async fn a_redirect_to_plain_http_is_refused_before_it_is_requested() {
    // SMSESSION has no Secure attribute: a hop to http: would carry it in clear.
    let server = redirecting_to("http://etjanster.stockholm.se/vardnadshavare/inloggad2/hem").await;
    for request in [
        HttpRequest::get("GetChildren", &format!("{}/a", server.base)).unwrap(),
        HttpRequest::get("saml2sso", &format!("{}/a", server.base))
            .unwrap()
            .login_flow(),
        HttpRequest::get("login.ashx", &format!("{}/a", server.base))
            .unwrap()
            .login_flow()
            .across_identity_providers(),
    ] {
        let err = client().follow(request).await.unwrap_err();
        assert!(
            matches!(err, Error::Upstream { ref message, status: None, .. } if message.contains("plain HTTP")),
            "{err:?}"
        );
    }
    // Three walks, one request each: the http: URL was never contacted.
    assert_eq!(server.requests.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn a_plain_http_request_is_refused_without_a_connection() {
    let err = client()
        .send(&HttpRequest::get("GetChildren", "http://etjanster.stockholm.se/x").unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Upstream { ref message, .. } if message.contains("only HTTPS")),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_redirect_off_the_platform_is_refused_for_data_calls_and_login_walks() {
    let server = redirecting_to("https://collector.example.org/steal").await;
    const HOSTS: &[&str] = &["etjanster.stockholm.se"];
    let platform = HttpClient::new(
        &HttpConfig::default()
            .request_timeout(Duration::from_secs(5))
            .for_provider(HOSTS, &[]),
    )
    .unwrap();
    for request in [
        HttpRequest::get("GetChildren", &format!("{}/a", server.base)).unwrap(),
        HttpRequest::get("saml2sso", &format!("{}/a", server.base))
            .unwrap()
            .login_flow(),
    ] {
        let err = platform.follow(request).await.unwrap_err();
        assert!(
            matches!(err, Error::Upstream { ref message, .. } if message.contains("collector.example.org")),
            "{err:?}"
        );
    }
    assert_eq!(server.requests.lock().unwrap().len(), 2);
    // A walk through a municipality's own IdP may leave: `transport_policy`'s unit tests
    // (no request here: it would leave loopback).
}
