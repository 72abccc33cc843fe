//! Stockholm stad's guardian e-services ("Skolplattformen") and, behind the same login, Skola24
//! timetables.

// pub mod parse;

pub mod child_queue;
pub mod routes;
