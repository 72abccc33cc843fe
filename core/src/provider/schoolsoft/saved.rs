//! The SchoolSoft session in storable form: the tenant, the account, the cookie jar (the
//! web session cookies `JSESSIONID`, `hash`, `usertype`) and, after a browser login, its
//! tokens.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::eva_session::EvaSession;
use crate::error::{Error, Result};
use crate::model::AccountId;

/// The secret of a saved SchoolSoft session.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SavedSecret {
    /// The tenant slug, so `resume` works without choosing the school again.
    pub(crate) slug: String,
    /// The serialized cookie jar.
    pub(crate) jar: String,
    /// The tokens of a browser login (absent for GrandID and password sessions, and in
    /// sessions saved before the browser login existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) eva: Option<EvaSession>,
}

impl SavedSecret {
    /// The secret as a string.
    pub(crate) fn to_secret(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::parse("saved session", e))
    }

    /// Reads a secret written by [`SavedSecret::to_secret`].
    pub(crate) fn from_secret(secret: &str) -> Result<Self> {
        serde_json::from_str(secret)
            .map_err(|_| Error::InvalidInput("not a SchoolSoft session".to_owned()))
    }
}

/// The account of a SchoolSoft username at a tenant: a one-way hash, so ids never carry the
/// username.
pub(crate) fn account_for_username(slug: &str, username: &str) -> AccountId {
    let mut hasher = Sha256::new();
    hasher.update(b"skolbryggan-schoolsoft-account-v1:");
    hasher.update(slug.as_bytes());
    hasher.update(b":");
    hasher.update(username.trim().to_lowercase().as_bytes());
    let digest = hasher.finalize();
    AccountId::from_raw(
        digest
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
    )
}

/// The account of an Eva guardian id at a tenant, for a browser login whose profile has no
/// readable personal number: a one-way hash, like [`account_for_username`].
pub(crate) fn account_for_eva_user(slug: &str, user_id: &str) -> AccountId {
    let mut hasher = Sha256::new();
    hasher.update(b"skolbryggan-schoolsoft-eva-user-v1:");
    hasher.update(slug.as_bytes());
    hasher.update(b":");
    hasher.update(user_id.trim().as_bytes());
    let digest = hasher.finalize();
    AccountId::from_raw(
        digest
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
    )
}
