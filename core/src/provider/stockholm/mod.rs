//! Stockholm stad's guardian e-services ("Skolplattformen") and, behind the same login, Skola24
//! timetables.

// pub mod parse;

mod bankid;
pub mod child_queue;
mod client;
mod context;
mod freja;
pub mod routes;
mod session;

pub use client::{NAME, StockholmProvider};
