//! Cookies only to their own hosts, end to end: one client logged in to Stockholm (with
//! Skola24), InfoMentor and SchoolSoft, another to Vklass, each refreshed, and every request
//! the emulator saw checked by the names of the cookies it carried.
//!
//! Stockholm's SiteMinder `SMSESSION` is set for `.stockholm.se` (`docs/upstream/stockholm.md`),
//! so a browser sends it to every `*.stockholm.se` host; InfoMentor's login walk goes through
//! `login001`/`login003.stockholm.se` (they are in its registry hosts: the shared sign-on), and
//! nothing else may carry it: not Skola24, not the InfoMentor, SchoolSoft or Vklass hosts. The
//! Hub's, Skola24's, SchoolSoft's and Vklass's cookies stay on their own domains.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use skolbryggan::client::{Client, ClientBuilder, SessionState};
use skolbryggan::http::CookieJar;
use skolbryggan::model::Platform;
use skolbryggan::provider::LoginRequest;
use skolbryggan::provider::registry::{ENTRIES, all_hosts};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::RefreshRequest;
use skolbryggan::testing::scanners::cookies_under;
use skolbryggan_emulator::{Emulator, EmulatorConfig, EmulatorHandle, LoggedRequest, RequestLog};

use crate::support;

/// The login servers whose host-only cookies a jar may hold besides the registry hosts.
const EXTRA_HOSTS: &[&str] = &["login.grandid.com", "authpub.goteborg.se"];

/// The registrable domains of every emulated platform.
const DOMAINS: &[&str] = &[
    "stockholm.se",
    "skola24.se",
    "infomentor.se",
    "schoolsoft.se",
    "grandid.com",
    "vklass.se",
    "goteborg.se",
    "funktionstjanster.se",
];

/// True when a cookie of `domain` (host-only or a `Domain` attribute) may go to `host`.
fn domain_matches(host: &str, domain: &str) -> bool {
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// Each cookie name the client holds, with the domains it is set for: from the cookies it would
/// hand to each host and from the jars in its saved sessions.
fn cookie_domains(client: &Client) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let hosts: Vec<&str> = all_hosts()
        .into_iter()
        .chain(EXTRA_HOSTS.iter().copied())
        .collect();
    for host in &hosts {
        if let Ok(cookies) = client.session_cookies(&format!("https://{host}/")) {
            for c in cookies {
                out.entry(c.name).or_default().insert(c.domain);
            }
        }
    }
    let account = client.account().unwrap();
    let mut jars = Vec::new();
    for entry in ENTRIES {
        if let Ok(Some(saved)) = client.engine().cache().session(&account, entry.name) {
            collect_jars(&saved.secret, &mut jars);
        }
    }
    // Every cookie of the saved jars, whatever its path.
    for jar in jars {
        for domain in DOMAINS {
            for c in cookies_under(&jar, domain) {
                out.entry(c.name).or_default().insert(c.domain);
            }
        }
    }
    out
}

/// Every cookie jar in a saved-session secret (the secret itself, or a JSON string inside it).
fn collect_jars(text: &str, jars: &mut Vec<CookieJar>) {
    if let Ok(jar) = CookieJar::from_secret(text)
        && !jar.is_empty()
    {
        jars.push(jar);
        return;
    }
    fn walk(v: &serde_json::Value, jars: &mut Vec<CookieJar>) {
        match v {
            serde_json::Value::String(s) if s.starts_with('[') || s.starts_with('{') => {
                collect_jars(s, jars);
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, jars)),
            serde_json::Value::Object(map) => map.values().for_each(|i| walk(i, jars)),
            _ => {}
        }
    }
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
        walk(&json, jars);
    }
}

/// The log since the last reset, complete (fewer requests than the log keeps).
fn complete_log(emu: &EmulatorHandle, stage: &str) -> RequestLog {
    let log = emu.request_log();
    assert!(
        log.total as usize <= RequestLog::KEEP,
        "{stage}: {} requests: the log keeps only {}",
        log.total,
        RequestLog::KEEP
    );
    assert_eq!(log.recent.len() as u64, log.total);
    log
}

fn describe(r: &LoggedRequest) -> String {
    format!(
        "{} https://{}{} with {:?}",
        r.method, r.host, r.path, r.cookies
    )
}

