//! What a listener implemented by the app may raise.
//!
//! Every listener method (`onDataChanged`, `onProgress`, `onUpdate`, `log`) returns a result:
//! an exception thrown by the app's listener arrives in the library as a [`ListenerError`]
//! instead of a panic. The library then drops that one call and keeps going: a subscription
//! stays subscribed, a refresh or a login goes on.

/// An app's listener failed while handling one call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ListenerError {
    /// The listener raised an exception (any exception type; its text is kept for the app's
    /// own debugging and never logged by the library).
    #[error("the listener failed")]
    Failed {
        /// What the exception said.
        detail: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for ListenerError {
    fn from(value: uniffi::UnexpectedUniFFICallbackError) -> Self {
        ListenerError::Failed {
            detail: value.reason,
        }
    }
}

/// Handles the result of one listener call: a failing listener is noted (without its text,
/// which may hold personal data) and otherwise ignored.
pub(crate) fn tolerate(listener: &'static str, result: Result<(), ListenerError>) {
    if result.is_err() {
        tracing::warn!(
            listener,
            "a listener raised an exception; the call was dropped"
        );
    }
}
