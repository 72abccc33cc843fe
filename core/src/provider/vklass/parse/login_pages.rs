//! The pages and answers of the two login paths: the username/password form of
//! `auth.vklass.se`, Göteborg's method chooser and auto-post forms, and the e-ID broker's
//! JSON and text answers.

use serde::{Deserialize, Serialize};

use super::dom::Page;
use crate::error::{Error, Result};
use crate::html_scan;
use crate::provider::infomentor::parse::{HtmlForm, forms};

/// The `__RequestVerificationToken` of the credentials form.
pub fn credentials_token(html: &str) -> Option<String> {
    html_scan::input_value(html, "__RequestVerificationToken").filter(|t| !t.is_empty())
}

/// The `value` of the chooser button for BankID (text or value mentions "bankid").
pub fn bankid_button(html: &str) -> Option<String> {
    Page::parse(html)
        .find(|e| e.tag() == "button" && e.attr("name").as_deref() == Some("ITFIM_WAYF_IDP"))
        .iter()
        .find(|b| {
            b.text().to_lowercase().contains("bankid")
                || b.attr("value")
                    .is_some_and(|v| v.to_lowercase().contains("bankid"))
        })
        .and_then(|b| b.attr("value"))
}

/// The first form of a page that carries `field` (an auto-post SAML form).
pub fn form_with(html: &str, field: &str) -> Option<HtmlForm> {
    forms(html).into_iter().find(|f| f.has_field(field))
}

/// One method of the e-ID broker.
#[derive(Debug, Clone, Deserialize)]
struct RawMethod {
    #[serde(default)]
    id: Option<String>,
}

/// The e-ID broker's method id to order BankID with: the first item mentioning "bankid",
/// else the first.
pub fn bankid_method(body: &str) -> Result<String> {
    let items: Vec<serde_json::Value> =
        serde_json::from_str(body).map_err(|e| Error::parse("methods", e))?;
    let pick = items
        .iter()
        .find(|v| v.to_string().to_lowercase().contains("bankid"))
        .or_else(|| items.first())
        .ok_or_else(|| Error::parse("methods", "the broker lists no method"))?;
    let m: RawMethod =
        serde_json::from_value(pick.clone()).map_err(|e| Error::parse("methods", e))?;
    m.id.filter(|id| !id.trim().is_empty())
        .ok_or_else(|| Error::parse("methods", "the method has no id"))
}

/// The state of a BankID order at the e-ID broker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BrokerStatus {
    /// `pending`: show the next QR frame and poll again.
    Pending,
    /// `complete`: fetch `/id/finish`.
    Complete,
    /// Anything else: stop, with the hint code.
    Failed {
        /// `hintCode` or `substatus`, when sent.
        hint: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawStatus {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    hint_code: Option<String>,
    #[serde(default)]
    substatus: Option<String>,
}

/// Parses `/id/bankid/status`.
pub fn broker_status(body: &str) -> Result<BrokerStatus> {
    let raw: RawStatus = serde_json::from_str(body).map_err(|e| Error::parse("status", e))?;
    Ok(
        match raw
            .status
            .as_deref()
            .map(str::trim)
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("pending") => BrokerStatus::Pending,
            Some("complete") => BrokerStatus::Complete,
            _ => BrokerStatus::Failed {
                hint: raw.hint_code.or(raw.substatus).filter(|h| !h.is_empty()),
            },
        },
    )
}

/// A QR payload from `/id/bankid/qr` (must start with `bankid.`).
pub fn qr_payload(body: &str) -> Option<String> {
    let t = body.trim();
    t.starts_with("bankid.").then(|| t.to_owned())
}

/// True when the `/id/bankid/auth` answer is the order token (plain text), not an HTML page.
pub fn order_started(body: &str) -> bool {
    let t = body.trim_start();
    !t.is_empty()
        && !t.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("<html"))
        && !t.starts_with('<')
}
