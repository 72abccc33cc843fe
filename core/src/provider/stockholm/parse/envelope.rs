//! The e-service envelope `{Success, Error, Data}`.

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::error::{Error, Result};
use crate::provider::upstream_json::decode;

#[derive(Deserialize)]
struct Raw<T> {
    #[serde(rename = "Success")]
    success: Option<bool>,
    #[serde(rename = "Error", default)]
    error: Option<String>,
    #[serde(rename = "Data", default = "none")]
    data: Option<T>,
}

fn none<T>() -> Option<T> {
    None
}

/// An opened envelope.
pub(crate) enum Opened<T> {
    /// `Success: true`; `Data` (absent or `null` → `None`).
    Ok(Option<T>),
    /// `Success: false` with the `Error` text.
    Failed(String),
}

/// Opens the envelope of `body` and decodes `Data` as `T`.
///
/// A `Data` of another shape is only an error when `Success` is true; with `Success: false` the
/// answer is [`Opened::Failed`] whatever `Data` holds.
pub(crate) fn open<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<Opened<T>> {
    let raw = match decode::<Raw<T>>(endpoint, body) {
        Ok(raw) => raw,
        Err(error @ Error::Parse { .. }) => {
            // `Data` may have another shape in a failure answer: look at the head only.
            return match decode::<Raw<IgnoredAny>>(endpoint, body) {
                Ok(Raw {
                    success: Some(false),
                    error: message,
                    ..
                }) => Ok(Opened::Failed(message.unwrap_or_default())),
                _ => Err(error),
            };
        }
        Err(other) => return Err(other),
    };
    match raw.success {
        Some(true) => Ok(Opened::Ok(raw.data)),
        Some(false) => Ok(Opened::Failed(raw.error.unwrap_or_default())),
        None => Err(Error::parse(
            endpoint,
            "not an e-service envelope (no Success)",
        )),
    }
}

/// `Data` of a successful answer; `Success: false` becomes [`Error::Upstream`] with the `Error`
/// text.
pub(crate) fn data<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<Option<T>> {
    match open(endpoint, body)? {
        Opened::Ok(data) => Ok(data),
        Opened::Failed(message) => Err(failure(endpoint, &message)),
    }
}

/// `Data` of a successful answer, required to be present.
pub(crate) fn required<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<T> {
    data(endpoint, body)?.ok_or_else(|| Error::parse(endpoint, "Data is missing"))
}

/// `Data` of a successful answer as a list; a missing or `null` list is empty.
pub(crate) fn list<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<Vec<T>> {
    Ok(data(endpoint, body)?.unwrap_or_default())
}

pub(crate) fn failure(endpoint: &str, message: &str) -> Error {
    let message = if message.trim().is_empty() {
        "Success: false without a message"
    } else {
        message
    };
    Error::upstream(endpoint, None, message)
}

/// The `Data` of an e-service answer as JSON.
///
/// `Success: false` → [`Error::Upstream`] with the `Error` text (even when `Data` is filled); an
/// HTML page (the login page after a redirect) → [`Error::SessionExpired`]; an empty, truncated
/// or non-JSON body, or one without the envelope → [`Error::Parse`]. A missing `Data` is `null`.
pub fn envelope_data(endpoint: &str, body: &str) -> Result<serde_json::Value> {
    Ok(data::<serde_json::Value>(endpoint, body)?.unwrap_or(serde_json::Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_cases() {
        assert_eq!(
            envelope_data("X", r#"{"Success":true,"Error":null,"Data":[1]}"#).unwrap(),
            serde_json::json!([1])
        );
        let err =
            envelope_data("X", r#"{"Success":false,"Error":"Nope","Data":{"a":1}}"#).unwrap_err();
        assert!(
            matches!(&err, Error::Upstream { endpoint, message, status: None } if endpoint == "X" && message == "Nope"),
            "{err:?}"
        );
        // Failure with a Data shape the caller did not expect.
        let err =
            list::<u32>("X", r#"{"Success":false,"Error":"Boom","Data":{"x":"y"}}"#).unwrap_err();
        assert!(matches!(err, Error::Upstream { .. }), "{err:?}");
        assert!(matches!(
            envelope_data("X", "<html><body>Logga in</body></html>"),
            Err(Error::SessionExpired { .. })
        ));
        assert!(matches!(
            envelope_data("X", r#"{"Success":true,"Da"#),
            Err(Error::Parse { .. })
        ));
        assert!(matches!(envelope_data("X", ""), Err(Error::Parse { .. })));
        assert!(matches!(
            envelope_data("X", "[1,2]"),
            Err(Error::Parse { .. })
        ));
        assert!(matches!(envelope_data("X", "{}"), Err(Error::Parse { .. })));
    }
}
