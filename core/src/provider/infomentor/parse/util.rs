//! Shared helpers of the Hub parsers: body classification, lenient field decoding, dates, names.

use jiff::ZonedDateTime;
use jiff::civil::{Date, DateTime, Time};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Availability;
use crate::error::{Error, Result};

/// The Hub's origin; relative URLs from the Hub are resolved against it.
pub const HUB_ORIGIN: &str = "https://hub.infomentor.se";

/// Markers of a page that belongs to the login chain (the session is gone).
const LOGIN_MARKERS: &[&str] = &[
    "name=\"oauth_token\"",
    "name='oauth_token'",
    "openid_message",
    "txtnotandanafn",
    "samlrequest",
    "samlresponse",
    "login in progress",
    "login.ashx",
    "/authentication/authentication/login",
];

/// Markers only the Hub's logged-in pages carry (lower case): the start page's bootstrap
/// (`IMHome.home.homeData`, `selectedPupilName`), the pupil switcher, the logout link.
const LOGGED_IN_MARKERS: &[&str] = &[
    "homedata",
    "selectedpupilname",
    "/account/pupilswitcher/",
    "/authentication/authentication/logout",
];

/// True for a logged-in Hub page (`lower` is the lower-cased body).
fn is_logged_in_shell(lower: &str) -> bool {
    LOGGED_IN_MARKERS.iter().any(|m| lower.contains(m))
}

/// Classifies a body that is not JSON (an HTML page, or a non-JSON text).
pub(crate) fn classify_non_json<T>(endpoint: &str, body: &str) -> Result<Availability<T>> {
    let lower = body.to_ascii_lowercase();
    if lower.contains("handleunauthorizedrequest") {
        return Ok(Availability::NotAvailable);
    }
    if lower.contains("challenges.cloudflare.com") || lower.contains("just a moment") {
        return Err(Error::upstream(
            endpoint,
            None,
            "a bot-check (challenge) page answered instead of the Hub",
        ));
    }
    // The Hub's logged-in page (its single-page shell with the bootstrap data, or a page with
    // the pupil switcher or the logout link) is what the Hub answers for a module the pupil
    // lacks: "not available", never a dead session, whatever else the page mentions (it may
    // link the login servers or carry forms of its own).
    if is_logged_in_shell(&lower) {
        return Ok(Availability::NotAvailable);
    }
    if LOGIN_MARKERS.iter().any(|m| lower.contains(m))
        || (lower.contains("object moved") && lower.contains("/authentication"))
    {
        return Err(Error::SessionExpired {
            endpoint: endpoint.to_owned(),
        });
    }
    if lower.contains("/error/") || lower.contains("/errors/server") {
        return Err(Error::upstream(
            endpoint,
            None,
            "the Hub answered with an error page",
        ));
    }
    let is_html = lower.trim_start().starts_with('<');
    if is_html && (lower.contains("imhome") || lower.contains("infomentor")) {
        // The Hub's single-page shell: the app is not enabled for this pupil.
        return Ok(Availability::NotAvailable);
    }
    Err(Error::parse(
        endpoint,
        if is_html {
            "an unknown HTML page instead of JSON"
        } else {
            "the answer is not JSON"
        },
    ))
}

/// The body as JSON of type `T`, or the typed "not available" / "session expired" outcomes.
///
/// * empty body → [`Error::SessionExpired`] (the Hub's answer for a dead session);
/// * HTML → see [`classify_non_json`];
/// * JSON that does not fit `T` → [`Error::Parse`].
pub(crate) fn json_body<T: DeserializeOwned>(
    endpoint: &str,
    body: &str,
) -> Result<Availability<T>> {
    let text = body.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(Error::SessionExpired {
            endpoint: endpoint.to_owned(),
        });
    }
    let looks_json = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '{' | '[' | '"') || c.is_ascii_digit() || c == '-')
        || text == "true"
        || text == "false"
        || text == "null";
    if !looks_json {
        return classify_non_json(endpoint, text);
    }
    serde_json::from_str::<T>(text)
        .map(Availability::Available)
        .map_err(|e| Error::parse(endpoint, format!("unexpected JSON: {e}")))
}

