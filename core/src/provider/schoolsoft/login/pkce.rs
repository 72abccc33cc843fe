//! The pieces of SchoolSoft's OAuth 2 login with PKCE (what the current apps do; it works with
//! any tenant IdP): the verifier/challenge pair, the authorization URL for a web view, the
//! callback check and the token request. Not yet a `LoginFlow`: the IdP's pages need a web
//! view or a system browser and a redirect URI SchoolSoft accepts (a loopback URL is known to
//! work, a custom scheme is not known), which the apps do not offer yet.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::super::routes::{Tenant, escape};
use crate::error::{Error, LoginFailure, Result};

/// The characters a verifier is drawn from (RFC 7636 "unreserved").
const UNRESERVED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/// The guardian app's client id (`eApp` would give a pupil's token).
pub(crate) const CLIENT_ID: &str = "vApp";

/// A PKCE pair and the `state` of one authorization.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Pkce {
    pub(crate) verifier: String,
    pub(crate) challenge: String,
    pub(crate) state: String,
}

impl std::fmt::Debug for Pkce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkce").finish_non_exhaustive()
    }
}

fn random_text(len: usize) -> Result<String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes)
        .map_err(|_| Error::InvalidInput("no randomness for the login".to_owned()))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(UNRESERVED[usize::from(*b) % UNRESERVED.len()]))
        .collect())
}

/// `base64url(SHA-256(verifier))` without padding (method `S256`).
pub(crate) fn challenge_of(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

impl Pkce {
    /// A fresh pair: a 128-character verifier (as the apps use) and a random state.
    pub(crate) fn generate() -> Result<Self> {
        let verifier = random_text(128)?;
        Ok(Pkce {
            challenge: challenge_of(&verifier),
            verifier,
            state: random_text(32)?,
        })
    }

    /// The URL to open in a web view: the SPA's guardian login, parameters after the `#`.
    pub(crate) fn authorize_url(&self, tenant: &Tenant, redirect_uri: &str) -> String {
        format!(
            "{}#/login/parent?client_id={CLIENT_ID}&code_challenge={}&code_challenge_method=S256&redirect_uri={}&state={}&response_type=code",
            tenant.url("react/"),
            self.challenge,
            escape(redirect_uri),
            escape(&self.state)
        )
    }

    /// The `code` of the redirect back, after checking `state` and `error`.
    pub(crate) fn code_of(&self, callback: &str) -> Result<String> {
        let url = url::Url::parse(callback)
            .map_err(|_| Error::InvalidInput("not a login callback URL".to_owned()))?;
        let value = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        if value("error").is_some() {
            return Err(Error::Login(LoginFailure::Rejected(
                "SchoolSoft refused the login".to_owned(),
            )));
        }
        if value("state").as_deref() != Some(self.state.as_str()) {
            return Err(Error::Login(LoginFailure::Rejected(
                "the login callback does not belong to this login".to_owned(),
            )));
        }
        value("code")
            .filter(|c| !c.is_empty())
            .ok_or_else(|| Error::InvalidInput("the login callback has no code".to_owned()))
    }

    /// The token request for `code` (parameters in the query, empty `POST` body).
    pub(crate) fn token_url(&self, tenant: &Tenant, code: &str) -> String {
        tenant.url(&format!(
            "rest-api/login/token?clientId={CLIENT_ID}&grantType=code&code={}&codeVerifier={}",
            escape(code),
            escape(&self.verifier)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_is_base64url_sha256_without_padding() {
        // Computed independently (Python hashlib + base64.urlsafe_b64encode).
        assert_eq!(
            challenge_of("skolbryggan-pkce-test-verifier-0123456789abcdefghijklmnop"),
            "mDo0JIPlsxqSNNn0c9j3Lm5IlNy3X5eI1fC-3DuP_Yk"
        );
    }

    #[test]
    fn pairs_urls_and_callbacks() {
        let pkce = Pkce::generate().unwrap();
        assert_eq!(pkce.verifier.len(), 128);
        assert!(pkce.verifier.bytes().all(|b| UNRESERVED.contains(&b)));
        assert_eq!(pkce.challenge, challenge_of(&pkce.verifier));
        let tenant = Tenant::new("procivitas");
        let url = pkce.authorize_url(&tenant, "http://127.0.0.1:8123/callback");
        assert!(url.starts_with("https://sms.schoolsoft.se/procivitas/react/#/login/parent?client_id=vApp&code_challenge="));
        assert!(url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8123%2Fcallback"));
        let ok = format!(
            "http://127.0.0.1:8123/callback?code=AB12CD&state={}",
            pkce.state
        );
        assert_eq!(pkce.code_of(&ok).unwrap(), "AB12CD");
        assert!(
            pkce.code_of("http://127.0.0.1:8123/callback?code=AB12CD&state=other")
                .is_err()
        );
        assert!(
            pkce.code_of("http://127.0.0.1:8123/callback?error=access_denied")
                .is_err()
        );
        assert!(
            pkce.token_url(&tenant, "AB12CD")
                .contains("grantType=code&code=AB12CD&codeVerifier=")
        );
    }
}
