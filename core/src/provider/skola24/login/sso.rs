//! SAML single sign-on from a Stockholm session into Skola24 ("TimetableViewer").

use crate::error::{Error, Result};
use crate::http::{HttpClient, HttpRequest};
use crate::provider::skola24::{parse, routes};
use crate::provider::stockholm::is_login_host;

/// Runs the three SSO steps with the jar's `SMSESSION`; Skola24 then sets its own session
/// cookies. Without a valid Stockholm session the identity provider shows its login page, which
/// comes back as [`Error::SessionExpired`].
pub(crate) async fn single_sign_on(http: &HttpClient) -> Result<()> {
    // 1. Skola24 builds the SAML request (an auto-submit form).
    let start = http
        .follow(HttpRequest::get("authenticate", &routes::sso_start())?.login_flow())
        .await?;
    let start_html = start.html_text()?;
    let saml_request = parse::saml_request(&start_html)?;

    // 2. Stockholm's identity provider answers the SAML response for the live session.
    let idp = http
        .follow(
            HttpRequest::post("saml2sso", &routes::idp())?
                .login_flow()
                .form(&[("SAMLRequest", saml_request.as_str())]),
        )
        .await?;
    let idp_html = idp.html_text()?;
    let saml_response = match parse::saml_response(&idp_html) {
        Ok(value) => value,
        Err(error) => {
            let on_login_page = idp_html.contains("NECSadc")
                || idp
                    .redirects()
                    .iter()
                    .chain(std::iter::once(idp.url()))
                    .any(|u| {
                        u.host_str().is_some_and(is_login_host) && !u.path().contains("saml2sso")
                    });
            return Err(if on_login_page {
                Error::SessionExpired {
                    endpoint: "saml2sso".to_owned(),
                }
            } else {
                error
            });
        }
    };

    // 3. Skola24 consumes it and sets its session cookies; the body is not used.
    let done = http
        .follow(
            HttpRequest::post("response", &routes::sso_response())?
                .login_flow()
                .form(&[("SAMLResponse", saml_response.as_str())]),
        )
        .await?;
    done.ensure_success()?;
    Ok(())
}
