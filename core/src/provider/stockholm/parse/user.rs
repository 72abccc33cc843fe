//! `getuserdata`: the logged-in guardian (no envelope).

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{AccountKey, EntityId, EntityKind, PersonalNumber, Platform, User};
use crate::provider::upstream_json::decode;

const ENDPOINT: &str = "getuserdata";

#[derive(Deserialize)]
struct RawUser {
    #[serde(rename = "socialSecurityNumber", default)]
    social_security_number: Option<String>,
    #[serde(rename = "isAuthenticated", default)]
    is_authenticated: Option<bool>,
    #[serde(rename = "userFirstName", default)]
    first_name: Option<String>,
    #[serde(rename = "userLastName", default)]
    last_name: Option<String>,
    #[serde(rename = "userEmail", default)]
    email: Option<String>,
    #[serde(rename = "notificationId", default)]
    notification_id: Option<String>,
}

/// The answer of `getuserdata`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserData {
    /// The guardian. Its account id comes from the personal number; without a valid session the
    /// upstream sends none and `user` is a placeholder that must not be used.
    pub user: User,
    /// False when the session is not (or no longer) valid: log in again.
    pub is_authenticated: bool,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Parses `getuserdata`.
///
/// Account id = [`AccountKey::account_id`] of `socialSecurityNumber` (normalized to 12 digits
/// when it comes in another accepted form) under the installation's `account_key`; user id =
/// `EntityId::new(Stockholm, &account, User, account)`. An HTML page is
/// [`crate::Error::SessionExpired`]; `isAuthenticated: false` (or missing) is returned as
/// `is_authenticated == false` for the caller to act on.
pub fn user(body: &str, account_key: &AccountKey) -> Result<UserData> {
    let raw: RawUser = decode(ENDPOINT, body)?;
    let ssn = raw.social_security_number.unwrap_or_default();
    let personal_number = if ssn.len() == 12 && ssn.bytes().all(|b| b.is_ascii_digit()) {
        PersonalNumber::try_from(ssn.clone()).ok()
    } else {
        PersonalNumber::parse(&ssn, crate::time::today().year())
    };
    let digits = personal_number
        .as_ref()
        .map(|p| p.digits().to_owned())
        .unwrap_or_else(|| ssn.chars().filter(char::is_ascii_digit).collect());
    let account = account_key.account_id(&digits);
    let user = User {
        id: EntityId::new(
            Platform::Stockholm,
            &account,
            EntityKind::User,
            account.as_str(),
        ),
        personal_number,
        first_name: raw.first_name.unwrap_or_default(),
        last_name: raw.last_name.unwrap_or_default(),
        email: non_empty(raw.email),
        notification_id: non_empty(raw.notification_id),
    };
    Ok(UserData {
        user,
        is_authenticated: raw.is_authenticated == Some(true) && !digits.is_empty(),
    })
}
