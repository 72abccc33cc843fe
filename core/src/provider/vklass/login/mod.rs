//! The login paths: username/password ([`password`]), Göteborg's SAML with BankID QR
//! ([`goteborg_bankid`]), the organisations Skolbryggan knows ([`organisations`]), and the
//! session check every path ends with.

pub(crate) mod goteborg_bankid;
pub(crate) mod organisations;
pub(crate) mod password;

use super::context::Context;
use super::routes;
use crate::error::{Error, LoginFailure, Result};
use crate::model::User;

/// The session check after a login: `/Home/Welcome` must answer 200 on the custodian host
/// without a redirect; then the guardian is read from the shell.
pub(crate) async fn check_session(context: &Context) -> Result<User> {
    match context.get(routes::HOME_WELCOME, &[]).await {
        Ok(_) => {}
        Err(Error::SessionExpired { .. }) => {
            return Err(Error::Login(LoginFailure::NoSession(
                "Vklass did not hand out a session".to_owned(),
            )));
        }
        Err(e) => return Err(e),
    }
    let mut state = context.state.lock().await;
    let guardian = context.load_guardian(&mut state).await?;
    Ok(guardian.user(&guardian.account()))
}