/// The checks on every request of `log`; returns how many carried a cookie.
fn check(stage: &str, log: &RequestLog, domains: &BTreeMap<String, BTreeSet<String>>) -> usize {
    let mut with_cookies = 0;
    for r in &log.recent {
        if !r.cookies.is_empty() {
            with_cookies += 1;
        }
        // SiteMinder's session only to Stockholm's own hosts.
        if r.carries_cookie("SMSESSION") {
            assert!(
                domain_matches(&r.host, "stockholm.se"),
                "{stage}: SMSESSION sent to another platform: {}",
                describe(r)
            );
        }
        // Every cookie the client knows only to a host its domain allows.
        for name in &r.cookies {
            if let Some(allowed) = domains.get(name) {
                assert!(
                    allowed.iter().any(|d| domain_matches(&r.host, d)),
                    "{stage}: cookie {name} (for {allowed:?}) sent to {}",
                    describe(r)
                );
            }
        }
    }
    with_cookies
}

/// The cookie names whose every domain is under `suffix`.
fn names_under(domains: &BTreeMap<String, BTreeSet<String>>, suffix: &str) -> BTreeSet<String> {
    domains
        .iter()
        .filter(|(_, ds)| ds.iter().all(|d| domain_matches(d, suffix)))
        .map(|(n, _)| n.clone())
        .collect()
}

async fn new_client(emu: &EmulatorHandle, dir: &tempfile::TempDir) -> Client {
    ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(Arc::new(MemorySecretStore::new()))
        .build()
        .await
        .unwrap()
}

