//! [`WebCookie`]: one cookie of a session with its attributes, as a WebView or a Custom Tab
//! needs it to open a platform page logged in.

/// One cookie a request to a URL would carry, with the attributes a browser cookie store
/// takes. `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct WebCookie {
    /// The cookie's name.
    pub name: String,
    /// Its value (a session secret: never log it).
    pub value: String,
    /// The host (host-only cookie) or the domain (domain cookie) it belongs to, without a
    /// leading dot.
    pub domain: String,
    /// The path it is sent under.
    pub path: String,
    /// Sent over HTTPS only.
    pub secure: bool,
    /// Not readable by page scripts.
    pub http_only: bool,
}

impl std::fmt::Debug for WebCookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebCookie")
            .field("name", &self.name)
            .field("domain", &self.domain)
            .field("path", &self.path)
            .field("secure", &self.secure)
            .field("http_only", &self.http_only)
            .finish_non_exhaustive()
    }
}
