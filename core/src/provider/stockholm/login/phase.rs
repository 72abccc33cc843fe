//! Where a Stockholm login flow is. BankID and Freja poll their identity provider until it
//! says signed, then set up the platform session on the next poll, and end the same way.

use crate::error::{Error, Result};

/// The phase of a Stockholm login flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LoginPhase {
    /// Polling the identity provider.
    Polling,
    /// The identity provider said signed: the next poll sets up the platform session.
    Signed,
    /// Logged in.
    Done,
    /// Cancelled by the caller.
    Cancelled,
}

/// What the next poll of a flow does.
pub(super) enum NextStep {
    /// Ask the identity provider for the state.
    PollProvider,
    /// Set up the platform session.
    SetUpSession,
}

impl LoginPhase {
    /// What the next poll does; the typed error once the flow has ended.
    pub(super) fn next_step(self) -> Result<NextStep> {
        match self {
            LoginPhase::Polling => Ok(NextStep::PollProvider),
            LoginPhase::Signed => Ok(NextStep::SetUpSession),
            LoginPhase::Done => Err(Error::InvalidInput(
                "the login has already completed".to_owned(),
            )),
            LoginPhase::Cancelled => Err(Error::Cancelled),
        }
    }

    /// Cancels the flow locally (Stockholm has no cancel endpoint; an order expires on its own).
    /// A completed login stays completed.
    pub(super) fn cancel(&mut self) {
        if *self != LoginPhase::Done {
            *self = LoginPhase::Cancelled;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ended_flows_answer_with_typed_errors() {
        assert!(matches!(
            LoginPhase::Polling.next_step(),
            Ok(NextStep::PollProvider)
        ));
        assert!(matches!(
            LoginPhase::Signed.next_step(),
            Ok(NextStep::SetUpSession)
        ));
        assert!(matches!(
            LoginPhase::Done.next_step(),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            LoginPhase::Cancelled.next_step(),
            Err(Error::Cancelled)
        ));
    }

    #[test]
    fn cancel_keeps_a_completed_login() {
        let mut done = LoginPhase::Done;
        done.cancel();
        assert_eq!(done, LoginPhase::Done);
        let mut polling = LoginPhase::Polling;
        polling.cancel();
        assert_eq!(polling, LoginPhase::Cancelled);
    }
}
