//! The Stockholm BankID page's JSON answers in the InfoMentor login: `initialize=bankid`,
//! `initialize=qr` and `verifyorder=<order>`.

use serde::{Deserialize, Serialize};

use super::util::{self, de_text};
use crate::error::{Error, Result};
use crate::provider::{LoginState, QrFrame};

const INITIALIZE: &str = "initialize";
const VERIFYORDER: &str = "verifyorder";

/// A started BankID order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BankIdOrder {
    /// The order id, used in `verifyorder=<order>`.
    pub order: String,
    /// The autostart token (same-device variant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autostart_token: Option<String>,
    /// The first QR frame (QR variant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qr: Option<QrFrame>,
}

/// A BankID order state as the page reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BankIdState {
    /// `PENDING` (and the hint codes `OUTSTANDING_TRANSACTION`, `STARTED`, `NO_CLIENT`).
    Pending,
    /// `USER_SIGN`: the app is open and waits for the user.
    UserSign,
    /// `OK`: signed; fetch the SAML response next.
    Ok,
    /// `ERROR`: the order failed (or was dead from the start).
    Error,
    /// `CANCELLED`.
    Cancelled,
    /// A state this version does not know, as sent (treated as still pending).
    Other(String),
}

impl BankIdState {
    fn from_upstream(s: &str) -> Self {
        match s.trim().to_ascii_uppercase().as_str() {
            "PENDING" | "OUTSTANDING_TRANSACTION" | "STARTED" | "NO_CLIENT" => BankIdState::Pending,
            "USER_SIGN" | "USERSIGN" => BankIdState::UserSign,
            "OK" | "COMPLETE" => BankIdState::Ok,
            "ERROR" | "FAILED" => BankIdState::Error,
            "CANCELLED" | "CANCELED" | "USER_CANCEL" => BankIdState::Cancelled,
            _ => BankIdState::Other(s.trim().to_owned()),
        }
    }

    /// The login state a UI shows for this poll answer (`Ok` is [`LoginState::Signed`]: the
    /// InfoMentor hand-off still has to run).
    pub fn login_state(&self) -> LoginState {
        match self {
            BankIdState::Pending | BankIdState::Other(_) => LoginState::Pending,
            BankIdState::UserSign => LoginState::UserSign,
            BankIdState::Ok => LoginState::Signed,
            BankIdState::Error => LoginState::Failed(crate::error::LoginFailure::Rejected(
                "BankID reported an error".to_owned(),
            )),
            BankIdState::Cancelled => {
                LoginState::Failed(crate::error::LoginFailure::CancelledByUser)
            }
        }
    }
}

/// One `verifyorder` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BankIdPoll {
    /// The state.
    pub state: BankIdState,
    /// The next QR frame (QR variant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qr: Option<QrFrame>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawInit {
    #[serde(default, deserialize_with = "de_text")]
    order: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    token: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    qr_data: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPoll {
    #[serde(default, deserialize_with = "de_text")]
    state: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    qr_data: Option<String>,
}

/// Parses `initialize=bankid` or `initialize=qr`. A non-JSON answer or one without an order id
/// is an [`Error::Parse`]: the caller restarts the login chain.
pub fn parse_initialize(body: &str) -> Result<BankIdOrder> {
    let raw: RawInit = util::json_required(INITIALIZE, body)?;
    let order = raw
        .order
        .ok_or_else(|| Error::parse(INITIALIZE, "no order id"))?;
    if raw.token.is_none() && raw.qr_data.is_none() {
        return Err(Error::parse(
            INITIALIZE,
            "neither an autostart token nor a QR code",
        ));
    }
    Ok(BankIdOrder {
        order,
        autostart_token: raw.token,
        qr: raw.qr_data.map(|payload| QrFrame { payload }),
    })
}

/// Parses a `verifyorder` answer.
pub fn parse_verifyorder(body: &str) -> Result<BankIdPoll> {
    let raw: RawPoll = util::json_required(VERIFYORDER, body)?;
    let state = raw
        .state
        .ok_or_else(|| Error::parse(VERIFYORDER, "no state"))?;
    Ok(BankIdPoll {
        state: BankIdState::from_upstream(&state),
        qr: raw.qr_data.map(|payload| QrFrame { payload }),
    })
}
