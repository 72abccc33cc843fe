//! InfoMentor Hub (`hub.infomentor.se`): the guardian Hub that Stockholm's schools are moving to.
//!
//! * [`parse`] — pure parsers of every Hub answer Skolbryggan reads.
//! * [`routes`] — the URLs and request conventions.
//! * [`walk`] — the login walk (SSO → BankID page → SAML and InfoMentor hand-off) as a pure
//!   state machine.
//! * [`writes`] — the two write actions planned from a fresh read (permission checks,
//!   idempotency).
//!
//! See `NOTES.md` next to this file for what is implemented and which upstream behaviour is
//! guessed.

mod client;
mod flow;
mod hosts;
pub mod parse;
pub mod routes;
pub mod walk;
pub mod writes;

pub use client::{InfoMentorProvider, NAME, WriteOutcome};
pub use hosts::{HOSTS, LOGIN_HOSTS};
