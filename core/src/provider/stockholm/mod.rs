//! Stockholm stad's guardian e-services ("Skolplattformen", `etjanster.stockholm.se`;
//! `shared/upstream/stockholm.md`) and, behind the same login, Skola24 timetables.
//!
//! [`parse`] turns every upstream answer into the normalized model, without any HTTP;
//! [`StockholmProvider`] logs in, keeps the session and fetches.

mod bankid;
pub mod child_queue;
mod client;
mod context;
pub mod eservices_host;
mod freja;
mod login_phase;
pub mod parse;
pub mod routes;
mod session;

pub use client::{NAME, StockholmProvider};
