//! `skolbryggan parse --platform skola24`: one saved Skola24 answer → normalized JSON.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::IsoWeek;
use crate::provider::parse_cli::{demo_child, unknown};
use crate::provider::skola24::parse as skola24;

/// Endpoint names accepted for `--platform skola24`.
pub const ENDPOINTS: &[&str] = &[
    "timetables",
    "key",
    "render-timetable",
    "saml-request",
    "saml-response",
];

fn json<T: Serialize>(endpoint: &str, value: T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::parse(endpoint, e))
}

/// Parses `body` as the answer of `endpoint` (one of [`ENDPOINTS`]); the timetable is read as
/// the current ISO week of [`demo_child`], in Swedish, without teacher names.
pub fn parse_endpoint(endpoint: &str, body: &str) -> Result<serde_json::Value> {
    let child = demo_child();
    let today = crate::time::today();
    match endpoint {
        "timetables" => json(endpoint, skola24::children(body)?),
        "key" => json(
            endpoint,
            serde_json::json!({ "key": skola24::render_key(body)? }),
        ),
        "render-timetable" => json(
            endpoint,
            skola24::timetable(body, &child, IsoWeek::containing(today), "sv", &[])?,
        ),
        "saml-request" => json(
            endpoint,
            serde_json::json!({ "SAMLRequest": skola24::saml_request(body)? }),
        ),
        "saml-response" => json(
            endpoint,
            serde_json::json!({ "SAMLResponse": skola24::saml_response(body)? }),
        ),
        _ => Err(unknown("skola24", endpoint, ENDPOINTS)),
    }
}
