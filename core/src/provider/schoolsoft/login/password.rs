//! Username and password (schools that hand out SchoolSoft accounts): `POST {S}jsp/Login.jsp`
//! form-encoded, without following the redirect. Success and failure are both 302; a failure's
//! `Location` names the login or an error.

use super::super::context::Context;
use super::super::saved::account_for_username;
use crate::error::{Error, LoginFailure, Result};
use crate::http::HttpRequest;
use crate::model::User;

/// Logs in with a SchoolSoft username and password.
pub(crate) async fn login(context: &Context, username: &str, password: &str) -> Result<User> {
    let tenant = context.tenant()?;
    if username.trim().is_empty() || password.is_empty() {
        return Err(Error::Login(LoginFailure::Rejected(
            "username and password are required".to_owned(),
        )));
    }
    context.http.jar().clear();
    *context.session.lock().await = Default::default();
    let request = HttpRequest::post("Login.jsp", &tenant.login_jsp())?
        .form(&[
            ("action", "login"),
            ("usertype", "2"),
            ("ssusername", username.trim()),
            ("sspassword", password),
            ("button", "Logga in"),
        ])
        .login_flow();
    let response = context.http.send(&request).await?;
    let status = response.status();
    let location = response.location();
    match location {
        Some(location) if (300..400).contains(&status) => {
            let target = location.as_str().to_ascii_lowercase();
            let path = location.path().to_ascii_lowercase();
            if path.ends_with("login.jsp") || target.contains("error") {
                return Err(Error::Login(LoginFailure::Rejected(
                    "SchoolSoft refused the username or password".to_owned(),
                )));
            }
        }
        _ => {
            return Err(Error::upstream(
                "Login.jsp",
                Some(status),
                "expected a redirect after the login form",
            ));
        }
    }
    super::finish(context, account_for_username(tenant.slug(), username)).await
}
