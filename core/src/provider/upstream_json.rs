//! Decoding upstream JSON bodies into typed structs with errors that say what went wrong and
//! never quote upstream values.

use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::error::{Error, Result};

/// True when a body that should be JSON is an HTML page (typically a login page after a
/// redirect: the session has expired).
pub(crate) fn looks_like_html(body: &str) -> bool {
    body.trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with('<')
}

/// Decodes `body` as `T`.
///
/// Empty and truncated bodies and JSON of another shape are [`Error::Parse`]; an HTML page is
/// [`Error::SessionExpired`].
pub(crate) fn decode<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<T> {
    let body = body.trim_start_matches('\u{FEFF}');
    if body.trim().is_empty() {
        return Err(Error::parse(endpoint, "empty body"));
    }
    if looks_like_html(body) {
        return Err(Error::SessionExpired {
            endpoint: endpoint.to_owned(),
        });
    }
    serde_json::from_str(body).map_err(|e| json_error(endpoint, &e))
}

/// A parse error from a serde_json error, with quoted values removed.
pub(crate) fn json_error(endpoint: &str, error: &serde_json::Error) -> Error {
    let detail = match error.classify() {
        Category::Eof => format!(
            "truncated body (line {}, column {})",
            error.line(),
            error.column()
        ),
        Category::Syntax => format!("invalid JSON: {}", unquote(&error.to_string())),
        Category::Data => format!("unexpected JSON shape: {}", unquote(&error.to_string())),
        Category::Io => format!("read error: {error}"),
    };
    Error::parse(endpoint, detail)
}

/// Replaces every `"…"` span (an upstream value) by `"…"`.
fn unquote(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct S {
        n: u32,
    }

    #[test]
    fn errors_are_typed_and_quote_nothing() {
        assert!(matches!(decode::<S>("X", ""), Err(Error::Parse { .. })));
        assert!(matches!(
            decode::<S>("X", "\n <!DOCTYPE html><html>"),
            Err(Error::SessionExpired { .. })
        ));
        let Err(Error::Parse { detail, endpoint }) = decode::<S>("X", r#"{"n": 1"#) else {
            panic!()
        };
        assert_eq!(endpoint, "X");
        assert!(detail.starts_with("truncated"), "{detail}");
        let Err(Error::Parse { detail, .. }) = decode::<S>("X", r#"{"n": "Tolvan"}"#) else {
            panic!()
        };
        assert!(!detail.contains("Tolvan"), "{detail}");
        assert_eq!(decode::<S>("X", "\u{FEFF}{\"n\": 2}").unwrap().n, 2);
    }
}
