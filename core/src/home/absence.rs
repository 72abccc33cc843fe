//! The absence state of a child's day, derived from what is cached.
//!
//! Two sources, in this order:
//! 1. The platform's absence-report offer for the day ([`AbsenceReportAction`], in
//!    [`FamilySnapshot::absence_report_actions`](crate::model::FamilySnapshot)): it carries the
//!    permission, lock and already-reported flags upstream sent (cached as
//!    `ResourceKind::AbsenceOptions`, re-read fresh before every write).
//! 2. The attendance registrations ([`AttendanceRecord`]): a whole-day absence registered for
//!    the day means it was reported, even when no offer is cached.
//!
//! With neither, the state is [`AbsenceState::Unknown`]: the app shows no absence button
//! rather than guessing.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{AbsenceReportAction, AttendanceRecord, AttendanceStatus};

/// What the absence button of a child's day can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceState {
    /// The child is reported absent today, and the report can no longer be withdrawn here (or
    /// no offer is cached to withdraw it with).
    ReportedToday,
    /// The platform offers reporting the child absent today.
    CanReport,
    /// The child is reported absent today and the platform offers withdrawing the report.
    CanWithdraw,
    /// Too late to report or change today (the platform locked the day).
    Locked,
    /// The platform does not let this guardian report absence for this child.
    NotOffered,
    /// Nothing cached says: no offer and no registration for the day.
    Unknown,
}

/// The state of `date` from one child's cached offers and attendance registrations.
pub fn absence_state<'a>(
    date: Date,
    offers: impl IntoIterator<Item = &'a AbsenceReportAction>,
    attendance: impl IntoIterator<Item = &'a AttendanceRecord>,
) -> AbsenceState {
    let registered = attendance
        .into_iter()
        .any(|r| r.date == date && r.is_whole_day() && r.status == AttendanceStatus::Absent);
    match offers.into_iter().find(|o| o.day == date) {
        Some(offer) => from_offer(offer, registered),
        None if registered => AbsenceState::ReportedToday,
        None => AbsenceState::Unknown,
    }
}

fn from_offer(offer: &AbsenceReportAction, registered: bool) -> AbsenceState {
    let reported = offer.already_reported || registered;
    if offer.can_withdraw() {
        AbsenceState::CanWithdraw
    } else if reported {
        AbsenceState::ReportedToday
    } else if !offer.allowed {
        AbsenceState::NotOffered
    } else if offer.locked {
        AbsenceState::Locked
    } else {
        AbsenceState::CanReport
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityId, EntityKind};
    use jiff::civil::date;

    fn child() -> EntityId {
        EntityId::from_raw("demo:acc:child:1".to_owned())
    }

    fn offer(day: Date, allowed: bool, locked: bool, already: bool) -> AbsenceReportAction {
        AbsenceReportAction {
            id: EntityId::for_child(&child(), EntityKind::AbsenceReportAction, &day.to_string()),
            child_id: child(),
            day,
            allowed,
            locked,
            already_reported: already,
            comment: None,
            can_mark_care_time: false,
        }
    }

    fn absent(day: Date, lesson: Option<&str>) -> AttendanceRecord {
        AttendanceRecord {
            id: EntityId::for_child(&child(), EntityKind::Attendance, &day.to_string()),
            child_id: child(),
            date: day,
            lesson: lesson.map(str::to_owned),
            start: None,
            end: None,
            status: AttendanceStatus::Absent,
            registration_type: None,
            reason: None,
            comment: None,
            reported_by: None,
            minutes: None,
        }
    }

    const DAY: Date = date(2026, 11, 25);

    #[test]
    fn an_offer_decides_by_its_flags() {
        let none: [AttendanceRecord; 0] = [];
        let cases = [
            ((true, false, false), AbsenceState::CanReport),
            ((true, false, true), AbsenceState::CanWithdraw),
            ((true, true, false), AbsenceState::Locked),
            ((true, true, true), AbsenceState::ReportedToday),
            ((false, false, false), AbsenceState::NotOffered),
            ((false, false, true), AbsenceState::ReportedToday),
        ];
        for ((allowed, locked, already), want) in cases {
            let offers = [offer(DAY, allowed, locked, already)];
            assert_eq!(
                absence_state(DAY, &offers, &none),
                want,
                "allowed {allowed} locked {locked} already {already}"
            );
        }
    }

    #[test]
    fn only_the_days_offer_counts() {
        let none: [AttendanceRecord; 0] = [];
        let tomorrow = date(2026, 11, 26);
        let offers = [offer(tomorrow, true, false, false)];
        assert_eq!(absence_state(DAY, &offers, &none), AbsenceState::Unknown);
        assert_eq!(
            absence_state(tomorrow, &offers, &none),
            AbsenceState::CanReport
        );
    }

    #[test]
    fn a_whole_day_absence_registration_means_reported() {
        let no_offers: [AbsenceReportAction; 0] = [];
        assert_eq!(
            absence_state(DAY, &no_offers, &[absent(DAY, None)]),
            AbsenceState::ReportedToday
        );
        // One lesson's absence is no day report.
        assert_eq!(
            absence_state(DAY, &no_offers, &[absent(DAY, Some("Matematik"))]),
            AbsenceState::Unknown
        );
        // A locked offer with a registration: reported, not merely locked.
        let offers = [offer(DAY, true, true, false)];
        assert_eq!(
            absence_state(DAY, &offers, &[absent(DAY, None)]),
            AbsenceState::ReportedToday
        );
    }

    #[test]
    fn nothing_cached_is_unknown() {
        let no_offers: [AbsenceReportAction; 0] = [];
        let none: [AttendanceRecord; 0] = [];
        assert_eq!(absence_state(DAY, &no_offers, &none), AbsenceState::Unknown);
    }
}