/// Like [`json_body`] for answers that must be a JSON object (serde would otherwise accept an
/// array for a struct).
pub(crate) fn json_object<T: DeserializeOwned>(
    endpoint: &str,
    body: &str,
) -> Result<Availability<T>> {
    match json_body::<Value>(endpoint, body)? {
        Availability::NotAvailable => Ok(Availability::NotAvailable),
        Availability::Available(v) if v.is_object() => serde_json::from_value::<T>(v)
            .map(Availability::Available)
            .map_err(|e| Error::parse(endpoint, format!("unexpected JSON: {e}"))),
        Availability::Available(_) => Err(Error::parse(endpoint, "expected a JSON object")),
    }
}

/// Like [`json_body`] for endpoints that are always there (BankID, the login chain): "not
/// available" is an error.
pub(crate) fn json_required<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<T> {
    if body.trim().is_empty() {
        return Err(Error::parse(endpoint, "an empty answer"));
    }
    match json_object(endpoint, body)? {
        Availability::Available(v) => Ok(v),
        Availability::NotAvailable => Err(Error::parse(endpoint, "an HTML page instead of JSON")),
    }
}

/// A list that comes either bare (`[...]`) or wrapped (`{ "items": [...] }`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum ListBody {
    /// A bare array.
    Bare(Vec<Value>),
    /// An object holding the array under `items`.
    Wrapped {
        #[serde(default, deserialize_with = "de_list")]
        items: Vec<Value>,
    },
}

impl ListBody {
    /// The array.
    pub(crate) fn into_items(self) -> Vec<Value> {
        match self {
            ListBody::Bare(v) | ListBody::Wrapped { items: v } => v,
        }
    }
}

/// Decodes each item as `T`; items that do not fit are skipped with a warning (no content is
/// logged), so one odd entry does not hide the rest.
pub(crate) fn decode_items<T: DeserializeOwned>(endpoint: &str, items: Vec<Value>) -> Vec<T> {
    items
        .into_iter()
        .enumerate()
        .filter_map(|(index, item)| match serde_json::from_value::<T>(item) {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::warn!(endpoint, index, error = %e.classify_name(), "skipped an item that does not fit");
                None
            }
        })
        .collect()
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "io",
            serde_json::error::Category::Syntax => "syntax",
            serde_json::error::Category::Data => "data",
            serde_json::error::Category::Eof => "eof",
        }
    }
}

/// `null` or a missing array → empty; anything but an array is an error.
pub(crate) fn de_list<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<Value>, D::Error> {
    Ok(Option::<Vec<Value>>::deserialize(d)?.unwrap_or_default())
}

/// A boolean that may come as `null`, a number or a string.
pub(crate) fn de_bool<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes"),
        _ => false,
    })
}

/// A text that may come as `null`, a string or a number; blank text becomes `None`.
pub(crate) fn de_text<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    Ok(value_text(&Value::deserialize(d)?))
}

/// A JSON scalar as trimmed text; blank, `null`, arrays and objects are `None`.
pub(crate) fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_owned())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A non-negative whole number that may come as a number or a numeric string.
pub(crate) fn de_u32<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<u32>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().and_then(|v| u32::try_from(v).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A local date-time (`2026-09-07T08:10:00`, also with fractions or a space) as an instant in
/// Europe/Stockholm; a string with an offset or `Z` is read as that instant.
pub(crate) fn local_datetime(s: &str) -> Option<ZonedDateTime> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(dt) = t.parse::<DateTime>()
        && !has_offset(t)
    {
        return Some(crate::time::local(dt));
    }
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Some(crate::time::from_timestamp(ts));
    }
    // A bare date: local midnight.
    local_date(t).map(crate::time::start_of_day)
}

fn has_offset(t: &str) -> bool {
    let Some(pos) = t.find(['T', 't', ' ']) else {
        return false;
    };
    let time_part = t.get(pos + 1..).unwrap_or("");
    time_part.ends_with(['Z', 'z']) || time_part.contains(['+', '-'])
}

/// The date at the start of `s` (`2026-09-07`, `2026-09-07T00:00:00`, `2026/09/07`).
pub(crate) fn local_date(s: &str) -> Option<Date> {
    let head: String = s.trim().chars().take(10).collect();
    if head.chars().count() != 10 {
        return None;
    }
    head.replace('/', "-").parse::<Date>().ok()
}

/// A time of day `HH:mm` (or `HH:mm:ss`, or `H:mm`).
pub(crate) fn clock_time(s: &str) -> Option<Time> {
    let t = s.trim();
    let mut parts = t.split(':');
    let hour: i8 = parts.next()?.trim().parse().ok()?;
    let minute: i8 = parts.next()?.trim().get(..2)?.parse().ok()?;
    Time::new(hour, minute, 0, 0).ok()
}

