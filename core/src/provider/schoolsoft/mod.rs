//! SchoolSoft (`sms.schoolsoft.se`): one host split into tenants (`/<slug>/`), used by
//! independent school groups and some municipalities.
//!
//! * [`parse`] — pure parsers of every SchoolSoft and GrandID answer Skolbryggan reads.
//! * [`routes`] — the URLs of a tenant.
//! * `context.rs` — the session state (HTTP client, tenant, child in focus) and the two calls
//!   every read goes through: a web REST / JSP call that treats a bounce to `Login.jsp` as an
//!   expired session, and the focus switch with the wrong-child guard.
//! * `login/` — BankID through AcadeMedia's GrandID, username and password (`Login.jsp`), and
//!   the browser login (OAuth 2 with PKCE through the tenant's own identity provider).
//! * `eva_session.rs` — the browser login's tokens: refresh (rotating), Eva reads, and the
//!   token → web-cookie exchange that binds a web session to one child.
//! * [`writes`] — the absence report (JSP AJAX), planned from a fresh read of the form.
//! * [`SchoolSoftProvider`] (`provider.rs`) — the `Provider` impl.
//!
//! See `docs/upstream/schoolsoft.md` for the protocol and what is guessed.

mod child_ref;
mod context;
pub mod endpoints;
mod eva_session;
mod hosts;
mod login;
pub mod parse;
mod platform;
mod provider;
pub mod routes;
mod saved;
mod school_list_cache;
pub mod writes;

pub use child_ref::SchoolSoftChildRef;
pub use hosts::{GRANDID_LOGIN_HOST, GRANDID_SAML_HOST, HOSTS, LOGIN_HOSTS, SMS_HOST};
pub use provider::SchoolSoftProvider;

/// The provider's name.
pub const NAME: &str = "schoolsoft";
