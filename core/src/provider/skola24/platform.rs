//! The [`Platform`] value of Skola24 (declared here, listed by the registry).

use crate::model::Platform;

#[allow(non_upper_case_globals)] // Named like the enum variant it used to be.
impl Platform {
    /// Skola24, the timetable system behind Stockholm's login.
    pub const Skola24: Platform = Platform::new("skola24");
}
