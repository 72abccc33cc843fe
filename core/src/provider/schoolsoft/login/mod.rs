//! The SchoolSoft logins: BankID through AcadeMedia's GrandID ([`grandid`]), username and
//! password at `Login.jsp` ([`password`]), the browser login through the tenant's IdP
//! ([`oauth`], OAuth 2 with the PKCE pieces of [`pkce`]), and the shared last step that proves
//! the web session and reads the guardian ([`finish`]).

pub(crate) mod grandid;
pub(crate) mod oauth;
pub(crate) mod password;
pub(crate) mod pkce;

use super::context::Context;
use super::parse;
use crate::error::{Error, LoginFailure, Result};
use crate::http::HttpRequest;
use crate::model::{AccountId, User};

/// Checks the web session on the start page (`#parent-header-root`), then reads the parent
/// header as `account` and returns the guardian.
pub(crate) async fn finish(context: &Context, account: AccountId) -> Result<User> {
    let tenant = context.tenant()?;
    let response = context
        .web(HttpRequest::get(
            "right_student_startpage.jsp",
            &tenant.start_page(),
        )?)
        .await
        .map_err(|e| match e {
            Error::SessionExpired { .. } => Error::Login(LoginFailure::NoSession(
                "SchoolSoft did not open a session".to_owned(),
            )),
            other => other,
        })?;
    let start = parse::parse_start_page(&parse::decode_jsp(response.body()));
    if !start.logged_in {
        return Err(Error::Login(LoginFailure::NoSession(
            "SchoolSoft did not open a session".to_owned(),
        )));
    }
    let mut session = context.session.lock().await;
    session.account = Some(account);
    let header = context.load_header(&mut session).await?;
    Ok(header.user)
}
