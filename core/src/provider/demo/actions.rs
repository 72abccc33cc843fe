//! The absence reports the demo offers: today and tomorrow, on the days the child attends.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::model::{AbsenceReportAction, Child, EntityId, EntityKind, Platform, SchoolForm};

use super::school_year::SchoolYear;

/// True when `child` attends school or pre-school on `d`.
pub fn attends(child: &Child, year: &SchoolYear, d: Date) -> bool {
    if child.school_forms.contains(&SchoolForm::Forskola) {
        year.is_preschool_day(d)
    } else {
        year.is_school_day(d)
    }
}

/// The offers of `today` and tomorrow (those the child attends); `reported` says whether a day
/// is already reported absent.
pub fn absence_offers(
    child: &Child,
    years: &[SchoolYear],
    today: Date,
    reported: impl Fn(Date) -> bool,
) -> Vec<AbsenceReportAction> {
    let days = [Some(today), today.checked_add(1.day()).ok()];
    days.into_iter()
        .flatten()
        .filter(|d| years.iter().any(|y| attends(child, y, *d)))
        .map(|day| AbsenceReportAction {
            id: EntityId::for_child(&child.id, EntityKind::AbsenceReportAction, &day.to_string()),
            child_id: child.id.clone(),
            day,
            allowed: true,
            locked: false,
            already_reported: reported(day),
            comment: None,
            // Only Skolplattformen's and InfoMentor's forms mark the fritids time too.
            can_mark_care_time: child.school_forms.contains(&SchoolForm::Fritidshem)
                && !matches!(child.platform, Platform::SchoolSoft | Platform::Vklass),
        })
        .collect()
}
