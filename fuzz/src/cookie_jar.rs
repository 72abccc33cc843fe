//! The cookie jar's `Set-Cookie` handling: the first byte picks the answering URL (every host of
//! the registry, on a deep path, then the loopback), each line of the rest is one `Set-Cookie`
//! value. Then every read of the jar runs, and the saved-session form must round-trip: a jar
//! restored from `to_secret` sends the same cookies, save those about to expire. The whole text is also tried as a
//! saved secret.

use skolbryggan::http::CookieJar;
use skolbryggan::provider::registry;
use skolbryggan::testing::scanners;
use url::Url;

/// The URLs answers may come from.
fn urls() -> Vec<Url> {
    let mut urls: Vec<Url> = registry::all_hosts()
        .iter()
        .filter_map(|h| Url::parse(&format!("https://{h}/vardnadshavare/inloggad2/hem")).ok())
        .collect();
    urls.extend(Url::parse("http://127.0.0.1:8080/").ok());
    urls
}

/// The `name=value` pairs of a `Cookie` header, sorted (the jar's order is not kept).
fn sorted_pairs(header: Option<String>) -> Vec<String> {
    let mut pairs: Vec<String> = header
        .unwrap_or_default()
        .split("; ")
        .map(str::to_owned)
        .collect();
    pairs.sort();
    pairs
}

/// One input.
pub fn run(data: &[u8]) {
    let Some((selector, text)) = crate::split(data) else {
        return;
    };
    let _ = CookieJar::from_secret(&text);
    let urls = urls();
    let Some(url) = crate::pick(&urls, selector) else {
        return;
    };
    let jar = CookieJar::new();
    for line in text.lines() {
        if jar.set_cookie(line, url) {
            if let Some((name, _)) = line.split_once('=') {
                let _ = jar.value_for(url, name.trim());
            }
        }
    }
    let header = sorted_pairs(jar.cookie_header(url));
    let _ = jar.web_cookies(url);
    let _ = scanners::cookies_under(&jar, "stockholm.se");
    let _ = scanners::cookies_under(&jar, url.host_str().unwrap_or(""));
    let _ = jar.len();
    let Ok(secret) = jar.to_secret() else {
        panic!("a jar of parsed cookies could not be saved");
    };
    match CookieJar::from_secret(&secret) {
        Ok(restored) => {
            let restored = sorted_pairs(restored.cookie_header(url));
            for pair in &restored {
                assert!(header.contains(pair), "the saved session invented {pair:?}");
            }
            // A cookie may be lost only when it was time-bound: its expiry is saved in whole
            // seconds, so one that expires within the second is already gone when restored
            // (found by this target; core/tests/integration/samples/fuzz_found.rs).
            for lost in header.iter().filter(|p| !restored.contains(p)) {
                let name = lost.split('=').next().unwrap_or("");
                let time_bound = text.lines().any(|l| {
                    let l = l.to_ascii_lowercase();
                    l.trim_start().starts_with(&name.to_ascii_lowercase())
                        && (l.contains("max-age") || l.contains("expires"))
                });
                assert!(time_bound, "the saved session lost {lost:?}");
            }
        }
        Err(e) => panic!("a saved jar could not be restored: {e}"),
    }
}
