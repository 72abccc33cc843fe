//! The [`Platform`] value of InfoMentor (declared here, listed by the registry).

use crate::model::Platform;

#[allow(non_upper_case_globals)] // Named like the enum variant it used to be.
impl Platform {
    /// InfoMentor Hub (`hub.infomentor.se`).
    pub const InfoMentor: Platform = Platform::new("infomentor");
}
