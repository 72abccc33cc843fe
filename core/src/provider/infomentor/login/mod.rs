//! InfoMentor's logins: the federated SSO chain through the municipality's identity provider
//! (Stockholm: BankID; [`walk`] as a pure state machine, driven over HTTP by `chain.rs`, the
//! BankID flow in `bankid.rs`), the IM1 username/password form ([`password_walk`], driven by
//! `password.rs`), which of the two a session came from (`choice.rs`, kept in the saved
//! session), and the silent re-login of a dead Hub session (`silent.rs`).

mod bankid;
mod chain;
mod choice;
mod password;
pub mod password_walk;
mod silent;
pub mod walk;

pub(crate) use bankid::InfoMentorLogin;
pub(crate) use choice::{
    LoginChoice, LoginKind, known_organisations, open as open_secret, seal as seal_secret,
    validate_idp,
};
pub(crate) use password::PasswordLogin;
pub(crate) use silent::silent_relogin;
