//! The [`Platform`] value of SchoolSoft (declared here, listed by the registry).

use crate::model::Platform;

#[allow(non_upper_case_globals)] // Named like the other platforms' values.
impl Platform {
    /// SchoolSoft (`sms.schoolsoft.se`), used by independent school groups and some
    /// municipalities.
    pub const SchoolSoft: Platform = Platform::new("schoolsoft");
}
