//! The envelope every Skola24 API answer comes in: `{error, data, exception, validation}`.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::provider::upstream_json::decode;

#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(default)]
    error: Option<serde_json::Value>,
    #[serde(default = "none")]
    data: Option<T>,
}

fn none<T>() -> Option<T> {
    None
}

#[derive(Deserialize)]
struct ErrorOnly {
    #[serde(default)]
    error: Option<serde_json::Value>,
}

fn error_text(error: &serde_json::Value) -> Option<String> {
    match error {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.trim().is_empty() => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Opens the envelope: `error` set → [`Error::Upstream`]; otherwise `data` (if any).
pub(super) fn open<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<Option<T>> {
    match decode::<Envelope<T>>(endpoint, body) {
        Ok(envelope) => {
            if let Some(message) = envelope.error.as_ref().and_then(error_text) {
                return Err(Error::upstream(endpoint, None, message));
            }
            Ok(envelope.data)
        }
        Err(parse_error @ Error::Parse { .. }) => {
            // `data` may have another shape when `error` is set.
            match decode::<ErrorOnly>(endpoint, body)
                .ok()
                .and_then(|e| e.error.as_ref().and_then(error_text))
            {
                Some(message) => Err(Error::upstream(endpoint, None, message)),
                None => Err(parse_error),
            }
        }
        Err(other) => Err(other),
    }
}
