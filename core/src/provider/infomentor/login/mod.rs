//! InfoMentor's login: the federated SSO chain through Stockholm's login servers with BankID
//! ([`walk`] as a pure state machine, driven over HTTP by `chain.rs`, the BankID flow in
//! `bankid.rs`), and the silent re-login of a dead Hub session (`silent.rs`).

mod bankid;
mod chain;
mod silent;
pub mod walk;

pub(crate) use bankid::InfoMentorLogin;
pub(crate) use silent::silent_relogin;
