//! [`BrowserReturn`]: where the app hands a browser login's redirect back to the login that
//! waits for it.

use std::sync::{Arc, Mutex, PoisonError};

use crate::error::{Error, Result};

/// The hand-back slot of a login with a browser step. The app keeps a clone, opens the
/// login's `browser_url`, and calls [`BrowserReturn::hand_back`] with the address the browser
/// was sent to; the login's next poll takes it. Cheap to clone; usable from any thread, before
/// or while the login is polled.
#[derive(Clone, Default)]
pub struct BrowserReturn {
    slot: Arc<Mutex<Slot>>,
}

#[derive(Default)]
struct Slot {
    redirect: Option<String>,
    taken: bool,
}

impl std::fmt::Debug for BrowserReturn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrowserReturn").finish_non_exhaustive()
    }
}

impl BrowserReturn {
    /// An empty slot.
    pub fn new() -> Self {
        BrowserReturn::default()
    }

    /// Hands back the full address the browser was sent to (with its `code` and `state`).
    /// A second hand-back is refused: a login takes exactly one redirect.
    pub fn hand_back(&self, redirect: &str) -> Result<()> {
        let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.taken || slot.redirect.is_some() {
            return Err(Error::InvalidInput(
                "this login already has its redirect".to_owned(),
            ));
        }
        if redirect.trim().is_empty() {
            return Err(Error::InvalidInput(
                "the redirect address is empty".to_owned(),
            ));
        }
        slot.redirect = Some(redirect.trim().to_owned());
        Ok(())
    }

    /// The handed-back address, once (for the login flow).
    pub(crate) fn take(&self) -> Option<String> {
        let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        let redirect = slot.redirect.take();
        if redirect.is_some() {
            slot.taken = true;
        }
        redirect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_redirect_taken_once() {
        let slot = BrowserReturn::new();
        assert_eq!(slot.take(), None);
        assert!(slot.hand_back("  ").is_err());
        let app_side = slot.clone();
        app_side
            .hand_back("http://127.0.0.1:1/cb?code=A&state=B")
            .unwrap();
        assert!(app_side.hand_back("http://127.0.0.1:1/cb?code=C").is_err());
        assert_eq!(
            slot.take().as_deref(),
            Some("http://127.0.0.1:1/cb?code=A&state=B")
        );
        assert_eq!(slot.take(), None);
        assert!(app_side.hand_back("http://127.0.0.1:1/cb?code=D").is_err());
    }
}
