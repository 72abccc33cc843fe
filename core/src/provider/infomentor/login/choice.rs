//! Which login a session came from: the municipality's identity-provider key (`idp`) for the
//! federated SAML login, and whether the session came from that login or from the IM1
//! username/password form. Kept in the saved session (an envelope around the cookie jar), so a
//! resume and the silent re-login use the same choice without it being set again.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::provider::Organisation;
use crate::provider::infomentor::routes;

/// How the session was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum LoginKind {
    /// The SAML login through `sso.infomentor.se?idp=<idp>` (Stockholm: BankID).
    #[default]
    Federated,
    /// The IM1 ("Mentor") username/password form on `infomentor.se`.
    Password,
}

/// The login choice of a provider: the identity provider and how the session was obtained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LoginChoice {
    /// The municipality's identity-provider key for the federated login.
    pub(crate) idp: String,
    /// How the current session was obtained.
    pub(crate) kind: LoginKind,
}

impl LoginChoice {
    /// The federated login with `idp`.
    pub(crate) fn federated(idp: &str) -> Self {
        LoginChoice {
            idp: idp.to_owned(),
            kind: LoginKind::Federated,
        }
    }
}

/// The municipalities whose identity-provider keys are known (see `infomentor.md`: only
/// Stockholm's guardian key is documented).
pub(crate) fn known_organisations() -> Vec<Organisation> {
    vec![Organisation {
        id: routes::STOCKHOLM_GUARDIAN_IDP.to_owned(),
        name: "Stockholms stad".to_owned(),
    }]
}

/// Checks an identity-provider key: 1–64 ASCII letters, digits, `_` or `-` (the shape of
/// `stockholm_par`). Keys that are not in [`known_organisations`] are accepted: other
/// municipalities' keys are not documented, and a user who knows theirs may use it.
pub(crate) fn validate_idp(id: &str) -> Result<String> {
    let id = id.trim();
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(id.to_owned())
    } else {
        Err(Error::InvalidInput(
            "an InfoMentor identity-provider key is letters, digits, '_' or '-'".to_owned(),
        ))
    }
}

/// The saved-session secret: the choice and the cookie jar.
#[derive(Serialize, Deserialize)]
struct Envelope {
    idp: String,
    kind: LoginKind,
    jar: String,
}

/// Wraps a cookie-jar secret with the login choice.
pub(crate) fn seal(choice: &LoginChoice, jar: String) -> Result<String> {
    serde_json::to_string(&Envelope {
        idp: choice.idp.clone(),
        kind: choice.kind,
        jar,
    })
    .map_err(|_| Error::InvalidInput("the session could not be serialized".to_owned()))
}

/// Unwraps a saved-session secret: the login choice (`None` for a secret saved before the
/// choice was kept: a bare cookie jar of a Stockholm login) and the cookie-jar secret.
pub(crate) fn open(secret: &str) -> Result<(Option<LoginChoice>, String)> {
    match serde_json::from_str::<Envelope>(secret) {
        Ok(envelope) => {
            let idp = validate_idp(&envelope.idp)?;
            Ok((
                Some(LoginChoice {
                    idp,
                    kind: envelope.kind,
                }),
                envelope.jar,
            ))
        }
        Err(_) => Ok((None, secret.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idp_keys_are_checked() {
        assert_eq!(validate_idp(" stockholm_par ").unwrap(), "stockholm_par");
        assert_eq!(validate_idp("Kommun-2_par").unwrap(), "Kommun-2_par");
        for bad in ["", "a b", "x&idp=y", "å", &"a".repeat(65)] {
            assert!(
                matches!(validate_idp(bad), Err(Error::InvalidInput(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn envelope_round_trip_and_legacy_secret() {
        let choice = LoginChoice {
            idp: "exempel_par".to_owned(),
            kind: LoginKind::Password,
        };
        let sealed = seal(&choice, "[{\"raw_cookie\":\"a=b\"}]".to_owned()).unwrap();
        let (back, jar) = open(&sealed).unwrap();
        assert_eq!(back, Some(choice));
        assert_eq!(jar, "[{\"raw_cookie\":\"a=b\"}]");

        let legacy = "[{\"raw_cookie\":\"IMHome=x\"}]";
        let (none, jar) = open(legacy).unwrap();
        assert_eq!(none, None);
        assert_eq!(jar, legacy);

        let tampered = r#"{"idp":"a&b","kind":"federated","jar":"[]"}"#;
        assert!(open(tampered).is_err());
        assert_eq!(known_organisations()[0].id, routes::STOCKHOLM_GUARDIAN_IDP);
    }
}
