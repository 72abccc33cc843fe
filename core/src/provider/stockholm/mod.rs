//! Stockholm stad's guardian e-services ("Skolplattformen", `etjanster.stockholm.se`;
//! `docs/upstream/stockholm.md`) and, behind the same login, Skola24 timetables.
//!
//! * [`parse`] turns every upstream answer into the normalized model, without any HTTP.
//! * [`routes`] — the URLs and request conventions.
//! * [`StockholmProvider`] (`provider.rs`) logs in (`login/`: BankID, Freja eID+), keeps the
//!   session (`context.rs`, saved by `saved_session.rs`) and fetches; calls on behalf of a child
//!   take a turn in the [`child_queue`].

pub mod child_queue;
mod child_ref;
mod context;
pub mod endpoints;
pub mod eservices_host;
mod hosts;
mod login;
pub mod parse;
mod platform;
mod provider;
pub mod routes;
mod saved_session;
pub mod school_form;

pub use child_ref::StockholmChildRef;
pub use hosts::{HOSTS, LOGIN_HOSTS, is_login_host};
pub use provider::StockholmProvider;

/// The login answers' scanners, for [`crate::testing::scanners`] (fuzzing).
#[cfg(feature = "testing")]
pub(crate) mod login_scan {
    pub(crate) use super::login::map_state as bankid_state;
    pub(crate) use super::login::{app_link as freja_app_link, map_status as freja_status};
}

/// The provider's stable name.
pub const NAME: &str = "stockholm";
