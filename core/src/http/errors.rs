//! Transport errors → [`crate::Error`].

use std::error::Error as _;

use crate::error::Error;
use crate::privacy::mask_personal_numbers;

/// Maps a reqwest error of a request to `endpoint`: timeouts → [`Error::Timeout`], everything
/// else (DNS, connect, TLS, reset, truncated body) → [`Error::Network`]. The URL is left out of
/// the message (it can carry a personal number or a token).
pub(crate) fn from_reqwest(endpoint: &str, error: reqwest::Error) -> Error {
    if error.is_timeout() {
        return Error::Timeout {
            endpoint: endpoint.to_owned(),
        };
    }
    let offline = error.is_connect();
    let kind = if offline {
        "connect failed"
    } else if error.is_body() || error.is_decode() {
        "reading the body failed (truncated or reset)"
    } else if error.is_redirect() {
        "redirect failed"
    } else {
        "request failed"
    };
    let error = error.without_url();
    let mut detail = String::from(kind);
    let mut source = error.source();
    let mut depth = 0;
    while let Some(cause) = source {
        if depth >= 4 {
            break;
        }
        detail.push_str(": ");
        detail.push_str(&cause.to_string());
        source = cause.source();
        depth += 1;
    }
    Error::Network {
        endpoint: endpoint.to_owned(),
        detail: mask_personal_numbers(&detail),
        offline,
    }
}
