//! The pieces of SchoolSoft's OAuth 2 login with PKCE (what the current apps do; it works with
//! any tenant IdP): the verifier/challenge pair and the `state`, the authorization URL for a
//! browser or web view, the callback check and the code's token request. The flow around them
//! is `oauth.rs`.

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

/// `len` characters drawn uniformly from [`UNRESERVED`] with the system's random source:
/// bytes at or above the largest multiple of the set's size are dropped, so no character is
/// likelier than another.
fn random_text(len: usize) -> Result<String> {
    let limit = 256 - 256 % UNRESERVED.len();
    let mut out = String::with_capacity(len);
    let mut bytes = [0u8; 64];
    while out.len() < len {
        getrandom::fill(&mut bytes)
            .map_err(|_| Error::InvalidInput("no randomness for the login".to_owned()))?;
        for b in bytes.iter().map(|b| usize::from(*b)).filter(|b| *b < limit) {
            if out.len() == len {
                break;
            }
            if let Some(c) = UNRESERVED.get(b % UNRESERVED.len()) {
                out.push(char::from(*c));
            }
        }
    }
    Ok(out)
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

    /// The `code` of the redirect back to `redirect_uri`, after checking that it is that
    /// address, then `error` and `state`.
    pub(crate) fn code_of(&self, redirect_uri: &str, callback: &str) -> Result<String> {
        let url = url::Url::parse(callback)
            .map_err(|_| Error::InvalidInput("not a login callback URL".to_owned()))?;
        let expected = url::Url::parse(redirect_uri)
            .map_err(|_| Error::InvalidInput("not a redirect address".to_owned()))?;
        if url.scheme() != expected.scheme()
            || url.host_str() != expected.host_str()
            || url.port_or_known_default() != expected.port_or_known_default()
            || url.path() != expected.path()
        {
            return Err(Error::InvalidInput(
                "the address is not this login's redirect".to_owned(),
            ));
        }
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
    fn challenge_matches_rfc_7636_appendix_b() {
        assert_eq!(
            challenge_of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn fresh_pairs_differ_and_use_every_character_fairly() {
        let a = Pkce::generate().unwrap();
        let b = Pkce::generate().unwrap();
        assert_ne!(a.verifier, b.verifier);
        assert_ne!(a.state, b.state);
        assert_eq!(a.state.len(), 32);
        // 200 verifiers: every one of the 66 characters shows up, none far above its share.
        let mut counts = std::collections::HashMap::new();
        for _ in 0..200 {
            for c in Pkce::generate().unwrap().verifier.chars() {
                *counts.entry(c).or_insert(0u32) += 1;
            }
        }
        assert_eq!(counts.len(), UNRESERVED.len());
        let share = 200 * 128 / UNRESERVED.len() as u32;
        assert!(
            counts
                .values()
                .all(|n| *n < share * 3 / 2 && *n > share / 2)
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
        let back = "http://127.0.0.1:8123/callback";
        assert_eq!(pkce.code_of(back, &ok).unwrap(), "AB12CD");
        assert!(
            pkce.code_of(
                back,
                "http://127.0.0.1:8123/callback?code=AB12CD&state=other"
            )
            .is_err()
        );
        assert!(
            pkce.code_of(back, "http://127.0.0.1:8123/callback?error=access_denied")
                .is_err()
        );
        let elsewhere = format!(
            "http://127.0.0.1:9999/callback?code=AB12CD&state={}",
            pkce.state
        );
        assert!(pkce.code_of(back, &elsewhere).is_err());
        assert!(pkce.code_of(back, "not a url").is_err());
        assert!(
            pkce.token_url(&tenant, "AB12CD")
                .contains("grantType=code&code=AB12CD&codeVerifier=")
        );
    }
}
