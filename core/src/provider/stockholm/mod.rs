//! Stockholm stad's guardian e-services ("Skolplattformen", `etjanster.stockholm.se`;
//! `shared/upstream/stockholm.md`) and, behind the same login, Skola24 timetables.
//!
//! [`parse`] turns every upstream answer into the normalized model, without any HTTP;
//! [`StockholmProvider`] logs in, keeps the session and fetches.

mod bankid;
pub mod child_queue;
mod client;
mod context;
pub mod endpoints;
mod freja;
mod hosts;
mod login_phase;
pub mod parse;
pub mod routes;
pub mod school_form;
mod session;

pub use client::{NAME, StockholmProvider};
pub use hosts::{HOSTS, LOGIN_HOSTS, is_login_host};