/// A clock time on `date`, in Europe/Stockholm.
pub(crate) fn at(date: Date, time: Time) -> ZonedDateTime {
    crate::time::local(date.to_datetime(time))
}

/// Splits an Hub name into `(first, last)`: `"Efternamn, Förnamn"` at the first comma
/// (`"Testsson Berg, Cecilia"` → `("Cecilia", "Testsson Berg")`); a name without a comma is
/// `"Förnamn Efternamn"` split at the last space.
pub(crate) fn split_name(name: &str) -> (String, String) {
    let n = name.trim();
    if let Some((last, first)) = n.split_once(',') {
        return (first.trim().to_owned(), last.trim().to_owned());
    }
    match n.rsplit_once(' ') {
        Some((first, last)) => (first.trim().to_owned(), last.trim().to_owned()),
        None => (n.to_owned(), String::new()),
    }
}

/// `"Efternamn, Förnamn"` → `"Förnamn Efternamn"`.
pub(crate) fn display_name(name: &str) -> String {
    let (first, last) = split_name(name);
    format!("{first} {last}").trim().to_owned()
}

/// A Hub URL made absolute (`/Resources/…` → `https://hub.infomentor.se/Resources/…`).
pub(crate) fn absolute_url(url: &str) -> Option<String> {
    let u = url.trim();
    if u.is_empty() {
        return None;
    }
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(u.to_owned());
    }
    if u.starts_with("//") {
        return Some(format!("https:{u}"));
    }
    if u.starts_with('/') {
        Some(format!("{HUB_ORIGIN}{u}"))
    } else {
        Some(format!("{HUB_ORIGIN}/{u}"))
    }
}

/// A short stable hash of some parts (16 hex characters), for items without an upstream id.
pub(crate) fn stable_hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// HTML to Markdown (the project's converter), relative links resolved against the Hub.
pub(crate) fn markdown(html: &str) -> String {
    crate::markdown::html_to_markdown(html, Some("https://hub.infomentor.se/"))
}

/// Markdown of an optional HTML text; blank results are `None`.
pub(crate) fn markdown_opt(html: Option<&str>) -> Option<String> {
    let md = markdown(html?);
    let t = md.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_the_first_comma() {
        assert_eq!(
            split_name("Testsson Berg, Cecilia"),
            ("Cecilia".to_owned(), "Testsson Berg".to_owned())
        );
        assert_eq!(
            split_name("Anna Exempelsson"),
            ("Anna".to_owned(), "Exempelsson".to_owned())
        );
        assert_eq!(display_name("Exempelsson, Alva"), "Alva Exempelsson");
    }

    #[test]
    fn datetimes() {
        let z = local_datetime("2026-09-07T08:10:00").unwrap();
        assert_eq!(z.offset().seconds(), 7200);
        assert_eq!(z.hour(), 8);
        let z = local_datetime("2026-09-07T06:10:00Z").unwrap();
        assert_eq!(z.hour(), 8);
        assert_eq!(
            local_date("2026/09/07"),
            Some(jiff::civil::date(2026, 9, 7))
        );
        assert_eq!(clock_time("08:02"), Some(jiff::civil::time(8, 2, 0, 0)));
        assert_eq!(clock_time("8:02:33"), Some(jiff::civil::time(8, 2, 0, 0)));
        assert_eq!(clock_time("x"), None);
        assert!(local_datetime("").is_none());
        assert!(local_datetime("2026-13-07T08:10:00").is_none());
    }

    #[test]
    fn body_classification() {
        assert!(matches!(
            json_body::<Value>("x", "  "),
            Err(Error::SessionExpired { .. })
        ));
        assert!(matches!(
            json_body::<Value>("x", "<html><script>IMHome.init()</script></html>"),
            Ok(Availability::NotAvailable)
        ));
        assert!(matches!(
            json_body::<Value>(
                "x",
                "<html><form id=\"openid_message\"><input name=\"oauth_token\"></form></html>"
            ),
            Err(Error::SessionExpired { .. })
        ));
        assert!(matches!(
            json_body::<Value>("x", "<html><body>hello</body></html>"),
            Err(Error::Parse { .. })
        ));
        assert!(matches!(
            json_body::<Value>("x", "{\"a\":"),
            Err(Error::Parse { .. })
        ));
    }
}
