//! The silent re-login used when the 40-minute Hub session dies: a fresh SSO walk that succeeds
//! without BankID while the SiteMinder session lives.

use std::time::Instant;

use super::chain::{finish, run_walk};
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
    let (mut walk, first) = SsoWalk::start(&context.idp);
    let outcome = run_walk(&context.http, &mut walk, first).await;
    let ok = match outcome {
        Ok(WalkStep::LoggedIn) => {
            // The same guardian: keep the ids' namespace.
            let account = context.hub.lock().await.account.clone();
            finish(context, account).await.is_ok()
        }
        _ => false,
    };
    if !ok && let Ok(mut blocked) = context.silent_blocked().lock() {
        *blocked = Some(Instant::now() + SILENT_BLOCK);
    }
    tracing::info!(ok, "InfoMentor silent re-login");
    ok
}
