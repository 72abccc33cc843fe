//! Stockholm stad's guardian e-services ("Skolplattformen") and, behind the same login, Skola24
//! timetables.

// Enabled once the parsers (`parse`) are on main:
// pub mod parse;
// mod bankid;
// mod client;
// mod context;
// mod freja;
// mod session;
// pub use client::{NAME, StockholmProvider};

pub mod child_queue;
pub mod routes;
