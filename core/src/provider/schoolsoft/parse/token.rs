//! `POST {S}rest-api/login/token` (OAuth code or refresh grant): the token pair, and the claims
//! of the access token (a JWT whose `exp` is the only lifetime SchoolSoft gives).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::provider::upstream_json::decode;

/// A token pair.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenPair {
    /// The Bearer token of the Eva API (about 15 minutes).
    pub access_token: String,
    /// The refresh token (rotates: use each once).
    pub refresh_token: String,
    /// `exp` of the access token, seconds since the epoch.
    pub expires_at: Option<i64>,
}

impl std::fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenPair")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct RawToken {
    access_token: Option<String>,
    refresh_token: Option<String>,
    #[serde(default)]
    expires: Option<i64>,
}

/// The claims Skolbryggan reads from the access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// `user_type` (`PARENT` for a guardian token).
    #[serde(default)]
    pub user_type: Option<String>,
    /// `client_id` (`vApp`).
    #[serde(default)]
    pub client_id: Option<String>,
    /// Issued at.
    #[serde(default)]
    pub iat: Option<i64>,
    /// Expires at.
    #[serde(default)]
    pub exp: Option<i64>,
}

/// Reads a JWT's claims without checking its signature (the server does that).
pub fn jwt_claims(token: &str) -> Option<Claims> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Parses the token answer; a token that is not a guardian's is refused.
pub fn parse_token(body: &str) -> Result<TokenPair> {
    let raw: RawToken = decode("login/token", body)?;
    let access_token = raw
        .access_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::parse("login/token", "no access_token"))?;
    let refresh_token = raw
        .refresh_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::parse("login/token", "no refresh_token"))?;
    let claims = jwt_claims(&access_token);
    if let Some(kind) = claims.as_ref().and_then(|c| c.user_type.as_deref())
        && kind != "PARENT"
    {
        return Err(Error::Login(crate::error::LoginFailure::Rejected(
            "the token is not a guardian's".to_owned(),
        )));
    }
    Ok(TokenPair {
        expires_at: claims.and_then(|c| c.exp).or(raw.expires),
        access_token,
        refresh_token,
    })
}
