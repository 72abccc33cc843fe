//! Stockholm stad's guardian e-services ("Skolplattformen", `etjanster.stockholm.se`;
//! `shared/upstream/stockholm.md`).
//!
//! [`parse`] turns every upstream answer into the normalized model, without any HTTP.

pub mod parse;
