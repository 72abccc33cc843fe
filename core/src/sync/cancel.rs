//! [`CancelToken`]: a cheap, cloneable signal that stops a refresh from any thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

#[derive(Debug, Default)]
struct Shared {
    cancelled: AtomicBool,
    notify: Notify,
}

/// Cancels a refresh. Clones share one state: cancelling any clone cancels them all, from any
/// thread; cancelling twice does nothing more. [`CancelToken::cancelled`] waits for it.
#[derive(Debug, Clone, Default)]
pub struct CancelToken {
    shared: Arc<Shared>,
}

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        CancelToken::default()
    }

    /// Cancels: every waiter of [`CancelToken::cancelled`] wakes up.
    pub fn cancel(&self) {
        self.shared.cancelled.store(true, Ordering::SeqCst);
        self.shared.notify.notify_waiters();
    }

    /// True once [`CancelToken::cancel`] was called on this token or a clone.
    pub fn is_cancelled(&self) -> bool {
        self.shared.cancelled.load(Ordering::SeqCst)
    }

    /// Resolves when the token is cancelled (at once if it already is).
    pub async fn cancelled(&self) {
        loop {
            let notified = self.shared.notify.notified();
            tokio::pin!(notified);
            // Register before checking the flag, so a cancel in between is not missed.
            notified.as_mut().enable();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_clone_cancelled_from_another_thread_wakes_the_waiter() {
        let token = CancelToken::new();
        assert!(!token.is_cancelled());
        let other = token.clone();
        let waiter = tokio::spawn(async move { token.cancelled().await });
        std::thread::spawn(move || other.cancel()).join().unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(5), waiter)
            .await
            .unwrap()
            .unwrap();
    }

    #[tokio::test]
    async fn already_cancelled_resolves_at_once() {
        let token = CancelToken::new();
        token.cancel();
        token.cancel();
        token.cancelled().await;
        assert!(token.is_cancelled());
    }
}
