//! InfoMentor Hub (`hub.infomentor.se`): the guardian Hub that Stockholm's schools are moving to.
//!
//! * [`parse`] — pure parsers of every Hub answer Skolbryggan reads.
//! * [`routes`] — the URLs and request conventions.
//! * `context.rs` — the session state the rest share (HTTP client, Hub start page, selected
//!   pupil) and the Hub calls with the pupil switch.
//! * `login/` — the BankID login ([`walk`]: the SSO → BankID page → SAML and InfoMentor hand-off
//!   as a pure state machine) and the silent re-login.
//! * `reads.rs` — reads with one silent re-login and retry; `care_times.rs` — the weekly care
//!   times with their comments.
//! * [`writes`] — the two write actions, planned from a fresh read (permission checks,
//!   idempotency) and checked after.
//! * [`InfoMentorProvider`] (`provider.rs`) — the `Provider` impl.
//!
//! See `NOTES.md` next to this file for what is implemented and which upstream behaviour is
//! guessed.

mod care_times;
mod child_ref;
mod context;
mod hosts;
mod login;
pub mod parse;
mod platform;
mod provider;
mod reads;
pub mod routes;
pub mod writes;

pub use child_ref::InfoMentorPupilRef;
pub use login::walk;
pub use provider::InfoMentorProvider;

pub use crate::provider::WriteOutcome;

/// The provider's name.
pub const NAME: &str = "infomentor";
pub use hosts::{HOSTS, LOGIN_HOSTS};