/// Logs in (or refreshes) in `stage`, then checks the requests it made; returns them.
async fn stage<T, F: std::future::Future<Output = T>>(
    emu: &EmulatorHandle,
    name: &str,
    work: F,
) -> RequestLog {
    emu.reset_request_log();
    work.await;
    complete_log(emu, name)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_request_carries_another_platforms_cookies() {
    let mut config = EmulatorConfig::demo();
    config.today = Some(skolbryggan::time::today());
    let emu = Emulator::start(config).unwrap();
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());

    // One client: Stockholm (with Skola24), InfoMentor on the same sign-on, SchoolSoft.
    let client = new_client(&emu, &d1).await;
    let everything = RefreshRequest::everything(client.today());
    let mut logs = Vec::new();
    logs.push((
        "Stockholm login",
        stage(
            &emu,
            "Stockholm login",
            support::login(&client, Platform::Stockholm, support::demo_bankid()),
        )
        .await,
    ));
    logs.push((
        "InfoMentor login",
        stage(
            &emu,
            "InfoMentor login",
            support::login(&client, Platform::InfoMentor, support::demo_bankid()),
        )
        .await,
    ));
    let found = client
        .organisations("schoolsoft", "Påhittade")
        .await
        .unwrap();
    client.set_organisation("schoolsoft", &found[0].id).unwrap();
    logs.push((
        "SchoolSoft login",
        stage(
            &emu,
            "SchoolSoft login",
            support::login(&client, Platform::SchoolSoft, support::demo_bankid()),
        )
        .await,
    ));
    let refresh = async {
        let report = client.refresh(&everything, None).await.unwrap();
        let failures: Vec<_> = report.failures().collect();
        assert!(failures.is_empty(), "{failures:?}");
    };
    logs.push((
        "refresh of all three",
        stage(&emu, "refresh", refresh).await,
    ));
    let active: BTreeSet<String> = client
        .session_states()
        .into_iter()
        .filter(|s| matches!(s.state, SessionState::LoggedIn { .. }))
        .map(|s| s.provider.to_owned())
        .collect();
    for name in ["stockholm", "infomentor", "schoolsoft"] {
        assert!(active.contains(name), "{name} not logged in: {active:?}");
    }
    let domains = cookie_domains(&client);
    assert!(domains.contains_key("SMSESSION"), "{domains:?}");
    let hub = names_under(&domains, "infomentor.se");
    let skola24 = names_under(&domains, "skola24.se");
    let schoolsoft = names_under(&domains, "schoolsoft.se");
    assert!(!hub.is_empty(), "no InfoMentor cookie found: {domains:?}");
    assert!(
        !schoolsoft.is_empty(),
        "no SchoolSoft cookie found: {domains:?}"
    );

    let mut with_cookies = 0;
    let mut hosts_seen = BTreeSet::new();
    for (name, log) in &logs {
        with_cookies += check(name, log, &domains);
        for r in &log.recent {
            hosts_seen.insert(r.host.clone());
            let stockholm = domain_matches(&r.host, "stockholm.se");
            let foreign_to = |names: &BTreeSet<String>| r.cookies.iter().any(|c| names.contains(c));
            if stockholm {
                assert!(!foreign_to(&hub), "{name}: Hub cookie to {}", describe(r));
                assert!(
                    !foreign_to(&schoolsoft),
                    "{name}: SchoolSoft cookie to {}",
                    describe(r)
                );
            }
            if domain_matches(&r.host, "skola24.se") {
                assert!(!r.carries_cookie("SMSESSION"), "{name}: {}", describe(r));
                assert!(!foreign_to(&hub), "{name}: Hub cookie to {}", describe(r));
            }
            if domain_matches(&r.host, "infomentor.se") {
                assert!(!r.carries_cookie("SMSESSION"), "{name}: {}", describe(r));
                assert!(
                    !foreign_to(&skola24),
                    "{name}: Skola24 cookie to {}",
                    describe(r)
                );
                assert!(
                    !foreign_to(&schoolsoft),
                    "{name}: SchoolSoft cookie to {}",
                    describe(r)
                );
            }
            if domain_matches(&r.host, "schoolsoft.se") || domain_matches(&r.host, "grandid.com") {
                assert!(!r.carries_cookie("SMSESSION"), "{name}: {}", describe(r));
                assert!(!foreign_to(&hub), "{name}: Hub cookie to {}", describe(r));
                assert!(
                    !foreign_to(&skola24),
                    "{name}: Skola24 cookie to {}",
                    describe(r)
                );
            }
        }
    }
    // The check looked at real traffic of every platform, with cookies.
    for host in [
        "etjanster.stockholm.se",
        "websthlm.skola24.se",
        "hub.infomentor.se",
        "sms.schoolsoft.se",
    ] {
        assert!(
            hosts_seen.contains(host),
            "no request to {host}: {hosts_seen:?}"
        );
    }
    assert!(
        with_cookies >= 20,
        "only {with_cookies} requests carried cookies"
    );

    // Vklass on a client of its own (its QR login names no personal number, so it is another
    // account), next to the first client's sessions.
    let vklass = new_client(&emu, &d2).await;
    vklass.set_organisation("vklass", "189").unwrap();
    let vk_login = support::login(
        &vklass,
        Platform::Vklass,
        LoginRequest::BankId {
            personal_number: None,
            other_device: true,
        },
    );
    let vk_log = stage(&emu, "Vklass login", vk_login).await;
    let vk_refresh = async {
        vklass.refresh(&everything, None).await.unwrap();
        // The first client refreshes in the same stretch: its cookies must not mix in.
        client.refresh(&everything, None).await.unwrap();
    };
    let both = stage(&emu, "Vklass refresh", vk_refresh).await;
    let vk_domains = cookie_domains(&vklass);
    let vk_names = names_under(&vk_domains, "vklass.se");
    assert!(
        !vk_names.is_empty(),
        "no Vklass cookie found: {vk_domains:?}"
    );
    let mut all_domains = domains.clone();
    for (n, ds) in vk_domains {
        all_domains.entry(n).or_default().extend(ds);
    }
    for (name, log) in [("Vklass login", &vk_log), ("Vklass refresh", &both)] {
        check(name, log, &all_domains);
        for r in &log.recent {
            let vklass_host = domain_matches(&r.host, "vklass.se")
                || domain_matches(&r.host, "goteborg.se")
                || domain_matches(&r.host, "funktionstjanster.se");
            if vklass_host {
                assert!(!r.carries_cookie("SMSESSION"), "{name}: {}", describe(r));
                for other in [&hub, &skola24, &schoolsoft] {
                    assert!(
                        !r.cookies.iter().any(|c| other.contains(c)),
                        "{name}: another platform's cookie to {}",
                        describe(r)
                    );
                }
            } else {
                assert!(
                    !r.cookies.iter().any(|c| vk_names.contains(c)),
                    "{name}: Vklass cookie to {}",
                    describe(r)
                );
            }
        }
    }
    assert!(both.recent.iter().any(|r| r.host == "custodian.vklass.se"));
}
