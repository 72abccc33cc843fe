//! The [`Platform`] value of Vklass (declared here, listed by the registry).

use crate::model::Platform;

#[allow(non_upper_case_globals)] // Named like the other platforms' values.
impl Platform {
    /// Vklass (`custodian.vklass.se`).
    pub const Vklass: Platform = Platform::new("vklass");
}
