//! The demo family's school work (assignments, attendance, care times), generated apart from
//! the family's snapshot with a dice of its own, so the rest of the family (and the emulator,
//! which serves that snapshot) stays as it was.

use crate::model::{Assignment, AttendanceRecord, CareTime, Child, Platform, SchoolForm};

use super::names::Dice;
use super::school_year::SchoolYear;
use super::{assignment, attendance, care_time};

/// Mixed into the family's seed for the school work's own dice.
const SALT: u64 = 0x5c01_3a7e_0000_0013;

/// Assignments, attendance history and care times of every child, for whole school years;
/// [`crate::provider::demo::DemoProvider`] shows them as of its day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolWork {
    /// Weekly homework of the school children.
    pub assignments: Vec<Assignment>,
    /// Absences and late arrivals on school days.
    pub attendance: Vec<AttendanceRecord>,
    /// Care times of the pre-school child and the fritids children.
    pub care_times: Vec<CareTime>,
}

impl SchoolWork {
    /// Generates the school work of `children` over `years`. Deterministic in `seed`.
    pub fn generate(seed: u64, children: &[Child], years: &[SchoolYear]) -> SchoolWork {
        let mut dice = Dice::new(seed ^ SALT);
        let mut out = SchoolWork::default();
        for child in children {
            let preschool = child.school_forms.contains(&SchoolForm::Forskola);
            let secondary = child.platform == Platform::InfoMentor;
            for year in years {
                if !preschool {
                    out.assignments
                        .extend(assignment::assignments(child, secondary, year, &mut dice));
                    // Vklass lists no attendance history, only today's presence (shown by
                    // the provider from the care day).
                    if child.platform != Platform::Vklass {
                        out.attendance
                            .extend(attendance::attendance(child, secondary, year, &mut dice));
                    }
                }
                if preschool || child.school_forms.contains(&SchoolForm::Fritidshem) {
                    out.care_times
                        .extend(care_time::care_times(child, year, &mut dice));
                }
            }
        }
        out
    }
}
