//! The silent re-login used when the 40-minute Hub session dies: a fresh SSO walk that succeeds
//! without BankID while the SiteMinder session lives, or, for a session from the IM1 password
//! form, the password walk without credentials (it succeeds only while IM1 still knows the
//! user: the password is never kept).

use std::time::Instant;

use super::LoginKind;
use super::chain::{finish, run_walk};
use super::password::password_session;
use super::walk::{SsoWalk, WalkStep};
use crate::provider::infomentor::context::{Context, SILENT_BLOCK};

/// Tries to get a new Hub session without BankID (a live SiteMinder session makes the IdP answer
/// at once). Blocked for five minutes after a failure. Returns true on success.
pub(crate) async fn silent_relogin(context: &Context) -> bool {
    if let Ok(blocked) = context.silent_blocked().lock()
        && blocked.is_some_and(|until| Instant::now() < until)
    {
        return false;
    }
    // The same guardian: keep the ids' namespace.
    let account = context.hub.lock().await.account.clone();
    let choice = context.choice();
    let ok = match choice.kind {
        LoginKind::Password => password_session(context, None, account).await.is_ok(),
        LoginKind::Federated => {
            let (mut walk, first) = SsoWalk::start(&choice.idp);
            match run_walk(&context.http, &mut walk, first).await {
                Ok(WalkStep::LoggedIn) => finish(context, account).await.is_ok(),
                _ => false,
            }
        }
    };
    if !ok && let Ok(mut blocked) = context.silent_blocked().lock() {
        *blocked = Some(Instant::now() + SILENT_BLOCK);
    }
    tracing::info!(ok, "InfoMentor silent re-login");
    ok
}
