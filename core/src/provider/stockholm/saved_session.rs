//! The saved form of a Stockholm session: the cookie jar and the anti-forgery token as one
//! secret string, and its restoring (also from the upstream app's bare `SMSESSION=` form).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::http::CookieJar;

/// The secret of a saved Stockholm session.
#[derive(Serialize, Deserialize)]
struct SecretV1 {
    /// Format version (1).
    v: u32,
    /// The cookie jar ([`CookieJar::to_secret`]), session cookies included.
    cookies: String,
    /// The anti-forgery token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    xsrf: Option<String>,
}

/// A saved session that cannot be used (an I/O error of kind `InvalidData`).
fn invalid_data(what: &str) -> Error {
    Error::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        what.to_owned(),
    ))
}

/// Serializes the jar and token into a secret string.
pub(crate) fn save_secret(jar: &CookieJar, xsrf: Option<&str>) -> Result<String> {
    let secret = SecretV1 {
        v: 1,
        cookies: jar.to_secret()?,
        xsrf: xsrf.map(str::to_owned),
    };
    serde_json::to_string(&secret).map_err(|e| Error::Io(e.into()))
}

/// Restores a secret into `jar` and returns the saved token. Besides the own format, the bare
/// cookie form the upstream app stores (`SMSESSION=<value>`) is accepted.
pub(crate) fn restore_secret(jar: &CookieJar, secret: &str) -> Result<Option<String>> {
    let trimmed = secret.trim();
    if let Some(value) = trimmed.strip_prefix("SMSESSION=") {
        jar.clear();
        let url = url::Url::parse(super::routes::LOGIN003)
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        let value = value.split(';').next().unwrap_or("").trim();
        if value.is_empty()
            || !jar.set_cookie(
                &format!("SMSESSION={value}; Domain=.stockholm.se; Path=/; Secure; HttpOnly"),
                &url,
            )
        {
            return Err(invalid_data("the saved session cookie is not usable"));
        }
        return Ok(None);
    }
    let saved: SecretV1 = serde_json::from_str(trimmed)
        .map_err(|_| invalid_data("the saved Stockholm session is not readable"))?;
    if saved.v != 1 {
        return Err(invalid_data(&format!(
            "the saved Stockholm session has unknown version {}",
            saved.v
        )));
    }
    jar.restore(&saved.cookies)?;
    Ok(saved.xsrf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_round_trip_keeps_smsession() {
        let jar = CookieJar::new();
        let login = url::Url::parse(
            "https://login003.stockholm.se/NECSadcmbid/authenticate/SiteMinderAuthADC",
        )
        .unwrap();
        jar.set_cookie(
            "SMSESSION=opaque+value/=; Domain=.stockholm.se; path=/; HttpOnly; SameSite=Lax",
            &login,
        );
        let secret = save_secret(&jar, Some("xsrf-token")).unwrap();
        let other = CookieJar::new();
        let xsrf = restore_secret(&other, &secret).unwrap();
        assert_eq!(xsrf.as_deref(), Some("xsrf-token"));
        let etjanster =
            url::Url::parse("https://etjanster.stockholm.se/vardnadshavare/base/getuserdata")
                .unwrap();
        assert_eq!(
            other.value_for(&etjanster, "SMSESSION").as_deref(),
            Some("opaque+value/=")
        );
    }

    #[test]
    fn bare_cookie_form_is_accepted() {
        let jar = CookieJar::new();
        assert_eq!(restore_secret(&jar, "SMSESSION=abc").unwrap(), None);
        let etjanster = url::Url::parse("https://etjanster.stockholm.se/x").unwrap();
        assert_eq!(
            jar.value_for(&etjanster, "SMSESSION").as_deref(),
            Some("abc")
        );
        assert!(restore_secret(&jar, "SMSESSION=").is_err());
    }

    #[test]
    fn unreadable_secrets_are_errors() {
        let jar = CookieJar::new();
        assert!(matches!(restore_secret(&jar, "garbage"), Err(Error::Io(_))));
        assert!(matches!(
            restore_secret(&jar, r#"{"v":2,"cookies":""}"#),
            Err(Error::Io(_))
        ));
    }
}
