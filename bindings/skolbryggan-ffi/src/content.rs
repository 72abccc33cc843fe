//! Session-aware content over FFI: `loadContent` (an image or attachment loaded with the
//! platform's session, cached encrypted) and `sessionCookies` (what a WebView / Custom Tab
//! needs to open a platform link logged in). Thin over `skolbryggan::client::Client`.

use skolbryggan::http::WebCookie as CoreWebCookie;

use crate::client::Client;
use crate::error::FfiResult;

/// A loaded image or attachment.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Content {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// The media type (`image/png`, `application/pdf`), from the server or the first bytes.
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

/// One session cookie to put into a WebView's or Custom Tab's cookie store before opening a
/// platform URL. Its value is a session secret: never log it.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct WebCookie {
    /// The cookie's name.
    pub name: String,
    /// Its value.
    pub value: String,
    /// The host or domain it belongs to (no leading dot).
    pub domain: String,
    /// The path it is sent under.
    pub path: String,
    /// HTTPS only.
    pub secure: bool,
    /// Hidden from page scripts.
    pub http_only: bool,
}

impl std::fmt::Debug for WebCookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebCookie")
            .field("name", &self.name)
            .field("domain", &self.domain)
            .finish_non_exhaustive()
    }
}

impl From<CoreWebCookie> for WebCookie {
    fn from(c: CoreWebCookie) -> Self {
        WebCookie {
            name: c.name,
            value: c.value,
            domain: c.domain,
            path: c.path,
            secure: c.secure,
            http_only: c.http_only,
        }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// Loads an image or attachment that a platform handed out (a news banner, a Markdown
    /// image, an attachment) with that platform's session; served from the encrypted cache
    /// when it is there (also offline). A URL that is not on a logged-in platform's own host
    /// fails with `InvalidInput` and is never fetched; an expired session is `SessionExpired`;
    /// an item over the size cap is `InvalidInput`.
    pub async fn load_content(&self, url: String) -> FfiResult<Content> {
        let content = self.inner.load_content(&url).await?;
        Ok(Content {
            bytes: content.bytes,
            media_type: content.media_type,
        })
    }

    /// The session cookies a WebView / Custom Tab needs to open `url` logged in (empty when
    /// its platform is not logged in). A URL that is not on a platform's own host fails with
    /// `InvalidInput`: a third-party link never gets a session cookie.
    pub fn session_cookies(&self, url: String) -> FfiResult<Vec<WebCookie>> {
        Ok(self
            .inner
            .session_cookies(&url)?
            .into_iter()
            .map(WebCookie::from)
            .collect())
    }
}
