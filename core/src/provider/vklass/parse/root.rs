//! `GET /`: the application shell's `window['appData']` (the signed-in guardian).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::script::app_data;
use crate::error::{Error, Result};
use crate::model::{AccountId, EntityId, EntityKind, Platform, User};

const ENDPOINT: &str = "custodian-root";

/// The guardian named by the shell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Guardian {
    /// `appData.userId` (format unknown; kept as text).
    pub user_id: String,
    /// `appData.userFullName`.
    pub full_name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAppData {
    #[serde(default)]
    user_id: Option<serde_json::Value>,
    #[serde(default)]
    user_full_name: Option<String>,
}

/// Parses the shell page. A page without `appData` (a login page, an error page) is
/// [`Error::SessionExpired`]: the shell always carries it for a signed-in guardian.
pub fn parse_root(html: &str) -> Result<Guardian> {
    let Some(json) = app_data(html) else {
        return Err(Error::SessionExpired {
            endpoint: ENDPOINT.to_owned(),
        });
    };
    let raw: RawAppData = serde_json::from_str(&json).map_err(|e| Error::parse(ENDPOINT, e))?;
    let user_id = match raw.user_id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err(Error::parse(ENDPOINT, "appData has no userId")),
    };
    Ok(Guardian {
        user_id,
        full_name: raw.user_full_name.unwrap_or_default().trim().to_owned(),
    })
}

impl Guardian {
    /// The account id: 16 hex characters of a hash of the user id, stable across logins.
    pub fn account(&self) -> AccountId {
        let mut hasher = Sha256::new();
        hasher.update(b"skolbryggan-vklass-account-v1:");
        hasher.update(self.user_id.as_bytes());
        let hex: String = hasher
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        AccountId::from_raw(hex)
    }

    /// The guardian as a [`User`] (the name split at the first space).
    pub fn user(&self, account: &AccountId) -> User {
        let (first, last) = split_name(&self.full_name);
        User {
            id: EntityId::new(Platform::Vklass, account, EntityKind::User, &self.user_id),
            personal_number: None,
            first_name: first,
            last_name: last,
            email: None,
            notification_id: None,
        }
    }
}

/// Splits a full name at the first space: first word, rest.
pub(crate) fn split_name(full: &str) -> (String, String) {
    let full = full.trim();
    match full.split_once(' ') {
        Some((first, rest)) => (first.to_owned(), rest.trim().to_owned()),
        None => (full.to_owned(), String::new()),
    }
}
