//! A session that can be stored and resumed.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::AccountId;

/// A provider's session in storable form: which provider and account, and an opaque secret
/// (typically the serialized cookie jar).
///
/// The secret grants access to a family's data: store it encrypted only. `Debug` hides it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedSession {
    /// The provider's [`super::Provider::name`].
    pub provider: String,
    /// The account.
    pub account: AccountId,
    /// Provider-specific secret (cookies, tokens).
    pub secret: String,
}

impl fmt::Debug for SavedSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SavedSession")
            .field("provider", &self.provider)
            .field("account", &self.account)
            .field("secret", &"<hidden>")
            .finish()
    }
}
