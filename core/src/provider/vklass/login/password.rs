//! Username/password login at `auth.vklass.se/credentials`: fetch the form (token and
//! anti-forgery cookie), post the credentials without following, 302 = signed in (follow on to
//! the custodian application), 200 = wrong username or password. Then the session check.

use super::check_session;
use crate::error::{Error, LoginFailure, Result};
use crate::http::HttpRequest;
use crate::model::User;
use crate::provider::Password;
use crate::provider::vklass::context::Context;
use crate::provider::vklass::parse;
use crate::provider::vklass::routes;

/// Signs in with `username` and `password`; on success the session is live and checked.
pub(crate) async fn login(context: &Context, username: &str, password: &Password) -> Result<User> {
    let form = context
        .http
        .follow(HttpRequest::get("credentials", routes::CREDENTIALS)?.login_flow())
        .await?;
    form.ensure_success()?;
    let token = parse::credentials_token(&form.text())
        .ok_or_else(|| Error::parse("credentials", "the login form has no token"))?;
    let signin = HttpRequest::post("signin", routes::CREDENTIALS_SIGNIN)?
        .login_flow()
        .header("origin", "https://auth.vklass.se")
        .header("referer", routes::CREDENTIALS)
        .form(&[
            ("__RequestVerificationToken", token.as_str()),
            ("Username", username),
            ("Password", password.expose()),
            ("RememberMe", "false"),
        ]);
    let answer = context.http.send(&signin).await?;
    match answer.status() {
        302 | 303 => {}
        200 => {
            return Err(Error::Login(LoginFailure::Rejected(
                "wrong username or password".to_owned(),
            )));
        }
        _ => {
            answer.ensure_success()?;
            return Err(Error::upstream(
                "signin",
                Some(answer.status()),
                "unexpected answer",
            ));
        }
    }
    if let Some(next) = answer.location() {
        // Through `/process` to the custodian application, which sets its own cookies.
        let hop = HttpRequest::from_url(reqwest::Method::GET, "process", next).login_flow();
        let _ = context.http.follow(hop).await?;
    }
    check_session(context).await
}
