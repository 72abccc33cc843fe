//! AcadeMedia's GrandID BankID pages: the session id of the login page URL, the personal-number
//! and status pages, the `collect` poll answers and the SAML auto-post form after signing.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::dom::Page;
use crate::error::{Error, LoginFailure, Result};

/// The GrandID session id (`sessionid`, hexadecimal or upper-case alphanumeric) of a
/// `login.grandid.com/?sessionid=…` URL.
pub fn session_id_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    parsed
        .query_pairs()
        .find(|(k, _)| k == "sessionid")
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks the personal-number page (`form#pnrform` with input `pnr`).
pub fn check_pnr_page(html: &str) -> Result<()> {
    refused(html)?;
    let page = Page::parse(html);
    let has_input = page
        .select(Some("input"), None)
        .iter()
        .any(|i| i.attr("name").as_deref() == Some("pnr"));
    if page.by_id("pnrform").is_some() && has_input {
        Ok(())
    } else {
        Err(Error::parse("grandid bankid", "no personal-number form"))
    }
}

fn refused(html: &str) -> Result<()> {
    let lower = html.to_lowercase();
    if lower.contains("kunde inte hittas i ad") || lower.contains("inaktiverat") {
        return Err(Error::Login(LoginFailure::Rejected(
            "the personal number is not known to the school group".to_owned(),
        )));
    }
    if html.contains("Unauthorized") {
        return Err(Error::Login(LoginFailure::Rejected(
            "GrandID refused the session".to_owned(),
        )));
    }
    Ok(())
}

/// The status page after the personal number: the autostart token of the same-device link.
pub fn parse_status_page(html: &str) -> Result<String> {
    refused(html)?;
    let page = Page::parse(html);
    page.select(Some("a"), None)
        .iter()
        .filter_map(|a| a.attr("href"))
        .find(|h| h.starts_with("bankid:"))
        .and_then(|h| super::util::query_value(&h, "autostarttoken"))
        .filter(|t| t.len() <= 64 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .ok_or_else(|| Error::parse("grandid bankid", "no autostart token"))
}

/// One `collect` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Collect {
    /// Waiting for the user; `qr_svg` is the current animated-QR frame as SVG markup.
    Pending {
        /// The SVG of the QR frame (decoded from the answer's base64 `QRCode`).
        qr_svg: Option<String>,
    },
    /// The BankID app is open; the user is signing.
    UserSign,
    /// Signed.
    Complete,
}

#[derive(Deserialize)]
struct RawCollect {
    #[serde(default)]
    response: Option<String>,
    #[serde(default, rename = "hintCode")]
    hint_code: Option<String>,
    #[serde(default, rename = "QRCode")]
    qr_code: Option<String>,
}

/// Parses a `collect` answer. Anything but JSON of the known shape means the order broke.
pub fn parse_collect(body: &str) -> Result<Collect> {
    let raw: RawCollect = serde_json::from_str(body.trim()).map_err(|_| {
        Error::Login(LoginFailure::Rejected(
            "the BankID order at GrandID broke".to_owned(),
        ))
    })?;
    match raw.response.as_deref() {
        Some("complete") => Ok(Collect::Complete),
        Some("outstandingTransaction") if raw.hint_code.as_deref() == Some("userSign") => {
            Ok(Collect::UserSign)
        }
        Some("outstandingTransaction") => Ok(Collect::Pending {
            qr_svg: raw
                .qr_code
                .and_then(|b64| STANDARD.decode(b64.trim()).ok())
                .and_then(|bytes| String::from_utf8(bytes).ok()),
        }),
        Some("cancelled") | Some("userCancel") => Err(Error::Login(LoginFailure::CancelledByUser)),
        _ => Err(Error::Login(LoginFailure::Rejected(
            "GrandID answered an unknown BankID state".to_owned(),
        ))),
    }
}

/// The auto-post form after signing: where to post and the hidden fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AutoPost {
    /// The form's `action`.
    pub action: String,
    /// The hidden fields (`SAMLResponse`, `RelayState`), in page order.
    pub fields: Vec<(String, String)>,
}

/// Parses the SAML auto-post page.
pub fn parse_auto_post(html: &str) -> Result<AutoPost> {
    let page = Page::parse(html);
    let form = page
        .select(Some("form"), None)
        .into_iter()
        .next()
        .ok_or_else(|| Error::parse("resume.php", "no form"))?;
    let action = form
        .attr("action")
        .filter(|a| a.starts_with("https://"))
        .ok_or_else(|| Error::parse("resume.php", "no form action"))?;
    let fields: Vec<(String, String)> = form
        .select(Some("input"), None)
        .iter()
        .filter_map(|i| Some((i.attr("name")?, i.attr("value").unwrap_or_default())))
        .collect();
    if !fields.iter().any(|(k, _)| k == "SAMLResponse") {
        return Err(Error::parse("resume.php", "no SAMLResponse"));
    }
    Ok(AutoPost { action, fields })
}
