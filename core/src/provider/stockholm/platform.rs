//! The [`Platform`] value of Stockholm's e-services (declared here, listed by the registry).

use crate::model::Platform;

#[allow(non_upper_case_globals)] // Named like the enum variant it used to be.
impl Platform {
    /// Stockholm stad's guardian e-services ("Skolplattformen", `etjanster.stockholm.se`).
    pub const Stockholm: Platform = Platform::new("stockholm");
}
