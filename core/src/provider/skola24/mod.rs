//! Skola24, the timetable system behind Stockholm's login (`docs/upstream/skola24.md`).
//!
//! * [`parse`] turns its answers (and the SAML single sign-on pages) into the normalized model,
//!   without any HTTP.
//! * [`routes`] — the URLs and request conventions.
//! * [`Skola24Context`] signs on with a Stockholm session (`login/`) and calls the timetable API
//!   (`provider.rs`); Stockholm's provider holds one.

mod child_ref;
mod context;
pub mod endpoints;
mod login;
pub mod parse;
mod platform;
mod provider;
pub mod routes;

pub use child_ref::Skola24ChildRef;
pub use context::Skola24Context;
