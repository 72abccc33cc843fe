//! Session-aware content: the images and attachments a platform hands out (news banners,
//! Markdown images, attachments), loaded with that platform's session and cached sealed, and
//! the cookies a WebView or Custom Tab needs to open a platform link logged in.
//!
//! Both calls are for a platform's own hosts only (the registry's `hosts` of the platform,
//! less its login hosts, over HTTPS on the default port): any other URL is
//! [`Error::NotPlatformHost`], is never fetched, and gets no cookies.

use url::Url;

use super::{Client, blocking, lock};
use crate::cache::StoredContent;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, WebCookie, matches_any, media_type};
use crate::provider::Provider;
use crate::provider::registry::{self, PlatformEntry};

/// The endpoint name content requests carry in errors and logs (never the URL itself).
const ENDPOINT: &str = "content";

/// A loaded file: its bytes and its media type.
#[derive(Clone, PartialEq, Eq)]
pub struct Content {
    /// The content.
    pub bytes: Vec<u8>,
    /// Its media type (`image/png`, `application/pdf`): the answer's `Content-Type`, or what
    /// the first bytes show when the server did not say.
    pub media_type: String,
}

impl std::fmt::Debug for Content {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Content")
            .field("media_type", &self.media_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl From<StoredContent> for Content {
    fn from(c: StoredContent) -> Self {
        Content {
            bytes: c.bytes,
            media_type: c.media_type,
        }
    }
}

/// True when `host` is one of `entry`'s own hosts (not a login host).
fn is_own_host(entry: &PlatformEntry, host: &str) -> bool {
    entry.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
        && !matches_any(entry.login_hosts, host)
}

/// The parsed URL and the platform whose own host it is on; anything else (another host, not
/// HTTPS, another port, credentials in the URL) is [`Error::NotPlatformHost`].
fn platform_of(url: &str) -> Result<(Url, &'static PlatformEntry)> {
    let url = Url::parse(url).map_err(|_| Error::InvalidInput("not a valid URL".to_owned()))?;
    let plain = url.scheme() == "https"
        && url.port().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    let host = url
        .host_str()
        .filter(|_| plain)
        .ok_or(Error::NotPlatformHost)?;
    let entry = registry::ENTRIES
        .iter()
        .find(|e| is_own_host(e, host))
        .ok_or(Error::NotPlatformHost)?;
    Ok((url, entry))
}

/// How many redirects a content load follows.
const MAX_REDIRECTS: usize = 5;

/// Fetches `url`, following redirects only while they stay on `entry`'s own hosts: a hop to a
/// login host is [`Error::SessionExpired`], a hop anywhere else [`Error::NotPlatformHost`]
/// (no request is made there).
async fn fetch_on_own_hosts(
    http: &crate::http::HttpClient,
    entry: &PlatformEntry,
    url: Url,
) -> Result<crate::http::HttpResponse> {
    let mut url = url;
    for _ in 0..=MAX_REDIRECTS {
        let response = http
            .send(&HttpRequest::get(ENDPOINT, url.as_str())?)
            .await?;
        if !response.is_redirect() {
            response.ensure_success()?;
            return Ok(response);
        }
        let next = response.location().ok_or_else(|| {
            Error::upstream(
                ENDPOINT,
                Some(response.status()),
                "a redirect without a target",
            )
        })?;
        let host = next.host_str().unwrap_or("");
        if matches_any(entry.login_hosts, host) {
            return Err(Error::SessionExpired {
                endpoint: ENDPOINT.to_owned(),
            });
        }
        url = platform_of(next.as_str())
            .ok()
            .filter(|(_, e)| e.name == entry.name)
            .map(|(u, _)| u)
            .ok_or(Error::NotPlatformHost)?;
    }
    Err(Error::upstream(ENDPOINT, None, "too many redirects"))
}

impl Client {
    /// The logged-in provider of `entry`, if any.
    fn active_provider(&self, entry: &PlatformEntry) -> Option<std::sync::Arc<dyn Provider>> {
        lock(&self.inner.active)
            .iter()
            .find(|p| p.name() == entry.name)
            .cloned()
    }

    /// Loads an image or attachment from a platform's own host with that platform's session.
    ///
    /// Served from the cache when it holds the URL (so offline too); otherwise fetched, then
    /// cached sealed under the account's key (items over [`crate::cache::ContentLimits`]'s
    /// per-item cap are refused with [`Error::ContentTooLarge`]; beyond the total cap the least
    /// recently used items are evicted). A URL on any other host is [`Error::NotPlatformHost`]
    /// and is never fetched, and redirects are followed only while they stay on the platform's
    /// own hosts (a hop elsewhere is [`Error::NotPlatformHost`], not requested); a session the
    /// platform no longer accepts (a redirect to its login) is [`Error::SessionExpired`]; a
    /// platform not logged in is [`Error::NotLoggedIn`].
    pub async fn load_content(&self, url: &str) -> Result<Content> {
        let (url, entry) = platform_of(url)?;
        let account = self.require_account()?;
        let cache = self.inner.engine.cache().clone();
        let key = url.as_str().to_owned();
        let hit = {
            let (cache, account, key) = (cache.clone(), account.clone(), key.clone());
            blocking(move || cache.get_content(&account, &key)).await?
        };
        if let Some(hit) = hit {
            return Ok(hit.into());
        }
        let http = self
            .active_provider(entry)
            .and_then(|p| p.content_http())
            .ok_or(Error::NotLoggedIn)?;
        let response = fetch_on_own_hosts(&http, entry, url).await?;
        let limit = cache.content_limits().max_item_bytes;
        if response.body().len() as u64 > limit {
            return Err(Error::ContentTooLarge { limit });
        }
        let content = StoredContent {
            media_type: media_type(response.content_type(), response.body()),
            bytes: response.body().to_vec(),
        };
        let stored = content.clone();
        blocking(move || cache.put_content(&account, &key, &stored)).await?;
        Ok(content.into())
    }

    /// The session cookies a WebView or Custom Tab needs to open `url` logged in: the cookies
    /// of the platform's session that a request to `url` would carry (following their
    /// `Domain` and `Path`), with their attributes. Empty when the platform is not logged in;
    /// [`Error::NotPlatformHost`] for a URL that is not on a platform's own host (a third-party
    /// link never gets a session cookie).
    pub fn session_cookies(&self, url: &str) -> Result<Vec<WebCookie>> {
        let (url, entry) = platform_of(url)?;
        Ok(self
            .active_provider(entry)
            .and_then(|p| p.content_http())
            .map(|http| http.jar().web_cookies(&url))
            .unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_platforms_own_https_hosts_are_accepted() {
        let (_, entry) = platform_of("https://etjanster.stockholm.se/a.png").unwrap();
        assert_eq!(entry.name, "stockholm");
        let (_, entry) = platform_of("https://HUB.infomentor.se/x").unwrap();
        assert_eq!(entry.name, "infomentor");
        for url in [
            "https://example.com/a.png",
            "http://etjanster.stockholm.se/a.png",
            "https://etjanster.stockholm.se:8443/a.png",
            "https://user:pw@etjanster.stockholm.se/a.png",
            "https://etjanster.stockholm.se.example.com/a.png",
            "https://login001.stockholm.se/a.png",
        ] {
            assert!(
                matches!(platform_of(url), Err(Error::NotPlatformHost)),
                "{url}"
            );
        }
        assert!(matches!(
            platform_of("not a url"),
            Err(Error::InvalidInput(_))
        ));
    }
}
