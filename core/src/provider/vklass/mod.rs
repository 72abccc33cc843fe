//! Vklass (`custodian.vklass.se`): the guardian application used by Göteborg's schools and many
//! other municipalities.
//!
//! * [`parse`] — pure parsers of every answer Skolbryggan reads (HTML with embedded JSON, a few
//!   JSON calls, the login pages).
//! * [`routes`] — the URLs and request conventions; `hosts.rs` — the hosts.
//! * `context.rs` — the session state (cookie jar, organisation, guardian, wards) and the one
//!   way custodian calls are made (never following redirects: a redirect means "expired").
//! * `login/` — username/password, Göteborg's SAML + BankID QR through the e-ID broker, the
//!   known organisations.
//! * `reads.rs` — the reads with one silent re-login for password sessions; `writes.rs` — the
//!   absence report.
//! * [`VklassProvider`] (`provider.rs`) — the `Provider` impl.
//!
//! See `docs/upstream/vklass.md` for the protocol and which upstream behaviour is guessed.

mod child_ref;
mod context;
pub mod endpoints;
mod hosts;
mod login;
pub mod parse;
mod platform;
mod provider;
mod reads;
pub mod routes;
mod writes;

pub use child_ref::VklassPupilRef;
pub use hosts::{HOSTS, LOGIN_HOSTS};
pub use provider::VklassProvider;

/// The provider's name.
pub const NAME: &str = "vklass";
