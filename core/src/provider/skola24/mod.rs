//! Skola24, the timetable system behind Stockholm's login (`shared/upstream/skola24.md`).
//!
//! [`parse`] turns its answers (and the SAML single sign-on pages) into the normalized model,
//! without any HTTP; [`client::Skola24Client`] signs on with a Stockholm session and calls the
//! timetable API.

pub mod client;
pub mod endpoints;
pub mod parse;
mod sso;
