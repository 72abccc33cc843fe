//! The tokio runtime that runs background tasks (listeners, subscriptions).
//!
//! Async exports run on UniFFI's tokio integration (`async_runtime = "tokio"`); tasks that
//! outlive a call (a data-changed subscription) are spawned here, through a stored handle, so a
//! synchronous export never needs an ambient runtime ("there is no reactor running").

use std::sync::OnceLock;

use tokio::runtime::{Builder, Runtime};

use crate::error::{FfiResult, SkolbrygganError};

static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();

/// The shared runtime (two worker threads), created on first use.
pub(crate) fn runtime() -> FfiResult<&'static Runtime> {
    RUNTIME
        .get_or_init(|| {
            Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("skolbryggan")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| SkolbrygganError::internal(format!("could not start the runtime: {e}")))
}
