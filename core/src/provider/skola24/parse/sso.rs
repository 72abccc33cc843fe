//! The SAML sign-on pages: Skola24's auto-submit form and Stockholm's identity provider page.

use crate::error::{Error, Result};
use crate::html_scan::input_value;

/// The `SAMLRequest` of Skola24's auto-submit sign-on page (`nssso/saml-2.0/authenticate`).
/// Missing → [`Error::Parse`] "Could not parse SAML Request".
pub fn saml_request(html: &str) -> Result<String> {
    input_value(html, "SAMLRequest")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::parse("authenticate", "Could not parse SAML Request"))
}

/// The `SAMLResponse` of Stockholm's identity provider page (`saml2sso`). Missing (for example
/// the login page of an expired session) → [`Error::Parse`] "Could not parse SAML Response".
pub fn saml_response(html: &str) -> Result<String> {
    input_value(html, "SAMLResponse")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::parse("saml2sso", "Could not parse SAML Response"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saml_inputs() {
        let page = r#"<form method="post"><input type="hidden" name="SAMLRequest" value="PHNhbWw+"></form>"#;
        assert_eq!(saml_request(page).unwrap(), "PHNhbWw+");
        let err = saml_response(page).unwrap_err();
        assert!(
            matches!(&err, Error::Parse { detail, .. } if detail == "Could not parse SAML Response"),
            "{err:?}"
        );
        assert!(saml_request("<html>Logga in</html>").is_err());
    }
}
